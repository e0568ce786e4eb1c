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
 * The benchmarks themselves are in bench-*.c, one file per area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "bench-common.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *db_path = NULL;
  guint runs = 7;

  if (argc < 2)
    {
      g_printerr ("Usage: groupdesk-bench WORKDIR [--runs N]\n");
      return 2;
    }
  if (argc >= 4 && g_str_equal (argv[2], "--runs"))
    runs = (guint) MAX (1, atoi (argv[3]));

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  desk_core_init_i18n (LOCALEDIR);
  adw_init ();

  store = ensure_large_db (argv[1]);
  db_path = g_strdup (desk_store_get_path (store));
  g_clear_object (&store);

  g_print ("\nGroupdesk benchmarks — median of %u runs each, ours against a reference "
           "measured in the same run\n\n", runs);
  bench_startup (db_path, runs);
  g_print ("\n");
  bench_search (db_path, MAX (1, runs / 2));
  g_print ("\n");
  bench_budget (db_path, runs);
  g_print ("\n");
  bench_workshops (db_path, runs);

  return 0;
}
