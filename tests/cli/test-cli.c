/* test-cli.c — groupdesk-cli as scripts and the secretariat use it
 *
 * Runs the real binary ($GROUPDESK_CLI) against databases in temporary folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "desk-core.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("groupdesk-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "data", "groupdesk.db", NULL);
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
}

static void
child_alarm (gpointer data)
{
  /* A CLI that blocks (on a FIFO, say) is killed rather than hanging the tests. */
  alarm (60);
}

static void run_cli_in (Run *run, const char *cwd, const char *env_db, const char **args);

/* Runs the CLI with @args (NULL-terminated) and, when @env_db is set, $GROUPDESK_DB. */
static void
run_cliv (Run         *run,
          const char  *env_db,
          const char **args)
{
  run_cli_in (run, NULL, env_db, args);
}

static void
run_cli_in (Run         *run,
            const char  *cwd,
            const char  *env_db,
            const char **args)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (cli == NULL)
    g_error ("GROUPDESK_CLI is not set: run the tests through meson test");

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "GROUPDESK_DB", env_db != NULL ? env_db : "", TRUE);

  run_clear (run);
  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, child_alarm, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("%s … → %d%s%s", args[0] != NULL ? args[0] : "", run->status,
                  run->err[0] != '\0' ? "; stderr: " : "", run->err);
}

#define run_cli(run, ...) run_cliv ((run), NULL, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_ok (Run *run)
{
  if (run->status != 0)
    g_error ("the CLI failed with %d: %s", run->status, run->err);
}

static void
demo (Fixture *fixture)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "demo");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "sample group"));
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (root != NULL && JSON_NODE_HOLDS_ARRAY (root));

  return json_node_get_array (root);
}

/* The number of records `list KIND --json` prints. */
static guint
count_json (Fixture    *fixture,
            const char *group,
            const char *kind)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (group != NULL)
    run_cli (&run, "--db", fixture->db, "--group", group, "list", kind, "--json");
  else
    run_cli (&run, "--db", fixture->db, "list", kind, "--json");
  assert_ok (&run);

  return json_array_get_length (parse_array (parser, run.out));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static char *
digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

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

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const char *const commands[] = { "demo", "check", "list" };

  g_assert_true (g_file_set_contents (path, "name,pillar\nKwame,government\n", -1, NULL));
  before = digest (path);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      if (g_str_equal (commands[i], "list"))
        run_cli (&run, "--db", path, "list", "groups");
      else
        run_cli (&run, "--db", path, commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, path));
      g_assert_cmpstr (run.out, ==, "");
    }

  after = digest (path);
  g_assert_cmpstr (before, ==, after);
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
static void
test_env_db (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cliv (&run, fixture->db, (const char *[]) { "demo", NULL });
  assert_ok (&run);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 1);
}


static void
assert_sentence (const Run  *run,
                 const char *named)
{
  /* One line that names the file and ends like a sentence: no SQLite or system jargon. */
  const char *message = g_strrstr (run->err, "groupdesk-cli: ");

  /* (Notes about the data, such as an export's, may come before it.) */
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (message);
  g_assert_true (message == run->err || message[-1] == '\n');
  g_assert_true (g_str_has_suffix (message, ".\n"));
  g_assert_null (strchr (message, '\n')[1] != '\0' ? "more than one line" : NULL);
  if (named != NULL)
    g_assert_nonnull (strstr (run->err, named));
  g_assert_null (strstr (run->err, "SQLite error"));
  g_assert_null (strstr (run->err, "constraint"));
  g_assert_null (strstr (run->err, "disk I/O"));
}

static gboolean
is_type (const char *path,
         mode_t      type)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

/* Nothing a command writes for the user lands on the open database, its working files or
 * its backups, nor replaces a device, a pipe or a folder: each is refused with a sentence,
 * and the database keeps every byte. */
static void
test_output_guard (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->db);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *symbolic = g_build_filename (folder, "link.db", NULL);
  g_autofree char *hard = g_build_filename (folder, "hard.db", NULL);
  g_autofree char *backups = g_strconcat (fixture->db, ".backups", NULL);
  g_autofree char *kept = g_build_filename (backups, "before-import-20261125T100000Z.db", NULL);
  g_autofree char *fresh = g_build_filename (backups, "export.xml", NULL);
  g_autofree char *versioned = g_strconcat (fixture->db, ".v1.backup", NULL);
  g_autofree char *fifo = g_build_filename (folder, "pipe", NULL);
  g_autofree char *before = NULL;
  g_autofree char *kept_before = NULL;
  /* /dev/null comes last, once the FIFO has shown that the guard works: a regression
   * must not cost the machine its /dev/null. */
  const char *targets[] = { fixture->db, wal, shm, symbolic, hard, kept, fresh, versioned, fifo,
                            fixture->dir, "/dev/null" };
  const char *const commands[][8] = {
    { "export", "--from", "2025-07-01", "--to", "2026-12-31", "-o", NULL },
    { "export-iati", "-o", NULL },
    { "report", "workplan", "--pdf", NULL },
    { "backup", "-o", NULL },
  };

  demo (fixture);
  g_assert_cmpint (symlink (fixture->db, symbolic), ==, 0);
  g_assert_cmpint (link (fixture->db, hard), ==, 0);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (fixture->db, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (kept, contents, length, NULL));
  }
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = digest (fixture->db);
  kept_before = digest (kept);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_auto(Run) run = { 0 };
        const char *args[12] = { "--db", fixture->db, NULL };
        guint n = 2;

        for (guint j = 0; commands[c][j] != NULL; j++)
          args[n++] = commands[c][j];
        args[n++] = targets[t];
        args[n] = NULL;

        run_cliv (&run, NULL, args);
        if (run.status != 1)
          g_error ("%s -o %s: exit status %d, expected a refusal", commands[c][0], targets[t],
                   run.status);
        assert_sentence (&run, targets[t]);

        g_assert_true (is_type ("/dev/null", S_IFCHR));
        g_assert_true (is_type (fifo, S_IFIFO));
        g_assert_true (is_type (fixture->dir, S_IFDIR));
        g_assert_true (is_type (symbolic, S_IFLNK));
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (versioned, G_FILE_TEST_EXISTS));
        {
          g_autofree char *after = digest (fixture->db);
          g_autofree char *kept_after = digest (kept);

          g_assert_cmpstr (before, ==, after);
          g_assert_cmpstr (kept_before, ==, kept_after);
        }
      }

  /* No temporary file was left beside the targets. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "partial"));
  }

  /* And the database is sound, with no export recorded. */
  g_assert_cmpuint (count_json (fixture, NULL, "exports"), ==, 0);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", fixture->db, "check");
    assert_ok (&run);
  }
}

/* Anything but a regular file as the database is refused at once: a FIFO never blocks,
 * /dev/null is not "a full disk", a folder and a link say what they are. And restore
 * reads its backup the same way. */
static void
test_db_not_regular (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.db", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);
  g_autofree char *before = NULL;
  const char *const paths[] = { fifo, "/dev/null", "/dev/zero", fixture->dir, link };
  const char *const commands[][3] = { { "list", "groups", NULL }, { "demo", NULL },
                                      { "check", NULL }, { "backups", NULL } };

  demo (fixture);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fixture->db, link), ==, 0);

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_auto(Run) run = { 0 };
        const char *args[6] = { "--db", paths[p], commands[c][0], commands[c][1], NULL };
        gint64 start = g_get_monotonic_time ();

        run_cliv (&run, NULL, args);
        assert_sentence (&run, paths[p]);
        g_assert_null (strstr (run.err, "full"));
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", link, "list", "groups");
    g_assert_nonnull (strstr (run.err, "symbolic link"));
  }
  g_assert_true (is_type (fifo, S_IFIFO));
  g_assert_true (is_type ("/dev/null", S_IFCHR));
  g_assert_true (is_type ("/dev/zero", S_IFCHR));

  before = digest (fixture->db);
  for (guint p = 0; p < 4; p++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", fixture->db, "restore", paths[p]);
      assert_sentence (&run, paths[p]);
    }
  {
    g_autofree char *after = digest (fixture->db);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Another program's SQLite file whose user_version is 1 or 2 is refused by every command,
 * without a byte, a companion file or a journal mode changed. */
static void
test_foreign_db (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *const commands[][3] = { { "list", "groups", NULL }, { "demo", NULL },
                                      { "check", NULL }, { "restore", "x.db", NULL } };

  for (int version = 1; version <= 2; version++)
    {
      g_autofree char *name = g_strdup_printf ("app-%d.sqlite", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *before = NULL;
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE groups (uuid TEXT, code TEXT); "
                                              "INSERT INTO groups VALUES ('a', 'b'); "
                                              "PRAGMA user_version = %d;", version);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      before = digest (path);

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run = { 0 };
          const char *args[6] = { "--db", path, commands[c][0], commands[c][1], NULL };

          run_cliv (&run, NULL, args);
          assert_sentence (&run, path);
          g_assert_nonnull (strstr (run.err, "another program"));
        }

      {
        g_autofree char *after = digest (path);
        const char *const suffixes[] = { "-wal", "-shm", "-journal", ".backups", ".v1.backup" };

        g_assert_cmpstr (before, ==, after);
        for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
          {
            g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
            g_assert_false (g_file_test (companion, G_FILE_TEST_EXISTS));
          }
      }
    }
}

/* A group code that another group has: a sentence with the kind, the field and the code. */
static void
test_unique_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "demo");
  assert_sentence (&run, NULL);
  g_assert_nonnull (strstr (run.err, "Another group already has “GH-VPI”"));
  g_assert_cmpuint (count_json (fixture, NULL, "groups"), ==, 1);
}

/* --db file:NAME is the file called "file:NAME", for every part of the command. */
static void
test_file_uri_db (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *literal = g_build_filename (fixture->dir, "file:sub", "x.db?mode=ro", NULL);
  g_autofree char *uri_target = g_build_filename (fixture->dir, "sub", NULL);

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "demo", NULL });
  assert_ok (&run);
  g_assert_true (g_file_test (literal, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (uri_target, G_FILE_TEST_EXISTS));

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "list", "groups", NULL });
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, 1);

  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "backup", "-o", "file:copy.db", NULL });
  assert_ok (&run);
  run_cli_in (&run, fixture->dir, NULL,
              (const char *[]) { "--db", "file:sub/x.db?mode=ro", "restore", "file:copy.db", NULL });
  assert_ok (&run);
  g_assert_false (g_file_test (uri_target, G_FILE_TEST_EXISTS));
}

/* A database on a read-only medium: every command that reads works, one that writes says
 * that it cannot. The medium is a tmpfs remounted read-only in a private mount namespace
 * (unshare), which stops even root. */
static void
test_read_only_medium (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *mnt = g_build_filename (fixture->dir, "cd-rom", NULL);
  g_autofree char *db = g_build_filename (mnt, "groupdesk.db", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char *cli = g_getenv ("GROUPDESK_CLI");
  const char *group_uuid;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  if (unshare == NULL)
    {
      g_test_skip ("unshare (util-linux) is not installed: cannot mount a read-only file system");
      return;
    }

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "list", "groups", "--json");
  assert_ok (&run);
  group_uuid = json_object_get_string_member (json_array_get_object_element (parse_array (parser, run.out), 0), "uuid");
  g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);

#define CMD(args) "echo \"== " args "\"; '%1$s' --db '%2$s' " args "; echo \"rc=$?\"; "
  script = g_strdup_printf ("mount -t tmpfs -o size=8m tmpfs '%3$s' || exit 77; "
                            "cp '%4$s' '%2$s' || exit 1; "
                            "mount -o remount,ro '%3$s' || exit 77; "
                            CMD ("list groups")
                            CMD ("show group %5$s")
                            CMD ("check")
                            CMD ("budget")
                            CMD ("report workplan")
                            CMD ("attendance")
                            CMD ("backups")
                            CMD ("export-iati -o /dev/stdout")
                            CMD ("demo")
                            "ls -A '%3$s'",
                            cli, db, mnt, fixture->db, group_uuid);
#undef CMD
  {
    const char *argv[] = { unshare, "-rm", "/bin/sh", "-c", script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("this machine does not allow a private tmpfs mount (unshare -rm)");
      return;
    }
  g_test_message ("%s\n%s", out, err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  {
    static const char *const readers[] = { "list groups", "show group", "check", "budget",
                                           "report workplan", "attendance", "backups" };
    g_auto(GStrv) sections = g_strsplit (out, "== ", -1);

    for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; sections[j] != NULL; j++)
          if (g_str_has_prefix (sections[j], readers[i]))
            {
              found = TRUE;
              if (strstr (sections[j], "rc=0\n") == NULL)
                g_error ("“%s” failed on a read-only medium: %s", readers[i], sections[j]);
            }
        g_assert_true (found);
      }
  }
  g_assert_nonnull (strstr (out, "rc=1\ngroupdesk.db\n"));
  g_assert_nonnull (strstr (err, "cannot be written"));
  g_assert_null (strstr (err, "SQLite error"));
}

/* A database file the user may only read (chmod 0444, as a user other than root, whom
 * permissions do not stop): read commands work and leave nothing beside it, a write
 * command says that it cannot write. */
static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *folder = g_path_get_dirname (fixture->db);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *cli = g_getenv ("GROUPDESK_CLI");
  const char *const readers[][3] = { { "list", "groups", NULL }, { "check", NULL }, { "budget", NULL },
                                     { "report", "workplan", NULL }, { "attendance", NULL } };

  if (geteuid () != 0 || setpriv == NULL)
    {
      g_test_skip ("needs root and setpriv (util-linux) to run the CLI as another user");
      return;
    }

  demo (fixture);
  /* The user "nobody" owns the folder; the file is read-only to everyone. */
  g_assert_cmpint (g_chmod (fixture->dir, 0711), ==, 0);
  g_assert_cmpint (chown (folder, 65534, 65534), ==, 0);
  g_assert_cmpint (chown (fixture->db, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (fixture->db, 0444), ==, 0);
  before = digest (fixture->db);

  for (guint i = 0; i <= G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[10] = { setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                               cli, "--db", fixture->db, NULL };
      guint n = 7;
      int status = 0;

      if (i < G_N_ELEMENTS (readers))
        for (guint j = 0; readers[i][j] != NULL; j++)
          argv[n++] = readers[i][j];
      else
        argv[n++] = "demo";
      argv[n] = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, child_alarm, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s%s", argv[7], out, err);
      g_assert_true (WIFEXITED (status));
      if (i < G_N_ELEMENTS (readers))
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          g_assert_cmpstr (err, ==, "");
        }
      else
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 1);
          g_assert_nonnull (strstr (err, "cannot be written"));
        }
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }

  after = digest (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* restore while another program holds the write lock gives up like every other command,
 * within the busy timeout and without spinning, and changes nothing. */
static void
test_restore_locked (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  struct rusage usage;
  double cpu_before, cpu_after;
  gint64 start;
  sqlite3 *other = NULL;

  demo (fixture);
  run_cli (&run, "--db", fixture->db, "backup", "-o", copy);
  assert_ok (&run);
  before = digest (fixture->db);

  g_assert_cmpint (sqlite3_open (fixture->db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE groups SET notes = 'x'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  getrusage (RUSAGE_CHILDREN, &usage);
  cpu_before = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
               usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  start = g_get_monotonic_time ();
  run_cli (&run, "--db", fixture->db, "restore", copy);
  getrusage (RUSAGE_CHILDREN, &usage);
  cpu_after = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
              usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  g_test_message ("restore refused after %.1f s, %.2f s of CPU",
                  (g_get_monotonic_time () - start) / 1e6, cpu_after - cpu_before);

  assert_sentence (&run, fixture->db);
  g_assert_nonnull (strstr (run.err, "try again"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpfloat (cpu_after - cpu_before, <, 2.0);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  after = digest (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

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
  ADD ("not-a-database", test_not_a_database);
  ADD ("env-db", test_env_db);
  ADD ("output-guard", test_output_guard);
  ADD ("db-not-regular", test_db_not_regular);
  ADD ("foreign-db", test_foreign_db);
  ADD ("unique-code", test_unique_code);
  ADD ("file-uri-db", test_file_uri_db);
  ADD ("read-only-medium", test_read_only_medium);
  ADD ("read-only-file", test_read_only_file);
  ADD ("restore-locked", test_restore_locked);

#undef ADD

  return g_test_run ();
}
