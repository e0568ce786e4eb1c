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
#include "desk-budget-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-money-private.h"
#include "desk-reference.h"
#include "desk-store-private.h"

#include <string.h>

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

/* The summary */

static void
row_free (DeskBudgetRow *row)
{
  g_free (row->key);
  g_free (row);
}

typedef struct _DeskBudgetTally DeskBudgetTally;

static void tally_free (DeskBudgetTally *tally);

void
desk_budget_summary_free (DeskBudgetSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->tally, tally_free);

  g_free (summary->workplan_uuid);
  g_free (summary->currency);
  g_free (summary->total.key);
  g_clear_pointer (&summary->lines, g_ptr_array_unref);
  g_clear_pointer (&summary->activities, g_ptr_array_unref);
  g_clear_pointer (&summary->categories, g_ptr_array_unref);
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
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

/* Whether adding @from to @into keeps each of its figures countable. */
static gboolean
row_takes (const DeskBudgetRow *into,
           const DeskBudgetRow *from)
{
  return countable ((Wide) into->original + from->original) &&
         countable ((Wide) into->revised + from->revised) &&
         countable ((Wide) into->spent + from->spent);
}

static void
row_add (DeskBudgetRow       *into,
         const DeskBudgetRow *from)
{
  into->original += from->original;
  into->revised += from->revised;
  into->spent += from->spent;
  into->missing += from->missing;
  into->too_large += from->too_large;
}

typedef struct
{
  char *valid_from;
  const char *currency;  /* the key of its list in the rates table */
  gint64 mantissa;
  int scale;
  gboolean checked;      /* against the bounds of desk_rate_check, once */
  gboolean usable;
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
      GPtrArray *list = NULL;
      gpointer key = NULL;
      Rate *rate = g_new0 (Rate, 1);

      if (!g_hash_table_lookup_extended (rates, currency, &key, (gpointer *) &list))
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) rate_free);
          key = g_strdup (currency);
          g_hash_table_insert (rates, key, list);
        }
      rate->currency = key;
      rate->valid_from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rate->mantissa = sqlite3_column_int64 (stmt, 2);
      rate->scale = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (list, rate);
    }
  sqlite3_reset (stmt);

  return rates;
}

/* The rate in force for @currency on @date: the latest valid_from on or before it. */
static Rate *
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

/* What one summary needs while it sums. */
typedef struct
{
  DeskStore *store;
  DeskBudgetSummary *summary;
  GHashTable *rates;
  DeskBudgetTally *tally;
} Summing;

static void
problem (Summing    *s,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Summing    *s,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (s->summary->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The most a sum may reach, in @currency: for the messages. */
static char *
limit_text (Summing    *s,
            const char *currency)
{
  return desk_money_format (DESK_MONEY_MAX_SUM, currency,
                            MAX (desk_currency_minor_units (s->store, currency), 0));
}

/* Whether @rate may convert: a rate stored before the bounds existed, or by another
 * program, can be beyond them, and then is named once and converts nothing. */
static gboolean
rate_usable (Summing *s,
             Rate    *rate)
{
  if (!rate->checked)
    {
      rate->checked = TRUE;
      rate->usable = desk_rate_check (rate->mantissa, rate->scale, NULL);
      if (!rate->usable)
        {
          g_autofree char *text = desk_rate_format (rate->mantissa, rate->scale);

          problem (s, _("The exchange rate of %s from %s (%s) is outside what Groupdesk accepts, "
                        "so the amounts converted at it are left out of the totals. Correct the "
                        "rate."),
                   rate->currency, rate->valid_from, text);
        }
    }

  return rate->usable;
}

/* Converts @amount into the reporting currency at @rate (NULL: it is in the reporting
 * currency already); FALSE when the result is not countable. */
static gboolean
to_reporting (Summing    *s,
              const Rate *rate,
              Wide        amount,
              Wide       *out)
{
  int from;

  if (rate == NULL)
    {
      *out = amount;
      return countable (amount);
    }

  from = desk_currency_minor_units (s->store, rate->currency);
  return from >= 0 && s->summary->decimals >= 0 &&
         convert_wide (amount, from, s->summary->decimals, rate->mantissa, rate->scale, out) &&
         countable (*out);
}

/* Amounts in one currency at one rate (NULL: the reporting currency), summed in 128 bits
 * before they are converted once. */
typedef struct
{
  Rate *rate;
  Wide sum;
  guint n;
} Bucket;

typedef struct
{
  GArray *buckets;  /* Bucket */
  guint missing;
} Amounts;

static void
amounts_clear (Amounts *a)
{
  g_clear_pointer (&a->buckets, g_array_unref);
}

/* Adds @amount of @currency dated @date to its bucket; counts it as missing when no rate
 * is in force. */
static void
amounts_add (Amounts    *a,
             Summing    *s,
             const char *currency,
             const char *date,
             gint64      amount)
{
  Rate *rate = NULL;
  Bucket bucket = { NULL, 0, 0 };

  if (g_strcmp0 (currency, s->summary->currency) != 0)
    {
      rate = rate_in_force (s->rates, currency, date);
      if (rate == NULL)
        {
          a->missing++;
          return;
        }
    }

  if (a->buckets == NULL)
    a->buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  for (guint i = 0; i < a->buckets->len; i++)
    {
      Bucket *b = &g_array_index (a->buckets, Bucket, i);

      if (b->rate == rate)
        {
          b->sum += amount;
          b->n++;
          return;
        }
    }

  bucket.rate = rate;
  bucket.sum = amount;
  bucket.n = 1;
  g_array_append_val (a->buckets, bucket);
}

typedef struct
{
  DeskBudgetRow *row;
  gint64 rowid;      /* the summary lists lines in the table's order */
  char *label;       /* how messages name it: read when one does */
  char *activity;
  char *category;
  char *currency;
  gint64 quantity, unit_cost;
  gboolean revised;
  gint64 r_quantity, r_unit_cost;
  char *revised_on;
  Amounts expenses;
} Line;

static void
line_free (Line *line)
{
  g_free (line->label);
  g_free (line->activity);
  g_free (line->category);
  g_free (line->currency);
  g_free (line->revised_on);
  amounts_clear (&line->expenses);
  g_free (line);
}

/* How messages name @line: its description in the UI language, read only when a message
 * needs it (descriptions are long, and summing reads thousands of lines). */
static const char *
label_of (Summing *s,
          Line    *line)
{
  sqlite3_stmt *stmt;

  if (line->label != NULL)
    return line->label;

  stmt = _desk_store_prepare (s->store,
                              "SELECT description_en, description_zh FROM budget_lines WHERE uuid = ?1",
                              NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, line->row->key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *en = (const char *) sqlite3_column_text (stmt, 0);
          const char *zh = (const char *) sqlite3_column_text (stmt, 1);
          const char *first = desk_locale_is_chinese () ? zh : en;
          const char *second = desk_locale_is_chinese () ? en : zh;

          line->label = g_strdup (_desk_budget_line_label (first != NULL && first[0] != '\0' ? first : second,
                                              line->row->key));
        }
      sqlite3_reset (stmt);
    }
  if (line->label == NULL)
    line->label = g_strdup (line->row->key);

  return line->label;
}

/* Says once per line (or once for the funding, when @line is NULL) that its amounts add
 * up to more than Groupdesk can count in @currency. */
static void
sum_too_large (Summing    *s,
               Line       *line,
               const char *currency,
               gboolean   *said)
{
  g_autofree char *limit = NULL;

  if (*said)
    return;
  *said = TRUE;

  limit = limit_text (s, currency);
  if (line != NULL)
    problem (s, _("The expenses of budget line “%s” add up to more than Groupdesk can count "
                  "(over %s). Check the amounts of its expenses."),
             label_of (s, line), limit);
  else
    problem (s, _("The funding received adds up to more than Groupdesk can count (over %s). "
                  "Check the amounts of the funding receipts."),
             limit);
}

/* The total of @a in the reporting currency. A bucket whose sum or conversion is beyond
 * what Groupdesk can count, or that would take the total beyond, is left out, counted in
 * @too_large and named: as the expenses of @line, or as funding when NULL. */
static Wide
amounts_total (Amounts    *a,
               Summing    *s,
               Line       *line,
               guint      *too_large)
{
  Wide total = 0;
  gboolean said = FALSE;

  for (guint i = 0; a->buckets != NULL && i < a->buckets->len; i++)
    {
      Bucket *b = &g_array_index (a->buckets, Bucket, i);
      Wide converted = 0;

      if (!countable (b->sum))
        {
          sum_too_large (s, line, b->rate != NULL ? b->rate->currency : s->summary->currency, &said);
          *too_large += b->n;
          continue;
        }

      if (b->rate != NULL && !rate_usable (s, b->rate))
        {
          *too_large += b->n;
          continue;
        }

      if (!to_reporting (s, b->rate, b->sum, &converted))
        {
          g_autofree char *rate = desk_rate_format (b->rate->mantissa, b->rate->scale);

          if (line != NULL)
            problem (s, _("The expenses in %s of budget line “%s”, converted at the rate of %s "
                          "from %s, come to more than Groupdesk can count. Check that exchange "
                          "rate and the amounts."),
                     b->rate->currency, label_of (s, line), rate, b->rate->valid_from);
          else
            problem (s, _("The funding received in %s, converted at the rate of %s from %s, "
                          "comes to more than Groupdesk can count. Check that exchange rate "
                          "and the amounts."),
                     b->rate->currency, rate, b->rate->valid_from);
          *too_large += b->n;
          continue;
        }

      if (!countable (total + converted))
        {
          sum_too_large (s, line, s->summary->currency, &said);
          *too_large += b->n;
          continue;
        }

      total += converted;
    }

  return total;
}

/* quantity × unit cost of @line (the original when @revised_on is NULL) in the reporting
 * currency, at the rate in force on @date; FALSE when it is left out, and then counted
 * in the line's row as missing or too large. */
static gboolean
line_budget (Summing    *s,
             Line       *line,
             gint64      quantity,
             gint64      unit_cost,
             const char *date,
             const char *revised_on,
             gint64     *out)
{
  Wide total = line_product (quantity, unit_cost);
  Wide converted = 0;
  Rate *rate = NULL;

  if (!countable (total))
    {
      g_ptr_array_add (s->summary->problems,
                       _desk_budget_line_total_problem (label_of (s, line), NULL, revised_on));
      line->row->too_large++;
      return FALSE;
    }

  if (g_strcmp0 (line->currency, s->summary->currency) != 0)
    {
      rate = rate_in_force (s->rates, line->currency, date);
      if (rate == NULL)
        {
          line->row->missing++;
          return FALSE;
        }
      if (!rate_usable (s, rate))
        {
          line->row->too_large++;
          return FALSE;
        }
    }

  if (!to_reporting (s, rate, total, &converted))
    {
      g_autofree char *text = desk_rate_format (rate->mantissa, rate->scale);

      problem (s, _("The budget of line “%s” in %s, converted at the rate of %s from %s, comes to "
                    "more than Groupdesk can count. Check that exchange rate and the line's "
                    "figures."),
               label_of (s, line), line->currency, text, rate->valid_from);
      line->row->too_large++;
      return FALSE;
    }

  *out = (gint64) converted;
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

/* What a summary keeps to follow changes (desk_budget_summary_apply): the workplan's
 * lines with their expenses in buckets, the rates it converted at, and which line each
 * expense and revision it counted belongs to, so that a deleted one is taken off the
 * right line. */
struct _DeskBudgetTally
{
  char *group;
  char *start;
  char *end;
  GHashTable *rates;      /* as load_rates() */
  GHashTable *lines;      /* line UUID → Line */
  GPtrArray *order;       /* Line, in the table's order, as summary->lines */
  GHashTable *expenses;   /* expense UUID → Line */
  GHashTable *revisions;  /* revision UUID → Line */
};

static void
tally_free (DeskBudgetTally *tally)
{
  g_free (tally->group);
  g_free (tally->start);
  g_free (tally->end);
  g_clear_pointer (&tally->rates, g_hash_table_unref);
  g_clear_pointer (&tally->order, g_ptr_array_unref);
  g_clear_pointer (&tally->expenses, g_hash_table_unref);
  g_clear_pointer (&tally->revisions, g_hash_table_unref);
  g_clear_pointer (&tally->lines, g_hash_table_unref);
  g_free (tally);
}

/* The figures of one line from its quantities, revision and expenses: the original
 * converts at the rate in force on the workplan's start, a revision at the one in force
 * on its date. */
static void
line_compute (Summing *s,
              Line    *line)
{
  DeskBudgetRow *row = line->row;

  row->original = row->revised = row->spent = 0;
  row->missing = row->too_large = 0;

  line_budget (s, line, line->quantity, line->unit_cost, s->tally->start, NULL, &row->original);
  /* An unrevised line's revised budget is its original: one amount, counted once. */
  if (!line->revised)
    row->revised = row->original;
  else
    line_budget (s, line, line->r_quantity, line->r_unit_cost, line->revised_on, line->revised_on,
                 &row->revised);

  row->spent = (gint64) amounts_total (&line->expenses, s, line, &row->too_large);
  row->missing += line->expenses.missing;
}

/* The activities, the categories and the total, from the lines in order. */
static void
add_up (Summing *s)
{
  DeskBudgetSummary *summary = s->summary;
  g_autoptr(GHashTable) activity_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *order = s->tally->order;

  g_ptr_array_set_size (summary->activities, 0);
  g_ptr_array_set_size (summary->categories, 0);
  summary->total.original = summary->total.revised = summary->total.spent = 0;
  summary->total.missing = summary->total.too_large = 0;

  for (guint i = 0; i < order->len; i++)
    {
      Line *line = g_ptr_array_index (order, i);
      DeskBudgetRow *by_activity = row_for (summary->activities, activity_index, line->activity);
      DeskBudgetRow *by_category = row_for (summary->categories, category_index, line->category);

      /* A line that would take a total beyond what Groupdesk can count is left out of all
       * three, so that the activities and the categories still add up to the total. */
      if (row_takes (by_activity, line->row) && row_takes (by_category, line->row) &&
          row_takes (&summary->total, line->row))
        {
          row_add (by_activity, line->row);
          row_add (by_category, line->row);
          row_add (&summary->total, line->row);
        }
      else
        {
          DeskBudgetRow *rows[] = { by_activity, by_category, &summary->total };

          problem (s, _("Budget line “%s” is left out of the totals: with it they would come to "
                        "more than Groupdesk can count. Check its figures and its expenses."),
                   label_of (s, line));
          for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
            {
              rows[r]->missing += line->row->missing;
              rows[r]->too_large += line->row->too_large + 1;
            }
        }
    }
}

/* Funding received for this workplan, or undated to one but within its period. */
static gboolean
sum_received (Summing     *s,
              GError     **error)
{
  DeskBudgetSummary *summary = s->summary;
  Amounts received = { NULL, 0 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (s->store,
                              "SELECT currency, date, amount_minor FROM funding_receipts "
                              "WHERE group_uuid = ?2 AND (workplan_uuid = ?1 OR "
                              "(workplan_uuid IS NULL AND date BETWEEN ?3 AND ?4))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, summary->workplan_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->tally->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, s->tally->start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, s->tally->end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    amounts_add (&received, s, (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  if (!step_done (s->store, rc, error))
    {
      amounts_clear (&received);
      return FALSE;
    }

  summary->received_too_large = 0;
  summary->received = (gint64) amounts_total (&received, s, NULL, &summary->received_too_large);
  summary->received_missing = received.missing;
  amounts_clear (&received);

  return TRUE;
}

static Line *
line_new (DeskBudgetSummary *summary,
          const char        *uuid)
{
  Line *line = g_new0 (Line, 1);

  line->row = g_new0 (DeskBudgetRow, 1);
  line->row->key = g_strdup (uuid);
  g_ptr_array_add (summary->lines, line->row);

  return line;
}

static void
line_set_revision (Line       *line,
                   gint64      quantity,
                   gint64      unit_cost,
                   const char *revised_on)
{
  line->revised = TRUE;
  line->r_quantity = quantity;
  line->r_unit_cost = unit_cost;
  g_free (line->revised_on);
  line->revised_on = g_strdup (revised_on);
}

DeskBudgetSummary *
desk_budget_summarise (DeskStore   *store,
                       const char  *workplan_uuid,
                       GError     **error)
{
  g_autoptr(DeskBudgetSummary) summary = g_new0 (DeskBudgetSummary, 1);
  g_autoptr(DeskRecord) workplan = NULL;
  g_autofree char *today = NULL;
  DeskBudgetTally *tally;
  const char *group;
  const char *start;
  const char *end;
  Summing s;
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
  summary->problems = g_ptr_array_new_with_free_func (g_free);
  summary->total.key = g_strdup ("");

  tally = summary->tally = g_new0 (DeskBudgetTally, 1);
  tally->group = g_strdup (group);
  tally->start = g_strdup (start);
  tally->end = g_strdup (end);
  tally->rates = load_rates (store, group);
  tally->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) line_free);
  tally->order = g_ptr_array_new ();
  tally->expenses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tally->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s.store = store;
  s.summary = summary;
  s.rates = tally->rates;
  s.tally = tally;

  /* The workplan's lines. Each query here reads its table once, in storage order, and
   * the sums are made in C: on a coordinator's database that is several times quicker
   * than grouping through the indexes. */
  stmt = _desk_store_prepare (store,
                              "SELECT uuid, COALESCE (activity_uuid, ''), category, currency, "
                              "quantity_milli, unit_cost_minor, rowid FROM budget_lines "
                              "WHERE workplan_uuid = ?1 ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workplan_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = line_new (summary, (const char *) sqlite3_column_text (stmt, 0));

      line->activity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      line->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      line->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      line->quantity = sqlite3_column_int64 (stmt, 4);
      line->unit_cost = sqlite3_column_int64 (stmt, 5);
      line->rowid = sqlite3_column_int64 (stmt, 6);
      g_hash_table_insert (tally->lines, g_strdup (line->row->key), line);
      g_ptr_array_add (tally->order, line);
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  /* The newest revision of each line wins. */
  stmt = _desk_store_prepare (store,
                              "SELECT budget_line_uuid, quantity_milli, unit_cost_minor, revised_on, uuid "
                              "FROM budget_revisions WHERE group_uuid = ?1 ORDER BY revised_on, rowid",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_hash_table_lookup (tally->lines, sqlite3_column_text (stmt, 0));

      if (line == NULL)
        continue;
      line_set_revision (line, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_insert (tally->revisions, g_strdup ((const char *) sqlite3_column_text (stmt, 4)), line);
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  /* Expenses: summed per line, currency and rate in force on their dates, then converted. */
  stmt = _desk_store_prepare (store,
                              "SELECT budget_line_uuid, currency, date, amount_minor, uuid FROM expenses "
                              "NOT INDEXED WHERE group_uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = g_hash_table_lookup (tally->lines, sqlite3_column_text (stmt, 0));

      if (line == NULL)
        continue;
      amounts_add (&line->expenses, &s, (const char *) sqlite3_column_text (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 3));
      g_hash_table_insert (tally->expenses, g_strdup ((const char *) sqlite3_column_text (stmt, 4)), line);
    }
  sqlite3_reset (stmt);
  if (!step_done (store, rc, error))
    return NULL;

  for (guint i = 0; i < tally->order->len; i++)
    line_compute (&s, g_ptr_array_index (tally->order, i));
  add_up (&s);

  if (!sum_received (&s, error))
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

/* Following changes */

/* Reads @line's expenses and latest revision again (through their indexes: a few rows)
 * and computes its figures. */
static gboolean
line_reload (Summing *s,
             Line    *line)
{
  sqlite3_stmt *stmt;
  g_autofree char *revised_on = NULL;
  gint64 quantity = 0;
  gint64 unit_cost = 0;
  int rc;

  amounts_clear (&line->expenses);
  line->expenses.missing = 0;
  stmt = _desk_store_prepare (s->store,
                              "SELECT currency, date, amount_minor, uuid FROM expenses "
                              "WHERE budget_line_uuid = ?1 AND group_uuid = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, line->row->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->tally->group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      amounts_add (&line->expenses, s, (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2));
      g_hash_table_replace (s->tally->expenses, g_strdup ((const char *) sqlite3_column_text (stmt, 3)), line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  line->revised = FALSE;
  if (_desk_budget_latest_revision (s->store, line->row->key, &quantity, &unit_cost, &revised_on))
    line_set_revision (line, quantity, unit_cost, revised_on);

  line_compute (s, line);
  return TRUE;
}

static gboolean
is_line (gpointer key,
         gpointer value,
         gpointer line)
{
  return value == line;
}

static void
line_remove (Summing *s,
             Line    *line)
{
  DeskBudgetTally *tally = s->tally;
  g_autofree char *uuid = g_strdup (line->row->key);

  g_hash_table_foreach_remove (tally->expenses, is_line, line);
  g_hash_table_foreach_remove (tally->revisions, is_line, line);
  g_ptr_array_remove (tally->order, line);
  /* The row is the summary's: it goes with the summary's list of lines. */
  g_ptr_array_remove (s->summary->lines, line->row);
  line->row = NULL;
  g_hash_table_remove (tally->lines, uuid);
}

static gint64
line_rowid (DeskStore  *store,
            const char *uuid)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT rowid FROM budget_lines WHERE uuid = ?1", NULL);
  gint64 rowid = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rowid;
}

static void
line_take_fields (Line       *line,
                  DeskRecord *record)
{
  const char *activity = desk_record_get_string (record, "activity_uuid");

  g_free (line->activity);
  g_free (line->category);
  g_free (line->currency);
  g_clear_pointer (&line->label, g_free);
  line->activity = g_strdup (activity != NULL ? activity : "");
  line->category = g_strdup (desk_record_get_string (record, "category"));
  line->currency = g_strdup (desk_record_get_string (record, "currency"));
  line->quantity = desk_record_get_int (record, "quantity_milli");
  line->unit_cost = desk_record_get_int (record, "unit_cost_minor");
}

/* The record @uuid of @kind as it is now, if it is of the summary's group. */
static DeskRecord *
get_in_group (Summing        *s,
              const DeskKind *kind,
              const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (s->store, kind, uuid, NULL);

  if (record == NULL || g_strcmp0 (desk_record_get_group (record), s->tally->group) != 0)
    return NULL;

  return g_steal_pointer (&record);
}

static gboolean
apply_line (Summing    *s,
            const char *uuid)
{
  g_autoptr(DeskRecord) record = get_in_group (s, DESK_KIND_BUDGET_LINE, uuid);
  Line *line = g_hash_table_lookup (s->tally->lines, uuid);
  gboolean ours = record != NULL &&
                  g_strcmp0 (desk_record_get_string (record, "workplan_uuid"), s->summary->workplan_uuid) == 0;

  if (line != NULL && !ours)
    {
      /* Deleted (its expenses and revisions went with it) or moved to another workplan. */
      line_remove (s, line);
      return TRUE;
    }

  if (line != NULL)
    {
      line_take_fields (line, record);
      line_compute (s, line);
      return TRUE;
    }

  if (!ours)
    return TRUE;

  /* A new line comes last in the table's order; one moved here from another workplan
   * would have to go in its place among the others: the caller sums again. */
  {
    gint64 rowid = line_rowid (s->store, uuid);
    Line *last = s->tally->order->len > 0 ?
                 g_ptr_array_index (s->tally->order, s->tally->order->len - 1) : NULL;

    if (rowid < 0 || (last != NULL && rowid < last->rowid))
      return FALSE;

    line = line_new (s->summary, uuid);
    line->rowid = rowid;
    line_take_fields (line, record);
    g_hash_table_insert (s->tally->lines, g_strdup (uuid), line);
    g_ptr_array_add (s->tally->order, line);
  }

  return line_reload (s, line);
}

/* An expense or a revision: the line it was counted on, and the one it is on now, are
 * read again. */
static gboolean
apply_line_part (Summing        *s,
                 const DeskKind *kind,
                 GHashTable     *counted,
                 const char     *uuid)
{
  g_autoptr(DeskRecord) record = get_in_group (s, kind, uuid);
  Line *before = g_hash_table_lookup (counted, uuid);
  Line *now = record != NULL ?
              g_hash_table_lookup (s->tally->lines, desk_record_get_string (record, "budget_line_uuid")) : NULL;

  g_hash_table_remove (counted, uuid);
  if (now != NULL && kind == DESK_KIND_BUDGET_REVISION)
    g_hash_table_insert (counted, g_strdup (uuid), now);

  if (before != NULL && !line_reload (s, before))
    return FALSE;
  if (now != NULL && now != before && !line_reload (s, now))
    return FALSE;

  return TRUE;
}

gboolean
desk_budget_summary_apply (DeskBudgetSummary *summary,
                           DeskStore         *store,
                           const char        *kind,
                           const char        *uuid)
{
  DeskBudgetTally *tally;
  Summing s;
  gboolean lines_changed = FALSE;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL && uuid != NULL, FALSE);

  tally = summary->tally;
  /* Figures left out as too large depend on the order they were met in: only a whole
   * summary says which. */
  if (tally == NULL || summary->problems->len > 0)
    return FALSE;

  s.store = store;
  s.summary = summary;
  s.rates = tally->rates;
  s.tally = tally;

  if (g_str_equal (kind, "expense"))
    {
      if (!apply_line_part (&s, DESK_KIND_EXPENSE, tally->expenses, uuid))
        return FALSE;
      lines_changed = TRUE;
    }
  else if (g_str_equal (kind, "budget_revision"))
    {
      if (!apply_line_part (&s, DESK_KIND_BUDGET_REVISION, tally->revisions, uuid))
        return FALSE;
      lines_changed = TRUE;
    }
  else if (g_str_equal (kind, "budget_line"))
    {
      if (!apply_line (&s, uuid))
        return FALSE;
      lines_changed = TRUE;
    }
  else if (g_str_equal (kind, "funding"))
    {
      if (!sum_received (&s, NULL))
        return FALSE;
    }
  else if (g_str_equal (kind, "rate") || g_str_equal (kind, "group"))
    /* Every conversion may change, and a group's currency is the reporting one. */
    return FALSE;
  else if (g_str_equal (kind, "workplan") || g_str_equal (kind, "activity"))
    {
      g_autoptr(DeskRecord) record = desk_store_get (store, g_str_equal (kind, "workplan") ?
                                                     DESK_KIND_WORKPLAN : DESK_KIND_ACTIVITY,
                                                     uuid, NULL);

      /* A deleted workplan leaves its receipts undated, which may bring them into this
       * one's period; a deleted activity takes its lines with it, unannounced; this
       * workplan's own period sets the rates and the funding counted. */
      if (record == NULL || g_strcmp0 (uuid, summary->workplan_uuid) == 0)
        return FALSE;
    }

  if (lines_changed)
    add_up (&s);

  return summary->problems->len == 0;
}
