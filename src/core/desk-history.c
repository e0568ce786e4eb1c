/* desk-history.c
 *
 * A step is a list of changes, each the state of one record before and after (NULL when
 * the record did not exist). Undo brings every record of the step back to its before
 * state, redo to its after state, both in one transaction: records that must exist again
 * are inserted parent first, the others updated, and those that must go are deleted
 * children first. A delete's step holds what the delete took with it — the records it
 * cascaded to and the records whose references it cleared — found from the schema's own
 * foreign keys, so undo gives back exactly what was there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-reference.h"
#include "desk-store-private.h"

#define MAX_STEPS 200

typedef struct
{
  const DeskKind *kind;
  char *uuid;
  DeskRecord *before;
  DeskRecord *after;
} Change;

typedef struct
{
  char *label;
  GPtrArray *changes;  /* Change */
} Step;

struct _DeskHistory
{
  GObject parent_instance;

  DeskStore *store;
  GQueue undo;  /* Step, newest first */
  GQueue redo;
};

G_DEFINE_FINAL_TYPE (DeskHistory, desk_history, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_free (change->uuid);
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_free (change);
}

static Change *
change_new (const DeskKind *kind,
            const char     *uuid,
            DeskRecord     *before,
            DeskRecord     *after)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->uuid = g_strdup (uuid);
  change->before = before != NULL ? desk_record_copy (before) : NULL;
  change->after = after != NULL ? desk_record_copy (after) : NULL;

  return change;
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_ptr_array_unref (step->changes);
  g_free (step);
}

static Step *
step_new (char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = label;
  step->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);

  return step;
}

static void
desk_history_finalize (GObject *object)
{
  DeskHistory *self = (DeskHistory *) object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_history_parent_class)->finalize (object);
}

static void
desk_history_class_init (DeskHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_history_finalize;

  /**
   * DeskHistory::changed:
   *
   * Emitted when what can be undone or redone changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
desk_history_init (DeskHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

DeskHistory *
desk_history_new (DeskStore *store)
{
  DeskHistory *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);

  return self;
}

DeskStore *
desk_history_get_store (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  return self->store;
}

/* What a person calls the record: its code and title, or name. */
static char *
describe (DeskRecord *record)
{
  const DeskKind *kind = desk_record_get_kind (record);
  static const char *const bases[] = { "title", "name", "description" };
  const char *language = desk_locale_language ();
  const char *code = desk_kind_get_field (kind, "code") != NULL
                     ? desk_record_get_string (record, "code") : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *en = g_strconcat (bases[i], "_en", NULL);
      const char *text = NULL;

      if (desk_kind_get_field (kind, en) != NULL)
        text = desk_record_get_narrative (record, bases[i], language, NULL);
      else if (desk_kind_get_field (kind, bases[i]) != NULL &&
               desk_kind_get_field (kind, bases[i])->type == DESK_FIELD_TEXT)
        text = desk_record_get_string (record, bases[i]);

      if (text != NULL && text[0] != '\0')
        {
          if (code != NULL && code[0] != '\0' && kind != DESK_KIND_GROUP)
            return g_strdup_printf ("%s %s", code, text);
          return g_strdup (text);
        }
    }

  return g_strdup (_(kind->label));
}

static void
push (DeskHistory *self,
      Step        *step)
{
  g_queue_push_head (&self->undo, step);
  while (g_queue_get_length (&self->undo) > MAX_STEPS)
    step_free (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
desk_history_insert (DeskHistory  *self,
                     DeskRecord   *record,
                     GError      **error)
{
  g_autofree char *name = NULL;
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  if (!desk_store_insert (self->store, record, error))
    return FALSE;

  name = describe (record);
  step = step_new (g_strdup_printf (_("Added %s “%s”"), _(desk_record_get_kind (record)->label), name));
  g_ptr_array_add (step->changes, change_new (desk_record_get_kind (record),
                                              desk_record_get_uuid (record), NULL, record));
  push (self, step);

  return TRUE;
}

gboolean
desk_history_update (DeskHistory  *self,
                     DeskRecord   *record,
                     GError      **error)
{
  const DeskKind *kind;
  g_autoptr(DeskRecord) before = NULL;
  g_autofree char *name = NULL;
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  kind = desk_record_get_kind (record);
  before = desk_store_get (self->store, kind, desk_record_get_uuid (record), error);
  if (before == NULL)
    return FALSE;

  if (!desk_store_update (self->store, record, error))
    return FALSE;

  name = describe (record);
  step = step_new (g_strdup_printf (_("Changed %s “%s”"), _(kind->label), name));
  g_ptr_array_add (step->changes, change_new (kind, desk_record_get_uuid (record), before, record));
  push (self, step);

  return TRUE;
}

/* ON DELETE action of @table's foreign key from @column: "CASCADE", "SET NULL" … */
static char *
delete_action (DeskStore  *store,
               const char *table,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT on_delete FROM pragma_foreign_key_list ('%s') "
                                          "WHERE \"from\" = ?1", table);
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  char *action = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    action = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return action;
}

static void
join_parents (DeskStore       *store,
              const DeskField *field,
              const char      *value,
              GPtrArray       *out)
{
  g_auto(GStrv) parts = g_strsplit (field->join, ":", 3);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1",
                                          parts[1], parts[0], parts[2]);
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
}

/* Adds to @deleted the record and everything its deletion cascades to (parents before
 * children), and to @touched the records whose references it will clear. */
static gboolean
collect (DeskStore      *store,
         const DeskKind *kind,
         const char     *uuid,
         GHashTable     *seen,
         GPtrArray      *deleted,
         GPtrArray      *touched,
         GError        **error)
{
  const DeskKind *const *kinds = desk_kind_all ();
  DeskRecord *record;

  if (g_hash_table_contains (seen, uuid))
    return TRUE;

  record = desk_store_get (store, kind, uuid, error);
  if (record == NULL)
    return FALSE;
  g_hash_table_add (seen, g_strdup (uuid));
  g_ptr_array_add (deleted, record);

  for (guint k = 0; kinds[k] != NULL; k++)
    for (guint f = 0; kinds[k]->fields[f].name != NULL; f++)
      {
        const DeskField *field = &kinds[k]->fields[f];

        if (g_strcmp0 (field->ref, kind->name) != 0)
          continue;

        if (field->type == DESK_FIELD_REF)
          {
            g_autoptr(GPtrArray) refs = desk_store_list_by (store, kinds[k], field->name, uuid, error);
            g_autofree char *action = NULL;

            if (refs == NULL)
              return FALSE;
            if (refs->len == 0)
              continue;

            action = delete_action (store, kinds[k]->table, field->name);
            for (guint i = 0; i < refs->len; i++)
              {
                DeskRecord *r = g_ptr_array_index (refs, i);

                if (g_strcmp0 (action, "CASCADE") == 0)
                  {
                    if (!collect (store, kinds[k], desk_record_get_uuid (r), seen, deleted, touched, error))
                      return FALSE;
                  }
                else
                  g_ptr_array_add (touched, g_object_ref (r));
              }
          }
        else if (field->type == DESK_FIELD_REF_SET)
          {
            g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);

            join_parents (store, field, uuid, parents);
            for (guint i = 0; i < parents->len; i++)
              {
                DeskRecord *r = desk_store_get (store, kinds[k], g_ptr_array_index (parents, i), error);

                if (r == NULL)
                  return FALSE;
                g_ptr_array_add (touched, r);
              }
          }
      }

  return TRUE;
}

gboolean
desk_history_delete (DeskHistory     *self,
                     const DeskKind  *kind,
                     const char      *uuid,
                     GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (kind == DESK_KIND_GROUP)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("A whole group cannot be deleted from here. Make a backup and start a "
                     "new database instead."));
      return FALSE;
    }

  if (!desk_store_begin (self->store, error))
    return FALSE;

  if (!collect (self->store, kind, uuid, seen, deleted, touched, error) ||
      !desk_store_delete (self->store, kind, uuid, error))
    {
      desk_store_rollback (self->store);
      return FALSE;
    }

  name = describe (g_ptr_array_index (deleted, 0));
  step = step_new (g_strdup_printf (_("Deleted %s “%s”"), _(kind->label), name));

  for (guint i = 0; i < deleted->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (deleted, i);
      g_ptr_array_add (step->changes, change_new (desk_record_get_kind (r),
                                                  desk_record_get_uuid (r), r, NULL));
    }
  for (guint i = 0; i < touched->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (touched, i);
      g_autoptr(DeskRecord) after = NULL;

      /* A record both touched and deleted (it referred to two of the deleted) is
       * restored by its insert alone. */
      if (g_hash_table_contains (seen, desk_record_get_uuid (r)))
        continue;
      after = desk_store_get (self->store, desk_record_get_kind (r), desk_record_get_uuid (r), NULL);
      g_ptr_array_add (step->changes, change_new (desk_record_get_kind (r),
                                                  desk_record_get_uuid (r), r, after));
    }

  if (!desk_store_commit (self->store, error))
    {
      step_free (step);
      return FALSE;
    }

  push (self, step);

  return TRUE;
}

/* Brings every record of @step to its before (@undo) or after state. */
static gboolean
apply (DeskHistory  *self,
       Step         *step,
       gboolean      undo,
       GError      **error)
{
  g_autoptr(GHashTable) inserted = g_hash_table_new (g_str_hash, g_str_equal);

  if (!desk_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *c = g_ptr_array_index (step->changes, i);
      DeskRecord *state = undo ? c->before : c->after;
      g_autoptr(DeskRecord) copy = NULL;

      if (state == NULL || _desk_store_record_exists (self->store, c->kind, c->uuid, NULL))
        continue;
      copy = desk_record_copy (state);
      if (!desk_store_insert (self->store, copy, error))
        goto failed;
      g_hash_table_add (inserted, c->uuid);
    }

  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *c = g_ptr_array_index (step->changes, i);
      DeskRecord *state = undo ? c->before : c->after;
      g_autoptr(DeskRecord) copy = NULL;

      if (state == NULL || g_hash_table_contains (inserted, c->uuid))
        continue;
      copy = desk_record_copy (state);
      if (!desk_store_update (self->store, copy, error))
        goto failed;
    }

  for (guint i = step->changes->len; i > 0; i--)
    {
      Change *c = g_ptr_array_index (step->changes, i - 1);
      DeskRecord *state = undo ? c->before : c->after;

      if (state != NULL || !_desk_store_record_exists (self->store, c->kind, c->uuid, NULL))
        continue;
      if (!desk_store_delete (self->store, c->kind, c->uuid, error))
        goto failed;
    }

  return desk_store_commit (self->store, error);

failed:
  desk_store_rollback (self->store);
  g_prefix_error (error, undo ? _("This change cannot be undone: ")
                              : _("This change cannot be redone: "));
  return FALSE;
}

gboolean
desk_history_can_undo (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
desk_history_can_redo (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
desk_history_get_undo_label (DeskHistory *self)
{
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), NULL);

  step = g_queue_peek_head (&self->undo);

  return step != NULL ? step->label : NULL;
}

gboolean
desk_history_undo (DeskHistory  *self,
                   GError      **error)
{
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  step = g_queue_peek_head (&self->undo);
  if (step == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND, _("There is nothing to undo."));
      return FALSE;
    }

  if (!apply (self, step, TRUE, error))
    return FALSE;

  g_queue_push_head (&self->redo, g_queue_pop_head (&self->undo));
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
desk_history_redo (DeskHistory  *self,
                   GError      **error)
{
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  step = g_queue_peek_head (&self->redo);
  if (step == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND, _("There is nothing to redo."));
      return FALSE;
    }

  if (!apply (self, step, FALSE, error))
    return FALSE;

  g_queue_push_head (&self->undo, g_queue_pop_head (&self->redo));
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
desk_history_clear (DeskHistory *self)
{
  g_return_if_fail (DESK_IS_HISTORY (self));

  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  g_signal_emit (self, signals[CHANGED], 0);
}
