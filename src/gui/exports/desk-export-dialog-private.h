/* desk-export-dialog-private.h — between the export dialog's files
 *
 * desk-export-dialog.c builds and runs the dialog; desk-export-dialog-hooks.c holds what
 * the tests reach inside it (desk-exports-page-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-export-dialog.h"
#include "desk-export-endorsement.h"
#include "desk-date-row.h"
#include "desk-job.h"

G_BEGIN_DECLS

typedef enum
{
  PERIOD_QUARTER,
  PERIOD_HALF_YEAR,
  PERIOD_YEAR,
  PERIOD_CUSTOM,
} PeriodPreset;

struct _DeskExportDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  DeskExportMode mode;
  char *group_uuid;
  char *group_code;
  char *preset_from[PERIOD_CUSTOM];
  char *preset_to[PERIOD_CUSTOM];
  DeskPrivacy privacy;
  DeskBundlePreview *preview;
  GHashTable *count_labels;     /* kind → GtkLabel */
  guint refresh_idle;
  GCancellable *preview_cancellable; /* the preview being read on a worker, if any */
  DeskJob *job;                 /* the last export started */

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton *export_button;
  GtkLabel *intro_label;
  GtkLabel *error_label;
  AdwComboRow *period_row;
  GtkStringList *period_list;
  DeskDateRow *from_row;
  DeskDateRow *to_row;
  AdwPreferencesGroup *privacy_group;
  AdwActionRow *aggregate_row;
  AdwActionRow *pseudonymous_row;
  AdwActionRow *named_row;
  GtkCheckButton *aggregate_check;
  GtkCheckButton *pseudonymous_check;
  GtkCheckButton *named_check;
  AdwPreferencesGroup *problems_group;
  GtkListBox *problem_list;
  AdwPreferencesGroup *preview_group;
  GtkGrid *count_grid;
  DeskExportEndorsement *endorsement_group;
};

/* The period chosen, as ISO dates; FALSE with core's sentence when a date is not one. */
gboolean  _desk_export_dialog_get_period_iso (DeskExportDialog  *self,
                                              char             **from,
                                              char             **to,
                                              GError           **error);
/* Reads the preview again for the period and privacy chosen. */
void      _desk_export_dialog_refresh        (DeskExportDialog  *self);
/* Starts writing the file to @path on a worker; NULL with @error when what the dialog
 * holds cannot be exported (a period or endorsement date that is no date). */
DeskJob  *_desk_export_dialog_start          (DeskExportDialog  *self,
                                              const char        *path,
                                              GError           **error);

G_END_DECLS
