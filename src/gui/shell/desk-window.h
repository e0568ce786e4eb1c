/* desk-window.h — the main window: a sidebar of pages, or the welcome view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW, AdwApplicationWindow)

/* Other widgets reach the window through its actions and properties, never this header:
 * win.open-record (kind, uuid) and win.show-page (name) to show something, win.reload
 * (message) to replace it with a new window on the same store (after a restore), and
 * its read-only `history` property (desk_widget_find_history) for dialogs that write. */
GtkWidget  *desk_window_new              (GtkApplication *application,
                                          DeskStore      *store);
DeskStore  *desk_window_get_store        (DeskWindow     *self);
/* The window's undo history, shared by its pages. */
DeskHistory *desk_window_get_history     (DeskWindow     *self);
/* "locked" while the passphrase page is shown, "welcome" while the store holds no group,
 * else the name of the page shown:
 * groups, overview, workplan, deliverables, budget, workshops, people, reports or exports. */
const char *desk_window_get_visible_page (DeskWindow     *self);

G_END_DECLS
