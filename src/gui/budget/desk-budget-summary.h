/* desk-budget-summary.h — a workplan's budget at a glance: cards and summary tables
 *
 * DeskBudgetSummaryView shows a DeskBudgetSummary that core computed: five cards (budget,
 * spent, remaining, received, cash in hand) with a banner counting the amounts left out,
 * and two tables, by category and by activity. It never reads the store: the Budget page
 * computes the summary and hands it over, with the names of the tables' rows through a
 * DeskBudgetNameFunc.
 *
 * The cards show above every view of the page and the tables on its Summary tab, so the
 * view is the tables and desk_budget_summary_view_get_headline() gives the cards, for
 * the page to place above its tabs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_BUDGET_SUMMARY_VIEW (desk_budget_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskBudgetSummaryView, desk_budget_summary_view, DESK, BUDGET_SUMMARY_VIEW, GtkBox)

typedef enum
{
  DESK_BUDGET_TABLE_ACTIVITIES,
  DESK_BUDGET_TABLE_CATEGORIES,
} DeskBudgetTable;

/* The name of a row of @table: @key is an activity's UUID ("" for the group's own
 * costs) or a category's code. Returns a new string. */
typedef char *(*DeskBudgetNameFunc) (DeskBudgetTable  table,
                                     const char      *key,
                                     gpointer         user_data);

GtkWidget *desk_budget_summary_view_new           (void);
void       desk_budget_summary_view_set_name_func (DeskBudgetSummaryView   *self,
                                                   DeskBudgetNameFunc       func,
                                                   gpointer                 user_data);
/* The amounts without an exchange rate, from desk_budget_rate_gaps() (NULL: not known),
 * named in the banner at the next desk_budget_summary_view_show(). Takes a reference. */
void       desk_budget_summary_view_set_rate_gaps (DeskBudgetSummaryView   *self,
                                                   GPtrArray               *gaps);
/* Shows @summary (NULL: nothing) in @version. The view borrows @summary: it must stay
 * alive until the next call. */
void       desk_budget_summary_view_show          (DeskBudgetSummaryView   *self,
                                                   const DeskBudgetSummary *summary,
                                                   DeskBudgetVersion        version);
/* The cards and the banner over them, owned by @self, to be placed once. */
GtkWidget *desk_budget_summary_view_get_headline  (DeskBudgetSummaryView   *self);

G_END_DECLS
