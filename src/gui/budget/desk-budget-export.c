/* desk-budget-export.c
 *
 * The Budget page's CSV exports of its lines and expenses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-page-private.h"

#include <string.h>

static void
csv_saved_cb (GtkNativeDialog *dialog,
              int              response,
              DeskBudgetPage  *self)
{
  const char *what = g_object_get_data (G_OBJECT (dialog), "desk-what");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = NULL;
      gsize length = 0;

      g_autofree char *path = g_file_get_path (file);

      csv = _desk_budget_page_dup_csv (self, what, self->csv_bom, &length);
      /* Through core's door for files: never over the database or a device. */
      if (path == NULL)
        desk_page_add_toast (DESK_PAGE (self), _("This place cannot be written to. Choose a folder on this computer."));
      else if (!desk_file_write_contents (path, csv, length, &error))
        desk_page_add_toast (DESK_PAGE (self), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is the file's name. */
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          desk_page_add_toast (DESK_PAGE (self), text);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_desk_budget_page_export_csv_activated (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  gboolean expenses = g_str_equal (what, "expenses");
  GtkFileChooserNative *dialog;

  if (!desk_page_ensure_built (DESK_PAGE (self)))
    return;

  dialog = gtk_file_chooser_native_new (expenses ? _("Export Expenses") : _("Export Budget Lines"),
                                        _desk_budget_page_get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  /* Translators: file names for the CSV exports; keep them short, without spaces. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     expenses ? _("expenses.csv") : _("budget.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "desk-what", g_strdup (expenses ? "expenses" : "lines"), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (csv_saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

char *
_desk_budget_page_dup_csv (DeskBudgetPage *self,
                           const char     *what,
                           gboolean        bom,
                           gsize          *length)
{
  gboolean expenses = g_strcmp0 (what, "expenses") == 0;
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->refresh_id != 0)
    _desk_budget_page_refresh_now (self);

  /* The same CSV as `groupdesk-cli budget --csv`: core writes both. */
  if (self->summary != NULL)
    text = expenses ? desk_budget_expenses_csv (store, self->summary, bom, &error) :
                      desk_budget_lines_csv (store, self->summary, self->version, bom, &error);
  if (error != NULL)
    g_warning ("%s CSV: %s", expenses ? "Expenses" : "Budget", error->message);
  if (text == NULL)
    text = g_strdup ("");

  if (length != NULL)
    *length = strlen (text);

  return text;
}
