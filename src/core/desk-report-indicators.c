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
      return desk_percent_text (number);
    }

  return desk_milli_format (milli);
}

/* What the chart needs of one indicator, read with its row. */
typedef struct
{
  const char *name;
  const char *unit;
  gboolean    has_baseline;
  gint64      baseline;
  gboolean    has_target;
  gint64      target;
  gboolean    has_actual;
  gint64      actual;
} Charted;

/* Whether an indicator can be drawn as a share of its target: a number or a percentage
 * with a target above 0, or a yes/no (whose target, when none is written, is "yes"). */
static gboolean
chartable (const Charted *c)
{
  if (g_strcmp0 (c->unit, "yes_no") == 0)
    return TRUE;
  if (g_strcmp0 (c->unit, "text") == 0)
    return FALSE;

  return c->has_target && c->target > 0 && c->target <= DESK_MILLI_MAX;
}

/* @value as a share of the target in tenths of a percent: a yes/no is 100 % when it
 * says what the target says and 0 % when not. FALSE for a value beyond what Groupdesk
 * counts (written by another program), which the chart leaves out. */
static gboolean
share_of_target (const Charted *c,
                 gint64         value,
                 gint64        *tenths)
{
  double share;

  if (value > DESK_MILLI_MAX || value < -DESK_MILLI_MAX)
    return FALSE;
  if (g_strcmp0 (c->unit, "yes_no") == 0)
    {
      gboolean target_yes = !c->has_target || c->target != 0;

      *tenths = (value != 0) == target_yes ? 1000 : 0;
      return TRUE;
    }

  share = (double) value * 1000.0 / (double) c->target;
  *tenths = (gint64) CLAMP (share + (share < 0 ? -0.5 : 0.5), -1e15, 1e15);
  return TRUE;
}

/* The chart: baseline and actual as shares of the target, so every indicator, counted
 * in people, percentages or yes/no, reads on one axis in percent, with the target as a
 * dashed line at 100 %. Those that cannot be charted are named in the description. */
static void
chart_indicators (DeskReport *report,
                  GArray     *charted)
{
  g_autoptr(GString) left_out = g_string_new (NULL);
  DeskReportSeries *baseline, *actual;
  guint n = 0;

  for (guint i = 0; i < charted->len; i++)
    {
      const Charted *c = &g_array_index (charted, Charted, i);

      if (chartable (c))
        g_ptr_array_add (report->chart_labels, g_strdup (c->name));
      else
        {
          if (left_out->len > 0)
            g_string_append (left_out, C_("list separator", ", "));
          g_string_append_printf (left_out, g_strcmp0 (c->unit, "text") == 0
                                  /* Translators: an indicator left out of the chart: “Dialogue quality (text)”. */
                                  ? C_("chart", "%s (text)")
                                  /* Translators: an indicator left out of the chart: “Companies (no target)”. */
                                  : C_("chart", "%s (no target)"), c->name);
        }
    }

  report->unit_scale = 10;
  g_free (report->unit);
  report->unit = g_strdup ("%");
  report->reference = 1000;
  /* Translators: in the indicators chart's legend: the dashed line at the target,
   * which each bar is a share of. */
  report->reference_name = g_strdup (_("Target (100 %)"));
  report->chart_title = g_strdup (_("Indicators: baseline and actual as a share of the target"));
  baseline = _desk_report_add_series (report, _("Baseline"));
  actual = _desk_report_add_series (report, _("Actual"));

  for (guint i = 0; i < charted->len; i++)
    {
      const Charted *c = &g_array_index (charted, Charted, i);
      gboolean countable;

      if (!chartable (c))
        continue;

      /* Not reported, or beyond count: no bar, and "—". */
      baseline->missing[n] = !c->has_baseline || !share_of_target (c, c->baseline, &baseline->values[n]);
      actual->missing[n] = !c->has_actual || !share_of_target (c, c->actual, &actual->values[n]);
      countable = (!c->has_baseline || !baseline->missing[n]) && (!c->has_actual || !actual->missing[n]);
      if (!countable)
        {
          g_ptr_array_add (report->notes,
                           g_strdup_printf (_("A value of indicator “%s” is more than Groupdesk can "
                                              "count and is left out of the chart. Check its values."),
                                            c->name));
        }
      n++;
    }

  report->chart_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Bar chart of baseline and actual as a share of the "
                                                            "target for %u indicator.",
                                                            "Bar chart of baseline and actual as a share of the "
                                                            "target for %u indicators.", n), n);
  if (left_out->len > 0)
    {
      /* Translators: after the chart's description: the indicators it does not show. */
      g_autofree char *sentence = g_strdup_printf (_("Not charted: %s."), left_out->str);
      char *description = g_strjoin (" ", report->chart_description, sentence, NULL);

      g_free (report->chart_description);
      report->chart_description = description;
    }
}

gboolean
_desk_report_compute_indicators (DeskStore   *store,
                                 DeskReport  *report,
                                 const char  *group,
                                 GError     **error)
{
  g_autoptr(GPtrArray) indicators = desk_store_list (store, DESK_KIND_INDICATOR, group, error);
  g_autoptr(GArray) charted = g_array_new (FALSE, TRUE, sizeof (Charted));

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
      gboolean is_text = g_strcmp0 (unit, "text") == 0;
      sqlite3_stmt *stmt;
      gboolean has_target = FALSE, has_actual = FALSE, has_previous = FALSE;
      gboolean target_set = FALSE, actual_set = FALSE;
      gint64 target_v = 0, actual_v = 0, previous_v = 0;
      g_autofree char *target_text = NULL;
      g_autofree char *actual_text = NULL;
      const char *trend;
      Charted c = { 0 };

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
          gboolean set = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
          gint64 v = sqlite3_column_int64 (stmt, 1);
          const char *t = (const char *) sqlite3_column_text (stmt, 2);

          if (is_target && !has_target)
            {
              has_target = TRUE;
              target_set = set;
              target_v = v;
              target_text = indicator_value (unit, set, v, t);
            }
          else if (!is_target && !has_actual)
            {
              has_actual = TRUE;
              actual_set = set;
              actual_v = v;
              actual_text = indicator_value (unit, set, v, t);
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

      c.name = desk_record_get_narrative (ind, "name", desk_locale_language (), NULL);
      c.unit = unit;
      c.has_baseline = desk_record_is_set (ind, "baseline_milli");
      c.baseline = desk_record_get_int (ind, "baseline_milli");
      c.has_target = target_set;
      c.target = target_v;
      c.has_actual = actual_set;
      c.actual = actual_v;
      g_array_append_val (charted, c);
    }

  chart_indicators (report, charted);

  return TRUE;
}
