/* desk-exports-page.h — the Exports for the Secretariat page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-page.h"

G_BEGIN_DECLS

#define DESK_TYPE_EXPORTS_PAGE (desk_exports_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskExportsPage, desk_exports_page, DESK, EXPORTS_PAGE, DeskPage)

GtkWidget *desk_exports_page_new       (DeskStore       *store);

G_END_DECLS
