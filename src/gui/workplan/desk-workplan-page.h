/* desk-workplan-page.h — the Plan the Year page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_WORKPLAN_PAGE (desk_workplan_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskWorkplanPage, desk_workplan_page, DESK, WORKPLAN_PAGE, DeskPage)

G_END_DECLS
