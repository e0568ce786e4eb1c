/* test-bundle.c — bundles for the secretariat: export, privacy, the preview, a round
 * trip, IATI (importing: test-bundle-import.c; hostile bundles: test-bundle-hostile.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

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
  ADD ("/core/bundle/bad-period", test_bad_period);
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
#undef ADD_DATA
  ADD ("/core/bundle/export-full-same-result", test_export_full_same_result);
  ADD ("/core/iati/validates", test_iati);
#undef ADD

  return g_test_run ();
}
