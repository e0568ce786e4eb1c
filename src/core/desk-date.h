/* desk-date.h — ISO 8601 calendar dates as the store keeps them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @text is exactly YYYY-MM-DD and a day that exists. */
gboolean  desk_date_is_valid     (const char *text);
/* Parses @text into @date; FALSE when it is not a valid date. */
gboolean  desk_date_parse        (const char *text,
                                  GDate      *date);
char     *desk_date_to_string    (const GDate *date);
/* @text moved by @days (negative for earlier). */
char     *desk_date_add_days     (const char *text,
                                  int         days);
char     *desk_date_add_years    (const char *text,
                                  int         years);
/* Days from @a to @b (negative when @b is earlier). */
int       desk_date_days_between (const char *a,
                                  const char *b);

typedef enum
{
  DESK_DATE_LONG,   /* 5 March 2025 — 2025年3月5日 */
  DESK_DATE_SHORT,  /* 5 Mar 2025 — 2025年3月5日 */
} DeskDateStyle;

/* @iso (YYYY-MM-DD) as a person reads it, in the UI language: the formats are
 * translatable strings. Returns "" for NULL and @iso itself when it is not a date. */
char     *desk_date_format       (const char    *iso,
                                  DeskDateStyle  style);

G_END_DECLS
