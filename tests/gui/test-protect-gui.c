/* test-protect-gui.c — the app side of name protection: the passphrase page, locking
 * (win.lock, idle), the locked People page, the protect dialog and Preferences
 *
 * Protection is turned on with desk_kdf_cost_fastest(), so each unlock takes a moment
 * rather than Argon2id's second. Argon2id runs on a worker: the tests iterate the main
 * context until its result arrives, failing only after a generous limit (the machine is
 * shared and loaded), never on how long it took.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gui-common.h"

#include "desk-export-dialog.h"
#include "desk-exports-page-private.h"
#include "desk-idle-lock-private.h"
#include "desk-checkin.h"
#include "desk-checkin-private.h"
#include "desk-job.h"
#include "desk-preferences-window-private.h"
#include "desk-protect-dialog.h"
#include "desk-protect-dialog-private.h"
#include "desk-unlock-view.h"
#include "desk-unlock-view-private.h"
#include "desk-widget-util.h"
#include "desk-window-private.h"

#define PASSPHRASE "correct horse battery staple"

static const char * const page_names[] = {
  "overview", "workplan", "deliverables", "budget",
  "workshops", "people", "reports", "exports",
};

/* A database in a folder of its own, with the sample group; its path and folder are
 * freed and removed by the caller (remove_database). */
static DeskStore *
new_file_store (char **dir,
                char **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  DeskStore *store;

  *dir = g_dir_make_tmp ("groupdesk-protect-XXXXXX", &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "groupdesk.db", NULL);
  store = desk_store_open (*path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);

  return store;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
protect_store (DeskStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) key = NULL;

  key = desk_store_protect (store, PASSPHRASE, desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
}

/* A protected database opened again: locked, as the app finds it at start. */
static DeskStore *
reopen_locked (const char *path)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);

  return store;
}

static DeskUnlockView *
unlock_view (DeskWindow *window)
{
  GtkWidget *view = _desk_window_get_unlock_view (window);

  g_assert_true (DESK_IS_UNLOCK_VIEW (view));

  return DESK_UNLOCK_VIEW (view);
}

/* How long a worker's result may take to arrive before a test gives up: far more than
 * Argon2id needs, even on a loaded machine. A limit, not a measure. */
#define RESULT_LIMIT_SECONDS 100

static gboolean
limit_reached_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @done (@data) is TRUE, failing after the limit. */
static void
iterate_until (gboolean (*done) (gpointer data),
               gpointer   data)
{
  gboolean expired = FALSE;
  guint limit = g_timeout_add_seconds (RESULT_LIMIT_SECONDS, limit_reached_cb, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (limit);
}

static gboolean
unlock_view_idle (gpointer data)
{
  return !desk_unlock_view_get_busy (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Types @text and presses Unlock, then waits for the unlock to end. */
static void
try_unlock (DeskWindow *window,
            const char *text)
{
  DeskUnlockView *view = unlock_view (window);

  _desk_unlock_view_set_text (view, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "unlock.unlock", NULL));
  g_assert_true (desk_unlock_view_get_busy (view));
  iterate_until (unlock_view_idle, view);
  wait_a_moment (10);
}

static GtkWidget *
people_lock_stack (GtkWidget *page)
{
  return template_child (page, DESK_TYPE_PEOPLE_PAGE, "lock_stack");
}

/* A protected database opens on the passphrase page, with the group's name; a wrong
 * passphrase says so and stays; the right one shows the pages, names readable. */
static void
test_opens_locked (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) first = new_file_store (&dir, &path);
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *group_name = main_group_name (first);
  DeskWindow *window;
  GtkWidget *lock_button;
  GtkWidget *unlock_button;

  protect_store (first);
  g_clear_object (&first);
  store = reopen_locked (path);

  window = new_window (store);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");
  g_assert_true (shows_text (GTK_WIDGET (unlock_view (window)), group_name));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (unlock_view (window))));

  /* Wrong: core's sentence under the field, still locked, still the passphrase page. */
  try_unlock (window, "not the passphrase at all");
  g_assert_nonnull (_desk_unlock_view_get_error (unlock_view (window)));
  g_assert_nonnull (strstr (_desk_unlock_view_get_error (unlock_view (window)), "Wrong passphrase"));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");

  /* Nothing typed: a sentence, and no unlock tried. */
  _desk_unlock_view_set_text (unlock_view (window), "");
  gtk_widget_activate_action (GTK_WIDGET (unlock_view (window)), "unlock.unlock", NULL);
  g_assert_false (desk_unlock_view_get_busy (unlock_view (window)));
  g_assert_nonnull (_desk_unlock_view_get_error (unlock_view (window)));

  /* Right: the Overview, names readable, the header offers to lock. */
  try_unlock (window, PASSPHRASE);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  lock_button = template_child (window, DESK_TYPE_WINDOW, "lock_button");
  unlock_button = template_child (window, DESK_TYPE_WINDOW, "unlock_button");
  g_assert_true (gtk_widget_get_visible (lock_button));
  g_assert_false (gtk_widget_get_visible (unlock_button));

  destroy_window (window);
  g_clear_object (&store);
  remove_tree (dir);
}

/* The recovery key unlocks from the same page, after "Use the Recovery Key Instead". */
static void
test_unlock_with_recovery_key (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) first = new_file_store (&dir, &path);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) key = NULL;
  DeskWindow *window;

  key = desk_store_protect (first, PASSPHRASE, desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  g_clear_object (&first);
  store = reopen_locked (path);

  window = new_window (store);
  g_assert_false (_desk_unlock_view_get_recovery_mode (unlock_view (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock_view (window)), "unlock.switch-mode", NULL));
  g_assert_true (_desk_unlock_view_get_recovery_mode (unlock_view (window)));

  /* The passphrase is not a recovery key. */
  try_unlock (window, PASSPHRASE);
  g_assert_nonnull (_desk_unlock_view_get_error (unlock_view (window)));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);

  try_unlock (window, key);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");

  destroy_window (window);
  g_clear_object (&store);
  remove_tree (dir);
}

/* win.lock (Ctrl+L): the store locks, the passphrase page comes back, the undo history
 * is emptied and every page is made again; Continue Without Names shows the People page
 * as locked, and win.unlock the passphrase page again. */
static void
test_lock (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(DeskRecord) person = NULL;
  DeskHistory *history;
  DeskWindow *window;
  GtkWidget *page;
  GtkWidget *old_page;

  protect_store (store);
  window = new_window (store);
  history = desk_window_get_history (window);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");

  /* The People page, built, with names; and a name changed, which Ctrl+Z could undo. */
  page = show_page (window, "people");
  g_assert_nonnull (_desk_people_page_get_person_list (DESK_PEOPLE_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (people_lock_stack (page))), ==, "content");
  people = desk_store_list (store, DESK_KIND_PERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  person = desk_record_copy (g_ptr_array_index (people, 0));
  desk_record_set_string (person, "name", "Ama Mensah-Owusu");
  g_assert_true (desk_history_update (history, person, &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_can_undo (history));

  old_page = page;
  g_object_add_weak_pointer (G_OBJECT (old_page), (gpointer *) &old_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");
  g_assert_false (desk_history_can_undo (history));
  /* The page that showed names is gone, with its models. */
  g_assert_null (old_page);
  /* Locking twice is nothing. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL) &&
                  desk_store_get_protection (store) != DESK_PROTECTION_LOCKED);

  /* Without names: the pages, the People page saying names are locked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.continue-locked", NULL));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "people");
  page = gtk_stack_get_child_by_name (GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack")),
                                      "people");
  g_assert_true (desk_page_ensure_built (DESK_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (people_lock_stack (page))), ==, "locked");
  g_assert_true (shows_text (people_lock_stack (page), "Names Are Locked"));
  g_assert_null (_desk_people_page_get_person_list (DESK_PEOPLE_PAGE (page)));
  g_assert_true (gtk_widget_get_visible (template_child (window, DESK_TYPE_WINDOW, "unlock_button")));
  g_assert_false (gtk_widget_get_visible (template_child (window, DESK_TYPE_WINDOW, "lock_button")));

  /* Every page works without names: workplans, budgets and counts are not sealed, and
   * a person shows as "Name locked" wherever one is listed. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *shown = show_page (window, page_names[i]);

      if (DESK_IS_PAGE (shown))
        g_assert_true (desk_page_ensure_built (DESK_PAGE (shown)));
      wait_a_moment (20);
    }

  /* Unlock… brings the passphrase page back; unlocking shows the lists again. */
  show_page (window, "people");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");
  try_unlock (window, PASSPHRASE);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "people");
  page = gtk_stack_get_child_by_name (GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack")),
                                      "people");
  g_assert_nonnull (_desk_people_page_get_person_list (DESK_PEOPLE_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (people_lock_stack (page))), ==, "content");

  destroy_window (window);
}

/* After the minutes of "lock-after-minutes" without input the store locks; 0 never. */
static void
test_idle_lock (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(GSettings) settings = desk_settings_new_if_installed ();
  DeskIdleLock *idle;
  DeskWindow *window;

  protect_store (store);
  window = new_window (store);
  g_assert_nonnull (settings);
  idle = _desk_window_get_idle_lock (window);
  g_assert_nonnull (idle);

  g_settings_set_int (settings, "lock-after-minutes", 15);
  /* Input a moment ago: nothing. */
  _desk_idle_lock_set_last_input (idle, g_get_monotonic_time ());
  g_assert_false (_desk_idle_lock_check (idle));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);

  /* Never: not even after a day. */
  g_settings_set_int (settings, "lock-after-minutes", 0);
  _desk_idle_lock_set_last_input (idle, g_get_monotonic_time () - (gint64) 24 * 3600 * G_USEC_PER_SEC);
  g_assert_false (_desk_idle_lock_check (idle));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);

  /* Sixteen minutes without input, fifteen allowed: locked, the passphrase page shown. */
  g_settings_set_int (settings, "lock-after-minutes", 15);
  _desk_idle_lock_set_last_input (idle, g_get_monotonic_time () - (gint64) 16 * 60 * G_USEC_PER_SEC);
  g_assert_true (_desk_idle_lock_check (idle));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");

  g_settings_reset (settings, "lock-after-minutes");
  destroy_window (window);
}

static DeskProtectDialog *
new_dialog (DeskStore             *store,
            DeskProtectDialogMode  mode)
{
  DeskProtectDialog *dialog = DESK_PROTECT_DIALOG (desk_protect_dialog_new (store, mode, NULL));

  g_object_ref (dialog);
  _desk_protect_dialog_set_kdf_cost (dialog, desk_kdf_cost_fastest ());
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  return dialog;
}

static gboolean
dialog_idle (gpointer data)
{
  return !_desk_protect_dialog_get_busy (data);
}

static void
wait_dialog (DeskProtectDialog *dialog)
{
  iterate_until (dialog_idle, dialog);
  wait_a_moment (10);
}

/* The button waits for two equal passphrases long enough; the strength shows as typed. */
static void
test_dialog_refuses (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskProtectDialog *dialog = new_dialog (store, DESK_PROTECT_DIALOG_PROTECT);

  g_assert_false (_desk_protect_dialog_can_apply (dialog));
  g_assert_null (_desk_protect_dialog_get_error (dialog));

  /* Too short, twice: refused, and the hint says why. */
  _desk_protect_dialog_set_texts (dialog, "abc", "abc");
  g_assert_false (_desk_protect_dialog_can_apply (dialog));
  g_assert_cmpfloat (_desk_protect_dialog_get_strength (dialog), ==, DESK_PASSPHRASE_TOO_SHORT);
  g_assert_cmpstr (_desk_protect_dialog_get_hint (dialog), !=, "");

  /* Two different: refused, with core's sentence. */
  _desk_protect_dialog_set_texts (dialog, PASSPHRASE, "correct horse battery stapel");
  g_assert_false (_desk_protect_dialog_can_apply (dialog));
  g_assert_nonnull (_desk_protect_dialog_get_error (dialog));
  g_assert_cmpfloat (_desk_protect_dialog_get_strength (dialog), >, DESK_PASSPHRASE_TOO_SHORT);

  /* Activating anyway does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "protect.apply", NULL);
  wait_dialog (dialog);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_OFF);

  /* The same, long enough: the button is there, the error gone. */
  _desk_protect_dialog_set_texts (dialog, PASSPHRASE, PASSPHRASE);
  g_assert_true (_desk_protect_dialog_can_apply (dialog));
  g_assert_null (_desk_protect_dialog_get_error (dialog));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_OFF);

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_a_moment (10);
  g_assert_finalize_object (dialog);
}

/* Turning protection on shows the recovery key once; Done waits for the box; the key
 * unlocks a fresh store opened on the same file. */
static void
test_dialog_recovery_key (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) store = new_file_store (&dir, &path);
  g_autoptr(DeskStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  DeskProtectDialog *dialog = new_dialog (store, DESK_PROTECT_DIALOG_PROTECT);
  DeskProtectDialog *weak;

  _desk_protect_dialog_set_texts (dialog, PASSPHRASE, PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "protect.apply", NULL));
  g_assert_true (_desk_protect_dialog_get_busy (dialog));
  wait_dialog (dialog);

  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_cmpstr (_desk_protect_dialog_get_page (dialog), ==, "key");
  g_assert_nonnull (_desk_protect_dialog_get_recovery_key (dialog));
  key = g_strdup (_desk_protect_dialog_get_recovery_key (dialog));
  /* Shown in lines of four groups: the first line is the key's first four. */
  {
    g_autofree char *first_line = g_strndup (key, 19);

    g_assert_true (shows_text (GTK_WIDGET (dialog), first_line));
  }

  /* Closing before the key is kept is refused; Done waits for the box. */
  gtk_window_close (GTK_WINDOW (dialog));
  wait_a_moment (10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, DESK_TYPE_PROTECT_DIALOG, "done_button")));
  _desk_protect_dialog_confirm_written (dialog);
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, DESK_TYPE_PROTECT_DIALOG, "done_button")));

  /* The key shown is the one of this database. */
  fresh = reopen_locked (path);
  g_assert_false (desk_store_unlock_with_recovery_key (fresh, "AAAA-BBBB-CCCC-DDDD", NULL));
  g_assert_true (desk_store_unlock_with_recovery_key (fresh, key, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (fresh), ==, DESK_PROTECTION_UNLOCKED);
  g_clear_object (&fresh);

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "protect.done", NULL));
  wait_a_moment (10);
  g_object_unref (dialog);
  g_assert_null (weak);

  g_clear_object (&store);
  remove_tree (dir);
}

/* Changing the passphrase: the old one stops unlocking, the new one does. */
static void
test_dialog_change (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) store = new_file_store (&dir, &path);
  g_autoptr(DeskStore) fresh = NULL;
  DeskProtectDialog *dialog;
  DeskProtectDialog *weak;

  protect_store (store);
  dialog = new_dialog (store, DESK_PROTECT_DIALOG_CHANGE);
  _desk_protect_dialog_set_texts (dialog, "a new and longer passphrase", "a new and longer passphrase");
  g_assert_true (_desk_protect_dialog_can_apply (dialog));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "protect.apply", NULL));
  wait_dialog (dialog);
  g_object_unref (dialog);
  wait_a_moment (10);
  g_assert_null (weak);

  fresh = reopen_locked (path);
  g_assert_false (desk_store_unlock (fresh, PASSPHRASE, NULL));
  g_assert_true (desk_store_unlock (fresh, "a new and longer passphrase", NULL));

  g_clear_object (&fresh);
  g_clear_object (&store);
  remove_tree (dir);
}

/* Preferences: the switch asks (the protect dialog, or a confirmation) and follows the
 * store; Change Passphrase… only while unlocked. */
static void
test_preferences (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskPreferencesWindow *prefs = DESK_PREFERENCES_WINDOW (desk_preferences_window_new (store));
  GtkSwitch *toggle;
  AdwMessageDialog *confirm;

  g_object_ref (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_a_moment (20);
  toggle = _desk_preferences_window_get_protect_switch (prefs);
  g_assert_false (gtk_switch_get_active (toggle));

  /* On: the protect dialog, and nothing protected until it is done. */
  gtk_switch_set_active (toggle, TRUE);
  wait_a_moment (10);
  g_assert_true (DESK_IS_PROTECT_DIALOG (_desk_preferences_window_get_protect_dialog (prefs)));
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_OFF);
  gtk_window_destroy (GTK_WINDOW (_desk_preferences_window_get_protect_dialog (prefs)));
  wait_a_moment (10);
  g_assert_null (_desk_preferences_window_get_protect_dialog (prefs));

  /* Protected elsewhere: the switch follows. */
  protect_store (store);
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.change-passphrase", NULL));
  wait_a_moment (10);
  g_assert_true (DESK_IS_PROTECT_DIALOG (_desk_preferences_window_get_protect_dialog (prefs)));
  gtk_window_destroy (GTK_WINDOW (_desk_preferences_window_get_protect_dialog (prefs)));
  wait_a_moment (10);

  /* Locked: off is refused with a toast, no confirmation. */
  desk_store_lock (store);
  gtk_switch_set_active (toggle, FALSE);
  wait_a_moment (10);
  g_assert_null (_desk_preferences_window_get_unprotect_dialog (prefs));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);
  g_assert_true (desk_store_unlock (store, PASSPHRASE, NULL));

  /* Off: a confirmation; Cancel keeps protection, Stop Protecting ends it. */
  gtk_switch_set_active (toggle, FALSE);
  wait_a_moment (10);
  confirm = _desk_preferences_window_get_unprotect_dialog (prefs);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  wait_a_moment (10);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_true (gtk_switch_get_active (toggle));

  gtk_switch_set_active (toggle, FALSE);
  wait_a_moment (10);
  confirm = _desk_preferences_window_get_unprotect_dialog (prefs);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "unprotect");
  wait_a_moment (10);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_OFF);
  g_assert_false (gtk_switch_get_active (toggle));

  gtk_window_destroy (GTK_WINDOW (prefs));
  wait_a_moment (10);
  g_assert_finalize_object (prefs);
}

/* A named or pseudonymous export needs names: locked, the choice asks to unlock and
 * stays aggregate. */
static void
test_export_asks (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskExportDialog *dialog;

  protect_store (store);
  desk_store_lock (store);
  dialog = desk_export_dialog_new (NULL, store, DESK_EXPORT_BUNDLE);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_NAMED);
  g_assert_cmpint (_desk_export_dialog_get_privacy (dialog), ==, DESK_PRIVACY_AGGREGATE);
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_AGGREGATE);

  /* Unlocked: named, and the dialog says the names leave in plain text. */
  g_assert_true (desk_store_unlock (store, PASSPHRASE, NULL));
  _desk_export_dialog_set_privacy (dialog, DESK_PRIVACY_NAMED);
  g_assert_cmpint (_desk_export_dialog_get_privacy (dialog), ==, DESK_PRIVACY_NAMED);
  g_assert_nonnull (strstr (_desk_export_dialog_get_privacy_sentence (dialog), "plain text"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_a_moment (20);
  g_assert_finalize_object (dialog);
}

/* Check-in finds people by name: locked, it asks to unlock instead of starting, and
 * Unlock… shows the passphrase page. A sign-in sheet is refused. */
static void
test_checkin_asks (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, NULL, &error);
  const char *workshop;
  AdwMessageDialog *ask;
  DeskWindow *window;
  GtkWidget *page;

  g_assert_no_error (error);
  g_assert_cmpuint (workshops->len, >, 0);
  workshop = desk_record_get_uuid (g_ptr_array_index (workshops, 0));
  protect_store (store);
  desk_store_lock (store);

  window = new_window (store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.continue-locked", NULL));
  page = show_page (window, "workshops");
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_null (find_message_dialog ());
  g_assert_true (gtk_widget_activate_action (page, "workshops.checkin", NULL));
  wait_a_moment (10);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (_desk_workshops_page_get_checkin (DESK_WORKSHOPS_PAGE (page)))));
  ask = find_message_dialog ();
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Names Are Locked");

  /* A sign-in sheet is names too: refused before the file is read, in core's words. */
  {
    g_autoptr(GFile) sheet = g_file_new_for_path ("/nonexistent/sign-in.csv");
    g_autoptr(GError) locked = NULL;

    g_assert_null (_desk_workshops_page_import_file (DESK_WORKSHOPS_PAGE (page), sheet, &locked));
    g_assert_error (locked, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  }

  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (ask, "unlock");
  gtk_window_destroy (GTK_WINDOW (ask));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "locked");

  destroy_window (window);
}

/* The welcome view's "protect names", checked, opens the protect dialog once the group
 * is created; unchecked, it does not. */
static void
test_welcome_protects (void)
{
  for (int checked = 0; checked <= 1; checked++)
    {
      g_autoptr(DeskStore) store = new_store (FALSE);
      DeskWindow *window = new_window (store);
      GtkStack *main_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "main_stack"));
      DeskWelcomeView *welcome = DESK_WELCOME_VIEW (gtk_stack_get_child_by_name (main_stack, "welcome"));
      DeskGroupDialog *dialog;
      GtkWidget *protect;

      g_assert_true (desk_welcome_view_get_protect (welcome));
      desk_welcome_view_set_protect (welcome, checked);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-group", NULL));
      wait_a_moment (10);
      dialog = find_group_dialog ();
      g_assert_nonnull (dialog);
      gtk_editable_set_text (GTK_EDITABLE (template_child (dialog, DESK_TYPE_GROUP_DIALOG, "name_row")),
                             "Test Group");
      adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (dialog, DESK_TYPE_GROUP_DIALOG, "country_row")),
                                  choice_position (store, "country", "GH", 1));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "group.create", NULL));
      wait_a_moment (20);
      g_assert_null (find_group_dialog ());
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");

      /* The dialog comes in an idle after the group's pages are made: on a busy machine
       * that is a while. Waited for when it should come; given the same while when not. */
      protect = NULL;
      for (guint tries = 0; protect == NULL && tries < 100; tries++)
        {
          GListModel *toplevels = gtk_window_get_toplevels ();

          wait_a_moment (20);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
            {
              g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

              if (DESK_IS_PROTECT_DIALOG (toplevel))
                protect = GTK_WIDGET (toplevel);
            }
          if (!checked && tries >= 10)
            break;
        }
      g_assert_true ((protect != NULL) == checked);
      if (protect != NULL)
        gtk_window_destroy (GTK_WINDOW (protect));
      g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_OFF);

      destroy_window (window);
    }
}

/* What the window does while an unlock runs, seen from a frame clock tick. */
typedef struct
{
  DeskStore *store;
  DeskUnlockView *view;
  guint ticks_while_unlocking;
} Drawing;

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  Drawing *drawing = user_data;

  if (desk_unlock_view_get_busy (drawing->view) &&
      desk_store_get_protection (drawing->store) == DESK_PROTECTION_LOCKED)
    drawing->ticks_while_unlocking++;

  return G_SOURCE_CONTINUE;
}

/* The window keeps drawing while Argon2id runs: the unlock returns at once, with the
 * store still locked, the spinner turning and the field insensitive, and frames are
 * drawn before the result arrives. The key is derived at a cost that takes longer than
 * a frame (64 MiB), not the fastest. */
static void
test_unlock_keeps_drawing (void)
{
  static const DeskKdfCost slower = { 4, 64 * 1024 * 1024 };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) first = new_file_store (&dir, &path);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) key = NULL;
  Drawing drawing = { 0 };
  DeskWindow *window;
  GtkWidget *row;
  guint tick_id;

  key = desk_store_protect (first, PASSPHRASE, &slower, &error);
  g_assert_no_error (error);
  g_clear_object (&first);
  store = reopen_locked (path);
  window = new_window (store);

  drawing.store = store;
  drawing.view = unlock_view (window);
  row = template_child (drawing.view, DESK_TYPE_UNLOCK_VIEW, "passphrase_row");
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_tick_cb, &drawing, NULL);

  _desk_unlock_view_set_text (drawing.view, PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (drawing.view), "unlock.unlock", NULL));
  /* Returned before the key is derived. */
  g_assert_true (desk_unlock_view_get_busy (drawing.view));
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (template_child (drawing.view, DESK_TYPE_UNLOCK_VIEW,
                                                                        "spinner"))));
  g_assert_false (gtk_widget_get_sensitive (template_child (drawing.view, DESK_TYPE_UNLOCK_VIEW,
                                                            "continue_button")));

  iterate_until (unlock_view_idle, drawing.view);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);

  g_test_message ("%u frames while unlocking", drawing.ticks_while_unlocking);
  g_assert_cmpuint (drawing.ticks_while_unlocking, >, 0);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_true (gtk_widget_get_sensitive (row));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");

  destroy_window (window);
  g_clear_object (&store);
  remove_tree (dir);
}

/* A window destroyed while its passphrase page unlocks: the view cancels, goes once the
 * worker is done, nothing crashes, and the store stays locked. */
static void
test_destroy_while_unlocking (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) first = new_file_store (&dir, &path);
  g_autoptr(DeskStore) store = NULL;
  DeskUnlockView *view;
  DeskWindow *window;

  protect_store (first);
  g_clear_object (&first);
  store = reopen_locked (path);
  window = new_window (store);

  view = unlock_view (window);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  _desk_unlock_view_set_text (view, PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "unlock.unlock", NULL));
  g_assert_true (desk_unlock_view_get_busy (view));

  /* Out of the window, the view cancels: its finish leaves the store locked. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  /* The worker's task holds the view until its result arrives. */
  iterate_until (pointer_cleared, &view);
  wait_a_moment (10);
  g_assert_cmpint (desk_store_get_protection (store), ==, DESK_PROTECTION_LOCKED);

  g_clear_object (&store);
  remove_tree (dir);
}

/* The protect dialog cannot be closed while it works; destroyed all the same (its
 * parent going), it cancels: nothing crashes and protection stays off. The same for
 * changing the passphrase: the old one still unlocks. */
static void
test_dialog_destroyed_while_working (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) store = new_file_store (&dir, &path);
  g_autoptr(DeskStore) fresh = NULL;

  for (int mode = DESK_PROTECT_DIALOG_PROTECT; mode <= DESK_PROTECT_DIALOG_CHANGE; mode++)
    {
      DeskProtectDialog *dialog;

      if (mode == DESK_PROTECT_DIALOG_CHANGE)
        protect_store (store);
      dialog = new_dialog (store, mode);
      _desk_protect_dialog_set_texts (dialog, "a new and longer passphrase", "a new and longer passphrase");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "protect.apply", NULL));
      g_assert_true (_desk_protect_dialog_get_busy (dialog));

      /* Closing is refused while it works. */
      gtk_window_close (GTK_WINDOW (dialog));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      g_assert_true (_desk_protect_dialog_get_busy (dialog));

      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      g_object_unref (dialog);
      /* The worker's task holds the dialog until its result arrives. */
      iterate_until (pointer_cleared, &dialog);
      wait_a_moment (10);
      g_assert_cmpint (desk_store_get_protection (store), ==,
                       (mode == DESK_PROTECT_DIALOG_PROTECT ? DESK_PROTECTION_OFF : DESK_PROTECTION_UNLOCKED));
    }

  /* Protection was turned on by the test alone, with PASSPHRASE, which still unlocks. */
  fresh = reopen_locked (path);
  g_assert_false (desk_store_unlock (fresh, "a new and longer passphrase", NULL));
  g_assert_true (desk_store_unlock (fresh, PASSPHRASE, NULL));

  g_clear_object (&fresh);
  g_clear_object (&store);
  remove_tree (dir);
}

static gboolean
names_readable_work (DeskStore         *store,
                     gpointer           data,
                     GCancellable      *cancellable,
                     DeskProgressFunc   progress,
                     gpointer           progress_data,
                     GError           **error)
{
  *(int *) data = desk_store_names_readable (store) ? 1 : 0;

  return TRUE;
}

static void
job_done (DeskJob      *job,
          gpointer      data,
          const GError *error,
          gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A job of an unlocked store can read names: a worker's own connection would open
 * locked, so it runs on the window's store; a store without protection still uses the
 * worker. */
static void
test_job_sees_names (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskStore) store = new_file_store (&dir, &path);
  g_autoptr(DeskJob) plain = NULL;
  g_autoptr(DeskJob) job = NULL;
  int readable_plain = -1;
  int readable = -1;
  gboolean done = FALSE;

  plain = desk_job_start (NULL, store, "Reading names", names_readable_work, &readable_plain, NULL,
                          job_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (desk_job_on_worker (plain));
  g_assert_cmpint (readable_plain, ==, 1);

  protect_store (store);
  done = FALSE;
  job = desk_job_start (NULL, store, "Reading names", names_readable_work, &readable, NULL,
                        job_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* On the worker still: its own connection took a copy of the window's key. */
  g_assert_true (desk_job_on_worker (job));
  g_assert_cmpint (readable, ==, 1);

  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/protect/opens-locked", test_opens_locked);
  g_test_add_func ("/gui/protect/recovery-key-unlocks", test_unlock_with_recovery_key);
  g_test_add_func ("/gui/protect/unlock-keeps-drawing", test_unlock_keeps_drawing);
  g_test_add_func ("/gui/protect/destroy-while-unlocking", test_destroy_while_unlocking);
  g_test_add_func ("/gui/protect/lock", test_lock);
  g_test_add_func ("/gui/protect/idle-lock", test_idle_lock);
  g_test_add_func ("/gui/protect/dialog-refuses", test_dialog_refuses);
  g_test_add_func ("/gui/protect/dialog-recovery-key", test_dialog_recovery_key);
  g_test_add_func ("/gui/protect/dialog-change", test_dialog_change);
  g_test_add_func ("/gui/protect/dialog-destroyed-while-working", test_dialog_destroyed_while_working);
  g_test_add_func ("/gui/protect/preferences", test_preferences);
  g_test_add_func ("/gui/protect/export-asks", test_export_asks);
  g_test_add_func ("/gui/protect/job-sees-names", test_job_sees_names);
  g_test_add_func ("/gui/protect/checkin-asks", test_checkin_asks);
  g_test_add_func ("/gui/protect/welcome-protects", test_welcome_protects);

  return g_test_run ();
}
