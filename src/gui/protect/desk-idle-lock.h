/* desk-idle-lock.h — locks a protected store after a while without input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_IDLE_LOCK (desk_idle_lock_get_type ())

G_DECLARE_FINAL_TYPE (DeskIdleLock, desk_idle_lock, DESK, IDLE_LOCK, GObject)

/* The minutes of the "lock-after-minutes" setting (15 without the schema; 0 is never). */
DeskIdleLock *desk_idle_lock_new   (DeskStore    *store);
/* Notes every key press, click, scroll and pointer move of @window (and of the windows
 * added later to @window's application) as input. */
void          desk_idle_lock_watch (DeskIdleLock *self,
                                    GtkWindow    *window);

G_END_DECLS
