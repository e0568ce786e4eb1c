/* desk-breakdown-view.h — attendance counted by pillar × gender: figures, table, chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_BREAKDOWN_VIEW (desk_breakdown_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskBreakdownView, desk_breakdown_view, DESK, BREAKDOWN_VIEW, GtkBox)

GtkWidget               *desk_breakdown_view_new           (gboolean           compact);
/* Counts the attendance of @group_uuid, of one workshop or (NULL) all, between @from and
 * @to (either NULL: no limit) with desk_attendance_breakdown, and shows it. */
gboolean                 desk_breakdown_view_update        (DeskBreakdownView *self,
                                                            DeskStore         *store,
                                                            const char        *group_uuid,
                                                            const char        *workshop_uuid,
                                                            const char        *from,
                                                            const char        *to,
                                                            GError           **error);
/* What it shows, for tests. */
DeskAttendanceBreakdown *desk_breakdown_view_get_breakdown (DeskBreakdownView *self);
/* The text of the table's cell for @pillar and @gender (codes; NULL for the total). */
const char              *desk_breakdown_view_get_cell_text (DeskBreakdownView *self,
                                                            const char        *pillar,
                                                            const char        *gender);
/* The figures above the table: attended, people, women's share, repeat attendance. */
const char              *desk_breakdown_view_get_figure    (DeskBreakdownView *self,
                                                            const char        *name);
GtkWidget               *desk_breakdown_view_get_chart     (DeskBreakdownView *self);

G_END_DECLS
