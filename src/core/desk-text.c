/* desk-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-text"

#include "config.h"

#include "desk-text.h"

#include "desk-error.h"
#include "desk-i18n.h"

#include <string.h>

/* Invisible characters */

/* Line breaks in every spelling Unicode has: LF, VT, FF, CR, NEL, LS, PS. */
static gboolean
is_line_break (gunichar c)
{
  return (c >= 0x0a && c <= 0x0d) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Format characters that show nothing and never belong in a name: they only make two
 * spellings of one name differ, or reorder what the reader sees (bidirectional
 * controls can make "Ama" display as something else). */
static gboolean
is_dropped_format (gunichar c)
{
  return c == 0x00ad ||                       /* soft hyphen */
         c == 0x061c ||                       /* Arabic letter mark */
         c == 0x180e ||                       /* Mongolian vowel separator */
         c == 0x200b ||                       /* zero-width space */
         c == 0x200e || c == 0x200f ||        /* left-to-right and right-to-left marks */
         (c >= 0x202a && c <= 0x202e) ||      /* embeddings and overrides */
         (c >= 0x2060 && c <= 0x2064) ||      /* word joiner, invisible operators */
         (c >= 0x2066 && c <= 0x206f) ||      /* isolates, deprecated format characters */
         c == 0xfeff ||                       /* byte-order mark */
         (c >= 0xfff9 && c <= 0xfffb) ||      /* interlinear annotation */
         (c >= 0xe0000 && c <= 0xe007f);      /* tags */
}

static gboolean
is_joiner (gunichar c)
{
  return c == 0x200c || c == 0x200d;
}

/* Scripts whose spelling depends on zero-width (non-)joiners: Persian writes ZWNJ
 * inside words, Indic scripts use ZWJ and ZWNJ to choose conjunct forms. */
static gboolean
script_uses_joiners (GUnicodeScript script)
{
  static const GUnicodeScript scripts[] = {
    G_UNICODE_SCRIPT_ARABIC, G_UNICODE_SCRIPT_SYRIAC, G_UNICODE_SCRIPT_NKO,
    G_UNICODE_SCRIPT_MONGOLIAN, G_UNICODE_SCRIPT_DEVANAGARI, G_UNICODE_SCRIPT_BENGALI,
    G_UNICODE_SCRIPT_GURMUKHI, G_UNICODE_SCRIPT_GUJARATI, G_UNICODE_SCRIPT_ORIYA,
    G_UNICODE_SCRIPT_TAMIL, G_UNICODE_SCRIPT_TELUGU, G_UNICODE_SCRIPT_KANNADA,
    G_UNICODE_SCRIPT_MALAYALAM, G_UNICODE_SCRIPT_SINHALA, G_UNICODE_SCRIPT_MYANMAR,
    G_UNICODE_SCRIPT_KHMER, G_UNICODE_SCRIPT_TIBETAN,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (scripts); i++)
    if (scripts[i] == script)
      return TRUE;

  return FALSE;
}

/* Whether @c shows something on its own: a letter, digit, punctuation mark or symbol,
 * but not the Hangul fillers or the blank braille pattern, which are drawn as nothing. */
static gboolean
is_visible (gunichar c)
{
  if (c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 || c == 0x2800)
    return FALSE;

  /* Letters, numbers, punctuation and symbols: everything but controls, format
   * characters, unassigned and private code points, separators and marks. */
  switch ((int) g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_SPACING_MARK:
      return FALSE;
    default:
      return TRUE;
    }
}

/* The first character at or after @p that is not dropped, or 0 at the end. */
static gunichar
next_kept (const char *p)
{
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_dropped_format (c))
        return c;
    }

  return 0;
}

static char *
normalize (const char  *text,
           const char  *label,
           gboolean     one_line,
           GError     **error)
{
  g_autofree char *composed = NULL;
  GString *out;
  GUnicodeScript last_script = G_UNICODE_SCRIPT_COMMON;
  gunichar last = 0;
  gboolean pending_space = FALSE;
  gboolean visible = FALSE;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is damaged text (it is not valid UTF-8). Type it again."), label);
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) && one_line)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” is on more than one line. Write it on one line."), label);
          return NULL;
        }
      /* A tab, and where a second line is allowed the usual line breaks, are white
       * space; any other control character is a paste gone wrong. */
      if (c != '\t' && c != '\n' && c != '\r' && g_unichar_type (c) == G_UNICODE_CONTROL)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” contains a control character, which cannot be seen or "
                         "printed. Delete it, or type the text again."), label);
          return NULL;
        }
    }

  composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  out = g_string_sized_new (strlen (composed));
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (is_dropped_format (c))
        continue;
      if (g_unichar_isspace (c) || is_line_break (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (is_joiner (c))
        {
          gunichar next = next_kept (g_utf8_next_char (p));

          /* Only inside a word of a script that needs it: never after a space, never
           * between Latin letters, where it only makes one name look like two. After a
           * virama it may end the word (Malayalam writes its chillu letters so). */
          if (!pending_space && out->len > 0 && script_uses_joiners (last_script) &&
              !is_joiner (next) &&
              ((next != 0 && !g_unichar_isspace (next) &&
                script_uses_joiners (g_unichar_get_script (next))) ||
               g_unichar_combining_class (last) == 9))
            g_string_append_unichar (out, c);
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
      last = c;

      /* Combining marks take the script of the letter they sit on. */
      script = g_unichar_get_script (c);
      if (script != G_UNICODE_SCRIPT_INHERITED)
        last_script = script;
      visible = visible || is_visible (c);
    }

  if (out->len > 0 && !visible)
    {
      g_string_free (out, TRUE);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” has no visible letters: only marks or characters that show "
                     "nothing. Type it again, or leave it empty."), label);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* Public API */

char *
desk_text_normalize_name (const char  *text,
                          const char  *label,
                          GError     **error)
{
  return normalize (text, label, TRUE, error);
}

char *
desk_text_normalize_identity (const char  *text,
                              const char  *label,
                              GError     **error)
{
  return normalize (text, label, FALSE, error);
}

gboolean
desk_text_is_clean (const char *text)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || c == '\r')
        continue;
      /* C0 and C1 controls, and the non-characters XML 1.0 forbids. */
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff)
        return FALSE;
    }

  return TRUE;
}

gboolean
desk_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
desk_text_fold_name (const char *text)
{
  g_autofree char *compat = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;
  gunichar last = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* NFKC turns full-width letters, digits and spaces into their usual forms. */
  compat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (compat, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      /* Zero-width spaces and joiners, bidirectional controls and the like show nothing:
       * "Ama\u200bMensah" and "AmaMensah" are one person. */
      if (type == G_UNICODE_FORMAT || (type == G_UNICODE_CONTROL && !g_unichar_isspace (c)))
        continue;
      /* Dots and hyphens in "J.-P." or "Mensah-Bonsu" are spelling, not identity. */
      if (g_unichar_isspace (c) || c == '.' || c == '-' || c == 0x00b7 || c == 0x30fb)
        {
          pending_space = out->len > 0;
          continue;
        }
      /* Chinese names are written with and without a space between family and given
       * name (张 伟, 张伟): between two Han characters a space does not count. */
      if (pending_space &&
          !(g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN &&
            g_unichar_get_script (last) == G_UNICODE_SCRIPT_HAN))
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
      last = c;
    }

  return g_string_free (out, FALSE);
}

char *
desk_text_fold_search (const char *text)
{
  g_autofree char *compat = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  compat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (compat, -1);

  /* “Training  workshop” and a query ending in a space still meet: spaces count once,
   * and never at the ends, in the keys and in the query alike. */
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
desk_text_sort_key (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  return g_utf8_collate_key (text, -1);
}
