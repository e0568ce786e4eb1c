/* desk-breakdown-chart.h — attendance by pillar, each bar split by gender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-drawing.h"

G_BEGIN_DECLS

#define DESK_TYPE_BREAKDOWN_CHART (desk_breakdown_chart_get_type ())

G_DECLARE_FINAL_TYPE (DeskBreakdownChart, desk_breakdown_chart, DESK, BREAKDOWN_CHART, DeskDrawing)

GtkWidget  *desk_breakdown_chart_new            (void);
/* Copies what it draws from @breakdown (NULL: nothing), with the labels of @store. */
void        desk_breakdown_chart_set_breakdown  (DeskBreakdownChart      *self,
                                                 DeskStore               *store,
                                                 DeskAttendanceBreakdown *breakdown);
/* The sentence screen readers get: every bar in words. */
const char *desk_breakdown_chart_get_description (DeskBreakdownChart     *self);

G_END_DECLS
