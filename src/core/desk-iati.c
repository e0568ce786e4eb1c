/* desk-iati.c — the group's work, or every group's, as an IATI 2.03 activity file
 *
 * Choices, so that the file validates against the official schema and reads right:
 *  - every group of the database in one file (the secretariat's, for the initiative):
 *    each group's activities one after another, by code, each with the group as its
 *    reporting org and accountable participating org, exactly as the group's own file
 *    has them, so a group's activities read the same in both;
 *  - reporting-org: the group, type 90 (Other: a multi-stakeholder group), ref
 *    desk_iati_org_ref ();
 *  - one iati-activity per workplan (hierarchy 1: the group's coordination costs, the
 *    funding it received as Incoming Funds, its workplan-wide indicators) and one per
 *    activity (hierarchy 2, with a related-activity to its workplan);
 *  - participating-org: the group as Accountable (2); the lead and supporting members as
 *    Implementing (4), typed by pillar (government 10, company 70, civil society 22,
 *    others 90);
 *  - activity-status: planned 1 (Pipeline), in progress 2 (Implementation), done 3
 *    (Finalisation) or 4 (Closed) once the workplan is closed, cancelled 5, postponed 6
 *    (Suspended); workplans draft 1, approved 2, closed 4;
 *  - activity-date: planned start 1, actual start 2, planned end 3, actual end 4; an
 *    activity with no dates gets its workplan's period as planned dates (IATI requires
 *    one, and the export preview asks the coordinator to enter them);
 *  - sector: DAC 5-digit 15220, Civilian peace-building, conflict prevention and
 *    resolution — the Voluntary Principles' purpose is to prevent conflict and human
 *    rights abuse between extractive companies, security forces and communities; 15130
 *    (legal and judicial development) would describe law reform, which is not what the
 *    groups do;
 *  - budget: original (type 1) and, when any line was revised, revised (type 2), over
 *    the workplan's period, in the reporting currency at the rate in force on its start
 *    (desk_budget_summarise: amounts without a rate are left out, never guessed);
 *  - transaction: each expense as Expenditure (4) in its own currency, valued on its
 *    date; refunds negative; payees are left out (they may be people); funding receipts
 *    as Incoming Funds (1) on the workplan they are for, or the one whose period holds
 *    their date;
 *  - result: one per indicator (Output 1 for an activity's, Outcome 2 for a workplan's),
 *    measure unit 1, percentage 2, yes/no 3 (nominal), text 5 (qualitative); targets and
 *    actuals by period, a gender or pillar breakdown as a dimension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-iati"

#include "config.h"

#include "desk-iati.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "desk-budget.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"
#include "desk-store-private.h"
#include "desk-text.h"

typedef struct
{
  DeskStore *store;
  DeskRecord *group;
  const char *from;
  const char *to;
  const char *org_ref;   /* the group's, while it is written */
  xmlTextWriterPtr w;
  GHashTable *members;   /* uuid → DeskRecord, of the group written */
  gboolean failed;
} Iati;

char *
desk_iati_org_ref (DeskRecord *group)
{
  return g_strconcat ("VPI-", desk_record_get_string (group, "code"), NULL);
}

static void
ok (Iati *x,
    int   rc)
{
  if (rc < 0)
    x->failed = TRUE;
}

static void
start (Iati       *x,
       const char *name)
{
  ok (x, xmlTextWriterStartElement (x->w, BAD_CAST name));
}

static void
end (Iati *x)
{
  ok (x, xmlTextWriterEndElement (x->w));
}

static void
attr (Iati       *x,
      const char *name,
      const char *value)
{
  ok (x, xmlTextWriterWriteAttribute (x->w, BAD_CAST name, BAD_CAST value));
}

/* Text is checked on the way out too: nothing that would not parse back. */
static void
narrative (Iati       *x,
           const char *lang,
           const char *text)
{
  if (text == NULL || text[0] == '\0' || !desk_text_is_clean (text))
    return;
  start (x, "narrative");
  if (lang != NULL)
    ok (x, xmlTextWriterWriteAttributeNS (x->w, BAD_CAST "xml", BAD_CAST "lang", NULL,
                                          BAD_CAST lang));
  ok (x, xmlTextWriterWriteString (x->w, BAD_CAST text));
  end (x);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && !desk_text_is_blank (text) && desk_text_is_clean (text);
}

/* An element of textRequiredType from a bilingual field, falling back to @fallback. */
static void
narratives (Iati       *x,
            const char *element,
            DeskRecord *record,
            const char *base,
            DeskRecord *fallback_record,
            const char *fallback_base)
{
  g_autofree char *en = g_strconcat (base, "_en", NULL);
  g_autofree char *zh = g_strconcat (base, "_zh", NULL);

  if (!has_text (desk_record_get_string (record, en)) &&
      !has_text (desk_record_get_string (record, zh)))
    {
      if (fallback_record != NULL)
        narratives (x, element, fallback_record, fallback_base, NULL, NULL);
      return;
    }

  start (x, element);
  if (has_text (desk_record_get_string (record, en)))
    narrative (x, NULL, desk_record_get_string (record, en));
  if (has_text (desk_record_get_string (record, zh)))
    narrative (x, "zh", desk_record_get_string (record, zh));
  end (x);
}

static char *
money_text (Iati       *x,
            gint64      amount,
            const char *currency)
{
  int decimals = _desk_store_currency_minor_units (x->store, currency);
  guint64 magnitude = amount < 0 ? -(guint64) amount : (guint64) amount;
  guint64 unit = 1;

  if (decimals <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  for (int i = 0; i < decimals; i++)
    unit *= 10;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, amount < 0 ? "-" : "",
                          magnitude / unit, decimals, magnitude % unit);
}

static void
value (Iati       *x,
       gint64      amount,
       const char *currency,
       const char *date)
{
  g_autofree char *text = money_text (x, amount, currency);

  start (x, "value");
  attr (x, "currency", currency);
  attr (x, "value-date", date);
  ok (x, xmlTextWriterWriteString (x->w, BAD_CAST text));
  end (x);
}

static void
date_element (Iati       *x,
              const char *name,
              const char *type,
              const char *date)
{
  start (x, name);
  if (type != NULL)
    attr (x, "type", type);
  attr (x, "iso-date", date);
  end (x);
}

static const char *
member_type (DeskRecord *member)
{
  const char *pillar = desk_record_get_string (member, "pillar");

  if (g_strcmp0 (pillar, "government") == 0)
    return "10";
  if (g_strcmp0 (pillar, "company") == 0)
    return "70";
  if (g_strcmp0 (pillar, "civil_society") == 0)
    return "22";
  return "90";
}

static void
participating_member (Iati       *x,
                      const char *uuid)
{
  DeskRecord *member = uuid != NULL ? g_hash_table_lookup (x->members, uuid) : NULL;

  if (member == NULL)
    return;
  start (x, "participating-org");
  attr (x, "role", "4");
  attr (x, "type", member_type (member));
  narrative (x, NULL, desk_record_get_string (member, "name_en"));
  narrative (x, "zh", desk_record_get_string (member, "name_zh"));
  end (x);
}

static void
activity_head (Iati       *x,
               const char *identifier,
               const char *updated)
{
  start (x, "iati-activity");
  attr (x, "last-updated-datetime", updated);
  ok (x, xmlTextWriterWriteAttributeNS (x->w, BAD_CAST "xml", BAD_CAST "lang", NULL, BAD_CAST "en"));
  attr (x, "default-currency", desk_record_get_string (x->group, "currency"));

  start (x, "iati-identifier");
  ok (x, xmlTextWriterWriteString (x->w, BAD_CAST identifier));
  end (x);

  start (x, "reporting-org");
  attr (x, "ref", x->org_ref);
  attr (x, "type", "90");
  narrative (x, NULL, desk_record_get_string (x->group, "name_en"));
  narrative (x, "zh", desk_record_get_string (x->group, "name_zh"));
  if (!has_text (desk_record_get_string (x->group, "name_en")) &&
      !has_text (desk_record_get_string (x->group, "name_zh")))
    narrative (x, NULL, desk_record_get_string (x->group, "code"));
  end (x);
}

static void
group_as_accountable (Iati *x)
{
  start (x, "participating-org");
  attr (x, "ref", x->org_ref);
  attr (x, "role", "2");
  attr (x, "type", "90");
  narrative (x, NULL, desk_record_get_string (x->group, "name_en"));
  narrative (x, "zh", desk_record_get_string (x->group, "name_zh"));
  end (x);
}

static void
country_and_sector (Iati *x)
{
  start (x, "recipient-country");
  attr (x, "code", desk_record_get_string (x->group, "country"));
  attr (x, "percentage", "100");
  end (x);

  start (x, "sector");
  attr (x, "vocabulary", "1");
  attr (x, "code", "15220");
  attr (x, "percentage", "100");
  end (x);
}

static void
budgets (Iati          *x,
         DeskRecord    *workplan,
         DeskBudgetRow *row,
         const char    *currency)
{
  const char *period_start = desk_record_get_string (workplan, "period_start");
  const char *period_end = desk_record_get_string (workplan, "period_end");

  if (row == NULL)
    return;

  start (x, "budget");
  attr (x, "type", "1");
  attr (x, "status", g_strcmp0 (desk_record_get_string (workplan, "status"), "draft") == 0 ? "1" : "2");
  date_element (x, "period-start", NULL, period_start);
  date_element (x, "period-end", NULL, period_end);
  value (x, row->original, currency, period_start);
  end (x);

  if (row->revised != row->original)
    {
      start (x, "budget");
      attr (x, "type", "2");
      attr (x, "status", "2");
      date_element (x, "period-start", NULL, period_start);
      date_element (x, "period-end", NULL, period_end);
      value (x, row->revised, currency, period_start);
      end (x);
    }
}

/* Expenses of @activity_uuid's budget lines, or of the workplan's coordination lines. */
static gboolean
expenses (Iati        *x,
          const char  *workplan_uuid,
          const char  *activity_uuid,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (x->store,
                              "SELECT e.date, e.amount_minor, e.currency FROM expenses e"
                              " JOIN budget_lines l ON l.uuid = e.budget_line_uuid"
                              " WHERE l.workplan_uuid = ?1 AND l.activity_uuid IS ?2"
                              " AND (?3 IS NULL OR e.date >= ?3) AND (?4 IS NULL OR e.date <= ?4)"
                              " ORDER BY e.date, e.uuid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workplan_uuid, -1, SQLITE_TRANSIENT);
  if (activity_uuid != NULL)
    sqlite3_bind_text (stmt, 2, activity_uuid, -1, SQLITE_TRANSIENT);
  if (x->from != NULL)
    sqlite3_bind_text (stmt, 3, x->from, -1, SQLITE_TRANSIENT);
  if (x->to != NULL)
    sqlite3_bind_text (stmt, 4, x->to, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);

      start (x, "transaction");
      start (x, "transaction-type");
      attr (x, "code", "4");
      end (x);
      date_element (x, "transaction-date", NULL, date);
      value (x, sqlite3_column_int64 (stmt, 1), (const char *) sqlite3_column_text (stmt, 2), date);
      end (x);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (x->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
funding (Iati        *x,
         DeskRecord  *workplan,
         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (x->store,
                              "SELECT f.date, f.amount_minor, f.currency, s.label_en, s.label_zh"
                              " FROM funding_receipts f JOIN funding_sources s ON s.code = f.source"
                              " WHERE f.group_uuid = ?1 AND (f.workplan_uuid = ?2 OR"
                              "  (f.workplan_uuid IS NULL AND f.date BETWEEN ?3 AND ?4))"
                              " AND (?5 IS NULL OR f.date >= ?5) AND (?6 IS NULL OR f.date <= ?6)"
                              " ORDER BY f.date, f.uuid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_record_get_uuid (x->group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, desk_record_get_uuid (workplan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, desk_record_get_string (workplan, "period_start"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, desk_record_get_string (workplan, "period_end"), -1, SQLITE_TRANSIENT);
  if (x->from != NULL)
    sqlite3_bind_text (stmt, 5, x->from, -1, SQLITE_TRANSIENT);
  if (x->to != NULL)
    sqlite3_bind_text (stmt, 6, x->to, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);

      start (x, "transaction");
      start (x, "transaction-type");
      attr (x, "code", "1");
      end (x);
      date_element (x, "transaction-date", NULL, date);
      value (x, sqlite3_column_int64 (stmt, 1), (const char *) sqlite3_column_text (stmt, 2), date);
      start (x, "provider-org");
      narrative (x, NULL, (const char *) sqlite3_column_text (stmt, 3));
      narrative (x, "zh", (const char *) sqlite3_column_text (stmt, 4));
      end (x);
      end (x);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (x->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static char *
milli_text (gint64 milli)
{
  guint64 magnitude = milli < 0 ? -(guint64) milli : (guint64) milli;
  g_autofree char *text = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03u", milli < 0 ? "-" : "",
                                           magnitude / 1000, (guint) (magnitude % 1000));
  char *p = text + strlen (text) - 1;

  /* 2.500 → 2.5, 3.000 → 3 */
  while (*p == '0')
    *p-- = '\0';
  if (*p == '.')
    *p = '\0';

  return g_steal_pointer (&text);
}

static void
indicator_value (Iati       *x,
                 DeskRecord *v,
                 gboolean    qualitative)
{
  start (x, g_strcmp0 (desk_record_get_string (v, "type"), "target") == 0 ? "target" : "actual");
  if (!qualitative && desk_record_is_set (v, "value_milli"))
    {
      g_autofree char *text = milli_text (desk_record_get_int (v, "value_milli"));
      attr (x, "value", text);
    }
  if (desk_record_is_set (v, "gender"))
    {
      start (x, "dimension");
      attr (x, "name", "gender");
      attr (x, "value", desk_record_get_string (v, "gender"));
      end (x);
    }
  if (desk_record_is_set (v, "pillar"))
    {
      start (x, "dimension");
      attr (x, "name", "pillar");
      attr (x, "value", desk_record_get_string (v, "pillar"));
      end (x);
    }
  if (has_text (desk_record_get_string (v, "value_text")) || has_text (desk_record_get_string (v, "note")))
    {
      start (x, "comment");
      narrative (x, NULL, has_text (desk_record_get_string (v, "value_text"))
                          ? desk_record_get_string (v, "value_text")
                          : desk_record_get_string (v, "note"));
      end (x);
    }
  end (x);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  DeskRecord *x = *(DeskRecord **) a;
  DeskRecord *y = *(DeskRecord **) b;
  int c = g_strcmp0 (desk_record_get_string (x, "period_start"), desk_record_get_string (y, "period_start"));

  if (c == 0)
    c = g_strcmp0 (desk_record_get_string (x, "period_end"), desk_record_get_string (y, "period_end"));
  /* Targets before actuals, as the schema orders them. */
  if (c == 0)
    c = -g_strcmp0 (desk_record_get_string (x, "type"), desk_record_get_string (y, "type"));
  if (c == 0)
    c = g_strcmp0 (desk_record_get_uuid (x), desk_record_get_uuid (y));

  return c;
}

static gboolean
results (Iati        *x,
         DeskRecord  *workplan,
         const char  *activity_uuid,
         GError     **error)
{
  g_autoptr(GPtrArray) indicators = NULL;

  indicators = activity_uuid != NULL
               ? desk_store_list_by (x->store, DESK_KIND_INDICATOR, "activity_uuid", activity_uuid, error)
               : desk_store_list_by (x->store, DESK_KIND_INDICATOR, "workplan_uuid",
                                     desk_record_get_uuid (workplan), error);
  if (indicators == NULL)
    return FALSE;

  for (guint i = 0; i < indicators->len; i++)
    {
      DeskRecord *ind = g_ptr_array_index (indicators, i);
      const char *unit = desk_record_get_string (ind, "unit");
      gboolean qualitative = g_strcmp0 (unit, "text") == 0;
      g_autoptr(GPtrArray) values = NULL;
      g_autofree char *year = NULL;
      const char *baseline_date;

      if (activity_uuid == NULL && desk_record_is_set (ind, "activity_uuid"))
        continue;

      values = desk_store_list_by (x->store, DESK_KIND_INDICATOR_VALUE, "indicator_uuid",
                                   desk_record_get_uuid (ind), error);
      if (values == NULL)
        return FALSE;
      g_ptr_array_sort (values, compare_values);

      start (x, "result");
      attr (x, "type", activity_uuid != NULL ? "1" : "2");
      narratives (x, "title", ind, "name", NULL, NULL);
      start (x, "indicator");
      attr (x, "measure", g_strcmp0 (unit, "percentage") == 0 ? "2"
                          : g_strcmp0 (unit, "yes_no") == 0 ? "3"
                          : qualitative ? "5" : "1");
      narratives (x, "title", ind, "name", NULL, NULL);

      baseline_date = desk_record_is_set (ind, "baseline_date")
                      ? desk_record_get_string (ind, "baseline_date")
                      : desk_record_get_string (workplan, "period_start");
      year = g_strndup (baseline_date, 4);
      if (desk_record_is_set (ind, "baseline_milli") || has_text (desk_record_get_string (ind, "baseline_text")))
        {
          start (x, "baseline");
          attr (x, "year", year);
          attr (x, "iso-date", baseline_date);
          if (!qualitative && desk_record_is_set (ind, "baseline_milli"))
            {
              g_autofree char *text = milli_text (desk_record_get_int (ind, "baseline_milli"));
              attr (x, "value", text);
            }
          if (has_text (desk_record_get_string (ind, "baseline_text")))
            {
              start (x, "comment");
              narrative (x, NULL, desk_record_get_string (ind, "baseline_text"));
              end (x);
            }
          end (x);
        }

      for (guint j = 0; j < values->len;)
        {
          DeskRecord *first = g_ptr_array_index (values, j);

          start (x, "period");
          date_element (x, "period-start", NULL, desk_record_get_string (first, "period_start"));
          date_element (x, "period-end", NULL, desk_record_get_string (first, "period_end"));
          for (; j < values->len; j++)
            {
              DeskRecord *v = g_ptr_array_index (values, j);

              if (g_strcmp0 (desk_record_get_string (v, "period_start"), desk_record_get_string (first, "period_start")) != 0 ||
                  g_strcmp0 (desk_record_get_string (v, "period_end"), desk_record_get_string (first, "period_end")) != 0)
                break;
              indicator_value (x, v, qualitative);
            }
          end (x);
        }

      end (x);
      end (x);
    }

  return TRUE;
}

static const char *
activity_status (const char *status,
                 DeskRecord *workplan)
{
  if (g_strcmp0 (status, "in_progress") == 0)
    return "2";
  if (g_strcmp0 (status, "done") == 0)
    return g_strcmp0 (desk_record_get_string (workplan, "status"), "closed") == 0 ? "4" : "3";
  if (g_strcmp0 (status, "cancelled") == 0)
    return "5";
  if (g_strcmp0 (status, "postponed") == 0)
    return "6";
  return "1";
}

static gboolean
write_activity (Iati              *x,
                DeskRecord        *workplan,
                DeskRecord        *activity,
                DeskBudgetSummary *summary,
                GError           **error)
{
  g_autofree char *identifier = g_strdup_printf ("%s-%s", x->org_ref, desk_record_get_uuid (activity));
  g_autofree char *parent = g_strdup_printf ("%s-%s", x->org_ref, desk_record_get_uuid (workplan));
  const char *const *supporters = desk_record_get_set (activity, "supporting_members");
  static const struct { const char *field; const char *type; } dates[] = {
    { "planned_start", "1" }, { "actual_start", "2" }, { "planned_end", "3" }, { "actual_end", "4" },
  };
  DeskBudgetRow *row = NULL;
  gboolean any_date = FALSE;

  activity_head (x, identifier, desk_record_get_updated (activity));
  narratives (x, "title", activity, "title", NULL, NULL);

  start (x, "description");
  attr (x, "type", "1");
  if (has_text (desk_record_get_string (activity, "description_en")) ||
      has_text (desk_record_get_string (activity, "description_zh")))
    {
      narrative (x, NULL, desk_record_get_string (activity, "description_en"));
      narrative (x, "zh", desk_record_get_string (activity, "description_zh"));
    }
  else
    {
      narrative (x, NULL, desk_record_get_string (activity, "title_en"));
      narrative (x, "zh", desk_record_get_string (activity, "title_zh"));
    }
  end (x);
  if (has_text (desk_record_get_string (activity, "outcome_en")) ||
      has_text (desk_record_get_string (activity, "outcome_zh")))
    {
      start (x, "description");
      attr (x, "type", "2");
      narrative (x, NULL, desk_record_get_string (activity, "outcome_en"));
      narrative (x, "zh", desk_record_get_string (activity, "outcome_zh"));
      end (x);
    }

  group_as_accountable (x);
  participating_member (x, desk_record_get_string (activity, "lead_member_uuid"));
  for (guint i = 0; supporters[i] != NULL; i++)
    if (g_strcmp0 (supporters[i], desk_record_get_string (activity, "lead_member_uuid")) != 0)
      participating_member (x, supporters[i]);

  start (x, "activity-status");
  attr (x, "code", activity_status (desk_record_get_string (activity, "status"), workplan));
  end (x);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (desk_record_is_set (activity, dates[i].field))
      {
        date_element (x, "activity-date", dates[i].type, desk_record_get_string (activity, dates[i].field));
        any_date = TRUE;
      }
  if (!any_date)
    {
      date_element (x, "activity-date", "1", desk_record_get_string (workplan, "period_start"));
      date_element (x, "activity-date", "3", desk_record_get_string (workplan, "period_end"));
    }

  country_and_sector (x);

  for (guint i = 0; summary != NULL && i < summary->activities->len; i++)
    {
      DeskBudgetRow *r = g_ptr_array_index (summary->activities, i);

      if (g_strcmp0 (r->key, desk_record_get_uuid (activity)) == 0)
        row = r;
    }
  budgets (x, workplan, row, summary != NULL ? summary->currency : NULL);

  if (!expenses (x, desk_record_get_uuid (workplan), desk_record_get_uuid (activity), error))
    return FALSE;

  start (x, "related-activity");
  attr (x, "ref", parent);
  attr (x, "type", "1");
  end (x);

  if (!results (x, workplan, desk_record_get_uuid (activity), error))
    return FALSE;

  end (x);

  return !x->failed;
}

static gboolean
write_workplan (Iati              *x,
                DeskRecord        *workplan,
                DeskBudgetSummary *summary,
                GError           **error)
{
  g_autofree char *identifier = g_strdup_printf ("%s-%s", x->org_ref, desk_record_get_uuid (workplan));
  const char *status = desk_record_get_string (workplan, "status");
  DeskBudgetRow *row = NULL;

  activity_head (x, identifier, desk_record_get_updated (workplan));
  narratives (x, "title", workplan, "title", NULL, NULL);

  start (x, "description");
  attr (x, "type", "1");
  if (has_text (desk_record_get_string (workplan, "objectives_en")) ||
      has_text (desk_record_get_string (workplan, "objectives_zh")))
    {
      narrative (x, NULL, desk_record_get_string (workplan, "objectives_en"));
      narrative (x, "zh", desk_record_get_string (workplan, "objectives_zh"));
    }
  else
    {
      narrative (x, NULL, desk_record_get_string (workplan, "title_en"));
      narrative (x, "zh", desk_record_get_string (workplan, "title_zh"));
    }
  end (x);

  group_as_accountable (x);

  start (x, "activity-status");
  attr (x, "code", g_strcmp0 (status, "closed") == 0 ? "4" : g_strcmp0 (status, "approved") == 0 ? "2" : "1");
  end (x);
  date_element (x, "activity-date", "1", desk_record_get_string (workplan, "period_start"));
  date_element (x, "activity-date", "3", desk_record_get_string (workplan, "period_end"));

  country_and_sector (x);

  for (guint i = 0; summary != NULL && i < summary->activities->len; i++)
    {
      DeskBudgetRow *r = g_ptr_array_index (summary->activities, i);

      if (g_strcmp0 (r->key, "") == 0)
        row = r;
    }
  budgets (x, workplan, row, summary != NULL ? summary->currency : NULL);

  if (!expenses (x, desk_record_get_uuid (workplan), NULL, error) ||
      !funding (x, workplan, error) ||
      !results (x, workplan, NULL, error))
    return FALSE;

  end (x);

  return !x->failed;
}

static gboolean
overlaps (Iati       *x,
          DeskRecord *workplan)
{
  return (x->to == NULL || g_strcmp0 (desk_record_get_string (workplan, "period_start"), x->to) <= 0) &&
         (x->from == NULL || g_strcmp0 (desk_record_get_string (workplan, "period_end"), x->from) >= 0);
}

/* One group's workplans and activities, the group as their reporting organisation. */
static gboolean
write_group (Iati        *x,
             DeskRecord  *group,
             GError     **error)
{
  g_autoptr(GPtrArray) workplans = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *org_ref = desk_iati_org_ref (group);

  x->group = group;
  x->org_ref = org_ref;
  g_hash_table_remove_all (x->members);

  members = desk_store_list (x->store, DESK_KIND_MEMBER, desk_record_get_uuid (group), error);
  workplans = members != NULL
              ? desk_store_list (x->store, DESK_KIND_WORKPLAN, desk_record_get_uuid (group), error)
              : NULL;
  if (workplans == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    g_hash_table_insert (x->members, (gpointer) desk_record_get_uuid (g_ptr_array_index (members, i)),
                         g_ptr_array_index (members, i));

  for (guint i = 0; i < workplans->len; i++)
    {
      DeskRecord *workplan = g_ptr_array_index (workplans, i);
      g_autoptr(DeskBudgetSummary) summary = NULL;
      g_autoptr(GPtrArray) activities = NULL;

      if (!overlaps (x, workplan))
        continue;

      summary = desk_budget_summarise (x->store, desk_record_get_uuid (workplan), error);
      activities = summary != NULL
                   ? desk_store_list_by (x->store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                         desk_record_get_uuid (workplan), error)
                   : NULL;
      if (activities == NULL || !write_workplan (x, workplan, summary, error))
        return FALSE;
      for (guint j = 0; j < activities->len; j++)
        if (!write_activity (x, workplan, g_ptr_array_index (activities, j), summary, error))
          return FALSE;
    }

  /* The members and the reference go with this group: nothing of it reaches the next. */
  g_hash_table_remove_all (x->members);
  x->group = NULL;
  x->org_ref = NULL;

  return !x->failed;
}

static gboolean
write_all (Iati       *x,
           GPtrArray  *groups,
           GError    **error)
{
  g_autofree char *now = desk_store_dup_timestamp (x->store);

  ok (x, xmlTextWriterStartDocument (x->w, "1.0", "UTF-8", NULL));
  start (x, "iati-activities");
  attr (x, "version", "2.03");
  attr (x, "generated-datetime", now);

  for (guint i = 0; i < groups->len; i++)
    if (!write_group (x, g_ptr_array_index (groups, i), error))
      return FALSE;

  end (x);
  ok (x, xmlTextWriterEndDocument (x->w));

  return !x->failed;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  DeskRecord *x = *(DeskRecord **) a;
  DeskRecord *y = *(DeskRecord **) b;
  int c = g_strcmp0 (desk_record_get_string (x, "code"), desk_record_get_string (y, "code"));

  return c != 0 ? c : g_strcmp0 (desk_record_get_uuid (x), desk_record_get_uuid (y));
}

/* The groups the file is about: @group_uuid's, or every group of the database by code. */
static GPtrArray *
list_groups (DeskStore   *store,
             const char  *group_uuid,
             GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  DeskRecord *group;

  if (group_uuid == NULL)
    {
      groups = desk_store_list (store, DESK_KIND_GROUP, NULL, error);
      if (groups == NULL)
        return NULL;
      if (groups->len == 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                       _("The database holds no group yet, so there is nothing to write in "
                         "an IATI file. Import the groups’ bundles first."));
          return NULL;
        }
      g_ptr_array_sort (groups, compare_codes);
      return g_steal_pointer (&groups);
    }

  group = desk_store_get (store, DESK_KIND_GROUP, group_uuid, error);
  if (group == NULL)
    return NULL;
  groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (groups, group);

  return g_steal_pointer (&groups);
}

gboolean
desk_iati_export (DeskStore   *store,
                  const char  *group_uuid,
                  const char  *from,
                  const char  *to,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GHashTable) members = NULL;
  Iati x = { 0 };
  xmlOutputBufferPtr out;
  gboolean written;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((from != NULL && !desk_date_is_valid (from)) || (to != NULL && !desk_date_is_valid (to)))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period of the export needs dates written as YYYY-MM-DD, for "
                     "example 2026-01-01 and 2026-06-30."));
      return FALSE;
    }

  groups = list_groups (store, group_uuid, error);
  if (groups == NULL)
    return FALSE;

  /* Never over the open database, its companions or backups, nor into a device or a
   * pipe; written beside the target and renamed over it only when whole. */
  fd = desk_file_create_temp_beside (path, 0644, &tmp_path, error);
  if (fd < 0)
    return FALSE;

  members = g_hash_table_new (g_str_hash, g_str_equal);
  x.store = store;
  x.from = from;
  x.to = to;
  x.members = members;

  out = xmlOutputBufferCreateFd (fd, NULL);
  x.w = out != NULL ? xmlNewTextWriter (out) : NULL;
  if (x.w != NULL)
    xmlTextWriterSetIndent (x.w, 1);

  written = x.w != NULL && write_all (&x, groups, error);
  if (x.w != NULL)
    {
      ok (&x, xmlTextWriterFlush (x.w));
      xmlFreeTextWriter (x.w);
    }

  if (written && !x.failed && fsync (fd) != 0)
    {
      saved_errno = errno;
      written = FALSE;
    }
  close (fd);

  if (written && !x.failed)
    return desk_file_commit_temp (tmp_path, path, error);

  g_unlink (tmp_path);
  if (error == NULL || *error == NULL)
    g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                 _("The IATI file %s could not be written: %s. Check that the folder is "
                   "writable and the disk has space."), path,
                 g_strerror (saved_errno != 0 ? saved_errno : EIO));
  return FALSE;
}
