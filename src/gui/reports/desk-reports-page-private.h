/* desk-reports-page-private.h — what tests and the benchmark reach inside the Reports page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-chart.h"
#include "desk-reports-page.h"

G_BEGIN_DECLS

GtkColumnView *_desk_reports_page_get_column_view (DeskReportsPage *self);
DeskChart     *_desk_reports_page_get_chart       (DeskReportsPage *self);
/* The report shown, or NULL when it could not be computed. */
DeskReport    *_desk_reports_page_get_report      (DeskReportsPage *self);
/* Computes the report now rather than when the page is next drawn. */
void           _desk_reports_page_update          (DeskReportsPage *self);
/* Runs the same GtkPrintOperation as Print…; with GTK_PRINT_OPERATION_ACTION_EXPORT and
 * @export_filename it writes a PDF without a dialog. */
gboolean       _desk_reports_page_print           (DeskReportsPage         *self,
                                                   GtkPrintOperationAction  action,
                                                   const char              *export_filename,
                                                   GError                 **error);
/* Sets a custom period (both YYYY-MM-DD). */
void           _desk_reports_page_set_period      (DeskReportsPage *self,
                                                   const char      *from,
                                                   const char      *to);

G_END_DECLS
