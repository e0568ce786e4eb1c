/* test-locks — locked periods: each rule, unlocking one record, overlapping bundles,
 * finding, listing and naming locks
 *
 * The world of test-common.h has a record of every kind, most of them dated in the first
 * half of 2026, and one bundle (No. 1) for the half-year before; each test adds the
 * bundle No. 2 for 1 Jan – 30 Jun 2026.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-changes-private.h"

/* After the world's records were added (TEST_NOW): these locks hold them. */
#define BUNDLE_2_CREATED "2026-11-26T09:00:00Z"
#define APPROVED_ON "2026-11-25"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  const char *export;   /* the bundle No. 2, for 1 Jan – 30 Jun 2026 */
  DeskRecord *bundle;
} Fixture;

/* An export of the world's group, as the export history keeps it. */
static DeskRecord *
add_export (Fixture    *f,
            int         sequence,
            const char *from,
            const char *to,
            const char *created)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("%d", sequence);
  DeskRecord *bundle = test_world_new_record (f->world, DESK_KIND_EXPORT);

  test_set_field (bundle, "sequence", number);
  test_set_field (bundle, "period_start", from);
  test_set_field (bundle, "period_end", to);
  test_set_field (bundle, "created", created);
  g_assert_true (desk_store_insert (f->store, bundle, &error));
  g_assert_no_error (error);

  return bundle;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_memory (TEST_NOW);
  f->world = test_world_new (f->store, "GH-LOCK");
  f->bundle = add_export (f, 2, "2026-01-01", "2026-06-30", BUNDLE_2_CREATED);
  f->export = desk_record_get_uuid (f->bundle);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->bundle);
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
}

/* What _desk_locks_check says of a write from @before to @after. */
static gboolean
check (Fixture     *f,
       DeskRecord  *before,
       DeskRecord  *after,
       char       **lock)
{
  g_autoptr(GError) error = NULL;
  DeskRecord *record = before != NULL ? before : after;
  gboolean held = TRUE;

  g_assert_true (_desk_locks_check (f->store, desk_record_get_kind (record), before, after, lock,
                                    &held, &error));
  g_assert_no_error (error);

  return held;
}

/* Whether moving the world's @kind record to @value of @field is held, and by which lock. */
static void
assert_change (Fixture    *f,
               const char *kind,
               const char *field,
               const char *value,
               gboolean    held,
               const char *lock)
{
  DeskRecord *before = test_world_get (f->world, kind);
  g_autoptr(DeskRecord) after = desk_record_copy (before);
  g_autofree char *found = NULL;

  test_set_field (after, field, value);
  g_assert_cmpint (check (f, before, after, &found), ==, held);
  g_assert_cmpstr (found, ==, lock);
}

/* Whether the record of @kind, as stored with @field at @value, is held. */
static void
assert_state (Fixture    *f,
              const char *kind,
              const char *field,
              const char *value,
              const char *lock)
{
  g_autoptr(DeskRecord) state = desk_record_copy (test_world_get (f->world, kind));
  g_autofree char *found = NULL;

  /* Deleting the record in that state: only that state counts. */
  test_set_field (state, field, value);
  g_assert_cmpint (check (f, state, NULL, &found), ==, lock != NULL);
  /* Free, it may still name the bundle it amends (one exported before it was added). */
  if (lock != NULL)
    g_assert_cmpstr (found, ==, lock);
}

static void
store_update (Fixture    *f,
              DeskRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_update (f->store, record, &error));
  g_assert_no_error (error);
}

/* The store as it would be after a reason unlocked @record (what the write path does). */
static void
unlock (Fixture    *f,
        DeskRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_desk_locks_unlock (f->store, desk_record_get_kind (record), record, record, 1, &error));
  g_assert_no_error (error);
}

static void
test_expense_period (Fixture       *f,
                     gconstpointer  data)
{
  /* Inside, at both edges, and just outside. */
  assert_state (f, "expense", "date", "2026-02-02", f->export);
  assert_state (f, "expense", "date", "2026-01-01", f->export);
  assert_state (f, "expense", "date", "2026-06-30", f->export);
  assert_state (f, "expense", "date", "2026-07-01", NULL);
  /* The world's bundle No. 1 covers the day before, but was exported before the expense
   * was added: it did not report it, so it does not hold it. */
  assert_state (f, "expense", "date", "2025-12-31", NULL);

  /* A change of a held expense, even moving it out of the period, is held. */
  assert_change (f, "expense", "payee", "Another hotel", TRUE, f->export);
  assert_change (f, "expense", "date", "2026-08-01", TRUE, f->export);
}

static void
test_moving_into_period (Fixture       *f,
                         gconstpointer  data)
{
  DeskRecord *expense = test_world_get (f->world, "expense");
  g_autoptr(DeskRecord) later = desk_record_copy (expense);
  g_autoptr(DeskRecord) moved = NULL;
  g_autoptr(DeskRecord) elsewhere = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *none = NULL;

  test_set_field (later, "date", "2026-08-01");
  moved = desk_record_copy (later);
  test_set_field (moved, "date", "2026-06-30");
  g_assert_true (check (f, later, moved, &lock));
  g_assert_cmpstr (lock, ==, f->export);

  /* Within the free months, nothing holds it. */
  elsewhere = desk_record_copy (later);
  test_set_field (elsewhere, "date", "2026-09-01");
  g_assert_false (check (f, later, elsewhere, &none));
  g_assert_null (none);
}

static void
test_insert_never_held (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DeskRecord) late = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) free_one = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autofree char *lock = NULL;
  g_autofree char *none = NULL;

  /* Added to a reported period: not held, but it amends that bundle. */
  desk_record_set_uuid (late, "00000000-0000-4000-8000-000000000001");
  g_assert_false (check (f, NULL, late, &lock));
  g_assert_cmpstr (lock, ==, f->export);

  desk_record_set_uuid (free_one, "00000000-0000-4000-8000-000000000002");
  test_set_field (free_one, "date", "2026-10-01");
  g_assert_false (check (f, NULL, free_one, &none));
  g_assert_null (none);
}

static void
test_unchanged_not_held (Fixture       *f,
                         gconstpointer  data)
{
  DeskRecord *expense = test_world_get (f->world, "expense");
  g_autoptr(DeskRecord) same = desk_record_copy (expense);
  g_autofree char *lock = NULL;

  /* Saving an editor without a change asks for no reason. */
  desk_record_set_updated (same, "2027-01-01T00:00:00Z");
  g_assert_false (check (f, expense, same, &lock));
  g_assert_null (lock);
}

static void
test_other_dated_kinds (Fixture       *f,
                        gconstpointer  data)
{
  assert_state (f, "funding", "date", "2026-06-30", f->export);
  assert_state (f, "funding", "date", "2026-07-01", NULL);
  assert_state (f, "budget_revision", "revised_on", "2026-01-01", f->export);
  assert_state (f, "budget_revision", "revised_on", "2025-06-30", NULL);
  assert_state (f, "workshop", "start_date", "2026-06-30", f->export);
  assert_state (f, "workshop", "start_date", "2026-07-01", NULL);

  /* An indicator value goes by the end of its period, whatever its start. */
  assert_state (f, "indicator_value", "period_end", "2026-06-30", f->export);
  assert_state (f, "indicator_value", "period_end", "2026-07-31", NULL);

  /* A deliverable goes by its delivery: not delivered, it is free. */
  assert_state (f, "deliverable", "delivered_on", NULL, NULL);
  assert_state (f, "deliverable", "delivered_on", "2026-03-01", f->export);
  assert_state (f, "deliverable", "delivered_on", "2026-07-01", NULL);

  /* Kinds no bundle locks. */
  assert_state (f, "rate", "valid_from", "2026-03-01", NULL);
  assert_state (f, "activity", "planned_start", "2026-03-01", NULL);
}

static void
test_attendance_by_workshop (Fixture       *f,
                             gconstpointer  data)
{
  DeskRecord *attendance = test_world_get (f->world, "attendance");
  g_autoptr(DeskRecord) later = test_world_new_record (f->world, DESK_KIND_WORKSHOP);
  g_autoptr(DeskRecord) moved = desk_record_copy (attendance);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *none = NULL;
  g_autofree char *into = NULL;

  /* The world's workshop starts on 1 Feb 2026: its attendance is held. */
  assert_change (f, "attendance", "status", "absent", TRUE, f->export);

  /* A workshop held later: its list is free, until someone moves to a held one. */
  test_set_field (later, "start_date", "2026-09-01");
  test_set_field (later, "end_date", "2026-09-02");
  g_assert_true (desk_store_insert (f->store, later, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DeskRecord) there = desk_record_copy (attendance);
    g_autoptr(DeskRecord) changed = NULL;

    test_set_field (there, "workshop_uuid", desk_record_get_uuid (later));
    changed = desk_record_copy (there);
    test_set_field (changed, "status", "absent");
    g_assert_false (check (f, there, changed, &none));
    g_assert_null (none);

    test_set_field (moved, "workshop_uuid", test_world_uuid (f->world, "workshop"));
    g_assert_true (check (f, there, moved, &into));
    g_assert_cmpstr (into, ==, f->export);
  }

  /* Its workshop moved out of the period (as a reason would have let it): free. */
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE workshops SET start_date = '2026-08-01', end_date = '2026-08-02'");
  {
    g_autoptr(DeskRecord) changed = desk_record_copy (attendance);

    test_set_field (changed, "status", "absent");
    g_assert_false (check (f, attendance, changed, &lock));
    g_assert_null (lock);
  }
}

static void
test_workplan (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskRecord) workplan = desk_record_copy (test_world_get (f->world, "workplan"));
  const char *uuid = desk_record_get_uuid (workplan);
  g_autoptr(DeskRecord) line = desk_record_copy (test_world_get (f->world, "budget_line"));
  g_autoptr(DeskRecord) other_plan = test_world_new_record (f->world, DESK_KIND_WORKPLAN);
  g_autoptr(DeskRecord) other_line = NULL;
  g_autoptr(GError) error = NULL;

  /* A draft locks nothing, and approving it is free. */
  assert_change (f, "workplan", "title_en", "Draft renamed", FALSE, NULL);
  assert_change (f, "budget_line", "quantity_milli", "4000", FALSE, NULL);
  assert_change (f, "workplan", "status", "approved", FALSE, NULL);

  test_set_field (workplan, "status", "approved");
  test_set_field (workplan, "approved_on", APPROVED_ON);
  store_update (f, workplan);
  {
    g_autoptr(DeskRecord) renamed = desk_record_copy (workplan);
    g_autoptr(DeskRecord) closed = desk_record_copy (workplan);
    g_autoptr(DeskRecord) endorsed = desk_record_copy (workplan);
    g_autoptr(DeskRecord) draft = desk_record_copy (workplan);
    g_autoptr(DeskRecord) costlier = desk_record_copy (line);
    g_autofree char *l1 = NULL, *l2 = NULL, *l3 = NULL, *l4 = NULL, *l5 = NULL, *l6 = NULL;

    test_set_field (renamed, "title_en", "Approved renamed");
    g_assert_true (check (f, workplan, renamed, &l1));
    g_assert_cmpstr (l1, ==, uuid);
    g_assert_true (check (f, workplan, NULL, &l2));
    g_assert_cmpstr (l2, ==, uuid);

    /* Going back to draft undoes the approval: held. */
    test_set_field (draft, "status", "draft");
    g_assert_true (check (f, workplan, draft, &l3));

    /* Closing it, or writing down its endorsement, changes nothing approved. */
    test_set_field (closed, "status", "closed");
    g_assert_false (check (f, workplan, closed, &l4));
    test_set_field (endorsed, "endorsed_on", "2026-02-01");
    test_set_field (endorsed, "endorsed_meeting", "Plenary");
    g_assert_false (check (f, workplan, endorsed, &l5));

    /* Its budget lines are held by it. */
    test_set_field (costlier, "unit_cost_minor", "99000");
    g_assert_true (check (f, line, costlier, &l6));
    g_assert_cmpstr (l6, ==, uuid);
  }

  /* A line of a draft workplan moved into the approved one is held too. */
  test_set_field (other_plan, "period_start", "2027-01-01");
  test_set_field (other_plan, "period_end", "2027-12-31");
  g_assert_true (desk_store_insert (f->store, other_plan, &error));
  g_assert_no_error (error);
  other_line = desk_record_copy (line);
  desk_record_set_uuid (other_line, NULL);
  test_set_field (other_line, "workplan_uuid", desk_record_get_uuid (other_plan));
  test_set_field (other_line, "activity_uuid", NULL);
  g_assert_true (desk_store_insert (f->store, other_line, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DeskRecord) moved = desk_record_copy (other_line);
    g_autoptr(DeskRecord) cheaper = desk_record_copy (other_line);
    g_autofree char *into = NULL;
    g_autofree char *none = NULL;

    test_set_field (cheaper, "unit_cost_minor", "100");
    g_assert_false (check (f, other_line, cheaper, &none));
    g_assert_null (none);
    test_set_field (moved, "workplan_uuid", uuid);
    g_assert_true (check (f, other_line, moved, &into));
    g_assert_cmpstr (into, ==, uuid);
  }
}

static void
test_unlock_one_record (Fixture       *f,
                        gconstpointer  data)
{
  DeskRecord *expense = test_world_get (f->world, "expense");
  g_autoptr(DeskRecord) neighbour = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) changed = desk_record_copy (expense);
  g_autoptr(DeskRecord) neighbour_changed = NULL;
  g_autoptr(DeskLock) lock = NULL;
  g_autoptr(DeskLock) neighbour_lock = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *neighbour_found = NULL;

  g_assert_true (desk_store_insert (f->store, neighbour, &error));
  g_assert_no_error (error);

  unlock (f, expense);

  /* Unlocked: free, but its change still amends the bundle. */
  test_set_field (changed, "payee", "Unlocked hotel");
  g_assert_false (check (f, expense, changed, &found));
  g_assert_cmpstr (found, ==, f->export);
  lock = desk_store_find_lock (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (expense), &error);
  g_assert_no_error (error);
  g_assert_null (lock);

  /* The expense beside it, same day, same line, stays locked. */
  neighbour_changed = desk_record_copy (neighbour);
  test_set_field (neighbour_changed, "payee", "Changed");
  g_assert_true (check (f, neighbour, neighbour_changed, &neighbour_found));
  g_assert_cmpstr (neighbour_found, ==, f->export);
  neighbour_lock = desk_store_find_lock (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (neighbour),
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (neighbour_lock);
  g_assert_cmpstr (neighbour_lock->uuid, ==, f->export);

  locks = desk_store_list_locks (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locks->len, ==, 2);
  g_assert_cmpstr (((DeskLock *) g_ptr_array_index (locks, 0))->uuid, ==, f->export);
  g_assert_cmpint (((DeskLock *) g_ptr_array_index (locks, 0))->n_unlocked, ==, 1);
  g_assert_cmpint (((DeskLock *) g_ptr_array_index (locks, 1))->n_unlocked, ==, 0);

  /* The unlock names that record and that lock only, with the change that gave the reason. */
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT count(*) FROM unlocks"), ==, 1);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT change_id FROM unlocks"), ==, 1);
}

static void
test_overlapping_exports (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DeskRecord) second = NULL;
  g_autoptr(DeskRecord) expense = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) changed = NULL;
  g_autoptr(DeskLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *first_lock = NULL;
  g_autofree char *second_lock = NULL;
  g_autofree char *none_held = NULL;
  const char *second_uuid;

  second = add_export (f, 3, "2026-04-01", "2026-09-30", "2026-11-27T09:00:00Z");
  second_uuid = desk_record_get_uuid (second);

  /* In both periods: the newest bundle holds it. */
  test_set_field (expense, "date", "2026-05-01");
  g_assert_true (desk_store_insert (f->store, expense, &error));
  g_assert_no_error (error);
  lock = desk_store_find_lock (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (expense), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lock->uuid, ==, second_uuid);
  g_assert_cmpint (lock->sequence, ==, 3);

  changed = desk_record_copy (expense);
  test_set_field (changed, "payee", "Changed");
  g_assert_true (check (f, expense, changed, &second_lock));
  g_assert_cmpstr (second_lock, ==, second_uuid);

  /* Unlocked for the newest only, the first still holds it. */
  sql = g_strdup_printf ("INSERT INTO unlocks VALUES ('%s', '%s', 7)",
                         desk_record_get_uuid (expense), second_uuid);
  test_sqlite_exec (_desk_store_get_db (f->store), sql);
  g_assert_true (check (f, expense, changed, &first_lock));
  g_assert_cmpstr (first_lock, ==, f->export);

  /* A reason unlocks it for every lock that holds it. */
  unlock (f, expense);
  g_assert_false (check (f, expense, changed, &none_held));
  g_assert_cmpstr (none_held, ==, second_uuid);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT count(*) FROM unlocks"), ==, 2);
}

static void
test_other_group (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TestWorld) other = test_world_new (f->store, "GH-OTHER");
  g_autoptr(DeskLock) lock = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  /* Another group's bundle does not hold this group's records. */
  lock = desk_store_find_lock (f->store, DESK_KIND_EXPENSE, test_world_uuid (f->world, "expense"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lock->uuid, ==, f->export);

  mine = desk_store_list_locks (f->store, f->world->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  all = desk_store_list_locks (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (other->group, !=, f->world->group);
}

static void
test_find_list_describe (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DeskRecord) workplan = desk_record_copy (test_world_get (f->world, "workplan"));
  g_autoptr(DeskLock) export_lock = NULL;
  g_autoptr(DeskLock) line_lock = NULL;
  g_autoptr(DeskLock) none = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autoptr(GError) line_reported = NULL;
  g_autofree char *described = NULL;
  g_autofree char *workplan_described = NULL;
  const DeskLock *wl;

  export_lock = desk_store_find_lock (f->store, DESK_KIND_FUNDING, test_world_uuid (f->world, "funding"),
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (export_lock);
  g_assert_true (export_lock->kind == DESK_KIND_EXPORT);
  g_assert_cmpint (export_lock->sequence, ==, 2);
  g_assert_cmpstr (export_lock->period_start, ==, "2026-01-01");
  g_assert_cmpstr (export_lock->period_end, ==, "2026-06-30");
  g_assert_cmpstr (export_lock->locked_on, ==, BUNDLE_2_CREATED);
  g_assert_cmpstr (export_lock->group_uuid, ==, f->world->group);

  described = desk_lock_describe (f->store, export_lock);
  g_assert_true (g_str_has_prefix (described, "the bundle No. 2 for 1 Jan 2026 – 30 Jun 2026, exported on "));
  g_assert_true (g_str_has_suffix (described, "Nov 2026"));

  _desk_locks_set_reported_error (f->store, DESK_KIND_EXPENSE, f->export, &reported);
  g_assert_error (reported, DESK_ERROR, DESK_ERROR_REPORTED);
  g_assert_nonnull (strstr (reported->message, "This expense was reported in the bundle No. 2 for "));
  g_assert_nonnull (strstr (reported->message, "Give a reason to change it"));

  /* A record no lock holds, and one that does not exist. */
  none = desk_store_find_lock (f->store, DESK_KIND_RATE, test_world_uuid (f->world, "rate"), &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_null (desk_store_find_lock (f->store, DESK_KIND_EXPENSE, "no-such-uuid", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The approved workplan: its lock has no number, and holds its lines. */
  test_set_field (workplan, "status", "approved");
  test_set_field (workplan, "approved_on", APPROVED_ON);
  store_update (f, workplan);
  line_lock = desk_store_find_lock (f->store, DESK_KIND_BUDGET_LINE,
                                    test_world_uuid (f->world, "budget_line"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line_lock->uuid, ==, desk_record_get_uuid (workplan));
  g_assert_true (line_lock->kind == DESK_KIND_WORKPLAN);
  g_assert_cmpint (line_lock->sequence, ==, 0);
  g_assert_cmpstr (line_lock->locked_on, ==, APPROVED_ON);
  workplan_described = desk_lock_describe (f->store, line_lock);
  g_assert_cmpstr (workplan_described, ==, "the approved workplan “Workplan 2026”");

  _desk_locks_set_reported_error (f->store, DESK_KIND_BUDGET_LINE, line_lock->uuid, &line_reported);
  g_assert_error (line_reported, DESK_ERROR, DESK_ERROR_REPORTED);
  g_assert_nonnull (strstr (line_reported->message, "the approved workplan “Workplan 2026”"));
  g_assert_nonnull (strstr (line_reported->message, "revision"));

  /* Listed: the bundles first, then the approved workplans. */
  locks = desk_store_list_locks (f->store, f->world->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locks->len, ==, 3);
  g_assert_cmpstr (((DeskLock *) g_ptr_array_index (locks, 0))->uuid, ==, f->export);
  g_assert_cmpstr (((DeskLock *) g_ptr_array_index (locks, 1))->uuid, ==, test_world_uuid (f->world, "export"));
  wl = g_ptr_array_index (locks, 2);
  g_assert_cmpstr (wl->uuid, ==, desk_record_get_uuid (workplan));
  g_assert_cmpstr (wl->period_start, ==, "2026-01-01");
  g_assert_cmpstr (wl->period_end, ==, "2026-12-31");
}

static void
test_newest_first (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskRecord) second = add_export (f, 3, "2026-07-01", "2026-12-31", "2026-11-27T09:00:00Z");
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GError) error = NULL;

  locks = desk_store_list_locks (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (locks->len, ==, 3);
  g_assert_cmpint (((DeskLock *) g_ptr_array_index (locks, 0))->sequence, ==, 3);
  g_assert_cmpint (((DeskLock *) g_ptr_array_index (locks, 1))->sequence, ==, 2);
  g_assert_cmpint (((DeskLock *) g_ptr_array_index (locks, 2))->sequence, ==, 1);

  /* Each period holds its own records. */
  assert_state (f, "expense", "date", "2026-12-31", desk_record_get_uuid (second));
  assert_state (f, "expense", "date", "2026-06-30", f->export);
  assert_state (f, "expense", "date", "2025-12-31", NULL);
}

/* A bundle locks what it reported: a record added after it was exported (or a line after
 * its plan was approved) is free, though its changes still amend that bundle. */
static void
test_added_later (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskRecord) late = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) changed = NULL;
  g_autoptr(DeskRecord) early_changed = desk_record_copy (test_world_get (f->world, "expense"));
  g_autoptr(DeskLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *early = NULL;

  test_set_now (f->store, "2026-11-27T10:00:00Z");
  g_assert_true (desk_store_insert (f->store, late, &error));
  g_assert_no_error (error);
  changed = desk_record_copy (late);
  test_set_field (changed, "payee", "Filled in later");
  g_assert_false (check (f, late, changed, &found));
  g_assert_cmpstr (found, ==, f->export);
  lock = desk_store_find_lock (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (late), &error);
  g_assert_no_error (error);
  g_assert_null (lock);

  /* The expense added before the bundle stays held. */
  test_set_field (early_changed, "payee", "Changed");
  g_assert_true (check (f, test_world_get (f->world, "expense"), early_changed, &early));
  g_assert_cmpstr (early, ==, f->export);
}

/* Through the store's write path: held without a reason, nothing written; a reason
 * unlocks that record only and is kept with its change. */
static void
test_enforced (Fixture       *f,
               gconstpointer  data)
{
  DeskRecord *expense = test_world_get (f->world, "expense");
  const char *uuid = desk_record_get_uuid (expense);
  g_autoptr(DeskRecord) neighbour = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) changed = desk_record_copy (expense);
  g_autoptr(DeskRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *reason = NULL;
  sqlite3 *db = _desk_store_get_db (f->store);
  gint64 changes;

  g_assert_true (desk_store_insert (f->store, neighbour, &error));
  g_assert_no_error (error);
  changes = test_sqlite_int (db, "SELECT count(*) FROM changes");

  test_set_field (changed, "payee", "Another hotel");
  g_assert_false (desk_store_update (f->store, changed, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_assert_nonnull (strstr (error->message, "This expense was reported in the bundle No. 2 for "));
  g_clear_error (&error);
  g_assert_false (desk_store_update_with_reason (f->store, changed, " \t ", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_store_delete (f->store, DESK_KIND_EXPENSE, uuid, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);
  /* Its activity cannot take it along either. */
  g_assert_false (desk_store_delete (f->store, DESK_KIND_ACTIVITY, test_world_uuid (f->world, "activity"),
                                     &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);

  stored = desk_store_get (f->store, DESK_KIND_EXPENSE, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (stored, "payee"), ==, "Hotel");
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM changes"), ==, changes);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM unlocks"), ==, 0);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ACTIVITY, f->world->group), ==, 1);

  /* With a reason: written, that record unlocked for its lock, the reason kept. */
  g_assert_true (desk_store_update_with_reason (f->store, changed, "The receipt was misread", &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT c.reason FROM unlocks u JOIN changes c ON c.id = u.change_id "
                         "WHERE u.record_uuid = '%s' AND u.lock_uuid = '%s'", uuid, f->export);
  reason = test_sqlite_query (db, sql);
  g_assert_cmpstr (reason, ==, "The receipt was misread");
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM unlocks"), ==, 1);

  /* Its next change needs none; the neighbour still does. */
  test_set_field (changed, "payee", "Third hotel");
  g_assert_true (desk_store_update (f->store, changed, &error));
  g_assert_no_error (error);
  test_set_field (neighbour, "payee", "Changed");
  g_assert_false (desk_store_update (f->store, neighbour, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);
  g_assert_true (desk_store_delete_with_reason (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (neighbour),
                                                "Entered twice", &error));
  g_assert_no_error (error);
}

/* Merging two entries for the same person moves a reported workshop's attendance: the
 * merge gives its own reason, so it is not refused, and the change travels as an
 * amendment that says why. */
static void
test_merge_people (Fixture       *f,
                   gconstpointer  data)
{
  DeskRecord *attendance = test_world_get (f->world, "attendance");
  g_autoptr(DeskRecord) kept = test_world_new_record (f->world, DESK_KIND_PERSON);
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  DeskChange *newest;

  test_set_field (kept, "name", "Ama Mensah");
  test_set_field (kept, "gender", "woman");
  g_assert_true (desk_store_insert (f->store, kept, &error));
  g_assert_no_error (error);
  assert_change (f, "attendance", "status", "absent", TRUE, f->export);

  g_assert_true (desk_people_merge (history, kept, test_world_uuid (f->world, "person"), &error));
  g_assert_no_error (error);

  changes = desk_store_list_changes (f->store, DESK_KIND_ATTENDANCE,
                                     desk_record_get_uuid (attendance), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >, 0);
  newest = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (newest->field, ==, "person_uuid");
  g_assert_cmpstr (newest->new_value, ==, desk_record_get_uuid (kept));
  g_assert_cmpstr (newest->lock_uuid, ==, f->export);
  g_assert_nonnull (newest->reason);
  g_assert_cmpstr (newest->reason, !=, "");
}

#define ADD(path, func) \
  g_test_add ("/core/locks/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("expense-period", test_expense_period);
  ADD ("moving-into-period", test_moving_into_period);
  ADD ("insert-never-held", test_insert_never_held);
  ADD ("unchanged-not-held", test_unchanged_not_held);
  ADD ("other-dated-kinds", test_other_dated_kinds);
  ADD ("attendance-by-workshop", test_attendance_by_workshop);
  ADD ("workplan-and-lines", test_workplan);
  ADD ("unlock-one-record", test_unlock_one_record);
  ADD ("overlapping-exports", test_overlapping_exports);
  ADD ("other-group", test_other_group);
  ADD ("find-list-describe", test_find_list_describe);
  ADD ("newest-first", test_newest_first);
  ADD ("enforced", test_enforced);
  ADD ("added-later", test_added_later);
  ADD ("merge-people", test_merge_people);

  return g_test_run ();
}
