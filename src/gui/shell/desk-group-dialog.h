/* desk-group-dialog.h — the form that creates the coordinator's group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_GROUP_DIALOG (desk_group_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskGroupDialog, desk_group_dialog, DESK, GROUP_DIALOG, AdwWindow)

GtkWidget *desk_group_dialog_new       (DeskStore       *store);
DeskStore *desk_group_dialog_get_store (DeskGroupDialog *self);

G_END_DECLS
