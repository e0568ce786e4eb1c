/* test-exports.c — the Exports page and its dialogs, driven as a person would
 *
 * The dialogs are opened through their actions (Ctrl+E's win.export-bundle, the page's
 * exports.export-iati); only the file choosers are bypassed, by the hooks that do what
 * the chooser's answer does. Every test checks what the dialog shows against core and
 * what was written against the database and the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-date-row.h"
#include "desk-export-dialog.h"
#include "desk-exports-page.h"
#include "desk-exports-page-private.h"
#include "desk-show-file.h"
#include "desk-toast.h"
#include "desk-window.h"
#include "desk-window-private.h"
#include "desk-workshops-page-private.h"

#include <locale.h>
#include <glib/gstdio.h>

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

/* The sample group, on 15 October 2025: the last full quarter is July to September. */
static DeskStore *
new_store (gboolean demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 10, 15, 9, 30, 0);

  g_assert_no_error (error);
  desk_store_set_now (store, now);
  if (demo)
    {
      g_autofree char *uuid = desk_demo_fill (store, &error);

      g_assert_no_error (error);
      g_assert_nonnull (uuid);
    }

  return g_steal_pointer (&store);
}

static DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  g_object_ref (window);
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

static DeskExportsPage *
get_page (DeskWindow *window)
{
  /* Made now if the window has not shown it yet. */
  return DESK_EXPORTS_PAGE (_desk_window_ensure_page (window, "exports"));
}

static char *
main_group (DeskStore *store)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);

  g_assert_nonnull (group);

  return g_strdup (desk_record_get_uuid (group));
}

/* Ctrl+E: the window's action opens the Exports page and its dialog. */
static DeskExportDialog *
open_export_dialog (DeskWindow *window)
{
  DeskExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-bundle", NULL));
  wait_a_moment (20);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "exports");
  dialog = _desk_exports_page_get_export_dialog (get_page (window));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (desk_export_dialog_get_mode (dialog), ==, DESK_EXPORT_BUNDLE);

  return dialog;
}

static gint64
preview_count (const DeskBundlePreview *preview,
               const char              *kind)
{
  for (guint i = 0; i < preview->counts->len; i++)
    {
      const DeskBundleCount *count = &g_array_index (preview->counts, DeskBundleCount, i);

      if (g_str_equal (count->kind, kind))
        return count->count;
    }

  g_assert_not_reached ();
}

static void
assert_counts_shown (DeskExportDialog        *dialog,
                     const DeskBundlePreview *expected)
{
  for (guint i = 0; i < expected->counts->len; i++)
    {
      const DeskBundleCount *count = &g_array_index (expected->counts, DeskBundleCount, i);
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, count->count);

      /* Amendments show only when there are some. */
      if (count->count == 0 && g_str_equal (count->kind, "amendment"))
        {
          g_assert_null (_desk_export_dialog_get_count_text (dialog, count->kind));
          continue;
        }
      g_assert_cmpstr (_desk_export_dialog_get_count_text (dialog, count->kind), ==, text);
    }
}

static void
test_preview (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *group = main_group (store);
  g_autoptr(DeskBundlePreview) aggregate = NULL;
  g_autoptr(DeskBundlePreview) pseudonymous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  DeskWindow *window = new_window (store);
  DeskExportDialog *dialog = open_export_dialog (window);
  const DeskBundlePreview *shown;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* The default: the last full quarter, counts only. */
  _desk_export_dialog_get_period (dialog, &from, &to);
  g_assert_cmpstr (from, ==, "2025-07-01");
  g_assert_cmpstr (to, ==, "2025-09-30");
  g_assert_cmpint (_desk_export_dialog_get_privacy (dialog), ==, DESK_PRIVACY_AGGREGATE);
  g_assert_cmpstr (_desk_export_dialog_get_privacy_sentence (dialog), ==,
                   desk_bundle_describe_privacy (DESK_PRIVACY_AGGREGATE));

  aggregate = desk_bundle_preview (store, group, from, to, DESK_PRIVACY_AGGREGATE, &error);
  g_assert_no_error (error);
  shown = _desk_export_dialog_get_preview (dialog);
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->sequence, ==, 1);
  g_assert_cmpuint (shown->counts->len, ==, aggregate->counts->len);
  g_test_message ("%u problems in the last quarter", shown->problems->len);
  assert_counts_shown (dialog, aggregate);
  g_assert_cmpint (preview_count (aggregate, "member"), ==, desk_store_count (store, DESK_KIND_MEMBER, group));
  g_assert_cmpint (preview_count (aggregate, "person"), ==, 0);
  g_assert_cmpstr (_desk_export_dialog_get_count_text (dialog, "person"), ==, "0");

  /* Pseudonymous: another sentence, and the participants go too. */
  sentence = g_strdup (_desk_export_dialog_get_privacy_sentence (dialog));
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_PSEUDONYMOUS);
  g_assert_cmpint (_desk_export_dialog_get_privacy (dialog), ==, DESK_PRIVACY_PSEUDONYMOUS);
  g_assert_cmpstr (_desk_export_dialog_get_privacy_sentence (dialog), !=, sentence);
  g_assert_cmpstr (_desk_export_dialog_get_privacy_sentence (dialog), ==,
                   desk_bundle_describe_privacy (DESK_PRIVACY_PSEUDONYMOUS));

  pseudonymous = desk_bundle_preview (store, group, from, to, DESK_PRIVACY_PSEUDONYMOUS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview_count (pseudonymous, "person"), ==, desk_store_count (store, DESK_KIND_PERSON, group));
  g_assert_cmpint (preview_count (pseudonymous, "person"), >, 0);
  assert_counts_shown (dialog, pseudonymous);
  {
    g_autofree char *persons = g_strdup_printf ("%'" G_GINT64_FORMAT, preview_count (pseudonymous, "person"));

    g_assert_cmpstr (_desk_export_dialog_get_count_text (dialog, "person"), ==, persons);
  }

  /* The problems core finds are the rows shown, and the button says so. */
  {
    GtkListBox *problems = _desk_export_dialog_get_problem_list (dialog);
    guint rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (problems)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      rows++;
    g_assert_cmpuint (rows, ==, pseudonymous->problems->len);
    if (pseudonymous->problems->len > 0)
      g_assert_nonnull (strstr (gtk_button_get_label (_desk_export_dialog_get_export_button (dialog)), "Anyway"));
    else
      g_assert_null (strstr (gtk_button_get_label (_desk_export_dialog_get_export_button (dialog)), "Anyway"));
  }

  /* Dates typed by hand: a bad one turns Save… off. */
  _desk_export_dialog_set_period (dialog, "2025-13-01", "2025-12-31");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog))));
  g_assert_null (_desk_export_dialog_get_preview (dialog));
  _desk_export_dialog_set_period (dialog, "2025-01-01", "2025-12-31");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog))));
  g_assert_nonnull (_desk_export_dialog_get_preview (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Until the dialog has followed what was typed (its refresh waits for an idle loop). */
static void
settle (void)
{
  wait_a_moment (20);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Selects a day of @year and @month in @calendar as a click does, and returns it: the 7th,
 * or the 8th when the calendar is on a 7th (a day-selected needs another day). */
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

/* Other dates, one typed the way the app shows dates, one picked in the calendar, reach the
 * preview and the file as ISO 8601; a text that is no date turns Save off and says why. */
static void
test_dates_with_calendar (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *group = main_group (store);
  DeskWindow *window = new_window (store);
  DeskExportDialog *dialog = open_export_dialog (window);
  GtkWidget *widget = GTK_WIDGET (dialog);
  AdwComboRow *period_row = ADW_COMBO_ROW (gtk_widget_get_template_child (widget, DESK_TYPE_EXPORT_DIALOG, "period_row"));
  DeskDateRow *from_row = DESK_DATE_ROW (gtk_widget_get_template_child (widget, DESK_TYPE_EXPORT_DIALOG, "from_row"));
  DeskDateRow *to_row = DESK_DATE_ROW (gtk_widget_get_template_child (widget, DESK_TYPE_EXPORT_DIALOG, "to_row"));
  AdwPreferencesGroup *preview_group = ADW_PREFERENCES_GROUP (gtk_widget_get_template_child (widget, DESK_TYPE_EXPORT_DIALOG,
                                                                                             "preview_group"));
  GListModel *periods = adw_combo_row_get_model (period_row);
  g_autofree char *typed = desk_date_format ("2025-02-03");
  g_autofree char *quarter_start = desk_date_format ("2025-07-01");
  g_autofree char *late = desk_date_format ("2025-12-31");
  g_autofree char *picked = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(DeskBundlePreview) expected = NULL;
  g_autoptr(GError) error = NULL;
  const DeskBundlePreview *shown;
  int day;

  /* "Other dates", the last choice, starts from the last quarter, as the app writes dates. */
  adw_combo_row_set_selected (period_row, g_list_model_get_n_items (periods) - 1);
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (from_row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_row)), ==, quarter_start);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_row)), !=, "2025-07-01");

  gtk_editable_set_text (GTK_EDITABLE (from_row), typed);
  day = select_day (desk_date_row_get_calendar (to_row), 2025, 11);
  settle ();
  picked = g_strdup_printf ("2025-11-%02d", day);

  _desk_export_dialog_get_period (dialog, &from, &to);
  g_assert_cmpstr (from, ==, "2025-02-03");
  g_assert_cmpstr (to, ==, picked);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog))));
  expected = desk_bundle_preview (store, group, from, to, _desk_export_dialog_get_privacy (dialog), &error);
  g_assert_no_error (error);
  shown = _desk_export_dialog_get_preview (dialog);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->counts->len, ==, expected->counts->len);
  for (guint i = 0; i < expected->counts->len; i++)
    g_assert_cmpint (g_array_index (shown->counts, DeskBundleCount, i).count, ==,
                     g_array_index (expected->counts, DeskBundleCount, i).count);

  /* Not a date: Save is off, the row is marked and the sentence names what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (from_row), "3 Foo 2025");
  settle ();
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from_row), "error"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (preview_group), "3 Foo 2025"));
  g_assert_false (_desk_export_dialog_export_to (dialog, "/nonexistent/never-written.gdbundle", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "3 Foo 2025"));
  g_clear_error (&error);

  /* The first after the last: the last row is the one marked. */
  gtk_editable_set_text (GTK_EDITABLE (from_row), late);
  settle ();
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (to_row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from_row), "error"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* A workshop in the period that nobody attended is a problem: its row opens it. */
static void
test_problem_opens_record (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *group = main_group (store);
  g_autoptr(GPtrArray) activities = desk_store_list (store, DESK_KIND_ACTIVITY, group, NULL);
  g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskExportDialog *dialog;
  const DeskBundlePreview *preview;
  GtkListBox *list;
  GtkListBoxRow *row = NULL;
  guint index = 0;

  desk_record_set_string (workshop, "activity_uuid", desk_record_get_uuid (g_ptr_array_index (activities, 0)));
  desk_record_set_string (workshop, "title_en", "Community dialogue, Obuasi");
  desk_record_set_string (workshop, "start_date", "2025-08-12");
  desk_record_set_string (workshop, "end_date", "2025-08-12");
  desk_record_set_string (workshop, "town", "Obuasi");
  desk_record_set_string (workshop, "format", "in_person");
  g_assert_true (desk_store_insert (store, workshop, &error));
  g_assert_no_error (error);

  window = new_window (store);
  dialog = open_export_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  preview = _desk_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->problems->len, >, 0);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const DeskBundleProblem *problem = g_ptr_array_index (preview->problems, i);

      if (g_str_equal (problem->uuid, desk_record_get_uuid (workshop)))
        index = i + 1;
    }
  g_assert_cmpuint (index, >, 0);
  g_assert_nonnull (strstr (gtk_button_get_label (_desk_export_dialog_get_export_button (dialog)), "Anyway"));
  /* Exporting with problems destroys nothing: still the suggested action. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog)),
                                           "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (_desk_export_dialog_get_export_button (dialog)),
                                            "destructive-action"));

  list = _desk_export_dialog_get_problem_list (dialog);
  row = gtk_list_box_get_row_at_index (list, (int) index - 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  wait_a_moment (20);

  g_assert_null (dialog);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "workshops");
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                                "page_stack"));
    DeskWorkshopsPage *workshops = DESK_WORKSHOPS_PAGE (gtk_stack_get_child_by_name (stack, "workshops"));

    g_assert_cmpstr (desk_record_list_get_open_uuid (_desk_workshops_page_get_list (workshops)), ==,
                     desk_record_get_uuid (workshop));
  }

  destroy_window (window);
}

static char *
export_through_dialog (DeskWindow  *window,
                       const char  *dir,
                       DeskPrivacy  privacy)
{
  DeskExportDialog *dialog = open_export_dialog (window);
  DeskStore *store = desk_window_get_store (window);
  g_autofree char *group = main_group (store);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  char *path;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;

  _desk_export_dialog_set_privacy (dialog, privacy);
  _desk_export_dialog_get_period (dialog, &from, &to);
  name = desk_bundle_suggest_name (store, group, to);
  g_assert_true (g_str_has_suffix (name, DESK_BUNDLE_SUFFIX));
  path = g_build_filename (dir, name, NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (_desk_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);
  wait_a_moment (10);
  /* Saved: the dialog has closed. */
  g_assert_null (dialog);

  return path;
}

static void
test_export_history (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *group = main_group (store);
  g_autofree char *dir = g_dir_make_tmp ("test-exports-XXXXXX", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) newest = NULL;
  DeskWindow *window = new_window (store);
  DeskExportsPage *page = get_page (window);
  GListModel *history;
  GtkStack *stack;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "exports"));
  wait_a_moment (10);
  history = _desk_exports_page_get_history (page);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_EXPORTS_PAGE, "stack"));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  first = export_through_dialog (window, dir, DESK_PRIVACY_AGGREGATE);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (desk_bundle_validate_file (first, &reasons, &error));
  g_assert_no_error (error);

  /* The history shows it, from the database. */
  exports = desk_store_list (store, DESK_KIND_EXPORT, group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "history");
  newest = g_list_model_get_item (history, 0);
  g_assert_cmpint (desk_record_get_int (newest, "sequence"), ==, 1);
  g_assert_cmpstr (desk_record_get_string (newest, "file"), ==, first);
  g_assert_cmpstr (desk_record_get_string (newest, "privacy"), ==, "aggregate");
  g_assert_cmpstr (desk_record_get_string (newest, "period_start"), ==, "2025-07-01");
  g_clear_object (&newest);

  /* The next one comes first, numbered 2. */
  second = export_through_dialog (window, dir, DESK_PRIVACY_NAMED);
  g_assert_true (desk_bundle_validate_file (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  newest = g_list_model_get_item (history, 0);
  g_assert_cmpint (desk_record_get_int (newest, "sequence"), ==, 2);
  g_assert_cmpstr (desk_record_get_string (newest, "privacy"), ==, "named");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPORT, group), ==, 2);

  destroy_window (window);
  g_remove (first);
  g_remove (second);
  g_rmdir (dir);
}

static void
test_import (void)
{
  g_autoptr(DeskStore) source = new_store (TRUE);
  g_autoptr(DeskStore) target = new_store (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("test-exports-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *group = main_group (source);
  g_autofree char *members = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) imported = NULL;
  DeskWindow *window = new_window (source);
  DeskImportDialog *dialog;
  DeskImportPlan *plan;

  path = export_through_dialog (window, dir, DESK_PRIVACY_AGGREGATE);
  destroy_window (window);
  file = g_file_new_for_path (path);

  /* A new laptop: the window shows the welcome view. */
  window = new_window (target);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "welcome");
  dialog = _desk_exports_page_import_file (get_page (window), file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  plan = desk_import_dialog_get_plan (dialog);
  g_assert_false (plan->already_imported);
  g_assert_null (plan->refused);
  g_assert_cmpstr (plan->group_uuid, ==, group);
  g_assert_cmpint (plan->sequence, ==, 1);
  members = g_strdup_printf ("%'" G_GINT64_FORMAT, desk_store_count (source, DESK_KIND_MEMBER, group));
  g_assert_cmpstr (_desk_import_dialog_get_count_text (dialog, "member", 0), ==, members);
  g_assert_cmpstr (_desk_import_dialog_get_count_text (dialog, "member", 1), ==, "0");
  g_assert_cmpstr (_desk_import_dialog_get_count_text (dialog, "group", 0), ==, "1");
  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "adds"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_desk_import_dialog_get_import_button (dialog))));
  g_assert_cmpint (desk_store_count (target, DESK_KIND_MEMBER, NULL), ==, 0);

  /* Import, through the button's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  wait_a_moment (50);
  g_assert_null (dialog);
  imported = desk_store_dup_main_group (target);
  g_assert_nonnull (imported);
  g_assert_cmpstr (desk_record_get_uuid (imported), ==, group);
  g_assert_cmpint (desk_store_count (target, DESK_KIND_MEMBER, group), ==,
                   desk_store_count (source, DESK_KIND_MEMBER, group));
  g_assert_cmpint (desk_store_count (target, DESK_KIND_EXPENSE, group), ==,
                   desk_store_count (source, DESK_KIND_EXPENSE, group));
  g_assert_cmpstr (desk_window_get_visible_page (window), !=, "welcome");

  /* Again: nothing to do, and no Import button. */
  dialog = _desk_exports_page_import_file (get_page (window), file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_assert_true (desk_import_dialog_get_plan (dialog)->already_imported);
  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "Nothing to do"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_desk_import_dialog_get_import_button (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Not a bundle: refused with core's reason, no dialog. */
  {
    g_autofree char *junk = g_build_filename (dir, "junk" DESK_BUNDLE_SUFFIX, NULL);
    g_autoptr(GFile) junk_file = g_file_new_for_path (junk);
    g_autoptr(GError) junk_error = NULL;

    g_assert_true (g_file_set_contents (junk, "<html>not a bundle</html>", -1, NULL));
    g_assert_null (_desk_exports_page_import_file (get_page (window), junk_file, &junk_error));
    g_assert_nonnull (junk_error);
    g_remove (junk);
  }

  destroy_window (window);
  g_remove (path);
  g_rmdir (dir);
}

/* A bundle that deletes a workplan by a lone tombstone, as a crafted file would: the
 * dialog says what it takes with it and asks before Import Anyway. */
static void
test_import_cascade (void)
{
  g_autoptr(DeskStore) source = new_store (TRUE);
  g_autoptr(DeskStore) target = new_store (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("test-exports-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "1" DESK_BUNDLE_SUFFIX, NULL);
  g_autofree char *two = g_build_filename (dir, "2" DESK_BUNDLE_SUFFIX, NULL);
  g_autofree char *crafted = g_build_filename (dir, "crafted" DESK_BUNDLE_SUFFIX, NULL);
  g_autofree char *group = main_group (source);
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *activities = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_utc (2025, 10, 15, 10, 0, 0);
  g_autoptr(GPtrArray) workplans = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (crafted);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) first = NULL;
  GString *kept = g_string_new (NULL);
  DeskWindow *window;
  DeskImportDialog *dialog;
  const char *p;
  char *start;
  char *end;

  g_assert_true (desk_bundle_export (source, group, "2025-01-01", "2025-12-31",
                                     DESK_PRIVACY_AGGREGATE, one, &error));
  g_assert_no_error (error);
  first = desk_bundle_import (target, one, FALSE, FALSE, &error);
  g_assert_no_error (error);
  activities = g_strdup_printf ("%'" G_GINT64_FORMAT,
                                desk_store_count (target, DESK_KIND_ACTIVITY, group));

  desk_store_set_now (source, later);
  workplans = desk_store_list (source, DESK_KIND_WORKPLAN, group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workplans->len, ==, 1);
  /* Approved and reported: it goes with a reason (desk-locks.h). */
  g_assert_true (desk_store_delete_with_reason (source, DESK_KIND_WORKPLAN,
                                                desk_record_get_uuid (workplans->pdata[0]),
                                                "Replaced by a new plan", &error));
  g_assert_true (desk_bundle_export (source, group, "2025-01-01", "2025-12-31",
                                     DESK_PRIVACY_AGGREGATE, two, &error));
  g_assert_no_error (error);

  /* Only the workplan's tombstone stays; the records' digest is made to match again. */
  g_assert_true (g_file_get_contents (two, &text, NULL, NULL));
  for (p = text; *p != '\0';)
    {
      const char *t = strstr (p, " <tombstone ");
      const char *close;

      if (t == NULL)
        {
          g_string_append (kept, p);
          break;
        }
      g_string_append_len (kept, p, t - p);
      close = strstr (t, "/>") + 3;
      if (g_strstr_len (t, close - t, "kind=\"workplan\"") != NULL)
        g_string_append_len (kept, t, close - t);
      p = close;
    }
  g_free (text);
  text = g_string_free (kept, FALSE);
  start = strstr (text, "<count kind=\"tombstone\">") + strlen ("<count kind=\"tombstone\">");
  end = strstr (start, "</count>");
  memmove (start + 1, end, strlen (end) + 1);
  *start = '1';
  start = strstr (text, "<records>");
  end = g_strrstr (text, "</records>") + strlen ("</records>");
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start, end - start);
  start = strstr (text, "<content_sha256>") + strlen ("<content_sha256>");
  memcpy (start, digest, 64);
  g_assert_true (g_file_set_contents (crafted, text, -1, NULL));

  window = new_window (target);
  dialog = _desk_exports_page_import_file (get_page (window), file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "does not name"));
  g_assert_nonnull (strstr (gtk_button_get_label (_desk_import_dialog_get_import_button (dialog)),
                            "Anyway"));
  /* The Deleted column counts the activities the workplan takes with it. */
  g_assert_cmpstr (_desk_import_dialog_get_count_text (dialog, "activity", 2), ==, activities);
  g_assert_cmpint (desk_store_count (target, DESK_KIND_ACTIVITY, group), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  wait_a_moment (50);
  g_assert_null (dialog);
  g_assert_cmpint (desk_store_count (target, DESK_KIND_ACTIVITY, group), ==, 0);

  destroy_window (window);
  g_remove (one);
  g_remove (two);
  g_remove (crafted);
  g_rmdir (dir);
}


/* Jobs: on a database in a file the export runs on a worker with its own connection,
 * and the main loop keeps turning meanwhile. */

typedef struct
{
  char *dir;
  char *db;
  DeskStore *store;
  char *group;
} FileGroup;

static void
file_group_init (FileGroup *g)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 15, 9, 30, 0);
  /* Some thousands of records: the export takes long enough to be seen running. */
  DeskGenerateOptions options = { 7, 100, 400, 1500 };

  g->dir = g_dir_make_tmp ("test-exports-XXXXXX", NULL);
  g->db = g_build_filename (g->dir, "group.db", NULL);
  g->store = desk_store_open (g->db, &error);
  g_assert_no_error (error);
  desk_store_set_now (g->store, now);
  g->group = desk_generate_fill (g->store, &options, &error);
  g_assert_no_error (error);
}

static void
file_group_clear (FileGroup *g)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&g->store);
  dir = g_dir_open (g->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (g->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);
          const char *file;

          while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
            {
              g_autofree char *inner_path = g_build_filename (path, file, NULL);

              g_remove (inner_path);
            }
          g_rmdir (path);
        }
      else
        g_remove (path);
    }
  g_rmdir (g->dir);
  g_free (g->dir);
  g_free (g->db);
  g_free (g->group);
}

/* The names in the folder besides the database and its companions. */
static guint
count_other_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "group.db"))
      n++;

  return n;
}

static gboolean
count_idle_cb (gpointer user_data)
{
  guint *n = user_data;

  (*n)++;

  return G_SOURCE_CONTINUE;
}

static void
test_export_on_worker (void)
{
  FileGroup g = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;
  DeskExportDialog *dialog;
  DeskWindow *window;
  GListModel *history;
  guint turns = 0;
  guint idle;

  file_group_init (&g);
  window = new_window (g.store);
  dialog = open_export_dialog (window);
  history = _desk_exports_page_get_history (get_page (window));
  _desk_export_dialog_set_period (dialog, "2025-01-01", "2026-06-30");
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_NAMED);
  path = g_build_filename (g.dir, "out.gdbundle", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  job = _desk_export_dialog_start_export (dialog, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_is_running (job));
  /* Nothing else can be started from the dialog meanwhile. */
  g_assert_false (gtk_widget_get_can_target (GTK_WIDGET (dialog)));

  /* The main loop turns while the worker writes. Run on the main thread, the export would
   * have ended before the first turn; how many turns there are depends on the load of the
   * machine (3 were seen with other builds running), so the test asks for one. */
  idle = g_idle_add_full (G_PRIORITY_DEFAULT, count_idle_cb, &turns, NULL);
  while (desk_job_is_running (job))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (idle);
  g_assert_cmpuint (turns, >=, 1);
  g_assert_cmpfloat (desk_job_get_fraction (job), ==, 1.0);

  /* Written, checked, recorded, and shown in the history; the dialog closed. */
  wait_a_moment (10);
  g_assert_null (dialog);
  g_assert_true (desk_bundle_validate_file (path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (g.store, DESK_KIND_EXPORT, g.group), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);

  destroy_window (window);
  file_group_clear (&g);
}

/* On a database in a file the preview is read on a worker: the dialog shows that it
 * counts, then the counts core gives for the last privacy chosen (an earlier question
 * still running is dropped). */
static void
test_preview_on_worker (void)
{
  FileGroup g = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskBundlePreview) named = NULL;
  const DeskBundlePreview *shown;
  DeskExportDialog *dialog;
  DeskWindow *window;

  file_group_init (&g);
  window = new_window (g.store);
  dialog = open_export_dialog (window);
  _desk_export_dialog_set_period (dialog, "2025-01-01", "2026-06-30");
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_AGGREGATE);
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_NAMED);
  /* Asked, not yet answered: nothing counted on the main thread. */
  g_assert_null (_desk_export_dialog_get_count_text (dialog, "person"));

  named = desk_bundle_preview (g.store, g.group, "2025-01-01", "2026-06-30", DESK_PRIVACY_NAMED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview_count (named, "person"), >, 0);
  shown = _desk_export_dialog_get_preview (dialog);
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->sequence, ==, named->sequence);
  g_assert_cmpuint (shown->problems->len, ==, named->problems->len);
  assert_counts_shown (dialog, named);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
  file_group_clear (&g);
}

/* Cancel: no file, no temporary file, nothing recorded, and the dialog stays open. */
static void
test_export_cancelled (void)
{
  FileGroup g = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;
  DeskExportDialog *dialog;
  DeskWindow *window;

  file_group_init (&g);
  window = new_window (g.store);
  dialog = open_export_dialog (window);
  _desk_export_dialog_set_period (dialog, "2025-01-01", "2026-06-30");
  path = g_build_filename (g.dir, "out.gdbundle", NULL);

  job = _desk_export_dialog_start_export (dialog, path, &error);
  g_assert_no_error (error);
  desk_job_cancel (job);
  g_assert_false (desk_job_wait (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (count_other_files (g.dir), ==, 0);
  g_assert_cmpint (desk_store_count (g.store, DESK_KIND_EXPORT, g.group), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_can_target (GTK_WIDGET (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
  file_group_clear (&g);
}

static void
test_iati (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = g_dir_make_tmp ("test-exports-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "activities.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *group = main_group (store);
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskExportsPage *page = get_page (window);
  DeskExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "exports"));
  wait_a_moment (10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "exports.export-iati", NULL));
  dialog = _desk_exports_page_get_export_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpint (desk_export_dialog_get_mode (dialog), ==, DESK_EXPORT_IATI);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_true (_desk_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);
  wait_a_moment (10);
  g_assert_null (dialog);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<iati-activities"));
  g_assert_nonnull (strstr (contents, "version=\"2.03\""));
  /* The IATI file is not a bundle: the history stays as it was. */
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPORT, group), ==, 0);

  destroy_window (window);
  g_remove (path);
  g_rmdir (dir);
}

/* GTK 4.8 on X11 warns when a dialog takes the focus from an entry before the X server
 * (with no window manager) sends the focus-out; nothing is wrong with the code under
 * test. Every other message goes to GLib's writer, which keeps warnings fatal. */

/* Show in Files */

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
  gboolean used_file_manager;
  GError *error;
} ShowWait;

static void
show_file_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShowWait *wait = user_data;

  wait->ok = desk_show_file_finish (result, &wait->used_file_manager, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Shows @path and waits for the answer. */
static void
show_file_and_wait (const char *path,
                    ShowWait   *wait)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  wait->loop = g_main_loop_new (NULL, FALSE);
  desk_show_file_async (file, NULL, show_file_done, wait);
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
}

static char *opened_folder;

static gboolean
record_folder (const char  *uri,
               GError     **error)
{
  g_free (opened_folder);
  opened_folder = g_strdup (uri);

  return TRUE;
}

/* Whether the session bus could start a real file manager: then the fallback cannot be
 * reached by asking. */
static gboolean
file_manager_activatable (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **names = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &names);

  return g_strv_contains (names, "org.freedesktop.FileManager1");
}

/* No file manager on the bus: the folder the file is in is opened instead. */
static void
test_show_file_fallback (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  ShowWait wait = { 0 };

  if (bus == NULL)
    {
      g_test_skip ("No session bus: run the GUI tests under dbus-run-session");
      return;
    }
  if (file_manager_activatable (bus))
    {
      g_test_skip ("This session bus starts a real file manager: run under dbus-run-session "
                   "without one to reach the fallback");
      return;
    }

  _desk_show_file_set_folder_opener (record_folder);
  show_file_and_wait ("/tmp/groupdesk-test/GH-VPI-2025-1.gdbundle", &wait);
  _desk_show_file_set_folder_opener (NULL);

  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_false (wait.used_file_manager);
  g_assert_cmpstr (opened_folder, ==, "file:///tmp/groupdesk-test");
  g_clear_pointer (&opened_folder, g_free);
}

/* A fake org.freedesktop.FileManager1 on the test's session bus. */

static const char file_manager_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.FileManager1'>"
  "    <method name='ShowItems'>"
  "      <arg type='as' name='URIs' direction='in'/>"
  "      <arg type='s' name='StartupId' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char **uris;
  char *startup_id;
  gboolean owned;
} FakeFileManager;

static void
fake_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakeFileManager *fake = user_data;

  g_assert_cmpstr (method_name, ==, "ShowItems");
  g_strfreev (fake->uris);
  g_free (fake->startup_id);
  g_variant_get (parameters, "(^ass)", &fake->uris, &fake->startup_id);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
fake_name_acquired (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  FakeFileManager *fake = user_data;

  fake->owned = TRUE;
}

static void
test_show_file_dbus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  const GDBusInterfaceVTable vtable = { fake_method_call, NULL, NULL, { 0 } };
  FakeFileManager fake = { 0 };
  ShowWait wait = { 0 };
  guint object_id;
  guint name_id;

  if (bus == NULL)
    {
      g_test_skip ("No session bus: run the GUI tests under dbus-run-session");
      return;
    }

  node = g_dbus_node_info_new_for_xml (file_manager_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                 node->interfaces[0], &vtable, &fake, NULL,
                                                 &error);
  g_assert_no_error (error);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                          G_BUS_NAME_OWNER_FLAGS_NONE,
                                          fake_name_acquired, NULL, &fake, NULL);
  while (!fake.owned)
    g_main_context_iteration (NULL, TRUE);

  /* Never reached: the file manager answers. */
  _desk_show_file_set_folder_opener (record_folder);
  show_file_and_wait ("/tmp/groupdesk-test/GH-VPI-2025-1.gdbundle", &wait);
  _desk_show_file_set_folder_opener (NULL);

  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (wait.used_file_manager);
  g_assert_null (opened_folder);
  g_assert_nonnull (fake.uris);
  g_assert_cmpuint (g_strv_length (fake.uris), ==, 1);
  g_assert_cmpstr (fake.uris[0], ==, "file:///tmp/groupdesk-test/GH-VPI-2025-1.gdbundle");
  g_assert_cmpstr (fake.startup_id, ==, "");

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_strfreev (fake.uris);
  g_free (fake.startup_id);
}

/* The toast after an export carries the file, and its button shows it. */
static void
test_export_toast_shows_file (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GtkWidget) holder = NULL;
  GVariant *target;

  toast = g_object_ref_sink (desk_toast_new_show_file ("Bundle 1 saved",
                                                      "/tmp/groupdesk-test/GH-VPI-2025-1.gdbundle"));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Bundle 1 saved");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Show in Files");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "toast.show-file");
  target = adw_toast_get_action_target_value (toast);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==,
                   "file:///tmp/groupdesk-test/GH-VPI-2025-1.gdbundle");

  /* The action the button activates reaches the helper: with no file manager on the
   * bus, the folder is opened. */
  if (bus != NULL && !file_manager_activatable (bus))
    {
      holder = g_object_ref_sink (gtk_label_new (NULL));
      desk_toast_install_actions (holder);
      _desk_show_file_set_folder_opener (record_folder);
      g_assert_true (gtk_widget_activate_action_variant (holder, "toast.show-file", target));
      while (opened_folder == NULL)
        g_main_context_iteration (NULL, TRUE);
      _desk_show_file_set_folder_opener (NULL);
      g_assert_cmpstr (opened_folder, ==, "file:///tmp/groupdesk-test");
      g_clear_pointer (&opened_folder, g_free);
    }
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_log_set_writer_func (log_writer_cb, NULL, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/exports/preview", test_preview);
  g_test_add_func ("/gui/exports/dates-with-calendar", test_dates_with_calendar);
  g_test_add_func ("/gui/exports/problem-opens-record", test_problem_opens_record);
  g_test_add_func ("/gui/exports/export-history", test_export_history);
  g_test_add_func ("/gui/exports/import", test_import);
  g_test_add_func ("/gui/exports/import-cascade", test_import_cascade);
  g_test_add_func ("/gui/exports/iati", test_iati);
  g_test_add_func ("/gui/exports/export-on-worker", test_export_on_worker);
  g_test_add_func ("/gui/exports/export-cancelled", test_export_cancelled);
  g_test_add_func ("/gui/exports/preview-on-worker", test_preview_on_worker);
  g_test_add_func ("/gui/exports/show-file/fallback", test_show_file_fallback);
  g_test_add_func ("/gui/exports/show-file/dbus", test_show_file_dbus);
  g_test_add_func ("/gui/exports/export-toast-shows-file", test_export_toast_shows_file);

  return g_test_run ();
}
