/* test-changes.c — the change history: what each write records, reasons, who, the hash
 * chain and its safeguards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-changes-private.h"

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
  char *group;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "groupdesk.db", NULL);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, TEST_NOW);
  desk_store_set_coordinator_name (f->store, "Wang Fang", &error);
  g_assert_no_error (error);
  f->group = desk_demo_fill (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->group);
}

/* Helpers */

static sqlite3 *
db (Fixture *f)
{
  return _desk_store_get_db (f->store);
}

static gint64
count_changes (Fixture *f)
{
  return test_sqlite_int (db (f), "SELECT count(*) FROM changes");
}

static gint64
last_id (Fixture *f)
{
  return test_sqlite_int (db (f), "SELECT coalesce (max (id), 0) FROM changes");
}

/* "field=old→new" for each change after @after, oldest first, joined by "; ", with
 * @column's value (e.g. "action") before them: "update payee=ACME→Other". */
static char *
describe_after (Fixture    *f,
                gint64      after,
                const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s, coalesce (field, '*'), "
                                          "coalesce (old_value, '∅'), coalesce (new_value, '∅') "
                                          "FROM changes WHERE id > %" G_GINT64_FORMAT " ORDER BY id",
                                          column, after);
  GString *s = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%s%s %s=%s→%s", s->len > 0 ? "; " : "",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

static DeskRecord *
first_of (Fixture        *f,
          const DeskKind *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = desk_store_list (f->store, kind, f->group, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);
  return g_object_ref (g_ptr_array_index (records, 0));
}

static DeskRecord *
new_expense (Fixture *f)
{
  g_autoptr(DeskRecord) line = first_of (f, DESK_KIND_BUDGET_LINE);
  DeskRecord *e = desk_record_new (DESK_KIND_EXPENSE);

  desk_record_set_group (e, f->group);
  desk_record_set_string (e, "budget_line_uuid", desk_record_get_uuid (line));
  desk_record_set_string (e, "date", "2026-03-02");
  desk_record_set_int (e, "amount_minor", 12345);
  desk_record_set_string (e, "currency", "USD");
  desk_record_set_string (e, "payee", "ACME Printing");
  return e;
}

static GPtrArray *
check_problems (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  g_assert_true (desk_store_check (f->store, &problems, &error));
  g_assert_no_error (error);
  return problems;
}

/* Tests */

static void
test_insert_update_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) e = new_expense (f);
  g_autofree char *inserted = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *line = g_strdup (desk_record_get_string (e, "budget_line_uuid"));
  g_autofree char *expected = NULL;
  gint64 before = last_id (f);
  gint64 mark;

  g_assert_true (desk_store_insert (f->store, e, &error));
  g_assert_no_error (error);
  /* Each field set, in the kind's order; the boolean left false and the empty texts are
   * not changes. */
  inserted = describe_after (f, before, "action");
  expected = g_strdup_printf ("insert budget_line_uuid=∅→%s; insert date=∅→2026-03-02; "
                              "insert amount_minor=∅→12345; insert currency=∅→USD; "
                              "insert payee=∅→ACME Printing", line);
  g_assert_cmpstr (inserted, ==, expected);

  mark = last_id (f);
  desk_record_set_string (e, "payee", "Other Printer");
  desk_record_set_int (e, "is_refund", 0);
  g_assert_true (desk_store_update (f->store, e, &error));
  g_assert_no_error (error);
  updated = describe_after (f, mark, "action");
  g_assert_cmpstr (updated, ==, "update payee=ACME Printing→Other Printer");

  /* Nothing changed: nothing recorded. */
  mark = last_id (f);
  g_assert_true (desk_store_update (f->store, e, &error));
  g_assert_cmpint (last_id (f), ==, mark);

  g_assert_true (desk_store_delete (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (e), &error));
  g_assert_no_error (error);
  deleted = describe_after (f, mark, "action");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("delete budget_line_uuid=%s→∅; delete date=2026-03-02→∅; "
                              "delete amount_minor=12345→∅; delete currency=USD→∅; "
                              "delete payee=Other Printer→∅", line);
  g_assert_cmpstr (deleted, ==, expected);

  /* Every row names the record, its kind, its group, who and when. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM changes WHERE kind = 'expense' "
                                            "AND record_uuid = '%s' AND group_uuid = '%s' AND "
                                            "who = 'Wang Fang' AND at = '" TEST_NOW "' AND "
                                            "reason IS NULL AND lock_uuid IS NULL",
                                            desk_record_get_uuid (e), f->group);
    g_assert_cmpint (test_sqlite_int (db (f), sql), ==, 11);
  }
}

static void
test_delete_cascade (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autoptr(GPtrArray) deliverables = NULL;
  g_autofree char *sql = NULL;
  gint64 mark = last_id (f);
  gint64 tombstones = test_sqlite_int (db (f), "SELECT count(*) FROM tombstones");
  guint n_fields = 0;

  /* An activity with deliverables. */
  deliverables = desk_store_list (f->store, DESK_KIND_DELIVERABLE, f->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deliverables->len, >, 0);
  activity = desk_store_get (f->store, DESK_KIND_ACTIVITY,
                             desk_record_get_string (g_ptr_array_index (deliverables, 0), "activity_uuid"),
                             &error);
  g_assert_no_error (error);
  g_clear_pointer (&deliverables, g_ptr_array_unref);
  deliverables = desk_store_list_by (f->store, DESK_KIND_DELIVERABLE, "activity_uuid",
                                     desk_record_get_uuid (activity), &error);
  g_assert_no_error (error);

  for (guint i = 0; DESK_KIND_ACTIVITY->fields[i].name != NULL; i++)
    {
      g_autofree char *value = _desk_changes_field_value (activity, i);

      if (value != NULL && !(DESK_KIND_ACTIVITY->fields[i].type == DESK_FIELD_BOOL &&
                             g_str_equal (value, "0")))
        n_fields++;
    }
  g_assert_cmpuint (n_fields, >, 2);

  g_assert_true (desk_store_delete (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (activity),
                                    &error));
  g_assert_no_error (error);

  /* The activity's own fields, then one row for each deliverable (no field). */
  sql = g_strdup_printf ("SELECT count(*) FROM changes WHERE id > %" G_GINT64_FORMAT
                         " AND kind = 'activity' AND record_uuid = '%s' AND action = 'delete' "
                         "AND field IS NOT NULL AND new_value IS NULL", mark,
                         desk_record_get_uuid (activity));
  g_assert_cmpint (test_sqlite_int (db (f), sql), ==, n_fields);
  for (guint i = 0; i < deliverables->len; i++)
    {
      g_autofree char *one = g_strdup_printf ("SELECT count(*) FROM changes WHERE id > %" G_GINT64_FORMAT
                                              " AND kind = 'deliverable' AND record_uuid = '%s' AND "
                                              "action = 'delete' AND field IS NULL",
                                              mark, desk_record_get_uuid (g_ptr_array_index (deliverables, i)));
      g_assert_cmpint (test_sqlite_int (db (f), one), ==, 1);
    }
  /* And every other record that went with it (its workshops and their attendance, its
   * budget lines and their expenses…): one row each, as many as tombstones. */
  g_assert_cmpint (last_id (f) - mark, ==,
                   n_fields + test_sqlite_int (db (f), "SELECT count(*) FROM tombstones") - tombstones - 1);
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM tombstones t WHERE NOT EXISTS "
                                            "(SELECT 1 FROM changes c WHERE c.record_uuid = t.uuid "
                                            "AND c.kind = t.kind AND c.action = 'delete')"), ==, 0);
}

static void
test_reason (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) e = first_of (f, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) again = NULL;
  g_autofree char *payee = g_strdup (desk_record_get_string (e, "payee"));
  g_autofree char *reason = NULL;
  gint64 mark = last_id (f);
  static const char *const empty[] = { "", "   ", "\t \n" };

  desk_record_set_string (e, "payee", "Someone else");
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_assert_false (desk_store_update_with_reason (f->store, e, empty[i], &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "reason"));
      g_clear_error (&error);
      g_assert_false (desk_store_delete_with_reason (f->store, DESK_KIND_EXPENSE,
                                                     desk_record_get_uuid (e), empty[i], &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* Nothing written. */
  g_assert_cmpint (last_id (f), ==, mark);
  again = desk_store_get (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (e), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (again, "payee"), ==, payee);

  g_assert_true (desk_store_update_with_reason (f->store, e, "The receipt names the firm.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_id (f), ==, mark + 1);
  reason = test_sqlite_query (db (f), "SELECT reason FROM changes ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "The receipt names the firm.");

  g_assert_true (desk_store_delete_with_reason (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (e),
                                                "Entered twice.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM changes WHERE action = 'delete' "
                                            "AND reason = 'Entered twice.'"), >, 3);
}

static void
test_who (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *author = NULL;
  g_autofree char *system = NULL;

  name = desk_store_dup_coordinator_name (f->store);
  g_assert_cmpstr (name, ==, "Wang Fang");

  /* Spaces clear it: the system's name then. */
  g_assert_true (desk_store_set_coordinator_name (f->store, "   ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = desk_store_dup_coordinator_name (f->store);
  g_assert_null (name);
  author = desk_store_dup_author (f->store);
  system = g_strdup (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && g_get_real_name ()[0] != '\0'
                     ? g_get_real_name () : g_get_user_name ());
  g_assert_cmpstr (author, ==, system);

  {
    g_autoptr(DeskRecord) e = new_expense (f);
    g_autofree char *who = NULL;

    g_assert_true (desk_store_insert (f->store, e, &error));
    g_assert_no_error (error);
    who = test_sqlite_query (db (f), "SELECT who FROM changes ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (who, ==, system);
  }

  /* Set again, trimmed. */
  g_assert_true (desk_store_set_coordinator_name (f->store, "  Li Wei ", &error));
  g_clear_pointer (&author, g_free);
  author = desk_store_dup_author (f->store);
  g_assert_cmpstr (author, ==, "Li Wei");
}

/* The history's rows cannot be changed or deleted by SQL, even on the store's own
 * connection. */
static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  char *message = NULL;
  sqlite3 *raw = test_sqlite_open (f->path);
  gint64 n = count_changes (f);

  g_assert_cmpint (n, >, 10);
  g_assert_cmpint (sqlite3_exec (db (f), "UPDATE changes SET who = 'Mallory' WHERE id = 3",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "the change history cannot be changed"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db (f), "DELETE FROM changes WHERE id = 3", NULL, NULL, &message),
                   !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "the change history cannot be deleted"));
  sqlite3_free (message);

  /* Another program: the delete's trigger holds; the update's asks a function only
   * Groupdesk has, so it fails too. */
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM changes", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE changes SET who = 'Mallory'", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_cmpint (count_changes (f), ==, n);
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM changes WHERE who = 'Mallory'"), ==, 0);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = check_problems (f);
  g_autofree char *first_prev = NULL;
  sqlite3 *raw;

  /* Intact. */
  g_assert_cmpuint (problems->len, ==, 0);
  first_prev = test_sqlite_query (db (f), "SELECT prev_hash FROM changes ORDER BY id LIMIT 1");
  g_assert_cmpstr (first_prev, ==, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM changes c JOIN changes p ON "
                                            "p.id = c.id - 1 WHERE c.prev_hash IS NOT p.hash"), ==, 0);

  /* A row removed in the middle, by another program that dropped the trigger. */
  raw = test_sqlite_open (f->path);
  test_sqlite_exec (raw, "DROP TRIGGER changes_append_only_delete");
  test_sqlite_exec (raw, "DELETE FROM changes WHERE id = 11");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = check_problems (f);
  g_assert_true (has_problem (problems, "change 12 does not follow change 10"));
  g_assert_true (has_problem (problems, "changes_append_only_delete"));
  g_assert_cmpuint (problems->len, ==, 2);

  /* A value edited (the update's trigger dropped too). */
  test_sqlite_exec (raw, "DROP TRIGGER changes_append_only_update");
  test_sqlite_exec (raw, "UPDATE changes SET new_value = '1' WHERE id = 20");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = check_problems (f);
  g_assert_true (has_problem (problems, "change 20 was edited"));
  g_assert_true (has_problem (problems, "changes_append_only_update"));
  g_assert_cmpuint (problems->len, ==, 4);

  /* The first rows removed: the history does not begin where it should. */
  test_sqlite_exec (raw, "DELETE FROM changes WHERE id < 5");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = check_problems (f);
  g_assert_true (has_problem (problems, "change 5 is not where it begins"));
  sqlite3_close (raw);
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/changes/insert-update-delete", test_insert_update_delete);
  ADD ("/changes/delete-cascade", test_delete_cascade);
  ADD ("/changes/reason", test_reason);
  ADD ("/changes/who", test_who);
  ADD ("/changes/append-only", test_append_only);
  ADD ("/changes/chain", test_chain);
#undef ADD

  return g_test_run ();
}
