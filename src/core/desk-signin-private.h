/* desk-signin-private.h — the sign-in sheet's decoder and field reader, shared by
 * desk-signin-read.c (which owns them) and desk-signin.c (headers, rows, the plan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
