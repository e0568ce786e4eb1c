/* desk-paperwork-save.h — a workshop's paperwork saved as PDF from the app, and its
 * per-diem payments recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-page.h"
#include "desk-paperwork.h"

G_BEGIN_DECLS

/* Asks where to save @kind's PDF for the workshop @workshop_uuid (after asking to unlock
 * when names are locked), then writes it and says so in a toast on @page. */
void     desk_paperwork_save_ask (DeskPage          *page,
                                  const char        *workshop_uuid,
                                  DeskPaperworkKind  kind);
/* The second half: writes the PDF to @file now. FALSE when it was refused (the toast
 * says why). For the chooser's answer, and for tests. */
gboolean desk_paperwork_save_to  (DeskPage          *page,
                                  const char        *workshop_uuid,
                                  DeskPaperworkKind  kind,
                                  GFile             *file);

/* Record Payments: checks what would be recorded for @workshop_uuid (desk_payments_check)
 * and asks with the count and total in an AdwMessageDialog (returned, for tests; NULL
 * when core refused, the toast then says why). Recording goes through the page's
 * history as one step, and its toast offers Undo. */
GtkWidget *desk_paperwork_record_payments_ask (DeskPage   *page,
                                               const char *workshop_uuid);
/* The dialog's "record" answer: records now. FALSE when refused (the toast says why). */
gboolean   desk_paperwork_record_payments     (DeskPage   *page,
                                               const char *workshop_uuid);

G_END_DECLS
