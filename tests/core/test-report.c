/* test-report.c — the four reports against independent SQL, their CSV and their PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "test-common.h"

#include <cairo-pdf.h>

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

/* Chart layout, measured as if every character were 5 units wide and a line 10 high:
 * what the renderer does with Pango, without drawing. */

#define FAKE_CHAR 5.0
#define FAKE_LINE 10.0

static double
fake_width (const char *text)
{
  return FAKE_CHAR * g_utf8_strlen (text, -1);
}

static double
fake_longest_word (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    w = MAX (w, fake_width (words[i]));

  return w;
}

/* Words packed greedily onto lines of @width, a word wider than the line alone on one. */
static guint
fake_lines (guint    i,
            double   width,
            gpointer data)
{
  DeskReport *report = data;
  g_auto(GStrv) words = g_strsplit (g_ptr_array_index (report->chart_labels, i), " ", -1);
  guint lines = 1;
  double line = -1;

  for (guint w = 0; words[w] != NULL; w++)
    {
      double ww = fake_width (words[w]);

      if (line < 0)
        line = ww;
      else if (line + FAKE_CHAR + ww <= width)
        line += FAKE_CHAR + ww;
      else
        {
          lines++;
          line = ww;
        }
    }

  return lines;
}

static DeskChartLayout *
fake_layout (DeskReport *report,
             double      width,
             double      height)
{
  guint n = report->chart_labels->len, ns = report->series->len;
  g_autofree double *widths = g_new0 (double, MAX (n, 1));
  g_autofree double *min_widths = g_new0 (double, MAX (n, 1));
  g_autofree double *values = g_new0 (double, MAX (n * ns, 1));
  DeskChartMeasures m = { { 10, 20, width, height }, FAKE_LINE, FAKE_LINE, 40, NULL, NULL, NULL,
                          fake_lines, report };

  for (guint i = 0; i < n; i++)
    {
      widths[i] = fake_width (g_ptr_array_index (report->chart_labels, i));
      min_widths[i] = fake_longest_word (g_ptr_array_index (report->chart_labels, i));
      for (guint s = 0; s < ns; s++)
        {
          g_autofree char *text = desk_report_chart_value_text (report, s, i);
          values[i * ns + s] = fake_width (text);
        }
    }
  m.label_widths = widths;
  m.label_min_widths = min_widths;
  m.value_widths = values;

  return desk_chart_layout_new (report, &m);
}

static gboolean
overlap (const DeskChartRect *a,
         const DeskChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
inside (const DeskChartRect *r,
        double               width,
        double               height)
{
  return r->x >= 10 - 0.01 && r->y >= 20 - 0.01 &&
         r->x + r->width <= 10 + width + 0.01 && r->y + r->height <= 20 + height + 0.01;
}

/* Nothing drawn outside the chart, no text over other text or over another bar, and
 * every bar as long as its value on the axis. */
static void
assert_chart_sound (DeskReport      *report,
                    DeskChartLayout *layout,
                    double           width,
                    double           height)
{
  guint n = layout->n_labels * layout->n_series;
  gboolean upright = layout->orientation == DESK_CHART_VERTICAL;

  g_assert_cmpuint (layout->n_labels, ==, report->chart_labels->len);
  g_assert_true (inside (&layout->plot, width, height));
  for (guint i = 0; i < layout->n_labels; i++)
    {
      if (!layout->label_shown[i])
        continue;
      g_assert_true (inside (&layout->labels[i], width, height));
      g_assert_cmpuint (layout->label_lines[i], >=, 1);
      for (guint j = i + 1; j < layout->n_labels; j++)
        if (layout->label_shown[j])
          g_assert_false (overlap (&layout->labels[i], &layout->labels[j]));
      g_assert_false (overlap (&layout->labels[i], &layout->plot));
    }

  for (guint k = 0; k < n; k++)
    {
      const DeskReportSeries *series = g_ptr_array_index (report->series, k % layout->n_series);
      gint64 v = series->missing[k / layout->n_series] ? 0 : MAX (series->values[k / layout->n_series], 0);
      double length = upright ? layout->bars[k].height : layout->bars[k].width;
      double extent = upright ? layout->plot.height : layout->plot.width;

      g_assert_cmpfloat (fabs (length - extent * v / layout->axis.top), <, 0.01);
      g_assert_cmpint (layout->axis.top, >=, v);
      if (!layout->value_shown[k])
        continue;
      g_assert_true (inside (&layout->values[k], width, height));
      for (guint j = 0; j < n; j++)
        {
          if (j != k && layout->value_shown[j])
            g_assert_false (overlap (&layout->values[k], &layout->values[j]));
          if (j != k && layout->bars[j].width > 0 && layout->bars[j].height > 0)
            g_assert_false (overlap (&layout->values[k], &layout->bars[j]));
        }
      for (guint i = 0; i < layout->n_labels; i++)
        if (layout->label_shown[i])
          g_assert_false (overlap (&layout->values[k], &layout->labels[i]));
    }

  for (guint t = 0; t <= layout->axis.n_steps; t++)
    for (guint u = t + 1; u <= layout->axis.n_steps; u++)
      if (layout->tick_shown[t] && layout->tick_shown[u])
        g_assert_false (overlap (&layout->ticks[t], &layout->ticks[u]));
}

/* Short labels: upright bars, every figure above its bar, the 0 of "Cancelled" too. */
static void
test_chart_layout_upright (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_WORKPLAN, NULL, NULL, NULL, &error);
  g_autoptr(DeskChartLayout) layout = NULL;
  DeskReportSeries *series;
  gboolean zero = FALSE;

  g_assert_no_error (error);
  series = g_ptr_array_index (report->series, 0);
  layout = fake_layout (report, 500, 200);
  g_assert_cmpint (layout->orientation, ==, DESK_CHART_VERTICAL);
  assert_chart_sound (report, layout, 500, 200);
  for (guint i = 0; i < layout->n_labels; i++)
    {
      g_assert_true (layout->value_shown[i]);
      g_assert_true (layout->label_shown[i]);
      g_assert_false (layout->label_ellipsized[i]);
      zero |= series->values[i] == 0;
    }
  g_assert_true (zero);
}

/* Budget categories are too long to sit under their bars: the bars lie, the labels
 * beside them keep every word whole, and every figure is shown when there is room. */
static void
test_chart_layout_long_labels (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autoptr(DeskChartLayout) roomy = NULL;
  g_autoptr(DeskChartLayout) narrow = NULL;
  g_autoptr(DeskChartLayout) crowded = NULL;
  gboolean cut = FALSE, hidden = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (report->chart_labels->len, >, 3);

  roomy = fake_layout (report, 560, 600);
  g_assert_cmpint (roomy->orientation, ==, DESK_CHART_HORIZONTAL);
  assert_chart_sound (report, roomy, 560, 600);
  for (guint i = 0; i < roomy->n_labels; i++)
    {
      g_assert_true (roomy->label_shown[i]);
      g_assert_false (roomy->label_ellipsized[i]);
    }
  for (guint k = 0; k < roomy->n_labels * roomy->n_series; k++)
    g_assert_true (roomy->value_shown[k]);

  /* "Interpretation" is wider than 40 % of 150 units: cut, not broken. */
  narrow = fake_layout (report, 150, 600);
  assert_chart_sound (report, narrow, 150, 600);
  for (guint i = 0; i < narrow->n_labels; i++)
    cut |= narrow->label_ellipsized[i];
  g_assert_true (cut);

  /* No room for the figures: some are left out, none overlaps. */
  crowded = fake_layout (report, 560, 150);
  assert_chart_sound (report, crowded, 560, 150);
  for (guint i = 0; i < crowded->n_labels; i++)
    g_assert_true (crowded->label_shown[i]);
  for (guint k = 0; k < crowded->n_labels * crowded->n_series; k++)
    hidden |= !crowded->value_shown[k];
  g_assert_true (hidden);

  /* Rows thinner than a line: labels that would overlap are left out, none overlaps. */
  g_clear_pointer (&crowded, desk_chart_layout_free);
  crowded = fake_layout (report, 560, 60);
  assert_chart_sound (report, crowded, 560, 60);
}

/* The indicators chart: baseline and actual in tenths of a percent of the target, the
 * yes/no indicator charted (its target "yes" when none is written), values not reported
 * marked missing rather than drawn as 0, and every value in the description. */
static void
test_indicators_chart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_INDICATORS, NULL, NULL, NULL, &error);
  DeskReportSeries *baseline, *actual;
  guint seen = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (report->unit, ==, "%");
  g_assert_cmpint (report->unit_scale, ==, 10);
  g_assert_cmpint (report->reference, ==, 1000);
  g_assert_cmpuint (report->series->len, ==, 2);
  g_assert_cmpuint (report->chart_labels->len, ==, sql_int (f, "SELECT count(*) FROM indicators WHERE unit <> 'text'"));
  baseline = g_ptr_array_index (report->series, 0);
  actual = g_ptr_array_index (report->series, 1);

  for (guint i = 0; i < report->chart_labels->len; i++)
    {
      const char *label = g_ptr_array_index (report->chart_labels, i);

      if (g_str_has_prefix (label, "Police officers trained"))
        {
          /* 85 of 120 trained: 70.8 %, from a baseline of 0. */
          g_assert_cmpint (actual->values[i], ==, 708);
          g_assert_false (baseline->missing[i]);
          g_assert_cmpint (baseline->values[i], ==, 0);
          seen++;
        }
      else if (g_str_has_prefix (label, "Share of women"))
        {
          /* 31.5 % against a target of 35 %: 90 % of it; 18 % is 51.4 % of it. */
          g_assert_cmpint (actual->values[i], ==, 900);
          g_assert_cmpint (baseline->values[i], ==, 514);
          seen++;
        }
      else if (g_str_has_prefix (label, "Member companies"))
        {
          /* No actual yet: missing, shown as "—", not as 0 %. */
          g_assert_true (actual->missing[i]);
          g_assert_cmpint (baseline->values[i], ==, 333);
          {
            g_autofree char *text = desk_report_chart_value_text (report, 1, i);
            g_assert_cmpstr (text, ==, "—");
          }
          seen++;
        }
      else if (g_str_has_prefix (label, "Voluntary Principles referenced"))
        {
          /* yes/no: a "No" baseline is 0 % of a "yes" target. */
          g_assert_false (baseline->missing[i]);
          g_assert_cmpint (baseline->values[i], ==, 0);
          g_assert_true (actual->missing[i]);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 4);

  {
    g_autofree char *text = desk_report_chart_value_text (report, 1, 0);
    g_assert_true (g_str_has_suffix (text, "%"));
    g_assert_false (g_str_has_suffix (text, " %"));
  }
  g_assert_nonnull (strstr (report->chart_description, "Actual 70.8%"));
  g_assert_nonnull (strstr (report->chart_description, "Actual not reported"));
}

/* A text indicator is not charted, and the description says so. */
static void
test_indicators_chart_text (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = NULL;

  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE indicators SET unit = 'text' WHERE name_en LIKE 'Member companies%'");
  report = desk_report_compute (f->store, DESK_REPORT_INDICATORS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->chart_labels->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (report->chart_labels, i), "Member companies"));
  g_assert_nonnull (strstr (report->chart_description, "Not charted: Member companies"));
}

/* The budget chart's description names every category's figures. */
static void
test_budget_chart_description (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->chart_labels->len; i++)
    {
      g_autofree char *budget = desk_report_chart_value_text (report, 0, i);
      g_autofree char *spent = desk_report_chart_value_text (report, 1, i);
      g_autofree char *expected = g_strdup_printf ("%s: Budget %s, Spent %s.",
                                                   (char *) g_ptr_array_index (report->chart_labels, i),
                                                   budget, spent);

      g_assert_nonnull (strstr (report->chart_description, expected));
    }
}

/* The chart as printed: pdftotext finds the long category labels whole. */
static void
test_chart_pdf_words (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (f->store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: the chart cannot be read back");
      test_rm_rf (dir);
      return;
    }

  /* The chart alone, on an A4 page's width, as the PDF report draws it. */
  surface = cairo_pdf_surface_create (pdf, 595.276, 841.89);
  cr = cairo_create (surface);
  height = desk_report_chart_height (report, cr, 511, 220, 400);
  desk_report_draw_chart (report, cr, 42, 42, 511, height, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  {
    const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                  NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (text, "Interpretation and translation"));
  g_assert_nonnull (strstr (text, "Coordination and administration"));
  /* Every figure is there too, as the table writes it. */
  g_assert_nonnull (strstr (text, "130,000.00"));
  g_assert_nonnull (strstr (text, "8,400.00"));
  test_rm_rf (dir);
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
  ADD ("/core/report/chart-layout-upright", test_chart_layout_upright);
  ADD ("/core/report/chart-layout-long-labels", test_chart_layout_long_labels);
  ADD ("/core/report/indicators-chart", test_indicators_chart);
  ADD ("/core/report/indicators-chart-text", test_indicators_chart_text);
  ADD ("/core/report/budget-chart-description", test_budget_chart_description);
  ADD ("/core/report/chart-pdf-words", test_chart_pdf_words);
#undef ADD

  g_test_add_func ("/core/report/chart-axis", test_chart_axis);
  return g_test_run ();
}
