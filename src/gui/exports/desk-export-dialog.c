/* desk-export-dialog.c
 *
 * One dialog for both exports. For the bundle it asks for the period and the privacy
 * level and shows, as they change, what the bundle will hold and what the secretariat
 * will ask about (desk_bundle_preview); for the IATI file it asks for the period only.
 * On a large group the preview's queries take longer than a frame, so they run on a
 * worker thread with a read connection of its own; a change of the period or privacy
 * while one runs cancels it (its answer is dropped) and asks again.
 * Save… asks where, writes through core (which validates the file before it renames it
 * into place) and closes with a toast on the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-export-dialog.h"
#include "desk-export-dialog-private.h"
#include "desk-date-row.h"
#include "desk-dialog.h"
#include "desk-export-endorsement.h"
#include "desk-exports-page-private.h"
#include "desk-file-chooser.h"
#include "desk-job.h"
#include "desk-names-locked.h"
#include "desk-widget-util.h"


G_DEFINE_FINAL_TYPE (DeskExportDialog, desk_export_dialog, ADW_TYPE_WINDOW)

/* Periods */

/* The last full quarter, half-year and year before @today. */
static void
make_presets (DeskExportDialog *self)
{
  g_autofree char *today = desk_store_dup_today (self->store);
  GDate date;
  GDate start;
  int year;
  int month;

  if (!desk_date_parse (today, &date))
    g_date_set_time_t (&date, time (NULL));
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);

  /* The quarter before the one @today is in. */
  g_date_set_dmy (&start, 1, (GDateMonth) (((month - 1) / 3) * 3 + 1), (GDateYear) year);
  g_date_subtract_months (&start, 3);
  self->preset_from[PERIOD_QUARTER] = desk_date_to_string (&start);
  g_date_add_months (&start, 3);
  g_date_subtract_days (&start, 1);
  self->preset_to[PERIOD_QUARTER] = desk_date_to_string (&start);

  if (month > 6)
    {
      self->preset_from[PERIOD_HALF_YEAR] = g_strdup_printf ("%04d-01-01", year);
      self->preset_to[PERIOD_HALF_YEAR] = g_strdup_printf ("%04d-06-30", year);
    }
  else
    {
      self->preset_from[PERIOD_HALF_YEAR] = g_strdup_printf ("%04d-07-01", year - 1);
      self->preset_to[PERIOD_HALF_YEAR] = g_strdup_printf ("%04d-12-31", year - 1);
    }

  self->preset_from[PERIOD_YEAR] = g_strdup_printf ("%04d-01-01", year - 1);
  self->preset_to[PERIOD_YEAR] = g_strdup_printf ("%04d-12-31", year - 1);
}

static char *
format_period (const char *from,
               const char *to)
{
  return desk_date_format_period (from, to);
}

static void
fill_period_list (DeskExportDialog *self)
{
  for (guint i = 0; i < PERIOD_CUSTOM; i++)
    {
      g_autofree char *period = format_period (self->preset_from[i], self->preset_to[i]);
      g_autofree char *label = NULL;

      switch ((PeriodPreset) i)
        {
        case PERIOD_QUARTER:
          label = g_strdup_printf (_("Last quarter: %s"), period);
          break;
        case PERIOD_HALF_YEAR:
          label = g_strdup_printf (_("Last half-year: %s"), period);
          break;
        case PERIOD_YEAR:
        case PERIOD_CUSTOM:
        default:
          label = g_strdup_printf (_("Last year: %s"), period);
          break;
        }
      gtk_string_list_append (self->period_list, label);
    }
  gtk_string_list_append (self->period_list, _("Other dates"));
}

/* The period chosen, as two ISO dates (newly allocated). FALSE, with the sentence to show
 * in @error and the row at fault marked, when a date typed is no date, one is missing or
 * the first comes after the last. */
gboolean
_desk_export_dialog_get_period_iso (DeskExportDialog  *self,
            char             **from,
            char             **to,
            GError           **error)
{
  guint selected = adw_combo_row_get_selected (self->period_row);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  *from = NULL;
  *to = NULL;

  if (selected < PERIOD_CUSTOM)
    {
      *from = g_strdup (self->preset_from[selected]);
      *to = g_strdup (self->preset_to[selected]);
      return TRUE;
    }

  /* A text that is no date: the row says so itself, with the sentence naming the text. */
  if (!desk_date_row_get_iso (self->from_row, &first, error) ||
      !desk_date_row_get_iso (self->to_row, &last, error))
    return FALSE;

  if (first == NULL || last == NULL || strcmp (first, last) > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (first == NULL ? self->from_row : self->to_row), "error");
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Enter the first and the last day of the period, the first before the last."));
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  *from = g_steal_pointer (&first);
  *to = g_steal_pointer (&last);

  return TRUE;
}

/* Preview */

static GtkWidget *
make_count_cell (DeskExportDialog      *self,
                 const DeskBundleCount *count)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (count->label);
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, count->count);
  GtkWidget *number = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (number), 1.0f);
  gtk_widget_add_css_class (number, "numeric");
  if (count->count == 0)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (number, "dim-label");
    }
  else
    gtk_widget_add_css_class (number, "heading");

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), number);
  g_hash_table_insert (self->count_labels, (gpointer) count->kind, number);

  return box;
}

static GtkWidget *
make_problem_row (const DeskBundleProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
update_export_button (DeskExportDialog *self)
{
  gboolean problems = self->preview != NULL && self->preview->problems->len > 0;

  if (self->mode == DESK_EXPORT_IATI)
    gtk_button_set_label (self->export_button, _("_Export…"));
  else if (problems)
    gtk_button_set_label (self->export_button, _("_Export Anyway…"));
  else
    gtk_button_set_label (self->export_button, _("_Export…"));

  /* Exporting with problems loses nothing, the secretariat only asks about them: the
   * button stays the suggested action (from the template) whatever its label says. */
}

/* The preview (taken), or why there is none. */
static void
show_preview (DeskExportDialog  *self,
              DeskBundlePreview *preview,
              const GError      *error)
{
  g_autofree char *description = NULL;

  g_clear_pointer (&self->preview, desk_bundle_preview_free);
  self->preview = preview;
  if (self->preview == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      adw_preferences_group_set_description (self->preview_group, error->message);
      update_export_button (self);
      return;
    }

  for (guint i = 0, cell = 0; i < self->preview->counts->len; i++)
    {
      const DeskBundleCount *count = &g_array_index (self->preview->counts, DeskBundleCount, i);

      /* Amendments are news only when there are some. */
      if (count->count == 0 && g_str_equal (count->kind, "amendment"))
        continue;
      gtk_grid_attach (self->count_grid, make_count_cell (self, count), (int) (cell % 2), (int) (cell / 2), 1, 1);
      cell++;
    }

  for (guint i = 0; i < self->preview->problems->len; i++)
    gtk_list_box_append (self->problem_list, make_problem_row (g_ptr_array_index (self->preview->problems, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->preview->problems->len > 0);

  description = g_strdup_printf (_("Bundle %lld holds every record of the group as it "
                                   "stands today, so that the Secretariat’s copy is complete; "
                                   "the period says which months it reports on."),
                                 (long long) self->preview->sequence);
  adw_preferences_group_set_description (self->preview_group, description);

  update_export_button (self);
}

/* The preview on a worker */

typedef struct
{
  char *path;
  gboolean read_only;
  GDateTime *now;
  char *group_uuid;
  char *from;
  char *to;
  DeskPrivacy privacy;
} PreviewRequest;

static void
preview_request_free (gpointer data)
{
  PreviewRequest *request = data;

  g_free (request->path);
  g_clear_pointer (&request->now, g_date_time_unref);
  g_free (request->group_uuid);
  g_free (request->from);
  g_free (request->to);
  g_free (request);
}

/* On the worker: a connection of its own, opened and closed here. */
static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  DeskBundlePreview *preview = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = request->read_only ? desk_store_open_read_only (request->path, &error)
                             : desk_store_open (request->path, &error);
  if (store != NULL)
    {
      desk_store_set_now (store, request->now);
      preview = desk_bundle_preview (store, request->group_uuid, request->from, request->to,
                                     request->privacy, &error);
    }
  g_clear_object (&store);

  if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) desk_bundle_preview_free);
}

static void
preview_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *dialog_ref = user_data;
  g_autoptr(DeskExportDialog) self = g_weak_ref_get (dialog_ref);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  DeskBundlePreview *preview;

  g_weak_ref_clear (dialog_ref);
  g_free (dialog_ref);

  /* An answer to a question asked again since (or the dialog closed): dropped. */
  if (self == NULL || g_task_get_cancellable (task) != self->preview_cancellable)
    {
      desk_bundle_preview_free (g_task_propagate_pointer (task, NULL));
      return;
    }
  g_clear_object (&self->preview_cancellable);

  preview = g_task_propagate_pointer (task, &error);
  if (self->count_grid == NULL)
    {
      desk_bundle_preview_free (preview);
      return;
    }
  show_preview (self, preview, error);
}

static void
cancel_preview (DeskExportDialog *self)
{
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
}

static void
start_preview (DeskExportDialog *self,
               const char       *from,
               const char       *to)
{
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request = g_new0 (PreviewRequest, 1);
  GWeakRef *dialog_ref;

  cancel_preview (self);
  self->preview_cancellable = g_cancellable_new ();

  request->path = g_strdup (desk_store_get_path (self->store));
  request->read_only = desk_store_is_read_only (self->store);
  request->now = desk_store_dup_now (self->store);
  request->group_uuid = g_strdup (self->group_uuid);
  request->from = g_strdup (from);
  request->to = g_strdup (to);
  request->privacy = self->privacy;

  /* The task holds the dialog weakly: a dialog closed while the worker reads goes at
   * once, rather than when the worker is done, by which time the window it belonged to
   * (its transient parent) may have gone too. */
  dialog_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (dialog_ref, self);
  task = g_task_new (NULL, self->preview_cancellable, preview_ready_cb, dialog_ref);
  g_task_set_name (task, "export preview");
  g_task_set_task_data (task, request, preview_request_free);
  /* At a lower priority, as a job's worker: on two cores it must not take the window's
   * turn to draw. */
  desk_job_run_in_thread (task, preview_thread);
}

void
_desk_export_dialog_refresh (DeskExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) period_error = NULL;
  DeskBundlePreview *preview;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean valid;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  cancel_preview (self);

  valid = self->group_uuid != NULL && _desk_export_dialog_get_period_iso (self, &from, &to, &period_error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", valid);

  if (self->mode == DESK_EXPORT_IATI)
    {
      update_export_button (self);
      return;
    }

  g_clear_pointer (&self->preview, desk_bundle_preview_free);
  g_hash_table_remove_all (self->count_labels);
  desk_widget_remove_children (GTK_WIDGET (self->count_grid));
  desk_widget_remove_children (GTK_WIDGET (self->problem_list));

  if (!valid)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      adw_preferences_group_set_description (self->preview_group,
                                             period_error != NULL ? period_error->message : NULL);
      update_export_button (self);
      return;
    }

  /* A database in a file: read on a worker, and shown when it arrives. */
  if (desk_store_get_path (self->store) != NULL)
    {
      start_preview (self, from, to);
      adw_preferences_group_set_description (self->preview_group, _("Counting the records…"));
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      update_export_button (self);
      return;
    }

  preview = desk_bundle_preview (self->store, self->group_uuid, from, to, self->privacy, &error);
  show_preview (self, preview, error);
}

static void
queue_refresh (DeskExportDialog *self)
{
  desk_schedule_once (&self->refresh_idle, G_PRIORITY_DEFAULT_IDLE, 0, (DeskOnceFunc) _desk_export_dialog_refresh, self);
}

/* Saving: on a worker thread (desk-job.c), with its own connection to the database */

typedef struct
{
  DeskExportMode mode;
  char *group_uuid;
  char *from;
  char *to;
  DeskPrivacy privacy;
  char *endorsed_on;         /* NULL: not endorsed */
  char *endorsed_meeting;
  char *endorsed_chair;
  char *path;
  gint64 sequence;           /* the bundle's number, once written */
  char *export_uuid;         /* its export record, once written */
} ExportWork;

static void
export_work_free (gpointer data)
{
  ExportWork *work = data;

  g_free (work->group_uuid);
  g_free (work->from);
  g_free (work->to);
  g_free (work->endorsed_on);
  g_free (work->endorsed_meeting);
  g_free (work->endorsed_chair);
  g_free (work->path);
  g_free (work->export_uuid);
  g_free (work);
}

/* The export record just written: the group's one with the highest number. */
static void
find_export_record (DeskStore  *store,
                    ExportWork *work)
{
  g_autoptr(GPtrArray) exports = desk_store_list (store, DESK_KIND_EXPORT, work->group_uuid, NULL);

  for (guint i = 0; exports != NULL && i < exports->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (exports, i);
      gint64 sequence = desk_record_get_int (record, "sequence");

      if (work->export_uuid == NULL || sequence > work->sequence)
        {
          g_free (work->export_uuid);
          work->export_uuid = g_strdup (desk_record_get_uuid (record));
          work->sequence = sequence;
        }
    }
}

/* On the worker. */
static gboolean
export_work (DeskStore         *store,
             gpointer           data,
             GCancellable      *cancellable,
             DeskProgressFunc   progress,
             gpointer           progress_data,
             GError           **error)
{
  ExportWork *work = data;
  DeskEndorsement endorsement = { work->endorsed_on, work->endorsed_meeting, work->endorsed_chair };

  if (work->mode == DESK_EXPORT_IATI)
    /* A few hundred activities at most: quick, so not cancelled half-way. */
    return !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           desk_iati_export (store, work->group_uuid, work->from, work->to, work->path, error);

  if (!desk_bundle_export_endorsed (store, work->group_uuid, work->from, work->to, work->privacy,
                                    work->endorsed_on != NULL ? &endorsement : NULL,
                                    work->path, cancellable, progress, progress_data, error))
    return FALSE;
  find_export_record (store, work);

  return TRUE;
}

/* Back on the main thread. */
static void
export_done (DeskJob      *job,
             gpointer      data,
             const GError *error,
             gpointer      user_data)
{
  DeskExportDialog *self = user_data;
  ExportWork *work = data;
  g_autofree char *message = NULL;

  /* Cancelled, or the dialog was closed meanwhile (its template is gone). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->error_label == NULL)
    return;
  if (error != NULL)
    {
      desk_dialog_show_error (self->error_label, error->message);
      return;
    }

  if (work->mode == DESK_EXPORT_IATI)
    {
      g_autofree char *base = g_path_get_basename (work->path);

      message = g_strdup_printf (_("IATI activity file %s saved"), base);
    }
  else
    {
      /* Written on another connection: the window's store announces it, so the
       * Exports page's history shows it. */
      if (desk_job_on_worker (job) && work->export_uuid != NULL)
        desk_store_announce_change (self->store, DESK_KIND_EXPORT, work->export_uuid);
      message = g_strdup_printf (_("Bundle %lld saved — checked against the schema"),
                                 (long long) work->sequence);
    }

  desk_dialog_finish_with_file (GTK_WINDOW (self), message, work->path);
}

DeskJob *
_desk_export_dialog_start (DeskExportDialog  *self,
              const char        *path,
              GError           **error)
{
  ExportWork *work;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *on = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *chair = NULL;

  if (self->refresh_idle != 0)
    _desk_export_dialog_refresh (self);
  if (!_desk_export_dialog_get_period_iso (self, &from, &to, error))
    return NULL;
  if (self->mode == DESK_EXPORT_BUNDLE &&
      !desk_export_endorsement_read (self->endorsement_group, &on, &meeting, &chair, error))
    return NULL;
  if (self->group_uuid == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                           _("There is no group yet. Create your group or load the sample data first."));
      return NULL;
    }

  desk_dialog_show_error (self->error_label, NULL);

  work = g_new0 (ExportWork, 1);
  work->mode = self->mode;
  work->group_uuid = g_strdup (self->group_uuid);
  work->from = g_steal_pointer (&from);
  work->to = g_steal_pointer (&to);
  work->privacy = self->privacy;
  work->endorsed_on = g_steal_pointer (&on);
  work->endorsed_meeting = g_steal_pointer (&meeting);
  work->endorsed_chair = g_steal_pointer (&chair);
  work->path = g_strdup (path);
  work->sequence = self->preview != NULL ? self->preview->sequence : 0;

  return desk_job_start (GTK_WINDOW (self), self->store,
                         self->mode == DESK_EXPORT_IATI ? _("Saving the IATI activity file")
                                                        : _("Saving the bundle"),
                         export_work, work, export_work_free, export_done, self);
}

static void
file_chosen (gpointer  owner,
             GFile    *file)
{
  DeskExportDialog *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      desk_dialog_show_error (self->error_label,
                              _("Choose a folder on this computer: the file cannot be written there."));
      return;
    }

  g_clear_object (&self->job);
  self->job = _desk_export_dialog_start (self, path, &error);
  if (self->job == NULL)
    desk_dialog_show_error (self->error_label, error->message);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (widget);
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!_desk_export_dialog_get_period_iso (self, &from, &to, NULL))
    return;

  if (self->mode == DESK_EXPORT_IATI)
    {
      name = g_strdup_printf ("%s-iati-%s.xml", self->group_code, to);
      filter = desk_file_filter_new (_("IATI activity files (XML)"), "xml", NULL);
    }
  else
    {
      name = desk_bundle_suggest_name (self->store, self->group_uuid, to);
      filter = desk_file_filter_new (_("Groupdesk bundles"), DESK_BUNDLE_SUFFIX + 1, NULL);
    }

  desk_file_chooser_ask (self, GTK_WINDOW (self),
                         self->mode == DESK_EXPORT_IATI ? _("Save the IATI Activity File")
                                                        : _("Save the Bundle"),
                         name, file_chosen, filter, NULL);
}

/* Callbacks */

static void
period_changed_cb (DeskExportDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (self->period_row) == PERIOD_CUSTOM;

  if (custom && gtk_editable_get_text (GTK_EDITABLE (self->from_row))[0] == '\0' &&
      self->preset_from[PERIOD_QUARTER] != NULL)
    {
      desk_date_row_set_iso (self->from_row, self->preset_from[PERIOD_QUARTER]);
      desk_date_row_set_iso (self->to_row, self->preset_to[PERIOD_QUARTER]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  queue_refresh (self);
}

static void
custom_changed_cb (DeskExportDialog *self)
{
  queue_refresh (self);
}

static void
privacy_toggled_cb (DeskExportDialog *self,
                    GtkCheckButton   *check)
{
  if (!gtk_check_button_get_active (check))
    return;

  /* Pseudonyms and names are made from names: locked, they ask to unlock first. */
  if (check != self->aggregate_check && self->store != NULL &&
      !desk_names_ask_unlock (GTK_WIDGET (self), self->store))
    {
      gtk_check_button_set_active (self->aggregate_check, TRUE);
      return;
    }

  if (check == self->pseudonymous_check)
    self->privacy = DESK_PRIVACY_PSEUDONYMOUS;
  else if (check == self->named_check)
    self->privacy = DESK_PRIVACY_NAMED;
  else
    self->privacy = DESK_PRIVACY_AGGREGATE;
  queue_refresh (self);
}

static void
problem_activated_cb (DeskExportDialog *self,
                      GtkListBoxRow    *row)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  int index = gtk_list_box_row_get_index (row);
  const DeskBundleProblem *problem;
  g_autofree char *kind = NULL;
  g_autofree char *uuid = NULL;

  if (self->preview == NULL || index < 0 || (guint) index >= self->preview->problems->len)
    return;

  problem = g_ptr_array_index (self->preview->problems, index);
  kind = g_strdup (problem->kind);
  uuid = g_strdup (problem->uuid);

  /* The record's page is behind this dialog: the dialog makes way for it. */
  gtk_window_destroy (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-record", "(ss)", kind, uuid);
}

/* Overrides */

static void
desk_export_dialog_dispose (GObject *object)
{
  DeskExportDialog *self = (DeskExportDialog *) object;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  cancel_preview (self);
  desk_file_chooser_cancel (self);
  /* Closed while it writes (the window went away): nothing is kept. */
  if (self->job != NULL)
    desk_job_cancel (self->job);
  g_clear_object (&self->job);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->dispose (object);
}

static void
desk_export_dialog_finalize (GObject *object)
{
  DeskExportDialog *self = (DeskExportDialog *) object;

  g_clear_object (&self->store);
  g_free (self->group_uuid);
  g_free (self->group_code);
  for (guint i = 0; i < PERIOD_CUSTOM; i++)
    {
      g_free (self->preset_from[i]);
      g_free (self->preset_to[i]);
    }
  g_clear_pointer (&self->preview, desk_bundle_preview_free);
  g_clear_pointer (&self->count_labels, g_hash_table_unref);

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->finalize (object);
}

static void
desk_export_dialog_class_init (DeskExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_export_dialog_dispose;
  object_class->finalize = desk_export_dialog_finalize;

  g_type_ensure (DESK_TYPE_DATE_ROW);
  g_type_ensure (DESK_TYPE_EXPORT_ENDORSEMENT);

  desk_dialog_class_set_template (widget_class, "/org/voluntaryprinciples/Groupdesk/ui/desk-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, period_list);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, aggregate_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, pseudonymous_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, named_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, aggregate_check);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, pseudonymous_check);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, named_check);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, count_grid);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog, endorsement_group);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, privacy_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_activated);
}

static void
desk_export_dialog_init (DeskExportDialog *self)
{
  AdwActionRow *rows[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->count_labels = g_hash_table_new (g_str_hash, g_str_equal);

  rows[0] = self->aggregate_row;
  rows[1] = self->pseudonymous_row;
  rows[2] = self->named_row;
  for (DeskPrivacy level = DESK_PRIVACY_AGGREGATE; level <= DESK_PRIVACY_NAMED; level++)
    {
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows[level]), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[level]), desk_privacy_label (level));
      adw_action_row_set_subtitle (rows[level], desk_bundle_describe_privacy (level));
    }
}

/* Public API */

DeskExportDialog *
desk_export_dialog_new (GtkWindow      *parent,
                        DeskStore      *store,
                        DeskExportMode  mode)
{
  g_autoptr(DeskRecord) group = NULL;
  DeskExportDialog *self;
  gboolean bundle = mode == DESK_EXPORT_BUNDLE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->mode = mode;

  group = desk_store_dup_main_group (store);
  if (group != NULL)
    {
      self->group_uuid = g_strdup (desk_record_get_uuid (group));
      self->group_code = g_strdup (desk_record_get_string (group, "code"));
    }
  if (self->group_code == NULL)
    self->group_code = g_strdup ("group");

  gtk_window_set_title (GTK_WINDOW (self), bundle ? _("Export for the Secretariat")
                                                  : _("Export IATI Activity File"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_label_set_label (self->intro_label,
                       bundle
                       ? _("The bundle is one file with the group’s plans, budget, spending and "
                           "workshops, checked against the secretariat’s schema before it is "
                           "saved. Send it by e-mail or on a USB stick.")
                       : _("The IATI activity file describes each workplan and its activities, "
                           "with their budgets and the money spent and received in the period, "
                           "in the format of the International Aid Transparency Initiative "
                           "(version 2.03)."));
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_group), bundle);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), bundle);
  gtk_widget_set_visible (GTK_WIDGET (self->endorsement_group), bundle);

  /* Protected names leave this computer in plain text only by this choice. */
  if (desk_store_get_protection (store) != DESK_PROTECTION_OFF)
    {
      g_autofree char *named = g_strconcat (desk_bundle_describe_privacy (DESK_PRIVACY_NAMED), " ",
                                            _("Names are protected on this computer, but a named "
                                              "bundle carries them in plain text, because you "
                                              "choose it here."),
                                            NULL);

      adw_action_row_set_subtitle (self->named_row, named);
    }

  make_presets (self);
  fill_period_list (self);
  adw_combo_row_set_selected (self->period_row, PERIOD_QUARTER);
  _desk_export_dialog_refresh (self);

  return self;
}

DeskExportMode
desk_export_dialog_get_mode (DeskExportDialog *self)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), DESK_EXPORT_BUNDLE);

  return self->mode;
}
