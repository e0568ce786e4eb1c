/* cli-secretariat.c — groupdesk-cli secretariat: every group's bundles in one database
 *
 * `secretariat init` makes an empty database the secretariat's; `status` (in
 * cli-secretariat-status.c) says who reported what; `figures` and `report` (in
 * cli-secretariat-figures.c) give the figures across groups; `amendments` (in
 * cli-secretariat-amendments.c) what a group changed in records it had reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

int cmd_secretariat (CliOptions *options, int argc, char **argv);

static int
secretariat_init (CliOptions  *options,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      return cli_usage_error (_("“secretariat init” takes no arguments."));
    }

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!desk_store_set_secretariat (store, &error))
    return cli_fail (error);
  g_print (_("This database is the secretariat’s: import the groups’ bundles into it.\n"));

  return EXIT_SUCCESS;
}

int
cmd_secretariat (CliOptions  *options,
                 int          argc,
                 char       **argv)
{
  if (argc < 2)
    return cli_usage_error (_("“secretariat” needs one of: init, status, amendments, figures, "
                              "report."));

  if (g_str_equal (argv[1], "init"))
    return secretariat_init (options, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return cli_secretariat_status (options, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "amendments"))
    return cli_secretariat_amendments (options, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "figures"))
    return cli_secretariat_figures (options, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "report"))
    return cli_secretariat_report (options, argc - 1, argv + 1);
  if (g_str_has_prefix (argv[1], "-"))
    return cli_unknown_option (argv[1]);

  return cli_usage_error (_("“%s” is not a secretariat command. Use init, status, "
                            "amendments, figures or report."), argv[1]);
}
