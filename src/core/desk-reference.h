/* desk-reference.h — reference data and the words for codes, in the UI language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *code;
  char *label;     /* in the UI language */
} DeskChoice;

void        desk_choice_free           (DeskChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskChoice, desk_choice_free)

/* Whether the UI speaks Chinese (the first of the user's languages is zh…). */
gboolean    desk_locale_is_chinese     (void);
/* "zh" or "en": the language narrative fields are shown in first. */
const char *desk_locale_language       (void);

/* The choices of a field of a kind, in their order: codes of a reference table
 * (pillars, themes …) with their labels from the data, or a CHOICE field's values with
 * their translated labels. An array of DeskChoice. */
GPtrArray  *desk_reference_choices     (DeskStore      *store,
                                        const DeskKind *kind,
                                        const char     *field);
/* The label of one code or choice, or the code itself when it has none. */
char       *desk_reference_label       (DeskStore      *store,
                                        const DeskKind *kind,
                                        const char     *field,
                                        const char     *code);
/* The label of a code of a reference table: "pillars", "genders" … */
char       *desk_reference_table_label (DeskStore      *store,
                                        const char     *table,
                                        const char     *code);

/* Country and currency names from Debian's iso-codes, translated through its gettext
 * domains; the code itself when iso-codes does not know it. */
char       *desk_country_name          (const char     *alpha2);
char       *desk_currency_name         (const char     *code);
/* All countries as DeskChoice (alpha-2 code, translated name), sorted by name. */
GPtrArray  *desk_country_choices       (void);

/* The currency a group in the country @alpha2 most likely reports in (an ISO 4217 code
 * from the reference data), or NULL when Groupdesk does not know one. */
const char *desk_country_currency      (const char     *alpha2);

/* Whether @languages, a group's "languages" value ("en", "zh" or "en,zh"), holds
 * @language ("en" or "zh"); a group that has not said works in both. */
gboolean    desk_languages_include     (const char     *languages,
                                        const char     *language);
/* The same for the main group of @store: whether forms ask for narrative text in
 * @language. TRUE without a group. */
gboolean    desk_store_uses_language   (DeskStore      *store,
                                        const char     *language);

G_END_DECLS
