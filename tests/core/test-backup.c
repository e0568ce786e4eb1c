/* test-backup.c — daily and before-something backups, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
  test_set_now (f->store, "2026-11-25T08:00:00Z");
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

static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  DeskBackupInfo *newest;

  first = desk_backup_daily (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first, "daily-2026-11-25.db"));

  /* A second start the same day takes none. */
  again = desk_backup_daily (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (again);

  /* Ten more days: only the last seven are kept. */
  for (int day = 26; day <= 35; day++)
    {
      g_autofree char *now = g_strdup_printf ("2026-%s-%02dT08:00:00Z", day <= 30 ? "11" : "12",
                                              day <= 30 ? day : day - 30);
      g_autofree char *taken = NULL;

      test_set_now (f->store, now);
      taken = desk_backup_daily (f->store, &error);
      g_assert_no_error (error);
      g_assert_nonnull (taken);
    }

  list = desk_backup_list (f->store);
  g_assert_cmpuint (list->len, ==, 7);
  newest = g_ptr_array_index (list, 0);
  g_assert_cmpint (newest->kind, ==, DESK_BACKUP_DAILY);
  g_assert_cmpstr (newest->taken, ==, "2026-12-05T00:00:00Z");
  g_assert_cmpint (newest->size, >, 0);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (desk_backup_kind_label (DESK_BACKUP_DAILY), !=, "");
}

static void
test_before_keeps_five (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint imports = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *path = desk_backup_before (f->store, DESK_BACKUP_BEFORE_IMPORT, &error);

      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_free (desk_backup_daily (f->store, &error));

  list = desk_backup_list (f->store);
  for (guint i = 0; i < list->len; i++)
    imports += ((DeskBackupInfo *) g_ptr_array_index (list, i))->kind == DESK_BACKUP_BEFORE_IMPORT;
  g_assert_cmpuint (imports, ==, 5);
  g_assert_cmpuint (list->len, ==, 6);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 people = desk_store_count (f->store, DESK_KIND_PERSON, f->group);
  gint64 rows = test_count_all_rows (f->store);
  g_autoptr(GPtrArray) all = NULL;
  gboolean has_restore_backup = FALSE;

  backup = desk_backup_before (f->store, DESK_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  /* Lose some work: every person is deleted. */
  all = desk_store_list (f->store, DESK_KIND_PERSON, f->group, &error);
  for (guint i = 0; i < all->len; i++)
    g_assert_true (desk_store_delete (f->store, DESK_KIND_PERSON,
                                      desk_record_get_uuid (g_ptr_array_index (all, i)), &error));
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_PERSON, f->group), ==, 0);

  g_assert_true (desk_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_PERSON, f->group), ==, people);
  g_assert_cmpint (test_count_all_rows (f->store), ==, rows);

  /* The state before the restore was kept, and the store still works. */
  list = desk_backup_list (f->store);
  for (guint i = 0; i < list->len; i++)
    has_restore_backup |= ((DeskBackupInfo *) g_ptr_array_index (list, i))->kind == DESK_BACKUP_BEFORE_RESTORE;
  g_assert_true (has_restore_backup);
  g_assert_cmpint (desk_store_count_overdue (f->store, f->group), >, 0);
}

static void
test_restore_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  gint64 rows = test_count_all_rows (f->store);
  sqlite3 *db;

  test_write_file (text, "not a database at all", -1);
  g_assert_false (desk_store_restore (f->store, text, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);

  /* A newer Groupdesk's backup carries our application_id. */
  db = test_sqlite_open (newer);
  test_sqlite_exec (db, "CREATE TABLE t (x INTEGER); PRAGMA user_version = 99;");
  {
    g_autofree char *stamp = g_strdup_printf ("PRAGMA application_id = %d", DESK_APPLICATION_ID);
    test_sqlite_exec (db, stamp);
  }
  sqlite3_close (db);
  g_assert_false (desk_store_restore (f->store, newer, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* Another program's database, whatever its user_version, is no backup of ours: it
   * would replace every record. */
  for (int version = 1; version <= 99; version += 98)
    {
      g_autofree char *name = g_strdup_printf ("other-%d.sqlite", version);
      g_autofree char *other = g_build_filename (f->dir, name, NULL);
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE groups (uuid TEXT, code TEXT); "
                                              "PRAGMA user_version = %d;", version);

      db = test_sqlite_open (other);
      test_sqlite_exec (db, sql);
      sqlite3_close (db);
      g_assert_false (desk_store_restore (f->store, other, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, other));
      g_clear_error (&error);
    }

  /* Nothing was changed, and no backup was taken for a refused restore. */
  g_assert_cmpint (test_count_all_rows (f->store), ==, rows);
  {
    g_autoptr(GPtrArray) list = desk_backup_list (f->store);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

static void
test_replace_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(DeskBackupInfo) latest = NULL;
  g_autoptr(DeskStore) reopened = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 people = desk_store_count (f->store, DESK_KIND_PERSON, f->group);
  gboolean kept_damaged = FALSE;
  const char *name;

  backup = desk_backup_daily (f->store, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* The database is overwritten with something that is not a database. */
  test_write_file (f->path, "this file was damaged by a failing disk", -1);
  reopened = desk_store_open (f->path, &error);
  g_assert_null (reopened);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  latest = desk_backup_latest_sound (f->path);
  g_assert_nonnull (latest);
  g_assert_cmpstr (latest->path, ==, backup);

  g_assert_true (desk_backup_replace_damaged (f->path, latest->path, &error));
  g_assert_no_error (error);
  reopened = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (reopened, DESK_KIND_PERSON, f->group), ==, people);

  /* Nothing was deleted: the damaged file is kept beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    kept_damaged |= strstr (name, ".damaged-") != NULL;
  g_assert_true (kept_damaged);

  /* A backup that is itself damaged is never put in place. */
  test_write_file (latest->path, "not a backup either", -1);
  g_assert_false (desk_backup_replace_damaged (f->path, latest->path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE);
  g_assert_null (desk_backup_latest_sound (f->path));
  f->store = g_steal_pointer (&reopened);
}


static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* A restore while another program holds the write lock waits like every other command
 * (the busy timeout, not a busy loop at full speed), then says that the database is in
 * use, and changes nothing. */
static void
test_restore_locked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 rows = test_count_all_rows (f->store);
  gint64 start;
  double cpu;
  sqlite3 *other;

  backup = desk_backup_before (f->store, DESK_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  before = test_file_digest (f->path);

  /* Taken after the store was opened: the lock the restore's own copy runs into. */
  other = test_sqlite_open (f->path);
  test_sqlite_exec (other, "BEGIN IMMEDIATE; UPDATE groups SET notes = 'being edited';");

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_false (desk_store_restore (f->store, backup, &error));
  cpu = cpu_seconds () - cpu;
  g_test_message ("refused after %.1f s, using %.2f s of CPU: %s",
                  (g_get_monotonic_time () - start) / 1e6, cpu, error->message);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpfloat (cpu, <, 2.0);

  test_sqlite_exec (other, "ROLLBACK");
  sqlite3_close (other);

  after = test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (test_count_all_rows (f->store), ==, rows);
}

/* Processes that back up in the same second never share a name: each file is whole and
 * its own. */
static void
test_same_second (Fixture       *f,
                  gconstpointer  data)
{
  const guint children = 4, each = 3;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPid pids[4];

  for (guint c = 0; c < children; c++)
    {
      pids[c] = fork ();
      g_assert_cmpint (pids[c], >=, 0);
      if (pids[c] == 0)
        {
          g_autoptr(GError) error = NULL;
          /* Its own connection: a connection is never shared across a fork. */
          DeskStore *store = desk_store_open (f->path, &error);
          int status = store != NULL ? 0 : 1;

          if (store != NULL)
            {
              test_set_now (store, "2026-11-25T09:30:00Z");
              for (guint i = 0; i < each && status == 0; i++)
                {
                  char *path = desk_backup_before (store, DESK_BACKUP_MANUAL, &error);

                  status = path != NULL ? 0 : 2;
                  g_free (path);
                }
            }
          if (error != NULL)
            g_printerr ("# child: %s\n", error->message);
          _exit (status);
        }
    }
  for (guint c = 0; c < children; c++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[c], &status, 0), ==, pids[c]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  list = desk_backup_list (f->store);
  g_assert_cmpuint (list->len, ==, children * each);
  for (guint i = 0; i < list->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskStore) copy = NULL;

      g_assert_false (g_hash_table_contains (seen, info->path));
      g_hash_table_add (seen, info->path);
      g_assert_cmpstr (info->taken, ==, "2026-11-25T09:30:00Z");
      /* Newest first: the numbers count down. */
      if (i > 0)
        g_assert_cmpuint (info->sequence, <, ((DeskBackupInfo *) g_ptr_array_index (list, i - 1))->sequence);

      copy = desk_store_open_read_only (info->path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (desk_store_count (copy, DESK_KIND_GROUP, NULL), ==, 1);
    }
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
} Cancel;

static void
cancel_first (double   fraction,
              gpointer user_data)
{
  Cancel *c = user_data;

  if (c->calls++ == 0)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelled under way (from the first report) or before it starts: no backup, not even
 * a partial one, and none of the older ones pruned; a restore cancelled so leaves the
 * database byte for byte as it was. */
/* Whether @folder holds @only and nothing else. */
static gboolean
test_folder_holds_only (const char *folder,
                        const char *only)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *base = g_path_get_basename (only);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_equal (name, base))
        return FALSE;
      n++;
    }

  return n == 1;
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  gboolean before_start = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = desk_backup_folder (f->store);
  g_autofree char *first = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Cancel cancel = { cancellable, 0 };
  /* Some megabytes: a backup of several steps. */
  DeskGenerateOptions options = { 7, 100, 400, 1500 };
  g_autofree char *generated = desk_generate_fill (f->store, &options, &error);

  g_assert_no_error (error);
  first = desk_backup_before (f->store, DESK_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  if (before_start)
    g_cancellable_cancel (cancellable);
  g_assert_null (desk_backup_before_full (f->store, DESK_BACKUP_MANUAL, cancellable,
                                          cancel_first, &cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (cancel.calls, ==, before_start ? 0 : 1);
  list = desk_backup_list (f->store);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (test_folder_holds_only (folder, first));

  g_clear_object (&f->store);
  before = test_file_digest (f->path);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, "2026-11-25T08:00:00Z");
  cancel.calls = 0;
  g_cancellable_reset (cancellable);
  if (before_start)
    g_cancellable_cancel (cancellable);
  g_assert_false (desk_store_restore_full (f->store, first, cancellable, cancel_first,
                                           &cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (test_folder_holds_only (folder, first));
  g_clear_object (&f->store);
  after = test_file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/backup/daily", test_daily);
  ADD ("/core/backup/before-keeps-five", test_before_keeps_five);
  ADD ("/core/backup/restore", test_restore);
  ADD ("/core/backup/restore-refuses", test_restore_refuses);
  ADD ("/core/backup/replace-damaged", test_replace_damaged);
  ADD ("/core/backup/restore-locked", test_restore_locked);
  ADD ("/core/backup/same-second", test_same_second);
  g_test_add ("/core/backup/cancelled/under-way", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_cancelled, fixture_tear_down);
  g_test_add ("/core/backup/cancelled/before-start", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_cancelled, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
