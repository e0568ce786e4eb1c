/* desk-secretariat-amendments.c — the secretariat's side of amendments: what a group
 * changed in records it had reported, as its bundles said (bundle_amendments, filled by
 * the import, desk-bundle-amendments.c), and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat.h"

#include "desk-store-private.h"

void
desk_amendment_free (DeskAmendment *amendment)
{
  if (amendment == NULL)
    return;

  g_free (amendment->at);
  g_free (amendment->action);
  g_free (amendment->kind_name);
  g_free (amendment->record_uuid);
  g_free (amendment->field);
  g_free (amendment->old_value);
  g_free (amendment->new_value);
  g_free (amendment->reason);
  g_free (amendment);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

GPtrArray *
desk_secretariat_list_amendments (DeskStore   *store,
                                  const char  *group_uuid,
                                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_amendment_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (group_uuid != NULL, NULL);

  stmt = _desk_store_prepare (store,
                              "SELECT sequence, amends_sequence, at, action, kind, record_uuid,"
                              " field, old_value, new_value, reason FROM bundle_amendments"
                              " WHERE group_uuid = ?1 ORDER BY sequence DESC, at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskAmendment *a = g_new0 (DeskAmendment, 1);

      a->sequence = sqlite3_column_int64 (stmt, 0);
      a->amends_sequence = sqlite3_column_int64 (stmt, 1);
      a->at = column_dup (stmt, 2);
      a->action = column_dup (stmt, 3);
      a->kind_name = column_dup (stmt, 4);
      a->kind = desk_kind_lookup (a->kind_name);
      a->record_uuid = column_dup (stmt, 5);
      /* An aggregate bundle names no participant's record. */
      if (a->record_uuid != NULL && a->record_uuid[0] == '\0')
        g_clear_pointer (&a->record_uuid, g_free);
      a->field = column_dup (stmt, 6);
      a->old_value = column_dup (stmt, 7);
      a->new_value = column_dup (stmt, 8);
      a->reason = column_dup (stmt, 9);
      g_ptr_array_add (list, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}
