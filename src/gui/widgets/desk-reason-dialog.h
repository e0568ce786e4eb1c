/* desk-reason-dialog.h — asking for the reason a reported record is changed
 *
 * A record that a bundle reported is locked (desk-locks.h): core refuses to change or
 * delete it without a reason (DESK_ERROR_REPORTED). Every place of the app that updates
 * or deletes through the history writes through desk_reason_write() (or its two
 * shorthands), which on that refusal asks for the reason in a DeskReasonDialog, with
 * core's sentence as its body, and writes again with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_REASON_DIALOG (desk_reason_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskReasonDialog, desk_reason_dialog, DESK, REASON_DIALOG, AdwMessageDialog)

typedef enum
{
  DESK_REASON_CHANGE,
  DESK_REASON_DELETE,
} DeskReasonAction;

/* @message: core's sentence (the lock named, what to do). The action's response is
 * "change" or "delete", enabled once the reason holds more than spaces; "cancel" closes. */
GtkWidget  *desk_reason_dialog_new        (GtkWindow        *parent,
                                           DeskReasonAction  action,
                                           const char       *message);
/* The reason typed, trimmed; NULL while it is empty or only spaces. */
char       *desk_reason_dialog_dup_reason (DeskReasonDialog *self);
GtkEditable *desk_reason_dialog_get_entry (DeskReasonDialog *self);
const char *desk_reason_dialog_get_action_response (DeskReasonDialog *self);

/* A write that may need a reason: @reason is NULL on the first try, then the one given. */
typedef gboolean (*DeskReasonWriteFunc) (const char  *reason,
                                         gpointer     user_data,
                                         GError     **error);
/* Called exactly once, when the write is over (so it may free @user_data): @error NULL
 * when it was made; else why not — DESK_ERROR_REPORTED (core's sentence) when the user
 * cancelled the reason. */
typedef void     (*DeskReasonDoneFunc)  (GtkWidget    *widget,
                                         const GError *error,
                                         gpointer      user_data);

/* Calls @write with no reason; when core answers DESK_ERROR_REPORTED, asks for a reason
 * over @widget's window and calls @write again with it. Cancel writes nothing. @done is
 * called once at the end — at once when no reason was asked — with the last error.
 * @widget is held until then; @user_data is freed with @destroy after @done. */
void        desk_reason_write             (GtkWidget           *widget,
                                           DeskReasonAction     action,
                                           DeskReasonWriteFunc  write,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy,
                                           DeskReasonDoneFunc   done,
                                           gpointer             done_data);

/* desk_history_update (and _update_with_reason) of @record through desk_reason_write(). */
void        desk_reason_update            (GtkWidget           *widget,
                                           DeskHistory         *history,
                                           DeskRecord          *record,
                                           DeskReasonDoneFunc   done,
                                           gpointer             done_data);
/* desk_history_delete (and _delete_with_reason) of @uuid through desk_reason_write(). */
void        desk_reason_delete            (GtkWidget           *widget,
                                           DeskHistory         *history,
                                           const DeskKind      *kind,
                                           const char          *uuid,
                                           DeskReasonDoneFunc   done,
                                           gpointer             done_data);

G_END_DECLS
