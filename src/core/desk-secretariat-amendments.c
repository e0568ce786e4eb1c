/* desk-secretariat-amendments.c — placeholder, being written (issue 19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include <glib.h>
