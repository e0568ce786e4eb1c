/* desk-money.h — amounts as integer minor units of an ISO 4217 currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* The currency's decimals (2 for GHS, 0 for JPY, 3 for BHD), or -1 if unknown. */
int       desk_currency_minor_units (DeskStore   *store,
                                     const char  *code);

/* Parses what a coordinator types: "1,234.50", "1234.5", "-12" (when @allow_negative).
 * Refuses more decimals than the currency has, text, and amounts beyond int64. */
gboolean  desk_money_parse          (const char  *text,
                                     int          minor_units,
                                     gboolean     allow_negative,
                                     gint64      *out_minor,
                                     GError     **error);
/* "1,234.50" — the amount with digit grouping and the currency's decimals. */
char     *desk_money_format_amount  (gint64       minor,
                                     int          minor_units);
/* "GHS 1,234.50". */
char     *desk_money_format         (gint64       minor,
                                     const char  *code,
                                     int          minor_units);

/* A decimal in thousandths ("2.5" → 2500), for quantities and indicator values. */
gboolean  desk_milli_parse          (const char  *text,
                                     gint64      *out_milli,
                                     GError     **error);
char     *desk_milli_format         (gint64       milli);

/* A whole number between @min and @max, as typed ("40", " 1,200 "). */
gboolean  desk_count_parse          (const char  *text,
                                     gint64       min,
                                     gint64       max,
                                     gint64      *out,
                                     GError     **error);

G_END_DECLS
