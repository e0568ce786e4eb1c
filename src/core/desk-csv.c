/* desk-csv.c — the one CSV writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-csv"

#include "config.h"

#include "desk-csv.h"

#include <string.h>

#include "desk-money.h"

/* What a spreadsheet may skip before it looks for a formula: white space, invisible
 * format characters, and quotes (a cell that already starts with ' or " followed by
 * a formula is still one for tools that strip them). */
static gboolean
is_skipped_lead (gunichar c)
{
  return g_unichar_isspace (c) || c == '\'' || c == '"' ||
         g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_type (c) == G_UNICODE_CONTROL;
}

/* = + - @, their full-width and small forms, and the minus sign. */
static gboolean
is_formula_start (gunichar c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' ||
         c == 0xff1d || c == 0xff0b || c == 0xff0d || c == 0xff20 ||
         c == 0xfe66 || c == 0xfe62 || c == 0xfe63 || c == 0xfe6b ||
         c == 0x2212;
}

gboolean
desk_csv_is_formula (const char *text)
{
  const char *end;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  /* OWASP: a leading tab or carriage return is a trigger of its own. */
  if (text[0] == '\t' || text[0] == '\r')
    return TRUE;

  /* The writer gets whatever bytes the record holds: read characters only as long as
   * they are valid UTF-8; at the first invalid byte, stop looking. */
  end = text + strlen (text);
  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (is_formula_start (c))
        return TRUE;
      if (!is_skipped_lead (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return FALSE;
}

gboolean
desk_csv_is_number (const char *text)
{
  const char *p = text;

  if (p == NULL)
    return FALSE;
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static void
begin_cell (DeskCsv *csv)
{
  if (csv->column++ > 0)
    g_string_append_c (csv->out, ',');
}

/* Digits, '-' and '.', which never need quoting. */
static void
append_number (DeskCsv    *csv,
               const char *number)
{
  g_assert (desk_csv_is_number (number));

  begin_cell (csv);
  g_string_append (csv->out, number);
}

void
desk_csv_init (DeskCsv  *csv,
               GString  *out,
               gboolean  bom)
{
  csv->out = out;
  csv->column = 0;
  if (bom)
    g_string_append (out, "\xEF\xBB\xBF");
}

void
desk_csv_field (DeskCsv    *csv,
                const char *text)
{
  gboolean defuse;

  begin_cell (csv);

  if (text == NULL)
    return;

  defuse = desk_csv_is_formula (text);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      if (defuse)
        g_string_append_c (csv->out, '\'');
      g_string_append (csv->out, text);
      return;
    }

  g_string_append_c (csv->out, '"');
  if (defuse)
    g_string_append_c (csv->out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv->out, '"');
      g_string_append_c (csv->out, *p);
    }
  g_string_append_c (csv->out, '"');
}

void
desk_csv_field_int (DeskCsv *csv,
                    gint64   value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  append_number (csv, text);
}

void
desk_csv_field_fixed (DeskCsv *csv,
                      gint64   value,
                      int      decimals)
{
  g_autofree char *text = desk_money_format_plain (value, decimals);

  /* No grouping and an ASCII minus: data meant for a spreadsheet. */
  desk_csv_field_number (csv, text);
}

void
desk_csv_field_number (DeskCsv    *csv,
                       const char *number)
{
  if (desk_csv_is_number (number))
    append_number (csv, number);
  else
    desk_csv_field (csv, number);
}

void
desk_csv_end_row (DeskCsv *csv)
{
  g_string_append (csv->out, "\r\n");
  csv->column = 0;
}
