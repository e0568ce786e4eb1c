/* desk-paperwork-private.h — what the paperwork's files share: the words in the group's
 * languages, and the table of a sheet (the sign-in sheet, the payment sheet) with its
 * header, pages and page numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "desk-paperwork-data.h"

G_BEGIN_DECLS

/* A pair of words: English, Chinese. */
typedef struct
{
  const char *en;
  const char *zh;
} DeskWords;

typedef struct
{
  DeskPaperworkData *data;
  double width;
  double height;
} DeskPaper;

/* @words in the group's languages: "Signature\n签名", one of them, or both on one line
 * with @joiner. */
char    *_desk_words_in         (DeskPaperworkData *data,
                                 const DeskWords   *words,
                                 const char        *joiner);

typedef struct
{
  double share;       /* of the table's width */
  gboolean numeric;   /* right-aligned: amounts */
} DeskSheetColumn;

typedef struct _DeskSheet DeskSheet;

/* A table under the workshop's header (the sheet's title, the workshop, the group, its
 * dates and place), as many pages as its rows need, "Page N of M" at the foot. */
struct _DeskSheet
{
  DeskPaper *paper;
  const DeskWords *title;
  const DeskSheetColumn *columns;
  guint n_columns;
  /* The column's header (a new string) and a row's cell. */
  char       *(*header) (DeskSheet *sheet, guint column);
  const char *(*cell)   (DeskSheet *sheet, gpointer row, guint column);
  GPtrArray *rows;
  /* Blank rows to the end of each page, for people who were not on the list. */
  gboolean blank_rows;
  /* When set, a bold row after the last one: each column's total ("" for none). */
  const char *(*total)  (DeskSheet *sheet, guint column);
  gpointer user_data;
};

/* Draws @sheet's pages on @cr (each ended with cairo_show_page); returns their number. */
guint    _desk_sheet_draw       (cairo_t   *cr,
                                 DeskSheet *sheet);

/* Draws paperwork: @draw is called with a cairo context on a PDF of @width × @height
 * points written to @path (checked, written beside it, renamed when whole). */
typedef void (*DeskPaperworkDrawFunc) (cairo_t *cr, gpointer user_data);

gboolean _desk_paperwork_write  (DeskPaperworkData     *data,
                                 double                 width,
                                 double                 height,
                                 const char            *path,
                                 DeskPaperworkDrawFunc  draw,
                                 gpointer               user_data,
                                 GError               **error);

#define DESK_A4_LONG 841.89
#define DESK_A4_SHORT 595.276

/* The payment sheet (desk-paperwork-payments.c). */
gboolean _desk_paperwork_write_payments (DeskStore   *store,
                                         const char  *workshop_uuid,
                                         const char  *path,
                                         GError     **error);

G_END_DECLS
