/* desk-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_PREFERENCES_WINDOW (desk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window, DESK, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *desk_preferences_window_new       (DeskStore             *store);
DeskStore *desk_preferences_window_get_store (DeskPreferencesWindow *self);

G_END_DECLS
