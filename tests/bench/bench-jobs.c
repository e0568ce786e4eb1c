/* bench-jobs.c — never a frozen window: the longest gap between two frames while the
 * large group is exported and imported
 *
 * The window is kept animating (a tick callback queues a redraw every frame), and every
 * painted frame's time is noted while the operation runs, started through the same code
 * the dialogs use (the export dialog's Save, the Exports page's Import a Bundle and the
 * import dialog's Import), on a copy of the large group so that it is left as it was.
 * The goal is a gap of at most 50 ms, about three frames.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include <time.h>

#include "bench-common.h"

#include "desk-exports-page-private.h"

#define GOAL_MS 50.0

typedef struct
{
  GdkFrameClock *clock;
  gint64 began;
  gint64 last;               /* the last frame painted, µs */
  gint64 longest;            /* the longest gap since measuring began, µs */
  guint frames;
  gint64 ended;              /* when the job's result reached the window, µs; or 0 */
} Gaps;

/* The job's result has reached the window: what follows is the window's own work on
 * it (timed apart), not the job's. */
static void
job_ended_cb (gpointer user_data)
{
  Gaps *gaps = user_data;

  if (gaps->ended == 0)
    gaps->ended = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Gaps          *gaps)
{
  gint64 now = g_get_monotonic_time ();

  if (gaps->ended != 0)
    return;
  if (gaps->last != 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  if (g_getenv ("BENCH_GAPS") != NULL && gaps->last != 0 && now - gaps->last > 30000)
    g_print ("    gap %.0f ms ending at %.0f ms\n", (now - gaps->last) / 1000.0, (now - gaps->began) / 1000.0);
  gaps->last = now;
  gaps->frames++;
}

static gboolean
animate_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

/* Notes the frames of @window from now on; stop_gaps ends it. */
static gulong
start_gaps (GtkWidget *window,
            Gaps      *gaps)
{
  *gaps = (Gaps) { 0 };
  gaps->clock = g_object_ref (gtk_widget_get_frame_clock (window));
  gaps->began = g_get_monotonic_time ();

  return g_signal_connect (gaps->clock, "after-paint", G_CALLBACK (after_paint_cb), gaps);
}

static void
stop_gaps (GtkWidget *window,
           gulong     handler,
           Gaps      *gaps)
{
  /* The last frame up to now counts too: a job that ends the freeze ends the gap. */
  if (gaps->last != 0)
    gaps->longest = MAX (gaps->longest, (gaps->ended != 0 ? gaps->ended : g_get_monotonic_time ())
                                        - gaps->last);
  /* A window destroyed meanwhile (win.reload) took its clock's handlers with it. */
  if (g_signal_handler_is_connected (gaps->clock, handler))
    g_signal_handler_disconnect (gaps->clock, handler);
  g_clear_object (&gaps->clock);
}

/* The calling thread's CPU time, ms: what the main thread itself spent, whatever else
 * the machine runs meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static GtkWidget *
open_window (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db_path, &error);
  GtkWidget *window;

  if (store == NULL)
    g_error ("%s", error->message);
  window = desk_window_new (NULL, store);
  present_and_wait_first_frame (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (window, animate_cb, NULL, NULL);

  return window;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

static void
remove_database (const char *path)
{
  const char *companions[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *backups = g_strconcat (path, ".backups", NULL);
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, companions[i], NULL);

      g_remove (file);
    }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (backups, name, NULL);

      g_remove (file);
    }
  g_rmdir (backups);
}

/* Ctrl+E, a period covering every record, then what Save… does with the chosen name. */
static double
export_gap (const char *db_path,
            const char *out,
            double     *took_ms,
            double     *finish_ms,
            double     *preview_ms,
            double     *preview_cpu_ms)
{
  GtkWidget *window = open_window (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;
  DeskExportDialog *dialog;
  GtkWidget *page;
  Gaps gaps;
  gulong handler;
  gint64 start;
  gulong ended;

  if (!gtk_widget_activate_action (window, "win.export-bundle", NULL))
    g_error ("no win.export-bundle");
  page = window_page (window, "exports");
  dialog = _desk_exports_page_get_export_dialog (DESK_EXPORTS_PAGE (page));
  _desk_export_dialog_set_period (dialog, "2000-01-01", "2030-12-31");
  /* The dialog's own preview of the counts, read again (on a worker) when the privacy
   * changes: the window's longest gap until it has arrived, printed apart. */
  _desk_export_dialog_get_preview (dialog);
  handler = start_gaps (window, &gaps);
  wait_next_frame (window);
  *preview_cpu_ms = thread_cpu_ms ();
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_NAMED);
  _desk_export_dialog_get_preview (dialog);
  wait_next_frame (window);
  *preview_cpu_ms = thread_cpu_ms () - *preview_cpu_ms;
  stop_gaps (window, handler, &gaps);
  *preview_ms = gaps.longest / 1000.0;

  handler = start_gaps (window, &gaps);
  /* The new bundle announced to the window's store: the export's result has arrived. */
  ended = g_signal_connect_swapped (desk_window_get_store (DESK_WINDOW (window)), "changed::export",
                                    G_CALLBACK (job_ended_cb), &gaps);
  start = g_get_monotonic_time ();
  job = _desk_export_dialog_start_export (dialog, out, &error);
  if (job == NULL || !desk_job_wait (job, &error))
    g_error ("export: %s", error->message);
  stop_gaps (window, handler, &gaps);
  g_signal_handler_disconnect (desk_window_get_store (DESK_WINDOW (window)), ended);
  *finish_ms = (g_get_monotonic_time () - gaps.ended) / 1000.0;
  *took_ms = (gaps.ended - start) / 1000.0;

  destroy_window (GTK_WINDOW (window));
  g_remove (out);

  return gaps.longest / 1000.0;
}

/* Import a Bundle… into an empty database: the plan read, then Import. */
static void
import_gaps (const char *db_path,
             const char *bundle,
             double     *preview_gap,
             double     *import_gap,
             double     *took_ms,
             double     *finish_ms)
{
  GtkWidget *window;
  g_autoptr(GFile) file = g_file_new_for_path (bundle);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskJob) job = NULL;
  DeskImportDialog *dialog;
  GtkWidget *page;
  /* Static: the dialog's handler may outlive this call (it is never called after it). */
  static Gaps gaps;
  gulong handler;
  gint64 start;

  remove_database (db_path);
  window = open_window (db_path);
  page = window_page (window, "exports");

  handler = start_gaps (window, &gaps);
  dialog = _desk_exports_page_import_file (DESK_EXPORTS_PAGE (page), file, &error);
  if (dialog == NULL)
    g_error ("import preview: %s", error->message);
  stop_gaps (window, handler, &gaps);
  *preview_gap = gaps.longest / 1000.0;
  gtk_window_present (GTK_WINDOW (dialog));
  wait_next_frame (window);

  /* The window is replaced once the import has been written (win.reload): the gaps
   * are those of the window that waited, the reload is timed apart. */
  handler = start_gaps (window, &gaps);
  /* The dialog lets go of the main window just before win.reload replaces it: the
   * import's result has arrived. */
  g_signal_connect_swapped (dialog, "notify::transient-for", G_CALLBACK (job_ended_cb), &gaps);
  start = g_get_monotonic_time ();
  job = _desk_import_dialog_start_import (dialog);
  if (!desk_job_wait (job, &error))
    g_error ("import: %s", error->message);
  stop_gaps (window, handler, &gaps);
  *import_gap = gaps.longest / 1000.0;
  *finish_ms = (g_get_monotonic_time () - gaps.ended) / 1000.0;
  *took_ms = (gaps.ended - start) / 1000.0;

  /* Whatever window the reload made; one destroyed may take others with it. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    while (g_list_model_get_n_items (toplevels) > 0)
      {
        g_autoptr(GtkWindow) first = g_list_model_get_item (toplevels, 0);

        gtk_window_destroy (first);
      }
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  remove_database (db_path);
}

void
bench_jobs (const char *db_path,
            guint       runs)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *copy = g_build_filename (dir, "jobs-export.db", NULL);
  g_autofree char *target = g_build_filename (dir, "jobs-import.db", NULL);
  g_autofree char *bundle = g_build_filename (dir, "jobs-large.gdbundle", NULL);
  g_autofree char *given = g_build_filename (dir, "large.gdbundle", NULL);
  g_autoptr(GArray) export_gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_finish = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_previews = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_preview_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) preview_gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_gaps_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_finish = g_array_new (FALSE, FALSE, sizeof (double));

  remove_database (copy);
  copy_file (db_path, copy);

  for (guint i = 0; i < runs; i++)
    {
      double took;
      double finish;
      double preview;
      double preview_cpu;
      double gap = export_gap (copy, bundle, &took, &finish, &preview, &preview_cpu);

      g_array_append_val (export_gaps, gap);
      g_array_append_val (export_times, took);
      g_array_append_val (export_finish, finish);
      g_array_append_val (export_previews, preview);
      g_array_append_val (export_preview_cpu, preview_cpu);
    }
  report ("Jobs: export, longest gap between frames", median (export_gaps), GOAL_MS,
          "the goal (50 ms)", 1.0);
  g_print ("  the export took %.0f ms; then closing the dialog and showing the new bundle "
           "in the history held the window %.0f ms\n", median (export_times), median (export_finish));
  report ("Jobs: export dialog's preview, longest gap", median (export_previews), GOAL_MS,
          "the goal (50 ms)", 1.0);
  g_print ("  the main thread's own CPU time meanwhile (the preview read on a worker, the "
           "dialog and window drawn): %.1f ms\n", median (export_preview_cpu));

  /* The bundle of the large group, as the bundles benchmark wrote it; else one of ours. */
  if (g_file_test (given, G_FILE_TEST_IS_REGULAR))
    copy_file (given, bundle);
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskStore) store = desk_store_open (copy, &error);
      g_autoptr(DeskRecord) group = store != NULL ? desk_store_dup_main_group (store) : NULL;

      if (group == NULL ||
          !desk_bundle_export (store, desk_record_get_uuid (group), "2000-01-01", "2030-12-31",
                               DESK_PRIVACY_NAMED, bundle, &error))
        g_error ("export for the import: %s", error != NULL ? error->message : "no group");
    }
  remove_database (copy);

  for (guint i = 0; i < runs; i++)
    {
      double preview;
      double gap;
      double took;
      double finish;

      import_gaps (target, bundle, &preview, &gap, &took, &finish);
      g_array_append_val (preview_gaps, preview);
      g_array_append_val (import_gaps_ms, gap);
      g_array_append_val (import_times, took);
      g_array_append_val (import_finish, finish);
    }
  report ("Jobs: import preview, longest gap", median (preview_gaps), GOAL_MS,
          "the goal (50 ms)", 1.0);
  report ("Jobs: import, longest gap between frames", median (import_gaps_ms), GOAL_MS,
          "the goal (50 ms)", 1.0);
  g_print ("  the import took %.0f ms; then the new window on the imported group "
           "(win.reload) held it %.0f ms\n", median (import_times), median (import_finish));
  g_remove (bundle);
}
