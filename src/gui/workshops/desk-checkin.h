/* desk-checkin.h — checking people in at a workshop, from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHECKIN (desk_checkin_get_type ())

G_DECLARE_FINAL_TYPE (DeskCheckin, desk_checkin, DESK, CHECKIN, GtkBox)

GtkWidget  *desk_checkin_new              (DeskHistory *history);
/* The workshop whose list is filled (NULL: none). Focuses nothing. */
void        desk_checkin_set_workshop     (DeskCheckin *self,
                                           const char  *workshop_uuid);
const char *desk_checkin_get_workshop     (DeskCheckin *self);
/* Moves the focus to the search entry, empty. */
void        desk_checkin_focus_entry      (DeskCheckin *self);

G_END_DECLS
