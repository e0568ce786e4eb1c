/* desk-evidence-group.h — a record's attached files, in its editor
 *
 * The record editor adds one to every kind that takes attachments
 * (desk_attachment_kind_allowed), so no page builds its own: deliverables, activities,
 * expenses, funding receipts, workshops and indicator values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_EVIDENCE_GROUP (desk_evidence_group_get_type ())

G_DECLARE_FINAL_TYPE (DeskEvidenceGroup, desk_evidence_group, DESK, EVIDENCE_GROUP, AdwPreferencesGroup)

/* The files of records of @kind (one that takes attachments) in @store. */
GtkWidget *desk_evidence_group_new       (DeskStore         *store,
                                          const DeskKind    *kind);
/* Shows the files of the record @owner_uuid (NULL: none). Removals still waiting for
 * their Undo toast to go are carried out first. */
void       desk_evidence_group_set_owner (DeskEvidenceGroup *self,
                                          const char        *owner_uuid);
const char *desk_evidence_group_get_owner (DeskEvidenceGroup *self);
/* Attaches @files (GFile, borrowed) to the record shown, on a worker: what the “Add
 * Files…” chooser and a drop on the editor both do. A file core refuses is named in the
 * section with core's sentence; the others are added. */
void       desk_evidence_group_add_files (DeskEvidenceGroup *self,
                                          GSList            *files);
/* Carries out the removals still waiting for their Undo toast to go. */
/* Another group's files, from its bundle: they can be opened and saved, not added,
 * removed, captioned or marked. */
void       desk_evidence_group_set_writable (DeskEvidenceGroup *self,
                                             gboolean           writable);
void       desk_evidence_group_flush     (DeskEvidenceGroup *self);

G_END_DECLS
