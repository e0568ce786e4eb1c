/* desk-attachment-seal.c — personal attachments where names are protected
 *
 * A personal attachment of a protected database is sealed like a person: its name and
 * caption are sealed values (associated data "uuid/attachments.name", ".caption"), its
 * bytes a sealed copy (desk-attachment-bytes.c). Its media type, size, owner and dates
 * stay readable, like a person's gender or pillar, so lists and counts work while locked.
 * Turning protection on or off, and marking a file personal or not, move a file between
 * the two forms inside the caller's transaction. See "Names at rest" in HACKING.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-attachment"

#include "config.h"

#include "desk-attachment-private.h"

#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

gboolean
_desk_attachment_row_sealed (DeskStore *store,
                             gboolean   personal)
{
  return personal && _desk_store_is_sealing (store);
}

static char *
seal_or_empty (const DeskKey *key,
               const char    *field,
               const char    *uuid,
               const char    *plain)
{
  if (plain == NULL || plain[0] == '\0')
    return g_strdup ("");
  return _desk_seal_text (key, "attachments", field, uuid, plain);
}

/* The plain text of @stored, "" for "", NULL when it does not open. */
static char *
open_or_empty (const DeskKey *key,
               const char    *field,
               const char    *uuid,
               const char    *stored)
{
  if (stored == NULL || stored[0] == '\0')
    return g_strdup ("");
  return _desk_open_text (key, "attachments", field, uuid, stored);
}

void
_desk_attachment_open_row (DeskStore      *store,
                           DeskAttachment *attachment,
                           const char     *name,
                           const char     *caption,
                           const char     *blob_key,
                           const char     *sealed_sha256)
{
  const DeskKey *key = store->data_key;

  attachment->seal = DESK_SEAL_OPEN;
  if (!_desk_attachment_row_sealed (store, attachment->personal))
    {
      attachment->name = g_strdup (name);
      attachment->caption = g_strdup (caption);
      attachment->sha256 = g_strdup (blob_key);
      return;
    }

  if (key == NULL)
    {
      attachment->seal = DESK_SEAL_LOCKED;
      attachment->name = g_strdup (desk_seal_describe (DESK_SEAL_LOCKED));
      attachment->caption = g_strdup ("");
      attachment->sha256 = g_strdup ("");
      return;
    }

  attachment->name = _desk_open_text (key, "attachments", "name", attachment->uuid, name);
  attachment->caption = open_or_empty (key, "caption", attachment->uuid, caption);
  attachment->sha256 = sealed_sha256 != NULL
                       ? _desk_open_text (key, "attachment_blobs", "sha256", blob_key, sealed_sha256)
                       : g_strdup (blob_key);
  if (attachment->name == NULL || attachment->caption == NULL || attachment->sha256 == NULL)
    {
      attachment->seal = DESK_SEAL_DAMAGED;
      g_free (attachment->name);
      attachment->name = g_strdup (desk_seal_describe (DESK_SEAL_DAMAGED));
      if (attachment->caption == NULL)
        attachment->caption = g_strdup ("");
      if (attachment->sha256 == NULL)
        attachment->sha256 = g_strdup ("");
    }
}

gboolean
_desk_attachment_seal_row (DeskStore             *store,
                           const DeskAttachment  *attachment,
                           char                 **name,
                           char                 **caption,
                           char                 **blob_key,
                           GError               **error)
{
  const char *plain_caption = attachment->caption != NULL ? attachment->caption : "";
  g_autofree char *file_id = NULL;
  g_autoptr(DeskKeptStmt) stmt = NULL;
  const DeskKey *key;

  if (!_desk_attachment_row_sealed (store, attachment->personal))
    {
      *name = g_strdup (attachment->name);
      *caption = g_strdup (plain_caption);
      *blob_key = g_strdup (attachment->sha256);
      return TRUE;
    }
  if (!desk_store_require_names (store, error))
    return FALSE;

  key = store->data_key;
  file_id = _desk_file_id (key, attachment->sha256);
  stmt = _desk_store_prepare (store, "SELECT 1 FROM attachment_blobs WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, file_id, -1, SQLITE_TRANSIENT);

  *name = _desk_seal_text (key, "attachments", "name", attachment->uuid, attachment->name);
  *caption = seal_or_empty (key, "caption", attachment->uuid, plain_caption);
  /* Bytes stored plain (_desk_attachment_store_bytes) are sealed once the row is in:
   * the caller then runs _desk_attachment_move_bytes. */
  *blob_key = sqlite3_step (stmt) == SQLITE_ROW ? g_steal_pointer (&file_id)
                                                : g_strdup (attachment->sha256);
  return TRUE;
}

typedef struct
{
  char *uuid;
  char *name;
  char *caption;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->uuid);
  g_free (row->name);
  g_free (row->caption);
  g_free (row);
}

static gboolean
write_texts (DeskStore   *store,
             const char  *uuid,
             const char  *name,
             const char  *caption,
             int          personal,
             GError     **error)
{
  g_autoptr(DeskKeptStmt) stmt = NULL;
  int rc;

  stmt = _desk_store_prepare (store, "UPDATE attachments SET name = ?2, caption = ?3, "
                                     "personal = coalesce (?4, personal) WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, caption, -1, SQLITE_TRANSIENT);
  if (personal >= 0)
    sqlite3_bind_int (stmt, 4, personal);
  else
    sqlite3_bind_null (stmt, 4);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
set_unreadable (GError     **error,
                const char  *uuid)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
               _("The attached file %s has a name or caption that cannot be read: the "
                 "database was changed outside Groupdesk. Remove that file, then try "
                 "again."), uuid);
}

/* Seals (@to) or opens (@from) one row's name, caption and bytes; @personal is written
 * too when not -1. */
static gboolean
reseal (DeskStore      *store,
        const Row      *row,
        const DeskKey  *from,
        const DeskKey  *to,
        int             personal,
        GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *caption = NULL;

  if (to != NULL)
    {
      name = _desk_seal_text (to, "attachments", "name", row->uuid, row->name);
      caption = seal_or_empty (to, "caption", row->uuid, row->caption);
    }
  else
    {
      name = _desk_open_text (from, "attachments", "name", row->uuid, row->name);
      caption = open_or_empty (from, "caption", row->uuid, row->caption);
      if (name == NULL || caption == NULL)
        {
          set_unreadable (error, row->uuid);
          return FALSE;
        }
    }

  /* The bytes first: reading them names the file in messages from its row as it is. */
  return _desk_attachment_move_bytes (store, row->uuid, from, to, error) &&
         write_texts (store, row->uuid, name, caption, personal, error);
}

static GPtrArray *
read_rows (DeskStore   *store,
           const char  *where,
           const char  *uuid,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *sql = g_strdup_printf ("SELECT uuid, name, caption FROM attachments WHERE %s",
                                          where);
  g_autoptr(DeskKeptStmt) stmt = _desk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->caption = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
_desk_attachment_rewrite_all (DeskStore      *store,
                              const DeskKey  *from,
                              const DeskKey  *to,
                              GError        **error)
{
  g_autoptr(GPtrArray) rows = read_rows (store, "personal = 1 ORDER BY rowid", NULL, error);
  DeskCacheBound bound;
  gboolean ok = TRUE;

  if (rows == NULL)
    return FALSE;

  _desk_cache_bound_begin (&bound, store);
  for (guint i = 0; ok && i < rows->len; i++)
    ok = reseal (store, g_ptr_array_index (rows, i), from, to, -1, error);
  _desk_cache_bound_end (&bound);

  return ok;
}

gboolean
_desk_attachment_set_personal (DeskStore   *store,
                               const char  *uuid,
                               gboolean     personal,
                               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  DeskCacheBound bound;
  gboolean ok;

  if (!_desk_store_is_sealing (store))
    {
      g_autoptr(DeskKeptStmt) stmt = _desk_store_prepare (store, "UPDATE attachments SET personal = ?2 "
                                                                 "WHERE uuid = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, personal ? 1 : 0);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
      return TRUE;
    }

  /* The row, when it bears the other mark: else there is nothing to do. */
  rows = read_rows (store, personal ? "uuid = ?1 AND personal = 0" : "uuid = ?1 AND personal = 1",
                    uuid, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  if (!desk_store_require_names (store, error))
    return FALSE;

  _desk_cache_bound_begin (&bound, store);
  ok = personal ? reseal (store, g_ptr_array_index (rows, 0), NULL, store->data_key, 1, error)
                : reseal (store, g_ptr_array_index (rows, 0), store->data_key, NULL, 0, error);
  _desk_cache_bound_end (&bound);
  return ok;
}
