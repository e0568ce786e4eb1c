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

/* The one way a date reaches a person: @iso (YYYY-MM-DD) as "5 Mar 2025" (in Chinese
 * "2025年3月5日"), the format a translatable string. Returns "" for NULL and @iso itself
 * when it is not a date. Files meant for programs (CSV, JSON, XML) keep ISO 8601. */
char     *desk_date_format       (const char    *iso);
/* A period, @from to @to, both through desk_date_format(): "1 Jan 2026 – 30 Jun 2026". */
char     *desk_date_format_period (const char   *from,
                                   const char   *to);
/* An ISO 8601 timestamp (UTC, as the store keeps "exported at") in local time, as a
 * person reads it: the day through desk_date_format(), then the time of day. Returns ""
 * for NULL and @timestamp itself when it is not a timestamp. */
char     *desk_date_format_timestamp (const char *timestamp);

/* What a person typed as a date — the format desk_date_format() writes, or ISO 8601 —
 * as ISO 8601 (newly allocated); NULL and a sentence naming the text in @error when it
 * is neither or not a day that exists. */
char     *desk_date_parse_shown  (const char    *text,
                                  GError       **error);

G_END_DECLS
