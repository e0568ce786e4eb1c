/* desk-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-preferences-window.h"
#include "desk-a11y.h"
#include "desk-toast.h"
#include "desk-preferences-window-private.h"
#include "desk-job.h"
#include "desk-protect-dialog.h"

#include "desk-widget-util.h"

struct _DeskPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  DeskStore *store;
  GSettings *settings;

  /* Template widgets */
  AdwActionRow *database_row;
  GtkButton *copy_button;
  AdwComboRow *language_row;
  AdwPreferencesPage *backups_page;
  GtkListBox *backups_list;
  AdwActionRow *protect_row;
  GtkSwitch *protect_switch;
  AdwActionRow *change_row;
  AdwComboRow *lock_after_row;
  AdwActionRow *name_row;
  GtkEntry *name_entry;

  gboolean syncing_protection;   /* set while the switch follows the store */
  GtkWidget *protect_dialog;     /* weak: the protect or change dialog open */
  AdwMessageDialog *unprotect_dialog; /* weak */

  /* The last “restart to change the language” toast, for tests. */
  AdwToast *restart_toast;
  DeskJob *job;              /* the last backup or restore started */
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of the language combo, in the order of the .ui file; the nicks of the
 * schema's Language enum. */
static const char * const language_nicks[] = { "system", "en", "zh_CN" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_nicks); i++)
    if (g_str_equal (nick, language_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (language_nicks))
    return NULL;

  return g_variant_new_string (language_nicks[selected]);
}

static void
show_toast (DeskPreferencesWindow *self,
            const char            *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Privacy: protecting names with a passphrase, and when they lock again. */

/* The choices of "Lock After", in the order of the .ui file, in minutes (0 is never). */
static const int lock_after_minutes[] = { 0, 5, 15, 30, 60 };

static gboolean
lock_after_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  int minutes = g_variant_get_int32 (variant);
  guint best = 0;

  /* A value set outside Preferences shows as the nearest choice. */
  for (guint i = 1; i < G_N_ELEMENTS (lock_after_minutes); i++)
    if (ABS (lock_after_minutes[i] - minutes) < ABS (lock_after_minutes[best] - minutes))
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
lock_after_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (lock_after_minutes))
    return NULL;

  return g_variant_new_int32 (lock_after_minutes[selected]);
}

static void
desk_preferences_window_update_protection (DeskPreferencesWindow *self)
{
  DeskProtection protection = self->store != NULL ? desk_store_get_protection (self->store)
                                                  : DESK_PROTECTION_OFF;
  const char *subtitle;

  self->syncing_protection = TRUE;
  gtk_switch_set_active (self->protect_switch, protection != DESK_PROTECTION_OFF);
  gtk_switch_set_state (self->protect_switch, protection != DESK_PROTECTION_OFF);
  self->syncing_protection = FALSE;

  switch (protection)
    {
    case DESK_PROTECTION_UNLOCKED:
      subtitle = _("On. Names are unlocked now.");
      break;
    case DESK_PROTECTION_LOCKED:
      subtitle = _("On. Names are locked now: unlock them in the main window to change the "
                   "passphrase or turn protection off.");
      break;
    case DESK_PROTECTION_OFF:
    default:
      subtitle = _("Off. Anyone who copies this computer’s disk can read people’s names and "
                   "contacts.");
      break;
    }
  adw_action_row_set_subtitle (self->protect_row, subtitle);

  gtk_widget_set_sensitive (GTK_WIDGET (self->protect_row), self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.change-passphrase",
                                 protection == DESK_PROTECTION_UNLOCKED);
}

static void
open_protect_dialog (DeskPreferencesWindow *self,
                     DeskProtectDialogMode  mode)
{
  if (self->protect_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->protect_dialog), (gpointer *) &self->protect_dialog);
  self->protect_dialog = desk_protect_dialog_new (self->store, mode, GTK_WINDOW (self));
  g_object_add_weak_pointer (G_OBJECT (self->protect_dialog), (gpointer *) &self->protect_dialog);
  gtk_window_present (GTK_WINDOW (self->protect_dialog));
}

static void
unprotect_response_cb (AdwMessageDialog      *dialog,
                       const char            *response,
                       DeskPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "unprotect") && self->store != NULL &&
      !desk_store_unprotect (self->store, &error))
    show_toast (self, error->message);
  else if (g_str_equal (response, "unprotect"))
    show_toast (self, _("Names are stored without a passphrase again"));

  desk_preferences_window_update_protection (self);
}

static void
ask_unprotect (DeskPreferencesWindow *self)
{
  GtkWidget *dialog;

  if (desk_store_get_protection (self->store) == DESK_PROTECTION_LOCKED)
    {
      show_toast (self, _("Names are locked. Unlock them in the main window first, then turn "
                          "protection off."));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop Protecting Names?"),
                                   _("People’s names, contacts and notes will be stored in plain "
                                     "text again: anyone who copies this computer’s disk can read "
                                     "them. The passphrase and the recovery key stop working."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unprotect", _("_Stop Protecting"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unprotect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unprotect_response_cb), self, 0);
  if (self->unprotect_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->unprotect_dialog), (gpointer *) &self->unprotect_dialog);
  self->unprotect_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unprotect_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The switch never changes by itself: it asks, and follows the store's "protection". */
static gboolean
protect_state_set_cb (DeskPreferencesWindow *self,
                      gboolean               state)
{
  if (self->syncing_protection)
    return FALSE;
  if (self->store == NULL)
    return TRUE;

  if (state && desk_store_get_protection (self->store) == DESK_PROTECTION_OFF)
    open_protect_dialog (self, DESK_PROTECT_DIALOG_PROTECT);
  else if (!state && desk_store_get_protection (self->store) != DESK_PROTECTION_OFF)
    ask_unprotect (self);

  desk_preferences_window_update_protection (self);
  return TRUE;
}

static void
change_passphrase_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (widget);

  if (self->store == NULL || desk_store_get_protection (self->store) != DESK_PROTECTION_UNLOCKED)
    return;

  open_protect_dialog (self, DESK_PROTECT_DIALOG_CHANGE);
}

static void
protection_changed_cb (DeskPreferencesWindow *self)
{
  desk_preferences_window_update_protection (self);
}

static void
copy_path_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (widget);
  const char *path;

  if (self->store == NULL || (path = desk_store_get_path (self->store)) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), path);
  show_toast (self, _("Path copied"));
}

static void desk_preferences_window_update_backups (DeskPreferencesWindow *self);

/* After a restore every page must read the database again: the main window makes a new
 * one on the same store (win.reload), and Preferences closes with the old. */
static void
reload_main_window (DeskPreferencesWindow *self,
                    const char            *message)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (main_window == NULL ||
      !gtk_widget_activate_action (GTK_WIDGET (main_window), "win.reload", "s", message))
    {
      show_toast (self, message);
      desk_preferences_window_update_backups (self);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/* Restoring and backing up run on a worker (desk-job.c), with their own connection. */

typedef struct
{
  char *path;                /* the backup to restore, or the one just taken */
  char *when;                /* when the backup to restore was taken, as shown */
} BackupWork;

static void
backup_work_free (gpointer data)
{
  BackupWork *work = data;

  g_free (work->path);
  g_free (work->when);
  g_free (work);
}

static gboolean
restore_work (DeskStore         *store,
              gpointer           data,
              GCancellable      *cancellable,
              DeskProgressFunc   progress,
              gpointer           progress_data,
              GError           **error)
{
  BackupWork *work = data;

  return desk_store_restore_full (store, work->path, cancellable, progress, progress_data, error);
}

static void
restore_done (DeskJob      *job,
              gpointer      data,
              const GError *error,
              gpointer      user_data)
{
  DeskPreferencesWindow *self = user_data;
  BackupWork *work = data;
  g_autofree char *message = NULL;

  /* Closed meanwhile: its list is gone. */
  if (self->backups_list == NULL)
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      desk_preferences_window_update_backups (self);
      return;
    }

  /* Translators: after a restore; %s is when the backup was taken. */
  message = g_strdup_printf (_("Restored the backup of %s"), work->when);
  reload_main_window (self, message);
}

static void
restore_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     DeskPreferencesWindow *self)
{
  BackupWork *work;

  if (!g_str_equal (response, "restore"))
    return;

  work = g_new0 (BackupWork, 1);
  work->path = g_strdup (g_object_get_data (G_OBJECT (dialog), "desk-backup-path"));
  work->when = g_strdup (g_object_get_data (G_OBJECT (dialog), "desk-backup-taken"));
  g_clear_object (&self->job);
  self->job = desk_job_start (GTK_WINDOW (self), self->store, _("Restoring the backup"),
                              restore_work, work, backup_work_free, restore_done, self);
}

static void
restore_clicked_cb (GtkButton             *button,
                    DeskPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "desk-backup-path");
  const char *taken = g_object_get_data (G_OBJECT (button), "desk-backup-taken");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("Everything goes back to how it was on %s. The current state is "
                            "backed up first, so you can come back to it from this list."),
                          taken);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "desk-backup-path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "desk-backup-taken", g_strdup (taken), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
desk_preferences_window_update_backups (DeskPreferencesWindow *self)
{
  g_autoptr(GPtrArray) backups = NULL;

  desk_widget_remove_children (GTK_WIDGET (self->backups_list));

  if (self->store != NULL && desk_store_get_path (self->store) != NULL)
    backups = desk_backup_list (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.back-up",
                                 self->store != NULL && desk_store_get_path (self->store) != NULL);

  if (backups == NULL || backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   self->store != NULL && desk_store_get_path (self->store) != NULL
                                   ? _("The first is taken today, in the background")
                                   : _("A database kept in memory has no backups"));
      gtk_list_box_append (self->backups_list, row);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *taken = desk_date_format_timestamp (info->taken);
      g_autofree char *size = g_format_size ((guint64) MAX (info->size, 0));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      /* Translators: a backup's kind and size: "Daily · 1.2 MB". */
      subtitle = g_strdup_printf (_("%s · %s"), desk_backup_kind_label (info->kind), size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), taken);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, info->path);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "desk-backup-path", g_strdup (info->path), g_free);
      g_object_set_data_full (G_OBJECT (button), "desk-backup-taken", g_strdup (taken), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->backups_list, row);
    }
}

static gboolean
back_up_work (DeskStore         *store,
              gpointer           data,
              GCancellable      *cancellable,
              DeskProgressFunc   progress,
              gpointer           progress_data,
              GError           **error)
{
  BackupWork *work = data;

  work->path = desk_backup_before_full (store, DESK_BACKUP_MANUAL, cancellable, progress,
                                        progress_data, error);

  return work->path != NULL;
}

static void
back_up_done (DeskJob      *job,
              gpointer      data,
              const GError *error,
              gpointer      user_data)
{
  DeskPreferencesWindow *self = user_data;
  BackupWork *work = data;

  /* Closed meanwhile: its list is gone. */
  if (self->backups_list == NULL)
    return;
  if (error == NULL)
    {
      /* Its path is a file the coordinator may want to copy to a USB stick. */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        desk_toast_new_show_file (_("Backed up"), work->path));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
  desk_preferences_window_update_backups (self);
}

static void
back_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (widget);

  if (self->store == NULL)
    return;

  g_clear_object (&self->job);
  self->job = desk_job_start (GTK_WINDOW (self), self->store, _("Backing up the database"),
                              back_up_work, g_new0 (BackupWork, 1), backup_work_free,
                              back_up_done, self);
}

static void
restart_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GApplication *app = g_application_get_default ();

  /* The application quits and starts again in the same process (see main.c). */
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "restart"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "restart", NULL);
}

static void
language_changed_cb (DeskPreferencesWindow *self)
{
  AdwToast *toast = adw_toast_new (_("The language changes when Groupdesk restarts"));

  adw_toast_set_button_label (toast, _("Restart _Now"));
  adw_toast_set_action_name (toast, "preferences.restart");
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_object (&self->restart_toast, toast);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* You: the name the change history records. Kept in the database, not in the settings:
 * it is the coordinator's of this group, whoever's account runs Groupdesk. */

/* The placeholder is the name used while none is saved: the account's, which
 * desk_store_dup_author gives then (and only then). */
static void
desk_preferences_window_update_placeholder (DeskPreferencesWindow *self)
{
  g_autofree char *saved = desk_store_dup_coordinator_name (self->store);
  g_autofree char *fallback = NULL;

  if (saved != NULL)
    return;
  fallback = desk_store_dup_author (self->store);
  gtk_entry_set_placeholder_text (self->name_entry, fallback);
}

static void
desk_preferences_window_update_name (DeskPreferencesWindow *self)
{
  g_autofree char *saved = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), self->store != NULL);
  if (self->store == NULL)
    return;

  saved = desk_store_dup_coordinator_name (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), saved != NULL ? saved : "");
  desk_preferences_window_update_placeholder (self);
}

/* Saves the name typed when it differs from the one saved. */
static void
desk_preferences_window_save_name (DeskPreferencesWindow *self)
{
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* The focus also leaves while the window goes: its template may be gone by then. */
  if (self->store == NULL || self->name_entry == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  saved = desk_store_dup_coordinator_name (self->store);
  if (g_strcmp0 (saved != NULL ? saved : "", text) == 0)
    return;

  if (!desk_store_set_coordinator_name (self->store, text, &error))
    {
      show_toast (self, error->message);
      return;
    }
  desk_preferences_window_update_placeholder (self);
}

static void
name_entry_activated_cb (DeskPreferencesWindow *self)
{
  desk_preferences_window_save_name (self);
}

static void
name_focus_left_cb (DeskPreferencesWindow *self)
{
  desk_preferences_window_save_name (self);
}

static void
desk_preferences_window_update_database (DeskPreferencesWindow *self)
{
  const char *path = self->store != NULL ? desk_store_get_path (self->store) : NULL;

  if (path != NULL)
    {
      adw_action_row_set_subtitle (self->database_row, path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_row), path);
    }
  else
    {
      adw_action_row_set_subtitle (self->database_row,
                                   _("Kept in memory only: nothing is saved when Groupdesk closes"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_row), NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.copy-path", path != NULL);
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = (DeskPreferencesWindow *) object;

  /* Closed while a backup or restore runs: a restore is stopped only before it replaces
   * anything, a backup leaves no file. */
  if (self->job != NULL)
    desk_job_cancel (self->job);
  g_clear_object (&self->job);
  if (self->protect_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->protect_dialog), (gpointer *) &self->protect_dialog);
  self->protect_dialog = NULL;
  if (self->unprotect_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->unprotect_dialog, self);
      g_object_remove_weak_pointer (G_OBJECT (self->unprotect_dialog), (gpointer *) &self->unprotect_dialog);
    }
  self->unprotect_dialog = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->restart_toast);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_constructed (GObject *object)
{
  DeskPreferencesWindow *self = (DeskPreferencesWindow *) object;

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->constructed (object);

  desk_preferences_window_update_database (self);
  desk_preferences_window_update_backups (self);
  desk_preferences_window_update_name (self);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "notify::protection", G_CALLBACK (protection_changed_cb),
                             self, G_CONNECT_SWAPPED);
  desk_preferences_window_update_protection (self);
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_preferences_window_constructed;
  object_class->dispose = desk_preferences_window_dispose;

  desk_object_class_install_store (object_class, G_STRUCT_OFFSET (DeskPreferencesWindow, store));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, copy_button);
  gtk_widget_class_bind_template_child_full (widget_class, "backup_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, backups_page);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, backups_list);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, protect_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, protect_switch);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, change_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, lock_after_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, name_entry);
  gtk_widget_class_bind_template_callback (widget_class, protect_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "preferences.copy-path", NULL, copy_path_activated);
  gtk_widget_class_install_action (widget_class, "preferences.back-up", NULL, back_up_activated);
  gtk_widget_class_install_action (widget_class, "preferences.restart", NULL, restart_activated);
  gtk_widget_class_install_action (widget_class, "preferences.change-passphrase", NULL,
                                   change_passphrase_activated);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_toast_install_actions (GTK_WIDGET (self));

  /* Every control said once by a name: the Back Up Now button by its label, Your Name by
   * its row's title. */
  desk_a11y_name_controls (GTK_WIDGET (self));

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (focus, "leave", G_CALLBACK (name_focus_left_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->name_entry), focus);
  }

  /* Without the schema the language cannot be kept: the row says so by being off. */
  self->settings = desk_settings_new_if_installed ();
  if (self->settings != NULL)
    {
      g_settings_bind_with_mapping (self->settings, "language",
                                    self->language_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    language_get_mapping, language_set_mapping,
                                    NULL, NULL);
      g_signal_connect_object (self->settings, "changed::language",
                               G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
      g_settings_bind_with_mapping (self->settings, "lock-after-minutes",
                                    self->lock_after_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    lock_after_get_mapping, lock_after_set_mapping,
                                    NULL, NULL);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->lock_after_row), FALSE);
    }
}

GtkWidget *
desk_preferences_window_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       NULL);
}

DeskStore *
desk_preferences_window_get_store (DeskPreferencesWindow *self)
{
  g_return_val_if_fail (DESK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}

AdwToast *
_desk_preferences_window_get_restart_toast (DeskPreferencesWindow *self)
{
  return self->restart_toast;
}

GObject *
_desk_preferences_window_get_job (DeskPreferencesWindow *self)
{
  g_return_val_if_fail (DESK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->job != NULL ? G_OBJECT (self->job) : NULL;
}

GtkListBox *
_desk_preferences_window_get_backups_list (DeskPreferencesWindow *self)
{
  return self->backups_list;
}

void
_desk_preferences_window_update_backups (DeskPreferencesWindow *self)
{
  desk_preferences_window_update_backups (self);
}

GtkSwitch *
_desk_preferences_window_get_protect_switch (DeskPreferencesWindow *self)
{
  return self->protect_switch;
}

GtkWidget *
_desk_preferences_window_get_protect_dialog (DeskPreferencesWindow *self)
{
  return self->protect_dialog;
}

AdwMessageDialog *
_desk_preferences_window_get_unprotect_dialog (DeskPreferencesWindow *self)
{
  return self->unprotect_dialog;
}

AdwComboRow *
_desk_preferences_window_get_lock_after_row (DeskPreferencesWindow *self)
{
  return self->lock_after_row;
}

GtkEntry *
_desk_preferences_window_get_name_entry (DeskPreferencesWindow *self)
{
  return self->name_entry;
}
