/* desk-report-render-private.h — what the report library's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

/* The one font list of every PDF: Chinese and Latin text alike. */
#define DESK_PDF_FONT "Noto Sans CJK SC, Noto Sans, Cantarell, Sans"

/* A PDF surface's output: the descriptor of the file written beside the target, and the
 * errno of a failed write for the message. */
typedef struct
{
  int fd;
  int saved_errno;
} DeskPdfSink;

/* cairo's write function for a DeskPdfSink: writes all of @data, retrying on EINTR. */
cairo_status_t _desk_pdf_sink_write (void                *closure,
                                     const unsigned char *data,
                                     unsigned int         length);

/* A layout of @text in DESK_PDF_FONT at @size points: wrapped with @wrap within @width
 * points when @width > 0; when @height > 0 (points) or below -1 (a number of lines, as
 * Pango takes it), cut there with "…" rather than drawn over what follows. */
PangoLayout   *_desk_pdf_text_layout (cairo_t       *cr,
                                      const char    *text,
                                      double         size,
                                      gboolean       bold,
                                      double         width,
                                      PangoWrapMode  wrap,
                                      double         height);
