/* desk-exports-page-private.h — test hooks of the Exports page and its dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-exports-page.h"
#include "desk-export-dialog.h"
#include "desk-export-endorsement.h"
#include "desk-import-dialog.h"
#include "desk-job.h"

G_BEGIN_DECLS

/* The page */
GListModel       *_desk_exports_page_get_history       (DeskExportsPage *self);
GtkColumnView    *_desk_exports_page_get_column_view   (DeskExportsPage *self);
/* The dialog the page opened last, while it is open. */
DeskExportDialog *_desk_exports_page_get_export_dialog (DeskExportsPage *self);
/* What Import a Bundle… does once the file chooser has answered. */
DeskImportDialog *_desk_exports_page_import_file       (DeskExportsPage *self,
                                                        GFile           *file,
                                                        GError         **error);

/* The export dialog */
void                     _desk_export_dialog_set_period           (DeskExportDialog  *self,
                                                                   const char        *from,
                                                                   const char        *to);
/* The period chosen, as ISO dates (newly allocated); both NULL when it is not valid. */
void                     _desk_export_dialog_get_period           (DeskExportDialog  *self,
                                                                   char             **from,
                                                                   char             **to);
void                     _desk_export_dialog_set_privacy          (DeskExportDialog  *self,
                                                                   DeskPrivacy        privacy);
DeskPrivacy              _desk_export_dialog_get_privacy          (DeskExportDialog  *self);
const char              *_desk_export_dialog_get_privacy_sentence (DeskExportDialog  *self);
const DeskBundlePreview *_desk_export_dialog_get_preview          (DeskExportDialog  *self);
const char              *_desk_export_dialog_get_count_text       (DeskExportDialog  *self,
                                                                   const char        *kind);
GtkListBox              *_desk_export_dialog_get_problem_list     (DeskExportDialog  *self);
GtkButton               *_desk_export_dialog_get_export_button    (DeskExportDialog  *self);
/* “Endorsed by the Group”, read by the next export. */
DeskExportEndorsement   *_desk_export_dialog_get_endorsement      (DeskExportDialog  *self);
gboolean                 _desk_export_dialog_export_to            (DeskExportDialog  *self,
                                                                   const char        *path,
                                                                   GError           **error);
/* What Save… does once the chooser has answered: the job writing @path, not waited for;
 * NULL with @error when it could not start. */
DeskJob                 *_desk_export_dialog_start_export         (DeskExportDialog  *self,
                                                                   const char        *path,
                                                                   GError           **error);

/* The import dialog */
/* The plural label of one of the bundle's kinds ("Members"), as the export's preview. */
const char *_desk_bundle_kind_label               (const char        *kind);
const char *_desk_import_dialog_get_status_text   (DeskImportDialog  *self);
GtkButton  *_desk_import_dialog_get_import_button (DeskImportDialog  *self);
const char *_desk_import_dialog_get_count_text    (DeskImportDialog  *self,
                                                   const char        *kind,
                                                   guint              column);
gboolean    _desk_import_dialog_import            (DeskImportDialog  *self,
                                                   GError           **error);
/* What the Import button does: the job, not waited for. */
DeskJob    *_desk_import_dialog_start_import      (DeskImportDialog  *self);

G_END_DECLS
