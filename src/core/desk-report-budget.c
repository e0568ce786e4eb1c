/* desk-report-budget.c — the Budget against actual report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-report"

#include "config.h"

#include "desk-report.h"
#include "desk-report-private.h"

#include <string.h>

#include "desk-attendance.h"
#include "desk-budget.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"
#include "desk-store-private.h"

/* Budget against actual */

/* "Over budget", "Incomplete" or both: words, so that a printout in black and white
 * still tells an overspend and a total that leaves amounts out. */
static char *
status_text (const DeskBudgetTableRow *t,
             DeskBudgetVersion         version)
{
  gboolean over = desk_budget_row_is_over (t->row, version);
  gboolean incomplete = desk_budget_table_row_incomplete (t);

  if (over && incomplete)
    /* Translators: the status of a row of the budget report. */
    return g_strdup (_("Over budget; incomplete"));
  if (over)
    return g_strdup (_("Over budget"));
  if (incomplete)
    /* Translators: the status of a row of the budget report whose figures leave out
     * amounts without an exchange rate. */
    return g_strdup (C_("budget total", "Incomplete"));
  return g_strdup ("");
}

static void
add_table_row (DeskReport               *report,
               DeskBudgetSummary        *summary,
               DeskBudgetVersion         version,
               const DeskBudgetTableRow *t)
{
  const DeskBudgetRow *row = t->row;
  int variance_pm = 0, burn_pm = 0;
  gboolean has_variance = desk_budget_row_variance_permille (row, version, &variance_pm);
  gboolean has_burn = desk_budget_row_burn_permille (row, version, &burn_pm);
  char *item, *category = NULL;

  if (t->level == DESK_BUDGET_LEVEL_LINE)
    item = g_strdup (t->description != NULL && t->description[0] != '\0' ? t->description : "—");
  else if (t->level == DESK_BUDGET_LEVEL_ACTIVITY)
    {
      item = g_strdup (t->activity);
      /* Translators: in the Category column of the budget report, on the row that sums
       * an activity's lines (which follow it). */
      category = g_strdup (_("Activity subtotal"));
    }
  else
    /* Translators: the last row of the budget report, summing every line. */
    item = g_strdup (_("Total"));

  _desk_report_add_row (report, item,
                        category != NULL ? category : g_strdup (t->category_label != NULL ? t->category_label : ""),
                        desk_money_format_amount (desk_budget_row_budget (row, version), summary->decimals),
                        desk_money_format_amount (row->spent, summary->decimals),
                        desk_money_format_amount (desk_budget_row_variance (row, version), summary->decimals),
                        _desk_report_percent_text (has_variance, variance_pm),
                        _desk_report_percent_text (has_burn, burn_pm),
                        status_text (t, version),
                        NULL);
  if (t->level == DESK_BUDGET_LEVEL_ACTIVITY)
    _desk_report_set_last_row_level (report, DESK_REPORT_ROW_SUBTOTAL);
  else if (t->level != DESK_BUDGET_LEVEL_LINE)
    _desk_report_set_last_row_level (report, DESK_REPORT_ROW_TOTAL);
}

gboolean
_desk_report_compute_budget (DeskStore   *store,
                             DeskReport  *report,
                             const char  *group,
                             GError     **error)
{
  g_autoptr(DeskRecord) workplan = _desk_report_workplan_for (store, group, report->from, report->to);
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  DeskReportSeries *budget_series, *spent_series;
  DeskBudgetVersion version = DESK_BUDGET_REVISED;

  _desk_report_add_column (report, "item", _("Activity or budget line"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "category", _("Category"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "budget", _("Budget"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "spent", _("Spent"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "variance", _("Variance"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "variance_percent", _("Variance %"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "burn", _("Spent of budget"), DESK_COLUMN_NUMBER);
  /* Right-aligned like a figure: the PDF then gives it its natural width and never
   * wraps it, where text columns share what is left in proportion to their longest
   * cells and a short word would break ("Over bud get"). */
  _desk_report_add_column (report, "status", _("Status"), DESK_COLUMN_TEXT);

  if (workplan == NULL)
    {
      g_ptr_array_add (report->notes, g_strdup (_("No workplan covers this period.")));
      report->chart_title = g_strdup (_("Budget and spending by category"));
      report->chart_description = g_strdup (_("There is no budget to chart for this period."));
      return TRUE;
    }

  summary = desk_budget_summarise (store, desk_record_get_uuid (workplan), error);
  if (summary == NULL)
    return FALSE;
  table = desk_budget_table (store, summary, error);
  if (table == NULL)
    return FALSE;
  gaps = desk_budget_rate_gaps (store, summary, version, error);
  if (gaps == NULL)
    return FALSE;

  g_free (report->unit);
  report->unit = g_strdup (summary->currency);
  report->unit_scale = 1;
  for (int i = 0; i < summary->decimals; i++)
    report->unit_scale *= 10;

  /* Each activity's subtotal, then its lines, then the grand total: on paper the
   * activity heads the lines it sums. The categories' totals are the chart's. */
  for (guint i = 0; i < table->len; i++)
    {
      const DeskBudgetTableRow *t = g_ptr_array_index (table, i);
      guint first = i;

      if (t->level != DESK_BUDGET_LEVEL_LINE)
        continue;
      while (i < table->len && ((DeskBudgetTableRow *) g_ptr_array_index (table, i))->level == DESK_BUDGET_LEVEL_LINE)
        i++;
      /* table[i] is the subtotal that closes the lines first … i − 1. */
      add_table_row (report, summary, version, g_ptr_array_index (table, i));
      for (guint l = first; l < i; l++)
        add_table_row (report, summary, version, g_ptr_array_index (table, l));
    }
  add_table_row (report, summary, version, g_ptr_array_index (table, table->len - 1));

  {
    int burn_pm = 0;
    gboolean has_burn = desk_budget_row_burn_permille (&summary->total, version, &burn_pm);
    g_autofree char *budget = desk_money_format (desk_budget_row_budget (&summary->total, version), summary->currency, summary->decimals);
    g_autofree char *spent = desk_money_format (summary->total.spent, summary->currency, summary->decimals);
    g_autofree char *received = desk_money_format (summary->received, summary->currency, summary->decimals);
    g_autofree char *burn = _desk_report_percent_text (has_burn, burn_pm);
    g_autofree char *elapsed = _desk_report_percent_text (TRUE, summary->elapsed_permille);

    g_ptr_array_add (report->notes,
                     g_strdup_printf (_("Revised budget %s, spent %s (%s), with %s of the workplan's time gone; "
                                        "received %s."), budget, spent, burn, elapsed, received));
    /* Totals that leave amounts out say so, and say which. */
    if (gaps->len > 0)
      g_ptr_array_add (report->notes,
                       g_strdup (desk_budget_incomplete_sentence ()));
    for (guint i = 0; i < gaps->len; i++)
      g_ptr_array_add (report->notes, desk_budget_gap_text (g_ptr_array_index (gaps, i)));
    /* Figures too large to count are left out too, each named by the summary. */
    for (guint i = 0; i < summary->problems->len; i++)
      g_ptr_array_add (report->notes, g_strdup (g_ptr_array_index (summary->problems, i)));
  }

  report->chart_title = g_strdup (_("Budget and spending by category"));
  for (guint i = 0; i < summary->categories->len; i++)
    {
      const DeskBudgetRow *row = g_ptr_array_index (summary->categories, i);
      g_ptr_array_add (report->chart_labels, desk_reference_table_label (store, "budget_categories", row->key));
    }
  budget_series = _desk_report_add_series (report, _("Budget"));
  spent_series = _desk_report_add_series (report, _("Spent"));
  for (guint i = 0; i < summary->categories->len; i++)
    {
      const DeskBudgetRow *row = g_ptr_array_index (summary->categories, i);
      budget_series->values[i] = desk_budget_row_budget (row, version);
      spent_series->values[i] = row->spent;
    }
  report->chart_description = g_strdup_printf (_("Bar chart of budget and spending in %s for each of "
                                                 "%u budget categories."),
                                               summary->currency, summary->categories->len);

  return TRUE;
}
