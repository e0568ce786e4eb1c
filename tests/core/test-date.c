/* test-date.c — ISO 8601 calendar dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static void
test_valid (void)
{
  static const char *const valid[] = {
    "2025-01-01", "2025-12-31", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
    "2025-04-30",
  };
  static const char *const invalid[] = {
    "2025-02-30", "25-1-1", "2025/01/01", "2025-1-01", "2025-01-1", "2025-13-01",
    "2025-00-10", "2025-01-00", "2025-04-31", "2023-02-29", "1900-02-29", "2100-02-29",
    "0000-01-01", "", "2025-01-01T00:00", " 2025-01-01", "2025-01-01 ", "２０２５-01-01",
    "2025-0a-01", "+025-01-01", "20250101",
  };

  g_assert_false (desk_date_is_valid (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!desk_date_is_valid (valid[i]))
      g_error ("%s should be a valid date", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (desk_date_is_valid (invalid[i]))
      g_error ("“%s” should not be a valid date", invalid[i]);
}

static void
test_parse_and_format (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_assert_true (desk_date_parse ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpint (g_date_get_month (&date), ==, 2);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  text = desk_date_to_string (&date);
  g_assert_cmpstr (text, ==, "2024-02-29");

  g_assert_false (desk_date_parse ("2023-02-29", &date));

  /* Years below 1000 keep their four digits. */
  g_date_set_dmy (&date, 5, 3, 999);
  g_clear_pointer (&text, g_free);
  text = desk_date_to_string (&date);
  g_assert_cmpstr (text, ==, "0999-03-05");
}

static void
assert_add_days (const char *from,
                 int         days,
                 const char *expected)
{
  g_autofree char *result = desk_date_add_days (from, days);

  g_assert_cmpstr (result, ==, expected);
  if (expected != NULL)
    g_assert_cmpint (desk_date_days_between (from, result), ==, days);
}

static void
test_add_days (void)
{
  assert_add_days ("2024-02-28", 1, "2024-02-29");
  assert_add_days ("2024-02-28", 2, "2024-03-01");
  assert_add_days ("2023-02-28", 1, "2023-03-01");
  assert_add_days ("2025-12-31", 1, "2026-01-01");
  assert_add_days ("2026-01-01", -1, "2025-12-31");
  assert_add_days ("2024-03-01", -1, "2024-02-29");
  assert_add_days ("2025-01-01", 365, "2026-01-01");
  assert_add_days ("2024-01-01", 366, "2025-01-01");
  assert_add_days ("2025-06-15", 0, "2025-06-15");
  assert_add_days ("2025-02-30", 1, NULL);
  assert_add_days ("not a date", 1, NULL);
}

static void
test_add_years (void)
{
  g_autofree char *a = desk_date_add_years ("2024-02-29", 1);
  g_autofree char *b = desk_date_add_years ("2024-02-29", 4);
  g_autofree char *c = desk_date_add_years ("2025-06-30", -1);
  g_autofree char *d = desk_date_add_years ("2024-02-29", -1);
  g_autofree char *e = desk_date_add_years ("2025-13-01", 1);

  g_assert_cmpstr (a, ==, "2025-02-28");
  g_assert_cmpstr (b, ==, "2028-02-29");
  g_assert_cmpstr (c, ==, "2024-06-30");
  g_assert_cmpstr (d, ==, "2023-02-28");
  g_assert_null (e);
}

static void
test_days_between (void)
{
  g_assert_cmpint (desk_date_days_between ("2024-01-01", "2024-12-31"), ==, 365);
  g_assert_cmpint (desk_date_days_between ("2025-01-01", "2025-12-31"), ==, 364);
  g_assert_cmpint (desk_date_days_between ("2024-03-01", "2024-02-01"), ==, -29);
  g_assert_cmpint (desk_date_days_between ("2023-03-01", "2023-02-01"), ==, -28);
  g_assert_cmpint (desk_date_days_between ("2025-05-05", "2025-05-05"), ==, 0);
  g_assert_cmpint (desk_date_days_between ("2000-01-01", "2100-01-01"), ==, 36525);
}

static void
test_format (void)
{
  g_autofree char *long_date = desk_date_format ("2025-03-05", DESK_DATE_LONG);
  g_autofree char *short_date = desk_date_format ("2025-03-05", DESK_DATE_SHORT);
  g_autofree char *not_a_date = desk_date_format ("soon", DESK_DATE_LONG);
  g_autofree char *none = desk_date_format (NULL, DESK_DATE_LONG);

  /* The tests run in the C locale, untranslated. */
  g_assert_cmpstr (long_date, ==, "5 March 2025");
  g_assert_cmpstr (short_date, ==, "5 Mar 2025");
  g_assert_cmpstr (not_a_date, ==, "soon");
  g_assert_cmpstr (none, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/date/format", test_format);

  g_test_add_func ("/core/date/valid", test_valid);
  g_test_add_func ("/core/date/parse-and-format", test_parse_and_format);
  g_test_add_func ("/core/date/add-days", test_add_days);
  g_test_add_func ("/core/date/add-years", test_add_years);
  g_test_add_func ("/core/date/days-between", test_days_between);

  return g_test_run ();
}
