/* desk-paperwork-save.c — a workshop's paperwork saved as PDF from the app, and its
 * per-diem payments recorded
 *
 * The PDFs are the report library's (desk-paperwork.c), the same the CLI writes, and the
 * payments core's (desk-payments.c); this is only asking where or whether, and saying
 * what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-paperwork-save.h"

#include <glib/gi18n.h>

#include "desk-file-chooser.h"
#include "desk-names-locked.h"
#include "desk-payments.h"
#include "desk-toast.h"

#define REQUEST_KEY "desk-paperwork-request"

typedef struct
{
  char *workshop_uuid;
  DeskPaperworkKind kind;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->workshop_uuid);
  g_free (request);
}

static const char *
suggested_name (DeskPaperworkKind kind)
{
  switch (kind)
    {
    case DESK_PAPERWORK_BADGES:
      /* Translators: a file name, so no spaces. */
      return _("badges.pdf");
    case DESK_PAPERWORK_CERTIFICATES:
      /* Translators: a file name, so no spaces. */
      return _("certificates.pdf");
    case DESK_PAPERWORK_PAYMENTS:
      /* Translators: a file name, so no spaces. */
      return _("payment-sheet.pdf");
    case DESK_PAPERWORK_SIGN_IN:
    default:
      /* Translators: a file name, so no spaces. */
      return _("sign-in-sheet.pdf");
    }
}

static const char *
chooser_title (DeskPaperworkKind kind)
{
  switch (kind)
    {
    case DESK_PAPERWORK_BADGES:
      return _("Save Badges");
    case DESK_PAPERWORK_CERTIFICATES:
      return _("Save Certificates");
    case DESK_PAPERWORK_PAYMENTS:
      return _("Save Payment Sheet");
    case DESK_PAPERWORK_SIGN_IN:
    default:
      return _("Save Sign-in Sheet");
    }
}

gboolean
desk_paperwork_save_to (DeskPage          *page,
                        const char        *workshop_uuid,
                        DeskPaperworkKind  kind,
                        GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (DESK_IS_PAGE (page), FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (path == NULL)
    {
      desk_page_add_toast (DESK_PAGE (page),
                           _("The PDF can only be saved to a folder on this computer. Choose one."));
      return FALSE;
    }
  if (!desk_paperwork_write_pdf (desk_page_get_store (page), workshop_uuid, kind, path, &error))
    {
      desk_page_add_toast (page, error->message);
      return FALSE;
    }

  shown = g_filename_display_basename (path);
  /* Translators: %s is the file's name. */
  message = g_strdup_printf (_("Saved %s"), shown);
  desk_page_add_toast (page, message);
  return TRUE;
}

static void
chosen_cb (gpointer  owner,
           GFile    *file)
{
  DeskPage *page = owner;
  Request *request = g_object_get_data (G_OBJECT (page), REQUEST_KEY);

  if (request != NULL)
    desk_paperwork_save_to (page, request->workshop_uuid, request->kind, file);
}

void
desk_paperwork_save_ask (DeskPage          *page,
                         const char        *workshop_uuid,
                         DeskPaperworkKind  kind)
{
  GtkRoot *root;
  Request *request;
  GtkFileFilter *pdf;

  g_return_if_fail (DESK_IS_PAGE (page));
  g_return_if_fail (workshop_uuid != NULL);

  /* The sheets are names. */
  if (!desk_names_ask_unlock (GTK_WIDGET (page), desk_page_get_store (page)))
    return;

  request = g_new0 (Request, 1);
  request->workshop_uuid = g_strdup (workshop_uuid);
  request->kind = kind;
  g_object_set_data_full (G_OBJECT (page), REQUEST_KEY, request, request_free);

  root = gtk_widget_get_root (GTK_WIDGET (page));
  pdf = desk_file_filter_new (_("PDF documents"), "*.pdf", "application/pdf", NULL);
  desk_file_chooser_ask (page, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         chooser_title (kind), suggested_name (kind), chosen_cb, pdf, NULL);
}

/* Payments */

#define WORKSHOP_KEY "desk-payments-workshop"

gboolean
desk_paperwork_record_payments (DeskPage   *page,
                                const char *workshop_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  guint people = 0, expenses = 0;

  g_return_val_if_fail (DESK_IS_PAGE (page), FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  if (!desk_payments_record (desk_page_get_store (page), desk_page_get_history (page),
                             workshop_uuid, &people, &expenses, &total, &error))
    {
      desk_page_add_toast (page, error->message);
      return FALSE;
    }

  /* Translators: %u is a number of people, %s an amount with its currency. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recorded the payment of %u person, %s",
                                          "Recorded the payments of %u people, %s", people),
                             people, total);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  desk_toast_show (GTK_WIDGET (page), toast);
  return TRUE;
}

static void
payments_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DeskPage         *page)
{
  const char *workshop = g_object_get_data (G_OBJECT (dialog), WORKSHOP_KEY);

  if (g_strcmp0 (response, "record") == 0 && workshop != NULL)
    desk_paperwork_record_payments (page, workshop);
}

GtkWidget *
desk_paperwork_record_payments_ask (DeskPage   *page,
                                    const char *workshop_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GtkWidget *dialog;
  guint people = 0, expenses = 0;

  g_return_val_if_fail (DESK_IS_PAGE (page), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);

  if (!desk_payments_check (desk_page_get_store (page), workshop_uuid, &people, &expenses,
                            &total, &error))
    {
      desk_page_add_toast (page, error->message);
      return NULL;
    }

  /* Translators: the first %u is a number of people, the second of expenses; %s is an
   * amount with its currency, such as "GHS 1,200.00". */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u person attended. Recording adds an expense for each "
                                       "payment to the activity’s budget (expenses: %u), %s in all.",
                                       "%u people attended. Recording adds an expense for each "
                                       "payment to the activity’s budget (expenses: %u), %s in all.",
                                       people),
                          people, expenses, total);
  root = gtk_widget_get_root (GTK_WIDGET (page));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Record Payments?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), WORKSHOP_KEY, g_strdup (workshop_uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (payments_response_cb), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
