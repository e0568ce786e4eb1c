/* desk-unlock-view.c
 *
 * The page a protected database opens on, and comes back to after every lock: the
 * group's name, the passphrase (or the recovery key) and what went wrong. Unlocking runs
 * Argon2id, about a second, on a worker (desk_store_unlock_async): the window keeps drawing
 * and the spinner turns, while the field and the buttons wait, insensitive. The store
 * itself is touched on the main thread only, before the worker starts and in _finish. A
 * view that goes meanwhile (out of its window, disposed, or reset) cancels the unlock,
 * and its finish then does nothing: the store stays locked. What happens once names are
 * readable is the window's business: it follows the store's "protection" property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-unlock-view"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-unlock-view.h"
#include "desk-unlock-view-private.h"
#include "desk-widget-util.h"

struct _DeskUnlockView
{
  AdwBin parent_instance;

  DeskStore *store;
  gboolean recovery_mode;
  gboolean busy;
  /* While an unlock runs: cancelled when the view leaves its window, is disposed or
   * is reset. */
  GCancellable *unlocking;

  /* Template widgets */
  AdwStatusPage *status_page;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel *error_label;
  GtkButton *unlock_button;
  GtkButton *mode_button;
  GtkWidget *continue_button;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (DeskUnlockView, desk_unlock_view, ADW_TYPE_BIN)

static void
show_error (DeskUnlockView *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

static void
set_busy (DeskUnlockView *self,
          gboolean        busy)
{
  self->busy = busy;
  if (busy)
    desk_widget_drop_focus_within (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Insensitive while it runs (the focus let go first: GTK warns when a focused entry
   * turns insensitive); the field takes the focus back when the unlock fails. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (self->continue_button, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.switch-mode", !busy);
}

/* Cancels an unlock that runs: its finish will do nothing, the store stays locked. */
static void
cancel_unlock (DeskUnlockView *self)
{
  if (self->unlocking != NULL)
    g_cancellable_cancel (self->unlocking);
  g_clear_object (&self->unlocking);
}

static void
update_mode (DeskUnlockView *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                 self->recovery_mode ? _("Recovery Key") : _("Passphrase"));
  gtk_button_set_label (self->mode_button,
                        self->recovery_mode ? _("Use the _Passphrase Instead")
                                            : _("Use the _Recovery Key Instead"));
}

/* The worker is done. The task holds a reference on the view until here, so @self is
 * still an object; a view taken out of its window, disposed or reset meanwhile cancelled
 * @cancellable, and then the finish says so and leaves the store locked. */
static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskUnlockView) self = user_data;
  /* Always the view's: core passes it to its task. */
  g_autoptr(GCancellable) cancellable = g_object_ref (g_task_get_cancellable (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  gboolean unlocked;

  unlocked = desk_store_unlock_finish (DESK_STORE (source), result, &error);
  /* Unlocking made the window show its pages, which may have disposed the view (then
   * @cancellable is cancelled too): nothing of it is left to update. */
  if (g_cancellable_is_cancelled (cancellable) || self->unlocking != cancellable)
    return;

  g_clear_object (&self->unlocking);
  set_busy (self, FALSE);
  if (!unlocked)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
      return;
    }

  /* Nothing of the secret stays in the field. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_error (self, NULL);
}

static void
desk_unlock_view_start (DeskUnlockView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (self->busy || self->store == NULL)
    return;
  if (text == NULL || text[0] == '\0')
    {
      show_error (self, self->recovery_mode
                        ? _("Type the recovery key, as it was printed when protection was turned on.")
                        : _("Type the passphrase first."));
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  self->unlocking = g_cancellable_new ();
  /* Core copies the secret into guarded memory before this returns. */
  desk_store_unlock_async (self->store, text, self->recovery_mode, self->unlocking,
                           unlock_done_cb, g_object_ref (self));
}

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  desk_unlock_view_start (DESK_UNLOCK_VIEW (widget));
}

static void
switch_mode_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskUnlockView *self = DESK_UNLOCK_VIEW (widget);

  self->recovery_mode = !self->recovery_mode;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_error (self, NULL);
  update_mode (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
entry_activated_cb (DeskUnlockView *self)
{
  desk_unlock_view_start (self);
}

static void
entry_changed_cb (DeskUnlockView *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)) && !self->busy)
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

static void
desk_unlock_view_map (GtkWidget *widget)
{
  DeskUnlockView *self = DESK_UNLOCK_VIEW (widget);

  GTK_WIDGET_CLASS (desk_unlock_view_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/* A view taken out of its window (the window destroyed, say) unlocks nothing: the store
 * stays locked, and a window made later asks again. */
static void
desk_unlock_view_unroot (GtkWidget *widget)
{
  DeskUnlockView *self = DESK_UNLOCK_VIEW (widget);

  if (self->unlocking != NULL)
    {
      cancel_unlock (self);
      set_busy (self, FALSE);
    }

  GTK_WIDGET_CLASS (desk_unlock_view_parent_class)->unroot (widget);
}

static void
desk_unlock_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (desk_unlock_view_parent_class)->constructed (object);

  desk_unlock_view_reset (DESK_UNLOCK_VIEW (object));
}

static void
desk_unlock_view_dispose (GObject *object)
{
  DeskUnlockView *self = (DeskUnlockView *) object;

  cancel_unlock (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_UNLOCK_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_unlock_view_parent_class)->dispose (object);
}

static void
desk_unlock_view_class_init (DeskUnlockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_unlock_view_constructed;
  object_class->dispose = desk_unlock_view_dispose;
  widget_class->map = desk_unlock_view_map;
  widget_class->unroot = desk_unlock_view_unroot;

  desk_object_class_install_store (object_class, G_STRUCT_OFFSET (DeskUnlockView, store));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-unlock-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, status_page);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, mode_button);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "unlock.switch-mode", NULL, switch_mode_activated);
}

static void
desk_unlock_view_init (DeskUnlockView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_unlock_view_new (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_UNLOCK_VIEW, "store", store, NULL);
}

void
desk_unlock_view_reset (DeskUnlockView *self)
{
  g_autoptr(DeskRecord) group = NULL;
  const char *name = NULL;

  g_return_if_fail (DESK_IS_UNLOCK_VIEW (self));

  if (self->store != NULL)
    group = desk_store_dup_main_group (self->store);
  if (group != NULL)
    name = desk_record_get_narrative (group, "name", desk_locale_language (), NULL);
  adw_status_page_set_title (self->status_page, name != NULL ? name : "Groupdesk");

  cancel_unlock (self);
  self->recovery_mode = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_error (self, NULL);
  update_mode (self);
  set_busy (self, FALSE);
}

gboolean
desk_unlock_view_get_busy (DeskUnlockView *self)
{
  g_return_val_if_fail (DESK_IS_UNLOCK_VIEW (self), FALSE);

  return self->busy;
}

void
_desk_unlock_view_set_text (DeskUnlockView *self,
                            const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), text);
}

const char *
_desk_unlock_view_get_error (DeskUnlockView *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

gboolean
_desk_unlock_view_get_recovery_mode (DeskUnlockView *self)
{
  return self->recovery_mode;
}
