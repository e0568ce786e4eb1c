/* desk-paperwork-save.c — a workshop's paperwork saved as PDF from the app
 *
 * The PDFs are the report library's (desk-paperwork.c), the same the CLI writes; this is
 * only asking where, and saying what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-paperwork-save.h"

#include <glib/gi18n.h>

#include "desk-file-chooser.h"
#include "desk-names-locked.h"

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
