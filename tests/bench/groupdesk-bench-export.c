/* groupdesk-bench-export.c — how bundles scale: export, import and memory, as ratios
 *
 *   groupdesk-bench-export WORKDIR
 *
 * Generates the large group (and one twice its size) in WORKDIR unless it is there, then
 * measures, each in a child process of the CLI ($GROUPDESK_CLI):
 *   - a full export (named) against `sqlite3 DB .dump > /dev/null`       (at most 1.5×)
 *   - an import into an empty database against `xmllint --noout --schema` (at most 2×)
 *   - the export's peak memory with 2× the data against 1×               (flat: ≤ 1.2×)
 * and prints each as a ratio. Exit status 0 even when a limit is missed: it reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  double seconds;
  long max_rss_kb;
} Measure;

/* Runs @argv (with @out_path as stdout when set) and measures its time and peak RSS. */
static Measure
measure (const char *const *argv,
         const char        *out_path)
{
  Measure m = { 0, 0 };
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      FILE *out = freopen (out_path != NULL ? out_path : "/dev/null", "w", stdout);

      if (out == NULL)
        _exit (127);
      execvp (argv[0], (char **) argv);
      _exit (127);
    }

  if (pid < 0 || wait4 (pid, &status, 0, &usage) < 0)
    g_error ("could not run %s", argv[0]);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (status %d)", argv[0], status);

  m.seconds = (g_get_monotonic_time () - start) / 1e6;
  m.max_rss_kb = usage.ru_maxrss;

  return m;
}

static Measure
best_of (int                n,
         const char *const *argv,
         const char        *out_path,
         const char        *remove_before)
{
  Measure best = { G_MAXDOUBLE, 0 };

  for (int i = 0; i < n; i++)
    {
      Measure m;

      if (remove_before != NULL)
        {
          g_autofree char *wal = g_strconcat (remove_before, "-wal", NULL);
          g_autofree char *shm = g_strconcat (remove_before, "-shm", NULL);
          g_autofree char *backups = g_strconcat (remove_before, ".backups", NULL);
          g_autofree char *rm = g_strdup_printf ("rm -rf '%s' '%s' '%s' '%s'", remove_before,
                                                 wal, shm, backups);
          if (system (rm) != 0)
            g_error ("could not clear %s", remove_before);
        }
      m = measure (argv, out_path);
      if (m.seconds < best.seconds)
        best.seconds = m.seconds;
      best.max_rss_kb = MAX (best.max_rss_kb, m.max_rss_kb);
    }

  return best;
}

static void
ensure_generated (const char *cli,
                  const char *db,
                  const char *activities,
                  const char *people,
                  const char *attendance)
{
  const char *argv[] = { cli, "--db", db, "generate", "--seed", "1", "--activities", activities,
                         "--people", people, "--attendance", attendance, NULL };

  if (g_file_test (db, G_FILE_TEST_EXISTS))
    return;
  g_printerr ("Generating %s …\n", db);
  measure (argv, NULL);
}

static void
ratio (const char *what,
       double      value,
       double      reference,
       const char *unit,
       double      limit)
{
  double r = reference > 0 ? value / reference : 0;

  g_print ("%-44s %8.2f %s / %8.2f %s = %5.2f×  (limit %.1f×) %s\n", what, value, unit,
           reference, unit, r, limit, r <= limit ? "ok" : "OVER");
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autofree char *xsd = g_build_filename (GROUPDESK_SOURCE_ROOT, "data", "schema",
                                           "groupdesk-bundle-1.xsd", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *db1 = NULL;
  g_autofree char *db2 = NULL;
  g_autofree char *work = NULL;
  g_autofree char *bundle1 = NULL;
  g_autofree char *bundle2 = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *dump_cmd = NULL;
  Measure dump, export1, export2, lint, import;

  setlocale (LC_ALL, "");
  if (argc != 2 || cli == NULL)
    {
      g_printerr ("Usage: GROUPDESK_CLI=…/groupdesk-cli groupdesk-bench-export WORKDIR\n");
      return 2;
    }

  dir = g_canonicalize_filename (argv[1], NULL);
  g_mkdir_with_parents (dir, 0755);
  db1 = g_build_filename (dir, "large.db", NULL);
  db2 = g_build_filename (dir, "large-2x.db", NULL);
  work = g_build_filename (dir, "export-work.db", NULL);
  bundle1 = g_build_filename (dir, "large.gdbundle", NULL);
  bundle2 = g_build_filename (dir, "large-2x.gdbundle", NULL);
  empty = g_build_filename (dir, "import-target.db", NULL);

  ensure_generated (cli, db1, "2000", "20000", "80000");
  ensure_generated (cli, db2, "4000", "40000", "160000");

  /* The reference: SQLite writing out the same database as SQL text. */
  dump_cmd = g_strdup_printf ("sqlite3 '%s' .dump > /dev/null", db1);
  {
    const char *sh[] = { "sh", "-c", dump_cmd, NULL };
    dump = best_of (3, sh, NULL, NULL);
  }

  /* Exports write to the exports table, so each runs on a fresh copy. */
  {
    g_autofree char *copy1 = g_strdup_printf ("cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", db1, work, work, work);
    g_autofree char *copy2 = g_strdup_printf ("cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", db2, work, work, work);
    const char *ex1[] = { cli, "--db", work, "export", "--from", "2025-01-01", "--to", "2026-12-31",
                          "--privacy", "named", "-o", bundle1, NULL };
    const char *ex2[] = { cli, "--db", work, "export", "--from", "2025-01-01", "--to", "2026-12-31",
                          "--privacy", "named", "-o", bundle2, NULL };

    export1.seconds = G_MAXDOUBLE;
    for (int i = 0; i < 3; i++)
      {
        Measure m;

        if (system (copy1) != 0)
          g_error ("could not copy %s", db1);
        m = measure (ex1, NULL);
        export1.seconds = MIN (export1.seconds, m.seconds);
        export1.max_rss_kb = m.max_rss_kb;
      }
    if (system (copy2) != 0)
      g_error ("could not copy %s", db2);
    export2 = measure (ex2, NULL);
  }

  {
    const char *xl[] = { "xmllint", "--noout", "--schema", xsd, bundle1, NULL };
    const char *im[] = { cli, "--db", empty, "import", bundle1, NULL };

    lint = best_of (3, xl, NULL, NULL);
    import = best_of (3, im, NULL, empty);
  }

  g_print ("Bundles on the large generated group (2,000 activities, 20,000 people, 80,000 attendances)\n");
  ratio ("export (named) / sqlite3 .dump", export1.seconds, dump.seconds, "s", 1.5);
  ratio ("import into empty / xmllint --schema", import.seconds, lint.seconds, "s", 2.0);
  ratio ("export peak RSS, 2× data / 1× data", export2.max_rss_kb / 1024.0,
         export1.max_rss_kb / 1024.0, "MB", 1.2);
  g_print ("(export of 2× data took %.2f s; import peak RSS %.0f MB)\n", export2.seconds,
           import.max_rss_kb / 1024.0);

  g_unlink (work);
  return 0;
}
