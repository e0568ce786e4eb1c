/* desk-bundle-import-files.c — importing the files attached to a bundle's records
 * (format 2)
 *
 * An "attachment" record says what a file is; its bytes come after the records, in
 * "files", once per SHA-256. The records are kept as they are read (a few hundred bytes
 * each). When the first "data" piece of a file starts, its base64 is decoded a piece
 * at a time, pulling the pieces from the XML reader, straight into
 * _desk_attachment_store_bytes inside the import's transaction (in a dry run the bytes
 * are only hashed and counted, never stored), so a 50 MB file never sits in memory.
 * At the end of the bundle every attachment is written with _desk_attachment_put, its
 * owner being then in the database (from the bundle, or there before).
 *
 * Anything wrong — bytes that do not match their SHA-256, base64 that is not base64, a
 * size over the limit or different from the bytes, a file no attachment names or an
 * attachment with no bytes, an owner nowhere — refuses the whole bundle with a sentence
 * naming the attachment, and the transaction is rolled back. Where names are protected,
 * personal files are stored sealed, as desk_attachment_add stores them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"

#include <string.h>

#include "desk-attachment-private.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#define ATTACHMENT_KIND "attachment"
/* How much of the file the reader reads between two releases of what it has read. */
#define RELEASE_STEP (2 * 1024 * 1024)

/* The decoder of one file's base64, fed from the reader. */
typedef struct
{
  Import *im;
  xmlTextReaderPtr r;
  const DeskAttachment *named; /* an attachment of these bytes, for messages */
  gint64 given;                /* bytes handed out */
  GByteArray *pending;         /* decoded, not yet handed out */
  gsize offset;                /* of the first byte of @pending not handed out */
  int state;                   /* g_base64_decode_step's */
  guint save;
  guint64 significant;         /* base64 characters read, padding included */
  guint pads;                  /* "=" read */
  gboolean ended;              /* the reader left the file */
  gboolean failed;             /* the error is set */
  gsize released;              /* the mapped file is out of memory up to here */
} Decoder;

typedef struct _ImportFiles
{
  GPtrArray *rows;             /* DeskAttachment, as read */
  GHashTable *uuids;           /* the rows' UUIDs */
  GHashTable *by_sha;          /* sha256 → the first row of it (borrowed) */
  GHashTable *received;        /* sha256 of the files whose bytes came */
  GHashTable *plain;           /* sha256 of the files a non-personal attachment has */
  DeskAttachment *row;         /* the record being read */
  char *field;
  /* The file being read */
  const DeskAttachment *file;  /* the first row of its SHA-256 */
  gboolean reading;            /* its bytes were read */
  char *digest;
  Decoder decoder;
} ImportFiles;

static ImportFiles *
files_of (Import *im)
{
  if (im->files == NULL)
    {
      ImportFiles *f = g_new0 (ImportFiles, 1);

      f->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);
      f->uuids = g_hash_table_new (g_str_hash, g_str_equal);
      f->by_sha = g_hash_table_new (g_str_hash, g_str_equal);
      f->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      f->plain = g_hash_table_new (g_str_hash, g_str_equal);
      im->files = f;
    }

  return im->files;
}

static void
decoder_clear (Decoder *d)
{
  g_clear_pointer (&d->pending, g_byte_array_unref);
  memset (d, 0, sizeof *d);
}

void
_desk_import_files_free (Import *im)
{
  ImportFiles *f = im->files;

  if (f == NULL)
    return;
  g_hash_table_unref (f->uuids);
  g_hash_table_unref (f->by_sha);
  g_hash_table_unref (f->received);
  g_hash_table_unref (f->plain);
  g_ptr_array_unref (f->rows);
  g_clear_pointer (&f->row, desk_attachment_free);
  g_free (f->field);
  g_free (f->digest);
  decoder_clear (&f->decoder);
  g_free (f);
  im->files = NULL;
}

static char *
format_size (gint64 size)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, size);
}

static gboolean
fail_damaged (Import               *im,
              const DeskAttachment *a)
{
  return _desk_import_fail (im, _("The bytes of the attached file “%s” (attachment %s) in %s "
                                  "do not match its SHA-256 checksum: the bundle was damaged "
                                  "or changed after it was exported, so nothing was imported. "
                                  "Ask the sender to export it again."),
                            a->name, a->uuid, im->path);
}

static gboolean
fail_size (Import               *im,
           const DeskAttachment *a)
{
  g_autofree char *size = format_size (a->size);

  return _desk_import_fail (im, _("The attached file “%s” (attachment %s) in %s does not hold "
                                  "the %s bytes its record gives: the bundle was damaged or "
                                  "changed after it was exported, so nothing was imported. "
                                  "Ask the sender to export it again."),
                            a->name, a->uuid, im->path, size);
}

static gboolean
fail_base64 (Import               *im,
             const DeskAttachment *a)
{
  return _desk_import_fail (im, _("The bytes of the attached file “%s” (attachment %s) in %s "
                                  "are not valid base64: the bundle was damaged or changed "
                                  "after it was exported, so nothing was imported. Ask the "
                                  "sender to export it again."),
                            a->name, a->uuid, im->path);
}

/* The records */

/* XML Schema's whiteSpace="collapse" for a number, a boolean or a time: no space inside. */
static char *
strip (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

gboolean
_desk_import_attachment_start (Import           *im,
                               xmlTextReaderPtr  r)
{
  ImportFiles *f = files_of (im);
  xmlChar *added = xmlTextReaderGetAttribute (r, BAD_CAST "added");

  g_clear_pointer (&f->row, desk_attachment_free);
  f->row = g_new0 (DeskAttachment, 1);
  f->row->uuid = g_strdup (im->attr_uuid);
  f->row->caption = g_strdup ("");
  f->row->added = strip ((const char *) added);
  xmlFree (added);

  return TRUE;
}

void
_desk_import_attachment_field (Import     *im,
                               const char *name)
{
  ImportFiles *f = files_of (im);

  g_free (f->field);
  f->field = g_strdup (name);
}

gboolean
_desk_import_attachment_value (Import *im)
{
  ImportFiles *f = files_of (im);
  DeskAttachment *a = f->row;
  const char *text = im->text->str;
  g_autofree char *stripped = strip (text);

  if (a == NULL || f->field == NULL)
    return TRUE;

  if (g_str_equal (f->field, "owner_kind"))
    set_str (&a->owner_kind, text);
  else if (g_str_equal (f->field, "owner_uuid"))
    {
      set_str (&a->owner_uuid, stripped);
      for (char *p = a->owner_uuid; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }
  else if (g_str_equal (f->field, "name"))
    set_str (&a->name, text);
  else if (g_str_equal (f->field, "media_type"))
    set_str (&a->media_type, text);
  else if (g_str_equal (f->field, "caption"))
    set_str (&a->caption, text);
  else if (g_str_equal (f->field, "sha256"))
    set_str (&a->sha256, stripped);
  else if (g_str_equal (f->field, "personal"))
    a->personal = g_str_equal (stripped, "true") || g_str_equal (stripped, "1");
  else if (g_str_equal (f->field, "size"))
    {
      if (!g_ascii_string_to_signed (stripped, 10, 1, G_MAXINT64, &a->size, NULL))
        return _desk_import_fail (im, _("%s holds “%s” where the size of a file belongs. Ask the "
                                        "sender to export it again."),
                                  im->path, stripped);
    }

  return TRUE;
}

gboolean
_desk_import_attachment_end (Import *im)
{
  ImportFiles *f = files_of (im);
  g_autoptr(DeskAttachment) a = g_steal_pointer (&f->row);
  const DeskAttachment *same;
  gpointer n;

  if (a == NULL || im->error != NULL)
    return FALSE;

  for (char *p = a->uuid; p != NULL && *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  if (a->uuid == NULL || a->owner_kind == NULL || a->owner_uuid == NULL || a->name == NULL ||
      a->media_type == NULL || a->sha256 == NULL || a->size <= 0)
    return _desk_import_fail (im, _("An attachment in %s lacks a part of its record. Ask the "
                                    "sender to export it again."), im->path);
  a->group_uuid = g_strdup (im->plan->group_uuid);

  if (g_hash_table_contains (f->uuids, a->uuid))
    return _desk_import_fail (im, _("The attachment %s appears twice in %s. Each may appear only "
                                    "once: ask the sender to export again."), a->uuid, im->path);

  if (a->size > DESK_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *size = format_size (a->size);
      g_autofree char *limit = format_size (DESK_ATTACHMENT_MAX_SIZE);

      return _desk_import_fail (im, _("The attached file “%s” (attachment %s) in %s is %s bytes, "
                                      "more than the %s bytes Groupdesk takes for one file, so "
                                      "nothing was imported. Ask the sender to export without "
                                      "it, or to attach a smaller copy."),
                                a->name, a->uuid, im->path, size, limit);
    }

  same = g_hash_table_lookup (f->by_sha, a->sha256);
  if (same != NULL && same->size != a->size)
    return fail_size (im, a);

  n = g_hash_table_lookup (im->actual, ATTACHMENT_KIND);
  g_hash_table_insert (im->actual, (gpointer) ATTACHMENT_KIND, GINT_TO_POINTER (GPOINTER_TO_INT (n) + 1));

  if (!a->personal)
    g_hash_table_add (f->plain, a->sha256);
  g_hash_table_add (f->uuids, a->uuid);
  if (same == NULL)
    g_hash_table_insert (f->by_sha, a->sha256, a);
  g_ptr_array_add (f->rows, g_steal_pointer (&a));

  return TRUE;
}

/* The bytes */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_base64 (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Decodes one piece of text, refusing anything but base64: the alphabet, padding only
 * at the very end, space allowed (XML may wrap it). */
static gboolean
decode (Decoder    *d,
        const char *text,
        gsize       len)
{
  gsize old = d->pending->len;
  gsize n;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (is_space (c))
        continue;
      if (c == '=')
        d->pads++;
      else if (!is_base64 (c) || d->pads > 0)
        return FALSE;
      d->significant++;
    }
  if (d->pads > 2)
    return FALSE;

  g_byte_array_set_size (d->pending, old + (len / 4) * 3 + 3);
  n = g_base64_decode_step (text, len, d->pending->data + old, &d->state, &d->save);
  g_byte_array_set_size (d->pending, old + n);

  return TRUE;
}

static void
decoder_fail (Decoder  *d,
              GError  **error)
{
  d->failed = TRUE;
  /* The sentence is the import's; the store only needs to stop. */
  g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                       d->im->error != NULL ? d->im->error->message : "");
}

/* Moves the reader on until @d holds bytes, or the file ends. FALSE with im->error set
 * (or the reasons the schema gave) when the bundle is not right. */
static gboolean
decoder_fill (Decoder *d)
{
  Import *im = d->im;

  while (d->pending->len == d->offset && !d->ended)
    {
      int rc = xmlTextReaderRead (d->r);
      gsize consumed;
      int type;

      if (rc != 1 || im->reasons->len > 0)
        {
          /* The reader's complaint is in the reasons; an end of input is one too. */
          if (im->reasons->len == 0)
            g_ptr_array_add (im->reasons, g_strdup (_("The file is not well-formed XML.")));
          return FALSE;
        }
      consumed = (gsize) MAX (xmlTextReaderByteConsumed (d->r), 0);
      if (im->progress != NULL && !desk_progress_set (im->progress, consumed, &im->error))
        return FALSE;
      /* What the reader has read of the mapped file leaves memory as it goes. */
      if (consumed > d->released + RELEASE_STEP)
        {
          _desk_bundle_release (im->mapped, 0, consumed - RELEASE_STEP / 2);
          d->released = consumed;
        }

      type = xmlTextReaderNodeType (d->r);
      switch (type)
        {
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
          {
            const char *text = (const char *) xmlTextReaderConstValue (d->r);

            if (d->offset > 0)
              {
                g_byte_array_remove_range (d->pending, 0, d->offset);
                d->offset = 0;
              }
            if (text != NULL && !decode (d, text, strlen (text)))
              return fail_base64 (im, d->named);
          }
          break;

        case XML_READER_TYPE_ELEMENT:
        case XML_READER_TYPE_END_ELEMENT:
          /* The next piece, or the end of one; the end of the file ends its bytes. */
          if (xmlTextReaderDepth (d->r) == 2 && type == XML_READER_TYPE_END_ELEMENT)
            d->ended = TRUE;
          else if (xmlTextReaderDepth (d->r) != 3)
            return fail_base64 (im, d->named);
          break;

        default:
          return fail_base64 (im, d->named);
        }
    }

  return TRUE;
}

/* A DeskAttachmentReadFunc over the decoder. */
static gssize
decoder_read (guint8   *buffer,
              gsize     length,
              gpointer  user_data,
              GError  **error)
{
  Decoder *d = user_data;
  gsize n;

  if (!decoder_fill (d))
    {
      decoder_fail (d, error);
      return -1;
    }
  if (d->pending->len == d->offset)
    {
      /* The file ended before its size. */
      fail_size (d->im, d->named);
      decoder_fail (d, error);
      return -1;
    }

  n = MIN (length, d->pending->len - d->offset);
  memcpy (buffer, d->pending->data + d->offset, n);
  d->offset += n;
  d->given += n;

  return (gssize) n;
}

static gint64
pragma_int (DeskStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
pragma_set (DeskStore  *store,
            const char *name,
            gint64      value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);

  sqlite3_exec (_desk_store_get_db (store), sql, NULL, NULL, NULL);
}

/* Reads the whole file's bytes: into the database, or in a dry run through a checksum
 * only. Its digest goes to f->digest. */
static gboolean
read_bytes (Import      *im,
            ImportFiles *f)
{
  Decoder *d = &f->decoder;
  g_autoptr(GError) local_error = NULL;
  gint64 cache_size;
  gint64 mmap_size;

  if (im->dry_run)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree guint8 *buffer = g_malloc (64 * 1024);

      while (d->given < f->file->size)
        {
          gssize n = decoder_read (buffer, MIN ((gint64) 64 * 1024, f->file->size - d->given),
                                   d, NULL);

          if (n < 0)
            return FALSE;
          g_checksum_update (checksum, buffer, n);
        }
      f->digest = g_strdup (g_checksum_get_string (checksum));
      return TRUE;
    }

  /* The store's page cache (64 MB) and mapping would fill with pages written once; the
   * copy runs with a small cache, which SQLite spills to the WAL as it goes. */
  cache_size = pragma_int (im->store, "PRAGMA cache_size");
  mmap_size = pragma_int (im->store, "PRAGMA mmap_size");
  pragma_set (im->store, "cache_size", -1024);
  pragma_set (im->store, "mmap_size", 0);
  /* Where names are protected, the bytes of personal files only are stored sealed from
   * the first byte; bytes a non-personal attachment shares go in plain, and
   * _desk_attachment_put seals the personal one's copy. */
  f->digest = _desk_attachment_store_bytes_for (im->store,
                                                !g_hash_table_contains (f->plain, f->file->sha256),
                                                f->file->size, decoder_read, d, f->file->name,
                                                NULL, &local_error);
  pragma_set (im->store, "cache_size", cache_size);
  pragma_set (im->store, "mmap_size", mmap_size);
  if (f->digest == NULL && !d->failed && im->error == NULL)
    im->error = g_steal_pointer (&local_error);

  return f->digest != NULL;
}

gboolean
_desk_import_files_start (Import           *im,
                          xmlTextReaderPtr  r,
                          int               depth,
                          const char       *name)
{
  ImportFiles *f = files_of (im);

  if (depth == 2 && g_str_equal (name, "file"))
    {
      g_autofree char *sha = NULL;
      xmlChar *value = xmlTextReaderGetAttribute (r, BAD_CAST "sha256");

      sha = g_strstrip (g_strdup (value != NULL ? (const char *) value : ""));
      xmlFree (value);
      f->file = g_hash_table_lookup (f->by_sha, sha);
      if (f->file == NULL || g_hash_table_contains (f->received, sha))
        return _desk_import_fail (im, _("%s carries the bytes of a file (SHA-256 %s) that none "
                                        "of its attachments names, or carries them twice: the "
                                        "bundle was changed after it was exported, so nothing "
                                        "was imported. Ask the sender to export it again."),
                                  im->path, sha);
      g_hash_table_add (f->received, g_steal_pointer (&sha));
      f->reading = FALSE;
      g_clear_pointer (&f->digest, g_free);
      decoder_clear (&f->decoder);
    }
  else if (depth == 3 && f->file != NULL && !f->reading && !xmlTextReaderIsEmptyElement (r))
    {
      /* The first piece with text: the reader is now the decoder's until the file's size
       * is read. */
      Decoder *d = &f->decoder;

      f->reading = TRUE;
      d->im = im;
      d->r = r;
      d->named = f->file;
      d->pending = g_byte_array_new ();
      return read_bytes (im, f);
    }

  return TRUE;
}

gboolean
_desk_import_files_end (Import *im,
                        int     depth)
{
  ImportFiles *f = files_of (im);
  Decoder *d = &f->decoder;

  if (depth == 1)
    {
      im->section = SECTION_DONE;
      return TRUE;
    }
  if (f->file == NULL || im->error != NULL)
    return im->error == NULL;

  /* Text after the file's size was read: more bytes than it has. */
  if (depth == 3 && f->reading)
    {
      if (d->pending == NULL)
        return fail_size (im, f->file);
      if (!decode (d, im->text->str, im->text->len))
        return fail_base64 (im, f->file);
    }

  if (depth != 2)
    return TRUE;

  if (!f->reading || d->given != f->file->size || d->pending->len != d->offset)
    return fail_size (im, f->file);
  if (d->significant % 4 != 0)
    return fail_base64 (im, f->file);
  if (g_strcmp0 (f->digest, f->file->sha256) != 0)
    return fail_damaged (im, f->file);

  f->file = NULL;
  decoder_clear (d);

  return TRUE;
}

/* The end: every attachment, with its owner and its bytes */

static gboolean
same_row (const DeskAttachment *a,
          const DeskAttachment *b)
{
  return g_strcmp0 (a->owner_kind, b->owner_kind) == 0 &&
         g_strcmp0 (a->owner_uuid, b->owner_uuid) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->media_type, b->media_type) == 0 && a->size == b->size &&
         g_strcmp0 (a->sha256, b->sha256) == 0 &&
         g_strcmp0 (a->caption, b->caption) == 0 && a->personal == b->personal &&
         g_strcmp0 (a->added, b->added) == 0;
}

gboolean
_desk_import_attachments_finish (Import *im)
{
  ImportFiles *f = im->files;

  if (f == NULL || im->error != NULL)
    return im->error == NULL;

  /* Files not marked personal first: where names are protected, putting a personal row
   * over plain bytes seals them and lets the plain copy go when no row has it yet. */
  for (guint i = 0; i < 2 * f->rows->len; i++)
    {
      DeskAttachment *a = g_ptr_array_index (f->rows, i % f->rows->len);
      const DeskKind *owner_kind = desk_kind_lookup (a->owner_kind);
      g_autoptr(DeskAttachment) held = NULL;
      g_autofree char *owner_group = NULL;
      DeskImportCount *count;

      if (a->personal != (i >= f->rows->len))
        continue;

      if (!g_hash_table_contains (f->received, a->sha256))
        return _desk_import_fail (im, _("The attached file “%s” (attachment %s) in %s has no "
                                        "bytes in the bundle: the file is incomplete or was "
                                        "changed. Ask the sender to export it again."),
                                  a->name, a->uuid, im->path);

      count = _desk_import_plan_count (im, ATTACHMENT_KIND);

      /* An owner deleted here after the bundle's copy of it stays deleted (see the
       * tombstones), and its files with it. */
      if (owner_kind != NULL && desk_attachment_kind_allowed (owner_kind) &&
          !_desk_store_record_exists (im->store, owner_kind, a->owner_uuid, NULL) &&
          _desk_import_query_text (im->store, "SELECT kind FROM tombstones WHERE uuid = ?1",
                                   a->owner_uuid, NULL, NULL))
        {
          count->unchanged++;
          continue;
        }

      if (owner_kind == NULL || !desk_attachment_kind_allowed (owner_kind) ||
          !_desk_store_record_exists (im->store, owner_kind, a->owner_uuid, &owner_group) ||
          g_strcmp0 (owner_group, a->group_uuid) != 0)
        return _desk_import_fail (im, _("The attached file “%s” (attachment %s) in %s belongs to "
                                        "a record (%s) that is neither in the bundle nor in this "
                                        "database, so nothing was imported. Ask the sender to "
                                        "export it again."),
                                  a->name, a->uuid, im->path, a->owner_uuid);

      held = desk_attachment_get (im->store, a->uuid, NULL);
      if (held != NULL && g_strcmp0 (held->group_uuid, a->group_uuid) != 0)
        return _desk_import_fail (im, _("The attachment %s in %s is held here by another group, "
                                        "so nothing was imported. Ask the sender to export "
                                        "again."), a->uuid, im->path);

      if (held != NULL && same_row (held, a))
        {
          count->unchanged++;
          continue;
        }
      if (held != NULL)
        count->updated++;
      else
        count->added++;

      /* A dry run checked the bytes without storing them. */
      if (!im->dry_run && !_desk_attachment_put (im->store, a, &im->error))
        return FALSE;
    }

  return TRUE;
}
