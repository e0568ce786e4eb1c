/* desk-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-error"

#include "config.h"

#include "desk-error.h"

G_DEFINE_QUARK (desk-error-quark, desk_error)
