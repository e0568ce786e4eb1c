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
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report->chart_title);
  g_clear_pointer (&report->chart_labels, g_ptr_array_unref);
  g_clear_pointer (&report->series, g_ptr_array_unref);
  g_free (report->unit);
  g_free (report->chart_description);
  g_free (report);
}

static void
add_column (DeskReport      *report,
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
static void
add_row (DeskReport *report,
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
}

static DeskReportSeries *
add_series (DeskReport *report,
            const char *name)
{
  DeskReportSeries *series = g_new0 (DeskReportSeries, 1);

  series->name = g_strdup (name);
  series->values = g_new0 (gint64, MAX (report->chart_labels->len, 1));
  g_ptr_array_add (report->series, series);

  return series;
}

static DeskReport *
report_new (DeskReportKind  kind,
            DeskRecord     *group,
            const char     *from,
            const char     *to)
{
  DeskReport *report = g_new0 (DeskReport, 1);
  g_autofree char *from_text = desk_date_format (from, DESK_DATE_LONG);
  g_autofree char *to_text = desk_date_format (to, DESK_DATE_LONG);

  report->kind = kind;
  report->title = g_strdup (desk_report_kind_title (kind));
  report->group_name = g_strdup (desk_record_get_narrative (group, "name", desk_locale_language (), NULL));
  report->from = g_strdup (from);
  report->to = g_strdup (to);
  /* Translators: the period of a report: "1 July 2025 to 31 December 2026". */
  report->subtitle = g_strdup_printf (_("%s to %s"), from_text, to_text);
  report->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->chart_labels = g_ptr_array_new_with_free_func (g_free);
  report->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  report->unit_scale = 1;
  report->unit = g_strdup ("");

  return report;
}

/* The newest workplan of the group overlapping the period (or the newest of all). */
static DeskRecord *
workplan_for (DeskStore  *store,
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

static char *
percent_text (gboolean ok,
              int      permille)
{
  if (!ok)
    return g_strdup ("—");

  return g_strdup_printf ("%s%d.%d %%", permille < 0 ? "−" : "", ABS (permille) / 10, ABS (permille) % 10);
}

/* Workplan progress */

static gboolean
compute_workplan (DeskStore   *store,
                  DeskReport  *report,
                  const char  *group,
                  GError     **error)
{
  static const char *const statuses[] = { "planned", "in_progress", "done", "postponed", "cancelled" };
  g_autofree char *today = desk_store_dup_today (store);
  DeskReportSeries *series;
  sqlite3_stmt *stmt;
  gint64 overdue_total = 0;
  int rc;

  add_column (report, "code", _("Code"), DESK_COLUMN_TEXT);
  add_column (report, "activity", _("Activity"), DESK_COLUMN_TEXT);
  add_column (report, "status", _("Status"), DESK_COLUMN_TEXT);
  add_column (report, "planned_start", _("Planned start"), DESK_COLUMN_TEXT);
  add_column (report, "planned_end", _("Planned end"), DESK_COLUMN_TEXT);
  add_column (report, "deliverables", _("Deliverables done"), DESK_COLUMN_TEXT);
  add_column (report, "overdue", _("Overdue"), DESK_COLUMN_NUMBER);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (report->chart_labels, desk_reference_label (store, DESK_KIND_ACTIVITY, "status", statuses[i]));
  series = add_series (report, _("Activities"));
  report->chart_title = g_strdup (_("Activities by status"));

  /* Activities whose planned dates meet the period (or that have none), with their
   * deliverables counted in the same query. */
  stmt = _desk_store_prepare (store,
    "SELECT a.code, a.title_en, a.title_zh, a.status, a.planned_start, a.planned_end, "
    "  (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid), "
    "  (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid "
    "     AND d.status IN ('delivered', 'accepted')), "
    "  (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid "
    "     AND d.due_date < ?4 AND d.status NOT IN ('delivered', 'accepted')) "
    "FROM activities a WHERE a.group_uuid = ?1 "
    "  AND (a.planned_start IS NULL OR a.planned_start <= ?3) "
    "  AND (a.planned_end IS NULL OR a.planned_end >= ?2) "
    "ORDER BY a.planned_start IS NULL, a.planned_start, length (a.code), a.code", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, report->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, report->to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, today, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *en = (const char *) sqlite3_column_text (stmt, 1);
      const char *zh = (const char *) sqlite3_column_text (stmt, 2);
      const char *status = (const char *) sqlite3_column_text (stmt, 3);
      gboolean want_zh = desk_locale_is_chinese ();
      const char *title = want_zh ? (zh[0] != '\0' ? zh : en) : (en[0] != '\0' ? en : zh);
      gint64 total = sqlite3_column_int64 (stmt, 6);
      gint64 done = sqlite3_column_int64 (stmt, 7);
      gint64 overdue = sqlite3_column_int64 (stmt, 8);

      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        if (g_strcmp0 (statuses[i], status) == 0)
          series->values[i]++;
      overdue_total += overdue;

      add_row (report,
               g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
               g_strdup (title),
               desk_reference_label (store, DESK_KIND_ACTIVITY, "status", status),
               desk_date_format ((const char *) sqlite3_column_text (stmt, 4), DESK_DATE_SHORT),
               desk_date_format ((const char *) sqlite3_column_text (stmt, 5), DESK_DATE_SHORT),
               /* Translators: deliverables done out of all: "2 of 3". */
               g_strdup_printf (_("%lld of %lld"), (long long) done, (long long) total),
               g_strdup_printf ("%" G_GINT64_FORMAT, overdue),
               NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  g_ptr_array_add (report->notes,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u activity in the period.",
                                                 "%u activities in the period.",
                                                 report->rows->len),
                                    report->rows->len));
  g_ptr_array_add (report->notes,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%lld deliverable is overdue.",
                                                 "%lld deliverables are overdue.",
                                                 (gulong) overdue_total),
                                    (long long) overdue_total));
  report->chart_description = g_strdup_printf (_("Bar chart of the %u activities by status: "
                                                 "%lld planned, %lld in progress, %lld done, %lld postponed, "
                                                 "%lld cancelled."),
                                               report->rows->len, (long long) series->values[0],
                                               (long long) series->values[1], (long long) series->values[2],
                                               (long long) series->values[3], (long long) series->values[4]);

  return TRUE;
}

/* Budget against actual */

static gboolean
compute_budget (DeskStore   *store,
                DeskReport  *report,
                const char  *group,
                GError     **error)
{
  g_autoptr(DeskRecord) workplan = workplan_for (store, group, report->from, report->to);
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  DeskReportSeries *budget_series, *spent_series;
  DeskBudgetVersion version = DESK_BUDGET_REVISED;

  add_column (report, "item", _("Activity or category"), DESK_COLUMN_TEXT);
  add_column (report, "budget", _("Budget"), DESK_COLUMN_NUMBER);
  add_column (report, "spent", _("Spent"), DESK_COLUMN_NUMBER);
  add_column (report, "variance", _("Variance"), DESK_COLUMN_NUMBER);
  add_column (report, "variance_percent", _("Variance %"), DESK_COLUMN_NUMBER);
  add_column (report, "burn", _("Spent of budget"), DESK_COLUMN_NUMBER);

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

          add_row (report, name != NULL ? name : g_strdup (row->key),
                   desk_money_format_amount (desk_budget_row_budget (row, version), summary->decimals),
                   desk_money_format_amount (row->spent, summary->decimals),
                   desk_money_format_amount (desk_budget_row_variance (row, version), summary->decimals),
                   percent_text (has_variance, variance_pm),
                   percent_text (has_burn, burn_pm),
                   NULL);
        }
    }

  {
    int burn_pm = 0;
    gboolean has_burn = desk_budget_row_burn_permille (&summary->total, version, &burn_pm);
    g_autofree char *budget = desk_money_format (desk_budget_row_budget (&summary->total, version), summary->currency, summary->decimals);
    g_autofree char *spent = desk_money_format (summary->total.spent, summary->currency, summary->decimals);
    g_autofree char *received = desk_money_format (summary->received, summary->currency, summary->decimals);
    g_autofree char *burn = percent_text (has_burn, burn_pm);
    g_autofree char *elapsed = percent_text (TRUE, summary->elapsed_permille);

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
  budget_series = add_series (report, _("Budget"));
  spent_series = add_series (report, _("Spent"));
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

/* Attendance and gender, per quarter */

static gboolean
compute_attendance (DeskStore   *store,
                    DeskReport  *report,
                    const char  *group,
                    GError     **error)
{
  static const char *const pillars[] = { "government", "company", "civil_society", "observer", "other" };
  g_autoptr(GPtrArray) quarters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  DeskReportSeries *women, *men, *others;
  GDate date, last;

  add_column (report, "quarter", _("Quarter"), DESK_COLUMN_TEXT);
  add_column (report, "workshops", _("Workshops"), DESK_COLUMN_NUMBER);
  add_column (report, "attendances", _("Attendances"), DESK_COLUMN_NUMBER);
  add_column (report, "people", _("People reached"), DESK_COLUMN_NUMBER);
  add_column (report, "women_percent", _("Women"), DESK_COLUMN_NUMBER);
  add_column (report, "repeat_people", _("Came again"), DESK_COLUMN_NUMBER);
  for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
    {
      g_autofree char *label = desk_reference_table_label (store, "pillars", pillars[p]);
      add_column (report, pillars[p], label, DESK_COLUMN_NUMBER);
    }

  /* The quarters of the period, clipped to it. */
  desk_date_parse (report->from, &date);
  desk_date_parse (report->to, &last);
  g_date_set_day (&date, 1);
  g_date_set_month (&date, (GDateMonth) (((g_date_get_month (&date) - 1) / 3) * 3 + 1));
  while (g_date_compare (&date, &last) <= 0)
    {
      GDate end = date;
      g_autofree char *start_text = desk_date_to_string (&date);
      g_autofree char *end_text = NULL;
      char **q = g_new0 (char *, 4);

      g_date_add_months (&end, 3);
      g_date_subtract_days (&end, 1);
      end_text = desk_date_to_string (&end);
      q[0] = g_strdup (g_strcmp0 (start_text, report->from) < 0 ? report->from : start_text);
      q[1] = g_strdup (g_strcmp0 (end_text, report->to) > 0 ? report->to : end_text);
      /* Translators: a quarter of a year: "2025 Q3". */
      q[2] = g_strdup_printf (_("%d Q%d"), g_date_get_year (&date), (g_date_get_month (&date) - 1) / 3 + 1);
      g_ptr_array_add (quarters, q);
      g_ptr_array_add (report->chart_labels, g_strdup (q[2]));
      g_date_add_months (&date, 3);
    }

  women = add_series (report, _("Women"));
  men = add_series (report, _("Men"));
  others = add_series (report, _("Another gender or not stated"));
  report->chart_title = g_strdup (_("Attendances by gender and quarter"));

  {
    /* One pass over the period's attendance, sorted into quarters in C: a breakdown
     * query per quarter would read the whole table each time. */
    guint nq = quarters->len;
    g_autofree gint64 *attend = g_new0 (gint64, nq);
    g_autofree gint64 *pillar_counts = g_new0 (gint64, nq * G_N_ELEMENTS (pillars));
    g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(GPtrArray) workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(GHashTable) all_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) all_workshops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    gint64 all_women = 0, all_attendances = 0, all_repeat = 0;
    g_autofree char *share = NULL;
    GHashTableIter iter;
    gpointer value;
    sqlite3_stmt *stmt;
    int rc;

    for (guint i = 0; i < nq; i++)
      {
        g_ptr_array_add (people, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
        g_ptr_array_add (workshops, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
      }

    stmt = _desk_store_prepare (store,
      "SELECT w.start_date, t.person_uuid, t.workshop_uuid, "
      "  COALESCE (p.pillar, m.pillar, 'not_stated'), p.gender "
      "FROM attendance t NOT INDEXED JOIN workshops w ON w.uuid = t.workshop_uuid "
      "JOIN people p ON p.uuid = t.person_uuid LEFT JOIN members m ON m.uuid = p.member_uuid "
      "WHERE t.status = 'attended' AND t.group_uuid = ?1 AND w.start_date BETWEEN ?2 AND ?3", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, report->from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, report->to, -1, SQLITE_TRANSIENT);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *day = (const char *) sqlite3_column_text (stmt, 0);
        const char *person = (const char *) sqlite3_column_text (stmt, 1);
        const char *workshop = (const char *) sqlite3_column_text (stmt, 2);
        const char *pillar = (const char *) sqlite3_column_text (stmt, 3);
        const char *gender = (const char *) sqlite3_column_text (stmt, 4);
        GHashTable *qp;
        guint q = 0;

        while (q + 1 < nq && strcmp (day, ((char **) g_ptr_array_index (quarters, q + 1))[0]) >= 0)
          q++;

        attend[q]++;
        all_attendances++;
        if (g_strcmp0 (gender, "woman") == 0)
          {
            women->values[q]++;
            all_women++;
          }
        else if (g_strcmp0 (gender, "man") == 0)
          men->values[q]++;
        else
          others->values[q]++;

        for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
          if (g_strcmp0 (pillars[p], pillar) == 0)
            pillar_counts[q * G_N_ELEMENTS (pillars) + p]++;

        qp = g_ptr_array_index (people, q);
        g_hash_table_insert (qp, g_strdup (person),
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (qp, person)) + 1));
        g_hash_table_add (g_ptr_array_index (workshops, q), g_strdup (workshop));
        g_hash_table_insert (all_people, g_strdup (person),
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (all_people, person)) + 1));
        g_hash_table_add (all_workshops, g_strdup (workshop));
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      {
        _desk_store_set_error (store, rc, error);
        return FALSE;
      }

    for (guint q = 0; q < nq; q++)
      {
        char **quarter = g_ptr_array_index (quarters, q);
        GHashTable *qp = g_ptr_array_index (people, q);
        GPtrArray *cells = g_ptr_array_new ();
        gint64 repeat = 0;

        /* An attendance is one person at one workshop: more than one is coming again. */
        g_hash_table_iter_init (&iter, qp);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          repeat += GPOINTER_TO_INT (value) > 1;

        g_ptr_array_add (cells, g_strdup (quarter[2]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", g_hash_table_size (g_ptr_array_index (workshops, q))));
        g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, attend[q]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", g_hash_table_size (qp)));
        if (attend[q] > 0)
          {
            g_autofree char *number = desk_share_format_percent (women->values[q], attend[q]);
            g_ptr_array_add (cells, g_strdup_printf (C_("percentage", "%s %%"), number));
          }
        else
          g_ptr_array_add (cells, g_strdup ("—"));
        g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, repeat));
        for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
          g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   pillar_counts[q * G_N_ELEMENTS (pillars) + p]));
        g_ptr_array_add (cells, NULL);
        g_ptr_array_add (report->rows, g_ptr_array_free (cells, FALSE));
      }

    g_hash_table_iter_init (&iter, all_people);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      all_repeat += GPOINTER_TO_INT (value) > 1;

    if (all_attendances > 0)
      {
        g_autofree char *number = desk_share_format_percent (all_women, all_attendances);
        share = g_strdup_printf (C_("percentage", "%s %%"), number);
      }
    else
      share = g_strdup ("—");

    g_ptr_array_add (report->notes,
                     g_strdup_printf (_("%lld attendances by %u people at %u workshops; "
                                        "women %s; %lld people came more than once."),
                                      (long long) all_attendances, g_hash_table_size (all_people),
                                      g_hash_table_size (all_workshops), share, (long long) all_repeat));
    report->chart_description = g_strdup_printf (_("Bar chart of attendances per quarter, split into women, "
                                                   "men and others; women are %s of all attendances."), share);
  }

  return TRUE;
}

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

static gboolean
compute_indicators (DeskStore   *store,
                    DeskReport  *report,
                    const char  *group,
                    GError     **error)
{
  g_autoptr(GPtrArray) indicators = desk_store_list (store, DESK_KIND_INDICATOR, group, error);
  DeskReportSeries *baseline, *target, *actual;
  guint numeric = 0;

  if (indicators == NULL)
    return FALSE;

  add_column (report, "indicator", _("Indicator"), DESK_COLUMN_TEXT);
  add_column (report, "unit", _("Unit"), DESK_COLUMN_TEXT);
  add_column (report, "baseline", _("Baseline"), DESK_COLUMN_NUMBER);
  add_column (report, "target", _("Target"), DESK_COLUMN_NUMBER);
  add_column (report, "actual", _("Actual"), DESK_COLUMN_NUMBER);
  add_column (report, "trend", _("Trend"), DESK_COLUMN_TEXT);

  for (guint i = 0; i < indicators->len; i++)
    {
      DeskRecord *ind = g_ptr_array_index (indicators, i);
      const char *unit = desk_record_get_string (ind, "unit");

      if (g_strcmp0 (unit, "text") != 0)
        g_ptr_array_add (report->chart_labels,
                         g_strdup (desk_record_get_narrative (ind, "name", desk_locale_language (), NULL)));
    }
  baseline = add_series (report, _("Baseline"));
  target = add_series (report, _("Target"));
  actual = add_series (report, _("Actual"));
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

      add_row (report,
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
      g_autoptr(DeskRecord) workplan = workplan_for (store, desk_record_get_uuid (group), NULL, NULL);

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
      ok = compute_workplan (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_BUDGET:
      ok = compute_budget (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_ATTENDANCE:
      ok = compute_attendance (store, report, desk_record_get_uuid (group), error);
      break;
    case DESK_REPORT_INDICATORS:
      ok = compute_indicators (store, report, desk_record_get_uuid (group), error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? g_steal_pointer (&report) : NULL;
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

char *
desk_report_to_csv (DeskReport *report,
                    gboolean    bom)
{
  GString *out = g_string_new (NULL);
  DeskCsv csv;

  desk_csv_init (&csv, out, bom);
  for (guint i = 0; i < report->columns->len; i++)
    desk_csv_field (&csv, ((DeskReportColumn *) g_ptr_array_index (report->columns, i))->key);
  desk_csv_end_row (&csv);

  for (guint r = 0; r < report->rows->len; r++)
    {
      char **cells = g_ptr_array_index (report->rows, r);

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
      desk_csv_end_row (&csv);
    }

  return g_string_free (out, FALSE);
}
