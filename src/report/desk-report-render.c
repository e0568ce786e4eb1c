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

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-money.h"

#define MARGIN 42.0
#define CHART_HEIGHT 220.0
#define HEADER_HEIGHT 68.0
#define FOOTER_HEIGHT 24.0
#define CELL_PAD 4.0
#define FONT "Noto Sans CJK SC, Noto Sans, Cantarell, Sans"

struct _DeskReportLayout
{
  DeskReport *report;
  double width;
  double height;
  char *printed_on;
  double *column_widths;
  double *row_heights;
  double header_row_height;
  GArray *page_starts;   /* guint: the first row of each page */
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

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
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

/* The width of the longest word of a column title (or of all of it, in Chinese). */
static double
longest_word (cairo_t    *cr,
              const char *title)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    w = MAX (w, text_width (cr, words[i], 8, TRUE));

  return w;
}

/* Column widths: numbers get their natural width and never wrap; text columns share
 * the rest of the page in proportion to their widest cells. */
static void
measure_columns (DeskReportLayout *self,
                 cairo_t          *cr)
{
  DeskReport *r = self->report;
  guint n = r->columns->len;
  double available = self->width - 2 * MARGIN;
  double numbers = 0, texts = 0;

  g_free (self->column_widths);
  self->column_widths = g_new0 (double, n);

  for (guint c = 0; c < n; c++)
    {
      DeskReportColumn *column = g_ptr_array_index (r->columns, c);
      /* A number column is as wide as its title's longest word, so titles wrap only
       * between words. */
      double w = column->align == DESK_COLUMN_NUMBER ? longest_word (cr, column->title)
                                                      : text_width (cr, column->title, 8, TRUE);

      for (guint i = 0; i < r->rows->len; i++)
        {
          char **cells = g_ptr_array_index (r->rows, i);
          w = MAX (w, text_width (cr, cells[c], 8, FALSE));
        }
      self->column_widths[c] = w + 2 * CELL_PAD;
      if (column->align == DESK_COLUMN_NUMBER)
        numbers += self->column_widths[c];
      else
        texts += MIN (self->column_widths[c], available * 0.5);
    }

  {
    guint n_texts = 0;
    double room;

    for (guint c = 0; c < n; c++)
      n_texts += ((DeskReportColumn *) g_ptr_array_index (r->columns, c))->align != DESK_COLUMN_NUMBER;
    /* Numbers keep their width unless text columns would get less than 70 points each. */
    room = MAX (available - 70.0 * n_texts, available * 0.5);

    for (guint c = 0; c < n; c++)
      {
        DeskReportColumn *column = g_ptr_array_index (r->columns, c);

        if (column->align == DESK_COLUMN_NUMBER)
          {
            if (numbers > room)
              self->column_widths[c] *= room / numbers;
          }
        else if (texts > 0)
          self->column_widths[c] = MIN (self->column_widths[c], available * 0.5) / texts *
                                   MAX (available - MIN (numbers, room), 0);
      }
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
                                     text_height (cr, column->title, 8, TRUE,
                                                  self->column_widths[c] - 2 * CELL_PAD) + 2 * CELL_PAD);
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      char **cells = g_ptr_array_index (r->rows, i);

      for (guint c = 0; cells[c] != NULL; c++)
        self->row_heights[i] = MAX (self->row_heights[i],
                                    text_height (cr, cells[c], 8, FALSE,
                                                 self->column_widths[c] - 2 * CELL_PAD) + 2 * CELL_PAD);
    }

  self->notes_height = 0;
  for (guint i = 0; i < r->notes->len; i++)
    self->notes_height += text_height (cr, g_ptr_array_index (r->notes, i), 9, FALSE,
                                       self->width - 2 * MARGIN) + 4;

  g_array_set_size (self->page_starts, 0);
  body_top = MARGIN + HEADER_HEIGHT + CHART_HEIGHT + 12;
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

      draw_text (cr, column->title, x + CELL_PAD, y + CELL_PAD, 8, TRUE,
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
      desk_report_draw_chart (r, cr, MARGIN, y, self->width - 2 * MARGIN, CHART_HEIGHT, FALSE);
      y += CHART_HEIGHT + 12;
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
          for (guint c = 0; cells[c] != NULL; c++)
            {
              DeskReportColumn *column = g_ptr_array_index (r->columns, c);

              draw_text (cr, cells[c], x + CELL_PAD, y + CELL_PAD, 8, FALSE,
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

/* Blue, orange, grey: told apart by colour-blind readers too, and each bar also has a
 * pattern and its series' name in the legend. */
static const Colour light_colours[] = { { 0.16, 0.40, 0.72 }, { 0.90, 0.52, 0.13 }, { 0.55, 0.55, 0.58 } };
static const Colour dark_colours[] = { { 0.47, 0.68, 0.95 }, { 0.98, 0.68, 0.35 }, { 0.70, 0.70, 0.74 } };

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

  if (series == 1 || series == 2)
    {
      /* Hatching for the second series, dots for the third. */
      cairo_save (cr);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      cairo_set_line_width (cr, 1.0);
      if (series == 1)
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
      if (series == 1)
        cairo_stroke (cr);
      else
        cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_new_path (cr);
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
  double legend_h = 18, label_h = 34, title_h = 18;
  double plot_x = x + 48, plot_y = y + title_h + legend_h, plot_w = width - 56;
  double plot_h = height - title_h - legend_h - label_h;
  gint64 max = 0;
  DeskChartAxis axis;
  double group_w, bar_w;

  cairo_save (cr);
  cairo_set_source_rgb (cr, fg, fg, fg);
  draw_text (cr, report->chart_title, x, y, 10, TRUE, width, FALSE);

  if (n_labels == 0 || n_series == 0)
    {
      draw_text (cr, _("Nothing to chart for this period."), x, y + height / 2, 9, FALSE, width, FALSE);
      cairo_restore (cr);
      return;
    }

  /* The legend: a swatch with the series' pattern, then its name. */
  {
    double lx = x;

    for (guint s = 0; s < n_series; s++)
      {
        DeskReportSeries *series = g_ptr_array_index (report->series, s);

        fill_pattern (cr, s, &colours[s % 3], lx, y + title_h + 3, 14, 9);
        cairo_set_source_rgb (cr, fg, fg, fg);
        draw_text (cr, series->name, lx + 18, y + title_h, 8, FALSE, -1, FALSE);
        lx += 18 + text_width (cr, series->name, 8, FALSE) + 16;
      }
  }

  for (guint s = 0; s < n_series; s++)
    {
      DeskReportSeries *series = g_ptr_array_index (report->series, s);
      for (guint i = 0; i < n_labels; i++)
        max = MAX (max, series->values[i]);
    }
  axis = desk_chart_axis (max, report->unit_scale, 5);
  max = axis.top;

  /* The axis and a grid line at each round step, with its value. */
  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t <= axis.n_steps; t++)
    {
      double gy = plot_y + plot_h - plot_h * t / (double) axis.n_steps;
      gint64 value = axis.step * (gint64) t;
      g_autofree char *text = desk_money_format_amount (value / MAX (report->unit_scale, 1), 0);

      cairo_set_source_rgba (cr, fg, fg, fg, t == 0 ? 0.8 : 0.2);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, fg, fg, fg);
      draw_text (cr, text, x, gy - 6, 7, FALSE, 44, TRUE);
    }

  group_w = plot_w / n_labels;
  bar_w = MIN (28, (group_w - 6) / n_series);
  for (guint i = 0; i < n_labels; i++)
    {
      double gx = plot_x + group_w * i + (group_w - bar_w * n_series) / 2;
      const char *label = g_ptr_array_index (report->chart_labels, i);

      for (guint s = 0; s < n_series; s++)
        {
          DeskReportSeries *series = g_ptr_array_index (report->series, s);
          double h = plot_h * (double) MAX (series->values[i], 0) / (double) max;

          if (h > 0)
            fill_pattern (cr, s, &colours[s % 3], gx + bar_w * s, plot_y + plot_h - h, bar_w - 1, h);
        }

      cairo_set_source_rgb (cr, fg, fg, fg);
      {
        g_autoptr(PangoLayout) text = text_layout (cr, label, 7, FALSE, group_w - 2);

        /* At most three lines, centred under their bars; a word longer than a bar is
         * broken rather than drawn over its neighbours. */
        pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_height (text, -3);
        pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
        cairo_move_to (cr, plot_x + group_w * i + 1, plot_y + plot_h + 3);
        pango_cairo_show_layout (cr, text);
      }
    }

  cairo_restore (cr);
}

typedef struct
{
  int fd;
  int saved_errno;
} PdfSink;

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfSink *sink = closure;

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
  PdfSink sink = { -1, 0 };
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

  surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, &sink, a4_width, a4_height);
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
