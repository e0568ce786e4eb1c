/* groupdesk-bench.c — speed goals, as ratios to a reference measured in the same run
 *
 * Usage: groupdesk-bench WORKDIR [--runs N]
 *
 * Builds (once) the large generated group in WORKDIR/large.db — 2,000 activities, 20,000
 * people, 80,000 attendances — and prints, for each goal, our figure, the reference
 * figure and their ratio. Machines here are noisy, so each figure is the median of
 * several runs, alternating ours and the reference. This is not a test: it fails nothing,
 * it reports.
 *
 * The benchmarks themselves are in bench-*.c, one file per area; `growth` measures the
 * window again on the group at 2× and 4× (generated once beside large.db).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "bench-common.h"

typedef struct
{
  const char *name;
  void (*run) (const char *db_path, guint runs);
  gboolean half_runs;
} Bench;

/* Every benchmark, in the order printed. `--only NAME` runs one of them. */
static const Bench benches[] = {
  { "startup", bench_startup, FALSE },
  { "search", bench_search, TRUE },
  { "budget", bench_budget, FALSE },
  { "workshops", bench_workshops, FALSE },
  { "jobs", bench_jobs, FALSE },
  { "growth", bench_growth, FALSE },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *db_path = NULL;
  const char *only = NULL;
  guint runs = 7;

  if (argc < 2)
    {
      g_printerr ("Usage: groupdesk-bench WORKDIR [--runs N] [--only NAME]\n");
      return 2;
    }
  for (int i = 2; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--runs"))
        runs = (guint) CLAMP (atoi (argv[i + 1]), 1, 1000);
      else if (g_str_equal (argv[i], "--only"))
        only = argv[i + 1];
      else
        {
          g_printerr ("groupdesk-bench: unknown option %s\n", argv[i]);
          return 2;
        }
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  desk_core_init_i18n (LOCALEDIR);
  adw_init ();

  store = ensure_large_db (argv[1]);
  db_path = g_strdup (desk_store_get_path (store));
  g_clear_object (&store);

  g_print ("\nGroupdesk benchmarks — median of %u runs each, ours against a reference "
           "measured in the same run\n", runs);
  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    {
      if (only != NULL && !g_str_equal (only, benches[i].name))
        continue;
      g_print ("\n");
      benches[i].run (db_path, benches[i].half_runs ? MAX (1, runs / 2) : runs);
    }

  return 0;
}
