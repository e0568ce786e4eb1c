/* cli-secretariat-figures.c — groupdesk-cli secretariat figures and report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

/* TODO(#18 figures): written on the figures branch. */
int
cli_secretariat_figures (CliOptions  *options,
                         int          argc,
                         char       **argv)
{
  return EXIT_FAILURE;
}

int
cli_secretariat_report (CliOptions  *options,
                        int          argc,
                        char       **argv)
{
  return EXIT_FAILURE;
}
