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

#include <sqlite3.h>

#include "desk-protect-private.h"

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

/* desk-changes.c, for the store's own writes (desk-store-records.c, desk-store-delete.c).
 * A write made in its own transaction (desk_store_insert/_update/_delete and their
 * _with_reason) is, inside that transaction: begun (the record as stored read, the locks
 * asked; refused with DESK_ERROR_REPORTED when held and no @reason was given), made, then
 * ended (its changes appended, what the reason unlocked unlocked). Nothing is recorded
 * or held while the action is DESK_CHANGE_IMPORT. */
typedef struct _DeskChangeWrite DeskChangeWrite;

/* @uuid NULL for an insert; @after NULL for a delete. *write is NULL when nothing is to
 * be recorded (an import, recording off); when the record as stored is not there, it is
 * left to the write to say so. */
gboolean  _desk_changes_begin_write     (DeskStore        *store,
                                         const DeskKind   *kind,
                                         const char       *uuid,
                                         DeskRecord       *after,
                                         const char       *reason,
                                         DeskChangeWrite **write,
                                         GError          **error);
/* A record deleted with @write's (a cascade), read before it went: asked of the locks
 * like the record itself, and given one row. */
gboolean  _desk_changes_add_cascade     (DeskStore        *store,
                                         DeskChangeWrite  *write,
                                         DeskRecord       *record,
                                         GError          **error);
/* After the write: @after as stored (NULL for a delete). */
gboolean  _desk_changes_end_write       (DeskStore        *store,
                                         DeskChangeWrite  *write,
                                         DeskRecord       *after,
                                         GError          **error);
void      _desk_change_write_free       (DeskChangeWrite  *write);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskChangeWrite, _desk_change_write_free)

/* desk-changes.c: a reason given (not NULL) that is empty or only spaces is refused
 * (DESK_ERROR_INVALID). */
gboolean  _desk_changes_check_reason    (const char       *reason,
                                         GError          **error);

/* desk-changes.c: registers desk_changes_rewriting () on @db, the connection of @store
 * (every connection the store opens, read-only ones too). */
void      _desk_changes_register_sql    (DeskStore        *store,
                                         sqlite3          *db);
/* desk-changes.c: while TRUE, desk_changes_rewriting () is 1 on @store's connection: the
 * history's sealed values may be rewritten (protection turned on or off). */
void      _desk_changes_set_rewriting   (DeskStore        *store,
                                         gboolean          rewriting);
/* desk-changes.c: the bench's reference only (tests/bench/groupdesk-bench-history.c):
 * with FALSE, @store's own writes record nothing and are not held by locks. */
void      _desk_changes_set_recording   (DeskStore        *store,
                                         gboolean          recording);

/* desk-changes.c: the hash of a row of the changes table (the chain: see desk-changes.c),
 * from the previous row's hash and its DESK_CHANGES_N_HASHED columns in the table's
 * order, id to lock_uuid, as text (NULL for NULL). For the check and the rewrite. */
#define DESK_CHANGES_N_HASHED 12
char     *_desk_changes_hash            (const char        *prev_hash,
                                         const char *const *columns);
/* desk-changes.c: field @index of @record as the history keeps it: text as it is,
 * numbers in decimal, a set's values sorted and separated by spaces; NULL when unset
 * or empty (a boolean unset is "0"). */
char     *_desk_changes_field_value     (DeskRecord        *record,
                                         guint              index);

/* desk-changes-chain.c: inside the caller's transaction, the history's personal values
 * sealed under @to (protection turned on) or opened with @from (turned off), and the
 * chain's hashes made again from the first row changed (a row that did not verify stays
 * so). DESK_ERROR_DAMAGED when a sealed value does not open. */
gboolean  _desk_changes_rewrite_sealed  (DeskStore         *store,
                                         const DeskKey     *from,
                                         const DeskKey     *to,
                                         GError           **error);
/* desk-changes-chain.c: a sentence into @problems for each row of the history that does
 * not verify and each of its safeguards (triggers) missing. */
gboolean  _desk_changes_check           (DeskStore         *store,
                                         GPtrArray         *problems,
                                         GError           **error);

G_END_DECLS
