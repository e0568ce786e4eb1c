/* desk-import-dialog.c
 *
 * The secretariat's side, or a coordinator moving to a new laptop: what a bundle is
 * (group, period, number, privacy) and what importing it would add, update and delete,
 * from core's dry run, before anything changes. A bundle imported before says there is
 * nothing to do; one refused says why and offers Import Anyway. A fork of the group's
 * chain or a replay of an older bundle also offers the safe answer, Set Aside or Refuse:
 * the import without force, which core refuses and writes down in the group's history
 * (bundle_offers), so the secretariat's status counts what was offered through the app
 * as it counts what the command line was given. Cancel decides nothing and writes
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-import-dialog.h"
#include "desk-dialog.h"
#include "desk-exports-page-private.h"
#include "desk-job.h"
#include "desk-widget-util.h"


struct _DeskImportDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  char *path;
  DeskImportPlan *plan;
  char *refused;        /* why the plain import is refused, when Import Anyway is offered */
  DeskJob *job;         /* the import, once started */
  gboolean decided;     /* set aside or refused: the dialog only says so */

  /* Template widgets */
  GtkButton *cancel_button;
  GtkButton *import_button;
  GtkButton *set_aside_button;
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkLabel *error_label;
  AdwActionRow *group_row;
  AdwActionRow *period_row;
  AdwActionRow *sequence_row;
  AdwActionRow *privacy_row;
  AdwActionRow *created_row;
  AdwPreferencesGroup *changes_group;
  GtkGrid *count_grid;
};

G_DEFINE_FINAL_TYPE (DeskImportDialog, desk_import_dialog, ADW_TYPE_WINDOW)

/* The bundle's kinds, as the export's preview names them. */
static const struct {
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "group", N_("Group") },
  { "member", N_("Members") },
  { "workplan", N_("Workplans") },
  { "activity", N_("Activities") },
  { "deliverable", N_("Deliverables") },
  { "indicator", N_("Indicators") },
  { "indicator_value", N_("Indicator values") },
  { "budget_line", N_("Budget lines") },
  { "budget_revision", N_("Budget revisions") },
  { "expense", N_("Expenses") },
  { "funding", N_("Funding receipts") },
  { "rate", N_("Exchange rates") },
  { "workshop", N_("Workshops") },
  { "person", N_("Participants") },
  { "attendance", N_("Attendance records") },
  { "nomination", N_("Plenary nominations") },
  { "attachment", N_("Attachments") },
  { "attendance_counts", N_("Workshops with attendance counts") },
  { "tombstone", N_("Deletions") },
};

const char *
_desk_bundle_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].kind, kind) == 0)
      return _(kind_labels[i].label);

  return kind;
}

/* The kinds' names wrap rather than end in an ellipsis: the dialog is narrow. */
static GtkWidget *
grid_label (const char *text,
            gboolean    number,
            const char *css_class)
{
  GtkWidget *label = desk_grid_label_new (text, number, css_class);

  if (!number)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
    }

  return label;
}

static void
fill_counts (DeskImportDialog *self)
{
  /* What importing will do, not what it did: the Chinese differs (新增, not 已添加). */
  static const char *const headings[] = {
    NULL, NC_("import preview", "Added"), NC_("import preview", "Updated"),
    NC_("import preview", "Deleted"), NC_("import preview", "Unchanged"),
  };
  int row = 1;

  desk_widget_remove_children (GTK_WIDGET (self->count_grid));

  gtk_grid_attach (self->count_grid, grid_label (_("Kind of Record"), FALSE, "heading"), 0, 0, 1, 1);
  for (int c = 1; c < (int) G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->count_grid,
                     grid_label (g_dpgettext2 (GETTEXT_PACKAGE, "import preview", headings[c]),
                                 TRUE, "heading"), c, 0, 1, 1);

  for (guint i = 0; self->plan->counts != NULL && i < self->plan->counts->len; i++)
    {
      const DeskImportCount *count = &g_array_index (self->plan->counts, DeskImportCount, i);
      /* What a deletion takes with it counts as deleted: the preview hides nothing. */
      guint values[] = { count->added, count->updated, count->deleted + count->cascaded,
                         count->unchanged };
      gboolean any = FALSE;

      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        any |= values[c] > 0;
      if (!any)
        continue;

      gtk_grid_attach (self->count_grid, grid_label (_desk_bundle_kind_label (count->kind), FALSE, NULL), 0, row, 1, 1);
      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        {
          g_autofree char *text = g_strdup_printf ("%'u", values[c]);
          GtkWidget *label = grid_label (text, TRUE, values[c] == 0 ? "dim-label" : NULL);

          g_object_set_data (G_OBJECT (label), "desk-kind", (gpointer) count->kind);
          gtk_grid_attach (self->count_grid, label, (int) c + 1, row, 1, 1);
        }
      row++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), row > 1);
}

/* The value of a row of the Bundle group, on its right, where the eye reads it. */
static void
set_value (AdwActionRow *row,
           const char   *text)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "desk-value");

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      adw_action_row_add_suffix (row, label);
      g_object_set_data (G_OBJECT (row), "desk-value", label);
    }
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
}

/* A fork or a replay, not imported yet: its import without force is refused and written
 * down, which is the safe answer to offer beside Import Anyway. */
static gboolean
offers_safe_answer (DeskImportDialog *self)
{
  return self->refused != NULL && !self->plan->already_imported &&
         (self->plan->fork || self->plan->replay);
}

static void
show_plan (DeskImportDialog *self)
{
  DeskImportPlan *plan = self->plan;
  DeskPrivacy privacy = DESK_PRIVACY_AGGREGATE;
  g_autofree char *group = NULL;
  g_autofree char *period = desk_date_format_period (plan->period_start, plan->period_end);
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT, plan->sequence);
  g_autofree char *created = desk_date_format_timestamp (plan->created);
  g_autofree char *status = NULL;

  /* TRANSLATORS: a group's name, then its short code in brackets. */
  group = g_strdup_printf (_("%s (%s)"), plan->group_name, plan->group_code);
  set_value (self->group_row, group);
  set_value (self->period_row, period);
  set_value (self->sequence_row, sequence);
  if (desk_privacy_from_string (plan->privacy, &privacy))
    set_value (self->privacy_row, desk_privacy_label (privacy));
  else
    set_value (self->privacy_row, plan->privacy);
  set_value (self->created_row, created);

  fill_counts (self);

  gtk_widget_remove_css_class (GTK_WIDGET (self->import_button), "destructive-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->set_aside_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.set-aside", FALSE);

  if (plan->already_imported)
    {
      status = g_strdup (_("Nothing to do: this bundle was imported before, and importing "
                           "it again would change nothing."));
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
    }
  else if (self->refused != NULL)
    {
      status = g_strdup (self->refused);
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_button_set_label (self->import_button, _("_Import Anyway"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->import_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "destructive-action");
      if (offers_safe_answer (self))
        {
          const char *choice;
          char *with_choice;

          if (plan->fork)
            {
              gtk_button_set_label (self->set_aside_button, _("_Set Aside"));
              choice = _("Set Aside keeps it in the group’s history without importing "
                         "anything of it; Import Anyway applies it.");
            }
          else
            {
              gtk_button_set_label (self->set_aside_button, _("_Refuse"));
              choice = _("Refuse counts the offer in the group’s history without "
                         "importing anything of it; Import Anyway applies it again.");
            }
          with_choice = g_strconcat (status, " ", choice, NULL);
          g_free (status);
          status = with_choice;
          gtk_widget_set_visible (GTK_WIDGET (self->set_aside_button), TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.set-aside", TRUE);
          gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->set_aside_button));
        }
    }
  else if (desk_import_plan_total (plan, 0) + desk_import_plan_total (plan, 1) +
           desk_import_plan_total (plan, 2) == 0)
    {
      status = g_strdup (_("Importing changes no record: this database already holds all of "
                           "them, as they are or newer. The bundle will be noted as imported."));
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_button_set_label (self->import_button, _("_Import"));
    }
  else
    {
      /* TRANSLATORS: the counts of records an import adds, updates and deletes. */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Importing adds %u record, updates %u and deletes %u. "
                                             "The database is backed up first.",
                                             "Importing adds %u records, updates %u and deletes %u. "
                                             "The database is backed up first.",
                                             desk_import_plan_total (plan, DESK_IMPORT_ADDED)),
                                desk_import_plan_total (plan, DESK_IMPORT_ADDED),
                                desk_import_plan_total (plan, DESK_IMPORT_UPDATED),
                                desk_import_plan_total (plan, DESK_IMPORT_DELETED) +
                                desk_import_plan_total (plan, DESK_IMPORT_CASCADED));
      gtk_image_set_from_icon_name (self->status_icon, "document-open-symbolic");
      gtk_button_set_label (self->import_button, _("_Import"));
    }
  if (plan->gap != NULL && !plan->already_imported)
    {
      char *with_gap = g_strconcat (status, " ", plan->gap, NULL);

      g_free (status);
      status = with_gap;
    }
  gtk_label_set_label (self->status_label, status);
}

/* The fork set aside or the replay refused, as core wrote it down: what it said, and
 * nothing left to decide but Close. */
static void
show_decided (DeskImportDialog *self,
              const char       *message)
{
  g_autofree char *status = NULL;

  self->decided = TRUE;
  /* Core's refusal of a fork says it was set aside; a replay's says only why. */
  if (self->plan->fork)
    status = g_strdup (message);
  else
    status = g_strconcat (message, " ",
                          _("It was refused and counted in the group’s history; nothing of "
                            "it was imported."), NULL);
  gtk_label_set_label (self->status_label, status);
  gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
  desk_dialog_show_error (self->error_label, NULL);
  /* The counts were what Import Anyway would have done: nothing was. */
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->set_aside_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.set-aside", FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->cancel_button));
}

static DeskJob *start_import (DeskImportDialog *self,
                              gboolean          force);

/* Errors are shown by import_done. */
static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);

  if (self->plan->already_imported || self->decided)
    return;
  g_clear_object (&self->job);
  self->job = start_import (self, self->refused != NULL);
}

/* The import without force: core refuses it and writes the offer down. */
static void
set_aside_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);

  if (!offers_safe_answer (self) || self->decided)
    return;
  g_clear_object (&self->job);
  self->job = start_import (self, FALSE);
}

static void
desk_import_dialog_dispose (GObject *object)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  /* Closed while it imports (the window went away): nothing is kept. */
  if (self->job != NULL)
    desk_job_cancel (self->job);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (desk_import_dialog_parent_class)->dispose (object);
}

static void
desk_import_dialog_finalize (GObject *object)
{
  DeskImportDialog *self = (DeskImportDialog *) object;

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->refused);
  g_clear_pointer (&self->plan, desk_import_plan_free);

  G_OBJECT_CLASS (desk_import_dialog_parent_class)->finalize (object);
}

static void
desk_import_dialog_class_init (DeskImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_import_dialog_dispose;
  object_class->finalize = desk_import_dialog_finalize;

  desk_dialog_class_set_template (widget_class, "/org/voluntaryprinciples/Groupdesk/ui/desk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, set_aside_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, sequence_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, privacy_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, created_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog, count_grid);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "import.set-aside", NULL, set_aside_activated);
}

static void
desk_import_dialog_init (DeskImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Reading the plan: a dry run, on the worker when it is opened through a job. */

typedef struct
{
  char *path;
  DeskImportPlan *plan;
  char *refused;        /* see DeskImportDialog */
  DeskStore *window_store;
  DeskImportDialogOpened opened;
  gpointer user_data;
} PlanWork;

static void
plan_work_free (gpointer data)
{
  PlanWork *work = data;

  g_free (work->path);
  g_clear_pointer (&work->plan, desk_import_plan_free);
  g_free (work->refused);
  g_clear_object (&work->window_store);
  g_free (work);
}

static gboolean
plan_work (DeskStore         *store,
           gpointer           data,
           GCancellable      *cancellable,
           DeskProgressFunc   progress,
           gpointer           progress_data,
           GError           **error)
{
  PlanWork *work = data;
  g_autoptr(DeskImportPlan) plan = NULL;

  plan = desk_bundle_import_full (store, work->path, FALSE, TRUE, cancellable, progress,
                                  progress_data, error);
  if (plan == NULL)
    return FALSE;

  /* An older bundle, a fork of the group's chain, deletions that take records with them:
   * the reason, and what Import Anyway would do, with every count shown. */
  if ((plan->refused != NULL || plan->cascade != NULL) && !plan->already_imported)
    {
      g_autoptr(GError) forced_error = NULL;
      g_autoptr(DeskImportPlan) forced = NULL;

      forced = desk_bundle_import_full (store, work->path, TRUE, TRUE, cancellable, progress,
                                        progress_data, &forced_error);
      if (g_error_matches (forced_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&forced_error));
          return FALSE;
        }
      work->refused = plan->refused != NULL && plan->cascade != NULL
                        ? g_strconcat (plan->refused, " ", plan->cascade, NULL)
                        : g_strdup (plan->refused != NULL ? plan->refused : plan->cascade);
      if (forced != NULL)
        {
          desk_import_plan_free (plan);
          plan = g_steal_pointer (&forced);
        }
    }
  work->plan = g_steal_pointer (&plan);

  return TRUE;
}

static char *
file_path (GFile   *file,
           GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                         _("Copy the bundle to a folder on this computer first, then import it."));

  return path;
}

static DeskImportDialog *
dialog_new (GtkWindow *parent,
            DeskStore *store,
            PlanWork  *work)
{
  DeskImportDialog *self = g_object_new (DESK_TYPE_IMPORT_DIALOG,
                                         "transient-for", parent,
                                         NULL);

  self->store = g_object_ref (store);
  self->path = g_steal_pointer (&work->path);
  self->refused = g_steal_pointer (&work->refused);
  self->plan = g_steal_pointer (&work->plan);
  show_plan (self);

  return self;
}

DeskImportDialog *
desk_import_dialog_new (GtkWindow  *parent,
                        DeskStore  *store,
                        GFile      *file,
                        GError    **error)
{
  PlanWork work = { 0 };
  DeskImportDialog *self = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  work.path = file_path (file, error);
  if (work.path != NULL && plan_work (store, &work, NULL, NULL, NULL, error))
    self = dialog_new (parent, store, &work);
  g_free (work.path);
  g_free (work.refused);
  g_clear_pointer (&work.plan, desk_import_plan_free);

  return self;
}

static void
plan_done (DeskJob      *job,
           gpointer      data,
           const GError *error,
           gpointer      user_data)
{
  PlanWork *work = data;
  GtkWindow *parent = user_data;
  DeskImportDialog *dialog = NULL;

  if (error == NULL)
    dialog = dialog_new (parent, work->window_store, work);
  work->opened (dialog, error, work->user_data);
}

DeskJob *
desk_import_dialog_open (GtkWindow               *parent,
                         DeskStore               *store,
                         GFile                   *file,
                         DeskImportDialogOpened   opened,
                         gpointer                 user_data,
                         GError                 **error)
{
  PlanWork *work;
  g_autofree char *path = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (opened != NULL, NULL);

  path = file_path (file, error);
  if (path == NULL)
    return NULL;

  work = g_new0 (PlanWork, 1);
  work->path = g_steal_pointer (&path);
  work->window_store = g_object_ref (store);
  work->opened = opened;
  work->user_data = user_data;

  return desk_job_start (parent, store, _("Reading the bundle"), plan_work, work,
                         plan_work_free, plan_done, parent);
}

DeskImportPlan *
desk_import_dialog_get_plan (DeskImportDialog *self)
{
  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), NULL);

  return self->plan;
}

/* Test hooks (desk-exports-page-private.h) */

const char *
_desk_import_dialog_get_status_text (DeskImportDialog *self)
{
  return gtk_label_get_label (self->status_label);
}

GtkButton *
_desk_import_dialog_get_import_button (DeskImportDialog *self)
{
  return self->import_button;
}

/* The figure the dialog shows for @kind in @column (0 added … 3 unchanged), or NULL when
 * the kind has no row. */
const char *
_desk_import_dialog_get_count_text (DeskImportDialog *self,
                                    const char       *kind,
                                    guint             column)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->count_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int c;

      gtk_grid_query_child (self->count_grid, child, &c, NULL, NULL, NULL);
      if (c == (int) column + 1 && g_strcmp0 (g_object_get_data (G_OBJECT (child), "desk-kind"), kind) == 0)
        return gtk_label_get_label (GTK_LABEL (child));
    }

  return NULL;
}

/* Importing: on the worker, then the main window reads the database again. */

typedef struct
{
  char *path;
  gboolean force;
  gboolean set_aside;   /* the safe answer to a fork or a replay: refused, written down */
  gboolean new_group;
  DeskImportPlan *done;
} ImportWork;

static void
import_work_free (gpointer data)
{
  ImportWork *work = data;

  g_free (work->path);
  g_clear_pointer (&work->done, desk_import_plan_free);
  g_free (work);
}

static gboolean
import_work (DeskStore         *store,
             gpointer           data,
             GCancellable      *cancellable,
             DeskProgressFunc   progress,
             gpointer           progress_data,
             GError           **error)
{
  ImportWork *work = data;

  work->done = desk_bundle_import_full (store, work->path, work->force, FALSE, cancellable,
                                        progress, progress_data, error);

  return work->done != NULL;
}

static void
import_done (DeskJob      *job,
             gpointer      data,
             const GError *error,
             gpointer      user_data)
{
  DeskImportDialog *self = user_data;
  ImportWork *work = data;
  DeskImportPlan *done = work->done;
  g_autofree char *message = NULL;
  GtkWindow *main_window;

  /* Cancelled, or the dialog was closed meanwhile (its template is gone). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->error_label == NULL)
    return;
  /* Core refuses a fork or a replay as bad input once it has written the offer down;
   * anything else (the database locked, the file gone) is an error to show, and the
   * choice stays open. */
  if (work->set_aside && g_error_matches (error, DESK_ERROR, DESK_ERROR_INVALID))
    {
      show_decided (self, error->message);
      return;
    }
  if (error != NULL)
    {
      desk_dialog_show_error (self->error_label, error->message);
      return;
    }

  if (work->new_group)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Bundle %lld imported: the group %s was added "
                                            "beside yours, with %u record",
                                            "Bundle %lld imported: the group %s was added "
                                            "beside yours, with %u records",
                                            desk_import_plan_total (done, 0)),
                               (long long) done->sequence, done->group_name, desk_import_plan_total (done, 0));
  else
    message = g_strdup_printf (_("Bundle %lld of %s imported: %u added, %u updated, "
                                 "%u deleted"),
                               (long long) done->sequence, done->group_code, desk_import_plan_total (done, 0),
                               desk_import_plan_total (done, 1), desk_import_plan_total (done, 2));

  /* Written on another connection: every page must read the database again, as after a
   * restore (win.reload makes a new main window on the same store). */
  main_window = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (desk_job_on_worker (job) && main_window != NULL)
    {
      g_autoptr(GtkWindow) held = g_object_ref (main_window);
      gboolean reloaded;

      /* Let go of the main window first: the reload destroys it. */
      gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
      reloaded = gtk_widget_activate_action (GTK_WIDGET (held), "win.reload", "s", message);
      if (reloaded)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      gtk_window_set_transient_for (GTK_WINDOW (self), held);
    }
  desk_dialog_finish (GTK_WINDOW (self), message);
}

static DeskJob *
start_import (DeskImportDialog *self,
              gboolean          force)
{
  g_autoptr(DeskRecord) known = NULL;
  g_autoptr(DeskRecord) main_group = NULL;
  ImportWork *work;

  known = desk_store_get (self->store, DESK_KIND_GROUP, self->plan->group_uuid, NULL);
  main_group = desk_store_dup_main_group (self->store);

  desk_dialog_show_error (self->error_label, NULL);
  work = g_new0 (ImportWork, 1);
  work->path = g_strdup (self->path);
  work->force = force;
  work->set_aside = !force && offers_safe_answer (self);
  work->new_group = known == NULL && main_group != NULL;

  return desk_job_start (GTK_WINDOW (self), self->store, _("Importing the bundle"),
                         import_work, work, import_work_free, import_done, self);
}

DeskJob *
_desk_import_dialog_start_import (DeskImportDialog *self)
{
  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (!self->plan->already_imported, NULL);

  return start_import (self, self->refused != NULL);
}

/* What the Import button does, waiting for the job: the import, a toast on the main
 * window, and the dialog closes. */
gboolean
_desk_import_dialog_import (DeskImportDialog  *self,
                            GError           **error)
{
  g_autoptr(DeskJob) job = NULL;

  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), FALSE);

  if (self->plan->already_imported)
    return TRUE;

  job = start_import (self, self->refused != NULL);

  return desk_job_wait (job, error);
}
