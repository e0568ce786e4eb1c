/* desk-money.h — amounts as integer minor units of an ISO 4217 currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Bounds. Every figure Groupdesk keeps or shows is an int64; these keep it far enough
 * inside that range that no sum, difference or conversion of kept figures can wrap.
 *
 *  - One amount (a unit cost, a line's total, an expense, a funding receipt) is at most
 *    10^15 minor units either way: ten trillion in a currency with cents (a quadrillion
 *    yen), far beyond any group's budget, and still 9,000 times inside int64.
 *  - A quantity or an indicator value is at most 10^15 thousandths (10^12 units); a
 *    whole number (participants, years, sequence numbers) at most 10^15.
 *  - A sum (spent, received, a budget total) is at most 10^18 minor units either way, so
 *    that budget − spent and received − spent of two sums always fit an int64 (2 × 10^18
 *    < 2^63 ≈ 9.2 × 10^18), and so does a chart's scale of three times the largest bar.
 *    A thousand amounts at their bound fit; a sum that would go beyond is refused, or
 *    left out of a summary and named, never wrapped.
 *  - An exchange rate is mantissa / 10^scale with scale 0…12 and mantissa 1…10^15, worth
 *    at most 10^9 units of the reporting currency. A sum (≤ 10^18) × mantissa (≤ 10^15) ×
 *    10^4 (the widest difference in decimals) is 10^37, inside 128 bits (1.7 × 10^38).
 *
 * Nothing within the bounds is INT64_MIN, whose negation overflows. */
#define DESK_MONEY_MAX_AMOUNT   G_GINT64_CONSTANT (1000000000000000)
#define DESK_MILLI_MAX          G_GINT64_CONSTANT (1000000000000000)
#define DESK_COUNT_MAX          G_GINT64_CONSTANT (1000000000000000)
#define DESK_MONEY_MAX_SUM      G_GINT64_CONSTANT (1000000000000000000)
#define DESK_RATE_MAX_SCALE     12
#define DESK_RATE_MAX_MANTISSA  G_GINT64_CONSTANT (1000000000000000)
#define DESK_RATE_MAX_UNITS     G_GINT64_CONSTANT (1000000000)

/* The largest magnitude a field of @type may hold (money, thousandths, whole numbers);
 * 0 for types that hold no number. */
gint64    desk_number_bound         (DeskFieldType  type);
/* NULL when @value fits a field of @type; else a translated sentence that names the
 * field (@label, untranslated as in DeskField) and says how far it may go: in @currency
 * with @decimals for money when the currency is known (@currency NULL otherwise). */
char     *desk_number_check_bounds  (DeskFieldType  type,
                                     const char    *label,
                                     gint64         value,
                                     const char    *currency,
                                     int            decimals);
/* Whether mantissa / 10^scale is a rate Groupdesk accepts (see above); when not, @error
 * says why and what to do. */
gboolean  desk_rate_check           (gint64         rate_mantissa,
                                     int            rate_scale,
                                     GError       **error);

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
/* The minus sign every figure shown to people carries (U+2212 MINUS SIGN); data meant for
 * programs and spreadsheets (CSV, JSON) keeps ASCII '-'. */
#define DESK_MINUS_SIGN "\xe2\x88\x92"

/* "1,234.50", "−500.00" — the amount with digit grouping, the currency's decimals and
 * the minus sign U+2212, for people. desk_money_parse() reads it back. */
char     *desk_money_format_amount  (gint64       minor,
                                     int          minor_units);
/* "1234.50", "-500.00" — the same for data: no grouping, ASCII minus. */
char     *desk_money_format_plain   (gint64       minor,
                                     int          minor_units);
/* "GHS 1,234.50". */
char     *desk_money_format         (gint64       minor,
                                     const char  *code,
                                     int          minor_units);

/* A decimal in thousandths ("2.5" → 2500), for quantities and indicator values. */
gboolean  desk_milli_parse          (const char  *text,
                                     gint64      *out_milli,
                                     GError     **error);
/* "2.5", "−0.25" for people; desk_milli_format_plain() gives "-0.25" for data. */
char     *desk_milli_format         (gint64       milli);
char     *desk_milli_format_plain   (gint64       milli);

/* Thousandths as a percentage with one decimal, for people: 625 → "62.5%", −20 →
 * "−2.0%" (translated form, U+2212). */
char     *desk_percent_format       (int          permille);
/* @number (already formatted for people, "62.5" or "−2.0") as a percentage: "62.5%". The
 * one place the percent sign is placed, so every screen, report and PDF writes it alike. */
char     *desk_percent_text         (const char  *number);
/* The same number for data: "-2.0", no sign of percent. */
char     *desk_percent_format_plain (int          permille);

/* A whole number between @min and @max, as typed ("40", " 1,200 "). */
gboolean  desk_count_parse          (const char  *text,
                                     gint64       min,
                                     gint64       max,
                                     gint64      *out,
                                     GError     **error);

/* quantity_milli × unit_cost_minor / 1000, rounded half away from zero. */
gboolean  desk_money_multiply       (gint64       quantity_milli,
                                     gint64       unit_cost_minor,
                                     gint64      *out_minor,
                                     GError     **error);
/* @amount_minor of a currency with @from_decimals into one with @to_decimals, at
 * mantissa / 10^scale, rounded half away from zero. A rate that is not more than zero
 * or has more than 18 decimals, and a result beyond int64, are refused with @error. */
gboolean  desk_money_convert        (gint64       amount_minor,
                                     int          from_decimals,
                                     int          to_decimals,
                                     gint64       rate_mantissa,
                                     int          rate_scale,
                                     gint64      *out_minor,
                                     GError     **error);
/* Parses "15.5" or "0.0000625" into mantissa and scale. */
gboolean  desk_rate_parse           (const char  *text,
                                     gint64      *rate_mantissa,
                                     int         *rate_scale,
                                     GError     **error);
char     *desk_rate_format          (gint64       rate_mantissa,
                                     int          rate_scale);

G_END_DECLS
