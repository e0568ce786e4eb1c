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

/* The gender codes in the reference order. */
static GStrv
dup_genders (DeskStore  *store,
             GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT code FROM genders ORDER BY position, code", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

static int
gender_index (GStrv       genders,
              const char *code)
{
  for (guint g = 0; code != NULL && genders[g] != NULL; g++)
    if (g_str_equal (genders[g], code))
      return (int) g;

  return -1;
}

static gint64
series_value (DeskReport *report,
              int         series,
              guint       label)
{
  if (series < 0)
    return 0;

  return ((DeskReportSeries *) g_ptr_array_index (report->series, series))->values[label];
}

gboolean
_desk_report_compute_attendance (DeskStore   *store,
                                 DeskReport  *report,
                                 const char  *group,
                                 GError     **error)
{
  static const char *const pillars[] = { "government", "company", "civil_society", "observer", "other" };
  g_autoptr(GPtrArray) quarters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) genders = NULL;
  int women_index;
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

  /* A series per gender of the reference table (women, men, another gender, not stated):
   * "another gender" and "not stated" are different answers and are not summed as one. */
  genders = dup_genders (store, error);
  if (genders == NULL)
    return FALSE;
  for (guint g = 0; genders[g] != NULL; g++)
    {
      g_autofree char *label = desk_gender_heading (store, genders[g]);

      _desk_report_add_series (report, label);
    }
  women_index = gender_index (genders, "woman");
  report->chart_title = g_strdup (_("Attendances by gender and quarter"));

  {
    /* One pass over the period's attendance, sorted into quarters in C: a breakdown
     * query per quarter would read the whole table each time. */
    guint nq = quarters->len;
    g_autofree gint64 *attend = g_new0 (gint64, nq);
    g_autofree gint64 *pillar_counts = g_new0 (gint64, nq * G_N_ELEMENTS (pillars));
    g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(GPtrArray) came_again = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(DeskRepeatCounter) repeats = desk_repeat_counter_new ();
    g_autoptr(GPtrArray) workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(GHashTable) all_workshops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    gint64 all_women = 0, all_attendances = 0;
    g_autofree char *share = NULL;
    sqlite3_stmt *stmt;
    int rc;

    for (guint i = 0; i < nq; i++)
      {
        g_ptr_array_add (people, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
        g_ptr_array_add (came_again, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
        g_ptr_array_add (workshops, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
      }

    stmt = _desk_store_prepare (store,
      "SELECT w.start_date, t.person_uuid, t.workshop_uuid, "
      "  COALESCE (p.pillar, m.pillar, 'not_stated'), p.gender "
      "FROM attendance t NOT INDEXED JOIN workshops w ON w.uuid = t.workshop_uuid "
      "JOIN people p ON p.uuid = t.person_uuid LEFT JOIN members m ON m.uuid = p.member_uuid "
      "WHERE t.status = 'attended' AND t.group_uuid = ?1 AND w.start_date BETWEEN ?2 AND ?3 "
      /* In the order of the workshops: who came again is who had come before. */
      "ORDER BY w.start_date, w.uuid", error);
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
        int g = gender_index (genders, gender);
        GHashTable *qp;
        guint q = 0;

        while (q + 1 < nq && strcmp (day, ((char **) g_ptr_array_index (quarters, q + 1))[0]) >= 0)
          q++;

        attend[q]++;
        all_attendances++;
        /* Gender codes are enforced by a foreign key: every attendance has a series. */
        if (g >= 0)
          ((DeskReportSeries *) g_ptr_array_index (report->series, g))->values[q]++;
        if (g >= 0 && g == women_index)
          all_women++;

        for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
          if (g_strcmp0 (pillars[p], pillar) == 0)
            pillar_counts[q * G_N_ELEMENTS (pillars) + p]++;

        qp = g_ptr_array_index (people, q);
        g_hash_table_insert (qp, g_strdup (person),
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (qp, person)) + 1));
        g_hash_table_add (g_ptr_array_index (workshops, q), g_strdup (workshop));
        if (desk_repeat_counter_add (repeats, person))
          g_hash_table_add (g_ptr_array_index (came_again, q), g_strdup (person));
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
        /* People at this quarter's workshops who had come to an earlier one. */
        gint64 repeat = g_hash_table_size (g_ptr_array_index (came_again, q));

        g_ptr_array_add (cells, g_strdup (quarter[2]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", g_hash_table_size (g_ptr_array_index (workshops, q))));
        g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, attend[q]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", g_hash_table_size (qp)));
        if (attend[q] > 0)
          {
            g_autofree char *number = desk_share_format_percent (series_value (report, women_index, q), attend[q]);
            g_ptr_array_add (cells, desk_percent_text (number));
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

    if (all_attendances > 0)
      {
        g_autofree char *number = desk_share_format_percent (all_women, all_attendances);
        share = desk_percent_text (number);
      }
    else
      share = g_strdup ("—");

    {
      guint n_people = desk_repeat_counter_people (repeats);
      guint n_workshops = g_hash_table_size (all_workshops);
      gint64 n_again = desk_repeat_counter_repeat_people (repeats);
      /* Each counted noun in a message of its own (its plural, its Chinese measure word),
       * filled into the sentence. */
      /* Translators: filled into "… attendances by %s at %s; …". */
      g_autofree char *people_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person",
                                                                   "%u people", n_people),
                                                      n_people);
      /* Translators: filled into "… attendances by … at %s; …". */
      g_autofree char *workshops_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop",
                                                                      "%u workshops", n_workshops),
                                                         n_workshops);
      /* Translators: the end of the attendance report's summary. */
      g_autofree char *again_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%lld person came more than once",
                                                                  "%lld people came more than once",
                                                                  (gulong) n_again),
                                                     (long long) n_again);

      /* Translators: the attendance report's summary: "120 attendances by 45 people at
       * 9 workshops; women 41.2 %; 20 people came more than once." Each %s after the
       * first count is a phrase translated on its own. */
      g_ptr_array_add (report->notes,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld attendance by %s at %s; women %s; %s.",
                                                     "%lld attendances by %s at %s; women %s; %s.",
                                                     (gulong) all_attendances),
                                        (long long) all_attendances, people_text, workshops_text, share,
                                        again_text));
    }
    g_ptr_array_add (report->notes, desk_attendance_repeat_definition ());
    report->chart_description = g_strdup_printf (_("Bar chart of attendances per quarter by gender: women, "
                                                   "men, another gender and not stated; women are %s of "
                                                   "all attendances."), share);
  }

  return TRUE;
}
