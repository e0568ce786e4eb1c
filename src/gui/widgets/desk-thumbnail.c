/* desk-thumbnail.c — a small picture of an attached file, made off the main thread
 *
 * Images go through GdkPixbuf, PDFs through poppler-glib (its first page, drawn with
 * cairo). Both read files a user attached, which may be anything: every failure is just
 * "no thumbnail", and an image that announces more pixels than a thumbnail could need
 * is given up before it is decoded, so that a small file cannot ask for gigabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-thumbnail"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "desk-thumbnail.h"

#include "desk-job.h"

/* More pixels than any photograph a coordinator attaches (a 100-megapixel camera): an
 * image announcing more is not decoded. */
#define MAX_PIXELS ((gint64) 120 * 1000 * 1000)

/* poppler-glib 22.02 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

gboolean
desk_thumbnail_supported (const char *media_type)
{
  if (media_type == NULL)
    return FALSE;

  return g_str_equal (media_type, "application/pdf") ||
         (g_str_has_prefix (media_type, "image/") && !g_str_equal (media_type, "image/svg+xml"));
}

typedef struct
{
  int size;
  gboolean too_large;
} SizeCheck;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeCheck *check = user_data;
  double scale;

  if (width <= 0 || height <= 0 || (gint64) width * height > MAX_PIXELS)
    {
      check->too_large = TRUE;
      /* The loader cannot stop here; the smallest size it can still make, and the
       * caller writes nothing more. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  scale = MIN ((double) check->size / width, (double) check->size / height);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

static GdkTexture *
decode_image (GBytes  *bytes,
              int      size,
              GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  SizeCheck check = { size, FALSE };
  g_autoptr(GdkPixbuf) oriented = NULL;
  const guint8 *data;
  gsize length;
  gsize done = 0;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);

  data = g_bytes_get_data (bytes, &length);
  /* In pieces, so that an image found too large stops being read. */
  while (done < length && !check.too_large)
    {
      gsize piece = MIN (length - done, 64 * 1024);

      if (!gdk_pixbuf_loader_write (loader, data + done, piece, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      done += piece;
    }

  if (!gdk_pixbuf_loader_close (loader, check.too_large ? NULL : error) && !check.too_large)
    return NULL;
  if (check.too_large)
    {
      g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY,
                   "The image has too many pixels for a thumbnail.");
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                   "The image could not be read.");
      return NULL;
    }

  /* A photograph taken sideways is shown the way it was held. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  return gdk_texture_new_for_pixbuf (oriented != NULL ? oriented : pixbuf);
}

static GdkTexture *
decode_pdf (GBytes  *bytes,
            int      size,
            GError **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  int w, h;

  document = poppler_document_new_from_bytes (bytes, NULL, error);
  if (document == NULL)
    return NULL;
  if (poppler_document_get_n_pages (document) < 1 ||
      (page = poppler_document_get_page (document, 0)) == NULL)
    {
      g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, "The PDF has no pages.");
      return NULL;
    }

  poppler_page_get_size (page, &width, &height);
  if (!(width > 0.5 && height > 0.5))
    {
      g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, "The PDF's first page has no size.");
      return NULL;
    }
  scale = MIN (size / width, size / height);
  w = CLAMP ((int) (width * scale + 0.5), 1, size);
  h = CLAMP ((int) (height * scale + 0.5), 1, size);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  /* Paper is white where the page draws nothing. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, "The PDF's first page could not be drawn.");
      return NULL;
    }

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * h);
  {
    GdkTexture *texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels,
                                                  cairo_image_surface_get_stride (surface));

    cairo_surface_destroy (surface);
    return texture;
  }
}

GdkTexture *
desk_thumbnail_decode (GBytes      *bytes,
                       const char  *media_type,
                       int          size,
                       GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  if (g_strcmp0 (media_type, "application/pdf") == 0)
    return decode_pdf (bytes, size, error);
  if (desk_thumbnail_supported (media_type))
    return decode_image (bytes, size, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No thumbnail for %s.",
               media_type != NULL ? media_type : "?");
  return NULL;
}

/* Loading an attachment's thumbnail */

typedef struct
{
  char *path;               /* the database, NULL when in memory */
  char *uuid;
  char *media_type;
  GBytes *bytes;            /* read on the main thread when in memory */
  DeskSharedKey *shared;    /* the data key, where names are protected and unlocked */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->path);
  g_free (load->uuid);
  g_free (load->media_type);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_clear_pointer (&load->shared, desk_shared_key_free);
  g_free (load);
}

static GBytes *
read_bytes (DeskStore    *store,
            const char   *uuid,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  if (!desk_attachment_write_to_stream (store, uuid, stream, cancellable, error) ||
      !g_output_stream_close (stream, cancellable, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GBytes) bytes = load->bytes != NULL ? g_bytes_ref (load->bytes) : NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (bytes == NULL)
    {
      /* A DeskStore is never shared between threads. */
      g_autoptr(DeskStore) store = desk_store_open_read_only (load->path, &error);

      /* A personal file where names are protected is read with the key of the store
       * that asked. */
      if (store != NULL && load->shared != NULL && !desk_store_unlock_shared (store, load->shared, &error))
        g_clear_object (&store);
      if (store != NULL)
        bytes = read_bytes (store, load->uuid, cancellable, &error);
      if (bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  texture = desk_thumbnail_decode (bytes, load->media_type, DESK_THUMBNAIL_SIZE, &error);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
desk_thumbnail_load_async (DeskStore           *store,
                           const char          *uuid,
                           const char          *media_type,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Load *load;

  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (uuid != NULL);

  load = g_new0 (Load, 1);
  load->path = g_strdup (desk_store_get_path (store));
  load->uuid = g_strdup (uuid);
  load->media_type = g_strdup (media_type);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_thumbnail_load_async);
  g_task_set_task_data (task, load, load_free);

  /* In memory no second connection sees the database: only the decoding goes to the
   * worker. */
  if (load->path == NULL && (load->bytes = read_bytes (store, uuid, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (load->path != NULL && desk_store_get_protection (store) == DESK_PROTECTION_UNLOCKED &&
      (load->shared = desk_store_share_key (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  desk_job_run_in_thread (task, load_thread);
}

GdkTexture *
desk_thumbnail_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
desk_thumbnail_load_get_uuid (GAsyncResult *result)
{
  Load *load = g_task_get_task_data (G_TASK (result));

  return load->uuid;
}

GIcon *
desk_thumbnail_dup_icon (const char *media_type)
{
  g_autofree char *type = NULL;

  if (media_type == NULL)
    return g_themed_icon_new ("text-x-generic");

  type = g_content_type_from_mime_type (media_type);

  return g_content_type_get_icon (type != NULL ? type : media_type);
}
