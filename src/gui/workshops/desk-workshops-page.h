/* desk-workshops-page.h — the Workshops and Training page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_WORKSHOPS_PAGE (desk_workshops_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskWorkshopsPage, desk_workshops_page, DESK, WORKSHOPS_PAGE, DeskPage)

/* Shows the workshop @uuid in the list with its editor open: desk_page_open_record() for
 * a workshop, which the benchmark times. */
void       desk_workshops_page_open      (DeskWorkshopsPage *self,
                                          const char        *uuid);

G_END_DECLS
