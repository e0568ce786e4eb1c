/* desk-record-model.h — the records of one kind as a live GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD_MODEL (desk_record_model_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecordModel, desk_record_model, DESK, RECORD_MODEL, GObject)

/* All records of @kind in @group_uuid (NULL: every group), kept up to date: a committed
 * write to one record changes, adds or removes just that item. */
DeskRecordModel *desk_record_model_new     (DeskStore       *store,
                                            const DeskKind  *kind,
                                            const char      *group_uuid);
DeskStore       *desk_record_model_get_store (DeskRecordModel *self);
const DeskKind  *desk_record_model_get_kind  (DeskRecordModel *self);
/* Reads every record again (after an import, say). */
gboolean         desk_record_model_reload  (DeskRecordModel *self,
                                            GError         **error);
/* The item with @uuid and its position, or NULL. */
DeskRecord      *desk_record_model_find    (DeskRecordModel *self,
                                            const char      *uuid,
                                            guint           *position);

G_END_DECLS
