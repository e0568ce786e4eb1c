/* desk-changes-read.c — reading the change history: a record's changes, and their values
 * as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-changes"

#include "config.h"

#include "desk-changes-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"
#include "desk-store-private.h"

const char *
desk_change_action_label (DeskChangeAction action)
{
  switch (action)
    {
    case DESK_CHANGE_INSERT:
      return C_("change", "Added");
    case DESK_CHANGE_UPDATE:
      return C_("change", "Changed");
    case DESK_CHANGE_DELETE:
      return C_("change", "Deleted");
    case DESK_CHANGE_UNDO:
      return C_("change", "Undone");
    case DESK_CHANGE_REDO:
      return C_("change", "Redone");
    case DESK_CHANGE_IMPORT:
      return C_("change", "Imported");
    default:
      g_return_val_if_reached ("");
    }
}

static gboolean
action_from_string (const char       *text,
                    DeskChangeAction *action)
{
  for (DeskChangeAction a = DESK_CHANGE_INSERT; a <= DESK_CHANGE_IMPORT; a++)
    if (g_strcmp0 (desk_change_action_to_string (a), text) == 0)
      {
        *action = a;
        return TRUE;
      }
  return FALSE;
}

void
desk_change_free (DeskChange *change)
{
  if (change == NULL)
    return;
  g_free (change->at);
  g_free (change->who);
  g_free (change->record_uuid);
  g_free (change->group_uuid);
  g_free (change->field);
  _desk_text_wipe_free (change->old_value);
  _desk_text_wipe_free (change->new_value);
  g_free (change->reason);
  g_free (change->lock_uuid);
  g_free (change);
}

/* A personal field's values opened (or, while locked, none and names_locked). */
static void
open_values (DeskStore  *store,
             DeskChange *change)
{
  const DeskField *f;
  g_autofree char *id = NULL;
  char **values[2] = { &change->old_value, &change->new_value };
  static const char *const columns[2] = { "old_value", "new_value" };

  if (change->kind == NULL || change->field == NULL || !_desk_store_is_sealing (store))
    return;
  f = desk_kind_get_field (change->kind, change->field);
  if (f == NULL || (f->flags & DESK_FIELD_SEALED) == 0)
    return;

  if (store->data_key == NULL)
    {
      change->names_locked = TRUE;
      g_clear_pointer (&change->old_value, g_free);
      g_clear_pointer (&change->new_value, g_free);
      return;
    }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, change->id);
  for (guint i = 0; i < 2; i++)
    if (*values[i] != NULL && (*values[i])[0] != '\0')
      {
        char *plain = _desk_open_text (store->data_key, "changes", columns[i], id, *values[i]);

        /* One that does not open was changed outside Groupdesk: check says so. */
        g_free (*values[i]);
        *values[i] = plain;
      }
}

GPtrArray *
desk_store_list_changes (DeskStore       *store,
                         const DeskKind  *kind,
                         const char      *uuid,
                         GError         **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = _desk_store_prepare (store, "SELECT id, at, who, action, kind, group_uuid, field, "
                                     "old_value, new_value, reason, lock_uuid FROM changes "
                                     "WHERE record_uuid = ?1 AND kind = ?2 ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskChange *change = g_new0 (DeskChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->who = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (!action_from_string ((const char *) sqlite3_column_text (stmt, 3), &change->action))
        change->action = DESK_CHANGE_UPDATE;
      change->kind = kind;
      change->record_uuid = g_strdup (uuid);
      change->group_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      change->field = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      change->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      change->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      change->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      change->lock_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      open_values (store, change);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/* The value field @field of the record of @change had just after @change: from its
 * history when it was recorded then or before, else from the record as it is now. */
static char *
value_at (DeskStore        *store,
          const DeskKind   *kind,
          const char       *uuid,
          gint64            id,
          const char       *field)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT coalesce (new_value, old_value) "
                                                   "FROM changes WHERE record_uuid = ?1 AND "
                                                   "field = ?2 AND id <= ?3 "
                                                   "ORDER BY id DESC LIMIT 1", NULL);
  g_autoptr(DeskRecord) record = NULL;
  char *value = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_clear_bindings (stmt);
      sqlite3_reset (stmt);
    }
  if (value != NULL)
    return value;

  record = desk_store_get (store, kind, uuid, NULL);
  return record != NULL ? g_strdup (desk_record_get_string (record, field)) : NULL;
}

/* The currency of money field @f of @change's record at that change: its own currency
 * field (f->ref), or its budget line's. */
static char *
currency_at (DeskStore        *store,
             const DeskChange *change,
             const DeskField  *f)
{
  g_autofree char *line = NULL;
  g_autoptr(DeskRecord) record = NULL;

  if (f->ref != NULL)
    return value_at (store, change->kind, change->record_uuid, change->id, f->ref);
  if (desk_kind_get_field (change->kind, "budget_line_uuid") == NULL)
    return NULL;
  line = value_at (store, change->kind, change->record_uuid, change->id, "budget_line_uuid");
  if (line == NULL)
    return NULL;
  record = desk_store_get (store, DESK_KIND_BUDGET_LINE, line, NULL);
  return record != NULL ? g_strdup (desk_record_get_string (record, "currency")) : NULL;
}

/* One code or referenced record of field @f as a person reads it. */
static char *
format_one (DeskStore        *store,
            const DeskChange *change,
            const DeskField  *f,
            const char       *value)
{
  const DeskKind *ref_kind;
  g_autoptr(DeskRecord) record = NULL;

  if (f->type == DESK_FIELD_CODE || f->type == DESK_FIELD_CHOICE || f->type == DESK_FIELD_CODE_SET)
    return desk_reference_label (store, change->kind, f->name, value);
  if (f->type != DESK_FIELD_REF && f->type != DESK_FIELD_REF_SET)
    return g_strdup (value);

  ref_kind = f->ref != NULL ? desk_kind_lookup (f->ref) : NULL;
  record = ref_kind != NULL ? desk_store_get (store, ref_kind, value, NULL) : NULL;
  /* A record deleted since is named by its identifier. */
  return record != NULL ? desk_record_dup_label (record) : g_strdup (value);
}

char *
desk_change_format_value (DeskStore        *store,
                          const DeskChange *change,
                          const char       *value)
{
  const DeskField *f;
  gint64 number;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  if (change->names_locked)
    return g_strdup (desk_seal_describe (DESK_SEAL_LOCKED));
  if (value == NULL)
    return g_strdup ("—");
  f = change->kind != NULL && change->field != NULL ? desk_kind_get_field (change->kind, change->field)
                                                    : NULL;
  if (f == NULL)
    return g_strdup (value);

  number = g_ascii_strtoll (value, NULL, 10);
  switch (f->type)
    {
    case DESK_FIELD_DATE:
      return desk_date_format (value);

    case DESK_FIELD_BOOL:
      return g_strdup (number != 0 ? _("Yes") : _("No"));

    case DESK_FIELD_MILLI:
      return desk_milli_format (number);

    case DESK_FIELD_MONEY:
      {
        g_autofree char *currency = currency_at (store, change, f);
        int units = currency != NULL ? desk_currency_minor_units (store, currency) : -1;

        if (units < 0)
          return desk_money_format_amount (number, 2);
        return desk_money_format (number, currency, units);
      }

    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
      return format_one (store, change, f, value);

    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      {
        g_auto(GStrv) items = g_strsplit (value, " ", -1);
        GString *s = g_string_new (NULL);

        for (guint i = 0; items[i] != NULL; i++)
          {
            g_autofree char *one = NULL;

            if (items[i][0] == '\0')
              continue;
            one = format_one (store, change, f, items[i]);
            g_string_append_printf (s, "%s%s", s->len > 0 ? C_("list separator", ", ") : "", one);
          }
        return g_string_free (s, FALSE);
      }

    case DESK_FIELD_TEXT:
    case DESK_FIELD_INT:
    case DESK_FIELD_CURRENCY:
    default:
      return g_strdup (value);
    }
}
