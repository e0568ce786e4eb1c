/* desk-names-locked.c
 *
 * Check-in, the sign-in sheet import and named or pseudonymous exports need people's
 * names. While a protected store is locked they do not start: a dialog says why, in
 * core's words (desk_store_require_names), and offers to unlock. The main window's
 * win.unlock shows the passphrase page; the feature is started again by hand after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-names-locked"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-names-locked.h"
#include "desk-widget-util.h"

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "unlock") && parent != NULL)
    {
      /* A dialog's parent may be a dialog itself (the export dialog): it makes way for
       * the passphrase page of the main window, its parent. */
      while (parent != NULL && !gtk_widget_activate_action (GTK_WIDGET (parent), "win.unlock", NULL))
        {
          GtkWindow *dialog_parent = gtk_window_get_transient_for (parent);

          gtk_window_destroy (parent);
          parent = dialog_parent;
        }
    }
}

gboolean
desk_names_ask_unlock (GtkWidget *widget,
                       DeskStore *store)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (desk_store_require_names (store, &error))
    return TRUE;

  dialog = adw_message_dialog_new (desk_widget_get_window (widget), _("Names Are Locked"),
                                   error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}
