/* desk-reports-page.h — the Reports page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_REPORTS_PAGE (desk_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskReportsPage, desk_reports_page, DESK, REPORTS_PAGE, AdwBin)

GtkWidget *desk_reports_page_new       (DeskStore       *store);
DeskStore *desk_reports_page_get_store (DeskReportsPage *self);
void       desk_reports_page_set_store (DeskReportsPage *self,
                                        DeskStore       *store);

G_END_DECLS
