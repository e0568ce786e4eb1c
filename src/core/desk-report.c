/* desk-report.c
 *
 * Each report reads what it needs with aggregate SQL or the core summaries (budget,
 * attendance), so it stays quick on a large group, and formats its cells once, here, in
 * the UI language.
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
#include "desk-csv.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"
#include "desk-store-private.h"

static const struct
{
  DeskReportKind kind;
  const char *key;
  const char *title;
} report_kinds[] = {
  { DESK_REPORT_WORKPLAN, "workplan", N_("Workplan progress") },
  { DESK_REPORT_BUDGET, "budget", N_("Budget against actual") },
  { DESK_REPORT_ATTENDANCE, "attendance", N_("Attendance and gender") },
  { DESK_REPORT_INDICATORS, "indicators", N_("Indicators") },
};

const char *
desk_report_kind_key (DeskReportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_kinds); i++)
    if (report_kinds[i].kind == kind)
      return report_kinds[i].key;

  return "";
}

const char *
desk_report_kind_title (DeskReportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_kinds); i++)
    if (report_kinds[i].kind == kind)
      return _(report_kinds[i].title);

  return "";
}

gboolean
desk_report_kind_from_key (const char     *key,
                           DeskReportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_kinds); i++)
    if (g_strcmp0 (report_kinds[i].key, key) == 0)
      {
        *kind = report_kinds[i].kind;
        return TRUE;
      }

  return FALSE;
}

static void
column_free (DeskReportColumn *column)
{
  g_free (column->title);
  g_free (column->key);
  g_free (column);
}

static void
series_free (DeskReportSeries *series)
{
  g_free (series->name);
  g_free (series->values);
  g_free (series->missing);
  g_free (series);
}

DeskChartAxis
desk_chart_axis (gint64 max,
                 int    unit_scale,
                 guint  max_steps)
{
  static const gint64 multiples[] = { 1, 2, 5 };
  DeskChartAxis axis = { 0, 1, 0 };
  gint64 scale = MAX (unit_scale, 1);
  gint64 units;

  max_steps = MAX (max_steps, 1);
  /* The largest value in whole units of what is shown, rounded up. */
  units = max <= 0 ? 1 : max / scale + (max % scale != 0);

  /* The smallest round step that covers @units in @max_steps steps. Steps are whole
   * units: a chart of counts never shows half a person. */
  for (gint64 power = 1; power <= G_MAXINT64 / 10 / scale; power *= 10)
    for (guint m = 0; m < G_N_ELEMENTS (multiples); m++)
      {
        gint64 step = multiples[m] * power;
        gint64 n = units / step + (units % step != 0);

        if (n <= (gint64) max_steps)
          {
            if (step > G_MAXINT64 / scale / n)
              break;
            axis.n_steps = (guint) n;
            axis.step = step * scale;
            axis.top = axis.step * n;
            return axis;
          }
      }

  /* Beyond any round step (values near the largest integer): one step to the top. */
  axis.step = max;
  axis.n_steps = 1;
  axis.top = max;
  return axis;
}

void
desk_report_free (DeskReport *report)
{
  if (report == NULL)
    return;

  g_free (report->title);
  g_free (report->subtitle);
  g_free (report->group_name);
  g_free (report->from);
  g_free (report->to);
  g_clear_pointer (&report->columns, g_ptr_array_unref);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->row_levels, g_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report->chart_title);
  g_clear_pointer (&report->chart_labels, g_ptr_array_unref);
  g_clear_pointer (&report->series, g_ptr_array_unref);
  g_free (report->unit);
  g_free (report->chart_description);
  g_free (report->reference_name);
  g_free (report);
}

void
_desk_report_add_column (DeskReport      *report,
                         const char      *key,
                         const char      *title,
                         DeskColumnAlign  align)
{
  DeskReportColumn *column = g_new0 (DeskReportColumn, 1);

  column->key = g_strdup (key);
  column->title = g_strdup (title);
  column->align = align;
  g_ptr_array_add (report->columns, column);
}

/* Adds a row from NULL-terminated cells, taking ownership of each. */
void
_desk_report_add_row (DeskReport *report,
                      ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  char *cell;
  va_list args;

  va_start (args, report);
  while ((cell = va_arg (args, char *)) != NULL)
    g_ptr_array_add (cells, cell);
  va_end (args);

  g_assert (cells->len == report->columns->len);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (report->rows, g_ptr_array_free (cells, FALSE));
  g_array_set_size (report->row_levels, report->rows->len);
}

void
_desk_report_set_last_row_level (DeskReport         *report,
                                 DeskReportRowLevel  level)
{
  g_return_if_fail (report->rows->len > 0);

  g_array_set_size (report->row_levels, report->rows->len);
  g_array_index (report->row_levels, DeskReportRowLevel, report->rows->len - 1) = level;
}

DeskReportRowLevel
desk_report_row_level (DeskReport *report,
                       guint       row)
{
  /* Rows added straight to report->rows (attendance's quarters) are plain. */
  if (report->row_levels == NULL || row >= report->row_levels->len)
    return DESK_REPORT_ROW_PLAIN;

  return g_array_index (report->row_levels, DeskReportRowLevel, row);
}

DeskReportSeries *
_desk_report_add_series (DeskReport *report,
                         const char *name)
{
  DeskReportSeries *series = g_new0 (DeskReportSeries, 1);

  series->name = g_strdup (name);
  series->values = g_new0 (gint64, MAX (report->chart_labels->len, 1));
  series->missing = g_new0 (gboolean, MAX (report->chart_labels->len, 1));
  g_ptr_array_add (report->series, series);

  return series;
}

DeskReport *
_desk_report_new (DeskReportKind  kind,
                  const char     *title,
                  const char     *group_name,
                  const char     *from,
                  const char     *to,
                  const char     *subtitle)
{
  DeskReport *report = g_new0 (DeskReport, 1);

  report->kind = kind;
  report->title = g_strdup (title);
  report->group_name = g_strdup (group_name);
  report->from = g_strdup (from);
  report->to = g_strdup (to);
  report->subtitle = g_strdup (subtitle);
  report->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  report->row_levels = g_array_new (FALSE, TRUE, sizeof (DeskReportRowLevel));
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->chart_labels = g_ptr_array_new_with_free_func (g_free);
  report->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  report->unit_scale = 1;
  report->unit = g_strdup ("");

  return report;
}

static DeskReport *
report_new (DeskReportKind  kind,
            DeskRecord     *group,
            const char     *from,
            const char     *to)
{
  g_autofree char *subtitle = desk_date_format_period (from, to);

  return _desk_report_new (kind, desk_report_kind_title (kind),
                           desk_record_get_narrative (group, "name", desk_locale_language (), NULL),
                           from, to, subtitle);
}

/* The newest workplan of the group overlapping the period (or the newest of all). */
DeskRecord *
_desk_report_workplan_for (DeskStore  *store,
                           const char *group,
                           const char *from,
                           const char *to)
{
  g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, group, NULL);
  DeskRecord *best = NULL;

  for (guint i = 0; workplans != NULL && i < workplans->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workplans, i);
      const char *start = desk_record_get_string (w, "period_start");
      const char *end = desk_record_get_string (w, "period_end");

      if (from != NULL && to != NULL && (g_strcmp0 (start, to) > 0 || g_strcmp0 (end, from) < 0))
        continue;
      if (best == NULL || g_strcmp0 (start, desk_record_get_string (best, "period_start")) > 0)
        best = w;
    }

  return best != NULL ? g_object_ref (best) : NULL;
}

char *
_desk_report_percent_text (gboolean ok,
                           int      permille)
{
  if (!ok)
    return g_strdup ("—");

  return desk_percent_format (permille);
}

DeskReport *
desk_report_compute (DeskStore       *store,
                     DeskReportKind   kind,
                     const char      *group_uuid,
                     const char      *from,
                     const char      *to,
                     GError         **error)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskReport) report = NULL;
  g_autofree char *period_from = g_strdup (from);
  g_autofree char *period_to = g_strdup (to);
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  group = group_uuid != NULL ? desk_store_get (store, DESK_KIND_GROUP, group_uuid, error)
                             : desk_store_dup_main_group (store);
  if (group == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("There is no group yet. Create your group or load the sample data first."));
      return NULL;
    }

  if (period_from == NULL || period_to == NULL)
    {
      g_autoptr(DeskRecord) workplan = _desk_report_workplan_for (store, desk_record_get_uuid (group), NULL, NULL);

      if (workplan == NULL)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                       _("There is no workplan to report on. Give a period with --from and --to."));
          return NULL;
        }
      if (period_from == NULL)
        period_from = g_strdup (desk_record_get_string (workplan, "period_start"));
      if (period_to == NULL)
        period_to = g_strdup (desk_record_get_string (workplan, "period_end"));
    }

  if (!desk_date_is_valid (period_from) || !desk_date_is_valid (period_to))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period must be two dates written as YYYY-MM-DD, such as 2026-01-01."));
      return NULL;
    }
  if (strcmp (period_to, period_from) < 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s). Swap the two dates."),
                   period_to, period_from);
      return NULL;
    }

  report = report_new (kind, group, period_from, period_to);

  switch (kind)
    {
    case DESK_REPORT_WORKPLAN:
      ok = _desk_report_compute_workplan (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_BUDGET:
      ok = _desk_report_compute_budget (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_ATTENDANCE:
      ok = _desk_report_compute_attendance (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_INDICATORS:
      ok = _desk_report_compute_indicators (store, report, desk_record_get_uuid (group), error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return NULL;

  /* The workplan's sentence already counts every bar; the others name each value. */
  if (kind != DESK_REPORT_WORKPLAN && report->chart_labels->len > 0 && report->series->len > 0)
    {
      g_autofree char *values = desk_report_chart_values_sentence (report);
      char *description = g_strjoin (" ", report->chart_description != NULL ? report->chart_description : "",
                                     values, NULL);

      g_free (report->chart_description);
      report->chart_description = g_strstrip (description);
    }

  return g_steal_pointer (&report);
}

/* CSV */

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return p;
}

/* The number a cell of a number column shows, as spreadsheets want it: no grouping, no
 * percent sign, '-' for the typographic minus. NULL when the cell is not a number as
 * this file formats one (1,234.50, −12.5 %, 7), so that no text is ever turned into one. */
static char *
csv_number (const char *cell)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *p = skip_spaces (cell);
  gboolean percent = FALSE;
  guint group = 0;
  gboolean grouped = FALSE;

  if (*p == '%')
    {
      percent = TRUE;
      p = skip_spaces (p + 1);
    }
  if (*p == '-' || g_str_has_prefix (p, "\xe2\x88\x92"))  /* - or − */
    {
      p += *p == '-' ? 1 : 3;
      g_string_append_c (plain, '-');
    }

  /* Digits, grouped by three with commas or not grouped at all. */
  for (; g_ascii_isdigit (*p) || *p == ','; p++)
    {
      if (*p == ',')
        {
          if (group == 0 || group > 3 || (grouped && group != 3) || !g_ascii_isdigit (p[1]))
            return NULL;
          grouped = TRUE;
          group = 0;
          continue;
        }
      g_string_append_c (plain, *p);
      group++;
    }
  if (grouped && group != 3)
    return NULL;
  if (*p == '.')
    {
      g_string_append_c (plain, '.');
      for (p++; g_ascii_isdigit (*p); p++)
        g_string_append_c (plain, *p);
    }

  p = skip_spaces (p);
  if (*p == '%' && !percent)
    p = skip_spaces (p + 1);
  if (*p != '\0' || !desk_csv_is_number (plain->str))
    return NULL;

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static gboolean
has_levels (DeskReport *report)
{
  for (guint i = 0; i < report->rows->len; i++)
    if (desk_report_row_level (report, i) != DESK_REPORT_ROW_PLAIN)
      return TRUE;

  return FALSE;
}

static const char *
level_key (DeskReportRowLevel level)
{
  switch (level)
    {
    case DESK_REPORT_ROW_SUBTOTAL:
      return "subtotal";
    case DESK_REPORT_ROW_TOTAL:
      return "total";
    case DESK_REPORT_ROW_PLAIN:
    default:
      return "line";
    }
}

char *
desk_report_to_csv (DeskReport *report,
                    gboolean    bom)
{
  GString *out = g_string_new (NULL);
  /* A spreadsheet filters sums from lines by a column, not by reading labels; and money
   * says its currency in a column of its own. */
  gboolean levels = has_levels (report);
  gboolean currency = report->kind == DESK_REPORT_BUDGET && report->unit != NULL && report->unit[0] != '\0';
  DeskCsv csv;

  desk_csv_init (&csv, out, bom);
  if (levels)
    desk_csv_field (&csv, "level");
  for (guint i = 0; i < report->columns->len; i++)
    desk_csv_field (&csv, ((DeskReportColumn *) g_ptr_array_index (report->columns, i))->key);
  if (currency)
    desk_csv_field (&csv, "currency");
  desk_csv_end_row (&csv);

  for (guint r = 0; r < report->rows->len; r++)
    {
      char **cells = g_ptr_array_index (report->rows, r);

      if (levels)
        desk_csv_field (&csv, level_key (desk_report_row_level (report, r)));
      for (guint i = 0; cells[i] != NULL; i++)
        {
          const DeskReportColumn *column = g_ptr_array_index (report->columns, i);
          g_autofree char *number = NULL;

          /* Spreadsheets want plain numbers: no grouping, no percent sign. */
          if (column->align == DESK_COLUMN_NUMBER)
            number = csv_number (cells[i]);
          /* A number column also holds text: "—" for a missing value, and indicators of
           * the unit "text" hold what their users typed. Such a cell is written as it is,
           * as text, never stripped into something it did not say. */
          if (number != NULL)
            desk_csv_field_number (&csv, number);
          else
            desk_csv_field (&csv, cells[i]);
        }
      if (currency)
        desk_csv_field (&csv, report->unit);
      desk_csv_end_row (&csv);
    }

  return g_string_free (out, FALSE);
}
