/* test-budget-overflow.c — figures beyond what Groupdesk can count: refused at entry,
 * never wrapped in a summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-budget-common.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

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
  g_test_add_func ("/core/budget/overflow/line-total", test_overflow_line_total);
  g_test_add_func ("/core/budget/overflow/funding", test_overflow_funding);
  g_test_add_func ("/core/budget/overflow/cli", test_overflow_cli);

  return g_test_run ();
}
