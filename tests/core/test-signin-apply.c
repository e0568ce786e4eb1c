/* test-signin-apply.c — applying a sign-in sheet to a workshop: the plan, one transaction, cancelling, the worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-signin-common.h"

/* Duplicates */

static void
test_repeat_in_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  plan = plan_text (fixture,
                    "Name,Organisation,Gender\n"
                    "张伟,矿业部,男\n"
                    "Zhang Wei,Ministry of Mines,M\n"
                    "张 伟,矿业部,男\n"
                    "ＺＨＡＮＧ　Ｗｅｉ,ＭＩＮＩＳＴＲＹ ＯＦ ＭＩＮＥＳ,M\n"
                    "zhang  wei,ministry of mines,\n"
                    "张伟,紫金矿业,男\n");

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 6);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "张伟", NULL, "man");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Zhang Wei", NULL, "man");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_REPEAT, "张 伟", NULL, "man");
  g_assert_cmpuint (row (plan, 2)->same_as_line, ==, 2);
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_REPEAT, NULL, NULL, "man");
  g_assert_cmpuint (row (plan, 3)->same_as_line, ==, 3);
  assert_row (plan, 4, 6, DESK_SIGNIN_ROW_REPEAT, NULL, NULL, "not_stated");
  g_assert_cmpuint (row (plan, 4)->same_as_line, ==, 3);
  /* Same name, another organisation: another person. */
  assert_row (plan, 5, 7, DESK_SIGNIN_ROW_NEW, "张伟", NULL, "man");

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 3);
  g_assert_cmpuint (result.attendance_added, ==, 3);
  g_assert_cmpuint (result.skipped, ==, 3);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 3);
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "chinese-headers.csv", NULL);
  g_autoptr(DeskSigninPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DeskRecord) zhang = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 4);
  g_assert_cmpuint (result.people_matched, ==, 0);
  g_assert_cmpuint (result.attendance_added, ==, 4);
  g_assert_cmpuint (result.skipped, ==, 0);
  g_assert_cmpuint (result.errors, ==, 0);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 4);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);

  zhang = desk_store_find_person (fixture->store, fixture->world->group, "张 伟", "矿业部");
  g_assert_nonnull (zhang);
  g_assert_cmpstr (desk_record_get_string (zhang, "pillar"), ==, "government");
  g_assert_cmpstr (desk_record_get_string (zhang, "gender"), ==, "man");
  g_assert_cmpstr (desk_record_get_string (zhang, "phone"), ==, "010-0000-0001");
  g_assert_cmpint (desk_record_get_int (zhang, "consent_named"), ==, 0);

  list = desk_store_list_by (fixture->store, DESK_KIND_ATTENDANCE, "person_uuid",
                             desk_record_get_uuid (zhang), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (desk_record_get_string (g_ptr_array_index (list, 0), "role"), ==, "facilitator");

  /* The same sheet again: everyone is on the list already, nothing changes. */
  again = plan_fixture (fixture, "chinese-headers.csv", NULL);
  g_assert_cmpuint (desk_signin_plan_count (again, DESK_SIGNIN_ROW_LISTED), ==, 4);
  g_assert_true (desk_signin_apply (fixture->store, again, fixture->workshop, &result, &error));
  g_assert_cmpuint (result.people_added, ==, 0);
  g_assert_cmpuint (result.people_matched, ==, 4);
  g_assert_cmpuint (result.attendance_added, ==, 0);
  g_assert_cmpuint (result.skipped, ==, 4);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 4);
}

static void
test_apply_marks_registered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) after = NULL;
  DeskSigninResult result;

  /* Abena registered in advance; the sheet shows she came. */
  entry = test_add (fixture->store, DESK_KIND_ATTENDANCE, NULL,
                    "workshop_uuid", fixture->workshop,
                    "person_uuid", test_world_uuid (fixture->world, "person"),
                    "role", "speaker", "status", "registered", NULL);
  plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_assert_cmpint (row (plan, 0)->fate, ==, DESK_SIGNIN_ROW_LISTED);

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.attendance_marked, ==, 1);
  g_assert_cmpuint (result.attendance_added, ==, 3);
  after = desk_store_get (fixture->store, DESK_KIND_ATTENDANCE, desk_record_get_uuid (entry), &error);
  g_assert_cmpstr (desk_record_get_string (after, "status"), ==, "attended");
  /* The sheet said nothing of her role: it stays. */
  g_assert_cmpstr (desk_record_get_string (after, "role"), ==, "speaker");
}

static void
test_apply_one_transaction (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(GError) error = NULL;
  DeskSigninResult result = { 0 };
  gint64 before = test_count_all_rows (fixture->store);

  /* A workshop that is not there: the new people are written first, then the first
   * attendance fails, and everything goes back. */
  g_assert_false (desk_signin_apply (fixture->store, plan, "00000000-0000-4000-8000-000000000000",
                                     &result, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 2: "));
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
  g_clear_error (&error);

  /* A failure deep inside: the last attendance insert is refused by the database. */
  test_sqlite_exec (_desk_store_get_db (fixture->store),
                    "CREATE TEMP TRIGGER refuse_efua BEFORE INSERT ON attendance "
                    "WHEN (SELECT name FROM people WHERE uuid = NEW.person_uuid) = 'Efua Sarpong' "
                    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  g_assert_false (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 5: "));
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 0);
  test_sqlite_exec (_desk_store_get_db (fixture->store), "DROP TRIGGER refuse_efua");
  g_clear_error (&error);

  /* And then it works. */
  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);
}

/* Cancelled on a worker's connection, through a history: the transaction is rolled back,
 * the database byte for byte as it was, and the history has nothing to undo. */
static void
test_apply_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(DeskStore) worker = open_worker_store (fixture);
  g_autoptr(DeskHistory) history = desk_history_new (worker);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = database_digest (fixture);
  g_autofree char *after = NULL;
  gint64 rows = test_count_all_rows (fixture->store);
  DeskSigninResult result = { 0 };

  g_assert_false (desk_signin_apply_full (worker, history, plan, fixture->workshop, &result,
                                          cancellable, cancel_on_progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (desk_history_can_undo (history));
  g_assert_false (desk_history_in_group (history));
  g_assert_cmpuint (result.people_added, ==, 0);

  after = database_digest (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, rows);
  g_assert_cmpint (test_count_all_rows (worker), ==, rows);
}

/* Applied on a worker's connection through a history of its own, then adopted by the
 * window's history: the window's store announces each record written, and one undo
 * there takes the whole import back (redo makes it again). */
static void
test_apply_worker_adopted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(DeskHistory) window_history = desk_history_new (fixture->store);
  g_autoptr(DeskStore) worker = open_worker_store (fixture);
  g_autoptr(DeskHistory) worker_history = desk_history_new (worker);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 people = desk_store_count (fixture->store, DESK_KIND_PERSON, NULL);
  gint64 entries = desk_store_count (fixture->store, DESK_KIND_ATTENDANCE, NULL);
  DeskSigninResult result = { 0 };
  double last = 0.0;
  guint announced = 0;

  g_assert_true (desk_signin_apply_full (worker, worker_history, plan, fixture->workshop, &result,
                                         cancellable, record_progress, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  /* What desk_signin_apply gives (see test_apply_one_transaction). */
  g_assert_cmpuint (result.people_added, ==, 3);
  g_assert_cmpuint (result.people_matched, ==, 1);
  g_assert_cmpuint (result.attendance_added, ==, 4);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed), &announced);
  desk_history_adopt (window_history, worker_history);
  /* Three new people and four entries on the list, each once. */
  g_assert_cmpuint (announced, ==, 7);
  g_assert_false (desk_history_can_undo (worker_history));
  g_assert_true (desk_history_can_undo (window_history));
  g_assert_cmpstr (desk_history_get_undo_label (window_history), ==, "Imported a sign-in sheet");
  /* The worker's connection is closed before the window undoes. */
  g_clear_object (&worker_history);
  g_clear_object (&worker);

  g_assert_true (desk_history_undo (window_history, &error));
  g_assert_no_error (error);
  /* (Each record taken back leaves its tombstone.) */
  g_assert_cmpint (desk_store_count (fixture->store, DESK_KIND_PERSON, NULL), ==, people);
  g_assert_cmpint (desk_store_count (fixture->store, DESK_KIND_ATTENDANCE, NULL), ==, entries);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 0);

  g_assert_true (desk_history_redo (window_history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);
}

static void
test_plan_writes_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *const names[] = {
    "utf8.csv", "utf8-bom.csv", "utf16le-tab.txt", "semicolon.csv", "quoted.csv",
    "crlf.csv", "cr.csv", "chinese-headers.csv", "mixed-values.csv", "malformed.csv",
    "repeated-header.csv", "invisible-names.csv", "unterminated-quote.csv",
    "stray-quote.csv",
  };
  gint64 before = test_count_all_rows (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, names[i], NULL);

      g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), >, 0);
    }
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

static void
test_unknown_workshop (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("utf8.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  plan = desk_signin_plan_new (fixture->store, "no-such-workshop", bytes, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/signin/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add ("/core/signin/apply-cancelled", Fixture, GINT_TO_POINTER (-1), fixture_set_up,
              test_apply_cancelled, fixture_tear_down);
  g_test_add ("/core/signin/apply-worker-adopted", Fixture, GINT_TO_POINTER (-1), fixture_set_up,
              test_apply_worker_adopted, fixture_tear_down);
  ADD ("repeat-in-file", test_repeat_in_file);
  ADD ("apply", test_apply);
  ADD ("apply-marks-registered", test_apply_marks_registered);
  ADD ("apply-one-transaction", test_apply_one_transaction);
  ADD ("plan-writes-nothing", test_plan_writes_nothing);
  ADD ("unknown-workshop", test_unknown_workshop);

  return g_test_run ();
}
