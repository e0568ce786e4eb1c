/* desk-file-chooser.c — asking for a file to open or to save, or for several files to
 * open, the same way everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-file-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-file-chooser.h"

/* Where an owner keeps its chooser, so that a second question replaces the first. */
#define CHOOSER_KEY "desk-file-chooser"

typedef struct
{
  GObject *owner;
  DeskFileChosenFunc chosen;        /* one file, or */
  DeskFilesChosenFunc chosen_files; /* several */
} Question;

GtkFileFilter *
desk_file_filter_new (const char *name,
                      const char *first_item,
                      ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);

  va_start (args, first_item);
  for (const char *item = first_item; item != NULL; item = va_arg (args, const char *))
    {
      if (strchr (item, '/') != NULL)
        gtk_file_filter_add_mime_type (filter, item);
      else if (strchr (item, '*') != NULL)
        gtk_file_filter_add_pattern (filter, item);
      else
        gtk_file_filter_add_suffix (filter, item);
    }
  va_end (args);

  return filter;
}

static void
question_free (gpointer  data,
               GClosure *closure)
{
  g_free (data);
}

static void chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 Question        *question);

static void
chooser_free (gpointer data)
{
  GtkNativeDialog *chooser = data;

  g_signal_handlers_disconnect_matched (chooser, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        chooser_response_cb, NULL);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Question        *question)
{
  g_autoptr(GObject) owner = g_object_ref (question->owner);
  DeskFileChosenFunc chosen = question->chosen;
  DeskFilesChosenFunc chosen_files = question->chosen_files;
  g_autoptr(GFile) file = NULL;
  GSList *files = NULL;

  if (response == GTK_RESPONSE_ACCEPT && chosen_files != NULL)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = g_list_model_get_n_items (model); i > 0; i--)
        files = g_slist_prepend (files, g_list_model_get_item (model, i - 1));
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* The question is answered: the chooser goes before the answer is acted on, which may
   * ask another. */
  g_object_set_data (owner, CHOOSER_KEY, NULL);

  if (file != NULL)
    chosen (owner, file);
  if (files != NULL)
    chosen_files (owner, files);
  g_slist_free_full (files, g_object_unref);
}

/* Shows @chooser as @owner's, answering @question. */
static void
show_chooser (gpointer              owner,
              GtkFileChooserNative *chooser,
              Question             *question)
{
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  question->owner = owner;
  g_signal_connect_data (chooser, "response", G_CALLBACK (chooser_response_cb), question,
                         question_free, 0);

  /* Replaces (and destroys) the owner's earlier chooser, if any. */
  g_object_set_data_full (G_OBJECT (owner), CHOOSER_KEY, chooser, chooser_free);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
desk_file_chooser_ask (gpointer            owner,
                       GtkWindow          *parent,
                       const char         *title,
                       const char         *save_name,
                       DeskFileChosenFunc  chosen,
                       GtkFileFilter      *first_filter,
                       ...)
{
  GtkFileChooserNative *chooser;
  Question *question;
  va_list args;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (chosen != NULL);

  chooser = gtk_file_chooser_native_new (title, parent,
                                         save_name != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                           : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save_name != NULL ? _("_Save") : _("_Open"),
                                         _("_Cancel"));

  va_start (args, first_filter);
  for (GtkFileFilter *filter = first_filter; filter != NULL; filter = va_arg (args, GtkFileFilter *))
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }
  va_end (args);

  if (save_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), save_name);

  question = g_new0 (Question, 1);
  question->chosen = chosen;
  show_chooser (owner, chooser, question);
}

void
desk_file_chooser_ask_files (gpointer             owner,
                             GtkWindow           *parent,
                             const char          *title,
                             const char          *accept_label,
                             DeskFilesChosenFunc  chosen)
{
  GtkFileChooserNative *chooser;
  Question *question;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (chosen != NULL);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label != NULL ? accept_label : _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  question = g_new0 (Question, 1);
  question->chosen_files = chosen;
  show_chooser (owner, chooser, question);
}

void
desk_file_chooser_cancel (gpointer owner)
{
  g_return_if_fail (G_IS_OBJECT (owner));

  g_object_set_data (G_OBJECT (owner), CHOOSER_KEY, NULL);
}
