/* test-bundle.c — bundles for the secretariat: export, privacy, import, hostile files, IATI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-common.h"

#include <libxml/xmlschemas.h>

#include "desk-bundle-private.h"

/* Every row of every table, sorted, digested: equal digests mean the same data. */
static char *
dump_digest (DeskStore *store)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", (char *) tables->pdata[i]);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "%s\x1f", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                    ? "\x01" : (const char *) sqlite3_column_text (stmt, c));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, test_compare_strings);
      g_checksum_update (sum, (const guchar *) tables->pdata[i], -1);
      for (guint j = 0; j < rows->len; j++)
        g_checksum_update (sum, (const guchar *) rows->pdata[j], -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static char *
content_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = _desk_bundle_map (path, &error);
  char *digest;

  g_assert_no_error (error);
  digest = _desk_bundle_content_digest (mapped, "records");
  g_assert_nonnull (digest);

  return digest;
}

static DeskImportPlan *
import_ok (DeskStore  *store,
           const char *path,
           gboolean    force,
           gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  DeskImportPlan *plan = desk_bundle_import (store, path, force, dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static DeskImportCount *
plan_kind (DeskImportPlan *plan,
           const char     *kind)
{
  for (guint i = 0; i < plan->counts->len; i++)
    if (g_str_equal (g_array_index (plan->counts, DeskImportCount, i).kind, kind))
      return &g_array_index (plan->counts, DeskImportCount, i);

  g_error ("the plan has no line for %s", kind);
  return NULL;
}

/* Nothing but the target and the database's own files in the folder: no temporary file
 * left behind. */
static void
assert_no_partial_files (Fixture *f)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_error ("a temporary file was left behind: %s", name);
  g_dir_close (dir);
}

static void
test_privacy_sentences (void)
{
  const char *a = desk_bundle_describe_privacy (DESK_PRIVACY_AGGREGATE);
  const char *p = desk_bundle_describe_privacy (DESK_PRIVACY_PSEUDONYMOUS);
  const char *n = desk_bundle_describe_privacy (DESK_PRIVACY_NAMED);
  DeskPrivacy level;

  g_assert_true (strlen (a) > 20 && strlen (p) > 20 && strlen (n) > 20);
  g_assert_cmpstr (a, !=, p);
  g_assert_cmpstr (p, !=, n);
  g_assert_true (desk_privacy_from_string ("pseudonymous", &level));
  g_assert_cmpint (level, ==, DESK_PRIVACY_PSEUDONYMOUS);
  g_assert_false (desk_privacy_from_string ("everything", &level));
}

static void
test_export_aggregate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE,
                                         "a.gdbundle");
  g_autofree char *text = read_text (path);
  g_autofree char *file_sha = test_file_digest (path);
  DeskRecord *export;

  g_assert_true (desk_bundle_validate_file (path, &reasons, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reasons->len, ==, 0);
  assert_no_partial_files (f);

  /* Counts only: no person, no attendance, no names, no contacts. */
  g_assert_null (strstr (text, "<person "));
  g_assert_null (strstr (text, "<attendance "));
  g_assert_null (strstr (text, "Abena"));
  g_assert_null (strstr (text, "Kwame"));
  g_assert_null (strstr (text, "contact_"));
  g_assert_nonnull (strstr (text, "<cell pillar=\"civil_society\" gender=\"woman\" count=\"1\"/>"));
  g_assert_nonnull (strstr (text, "<title xml:lang=\"zh\">对话</title>"));

  exports = desk_store_list (f->src, DESK_KIND_EXPORT, f->world->group, &error);
  g_assert_no_error (error);
  /* The world has an export record of its own (sequence 1): ours is the next. */
  export = g_ptr_array_index (exports, exports->len - 1);
  g_assert_cmpint (desk_record_get_int (export, "sequence"), ==, 2);
  g_assert_cmpstr (desk_record_get_string (export, "sha256"), ==, file_sha);
  g_assert_cmpstr (desk_record_get_string (export, "privacy"), ==, "aggregate");
  g_assert_nonnull (strstr (desk_record_get_string (export, "counts"), "\"attendance_counts\": 1"));
}

static void
test_export_privacy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudo_path = NULL;
  g_autofree char *named_path = NULL;
  g_autofree char *consent_path = NULL;
  g_autofree char *pseudo = NULL;
  g_autofree char *named = NULL;
  g_autofree char *consent = NULL;
  DeskRecord *person = test_world_get (f->world, "person");

  pseudo_path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_PSEUDONYMOUS, "p.gdbundle");
  pseudo = read_text (pseudo_path);
  g_assert_nonnull (strstr (pseudo, "<person "));
  g_assert_nonnull (strstr (pseudo, "<attendance "));
  g_assert_null (strstr (pseudo, "Abena"));
  g_assert_null (strstr (pseudo, "abena@example.org"));
  g_assert_null (strstr (pseudo, "Kwame"));

  /* Named, but the person has not consented. */
  named_path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "n.gdbundle");
  named = read_text (named_path);
  g_assert_null (strstr (named, "Abena"));
  g_assert_nonnull (strstr (named, "<contact_name>Kwame Asante</contact_name>"));

  desk_record_set_int (person, "consent_named", 1);
  desk_store_update (f->src, person, &error);
  g_assert_no_error (error);
  consent_path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "c.gdbundle");
  consent = read_text (consent_path);
  g_assert_nonnull (strstr (consent, "<name>Abena Mensah</name>"));
  g_assert_null (strstr (consent, "abena@example.org"));
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskBundlePreview) preview = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  expense = test_add (f->src, DESK_KIND_EXPENSE, f->world->group,
                      "budget_line_uuid", test_world_uuid (f->world, "budget_line"),
                      "date", "2026-02-03", "amount_minor", "1000", "currency", "EUR", NULL);
  activity = test_add (f->src, DESK_KIND_ACTIVITY, f->world->group,
                       "workplan_uuid", test_world_uuid (f->world, "workplan"),
                       "title_en", "Undated", "kind", "dialogue", "status", "planned", NULL);
  workshop = test_add (f->src, DESK_KIND_WORKSHOP, f->world->group,
                       "activity_uuid", test_world_uuid (f->world, "activity"),
                       "title_en", "Empty room", "start_date", "2026-03-01",
                       "end_date", "2026-03-01", "format", "online", NULL);

  preview = desk_bundle_preview (f->src, f->world->group, FROM, TO, DESK_PRIVACY_AGGREGATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->sequence, ==, 2);

  for (guint i = 0; i < preview->counts->len; i++)
    {
      DeskBundleCount *c = &g_array_index (preview->counts, DeskBundleCount, i);

      if (g_str_equal (c->kind, "person"))
        g_assert_cmpint (c->count, ==, 0);
      if (g_str_equal (c->kind, "activity"))
        g_assert_cmpint (c->count, ==, 2);
      if (g_str_equal (c->kind, "attendance_counts"))
        g_assert_cmpint (c->count, ==, 1);
      g_assert_nonnull (c->label);
    }

  for (guint i = 0; i < preview->problems->len; i++)
    {
      DeskBundleProblem *p = g_ptr_array_index (preview->problems, i);

      g_test_message ("%s", p->message);
      if (g_str_equal (p->kind, "expense") && g_strcmp0 (p->uuid, desk_record_get_uuid (expense)) == 0)
        seen[0] = TRUE;
      if (g_str_equal (p->kind, "activity") && g_strcmp0 (p->uuid, desk_record_get_uuid (activity)) == 0)
        seen[1] = TRUE;
      if (g_str_equal (p->kind, "workshop") && g_strcmp0 (p->uuid, desk_record_get_uuid (workshop)) == 0)
        seen[2] = TRUE;
    }
  g_assert_true (seen[0] && seen[1] && seen[2]);
  g_assert_cmpuint (preview->problems->len, ==, 3);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_digest = NULL;
  g_autofree char *second_digest = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *backup_dir = NULL;

  /* A self-reference to a later record, and a deletion, must survive too. */
  test_add (f->src, DESK_KIND_WORKPLAN, f->world->group, "title_en", "Workplan 2027",
            "period_start", "2027-01-01", "period_end", "2027-12-31", "status", "draft",
            "previous_uuid", test_world_uuid (f->world, "workplan"), NULL);
  {
    g_autoptr(GError) error = NULL;

    desk_store_delete (f->src, DESK_KIND_DELIVERABLE, test_world_uuid (f->world, "deliverable"), &error);
    g_assert_no_error (error);
  }

  first = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "first.gdbundle");
  plan = import_ok (dst, first, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "member")->added, ==, 1);
  g_assert_cmpuint (plan_kind (plan, "workplan")->added, ==, 2);
  g_assert_nonnull (plan->backup_path);
  g_assert_true (g_file_test (plan->backup_path, G_FILE_TEST_IS_REGULAR));
  backup_dir = fixture_path (f, "dst.db.backups");
  g_assert_true (g_str_has_prefix (plan->backup_path, backup_dir));

  second = export_bundle (f, dst, f->world->group, DESK_PRIVACY_NAMED, "second.gdbundle");
  first_digest = content_digest (first);
  second_digest = content_digest (second);
  g_assert_cmpstr (first_digest, ==, second_digest);

  /* The new database carries the group's numbering on, naming the bundle it came from. */
  second_text = read_text (second);
  g_assert_nonnull (strstr (second_text, "<sequence>3</sequence>"));
  g_assert_nonnull (strstr (second_text, plan->bundle_uuid));
}

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
   * state: not newer than what dst holds, so refused unless forced. */
  plan3 = import_ok (third, old_path, FALSE, FALSE);
  stale_path = export_bundle (f, third, f->world->group, DESK_PRIVACY_AGGREGATE, "stale.gdbundle");

  before = dump_digest (dst);
  refused = desk_bundle_import (dst, stale_path, FALSE, FALSE, &error);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_null (refused);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);

  dry = desk_bundle_read_plan (dst, stale_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dry->refused);

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

static int
pragma_int (DeskStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
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

/* The bundle at @path with the last reference to a person pointed at a person nobody has,
 * the records' digest made to match again: sound to the schema and to the bundle's own
 * checks, refused only by the store's validation of its very last record. */
static char *
last_record_dangling (Fixture    *f,
                      const char *path)
{
  g_autofree char *text = read_text (path);
  g_autofree char *digest = NULL;
  g_autofree char *nobody = g_uuid_string_random ();
  const char *records = strstr (text, "<records>");
  const char *end = g_strrstr (text, "</records>");
  char *person = g_strrstr (text, "<person_uuid>");
  char *sum = strstr (text, "<content_sha256>");
  char *crafted = fixture_path (f, "dangling.gdbundle");

  g_assert_nonnull (records);
  g_assert_nonnull (end);
  g_assert_nonnull (person);
  g_assert_nonnull (sum);
  person += strlen ("<person_uuid>");
  g_assert_true (person < end && strlen (nobody) == 36 && person[36] == '<');
  /* No record starts after it: it is the bundle's last. */
  g_assert_null (g_strstr_len (person, end - person, " uuid=\""));
  memcpy (person, nobody, 36);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) records,
                                        end + strlen ("</records>") - records);
  sum += strlen ("<content_sha256>");
  g_assert_true (sum[64] == '<');
  memcpy (sum, digest, 64);
  g_assert_true (g_file_set_contents (crafted, text, -1, NULL));

  return crafted;
}

/* Whether the connection runs its triggers (the import turns them off while it fills a
 * fresh database). */
static gboolean
triggers_on (DeskStore *store)
{
  int on = -1;

  sqlite3_db_config (_desk_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &on);

  return on == 1;
}

/* The first column of @sql's first row, with ?1 bound to @arg. */
static char *
query_text (DeskStore  *store,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  char *kind = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return kind;
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
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "x.gdbundle");

  g_assert_false (desk_bundle_export (f->src, f->world->group, "2026-06-30", "2026-01-01",
                                      DESK_PRIVACY_AGGREGATE, path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_bundle_export (f->src, f->world->group, "2025-02-30", "2026-01-01",
                                      DESK_PRIVACY_AGGREGATE, path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
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

/* IATI */

static void
assert_iati_valid (const char *path)
{
  const char *dir = g_getenv ("GROUPDESK_IATI_SCHEMA_DIR");
  g_autofree char *xsd = dir != NULL ? g_build_filename (dir, "iati-activities-schema.xsd", NULL) : NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  xmlSchemaParserCtxtPtr pctxt;
  xmlSchemaValidCtxtPtr vctxt;
  xmlSchemaPtr schema;
  int rc;

  if (xsd == NULL || !g_file_test (xsd, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip_printf ("The official IATI schema was not found at %s; the IATI file was "
                          "written but not validated.", xsd != NULL ? xsd : "$GROUPDESK_IATI_SCHEMA_DIR");
      return;
    }

  pctxt = xmlSchemaNewParserCtxt (xsd);
  schema = xmlSchemaParse (pctxt);
  xmlSchemaFreeParserCtxt (pctxt);
  g_assert_nonnull (schema);
  vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, _desk_bundle_collect_error, reasons);
  rc = xmlSchemaValidateFile (vctxt, path, 0);
  for (guint i = 0; i < reasons->len; i++)
    g_test_message ("%s", (const char *) reasons->pdata[i]);
  g_assert_cmpint (rc, ==, 0);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlSchemaFree (schema);
}

static void
test_iati (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, "world-iati.xml");
  g_autofree char *demo_path = fixture_path (f, "demo-iati.xml");
  g_autofree char *text = NULL;
  g_autofree char *demo_group = NULL;
  g_autoptr(DeskStore) demo = test_open_memory (NULL);

  desk_iati_export (f->src, f->world->group, NULL, NULL, path, &error);
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "<iati-activities version=\"2.03\""));
  g_assert_nonnull (strstr (text, "<narrative xml:lang=\"zh\">对话</narrative>"));
  g_assert_nonnull (strstr (text, "<transaction-type code=\"4\"/>"));
  g_assert_nonnull (strstr (text, "<sector vocabulary=\"1\" code=\"15220\""));
  g_assert_null (strstr (text, "Hotel"));
  assert_no_partial_files (f);
  assert_iati_valid (path);

  demo_group = desk_demo_fill (demo, &error);
  g_assert_no_error (error);
  desk_iati_export (demo, demo_group, "2026-01-01", "2026-06-30", demo_path, &error);
  g_assert_no_error (error);
  assert_iati_valid (demo_path);
}

static guint
count_open_files (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Reading a bundle closes its file: the fuzzer ran out of descriptors once. */
static void
test_no_descriptor_leak (void)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "valid.gdbundle", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "wrong-namespace.gdbundle", NULL);
  guint before;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("/proc/self/fd is not available to count open files");
      return;
    }

  g_assert_true (desk_bundle_validate_file (valid, NULL, NULL));
  before = count_open_files ();
  /* Each read opens a database in memory now (validate imports): 50 rounds show a leaked
   * descriptor as well as 200 did, in a quarter of the time under the sanitizers. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (desk_bundle_validate_file (valid, NULL, NULL));
      g_assert_false (desk_bundle_validate_file (bad, NULL, &error));
    }
  g_assert_cmpuint (count_open_files (), ==, before);
}

/* Export: every bundle the writer produces passes the schema. The test checks it with the
 * real schema itself, so that the writer may stop re-reading its own file one day without
 * this proof going with it. */

static void
assert_schema_valid (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  xmlSchemaPtr schema = _desk_bundle_get_schema (&error);
  xmlSchemaValidCtxtPtr vctxt;
  int rc;

  g_assert_no_error (error);
  vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, _desk_bundle_collect_error, reasons);
  rc = xmlSchemaValidateFile (vctxt, path, 0);
  xmlSchemaFreeValidCtxt (vctxt);
  if (rc != 0)
    g_error ("%s does not pass the schema: %s", path,
             reasons->len > 0 ? (const char *) reasons->pdata[0] : "(no reason)");
}

static void
assert_exports_valid (Fixture    *f,
                      DeskStore  *store,
                      const char *group,
                      const char *from,
                      const char *to)
{
  static const DeskPrivacy privacies[] = {
    DESK_PRIVACY_AGGREGATE, DESK_PRIVACY_PSEUDONYMOUS, DESK_PRIVACY_NAMED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (privacies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("valid-%u.gdbundle", i);
      g_autofree char *path = fixture_path (f, name);

      g_assert_true (desk_bundle_export (store, group, from, to, privacies[i], path, &error));
      g_assert_no_error (error);
      assert_schema_valid (path);
      assert_no_partial_files (f);
    }
}

static void
test_export_valid_demo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) demo = open_file_store (f, "demo.db");
  g_autofree char *group = desk_demo_fill (demo, &error);

  g_assert_no_error (error);
  assert_exports_valid (f, demo, group, "2025-01-01", "2026-12-31");
  /* And the test world, which has a record of every kind and a deletion. */
  assert_exports_valid (f, f->src, f->world->group, FROM, TO);
}

static void
test_export_valid_generated (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) big = open_file_store (f, "generated.db");
  DeskGenerateOptions options = { 7, 12, 60, 200 };
  g_autofree char *group = desk_generate_fill (big, &options, &error);

  g_assert_no_error (error);
  assert_exports_valid (f, big, group, "2025-01-01", "2026-12-31");
}

/* Values the store's own checks refuse, written straight into the database (each case
 * on a fresh fixture): the export refuses them too, says so, and leaves nothing behind. */
static const char *const bad_values[] = {
  "UPDATE expenses SET date = '2026-02-30' WHERE uuid = '@expense'",
  "UPDATE members SET pillar = 'not a code' WHERE uuid = '@member'",
  "UPDATE expenses SET currency = 'usd' WHERE uuid = '@expense'",
  "UPDATE members SET notes = '@long' WHERE uuid = '@member'",
};

static void
test_export_bad_value (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new (bad_values[GPOINTER_TO_UINT (data)]);
  g_autofree char *long_text = g_strnfill (20001, 'x');
  g_autofree char *path = fixture_path (f, "refused.gdbundle");
  sqlite3 *db = _desk_store_get_db (f->src);
  gint64 exports = desk_store_count (f->src, DESK_KIND_EXPORT, NULL);

  g_string_replace (sql, "@expense", test_world_uuid (f->world, "expense"), 0);
  g_string_replace (sql, "@member", test_world_uuid (f->world, "member"), 0);
  g_string_replace (sql, "@long", long_text, 0);
  test_sqlite_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON");
  test_sqlite_exec (db, sql->str);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  test_sqlite_exec (db, "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON");

  g_assert_false (desk_bundle_export (f->src, f->world->group, FROM, TO, DESK_PRIVACY_NAMED,
                                      path, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_assert_nonnull (strstr (error->message, "refused.gdbundle"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_partial_files (f);
  g_assert_cmpint (desk_store_count (f->src, DESK_KIND_EXPORT, NULL), ==, exports);
}

/* Cancelling: from the first progress report (the operation is under way), or before it
 * starts. Either way G_IO_ERROR_CANCELLED, nothing under the target's name, no temporary
 * file, no backup, and the database file byte for byte as before. */

typedef struct
{
  GCancellable *cancellable;
  guint calls;
  double last;
  gboolean backwards;
} Progress;

static void
cancel_at_first_report (double   fraction,
                        gpointer user_data)
{
  Progress *p = user_data;

  if (p->calls++ == 0)
    g_cancellable_cancel (p->cancellable);
}

static void
count_reports (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  p->backwards |= fraction < p->last;
  p->last = fraction;
  p->calls++;
}

static char *
closed_digest (Fixture    *f,
               DeskStore **store,
               const char *name)
{
  g_autofree char *path = fixture_path (f, name);
  char *digest;

  g_clear_object (store);
  digest = test_file_digest (path);
  *store = open_file_store (f, name);

  return digest;
}

static void
test_export_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  gboolean before_start = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskStore) big = open_file_store (f, "generated.db");
  /* Some thousands of records: several reports on the way. */
  DeskGenerateOptions options = { 7, 100, 400, 1500 };
  g_autofree char *group = desk_generate_fill (big, &options, &error);
  g_autofree char *target = fixture_path (f, "out.gdbundle");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { cancellable, 0, 0.0, FALSE };

  g_assert_no_error (error);
  before = closed_digest (f, &big, "generated.db");

  if (before_start)
    g_cancellable_cancel (cancellable);
  g_assert_false (desk_bundle_export_full (big, group, "2025-01-01", "2026-12-31",
                                           DESK_PRIVACY_NAMED, target, cancellable,
                                           cancel_at_first_report, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, before_start ? 0 : 1);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  assert_no_partial_files (f);
  g_assert_cmpint (desk_store_count (big, DESK_KIND_EXPORT, group), ==, 0);

  after = closed_digest (f, &big, "generated.db");
  g_assert_cmpstr (before, ==, after);
}

/* A completed export_full writes what desk_bundle_export writes, reporting forwards from
 * 0 to 1. */
static void
test_export_full_same_result (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskStore) big = open_file_store (f, "generated.db");
  /* Some thousands of records: several reports on the way. */
  DeskGenerateOptions options = { 7, 100, 400, 1500 };
  g_autofree char *group = desk_generate_fill (big, &options, &error);
  g_autofree char *plain = fixture_path (f, "plain.gdbundle");
  g_autofree char *full = fixture_path (f, "full.gdbundle");
  g_autofree char *plain_digest = NULL;
  g_autofree char *full_digest = NULL;
  Progress progress = { cancellable, 0, 0.0, FALSE };

  g_assert_no_error (error);
  g_assert_true (desk_bundle_export (big, group, "2025-01-01", "2026-12-31",
                                     DESK_PRIVACY_NAMED, plain, &error));
  g_assert_no_error (error);
  g_assert_true (desk_bundle_export_full (big, group, "2025-01-01", "2026-12-31",
                                          DESK_PRIVACY_NAMED, full, cancellable,
                                          count_reports, &progress, &error));
  g_assert_no_error (error);

  /* Several reports, never backwards, ending at the whole. */
  g_assert_cmpuint (progress.calls, >, 2);
  g_assert_false (progress.backwards);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  plain_digest = content_digest (plain);
  full_digest = content_digest (full);
  g_assert_cmpstr (plain_digest, ==, full_digest);
  g_assert_cmpint (desk_store_count (big, DESK_KIND_EXPORT, group), ==, 2);
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

  g_test_add_func ("/core/bundle/privacy-sentences", test_privacy_sentences);
  g_test_add_func ("/core/bundle/no-descriptor-leak", test_no_descriptor_leak);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/bundle/export-aggregate", test_export_aggregate);
  ADD ("/core/bundle/export-privacy", test_export_privacy);
  ADD ("/core/bundle/preview", test_preview);
  ADD ("/core/bundle/round-trip", test_round_trip);
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
  ADD ("/core/bundle/bad-period", test_bad_period);
  ADD ("/core/bundle/migration-from-1", test_migration_from_1);
  ADD ("/core/bundle/export-valid-demo", test_export_valid_demo);
  ADD ("/core/bundle/export-valid-generated", test_export_valid_generated);
#define ADD_DATA(path, data, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (data), fixture_set_up, func, fixture_tear_down)
  ADD_DATA ("/core/bundle/export-bad-value/date", 0, test_export_bad_value);
  ADD_DATA ("/core/bundle/export-bad-value/code", 1, test_export_bad_value);
  ADD_DATA ("/core/bundle/export-bad-value/currency", 2, test_export_bad_value);
  ADD_DATA ("/core/bundle/export-bad-value/long-text", 3, test_export_bad_value);
  ADD_DATA ("/core/bundle/export-cancelled/under-way", 0, test_export_cancelled);
  ADD_DATA ("/core/bundle/export-cancelled/before-start", 1, test_export_cancelled);
  ADD_DATA ("/core/bundle/import-cancelled/under-way", 0, test_import_cancelled);
  ADD_DATA ("/core/bundle/import-cancelled/before-start", 1, test_import_cancelled);
#undef ADD_DATA
  ADD ("/core/bundle/export-full-same-result", test_export_full_same_result);
  ADD ("/core/iati/validates", test_iati);
#undef ADD

  return g_test_run ();
}
