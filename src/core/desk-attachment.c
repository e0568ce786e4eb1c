/* desk-attachment.c — files attached to the work, kept inside the database
 *
 * The bytes live in attachment_contents, keyed in attachment_blobs by their SHA-256;
 * each attachment row names its owner, its file name and its bytes (005-attachments.sql).
 * The bytes are copied in and out 64 KiB at a time through SQLite's incremental blob
 * I/O: adding a file reserves a zeroblob of the size fstat gave, then writes the pieces
 * into it while hashing them; the digest then keys them (or they go, when the same bytes
 * were stored already). Triggers drop bytes nobody refers to and the attachments of a
 * deleted owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-attachment"

#include "config.h"

#include "desk-attachment.h"
#include "desk-attachment-private.h"

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define CHUNK_SIZE (64 * 1024)
/* How much of the start of a file the media type is guessed from. */
#define SNIFF_SIZE 4096

static const DeskKind *const owner_kinds[] = {
  &desk_kind_activity,
  &desk_kind_deliverable,
  &desk_kind_expense,
  &desk_kind_funding,
  &desk_kind_workshop,
  &desk_kind_indicator_value,
};

static const char attachment_columns[] =
  "uuid, group_uuid, owner_kind, owner_uuid, name, media_type, size, sha256, caption, "
  "personal, added";

/* Helpers */

/* The store keeps a 64 MB page cache and maps up to 256 MB of the file, both good for
 * lists and reports; while a file's bytes go through, they would fill both with pages
 * read once. The copy runs with a small cache and no mapping, and puts the store's
 * settings back after. */
typedef struct
{
  DeskStore *store;
  gint64 cache_size;
  gint64 mmap_size;
} CacheBound;

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

static void
cache_bound_begin (CacheBound *bound,
                   DeskStore  *store)
{
  sqlite3 *db = _desk_store_get_db (store);

  bound->store = store;
  bound->cache_size = pragma_int (db, "PRAGMA cache_size");
  bound->mmap_size = pragma_int (db, "PRAGMA mmap_size");
  pragma_set (db, "cache_size", -1024);
  pragma_set (db, "mmap_size", 0);
}

static void
cache_bound_end (CacheBound *bound)
{
  sqlite3 *db = _desk_store_get_db (bound->store);

  pragma_set (db, "cache_size", bound->cache_size);
  pragma_set (db, "mmap_size", bound->mmap_size);
}

/* A statement the store keeps (_desk_store_prepare): reset when it goes out of scope, so
 * that it holds no lock and no bound text, but never finalized. */
typedef sqlite3_stmt KeptStmt;

static void
stmt_reset (KeptStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeptStmt, stmt_reset)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? (const char *) text : "");
}

static DeskAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  DeskAttachment *attachment = g_new0 (DeskAttachment, 1);

  attachment->uuid = column_dup (stmt, 0);
  attachment->group_uuid = column_dup (stmt, 1);
  attachment->owner_kind = column_dup (stmt, 2);
  attachment->owner_uuid = column_dup (stmt, 3);
  attachment->name = column_dup (stmt, 4);
  attachment->media_type = column_dup (stmt, 5);
  attachment->size = sqlite3_column_int64 (stmt, 6);
  attachment->sha256 = column_dup (stmt, 7);
  attachment->caption = column_dup (stmt, 8);
  attachment->personal = sqlite3_column_int (stmt, 9) != 0;
  attachment->added = column_dup (stmt, 10);

  return attachment;
}

static gboolean
check_owner (DeskStore       *store,
             const DeskKind  *owner_kind,
             const char      *owner_uuid,
             char           **group_uuid,
             GError         **error)
{
  if (!desk_attachment_kind_allowed (owner_kind))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Files cannot be attached to this kind of record (%s). Attach them to "
                     "a deliverable, an activity, an expense, a funding receipt, a workshop "
                     "or an indicator value."), _(owner_kind->label));
      return FALSE;
    }
  if (owner_uuid == NULL || !_desk_store_record_exists (store, owner_kind, owner_uuid, group_uuid))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no %s %s. Check the identifier."),
                   _(owner_kind->label), owner_uuid != NULL ? owner_uuid : "");
      return FALSE;
    }

  return TRUE;
}

/* Reads up to @length bytes, retrying after a signal; -1 with errno on failure. */
static gssize
read_some (int     fd,
           guint8 *buffer,
           gsize   length)
{
  gssize n;

  do
    n = read (fd, buffer, length);
  while (n < 0 && errno == EINTR);

  return n;
}

/* Copies the @size bytes @read gives into the zeroblob at @rowid, hashing them; the
 * first bytes are kept in @sniff for the media type. */
static gboolean
copy_in (DeskStore               *store,
         DeskAttachmentReadFunc   read,
         gpointer                 read_data,
         const char              *what,
         sqlite3_int64            rowid,
         gint64                   size,
         GChecksum               *checksum,
         GByteArray              *sniff,
         GError                 **error)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  sqlite3_blob *blob = NULL;
  gint64 offset = 0;
  gssize n;
  int rc;

  rc = sqlite3_blob_open (db, "main", "attachment_contents", "content", rowid, 1, &blob);
  if (rc != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  while (offset < size)
    {
      n = read (buffer, MIN ((gint64) CHUNK_SIZE, size - offset), read_data, error);
      if (n < 0)
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
      if (n == 0)
        {
          sqlite3_blob_close (blob);
          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("%s became shorter while it was read. Attach it again once no "
                         "program is writing to it."), what);
          return FALSE;
        }

      g_checksum_update (checksum, buffer, n);
      if (sniff != NULL && sniff->len < SNIFF_SIZE)
        g_byte_array_append (sniff, buffer, MIN ((gsize) n, SNIFF_SIZE - sniff->len));

      rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset);
      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
      offset += n;
    }

  rc = sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
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
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(KeptStmt) insert = NULL;
  g_autoptr(KeptStmt) exists = NULL;
  g_autoptr(KeptStmt) keep = NULL;
  g_autofree char *digest = NULL;
  sqlite3_int64 rowid;
  int rc;

  g_return_val_if_fail (size > 0 && size <= DESK_ATTACHMENT_MAX_SIZE, NULL);

  insert = _desk_store_prepare (store, "INSERT INTO attachment_contents (content) "
                                       "VALUES (zeroblob (?1))", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_int64 (insert, 1, size);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }
  rowid = sqlite3_last_insert_rowid (db);

  if (!copy_in (store, read, read_data, what, rowid, size, checksum, sniff, error))
    return NULL;

  digest = g_strdup (g_checksum_get_string (checksum));

  exists = _desk_store_prepare (store, "SELECT 1 FROM attachment_blobs WHERE sha256 = ?1", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_text (exists, 1, digest, -1, SQLITE_TRANSIENT);
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
    keep = _desk_store_prepare (store, "INSERT INTO attachment_blobs (content_id, sha256, size) "
                                       "VALUES (?1, ?2, ?3)", error);
  if (keep == NULL)
    return NULL;
  sqlite3_bind_int64 (keep, 1, rowid);
  if (rc != SQLITE_ROW)
    {
      sqlite3_bind_text (keep, 2, digest, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (keep, 3, size);
    }
  rc = sqlite3_step (keep);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&digest);
}

typedef struct
{
  int fd;
  const char *path;
} FileSource;

static gssize
file_source_read (guint8   *buffer,
                  gsize     length,
                  gpointer  user_data,
                  GError  **error)
{
  FileSource *source = user_data;
  gssize n = read_some (source->fd, buffer, length);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("%s could not be read: %s. Check the disk and attach it again."),
                   source->path, g_strerror (saved_errno));
    }

  return n;
}

static char *
guess_media_type (const char *name,
                  GByteArray *sniff)
{
  g_autofree char *content_type = NULL;
  char *mime;

  content_type = g_content_type_guess (name, sniff->data, sniff->len, NULL);
  mime = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;

  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}

typedef gboolean (*SinkFunc) (const guint8  *data,
                              gsize          length,
                              gpointer       user_data,
                              GError       **error);

/* Reads the attachment's bytes in pieces into @sink, checking their digest at the end. */
static gboolean
copy_out_unbounded (DeskStore   *store,
          const char  *uuid,
          SinkFunc     sink,
          gpointer     sink_data,
          GError     **error)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(KeptStmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_int64 rowid;
  gint64 size;
  int rc;

  stmt = _desk_store_prepare (store,
                              "SELECT a.name, a.sha256, a.size, b.content_id, b.size "
                              "FROM attachments AS a LEFT JOIN attachment_blobs AS b "
                              "ON b.sha256 = a.sha256 WHERE a.uuid = ?1", error);
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

  name = column_dup (stmt, 0);
  expected = column_dup (stmt, 1);
  size = sqlite3_column_int64 (stmt, 2);
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL || sqlite3_column_int64 (stmt, 4) != size)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                   _("The stored copy of “%s” is damaged: its bytes are missing or not the "
                     "size they were. Restore a backup to get the file back."), name);
      return FALSE;
    }
  rowid = sqlite3_column_int64 (stmt, 3);
  stmt_reset (g_steal_pointer (&stmt));

  rc = sqlite3_blob_open (db, "main", "attachment_contents", "content", rowid, 0, &blob);
  if (rc == SQLITE_OK && sqlite3_blob_bytes (blob) != size)
    rc = SQLITE_CORRUPT;
  if (rc != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      if (rc == SQLITE_CORRUPT)
        g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                     _("The stored copy of “%s” is damaged: its bytes are missing or not "
                       "the size they were. Restore a backup to get the file back."), name);
      else
        _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  buffer = g_malloc (CHUNK_SIZE);
  for (gint64 offset = 0; offset < size;)
    {
      int n = (int) MIN ((gint64) CHUNK_SIZE, size - offset);

      rc = sqlite3_blob_read (blob, buffer, n, (int) offset);
      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
      if (!sink (buffer, n, sink_data, error))
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
      offset += n;
    }
  sqlite3_blob_close (blob);

  if (g_strcmp0 (g_checksum_get_string (checksum), expected) != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                   _("The stored copy of “%s” is damaged: its bytes no longer match the "
                     "checksum they were stored with. Restore a backup to get the file "
                     "back."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
copy_out (DeskStore   *store,
          const char  *uuid,
          SinkFunc     sink,
          gpointer     sink_data,
          GError     **error)
{
  CacheBound bound;
  gboolean ok;

  cache_bound_begin (&bound, store);
  ok = copy_out_unbounded (store, uuid, sink, sink_data, error);
  cache_bound_end (&bound);

  return ok;
}

typedef struct
{
  GOutputStream *stream;
  GCancellable *cancellable;
} StreamSink;

static gboolean
stream_sink (const guint8  *data,
             gsize          length,
             gpointer       user_data,
             GError       **error)
{
  StreamSink *sink = user_data;
  g_autoptr(GError) local = NULL;

  if (g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, &local))
    return TRUE;

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                 _("The attachment could not be written: %s. Check the disk and try "
                   "again."), local->message);
  return FALSE;
}

typedef struct
{
  int fd;
  const char *path;
} FileSink;

static gboolean
file_sink (const guint8  *data,
           gsize          length,
           gpointer       user_data,
           GError       **error)
{
  FileSink *sink = user_data;

  while (length > 0)
    {
      gssize n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("%s could not be written: %s. Check the disk and try again."),
                       sink->path, g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

static gboolean
insert_row (DeskStore             *store,
            const DeskAttachment  *a,
            GError               **error)
{
  g_autoptr(KeptStmt) insert = NULL;
  int rc;

  insert = _desk_store_prepare (store,
                                "INSERT INTO attachments (uuid, group_uuid, owner_kind, "
                                "owner_uuid, name, media_type, size, sha256, caption, "
                                "personal, added) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, a->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, a->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, a->owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, a->owner_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, a->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, a->media_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 7, a->size);
  sqlite3_bind_text (insert, 8, a->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 9, a->caption != NULL ? a->caption : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 10, a->personal ? 1 : 0);
  sqlite3_bind_text (insert, 11, a->added, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql with @uuid as ?1 (and @text as ?2 when not NULL); FALSE on an error. */
static gboolean
run_on (DeskStore   *store,
        const char  *sql,
        const char  *uuid,
        const char  *text,
        GError     **error)
{
  g_autoptr(KeptStmt) stmt = _desk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
select_list (DeskStore   *store,
             const char  *where,
             const char  *first,
             const char  *second,
             GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(KeptStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT %s FROM attachments WHERE %s", attachment_columns, where);
  stmt = _desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, attachment_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* Public API */

void
desk_attachment_free (DeskAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->uuid);
  g_free (attachment->group_uuid);
  g_free (attachment->owner_kind);
  g_free (attachment->owner_uuid);
  g_free (attachment->name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_free (attachment->caption);
  g_free (attachment->added);
  g_free (attachment);
}

gboolean
desk_attachment_kind_allowed (const DeskKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (owner_kinds); i++)
    if (owner_kinds[i] == kind)
      return TRUE;

  return FALSE;
}

DeskAttachment *
desk_attachment_add (DeskStore              *store,
                     const DeskKind         *owner_kind,
                     const char             *owner_uuid,
                     const char             *path,
                     const char             *caption,
                     DeskAttachmentPersonal  personal,
                     GError                **error)
{
  g_autofree char *group_uuid = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *added = NULL;
  g_autoptr(GByteArray) sniff = NULL;
  CacheBound bound;
  gboolean is_personal;
  gboolean committed;
  gint64 size = 0;
  int fd;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (owner_kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (caption == NULL)
    caption = "";
  if (!g_utf8_validate (caption, -1, NULL))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The caption is not valid text (UTF-8). Type it again."));
      return NULL;
    }
  if (!check_owner (store, owner_kind, owner_uuid, &group_uuid, error))
    return NULL;

  /* Regular files only, and the size known (and checked against the limit) before a
   * byte is read. */
  fd = desk_file_open_input (path, 0, &size, error);
  if (fd < 0)
    return NULL;
  if (size > DESK_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *limit_text = g_format_size_full (DESK_ATTACHMENT_MAX_SIZE,
                                                        G_FORMAT_SIZE_LONG_FORMAT);

      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is %s, more than the %s a file attached to a record can be. Attach a "
                     "smaller copy, or split it into parts."), path, size_text, limit_text);
      return NULL;
    }
  if (size == 0)
    {
      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is empty (0 bytes), so there is nothing to attach. Choose the "
                     "file that holds the document."), path);
      return NULL;
    }

  name = g_filename_display_basename (path);
  uuid = g_uuid_string_random ();
  added = desk_store_dup_timestamp (store);
  sniff = g_byte_array_sized_new (SNIFF_SIZE);
  if (personal == DESK_ATTACHMENT_PERSONAL_DEFAULT)
    is_personal = owner_kind == &desk_kind_workshop;
  else
    is_personal = personal == DESK_ATTACHMENT_PERSONAL_YES;

  /* Files are not encrypted yet: where names are protected, a file holding personal data
   * would lie in the database in plain text beside them. Refused, not stored. */
  if (is_personal && _desk_store_is_sealing (store))
    {
      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is marked as holding personal data, and this version of Groupdesk "
                     "cannot yet encrypt files the way it protects names. Keep the file "
                     "outside Groupdesk for now; attach it only if it holds no personal data, "
                     "marked so."), path);
      return NULL;
    }

  cache_bound_begin (&bound, store);
  if (!desk_store_begin (store, error))
    {
      cache_bound_end (&bound);
      close (fd);
      return NULL;
    }

  {
    FileSource source = { fd, path };
    guint8 extra;

    digest = _desk_attachment_store_bytes (store, size, file_source_read, &source, path, sniff, error);
    /* One byte more than fstat said: the file grew while it was read. */
    if (digest != NULL && read_some (fd, &extra, 1) != 0)
      {
        g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                     _("%s changed while it was read. Attach it again once no program is "
                       "writing to it."), path);
        g_clear_pointer (&digest, g_free);
      }
  }
  close (fd);
  if (digest == NULL)
    goto fail;

  media_type = guess_media_type (name, sniff);

  {
    DeskAttachment row = {
      .uuid = uuid, .group_uuid = group_uuid, .owner_kind = (char *) owner_kind->name,
      .owner_uuid = (char *) owner_uuid, .name = name, .media_type = media_type,
      .size = size, .sha256 = digest, .caption = (char *) caption,
      .personal = is_personal, .added = added,
    };

    if (!insert_row (store, &row, error))
      goto fail;
  }

  committed = desk_store_commit (store, error);
  cache_bound_end (&bound);
  if (!committed)
    return NULL;

  return desk_attachment_get (store, uuid, error);

fail:
  desk_store_rollback (store);
  cache_bound_end (&bound);
  return NULL;
}

GPtrArray *
desk_attachment_list (DeskStore       *store,
                      const DeskKind  *owner_kind,
                      const char      *owner_uuid,
                      GError         **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (owner_kind != NULL, NULL);

  if (!check_owner (store, owner_kind, owner_uuid, NULL, error))
    return NULL;

  return select_list (store, "owner_uuid = ?1 AND owner_kind = ?2 ORDER BY added, rowid",
                      owner_uuid, owner_kind->name, error);
}

DeskAttachment *
desk_attachment_get (DeskStore   *store,
                     const char  *uuid,
                     GError     **error)
{
  g_autoptr(KeptStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  sql = g_strdup_printf ("SELECT %s FROM attachments WHERE uuid = ?1", attachment_columns);
  stmt = _desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return attachment_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                 _("There is no attachment %s. Check the identifier."), uuid);
  else
    _desk_store_set_error (store, rc, error);

  return NULL;
}

gboolean
desk_attachment_remove (DeskStore   *store,
                        const char  *uuid,
                        GError     **error)
{
  g_autoptr(KeptStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!desk_store_begin (store, error))
    return FALSE;

  /* The trigger attachments_drop_blob takes the bytes along when they were the last
   * attachment's, in the same transaction. */
  stmt = _desk_store_prepare (store, "DELETE FROM attachments WHERE uuid = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  stmt_reset (g_steal_pointer (&stmt));
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      goto fail;
    }
  if (sqlite3_changes (_desk_store_get_db (store)) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no attachment %s. Check the identifier."), uuid);
      goto fail;
    }

  return desk_store_commit (store, error);

fail:
  desk_store_rollback (store);
  return FALSE;
}

gboolean
desk_attachment_write_to_stream (DeskStore      *store,
                                 const char     *uuid,
                                 GOutputStream  *stream,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  StreamSink sink = { stream, cancellable };

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return copy_out (store, uuid, stream_sink, &sink, error);
}

gboolean
desk_attachment_write_to_file (DeskStore   *store,
                               const char  *uuid,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(DeskAttachment) attachment = NULL;
  g_autofree char *tmp_path = NULL;
  FileSink sink = { -1, path };
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Before a file is created: an unknown attachment leaves nothing behind. */
  attachment = desk_attachment_get (store, uuid, error);
  if (attachment == NULL)
    return FALSE;

  sink.fd = desk_file_create_temp_beside (path, 0644, &tmp_path, error);
  if (sink.fd < 0)
    return FALSE;

  ok = copy_out (store, uuid, file_sink, &sink, error);
  if (ok && fsync (sink.fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("%s could not be written: %s. Check the disk and try again."),
                   path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (close (sink.fd) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("%s could not be written: %s. Check the disk and try again."),
                   path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  return desk_file_commit_temp (tmp_path, path, error);
}

JsonNode *
desk_attachment_to_json (DeskAttachment *attachment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (attachment != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, attachment->uuid);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, attachment->name);
  json_builder_set_member_name (builder, "media_type");
  json_builder_add_string_value (builder, attachment->media_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, attachment->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, attachment->sha256);
  json_builder_set_member_name (builder, "personal");
  json_builder_add_boolean_value (builder, attachment->personal);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, attachment->caption);
  json_builder_set_member_name (builder, "added");
  json_builder_add_string_value (builder, attachment->added);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
desk_attachment_update (DeskStore    *store,
                        const char   *uuid,
                        const char   *caption,
                        int           personal,
                        GError      **error)
{
  g_autoptr(DeskAttachment) attachment = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (caption != NULL && !g_utf8_validate (caption, -1, NULL))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The caption is not valid text (UTF-8). Type it again."));
      return FALSE;
    }
  attachment = desk_attachment_get (store, uuid, error);
  if (attachment == NULL)
    return FALSE;
  if (personal == TRUE && !attachment->personal && _desk_store_is_sealing (store))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” cannot be marked as holding personal data here: names are "
                     "protected in this database, and this version of Groupdesk cannot yet "
                     "encrypt files the way it protects names. Remove the file and keep it "
                     "outside Groupdesk for now."), attachment->name);
      return FALSE;
    }

  if (!desk_store_begin (store, error))
    return FALSE;
  if (caption != NULL &&
      !run_on (store, "UPDATE attachments SET caption = ?2 WHERE uuid = ?1", uuid, caption, error))
    goto fail;
  if (personal >= 0 &&
      !run_on (store, "UPDATE attachments SET personal = ?2 WHERE uuid = ?1", uuid,
               personal ? "1" : "0", error))
    goto fail;

  return desk_store_commit (store, error);

fail:
  desk_store_rollback (store);
  return FALSE;
}

GHashTable *
desk_attachment_count_by_owner (DeskStore       *store,
                                const DeskKind  *owner_kind,
                                GError         **error)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(KeptStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (owner_kind != NULL, NULL);

  stmt = _desk_store_prepare (store, "SELECT owner_uuid, count(*) FROM attachments "
                                     "WHERE owner_kind = ?1 GROUP BY owner_uuid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner_kind->name, -1, SQLITE_STATIC);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, column_dup (stmt, 0), GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/* Private API */

gboolean
_desk_attachment_has_bytes (DeskStore   *store,
                            const char  *sha256,
                            GError     **error)
{
  g_autoptr(KeptStmt) stmt = _desk_store_prepare (store, "SELECT 1 FROM attachment_blobs "
                                                         "WHERE sha256 = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _desk_store_set_error (store, rc, error);

  return rc == SQLITE_ROW;
}

gboolean
_desk_attachment_put (DeskStore             *store,
                      const DeskAttachment  *attachment,
                      GError               **error)
{
  /* Deleting the row first would let the trigger take bytes the new row shares with it;
   * the new row goes in under a new key, then the old one goes, then the key is the
   * attachment's again. */
  const char *uuid = attachment->uuid;
  g_autofree char *parked = g_strconcat ("~", uuid, NULL);
  DeskAttachment row = *attachment;

  row.uuid = parked;
  return run_on (store, "DELETE FROM attachments WHERE uuid = ?1", parked, NULL, error) &&
         insert_row (store, &row, error) &&
         run_on (store, "DELETE FROM attachments WHERE uuid = ?1", uuid, NULL, error) &&
         run_on (store, "UPDATE attachments SET uuid = ?1 WHERE uuid = ?2", uuid, parked, error);
}

GPtrArray *
_desk_attachment_list_group (DeskStore   *store,
                             const char  *group_uuid,
                             GError     **error)
{
  return select_list (store, "group_uuid = ?1 ORDER BY owner_kind, owner_uuid, added, rowid",
                      group_uuid, NULL, error);
}
