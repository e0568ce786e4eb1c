/* desk-overview.h — the Overview's figures, read once for the page and the CLI
 *
 * Every figure the Overview shows is defined here: the page and `groupdesk-cli overview`
 * only format what desk_overview_read() returns, so that the two cannot disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-attendance.h"
#include "desk-budget.h"
#include "desk-due.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* How many of the next workshops the Overview names. */
#define DESK_OVERVIEW_WORKSHOPS 4

/* The activity statuses the workplan figure counts, "done" first. */
#define DESK_OVERVIEW_N_STATUSES 5
extern const char *const desk_overview_statuses[DESK_OVERVIEW_N_STATUSES];

typedef struct
{
  /* NULL when the store holds no group: then nothing else is read. */
  DeskRecord *group;
  gint64 members;
  char *today;

  /* The group's newest workplan (by the start of its period); NULL when it has none. */
  DeskRecord *workplan;
  gint64 status_counts[DESK_OVERVIEW_N_STATUSES];
  gint64 activities;       /* of the workplan, of every status */

  DeskDeliverablesDue *due;

  /* The workplan's budget against actual (NULL: no workplan, or it could not be read),
   * and the share of the revised budget spent, in permille (has_burn FALSE: no budget). */
  DeskBudgetSummary *budget;
  gboolean has_burn;
  int burn_permille;

  /* Attendance in the workplan's period (every period when there is no workplan). */
  DeskAttendanceBreakdown *attendance;

  GPtrArray *workshops;    /* DeskRecord: the first ones not over yet, by start */

  DeskRecord *last_export; /* the export with the highest sequence; NULL: none */
  gint64 changed;          /* records added or changed since it; -1 when unknown */
  gint64 deleted;
} DeskOverview;

DeskOverview *desk_overview_read      (DeskStore    *store);
/* The same for the group @group_uuid (NULL: the main group), such as one opened
 * read-only on a secretariat's desk; a group that is not there reads as none. */
DeskOverview *desk_overview_read_group (DeskStore   *store,
                                        const char  *group_uuid);
void          desk_overview_free      (DeskOverview *overview);

/* The share spent, rounded to a whole percent as the Overview shows it. */
int           desk_overview_burn_percent (const DeskOverview *overview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskOverview, desk_overview_free)

G_END_DECLS
