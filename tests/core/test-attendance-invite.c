/* test-attendance-invite.c — invitations: migration 6 keeps every attendance entry, the
 * invite → confirm → check-in flow, e-mail addresses of a selection, the sign-in sheet
 * with the people invited, and a bundle that carries invited entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-paperwork.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  char *dir;
  char *workshop;
} Fixture;

static char *
add_person (DeskStore  *store,
            const char *group,
            const char *name,
            const char *email)
{
  g_autoptr(DeskRecord) p = test_add (store, DESK_KIND_PERSON, group, "name", name,
                                      "gender", "woman", "email", email, NULL);

  return g_strdup (desk_record_get_uuid (p));
}

static char *
add_workshop (DeskStore *store,
              TestWorld *world)
{
  g_autoptr(DeskRecord) w = test_add (store, DESK_KIND_WORKSHOP, NULL,
                                      "activity_uuid", test_world_uuid (world, "activity"),
                                      "title_en", "Grievance mechanisms", "start_date", "2026-03-04",
                                      "end_date", "2026-03-04", "format", "in_person", NULL);

  return g_strdup (desk_record_get_uuid (w));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_memory (NULL);
  f->world = test_world_new (f->store, "GH-TEST");
  f->dir = test_make_tmpdir ();
  f->workshop = add_workshop (f->store, f->world);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->workshop);
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
}

static char *
status_of (DeskStore  *store,
           const char *workshop,
           const char *person)
{
  g_autoptr(DeskRecord) entry = desk_attendance_find (store, workshop, person);

  return entry != NULL ? g_strdup (desk_record_get_string (entry, "status")) : NULL;
}

/* A database at version 5 (attendance without 'invited') upgraded: every entry, with its
 * role, status and time, is still there, no tombstone is written, and 'invited' is then
 * accepted. */
static void
test_migration (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v5.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TestWorld *world;
  g_autofree char *workshop = NULL;
  g_autofree char *invited = NULL;
  gint64 tombstones;
  sqlite3 *db;
  const char *statuses[] = { "registered", "attended", "absent" };

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);
  world = test_world_new (store, "GH-TEST");
  workshop = add_workshop (store, world);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *person = add_person (store, world->group, name, "");
      g_autoptr(DeskRecord) a = test_add (store, DESK_KIND_ATTENDANCE, NULL,
                                          "workshop_uuid", workshop, "person_uuid", person,
                                          "role", i == 0 ? "speaker" : "participant",
                                          "status", statuses[i], NULL);
    }
  invited = add_person (store, world->group, "Later invited", "");
  test_world_free (world);
  g_clear_object (&store);

  db = test_sqlite_open (path);
  test_sqlite_undo_migration_7 (db);
  test_sqlite_undo_migration_6 (db);
  test_sqlite_exec (db, "PRAGMA user_version = 5;");
  /* Version 5 knew no invitations. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE attendance SET status = 'invited'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  before = g_ptr_array_new_with_free_func (g_free);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid || group_uuid || workshop_uuid || "
                                             "person_uuid || role || status || updated "
                                             "FROM attendance ORDER BY uuid", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (before, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }
  tombstones = test_sqlite_int (db, "SELECT count(*) FROM tombstones");
  sqlite3_close (db);
  g_assert_cmpuint (before->len, >=, 3);

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==, DESK_SCHEMA_VERSION);
  db = _desk_store_get_db (store);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM tombstones"), ==, tombstones);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                        "('attendance_person', 'attendance_tombstone', "
                                        "'attendance_revive')"), ==, 3);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                        "'attendance_v5'"), ==, 0);
  after = g_ptr_array_new_with_free_func (g_free);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid || group_uuid || workshop_uuid || "
                                             "person_uuid || role || status || updated "
                                             "FROM attendance ORDER BY uuid", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (after, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  {
    const char *people[] = { invited, NULL };
    g_autofree char *status = NULL;

    g_assert_true (desk_attendance_invite (store, NULL, workshop, people, NULL, &error));
    g_assert_no_error (error);
    status = status_of (store, workshop, invited);
    g_assert_cmpstr (status, ==, "invited");
  }
  /* The tombstone trigger came back with the table. */
  {
    g_autoptr(DeskRecord) entry = desk_attendance_find (store, workshop, invited);

    g_assert_true (desk_store_delete (store, DESK_KIND_ATTENDANCE, desk_record_get_uuid (entry), &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM tombstones"), ==, tombstones + 1);
  }
  g_clear_object (&store);
  test_rm_rf (dir);
}

/* Invited → confirmed (registered) → checked in (attended); a second invitation keeps
 * the one entry and its status; one undo takes a whole invitation back. */
static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autofree char *a = add_person (f->store, f->world->group, "Abena Mensah", "abena@example.org");
  g_autofree char *b = add_person (f->store, f->world->group, "Kofi Boateng", "");
  g_autofree char *c = add_person (f->store, f->world->group, "Ama Owusu", "");
  const char *both[] = { a, b, NULL };
  const char *again[] = { a, c, NULL };
  g_autoptr(DeskRecord) checked = NULL;
  g_autofree char *status = NULL;
  guint invited = 99;

  g_assert_true (desk_attendance_invite (f->store, history, f->workshop, both, &invited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (invited, ==, 2);
  g_assert_cmpint (desk_attendance_count_status (f->store, f->workshop, "invited", NULL), ==, 2);

  /* One undo takes both back; redo brings both. */
  g_assert_true (desk_history_undo (history, &error));
  g_assert_cmpint (desk_attendance_count_status (f->store, f->workshop, "invited", NULL), ==, 0);
  g_assert_true (desk_history_redo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_attendance_count_status (f->store, f->workshop, "invited", NULL), ==, 2);

  g_assert_true (desk_attendance_confirm (f->store, history, f->workshop, a, &error));
  g_assert_no_error (error);
  status = status_of (f->store, f->workshop, a);
  g_assert_cmpstr (status, ==, "registered");
  g_clear_pointer (&status, g_free);
  g_assert_cmpint (desk_attendance_count_status (f->store, f->workshop, "invited", NULL), ==, 1);

  /* Invited again: a keeps their one entry, registered; c is new. */
  g_assert_true (desk_attendance_invite (f->store, NULL, f->workshop, again, &invited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (invited, ==, 1);
  status = status_of (f->store, f->workshop, a);
  g_assert_cmpstr (status, ==, "registered");
  g_clear_pointer (&status, g_free);
  g_assert_cmpint (desk_attendance_count_status (f->store, f->workshop, "invited", NULL) +
                   desk_attendance_count_status (f->store, f->workshop, "registered", NULL), ==, 3);

  /* An invited person who comes without confirming is attended. */
  checked = desk_attendance_check_in (f->store, f->workshop, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (checked, "status"), ==, "attended");
  g_assert_cmpstr (desk_record_get_string (checked, "role"), ==, "participant");

  /* Confirming an attended person changes nothing; one not on the list is refused. */
  g_assert_true (desk_attendance_confirm (f->store, NULL, f->workshop, b, &error));
  status = status_of (f->store, f->workshop, b);
  g_assert_cmpstr (status, ==, "attended");
  {
    g_autofree char *d = add_person (f->store, f->world->group, "Not Invited", "");

    g_assert_false (desk_attendance_confirm (f->store, NULL, f->workshop, d, &error));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  }
}

/* An unknown person among good ones: nobody is invited. */
static void
test_invite_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_person (f->store, f->world->group, "Abena Mensah", "");
  const char *people[] = { a, "00000000-0000-4000-8000-000000000000", NULL };

  g_assert_false (desk_attendance_invite (f->store, NULL, f->workshop, people, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (desk_attendance_find (f->store, f->workshop, a));
}

/* E-mail addresses of a selection: in order, each once, those without one skipped. */
static void
test_emails (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_person (f->store, f->world->group, "Abena Mensah", "abena@example.org");
  g_autofree char *b = add_person (f->store, f->world->group, "Kofi Boateng", "");
  g_autofree char *c = add_person (f->store, f->world->group, "Ama Owusu", " ama@example.org ");
  const char *people[] = { c, b, a, c, NULL };
  const char *nobody[] = { b, NULL };
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  guint skipped = 0;

  text = desk_people_dup_emails (f->store, people, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "ama@example.org, abena@example.org");
  g_assert_cmpuint (skipped, ==, 1);
  empty = desk_people_dup_emails (f->store, nobody, &skipped, &error);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (skipped, ==, 1);
}

/* The sign-in sheet pre-fills the invited with the registered and attended. */
static void
test_signin_invited (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_person (f->store, f->world->group, "Invited Person", "");
  g_autofree char *b = add_person (f->store, f->world->group, "Registered Person", "");
  g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  const char *people[] = { a, b, NULL };
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed (build-aux/dev installs it)");
      return;
    }
  g_assert_true (desk_attendance_invite (f->store, NULL, f->workshop, people, NULL, &error));
  g_assert_true (desk_attendance_confirm (f->store, NULL, f->workshop, b, &error));
  g_assert_no_error (error);
  g_assert_true (desk_paperwork_write_pdf (f->store, f->workshop, DESK_PAPERWORK_SIGN_IN, path,
                                           &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Invited Person"));
  g_assert_nonnull (strstr (out, "Registered Person"));
}

/* A bundle of a database with invited entries is written, validates and imports with
 * the status kept. The bundle's schema must know the status: until it does, the test says
 * what is missing instead of failing. */
static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *a = add_person (f->store, f->world->group, "Invited Person", "");
  g_autofree char *path = g_build_filename (f->dir, "bundle.xml", NULL);
  const char *people[] = { a, NULL };

  g_assert_true (desk_attendance_invite (f->store, NULL, f->workshop, people, NULL, &error));
  g_assert_no_error (error);

  for (DeskPrivacy privacy = DESK_PRIVACY_AGGREGATE; privacy <= DESK_PRIVACY_NAMED; privacy++)
    {
      gboolean ok = desk_bundle_export (f->store, f->world->group, "2026-01-01", "2026-06-30",
                                        privacy, path, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (desk_bundle_validate_file (path, &reasons, &error));
      g_assert_no_error (error);
      g_clear_pointer (&reasons, g_ptr_array_unref);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/attendance/invite/migration", test_migration);
#define ADD(path, fn) g_test_add ("/core/attendance/invite/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("flow", test_flow);
  ADD ("refused", test_invite_refused);
  ADD ("emails", test_emails);
  ADD ("signin-invited", test_signin_invited);
  ADD ("bundle", test_bundle);
#undef ADD

  return g_test_run ();
}
