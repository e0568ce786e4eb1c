/* desk-reason-dialog.c
 *
 * The dialog is an AdwMessageDialog (libadwaita 1.2 has no AdwAlertDialog) whose extra
 * child is the reason's entry. Core decides what is locked and says so: the dialog shows
 * core's sentence and never guesses; the write is made again by the caller's function
 * with the reason, so the same path serves an editor's row, a list's Delete and the
 * check-in's several rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-reason-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-reason-dialog.h"
#include "desk-a11y.h"

#include "desk-widget-util.h"

struct _DeskReasonDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry *entry;
  const char *response;     /* "change" or "delete" */
};

G_DEFINE_FINAL_TYPE (DeskReasonDialog, desk_reason_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* One write waiting for its reason. */
typedef struct
{
  GtkWidget *widget;
  DeskReasonAction action;
  DeskReasonWriteFunc write;
  gpointer user_data;
  GDestroyNotify destroy;
  DeskReasonDoneFunc done;
  gpointer done_data;
  GError *error;            /* core's refusal, given back when the user cancels */
} Pending;

static void
pending_finish (Pending      *pending,
                const GError *error)
{
  if (pending->done != NULL)
    pending->done (pending->widget, error, pending->done_data);
  if (pending->destroy != NULL)
    pending->destroy (pending->user_data);
  g_clear_error (&pending->error);
  g_object_unref (pending->widget);
  g_free (pending);
}

/* Callbacks */

static void
entry_changed_cb (DeskReasonDialog *self)
{
  g_autofree char *reason = desk_reason_dialog_dup_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), self->response,
                                           reason != NULL);
}

static void
entry_activated_cb (DeskReasonDialog *self)
{
  g_autofree char *reason = desk_reason_dialog_dup_reason (self);

  /* Enter gives the reason, once there is one. */
  if (reason != NULL)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), self->response);
}

static void
dialog_responded_cb (DeskReasonDialog *self,
                     const char       *response,
                     Pending          *pending)
{
  g_autofree char *reason = desk_reason_dialog_dup_reason (self);
  g_autoptr(GError) error = NULL;

  /* One answer: closing the dialog below answers "cancel" again, to no one. */
  g_signal_handlers_disconnect_by_data (self, pending);

  if (!g_str_equal (response, self->response) || reason == NULL)
    pending_finish (pending, pending->error);
  else if (pending->write (reason, pending->user_data, &error))
    pending_finish (pending, NULL);
  else
    pending_finish (pending, error);

  /* A button closed it already; Enter in the entry did not. */
  gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static void
desk_reason_dialog_class_init (DeskReasonDialogClass *klass)
{
  /* Escape answers "cancel", the close response, as in every message dialog: nothing
   * of the class's own to set up. */
}

static void
desk_reason_dialog_init (DeskReasonDialog *self)
{
  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of the entry for why a reported record is changed. */
  gtk_entry_set_placeholder_text (self->entry, _("Why it changes, for the secretariat"));
  desk_a11y_name_editable (GTK_WIDGET (self->entry), _("Reason"));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activated_cb), self);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (self->entry));
}

/* Public API */

GtkWidget *
desk_reason_dialog_new (GtkWindow        *parent,
                        DeskReasonAction  action,
                        const char       *message)
{
  DeskReasonDialog *self;
  gboolean delete = action == DESK_REASON_DELETE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (DESK_TYPE_REASON_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", delete ? _("Delete a Reported Record?") : _("Change a Reported Record?"),
                       "body", message,
                       NULL);
  self->response = delete ? "delete" : "change";
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    self->response, delete ? _("_Delete") : _("_Change"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), self->response,
                                              delete ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), self->response, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), self->response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  return GTK_WIDGET (self);
}

char *
desk_reason_dialog_dup_reason (DeskReasonDialog *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DESK_IS_REASON_DIALOG (self), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (text[0] == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

GtkEditable *
desk_reason_dialog_get_entry (DeskReasonDialog *self)
{
  g_return_val_if_fail (DESK_IS_REASON_DIALOG (self), NULL);

  return GTK_EDITABLE (self->entry);
}

const char *
desk_reason_dialog_get_action_response (DeskReasonDialog *self)
{
  g_return_val_if_fail (DESK_IS_REASON_DIALOG (self), NULL);

  return self->response;
}

void
desk_reason_write (GtkWidget           *widget,
                   DeskReasonAction     action,
                   DeskReasonWriteFunc  write,
                   gpointer             user_data,
                   GDestroyNotify       destroy,
                   DeskReasonDoneFunc   done,
                   gpointer             done_data)
{
  g_autoptr(GError) error = NULL;
  Pending *pending;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (write != NULL);

  pending = g_new0 (Pending, 1);
  pending->widget = g_object_ref (widget);
  pending->action = action;
  pending->write = write;
  pending->user_data = user_data;
  pending->destroy = destroy;
  pending->done = done;
  pending->done_data = done_data;

  if (write (NULL, user_data, &error))
    {
      pending_finish (pending, NULL);
      return;
    }
  if (!g_error_matches (error, DESK_ERROR, DESK_ERROR_REPORTED))
    {
      pending_finish (pending, error);
      return;
    }

  /* Locked: core's sentence says by what, and the dialog asks why. */
  pending->error = g_steal_pointer (&error);
  dialog = desk_reason_dialog_new (desk_widget_get_window (widget), action, pending->error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_responded_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The two writes of the history, with and without a reason */

typedef struct
{
  DeskHistory *history;
  DeskRecord *record;
  const DeskKind *kind;
  char *uuid;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->history);
  g_clear_object (&write->record);
  g_free (write->uuid);
  g_free (write);
}

static gboolean
update_with (const char  *reason,
             gpointer     user_data,
             GError     **error)
{
  Write *write = user_data;

  if (reason == NULL)
    return desk_history_update (write->history, write->record, error);

  return desk_history_update_with_reason (write->history, write->record, reason, error);
}

static gboolean
delete_with (const char  *reason,
             gpointer     user_data,
             GError     **error)
{
  Write *write = user_data;

  if (reason == NULL)
    return desk_history_delete (write->history, write->kind, write->uuid, error);

  return desk_history_delete_with_reason (write->history, write->kind, write->uuid, reason, error);
}

void
desk_reason_update (GtkWidget          *widget,
                    DeskHistory        *history,
                    DeskRecord         *record,
                    DeskReasonDoneFunc  done,
                    gpointer            done_data)
{
  Write *write;

  g_return_if_fail (DESK_IS_HISTORY (history));
  g_return_if_fail (DESK_IS_RECORD (record));

  write = g_new0 (Write, 1);
  write->history = g_object_ref (history);
  /* A copy: the caller's record may change while the dialog is up. */
  write->record = desk_record_copy (record);
  desk_reason_write (widget, DESK_REASON_CHANGE, update_with, write, (GDestroyNotify) write_free,
                     done, done_data);
}

void
desk_reason_delete (GtkWidget          *widget,
                    DeskHistory        *history,
                    const DeskKind     *kind,
                    const char         *uuid,
                    DeskReasonDoneFunc  done,
                    gpointer            done_data)
{
  Write *write;

  g_return_if_fail (DESK_IS_HISTORY (history));
  g_return_if_fail (kind != NULL && uuid != NULL);

  write = g_new0 (Write, 1);
  write->history = g_object_ref (history);
  write->kind = kind;
  write->uuid = g_strdup (uuid);
  desk_reason_write (widget, DESK_REASON_DELETE, delete_with, write, (GDestroyNotify) write_free,
                     done, done_data);
}
