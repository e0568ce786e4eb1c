/* test-cli.c — groupdesk-cli as scripts and the secretariat use it: help, usage, listing,
 * showing, checking, backing up, restoring, generating
 *
 * What the CLI does with the database it is given is in test-cli-db.c.
 *
 * Runs the real binary ($GROUPDESK_CLI) against databases in temporary folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--version");
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "groupdesk-cli "));
  g_assert_cmpuint (strlen (run.out), >, strlen ("groupdesk-cli \n"));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *const commands[] = { "demo", "generate", "list", "check", "backup" };
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help");
  assert_ok (&run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Usage"));
  g_assert_nonnull (strstr (run.out, "--db"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run.out, commands[i]));
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    g_assert_nonnull (strstr (run.out, (*k)->plural));
}

/* Bad usage: exit status 2, a message on stderr, nothing on stdout, no database made. */
static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *const cases[][6] = {
    { NULL },
    { "frobnicate", NULL },
    { "list", NULL },
    { "list", "nosuchkind", NULL },
    { "list", "activities", "--bogus", NULL },
    { "list", "activities", "people", NULL },
    { "--bogus", "list", "groups", NULL },
    { "generate", "--seed", "seven", NULL },
    { "generate", "--people", NULL },
    { "generate", "--colour", "red", NULL },
    { "backup", NULL },
    { "backup", "-o", NULL },
    { "demo", "extra", NULL },
    { "check", "extra", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[10] = { "--db", fixture->db, NULL };
      guint n = 2;

      for (guint j = 0; cases[i][j] != NULL; j++)
        args[n++] = cases[i][j];
      args[n] = NULL;

      run_cliv (&run, NULL, args);
      if (run.status != 2)
        g_error ("case %u: exit status %d, expected 2", i, run.status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "groupdesk-cli: "));
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(Run) run = { 0 };

    /* --db without its value. */
    run_cli (&run, "--db");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, !=, "");
  }
}

static void
test_list_json_every_kind (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *const kinds[] = {
    "groups", "members", "workplans", "activities", "deliverables", "indicators",
    "budget-lines", "expenses", "funding", "rates", "workshops", "people", "attendance",
    "nominations", "exports",
  };

  demo (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *array;

      run_cli (&run, "--db", fixture->db, "list", kinds[i], "--json");
      assert_ok (&run);
      array = parse_array (parser, run.out);
      if (g_str_equal (kinds[i], "exports"))
        g_assert_cmpuint (json_array_get_length (array), ==, 0);
      else if (json_array_get_length (array) == 0)
        g_error ("list %s --json printed an empty array after demo", kinds[i]);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *object = json_array_get_object_element (array, j);

          g_assert_nonnull (object);
          g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "uuid")));
          if (g_str_equal (kinds[i], "people"))
            g_assert_cmpstr (json_object_get_string_member (object, "name"), !=, "");
        }
    }
}

/* groupdesk-cli follows LANGUAGE like any program: its help in Chinese. */
static void
test_help_chinese (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { cli, "--help", NULL };
  int status = 0;

  if (g_getenv ("GROUPDESK_LOCALEDIR") == NULL)
    {
      g_test_skip ("GROUPDESK_LOCALEDIR is not set: run through meson test, which builds the catalogue");
      return;
    }

  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (out, "用法："));
  g_assert_nonnull (strstr (out, "驻在国实施小组"));
  /* Option names stay as typed. */
  g_assert_nonnull (strstr (out, "--db"));

  /* And a bad command's message. */
  {
    const char *bad[] = { cli, "frobnicate", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) bad, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (err, "不是"));
  }
}

/* Every command refuses an option it does not know in the same sentence, naming itself;
 * options before the command are refused as groupdesk-cli's own. */
static void
test_unknown_option (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *const commands[] = {
    "generate", "list", "show", "budget", "attendance-import", "attendance", "backup", "report",
    "export", "export-iati", "import",
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *expected = g_strdup_printf ("Unknown option “--no-such-option” for “%s”.",
                                                   commands[i]);

      run_cli (&run, "--db", fixture->db, commands[i], "--no-such-option");
      g_assert_cmpint (run.status, ==, 2);
      if (strstr (run.err, expected) == NULL)
        g_error ("“%s --no-such-option” says:\n%s", commands[i], run.err);
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--no-such-option", "budget");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown option “--no-such-option” for “groupdesk-cli”."));
  }
}

/* The budget as text: a heading over the figures, lines grouped under their activity's
 * subtotal, a grand total, and the one minus sign. */
static void
test_budget_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) demo = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  int heading = -1, subtotal = -1, total = -1, hall = -1;

  run_cli (&demo, "--db", fixture->db, "demo");
  assert_ok (&demo);
  run_cli (&run, "--db", fixture->db, "budget");
  assert_ok (&run);
  lines = g_strsplit (run.out, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Activity and budget line") && strstr (lines[i], "Budget (GHS)") &&
          strstr (lines[i], "Spent") && strstr (lines[i], "Variance"))
        heading = i;
      else if (g_str_has_prefix (lines[i], "  Conference hall and lunch"))
        hall = i;
      else if (g_str_has_prefix (lines[i], "A1 ") && subtotal < 0)
        subtotal = i;
      else if (g_str_has_prefix (lines[i], "Total "))
        total = i;
    }
  g_assert_cmpint (heading, >=, 0);
  g_assert_cmpint (heading, <, hall);
  g_assert_cmpint (hall, <, subtotal);
  g_assert_cmpint (subtotal, <, total);
  g_assert_nonnull (strstr (lines[hall], "\xe2\x88\x92" "500.00"));
  g_assert_nonnull (strstr (lines[hall], "over budget"));
  g_assert_null (strstr (run.out, "-500"));

  /* JSON names the amounts without a rate by currency: none in the sample group. */
  {
    g_auto(Run) json = { 0 };

    run_cli (&json, "--db", fixture->db, "budget", "--json");
    assert_ok (&json);
    g_assert_nonnull (strstr (json.out, "\"missing_rates_by_currency\" : []"));
  }
}

/* The commands' synopses as the global --help lists them: the lines indented by two
 * spaces between "Commands:" and the next blank line. The command's name is the first word. */
static GPtrArray *
listed_synopses (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  GPtrArray *synopses = g_ptr_array_new_with_free_func (g_free);
  gboolean in_commands = FALSE;

  run_cli (&run, "--help");
  assert_ok (&run);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "Commands:"))
        in_commands = TRUE;
      else if (in_commands && lines[i][0] == '\0')
        break;
      else if (in_commands && g_str_has_prefix (lines[i], "  ") && lines[i][2] != ' ')
        g_ptr_array_add (synopses, g_strchomp (g_strdup (lines[i] + 2)));
    }

  return synopses;
}

/* Whether @help has an option line ("  -o, --output FILE  …") that names @option. */
static gboolean
has_option_line (const char *help,
                 const char *option)
{
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "  -"))
        continue;
      words = g_strsplit_set (lines[i], " ,", -1);
      if (g_strv_contains ((const char *const *) words, option))
        return TRUE;
    }

  return FALSE;
}

/* `COMMAND --help`, `COMMAND -h` and `help COMMAND`, for every command the global help
 * lists: the command's usage, its options, exit 0, nothing on stderr, and no database
 * made, wherever the database would have been. */
static void
test_command_help (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const expected[] = {
    "demo", "generate", "list", "show", "budget", "attendance-import", "attendance", "check",
    "backup", "report", "backups", "restore", "export", "export-iati", "validate", "import",
    "help",
  };
  g_autoptr(GPtrArray) synopses = listed_synopses ();
  g_autofree char *data_dir = g_path_get_dirname (fixture->db);
  g_autofree char *default_db = desk_store_default_path ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < synopses->len; i++)
    {
      const char *synopsis = g_ptr_array_index (synopses, i);

      g_ptr_array_add (names, g_strndup (synopsis, strcspn (synopsis, " ")));
    }
  g_ptr_array_add (names, NULL);
  /* The parsing above found them all (and a new command is tested without listing it). */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_strv_contains ((const char *const *) names->pdata, expected[i]))
      g_error ("the global --help does not list “%s”", expected[i]);

  for (guint i = 0; i < synopses->len; i++)
    {
      const char *synopsis = g_ptr_array_index (synopses, i);
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *usage = g_strdup_printf ("Usage: groupdesk-cli %s\n", synopsis);
      g_auto(GStrv) tokens = g_strsplit_set (synopsis, " []|=", -1);

      for (guint form = 0; form < 3; form++)
        {
          g_auto(Run) run = { 0 };

          /* --db, then $GROUPDESK_DB, then the default database. */
          if (form == 0)
            run_cli (&run, "--db", fixture->db, name, "--help");
          else if (form == 1)
            run_cliv (&run, fixture->db, (const char *[]) { name, "-h", NULL });
          else
            run_cli (&run, "help", name);

          if (run.status != 0)
            g_error ("help for “%s” (form %u) exited with %d: %s", name, form, run.status, run.err);
          g_assert_cmpstr (run.err, ==, "");
          if (!g_str_has_prefix (run.out, usage))
            g_error ("help for “%s” does not begin with “%s”:\n%s", name, usage, run.out);
          g_assert_true (has_option_line (run.out, "--help"));
          g_assert_true (has_option_line (run.out, "-h"));
          /* Every option of the synopsis has its line. */
          for (guint t = 0; tokens[t] != NULL; t++)
            if (tokens[t][0] == '-' && !has_option_line (run.out, tokens[t]))
              g_error ("help for “%s” has no line for %s:\n%s", name, tokens[t], run.out);

          g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
        }

      /* Help does not make an unknown option acceptable. */
      {
        g_auto(Run) run = { 0 };

        run_cli (&run, "--db", fixture->db, name, "--no-such-option");
        if (run.status != 2)
          g_error ("“%s --no-such-option” exited with %d, expected 2", name, run.status);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_true (g_str_has_prefix (run.err, "groupdesk-cli: "));
        g_assert_nonnull (strstr (run.err, "--help"));
        g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
      }
    }

  /* `help` with something that is not one command. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "help", "frobnicate");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "frobnicate"));

    run_cli (&run, "help", "export", "import");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");

    /* `help` alone is the global help. */
    run_cli (&run, "help");
    assert_ok (&run);
    g_assert_true (g_str_has_prefix (run.out, "Usage: groupdesk-cli [--db PATH]"));
  }
}

/* A command's help is translated too, from the catalogue the build tree holds (where
 * `meson devenv` points GROUPDESK_LOCALEDIR). */
static void
test_command_help_chinese (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { cli, "--db", fixture->db, "export", "--help", NULL };
  int status = 0;

  if (g_getenv ("GROUPDESK_LOCALEDIR") == NULL)
    {
      g_test_skip ("GROUPDESK_LOCALEDIR is not set: run through meson test, which builds the catalogue");
      return;
    }

  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  /* The command's summary and the help option's line, as the global help has them. */
  g_assert_nonnull (strstr (out, "写入报送秘书处的实施小组数据包"));
  g_assert_nonnull (strstr (out, "显示此帮助信息并退出"));
  /* The synopsis stays as it is typed. */
  g_assert_nonnull (strstr (out, "export --from DATE --to DATE"));
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) one = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;
  JsonObject *shown;
  const char *uuid;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "list", "activities", "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);
  first = json_array_get_object_element (array, 0);
  uuid = json_object_get_string_member (first, "uuid");

  /* show KIND UUID --json prints the same object as list, for one record. */
  run_cli (&run, "--db", fixture->db, "show", "activity", uuid, "--json");
  assert_ok (&run);
  json_parser_load_from_data (one, run.out, -1, &error);
  g_assert_no_error (error);
  shown = json_node_get_object (json_parser_get_root (one));
  g_assert_nonnull (shown);
  g_assert_cmpstr (json_object_get_string_member (shown, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (shown, "title_en"), ==,
                   json_object_get_string_member (first, "title_en"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "themes")), ==,
                    json_array_get_length (json_object_get_array_member (first, "themes")));

  /* The plain form names every field. */
  run_cli (&run, "--db", fixture->db, "show", "activities", uuid);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "outcome_en"));
  g_assert_nonnull (strstr (run.out, uuid));

  /* An unknown identifier is a failure with a message; bad usage is status 2. */
  run_cli (&run, "--db", fixture->db, "show", "activity", "00000000-0000-0000-0000-000000000000");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  run_cli (&run, "--db", fixture->db, "show", "activity");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "show", "spaceships", uuid);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *backup = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  guint people;

  demo (fixture);
  people = count_json (fixture, NULL, "people");
  run_cli (&run, "--db", fixture->db, "backup", "-o", backup);
  assert_ok (&run);

  /* Lose every record of a kind by hand, then restore. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM people", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpuint (count_json (fixture, NULL, "people"), ==, 0);

  run_cli (&run, "--db", fixture->db, "restore", backup);
  assert_ok (&run);
  g_assert_cmpuint (count_json (fixture, NULL, "people"), ==, people);

  /* The state before the restore is listed as a backup. */
  run_cli (&run, "--db", fixture->db, "backups");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "before-restore-"));

  /* Not a backup: a failure with the file's name, and nothing changed. */
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  run_cli (&run, "--db", fixture->db, "restore", text);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, text));
  g_assert_cmpuint (count_json (fixture, NULL, "people"), ==, people);
  run_cli (&run, "--db", fixture->db, "restore");
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_list_plain (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonArray *array;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "list", "activities", "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);

  run_cli (&run, "--db", fixture->db, "list", "activities");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, json_array_get_length (array));
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      /* Each line starts with the UUID and carries the title. */
      g_assert_true (g_str_has_prefix (lines[i], json_object_get_string_member (object, "uuid")));
      g_assert_nonnull (strstr (lines[i], json_object_get_string_member (object, "title_en")));
    }
}

/* A title with a line break is still one line of the plain listing. */
static void
test_list_plain_multiline (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (fixture->db, &error);
  g_autofree char *group = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_auto(Run) run = { 0 };

  g_assert_no_error (error);
  group = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  activities = desk_store_list (store, DESK_KIND_ACTIVITY, group, &error);
  desk_record_set_string (g_ptr_array_index (activities, 0), "title_en", "First line\nsecond line");
  g_assert_true (desk_store_update (store, g_ptr_array_index (activities, 0), &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  run_cli (&run, "--db", fixture->db, "list", "activities");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, activities->len);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  sqlite3 *db = NULL;
  char *message = NULL;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "check");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, fixture->db));

  /* What a program that ignores foreign keys could leave behind. */
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; "
                        "UPDATE deliverables SET activity_uuid = 'no-such-activity' "
                        "WHERE rowid = (SELECT min (rowid) FROM deliverables)",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);

  run_cli (&run, "--db", fixture->db, "check");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "deliverables"));
  g_assert_nonnull (strstr (run.err, fixture->db));
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "backups", "copy.db", NULL);
  g_auto(Run) run = { 0 };

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "backup", "-o", copy);
  assert_ok (&run);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  run_cli (&run, "--db", copy, "list", "groups");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_nonnull (strstr (run.out, "Ghana"));

  {
    g_auto(Run) original = { 0 };
    g_auto(Run) backup = { 0 };

    run_cli (&original, "--db", fixture->db, "list", "attendance", "--json");
    run_cli (&backup, "--db", copy, "list", "attendance", "--json");
    assert_ok (&backup);
    g_assert_cmpstr (original.out, ==, backup.out);
  }
}

static void
test_generate (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "generate", "--seed", "7", "--activities", "20",
           "--people", "100", "--attendance", "300");
  assert_ok (&run);
  g_assert_cmpuint (count_json (fixture, NULL, "activities"), ==, 20);
  g_assert_cmpuint (count_json (fixture, NULL, "people"), ==, 100);
  g_assert_cmpuint (count_json (fixture, NULL, "attendance"), ==, 300);
  g_assert_cmpuint (count_json (fixture, NULL, "deliverables"), ==, 60);
  g_assert_cmpuint (count_json (fixture, NULL, "expenses"), ==, 400);

  /* Impossible sizes fail as a failure, not as bad usage, and add nothing. */
  run_cli (&run, "--db", fixture->db, "generate", "--seed", "8", "--activities", "2",
           "--people", "3", "--attendance", "7");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 1);
}

/* Groups of other countries, beside one another in one database, each in its country's
 * currency; an unknown country or a missing code adds nothing. */
static void
test_generate_country (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *groups;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  run_cli (&run, "--db", fixture->db, "generate", "--seed", "4", "--activities", "2",
           "--people", "10", "--attendance", "10");
  assert_ok (&run);
  run_cli (&run, "--db", fixture->db, "generate", "--seed", "4", "--country", "pe",
           "--activities", "2", "--people", "10", "--attendance", "10");
  assert_ok (&run);
  run_cli (&run, "--db", fixture->db, "generate", "--seed", "5", "--country", "NG",
           "--activities", "2", "--people", "0", "--attendance", "0");
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "list", "groups", "--json");
  assert_ok (&run);
  groups = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      g_hash_table_insert (seen, g_strdup (json_object_get_string_member (group, "code")),
                           g_strdup_printf ("%s %s", json_object_get_string_member (group, "country"),
                                            json_object_get_string_member (group, "currency")));
    }
  g_assert_cmpstr (g_hash_table_lookup (seen, "GEN-4"), ==, "GH GHS");
  g_assert_cmpstr (g_hash_table_lookup (seen, "PE-GEN-4"), ==, "PE PEN");
  g_assert_cmpstr (g_hash_table_lookup (seen, "NG-GEN-5"), ==, "NG NGN");
  g_assert_cmpuint (count_json (fixture, "PE-GEN-4", "activities"), ==, 2);

  run_cli (&run, "--db", fixture->db, "generate", "--seed", "6", "--country", "XX");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“XX”"));
  run_cli (&run, "--db", fixture->db, "generate", "--country");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 3);
}

static void
test_group_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *groups;
  guint all, ghana, generated;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "generate", "--seed", "3", "--activities", "5",
           "--people", "10", "--attendance", "20");
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "list", "groups", "--json");
  assert_ok (&run);
  groups = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);

  all = count_json (fixture, NULL, "activities");
  ghana = count_json (fixture, "GH-VPI", "activities");
  generated = count_json (fixture, "GEN-3", "activities");
  g_assert_cmpuint (generated, ==, 5);
  g_assert_cmpuint (ghana, >, 0);
  g_assert_cmpuint (all, ==, ghana + generated);
  g_assert_cmpuint (count_json (fixture, "GH-VPI", "groups"), ==, 1);

  /* A group can be named by its UUID too. */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      if (g_str_equal (json_object_get_string_member (group, "code"), "GEN-3"))
        g_assert_cmpuint (count_json (fixture, json_object_get_string_member (group, "uuid"),
                                      "activities"), ==, 5);
    }

  run_cli (&run, "--db", fixture->db, "--group", "NO-SUCH", "list", "activities");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "NO-SUCH"));
}

/* Without --db, $GROUPDESK_DB names the database. */
int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("version", test_version);
  ADD ("help", test_help);
  ADD ("show", test_show);
  ADD ("help-chinese", test_help_chinese);
  ADD ("help/every-command", test_command_help);
  ADD ("help/command-chinese", test_command_help_chinese);
  ADD ("restore", test_restore);
  ADD ("usage-errors", test_usage_errors);
  ADD ("usage-errors/unknown-option", test_unknown_option);
  ADD ("budget/text", test_budget_text);
  ADD ("list/json-every-kind", test_list_json_every_kind);
  ADD ("list/plain", test_list_plain);
  ADD ("list/plain-multiline", test_list_plain_multiline);
  ADD ("list/group", test_group_filter);
  ADD ("check", test_check);
  ADD ("backup", test_backup);
  ADD ("generate", test_generate);
  ADD ("generate/country", test_generate_country);

#undef ADD

  return g_test_run ();
}
