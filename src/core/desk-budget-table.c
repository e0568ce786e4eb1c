/* desk-budget-table.c — the budget as one table (lines grouped by activity, with
 * subtotals, category totals and the grand total), and the amounts left out for want of
 * an exchange rate, named by currency
 *
 * The Budget page, the Budget against actual report, the CSV and the CLI all show the
 * budget in this one order, so that a figure is found in the same place everywhere:
 * activities by code (numbers in codes compared as numbers: 1.2 before 1.10), the
 * group's own costs last; inside an activity its lines by category, then description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget"

#include "config.h"

#include "desk-budget.h"
#include "desk-budget-private.h"

#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-money-private.h"
#include "desk-reference.h"

const char *
desk_budget_level_key (DeskBudgetLevel level)
{
  switch (level)
    {
    case DESK_BUDGET_LEVEL_LINE:
      return "line";
    case DESK_BUDGET_LEVEL_ACTIVITY:
      return "activity";
    case DESK_BUDGET_LEVEL_CATEGORY:
      return "category";
    case DESK_BUDGET_LEVEL_TOTAL:
    default:
      return "total";
    }
}

static void
table_row_free (DeskBudgetTableRow *row)
{
  g_free (row->activity);
  g_free (row->activity_uuid);
  g_free (row->category);
  g_free (row->category_label);
  g_free (row->description);
  g_clear_object (&row->line);
  g_free (row->sort_key);
  g_free (row);
}

static DeskBudgetTableRow *
table_row_new (DeskBudgetLevel      level,
               const DeskBudgetRow *figures)
{
  DeskBudgetTableRow *row = g_new0 (DeskBudgetTableRow, 1);

  row->level = level;
  row->row = figures;
  return row;
}

/* "1.1 Title" for an activity, "Group coordination" for the group's own costs. */
static char *
activity_label (DeskRecord *activity)
{
  if (activity == NULL)
    return g_strdup (_("Group coordination"));

  return g_strdup_printf ("%s %s", desk_record_get_string (activity, "code"),
                          desk_record_get_narrative (activity, "title", desk_locale_language (), NULL));
}

/* The group's own costs ("") sort after every activity. */
static char *
activity_sort_key (DeskRecord *activity)
{
  g_autofree char *key = NULL;

  if (activity == NULL)
    return g_strdup ("\x7f");
  key = g_utf8_collate_key_for_filename (desk_record_get_string (activity, "code"), -1);
  return g_strconcat (" ", key, NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const DeskBudgetTableRow *x = *(DeskBudgetTableRow *const *) a;
  const DeskBudgetTableRow *y = *(DeskBudgetTableRow *const *) b;

  return g_strcmp0 (x->sort_key, y->sort_key);
}

static char *
line_sort_key (const char *category_label,
               const char *description)
{
  g_autofree char *c = g_utf8_collate_key (category_label, -1);
  g_autofree char *d = g_utf8_collate_key_for_filename (description != NULL ? description : "", -1);

  /* \1 keeps "Travel" + anything before "Travel costs" + anything. */
  return g_strconcat (c, "\1", d, NULL);
}

GPtrArray *
desk_budget_table (DeskStore          *store,
                   DeskBudgetSummary  *summary,
                   GError            **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) activity_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) line_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  GPtrArray *table;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid", summary->workplan_uuid, error);
  if (activities == NULL)
    return NULL;
  lines = desk_store_list_by (store, DESK_KIND_BUDGET_LINE, "workplan_uuid", summary->workplan_uuid, error);
  if (lines == NULL)
    return NULL;
  for (guint i = 0; i < activities->len; i++)
    g_hash_table_insert (activity_by_uuid, (gpointer) desk_record_get_uuid (activities->pdata[i]),
                         activities->pdata[i]);
  for (guint i = 0; i < lines->len; i++)
    g_hash_table_insert (line_by_uuid, (gpointer) desk_record_get_uuid (lines->pdata[i]), lines->pdata[i]);

  /* One subtotal per activity, each followed (once sorted) by its lines. */
  for (guint i = 0; i < summary->activities->len; i++)
    {
      const DeskBudgetRow *figures = g_ptr_array_index (summary->activities, i);
      DeskRecord *activity = g_hash_table_lookup (activity_by_uuid, figures->key);
      DeskBudgetTableRow *row = table_row_new (DESK_BUDGET_LEVEL_ACTIVITY, figures);

      row->activity = activity_label (activity);
      row->activity_uuid = g_strdup (figures->key);
      row->sort_key = activity_sort_key (activity);
      g_ptr_array_add (groups, row);
    }
  g_ptr_array_sort (groups, compare_rows);

  for (guint i = 0; i < summary->categories->len; i++)
    {
      const DeskBudgetRow *figures = g_ptr_array_index (summary->categories, i);
      DeskBudgetTableRow *row = table_row_new (DESK_BUDGET_LEVEL_CATEGORY, figures);

      row->category = g_strdup (figures->key);
      row->category_label = desk_reference_table_label (store, "budget_categories", figures->key);
      row->sort_key = line_sort_key (row->category_label, NULL);
      g_ptr_array_add (categories, row);
    }
  g_ptr_array_sort (categories, compare_rows);

  table = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  while (groups->len > 0)
    {
      DeskBudgetTableRow *group = g_ptr_array_steal_index (groups, 0);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();

      for (guint i = 0; i < summary->lines->len; i++)
        {
          const DeskBudgetRow *figures = g_ptr_array_index (summary->lines, i);
          DeskRecord *line = g_hash_table_lookup (line_by_uuid, figures->key);
          DeskBudgetTableRow *row;
          const char *activity_uuid;

          if (line == NULL)
            continue;
          activity_uuid = desk_record_get_string (line, "activity_uuid");
          if (g_strcmp0 (activity_uuid != NULL ? activity_uuid : "", group->activity_uuid) != 0)
            continue;

          row = table_row_new (DESK_BUDGET_LEVEL_LINE, figures);
          row->line = g_object_ref (line);
          row->activity = g_strdup (group->activity);
          row->activity_uuid = g_strdup (group->activity_uuid);
          row->category = g_strdup (desk_record_get_string (line, "category"));
          row->category_label = desk_reference_table_label (store, "budget_categories", row->category);
          row->description = g_strdup (desk_record_get_narrative (line, "description",
                                                                  desk_locale_language (), NULL));
          row->sort_key = line_sort_key (row->category_label, row->description);
          g_ptr_array_add (members, row);
        }
      g_ptr_array_sort (members, compare_rows);
      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (table, members->pdata[i]);
      g_ptr_array_add (table, group);
    }
  while (categories->len > 0)
    g_ptr_array_add (table, g_ptr_array_steal_index (categories, 0));

  g_ptr_array_add (table, table_row_new (DESK_BUDGET_LEVEL_TOTAL, &summary->total));

  return table;
}

gboolean
desk_budget_table_row_incomplete (const DeskBudgetTableRow *row)
{
  return row->row->missing > 0 || row->row->too_large > 0;
}

/* Amounts without a rate */

static void
gap_free (DeskBudgetGap *gap)
{
  g_free (gap->currency);
  g_free (gap);
}

static DeskBudgetGap *
gap_for (GPtrArray  *gaps,
         DeskStore  *store,
         const char *currency)
{
  DeskBudgetGap *gap;

  for (guint i = 0; i < gaps->len; i++)
    {
      gap = g_ptr_array_index (gaps, i);
      if (g_str_equal (gap->currency, currency))
        return gap;
    }

  gap = g_new0 (DeskBudgetGap, 1);
  gap->currency = g_strdup (currency);
  gap->decimals = desk_currency_minor_units (store, currency);
  g_ptr_array_add (gaps, gap);
  return gap;
}

/* Counts @amount of @currency as left out when no rate is in force on @date. */
static void
gap_count (GPtrArray  *gaps,
           DeskStore  *store,
           const char *group,
           const char *currency,
           const char *date,
           gint64      amount,
           int         which)
{
  DeskBudgetGap *gap;
  gint64 mantissa;
  int scale;

  if (currency == NULL || desk_store_rate_on (store, group, currency, date, &mantissa, &scale))
    return;

  gap = gap_for (gaps, store, currency);
  gap->n[which]++;
  /* A sum beyond what Groupdesk can count is not shown: the summary names its record. */
  if (!gap->beyond[which] && ABS ((Wide) gap->sum[which] + amount) <= DESK_MONEY_MAX_SUM)
    gap->sum[which] += amount;
  else
    gap->beyond[which] = TRUE;
}

GPtrArray *
desk_budget_rate_gaps (DeskStore          *store,
                       DeskBudgetSummary  *summary,
                       DeskBudgetVersion   version,
                       GError            **error)
{
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) gap_free);
  const char *group, *start, *end;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  workplan = desk_store_get (store, DESK_KIND_WORKPLAN, summary->workplan_uuid, error);
  if (workplan == NULL)
    return NULL;
  group = desk_record_get_group (workplan);
  start = desk_record_get_string (workplan, "period_start");
  end = desk_record_get_string (workplan, "period_end");

  lines = desk_store_list_by (store, DESK_KIND_BUDGET_LINE, "workplan_uuid", summary->workplan_uuid, error);
  if (lines == NULL)
    return NULL;
  for (guint i = 0; i < lines->len; i++)
    {
      DeskRecord *line = g_ptr_array_index (lines, i);
      const char *currency = desk_record_get_string (line, "currency");
      g_autoptr(GPtrArray) expenses = NULL;
      g_autofree char *revised_on = NULL;
      gint64 quantity, unit_cost, total = 0;

      /* The budget as the summary converts it: the original at the workplan's start, a
       * revision on its own date. */
      if (version == DESK_BUDGET_REVISED &&
          _desk_budget_latest_revision (store, desk_record_get_uuid (line), &quantity, &unit_cost,
                                        &revised_on))
        {
          if (desk_money_multiply (quantity, unit_cost, &total, NULL))
            gap_count (gaps, store, group, currency, revised_on, total, DESK_BUDGET_GAP_BUDGET);
        }
      else if (desk_money_multiply (desk_record_get_int (line, "quantity_milli"),
                                    desk_record_get_int (line, "unit_cost_minor"), &total, NULL))
        gap_count (gaps, store, group, currency, start, total, DESK_BUDGET_GAP_BUDGET);

      expenses = desk_store_list_by (store, DESK_KIND_EXPENSE, "budget_line_uuid",
                                     desk_record_get_uuid (line), error);
      if (expenses == NULL)
        return NULL;
      for (guint e = 0; e < expenses->len; e++)
        gap_count (gaps, store, group, desk_record_get_string (expenses->pdata[e], "currency"),
                   desk_record_get_string (expenses->pdata[e], "date"),
                   desk_record_get_int (expenses->pdata[e], "amount_minor"), DESK_BUDGET_GAP_SPENT);
    }

  /* Funding received for this workplan, or undated to one but within its period. */
  receipts = desk_store_list (store, DESK_KIND_FUNDING, group, error);
  if (receipts == NULL)
    return NULL;
  for (guint i = 0; i < receipts->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (receipts, i);
      const char *workplan_uuid = desk_record_get_string (r, "workplan_uuid");
      const char *date = desk_record_get_string (r, "date");

      if (workplan_uuid != NULL && workplan_uuid[0] != '\0' ?
          !g_str_equal (workplan_uuid, summary->workplan_uuid) :
          (g_strcmp0 (date, start) < 0 || g_strcmp0 (date, end) > 0))
        continue;
      gap_count (gaps, store, group, desk_record_get_string (r, "currency"), date,
                 desk_record_get_int (r, "amount_minor"), DESK_BUDGET_GAP_RECEIVED);
    }

  return g_steal_pointer (&gaps);
}

const char *
desk_budget_incomplete_sentence (void)
{
  return _("These totals are incomplete: amounts without an exchange rate are left out of "
           "them.");
}

char *
desk_budget_gap_text (const DeskBudgetGap *gap)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  guint n = 0;
  g_autofree char *head = NULL;

  for (guint k = 0; k < DESK_BUDGET_GAP_KINDS; k++)
    {
      g_autofree char *amount = NULL;

      n += gap->n[k];
      if (gap->n[k] == 0 || gap->beyond[k])
        continue;
      amount = desk_money_format (gap->sum[k], gap->currency, gap->decimals);
      if (parts->len > 0)
        /* Translators: between the parts of "(budget XOF 1,250,000; spent XOF 30,000)". */
        g_string_append (parts, C_("list separator", "; "));
      /* Translators: the parts of "No rate for XOF: 3 amounts not converted (budget
       * XOF 1,250,000; spent XOF 30,000)"; %s is an amount with its currency. */
      if (k == DESK_BUDGET_GAP_BUDGET)
        g_string_append_printf (parts, _("budget %s"), amount);
      else if (k == DESK_BUDGET_GAP_SPENT)
        g_string_append_printf (parts, _("spent %s"), amount);
      else
        g_string_append_printf (parts, _("received %s"), amount);
    }

  /* Translators: %s is a currency code, %u how many amounts lack an exchange rate. */
  head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No rate for %s: %u amount not converted",
                                       "No rate for %s: %u amounts not converted", n),
                          gap->currency, n);
  if (parts->len == 0)
    return g_steal_pointer (&head);
  /* Translators: a sentence about amounts without a rate, and their sums in brackets. */
  return g_strdup_printf (_("%s (%s)"), head, parts->str);
}
