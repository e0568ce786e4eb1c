/* test-attendance-cli.c — groupdesk-cli attendance-import and attendance
 *
 * Runs the real binary ($GROUPDESK_CLI) against databases in temporary folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "desk-core.h"

typedef struct
{
  char *dir;
  char *db;
  char *workshop;   /* a workshop of the sample group with an empty list */
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
  gint64 usec;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cliv (Run         *run,
          const char **args)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  gint64 started;

  if (cli == NULL)
    g_error ("GROUPDESK_CLI is not set: run the tests through meson test");

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  started = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  run->usec = g_get_monotonic_time () - started;
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("%s … → %d%s%s", args[2] != NULL ? args[2] : "", run->status,
                  run->err[0] != '\0' ? "; stderr: " : "", run->err);
}

#define run_cli(run, ...) run_cliv ((run), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_ok (Run *run)
{
  if (run->status != 0)
    g_error ("the CLI failed with %d: %s", run->status, run->err);
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "signin", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  g_auto(Run) run = { 0 };

  fixture->dir = g_dir_make_tmp ("groupdesk-att-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "groupdesk.db", NULL);

  run_cli (&run, "--db", fixture->db, "demo");
  assert_ok (&run);

  /* A fresh workshop, through core, for the import to fill. */
  store = desk_store_open (fixture->db, &error);
  g_assert_no_error (error);
  activities = desk_store_list (store, DESK_KIND_ACTIVITY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >, 0);
  workshop = desk_record_new (DESK_KIND_WORKSHOP);
  desk_record_set_string (workshop, "activity_uuid",
                          desk_record_get_uuid (g_ptr_array_index (activities, 0)));
  desk_record_set_string (workshop, "title_en", "Sign-in sheet import");
  desk_record_set_string (workshop, "start_date", "2026-10-05");
  desk_record_set_string (workshop, "end_date", "2026-10-05");
  desk_record_set_string (workshop, "format", "in_person");
  desk_record_set_int (workshop, "planned_participants", 0);
  g_assert_true (desk_store_insert (store, workshop, &error));
  g_assert_no_error (error);
  fixture->workshop = g_strdup (desk_record_get_uuid (workshop));
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->workshop);
}

/* Rows in the tables the import writes, read through core. */
static gint64
count_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (fixture->db, &error);

  g_assert_no_error (error);

  return desk_store_count (store, DESK_KIND_PERSON, NULL) * 100000 +
         desk_store_count (store, DESK_KIND_ATTENDANCE, NULL);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (root != NULL && JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *file = fixture_file ("chinese-headers.csv");
  g_auto(Run) run = { 0 };
  gint64 before = count_rows (fixture);

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "line 2: new person"));
  g_assert_nonnull (strstr (run.out, "line 5: new person"));
  g_assert_nonnull (strstr (run.out, "姓名"));
  /* The plan is told by line numbers, never by names. */
  g_assert_null (strstr (run.out, "张伟"));
  g_assert_null (strstr (run.out, "李娜"));
  g_assert_cmpint (count_rows (fixture), ==, before + 4 * 100000 + 4);

  /* Again: matched, not repeated. */
  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "line 2: already on this workshop"));
  g_assert_cmpint (count_rows (fixture), ==, before + 4 * 100000 + 4);
}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *file = fixture_file ("utf16le-tab.txt");
  g_auto(Run) run = { 0 };
  gint64 before = count_rows (fixture);

  run_cli (&run, "--db", fixture->db, "attendance-import", "--dry-run",
           "--workshop", fixture->workshop, file);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "UTF-16LE"));
  g_assert_nonnull (strstr (run.out, "tab"));
  g_assert_nonnull (strstr (run.out, "Nothing was written"));
  g_assert_cmpint (count_rows (fixture), ==, before);
}

static void
test_map (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "sheet.csv", NULL);
  g_auto(Run) run = { 0 };
  gint64 before = count_rows (fixture);

  g_assert_true (g_file_set_contents (file, "Nom;Structure;Genre\nAwa Diallo;Mairie;F\n", -1, NULL));
  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No column of names"));

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop,
           "--map", "name=Nom,organisation=Structure", "--map", "gender=Genre", file);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "line 2: new person"));
  g_assert_cmpint (count_rows (fixture), ==, before + 100000 + 1);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *file = fixture_file ("malformed.csv");
  g_auto(Run) run = { 0 };
  gint64 before = count_rows (fixture);

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.err, "Line 3:"));
  g_assert_nonnull (strstr (run.err, "Line 4:"));
  g_assert_nonnull (strstr (run.err, "“Q”"));
  g_assert_null (strstr (run.err, "Line 2:"));
  /* Abena Mensah and Ama Owusu are new to this group's sample data or not; either way
   * two attendances are added. */
  g_assert_cmpint (count_rows (fixture) % 100000, ==, before % 100000 + 2);
}

static void
assert_refused (Fixture    *fixture,
                const char *file,
                const char *message)
{
  g_auto(Run) run = { 0 };
  gint64 before = count_rows (fixture);

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  if (strstr (run.err, message) == NULL)
    g_error ("“%s” does not say “%s”", run.err, message);
  /* Quickly: a refusal takes no longer than starting the program. */
  g_assert_cmpint (run.usec, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (count_rows (fixture), ==, before);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *empty = fixture_file ("empty.csv");
  g_autofree char *binary = fixture_file ("binary.bin");
  g_autofree char *huge = g_build_filename (fixture->dir, "huge.csv", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_auto(Run) run = { 0 };
  int fd;

  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, DESK_SIGNIN_MAX_BYTES + 1024), ==, 0);
  close (fd);

  assert_refused (fixture, empty, "empty");
  assert_refused (fixture, binary, "binary");
  assert_refused (fixture, huge, "larger than");
  assert_refused (fixture, missing, "missing.csv");
  {
    g_autofree char *two_names = fixture_file ("duplicate-name-column.csv");

    /* Two columns of names: the command line says how to choose there. */
    assert_refused (fixture, two_names, "--map name=HEADER");
  }

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", "no-such-workshop", empty);
  g_assert_cmpint (run.status, ==, 1);
  run_cli (&run, "--db", fixture->db, "attendance-import", empty);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop,
           "--frobnicate", empty);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_breakdown_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *file = fixture_file ("utf8.csv");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root;
  JsonObject *cells;
  static const char *const pillars[] = {
    "government", "company", "civil_society", "observer", "other", "not_stated",
  };
  static const char *const genders[] = { "woman", "man", "another", "not_stated" };
  gint64 sum = 0;

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "attendance", "--workshop", fixture->workshop, "--json");
  assert_ok (&run);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "workshop"), ==, fixture->workshop);
  g_assert_true (json_object_get_null_member (root, "from"));
  g_assert_cmpint (json_object_get_int_member (root, "attendances"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "people"), ==, 4);
  /* Abena and Ama of four. */
  g_assert_cmpfloat (json_object_get_double_member (root, "women_share_percent"), ==, 50.0);
  g_assert_cmpint (json_object_get_int_member (root, "repeat_people"), ==, 0);

  /* The keys are the reference codes, all of them, and nothing else. */
  cells = json_object_get_object_member (root, "by_pillar_gender");
  g_assert_cmpuint (json_object_get_size (cells), ==, G_N_ELEMENTS (pillars));
  for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
    {
      JsonObject *row = json_object_get_object_member (cells, pillars[p]);

      g_assert_nonnull (row);
      g_assert_cmpuint (json_object_get_size (row), ==, G_N_ELEMENTS (genders));
      for (guint g = 0; g < G_N_ELEMENTS (genders); g++)
        {
          g_assert_true (json_object_has_member (row, genders[g]));
          sum += json_object_get_int_member (row, genders[g]);
        }
    }
  g_assert_cmpint (sum, ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cells, "company"), "man"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cells, "observer"), "another"), ==, 1);

  /* Counts only: no name of the sheet comes out, whatever the format. */
  g_assert_null (strstr (run.out, "Kofi"));
  run_cli (&run, "--db", fixture->db, "attendance");
  assert_ok (&run);
  g_assert_null (strstr (run.out, "Kofi"));
  g_assert_null (strstr (run.out, "Abena"));
  run_cli (&run, "--db", fixture->db, "attendance", "--csv");
  assert_ok (&run);
  g_assert_null (strstr (run.out, "Kofi"));
}

static void
test_breakdown_csv (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *file = fixture_file ("utf8.csv");
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "--db", fixture->db, "attendance-import", "--workshop", fixture->workshop, file);
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "attendance", "--workshop", fixture->workshop, "--csv");
  assert_ok (&run);
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "pillar,woman,man,another,not_stated,attendances,people,women_share_percent");
  g_assert_cmpstr (lines[1], ==, "government,1,0,0,0,1,1,100.0");
  g_assert_cmpstr (lines[2], ==, "company,0,1,0,0,1,1,0.0");
  g_assert_cmpstr (lines[6], ==, "not_stated,0,0,0,0,0,0,");
  g_assert_cmpstr (lines[7], ==, "total,2,1,1,0,4,4,50.0");
  g_assert_cmpstr (lines[8], ==, "");
}

static void
test_breakdown_period (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root;
  gint64 all;

  run_cli (&run, "--db", fixture->db, "attendance", "--json");
  assert_ok (&run);
  all = json_object_get_int_member (parse_object (parser, run.out), "attendances");
  g_assert_cmpint (all, >, 0);

  run_cli (&run, "--db", fixture->db, "attendance", "--from", "1990-01-01", "--to", "1990-12-31", "--json");
  assert_ok (&run);
  root = parse_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "attendances"), ==, 0);
  g_assert_true (json_object_get_null_member (root, "women_share_percent"));
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "1990-01-01");

  run_cli (&run, "--db", fixture->db, "attendance", "--from", "2000-01-01", "--json");
  assert_ok (&run);
  g_assert_cmpint (json_object_get_int_member (parse_object (parser, run.out), "attendances"), ==, all);

  run_cli (&run, "--db", fixture->db, "attendance", "--from", "31/12/2026");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "YYYY-MM-DD"));
  run_cli (&run, "--db", fixture->db, "attendance", "--json", "--csv");
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/attendance/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("import", test_import);
  ADD ("dry-run", test_dry_run);
  ADD ("map", test_map);
  ADD ("malformed", test_malformed);
  ADD ("refused", test_refused);
  ADD ("json", test_breakdown_json);
  ADD ("csv", test_breakdown_csv);
  ADD ("period", test_breakdown_period);

  return g_test_run ();
}
