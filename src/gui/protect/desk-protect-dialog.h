/* desk-protect-dialog.h — turning name protection on, or changing the passphrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_PROTECT_DIALOG (desk_protect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskProtectDialog, desk_protect_dialog, DESK, PROTECT_DIALOG, AdwWindow)

typedef enum
{
  DESK_PROTECT_DIALOG_PROTECT,  /* turns protection on, then shows the recovery key once */
  DESK_PROTECT_DIALOG_CHANGE,   /* a new passphrase for a protected, unlocked store */
} DeskProtectDialogMode;

GtkWidget *desk_protect_dialog_new (DeskStore             *store,
                                    DeskProtectDialogMode  mode,
                                    GtkWindow             *parent);

G_END_DECLS
