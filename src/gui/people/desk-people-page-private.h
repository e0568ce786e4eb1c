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

/* The People tab. */
DeskRecordList   *_desk_people_page_get_person_list    (DeskPeoplePage *self);
DeskRecordEditor *_desk_people_page_get_person_editor  (DeskPeoplePage *self);
/* The offer of a person already there: shown when the open person repeats them. */
GtkWidget        *_desk_people_page_get_duplicate_box  (DeskPeoplePage *self);
const char       *_desk_people_page_get_duplicate_uuid (DeskPeoplePage *self);
void              _desk_people_page_use_existing       (DeskPeoplePage *self);
void              _desk_people_page_add_anyway         (DeskPeoplePage *self);
/* The offer's Merge Both: the merge dialog with the person already there chosen. */
void              _desk_people_page_merge_duplicate    (DeskPeoplePage *self);
/* The confirmation that list.delete of a person opened, or NULL. */
AdwMessageDialog *_desk_people_page_get_delete_dialog  (DeskPeoplePage *self);
/* The list's Merge button, enabled while exactly two people are selected. */
GtkWidget        *_desk_people_page_get_merge_button   (DeskPeoplePage *self);
/* Opens the merge dialog as its buttons do: for the two people selected, or else for the
 * open person; then the dialog or NULL. */
void              _desk_people_page_merge              (DeskPeoplePage *self);
AdwMessageDialog *_desk_people_page_get_merge_dialog   (DeskPeoplePage *self);

G_END_DECLS
