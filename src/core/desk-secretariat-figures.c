/* desk-secretariat-figures.c — the figures across groups for a period, in one currency
 *
 * Every table is read once for all groups, in storage order, and counted in C per group
 * (a query set per group and figure would read each table fifteen times over on a
 * secretariat's database). Each figure keeps the definition core already has for one
 * group: attendance as desk_attendance_breakdown() counts it (attended entries of the
 * workshops that start in the period; a person's pillar is their own, else their
 * member's, else not stated), overdue as desk_deliverable_is_overdue(), held as the
 * opposite of desk_workshop_is_upcoming(), women's share as desk_share_format_percent().
 * The table of definitions is in HACKING.md ("Figures across groups"); the money is in
 * desk-secretariat-figures-money.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat.h"
#include "desk-secretariat-figures-private.h"

#include <string.h>

#include "desk-attendance.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"
#include "desk-store-private.h"
#include "desk-workplan.h"

/* Freeing */

static void
indicator_figure_free (DeskIndicatorFigure *figure)
{
  g_free (figure->indicator_uuid);
  g_free (figure->name);
  g_free (figure->unit);
  g_free (figure);
}

static void
group_figures_free (DeskGroupFigures *figures)
{
  if (figures == NULL)
    return;

  g_free (figures->group_uuid);
  g_free (figures->code);
  g_free (figures->name);
  g_free (figures->country);
  g_free (figures->privacy);
  g_free (figures->reporting_currency);
  g_free (figures->activities_by_status);
  g_free (figures->pillar_attendances);
  g_free (figures->pillar_women);
  g_clear_pointer (&figures->indicators, g_ptr_array_unref);
  g_free (figures);
}

void
desk_group_figures_set_free (DeskGroupFiguresSet *set)
{
  if (set == NULL)
    return;

  g_free (set->from);
  g_free (set->to);
  g_free (set->currency);
  g_free (set->today);
  g_strfreev (set->statuses);
  g_strfreev (set->pillars);
  g_clear_pointer (&set->groups, g_ptr_array_unref);
  group_figures_free (set->total);
  g_free (set);
}

static DeskGroupFigures *
group_figures_new (DeskGroupFiguresSet *set)
{
  DeskGroupFigures *figures = g_new0 (DeskGroupFigures, 1);
  guint n_pillars = g_strv_length (set->pillars);

  figures->activities_by_status = g_new0 (gint64, MAX (g_strv_length (set->statuses), 1));
  figures->pillar_attendances = g_new0 (gint64, MAX (n_pillars, 1));
  figures->pillar_women = g_new0 (gint64, MAX (n_pillars, 1));
  figures->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_figure_free);
  figures->people_known = TRUE;

  return figures;
}

static void
figures_group_free (_DeskFiguresGroup *group)
{
  g_free (group->reporting);
  g_free (group);
}

static void
work_clear (_DeskFiguresWork *work)
{
  g_clear_pointer (&work->groups, g_hash_table_unref);
  g_clear_pointer (&work->decimals, g_hash_table_unref);
  g_clear_pointer (&work->workplans, g_hash_table_unref);
}

/* Reading */

gboolean
_desk_figures_step_done (DeskStore  *store,
                         int         rc,
                         GError    **error)
{
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Whether @date (NULL: no date) lies in the set's period; a period without ends takes
 * every date, even none. */
static gboolean
in_period (DeskGroupFiguresSet *set,
           const char          *date)
{
  if (set->from == NULL && set->to == NULL)
    return TRUE;
  if (date == NULL)
    return FALSE;

  return (set->from == NULL || strcmp (date, set->from) >= 0) &&
         (set->to == NULL || strcmp (date, set->to) <= 0);
}

static int
index_of (GStrv       codes,
          const char *code)
{
  for (guint i = 0; code != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return (int) i;

  return -1;
}

int
_desk_figures_decimals (_DeskFiguresWork *work,
                        const char       *code)
{
  gpointer value = code != NULL ? g_hash_table_lookup (work->decimals, code) : NULL;

  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

static gboolean
read_codes (_DeskFiguresWork  *work,
            GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(GPtrArray) statuses = desk_reference_choices (work->store, DESK_KIND_ACTIVITY, "status");
  g_autoptr(GStrvBuilder) status_codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    g_strv_builder_add (status_codes, ((DeskChoice *) g_ptr_array_index (statuses, i))->code);
  set->statuses = g_strv_builder_end (status_codes);

  stmt = _desk_store_prepare (work->store, "SELECT code FROM pillars ORDER BY position, code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (codes, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;
  g_strv_builder_add (codes, DESK_ATTENDANCE_PILLAR_NOT_STATED);
  set->pillars = g_strv_builder_end (codes);

  stmt = _desk_store_prepare (work->store, "SELECT code, minor_units FROM currencies", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (work->decimals, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) + 1));
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* The groups: the database's own first (those that did not arrive in a bundle), then
 * the imported ones by code. */
static gboolean
read_groups (_DeskFiguresWork  *work,
             GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  gboolean chinese = desk_locale_is_chinese ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT g.uuid, g.code, g.name_en, g.name_zh, g.country, g.currency, "
                              "(SELECT b.privacy FROM imported_bundles b WHERE b.group_uuid = g.uuid "
                              " ORDER BY b.sequence DESC LIMIT 1) AS privacy "
                              "FROM groups g ORDER BY privacy IS NOT NULL, g.code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskGroupFigures *figures = group_figures_new (set);
      _DeskFiguresGroup *group = g_new0 (_DeskFiguresGroup, 1);
      const char *en = (const char *) sqlite3_column_text (stmt, 2);
      const char *zh = (const char *) sqlite3_column_text (stmt, 3);
      const char *first = chinese ? zh : en;
      const char *second = chinese ? en : zh;

      figures->group_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      figures->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      figures->name = g_strdup (first != NULL && first[0] != '\0' ? first : second);
      figures->country = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      figures->reporting_currency = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      figures->privacy = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      group->figures = figures;
      group->reporting = g_strdup (figures->reporting_currency);
      group->decimals = _desk_figures_decimals (work, group->reporting);
      g_ptr_array_add (set->groups, figures);
      g_hash_table_insert (work->groups, g_strdup (figures->group_uuid), group);
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

static _DeskFiguresGroup *
group_of (_DeskFiguresWork *work,
          sqlite3_stmt     *stmt,
          int               column)
{
  return g_hash_table_lookup (work->groups, sqlite3_column_text (stmt, column));
}

/* The workplans that overlap the period, and their activities by status. */
static gboolean
read_activities (_DeskFiguresWork  *work,
                 GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT uuid, period_start FROM workplans "
                              "WHERE (?1 IS NULL OR period_end >= ?1) AND (?2 IS NULL OR period_start <= ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, set->to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (work->workplans, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;

  stmt = _desk_store_prepare (work->store, "SELECT group_uuid, workplan_uuid, status FROM activities", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = group_of (work, stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      int s;

      if (group == NULL || !g_hash_table_contains (work->workplans, sqlite3_column_text (stmt, 1)))
        continue;
      group->figures->activities++;
      s = index_of (set->statuses, status);
      if (s >= 0)
        group->figures->activities_by_status[s]++;
      if (g_strcmp0 (status, "done") == 0)
        group->figures->activities_done++;
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* Deliverables done in the period, and those due in it that are overdue today. */
static gboolean
read_deliverables (_DeskFiguresWork  *work,
                   GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  /* One record stands in for each row, so that overdue is decided by the one function
   * that decides it for the Overview. */
  g_autoptr(DeskRecord) scratch = desk_record_new (DESK_KIND_DELIVERABLE);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store, "SELECT group_uuid, due_date, status, delivered_on FROM deliverables",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = group_of (work, stmt, 0);
      const char *due = (const char *) sqlite3_column_text (stmt, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      const char *delivered_on = (const char *) sqlite3_column_text (stmt, 3);

      if (group == NULL)
        continue;
      if ((g_strcmp0 (status, "delivered") == 0 || g_strcmp0 (status, "accepted") == 0) &&
          in_period (set, delivered_on))
        group->figures->deliverables_done++;
      if (due != NULL && in_period (set, due))
        {
          desk_record_set_string (scratch, "due_date", due);
          desk_record_set_string (scratch, "status", status);
          if (desk_deliverable_is_overdue (scratch, set->today))
            group->figures->deliverables_overdue++;
        }
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* A person as attendance needs them: their pillar (index in set->pillars), whether they
 * are a woman, and the group that counted them last. */
typedef struct
{
  int pillar;
  gboolean woman;
  _DeskFiguresGroup *counted_in;
} Person;

/* A workshop that starts in the period. */
typedef struct
{
  _DeskFiguresGroup *group;
  gboolean counts_only;
} Workshop;

static void
count_attendance (DeskGroupFigures *figures,
                  int               pillar,
                  gboolean          woman,
                  gint64            n)
{
  figures->attendances += n;
  if (woman)
    figures->women_attendances += n;
  if (pillar >= 0)
    {
      figures->pillar_attendances[pillar] += n;
      if (woman)
        figures->pillar_women[pillar] += n;
    }
}

/* The workshops that start in the period, each held unless upcoming today. */
static gboolean
read_workshops (_DeskFiguresWork  *work,
                _DeskUuidIndex    *index,
                GArray            *workshops,
                GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(DeskRecord) scratch = desk_record_new (DESK_KIND_WORKSHOP);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store, "SELECT uuid, group_uuid, start_date FROM workshops", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Workshop workshop = { group_of (work, stmt, 1), FALSE };
      const char *start = (const char *) sqlite3_column_text (stmt, 2);

      if (workshop.group == NULL || !in_period (set, start))
        continue;
      _desk_uuid_index_put (index, (const char *) sqlite3_column_text (stmt, 0), workshops->len);
      g_array_append_val (workshops, workshop);
      desk_record_set_string (scratch, "start_date", start);
      if (!desk_workshop_is_upcoming (scratch, set->today))
        workshop.group->figures->workshops++;
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* Every person's pillar (their own, else their member's, else not stated) and gender:
 * never sealed, so this works while names are locked. */
static gboolean
read_people (_DeskFiguresWork  *work,
             _DeskUuidIndex    *index,
             GArray            *people,
             GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int not_stated = index_of (set->pillars, DESK_ATTENDANCE_PILLAR_NOT_STATED);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store, "SELECT uuid, pillar FROM members", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (members, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (index_of (set->pillars, (const char *) sqlite3_column_text (stmt, 1)) + 1));
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;

  stmt = _desk_store_prepare (work->store, "SELECT uuid, pillar, member_uuid, gender FROM people", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Person person = { not_stated, FALSE, NULL };
      const char *pillar = (const char *) sqlite3_column_text (stmt, 1);
      const char *member = (const char *) sqlite3_column_text (stmt, 2);
      int member_pillar = member != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (members, member)) - 1 : -1;

      if (pillar != NULL)
        person.pillar = index_of (set->pillars, pillar);
      else if (member_pillar >= 0)
        person.pillar = member_pillar;
      person.woman = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "woman") == 0;
      _desk_uuid_index_put (index, (const char *) sqlite3_column_text (stmt, 0), people->len);
      g_array_append_val (people, person);
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* The attended entries of the period's workshops, and the counts that came instead of
 * entries (an aggregate bundle: attendances by pillar and gender, no people). */
static gboolean
read_attendance (_DeskFiguresWork  *work,
                 GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(GArray) workshops = g_array_new (FALSE, FALSE, sizeof (Workshop));
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (Person));
  _DeskUuidIndex workshop_index, person_index;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc = SQLITE_DONE;

  _desk_uuid_index_init (&workshop_index);
  _desk_uuid_index_init (&person_index);
  ok = read_workshops (work, &workshop_index, workshops, error) &&
       read_people (work, &person_index, people, error);

  stmt = ok ? _desk_store_prepare (work->store,
                                   "SELECT workshop_uuid, person_uuid FROM attendance WHERE status = 'attended'",
                                   error) : NULL;
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint w, p;
      Workshop *workshop;
      Person *person;

      if (!_desk_uuid_index_get (&workshop_index, (const char *) sqlite3_column_text (stmt, 0), &w) ||
          !_desk_uuid_index_get (&person_index, (const char *) sqlite3_column_text (stmt, 1), &p))
        continue;
      workshop = &g_array_index (workshops, Workshop, w);
      person = &g_array_index (people, Person, p);
      count_attendance (workshop->group->figures, person->pillar, person->woman, 1);
      /* A person is one group's: distinct people are those counted for the first time. */
      if (person->counted_in != workshop->group)
        {
          person->counted_in = workshop->group;
          workshop->group->figures->people++;
        }
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      ok = _desk_figures_step_done (work->store, rc, error);
    }
  else
    ok = FALSE;

  stmt = ok ? _desk_store_prepare (work->store, "SELECT workshop_uuid, pillar, gender, count FROM workshop_counts",
                                   error) : NULL;
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Workshop *workshop;
      guint w;

      if (!_desk_uuid_index_get (&workshop_index, (const char *) sqlite3_column_text (stmt, 0), &w))
        continue;
      workshop = &g_array_index (workshops, Workshop, w);
      count_attendance (workshop->group->figures,
                        index_of (set->pillars, (const char *) sqlite3_column_text (stmt, 1)),
                        g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "woman") == 0,
                        sqlite3_column_int64 (stmt, 3));
      workshop->group->figures->people_known = FALSE;
      /* Each workshop once, whatever its number of cells. */
      if (!workshop->counts_only)
        {
          workshop->counts_only = TRUE;
          workshop->group->figures->workshops_counts_only++;
        }
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      ok = _desk_figures_step_done (work->store, rc, error);
    }
  else
    ok = FALSE;

  _desk_uuid_index_clear (&workshop_index);
  _desk_uuid_index_clear (&person_index);

  return ok;
}

/* Indicators of the workplans that overlap the period, counted in numbers or
 * percentages: the newest target and actual (totals, no gender or pillar) whose period
 * overlaps the figures' period, as the Indicators report takes the newest. */
static gboolean
read_indicators (_DeskFiguresWork  *work,
                 GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(GHashTable) indicators = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean chinese = desk_locale_is_chinese ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT uuid, group_uuid, workplan_uuid, name_en, name_zh, unit FROM indicators "
                              "WHERE unit IN ('number', 'percentage') ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = group_of (work, stmt, 1);
      DeskIndicatorFigure *figure;
      const char *en = (const char *) sqlite3_column_text (stmt, 3);
      const char *zh = (const char *) sqlite3_column_text (stmt, 4);
      const char *first = chinese ? zh : en;
      const char *second = chinese ? en : zh;

      if (group == NULL || !g_hash_table_contains (work->workplans, sqlite3_column_text (stmt, 2)))
        continue;
      figure = g_new0 (DeskIndicatorFigure, 1);
      figure->indicator_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      figure->name = g_strdup (first != NULL && first[0] != '\0' ? first : second);
      figure->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      figure->target_milli = figure->actual_milli = -1;
      g_ptr_array_add (group->figures->indicators, figure);
      g_hash_table_insert (indicators, figure->indicator_uuid, figure);
    }
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;

  /* Oldest first, so that the newest of each indicator and type is the one kept. */
  stmt = _desk_store_prepare (work->store,
                              "SELECT indicator_uuid, type, value_milli FROM indicator_values "
                              "WHERE gender IS NULL AND pillar IS NULL "
                              "AND (?1 IS NULL OR period_end >= ?1) AND (?2 IS NULL OR period_start <= ?2) "
                              "ORDER BY period_end, rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, set->to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskIndicatorFigure *figure = g_hash_table_lookup (indicators, sqlite3_column_text (stmt, 0));
      gint64 value = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2);

      if (figure == NULL)
        continue;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "target") == 0)
        figure->target_milli = value;
      else
        figure->actual_milli = value;
    }
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;

  for (guint g = 0; g < set->groups->len; g++)
    {
      DeskGroupFigures *figures = g_ptr_array_index (set->groups, g);

      for (guint i = 0; i < figures->indicators->len; i++)
        {
          DeskIndicatorFigure *figure = g_ptr_array_index (figures->indicators, i);

          if (figure->target_milli < 0)
            continue;
          figures->indicators_with_target++;
          if (figure->actual_milli >= figure->target_milli)
            figures->indicators_met++;
        }
    }

  return TRUE;
}

/* The total: every group's figures added up; money sums stay within what Groupdesk
 * counts, else the group's amount is left out of the total and counted as too large. */
static void
add_up (DeskGroupFiguresSet *set)
{
  DeskGroupFigures *total = set->total;
  guint n_statuses = g_strv_length (set->statuses);
  guint n_pillars = g_strv_length (set->pillars);

  for (guint g = 0; g < set->groups->len; g++)
    {
      DeskGroupFigures *f = g_ptr_array_index (set->groups, g);
      gint64 *sums[] = { &total->budget, &total->received, &total->spent };
      gint64 amounts[] = { f->budget, f->received, f->spent };

      if (f->privacy != NULL && g_str_equal (f->privacy, "aggregate"))
        f->people_known = FALSE;
      if (!f->people_known)
        set->groups_without_people++;

      for (guint s = 0; s < n_statuses; s++)
        total->activities_by_status[s] += f->activities_by_status[s];
      total->activities += f->activities;
      total->activities_done += f->activities_done;
      total->deliverables_done += f->deliverables_done;
      total->deliverables_overdue += f->deliverables_overdue;
      total->workshops += f->workshops;
      total->workshops_counts_only += f->workshops_counts_only;
      total->attendances += f->attendances;
      /* A group whose people cannot be told apart is left out of the people reached, as
       * the report's note says; its attendances still count. */
      if (f->people_known)
        total->people += f->people;
      total->women_attendances += f->women_attendances;
      for (guint p = 0; p < n_pillars; p++)
        {
          total->pillar_attendances[p] += f->pillar_attendances[p];
          total->pillar_women[p] += f->pillar_women[p];
        }
      total->indicators_met += f->indicators_met;
      total->indicators_with_target += f->indicators_with_target;
      total->missing_rates += f->missing_rates;
      total->too_large += f->too_large;

      for (guint m = 0; m < G_N_ELEMENTS (sums); m++)
        {
          if (amounts[m] > DESK_MONEY_MAX_SUM - *sums[m] || amounts[m] < -DESK_MONEY_MAX_SUM - *sums[m])
            total->too_large++;
          else
            *sums[m] += amounts[m];
        }
    }
  total->people_known = set->groups_without_people == 0;
}

static gboolean
check_period (const char  *from,
              const char  *to,
              GError     **error)
{
  const char *dates[] = { from, to };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] != NULL && !desk_date_is_valid (dates[i]))
      {
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("“%s” is not a date. Write it as YYYY-MM-DD, such as 2026-03-31."), dates[i]);
        return FALSE;
      }
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s). Make the end the same day "
                     "as the start or later."), to, from);
      return FALSE;
    }

  return TRUE;
}

DeskGroupFiguresSet *
desk_secretariat_figures (DeskStore   *store,
                          const char  *from,
                          const char  *to,
                          const char  *currency,
                          GError     **error)
{
  g_autoptr(DeskGroupFiguresSet) set = NULL;
  _DeskFiguresWork work = { 0 };
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (!check_period (from, to, error))
    return NULL;

  set = g_new0 (DeskGroupFiguresSet, 1);
  set->from = g_strdup (from);
  set->to = g_strdup (to);
  set->currency = currency != NULL ? g_ascii_strup (currency, -1) : desk_secretariat_dup_currency (store);
  set->today = desk_store_dup_today (store);
  set->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_figures_free);

  work.store = store;
  work.set = set;
  work.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) figures_group_free);
  work.decimals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  work.workplans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* One read transaction (deferred: it never takes the write lock), so that every figure
   * is of the same state of the database; inside the caller's when there is one. */
  own_transaction = sqlite3_get_autocommit (_desk_store_get_db (store)) != 0;
  ok = !own_transaction || _desk_store_exec (store, "BEGIN", error);
  if (ok)
    {
      ok = read_codes (&work, error);
      set->decimals = _desk_figures_decimals (&work, set->currency);
      if (ok && set->decimals < 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       /* The same sentence as a record's currency field. */
                       _("“%s” is not a currency Groupdesk knows. Use a three-letter "
                         "ISO 4217 code such as USD or GHS."), set->currency);
          ok = FALSE;
        }
      if (ok)
        {
          set->total = group_figures_new (set);
          set->total->name = g_strdup (_("Total"));
        }
      ok = ok && read_groups (&work, error) && read_activities (&work, error) &&
           read_deliverables (&work, error) && read_attendance (&work, error) &&
           read_indicators (&work, error) && _desk_figures_money (&work, error);
      if (own_transaction)
        _desk_store_exec (store, "COMMIT", NULL);
    }
  if (ok)
    add_up (set);
  work_clear (&work);

  return ok ? g_steal_pointer (&set) : NULL;
}
