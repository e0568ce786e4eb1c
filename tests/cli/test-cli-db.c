/* test-cli-db.c — groupdesk-cli and the database it is given: what is not a database,
 * $GROUPDESK_DB, the output guard, foreign and read-only databases, a locked restore
 *
 * Runs the real binary ($GROUPDESK_CLI) against databases in temporary folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const char *const commands[] = { "demo", "check", "list" };

  g_assert_true (g_file_set_contents (path, "name,pillar\nKwame,government\n", -1, NULL));
  before = digest (path);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      if (g_str_equal (commands[i], "list"))
        run_cli (&run, "--db", path, "list", "groups");
      else
        run_cli (&run, "--db", path, commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, path));
      g_assert_cmpstr (run.out, ==, "");
    }

  after = digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_env_db (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cliv (&run, fixture->db, (const char *[]) { "demo", NULL });
  assert_ok (&run);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 1);
}


static void
assert_sentence (const Run  *run,
                 const char *named)
{
  /* One line that names the file and ends like a sentence: no SQLite or system jargon. */
  const char *message = g_strrstr (run->err, "groupdesk-cli: ");

  /* (Notes about the data, such as an export's, may come before it.) */
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (message);
  g_assert_true (message == run->err || message[-1] == '\n');
  g_assert_true (g_str_has_suffix (message, ".\n"));
  g_assert_null (strchr (message, '\n')[1] != '\0' ? "more than one line" : NULL);
  if (named != NULL)
    g_assert_nonnull (strstr (run->err, named));
  g_assert_null (strstr (run->err, "SQLite error"));
  g_assert_null (strstr (run->err, "constraint"));
  g_assert_null (strstr (run->err, "disk I/O"));
}

static gboolean
is_type (const char *path,
         mode_t      type)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

/* Nothing a command writes for the user lands on the open database, its working files or
 * its backups, nor replaces a device, a pipe or a folder: each is refused with a sentence,
 * and the database keeps every byte. */
static void
test_output_guard (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->db);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *symbolic = g_build_filename (folder, "link.db", NULL);
  g_autofree char *hard = g_build_filename (folder, "hard.db", NULL);
  g_autofree char *backups = g_strconcat (fixture->db, ".backups", NULL);
  g_autofree char *kept = g_build_filename (backups, "before-import-20261125T100000Z.db", NULL);
  g_autofree char *fresh = g_build_filename (backups, "export.xml", NULL);
  g_autofree char *versioned = g_strconcat (fixture->db, ".v1.backup", NULL);
  g_autofree char *fifo = g_build_filename (folder, "pipe", NULL);
  g_autofree char *before = NULL;
  g_autofree char *kept_before = NULL;
  /* /dev/null comes last, once the FIFO has shown that the guard works: a regression
   * must not cost the machine its /dev/null. */
  const char *targets[] = { fixture->db, wal, shm, symbolic, hard, kept, fresh, versioned, fifo,
                            fixture->dir, "/dev/null" };
  const char *const commands[][8] = {
    { "export", "--from", "2025-07-01", "--to", "2026-12-31", "-o", NULL },
    { "export-iati", "-o", NULL },
    { "report", "workplan", "--pdf", NULL },
    { "backup", "-o", NULL },
  };

  demo (fixture);
  g_assert_cmpint (symlink (fixture->db, symbolic), ==, 0);
  g_assert_cmpint (link (fixture->db, hard), ==, 0);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (kept, contents, length, NULL));
  }
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = digest (fixture->db);
  kept_before = digest (kept);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_auto(Run) run = { 0 };
        const char *args[12] = { "--db", fixture->db, NULL };
        guint n = 2;

        for (guint j = 0; commands[c][j] != NULL; j++)
          args[n++] = commands[c][j];
        args[n++] = targets[t];
        args[n] = NULL;

        run_cliv (&run, NULL, args);
        if (run.status != 1)
          g_error ("%s -o %s: exit status %d, expected a refusal", commands[c][0], targets[t],
                   run.status);
        assert_sentence (&run, targets[t]);

        g_assert_true (is_type ("/dev/null", S_IFCHR));
        g_assert_true (is_type (fifo, S_IFIFO));
        g_assert_true (is_type (fixture->dir, S_IFDIR));
        g_assert_true (is_type (symbolic, S_IFLNK));
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (versioned, G_FILE_TEST_EXISTS));
        {
          g_autofree char *after = digest (fixture->db);
          g_autofree char *kept_after = digest (kept);

          g_assert_cmpstr (before, ==, after);
          g_assert_cmpstr (kept_before, ==, kept_after);
        }
      }

  /* No temporary file was left beside the targets. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "partial"));
  }

  /* And the database is sound, with no export recorded. */
  g_assert_cmpuint (count_json (fixture, NULL, "exports"), ==, 0);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", fixture->db, "check");
    assert_ok (&run);
  }
}

/* Anything but a regular file as the database is refused at once: a FIFO never blocks,
 * /dev/null is not "a full disk", a folder and a link say what they are. And restore
 * reads its backup the same way. */
static void
test_db_not_regular (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.db", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);
  g_autofree char *before = NULL;
  const char *const paths[] = { fifo, "/dev/null", "/dev/zero", fixture->dir, link };
  const char *const commands[][3] = { { "list", "groups", NULL }, { "demo", NULL },
                                      { "check", NULL }, { "backups", NULL } };

  demo (fixture);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fixture->db, link), ==, 0);

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_auto(Run) run = { 0 };
        const char *args[6] = { "--db", paths[p], commands[c][0], commands[c][1], NULL };
        gint64 start = g_get_monotonic_time ();

        run_cliv (&run, NULL, args);
        assert_sentence (&run, paths[p]);
        g_assert_null (strstr (run.err, "full"));
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", link, "list", "groups");
    g_assert_nonnull (strstr (run.err, "symbolic link"));
  }
  g_assert_true (is_type (fifo, S_IFIFO));
  g_assert_true (is_type ("/dev/null", S_IFCHR));
  g_assert_true (is_type ("/dev/zero", S_IFCHR));

  before = digest (fixture->db);
  for (guint p = 0; p < 4; p++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", fixture->db, "restore", paths[p]);
      assert_sentence (&run, paths[p]);
    }
  {
    g_autofree char *after = digest (fixture->db);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Another program's SQLite file whose user_version is 1 or 2 is refused by every command,
 * without a byte, a companion file or a journal mode changed. */
static void
test_foreign_db (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *const commands[][3] = { { "list", "groups", NULL }, { "demo", NULL },
                                      { "check", NULL }, { "restore", "x.db", NULL } };

  for (int version = 1; version <= 2; version++)
    {
      g_autofree char *name = g_strdup_printf ("app-%d.sqlite", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE groups (uuid TEXT, code TEXT); "
                                              "INSERT INTO groups VALUES ('a', 'b'); "
                                              "PRAGMA user_version = %d;", version);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      before = digest (path);

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run = { 0 };
          const char *args[6] = { "--db", path, commands[c][0], commands[c][1], NULL };

          run_cliv (&run, NULL, args);
          assert_sentence (&run, path);
          g_assert_nonnull (strstr (run.err, "another program"));
        }

      {
        g_autofree char *after = digest (path);
        const char *const suffixes[] = { "-wal", "-shm", "-journal", ".backups", ".v1.backup" };

        g_assert_cmpstr (before, ==, after);
        for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
          {
            g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
            g_assert_false (g_file_test (companion, G_FILE_TEST_EXISTS));
          }
      }
    }
}

/* A group code that another group has: a sentence with the kind, the field and the code. */
static void
test_unique_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "demo");
  assert_sentence (&run, NULL);
  g_assert_nonnull (strstr (run.err, "Another group already has “GH-VPI”"));
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 1);
}

/* --db file:NAME is the file called "file:NAME", for every part of the command. */
static void
test_file_uri_db (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *literal = g_build_filename (fixture->dir, "file:sub", "x.db?mode=ro", NULL);
  g_autofree char *uri_target = g_build_filename (fixture->dir, "sub", NULL);

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "demo", NULL });
  assert_ok (&run);
  g_assert_true (g_file_test (literal, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (uri_target, G_FILE_TEST_EXISTS));

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "list", "groups", NULL });
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, 1);

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "backup", "-o", "file:copy.db", NULL });
  assert_ok (&run);
  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "restore", "file:copy.db", NULL });
  assert_ok (&run);
  g_assert_false (g_file_test (uri_target, G_FILE_TEST_EXISTS));
}

/* A database on a read-only medium: every command that reads works, one that writes says
 * that it cannot. The medium is a tmpfs remounted read-only in a private mount namespace
 * (unshare), which stops even root. */
static void
test_read_only_medium (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *mnt = g_build_filename (fixture->dir, "cd-rom", NULL);
  g_autofree char *db = g_build_filename (mnt, "groupdesk.db", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char *cli = g_getenv ("GROUPDESK_CLI");
  const char *group_uuid;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  if (unshare == NULL)
    {
      g_test_skip ("unshare (util-linux) is not installed: cannot mount a read-only file system");
      return;
    }

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "list", "groups", "--json");
  assert_ok (&run);
  group_uuid = json_object_get_string_member (json_array_get_object_element (parse_array (parser, run.out), 0), "uuid");
  g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);

#define CMD(args) "echo \"== " args "\"; '%1$s' --db '%2$s' " args "; echo \"rc=$?\"; "
  script = g_strdup_printf ("mount -t tmpfs -o size=8m tmpfs '%3$s' || exit 77; "
                            "cp '%4$s' '%2$s' || exit 1; "
                            "mount -o remount,ro '%3$s' || exit 77; "
                            CMD ("list groups")
                            CMD ("show group %5$s")
                            CMD ("check")
                            CMD ("budget")
                            CMD ("report workplan")
                            CMD ("attendance")
                            CMD ("backups")
                            CMD ("export-iati -o /dev/stdout")
                            CMD ("demo")
                            "ls -A '%3$s'",
                            cli, db, mnt, fixture->db, group_uuid);
#undef CMD
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
  g_test_message ("%s\n%s", out, err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  {
    static const char *const readers[] = { "list groups", "show group", "check", "budget",
                                           "report workplan", "attendance", "backups" };
    g_auto(GStrv) sections = g_strsplit (out, "== ", -1);

    for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; sections[j] != NULL; j++)
          if (g_str_has_prefix (sections[j], readers[i]))
            {
              found = TRUE;
              if (strstr (sections[j], "rc=0\n") == NULL)
                g_error ("“%s” failed on a read-only medium: %s", readers[i], sections[j]);
            }
        g_assert_true (found);
      }
  }
  g_assert_nonnull (strstr (out, "rc=1\ngroupdesk.db\n"));
  g_assert_nonnull (strstr (err, "cannot be written"));
  g_assert_null (strstr (err, "SQLite error"));
}

/* A database file the user may only read (chmod 0444, as a user other than root, whom
 * permissions do not stop): read commands work and leave nothing beside it, a write
 * command says that it cannot write. */
static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *folder = g_path_get_dirname (fixture->db);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *cli = g_getenv ("GROUPDESK_CLI");
  const char *const readers[][3] = { { "list", "groups", NULL }, { "check", NULL }, { "budget", NULL },
                                     { "report", "workplan", NULL }, { "attendance", NULL } };

  if (geteuid () != 0 || setpriv == NULL)
    {
      g_test_skip ("needs root and setpriv (util-linux) to run the CLI as another user");
      return;
    }

  demo (fixture);
  /* The user "nobody" owns the folder; the file is read-only to everyone. */
  g_assert_cmpint (g_chmod (fixture->dir, 0711), ==, 0);
  g_assert_cmpint (chown (folder, 65534, 65534), ==, 0);
  g_assert_cmpint (chown (fixture->db, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (fixture->db, 0444), ==, 0);
  before = digest (fixture->db);

  for (guint i = 0; i <= G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[10] = { setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                               cli, "--db", fixture->db, NULL };
      guint n = 7;
      int status = 0;

      if (i < G_N_ELEMENTS (readers))
        for (guint j = 0; readers[i][j] != NULL; j++)
          argv[n++] = readers[i][j];
      else
        argv[n++] = "demo";
      argv[n] = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, child_alarm, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s%s", argv[7], out, err);
      g_assert_true (WIFEXITED (status));
      if (i < G_N_ELEMENTS (readers))
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          g_assert_cmpstr (err, ==, "");
        }
      else
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 1);
          g_assert_nonnull (strstr (err, "cannot be written"));
        }
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }

  after = digest (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* restore while another program holds the write lock gives up like every other command,
 * within the busy timeout and without spinning, and changes nothing. */
static void
test_restore_locked (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  struct rusage usage;
  double cpu_before, cpu_after;
  gint64 start;
  sqlite3 *other = NULL;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "backup", "-o", copy);
  assert_ok (&run);
  before = digest (fixture->db);

  g_assert_cmpint (sqlite3_open (fixture->db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE groups SET notes = 'x'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  getrusage (RUSAGE_CHILDREN, &usage);
  cpu_before = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
               usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  start = g_get_monotonic_time ();
  run_cli (&run, "--db", fixture->db, "restore", copy);
  getrusage (RUSAGE_CHILDREN, &usage);
  cpu_after = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
              usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  g_test_message ("restore refused after %.1f s, %.2f s of CPU",
                  (g_get_monotonic_time () - start) / 1e6, cpu_after - cpu_before);

  assert_sentence (&run, fixture->db);
  g_assert_nonnull (strstr (run.err, "try again"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpfloat (cpu_after - cpu_before, <, 2.0);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  after = digest (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* The first writing command moves old evidence paths into attachments and says so on
 * stderr; the next one has nothing to say. */
static void
test_evidence_move (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *report = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *photo = g_build_filename (fixture->dir, "photo.png", NULL);
  g_autofree char *deliverable = NULL;
  g_autofree char *sql = NULL;
  g_auto(Run) run = { 0 };
  sqlite3 *db = NULL;
  char *message = NULL;

  demo (fixture);
  g_assert_true (g_file_set_contents (report, "%PDF-1.4 report", -1, NULL));
  g_assert_true (g_file_set_contents (photo, "not really a png", -1, NULL));
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM deliverables ORDER BY rowid LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    deliverable = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  sql = sqlite3_mprintf ("UPDATE deliverables SET evidence_path = %Q WHERE uuid = %Q", report, deliverable);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_free (sql);
  sql = NULL;
  sqlite3_close (db);

  run_cli (&run, "--db", fixture->db, "attach", "deliverable", deliverable, photo);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.err, "1 evidence or receipt file was moved"));

  run_cli (&run, "--db", fixture->db, "attachments", "deliverable", deliverable, "--json");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "\"report.pdf\""));
  g_assert_nonnull (strstr (run.out, "\"photo.png\""));

  run_cli (&run, "--db", fixture->db, "attach", "deliverable", deliverable, photo);
  assert_ok (&run);
  g_assert_null (strstr (run.err, "evidence"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("not-a-database", test_not_a_database);
  ADD ("env-db", test_env_db);
  ADD ("output-guard", test_output_guard);
  ADD ("db-not-regular", test_db_not_regular);
  ADD ("foreign-db", test_foreign_db);
  ADD ("unique-code", test_unique_code);
  ADD ("file-uri-db", test_file_uri_db);
  ADD ("read-only-medium", test_read_only_medium);
  ADD ("read-only-file", test_read_only_file);
  ADD ("restore-locked", test_restore_locked);
  ADD ("evidence-move", test_evidence_move);

#undef ADD

  return g_test_run ();
}
