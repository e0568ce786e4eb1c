/* desk-export-dialog-hooks.c — what tests reach inside the export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-export-dialog"

#include "config.h"

#include "desk-export-dialog-private.h"
#include "desk-exports-page-private.h"

void
_desk_export_dialog_set_period (DeskExportDialog *self,
                                const char       *from,
                                const char       *to)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->period_row, PERIOD_CUSTOM);
  desk_date_row_set_iso (self->from_row, from);
  desk_date_row_set_iso (self->to_row, to);
  _desk_export_dialog_refresh (self);
}

void
_desk_export_dialog_get_period (DeskExportDialog  *self,
                                char             **from,
                                char             **to)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));

  _desk_export_dialog_get_period_iso (self, from, to, NULL);
}

void
_desk_export_dialog_set_privacy (DeskExportDialog *self,
                                 DeskPrivacy       privacy)
{
  GtkCheckButton *checks[] = { self->aggregate_check, self->pseudonymous_check, self->named_check };

  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));

  /* As a click would: the row's check button, then the preview follows. */
  gtk_check_button_set_active (checks[privacy], TRUE);
  _desk_export_dialog_refresh (self);
}

DeskPrivacy
_desk_export_dialog_get_privacy (DeskExportDialog *self)
{
  return self->privacy;
}

const char *
_desk_export_dialog_get_privacy_sentence (DeskExportDialog *self)
{
  AdwActionRow *rows[] = { self->aggregate_row, self->pseudonymous_row, self->named_row };

  return adw_action_row_get_subtitle (rows[self->privacy]);
}

const DeskBundlePreview *
_desk_export_dialog_get_preview (DeskExportDialog *self)
{
  if (self->refresh_idle != 0)
    _desk_export_dialog_refresh (self);
  /* Read on a worker: waited for, as a test or the bench wants the answer. */
  while (self->preview_cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);

  return self->preview;
}

const char *
_desk_export_dialog_get_count_text (DeskExportDialog *self,
                                    const char       *kind)
{
  GtkLabel *label;

  if (self->refresh_idle != 0)
    _desk_export_dialog_refresh (self);
  label = g_hash_table_lookup (self->count_labels, kind);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

GtkListBox *
_desk_export_dialog_get_problem_list (DeskExportDialog *self)
{
  return self->problem_list;
}

GtkButton *
_desk_export_dialog_get_export_button (DeskExportDialog *self)
{
  return self->export_button;
}

DeskExportEndorsement *
_desk_export_dialog_get_endorsement (DeskExportDialog *self)
{
  return self->endorsement_group;
}

/* Writes the file to @path as Save… does once the chooser has answered, and waits for
 * the job: on success the toast is shown and the dialog closes. */
gboolean
_desk_export_dialog_export_to (DeskExportDialog  *self,
                               const char        *path,
                               GError           **error)
{
  g_autoptr(DeskJob) job = NULL;

  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), FALSE);

  job = _desk_export_dialog_start (self, path, error);

  return job != NULL && desk_job_wait (job, error);
}

DeskJob *
_desk_export_dialog_start_export (DeskExportDialog  *self,
                                  const char        *path,
                                  GError           **error)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), NULL);

  return _desk_export_dialog_start (self, path, error);
}
