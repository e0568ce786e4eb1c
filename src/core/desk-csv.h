/* desk-csv.h — writing CSV as RFC 4180 says, for spreadsheets
 *
 * UTF-8, optionally with a byte-order mark (Excel needs one to read UTF-8), CRLF line
 * ends, '.' as the decimal point, and fields quoted when they hold a comma, a quote or a
 * line break (quotes doubled inside).
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

void   desk_csv_init        (DeskCsv    *csv,
                             GString    *out,
                             gboolean    bom);
void   desk_csv_field       (DeskCsv    *csv,
                             const char *text);
void   desk_csv_field_int   (DeskCsv    *csv,
                             gint64      value);
/* A decimal with @decimals places, '.' as the point and no grouping: 1234.50. */
void   desk_csv_field_fixed (DeskCsv    *csv,
                             gint64      value,
                             int         decimals);
void   desk_csv_end_row     (DeskCsv    *csv);

G_END_DECLS
