/* test-workshops.c — the Workshops page, driven as a person would (check-in:
 * test-checkin.c; the People tab: test-people-page.c)
 *
 * Check-in is driven through its search entry alone (text, then Enter), the sign-in sheet
 * through its preview dialog, the People tab through the list's actions and the editor's
 * rows; every test asserts on the models shown and on the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-workshops-common.h"

#include "desk-paperwork-save.h"
#include "desk-payments.h"

static void
test_workshop_list (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  GListModel *filtered;
  gint64 total = desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid);
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *uuid = NULL;

  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  list = _desk_workshops_page_get_list (page);
  editor = _desk_workshops_page_get_editor (page);
  filtered = desk_record_list_get_filter_model (list);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid), ==, total + 1);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total + 1);
  uuid = g_strdup (desk_record_list_get_open_uuid (list));
  g_assert_nonnull (uuid);

  enter_text (desk_record_editor_get_row (editor, "title_en"), "Training of trainers, Takoradi");
  enter_text (desk_record_editor_get_row (editor, "town"), "Takoradi");
  record = desk_store_get (store, DESK_KIND_WORKSHOP, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "title_en"), ==, "Training of trainers, Takoradi");
  g_assert_cmpstr (desk_record_get_string (record, "town"), ==, "Takoradi");

  /* The search finds it by its town. */
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "takoradi");
  g_assert_cmpuint (g_list_model_get_n_items (filtered), >=, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "");

  /* Undo, three times: the town, the title, the workshop. */
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid), ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total);

  destroy_window (window);
}

/* The attended column counts a workshop's attendance when its row is first shown, and
 * follows check-ins after, for a workshop counted already and for one checked in before
 * its row was ever shown. */
static void
test_attended_column (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;

  /* Two before the page is ever shown. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                              desk_record_get_uuid (g_ptr_array_index (people, i)),
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  wait_a_moment (50);
  g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "2 / 45");

  /* One more, and one marked absent: the row follows. */
  {
    g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                            desk_record_get_uuid (g_ptr_array_index (people, 2)),
                                                            NULL, &error);
    g_autoptr(DeskRecord) first = desk_attendance_find (store, workshop,
                                                        desk_record_get_uuid (g_ptr_array_index (people, 0)));

    g_assert_no_error (error);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "3 / 45");
    desk_record_set_string (first, "status", "absent");
    g_assert_true (desk_store_update (store, first, &error));
    g_assert_no_error (error);
    wait_a_moment (20);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "2 / 45");
  }

  destroy_window (window);
}

/* A workshop not held yet shows as upcoming, not as "0 / 45" (nobody came); one who
 * checked in early is counted as ever. */
static void
test_upcoming_column (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 6, 1, 9, 0, 0);
  g_autofree char *workshop = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;

  /* The workshop starts on 10 June 2025: upcoming on the 1st. */
  desk_store_set_now (store, now);
  workshop = new_empty_workshop (store);
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  wait_a_moment (50);
  g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "Upcoming");

  {
    g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                            desk_record_get_uuid (g_ptr_array_index (people, 0)),
                                                            NULL, &error);

    g_assert_no_error (error);
    wait_a_moment (20);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "1 / 45");
  }

  destroy_window (window);
}

/* Two columns for the names: the dialog still opens, says so, and waits for the choice. */
static void
test_signin_two_columns (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin",
                                                 "duplicate-name-column.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_nonnull (desk_signin_plan_get_problem (plan));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL) &&
                  count_attended (store, workshop) > 0);
  /* The organisation column was found; the names wait for the coordinator. */
  g_assert_cmpuint (gtk_drop_down_get_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_ORGANISATION)), ==, 2);

  /* "Full name" is the fourth header: chosen, the rows appear and can be imported. */
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 4);
  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_null (desk_signin_plan_get_problem (plan));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 1);
  g_assert_cmpstr (desk_signin_plan_get_row (plan, 0)->name, ==, "Abena Mensah");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL));
  wait_a_moment (20);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);

  destroy_window (window);
}

static void
test_signin_import (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "utf8.csv", NULL);
  g_autofree char *empty_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "empty.csv", NULL);
  g_autofree char *mixed_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "mixed-values.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) mixed = g_file_new_for_path (mixed_path);
  g_autoptr(GError) error = NULL;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  guint n, importable, new_people;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);

  /* A refused file: core's message, no dialog. */
  dialog = _desk_workshops_page_import_file (page, empty, &error);
  g_assert_null (dialog);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  n = desk_signin_plan_get_n_rows (plan);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (desk_signin_dialog_get_preview (dialog)), ==, n);
  new_people = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW);
  importable = new_people + desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING) +
               desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
  g_assert_cmpuint (importable, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const DeskSigninRow *row = desk_signin_plan_get_row (plan, i);
      g_autofree char *fate = desk_signin_dialog_dup_fate_text (dialog, i);

      g_assert_nonnull (fate);
      if (row->fate == DESK_SIGNIN_ROW_ERROR)
        g_assert_cmpstr (fate, ==, row->message);
    }
  /* The name column was recognised, and nothing is written yet. */
  g_assert_cmpuint (gtk_drop_down_get_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME)),
                    >, 0);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);

  /* Telling it the names are not in the sheet: core's refusal, and no import. */
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 0);
  g_assert_null (desk_signin_dialog_get_plan (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL) &&
                  count_attended (store, workshop) > 0);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 1);
  g_assert_nonnull (desk_signin_dialog_get_plan (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL));
  wait_a_moment (20);
  g_assert_finalize_object (dialog);
  g_assert_cmpint (count_attended (store, workshop), ==, importable);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + new_people);

  /* The whole sheet is one step: one win.undo takes every row back, one win.redo
   * imports it again. */
  {
    DeskHistory *history = desk_window_get_history (window);

    g_assert_cmpstr (desk_history_get_undo_label (history), ==, "Imported a sign-in sheet");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    wait_a_moment (20);
    g_assert_cmpint (count_attended (store, workshop), ==, 0);
    g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
    g_assert_false (desk_history_can_undo (history));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
    wait_a_moment (20);
    g_assert_cmpint (count_attended (store, workshop), ==, importable);
    g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + new_people);
    g_assert_false (desk_history_can_redo (history));
  }

  /* The same sheet again: everyone is already on the list. */
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW), ==, 0);
  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED), ==, importable);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Headers and values spelled otherwise are still read. */
  dialog = _desk_workshops_page_import_file (page, mixed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (desk_signin_dialog_get_preview (dialog)), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  destroy_window (window);
}

static void
test_breakdown (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_WORKSHOPS_PAGE,
                                                                      "view_stack"));
  DeskBreakdownView *view = _desk_workshops_page_get_period_breakdown (page);
  GtkDropDown *periods = _desk_workshops_page_get_period_dropdown (page);
  guint n_periods = g_list_model_get_n_items (gtk_drop_down_get_model (periods));

  /* The breakdown is counted when its tab is shown, and then follows the period. */
  adw_view_stack_set_visible_child_name (tabs, "breakdown");
  g_assert_cmpuint (n_periods, >=, 3);
  for (guint p = 0; p < n_periods; p++)
    {
      g_autoptr(DeskAttendanceBreakdown) b = NULL;
      g_autoptr(GError) error = NULL;
      const char *from, *to;
      g_autofree char *share = NULL;

      gtk_drop_down_set_selected (periods, p);
      _desk_workshops_page_get_period (page, &from, &to);
      b = desk_attendance_breakdown (store, desk_record_get_uuid (group), NULL, from, to, &error);
      g_assert_no_error (error);

      for (guint i = 0; b->pillars[i] != NULL; i++)
        for (guint j = 0; b->genders[j] != NULL; j++)
          {
            g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     desk_attendance_breakdown_get (b, b->pillars[i], b->genders[j]));

            g_assert_cmpstr (desk_breakdown_view_get_cell_text (view, b->pillars[i], b->genders[j]), ==, text);
          }
      {
        g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, b->attendances);
        g_autofree char *reached = g_strdup_printf ("%" G_GINT64_FORMAT, b->people);
        g_autofree char *repeat = g_strdup_printf ("%" G_GINT64_FORMAT, b->repeat_people);

        g_assert_cmpstr (desk_breakdown_view_get_cell_text (view, NULL, NULL), ==, total);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "attended"), ==, total);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "people"), ==, reached);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "repeat"), ==, repeat);
      }
      share = desk_share_format_percent (b->women_attendances, b->attendances);
      if (share[0] != '\0')
        g_assert_nonnull (strstr (desk_breakdown_view_get_figure (view, "women"), share));
      if (p == 0)
        {
          const char *description = desk_breakdown_chart_get_description (DESK_BREAKDOWN_CHART (desk_breakdown_view_get_chart (view)));

          g_assert_cmpint (b->attendances, >, 0);
          g_assert_nonnull (description);
          g_assert_cmpstr (description, !=, "");
        }
    }

  destroy_window (window);
}

static void
test_plenary (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  DeskRecordList *list = _desk_workshops_page_get_plenary_list (page);
  AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_WORKSHOPS_PAGE,
                                                                     "view_stack"));
  gint64 total = desk_store_count (store, DESK_KIND_NOMINATION, group_uuid);
  g_autoptr(DeskRecord) record = NULL;

  adw_view_stack_set_visible_child_name (tabs, "plenary");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==, total);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_NOMINATION, group_uuid), ==, total + 1);
  record = desk_store_get (store, DESK_KIND_NOMINATION, desk_record_list_get_open_uuid (list), NULL);
  g_assert_nonnull (record);
  g_assert_cmpstr (desk_record_get_string (record, "status"), ==, "nominated");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==, total + 1);

  destroy_window (window);
}

/* A database in a file, so that the import runs on a worker with a connection of its
 * own: cancelled, the database is byte for byte as it was and the dialog stays; done, it
 * writes what the in-place import writes (test_signin_import's counts), as one step of
 * the window's history that win.undo takes back. */
static void
test_signin_worker (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-signin-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "group.db", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "utf8.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskJob) job = NULL;
  g_autofree char *workshop = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;
  DeskHistory *history;
  const char *undo_label;
  gint64 people_before;
  guint importable, new_people;

  g_assert_no_error (error);
  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  fill = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  group = desk_store_dup_main_group (store);
  workshop = new_empty_workshop (store);
  people_before = desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group));

  window = new_window (store);
  history = desk_window_get_history (window);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  new_people = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW);
  importable = new_people + desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING) +
               desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
  g_assert_cmpuint (new_people, >, 0);
  undo_label = desk_history_get_undo_label (history);

  /* Cancelled. The window's connection holds the write lock meanwhile, so the worker
   * cannot have committed before the cancel, whatever the machine's speed. */
  before = database_digest (db);
  g_assert_true (desk_store_begin (store, &error));
  job = desk_signin_dialog_start_import (dialog);
  g_assert_nonnull (job);
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_is_running (job));
  /* One import at a time. */
  g_assert_null (desk_signin_dialog_start_import (dialog));
  desk_job_cancel (job);
  desk_store_rollback (store);
  g_assert_false (desk_job_wait (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&job);
  after = database_digest (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, undo_label);
  /* The dialog is still there, to import again. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Done. */
  job = desk_signin_dialog_start_import (dialog);
  g_assert_nonnull (job);
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_wait (job, &error));
  g_assert_no_error (error);
  g_clear_object (&job);
  wait_a_moment (20);
  g_assert_finalize_object (dialog);
  g_assert_cmpint (count_attended (store, workshop), ==, importable);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group)), ==,
                   people_before + new_people);

  /* One step of the window's history: win.undo takes it all back. */
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, "Imported a sign-in sheet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group)), ==,
                   people_before);
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, undo_label);

  destroy_window (window);
  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *name = g_strconcat (db, *suffix, NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
}

/* The check-in's Paperwork menu: the open workshop's sheet, badges and certificates are
 * written where the chooser said, the same PDFs the CLI writes; with names locked,
 * nothing is written. */
static void
test_paperwork (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = new_store ();
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-paperwork-XXXXXX", &error);
  g_autofree char *workshop = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;
  const struct { DeskPaperworkKind kind; const char *name; } kinds[] = {
    { DESK_PAPERWORK_SIGN_IN, "sheet.pdf" },
    { DESK_PAPERWORK_BADGES, "badges.pdf" },
    { DESK_PAPERWORK_CERTIFICATES, "certificates.pdf" },
  };

  g_assert_no_error (error);
  /* The workshop most people attended. */
  {
    g_autoptr(GPtrArray) attendance = desk_store_list (store, DESK_KIND_ATTENDANCE, NULL, &error);
    g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
    guint best = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < attendance->len; i++)
      {
        DeskRecord *a = g_ptr_array_index (attendance, i);
        const char *w = desk_record_get_string (a, "workshop_uuid");
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, w)) + 1;

        if (!g_str_equal (desk_record_get_string (a, "status"), "attended"))
          continue;
        g_hash_table_insert (counts, (gpointer) w, GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            g_free (workshop);
            workshop = g_strdup (w);
          }
      }
    g_assert_nonnull (workshop);
  }
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (dir, kinds[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *head = NULL;
      gsize len = 0;

      g_assert_true (desk_paperwork_save_to (DESK_PAGE (page), workshop, kinds[i].kind, file));
      g_assert_true (g_file_get_contents (path, &head, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (head, "%PDF-"));
    }

  /* Locked names: refused, nothing written. */
  recovery = desk_store_protect (store, "river lantern copper seven", desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  desk_store_lock (store);
  wait_a_moment (50);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  {
    g_autofree char *path = g_build_filename (dir, "locked.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (desk_paperwork_save_to (DESK_PAGE (page), workshop, DESK_PAPERWORK_BADGES, file));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  destroy_window (window);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (dir, kinds[i].name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The demo's workshop whose activity has a per-diem line, with the most people attended. */
static char *
paid_workshop (DeskStore *store)
{
  g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, NULL, NULL);
  char *best = NULL;
  gint64 most = 0;

  for (guint i = 0; i < workshops->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workshops, i);
      g_autoptr(GPtrArray) lines = desk_store_list_by (store, DESK_KIND_BUDGET_LINE, "activity_uuid",
                                                       desk_record_get_string (w, "activity_uuid"),
                                                       NULL);
      gboolean per_diem = FALSE;
      gint64 n;

      for (guint j = 0; j < lines->len; j++)
        if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (lines, j), "category"), "per_diem") == 0)
          per_diem = TRUE;
      n = per_diem ? count_attended (store, desk_record_get_uuid (w)) : 0;
      if (n > most)
        {
          most = n;
          g_free (best);
          best = g_strdup (desk_record_get_uuid (w));
        }
    }
  g_assert_nonnull (best);

  return best;
}

/* The payment sheet is saved from the Paperwork menu's code; Record Payments asks with the
 * count and total, records on the answer, one Undo takes every expense back, and a second
 * recording is refused before any question. */
static void
test_payments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = new_store ();
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-payments-XXXXXX", &error);
  g_autofree char *workshop = paid_workshop (store);
  g_autofree char *path = NULL;
  g_autofree char *total = NULL;
  g_autofree char *people_text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *head = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;
  GtkWidget *dialog;
  gint64 before = desk_store_count (store, DESK_KIND_EXPENSE, NULL);
  guint people = 0, expenses = 0;

  g_assert_no_error (error);
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);

  path = g_build_filename (dir, "payments.pdf", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (desk_paperwork_save_to (DESK_PAGE (page), workshop, DESK_PAPERWORK_PAYMENTS, file));
  g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  g_assert_true (desk_payments_check (store, workshop, &people, &expenses, &total, &error));
  g_assert_no_error (error);
  dialog = desk_paperwork_record_payments_ask (DESK_PAGE (page), workshop);
  g_assert_nonnull (dialog);
  people_text = g_strdup_printf ("%u people attended", people);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), people_text));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), total));
  /* Asking records nothing. */
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, NULL), ==, before);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  wait_a_moment (10);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, NULL), ==, before + expenses);

  /* Twice: refused before asking. */
  g_assert_null (desk_paperwork_record_payments_ask (DESK_PAGE (page), workshop));

  /* One Undo takes them all back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (10);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, NULL), ==, before);

  /* Cancel records nothing. */
  dialog = desk_paperwork_record_payments_ask (DESK_PAGE (page), workshop);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wait_a_moment (10);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, NULL), ==, before);

  destroy_window (window);
  g_unlink (path);
  g_rmdir (dir);
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

  g_test_add_func ("/gui/workshops/list", test_workshop_list);
  g_test_add_func ("/gui/workshops/attended-column", test_attended_column);
  g_test_add_func ("/gui/workshops/upcoming-column", test_upcoming_column);
  g_test_add_func ("/gui/workshops/signin-import", test_signin_import);
  g_test_add_func ("/gui/workshops/signin-two-columns", test_signin_two_columns);
  g_test_add_func ("/gui/workshops/breakdown", test_breakdown);
  g_test_add_func ("/gui/workshops/plenary", test_plenary);
  g_test_add_func ("/gui/workshops/signin-worker", test_signin_worker);
  g_test_add_func ("/gui/workshops/paperwork", test_paperwork);
  g_test_add_func ("/gui/workshops/payments", test_payments);

  return g_test_run ();
}
