/* desk-record-form.h — a small window that asks for a few values before a record exists
 *
 * An expense, a funding receipt, an exchange rate and a revision cannot be saved blank
 * (core refuses an amount of zero), so the Budget page asks for what they need first.
 * The form is declared by its fields: it starts from a record holding what is not asked
 * (the group, the workplan), shows a DeskFieldRow per field asked, and on accept reads
 * the rows into a copy of the record and inserts it through the history. When core
 * refuses it, the window stays open with core's message under the field it names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-field-row.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD_FORM (desk_record_form_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecordForm, desk_record_form, DESK, RECORD_FORM, AdwWindow)

/* What a form needs beyond its fields, run on the record read from the rows before it is
 * saved: a value typed in a row of its own (desk_record_form_add_entry) set in the
 * record, a check core cannot make. FALSE with @error (and the name of the row at fault
 * in @bad_field, or NULL) keeps the form open and shows the message. */
typedef gboolean (*DeskRecordFormPrepare) (DeskRecordForm  *form,
                                           DeskRecord      *record,
                                           char           **bad_field,
                                           GError         **error);

/* A form that inserts a copy of @record (of the kind to create, holding the values not
 * asked for) through @history, then emits DeskRecordForm::saved with it and closes. */
DeskRecordForm *desk_record_form_new             (GtkWindow             *parent,
                                                  DeskHistory           *history,
                                                  DeskRecord            *record,
                                                  const char            *title,
                                                  const char            *description,
                                                  const char            *accept_label);
void            desk_record_form_set_prepare     (DeskRecordForm        *self,
                                                  DeskRecordFormPrepare  prepare);
/* The record the form saves a copy of; what is set in it before the form is accepted
 * is saved with the values typed. */
DeskRecord     *desk_record_form_get_record      (DeskRecordForm        *self);

/* A row for @field of the record's kind, filled from the record, titled @title (NULL:
 * the field's label). */
GtkWidget      *desk_record_form_add_field       (DeskRecordForm        *self,
                                                  const char            *field,
                                                  const char            *title);
/* A row for each field named, NULL-terminated, titled by its label. */
void            desk_record_form_add_fields      (DeskRecordForm        *self,
                                                  const char            *first_field,
                                                  ...) G_GNUC_NULL_TERMINATED;
/* A one-line entry for a value that is not a field (the prepare function reads it);
 * @suffix is shown after it. */
GtkWidget      *desk_record_form_add_entry       (DeskRecordForm        *self,
                                                  const char            *name,
                                                  const char            *title,
                                                  const char            *text,
                                                  const char            *suffix);
/* The choices of a field's drop-down (DeskChoice, copied), the record's value chosen. */
void            desk_record_form_set_choices     (DeskRecordForm        *self,
                                                  const char            *field,
                                                  GPtrArray             *choices);
/* The currency of the amount @field: its decimals, shown after it, and set in the
 * record's currency field when the amount names one. An amount the record holds is
 * shown again in those decimals; one typed stays as typed. */
void            desk_record_form_set_currency    (DeskRecordForm        *self,
                                                  const char            *field,
                                                  const char            *currency);
/* An amount typed as its size, negative when the switch @switch_field is on. */
void            desk_record_form_set_sign_switch (DeskRecordForm        *self,
                                                  const char            *money_field,
                                                  const char            *switch_field);
/* A message core gives about @field shows under the row @name (a value typed in one row
 * and stored in two fields). */
void            desk_record_form_set_error_row   (DeskRecordForm        *self,
                                                  const char            *field,
                                                  const char            *name);

/* The row @name (a field's name, or an entry's), or NULL: to read it, focus it, give it
 * a suffix. */
DeskFieldRow   *desk_record_form_get_field_row   (DeskRecordForm        *self,
                                                  const char            *name);
/* The code chosen in a drop-down. */
const char     *desk_record_form_get_code        (DeskRecordForm        *self,
                                                  const char            *name);
GtkWidget      *desk_record_form_get_row         (DeskRecordForm        *self,
                                                  const char            *name);
/* The message shown under a row, or NULL. */
const char     *desk_record_form_get_error       (DeskRecordForm        *self,
                                                  const char            *name);
/* What the accept button does: TRUE when the values were saved and the form closed. */
gboolean        desk_record_form_accept          (DeskRecordForm        *self);

G_END_DECLS
