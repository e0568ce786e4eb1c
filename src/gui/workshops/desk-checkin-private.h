/* desk-checkin-private.h — what tests reach inside the check-in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-checkin.h"
#include "desk-breakdown-view.h"

G_BEGIN_DECLS

GtkEditable        *_desk_checkin_get_entry       (DeskCheckin *self);
/* The people matching what is typed, the picked one selected. */
GtkSingleSelection *_desk_checkin_get_matches     (DeskCheckin *self);
/* The workshop's list: attendance records, in name order. */
GListModel         *_desk_checkin_get_attendees   (DeskCheckin *self);
DeskBreakdownView  *_desk_checkin_get_counts      (DeskCheckin *self);
/* The line that says what the last Enter did. */
GtkLabel           *_desk_checkin_get_status      (DeskCheckin *self);
/* Sets the role or status of the attendance at @position through the history. */
gboolean            _desk_checkin_set_entry_field (DeskCheckin *self,
                                                   guint        position,
                                                   const char  *field,
                                                   const char  *code);

G_END_DECLS
