/* desk-deliverables-page.h — the Track Deliverables page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_DELIVERABLES_PAGE (desk_deliverables_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskDeliverablesPage, desk_deliverables_page, DESK, DELIVERABLES_PAGE, DeskPage)

/* Filters the list to the overdue deliverables. */
void       desk_deliverables_page_show_overdue (DeskDeliverablesPage *self);

G_END_DECLS
