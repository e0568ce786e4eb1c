/* desk-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-csv"

#include "config.h"

#include "desk-csv.h"

#include <string.h>

#include "desk-money.h"

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
  if (csv->column++ > 0)
    g_string_append_c (csv->out, ',');

  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv->out, text);
      return;
    }

  g_string_append_c (csv->out, '"');
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
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  desk_csv_field (csv, text);
}

void
desk_csv_field_fixed (DeskCsv *csv,
                      gint64   value,
                      int      decimals)
{
  g_autofree char *text = desk_money_format_amount (value, decimals);
  GString *plain = g_string_new (NULL);

  /* No grouping in data meant for a spreadsheet. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',')
      g_string_append_c (plain, *p);
  desk_csv_field (csv, plain->str);
  g_string_free (plain, TRUE);
}

void
desk_csv_end_row (DeskCsv *csv)
{
  g_string_append (csv->out, "\r\n");
  csv->column = 0;
}
