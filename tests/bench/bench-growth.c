/* bench-growth.c — how the window grows with the group: startup, the Workplan page first
 * shown and one keystroke in its search, on the large group at 1×, 2× and 4×
 *
 * Linear or better is the goal (issue 14, goal 7): twice the records may take twice as
 * long, never four times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "bench-common.h"
#include "bench-scale.h"

#include "desk-workplan-page-private.h"

typedef struct
{
  GArray *startup;     /* store opened to the first frame */
  GArray *page;        /* the Workplan page first shown */
  GArray *keystroke;   /* the first character in its search, to the next frame */
} GrowthTimes;

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* One window on @db_path, measured from the store's opening to its first frame, to the
 * Workplan page shown, and to a keystroke filtered and painted. */
static void
measure_window (const char  *db_path,
                GrowthTimes *times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkEditable *entry;
  gint64 start;
  double ms;

  start = g_get_monotonic_time ();
  store = desk_store_open (db_path, &error);
  g_assert_no_error (error);
  window = g_object_new (DESK_TYPE_WINDOW, "store", store, NULL);
  present_and_wait_first_frame (GTK_WINDOW (window));
  ms = elapsed_ms (start);
  if (times != NULL)
    g_array_append_val (times->startup, ms);

  start = g_get_monotonic_time ();
  page = window_page (window, "workplan");
  ms = elapsed_ms (start);
  if (times != NULL)
    g_array_append_val (times->page, ms);

  entry = desk_record_list_get_search_entry (
      _desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page)));
  start = g_get_monotonic_time ();
  gtk_editable_set_text (entry, "t");
  wait_next_frame (window);
  ms = elapsed_ms (start);
  if (times != NULL)
    g_array_append_val (times->keystroke, ms);

  destroy_window (GTK_WINDOW (window));
}

void
bench_growth (const char *db_path,
              guint       runs)
{
  g_autofree char *workdir = g_path_get_dirname (db_path);
  char *paths[BENCH_N_SCALES];
  double startup[BENCH_N_SCALES], page[BENCH_N_SCALES], keystroke[BENCH_N_SCALES];

  for (guint s = 0; s < BENCH_N_SCALES; s++)
    paths[s] = bench_scaled_db (workdir, bench_scales[s]);

  /* Unmeasured: theme, fonts and icon caches load once per process. */
  measure_window (paths[0], NULL);

  for (guint s = 0; s < BENCH_N_SCALES; s++)
    {
      g_autoptr(GArray) startup_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) page_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) keystroke_times = g_array_new (FALSE, FALSE, sizeof (double));
      GrowthTimes times = { startup_times, page_times, keystroke_times };

      for (guint run = 0; run < runs; run++)
        measure_window (paths[s], &times);
      startup[s] = median (startup_times);
      page[s] = median (page_times);
      keystroke[s] = median (keystroke_times);
    }

  g_print ("Growth of the window with the group (median of %u runs at each size)\n", runs);
  report_growth ("  startup, first frame", startup, "ms");
  report_growth ("  Workplan page first shown", page, "ms");
  report_growth ("  Workplan search, one keystroke painted", keystroke, "ms");

  for (guint s = 0; s < BENCH_N_SCALES; s++)
    g_free (paths[s]);
}
