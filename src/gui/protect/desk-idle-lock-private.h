/* desk-idle-lock-private.h — what tests reach inside the idle lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-idle-lock.h"

G_BEGIN_DECLS

/* For tests: when the last input was, on g_get_monotonic_time()'s clock, and the check
 * the timer makes; TRUE when it locked the store. */
void          _desk_idle_lock_set_last_input (DeskIdleLock *self,
                                              gint64        monotonic_time);
gboolean      _desk_idle_lock_check          (DeskIdleLock *self);

G_END_DECLS
