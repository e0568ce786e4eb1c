/* desk-report-workplan.c — the Workplan progress report: activities by status, deliverables, figures of the period
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

/* Workplan progress */

gboolean
_desk_report_compute_workplan (DeskStore   *store,
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

  _desk_report_add_column (report, "code", _("Code"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "activity", _("Activity"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "status", _("Status"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "planned_start", _("Planned start"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "planned_end", _("Planned end"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "deliverables", _("Deliverables done"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "overdue", _("Overdue"), DESK_COLUMN_NUMBER);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (report->chart_labels, desk_reference_label (store, DESK_KIND_ACTIVITY, "status", statuses[i]));
  series = _desk_report_add_series (report, _("Activities"));
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

      _desk_report_add_row (report,
               g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
               g_strdup (title),
               desk_reference_label (store, DESK_KIND_ACTIVITY, "status", status),
               desk_date_format ((const char *) sqlite3_column_text (stmt, 4)),
               desk_date_format ((const char *) sqlite3_column_text (stmt, 5)),
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
  report->chart_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Bar chart of the %u activity by status: "
                                                            "%lld planned, %lld in progress, %lld done, "
                                                            "%lld postponed, %lld cancelled.",
                                                            "Bar chart of the %u activities by status: "
                                                            "%lld planned, %lld in progress, %lld done, "
                                                            "%lld postponed, %lld cancelled.",
                                                            report->rows->len),
                                               report->rows->len, (long long) series->values[0],
                                               (long long) series->values[1], (long long) series->values[2],
                                               (long long) series->values[3], (long long) series->values[4]);

  return TRUE;
}
