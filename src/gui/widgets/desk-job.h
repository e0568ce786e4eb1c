/* desk-job.h — one way a long operation runs without freezing the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_JOB (desk_job_get_type ())

G_DECLARE_FINAL_TYPE (DeskJob, desk_job, DESK, JOB, GObject)

/* The work, on a worker thread. @store is a connection of the job's own to the window's
 * database (never the window's DeskStore); @data is the caller's. Returns FALSE with
 * @error on failure, G_IO_ERROR_CANCELLED once @cancellable is cancelled. */
typedef gboolean (*DeskJobFunc)     (DeskStore         *store,
                                     gpointer           data,
                                     GCancellable      *cancellable,
                                     DeskProgressFunc   progress,
                                     gpointer           progress_data,
                                     GError           **error);
/* On the main thread when the job has ended: @error is NULL on success. A cancelled job
 * ends with G_IO_ERROR_CANCELLED, and the job has already said so in a toast. */
typedef void     (*DeskJobDoneFunc) (DeskJob           *job,
                                     gpointer           data,
                                     const GError      *error,
                                     gpointer           user_data);

/* Runs @func on a worker thread with a connection of its own to @store's database, while
 * @parent (a dialog, or the main window) takes no input; after a moment a small modal
 * window shows @title, a progress bar and Cancel (Escape). @done is called once, on the
 * main thread, then @data is freed with @data_free. A database kept in memory (tests)
 * cannot be opened twice: there the job runs in place, on @store, before this returns. */
DeskJob  *desk_job_start        (GtkWindow        *parent,
                                 DeskStore        *store,
                                 const char       *title,
                                 DeskJobFunc       func,
                                 gpointer          data,
                                 GDestroyNotify    data_free,
                                 DeskJobDoneFunc   done,
                                 gpointer          user_data);
void      desk_job_cancel       (DeskJob          *self);
gboolean  desk_job_is_running   (DeskJob          *self);
/* Whether the job ran on a second connection (so the window's store must read again
 * what it wrote), rather than in place. */
gboolean  desk_job_on_worker    (DeskJob          *self);
/* The last fraction the window was told, 0.0 … 1.0. */
double    desk_job_get_fraction (DeskJob          *self);
/* Iterates the main loop until the job has ended (for test hooks); the error it ended
 * with goes to @error. */
gboolean  desk_job_wait         (DeskJob          *self,
                                 GError          **error);

/* Runs @func for @task on a thread of its own at the workers' lower priority, as a job's
 * work runs, for reads the window waits for without a progress window (a preview); the
 * task's callback comes back on the main thread as usual. */
void      desk_job_run_in_thread (GTask           *task,
                                  GTaskThreadFunc  func);

G_END_DECLS
