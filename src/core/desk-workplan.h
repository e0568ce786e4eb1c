/* desk-workplan.h — what a coordinator does with a workplan beyond editing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Overdue: a due date before @today and not delivered or accepted. */
gboolean    desk_deliverable_is_overdue     (DeskRecord   *deliverable,
                                             const char   *today);
/* Overdue deliverables of @group_uuid (NULL: all groups) on the store's today. */
gint64      desk_store_count_overdue        (DeskStore    *store,
                                             const char   *group_uuid);

/* Member UUID → pillar code of every member of @group_uuid (NULL: all). */
GHashTable *desk_store_dup_member_pillars   (DeskStore    *store,
                                             const char   *group_uuid);
/* The pillars an activity involves (its lead and supporting members), in the order of
 * the pillars table, without repeats. */
GStrv       desk_activity_dup_pillars       (DeskRecord   *activity,
                                             GHashTable   *member_pillars);

/* The workplan a page shows first among @workplans (a list model of workplan records in
 * their order, oldest first): the latest that is not closed, else the latest. NULL when
 * there is none; borrowed from the model's record. */
const char *desk_workplan_pick_current      (GListModel   *workplans);

/* Draft → approved (approved today); approved → closed; closed or approved → draft
 * (reopened). Refuses other steps with a message. */
gboolean    desk_workplan_set_status        (DeskStore    *store,
                                             const char   *workplan_uuid,
                                             const char   *status,
                                             GError      **error);
/* The annual review: a new draft workplan for the period after this one (same length),
 * its title's years moved on, objectives and indicators copied; every unfinished
 * activity (planned, in progress, postponed) carried over as planned with its dates
 * moved on, its themes, members and undelivered deliverables; then the old workplan is
 * closed and otherwise left as it was. One transaction. Returns the new workplan's UUID. */
char       *desk_workplan_start_next        (DeskStore    *store,
                                             const char   *workplan_uuid,
                                             GError      **error);

G_END_DECLS
