/* desk-attachment-bytes.c — attachments' bytes in and out of the database, plain or sealed
 *
 * The bytes live in attachment_contents, keyed in attachment_blobs (005-attachments.sql,
 * 007-sealed-files.sql). They are copied in and out 64 KiB at a time through SQLite's
 * incremental blob I/O: a zeroblob of the final size is reserved, the pieces are written
 * into it while they are hashed, and the digest then keys them (or they go, when the same
 * bytes were stored already).
 *
 * Where names are protected, a personal attachment's bytes are sealed: the blob holds a
 * crypto_secretstream_xchacha20poly1305 header and one message per 64 KiB piece (desk-seal.c),
 * so its size is known from the plain size before a byte is read and it is still written
 * and read a piece at a time. The sealed copy is keyed by _desk_file_id, a keyed BLAKE2b of
 * the SHA-256 under the data key, because the plain SHA-256 of a personal photo would let
 * whoever holds the database confirm that it holds that photo; the SHA-256 itself is kept
 * sealed beside it (sealed_sha256) for DeskAttachment.sha256. The key is known only once
 * every byte was hashed, so it is the associated data of the final piece: bytes moved to
 * another blob's row fail at their end, like a digest that does not match, and the
 * writers throw away what they wrote. The same bytes sealed and plain are two copies
 * under two keys, so a personal and a non-personal attachment of one file never share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-attachment"

#include "config.h"

#include "desk-attachment-private.h"

#include <sodium.h>
#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#define CHUNK_SIZE DESK_FILE_PIECE
/* How much of the start of a file the media type is guessed from. */
#define SNIFF_SIZE 4096

G_STATIC_ASSERT (DESK_FILE_PIECE == 64 * 1024);

/* The page cache and the map */

/* The store keeps a 64 MB page cache and maps up to 256 MB of the file, both good for
 * lists and reports; while a file's bytes go through, they would fill both with pages
 * read once. The copy runs with a small cache and no mapping, and puts the store's
 * settings back after. */
static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
pragma_set (sqlite3    *db,
            const char *name,
            gint64      value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

void
_desk_cache_bound_begin (DeskCacheBound *bound,
                         DeskStore      *store)
{
  sqlite3 *db = _desk_store_get_db (store);

  bound->store = store;
  bound->cache_size = pragma_int (db, "PRAGMA cache_size");
  bound->mmap_size = pragma_int (db, "PRAGMA mmap_size");
  pragma_set (db, "cache_size", -1024);
  pragma_set (db, "mmap_size", 0);
}

void
_desk_cache_bound_end (DeskCacheBound *bound)
{
  sqlite3 *db = _desk_store_get_db (bound->store);

  pragma_set (db, "cache_size", bound->cache_size);
  pragma_set (db, "mmap_size", bound->mmap_size);
}

static void
set_damaged (GError     **error,
             const char  *name)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
               _("The stored copy of “%s” is damaged: its bytes no longer match the "
                 "checksum they were stored with. Restore a backup to get the file "
                 "back."), name);
}

static void
set_missing (GError     **error,
             const char  *name)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
               _("The stored copy of “%s” is damaged: its bytes are missing or not the "
                 "size they were. Restore a backup to get the file back."), name);
}

/* Bytes in */

/* Fills @buffer with exactly @want bytes from @read (a piece of a sealed copy must be
 * whole); FALSE when the source fails or ends early. */
static gboolean
read_piece (DeskAttachmentReadFunc   read,
            gpointer                 read_data,
            const char              *what,
            guint8                  *buffer,
            gsize                    want,
            GError                 **error)
{
  gsize got = 0;

  while (got < want)
    {
      gssize n = read (buffer + got, want - got, read_data, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("%s became shorter while it was read. Attach it again once no "
                         "program is writing to it."), what);
          return FALSE;
        }
      got += (gsize) n;
    }

  return TRUE;
}

/* Copies the @size bytes @read gives into the zeroblob at @rowid, hashing them, sealed
 * under @key when it is not NULL (*@file_id then receives the sealed copy's key); the
 * first bytes are kept in @sniff for the media type. */
static gboolean
copy_in (DeskStore               *store,
         const DeskKey           *key,
         DeskAttachmentReadFunc   read,
         gpointer                 read_data,
         const char              *what,
         sqlite3_int64            rowid,
         gint64                   size,
         GChecksum               *checksum,
         GByteArray              *sniff,
         char                   **file_id,
         GError                 **error)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  g_autofree guint8 *sealed = NULL;
  g_autoptr(DeskFileSeal) seal = NULL;
  sqlite3_blob *blob = NULL;
  gint64 offset = 0;
  gint64 out = 0;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_blob_open (db, "main", "attachment_contents", "content", rowid, 1, &blob);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (store, rc, error);
      goto out;
    }

  if (key != NULL)
    {
      guint8 header[DESK_FILE_HEADER_BYTES];

      sealed = g_malloc (CHUNK_SIZE + DESK_FILE_PIECE_OVERHEAD);
      seal = _desk_file_seal_push_new (key, header);
      rc = sqlite3_blob_write (blob, header, sizeof header, 0);
      if (rc != SQLITE_OK)
        {
          _desk_store_set_error (store, rc, error);
          goto out;
        }
      out = sizeof header;
    }

  while (offset < size)
    {
      gsize n = (gsize) MIN ((gint64) CHUNK_SIZE, size - offset);

      if (!read_piece (read, read_data, what, buffer, n, error))
        goto out;

      g_checksum_update (checksum, buffer, n);
      if (sniff != NULL && sniff->len < SNIFF_SIZE)
        g_byte_array_append (sniff, buffer, MIN (n, SNIFF_SIZE - sniff->len));

      if (key != NULL)
        {
          gboolean final = offset + (gint64) n == size;

          if (final)
            *file_id = _desk_file_id (key, g_checksum_get_string (checksum));
          _desk_file_seal_push (seal, buffer, n, final ? *file_id : NULL, final, sealed);
          rc = sqlite3_blob_write (blob, sealed, (int) (n + DESK_FILE_PIECE_OVERHEAD), (int) out);
          out += n + DESK_FILE_PIECE_OVERHEAD;
        }
      else
        rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset);
      if (rc != SQLITE_OK)
        {
          _desk_store_set_error (store, rc, error);
          goto out;
        }
      offset += n;
    }
  ok = TRUE;

out:
  /* The plain bytes of a personal file do not stay in freed memory. */
  sodium_memzero (buffer, CHUNK_SIZE);
  rc = sqlite3_blob_close (blob);
  if (ok && rc != SQLITE_OK)
    {
      _desk_store_set_error (store, rc, error);
      ok = FALSE;
    }
  return ok;
}

char *
_desk_attachment_store_keyed (DeskStore               *store,
                              const DeskKey           *key,
                              gint64                   size,
                              DeskAttachmentReadFunc   read,
                              gpointer                 read_data,
                              const char              *what,
                              GByteArray              *sniff,
                              char                   **blob_key,
                              GError                 **error)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(DeskKeptStmt) insert = NULL;
  g_autoptr(DeskKeptStmt) exists = NULL;
  g_autoptr(DeskKeptStmt) keep = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *file_id = NULL;
  g_autofree char *sealed_sha256 = NULL;
  const char *stored_key;
  sqlite3_int64 rowid;
  int rc;

  g_return_val_if_fail (size > 0 && size <= DESK_ATTACHMENT_MAX_SIZE, NULL);

  insert = _desk_store_prepare (store, "INSERT INTO attachment_contents (content) "
                                       "VALUES (zeroblob (?1))", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_int64 (insert, 1, key != NULL ? _desk_file_sealed_size (size) : size);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }
  rowid = sqlite3_last_insert_rowid (db);

  if (!copy_in (store, key, read, read_data, what, rowid, size, checksum, sniff, &file_id, error))
    return NULL;

  digest = g_strdup (g_checksum_get_string (checksum));
  stored_key = key != NULL ? file_id : digest;

  exists = _desk_store_prepare (store, "SELECT 1 FROM attachment_blobs WHERE sha256 = ?1", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_text (exists, 1, stored_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (exists);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  /* The same bytes are stored already: the copy just made goes. */
  if (rc == SQLITE_ROW)
    keep = _desk_store_prepare (store, "DELETE FROM attachment_contents WHERE id = ?1", error);
  else
    keep = _desk_store_prepare (store, "INSERT INTO attachment_blobs (content_id, sha256, size, "
                                       "sealed_sha256) VALUES (?1, ?2, ?3, ?4)", error);
  if (keep == NULL)
    return NULL;
  sqlite3_bind_int64 (keep, 1, rowid);
  if (rc != SQLITE_ROW)
    {
      sqlite3_bind_text (keep, 2, stored_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (keep, 3, size);
      if (key != NULL)
        {
          sealed_sha256 = _desk_seal_text (key, "attachment_blobs", "sha256", file_id, digest);
          sqlite3_bind_text (keep, 4, sealed_sha256, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_null (keep, 4);
    }
  rc = sqlite3_step (keep);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  if (blob_key != NULL)
    *blob_key = g_strdup (stored_key);
  return g_steal_pointer (&digest);
}

char *
_desk_attachment_store_bytes (DeskStore               *store,
                              gint64                   size,
                              DeskAttachmentReadFunc   read,
                              gpointer                 read_data,
                              const char              *what,
                              GByteArray              *sniff,
                              GError                 **error)
{
  return _desk_attachment_store_keyed (store, NULL, size, read, read_data, what, sniff, NULL,
                                       error);
}

char *
_desk_attachment_store_bytes_for (DeskStore               *store,
                                  gboolean                 personal,
                                  gint64                   size,
                                  DeskAttachmentReadFunc   read,
                                  gpointer                 read_data,
                                  const char              *what,
                                  GByteArray              *sniff,
                                  GError                 **error)
{
  if (!_desk_attachment_row_sealed (store, personal))
    return _desk_attachment_store_keyed (store, NULL, size, read, read_data, what, sniff, NULL,
                                         error);
  if (!desk_store_require_names (store, error))
    return NULL;
  return _desk_attachment_store_keyed (store, store->data_key, size, read, read_data, what,
                                       sniff, NULL, error);
}

/* Bytes out */

/* Where one attachment's bytes are, read from its row and its blob's. */
typedef struct
{
  char *name;            /* opened when sealed, for messages */
  char *blob_key;
  char *sealed_sha256;   /* NULL: plain */
  char *expected;        /* the plain SHA-256 */
  gint64 size;
  sqlite3_int64 content_id;
} Located;

static void
located_clear (Located *l)
{
  g_free (l->name);
  g_free (l->blob_key);
  g_free (l->sealed_sha256);
  g_free (l->expected);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? (const char *) text : "");
}

/* Finds attachment @uuid's bytes; @key opens them when they are sealed (NULL: the
 * store's, which must be unlocked then). */
static gboolean
locate (DeskStore      *store,
        const char     *uuid,
        const DeskKey  *key,
        Located        *l,
        GError        **error)
{
  g_autoptr(DeskKeptStmt) stmt = NULL;
  g_autofree char *stored_name = NULL;
  int rc;

  stmt = _desk_store_prepare (store,
                              "SELECT a.name, a.sha256, a.size, b.content_id, b.size, "
                              "b.sealed_sha256 FROM attachments AS a LEFT JOIN "
                              "attachment_blobs AS b ON b.sha256 = a.sha256 WHERE a.uuid = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no attachment %s. Check the identifier."), uuid);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  stored_name = column_dup (stmt, 0);
  l->blob_key = column_dup (stmt, 1);
  l->size = sqlite3_column_int64 (stmt, 2);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    l->sealed_sha256 = column_dup (stmt, 5);
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL || sqlite3_column_int64 (stmt, 4) != l->size)
    {
      set_missing (error, stored_name);
      return FALSE;
    }
  l->content_id = sqlite3_column_int64 (stmt, 3);
  _desk_kept_stmt_reset (g_steal_pointer (&stmt));

  if (l->sealed_sha256 == NULL)
    {
      l->name = g_steal_pointer (&stored_name);
      l->expected = g_strdup (l->blob_key);
      return TRUE;
    }

  if (key == NULL)
    {
      if (!desk_store_require_names (store, error))
        return FALSE;
      key = store->data_key;
    }
  l->name = _desk_open_text (key, "attachments", "name", uuid, stored_name);
  if (l->name == NULL)
    l->name = g_strdup (desk_seal_describe (DESK_SEAL_DAMAGED));
  l->expected = _desk_open_text (key, "attachment_blobs", "sha256", l->blob_key, l->sealed_sha256);
  if (l->expected == NULL)
    {
      set_damaged (error, l->name);
      return FALSE;
    }
  return TRUE;
}

/* Reads a blob's plain bytes a piece at a time, opening them when sealed. */
typedef struct
{
  DeskStore *store;
  const Located *where;
  sqlite3_blob *blob;
  DeskFileSeal *seal;
  guint8 *piece;         /* the plain piece */
  guint8 *sealed;        /* a sealed piece as read */
  gsize piece_len;
  gsize piece_pos;
  gint64 offset;         /* plain bytes given so far */
  gint64 in;             /* where the next sealed piece starts */
} BlobReader;

static gboolean
blob_reader_open (BlobReader     *r,
                  DeskStore      *store,
                  const Located  *where,
                  const DeskKey  *key,
                  GError        **error)
{
  sqlite3 *db = _desk_store_get_db (store);
  gint64 stored = where->sealed_sha256 != NULL ? _desk_file_sealed_size (where->size) : where->size;
  int rc;

  memset (r, 0, sizeof *r);
  r->store = store;
  r->where = where;
  rc = sqlite3_blob_open (db, "main", "attachment_contents", "content", where->content_id, 0,
                          &r->blob);
  if (rc == SQLITE_OK && sqlite3_blob_bytes (r->blob) != stored)
    rc = SQLITE_CORRUPT;
  if (rc != SQLITE_OK)
    {
      if (rc == SQLITE_CORRUPT)
        set_missing (error, where->name);
      else
        _desk_store_set_error (store, rc, error);
      return FALSE;
    }
  r->piece = g_malloc (CHUNK_SIZE);

  if (where->sealed_sha256 != NULL)
    {
      guint8 header[DESK_FILE_HEADER_BYTES];

      if (key == NULL)
        key = store->data_key;
      rc = sqlite3_blob_read (r->blob, header, sizeof header, 0);
      if (rc != SQLITE_OK)
        {
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
      r->seal = _desk_file_seal_pull_new (key, header);
      if (r->seal == NULL)
        {
          set_damaged (error, where->name);
          return FALSE;
        }
      r->sealed = g_malloc (CHUNK_SIZE + DESK_FILE_PIECE_OVERHEAD);
      r->in = sizeof header;
    }
  return TRUE;
}

/* The next piece into r->piece; FALSE on an error. */
static gboolean
blob_reader_next (BlobReader  *r,
                  GError     **error)
{
  gsize n = (gsize) MIN ((gint64) CHUNK_SIZE, r->where->size - r->offset);
  int rc;

  if (r->seal == NULL)
    rc = sqlite3_blob_read (r->blob, r->piece, (int) n, (int) r->offset);
  else
    {
      gboolean final = r->offset + (gint64) n == r->where->size;

      rc = sqlite3_blob_read (r->blob, r->sealed, (int) (n + DESK_FILE_PIECE_OVERHEAD), (int) r->in);
      if (rc == SQLITE_OK &&
          !_desk_file_seal_pull (r->seal, r->sealed, n + DESK_FILE_PIECE_OVERHEAD,
                                 final ? r->where->blob_key : NULL, final, r->piece))
        {
          set_damaged (error, r->where->name);
          return FALSE;
        }
      r->in += n + DESK_FILE_PIECE_OVERHEAD;
    }
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (r->store, rc, error);
      return FALSE;
    }
  r->piece_len = n;
  r->piece_pos = 0;
  r->offset += n;
  return TRUE;
}

static void
blob_reader_close (BlobReader *r)
{
  if (r->piece != NULL)
    sodium_memzero (r->piece, CHUNK_SIZE);
  g_free (r->piece);
  g_free (r->sealed);
  _desk_file_seal_free (r->seal);
  sqlite3_blob_close (r->blob);
  memset (r, 0, sizeof *r);
}

/* A DeskAttachmentReadFunc over a BlobReader. */
static gssize
blob_reader_read (guint8    *buffer,
                  gsize      length,
                  gpointer   user_data,
                  GError   **error)
{
  BlobReader *r = user_data;
  gsize n;

  if (r->piece_pos == r->piece_len)
    {
      if (r->offset == r->where->size)
        return 0;
      if (!blob_reader_next (r, error))
        return -1;
    }
  n = MIN (length, r->piece_len - r->piece_pos);
  memcpy (buffer, r->piece + r->piece_pos, n);
  r->piece_pos += n;
  return (gssize) n;
}

static gboolean
copy_out_unbounded (DeskStore               *store,
                    const char              *uuid,
                    DeskAttachmentSinkFunc   sink,
                    gpointer                 sink_data,
                    GError                 **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  Located where = { 0 };
  BlobReader reader = { 0 };
  gboolean ok = FALSE;

  if (!locate (store, uuid, NULL, &where, error) ||
      !blob_reader_open (&reader, store, &where, NULL, error))
    goto out;

  while (reader.offset < where.size)
    {
      if (!blob_reader_next (&reader, error))
        goto out;
      g_checksum_update (checksum, reader.piece, reader.piece_len);
      if (!sink (reader.piece, reader.piece_len, sink_data, error))
        goto out;
    }

  if (g_strcmp0 (g_checksum_get_string (checksum), where.expected) != 0)
    {
      set_damaged (error, where.name);
      goto out;
    }
  ok = TRUE;

out:
  blob_reader_close (&reader);
  located_clear (&where);
  return ok;
}

gboolean
_desk_attachment_copy_out (DeskStore               *store,
                           const char              *uuid,
                           DeskAttachmentSinkFunc   sink,
                           gpointer                 sink_data,
                           GError                 **error)
{
  DeskCacheBound bound;
  gboolean ok;

  _desk_cache_bound_begin (&bound, store);
  ok = copy_out_unbounded (store, uuid, sink, sink_data, error);
  _desk_cache_bound_end (&bound);

  return ok;
}

/* Bytes moved between plain and sealed */

static int
blob_exists (DeskStore   *store,
             const char  *blob_key,
             GError     **error)
{
  g_autoptr(DeskKeptStmt) stmt = _desk_store_prepare (store, "SELECT 1 FROM attachment_blobs "
                                                             "WHERE sha256 = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, blob_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return -1;
    }
  return rc == SQLITE_ROW ? 1 : 0;
}

gboolean
_desk_attachment_move_bytes (DeskStore      *store,
                             const char     *uuid,
                             const DeskKey  *from,
                             const DeskKey  *to,
                             GError        **error)
{
  g_autoptr(DeskKeptStmt) point = NULL;
  g_autofree char *new_key = NULL;
  Located where = { 0 };
  gboolean ok = FALSE;
  int exists;
  int rc;

  if (!locate (store, uuid, from, &where, error))
    goto out;
  /* Already as wanted. */
  if ((where.sealed_sha256 != NULL) == (to != NULL))
    {
      ok = TRUE;
      goto out;
    }

  new_key = to != NULL ? _desk_file_id (to, where.expected) : g_strdup (where.expected);
  exists = blob_exists (store, new_key, error);
  if (exists < 0)
    goto out;
  if (exists == 0)
    {
      g_autofree char *digest = NULL;
      g_autofree char *stored_key = NULL;
      BlobReader reader;

      if (!blob_reader_open (&reader, store, &where, from, error))
        {
          blob_reader_close (&reader);
          goto out;
        }
      digest = _desk_attachment_store_keyed (store, to, where.size, blob_reader_read, &reader,
                                             where.name, NULL, &stored_key, error);
      blob_reader_close (&reader);
      if (digest == NULL)
        goto out;
      if (strcmp (digest, where.expected) != 0 || strcmp (stored_key, new_key) != 0)
        {
          set_damaged (error, where.name);
          goto out;
        }
    }

  /* The trigger attachments_drop_blob_moved lets the old bytes go when they were the last
   * attachment's. */
  point = _desk_store_prepare (store, "UPDATE attachments SET sha256 = ?2 WHERE uuid = ?1", error);
  if (point == NULL)
    goto out;
  sqlite3_bind_text (point, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (point, 2, new_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (point);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      goto out;
    }
  ok = TRUE;

out:
  located_clear (&where);
  return ok;
}

/* Private API */

gboolean
_desk_attachment_has_bytes (DeskStore   *store,
                            const char  *sha256,
                            GError     **error)
{
  return blob_exists (store, sha256, error) == 1;
}

gboolean
_desk_attachment_has_bytes_for (DeskStore   *store,
                                gboolean     personal,
                                const char  *sha256,
                                GError     **error)
{
  g_autofree char *file_id = NULL;

  if (!_desk_attachment_row_sealed (store, personal))
    return blob_exists (store, sha256, error) == 1;
  if (!desk_store_require_names (store, error))
    return FALSE;
  file_id = _desk_file_id (store->data_key, sha256);
  return blob_exists (store, file_id, error) == 1;
}
