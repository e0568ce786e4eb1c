/* desk-show-file.h — shows a saved file in the user's file manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Asks the file manager to show @file selected in its folder (the
 * org.freedesktop.FileManager1 ShowItems call on the session bus); when no file manager
 * answers, opens the folder @file is in with the default application instead. */
void     desk_show_file_async  (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
/* Whether the file or its folder was shown; @used_file_manager (may be NULL) says which. */
gboolean desk_show_file_finish (GAsyncResult        *result,
                                gboolean            *used_file_manager,
                                GError             **error);

/* Test hook: what opens the folder when no file manager answers (by default
 * g_app_info_launch_default_for_uri), or NULL for the default again. */
typedef gboolean (*DeskShowFolderFunc) (const char  *uri,
                                        GError     **error);
void     _desk_show_file_set_folder_opener (DeskShowFolderFunc func);

G_END_DECLS
