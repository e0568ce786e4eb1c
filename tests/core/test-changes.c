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

static gboolean
has_problem (GPtrArray  *problems,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), part) != NULL)
      return TRUE;
  return FALSE;
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
  gint64 mark;
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
  /* The demo's plan is approved: its budget lines go with the activity only with a
   * reason (desk-locks.h), so it is reopened first. */
  test_reopen_workplan (f->store, desk_record_get_string (activity, "workplan_uuid"));
  mark = last_id (f);
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

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(DeskRecord) e = first_of (f, DESK_KIND_EXPENSE);
  g_autofree char *payee = g_strdup (desk_record_get_string (e, "payee"));
  g_autofree char *expected = NULL;
  g_autofree char *rows = NULL;
  gint64 mark = last_id (f);

  g_assert_nonnull (payee);
  desk_record_set_string (e, "payee", "Changed payee");
  g_assert_true (desk_history_update_with_reason (history, e, "The invoice says so.", &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_redo (history, &error));
  g_assert_no_error (error);
  rows = describe_after (f, mark, "action || ':' || coalesce (reason, '-')");
  expected = g_strdup_printf ("update:The invoice says so. payee=%s→Changed payee; "
                              "undo:- payee=Changed payee→%s; "
                              "redo:- payee=%s→Changed payee", payee, payee, payee);
  g_assert_cmpstr (rows, ==, expected);

  /* A delete undone: the record comes back, recorded as undone; then normal writes are
   * recorded as their own action again. */
  mark = last_id (f);
  g_assert_true (desk_history_delete_with_reason (history, DESK_KIND_EXPENSE,
                                                  desk_record_get_uuid (e), "Entered twice.", &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(DISTINCT action) FROM changes WHERE "
                                            "action = 'undo' AND field = 'payee' AND "
                                            "old_value IS NULL AND new_value = 'Changed payee'"), ==, 1);
  g_clear_pointer (&rows, g_free);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat (DISTINCT action) FROM changes "
                                            "WHERE id > %" G_GINT64_FORMAT, mark);
    rows = test_sqlite_query (db (f), sql);
  }
  g_assert_cmpstr (rows, ==, "delete,undo");
  mark = last_id (f);
  desk_record_set_string (e, "payee", "Third payee");
  g_assert_true (desk_history_update (history, e, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_free);
  rows = describe_after (f, mark, "action");
  g_assert_cmpstr (rows, ==, "update payee=Changed payee→Third payee");
}

static gboolean
bytes_hold (const char *data,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle is in the database file or its WAL, checkpointed. */
static gboolean
file_holds (Fixture    *f,
            const char *needle)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const char *paths[] = { f->path, wal };

  sqlite3_wal_checkpoint_v2 (db (f), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (paths[i], &contents, &length, NULL) &&
          bytes_hold (contents, length, needle))
        return TRUE;
    }
  return FALSE;
}

static DeskChange *
newest_change (GPtrArray  *changes,
               const char *field)
{
  for (guint i = 0; i < changes->len; i++)
    {
      DeskChange *c = g_ptr_array_index (changes, i);

      if (g_strcmp0 (c->field, field) == 0)
        return c;
    }
  g_assert_not_reached ();
}

/* Personal values are sealed where names are protected (the history's written before
 * included), opened when read, and unreadable (names_locked) while locked. */
static void
test_personal_values (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) person = first_of (f, DESK_KIND_PERSON);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  g_autofree char *uuid = g_strdup (desk_record_get_uuid (person));
  DeskChange *c;

  desk_record_set_string (person, "name", "Zanele Okonkwo-Historia");
  g_assert_true (desk_store_update (f->store, person, &error));
  g_assert_no_error (error);
  desk_record_set_string (person, "name", "Zanele Okonkwo-Historia II");
  g_assert_true (desk_store_update (f->store, person, &error));
  g_assert_no_error (error);
  g_assert_true (file_holds (f, "Zanele Okonkwo-Historia"));

  recovery = desk_store_protect (f->store, "history passphrase", desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  /* Sealed in the history too, and the chain still verifies. */
  g_assert_false (file_holds (f, "Zanele Okonkwo-Historia"));
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM changes WHERE kind = 'person' "
                                            "AND field = 'name' AND new_value NOT LIKE 'v1:%'"), ==, 0);
  {
    g_autoptr(GPtrArray) problems = check_problems (f);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* Written while protected: sealed as it is written. */
  desk_record_set_string (person, "name", "Zanele Okonkwo-Historia III");
  g_assert_true (desk_store_update (f->store, person, &error));
  g_assert_no_error (error);
  g_assert_false (file_holds (f, "Zanele Okonkwo-Historia"));

  /* Read back opened, newest first. */
  changes = desk_store_list_changes (f->store, DESK_KIND_PERSON, uuid, &error);
  g_assert_no_error (error);
  c = newest_change (changes, "name");
  g_assert_false (c->names_locked);
  g_assert_cmpstr (c->old_value, ==, "Zanele Okonkwo-Historia II");
  g_assert_cmpstr (c->new_value, ==, "Zanele Okonkwo-Historia III");
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Locked: the values cannot be read; the other fields' can. */
  desk_store_lock (f->store);
  changes = desk_store_list_changes (f->store, DESK_KIND_PERSON, uuid, &error);
  g_assert_no_error (error);
  c = newest_change (changes, "name");
  g_assert_true (c->names_locked);
  g_assert_null (c->old_value);
  g_assert_null (c->new_value);
  {
    g_autofree char *shown = desk_change_format_value (f->store, c, c->new_value);
    g_assert_cmpstr (shown, ==, desk_seal_describe (DESK_SEAL_LOCKED));
  }
  c = newest_change (changes, "gender");
  g_assert_false (c->names_locked);
  g_assert_nonnull (c->new_value);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Turned off again: opened in place, chain intact. */
  g_assert_true (desk_store_unlock (f->store, "history passphrase", &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_unprotect (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (db (f), "SELECT count(*) FROM changes WHERE kind = 'person' "
                                            "AND field = 'name' AND new_value = "
                                            "'Zanele Okonkwo-Historia III'"), ==, 1);
  {
    g_autoptr(GPtrArray) problems = check_problems (f);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* A rewrite (protection on) does not hide a break made before it. */
static void
test_protect_keeps_break (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  sqlite3 *raw = test_sqlite_open (f->path);

  test_sqlite_exec (raw, "DROP TRIGGER changes_append_only_delete; "
                         "DELETE FROM changes WHERE id = 30; "
                         "CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes "
                         "BEGIN SELECT RAISE (ABORT, 'the change history cannot be deleted'); END;");
  sqlite3_close (raw);
  recovery = desk_store_protect (f->store, "history passphrase", desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  problems = check_problems (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "change 31 does not follow change 29"));
}

static char *
format (Fixture        *f,
        const DeskKind *kind,
        const char     *uuid,
        const char     *field,
        const char     *value)
{
  DeskChange change = { .id = G_MAXINT64, .kind = kind, .action = DESK_CHANGE_UPDATE,
                        .record_uuid = (char *) uuid, .field = (char *) field };

  return desk_change_format_value (f->store, &change, value);
}

static void
test_format_value (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskRecord) e = first_of (f, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) line = desk_store_get (f->store, DESK_KIND_BUDGET_LINE,
                                               desk_record_get_string (e, "budget_line_uuid"), NULL);
  g_autoptr(DeskRecord) activity = first_of (f, DESK_KIND_ACTIVITY);
  g_autoptr(DeskRecord) person = first_of (f, DESK_KIND_PERSON);
  const char *uuid = desk_record_get_uuid (e);
  const char *currency = desk_record_get_string (e, "currency");
  g_autofree char *label = desk_record_dup_label (line);
  g_autofree char *expected_money = desk_money_format (123456, currency, 2);
  g_autofree char *expected_date = desk_date_format ("2026-03-02");
  g_autofree char *expected_choice = desk_reference_label (f->store, DESK_KIND_ACTIVITY, "status", "in_progress");
  g_autofree char *expected_gender = desk_reference_label (f->store, DESK_KIND_PERSON, "gender",
                                                           desk_record_get_string (person, "gender"));
  struct { const DeskKind *kind; const char *uuid; const char *field; const char *value; const char *shown; } cases[] = {
    { DESK_KIND_EXPENSE, uuid, "payee", "ACME", "ACME" },
    { DESK_KIND_EXPENSE, uuid, "payee", NULL, "—" },
    { DESK_KIND_EXPENSE, uuid, "is_refund", "1", "Yes" },
    { DESK_KIND_EXPENSE, uuid, "is_refund", "0", "No" },
    { DESK_KIND_EXPENSE, uuid, "date", "2026-03-02", expected_date },
    { DESK_KIND_EXPENSE, uuid, "amount_minor", "123456", expected_money },
    { DESK_KIND_EXPENSE, uuid, "budget_line_uuid", desk_record_get_uuid (line), label },
    { DESK_KIND_EXPENSE, uuid, "budget_line_uuid", "no-such-line", "no-such-line" },
    { DESK_KIND_ACTIVITY, desk_record_get_uuid (activity), "status", "in_progress", expected_choice },
    { DESK_KIND_PERSON, desk_record_get_uuid (person), "gender", desk_record_get_string (person, "gender"),
      expected_gender },
  };

  g_assert_cmpstr (currency, !=, NULL);
  g_assert_cmpstr (expected_choice, !=, "in_progress");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = format (f, cases[i].kind, cases[i].uuid, cases[i].field, cases[i].value);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
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
  ADD ("/changes/undo-redo", test_undo_redo);
  ADD ("/changes/append-only", test_append_only);
  ADD ("/changes/chain", test_chain);
  ADD ("/changes/personal-values", test_personal_values);
  ADD ("/changes/protect-keeps-break", test_protect_keeps_break);
  ADD ("/changes/format-value", test_format_value);
#undef ADD

  return g_test_run ();
}
