/* desk-overview-page.h — the first page: the group at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_OVERVIEW_PAGE (desk_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskOverviewPage, desk_overview_page, DESK, OVERVIEW_PAGE, DeskPage)

GtkWidget *desk_overview_page_new       (DeskStore        *store);

G_END_DECLS
