/* desk-budget.h — budget against actual, in the group's reporting currency
 *
 * The arithmetic rules (tested, and written down in HACKING.md):
 *  - a line's total is quantity × unit cost: quantity_milli × unit_cost_minor / 1000,
 *    rounded half away from zero to the currency's minor unit;
 *  - a conversion is amount × rate, rate = mantissa / 10^scale, scaled by the difference
 *    of the two currencies' decimals, rounded half away from zero, once: expenses are
 *    summed per line, currency and rate first, then each sum is converted;
 *  - the rate used is the one in force on the transaction's date (the latest valid_from
 *    on or before it); a budget line converts at the rate in force on the start of its
 *    workplan (its revision: on the revision's date);
 *  - a missing rate is reported as missing, never guessed and never taken as zero: the
 *    amount is left out of the converted total and counted in `missing`;
 *  - a figure beyond what Groupdesk can count (see the bounds in desk-money.h) is never
 *    wrapped: a summary leaves it out of its totals like a missing rate, counts it in
 *    `too_large` and says which record it comes from in `problems`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_BUDGET_ORIGINAL,
  DESK_BUDGET_REVISED,
} DeskBudgetVersion;

/* The rate in force for @currency in @group_uuid on @date: FALSE when there is none.
 * The reporting currency itself converts at 1. */
gboolean  desk_store_rate_on        (DeskStore   *store,
                                     const char  *group_uuid,
                                     const char  *currency,
                                     const char  *date,
                                     gint64      *rate_mantissa,
                                     int         *rate_scale);
/* A budget line's total in its own currency, original or revised (the newest revision,
 * or the original when it has none); FALSE, with a message naming the line, when it is
 * beyond what Groupdesk can count (±DESK_MONEY_MAX_SUM). */
gboolean  desk_budget_line_total    (DeskStore        *store,
                                     DeskRecord       *line,
                                     DeskBudgetVersion version,
                                     gint64           *out_minor,
                                     GError          **error);
/* Records a revision of @line_uuid: the new figures, the day and the reason. */
gboolean  desk_budget_line_revise   (DeskStore   *store,
                                     const char  *line_uuid,
                                     gint64       quantity_milli,
                                     gint64       unit_cost_minor,
                                     const char  *revised_on,
                                     const char  *reason,
                                     GError     **error);

typedef struct
{
  char   *key;          /* line UUID, activity UUID ("" for the group's own costs), or category */
  gint64  original;     /* in the reporting currency */
  gint64  revised;
  gint64  spent;
  guint   missing;      /* amounts left out for want of a rate */
  /* Amounts (or, in a total, whole lines) left out because they, their sum or their
   * conversion lie beyond what Groupdesk can count, or their rate is out of range. */
  guint   too_large;
} DeskBudgetRow;

typedef struct
{
  char       *workplan_uuid;
  char       *currency;      /* the reporting currency */
  int         decimals;
  GPtrArray  *lines;         /* DeskBudgetRow, by line */
  GPtrArray  *activities;    /* DeskBudgetRow, by activity ("" = group coordination) */
  GPtrArray  *categories;    /* DeskBudgetRow, by budget category */
  DeskBudgetRow total;
  gint64      received;      /* funding received for this workplan (or undated to one) */
  guint       received_missing;
  int         elapsed_permille;  /* of the workplan's period, on the store's today */
  guint       received_too_large;
  /* char *: a translated sentence for each figure left out as too large, naming its
   * record and saying what to check. Every figure of a summary lies within
   * ±DESK_MONEY_MAX_SUM, so the difference of two of them always fits an int64. */
  GPtrArray  *problems;
  /* What desk_budget_summary_apply() needs to follow changes; private. */
  struct _DeskBudgetTally *tally;
} DeskBudgetSummary;

void               desk_budget_summary_free (DeskBudgetSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBudgetSummary, desk_budget_summary_free)

/* Everything the Budget page and the reports show, from aggregate SQL. Figures too large
 * to count are left out and named in `problems`; only a database error fails it. */
DeskBudgetSummary *desk_budget_summarise    (DeskStore   *store,
                                             const char  *workplan_uuid,
                                             GError     **error);

/* Brings @summary up to date after a change (insert, update or delete) to the record
 * @uuid of @kind, as the store's "changed" signal names it, from that record alone: the
 * summary remembers what it counted of each record, and reads the record as it is now
 * from @store (a line's few expenses and its latest revision at most). A change to a kind
 * the summary does not read leaves it as it is. Returns FALSE when the change cannot be
 * followed that way (an exchange rate, the workplan or the group changed, a deletion that
 * cascades unannounced, a figure too large to count): @summary is then no longer valid
 * and must be made again with desk_budget_summarise(). After any sequence of changes each
 * applied this way, the summary equals the one desk_budget_summarise() makes. */
gboolean           desk_budget_summary_apply (DeskBudgetSummary *summary,
                                              DeskStore         *store,
                                              const char        *kind,
                                              const char        *uuid);

gint64   desk_budget_row_budget            (const DeskBudgetRow *row,
                                            DeskBudgetVersion    version);
/* budget − spent: positive is money left, negative is overspent. */
gint64   desk_budget_row_variance          (const DeskBudgetRow *row,
                                            DeskBudgetVersion    version);
/* variance / budget in thousandths, rounded; FALSE when the budget is zero or the share
 * is beyond an int. */
gboolean desk_budget_row_variance_permille (const DeskBudgetRow *row,
                                            DeskBudgetVersion    version,
                                            int                 *out);
/* spent / budget in thousandths; FALSE when the budget is zero or the share is beyond an
 * int. */
gboolean desk_budget_row_burn_permille     (const DeskBudgetRow *row,
                                            DeskBudgetVersion    version,
                                            int                 *out);
gboolean desk_budget_row_is_over           (const DeskBudgetRow *row,
                                            DeskBudgetVersion    version);

/* The lines of @summary's workplan as CSV (RFC 4180, stable English column names). */
char    *desk_budget_lines_csv             (DeskStore           *store,
                                            DeskBudgetSummary   *summary,
                                            DeskBudgetVersion    version,
                                            gboolean             bom,
                                            GError             **error);
/* The expenses of @summary's workplan as CSV, each also in the reporting currency at the
 * rate in force on its date ("missing" when there is none). */
char    *desk_budget_expenses_csv          (DeskStore           *store,
                                            DeskBudgetSummary   *summary,
                                            gboolean             bom,
                                            GError             **error);

G_END_DECLS
