/* test-cli-common.h — the fixture and the CLI runner that test-cli.c and test-cli-db.c
 * share (static, one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("groupdesk-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "data", "groupdesk.db", NULL);
}

static inline void
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

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static inline void
child_alarm (gpointer data)
{
  /* A CLI that blocks (on a FIFO, say) is killed rather than hanging the tests. */
  alarm (60);
}

static inline void run_cli_in (Run *run, const char *cwd, const char *env_db, const char **args);

/* Runs the CLI with @args (NULL-terminated) and, when @env_db is set, $GROUPDESK_DB. */
static inline void
run_cliv (Run         *run,
          const char  *env_db,
          const char **args)
{
  run_cli_in (run, NULL, env_db, args);
}

static inline void
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

static inline void
assert_ok (Run *run)
{
  if (run->status != 0)
    g_error ("the CLI failed with %d: %s", run->status, run->err);
}

static inline void
demo (Fixture *fixture)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "demo");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "sample group"));
}

static inline JsonArray *
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
static inline guint
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

static inline guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static inline char *
digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
