/* groupdesk-bench-export.c — how bundles scale: export, import and memory, as ratios
 *
 *   groupdesk-bench-export WORKDIR
 *
 * Generates the large group (and the same at twice and four times its size) in WORKDIR
 * unless it is there, then measures, each in a child process of the CLI ($GROUPDESK_CLI):
 *   - a full export (named) against `sqlite3 DB .dump > /dev/null`       (at most 1.5×)
 *   - an import into an empty database against `xmllint --noout --schema` (at most 2×)
 *   - the export's peak memory with 2× the data against 1×               (flat: ≤ 1.2×)
 *   - how export and import grow from 1× to 2× to 4×                     (linear or better)
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

#include "bench-scale.h"

/* The larger groups take long to export and import: fewer runs of each. */
#define RUNS_1X 3
#define RUNS_LARGER 2

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

/* Exports @db (on a fresh copy at @work: an export writes to the exports table) to
 * @bundle, the best of @runs; the peak memory is the last run's. */
static Measure
measure_export (const char *cli,
                const char *db,
                const char *work,
                const char *bundle,
                int         runs)
{
  g_autofree char *copy = g_strdup_printf ("cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", db, work,
                                           work, work);
  const char *argv[] = { cli, "--db", work, "export", "--from", "2025-01-01", "--to",
                         "2026-12-31", "--privacy", "named", "-o", bundle, NULL };
  Measure best = { G_MAXDOUBLE, 0 };

  for (int i = 0; i < runs; i++)
    {
      Measure m;

      if (system (copy) != 0)
        g_error ("could not copy %s", db);
      m = measure (argv, NULL);
      best.seconds = MIN (best.seconds, m.seconds);
      best.max_rss_kb = m.max_rss_kb;
    }

  return best;
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autofree char *xsd = g_build_filename (GROUPDESK_SOURCE_ROOT, "data", "schema",
                                           "groupdesk-bundle-3.xsd", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *work = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *dump_cmd = NULL;
  char *dbs[BENCH_N_SCALES];
  char *bundles[BENCH_N_SCALES];
  Measure dump, lint, exports[BENCH_N_SCALES], imports[BENCH_N_SCALES];
  double export_s[BENCH_N_SCALES], import_s[BENCH_N_SCALES];

  setlocale (LC_ALL, "");
  if (argc != 2 || cli == NULL)
    {
      g_printerr ("Usage: GROUPDESK_CLI=…/groupdesk-cli groupdesk-bench-export WORKDIR\n");
      return 2;
    }

  dir = g_canonicalize_filename (argv[1], NULL);
  g_mkdir_with_parents (dir, 0755);
  work = g_build_filename (dir, "export-work.db", NULL);
  empty = g_build_filename (dir, "import-target.db", NULL);
  for (guint s = 0; s < BENCH_N_SCALES; s++)
    {
      g_autofree char *name = bench_scales[s] == 1
                              ? g_strdup ("large.gdbundle")
                              : g_strdup_printf ("large-%ux.gdbundle", bench_scales[s]);

      dbs[s] = bench_scaled_db (dir, bench_scales[s]);
      bundles[s] = g_build_filename (dir, name, NULL);
    }

  /* The reference: SQLite writing out the same database as SQL text. */
  dump_cmd = g_strdup_printf ("sqlite3 '%s' .dump > /dev/null", dbs[0]);
  {
    const char *sh[] = { "sh", "-c", dump_cmd, NULL };
    dump = best_of (RUNS_1X, sh, NULL, NULL);
  }

  /* Each export writes the bundle the import of the same size then reads. */
  for (guint s = 0; s < BENCH_N_SCALES; s++)
    {
      const char *im[] = { cli, "--db", empty, "import", bundles[s], NULL };
      int runs = s == 0 ? RUNS_1X : RUNS_LARGER;

      exports[s] = measure_export (cli, dbs[s], work, bundles[s], runs);
      if (s == 0)
        {
          const char *xl[] = { "xmllint", "--noout", "--schema", xsd, bundles[0], NULL };

          lint = best_of (RUNS_1X, xl, NULL, NULL);
        }
      imports[s] = best_of (runs, im, NULL, empty);
      export_s[s] = exports[s].seconds;
      import_s[s] = imports[s].seconds;
    }

  g_print ("Bundles on the large generated group (2,000 activities, 20,000 people, 80,000 attendances)\n");
  ratio ("export (named) / sqlite3 .dump", exports[0].seconds, dump.seconds, "s", 1.5);
  ratio ("import into empty / xmllint --schema", imports[0].seconds, lint.seconds, "s", 2.0);
  ratio ("export peak RSS, 2× data / 1× data", exports[1].max_rss_kb / 1024.0,
         exports[0].max_rss_kb / 1024.0, "MB", 1.2);
  g_print ("(import peak RSS %.0f MB at 1×, %.0f MB at 2×)\n", imports[0].max_rss_kb / 1024.0,
           imports[1].max_rss_kb / 1024.0);
  g_print ("Growth with the group (best of %d runs at 1×, of %d at 2× and 4×)\n", RUNS_1X,
           RUNS_LARGER);
  report_growth ("  export (named)", export_s, "s");
  report_growth ("  import into an empty database", import_s, "s");

  for (guint s = 0; s < BENCH_N_SCALES; s++)
    {
      g_free (dbs[s]);
      g_free (bundles[s]);
    }
  g_unlink (work);
  return 0;
}
