/* test-budget.c — exact money arithmetic, rates in force, budget against actual
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-budget-common.h"

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
  g_test_add_func ("/core/budget/table-and-gaps", test_table_and_gaps);

  return g_test_run ();
}
