/* test-export-cli.c — groupdesk-cli export, export-iati, validate and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

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

/* Runs groupdesk-cli with @args (NULL-terminated). */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GROUPDESK_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("%s%s", run->out, run->err);
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
test_export_validate_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-export-cli-XXXXXX", &error);
  g_autofree char *src = g_build_filename (dir, "src.db", NULL);
  g_autofree char *dst = g_build_filename (dir, "dst.db", NULL);
  g_autofree char *bundle = g_build_filename (dir, "ghana.gdbundle", NULL);
  g_autofree char *iati = g_build_filename (dir, "ghana-iati.xml", NULL);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle",
                                                   "impossible-date.gdbundle", NULL);
  g_auto(Run) demo = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) valid = { 0 };
  g_auto(Run) invalid = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) export_iati = { 0 };

  g_assert_no_error (error);

  run_cli (&demo, "--db", src, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  run_cli (&usage, "--db", src, "export", "--privacy", "everything", "--from", "2026-01-01",
           "--to", "2026-06-30", "-o", bundle, NULL);
  g_assert_cmpint (usage.status, ==, 2);

  run_cli (&export, "--db", src, "export", "--from", "2026-01-01", "--to", "2026-06-30",
           "--privacy", "pseudonymous", "-o", bundle, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_test (bundle, G_FILE_TEST_IS_REGULAR));

  run_cli (&valid, "validate", bundle, NULL);
  g_assert_cmpint (valid.status, ==, 0);
  run_cli (&invalid, "validate", broken, NULL);
  g_assert_cmpint (invalid.status, ==, 1);
  g_assert_nonnull (strstr (invalid.err, "2025-02-30"));

  run_cli (&dry, "--db", dst, "import", "--dry-run", bundle, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "Dry run"));

  run_cli (&import, "--db", dst, "import", bundle, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (&again, "--db", dst, "import", bundle, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "imported before"));

  run_cli (&list, "--db", dst, "--group", "GH-VPI", "list", "workplans", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpuint (strlen (list.out), >, 36);

  run_cli (&export_iati, "--db", src, "export-iati", "-o", iati, NULL);
  g_assert_cmpint (export_iati.status, ==, 0);
  g_assert_true (g_file_test (iati, G_FILE_TEST_IS_REGULAR));

  rm_rf (dir);
}

/* A secretariat's database: its groups are all imported, so export-iati needs to be
 * told which (--group) or all of them (--all-groups); all of them is one file with
 * every group's activities, each under its own reporting org. */
static void
test_export_iati_all_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-export-cli-XXXXXX", &error);
  g_autofree char *dst = g_build_filename (dir, "secretariat.db", NULL);
  g_autofree char *iati = g_build_filename (dir, "initiative-iati.xml", NULL);
  g_autofree char *one = g_build_filename (dir, "kenya-iati.xml", NULL);
  const char *countries[] = { "KE", "PE" };
  g_auto(Run) init = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) all = { 0 };
  g_auto(Run) kenya = { 0 };
  g_autofree char *text = NULL;

  g_assert_no_error (error);

  run_cli (&init, "--db", dst, "secretariat", "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autofree char *src = g_strdup_printf ("%s/%s.db", dir, countries[i]);
      g_autofree char *bundle = g_strdup_printf ("%s/%s.gdbundle", dir, countries[i]);
      g_autofree char *seed = g_strdup_printf ("%u", i + 1);
      g_auto(Run) generate = { 0 };
      g_auto(Run) export = { 0 };
      g_auto(Run) import = { 0 };

      run_cli (&generate, "--db", src, "generate", "--country", countries[i], "--seed", seed,
               "--activities", "4", "--people", "30", "--attendance", "60", NULL);
      g_assert_cmpint (generate.status, ==, 0);
      run_cli (&export, "--db", src, "export", "--from", "2025-01-01", "--to", "2026-12-31",
               "--privacy", "pseudonymous", "-o", bundle, NULL);
      g_assert_cmpint (export.status, ==, 0);
      run_cli (&import, "--db", dst, "import", bundle, NULL);
      g_assert_cmpint (import.status, ==, 0);
    }

  /* No group of its own: the sentence says what to write instead, and nothing is written. */
  run_cli (&plain, "--db", dst, "export-iati", "-o", iati, NULL);
  g_assert_cmpint (plain.status, ==, 1);
  g_assert_nonnull (strstr (plain.err, "--all-groups"));
  g_assert_nonnull (strstr (plain.err, "--group CODE"));
  g_assert_false (g_file_test (iati, G_FILE_TEST_EXISTS));

  run_cli (&both, "--db", dst, "--group", "KE-GEN-1", "export-iati", "--all-groups", "-o", iati, NULL);
  g_assert_cmpint (both.status, ==, 2);

  run_cli (&all, "--db", dst, "export-iati", "--all-groups", "-o", iati, NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_true (g_file_get_contents (iati, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<reporting-org ref=\"VPI-KE-GEN-1\""));
  g_assert_nonnull (strstr (text, "<reporting-org ref=\"VPI-PE-GEN-2\""));
  g_assert_nonnull (strstr (text, "default-currency=\"KES\""));
  g_assert_nonnull (strstr (text, "default-currency=\"PEN\""));

  run_cli (&kenya, "--db", dst, "--group", "KE-GEN-1", "export-iati", "-o", one, NULL);
  g_assert_cmpint (kenya.status, ==, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (one, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "VPI-KE-GEN-1"));
  g_assert_null (strstr (text, "VPI-PE-GEN-2"));

  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/export/validate-import", test_export_validate_import);
  g_test_add_func ("/cli/export/iati-all-groups", test_export_iati_all_groups);

  return g_test_run ();
}
