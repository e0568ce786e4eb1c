/* desk-validate-private.h — the one validation every writer goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

gboolean _desk_validate_record     (DeskStore   *store,
                                    DeskRecord  *record,
                                    char       **bad_field,
                                    GError     **error);

/* Sets @error to an INVALID error with the formatted (already translated) message and
 * @bad_field to @field; always returns FALSE, so a rule can `return _desk_fail (…)`. */
gboolean _desk_fail                (char       **bad_field,
                                    GError     **error,
                                    const char  *field,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (4, 5);

/* At least one language of the bilingual field @base (title → title_en, title_zh). */
gboolean _desk_require_narrative   (DeskRecord  *record,
                                    const char  *base,
                                    const char  *label,
                                    char       **bad_field,
                                    GError     **error);
/* When both dates are set, @end is not before @start. */
gboolean _desk_check_date_order    (DeskRecord  *record,
                                    const char  *start,
                                    const char  *end,
                                    char       **bad_field,
                                    GError     **error);
/* The record @field refers to (a REF field), or NULL. Read it only: while an import
 * runs, it may be shared (see _desk_store_dup_parent). */
DeskRecord *_desk_dup_referenced   (DeskStore   *store,
                                    DeskRecord  *record,
                                    const char  *field);

G_END_DECLS
