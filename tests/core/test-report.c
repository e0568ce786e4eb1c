/* test-report.c — the four reports against independent SQL, their CSV and their PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "test-common.h"

#include "desk-report-render.h"

typedef struct
{
  DeskStore *store;
  char *group;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = test_open_memory (TEST_NOW);
  f->group = desk_demo_fill (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->group);
}

static gint64
sql_int (Fixture    *f,
         const char *sql)
{
  return test_sqlite_int (_desk_store_get_db (f->store), sql);
}

static int
column_index (DeskReport *report,
              const char *key)
{
  for (guint i = 0; i < report->columns->len; i++)
    if (g_str_equal (((DeskReportColumn *) g_ptr_array_index (report->columns, i))->key, key))
      return (int) i;

  g_error ("no column %s", key);
}

static void
test_workplan (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_WORKPLAN, NULL, NULL, NULL, &error);
  int overdue = column_index (report, "overdue");
  gint64 overdue_sum = 0, chart_sum = 0;

  g_assert_no_error (error);
  /* The sample workplan's whole period: every activity is in it. */
  g_assert_cmpint (report->rows->len, ==, sql_int (f, "SELECT count(*) FROM activities"));
  for (guint i = 0; i < report->rows->len; i++)
    overdue_sum += g_ascii_strtoll (((char **) g_ptr_array_index (report->rows, i))[overdue], NULL, 10);
  g_assert_cmpint (overdue_sum, ==,
                   sql_int (f, "SELECT count(*) FROM deliverables WHERE due_date < '2026-11-25' "
                               "AND status NOT IN ('delivered', 'accepted')"));
  for (guint i = 0; i < report->chart_labels->len; i++)
    chart_sum += ((DeskReportSeries *) g_ptr_array_index (report->series, 0))->values[i];
  g_assert_cmpint (chart_sum, ==, report->rows->len);
  g_assert_cmpint (((DeskReportSeries *) g_ptr_array_index (report->series, 0))->values[2], ==,
                   sql_int (f, "SELECT count(*) FROM activities WHERE status = 'done'"));
  g_assert_nonnull (report->chart_description);

  /* A period that holds nothing gives an empty table, not an error. */
  {
    g_autoptr(DeskReport) empty = desk_report_compute (f->store, DESK_REPORT_WORKPLAN, NULL,
                                                       "2001-01-01", "2001-12-31", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (empty->rows->len, ==, 0);
  }
}

static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  int budget = column_index (report, "budget");
  int spent = column_index (report, "spent");
  g_autofree char *expected_budget = NULL;
  g_autofree char *expected_spent = NULL;
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (report->unit, ==, "GHS");

  /* A1's lines are all in cedis and unrevised: their total, and its expenses. */
  expected_budget = desk_money_format_amount (
    sql_int (f, "SELECT sum ((l.quantity_milli * l.unit_cost_minor + 500) / 1000) FROM budget_lines l "
                "JOIN activities a ON a.uuid = l.activity_uuid WHERE a.code = 'A1'"), 2);
  expected_spent = desk_money_format_amount (
    sql_int (f, "SELECT sum (e.amount_minor) FROM expenses e JOIN budget_lines l ON l.uuid = e.budget_line_uuid "
                "JOIN activities a ON a.uuid = l.activity_uuid WHERE a.code = 'A1'"), 2);

  for (guint i = 0; i < report->rows->len; i++)
    {
      char **cells = g_ptr_array_index (report->rows, i);

      /* A1's subtotal heads its lines. */
      if (g_str_has_prefix (cells[0], "A1 "))
        {
          g_assert_cmpstr (cells[budget], ==, expected_budget);
          g_assert_cmpstr (cells[spent], ==, expected_spent);
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* Every line, a subtotal for each activity (12 and the group's own costs), the total. */
  g_assert_cmpuint (report->rows->len, ==,
                    sql_int (f, "SELECT count(*) FROM budget_lines") + 13 + 1);
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_ATTENDANCE, NULL,
                                                      "2025-07-01", "2026-12-31", &error);
  int attendances = column_index (report, "attendances");
  gint64 total = 0, women = 0;

  g_assert_no_error (error);
  /* Six quarters from July 2025 to December 2026. */
  g_assert_cmpuint (report->rows->len, ==, 6);
  for (guint i = 0; i < report->rows->len; i++)
    total += g_ascii_strtoll (((char **) g_ptr_array_index (report->rows, i))[attendances], NULL, 10);
  g_assert_cmpint (total, ==,
                   sql_int (f, "SELECT count(*) FROM attendance a JOIN workshops w ON w.uuid = a.workshop_uuid "
                               "WHERE a.status = 'attended' AND w.start_date BETWEEN '2025-07-01' AND '2026-12-31'"));
  for (guint i = 0; i < report->chart_labels->len; i++)
    women += ((DeskReportSeries *) g_ptr_array_index (report->series, 0))->values[i];
  g_assert_cmpint (women, ==,
                   sql_int (f, "SELECT count(*) FROM attendance a JOIN people p ON p.uuid = a.person_uuid "
                               "WHERE a.status = 'attended' AND p.gender = 'woman'"));
}

static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_INDICATORS, NULL, NULL, NULL, &error);
  int actual = column_index (report, "actual");
  int target = column_index (report, "target");
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (report->rows->len, ==, sql_int (f, "SELECT count(*) FROM indicators"));
  for (guint i = 0; i < report->rows->len; i++)
    {
      char **cells = g_ptr_array_index (report->rows, i);

      /* The total actual, not a gender's share of it. */
      if (g_str_has_prefix (cells[0], "Police officers trained"))
        {
          g_assert_cmpstr (cells[actual], ==, "85");
          g_assert_cmpstr (cells[target], ==, "120");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, "2026-12-31",
                                                      "2026-01-01", &error);

  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, "soon", "later", &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autofree char *csv = desk_report_to_csv (report, FALSE);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  gboolean found = FALSE;

  /* A header, a line per row, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, report->rows->len + 2);
  g_assert_true (g_str_has_prefix (lines[0], "item,category,budget,spent,variance"));
  /* Numbers without grouping or percent signs; A1's subtotal first, then its lines. */
  g_assert_null (strstr (lines[1], "%"));
  g_assert_true (g_str_has_prefix (lines[1], "A1 "));
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "A1 "))
      {
        g_assert_nonnull (strstr (lines[i], ",24600.00,"));
        found = TRUE;
      }
  g_assert_true (found);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "budget.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  int status = 0;

  g_assert_true (desk_report_write_pdf (report, pdf, "25 November 2026", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF was written but not read back");
      test_rm_rf (dir);
      return;
    }

  {
    const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                  &status, &error);
    g_assert_no_error (error);
  }

  /* The group's name, the title, a total and the page numbers are in the text. */
  g_assert_nonnull (strstr (text, "Ghana Voluntary Principles In-Country Implementation Group"));
  g_assert_nonnull (strstr (text, "Budget against actual"));
  g_assert_nonnull (strstr (text, "GHS 364,700.00"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  test_rm_rf (dir);
}

/* A rate far beyond the bounds in the database (stored before them, or by another
 * program): the budget report still works, names the rate, and the cedi figures stay. */
static void
test_budget_huge_rate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) before = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autoptr(DeskReport) after = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "budget.pdf", NULL);
  int spent = column_index (before, "spent");
  gboolean named = FALSE;

  g_assert_no_error (error);
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE exchange_rates SET rate_mantissa = 1000000000000000000, rate_scale = 0 "
                    "WHERE currency = 'USD'");
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE expenses SET amount_minor = 9223372036854775807 "
                    "WHERE rowid = (SELECT min (rowid) FROM expenses WHERE currency = 'GHS' AND amount_minor > 0)");

  after = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpuint (after->rows->len, ==, before->rows->len);

  for (guint i = 0; i < after->notes->len; i++)
    named |= strstr (g_ptr_array_index (after->notes, i), "The exchange rate of USD from") != NULL;
  g_assert_true (named);

  for (guint i = 0; i < after->rows->len; i++)
    {
      char **cells = g_ptr_array_index (after->rows, i);

      /* Spending is positive here: a wrapped sum would show as negative or near 2⁶³. */
      g_assert_false (cells[spent][0] == '-');
      for (guint c = 0; cells[c] != NULL; c++)
        g_assert_null (strstr (cells[c], "92,233,720"));
    }
  for (guint i = 0; i < after->series->len; i++)
    {
      DeskReportSeries *series = g_ptr_array_index (after->series, i);

      for (guint j = 0; j < after->chart_labels->len; j++)
        {
          g_assert_cmpint (series->values[j], <=, DESK_MONEY_MAX_SUM);
          g_assert_cmpint (series->values[j], >=, -DESK_MONEY_MAX_SUM);
        }
    }

  /* And it prints. */
  g_assert_true (desk_report_write_pdf (after, pdf, "25 November 2026", &error));
  g_assert_no_error (error);
  test_rm_rf (dir);
}

/* Indicator values at the int64 limits (written by another program) are shown as stored,
 * and left out of the chart, whose scale they would wrap. */
static void
test_indicators_huge_values (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = NULL;
  gboolean named = FALSE;

  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE indicator_values SET value_milli = -9223372036854775807 - 1 "
                    "WHERE value_milli IS NOT NULL AND type = 'actual'");
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE indicators SET baseline_milli = 9223372036854775807 "
                    "WHERE baseline_milli IS NOT NULL");

  report = desk_report_compute (f->store, DESK_REPORT_INDICATORS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->notes->len; i++)
    named |= strstr (g_ptr_array_index (report->notes, i), "left out of the chart") != NULL;
  g_assert_true (named);
  for (guint i = 0; i < report->series->len; i++)
    {
      DeskReportSeries *series = g_ptr_array_index (report->series, i);

      for (guint j = 0; j < report->chart_labels->len; j++)
        {
          g_assert_cmpint (series->values[j], <=, DESK_MILLI_MAX);
          g_assert_cmpint (series->values[j], >=, -DESK_MILLI_MAX);
        }
    }
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
} Cancel;

static void
cancel_first (double   fraction,
              gpointer user_data)
{
  Cancel *c = user_data;

  if (c->calls++ == 0)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelled from its first report (the file begun) or before it starts: no PDF, and
 * nothing beside it; not cancelled, the same report is written. */
static void
test_pdf_cancelled (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "budget.pdf", NULL);
  Cancel cancel = { cancellable, 0 };

  g_assert_no_error (error);
  for (guint before_start = 0; before_start < 2; before_start++)
    {
      g_autoptr(GDir) listing = NULL;

      cancel.calls = 0;
      g_cancellable_reset (cancellable);
      if (before_start)
        g_cancellable_cancel (cancellable);
      g_assert_false (desk_report_write_pdf_full (report, pdf, "25 November 2026", cancellable,
                                                  cancel_first, &cancel, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (cancel.calls, ==, before_start ? 0 : 1);
      listing = g_dir_open (dir, 0, NULL);
      g_assert_null (g_dir_read_name (listing));
    }

  g_cancellable_reset (cancellable);
  g_assert_true (desk_report_write_pdf_full (report, pdf, "25 November 2026", cancellable,
                                             NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  test_rm_rf (dir);
}

static gboolean
is_round (gint64 units)
{
  while (units >= 10 && units % 10 == 0)
    units /= 10;

  return units == 1 || units == 2 || units == 5;
}

/* The round number just below @round (a 1, 2 or 5 times a power of ten), or 0. */
static gint64
next_smaller_round (gint64 round)
{
  gint64 power = 1;

  while (round / power >= 10)
    power *= 10;
  switch (round / power)
    {
    case 5: return 2 * power;
    case 2: return power;
    default: return power >= 10 ? 5 * (power / 10) : 0;
    }
}

/* Chart axes tick at round figures (1-2-5 steps) of the unit shown: the Workplan
 * report's axis read 0, 1, 2, 4 and the budget's 43,333 and 86,666. */
static void
test_chart_axis (void)
{
  static const struct { gint64 max; int scale; gint64 step; guint n; } cases[] = {
    { 4, 1, 1, 4 },                 /* four activities: 0 1 2 3 4 */
    { 3, 1, 1, 3 },
    { 7, 1, 2, 4 },                 /* 0 2 4 6 8 */
    { 0, 1, 1, 1 },                 /* nothing: one step of one */
    { -5, 1, 1, 1 },
    { 13000000, 100, 5000000, 3 },  /* GHS 130,000.00: 0 50,000 100,000 150,000 */
    { 452, 10, 100, 5 },            /* 45.2 %: 0 10 20 30 40 50 */
    { 1, 100, 100, 1 },             /* one cent still shows a whole unit */
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DeskChartAxis axis = desk_chart_axis (cases[i].max, cases[i].scale, 5);

      g_assert_cmpint (axis.step, ==, cases[i].step);
      g_assert_cmpuint (axis.n_steps, ==, cases[i].n);
      g_assert_cmpint (axis.top, ==, axis.step * axis.n_steps);
    }

  /* Any value: a round step of whole units, at most five steps, the top at or above the
   * value and less than a step above it, and no smaller round step would have done. */
  for (guint i = 0; i < 20000; i++)
    {
      int scale = (int[]) { 1, 10, 100, 1000 }[g_rand_int_range (rand, 0, 4)];
      gint64 max = (gint64) (g_rand_double (rand) * pow (10, g_rand_int_range (rand, 0, 16))) + 1;
      gint64 units = max / scale + (max % scale != 0);
      DeskChartAxis axis = desk_chart_axis (max, scale, 5);
      gint64 step_units = axis.step / scale;

      g_assert_cmpint (axis.step % scale, ==, 0);
      g_assert_true (is_round (step_units));
      g_assert_cmpuint (axis.n_steps, >=, 1);
      g_assert_cmpuint (axis.n_steps, <=, 5);
      g_assert_cmpint (axis.top, >=, max);
      g_assert_cmpint ((gint64) (axis.n_steps - 1) * step_units, <, units);
      /* The next smaller round step would have needed more than five steps. */
      if (next_smaller_round (step_units) > 0)
        {
          gint64 lower = next_smaller_round (step_units);

          g_assert_cmpint (units / lower + (units % lower != 0), >, 5);
        }
    }

  /* Near the largest integer: no overflow, the top still covers the value. */
  {
    DeskChartAxis axis = desk_chart_axis (G_MAXINT64 - 3, 100, 5);

    g_assert_cmpint (axis.top, >=, G_MAXINT64 - 3);
    g_assert_cmpuint (axis.n_steps, >=, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/report/workplan", test_workplan);
  ADD ("/core/report/budget", test_budget);
  ADD ("/core/report/attendance", test_attendance);
  ADD ("/core/report/indicators", test_indicators);
  ADD ("/core/report/bad-period", test_bad_period);
  ADD ("/core/report/csv", test_csv);
  ADD ("/core/report/pdf", test_pdf);
  ADD ("/core/report/pdf-cancelled", test_pdf_cancelled);
  ADD ("/core/report/budget-huge-rate", test_budget_huge_rate);
  ADD ("/core/report/indicators-huge-values", test_indicators_huge_values);
#undef ADD

  g_test_add_func ("/core/report/chart-axis", test_chart_axis);
  return g_test_run ();
}
