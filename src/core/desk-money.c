/* desk-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-money"

#include "config.h"

#include "desk-money.h"

#include "desk-money-private.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#include <string.h>

gint64
desk_number_bound (DeskFieldType type)
{
  if (type == DESK_FIELD_MONEY)
    return DESK_MONEY_MAX_AMOUNT;
  if (type == DESK_FIELD_MILLI)
    return DESK_MILLI_MAX;
  if (type == DESK_FIELD_INT)
    return DESK_COUNT_MAX;

  return 0;
}

char *
desk_number_check_bounds (DeskFieldType  type,
                          const char    *label,
                          gint64         value,
                          const char    *currency,
                          int            decimals)
{
  gint64 bound = desk_number_bound (type);
  g_autofree char *limit = NULL;

  /* Compared without negating: −INT64_MIN does not exist. */
  if (bound == 0 || (value <= bound && value >= -bound))
    return NULL;

  if (type == DESK_FIELD_MONEY && currency != NULL && decimals >= 0)
    limit = desk_money_format (bound, currency, decimals);
  else if (type == DESK_FIELD_MILLI)
    limit = desk_money_format_amount (bound / 1000, 0);
  else
    limit = desk_money_format_amount (bound, 0);

  return g_strdup_printf (_("“%s” is more than Groupdesk can count: it can be at most %s, in "
                            "either direction. Check the figure."),
                          _(label), limit);
}

gboolean
desk_rate_check (gint64   rate_mantissa,
                 int      rate_scale,
                 GError **error)
{
  if (rate_mantissa <= 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("An exchange rate of zero would make every amount vanish. Enter the "
                     "rate in force."));
      return FALSE;
    }
  if (rate_scale < 0 || rate_scale > DESK_RATE_MAX_SCALE)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The rate has too many decimals. Use at most 12."));
      return FALSE;
    }
  if (rate_mantissa > DESK_RATE_MAX_MANTISSA)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The rate has too many digits. Use at most 15 significant digits."));
      return FALSE;
    }

  /* mantissa / 10^scale ≤ DESK_RATE_MAX_UNITS, in integers: both sides fit 128 bits. */
  {
    __int128 limit = DESK_RATE_MAX_UNITS;

    for (int i = 0; i < rate_scale; i++)
      limit *= 10;
    if ((__int128) rate_mantissa > limit)
      {
        g_autofree char *rate = desk_rate_format (rate_mantissa, rate_scale);
        g_autofree char *most = desk_money_format_amount (DESK_RATE_MAX_UNITS, 0);

        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("A rate of %s is more than Groupdesk accepts: one unit of another "
                       "currency can be worth at most %s units of the reporting currency. "
                       "Check the rate."),
                     rate, most);
        return FALSE;
      }
  }

  return TRUE;
}

int
desk_currency_minor_units (DeskStore  *store,
                           const char *code)
{
  return _desk_store_currency_minor_units (store, code);
}

/* Parses a decimal with at most @decimals digits after the point into an integer scaled
 * by 10^decimals. Commas and spaces group digits and are ignored before the point. */
static gboolean
parse_scaled (const char  *text,
              int          decimals,
              gboolean     allow_negative,
              gint64      *out,
              GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean seen_digit = FALSE;
  gboolean seen_point = FALSE;
  int fraction_digits = 0;
  guint64 value = 0;
  const guint64 limit = (guint64) G_MAXINT64;

  if (text == NULL)
    p = "";

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p++;
    }
  /* U+2212, the minus sign Groupdesk shows: what it shows can be typed back. */
  else if (g_str_has_prefix (p, DESK_MINUS_SIGN))
    {
      negative = TRUE;
      p += strlen (DESK_MINUS_SIGN);
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (seen_point && fraction_digits == decimals)
            {
              if (decimals == 0)
                g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                             _("“%s” has decimals, but this currency has none. Enter a "
                               "whole amount."), text);
              else
                g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                             _("“%s” has too many decimals: this currency takes at most %d. "
                               "Round it and try again."),
                             text, decimals);
              return FALSE;
            }
          if (value > (limit - (guint64) (*p - '0')) / 10)
            goto too_large;
          value = value * 10 + (guint64) (*p - '0');
          seen_digit = TRUE;
          if (seen_point)
            fraction_digits++;
        }
      else if (*p == '.' && !seen_point)
        seen_point = TRUE;
      else if ((*p == ',' || *p == ' ') && !seen_point && seen_digit)
        continue;
      else if (g_ascii_isspace (*p))
        {
          while (g_ascii_isspace (*p))
            p++;
          if (*p != '\0')
            goto not_a_number;
          break;
        }
      else
        goto not_a_number;
    }

  if (!seen_digit)
    goto not_a_number;

  for (; fraction_digits < decimals; fraction_digits++)
    {
      if (value > limit / 10)
        goto too_large;
      value *= 10;
    }

  if (negative && !allow_negative && value != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is negative. Enter zero or more."), text);
      return FALSE;
    }

  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;

not_a_number:
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("“%s” is not a number. Type digits, with a point for decimals, such as "
                 "1234.50."), text != NULL ? text : "");
  return FALSE;

too_large:
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("“%s” is too large for Groupdesk to keep. Check the amount."), text);
  return FALSE;
}

gboolean
desk_money_parse (const char  *text,
                  int          minor_units,
                  gboolean     allow_negative,
                  gint64      *out_minor,
                  GError     **error)
{
  g_return_val_if_fail (minor_units >= 0 && minor_units <= 4, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  return parse_scaled (text, minor_units, allow_negative, out_minor, error);
}

gboolean
desk_milli_parse (const char  *text,
                  gint64      *out_milli,
                  GError     **error)
{
  g_return_val_if_fail (out_milli != NULL, FALSE);

  return parse_scaled (text, 3, TRUE, out_milli, error);
}

/* @value / 10^@decimals. For people (@display): the minus sign U+2212 and digits
 * grouped by three; for data: ASCII '-' and no grouping, as spreadsheets read it. */
static char *
format_scaled (gint64   value,
               int      decimals,
               gboolean display,
               gboolean trim)
{
  gboolean group = display;
  GString *s = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
  guint64 scale = 1;
  guint64 whole, fraction;
  g_autofree char *digits = NULL;
  gsize len;

  for (int i = 0; i < decimals; i++)
    scale *= 10;

  whole = magnitude / scale;
  fraction = magnitude % scale;

  if (value < 0)
    g_string_append (s, display ? DESK_MINUS_SIGN : "-");

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, whole);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (group && i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }

  if (decimals > 0)
    {
      g_autofree char *frac = g_strdup_printf ("%0*" G_GUINT64_FORMAT, decimals, fraction);

      if (trim)
        {
          gsize n = strlen (frac);
          while (n > 0 && frac[n - 1] == '0')
            frac[--n] = '\0';
          if (n > 0)
            g_string_append_printf (s, ".%s", frac);
        }
      else
        g_string_append_printf (s, ".%s", frac);
    }

  return g_string_free (s, FALSE);
}

char *
desk_money_format_amount (gint64 minor,
                          int    minor_units)
{
  return format_scaled (minor, MAX (minor_units, 0), TRUE, FALSE);
}

char *
desk_money_format_plain (gint64 minor,
                         int    minor_units)
{
  return format_scaled (minor, MAX (minor_units, 0), FALSE, FALSE);
}

char *
desk_money_format (gint64      minor,
                   const char *code,
                   int         minor_units)
{
  g_autofree char *amount = desk_money_format_amount (minor, minor_units);

  /* The code, not a symbol: "$" means different things to the groups we serve. */
  return g_strdup_printf ("%s %s", code, amount);
}

char *
desk_milli_format (gint64 milli)
{
  g_autofree char *text = format_scaled (milli, 3, FALSE, TRUE);

  /* Quantities are not grouped (they stay short), but their sign is the one people see. */
  if (text[0] == '-')
    return g_strconcat (DESK_MINUS_SIGN, text + 1, NULL);
  return g_steal_pointer (&text);
}

char *
desk_milli_format_plain (gint64 milli)
{
  return format_scaled (milli, 3, FALSE, TRUE);
}

char *
desk_percent_format_plain (int permille)
{
  /* abs() of INT_MIN does not exist: the magnitude is taken as unsigned. */
  guint magnitude = permille < 0 ? (guint) -(permille + 1) + 1 : (guint) permille;

  return g_strdup_printf ("%s%u.%u", permille < 0 ? "-" : "", magnitude / 10, magnitude % 10);
}

char *
desk_percent_format (int permille)
{
  g_autofree char *number = desk_percent_format_plain (permille);

  if (number[0] == '-')
    {
      g_autofree char *plain = g_steal_pointer (&number);

      number = g_strconcat (DESK_MINUS_SIGN, plain + 1, NULL);
    }
  return desk_percent_text (number);
}

char *
desk_percent_text (const char *number)
{
  /* Translators: a percentage; %s is the number, such as 62.5 or −2.0. */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}

gboolean
desk_count_parse (const char  *text,
                  gint64       min,
                  gint64       max,
                  gint64      *out,
                  GError     **error)
{
  gint64 value = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!parse_scaled (text, 0, min < 0, &value, NULL))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a whole number. Type digits only, such as 40."),
                   text != NULL ? text : "");
      return FALSE;
    }

  if (value < min || value > max)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%lld is out of range. Enter a number from %lld to %lld."),
                   (long long) value, (long long) min, (long long) max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* One amount, one conversion, one rate */

gboolean
desk_money_multiply (gint64   quantity_milli,
                     gint64   unit_cost_minor,
                     gint64  *out_minor,
                     GError **error)
{
  g_return_val_if_fail (out_minor != NULL, FALSE);

  return fits (line_product (quantity_milli, unit_cost_minor), out_minor, error);
}

gboolean
desk_money_convert (gint64   amount_minor,
                    int      from_decimals,
                    int      to_decimals,
                    gint64   rate_mantissa,
                    int      rate_scale,
                    gint64  *out_minor,
                    GError **error)
{
  Wide converted;

  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (from_decimals >= 0 && from_decimals <= 4, FALSE);
  g_return_val_if_fail (to_decimals >= 0 && to_decimals <= 4, FALSE);

  /* Rates come from the database, which another program may have written: a bad one is
   * the data's fault, so it is an error to show, not a programming error. */
  if (rate_mantissa <= 0 || rate_scale < 0 || rate_scale > 18)
    {
      g_autofree char *rate = desk_rate_format (rate_mantissa, rate_scale);

      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The exchange rate %s is out of range and cannot convert anything. "
                     "Correct the rate."),
                   rate);
      return FALSE;
    }

  if (!convert_wide (amount_minor, from_decimals, to_decimals, rate_mantissa, rate_scale,
                     &converted))
    return fits ((Wide) G_MAXINT64 + 1, out_minor, error);

  return fits (converted, out_minor, error);
}

gboolean
desk_rate_parse (const char  *text,
                 gint64      *rate_mantissa,
                 int         *rate_scale,
                 GError     **error)
{
  const char *p = text != NULL ? text : "";
  gint64 mantissa = 0;
  int scale = 0;
  int digits = 0;
  gboolean point = FALSE;

  while (g_ascii_isspace (*p))
    p++;

  for (; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '.' && !point)
        {
          point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || digits >= 18)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” is not an exchange rate. Write how many units of the reporting "
                         "currency one unit of the other currency is worth, such as 15.5."),
                       text != NULL ? text : "");
          return FALSE;
        }
      mantissa = mantissa * 10 + (*p - '0');
      if (mantissa > 0 || point)
        digits++;
      if (point)
        scale++;
    }
  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0' || (digits == 0 && mantissa == 0 && scale == 0))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not an exchange rate. Write how many units of the reporting "
                     "currency one unit of the other currency is worth, such as 15.5."),
                   text != NULL ? text : "");
      return FALSE;
    }

  if (mantissa == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("An exchange rate of zero would make every amount vanish. Enter the "
                     "rate in force."));
      return FALSE;
    }

  /* 15.50 and 15.5 are the same rate: keep the shortest form. */
  while (scale > 0 && mantissa % 10 == 0)
    {
      mantissa /= 10;
      scale--;
    }
  if (!desk_rate_check (mantissa, scale, error))
    return FALSE;

  *rate_mantissa = mantissa;
  *rate_scale = scale;

  return TRUE;
}

char *
desk_rate_format (gint64 rate_mantissa,
                  int    rate_scale)
{
  g_autofree char *digits = NULL;
  gsize len;

  /* Not a rate Groupdesk writes (the database may say otherwise): shown as stored. */
  if (rate_mantissa < 0 || rate_scale < 0 || rate_scale > 18)
    return g_strdup_printf ("%" G_GINT64_FORMAT "e-%d", rate_mantissa, rate_scale);

  digits = g_strdup_printf ("%0*" G_GINT64_FORMAT, rate_scale + 1, rate_mantissa);
  len = strlen (digits);
  if (rate_scale == 0)
    return g_steal_pointer (&digits);

  return g_strdup_printf ("%.*s.%s", (int) (len - (gsize) rate_scale), digits,
                          digits + len - rate_scale);
}
