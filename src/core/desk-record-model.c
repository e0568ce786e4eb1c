/* desk-record-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-model"

#include "config.h"

#include "desk-record-model.h"

struct _DeskRecordModel
{
  GObject parent_instance;

  DeskStore *store;
  const DeskKind *kind;
  char *group_uuid;
  GPtrArray *items;       /* DeskRecord */
  GHashTable *positions;  /* uuid → DeskRecord (positions are looked up on demand) */
  gulong changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskRecordModel, desk_record_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return DESK_TYPE_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  return DESK_RECORD_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DeskRecordModel *self = DESK_RECORD_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
index_items (DeskRecordModel *self)
{
  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < self->items->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (self->items, i);
      g_hash_table_insert (self->positions, (gpointer) desk_record_get_uuid (r), r);
    }
}

DeskRecord *
desk_record_model_find (DeskRecordModel *self,
                        const char      *uuid,
                        guint           *position)
{
  DeskRecord *record;

  g_return_val_if_fail (DESK_IS_RECORD_MODEL (self), NULL);

  record = g_hash_table_lookup (self->positions, uuid);
  if (record == NULL)
    return NULL;

  if (position != NULL && !g_ptr_array_find (self->items, record, position))
    return NULL;

  return record;
}

static void
store_changed_cb (DeskStore       *store,
                  const char      *kind_name,
                  const char      *uuid,
                  DeskRecordModel *self)
{
  g_autoptr(DeskRecord) fresh = NULL;
  DeskRecord *old;
  guint position = 0;

  if (!g_str_equal (kind_name, self->kind->name))
    return;

  fresh = desk_store_get (store, self->kind, uuid, NULL);
  if (fresh != NULL && self->group_uuid != NULL &&
      g_strcmp0 (desk_record_get_group (fresh), self->group_uuid) != 0)
    g_clear_object (&fresh);

  old = desk_record_model_find (self, uuid, &position);

  if (old != NULL && fresh != NULL)
    {
      g_hash_table_remove (self->positions, uuid);
      g_ptr_array_index (self->items, position) = g_object_ref (fresh);
      g_hash_table_insert (self->positions, (gpointer) desk_record_get_uuid (fresh), fresh);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else if (old != NULL)
    {
      g_hash_table_remove (self->positions, uuid);
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else if (fresh != NULL)
    {
      position = self->items->len;
      g_ptr_array_add (self->items, g_object_ref (fresh));
      g_hash_table_insert (self->positions, (gpointer) desk_record_get_uuid (fresh), fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

static void
desk_record_model_dispose (GObject *object)
{
  DeskRecordModel *self = (DeskRecordModel *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_record_model_parent_class)->dispose (object);
}

static void
desk_record_model_finalize (GObject *object)
{
  DeskRecordModel *self = (DeskRecordModel *) object;

  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->group_uuid);

  G_OBJECT_CLASS (desk_record_model_parent_class)->finalize (object);
}

static void
desk_record_model_class_init (DeskRecordModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_record_model_dispose;
  object_class->finalize = desk_record_model_finalize;
}

static void
desk_record_model_init (DeskRecordModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
}

DeskRecordModel *
desk_record_model_new (DeskStore      *store,
                       const DeskKind *kind,
                       const char     *group_uuid)
{
  DeskRecordModel *self;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_MODEL, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->group_uuid = g_strdup (group_uuid);

  signal = g_strconcat ("changed::", kind->name, NULL);
  self->changed_id = g_signal_connect (store, signal, G_CALLBACK (store_changed_cb), self);

  desk_record_model_reload (self, NULL);

  return self;
}

DeskStore *
desk_record_model_get_store (DeskRecordModel *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_MODEL (self), NULL);

  return self->store;
}

const DeskKind *
desk_record_model_get_kind (DeskRecordModel *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_MODEL (self), NULL);

  return self->kind;
}

gboolean
desk_record_model_reload (DeskRecordModel  *self,
                          GError          **error)
{
  g_autoptr(GPtrArray) records = NULL;
  guint removed;

  g_return_val_if_fail (DESK_IS_RECORD_MODEL (self), FALSE);

  records = desk_store_list (self->store, self->kind, self->group_uuid, error);
  if (records == NULL)
    return FALSE;

  removed = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&records);
  index_items (self);

  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);

  return TRUE;
}
