/* desk-store-delete.c — deleting a record, with what goes with it
 *
 * A delete takes along the records that hang on the deleted one (the database's ON
 * DELETE CASCADE), and each leaves a tombstone (001-initial.sql's triggers). Before the
 * delete is made, it is made once inside a savepoint and rolled back, to learn which
 * records it takes: each is asked of the locks like the record itself (a delivered
 * deliverable of a reported period holds its activity) and gets a row in the change
 * history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-changes-private.h"
#include "desk-store-private.h"

#include "desk-error.h"
#include "desk-i18n.h"

static gboolean
delete_row (DeskStore       *self,
            const DeskKind  *kind,
            const char      *uuid,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE uuid = ?1", kind->table);
  sqlite3_stmt *stmt = _desk_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("This %s no longer exists: it may have been deleted already."),
                   _(kind->label));
      return FALSE;
    }
  return TRUE;
}

/* The tombstones written after @last_rowid, but @uuid's: the records that went with it,
 * as pairs of kind and UUID into @gone. */
static gboolean
read_gone (DeskStore   *self,
           gint64       last_rowid,
           const char  *uuid,
           GPtrArray   *gone,
           GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "SELECT kind, uuid FROM tombstones "
                                                  "WHERE rowid > ?1 AND uuid IS NOT ?2 "
                                                  "ORDER BY rowid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_rowid);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Asks the locks about each record the delete of @uuid would take along, and notes it
 * in @change: the delete is made in a savepoint, which is rolled back. */
static gboolean
add_cascade (DeskStore        *self,
             const DeskKind   *kind,
             const char       *uuid,
             gint64            last_rowid,
             DeskChangeWrite  *change,
             GError          **error)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  gboolean done;

  if (!desk_store_begin (self, error))
    return FALSE;
  done = delete_row (self, kind, uuid, error) && read_gone (self, last_rowid, uuid, gone, error);
  desk_store_rollback (self);
  if (!done)
    return FALSE;

  for (guint i = 0; i + 1 < gone->len; i += 2)
    {
      const DeskKind *k = desk_kind_lookup (g_ptr_array_index (gone, i));
      g_autoptr(DeskRecord) record = NULL;

      if (k == NULL)
        continue;
      record = desk_store_get (self, k, g_ptr_array_index (gone, i + 1), error);
      if (record == NULL || !_desk_changes_add_cascade (self, change, record, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_record (DeskStore       *self,
               const DeskKind  *kind,
               const char      *uuid,
               const char      *reason,
               GError         **error)
{
  g_autoptr(DeskChangeWrite) change = NULL;
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  sqlite3_int64 last_rowid;
  int rc;

  if (!desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (self, "SELECT coalesce (max (rowid), 0) FROM tombstones", error);
  if (stmt == NULL)
    goto failed;
  rc = sqlite3_step (stmt);
  last_rowid = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (self, rc, error);
      goto failed;
    }

  if (!_desk_changes_begin_write (self, kind, uuid, NULL, reason, &change, error))
    goto failed;
  if (change != NULL && !add_cascade (self, kind, uuid, last_rowid, change, error))
    goto failed;

  if (kind == DESK_KIND_PERSON)
    _desk_store_people_index_forget (self, uuid);
  else if (kind == DESK_KIND_GROUP)
    _desk_store_people_index_drop (self);  /* its people go with it */
  if (!delete_row (self, kind, uuid, error))
    goto failed;

  /* The triggers stamp tombstones with SQLite's clock; give them the store's, like every
   * updated time, so that an injected clock holds for deletions too. The tombstones this
   * delete wrote, cascades included, are the rows after the largest rowid before it. */
  stmt = _desk_store_prepare (self, "UPDATE tombstones SET deleted = ?1 WHERE rowid > ?2", error);
  if (stmt == NULL)
    goto failed;
  stamp = desk_store_dup_timestamp (self);
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, last_rowid);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      goto failed;
    }

  if (!_desk_changes_end_write (self, change, NULL, error))
    goto failed;

  if (!desk_store_commit (self, error))
    return FALSE;

  _desk_store_memo_forget_all (self);
  _desk_store_emit_changed (self, kind, uuid);

  return TRUE;

failed:
  /* Rolled back to what it was, but what else a savepoint undid is not known here. */
  _desk_store_memo_forget_all (self);
  desk_store_rollback (self);
  return FALSE;
}

gboolean
desk_store_delete (DeskStore       *self,
                   const DeskKind  *kind,
                   const char      *uuid,
                   GError         **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return delete_record (self, kind, uuid, NULL, error);
}

gboolean
desk_store_delete_with_reason (DeskStore       *self,
                               const DeskKind  *kind,
                               const char      *uuid,
                               const char      *reason,
                               GError         **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!_desk_changes_check_reason (reason, error))
    return FALSE;
  return delete_record (self, kind, uuid, reason, error);
}
