/* test-history.c — the undo history: groups of writes as one step, writes made by core
 * functions noted in a group, and a deletion given back with everything it took
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  DeskStore *store;
  DeskHistory *history;
  char *group;
  char *workplan;
  guint changed;  /* emissions of the history's ::changed */
} Fixture;

static void
history_changed_cb (DeskHistory *history,
                    Fixture     *f)
{
  f->changed++;
}

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
  f->history = desk_history_new (f->store);
  g_signal_connect (f->history, "changed", G_CALLBACK (history_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_false (desk_history_in_group (f->history));
  g_assert_finalize_object (f->history);
  g_clear_object (&f->store);
  g_free (f->group);
  g_free (f->workplan);
}

/* Helpers */

/* No transaction left open: whatever was written is committed or rolled back. */
static void
assert_no_transaction (Fixture *f)
{
  g_assert_cmpint (sqlite3_get_autocommit (_desk_store_get_db (f->store)), !=, 0);
}

static DeskRecord *
find_activity (Fixture    *f,
               const char *code)
{
  g_autoptr(GPtrArray) activities = desk_store_list_by (f->store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                        f->workplan, NULL);

  for (guint i = 0; i < activities->len; i++)
    if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (activities, i), "code"), code) == 0)
      return g_object_ref (g_ptr_array_index (activities, i));

  g_assert_not_reached ();
}

static DeskRecord *
get (Fixture        *f,
     const DeskKind *kind,
     const char     *uuid)
{
  return desk_store_get (f->store, kind, uuid, NULL);
}

static DeskRecord *
new_deliverable (Fixture    *f,
                 const char *activity,
                 const char *title)
{
  DeskRecord *d = desk_record_new (DESK_KIND_DELIVERABLE);

  desk_record_set_string (d, "activity_uuid", activity);
  desk_record_set_string (d, "title_en", title);
  desk_record_set_string (d, "status", "planned");

  return d;
}

static DeskRecord *
new_member (Fixture    *f,
            const char *name)
{
  DeskRecord *m = desk_record_new (DESK_KIND_MEMBER);

  desk_record_set_group (m, f->group);
  desk_record_set_string (m, "name_en", name);
  desk_record_set_string (m, "pillar", "civil_society");
  desk_record_set_string (m, "status", "full");

  return m;
}

/* Changes the title of @record as it is now in the store. */
static void
set_title (Fixture    *f,
           DeskRecord *record,
           const char *title)
{
  g_autoptr(DeskRecord) copy = desk_store_get (f->store, desk_record_get_kind (record),
                                               desk_record_get_uuid (record), NULL);
  g_autoptr(GError) error = NULL;

  desk_record_set_string (copy, "title_en", title);
  g_assert_true (desk_history_update (f->history, copy, &error));
  g_assert_no_error (error);
}

static void
add (Fixture    *f,
     DeskRecord *record)
{
  g_autoptr(GError) error = NULL;

  desk_history_insert (f->history, record, &error);
  g_assert_no_error (error);
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_history_undo (f->history, &error));
  g_assert_no_error (error);
  assert_no_transaction (f);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_history_redo (f->history, &error));
  g_assert_no_error (error);
  assert_no_transaction (f);
}

static void
begin (Fixture    *f,
       const char *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_history_begin_group (f->history, label, &error));
  g_assert_no_error (error);
}

static void
end (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_history_end_group (f->history, &error));
  g_assert_no_error (error);
}

/* Every record of every kind, by UUID: what "as it was" means. */
static GHashTable *
snapshot (Fixture *f)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  const DeskKind *const *kinds = desk_kind_all ();

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = desk_store_list (f->store, kinds[k], NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        {
          DeskRecord *r = g_ptr_array_index (records, i);

          g_hash_table_insert (all, g_strdup (desk_record_get_uuid (r)), g_object_ref (r));
        }
    }

  return all;
}

/* The database holds exactly the records of @expected, field by field (the updated time
 * aside: a record given back is written again). */
static void
assert_snapshot (Fixture    *f,
                 GHashTable *expected)
{
  g_autoptr(GHashTable) now = snapshot (f);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DeskRecord *there = g_hash_table_lookup (now, key);

      if (there == NULL)
        g_error ("%s %s is missing", desk_record_get_kind (value)->name, (const char *) key);
      if (!desk_record_equal (value, there))
        g_error ("%s %s differs", desk_record_get_kind (value)->name, (const char *) key);
    }
}

/* Tests */

static void
test_group_one_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) a2 = find_activity (f, "A2");
  g_autoptr(DeskRecord) d1 = new_deliverable (f, desk_record_get_uuid (a1), "Dialogue report");
  g_autoptr(DeskRecord) d2 = new_deliverable (f, desk_record_get_uuid (a2), "Training manual");
  g_autoptr(DeskRecord) r = NULL;

  begin (f, "Planned the dialogue");
  g_assert_true (desk_history_in_group (f->history));
  add (f, d1);
  set_title (f, a1, "Second national dialogue");
  add (f, d2);
  /* Nothing to undo until the group ends; then one step with the group's label. */
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_cmpuint (f->changed, ==, 0);
  end (f);
  assert_no_transaction (f);
  g_assert_false (desk_history_in_group (f->history));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_true (desk_history_can_undo (f->history));
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, "Planned the dialogue");
  after = snapshot (f);

  /* One undo takes back the three writes. */
  undo (f);
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_true (desk_history_can_redo (f->history));
  assert_snapshot (f, before);

  /* One redo makes them again, with the same UUIDs. */
  redo (f);
  g_assert_false (desk_history_can_redo (f->history));
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, "Planned the dialogue");
  assert_snapshot (f, after);
  r = get (f, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1));
  g_assert_cmpstr (desk_record_get_string (r, "title_en"), ==, "Second national dialogue");

  undo (f);
  assert_snapshot (f, before);
}

/* The same record written several times, and a record that comes to refer to one added
 * later in the group: undo goes back write by write, newest first; redo oldest first. */
static void
test_group_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) d = new_deliverable (f, desk_record_get_uuid (a1), "Draft");
  g_autoptr(DeskRecord) m = new_member (f, "Prestea Youth Network");
  g_autoptr(DeskRecord) lead = NULL;
  g_autoptr(DeskRecord) r = NULL;
  g_autoptr(GError) error = NULL;

  begin (f, NULL);
  add (f, d);
  set_title (f, d, "Second draft");
  set_title (f, d, "Final");
  add (f, m);
  lead = desk_record_copy (a1);
  desk_record_set_string (lead, "lead_member_uuid", desk_record_get_uuid (m));
  g_assert_true (desk_history_update (f->history, lead, &error));
  g_assert_no_error (error);
  set_title (f, a1, "Dialogue led by the youth");
  end (f);
  /* Without a label of its own, the group takes its first write's. */
  g_assert_nonnull (strstr (desk_history_get_undo_label (f->history), "Draft"));
  after = snapshot (f);

  undo (f);
  assert_snapshot (f, before);
  redo (f);
  assert_snapshot (f, after);
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (d));
  g_assert_cmpstr (desk_record_get_string (r, "title_en"), ==, "Final");
  g_clear_object (&r);
  r = get (f, DESK_KIND_ACTIVITY, desk_record_get_uuid (a1));
  g_assert_cmpstr (desk_record_get_string (r, "lead_member_uuid"), ==, desk_record_get_uuid (m));
}

static void
test_group_nested (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) x = new_deliverable (f, desk_record_get_uuid (a1), "Outer one");
  g_autoptr(DeskRecord) y = new_deliverable (f, desk_record_get_uuid (a1), "Inner");
  g_autoptr(DeskRecord) z = new_deliverable (f, desk_record_get_uuid (a1), "Outer two");
  g_autoptr(DeskRecord) dropped = new_deliverable (f, desk_record_get_uuid (a1), "Cancelled");
  g_autoptr(DeskRecord) r = NULL;

  begin (f, "Outer");
  add (f, x);
  begin (f, "Inner");
  add (f, y);
  end (f);
  /* The inner end makes no step: only the outermost does. */
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_true (desk_history_in_group (f->history));
  begin (f, "Cancelled");
  add (f, dropped);
  desk_history_cancel_group (f->history);
  /* A cancelled inner group takes back its own writes only. */
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (dropped));
  g_assert_null (r);
  g_assert_true (desk_history_in_group (f->history));
  add (f, z);
  end (f);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, "Outer");

  undo (f);
  assert_snapshot (f, before);
  g_assert_false (desk_history_can_undo (f->history));

  redo (f);
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (x));
  g_assert_nonnull (r);
  g_clear_object (&r);
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (y));
  g_assert_nonnull (r);
  g_clear_object (&r);
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (z));
  g_assert_nonnull (r);
  g_clear_object (&r);
  r = get (f, DESK_KIND_DELIVERABLE, desk_record_get_uuid (dropped));
  g_assert_null (r);
}

static void
test_group_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");

  begin (f, "Nothing");
  end (f);
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_cmpuint (f->changed, ==, 0);
  assert_no_transaction (f);

  /* Nested and empty, or emptied by a cancel: still no step, and what there was to redo
   * is kept. */
  set_title (f, a1, "Renamed");
  undo (f);
  g_assert_true (desk_history_can_redo (f->history));
  f->changed = 0;
  begin (f, "Outer");
  begin (f, "Inner");
  end (f);
  begin (f, "Dropped");
  set_title (f, a1, "Dropped title");
  desk_history_cancel_group (f->history);
  end (f);
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_true (desk_history_can_redo (f->history));
  g_assert_cmpuint (f->changed, ==, 0);
  assert_no_transaction (f);
}

static void
test_group_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) d = new_deliverable (f, desk_record_get_uuid (a1), "Never kept");
  g_autoptr(DeskRecord) bad = new_deliverable (f, desk_record_get_uuid (a1), "Bad");
  g_autoptr(GError) error = NULL;

  begin (f, "Cancelled");
  add (f, d);
  set_title (f, a1, "Renamed in vain");
  /* A refused write inside a group: the group is still open, for the caller to cancel. */
  desk_record_set_string (bad, "due_date", "not a date");
  g_assert_false (desk_history_insert (f->history, bad, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_true (desk_history_in_group (f->history));
  desk_history_cancel_group (f->history);

  g_assert_false (desk_history_in_group (f->history));
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_cmpuint (f->changed, ==, 0);
  assert_no_transaction (f);
  assert_snapshot (f, before);
}

/* Steps another history made (a worker's) are adopted oldest first, each one step of its
 * own even while a group is open here, so cancelling that group does not forget them;
 * undone newest first, they leave everything as it was. */
static void
test_adopt (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(DeskHistory) other = desk_history_new (f->store);
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) first = new_deliverable (f, desk_record_get_uuid (a1), "Written first");
  g_autoptr(DeskRecord) second = new_deliverable (f, desk_record_get_uuid (a1), "Written second");
  g_autoptr(GError) error = NULL;
  g_autofree char *second_label = NULL;

  g_assert_true (desk_history_insert (other, first, &error));
  g_assert_true (desk_history_insert (other, second, &error));
  g_assert_no_error (error);
  second_label = g_strdup (desk_history_get_undo_label (other));

  begin (f, "Open meanwhile");
  desk_history_adopt (f->history, other);
  desk_history_cancel_group (f->history);

  g_assert_false (desk_history_can_undo (other));
  g_assert_true (desk_history_can_undo (f->history));
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, second_label);
  g_assert_cmpuint (f->changed, >, 0);

  undo (f);
  g_assert_false (_desk_store_record_exists (f->store, DESK_KIND_DELIVERABLE, desk_record_get_uuid (second), NULL));
  g_assert_true (_desk_store_record_exists (f->store, DESK_KIND_DELIVERABLE, desk_record_get_uuid (first), NULL));
  undo (f);
  g_assert_false (desk_history_can_undo (f->history));
  assert_snapshot (f, before);
}

/* A write of the group that cannot be reverted any more (its activity's lead member was
 * deleted outside the history): undo fails as a whole, with the reason, and the writes
 * reverted before it in the same undo are back. Redo fails the same way. */
static void
test_group_all_or_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DeskRecord) a1 = find_activity (f, "A1");
  g_autoptr(DeskRecord) a2 = find_activity (f, "A2");
  g_autoptr(DeskRecord) other = new_member (f, "Obuasi Traders");
  g_autoptr(DeskRecord) lead = desk_record_copy (a1);
  g_autoptr(DeskRecord) d = new_deliverable (f, desk_record_get_uuid (a2), "Kept");
  g_autoptr(DeskRecord) e = NULL;
  g_autoptr(DeskRecord) p = NULL;
  g_autoptr(DeskRecord) w = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_lead = g_strdup (desk_record_get_string (a1, "lead_member_uuid"));
  g_autofree char *label = NULL;

  g_assert_nonnull (old_lead);
  g_assert_true (desk_store_insert (f->store, other, &error));
  g_assert_no_error (error);

  begin (f, "Changed the lead");
  desk_record_set_string (lead, "lead_member_uuid", desk_record_get_uuid (other));
  g_assert_true (desk_history_update (f->history, lead, &error));
  g_assert_no_error (error);
  add (f, d);
  end (f);
  label = g_strdup (desk_history_get_undo_label (f->history));

  /* Outside the history, the old lead goes. */
  g_assert_true (desk_store_delete (f->store, DESK_KIND_MEMBER, old_lead, &error));
  g_assert_no_error (error);
  after = snapshot (f);
  f->changed = 0;

  /* Undo deletes the deliverable first, then cannot give A1 its old lead back: the
   * deliverable is there again and A1 keeps its new lead. */
  g_assert_false (desk_history_undo (f->history, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "This change cannot be undone: "));
  g_clear_error (&error);
  assert_no_transaction (f);
  assert_snapshot (f, after);
  g_assert_true (desk_history_can_undo (f->history));
  g_assert_false (desk_history_can_redo (f->history));
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, label);
  g_assert_cmpuint (f->changed, ==, 0);

  /* Redo: a person and their entry on a workshop that is deleted before the redo. */
  w = test_add (f->store, DESK_KIND_WORKSHOP, NULL,
                "activity_uuid", desk_record_get_uuid (a2),
                "title_en", "Community forum",
                "start_date", "2026-03-10",
                "end_date", "2026-03-10",
                "format", "in_person",
                NULL);
  p = desk_record_new (DESK_KIND_PERSON);
  desk_record_set_group (p, f->group);
  desk_record_set_string (p, "name", "Yaw Darkwah");
  desk_record_set_string (p, "gender", "man");
  e = desk_record_new (DESK_KIND_ATTENDANCE);
  desk_record_set_string (e, "workshop_uuid", desk_record_get_uuid (w));
  desk_record_set_string (e, "role", "participant");
  desk_record_set_string (e, "status", "attended");
  desk_history_clear (f->history);
  begin (f, "Checked in");
  add (f, p);
  desk_record_set_string (e, "person_uuid", desk_record_get_uuid (p));
  add (f, e);
  end (f);
  undo (f);
  g_assert_true (desk_store_delete (f->store, DESK_KIND_WORKSHOP, desk_record_get_uuid (w), &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_hash_table_unref);
  after = snapshot (f);

  /* The person is added again first, then the entry cannot be: neither is there. */
  g_assert_false (desk_history_redo (f->history, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "This change cannot be redone: "));
  assert_no_transaction (f);
  assert_snapshot (f, after);
  g_assert_true (desk_history_can_redo (f->history));
}

/* Writes made by core functions, noted in a group: next year's plan is one step. */
static void
test_note_start_next (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) before = snapshot (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(DeskRecord) old = get (f, DESK_KIND_WORKPLAN, f->workplan);
  g_autoptr(DeskRecord) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gint64 activities = desk_store_count (f->store, DESK_KIND_ACTIVITY, f->group);

  g_assert_cmpstr (desk_record_get_string (old, "status"), !=, "closed");

  begin (f, "Started next year’s plan");
  next = desk_workplan_start_next (f->store, f->workplan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_true (desk_history_note_insert (f->history, DESK_KIND_WORKPLAN, next, &error));
  g_assert_no_error (error);
  g_assert_true (desk_history_note_update (f->history, old, &error));
  g_assert_no_error (error);
  end (f);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_ACTIVITY, f->group), >, activities);
  after = snapshot (f);

  /* One undo: the new plan and everything carried into it go, the old one is reopened. */
  undo (f);
  assert_snapshot (f, before);
  g_assert_null (get (f, DESK_KIND_WORKPLAN, next));

  /* One redo: all of it back, under the same UUIDs, the old plan closed again. */
  redo (f);
  assert_snapshot (f, after);
  r = get (f, DESK_KIND_WORKPLAN, f->workplan);
  g_assert_cmpstr (desk_record_get_string (r, "status"), ==, "closed");

  /* A record noted as changed that did not change is no write. */
  desk_history_clear (f->history);
  begin (f, "Nothing really");
  g_assert_true (desk_history_note_update (f->history, r, &error));
  g_assert_no_error (error);
  end (f);
  g_assert_false (desk_history_can_undo (f->history));

  /* Noting a record that is not there is an error, and the group can be cancelled. */
  begin (f, "Missing");
  g_assert_false (desk_history_note_insert (f->history, DESK_KIND_WORKPLAN,
                                            "00000000-0000-0000-0000-000000000000", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  desk_history_cancel_group (f->history);
}

/* A sign-in sheet through the history: one step, whatever it added or marked. */
static void
test_signin_one_step (Fixture       *f,
                      gconstpointer  data)
{
  static const char sheet[] =
    "Name,Organisation,Gender,Role\n"
    "Esinam Agbodeka,Obuasi Traders,Woman,Speaker\n"
    "Mawuli Tsatsu,,Man,\n"
    "Adwoa Sarpong,WACAM,Woman,Participant\n";
  g_autoptr(DeskRecord) a2 = find_activity (f, "A2");
  g_autoptr(DeskRecord) w = NULL;
  g_autoptr(DeskRecord) mawuli = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) absent = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (sheet, sizeof sheet - 1);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninResult result = { 0 };

  w = test_add (f->store, DESK_KIND_WORKSHOP, NULL,
                "activity_uuid", desk_record_get_uuid (a2),
                "title_en", "Community forum",
                "start_date", "2026-03-10",
                "end_date", "2026-03-10",
                "format", "in_person",
                NULL);
  /* Mawuli is known and on the list as absent: the sheet marks him attended. */
  mawuli = test_add (f->store, DESK_KIND_PERSON, f->group, "name", "Mawuli Tsatsu", "gender", "man", NULL);
  entry = test_add (f->store, DESK_KIND_ATTENDANCE, NULL,
                    "workshop_uuid", desk_record_get_uuid (w),
                    "person_uuid", desk_record_get_uuid (mawuli),
                    "role", "participant",
                    "status", "absent",
                    NULL);
  before = snapshot (f);

  plan = desk_signin_plan_new (f->store, desk_record_get_uuid (w), bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_signin_apply_with_history (f->history, plan, desk_record_get_uuid (w), &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 2);
  g_assert_cmpuint (result.attendance_added, ==, 2);
  g_assert_cmpuint (result.attendance_marked, ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (desk_history_get_undo_label (f->history), ==, "Imported a sign-in sheet");
  after = snapshot (f);

  undo (f);
  g_assert_false (desk_history_can_undo (f->history));
  assert_snapshot (f, before);
  absent = get (f, DESK_KIND_ATTENDANCE, desk_record_get_uuid (entry));
  g_assert_cmpstr (desk_record_get_string (absent, "status"), ==, "absent");

  redo (f);
  assert_snapshot (f, after);

  /* A sheet that fails half-way writes nothing and leaves no step. */
  undo (f);
  desk_history_clear (f->history);
  g_assert_true (desk_store_delete (f->store, DESK_KIND_WORKSHOP, desk_record_get_uuid (w), &error));
  g_clear_pointer (&before, g_hash_table_unref);
  before = snapshot (f);
  g_assert_false (desk_signin_apply_with_history (f->history, plan, desk_record_get_uuid (w), &result, &error));
  g_assert_nonnull (error);
  g_assert_false (desk_history_can_undo (f->history));
  g_assert_false (desk_history_in_group (f->history));
  assert_no_transaction (f);
  assert_snapshot (f, before);
}

/* Deleting the workplan takes nearly the whole demo with it (activities, deliverables,
 * indicators and their values, budget lines, expenses, workshops and attendance) and
 * clears references to it: one undo gives back every record exactly, one redo takes them
 * again. */
static void
test_delete_with_children (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  const DeskKind *children[] = {
    DESK_KIND_ACTIVITY, DESK_KIND_DELIVERABLE, DESK_KIND_INDICATOR, DESK_KIND_INDICATOR_VALUE,
    DESK_KIND_BUDGET_LINE, DESK_KIND_EXPENSE, DESK_KIND_WORKSHOP, DESK_KIND_ATTENDANCE,
  };

  /* Approved, it could only go with a reason (desk-locks.h). */
  test_reopen_workplan (f->store, f->workplan);
  before = snapshot (f);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_assert_cmpint (desk_store_count (f->store, children[i], f->group), >, 0);

  g_assert_true (desk_history_delete (f->history, DESK_KIND_WORKPLAN, f->workplan, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_assert_cmpint (desk_store_count (f->store, children[i], f->group), ==, 0);
  g_assert_cmpuint (f->changed, ==, 1);
  after = snapshot (f);

  undo (f);
  assert_snapshot (f, before);
  g_assert_false (desk_history_can_undo (f->history));

  redo (f);
  assert_snapshot (f, after);
  undo (f);
  assert_snapshot (f, before);

  /* Inside a group, with another write, it is still one step. */
  {
    g_autoptr(DeskRecord) m = new_member (f, "Tarkwa Miners Union");

    begin (f, "Cleared the year");
    add (f, m);
    g_assert_true (desk_history_delete (f->history, DESK_KIND_WORKPLAN, f->workplan, &error));
    g_assert_no_error (error);
    end (f);
    undo (f);
    assert_snapshot (f, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("group-one-step", test_group_one_step);
  ADD ("group-order", test_group_order);
  ADD ("group-nested", test_group_nested);
  ADD ("group-empty", test_group_empty);
  ADD ("group-cancel", test_group_cancel);
  ADD ("group-all-or-nothing", test_group_all_or_nothing);
  ADD ("note-start-next", test_note_start_next);
  ADD ("signin-one-step", test_signin_one_step);
  ADD ("delete-with-children", test_delete_with_children);
  ADD ("adopt", test_adopt);

#undef ADD

  return g_test_run ();
}
