/* desk-unlock-view-private.h — what tests reach inside the passphrase page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-unlock-view.h"

G_BEGIN_DECLS

/* For tests: types @text into the field, as a person would. */
void       _desk_unlock_view_set_text          (DeskUnlockView *self,
                                                const char     *text);
/* The sentence under the field, or NULL when none is shown. */
const char *_desk_unlock_view_get_error        (DeskUnlockView *self);
/* TRUE when the field asks for the recovery key rather than the passphrase. */
gboolean   _desk_unlock_view_get_recovery_mode (DeskUnlockView *self);

G_END_DECLS
