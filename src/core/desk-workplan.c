/* desk-workplan.c — status changes, overdue deliverables, pillars, and the annual review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workplan"

#include "config.h"

#include "desk-workplan.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

gboolean
desk_deliverable_is_overdue (DeskRecord *deliverable,
                             const char *today)
{
  const char *due;
  const char *status;

  g_return_val_if_fail (DESK_IS_RECORD (deliverable), FALSE);

  due = desk_record_get_string (deliverable, "due_date");
  status = desk_record_get_string (deliverable, "status");

  if (due == NULL || today == NULL)
    return FALSE;
  if (g_strcmp0 (status, "delivered") == 0 || g_strcmp0 (status, "accepted") == 0)
    return FALSE;

  return strcmp (due, today) < 0;
}

gint64
desk_store_count_overdue (DeskStore  *store,
                          const char *group_uuid)
{
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), 0);

  today = desk_store_dup_today (store);
  stmt = _desk_store_prepare (store,
                              "SELECT count(*) FROM deliverables WHERE (?1 IS NULL OR group_uuid = ?1) "
                              "AND due_date < ?2 AND status NOT IN ('delivered', 'accepted')",
                              NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

GHashTable *
desk_store_dup_member_pillars (DeskStore  *store,
                               const char *group_uuid)
{
  GHashTable *pillars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), pillars);

  stmt = _desk_store_prepare (store,
                              "SELECT uuid, pillar FROM members WHERE ?1 IS NULL OR group_uuid = ?1",
                              NULL);
  if (stmt == NULL)
    return pillars;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (pillars,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return pillars;
}

GStrv
desk_activity_dup_pillars (DeskRecord *activity,
                           GHashTable *member_pillars)
{
  /* The order of pillars.tsv, which every list of pillars follows. */
  static const char *const order[] = { "government", "company", "civil_society", "observer", "other" };
  gboolean present[G_N_ELEMENTS (order)] = { FALSE };
  const char *lead;
  const char *const *supporters;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DESK_IS_RECORD (activity), NULL);
  g_return_val_if_fail (member_pillars != NULL, NULL);

  lead = desk_record_get_string (activity, "lead_member_uuid");
  supporters = desk_record_get_set (activity, "supporting_members");

  for (int i = -1; i < (int) g_strv_length ((char **) supporters); i++)
    {
      const char *member = i < 0 ? lead : supporters[i];
      const char *pillar = member != NULL ? g_hash_table_lookup (member_pillars, member) : NULL;

      for (guint p = 0; pillar != NULL && p < G_N_ELEMENTS (order); p++)
        if (g_str_equal (order[p], pillar))
          present[p] = TRUE;
    }

  for (guint p = 0; p < G_N_ELEMENTS (order); p++)
    if (present[p])
      g_strv_builder_add (builder, order[p]);

  return g_strv_builder_end (builder);
}

gboolean
desk_workplan_set_status (DeskStore   *store,
                          const char  *workplan_uuid,
                          const char  *status,
                          GError     **error)
{
  g_autoptr(DeskRecord) workplan = NULL;
  const char *current;
  gboolean allowed;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  workplan = desk_store_get (store, DESK_KIND_WORKPLAN, workplan_uuid, error);
  if (workplan == NULL)
    return FALSE;

  current = desk_record_get_string (workplan, "status");
  if (g_strcmp0 (current, status) == 0)
    return TRUE;

  allowed = (g_strcmp0 (current, "draft") == 0 && g_strcmp0 (status, "approved") == 0) ||
            (g_strcmp0 (current, "approved") == 0 && g_strcmp0 (status, "closed") == 0) ||
            g_strcmp0 (status, "draft") == 0;
  if (!allowed)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("A workplan goes from draft to approved to closed. Approve this one "
                     "before you close it, or reopen it as a draft."));
      return FALSE;
    }

  desk_record_set_string (workplan, "status", status);
  if (g_str_equal (status, "approved"))
    {
      g_autofree char *today = desk_store_dup_today (store);
      desk_record_set_string (workplan, "approved_on", today);
    }
  else if (g_str_equal (status, "draft"))
    desk_record_unset (workplan, "approved_on");

  return desk_store_update (store, workplan, error);
}

/* The title with every year of the old period moved on by @years ("Workplan 2025–2026"
 * → "Workplan 2026–2027"); other numbers are left alone. */
static char *
shift_years (const char *title,
             int         first_year,
             int         last_year,
             int         years)
{
  GString *s = g_string_new (NULL);
  const char *p = title;

  if (title == NULL)
    return NULL;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
          (p == title || !g_ascii_isdigit (p[-1])))
        {
          int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');

          if (year >= first_year && year <= last_year)
            {
              g_string_append_printf (s, "%04d", year + years);
              p += 4;
              continue;
            }
        }
      g_string_append_c (s, *p);
      p++;
    }

  return g_string_free (s, FALSE);
}

static void
shift_date (DeskRecord *record,
            const char *field,
            int         days)
{
  const char *value = desk_record_get_string (record, field);
  g_autofree char *moved = NULL;

  if (value == NULL)
    return;

  moved = desk_date_add_days (value, days);
  desk_record_set_string (record, field, moved);
}

static gboolean
is_unfinished (DeskRecord *activity)
{
  const char *status = desk_record_get_string (activity, "status");

  return g_strcmp0 (status, "planned") == 0 || g_strcmp0 (status, "in_progress") == 0 ||
         g_strcmp0 (status, "postponed") == 0;
}

char *
desk_workplan_start_next (DeskStore   *store,
                          const char  *workplan_uuid,
                          GError     **error)
{
  g_autoptr(DeskRecord) old = NULL;
  g_autoptr(DeskRecord) next = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GHashTable) carried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *new_start = NULL;
  g_autofree char *new_end = NULL;
  const char *start, *end;
  GDate d_start, d_end;
  int length, shift, years;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  old = desk_store_get (store, DESK_KIND_WORKPLAN, workplan_uuid, error);
  if (old == NULL)
    return NULL;

  start = desk_record_get_string (old, "period_start");
  end = desk_record_get_string (old, "period_end");
  desk_date_parse (start, &d_start);
  desk_date_parse (end, &d_end);

  /* The next period starts the day after this one ends and lasts as long: as many whole
   * months when the period is made of whole months (the usual case), else as many days. */
  new_start = desk_date_add_days (end, 1);
  if (g_date_get_day (&d_start) == 1 &&
      g_date_get_day (&d_end) == g_date_get_days_in_month (g_date_get_month (&d_end),
                                                             g_date_get_year (&d_end)))
    {
      int months = (g_date_get_year (&d_end) - g_date_get_year (&d_start)) * 12 +
                   (int) g_date_get_month (&d_end) - (int) g_date_get_month (&d_start) + 1;
      GDate d_new;

      desk_date_parse (new_start, &d_new);
      g_date_add_months (&d_new, months);
      g_date_subtract_days (&d_new, 1);
      new_end = desk_date_to_string (&d_new);
    }
  else
    {
      length = desk_date_days_between (start, end);
      new_end = desk_date_add_days (new_start, length);
    }
  shift = desk_date_days_between (start, new_start);
  {
    GDate d_next;

    /* Years in the title follow the period: the new start's year for the old one's. */
    desk_date_parse (new_start, &d_next);
    years = MAX (1, g_date_get_year (&d_next) - g_date_get_year (&d_start));
  }

  if (!desk_store_begin (store, error))
    return NULL;

  next = desk_record_copy (old);
  desk_record_set_uuid (next, NULL);
  for (guint i = 0; i < 2; i++)
    {
      const char *field = i == 0 ? "title_en" : "title_zh";
      g_autofree char *title = shift_years (desk_record_get_string (old, field),
                                            g_date_get_year (&d_start), g_date_get_year (&d_end),
                                            years);
      desk_record_set_string (next, field, title);
    }
  desk_record_set_string (next, "period_start", new_start);
  desk_record_set_string (next, "period_end", new_end);
  desk_record_set_string (next, "status", "draft");
  desk_record_unset (next, "approved_on");
  desk_record_set_string (next, "previous_uuid", workplan_uuid);
  if (!desk_store_insert (store, next, error))
    goto failed;

  activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid", workplan_uuid, error);
  if (activities == NULL)
    goto failed;

  for (guint i = 0; i < activities->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (activities, i);
      g_autoptr(DeskRecord) copy = NULL;
      g_autoptr(GPtrArray) deliverables = NULL;

      if (!is_unfinished (a))
        continue;

      copy = desk_record_copy (a);
      desk_record_set_uuid (copy, NULL);
      desk_record_set_string (copy, "workplan_uuid", desk_record_get_uuid (next));
      desk_record_set_string (copy, "status", "planned");
      desk_record_set_string (copy, "carried_from_uuid", desk_record_get_uuid (a));
      desk_record_unset (copy, "actual_start");
      desk_record_unset (copy, "actual_end");
      shift_date (copy, "planned_start", shift);
      shift_date (copy, "planned_end", shift);
      if (!desk_store_insert (store, copy, error))
        goto failed;
      g_hash_table_insert (carried, g_strdup (desk_record_get_uuid (a)),
                           g_strdup (desk_record_get_uuid (copy)));

      deliverables = desk_store_list_by (store, DESK_KIND_DELIVERABLE, "activity_uuid",
                                         desk_record_get_uuid (a), error);
      if (deliverables == NULL)
        goto failed;

      for (guint j = 0; j < deliverables->len; j++)
        {
          DeskRecord *d = g_ptr_array_index (deliverables, j);
          const char *status = desk_record_get_string (d, "status");
          g_autoptr(DeskRecord) dcopy = NULL;

          if (g_strcmp0 (status, "delivered") == 0 || g_strcmp0 (status, "accepted") == 0)
            continue;

          dcopy = desk_record_copy (d);
          desk_record_set_uuid (dcopy, NULL);
          desk_record_set_string (dcopy, "activity_uuid", desk_record_get_uuid (copy));
          shift_date (dcopy, "due_date", shift);
          if (!desk_store_insert (store, dcopy, error))
            goto failed;
        }
    }

  /* Indicators carry over as definitions: the targets and actuals are the new year's. */
  indicators = desk_store_list_by (store, DESK_KIND_INDICATOR, "workplan_uuid", workplan_uuid, error);
  if (indicators == NULL)
    goto failed;

  for (guint i = 0; i < indicators->len; i++)
    {
      DeskRecord *ind = g_ptr_array_index (indicators, i);
      const char *activity = desk_record_get_string (ind, "activity_uuid");
      g_autoptr(DeskRecord) copy = NULL;

      /* An indicator of a finished activity stays with the year it measured. */
      if (activity != NULL && !g_hash_table_contains (carried, activity))
        continue;

      copy = desk_record_copy (ind);
      desk_record_set_uuid (copy, NULL);
      desk_record_set_string (copy, "workplan_uuid", desk_record_get_uuid (next));
      if (activity != NULL)
        desk_record_set_string (copy, "activity_uuid", g_hash_table_lookup (carried, activity));
      if (!desk_store_insert (store, copy, error))
        goto failed;
    }

  if (g_strcmp0 (desk_record_get_string (old, "status"), "closed") != 0)
    {
      desk_record_set_string (old, "status", "closed");
      if (!desk_store_update (store, old, error))
        goto failed;
    }

  if (!desk_store_commit (store, error))
    return NULL;

  return g_strdup (desk_record_get_uuid (next));

failed:
  desk_store_rollback (store);
  return NULL;
}

const char *
desk_workplan_pick_current (GListModel *workplans)
{
  guint n;
  const char *open = NULL;
  const char *latest = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (workplans), NULL);

  n = g_list_model_get_n_items (workplans);
  for (guint i = 0; i < n; i++)
    {
      /* The model holds its own reference: the UUID outlives this one. */
      g_autoptr(DeskRecord) record = g_list_model_get_item (workplans, i);

      latest = desk_record_get_uuid (record);
      if (g_strcmp0 (desk_record_get_string (record, "status"), "closed") != 0)
        open = latest;
    }

  return open != NULL ? open : latest;
}
