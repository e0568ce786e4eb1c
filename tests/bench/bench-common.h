/* bench-common.h — shared by the benchmarks of groupdesk-bench
 *
 * Each area's benchmark lives in its own file (bench-shell.c, bench-lists.c, …) and is
 * called from main() in groupdesk-bench.c. Every figure is printed beside a reference
 * measured in the same run, as a ratio: machines here are noisy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk-core.h"
#include "desk-window.h"

G_BEGIN_DECLS

/* Presents @window at 1280×800 and returns once its first frame has been painted. */
void        present_and_wait_first_frame (GtkWindow *window);
/* Destroys @window and runs the main loop until it is idle. */
void        destroy_window               (GtkWindow *window);
/* Queues a redraw of @widget and returns after the next frame has been painted. */
void        wait_next_frame              (GtkWidget *widget);
/* Shows the page @name of a DeskWindow, waits two frames and returns the page. */
GtkWidget  *window_page                  (GtkWidget *window,
                                          const char *name);
/* The median of an array of doubles (sorts it). */
double      median                       (GArray    *values);
/* Prints one line: our figure, the reference and their ratio against @goal. */
void        report                       (const char *what,
                                          double      ours_ms,
                                          double      reference_ms,
                                          const char *reference,
                                          double      goal);
/* Opens WORKDIR/large.db, generating the large group there first when it is missing. */
DeskStore  *ensure_large_db              (const char *workdir);

/* The benchmarks, one function per area. */
void bench_startup   (const char *db_path, guint runs);   /* bench-shell.c */
void bench_budget    (const char *db_path, guint runs);   /* bench-shell.c */
void bench_search    (const char *db_path, guint runs);   /* bench-lists.c */
void bench_workshops (const char *db_path, guint runs);   /* bench-lists.c */
void bench_jobs      (const char *db_path, guint runs);   /* bench-jobs.c */
void bench_growth    (const char *db_path, guint runs);   /* bench-growth.c */

G_END_DECLS
