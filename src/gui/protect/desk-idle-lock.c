/* desk-idle-lock.c
 *
 * A store left unlocked on an unattended laptop is as good as unprotected: after the
 * minutes the coordinator chose (Preferences, "lock-after-minutes") without a key press,
 * click, scroll or pointer move in any window of the app, the store locks. Each watched
 * window carries a legacy event controller in the capture phase, so input is seen before
 * any widget takes it; a timer compares the time of the last input with the setting. The
 * timer runs only while the store is unlocked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-idle-lock"

#include "config.h"

#include "desk-idle-lock.h"
#include "desk-idle-lock-private.h"
#include "desk-widget-util.h"

/* How often the timer looks; the lock comes at most this late. */
#define CHECK_SECONDS 15
#define DEFAULT_MINUTES 15

struct _DeskIdleLock
{
  GObject parent_instance;

  DeskStore *store;
  GSettings *settings;
  gint64 last_input;
  guint timer;
  gulong protection_id;
  GtkApplication *application;
  gulong window_added_id;
};

G_DEFINE_FINAL_TYPE (DeskIdleLock, desk_idle_lock, G_TYPE_OBJECT)

static int
lock_after_minutes (DeskIdleLock *self)
{
  if (self->settings == NULL)
    return DEFAULT_MINUTES;

  return g_settings_get_int (self->settings, "lock-after-minutes");
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                DeskIdleLock             *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* Input a person makes; not a window's focus, crossing or configure events. */
  if (type == GDK_MOTION_NOTIFY || type == GDK_BUTTON_PRESS || type == GDK_BUTTON_RELEASE ||
      type == GDK_KEY_PRESS || type == GDK_KEY_RELEASE || type == GDK_SCROLL ||
      type == GDK_TOUCH_BEGIN || type == GDK_TOUCH_UPDATE || type == GDK_TOUCHPAD_SWIPE ||
      type == GDK_TOUCHPAD_PINCH)
    self->last_input = g_get_monotonic_time ();

  return GDK_EVENT_PROPAGATE;
}

static gboolean
desk_idle_lock_check (DeskIdleLock *self)
{
  int minutes = lock_after_minutes (self);

  if (minutes <= 0 || desk_store_get_protection (self->store) != DESK_PROTECTION_UNLOCKED)
    return FALSE;
  if (g_get_monotonic_time () - self->last_input < (gint64) minutes * 60 * G_USEC_PER_SEC)
    return FALSE;

  g_debug ("Locking after %d minutes without input", minutes);
  desk_store_lock (self->store);
  return TRUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  desk_idle_lock_check (user_data);

  return G_SOURCE_CONTINUE;
}

/* The timer runs while there is something to lock. */
static void
update_timer (DeskIdleLock *self)
{
  gboolean wanted = desk_store_get_protection (self->store) == DESK_PROTECTION_UNLOCKED;

  if (wanted && self->timer == 0)
    {
      /* Unlocking is input: the minutes count from then. */
      self->last_input = g_get_monotonic_time ();
      self->timer = g_timeout_add_seconds (CHECK_SECONDS, timer_cb, self);
    }
  else if (!wanted)
    g_clear_handle_id (&self->timer, g_source_remove);
}

static void
protection_changed_cb (DeskIdleLock *self)
{
  update_timer (self);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 DeskIdleLock   *self)
{
  desk_idle_lock_watch (self, window);
}

static void
desk_idle_lock_dispose (GObject *object)
{
  DeskIdleLock *self = (DeskIdleLock *) object;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->protection_id, self->store);
  if (self->application != NULL)
    g_clear_signal_handler (&self->window_added_id, self->application);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_idle_lock_parent_class)->dispose (object);
}

static void
desk_idle_lock_class_init (DeskIdleLockClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_idle_lock_dispose;
}

static void
desk_idle_lock_init (DeskIdleLock *self)
{
  self->settings = desk_settings_new_if_installed ();
  self->last_input = g_get_monotonic_time ();
}

DeskIdleLock *
desk_idle_lock_new (DeskStore *store)
{
  DeskIdleLock *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_IDLE_LOCK, NULL);
  self->store = g_object_ref (store);
  self->protection_id = g_signal_connect_swapped (store, "notify::protection",
                                                  G_CALLBACK (protection_changed_cb), self);
  update_timer (self);

  return self;
}

void
desk_idle_lock_watch (DeskIdleLock *self,
                      GtkWindow    *window)
{
  GtkEventController *controller;
  GtkApplication *application;

  g_return_if_fail (DESK_IS_IDLE_LOCK (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), "desk-idle-lock") == self)
    return;
  g_object_set_data (G_OBJECT (window), "desk-idle-lock", self);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  /* Preferences, dialogs and the shortcuts window count too. */
  application = gtk_window_get_application (window);
  if (application != NULL && self->application == NULL)
    {
      g_set_weak_pointer (&self->application, application);
      self->window_added_id = g_signal_connect_object (application, "window-added",
                                                       G_CALLBACK (window_added_cb), self, 0);
      for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
        if (l->data != window)
          desk_idle_lock_watch (self, l->data);
    }
}

void
_desk_idle_lock_set_last_input (DeskIdleLock *self,
                                gint64        monotonic_time)
{
  self->last_input = monotonic_time;
}

gboolean
_desk_idle_lock_check (DeskIdleLock *self)
{
  return desk_idle_lock_check (self);
}
