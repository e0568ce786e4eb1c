/* desk-progress.h — how a long operation reports how far it is and hears "stop"
 *
 * Export, import, backup, restore, the sign-in import and the PDF report may take
 * seconds on a large group, so the app runs them on a worker thread. Each takes a
 * GCancellable and a DeskProgressFunc; the operation counts its records through a
 * DeskProgress, which looks at the cancellable and calls the function only every so
 * many records, so the checks cost nothing measurable. A cancelled operation fails with
 * G_IO_ERROR_CANCELLED and leaves everything as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called on the operation's thread with how far it is, 0.0 to 1.0. */
typedef void (*DeskProgressFunc) (double   fraction,
                                  gpointer user_data);

typedef struct
{
  GCancellable     *cancellable;
  DeskProgressFunc  func;
  gpointer          data;
  guint64           done;      /* steps counted so far */
  guint64           total;     /* steps expected; 0 when not known */
  guint64           next;      /* the count at which to look again */
  double            start;     /* the fraction this stage starts at … */
  double            span;      /* … and how much of the whole it is */
} DeskProgress;

/* A progress of @total steps, reported as 0.0 … 1.0; @cancellable and @func may be NULL. */
void     desk_progress_init   (DeskProgress     *progress,
                               GCancellable     *cancellable,
                               DeskProgressFunc  func,
                               gpointer          data);
/* The next stage: @total steps, covering @start … @start + @span of the whole. */
void     desk_progress_stage  (DeskProgress     *progress,
                               guint64           total,
                               double            start,
                               double            span);
/* Counts one step; every so many steps reports and looks at the cancellable. FALSE with
 * G_IO_ERROR_CANCELLED once it is cancelled. */
gboolean desk_progress_step   (DeskProgress     *progress,
                               GError          **error);
/* Sets how many steps are done (say, bytes read), then as desk_progress_step. */
gboolean desk_progress_set    (DeskProgress     *progress,
                               guint64           done,
                               GError          **error);
/* Looks at the cancellable now: FALSE with G_IO_ERROR_CANCELLED when it is cancelled. */
gboolean desk_progress_check  (DeskProgress     *progress,
                               GError          **error);
/* Reports @fraction of the whole, at once. */
void     desk_progress_report (DeskProgress     *progress,
                               double            fraction);

/* The same, for a caller without a DeskProgress: TRUE when @progress (may be NULL) holds
 * a cancellable that is cancelled, @error then set. */
gboolean desk_progress_cancelled (DeskProgress  *progress,
                                  GError       **error);

G_END_DECLS
