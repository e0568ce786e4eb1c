/* desk-report-chart.c — where a report's chart puts its bars and labels, and its values
 * as text
 *
 * The renderer (cairo and Pango, for the app and the PDF alike) measures the texts and
 * this file decides the rest, so every rule of the chart is written once and a test
 * can check it without drawing: bars grow along an axis of round ticks; category labels
 * break only between words, under the bars when every label fits there, else beside
 * bars that grow to the right; each bar carries its figure, formatted as the table
 * formats it, unless there is no room, and no two labels ever overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-report"

#include "config.h"

#include "desk-report.h"
#include "desk-report-private.h"

#include "desk-i18n.h"
#include "desk-money.h"

#define BAR_MAX 28.0          /* an upright bar at most this wide */
#define HBAR_MAX 14.0         /* a lying bar at most this thick */
#define GAP 3.0               /* between a bar and its figure, a label and its bar */
#define VERTICAL_LINES 2      /* a label under bars takes at most two lines */
#define SIDE_LABELS_SHARE 0.4 /* labels beside bars take at most this share of the width */

/* Texts */

char *
desk_report_chart_value_text (DeskReport *report,
                              guint       series_index,
                              guint       label)
{
  const DeskReportSeries *series;
  gint64 value;
  int decimals = 0;

  g_return_val_if_fail (series_index < report->series->len, NULL);
  g_return_val_if_fail (label < report->chart_labels->len, NULL);

  series = g_ptr_array_index (report->series, series_index);
  if (series->missing[label])
    return g_strdup ("—");

  value = series->values[label];
  /* Percentages in tenths, as the indicators table writes them. */
  if (g_strcmp0 (report->unit, "%") == 0)
    return _desk_report_percent_text (TRUE, (int) CLAMP (value * 10 / MAX (report->unit_scale, 1),
                                                         G_MININT, G_MAXINT));

  /* Amounts with the currency's decimals (unit_scale is 10 to their number), counts
   * whole. */
  for (gint64 scale = MAX (report->unit_scale, 1); scale >= 10; scale /= 10)
    decimals++;

  return desk_money_format_amount (value, decimals);
}

char *
desk_report_chart_tick_text (DeskReport *report,
                             gint64      value)
{
  g_autofree char *units = desk_money_format_amount (value / MAX (report->unit_scale, 1), 0);

  if (g_strcmp0 (report->unit, "%") == 0)
    return desk_percent_text (units);

  return g_steal_pointer (&units);
}

char *
desk_report_chart_values_sentence (DeskReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->chart_labels->len; i++)
    {
      g_autoptr(GString) values = g_string_new (NULL);

      for (guint s = 0; s < report->series->len; s++)
        {
          const DeskReportSeries *series = g_ptr_array_index (report->series, s);
          g_autofree char *value = desk_report_chart_value_text (report, s, i);

          if (values->len > 0)
            g_string_append (values, C_("list separator", ", "));
          if (series->missing[i])
            /* Translators: a chart's description: a series with no value reported
             * for a bar: “Actual not reported”. */
            g_string_append_printf (values, C_("chart value", "%s not reported"), series->name);
          else
            /* Translators: one value in a chart's description: “Budget 1,200.00”. */
            g_string_append_printf (values, C_("chart value", "%s %s"), series->name, value);
        }
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: one group of bars in a chart's description, its label and its
       * values: “Travel: Budget 1,200.00, Spent 950.00.” */
      g_string_append_printf (text, C_("chart value", "%s: %s."),
                              (const char *) g_ptr_array_index (report->chart_labels, i), values->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Geometry */

static gboolean
rects_overlap (const DeskChartRect *a,
               const DeskChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_inside (const DeskChartRect *inner,
             const DeskChartRect *outer)
{
  /* A hundredth of a unit of slack for rounding. */
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gint64
chart_max (DeskReport *report)
{
  gint64 max = report->reference_name != NULL ? report->reference : 0;

  for (guint s = 0; s < report->series->len; s++)
    {
      const DeskReportSeries *series = g_ptr_array_index (report->series, s);

      for (guint i = 0; i < report->chart_labels->len; i++)
        if (!series->missing[i])
          max = MAX (max, series->values[i]);
    }

  return max;
}

/* The length of a bar for @value along @extent: nothing below 0 or for no value. */
static double
bar_length (const DeskChartLayout  *layout,
            const DeskReportSeries *series,
            guint                   label,
            double                  extent)
{
  if (series->missing[label] || series->values[label] <= 0)
    return 0;

  return extent * (double) series->values[label] / (double) layout->axis.top;
}

/* Shows each figure where it fits: inside the chart, over no bar but its own, over no
 * figure already placed. A 0 keeps its figure (its bar cannot be seen), as does a value
 * that was not reported ("—"). */
static void
place_values (DeskChartLayout         *layout,
              const DeskChartMeasures *m)
{
  guint n = layout->n_labels * layout->n_series;

  for (guint k = 0; k < n; k++)
    {
      gboolean fits = rect_inside (&layout->values[k], &m->area);

      for (guint j = 0; fits && j < n; j++)
        {
          if (j != k && layout->bars[j].width > 0 && layout->bars[j].height > 0 &&
              rects_overlap (&layout->values[k], &layout->bars[j]))
            fits = FALSE;
          if (j < k && layout->value_shown[j] && rects_overlap (&layout->values[k], &layout->values[j]))
            fits = FALSE;
        }
      for (guint i = 0; fits && i < layout->n_labels; i++)
        fits = !layout->label_shown[i] || !rects_overlap (&layout->values[k], &layout->labels[i]);
      for (guint t = 0; fits && t <= layout->axis.n_steps; t++)
        fits = !rects_overlap (&layout->values[k], &layout->ticks[t]);
      layout->value_shown[k] = fits;
    }
}

/* Category labels in order, each shown when inside the chart and clear of the one
 * before: only rows thinner than a line of text leave some out. */
static void
place_labels (DeskChartLayout         *layout,
              const DeskChartMeasures *m)
{
  int last = -1;

  for (guint i = 0; i < layout->n_labels; i++)
    {
      layout->label_shown[i] = rect_inside (&layout->labels[i], &m->area) &&
                               (last < 0 || !rects_overlap (&layout->labels[i], &layout->labels[last]));
      if (layout->label_shown[i])
        last = (int) i;
    }
}

/* Tick labels left to right or bottom to top, each shown unless it would touch the one
 * before. */
static void
place_ticks (DeskChartLayout *layout)
{
  int last = -1;

  for (guint t = 0; t <= layout->axis.n_steps; t++)
    {
      layout->tick_shown[t] = last < 0 || !rects_overlap (&layout->ticks[t], &layout->ticks[last]);
      if (layout->tick_shown[t])
        last = (int) t;
    }
}

static guint
steps_for (double length,
           double per_step)
{
  return (guint) CLAMP (length / MAX (per_step, 1.0), 1, 5);
}

/* Bars grow up; labels under them. */
static void
lay_out_vertical (DeskChartLayout         *layout,
                  DeskReport              *report,
                  const DeskChartMeasures *m)
{
  const DeskChartRect *a = &m->area;
  double labels_h = VERTICAL_LINES * m->line_height + GAP;
  double slot, bar_w;

  layout->orientation = DESK_CHART_VERTICAL;
  layout->plot.x = a->x + m->tick_width + 2 * GAP;
  layout->plot.width = MAX (a->x + a->width - layout->plot.x - 1, 1);
  /* Room above the highest bar for its figure, which also keeps the top tick's label
   * inside the chart. */
  layout->plot.y = a->y + m->value_height + GAP;
  layout->plot.height = MAX (a->height - (m->value_height + GAP) - labels_h, 1);
  layout->axis = desk_chart_axis (chart_max (report), report->unit_scale,
                                  steps_for (layout->plot.height, 2.5 * m->value_height));

  slot = layout->plot.width / layout->n_labels;
  bar_w = MIN (BAR_MAX, MAX (slot - 2 * GAP, 1) / layout->n_series);

  for (guint i = 0; i < layout->n_labels; i++)
    {
      double gx = layout->plot.x + slot * i + (slot - bar_w * layout->n_series) / 2;
      double label_w = MAX (slot - 2, 1);
      guint lines = m->label_lines (i, label_w, m->data);

      layout->label_ellipsized[i] = lines > VERTICAL_LINES || m->label_min_widths[i] > label_w;
      layout->label_lines[i] = CLAMP (lines, 1, VERTICAL_LINES);
      layout->labels[i] = (DeskChartRect) { layout->plot.x + slot * i + 1, layout->plot.y + layout->plot.height + GAP,
                                            label_w, layout->label_lines[i] * m->line_height };

      for (guint s = 0; s < layout->n_series; s++)
        {
          guint k = i * layout->n_series + s;
          double h = bar_length (layout, g_ptr_array_index (report->series, s), i, layout->plot.height);
          double cx = gx + bar_w * s + (bar_w - 1) / 2;

          layout->bars[k] = (DeskChartRect) { gx + bar_w * s, layout->plot.y + layout->plot.height - h,
                                              h > 0 ? bar_w - 1 : 0, h };
          layout->values[k] = (DeskChartRect) { cx - m->value_widths[k] / 2,
                                                layout->bars[k].y - m->value_height - 1,
                                                m->value_widths[k], m->value_height };
        }
    }

  for (guint t = 0; t <= layout->axis.n_steps; t++)
    {
      double gy = layout->plot.y + layout->plot.height * (1 - t / (double) layout->axis.n_steps);

      layout->ticks[t] = (DeskChartRect) { a->x, gy - m->value_height / 2, m->tick_width, m->value_height };
    }
}

/* Bars grow right; labels beside them, wrapped between words over as many lines as a
 * row holds. */
static void
lay_out_horizontal (DeskChartLayout         *layout,
                    DeskReport              *report,
                    const DeskChartMeasures *m)
{
  const DeskChartRect *a = &m->area;
  double label_w = 0, value_w = 0, row_h, bar_h;
  guint row_lines;

  layout->orientation = DESK_CHART_HORIZONTAL;
  for (guint i = 0; i < layout->n_labels; i++)
    label_w = MAX (label_w, m->label_widths[i]);
  label_w = MIN (label_w, a->width * SIDE_LABELS_SHARE);
  for (guint k = 0; k < layout->n_labels * layout->n_series; k++)
    value_w = MAX (value_w, m->value_widths[k]);

  layout->plot.x = a->x + label_w + 2 * GAP;
  layout->plot.y = a->y;
  /* Room right of the longest bar for its figure and for the last tick's label. */
  layout->plot.width = MAX (a->x + a->width - layout->plot.x - MAX (value_w + GAP, m->tick_width / 2) - 1, 1);
  layout->plot.height = MAX (a->height - m->value_height - GAP, 1);
  layout->axis = desk_chart_axis (chart_max (report), report->unit_scale,
                                  steps_for (layout->plot.width, m->tick_width + 4 * GAP));

  row_h = layout->plot.height / layout->n_labels;
  bar_h = MIN (HBAR_MAX, MAX (row_h - 2 * GAP, 1) / layout->n_series);
  row_lines = (guint) CLAMP (row_h / MAX (m->line_height, 1), 1, 3);

  for (guint i = 0; i < layout->n_labels; i++)
    {
      double row_y = layout->plot.y + row_h * i;
      double gy = row_y + (row_h - bar_h * layout->n_series) / 2;
      guint lines = m->label_lines (i, label_w, m->data);

      layout->label_ellipsized[i] = lines > row_lines || m->label_min_widths[i] > label_w;
      layout->label_lines[i] = CLAMP (lines, 1, row_lines);
      layout->labels[i] = (DeskChartRect) { a->x, row_y + (row_h - layout->label_lines[i] * m->line_height) / 2,
                                            label_w, layout->label_lines[i] * m->line_height };

      for (guint s = 0; s < layout->n_series; s++)
        {
          guint k = i * layout->n_series + s;
          double w = bar_length (layout, g_ptr_array_index (report->series, s), i, layout->plot.width);
          double cy = gy + bar_h * s + (bar_h - 1) / 2;

          layout->bars[k] = (DeskChartRect) { layout->plot.x, gy + bar_h * s, w, w > 0 ? bar_h - 1 : 0 };
          layout->values[k] = (DeskChartRect) { layout->plot.x + w + GAP, cy - m->value_height / 2,
                                                m->value_widths[k], m->value_height };
        }
    }

  for (guint t = 0; t <= layout->axis.n_steps; t++)
    {
      double gx = layout->plot.x + layout->plot.width * t / (double) layout->axis.n_steps;

      layout->ticks[t] = (DeskChartRect) { gx - m->tick_width / 2, layout->plot.y + layout->plot.height + GAP,
                                           m->tick_width, m->value_height };
    }
}

static gboolean
all_shown (const DeskChartLayout *layout)
{
  for (guint i = 0; i < layout->n_labels; i++)
    if (layout->label_ellipsized[i] || !layout->label_shown[i])
      return FALSE;
  for (guint k = 0; k < layout->n_labels * layout->n_series; k++)
    if (!layout->value_shown[k])
      return FALSE;

  return TRUE;
}

static void
layout_alloc (DeskChartLayout *layout,
              guint            n_ticks)
{
  guint n = layout->n_labels * layout->n_series;

  g_free (layout->ticks);
  g_free (layout->tick_shown);
  layout->ticks = g_new0 (DeskChartRect, n_ticks);
  layout->tick_shown = g_new0 (gboolean, n_ticks);
  if (layout->bars == NULL)
    {
      layout->bars = g_new0 (DeskChartRect, MAX (n, 1));
      layout->values = g_new0 (DeskChartRect, MAX (n, 1));
      layout->value_shown = g_new0 (gboolean, MAX (n, 1));
      layout->labels = g_new0 (DeskChartRect, MAX (layout->n_labels, 1));
      layout->label_lines = g_new0 (guint, MAX (layout->n_labels, 1));
      layout->label_ellipsized = g_new0 (gboolean, MAX (layout->n_labels, 1));
      layout->label_shown = g_new0 (gboolean, MAX (layout->n_labels, 1));
    }
}

DeskChartLayout *
desk_chart_layout_new (DeskReport              *report,
                       const DeskChartMeasures *m)
{
  DeskChartLayout *layout = g_new0 (DeskChartLayout, 1);

  g_return_val_if_fail (report != NULL && m != NULL, layout);

  layout->n_labels = report->chart_labels->len;
  layout->n_series = report->series->len;
  layout->plot = m->area;
  if (layout->n_labels == 0 || layout->n_series == 0)
    {
      layout->n_labels = layout->n_series = 0;
      layout->axis = desk_chart_axis (0, report->unit_scale, 1);
      layout_alloc (layout, layout->axis.n_steps + 1);
      return layout;
    }

  /* Upright bars when every label fits under its bars on two lines without breaking a
   * word and every figure fits above its bar; else bars that lie, labels beside them. */
  layout_alloc (layout, 6);
  lay_out_vertical (layout, report, m);
  place_labels (layout, m);
  place_values (layout, m);
  if (!all_shown (layout))
    {
      lay_out_horizontal (layout, report, m);
      place_labels (layout, m);
      place_values (layout, m);
    }
  place_ticks (layout);

  return layout;
}

void
desk_chart_layout_free (DeskChartLayout *layout)
{
  if (layout == NULL)
    return;

  g_free (layout->bars);
  g_free (layout->values);
  g_free (layout->value_shown);
  g_free (layout->labels);
  g_free (layout->label_lines);
  g_free (layout->label_ellipsized);
  g_free (layout->label_shown);
  g_free (layout->ticks);
  g_free (layout->tick_shown);
  g_free (layout);
}
