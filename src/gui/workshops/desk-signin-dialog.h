/* desk-signin-dialog.h — importing a sign-in sheet: mapping, preview, then one write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-job.h"

G_BEGIN_DECLS

#define DESK_TYPE_SIGNIN_DIALOG (desk_signin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskSigninDialog, desk_signin_dialog, DESK, SIGNIN_DIALOG, AdwWindow)

/* Reads @file for @workshop_uuid and shows what each row will become; writes nothing
 * until the user imports. NULL and core's message when the file is refused (empty,
 * binary, too large, no column of names). */
DeskSigninDialog *desk_signin_dialog_new    (GtkWindow   *parent,
                                             DeskStore   *store,
                                             const char  *workshop_uuid,
                                             GFile       *file,
                                             GError     **error);
DeskSigninPlan   *desk_signin_dialog_get_plan (DeskSigninDialog *self);
/* The preview's rows (one item per row of the sheet) and the counts line. */
GListModel       *desk_signin_dialog_get_preview (DeskSigninDialog *self);
const char       *desk_signin_dialog_get_counts_text (DeskSigninDialog *self);
/* The drop-down that says which header holds @column. */
GtkDropDown      *desk_signin_dialog_get_mapping (DeskSigninDialog *self,
                                                  DeskSigninColumn  column);
/* The fate of the preview's row @position, as the preview words it. */
char             *desk_signin_dialog_dup_fate_text (DeskSigninDialog *self,
                                                    guint             position);

/* What Import does: the sheet is read again and imported on a worker (desk-job.h) while
 * the dialog waits, with progress and Cancel; when done, one step of the window's
 * history and the dialog closes. Returns the job (a new reference; it may have ended
 * already), or NULL when there is nothing to import or an import runs. */
DeskJob          *desk_signin_dialog_start_import (DeskSigninDialog *self);

G_END_DECLS
