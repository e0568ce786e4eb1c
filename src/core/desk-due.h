/* desk-due.h — which deliverables are due soon and which are overdue, defined once
 *
 * The Overview's deliverables tile counts and lists what this returns, so its figure and
 * its list cannot disagree; the cross-check test compares it with plain SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* How far ahead "due soon" looks, in days. */
#define DESK_DUE_SOON_DAYS 30

/* The open deliverables of a group (not delivered or accepted, with a due date) on the
 * store's today: the overdue (due before today, as desk_deliverable_is_overdue says) and
 * those due soon (due from today to today + DESK_DUE_SOON_DAYS, both days included).
 * Each list is sorted by due date; the counts shown are the lengths of the lists. */
typedef struct
{
  char      *today;
  char      *until;     /* the last day that is "soon" */
  GPtrArray *overdue;   /* DeskRecord */
  GPtrArray *due_soon;  /* DeskRecord */
} DeskDeliverablesDue;

DeskDeliverablesDue *desk_deliverables_due      (DeskStore           *store,
                                                 const char          *group_uuid);
void                 desk_deliverables_due_free (DeskDeliverablesDue *due);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskDeliverablesDue, desk_deliverables_due_free)

G_END_DECLS
