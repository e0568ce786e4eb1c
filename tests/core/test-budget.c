/* test-budget.c — exact money arithmetic, rates in force, budget against actual, CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-report.h"

/* An independent computation: Python's exact fractions, rounding half away from zero. */
static const char *const python_check =
  "import sys\n"
  "from fractions import Fraction\n"
  "def rnd(f):\n"
  "    n, d = f.numerator, f.denominator\n"
  "    q, r = divmod(abs(n), d)\n"
  "    if 2 * r >= d: q += 1\n"
  "    return q if n >= 0 else -q\n"
  "bad = 0\n"
  "for line in open(sys.argv[1]):\n"
  "    p = line.split()\n"
  "    if p[0] == 'mul':\n"
  "        want = rnd(Fraction(int(p[1]) * int(p[2]), 1000))\n"
  "    else:\n"
  "        a, fd, td, m, s = map(int, p[1:6])\n"
  "        want = rnd(Fraction(a) * Fraction(m, 10 ** s) * Fraction(10 ** td, 10 ** fd))\n"
  "    got = p[-1]\n"
  "    # X: Groupdesk refused the result as beyond int64 (or INT64_MIN); it must really be.\n"
  "    ok = abs(want) > 2 ** 63 - 1 if got == 'X' else (abs(want) <= 2 ** 63 - 1 and want == int(got))\n"
  "    overflows = globals().setdefault('overflows', [0])\n"
  "    overflows[0] += got == 'X'\n"
  "    if not ok:\n"
  "        bad += 1\n"
  "        print('mismatch', line.strip(), 'want', want)\n"
  "print('checked', 'overflows', overflows[0])\n"
  "sys.exit(1 if bad else 0)\n";

static void
run_python (const char  *script,
            const char  *arg,
            char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "python3", "-c", script, arg, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 check failed:\n%s\n%s", out != NULL && *out != NULL ? *out : "", err);
}

static void
test_multiply_rule (void)
{
  g_autoptr(GError) error = NULL;
  gint64 out = 0;

  /* 2.5 days at 3.33: 8.325 → 8.33 (half away from zero). */
  g_assert_true (desk_money_multiply (2500, 333, &out, &error));
  g_assert_cmpint (out, ==, 833);
  g_assert_true (desk_money_multiply (1500, 1, &out, &error));
  g_assert_cmpint (out, ==, 2);
  g_assert_true (desk_money_multiply (1499, 1, &out, &error));
  g_assert_cmpint (out, ==, 1);
  g_assert_true (desk_money_multiply (-1500, 1, &out, &error));
  g_assert_cmpint (out, ==, -2);
  g_assert_true (desk_money_multiply (0, G_MAXINT64, &out, &error));
  g_assert_cmpint (out, ==, 0);

  /* Beyond int64: refused with a message, never wrapped. */
  g_assert_false (desk_money_multiply (G_MAXINT64, 2000, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_arithmetic_against_fractions (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GString) cases = g_string_new (NULL);
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cases.txt", NULL);
  g_autofree char *out = NULL;

  for (guint i = 0; i < 4000; i++)
    {
      gint64 q = g_rand_int_range (rand, 0, 2000000);
      gint64 c = (gint64) g_rand_int_range (rand, 0, G_MAXINT32) * g_rand_int_range (rand, 1, 1000);
      gint64 r = 0;

      g_assert_true (desk_money_multiply (q, c, &r, NULL));
      g_string_append_printf (cases, "mul %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", q, c, r);
    }

  for (guint i = 0; i < 4000; i++)
    {
      gint64 amount = (gint64) g_rand_int_range (rand, -100000000, 100000000) * g_rand_int_range (rand, 1, 1000);
      int from = g_rand_int_range (rand, 0, 4);
      int to = g_rand_int_range (rand, 0, 4);
      gint64 mantissa = g_rand_int_range (rand, 1, G_MAXINT32);
      int scale = g_rand_int_range (rand, 0, 13);
      gint64 r = 0;
      g_autofree char *result = NULL;

      /* Some of these are beyond int64 on purpose: the refusal is checked too. */
      if (desk_money_convert (amount, from, to, mantissa, scale, &r, NULL))
        result = g_strdup_printf ("%" G_GINT64_FORMAT, r);
      else
        result = g_strdup ("X");
      g_string_append_printf (cases, "conv %" G_GINT64_FORMAT " %d %d %" G_GINT64_FORMAT " %d %s\n",
                              amount, from, to, mantissa, scale, result);
    }

  /* The edges: amounts up to the int64 limits (INT64_MIN too) at rates up to the largest
   * mantissa, where only 128 bits hold the product and the refusal must be exact. */
  for (guint i = 0; i < 1000; i++)
    {
      static const gint64 edges[] = { G_MAXINT64, G_MININT64, G_MAXINT64 - 1, -G_MAXINT64,
                                      DESK_MONEY_MAX_SUM, -DESK_MONEY_MAX_SUM,
                                      DESK_MONEY_MAX_AMOUNT, 1, -1 };
      gint64 amount = edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];
      int from = g_rand_int_range (rand, 0, 5);
      int to = g_rand_int_range (rand, 0, 5);
      gint64 mantissa = g_rand_boolean (rand) ? DESK_RATE_MAX_MANTISSA - g_rand_int_range (rand, 0, 1000)
                                              : g_rand_int_range (rand, 1, 1000);
      int scale = g_rand_int_range (rand, 0, 19);
      gint64 r = 0;
      g_autofree char *result = NULL;

      if (desk_money_convert (amount, from, to, mantissa, scale, &r, NULL))
        result = g_strdup_printf ("%" G_GINT64_FORMAT, r);
      else
        result = g_strdup ("X");
      g_string_append_printf (cases, "conv %" G_GINT64_FORMAT " %d %d %" G_GINT64_FORMAT " %d %s\n",
                              amount, from, to, mantissa, scale, result);
    }
  for (guint i = 0; i < 200; i++)
    {
      static const gint64 edges[] = { G_MAXINT64, G_MININT64, 1000, 999, 1, -1, 0,
                                      DESK_MILLI_MAX, DESK_MONEY_MAX_AMOUNT };
      gint64 q = edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];
      gint64 c = edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];
      gint64 r = 0;
      g_autofree char *result = desk_money_multiply (q, c, &r, NULL)
                                ? g_strdup_printf ("%" G_GINT64_FORMAT, r) : g_strdup ("X");

      g_string_append_printf (cases, "mul %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", q, c,
                              result);
    }

  test_write_file (path, cases->str, cases->len);
  run_python (python_check, path, &out);
  g_assert_nonnull (strstr (out, "checked"));
  g_test_message ("%s", out);
  test_rm_rf (dir);
}

static void
test_rate_parse (void)
{
  g_autoptr(GError) error = NULL;
  gint64 m = 0;
  int s = 0;
  g_autofree char *text = NULL;

  g_assert_true (desk_rate_parse ("15.50", &m, &s, &error));
  g_assert_cmpint (m, ==, 155);
  g_assert_cmpint (s, ==, 1);
  text = desk_rate_format (m, s);
  g_assert_cmpstr (text, ==, "15.5");
  g_clear_pointer (&text, g_free);

  g_assert_true (desk_rate_parse ("0.0000625", &m, &s, &error));
  g_assert_cmpint (m, ==, 625);
  g_assert_cmpint (s, ==, 7);
  text = desk_rate_format (m, s);
  g_assert_cmpstr (text, ==, "0.0000625");

  g_assert_false (desk_rate_parse ("0", &m, &s, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_rate_parse ("fifteen", &m, &s, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_rate_parse ("-3", &m, &s, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

typedef struct
{
  DeskStore *store;
  char *group;
  char *workplan;
  char *activity;
} World;

static void
world_clear (World *w)
{
  g_clear_object (&w->store);
  g_free (w->group);
  g_free (w->workplan);
  g_free (w->activity);
}

static DeskRecord *
add (World          *w,
     const DeskKind *kind,
     ...)
{
  g_autoptr(DeskRecord) record = desk_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  desk_record_set_group (record, w->group);
  va_start (args, kind);
  while ((name = va_arg (args, const char *)) != NULL)
    test_set_field (record, name, va_arg (args, const char *));
  va_end (args);

  g_assert_true (desk_store_insert (w->store, record, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

/* A GHS group, one workplan for 2026 with one activity, and USD rates from 1 March
 * (15.00) and 1 July (14.50). */
static void
world_init_at (World      *w,
               const char *path)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskRecord) wp = NULL;
  g_autoptr(DeskRecord) a = NULL;
  g_autoptr(DeskRecord) r1 = NULL;
  g_autoptr(DeskRecord) r2 = NULL;

  if (path == NULL)
    w->store = test_open_memory ("2026-07-02T10:00:00Z");
  else
    {
      g_autoptr(GError) error = NULL;

      w->store = desk_store_open (path, &error);
      g_assert_no_error (error);
      test_set_now (w->store, "2026-07-02T10:00:00Z");
    }
  group = add (w, DESK_KIND_GROUP, "name_en", "Test group", "country", "GH", "currency", "GHS", NULL);
  w->group = g_strdup (desk_record_get_uuid (group));
  wp = add (w, DESK_KIND_WORKPLAN, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  w->workplan = g_strdup (desk_record_get_uuid (wp));
  a = add (w, DESK_KIND_ACTIVITY, "workplan_uuid", w->workplan, "code", "A1", "title_en", "Dialogue",
           "kind", "dialogue", "status", "planned", NULL);
  w->activity = g_strdup (desk_record_get_uuid (a));
  r1 = add (w, DESK_KIND_RATE, "currency", "USD", "valid_from", "2026-03-01",
            "rate_mantissa", "1500", "rate_scale", "2", NULL);
  r2 = add (w, DESK_KIND_RATE, "currency", "USD", "valid_from", "2026-07-01",
            "rate_mantissa", "145", "rate_scale", "1", NULL);
}

static void
world_init (World *w)
{
  world_init_at (w, NULL);
}

static void
test_rates_in_force (void)
{
  World w = { 0 };
  gint64 m = 0;
  int s = 0;

  world_init (&w);

  /* Before the first rate: missing, not zero and not guessed. */
  g_assert_false (desk_store_rate_on (w.store, w.group, "USD", "2026-02-28", &m, &s));
  g_assert_true (desk_store_rate_on (w.store, w.group, "USD", "2026-03-01", &m, &s));
  g_assert_cmpint (m, ==, 1500);
  g_assert_true (desk_store_rate_on (w.store, w.group, "USD", "2026-06-30", &m, &s));
  g_assert_cmpint (m, ==, 1500);
  g_assert_true (desk_store_rate_on (w.store, w.group, "USD", "2026-07-01", &m, &s));
  g_assert_cmpint (m, ==, 145);
  g_assert_cmpint (s, ==, 1);
  g_assert_true (desk_store_rate_on (w.store, w.group, "USD", "2030-01-01", &m, &s));
  g_assert_cmpint (m, ==, 145);
  /* The reporting currency converts at 1; a currency without any rate is missing. */
  g_assert_true (desk_store_rate_on (w.store, w.group, "GHS", "2020-01-01", &m, &s));
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (s, ==, 0);
  g_assert_false (desk_store_rate_on (w.store, w.group, "EUR", "2026-07-01", &m, &s));

  world_clear (&w);
}

static void
test_summary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) flight = NULL;
  g_autoptr(DeskRecord) coordination = NULL;
  g_autoptr(DeskRecord) e = NULL;
  World w = { 0 };
  const DeskBudgetRow *activity_row = NULL;
  int permille = 0;

  world_init (&w);

  /* 2.5 days × GHS 1,000.00 = GHS 2,500.00. */
  venue = add (&w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w.workplan, "activity_uuid", w.activity,
               "category", "venue", "description_en", "Hall", "quantity_milli", "2500", "unit", "day",
               "unit_cost_minor", "100000", "currency", "GHS", NULL);
  /* USD 400.00 at the rate in force on 1 January: none yet, so its budget is missing. */
  flight = add (&w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w.workplan, "activity_uuid", w.activity,
                "category", "travel", "description_en", "Flight", "quantity_milli", "1000", "unit", "trip",
                "unit_cost_minor", "40000", "currency", "USD", NULL);
  coordination = add (&w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w.workplan,
                      "category", "coordination", "description_en", "Coordinator", "quantity_milli", "6000",
                      "unit", "month", "unit_cost_minor", "50000", "currency", "GHS", NULL);

  /* Revised on 2 April: 3 days; USD revised to 1 × 500.00 on 2 April at 15.00. */
  g_assert_true (desk_budget_line_revise (w.store, desk_record_get_uuid (venue), 3000, 100000,
                                          "2026-04-02", "A third day", &error));
  g_assert_true (desk_budget_line_revise (w.store, desk_record_get_uuid (flight), 1000, 50000,
                                          "2026-04-02", "Fares rose", &error));
  g_assert_no_error (error);

  e = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (venue), "date", "2026-05-01",
           "amount_minor", "310000", "currency", "GHS", "payee", "Hotel", NULL);
  g_clear_object (&e);
  /* USD 300.00 on 10 June at 15.00 and USD 100.00 on 10 July at 14.50. */
  e = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (flight), "date", "2026-06-10",
           "amount_minor", "30000", "currency", "USD", NULL);
  g_clear_object (&e);
  e = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (flight), "date", "2026-07-10",
           "amount_minor", "10000", "currency", "USD", NULL);
  g_clear_object (&e);
  /* USD 50.00 on 1 February: no rate in force, so it is counted as missing. */
  e = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (flight), "date", "2026-02-01",
           "amount_minor", "5000", "currency", "USD", NULL);
  g_clear_object (&e);
  /* A refund of GHS 100.00. */
  e = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (venue), "date", "2026-05-03",
           "amount_minor", "-10000", "currency", "GHS", "is_refund", "1", NULL);
  g_clear_object (&e);
  e = add (&w, DESK_KIND_FUNDING, "workplan_uuid", w.workplan, "date", "2026-03-05", "source", "vpa_fund",
           "amount_minor", "100000", "currency", "USD", NULL);
  g_clear_object (&e);

  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->currency, ==, "GHS");
  g_assert_cmpint (summary->decimals, ==, 2);
  g_assert_cmpuint (summary->lines->len, ==, 3);

  /* Original: 2,500.00 + (flight missing) + 3,000.00; revised: 3,000.00 + 7,500.00 + 3,000.00. */
  g_assert_cmpint (summary->total.original, ==, 250000 + 300000);
  g_assert_cmpint (summary->total.revised, ==, 300000 + 750000 + 300000);
  /* Spent: 3,100.00 − 100.00 + 300 × 15.00 + 100 × 14.50 = 3,000.00 + 4,500.00 + 1,450.00. */
  g_assert_cmpint (summary->total.spent, ==, 300000 + 450000 + 145000);
  /* Missing: the flight's original budget, and the February expense. */
  g_assert_cmpuint (summary->total.missing, ==, 2);
  g_assert_cmpint (summary->received, ==, 1500000);

  for (guint i = 0; i < summary->activities->len; i++)
    {
      const DeskBudgetRow *row = g_ptr_array_index (summary->activities, i);
      if (g_strcmp0 (row->key, w.activity) == 0)
        activity_row = row;
    }
  g_assert_nonnull (activity_row);
  g_assert_cmpint (activity_row->revised, ==, 1050000);
  g_assert_cmpint (activity_row->spent, ==, 895000);
  g_assert_cmpint (desk_budget_row_variance (activity_row, DESK_BUDGET_REVISED), ==, 155000);
  g_assert_true (desk_budget_row_variance_permille (activity_row, DESK_BUDGET_REVISED, &permille));
  g_assert_cmpint (permille, ==, 148);  /* 1,550 / 10,500 = 14.76 % */
  g_assert_true (desk_budget_row_burn_permille (activity_row, DESK_BUDGET_REVISED, &permille));
  g_assert_cmpint (permille, ==, 852);
  g_assert_false (desk_budget_row_is_over (activity_row, DESK_BUDGET_REVISED));
  /* Against the original budget (2,500.00, the flight missing) the activity is over. */
  g_assert_true (desk_budget_row_is_over (activity_row, DESK_BUDGET_ORIGINAL));

  /* On 2 July, 183 of 365 days have gone. */
  g_assert_cmpint (summary->elapsed_permille, ==, 501);

  world_clear (&w);
}

/* The one table: activities by code (A2 before A10), the group's own costs last, lines
 * by category label then description, each activity closed by its subtotal; then the
 * categories, then the total. And the amounts without a rate, named by currency. */
static void
test_table_and_gaps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(DeskRecord) a2 = NULL;
  g_autoptr(DeskRecord) a10 = NULL;
  g_autoptr(DeskRecord) eur = NULL;
  g_autoptr(DeskRecord) r = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  const DeskBudgetGap *gap;
  g_autofree char *text = NULL;
  World w = { 0 };

  world_init (&w);
  a10 = add (&w, DESK_KIND_ACTIVITY, "workplan_uuid", w.workplan, "code", "A10", "title_en", "Ten",
             "kind", "dialogue", "status", "planned", NULL);
  a2 = add (&w, DESK_KIND_ACTIVITY, "workplan_uuid", w.workplan, "code", "A2", "title_en", "Two",
            "kind", "dialogue", "status", "planned", NULL);
#define LINE(act, cat, desc, cost, cur) \
  g_clear_object (&r); \
  r = add (&w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w.workplan, "activity_uuid", act, "category", cat, \
           "description_en", desc, "quantity_milli", "2000", "unit", "day", "unit_cost_minor", cost, \
           "currency", cur, NULL)
  LINE (desk_record_get_uuid (a10), "venue", "Hall B", "1000", "GHS");
  LINE (w.activity, "venue", "Hall A", "2000", "GHS");
  LINE (w.activity, "travel", "Taxi", "3000", "GHS");
  LINE (desk_record_get_uuid (a2), "travel", "Bus", "4000", "GHS");
#undef LINE
  /* The group's own costs, in euros, which have no rate: EUR 200.00 of budget. */
  eur = add (&w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w.workplan, "category", "coordination",
             "description_en", "Office", "quantity_milli", "2000", "unit", "month",
             "unit_cost_minor", "10000", "currency", "EUR", NULL);
  g_clear_object (&r);
  r = add (&w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (eur), "date", "2026-05-01",
           "amount_minor", "5000", "currency", "EUR", NULL);

  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_no_error (error);
  table = desk_budget_table (w.store, summary, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < table->len; i++)
    {
      const DeskBudgetTableRow *t = g_ptr_array_index (table, i);

      g_string_append_printf (order, "%s:%s|", desk_budget_level_key (t->level),
                              t->level == DESK_BUDGET_LEVEL_LINE ? t->description :
                              t->level == DESK_BUDGET_LEVEL_ACTIVITY ? t->activity :
                              t->level == DESK_BUDGET_LEVEL_CATEGORY ? t->category : "");
    }
  g_assert_cmpstr (order->str, ==,
                   "line:Taxi|line:Hall A|activity:A1 Dialogue|"
                   "line:Bus|activity:A2 Two|"
                   "line:Hall B|activity:A10 Ten|"
                   "line:Office|activity:Group coordination|"
                   "category:coordination|category:travel|category:venue|total:|");
  /* The total is the summary's; the euro line leaves it incomplete, the others not. */
  g_assert_true (((DeskBudgetTableRow *) g_ptr_array_index (table, table->len - 1))->row == &summary->total);
  g_assert_true (desk_budget_table_row_incomplete (g_ptr_array_index (table, table->len - 1)));
  g_assert_false (desk_budget_table_row_incomplete (g_ptr_array_index (table, 0)));

  gaps = desk_budget_rate_gaps (w.store, summary, DESK_BUDGET_REVISED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 1);
  gap = g_ptr_array_index (gaps, 0);
  g_assert_cmpstr (gap->currency, ==, "EUR");
  g_assert_cmpuint (gap->n[DESK_BUDGET_GAP_BUDGET], ==, 1);
  g_assert_cmpint (gap->sum[DESK_BUDGET_GAP_BUDGET], ==, 20000);
  g_assert_cmpuint (gap->n[DESK_BUDGET_GAP_SPENT], ==, 1);
  g_assert_cmpint (gap->sum[DESK_BUDGET_GAP_SPENT], ==, 5000);
  g_assert_cmpuint (gap->n[DESK_BUDGET_GAP_RECEIVED], ==, 0);
  g_assert_cmpuint (summary->total.missing, ==, 2);
  text = desk_budget_gap_text (gap);
  g_assert_cmpstr (text, ==, "No rate for EUR: 2 amounts not converted (budget EUR 200.00; spent EUR 50.00)");

  /* The report says so in words: the total is incomplete, and the note names the euros. */
  {
    g_autoptr(DeskReport) report = desk_report_compute (w.store, DESK_REPORT_BUDGET, w.group, NULL, NULL, &error);
    char **last;
    gboolean named = FALSE;

    g_assert_no_error (error);
    last = g_ptr_array_index (report->rows, report->rows->len - 1);
    g_assert_cmpstr (last[0], ==, "Total");
    g_assert_cmpstr (last[report->columns->len - 1], ==, "Incomplete");
    /* A1's subtotal heads its lines. */
    g_assert_true (g_str_has_prefix (((char **) g_ptr_array_index (report->rows, 0))[0], "A1 "));
    g_assert_cmpstr (((char **) g_ptr_array_index (report->rows, 1))[0], ==, "Taxi");
    for (guint i = 0; i < report->notes->len; i++)
      named |= g_str_equal (g_ptr_array_index (report->notes, i), text);
    g_assert_true (named);
  }

  /* With a rate in force, nothing is left out. */
  g_clear_object (&r);
  r = add (&w, DESK_KIND_RATE, "currency", "EUR", "valid_from", "2025-01-01",
           "rate_mantissa", "16", "rate_scale", "0", NULL);
  none = desk_budget_rate_gaps (w.store, summary, DESK_BUDGET_REVISED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  world_clear (&w);
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) line = NULL;
  g_autofree char *bad_field = NULL;
  World w = { 0 };
  gint64 out = 0;

  world_init (&w);
  line = desk_record_new (DESK_KIND_BUDGET_LINE);
  desk_record_set_group (line, w.group);
  test_set_field (line, "workplan_uuid", w.workplan);
  test_set_field (line, "category", "venue");
  test_set_field (line, "description_en", "Huge");
  test_set_field (line, "quantity_milli", "9000000000000000000");
  test_set_field (line, "unit_cost_minor", "100000");
  test_set_field (line, "currency", "GHS");

  /* A quantity beyond its bound is refused by validation, and nothing is written. */
  g_assert_false (desk_store_validate (w.store, line, &bad_field, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (bad_field, ==, "quantity_milli");
  g_clear_error (&error);
  g_assert_false (desk_store_insert (w.store, line, &error));
  g_assert_cmpint (desk_store_count (w.store, DESK_KIND_BUDGET_LINE, w.group), ==, 0);
  g_clear_error (&error);

  /* So is a total beyond int64 of figures each within theirs. */
  test_set_field (line, "quantity_milli", "1000000000000");
  test_set_field (line, "unit_cost_minor", "1000000000000000");
  g_clear_pointer (&bad_field, g_free);
  g_assert_false (desk_store_validate (w.store, line, &bad_field, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (bad_field, ==, "unit_cost_minor");
  g_clear_error (&error);

  /* Text in a number field, and too many decimals for the currency. */
  g_assert_false (desk_money_parse ("twelve", 2, FALSE, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_money_parse ("12.345", desk_currency_minor_units (w.store, "GHS"), FALSE, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "12.345"));
  g_clear_error (&error);
  g_assert_true (desk_money_parse ("12.345", desk_currency_minor_units (w.store, "BHD"), FALSE, &out, &error));
  g_assert_cmpint (out, ==, 12345);

  world_clear (&w);
}

/* Figures beyond what Groupdesk can count: refused at entry, never wrapped in a summary */

/* Writes straight into the database, past validation: what another program, a damaged
 * file or a database from before the bounds can hold. */
static void
sql (World      *w,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
sql (World      *w,
     const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  test_sqlite_exec (_desk_store_get_db (w->store), text);
}

static DeskRecord *
add_line (World      *w,
          const char *description,
          const char *category,
          const char *currency,
          const char *quantity_milli,
          const char *unit_cost_minor)
{
  return add (w, DESK_KIND_BUDGET_LINE, "workplan_uuid", w->workplan, "activity_uuid", w->activity,
              "category", category, "description_en", description, "quantity_milli", quantity_milli,
              "unit", "item", "unit_cost_minor", unit_cost_minor, "currency", currency, NULL);
}

static DeskRecord *
add_expense (World      *w,
             DeskRecord *line,
             const char *currency,
             const char *amount_minor)
{
  return add (w, DESK_KIND_EXPENSE, "budget_line_uuid", desk_record_get_uuid (line),
              "date", "2026-05-04", "amount_minor", amount_minor, "currency", currency,
              "is_refund", amount_minor[0] == '-' ? "1" : "0", NULL);
}

static const DeskBudgetRow *
line_row (DeskBudgetSummary *summary,
          DeskRecord        *line)
{
  for (guint i = 0; i < summary->lines->len; i++)
    {
      const DeskBudgetRow *row = g_ptr_array_index (summary->lines, i);

      if (g_strcmp0 (row->key, desk_record_get_uuid (line)) == 0)
        return row;
    }

  g_error ("no row for line %s", desk_record_get_uuid (line));
}

/* The problem that contains both @a and @b; the test fails when there is none. */
static const char *
find_problem (DeskBudgetSummary *summary,
              const char        *a,
              const char        *b)
{
  for (guint i = 0; i < summary->problems->len; i++)
    {
      const char *p = g_ptr_array_index (summary->problems, i);

      if (strstr (p, a) != NULL && (b == NULL || strstr (p, b) != NULL))
        return p;
    }

  for (guint i = 0; i < summary->problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (summary->problems, i));
  g_error ("no problem names “%s” and “%s”", a, b != NULL ? b : "");
}

static guint
count_problems (DeskBudgetSummary *summary,
                const char        *needle)
{
  guint n = 0;

  for (guint i = 0; i < summary->problems->len; i++)
    n += strstr (g_ptr_array_index (summary->problems, i), needle) != NULL;

  return n;
}

/* Every figure within the bounds (so no difference of two can wrap), the activities and
 * the categories adding up to the total. */
static void
assert_sane (DeskBudgetSummary *summary)
{
  GPtrArray *groups[] = { summary->lines, summary->activities, summary->categories };
  gint64 by_activity[3] = { 0 }, by_category[3] = { 0 };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i <= groups[g]->len; i++)
      {
        const DeskBudgetRow *row = i < groups[g]->len ? g_ptr_array_index (groups[g], i) : &summary->total;

        g_assert_cmpint (row->original, <=, DESK_MONEY_MAX_SUM);
        g_assert_cmpint (row->original, >=, -DESK_MONEY_MAX_SUM);
        g_assert_cmpint (row->revised, <=, DESK_MONEY_MAX_SUM);
        g_assert_cmpint (row->revised, >=, -DESK_MONEY_MAX_SUM);
        g_assert_cmpint (row->spent, <=, DESK_MONEY_MAX_SUM);
        g_assert_cmpint (row->spent, >=, -DESK_MONEY_MAX_SUM);
        if (i < groups[g]->len && g > 0)
          {
            gint64 *sums = g == 1 ? by_activity : by_category;

            sums[0] += row->original;
            sums[1] += row->revised;
            sums[2] += row->spent;
          }
      }
  g_assert_cmpint (summary->received, <=, DESK_MONEY_MAX_SUM);
  g_assert_cmpint (summary->received, >=, -DESK_MONEY_MAX_SUM);

  g_assert_cmpint (by_activity[0], ==, summary->total.original);
  g_assert_cmpint (by_activity[1], ==, summary->total.revised);
  g_assert_cmpint (by_activity[2], ==, summary->total.spent);
  g_assert_cmpint (by_category[0], ==, summary->total.original);
  g_assert_cmpint (by_category[1], ==, summary->total.revised);
  g_assert_cmpint (by_category[2], ==, summary->total.spent);
}

static DeskBudgetSummary *
summarise (World *w)
{
  g_autoptr(GError) error = NULL;
  DeskBudgetSummary *summary = desk_budget_summarise (w->store, w->workplan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  assert_sane (summary);

  return summary;
}

/* Two expenses at the int64 maximum once made "spent" −0.02. */
static void
test_overflow_expenses (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) catering = NULL;
  g_autoptr(DeskRecord) e1 = NULL;
  g_autoptr(DeskRecord) e2 = NULL;
  g_autoptr(DeskRecord) e3 = NULL;
  World w = { 0 };
  const DeskBudgetRow *row;

  world_init (&w);
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  catering = add_line (&w, "Catering", "materials", "GHS", "2000", "25000");
  e1 = add_expense (&w, venue, "GHS", "1000");
  e2 = add_expense (&w, venue, "GHS", "2000");
  e3 = add_expense (&w, catering, "GHS", "30000");
  sql (&w, "UPDATE expenses SET amount_minor = 9223372036854775807 WHERE uuid IN ('%s', '%s')",
       desk_record_get_uuid (e1), desk_record_get_uuid (e2));

  summary = summarise (&w);
  find_problem (summary, "“Venue hire”", "add up to more than Groupdesk can count (over GHS "
                "10,000,000,000,000,000.00)");
  row = line_row (summary, venue);
  g_assert_cmpint (row->spent, ==, 0);
  g_assert_cmpuint (row->too_large, ==, 2);
  g_assert_cmpint (row->original, ==, 100000);
  /* The rest of the summary is right: catering, and the budget of both. */
  row = line_row (summary, catering);
  g_assert_cmpint (row->spent, ==, 30000);
  g_assert_cmpuint (row->too_large, ==, 0);
  g_assert_cmpint (summary->total.spent, ==, 30000);
  g_assert_cmpint (summary->total.revised, ==, 100000 + 50000);
  g_assert_cmpuint (summary->total.too_large, ==, 2);
  g_assert_cmpint (desk_budget_row_variance (&summary->total, DESK_BUDGET_REVISED), ==, 120000);

  world_clear (&w);
}

/* A refund of INT64_MIN, whose negation does not exist; and the line's other expense in the
 * same currency cannot be told apart from it, so the line's sum is left out whole. */
static void
test_overflow_refund (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) catering = NULL;
  g_autoptr(DeskRecord) refund = NULL;
  g_autoptr(DeskRecord) e = NULL;
  World w = { 0 };
  const DeskBudgetRow *row;

  world_init (&w);
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  catering = add_line (&w, "Catering", "materials", "GHS", "1000", "100000");
  refund = add_expense (&w, venue, "GHS", "-1000");
  g_clear_object (&e);
  e = add_expense (&w, venue, "GHS", "5000");
  g_clear_object (&e);
  e = add_expense (&w, catering, "GHS", "7000");
  sql (&w, "UPDATE expenses SET amount_minor = -9223372036854775807 - 1 WHERE uuid = '%s'",
       desk_record_get_uuid (refund));

  summary = summarise (&w);
  find_problem (summary, "“Venue hire”", "Check the amounts of its expenses");
  row = line_row (summary, venue);
  g_assert_cmpint (row->spent, ==, 0);
  g_assert_cmpuint (row->too_large, ==, 2);
  g_assert_cmpint (line_row (summary, catering)->spent, ==, 7000);
  g_assert_cmpint (summary->total.spent, ==, 7000);

  world_clear (&w);
}

/* A rate far beyond the bounds (stored before them, or by hand): the amounts it would
 * convert are left out and the rate is named once; everything else is summed. */
static void
test_overflow_huge_rate (void)
{
  static const char *const huge[] = { "1000000000000000000", "9223372036854775807" };

  for (guint k = 0; k < G_N_ELEMENTS (huge); k++)
    {
      g_autoptr(DeskBudgetSummary) summary = NULL;
      g_autoptr(DeskRecord) rate = NULL;
      g_autoptr(DeskRecord) flights = NULL;
      g_autoptr(DeskRecord) venue = NULL;
      g_autoptr(DeskRecord) e = NULL;
      g_autoptr(DeskRecord) receipt = NULL;
      g_autoptr(GError) error = NULL;
      gint64 converted = 0;
      World w = { 0 };
      const DeskBudgetRow *row;

      world_init (&w);
      rate = add (&w, DESK_KIND_RATE, "currency", "EUR", "valid_from", "2026-01-01",
                  "rate_mantissa", "1600", "rate_scale", "2", NULL);
      flights = add_line (&w, "Flights", "travel", "EUR", "1000", "40000");
      venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
      e = add_expense (&w, flights, "EUR", "30000");
      g_clear_object (&e);
      e = add_expense (&w, flights, "EUR", "1000");
      g_clear_object (&e);
      e = add_expense (&w, venue, "GHS", "60000");
      receipt = add (&w, DESK_KIND_FUNDING, "workplan_uuid", w.workplan, "date", "2026-03-05",
                     "source", "vpa_fund", "amount_minor", "100000", "currency", "EUR", NULL);
      sql (&w, "UPDATE exchange_rates SET rate_mantissa = %s, rate_scale = 0 WHERE uuid = '%s'",
           huge[k], desk_record_get_uuid (rate));

      summary = summarise (&w);
      find_problem (summary, "The exchange rate of EUR from 2026-01-01", huge[k]);
      /* Named once, however many amounts it would have converted. */
      g_assert_cmpuint (count_problems (summary, "The exchange rate of EUR"), ==, 1);
      row = line_row (summary, flights);
      g_assert_cmpint (row->original, ==, 0);
      g_assert_cmpint (row->revised, ==, 0);
      g_assert_cmpint (row->spent, ==, 0);
      g_assert_cmpuint (row->too_large, ==, 3);   /* the budget, and both expenses */
      g_assert_cmpuint (summary->received_too_large, ==, 1);
      g_assert_cmpint (summary->received, ==, 0);
      /* The GHS line is whole. */
      row = line_row (summary, venue);
      g_assert_cmpint (row->original, ==, 100000);
      g_assert_cmpint (row->spent, ==, 60000);
      g_assert_cmpint (summary->total.spent, ==, 60000);
      g_assert_cmpint (summary->total.revised, ==, 100000);

      /* The lone conversion refuses it with a message rather than wrapping. */
      if (k == 1)
        {
          g_assert_false (desk_money_convert (G_MAXINT64, 2, 2, G_MAXINT64, 0, &converted, &error));
          g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
        }

      world_clear (&w);
    }
}

/* JPY has no decimals and BHD three: a valid amount at a valid rate still converts to more
 * than can be counted. Every record here passes validation. */
static void
test_overflow_conversion (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskRecord) wp = NULL;
  g_autoptr(DeskRecord) a = NULL;
  g_autoptr(DeskRecord) rate = NULL;
  g_autoptr(DeskRecord) equipment = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) e = NULL;
  World w = { 0 };
  const DeskBudgetRow *row;

  w.store = test_open_memory ("2026-07-02T10:00:00Z");
  group = add (&w, DESK_KIND_GROUP, "name_en", "Bahrain group", "country", "BH", "currency", "BHD", NULL);
  w.group = g_strdup (desk_record_get_uuid (group));
  wp = add (&w, DESK_KIND_WORKPLAN, "title_en", "2026", "period_start", "2026-01-01",
            "period_end", "2026-12-31", "status", "approved", NULL);
  w.workplan = g_strdup (desk_record_get_uuid (wp));
  a = add (&w, DESK_KIND_ACTIVITY, "workplan_uuid", w.workplan, "code", "A1", "title_en", "Dialogue",
           "kind", "dialogue", "status", "planned", NULL);
  w.activity = g_strdup (desk_record_get_uuid (a));
  /* The largest rate accepted: one yen worth a billion dinars. */
  rate = add (&w, DESK_KIND_RATE, "currency", "JPY", "valid_from", "2026-01-01",
              "rate_mantissa", "1000000000", "rate_scale", "0", NULL);
  equipment = add_line (&w, "Equipment", "equipment", "JPY", "1000", "1000000000000000");
  venue = add_line (&w, "Venue hire", "venue", "BHD", "1000", "250000");
  e = add_expense (&w, equipment, "JPY", "1000000000000000");
  g_clear_object (&e);
  e = add_expense (&w, venue, "BHD", "125000");

  summary = summarise (&w);
  find_problem (summary, "The budget of line “Equipment” in JPY", "1000000000 from 2026-01-01");
  find_problem (summary, "The expenses in JPY of budget line “Equipment”", NULL);
  row = line_row (summary, equipment);
  g_assert_cmpint (row->original, ==, 0);
  g_assert_cmpint (row->spent, ==, 0);
  g_assert_cmpuint (row->too_large, ==, 2);
  g_assert_cmpint (summary->total.original, ==, 250000);
  g_assert_cmpint (summary->total.spent, ==, 125000);

  world_clear (&w);
}

/* Each amount within its bound, their sum beyond what a summary may hold. */
static void
test_overflow_sum_of_valid (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) catering = NULL;
  g_autoptr(DeskRecord) e = NULL;
  World w = { 0 };
  const guint n = (guint) (DESK_MONEY_MAX_SUM / DESK_MONEY_MAX_AMOUNT) + 1;

  world_init (&w);
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  catering = add_line (&w, "Catering", "materials", "GHS", "1000", "100000");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, DESK_MONEY_MAX_AMOUNT);

      g_clear_object (&e);
      e = add_expense (&w, venue, "GHS", amount);
    }
  g_clear_object (&e);
  e = add_expense (&w, catering, "GHS", "4200");

  summary = summarise (&w);
  find_problem (summary, "The expenses of budget line “Venue hire” add up to more", NULL);
  g_assert_cmpuint (line_row (summary, venue)->too_large, ==, n);
  g_assert_cmpint (line_row (summary, venue)->spent, ==, 0);
  g_assert_cmpint (summary->total.spent, ==, 4200);

  world_clear (&w);
}

/* Two lines each within the bound whose sum is not: the second is left out of the
 * activity, the category and the total alike, and named. */
static void
test_overflow_totals (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) second = NULL;
  g_autoptr(DeskRecord) e1 = NULL;
  g_autoptr(DeskRecord) e2 = NULL;
  World w = { 0 };
  gint64 big = 600000000000000000;

  world_init (&w);
  first = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  second = add_line (&w, "Catering", "materials", "GHS", "1000", "100000");
  e1 = add_expense (&w, first, "GHS", "1000");
  e2 = add_expense (&w, second, "GHS", "1000");
  sql (&w, "UPDATE expenses SET amount_minor = %" G_GINT64_FORMAT, big);

  summary = summarise (&w);
  g_assert_cmpint (line_row (summary, first)->spent, ==, big);
  g_assert_cmpint (line_row (summary, second)->spent, ==, big);
  find_problem (summary, "Budget line “Catering” is left out of the totals", NULL);
  g_assert_cmpint (summary->total.spent, ==, big);
  g_assert_cmpint (summary->total.revised, ==, 100000);
  g_assert_cmpuint (summary->total.too_large, ==, 1);
  /* cash in hand = received − spent, as the pages compute it, fits. */
  g_assert_cmpint (summary->received - summary->total.spent, ==, -big);

  world_clear (&w);
}

/* quantity × unit cost beyond what can be counted, in a line and in a revision. */
static void
test_overflow_line_total (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) catering = NULL;
  g_autoptr(DeskRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  World w = { 0 };
  gint64 total = 0;
  const DeskBudgetRow *row;

  world_init (&w);
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  catering = add_line (&w, "Catering", "materials", "GHS", "1000", "100000");
  g_assert_true (desk_budget_line_revise (w.store, desk_record_get_uuid (catering), 2000, 100000,
                                          "2026-04-02", "Two days", &error));
  g_assert_no_error (error);
  sql (&w, "UPDATE budget_lines SET quantity_milli = 9223372036854775807 WHERE uuid = '%s'",
       desk_record_get_uuid (venue));
  sql (&w, "UPDATE budget_revisions SET unit_cost_minor = 9223372036854775807");

  summary = summarise (&w);
  find_problem (summary, "The total of budget line “Venue hire” (quantity × unit cost)", NULL);
  find_problem (summary, "The total of budget line “Catering” as revised on 2026-04-02", NULL);
  row = line_row (summary, venue);
  g_assert_cmpint (row->original, ==, 0);
  g_assert_cmpint (row->revised, ==, 0);
  g_assert_cmpuint (row->too_large, ==, 1);
  /* The catering's original is still counted; its revision is left out. */
  row = line_row (summary, catering);
  g_assert_cmpint (row->original, ==, 100000);
  g_assert_cmpint (row->revised, ==, 0);
  g_assert_cmpuint (row->too_large, ==, 1);

  stored = desk_store_get (w.store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (venue), &error);
  g_assert_no_error (error);
  g_assert_false (desk_budget_line_total (w.store, stored, DESK_BUDGET_ORIGINAL, &total, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Venue hire”"));

  world_clear (&w);
}

static void
test_overflow_funding (void)
{
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) r1 = NULL;
  g_autoptr(DeskRecord) r2 = NULL;
  g_autoptr(DeskRecord) r3 = NULL;
  World w = { 0 };

  world_init (&w);
  r1 = add (&w, DESK_KIND_FUNDING, "workplan_uuid", w.workplan, "date", "2026-03-05",
            "source", "vpa_fund", "amount_minor", "1000000000000000", "currency", "GHS", NULL);
  r2 = add (&w, DESK_KIND_FUNDING, "workplan_uuid", w.workplan, "date", "2026-03-06",
            "source", "vpa_fund", "amount_minor", "1000000000000000", "currency", "GHS", NULL);
  /* USD 1,000.00 at 15.00. */
  r3 = add (&w, DESK_KIND_FUNDING, "workplan_uuid", w.workplan, "date", "2026-03-07",
            "source", "vpa_fund", "amount_minor", "100000", "currency", "USD", NULL);
  sql (&w, "UPDATE funding_receipts SET amount_minor = 9223372036854775807 WHERE currency = 'GHS'");

  summary = summarise (&w);
  find_problem (summary, "The funding received adds up to more than Groupdesk can count", NULL);
  g_assert_cmpuint (summary->received_too_large, ==, 2);
  g_assert_cmpint (summary->received, ==, 1500000);

  world_clear (&w);
}

/* Shares of a zero, a tiny, a negative budget. */
static void
test_permille_bounds (void)
{
  DeskBudgetRow row = { NULL, 0, 0, 0, 0, 0 };
  int out = 12345;

  row.revised = 0;
  row.spent = 100;
  g_assert_false (desk_budget_row_burn_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_false (desk_budget_row_variance_permille (&row, DESK_BUDGET_REVISED, &out));

  /* 10^18 / 0.01 is 10^23 %: no int holds it, so there is no share rather than a wrapped one. */
  row.revised = 1;
  row.spent = DESK_MONEY_MAX_SUM;
  g_assert_false (desk_budget_row_burn_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_false (desk_budget_row_variance_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_cmpint (out, ==, 12345);
  g_assert_cmpint (desk_budget_row_variance (&row, DESK_BUDGET_REVISED), ==, 1 - DESK_MONEY_MAX_SUM);

  row.revised = 3;
  row.spent = 1;
  g_assert_true (desk_budget_row_burn_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_cmpint (out, ==, 333);

  /* A negative budget (only another program can write one) divides with the right sign. */
  row.revised = -1000;
  row.spent = 500;
  g_assert_true (desk_budget_row_burn_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_cmpint (out, ==, -500);
  g_assert_true (desk_budget_row_variance_permille (&row, DESK_BUDGET_REVISED, &out));
  g_assert_cmpint (out, ==, 1500);
}

/* A rate the database holds but no one could enter is an error to show, not a critical. */
static void
test_convert_refusals (void)
{
  g_autoptr(GError) error = NULL;
  gint64 out = 42;
  static const struct { gint64 mantissa; int scale; const char *text; } odd[] = {
    { -5, 3, "-5e-3" }, { 5, -1, "5e--1" }, { 5, 40, "5e-40" }, { 5, 3, "0.005" },
  };

  g_assert_false (desk_money_convert (100, 2, 2, 0, 2, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_money_convert (100, 2, 2, 5, 19, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_money_convert (G_MAXINT64, 0, 4, DESK_RATE_MAX_MANTISSA, 0, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (out, ==, 42);
  /* INT64_MAX converts at 1; INT64_MIN, whose negation does not exist, never comes out. */
  g_assert_true (desk_money_convert (G_MAXINT64, 2, 2, 1, 0, &out, &error));
  g_assert_cmpint (out, ==, G_MAXINT64);
  g_assert_false (desk_money_convert (G_MININT64, 2, 2, 1, 0, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_money_multiply (G_MININT64, 1000, &out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *text = desk_rate_format (odd[i].mantissa, odd[i].scale);
      g_assert_cmpstr (text, ==, odd[i].text);
    }
}

static void
test_rate_bounds (void)
{
  static const char *const refused[] = {
    "1000000001",              /* a unit worth more than a billion */
    "1000000000000000000",     /* the mantissa 10^18 at scale 0 */
    "9223372036854775807",
    "99999999999999999999",
    "123456.7890123456",       /* 16 significant digits */
    "0.0000000000001",         /* 13 decimals */
  };
  g_autoptr(GError) error = NULL;
  gint64 m = 0;
  int s = 0;

  g_assert_true (desk_rate_parse ("1000000000", &m, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (m, ==, 1000000000);
  g_assert_true (desk_rate_parse ("0.000000000001", &m, &s, &error));
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (s, ==, 12);
  g_assert_true (desk_rate_parse ("12345.6789012345", &m, &s, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      m = 7;
      if (desk_rate_parse (refused[i], &m, &s, &error))
        g_error ("the rate “%s” was accepted as %" G_GINT64_FORMAT "e-%d", refused[i], m, s);
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_cmpint (m, ==, 7);
      g_clear_error (&error);
    }
}

/* The refusals at entry and at import (which inserts through the same validation). */
static void
test_bounds_at_entry (void)
{
  g_autoptr(DeskRecord) venue = NULL;
  World w = { 0 };
  static const struct
  {
    const DeskKind *kind;
    const char *field, *value, *bad_field, *needle;
  } cases[] = {
    { &desk_kind_expense, "amount_minor", "1000000000000001", "amount_minor", "GHS 10,000,000,000,000.00" },
    { &desk_kind_expense, "amount_minor", "9223372036854775807", "amount_minor", "“Amount”" },
    { &desk_kind_expense, "amount_minor", "-9223372036854775808", "amount_minor", "“Amount”" },
    { &desk_kind_funding, "amount_minor", "9223372036854775807", "amount_minor", "“Amount”" },
    { &desk_kind_budget_line, "quantity_milli", "1000000000000001", "quantity_milli", "1,000,000,000,000" },
    { &desk_kind_budget_line, "unit_cost_minor", "1000000000000001", "unit_cost_minor", "“Unit cost”" },
    /* Each figure within its bound, the total (2 × 10^15) not. */
    { &desk_kind_budget_line, "quantity_milli", "2000", "unit_cost_minor", "line's total" },
    { &desk_kind_budget_revision, "unit_cost_minor", "1000000000000001", "unit_cost_minor", "GHS 10,000,000,000,000.00" },
    { &desk_kind_rate, "rate_mantissa", "1000000000000000000", "rate_mantissa", "significant digits" },
    { &desk_kind_rate, "rate_mantissa", "1000000000000", "rate_mantissa", "1,000,000,000" },
  };

  world_init (&w);
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "1000000000000000");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DeskRecord) record = desk_record_new (cases[i].kind);
      g_autoptr(GError) error = NULL;
      g_autofree char *bad = NULL;
      gint64 before = desk_store_count (w.store, cases[i].kind, w.group);

      desk_record_set_group (record, w.group);
      if (cases[i].kind == DESK_KIND_EXPENSE)
        {
          test_set_field (record, "budget_line_uuid", desk_record_get_uuid (venue));
          test_set_field (record, "date", "2026-05-01");
          test_set_field (record, "currency", "GHS");
          test_set_field (record, "is_refund", cases[i].value[0] == '-' ? "1" : "0");
        }
      else if (cases[i].kind == DESK_KIND_FUNDING)
        {
          test_set_field (record, "date", "2026-05-01");
          test_set_field (record, "source", "vpa_fund");
          test_set_field (record, "currency", "GHS");
        }
      else if (cases[i].kind == DESK_KIND_BUDGET_LINE)
        {
          test_set_field (record, "workplan_uuid", w.workplan);
          test_set_field (record, "category", "venue");
          test_set_field (record, "description_en", "Huge");
          test_set_field (record, "quantity_milli", "1000");
          test_set_field (record, "unit_cost_minor", "1000000000000000");
          test_set_field (record, "currency", "GHS");
        }
      else if (cases[i].kind == DESK_KIND_BUDGET_REVISION)
        {
          test_set_field (record, "budget_line_uuid", desk_record_get_uuid (venue));
          test_set_field (record, "revised_on", "2026-03-01");
          test_set_field (record, "reason", "More");
          test_set_field (record, "quantity_milli", "1000");
        }
      else
        {
          test_set_field (record, "currency", "EUR");
          test_set_field (record, "valid_from", "2026-01-01");
          test_set_field (record, "rate_scale", "0");
        }
      test_set_field (record, cases[i].field, cases[i].value);

      g_assert_false (desk_store_validate (w.store, record, &bad, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_cmpstr (bad, ==, cases[i].bad_field);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("%s.%s = %s: “%s” does not say “%s”", cases[i].kind->name, cases[i].field,
                 cases[i].value, error->message, cases[i].needle);
      g_clear_error (&error);
      g_assert_false (desk_store_insert (w.store, record, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_cmpint (desk_store_count (w.store, cases[i].kind, w.group), ==, before);
    }

  world_clear (&w);
}

/* The CLI's budget and report commands on a database holding a huge rate and expenses at
 * the int64 maximum: they work, name the records, and show no wrapped figure. */
static void
test_overflow_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) rate = NULL;
  g_autoptr(DeskRecord) flights = NULL;
  g_autoptr(DeskRecord) venue = NULL;
  g_autoptr(DeskRecord) e1 = NULL;
  g_autoptr(DeskRecord) e2 = NULL;
  g_autoptr(DeskRecord) e3 = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "hostile.db", NULL);
  const char *cli = g_getenv ("GROUPDESK_CLI");
  static const char *const commands[] = { "budget", "budget --json", "budget --original",
                                          "report budget", "report budget --csv" };
  World w = { 0 };

  if (cli == NULL)
    {
      g_test_skip ("GROUPDESK_CLI is not set: run through meson test");
      return;
    }

  world_init_at (&w, db);
  rate = add (&w, DESK_KIND_RATE, "currency", "EUR", "valid_from", "2026-01-01",
              "rate_mantissa", "1600", "rate_scale", "2", NULL);
  flights = add_line (&w, "Flights", "travel", "EUR", "1000", "40000");
  venue = add_line (&w, "Venue hire", "venue", "GHS", "1000", "100000");
  e1 = add_expense (&w, venue, "GHS", "1000");
  e2 = add_expense (&w, venue, "GHS", "2000");
  e3 = add_expense (&w, flights, "EUR", "2000");
  sql (&w, "UPDATE expenses SET amount_minor = 9223372036854775807 WHERE currency = 'GHS'");
  sql (&w, "UPDATE exchange_rates SET rate_mantissa = 1000000000000000000, rate_scale = 0 "
           "WHERE uuid = '%s'", desk_record_get_uuid (rate));
  world_clear (&w);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *shell = g_strdup_printf ("'%s' --db '%s' %s", cli, db, commands[i]);
      const char *argv[] = { "/bin/sh", "-c", shell, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("“%s” failed:\n%s\n%s", commands[i], out, err);
      g_test_message ("%s:\n%s", commands[i], out);
      if (!g_str_has_suffix (commands[i], "--csv"))
        {
          g_assert_nonnull (strstr (out, "The exchange rate of EUR from 2026-01-01"));
          g_assert_nonnull (strstr (out, "“Venue hire”"));
        }
      /* No wrapped figure: nothing near the int64 limits, no negative spending. */
      g_assert_null (strstr (out, "92,233,720"));
      g_assert_null (strstr (out, "9223372036854775"));
      g_assert_null (strstr (out, "-0.02"));
    }

  test_rm_rf (dir);
}

/* The CSV of the budget and of the expenses, read back by Python's csv module. */
static const char *const python_csv =
  "import csv, sys\n"
  "for path in sys.argv[1].split(';'):\n"
  "    raw = open(path, 'rb').read()\n"
  "    assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no byte-order mark'\n"
  "    assert b'\\r\\n' in raw, 'not CRLF'\n"
  "    rows = list(csv.reader(open(path, encoding='utf-8-sig', newline='')))\n"
  "    head = rows[0]\n"
  "    for r in rows[1:]:\n"
  "        assert len(r) == len(head), (path, r)\n"
  "    if 'level' not in head:\n"
  "        print(path.rsplit('/', 1)[-1], len(rows) - 1)\n"
  "        dates = [r[head.index('date')] for r in rows[1:]]\n"
  "        assert dates == sorted(dates), 'expenses not by date'\n"
  "        continue\n"
  "    L = head.index('level')\n"
  "    lines = [r for r in rows[1:] if r[L] == 'line']\n"
  "    print(path.rsplit('/', 1)[-1], len(lines))\n"
  "    d = [r[head.index('description')] for r in lines]\n"
  "    assert 'Conference hall and lunch, 60 people' in d, d\n"
  "    cents = lambda r: round(float(r[head.index('budget')]) * 100)\n"
  "    total = [r for r in rows[1:] if r[L] == 'total']\n"
  "    assert len(total) == 1 and total[0] is rows[-1], 'one grand total, last'\n"
  "    assert total[0][head.index('currency')] == 'GHS', total[0]\n"
  "    for level in ('line', 'activity', 'category'):\n"
  "        got = sum(cents(r) for r in rows[1:] if r[L] == level)\n"
  "        assert got == cents(total[0]), (level, got, cents(total[0]))\n"
  "    for r in rows[1:]:\n"
  "        for k in ('budget', 'spent', 'variance'):\n"
  "            assert ',' not in r[head.index(k)] and '\u2212' not in r[head.index(k)], r\n"
  "    # Each activity's lines come together, closed by its subtotal.\n"
  "    seen, current = set(), None\n"
  "    for r in rows[1:]:\n"
  "        if r[L] == 'line':\n"
  "            a = r[head.index('activity')]\n"
  "            assert a == current or a not in seen, ('lines of', a, 'apart')\n"
  "            current = a; seen.add(a)\n"
  "        elif r[L] == 'activity':\n"
  "            assert current in (None, r[head.index('activity')]), r\n"
  "            current = None\n"
  "    print('sum', cents(total[0]))\n";

static void
test_csv_read_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) workplans = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *lines_csv = g_build_filename (dir, "budget.csv", NULL);
  g_autofree char *expenses_csv = g_build_filename (dir, "expenses.csv", NULL);
  g_autofree char *both = g_strconcat (lines_csv, ";", expenses_csv, NULL);
  g_autofree char *out = NULL;
  g_autofree char *group_uuid = NULL;
  g_autofree char *expected_sum = NULL;
  g_autofree char *expected_lines = NULL;
  g_autofree char *expected_expenses = NULL;
  const char *cli = g_getenv ("GROUPDESK_CLI");

  if (cli == NULL)
    {
      g_test_skip ("GROUPDESK_CLI is not set: run through meson test");
      return;
    }

  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  group_uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  workplans = desk_store_list (store, DESK_KIND_WORKPLAN, group_uuid, &error);
  summary = desk_budget_summarise (store, desk_record_get_uuid (g_ptr_array_index (workplans, 0)), &error);
  g_assert_no_error (error);
  expected_sum = g_strdup_printf ("sum %" G_GINT64_FORMAT, summary->total.revised);
  expected_lines = g_strdup_printf ("budget.csv %u", summary->lines->len);
  expected_expenses = g_strdup_printf ("expenses.csv %" G_GINT64_FORMAT,
                                       desk_store_count (store, DESK_KIND_EXPENSE, group_uuid));
  g_clear_object (&store);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *shell = g_strdup_printf ("'%s' --db '%s' budget --csv --bom%s > '%s'", cli, db,
                                                i == 0 ? "" : " --expenses",
                                                i == 0 ? lines_csv : expenses_csv);
      const char *argv[] = { "/bin/sh", "-c", shell, NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  run_python (python_csv, both, &out);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, expected_lines));
  g_assert_nonnull (strstr (out, expected_expenses));
  g_assert_nonnull (strstr (out, expected_sum));

  test_rm_rf (dir);
}

/* Following changes: a summary brought up to date one change at a time equals one made
 * again from the whole database */

static void
assert_rows_equal (const DeskBudgetRow *a,
                   const DeskBudgetRow *b)
{
  g_assert_cmpstr (a->key, ==, b->key);
  g_assert_cmpint (a->original, ==, b->original);
  g_assert_cmpint (a->revised, ==, b->revised);
  g_assert_cmpint (a->spent, ==, b->spent);
  g_assert_cmpuint (a->missing, ==, b->missing);
  g_assert_cmpuint (a->too_large, ==, b->too_large);
}

static void
assert_row_lists_equal (GPtrArray *a,
                        GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_rows_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
assert_summaries_equal (DeskBudgetSummary *followed,
                        DeskBudgetSummary *whole)
{
  g_assert_cmpstr (followed->currency, ==, whole->currency);
  assert_rows_equal (&followed->total, &whole->total);
  assert_row_lists_equal (followed->lines, whole->lines);
  assert_row_lists_equal (followed->activities, whole->activities);
  assert_row_lists_equal (followed->categories, whole->categories);
  g_assert_cmpint (followed->received, ==, whole->received);
  g_assert_cmpuint (followed->received_missing, ==, whole->received_missing);
  g_assert_cmpuint (followed->received_too_large, ==, whole->received_too_large);
  g_assert_cmpint (followed->elapsed_permille, ==, whole->elapsed_permille);
  g_assert_cmpuint (followed->problems->len, ==, whole->problems->len);
}

typedef struct
{
  World w;
  GRand *rand;
  char *other_workplan;
  char *other_activity;
  GPtrArray *lines;      /* UUIDs: lines of both workplans */
  GPtrArray *expenses;
  GPtrArray *receipts;
  GPtrArray *revisions;
} Churn;

static const char *
pick (Churn     *c,
      GPtrArray *uuids)
{
  if (uuids->len == 0)
    return NULL;
  return g_ptr_array_index (uuids, g_rand_int_range (c->rand, 0, (int) uuids->len));
}

static const char *
pick_of (Churn             *c,
         const char *const *choices,
         int                n)
{
  return choices[g_rand_int_range (c->rand, 0, n)];
}

static char *
random_date (Churn *c)
{
  /* Mostly in the workplan's year, some before the first USD rate, some outside. */
  return g_strdup_printf ("%d-%02d-%02d", g_rand_int_range (c->rand, 0, 8) == 0 ? 2027 : 2026,
                          g_rand_int_range (c->rand, 1, 13), g_rand_int_range (c->rand, 1, 29));
}

static const char *
random_currency (Churn *c)
{
  /* EUR has no rate: its amounts count as missing. */
  static const char *const currencies[] = { "GHS", "GHS", "USD", "USD", "EUR" };

  return pick_of (c, currencies, G_N_ELEMENTS (currencies));
}

/* Writes @record, or not when core refuses it (a date outside the workplan, an activity
 * of another): a change that did not happen must leave the summary as it was too. */
static gboolean
churn_write (Churn      *c,
             DeskRecord *record,
             gboolean    insert)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (insert)
    done = desk_store_insert (c->w.store, record, &error);
  else
    done = desk_store_update (c->w.store, record, &error);
  g_assert_true (done || error->domain == DESK_ERROR);

  return done;
}

static void
churn_delete (Churn          *c,
              const DeskKind *kind,
              GPtrArray      *uuids,
              const char     *uuid)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_delete (c->w.store, kind, uuid, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (uuids, i), uuid))
      {
        g_ptr_array_remove_index (uuids, i);
        break;
      }
}

/* The records a deleted line took with it are gone from the lists too. */
static void
forget_gone (Churn          *c,
             const DeskKind *kind,
             GPtrArray      *uuids)
{
  for (guint i = uuids->len; i > 0; i--)
    {
      g_autoptr(DeskRecord) r = desk_store_get (c->w.store, kind, g_ptr_array_index (uuids, i - 1), NULL);

      if (r == NULL)
        g_ptr_array_remove_index (uuids, i - 1);
    }
}

static void
set_amount (Churn      *c,
            DeskRecord *record,
            gboolean    may_refund)
{
  gint64 amount = g_rand_int_range (c->rand, 1, 500000);

  if (may_refund && g_rand_int_range (c->rand, 0, 6) == 0)
    amount = -amount;
  desk_record_set_int (record, "amount_minor", amount);
  if (may_refund)
    desk_record_set_int (record, "is_refund", amount < 0);
}

static void
churn_line (Churn      *c,
            DeskRecord *line)
{
  static const char *const categories[] = { "venue", "travel", "materials" };
  int which = g_rand_int_range (c->rand, 0, 3);

  desk_record_set_int (line, "quantity_milli", g_rand_int_range (c->rand, 0, 20) * 500);
  desk_record_set_int (line, "unit_cost_minor", g_rand_int_range (c->rand, 0, 100000));
  desk_record_set_string (line, "category", pick_of (c, categories, G_N_ELEMENTS (categories)));
  desk_record_set_string (line, "currency", random_currency (c));
  if (which == 0)
    desk_record_unset (line, "activity_uuid");
  else
    desk_record_set_string (line, "activity_uuid", which == 1 ? c->w.activity : c->other_activity);
}

/* One random change, and what it changed: returns the kind, sets *uuid. */
static const char *
churn_step (Churn  *c,
            char  **uuid)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *date = NULL;
  const char *target;
  int op = g_rand_int_range (c->rand, 0, 100);

  if (op < 25 || c->expenses->len == 0)
    {
      /* A new expense, on a line of either workplan. */
      record = desk_record_new (DESK_KIND_EXPENSE);
      desk_record_set_group (record, c->w.group);
      desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
      date = random_date (c);
      desk_record_set_string (record, "date", date);
      desk_record_set_string (record, "currency", random_currency (c));
      set_amount (c, record, TRUE);
      if (churn_write (c, record, TRUE))
        g_ptr_array_add (c->expenses, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "expense";
    }

  if (op < 45)
    {
      /* An expense changes amount, line, currency or date. */
      target = pick (c, c->expenses);
      record = desk_store_get (c->w.store, DESK_KIND_EXPENSE, target, NULL);
      switch (g_rand_int_range (c->rand, 0, 4))
        {
        case 0:
          set_amount (c, record, TRUE);
          break;
        case 1:
          desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
          break;
        case 2:
          desk_record_set_string (record, "currency", random_currency (c));
          break;
        default:
          date = random_date (c);
          desk_record_set_string (record, "date", date);
        }
      churn_write (c, record, FALSE);
      *uuid = g_strdup (target);
      return "expense";
    }

  if (op < 55)
    {
      *uuid = g_strdup (pick (c, c->expenses));
      churn_delete (c, DESK_KIND_EXPENSE, c->expenses, *uuid);
      return "expense";
    }

  if (op < 63)
    {
      /* A receipt: for this workplan, the other, or none (then counted by its date). */
      static const char *const sources[] = { "vpa_fund" };
      int which = g_rand_int_range (c->rand, 0, 3);

      target = c->receipts->len > 0 && g_rand_boolean (c->rand) ? pick (c, c->receipts) : NULL;
      if (target != NULL && g_rand_int_range (c->rand, 0, 3) == 0)
        {
          *uuid = g_strdup (target);
          churn_delete (c, DESK_KIND_FUNDING, c->receipts, *uuid);
          return "funding";
        }
      record = target != NULL ? desk_store_get (c->w.store, DESK_KIND_FUNDING, target, NULL) :
                                desk_record_new (DESK_KIND_FUNDING);
      desk_record_set_group (record, c->w.group);
      date = random_date (c);
      desk_record_set_string (record, "date", date);
      desk_record_set_string (record, "source", pick_of (c, sources, 1));
      desk_record_set_string (record, "currency", random_currency (c));
      set_amount (c, record, FALSE);
      if (which == 0)
        desk_record_unset (record, "workplan_uuid");
      else
        desk_record_set_string (record, "workplan_uuid", which == 1 ? c->w.workplan : c->other_workplan);
      if (churn_write (c, record, target == NULL) && target == NULL)
        g_ptr_array_add (c->receipts, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "funding";
    }

  if (op < 73)
    {
      /* A revision, or one taken back. */
      if (c->revisions->len > 0 && g_rand_int_range (c->rand, 0, 3) == 0)
        {
          *uuid = g_strdup (pick (c, c->revisions));
          churn_delete (c, DESK_KIND_BUDGET_REVISION, c->revisions, *uuid);
          return "budget_revision";
        }
      record = desk_record_new (DESK_KIND_BUDGET_REVISION);
      desk_record_set_group (record, c->w.group);
      desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
      date = random_date (c);
      desk_record_set_string (record, "revised_on", date);
      desk_record_set_string (record, "reason", "Prices rose");
      desk_record_set_int (record, "quantity_milli", g_rand_int_range (c->rand, 0, 20) * 500);
      desk_record_set_int (record, "unit_cost_minor", g_rand_int_range (c->rand, 0, 100000));
      if (churn_write (c, record, TRUE))
        g_ptr_array_add (c->revisions, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "budget_revision";
    }

  if (op < 85 || c->lines->len < 4)
    {
      /* A line changes (figures, category, activity, currency, even workplan), or a new one. */
      target = g_rand_int_range (c->rand, 0, 4) == 0 ? NULL : pick (c, c->lines);
      record = target != NULL ? desk_store_get (c->w.store, DESK_KIND_BUDGET_LINE, target, NULL) :
                                desk_record_new (DESK_KIND_BUDGET_LINE);
      desk_record_set_group (record, c->w.group);
      if (target == NULL)
        {
          desk_record_set_string (record, "description_en", "A line");
          desk_record_set_string (record, "unit", "item");
        }
      churn_line (c, record);
      if (target == NULL || g_rand_int_range (c->rand, 0, 6) == 0)
        desk_record_set_string (record, "workplan_uuid",
                                g_rand_int_range (c->rand, 0, 4) == 0 ? c->other_workplan : c->w.workplan);
      /* Both activities are of this workplan: a line of the other has none. */
      if (g_strcmp0 (desk_record_get_string (record, "workplan_uuid"), c->other_workplan) == 0)
        desk_record_unset (record, "activity_uuid");
      if (churn_write (c, record, target == NULL) && target == NULL)
        g_ptr_array_add (c->lines, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "budget_line";
    }

  if (op < 93)
    {
      /* A line deleted: its expenses and revisions go with it, unannounced. */
      *uuid = g_strdup (pick (c, c->lines));
      churn_delete (c, DESK_KIND_BUDGET_LINE, c->lines, *uuid);
      forget_gone (c, DESK_KIND_EXPENSE, c->expenses);
      forget_gone (c, DESK_KIND_BUDGET_REVISION, c->revisions);
      return "budget_line";
    }

  if (op < 97)
    {
      /* Something the budget does not read. */
      record = desk_store_get (c->w.store, DESK_KIND_ACTIVITY, c->other_activity, NULL);
      desk_record_set_string (record, "title_en", g_rand_boolean (c->rand) ? "Dialogue" : "Talks");
      churn_write (c, record, FALSE);
      *uuid = g_strdup (c->other_activity);
      return "activity";
    }

  /* A new rate: every conversion may change. */
  record = desk_record_new (DESK_KIND_RATE);
  desk_record_set_group (record, c->w.group);
  desk_record_set_string (record, "currency", "USD");
  date = random_date (c);
  desk_record_set_string (record, "valid_from", date);
  desk_record_set_int (record, "rate_mantissa", g_rand_int_range (c->rand, 1000, 2000));
  desk_record_set_int (record, "rate_scale", 2);
  {
    g_autoptr(GError) error = NULL;

    /* Two rates of a currency may not start on the same day: then nothing changed. */
    if (!desk_store_insert (c->w.store, record, &error))
      {
        *uuid = g_strdup (c->w.activity);
        return "activity";
      }
  }
  *uuid = g_strdup (desk_record_get_uuid (record));
  return "rate";
}

static void
test_summary_follows_changes (void)
{
  Churn c = { { 0 } };
  g_autoptr(DeskBudgetSummary) followed = NULL;
  g_autoptr(GError) error = NULL;
  guint applied = 0;
  guint resummed = 0;

  world_init (&c.w);
  c.rand = g_rand_new_with_seed (20261206);
  c.lines = g_ptr_array_new_with_free_func (g_free);
  c.expenses = g_ptr_array_new_with_free_func (g_free);
  c.receipts = g_ptr_array_new_with_free_func (g_free);
  c.revisions = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(DeskRecord) wp = add (&c.w, DESK_KIND_WORKPLAN, "title_en", "2027", "period_start", "2027-01-01",
                                    "period_end", "2027-12-31", "status", "draft", NULL);
    g_autoptr(DeskRecord) a = NULL;

    c.other_workplan = g_strdup (desk_record_get_uuid (wp));
    a = add (&c.w, DESK_KIND_ACTIVITY, "workplan_uuid", c.w.workplan, "code", "A2", "title_en", "Talks",
             "kind", "dialogue", "status", "planned", NULL);
    c.other_activity = g_strdup (desk_record_get_uuid (a));
  }
  for (int i = 0; i < 6; i++)
    {
      g_autoptr(DeskRecord) line = add_line (&c.w, "Venue hire", "venue", i % 2 == 0 ? "GHS" : "USD",
                                             "2000", "150000");

      g_ptr_array_add (c.lines, g_strdup (desk_record_get_uuid (line)));
    }

  followed = desk_budget_summarise (c.w.store, c.w.workplan, &error);
  g_assert_no_error (error);

  for (int step = 0; step < 500; step++)
    {
      g_autoptr(DeskBudgetSummary) whole = NULL;
      g_autofree char *uuid = NULL;
      const char *kind = churn_step (&c, &uuid);

      if (desk_budget_summary_apply (followed, c.w.store, kind, uuid))
        applied++;
      else
        {
          /* What cannot be followed is summed again, as the Budget page does. */
          g_clear_pointer (&followed, desk_budget_summary_free);
          followed = desk_budget_summarise (c.w.store, c.w.workplan, &error);
          g_assert_no_error (error);
          resummed++;
        }

      whole = desk_budget_summarise (c.w.store, c.w.workplan, &error);
      g_assert_no_error (error);
      assert_summaries_equal (followed, whole);
    }

  g_test_message ("%u changes followed, %u summed again", applied, resummed);
  /* Rates and lines moved back into the workplan are summed again; the rest is not. */
  g_assert_cmpuint (applied, >, 400);
  g_assert_cmpuint (resummed, >, 0);

  g_rand_free (c.rand);
  g_free (c.other_workplan);
  g_free (c.other_activity);
  g_ptr_array_unref (c.lines);
  g_ptr_array_unref (c.expenses);
  g_ptr_array_unref (c.receipts);
  g_ptr_array_unref (c.revisions);
  world_clear (&c.w);
}

/* A summary follows only what it can: a rate or the workplan itself means summing again,
 * a record of another kind changes nothing. */
static void
test_summary_follow_refusals (void)
{
  World w = { 0 };
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 spent;

  world_init (&w);
  line = add_line (&w, "Venue hire", "venue", "GHS", "1000", "50000");
  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_no_error (error);

  expense = add_expense (&w, line, "GHS", "1250");
  g_assert_true (desk_budget_summary_apply (summary, w.store, "expense", desk_record_get_uuid (expense)));
  g_assert_cmpint (summary->total.spent, ==, 1250);
  spent = summary->total.spent;

  /* A person is not in the budget: nothing changes. */
  g_assert_true (desk_budget_summary_apply (summary, w.store, "person", "no-such-person"));
  g_assert_cmpint (summary->total.spent, ==, spent);

  workplan = desk_store_get (w.store, DESK_KIND_WORKPLAN, w.workplan, NULL);
  desk_record_set_string (workplan, "period_start", "2026-02-01");
  g_assert_true (desk_store_update (w.store, workplan, &error));
  g_assert_false (desk_budget_summary_apply (summary, w.store, "workplan", w.workplan));

  g_clear_pointer (&summary, desk_budget_summary_free);
  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_false (desk_budget_summary_apply (summary, w.store, "rate", "any"));

  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/budget/multiply-rule", test_multiply_rule);
  g_test_add_func ("/core/budget/arithmetic-against-fractions", test_arithmetic_against_fractions);
  g_test_add_func ("/core/budget/rate-parse", test_rate_parse);
  g_test_add_func ("/core/budget/rates-in-force", test_rates_in_force);
  g_test_add_func ("/core/budget/summary", test_summary);
  g_test_add_func ("/core/budget/bad-input", test_bad_input);
  g_test_add_func ("/core/budget/csv-read-back", test_csv_read_back);
  g_test_add_func ("/core/budget/bounds/at-entry", test_bounds_at_entry);
  g_test_add_func ("/core/budget/bounds/rates", test_rate_bounds);
  g_test_add_func ("/core/budget/bounds/convert", test_convert_refusals);
  g_test_add_func ("/core/budget/bounds/permille", test_permille_bounds);
  g_test_add_func ("/core/budget/overflow/expenses", test_overflow_expenses);
  g_test_add_func ("/core/budget/overflow/refund", test_overflow_refund);
  g_test_add_func ("/core/budget/overflow/huge-rate", test_overflow_huge_rate);
  g_test_add_func ("/core/budget/overflow/conversion", test_overflow_conversion);
  g_test_add_func ("/core/budget/overflow/sum-of-valid", test_overflow_sum_of_valid);
  g_test_add_func ("/core/budget/overflow/totals", test_overflow_totals);
  g_test_add_func ("/core/budget/table-and-gaps", test_table_and_gaps);
  g_test_add_func ("/core/budget/overflow/line-total", test_overflow_line_total);
  g_test_add_func ("/core/budget/overflow/funding", test_overflow_funding);
  g_test_add_func ("/core/budget/overflow/cli", test_overflow_cli);
  g_test_add_func ("/core/budget/summary/follows-changes", test_summary_follows_changes);
  g_test_add_func ("/core/budget/summary/follow-refusals", test_summary_follow_refusals);

  return g_test_run ();
}
