/* test-reason-common.h — answering the reason dialog a reported record's change asks for
 *
 * The demo's workplan is approved, so it and its budget lines are locked (desk-locks.h):
 * a test that changes them through the app answers the dialog as the user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include "desk-reason-dialog.h"

/* The reason dialog shown, or NULL. */
static inline DeskReasonDialog *
find_reason_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DESK_IS_REASON_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DESK_REASON_DIALOG (window);
    }

  return NULL;
}

/* Gives @reason to the reason dialog (which must be up) and chooses its action. */
static inline void
answer_reason (const char *reason)
{
  DeskReasonDialog *dialog = find_reason_dialog ();

  g_assert_nonnull (dialog);
  gtk_editable_set_text (desk_reason_dialog_get_entry (dialog), reason);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), desk_reason_dialog_get_action_response (dialog));
  g_assert_null (find_reason_dialog ());
}
