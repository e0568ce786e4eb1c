/* desk-window-lock.c
 *
 * Name protection in the main window. A protected store that is locked shows the
 * passphrase page (DeskUnlockView) first, or the pages with names locked once the
 * coordinator chose Continue Without Names; win.unlock (the header's Unlock…, or a
 * feature that needs names) brings the passphrase page back. The page unlocks on a
 * worker; what follows is the window's, through the store's "protection" property.
 *
 * Every change of "protection" (lock, unlock, on, off) remakes the pages, so no name read
 * before a lock stays on screen or in a model. A lock also empties the undo history (its
 * steps hold whole records, names included) and closes the dialogs that show or write
 * people. DeskIdleLock locks the store after the minutes without input set in
 * Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include "desk-window-lock-private.h"
#include "desk-window-private.h"

#include "desk-export-dialog.h"
#include "desk-protect-dialog.h"
#include "desk-signin-dialog.h"
#include "desk-unlock-view.h"

void
_desk_window_update_protection (DeskWindow *self)
{
  DeskProtection protection = self->store != NULL ? desk_store_get_protection (self->store)
                                                  : DESK_PROTECTION_OFF;

  gtk_widget_set_visible (self->lock_button, protection == DESK_PROTECTION_UNLOCKED);
  gtk_widget_set_visible (self->unlock_button, protection == DESK_PROTECTION_LOCKED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", protection == DESK_PROTECTION_UNLOCKED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", protection == DESK_PROTECTION_LOCKED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.continue-locked",
                                 protection == DESK_PROTECTION_LOCKED);
}

/* Dialogs over the window that show people or may write them (merging, deleting, a
 * sign-in sheet, a named export) go at a lock; Preferences, the protect dialog and a
 * job's progress stay. */
static void
close_name_dialogs (DeskWindow *self)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) != GTK_WINDOW (self))
        continue;
      if (ADW_IS_MESSAGE_DIALOG (window) || DESK_IS_SIGNIN_DIALOG (window) ||
          DESK_IS_EXPORT_DIALOG (window))
        g_ptr_array_add (doomed, window);
    }

  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
}

static void
protection_changed_cb (DeskWindow *self)
{
  if (desk_store_get_protection (self->store) == DESK_PROTECTION_LOCKED)
    {
      /* Its steps hold whole records, names included. */
      if (self->history != NULL)
        desk_history_clear (self->history);
      self->without_names = FALSE;
      close_name_dialogs (self);
    }

  _desk_window_remake_pages (self);
  _desk_window_update_protection (self);
  _desk_window_update_group (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->store != NULL)
    desk_store_lock (self->store);
}

/* win.unlock: the passphrase page, from the header's Unlock… or a feature that needs
 * names. */
static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->store == NULL || desk_store_get_protection (self->store) != DESK_PROTECTION_LOCKED)
    return;

  self->without_names = FALSE;
  _desk_window_update_group (self);
}

/* The passphrase page's Continue Without Names: the pages, names showing as locked. */
static void
continue_locked_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  self->without_names = TRUE;
  _desk_window_update_group (self);
}

/* win.protect: the protect dialog, from the welcome view's choice. */
static void
protect_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->store == NULL || desk_store_get_protection (self->store) != DESK_PROTECTION_OFF)
    return;

  gtk_window_present (GTK_WINDOW (desk_protect_dialog_new (self->store, DESK_PROTECT_DIALOG_PROTECT,
                                                           GTK_WINDOW (self))));
}

gboolean
_desk_window_show_locked (DeskWindow *self)
{
  GtkWidget *view;

  if (self->store == NULL || self->without_names ||
      desk_store_get_protection (self->store) != DESK_PROTECTION_LOCKED)
    return FALSE;

  /* Made only for a locked store, as the welcome view only for no group. */
  view = gtk_stack_get_child_by_name (self->main_stack, "locked");
  if (view == NULL)
    gtk_stack_add_named (self->main_stack, desk_unlock_view_new (self->store), "locked");
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") != 0)
    desk_unlock_view_reset (DESK_UNLOCK_VIEW (view));
  gtk_stack_set_visible_child_name (self->main_stack, "locked");

  return TRUE;
}

/* The protect dialog the welcome view promised */

static gboolean
protect_after_create_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->protect_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.protect", NULL);

  return G_SOURCE_REMOVE;
}

/* The group dialog has gone: with a group made, the protect dialog; cancelled, nothing. */
static void
group_dialog_destroyed_cb (DeskWindow *self)
{
  g_autoptr(DeskRecord) group = NULL;

  if (self->store != NULL)
    group = desk_store_dup_main_group (self->store);
  /* Before the next frame's layout: the group's pages are being made meanwhile. */
  if (group != NULL && self->protect_source == 0)
    self->protect_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, protect_after_create_cb, self, NULL);
}

void
_desk_window_protect_after_create (DeskWindow *self,
                                   GtkWidget  *dialog)
{
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (group_dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Set-up and tear-down, from desk-window.c */

void
_desk_window_lock_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, unlock_button);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "win.continue-locked", NULL, continue_locked_activated);
  gtk_widget_class_install_action (widget_class, "win.protect", NULL, protect_activated);
}

void
_desk_window_lock_watch (DeskWindow *self)
{
  self->protection_id = g_signal_connect_object (self->store, "notify::protection",
                                                 G_CALLBACK (protection_changed_cb), self,
                                                 G_CONNECT_SWAPPED);
  self->idle_lock = desk_idle_lock_new (self->store);
  desk_idle_lock_watch (self->idle_lock, GTK_WINDOW (self));
}

void
_desk_window_lock_dispose (DeskWindow *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->protection_id, self->store);
  g_clear_object (&self->idle_lock);
  g_clear_handle_id (&self->protect_source, g_source_remove);
}

/* Private API, for tests */

GtkWidget *
_desk_window_get_unlock_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->main_stack, "locked");
}

DeskIdleLock *
_desk_window_get_idle_lock (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->idle_lock;
}
