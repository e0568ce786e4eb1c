/* desk-budget-page.h — the Budget and Spending page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_BUDGET_PAGE (desk_budget_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskBudgetPage, desk_budget_page, DESK, BUDGET_PAGE, DeskPage)

G_END_DECLS
