/* desk-field-row.h — one value of a record as a row of a form, chosen by its field's type
 *
 * A DeskFieldRow is the row that shows one DeskField (an entry, a text view, a date with
 * a calendar, a drop-down, a set of checks, a switch) and the row under it that shows
 * core's message when the value is refused. It fills itself from a record and reads
 * itself back into one; it never writes: the record editor saves each change as it is
 * made, DeskRecordForm saves them all when accepted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

typedef struct _DeskFieldRow DeskFieldRow;

/* The user changed the value: a choice, a switch, Enter or the apply button, leaving the
 * row with a change, or a pause in a long text. Never called while the row is filled. */
typedef void (*DeskFieldRowChanged) (DeskFieldRow *row,
                                     gpointer      user_data);

/* A row for @field of @kind, titled @title (NULL: the field's label). @store gives the
 * decimals of currencies and the choices of codes (with @kind NULL, a field that is not
 * the kind's: its choices are set, not looked up). With @changed, the row is live (the
 * editor's: entries show an apply button, every change is reported); without, it is a
 * form's (Enter activates the window's default button). @field must outlive the row. */
DeskFieldRow    *desk_field_row_new              (DeskStore           *store,
                                                  const DeskKind      *kind,
                                                  const DeskField     *field,
                                                  const char          *title,
                                                  DeskFieldRowChanged  changed,
                                                  gpointer             user_data);
void             desk_field_row_free             (DeskFieldRow        *self);

const DeskField *desk_field_row_get_field        (DeskFieldRow        *self);
/* The row of the value and the row of its error, to add to a list in that order. */
GtkWidget       *desk_field_row_get_widget       (DeskFieldRow        *self);
GtkWidget       *desk_field_row_get_error_row    (DeskFieldRow        *self);
void             desk_field_row_add_to_group     (DeskFieldRow        *self,
                                                  AdwPreferencesGroup *group);

/* Shows @record's value (NULL: none). */
void             desk_field_row_fill             (DeskFieldRow        *self,
                                                  DeskRecord          *record);
/* Sets the field of @record from what the row holds (an empty entry unsets it); FALSE
 * with @error when the text cannot be read as the field's type. An amount is read in
 * the decimals of the currency @record names, else of the row's currency. */
gboolean         desk_field_row_read             (DeskFieldRow        *self,
                                                  DeskRecord          *record,
                                                  GError             **error);
/* Reports now a change that waits for a pause in typing, if there is one. */
void             desk_field_row_flush            (DeskFieldRow        *self);
/* Moves the focus to the row, selecting the text of an entry. */
void             desk_field_row_focus            (DeskFieldRow        *self);

/* Shows @message under the row (NULL: hides it); the message, or NULL when none shows. */
void             desk_field_row_show_error       (DeskFieldRow        *self,
                                                  const char          *message);
const char      *desk_field_row_get_error        (DeskFieldRow        *self);
GtkLabel        *desk_field_row_get_error_label  (DeskFieldRow        *self);

/* Drop-downs and sets: the choices offered (DeskChoice, copied), or those core gives for
 * the field: reference data, or the records of @group of the kind a reference names,
 * leaving out @exclude_uuid (a record never refers to itself). Other rows have none. */
void             desk_field_row_set_choices      (DeskFieldRow        *self,
                                                  GPtrArray           *choices);
void             desk_field_row_load_choices     (DeskFieldRow        *self,
                                                  const char          *group,
                                                  const char          *exclude_uuid);
/* The code chosen in a drop-down, the stripped text of an entry (else ""). */
const char      *desk_field_row_get_code         (DeskFieldRow        *self);
char            *desk_field_row_dup_text         (DeskFieldRow        *self);

/* An amount shown as its size, whose sign is the switch @field's (for an amount's row),
 * or the switch that turns the sign of the amount @field in the same write (for a
 * switch's row). */
void             desk_field_row_set_sign_field   (DeskFieldRow        *self,
                                                  const char          *field);
/* The currency of an amount when the record names none: its decimals and its code,
 * shown after the entry. */
void             desk_field_row_set_currency     (DeskFieldRow        *self,
                                                  const char          *currency);
/* A dimmed label after an entry (a currency, “GHS for 1 USD”); NULL hides it. */
void             desk_field_row_set_suffix       (DeskFieldRow        *self,
                                                  const char          *suffix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskFieldRow, desk_field_row_free)

G_END_DECLS
