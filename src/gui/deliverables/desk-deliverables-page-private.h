/* desk-deliverables-page-private.h — what tests reach inside the Deliverables page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-deliverables-page.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

DeskRecordList   *_desk_deliverables_page_get_list           (DeskDeliverablesPage *self);
DeskRecordEditor *_desk_deliverables_page_get_editor         (DeskDeliverablesPage *self);
GtkToggleButton  *_desk_deliverables_page_get_overdue_toggle (DeskDeliverablesPage *self);
GtkWidget        *_desk_deliverables_page_get_status_filter  (DeskDeliverablesPage *self);
/* The “No Evidence” filter, and whether @record gets the “No evidence” pill. */
GtkToggleButton  *_desk_deliverables_page_get_no_evidence_toggle (DeskDeliverablesPage *self);
gboolean          _desk_deliverables_page_lacks_evidence     (DeskDeliverablesPage *self,
                                                              DeskRecord           *record);
/* The “N overdue” count in the page's bar. */
GtkLabel         *_desk_deliverables_page_get_overdue_label  (DeskDeliverablesPage *self);

G_END_DECLS
