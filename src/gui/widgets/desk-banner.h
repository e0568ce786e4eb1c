/* desk-banner.h — a strip across the top of a view that states something lasting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_BANNER (desk_banner_get_type ())
G_DECLARE_FINAL_TYPE (DeskBanner, desk_banner, DESK, BANNER, GtkWidget)

/* libadwaita 1.2 has no AdwBanner: this is the same thing, a revealer holding a sentence
 * and at most one button that activates an action. */
GtkWidget  *desk_banner_new              (const char *title);

const char *desk_banner_get_title        (DeskBanner *self);
void        desk_banner_set_title        (DeskBanner *self,
                                          const char *title);
/* The button's mnemonic label; NULL hides the button. */
const char *desk_banner_get_button_label (DeskBanner *self);
void        desk_banner_set_button_label (DeskBanner *self,
                                          const char *label);
gboolean    desk_banner_get_revealed     (DeskBanner *self);
void        desk_banner_set_revealed     (DeskBanner *self,
                                          gboolean    revealed);
/* The button, for its action-name (GtkActionable) and for tests. */
GtkButton  *desk_banner_get_button       (DeskBanner *self);

G_END_DECLS
