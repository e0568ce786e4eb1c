/* desk-application.h — the Groupdesk application: one store, one main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())

G_DECLARE_FINAL_TYPE (DeskApplication, desk_application, DESK, APPLICATION, AdwApplication)

DeskApplication *desk_application_new                    (void);
/* The store the application opened, or NULL before the first activation. */
DeskStore       *desk_application_get_store              (DeskApplication *self);
/* Whether app.restart asked for the program to start again once it has quit. */
gboolean         desk_application_get_restart_requested  (DeskApplication *self);

/* The About and Keyboard Shortcuts windows, built the same way for the app and for
 * the screenshot tool. */
GtkWindow       *desk_application_build_about_window     (GtkWindow       *parent);
GtkWindow       *desk_application_build_shortcuts_window (GtkWindow       *parent);

G_END_DECLS
