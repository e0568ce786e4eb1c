/* test-store.c — opening, creating, migrating, checking and backing up databases
 * (the files a store refuses: test-store-bad.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-store-common.h"

static void
test_open_creates_folder (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "not", "yet", "there", "groupdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (desk_store_get_path (store), ==, path);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, DESK_SCHEMA_VERSION);

  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) a = desk_store_open (NULL, &error);
  g_autoptr(DeskStore) b = NULL;
  g_autoptr(DeskRecord) group = NULL;

  g_assert_no_error (error);
  b = desk_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_null (desk_store_get_path (a));
  g_assert_cmpint (desk_store_get_schema_version (a), ==, DESK_SCHEMA_VERSION);

  /* Two in-memory stores are two databases. */
  group = test_add (a, DESK_KIND_GROUP, NULL, "name_en", "G", "country", "GH",
                    "currency", "GHS", NULL);
  g_assert_cmpint (desk_store_count (a, DESK_KIND_GROUP, NULL), ==, 1);
  g_assert_cmpint (desk_store_count (b, DESK_KIND_GROUP, NULL), ==, 0);
}

static void
test_schema_version (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  sqlite3 *db = test_sqlite_open (path);

  g_assert_cmpint (test_sqlite_int (db, "PRAGMA user_version"), ==, DESK_SCHEMA_VERSION);
  sqlite3_close (db);
  test_rm_rf (dir);
}

static void
test_foreign_keys (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(GError) error = NULL;
  int rc;

  g_assert_cmpint (test_sqlite_int (db, "PRAGMA foreign_keys"), ==, 1);

  /* A row that names a missing parent is refused by SQLite itself, below validation. */
  rc = sqlite3_exec (db, "INSERT INTO deliverables (uuid, group_uuid, activity_uuid, title_en, "
                         "status, updated) VALUES ('d-bogus', 'no-such-group', 'no-such-activity', "
                         "'x', 'planned', '2026-01-01T00:00:00Z')", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_FOREIGNKEY);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_DELIVERABLE), ==, 1);

  /* Deleting the group takes every record of the group with it. */
  g_assert_true (desk_store_delete (store, DESK_KIND_GROUP, world->group, &error));
  g_assert_no_error (error);
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    g_assert_cmpint (test_count_rows (store, *k), ==, 0);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM activity_themes"), ==, 0);
}

static void
test_wal (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, &error);
  g_autoptr(DeskRecord) group = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  group = test_add (store, DESK_KIND_GROUP, NULL, "name_en", "G", "country", "GH",
                    "currency", "GHS", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  db = test_sqlite_open (path);
  mode = test_sqlite_query (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  /* The other connection sees the committed write. */
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM groups"), ==, 1);
  sqlite3_close (db);

  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_strict_no_real (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  sqlite3 *db = _desk_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, strict FROM pragma_table_list "
                                           "WHERE schema = 'main' AND type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_int (stmt, 1) != 1)
        g_error ("the table %s is not STRICT", name);
      g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);

  /* Every kind's table is among them, so the loop below cannot pass on an empty list. */
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    g_assert_true (g_ptr_array_find_with_equal_func (tables, (*k)->table, g_str_equal, NULL));

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name, type FROM pragma_table_xinfo ('%s')",
                                              (const char *) g_ptr_array_index (tables, i));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *type = (const char *) sqlite3_column_text (stmt, 1);
          const char *column = (const char *) sqlite3_column_text (stmt, 0);

          /* The one BLOB: attached files' bytes, which incremental blob I/O needs (a
           * STRICT TEXT column cannot hold a zeroblob). Nothing else may be one. */
          if (g_str_equal (g_ptr_array_index (tables, i), "attachment_contents") &&
              g_str_equal (column, "content") && g_ascii_strcasecmp (type, "BLOB") == 0)
            {
              n_columns++;
              continue;
            }
          if (g_ascii_strcasecmp (type, "INTEGER") != 0 && g_ascii_strcasecmp (type, "TEXT") != 0)
            g_error ("%s.%s has the type %s: money, quantities and rates are INTEGER, the "
                     "rest TEXT", (const char *) g_ptr_array_index (tables, i),
                     (const char *) sqlite3_column_text (stmt, 0), type);
          n_columns++;
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpuint (n_columns, >, 100);
}

/* The kinds describe the tables: every field that is not a set is a column of the kind's
 * table, and every set's join table has the columns it names. */
static void
test_kinds_match_schema (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  sqlite3 *db = _desk_store_get_db (store);

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      const DeskKind *kind = *k;

      g_assert_true (desk_kind_lookup (kind->name) == kind);
      g_assert_true (desk_kind_lookup_plural (kind->plural) == kind);
      g_assert_cmpuint (desk_kind_n_fields (kind), >, 0);

      for (guint i = 0; kind->fields[i].name != NULL; i++)
        {
          const DeskField *f = &kind->fields[i];
          g_autofree char *sql = NULL;

          g_assert_true (desk_kind_get_field (kind, f->name) == f);
          g_assert_cmpint (desk_kind_field_index (kind, f->name), ==, (int) i);
          g_assert_nonnull (f->label);

          if (desk_field_in_join (f))
            {
              g_auto(GStrv) join = g_strsplit (f->join, ":", 3);

              g_assert_cmpuint (g_strv_length (join), ==, 3);
              sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info ('%s') "
                                     "WHERE name IN ('%s', '%s')", join[0], join[1], join[2]);
              g_assert_cmpint (test_sqlite_int (db, sql), ==, 2);
            }
          else
            {
              sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info ('%s') "
                                     "WHERE name = '%s'", kind->table, f->name);
              if (test_sqlite_int (db, sql) != 1)
                g_error ("%s.%s is not a column of %s", kind->name, f->name, kind->table);
            }

          if (f->type == DESK_FIELD_REF || f->type == DESK_FIELD_REF_SET)
            g_assert_nonnull (desk_kind_lookup (f->ref));
        }
      g_assert_null (desk_kind_lookup ("no-such-kind"));
    }
}

/* Each reference table holds exactly the rows of its TSV, and the currencies their
 * decimals. */
static void
test_reference_data (void)
{
  static const struct { const char *table; const char *file; } refs[] = {
    { "currencies", "currencies.tsv" },
    { "pillars", "pillars.tsv" },
    { "membership_statuses", "membership-status.tsv" },
    { "activity_kinds", "activity-kinds.tsv" },
    { "themes", "themes.tsv" },
    { "result_areas", "result-areas.tsv" },
    { "budget_categories", "budget-categories.tsv" },
    { "funding_sources", "funding-sources.tsv" },
    { "genders", "genders.tsv" },
    { "vulnerable_groups", "vulnerable-groups.tsv" },
  };
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  sqlite3 *db = _desk_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autoptr(GPtrArray) rows = test_read_reference (refs[i].file);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", refs[i].table);

      g_assert_cmpint (test_sqlite_int (db, sql), ==, (gint64) rows->len);
      for (guint j = 0; j < rows->len; j++)
        {
          char **cols = g_ptr_array_index (rows, j);

          if (g_str_equal (refs[i].table, "currencies"))
            g_assert_cmpint (desk_currency_minor_units (store, cols[0]), ==, atoi (cols[1]));
          else
            {
              g_autofree char *q = g_strdup_printf ("SELECT label_en || '|' || label_zh FROM %s "
                                                    "WHERE code = '%s'", refs[i].table, cols[0]);
              g_autofree char *labels = test_sqlite_query (db, q);
              g_autofree char *expected = g_strdup_printf ("%s|%s", cols[1], cols[2]);

              g_assert_cmpstr (labels, ==, expected);
            }
        }
    }
  g_assert_cmpint (desk_currency_minor_units (store, "XYZ"), ==, -1);
}

/* An empty file is an empty database: it is migrated to the current schema, without a
 * backup, since there was nothing to lose. */
static void
test_migrate_empty_file (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".v0.backup", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  sqlite3 *db;

  test_write_file (path, "", 0);
  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, DESK_SCHEMA_VERSION);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  db = test_sqlite_open (path);
  g_assert_cmpint (test_sqlite_int (db, "PRAGMA user_version"), ==, DESK_SCHEMA_VERSION);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM currencies"), >, 0);
  sqlite3_close (db);
  test_rm_rf (dir);
}

/* Opening again keeps the records and does not run the migration twice. */
static void
test_reopen (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, &error);
  g_autoptr(TestWorld) world = NULL;
  g_autoptr(DeskRecord) again = NULL;
  gint64 currencies;

  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);
  world = test_world_new (store, "GH-T");
  currencies = test_sqlite_int (_desk_store_get_db (store), "SELECT count(*) FROM currencies");
  g_clear_object (&store);

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (store), "SELECT count(*) FROM currencies"),
                   ==, currencies);
  again = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  g_assert_no_error (error);
  test_assert_same_record (test_world_get (world, "activity"), again);
  g_assert_cmpstr (desk_record_get_updated (again), ==, TEST_NOW);

  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_backup (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backups", "copy.db", NULL);
  g_autofree char *partial = g_strconcat (backup, ".partial", NULL);
  g_autofree char *mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, &error);
  g_autoptr(DeskStore) copy = NULL;
  g_autoptr(TestWorld) world = NULL;
  g_autoptr(TestWorld) world2 = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  world = test_world_new (store, "GH-T");
  world2 = test_world_new (store, "NG-T");

  g_assert_true (desk_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* The copy stands alone: no write-ahead log is needed to read it. */
  db = test_sqlite_open (backup);
  mode = test_sqlite_query (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "delete");
  g_clear_pointer (&mode, g_free);
  mode = test_sqlite_query (db, "PRAGMA integrity_check");
  g_assert_cmpstr (mode, ==, "ok");
  sqlite3_close (db);

  copy = desk_store_open (backup, &error);
  g_assert_no_error (error);
  assert_same_contents (store, copy);
  g_clear_object (&copy);

  /* A second backup over the first replaces it, with what is there now. */
  g_assert_true (desk_store_delete (store, DESK_KIND_GROUP, world2->group, &error));
  g_assert_true (desk_store_backup (store, backup, &error));
  g_assert_no_error (error);
  copy = desk_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (copy, DESK_KIND_GROUP, NULL), ==, 1);
  assert_same_contents (store, copy);

  g_clear_object (&copy);
  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_backup_memory (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(DeskStore) copy = NULL;
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_backup (store, backup, &error));
  g_assert_no_error (error);
  copy = desk_store_open (backup, &error);
  g_assert_no_error (error);
  assert_same_contents (store, copy);

  g_clear_object (&copy);
  test_rm_rf (dir);
}

static void
test_backup_unwritable (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *backup = g_build_filename (file, "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(GError) error = NULL;

  test_write_file (file, "notes\n", -1);
  before = test_file_digest (file);
  g_assert_false (desk_store_backup (store, backup, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_assert_nonnull (strstr (error->message, file));
  after = test_file_digest (file);
  g_assert_cmpstr (before, ==, after);

  test_rm_rf (dir);
}

/* A name that starts with "file:" is a file name like any other, not an SQLite URI: the
 * folder made and the file opened are the ones the name says. */
static void
test_file_uri_name (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *cwd = g_get_current_dir ();
  const char *const names[] = { "file:plain.db", "file:sub/x.db?mode=ro", "file:y.db?immutable=1" };

  g_assert_cmpint (g_chdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskStore) store = desk_store_open (names[i], &error);
      g_autoptr(DeskRecord) group = NULL;

      g_assert_no_error (error);
      group = test_add (store, DESK_KIND_GROUP, NULL, "name_en", "G", "country", "GH",
                        "currency", "GHS", NULL);
      g_assert_true (g_file_test (names[i], G_FILE_TEST_IS_REGULAR));
      g_clear_object (&store);

      store = desk_store_open_read_only (names[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);
    }
  /* Nothing was made under the names SQLite would have read from the URIs. */
  g_assert_false (g_file_test ("plain.db", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("sub", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("y.db", G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  test_rm_rf (dir);
}

/* A clash with a unique field is said with the kind, the field and the value, never in
 * SQLite's words. */
static void
test_unique_message (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) second = desk_record_new (DESK_KIND_GROUP);
  g_autoptr(GError) error = NULL;

  first = test_add (store, DESK_KIND_GROUP, NULL, "code", "GH", "name_en", "Ghana",
                    "country", "GH", "currency", "GHS", NULL);
  test_set_field (second, "code", "GH");
  test_set_field (second, "name_en", "Ghana again");
  test_set_field (second, "country", "GH");
  test_set_field (second, "currency", "GHS");

  g_assert_false (desk_store_insert (store, second, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Another group already has “GH”"));
  g_assert_nonnull (strstr (error->message, "Short code"));
  g_assert_null (strstr (error->message, "UNIQUE"));
  g_assert_null (strstr (error->message, "groups.code"));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);

  /* The store is still usable: the failed write was rolled back. */
  test_set_field (second, "code", "GH-2");
  g_clear_error (&error);
  g_assert_true (desk_store_insert (store, second, &error));
  g_assert_no_error (error);

  /* A clash on several fields names them all. */
  {
    g_autoptr(DeskRecord) rate = NULL;
    g_autoptr(DeskRecord) again = desk_record_new (DESK_KIND_RATE);
    const char *group = desk_record_get_uuid (first);

    rate = test_add (store, DESK_KIND_RATE, group, "currency", "USD", "valid_from", "2026-03-01",
                     "rate_mantissa", "1550", "rate_scale", "2", NULL);
    desk_record_set_group (again, group);
    test_set_field (again, "currency", "USD");
    test_set_field (again, "valid_from", "2026-03-01");
    test_set_field (again, "rate_mantissa", "1600");
    test_set_field (again, "rate_scale", "2");
    g_assert_false (desk_store_insert (store, again, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_null (strstr (error->message, "UNIQUE"));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Another exchange rate"));
    g_assert_nonnull (strstr (error->message, "“Currency”, “Valid from”"));
  }
}

static void
test_check_clean (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_check_broken_reference (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _desk_store_get_db (store);
  g_autofree char *sql = NULL;

  /* What a program that ignores foreign keys could leave behind. */
  test_sqlite_exec (db, "PRAGMA foreign_keys = OFF");
  sql = g_strdup_printf ("INSERT INTO deliverables (uuid, group_uuid, activity_uuid, title_en, "
                         "status, updated) VALUES ('orphan', '%s', 'no-such-activity', 'x', "
                         "'planned', '2026-01-01T00:00:00Z')", world->group);
  test_sqlite_exec (db, sql);
  test_sqlite_exec (db, "PRAGMA foreign_keys = ON");

  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (problems, 0));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "deliverables"));
}

/* An identifier in capitals, or one shared by two kinds: "check" says so. */
static void
test_check_identifiers (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _desk_store_get_db (store);
  g_autofree char *upper = g_ascii_strup (test_world_uuid (world, "rate"), -1);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("UPDATE exchange_rates SET uuid = '%s'", upper);
  test_sqlite_exec (db, "PRAGMA foreign_keys = OFF");
  test_sqlite_exec (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE plenary_nominations SET uuid = '%s'", test_world_uuid (world, "workplan"));
  test_sqlite_exec (db, sql);
  test_sqlite_exec (db, "PRAGMA foreign_keys = ON");

  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (strstr (g_ptr_array_index (problems, 0), upper) != NULL ||
                 strstr (g_ptr_array_index (problems, 1), upper) != NULL);
  g_assert_true (strstr (g_ptr_array_index (problems, 0), test_world_uuid (world, "workplan")) != NULL ||
                 strstr (g_ptr_array_index (problems, 1), test_world_uuid (world, "workplan")) != NULL);
}

static void
test_clock (void)
{
  g_autoptr(DeskStore) store = test_open_memory ("2024-02-29T23:59:58Z");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) real = NULL;
  g_autoptr(GDateTime) offset = g_date_time_new_from_iso8601 ("2026-03-01T01:30:00+03:00", NULL);
  g_autofree char *stamp = desk_store_dup_timestamp (store);
  g_autofree char *today = desk_store_dup_today (store);

  g_assert_cmpstr (stamp, ==, "2024-02-29T23:59:58Z");
  g_assert_cmpstr (today, ==, "2024-02-29");

  /* An injected time in another zone is kept as UTC. */
  desk_store_set_now (store, offset);
  g_clear_pointer (&stamp, g_free);
  stamp = desk_store_dup_timestamp (store);
  g_assert_cmpstr (stamp, ==, "2026-02-28T22:30:00Z");

  /* NULL gives the real clock back. */
  desk_store_set_now (store, NULL);
  now = desk_store_dup_now (store);
  real = g_date_time_new_now_utc ();
  g_assert_cmpint (ABS (g_date_time_difference (real, now)), <, 60 * G_TIME_SPAN_SECOND);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("GROUPDESK_DB", "/somewhere/else.db", TRUE);
  path = desk_store_default_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else.db");
  g_clear_pointer (&path, g_free);

  g_setenv ("GROUPDESK_DB", "", TRUE);
  path = desk_store_default_path ();
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "groupdesk.db"));
  g_unsetenv ("GROUPDESK_DB");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/open-creates-folder", test_open_creates_folder);
  g_test_add_func ("/core/store/open-memory", test_memory);
  g_test_add_func ("/core/store/schema-version", test_schema_version);
  g_test_add_func ("/core/store/foreign-keys", test_foreign_keys);
  g_test_add_func ("/core/store/wal", test_wal);
  g_test_add_func ("/core/store/strict-no-real", test_strict_no_real);
  g_test_add_func ("/core/store/kinds-match-schema", test_kinds_match_schema);
  g_test_add_func ("/core/store/reference-data", test_reference_data);
  g_test_add_func ("/core/store/migrate-empty-file", test_migrate_empty_file);
  g_test_add_func ("/core/store/reopen", test_reopen);
  g_test_add_func ("/core/store/backup", test_backup);
  g_test_add_func ("/core/store/backup-memory", test_backup_memory);
  g_test_add_func ("/core/store/backup-unwritable", test_backup_unwritable);
  g_test_add_func ("/core/store/file-uri-name", test_file_uri_name);
  g_test_add_func ("/core/store/unique-message", test_unique_message);
  g_test_add_func ("/core/store/check/clean", test_check_clean);
  g_test_add_func ("/core/store/check/broken-reference", test_check_broken_reference);
  g_test_add_func ("/core/store/check/identifiers", test_check_identifiers);
  g_test_add_func ("/core/store/clock", test_clock);
  g_test_add_func ("/core/store/default-path", test_default_path);

  return g_test_run ();
}
