/* desk-record-text.h — one field of a record from text, as a person writes it
 *
 * What `groupdesk-cli set KIND UUID FIELD=VALUE` and any other text entry use: a field
 * named as `show KIND UUID --json` names it, and its value parsed as the app's editors
 * parse it — dates as the app shows them or ISO 8601, codes and choices checked against
 * the reference lists, yes/no, whole numbers, decimals ("2.5"), money in the record's
 * currency, references to records of the same group, and sets separated by commas.
 * An empty text clears the field. The record is only changed in memory: writing it goes
 * through desk_store_update (or _with_reason), which validates it as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* The field of @kind that @name names, or NULL with DESK_ERROR_INVALID and a sentence
 * naming it when @kind has no such field or the field cannot be set from text: the
 * identifier, group and updated time (set by Groupdesk), and an export's record except
 * its endorsement. A money field may be named without its `_minor` suffix
 * ("amount" for amount_minor): *as_written (may be NULL) is then TRUE, and its value is
 * money as a person writes it ("1,234.50") rather than minor units. */
const DeskField *desk_record_text_field    (const DeskKind  *kind,
                                            const char      *name,
                                            gboolean        *as_written,
                                            GError         **error);

/* Sets the field @name (as desk_record_text_field takes it) of @record from @text.
 * Money is read in the currency the record has now: set its currency first. FALSE with
 * DESK_ERROR_INVALID, a sentence naming the field (its label and its name) and @record
 * unchanged when the text does not parse, names an unknown code, choice or record, or
 * the field cannot be set. */
gboolean         desk_record_set_from_text (DeskStore       *store,
                                            DeskRecord      *record,
                                            const char      *name,
                                            const char      *text,
                                            GError         **error);

G_END_DECLS
