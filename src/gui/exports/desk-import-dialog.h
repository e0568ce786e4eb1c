/* desk-import-dialog.h — what a bundle would change, then importing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-job.h"

G_BEGIN_DECLS

#define DESK_TYPE_IMPORT_DIALOG (desk_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskImportDialog, desk_import_dialog, DESK, IMPORT_DIALOG, AdwWindow)

/* Reads the plan of importing @file into @store (a dry run: nothing changes until the
 * user imports). NULL and core's message when the file is not a bundle that can be
 * imported. The toast after the import goes to @parent when it is a DeskWindow. */
DeskImportDialog *desk_import_dialog_new      (GtkWindow   *parent,
                                               DeskStore   *store,
                                               GFile       *file,
                                               GError     **error);
DeskImportPlan   *desk_import_dialog_get_plan (DeskImportDialog *self);

/* The same through a job (desk-job.h): the plan is read on a worker while @parent waits,
 * then @opened is called on the main thread with the dialog (not yet shown), or NULL and
 * core's message. NULL with @error when the job could not start. */
typedef void (*DeskImportDialogOpened) (DeskImportDialog *dialog,
                                        const GError     *error,
                                        gpointer          user_data);
DeskJob          *desk_import_dialog_open     (GtkWindow               *parent,
                                               DeskStore               *store,
                                               GFile                   *file,
                                               DeskImportDialogOpened   opened,
                                               gpointer                 user_data,
                                               GError                 **error);

G_END_DECLS
