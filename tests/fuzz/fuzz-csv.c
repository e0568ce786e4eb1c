/* fuzz-csv.c — libFuzzer target for the CSV writer
 *
 * The input is cut into rows and cells (arbitrary bytes, invalid UTF-8 included, as the
 * writer gets them from records), written through desk-csv.c, and the output read back
 * with an RFC 4180 reader of its own. It aborts when the output is not RFC 4180, when a
 * cell does not come back as it went in (apart from the quote put in front of a text
 * cell), when a cell a spreadsheet could run as a formula comes back without that quote,
 * or when a number does not come back exactly.
 *
 * Input: the first byte holds options (bit 0: a byte-order mark). The rest is split at
 * NUL bytes into tokens; an empty token (two NULs) ends a row. A token's first byte says
 * what the cell is, the rest is its content: 0 an integer, 1 a fixed-point amount,
 * 2 a formatted number, anything else text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "desk-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define CHECK(cond) G_STMT_START { if (!(cond)) { \
  g_printerr ("fuzz-csv: check failed at line %d: %s\n", __LINE__, #cond); abort (); } } G_STMT_END

/* An independent view of what a spreadsheet may run: after any white space, quotes and
 * the common invisible characters, one of = + - @ or their full-width, small or minus
 * forms; and any cell that starts with a tab or a carriage return. */
static gboolean
looks_like_formula (const char *cell)
{
  static const char *const skipped[] = {
    " ", "\t", "\r", "\n", "'", "\"", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b",
    "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0", "\xef\xbb\xbf", "\xe2\x80\xae",
  };
  static const char *const triggers[] = {
    "=", "+", "-", "@", "\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0",
    "\xef\xb9\xa6", "\xef\xb9\xa2", "\xef\xb9\xa3", "\xef\xb9\xab", "\xe2\x88\x92",
  };
  const char *p = cell;
  gboolean again = TRUE;

  if (cell[0] == '\t' || cell[0] == '\r')
    return TRUE;

  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
        if (g_str_has_prefix (p, skipped[i]))
          {
            p += strlen (skipped[i]);
            again = TRUE;
            break;
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    if (g_str_has_prefix (p, triggers[i]))
      return TRUE;

  return FALSE;
}

/* -?[0-9]+(\.[0-9]+)? */
static gboolean
plain_number (const char *text)
{
  const char *p = text + (text[0] == '-');
  const char *digits = p;

  while (*p >= '0' && *p <= '9')
    p++;
  if (p == digits)
    return FALSE;
  if (*p == '.')
    {
      digits = ++p;
      while (*p >= '0' && *p <= '9')
        p++;
      if (p == digits)
        return FALSE;
    }

  return *p == '\0';
}

/* minor / 10^decimals written out by hand, for comparison. */
static char *
fixed_text (gint64 value,
            int    decimals)
{
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  guint64 scale = 1;

  for (int i = 0; i < decimals; i++)
    scale *= 10;
  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, value < 0 ? "-" : "", magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, value < 0 ? "-" : "",
                          magnitude / scale, decimals, magnitude % scale);
}

typedef struct
{
  char *expected;      /* what must come back; NULL: the text in `input`, maybe with ' */
  char *input;         /* a text cell as it was written */
} Cell;

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->expected);
  g_free (cell->input);
}

/* Reads @csv as RFC 4180 into rows of cells; aborts on anything else. */
static GPtrArray *
parse (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const char *p = csv;

  while (*p != '\0')
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      for (;;)
        {
          GString *value = g_string_new (NULL);

          if (*p == '"')
            {
              for (p++;; p++)
                {
                  CHECK (*p != '\0');
                  if (*p == '"' && p[1] == '"')
                    p++;
                  else if (*p == '"')
                    break;
                  g_string_append_c (value, *p);
                }
              p++;
              CHECK (*p == ',' || (p[0] == '\r' && p[1] == '\n'));
            }
          else
            for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
              {
                /* Unquoted cells hold no quote and no line break. */
                CHECK (*p != '"' && *p != '\n');
                g_string_append_c (value, *p);
              }
          g_ptr_array_add (row, g_string_free (value, FALSE));

          if (*p == ',')
            {
              p++;
              continue;
            }
          CHECK (p[0] == '\r' && p[1] == '\n');
          p += 2;
          break;
        }
      g_ptr_array_add (rows, row);
    }

  return rows;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GArray *row = NULL;
  const char *csv;
  gboolean bom;
  gsize i;
  DeskCsv writer;

  if (size == 0)
    return 0;
  bom = (data[0] & 1) != 0;
  desk_csv_init (&writer, out, bom);

  for (i = 1; i <= size;)
    {
      const guint8 *token = data + i;
      gsize length = 0;
      Cell cell = { NULL, NULL };

      while (i + length < size && token[length] != 0)
        length++;
      i += length + 1;

      if (length == 0)
        {
          /* An empty token ends the row; a row has at least one cell. */
          if (row != NULL)
            {
              desk_csv_end_row (&writer);
              g_ptr_array_add (rows, row);
              row = NULL;
            }
          continue;
        }

      if (row == NULL)
        {
          row = g_array_new (FALSE, TRUE, sizeof (Cell));
          g_array_set_clear_func (row, cell_clear);
        }

      switch (token[0] % 4)
        {
        case 0:
          {
            gint64 value = 0;

            memcpy (&value, token + 1, MIN (length - 1, sizeof value));
            desk_csv_field_int (&writer, value);
            cell.expected = g_strdup_printf ("%" G_GINT64_FORMAT, value);
          }
          break;

        case 1:
          {
            gint64 value = 0;
            int decimals = length > 1 ? token[1] % 7 : 2;

            if (length > 2)
              memcpy (&value, token + 2, MIN (length - 2, sizeof value));
            desk_csv_field_fixed (&writer, value, decimals);
            cell.expected = fixed_text (value, decimals);
          }
          break;

        case 2:
          cell.input = g_strndup ((const char *) token + 1, length - 1);
          desk_csv_field_number (&writer, cell.input);
          if (plain_number (cell.input))
            cell.expected = g_strdup (cell.input);
          break;

        default:
          cell.input = g_strndup ((const char *) token + 1, length - 1);
          desk_csv_field (&writer, cell.input);
          break;
        }
      g_array_append_val (row, cell);
    }
  if (row != NULL)
    {
      desk_csv_end_row (&writer);
      g_ptr_array_add (rows, row);
    }

  csv = out->str;
  if (bom)
    {
      CHECK (g_str_has_prefix (csv, "\xef\xbb\xbf"));
      csv += 3;
    }
  CHECK (strlen (csv) == out->len - (bom ? 3 : 0));

  parsed = parse (csv);
  CHECK (parsed->len == rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      GArray *cells = g_ptr_array_index (rows, r);
      GPtrArray *got = g_ptr_array_index (parsed, r);

      CHECK (got->len == cells->len);
      for (guint c = 0; c < cells->len; c++)
        {
          const Cell *cell = &g_array_index (cells, Cell, c);
          const char *value = g_ptr_array_index (got, c);

          if (cell->expected != NULL)
            {
              /* A number comes back exactly, and is never taken for text. */
              CHECK (g_str_equal (value, cell->expected));
              CHECK (plain_number (value));
              continue;
            }

          /* Text comes back as it went in, or with one quote in front … */
          CHECK (g_str_equal (value, cell->input) ||
                 (value[0] == '\'' && g_str_equal (value + 1, cell->input)));
          /* … which it must have when a spreadsheet could run it … */
          if (looks_like_formula (cell->input))
            CHECK (value[0] == '\'' && g_str_equal (value + 1, cell->input));
          /* … and so no text cell starts with a formula character. */
          CHECK (!looks_like_formula (value) || value[0] == '\'');
          CHECK (value[0] != '=' && value[0] != '+' && value[0] != '-' && value[0] != '@' &&
                 value[0] != '\t' && value[0] != '\r');
          /* The quote is there exactly when the writer's own judgement says so. */
          CHECK (!g_str_equal (value, cell->input) == desk_csv_is_formula (cell->input));
        }
    }

  return 0;
}
