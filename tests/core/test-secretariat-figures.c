/* test-secretariat-figures.c — the figures across groups, each definition on small groups
 * made by hand: an own group in GHS, one in KES that sent counts only and has no rate of
 * the secretariat's currency, one that reports in USD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include <json-glib/json-glib.h>

#include "desk-secretariat-figures-private.h"
#include "desk-store-private.h"

typedef struct
{
  DeskStore *store;
  char *own;      /* ZZZ, GHS: not imported, so first whatever its code */
  char *counts;   /* BBB, KES: an aggregate bundle, no USD rate */
  char *usd;      /* CCC, USD */
} Fixture;

static DeskRecord *
add (Fixture        *f,
     const DeskKind *kind,
     const char     *group,
     ...) G_GNUC_NULL_TERMINATED;

static DeskRecord *
add (Fixture        *f,
     const DeskKind *kind,
     const char     *group,
     ...)
{
  g_autoptr(GError) error = NULL;
  DeskRecord *record;
  va_list args;

  va_start (args, group);
  record = test_record_newv (kind, group, args);
  va_end (args);
  desk_store_insert (f->store, record, &error);
  g_assert_no_error (error);

  return record;
}

static const char *
uuid_of (DeskRecord *record)
{
  return desk_record_get_uuid (record);
}

static char *
add_group (Fixture    *f,
           const char *code,
           const char *country,
           const char *currency)
{
  g_autoptr(DeskRecord) group = desk_record_new (DESK_KIND_GROUP);
  g_autoptr(GError) error = NULL;

  test_set_field (group, "code", code);
  test_set_field (group, "name_en", code);
  test_set_field (group, "country", country);
  test_set_field (group, "currency", currency);
  desk_record_set_group (group, uuid_of (group));
  g_assert_true (desk_store_insert (f->store, group, &error));
  g_assert_no_error (error);

  return g_strdup (uuid_of (group));
}

/* What an import leaves: the bundle's row (its privacy), without going through one. */
static void
mark_imported (Fixture    *f,
               const char *group,
               const char *privacy)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO imported_bundles (uuid, group_uuid, sequence, "
                                          "period_start, period_end, privacy, content_sha256, file_sha256, "
                                          "created, imported) VALUES ('b-%s', '%s', 1, '2026-01-01', "
                                          "'2026-06-30', '%s', printf('%%064d', 0), printf('%%064d', 0), "
                                          "'2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z')",
                                          group, group, privacy);

  test_sqlite_exec (_desk_store_get_db (f->store), sql);
}

static void
build_own (Fixture *f)
{
  const char *g = f->own;
  g_autoptr(DeskRecord) wp = NULL, old_wp = NULL, member = NULL, act = NULL;
  g_autoptr(DeskRecord) w1 = NULL, w2 = NULL, w3 = NULL, w4 = NULL;
  g_autoptr(DeskRecord) p1 = NULL, p2 = NULL, p3 = NULL;
  g_autoptr(DeskRecord) l1 = NULL, l2 = NULL, l3 = NULL;
  g_autoptr(DeskRecord) i1 = NULL, i2 = NULL, i3 = NULL;
  g_autoptr(GError) error = NULL;
  const char *statuses[] = { "planned", "done", "done" };
  /* Each deliverable: status, due date, delivered on. */
  const char *deliverables[][3] = {
    { "delivered", "2026-02-01", "2026-03-01" },    /* done in the period */
    { "accepted", "2025-11-01", "2025-12-01" },     /* done before it */
    { "planned", "2026-06-01", NULL },              /* overdue */
    { "in_progress", "2026-07-02", NULL },          /* due today: not overdue yet */
    { "planned", "2026-08-01", NULL },              /* due later */
    { "planned", "2025-05-01", NULL },              /* overdue, but due before the period */
  };

  wp = add (f, DESK_KIND_WORKPLAN, g, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  old_wp = add (f, DESK_KIND_WORKPLAN, g, "title_en", "2024", "period_start", "2024-01-01",
                "period_end", "2024-12-31", "status", "closed", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", i + 1);
      g_autoptr(DeskRecord) a = add (f, DESK_KIND_ACTIVITY, g, "workplan_uuid", uuid_of (wp), "code", code,
                                     "title_en", code, "kind", "dialogue", "status", statuses[i], NULL);

      if (i == 0)
        act = g_object_ref (a);
    }
  /* Not in the period: its workplan ended in 2024. */
  g_clear_object (&member);
  member = add (f, DESK_KIND_ACTIVITY, g, "workplan_uuid", uuid_of (old_wp), "code", "OLD",
                "title_en", "Old", "kind", "dialogue", "status", "done", NULL);
  g_clear_object (&member);

  for (guint i = 0; i < G_N_ELEMENTS (deliverables); i++)
    {
      g_autoptr(DeskRecord) d = add (f, DESK_KIND_DELIVERABLE, g, "activity_uuid", uuid_of (act),
                                     "title_en", "Deliverable", "status", deliverables[i][0],
                                     "due_date", deliverables[i][1], "delivered_on", deliverables[i][2], NULL);
    }

  w1 = add (f, DESK_KIND_WORKSHOP, g, "activity_uuid", uuid_of (act), "title_en", "W1", "format", "in_person",
            "start_date", "2026-02-10", "end_date", "2026-02-10", NULL);
  w2 = add (f, DESK_KIND_WORKSHOP, g, "activity_uuid", uuid_of (act), "title_en", "W2", "format", "in_person",
            "start_date", "2026-06-15", "end_date", "2026-06-16", NULL);
  /* In the period but after today: not held yet. */
  w3 = add (f, DESK_KIND_WORKSHOP, g, "activity_uuid", uuid_of (act), "title_en", "W3", "format", "in_person",
            "start_date", "2026-09-01", "end_date", "2026-09-01", NULL);
  w4 = add (f, DESK_KIND_WORKSHOP, g, "activity_uuid", uuid_of (act), "title_en", "W4", "format", "in_person",
            "start_date", "2025-11-01", "end_date", "2025-11-01", NULL);

  member = add (f, DESK_KIND_MEMBER, g, "name_en", "Civil society network", "pillar", "civil_society",
                "status", "full", NULL);
  p1 = add (f, DESK_KIND_PERSON, g, "name", "Ama", "gender", "woman", "pillar", "government", NULL);
  p2 = add (f, DESK_KIND_PERSON, g, "name", "Kofi", "gender", "man", "member_uuid", uuid_of (member), NULL);
  p3 = add (f, DESK_KIND_PERSON, g, "name", "Esi", "gender", "woman", NULL);
  {
    struct { DeskRecord *w, *p; const char *status; } entries[] = {
      { w1, p1, "attended" }, { w1, p2, "attended" }, { w1, p3, "absent" },
      { w2, p1, "attended" }, { w2, p3, "attended" }, { w4, p2, "attended" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        g_autoptr(DeskRecord) e = add (f, DESK_KIND_ATTENDANCE, g, "workshop_uuid", uuid_of (entries[i].w),
                                       "person_uuid", uuid_of (entries[i].p), "role", "participant", "status", entries[i].status,
                                       NULL);
      }
  }

  i1 = add (f, DESK_KIND_INDICATOR, g, "workplan_uuid", uuid_of (wp), "name_en", "Dialogues", "unit", "number", NULL);
  i2 = add (f, DESK_KIND_INDICATOR, g, "workplan_uuid", uuid_of (wp), "name_en", "Share", "unit", "percentage", NULL);
  i3 = add (f, DESK_KIND_INDICATOR, g, "workplan_uuid", uuid_of (wp), "name_en", "No target", "unit", "number", NULL);
  {
    struct { DeskRecord *i; const char *start, *end, *type, *value; } values[] = {
      { i1, "2025-01-01", "2025-12-31", "target", "500000" },   /* before the period */
      { i1, "2026-01-01", "2026-12-31", "target", "100000" },
      { i1, "2026-01-01", "2026-06-30", "actual", "80000" },
      { i1, "2026-01-01", "2026-12-31", "actual", "120000" },   /* the newest: met */
      { i2, "2026-01-01", "2026-12-31", "target", "50000" },
      { i2, "2026-01-01", "2026-12-31", "actual", "40000" },    /* not met */
      { i3, "2026-01-01", "2026-12-31", "actual", "7000" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autoptr(DeskRecord) v = add (f, DESK_KIND_INDICATOR_VALUE, g, "indicator_uuid", uuid_of (values[i].i),
                                       "period_start", values[i].start, "period_end", values[i].end,
                                       "type", values[i].type, "value_milli", values[i].value, NULL);
      }
  }

  /* One USD is 15 GHS from 1 January, 12 GHS from 1 July. */
  {
    g_autoptr(DeskRecord) r1 = add (f, DESK_KIND_RATE, g, "currency", "USD", "valid_from", "2026-01-01",
                                    "rate_mantissa", "1500", "rate_scale", "2", NULL);
    g_autoptr(DeskRecord) r2 = add (f, DESK_KIND_RATE, g, "currency", "USD", "valid_from", "2026-07-01",
                                    "rate_mantissa", "12", "rate_scale", "0", NULL);
  }
  /* 2 × GHS 150.00, revised on 1 March to 3 × GHS 150.00; and 1 × USD 10.00. */
  l1 = add (f, DESK_KIND_BUDGET_LINE, g, "workplan_uuid", uuid_of (wp), "activity_uuid", uuid_of (act),
            "category", "venue", "description_en", "Hall", "quantity_milli", "2000", "unit", "day",
            "unit_cost_minor", "15000", "currency", "GHS", NULL);
  l2 = add (f, DESK_KIND_BUDGET_LINE, g, "workplan_uuid", uuid_of (wp), "activity_uuid", uuid_of (act),
            "category", "venue", "description_en", "Screen", "quantity_milli", "1000", "unit", "item",
            "unit_cost_minor", "1000", "currency", "USD", NULL);
  /* A line of the 2024 workplan: neither its budget nor its expense is of the period. */
  l3 = add (f, DESK_KIND_BUDGET_LINE, g, "workplan_uuid", uuid_of (old_wp), "category", "venue",
            "description_en", "Old hall", "quantity_milli", "1000", "unit", "day",
            "unit_cost_minor", "88800", "currency", "GHS", NULL);
  g_assert_true (desk_budget_line_revise (f->store, uuid_of (l1), 3000, 15000, "2026-03-01", "Longer", &error));
  g_assert_no_error (error);
  {
    struct { DeskRecord *line; const char *date, *amount, *currency; } expenses[] = {
      { l1, "2026-02-01", "10000", "GHS" },
      { l1, "2026-03-01", "5000", "GHS" },
      { l1, "2026-02-03", "100", "GHS" },
      { l1, "2026-08-01", "12000", "GHS" },   /* at 12 */
      { l2, "2026-02-02", "500", "USD" },     /* GHS 75.00 */
      { l2, "2026-02-04", "100", "GHS" },
      { l3, "2024-06-01", "99900", "GHS" },   /* before the period */
    };

    for (guint i = 0; i < G_N_ELEMENTS (expenses); i++)
      {
        g_autoptr(DeskRecord) e = add (f, DESK_KIND_EXPENSE, g, "budget_line_uuid", uuid_of (expenses[i].line),
                                       "date", expenses[i].date, "amount_minor", expenses[i].amount,
                                       "currency", expenses[i].currency, NULL);
      }
  }
  {
    g_autoptr(DeskRecord) r1 = add (f, DESK_KIND_FUNDING, g, "date", "2026-04-01", "source", "donor",
                                    "amount_minor", "30000", "currency", "GHS", NULL);
    /* No EUR rate: missing. */
    g_autoptr(DeskRecord) r2 = add (f, DESK_KIND_FUNDING, g, "date", "2026-05-01", "source", "donor",
                                    "amount_minor", "10000", "currency", "EUR", NULL);
    g_autoptr(DeskRecord) r3 = add (f, DESK_KIND_FUNDING, g, "date", "2025-01-01", "source", "donor",
                                    "amount_minor", "77700", "currency", "GHS", NULL);
  }
}

/* Counts only, and no rate of USD: its money is missing, never guessed. */
static void
build_counts (Fixture *f)
{
  const char *g = f->counts;
  g_autoptr(DeskRecord) wp = NULL, act = NULL, w = NULL, line = NULL, expense = NULL;
  g_autofree char *sql = NULL;

  wp = add (f, DESK_KIND_WORKPLAN, g, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  act = add (f, DESK_KIND_ACTIVITY, g, "workplan_uuid", uuid_of (wp), "code", "B1", "title_en", "B1",
             "kind", "dialogue", "status", "in_progress", NULL);
  w = add (f, DESK_KIND_WORKSHOP, g, "activity_uuid", uuid_of (act), "title_en", "WB", "format", "in_person",
           "start_date", "2026-03-01", "end_date", "2026-03-01", NULL);
  line = add (f, DESK_KIND_BUDGET_LINE, g, "workplan_uuid", uuid_of (wp), "activity_uuid", uuid_of (act),
              "category", "venue", "description_en", "Hall", "quantity_milli", "1000", "unit", "day",
              "unit_cost_minor", "100000", "currency", "KES", NULL);
  expense = add (f, DESK_KIND_EXPENSE, g, "budget_line_uuid", uuid_of (line), "date", "2026-05-01",
                 "amount_minor", "5000", "currency", "KES", NULL);
  sql = g_strdup_printf ("INSERT INTO workshop_counts (workshop_uuid, pillar, gender, count) VALUES "
                         "('%1$s', 'government', 'woman', 5), ('%1$s', 'government', 'man', 3), "
                         "('%1$s', 'not_stated', 'woman', 2)", uuid_of (w));
  test_sqlite_exec (_desk_store_get_db (f->store), sql);
  mark_imported (f, g, "aggregate");
}

static void
build_usd (Fixture *f)
{
  const char *g = f->usd;
  g_autoptr(DeskRecord) wp = NULL, act = NULL, line = NULL, expense = NULL;

  wp = add (f, DESK_KIND_WORKPLAN, g, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  act = add (f, DESK_KIND_ACTIVITY, g, "workplan_uuid", uuid_of (wp), "code", "C1", "title_en", "C1",
             "kind", "dialogue", "status", "done", NULL);
  line = add (f, DESK_KIND_BUDGET_LINE, g, "workplan_uuid", uuid_of (wp), "activity_uuid", uuid_of (act),
              "category", "venue", "description_en", "Hall", "quantity_milli", "1000", "unit", "day",
              "unit_cost_minor", "50000", "currency", "USD", NULL);
  expense = add (f, DESK_KIND_EXPENSE, g, "budget_line_uuid", uuid_of (line), "date", "2026-06-01",
                 "amount_minor", "12345", "currency", "USD", NULL);
  mark_imported (f, g, "pseudonymous");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_memory ("2026-07-02T10:00:00Z");
  f->own = add_group (f, "ZZZ", "GH", "GHS");
  f->counts = add_group (f, "BBB", "KE", "KES");
  f->usd = add_group (f, "CCC", "US", "USD");
  build_own (f);
  build_counts (f);
  build_usd (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->own);
  g_free (f->counts);
  g_free (f->usd);
}

static DeskGroupFiguresSet *
figures_2026 (Fixture    *f,
              const char *currency)
{
  g_autoptr(GError) error = NULL;
  DeskGroupFiguresSet *set = desk_secretariat_figures (f->store, "2026-01-01", "2026-12-31", currency, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);

  return set;
}

static DeskGroupFigures *
group_at (DeskGroupFiguresSet *set,
          guint                i)
{
  g_assert_cmpuint (i, <, set->groups->len);
  return g_ptr_array_index (set->groups, i);
}

static int
pillar (DeskGroupFiguresSet *set,
        const char          *code)
{
  for (guint i = 0; set->pillars[i] != NULL; i++)
    if (g_str_equal (set->pillars[i], code))
      return (int) i;
  g_assert_not_reached ();
}

static int
status (DeskGroupFiguresSet *set,
        const char          *code)
{
  for (guint i = 0; set->statuses[i] != NULL; i++)
    if (g_str_equal (set->statuses[i], code))
      return (int) i;
  g_assert_not_reached ();
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);

  /* USD by default; the own group first although its code sorts last. */
  g_assert_cmpstr (set->currency, ==, "USD");
  g_assert_cmpint (set->decimals, ==, 2);
  g_assert_cmpstr (set->today, ==, "2026-07-02");
  g_assert_cmpuint (set->groups->len, ==, 3);
  g_assert_cmpstr (group_at (set, 0)->code, ==, "ZZZ");
  g_assert_null (group_at (set, 0)->privacy);
  g_assert_cmpstr (group_at (set, 1)->code, ==, "BBB");
  g_assert_cmpstr (group_at (set, 1)->privacy, ==, "aggregate");
  g_assert_cmpstr (group_at (set, 2)->code, ==, "CCC");
  g_assert_cmpstr (group_at (set, 2)->reporting_currency, ==, "USD");
  g_assert_null (set->total->code);
}

static void
test_activities_deliverables (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);
  g_autoptr(DeskGroupFiguresSet) all = NULL;
  g_autoptr(GError) error = NULL;
  DeskGroupFigures *own = group_at (set, 0);

  g_assert_cmpstr (set->statuses[0], ==, "planned");
  g_assert_cmpint (own->activities, ==, 3);
  g_assert_cmpint (own->activities_done, ==, 2);
  g_assert_cmpint (own->activities_by_status[status (set, "planned")], ==, 1);
  g_assert_cmpint (own->activities_by_status[status (set, "done")], ==, 2);
  g_assert_cmpint (set->total->activities, ==, 5);
  g_assert_cmpint (set->total->activities_done, ==, 3);
  g_assert_cmpint (set->total->activities_by_status[status (set, "in_progress")], ==, 1);

  g_assert_cmpint (own->deliverables_done, ==, 1);
  /* Due 1 June and not delivered; due today is not overdue yet (desk_deliverable_is_overdue). */
  g_assert_cmpint (own->deliverables_overdue, ==, 1);

  /* All time: the 2024 workplan's activity, the deliverable done in 2025 and the one
   * overdue since 2025 count too. */
  all = desk_secretariat_figures (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (group_at (all, 0)->activities, ==, 4);
  g_assert_cmpint (group_at (all, 0)->activities_done, ==, 3);
  g_assert_cmpint (group_at (all, 0)->deliverables_done, ==, 2);
  g_assert_cmpint (group_at (all, 0)->deliverables_overdue, ==, 2);
  g_assert_cmpint (group_at (all, 0)->workshops, ==, 3);
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);
  g_autoptr(DeskAttendanceBreakdown) b = NULL;
  g_autoptr(GError) error = NULL;
  DeskGroupFigures *own = group_at (set, 0);
  DeskGroupFigures *counts = group_at (set, 1);

  /* Held: W1 and W2; W3 is after today, W4 before the period. */
  g_assert_cmpint (own->workshops, ==, 2);
  g_assert_cmpint (own->attendances, ==, 4);
  g_assert_cmpint (own->people, ==, 3);
  g_assert_true (own->people_known);
  g_assert_cmpint (own->women_attendances, ==, 3);
  g_assert_cmpint (own->pillar_attendances[pillar (set, "government")], ==, 2);
  g_assert_cmpint (own->pillar_women[pillar (set, "government")], ==, 2);
  /* Kofi's pillar is his member's. */
  g_assert_cmpint (own->pillar_attendances[pillar (set, "civil_society")], ==, 1);
  g_assert_cmpint (own->pillar_women[pillar (set, "civil_society")], ==, 0);
  g_assert_cmpint (own->pillar_attendances[pillar (set, "not_stated")], ==, 1);

  /* The same as the group's own breakdown says. */
  b = desk_attendance_breakdown (f->store, f->own, NULL, "2026-01-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpint (own->attendances, ==, b->attendances);
  g_assert_cmpint (own->people, ==, b->people);
  g_assert_cmpint (own->women_attendances, ==, b->women_attendances);
  for (guint p = 0; set->pillars[p] != NULL; p++)
    g_assert_cmpint (own->pillar_attendances[p], ==, desk_attendance_breakdown_pillar_total (b, set->pillars[p]));

  /* Counts only: attendances and women from the counts, people unknown. */
  g_assert_cmpint (counts->attendances, ==, 10);
  g_assert_cmpint (counts->women_attendances, ==, 7);
  g_assert_cmpint (counts->pillar_attendances[pillar (set, "government")], ==, 8);
  g_assert_cmpint (counts->pillar_women[pillar (set, "not_stated")], ==, 2);
  g_assert_false (counts->people_known);
  g_assert_cmpint (counts->people, ==, 0);
  g_assert_cmpint (counts->workshops_counts_only, ==, 1);
  g_assert_cmpint (counts->workshops, ==, 1);

  g_assert_cmpint (set->total->attendances, ==, 14);
  g_assert_cmpint (set->total->people, ==, 3);
  g_assert_false (set->total->people_known);
  g_assert_cmpuint (set->groups_without_people, ==, 1);
  g_assert_cmpint (set->total->women_attendances, ==, 10);
}

static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);
  DeskGroupFigures *own = group_at (set, 0);
  DeskIndicatorFigure *first;

  g_assert_cmpuint (own->indicators->len, ==, 3);
  first = g_ptr_array_index (own->indicators, 0);
  g_assert_cmpstr (first->name, ==, "Dialogues");
  g_assert_cmpint (first->target_milli, ==, 100000);
  g_assert_cmpint (first->actual_milli, ==, 120000);
  g_assert_cmpint (((DeskIndicatorFigure *) g_ptr_array_index (own->indicators, 2))->target_milli, ==, -1);
  g_assert_cmpuint (own->indicators_with_target, ==, 2);
  g_assert_cmpuint (own->indicators_met, ==, 1);
  g_assert_cmpuint (set->total->indicators->len, ==, 0);
  g_assert_cmpuint (set->total->indicators_met, ==, 1);
}

static void
test_money (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);
  DeskGroupFigures *own = group_at (set, 0);
  DeskGroupFigures *counts = group_at (set, 1);
  DeskGroupFigures *usd = group_at (set, 2);

  /* Budget: the revised GHS 450.00 and USD 10.00 (GHS 150.00 at 15), both at the
   * workplan's start, so GHS 600.00 at 15: USD 40.00. */
  g_assert_cmpint (own->budget, ==, 4000);
  /* Spent: at 15, GHS 100 + 50 + 1 + 75 (USD 5.00) + 1 = GHS 227.00, summed first and
   * divided once: USD 15.13 (each line's sum divided alone would make 15.14); at 12, GHS 120.00 is
   * USD 10.00. */
  g_assert_cmpint (own->spent, ==, 2513);
  /* Received: GHS 300.00 at 15; the EUR receipt has no rate of its own. */
  g_assert_cmpint (own->received, ==, 2000);
  g_assert_cmpuint (own->missing_rates, ==, 1);

  /* No USD rate: the line and the expense are left out and counted, never guessed. */
  g_assert_cmpint (counts->budget, ==, 0);
  g_assert_cmpint (counts->spent, ==, 0);
  g_assert_cmpuint (counts->missing_rates, ==, 2);

  /* A group that reports in USD needs no rate. */
  g_assert_cmpint (usd->budget, ==, 50000);
  g_assert_cmpint (usd->spent, ==, 12345);
  g_assert_cmpuint (usd->missing_rates, ==, 0);

  g_assert_cmpint (set->total->budget, ==, 54000);
  g_assert_cmpint (set->total->spent, ==, 14858);
  g_assert_cmpint (set->total->received, ==, 2000);
  g_assert_cmpuint (set->total->missing_rates, ==, 3);
  g_assert_cmpuint (set->total->too_large, ==, 0);
}

/* In the group's own currency the figures are its Budget page's. */
static void
test_money_agrees_with_summary (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskGroupFiguresSet) set = desk_secretariat_figures (f->store, "2026-01-01", "2026-12-31", "ghs",
                                                                 &error);
  g_autoptr(GPtrArray) workplans = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  DeskGroupFigures *own;
  const char *wp = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (set->currency, ==, "GHS");
  own = group_at (set, 0);
  workplans = desk_store_list (f->store, DESK_KIND_WORKPLAN, f->own, &error);
  for (guint i = 0; i < workplans->len; i++)
    if (g_str_equal (desk_record_get_string (g_ptr_array_index (workplans, i), "period_start"), "2026-01-01"))
      wp = uuid_of (g_ptr_array_index (workplans, i));
  summary = desk_budget_summarise (f->store, wp, &error);
  g_assert_no_error (error);
  g_assert_cmpint (own->budget, ==, summary->total.revised);
  g_assert_cmpint (own->spent, ==, summary->total.spent);
  /* The USD group has no GHS rate: its money is missing. */
  g_assert_cmpuint (group_at (set, 2)->missing_rates, ==, 2);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DeskGroupFiguresSet *set;

  set = desk_secretariat_figures (f->store, "2026-13-01", NULL, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-13-01"));
  g_clear_error (&error);

  set = desk_secretariat_figures (f->store, "2026-12-31", "2026-01-01", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  set = desk_secretariat_figures (f->store, NULL, NULL, "XQZ", &error);
  g_assert_null (set);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "XQZ"));
}

static void
test_json_csv_report (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) set = figures_2026 (f, NULL);
  g_autofree char *json = desk_group_figures_set_to_json (set);
  g_autofree char *csv = desk_group_figures_set_to_csv (set);
  g_autoptr(DeskReport) report = desk_group_figures_set_to_report (set);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root, *total, *counts;
  JsonArray *groups;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (root, "decimals"), ==, 2);
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  counts = json_array_get_object_element (groups, 1);
  g_assert_cmpstr (json_object_get_string_member (counts, "code"), ==, "BBB");
  g_assert_true (json_object_get_null_member (counts, "people"));
  g_assert_cmpstr (json_object_get_string_member (counts, "women_percent"), ==, "70.0");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (groups, 2), "women_percent"));
  total = json_object_get_object_member (root, "total");
  g_assert_cmpint (json_object_get_int_member (total, "attendances"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (total, "people"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (total, "women_percent"), ==, "71.4");
  g_assert_cmpint (json_object_get_int_member (total, "spent"), ==, 14858);
  g_assert_cmpint (json_object_get_int_member (total, "missing_rates"), ==, 3);

  /* A header, a row per group and the total. */
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "level,code,name,country,"));
  g_assert_true (g_str_has_prefix (lines[1], "group,ZZZ,ZZZ,GH,3,2,1,1,2,4,3,3,75.0,"));
  g_assert_nonnull (strstr (lines[1], ",40.00,20.00,25.13,USD,1,0,"));
  g_assert_true (g_str_has_prefix (lines[2], "group,BBB,BBB,KE,1,0,0,0,1,10,,7,70.0,"));
  g_assert_true (g_str_has_prefix (lines[4], "total,,Total,,"));
  g_assert_cmpstr (lines[5], ==, "");

  g_assert_cmpuint (report->rows->len, ==, 4);
  g_assert_cmpint (desk_report_row_level (report, 3), ==, DESK_REPORT_ROW_TOTAL);
  g_assert_cmpuint (report->chart_labels->len, ==, 3);
  g_assert_cmpuint (report->series->len, ==, 3);
  g_assert_cmpint (((DeskReportSeries *) g_ptr_array_index (report->series, 2))->values[0], ==, 2513);
  /* Notes: the currency, the missing rates of two groups, the counts only. */
  g_assert_cmpuint (report->notes->len, ==, 4);
  g_assert_nonnull (strstr (g_ptr_array_index (report->notes, 3), "BBB"));
}

/* Pillars, genders and attendance are never sealed: the figures are the same while
 * names are locked. */
static void
test_names_locked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskGroupFiguresSet) before = figures_2026 (f, NULL);
  g_autoptr(DeskGroupFiguresSet) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_before = NULL, *json_after = NULL;
  char *recovery = desk_store_protect (f->store, "correct horse battery staple", desk_kdf_cost_fastest (), &error);

  g_assert_no_error (error);
  desk_secret_free (recovery);
  desk_store_lock (f->store);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);

  after = figures_2026 (f, NULL);
  json_before = desk_group_figures_set_to_json (before);
  json_after = desk_group_figures_set_to_json (after);
  g_assert_cmpstr (json_after, ==, json_before);
}

/* A secretariat's database with no group yet: empty figures, not an error. */
static void
test_empty (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskGroupFiguresSet) set = desk_secretariat_figures (store, NULL, NULL, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DeskReport) report = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_cmpuint (set->groups->len, ==, 0);
  g_assert_cmpint (set->total->attendances, ==, 0);
  json = desk_group_figures_set_to_json (set);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "groups")), ==, 0);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "total"), "women_percent"));
  report = desk_group_figures_set_to_report (set);
  g_assert_cmpuint (report->rows->len, ==, 1);
}

/* The UUID tables the figures look rows up in: exact, whatever the spelling. */
static void
test_uuid_index (void)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  _DeskUuidIndex index;
  guint value = 0;

  _desk_uuid_index_init (&index);
  for (guint i = 0; i < 5000; i++)
    {
      g_ptr_array_add (uuids, g_uuid_string_random ());
      _desk_uuid_index_put (&index, g_ptr_array_index (uuids, i), i);
    }
  /* Capitals, and text that is no UUID, are kept by their text: a capital UUID is not
   * the lowercase one, as SQLite compares them. */
  g_ptr_array_add (uuids, g_ascii_strup (g_ptr_array_index (uuids, 0), -1));
  _desk_uuid_index_put (&index, g_ptr_array_index (uuids, 5000), 5000);
  g_ptr_array_add (uuids, g_strdup ("not-a-uuid"));
  _desk_uuid_index_put (&index, "not-a-uuid", 5001);

  for (guint i = 0; i < uuids->len; i++)
    {
      g_assert_true (_desk_uuid_index_get (&index, g_ptr_array_index (uuids, i), &value));
      g_assert_cmpuint (value, ==, i);
    }
  g_assert_false (_desk_uuid_index_get (&index, "00000000-0000-4000-8000-000000000000", &value));
  g_assert_false (_desk_uuid_index_get (&index, "00000000-0000-4000-8000-00000000000", &value));
  g_assert_false (_desk_uuid_index_get (&index, "NOT-A-UUID", &value));
  g_assert_false (_desk_uuid_index_get (&index, NULL, &value));

  /* Put again: the new value. */
  _desk_uuid_index_put (&index, g_ptr_array_index (uuids, 7), 77);
  g_assert_true (_desk_uuid_index_get (&index, g_ptr_array_index (uuids, 7), &value));
  g_assert_cmpuint (value, ==, 77);
  g_assert_cmpuint (index.n, ==, 5000);

  _desk_uuid_index_clear (&index);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/core/secretariat-figures/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("order", test_order);
  ADD ("activities-deliverables", test_activities_deliverables);
  ADD ("attendance", test_attendance);
  ADD ("indicators", test_indicators);
  ADD ("money", test_money);
  ADD ("money-agrees-with-summary", test_money_agrees_with_summary);
  ADD ("refusals", test_refusals);
  ADD ("json-csv-report", test_json_csv_report);
  ADD ("names-locked", test_names_locked);
#undef ADD
  g_test_add_func ("/core/secretariat-figures/empty", test_empty);
  g_test_add_func ("/core/secretariat-figures/uuid-index", test_uuid_index);

  return g_test_run ();
}
