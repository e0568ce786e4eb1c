/* desk-changes-chain.c — walking the change history's hash chain: checking it, and
 * rewriting its personal values when protection is turned on or off
 *
 * The chain is described in desk-changes.c. A rewrite changes the values of personal
 * fields (sealed or opened), so the hashes from the first row changed onwards are made
 * again; a row that did not verify before (edited, or not following the one before it)
 * is left not verifying, so that a rewrite never hides what `check` would have found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-changes"

#include "config.h"

#include "desk-changes-private.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#define SELECT_ROWS "SELECT id, at, who, action, kind, record_uuid, group_uuid, field, " \
                    "old_value, new_value, reason, lock_uuid, prev_hash, hash " \
                    "FROM changes ORDER BY id"
#define OLD_VALUE 8
#define NEW_VALUE 9
#define PREV_HASH 12
#define HASH 13

/* Whether the row's field (columns 4 and 7) is a personal one. */
static gboolean
is_sealed_field (const char *const *columns)
{
  const DeskKind *kind = columns[4] != NULL ? desk_kind_lookup (columns[4]) : NULL;
  const DeskField *f = kind != NULL && columns[7] != NULL ? desk_kind_get_field (kind, columns[7]) : NULL;

  return f != NULL && (f->flags & DESK_FIELD_SEALED) != 0;
}

/* The value of @column (OLD_VALUE or NEW_VALUE) rewritten: sealed under @to, or opened
 * with @from. FALSE when it does not open. */
static gboolean
rewrite_value (const DeskKey  *from,
               const DeskKey  *to,
               const char     *id,
               int             column,
               const char     *stored,
               char          **value)
{
  const char *name = column == OLD_VALUE ? "old_value" : "new_value";

  if (stored == NULL || stored[0] == '\0')
    {
      *value = g_strdup (stored);
      return TRUE;
    }
  if (to != NULL)
    *value = _desk_seal_text (to, "changes", name, id, stored);
  else
    *value = _desk_open_text (from, "changes", name, id, stored);
  return *value != NULL;
}

static gboolean
update_row (DeskStore         *store,
            const char *const *columns,
            GError           **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "UPDATE changes SET old_value = ?2, "
                                                   "new_value = ?3, prev_hash = ?4, "
                                                   "hash = ?5 WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, columns[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, columns[OLD_VALUE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, columns[NEW_VALUE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, columns[PREV_HASH], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, columns[HASH], -1, SQLITE_STATIC);
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

/* Walks every row oldest first. With @problems, adds a sentence for each row that does
 * not verify. With @from or @to, rewrites the personal values and the hashes (inside
 * the caller's transaction). The statement is prepared here, not kept: the walk is
 * rare, and rows are updated while it reads. */
static gboolean
walk (DeskStore      *store,
      const DeskKey  *from,
      const DeskKey  *to,
      GPtrArray      *problems,
      GError        **error)
{
  gboolean rewrite = from != NULL || to != NULL;
  g_autofree char *stored_prev = g_strnfill (64, '0');   /* the previous row's, as stored */
  g_autofree char *written_prev = g_strnfill (64, '0');  /* … and as rewritten */
  gint64 previous_id = 0;
  /* The row's columns copied: its pages may change under the statement as it is
   * rewritten. */
  char *copied[HASH + 1] = { NULL };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (_desk_store_get_db (store), SELECT_ROWS, -1, &stmt, NULL) != SQLITE_OK)
    {
      _desk_store_set_error (store, sqlite3_errcode (_desk_store_get_db (store)), error);
      return FALSE;
    }
  if (rewrite)
    _desk_changes_set_rewriting (store, TRUE);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *columns[HASH + 1];
      char *values[2] = { NULL, NULL };
      g_autofree char *computed = NULL;
      g_autofree char *new_hash = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean follows;
      gboolean verifies;

      for (int c = 0; c <= HASH; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_free (copied[c]);
          copied[c] = g_strdup (text);
          columns[c] = copied[c];
        }
      follows = g_strcmp0 (columns[PREV_HASH], stored_prev) == 0;
      computed = _desk_changes_hash (columns[PREV_HASH], columns);
      verifies = g_strcmp0 (computed, columns[HASH]) == 0;

      if (problems != NULL && !follows && previous_id == 0)
        g_ptr_array_add (problems, g_strdup_printf (
          _("The change history was altered outside Groupdesk: change %lld is not where "
            "it begins, so the changes before it were removed. Restore a backup from "
            "before then to have the whole history."), (long long) id));
      else if (problems != NULL && !follows)
        g_ptr_array_add (problems, g_strdup_printf (
          _("The change history was altered outside Groupdesk: change %lld does not "
            "follow change %lld, so a change between them was removed or one of them "
            "was edited. Restore a backup from before then to have the whole history."),
          (long long) id, (long long) previous_id));
      if (problems != NULL && !verifies)
        g_ptr_array_add (problems, g_strdup_printf (
          _("The change history was altered outside Groupdesk: change %lld was edited "
            "after it was recorded. Restore a backup from before then to have the "
            "history as it was."), (long long) id));

      g_free (stored_prev);
      stored_prev = g_strdup (columns[HASH]);
      previous_id = id;
      if (!rewrite)
        continue;

      if (is_sealed_field (columns))
        {
          if (!rewrite_value (from, to, columns[0], OLD_VALUE, columns[OLD_VALUE], &values[0]) ||
              !rewrite_value (from, to, columns[0], NEW_VALUE, columns[NEW_VALUE], &values[1]))
            {
              g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                           _("Change %lld of the change history cannot be read: the database "
                             "was changed outside Groupdesk. Protection stays as it was; "
                             "restore a backup from before then, and try again."),
                           (long long) id);
              _desk_text_wipe_free (values[0]);
              _desk_text_wipe_free (values[1]);
              ok = FALSE;
              break;
            }
          columns[OLD_VALUE] = values[0];
          columns[NEW_VALUE] = values[1];
        }
      /* A row that did not follow keeps its link broken; one that did not verify, its
       * hash. */
      if (follows)
        columns[PREV_HASH] = written_prev;
      new_hash = verifies ? _desk_changes_hash (columns[PREV_HASH], columns)
                          : g_strdup (columns[HASH]);
      columns[HASH] = new_hash;
      if (values[0] != NULL || values[1] != NULL || g_strcmp0 (new_hash, copied[HASH]) != 0)
        ok = update_row (store, columns, error);
      _desk_text_wipe_free (values[0]);
      _desk_text_wipe_free (values[1]);
      g_free (written_prev);
      written_prev = g_steal_pointer (&new_hash);
    }
  if (ok && rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  for (int c = 0; c <= HASH; c++)
    g_free (copied[c]);
  if (rewrite)
    _desk_changes_set_rewriting (store, FALSE);
  return ok;
}

gboolean
_desk_changes_rewrite_sealed (DeskStore      *store,
                              const DeskKey  *from,
                              const DeskKey  *to,
                              GError        **error)
{
  g_return_val_if_fail (from != NULL || to != NULL, FALSE);

  return walk (store, from, to, NULL, error);
}

gboolean
_desk_changes_check (DeskStore   *store,
                     GPtrArray   *problems,
                     GError     **error)
{
  static const char *const triggers[] = {
    "changes_append_only_update", "changes_append_only_delete",
  };

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT 1 FROM sqlite_schema WHERE "
                                                       "type = 'trigger' AND name = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, triggers[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_ptr_array_add (problems, g_strdup_printf (
          _("The change history is no longer kept from being changed: its safeguard “%s” "
            "was removed outside Groupdesk. Restore a backup from before then."),
          triggers[i]));
      else if (rc != SQLITE_ROW)
        {
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
    }

  return walk (store, NULL, NULL, problems, error);
}
