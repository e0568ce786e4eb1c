/* bench-scale.c — the large generated group at several sizes, and the growth line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "config.h"

#include "bench-scale.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "desk-core.h"

const guint bench_scales[BENCH_N_SCALES] = { 1, 2, 4 };

/* Linear growth with some slack for a noisy machine: a quadratic step at 4× is 16×. */
#define LINEAR_SLACK 1.1

char *
bench_scaled_db (const char *workdir,
                 guint       factor)
{
  g_autofree char *name = factor == 1 ? g_strdup ("large.db")
                                      : g_strdup_printf ("large-%ux.db", factor);
  char *path = g_build_filename (workdir, name, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *group = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  DeskGenerateOptions options = { 1, 2000 * factor, 20000 * factor, 80000 * factor };
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  /* Generated under another name and renamed when complete: an interrupted run leaves
   * no half-made database to be measured next time. */
  g_print ("Generating the large group at %u× in %s (once) …\n", factor, path);
  start = g_get_monotonic_time ();
  tmp = g_strconcat (path, ".tmp", NULL);
  g_mkdir_with_parents (workdir, 0755);
  g_unlink (tmp);
  store = desk_store_open (tmp, &error);
  if (store != NULL)
    group = desk_generate_fill (store, &options, &error);
  if (group == NULL)
    {
      g_printerr ("groupdesk-bench: %s\n", error->message);
      exit (1);
    }
  g_clear_object (&store);
  if (g_rename (tmp, path) != 0)
    {
      g_printerr ("groupdesk-bench: cannot rename %s\n", tmp);
      exit (1);
    }
  g_print ("  generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  return path;
}

void
report_growth (const char   *what,
               const double *values,
               const char   *unit)
{
  double r2 = values[0] > 0 ? values[1] / values[0] : 0;
  double r4 = values[0] > 0 ? values[2] / values[0] : 0;
  gboolean linear = r2 <= 2 * LINEAR_SLACK && r4 <= 4 * LINEAR_SLACK;

  g_print ("%-40s 1× %9.2f %s  2× %9.2f %s  4× %9.2f %s   2×/1× %5.2f  4×/1× %5.2f  %s\n",
           what, values[0], unit, values[1], unit, values[2], unit, r2, r4,
           linear ? "linear or better" : "worse than linear");
}
