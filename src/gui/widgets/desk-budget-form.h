/* desk-budget-form.h — a small window that asks for a few values before a record exists
 *
 * An expense, a funding receipt, an exchange rate and a revision cannot be saved blank
 * (core refuses an amount of zero), so the Budget page asks for what they need first.
 * The window stays open with core's message under the field it names until the values
 * are accepted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_BUDGET_FORM (desk_budget_form_get_type ())

G_DECLARE_FINAL_TYPE (DeskBudgetForm, desk_budget_form, DESK, BUDGET_FORM, AdwWindow)

/* Saves what the form holds: FALSE with @error (and the name of the row at fault in
 * @bad_field, or NULL) keeps the form open and shows the message. */
typedef gboolean (*DeskBudgetFormAccept) (DeskBudgetForm  *form,
                                          gpointer         user_data,
                                          char           **bad_field,
                                          GError         **error);

DeskBudgetForm *desk_budget_form_new             (GtkWindow            *parent,
                                                  const char           *title,
                                                  const char           *description,
                                                  const char           *accept_label,
                                                  DeskBudgetFormAccept  accept,
                                                  gpointer              user_data);
/* A one-line entry; @suffix is shown after it (a currency code). */
GtkWidget      *desk_budget_form_add_entry       (DeskBudgetForm       *self,
                                                  const char           *name,
                                                  const char           *title,
                                                  const char           *text,
                                                  const char           *suffix);
/* A drop-down of @choices (DeskChoice, copied), @code chosen. */
GtkWidget      *desk_budget_form_add_choice      (DeskBudgetForm       *self,
                                                  const char           *name,
                                                  const char           *title,
                                                  GPtrArray            *choices,
                                                  const char           *code);
GtkWidget      *desk_budget_form_add_switch      (DeskBudgetForm       *self,
                                                  const char           *name,
                                                  const char           *title,
                                                  gboolean              active);
void            desk_budget_form_set_suffix      (DeskBudgetForm       *self,
                                                  const char           *name,
                                                  const char           *suffix);
/* The text of an entry (stripped), the code chosen, the switch's state. */
char           *desk_budget_form_dup_text        (DeskBudgetForm       *self,
                                                  const char           *name);
const char     *desk_budget_form_get_code        (DeskBudgetForm       *self,
                                                  const char           *name);
gboolean        desk_budget_form_get_active      (DeskBudgetForm       *self,
                                                  const char           *name);
GtkWidget      *desk_budget_form_get_row         (DeskBudgetForm       *self,
                                                  const char           *name);
/* The message shown under a row, or NULL. */
const char     *desk_budget_form_get_error       (DeskBudgetForm       *self,
                                                  const char           *name);
/* What the accept button does: TRUE when the values were saved and the form closed. */
gboolean        desk_budget_form_accept          (DeskBudgetForm       *self);

G_END_DECLS
