/* desk-signin-private.h — what the sign-in sheet's files share: the decoder and field
 * reader (desk-signin-read.c), the plan (desk-signin.c, headers, rows) and applying it
 * (desk-signin-apply.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "desk-signin.h"

G_BEGIN_DECLS

/* The sheet as UTF-8: UTF-8 files are read where they lie (a copy would double the
 * memory a large sheet takes), UTF-16 ones are converted into @owned. Not NUL-terminated:
 * the reader stops at @end. */
typedef struct
{
  const char *start;
  const char *end;
  char *owned;
} Text;

typedef struct
{
  const char *start;   /* the field as written: quotes and all */
  gsize length;
} Span;

typedef struct
{
  GArray *spans;       /* Span, the first `keep` fields only */
  guint n_fields;      /* all of them */
  int last_nonblank;   /* the last field with something in it, or -1 */
  gboolean unclosed;   /* a quoted field ran to the end of the text */
} Record;

typedef struct
{
  const char *pos;
  const char *end;
  guint line;          /* the line pos is on, from 1 */
  char separator;
} Reader;

gboolean _desk_signin_decode (GBytes *bytes, Text *text, const char **encoding, GError **error);
void _desk_signin_text_clear (Text *text);
void _desk_signin_record_init (Record *record);
void _desk_signin_record_clear (Record *record);
gboolean _desk_signin_reader_next (Reader *reader, Record *record, guint keep);
gboolean _desk_signin_record_is_blank (const Record *record);
char * _desk_signin_record_dup_field (const Record *record, int index, gsize max);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Text, _desk_signin_text_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, _desk_signin_record_clear)

/* Shared by making the plan (desk-signin.c) and applying it (desk-signin-apply.c). */
struct _DeskSigninPlan
{
  char *group_uuid;
  char *workshop_uuid;
  const char *encoding;
  char separator;
  char *headers[DESK_SIGNIN_N_COLUMNS];
  GPtrArray *rows;          /* DeskSigninRow */
  char *problem;            /* why no row can be read until a column is chosen, or NULL */
  int problem_column;       /* the DeskSigninColumn to choose, or -1 */
};

/* The person a row would create, for core's validation. */
DeskRecord *_desk_signin_row_to_person   (DeskSigninRow *row,
                                          const char    *group_uuid);
/* The attendance record of @person_uuid on @workshop_uuid's list and its @status, or
 * NULL when they are not on it. */
char       *_desk_signin_dup_attendance  (DeskStore     *store,
                                          const char    *workshop_uuid,
                                          const char    *person_uuid,
                                          char         **status);

G_END_DECLS
