/* cli-export.c — groupdesk-cli export, export-iati, validate and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"

int cmd_export (CliOptions *options, int argc, char **argv);
int cmd_export_iati (CliOptions *options, int argc, char **argv);
int cmd_validate (CliOptions *options, int argc, char **argv);
int cmd_import (CliOptions *options, int argc, char **argv);

static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char **out)
{
  if (*i + 1 >= argc)
    return FALSE;
  *out = argv[++*i];

  return TRUE;
}

int
cmd_export (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskBundlePreview) preview = NULL;
  g_autofree char *group = NULL;
  const char *from = NULL;
  const char *to = NULL;
  const char *output = NULL;
  const char *privacy_text = "aggregate";
  const char *endorsed_on = NULL;
  const char *meeting = NULL;
  const char *chair = NULL;
  g_autofree char *endorsed_iso = NULL;
  DeskEndorsement endorsement = { NULL, NULL, NULL };
  DeskPrivacy privacy;

  for (int i = 1; i < argc; i++)
    {
      const char **target = NULL;

      if (g_str_equal (argv[i], "--from"))
        target = &from;
      else if (g_str_equal (argv[i], "--endorsed-on"))
        target = &endorsed_on;
      else if (g_str_equal (argv[i], "--meeting"))
        target = &meeting;
      else if (g_str_equal (argv[i], "--chair"))
        target = &chair;
      else if (g_str_equal (argv[i], "--to"))
        target = &to;
      else if (g_str_equal (argv[i], "--privacy"))
        target = &privacy_text;
      else if (g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output"))
        target = &output;
      else
        return cli_unknown_option (argv[i]);

      if (!take_value (argc, argv, &i, target))
        return cli_usage_error (_("%s needs a value."), argv[i]);
    }

  if (from == NULL || to == NULL || output == NULL)
    return cli_usage_error (_("“export” needs the period and the file: --from DATE --to DATE -o FILE."));
  if (!desk_privacy_from_string (privacy_text, &privacy))
    return cli_usage_error (_("“%s” is not a privacy level. Use aggregate, pseudonymous or named."),
                            privacy_text);
  if ((meeting != NULL || chair != NULL) && endorsed_on == NULL)
    return cli_usage_error (_("--meeting and --chair say who endorsed the bundle: give the "
                              "day of that meeting too, with --endorsed-on DATE."));
  if (endorsed_on != NULL)
    {
      /* A date as the app takes one: as it shows dates, or YYYY-MM-DD. */
      endorsed_iso = desk_date_parse_shown (endorsed_on, &error);
      if (endorsed_iso == NULL)
        return cli_usage_error ("%s", error->message);
      endorsement.on = endorsed_iso;
      endorsement.meeting = meeting;
      endorsement.chair = chair;
    }

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  group = cli_dup_group_uuid (store, options->group, &error);
  if (group == NULL)
    return cli_fail (error);
  /* Before the notes about the records: a refused file name is the first thing to fix. */
  if (!desk_file_check_output (output, &error))
    return cli_fail (error);

  /* Records of people, with or without their names, are read from sealed fields. */
  if (privacy != DESK_PRIVACY_AGGREGATE && !cli_require_names (store, &error))
    return cli_fail (error);

  preview = desk_bundle_preview (store, group, from, to, privacy, &error);
  if (preview == NULL)
    return cli_fail (error);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      DeskBundleProblem *problem = g_ptr_array_index (preview->problems, i);
      g_printerr (_("Note: %s\n"), problem->message);
    }

  if (!desk_bundle_export_endorsed (store, group, from, to, privacy,
                                    endorsement.on != NULL ? &endorsement : NULL, output,
                                    NULL, NULL, NULL, &error))
    return cli_fail (error);

  g_print (_("Wrote bundle number %lld to %s.\n"), (long long) preview->sequence, output);
  for (guint i = 0; i < preview->counts->len; i++)
    {
      const DeskBundleCount *count = &g_array_index (preview->counts, DeskBundleCount, i);

      if (g_str_equal (count->kind, "amendment") && count->count > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "It carries %lld amendment: a change to a record already "
                              "reported, with its reason.\n",
                              "It carries %lld amendments: changes to records already "
                              "reported, with their reasons.\n", (gulong) count->count),
                 (long long) count->count);
    }
  g_print ("%s\n", desk_bundle_describe_privacy (privacy));

  return EXIT_SUCCESS;
}

int
cmd_export_iati (CliOptions  *options,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *group = NULL;
  const char *from = NULL;
  const char *to = NULL;
  const char *output = NULL;
  gboolean all_groups = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char **target = NULL;

      if (g_str_equal (argv[i], "--all-groups"))
        {
          all_groups = TRUE;
          continue;
        }
      if (g_str_equal (argv[i], "--from"))
        target = &from;
      else if (g_str_equal (argv[i], "--to"))
        target = &to;
      else if (g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output"))
        target = &output;
      else
        return cli_unknown_option (argv[i]);

      if (!take_value (argc, argv, &i, target))
        return cli_usage_error (_("%s needs a value."), argv[i]);
    }

  if (output == NULL)
    return cli_usage_error (_("“export-iati” needs the file to write: -o FILE."));
  if (all_groups && options->group != NULL)
    return cli_usage_error (_("“export-iati” writes either one group (--group CODE) or every "
                              "group (--all-groups), not both. Leave one of them out."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (!all_groups)
    {
      g_autoptr(DeskRecord) main_group = desk_store_dup_main_group (store);

      /* The groups a secretariat holds are all imported: none is the database's own. */
      if (options->group == NULL && main_group == NULL &&
          desk_store_count (store, DESK_KIND_GROUP, NULL) > 0)
        {
          g_set_error (&error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("This database holds the groups’ imported bundles and no group of "
                         "its own. Write every group’s activities with --all-groups, or one "
                         "group’s with --group CODE."));
          return cli_fail (error);
        }
      group = cli_dup_group_uuid (store, options->group, &error);
      if (group == NULL)
        return cli_fail (error);
    }

  if (!desk_iati_export (store, group, from, to, output, &error))
    return cli_fail (error);

  g_print (_("Wrote the IATI activity file %s.\n"), output);

  return EXIT_SUCCESS;
}

int
cmd_validate (CliOptions  *options,
              int          argc,
              char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;

  if (argc != 2 || g_str_has_prefix (argv[1], "-"))
    return cli_usage_error (_("“validate” takes one bundle file: validate FILE."));

  if (!desk_bundle_validate_file (argv[1], &reasons, &error))
    {
      for (guint i = 0; reasons != NULL && i < reasons->len; i++)
        g_printerr ("%s: %s\n", argv[1], (const char *) g_ptr_array_index (reasons, i));
      return cli_fail (error);
    }

  g_print (_("%s is a valid Groupdesk bundle.\n"), argv[1]);

  return EXIT_SUCCESS;
}

static void
print_plan (DeskImportPlan *plan,
            gboolean        dry_run)
{
  g_autofree char *period = desk_date_format_period (plan->period_start, plan->period_end);

  g_print (_("Bundle %s of the group %s (%s), number %lld, for %s, %s.\n"),
           plan->bundle_uuid, plan->group_code, plan->group_name != NULL ? plan->group_name : "",
           (long long) plan->sequence, period, plan->privacy);

  if (plan->already_imported)
    {
      g_print (_("This bundle was imported before: nothing to do.\n"));
      return;
    }

  g_print ("%-20s %8s %8s %8s %10s\n", _("Kind"), _("Added"), _("Updated"), _("Deleted"),
           _("Unchanged"));
  for (guint i = 0; i < plan->counts->len; i++)
    {
      DeskImportCount *c = &g_array_index (plan->counts, DeskImportCount, i);

      /* What a deletion takes with it counts as deleted: the preview hides nothing. */
      g_print ("%-20s %8u %8u %8u %10u\n", c->kind, c->added, c->updated,
               c->deleted + c->cascaded, c->unchanged);
    }

  if (plan->refused != NULL)
    g_print ("%s\n", plan->refused);
  if (plan->cascade != NULL)
    g_print ("%s\n", plan->cascade);
  if (plan->gap != NULL)
    g_print ("%s\n", plan->gap);
  if ((plan->refused != NULL || plan->cascade != NULL) && dry_run)
    g_print (_("Importing it needs --force.\n"));
  if (dry_run)
    g_print (_("Dry run: nothing was changed.\n"));
  else if (plan->backup_path != NULL)
    g_print (_("Imported. The database as it was before is kept in %s.\n"), plan->backup_path);
  else
    g_print (_("Imported.\n"));
}

int
cmd_import (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  gboolean dry_run = FALSE;
  gboolean force = FALSE;
  const char *file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (argv[i], "--force"))
        force = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (file == NULL)
        file = argv[i];
      else
        return cli_usage_error (_("“import” takes one bundle file."));
    }

  if (file == NULL)
    return cli_usage_error (_("“import” needs the bundle to import: import [--dry-run] [--force] FILE."));

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  plan = desk_bundle_import (store, file, force, dry_run, &error);
  if (plan == NULL)
    return cli_fail (error);

  print_plan (plan, dry_run);

  return EXIT_SUCCESS;
}
