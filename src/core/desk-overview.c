/* desk-overview.c — the Overview's figures
 *
 * Read on whichever connection the caller gives: the page reads them in a worker thread
 * on a read-only connection of its own, the CLI on its store. Nothing here formats a
 * figure for the user; that is the page's and the CLI's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-overview"

#include "config.h"

#include "desk-overview.h"

const char *const desk_overview_statuses[DESK_OVERVIEW_N_STATUSES] = {
  "done", "in_progress", "planned", "postponed", "cancelled",
};

void
desk_overview_free (DeskOverview *overview)
{
  if (overview == NULL)
    return;

  g_clear_object (&overview->group);
  g_free (overview->today);
  g_clear_object (&overview->workplan);
  g_clear_pointer (&overview->due, desk_deliverables_due_free);
  g_clear_pointer (&overview->budget, desk_budget_summary_free);
  g_clear_pointer (&overview->attendance, desk_attendance_breakdown_free);
  g_clear_pointer (&overview->workshops, g_ptr_array_unref);
  g_clear_object (&overview->last_export);
  g_free (overview);
}

static int
compare_by_field (DeskRecord *a,
                  DeskRecord *b,
                  const char *field)
{
  return g_strcmp0 (desk_record_get_string (a, field), desk_record_get_string (b, field));
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  DeskRecord *x = *(DeskRecord **) a;
  DeskRecord *y = *(DeskRecord **) b;
  int c = compare_by_field (x, y, "start_date");

  /* The same day: a stable order, so that the page and the CLI name the same ones. */
  return c != 0 ? c : g_strcmp0 (desk_record_get_uuid (x), desk_record_get_uuid (y));
}

/* The newest workplan (by start), as the reports pick it. */
static DeskRecord *
dup_current_workplan (DeskStore  *store,
                      const char *group)
{
  g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, group, NULL);
  DeskRecord *best = NULL;

  for (guint i = 0; workplans != NULL && i < workplans->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workplans, i);

      if (best == NULL || compare_by_field (w, best, "period_start") > 0)
        best = w;
    }

  return best != NULL ? g_object_ref (best) : NULL;
}

static void
read_workplan (DeskOverview *overview,
               DeskStore    *store)
{
  g_autoptr(GPtrArray) activities = NULL;

  if (overview->workplan == NULL)
    return;

  activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                   desk_record_get_uuid (overview->workplan), NULL);
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      const char *status = desk_record_get_string (g_ptr_array_index (activities, i), "status");

      for (guint s = 0; s < DESK_OVERVIEW_N_STATUSES; s++)
        if (g_strcmp0 (status, desk_overview_statuses[s]) == 0)
          overview->status_counts[s]++;
      overview->activities++;
    }
}

/* The workshops not over yet (ending today or later), the first few by start. */
static void
read_workshops (DeskOverview *overview,
                DeskStore    *store,
                const char   *group)
{
  g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, group, NULL);
  GPtrArray *next = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; workshops != NULL && i < workshops->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workshops, i);

      if (g_strcmp0 (desk_record_get_string (w, "end_date"), overview->today) >= 0)
        g_ptr_array_add (next, g_object_ref (w));
    }

  g_ptr_array_sort (next, compare_start);
  if (next->len > DESK_OVERVIEW_WORKSHOPS)
    g_ptr_array_set_size (next, DESK_OVERVIEW_WORKSHOPS);
  overview->workshops = next;
}

static void
read_export (DeskOverview *overview,
             DeskStore    *store,
             const char   *group)
{
  g_autoptr(GPtrArray) exports = desk_store_list (store, DESK_KIND_EXPORT, group, NULL);
  g_autoptr(GError) error = NULL;
  DeskRecord *last = NULL;

  for (guint i = 0; exports != NULL && i < exports->len; i++)
    {
      DeskRecord *e = g_ptr_array_index (exports, i);

      if (last == NULL || desk_record_get_int (e, "sequence") > desk_record_get_int (last, "sequence"))
        last = e;
    }

  overview->changed = -1;
  overview->deleted = 0;
  if (last == NULL)
    return;

  overview->last_export = g_object_ref (last);
  /* Records added, changed and deleted since the last export. */
  if (!desk_store_count_changes (store, group, desk_record_get_string (last, "created"),
                                 &overview->changed, &overview->deleted, &error))
    {
      g_debug ("Changes since the last export: %s", error->message);
      overview->changed = -1;
    }
}

static void
read_money_and_people (DeskOverview *overview,
                       DeskStore    *store,
                       const char   *group)
{
  g_autoptr(GError) error = NULL;
  const char *from = NULL;
  const char *to = NULL;

  if (overview->workplan != NULL)
    {
      from = desk_record_get_string (overview->workplan, "period_start");
      to = desk_record_get_string (overview->workplan, "period_end");
      overview->budget = desk_budget_summarise (store, desk_record_get_uuid (overview->workplan), &error);
      if (overview->budget == NULL)
        g_debug ("Budget summary: %s", error->message);
      else
        overview->has_burn = desk_budget_row_burn_permille (&overview->budget->total, DESK_BUDGET_REVISED,
                                                            &overview->burn_permille);
      g_clear_error (&error);
    }

  overview->attendance = desk_attendance_breakdown (store, group, NULL, from, to, &error);
  if (overview->attendance == NULL)
    g_debug ("Attendance breakdown: %s", error->message);
}

/* Every figure of the Overview, on @store's today. Figures that cannot be read are left
 * NULL (and logged): the Overview shows the others. */
DeskOverview *
desk_overview_read (DeskStore *store)
{
  return desk_overview_read_group (store, NULL);
}

DeskOverview *
desk_overview_read_group (DeskStore  *store,
                          const char *group_uuid)
{
  DeskOverview *overview;
  const char *group;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  overview = g_new0 (DeskOverview, 1);
  overview->changed = -1;
  overview->group = group_uuid != NULL
                    ? desk_store_get (store, DESK_KIND_GROUP, group_uuid, NULL)
                    : desk_store_dup_main_group (store);
  if (overview->group == NULL)
    return overview;

  group = desk_record_get_uuid (overview->group);
  overview->members = desk_store_count (store, DESK_KIND_MEMBER, group);
  overview->today = desk_store_dup_today (store);
  overview->workplan = dup_current_workplan (store, group);

  read_workplan (overview, store);
  overview->due = desk_deliverables_due (store, group);
  read_workshops (overview, store, group);
  read_export (overview, store, group);
  read_money_and_people (overview, store, group);

  return overview;
}

int
desk_overview_burn_percent (const DeskOverview *overview)
{
  g_return_val_if_fail (overview != NULL, 0);

  return (overview->burn_permille + 5) / 10;
}
