/* desk-welcome-view.h — what the window shows while the database holds no group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_WELCOME_VIEW (desk_welcome_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskWelcomeView, desk_welcome_view, DESK, WELCOME_VIEW, AdwBin)

GtkWidget *desk_welcome_view_new (void);

/* Whether the coordinator wants names protected: the protect dialog opens once the
 * group they create is there. */
gboolean   desk_welcome_view_get_protect (DeskWelcomeView *self);
void       desk_welcome_view_set_protect (DeskWelcomeView *self,
                                          gboolean         protect);

G_END_DECLS
