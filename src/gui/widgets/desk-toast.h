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

G_END_DECLS
