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

/* The one form in which a person's name, and the other text that says who someone is
 * (organisation, phone, e-mail), is stored and compared. NFC; without the characters
 * that show nothing but can make two spellings of one name differ (zero-width space,
 * byte-order mark, word joiner, soft hyphen, bidirectional controls); zero-width joiners
 * and non-joiners kept only between two characters of a script that needs them (Arabic
 * and Persian, the Indic scripts, Sinhala, Myanmar …); runs of white space made one
 * space, and trimmed. Empty, blank or wholly invisible @text gives "". Text with a line break or another
 * control character, or with something but nothing visible, is refused with a
 * DESK_ERROR_INVALID whose message names @label (translated, e.g. "Full name") and says
 * what to do; NULL is returned then. */
char     *desk_text_normalize_name (const char  *text,
                                    const char  *label,
                                    GError     **error);
/* The same for an organisation, a phone number or an e-mail address, where a line
 * break (a cell typed on two lines) is white space like any other, not a refusal. */
char     *desk_text_normalize_identity (const char  *text,
                                        const char  *label,
                                        GError     **error);

/* A search query folded as each field of desk_record_get_search_key is: NFKC, case-folded,
 * each run of spaces, tabs and line breaks one space, none at either end. The list's
 * search and anything that checks it fold with this one function, so they agree. */
char     *desk_text_fold_search    (const char *text);

/* A key that sorts names the way a reader of the UI's locale expects: Chinese names by
 * pinyin under a Chinese locale (glibc's zh_CN collation), accents after their letters.
 * Compare keys with strcmp. */
char     *desk_text_sort_key       (const char *text);

G_END_DECLS
