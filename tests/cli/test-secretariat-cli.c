/* test-secretariat-cli.c — the scenario (#18) through groupdesk-cli: three
 * generated groups of three countries send bundles to a secretariat; one bundle never
 * arrives (a gap), one arrives twice (a replay), one comes from a copy of a group's
 * database (a fork, set aside, then forced in); `secretariat status --json` says exactly
 * that
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

typedef struct
{
  const char *dir;
  char *secretariat;
} Scenario;

static char *
in_dir (const char *dir,
        const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
generate (const char *db,
          const char *country,
          const char *seed)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", db, "generate", "--country", country, "--seed", seed,
           "--activities", "20", "--people", "60", "--attendance", "200");
  assert_ok (&run);
}

/* Exports the next bundle of @db's group for @from … @to into @dir/@name. */
static char *
export (const char *dir,
        const char *db,
        const char *from,
        const char *to,
        const char *privacy,
        const char *name)
{
  g_auto(Run) run = { 0 };
  char *path = in_dir (dir, name);

  run_cli (&run, "--db", db, "export", "--from", from, "--to", to, "--privacy", privacy,
           "-o", path);
  assert_ok (&run);

  return path;
}

static void
import (Scenario   *s,
        const char *path,
        int         status)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", s->secretariat, "import", path);
  if (run.status != status)
    g_error ("import %s exited with %d, not %d: %s", path, run.status, status, run.err);
}

static JsonObject *
group_with_code (JsonArray  *groups,
                 const char *code)
{
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      if (g_str_equal (json_object_get_string_member (group, "code"), code))
        return group;
    }
  g_error ("no group %s in the status", code);
  return NULL;
}

static char *
missing_of (JsonObject *group)
{
  JsonArray *missing = json_object_get_array_member (group, "missing");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (missing); i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            json_array_get_int_element (missing, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_group (JsonObject *group,
              const char *country,
              gint64      last_sequence,
              const char *period_to,
              const char *chain,
              const char *missing,
              gint64      replays_refused,
              gint64      forks,
              gboolean    late)
{
  static const char *const keys[] = {
    "uuid", "code", "country", "name", "last_sequence", "period_to", "imported", "chain",
    "missing", "replays_refused", "late", "privacy", "fingerprint", "forks", "amendments",
    NULL,
  };
  g_autofree char *missing_text = missing_of (group);

  g_assert_cmpuint (json_object_get_size (group), ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (group, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (group, "country"), ==, country);
  g_assert_cmpint (json_object_get_int_member (group, "last_sequence"), ==, last_sequence);
  g_assert_cmpstr (json_object_get_string_member (group, "period_to"), ==, period_to);
  g_assert_cmpstr (json_object_get_string_member (group, "chain"), ==, chain);
  g_assert_cmpstr (missing_text, ==, missing);
  g_assert_cmpint (json_object_get_int_member (group, "replays_refused"), ==, replays_refused);
  /* These groups changed nothing they had reported (test-amendments-cli has some). */
  g_assert_cmpint (json_object_get_int_member (group, "amendments"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (group, "forks"), ==, forks);
  g_assert_cmpint (json_object_get_boolean_member (group, "late"), ==, late);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (group, "imported"), "Z"));
}

static JsonArray *
status_json (Scenario   *s,
             JsonParser *parser)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", s->secretariat, "secretariat", "status", "--json");
  assert_ok (&run);

  return parse_array (parser, run.out);
}

static void
test_scenario (Fixture       *fixture,
               gconstpointer  data)
{
  const char *dir = fixture->dir;
  g_autofree char *gh = in_dir (dir, "gh.db");
  g_autofree char *pe = in_dir (dir, "pe.db");
  g_autofree char *id = in_dir (dir, "id.db");
  g_autofree char *id_copy = in_dir (dir, "id-copy.db");
  g_autofree char *gh1 = NULL, *gh2 = NULL, *gh3 = NULL;
  g_autofree char *pe1 = NULL, *pe2 = NULL;
  g_autofree char *id1 = NULL, *id2 = NULL, *id2_fork = NULL;
  g_autofree char *gh3_digest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) forced_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  Scenario s = { dir, in_dir (dir, "secretariat.db") };
  JsonArray *groups;
  JsonObject *group;

  generate (gh, "GH", "1");
  generate (pe, "PE", "2");
  generate (id, "ID", "3");

  /* Ghana reports each half-year and is up to date far ahead; bundle 2 never arrives. */
  gh1 = export (dir, gh, "2026-01-01", "2026-06-30", "aggregate", "gh1.gdbundle");
  gh2 = export (dir, gh, "2026-07-01", "2026-12-31", "aggregate", "gh2.gdbundle");
  gh3 = export (dir, gh, "2027-01-01", "2099-12-31", "pseudonymous", "gh3.gdbundle");
  /* Peru's last bundle ends in 2020: late whenever this test runs. */
  pe1 = export (dir, pe, "2020-01-01", "2020-06-30", "aggregate", "pe1.gdbundle");
  pe2 = export (dir, pe, "2020-07-01", "2020-12-31", "aggregate", "pe2.gdbundle");
  /* Indonesia's database is copied after bundle 1; the copy writes its own bundle 2. */
  id1 = export (dir, id, "2026-01-01", "2026-06-30", "aggregate", "id1.gdbundle");
  {
    g_autoptr(GFile) from = g_file_new_for_path (id);
    g_autoptr(GFile) to = g_file_new_for_path (id_copy);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  id2 = export (dir, id, "2026-07-01", "2099-12-31", "aggregate", "id2.gdbundle");
  id2_fork = export (dir, id_copy, "2026-07-01", "2099-12-31", "pseudonymous", "id2-fork.gdbundle");

  run_cli (&run, "--db", s.secretariat, "secretariat", "init");
  assert_ok (&run);

  import (&s, gh1, 0);
  import (&s, gh3, 0);
  import (&s, pe1, 0);
  import (&s, pe2, 0);
  import (&s, pe1, 1);          /* the replay: refused, counted */
  import (&s, pe2, 0);          /* the newest again: nothing to do */
  import (&s, id1, 0);
  import (&s, id2, 0);

  run_cli (&run, "--db", s.secretariat, "import", id2_fork);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "ID-GEN-3"));
  g_assert_nonnull (strstr (run.err, "number 2"));
  g_assert_nonnull (strstr (run.err, "set aside"));

  groups = status_json (&s, parser);
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  /* By code. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "code"),
                   ==, "GEN-1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 1), "code"),
                   ==, "ID-GEN-3");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 2), "code"),
                   ==, "PE-GEN-2");

  group = group_with_code (groups, "GEN-1");
  assert_group (group, "GH", 3, "2099-12-31", "gap", "2", 0, 0, FALSE);
  gh3_digest = digest (gh3);
  g_assert_cmpstr (json_object_get_string_member (group, "fingerprint"), ==, gh3_digest);
  g_assert_cmpstr (json_object_get_string_member (group, "privacy"), ==, "pseudonymous");
  assert_group (group_with_code (groups, "PE-GEN-2"), "PE", 2, "2020-12-31", "ok", "", 1, 0, TRUE);
  assert_group (group_with_code (groups, "ID-GEN-3"), "ID", 2, "2099-12-31", "fork", "", 0, 1, FALSE);

  /* The table says the same, in words. */
  run_cli (&run, "--db", s.secretariat, "secretariat", "status");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Gap"));
  g_assert_nonnull (strstr (run.out, "Fork"));
  g_assert_nonnull (strstr (run.out, "Up to date"));
  g_assert_nonnull (strstr (run.out, "Bundle 2 of GEN-1 never arrived"));
  g_assert_nonnull (strstr (run.out, "No bundle of PE-GEN-2 covers"));

  /* Forced, the fork is applied; the status still shows one fork. */
  run_cli (&run, "--db", s.secretariat, "import", "--force", id2_fork);
  assert_ok (&run);
  groups = status_json (&s, forced_parser);
  assert_group (group_with_code (groups, "ID-GEN-3"), "ID", 2, "2099-12-31", "fork", "", 0, 1, FALSE);
  g_assert_cmpstr (json_object_get_string_member (group_with_code (groups, "ID-GEN-3"), "privacy"),
                   ==, "pseudonymous");

  run_cli (&run, "--db", s.secretariat, "secretariat", "status", "--csv");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", s.secretariat, "secretariat", "status", "extra");
  g_assert_cmpint (run.status, ==, 2);

  g_free (s.secretariat);
}

/* An empty database: an empty array, and a sentence in the table's place. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *db = in_dir (fixture->dir, "empty.db");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", db, "secretariat", "init");
  assert_ok (&run);
  run_cli (&run, "--db", db, "secretariat", "status", "--json");
  assert_ok (&run);
  g_assert_cmpuint (json_array_get_length (parse_array (parser, run.out)), ==, 0);
  run_cli (&run, "--db", db, "secretariat", "status");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "no group"));
}

/* Commands about one group, in a secretariat's database: without --group they say the
 * groups are all imported and how to name one; with it they work on that group. A
 * coordinator's database that imported a group keeps working on its own. */
static void
test_one_group_commands (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *const commands[][2] = {
    { "overview", NULL }, { "budget", NULL }, { "report", "workplan" },
  };
  g_autofree char *ghana = in_dir (fixture->dir, "ghana.db");
  g_autofree char *peru = in_dir (fixture->dir, "peru.db");
  g_autofree char *bundle = NULL;
  Scenario s = { fixture->dir, in_dir (fixture->dir, "secretariat.db") };
  g_auto(Run) run = { 0 };

  generate (ghana, "GH", "21");
  generate (peru, "PE", "22");
  bundle = export (fixture->dir, peru, "2026-01-01", "2026-06-30", "aggregate", "peru-1.gdbundle");
  run_cli (&run, "--db", s.secretariat, "secretariat", "init");
  assert_ok (&run);
  import (&s, bundle, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run_cli (&run, "--db", s.secretariat, commands[i][0], commands[i][1]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "none of its own"));
      g_assert_nonnull (strstr (run.err, "--group"));
      run_cli (&run, "--db", s.secretariat, "--group", "PE-GEN-22", commands[i][0], commands[i][1]);
      assert_ok (&run);
    }
  run_cli (&run, "--db", s.secretariat, "--group", "PE-GEN-22", "overview");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "PEN"));

  /* The coordinator's Ghana database, with Peru imported beside it: its own group still. */
  run_cli (&run, "--db", ghana, "import", bundle);
  assert_ok (&run);
  run_cli (&run, "--db", ghana, "overview");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "GHS"));
  g_assert_null (strstr (run.out, "PEN"));

  g_free (s.secretariat);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/secretariat/status/scenario", Fixture, NULL, fixture_set_up, test_scenario,
              fixture_tear_down);
  g_test_add ("/cli/secretariat/status/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/cli/secretariat/one-group-commands", Fixture, NULL, fixture_set_up,
              test_one_group_commands, fixture_tear_down);

  return g_test_run ();
}
