/* desk-report-render-private.h — what the report library's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

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
