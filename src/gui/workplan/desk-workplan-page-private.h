/* desk-workplan-page-private.h — what tests reach inside the Workplan page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-workplan-page.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

DeskRecordList   *_desk_workplan_page_get_activity_list    (DeskWorkplanPage *self);
DeskRecordList   *_desk_workplan_page_get_indicator_list   (DeskWorkplanPage *self);
DeskRecordEditor *_desk_workplan_page_get_activity_editor  (DeskWorkplanPage *self);
DeskRecordEditor *_desk_workplan_page_get_indicator_editor (DeskWorkplanPage *self);
/* "status", "kind", "theme" or "pillar". */
GtkWidget        *_desk_workplan_page_get_filter           (DeskWorkplanPage *self,
                                                            const char       *name);
const char       *_desk_workplan_page_get_workplan         (DeskWorkplanPage *self);
/* "activities" or "indicators". */
void              _desk_workplan_page_show_view            (DeskWorkplanPage *self,
                                                            const char       *name);

G_END_DECLS
