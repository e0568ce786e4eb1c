/* desk-budget-form.h — a small window that asks for a few values before a record exists
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

#define DESK_TYPE_BUDGET_FORM (desk_budget_form_get_type ())

G_DECLARE_FINAL_TYPE (DeskBudgetForm, desk_budget_form, DESK, BUDGET_FORM, AdwWindow)

/* What a form needs beyond its fields, run on the record read from the rows before it is
 * saved: a value typed in a row of its own (desk_budget_form_add_entry) set in the
 * record, a check core cannot make. FALSE with @error (and the name of the row at fault
 * in @bad_field, or NULL) keeps the form open and shows the message. */
typedef gboolean (*DeskBudgetFormPrepare) (DeskBudgetForm  *form,
                                           DeskRecord      *record,
                                           char           **bad_field,
                                           GError         **error);

/* A form that inserts a copy of @record (of the kind to create, holding the values not
 * asked for) through @history, then emits DeskBudgetForm::saved with it and closes. */
DeskBudgetForm *desk_budget_form_new             (GtkWindow             *parent,
                                                  DeskHistory           *history,
                                                  DeskRecord            *record,
                                                  const char            *title,
                                                  const char            *description,
                                                  const char            *accept_label);
void            desk_budget_form_set_prepare     (DeskBudgetForm        *self,
                                                  DeskBudgetFormPrepare  prepare);
/* The record the form saves a copy of; what is set in it before the form is accepted
 * is saved with the values typed. */
DeskRecord     *desk_budget_form_get_record      (DeskBudgetForm        *self);

/* A row for @field of the record's kind, filled from the record, titled @title (NULL:
 * the field's label). */
GtkWidget      *desk_budget_form_add_field       (DeskBudgetForm        *self,
                                                  const char            *field,
                                                  const char            *title);
/* A row for each field named, NULL-terminated, titled by its label. */
void            desk_budget_form_add_fields      (DeskBudgetForm        *self,
                                                  const char            *first_field,
                                                  ...) G_GNUC_NULL_TERMINATED;
/* A one-line entry for a value that is not a field (the prepare function reads it);
 * @suffix is shown after it. */
GtkWidget      *desk_budget_form_add_entry       (DeskBudgetForm        *self,
                                                  const char            *name,
                                                  const char            *title,
                                                  const char            *text,
                                                  const char            *suffix);
/* The choices of a field's drop-down (DeskChoice, copied), the record's value chosen. */
void            desk_budget_form_set_choices     (DeskBudgetForm        *self,
                                                  const char            *field,
                                                  GPtrArray             *choices);
/* The currency of the amount @field: its decimals, shown after it, and set in the
 * record's currency field when the amount names one. An amount the record holds is
 * shown again in those decimals; one typed stays as typed. */
void            desk_budget_form_set_currency    (DeskBudgetForm        *self,
                                                  const char            *field,
                                                  const char            *currency);
/* An amount typed as its size, negative when the switch @switch_field is on. */
void            desk_budget_form_set_sign_switch (DeskBudgetForm        *self,
                                                  const char            *money_field,
                                                  const char            *switch_field);
/* A message core gives about @field shows under the row @name (a value typed in one row
 * and stored in two fields). */
void            desk_budget_form_set_error_row   (DeskBudgetForm        *self,
                                                  const char            *field,
                                                  const char            *name);

/* The row @name (a field's name, or an entry's), or NULL: to read it, focus it, give it
 * a suffix. */
DeskFieldRow   *desk_budget_form_get_field_row   (DeskBudgetForm        *self,
                                                  const char            *name);
/* The code chosen in a drop-down. */
const char     *desk_budget_form_get_code        (DeskBudgetForm        *self,
                                                  const char            *name);
GtkWidget      *desk_budget_form_get_row         (DeskBudgetForm        *self,
                                                  const char            *name);
/* The message shown under a row, or NULL. */
const char     *desk_budget_form_get_error       (DeskBudgetForm        *self,
                                                  const char            *name);
/* What the accept button does: TRUE when the values were saved and the form closed. */
gboolean        desk_budget_form_accept          (DeskBudgetForm        *self);

G_END_DECLS
