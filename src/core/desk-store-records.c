/* desk-store-records.c — reading and writing records of every kind
 *
 * The SQL here is built from the kinds' descriptions (static column names, never user
 * text) and every value is bound, so nothing a user types can reach the SQL text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-changes-private.h"
#include "desk-secretariat.h"
#include "desk-store-private.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-record-private.h"
#include "desk-validate-private.h"

/* The statements' text built once and kept on each store (see cached_write_sql,
 * cached_set_sql and by_uuid_sql). */
static GQuark write_sql_cache_quark (void);
static GQuark by_uuid_sql_cache_quark (void);
static GQuark set_sql_cache_quark (void);
G_DEFINE_QUARK (desk-store-write-sql, write_sql_cache)
G_DEFINE_QUARK (desk-store-set-sql, set_sql_cache)
G_DEFINE_QUARK (desk-store-by-uuid-sql, by_uuid_sql_cache)

static gboolean
has_group_column (const DeskKind *kind)
{
  return kind != DESK_KIND_GROUP;
}

/* "uuid, group_uuid, updated, col1, col2 …" for the kind's own columns. */
static char *
column_list (const DeskKind *kind,
             const char     *prefix)
{
  GString *s = g_string_new (NULL);

  /* groups has no group_uuid column: its own uuid stands in the group's place. */
  g_string_append_printf (s, "%suuid, %s%s, %supdated", prefix, prefix,
                          has_group_column (kind) ? "group_uuid" : "uuid", prefix);

  for (const DeskField *f = kind->fields; f->name != NULL; f++)
    if (!desk_field_in_join (f))
      g_string_append_printf (s, ", %s%s", prefix, f->name);

  return g_string_free (s, FALSE);
}

static void
split_join (const DeskField  *field,
            char            **table,
            char            **parent,
            char            **value)
{
  g_auto(GStrv) parts = g_strsplit (field->join, ":", 3);

  g_assert (g_strv_length (parts) == 3);
  *table = g_strdup (parts[0]);
  *parent = g_strdup (parts[1]);
  *value = g_strdup (parts[2]);
}

/* The text stored for field @index of @record: its text, or the values of a set kept in
 * its own column separated by spaces; then sealed where names are protected. NULL with
 * the reason when it cannot be sealed (locked). */
static char *
stored_text (DeskStore   *self,
             DeskRecord  *record,
             guint        index,
             GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const DeskField *f = &kind->fields[index];
  g_autofree char *joined = NULL;
  const char *plain;

  if (desk_field_type_is_set (f->type))
    plain = joined = g_strjoinv (" ", (char **) desk_record_index_get_set (record, index));
  else
    plain = desk_record_index_get_string (record, index);

  return _desk_store_seal_value (self, kind, f, desk_record_get_uuid (record), plain, error);
}

static gboolean
bind_field (DeskStore       *self,
            sqlite3_stmt    *stmt,
            int              column,
            DeskRecord      *record,
            guint            index,
            GError         **error)
{
  const DeskField *f = &desk_record_get_kind (record)->fields[index];

  if (!desk_record_index_is_set (record, index))
    {
      /* Unset text is stored as empty text where the column has a default. */
      if (f->type == DESK_FIELD_TEXT || desk_field_type_is_set (f->type))
        sqlite3_bind_text (stmt, column, "", -1, SQLITE_STATIC);
      else if (f->type == DESK_FIELD_BOOL)
        sqlite3_bind_int (stmt, column, 0);
      else
        sqlite3_bind_null (stmt, column);
      return TRUE;
    }

  if ((f->flags & DESK_FIELD_SEALED) != 0 || desk_field_type_is_set (f->type))
    {
      char *text = stored_text (self, record, index, error);

      if (text == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, column, text, -1, g_free);
    }
  else if (desk_field_type_is_text (f->type))
    sqlite3_bind_text (stmt, column, desk_record_index_get_string (record, index), -1,
                       SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, column, desk_record_index_get_int (record, index));
  return TRUE;
}

static void
read_row (DeskStore    *self,
          sqlite3_stmt *stmt,
          DeskRecord   *record)
{
  const DeskKind *kind = desk_record_get_kind (record);
  guint column = 3;

  desk_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 0));
  desk_record_set_group (record, (const char *) sqlite3_column_text (stmt, 1));
  desk_record_set_updated (record, (const char *) sqlite3_column_text (stmt, 2));

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];

      if (desk_field_in_join (f))
        continue;

      if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
        {
          if (desk_field_type_is_text (f->type) || desk_field_type_is_set (f->type))
            {
              const char *text = (const char *) sqlite3_column_text (stmt, column);
              DeskSeal seal = DESK_SEAL_OPEN;

              if ((f->flags & DESK_FIELD_SEALED) != 0)
                text = _desk_store_open_value (self, kind, f, desk_record_get_uuid (record),
                                               text, &seal);
              if (text == NULL)
                _desk_record_set_seal (record, seal);
              else if (desk_field_type_is_set (f->type))
                _desk_record_load_set (record, i, text[0] != '\0' ? g_strsplit (text, " ", -1) : NULL);
              else
                _desk_record_load_string (record, i, text);
            }
          else
            _desk_record_load_int (record, i, sqlite3_column_int64 (stmt, column));
        }
      column++;
    }
}

/* The statements that write set field @f (its join table): "DELETE …" then "INSERT …",
 * built once per field and kept on @self. */
typedef struct
{
  char *delete_sql;
  char *insert_sql;
} SetSql;

static void
set_sql_free (gpointer data)
{
  SetSql *sql = data;

  g_free (sql->delete_sql);
  g_free (sql->insert_sql);
  g_free (sql);
}

static const SetSql *
cached_set_sql (DeskStore       *self,
                const DeskField *f)
{
  GHashTable *cache = g_object_get_qdata (G_OBJECT (self), set_sql_cache_quark ());
  SetSql *sql;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (NULL, NULL, NULL, set_sql_free);
      g_object_set_qdata_full (G_OBJECT (self), set_sql_cache_quark (), cache,
                               (GDestroyNotify) g_hash_table_unref);
    }

  sql = g_hash_table_lookup (cache, f);
  if (sql == NULL)
    {
      g_autofree char *table = NULL;
      g_autofree char *parent = NULL;
      g_autofree char *value = NULL;

      split_join (f, &table, &parent, &value);
      sql = g_new (SetSql, 1);
      sql->delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", table, parent);
      sql->insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, %s) VALUES (?1, ?2)",
                                         table, parent, value);
      g_hash_table_insert (cache, (gpointer) f, sql);
    }

  return sql;
}

static gboolean
write_sets (DeskStore   *self,
            DeskRecord  *record,
            gboolean     replace,
            GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const char *uuid = desk_record_get_uuid (record);

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      const SetSql *sql;
      const char *const *values;
      sqlite3_stmt *stmt;
      int rc;

      if (!desk_field_in_join (f))
        continue;

      sql = cached_set_sql (self, f);
      if (replace)
        {
          if ((stmt = _desk_store_prepare (self, sql->delete_sql, error)) == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            {
              _desk_store_set_error (self, rc, error);
              return FALSE;
            }
        }

      values = desk_record_index_get_set (record, i);
      for (guint j = 0; values[j] != NULL; j++)
        {
          if ((stmt = _desk_store_prepare (self, sql->insert_sql, error)) == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, values[j], -1, SQLITE_TRANSIENT);
          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            {
              _desk_store_set_error (self, rc, error);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Reads the set fields of the records in @records (all of one kind) with one query per
 * set field, rather than one per record. The query gives each record's values together
 * (ORDER BY the record), so each record's array is built as they come and handed over
 * whole. */
static char *
set_select_sql (const DeskKind *kind,
                guint           index,
                const char     *where_sql)
{
  g_autofree char *table = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *value = NULL;

  split_join (&kind->fields[index], &table, &parent, &value);

  return g_strdup_printf ("SELECT j.%s, j.%s FROM %s j JOIN %s t ON t.uuid = j.%s%s "
                          "ORDER BY j.%s, j.%s",
                          parent, value, table, kind->table, parent,
                          where_sql != NULL ? where_sql : "", parent, value);
}

/* @set_sql, when not NULL, holds set_select_sql's text for each set field, by index. */
static gboolean
read_sets (DeskStore          *self,
           GPtrArray          *records,
           const char         *where_sql,
           const char         *where_value,
           const char *const  *set_sql,
           GError            **error)
{
  const DeskKind *kind;
  g_autoptr(GHashTable) by_uuid = NULL;

  if (records->len == 0)
    return TRUE;

  kind = desk_record_get_kind (g_ptr_array_index (records, 0));
  by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < records->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (records, i);
      g_hash_table_insert (by_uuid, (gpointer) desk_record_get_uuid (r), r);
    }

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      g_autofree char *built = NULL;
      g_autoptr(GPtrArray) values = NULL;
      DeskRecord *current = NULL;
      const char *sql;
      sqlite3_stmt *stmt;
      int rc;

      if (!desk_field_in_join (f))
        continue;

      sql = set_sql != NULL ? set_sql[i] : (built = set_select_sql (kind, i, where_sql));
      if ((stmt = _desk_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      if (where_value != NULL)
        sqlite3_bind_text (stmt, 1, where_value, -1, SQLITE_TRANSIENT);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *p = (const char *) sqlite3_column_text (stmt, 0);

          if (current == NULL || g_strcmp0 (desk_record_get_uuid (current), p) != 0)
            {
              if (current != NULL)
                {
                  g_ptr_array_add (values, NULL);
                  _desk_record_load_set (current, i, (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE));
                }
              current = g_hash_table_lookup (by_uuid, p);
              /* A record can only be met once: its values come together. */
              if (current != NULL && desk_record_index_is_set (current, i))
                current = NULL;
              if (current != NULL)
                values = g_ptr_array_new_with_free_func (g_free);
            }
          if (current != NULL)
            g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      if (current != NULL)
        {
          g_ptr_array_add (values, NULL);
          _desk_record_load_set (current, i, (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE));
        }
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (self, rc, error);
          return FALSE;
        }

      /* Those with none have an empty set. */
      for (guint j = 0; j < records->len; j++)
        if (!desk_record_index_is_set (g_ptr_array_index (records, j), i))
          _desk_record_load_set (g_ptr_array_index (records, j), i, NULL);
    }

  return TRUE;
}


gboolean
desk_store_validate (DeskStore   *self,
                     DeskRecord  *record,
                     char       **bad_field,
                     GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  return _desk_validate_record (self, record, bad_field, error);
}

/* The INSERT or UPDATE statement for @record, as write_record binds it: ?1 uuid, ?2 group,
 * ?3 updated, then the kind's own columns in order (for an insert, only the set ones). */
static char *
write_sql (DeskRecord *record,
           gboolean    is_insert,
           gboolean    keep_sealed)
{
  const DeskKind *kind = desk_record_get_kind (record);
  GString *s = g_string_new (NULL);

  if (is_insert)
    {
      /* Unset fields are left out, so that the column's default applies. */
      g_string_append_printf (s, "INSERT INTO %s (uuid, %supdated", kind->table,
                              has_group_column (kind) ? "group_uuid, " : "");
      for (guint i = 0; kind->fields[i].name != NULL; i++)
        if (!desk_field_in_join (&kind->fields[i]) && desk_record_index_is_set (record, i))
          g_string_append_printf (s, ", %s", kind->fields[i].name);
      g_string_append_printf (s, ") VALUES (?1, %s?3", has_group_column (kind) ? "?2, " : "");
      for (guint i = 0, n = 4; kind->fields[i].name != NULL; i++)
        if (!desk_field_in_join (&kind->fields[i]) && desk_record_index_is_set (record, i))
          g_string_append_printf (s, ", ?%u", n++);
      g_string_append (s, ")");
    }
  else
    {
      guint i = 4;

      g_string_append_printf (s, "UPDATE %s SET updated = ?3", kind->table);
      if (has_group_column (kind))
        g_string_append (s, ", group_uuid = ?2");
      for (const DeskField *f = kind->fields; f->name != NULL; f++)
        if (!desk_field_in_join (f) && !(keep_sealed && (f->flags & DESK_FIELD_SEALED) != 0))
          g_string_append_printf (s, ", %s = ?%u", f->name, i++);
      g_string_append (s, " WHERE uuid = ?1");
    }

  return g_string_free (s, FALSE);
}

/* The statements of the imports' writes differ only by kind and by which fields are set;
 * their text is kept per store (see cached_write_sql), keyed by these. */
typedef struct
{
  const DeskKind *kind;
  guint64 set_fields;     /* bit i: field i is set (inserts only) */
  gboolean is_insert;
} WriteKey;

static guint
write_key_hash (gconstpointer key)
{
  const WriteKey *k = key;

  return g_direct_hash (k->kind) ^ g_int64_hash (&k->set_fields) ^ (guint) k->is_insert;
}

static gboolean
write_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const WriteKey *ka = a;
  const WriteKey *kb = b;

  return ka->kind == kb->kind && ka->set_fields == kb->set_fields &&
         ka->is_insert == kb->is_insert;
}

/* write_sql for @record, built once per shape and kept on @self. NULL when the kind has
 * too many fields to be keyed (the caller then builds it). The text is owned by @self. */
static const char *
cached_write_sql (DeskStore  *self,
                  DeskRecord *record,
                  gboolean    is_insert)
{
  const DeskKind *kind = desk_record_get_kind (record);
  WriteKey key = { kind, 0, is_insert };
  GHashTable *cache;
  char *sql;


  if (is_insert)
    for (guint i = 0; kind->fields[i].name != NULL; i++)
      {
        if (i >= 64)
          return NULL;
        if (!desk_field_in_join (&kind->fields[i]) && desk_record_index_is_set (record, i))
          key.set_fields |= G_GUINT64_CONSTANT (1) << i;
      }

  cache = g_object_get_qdata (G_OBJECT (self), write_sql_cache_quark ());
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (write_key_hash, write_key_equal, g_free, g_free);
      g_object_set_qdata_full (G_OBJECT (self), write_sql_cache_quark (), cache,
                               (GDestroyNotify) g_hash_table_unref);
    }

  sql = g_hash_table_lookup (cache, &key);
  if (sql == NULL)
    {
      sql = write_sql (record, is_insert, FALSE);
      g_hash_table_insert (cache, g_memdup2 (&key, sizeof key), sql);
    }

  return sql;
}

/* Validates and writes @record. With @updated NULL, as desk_store_insert and
 * desk_store_update: stamped with the store's time, in a savepoint of its own, its
 * changes recorded in the history (refused when a lock holds it and no @reason is
 * given). Otherwise for the import (see _desk_store_write_imported): stamped with
 * @updated, in the caller's transaction, recording nothing. */
static gboolean
write_record (DeskStore   *self,
              DeskRecord  *record,
              gboolean     is_insert,
              const char  *updated,
              const char  *reason,
              GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  gboolean own_transaction = updated == NULL;
  g_autoptr(DeskChangeWrite) change = NULL;
  g_autofree char *built_sql = NULL;
  g_autofree char *stamp = NULL;
  const char *sql = NULL;
  gboolean keep_sealed = FALSE;
  sqlite3_stmt *stmt;
  int column;
  int rc;

  if (is_insert && desk_record_get_uuid (record) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      desk_record_set_uuid (record, uuid);
    }
  if (kind == DESK_KIND_GROUP)
    desk_record_set_group (record, desk_record_get_uuid (record));

  /* Locked: names cannot be sealed, so none may be written; a record read while locked
   * is updated with its sealed columns left as they are. */
  if (!desk_store_names_readable (self) && desk_kind_has_sealed (kind))
    {
      if (!own_transaction || _desk_record_has_sealed_value (record))
        return desk_store_require_names (self, error);
      keep_sealed = !is_insert;
    }

  if (!_desk_validate_record (self, record, NULL, error))
    return FALSE;

  if (!own_transaction)
    sql = cached_write_sql (self, record, is_insert);
  if (sql == NULL)
    sql = built_sql = write_sql (record, is_insert, keep_sealed);

  if (own_transaction && !desk_store_begin (self, error))
    return FALSE;
  if (own_transaction &&
      !_desk_changes_begin_write (self, kind, is_insert ? NULL : desk_record_get_uuid (record),
                                  record, reason, &change, error))
    goto failed;

  stmt = _desk_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  stamp = own_transaction ? desk_store_dup_timestamp (self) : g_strdup (updated);
  sqlite3_bind_text (stmt, 1, desk_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, desk_record_get_group (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_TRANSIENT);
  column = 4;
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    if (!desk_field_in_join (&kind->fields[i]) &&
        (!is_insert || desk_record_index_is_set (record, i)) &&
        !(keep_sealed && (kind->fields[i].flags & DESK_FIELD_SEALED) != 0) &&
        !bind_field (self, stmt, column++, record, i, error))
      {
        sqlite3_clear_bindings (stmt);
        goto failed;
      }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      /* Before the reset: the extended code and message name the clashing column. */
      _desk_store_set_record_error (self, sqlite3_extended_errcode (_desk_store_get_db (self)),
                                    record, error);
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);

  if (!is_insert && sqlite3_changes (_desk_store_get_db (self)) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("This %s no longer exists: it may have been deleted. Reload the list "
                     "and try again."), _(kind->label));
      goto failed;
    }

  if (!write_sets (self, record, !is_insert, error))
    goto failed;
  if (own_transaction && !_desk_changes_end_write (self, change, record, error))
    goto failed;

  if (own_transaction && !desk_store_commit (self, error))
    return FALSE;

  desk_record_set_updated (record, stamp);
  if (!keep_sealed)
    _desk_record_reset_seal (record);
  if (kind == DESK_KIND_PERSON && !keep_sealed)
    _desk_store_people_index_note (self, record);
  _desk_store_memo_written (self, record, is_insert, !own_transaction);
  _desk_store_emit_changed (self, kind, desk_record_get_uuid (record));

  return TRUE;

failed:
  if (own_transaction)
    desk_store_rollback (self);
  return FALSE;
}

gboolean
_desk_store_write_imported (DeskStore   *self,
                            DeskRecord  *record,
                            gboolean     is_insert,
                            const char  *updated,
                            GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);
  g_return_val_if_fail (updated != NULL, FALSE);
  g_return_val_if_fail (is_insert || desk_record_get_uuid (record) != NULL, FALSE);
  /* Only inside a transaction the caller rolls back on failure. */
  g_return_val_if_fail (!sqlite3_get_autocommit (_desk_store_get_db (self)), FALSE);

  return write_record (self, record, is_insert, updated, NULL, error);
}

gboolean
desk_store_insert (DeskStore   *self,
                   DeskRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  return write_record (self, record, TRUE, NULL, NULL, error);
}

gboolean
desk_store_update (DeskStore   *self,
                   DeskRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);
  g_return_val_if_fail (desk_record_get_uuid (record) != NULL, FALSE);

  return write_record (self, record, FALSE, NULL, NULL, error);
}

gboolean
desk_store_update_with_reason (DeskStore   *self,
                               DeskRecord  *record,
                               const char  *reason,
                               GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);
  g_return_val_if_fail (desk_record_get_uuid (record) != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!_desk_changes_check_reason (reason, error))
    return FALSE;
  return write_record (self, record, FALSE, NULL, reason, error);
}

static char *
select_sql (const DeskKind *kind,
            const char     *where)
{
  g_autofree char *columns = column_list (kind, "t.");

  return g_strdup_printf ("SELECT %s FROM %s t%s ORDER BY %s", columns, kind->table,
                          where != NULL ? where : "", kind->order_by);
}

#define BY_UUID " WHERE t.uuid = ?1"

/* The statements that read one record of a kind by its uuid (select_sql, then
 * set_select_sql by field index), built once per kind and kept on the store: every
 * validation of a record that checks its parent reads one. */
static const char *const *
by_uuid_sql (DeskStore      *self,
             const DeskKind *kind)
{
  GHashTable *cache;
  GPtrArray *sql;

  cache = g_object_get_qdata (G_OBJECT (self), by_uuid_sql_cache_quark ());
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
      g_object_set_qdata_full (G_OBJECT (self), by_uuid_sql_cache_quark (), cache,
                               (GDestroyNotify) g_hash_table_unref);
    }

  sql = g_hash_table_lookup (cache, kind);
  if (sql == NULL)
    {
      sql = g_ptr_array_new_with_free_func (g_free);
      /* [0] the record's row, then [1 + i] the set field i (NULL for others). */
      g_ptr_array_add (sql, select_sql (kind, BY_UUID));
      for (guint i = 0; kind->fields[i].name != NULL; i++)
        g_ptr_array_add (sql, desk_field_in_join (&kind->fields[i])
                              ? set_select_sql (kind, i, BY_UUID) : NULL);
      g_hash_table_insert (cache, (gpointer) kind, sql);
    }

  return (const char *const *) sql->pdata;
}

static GPtrArray *
select_records (DeskStore      *self,
                const DeskKind *kind,
                const char     *where_column,
                const char     *where_value,
                GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *where = NULL;
  g_autofree char *built = NULL;
  const char *const *cached = NULL;
  const char *sql;
  sqlite3_stmt *stmt;
  int rc;

  if (g_strcmp0 (where_column, "uuid") == 0)
    {
      cached = by_uuid_sql (self, kind);
      where = g_strdup (BY_UUID);
    }
  else if (where_column != NULL)
    where = g_strdup_printf (" WHERE t.%s = ?1", where_column);

  sql = cached != NULL ? cached[0] : (built = select_sql (kind, where));
  stmt = _desk_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (where_value != NULL)
    sqlite3_bind_text (stmt, 1, where_value, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskRecord *record = desk_record_new (kind);

      read_row (self, stmt, record);
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return NULL;
    }

  if (!read_sets (self, records, where, where_value, cached != NULL ? cached + 1 : NULL, error))
    return NULL;

  if (_desk_store_is_sealing (self) && records->len > 1)
    _desk_store_sort_opened (records, kind);

  return g_steal_pointer (&records);
}

DeskRecord *
desk_store_get (DeskStore       *self,
                const DeskKind  *kind,
                const char      *uuid,
                GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  records = select_records (self, kind, "uuid", uuid, error);
  if (records == NULL)
    return NULL;

  if (records->len == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no %s with the identifier %s. Check the identifier, or list "
                     "the records to find it."), _(kind->label), uuid);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (records, 0));
}

GPtrArray *
desk_store_list (DeskStore       *self,
                 const DeskKind  *kind,
                 const char      *group_uuid,
                 GError         **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (group_uuid == NULL)
    return select_records (self, kind, NULL, NULL, error);

  return select_records (self, kind, has_group_column (kind) ? "group_uuid" : "uuid",
                         group_uuid, error);
}

GPtrArray *
desk_store_list_by (DeskStore       *self,
                    const DeskKind  *kind,
                    const char      *field,
                    const char      *value,
                    GError         **error)
{
  const DeskField *f;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  f = desk_kind_get_field (kind, field);
  g_return_val_if_fail (f != NULL && !desk_field_in_join (f), NULL);

  return select_records (self, kind, field, value, error);
}

gint64
desk_store_count (DeskStore      *self,
                  const DeskKind *kind,
                  const char     *group_uuid)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  if (group_uuid != NULL)
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1", kind->table,
                           has_group_column (kind) ? "group_uuid" : "uuid");
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s", kind->table);

  stmt = _desk_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  if (group_uuid != NULL)
    sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

DeskRecord *
desk_store_dup_main_group (DeskStore *self)
{
  g_autoptr(GPtrArray) groups = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  /* A secretariat's database has no group of its own. */
  if (desk_store_is_secretariat (self))
    return NULL;

  groups = desk_store_list (self, DESK_KIND_GROUP, NULL, NULL);
  if (groups == NULL || groups->len == 0)
    return NULL;

  /* The first group that did not arrive in a bundle; else, when it holds one group only
   * (a database made by importing its own group's bundle, on a new laptop), that one.
   * Several groups, all imported, are a secretariat's desk: none is the main one. */
  for (guint i = 0; i < groups->len; i++)
    {
      DeskRecord *group = g_ptr_array_index (groups, i);

      if (!desk_store_group_is_imported (self, desk_record_get_uuid (group)))
        return g_object_ref (group);
    }

  return groups->len == 1 ? g_object_ref (g_ptr_array_index (groups, 0)) : NULL;
}

gboolean
desk_store_count_changes (DeskStore   *self,
                          const char  *group_uuid,
                          const char  *since,
                          gint64      *changed,
                          gint64      *deleted,
                          GError     **error)
{
  const DeskKind *const *kinds = desk_kind_all ();
  sqlite3_stmt *stmt;
  gint64 total = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (since != NULL, FALSE);

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE updated > ?2 AND "
                                              "(?1 IS NULL OR %s = ?1)", kinds[k]->table,
                                              has_group_column (kinds[k]) ? "group_uuid" : "uuid");

      if ((stmt = _desk_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        total += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if ((stmt = _desk_store_prepare (self, "SELECT count(*) FROM tombstones WHERE deleted > ?2 AND "
                                         "(?1 IS NULL OR group_uuid = ?1)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && deleted != NULL)
    *deleted = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (changed != NULL)
    *changed = total;

  return TRUE;
}
