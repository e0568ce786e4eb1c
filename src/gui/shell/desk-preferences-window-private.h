/* desk-preferences-window-private.h — what tests reach inside Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-preferences-window.h"

G_BEGIN_DECLS

/* The “The language changes when Groupdesk restarts” toast last shown, or NULL. */
AdwToast   *_desk_preferences_window_get_restart_toast (DeskPreferencesWindow *self);
/* The Backups page's rows: one per backup, each with a Restore… button. */
GtkListBox *_desk_preferences_window_get_backups_list  (DeskPreferencesWindow *self);
void        _desk_preferences_window_update_backups    (DeskPreferencesWindow *self);
/* The last backup or restore started (a job of desk-job.h), or NULL. */
GObject    *_desk_preferences_window_get_job           (DeskPreferencesWindow *self);

/* Privacy: the switch of "Protect Names With a Passphrase" (it asks, and follows the
 * store), the protect or change-passphrase dialog it opened last and the confirmation of
 * turning protection off (each NULL when closed), and "Lock After". */
GtkSwitch        *_desk_preferences_window_get_protect_switch   (DeskPreferencesWindow *self);
GtkWidget        *_desk_preferences_window_get_protect_dialog   (DeskPreferencesWindow *self);
AdwMessageDialog *_desk_preferences_window_get_unprotect_dialog (DeskPreferencesWindow *self);
AdwComboRow      *_desk_preferences_window_get_lock_after_row   (DeskPreferencesWindow *self);
/* You: the entry of "Your Name" (saved on Enter and when the focus leaves it). */
GtkEntry         *_desk_preferences_window_get_name_entry       (DeskPreferencesWindow *self);

G_END_DECLS
