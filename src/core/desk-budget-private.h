/* desk-budget-private.h — what desk-budget.c (the summary) and desk-budget-lines.c (one
 * line's total and revisions) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* How a message names a budget line: its description, else its UUID. */
const char *_desk_budget_line_label         (const char  *description,
                                             const char  *uuid);
/* The sentence for a line whose total is too large to count (@revised_on: the revision's
 * date, NULL for the original). */
char       *_desk_budget_line_total_problem (const char  *description,
                                             const char  *uuid,
                                             const char  *revised_on);
/* The latest revision of the line @line_uuid: FALSE when it has none. */
gboolean    _desk_budget_latest_revision    (DeskStore   *store,
                                             const char  *line_uuid,
                                             gint64      *quantity,
                                             gint64      *unit_cost,
                                             char       **revised_on);

G_END_DECLS
