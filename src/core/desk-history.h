/* desk-history.h — writes that can be undone and redone
 *
 * The UI writes through a DeskHistory so that Ctrl+Z undoes the last change and a
 * deleted record comes back with everything its deletion took with it (the deliverables
 * of a deleted activity, the references to a deleted member). Each step is one
 * transaction, and undoing it is one transaction too.
 *
 * A group makes several writes one step — a check-in that adds a person and their entry,
 * a sign-in sheet, next year's plan — so that one Ctrl+Z takes back all of them:
 *
 *   if (!desk_history_begin_group (history, _("Started next year’s plan"), error))
 *     return FALSE;
 *   if (!desk_history_insert (history, workplan, error) || …)
 *     {
 *       desk_history_cancel_group (history);
 *       return FALSE;
 *     }
 *   return desk_history_end_group (history, error);
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

/* Like desk_store_insert/_update/_delete, remembering how to undo them. Inside a group
 * they become part of the group's step. */
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
/* The same with a reason (desk_store_update_with_reason …): for a record a lock holds,
 * after the person said why. Undone and redone like any other step. */
gboolean     desk_history_update_with_reason (DeskHistory    *self,
                                              DeskRecord     *record,
                                              const char     *reason,
                                              GError        **error);
gboolean     desk_history_delete_with_reason (DeskHistory    *self,
                                              const DeskKind *kind,
                                              const char     *uuid,
                                              const char     *reason,
                                              GError        **error);

/* Groups. begin opens a transaction (a savepoint when nested) and end commits it; every
 * write in between, through the history or noted below, becomes part of one step, whose
 * label is @label of the outermost group (NULL: the label of its first write). Groups
 * nest: only the outermost end makes the step, and a group with no write makes none.
 * Undo reverts the writes newest first and redo makes them again oldest first, each in
 * one transaction: all of them, or none and the error. cancel rolls back the innermost
 * group's writes and forgets them; so does a failed end. Undo and redo are refused while
 * a group is open. */
gboolean     desk_history_begin_group  (DeskHistory     *self,
                                        const char      *label,
                                        GError         **error);
gboolean     desk_history_end_group    (DeskHistory     *self,
                                        GError         **error);
void         desk_history_cancel_group (DeskHistory     *self);
gboolean     desk_history_in_group     (DeskHistory     *self);

/* Writes a core function made to the store directly (desk_workplan_start_next …),
 * remembered so that they can be undone: best inside the group that also holds the
 * call, so that the function's writes and the step are one transaction.
 * note_insert: @uuid of @kind was added, together with every record whose deletion it
 * would cascade to (which must all be new too); undo deletes them, redo adds them again.
 * note_update: @before is a record as it was before the function changed it; its state
 * now is read from the store. Nothing is remembered when it did not change. */
gboolean     desk_history_note_insert  (DeskHistory     *self,
                                        const DeskKind  *kind,
                                        const char      *uuid,
                                        GError         **error);
gboolean     desk_history_note_update  (DeskHistory     *self,
                                        DeskRecord      *before,
                                        GError         **error);

/* Takes the steps @other made — on a connection of its own to the same database, on a
 * worker thread, and committed — as the newest steps of @self, oldest first (never part
 * of a group open in @self), so that Ctrl+Z in the window takes back what the worker
 * wrote: undo and redo need only each record's states before and after, which the steps
 * hold. When @other wrote through another DeskStore, each record its steps wrote is
 * announced on @self's (desk_store_announce_change), so what shows them reads them
 * again. @other is left with nothing to undo or redo; it must have no open group. */
void         desk_history_adopt        (DeskHistory     *self,
                                        DeskHistory     *other);

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
