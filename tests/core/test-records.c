/* test-records.c — writing and reading records of every kind, tombstones, transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static char *
tombstone_of (DeskStore  *store,
              const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT kind || '|' || group_uuid || '|' || deleted "
                                          "FROM tombstones WHERE uuid = '%s'", uuid);

  return test_sqlite_query (_desk_store_get_db (store), sql);
}

static gboolean
exists (DeskStore      *store,
        const DeskKind *kind,
        const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, NULL);

  return record != NULL;
}

static gboolean
list_contains (GPtrArray  *records,
               const char *uuid)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (desk_record_get_uuid (g_ptr_array_index (records, i)), uuid) == 0)
      return TRUE;

  return FALSE;
}

/* Every kind has a recipe: a kind added without one fails here, not silently later. */
static void
test_every_kind_has_recipe (void)
{
  const DeskKind *const *kinds = desk_kind_all ();
  guint n = 0;

  for (guint i = 0; kinds[i] != NULL; i++, n++)
    if (test_recipe (kinds[i]) == NULL)
      g_error ("no recipe for %s in test-common.h", kinds[i]->name);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (test_recipes));
}

static void
test_insert_get (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      DeskRecord *inserted = test_world_get (world, (*k)->name);
      g_autoptr(DeskRecord) got = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", (*k)->name);
      g_assert_true (g_uuid_string_is_valid (desk_record_get_uuid (inserted)));
      g_assert_cmpstr (desk_record_get_group (inserted), ==, world->group);
      g_assert_cmpstr (desk_record_get_updated (inserted), ==, TEST_NOW);
      g_assert_cmpint (test_count_rows (store, *k), ==, 1);

      got = desk_store_get (store, *k, desk_record_get_uuid (inserted), &error);
      g_assert_no_error (error);
      test_assert_same_record (inserted, got);
      g_assert_cmpstr (desk_record_get_updated (got), ==, TEST_NOW);
    }
}

static void
test_update (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");

  test_set_now (store, "2026-12-01T08:30:00Z");

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      const TestRecipe *recipe = test_recipe (*k);
      g_autoptr(DeskRecord) record = NULL;
      g_autoptr(DeskRecord) got = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = NULL;

      g_test_message ("%s: %s = %s", (*k)->name, recipe->update_field, recipe->update_value);
      record = desk_store_get (store, *k, test_world_uuid (world, (*k)->name), &error);
      g_assert_no_error (error);
      uuid = g_strdup (desk_record_get_uuid (record));

      test_set_field (record, recipe->update_field, recipe->update_value);
      g_assert_true (desk_store_update (store, record, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (desk_record_get_uuid (record), ==, uuid);
      g_assert_cmpstr (desk_record_get_updated (record), ==, "2026-12-01T08:30:00Z");

      got = desk_store_get (store, *k, uuid, &error);
      g_assert_no_error (error);
      test_assert_same_record (record, got);
      g_assert_cmpstr (desk_record_get_updated (got), ==, "2026-12-01T08:30:00Z");
      g_assert_cmpint (test_count_rows (store, *k), ==, 1);
    }
}

static void
test_delete_tombstone (void)
{
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      g_autoptr(DeskStore) store = test_open_memory (NULL);
      g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskRecord) gone = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autofree char *tombstone = NULL;
      g_autofree char *expected = NULL;
      const char *uuid = test_world_uuid (world, (*k)->name);

      g_test_message ("%s", (*k)->name);
      test_set_now (store, "2026-12-02T12:00:00Z");
      g_assert_true (desk_store_delete (store, *k, uuid, &error));
      g_assert_no_error (error);

      gone = desk_store_get (store, *k, uuid, &error);
      g_assert_null (gone);
      g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
      g_clear_error (&error);
      list = desk_store_list (store, *k, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (list_contains (list, uuid));
      g_assert_cmpint (test_count_rows (store, *k), ==, 0);

      tombstone = tombstone_of (store, uuid);
      expected = g_strdup_printf ("%s|%s|2026-12-02T12:00:00Z", (*k)->name, world->group);
      g_assert_cmpstr (tombstone, ==, expected);

      /* Deleting again finds nothing to delete. */
      g_assert_false (desk_store_delete (store, *k, uuid, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
    }
}

static void
test_list_and_count (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) a = test_world_new (store, "GH-A");
  g_autoptr(TestWorld) b = test_world_new (store, "GH-B");

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) all = desk_store_list (store, *k, NULL, &error);
      g_autoptr(GPtrArray) of_a = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 2);
      g_assert_true (list_contains (all, test_world_uuid (a, (*k)->name)));
      g_assert_true (list_contains (all, test_world_uuid (b, (*k)->name)));

      of_a = desk_store_list (store, *k, a->group, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (of_a->len, ==, 1);
      g_assert_true (list_contains (of_a, test_world_uuid (a, (*k)->name)));
      test_assert_same_record (test_world_get (a, (*k)->name), g_ptr_array_index (of_a, 0));

      g_assert_cmpint (desk_store_count (store, *k, NULL), ==, 2);
      g_assert_cmpint (desk_store_count (store, *k, b->group), ==, 1);
      g_assert_cmpint (desk_store_count (store, *k, "no-such-group"), ==, 0);
    }
}

static void
test_list_by (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) second = test_world_new_record (world, DESK_KIND_ACTIVITY);
  g_autoptr(DeskRecord) deliverable = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_insert (store, second, &error));
  deliverable = test_add (store, DESK_KIND_DELIVERABLE, NULL,
                          "activity_uuid", desk_record_get_uuid (second),
                          "title_en", "Second report", "status", "planned", NULL);

  found = desk_store_list_by (store, DESK_KIND_DELIVERABLE, "activity_uuid",
                              desk_record_get_uuid (second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (desk_record_get_uuid (g_ptr_array_index (found, 0)), ==,
                   desk_record_get_uuid (deliverable));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = desk_store_list_by (store, DESK_KIND_ACTIVITY, "status", "planned", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  /* Sets come with the records a list_by returns, too. */
  g_assert_cmpuint (g_strv_length ((char **) desk_record_get_set (g_ptr_array_index (found, 0),
                                                                  "themes")), ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = desk_store_list_by (store, DESK_KIND_ACTIVITY, "status", "done", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_uuid_kept (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) record = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = "0b0f8d2e-3c1a-4e55-9a57-6f1d2c3b4a59";

  /* A UUID given (an import) is kept as it is. */
  desk_record_set_uuid (record, uuid);
  g_assert_true (desk_store_insert (store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_uuid (record), ==, uuid);

  test_set_field (record, "name_en", "Renamed");
  g_assert_true (desk_store_update (store, record, &error));
  g_assert_cmpstr (desk_record_get_uuid (record), ==, uuid);
  got = desk_store_get (store, DESK_KIND_MEMBER, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (got, "name_en"), ==, "Renamed");

  /* A second record with the same UUID is refused, and changes nothing. */
  g_clear_object (&record);
  record = test_world_new_record (world, DESK_KIND_MEMBER);
  desk_record_set_uuid (record, uuid);
  g_assert_false (desk_store_insert (store, record, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 2);
  g_clear_object (&got);
  got = desk_store_get (store, DESK_KIND_MEMBER, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (got, "name_en"), ==, "Renamed");
}

static void
test_update_missing (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) record = test_world_new_record (world, DESK_KIND_WORKPLAN);
  g_autoptr(DeskRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  desk_record_set_uuid (record, uuid);
  g_assert_false (desk_store_update (store, record, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_WORKPLAN), ==, 1);
  g_clear_error (&error);

  got = desk_store_get (store, DESK_KIND_WORKPLAN, uuid, &error);
  g_assert_null (got);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, uuid));
}

/* Deleting a parent deletes its children through the foreign keys; each of them leaves
 * a tombstone with the time of the store's clock. */
static void
test_tombstone_cascade (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(GError) error = NULL;
  static const char *const gone[] = {
    "activity", "deliverable", "indicator", "indicator_value", "budget_line",
    "budget_revision", "expense", "workshop", "attendance",
  };
  static const char *const kept[] = {
    "group", "member", "workplan", "funding", "rate", "person", "nomination", "export",
  };

  test_set_now (store, "2026-12-03T07:00:00Z");
  g_assert_true (desk_store_delete (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"),
                                    &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *tombstone = tombstone_of (store, test_world_uuid (world, gone[i]));
      g_autofree char *expected = g_strdup_printf ("%s|%s|2026-12-03T07:00:00Z", gone[i],
                                                   world->group);

      g_assert_cmpstr (tombstone, ==, expected);
      g_assert_cmpint (test_count_rows (store, desk_kind_lookup (gone[i])), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *tombstone = tombstone_of (store, test_world_uuid (world, kept[i]));

      g_assert_null (tombstone);
      g_assert_cmpint (test_count_rows (store, desk_kind_lookup (kept[i])), ==, 1);
    }
  g_assert_cmpuint (G_N_ELEMENTS (gone) + G_N_ELEMENTS (kept), ==,
                    G_N_ELEMENTS (test_recipes));

  /* The nomination's budget line went with the activity: the reference is cleared. */
  {
    g_autoptr(DeskRecord) nomination =
      desk_store_get (store, DESK_KIND_NOMINATION, test_world_uuid (world, "nomination"), &error);

    g_assert_no_error (error);
    g_assert_null (desk_record_get_string (nomination, "budget_line_uuid"));
  }
}

/* A record that comes back (an undone delete, an import) takes its tombstone away. */
static void
test_tombstone_revive (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) copy = desk_record_copy (test_world_get (world, "deliverable"));
  g_autoptr(GError) error = NULL;
  g_autofree char *tombstone = NULL;
  const char *uuid = desk_record_get_uuid (copy);

  g_assert_true (desk_store_delete (store, DESK_KIND_DELIVERABLE, uuid, &error));
  tombstone = tombstone_of (store, uuid);
  g_assert_nonnull (tombstone);
  g_clear_pointer (&tombstone, g_free);

  g_assert_true (desk_store_insert (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_uuid (copy), ==, uuid);
  tombstone = tombstone_of (store, uuid);
  g_assert_null (tombstone);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_DELIVERABLE), ==, 1);
}

static void
assert_set (DeskRecord         *record,
            const char         *field,
            const char *const  *expected)
{
  const char *const *values = desk_record_get_set (record, field);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) values[i]);
  g_ptr_array_sort (sorted, test_compare_strings);
  g_ptr_array_add (sorted, NULL);
  g_assert_cmpstrv ((const char *const *) sorted->pdata, expected);
}

static void
test_sets_round_trip (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) member2 = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autoptr(DeskRecord) person = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *m1 = test_world_uuid (world, "member");
  g_autofree char *supporters = NULL;
  const char *expected_members[3] = { NULL, NULL, NULL };
  static const char *const themes1[] = { "risk_mitigation", "training", NULL };
  static const char *const themes2[] = { "gbv_prevention", "training", NULL };
  static const char *const none[] = { NULL };
  static const char *const vulnerable1[] = { "women_girls", "youth", NULL };
  static const char *const vulnerable2[] = { "indigenous", NULL };

  member2 = test_add (store, DESK_KIND_MEMBER, world->group, "name_en", "Second member",
                      "pillar", "company", "status", "full", NULL);
  supporters = g_strdup_printf ("%s,%s", m1, desk_record_get_uuid (member2));
  if (g_strcmp0 (m1, desk_record_get_uuid (member2)) < 0)
    {
      expected_members[0] = m1;
      expected_members[1] = desk_record_get_uuid (member2);
    }
  else
    {
      expected_members[0] = desk_record_get_uuid (member2);
      expected_members[1] = m1;
    }

  activity = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  g_assert_no_error (error);
  assert_set (activity, "themes", themes1);
  assert_set (activity, "supporting_members", (const char *const []) { m1, NULL });

  /* Replacing a set takes away what is no longer in it. */
  test_set_field (activity, "themes", "training,gbv_prevention");
  test_set_field (activity, "supporting_members", supporters);
  g_assert_true (desk_store_update (store, activity, &error));
  g_assert_no_error (error);
  g_clear_object (&activity);
  activity = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  assert_set (activity, "themes", themes2);
  assert_set (activity, "supporting_members", expected_members);

  /* Lists read the sets of every record too. */
  list = desk_store_list (store, DESK_KIND_ACTIVITY, world->group, &error);
  g_assert_no_error (error);
  assert_set (g_ptr_array_index (list, 0), "themes", themes2);
  assert_set (g_ptr_array_index (list, 0), "supporting_members", expected_members);

  test_set_field (activity, "themes", "");
  g_assert_true (desk_store_update (store, activity, &error));
  g_clear_object (&activity);
  activity = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  assert_set (activity, "themes", none);
  assert_set (activity, "supporting_members", expected_members);

  /* Deleting a supporting member takes it out of the set. */
  g_assert_true (desk_store_delete (store, DESK_KIND_MEMBER, desk_record_get_uuid (member2), &error));
  g_clear_object (&activity);
  activity = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  assert_set (activity, "supporting_members", (const char *const []) { m1, NULL });

  person = desk_store_get (store, DESK_KIND_PERSON, test_world_uuid (world, "person"), &error);
  g_assert_no_error (error);
  assert_set (person, "vulnerable_groups", vulnerable1);
  test_set_field (person, "vulnerable_groups", "indigenous");
  g_assert_true (desk_store_update (store, person, &error));
  g_clear_object (&person);
  person = desk_store_get (store, DESK_KIND_PERSON, test_world_uuid (world, "person"), &error);
  assert_set (person, "vulnerable_groups", vulnerable2);
}

static void
test_transaction_inner_rollback (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) outer = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) inner = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) after = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, outer, &error));

  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, inner, &error));
  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 3);
  desk_store_rollback (store);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 2);

  g_assert_true (desk_store_insert (store, after, &error));
  g_assert_true (desk_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 3);
  g_assert_true (exists (store, DESK_KIND_MEMBER, desk_record_get_uuid (outer)));
  g_assert_false (exists (store, DESK_KIND_MEMBER, desk_record_get_uuid (inner)));
  g_assert_true (exists (store, DESK_KIND_MEMBER, desk_record_get_uuid (after)));
}

static void
test_transaction_outer_rollback (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) outer = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) inner = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(GError) error = NULL;
  gint64 before = test_count_all_rows (store);

  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, outer, &error));
  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, inner, &error));
  g_assert_true (desk_store_delete (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"),
                                    &error));
  g_assert_true (desk_store_commit (store, &error));
  desk_store_rollback (store);
  g_assert_no_error (error);

  g_assert_cmpint (test_count_all_rows (store), ==, before);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 1);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_ACTIVITY), ==, 1);

  /* The store is usable again afterwards. */
  g_assert_true (desk_store_insert (store, inner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_rows (store, DESK_KIND_MEMBER), ==, 2);
}

/* A write fails half-way (SQLite refuses a row of a set after the record's own row went
 * in): the whole write is undone. */
static void
test_write_is_atomic (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) activity = test_world_new_record (world, DESK_KIND_ACTIVITY);
  g_autoptr(DeskRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _desk_store_get_db (store);
  gint64 before = test_count_all_rows (store);

  test_sqlite_exec (db, "CREATE TEMP TRIGGER refuse_themes BEFORE INSERT ON main.activity_themes "
                        "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");

  g_assert_false (desk_store_insert (store, activity, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_assert_cmpint (test_count_all_rows (store), ==, before);
  g_clear_error (&error);

  /* The same for an update: the title change does not stay without its themes. */
  stored = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  g_assert_no_error (error);
  test_set_field (stored, "title_en", "Changed title");
  g_assert_false (desk_store_update (store, stored, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&stored);
  stored = desk_store_get (store, DESK_KIND_ACTIVITY, test_world_uuid (world, "activity"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (stored, "title_en"), ==, "Dialogue");
  g_assert_cmpuint (g_strv_length ((char **) desk_record_get_set (stored, "themes")), ==, 2);

  test_sqlite_exec (db, "DROP TRIGGER temp.refuse_themes");
  g_assert_true (desk_store_insert (store, activity, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GPtrArray *seen;   /* "kind uuid" */
  DeskStore *store;
  gint64 rows_seen;  /* members visible to another reader when the signal came */
} ChangedLog;

static void
changed_cb (DeskStore  *store,
            const char *kind,
            const char *uuid,
            ChangedLog *log)
{
  g_ptr_array_add (log->seen, g_strdup_printf ("%s %s", kind, uuid));
  log->rows_seen = test_count_rows (store, DESK_KIND_MEMBER);
}

static void
test_changed_after_commit (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) a = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) b = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) c = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) d = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_a = NULL;
  g_autofree char *expected_c = NULL;
  ChangedLog log = { seen, store, 0 };
  gulong id;

  id = g_signal_connect (store, "changed::member", G_CALLBACK (changed_cb), &log);

  /* A single write announces itself once it is committed. */
  g_assert_true (desk_store_insert (store, a, &error));
  expected_a = g_strdup_printf ("member %s", desk_record_get_uuid (a));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, expected_a);
  g_assert_cmpint (log.rows_seen, ==, 2);
  g_ptr_array_set_size (seen, 0);

  /* Inside a transaction: nothing until the outer commit; a rolled-back savepoint's
   * writes are never announced. */
  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, b, &error));
  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, c, &error));
  g_assert_true (desk_store_commit (store, &error));
  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, d, &error));
  desk_store_rollback (store);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (desk_store_commit (store, &error));
  g_assert_no_error (error);
  expected_c = g_strdup_printf ("member %s", desk_record_get_uuid (c));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, expected_c);
  g_assert_cmpint (log.rows_seen, ==, 4);
  g_ptr_array_set_size (seen, 0);

  /* A rolled-back transaction announces nothing. */
  g_clear_object (&d);
  d = test_world_new_record (world, DESK_KIND_MEMBER);
  g_assert_true (desk_store_begin (store, &error));
  g_assert_true (desk_store_insert (store, d, &error));
  g_assert_true (desk_store_delete (store, DESK_KIND_MEMBER, desk_record_get_uuid (a), &error));
  desk_store_rollback (store);
  g_assert_cmpuint (seen->len, ==, 0);

  /* Other kinds do not reach a handler of "changed::member"; a failed write sends none. */
  test_set_field (d, "pillar", "no-such-pillar");
  g_assert_false (desk_store_insert (store, d, &error));
  g_clear_error (&error);
  g_assert_true (desk_store_delete (store, DESK_KIND_EXPORT, test_world_uuid (world, "export"),
                                    &error));
  g_assert_cmpuint (seen->len, ==, 0);

  g_assert_true (desk_store_delete (store, DESK_KIND_MEMBER, desk_record_get_uuid (b), &error));
  g_assert_cmpuint (seen->len, ==, 1);

  g_signal_handler_disconnect (store, id);
}

static void
test_main_group (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(DeskRecord) none = desk_store_dup_main_group (store);
  g_autoptr(TestWorld) world = NULL;
  g_autoptr(DeskRecord) main_group = NULL;

  g_assert_null (none);
  world = test_world_new (store, "GH-T");
  main_group = desk_store_dup_main_group (store);
  g_assert_nonnull (main_group);
  g_assert_cmpstr (desk_record_get_uuid (main_group), ==, world->group);
}

static void
test_narrative (void)
{
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_ACTIVITY);
  gboolean fell_back = TRUE;

  g_assert_cmpstr (desk_record_get_narrative (record, "title", "en", &fell_back), ==, "");
  g_assert_false (fell_back);

  desk_record_set_string (record, "title_zh", "对话");
  g_assert_cmpstr (desk_record_get_narrative (record, "title", "en", &fell_back), ==, "对话");
  g_assert_true (fell_back);
  g_assert_cmpstr (desk_record_get_narrative (record, "title", "zh_CN", &fell_back), ==, "对话");
  g_assert_false (fell_back);

  desk_record_set_string (record, "title_en", "Dialogue");
  g_assert_cmpstr (desk_record_get_narrative (record, "title", "en", &fell_back), ==, "Dialogue");
  g_assert_false (fell_back);
  g_assert_cmpstr (desk_record_get_narrative (record, "title", "zh", NULL), ==, "对话");

  desk_record_set_string (record, "title_zh", "");
  g_assert_cmpstr (desk_record_get_narrative (record, "title", "zh", &fell_back), ==, "Dialogue");
  g_assert_true (fell_back);
}

static void
record_changed_cb (DeskRecord *record,
                   const char *field,
                   guint      *count)
{
  (*count)++;
}

static void
test_record_values (void)
{
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_BUDGET_LINE);
  g_autoptr(DeskRecord) copy = NULL;
  guint changes = 0;

  g_signal_connect (record, "changed", G_CALLBACK (record_changed_cb), &changes);

  g_assert_false (desk_record_is_set (record, "quantity_milli"));
  g_assert_cmpint (desk_record_get_int (record, "quantity_milli"), ==, 0);
  g_assert_null (desk_record_get_string (record, "currency"));

  desk_record_set_int (record, "quantity_milli", 0);
  g_assert_true (desk_record_is_set (record, "quantity_milli"));
  desk_record_set_int (record, "quantity_milli", 0);
  desk_record_set_string (record, "currency", "GHS");
  desk_record_set_string (record, "currency", "GHS");
  g_assert_cmpuint (changes, ==, 2);

  copy = desk_record_copy (record);
  g_assert_true (desk_record_equal (record, copy));
  desk_record_set_string (copy, "currency", "USD");
  g_assert_false (desk_record_equal (record, copy));
  desk_record_unset (copy, "currency");
  g_assert_false (desk_record_is_set (copy, "currency"));
  g_assert_false (desk_record_equal (record, copy));
  g_assert_cmpuint (changes, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/records/every-kind/has-recipe", test_every_kind_has_recipe);
  g_test_add_func ("/core/records/every-kind/insert-get", test_insert_get);
  g_test_add_func ("/core/records/every-kind/update", test_update);
  g_test_add_func ("/core/records/every-kind/delete-tombstone", test_delete_tombstone);
  g_test_add_func ("/core/records/every-kind/list-and-count", test_list_and_count);
  g_test_add_func ("/core/records/list-by", test_list_by);
  g_test_add_func ("/core/records/uuid-kept", test_uuid_kept);
  g_test_add_func ("/core/records/update-missing", test_update_missing);
  g_test_add_func ("/core/records/tombstone/cascade", test_tombstone_cascade);
  g_test_add_func ("/core/records/tombstone/revive", test_tombstone_revive);
  g_test_add_func ("/core/records/sets-round-trip", test_sets_round_trip);
  g_test_add_func ("/core/records/transaction/inner-rollback", test_transaction_inner_rollback);
  g_test_add_func ("/core/records/transaction/outer-rollback", test_transaction_outer_rollback);
  g_test_add_func ("/core/records/transaction/write-is-atomic", test_write_is_atomic);
  g_test_add_func ("/core/records/changed-after-commit", test_changed_after_commit);
  g_test_add_func ("/core/records/main-group", test_main_group);
  g_test_add_func ("/core/records/narrative", test_narrative);
  g_test_add_func ("/core/records/values", test_record_values);

  return g_test_run ();
}
