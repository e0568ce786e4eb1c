/* desk-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-text"

#include "config.h"

#include "desk-text.h"

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

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  compat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (compat, -1);
}

char *
desk_text_sort_key (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  return g_utf8_collate_key (text, -1);
}
