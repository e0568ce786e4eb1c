/* desk-text.h — rules for user text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Valid UTF-8 without control characters other than tab and line breaks: text that an
 * XML export can always carry and read back. */
gboolean  desk_text_is_clean       (const char *text);
/* Whether @text is empty or only white space (ASCII or ideographic). */
gboolean  desk_text_is_blank       (const char *text);
/* The key under which two spellings of one name are the same person: case, accents,
 * spacing and full-width/half-width forms folded (NFKC, then casefold, accents dropped,
 * runs of space made one). */
char     *desk_text_fold_name      (const char *text);

/* A search query folded like desk_record_get_search_key: NFKC, case-folded. */
char     *desk_text_fold_search    (const char *text);

/* A key that sorts names the way a reader of the UI's locale expects: Chinese names by
 * pinyin under a Chinese locale (glibc's zh_CN collation), accents after their letters.
 * Compare keys with strcmp. */
char     *desk_text_sort_key       (const char *text);

G_END_DECLS
