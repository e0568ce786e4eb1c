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

#include <stdlib.h>

#include "desk-csv.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"

typedef struct
{
  GHashTable *activities;  /* uuid → DeskRecord */
  GHashTable *lines;       /* uuid → DeskRecord */
} Records;

static void
records_clear (Records *r)
{
  g_clear_pointer (&r->activities, g_hash_table_unref);
  g_clear_pointer (&r->lines, g_hash_table_unref);
}

static gboolean
records_load (DeskStore   *store,
              const char  *workplan_uuid,
              Records     *r,
              GError     **error)
{
  g_autoptr(GPtrArray) activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                        workplan_uuid, error);
  g_autoptr(GPtrArray) lines = NULL;

  if (activities == NULL)
    return FALSE;
  lines = desk_store_list_by (store, DESK_KIND_BUDGET_LINE, "workplan_uuid", workplan_uuid, error);
  if (lines == NULL)
    return FALSE;

  r->activities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  r->lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < activities->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (activities, i);
      g_hash_table_insert (r->activities, (gpointer) desk_record_get_uuid (a), g_object_ref (a));
    }
  for (guint i = 0; i < lines->len; i++)
    {
      DeskRecord *l = g_ptr_array_index (lines, i);
      g_hash_table_insert (r->lines, (gpointer) desk_record_get_uuid (l), g_object_ref (l));
    }

  return TRUE;
}

static char *
activity_name (Records    *r,
               const char *uuid)
{
  DeskRecord *a = uuid != NULL ? g_hash_table_lookup (r->activities, uuid) : NULL;

  if (a == NULL)
    return g_strdup (_("Group coordination"));

  return g_strdup_printf ("%s %s", desk_record_get_string (a, "code"),
                          desk_record_get_narrative (a, "title", desk_locale_language (), NULL));
}

static void
header (DeskCsv            *csv,
        const char *const  *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    desk_csv_field (csv, names[i]);
  desk_csv_end_row (csv);
}

char *
desk_budget_lines_csv (DeskStore          *store,
                       DeskBudgetSummary  *summary,
                       DeskBudgetVersion   version,
                       gboolean            bom,
                       GError            **error)
{
  static const char *const names[] = {
    "activity", "category", "description", "quantity", "unit", "unit_cost", "currency",
    "line_total_original", "line_total_revised", "reporting_currency", "budget", "spent",
    "variance", "variance_percent", "over_budget", "missing_rates", NULL
  };
  g_autoptr(GString) out = g_string_new (NULL);
  Records r = { NULL, NULL };
  DeskCsv csv;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  if (!records_load (store, summary->workplan_uuid, &r, error))
    return NULL;

  desk_csv_init (&csv, out, bom);
  header (&csv, names);

  for (guint i = 0; i < summary->lines->len; i++)
    {
      const DeskBudgetRow *row = g_ptr_array_index (summary->lines, i);
      DeskRecord *line = g_hash_table_lookup (r.lines, row->key);
      g_autofree char *activity = NULL;
      g_autofree char *quantity = NULL;
      gint64 original = 0, revised = 0;
      int decimals, permille = 0;

      if (line == NULL)
        continue;

      decimals = desk_currency_minor_units (store, desk_record_get_string (line, "currency"));
      activity = activity_name (&r, desk_record_get_string (line, "activity_uuid"));
      quantity = desk_milli_format (desk_record_get_int (line, "quantity_milli"));
      desk_budget_line_total (store, line, DESK_BUDGET_ORIGINAL, &original, NULL);
      desk_budget_line_total (store, line, DESK_BUDGET_REVISED, &revised, NULL);

      desk_csv_field (&csv, activity);
      desk_csv_field (&csv, desk_record_get_string (line, "category"));
      desk_csv_field (&csv, desk_record_get_narrative (line, "description", desk_locale_language (), NULL));
      desk_csv_field_number (&csv, quantity);
      desk_csv_field (&csv, desk_record_get_string (line, "unit"));
      desk_csv_field_fixed (&csv, desk_record_get_int (line, "unit_cost_minor"), decimals);
      desk_csv_field (&csv, desk_record_get_string (line, "currency"));
      desk_csv_field_fixed (&csv, original, decimals);
      desk_csv_field_fixed (&csv, revised, decimals);
      desk_csv_field (&csv, summary->currency);
      desk_csv_field_fixed (&csv, desk_budget_row_budget (row, version), summary->decimals);
      desk_csv_field_fixed (&csv, row->spent, summary->decimals);
      desk_csv_field_fixed (&csv, desk_budget_row_variance (row, version), summary->decimals);
      if (desk_budget_row_variance_permille (row, version, &permille))
        {
          g_autofree char *pct = g_strdup_printf ("%s%d.%d", permille < 0 ? "-" : "",
                                                  abs (permille) / 10, abs (permille) % 10);
          desk_csv_field_number (&csv, pct);
        }
      else
        desk_csv_field (&csv, "");
      desk_csv_field (&csv, desk_budget_row_is_over (row, version) ? "yes" : "no");
      desk_csv_field_int (&csv, row->missing);
      desk_csv_end_row (&csv);
    }

  records_clear (&r);

  return g_string_free (g_steal_pointer (&out), FALSE);
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
  Records r = { NULL, NULL };
  GHashTableIter iter;
  gpointer value;
  DeskCsv csv;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  if (!records_load (store, summary->workplan_uuid, &r, error))
    return NULL;

  desk_csv_init (&csv, out, bom);
  header (&csv, names);

  g_hash_table_iter_init (&iter, r.lines);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DeskRecord *line = value;
      g_autoptr(GPtrArray) expenses = desk_store_list_by (store, DESK_KIND_EXPENSE, "budget_line_uuid",
                                                          desk_record_get_uuid (line), error);
      g_autofree char *activity = NULL;

      if (expenses == NULL)
        {
          records_clear (&r);
          return NULL;
        }

      activity = activity_name (&r, desk_record_get_string (line, "activity_uuid"));
      for (guint i = 0; i < expenses->len; i++)
        {
          DeskRecord *e = g_ptr_array_index (expenses, i);
          const char *currency = desk_record_get_string (e, "currency");
          int decimals = desk_currency_minor_units (store, currency);
          gint64 mantissa = 0, converted = 0;
          int scale = 0;

          desk_csv_field (&csv, desk_record_get_string (e, "date"));
          desk_csv_field (&csv, activity);
          desk_csv_field (&csv, desk_record_get_narrative (line, "description", desk_locale_language (), NULL));
          desk_csv_field (&csv, desk_record_get_string (e, "payee"));
          desk_csv_field (&csv, desk_record_get_string (e, "reference"));
          desk_csv_field_fixed (&csv, desk_record_get_int (e, "amount_minor"), decimals);
          desk_csv_field (&csv, currency);
          desk_csv_field (&csv, desk_record_get_int (e, "is_refund") ? "yes" : "no");
          desk_csv_field (&csv, summary->currency);
          if (desk_store_rate_on (store, desk_record_get_group (e), currency,
                                  desk_record_get_string (e, "date"), &mantissa, &scale) &&
              desk_money_convert (desk_record_get_int (e, "amount_minor"), decimals,
                                  summary->decimals, mantissa, scale, &converted, NULL))
            {
              g_autofree char *rate = desk_rate_format (mantissa, scale);

              desk_csv_field_fixed (&csv, converted, summary->decimals);
              desk_csv_field_number (&csv, rate);
            }
          else
            {
              /* Missing, not zero: the cell stays empty and the rate says why. */
              desk_csv_field (&csv, "");
              desk_csv_field (&csv, "missing");
            }
          desk_csv_field (&csv, desk_record_get_string (e, "note"));
          desk_csv_end_row (&csv);
        }
    }

  records_clear (&r);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
