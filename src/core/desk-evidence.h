/* desk-evidence.h — old file paths of deliverables and expenses, moved into attachments
 *
 * Before files were stored in the database, a deliverable named one file on the laptop
 * in its evidence_path field and an expense its receipt in receipt_path; neither a backup
 * nor a bundle carried them. Each such file that still exists is attached to its record;
 * a path whose file is gone (or cannot be taken) is written into the record's note so
 * nothing is lost; either way the path field is emptied, so the move happens once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint moved;          /* files attached */
  GPtrArray *missed;    /* one translated line per path not moved: “D3 …: /path (why)” */
} DeskEvidenceMove;

void     desk_evidence_move_free (DeskEvidenceMove *move);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskEvidenceMove, desk_evidence_move_free)

/* Moves the old paths of the database's own group. Returns NULL with @error unset
 * when there was nothing to move (the usual case, one query), or the move's account. A
 * deliverable that fails is left as it was and the next call tries it again. */
DeskEvidenceMove *desk_evidence_move_into_store (DeskStore  *store,
                                                 GError    **error);

/* The account as a few lines for a person (NULL when @move is NULL or empty). */
char    *desk_evidence_move_describe (const DeskEvidenceMove *move);

G_END_DECLS
