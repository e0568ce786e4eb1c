/* desk-budget-page-private.h — what tests and the benchmark reach inside the Budget page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-budget-form.h"
#include "desk-budget-page.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

/* @view: "lines", "expenses", "funding", "rates" or "summary". */
void                      _desk_budget_page_show_view         (DeskBudgetPage *self,
                                                               const char     *view);
DeskRecordList           *_desk_budget_page_get_list          (DeskBudgetPage *self,
                                                               const char     *view);
DeskRecordEditor         *_desk_budget_page_get_editor        (DeskBudgetPage *self,
                                                               const char     *view);
/* A card's figure and the line under it: "budget", "spent", "remaining", "received",
 * "cash". */
GtkLabel                 *_desk_budget_page_get_card_value    (DeskBudgetPage *self,
                                                               const char     *card);
GtkLabel                 *_desk_budget_page_get_card_detail   (DeskBudgetPage *self,
                                                               const char     *card);
/* The “Rate missing” pill of a card, visible or not. */
GtkWidget                *_desk_budget_page_get_card_pill     (DeskBudgetPage *self,
                                                               const char     *card);
/* The banner that counts amounts with no rate; NULL when it is hidden. */
GtkLabel                 *_desk_budget_page_get_missing_label (DeskBudgetPage *self);
GtkToggleButton          *_desk_budget_page_get_over_toggle   (DeskBudgetPage *self);
GtkToggleButton          *_desk_budget_page_get_revised_toggle (DeskBudgetPage *self);
/* The open line's totals in its editor: "original" or "revised". */
AdwActionRow             *_desk_budget_page_get_total_row     (DeskBudgetPage *self,
                                                               const char     *which);
/* The rate entry of the rate editor and its message (NULL when none). */
GtkWidget                *_desk_budget_page_get_rate_row      (DeskBudgetPage *self);
const char               *_desk_budget_page_get_rate_error    (DeskBudgetPage *self);
/* The form the page has open (new expense, receipt, rate, or a revision), or NULL. */
DeskBudgetForm           *_desk_budget_page_get_form          (DeskBudgetPage *self);
const DeskBudgetSummary  *_desk_budget_page_get_summary       (DeskBudgetPage *self);
/* How many times the figures were recomputed; the recomputing itself, at once. */
guint                     _desk_budget_page_get_refresh_count (DeskBudgetPage *self);
void                      _desk_budget_page_refresh_now       (DeskBudgetPage *self);
/* The CSV that "Export CSV…" writes: @what is "lines" or "expenses". */
char                     *_desk_budget_page_dup_csv           (DeskBudgetPage *self,
                                                               const char     *what,
                                                               gboolean        bom,
                                                               gsize          *length);
/* The summary tables' models (GtkStringList of keys). */
GListModel               *_desk_budget_page_get_summary_model (DeskBudgetPage *self,
                                                               const char     *table);

G_END_DECLS
