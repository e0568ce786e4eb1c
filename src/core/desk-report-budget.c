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

gboolean
_desk_report_compute_budget (DeskStore   *store,
                             DeskReport  *report,
                             const char  *group,
                             GError     **error)
{
  g_autoptr(DeskRecord) workplan = _desk_report_workplan_for (store, group, report->from, report->to);
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  DeskReportSeries *budget_series, *spent_series;
  DeskBudgetVersion version = DESK_BUDGET_REVISED;

  _desk_report_add_column (report, "item", _("Activity or category"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "budget", _("Budget"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "spent", _("Spent"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "variance", _("Variance"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "variance_percent", _("Variance %"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "burn", _("Spent of budget"), DESK_COLUMN_NUMBER);

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

  g_free (report->unit);
  report->unit = g_strdup (summary->currency);
  report->unit_scale = 1;
  for (int i = 0; i < summary->decimals; i++)
    report->unit_scale *= 10;

  activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid", desk_record_get_uuid (workplan), NULL);
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (activities, i);
      g_hash_table_insert (names, g_strdup (desk_record_get_uuid (a)),
                           g_strdup_printf ("%s %s", desk_record_get_string (a, "code"),
                                            desk_record_get_narrative (a, "title", desk_locale_language (), NULL)));
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *rows = pass == 0 ? summary->activities : summary->categories;

      for (guint i = 0; i < rows->len; i++)
        {
          const DeskBudgetRow *row = g_ptr_array_index (rows, i);
          int variance_pm = 0, burn_pm = 0;
          gboolean has_variance = desk_budget_row_variance_permille (row, version, &variance_pm);
          gboolean has_burn = desk_budget_row_burn_permille (row, version, &burn_pm);
          char *name;

          if (pass == 0)
            name = row->key[0] == '\0' ? g_strdup (_("Group coordination"))
                                       : g_strdup (g_hash_table_lookup (names, row->key));
          else
            {
              g_autofree char *category = desk_reference_table_label (store, "budget_categories", row->key);

              /* Translators: a row of the budget report for a budget category. */
              name = g_strdup_printf (_("Category: %s"), category);
            }

          _desk_report_add_row (report, name != NULL ? name : g_strdup (row->key),
                   desk_money_format_amount (desk_budget_row_budget (row, version), summary->decimals),
                   desk_money_format_amount (row->spent, summary->decimals),
                   desk_money_format_amount (desk_budget_row_variance (row, version), summary->decimals),
                   _desk_report_percent_text (has_variance, variance_pm),
                   _desk_report_percent_text (has_burn, burn_pm),
                   NULL);
        }
    }

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
    if (summary->total.missing > 0)
      g_ptr_array_add (report->notes,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u amount has no exchange rate and is left out of the totals.",
                                                     "%u amounts have no exchange rate and are left out of the totals.",
                                                     summary->total.missing),
                                        summary->total.missing));
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
