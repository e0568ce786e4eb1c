/* desk-secretariat-figures-money.c — budget, received and spent of every group in the
 * secretariat's one currency
 *
 * Two steps, each by the rules of desk-budget.h and HACKING.md's "Money":
 *  1. into the group's reporting currency R, as the group's own Budget page does: a
 *     line's revised budget at the rate in force on its revision's date (the original's
 *     on its workplan's start), expenses summed per line, currency and rate, funding per
 *     currency and rate, each sum converted once;
 *  2. from R into the secretariat's currency C with the group's own rate of C (one C is
 *     worth mantissa / 10^scale of R, in force on the budget's workplan start, on the
 *     expense's or receipt's date): the amounts in R summed per rate of C, each sum
 *     divided by its rate once. A group reporting in C needs no rate.
 * An amount without a rate in either step is counted in missing_rates and left out;
 * one that cannot be counted (beyond DESK_MONEY_MAX_SUM, or a rate outside the bounds
 * of desk_rate_check) in too_large. All sums are 128-bit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat-figures-private.h"

#include <string.h>

#include "desk-budget.h"
#include "desk-money.h"
#include "desk-money-private.h"
#include "desk-store-private.h"

#define DATE_SIZE 11      /* YYYY-MM-DD and its NUL */
#define CODE_SIZE 4       /* an ISO 4217 code and its NUL */

typedef struct
{
  char valid_from[DATE_SIZE];
  gint64 mantissa;
  int scale;
  int decimals;           /* of the currency it converts */
  gboolean usable;        /* within desk_rate_check's bounds */
} Rate;

/* The money of one kind (budget, received, spent) of one group. */
enum
{
  BUDGET,
  RECEIVED,
  SPENT,
  N_AMOUNTS
};

/* Amounts of one currency at one rate into R (@x, NULL: in R already), to be converted
 * into C at @c (NULL: R is C), summed before they are converted. */
typedef struct
{
  const Rate *x;
  const Rate *c;
  Wide sum;
  guint n;
} Bucket;

/* Amounts in R at one rate of C, summed before they are divided by it. */
typedef struct
{
  const Rate *c;
  Wide sum;
  guint n;
} InR;

typedef struct
{
  _DeskFiguresGroup *group;
  GHashTable *rates;          /* currency → GArray of Rate, oldest first */
  GArray *c_rates;            /* the rates of the set's currency (in @rates), or NULL */
  gboolean in_c;              /* the group reports in the set's currency */
  GArray *in_r[N_AMOUNTS];    /* InR */
  GArray *received;           /* Bucket */
} Money;

typedef struct
{
  Money *money;
  char currency[CODE_SIZE];
  const char *budget_date;    /* its workplan's start when the workplan overlaps the
                               * period (the work's string), else NULL */
  gint64 quantity, unit_cost;
  gboolean revised;
  gint64 r_quantity, r_unit_cost;
  char revised_on[DATE_SIZE];
  GArray *spent;              /* Bucket */
} Line;

/* Every budget line, found by its UUID. */
typedef struct
{
  GPtrArray *lines;        /* Line */
  _DeskUuidIndex index;    /* UUID → position in @lines */
} Lines;

static Line *
line_find (Lines      *lines,
           const char *uuid)
{
  guint i;

  return _desk_uuid_index_get (&lines->index, uuid, &i) ? g_ptr_array_index (lines->lines, i) : NULL;
}

static void
money_free (Money *money)
{
  g_clear_pointer (&money->rates, g_hash_table_unref);
  for (guint k = 0; k < N_AMOUNTS; k++)
    g_clear_pointer (&money->in_r[k], g_array_unref);
  g_clear_pointer (&money->received, g_array_unref);
  g_free (money);
}

static void
line_free (Line *line)
{
  g_clear_pointer (&line->spent, g_array_unref);
  g_free (line);
}

/* The rate of @list in force on @date: the latest valid_from on or before it, as
 * desk_store_rate_on() finds it. */
static const Rate *
rate_on (GArray     *list,
         const char *date)
{
  guint lo = 0, hi;

  if (list == NULL || date == NULL)
    return NULL;

  hi = list->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (strcmp (g_array_index (list, Rate, mid).valid_from, date) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo > 0 ? &g_array_index (list, Rate, lo - 1) : NULL;
}

/* Every group's rates, read once. */
static gboolean
read_rates (_DeskFiguresWork  *work,
            GHashTable        *monies,
            GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT group_uuid, currency, valid_from, rate_mantissa, rate_scale "
                              "FROM exchange_rates ORDER BY group_uuid, currency, valid_from", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = g_hash_table_lookup (work->groups, sqlite3_column_text (stmt, 0));
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      Money *money = group != NULL ? g_hash_table_lookup (monies, group) : NULL;
      GArray *list;
      Rate rate = { { 0 } };

      if (money == NULL)
        continue;
      list = g_hash_table_lookup (money->rates, currency);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Rate));
          g_hash_table_insert (money->rates, g_strdup (currency), list);
        }
      g_strlcpy (rate.valid_from, (const char *) sqlite3_column_text (stmt, 2), DATE_SIZE);
      rate.mantissa = sqlite3_column_int64 (stmt, 3);
      rate.scale = sqlite3_column_int (stmt, 4);
      rate.decimals = _desk_figures_decimals (work, currency);
      rate.usable = rate.decimals >= 0 && desk_rate_check (rate.mantissa, rate.scale, NULL);
      g_array_append_val (list, rate);
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* The rates an amount of @currency dated @date takes into R and then into C: FALSE,
 * counted as missing, when one it needs is not in force. */
static gboolean
rates_for (Money       *money,
           const char  *currency,
           const char  *date,
           const char  *c_date,
           const Rate **x,
           const Rate **c)
{
  *x = NULL;
  *c = NULL;

  if (g_strcmp0 (currency, money->group->reporting) != 0)
    {
      *x = rate_on (g_hash_table_lookup (money->rates, currency), date);
      if (*x == NULL)
        goto missing;
    }
  if (!money->in_c)
    {
      *c = rate_on (money->c_rates, c_date);
      if (*c == NULL)
        goto missing;
    }

  return TRUE;

missing:
  money->group->figures->missing_rates++;
  return FALSE;
}

static void
bucket_add (GArray     **buckets,
            const Rate  *x,
            const Rate  *c,
            Wide         amount)
{
  Bucket bucket = { x, c, amount, 1 };

  if (*buckets == NULL)
    *buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  for (guint i = 0; i < (*buckets)->len; i++)
    {
      Bucket *b = &g_array_index (*buckets, Bucket, i);

      if (b->x == x && b->c == c)
        {
          b->sum += amount;
          b->n++;
          return;
        }
    }
  g_array_append_val (*buckets, bucket);
}

static void
in_r_add (Money      *money,
          guint       kind,
          const Rate *c,
          Wide        amount,
          guint       n)
{
  InR in = { c, amount, n };
  GArray *sums = money->in_r[kind];

  for (guint i = 0; i < sums->len; i++)
    {
      InR *s = &g_array_index (sums, InR, i);

      if (s->c == c)
        {
          s->sum += amount;
          s->n += n;
          return;
        }
    }
  g_array_append_val (sums, in);
}

/* @amount at @x into R (NULL: it is in R); FALSE when it cannot be counted. */
static gboolean
into_reporting (Money      *money,
                const Rate *x,
                Wide        amount,
                Wide       *out)
{
  if (!countable (amount))
    return FALSE;
  if (x == NULL)
    {
      *out = amount;
      return TRUE;
    }

  return x->usable && money->group->decimals >= 0 &&
         convert_wide (amount, x->decimals, money->group->decimals, x->mantissa, x->scale, out) &&
         countable (*out);
}

/* Each bucket converted into R once, then put with the others at its rate of C. */
static void
flush_buckets (Money  *money,
               guint   kind,
               GArray *buckets)
{
  for (guint i = 0; buckets != NULL && i < buckets->len; i++)
    {
      Bucket *b = &g_array_index (buckets, Bucket, i);
      Wide in_reporting = 0;

      if (into_reporting (money, b->x, b->sum, &in_reporting))
        in_r_add (money, kind, b->c, in_reporting, b->n);
      else
        money->group->figures->too_large += b->n;
    }
}

/* @amount in R (decimals @from) divided by @c (one C is mantissa / 10^scale of R) into
 * C (decimals @to), rounded half away from zero: amount × 10^scale × 10^to /
 * (mantissa × 10^from). Within the bounds (a sum ≤ 10^18, scale ≤ 12, decimals ≤ 4)
 * the numerator stays below 10^34. */
static gboolean
into_set_currency (const Rate *c,
                   Wide        amount,
                   int         from,
                   int         to,
                   Wide       *out)
{
  Wide num, den;

  if (!countable (amount) || from < 0 || to < 0)
    return FALSE;
  if (c == NULL)
    {
      *out = amount;
      return TRUE;
    }
  if (!c->usable)
    return FALSE;

  if (__builtin_mul_overflow (amount, power_of_ten (c->scale + to), &num) ||
      __builtin_mul_overflow ((Wide) c->mantissa, power_of_ten (from), &den))
    return FALSE;
  *out = round_div (num, den);

  return countable (*out);
}

/* The group's three figures in C, each sum of R divided once by its rate. */
static void
finish (Money *money,
        int    set_decimals)
{
  DeskGroupFigures *figures = money->group->figures;
  gint64 *out[N_AMOUNTS] = { &figures->budget, &figures->received, &figures->spent };

  for (guint k = 0; k < N_AMOUNTS; k++)
    {
      Wide total = 0;

      for (guint i = 0; i < money->in_r[k]->len; i++)
        {
          InR *s = &g_array_index (money->in_r[k], InR, i);
          Wide converted = 0;

          if (!into_set_currency (s->c, s->sum, money->group->decimals, set_decimals, &converted) ||
              !countable (total + converted))
            {
              figures->too_large += s->n;
              continue;
            }
          total += converted;
        }
      *out[k] = (gint64) total;
    }
}

/* Budget lines (every line: expenses may be dated in the period on a line of a workplan
 * that is not) and the newest revision of each. */
static gboolean
read_lines (_DeskFiguresWork  *work,
            GHashTable        *monies,
            Lines             *lines,
            GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT uuid, group_uuid, workplan_uuid, currency, quantity_milli, unit_cost_minor "
                              "FROM budget_lines", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = g_hash_table_lookup (work->groups, sqlite3_column_text (stmt, 1));
      Line *line;

      if (group == NULL)
        continue;
      line = g_new0 (Line, 1);
      line->money = g_hash_table_lookup (monies, group);
      line->budget_date = g_hash_table_lookup (work->workplans, sqlite3_column_text (stmt, 2));
      g_strlcpy (line->currency, (const char *) sqlite3_column_text (stmt, 3), CODE_SIZE);
      line->quantity = sqlite3_column_int64 (stmt, 4);
      line->unit_cost = sqlite3_column_int64 (stmt, 5);
      _desk_uuid_index_put (&lines->index, (const char *) sqlite3_column_text (stmt, 0), lines->lines->len);
      g_ptr_array_add (lines->lines, line);
    }
  sqlite3_reset (stmt);
  if (!_desk_figures_step_done (work->store, rc, error))
    return FALSE;

  /* Oldest first: the newest revision of each line is the one kept. */
  stmt = _desk_store_prepare (work->store,
                              "SELECT budget_line_uuid, quantity_milli, unit_cost_minor, revised_on "
                              "FROM budget_revisions ORDER BY revised_on, rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = line_find (lines, (const char *) sqlite3_column_text (stmt, 0));

      if (line == NULL)
        continue;
      line->revised = TRUE;
      line->r_quantity = sqlite3_column_int64 (stmt, 1);
      line->r_unit_cost = sqlite3_column_int64 (stmt, 2);
      g_strlcpy (line->revised_on, (const char *) sqlite3_column_text (stmt, 3), DATE_SIZE);
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

/* The revised budget of each line of a workplan that overlaps the period: quantity ×
 * unit cost, into R at the rate in force on the revision's date (the original's: on the
 * workplan's start), each line on its own as desk_budget_summarise() converts it; then
 * into C at the rate in force on the workplan's start. */
static void
count_budget (Line *line)
{
  const char *date;
  const Rate *x, *c;
  Wide total, in_reporting = 0;

  if (line->budget_date == NULL || line->money == NULL)
    return;

  date = line->revised ? line->revised_on : line->budget_date;
  total = line->revised ? line_product (line->r_quantity, line->r_unit_cost)
                        : line_product (line->quantity, line->unit_cost);
  if (!rates_for (line->money, line->currency, date, line->budget_date, &x, &c))
    return;
  if (!into_reporting (line->money, x, total, &in_reporting))
    {
      line->money->group->figures->too_large++;
      return;
    }
  in_r_add (line->money, BUDGET, c, in_reporting, 1);
}

static gboolean
read_expenses (_DeskFiguresWork  *work,
               Lines             *lines,
               GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT budget_line_uuid, currency, date, amount_minor FROM expenses NOT INDEXED "
                              "WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, set->to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Line *line = line_find (lines, (const char *) sqlite3_column_text (stmt, 0));
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      const Rate *x, *c;

      if (line == NULL || line->money == NULL)
        continue;
      if (rates_for (line->money, (const char *) sqlite3_column_text (stmt, 1), date, date, &x, &c))
        bucket_add (&line->spent, x, c, sqlite3_column_int64 (stmt, 3));
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

static gboolean
read_received (_DeskFiguresWork  *work,
               GHashTable        *monies,
               GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (work->store,
                              "SELECT group_uuid, currency, date, amount_minor FROM funding_receipts "
                              "WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, set->to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _DeskFiguresGroup *group = g_hash_table_lookup (work->groups, sqlite3_column_text (stmt, 0));
      Money *money = group != NULL ? g_hash_table_lookup (monies, group) : NULL;
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      const Rate *x, *c;

      if (money != NULL &&
          rates_for (money, (const char *) sqlite3_column_text (stmt, 1), date, date, &x, &c))
        bucket_add (&money->received, x, c, sqlite3_column_int64 (stmt, 3));
    }
  sqlite3_reset (stmt);

  return _desk_figures_step_done (work->store, rc, error);
}

gboolean
_desk_figures_money (_DeskFiguresWork  *work,
                     GError           **error)
{
  DeskGroupFiguresSet *set = work->set;
  g_autoptr(GHashTable) monies = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) money_free);
  Lines lines = { g_ptr_array_new_with_free_func ((GDestroyNotify) line_free), { 0 } };
  GHashTableIter iter;
  gpointer value;
  gboolean ok;

  g_hash_table_iter_init (&iter, work->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Money *money = g_new0 (Money, 1);

      money->group = value;
      money->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      money->in_c = g_strcmp0 (money->group->reporting, set->currency) == 0;
      for (guint k = 0; k < N_AMOUNTS; k++)
        money->in_r[k] = g_array_new (FALSE, FALSE, sizeof (InR));
      g_hash_table_insert (monies, value, money);
    }

  if (!read_rates (work, monies, error))
    {
      g_ptr_array_unref (lines.lines);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, monies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Money *money = value;

      money->c_rates = g_hash_table_lookup (money->rates, set->currency);
    }

  _desk_uuid_index_init (&lines.index);
  ok = read_lines (work, monies, &lines, error) && read_expenses (work, &lines, error) &&
       read_received (work, monies, error);
  _desk_uuid_index_clear (&lines.index);
  if (!ok)
    {
      g_ptr_array_unref (lines.lines);
      return FALSE;
    }

  for (guint i = 0; i < lines.lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines.lines, i);

      if (line->money == NULL)
        continue;
      count_budget (line);
      flush_buckets (line->money, SPENT, line->spent);
    }
  g_ptr_array_unref (lines.lines);

  g_hash_table_iter_init (&iter, monies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Money *money = value;

      flush_buckets (money, RECEIVED, money->received);
      finish (money, set->decimals);
    }

  return TRUE;
}
