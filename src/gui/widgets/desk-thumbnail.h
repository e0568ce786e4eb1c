/* desk-thumbnail.h — a small picture of an attached file, made off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-core.h"

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

/* Makes the thumbnail of the attachment @uuid (a file of @media_type) of @store on a
 * worker thread, which reads the bytes on a read-only connection of its own (for a
 * database in memory, tests, they are read here first). */
void        desk_thumbnail_load_async  (DeskStore           *store,
                                        const char          *uuid,
                                        const char          *media_type,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GdkTexture *desk_thumbnail_load_finish (GAsyncResult        *result,
                                        GError             **error);
/* The attachment @result is about. */
const char *desk_thumbnail_load_get_uuid (GAsyncResult      *result);

/* The icon of a file of @media_type when it has no thumbnail. */
GIcon      *desk_thumbnail_dup_icon  (const char  *media_type);

G_END_DECLS
