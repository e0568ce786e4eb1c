/* test-money.c — amounts as integer minor units, and thousandths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include <string.h>

static void
assert_parses (const char *text,
               int         decimals,
               gboolean    allow_negative,
               gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 value = G_MININT64;

  if (!desk_money_parse (text, decimals, allow_negative, &value, &error))
    g_error ("“%s” with %d decimals: %s", text, decimals, error->message);
  g_assert_cmpint (value, ==, expected);
}

static void
assert_refused (const char *text,
                int         decimals,
                gboolean    allow_negative)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 12345;

  if (desk_money_parse (text, decimals, allow_negative, &value, &error))
    g_error ("“%s” with %d decimals was accepted as %" G_GINT64_FORMAT, text, decimals, value);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  /* A refused amount leaves the output alone. */
  g_assert_cmpint (value, ==, 12345);
}

static void
test_parse (void)
{
  assert_parses ("1,234.50", 2, FALSE, 123450);
  assert_parses ("1234.5", 2, FALSE, 123450);
  assert_parses ("1234", 2, FALSE, 123400);
  assert_parses ("0.01", 2, FALSE, 1);
  assert_parses (".5", 2, FALSE, 50);
  assert_parses ("7.", 2, FALSE, 700);
  assert_parses ("  12.30  ", 2, FALSE, 1230);
  assert_parses ("1 234 567.89", 2, FALSE, 123456789);
  assert_parses ("+42", 2, FALSE, 4200);
  assert_parses ("0", 2, FALSE, 0);
  assert_parses ("-0", 2, FALSE, 0);
  assert_parses ("92233720368547758.07", 2, FALSE, G_MAXINT64);
}

static void
test_parse_refused (void)
{
  assert_refused ("12.345", 2, FALSE);
  assert_refused ("0.001", 2, TRUE);
  assert_refused ("", 2, FALSE);
  assert_refused ("   ", 2, FALSE);
  assert_refused (NULL, 2, FALSE);
  assert_refused ("abc", 2, FALSE);
  assert_refused ("12abc", 2, FALSE);
  assert_refused ("12 abc", 2, FALSE);
  assert_refused ("1e5", 2, FALSE);
  assert_refused ("1.2.3", 2, FALSE);
  assert_refused ("GHS 12", 2, FALSE);
}

static void
test_parse_grouping_lenient (void)
{
  /* Commas and spaces before the point only group digits, wherever they stand. */
  assert_parses ("12,50.5", 2, FALSE, 125050);
  assert_refused (",5", 2, FALSE);
  assert_refused ("5.0,0", 2, FALSE);
}

static void
test_parse_negative (void)
{
  assert_refused ("-1", 2, FALSE);
  assert_refused ("-0.01", 2, FALSE);
  assert_parses ("-1", 2, TRUE, -100);
  assert_parses ("-1,234.56", 2, TRUE, -123456);
  assert_refused ("--1", 2, TRUE);
  assert_refused ("1-", 2, TRUE);
}

static void
test_parse_decimals (void)
{
  /* No decimals: JPY, UGX. */
  assert_parses ("1,234", 0, FALSE, 1234);
  assert_refused ("1234.5", 0, FALSE);
  assert_refused ("12.0", 0, FALSE);
  assert_parses ("12.", 0, FALSE, 12);
  /* Three: BHD, KWD. */
  assert_parses ("1.234", 3, FALSE, 1234);
  assert_parses ("1.2", 3, FALSE, 1200);
  assert_refused ("1.2345", 3, FALSE);
  /* Four, the most the schema allows. */
  assert_parses ("0.0001", 4, FALSE, 1);
}

static void
test_parse_overflow (void)
{
  assert_refused ("92233720368547758.08", 2, FALSE);
  assert_refused ("92233720368547758.08", 2, TRUE);
  assert_refused ("-92233720368547758.08", 2, TRUE);
  assert_refused ("9223372036854775808", 0, FALSE);
  assert_refused ("99999999999999999999999999", 0, FALSE);
  /* Fits as digits, overflows once scaled to minor units. */
  assert_refused ("922337203685477581", 2, FALSE);
  assert_parses ("9223372036854775807", 0, FALSE, G_MAXINT64);
  assert_parses ("-9223372036854775807", 0, TRUE, -G_MAXINT64);
  /* −2⁶³ is an int64, but its negation is not: no amount is ever parsed as INT64_MIN. */
  assert_refused ("-9223372036854775808", 0, TRUE);
  assert_refused ("-92233720368547758.08", 2, TRUE);
  assert_refused ("9223372036854775808", 0, TRUE);
}

/* The bounds of single figures (desk-money.h), and the sentence that names the field. */
static void
test_bounds (void)
{
  static const struct
  {
    DeskFieldType type;
    gint64 value;
    const char *currency;
    int decimals;
    const char *limit;  /* NULL: within the bound */
  } cases[] = {
    { DESK_FIELD_MONEY, DESK_MONEY_MAX_AMOUNT, "GHS", 2, NULL },
    { DESK_FIELD_MONEY, -DESK_MONEY_MAX_AMOUNT, "GHS", 2, NULL },
    { DESK_FIELD_MONEY, DESK_MONEY_MAX_AMOUNT + 1, "GHS", 2, "GHS 10,000,000,000,000.00" },
    { DESK_FIELD_MONEY, -DESK_MONEY_MAX_AMOUNT - 1, "JPY", 0, "JPY 1,000,000,000,000,000" },
    { DESK_FIELD_MONEY, G_MININT64, "BHD", 3, "BHD 1,000,000,000,000.000" },
    { DESK_FIELD_MONEY, G_MAXINT64, NULL, -1, "1,000,000,000,000,000" },
    { DESK_FIELD_MILLI, DESK_MILLI_MAX, NULL, -1, NULL },
    { DESK_FIELD_MILLI, G_MININT64, NULL, -1, "1,000,000,000,000" },
    { DESK_FIELD_INT, DESK_COUNT_MAX, NULL, -1, NULL },
    { DESK_FIELD_INT, G_MAXINT64, NULL, -1, "1,000,000,000,000,000" },
    { DESK_FIELD_BOOL, G_MININT64, NULL, -1, NULL },   /* not a number field: others check it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = desk_number_check_bounds (cases[i].type, "Amount", cases[i].value,
                                                       cases[i].currency, cases[i].decimals);

      if (cases[i].limit == NULL)
        {
          g_assert_null (why);
          continue;
        }
      g_assert_nonnull (why);
      g_assert_nonnull (strstr (why, "“Amount”"));
      if (strstr (why, cases[i].limit) == NULL)
        g_error ("“%s” does not name the limit %s", why, cases[i].limit);
    }

  /* Far enough inside int64 that sums and differences of figures cannot wrap. */
  g_assert_cmpint (DESK_MONEY_MAX_SUM, <=, G_MAXINT64 / 4);
  g_assert_cmpint (DESK_MONEY_MAX_AMOUNT, <=, DESK_MONEY_MAX_SUM / 1000);
  g_assert_cmpint (desk_number_bound (DESK_FIELD_TEXT), ==, 0);
}

static void
test_rate_check (void)
{
  static const struct { gint64 mantissa; int scale; gboolean ok; } cases[] = {
    { 1, 0, TRUE },
    { 1, 12, TRUE },
    { 1000000000, 0, TRUE },                  /* the most: a billion reporting units */
    { 1000000001, 0, FALSE },
    { G_GINT64_CONSTANT (1000000000000000000), 0, FALSE },   /* 10^18 at scale 0 */
    { G_MAXINT64, 12, FALSE },
    { DESK_RATE_MAX_MANTISSA, 12, TRUE },     /* 1,000 */
    { DESK_RATE_MAX_MANTISSA + 1, 12, FALSE },
    { 155, 13, FALSE },
    { 155, -1, FALSE },
    { 0, 2, FALSE },
    { -155, 1, FALSE },
    { G_MININT64, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = desk_rate_check (cases[i].mantissa, cases[i].scale, &error);

      if (ok != cases[i].ok)
        g_error ("rate %" G_GINT64_FORMAT "e-%d: expected %s", cases[i].mantissa, cases[i].scale,
                 cases[i].ok ? "accepted" : "refused");
      if (!ok)
        {
          g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
assert_formats (gint64      minor,
                int         decimals,
                const char *expected)
{
  g_autofree char *text = desk_money_format_amount (minor, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format (void)
{
  assert_formats (123450, 2, "1,234.50");
  assert_formats (0, 2, "0.00");
  assert_formats (5, 2, "0.05");
  assert_formats (99999, 2, "999.99");
  assert_formats (100000, 2, "1,000.00");
  assert_formats (123456789012, 2, "1,234,567,890.12");
  assert_formats (-123450, 2, "\xe2\x88\x92" "1,234.50");
  assert_formats (-5, 2, "\xe2\x88\x92" "0.05");
  assert_formats (1234567, 0, "1,234,567");
  assert_formats (-1000, 0, "\xe2\x88\x92" "1,000");
  assert_formats (1234, 3, "1.234");
  assert_formats (G_MAXINT64, 2, "92,233,720,368,547,758.07");
  assert_formats (G_MININT64, 2, "\xe2\x88\x92" "92,233,720,368,547,758.08");
  assert_formats (G_MININT64, 0, "\xe2\x88\x92" "9,223,372,036,854,775,808");
  assert_formats (G_MININT64, 4, "\xe2\x88\x92" "922,337,203,685,477.5808");
  {
    g_autofree char *milli = desk_milli_format (G_MININT64);
    g_assert_cmpstr (milli, ==, "\xe2\x88\x92" "9223372036854775.808");
  }
}

/* People see U+2212; data (CSV) gets ASCII '-' and no grouping; both read back. */
static void
test_minus_sign (void)
{
  g_autofree char *shown = desk_money_format_amount (-50000, 2);
  g_autofree char *plain = desk_money_format_plain (-123450, 2);
  g_autofree char *plain_milli = desk_milli_format_plain (-250);
  g_autofree char *pct = desk_percent_format (-20);
  g_autofree char *pct_plain = desk_percent_format_plain (-20);
  g_autofree char *pct_min = desk_percent_format_plain (G_MININT);
  g_autofree char *pct_positive = desk_percent_format (625);
  gint64 back = 0;

  g_assert_cmpstr (shown, ==, DESK_MINUS_SIGN "500.00");
  g_assert_null (strchr (shown, '-'));
  g_assert_cmpstr (plain, ==, "-1234.50");
  g_assert_cmpstr (plain_milli, ==, "-0.25");
  g_assert_cmpstr (pct, ==, DESK_MINUS_SIGN "2.0%");
  g_assert_cmpstr (pct_plain, ==, "-2.0");
  g_assert_cmpstr (pct_min, ==, "-214748364.8");
  g_assert_cmpstr (pct_positive, ==, "62.5%");

  g_assert_true (desk_money_parse (shown, 2, TRUE, &back, NULL));
  g_assert_cmpint (back, ==, -50000);
  g_assert_false (desk_money_parse (shown, 2, FALSE, &back, NULL));
  g_assert_true (desk_milli_parse (DESK_MINUS_SIGN "2.5", &back, NULL));
  g_assert_cmpint (back, ==, -2500);
}

static void
test_format_with_code (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autofree char *ghs = desk_money_format (123450, "GHS",
                                            desk_currency_minor_units (store, "GHS"));
  g_autofree char *jpy = desk_money_format (123450, "JPY",
                                            desk_currency_minor_units (store, "JPY"));
  g_autofree char *bhd = desk_money_format (123450, "BHD",
                                            desk_currency_minor_units (store, "BHD"));

  g_assert_cmpstr (ghs, ==, "GHS 1,234.50");
  g_assert_cmpstr (jpy, ==, "JPY 123,450");
  g_assert_cmpstr (bhd, ==, "BHD 123.450");
}

static void
test_milli (void)
{
  static const struct { const char *text; gint64 milli; const char *formatted; } cases[] = {
    { "2.5", 2500, "2.5" },
    { "2", 2000, "2" },
    { "0", 0, "0" },
    { "0.001", 1, "0.001" },
    { "-0.25", -250, "\xe2\x88\x92" "0.25" },
    { "1234.567", 1234567, "1234.567" },
    { "1,000", 1000000, "1000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 milli = 0;

      g_assert_true (desk_milli_parse (cases[i].text, &milli, &error));
      g_assert_no_error (error);
      g_assert_cmpint (milli, ==, cases[i].milli);
      text = desk_milli_format (cases[i].milli);
      g_assert_cmpstr (text, ==, cases[i].formatted);
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 milli = 0;

    g_assert_false (desk_milli_parse ("2.5001", &milli, &error));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (desk_milli_parse ("two", &milli, &error));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  }
}

static gint64
random_amount (GRand *rand)
{
  /* Amounts of every size, from cents to the int64 limit: a random number of digits. */
  int digits = g_rand_int_range (rand, 1, 19);
  gint64 value = 0;

  for (int i = 0; i < digits; i++)
    value = value * 10 + g_rand_int_range (rand, 0, 10);
  if (g_rand_boolean (rand))
    value = -value;

  return value;
}

/* parse (format (x)) == x, for thousands of amounts in every decimals the schema knows.
 * G_MININT64 is left out: no typed amount can be −2⁶³ minor units. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 edges[] = { 0, 1, -1, 9, 10, 99, 100, 999, 1000, G_MAXINT64, -G_MAXINT64 };

  for (int decimals = 0; decimals <= 4; decimals++)
    for (guint i = 0; i < 5000 + G_N_ELEMENTS (edges); i++)
      {
        gint64 value = i < G_N_ELEMENTS (edges) ? edges[i] : random_amount (rand);
        g_autofree char *money = desk_money_format_amount (value, decimals);
        g_autofree char *milli = desk_milli_format (value);
        g_autoptr(GError) error = NULL;
        gint64 back = 0;

        if (!desk_money_parse (money, decimals, TRUE, &back, &error))
          g_error ("%" G_GINT64_FORMAT " formatted as “%s” does not parse: %s", value, money,
                   error->message);
        g_assert_cmpint (back, ==, value);

        if (!desk_milli_parse (milli, &back, &error))
          g_error ("%" G_GINT64_FORMAT " formatted as “%s” does not parse: %s", value, milli,
                   error->message);
        g_assert_cmpint (back, ==, value);
      }
}

static void
test_count_parse (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_assert_true (desk_count_parse (" 1,200 ", 0, 10000, &n, &error));
  g_assert_cmpint (n, ==, 1200);
  g_assert_false (desk_count_parse ("12.5", 0, 100, &n, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_count_parse ("forty", 0, 100, &n, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_count_parse ("-3", 0, 100, &n, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_count_parse ("101", 0, 100, &n, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (n, ==, 1200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/money/count-parse", test_count_parse);

  g_test_add_func ("/core/money/parse", test_parse);
  g_test_add_func ("/core/money/parse-refused", test_parse_refused);
  g_test_add_func ("/core/money/parse-grouping", test_parse_grouping_lenient);
  g_test_add_func ("/core/money/parse-negative", test_parse_negative);
  g_test_add_func ("/core/money/parse-decimals", test_parse_decimals);
  g_test_add_func ("/core/money/parse-overflow", test_parse_overflow);
  g_test_add_func ("/core/money/format", test_format);
  g_test_add_func ("/core/money/minus-sign", test_minus_sign);
  g_test_add_func ("/core/money/format-with-code", test_format_with_code);
  g_test_add_func ("/core/money/milli", test_milli);
  g_test_add_func ("/core/money/round-trip", test_round_trip);
  g_test_add_func ("/core/money/bounds", test_bounds);
  g_test_add_func ("/core/money/rate-check", test_rate_check);

  return g_test_run ();
}
