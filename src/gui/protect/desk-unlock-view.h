/* desk-unlock-view.h — the passphrase page a protected database opens on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_UNLOCK_VIEW (desk_unlock_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskUnlockView, desk_unlock_view, DESK, UNLOCK_VIEW, AdwBin)

GtkWidget *desk_unlock_view_new          (DeskStore      *store);
/* Reads the group's name again and empties the field, for a view shown once more. */
void       desk_unlock_view_reset        (DeskUnlockView *self);
/* TRUE while an unlock runs (the spinner turns). */
gboolean   desk_unlock_view_get_busy     (DeskUnlockView *self);

G_END_DECLS
