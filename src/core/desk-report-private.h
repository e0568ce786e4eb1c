/* desk-report-private.h — what the report files share: building a report's table and
 * chart, and one compute function per kind of report. For src/core only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-report.h"

G_BEGIN_DECLS

/* An empty report: its table, notes and chart to be added. */
DeskReport        *_desk_report_new          (DeskReportKind   kind,
                                              const char      *title,
                                              const char      *group_name,
                                              const char      *from,
                                              const char      *to,
                                              const char      *subtitle);
void               _desk_report_add_column   (DeskReport      *report,
                                              const char      *key,
                                              const char      *title,
                                              DeskColumnAlign  align);
/* Adds a row from NULL-terminated cells, taking ownership of each. */
void               _desk_report_add_row      (DeskReport      *report,
                                              ...) G_GNUC_NULL_TERMINATED;
/* Marks the row added last as a subtotal or the total. */
void               _desk_report_set_last_row_level (DeskReport         *report,
                                                    DeskReportRowLevel  level);
DeskReportSeries  *_desk_report_add_series   (DeskReport      *report,
                                              const char      *name);
/* The newest workplan of the group overlapping the period (or the newest of all). */
DeskRecord        *_desk_report_workplan_for (DeskStore       *store,
                                              const char      *group,
                                              const char      *from,
                                              const char      *to);
char              *_desk_report_percent_text (gboolean         ok,
                                              int              permille);

gboolean _desk_report_compute_workplan    (DeskStore *store, DeskReport *report, const char *group, GError **error);
gboolean _desk_report_compute_budget      (DeskStore *store, DeskReport *report, const char *group, GError **error);
gboolean _desk_report_compute_attendance  (DeskStore *store, DeskReport *report, const char *group, GError **error);
gboolean _desk_report_compute_indicators  (DeskStore *store, DeskReport *report, const char *group, GError **error);

G_END_DECLS
