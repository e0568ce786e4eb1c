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

/* The budget as one table, for the page, the report, the CSV and the CLI alike */

typedef enum
{
  DESK_BUDGET_LEVEL_LINE,      /* one budget line */
  DESK_BUDGET_LEVEL_ACTIVITY,  /* an activity's subtotal, after its lines */
  DESK_BUDGET_LEVEL_CATEGORY,  /* a category's total over every activity */
  DESK_BUDGET_LEVEL_TOTAL,     /* the grand total, last */
} DeskBudgetLevel;

typedef struct
{
  DeskBudgetLevel      level;
  char                *activity;       /* "1.1 Title" or "Group coordination"; line and activity rows */
  char                *activity_uuid;  /* "" for the group's own costs; line and activity rows */
  char                *category;       /* the code; line and category rows */
  char                *category_label; /* translated; line and category rows */
  char                *description;    /* in the interface's language; line rows */
  DeskRecord          *line;           /* line rows */
  const DeskBudgetRow *row;            /* the figures: the summary's, valid as long as it is */
  char                *sort_key;       /* private */
} DeskBudgetTableRow;

/* "line", "activity", "category", "total": the stable key of the CSV's `level` column. */
const char *desk_budget_level_key            (DeskBudgetLevel      level);
/* The rows of @summary in the one order every view shows: for each activity (by code,
 * numbers in codes compared as numbers; the group's own costs last) its lines by category
 * then description, then its subtotal; then each category's total (by label); then the
 * grand total. A GPtrArray of DeskBudgetTableRow, or NULL on a database error. */
GPtrArray  *desk_budget_table                (DeskStore           *store,
                                              DeskBudgetSummary   *summary,
                                              GError             **error);
/* Whether a row's figures leave anything out (a missing rate, a figure too large): its
 * converted totals are then incomplete and must be shown so. */
gboolean    desk_budget_table_row_incomplete (const DeskBudgetTableRow *row);

/* Amounts left out of the converted totals for want of an exchange rate, per currency. */
enum
{
  DESK_BUDGET_GAP_BUDGET,
  DESK_BUDGET_GAP_SPENT,
  DESK_BUDGET_GAP_RECEIVED,
  DESK_BUDGET_GAP_KINDS
};

typedef struct
{
  char     *currency;
  int       decimals;
  guint     n[DESK_BUDGET_GAP_KINDS];       /* how many amounts of each kind */
  gint64    sum[DESK_BUDGET_GAP_KINDS];     /* their sum, in @currency */
  gboolean  beyond[DESK_BUDGET_GAP_KINDS];  /* the sum is beyond what Groupdesk counts */
} DeskBudgetGap;

/* One DeskBudgetGap per currency with an amount that has no rate in force on its date:
 * lines' budgets (in @version), expenses and funding received, as desk_budget_summarise()
 * converts them. Empty when every amount converts; NULL on a database error. */
GPtrArray  *desk_budget_rate_gaps            (DeskStore           *store,
                                              DeskBudgetSummary   *summary,
                                              DeskBudgetVersion    version,
                                              GError             **error);
/* The one sentence that says converted totals leave amounts out (banner, report, CLI). */
const char *desk_budget_incomplete_sentence  (void);
/* "No rate for XOF: 3 amounts not converted (budget XOF 1,250,000; spent XOF 30,000)". */
char       *desk_budget_gap_text             (const DeskBudgetGap *gap);

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
