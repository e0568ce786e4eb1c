/* desk-groups-page.h — every group's bundles in one place: who reported, and the figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_GROUPS_PAGE (desk_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskGroupsPage, desk_groups_page, DESK, GROUPS_PAGE, DeskPage)

G_END_DECLS
