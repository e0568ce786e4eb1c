/* desk-reports-page.h — the four reports: a period, a chart, a table; print, PDF, CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_REPORTS_PAGE (desk_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskReportsPage, desk_reports_page, DESK, REPORTS_PAGE, DeskPage)

GtkWidget      *desk_reports_page_new         (DeskStore       *store);
/* Shows @kind (also the page's action reports.show, with the report's key). */
void            desk_reports_page_show_report (DeskReportsPage *self,
                                               DeskReportKind   kind);
DeskReportKind  desk_reports_page_get_kind    (DeskReportsPage *self);

G_END_DECLS
