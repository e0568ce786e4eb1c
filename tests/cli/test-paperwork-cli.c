/* test-paperwork-cli.c — groupdesk-cli paperwork: the four PDFs, the payments recorded,
 * its usage errors, and its refusal while names are locked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

#define PASSPHRASE "correct horse battery staple"

/* The demo's workshop with the most people on its list. */
static char *
busiest_workshop (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT workshop_uuid FROM attendance "
                                           "WHERE status IN ('registered', 'attended') "
                                           "GROUP BY workshop_uuid ORDER BY count(*) DESC, "
                                           "workshop_uuid LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (value);

  return value;
}

static void
test_paperwork (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const kinds[] = { "sign-in", "badges", "certificates" };
  g_auto(Run) run = { 0 };
  g_autofree char *workshop = NULL;

  demo (fixture);
  workshop = busiest_workshop (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".pdf", NULL);
      g_autofree char *pdf = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;

      run_cli (&run, "--db", fixture->db, "paperwork", kinds[i], "--workshop", workshop, "--pdf", pdf);
      assert_ok (&run);
      g_assert_nonnull (strstr (run.out, pdf));
      g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    }
}

/* The demo's workshop whose activity has a per-diem line, with the most people attended. */
static char *
paid_workshop (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT w.uuid FROM workshops w "
                                           "JOIN budget_lines b ON b.activity_uuid = w.activity_uuid "
                                           "AND b.category = 'per_diem' "
                                           "LEFT JOIN attendance a ON a.workshop_uuid = w.uuid "
                                           "AND a.status = 'attended' "
                                           "GROUP BY w.uuid ORDER BY count(a.uuid) DESC, w.uuid "
                                           "LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (value);

  return value;
}

static gint64
count_expenses (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM expenses", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* The payment sheet is written; --record adds the expenses and says how many and how
 * much; a second --record is refused with nothing written; a workshop that is not there
 * fails with exit 1, a message and no file. */
static void
test_payments (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "payments.pdf", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *workshop = NULL;
  gint64 before;

  demo (fixture);
  workshop = paid_workshop (fixture->db);
  before = count_expenses (fixture->db);

  run_cli (&run, "--db", fixture->db, "paperwork", "payments", "--workshop", workshop, "--pdf", pdf);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, pdf));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (count_expenses (fixture->db), ==, before);

  run_cli (&run, "--db", fixture->db, "paperwork", "payments", "--workshop", workshop, "--pdf", pdf,
           "--record");
  if (run.status != 0)
    g_test_message ("%s", run.err);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Recorded the payment"));
  g_assert_nonnull (strstr (run.out, "GHS "));
  g_assert_cmpint (count_expenses (fixture->db), >, before);
  before = count_expenses (fixture->db);

  run_cli (&run, "--db", fixture->db, "paperwork", "payments", "--workshop", workshop, "--pdf",
           again, "--record");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "recorded already"));
  g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_expenses (fixture->db), ==, before);

  run_cli (&run, "--db", fixture->db, "paperwork", "payments", "--workshop", "no-such-workshop",
           "--pdf", missing);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-workshop"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  run_cli (&run, "--db", fixture->db, "paperwork", "badges", "--workshop", workshop, "--pdf",
           missing, "--record");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *workshop = NULL;

  demo (fixture);
  workshop = busiest_workshop (fixture->db);

  run_cli (&run, "--db", fixture->db, "paperwork", "--workshop", workshop, "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "paperwork", "posters", "--workshop", workshop, "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "posters"));
  run_cli (&run, "--db", fixture->db, "paperwork", "badges", "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--workshop"));
  run_cli (&run, "--db", fixture->db, "paperwork", "badges", "--workshop", workshop);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--pdf"));
  run_cli (&run, "--db", fixture->db, "paperwork", "badges", "--workshop", workshop, "--pdf", pdf,
           "--colour");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "paperwork", "badges", "--workshop", "no-such-workshop",
           "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-workshop"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* Paperwork prints names: refused while they are locked, as every named command is. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *pass = g_build_filename (fixture->dir, "pass.txt", NULL);
  g_autofree char *workshop = NULL;

  demo (fixture);
  workshop = busiest_workshop (fixture->db);
  g_assert_true (g_file_set_contents (pass, PASSPHRASE "\n", -1, NULL));
  run_cli (&run, "--db", fixture->db, "protect", "--passphrase-file", pass);
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "paperwork", "sign-in", "--workshop", workshop, "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "locked"));
  g_assert_nonnull (strstr (run.err, "--passphrase-file FILE"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  run_cli (&run, "--db", fixture->db, "--passphrase-file", pass, "paperwork", "sign-in",
           "--workshop", workshop, "--pdf", pdf);
  assert_ok (&run);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/paperwork/pdfs", Fixture, NULL, fixture_set_up, test_paperwork, fixture_tear_down);
  g_test_add ("/cli/paperwork/payments", Fixture, NULL, fixture_set_up, test_payments, fixture_tear_down);
  g_test_add ("/cli/paperwork/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli/paperwork/locked", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);

  return g_test_run ();
}
