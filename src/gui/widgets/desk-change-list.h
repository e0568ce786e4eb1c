/* desk-change-list.h — a record's History section, in its editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHANGE_LIST (desk_change_list_get_type ())

G_DECLARE_FINAL_TYPE (DeskChangeList, desk_change_list, DESK, CHANGE_LIST, AdwPreferencesGroup)

/* How many changes show before “Show All N Changes”. */
#define DESK_CHANGE_LIST_SHOWN 20

GtkWidget  *desk_change_list_new       (DeskStore      *store,
                                        const DeskKind *kind);
/* The history of @uuid (NULL: none, the section hides), read again now. */
void        desk_change_list_set_owner (DeskChangeList *self,
                                        const char     *uuid);
void        desk_change_list_refresh   (DeskChangeList *self);
/* Shows every change, not the newest DESK_CHANGE_LIST_SHOWN only. */
void        desk_change_list_show_all  (DeskChangeList *self);

/* For tests: the changes listed (in order, newest first), and each row's text lines
 * joined by "\n" (row @index). */
guint       desk_change_list_get_n_shown (DeskChangeList *self);
guint       desk_change_list_get_n_changes (DeskChangeList *self);
char       *desk_change_list_dup_row_text (DeskChangeList *self,
                                           guint           index);

G_END_DECLS
