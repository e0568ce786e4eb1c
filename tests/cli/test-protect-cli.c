/* test-protect-cli.c — protect, unprotect, change-passphrase and unlocking on the
 * command line, through the real binary
 *
 * Every run that unlocks or protects spends Argon2id's default cost (about a second), so
 * the runs that do are counted: fewer than 40 in this file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */

#include "test-cli-common.h"

#include <pty.h>

#define PASSPHRASE "correct horse battery staple"
#define NEW_PASSPHRASE "seven quiet rivers under Kumasi"
#define PHONE "+233 24 555 0199"
#define EMAIL "abena.mensah@example.org"

typedef struct
{
  Fixture base;
  char *pass;       /* files holding passphrases */
  char *new_pass;
  char *wrong;
  char *recovery;   /* the recovery key, once protected */
  char *name;       /* a sample person's name, with PHONE and EMAIL added */
} Protect;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Runs the CLI with stdin from /dev/null (never a terminal: nothing prompts) and, when
 * @pass_env is set, GROUPDESK_PASSPHRASE_FILE naming it. */
static void
run_with (Run         *run,
          const char  *pass_env,
          const char **args)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "GROUPDESK_DB", "", TRUE);
  if (pass_env != NULL)
    envp = g_environ_setenv (envp, "GROUPDESK_PASSPHRASE_FILE", pass_env, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GROUPDESK_PASSPHRASE_FILE");

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, child_alarm, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("%s … → %d%s%s", args[2], run->status, run->err[0] != '\0' ? "; stderr: " : "",
                  run->err);
}

#define run_p(run, ...) run_with ((run), NULL, (const char *[]) { __VA_ARGS__, NULL })

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
protect_set_up (Protect       *p,
                gconstpointer  data)
{
  fixture_set_up (&p->base, data);
  demo (&p->base);

  p->pass = g_build_filename (p->base.dir, "pass.txt", NULL);
  p->new_pass = g_build_filename (p->base.dir, "new-pass.txt", NULL);
  p->wrong = g_build_filename (p->base.dir, "wrong.txt", NULL);
  write_file (p->pass, PASSPHRASE "\n");
  write_file (p->new_pass, NEW_PASSPHRASE "\n");
  write_file (p->wrong, "correct horse battery stapler\n");

  /* The sample has no phones or e-mails: one person gets both, to look for them later. */
  exec_sql (p->base.db, "UPDATE people SET phone = '" PHONE "', email = '" EMAIL "' "
                        "WHERE uuid = (SELECT uuid FROM people ORDER BY name LIMIT 1)");
  p->name = query_text (p->base.db, "SELECT name FROM people ORDER BY name LIMIT 1");
  g_assert_nonnull (p->name);
}

static void
protect_tear_down (Protect       *p,
                   gconstpointer  data)
{
  g_free (p->pass);
  g_free (p->new_pass);
  g_free (p->wrong);
  g_free (p->recovery);
  g_free (p->name);
  fixture_tear_down (&p->base, data);
}

/* Turns protection on (one Argon2id run) and keeps the recovery key, in a file too. */
static void
protect (Protect *p)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("^    ([0-9A-Z]{4}(-[0-9A-Z]{4}){13})$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *path = g_build_filename (p->base.dir, "recovery.txt", NULL);

  run_p (&run, "--db", p->base.db, "protect", "--passphrase-file", p->pass);
  assert_ok (&run);
  /* 56 characters of base32 in groups of four, on a line of its own. */
  g_assert_true (g_regex_match (regex, run.out, 0, &match));
  p->recovery = g_match_info_fetch (match, 1);
  g_assert_cmpuint (strlen (p->recovery), ==, 56 + 13);
  /* Said once, with what to do with it. */
  g_assert_nonnull (strstr (run.out, "shown only this once"));
  g_assert_nonnull (strstr (run.out, "write it down"));
  write_file (path, p->recovery);
}

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle,
          gsize       needle_length)
{
  return needle_length > 0 && memmem (haystack, length, needle, needle_length) != NULL;
}

/* Whether @text is in any file of the database: itself, its -wal and -shm, and every
 * automatic backup; in UTF-8 or UTF-16. */
static gboolean
database_holds (const char *db,
                const char *text)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *backups = g_strconcat (db, ".backups", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree gunichar2 *utf16 = NULL;
  glong utf16_len = 0;
  GDir *dir;
  gboolean found = FALSE;

  g_ptr_array_add (files, g_strdup (db));
  g_ptr_array_add (files, g_strdup (wal));
  g_ptr_array_add (files, g_strdup (shm));
  dir = g_dir_open (backups, 0, NULL);
  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (files, g_build_filename (backups, name, NULL));
      g_dir_close (dir);
    }

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &utf16_len, NULL);
  for (guint i = 0; i < files->len && !found; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (g_ptr_array_index (files, i), &contents, &length, NULL))
        continue;
      found = contains (contents, length, text, strlen (text)) ||
              contains (contents, length, (const char *) utf16, (gsize) utf16_len * 2);
    }

  return found;
}

static void
assert_locked_refusal (Run *run)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "locked"));
  /* How to unlock on the command line. */
  g_assert_nonnull (strstr (run->err, "--passphrase-file FILE"));
  g_assert_nonnull (strstr (run->err, "GROUPDESK_PASSPHRASE_FILE"));
  g_assert_nonnull (strstr (run->err, "--recovery-key-file FILE"));
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_protect_and_unlock (Protect       *p,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *recovery_file = g_build_filename (p->base.dir, "recovery.txt", NULL);
  g_autofree char *bundle = g_build_filename (p->base.dir, "out.gdbundle", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *person = NULL;

  g_assert_true (database_holds (p->base.db, p->name));
  g_assert_true (database_holds (p->base.db, PHONE));
  protect (p);

  /* Nothing of the person left in plain text, in any file of the database. */
  g_assert_false (database_holds (p->base.db, p->name));
  g_assert_false (database_holds (p->base.db, PHONE));
  g_assert_false (database_holds (p->base.db, EMAIL));

  /* Without the passphrase: refused, saying how to unlock. */
  run_p (&run, "--db", p->base.db, "list", "people");
  assert_locked_refusal (&run);
  person = query_text (p->base.db, "SELECT uuid FROM people ORDER BY rowid LIMIT 1");
  run_p (&run, "--db", p->base.db, "show", "person", person);
  assert_locked_refusal (&run);
  run_p (&run, "--db", p->base.db, "list", "nominations");
  assert_locked_refusal (&run);
  run_p (&run, "--db", p->base.db, "demo");
  assert_locked_refusal (&run);
  run_p (&run, "--db", p->base.db, "generate", "--seed", "5", "--activities", "2", "--people", "3",
         "--attendance", "3");
  assert_locked_refusal (&run);
  g_assert_null (query_text (p->base.db, "SELECT uuid FROM groups WHERE code = 'GEN-5'"));
  {
    g_autofree char *workshop = query_text (p->base.db, "SELECT uuid FROM activities LIMIT 1");
    g_autofree char *sheet = g_build_filename (p->base.dir, "sheet.csv", NULL);

    write_file (sheet, "Name,Organisation\nKofi Annan Jr,Ministry of Mines\n");
    run_p (&run, "--db", p->base.db, "attendance-import", "--workshop", workshop, sheet);
    assert_locked_refusal (&run);
  }

  /* With it, by the option or by the variable naming the file. */
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->pass, "list", "people");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, p->name));
  run_with (&run, p->pass, (const char *[]) { "--db", p->base.db, "list", "people", "--json", NULL });
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, PHONE));
  /* With the recovery key. */
  run_p (&run, "--db", p->base.db, "--recovery-key-file", recovery_file, "list", "people");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, p->name));

  /* A wrong passphrase: exit 1, the sentence, and not a byte changed. */
  before = digest (p->base.db);
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->wrong, "list", "people");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Wrong passphrase"));
  g_assert_cmpstr (run.out, ==, "");
  after = digest (p->base.db);
  g_assert_cmpstr (before, ==, after);
  /* A wrong passphrase in the variable is as wrong. */
  run_with (&run, p->wrong, (const char *[]) { "--db", p->base.db, "list", "people", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Wrong passphrase"));

  /* What needs no names works locked. */
  run_p (&run, "--db", p->base.db, "list", "activities");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), >, 0);
  run_p (&run, "--db", p->base.db, "list", "members");
  assert_ok (&run);
  run_p (&run, "--db", p->base.db, "attendance", "--json");
  assert_ok (&run);
  run_p (&run, "--db", p->base.db, "overview");
  assert_ok (&run);
  run_p (&run, "--db", p->base.db, "budget");
  assert_ok (&run);
  run_p (&run, "--db", p->base.db, "export", "--from", "2025-07-01", "--to", "2026-12-31",
         "-o", bundle);
  assert_ok (&run);
  g_assert_true (desk_bundle_validate_file (bundle, NULL, NULL));
  g_unlink (bundle);

  /* A named or pseudonymous export needs the names: refused, no file. */
  run_p (&run, "--db", p->base.db, "export", "--from", "2025-07-01", "--to", "2026-12-31",
         "--privacy", "named", "-o", bundle);
  assert_locked_refusal (&run);
  g_assert_false (g_file_test (bundle, G_FILE_TEST_EXISTS));
  run_p (&run, "--db", p->base.db, "export", "--from", "2025-07-01", "--to", "2026-12-31",
         "--privacy", "pseudonymous", "-o", bundle);
  assert_locked_refusal (&run);
  g_assert_false (g_file_test (bundle, G_FILE_TEST_EXISTS));

  /* A named bundle from elsewhere: refused while locked; unlocked, its people are sealed
   * as they are written. */
  {
    g_autofree char *other = g_build_filename (p->base.dir, "other.db", NULL);
    g_autofree char *sql = NULL;
    g_autofree char *stranger = NULL;
    g_autofree char *imported = NULL;

    run_p (&run, "--db", other, "generate", "--seed", "6", "--activities", "3", "--people", "5",
           "--attendance", "5");
    assert_ok (&run);
    stranger = query_text (other, "SELECT name FROM people LIMIT 1");
    run_p (&run, "--db", other, "export", "--from", "2020-01-01", "--to", "2030-12-31",
           "--privacy", "named", "-o", bundle);
    assert_ok (&run);

    run_p (&run, "--db", p->base.db, "import", bundle);
    assert_locked_refusal (&run);
    g_assert_null (query_text (p->base.db, "SELECT uuid FROM groups WHERE code = 'GEN-6'"));
    run_p (&run, "--db", p->base.db, "--passphrase-file", p->pass, "import", bundle);
    assert_ok (&run);
    imported = query_text (p->base.db, "SELECT uuid FROM groups WHERE code = 'GEN-6'");
    g_assert_nonnull (imported);
    g_assert_false (database_holds (p->base.db, stranger));
    sql = query_text (p->base.db, "SELECT count(*) FROM people WHERE name NOT LIKE 'v1:%'");
    g_assert_cmpstr (sql, ==, "0");
  }
}

static void
test_change_passphrase (Protect       *p,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *recovery_file = g_build_filename (p->base.dir, "recovery.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  protect (p);

  /* A wrong current passphrase changes nothing. */
  before = digest (p->base.db);
  run_p (&run, "--db", p->base.db, "change-passphrase", "--passphrase-file", p->wrong,
         "--new-passphrase-file", p->new_pass);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Wrong passphrase"));
  after = digest (p->base.db);
  g_assert_cmpstr (before, ==, after);

  /* Not a terminal, and no file for the new one: says how to give it. */
  run_p (&run, "--db", p->base.db, "change-passphrase", "--passphrase-file", p->pass);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--new-passphrase-file FILE"));

  run_p (&run, "--db", p->base.db, "change-passphrase", "--passphrase-file", p->pass,
         "--new-passphrase-file", p->new_pass);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "recovery key still does"));

  /* The old one no longer unlocks; the new one and the recovery key do. */
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->pass, "list", "people");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Wrong passphrase"));
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->new_pass, "list", "people");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, p->name));
  run_p (&run, "--db", p->base.db, "--recovery-key-file", recovery_file, "list", "people");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, p->name));

  /* The recovery key unlocks for a change too (the passphrase forgotten). */
  run_p (&run, "--db", p->base.db, "--recovery-key-file", recovery_file, "change-passphrase",
         "--new-passphrase-file", p->pass);
  assert_ok (&run);
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->pass, "list", "people");
  assert_ok (&run);
}

static void
test_unprotect (Protect       *p,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  protect (p);
  g_assert_false (database_holds (p->base.db, p->name));

  /* Without the passphrase, and not on a terminal: refused, saying how. */
  run_p (&run, "--db", p->base.db, "unprotect");
  assert_locked_refusal (&run);
  run_p (&run, "--db", p->base.db, "--passphrase-file", p->wrong, "unprotect");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Wrong passphrase"));

  run_with (&run, p->pass, (const char *[]) { "--db", p->base.db, "unprotect", NULL });
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "plain text"));

  /* The names in plain text again, and readable without any passphrase. */
  g_assert_true (database_holds (p->base.db, p->name));
  g_assert_true (database_holds (p->base.db, PHONE));
  run_p (&run, "--db", p->base.db, "list", "people");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, p->name));

  /* Twice: says it is not protected. */
  run_p (&run, "--db", p->base.db, "unprotect");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not protected"));
  run_p (&run, "--db", p->base.db, "change-passphrase", "--new-passphrase-file", p->new_pass);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not protected"));
}

/* A passphrase file that is empty, a folder, a device or missing: a sentence naming it,
 * and nothing protected. */
static void
test_bad_passphrase_files (Protect       *p,
                           gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (p->base.dir, "empty.txt", NULL);
  g_autofree char *folder = g_build_filename (p->base.dir, "a-folder", NULL);
  g_autofree char *missing = g_build_filename (p->base.dir, "missing.txt", NULL);
  g_autofree char *short_pass = g_build_filename (p->base.dir, "short.txt", NULL);
  const char *const files[] = { empty, folder, "/dev/zero", missing };
  const char *const said[] = { "holds no passphrase", "folder", "not an ordinary file", "no file" };
  g_auto(Run) run = { 0 };

  write_file (empty, "");
  write_file (short_pass, "abc\n");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      run_p (&run, "--db", p->base.db, "protect", "--passphrase-file", files[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, files[i]));
      g_assert_nonnull (strstr (run.err, said[i]));
    }
  run_p (&run, "--db", p->base.db, "protect", "--passphrase-file", short_pass);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  /* Not a terminal and no file: how to give the passphrase. */
  run_p (&run, "--db", p->base.db, "protect");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--passphrase-file FILE"));

  /* None of these turned protection on. */
  g_assert_true (database_holds (p->base.db, p->name));
  run_p (&run, "--db", p->base.db, "list", "people");
  assert_ok (&run);

  /* The same files to unlock with: the same sentences. */
  protect (p);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      run_p (&run, "--db", p->base.db, "--passphrase-file", files[i], "list", "people");
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, said[i]));
      g_assert_cmpstr (run.out, ==, "");
    }
  run_p (&run, "--db", p->base.db, "--recovery-key-file", missing, "list", "people");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, missing));

  /* Protecting again is refused with the command that changes the passphrase. */
  run_p (&run, "--db", p->base.db, "protect", "--passphrase-file", p->new_pass);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "change-passphrase"));
}

/* Runs the CLI on a pseudo-terminal, typing each of @lines after the next prompt (a
 * colon) appears; returns what the terminal showed and the exit status. */
static char *
run_on_terminal (const char *const *args,
                 const char *const *lines,
                 int                *status)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GString *shown = g_string_new (NULL);
  gsize looked = 0;
  int fd = -1;
  int wait_status = 0;
  pid_t pid;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  pid = forkpty (&fd, NULL, NULL, NULL);
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      alarm (60);
      execv (cli, (char **) argv->pdata);
      _exit (127);
    }

  for (guint i = 0; ; )
    {
      char buffer[512];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n <= 0)
        break;  /* EIO: the CLI has ended */
      g_string_append_len (shown, buffer, n);
      if (lines[i] != NULL && strchr (shown->str + looked, ':') != NULL)
        {
          g_assert_cmpint (write (fd, lines[i], strlen (lines[i])), ==, (ssize_t) strlen (lines[i]));
          g_assert_cmpint (write (fd, "\n", 1), ==, 1);
          looked = shown->len;
          i++;
        }
    }
  close (fd);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  g_test_message ("on a terminal: %s", shown->str);

  return g_string_free (shown, FALSE);
}

/* On a terminal without a file: asks twice without echo, and refuses two that differ. */
static void
test_prompts (Protect       *p,
              gconstpointer  data)
{
  const char *protect_args[] = { "--db", p->base.db, "protect", NULL };
  const char *unprotect_args[] = { "--db", p->base.db, "unprotect", NULL };
  g_autofree char *differ = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_off = NULL;
  int status = -1;

  differ = run_on_terminal (protect_args,
                            (const char *[]) { PASSPHRASE, NEW_PASSPHRASE, NULL }, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (differ, "Passphrase again:"));
  g_assert_nonnull (strstr (differ, "differ"));
  g_assert_true (database_holds (p->base.db, p->name));

  shown = run_on_terminal (protect_args, (const char *[]) { PASSPHRASE, PASSPHRASE, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (shown, "Passphrase:"));
  g_assert_nonnull (strstr (shown, "shown only this once"));
  /* Not echoed. */
  g_assert_null (strstr (shown, PASSPHRASE));
  g_assert_false (database_holds (p->base.db, p->name));

  shown_off = run_on_terminal (unprotect_args, (const char *[]) { PASSPHRASE, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (shown_off, PASSPHRASE));
  g_assert_true (database_holds (p->base.db, p->name));
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };
  const char *const commands[] = { "protect", "unprotect", "change-passphrase" };

  run_cli (&run, "--help");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "--passphrase-file FILE"));
  g_assert_nonnull (strstr (run.out, "--recovery-key-file FILE"));
  g_assert_nonnull (strstr (run.out, "GROUPDESK_PASSPHRASE_FILE"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run.out, commands[i]));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run_cli (&run, commands[i], "--help");
      assert_ok (&run);
      g_assert_true (g_str_has_prefix (run.out, "Usage: groupdesk-cli "));
    }
  run_cli (&run, "change-passphrase", "--help");
  g_assert_nonnull (strstr (run.out, "--new-passphrase-file FILE"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/protect/protect-and-unlock", Protect, NULL, protect_set_up,
              test_protect_and_unlock, protect_tear_down);
  g_test_add ("/cli/protect/change-passphrase", Protect, NULL, protect_set_up,
              test_change_passphrase, protect_tear_down);
  g_test_add ("/cli/protect/unprotect", Protect, NULL, protect_set_up,
              test_unprotect, protect_tear_down);
  g_test_add ("/cli/protect/bad-passphrase-files", Protect, NULL, protect_set_up,
              test_bad_passphrase_files, protect_tear_down);
  g_test_add ("/cli/protect/prompts", Protect, NULL, protect_set_up,
              test_prompts, protect_tear_down);
  g_test_add_func ("/cli/protect/help", test_help);

  return g_test_run ();
}
