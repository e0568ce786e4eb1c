/* desk-natural-bin.h — one child, with a natural width the bin is told rather than the
 * child's own: where an AdwLeaflet that folds on natural widths folds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_NATURAL_BIN (desk_natural_bin_get_type ())

G_DECLARE_FINAL_TYPE (DeskNaturalBin, desk_natural_bin, DESK, NATURAL_BIN, GtkWidget)

/* The bin's `child` takes all the bin is given. Its minimum width is the child's, its
 * natural width `natural-width` (or the child's minimum, when that is more): the same
 * on every page, so the window's sidebar folds at one width whatever page is shown. */
GtkWidget *desk_natural_bin_new               (void);
void       desk_natural_bin_set_child         (DeskNaturalBin *self,
                                               GtkWidget      *child);
GtkWidget *desk_natural_bin_get_child         (DeskNaturalBin *self);
void       desk_natural_bin_set_natural_width (DeskNaturalBin *self,
                                               int             natural_width);
int        desk_natural_bin_get_natural_width (DeskNaturalBin *self);

G_END_DECLS
