/* desk-pillars-cell.h — the pillars an activity involves, as one cheap widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-drawing.h"

G_BEGIN_DECLS

#define DESK_TYPE_PILLARS_CELL (desk_pillars_cell_get_type ())

G_DECLARE_FINAL_TYPE (DeskPillarsCell, desk_pillars_cell, DESK, PILLARS_CELL, DeskDrawing)

GtkWidget *desk_pillars_cell_new        (void);
/* @pillars: pillar codes; @names: their names in the UI language, for the tooltip and
 * screen readers (code → name). */
void       desk_pillars_cell_set        (DeskPillarsCell    *self,
                                         const char *const  *pillars,
                                         GHashTable         *names);

G_END_DECLS
