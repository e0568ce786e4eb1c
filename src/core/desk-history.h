/* desk-history.h — writes that can be undone and redone
 *
 * The UI writes through a DeskHistory so that Ctrl+Z undoes the last change and a
 * deleted record comes back with everything its deletion took with it (the deliverables
 * of a deleted activity, the references to a deleted member). Each step is one
 * transaction, and undoing it is one transaction too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY (desk_history_get_type ())

G_DECLARE_FINAL_TYPE (DeskHistory, desk_history, DESK, HISTORY, GObject)

DeskHistory *desk_history_new          (DeskStore       *store);
DeskStore   *desk_history_get_store    (DeskHistory     *self);

/* Like desk_store_insert/_update/_delete, remembering how to undo them. */
gboolean     desk_history_insert       (DeskHistory     *self,
                                        DeskRecord      *record,
                                        GError         **error);
gboolean     desk_history_update       (DeskHistory     *self,
                                        DeskRecord      *record,
                                        GError         **error);
gboolean     desk_history_delete       (DeskHistory     *self,
                                        const DeskKind  *kind,
                                        const char      *uuid,
                                        GError         **error);

gboolean     desk_history_can_undo     (DeskHistory     *self);
gboolean     desk_history_can_redo     (DeskHistory     *self);
/* A short sentence for a toast or tooltip: "Deleted activity “A3 …”". NULL if none. */
const char  *desk_history_get_undo_label (DeskHistory   *self);
gboolean     desk_history_undo         (DeskHistory     *self,
                                        GError         **error);
gboolean     desk_history_redo         (DeskHistory     *self,
                                        GError         **error);
void         desk_history_clear        (DeskHistory     *self);

G_END_DECLS
