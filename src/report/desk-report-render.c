/* desk-report-render.c
 *
 * Page 1: the header, the chart and the table's first rows; later pages: the header and
 * the rest of the table, its column titles repeated, never a row cut in two; the notes
 * after the last row; every page ends with its number and the date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-report"

#include "config.h"

#include "desk-report-render.h"
#include "desk-report-render-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-money.h"
#include "desk-reference.h"

#define MARGIN 42.0
#define CHART_HEIGHT 220.0
#define CHART_MAX_HEIGHT 400.0
#define HEADER_HEIGHT 68.0
#define FOOTER_HEIGHT 24.0
#define CELL_PAD 4.0

struct _DeskReportLayout
{
  DeskReport *report;
  double width;
  double height;
  char *printed_on;
  double *column_widths;
  double table_size;     /* the table's font size: 8 pt, smaller when its columns need it */
  double *row_heights;
  double header_row_height;
  GArray *page_starts;   /* guint: the first row of each page */
  double chart_height;
  double notes_height;
  gboolean notes_on_own_page;
};

DeskReportLayout *
desk_report_layout_new (DeskReport *report,
                        double      width,
                        double      height,
                        const char *printed_on)
{
  DeskReportLayout *layout = g_new0 (DeskReportLayout, 1);

  layout->report = report;
  layout->width = width;
  layout->height = height;
  layout->printed_on = g_strdup (printed_on);
  layout->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  return layout;
}

void
desk_report_layout_free (DeskReportLayout *layout)
{
  if (layout == NULL)
    return;

  g_free (layout->printed_on);
  g_free (layout->column_widths);
  g_free (layout->row_heights);
  g_array_unref (layout->page_starts);
  g_free (layout);
}

/* Text in the table and header wraps between words only: a word never breaks in the
 * middle ("Conting-ency"). Columns are made at least as wide as their longest word
 * (measure_columns), so every word fits its line. */
static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  return _desk_pdf_text_layout (cr, text, size, bold, width, PANGO_WRAP_WORD, 0);
}

static double
text_height (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);

  return (double) h / PANGO_SCALE;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);

  return (double) w / PANGO_SCALE;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold,
           double      width,
           gboolean    right)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width);

  if (right && width > 0)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The width of the longest word of @text: the narrowest a column can be without breaking
 * a word. Chinese has no spaces and may wrap between any two characters; there, four
 * characters (see below). */
static double
longest_word (cairo_t    *cr,
              const char *text,
              double      size,
              gboolean    bold)
{
  /* Pango breaks lines at spaces and after a hyphen ("multi-/stakeholder"). */
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " -/", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar first = g_utf8_get_char (words[i]);

      /* A word of ideographs may wrap between any two characters, but a heading set
       * one character a line cannot be read: its narrowest is four characters (or all
       * of a shorter word). */
      if (words[i][0] != '\0' && g_unichar_iswide (first))
        {
          const char *end = g_utf8_offset_to_pointer (words[i], MIN (g_utf8_strlen (words[i], -1), 4));
          g_autofree char *part = g_strndup (words[i], end - words[i]);

          w = MAX (w, text_width (cr, part, size, bold));
        }
      else
        w = MAX (w, text_width (cr, words[i], size, bold));
    }

  return w;
}

static gboolean
row_is_bold (DeskReport *report,
             guint       row)
{
  return desk_report_row_level (report, row) != DESK_REPORT_ROW_PLAIN;
}

/* Each column's natural width and (for text) its longest word, at the table's size. */
static void
measure_column_widths (DeskReportLayout *self,
                       cairo_t          *cr,
                       double           *minimum,
                       double           *numbers,
                       double           *naturals,
                       double           *minimums,
                       guint            *n_texts)
{
  DeskReport *r = self->report;
  guint n = r->columns->len;
  double available = self->width - 2 * MARGIN;

  for (guint c = 0; c < n; c++)
    {
      DeskReportColumn *column = g_ptr_array_index (r->columns, c);
      gboolean number = column->align == DESK_COLUMN_NUMBER;
      /* A title wraps only between words. */
      double w = number ? longest_word (cr, column->title, self->table_size, TRUE) : text_width (cr, column->title, self->table_size, TRUE);

      minimum[c] = longest_word (cr, column->title, self->table_size, TRUE);
      for (guint i = 0; i < r->rows->len; i++)
        {
          char **cells = g_ptr_array_index (r->rows, i);
          gboolean bold = row_is_bold (r, i);

          w = MAX (w, text_width (cr, cells[c], self->table_size, bold));
          if (!number)
            minimum[c] = MAX (minimum[c], longest_word (cr, cells[c], self->table_size, bold));
        }
      self->column_widths[c] = w + 2 * CELL_PAD;
      minimum[c] = MIN (minimum[c] + 2 * CELL_PAD, self->column_widths[c]);
      if (number)
        *numbers += self->column_widths[c];
      else
        {
          (*n_texts)++;
          *naturals += MIN (self->column_widths[c], available * 0.5);
          *minimums += minimum[c];
        }
    }

  /* Numbers keep their width (an amount broken over two lines misreads) unless text
   * columns would get less than their longest words. */
}

/* Column widths: numbers get their natural width and never wrap; text columns get at
 * least their longest word, and share the rest of the page in proportion to their widest
 * cells. */
static void
measure_columns (DeskReportLayout *self,
                 cairo_t          *cr)
{
  DeskReport *r = self->report;
  guint n = r->columns->len;
  double available = self->width - 2 * MARGIN;
  double numbers = 0, naturals = 0, minimums = 0, room, texts;
  g_autofree double *minimum = g_new0 (double, n);
  guint n_texts = 0;

  g_free (self->column_widths);
  self->column_widths = g_new0 (double, n);

  /* When the numbers and the text columns' longest words cannot share the page, the
   * whole table is set smaller (down to 6 pt) rather than a number overprinting the next
   * or a word breaking. Measured again at each size: hinting makes widths not follow the
   * size exactly. */
  self->table_size = 8.0;
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      numbers = naturals = minimums = 0;
      n_texts = 0;
      measure_column_widths (self, cr, minimum, &numbers, &naturals, &minimums, &n_texts);
      if (numbers + minimums <= available || self->table_size <= 6.0)
        break;
      /* Quarter points, and at least one quarter smaller each time. */
      self->table_size = MAX (6.0, MIN ((int) (self->table_size * (available - 2 * CELL_PAD * n) /
                                               MAX (numbers + minimums - 2 * CELL_PAD * n, 1.0) * 4) / 4.0,
                                         self->table_size - 0.25));
    }

  room = MAX (available - minimums, available * 0.5);
  if (numbers > room)
    for (guint c = 0; c < n; c++)
      if (((DeskReportColumn *) g_ptr_array_index (r->columns, c))->align == DESK_COLUMN_NUMBER)
        self->column_widths[c] *= room / numbers;

  texts = MAX (available - MIN (numbers, room), 0);
  for (guint c = 0; c < n && naturals > 0; c++)
    {
      if (((DeskReportColumn *) g_ptr_array_index (r->columns, c))->align == DESK_COLUMN_NUMBER)
        continue;
      if (minimums <= texts)
        /* Each its longest word, and the rest shared by how much more each would take. */
        self->column_widths[c] = minimum[c] + (texts - minimums) *
                                 MIN (self->column_widths[c], available * 0.5) / naturals;
      else
        /* Words longer than the page allows: shared by their length (a word then breaks). */
        self->column_widths[c] = minimum[c] * texts / minimums;
    }
}

guint
desk_report_layout_paginate (DeskReportLayout *self,
                             cairo_t          *cr)
{
  DeskReport *r = self->report;
  double body_top, body_bottom, y;
  guint first = 0;

  measure_columns (self, cr);

  g_free (self->row_heights);
  self->row_heights = g_new0 (double, r->rows->len);
  self->header_row_height = 0;
  for (guint c = 0; c < r->columns->len; c++)
    {
      DeskReportColumn *column = g_ptr_array_index (r->columns, c);
      self->header_row_height = MAX (self->header_row_height,
                                     text_height (cr, column->title, self->table_size, TRUE,
                                                  self->column_widths[c] - 2 * CELL_PAD) + 2 * CELL_PAD);
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      char **cells = g_ptr_array_index (r->rows, i);

      for (guint c = 0; cells[c] != NULL; c++)
        self->row_heights[i] = MAX (self->row_heights[i],
                                    text_height (cr, cells[c], self->table_size, row_is_bold (r, i),
                                                 self->column_widths[c] - 2 * CELL_PAD) + 2 * CELL_PAD);
    }

  self->notes_height = 0;
  for (guint i = 0; i < r->notes->len; i++)
    self->notes_height += text_height (cr, g_ptr_array_index (r->notes, i), 9, FALSE,
                                       self->width - 2 * MARGIN) + 4;

  /* Taller when its bars lie, so that every bar has room for its figure. */
  self->chart_height = desk_report_chart_height (r, cr, self->width - 2 * MARGIN, CHART_HEIGHT,
                                                 CHART_MAX_HEIGHT);

  g_array_set_size (self->page_starts, 0);
  body_top = MARGIN + HEADER_HEIGHT + self->chart_height + 12;
  body_bottom = self->height - MARGIN - FOOTER_HEIGHT;
  y = body_top + self->header_row_height;
  g_array_append_val (self->page_starts, first);

  for (guint i = 0; i < r->rows->len; i++)
    {
      if (y + self->row_heights[i] > body_bottom)
        {
          g_array_append_val (self->page_starts, i);
          y = MARGIN + HEADER_HEIGHT + self->header_row_height;
        }
      y += self->row_heights[i];
    }

  self->notes_on_own_page = y + 8 + self->notes_height > body_bottom;
  if (self->notes_on_own_page)
    {
      guint none = r->rows->len;
      g_array_append_val (self->page_starts, none);
    }

  return self->page_starts->len;
}

static void
draw_header_and_footer (DeskReportLayout *self,
                        cairo_t          *cr,
                        guint             page)
{
  DeskReport *r = self->report;
  g_autofree char *footer = NULL;
  double content = self->width - 2 * MARGIN;

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  draw_text (cr, r->group_name, MARGIN, MARGIN, 9, FALSE, content, FALSE);
  draw_text (cr, r->title, MARGIN, MARGIN + 13, 15, TRUE, content, FALSE);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  draw_text (cr, r->subtitle, MARGIN, MARGIN + 40, 9, FALSE, content, FALSE);

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN + HEADER_HEIGHT - 6);
  cairo_line_to (cr, self->width - MARGIN, MARGIN + HEADER_HEIGHT - 6);
  cairo_stroke (cr);

  /* Translators: the footer of a printed report: page 2 of 5, and the date it was made. */
  footer = g_strdup_printf (_("Page %u of %u · %s"), page + 1, self->page_starts->len,
                            self->printed_on != NULL ? self->printed_on : "");
  draw_text (cr, footer, MARGIN, self->height - MARGIN - 10, 8, FALSE, content, TRUE);
}

static void
draw_table_header (DeskReportLayout *self,
                   cairo_t          *cr,
                   double            y)
{
  DeskReport *r = self->report;
  double x = MARGIN;

  cairo_set_source_rgb (cr, 0.90, 0.91, 0.93);
  cairo_rectangle (cr, MARGIN, y, self->width - 2 * MARGIN, self->header_row_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  for (guint c = 0; c < r->columns->len; c++)
    {
      DeskReportColumn *column = g_ptr_array_index (r->columns, c);

      draw_text (cr, column->title, x + CELL_PAD, y + CELL_PAD, self->table_size, TRUE,
                 self->column_widths[c] - 2 * CELL_PAD, column->align == DESK_COLUMN_NUMBER);
      x += self->column_widths[c];
    }
}

void
desk_report_layout_draw_page (DeskReportLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  DeskReport *r = self->report;
  guint first, last;
  double y;

  g_return_if_fail (page < self->page_starts->len);

  first = g_array_index (self->page_starts, guint, page);
  last = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1)
                                           : r->rows->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_header_and_footer (self, cr, page);

  y = MARGIN + HEADER_HEIGHT;
  if (page == 0)
    {
      desk_report_draw_chart (r, cr, MARGIN, y, self->width - 2 * MARGIN, self->chart_height, FALSE);
      y += self->chart_height + 12;
    }

  if (first < last)
    {
      draw_table_header (self, cr, y);
      y += self->header_row_height;

      for (guint i = first; i < last; i++)
        {
          char **cells = g_ptr_array_index (r->rows, i);
          double x = MARGIN;

          if (i % 2 == 1)
            {
              cairo_set_source_rgb (cr, 0.965, 0.965, 0.97);
              cairo_rectangle (cr, MARGIN, y, self->width - 2 * MARGIN, self->row_heights[i]);
              cairo_fill (cr);
            }
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
          /* The total under a rule, as a sum is written on paper. */
          if (desk_report_row_level (r, i) == DESK_REPORT_ROW_TOTAL)
            {
              cairo_set_line_width (cr, 0.8);
              cairo_move_to (cr, MARGIN, y + 0.4);
              cairo_line_to (cr, self->width - MARGIN, y + 0.4);
              cairo_stroke (cr);
            }
          for (guint c = 0; cells[c] != NULL; c++)
            {
              DeskReportColumn *column = g_ptr_array_index (r->columns, c);

              draw_text (cr, cells[c], x + CELL_PAD, y + CELL_PAD, self->table_size, row_is_bold (r, i),
                         self->column_widths[c] - 2 * CELL_PAD, column->align == DESK_COLUMN_NUMBER);
              x += self->column_widths[c];
            }
          y += self->row_heights[i];
        }
    }

  /* The notes follow the last row, on its page or the next. */
  if (page == self->page_starts->len - 1)
    {
      y += 8;
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
      for (guint i = 0; i < r->notes->len; i++)
        {
          const char *note = g_ptr_array_index (r->notes, i);

          draw_text (cr, note, MARGIN, y, 9, FALSE, self->width - 2 * MARGIN, FALSE);
          y += text_height (cr, note, 9, FALSE, self->width - 2 * MARGIN) + 4;
        }
    }

  cairo_restore (cr);
}

/* The chart */

typedef struct
{
  double r, g, b;
} Colour;

/* Blue, orange, grey, green: told apart by colour-blind readers too, and each bar also has
 * a pattern and its series' name in the legend. Four, for the attendance chart's four
 * genders (women, men, another gender, not stated): no two series share a colour. */
static const Colour light_colours[] = {
  { 0.16, 0.40, 0.72 }, { 0.90, 0.52, 0.13 }, { 0.55, 0.55, 0.58 }, { 0.00, 0.55, 0.42 },
};
static const Colour dark_colours[] = {
  { 0.47, 0.68, 0.95 }, { 0.98, 0.68, 0.35 }, { 0.70, 0.70, 0.74 }, { 0.35, 0.80, 0.65 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (light_colours) == G_N_ELEMENTS (dark_colours));
#define N_COLOURS G_N_ELEMENTS (light_colours)

static void
fill_pattern (cairo_t      *cr,
              guint         series,
              const Colour *colour,
              double        x,
              double        y,
              double        w,
              double        h)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);

  if (series % N_COLOURS == 3)
    {
      /* Upright stripes for the fourth. */
      cairo_save (cr);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      cairo_set_line_width (cr, 1.0);
      for (double d = x + 2.5; d < x + w; d += 4)
        {
          cairo_move_to (cr, d, y);
          cairo_line_to (cr, d, y + h);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else if (series % N_COLOURS == 1 || series % N_COLOURS == 2)
    {
      /* Hatching for the second series, dots for the third. */
      cairo_save (cr);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      cairo_set_line_width (cr, 1.0);
      if (series % N_COLOURS == 1)
        for (double d = -h; d < w; d += 5)
          {
            cairo_move_to (cr, x + d, y + h);
            cairo_line_to (cr, x + d + h, y);
          }
      else
        for (double dy = y + 2; dy < y + h; dy += 4)
          for (double dx = x + 2; dx < x + w; dx += 4)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, dx, dy, 0.7, 0, 2 * G_PI);
            }
      if (series % N_COLOURS == 1)
        cairo_stroke (cr);
      else
        cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_new_path (cr);
}

#define CHART_TEXT 7.0        /* figures, ticks and category labels */
#define LEGEND_ROW 14.0

typedef struct
{
  cairo_t *cr;
  DeskReport *report;
} ChartText;

static PangoLayout *
label_layout (cairo_t    *cr,
              const char *label,
              double      width)
{
  PangoLayout *layout = text_layout (cr, label, CHART_TEXT, FALSE, width);

  /* Lines break between words only: a word wider than its box is cut with "…" (the
   * chart's description has it whole), never split in two. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);

  return layout;
}

static guint
label_lines (guint    i,
             double   width,
             gpointer data)
{
  ChartText *t = data;
  g_autoptr(PangoLayout) layout = label_layout (t->cr, g_ptr_array_index (t->report->chart_labels, i), width);

  return (guint) pango_layout_get_line_count (layout);
}

/* The widest piece of @label that cannot be broken: laid out in no width at all, each
 * line is one such piece. */
static double
label_min_width (cairo_t    *cr,
                 const char *label)
{
  g_autoptr(PangoLayout) layout = label_layout (cr, label, 1.0 / PANGO_SCALE);
  int w, h;

  pango_layout_get_size (layout, &w, &h);

  return (double) w / PANGO_SCALE;
}

static void
draw_chart_text (cairo_t             *cr,
                 const char          *text,
                 const DeskChartRect *box,
                 PangoAlignment       alignment)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, CHART_TEXT, FALSE, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (alignment == PANGO_ALIGN_RIGHT)
    cairo_move_to (cr, box->x + box->width - (double) w / PANGO_SCALE, box->y);
  else if (alignment == PANGO_ALIGN_CENTER)
    cairo_move_to (cr, box->x + (box->width - (double) w / PANGO_SCALE) / 2, box->y);
  else
    cairo_move_to (cr, box->x, box->y);
  pango_cairo_show_layout (cr, layout);
}

/* The legend, wrapped onto as many rows as it needs: a swatch with each series'
 * pattern and its name, and a dashed line for the reference. Returns its height. */
static double
draw_legend (DeskReport   *report,
             cairo_t      *cr,
             const Colour *colours,
             double        fg,
             double        x,
             double        y,
             double        width)
{
  guint n_items = report->series->len + (report->reference_name != NULL);
  double lx = x, ly = y;

  for (guint s = 0; s < n_items; s++)
    {
      gboolean reference = s == report->series->len;
      const char *name = reference ? report->reference_name
                                   : ((DeskReportSeries *) g_ptr_array_index (report->series, s))->name;
      double item_w = 18 + text_width (cr, name, 8, FALSE) + 16;

      if (lx > x && lx + item_w - 16 > x + width)
        {
          lx = x;
          ly += LEGEND_ROW;
        }
      if (reference)
        {
          static const double dash[] = { 3.0, 2.0 };

          cairo_set_source_rgb (cr, fg, fg, fg);
          cairo_set_line_width (cr, 1.0);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (cr, lx, ly + 7.5);
          cairo_line_to (cr, lx + 14, ly + 7.5);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        fill_pattern (cr, s, &colours[s % N_COLOURS], lx, ly + 3, 14, 9);
      cairo_set_source_rgb (cr, fg, fg, fg);
      draw_text (cr, name, lx + 18, ly, 8, FALSE, -1, FALSE);
      lx += item_w;
    }

  return ly + LEGEND_ROW - y;
}

/* The widest tick label the axis can have: its top, on the finest axis there is. */
static double
widest_tick (DeskReport *report,
             cairo_t    *cr)
{
  gint64 max = report->reference_name != NULL ? report->reference : 0;
  g_autofree char *top = NULL;

  for (guint s = 0; s < report->series->len; s++)
    for (guint i = 0; i < report->chart_labels->len; i++)
      max = MAX (max, ((DeskReportSeries *) g_ptr_array_index (report->series, s))->values[i]);
  top = desk_report_chart_tick_text (report, desk_chart_axis (max, report->unit_scale, 5).top);

  return text_width (cr, top, CHART_TEXT, FALSE);
}

static void
draw_grid (DeskReport            *report,
           cairo_t               *cr,
           const DeskChartLayout *layout,
           double                 fg)
{
  const DeskChartRect *p = &layout->plot;
  gboolean vertical = layout->orientation == DESK_CHART_VERTICAL;

  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t <= layout->axis.n_steps; t++)
    {
      double f = t / (double) layout->axis.n_steps;
      g_autofree char *text = desk_report_chart_tick_text (report, layout->axis.step * (gint64) t);

      cairo_set_source_rgba (cr, fg, fg, fg, t == 0 ? 0.8 : 0.2);
      if (vertical)
        {
          cairo_move_to (cr, p->x, p->y + p->height * (1 - f));
          cairo_line_to (cr, p->x + p->width, p->y + p->height * (1 - f));
        }
      else
        {
          cairo_move_to (cr, p->x + p->width * f, p->y);
          cairo_line_to (cr, p->x + p->width * f, p->y + p->height);
        }
      cairo_stroke (cr);
      if (layout->tick_shown[t])
        {
          cairo_set_source_rgb (cr, fg, fg, fg);
          draw_chart_text (cr, text, &layout->ticks[t], vertical ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
        }
    }

  /* The reference (the target), dashed across the bars. */
  if (report->reference_name != NULL && layout->axis.top > 0)
    {
      static const double dash[] = { 3.0, 2.0 };
      double f = (double) report->reference / (double) layout->axis.top;

      cairo_set_source_rgb (cr, fg, fg, fg);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      if (vertical)
        {
          cairo_move_to (cr, p->x, p->y + p->height * (1 - f));
          cairo_line_to (cr, p->x + p->width, p->y + p->height * (1 - f));
        }
      else
        {
          cairo_move_to (cr, p->x + p->width * f, p->y);
          cairo_line_to (cr, p->x + p->width * f, p->y + p->height);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_category_label (cairo_t               *cr,
                     const char            *label,
                     const DeskChartLayout *layout,
                     guint                  i)
{
  const DeskChartRect *box = &layout->labels[i];
  g_autoptr(PangoLayout) text = label_layout (cr, label, box->width);

  /* A word wider than the box: one line, cut with "…". */
  pango_layout_set_height (text, layout->label_ellipsized[i] ? -1 : -(int) layout->label_lines[i]);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (text, layout->orientation == DESK_CHART_VERTICAL ? PANGO_ALIGN_CENTER
                                                                              : PANGO_ALIGN_LEFT);
  cairo_move_to (cr, box->x, box->y);
  pango_cairo_show_layout (cr, text);
}

/* What the chart's layout needs measured, for a chart whose bars start at @top. */
typedef struct
{
  ChartText text;
  double *label_widths;
  double *label_min_widths;
  double *value_widths;
  DeskChartMeasures m;
} ChartMeasures;

static void
chart_measures_init (ChartMeasures *cm,
                     DeskReport    *report,
                     cairo_t       *cr,
                     double         x,
                     double         top,
                     double         width,
                     double         height)
{
  guint n_labels = report->chart_labels->len;
  guint n_series = report->series->len;

  cm->text = (ChartText) { cr, report };
  cm->label_widths = g_new0 (double, MAX (n_labels, 1));
  cm->label_min_widths = g_new0 (double, MAX (n_labels, 1));
  cm->value_widths = g_new0 (double, MAX (n_labels * n_series, 1));
  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = g_ptr_array_index (report->chart_labels, i);

      cm->label_widths[i] = text_width (cr, label, CHART_TEXT, FALSE);
      cm->label_min_widths[i] = label_min_width (cr, label);
      for (guint s = 0; s < n_series; s++)
        {
          g_autofree char *value = desk_report_chart_value_text (report, s, i);
          cm->value_widths[i * n_series + s] = text_width (cr, value, CHART_TEXT, FALSE);
        }
    }
  cm->m = (DeskChartMeasures) { 0 };
  cm->m.area = (DeskChartRect) { x, top, width, MAX (height, 1) };
  cm->m.line_height = text_height (cr, "Ag", CHART_TEXT, FALSE, -1);
  cm->m.value_height = cm->m.line_height;
  cm->m.tick_width = widest_tick (report, cr);
  cm->m.label_widths = cm->label_widths;
  cm->m.label_min_widths = cm->label_min_widths;
  cm->m.value_widths = cm->value_widths;
  cm->m.label_lines = label_lines;
  cm->m.data = &cm->text;
}

static void
chart_measures_clear (ChartMeasures *cm)
{
  g_free (cm->label_widths);
  g_free (cm->label_min_widths);
  g_free (cm->value_widths);
}

/* The height of the title and the legend. */
static double
chart_header_height (DeskReport *report,
                     cairo_t    *cr,
                     double      width)
{
  double h = text_height (cr, report->chart_title, 10, TRUE, width) + 4;

  if (report->chart_labels->len > 0 && report->series->len > 0)
    {
      /* Drawn and thrown away: the legend measures itself as it wraps. */
      cairo_save (cr);
      cairo_push_group (cr);
      h += draw_legend (report, cr, light_colours, 0, 0, 0, width) + 6;
      cairo_pattern_destroy (cairo_pop_group (cr));
      cairo_restore (cr);
    }

  return h;
}

double
desk_report_chart_height (DeskReport *report,
                          cairo_t    *cr,
                          double      width,
                          double      min_height,
                          double      max_height)
{
  guint n_labels = report->chart_labels->len;
  guint n_series = report->series->len;
  double header, needed;
  ChartMeasures cm;
  g_autoptr(DeskChartLayout) layout = NULL;

  if (n_labels == 0 || n_series == 0)
    return min_height;

  header = chart_header_height (report, cr, width);
  chart_measures_init (&cm, report, cr, 0, header, width, min_height - header);
  layout = desk_chart_layout_new (report, &cm.m);
  /* Lying bars: a row for each label with room for every bar's figure beside it. */
  needed = layout->orientation == DESK_CHART_HORIZONTAL
    ? header + n_labels * (n_series * (cm.m.value_height + 1) + 8) + cm.m.value_height + 4
    : min_height;
  chart_measures_clear (&cm);

  return CLAMP (needed, min_height, MAX (max_height, min_height));
}

void
desk_report_draw_chart (DeskReport *report,
                        cairo_t    *cr,
                        double      x,
                        double      y,
                        double      width,
                        double      height,
                        gboolean    dark)
{
  const Colour *colours = dark ? dark_colours : light_colours;
  guint n_labels = report->chart_labels->len;
  guint n_series = report->series->len;
  double fg = dark ? 0.92 : 0.12;
  double top;
  ChartMeasures cm;
  g_autoptr(DeskChartLayout) layout = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, fg, fg, fg);
  draw_text (cr, report->chart_title, x, y, 10, TRUE, width, FALSE);
  top = y + text_height (cr, report->chart_title, 10, TRUE, width) + 4;

  if (n_labels == 0 || n_series == 0)
    {
      draw_text (cr, _("Nothing to chart for this period."), x, y + height / 2, 9, FALSE, width, FALSE);
      cairo_restore (cr);
      return;
    }

  /* The legend has a row of its own, with space under it before the top tick. */
  top += draw_legend (report, cr, colours, fg, x, top, width) + 6;

  chart_measures_init (&cm, report, cr, x, top, width, y + height - top);
  layout = desk_chart_layout_new (report, &cm.m);
  chart_measures_clear (&cm);

  draw_grid (report, cr, layout, fg);

  for (guint i = 0; i < n_labels; i++)
    {
      for (guint s = 0; s < n_series; s++)
        {
          const DeskChartRect *bar = &layout->bars[i * n_series + s];

          if (bar->width > 0 && bar->height > 0)
            fill_pattern (cr, s, &colours[s % N_COLOURS], bar->x, bar->y, bar->width, bar->height);
        }

      cairo_set_source_rgb (cr, fg, fg, fg);
      for (guint s = 0; s < n_series; s++)
        if (layout->value_shown[i * n_series + s])
          {
            g_autofree char *value = desk_report_chart_value_text (report, s, i);
            draw_chart_text (cr, value, &layout->values[i * n_series + s], PANGO_ALIGN_LEFT);
          }
      if (layout->label_shown[i])
        draw_category_label (cr, g_ptr_array_index (report->chart_labels, i), layout, i);
    }

  cairo_restore (cr);
}

cairo_status_t
_desk_pdf_sink_write (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  DeskPdfSink *sink = closure;

  while (length > 0)
    {
      gssize n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

gboolean
desk_report_write_pdf (DeskReport  *report,
                       const char  *path,
                       const char  *printed_on,
                       GError     **error)
{
  return desk_report_write_pdf_full (report, path, printed_on, NULL, NULL, NULL, error);
}

gboolean
desk_report_write_pdf_full (DeskReport        *report,
                            const char        *path,
                            const char        *printed_on,
                            GCancellable      *cancellable,
                            DeskProgressFunc   progress_func,
                            gpointer           progress_data,
                            GError           **error)
{
  DeskProgress progress;
  gboolean cancelled = FALSE;
  /* Wide tables (the attendance report's pillars) go on landscape pages. */
  gboolean landscape = report->columns->len > 8;
  const double a4_width = landscape ? 841.89 : 595.276, a4_height = landscape ? 595.276 : 841.89;
  g_autoptr(DeskReportLayout) layout = desk_report_layout_new (report, a4_width, a4_height, printed_on);
  g_autofree char *tmp = NULL;
  DeskPdfSink sink = { -1, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint pages;

  desk_progress_init (&progress, cancellable, progress_func, progress_data);
  if (desk_progress_cancelled (&progress, error))
    return FALSE;

  /* Never over the open database, its companions or backups, nor into a device or a
   * pipe: written beside the target under a name of its own, renamed when whole. */
  sink.fd = desk_file_create_temp_beside (path, 0644, &tmp, error);
  if (sink.fd < 0)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (_desk_pdf_sink_write, &sink, a4_width, a4_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Groupdesk " PACKAGE_VERSION);
  cr = cairo_create (surface);

  pages = desk_report_layout_paginate (layout, cr);
  for (guint page = 0; page < pages && !cancelled; page++)
    {
      desk_progress_report (&progress, (double) page / pages);
      cancelled = g_cancellable_is_cancelled (cancellable);
      if (cancelled)
        break;
      desk_report_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0)
    {
      sink.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  close (sink.fd);

  /* Cancelled, or cancelled while the last page was written: nothing is kept. */
  if (cancelled || desk_progress_cancelled (&progress, NULL))
    {
      g_unlink (tmp);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The PDF %s could not be written: %s. Check that the folder is writable "
                     "and the disk has space."), path,
                   sink.saved_errno != 0 ? g_strerror (sink.saved_errno)
                                         : cairo_status_to_string (status));
      return FALSE;
    }

  if (!desk_file_commit_temp (tmp, path, error))
    return FALSE;
  desk_progress_report (&progress, 1.0);

  return TRUE;
}

PangoLayout *
_desk_pdf_text_layout (cairo_t       *cr,
                       const char    *text,
                       double         size,
                       gboolean       bold,
                       double         width,
                       PangoWrapMode  wrap,
                       double         height)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (DESK_PDF_FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  /* The CJK font comes first, and its apostrophes and quotation marks are as wide as an
   * ideograph ("group’ s"): English takes their proportional forms. */
  if (!desk_locale_is_chinese ())
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("pwid"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, wrap);
    }
  if (height > 0 || height < -1)
    {
      pango_layout_set_height (layout, height > 0 ? (int) (height * PANGO_SCALE) : (int) height);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}
