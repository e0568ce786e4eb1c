/* bench-common.c — what every benchmark shares: frames, medians, the report line and the
 * large generated group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "bench-common.h"

typedef struct
{
  gboolean painted;
} FrameWait;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWait     *wait)
{
  wait->painted = TRUE;
}

/* Presents @window and returns when its first frame has been painted. */
void
present_and_wait_first_frame (GtkWindow *window)
{
  FrameWait wait = { FALSE };
  GdkFrameClock *clock;
  gulong handler;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (clock != NULL);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  while (!wait.painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);

  if (values->len == 0)
    return 0;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

void
report (const char *what,
        double      ours_ms,
        double      reference_ms,
        const char *reference,
        double      goal)
{
  double ratio = reference_ms > 0 ? ours_ms / reference_ms : 0;

  g_print ("%-44s %9.2f ms   %-34s %9.2f ms   ratio %5.2f×  (goal ≤ %.1f×) %s\n",
           what, ours_ms, reference, reference_ms, ratio, goal,
           ratio <= goal ? "met" : "NOT MET");
}

DeskStore *
ensure_large_db (const char *workdir)
{
  g_autofree char *path = g_build_filename (workdir, "large.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      DeskGenerateOptions options = { 1, 2000, 20000, 80000 };
      g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
      g_autofree char *group = NULL;
      gint64 start = g_get_monotonic_time ();

      g_print ("Generating the large group (2,000 activities, 20,000 people, 80,000 "
               "attendances) in %s …\n", path);
      g_mkdir_with_parents (workdir, 0755);
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
    }

  store = desk_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("groupdesk-bench: %s\n", error->message);
      exit (1);
    }

  return g_steal_pointer (&store);
}

/* Returns after the next frame has been painted. */
void
wait_next_frame (GtkWidget *widget)
{
  FrameWait wait = { FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  while (!wait.painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

GtkWidget *
window_page (GtkWidget  *window,
             const char *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  gtk_widget_activate_action (window, "win.show-page", "s", name);
  wait_next_frame (window);
  wait_next_frame (window);

  return gtk_stack_get_child_by_name (stack, name);
}

