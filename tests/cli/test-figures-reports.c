/* test-figures-reports.c — the cross-check of issue 15, for the Workplan progress,
 * Indicators and Budget against actual reports
 *
 * Each figure is computed here in plain SQL (and, for money, plain C arithmetic after
 * HACKING.md "Money") and compared with core, groupdesk-cli's text, JSON and CSV, and
 * what pdftotext finds in the report's PDF. The fixtures and helpers are in
 * figures-common.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "figures-common.h"

/* The Workplan progress report */

/* Per activity of the newest workplan, on @today: code, status, deliverables, done, overdue. */
#define WORKPLAN_ROWS \
  "SELECT a.code, a.status," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid)," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid AND d.status IN ('delivered', 'accepted'))," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid AND d.due_date < ?2" \
  "   AND d.status NOT IN ('delivered', 'accepted'))" \
  " FROM activities a WHERE a.workplan_uuid = ?1 ORDER BY a.code"

static void
test_workplan_report (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (store, DESK_REPORT_WORKPLAN, f->group, NULL, NULL, &error);
  g_autofree char *workplan = sql_workplan (f);
  g_autofree char *today = local_today ();
  g_autofree char *text = run_cli ("--db", f->db, "report", "workplan");
  g_autofree char *csv = run_cli ("--db", f->db, "report", "workplan", "--csv");
  g_autofree char *pdf = report_pdf_text (f, "workplan");
  g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);
  g_autofree char *footer = NULL;
  gint64 activities = sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1", workplan, NULL, NULL);
  gint64 overdue_total = 0;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpint (activities, >, 0);
  g_assert_cmpuint (report->rows->len, ==, activities);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, activities + 2);

  for (int pass = 0; pass < 2; pass++)
    {
      /* Core on the test's day, then the CLI on the machine's. */
      sqlite3_stmt *stmt = sql_prepare (f, WORKPLAN_ROWS);

      sqlite3_bind_text (stmt, 1, workplan, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pass == 0 ? TODAY : today, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *status = desk_reference_label (store, DESK_KIND_ACTIVITY, "status",
                                                          (const char *) sqlite3_column_text (stmt, 1));
          g_autofree char *done = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT,
                                                   (gint64) sqlite3_column_int64 (stmt, 3), (gint64) sqlite3_column_int64 (stmt, 2));
          gint64 overdue = sqlite3_column_int64 (stmt, 4);
          g_autofree char *tail = g_strdup_printf ("%s %" G_GINT64_FORMAT, done, overdue);
          g_autofree char *csv_tail = g_strdup_printf (",%s,%" G_GINT64_FORMAT, done, overdue);
          g_autofree char *prefix = g_strdup_printf ("%s ", code);
          g_autofree char *csv_prefix = g_strdup_printf ("%s,", code);
          gboolean found = FALSE;

          if (pass == 0)
            {
              for (guint r = 0; r < report->rows->len; r++)
                {
                  char **cells = g_ptr_array_index (report->rows, r);

                  if (g_strcmp0 (cells[0], code) != 0)
                    continue;
                  g_assert_cmpstr (cells[2], ==, status);
                  g_assert_cmpstr (cells[5], ==, done);
                  g_assert_cmpint (g_ascii_strtoll (cells[6], NULL, 10), ==, overdue);
                  found = TRUE;
                }
              g_assert_true (found);
              continue;
            }

          overdue_total += overdue;
          /* The CLI's text and the PDF's table end in the same cells; the CSV's row too. */
          {
            g_autofree char *row = find_row (text, prefix);

            g_assert_nonnull (row);
            g_assert_true (g_str_has_suffix (row, tail));
            g_assert_nonnull (strstr (row, status));
          }
          for (guint l = 1; csv_lines[l] != NULL; l++)
            if (g_str_has_prefix (csv_lines[l], csv_prefix))
              {
                g_assert_true (g_str_has_suffix (csv_lines[l], csv_tail));
                found = TRUE;
              }
          g_assert_true (found);
          if (pdf != NULL)
            {
              g_autofree char *row = find_row (pdf, prefix);

              g_assert_nonnull (row);
              g_assert_true (g_str_has_suffix (row, tail));
            }
          checked++;
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpuint (checked, ==, activities);

  /* The footer counts the same activities and overdue deliverables. */
  footer = g_strdup_printf ("%" G_GINT64_FORMAT " activities in the period.", activities);
  g_assert_nonnull (strstr (text, footer));
  if (pdf != NULL)
    g_assert_nonnull (strstr (pdf, footer));
  g_free (footer);
  footer = overdue_total == 1 ? g_strdup ("1 deliverable is overdue.")
                              : g_strdup_printf ("%" G_GINT64_FORMAT " deliverables are overdue.", overdue_total);
  g_assert_nonnull (strstr (text, footer));
}

/* The Indicators report */

/* A value in thousandths as the report writes it: "85", "31.5". */
static char *
milli_text (gint64 milli)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT, milli / 1000, ABS (milli % 1000));
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';

  return g_steal_pointer (&s);
}

/* The newest total (no gender, no pillar) of @type by the end of the period. */
#define INDICATOR_VALUE \
  "SELECT value_milli FROM indicator_values WHERE indicator_uuid = ?1 AND type = ?2" \
  " AND gender IS NULL AND pillar IS NULL AND period_start <= ?3 AND value_milli IS NOT NULL" \
  " ORDER BY period_end DESC, rowid DESC LIMIT 1"

static void
test_indicators_report (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (store, DESK_REPORT_INDICATORS, f->group, NULL, NULL, &error);
  g_autofree char *csv = run_cli ("--db", f->db, "report", "indicators", "--csv");
  g_autofree char *text = run_cli ("--db", f->db, "report", "indicators");
  g_autofree char *pdf = report_pdf_text (f, "indicators");
  g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);
  sqlite3_stmt *stmt = sql_prepare (f, "SELECT uuid, name_en, baseline_milli FROM indicators "
                                       "WHERE group_uuid = ?1 AND unit IN ('number', 'percentage') ORDER BY name_en");
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==,
                    sql_int (f, "SELECT count(*) FROM indicators WHERE group_uuid = ?1", f->group, NULL, NULL));

  sqlite3_bind_text (stmt, 1, f->group, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *baseline = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                                  ? g_strdup ("—") : milli_text (sqlite3_column_int64 (stmt, 2));
      g_autofree char *target = NULL;
      g_autofree char *actual = NULL;
      g_autofree char *expected_csv = NULL;
      gboolean found = FALSE;
      sqlite3_stmt *v = sql_prepare (f, INDICATOR_VALUE);
      gboolean has_target, has_actual;
      gint64 target_v = 0, actual_v = 0;

      sqlite3_bind_text (v, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (v, 2, "target", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (v, 3, f->to, -1, SQLITE_TRANSIENT);
      has_target = sqlite3_step (v) == SQLITE_ROW;
      if (has_target)
        target_v = sqlite3_column_int64 (v, 0);
      sqlite3_reset (v);
      sqlite3_bind_text (v, 2, "actual", -1, SQLITE_TRANSIENT);
      has_actual = sqlite3_step (v) == SQLITE_ROW;
      if (has_actual)
        actual_v = sqlite3_column_int64 (v, 0);
      sqlite3_finalize (v);
      target = has_target ? milli_text (target_v) : g_strdup ("—");
      actual = has_actual ? milli_text (actual_v) : g_strdup ("—");

      /* Core's cells, the CSV's, the text's and the PDF's: baseline, target, actual. */
      for (guint r = 0; r < report->rows->len; r++)
        {
          char **cells = g_ptr_array_index (report->rows, r);
          g_autofree char *b = normalise (cells[2]);
          g_autofree char *t = normalise (cells[3]);
          g_autofree char *a = normalise (cells[4]);

          if (g_strcmp0 (cells[0], name) != 0)
            continue;
          g_assert_cmpstr (b, ==, baseline);
          g_assert_cmpstr (t, ==, target);
          g_assert_cmpstr (a, ==, actual);
          found = TRUE;
        }
      g_assert_true (found);

      expected_csv = g_strdup_printf (",%s,%s,%s,", baseline, target, actual);
      found = FALSE;
      for (guint l = 1; csv_lines[l] != NULL; l++)
        if (csv_lines[l][0] != '\0' &&
            (g_str_has_prefix (csv_lines[l], name) || g_str_has_prefix (csv_lines[l] + 1, name)))
          {
            g_assert_nonnull (strstr (csv_lines[l], expected_csv));
            found = TRUE;
          }
      g_assert_true (found);

      /* Text and PDF cut long names: the row is found by its first words. */
      {
        g_autofree char *start = g_strndup (name, 20);
        g_autofree char *figures = g_strdup_printf (" %s %s %s ", baseline, target, actual);
        g_autofree char *row = find_row (text, start);

        g_assert_nonnull (row);
        g_assert_nonnull (strstr (row, figures));
        if (pdf != NULL)
          {
            g_autofree char *pdf_row = find_row (pdf, start);

            g_assert_nonnull (pdf_row);
            g_assert_nonnull (strstr (pdf_row, figures));
          }
      }
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, >, 0);
}

/* @minor as the CSV writes money: "364700.00", "-500.00". */
static char *
plain_money (gint64 minor,
             int    decimals)
{
  g_autofree char *text = money_text (minor, decimals);
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    if (g_str_has_prefix (c, "−"))
      g_string_append_c (plain, '-');
    else if (*c != ',')
      g_string_append_unichar (plain, g_utf8_get_char (c));

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

/* The CLI's tidy CSV (budget --csv): each category row and the total, against SQL. */
static void
check_budget_csv (Fixture    *f,
                  GHashTable *rows,
                  int         decimals)
{
  g_autofree char *csv = run_cli ("--db", f->db, "budget", "--csv");
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint categories = 0;
  gboolean total_seen = FALSE;

  g_assert_true (g_str_has_prefix (lines[0], "level,activity,category,description,quantity,unit,unit_cost,"
                                             "line_currency,line_total_original,line_total_revised,currency,"
                                             "budget,spent,variance,variance_percent,over_budget,missing_rates,complete"));
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = NULL;
      SqlBudget *expected;
      g_autofree char *budget = NULL;
      g_autofree char *spent = NULL;

      /* Category and total rows name no activity or line: no quoted commas. */
      if (!g_str_has_prefix (lines[l], "category,") && !g_str_has_prefix (lines[l], "total,"))
        continue;
      cells = g_strsplit (lines[l], ",", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 18);
      expected = g_hash_table_lookup (rows, g_str_equal (cells[0], "total") ? "" : cells[2]);
      g_assert_nonnull (expected);
      budget = plain_money (expected->revised, decimals);
      spent = plain_money (expected->spent, decimals);
      g_assert_cmpstr (cells[11], ==, budget);
      g_assert_cmpstr (cells[12], ==, spent);
      /* Amounts without a rate: counted, and the row says it is not complete. */
      g_assert_cmpint (g_ascii_strtoll (cells[16], NULL, 10) > 0, ==, expected->missing > 0);
      g_assert_cmpstr (cells[17], ==, expected->missing > 0 ? "no" : "yes");
      if (g_str_equal (cells[0], "total"))
        total_seen = TRUE;
      else
        categories++;
    }
  g_assert_true (total_seen);
  g_assert_cmpuint (categories, >, 0);
}

/* The Budget against actual report's CSV: each activity's subtotal and the total. */
static void
check_budget_report_csv (Fixture    *f,
                         GHashTable *rows,
                         int         decimals)
{
  g_autofree char *csv = run_cli ("--db", f->db, "report", "budget", "--csv");
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint activities = 0;
  gboolean total_seen = FALSE;

  g_assert_true (g_str_has_prefix (lines[0], "level,"));
  for (guint l = 1; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      /* The first column says what the row is: line, subtotal or total. */
      const char *level = lines[l];
      const char *line = strchr (level, ',') + 1;
      const char *subtotal = strstr (line, ",Activity subtotal,");
      g_auto(GStrv) cells = NULL;
      g_autofree char *key = NULL;
      g_autofree char *budget = NULL;
      g_autofree char *spent = NULL;
      SqlBudget *expected;

      if (g_str_has_prefix (level, "total,Total,,"))
        {
          cells = g_strsplit (line + strlen ("Total,,"), ",", -1);
          key = g_strdup ("");
          total_seen = TRUE;
        }
      else if (subtotal != NULL)
        {
          const char *item = line[0] == '"' ? line + 1 : line;

          g_assert_true (g_str_has_prefix (level, "subtotal,"));

          cells = g_strsplit (subtotal + strlen (",Activity subtotal,"), ",", -1);
          key = g_str_has_prefix (item, "Group coordination,")
                ? g_strdup ("activity:")
                : g_strdup_printf ("activity:%.*s", (int) strcspn (item, " "), item);
          activities++;
        }
      else
        continue;

      expected = g_hash_table_lookup (rows, key);
      g_assert_nonnull (expected);
      budget = plain_money (expected->revised, decimals);
      spent = plain_money (expected->spent, decimals);
      g_assert_cmpstr (cells[0], ==, budget);
      g_assert_cmpstr (cells[1], ==, spent);
    }
  g_assert_true (total_seen);
  g_assert_cmpuint (activities, >, 0);
}

/* What a budget test expects of its fixture. */
enum
{
  BUDGET_COMPLETE = 0,
  BUDGET_MISSING_RATE = 1 << 0,  /* a rate was taken away: amounts are left out */
};

/* The Total row of the report's text and PDF: budget, spent, variance. */
static void
check_budget_report_total (Fixture   *f,
                           SqlBudget *total,
                           int        decimals,
                           int        expect)
{
  g_autofree char *text = run_cli ("--db", f->db, "report", "budget");
  g_autofree char *pdf = report_pdf_text (f, "budget");
  g_autofree char *budget = money_text (total->revised, decimals);
  g_autofree char *spent = money_text (total->spent, decimals);
  g_autofree char *variance = money_text (total->revised - total->spent, decimals);
  g_autofree char *expected = g_strdup_printf ("Total %s %s %s ", budget, spent, variance);
  g_autofree char *row = find_row (text, "Total ");

  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (row, expected));
  if (pdf != NULL)
    {
      g_autofree char *pdf_row = find_row (pdf, "Total ");

      g_assert_nonnull (pdf_row);
      g_assert_true (g_str_has_prefix (pdf_row, expected));
    }
}

static void
test_budget_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *workplan = sql_workplan (f);
  g_autoptr(GHashTable) rows = sql_budget (f);
  g_autoptr(DeskBudgetSummary) summary = desk_budget_summarise (store, workplan, &error);
  g_autofree char *json = run_cli ("--db", f->db, "budget", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  SqlBudget *total = g_hash_table_lookup (rows, "");
  GHashTableIter iter;
  const char *key;
  guint categories = 0;
  JsonObject *o;

  g_assert_no_error (error);
  g_assert_cmpint (total->revised, >, 0);
  g_assert_cmpint (total->spent, >, 0);
  /* A test that takes a rate away must see an amount left out. */
  g_assert_cmpuint (total->missing > 0, ==, (GPOINTER_TO_INT (data) & BUDGET_MISSING_RATE) != 0);

  /* Core: every category and the total; amounts without a rate are left out, counted. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (key[0] != '\0' && !g_str_has_prefix (key, "activity:"))
      categories++;
  g_assert_cmpuint (summary->categories->len, ==, categories);
  for (guint i = 0; i < summary->categories->len; i++)
    {
      DeskBudgetRow *row = g_ptr_array_index (summary->categories, i);
      SqlBudget *expected = g_hash_table_lookup (rows, row->key);

      g_assert_nonnull (expected);
      g_assert_cmpint (desk_budget_row_budget (row, DESK_BUDGET_REVISED), ==, expected->revised);
      g_assert_cmpint (row->spent, ==, expected->spent);
      g_assert_cmpuint (row->missing > 0, ==, expected->missing > 0);
    }
  g_assert_cmpint (desk_budget_row_budget (&summary->total, DESK_BUDGET_REVISED), ==, total->revised);
  g_assert_cmpint (summary->total.spent, ==, total->spent);
  g_assert_cmpuint (summary->total.missing > 0, ==, total->missing > 0);

  /* The CLI's JSON: the same total. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  o = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "total");
  g_assert_cmpint (json_object_get_int_member (o, "revised"), ==, total->revised);
  g_assert_cmpint (json_object_get_int_member (o, "spent"), ==, total->spent);

  /* The CSVs, the report's text and its PDF. */
  check_budget_csv (f, rows, summary->decimals);
  check_budget_report_csv (f, rows, summary->decimals);
  check_budget_report_total (f, total, summary->decimals, GPOINTER_TO_INT (data));
}

/* The sample without its dollar rates: the line and receipts in USD have none. */
static void
set_up_sample_missing_rate (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *rw = NULL;

  set_up_sample (f, data);
  g_assert_cmpint (sqlite3_open (f->db, &rw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (rw, "DELETE FROM exchange_rates WHERE currency = 'USD'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (rw), >, 0);
  sqlite3_close (rw);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/figures/sample/workplan-report", Fixture, NULL, set_up_sample,
              test_workplan_report, tear_down);
  /* The generated group has no indicators: the sample's are checked. */
  g_test_add ("/figures/sample/indicators-report", Fixture, NULL, set_up_sample,
              test_indicators_report, tear_down);
  g_test_add ("/figures/sample/budget-report", Fixture, GINT_TO_POINTER (BUDGET_COMPLETE), set_up_sample,
              test_budget_report, tear_down);
  g_test_add ("/figures/sample/budget-report-missing-rate", Fixture, GINT_TO_POINTER (BUDGET_MISSING_RATE),
              set_up_sample_missing_rate, test_budget_report, tear_down);
  g_test_add ("/figures/generated/workplan-report", Fixture, NULL, set_up_generated,
              test_workplan_report, tear_down);
  g_test_add ("/figures/generated/budget-report", Fixture, GINT_TO_POINTER (BUDGET_COMPLETE),
              set_up_generated,
              test_budget_report, tear_down);

  return g_test_run ();
}
