/* test-secretariat-status.c — the chain of a group's bundles (fork, replay, gap, an older
 * bundle closing a gap), bad input, and the secretariat's status of every group (#18)
 *
 * A small generated group exports its bundles; a second database plays the secretariat.
 * "Another laptop" of the same group is a copy of its database taken after a bundle,
 * which then exports a different next bundle: a fork.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

#include "desk-bundle-import-private.h"

typedef struct
{
  Fixture f;
  char *group;
  char *activity;
} Chain;

static void
chain_set_up (Chain         *c,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DeskGenerateOptions options = { 7, 4, 12, 24, "GH" };

  c->f.dir = test_make_tmpdir ();
  c->f.src = open_file_store (&c->f, "src.db");
  c->group = desk_generate_fill (c->f.src, &options, &error);
  g_assert_no_error (error);
  c->activity = test_sqlite_query (_desk_store_get_db (c->f.src),
                                   "SELECT uuid FROM activities ORDER BY uuid LIMIT 1");
}

static void
chain_tear_down (Chain         *c,
                 gconstpointer  data)
{
  g_free (c->group);
  g_free (c->activity);
  fixture_tear_down (&c->f, data);
}

/* Bundle of @store's group covering 2026-01-01 … @to, written to @name. */
static char *
export_to (Chain      *c,
           DeskStore  *store,
           const char *to,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (&c->f, name);

  desk_bundle_export (store, c->group, "2026-01-01", to, DESK_PRIVACY_AGGREGATE, path, &error);
  g_assert_no_error (error);

  return path;
}

/* A copy of @store's database, as another laptop of the group would have it. */
static DeskStore *
copy_store (Chain      *c,
            DeskStore  *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (&c->f, name);
  g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", path);
  DeskStore *copy;

  test_sqlite_exec (_desk_store_get_db (store), sql);
  copy = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_set_now (copy, TEST_NOW);

  return copy;
}

static void
set_activity_status (Chain      *c,
                     DeskStore  *store,
                     const char *status,
                     const char *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) activity = desk_store_get (store, DESK_KIND_ACTIVITY, c->activity, &error);

  g_assert_no_error (error);
  test_set_now (store, now);
  desk_record_set_string (activity, "status", status);
  desk_store_update (store, activity, &error);
  g_assert_no_error (error);
}

static char *
activity_status (Chain     *c,
                 DeskStore *store)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM activities WHERE uuid = '%s'",
                                          c->activity);

  return test_sqlite_query (_desk_store_get_db (store), sql);
}

static char *
offers (DeskStore *store)
{
  return test_sqlite_query (_desk_store_get_db (store),
                            "SELECT group_concat (outcome || sequence, ' ')"
                            " FROM (SELECT outcome, sequence FROM bundle_offers ORDER BY id)");
}

/* Refused with an error holding each of @words (NULL-terminated); returns the message. */
static char *
import_refused (DeskStore   *store,
                const char  *path,
                const char **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = desk_bundle_import (store, path, FALSE, FALSE, &error);

  if (plan != NULL)
    g_error ("%s was imported: %s", path, plan->refused);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (error->message, words[i]) == NULL)
      g_error ("“%s” is not in “%s”", words[i], error->message);

  return g_strdup (error->message);
}

/* The store's every row but the group's history of offers. */
static char *
digest_without_offers (DeskStore *store)
{
  g_autoptr(DeskStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", path);
  char *digest;

  test_sqlite_exec (_desk_store_get_db (store), sql);
  copy = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_sqlite_exec (_desk_store_get_db (copy), "DELETE FROM bundle_offers");
  digest = dump_digest (copy);
  g_clear_object (&copy);
  test_rm_rf (dir);

  return digest;
}

static DeskGroupStatus *
status_of (GPtrArray  *statuses,
           const char *group)
{
  for (guint i = 0; i < statuses->len; i++)
    if (g_str_equal (((DeskGroupStatus *) statuses->pdata[i])->group_uuid, group))
      return statuses->pdata[i];

  g_error ("no status for %s", group);
  return NULL;
}

static GPtrArray *
status (DeskStore  *store,
        const char *today)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses = desk_secretariat_status (store, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (statuses);

  return statuses;
}

static char *
missing_text (DeskGroupStatus *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < s->missing->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (s->missing, gint64, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_format_numbers (void)
{
  static const gint64 held[] = { 1, 3, 3, 4, 10 };
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) missing = NULL;
  g_autofree char *text = NULL;

  g_array_append_vals (numbers, held, G_N_ELEMENTS (held));
  missing = _desk_chain_missing (numbers, 12);
  text = _desk_chain_format_numbers (missing);
  g_assert_cmpstr (text, ==, "2, 5–9 and 11");

  g_array_set_size (numbers, 2);
  g_clear_pointer (&missing, g_array_unref);
  g_clear_pointer (&text, g_free);
  missing = _desk_chain_missing (numbers, 3);
  text = _desk_chain_format_numbers (missing);
  g_assert_cmpstr (text, ==, "2");
}

/* 1 and 3 arrive: a gap, said and listed; then 2 arrives and closes it, its older
 * records merged by time. */
static void
test_gap_closed (Chain         *c,
                 gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (&c->f, "dst.db");
  g_autofree char *one = export_to (c, c->f.src, "2026-03-31", "1.gdbundle");
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autoptr(DeskImportPlan) gap = NULL;
  g_autoptr(DeskImportPlan) closing = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *kept = NULL;
  DeskGroupStatus *s;

  set_activity_status (c, c->f.src, "in_progress", "2026-11-25T11:00:00Z");
  two = export_to (c, c->f.src, "2026-06-30", "2.gdbundle");
  set_activity_status (c, c->f.src, "done", "2026-11-25T12:00:00Z");
  three = export_to (c, c->f.src, "2026-09-30", "3.gdbundle");
  test_set_now (dst, "2026-11-25T13:00:00Z");

  desk_import_plan_free (import_ok (dst, one, FALSE, FALSE));
  gap = import_ok (dst, three, FALSE, FALSE);
  g_assert_nonnull (gap->gap);
  g_assert_nonnull (strstr (gap->gap, "numbered 2 "));
  g_assert_false (gap->fork);

  before = status (dst, "2026-11-25");
  s = status_of (before, c->group);
  g_assert_false (s->own);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_GAP);
  g_assert_cmpstr (desk_chain_to_string (s->chain), ==, "gap");
  missing = missing_text (s);
  g_assert_cmpstr (missing, ==, "2");
  g_assert_cmpint (s->last_sequence, ==, 3);
  g_assert_cmpstr (s->period_to, ==, "2026-09-30");
  g_assert_cmpstr (s->code, ==, "GEN-7");
  g_assert_nonnull (strstr (s->message, "Bundle 2 of GEN-7 never arrived"));
  g_assert_cmpuint (s->forks, ==, 0);
  g_assert_cmpuint (s->replays_refused, ==, 0);
  g_assert_true (s->verified);
  g_assert_cmpuint (strlen (s->fingerprint), ==, 64);

  /* The older bundle never received closes the gap: recorded, not refused, and what is
   * newer here (bundle 3's "done") stays. */
  closing = import_ok (dst, two, FALSE, FALSE);
  g_assert_null (closing->refused);
  g_assert_null (closing->gap);
  g_assert_false (closing->fork);
  g_assert_cmpuint (plan_kind (closing, "activity")->updated, ==, 0);
  kept = activity_status (c, dst);
  g_assert_cmpstr (kept, ==, "done");

  after = status (dst, "2026-11-25");
  s = status_of (after, c->group);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_OK);
  g_assert_cmpuint (s->missing->len, ==, 0);
  g_assert_cmpint (s->last_sequence, ==, 3);
  g_assert_null (s->message);
  g_assert_cmpstr (desk_chain_label (s->chain), ==, "Up to date");
}

/* An older bundle offered again: refused and counted, the database otherwise as it
 * was; the newest offered again is "already imported", not counted. */
static void
test_replay (Chain         *c,
             gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (&c->f, "dst.db");
  g_autofree char *one = export_to (c, c->f.src, "2026-03-31", "1.gdbundle");
  g_autofree char *two = export_to (c, c->f.src, "2026-06-30", "2.gdbundle");
  g_autoptr(DeskImportPlan) dry = NULL;
  g_autoptr(DeskImportPlan) again = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_after = NULL;
  g_autofree char *message = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rows_after = NULL;
  DeskGroupStatus *s;

  desk_import_plan_free (import_ok (dst, one, FALSE, FALSE));
  desk_import_plan_free (import_ok (dst, two, FALSE, FALSE));
  digest = dump_digest (dst);

  /* A preview says it and writes nothing. */
  dry = import_ok (dst, one, FALSE, TRUE);
  g_assert_true (dry->replay);
  g_assert_false (dry->already_imported);
  g_assert_nonnull (dry->refused);
  digest_after = dump_digest (dst);
  g_assert_cmpstr (digest, ==, digest_after);

  message = import_refused (dst, one, (const char *[]) { "GEN-7", "number 1", "number 2", NULL });
  g_test_message ("%s", message);
  rows = offers (dst);
  g_assert_cmpstr (rows, ==, "replay1");
  g_clear_pointer (&digest_after, g_free);
  digest_after = digest_without_offers (dst);
  g_assert_cmpstr (digest, ==, digest_after);

  /* The newest again: nothing to do, nothing counted. */
  again = import_ok (dst, two, FALSE, FALSE);
  g_assert_true (again->already_imported);
  g_assert_false (again->replay);
  rows_after = offers (dst);
  g_assert_cmpstr (rows_after, ==, "replay1");

  /* Forced, it is merged (nothing here is older) and the chain keeps one row for it. */
  forced = import_ok (dst, one, TRUE, FALSE);
  g_assert_true (forced->replay);
  g_assert_cmpuint (desk_import_plan_total (forced, DESK_IMPORT_UPDATED), ==, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (dst),
                                    "SELECT count (*) FROM imported_bundles"), ==, 2);

  statuses = status (dst, "2026-11-25");
  s = status_of (statuses, c->group);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_OK);
  g_assert_cmpuint (s->replays_refused, ==, 1);
  g_assert_cmpint (s->last_sequence, ==, 2);
}

/* Another laptop of the group, copied after bundle 1, exports its own bundle 2: a fork,
 * set aside without force (its own row, after the rollback), applied with it. */
static void
test_fork_same_number (Chain         *c,
                       gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (&c->f, "dst.db");
  g_autofree char *one = export_to (c, c->f.src, "2026-03-31", "1.gdbundle");
  g_autoptr(DeskStore) laptop = copy_store (c, c->f.src, "laptop.db");
  g_autofree char *two = export_to (c, c->f.src, "2026-06-30", "2.gdbundle");
  g_autofree char *other_two = NULL;
  g_autoptr(DeskImportPlan) dry = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_after = NULL;
  g_autofree char *message = NULL;
  g_autofree char *message_again = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rows_again = NULL;
  g_autofree char *before_force = NULL;
  DeskGroupStatus *s;

  set_activity_status (c, laptop, "cancelled", "2026-11-25T11:00:00Z");
  other_two = export_to (c, laptop, "2026-06-30", "2-other.gdbundle");
  test_set_now (dst, "2026-11-25T13:00:00Z");

  desk_import_plan_free (import_ok (dst, one, FALSE, FALSE));
  desk_import_plan_free (import_ok (dst, two, FALSE, FALSE));
  digest = dump_digest (dst);

  dry = import_ok (dst, other_two, FALSE, TRUE);
  g_assert_true (dry->fork);
  g_assert_nonnull (dry->refused);
  digest_after = dump_digest (dst);
  g_assert_cmpstr (digest, ==, digest_after);

  /* A damaged copy claiming the same number is refused for its damage (its records no
   * longer match their digest) and leaves no mark in the chain. */
  {
    g_autofree char *damaged = fixture_path (&c->f, "2-damaged.gdbundle");
    g_autofree char *text = NULL;
    g_autoptr(GString) changed = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DeskImportPlan) plan = NULL;
    gsize length;
    char *at;

    g_assert_true (g_file_get_contents (other_two, &text, &length, NULL));
    at = strstr (text, ">cancelled<");
    g_assert_nonnull (at);
    changed = g_string_new_len (text, (gssize) length);
    g_string_overwrite (changed, (gsize) (at - text), ">postponed<");
    g_assert_true (g_file_set_contents (damaged, changed->str, (gssize) changed->len, NULL));
    plan = desk_bundle_import (dst, damaged, FALSE, FALSE, &error);
    g_assert_null (plan);
    g_assert_nonnull (error);
    g_assert_null (strstr (error->message, "set aside"));
    g_clear_pointer (&rows, g_free);
    rows = offers (dst);
    g_assert_null (rows);
    g_clear_pointer (&rows, g_free);
  }

  message = import_refused (dst, other_two,
                            (const char *[]) { "GEN-7", "number 2", "fork", "set aside", NULL });
  g_test_message ("%s", message);
  rows = offers (dst);
  g_assert_cmpstr (rows, ==, "fork2");
  g_clear_pointer (&digest_after, g_free);
  digest_after = digest_without_offers (dst);
  g_assert_cmpstr (digest, ==, digest_after);
  before_force = activity_status (c, dst);
  g_assert_cmpstr (before_force, !=, "cancelled");

  /* Offered again: refused again, still one bundle set aside. */
  message_again = import_refused (dst, other_two, (const char *[]) { "fork", NULL });
  rows_again = offers (dst);
  g_assert_cmpstr (rows_again, ==, "fork2");
  set_aside = status (dst, "2026-11-25");
  s = status_of (set_aside, c->group);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_FORK);
  g_assert_cmpuint (s->forks, ==, 1);
  g_assert_cmpint (s->last_sequence, ==, 2);
  g_assert_nonnull (strstr (s->message, "fork"));
  g_assert_nonnull (strstr (s->message, "GEN-7"));

  /* Forced: applied, and still one fork in the status (two bundles at number 2). */
  forced = import_ok (dst, other_two, TRUE, FALSE);
  g_assert_true (forced->fork);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (dst),
                                    "SELECT count (*) FROM imported_bundles WHERE sequence = 2"),
                   ==, 2);
  statuses = status (dst, "2026-11-25");
  s = status_of (statuses, c->group);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_FORK);
  g_assert_cmpuint (s->forks, ==, 1);
}

/* The other two ways of not following: a "previous" that is not the bundle held before
 * (a forced one is still seen as a fork), one that names a held bundle of another
 * number, and an older bundle that the next one held does not follow. */
static void
test_fork_not_following (Chain         *c,
                         gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (&c->f, "dst.db");
  g_autoptr(DeskStore) older = open_file_store (&c->f, "older.db");
  g_autofree char *one = export_to (c, c->f.src, "2026-03-31", "1.gdbundle");
  g_autoptr(DeskStore) laptop = copy_store (c, c->f.src, "laptop.db");
  g_autofree char *two = export_to (c, c->f.src, "2026-06-30", "2.gdbundle");
  g_autofree char *three = export_to (c, c->f.src, "2026-09-30", "3.gdbundle");
  g_autofree char *other_two = export_to (c, laptop, "2026-06-30", "2-other.gdbundle");
  g_autofree char *other_three = export_to (c, laptop, "2026-09-30", "3-other.gdbundle");
  g_autofree char *text = read_text (other_two);
  g_auto(GStrv) parts = g_strsplit (text, "<sequence>2</sequence>", -1);
  g_autofree char *renumbered = g_strjoinv ("<sequence>4</sequence>", parts);
  g_autofree char *four = fixture_path (&c->f, "4-other.gdbundle");
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  DeskGroupStatus *s;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_file_set_contents (four, renumbered, -1, NULL));

  desk_import_plan_free (import_ok (dst, one, FALSE, FALSE));
  desk_import_plan_free (import_ok (dst, two, FALSE, FALSE));

  /* Number 3 of the laptop follows its own 2, not the 2 held here. */
  m1 = import_refused (dst, other_three,
                       (const char *[]) { "GEN-7", "number 3", "does not follow", "number 2", NULL });
  /* "Number 4" whose previous is bundle 1. */
  m2 = import_refused (dst, four,
                       (const char *[]) { "GEN-7", "number 4", "names bundle number 1", NULL });
  rows = offers (dst);
  g_assert_cmpstr (rows, ==, "fork3 fork4");

  /* 1 and 3 held: the laptop's 2 is not the one 3 follows. */
  desk_import_plan_free (import_ok (older, one, FALSE, FALSE));
  desk_import_plan_free (import_ok (older, three, FALSE, FALSE));
  m3 = import_refused (older, other_two,
                       (const char *[]) { "GEN-7", "number 2", "number 3", "fork", NULL });

  /* Forced in, the laptop's 3 is still a fork, once. */
  forced = import_ok (dst, other_three, TRUE, FALSE);
  statuses = status (dst, "2026-11-25");
  s = status_of (statuses, c->group);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_FORK);
  g_assert_cmpuint (s->forks, ==, 2);
  g_assert_cmpint (s->last_sequence, ==, 3);
}

/* Late: no bundle covering the last reporting period that ended (with its grace). The
 * database's own group comes first and is never late. */
static void
test_late (Chain         *c,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) own = open_file_store (&c->f, "own.db");
  g_autofree char *own_group = NULL;
  g_autofree char *half = export_to (c, c->f.src, "2026-06-30", "1.gdbundle");
  g_autoptr(GPtrArray) on_time = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) quarterly = NULL;
  DeskGroupStatus *s;
  DeskGenerateOptions options = { 3, 2, 4, 4, "PE" };

  own_group = desk_generate_fill (own, &options, &error);
  g_assert_no_error (error);
  desk_import_plan_free (import_ok (own, half, FALSE, FALSE));

  on_time = status (own, "2026-12-07");
  g_assert_cmpuint (on_time->len, ==, 2);
  s = on_time->pdata[0];
  g_assert_true (s->own);
  g_assert_cmpstr (s->group_uuid, ==, own_group);
  g_assert_false (s->late);
  g_assert_cmpint (s->last_sequence, ==, 0);
  g_assert_null (s->message);
  s = status_of (on_time, c->group);
  g_assert_false (s->late);
  g_assert_null (s->due_to);

  /* In February 2027 the second half of 2026 is due. */
  later = status (own, "2027-02-15");
  s = status_of (later, c->group);
  g_assert_true (s->late);
  g_assert_cmpstr (s->due_to, ==, "2026-12-31");
  g_assert_nonnull (strstr (s->message, "2026-12-31"));
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_OK);
  g_assert_false (((DeskGroupStatus *) later->pdata[0])->late);

  /* Quarterly: on 2026-12-07 the third quarter is due. */
  desk_secretariat_set_reporting_months (own, 3, &error);
  g_assert_no_error (error);
  quarterly = status (own, "2026-12-07");
  s = status_of (quarterly, c->group);
  g_assert_true (s->late);
  g_assert_cmpstr (s->due_to, ==, "2026-09-30");
}

/* Bad input: a group whose code another group holds, records of another group than
 * the manifest's, an identifier imported before with other content. Each refused with
 * the group and the number, nothing written. */
static void
test_bad_input (Chain         *c,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) dst = open_file_store (&c->f, "dst.db");
  g_autoptr(DeskStore) twin = open_file_store (&c->f, "twin.db");
  DeskGenerateOptions options = { 7, 2, 4, 4, "GH" };
  g_autofree char *twin_group = desk_generate_fill (twin, &options, &error);
  g_autofree char *one = export_to (c, c->f.src, "2026-03-31", "1.gdbundle");
  g_autofree char *twin_one = NULL;
  g_autofree char *text = read_text (one);
  g_autofree char *manifest_attr = g_strdup_printf ("<group uuid=\"%s\"", c->group);
  g_autofree char *other_attr = g_strdup_printf ("<group uuid=\"%s\"", twin_group);
  g_auto(GStrv) parts = g_strsplit (text, manifest_attr, 2);
  g_autofree char *moved = g_strjoinv (other_attr, parts);
  g_autofree char *moved_path = fixture_path (&c->f, "moved.gdbundle");
  g_auto(GStrv) seq_parts = g_strsplit (text, "<sequence>1</sequence>", 2);
  g_autofree char *renumbered = g_strjoinv ("<sequence>5</sequence>", seq_parts);
  g_autofree char *renumbered_path = fixture_path (&c->f, "renumbered.gdbundle");
  g_autofree char *digest = NULL;
  g_autofree char *digest_after = NULL;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(DeskStore) fresh = open_file_store (&c->f, "fresh.db");

  g_assert_no_error (error);
  /* The twin is another group (another identifier) with the same code, GEN-7. */
  g_assert_cmpstr (twin_group, !=, c->group);
  {
    g_autoptr(GError) export_error = NULL;

    twin_one = fixture_path (&c->f, "twin.gdbundle");
    desk_bundle_export (twin, twin_group, "2026-01-01", "2026-03-31", DESK_PRIVACY_AGGREGATE,
                        twin_one, &export_error);
    g_assert_no_error (export_error);
  }
  /* The manifest is outside the records' digest: its group is changed, its records
   * stay the first group's. */
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_file_set_contents (moved_path, moved, -1, NULL));
  g_assert_cmpuint (g_strv_length (seq_parts), ==, 2);
  g_assert_true (g_file_set_contents (renumbered_path, renumbered, -1, NULL));

  desk_import_plan_free (import_ok (dst, one, FALSE, FALSE));
  digest = dump_digest (dst);

  m1 = import_refused (dst, twin_one,
                       (const char *[]) { "number 1", "GEN-7", "another group with that code", NULL });
  /* Into this database it carries the identifier of bundle 1 with another group; into
   * an empty one its records are another group's than its manifest's. */
  m2 = import_refused (dst, moved_path,
                       (const char *[]) { "number 1", "GEN-7", "imported before", NULL });
  m4 = import_refused (fresh, moved_path,
                       (const char *[]) { "number 1", "GEN-7", "another group", NULL });
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (fresh), "SELECT count (*) FROM groups"),
                   ==, 0);
  m3 = import_refused (dst, renumbered_path,
                       (const char *[]) { "number 5", "GEN-7", "imported before", NULL });
  g_test_message ("%s\n%s\n%s\n%s", m1, m2, m3, m4);

  digest_after = dump_digest (dst);
  g_assert_cmpstr (digest, ==, digest_after);
  rows = offers (dst);
  g_assert_null (rows);

  /* The same checks when only the file is checked. */
  g_assert_false (desk_bundle_validate_file (moved_path, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_empty (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(GPtrArray) statuses = status (store, NULL);

  g_assert_cmpuint (statuses->len, ==, 0);
  g_assert_cmpstr (desk_chain_to_string (DESK_CHAIN_FORK), ==, "fork");
  g_assert_cmpstr (desk_chain_label (DESK_CHAIN_GAP), ==, "Gap");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Chain, NULL, chain_set_up, func, chain_tear_down)
  g_test_add_func ("/core/secretariat/format-numbers", test_format_numbers);
  g_test_add_func ("/core/secretariat/status/empty", test_empty);
  ADD ("/core/secretariat/chain/gap-closed", test_gap_closed);
  ADD ("/core/secretariat/chain/replay", test_replay);
  ADD ("/core/secretariat/chain/fork-same-number", test_fork_same_number);
  ADD ("/core/secretariat/chain/fork-not-following", test_fork_not_following);
  ADD ("/core/secretariat/status/late", test_late);
  ADD ("/core/secretariat/bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
