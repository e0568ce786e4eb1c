/* desk-store-import-memo.c — what a running import wrote and read, so that validating
 * its records does not ask SQLite again; and whether a record exists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"

#include "desk-record-private.h"

/* The text of _desk_store_record_exists's statement, built once per kind and store. */
static GQuark exists_sql_cache_quark (void);
G_DEFINE_QUARK (desk-store-exists-sql, exists_sql_cache)

/* What a running import wrote and read, so that its validation does not ask SQLite again
 * for what it already knows (see _desk_store_remember_import). */
static GQuark import_memo_quark (void);
G_DEFINE_QUARK (desk-store-import-memo, import_memo)

/* More parents than this are not kept: the memo's memory stays bounded whatever the size
 * of the bundle (budget lines and activities of a large group fit). */
#define MAX_REMEMBERED_PARENTS 16384

typedef struct
{
  const DeskKind *kind;
  const char *group;         /* interned: a bundle carries one group */
} Known;

typedef struct
{
  GHashTable *targets;       /* DeskKind → itself: the kinds a record can refer to */
  GHashTable *known;         /* uuid → Known: records this import inserted */
  GHashTable *parents;       /* uuid → DeskRecord as desk_store_get read it */
} ImportMemo;

static void
import_memo_free (gpointer data)
{
  ImportMemo *memo = data;

  g_hash_table_unref (memo->targets);
  g_hash_table_unref (memo->known);
  g_hash_table_unref (memo->parents);
  g_free (memo);
}

static ImportMemo *
import_memo (DeskStore *self)
{
  return g_object_get_qdata (G_OBJECT (self), import_memo_quark ());
}

void
_desk_store_remember_import (DeskStore *self,
                             gboolean   on)
{
  const DeskKind *const *kinds = desk_kind_all ();
  ImportMemo *memo;

  g_return_if_fail (DESK_IS_STORE (self));

  /* Whatever it held goes: after the import's commit or rollback, nothing in it can be
   * trusted. */
  g_object_set_qdata (G_OBJECT (self), import_memo_quark (), NULL);
  if (!on)
    return;

  memo = g_new0 (ImportMemo, 1);
  memo->targets = g_hash_table_new (NULL, NULL);
  memo->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  memo->parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* Only records that others can name are worth remembering: the group, and the kinds
   * some field refers to (not the many expenses and attendances). */
  g_hash_table_add (memo->targets, (gpointer) DESK_KIND_GROUP);
  for (guint k = 0; kinds[k] != NULL; k++)
    for (const DeskField *f = kinds[k]->fields; f->name != NULL; f++)
      if ((f->type == DESK_FIELD_REF || f->type == DESK_FIELD_REF_SET) &&
          desk_kind_lookup (f->ref) != NULL)
        g_hash_table_add (memo->targets, (gpointer) desk_kind_lookup (f->ref));

  g_object_set_qdata_full (G_OBJECT (self), import_memo_quark (), memo, import_memo_free);
}

/* After @record was written: an insert is remembered; an update may have changed the
 * record or its group, so what was known of it is forgotten. */
void
_desk_store_memo_written (DeskStore  *self,
              DeskRecord *record,
              gboolean    is_insert,
              gboolean    imported)
{
  ImportMemo *memo = import_memo (self);
  const DeskKind *kind = desk_record_get_kind (record);
  const char *uuid = desk_record_get_uuid (record);
  Known *known;

  if (memo == NULL)
    return;

  /* An inserted record was in no table of the memo: only records that exist are, and a
   * delete forgets them all. */
  if (!is_insert)
    {
      g_hash_table_remove (memo->known, uuid);
      g_hash_table_remove (memo->parents, uuid);
      return;
    }
  if (!imported || !g_hash_table_contains (memo->targets, kind))
    return;

  known = g_new (Known, 1);
  known->kind = kind;
  known->group = g_intern_string (desk_record_get_group (record));
  g_hash_table_insert (memo->known, g_strdup (uuid), known);
}

/* A delete cascades to records it does not name: nothing remembered can be trusted. */
void
_desk_store_memo_forget_all (DeskStore *self)
{
  ImportMemo *memo = import_memo (self);

  if (memo == NULL)
    return;

  g_hash_table_remove_all (memo->known);
  g_hash_table_remove_all (memo->parents);
}

DeskRecord *
_desk_store_dup_parent (DeskStore      *self,
                        const DeskKind *kind,
                        const char     *uuid)
{
  ImportMemo *memo = import_memo (self);
  DeskRecord *record;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && uuid != NULL, NULL);

  if (memo == NULL)
    return desk_store_get (self, kind, uuid, NULL);

  record = g_hash_table_lookup (memo->parents, uuid);
  if (record != NULL && desk_record_get_kind (record) == kind)
    return g_object_ref (record);

  record = desk_store_get (self, kind, uuid, NULL);
  if (record == NULL)
    return NULL;
  if (g_hash_table_size (memo->parents) >= MAX_REMEMBERED_PARENTS)
    g_hash_table_remove_all (memo->parents);
  g_hash_table_insert (memo->parents, g_strdup (uuid), g_object_ref (record));

  return record;
}


gboolean
_desk_store_record_exists (DeskStore      *self,
                           const DeskKind *kind,
                           const char     *uuid,
                           char          **group_uuid)
{
  ImportMemo *memo = import_memo (self);
  GHashTable *cache;
  const char *sql;
  sqlite3_stmt *stmt;
  gboolean found;

  /* Written by the running import: known without asking. What is not known is asked. */
  if (memo != NULL)
    {
      Known *known = g_hash_table_lookup (memo->known, uuid);

      if (known != NULL && known->kind == kind)
        {
          if (group_uuid != NULL)
            *group_uuid = g_strdup (known->group);
          return TRUE;
        }
    }

  /* Asked for every reference of every record written: the text is built once per kind
   * and kept on the store. */
  cache = g_object_get_qdata (G_OBJECT (self), exists_sql_cache_quark ());
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_object_set_qdata_full (G_OBJECT (self), exists_sql_cache_quark (), cache,
                               (GDestroyNotify) g_hash_table_unref);
    }
  sql = g_hash_table_lookup (cache, kind);
  if (sql == NULL)
    {
      char *built = g_strdup_printf ("SELECT %s FROM %s WHERE uuid = ?1",
                                     kind != DESK_KIND_GROUP ? "group_uuid" : "uuid",
                                     kind->table);

      g_hash_table_insert (cache, (gpointer) kind, built);
      sql = built;
    }
  stmt = _desk_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && group_uuid != NULL)
    *group_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return found;
}
