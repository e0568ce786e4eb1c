/* desk-window-private.h — what tests and the benchmark reach inside the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-window.h"
#include "desk-idle-lock.h"

G_BEGIN_DECLS

/* The page @name (overview, workplan, deliverables, budget, workshops, people, reports,
 * exports or groups), made now if it was not yet, without showing it; NULL for another name. A page
 * is made only when first needed, so the page stack holds none of the others before. */
GtkWidget *_desk_window_ensure_page (DeskWindow *self,
                                     const char *name);

/* The passphrase page, once the store was shown locked; else NULL. */
GtkWidget    *_desk_window_get_unlock_view (DeskWindow *self);
/* What locks the store after the minutes without input. */
DeskIdleLock *_desk_window_get_idle_lock   (DeskWindow *self);

G_END_DECLS
