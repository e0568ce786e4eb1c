/* desk-changes.c — writing the change history: the rows of the store's own writes, the
 * hash chain, who made them
 *
 * Each write made in its own transaction (desk_store_insert/_update/_delete) is begun
 * here (the record as stored read, the locks asked), made by the store, then ended here
 * (its rows appended in the same transaction). A row's hash is the SHA-256, in hex, of
 * the previous row's hash (64 zeros for the first) followed by the row's columns id, at,
 * who, action, kind, record_uuid, group_uuid, field, old_value, new_value, reason and
 * lock_uuid, each given as "N" when NULL or as "S<length in bytes>:<bytes>" otherwise
 * (see _desk_changes_hash), so that NULL, "" and where one value ends cannot be confused.
 *
 * The values of personal fields (DESK_FIELD_SEALED) are sealed where names are protected,
 * with the change's row named in the associated data ("<id>/changes.old_value").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-changes"

#include "config.h"

#include "desk-changes-private.h"

#include <stdlib.h>
#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* What a store's writes are recorded as, kept on the store. */
typedef struct
{
  DeskChangeAction action;  /* UNDO, REDO or IMPORT; any other: the write's own */
  gboolean recording_off;   /* the bench's reference only */
  gboolean rewriting;       /* desk_changes_rewriting () answers 1 */
} ChangesState;

static GQuark changes_state_quark (void);
G_DEFINE_QUARK (desk-changes-state, changes_state)

static ChangesState *
state_of (DeskStore *store)
{
  ChangesState *state = g_object_get_qdata (G_OBJECT (store), changes_state_quark ());

  if (state == NULL)
    {
      state = g_new0 (ChangesState, 1);
      state->action = DESK_CHANGE_UPDATE;
      g_object_set_qdata_full (G_OBJECT (store), changes_state_quark (), state, g_free);
    }
  return state;
}

static const char *const action_names[] = {
  [DESK_CHANGE_INSERT] = "insert",
  [DESK_CHANGE_UPDATE] = "update",
  [DESK_CHANGE_DELETE] = "delete",
  [DESK_CHANGE_UNDO] = "undo",
  [DESK_CHANGE_REDO] = "redo",
  [DESK_CHANGE_IMPORT] = "import",
};

const char *
desk_change_action_to_string (DeskChangeAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_names), "update");

  return action_names[action];
}

DeskChangeAction
_desk_changes_set_action (DeskStore       *store,
                          DeskChangeAction action)
{
  ChangesState *state = state_of (store);
  DeskChangeAction previous = state->action;

  state->action = action;
  return previous;
}

void
_desk_changes_set_recording (DeskStore *store,
                             gboolean   recording)
{
  state_of (store)->recording_off = !recording;
}

void
_desk_changes_set_rewriting (DeskStore *store,
                             gboolean   rewriting)
{
  state_of (store)->rewriting = rewriting;
}

static void
rewriting_sql (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  DeskStore *store = sqlite3_user_data (context);
  ChangesState *state = g_object_get_qdata (G_OBJECT (store), changes_state_quark ());

  sqlite3_result_int (context, state != NULL && state->rewriting ? 1 : 0);
}

void
_desk_changes_register_sql (DeskStore *store,
                            sqlite3   *db)
{
  sqlite3_create_function (db, "desk_changes_rewriting", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                           store, rewriting_sql, NULL, NULL);
}

gboolean
_desk_changes_check_reason (const char  *reason,
                            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (reason == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (reason));
  if (stripped[0] != '\0')
    return TRUE;
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("The reason is empty. Write why this record is changed after it was "
                 "reported, then try again."));
  return FALSE;
}


/* The hash chain */

static void
feed (GChecksum  *checksum,
      const char *value)
{
  char head[32];
  gsize length;

  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "N", 1);
      return;
    }
  length = strlen (value);
  g_snprintf (head, sizeof head, "S%" G_GSIZE_FORMAT ":", length);
  g_checksum_update (checksum, (const guchar *) head, (gssize) strlen (head));
  g_checksum_update (checksum, (const guchar *) value, (gssize) length);
}

char *
_desk_changes_hash (const char        *prev_hash,
                    const char *const *columns)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  feed (checksum, prev_hash);
  for (guint i = 0; i < DESK_CHANGES_N_HASHED; i++)
    feed (checksum, columns[i]);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The newest row's id and hash (0 and 64 zeros when there is none). */
static gboolean
last_row (DeskStore  *store,
          gint64     *id,
          char      **hash,
          GError    **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT id, hash FROM changes "
                                                   "ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    {
      *id = 0;
      *hash = g_strnfill (64, '0');
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (hash, g_free);
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
_desk_changes_last_id (DeskStore  *store,
                       GError    **error)
{
  g_autofree char *hash = NULL;
  gint64 id = 0;

  if (!last_row (store, &id, &hash, error))
    return 0;
  return id;
}

/* One row to append; its values are plain (sealed as it is written). */
typedef struct
{
  const DeskKind *kind;
  const char *kind_name;    /* for a row with no kind (an import) */
  char *record_uuid;
  char *group_uuid;
  const DeskField *field;   /* NULL: the record as a whole */
  char *old_value;
  char *new_value;
  const char *lock_uuid;    /* owned by the write */
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->record_uuid);
  g_free (row->group_uuid);
  _desk_text_wipe_free (row->old_value);
  _desk_text_wipe_free (row->new_value);
}

/* Where names are protected, a personal field's value sealed for the change @id's
 * column @column; otherwise @plain as it is. */
static char *
seal_for_row (DeskStore       *store,
              const DeskField *field,
              const char      *id_text,
              const char      *column,
              const char      *plain)
{
  if (plain == NULL || field == NULL || (field->flags & DESK_FIELD_SEALED) == 0 ||
      !_desk_store_is_sealing (store) || store->data_key == NULL)
    return g_strdup (plain);
  return _desk_seal_text (store->data_key, "changes", column, id_text, plain);
}

/* Appends @rows, the first with the id *first_id. */
static gboolean
append_rows (DeskStore        *store,
             GArray           *rows,
             DeskChangeAction  action,
             const char       *reason,
             gint64           *first_id,
             GError          **error)
{
  g_autofree char *who = NULL;
  g_autofree char *at = NULL;
  g_autofree char *prev = NULL;
  gint64 id;

  if (rows->len == 0)
    return TRUE;
  if (!last_row (store, &id, &prev, error))
    return FALSE;

  who = desk_store_dup_author (store);
  at = desk_store_dup_timestamp (store);
  *first_id = id + 1;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, ++id);
      g_autofree char *old_value = seal_for_row (store, row->field, id_text, "old_value", row->old_value);
      g_autofree char *new_value = seal_for_row (store, row->field, id_text, "new_value", row->new_value);
      const char *columns[DESK_CHANGES_N_HASHED] = {
        id_text, at, who, desk_change_action_to_string (action),
        row->kind != NULL ? row->kind->name : row->kind_name,
        row->record_uuid, row->group_uuid, row->field != NULL ? row->field->name : NULL,
        old_value, new_value, reason, row->lock_uuid,
      };
      char *hash = _desk_changes_hash (prev, columns);
      sqlite3_stmt *stmt;
      int rc;

      stmt = _desk_store_prepare (store, "INSERT INTO changes (id, at, who, action, kind, "
                                         "record_uuid, group_uuid, field, old_value, "
                                         "new_value, reason, lock_uuid, prev_hash, hash) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                         "?11, ?12, ?13, ?14)", error);
      if (stmt == NULL)
        {
          g_free (hash);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      for (guint c = 1; c < DESK_CHANGES_N_HASHED; c++)
        sqlite3_bind_text (stmt, (int) c + 1, columns[c], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, prev, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 14, hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_clear_bindings (stmt);
      sqlite3_reset (stmt);
      g_free (prev);
      prev = hash;
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_desk_changes_record_import (DeskStore   *store,
                             const char  *group_uuid,
                             const char  *summary,
                             GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  Row row = { DESK_KIND_GROUP, NULL, g_strdup (group_uuid), g_strdup (group_uuid), NULL,
              NULL, g_strdup (summary), NULL };
  gint64 first = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (group_uuid != NULL, FALSE);

  g_array_set_clear_func (rows, row_clear);
  g_array_append_val (rows, row);
  return append_rows (store, rows, DESK_CHANGE_IMPORT, NULL, &first, error);
}


/* The store's own writes */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char *
_desk_changes_field_value (DeskRecord *record,
                           guint       index)
{
  const DeskField *f = &desk_record_get_kind (record)->fields[index];

  if (!desk_record_index_is_set (record, index))
    return f->type == DESK_FIELD_BOOL ? g_strdup ("0") : NULL;

  if (desk_field_type_is_set (f->type))
    {
      const char *const *values = desk_record_index_get_set (record, index);
      g_autofree const char **sorted = NULL;
      guint n = g_strv_length ((char **) values);

      if (n == 0)
        return NULL;
      /* As the database gives them back: in order. */
      sorted = g_memdup2 (values, sizeof (char *) * (n + 1));
      qsort (sorted, n, sizeof (char *), compare_strings);
      return g_strjoinv (" ", (char **) sorted);
    }
  if (desk_field_type_is_text (f->type))
    {
      const char *text = desk_record_index_get_string (record, index);

      return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_index_get_int (record, index));
}

typedef struct
{
  DeskRecord *record;
  char *lock_uuid;
  gboolean held;
} Cascaded;

static void
cascaded_clear (gpointer data)
{
  Cascaded *c = data;

  g_clear_object (&c->record);
  g_free (c->lock_uuid);
}

struct _DeskChangeWrite
{
  const DeskKind *kind;
  DeskChangeAction action;
  DeskRecord *before;       /* NULL for an insert */
  char *reason;
  char *lock_uuid;
  gboolean held;
  GArray *cascade;          /* Cascaded */
};

void
_desk_change_write_free (DeskChangeWrite *write)
{
  if (write == NULL)
    return;
  g_clear_object (&write->before);
  g_free (write->reason);
  g_free (write->lock_uuid);
  g_clear_pointer (&write->cascade, g_array_unref);
  g_free (write);
}

gboolean
_desk_changes_begin_write (DeskStore        *store,
                           const DeskKind   *kind,
                           const char       *uuid,
                           DeskRecord       *after,
                           const char       *reason,
                           DeskChangeWrite **write,
                           GError          **error)
{
  ChangesState *state = state_of (store);
  g_autoptr(DeskChangeWrite) w = NULL;

  *write = NULL;
  if (!_desk_changes_check_reason (reason, error))
    return FALSE;
  if (state->recording_off || state->action == DESK_CHANGE_IMPORT)
    return TRUE;

  w = g_new0 (DeskChangeWrite, 1);
  w->kind = kind;
  w->reason = g_strdup (reason);
  w->cascade = g_array_new (FALSE, TRUE, sizeof (Cascaded));
  g_array_set_clear_func (w->cascade, cascaded_clear);
  if (state->action == DESK_CHANGE_UNDO || state->action == DESK_CHANGE_REDO)
    w->action = state->action;
  else
    w->action = after == NULL ? DESK_CHANGE_DELETE : uuid == NULL ? DESK_CHANGE_INSERT
                                                                  : DESK_CHANGE_UPDATE;

  if (uuid != NULL)
    {
      g_autoptr(GError) local = NULL;

      w->before = desk_store_get (store, kind, uuid, &local);
      if (w->before == NULL)
        {
          /* Not there: the write says so in its own words. */
          if (g_error_matches (local, DESK_ERROR, DESK_ERROR_NOT_FOUND))
            {
              *write = g_steal_pointer (&w);
              return TRUE;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  if (!_desk_locks_check (store, kind, w->before, after, &w->lock_uuid, &w->held, error))
    return FALSE;
  if (w->held && reason == NULL)
    {
      _desk_locks_set_reported_error (store, kind, w->lock_uuid, error);
      return FALSE;
    }

  *write = g_steal_pointer (&w);
  return TRUE;
}

gboolean
_desk_changes_add_cascade (DeskStore        *store,
                           DeskChangeWrite  *write,
                           DeskRecord       *record,
                           GError          **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  Cascaded c = { NULL, NULL, FALSE };

  if (!_desk_locks_check (store, kind, record, NULL, &c.lock_uuid, &c.held, error))
    return FALSE;
  if (c.held && write->reason == NULL)
    {
      _desk_locks_set_reported_error (store, kind, c.lock_uuid, error);
      g_free (c.lock_uuid);
      return FALSE;
    }
  c.record = g_object_ref (record);
  g_array_append_val (write->cascade, c);
  return TRUE;
}

/* The rows of a record's fields from @before to @after (either NULL: an insert or a
 * delete, from or to the columns' defaults). */
static void
diff_rows (DeskStore       *store,
           GArray          *rows,
           const DeskKind  *kind,
           DeskRecord      *before,
           DeskRecord      *after,
           const char      *lock_uuid)
{
  DeskRecord *either = after != NULL ? after : before;
  /* Locked: personal values are neither read nor written, so they did not change. */
  gboolean skip_sealed = !desk_store_names_readable (store);

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      char *old_value;
      char *new_value;

      if (skip_sealed && (f->flags & DESK_FIELD_SEALED) != 0)
        continue;
      old_value = before != NULL ? _desk_changes_field_value (before, i)
                                 : f->type == DESK_FIELD_BOOL ? g_strdup ("0") : NULL;
      new_value = after != NULL ? _desk_changes_field_value (after, i) : NULL;
      if (g_strcmp0 (old_value, new_value) == 0 ||
          (after == NULL && f->type == DESK_FIELD_BOOL && g_strcmp0 (old_value, "0") == 0))
        {
          _desk_text_wipe_free (old_value);
          _desk_text_wipe_free (new_value);
          continue;
        }
      {
        Row row = { kind, NULL, g_strdup (desk_record_get_uuid (either)),
                    g_strdup (desk_record_get_group (either)), f, old_value, new_value,
                    lock_uuid };
        g_array_append_val (rows, row);
      }
    }
}

gboolean
_desk_changes_end_write (DeskStore        *store,
                         DeskChangeWrite  *write,
                         DeskRecord       *after,
                         GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  gint64 first_id = 0;

  if (write == NULL)
    return TRUE;

  g_array_set_clear_func (rows, row_clear);
  diff_rows (store, rows, write->kind, write->before, after, write->lock_uuid);
  for (guint i = 0; i < write->cascade->len; i++)
    {
      Cascaded *c = &g_array_index (write->cascade, Cascaded, i);
      Row row = { desk_record_get_kind (c->record), NULL,
                  g_strdup (desk_record_get_uuid (c->record)),
                  g_strdup (desk_record_get_group (c->record)), NULL, NULL, NULL,
                  c->lock_uuid };

      g_array_append_val (rows, row);
    }

  if (!append_rows (store, rows, write->action, write->reason, &first_id, error))
    return FALSE;

  /* A reason given for a held record unlocks it, its change keeping the reason. */
  if (write->held && first_id > 0 &&
      !_desk_locks_unlock (store, write->kind, write->before, after, first_id, error))
    return FALSE;
  for (guint i = 0; i < write->cascade->len; i++)
    {
      Cascaded *c = &g_array_index (write->cascade, Cascaded, i);

      if (c->held && !_desk_locks_unlock (store, desk_record_get_kind (c->record), c->record,
                                          NULL, first_id, error))
        return FALSE;
    }

  return TRUE;
}


/* Who */

#define COORDINATOR_KEY "coordinator_name"

char *
desk_store_dup_coordinator_name (DeskStore *store)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  stmt = _desk_store_prepare (store, "SELECT value FROM settings WHERE key = '"
                                     COORDINATOR_KEY "'", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return name;
}

gboolean
desk_store_set_coordinator_name (DeskStore   *store,
                                 const char  *name,
                                 GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (stripped[0] == '\0')
    stmt = _desk_store_prepare (store, "DELETE FROM settings WHERE key = '" COORDINATOR_KEY "'",
                                error);
  else
    stmt = _desk_store_prepare (store, "INSERT INTO settings (key, value) VALUES ('"
                                       COORDINATOR_KEY "', ?1) ON CONFLICT (key) "
                                       "DO UPDATE SET value = ?1", error);
  if (stmt == NULL)
    return FALSE;
  if (stripped[0] != '\0')
    sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

char *
desk_store_dup_author (DeskStore *store)
{
  char *name;
  const char *real;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  name = desk_store_dup_coordinator_name (store);
  if (name != NULL)
    return name;
  /* GLib says "Unknown" when the system does not know the full name. */
  real = g_get_real_name ();
  if (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}
