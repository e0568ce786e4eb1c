/* desk-people-page.h — the People page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_PEOPLE_PAGE (desk_people_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskPeoplePage, desk_people_page, DESK, PEOPLE_PAGE, DeskPage)

G_END_DECLS
