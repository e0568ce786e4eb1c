/* test-amendments — what was reported stays as reported, in bundles (format 3): a change
 * to a locked record travels in the group's next bundle as an amendment (and only such a
 * change, once), personal values never travel, the endorsement is said in the manifest
 * and kept in the export history, and a secretariat stores, lists and counts what it
 * receives while refusing crafted amendments with nothing changed.
 *
 * The tests that need a locked record skip, saying so, where the locks of desk-locks.c
 * are not there yet (a record changes without a reason right after its export).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

#include "desk-changes.h"
#include "desk-secretariat.h"

#define REASON "The hotel's receipt said 350.00, not 300.00"

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Changes the expense of the world, reported by the bundle just exported, with a reason.
 * FALSE when the locks are not there yet: the change then went through without one. */
static gboolean
amend_expense (Fixture    *f,
               const char *amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) expense = desk_store_get (f->src, DESK_KIND_EXPENSE,
                                                  test_world_uuid (f->world, "expense"), &error);
  g_autoptr(DeskRecord) probe = NULL;

  g_assert_no_error (error);
  probe = desk_record_copy (expense);
  desk_record_set_string (probe, "note", "probe");
  if (desk_store_update (f->src, probe, &error))
    return FALSE;
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);

  desk_record_set_int (expense, "amount_minor", g_ascii_strtoll (amount, NULL, 10));
  g_assert_true (desk_store_update_with_reason (f->src, expense, REASON, &error));
  g_assert_no_error (error);

  return TRUE;
}

/* The number of the group's newest export (the test world holds one already). */
static gint64
last_sequence (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max (sequence) FROM exports WHERE group_uuid = '%s'",
                                          f->world->group);

  return test_sqlite_int (_desk_store_get_db (f->src), sql);
}

static gint64
preview_amendments (Fixture     *f,
                    DeskPrivacy  privacy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskBundlePreview) preview = desk_bundle_preview (f->src, f->world->group, FROM, TO,
                                                              privacy, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < preview->counts->len; i++)
    {
      DeskBundleCount *count = &g_array_index (preview->counts, DeskBundleCount, i);

      if (g_str_equal (count->kind, "amendment"))
        {
          g_assert_false (desk_bundle_kind_is_record (count->kind));
          return count->count;
        }
    }
  g_assert_not_reached ();
}

static void
test_next_bundle_carries (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *first = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *text1 = read_text (first);
  g_autofree char *second = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *third = NULL;
  g_autofree char *text3 = NULL;
  g_autofree char *amendment = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reported = last_sequence (f);

  /* Nothing was reported before the first bundle: it carries no amendment. */
  g_assert_null (strstr (text1, "<amendments>"));
  g_assert_nonnull (strstr (text1, "format=\"3\""));

  if (!amend_expense (f, "35000"))
    {
      g_test_skip ("A reported expense changes without a reason: the locks are not there yet.");
      return;
    }
  /* An activity is not locked: its change is no amendment. */
  activity = desk_store_get (f->src, DESK_KIND_ACTIVITY, test_world_uuid (f->world, "activity"), &error);
  g_assert_no_error (error);
  desk_record_set_string (activity, "title_en", "A better title");
  g_assert_true (desk_store_update (f->src, activity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preview_amendments (f, DESK_PRIVACY_NAMED), ==, 1);
  g_assert_cmpint (preview_amendments (f, DESK_PRIVACY_AGGREGATE), ==, 1);

  second = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "2.gdbundle");
  text2 = read_text (second);
  g_assert_cmpuint (count_of (text2, "<amendment "), ==, 1);
  amendment = g_strdup_printf ("<amendment action=\"update\" kind=\"expense\" record=\"%s\" "
                               "amends=\"%" G_GINT64_FORMAT "\"",
                               test_world_uuid (f->world, "expense"), reported);
  g_assert_nonnull (strstr (text2, amendment));
  g_assert_nonnull (strstr (text2, "<field>amount_minor</field>"));
  g_assert_nonnull (strstr (text2, "<old>30000</old>"));
  g_assert_nonnull (strstr (text2, "<new>35000</new>"));
  g_assert_nonnull (strstr (text2, "<reason>" REASON "</reason>"));
  /* Inside the records, so that their digest covers it. */
  g_assert_true (strstr (text2, "<amendments>") < strstr (text2, "</records>"));
  g_assert_true (desk_bundle_validate_file (second, NULL, &error));
  g_assert_no_error (error);

  /* Carried once: the bundle after says nothing more. */
  g_assert_cmpint (preview_amendments (f, DESK_PRIVACY_NAMED), ==, 0);
  third = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "3.gdbundle");
  text3 = read_text (third);
  g_assert_null (strstr (text3, "<amendment"));
}

/* Aggregate bundles carry no people: an attendance record's amendment says only its kind,
 * the action, when and why. A pseudonymous bundle says which record and field. */
static void
test_aggregate_names_no_one (Fixture       *f,
                             gconstpointer  data)
{
  const char *attendance_uuid = test_world_uuid (f->world, "attendance");
  g_autofree char *first = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "1.gdbundle");
  g_autoptr(DeskRecord) attendance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aggregate = NULL;
  g_autofree char *text = NULL;

  attendance = desk_store_get (f->src, DESK_KIND_ATTENDANCE, attendance_uuid, &error);
  g_assert_no_error (error);
  desk_record_set_string (attendance, "status", "absent");
  if (desk_store_update (f->src, attendance, NULL))
    {
      g_test_skip ("Reported attendance changes without a reason: the locks are not there yet.");
      return;
    }
  g_assert_true (desk_store_update_with_reason (f->src, attendance, "She left before the start",
                                                &error));
  g_assert_no_error (error);

  aggregate = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "2.gdbundle");
  text = read_text (aggregate);
  g_assert_cmpuint (count_of (text, "<amendment "), ==, 1);
  g_assert_nonnull (strstr (text, "kind=\"attendance\""));
  g_assert_nonnull (strstr (text, "<reason>She left before the start</reason>"));
  /* No record, no field, no value, and the person behind it nowhere in the file. */
  g_assert_null (strstr (text, attendance_uuid));
  g_assert_null (strstr (text, test_world_uuid (f->world, "person")));
  g_assert_null (strstr (text, "<field>status</field>"));
  g_assert_null (strstr (text, "<old>attended</old>"));
  g_assert_null (strstr (text, "Abena"));
}

static void
test_pseudonymous_says_the_record (Fixture       *f,
                                   gconstpointer  data)
{
  const char *attendance_uuid = test_world_uuid (f->world, "attendance");
  g_autofree char *first = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_PSEUDONYMOUS, "1.gdbundle");
  g_autoptr(DeskRecord) attendance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  attendance = desk_store_get (f->src, DESK_KIND_ATTENDANCE, attendance_uuid, &error);
  g_assert_no_error (error);
  desk_record_set_string (attendance, "status", "absent");
  if (desk_store_update (f->src, attendance, NULL))
    {
      g_test_skip ("Reported attendance changes without a reason: the locks are not there yet.");
      return;
    }
  g_assert_true (desk_store_update_with_reason (f->src, attendance, "Wrong box ticked", &error));

  second = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_PSEUDONYMOUS, "2.gdbundle");
  text = read_text (second);
  expected = g_strdup_printf ("kind=\"attendance\" record=\"%s\"", attendance_uuid);
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "<field>status</field>"));
  g_assert_nonnull (strstr (text, "<old>attended</old>"));
  g_assert_nonnull (strstr (text, "<new>absent</new>"));
  g_assert_null (strstr (text, "Abena"));
}

static void
test_endorsement (Fixture       *f,
                  gconstpointer  data)
{
  DeskEndorsement endorsed = { "2026-06-12", "Plenary of 12 June 2026", "Kofi Boateng" };
  DeskEndorsement future = { "2026-11-26", NULL, NULL };
  DeskEndorsement not_a_day = { "2026-02-30", NULL, NULL };
  DeskEndorsement control = { "2026-06-12", "Plenary\x01", NULL };
  g_autofree char *path = fixture_path (f, "endorsed.gdbundle");
  g_autofree char *refused = fixture_path (f, "refused.gdbundle");
  g_autofree char *before = dump_digest (f->src);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(GError) error = NULL;
  const DeskEndorsement *bad[] = { &future, &not_a_day, &control };
  DeskRecord *export;

  /* Refused before anything is written: no file, no export, the database as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (desk_bundle_export_endorsed (f->src, f->world->group, FROM, TO,
                                                   DESK_PRIVACY_AGGREGATE, bad[i], refused,
                                                   NULL, NULL, NULL, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
    }
  {
    g_autofree char *after = dump_digest (f->src);

    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (desk_bundle_export_endorsed (f->src, f->world->group, FROM, TO,
                                              DESK_PRIVACY_AGGREGATE, &endorsed, path,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "<endorsement date=\"2026-06-12\">"));
  g_assert_nonnull (strstr (text, "<meeting>Plenary of 12 June 2026</meeting>"));
  g_assert_nonnull (strstr (text, "<chair>Kofi Boateng</chair>"));
  g_assert_true (strstr (text, "<endorsement") < strstr (text, "</manifest>"));
  g_assert_true (desk_bundle_validate_file (path, NULL, &error));
  g_assert_no_error (error);

  exports = desk_store_list (f->src, DESK_KIND_EXPORT, f->world->group, &error);
  g_assert_no_error (error);
  export = NULL;
  for (guint i = 0; i < exports->len; i++)
    if (desk_record_get_int (exports->pdata[i], "sequence") == last_sequence (f))
      export = exports->pdata[i];
  g_assert_nonnull (export);
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_on"), ==, "2026-06-12");
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_meeting"), ==, "Plenary of 12 June 2026");
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_chair"), ==, "Kofi Boateng");
}

/* An export remembers the newest change it covered: the next one starts after it. */
static void
test_changes_through (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "1.gdbundle");
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 newest = test_sqlite_int (_desk_store_get_db (f->src),
                                   "SELECT coalesce (max (id), 0) FROM changes");
  g_autofree char *own_rows = NULL;
  gint64 through;

  exports = desk_store_list (f->src, DESK_KIND_EXPORT, f->world->group, &error);
  g_assert_no_error (error);
  through = -1;
  for (guint i = 0; i < exports->len; i++)
    if (desk_record_get_int (exports->pdata[i], "sequence") == last_sequence (f))
      {
        through = desk_record_get_int (exports->pdata[i], "changes_through");
        own_rows = g_strdup_printf ("SELECT min (id) FROM changes WHERE record_uuid = '%s'",
                                    desk_record_get_uuid (exports->pdata[i]));
      }
  /* Up to the changes before it; the export's own row comes after. */
  g_assert_cmpint (through, <=, newest);
  if (newest == 0)
    {
      g_test_skip ("The change history is not written yet.");
      return;
    }
  g_assert_cmpint (through, >, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->src), own_rows), >, through);
}

/* Exports 1, amends, exports 2 endorsed: the paths of both, or FALSE without locks. */
static gboolean
two_bundles (Fixture  *f,
             char    **first,
             char    **second)
{
  DeskEndorsement endorsed = { "2026-07-01", "Plenary", "Kofi Boateng" };
  g_autoptr(GError) error = NULL;

  *first = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_AGGREGATE, "1.gdbundle");
  *second = fixture_path (f, "2.gdbundle");
  if (!amend_expense (f, "35000"))
    return FALSE;
  g_assert_true (desk_bundle_export_endorsed (f->src, f->world->group, FROM, TO,
                                              DESK_PRIVACY_AGGREGATE, &endorsed, *second,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return TRUE;
}

static DeskStore *
secretariat (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DeskStore *dst = open_file_store (f, "secretariat.db");

  g_assert_true (desk_store_set_secretariat (dst, &error));
  g_assert_no_error (error);

  return dst;
}

static void
test_secretariat_receives (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(DeskStore) dst = NULL;
  g_autoptr(DeskImportPlan) plan1 = NULL;
  g_autoptr(DeskImportPlan) dry = NULL;
  g_autoptr(DeskImportPlan) plan2 = NULL;
  g_autoptr(DeskImportPlan) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  DeskAmendment *a;
  sqlite3 *db;
  gint64 reported;

  if (!two_bundles (f, &first, &second))
    {
      g_test_skip ("A reported expense changes without a reason: the locks are not there yet.");
      return;
    }
  reported = last_sequence (f) - 1;
  dst = secretariat (f);
  db = _desk_store_get_db (dst);
  plan1 = import_ok (dst, first, FALSE, FALSE);
  g_assert_cmpuint (plan1->amendments, ==, 0);
  g_assert_null (plan1->endorsed_on);

  /* A dry run says what would come, and keeps nothing. */
  dry = import_ok (dst, second, FALSE, TRUE);
  g_assert_cmpuint (dry->amendments, ==, 1);
  g_assert_cmpstr (dry->endorsed_on, ==, "2026-07-01");
  g_assert_cmpint (test_sqlite_int (db, "SELECT count (*) FROM bundle_amendments"), ==, 0);

  plan2 = import_ok (dst, second, FALSE, FALSE);
  g_assert_cmpuint (plan2->amendments, ==, 1);
  g_assert_cmpstr (plan2->endorsed_meeting, ==, "Plenary");
  g_assert_cmpstr (plan2->endorsed_chair, ==, "Kofi Boateng");

  list = desk_secretariat_list_amendments (dst, f->world->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->sequence, ==, reported + 1);
  g_assert_cmpint (a->amends_sequence, ==, reported);
  g_assert_cmpstr (a->action, ==, "update");
  g_assert_true (a->kind == DESK_KIND_EXPENSE);
  g_assert_cmpstr (a->record_uuid, ==, test_world_uuid (f->world, "expense"));
  g_assert_cmpstr (a->field, ==, "amount_minor");
  g_assert_cmpstr (a->old_value, ==, "30000");
  g_assert_cmpstr (a->new_value, ==, "35000");
  g_assert_cmpstr (a->reason, ==, REASON);
  g_assert_nonnull (a->at);

  statuses = desk_secretariat_status (dst, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *s = statuses->pdata[i];

      if (g_strcmp0 (s->group_uuid, f->world->group) == 0)
        g_assert_cmpuint (s->amendments, ==, 1);
    }

  /* The endorsement is where the secretariat reads the group's history. */
  g_assert_cmpint (test_sqlite_int (db, "SELECT count (*) FROM changes WHERE action = 'import' "
                                        "AND (coalesce (new_value, '') || coalesce (reason, '') "
                                        "|| coalesce (old_value, '')) LIKE '%Plenary%'"), ==, 1);

  /* The same bundle again changes nothing. */
  again = import_ok (dst, second, FALSE, FALSE);
  g_assert_true (again->already_imported);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count (*) FROM bundle_amendments"), ==, 1);
}

/* The schema file beside the sources checks a bundle with amendments, as xmllint reads it. */
static void
test_schema_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "data", "schema",
                                                "groupdesk-bundle-3.xsd", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!two_bundles (f, &first, &second))
    {
      g_test_skip ("A reported expense changes without a reason: the locks are not there yet.");
      return;
    }
  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed.");
      return;
    }
  {
    const char *argv[] = { xmllint, "--noout", "--stream", "--schema", xsd, second, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "validates"));
}

/* The records' digest made to match the records again, as a forger would. */
static char *
reseal (const char *text)
{
  const char *start = strstr (text, "<records>");
  const char *end = g_strrstr (text, "</records>");
  const char *open = strstr (text, "<content_sha256>");
  const char *close = strstr (text, "</content_sha256>");
  g_autofree char *digest = NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_nonnull (open);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start,
                                        end + strlen ("</records>") - start);
  open += strlen ("<content_sha256>");

  return g_strdup_printf ("%.*s%s%s", (int) (open - text), text, digest, close);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
assert_refused (Fixture    *f,
                DeskStore  *dst,
                const char *text,
                const char *name,
                const char *says)
{
  g_autofree char *path = fixture_path (f, name);
  g_autofree char *before = dump_digest (dst);
  g_autofree char *after = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  plan = desk_bundle_import (dst, path, FALSE, FALSE, &error);
  if (plan != NULL)
    g_error ("%s was imported", name);
  g_assert_nonnull (error);
  if (g_test_verbose ())
    g_printerr ("%s: %s\n", name, error->message);
  g_assert_nonnull (strstr (error->message, says));
  after = dump_digest (dst);
  g_assert_cmpstr (after, ==, before);
}

static void
test_crafted_refused (Fixture       *f,
                      gconstpointer  data)
{
  /* A format 3 bundle kept among the fixtures (bundle 3 of GH-T, endorsed, with one
   * amendment of an expense bundle 2 reported): it needs no locks here. */
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle",
                                                    "amendments.gdbundle", NULL);
  g_autoptr(DeskStore) dst = secretariat (f);
  g_autofree char *text = read_text (fixture);
  struct { const char *from; const char *to; const char *says; } cases[] = {
    { "action=\"update\"", "action=\"rename\"", ".gdbundle" },
    { "kind=\"expense\" record=", "kind=\"export\" record=", ".gdbundle" },
    { "kind=\"expense\" record=", "kind=\"tombstone\" record=", ".gdbundle" },
    { "record=\"", "record=\"zz", ".gdbundle" },
    { "record=\"", "x=\"", ".gdbundle" },
    { "<new>35000</new>", "<new>35000</new><new>1</new>", ".gdbundle" },
    /* Past the schema, caught by core: an expense is always named (only a participant's
     * record goes without, in an aggregate bundle), and a bundle cannot amend what a
     * later one reported. */
    { "record=\"166fee0e-867d-4d2d-b49b-8b0cb25879fa\" ", "", "bundle number 3" },
    { "amends=\"2\"", "amends=\"4\"", "bundle number 3" },
    /* Nor its own. */
    { "amends=\"2\"", "amends=\"3\"", "bundle number 3" },
    /* What the sender's Groupdesk leaves out must not arrive: a field the kind does not
     * have, and a person's name with its values in an aggregate bundle. */
    { "<field>amount_minor</field>", "<field>no_such_field</field>", "privacy level" },
    { "kind=\"expense\" record=\"166fee0e-867d-4d2d-b49b-8b0cb25879fa\" amends=\"2\" "
      "at=\"2026-11-25T10:00:00Z\">\n   <field>amount_minor</field>",
      "kind=\"person\" amends=\"2\" at=\"2026-11-25T10:00:00Z\">\n   <field>name</field>",
      "privacy level" },
  };

  /* Changed without fixing the digest: the digest covers the amendments. */
  {
    g_autofree char *changed = replace_once (text, "<new>35000</new>", "<new>31000</new>");

    assert_refused (f, dst, changed, "unsealed.gdbundle", "digest");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *changed = replace_once (text, cases[i].from, cases[i].to);
      g_autofree char *sealed = reseal (changed);
      g_autofree char *name = g_strdup_printf ("crafted-%u.gdbundle", i);

      assert_refused (f, dst, sealed, name, cases[i].says);
    }

  /* A reason of a megabyte: refused with a sentence, not kept. */
  {
    g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
    g_autofree char *reason = g_strdup_printf ("<reason>%s</reason>", huge);
    g_autofree char *start = g_strdup (strstr (strstr (text, "<amendment "), "<reason>"));
    g_autofree char *old_reason = NULL;
    g_autofree char *changed = NULL;
    g_autofree char *sealed = NULL;

    *(strstr (start, "</reason>") + strlen ("</reason>")) = '\0';
    old_reason = g_strdup (start);
    changed = replace_once (text, old_reason, reason);
    sealed = reseal (changed);
    assert_refused (f, dst, sealed, "huge-reason.gdbundle", ".gdbundle");
  }

  /* More amendments than any bundle holds: refused by count, not by memory. */
  {
    const char *open = strstr (text, "<amendment ");
    const char *close = strstr (open, "</amendment>") + strlen ("</amendment>");
    g_autoptr(GString) many = g_string_new (NULL);
    g_autofree char *one = g_strndup (open, close - open);
    g_autofree char *changed = NULL;
    g_autofree char *sealed = NULL;

    for (guint i = 0; i <= DESK_BUNDLE_MAX_AMENDMENTS; i++)
      g_string_append (many, one);
    changed = replace_once (text, one, many->str);
    sealed = reseal (changed);
    assert_refused (f, dst, sealed, "many.gdbundle", "more than 100000 amendments");
  }

  /* The true bundle still imports after all that, and its amendment is kept. */
  {
    g_autoptr(DeskImportPlan) plan = import_ok (dst, fixture, FALSE, FALSE);
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (plan->amendments, ==, 1);
    g_assert_cmpstr (plan->endorsed_on, ==, "2026-07-01");
    list = desk_secretariat_list_amendments (dst, plan->group_uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (((DeskAmendment *) list->pdata[0])->amends_sequence, ==, 2);
    g_assert_cmpint (((DeskAmendment *) list->pdata[0])->sequence, ==, 3);
  }
}

static void
add (const char *name,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add ("/amendments/next-bundle-carries", test_next_bundle_carries);
  add ("/amendments/aggregate-names-no-one", test_aggregate_names_no_one);
  add ("/amendments/pseudonymous-says-the-record", test_pseudonymous_says_the_record);
  add ("/amendments/endorsement", test_endorsement);
  add ("/amendments/changes-through", test_changes_through);
  add ("/amendments/secretariat-receives", test_secretariat_receives);
  add ("/amendments/schema-file", test_schema_file);
  add ("/amendments/crafted-refused", test_crafted_refused);

  return g_test_run ();
}
