/* desk-bundle-attachments.c — writing the files attached to a group's records into its
 * bundle (format 2)
 *
 * What each file is (its row: owner, name, media type, size, SHA-256, caption, personal
 * mark, when it was added) is an "attachment" record among the records, so the records'
 * digest covers it. Its bytes follow the records, in "files": each distinct content once
 * (two attachments of the same file share it), in the order of its SHA-256, as base64
 * cut into "data" pieces of PIECE_TEXT characters. The bytes are read from the database
 * a piece at a time (desk_attachment_write_to_stream, which checks their digest) into a
 * base64 encoder that writes each piece through the bundle's xmlTextWriter at once, so
 * an export's memory stays flat whatever the size of the files.
 *
 * Pieces are small because libxml2's schema check gathers an element's text by appending
 * each piece the parser hands it (about 512 bytes) to what it has, measuring it again
 * every time: checking a 1 MiB piece costs about 5 times as much as sixty-four of 16 KiB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-write-private.h"

#include <string.h>

#include "desk-attachment-private.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-text.h"

/* The bytes of one "data" piece, and its base64 text: 16 KiB, a multiple of 4 from a
 * multiple of 3, so that every piece but a file's last is whole base64 without padding. */
#define PIECE_BYTES 12288
#define PIECE_TEXT 16384

/* The attachments a bundle carries */

static int
compare_uuid (gconstpointer a,
              gconstpointer b)
{
  const DeskAttachment *x = *(DeskAttachment *const *) a;
  const DeskAttachment *y = *(DeskAttachment *const *) b;

  return strcmp (x->uuid, y->uuid);
}

static int
compare_sha256 (gconstpointer a,
                gconstpointer b)
{
  const DeskAttachment *x = *(DeskAttachment *const *) a;
  const DeskAttachment *y = *(DeskAttachment *const *) b;

  return strcmp (x->sha256, y->sha256);
}

/* The group's attachments a bundle of @privacy carries, in UUID order. */
static GPtrArray *
carried (DeskStore    *store,
         const char   *group,
         DeskPrivacy   privacy,
         GError      **error)
{
  g_autoptr(GPtrArray) all = _desk_attachment_list_group (store, group, error);
  GPtrArray *kept;

  if (all == NULL)
    return NULL;

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);
  for (guint i = 0; i < all->len; i++)
    {
      DeskAttachment *a = g_ptr_array_index (all, i);

      if (_desk_bundle_attachment_in_bundle (a->owner_kind, a->personal, privacy))
        g_ptr_array_add (kept, g_steal_pointer (&all->pdata[i]));
    }
  g_ptr_array_sort (kept, compare_uuid);

  return kept;
}

gint64
_desk_bundle_count_attachments (DeskStore   *store,
                                const char  *group,
                                DeskPrivacy  privacy,
                                GError     **error)
{
  g_autoptr(GPtrArray) list = carried (store, group, privacy, error);

  return list != NULL ? (gint64) list->len : -1;
}

/* The records */

static void
check_written (gboolean *failed,
               int       rc)
{
  if (rc < 0)
    *failed = TRUE;
}

static void
write_element (xmlTextWriterPtr  w,
               const char       *name,
               const char       *value,
               gboolean         *failed)
{
  check_written (failed, xmlTextWriterWriteElement (w, BAD_CAST name, BAD_CAST value));
}

gboolean
_desk_bundle_write_attachments (DeskStore        *store,
                                const char       *group,
                                DeskPrivacy       privacy,
                                xmlTextWriterPtr  w,
                                gint64           *count,
                                gboolean         *failed,
                                DeskProgress     *progress,
                                GError          **error)
{
  g_autoptr(GPtrArray) list = carried (store, group, privacy, error);

  if (list == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      DeskAttachment *a = g_ptr_array_index (list, i);
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, a->size);

      /* Core refuses such text on the way in; a database changed by other means must
       * still never produce a bundle that does not read back. */
      if (!desk_text_is_clean (a->name) || !desk_text_is_clean (a->media_type) ||
          !desk_text_is_clean (a->caption))
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("The attachment “%s” (%s) has characters in its name, type or "
                         "caption that cannot be exported (control characters or damaged "
                         "text). Correct its caption or attach the file again under another "
                         "name, then export again."), a->name, a->uuid);
          return FALSE;
        }

      check_written (failed, xmlTextWriterStartElement (w, BAD_CAST "attachment"));
      check_written (failed, xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", BAD_CAST a->uuid));
      check_written (failed, xmlTextWriterWriteAttribute (w, BAD_CAST "added", BAD_CAST a->added));
      write_element (w, "owner_kind", a->owner_kind, failed);
      write_element (w, "owner_uuid", a->owner_uuid, failed);
      write_element (w, "name", a->name, failed);
      write_element (w, "media_type", a->media_type, failed);
      write_element (w, "size", size, failed);
      write_element (w, "sha256", a->sha256, failed);
      if (a->caption != NULL && a->caption[0] != '\0')
        write_element (w, "caption", a->caption, failed);
      write_element (w, "personal", a->personal ? "true" : "false", failed);
      check_written (failed, xmlTextWriterEndElement (w));
      if (*failed)
        return FALSE;
      if (!desk_progress_step (progress, error))
        return FALSE;
      (*count)++;
    }

  return TRUE;
}

/* The bytes: a stream that takes what desk_attachment_write_to_stream gives and writes
 * it out as base64 "data" pieces through the bundle's writer. */

#define DESK_TYPE_BUNDLE_DATA_STREAM (desk_bundle_data_stream_get_type ())
G_DECLARE_FINAL_TYPE (DeskBundleDataStream, desk_bundle_data_stream, DESK, BUNDLE_DATA_STREAM,
                      GOutputStream)

struct _DeskBundleDataStream
{
  GOutputStream parent_instance;

  xmlTextWriterPtr writer;
  gboolean *failed;
  DeskProgress *progress;
  guint8 bytes[PIECE_BYTES];
  gsize used;
};

G_DEFINE_FINAL_TYPE (DeskBundleDataStream, desk_bundle_data_stream, G_TYPE_OUTPUT_STREAM)

/* Writes what the stream holds as one piece. */
static gboolean
data_stream_emit (DeskBundleDataStream  *self,
                  GError               **error)
{
  char text[PIECE_TEXT + 4];
  int state = 0;
  int save = 0;
  gsize n;

  if (self->used == 0)
    return TRUE;

  n = g_base64_encode_step (self->bytes, self->used, FALSE, text, &state, &save);
  n += g_base64_encode_close (FALSE, text + n, &state, &save);
  self->used = 0;

  check_written (self->failed, xmlTextWriterStartElement (self->writer, BAD_CAST "data"));
  /* Base64 needs no escaping: raw, past the writer's escaping of text. */
  check_written (self->failed, xmlTextWriterWriteRawLen (self->writer, BAD_CAST text, (int) n));
  check_written (self->failed, xmlTextWriterEndElement (self->writer));
  if (*self->failed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (EIO));
      return FALSE;
    }

  return desk_progress_step (self->progress, error);
}

static gssize
desk_bundle_data_stream_write (GOutputStream  *stream,
                               const void     *buffer,
                               gsize           count,
                               GCancellable   *cancellable,
                               GError        **error)
{
  DeskBundleDataStream *self = DESK_BUNDLE_DATA_STREAM (stream);
  gsize taken = MIN (count, PIECE_BYTES - self->used);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  memcpy (self->bytes + self->used, buffer, taken);
  self->used += taken;
  if (self->used == PIECE_BYTES && !data_stream_emit (self, error))
    return -1;

  return (gssize) taken;
}

static void
desk_bundle_data_stream_class_init (DeskBundleDataStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = desk_bundle_data_stream_write;
}

static void
desk_bundle_data_stream_init (DeskBundleDataStream *self)
{
}

/* Each distinct file once: @list sorted by SHA-256, and the first of each. */
static gboolean
first_of_its_bytes (GPtrArray *list,
                    guint      i)
{
  return i == 0 || strcmp (((DeskAttachment *) list->pdata[i - 1])->sha256,
                           ((DeskAttachment *) list->pdata[i])->sha256) != 0;
}

guint64
_desk_bundle_count_pieces (DeskStore   *store,
                           const char  *group,
                           DeskPrivacy  privacy)
{
  g_autoptr(GPtrArray) list = carried (store, group, privacy, NULL);
  guint64 pieces = 0;

  if (list == NULL)
    return 0;
  g_ptr_array_sort (list, compare_sha256);
  for (guint i = 0; i < list->len; i++)
    if (first_of_its_bytes (list, i))
      pieces += ((guint64) ((DeskAttachment *) list->pdata[i])->size + PIECE_BYTES - 1) / PIECE_BYTES;

  return pieces;
}

gboolean
_desk_bundle_write_files (DeskStore        *store,
                          const char       *group,
                          DeskPrivacy       privacy,
                          xmlTextWriterPtr  w,
                          gboolean         *failed,
                          DeskProgress     *progress,
                          double            progress_start,
                          double            progress_span,
                          GError          **error)
{
  g_autoptr(GPtrArray) list = carried (store, group, privacy, error);
  g_autoptr(DeskBundleDataStream) stream = NULL;
  guint64 pieces = 0;

  if (list == NULL)
    return FALSE;
  if (list->len == 0)
    return TRUE;

  stream = g_object_new (DESK_TYPE_BUNDLE_DATA_STREAM, NULL);
  stream->writer = w;
  stream->failed = failed;
  stream->progress = progress;

  g_ptr_array_sort (list, compare_sha256);
  for (guint i = 0; i < list->len; i++)
    if (first_of_its_bytes (list, i))
      pieces += ((guint64) ((DeskAttachment *) list->pdata[i])->size + PIECE_BYTES - 1) / PIECE_BYTES;
  if (progress != NULL)
    desk_progress_stage (progress, pieces, progress_start, progress_span);
  check_written (failed, xmlTextWriterStartElement (w, BAD_CAST "files"));
  for (guint i = 0; i < list->len; i++)
    {
      DeskAttachment *a = g_ptr_array_index (list, i);

      /* The same bytes, attached twice: carried once. */
      if (!first_of_its_bytes (list, i))
        continue;

      if (!desk_progress_check (progress, error))
        return FALSE;
      check_written (failed, xmlTextWriterStartElement (w, BAD_CAST "file"));
      check_written (failed, xmlTextWriterWriteAttribute (w, BAD_CAST "sha256", BAD_CAST a->sha256));
      if (*failed)
        return FALSE;
      if (!desk_attachment_write_to_stream (store, a->uuid, G_OUTPUT_STREAM (stream),
                                            progress != NULL ? progress->cancellable : NULL,
                                            error) ||
          !data_stream_emit (stream, error))
        return FALSE;
      check_written (failed, xmlTextWriterEndElement (w));
      if (*failed)
        return FALSE;
    }
  check_written (failed, xmlTextWriterEndElement (w));

  return !*failed;
}
