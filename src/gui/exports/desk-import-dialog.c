/* desk-import-dialog.c
 *
 * The secretariat's side, or a coordinator moving to a new laptop: what a bundle is
 * (group, period, number, privacy) and what importing it would add, update and delete,
 * from core's dry run, before anything changes. A bundle imported before says there is
 * nothing to do; an older one says why it is refused and offers Import Anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-import-dialog.h"
#include "desk-dialog.h"
#include "desk-exports-page-private.h"
#include "desk-widget-util.h"


struct _DeskImportDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  char *path;
  DeskImportPlan *plan;
  char *refused;        /* why the plain import is refused, when Import Anyway is offered */

  /* Template widgets */
  GtkButton *cancel_button;
  GtkButton *import_button;
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
  static const char *const headings[] = {
    NULL, N_("Added"), N_("Updated"), N_("Deleted"), N_("Unchanged"),
  };
  int row = 1;

  desk_widget_remove_children (GTK_WIDGET (self->count_grid));

  gtk_grid_attach (self->count_grid, grid_label (_("Kind of Record"), FALSE, "heading"), 0, 0, 1, 1);
  for (int c = 1; c < (int) G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->count_grid, grid_label (_(headings[c]), TRUE, "heading"), c, 0, 1, 1);

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

static void
show_plan (DeskImportDialog *self)
{
  DeskImportPlan *plan = self->plan;
  DeskPrivacy privacy = DESK_PRIVACY_AGGREGATE;
  g_autofree char *group = NULL;
  g_autofree char *from = desk_date_format (plan->period_start, DESK_DATE_LONG);
  g_autofree char *to = desk_date_format (plan->period_end, DESK_DATE_LONG);
  g_autofree char *period = NULL;
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT, plan->sequence);
  g_autofree char *created = desk_format_timestamp (plan->created, DESK_DATE_LONG);
  g_autofree char *status = NULL;

  /* TRANSLATORS: a group's name, then its short code in brackets. */
  group = g_strdup_printf (_("%s (%s)"), plan->group_name, plan->group_code);
  /* TRANSLATORS: a period, from the first date to the second. */
  period = g_strdup_printf (_("%s – %s"), from, to);
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
      status = g_strdup_printf (_("Importing adds %u records, updates %u and deletes %u. "
                                  "The database is backed up first."),
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

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!_desk_import_dialog_import (DESK_IMPORT_DIALOG (widget), &error))
    desk_dialog_show_error (DESK_IMPORT_DIALOG (widget)->error_label, error->message);
}

static void
desk_import_dialog_dispose (GObject *object)
{
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
}

static void
desk_import_dialog_init (DeskImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskImportDialog *
desk_import_dialog_new (GtkWindow  *parent,
                        DeskStore  *store,
                        GFile      *file,
                        GError    **error)
{
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  DeskImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                           _("Copy the bundle to a folder on this computer first, then import it."));
      return NULL;
    }

  plan = desk_bundle_read_plan (store, path, FALSE, error);
  if (plan == NULL)
    return NULL;

  self = g_object_new (DESK_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->path = g_steal_pointer (&path);

  /* An older bundle, a fork of the group's chain, deletions that take records with them:
   * the reason, and what Import Anyway would do, with every count shown. */
  if ((plan->refused != NULL || plan->cascade != NULL) && !plan->already_imported)
    {
      g_autoptr(DeskImportPlan) forced = desk_bundle_read_plan (store, self->path, TRUE, NULL);

      self->refused = plan->refused != NULL && plan->cascade != NULL
                        ? g_strconcat (plan->refused, " ", plan->cascade, NULL)
                        : g_strdup (plan->refused != NULL ? plan->refused : plan->cascade);
      if (forced != NULL)
        {
          desk_import_plan_free (plan);
          plan = g_steal_pointer (&forced);
        }
    }
  self->plan = g_steal_pointer (&plan);
  show_plan (self);

  return self;
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

/* What the Import button does: the import, a toast on the main window, and the dialog
 * closes. */
gboolean
_desk_import_dialog_import (DeskImportDialog  *self,
                            GError           **error)
{
  g_autoptr(DeskImportPlan) done = NULL;
  g_autoptr(DeskRecord) known = NULL;
  g_autoptr(DeskRecord) main_group = NULL;
  g_autofree char *message = NULL;
  gboolean new_group;

  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), FALSE);

  if (self->plan->already_imported)
    return TRUE;

  known = desk_store_get (self->store, DESK_KIND_GROUP, self->plan->group_uuid, NULL);
  main_group = desk_store_dup_main_group (self->store);
  new_group = known == NULL && main_group != NULL;

  done = desk_bundle_import (self->store, self->path, self->refused != NULL, FALSE, error);
  if (done == NULL)
    return FALSE;

  if (new_group)
    message = g_strdup_printf (_("Bundle %lld imported: the group %s was added "
                                 "beside yours, with %u records"),
                               (long long) done->sequence, done->group_name, desk_import_plan_total (done, 0));
  else
    message = g_strdup_printf (_("Bundle %lld of %s imported: %u added, %u updated, "
                                 "%u deleted"),
                               (long long) done->sequence, done->group_code, desk_import_plan_total (done, 0),
                               desk_import_plan_total (done, 1), desk_import_plan_total (done, 2));
  desk_dialog_finish (GTK_WINDOW (self), message);

  return TRUE;
}
