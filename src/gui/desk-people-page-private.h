/* desk-people-page-private.h — what tests reach inside the People page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-people-page.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

DeskRecordList   *_desk_people_page_get_member_list   (DeskPeoplePage *self);
DeskRecordEditor *_desk_people_page_get_member_editor (DeskPeoplePage *self);
/* The pillar balance: one pill per pillar, its label “Government 3”. */
GtkBox           *_desk_people_page_get_balance_box   (DeskPeoplePage *self);
/* The group profile window that people.edit-group opened last, or NULL. */
GtkWindow        *_desk_people_page_get_group_window  (DeskPeoplePage *self);

G_END_DECLS
