/* desk-chart.h — a report's chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHART (desk_chart_get_type ())

G_DECLARE_FINAL_TYPE (DeskChart, desk_chart, DESK, CHART, GtkWidget)

GtkWidget  *desk_chart_new        (void);
/* Takes @report (may be NULL): the chart owns the report it draws. */
void        desk_chart_set_report (DeskChart  *self,
                                   DeskReport *report);
DeskReport *desk_chart_get_report (DeskChart  *self);

/* What every chart widget of the app shares. For its class_init: the "chart" CSS name
 * and the accessible role of an image. For its init: a redraw whenever the style turns
 * dark or light, for as long as the chart lives. For its measure: at least 240 pixels
 * wide, @natural_width if there is room, and always @height high. */
void        desk_chart_class_setup  (GtkWidgetClass *widget_class);
void        desk_chart_follow_style (GtkWidget      *chart);
void        desk_chart_measure_size (GtkOrientation  orientation,
                                     int             natural_width,
                                     int             height,
                                     int            *minimum,
                                     int            *natural);

G_END_DECLS
