/* desk-report-indicators.c — the Indicators report: baseline, target, actual
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

/* Indicators */

static char *
indicator_value (const char *unit,
                 gboolean    set,
                 gint64      milli,
                 const char *text)
{
  if (g_strcmp0 (unit, "text") == 0)
    return g_strdup (text != NULL && text[0] != '\0' ? text : "—");
  if (!set)
    return g_strdup ("—");
  if (g_strcmp0 (unit, "yes_no") == 0)
    return g_strdup (milli != 0 ? _("Yes") : _("No"));
  if (g_strcmp0 (unit, "percentage") == 0)
    {
      g_autofree char *number = desk_milli_format (milli);
      return g_strdup_printf (C_("percentage", "%s %%"), number);
    }

  return desk_milli_format (milli);
}

gboolean
_desk_report_compute_indicators (DeskStore   *store,
                                 DeskReport  *report,
                                 const char  *group,
                                 GError     **error)
{
  g_autoptr(GPtrArray) indicators = desk_store_list (store, DESK_KIND_INDICATOR, group, error);
  DeskReportSeries *baseline, *target, *actual;
  guint numeric = 0;

  if (indicators == NULL)
    return FALSE;

  _desk_report_add_column (report, "indicator", _("Indicator"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "unit", _("Unit"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "baseline", _("Baseline"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "target", _("Target"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "actual", _("Actual"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "trend", _("Trend"), DESK_COLUMN_TEXT);

  for (guint i = 0; i < indicators->len; i++)
    {
      DeskRecord *ind = g_ptr_array_index (indicators, i);
      const char *unit = desk_record_get_string (ind, "unit");

      if (g_strcmp0 (unit, "text") != 0)
        g_ptr_array_add (report->chart_labels,
                         g_strdup (desk_record_get_narrative (ind, "name", desk_locale_language (), NULL)));
    }
  baseline = _desk_report_add_series (report, _("Baseline"));
  target = _desk_report_add_series (report, _("Target"));
  actual = _desk_report_add_series (report, _("Actual"));
  report->unit_scale = 1000;
  report->chart_title = g_strdup (_("Indicators: baseline, target and actual"));

  for (guint i = 0; i < indicators->len; i++)
    {
      DeskRecord *ind = g_ptr_array_index (indicators, i);
      const char *unit = desk_record_get_string (ind, "unit");
      gboolean is_text = g_strcmp0 (unit, "text") == 0;
      sqlite3_stmt *stmt;
      gboolean has_target = FALSE, has_actual = FALSE, has_previous = FALSE;
      gint64 target_v = 0, actual_v = 0, previous_v = 0;
      g_autofree char *target_text = NULL;
      g_autofree char *actual_text = NULL;
      const char *trend;

      /* The totals (no gender or pillar) up to the end of the period, newest first. */
      stmt = _desk_store_prepare (store,
        "SELECT type, value_milli, value_text FROM indicator_values "
        "WHERE indicator_uuid = ?1 AND gender IS NULL AND pillar IS NULL AND period_start <= ?2 "
        "ORDER BY period_end DESC, rowid DESC", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, desk_record_get_uuid (ind), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, report->to, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gboolean is_target = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "target") == 0;
          gint64 v = sqlite3_column_int64 (stmt, 1);
          const char *t = (const char *) sqlite3_column_text (stmt, 2);

          if (is_target && !has_target)
            {
              has_target = TRUE;
              target_v = v;
              target_text = indicator_value (unit, sqlite3_column_type (stmt, 1) != SQLITE_NULL, v, t);
            }
          else if (!is_target && !has_actual)
            {
              has_actual = TRUE;
              actual_v = v;
              actual_text = indicator_value (unit, sqlite3_column_type (stmt, 1) != SQLITE_NULL, v, t);
            }
          else if (!is_target && !has_previous)
            {
              has_previous = TRUE;
              previous_v = v;
            }
        }
      sqlite3_reset (stmt);

      /* The trend compares the newest actual with the one before, or with the baseline. */
      if (!has_actual || is_text)
        trend = "—";
      else
        {
          gint64 before = has_previous ? previous_v : desk_record_get_int (ind, "baseline_milli");
          gboolean comparable = has_previous || desk_record_is_set (ind, "baseline_milli");

          trend = !comparable ? "—" : actual_v > before ? _("↑ up") : actual_v < before ? _("↓ down") : _("→ steady");
        }

      _desk_report_add_row (report,
               g_strdup (desk_record_get_narrative (ind, "name", desk_locale_language (), NULL)),
               desk_reference_label (store, DESK_KIND_INDICATOR, "unit", unit),
               indicator_value (unit, desk_record_is_set (ind, "baseline_milli"),
                                desk_record_get_int (ind, "baseline_milli"),
                                desk_record_get_string (ind, "baseline_text")),
               g_strdup (target_text != NULL ? target_text : "—"),
               g_strdup (actual_text != NULL ? actual_text : "—"),
               g_strdup (trend),
               NULL);

      if (!is_text)
        {
          gint64 values[] = { desk_record_get_int (ind, "baseline_milli"),
                              has_target ? target_v : 0, has_actual ? actual_v : 0 };
          DeskReportSeries *series[] = { baseline, target, actual };
          gboolean left_out = FALSE;

          /* A value beyond what Groupdesk can count (written by another program) would
           * wrap the chart's scale: it is left out of the chart, and named. */
          for (guint k = 0; k < G_N_ELEMENTS (values); k++)
            {
              gboolean countable = values[k] <= DESK_MILLI_MAX && values[k] >= -DESK_MILLI_MAX;

              series[k]->values[numeric] = countable ? values[k] : 0;
              left_out |= !countable;
            }
          if (left_out)
            g_ptr_array_add (report->notes,
                             g_strdup_printf (_("A value of indicator “%s” is more than Groupdesk can "
                                                "count and is left out of the chart. Check its values."),
                                              desk_record_get_narrative (ind, "name",
                                                                         desk_locale_language (), NULL)));
          numeric++;
        }
    }

  report->chart_description = g_strdup_printf (_("Bar chart of baseline, target and actual for each of "
                                                 "%u indicators with numbers."), numeric);

  return TRUE;
}
