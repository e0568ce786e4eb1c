/* desk-protect-dialog-private.h — what tests reach inside the protect dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-protect-dialog.h"

G_BEGIN_DECLS

/* What Argon2id may spend; NULL (the default) is core's default. Tests pass
 * desk_kdf_cost_fastest(); production never calls this. */
void        _desk_protect_dialog_set_kdf_cost     (DeskProtectDialog *self,
                                                   const DeskKdfCost *cost);
/* Types the passphrase and its repetition, as a person would. */
void        _desk_protect_dialog_set_texts        (DeskProtectDialog *self,
                                                   const char        *passphrase,
                                                   const char        *again);
/* TRUE when the dialog's main button (Turn On, Change) can be pressed. */
gboolean    _desk_protect_dialog_can_apply        (DeskProtectDialog *self);
/* "passphrase" or "key". */
const char *_desk_protect_dialog_get_page         (DeskProtectDialog *self);
/* The recovery key shown on the second page, or NULL before it. */
const char *_desk_protect_dialog_get_recovery_key (DeskProtectDialog *self);
/* The strength bar's value (a DeskPassphraseStrength) and the hint under it. */
double      _desk_protect_dialog_get_strength     (DeskProtectDialog *self);
const char *_desk_protect_dialog_get_hint         (DeskProtectDialog *self);
/* The sentence under the fields, or NULL. */
const char *_desk_protect_dialog_get_error        (DeskProtectDialog *self);
/* TRUE while the store is being protected or rewrapped. */
gboolean    _desk_protect_dialog_get_busy         (DeskProtectDialog *self);
/* Checks the "I have written it down" box. */
void        _desk_protect_dialog_confirm_written  (DeskProtectDialog *self);

G_END_DECLS
