/* desk-reports-page.c
 *
 * One report at a time, computed by core (desk_report_compute) for the period chosen:
 * its chart drawn by the report renderer (DeskChart), its rows in a column view, and the
 * same DeskReport printed (GtkPrintOperation), written as a PDF or as CSV, so that the
 * screen, the paper and the spreadsheet always agree. The report is computed when the
 * page is shown, not when the window starts: the Reports page costs nothing until used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-reports-page.h"
#include "desk-reports-page-private.h"
#include "desk-job.h"

#include "desk-chart.h"
#include "desk-date-entry.h"
#include "desk-file-chooser.h"
#include "desk-report-render.h"
#include "desk-widget-util.h"

typedef enum
{
  PERIOD_WORKPLAN,
  PERIOD_YEAR,
  PERIOD_LAST_QUARTER,
  PERIOD_CUSTOM,
} Period;

/* One row of the table, for the column view's model. Private to this page. */
#define DESK_TYPE_REPORT_ROW (desk_report_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskReportRow, desk_report_row, DESK, REPORT_ROW, GObject)

struct _DeskReportRow
{
  GObject parent_instance;
  GStrv cells;
  DeskReportRowLevel level;
};

G_DEFINE_FINAL_TYPE (DeskReportRow, desk_report_row, G_TYPE_OBJECT)

static void
desk_report_row_finalize (GObject *object)
{
  g_strfreev (DESK_REPORT_ROW (object)->cells);
  G_OBJECT_CLASS (desk_report_row_parent_class)->finalize (object);
}

static void
desk_report_row_class_init (DeskReportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_report_row_finalize;
}

static void
desk_report_row_init (DeskReportRow *self)
{
}

struct _DeskReportsPage
{
  DeskPage parent_instance;

  gulong changed_id;
  guint update_source;
  gboolean dirty;
  DeskReportKind kind;
  GSimpleActionGroup *actions;

  /* Template widgets */
  GtkBox *toolbar;
  AdwViewStack *sections;
  GtkDropDown *period_dropdown;
  GtkWidget *custom_box;
  DeskDateEntry *from_entry;
  DeskDateEntry *to_entry;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  DeskChart *chart;
  GtkColumnView *column_view;
  GtkLabel *notes_label;
};

G_DEFINE_FINAL_TYPE (DeskReportsPage, desk_reports_page, DESK_TYPE_PAGE)

/* The print job's own copy of the report: the page may show another by the time a
 * printer asks for pages. */
typedef struct
{
  DeskReport *report;
  DeskReportLayout *layout;
  char *printed_on;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->layout, desk_report_layout_free);
  g_clear_pointer (&job->report, desk_report_free);
  g_free (job->printed_on);
  g_free (job);
}

/* Today's date in the UI language, for the footer of printed pages. */
static char *
dup_printed_on (DeskReportsPage *self)
{
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));

  return desk_date_format (today);
}

/* The period chosen, as two ISO dates; both NULL for the newest workplan's. FALSE, with
 * the date field's sentence in @error, when a custom date typed is no date. */
static gboolean
get_period (DeskReportsPage  *self,
            char            **from,
            char            **to,
            GError          **error)
{
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  GDate date;

  *from = NULL;
  *to = NULL;

  switch ((Period) gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_YEAR:
      *from = g_strdup_printf ("%.4s-01-01", today);
      *to = g_strdup_printf ("%.4s-12-31", today);
      break;

    case PERIOD_LAST_QUARTER:
      if (desk_date_parse (today, &date))
        {
          g_date_set_day (&date, 1);
          g_date_set_month (&date, (GDateMonth) (((g_date_get_month (&date) - 1) / 3) * 3 + 1));
          g_date_subtract_days (&date, 1);
          *to = desk_date_to_string (&date);
          g_date_set_day (&date, 1);
          g_date_subtract_months (&date, 2);
          *from = desk_date_to_string (&date);
        }
      break;

    case PERIOD_CUSTOM:
      if (!desk_date_entry_get_iso (self->from_entry, from, error) ||
          !desk_date_entry_get_iso (self->to_entry, to, error))
        {
          g_clear_pointer (from, g_free);
          return FALSE;
        }
      break;

    case PERIOD_WORKPLAN:
    default:
      break;
    }

  return TRUE;
}

static DeskReport *
compute_report (DeskReportsPage  *self,
                GError          **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  DeskStore *store = desk_page_get_store (DESK_PAGE (self));

  if (store == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                           _("There is no group yet. Create your group or load the sample data first."));
      return NULL;
    }

  if (!get_period (self, &from, &to, error))
    return NULL;

  /* The page's group: the store's own (NULL), or a group opened from the Groups page. */
  return desk_report_compute (store, self->kind, desk_page_get_group_uuid (DESK_PAGE (self)),
                              from, to, error);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "desk-number"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  DeskReportRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = "";

  if (row->cells != NULL && column < g_strv_length (row->cells))
    text = row->cells[column];

  gtk_label_set_label (label, text);
  /* Subtotals and the total in bold, as in the PDF, so a sum is not read as a line. */
  if (row->level != DESK_REPORT_ROW_PLAIN)
    gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
  /* Long titles are cut in the cell: the tooltip shows them whole. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), column == 0 && text[0] != '\0' ? text : NULL);
}

static void
set_table (DeskReportsPage *self,
           DeskReport      *report)
{
  g_autoptr(GListStore) rows = g_list_store_new (DESK_TYPE_REPORT_ROW);
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autofree gpointer *items = NULL;

  gtk_column_view_set_model (self->column_view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  if (report == NULL)
    return;

  for (guint i = 0; i < report->columns->len; i++)
    {
      DeskReportColumn *c = g_ptr_array_index (report->columns, i);
      /* The first column names the row (an activity, a quarter …): it takes the room. */
      GtkColumnViewColumn *column = desk_column_view_append (self->column_view, c->title,
                                                             G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb),
                                                             NULL, i, i == 0);

      g_object_set_data (G_OBJECT (gtk_column_view_column_get_factory (column)), "desk-number",
                         GINT_TO_POINTER (c->align == DESK_COLUMN_NUMBER));
    }

  /* One splice rather than a signal per row: the workplan report of a large group has
   * thousands. */
  items = g_new0 (gpointer, MAX (report->rows->len, 1));
  for (guint i = 0; i < report->rows->len; i++)
    {
      DeskReportRow *row = g_object_new (DESK_TYPE_REPORT_ROW, NULL);

      row->cells = g_strdupv (g_ptr_array_index (report->rows, i));
      row->level = desk_report_row_level (report, i);
      items[i] = row;
    }
  g_list_store_splice (rows, 0, 0, items, report->rows->len);
  for (guint i = 0; i < report->rows->len; i++)
    g_object_unref (items[i]);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

static void
update_actions (DeskReportsPage *self)
{
  gboolean has_report = desk_chart_get_report (self->chart) != NULL;
  const char *names[] = { "print", "save-pdf", "export-csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_report);
    }
}

static void
desk_reports_page_update (DeskReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);

  g_clear_handle_id (&self->update_source, g_source_remove);
  self->dirty = FALSE;

  report = compute_report (self, &error);
  set_table (self, report);

  if (report == NULL)
    {
      desk_chart_set_report (self->chart, NULL);
      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return;
    }

  gtk_label_set_label (self->title_label, report->title);
  gtk_label_set_label (self->subtitle_label, report->subtitle);
  for (guint i = 0; i < report->notes->len; i++)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, g_ptr_array_index (report->notes, i));
    }
  gtk_label_set_label (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes->len > 0);

  /* The chart keeps the report: the actions below print and save that one. */
  desk_chart_set_report (self->chart, g_steal_pointer (&report));
  gtk_stack_set_visible_child_name (self->stack, "report");
  update_actions (self);
}

/* Computes now when the page is on screen, else when it is next shown. */
static void
desk_reports_page_invalidate (DeskReportsPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    desk_reports_page_update (self);
}

static void
store_changed_cb (DeskReportsPage *self)
{
  self->dirty = TRUE;

  /* A burst of changes (an import, a paste) recomputes once, a moment after. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    desk_schedule_once (&self->update_source, G_PRIORITY_DEFAULT, 300,
                        (DeskOnceFunc) desk_reports_page_update, self);
}

static void
period_selected_cb (DeskReportsPage *self)
{
  Period period = gtk_drop_down_get_selected (self->period_dropdown);

  gtk_widget_set_visible (self->custom_box, period == PERIOD_CUSTOM);

  if (period == PERIOD_CUSTOM)
    {
      /* Start from the period shown, so that the coordinator adjusts rather than types. */
      DeskReport *report = desk_chart_get_report (self->chart);
      const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));

      if (report != NULL && from[0] == '\0')
        {
          g_autofree char *report_from = g_strdup (report->from);
          g_autofree char *report_to = g_strdup (report->to);

          desk_date_entry_set_iso (self->from_entry, report_from);
          desk_date_entry_set_iso (self->to_entry, report_to);
        }
    }

  desk_reports_page_invalidate (self);
}

/* Whether @entry holds a whole date, without marking it as wrong while it is typed. */
static gboolean
entry_has_date (DeskDateEntry *entry)
{
  g_autofree char *iso = desk_date_parse_shown (gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);

  return iso != NULL;
}

static void
custom_dates_cb (DeskReportsPage *self,
                 GtkEntry        *entry)
{
  if (gtk_drop_down_get_selected (self->period_dropdown) != PERIOD_CUSTOM)
    return;

  /* While typing, wait for two whole dates; Enter shows the message about them. */
  if (entry_has_date (self->from_entry) && entry_has_date (self->to_entry))
    desk_reports_page_invalidate (self);
}

static void
custom_activated_cb (DeskReportsPage *self)
{
  if (gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_CUSTOM)
    desk_reports_page_invalidate (self);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  guint n_pages;

  g_clear_pointer (&job->layout, desk_report_layout_free);
  job->layout = desk_report_layout_new (job->report,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context),
                                        job->printed_on);
  n_pages = desk_report_layout_paginate (job->layout, gtk_print_context_get_cairo_context (context));
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  desk_report_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DeskReportsPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_desk_reports_page_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
}

/* report-budget-2025-01-01-2025-12-31.pdf: the report and its period, ASCII only. */
static char *
suggested_name (DeskReport *report,
                const char *extension)
{
  return g_strdup_printf ("report-%s-%s-%s.%s", desk_report_kind_key (report->kind),
                          report->from, report->to, extension);
}

/* The PDF is computed again and written on a worker (desk-job.c), with a connection of
 * its own: on a large group laying out every page takes a while. */
/* What the worker needs to make the report shown. */
typedef struct
{
  DeskReportKind kind;
  char *group_uuid;
  char *from;
  char *to;
} ReportRequest;

static void
report_request_free (gpointer data)
{
  ReportRequest *request = data;

  g_free (request->group_uuid);
  g_free (request->from);
  g_free (request->to);
  g_free (request);
}

static DeskReport *
compute_requested (DeskStore  *store,
                   gpointer    data,
                   GError    **error)
{
  ReportRequest *request = data;

  return desk_report_compute (store, request->kind, request->group_uuid, request->from,
                              request->to, error);
}

static void
start_pdf (DeskReportsPage *self,
           const char      *path)
{
  g_autoptr(GError) error = NULL;
  ReportRequest *request = g_new0 (ReportRequest, 1);

  request->kind = self->kind;
  request->group_uuid = g_strdup (desk_page_get_group_uuid (DESK_PAGE (self)));
  if (!get_period (self, &request->from, &request->to, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      report_request_free (request);
      return;
    }
  desk_page_save_report_pdf (DESK_PAGE (self), _("Saving the report as PDF"), path,
                             compute_requested, request, report_request_free);
}

/* Writes the report shown to @file, as a PDF or as CSV, and says so in a toast. */
static void
save_report (DeskReportsPage *self,
             GFile           *file,
             gboolean         csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *message = NULL;
  DeskReport *report = desk_chart_get_report (self->chart);
  gboolean ok;

  if (report == NULL)
    return;

  if (!csv)
    {
      start_pdf (self, path);
      return;
    }

  /* The byte-order mark makes spreadsheets read the Chinese as UTF-8. */
  {
    g_autofree char *text = desk_report_to_csv (report, TRUE);

    ok = desk_file_write_contents (path, text, strlen (text), &error);
  }

  if (ok)
    /* Translators: a toast after saving a report; %s is the file's name. */
    message = g_strdup_printf (_("Saved “%s”"), basename);
  else
    message = g_strdup (error->message);
  desk_page_add_toast (DESK_PAGE (self), message);
}

static void
pdf_chosen (gpointer  owner,
            GFile    *file)
{
  save_report (owner, file, FALSE);
}

static void
csv_chosen (gpointer  owner,
            GFile    *file)
{
  save_report (owner, file, TRUE);
}

static void
save_as (DeskReportsPage *self,
         gboolean         csv)
{
  DeskReport *report = desk_chart_get_report (self->chart);
  GtkWindow *parent = desk_widget_get_window (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  if (report == NULL)
    return;

  name = suggested_name (report, csv ? "csv" : "pdf");
  if (csv)
    desk_file_chooser_ask (self, parent, _("Export the Table as CSV"), name, csv_chosen,
                           desk_file_filter_new (_("CSV files"), "text/csv", "*.csv", NULL),
                           NULL);
  else
    desk_file_chooser_ask (self, parent, _("Save the Report as PDF"), name, pdf_chosen,
                           desk_file_filter_new (_("PDF documents"), "application/pdf", "*.pdf", NULL),
                           NULL);
}

static void
save_pdf_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  save_as (DESK_REPORTS_PAGE (user_data), FALSE);
}

static void
export_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  save_as (DESK_REPORTS_PAGE (user_data), TRUE);
}

static void
show_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DeskReportsPage *self = user_data;
  DeskReportKind kind;

  if (desk_report_kind_from_key (g_variant_get_string (parameter, NULL), &kind))
    desk_reports_page_show_report (self, kind);
}

/* Every report shares one view: it moves into the section shown, which is then the
 * report the page computes. */
static void
section_shown_cb (DeskReportsPage *self)
{
  GtkWidget *bin = adw_view_stack_get_visible_child (self->sections);
  GtkWidget *view = GTK_WIDGET (self->stack);
  GtkWidget *old_bin = gtk_widget_get_parent (view);
  DeskReportKind kind;

  if (bin == NULL)
    return;

  if (old_bin != bin)
    {
      g_object_ref (view);
      adw_bin_set_child (ADW_BIN (old_bin), NULL);
      adw_bin_set_child (ADW_BIN (bin), view);
      g_object_unref (view);
    }

  if (desk_report_kind_from_key (adw_view_stack_get_visible_child_name (self->sections), &kind)
      && kind != self->kind)
    desk_reports_page_show_report (self, kind);
}

static const GActionEntry page_actions[] = {
  { "show", show_activated, "s", "'workplan'", NULL, { 0 } },
  { "print", print_activated, NULL, NULL, NULL, { 0 } },
  { "save-pdf", save_pdf_activated, NULL, NULL, NULL, { 0 } },
  { "export-csv", export_csv_activated, NULL, NULL, NULL, { 0 } },
};

static void
desk_reports_page_map (GtkWidget *widget)
{
  DeskReportsPage *self = DESK_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (desk_reports_page_parent_class)->map (widget);

  if (self->dirty)
    desk_reports_page_update (self);
}

/* Follows the store the page was built with; the report is computed when shown. */
static gboolean
desk_reports_page_build (DeskPage *page)
{
  DeskReportsPage *self = DESK_REPORTS_PAGE (page);

  self->changed_id = g_signal_connect_object (desk_page_get_store (page), "changed",
                                              G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  desk_reports_page_invalidate (self);

  return TRUE;
}

static void
desk_reports_page_unbuild (DeskPage *page)
{
  DeskReportsPage *self = DESK_REPORTS_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  g_clear_handle_id (&self->update_source, g_source_remove);
  desk_reports_page_invalidate (self);
}

static void
desk_reports_page_dispose (GObject *object)
{
  DeskReportsPage *self = (DeskReportsPage *) object;

  desk_file_chooser_cancel (self);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (desk_reports_page_parent_class)->dispose (object);
}

static void
desk_reports_page_class_init (DeskReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_reports_page_dispose;
  widget_class->map = desk_reports_page_map;
  page_class->build = desk_reports_page_build;
  page_class->unbuild = desk_reports_page_unbuild;

  g_type_ensure (DESK_TYPE_CHART);
  g_type_ensure (DESK_TYPE_DATE_ENTRY);

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, sections);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsPage, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_dates_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_activated_cb);
}

static void
desk_reports_page_init (DeskReportsPage *self)
{
  self->kind = DESK_REPORT_WORKPLAN;
  self->dirty = TRUE;

  /* The group exists before the template, so that its buttons find their actions. */
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "reports", G_ACTION_GROUP (self->actions));

  gtk_widget_init_template (GTK_WIDGET (self));
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->sections);
  g_signal_connect_object (self->sections, "notify::visible-child", G_CALLBACK (section_shown_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
desk_reports_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_REPORTS_PAGE,
                       "store", store,
                       NULL);
}

void
desk_reports_page_show_report (DeskReportsPage *self,
                               DeskReportKind   kind)
{
  GAction *action;
  gboolean changed;

  g_return_if_fail (DESK_IS_REPORTS_PAGE (self));

  /* The kind first, so that the section switched to below finds it already shown. */
  changed = self->kind != kind || self->dirty;
  self->kind = kind;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "show");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (desk_report_kind_key (kind)));
  adw_view_stack_set_visible_child_name (self->sections, desk_report_kind_key (kind));

  if (changed)
    desk_reports_page_invalidate (self);
}

DeskReportKind
desk_reports_page_get_kind (DeskReportsPage *self)
{
  g_return_val_if_fail (DESK_IS_REPORTS_PAGE (self), DESK_REPORT_WORKPLAN);

  return self->kind;
}

GtkColumnView *
_desk_reports_page_get_column_view (DeskReportsPage *self)
{
  return self->column_view;
}

DeskChart *
_desk_reports_page_get_chart (DeskReportsPage *self)
{
  return self->chart;
}

DeskReport *
_desk_reports_page_get_report (DeskReportsPage *self)
{
  return desk_chart_get_report (self->chart);
}

void
_desk_reports_page_update (DeskReportsPage *self)
{
  desk_reports_page_update (self);
}

void
_desk_reports_page_set_period (DeskReportsPage *self,
                               const char      *from,
                               const char      *to)
{
  desk_date_entry_set_iso (self->from_entry, from);
  desk_date_entry_set_iso (self->to_entry, to);
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  desk_reports_page_invalidate (self);
}

gboolean
_desk_reports_page_print (DeskReportsPage          *self,
                          GtkPrintOperationAction   action,
                          const char               *export_filename,
                          GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;

  g_return_val_if_fail (DESK_IS_REPORTS_PAGE (self), FALSE);

  job = g_new0 (PrintJob, 1);
  job->report = compute_report (self, error);
  if (job->report == NULL)
    {
      print_job_free (job);
      return FALSE;
    }
  job->printed_on = dup_printed_on (self);

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "desk-print-job", job, (GDestroyNotify) print_job_free);
  gtk_print_operation_set_job_name (operation, job->report->title);
  /* The layout has its own margins, as in the PDF: it gets the whole page, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);

  result = gtk_print_operation_run (operation, action, desk_widget_get_window (GTK_WIDGET (self)), error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
