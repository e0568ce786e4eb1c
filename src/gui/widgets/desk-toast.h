/* desk-toast.h — one way to show a toast, from any widget of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taking it) in the toast overlay @widget is in; for a dialog, in the one of
 * the window it belongs to. Without one (a widget alone in a test) it is dropped and its
 * title logged. Nothing needs to know the window's class. */
void desk_toast_show         (GtkWidget  *widget,
                              AdwToast   *toast);
/* The same for a plain message. */
void desk_toast_show_message (GtkWidget  *widget,
                              const char *message);

/* A toast saying @message whose “Show in Files” button shows the file at @path in the
 * file manager (desk_show_file_async()). desk_toast_show() gives its overlay the
 * button's action; a window that shows toasts of its own calls
 * desk_toast_install_actions() on itself first. */
AdwToast *desk_toast_new_show_file   (const char *message,
                                      const char *path);
void      desk_toast_install_actions (GtkWidget  *widget);

G_END_DECLS
