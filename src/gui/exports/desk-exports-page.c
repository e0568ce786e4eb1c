/* desk-exports-page.c
 *
 * The history of the bundles sent to the secretariat (the export records, newest first,
 * kept up to date by a DeskRecordModel), and the three ways out and in: the bundle, the
 * IATI activity file and importing a bundle. The dialogs do the work; the page opens
 * them and lists what they wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-exports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-exports-page.h"
#include "desk-a11y.h"
#include "desk-exports-page-private.h"
#include "desk-cells.h"
#include "desk-file-chooser.h"
#include "desk-widget-util.h"

typedef enum
{
  COLUMN_SEQUENCE,
  COLUMN_PERIOD,
  COLUMN_PRIVACY,
  COLUMN_FILE,
  COLUMN_SHA256,
  COLUMN_COUNTS,
  COLUMN_CREATED,
  COLUMN_ENDORSED,
  N_COLUMNS
} Column;

struct _DeskExportsPage
{
  DeskPage parent_instance;

  DeskRecordModel *model;
  GtkSortListModel *sorted;
  DeskExportDialog *export_dialog;   /* weak */

  /* Template widgets */
  GtkLabel *summary_label;
  GtkStack *stack;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (DeskExportsPage, desk_exports_page, DESK_TYPE_PAGE)

/* Helpers */

/* "25 Nov 2026, 14:05" in the local time zone, from an ISO 8601 UTC timestamp. */
static char *
format_created (const char *timestamp)
{
  return desk_date_format_timestamp (timestamp);
}

/* “Endorsed on 12 Jun 2026” for an export the group endorsed, NULL for another; the
 * meeting and its chair in *@tooltip. */
static char *
format_endorsement (DeskRecord  *record,
                    char       **tooltip)
{
  const char *on = desk_record_get_string (record, "endorsed_on");
  const char *meeting = desk_record_get_string (record, "endorsed_meeting");
  const char *chair = desk_record_get_string (record, "endorsed_chair");
  g_autofree char *day = NULL;
  GString *details = g_string_new (NULL);

  if (on == NULL || on[0] == '\0')
    {
      g_string_free (details, TRUE);
      return NULL;
    }

  if (meeting != NULL && meeting[0] != '\0')
    /* Translators: the tooltip of an endorsed export: the meeting that endorsed it. */
    g_string_append_printf (details, _("At the meeting: %s"), meeting);
  if (chair != NULL && chair[0] != '\0')
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: the tooltip of an endorsed export: who chaired the meeting. */
      g_string_append_printf (details, _("Chaired by: %s"), chair);
    }
  *tooltip = g_string_free (details, FALSE);

  day = desk_date_format (on);
  /* Translators: an export in the history that the group's meeting endorsed. */
  return g_strdup_printf (_("Endorsed on %s"), day);
}

/* The counts JSON of an export ({"member": 13, …}): the total of records, as an import
 * of the bundle adds them (desk_bundle_kind_is_record: the deletions are not), and, for
 * the tooltip, one line per kind. */
static gint64
parse_counts (const char  *json,
              char       **lines)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"([a-z_]+)\"\\s*:\\s*([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *text = lines != NULL ? g_string_new (NULL) : NULL;
  gint64 total = 0;

  if (json != NULL)
    g_regex_match (regex, json, 0, &match);
  while (match != NULL && g_match_info_matches (match))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);
      g_autofree char *number = g_match_info_fetch (match, 2);
      gint64 n = g_ascii_strtoll (number, NULL, 10);

      if (desk_bundle_kind_is_record (kind))
        total += n;
      if (text != NULL && n > 0)
        g_string_append_printf (text, "%s%s: %" G_GINT64_FORMAT, text->len > 0 ? "\n" : "",
                                _desk_bundle_kind_label (kind), n);
      g_match_info_next (match, NULL);
    }

  if (lines != NULL)
    *lines = g_string_free (text, FALSE);

  return total;
}

static void
update_summary (DeskExportsPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) : 0;
  g_autoptr(DeskRecord) last = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  gint64 changed = 0;
  gint64 deleted = 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "history" : "empty");

  if (n == 0)
    {
      gtk_label_set_label (self->summary_label, _("Nothing has been exported from this database yet."));
      return;
    }

  last = g_list_model_get_item (G_LIST_MODEL (self->sorted), 0);
  when = format_created (desk_record_get_string (last, "created"));
  if (desk_store_count_changes (desk_page_get_store (DESK_PAGE (self)), desk_record_get_group (last),
                                desk_record_get_string (last, "created"), &changed, &deleted, NULL) &&
      changed + deleted == 0)
    text = g_strdup_printf (_("The last bundle, number %lld, was exported on %s. "
                              "Nothing has changed since."),
                            (long long) desk_record_get_int (last, "sequence"), when);
  else if (changed + deleted > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The last bundle, number %lld, was exported on %s. "
                                         "%lld record has changed since.",
                                         "The last bundle, number %lld, was exported on %s. "
                                         "%lld records have changed since.",
                                         (gulong) (changed + deleted)),
                            (long long) desk_record_get_int (last, "sequence"), when,
                            (long long) (changed + deleted));
  else
    text = g_strdup_printf (_("The last bundle, number %lld, was exported on %s."),
                            (long long) desk_record_get_int (last, "sequence"), when);
  gtk_label_set_label (self->summary_label, text);
}

/* Cells */

static void
copy_clicked_cb (GtkButton       *button,
                 DeskExportsPage *self)
{
  const char *sha = g_object_get_data (G_OBJECT (button), "desk-sha256");
  gint64 sequence = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "desk-sequence"));
  g_autofree char *message = NULL;

  if (sha == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), sha);
  message = g_strdup_printf (_("SHA-256 of bundle %lld copied"), (long long) sequence);
  desk_page_add_toast (DESK_PAGE (self), message);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DeskExportsPage          *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  /* The period and the day of export are what a row is: never cut short (at 1024 px the
   * period read "1 Jul 2025 – 30 J…"); the file name and the digest give way first. */
  if (column != COLUMN_PERIOD && column != COLUMN_CREATED)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  if (column == COLUMN_SEQUENCE || column == COLUMN_COUNTS)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }

  if (column == COLUMN_SHA256)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Copy the SHA-256"));
      desk_a11y_set_name (button, _("Copy the SHA-256"));
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), button);
      gtk_list_item_set_child (item, box);
      return;
    }

  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DeskExportsPage          *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  DeskRecord *record = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *label = GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  DeskPrivacy privacy;

  switch (column)
    {
    case COLUMN_SEQUENCE:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_get_int (record, "sequence"));
      break;

    case COLUMN_PERIOD:
      {
        text = desk_date_format_period (desk_record_get_string (record, "period_start"),
                                        desk_record_get_string (record, "period_end"));
      }
      break;

    case COLUMN_PRIVACY:
      if (desk_privacy_from_string (desk_record_get_string (record, "privacy"), &privacy))
        {
          text = g_strdup (desk_privacy_label (privacy));
          tooltip = g_strdup (desk_bundle_describe_privacy (privacy));
        }
      else
        text = g_strdup (desk_record_get_string (record, "privacy"));
      break;

    case COLUMN_FILE:
      /* Where it was saved, in the tooltip; the name is what the secretariat sees. */
      tooltip = g_strdup (desk_record_get_string (record, "file"));
      text = tooltip != NULL ? g_path_get_basename (tooltip) : NULL;
      break;

    case COLUMN_SHA256:
      {
        const char *sha = desk_record_get_string (record, "sha256");
        GtkWidget *button = gtk_widget_get_last_child (child);

        text = g_strdup_printf ("%.12s…", sha != NULL ? sha : "");
        tooltip = g_strdup (sha);
        g_object_set_data_full (G_OBJECT (button), "desk-sha256", g_strdup (sha), g_free);
        g_object_set_data (G_OBJECT (button), "desk-sequence",
                           GSIZE_TO_POINTER ((gsize) desk_record_get_int (record, "sequence")));
      }
      break;

    case COLUMN_COUNTS:
      text = g_strdup_printf ("%'" G_GINT64_FORMAT,
                              parse_counts (desk_record_get_string (record, "counts"), &tooltip));
      break;

    case COLUMN_ENDORSED:
      text = format_endorsement (record, &tooltip);
      break;

    case COLUMN_CREATED:
    case N_COLUMNS:
    default:
      text = format_created (desk_record_get_string (record, "created"));
      break;
    }

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip != NULL && tooltip[0] != '\0' ? tooltip : NULL);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gint64 x = desk_record_get_int ((DeskRecord *) a, "sequence");
  gint64 y = desk_record_get_int ((DeskRecord *) b, "sequence");
  int by_created = g_strcmp0 (desk_record_get_string ((DeskRecord *) b, "created"),
                              desk_record_get_string ((DeskRecord *) a, "created"));

  if (by_created != 0)
    return by_created;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
add_columns (DeskExportsPage *self)
{
  static const struct {
    const char *title;
    gboolean expand;
    int chars;
  } columns[N_COLUMNS] = {
    { N_("No."), FALSE, 4 },
    { N_("Period"), FALSE, 0 },
    { N_("Privacy"), FALSE, 0 },
    { N_("File"), TRUE, 0 },
    { N_("SHA-256"), FALSE, 0 },
    { N_("Records"), FALSE, 0 },
    { N_("Exported"), FALSE, 0 },
    { N_("Endorsement"), FALSE, 0 },
  };

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GtkColumnViewColumn *column = desk_column_view_append (self->column_view, _(columns[c].title),
                                                             G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb),
                                                             self, c, columns[c].expand);

      /* Numbers under right-aligned headers, as in every list. */
      if (c == COLUMN_SEQUENCE || c == COLUMN_COUNTS)
        desk_cell_header_align_end (column);
    }
}

static void
history_changed_cb (DeskExportsPage *self)
{
  update_summary (self);
}

/* Builds the history the first time it is needed. */
static gboolean
desk_exports_page_build (DeskPage *page)
{
  DeskExportsPage *self = DESK_EXPORTS_PAGE (page);
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkCustomSorter *sorter;

  self->model = desk_record_model_new (desk_page_get_store (page), DESK_KIND_EXPORT, NULL);
  sorter = gtk_custom_sorter_new (compare_newest_first, NULL, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->model)), GTK_SORTER (sorter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_summary (self);

  return TRUE;
}

/* A history of another database is no history of this one. */
static void
desk_exports_page_unbuild (DeskPage *page)
{
  DeskExportsPage *self = DESK_EXPORTS_PAGE (page);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->model);
}

/* Actions */

static gboolean
has_group (DeskExportsPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  g_autoptr(DeskRecord) group = store != NULL ? desk_store_dup_main_group (store) : NULL;

  if (group == NULL)
    desk_page_add_toast (DESK_PAGE (self), _("There is no group yet. Create your group or load the sample data first."));

  return group != NULL;
}

static void
open_export_dialog (DeskExportsPage *self,
                    DeskExportMode   mode)
{
  DeskExportDialog *dialog;

  if (!has_group (self))
    return;

  desk_page_ensure_built (DESK_PAGE (self));
  dialog = desk_export_dialog_new (desk_widget_get_window (GTK_WIDGET (self)), desk_page_get_store (DESK_PAGE (self)), mode);
  g_set_weak_pointer (&self->export_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_export_dialog (DESK_EXPORTS_PAGE (widget), DESK_EXPORT_BUNDLE);
}

static void
export_iati_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_export_dialog (DESK_EXPORTS_PAGE (widget), DESK_EXPORT_IATI);
}

static void
show_refusal (DeskExportsPage *self,
              const char      *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (desk_widget_get_window (GTK_WIDGET (self)),
                                                       _("This File Cannot Be Imported"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The plan has been read (on a worker): the dialog, or why the file cannot be imported.
 * A cancelled reading says so in a toast, nothing more. */
static void
plan_read_cb (DeskImportDialog *dialog,
              const GError     *error,
              gpointer          user_data)
{
  g_autoptr(DeskExportsPage) self = user_data;

  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    show_refusal (self, error->message);
}

static DeskJob *
open_import (DeskExportsPage         *self,
             GFile                   *file,
             DeskImportDialogOpened   opened,
             gpointer                 user_data,
             GError                 **error)
{
  return desk_import_dialog_open (desk_widget_get_window (GTK_WIDGET (self)),
                                  desk_page_get_store (DESK_PAGE (self)), file, opened,
                                  user_data, error);
}

static void
bundle_chosen (gpointer  owner,
               GFile    *file)
{
  DeskExportsPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;

  job = open_import (self, file, plan_read_cb, g_object_ref (self), &error);
  if (job == NULL)
    {
      show_refusal (self, error->message);
      g_object_unref (self);
    }
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  desk_file_chooser_ask (widget, desk_widget_get_window (widget), _("Import a Bundle"), NULL,
                         bundle_chosen,
                         desk_file_filter_new (_("Groupdesk bundles"), DESK_BUNDLE_SUFFIX + 1, NULL),
                         desk_file_filter_new (_("All files"), "*", NULL),
                         NULL);
}

/* Overrides */

static void
desk_exports_page_map (GtkWidget *widget)
{
  DeskExportsPage *self = DESK_EXPORTS_PAGE (widget);

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->model != NULL)
    update_summary (self);

  GTK_WIDGET_CLASS (desk_exports_page_parent_class)->map (widget);
}

static void
desk_exports_page_dispose (GObject *object)
{
  DeskExportsPage *self = (DeskExportsPage *) object;

  desk_file_chooser_cancel (self);
  g_clear_weak_pointer (&self->export_dialog);

  G_OBJECT_CLASS (desk_exports_page_parent_class)->dispose (object);
}

static void
desk_exports_page_class_init (DeskExportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_exports_page_dispose;
  widget_class->map = desk_exports_page_map;
  page_class->build = desk_exports_page_build;
  page_class->unbuild = desk_exports_page_unbuild;

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-exports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskExportsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DeskExportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskExportsPage, column_view);

  gtk_widget_class_install_action (widget_class, "exports.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "exports.export-iati", NULL, export_iati_activated);
  gtk_widget_class_install_action (widget_class, "exports.import", NULL, import_activated);
}

static void
desk_exports_page_init (DeskExportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
}

/* Public API */

GtkWidget *
desk_exports_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_EXPORTS_PAGE,
                       "store", store,
                       NULL);
}

/* Test hooks */

GListModel *
_desk_exports_page_get_history (DeskExportsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));

  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
_desk_exports_page_get_column_view (DeskExportsPage *self)
{
  return self->column_view;
}

DeskExportDialog *
_desk_exports_page_get_export_dialog (DeskExportsPage *self)
{
  return self->export_dialog;
}

typedef struct
{
  DeskImportDialog *dialog;
  GError *error;
} Opened;

static void
hook_opened_cb (DeskImportDialog *dialog,
                const GError     *error,
                gpointer          user_data)
{
  Opened *opened = user_data;

  opened->dialog = dialog;
  opened->error = error != NULL ? g_error_copy (error) : NULL;
}

/* What Import a Bundle… does once the chooser has answered, waiting for the plan. */
DeskImportDialog *
_desk_exports_page_import_file (DeskExportsPage  *self,
                                GFile            *file,
                                GError          **error)
{
  g_return_val_if_fail (DESK_IS_EXPORTS_PAGE (self), NULL);
  g_return_val_if_fail (desk_page_get_store (DESK_PAGE (self)) != NULL, NULL);

  {
    Opened opened = { NULL, NULL };
    g_autoptr(DeskJob) job = open_import (self, file, hook_opened_cb, &opened, error);

    if (job == NULL)
      return NULL;
    desk_job_wait (job, NULL);
    if (opened.dialog == NULL)
      g_propagate_error (error, g_steal_pointer (&opened.error));

    return opened.dialog;
  }
}
