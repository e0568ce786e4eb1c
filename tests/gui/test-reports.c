/* test-reports.c — the Overview's tiles, the Reports page, backups and the language toast
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's compiled
 * schema. Nothing but TAP on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-chart.h"
#include "desk-overview-page.h"
#include "desk-overview-page-private.h"
#include "desk-preferences-window.h"
#include "desk-preferences-window-private.h"
#include "desk-reports-page.h"
#include "desk-reports-page-private.h"
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

/* The overdue tile opens the Deliverables page with the overdue filter on. */
static void
test_overview_tiles_open_pages (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  DeskWindow *window = new_window (store);
  GtkWidget *overview = show_page (window, "overview");
  GtkWidget *tile;

  tile = GTK_WIDGET (gtk_widget_get_template_child (overview, DESK_TYPE_OVERVIEW_PAGE, "workshops_tile"));
  g_signal_emit_by_name (tile, "clicked");
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "workshops");

  show_page (window, "overview");
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

/* The accessible description, read through GtkAccessible's test API. */
static void
test_chart_description (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  g_autoptr(GError) error = NULL;
  DeskReport *report = desk_report_compute (store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  GtkWidget *chart = g_object_ref_sink (desk_chart_new ());
  g_autofree char *description = NULL;

  g_assert_no_error (error);
  description = g_strdup (report->chart_description);
  desk_chart_set_report (DESK_CHART (chart), report);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_finalize_object (chart);
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
  g_test_add_func ("/gui/reports/chart-description", test_chart_description);
  g_test_add_func ("/gui/reports/print-to-pdf", test_print_to_pdf);
  g_test_add_func ("/gui/preferences/backups", test_backups);
  g_test_add_func ("/gui/preferences/language-toast", test_language_toast);

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
