/* desk-csv.h — writing CSV as RFC 4180 says, for spreadsheets
 *
 * UTF-8, optionally with a byte-order mark (Excel needs one to read UTF-8), CRLF line
 * ends, '.' as the decimal point, and fields quoted when they hold a comma, a quote or a
 * line break (quotes doubled inside).
 *
 * Text cells cannot become formulas (CSV injection): a spreadsheet runs a cell that
 * starts with = + - or @ (or tab or carriage return, which some strip first), so a text
 * cell that starts with one of them — also after white space or invisible characters,
 * after a quote, or in full-width form (＝ ＋ － ＠) — is written with a ' in front,
 * which spreadsheets show as text and do not display. Numbers go through the numeric
 * functions, which write digits only and never add the quote, so -500.00 stays a number.
 * Every cell of every CSV Groupdesk writes goes through these functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString *out;
  guint    column;
} DeskCsv;

void     desk_csv_init         (DeskCsv    *csv,
                                GString    *out,
                                gboolean    bom);
/* A text cell: any bytes; defused when a spreadsheet would read it as a formula. */
void     desk_csv_field        (DeskCsv    *csv,
                                const char *text);
void     desk_csv_field_int    (DeskCsv    *csv,
                                gint64      value);
/* A decimal with @decimals places, '.' as the point and no grouping: 1234.50. */
void     desk_csv_field_fixed  (DeskCsv    *csv,
                                gint64      value,
                                int         decimals);
/* A number already formatted (a percentage, a quantity): written as a number when it is
 * one (an optional '-', digits, optionally '.' and digits), otherwise as text through
 * desk_csv_field, so that text never reaches a spreadsheet unguarded this way either. */
void     desk_csv_field_number (DeskCsv    *csv,
                                const char *number);
void     desk_csv_end_row      (DeskCsv    *csv);

/* Whether a spreadsheet could take @text, as a cell, for a formula: what desk_csv_field
 * puts the quote in front of. */
gboolean desk_csv_is_formula   (const char *text);
/* Whether @text is a plain decimal number as desk_csv_field_number writes it unquoted. */
gboolean desk_csv_is_number    (const char *text);

G_END_DECLS
