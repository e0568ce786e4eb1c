/* test-store-bad.c — files the store must refuse or handle with care: unwritable, damaged, locked, too new, another program's, read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-store-common.h"

/* Bad input: each case leaves the file exactly as it was. */

static void
test_bad_unwritable_path (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *path = g_build_filename (file, "groupdesk.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A regular file used as if it were a folder: no one can create a database inside it,
   * not even root (the tests run as root, where a read-only folder does not stop writes). */
  test_write_file (file, "a text file, not a folder\n", -1);
  before = test_file_digest (file);

  assert_open_fails (path, DESK_ERROR_READ_ONLY, file);

  after = test_file_digest (file);
  g_assert_cmpstr (before, ==, after);
  test_rm_rf (dir);
}

static void
test_bad_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, whom folder permissions do not stop; "
                   "/core/store/bad/unwritable-path covers the case for root");
      return;
    }

  dir = test_make_tmpdir ();
  locked = g_build_filename (dir, "read-only", NULL);
  path = g_build_filename (locked, "groupdesk.db", NULL);
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  assert_open_fails (path, DESK_ERROR_READ_ONLY, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_chmod (locked, 0700);
  test_rm_rf (dir);
}

static void
test_bad_not_sqlite (void)
{
  static const char *const contents[] = {
    "Name,Pillar\nKwame Asante,government\nAbena Owusu,civil_society\n",
    "short",
    "SQLite format 2\nnot really",
  };
  g_autofree char *dir = test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *name = g_strdup_printf ("list-%u.csv", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      test_write_file (path, contents[i], -1);
      before = test_file_digest (path);
      assert_open_fails (path, DESK_ERROR_NOT_A_DATABASE, path);
      after = test_file_digest (path);
      g_assert_cmpstr (before, ==, after);
    }

  test_rm_rf (dir);
}

/* The SQLite header followed by garbage: SQLite itself must refuse it, and we with it. */
static void
test_bad_damaged (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  char data[4096];

  memset (data, 0xa5, sizeof data);
  memcpy (data, "SQLite format 3", 16);
  test_write_file (path, data, sizeof data);
  before = test_file_digest (path);

  store = desk_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_assert_true (error->code == DESK_ERROR_NOT_A_DATABASE || error->code == DESK_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  test_rm_rf (dir);
}

static void
test_bad_folder (void)
{
  g_autofree char *dir = test_make_tmpdir ();

  assert_open_fails (dir, DESK_ERROR_NOT_A_DATABASE, dir);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  test_rm_rf (dir);
}

static void
test_bad_too_new (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = test_sqlite_open (path);

  test_sqlite_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = test_file_digest (path);

  assert_open_fails (path, DESK_ERROR_TOO_NEW, path);

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  db = test_sqlite_open (path);
  g_assert_cmpint (test_sqlite_int (db, "PRAGMA user_version"), ==, 99);
  sqlite3_close (db);
  test_rm_rf (dir);
}

/* A Groupdesk database (in WAL mode) whose write lock another program holds. */
static void
test_bad_locked (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);

  assert_locked_refused (path);
  test_rm_rf (dir);
}

/* The same, with the database in rollback-journal mode, where the lock stops readers too. */
static void
test_bad_locked_rollback_journal (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  sqlite3 *db = test_sqlite_open (path);

  g_free (test_sqlite_query (db, "PRAGMA journal_mode = DELETE"));
  sqlite3_close (db);

  assert_locked_refused (path);
  test_rm_rf (dir);
}

static void
test_bad_other_program (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "contacts.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = test_sqlite_open (path);

  test_sqlite_exec (db, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                        "INSERT INTO contacts VALUES ('Kwame', '+233 20 000 0000');");
  sqlite3_close (db);
  before = test_file_digest (path);

  assert_open_fails (path, DESK_ERROR_NOT_A_DATABASE, path);

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  db = test_sqlite_open (path);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  sqlite3_close (db);
  test_rm_rf (dir);
}

static void
test_app_id_new (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  sqlite3 *db = test_sqlite_open (path);

  g_assert_cmpint (test_sqlite_int (db, "PRAGMA application_id"), ==, DESK_APPLICATION_ID);
  sqlite3_close (db);

  {
    g_autoptr(DeskStore) memory = test_open_memory (NULL);
    g_assert_cmpint (test_sqlite_int (_desk_store_get_db (memory), "PRAGMA application_id"), ==,
                     DESK_APPLICATION_ID);
  }
  test_rm_rf (dir);
}

/* Another program's SQLite files whose user_version happens to be 1 or 2, in either
 * journal mode, with tables of their own or with some of ours: refused with every byte,
 * the journal mode and the folder as they were. */
static void
test_app_id_foreign (void)
{
  static const struct
  {
    int version;
    gboolean wal;
    const char *sql;
  } cases[] = {
    { 1, FALSE, "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Kwame', '1');" },
    { 2, FALSE, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);" },
    { 1, TRUE, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Abena');" },
    { 2, TRUE, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');" },
    /* Some of our table names, not our schema. */
    { 1, FALSE, "CREATE TABLE groups (uuid TEXT PRIMARY KEY, code TEXT);"
                "CREATE TABLE tombstones (uuid TEXT, kind TEXT);" },
    { 2, TRUE, "CREATE TABLE groups (uuid TEXT PRIMARY KEY, code TEXT);"
               "CREATE TABLE currencies (code TEXT);" },
    /* Tables of ours and one more. */
    { 2, FALSE, NULL },
  };
  g_autofree char *dir = test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("other-%u.sqlite", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %d", cases[i].version);
      g_autofree char *mode = NULL;
      sqlite3 *db;

      if (cases[i].sql == NULL)
        {
          g_autofree char *ours = make_groupdesk_db (dir);

          /* Ours, but with the id taken away and a table of another program added. */
          g_assert_cmpint (g_rename (ours, path), ==, 0);
          db = test_sqlite_open (path);
          test_sqlite_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA application_id = 0;"
                                "CREATE TABLE extra (x INTEGER);");
        }
      else
        {
          db = test_sqlite_open (path);
          if (cases[i].wal)
            g_free (test_sqlite_query (db, "PRAGMA journal_mode = WAL"));
          test_sqlite_exec (db, cases[i].sql);
        }
      test_sqlite_exec (db, version);
      sqlite3_close (db);
      assert_no_companions (path);
      before = test_file_digest (path);

      assert_open_fails (path, DESK_ERROR_NOT_A_DATABASE, path);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(DeskStore) store = desk_store_open_read_only (path, &error);

        g_assert_null (store);
        g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
      }

      after = test_file_digest (path);
      g_assert_cmpstr (before, ==, after);
      assert_no_companions (path);

      db = test_sqlite_open (path);
      mode = test_sqlite_query (db, "PRAGMA journal_mode");
      g_assert_cmpstr (mode, ==, cases[i].wal ? "wal" : "delete");
      g_assert_cmpint (test_sqlite_int (db, "PRAGMA user_version"), ==, cases[i].version);
      g_assert_cmpint (test_sqlite_int (db, "PRAGMA application_id"), ==, 0);
      sqlite3_close (db);
    }

  test_rm_rf (dir);
}

/* A file that carries another application's id, even with our schema, is not ours. */
static void
test_app_id_other (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = test_sqlite_open (path);

  test_sqlite_exec (db, "PRAGMA application_id = 1234567");
  sqlite3_close (db);
  before = test_file_digest (path);

  assert_open_fails (path, DESK_ERROR_NOT_A_DATABASE, path);

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  assert_no_companions (path);
  test_rm_rf (dir);
}

/* Our file, damaged after its header: the id says it is ours, so the message is that it
 * is damaged (restore a backup), not that it belongs to another program. */
static void
test_app_id_damaged (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_groupdesk_db (dir);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  /* The schema's page, after the 100-byte header. */
  memset (contents + 100, 0xa5, 4096 - 100);
  test_write_file (path, contents, length);
  before = test_file_digest (path);

  store = desk_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, DESK_ERROR, DESK_ERROR_CORRUPT) ||
                 g_error_matches (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE));
  g_assert_null (strstr (error->message, "another program"));
  g_assert_nonnull (strstr (error->message, path));

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  test_rm_rf (dir);
}

/* Our own files from before the id: at version 2 (the id taken away) and at version 1
 * (made as migration 1 left it). Both are opened, upgraded where needed, and carry the
 * id afterwards. */
static void
test_app_id_legacy (void)
{
  g_autofree char *dir = test_make_tmpdir ();

  for (int version = 1; version <= DESK_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", version);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *backup = g_strdup_printf ("%s.v1.backup", path);
      g_autoptr(DeskStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskRecord) group = NULL;
      sqlite3 *db;

      store = desk_store_open (path, &error);
      g_assert_no_error (error);
      group = test_add (store, DESK_KIND_GROUP, NULL, "code", "GH", "name_en", "G",
                        "country", "GH", "currency", "GHS", NULL);
      g_clear_object (&store);

      db = test_sqlite_open (path);
      /* Back to @version: what each later migration added removed. */
      if (version < 9)
        test_sqlite_undo_migration_9 (db);
      if (version < 8)
        test_sqlite_undo_migration_8 (db);
      if (version < 7)
        test_sqlite_undo_migration_7 (db);
      if (version < 6)
        test_sqlite_undo_migration_6 (db);
      if (version < 5)
        test_sqlite_undo_migration_5 (db);
      if (version < 4)
        test_sqlite_undo_migration_4 (db);
      if (version < 3)
        test_sqlite_exec (db, "DROP TABLE person_merges;");
      if (version < 2)
        test_sqlite_exec (db, "DROP TABLE workshop_counts; DROP TABLE imported_bundles;");
      if (version < DESK_SCHEMA_VERSION)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", version);

          test_sqlite_exec (db, sql);
        }
      test_sqlite_exec (db, "PRAGMA application_id = 0");
      sqlite3_close (db);

      /* Read-only, it is read (at the current version) or refused as needing an upgrade,
       * and left without the id either way. */
      store = desk_store_open_read_only (path, &error);
      if (version < DESK_SCHEMA_VERSION)
        {
          g_assert_null (store);
          g_assert_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY);
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);
          g_clear_object (&store);
        }
      db = test_sqlite_open (path);
      g_assert_cmpint (test_sqlite_int (db, "PRAGMA application_id"), ==, 0);
      sqlite3_close (db);

      store = desk_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (desk_store_get_schema_version (store), ==, DESK_SCHEMA_VERSION);
      g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);
      g_assert_cmpint (test_sqlite_int (_desk_store_get_db (store), "PRAGMA application_id"), ==,
                       DESK_APPLICATION_ID);
      g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS) == (version == 1));
      g_clear_object (&store);
    }

  test_rm_rf (dir);
}

/* Anything but a regular file as the database: refused at once with a sentence, before
 * SQLite could block on a FIFO or take /dev/null for an empty disk. */
static void
test_bad_not_regular (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.db", NULL);
  g_autofree char *target = make_groupdesk_db (dir);
  g_autofree char *link = g_build_filename (dir, "link.db", NULL);
  const char *const devices[] = { "/dev/null", "/dev/zero" };
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_open_fails (fifo, DESK_ERROR_NOT_A_DATABASE, fifo);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  assert_no_companions (fifo);

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskStore) store = NULL;

      assert_open_fails (devices[i], DESK_ERROR_NOT_A_DATABASE, devices[i]);
      store = desk_store_open_read_only (devices[i], &error);
      g_assert_null (store);
      g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
      g_assert_null (strstr (error->message, "full"));
      g_assert_cmpint (g_lstat (devices[i], &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }

  /* A symbolic link says that it is one. */
  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_open_fails (link, DESK_ERROR_NOT_A_DATABASE, "symbolic link");

  test_rm_rf (dir);
}

/* A store opened read-only reads everything and writes nothing. */
static void
test_read_only (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(TestWorld) world = NULL;
  g_autoptr(DeskRecord) extra = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);
  world = test_world_new (store, "GH-T");
  g_clear_object (&store);
  before = test_file_digest (path);

  store = desk_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_is_read_only (store));
  groups = desk_store_list (store, DESK_KIND_GROUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);

  extra = desk_record_new (DESK_KIND_GROUP);
  test_set_field (extra, "name_en", "Another");
  test_set_field (extra, "country", "GH");
  test_set_field (extra, "currency", "GHS");
  g_assert_false (desk_store_insert (store, extra, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Nothing is created for reading. */
  store = desk_store_open_read_only (missing, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/bad/unwritable-path", test_bad_unwritable_path);
  g_test_add_func ("/core/store/bad/read-only-folder", test_bad_read_only_folder);
  g_test_add_func ("/core/store/bad/not-sqlite", test_bad_not_sqlite);
  g_test_add_func ("/core/store/bad/damaged", test_bad_damaged);
  g_test_add_func ("/core/store/bad/folder", test_bad_folder);
  g_test_add_func ("/core/store/bad/too-new", test_bad_too_new);
  g_test_add_func ("/core/store/bad/locked", test_bad_locked);
  g_test_add_func ("/core/store/bad/locked-rollback-journal", test_bad_locked_rollback_journal);
  g_test_add_func ("/core/store/bad/other-program", test_bad_other_program);
  g_test_add_func ("/core/store/app-id/new", test_app_id_new);
  g_test_add_func ("/core/store/app-id/foreign", test_app_id_foreign);
  g_test_add_func ("/core/store/app-id/other", test_app_id_other);
  g_test_add_func ("/core/store/app-id/legacy", test_app_id_legacy);
  g_test_add_func ("/core/store/app-id/damaged", test_app_id_damaged);
  g_test_add_func ("/core/store/bad/not-regular", test_bad_not_regular);
  g_test_add_func ("/core/store/read-only", test_read_only);

  return g_test_run ();
}
