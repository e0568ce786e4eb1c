/* desk-budget-csv.c — the budget and its expenses as CSV, for the app and the CLI alike
 *
 * Column names are data for spreadsheets and scripts: stable and not translated. Every
 * cell goes through desk-csv.c: text (descriptions, payees, notes — typed by users or
 * imported from another group's bundle) through desk_csv_field, which keeps it from being
 * read as a formula; figures through the numeric functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget"

#include "config.h"

#include "desk-budget.h"

#include "desk-csv.h"
#include "desk-i18n.h"
#include "desk-money.h"

static void
header (DeskCsv            *csv,
        const char *const  *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    desk_csv_field (csv, names[i]);
  desk_csv_end_row (csv);
}

/* One row of the lines CSV: the line's own columns are left empty on a subtotal or a
 * total row, whose `level` says what it sums. */
static void
lines_csv_row (DeskCsv                  *csv,
               DeskStore                *store,
               DeskBudgetSummary        *summary,
               DeskBudgetVersion         version,
               const DeskBudgetTableRow *t)
{
  const DeskBudgetRow *row = t->row;
  int permille = 0;

  desk_csv_field (csv, desk_budget_level_key (t->level));
  desk_csv_field (csv, t->activity != NULL ? t->activity : "");
  desk_csv_field (csv, t->category != NULL ? t->category : "");
  if (t->line != NULL)
    {
      const char *currency = desk_record_get_string (t->line, "currency");
      int decimals = desk_currency_minor_units (store, currency);
      g_autofree char *quantity = desk_milli_format_plain (desk_record_get_int (t->line, "quantity_milli"));
      gint64 original = 0, revised = 0;
      gboolean has_original = desk_budget_line_total (store, t->line, DESK_BUDGET_ORIGINAL, &original, NULL);
      gboolean has_revised = desk_budget_line_total (store, t->line, DESK_BUDGET_REVISED, &revised, NULL);

      desk_csv_field (csv, t->description != NULL ? t->description : "");
      desk_csv_field_number (csv, quantity);
      desk_csv_field (csv, desk_record_get_string (t->line, "unit"));
      desk_csv_field_fixed (csv, desk_record_get_int (t->line, "unit_cost_minor"), decimals);
      desk_csv_field (csv, currency);
      /* A total too large to count is left empty, never shown as zero. */
      if (has_original)
        desk_csv_field_fixed (csv, original, decimals);
      else
        desk_csv_field (csv, "");
      if (has_revised)
        desk_csv_field_fixed (csv, revised, decimals);
      else
        desk_csv_field (csv, "");
    }
  else
    for (guint i = 0; i < 7; i++)
      desk_csv_field (csv, "");

  desk_csv_field (csv, summary->currency);
  desk_csv_field_fixed (csv, desk_budget_row_budget (row, version), summary->decimals);
  desk_csv_field_fixed (csv, row->spent, summary->decimals);
  desk_csv_field_fixed (csv, desk_budget_row_variance (row, version), summary->decimals);
  if (desk_budget_row_variance_permille (row, version, &permille))
    {
      g_autofree char *pct = desk_percent_format_plain (permille);
      desk_csv_field_number (csv, pct);
    }
  else
    desk_csv_field (csv, "");
  desk_csv_field (csv, desk_budget_row_is_over (row, version) ? "yes" : "no");
  desk_csv_field_int (csv, row->missing);
  /* "no" when an amount is left out (no rate, or too large): the figures are then at
   * most part of the truth. */
  desk_csv_field (csv, desk_budget_table_row_incomplete (t) ? "no" : "yes");
  desk_csv_end_row (csv);
}

char *
desk_budget_lines_csv (DeskStore          *store,
                       DeskBudgetSummary  *summary,
                       DeskBudgetVersion   version,
                       gboolean            bom,
                       GError            **error)
{
  /* One row per line, per activity (its subtotal), per category (its total over every
   * activity) and the grand total, told apart by `level`; `currency` is the currency of
   * the budget … variance columns, `line_currency` that of the line's own figures. */
  static const char *const names[] = {
    "level", "activity", "category", "description", "quantity", "unit", "unit_cost",
    "line_currency", "line_total_original", "line_total_revised", "currency", "budget",
    "spent", "variance", "variance_percent", "over_budget", "missing_rates", "complete", NULL
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) table = NULL;
  DeskCsv csv;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  table = desk_budget_table (store, summary, error);
  if (table == NULL)
    return NULL;

  desk_csv_init (&csv, out, bom);
  header (&csv, names);
  for (guint i = 0; i < table->len; i++)
    lines_csv_row (&csv, store, summary, version, g_ptr_array_index (table, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  DeskRecord               *expense;
  const DeskBudgetTableRow *line;
  guint                     order;  /* the line's place in the table, then the expense's */
} Expense;

/* By date, then in the table's order: the same file for the same data. */
static int
compare_expenses (gconstpointer a,
                  gconstpointer b)
{
  const Expense *x = a, *y = b;
  int by_date = g_strcmp0 (desk_record_get_string (x->expense, "date"),
                           desk_record_get_string (y->expense, "date"));

  if (by_date != 0)
    return by_date;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
expense_csv_row (DeskCsv           *csv,
                 DeskStore         *store,
                 DeskBudgetSummary *summary,
                 const Expense     *x)
{
  DeskRecord *e = x->expense;
  const char *currency = desk_record_get_string (e, "currency");
  int decimals = desk_currency_minor_units (store, currency);
  gint64 mantissa = 0, converted = 0;
  int scale = 0;

  desk_csv_field (csv, desk_record_get_string (e, "date"));
  desk_csv_field (csv, x->line->activity);
  desk_csv_field (csv, x->line->description != NULL ? x->line->description : "");
  desk_csv_field (csv, desk_record_get_string (e, "payee"));
  desk_csv_field (csv, desk_record_get_string (e, "reference"));
  desk_csv_field_fixed (csv, desk_record_get_int (e, "amount_minor"), decimals);
  desk_csv_field (csv, currency);
  desk_csv_field (csv, desk_record_get_int (e, "is_refund") ? "yes" : "no");
  desk_csv_field (csv, summary->currency);
  if (desk_store_rate_on (store, desk_record_get_group (e), currency,
                          desk_record_get_string (e, "date"), &mantissa, &scale) &&
      desk_money_convert (desk_record_get_int (e, "amount_minor"), decimals,
                          summary->decimals, mantissa, scale, &converted, NULL))
    {
      g_autofree char *rate = desk_rate_format (mantissa, scale);

      desk_csv_field_fixed (csv, converted, summary->decimals);
      desk_csv_field_number (csv, rate);
    }
  else
    {
      /* Missing, not zero: the cell stays empty and the rate says why. */
      desk_csv_field (csv, "");
      desk_csv_field (csv, "missing");
    }
  desk_csv_field (csv, desk_record_get_string (e, "note"));
  desk_csv_end_row (csv);
}

char *
desk_budget_expenses_csv (DeskStore          *store,
                          DeskBudgetSummary  *summary,
                          gboolean            bom,
                          GError            **error)
{
  static const char *const names[] = {
    "date", "activity", "budget_line", "payee", "reference", "amount", "currency", "refund",
    "reporting_currency", "amount_reporting", "rate", "note", NULL
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) expenses = g_array_new (FALSE, FALSE, sizeof (Expense));
  DeskCsv csv;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  table = desk_budget_table (store, summary, error);
  if (table == NULL)
    return NULL;

  for (guint i = 0; i < table->len; i++)
    {
      const DeskBudgetTableRow *t = g_ptr_array_index (table, i);
      g_autoptr(GPtrArray) list = NULL;

      if (t->line == NULL)
        continue;
      list = desk_store_list_by (store, DESK_KIND_EXPENSE, "budget_line_uuid",
                                 desk_record_get_uuid (t->line), error);
      if (list == NULL)
        return NULL;
      for (guint e = 0; e < list->len; e++)
        {
          Expense x = { g_object_ref (list->pdata[e]), t, expenses->len };

          g_ptr_array_add (kept, x.expense);
          g_array_append_val (expenses, x);
        }
    }
  g_array_sort (expenses, compare_expenses);

  desk_csv_init (&csv, out, bom);
  header (&csv, names);
  for (guint i = 0; i < expenses->len; i++)
    expense_csv_row (&csv, store, summary, &g_array_index (expenses, Expense, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
