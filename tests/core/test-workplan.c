/* test-workplan.c — workplans: overdue, pillars, status, the annual review, undo, models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  DeskStore *store;
  char *group;
  char *workplan;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workplans = NULL;

  f->store = test_open_memory (TEST_NOW);
  f->group = desk_demo_fill (f->store, &error);
  g_assert_no_error (error);
  workplans = desk_store_list (f->store, DESK_KIND_WORKPLAN, f->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workplans->len, ==, 1);
  f->workplan = g_strdup (desk_record_get_uuid (g_ptr_array_index (workplans, 0)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->group);
  g_free (f->workplan);
}

static DeskRecord *
find_activity (Fixture    *f,
               const char *workplan,
               const char *code)
{
  g_autoptr(GPtrArray) activities = desk_store_list_by (f->store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                        workplan, NULL);

  for (guint i = 0; i < activities->len; i++)
    if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (activities, i), "code"), code) == 0)
      return g_object_ref (g_ptr_array_index (activities, i));

  return NULL;
}

static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskRecord) d = desk_record_new (DESK_KIND_DELIVERABLE);
  g_autoptr(GPtrArray) all = NULL;
  gint64 expected = 0;

  desk_record_set_string (d, "due_date", "2026-11-24");
  desk_record_set_string (d, "status", "planned");
  g_assert_true (desk_deliverable_is_overdue (d, "2026-11-25"));
  g_assert_false (desk_deliverable_is_overdue (d, "2026-11-24"));
  desk_record_set_string (d, "status", "in_progress");
  g_assert_true (desk_deliverable_is_overdue (d, "2026-11-25"));
  desk_record_set_string (d, "status", "delivered");
  g_assert_false (desk_deliverable_is_overdue (d, "2026-11-25"));
  desk_record_set_string (d, "status", "accepted");
  g_assert_false (desk_deliverable_is_overdue (d, "2026-12-25"));
  desk_record_set_string (d, "status", "planned");
  desk_record_unset (d, "due_date");
  g_assert_false (desk_deliverable_is_overdue (d, "2030-01-01"));

  /* The SQL count agrees with the rule applied record by record. */
  all = desk_store_list (f->store, DESK_KIND_DELIVERABLE, f->group, NULL);
  for (guint i = 0; i < all->len; i++)
    if (desk_deliverable_is_overdue (g_ptr_array_index (all, i), "2026-11-25"))
      expected++;
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (desk_store_count_overdue (f->store, f->group), ==, expected);

  /* Against a later clock, more is overdue. */
  test_set_now (f->store, "2027-06-01T10:00:00Z");
  g_assert_cmpint (desk_store_count_overdue (f->store, f->group), >, expected);
}

static void
test_pillars (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) pillars = desk_store_dup_member_pillars (f->store, f->group);
  g_autoptr(DeskRecord) a1 = find_activity (f, f->workplan, "A1");
  g_autoptr(DeskRecord) a7 = find_activity (f, f->workplan, "A7");
  g_auto(GStrv) p1 = NULL;
  g_auto(GStrv) p7 = NULL;

  g_assert_cmpuint (g_hash_table_size (pillars), ==, desk_store_count (f->store, DESK_KIND_MEMBER, f->group));

  /* A1 is led by a ministry with a company, a CSO and an observer supporting. */
  p1 = desk_activity_dup_pillars (a1, pillars);
  g_assert_cmpstrv (p1, ((const char *[]) { "government", "company", "civil_society", "observer", NULL }));

  /* A7 has only its government lead. */
  p7 = desk_activity_dup_pillars (a7, pillars);
  g_assert_cmpstrv (p7, ((const char *[]) { "government", NULL }));
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) wp = NULL;

  /* The sample plan is approved: it can be closed, not approved again from closed. */
  g_assert_true (desk_workplan_set_status (f->store, f->workplan, "closed", &error));
  g_assert_no_error (error);
  g_assert_false (desk_workplan_set_status (f->store, f->workplan, "approved", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopening what was approved is a change to it: refused without a reason. */
  g_assert_false (desk_workplan_set_status (f->store, f->workplan, "draft", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);
  test_reopen_workplan (f->store, f->workplan);
  wp = desk_store_get (f->store, DESK_KIND_WORKPLAN, f->workplan, NULL);
  g_assert_cmpstr (desk_record_get_string (wp, "status"), ==, "draft");
  g_assert_null (desk_record_get_string (wp, "approved_on"));
  g_clear_object (&wp);

  test_set_now (f->store, "2026-12-02T09:00:00Z");
  g_assert_true (desk_workplan_set_status (f->store, f->workplan, "approved", &error));
  wp = desk_store_get (f->store, DESK_KIND_WORKPLAN, f->workplan, NULL);
  g_assert_cmpstr (desk_record_get_string (wp, "status"), ==, "approved");
  g_assert_cmpstr (desk_record_get_string (wp, "approved_on"), ==, "2026-12-02");

  g_assert_false (desk_workplan_set_status (f->store, f->workplan, "finished", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_start_next (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) old_before = desk_store_get (f->store, DESK_KIND_WORKPLAN, f->workplan, NULL);
  g_autoptr(GPtrArray) old_activities = desk_store_list_by (f->store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                            f->workplan, NULL);
  g_autoptr(GPtrArray) new_activities = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DeskRecord) old_after = NULL;
  g_autoptr(DeskRecord) next = NULL;
  g_autofree char *next_uuid = NULL;
  guint unfinished = 0;
  gint64 deliverables_before = desk_store_count (f->store, DESK_KIND_DELIVERABLE, f->group);
  gint64 undelivered_carried = 0;

  for (guint i = 0; i < old_activities->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (old_activities, i);
      const char *s = desk_record_get_string (a, "status");

      if (g_str_equal (s, "planned") || g_str_equal (s, "in_progress") || g_str_equal (s, "postponed"))
        {
          g_autoptr(GPtrArray) ds = desk_store_list_by (f->store, DESK_KIND_DELIVERABLE, "activity_uuid",
                                                        desk_record_get_uuid (a), NULL);
          unfinished++;
          for (guint j = 0; j < ds->len; j++)
            {
              const char *ds_status = desk_record_get_string (g_ptr_array_index (ds, j), "status");
              if (!g_str_equal (ds_status, "delivered") && !g_str_equal (ds_status, "accepted"))
                undelivered_carried++;
            }
        }
    }
  g_assert_cmpuint (unfinished, >, 0);
  g_assert_cmpuint (unfinished, <, old_activities->len);

  next_uuid = desk_workplan_start_next (f->store, f->workplan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next_uuid);

  next = desk_store_get (f->store, DESK_KIND_WORKPLAN, next_uuid, NULL);
  /* The sample runs from July 2025 to December 2026; the next one starts the day after. */
  g_assert_cmpstr (desk_record_get_string (next, "period_start"), ==, "2027-01-01");
  g_assert_cmpstr (desk_record_get_string (next, "status"), ==, "draft");
  g_assert_cmpstr (desk_record_get_string (next, "previous_uuid"), ==, f->workplan);
  g_assert_cmpstr (desk_record_get_string (next, "objectives_en"), ==,
                   desk_record_get_string (old_before, "objectives_en"));
  /* The years in the title follow the period: 2027-01-01 to 2028-06-30. */
  g_assert_cmpstr (desk_record_get_string (next, "period_end"), ==, "2028-06-30");
  g_assert_cmpstr (desk_record_get_string (next, "title_en"), ==, "Workplan 2027–2028");
  g_assert_cmpstr (desk_record_get_string (next, "title_zh"), ==, "2027–2028年工作计划");

  new_activities = desk_store_list_by (f->store, DESK_KIND_ACTIVITY, "workplan_uuid", next_uuid, NULL);
  g_assert_cmpuint (new_activities->len, ==, unfinished);
  for (guint i = 0; i < new_activities->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (new_activities, i);
      g_autoptr(DeskRecord) from = desk_store_get (f->store, DESK_KIND_ACTIVITY,
                                                   desk_record_get_string (a, "carried_from_uuid"), NULL);

      g_assert_nonnull (from);
      g_assert_cmpstr (desk_record_get_string (a, "status"), ==, "planned");
      g_assert_null (desk_record_get_string (a, "actual_start"));
      g_assert_cmpstr (desk_record_get_string (a, "title_en"), ==, desk_record_get_string (from, "title_en"));
      g_assert_true (g_strv_equal (desk_record_get_set (a, "themes"), desk_record_get_set (from, "themes")));
      g_assert_true (g_strv_equal (desk_record_get_set (a, "supporting_members"),
                                   desk_record_get_set (from, "supporting_members")));
    }
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_DELIVERABLE, f->group), ==,
                   deliverables_before + undelivered_carried);

  /* The old plan is closed and otherwise intact: same activities, same values. */
  old_after = desk_store_get (f->store, DESK_KIND_WORKPLAN, f->workplan, NULL);
  g_assert_cmpstr (desk_record_get_string (old_after, "status"), ==, "closed");
  g_assert_cmpstr (desk_record_get_string (old_after, "title_en"), ==,
                   desk_record_get_string (old_before, "title_en"));
  after = desk_store_list_by (f->store, DESK_KIND_ACTIVITY, "workplan_uuid", f->workplan, NULL);
  g_assert_cmpuint (after->len, ==, old_activities->len);
  for (guint i = 0; i < after->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (after, i);
      DeskRecord *b = g_ptr_array_index (old_activities, i);

      g_assert_cmpstr (desk_record_get_uuid (a), ==, desk_record_get_uuid (b));
      g_assert_cmpstr (desk_record_get_string (a, "status"), ==, desk_record_get_string (b, "status"));
      g_assert_cmpstr (desk_record_get_updated (a), ==, desk_record_get_updated (b));
    }
}

static void
test_start_next_is_atomic (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rows = test_count_all_rows (f->store);
  g_autofree char *next = NULL;

  /* An unknown workplan: nothing is written. */
  next = desk_workplan_start_next (f->store, "00000000-0000-0000-0000-000000000000", &error);
  g_assert_null (next);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (test_count_all_rows (f->store), ==, rows);
}

static void
test_history_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(DeskRecord) a1 = find_activity (f, f->workplan, "A1");
  g_autoptr(DeskRecord) edited = desk_record_copy (a1);
  g_autoptr(DeskRecord) now = NULL;

  g_assert_false (desk_history_can_undo (history));
  desk_record_set_string (edited, "title_en", "Second national dialogue");
  g_assert_true (desk_history_update (history, edited, &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_can_undo (history));
  g_assert_nonnull (strstr (desk_history_get_undo_label (history), "Second national dialogue"));

  g_assert_true (desk_history_undo (history, &error));
  now = desk_store_get (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1), NULL);
  g_assert_cmpstr (desk_record_get_string (now, "title_en"), ==, desk_record_get_string (a1, "title_en"));
  g_clear_object (&now);

  g_assert_true (desk_history_can_redo (history));
  g_assert_true (desk_history_redo (history, &error));
  now = desk_store_get (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1), NULL);
  g_assert_cmpstr (desk_record_get_string (now, "title_en"), ==, "Second national dialogue");

  /* A refused write leaves no step to undo. */
  desk_record_set_string (edited, "planned_end", "2000-01-01");
  g_assert_false (desk_history_update (history, edited, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (desk_history_get_undo_label (history), "Second national dialogue"));
}

static gint64
count_tombstones (DeskStore  *store,
                  const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tombstones WHERE uuid = '%s'", uuid);

  return test_sqlite_int (_desk_store_get_db (store), sql);
}

static void
test_history_delete_cascade (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(DeskRecord) a5 = find_activity (f, f->workplan, "A5");
  g_autoptr(GPtrArray) deliverables = desk_store_list_by (f->store, DESK_KIND_DELIVERABLE, "activity_uuid",
                                                          desk_record_get_uuid (a5), NULL);
  g_autoptr(GPtrArray) workshops = desk_store_list_by (f->store, DESK_KIND_WORKSHOP, "activity_uuid",
                                                       desk_record_get_uuid (a5), NULL);
  g_autoptr(DeskRecord) back = NULL;
  gint64 rows;
  gint64 attendance = desk_store_count (f->store, DESK_KIND_ATTENDANCE, f->group);

  /* Approved, the plan's budget lines would go only with a reason (desk-locks.h). */
  test_reopen_workplan (f->store, f->workplan);
  rows = test_count_all_rows (f->store);
  g_assert_cmpuint (deliverables->len, >, 0);
  g_assert_cmpuint (workshops->len, ==, 1);

  /* Deleting the activity takes its deliverables, workshop and attendance with it. */
  g_assert_true (desk_history_delete (history, DESK_KIND_ACTIVITY, desk_record_get_uuid (a5), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_all_rows (f->store), <, rows);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ATTENDANCE, f->group), <, attendance);
  g_assert_cmpint (count_tombstones (f->store, desk_record_get_uuid (a5)), ==, 1);

  /* Undo brings back every one of them, with the same UUIDs, and no tombstone. */
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_all_rows (f->store), ==, rows);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ATTENDANCE, f->group), ==, attendance);
  back = desk_store_get (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a5), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (desk_record_get_set (back, "themes"), desk_record_get_set (a5, "themes")));
  for (guint i = 0; i < deliverables->len; i++)
    {
      g_autoptr(DeskRecord) d = desk_store_get (f->store, DESK_KIND_DELIVERABLE,
                                                desk_record_get_uuid (g_ptr_array_index (deliverables, i)), &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_tombstones (f->store, desk_record_get_uuid (a5)), ==, 0);

  /* Redo deletes them again. */
  g_assert_true (desk_history_redo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_all_rows (f->store), <, rows);
}

static void
test_history_delete_references (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(DeskRecord) a1 = find_activity (f, f->workplan, "A1");
  const char *lead = desk_record_get_string (a1, "lead_member_uuid");
  const char *supporter = desk_record_get_set (a1, "supporting_members")[0];
  g_autoptr(DeskRecord) after = NULL;
  g_autoptr(DeskRecord) back = NULL;
  g_autofree char *supporter_copy = g_strdup (supporter);

  g_assert_nonnull (lead);
  g_assert_nonnull (supporter);

  /* Deleting a supporting member removes it from the activity, which stays. */
  g_assert_true (desk_history_delete (history, DESK_KIND_MEMBER, supporter_copy, &error));
  g_assert_no_error (error);
  after = desk_store_get (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1), &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains (desk_record_get_set (after, "supporting_members"), supporter_copy));

  /* Undo puts the member back, and back on the activity. */
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  back = desk_store_get (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1), &error);
  g_assert_true (g_strv_equal (desk_record_get_set (back, "supporting_members"),
                               desk_record_get_set (a1, "supporting_members")));

  /* A group is not deleted from the history. */
  g_assert_false (desk_history_delete (history, DESK_KIND_GROUP, f->group, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_history_insert (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(DeskRecord) a = desk_record_new (DESK_KIND_ACTIVITY);
  gint64 before = desk_store_count (f->store, DESK_KIND_ACTIVITY, f->group);

  desk_record_set_string (a, "workplan_uuid", f->workplan);
  desk_record_set_string (a, "title_zh", "新的外联活动");
  desk_record_set_string (a, "kind", "outreach");
  desk_record_set_string (a, "status", "planned");
  g_assert_true (desk_history_insert (history, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ACTIVITY, f->group), ==, before + 1);

  g_assert_true (desk_history_undo (history, &error));
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ACTIVITY, f->group), ==, before);
  g_assert_false (desk_history_can_undo (history));
  g_assert_false (desk_history_undo (history, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

static void
test_record_model (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecordModel) model = desk_record_model_new (f->store, DESK_KIND_DELIVERABLE, f->group);
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) edited = NULL;
  g_autoptr(DeskRecord) seen = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint position = 0;

  g_assert_cmpint (n, ==, desk_store_count (f->store, DESK_KIND_DELIVERABLE, f->group));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);

  edited = desk_record_copy (first);
  desk_record_set_string (edited, "title_en", "Renamed deliverable");
  g_assert_true (desk_store_update (f->store, edited, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_nonnull (desk_record_model_find (model, desk_record_get_uuid (first), &position));
  g_assert_cmpuint (position, ==, 0);
  seen = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (desk_record_get_string (seen, "title_en"), ==, "Renamed deliverable");

  g_assert_true (desk_store_delete (f->store, DESK_KIND_DELIVERABLE, desk_record_get_uuid (first), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n - 1);
  g_assert_null (desk_record_model_find (model, desk_record_get_uuid (first), NULL));

  desk_record_set_uuid (edited, NULL);
  g_assert_true (desk_store_insert (f->store, edited, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* A write rolled back is never seen by the model. */
  g_assert_true (desk_store_begin (f->store, &error));
  g_assert_true (desk_store_delete (f->store, DESK_KIND_DELIVERABLE, desk_record_get_uuid (edited), &error));
  desk_store_rollback (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
}

static void
test_count_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) a1 = find_activity (f, f->workplan, "A1");
  g_autoptr(DeskRecord) a2 = find_activity (f, f->workplan, "A2");
  g_autoptr(GPtrArray) deliverables = desk_store_list_by (f->store, DESK_KIND_DELIVERABLE, "activity_uuid",
                                                          desk_record_get_uuid (a2), NULL);
  gint64 changed = -1, deleted = -1;

  /* Nothing after the sample was written. */
  g_assert_true (desk_store_count_changes (f->store, f->group, TEST_NOW, &changed, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 0);
  g_assert_cmpint (deleted, ==, 0);

  /* A day later: one activity edited, another deleted with its deliverables. */
  test_set_now (f->store, "2026-11-26T10:00:00Z");
  desk_record_set_string (a1, "notes", "Report shared with the ministry.");
  g_assert_true (desk_store_update (f->store, a1, &error));
  /* Its budget lines belong to the approved plan: they go with a reason (desk-locks.h). */
  g_assert_true (desk_store_delete_with_reason (f->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (a2),
                                                "Merged into A1", &error));
  g_assert_no_error (error);

  g_assert_true (desk_store_count_changes (f->store, f->group, TEST_NOW, &changed, &deleted, &error));
  g_assert_cmpint (changed, ==, 1);
  /* The activity, its deliverables, indicators and workshop (and that one's attendance). */
  g_assert_cmpint (deleted, >=, 1 + (gint64) deliverables->len);
  g_assert_cmpint (deleted, ==, test_sqlite_int (_desk_store_get_db (f->store),
                                                 "SELECT count(*) FROM tombstones WHERE deleted > '2026-11-25T10:00:00Z'"));

  /* Since the later time, nothing. */
  g_assert_true (desk_store_count_changes (f->store, f->group, "2026-11-26T10:00:00Z", &changed, &deleted, &error));
  g_assert_cmpint (changed, ==, 0);
  g_assert_cmpint (deleted, ==, 0);
}

static void
test_search_key (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskRecord) a = desk_record_new (DESK_KIND_ACTIVITY);
  g_autofree char *query = desk_text_fold_search ("TARKWA");
  g_autofree char *wide = desk_text_fold_search ("ＰＲＥＳＴＥＡ");
  g_autofree char *chinese = desk_text_fold_search ("外联");

  desk_record_set_string (a, "title_en", "Community outreach in Tarkwa and Prestea");
  desk_record_set_string (a, "title_zh", "塔克瓦和普雷斯特亚社区外联");
  desk_record_set_string (a, "workplan_uuid", "not-searched-0000");
  g_assert_nonnull (strstr (desk_record_get_search_key (a), query));
  g_assert_nonnull (strstr (desk_record_get_search_key (a), wide));
  g_assert_nonnull (strstr (desk_record_get_search_key (a), chinese));
  g_assert_null (strstr (desk_record_get_search_key (a), "not-searched"));

  /* The key follows the record's changes. */
  desk_record_set_string (a, "title_en", "Police training");
  g_assert_null (strstr (desk_record_get_search_key (a), "community outreach"));
  g_assert_nonnull (strstr (desk_record_get_search_key (a), "police"));

  /* A query is folded as the key's fields are: spaces count once, and not at the ends,
   * so what the list shows is what a strstr over the keys finds. */
  {
    g_autofree char *spaced = desk_text_fold_search ("  POLICE \t  Training ");
    g_autofree char *trailing = desk_text_fold_search ("training ");
    g_autofree char *across = NULL;

    g_assert_cmpstr (spaced, ==, "police training");
    g_assert_cmpstr (trailing, ==, "training");
    desk_record_set_string (a, "title_en", "Police\n  training");
    g_assert_nonnull (strstr (desk_record_get_search_key (a), spaced));
    /* Never across two fields: the end of one title and the start of the other. */
    desk_record_set_string (a, "title_zh", "Workshop");
    across = desk_text_fold_search ("training workshop");
    g_assert_null (strstr (desk_record_get_search_key (a), across));
  }
}

/* The latest plan not closed, else the latest: what Workplan and Budget show first. */
static void
test_pick_current (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecordModel) model = desk_record_model_new (f->store, DESK_KIND_WORKPLAN, f->group);
  g_autofree char *next = NULL;
  g_autofree char *next_uuid = NULL;

  g_assert_cmpstr (desk_workplan_pick_current (G_LIST_MODEL (model)), ==, f->workplan);

  /* The annual review closes the old plan and opens a draft: the draft is picked. */
  next = desk_workplan_start_next (f->store, f->workplan, &error);
  g_assert_no_error (error);
  g_assert_true (desk_record_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpstr (desk_workplan_pick_current (G_LIST_MODEL (model)), ==, next);

  /* A later plan closed as well: the latest open one still wins over it... */
  next_uuid = g_strdup (next);
  g_assert_true (desk_workplan_set_status (f->store, next_uuid, "approved", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (desk_workplan_pick_current (G_LIST_MODEL (model)), ==, next_uuid);

  /* ...and when every plan is closed, the latest is shown. */
  g_assert_true (desk_workplan_set_status (f->store, next_uuid, "closed", &error));
  g_assert_no_error (error);
  g_assert_true (desk_record_model_reload (model, &error));
  g_assert_cmpstr (desk_workplan_pick_current (G_LIST_MODEL (model)), ==, next_uuid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/workplan/overdue", test_overdue);
  ADD ("/core/workplan/pillars", test_pillars);
  ADD ("/core/workplan/status", test_status);
  ADD ("/core/workplan/start-next", test_start_next);
  ADD ("/core/workplan/start-next-atomic", test_start_next_is_atomic);
  ADD ("/core/workplan/history/update", test_history_update);
  ADD ("/core/workplan/history/delete-cascade", test_history_delete_cascade);
  ADD ("/core/workplan/history/delete-references", test_history_delete_references);
  ADD ("/core/workplan/history/insert", test_history_insert);
  ADD ("/core/workplan/record-model", test_record_model);
  ADD ("/core/workplan/search-key", test_search_key);
  ADD ("/core/workplan/count-changes", test_count_changes);
  ADD ("/core/workplan/pick-current", test_pick_current);
#undef ADD

  return g_test_run ();
}
