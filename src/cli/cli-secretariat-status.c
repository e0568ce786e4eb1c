/* cli-secretariat-status.c — groupdesk-cli secretariat status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

/* TODO(#18 status): written on the status branch. */
int
cli_secretariat_status (CliOptions  *options,
                        int          argc,
                        char       **argv)
{
  return EXIT_FAILURE;
}
