/* test-a11y.c — placeholder, written by the engineer who owns it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  return g_test_run ();
}
