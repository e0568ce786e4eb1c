/* test-safety.c — nothing lost to a killed process or a full disk
 *
 * The CLI is killed with SIGKILL at many moments of a large write (the generator's one
 * transaction of thousands of records), and runs out of disk (an RLIMIT_FSIZE in the
 * child, which makes writes fail the way a full disk does). Each time the database must
 * pass integrity_check and foreign_key_check and hold all or none of the transaction.
 * Turning protection on, changing the passphrase and turning it off are killed too: the
 * database then holds the old state or the new, never names half sealed. Exports and
 * imports of bundles carrying attachments (tens of megabytes of files) are killed too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "desk-core.h"
#include "desk-attachment.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *group = NULL;

  f->dir = g_dir_make_tmp ("groupdesk-safety-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "groupdesk.db", NULL);

  store = desk_store_open (f->db, &error);
  g_assert_no_error (error);
  group = desk_demo_fill (store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static gint64
query (const char *db_path,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Opens through core (which recovers the WAL as SQLite does after a crash) and checks
 * integrity and references. */
static void
assert_sound (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db_path, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_no_error (error);
  if (problems->len > 0)
    g_error ("the database is damaged: %s", (const char *) g_ptr_array_index (problems, 0));
}

typedef struct
{
  rlim_t file_size;
} ChildLimits;

static void
child_setup (gpointer data)
{
  ChildLimits *limits = data;

  if (limits != NULL && limits->file_size > 0)
    {
      struct rlimit rl = { limits->file_size, limits->file_size };

      /* Writes past the limit then fail with EFBIG, as on a full disk, instead of
       * killing the process. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
    }
}

static GPid
spawn_cli (const char   *db,
           const char  **args,
           ChildLimits  *limits,
           int          *err_fd)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            child_setup, limits, &pid, NULL, NULL, err_fd, &error);
  g_assert_no_error (error);

  return pid;
}

static int
wait_for (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  return status;
}

static void
test_kill_during_generate (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *args[] = { "generate", "--seed", "3", "--activities", "60", "--people", "300",
                         "--attendance", "1200", NULL };
  gint64 groups_before = query (f->db, "SELECT count(*) FROM groups");
  gint64 rows_before = query (f->db, "SELECT count(*) FROM activities");
  guint killed = 0, finished = 0;
  gint64 full_activities = -1;
  gint64 start = g_get_monotonic_time ();
  guint run_ms;
  int status;

  /* One run to the end first: how long a whole run takes sets the kill points. */
  status = wait_for (spawn_cli (f->db, args, NULL, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  run_ms = (guint) ((g_get_monotonic_time () - start) / 1000);
  g_test_message ("a whole run takes %u ms", run_ms);
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM groups WHERE code = 'GEN-3'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  for (guint round = 0; round < 40; round++)
    {
      /* Kill points spread over the whole run, from before the transaction starts to
       * just after it commits. */
      guint delay_ms = g_rand_int_range (rand, 0, run_ms + run_ms / 10 + 1);
      GPid pid = spawn_cli (f->db, args, NULL, NULL);
      gint64 groups, activities;

      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      status = wait_for (pid);
      if (WIFSIGNALED (status))
        killed++;
      else
        finished++;

      assert_sound (f->db);

      /* All or nothing: a generated group is there with every activity, or not at all. */
      groups = query (f->db, "SELECT count(*) FROM groups WHERE code = 'GEN-3'");
      activities = query (f->db, "SELECT count(*) FROM activities a JOIN groups g ON g.uuid = a.group_uuid WHERE g.code = 'GEN-3'");
      g_assert_cmpint (activities, ==, groups * 60);
      if (groups == 1)
        {
          if (full_activities < 0)
            full_activities = query (f->db, "SELECT count(*) FROM attendance a JOIN groups g ON g.uuid = a.group_uuid WHERE g.code = 'GEN-3'");
          g_assert_cmpint (full_activities, ==, 1200);
          /* Take it out again for the next round (a second one would clash on its code). */
          {
            sqlite3 *db = NULL;
            g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
            g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM groups WHERE code = 'GEN-3'",
                                           NULL, NULL, NULL), ==, SQLITE_OK);
            sqlite3_close (db);
          }
        }
    }

  g_test_message ("kill points: %u killed mid-way, %u finished first", killed, finished);
  g_assert_cmpuint (killed, >, 0);
  g_assert_cmpint (query (f->db, "SELECT count(*) FROM groups"), ==, groups_before);
  g_assert_cmpint (query (f->db, "SELECT count(*) FROM activities"), ==, rows_before);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  const char *args[] = { "generate", "--seed", "4", "--activities", "400", "--people", "2000",
                         "--attendance", "8000", NULL };
  g_autofree char *db_wal = g_strconcat (f->db, "-wal", NULL);
  gint64 activities_before = query (f->db, "SELECT count(*) FROM activities");
  GStatBuf st;
  ChildLimits limits;
  g_autofree char *err = NULL;
  int err_fd = -1;
  GPid pid;
  int status;
  gsize length = 0;
  GIOChannel *channel;

  /* Room for a little more than the database has now, far less than the generator needs. */
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  limits.file_size = (rlim_t) st.st_size + 256 * 1024;

  pid = spawn_cli (f->db, args, &limits, &err_fd);
  channel = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &err, &length, NULL);
  g_io_channel_unref (channel);
  status = wait_for (pid);

  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  /* A sentence that says what happened and what to do, naming the file. */
  g_assert_nonnull (strstr (err, f->db));
  g_assert_nonnull (strstr (err, "space"));

  assert_sound (f->db);
  g_assert_cmpint (query (f->db, "SELECT count(*) FROM activities"), ==, activities_before);
  g_assert_cmpint (query (f->db, "SELECT count(*) FROM groups WHERE code = 'GEN-4'"), ==, 0);
}

static guint
time_run (const char  *db,
          const char **args)
{
  gint64 start = g_get_monotonic_time ();
  int status = wait_for (spawn_cli (db, args, NULL, NULL));

  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  return (guint) ((g_get_monotonic_time () - start) / 1000);
}

/* Attaches @n generated files of @size bytes each to the demo group's deliverables and
 * activities, half of them marked personal. */
static void
attach_files (Fixture *f,
              guint    n,
              gsize    size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (f->db, &error);
  g_autofree guint8 *data = g_malloc (size);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint done = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 'deliverable', uuid FROM deliverables UNION ALL "
                                       "SELECT 'activity', uuid FROM activities ORDER BY 2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (done < n && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = g_strdup_printf ("evidence-%u.pdf", done);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(DeskAttachment) a = NULL;
      guint32 state = done * 2654435761u + 7;

      for (gsize i = 0; i < size; i++)
        {
          state = state * 1103515245u + 12345u;
          data[i] = (guint8) (state >> 16);
        }
      g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
      a = desk_attachment_add (store, desk_kind_lookup ((const char *) sqlite3_column_text (stmt, 0)),
                               (const char *) sqlite3_column_text (stmt, 1), path, NULL,
                               done % 2 == 0 ? DESK_ATTACHMENT_PERSONAL_YES : DESK_ATTACHMENT_PERSONAL_NO,
                               &error);
      g_assert_no_error (error);
      g_unlink (path);
      done++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (done, ==, n);
}

/* The attachments' rows and their bytes, as SQL reads them, digested. */
static char *
attachments_digest (const char *db_path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT a.uuid, a.owner_uuid, a.sha256, a.size, "
                                       "a.personal, c.content FROM attachments a "
                                       "JOIN attachment_blobs b ON b.sha256 = a.sha256 "
                                       "JOIN attachment_contents c ON c.id = b.content_id "
                                       "ORDER BY a.uuid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const void *bytes = sqlite3_column_blob (stmt, c);

        g_checksum_update (sum, bytes, sqlite3_column_bytes (stmt, c));
        g_checksum_update (sum, (const guchar *) "|", 1);
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_strdup (g_checksum_get_string (sum));
}

/* Files left in the folder by a killed export: the bundle's temporary files have no
 * name until the moment before their rename (O_TMPFILE), so none but, should the kill
 * fall between those two steps, a whole bundle. Returns how many, removing them. */
static guint
leftovers (Fixture    *f,
           const char *bundle_name)
{
  g_autofree char *prefix = g_strdup_printf (".%s.", bundle_name);
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;
      if (!g_str_has_prefix (name + strlen (prefix), "partial-") ||
          !desk_bundle_validate_file (path, NULL, &error))
        g_error ("a killed export left %s behind%s%s", name, error != NULL ? ": " : "",
                 error != NULL ? error->message : "");
      g_unlink (path);
      n++;
    }
  g_dir_close (dir);

  return n;
}

/* An export killed at any moment never leaves a half-written bundle under its name: the
 * file is either absent or a whole, valid bundle. With @data, the group has 40 MB of
 * attached files: the database keeps them as they were, and no temporary file of
 * hundreds of megabytes is left in the folder. */
static void
test_kill_during_export (Fixture       *f,
                         gconstpointer  data)
{
  gboolean files = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (files ? 17 : 11);
  g_autofree char *bundle = g_build_filename (f->dir, "out.gdbundle", NULL);
  const char *args[] = { "export", "--from", "2025-07-01", "--to", "2026-12-31",
                         "--privacy", "named", "-o", bundle, NULL };
  g_autofree char *before = NULL;
  guint run_ms = 0, killed = 0, whole = 0, absent = 0, linked = 0;

  if (files)
    attach_files (f, 20, 2 * 1000 * 1000);
  before = attachments_digest (f->db);
  /* The second run's time: the first reads the files from the disk. */
  for (guint i = 0; i < 2; i++)
    {
      run_ms = time_run (f->db, args);
      g_assert_true (desk_bundle_validate_file (bundle, NULL, NULL));
      g_unlink (bundle);
    }

  for (guint round = 0; round < 30; round++)
    {
      guint delay_ms = g_rand_int_range (rand, 0, run_ms + run_ms / 10 + 1);
      GPid pid = spawn_cli (f->db, args, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      int status;

      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      status = wait_for (pid);
      killed += WIFSIGNALED (status);

      assert_sound (f->db);
      after = attachments_digest (f->db);
      g_assert_cmpstr (after, ==, before);
      linked += leftovers (f, "out.gdbundle");
      if (g_file_test (bundle, G_FILE_TEST_EXISTS))
        {
          if (!desk_bundle_validate_file (bundle, NULL, &error))
            g_error ("a killed export left a broken bundle: %s", error->message);
          whole++;
          g_unlink (bundle);
        }
      else
        absent++;
    }

  g_test_message ("export%s (%u ms), kill points: %u killed mid-way; %u left a whole bundle, "
                  "%u none; %u a whole bundle under its temporary name",
                  files ? " with files" : "", run_ms, killed, whole, absent, linked);
  g_assert_cmpuint (killed, >, 0);
}

/* An import killed at any moment holds all of the bundle or none of it. With @data, the
 * bundle carries 40 MB of files: never a file's row without its bytes or the reverse. */
static void
test_kill_during_import (Fixture       *f,
                         gconstpointer  data)
{
  gboolean files = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (files ? 19 : 13);
  g_autofree char *bundle = g_build_filename (f->dir, "in.gdbundle", NULL);
  g_autofree char *target = g_build_filename (f->dir, "target.db", NULL);
  g_autofree char *wal = g_strconcat (target, "-wal", NULL);
  g_autofree char *shm = g_strconcat (target, "-shm", NULL);
  const char *export_args[] = { "export", "--from", "2025-07-01", "--to", "2026-12-31",
                                "--privacy", "named", "-o", bundle, NULL };
  const char *import_args[] = { "import", bundle, NULL };
  gint64 people_in_bundle = query (f->db, "SELECT count(*) FROM people");
  g_autofree char *source = NULL;
  guint run_ms = 0, killed = 0, all = 0, none = 0;

  if (files)
    attach_files (f, 20, 2 * 1000 * 1000);
  source = attachments_digest (f->db);
  g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (f->db, export_args, NULL, NULL))), ==, 0);

  for (guint round = 0; round <= 30; round++)
    {
      guint delay_ms = round > 0 ? g_rand_int_range (rand, 0, run_ms + run_ms / 10 + 1) : 0;
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskStore) empty = NULL;
      g_autofree char *held = NULL;
      GPid pid;
      int status;

      /* A fresh, empty database each round. */
      g_unlink (target);
      g_unlink (wal);
      g_unlink (shm);
      empty = desk_store_open (target, &error);
      g_assert_no_error (error);
      g_clear_object (&empty);

      /* Round 0 runs to the end and times the import. */
      if (round == 0)
        {
          run_ms = time_run (target, import_args);
          g_assert_cmpint (query (target, "SELECT count(*) FROM people"), ==, people_in_bundle);
          held = attachments_digest (target);
          g_assert_cmpstr (held, ==, source);
          continue;
        }

      pid = spawn_cli (target, import_args, NULL, NULL);
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      status = wait_for (pid);
      killed += WIFSIGNALED (status);

      assert_sound (target);
      held = attachments_digest (target);
      if (query (target, "SELECT count(*) FROM groups") == 0)
        {
          g_assert_cmpint (query (target, "SELECT count(*) FROM people"), ==, 0);
          g_assert_cmpint (query (target, "SELECT count(*) FROM attachment_contents"), ==, 0);
          none++;
        }
      else
        {
          g_assert_cmpint (query (target, "SELECT count(*) FROM people"), ==, people_in_bundle);
          g_assert_cmpstr (held, ==, source);
          all++;
        }
    }

  g_test_message ("import%s, kill points: %u killed mid-way; %u held all of it, %u none",
                  files ? " with files" : "", killed, all, none);
  g_assert_cmpuint (killed, >, 0);
}

static char *
read_all (int fd)
{
  GIOChannel *channel = g_io_channel_unix_new (fd);
  char *text = NULL;
  gsize length = 0;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &text, &length, NULL);
  g_io_channel_unref (channel);

  return text != NULL ? text : g_strdup ("");
}

static char *
digest_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
fresh_database (const char *db)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *backups = g_strconcat (db, ".backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) empty = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_unlink (path);
    }
  rm_rf (backups);
  empty = desk_store_open (db, &error);
  g_assert_no_error (error);
}

/* Two imports of two bundles started at the same moment into one database, one of them
 * sometimes killed: one writer at a time. Afterwards the database is sound and holds all
 * or none of each bundle; an import that was not killed either succeeded or said that
 * the database is in use, to try again; and every backup it kept is a whole one under a
 * name of its own. */
static void
test_concurrent_imports (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *bundle_a = g_build_filename (f->dir, "a.gdbundle", NULL);
  g_autofree char *bundle_b = g_build_filename (f->dir, "b.gdbundle", NULL);
  g_autofree char *target = g_build_filename (f->dir, "target.db", NULL);
  const char *generate_args[] = { "generate", "--seed", "9", "--activities", "150", "--people",
                                  "2000", "--attendance", "8000", NULL };
  const char *export_a[] = { "export", "--from", "2025-07-01", "--to", "2026-12-31",
                             "--privacy", "named", "-o", bundle_a, NULL };
  const char *export_b[] = { "export", "--from", "2020-01-01", "--to", "2030-12-31",
                             "--privacy", "named", "-o", bundle_b, NULL };
  const char *import_a[] = { "import", bundle_a, NULL };
  const char *import_b[] = { "import", bundle_b, NULL };
  const char *const codes[] = { "GH-VPI", "GEN-9" };
  gint64 people[2];
  guint run_ms, killed = 0, both = 0, refused = 0;

  g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (other, generate_args, NULL, NULL))), ==, 0);
  g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (f->db, export_a, NULL, NULL))), ==, 0);
  g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (other, export_b, NULL, NULL))), ==, 0);
  people[0] = query (f->db, "SELECT count(*) FROM people");
  people[1] = query (other, "SELECT count(*) FROM people");

  fresh_database (target);
  run_ms = time_run (target, import_b);
  g_test_message ("the larger import takes %u ms alone", run_ms);

  for (guint round = 0; round < 12; round++)
    {
      /* Round by round: nobody killed, the first killed, the second killed. */
      guint victim = round % 3;
      guint delay_ms = g_rand_int_range (rand, 0, run_ms + run_ms / 10 + 1);
      g_autoptr(GPtrArray) backups = NULL;
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *err[2] = { NULL, NULL };
      int err_fd[2] = { -1, -1 };
      int status[2];
      GPid pid[2];

      fresh_database (target);
      pid[0] = spawn_cli (target, import_a, NULL, &err_fd[0]);
      pid[1] = spawn_cli (target, import_b, NULL, &err_fd[1]);
      if (victim > 0)
        {
          g_usleep (delay_ms * 1000);
          kill (pid[victim - 1], SIGKILL);
        }
      for (guint i = 0; i < 2; i++)
        {
          err[i] = read_all (err_fd[i]);
          status[i] = wait_for (pid[i]);
        }

      assert_sound (target);
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM people p JOIN groups g "
                                                  "ON g.uuid = p.group_uuid WHERE g.code = '%s'",
                                                  codes[i]);
          g_autofree char *group_sql = g_strdup_printf ("SELECT count(*) FROM groups WHERE code = '%s'",
                                                        codes[i]);
          gint64 held = query (target, sql);
          gint64 groups = query (target, group_sql);

          g_test_message ("round %u, import %u: %s, %" G_GINT64_FORMAT " people; %s", round, i,
                          WIFSIGNALED (status[i]) ? "killed"
                          : WEXITSTATUS (status[i]) == 0 ? "succeeded" : "failed", held, err[i]);

          /* All or none of each bundle. */
          g_assert_true ((groups == 0 && held == 0) || (groups == 1 && held == people[i]));

          if (WIFSIGNALED (status[i]))
            {
              killed++;
              continue;
            }
          g_assert_true (WIFEXITED (status[i]));
          if (WEXITSTATUS (status[i]) == 0)
            g_assert_cmpint (groups, ==, 1);
          else
            {
              /* The one sentence a second writer gets: in use, try again. */
              g_assert_cmpint (WEXITSTATUS (status[i]), ==, 1);
              g_assert_nonnull (strstr (err[i], "in use by another program"));
              g_assert_nonnull (strstr (err[i], "try again"));
              g_assert_null (strstr (err[i], "disk"));
              g_assert_cmpint (groups, ==, 0);
              refused++;
            }
        }
      both += WIFEXITED (status[0]) && WEXITSTATUS (status[0]) == 0 &&
              WIFEXITED (status[1]) && WEXITSTATUS (status[1]) == 0;

      /* Each backup listed is a whole database under a name of its own. */
      backups = desk_backup_list_for_path (target);
      for (guint i = 0; i < backups->len; i++)
        {
          DeskBackupInfo *info = g_ptr_array_index (backups, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(DeskStore) copy = NULL;

          g_assert_false (g_hash_table_contains (names, info->path));
          g_hash_table_add (names, info->path);
          copy = desk_store_open_read_only (info->path, &error);
          g_assert_no_error (error);
        }
    }

  /* A large import holds the write lock for some seconds; a small one started while it
   * does either waits its turn (the busy timeout) and succeeds, or says to try again. */
  {
    g_autofree char *large = g_build_filename (f->dir, "large.db", NULL);
    g_autofree char *bundle_c = g_build_filename (f->dir, "c.gdbundle", NULL);
    const char *generate_c[] = { "generate", "--seed", "10", "--activities", "600", "--people",
                                 "9000", "--attendance", "45000", NULL };
    const char *export_c[] = { "export", "--from", "2020-01-01", "--to", "2030-12-31",
                               "--privacy", "named", "-o", bundle_c, NULL };
    const char *import_c[] = { "import", bundle_c, NULL };
    gint64 large_people;

    g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (large, generate_c, NULL, NULL))), ==, 0);
    g_assert_cmpint (WEXITSTATUS (wait_for (spawn_cli (large, export_c, NULL, NULL))), ==, 0);
    large_people = query (large, "SELECT count(*) FROM people");

    for (guint round = 0; round < 2; round++)
      {
        g_autofree char *err = NULL;
        sqlite3 *probe = NULL;
        gboolean held = FALSE;
        GPid big, small;
        int status_big, status_small, err_fd = -1;
        gint64 deadline;

        fresh_database (target);
        big = spawn_cli (target, import_c, NULL, NULL);

        /* Wait until the large import has taken the write lock for its transaction (its
         * backup is made first). */
        g_assert_cmpint (sqlite3_open (target, &probe), ==, SQLITE_OK);
        deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
        while (!held && g_get_monotonic_time () < deadline)
          {
            g_autoptr(GPtrArray) backups = desk_backup_list_for_path (target);

            if (backups->len > 0 && sqlite3_exec (probe, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
              held = TRUE;
            else
              {
                sqlite3_exec (probe, "ROLLBACK", NULL, NULL, NULL);
                g_usleep (20000);
              }
          }
        sqlite3_close (probe);

        small = spawn_cli (target, import_a, NULL, &err_fd);
        err = read_all (err_fd);
        status_small = wait_for (small);
        status_big = wait_for (big);

        g_test_message ("slow round %u: lock seen %s; the small import %s: %s", round,
                        held ? "held" : "never", WEXITSTATUS (status_small) == 0 ? "succeeded" : "failed",
                        err);
        assert_sound (target);
        g_assert_true (WIFEXITED (status_big) && WEXITSTATUS (status_big) == 0);
        g_assert_cmpint (query (target, "SELECT count(*) FROM people p JOIN groups g ON g.uuid = p.group_uuid "
                                        "WHERE g.code = 'GEN-10'"), ==, large_people);
        g_assert_true (WIFEXITED (status_small));
        if (WEXITSTATUS (status_small) == 0)
          g_assert_cmpint (query (target, "SELECT count(*) FROM groups WHERE code = 'GH-VPI'"), ==, 1);
        else
          {
            g_assert_cmpint (WEXITSTATUS (status_small), ==, 1);
            g_assert_nonnull (strstr (err, "try again"));
            g_assert_cmpint (query (target, "SELECT count(*) FROM groups WHERE code = 'GH-VPI'"), ==, 0);
            refused++;
          }
      }
  }

  g_test_message ("concurrent imports: %u killed, %u rounds where both succeeded, %u refused "
                  "to try again", killed, both, refused);
  g_assert_cmpuint (killed, >, 0);

  /* Another Groupdesk holds the write lock for longer than the busy timeout: the import
   * waits that long, then says so, and changes nothing. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *err = NULL;
    gint64 start;
    sqlite3 *holder = NULL;
    int err_fd = -1;
    int status;
    GPid pid;

    fresh_database (target);
    before = digest_of (target);
    g_assert_cmpint (sqlite3_open (target, &holder), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE; UPDATE currencies SET minor_units = minor_units",
                                   NULL, NULL, NULL), ==, SQLITE_OK);

    start = g_get_monotonic_time ();
    pid = spawn_cli (target, import_a, NULL, &err_fd);
    err = read_all (err_fd);
    status = wait_for (pid);
    g_test_message ("while the lock was held: %s after %.1f s", err,
                    (g_get_monotonic_time () - start) / 1e6);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_nonnull (strstr (err, "in use by another program"));
    g_assert_nonnull (strstr (err, "try again"));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

    sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close (holder);
    after = digest_of (target);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (query (target, "SELECT count(*) FROM groups"), ==, 0);
  }
}

/* An export onto a full disk fails with a message and leaves no bundle behind. The disk
 * is a 64 KiB tmpfs mounted in a private mount namespace (unshare), too small for the
 * sample's bundle, so the write fails half-way as on a real full disk. */
static void
test_full_disk_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *mnt = g_build_filename (f->dir, "usb-stick", NULL);
  g_autofree char *listing = g_build_filename (f->dir, "listing.txt", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GError) error = NULL;
  gint64 exports_before = query (f->db, "SELECT count(*) FROM exports");
  const char *cli = g_getenv ("GROUPDESK_CLI");
  int status = 0;

  if (unshare == NULL)
    {
      g_test_skip ("unshare (util-linux) is not installed: cannot mount a small file system");
      return;
    }

  g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
  script = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s' || exit 77; "
                            "'%s' --db '%s' export --from 2025-07-01 --to 2026-12-31 "
                            "--privacy named -o '%s/out.gdbundle'; rc=$?; "
                            "ls -A '%s' > '%s'; exit $rc",
                            mnt, cli, f->db, mnt, mnt, listing);
  {
    const char *argv[] = { unshare, "-rm", "/bin/sh", "-c", script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("this machine does not allow a private tmpfs mount (unshare -rm)");
      return;
    }

  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  /* A sentence that names the file and says what to do. */
  g_assert_nonnull (strstr (err, "out.gdbundle"));

  /* Nothing under the final name, and no temporary file left on the stick. */
  g_assert_true (g_file_get_contents (listing, &files, NULL, NULL));
  g_assert_cmpstr (files, ==, "");
  assert_sound (f->db);
  g_assert_cmpint (query (f->db, "SELECT count(*) FROM exports"), ==, exports_before);
}

/* Protection: SIGKILL while names are sealed, unsealed or rewrapped. */

#define KILL_OLD_PASSPHRASE "amber lanterns over Tamale"
#define KILL_NEW_PASSPHRASE "twelve drums at the harbour"

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

/* @db as it was when @copy was made: no -wal, -shm or backups of later runs. */
static void
restore_copy (const char *copy,
              const char *db)
{
  static const char *const suffixes[] = { "-wal", "-shm", ".backups" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      rm_rf (path);
    }
  copy_file (copy, db);
}

static char *
write_secret_file (const char *dir,
                   const char *name,
                   const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, line, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* The old state or the new, never a mix: no protection row and every name and contact
 * in plain text, or the row and every one of them sealed. TRUE when protected. */
static gboolean
assert_sealed_all_or_none (const char *db)
{
  gint64 rows = query (db, "SELECT count(*) FROM protection");
  gint64 people = query (db, "SELECT count(*) FROM people");
  gint64 names = query (db, "SELECT count(*) FROM people WHERE name LIKE 'v1:%'");
  gint64 keys = query (db, "SELECT count(*) FROM people WHERE name_key LIKE 'v1:%'");
  gint64 contacts = query (db, "SELECT count(*) FROM members WHERE contact_name <> ''");
  gint64 sealed_contacts = query (db, "SELECT count(*) FROM members WHERE contact_name LIKE 'v1:%'");

  g_assert_cmpint (people, >, 0);
  g_assert_cmpint (contacts, >, 0);
  if (rows == 0)
    {
      g_assert_cmpint (names, ==, 0);
      g_assert_cmpint (keys, ==, 0);
      g_assert_cmpint (sealed_contacts, ==, 0);
      return FALSE;
    }
  g_assert_cmpint (rows, ==, 1);
  g_assert_cmpint (names, ==, people);
  g_assert_cmpint (keys, ==, people);
  g_assert_cmpint (sealed_contacts, ==, contacts);
  return TRUE;
}

/* Every person's name reads, once unlocked with @passphrase (or in plain text when
 * @passphrase is NULL). FALSE, with the store untouched, when @passphrase is wrong. */
static gboolean
names_read (const char *db,
            const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db, &error);
  g_autoptr(GPtrArray) people = NULL;

  g_assert_no_error (error);
  if (passphrase != NULL && !desk_store_unlock (store, passphrase, &error))
    {
      g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
      return FALSE;
    }
  g_assert_true (desk_store_names_readable (store));
  people = desk_store_list (store, DESK_KIND_PERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  for (guint i = 0; i < people->len; i++)
    {
      DeskRecord *person = g_ptr_array_index (people, i);
      const char *name = desk_record_get_string (person, "name");

      g_assert_cmpint (desk_record_get_seal (person), ==, DESK_SEAL_OPEN);
      g_assert_true (name != NULL && name[0] != '\0' && !g_str_has_prefix (name, "v1:"));
    }

  return TRUE;
}

/* A copy of the fixture's database with protection on under KILL_OLD_PASSPHRASE, at the
 * fastest cost (the CLI unlocks it quickly; it spends the default cost only on a new
 * passphrase). */
static char *
protected_copy (Fixture *f)
{
  g_autofree char *copy = g_build_filename (f->dir, "protected.db", NULL);
  g_autofree char *work = g_build_filename (f->dir, "protecting.db", NULL);
  g_autoptr(GError) error = NULL;

  copy_file (f->db, work);
  {
    g_autoptr(DeskStore) store = desk_store_open (work, &error);
    g_autoptr(DeskSecret) recovery = NULL;

    g_assert_no_error (error);
    recovery = desk_store_protect (store, KILL_OLD_PASSPHRASE, desk_kdf_cost_fastest (), &error);
    g_assert_no_error (error);
    g_assert_nonnull (recovery);
  }
  /* Closed: the WAL is checkpointed into the file, which is whole on its own. */
  copy_file (work, copy);

  return g_steal_pointer (&copy);
}

typedef enum
{
  KILL_PROTECT,
  KILL_CHANGE,
  KILL_UNPROTECT,
} KillCase;

static void
test_kill_during_protection (Fixture       *f,
                             gconstpointer  data)
{
  KillCase which = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19 + which);
  g_autofree char *old_file = write_secret_file (f->dir, "old.txt", KILL_OLD_PASSPHRASE);
  g_autofree char *new_file = write_secret_file (f->dir, "new.txt", KILL_NEW_PASSPHRASE);
  g_autofree char *start_copy = NULL;
  const char *protect_args[] = { "protect", "--passphrase-file", old_file, NULL };
  const char *change_args[] = { "change-passphrase", "--passphrase-file", old_file,
                                "--new-passphrase-file", new_file, NULL };
  const char *unprotect_args[] = { "--passphrase-file", old_file, "unprotect", NULL };
  const char **args = which == KILL_PROTECT ? protect_args
                      : which == KILL_CHANGE ? change_args : unprotect_args;
  guint run_ms, killed = 0, old_state = 0, new_state = 0;

  if (which == KILL_PROTECT)
    {
      start_copy = g_build_filename (f->dir, "plain.db", NULL);
      copy_file (f->db, start_copy);
    }
  else
    start_copy = protected_copy (f);

  /* One whole run first: its length sets the kill points. */
  restore_copy (start_copy, f->db);
  run_ms = time_run (f->db, args);
  g_test_message ("a whole run takes %u ms", run_ms);

  for (guint round = 0; round < 10; round++)
    {
      /* Half the kill points anywhere in the run; half in its last quarter, where the
       * writing is (before it, the key derivation takes most of the time). */
      guint delay_ms = round % 2 == 0
                       ? (guint) g_rand_int_range (rand, 0, run_ms + run_ms / 10 + 1)
                       : (guint) g_rand_int_range (rand, run_ms - run_ms / 4, run_ms + run_ms / 10 + 1);
      gboolean is_new;
      gboolean is_protected;
      GPid pid;
      int status;

      restore_copy (start_copy, f->db);
      pid = spawn_cli (f->db, args, NULL, NULL);
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      status = wait_for (pid);
      killed += WIFSIGNALED (status);

      assert_sound (f->db);
      is_protected = assert_sealed_all_or_none (f->db);
      switch (which)
        {
        case KILL_PROTECT:
          is_new = is_protected;
          /* Protected: the passphrase unlocks and every name reads. */
          g_assert_true (names_read (f->db, is_protected ? KILL_OLD_PASSPHRASE : NULL));
          break;
        case KILL_UNPROTECT:
          is_new = !is_protected;
          g_assert_true (names_read (f->db, is_protected ? KILL_OLD_PASSPHRASE : NULL));
          break;
        case KILL_CHANGE:
        default:
          g_assert_true (is_protected);
          /* The old passphrase or the new one, and the names read under it. */
          is_new = !names_read (f->db, KILL_OLD_PASSPHRASE);
          if (is_new)
            g_assert_true (names_read (f->db, KILL_NEW_PASSPHRASE));
          break;
        }
      g_test_message ("round %u, killed after %u ms: %s state", round, delay_ms,
                      is_new ? "the new" : "the old");
      if (is_new)
        new_state++;
      else
        old_state++;
    }

  g_test_message ("kill points: %u killed mid-way; %u left the old state, %u the new",
                  killed, old_state, new_state);
  g_assert_cmpuint (killed, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/safety/kill-during-generate", Fixture, NULL, fixture_set_up,
              test_kill_during_generate, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-export", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_kill_during_export, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-import", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_kill_during_import, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-export-attachments", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_kill_during_export, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-import-attachments", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_kill_during_import, fixture_tear_down);
  g_test_add ("/cli/safety/concurrent-imports", Fixture, NULL, fixture_set_up,
              test_concurrent_imports, fixture_tear_down);
  g_test_add ("/cli/safety/full-disk-export", Fixture, NULL, fixture_set_up,
              test_full_disk_export, fixture_tear_down);
  g_test_add ("/cli/safety/full-disk", Fixture, NULL, fixture_set_up,
              test_full_disk, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-protect", Fixture, GINT_TO_POINTER (KILL_PROTECT),
              fixture_set_up, test_kill_during_protection, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-change-passphrase", Fixture, GINT_TO_POINTER (KILL_CHANGE),
              fixture_set_up, test_kill_during_protection, fixture_tear_down);
  g_test_add ("/cli/safety/kill-during-unprotect", Fixture, GINT_TO_POINTER (KILL_UNPROTECT),
              fixture_set_up, test_kill_during_protection, fixture_tear_down);

  return g_test_run ();
}
