/* desk-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "desk-application.h"

#include "desk-preferences-window.h"
#include "desk-toast.h"
#include "desk-window.h"

struct _DeskApplication
{
  AdwApplication parent_instance;

  char *db_path;
  DeskStore *store;
  /* The database that could not be opened, while its dialog is up. */
  char *failed_path;
  gboolean restart_requested;
};

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, ADW_TYPE_APPLICATION)

static GtkWindow *
desk_application_get_main_window (DeskApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DESK_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Puts the newest sound backup in place of the damaged database (core keeps the
 * damaged file beside it, renamed). */
static gboolean
restore_latest_backup (const char  *db_path,
                       GError     **error)
{
  g_autoptr(DeskBackupInfo) backup = desk_backup_latest_sound (db_path);

  if (backup == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND, _("There is no backup to restore."));
      return FALSE;
    }

  return desk_backup_replace_damaged (db_path, backup->path, error);
}

static void desk_application_show_open_error (DeskApplication *self,
                                              const GError    *error);

static void
open_failed_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         DeskApplication  *self)
{
  if (g_str_equal (response, "restore") && self->failed_path != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_steal_pointer (&self->failed_path);

      /* Hold the application while the dialog goes and the window comes. */
      g_application_hold (G_APPLICATION (self));
      gtk_window_destroy (GTK_WINDOW (dialog));
      if (!restore_latest_backup (path, &error))
        {
          desk_application_show_open_error (self, error);
          g_application_release (G_APPLICATION (self));
          return;
        }
      g_application_activate (G_APPLICATION (self));
      g_application_release (G_APPLICATION (self));
      return;
    }

  g_clear_pointer (&self->failed_path, g_free);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
desk_application_show_open_error (DeskApplication *self,
                                  const GError    *error)
{
  GtkWidget *dialog;
  g_autoptr(DeskBackupInfo) backup = NULL;

  /* Core's message already names the file and says what to do about it. */
  dialog = adw_message_dialog_new (NULL, _("Could not open the database"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");

  /* A damaged database with a backup: offer it, and do nothing unless asked. */
  if (self->failed_path != NULL &&
      (g_error_matches (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE) ||
       g_error_matches (error, DESK_ERROR, DESK_ERROR_CORRUPT)) &&
      (backup = desk_backup_latest_sound (self->failed_path)) != NULL)
    {
      g_autofree char *body = NULL;
      /* Taken is a UTC timestamp: shown on the user's own day, not UTC's. */
      g_autofree char *day = desk_date_format_timestamp (backup->taken);

      /* Translators: under core's message about a damaged database; %s is a date and time. */
      body = g_strdup_printf (_("%s\n\nThe latest backup is from %s. Restoring it keeps the damaged "
                                "file beside it, renamed, so nothing is lost."),
                              error->message, day);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore",
                                       _("_Restore the Latest Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (open_failed_response_cb), self);

  /* Belonging to the application keeps it running while the dialog is up, and lets it
   * quit when the dialog goes. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The daily backup, once the window is up: a failure says so and never blocks. */
static gboolean
daily_backup_idle_cb (gpointer user_data)
{
  DeskApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->store == NULL || desk_store_get_path (self->store) == NULL)
    return G_SOURCE_REMOVE;

  path = desk_backup_daily (self->store, &error);
  if (path == NULL && error != NULL)
    {
      GtkWindow *window = desk_application_get_main_window (self);
      g_autofree char *message = g_strdup_printf (_("Today’s backup failed: %s"), error->message);

      g_warning ("Daily backup: %s", error->message);
      if (window != NULL)
        desk_toast_show_message (GTK_WIDGET (window), message);
    }

  return G_SOURCE_REMOVE;
}

static void
restart_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DeskApplication *self = user_data;

  /* main() starts the program again once g_application_run returns. */
  self->restart_requested = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

/* app.preferences, app.shortcuts and app.about: a window over the main one. */
static void
show_window_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DeskApplication *self = user_data;
  GtkWindow *parent = desk_application_get_main_window (self);
  const char *name = g_action_get_name (G_ACTION (action));
  GtkWindow *window;

  if (g_str_equal (name, "preferences"))
    {
      window = GTK_WINDOW (desk_preferences_window_new (self->store));
      gtk_window_set_transient_for (window, parent);
    }
  else if (g_str_equal (name, "shortcuts"))
    window = desk_application_build_shortcuts_window (parent);
  else
    window = desk_application_build_about_window (parent);

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DeskApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing the windows, rather than quitting outright, lets each save its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", show_window_activated, NULL, NULL, NULL, { 0 } },
  { "shortcuts", show_window_activated, NULL, NULL, NULL, { 0 } },
  { "about", show_window_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "restart", restart_activated, NULL, NULL, NULL, { 0 } },
};

/* Every keyboard shortcut of the application, in one place; the shortcuts window
 * (ui/desk-shortcuts-window.ui) lists the same. */
static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.lock", { "<Control>l", NULL } },
  /* Ctrl+Z and Ctrl+Shift+Z (win.undo, win.redo) are the window's own bindings, and Delete
   * and Escape the lists': all four must give way to the focused entry. */
  { "win.new", { "<Control>n", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.export-bundle", { "<Control>e", NULL } },
  { "win.show-page('overview')", { "<Control>1", NULL } },
  { "win.show-page('workplan')", { "<Control>2", NULL } },
  { "win.show-page('deliverables')", { "<Control>3", NULL } },
  { "win.show-page('budget')", { "<Control>4", NULL } },
  { "win.show-page('workshops')", { "<Control>5", NULL } },
  { "win.show-page('people')", { "<Control>6", NULL } },
  { "win.show-page('reports')", { "<Control>7", NULL } },
  { "win.show-page('exports')", { "<Control>8", NULL } },
};

static int
desk_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  DeskApplication *self = DESK_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &path) && path[0] != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_steal_pointer (&path);
    }

  return G_APPLICATION_CLASS (desk_application_parent_class)->handle_local_options (application, options);
}

static void
desk_application_startup (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);

  G_APPLICATION_CLASS (desk_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

/* Once, the first time a database with old evidence paths is opened: the files become
 * attachments, and the coordinator is told which could not be found. */
static void
show_evidence_move (GtkWindow *window,
                    DeskStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskEvidenceMove) move = desk_evidence_move_into_store (store, &error);
  g_autofree char *account = desk_evidence_move_describe (move);
  GtkWidget *dialog;

  if (error != NULL)
    g_warning ("Moving evidence files: %s", error->message);
  if (account == NULL)
    return;

  dialog = adw_message_dialog_new (window, _("Evidence Files Moved Into Groupdesk"), account);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
desk_application_activate (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);
  GtkWindow *window;

  window = desk_application_get_main_window (self);
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      path = self->db_path != NULL ? g_strdup (self->db_path) : desk_store_default_path ();
      self->store = desk_store_open (path, &error);
      if (self->store == NULL)
        {
          g_debug ("Could not open %s: %s", path, error->message);
          g_free (self->failed_path);
          self->failed_path = g_strdup (path);
          desk_application_show_open_error (self, error);
          return;
        }
    }

  window = GTK_WINDOW (desk_window_new (GTK_APPLICATION (self), self->store));
  gtk_window_present (window);
  show_evidence_move (window, self->store);

  /* After the first frame rather than before it: startup stays fast. */
  g_idle_add_full (G_PRIORITY_LOW, daily_backup_idle_cb, g_object_ref (self), g_object_unref);
}

static void
desk_application_finalize (GObject *object)
{
  DeskApplication *self = (DeskApplication *) object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->failed_path, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_application_parent_class)->finalize (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = desk_application_finalize;

  app_class->handle_local_options = desk_application_handle_local_options;
  app_class->startup = desk_application_startup;
  app_class->activate = desk_application_activate;
}

static void
desk_application_init (DeskApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of the usual one (also $GROUPDESK_DB)"),
      N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desk of an implementation group’s coordinator."));
}

DeskApplication *
desk_application_new (void)
{
  /* Templates and styles live under the release id in every profile. */
  return g_object_new (DESK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/voluntaryprinciples/Groupdesk",
                       NULL);
}

gboolean
desk_application_get_restart_requested (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), FALSE);

  return self->restart_requested;
}

DeskStore *
desk_application_get_store (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);

  return self->store;
}

GtkWindow *
desk_application_build_about_window (GtkWindow *parent)
{
  GtkWidget *about;
  const char *developers[] = { _("The Groupdesk developers"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Groupdesk",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Groupdesk developers"),
                        "developers", developers,
                        "copyright", _("© The Groupdesk developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Plans, budgets, workshops and reports for the "
                                      "in-country implementation groups of the Voluntary "
                                      "Principles on Security and Human Rights. Everything "
                                      "stays on this computer until you export it."),
                        /* Translators: your names, one per line, as you want them credited. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  if (DESK_DEVEL)
    gtk_widget_add_css_class (about, "devel");

  return GTK_WINDOW (about);
}

/* GtkShortcutsWindow heads itself with a label of its own, GTK's "Shortcuts" (快捷操作
 * in Chinese), whatever the window's title: that label gets the title the .ui file sets
 * (Keyboard Shortcuts, 键盘快捷键), as the menu item that opens the window is named. */
static void
title_shortcuts_window (GtkWindow *window)
{
  GtkWidget *bar = gtk_window_get_titlebar (window);
  GtkWidget *stack = GTK_IS_HEADER_BAR (bar) ? gtk_header_bar_get_title_widget (GTK_HEADER_BAR (bar))
                                             : NULL;
  GtkWidget *label = GTK_IS_STACK (stack) ? gtk_stack_get_child_by_name (GTK_STACK (stack), "title")
                                          : NULL;

  if (GTK_IS_LABEL (label) && gtk_window_get_title (window) != NULL)
    gtk_label_set_label (GTK_LABEL (label), gtk_window_get_title (window));
}

GtkWindow *
desk_application_build_shortcuts_window (GtkWindow *parent)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/org/voluntaryprinciples/Groupdesk/ui/desk-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, parent);
  title_shortcuts_window (window);

  return window;
}
