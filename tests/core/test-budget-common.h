/* test-budget-common.h — what the budget tests share: running a Python check, a small
 * world to build budgets in, lines and expenses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-common.h"

#include "desk-report.h"

static inline void
run_python (const char  *script,
            const char  *arg,
            char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "python3", "-c", script, arg, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 check failed:\n%s\n%s", out != NULL && *out != NULL ? *out : "", err);
}

typedef struct
{
  DeskStore *store;
  char *group;
  char *workplan;
  char *activity;
} World;

static inline void
world_clear (World *w)
{
  g_clear_object (&w->store);
  g_free (w->group);
  g_free (w->workplan);
  g_free (w->activity);
}

static inline DeskRecord *
add (World          *w,
     const DeskKind *kind,
     ...)
{
  g_autoptr(DeskRecord) record = desk_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  desk_record_set_group (record, w->group);
  va_start (args, kind);
  while ((name = va_arg (args, const char *)) != NULL)
    test_set_field (record, name, va_arg (args, const char *));
  va_end (args);

  g_assert_true (desk_store_insert (w->store, record, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

/* A GHS group, one workplan for 2026 with one activity, and USD rates from 1 March
 * (15.00) and 1 July (14.50). */
static inline void
world_init_at (World      *w,
               const char *path)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskRecord) wp = NULL;
  g_autoptr(DeskRecord) a = NULL;
  g_autoptr(DeskRecord) r1 = NULL;
  g_autoptr(DeskRecord) r2 = NULL;

  if (path == NULL)
    w->store = test_open_memory ("2026-07-02T10:00:00Z");
  else
    {
      g_autoptr(GError) error = NULL;

      w->store = desk_store_open (path, &error);
      g_assert_no_error (error);
      test_set_now (w->store, "2026-07-02T10:00:00Z");
    }
  group = add (w, DESK_KIND_GROUP, "name_en", "Test group", "country", "GH", "currency", "GHS", NULL);
  w->group = g_strdup (desk_record_get_uuid (group));
  wp = add (w, DESK_KIND_WORKPLAN, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  w->workplan = g_strdup (desk_record_get_uuid (wp));
  a = add (w, DESK_KIND_ACTIVITY, "workplan_uuid", w->workplan, "code", "A1", "title_en", "Dialogue",
           "kind", "dialogue", "status", "planned", NULL);
  w->activity = g_strdup (desk_record_get_uuid (a));
  r1 = add (w, DESK_KIND_RATE, "currency", "USD", "valid_from", "2026-03-01",
            "rate_mantissa", "1500", "rate_scale", "2", NULL);
  r2 = add (w, DESK_KIND_RATE, "currency", "USD", "valid_from", "2026-07-01",
            "rate_mantissa", "145", "rate_scale", "1", NULL);
}

static inline void
world_init (World *w)
{
  world_init_at (w, NULL);
}

static inline DeskRecord *
add_line (World      *w,
          const char *description,
          const char *category,
          const char *currency,
          const char *quantity_milli,
          const char *unit_cost_minor)
{
  return add (w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w->workplan, "activity_uuid", w->activity,
              "category", category, "description_en", description, "quantity_milli", quantity_milli,
              "unit", "item", "unit_cost_minor", unit_cost_minor, "currency", currency, NULL);
}

static inline DeskRecord *
add_expense (World      *w,
             DeskRecord *line,
             const char *currency,
             const char *amount_minor)
{
  return add (w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (line),
              "date", "2026-05-04", "amount_minor", amount_minor, "currency", currency,
              "is_refund", amount_minor[0] == '-' ? "1" : "0", NULL);
}
