/* desk-money-private.h — the 128-bit arithmetic that money and budgets share
 *
 * All money arithmetic is done in 128-bit integers and checked against the int64 range
 * before it is stored or shown; rounding is half away from zero. desk-money.c (one
 * amount, one conversion) and desk-budget.c (sums) both use these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"

G_BEGIN_DECLS

typedef __int128 Wide;

static inline Wide
power_of_ten (int n)
{
  Wide p = 1;

  for (int i = 0; i < n; i++)
    p *= 10;

  return p;
}

/* num / den rounded half away from zero; den ≠ 0, either sign. */
static inline Wide
round_div (Wide num,
           Wide den)
{
  Wide q, r;

  if (den < 0)
    {
      num = -num;
      den = -den;
    }

  q = num / den;
  r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;

  return q;
}

/* Whether @value is an int64 other than INT64_MIN, whose negation does not exist. */
static inline gboolean
fits (Wide      value,
      gint64   *out,
      GError  **error)
{
  if (value > G_MAXINT64 || value < -G_MAXINT64)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The amount is too large for Groupdesk to keep. Check the quantity, the "
                     "unit cost and the rate."));
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

/* Whether @value is a figure a summary may hold: see DESK_MONEY_MAX_SUM. */
static inline gboolean
countable (Wide value)
{
  return value <= DESK_MONEY_MAX_SUM && value >= -DESK_MONEY_MAX_SUM;
}

/* quantity_milli × unit_cost_minor / 1000, rounded: two int64 multiply within 127 bits. */
static inline Wide
line_product (gint64 quantity_milli,
              gint64 unit_cost_minor)
{
  return round_div ((Wide) quantity_milli * (Wide) unit_cost_minor, 1000);
}

/* @amount × mantissa / 10^scale, scaled by the decimals, rounded; FALSE when not even 128
 * bits hold the product. The caller checks the rate and the decimals. */
static inline gboolean
convert_wide (Wide    amount,
              int     from_decimals,
              int     to_decimals,
              gint64  rate_mantissa,
              int     rate_scale,
              Wide   *out)
{
  Wide num, den = power_of_ten (rate_scale);

  if (from_decimals > to_decimals)
    den *= power_of_ten (from_decimals - to_decimals);

  if (__builtin_mul_overflow (amount, (Wide) rate_mantissa, &num) ||
      (to_decimals > from_decimals &&
       __builtin_mul_overflow (num, power_of_ten (to_decimals - from_decimals), &num)))
    return FALSE;

  *out = round_div (num, den);
  return TRUE;
}

G_END_DECLS
