/* desk-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date"

#include "config.h"

#include "desk-date.h"

#include "desk-error.h"
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

/* The one date format, as strftime writes it. The msgid is the short date it always
 * was, so catalogues that translate it keep their translation. */
static const char *
date_format (void)
{
  /* Translators: the one way the app writes a date, as strftime writes it (see
   * `man strftime`): "5 Mar 2025"; in Chinese "%Y年%-m月%-d日". A date typed in this
   * format is read back, so keep the day, month and year apart. xgettext:no-c-format */
  return C_("short date", "%-d %b %Y");
}

char *
desk_date_format (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (iso == NULL)
    return g_strdup ("");
  if (!desk_date_parse (iso, &date))
    return g_strdup (iso);

  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);

  return g_date_time_format (dt, date_format ());
}

char *
desk_date_format_period (const char *from,
                         const char *to)
{
  g_autofree char *a = desk_date_format (from);
  g_autofree char *b = desk_date_format (to);

  /* Translators: a period, from the first date to the second: "1 Jan 2026 – 30 Jun 2026". */
  return g_strdup_printf (_("%s – %s"), a, b);
}

char *
desk_date_format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (timestamp == NULL)
    return g_strdup ("");

  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);

  local = g_date_time_to_local (utc);
  iso = g_date_time_format (local, "%Y-%m-%d");
  day = desk_date_format (iso);
  time = g_date_time_format (local, "%H:%M");

  /* Translators: a date, then a time of day: "5 Mar 2025, 14:02". */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/* Reading a date typed in the one format */

/* The parts @format asks for, in its order: 'd' day, 'm' month number, 'b' month name,
 * 'Y' year. Returns how many (3 for a usable format). */
static int
format_order (const char *format,
              char        order[3])
{
  int n = 0;

  for (const char *p = format; *p != '\0'; p++)
    {
      char part = 0;

      if (*p != '%')
        continue;
      p++;
      /* Flags and modifiers: %-d, %_d, %0d, %Ey, %Om. */
      while (*p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#' || *p == 'E' ||
             *p == 'O')
        p++;
      if (*p == '\0')
        break;
      if (*p == 'd' || *p == 'e')
        part = 'd';
      else if (*p == 'm')
        part = 'm';
      else if (*p == 'b' || *p == 'B' || *p == 'h')
        part = 'b';
      else if (*p == 'Y')
        part = 'Y';
      if (part != 0 && n < 3)
        order[n++] = part;
    }

  return n;
}

/* The month (1–12) @word names, in full or abbreviated, in any case; 0 when none. */
static int
month_of_word (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, m, 1, 0, 0, 0);
      const char *formats[] = { "%b", "%B" };

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_date_time_format (dt, formats[f]);
          g_autofree char *name_folded = NULL;

          /* Some locales end an abbreviation with a full stop ("janv."). */
          if (name == NULL)
            continue;
          g_strdelimit (name, ".", ' ');
          g_strstrip (name);
          name_folded = g_utf8_casefold (name, -1);
          if (g_strcmp0 (folded, name_folded) == 0)
            return m;
        }
    }

  return 0;
}

/* @text read in @format: numbers and words in the order of its parts; words that are the
 * format's own (年, 月, 日) are passed over. */
static gboolean
parse_in_format (const char *text,
                 const char *format,
                 GDate      *date)
{
  char order[3];
  int numbers[3];
  int n_numbers = 0, used = 0;
  int month_named = 0;
  int day = 0, month = 0, year = 0;
  const char *p = text;

  if (format_order (format, order) != 3)
    return FALSE;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          int value = 0, digits = 0;

          for (; g_ascii_isdigit (*p); p++, digits++)
            if (digits < 4)
              value = value * 10 + g_ascii_digit_value (*p);
          if (digits > 4 || n_numbers == 3)
            return FALSE;
          numbers[n_numbers++] = digits == 4 ? -value : value;  /* a year, marked */
        }
      else if (g_unichar_isalpha (c))
        {
          const char *start = p;
          g_autofree char *word = NULL;
          int m;

          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          word = g_strndup (start, p - start);
          m = month_of_word (word);
          if (m != 0 && month_named == 0)
            month_named = m;
          else if (strstr (format, word) == NULL)
            return FALSE;
        }
      else
        p = g_utf8_next_char (p);
    }

  for (int i = 0; i < 3; i++)
    {
      int value;

      if (order[i] == 'b')
        {
          month = month_named;
          continue;
        }
      if (used == n_numbers)
        return FALSE;
      value = numbers[used++];
      /* Only the year has four digits, so "5 Mar 25" is not taken for the year 25. */
      if ((order[i] == 'Y') != (value < 0))
        return FALSE;
      if (order[i] == 'd')
        day = value;
      else if (order[i] == 'm')
        month = value;
      else
        year = -value;
    }

  if (used != n_numbers || (month_named != 0 && month != month_named))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

char *
desk_date_parse_shown (const char  *text,
                       GError     **error)
{
  g_autofree char *typed = g_strstrip (g_strdup (text != NULL ? text : ""));
  GDate date;

  if (desk_date_is_valid (typed))
    return g_steal_pointer (&typed);

  g_date_clear (&date, 1);
  if (typed[0] != '\0' && parse_in_format (typed, date_format (), &date))
    return desk_date_to_string (&date);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *example = desk_date_format (iso);

    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 /* Translators: a date that could not be read, then today written as
                  * the app writes dates and in ISO 8601: "Enter a day such as 5 Mar
                  * 2026 or 2026-03-05." */
                 _("“%s” is not a date. Enter a day such as %s or %s."), typed, example, iso);
  }

  return NULL;
}
