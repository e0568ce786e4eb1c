/* desk-iati.h — the group's work, or every group's, as an IATI 2.03 activity file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Writes an iati-activities 2.03 document for @group_uuid to @path (atomically): one
 * iati-activity per workplan (the group's coordination costs and funding received) and
 * one per activity of a workplan that overlaps @from … @to (both NULL: every workplan),
 * with transactions dated in that period. With @group_uuid NULL, every group of the
 * database, by code, each as the reporting org of its own activities (the secretariat's
 * file for the initiative); refused with a sentence when the database holds none. */
gboolean desk_iati_export (DeskStore   *store,
                           const char  *group_uuid,
                           const char  *from,
                           const char  *to,
                           const char  *path,
                           GError     **error);

/* The organisation identifier the file gives the group: "VPI-" and its short code. The
 * groups have no identifier of an IATI registration agency yet; when the secretariat
 * registers them, this is the one place to change. */
char    *desk_iati_org_ref (DeskRecord  *group);

G_END_DECLS
