/* desk-report-attendance.c — the Attendance and gender report, per quarter
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

/* Attendance and gender, per quarter */

gboolean
_desk_report_compute_attendance (DeskStore   *store,
                                 DeskReport  *report,
                                 const char  *group,
                                 GError     **error)
{
  static const char *const pillars[] = { "government", "company", "civil_society", "observer", "other" };
  g_autoptr(GPtrArray) quarters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  DeskReportSeries *women, *men, *others;
  GDate date, last;

  _desk_report_add_column (report, "quarter", _("Quarter"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "workshops", _("Workshops"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "attendances", _("Attendances"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "people", _("People reached"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "women_percent", _("Women"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "repeat_people", _("Came again"), DESK_COLUMN_NUMBER);
  for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
    {
      g_autofree char *label = desk_reference_table_label (store, "pillars", pillars[p]);
      _desk_report_add_column (report, pillars[p], label, DESK_COLUMN_NUMBER);
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

  women = _desk_report_add_series (report, _("Women"));
  men = _desk_report_add_series (report, _("Men"));
  others = _desk_report_add_series (report, _("Another gender or not stated"));
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
