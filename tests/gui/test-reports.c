/* test-reports.c — the Overview's tiles, the Reports page, backups and the language toast,
 * and the small helpers they share (desk-widget-util.h, desk-file-chooser.h)
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's compiled
 * schema. Nothing but TAP on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-chart.h"
#include "desk-date-entry.h"
#include "desk-dialog.h"
#include "desk-file-chooser.h"
#include "desk-group-dialog.h"
#include "desk-job.h"
#include "desk-overview-page.h"
#include "desk-overview-page-private.h"
#include "desk-preferences-window.h"
#include "desk-preferences-window-private.h"
#include "desk-reports-page.h"
#include "desk-reports-page-private.h"
#include "desk-widget-util.h"
#include "desk-window.h"

#include <glib/gstdio.h>
#include <locale.h>

static char *test_dir;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static DeskStore *
new_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *uuid = NULL;

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  return g_steal_pointer (&store);
}

static DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment (50);

  return window;
}

static void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);
}

static GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, name);

  return gtk_stack_get_child_by_name (stack, name);
}

/* The tiles show core's figures for the demo group. */
static void
test_overview_figures (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, desk_record_get_uuid (group), NULL);
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  DeskOverviewFigures figures;
  DeskRecord *workplan = NULL;
  GtkWidget *page;

  page = g_object_ref_sink (desk_overview_page_new (store));
  _desk_overview_page_get_figures (DESK_OVERVIEW_PAGE (page), &figures);
  g_assert_false (figures.pending);

  g_assert_cmpint (figures.overdue, ==, desk_store_count_overdue (store, desk_record_get_uuid (group)));

  for (guint i = 0; i < workplans->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workplans, i);

      if (workplan == NULL || g_strcmp0 (desk_record_get_string (w, "period_start"),
                                         desk_record_get_string (workplan, "period_start")) > 0)
        workplan = w;
    }
  g_assert_nonnull (workplan);
  summary = desk_budget_summarise (store, desk_record_get_uuid (workplan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (figures.budget, ==, desk_budget_row_budget (&summary->total, DESK_BUDGET_REVISED));
  g_assert_cmpint (figures.spent, ==, summary->total.spent);
  g_assert_cmpint (figures.received, ==, summary->received);
  g_assert_cmpint (figures.budget, >, 0);

  {
    g_autoptr(DeskAttendanceBreakdown) breakdown =
      desk_attendance_breakdown (store, desk_record_get_uuid (group), NULL,
                                 desk_record_get_string (workplan, "period_start"),
                                 desk_record_get_string (workplan, "period_end"), &error);

    g_assert_no_error (error);
    g_assert_cmpint (figures.attendances, ==, breakdown->attendances);
    g_assert_cmpint (figures.women, ==, breakdown->women_attendances);
  }

  /* An overdue deliverable more moves the tile's count (after the page's short delay). */
  {
    g_autoptr(GPtrArray) deliverables = desk_store_list (store, DESK_KIND_DELIVERABLE, NULL, NULL);
    g_autoptr(DeskRecord) d = desk_record_copy (g_ptr_array_index (deliverables, 0));
    gint64 before = figures.overdue;
    gboolean was_overdue;
    g_autofree char *today = desk_store_dup_today (store);

    was_overdue = desk_deliverable_is_overdue (d, today);
    desk_record_set_string (d, "due_date", "2000-01-01");
    desk_record_set_string (d, "status", "planned");
    desk_record_unset (d, "delivered_on");
    g_assert_true (desk_store_update (store, d, &error));
    g_assert_no_error (error);
    wait_a_moment (400);
    _desk_overview_page_get_figures (DESK_OVERVIEW_PAGE (page), &figures);
    g_assert_cmpint (figures.overdue, ==, before + (was_overdue ? 0 : 1));
    g_assert_cmpint (figures.overdue, ==, desk_store_count_overdue (store, NULL));
  }

  g_assert_finalize_object (page);
}

/* A database on disk: the slow figures come from the worker thread, and agree. */
static void
test_overview_async (void)
{
  g_autofree char *path = g_build_filename (test_dir, "overview.db", NULL);
  g_autoptr(DeskStore) store = new_store_at (path);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  DeskOverviewFigures figures;
  GtkWidget *page;
  gint64 start = g_get_monotonic_time ();

  page = g_object_ref_sink (desk_overview_page_new (store));
  do
    {
      wait_a_moment (20);
      _desk_overview_page_get_figures (DESK_OVERVIEW_PAGE (page), &figures);
    }
  while (figures.pending && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC);

  g_assert_false (figures.pending);
  g_assert_cmpint (figures.budget, >, 0);
  g_assert_cmpint (figures.attendances, >, 0);

  g_assert_finalize_object (page);
}

/* Each tile opens its page; the overdue tile opens the Deliverables page with the
 * overdue filter on. */
static void
test_overview_tiles_open_pages (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  DeskWindow *window = new_window (store);
  GtkWidget *overview = show_page (window, "overview");
  GtkWidget *tile;

  static const struct { const char *tile; const char *page; } pages[] = {
    { "workplan_tile", "workplan" }, { "budget_tile", "budget" },
    { "workshops_tile", "workshops" }, { "export_tile", "exports" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      tile = GTK_WIDGET (gtk_widget_get_template_child (overview, DESK_TYPE_OVERVIEW_PAGE, pages[i].tile));
      g_assert_true (gtk_widget_is_sensitive (tile));
      g_signal_emit_by_name (tile, "clicked");
      wait_a_moment (10);
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, pages[i].page);
      show_page (window, "overview");
    }

  tile = GTK_WIDGET (gtk_widget_get_template_child (overview, DESK_TYPE_OVERVIEW_PAGE, "attendance_tile"));
  g_signal_emit_by_name (tile, "clicked");
  wait_a_moment (50);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "reports");
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "page_stack"));
    DeskReportsPage *reports = DESK_REPORTS_PAGE (gtk_stack_get_child_by_name (stack, "reports"));

    g_assert_cmpint (desk_reports_page_get_kind (reports), ==, DESK_REPORT_ATTENDANCE);
  }

  show_page (window, "overview");
  tile = GTK_WIDGET (gtk_widget_get_template_child (overview, DESK_TYPE_OVERVIEW_PAGE, "deliverables_tile"));
  g_signal_emit_by_name (tile, "clicked");
  wait_a_moment (50);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "deliverables");

  destroy_window (window);
}

static void
assert_table_matches (DeskReportsPage *page,
                      DeskReport      *expected)
{
  GtkColumnView *view = _desk_reports_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  DeskReport *shown = _desk_reports_page_get_report (page);

  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, expected->columns->len);
  for (guint i = 0; i < expected->columns->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      DeskReportColumn *c = g_ptr_array_index (expected->columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, c->title);
    }

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->rows->len);
  for (guint i = 0; i < expected->rows->len; i++)
    {
      GStrv want = g_ptr_array_index (expected->rows, i);
      GStrv have = g_ptr_array_index (shown->rows, i);

      g_assert_true (g_strv_equal ((const char * const *) want, (const char * const *) have));
    }
}

/* Each report opens on the Reports page, its table has core's rows, its chart says
 * what it shows to a screen reader. */
static void
test_reports_page (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  DeskWindow *window = new_window (store);
  DeskReportsPage *page = DESK_REPORTS_PAGE (show_page (window, "reports"));
  const char *keys[] = { "workplan", "budget", "attendance", "indicators" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(DeskReport) expected = NULL;
      g_autoptr(GError) error = NULL;
      DeskReportKind kind;
      DeskChart *chart;
      DeskReport *shown;

      g_test_message ("Report %s", keys[k]);
      g_assert_true (desk_report_kind_from_key (keys[k], &kind));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.show", "s", keys[k]));
      wait_a_moment (20);
      g_assert_cmpint (desk_reports_page_get_kind (page), ==, kind);

      expected = desk_report_compute (store, kind, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_table_matches (page, expected);

      chart = _desk_reports_page_get_chart (page);
      shown = desk_chart_get_report (chart);
      g_assert_nonnull (shown);
      g_assert_cmpstr (shown->chart_description, ==, expected->chart_description);
      g_assert_nonnull (expected->chart_description);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), >, 100);
    }

  /* A custom period is core's too. */
  {
    g_autoptr(DeskReport) expected = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *today = desk_store_dup_today (store);
    g_autofree char *from = desk_date_add_days (today, -400);

    _desk_reports_page_set_period (page, from, today);
    wait_a_moment (20);
    expected = desk_report_compute (store, desk_reports_page_get_kind (page), NULL, from, today, &error);
    g_assert_no_error (error);
    assert_table_matches (page, expected);
    g_assert_cmpstr (_desk_reports_page_get_report (page)->from, ==, from);
  }

  destroy_window (window);
}

/* Selects a day of @year and @month in @calendar as a click does, and returns it (the
 * 7th, or the 8th when the calendar is on a 7th: GtkCalendar says day-selected only when
 * the day of the month changes). */
static int
select_day (GtkCalendar *calendar,
            int          year,
            int          month)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  int day = g_date_time_get_day_of_month (shown) == 7 ? 8 : 7;
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

  gtk_calendar_select_day (calendar, date);

  return day;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The reports are the page's sections, switched as every page switches its sections;
 * the one report view follows the section shown. A custom period is typed the way the
 * app shows dates or picked in a calendar, and reaches the report as ISO 8601. */
static void
test_reports_sections_and_dates (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  DeskWindow *window = new_window (store);
  DeskReportsPage *page = DESK_REPORTS_PAGE (show_page (window, "reports"));
  GtkWidget *widget = GTK_WIDGET (page);
  AdwViewStack *sections = ADW_VIEW_STACK (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "sections"));
  GtkDropDown *period = GTK_DROP_DOWN (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "period_dropdown"));
  DeskDateEntry *from_entry = DESK_DATE_ENTRY (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "from_entry"));
  DeskDateEntry *to_entry = DESK_DATE_ENTRY (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "to_entry"));
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "stack"));
  AdwStatusPage *error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (widget, DESK_TYPE_REPORTS_PAGE, "error_page"));
  GtkWidget *chart = GTK_WIDGET (_desk_reports_page_get_chart (page));
  GtkWidget *switcher = find_descendant (widget, ADW_TYPE_VIEW_SWITCHER);
  g_autofree char *typed = desk_date_format ("2025-02-03");
  g_autofree char *picked = NULL;
  g_autoptr(DeskReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  int day;

  g_assert_nonnull (switcher);
  g_assert_true (adw_view_switcher_get_stack (ADW_VIEW_SWITCHER (switcher)) == sections);
  g_assert_null (find_descendant (widget, GTK_TYPE_STACK_SWITCHER));

  /* The switcher's section is the report computed, and the report is in it. */
  adw_view_stack_set_visible_child_name (sections, "attendance");
  wait_a_moment (20);
  g_assert_cmpint (desk_reports_page_get_kind (page), ==, DESK_REPORT_ATTENDANCE);
  g_assert_true (gtk_widget_is_ancestor (chart, adw_view_stack_get_visible_child (sections)));
  g_assert_true (gtk_widget_get_mapped (chart));
  /* And the page's action turns the switcher. */
  g_assert_true (gtk_widget_activate_action (widget, "reports.show", "s", "budget"));
  wait_a_moment (20);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (sections), ==, "budget");
  g_assert_true (gtk_widget_is_ancestor (chart, adw_view_stack_get_visible_child (sections)));
  g_assert_true (gtk_widget_get_mapped (chart));

  /* Custom: the fields start from the period shown, written as the app writes dates. */
  gtk_drop_down_set_selected (period, 3);
  wait_a_moment (20);
  {
    g_autofree char *shown_from = desk_date_format (_desk_reports_page_get_report (page)->from);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_entry)), ==, shown_from);
  }

  gtk_editable_set_text (GTK_EDITABLE (from_entry), typed);
  desk_date_entry_popup (to_entry);
  day = select_day (desk_date_entry_get_calendar (to_entry), 2025, 11);
  wait_a_moment (20);
  picked = g_strdup_printf ("2025-11-%02d", day);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "report");
  g_assert_cmpstr (_desk_reports_page_get_report (page)->from, ==, "2025-02-03");
  g_assert_cmpstr (_desk_reports_page_get_report (page)->to, ==, picked);
  expected = desk_report_compute (store, DESK_REPORT_BUDGET, NULL, "2025-02-03", picked, &error);
  g_assert_no_error (error);
  assert_table_matches (page, expected);

  /* Not a date: Enter shows why, naming the text, and marks the field. */
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "3 Foo 2025");
  g_signal_emit_by_name (from_entry, "activate");
  wait_a_moment (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "3 Foo 2025"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from_entry), "error"));

  destroy_window (window);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* A dialog's error label shows a message or hides; a dialog that did its work closes
 * and leaves its message as a toast on the window it belongs to. */
static void
test_dialog_answer (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  guint children;

  gtk_window_set_child (GTK_WINDOW (window), overlay);
  adw_window_set_content (ADW_WINDOW (dialog), error_label);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_widget_set_visible (error_label, FALSE);

  desk_dialog_show_error (GTK_LABEL (error_label), "The file cannot be written there.");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "The file cannot be written there.");
  desk_dialog_show_error (GTK_LABEL (error_label), NULL);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "");

  children = count_children (overlay);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  desk_dialog_finish (GTK_WINDOW (dialog), "Bundle 3 saved");
  g_assert_null (dialog);
  g_assert_cmpuint (count_children (overlay), ==, children + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A row of a grid of figures: the name on the left, cut with an ellipsis when narrow;
 * the numbers on the right in tabular figures, never cut; every cell styled alike. */
static void
test_grid_row (void)
{
  GtkWidget *grid = g_object_ref_sink (gtk_grid_new ());
  const char *const cells[] = { "Government", "13", "0", NULL };
  GtkLabel *name, *number;

  desk_grid_attach_row (GTK_GRID (grid), 2, "dim-label", cells);

  name = GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 2));
  g_assert_cmpstr (gtk_label_get_label (name), ==, "Government");
  g_assert_cmpfloat (gtk_label_get_xalign (name), ==, 0.0f);
  g_assert_cmpint (gtk_label_get_ellipsize (name), ==, PANGO_ELLIPSIZE_END);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name), "numeric"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "dim-label"));

  for (int c = 1; c <= 2; c++)
    {
      number = GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), c, 2));
      g_assert_cmpstr (gtk_label_get_label (number), ==, cells[c]);
      g_assert_cmpfloat (gtk_label_get_xalign (number), ==, 1.0f);
      g_assert_cmpint (gtk_label_get_ellipsize (number), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number), "numeric"));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number), "dim-label"));
    }
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 3, 2));
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1));

  number = GTK_LABEL (desk_grid_label_new ("7", TRUE, NULL));
  g_object_ref_sink (number);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (number), "dim-label"));
  g_assert_finalize_object (number);
  g_assert_finalize_object (grid);
}

typedef struct
{
  guint setups;
  guint bound_columns; /* bit i: a cell of the column of index i was filled */
} ColumnCalls;

static void
count_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ColumnCalls              *calls)
{
  calls->setups++;
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
column_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ColumnCalls              *calls)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  calls->bound_columns |= 1u << column;
}

/* A column appended in one call: its title, its share of the room, resizable, and cells
 * made and filled by the callbacks, which know the column by its index. */
static void
test_column_append (void)
{
  const char *const rows[] = { "a", "b", NULL };
  GtkStringList *strings = gtk_string_list_new (rows);
  GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))));
  GtkWidget *window = gtk_window_new ();
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GtkColumnViewColumn *first, *second;
  ColumnCalls calls = { 0 };

  first = desk_column_view_append (GTK_COLUMN_VIEW (view), "Name", G_CALLBACK (count_setup_cb),
                                   G_CALLBACK (column_bind_cb), &calls, 0, TRUE);
  second = desk_column_view_append (GTK_COLUMN_VIEW (view), "Count", G_CALLBACK (count_setup_cb),
                                    G_CALLBACK (column_bind_cb), &calls, 7, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 2);
  {
    g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, 1);

    g_assert_true (last == second);
  }
  g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "Name");
  g_assert_true (gtk_column_view_column_get_expand (first));
  g_assert_false (gtk_column_view_column_get_expand (second));
  g_assert_true (gtk_column_view_column_get_resizable (first));
  g_assert_true (gtk_column_view_column_get_resizable (second));

  /* Shown, every cell of both columns is made and filled, each knowing its column. */
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200 && (calls.setups < 4 || calls.bound_columns != ((1u << 0) | (1u << 7))); i++)
    wait_a_moment (10);
  g_assert_cmpuint (calls.setups, >=, 4);
  g_assert_cmpuint (calls.bound_columns, ==, (1u << 0) | (1u << 7));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
}

/* Printing through GtkPrintOperation to a PDF file: it holds the group's name. */
static void
test_print_to_pdf (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdf = g_build_filename (test_dir, "report.pdf", NULL);
  g_autofree char *txt = g_build_filename (test_dir, "report.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = desk_record_get_narrative (group, "name", desk_locale_language (), NULL);
  DeskWindow *window = new_window (store);
  DeskReportsPage *page = DESK_REPORTS_PAGE (show_page (window, "reports"));
  int status = 0;

  desk_reports_page_show_report (page, DESK_REPORT_BUDGET);
  g_assert_true (_desk_reports_page_print (page, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (pdftotext == NULL)
    {
      destroy_window (window);
      g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF's text cannot be read");
      return;
    }

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, txt, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (txt, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, name));

  destroy_window (window);
}

/* Backup and restore run on a worker (the store is in a file): waits for the last. */
static void
wait_for_job (GtkWidget *prefs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;

  job = DESK_JOB (g_object_ref (_desk_preferences_window_get_job (DESK_PREFERENCES_WINDOW (prefs))));
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_wait (job, &error));
  g_assert_no_error (error);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The bytes of the database and its -wal, digested: equal means byte for byte. */
static char *
test_db_digest (DeskStore  **store,
                const char  *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_checksum_update (sum, (const guchar *) contents, length);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
test_restore_work (DeskStore         *store,
                   gpointer           data,
                   GCancellable      *cancellable,
                   DeskProgressFunc   progress,
                   gpointer           progress_data,
                   GError           **error)
{
  return desk_store_restore_full (store, data, cancellable, progress, progress_data, error);
}

/* Back Up Now and Restore… cancelled: no file in the backups folder (not even a partial
 * one), and the database byte for byte as it was. */
static void
test_backup_cancelled (void)
{
  g_autofree char *path = g_build_filename (test_dir, "cancelled.db", NULL);
  g_autofree char *folder = g_strconcat (path, ".backups", NULL);
  g_autoptr(DeskStore) store = new_store_at (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;
  g_autofree char *first = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *prefs;
  guint files;

  first = desk_backup_before (store, DESK_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  files = count_files (folder);
  prefs = g_object_ref (desk_preferences_window_new (store));
  gtk_window_present (GTK_WINDOW (prefs));
  wait_a_moment (20);

  g_assert_true (gtk_widget_activate_action (prefs, "preferences.back-up", NULL));
  job = DESK_JOB (g_object_ref (_desk_preferences_window_get_job (DESK_PREFERENCES_WINDOW (prefs))));
  desk_job_cancel (job);
  g_assert_false (desk_job_wait (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&job);
  g_assert_cmpuint (count_files (folder), ==, files);

  /* A restore cancelled: nothing replaced, no backup of the current state kept. */
  before = test_db_digest (&store, path);
  job = desk_job_start (GTK_WINDOW (prefs), store, "restore", test_restore_work,
                        g_strdup (first), g_free, NULL, NULL);
  desk_job_cancel (job);
  g_assert_false (desk_job_wait (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (folder), ==, files);
  g_clear_object (&job);
  after = test_db_digest (&store, path);
  g_assert_cmpstr (before, ==, after);

  gtk_window_destroy (GTK_WINDOW (prefs));
  wait_a_moment (20);
  g_object_unref (prefs);
}

/* Back Up Now adds a row; Restore… asks, then brings the old state back. */
static void
test_backups (void)
{
  g_autofree char *path = g_build_filename (test_dir, "backups.db", NULL);
  g_autoptr(DeskStore) store = new_store_at (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  DeskWindow *window = new_window (store);
  GtkWidget *prefs;
  GtkListBox *list;
  GtkWidget *row;
  GtkWidget *button = NULL;
  gint64 before = desk_store_count (store, DESK_KIND_MEMBER, NULL);
  g_autoptr(GPtrArray) backups = NULL;

  prefs = g_object_ref (desk_preferences_window_new (store));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  wait_a_moment (20);
  list = _desk_preferences_window_get_backups_list (DESK_PREFERENCES_WINDOW (prefs));

  g_assert_true (gtk_widget_activate_action (prefs, "preferences.back-up", NULL));
  wait_for_job (prefs);
  wait_a_moment (10);
  backups = desk_backup_list (store);
  g_assert_cmpuint (backups->len, >=, 1);
  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==,
                   ((DeskBackupInfo *) g_ptr_array_index (backups, 0))->path);

  /* A member deleted after the backup comes back with the restore. */
  members = desk_store_list (store, DESK_KIND_MEMBER, NULL, NULL);
  g_assert_true (desk_store_delete (store, DESK_KIND_MEMBER,
                                    desk_record_get_uuid (g_ptr_array_index (members, 0)), &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_MEMBER, NULL), ==, before - 1);

  /* The row's Restore… button asks first. */
  for (GtkWidget *w = row; w != NULL && button == NULL; )
    {
      /* Depth-first search for the button in the row. */
      if (GTK_IS_BUTTON (w) && w != row)
        button = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_a_moment (20);

  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "backed up first"));
    /* Nothing has changed while the question is open. */
    g_assert_cmpint (desk_store_count (store, DESK_KIND_MEMBER, NULL), ==, before - 1);
    adw_message_dialog_response (dialog, "restore");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  wait_for_job (prefs);
  wait_a_moment (50);

  g_assert_cmpint (desk_store_count (store, DESK_KIND_MEMBER, NULL), ==, before);
  /* The main window was replaced by a new one on the same store, and Preferences closed. */
  g_assert_finalize_object (prefs);
  g_assert_finalize_object (window);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (DESK_IS_WINDOW (w))
          {
            g_assert_true (desk_window_get_store (DESK_WINDOW (w)) == store);
            gtk_window_destroy (GTK_WINDOW (w));
            break;
          }
      }
  }
  wait_a_moment (20);
}

/* Choosing another language says when it applies, with a Restart Now button. */
static void
test_language_toast (void)
{
  g_autoptr(DeskStore) store = desk_store_open (":memory:", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("org.voluntaryprinciples.Groupdesk");
  GtkWidget *window;
  AdwComboRow *row;
  AdwToast *toast;

  window = g_object_ref (desk_preferences_window_new (store));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (_desk_preferences_window_get_restart_toast (DESK_PREFERENCES_WINDOW (window)));

  row = ADW_COMBO_ROW (gtk_widget_get_template_child (window, DESK_TYPE_PREFERENCES_WINDOW, "language_row"));
  adw_combo_row_set_selected (row, 2);
  wait_a_moment (10);

  toast = _desk_preferences_window_get_restart_toast (DESK_PREFERENCES_WINDOW (window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "The language changes when Groupdesk restarts");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Restart _Now");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "preferences.restart");

  g_settings_reset (settings, "language");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (10);
  g_assert_finalize_object (window);
}

/* Helpers */

/* The main window's history is found from the window, from a widget in it and from a
 * dialog over it; nowhere else. */
static void
test_find_history (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  DeskWindow *window = new_window (store);
  DeskHistory *history = desk_window_get_history (window);
  GtkWidget *dialog = g_object_ref (adw_window_new ());
  GtkWidget *alone = g_object_ref_sink (gtk_label_new (NULL));

  g_assert_nonnull (history);
  g_assert_true (desk_widget_find_history (GTK_WIDGET (window)) == history);
  g_assert_true (desk_widget_get_window (GTK_WIDGET (window)) == GTK_WINDOW (window));

  /* A dialog of its own first, then over the main window. */
  g_assert_null (desk_widget_find_history (dialog));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  g_assert_true (desk_widget_find_history (dialog) == history);
  adw_window_set_content (ADW_WINDOW (dialog), alone);
  g_assert_true (desk_widget_find_history (alone) == history);
  g_assert_true (desk_widget_get_window (alone) == GTK_WINDOW (dialog));

  adw_window_set_content (ADW_WINDOW (dialog), NULL);
  g_assert_null (desk_widget_get_window (alone));
  g_assert_null (desk_widget_find_history (alone));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (alone);
  destroy_window (window);
}

/* Boxes, grids, list boxes and flow boxes are emptied alike. */
static void
test_remove_children (void)
{
  GtkWidget *containers[] = {
    gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), gtk_grid_new (), gtk_list_box_new (),
    gtk_flow_box_new (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    {
      GtkWidget *container = g_object_ref_sink (containers[i]);
      GtkWidget *label = gtk_label_new ("a");

      g_object_add_weak_pointer (G_OBJECT (label), (gpointer *) &label);
      for (guint n = 0; n < 3; n++)
        {
          GtkWidget *child = n == 0 ? label : gtk_label_new ("b");

          if (GTK_IS_BOX (container))
            gtk_box_append (GTK_BOX (container), child);
          else if (GTK_IS_GRID (container))
            gtk_grid_attach (GTK_GRID (container), child, (int) n, 0, 1, 1);
          else if (GTK_IS_LIST_BOX (container))
            gtk_list_box_append (GTK_LIST_BOX (container), child);
          else
            gtk_flow_box_append (GTK_FLOW_BOX (container), child);
        }
      g_assert_nonnull (gtk_widget_get_first_child (container));

      desk_widget_remove_children (container);
      g_assert_null (gtk_widget_get_first_child (container));
      /* The children went with it. */
      g_assert_null (label);
      g_assert_finalize_object (container);
    }
}

static void
count_cb (gpointer data)
{
  guint *count = data;

  (*count)++;
}

/* Asked for three times, the work runs once; asked for again, once more; a removed
 * source never runs. */
static void
test_schedule_once (void)
{
  guint source = 0;
  guint count = 0;

  for (guint i = 0; i < 3; i++)
    desk_schedule_once (&source, G_PRIORITY_DEFAULT_IDLE, 0, count_cb, &count);
  g_assert_cmpuint (source, !=, 0);
  g_assert_cmpuint (count, ==, 0);
  wait_a_moment (20);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (source, ==, 0);

  desk_schedule_once (&source, G_PRIORITY_DEFAULT, 10, count_cb, &count);
  desk_schedule_once (&source, G_PRIORITY_DEFAULT, 10, count_cb, &count);
  wait_a_moment (50);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (source, ==, 0);

  desk_schedule_once (&source, G_PRIORITY_DEFAULT, 10, count_cb, &count);
  g_clear_handle_id (&source, g_source_remove);
  wait_a_moment (50);
  g_assert_cmpuint (count, ==, 2);
}

/* Preferences and the group dialog keep the store they are made with, as their `store`
 * property, and let it go with them. */
static void
test_store_property (void)
{
  g_autoptr(DeskStore) store = desk_store_open (":memory:", NULL);
  GType types[] = { DESK_TYPE_PREFERENCES_WINDOW, DESK_TYPE_GROUP_DIALOG };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *window = g_object_new (types[i], "store", store, NULL);
      g_autoptr(DeskStore) got = NULL;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (window), "store");

      g_object_ref (window);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
      g_assert_true (pspec->value_type == DESK_TYPE_STORE);
      g_object_get (window, "store", &got, NULL);
      g_assert_true (got == store);
      g_clear_object (&got);
      if (DESK_IS_PREFERENCES_WINDOW (window))
        g_assert_true (desk_preferences_window_get_store (DESK_PREFERENCES_WINDOW (window)) == store);
      else
        g_assert_true (desk_group_dialog_get_store (DESK_GROUP_DIALOG (window)) == store);

      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_finalize_object (window);
    }

  /* Only the test holds the store now. */
  g_assert_cmpuint (G_OBJECT (store)->ref_count, ==, 1);
}

static gboolean
filter_matches (GtkFileFilter *filter,
                const char    *name,
                const char    *content_type)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, content_type);

  return gtk_filter_match (GTK_FILTER (filter), info);
}

/* A MIME type, a pattern and a suffix, each told from the others. */
static void
test_file_filter (void)
{
  g_autoptr(GtkFileFilter) filter = desk_file_filter_new ("Sheets", "text/csv", "*.csv", "tsv", NULL);
  g_autoptr(GtkFileFilter) all = desk_file_filter_new ("All", "*", NULL);

  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Sheets");
  g_assert_true (filter_matches (filter, "sheet.txt", "text/csv"));
  g_assert_true (filter_matches (filter, "sheet.csv", "text/plain"));
  g_assert_true (filter_matches (filter, "sheet.TSV", "text/plain"));
  g_assert_false (filter_matches (filter, "sheet.txt", "text/plain"));
  g_assert_false (filter_matches (filter, "sheet.csvx", "text/plain"));
  g_assert_true (filter_matches (all, "anything.bin", "application/octet-stream"));
}

static void
file_chosen_cb (gpointer  owner,
                GFile    *file)
{
  g_object_set_data_full (G_OBJECT (owner), "test-chosen", g_file_get_basename (file), g_free);
}

/* The chooser's answer reaches the owner once; a second question replaces the first, and
 * a cancelled one never answers. The chooser shown is read from where the owner keeps it
 * ("desk-file-chooser"), and answered as the user would through its response signal. */
static void
test_file_chooser (void)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (test_dir);
  GtkNativeDialog *first;
  GtkNativeDialog *chooser;

  desk_file_chooser_ask (owner, NULL, "First", "first.csv", file_chosen_cb,
                         desk_file_filter_new ("CSV", "*.csv", NULL), NULL);
  first = g_object_get_data (owner, "desk-file-chooser");
  g_assert_true (GTK_IS_FILE_CHOOSER (first));
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);

  desk_file_chooser_ask (owner, NULL, "Second", "second.csv", file_chosen_cb,
                         desk_file_filter_new ("CSV", "*.csv", NULL), NULL);
  chooser = g_object_get_data (owner, "desk-file-chooser");
  g_assert_null (first);
  g_assert_cmpstr (gtk_native_dialog_get_title (chooser), ==, "Second");
  g_assert_true (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (gtk_native_dialog_get_modal (chooser));

  /* Cancelled: no answer, and the chooser is gone. */
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (g_object_get_data (owner, "desk-file-chooser"));
  g_assert_null (g_object_get_data (owner, "test-chosen"));

  /* A file to save, answered; then one to open. */
  desk_file_chooser_ask (owner, NULL, "Save", "chosen.csv", file_chosen_cb,
                         desk_file_filter_new ("CSV", "*.csv", NULL), NULL);
  chooser = g_object_get_data (owner, "desk-file-chooser");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  wait_a_moment (50);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_cmpstr (g_object_get_data (owner, "test-chosen"), ==, "chosen.csv");
  g_assert_null (g_object_get_data (owner, "desk-file-chooser"));

  desk_file_chooser_ask (owner, NULL, "Open", NULL, file_chosen_cb,
                         desk_file_filter_new ("CSV", "*.csv", NULL), NULL);
  chooser = g_object_get_data (owner, "desk-file-chooser");
  g_assert_true (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_OPEN);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_DELETE_EVENT);
  g_assert_null (g_object_get_data (owner, "desk-file-chooser"));

  /* desk_file_chooser_cancel() closes a pending one. */
  desk_file_chooser_ask (owner, NULL, "Open", NULL, file_chosen_cb,
                         desk_file_filter_new ("All", "*", NULL), NULL);
  g_assert_nonnull (g_object_get_data (owner, "desk-file-chooser"));
  desk_file_chooser_cancel (owner);
  g_assert_null (g_object_get_data (owner, "desk-file-chooser"));
  wait_a_moment (20);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Databases and PDFs go to a folder of this run's own, removed at the end. (GLib's
   * G_TEST_OPTION_ISOLATE_DIRS also moves the XDG folders, and GTK's icon loading warns
   * without them.) */
  test_dir = g_dir_make_tmp ("test-reports-XXXXXX", NULL);
  g_assert_nonnull (test_dir);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/overview/figures", test_overview_figures);
  g_test_add_func ("/gui/overview/async", test_overview_async);
  g_test_add_func ("/gui/overview/tiles-open-pages", test_overview_tiles_open_pages);
  g_test_add_func ("/gui/reports/page", test_reports_page);
  g_test_add_func ("/gui/reports/sections-and-dates", test_reports_sections_and_dates);
  g_test_add_func ("/gui/helpers/dialog-answer", test_dialog_answer);
  g_test_add_func ("/gui/helpers/grid-row", test_grid_row);
  g_test_add_func ("/gui/helpers/column-append", test_column_append);
  g_test_add_func ("/gui/reports/print-to-pdf", test_print_to_pdf);
  g_test_add_func ("/gui/preferences/backups", test_backups);
  g_test_add_func ("/gui/preferences/backup-cancelled", test_backup_cancelled);
  g_test_add_func ("/gui/preferences/language-toast", test_language_toast);
  g_test_add_func ("/gui/helpers/find-history", test_find_history);
  g_test_add_func ("/gui/helpers/schedule-once", test_schedule_once);
  g_test_add_func ("/gui/helpers/remove-children", test_remove_children);
  g_test_add_func ("/gui/helpers/store-property", test_store_property);
  g_test_add_func ("/gui/helpers/file-filter", test_file_filter);
  g_test_add_func ("/gui/helpers/file-chooser", test_file_chooser);

  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (test_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                       NULL, NULL);
    GFileInfo *info;

    /* One level of files, and the backups folders one level down. */
    while (children != NULL && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_autoptr(GFileEnumerator) inner = g_file_enumerate_children (child, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                        NULL, NULL);
        GFileInfo *inner_info;

        while (inner != NULL && g_file_enumerator_iterate (inner, &inner_info, NULL, NULL, NULL) && inner_info != NULL)
          {
            g_autoptr(GFile) grandchild = g_file_get_child (child, g_file_info_get_name (inner_info));

            g_file_delete (grandchild, NULL, NULL);
          }
        g_file_delete (child, NULL, NULL);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (test_dir);

  return status;
}
