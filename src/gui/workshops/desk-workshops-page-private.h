/* desk-workshops-page-private.h — what tests reach inside the Workshops page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-workshops-page.h"
#include "desk-breakdown-view.h"
#include "desk-checkin.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"
#include "desk-signin-dialog.h"

G_BEGIN_DECLS

DeskRecordList    *_desk_workshops_page_get_list               (DeskWorkshopsPage *self);
DeskRecordEditor  *_desk_workshops_page_get_editor             (DeskWorkshopsPage *self);
/* The open workshop's attendance, in its detail pane. */
DeskBreakdownView *_desk_workshops_page_get_workshop_breakdown (DeskWorkshopsPage *self);
/* The Breakdown view, and its period drop-down. */
DeskBreakdownView *_desk_workshops_page_get_period_breakdown   (DeskWorkshopsPage *self);
GtkDropDown       *_desk_workshops_page_get_period_dropdown    (DeskWorkshopsPage *self);
/* The period chosen: from and to, NULL for no limit. */
void               _desk_workshops_page_get_period             (DeskWorkshopsPage *self,
                                                                const char       **from,
                                                                const char       **to);
DeskCheckin       *_desk_workshops_page_get_checkin            (DeskWorkshopsPage *self);
DeskRecordList    *_desk_workshops_page_get_plenary_list       (DeskWorkshopsPage *self);
DeskRecordEditor  *_desk_workshops_page_get_plenary_editor     (DeskWorkshopsPage *self);
/* What workshops.import-signin does after the file chooser: the dialog, or NULL and
 * the message shown. */
DeskSigninDialog  *_desk_workshops_page_import_file            (DeskWorkshopsPage *self,
                                                                GFile             *file,
                                                                GError           **error);

G_END_DECLS
