/* desk-attachment.c — files attached to the work, kept inside the database
 *
 * The bytes live in attachment_contents, keyed in attachment_blobs by their SHA-256;
 * each attachment row names its owner, its file name and its bytes (005-attachments.sql).
 * The bytes are copied in and out 64 KiB at a time through SQLite's incremental blob
 * I/O (desk-attachment-bytes.c): adding a file reserves a zeroblob of the size fstat
 * gave, then writes the pieces into it while hashing them; the digest then keys them (or
 * they go, when the same bytes were stored already). Triggers drop bytes nobody refers
 * to and the attachments of a deleted owner. Where names are protected, a personal
 * file's name, caption and bytes are sealed (desk-attachment-seal.c).
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
  "personal, added, (SELECT b.sealed_sha256 FROM attachment_blobs AS b "
  "WHERE b.sha256 = attachments.sha256)";

/* Helpers */

#define stmt_reset _desk_kept_stmt_reset

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? (const char *) text : "");
}

/* One row of attachment_columns; a personal file's sealed name, caption and digest
 * opened (or said to be locked). */
static DeskAttachment *
attachment_from_row (DeskStore    *store,
                     sqlite3_stmt *stmt)
{
  DeskAttachment *attachment = g_new0 (DeskAttachment, 1);

  attachment->uuid = column_dup (stmt, 0);
  attachment->group_uuid = column_dup (stmt, 1);
  attachment->owner_kind = column_dup (stmt, 2);
  attachment->owner_uuid = column_dup (stmt, 3);
  attachment->media_type = column_dup (stmt, 5);
  attachment->size = sqlite3_column_int64 (stmt, 6);
  attachment->personal = sqlite3_column_int (stmt, 9) != 0;
  attachment->added = column_dup (stmt, 10);
  _desk_attachment_open_row (store, attachment, (const char *) sqlite3_column_text (stmt, 4),
                             (const char *) sqlite3_column_text (stmt, 8),
                             (const char *) sqlite3_column_text (stmt, 7),
                             (const char *) sqlite3_column_text (stmt, 11));

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

/* Adds @a's row as it is to be stored: its name, caption and blob key sealed already
 * where they must be (_desk_attachment_seal_row). */
static gboolean
insert_row (DeskStore             *store,
            const DeskAttachment  *a,
            GError               **error)
{
  g_autoptr(DeskKeptStmt) insert = NULL;
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

/* Adds @a's row (its name, caption and SHA-256 as they are), stored as @stored_uuid:
 * sealed for @a->uuid where it must be. */
static gboolean
insert_sealed (DeskStore             *store,
               const DeskAttachment  *a,
               const char            *stored_uuid,
               GError               **error)
{
  g_autofree char *name = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *blob_key = NULL;
  DeskAttachment row = *a;

  if (!_desk_attachment_seal_row (store, a, &name, &caption, &blob_key, error))
    return FALSE;
  row.uuid = (char *) stored_uuid;
  row.name = name;
  row.caption = caption;
  row.sha256 = blob_key;
  return insert_row (store, &row, error);
}

/* Runs @sql with @uuid as ?1 (and @text as ?2 when not NULL); FALSE on an error. */
static gboolean
run_on (DeskStore   *store,
        const char  *sql,
        const char  *uuid,
        const char  *text,
        GError     **error)
{
  g_autoptr(DeskKeptStmt) stmt = _desk_store_prepare (store, sql, error);
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
  g_autoptr(DeskKeptStmt) stmt = NULL;
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
    g_ptr_array_add (list, attachment_from_row (store, stmt));
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
  DeskCacheBound bound;
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

  /* Where names are protected, a personal file is sealed: that needs the key. */
  if (_desk_attachment_row_sealed (store, is_personal) && !desk_store_require_names (store, error))
    {
      close (fd);
      return NULL;
    }

  _desk_cache_bound_begin (&bound, store);
  if (!desk_store_begin (store, error))
    {
      _desk_cache_bound_end (&bound);
      close (fd);
      return NULL;
    }

  {
    FileSource source = { fd, path };
    guint8 extra;

    digest = _desk_attachment_store_bytes_for (store, is_personal, size, file_source_read, &source,
                                               path, sniff, error);
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

    if (!insert_sealed (store, &row, uuid, error))
      goto fail;
  }

  committed = desk_store_commit (store, error);
  _desk_cache_bound_end (&bound);
  if (!committed)
    return NULL;

  return desk_attachment_get (store, uuid, error);

fail:
  desk_store_rollback (store);
  _desk_cache_bound_end (&bound);
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
  g_autoptr(DeskKeptStmt) stmt = NULL;
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
    return attachment_from_row (store, stmt);
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
  g_autoptr(DeskKeptStmt) stmt = NULL;
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

  return _desk_attachment_copy_out (store, uuid, stream_sink, &sink, error);
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

  ok = _desk_attachment_copy_out (store, uuid, file_sink, &sink, error);
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
  if (personal >= 0)
    attachment->personal = personal != 0;
  /* A sealed caption is sealed again: that needs the key. */
  if (caption != NULL && _desk_attachment_row_sealed (store, attachment->personal) &&
      !desk_store_require_names (store, error))
    return FALSE;

  if (!desk_store_begin (store, error))
    return FALSE;
  if (personal >= 0 && !_desk_attachment_set_personal (store, uuid, personal != 0, error))
    goto fail;
  if (caption != NULL)
    {
      g_autofree char *stored = NULL;

      if (_desk_attachment_row_sealed (store, attachment->personal) && caption[0] != '\0')
        stored = _desk_seal_text (store->data_key, "attachments", "caption", uuid,
                                  caption);
      else
        stored = g_strdup (caption);
      if (!run_on (store, "UPDATE attachments SET caption = ?2 WHERE uuid = ?1", uuid, stored, error))
        goto fail;
    }

  if (!desk_store_commit (store, error))
    return FALSE;
  /* A file marked personal was in plain text until now: its old pages may still be in
   * the WAL. Copied into the database (where secure_delete has zeroed them) and the WAL
   * emptied, when no other reader holds it back. Backups made before keep the plain
   * file until they are replaced (HACKING.md, "Names at rest"). */
  if (personal == TRUE && _desk_store_is_sealing (store))
    _desk_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  return TRUE;

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
  g_autoptr(DeskKeptStmt) stmt = NULL;
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
_desk_attachment_put (DeskStore             *store,
                      const DeskAttachment  *attachment,
                      GError               **error)
{
  /* Deleting the row first would let the trigger take bytes the new row shares with it;
   * the new row goes in under a new key, then the old one goes, then the key is the
   * attachment's again. */
  const char *uuid = attachment->uuid;
  g_autofree char *parked = g_strconcat ("~", uuid, NULL);

  /* Sealed for the attachment's UUID, not the parked one. */
  return run_on (store, "DELETE FROM attachments WHERE uuid = ?1", parked, NULL, error) &&
         insert_sealed (store, attachment, parked, error) &&
         run_on (store, "DELETE FROM attachments WHERE uuid = ?1", uuid, NULL, error) &&
         run_on (store, "UPDATE attachments SET uuid = ?1 WHERE uuid = ?2", uuid, parked, error) &&
         (!_desk_attachment_row_sealed (store, attachment->personal) ||
          _desk_attachment_move_bytes (store, uuid, NULL, store->data_key, error));
}

GPtrArray *
_desk_attachment_list_group (DeskStore   *store,
                             const char  *group_uuid,
                             GError     **error)
{
  return select_list (store, "group_uuid = ?1 ORDER BY owner_kind, owner_uuid, added, rowid",
                      group_uuid, NULL, error);
}
