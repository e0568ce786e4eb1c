/* desk-job.c — a long operation on a worker thread, with a progress bar and Cancel
 *
 * Export, import, backup, restore and PDF reports take seconds on a large group; run on
 * the main thread they stop the window from drawing. A job runs the operation in a
 * thread of its own, its result coming back through a GTask, on a connection of its own
 * to the same database (WAL lets the window keep reading its own), never touching the
 * window's DeskStore. Progress comes back to the main thread
 * through the default main context, at most once per hundredth of the way, so a
 * record-by-record operation does not flood the window with updates.
 *
 * The window the job was started from takes no input meanwhile, so nothing can start a
 * second write; a job that lasts more than a moment shows a small modal window over it
 * with the operation's name, the bar and Cancel (also Escape, and closing it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-job"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "desk-job.h"
#include "desk-toast.h"

/* Shown only when the job is still running after this long: a quick one never flashes. */
#define SHOW_AFTER_MS 150
/* The worker's nice value: below the window, above nothing else of ours. */
#define WORKER_NICE 10

struct _DeskJob
{
  GObject parent_instance;

  GtkWindow *parent;
  char *title;
  char *path;                 /* the database; NULL when it is kept in memory */
  gboolean read_only;
  GDateTime *now;             /* the window's clock, for the worker's connection */
  DeskSharedKey *shared_key;  /* the window's key, for the worker's connection */

  DeskJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  DeskJobDoneFunc done;
  gpointer user_data;

  GCancellable *cancellable;
  gboolean running;
  gboolean on_worker;
  gboolean parent_could_target;
  GtkEventController *keys;   /* on the parent while the job runs */
  GError *error;

  /* Written by the worker, read on the main thread. */
  GMutex lock;
  double fraction;
  double reported;            /* what the last update carried */
  gboolean update_pending;

  double shown;               /* main thread: what the bar shows */
  guint show_timeout;
  GtkWindow *window;
  GtkProgressBar *bar;
  GtkWidget *cancel_button;
};

G_DEFINE_FINAL_TYPE (DeskJob, desk_job, G_TYPE_OBJECT)

static void
desk_job_finalize (GObject *object)
{
  DeskJob *self = DESK_JOB (object);

  g_assert (!self->running);
  g_clear_object (&self->parent);
  g_free (self->title);
  g_free (self->path);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);

  g_clear_pointer (&self->shared_key, desk_shared_key_free);
  G_OBJECT_CLASS (desk_job_parent_class)->finalize (object);
}

static void
desk_job_class_init (DeskJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_job_finalize;
}

static void
desk_job_init (DeskJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
}

/* Progress */

static gboolean
update_cb (gpointer user_data)
{
  DeskJob *self = user_data;

  g_mutex_lock (&self->lock);
  self->shown = self->fraction;
  self->update_pending = FALSE;
  g_mutex_unlock (&self->lock);

  if (self->bar != NULL)
    gtk_progress_bar_set_fraction (self->bar, self->shown);

  return G_SOURCE_REMOVE;
}

/* On the worker: one update on its way at a time, and only for a hundredth or more. */
static void
job_progress (double   fraction,
              gpointer user_data)
{
  DeskJob *self = user_data;
  gboolean send;

  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  send = !self->update_pending && (fraction - self->reported >= 0.01 || fraction >= 1.0);
  if (send)
    {
      self->update_pending = TRUE;
      self->reported = fraction;
    }
  g_mutex_unlock (&self->lock);

  if (send)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, update_cb, g_object_ref (self),
                                g_object_unref);
}

/* The progress window */

static void
cancel_clicked_cb (GtkButton *button,
                   DeskJob   *self)
{
  desk_job_cancel (self);
}

/* Closing the window means Cancel; it goes away when the job has ended. */
static gboolean
close_request_cb (GtkWindow *window,
                  DeskJob   *self)
{
  desk_job_cancel (self);

  return TRUE;
}

/* One progress window is kept, hidden, for the next job: a new window's first frame
 * (its surface and renderer made) holds the main thread for longer than a frame, a
 * window shown again does not. */
static GtkWindow *spare_window;

static void
spare_destroyed_cb (GtkWidget *window)
{
  if (spare_window == GTK_WINDOW (window))
    spare_window = NULL;
}

static GtkWindow *
progress_window_new (void)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *bar;
  GtkWidget *button;
  GtkEventController *shortcuts;

  gtk_window_set_modal (window, TRUE);
  gtk_window_set_resizable (window, FALSE);
  gtk_window_set_default_size (window, 360, -1);
  gtk_window_set_hide_on_close (window, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  bar = gtk_progress_bar_new ();
  gtk_accessible_update_relation (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), bar);

  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), button);

  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape cancels, as it closes every dialog of the app. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);
  gtk_window_set_default_widget (window, button);

  g_object_set_data (G_OBJECT (window), "desk-job-label", label);
  g_object_set_data (G_OBJECT (window), "desk-job-bar", bar);
  g_object_set_data (G_OBJECT (window), "desk-job-cancel", button);
  g_signal_connect (window, "destroy", G_CALLBACK (spare_destroyed_cb), NULL);

  return window;
}

static gboolean
show_window_cb (gpointer user_data)
{
  DeskJob *self = user_data;

  self->show_timeout = 0;

  self->window = spare_window != NULL ? g_steal_pointer (&spare_window) : progress_window_new ();
  self->bar = g_object_get_data (G_OBJECT (self->window), "desk-job-bar");
  self->cancel_button = g_object_get_data (G_OBJECT (self->window), "desk-job-cancel");

  gtk_window_set_title (self->window, self->title);
  gtk_label_set_label (g_object_get_data (G_OBJECT (self->window), "desk-job-label"), self->title);
  gtk_progress_bar_set_fraction (self->bar, self->shown);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_window_set_transient_for (self->window, self->parent);
  g_signal_connect (self->window, "close-request", G_CALLBACK (close_request_cb), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);

  gtk_window_present (self->window);
  gtk_widget_grab_focus (self->cancel_button);

  return G_SOURCE_REMOVE;
}

/* Hidden and kept for the next job, unless one is kept already. */
static void
release_window (DeskJob *self)
{
  GtkWindow *window = g_steal_pointer (&self->window);

  g_signal_handlers_disconnect_by_data (window, self);
  g_signal_handlers_disconnect_by_data (self->cancel_button, self);
  self->bar = NULL;
  self->cancel_button = NULL;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_transient_for (window, NULL);
  if (spare_window == NULL)
    spare_window = window;
  else
    gtk_window_destroy (window);
}

/* The window that started the job takes no click and no key until the job ends
 * (Escape cancels), so nothing can start a second write meanwhile. It is not made
 * insensitive: on a large window that restyles every widget, a frame's worth of work
 * and more, and the progress window soon shows that it waits. */
static gboolean
parent_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               DeskJob               *self)
{
  if (keyval == GDK_KEY_Escape)
    desk_job_cancel (self);

  return TRUE;
}

static void
hold_parent (DeskJob *self)
{
  self->parent_could_target = gtk_widget_get_can_target (GTK_WIDGET (self->parent));
  gtk_widget_set_can_target (GTK_WIDGET (self->parent), FALSE);
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (parent_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->parent), g_object_ref (self->keys));
}

/* Ending */

static void
job_finish (DeskJob      *self,
            const GError *error)
{
  gpointer data;

  self->running = FALSE;
  g_clear_handle_id (&self->show_timeout, g_source_remove);
  if (self->window != NULL)
    release_window (self);
  if (self->parent != NULL)
    {
      gtk_widget_set_can_target (GTK_WIDGET (self->parent), self->parent_could_target);
      /* Held by the job: the parent may have been destroyed meanwhile. */
      if (self->keys != NULL &&
          gtk_event_controller_get_widget (self->keys) == GTK_WIDGET (self->parent))
        gtk_widget_remove_controller (GTK_WIDGET (self->parent), self->keys);
      g_clear_object (&self->keys);
    }

  if (error != NULL)
    self->error = g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->parent != NULL)
    desk_toast_show_message (GTK_WIDGET (self->parent), _("Cancelled: nothing was changed"));

  if (self->done != NULL)
    self->done (self, self->data, error, self->user_data);
  data = g_steal_pointer (&self->data);
  if (self->data_free != NULL && data != NULL)
    self->data_free (data);
  /* The window may keep the job; the job no longer needs the window. */
  g_clear_object (&self->parent);
}

/* This thread only (Linux gives each thread its own nice value, and a thread of GLib's
 * pool would keep it for the next task: hence threads of our own, ended with the work). */
static void
give_way (void)
{
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("the worker keeps its priority: %s", g_strerror (errno));
}

/* The worker: a thread of its own rather than one of GLib's pool, so that it can give
 * way to the window. On two cores, a worker at full speed beside the main thread and
 * the display server makes frames late; at a lower priority it takes the time they
 * leave. */
static gpointer
job_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  DeskJob *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  gboolean ok = FALSE;

  give_way ();

  /* A connection of the worker's own, opened and closed on this thread. */
  store = self->read_only ? desk_store_open_read_only (self->path, &error)
                          : desk_store_open (self->path, &error);
  if (store != NULL && self->shared_key != NULL &&
      !desk_store_unlock_shared (store, self->shared_key, &error))
    g_clear_object (&store);
  g_clear_pointer (&self->shared_key, desk_shared_key_free);
  if (store != NULL)
    {
      desk_store_set_now (store, self->now);
      ok = self->func (store, self->data, cancellable, job_progress, self, &error);
    }
  g_clear_object (&store);

  /* Delivered on the main thread, through the task's context. */
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  return NULL;
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DeskJob *self = DESK_JOB (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  update_cb (self);
  job_finish (self, error);
  /* The reference the running job held. */
  g_object_unref (self);
}

DeskJob *
desk_job_start (GtkWindow        *parent,
                DeskStore        *store,
                const char       *title,
                DeskJobFunc       func,
                gpointer          data,
                GDestroyNotify    data_free,
                DeskJobDoneFunc   done,
                gpointer          user_data)
{
  DeskJob *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (DESK_TYPE_JOB, NULL);
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
  self->title = g_strdup (title);
  self->path = g_strdup (desk_store_get_path (store));
  self->read_only = desk_store_is_read_only (store);
  self->now = desk_store_dup_now (store);
  self->func = func;
  self->data = data;
  self->data_free = data_free;
  self->done = done;
  self->user_data = user_data;
  self->running = TRUE;

  /* Unlocked names: the worker's own connection opens locked, so it takes a copy of the
   * window's key (desk_store_unlock_shared on the worker). */
  if (desk_store_get_protection (store) == DESK_PROTECTION_UNLOCKED)
    self->shared_key = desk_store_share_key (store, NULL);

  /* In memory (tests only) no second connection can see the database: in place. */
  if (self->path == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!func (store, data, self->cancellable, job_progress, self, &error))
        g_assert (error != NULL);
      update_cb (self);
      job_finish (self, error);
      return self;
    }

  self->on_worker = TRUE;
  if (self->parent != NULL)
    hold_parent (self);

  self->show_timeout = g_timeout_add (SHOW_AFTER_MS, show_window_cb, self);

  {
    GTask *task = g_task_new (self, self->cancellable, job_done_cb, NULL);

    g_task_set_name (task, title);
    /* Held while it runs: the caller may drop its reference at once. */
    g_object_ref (self);
    /* The thread owns the task and returns its result. */
    g_thread_unref (g_thread_new ("desk-job", job_thread, task));
  }

  return self;
}

typedef struct
{
  GTask *task;
  GTaskThreadFunc func;
} ThreadRun;

static gpointer
run_thread (gpointer data)
{
  ThreadRun *run = data;
  g_autoptr(GTask) task = run->task;

  give_way ();
  run->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
             g_task_get_cancellable (task));
  g_free (run);

  return NULL;
}

void
desk_job_run_in_thread (GTask           *task,
                        GTaskThreadFunc  func)
{
  ThreadRun *run;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  run = g_new0 (ThreadRun, 1);
  run->task = g_object_ref (task);
  run->func = func;
  g_thread_unref (g_thread_new ("desk-job-read", run_thread, run));
}

void
desk_job_cancel (DeskJob *self)
{
  g_return_if_fail (DESK_IS_JOB (self));

  if (!self->running)
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->cancel_button != NULL)
    gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

gboolean
desk_job_is_running (DeskJob *self)
{
  g_return_val_if_fail (DESK_IS_JOB (self), FALSE);

  return self->running;
}

gboolean
desk_job_on_worker (DeskJob *self)
{
  g_return_val_if_fail (DESK_IS_JOB (self), FALSE);

  return self->on_worker;
}

double
desk_job_get_fraction (DeskJob *self)
{
  g_return_val_if_fail (DESK_IS_JOB (self), 0.0);

  return self->shown;
}

gboolean
desk_job_wait (DeskJob  *self,
               GError  **error)
{
  g_return_val_if_fail (DESK_IS_JOB (self), FALSE);

  while (self->running)
    g_main_context_iteration (NULL, TRUE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  return TRUE;
}
