/* desk-history.c
 *
 * A step is a list of writes, and a write a list of changes, each the state of one record
 * before and after (NULL when the record did not exist). Undoing a write brings every
 * record of it back to its before state, redoing it to its after state: records that
 * must exist again are inserted parent first, the others updated, and those that must go
 * are deleted children first. A delete's write holds what the delete took with it — the
 * records it cascaded to and the records whose references it cleared — found from the
 * schema's own foreign keys, so undo gives back exactly what was there.
 *
 * A step made outside a group has one write; a group's step has every write made while
 * it was open. Undo reverts the writes newest first and redo makes them again oldest
 * first, so that each meets the database as it was right after (or before) it: the same
 * record may be written several times, and a record may refer to one added later in the
 * group. Either runs in one transaction, so a write that cannot be reverted leaves every
 * other as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-history"

#include "config.h"

#include "desk-history.h"

#include "desk-changes-private.h"

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
  GPtrArray *writes;  /* GPtrArray of Change, one per write, oldest first */
} Step;

struct _DeskHistory
{
  GObject parent_instance;

  DeskStore *store;
  GQueue undo;  /* Step, newest first */
  GQueue redo;

  /* The open group's step, and for each level of nesting how many writes it had when
   * that level began (a cancel goes back to it). */
  Step *group;
  GArray *group_marks;  /* guint */
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

static GPtrArray *
write_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_ptr_array_unref (step->writes);
  g_free (step);
}

static Step *
step_new (char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = label;
  step->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  return step;
}

static void
desk_history_finalize (GObject *object)
{
  DeskHistory *self = (DeskHistory *) object;

  /* A group left open is a bug of the caller; its writes must not be committed by
   * whatever writes next. */
  if (self->group != NULL)
    {
      g_critical ("A history group “%s” was left open; its writes are rolled back",
                  self->group->label != NULL ? self->group->label : "");
      while (self->group != NULL)
        desk_history_cancel_group (self);
    }

  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  g_array_unref (self->group_marks);
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
  self->group_marks = g_array_new (FALSE, FALSE, sizeof (guint));
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

static char *
added_label (DeskRecord *record)
{
  g_autofree char *name = describe (record);

  return g_strdup_printf (_("Added %s “%s”"), _(desk_record_get_kind (record)->label), name);
}

static char *
changed_label (DeskRecord *record)
{
  g_autofree char *name = describe (record);

  return g_strdup_printf (_("Changed %s “%s”"), _(desk_record_get_kind (record)->label), name);
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

/* Remembers one write (@changes) labelled @label: a step of its own, or the next write of
 * the open group, whose label it becomes if the group has none. Takes both. */
static void
remember (DeskHistory *self,
          char        *label,
          GPtrArray   *changes)
{
  Step *step;

  if (self->group != NULL)
    {
      if (self->group->label == NULL)
        self->group->label = g_steal_pointer (&label);
      g_free (label);
      g_ptr_array_add (self->group->writes, changes);
      return;
    }

  step = step_new (label);
  g_ptr_array_add (step->writes, changes);
  push (self, step);
}

gboolean
desk_history_insert (DeskHistory  *self,
                     DeskRecord   *record,
                     GError      **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  if (!desk_store_insert (self->store, record, error))
    return FALSE;

  changes = write_new ();
  g_ptr_array_add (changes, change_new (desk_record_get_kind (record),
                                        desk_record_get_uuid (record), NULL, record));
  remember (self, added_label (record), changes);

  return TRUE;
}

/* desk_history_update with @reason NULL, else desk_history_update_with_reason. */
static gboolean
update (DeskHistory  *self,
        DeskRecord   *record,
        const char   *reason,
        GError      **error)
{
  const DeskKind *kind;
  g_autoptr(DeskRecord) before = NULL;
  GPtrArray *changes;

  kind = desk_record_get_kind (record);
  before = desk_store_get (self->store, kind, desk_record_get_uuid (record), error);
  if (before == NULL)
    return FALSE;

  if (reason != NULL ? !desk_store_update_with_reason (self->store, record, reason, error)
                     : !desk_store_update (self->store, record, error))
    return FALSE;

  changes = write_new ();
  g_ptr_array_add (changes, change_new (kind, desk_record_get_uuid (record), before, record));
  remember (self, changed_label (record), changes);

  return TRUE;
}

gboolean
desk_history_update (DeskHistory  *self,
                     DeskRecord   *record,
                     GError      **error)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  return update (self, record, NULL, error);
}

gboolean
desk_history_update_with_reason (DeskHistory  *self,
                                 DeskRecord   *record,
                                 const char   *reason,
                                 GError      **error)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return update (self, record, reason, error);
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

/* desk_history_delete with @reason NULL, else desk_history_delete_with_reason. */
static gboolean
delete_record (DeskHistory     *self,
               const DeskKind  *kind,
               const char      *uuid,
               const char      *reason,
               GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *name = NULL;

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
      !(reason != NULL ? desk_store_delete_with_reason (self->store, kind, uuid, reason, error)
                       : desk_store_delete (self->store, kind, uuid, error)))
    {
      desk_store_rollback (self->store);
      return FALSE;
    }

  changes = write_new ();
  for (guint i = 0; i < deleted->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (deleted, i);
      g_ptr_array_add (changes, change_new (desk_record_get_kind (r),
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
      g_ptr_array_add (changes, change_new (desk_record_get_kind (r),
                                            desk_record_get_uuid (r), r, after));
    }

  if (!desk_store_commit (self->store, error))
    return FALSE;

  name = describe (g_ptr_array_index (deleted, 0));
  remember (self, g_strdup_printf (_("Deleted %s “%s”"), _(kind->label), name),
            g_steal_pointer (&changes));

  return TRUE;
}

gboolean
desk_history_delete (DeskHistory     *self,
                     const DeskKind  *kind,
                     const char      *uuid,
                     GError         **error)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return delete_record (self, kind, uuid, NULL, error);
}

gboolean
desk_history_delete_with_reason (DeskHistory     *self,
                                 const DeskKind  *kind,
                                 const char      *uuid,
                                 const char      *reason,
                                 GError         **error)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return delete_record (self, kind, uuid, reason, error);
}

gboolean
desk_history_note_insert (DeskHistory     *self,
                          const DeskKind  *kind,
                          const char      *uuid,
                          GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *changes;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  /* What deleting the record would take with it is what came with it. Records that only
   * refer to it (their reference would be cleared) are the caller's to note. */
  if (!collect (self->store, kind, uuid, seen, added, touched, error))
    return FALSE;

  changes = write_new ();
  for (guint i = 0; i < added->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (added, i);
      g_ptr_array_add (changes, change_new (desk_record_get_kind (r),
                                            desk_record_get_uuid (r), NULL, r));
    }
  remember (self, added_label (g_ptr_array_index (added, 0)), changes);

  return TRUE;
}

gboolean
desk_history_note_update (DeskHistory  *self,
                          DeskRecord   *before,
                          GError      **error)
{
  const DeskKind *kind;
  g_autoptr(DeskRecord) after = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (before), FALSE);
  g_return_val_if_fail (desk_record_get_uuid (before) != NULL, FALSE);

  kind = desk_record_get_kind (before);
  after = desk_store_get (self->store, kind, desk_record_get_uuid (before), error);
  if (after == NULL)
    return FALSE;
  if (desk_record_equal (before, after))
    return TRUE;

  changes = write_new ();
  g_ptr_array_add (changes, change_new (kind, desk_record_get_uuid (before), before, after));
  remember (self, changed_label (after), changes);

  return TRUE;
}

/* Brings every record of one write (@changes) to its before (@undo) or after state,
 * inside the transaction apply() opened. */
static gboolean
apply_write (DeskHistory  *self,
             GPtrArray    *changes,
             gboolean      undo,
             GError      **error)
{
  g_autoptr(GHashTable) inserted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = g_ptr_array_index (changes, i);
      DeskRecord *state = undo ? c->before : c->after;
      g_autoptr(DeskRecord) copy = NULL;

      if (state == NULL || _desk_store_record_exists (self->store, c->kind, c->uuid, NULL))
        continue;
      copy = desk_record_copy (state);
      if (!desk_store_insert (self->store, copy, error))
        return FALSE;
      g_hash_table_add (inserted, c->uuid);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = g_ptr_array_index (changes, i);
      DeskRecord *state = undo ? c->before : c->after;
      g_autoptr(DeskRecord) copy = NULL;

      if (state == NULL || g_hash_table_contains (inserted, c->uuid))
        continue;
      copy = desk_record_copy (state);
      if (!desk_store_update (self->store, copy, error))
        return FALSE;
    }

  for (guint i = changes->len; i > 0; i--)
    {
      Change *c = g_ptr_array_index (changes, i - 1);
      DeskRecord *state = undo ? c->before : c->after;

      if (state != NULL || !_desk_store_record_exists (self->store, c->kind, c->uuid, NULL))
        continue;
      if (!desk_store_delete (self->store, c->kind, c->uuid, error))
        return FALSE;
    }

  return TRUE;
}

/* Undoes @step's writes newest first, or redoes them oldest first, in one transaction. */
static gboolean
apply (DeskHistory  *self,
       Step         *step,
       gboolean      undo,
       GError      **error)
{
  guint n = step->writes->len;
  DeskChangeAction previous;
  gboolean done = TRUE;

  if (!desk_store_begin (self->store, error))
    return FALSE;

  /* Recorded in the change history as undone or redone. A record a later export locked
   * refuses (DESK_ERROR_REPORTED), and the step stays where it was. */
  previous = _desk_changes_set_action (self->store, undo ? DESK_CHANGE_UNDO : DESK_CHANGE_REDO);
  for (guint i = 0; done && i < n; i++)
    done = apply_write (self, g_ptr_array_index (step->writes, undo ? n - 1 - i : i), undo, error);
  _desk_changes_set_action (self->store, previous);

  if (!done)
    {
      desk_store_rollback (self->store);
      g_prefix_error (error, undo ? _("This change cannot be undone: ")
                                  : _("This change cannot be redone: "));
      return FALSE;
    }

  return desk_store_commit (self->store, error);
}

/* Groups */

gboolean
desk_history_begin_group (DeskHistory  *self,
                          const char   *label,
                          GError      **error)
{
  guint mark;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  if (!desk_store_begin (self->store, error))
    return FALSE;

  if (self->group == NULL)
    self->group = step_new (g_strdup (label));
  mark = self->group->writes->len;
  g_array_append_val (self->group_marks, mark);

  return TRUE;
}

/* Forgets the writes of the innermost level, which the store has rolled back. */
static void
drop_group_level (DeskHistory *self)
{
  guint mark = g_array_index (self->group_marks, guint, self->group_marks->len - 1);

  g_array_set_size (self->group_marks, self->group_marks->len - 1);
  g_ptr_array_set_size (self->group->writes, mark);
  if (self->group_marks->len == 0)
    g_clear_pointer (&self->group, step_free);
}

gboolean
desk_history_end_group (DeskHistory  *self,
                        GError      **error)
{
  Step *step;

  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group != NULL, FALSE);

  /* A failed commit has rolled the level back. */
  if (!desk_store_commit (self->store, error))
    {
      drop_group_level (self);
      return FALSE;
    }

  g_array_set_size (self->group_marks, self->group_marks->len - 1);
  if (self->group_marks->len > 0)
    return TRUE;

  step = g_steal_pointer (&self->group);
  if (step->writes->len == 0)
    {
      step_free (step);
      return TRUE;
    }

  push (self, step);

  return TRUE;
}

void
desk_history_cancel_group (DeskHistory *self)
{
  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (self->group != NULL);

  desk_store_rollback (self->store);
  drop_group_level (self);
}

gboolean
desk_history_in_group (DeskHistory *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY (self), FALSE);

  return self->group != NULL;
}

/* Announces on @store each record @step wrote, once however often it was written. */
static void
announce_step (DeskStore *store,
               Step      *step)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint w = 0; w < step->writes->len; w++)
    {
      GPtrArray *changes = g_ptr_array_index (step->writes, w);

      for (guint i = 0; i < changes->len; i++)
        {
          Change *c = g_ptr_array_index (changes, i);

          if (g_hash_table_add (seen, c->uuid))
            desk_store_announce_change (store, c->kind, c->uuid);
        }
    }
}

void
desk_history_adopt (DeskHistory *self,
                    DeskHistory *other)
{
  gboolean elsewhere;
  Step *step;

  g_return_if_fail (DESK_IS_HISTORY (self));
  g_return_if_fail (DESK_IS_HISTORY (other));
  g_return_if_fail (self != other);
  g_return_if_fail (other->group == NULL);

  elsewhere = other->store != self->store;
  g_queue_clear_full (&other->redo, (GDestroyNotify) step_free);

  /* other's queue is newest first: its tail is the oldest step. Each stays a step of
   * its own even while a group is open here: a cancel of the group rolls back this
   * connection's transaction, which never held them, so it must not forget them. */
  while ((step = g_queue_pop_tail (&other->undo)) != NULL)
    {
      if (elsewhere)
        announce_step (self->store, step);
      push (self, step);
    }

  g_signal_emit (other, signals[CHANGED], 0);
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
  g_return_val_if_fail (self->group == NULL, FALSE);

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
  g_return_val_if_fail (self->group == NULL, FALSE);

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
