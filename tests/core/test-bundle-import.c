/* test-bundle-import.c — importing bundles: twice, newer and older, tombstones, dry runs, failures that leave the file as it was, old versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

static void
test_import_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) first = NULL;
  g_autoptr(DeskImportPlan) again = NULL;
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_PSEUDONYMOUS,
                                         "p.gdbundle");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  first = import_ok (dst, path, FALSE, FALSE);
  g_assert_false (first->already_imported);
  g_assert_cmpuint (desk_import_plan_total (first, 0), >, 10);

  before = dump_digest (dst);
  again = import_ok (dst, path, FALSE, FALSE);
  after = dump_digest (dst);
  g_assert_true (again->already_imported);
  g_assert_cmpstr (before, ==, after);

  /* A pseudonymous person arrives with a pseudonym for a name. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DeskRecord) person = desk_store_get (dst, DESK_KIND_PERSON,
                                                   test_world_uuid (f->world, "person"), &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (desk_record_get_string (person, "name"), "P-"));
    g_assert_cmpstr (desk_record_get_string (person, "email"), ==, "");
  }
}

static void
test_newer_and_older (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskStore) third = open_file_store (f, "third.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan1 = NULL;
  g_autoptr(DeskImportPlan) plan2 = NULL;
  g_autoptr(DeskImportPlan) plan3 = NULL;
  g_autoptr(DeskImportPlan) refused = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autoptr(DeskImportPlan) dry = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *stale_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DeskRecord *src_activity = test_world_get (f->world, "activity");

  old_path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "old.gdbundle");
  test_set_now (f->src, "2026-11-26T10:00:00Z");
  desk_record_set_string (src_activity, "status", "in_progress");
  desk_store_update (f->src, src_activity, &error);
  g_assert_no_error (error);
  new_path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "new.gdbundle");

  plan1 = import_ok (dst, old_path, FALSE, FALSE);
  plan2 = import_ok (dst, new_path, FALSE, FALSE);
  g_assert_cmpint (plan2->sequence, ==, 3);
  g_assert_cmpuint (plan_kind (plan2, "activity")->updated, ==, 1);
  g_assert_cmpuint (plan_kind (plan2, "member")->unchanged, ==, 1);
  activity = desk_store_get (dst, DESK_KIND_ACTIVITY, desk_record_get_uuid (src_activity), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (activity, "status"), ==, "in_progress");
  g_assert_cmpstr (desk_record_get_updated (activity), ==, "2026-11-26T10:00:00Z");

  /* Another database that only had the old bundle writes number 3 as well, with the old
   * state: another bundle holds number 3 in dst, so it is a fork, refused unless forced
   * and set aside (#18): one row in the group's history, and nothing else changed. */
  plan3 = import_ok (third, old_path, FALSE, FALSE);
  stale_path = export_bundle (f, third, f->world->group, DESK_PRIVACY_AGGREGATE, "stale.gdbundle");

  before = dump_digest (dst);
  refused = desk_bundle_import (dst, stale_path, FALSE, FALSE, &error);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_null (refused);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "set aside"));
  g_clear_error (&error);
  {
    g_autofree char *offers = test_sqlite_query (_desk_store_get_db (dst),
                                                 "SELECT group_concat (outcome || sequence)"
                                                 " FROM bundle_offers");

    g_assert_cmpstr (offers, ==, "fork3");
  }
  test_sqlite_exec (_desk_store_get_db (dst), "DELETE FROM bundle_offers");
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);

  /* A dry run says the same and writes nothing down. */
  dry = desk_bundle_read_plan (dst, stale_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dry->refused);
  g_assert_true (dry->fork);
  g_clear_pointer (&after, g_free);
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);

  /* Forced, it still keeps what is newer here. */
  forced = import_ok (dst, stale_path, TRUE, FALSE);
  g_assert_cmpuint (desk_import_plan_total (forced, 1), ==, 0);
  g_clear_object (&activity);
  activity = desk_store_get (dst, DESK_KIND_ACTIVITY, desk_record_get_uuid (src_activity), &error);
  g_assert_cmpstr (desk_record_get_string (activity, "status"), ==, "in_progress");
}

static void
test_tombstones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan1 = NULL;
  g_autoptr(DeskImportPlan) plan2 = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *two = NULL;
  g_autofree char *deleted = NULL;
  const char *uuid = test_world_uuid (f->world, "deliverable");

  plan1 = import_ok (dst, one, FALSE, FALSE);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_DELIVERABLE, NULL), ==, 1);

  test_set_now (f->src, "2026-11-26T10:00:00Z");
  desk_store_delete (f->src, DESK_KIND_DELIVERABLE, uuid, &error);
  g_assert_no_error (error);
  two = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "2.gdbundle");

  plan2 = import_ok (dst, two, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan2, "deliverable")->deleted, ==, 1);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_DELIVERABLE, NULL), ==, 0);
  deleted = test_sqlite_query (_desk_store_get_db (dst), "SELECT deleted FROM tombstones "
                               "WHERE kind = 'deliverable'");
  g_assert_cmpstr (deleted, ==, "2026-11-26T10:00:00Z");
}

static void
test_many_groups (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskStore) peru = open_file_store (f, "peru.db");
  g_autoptr(TestWorld) peru_world = test_world_new (peru, "PE-T");
  g_autoptr(DeskImportPlan) a = NULL;
  g_autoptr(DeskImportPlan) b = NULL;
  g_autofree char *ghana = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "gh.gdbundle");
  g_autofree char *pe = export_bundle (f, peru, peru_world->group, DESK_PRIVACY_AGGREGATE, "pe.gdbundle");

  a = import_ok (dst, ghana, FALSE, FALSE);
  b = import_ok (dst, pe, FALSE, FALSE);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 2);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, peru_world->group), ==, 1);
  /* Aggregate attendance arrives as counts. */
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_PERSON, NULL), ==, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (dst), "SELECT sum (count) FROM workshop_counts"), ==, 2);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (dst), "SELECT count (*) FROM imported_bundles"), ==, 2);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "n.gdbundle");
  g_autofree char *before = dump_digest (dst);
  g_autofree char *after = NULL;

  plan = import_ok (dst, path, FALSE, TRUE);
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (plan_kind (plan, "person")->added, ==, 1);
  g_assert_cmpuint (plan_kind (plan, "group")->added, ==, 1);
  g_assert_null (plan->backup_path);
}

static const char *const hostile[] = {
  "xxe-local-file.gdbundle", "billion-laughs.gdbundle", "external-dtd.gdbundle",
  "xinclude.gdbundle", "deep-nesting.gdbundle", "invalid-utf8.gdbundle", "empty.gdbundle",
  "truncated.gdbundle", "wrong-namespace.gdbundle", "newer-format.gdbundle",
  "wrong-version.gdbundle", "duplicate-uuids.gdbundle", "negative-amount.gdbundle",
  "impossible-date.gdbundle", "digest-mismatch.gdbundle", "counts-mismatch.gdbundle",
};

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "valid.gdbundle", NULL);
  g_autoptr(DeskImportPlan) ok = NULL;
  g_autofree char *before = dump_digest (dst);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", hostile[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) reasons = NULL;
      g_autoptr(DeskImportPlan) plan = desk_bundle_import (dst, path, TRUE, FALSE, &error);
      g_autofree char *after = NULL;

      g_assert_null (plan);
      g_assert_nonnull (error);
      g_assert_true (error->domain == DESK_ERROR);
      g_test_message ("%s: %s", hostile[i], error->message);
      g_clear_error (&error);

      after = dump_digest (dst);
      g_assert_cmpstr (before, ==, after);

      g_assert_false (desk_bundle_validate_file (path, &reasons, &error));
      g_assert_nonnull (error);
    }

  /* The same importer takes the sound file they were made from. */
  ok = import_ok (dst, valid, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (ok, "member")->added, ==, 1);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 1);
}

static void
test_failed_import_leaves_file (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = fixture_path (f, "dst.db");
  g_autofree char *dup = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "duplicate-uuids.gdbundle", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DeskStore *dst = open_file_store (f, "dst.db");

  test_world_free (test_world_new (dst, "KEEP"));
  g_object_unref (dst);
  before = test_file_digest (db_path);

  dst = open_file_store (f, "dst.db");
  g_assert_null (desk_bundle_import (dst, dup, FALSE, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_object_unref (dst);
  after = test_file_digest (db_path);
  g_assert_cmpstr (before, ==, after);
}

/* Into an empty database the import takes its fast path (no lookups, and the savepoints'
 * journal in memory): a failure after records were written still leaves the file byte
 * for byte as it was, refused with the same sentence, and the connection's settings come
 * back after a failed and after a sound import. */
static void
test_failed_import_into_empty (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = fixture_path (f, "empty.db");
  g_autofree char *dup = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "duplicate-uuids.gdbundle", NULL);
  g_autofree char *bundle = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(DeskImportPlan) again = NULL;
  DeskStore *dst = open_file_store (f, "empty.db");
  int cache_size;
  int temp_store;

  g_object_unref (dst);
  before = test_file_digest (db_path);

  dst = open_file_store (f, "empty.db");
  cache_size = pragma_int (dst, "PRAGMA cache_size");
  temp_store = pragma_int (dst, "PRAGMA temp_store");
  g_assert_null (desk_bundle_import (dst, dup, FALSE, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "appears twice"));
  g_assert_cmpint (pragma_int (dst, "PRAGMA cache_size"), ==, cache_size);
  g_assert_cmpint (pragma_int (dst, "PRAGMA temp_store"), ==, temp_store);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 0);
  g_object_unref (dst);
  after = test_file_digest (db_path);
  g_assert_cmpstr (before, ==, after);

  /* The same empty database then takes a sound bundle whole, and, no longer empty, the
   * same bundle a second time as already imported. */
  bundle = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "sound.gdbundle");
  dst = open_file_store (f, "empty.db");
  plan = import_ok (dst, bundle, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "group")->added, ==, 1);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 1);
  g_assert_cmpint (pragma_int (dst, "PRAGMA cache_size"), ==, cache_size);
  g_assert_cmpint (pragma_int (dst, "PRAGMA temp_store"), ==, temp_store);
  again = import_ok (dst, bundle, FALSE, FALSE);
  g_assert_true (again->already_imported);
  g_object_unref (dst);
}

/* Into an empty database the import runs without triggers and computes the file's digest
 * in a thread beside the reader. A bundle refused by the schema at its very end, and one
 * whose last record core refuses, leave the database byte for byte, with the sentences
 * they always had, and the connection's triggers on; the sound bundle then goes in with
 * the file's true digest, and a delete after it leaves its tombstone. */
static void
test_import_into_empty_keeps_checks (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lint_error = NULL;
  g_autofree char *db_path = fixture_path (f, "empty.db");
  g_autofree char *bundle = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED,
                                           "sound.gdbundle");
  g_autofree char *dangling = last_record_dangling (f, bundle);
  g_autofree char *text = read_text (bundle);
  g_autofree char *tail = fixture_path (f, "tail.gdbundle");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *file_digest = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GString) crafted = g_string_new (text);
  g_autoptr(DeskImportPlan) plan = NULL;
  const char *member = test_world_uuid (f->world, "member");
  const char *end = g_strrstr (crafted->str, "</bundle>");
  DeskStore *dst = open_file_store (f, "empty.db");

  /* An element the schema does not allow, after the last record (outside the records'
   * digest): the schema refuses the file at its last element. */
  g_assert_nonnull (end);
  g_string_insert (crafted, end - crafted->str, "<unexpected/>");
  g_assert_true (g_file_set_contents (tail, crafted->str, -1, NULL));
  g_assert_false (desk_bundle_validate_file (tail, NULL, &lint_error));
  g_assert_error (lint_error, DESK_ERROR, DESK_ERROR_INVALID);

  g_object_unref (dst);
  before = test_file_digest (db_path);

  dst = open_file_store (f, "empty.db");
  g_assert_null (desk_bundle_import (dst, tail, FALSE, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, lint_error->message);
  g_clear_error (&error);
  g_assert_true (triggers_on (dst));

  g_assert_null (desk_bundle_import (dst, dangling, FALSE, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refers to a record that does not exist"));
  g_clear_error (&error);
  g_assert_true (triggers_on (dst));
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 0);
  g_object_unref (dst);
  after = test_file_digest (db_path);
  g_assert_cmpstr (before, ==, after);

  dst = open_file_store (f, "empty.db");
  plan = import_ok (dst, bundle, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "member")->added, ==, 1);
  g_assert_true (triggers_on (dst));
  recorded = query_text (dst, "SELECT file_sha256 FROM imported_bundles WHERE uuid = ?1",
                         plan->bundle_uuid);
  file_digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_cmpstr (recorded, ==, file_digest);

  g_assert_true (desk_store_delete (dst, DESK_KIND_MEMBER, member, &error));
  g_assert_no_error (error);
  kind = query_text (dst, "SELECT kind FROM tombstones WHERE uuid = ?1", member);
  g_assert_cmpstr (kind, ==, "member");
  g_object_unref (dst);
}

/* The import writes its records without a savepoint each, in its one transaction: a
 * bundle whose last record the store refuses leaves the database byte for byte as it
 * was, with the store's sentence; the same store then imports the sound bundle, and its
 * own writes still nest, a refused one undoing only itself. */
static void
test_import_last_record_refused (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = fixture_path (f, "empty.db");
  g_autofree char *bundle = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED,
                                           "sound.gdbundle");
  g_autofree char *crafted = last_record_dangling (f, bundle);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(DeskRecord) member = NULL;
  g_autoptr(DeskRecord) bad = NULL;
  g_autoptr(DeskRecord) good = NULL;
  g_autoptr(DeskRecord) read = NULL;
  DeskStore *dst = open_file_store (f, "empty.db");
  const char *member_uuid = test_world_uuid (f->world, "member");

  g_object_unref (dst);
  before = test_file_digest (db_path);

  dst = open_file_store (f, "empty.db");
  g_assert_null (desk_bundle_import (dst, crafted, FALSE, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "in the bundle cannot be imported"));
  g_assert_nonnull (strstr (error->message, "refers to a record that does not exist"));
  g_clear_error (&error);
  g_assert_true (sqlite3_get_autocommit (_desk_store_get_db (dst)));
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 0);
  g_object_unref (dst);
  after = test_file_digest (db_path);
  g_assert_cmpstr (before, ==, after);

  /* The same store, after a refusal: the sound bundle goes in whole, with its times. */
  dst = open_file_store (f, "empty.db");
  g_assert_null (desk_bundle_import (dst, crafted, FALSE, FALSE, &error));
  g_clear_error (&error);
  plan = import_ok (dst, bundle, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "person")->added, ==, 1);
  member = desk_store_get (dst, DESK_KIND_MEMBER, member_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_updated (member), ==,
                   desk_record_get_updated (test_world_get (f->world, "member")));

  /* Savepoints work again for the store's own writes: a refused write inside an open
   * transaction undoes only itself. */
  test_set_now (dst, "2026-11-30T09:00:00Z");
  g_assert_true (desk_store_begin (dst, &error));
  g_assert_no_error (error);
  good = desk_record_copy (member);
  desk_record_set_uuid (good, NULL);
  g_assert_true (desk_store_insert (dst, good, &error));
  g_assert_no_error (error);
  bad = desk_record_copy (member);
  g_assert_false (desk_store_insert (dst, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (desk_store_commit (dst, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (_desk_store_get_db (dst)));
  read = desk_store_get (dst, DESK_KIND_MEMBER, desk_record_get_uuid (good), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_updated (read), ==, "2026-11-30T09:00:00Z");
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_MEMBER, NULL), ==, 2);
  g_object_unref (dst);
}

static void
test_unclean_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "bad.gdbundle");
  g_autofree char *sql = g_strdup_printf ("UPDATE members SET notes = 'a' || char (7) || 'b' "
                                          "WHERE uuid = '%s'", test_world_uuid (f->world, "member"));

  test_sqlite_exec (_desk_store_get_db (f->src), sql);
  g_assert_false (desk_bundle_export (f->src, f->world->group, FROM, TO, DESK_PRIVACY_AGGREGATE,
                                      path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_partial_files (f);
  g_assert_cmpint (desk_store_count (f->src, DESK_KIND_EXPORT, NULL), ==, 1);
}

static void
test_migration_from_1 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "src.db");
  g_autoptr(DeskStore) again = NULL;
  sqlite3 *db;

  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->src);

  /* Back to version 1: what versions 2 and 3 added removed. */
  db = test_sqlite_open (path);
  test_sqlite_undo_migration_4 (db);
  test_sqlite_exec (db, "DROP TABLE imported_bundles; DROP TABLE workshop_counts; "
                        "DROP TABLE person_merges; PRAGMA user_version = 1;");
  sqlite3_close (db);

  again = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (again), ==, DESK_SCHEMA_VERSION);
  g_assert_cmpint (desk_store_count (again, DESK_KIND_ACTIVITY, NULL), ==, 1);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (again), "SELECT count (*) FROM imported_bundles"), ==, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (again), "SELECT count (*) FROM workshop_counts"), ==, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (again),
                                    "SELECT count (*) FROM sqlite_schema WHERE sql LIKE '%STRICT%' "
                                    "AND name IN ('imported_bundles', 'workshop_counts')"), ==, 2);
}

static void
test_import_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  gboolean before_start = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *bundle = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "one.gdbundle");
  g_autofree char *backups = fixture_path (f, "dst.db.backups");
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  Progress progress = { cancellable, 0, 0.0, FALSE };

  test_world_free (test_world_new (dst, "KEEP"));
  before = closed_digest (f, &dst, "dst.db");

  if (before_start)
    g_cancellable_cancel (cancellable);
  g_assert_null (desk_bundle_import_full (dst, bundle, FALSE, FALSE, cancellable,
                                          cancel_at_first_report, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, before_start ? 0 : 1);

  /* The backup taken for the import went with it. */
  dir = g_dir_open (backups, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);

  after = closed_digest (f, &dst, "dst.db");
  g_assert_cmpstr (before, ==, after);

  /* And the same bundle, not cancelled, imports. */
  g_clear_error (&error);
  desk_import_plan_free (import_ok (dst, bundle, FALSE, FALSE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DATA(path, data, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (data), fixture_set_up, func, fixture_tear_down)

  ADD ("/core/bundle/import-twice", test_import_twice);
  ADD ("/core/bundle/newer-and-older", test_newer_and_older);
  ADD ("/core/bundle/tombstones", test_tombstones);
  ADD ("/core/bundle/many-groups", test_many_groups);
  ADD ("/core/bundle/dry-run", test_dry_run);
  ADD ("/core/bundle/hostile", test_hostile);
  ADD ("/core/bundle/failed-import-leaves-file", test_failed_import_leaves_file);
  ADD ("/core/bundle/failed-import-into-empty", test_failed_import_into_empty);
  ADD ("/core/bundle/import-last-record-refused", test_import_last_record_refused);
  ADD ("/core/bundle/import-into-empty-keeps-checks", test_import_into_empty_keeps_checks);
  ADD ("/core/bundle/unclean-text", test_unclean_text);
  ADD ("/core/bundle/migration-from-1", test_migration_from_1);
  ADD_DATA ("/core/bundle/import-cancelled/under-way", 0, test_import_cancelled);
  ADD_DATA ("/core/bundle/import-cancelled/before-start", 1, test_import_cancelled);

  return g_test_run ();
}
