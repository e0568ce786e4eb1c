/* desk-i18n.h — gettext for the core library (private to src/core)
 *
 * Core translates through the application's text domain explicitly, so that its
 * messages come out in the UI language whichever domain the caller made the default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
