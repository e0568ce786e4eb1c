/* desk-names-locked.h — what a feature that needs names does while they are locked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

/* TRUE when @store's names can be read (protection off, or unlocked). Otherwise asks, in
 * a dialog over @widget's window, to unlock first (its Unlock… goes to win.unlock) and
 * returns FALSE: the caller does nothing. */
gboolean desk_names_ask_unlock (GtkWidget *widget,
                                DeskStore *store);

G_END_DECLS
