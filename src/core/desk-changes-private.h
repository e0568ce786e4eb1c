/* desk-changes-private.h — between the store's writes, the change history and the locks
 *
 * For core's own files only. The store's write path (desk-store-records.c) asks the
 * locks (desk-locks.c) whether a write is held, records its changes (desk-changes.c) and
 * then unlocks what a reason unlocked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-changes.h"
#include "desk-locks.h"

G_BEGIN_DECLS

/* desk-locks.c: whether a write of @kind from @before (the record as stored; NULL for an
 * insert) to @after (as it will be stored; NULL for a delete) touches a locked record.
 * *lock_uuid gets the newest lock holding either state (NULL when none); *held is TRUE
 * when that record has not been unlocked for it. FALSE only on a database error. */
gboolean  _desk_locks_check             (DeskStore      *store,
                                         const DeskKind *kind,
                                         DeskRecord     *before,
                                         DeskRecord     *after,
                                         char          **lock_uuid,
                                         gboolean       *held,
                                         GError        **error);
/* desk-locks.c: the DESK_ERROR_REPORTED error for a held write of a @kind record (the
 * lock named, and what to do: give a reason). */
void      _desk_locks_set_reported_error (DeskStore      *store,
                                          const DeskKind *kind,
                                          const char     *lock_uuid,
                                          GError        **error);
/* desk-locks.c: unlocks the record of @before/@after for every lock that holds it, the
 * change @change_id giving the reason. Inside the write's transaction. */
gboolean  _desk_locks_unlock            (DeskStore      *store,
                                         const DeskKind *kind,
                                         DeskRecord     *before,
                                         DeskRecord     *after,
                                         gint64          change_id,
                                         GError        **error);

/* desk-changes.c: the action the store's next writes are recorded as (DESK_CHANGE_UNDO
 * while DeskHistory undoes, _REDO while it redoes); the previous one is returned, to be
 * set back. */
DeskChangeAction _desk_changes_set_action (DeskStore       *store,
                                           DeskChangeAction action);
/* desk-changes.c: records a bundle of @group_uuid imported (one row; @summary a short
 * text: "bundle 3 for 2026-01-01 – 2026-06-30"), inside the import's transaction. */
gboolean  _desk_changes_record_import   (DeskStore      *store,
                                         const char     *group_uuid,
                                         const char     *summary,
                                         GError        **error);
/* desk-changes.c: the id of the newest change (0 when none): an export's changes_through. */
gint64    _desk_changes_last_id         (DeskStore      *store,
                                         GError        **error);

G_END_DECLS
