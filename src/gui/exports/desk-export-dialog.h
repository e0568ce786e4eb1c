/* desk-export-dialog.h — choosing what an export holds, then writing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_EXPORT_DIALOG (desk_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskExportDialog, desk_export_dialog, DESK, EXPORT_DIALOG, AdwWindow)

typedef enum
{
  DESK_EXPORT_BUNDLE, /* the bundle for the secretariat: period, privacy, preview */
  DESK_EXPORT_IATI,   /* the IATI activity file: period only */
} DeskExportMode;

/* A dialog for the main group of @store. The toast that says the file was saved goes to
 * @parent when it is a DeskWindow. */
DeskExportDialog *desk_export_dialog_new      (GtkWindow      *parent,
                                               DeskStore      *store,
                                               DeskExportMode  mode);
DeskExportMode    desk_export_dialog_get_mode (DeskExportDialog *self);

G_END_DECLS
