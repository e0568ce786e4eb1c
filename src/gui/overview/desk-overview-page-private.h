/* desk-overview-page-private.h — what tests and the benchmark reach inside the Overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-overview-page.h"

G_BEGIN_DECLS

/* The figures the tiles show, as numbers. */
typedef struct
{
  gint64   overdue;
  gint64   due_soon;
  gint64   budget;      /* in the reporting currency's minor units */
  gint64   spent;
  gint64   received;
  gint64   attendances;
  gint64   women;
  gboolean pending;     /* the figures are still being read: the tiles show “…” */
} DeskOverviewFigures;

void _desk_overview_page_get_figures (DeskOverviewPage    *self,
                                      DeskOverviewFigures *figures);
void _desk_overview_page_refresh     (DeskOverviewPage    *self);

G_END_DECLS
