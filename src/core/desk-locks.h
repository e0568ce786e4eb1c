/* desk-locks.h — locked periods: what was reported stays as reported
 *
 * A bundle exported (not a preview) for a period locks what it reported, in the group
 * that exported it:
 *   - expenses and funding receipts dated in the period, budget revisions made in it;
 *   - workshops held in it (their start date in the period) and their attendance;
 *   - indicator values whose period ends in it;
 *   - deliverables delivered in it.
 * An approved (or closed) workplan locks itself and its budget lines: changes to an
 * approved budget go through revisions.
 *
 * Updating or deleting a locked record — or moving a record into a locked period —
 * needs a reason (desk_store_update_with_reason, desk-changes.h), which unlocks that
 * record only, for that lock; its later changes are amendments all the same, carried in
 * the group's next bundle. Adding a record is never refused, and a record added after a
 * lock was made (after the export, or after the plan's day of approval) is not held by
 * it, only marked as amending it. Approving a draft, closing an approved workplan and
 * writing down its endorsement are free. Imports are not held by locks: a bundle is the
 * other laptop's word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef struct
{
  char           *uuid;          /* the export's UUID, or the approved workplan's */
  const DeskKind *kind;          /* DESK_KIND_EXPORT or DESK_KIND_WORKPLAN */
  char           *group_uuid;
  gint64          sequence;      /* the bundle's number; 0 for a workplan */
  char           *period_start;  /* ISO dates: the bundle's period, or the workplan's */
  char           *period_end;
  char           *locked_on;     /* when: the export's created time, or approved_on (may be NULL) */
  gint64          n_unlocked;    /* records of this lock unlocked with a reason */
} DeskLock;

void         desk_lock_free               (DeskLock *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskLock, desk_lock_free)

/* The lock that holds the record @uuid of @kind as stored now, or NULL (with no error)
 * when none holds it or it was unlocked for every lock that holds it. With several, the
 * newest. */
DeskLock    *desk_store_find_lock         (DeskStore      *store,
                                           const DeskKind *kind,
                                           const char     *uuid,
                                           GError        **error);

/* The locks of @group_uuid (NULL: of every group), the exports' newest first, then the
 * approved workplans' (DeskLock). */
GPtrArray   *desk_store_list_locks        (DeskStore      *store,
                                           const char     *group_uuid,
                                           GError        **error);

/* One sentence naming the lock, for a message or a banner: "the bundle No. 3 for
 * 1 Jan 2026 – 30 Jun 2026, exported on 2 Jul 2026" or "the approved workplan “…”". */
char        *desk_lock_describe           (DeskStore      *store,
                                           const DeskLock *lock);

G_END_DECLS
