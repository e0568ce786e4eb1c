/* test-date.c — ISO 8601 calendar dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-common.h"

#include <glib/gi18n.h>
#include <locale.h>

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
  g_autofree char *date = desk_date_format ("2025-03-05");
  g_autofree char *not_a_date = desk_date_format ("soon");
  g_autofree char *none = desk_date_format (NULL);
  g_autofree char *period = desk_date_format_period ("2026-01-01", "2026-06-30");

  /* The tests run in the C locale, untranslated: the one English format. */
  g_assert_cmpstr (date, ==, "5 Mar 2025");
  g_assert_cmpstr (not_a_date, ==, "soon");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (period, ==, "1 Jan 2026 – 30 Jun 2026");
}

/* The day in the one format, then the time in the local zone; "" for nothing, and what
 * is not a timestamp as it came. */
static void
test_format_timestamp (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2025, 3, 5, 12, 2, 0);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *iso = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *day = desk_date_format (iso);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *expected = g_strdup_printf ("%s, %s", day, time);
  g_autofree char *text = desk_date_format_timestamp ("2025-03-05T12:02:00Z");
  g_autofree char *empty = desk_date_format_timestamp (NULL);
  g_autofree char *odd = desk_date_format_timestamp ("not a time");

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (odd, ==, "not a time");
}

static void
assert_read (const char *typed,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = desk_date_parse_shown (typed, &error);

  if (expected != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, expected);
    }
  else
    {
      g_assert_null (iso);
      g_autofree char *trimmed = g_strstrip (g_strdup (typed));

      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      /* The sentence names what was typed. */
      g_assert_nonnull (strstr (error->message, trimmed));
    }
}

/* A date typed as the app writes it, or in ISO 8601, is read back as ISO 8601. */
static void
test_parse_shown (void)
{
  g_autofree char *written = desk_date_format ("2024-02-29");

  assert_read ("2025-03-05", "2025-03-05");
  assert_read ("  2025-03-05 ", "2025-03-05");
  assert_read ("5 Mar 2025", "2025-03-05");
  assert_read ("05 mar 2025", "2025-03-05");
  assert_read ("5 March 2025", "2025-03-05");
  assert_read (written, "2024-02-29");
  assert_read ("31 Dec 9999", "9999-12-31");

  assert_read ("30 Feb 2025", NULL);
  assert_read ("29 Feb 2023", NULL);
  assert_read ("5 Mar 25", NULL);
  assert_read ("Mar 2025", NULL);
  assert_read ("5 Foo 2025", NULL);
  assert_read ("5 Mar 2025 Apr", NULL);
  assert_read ("5 3 2025", NULL);
  assert_read ("2025-02-30", NULL);
  assert_read ("tomorrow", NULL);
  assert_read ("", NULL);
}

/* In Chinese, the format the catalogue gives: written and read back the same way. */
static void
test_chinese (void)
{
  if (g_test_subprocess ())
    {
      const char *localedir = g_getenv ("GROUPDESK_LOCALEDIR");
      g_autofree char *date = NULL;
      g_autofree char *period = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *spaced = NULL;
      g_autofree char *refused = NULL;

      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      setlocale (LC_ALL, "");
      desk_core_init_i18n (localedir != NULL ? localedir : LOCALEDIR);
      textdomain (GETTEXT_PACKAGE);

      date = desk_date_format ("2026-01-10");
      period = desk_date_format_period ("2026-01-01", "2026-06-30");
      iso = desk_date_parse_shown ("2026年1月10日", NULL);
      spaced = desk_date_parse_shown ("2026 年 1 月 10 日", NULL);
      refused = desk_date_parse_shown ("2026年2月30日", NULL);
      g_assert_cmpstr (date, ==, "2026年1月10日");
      g_assert_cmpstr (period, ==, "2026年1月1日 至 2026年6月30日");
      g_assert_cmpstr (iso, ==, "2026-01-10");
      g_assert_cmpstr (spaced, ==, "2026-01-10");
      g_assert_null (refused);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/date/format", test_format);
  g_test_add_func ("/core/date/format-timestamp", test_format_timestamp);
  g_test_add_func ("/core/date/parse-shown", test_parse_shown);
  g_test_add_func ("/core/date/chinese", test_chinese);

  g_test_add_func ("/core/date/valid", test_valid);
  g_test_add_func ("/core/date/parse-and-format", test_parse_and_format);
  g_test_add_func ("/core/date/add-days", test_add_days);
  g_test_add_func ("/core/date/add-years", test_add_years);
  g_test_add_func ("/core/date/days-between", test_days_between);

  return g_test_run ();
}
