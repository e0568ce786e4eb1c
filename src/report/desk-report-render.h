/* desk-report-render.h — a report laid out on pages with cairo and Pango
 *
 * libgroupdesk-report sits beside core and below the gui: it needs cairo and Pango to
 * draw text and charts but never GTK, so the CLI writes the same PDF the app prints
 * (GtkPrintOperation hands us a cairo context for each page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "desk-progress.h"
#include "desk-report.h"

G_BEGIN_DECLS

typedef struct _DeskReportLayout DeskReportLayout;

/* @width and @height in points; @printed_on is the date printed in the footer. */
DeskReportLayout *desk_report_layout_new        (DeskReport       *report,
                                                 double            width,
                                                 double            height,
                                                 const char       *printed_on);
void              desk_report_layout_free       (DeskReportLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReportLayout, desk_report_layout_free)

/* Measures with @cr's font setup and breaks the table into pages; returns their number. */
guint             desk_report_layout_paginate   (DeskReportLayout *layout,
                                                 cairo_t          *cr);
void              desk_report_layout_draw_page  (DeskReportLayout *layout,
                                                 cairo_t          *cr,
                                                 guint             page);

/* The whole report as an A4 PDF, written atomically (a temporary file, then renamed). */
gboolean          desk_report_write_pdf         (DeskReport       *report,
                                                 const char       *path,
                                                 const char       *printed_on,
                                                 GError          **error);
/* The same, on a worker thread: @cancellable (may be NULL) stops it between two pages,
 * with G_IO_ERROR_CANCELLED and no file left (neither at @path nor beside it);
 * @progress (may be NULL) hears how many of the pages are done. */
gboolean          desk_report_write_pdf_full    (DeskReport       *report,
                                                 const char       *path,
                                                 const char       *printed_on,
                                                 GCancellable     *cancellable,
                                                 DeskProgressFunc  progress,
                                                 gpointer          progress_data,
                                                 GError          **error);

/* Draws the report's chart into the rectangle, with labels and patterns so that it
 * reads without colour. @dark picks colours for a dark background. */
void              desk_report_draw_chart        (DeskReport       *report,
                                                 cairo_t          *cr,
                                                 double            x,
                                                 double            y,
                                                 double            width,
                                                 double            height,
                                                 gboolean          dark);

/* The height the chart wants at @width: @min_height, or more (up to @max_height) when
 * its bars lie and need a row each with room for their figures. */
double            desk_report_chart_height      (DeskReport       *report,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            min_height,
                                                 double            max_height);

G_END_DECLS
