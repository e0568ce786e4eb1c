/* desk-chart.h — a report's chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-drawing.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHART (desk_chart_get_type ())

G_DECLARE_FINAL_TYPE (DeskChart, desk_chart, DESK, CHART, DeskDrawing)

GtkWidget  *desk_chart_new        (void);
/* Takes @report (may be NULL): the chart owns the report it draws. */
void        desk_chart_set_report (DeskChart  *self,
                                   DeskReport *report);
DeskReport *desk_chart_get_report (DeskChart  *self);

G_END_DECLS
