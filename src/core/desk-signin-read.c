/* desk-signin-read.c — decoding a sign-in sheet (UTF-8, UTF-16, refusing binary) and
 * reading its fields in place, in bounded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-signin"

#include "config.h"

#include "desk-signin-private.h"

#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"

/* Decoding */

static gboolean
has_prefix (GBytes       *bytes,
            const guint8 *prefix,
            gsize         length)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= length && memcmp (data, prefix, length) == 0;
}

static gboolean
refuse_binary (GError **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This file is not a sign-in sheet: it holds binary data, not text. Save the "
                 "sheet from your spreadsheet as “CSV UTF-8” or “Unicode text” and import "
                 "that file."));
  return FALSE;
}

static gboolean
refuse_utf16 (GError **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This file starts like Unicode (UTF-16) text but is not: it may be "
                 "damaged or not a sign-in sheet. Save the sheet from your "
                 "spreadsheet again as “CSV UTF-8” or “Unicode text”."));
  return FALSE;
}

/* The code point at unit @i of UTF-16 @data (@n units), advancing @i; BAD_UTF16 for a
 * surrogate without its other half, which no text has. */
#define BAD_UTF16 ((gunichar) -1)

static gunichar
utf16_next (const guint8 *data,
            gsize         n,
            gsize        *i,
            gboolean      big_endian)
{
#define UNIT(k) (big_endian ? (guint) (data[2 * (k)] << 8 | data[2 * (k) + 1]) \
                            : (guint) (data[2 * (k) + 1] << 8 | data[2 * (k)]))
  guint unit = UNIT (*i);
  guint low;

  (*i)++;
  if (unit < 0xd800 || unit > 0xdfff)
    return unit;
  if (unit > 0xdbff || *i >= n)
    return BAD_UTF16;
  low = UNIT (*i);
  if (low < 0xdc00 || low > 0xdfff)
    return BAD_UTF16;
  (*i)++;

  return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
#undef UNIT
}

/* UTF-16 to UTF-8 in one allocation of the exact size: a first pass measures and
 * checks, the second writes. (g_convert grows its buffer by doubling, which on a
 * 20 MB sheet costs several times the file.) */
static char *
decode_utf16 (const guint8  *data,
              gsize          size,
              gboolean       big_endian,
              gsize         *length,
              GError       **error)
{
  gsize n = size / 2;
  gsize needed = 0;
  char *text;
  char *out;

  if (size % 2 != 0)
    {
      refuse_utf16 (error);
      return NULL;
    }

  for (gsize i = 0; i < n;)
    {
      gunichar c = utf16_next (data, n, &i, big_endian);

      /* A NUL is binary; a lone surrogate is damaged UTF-16. */
      if (c == 0)
        {
          refuse_binary (error);
          return NULL;
        }
      if (c == BAD_UTF16)
        {
          refuse_utf16 (error);
          return NULL;
        }
      needed += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }

  text = g_malloc (needed + 1);
  out = text;
  for (gsize i = 0; i < n;)
    out += g_unichar_to_utf8 (utf16_next (data, n, &i, big_endian), out);
  *out = '\0';
  *length = needed;

  return text;
}


void
_desk_signin_text_clear (Text *text)
{
  g_clear_pointer (&text->owned, g_free);
}


/* Whether the (valid UTF-8) text holds nothing that is not text: a NUL, a control
 * character other than tab and line breaks, or a non-character; @blank says whether it
 * is only white space. */
static gboolean
text_is_clean (const Text *text,
               gboolean   *blank)
{
  *blank = TRUE;
  for (const char *p = text->start; p < text->end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || c == '\r')
        continue;
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff)
        return FALSE;
      if (*blank && !g_unichar_isspace (c))
        *blank = FALSE;
    }

  return TRUE;
}

/* Decodes @bytes into @text, or fails with an error. */
gboolean
_desk_signin_decode (GBytes      *bytes,
        Text        *text,
        const char **encoding,
        GError     **error)
{
  static const guint8 bom_utf8[] = { 0xef, 0xbb, 0xbf };
  static const guint8 bom_le[] = { 0xff, 0xfe };
  static const guint8 bom_be[] = { 0xfe, 0xff };
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize length = 0;
  gboolean blank;

  if (has_prefix (bytes, bom_le, 2) || has_prefix (bytes, bom_be, 2))
    {
      gboolean big_endian = has_prefix (bytes, bom_be, 2);

      *encoding = big_endian ? "UTF-16BE" : "UTF-16LE";
      text->owned = decode_utf16 ((const guint8 *) data + 2, size - 2, big_endian, &length, error);
      if (text->owned == NULL)
        return FALSE;
      text->start = text->owned;
      text->end = text->owned + length;
    }
  else
    {
      gsize skip = has_prefix (bytes, bom_utf8, 3) ? 3 : 0;

      *encoding = skip > 0 ? "UTF-8 with BOM" : "UTF-8";
      if (memchr (data, '\0', size) != NULL)
        return refuse_binary (error);
      if (!g_utf8_validate_len (data + skip, size - skip, NULL))
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("This file is not UTF-8 or UTF-16 text: it may be in an older "
                         "encoding, or not text at all. Save the sheet from your spreadsheet "
                         "as “CSV UTF-8” or “Unicode text” and import that file."));
          return FALSE;
        }
      text->start = data + skip;
      text->end = data + size;
    }

  /* A control character in decoded text means it was not text to begin with. */
  if (!text_is_clean (text, &blank))
    return refuse_binary (error);

  if (blank)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This file is empty. Choose the file the sign-in sheet was saved to, "
                     "or type the participants into it first."));
      return FALSE;
    }

  return TRUE;
}

/* CSV (RFC 4180, with any line end)
 *
 * The reader copies nothing: a record is a list of spans of the decoded text, and only
 * the few fields a row needs are unquoted into strings. A sheet of 20 MB of commas or of
 * empty lines, or one endless header row, so costs the text and a few bytes more, not a
 * string per empty field. */


void
_desk_signin_record_init (Record *record)
{
  record->spans = g_array_new (FALSE, FALSE, sizeof (Span));
}

void
_desk_signin_record_clear (Record *record)
{
  g_clear_pointer (&record->spans, g_array_unref);
}


/* Whether the character that starts at @p is white space (ASCII, no-break, ideographic
 * …); a continuation byte counts as space, its lead byte having been judged already. */
static inline gboolean
is_space_at (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
  if (c < 0xc0)
    return TRUE;

  return g_unichar_isspace (g_utf8_get_char (p));
}

static void
record_end_field (Record     *record,
                  const char *start,
                  const char *end,
                  gboolean    blank,
                  guint       keep)
{
  if (record->n_fields < keep)
    {
      Span span = { start, (gsize) (end - start) };

      g_array_append_val (record->spans, span);
    }
  if (!blank)
    record->last_nonblank = (int) MIN (record->n_fields, (guint) G_MAXINT);
  if (record->n_fields < G_MAXUINT)
    record->n_fields++;
}

/* The next record into @record, keeping the spans of its first @keep fields; FALSE at
 * the end of the text. A quote opens a quoted field only as its first character; a stray
 * quote inside an unquoted value is taken as it is, as spreadsheets do. */
gboolean
_desk_signin_reader_next (Reader *reader,
             Record *record,
             guint   keep)
{
  const char *p = reader->pos;
  const char *end = reader->end;
  const char *start = p;
  gboolean quoted = FALSE;
  gboolean at_start = TRUE;
  gboolean blank = TRUE;

  g_array_set_size (record->spans, 0);
  record->n_fields = 0;
  record->last_nonblank = -1;
  record->unclosed = FALSE;
  if (p >= end)
    return FALSE;

  for (;;)
    {
      char c;

      if (p >= end)
        {
          record->unclosed = quoted;
          record_end_field (record, start, p, blank, keep);
          break;
        }

      c = *p;
      if (quoted)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              blank = FALSE;
              p += 2;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              p++;
            }
          else if (c == '\r' || c == '\n')
            {
              p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
              reader->line++;
            }
          else
            {
              if (blank && !is_space_at (p))
                blank = FALSE;
              p++;
            }
          continue;
        }

      if (c == '"' && at_start)
        {
          quoted = TRUE;
          at_start = FALSE;
          p++;
        }
      else if (c == reader->separator)
        {
          record_end_field (record, start, p, blank, keep);
          p++;
          start = p;
          at_start = TRUE;
          blank = TRUE;
        }
      else if (c == '\r' || c == '\n')
        {
          record_end_field (record, start, p, blank, keep);
          p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
          reader->line++;
          break;
        }
      else
        {
          if (blank && !is_space_at (p))
            blank = FALSE;
          at_start = FALSE;
          p++;
        }
    }

  reader->pos = p;

  return TRUE;
}

gboolean
_desk_signin_record_is_blank (const Record *record)
{
  return record->last_nonblank < 0 && !record->unclosed;
}

/* The value of field @index (quotes undone, a line break inside quotes as one "\n"), or
 * NULL when the record has no such field or it is longer than @max bytes as written. */
char *
_desk_signin_record_dup_field (const Record *record,
                  int           index,
                  gsize         max)
{
  const Span *span;
  const char *p;
  const char *end;
  gboolean quoted = FALSE;
  GString *value;

  if (index < 0 || (guint) index >= record->spans->len)
    return g_strdup ("");
  span = &g_array_index (record->spans, Span, index);
  if (span->length > max)
    return NULL;

  p = span->start;
  end = p + span->length;
  value = g_string_sized_new (span->length);
  if (p < end && *p == '"')
    {
      quoted = TRUE;
      p++;
    }
  while (p < end)
    {
      if (quoted && *p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (value, '"');
              p += 2;
            }
          else
            {
              quoted = FALSE;
              p++;
            }
        }
      else if (quoted && (*p == '\r' || *p == '\n'))
        {
          p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
          g_string_append_c (value, '\n');
        }
      else
        g_string_append_c (value, *p++);
    }

  return g_string_free (value, FALSE);
}
