/* desk-show-file.c — shows a saved file in the user's file manager
 *
 * The freedesktop.org file manager interface selects the file in its folder, which is
 * what a coordinator wants after an export: the file, ready to attach to an e-mail.
 * Desktops without such a file manager still get the folder opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-show-file"

#include "config.h"

#include "desk-show-file.h"

#define FILE_MANAGER_NAME "org.freedesktop.FileManager1"
#define FILE_MANAGER_PATH "/org/freedesktop/FileManager1"
/* A file manager that is started for the call answers within a few seconds; one that
 * hangs must not keep the folder from opening for D-Bus's default 25 s. */
#define FILE_MANAGER_TIMEOUT_MS 5000

static DeskShowFolderFunc folder_opener;

typedef struct
{
  GFile *file;
  gboolean used_file_manager;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

void
_desk_show_file_set_folder_opener (DeskShowFolderFunc func)
{
  folder_opener = func;
}

static gboolean
launch_folder (const char  *uri,
               GError     **error)
{
  return g_app_info_launch_default_for_uri (uri, NULL, error);
}

/* The fallback: the folder the file is in, in whatever opens folders. */
static void
open_folder (GTask *task)
{
  ShowData *data = g_task_get_task_data (task);
  g_autoptr(GFile) folder = g_file_get_parent (data->file);
  g_autofree char *uri = NULL;
  GError *error = NULL;

  uri = g_file_get_uri (folder != NULL ? folder : data->file);
  data->used_file_manager = FALSE;
  if ((folder_opener != NULL ? folder_opener : launch_folder) (uri, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_items_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      ShowData *data = g_task_get_task_data (task);

      data->used_file_manager = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_debug ("No file manager showed the file: %s", error->message);
  open_folder (task);
}

static void
bus_got (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  ShowData *data = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };
  GCancellable *cancellable = g_task_get_cancellable (task);

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_debug ("No session bus: %s", error->message);
      open_folder (task);
      return;
    }

  uri = g_file_get_uri (data->file);
  uris[0] = uri;
  /* ShowItems (as uris, s startup_id): no startup notification to hand over. */
  g_dbus_connection_call (bus, FILE_MANAGER_NAME, FILE_MANAGER_PATH, FILE_MANAGER_NAME,
                          "ShowItems", g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, FILE_MANAGER_TIMEOUT_MS,
                          cancellable, show_items_done, g_steal_pointer (&task));
}

void
desk_show_file_async (GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  ShowData *data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_show_file_async);
  data = g_new0 (ShowData, 1);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) show_data_free);

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_got, task);
}

gboolean
desk_show_file_finish (GAsyncResult  *result,
                       gboolean      *used_file_manager,
                       GError       **error)
{
  ShowData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (used_file_manager != NULL)
    *used_file_manager = data->used_file_manager;

  return g_task_propagate_boolean (G_TASK (result), error);
}
