/* desk-budget-forms.c
 *
 * The Budget page's new records: a budget line, written at once, and the modal forms
 * that ask for what an expense, a funding receipt, an exchange rate or a revision
 * needs before it can be saved. A form is declared by the record it starts from and the
 * fields it asks; DeskRecordForm reads, saves and shows core's refusals. What is left
 * here is what only the Budget page knows: the choices of lines, an expense's currency
 * from its line, a rate typed as one number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-page-private.h"

/* Helpers */

static gboolean
open_when_laid_out_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  const char *uuid = g_object_get_data (G_OBJECT (widget), "desk-pending-open");

  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;

  if (uuid != NULL)
    desk_record_list_open (DESK_RECORD_LIST (widget), uuid);
  g_object_set_data (G_OBJECT (widget), "desk-pending-open", NULL);

  return G_SOURCE_REMOVE;
}

/* Opens @uuid in @list, once the list has been laid out: libadwaita 1.2's AdwFlap
 * animates its reveal over its width, and one revealed before its first allocation gets
 * a NaN progress (and a warning). A tab just switched to is not laid out yet. */
static void
open_in_list (DeskRecordList *list,
              const char     *uuid)
{
  if (gtk_widget_get_width (GTK_WIDGET (list)) > 0 || !gtk_widget_get_mapped (GTK_WIDGET (list)))
    {
      desk_record_list_open (list, uuid);
      return;
    }

  if (g_object_get_data (G_OBJECT (list), "desk-pending-open") == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (list), open_when_laid_out_cb, NULL, NULL);
  g_object_set_data_full (G_OBJECT (list), "desk-pending-open", g_strdup (uuid), g_free);
}

/* Today, or the nearest day of the workplan when today is outside it: a new expense is
 * dated inside its workplan, as core requires. */
static char *
dup_default_date (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) workplan = _desk_budget_page_dup_workplan (self);
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  const char *start, *end;

  if (workplan == NULL)
    return g_steal_pointer (&today);

  start = desk_record_get_string (workplan, "period_start");
  end = desk_record_get_string (workplan, "period_end");
  if (start != NULL && g_strcmp0 (today, start) < 0)
    return g_strdup (start);
  if (end != NULL && g_strcmp0 (today, end) > 0)
    return g_strdup (end);

  return g_steal_pointer (&today);
}

/* New records */

void
_desk_budget_page_new_line (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) open = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *description_field = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  /* Beside the line open: the same activity and category. */
  open = desk_record_list_dup_open_record (self->line_list);

  categories = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category");
  currency = open != NULL ? g_strdup (desk_record_get_string (open, "currency")) : _desk_budget_page_dup_reporting_currency (self);
  description_field = g_strconcat ("description_", desk_locale_language (), NULL);

  record = desk_record_new (DESK_KIND_BUDGET_LINE);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  if (open != NULL && desk_record_is_set (open, "activity_uuid"))
    desk_record_set_string (record, "activity_uuid", desk_record_get_string (open, "activity_uuid"));
  if (open != NULL)
    desk_record_set_string (record, "category", desk_record_get_string (open, "category"));
  else if (categories->len > 0)
    desk_record_set_string (record, "category", ((DeskChoice *) g_ptr_array_index (categories, 0))->code);
  desk_record_set_string (record, description_field, _("New budget line"));
  desk_record_set_int (record, "quantity_milli", 1000);
  desk_record_set_int (record, "unit_cost_minor", 0);
  desk_record_set_string (record, "currency", currency);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  open_in_list (self->line_list, desk_record_get_uuid (record));
  desk_record_editor_focus_field (self->line_editor, description_field);
}

/* A new record saved by a form shows in its list, on its tab; a revision shows in its
 * line's editor, open already. */
static void
form_saved_cb (DeskRecordForm *form,
               DeskRecord     *record,
               DeskBudgetPage *self)
{
  const DeskKind *kind = desk_record_get_kind (record);
  DeskRecordList *list = NULL;
  const char *view = NULL;

  if (kind == DESK_KIND_EXPENSE)
    {
      view = "expenses";
      list = self->expense_list;
    }
  else if (kind == DESK_KIND_FUNDING)
    {
      view = "funding";
      list = self->funding_list;
    }
  else if (kind == DESK_KIND_RATE)
    {
      view = "rates";
      list = self->rate_list;
    }
  else
    return;

  _desk_budget_page_show_view (self, view);
  open_in_list (list, desk_record_get_uuid (record));
}

/* A form that saves a copy of @record, which holds what is not asked. */
static DeskRecordForm *
form_new (DeskBudgetPage *self,
          DeskRecord     *record,
          const char     *title,
          const char     *description,
          const char     *accept_label)
{
  DeskRecordForm *form = desk_record_form_new (_desk_budget_page_get_window (self),
                                               desk_page_get_history (DESK_PAGE (self)),
                                               record, title, description, accept_label);

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);

  return form;
}

static void
open_form (DeskBudgetPage     *self,
           DeskRecordForm     *form,
           DeskRecordFormKind  kind,
           const char         *focus)
{
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  self->form = form;
  self->form_kind = kind;
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &self->form);
  gtk_window_present (GTK_WINDOW (form));
  desk_field_row_focus (desk_record_form_get_field_row (form, focus));
}

static GPtrArray *
dup_line_choices (DeskBudgetPage *self)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      DeskRecord *activity;
      DeskChoice *choice;

      if (!_desk_budget_page_line_in_workplan (self, line))
        continue;
      activity = _desk_budget_page_find_activity (self, desk_record_get_string (line, "activity_uuid"));
      choice = g_new0 (DeskChoice, 1);
      choice->code = g_strdup (desk_record_get_uuid (line));
      /* Translators: a budget line in a list: its activity's code and its description. */
      choice->label = g_strdup_printf (_("%s · %s"),
                                       activity != NULL ? desk_record_get_string (activity, "code") :
                                                          C_("budget line", "Group"),
                                       desk_record_title (line, "description", NULL));
      g_ptr_array_add (choices, choice);
    }

  return choices;
}

static void
expense_form_line_changed_cb (DeskBudgetPage *self)
{
  DeskRecord *line;

  if (self->form == NULL)
    return;
  line = _desk_budget_page_find_line (self, desk_record_form_get_code (self->form, "budget_line_uuid"));
  /* The expense is in its line's currency. */
  desk_record_form_set_currency (self->form, "amount_minor",
                                 line != NULL ? desk_record_get_string (line, "currency") : NULL);
}

void
_desk_budget_page_new_expense (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *date = NULL;
  const char *line_uuid = NULL;
  DeskRecordForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  lines = dup_line_choices (self);
  if (lines->len == 0)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Add a budget line first: every expense is spent against one"));
      return;
    }

  /* The line of the expense open, else the line open on the Lines tab. */
  if (desk_record_list_get_open_uuid (self->expense_list) != NULL)
    {
      DeskRecord *open = desk_record_model_find (self->expenses,
                                                 desk_record_list_get_open_uuid (self->expense_list), NULL);

      if (open != NULL)
        line_uuid = desk_record_get_string (open, "budget_line_uuid");
    }
  if (line_uuid == NULL)
    line_uuid = desk_record_list_get_open_uuid (self->line_list);

  date = dup_default_date (self);
  record = desk_record_new (DESK_KIND_EXPENSE);
  if (line_uuid != NULL)
    desk_record_set_string (record, "budget_line_uuid", line_uuid);
  desk_record_set_string (record, "date", date);
  form = form_new (self, record, _("New Expense"),
                   _("What was spent, and on which budget line. The payee, the receipt "
                     "and a note can be added after."), _("_Add"));
  desk_record_form_add_fields (form, "budget_line_uuid", "date", "amount_minor", NULL);
  desk_record_form_set_choices (form, "budget_line_uuid", lines);
  desk_record_form_add_field (form, "is_refund", C_("expense", "Refund: money given back"));
  desk_record_form_add_field (form, "payee", NULL);
  desk_record_form_set_sign_switch (form, "amount_minor", "is_refund");
  g_signal_connect_object (desk_record_form_get_row (form, "budget_line_uuid"), "notify::selected",
                           G_CALLBACK (expense_form_line_changed_cb), self, G_CONNECT_SWAPPED);
  open_form (self, form, DESK_RECORD_FORM_EXPENSE, "amount_minor");
  expense_form_line_changed_cb (self);
}

void
_desk_budget_page_new_funding (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reporting = NULL;
  DeskRecordForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  reporting = _desk_budget_page_dup_reporting_currency (self);
  date = dup_default_date (self);
  record = desk_record_new (DESK_KIND_FUNDING);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  desk_record_set_string (record, "date", date);
  desk_record_set_string (record, "currency", reporting);
  form = form_new (self, record, _("New Funding Receipt"),
                   _("Money the group received for this workplan."), _("_Add"));
  desk_record_form_add_fields (form, "date", "source", "amount_minor", "currency", "reference", NULL);
  open_form (self, form, DESK_RECORD_FORM_FUNDING, "amount_minor");
}

/* A rate is typed as one number and kept as a mantissa and a scale. */
static gboolean
prepare_rate (DeskRecordForm  *form,
              DeskRecord      *record,
              char           **bad_field,
              GError         **error)
{
  g_autofree char *rate = desk_field_row_dup_text (desk_record_form_get_field_row (form, "rate"));
  gint64 mantissa;
  int scale;

  if (!desk_rate_parse (rate, &mantissa, &scale, error))
    {
      *bad_field = g_strdup ("rate");
      return FALSE;
    }
  desk_record_set_int (record, "rate_mantissa", mantissa);
  desk_record_set_int (record, "rate_scale", scale);

  return TRUE;
}

static void
rate_form_currency_changed_cb (DeskBudgetPage *self)
{
  g_autofree char *reporting = _desk_budget_page_dup_reporting_currency (self);
  g_autofree char *suffix = NULL;

  if (self->form == NULL)
    return;
  /* Translators: after the rate typed: “GHS for 1 USD”. */
  suffix = g_strdup_printf (_("%s for 1 %s"), reporting, desk_record_form_get_code (self->form, "currency"));
  desk_field_row_set_suffix (desk_record_form_get_field_row (self->form, "rate"), suffix);
}

/* A currency the budget uses and no rate covers, to offer first. */
static char *
dup_currency_without_rate (DeskBudgetPage *self,
                           const char     *reporting)
{
  g_autoptr(GHashTable) rated = g_hash_table_new (g_str_hash, g_str_equal);
  DeskRecordModel *models[3];
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rates));

  _desk_budget_page_ensure_expenses (self);
  models[0] = self->lines;
  models[1] = self->expenses;
  models[2] = self->funding;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) rate = g_list_model_get_item (G_LIST_MODEL (self->rates), i);

      g_hash_table_add (rated, (gpointer) g_intern_string (desk_record_get_string (rate, "currency")));
    }

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (models[m]));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (models[m]), i);
          const char *currency = desk_record_get_string (record, "currency");

          if (currency != NULL && g_strcmp0 (currency, reporting) != 0 &&
              !g_hash_table_contains (rated, g_intern_string (currency)))
            return g_strdup (currency);
        }
    }

  return g_strdup (g_strcmp0 (reporting, "USD") == 0 ? "EUR" : "USD");
}

void
_desk_budget_page_new_rate (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *reporting = NULL;
  g_autofree char *currency = NULL;
  DeskRecordForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  reporting = _desk_budget_page_dup_reporting_currency (self);
  currency = dup_currency_without_rate (self, reporting);
  workplan = _desk_budget_page_dup_workplan (self);
  record = desk_record_new (DESK_KIND_RATE);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, "currency", currency);
  if (workplan != NULL && desk_record_is_set (workplan, "period_start"))
    desk_record_set_string (record, "valid_from", desk_record_get_string (workplan, "period_start"));
  form = form_new (self, record, _("New Exchange Rate"),
                   _("How much one unit of the currency is worth in the reporting currency, "
                     "from a day on. Amounts on or after that day convert at this rate."), _("_Add"));
  desk_record_form_set_prepare (form, prepare_rate);
  desk_record_form_add_fields (form, "currency", "valid_from", NULL);
  desk_record_form_add_entry (form, "rate", _("Rate"), NULL, NULL);
  desk_record_form_add_field (form, "source", NULL);
  desk_record_form_set_error_row (form, "rate_mantissa", "rate");
  desk_record_form_set_error_row (form, "rate_scale", "rate");
  g_signal_connect_object (desk_record_form_get_row (form, "currency"), "notify::selected",
                           G_CALLBACK (rate_form_currency_changed_cb), self, G_CONNECT_SWAPPED);
  open_form (self, form, DESK_RECORD_FORM_RATE, "rate");
  rate_form_currency_changed_cb (self);
}

void
_desk_budget_page_revise_activated (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (widget);
  DeskRecord *line;
  DeskRecord *figures;
  g_autoptr(DeskRecord) latest = NULL;
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *today = NULL;
  g_autofree char *description = NULL;
  DeskRecordForm *form;

  if (!desk_page_ensure_built (DESK_PAGE (self)))
    return;

  line = _desk_budget_page_find_line (self, desk_record_list_get_open_uuid (self->line_list));
  if (line == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open the budget line to revise first"));
      return;
    }

  /* The figures in force, to change; the record desk_budget_line_revise writes, written
   * through the history so that Ctrl+Z takes the revision back. */
  latest = _desk_budget_page_dup_latest_revision (self, desk_record_get_uuid (line));
  figures = latest != NULL ? latest : line;
  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  record = desk_record_new (DESK_KIND_BUDGET_REVISION);
  desk_record_set_string (record, "budget_line_uuid", desk_record_get_uuid (line));
  desk_record_set_int (record, "quantity_milli", desk_record_get_int (figures, "quantity_milli"));
  desk_record_set_int (record, "unit_cost_minor", desk_record_get_int (figures, "unit_cost_minor"));
  desk_record_set_string (record, "revised_on", today);
  /* Translators: the description of the Revise window; %s is the budget line. */
  description = g_strdup_printf (_("New figures for “%s”. The original stays on record beside them."),
                                 desk_record_title (line, "description", NULL));

  form = form_new (self, record, _("Revise Budget Line"), description, _("_Revise"));
  desk_record_form_add_fields (form, "quantity_milli", "unit_cost_minor", "revised_on", "reason", NULL);
  desk_record_form_set_currency (form, "unit_cost_minor", desk_record_get_string (line, "currency"));
  open_form (self, form, DESK_RECORD_FORM_REVISION, "quantity_milli");
}

