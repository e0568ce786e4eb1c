/* desk-thumbnail.h — a small picture of an attached file, made off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The edge, in pixels, of the square a thumbnail fits in: twice the 48 px it is shown
 * at, so that it stays sharp at a scale of 2. */
#define DESK_THUMBNAIL_SIZE 96

/* Whether a file of @media_type can give a thumbnail (images and PDFs); the others are
 * shown by the icon of their type. */
gboolean    desk_thumbnail_supported (const char  *media_type);

/* Decodes @bytes, a file of @media_type, into a texture that fits in @size × @size: an
 * image scaled, or the first page of a PDF drawn with poppler. Any thread. A file that
 * cannot be read (damaged, hostile, too many pixels, another type) is NULL with @error:
 * just no thumbnail. */
GdkTexture *desk_thumbnail_decode    (GBytes      *bytes,
                                      const char  *media_type,
                                      int          size,
                                      GError     **error);

/* The icon of a file of @media_type when it has no thumbnail. */
GIcon      *desk_thumbnail_dup_icon  (const char  *media_type);

G_END_DECLS
