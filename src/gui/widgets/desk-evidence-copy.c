/* desk-evidence-copy.c — an attached file written out: opened in another application, or
 * saved where the user chose
 *
 * Both copy on a worker through DeskJob, so that a 50 MB file never holds the window. A
 * copy opened elsewhere is left in its private folder (the other application may still
 * be reading it); the runtime folder is emptied when the user logs out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-evidence-copy"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "desk-evidence-copy.h"
#include "desk-evidence-group-private.h"

#include "desk-job.h"
#include "desk-names-locked.h"
#include "desk-toast.h"
#include "desk-widget-util.h"

static DeskEvidenceLauncher launcher;

typedef struct
{
  DeskStore *store;
  char *uuid;
  char *path;
  char *name;
  gboolean open;            /* open it once written, else it was saved */
  DeskEvidenceCopyDone done;
} WriteWork;

static void
write_work_free (gpointer data)
{
  WriteWork *work = data;

  g_clear_object (&work->store);
  g_free (work->uuid);
  g_free (work->path);
  g_free (work->name);
  g_free (work);
}

static gboolean
write_work_run (DeskStore         *store,
                gpointer           data,
                GCancellable      *cancellable,
                DeskProgressFunc   progress,
                gpointer           progress_data,
                GError           **error)
{
  WriteWork *work = data;

  if (!desk_attachment_write_to_file (store, work->uuid, work->path, error))
    return FALSE;
  /* Only its owner reads the copy opened (its folder is private already). */
  if (work->open && g_chmod (work->path, 0600) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The copy of “%s” could not be made private: %s. Check the disk and try again."),
                   work->name, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

static gboolean
launch_default (const char  *uri,
                GError     **error)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gdk_display_get_default ());

  return g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), error);
}

static void
write_work_done (DeskJob      *job,
                 gpointer      data,
                 const GError *error,
                 gpointer      user_data)
{
  WriteWork *work = data;
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) launch_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *message = NULL;

  if (work->done != NULL)
    work->done (widget);
  /* Gone from its window meanwhile: nobody to tell. */
  if (gtk_widget_get_root (widget) == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Locked meanwhile (a personal file where names are protected): the unlock prompt,
   * as wherever names are needed. */
  if (g_error_matches (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED) &&
      !desk_names_ask_unlock (widget, work->store))
    return;
  if (error != NULL)
    {
      desk_toast_show_message (widget, error->message);
      return;
    }

  if (!work->open)
    {
      /* Translators: a toast after an attached file was saved to a file of its own. */
      message = g_strdup_printf (_("“%s” saved"), work->name);
      desk_toast_show (widget, desk_toast_new_show_file (message, work->path));
      return;
    }

  file = g_file_new_for_path (work->path);
  uri = g_file_get_uri (file);
  if (!(launcher != NULL ? launcher : launch_default) (uri, &launch_error))
    {
      message = g_strdup_printf (_("“%s” could not be opened: %s. Save a copy with Save As… and "
                                   "open it from the file manager."), work->name, launch_error->message);
      desk_toast_show_message (widget, message);
    }
}

static void
start_write (GtkWidget *widget,
             DeskStore *store,
             WriteWork *work)
{
  work->store = g_object_ref (store);
  g_object_unref (desk_job_start (desk_widget_get_window (widget), store,
                                  work->open ? _("Opening the file") : _("Saving the file"),
                                  write_work_run, work, write_work_free,
                                  write_work_done, g_object_ref (widget)));
}

/* A private folder for copies opened in other applications: mode 0700, in the user's
 * runtime folder (a tmpfs emptied at logout) or else the temporary one. */
static char *
make_private_dir (GError **error)
{
  g_autofree char *template = g_build_filename (g_get_user_runtime_dir (), "groupdesk-open-XXXXXX", NULL);

  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;

      g_clear_pointer (&template, g_free);
      template = g_build_filename (g_get_tmp_dir (), "groupdesk-open-XXXXXX", NULL);
      if (g_mkdtemp_full (template, 0700) == NULL)
        {
          saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("No private folder could be made to open the file: %s. Save a copy with "
                         "Save As… instead."), g_strerror (saved));
          return NULL;
        }
    }

  return g_steal_pointer (&template);
}

/* The attachment's name as a file name: never a path, never hidden, never empty. */
char *
desk_evidence_dup_file_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name != NULL && name[0] != '\0' ? name : "attachment");
  GString *safe = g_string_new (base);

  g_strdelimit (safe->str, "/\\", '_');
  while (safe->len > 0 && safe->str[0] == '.')
    g_string_erase (safe, 0, 1);
  if (safe->len == 0)
    g_string_assign (safe, "attachment");

  return g_string_free (safe, FALSE);
}

void
desk_evidence_copy_open (GtkWidget            *widget,
                         DeskStore            *store,
                         const char           *uuid,
                         const char           *name,
                         DeskEvidenceCopyDone  done)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file_name = NULL;
  WriteWork *work;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (DESK_IS_STORE (store));

  dir = make_private_dir (&error);
  if (dir == NULL)
    {
      desk_toast_show_message (widget, error->message);
      if (done != NULL)
        done (widget);
      return;
    }

  file_name = desk_evidence_dup_file_name (name);
  work = g_new0 (WriteWork, 1);
  work->uuid = g_strdup (uuid);
  work->name = g_strdup (name);
  work->path = g_build_filename (dir, file_name, NULL);
  work->open = TRUE;
  work->done = done;
  start_write (widget, store, work);
}

void
desk_evidence_copy_save (GtkWidget            *widget,
                         DeskStore            *store,
                         const char           *uuid,
                         const char           *name,
                         const char           *path,
                         DeskEvidenceCopyDone  done)
{
  WriteWork *work;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (path != NULL);

  work = g_new0 (WriteWork, 1);
  work->uuid = g_strdup (uuid);
  work->name = g_strdup (name);
  work->path = g_strdup (path);
  work->done = done;
  start_write (widget, store, work);
}

void
_desk_evidence_group_set_launcher (DeskEvidenceLauncher func)
{
  launcher = func;
}
