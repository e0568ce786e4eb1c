/* desk-budget.c
 *
 * All money arithmetic is done in 128-bit integers and checked against the int64 range
 * before it is stored or shown; rounding is half away from zero (see desk-budget.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget"

#include "config.h"

#include "desk-budget.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-store-private.h"

#include <string.h>

typedef __int128 Wide;

static Wide
power_of_ten (int n)
{
  Wide p = 1;

  for (int i = 0; i < n; i++)
    p *= 10;

  return p;
}

/* num / den rounded half away from zero; den > 0. */
static Wide
round_div (Wide num,
           Wide den)
{
  Wide q = num / den;
  Wide r = num % den;

  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;

  return q;
}

static gboolean
fits (Wide      value,
      gint64   *out,
      GError  **error)
{
  if (value > G_MAXINT64 || value < G_MININT64)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The amount is too large for Groupdesk to keep. Check the quantity, the "
                     "unit cost and the rate."));
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

gboolean
desk_money_multiply (gint64   quantity_milli,
                     gint64   unit_cost_minor,
                     gint64  *out_minor,
                     GError **error)
{
  Wide product = (Wide) quantity_milli * (Wide) unit_cost_minor;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  return fits (round_div (product, 1000), out_minor, error);
}

gboolean
desk_money_convert (gint64   amount_minor,
                    int      from_decimals,
                    int      to_decimals,
                    gint64   rate_mantissa,
                    int      rate_scale,
                    gint64  *out_minor,
                    GError **error)
{
  Wide num, den, tmp;

  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (rate_mantissa > 0, FALSE);
  g_return_val_if_fail (rate_scale >= 0 && rate_scale <= 18, FALSE);
  g_return_val_if_fail (from_decimals >= 0 && from_decimals <= 4, FALSE);
  g_return_val_if_fail (to_decimals >= 0 && to_decimals <= 4, FALSE);

  den = power_of_ten (rate_scale);
  if (from_decimals > to_decimals)
    den *= power_of_ten (from_decimals - to_decimals);

  if (__builtin_mul_overflow ((Wide) amount_minor, (Wide) rate_mantissa, &num) ||
      (to_decimals > from_decimals &&
       __builtin_mul_overflow (num, power_of_ten (to_decimals - from_decimals), &tmp)))
    return fits ((Wide) G_MAXINT64 + 1, out_minor, error);
  if (to_decimals > from_decimals)
    num = tmp;

  return fits (round_div (num, den), out_minor, error);
}

static char *
group_currency (DeskStore  *store,
                const char *group_uuid)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT currency FROM groups WHERE uuid = ?1", NULL);
  char *currency = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    currency = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return currency;
}

gboolean
desk_store_rate_on (DeskStore  *store,
                    const char *group_uuid,
                    const char *currency,
                    const char *date,
                    gint64     *rate_mantissa,
                    int        *rate_scale)
{
  g_autofree char *reporting = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  reporting = group_currency (store, group_uuid);
  if (g_strcmp0 (reporting, currency) == 0)
    {
      *rate_mantissa = 1;
      *rate_scale = 0;
      return TRUE;
    }

  stmt = _desk_store_prepare (store,
                              "SELECT rate_mantissa, rate_scale FROM exchange_rates "
                              "WHERE group_uuid = ?1 AND currency = ?2 AND valid_from <= ?3 "
                              "ORDER BY valid_from DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *rate_mantissa = sqlite3_column_int64 (stmt, 0);
      *rate_scale = sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
desk_rate_parse (const char  *text,
                 gint64      *rate_mantissa,
                 int         *rate_scale,
                 GError     **error)
{
  const char *p = text != NULL ? text : "";
  gint64 mantissa = 0;
  int scale = 0;
  int digits = 0;
  gboolean point = FALSE;

  while (g_ascii_isspace (*p))
    p++;

  for (; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '.' && !point)
        {
          point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || digits >= 18)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” is not an exchange rate. Write how many units of the reporting "
                         "currency one unit of the other currency is worth, such as 15.5."),
                       text != NULL ? text : "");
          return FALSE;
        }
      mantissa = mantissa * 10 + (*p - '0');
      if (mantissa > 0 || point)
        digits++;
      if (point)
        scale++;
    }
  while (g_ascii_isspace (*p))
    p++;

  if (*p != '\0' || (digits == 0 && mantissa == 0 && scale == 0))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not an exchange rate. Write how many units of the reporting "
                     "currency one unit of the other currency is worth, such as 15.5."),
                   text != NULL ? text : "");
      return FALSE;
    }

  if (mantissa == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("An exchange rate of zero would make every amount vanish. Enter the "
                     "rate in force."));
      return FALSE;
    }

  /* 15.50 and 15.5 are the same rate: keep the shortest form. */
  while (scale > 0 && mantissa % 10 == 0)
    {
      mantissa /= 10;
      scale--;
    }
  if (scale > 12)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The rate has too many decimals. Use at most 12."));
      return FALSE;
    }

  *rate_mantissa = mantissa;
  *rate_scale = scale;

  return TRUE;
}

char *
desk_rate_format (gint64 rate_mantissa,
                  int    rate_scale)
{
  g_autofree char *digits = g_strdup_printf ("%0*" G_GINT64_FORMAT, rate_scale + 1, rate_mantissa);
  gsize len = strlen (digits);

  if (rate_scale == 0)
    return g_steal_pointer (&digits);

  return g_strdup_printf ("%.*s.%s", (int) (len - (gsize) rate_scale), digits,
                          digits + len - rate_scale);
}

/* Lines and revisions */

static gboolean
latest_revision (DeskStore  *store,
                 const char *line_uuid,
                 gint64     *quantity,
                 gint64     *unit_cost,
                 char      **revised_on)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT quantity_milli, unit_cost_minor, revised_on "
                                            "FROM budget_revisions WHERE budget_line_uuid = ?1 "
                                            "ORDER BY revised_on DESC, rowid DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, line_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *quantity = sqlite3_column_int64 (stmt, 0);
      *unit_cost = sqlite3_column_int64 (stmt, 1);
      if (revised_on != NULL)
        *revised_on = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
desk_budget_line_total (DeskStore         *store,
                        DeskRecord        *line,
                        DeskBudgetVersion  version,
                        gint64            *out_minor,
                        GError           **error)
{
  gint64 quantity = desk_record_get_int (line, "quantity_milli");
  gint64 unit_cost = desk_record_get_int (line, "unit_cost_minor");

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (line), FALSE);

  if (version == DESK_BUDGET_REVISED && desk_record_get_uuid (line) != NULL)
    latest_revision (store, desk_record_get_uuid (line), &quantity, &unit_cost, NULL);

  return desk_money_multiply (quantity, unit_cost, out_minor, error);
}

gboolean
desk_budget_line_revise (DeskStore   *store,
                         const char  *line_uuid,
                         gint64       quantity_milli,
                         gint64       unit_cost_minor,
                         const char  *revised_on,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(DeskRecord) revision = desk_record_new (DESK_KIND_BUDGET_REVISION);
  gint64 total;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (!desk_money_multiply (quantity_milli, unit_cost_minor, &total, error))
    return FALSE;

  desk_record_set_string (revision, "budget_line_uuid", line_uuid);
  desk_record_set_int (revision, "quantity_milli", quantity_milli);
  desk_record_set_int (revision, "unit_cost_minor", unit_cost_minor);
  desk_record_set_string (revision, "revised_on", revised_on);
  desk_record_set_string (revision, "reason", reason);

  return desk_store_insert (store, revision, error);
}

/* The summary */

static void
row_free (DeskBudgetRow *row)
{
  g_free (row->key);
  g_free (row);
}

void
desk_budget_summary_free (DeskBudgetSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->workplan_uuid);
  g_free (summary->currency);
  g_free (summary->total.key);
  g_clear_pointer (&summary->lines, g_ptr_array_unref);
  g_clear_pointer (&summary->activities, g_ptr_array_unref);
  g_clear_pointer (&summary->categories, g_ptr_array_unref);
  g_free (summary);
}

static DeskBudgetRow *
row_for (GPtrArray  *rows,
         GHashTable *index,
         const char *key)
{
  DeskBudgetRow *row = g_hash_table_lookup (index, key);

  if (row == NULL)
    {
      row = g_new0 (DeskBudgetRow, 1);
      row->key = g_strdup (key);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (index, row->key, row);
    }

  return row;
}

static void
row_add (DeskBudgetRow       *into,
         const DeskBudgetRow *from)
{
  into->original += from->original;
  into->revised += from->revised;
  into->spent += from->spent;
  into->missing += from->missing;
}

typedef struct
{
  char *valid_from;
  gint64 mantissa;
  int scale;
} Rate;

static void
rate_free (Rate *rate)
{
  g_free (rate->valid_from);
  g_free (rate);
}

/* Currency → GPtrArray of Rate, oldest first. */
static GHashTable *
load_rates (DeskStore  *store,
            const char *group_uuid)
{
  GHashTable *rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT currency, valid_from, rate_mantissa, rate_scale "
                                            "FROM exchange_rates WHERE group_uuid = ?1 "
                                            "ORDER BY currency, valid_from", NULL);

  if (stmt == NULL)
    return rates;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (rates, currency);
      Rate *rate = g_new0 (Rate, 1);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) rate_free);
          g_hash_table_insert (rates, g_strdup (currency), list);
        }
      rate->valid_from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rate->mantissa = sqlite3_column_int64 (stmt, 2);
      rate->scale = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (list, rate);
    }
  sqlite3_reset (stmt);

  return rates;
}

/* The rate in force for @currency on @date: the latest valid_from on or before it. */
static const Rate *
rate_in_force (GHashTable *rates,
               const char *currency,
               const char *date)
{
  GPtrArray *list = g_hash_table_lookup (rates, currency);
  guint lo = 0, hi;

  if (list == NULL || date == NULL)
    return NULL;

  /* Binary search for the first rate valid after @date. */
  hi = list->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Rate *r = g_ptr_array_index (list, mid);

      if (strcmp (r->valid_from, date) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo > 0 ? g_ptr_array_index (list, lo - 1) : NULL;
}

/* Amounts of one line in one foreign currency at one rate, summed before converting. */
typedef struct
{
  const Rate *rate;
  gint64 sum;
} Bucket;

typedef struct
{
  DeskBudgetRow *row;
  char *activity;
  char *category;
  char *currency;
  gint64 quantity, unit_cost;
  gboolean revised;
  gint64 r_quantity, r_unit_cost;
  char *revised_on;
  GArray *buckets;  /* Bucket */
} Line;

static void
line_free (Line *line)
{
  g_free (line->activity);
  g_free (line->category);
  g_free (line->currency);
  g_free (line->revised_on);
  g_clear_pointer (&line->buckets, g_array_unref);
  g_free (line);
}

/* Adds @amount of @currency dated @date to its bucket, or to @reporting_sum when it is in
 * the reporting currency; counts it in @missing when no rate is in force. */
static void
bucket_add (GArray     **buckets,
            GHashTable  *rates,
            const char  *reporting,
            const char  *currency,
            const char  *date,
            gint64       amount,
            gint64      *reporting_sum,
            guint       *missing)
{
  const Rate *rate;
  Bucket bucket;

  if (g_strcmp0 (currency, reporting) == 0)
    {
      *reporting_sum += amount;
      return;
    }

  rate = rate_in_force (rates, currency, date);
  if (rate == NULL)
    {
      (*missing)++;
      return;
    }

  if (*buckets == NULL)
    *buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  for (guint i = 0; i < (*buckets)->len; i++)
    {
      Bucket *b = &g_array_index (*buckets, Bucket, i);

      if (b->rate == rate)
        {
          b->sum += amount;
          return;
        }
    }

  bucket.rate = rate;
  bucket.sum = amount;
  g_array_append_val (*buckets, bucket);
}

static gboolean
convert_buckets (DeskStore  *store,
                 GArray     *buckets,
                 GHashTable *rate_currency,
                 int         to_decimals,
                 gint64     *total,
                 GError    **error)
{
  for (guint i = 0; buckets != NULL && i < buckets->len; i++)
    {
      Bucket *b = &g_array_index (buckets, Bucket, i);
      const char *currency = g_hash_table_lookup (rate_currency, b->rate);
      gint64 converted;

      if (!desk_money_convert (b->sum, desk_currency_minor_units (store, currency), to_decimals,
                               b->rate->mantissa, b->rate->scale, &converted, error))
        return FALSE;
      *total += converted;
    }

  return TRUE;
}

static gboolean
convert_one (DeskStore   *store,
             GHashTable  *rates,
             const char  *reporting,
             int          decimals,
             const char  *currency,
             const char  *date,
             gint64       amount,
             gint64      *total,
             guint       *missing,
             GError     **error)
{
  const Rate *rate;
  gint64 converted;

  if (g_strcmp0 (currency, reporting) == 0)
    {
      *total += amount;
      return TRUE;
    }

  rate = rate_in_force (rates, currency, date);
  if (rate == NULL)
    {
      (*missing)++;
      return TRUE;
    }

  if (!desk_money_convert (amount, desk_currency_minor_units (store, currency), decimals,
                           rate->mantissa, rate->scale, &converted, error))
    return FALSE;
  *total += converted;

  return TRUE;
}

static gboolean
step_done (DeskStore  *store,
           int         rc,
           GError    **error)
{
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

DeskBudgetSummary *
desk_budget_summarise (DeskStore   *store,
                       const char  *workplan_uuid,
                       GError     **error)
{
  g_autoptr(DeskBudgetSummary) summary = g_new0 (DeskBudgetSummary, 1);
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(GHashTable) rates = NULL;
  g_autoptr(GHashTable) rate_currency = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) line_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) activity_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) received = NULL;
  g_autofree char *today = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *group;
  const char *start;
  const char *end;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  workplan = desk_store_get (store, DESK_KIND_WORKPLAN, workplan_uuid, error);
  if (workplan == NULL)
    return NULL;

  group = desk_record_get_group (workplan);
  start = desk_record_get_string (workplan, "period_start");
  end = desk_record_get_string (workplan, "period_end");

  summary->workplan_uuid = g_strdup (workplan_uuid);
  summary->currency = group_currency (store, group);
  summary->decimals = desk_currency_minor_units (store, summary->currency);
  summary->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  summary->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  summary->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  summary->total.key = g_strdup ("");

  rates = load_rates (store, group);
  g_hash_table_iter_init (&iter, rates);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
      g_hash_table_insert (rate_currency, g_ptr_array_index ((GPtrArray *) value, i), key);

  /* The workplan's lines. Each query here reads its table once, in storage order, and
   * the sums are made in C: on a coordinator's database that is several times quicker
   * than grouping through the indexes. */
  stmt = _desk_store_prepare (store,
                              "SELECT uuid, COALESCE (activity_uuid, ''), category, currency, "
                              "quantity_milli, unit_cost_minor FROM budget_lines WHERE workplan_uuid = ?1 "
                              "ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workplan_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_new0 (Line, 1);

      line->row = g_new0 (DeskBudgetRow, 1);
      line->row->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      line->activity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      line->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      line->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      line->quantity = sqlite3_column_int64 (stmt, 4);
      line->unit_cost = sqlite3_column_int64 (stmt, 5);
      g_hash_table_insert (lines, g_strdup (line->row->key), line);
      g_ptr_array_add (order, line);
      g_ptr_array_add (summary->lines, line->row);
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  /* The newest revision of each line wins. */
  stmt = _desk_store_prepare (store,
                              "SELECT budget_line_uuid, quantity_milli, unit_cost_minor, revised_on "
                              "FROM budget_revisions WHERE group_uuid = ?1 ORDER BY revised_on, rowid",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_hash_table_lookup (lines, sqlite3_column_text (stmt, 0));

      if (line == NULL)
        continue;
      line->revised = TRUE;
      line->r_quantity = sqlite3_column_int64 (stmt, 1);
      line->r_unit_cost = sqlite3_column_int64 (stmt, 2);
      g_free (line->revised_on);
      line->revised_on = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  for (guint i = 0; i < order->len; i++)
    {
      Line *line = g_ptr_array_index (order, i);
      gint64 original, revised;

      if (!desk_money_multiply (line->quantity, line->unit_cost, &original, error))
        return NULL;
      if (line->revised)
        {
          if (!desk_money_multiply (line->r_quantity, line->r_unit_cost, &revised, error))
            return NULL;
        }
      else
        revised = original;

      /* The original converts at the rate in force on the workplan's start, a revision
       * at the one in force on its date. */
      if (!convert_one (store, rates, summary->currency, summary->decimals, line->currency, start,
                        original, &line->row->original, &line->row->missing, error))
        return NULL;
      /* An unrevised line's revised budget is its original: one amount, counted once. */
      if (!line->revised)
        line->row->revised = line->row->original;
      else if (!convert_one (store, rates, summary->currency, summary->decimals, line->currency,
                             line->revised_on, revised, &line->row->revised, &line->row->missing, error))
        return NULL;
    }

  /* Expenses: summed per line, currency and rate in force on their dates, then converted. */
  stmt = _desk_store_prepare (store,
                              "SELECT budget_line_uuid, currency, date, amount_minor FROM expenses "
                              "NOT INDEXED WHERE group_uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_hash_table_lookup (lines, sqlite3_column_text (stmt, 0));

      if (line == NULL)
        continue;
      bucket_add (&line->buckets, rates, summary->currency,
                  (const char *) sqlite3_column_text (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  sqlite3_column_int64 (stmt, 3), &line->row->spent, &line->row->missing);
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  for (guint i = 0; i < order->len; i++)
    {
      Line *line = g_ptr_array_index (order, i);

      if (!convert_buckets (store, line->buckets, rate_currency, summary->decimals,
                            &line->row->spent, error))
        return NULL;

      row_add (row_for (summary->activities, activity_index, line->activity), line->row);
      row_add (row_for (summary->categories, category_index, line->category), line->row);
      row_add (&summary->total, line->row);
    }

  /* Funding received for this workplan, or undated to one but within its period. */
  stmt = _desk_store_prepare (store,
                              "SELECT currency, date, amount_minor FROM funding_receipts "
                              "WHERE group_uuid = ?2 AND (workplan_uuid = ?1 OR "
                              "(workplan_uuid IS NULL AND date BETWEEN ?3 AND ?4))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workplan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bucket_add (&received, rates, summary->currency,
                (const char *) sqlite3_column_text (stmt, 0),
                (const char *) sqlite3_column_text (stmt, 1),
                sqlite3_column_int64 (stmt, 2), &summary->received, &summary->received_missing);
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error) ||
      !convert_buckets (store, received, rate_currency, summary->decimals, &summary->received, error))
    return NULL;

  /* How much of the workplan's time has gone, for the burn rate. */
  today = desk_store_dup_today (store);
  {
    int total_days = desk_date_days_between (start, end) + 1;
    int gone = desk_date_days_between (start, today) + 1;

    gone = CLAMP (gone, 0, total_days);
    summary->elapsed_permille = total_days > 0 ? (int) round_div ((Wide) gone * 1000, total_days) : 0;
  }

  return g_steal_pointer (&summary);
}

gint64
desk_budget_row_budget (const DeskBudgetRow *row,
                        DeskBudgetVersion    version)
{
  return version == DESK_BUDGET_ORIGINAL ? row->original : row->revised;
}

gint64
desk_budget_row_variance (const DeskBudgetRow *row,
                          DeskBudgetVersion    version)
{
  return desk_budget_row_budget (row, version) - row->spent;
}

gboolean
desk_budget_row_variance_permille (const DeskBudgetRow *row,
                                   DeskBudgetVersion    version,
                                   int                 *out)
{
  gint64 budget = desk_budget_row_budget (row, version);

  if (budget == 0)
    return FALSE;

  *out = (int) round_div ((Wide) desk_budget_row_variance (row, version) * 1000, budget);
  return TRUE;
}

gboolean
desk_budget_row_burn_permille (const DeskBudgetRow *row,
                               DeskBudgetVersion    version,
                               int                 *out)
{
  gint64 budget = desk_budget_row_budget (row, version);

  if (budget == 0)
    return FALSE;

  *out = (int) round_div ((Wide) row->spent * 1000, budget);
  return TRUE;
}

gboolean
desk_budget_row_is_over (const DeskBudgetRow *row,
                         DeskBudgetVersion    version)
{
  return row->spent > desk_budget_row_budget (row, version);
}
