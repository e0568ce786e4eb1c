/* desk-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date"

#include "config.h"

#include "desk-date.h"

#include "desk-i18n.h"

#include <string.h>

gboolean
desk_date_parse (const char *text,
                 GDate      *date)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
         g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, day, month, year);

  return TRUE;
}

gboolean
desk_date_is_valid (const char *text)
{
  return desk_date_parse (text, NULL);
}

char *
desk_date_to_string (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
desk_date_add_days (const char *text,
                    int         days)
{
  GDate date;

  if (!desk_date_parse (text, &date))
    return NULL;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);

  return desk_date_to_string (&date);
}

char *
desk_date_add_years (const char *text,
                     int         years)
{
  GDate date;

  if (!desk_date_parse (text, &date))
    return NULL;

  /* 29 February moves to 28 February in a common year (GDate clamps it). */
  if (years >= 0)
    g_date_add_years (&date, years);
  else
    g_date_subtract_years (&date, -years);

  return desk_date_to_string (&date);
}

int
desk_date_days_between (const char *a,
                        const char *b)
{
  GDate da, db;

  if (!desk_date_parse (a, &da) || !desk_date_parse (b, &db))
    return 0;

  return g_date_days_between (&da, &db);
}

char *
desk_date_format (const char    *iso,
                  DeskDateStyle  style)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;
  const char *format;

  if (iso == NULL)
    return g_strdup ("");
  if (!desk_date_parse (iso, &date))
    return g_strdup (iso);

  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);

  if (style == DESK_DATE_LONG)
    /* Translators: a date as strftime writes it (see `man strftime`); in Chinese
     * "%Y年%-m月%-d日". xgettext:no-c-format */
    format = C_("long date", "%-d %B %Y");
  else
    /* Translators: a short date as strftime writes it; in Chinese "%Y年%-m月%-d日".
     * xgettext:no-c-format */
    format = C_("short date", "%-d %b %Y");

  return g_date_time_format (dt, format);
}
