/* screenshots-common.h — what every screenshot program needs: waiting for frames,
 * saving a window (with its popover) to PNG, the main window at the screenshots' size,
 * showing a page, finding a row, removing the temporary folder (static inline: one copy
 * per program)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include "desk-record-list.h"
#include "desk-window.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#define WIDTH 1280
#define HEIGHT 800

typedef struct
{
  guint frames;
  gboolean timed_out;
} Wait;

static inline gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Wait *wait = user_data;

  wait->frames++;

  return G_SOURCE_CONTINUE;
}

static inline gboolean
timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Until @widget is mapped and has drawn @frames frames, so that it is laid out and
 * its icons and fonts are loaded; never longer than five seconds. */
static inline void
wait_for_frames (GtkWidget *widget,
                 guint      frames)
{
  Wait wait = { 0, FALSE };
  guint tick_id;
  guint timeout_id;

  tick_id = gtk_widget_add_tick_callback (widget, tick_cb, &wait, NULL);
  timeout_id = g_timeout_add_seconds (5, timeout_cb, &wait);

  while (!wait.timed_out && (!gtk_widget_get_mapped (widget) || wait.frames < frames))
    g_main_context_iteration (NULL, TRUE);

  if (wait.timed_out)
    g_printerr ("Timed out waiting for %s to draw\n", G_OBJECT_TYPE_NAME (widget));
  else
    g_source_remove (timeout_id);

  gtk_widget_remove_tick_callback (widget, tick_id);
}

/* Draws @popover, open on @window, into @snapshot where it shows, and returns where that
 * is in @bounds: a popover is a surface of its own, which a snapshot of its window leaves
 * out. */
static inline void
snapshot_popover (GtkSnapshot     *snapshot,
                  GtkWidget       *window,
                  GtkWidget       *popover,
                  graphene_rect_t *bounds)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (popover);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  double window_x, window_y, popover_x, popover_y;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  graphene_rect_init (bounds,
                      gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                      gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y,
                      gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &bounds->origin);
  gdk_paintable_snapshot (paintable, snapshot, bounds->size.width, bounds->size.height);
  gtk_snapshot_restore (snapshot);
}

/* Saves @window, with @popover drawn over it when it is not NULL. */
static inline gboolean
save_window_with_popover (GtkWidget  *window,
                          GtkWidget  *popover,
                          const char *dir,
                          const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  graphene_rect_t area;
  int width;
  int height;

  wait_for_frames (window, 6);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  /* A popover past the window's edge widens the picture to show it whole. */
  graphene_rect_init (&area, 0, 0, width, height);
  if (popover != NULL && gtk_widget_get_mapped (popover))
    {
      graphene_rect_t bounds;

      snapshot_popover (snapshot, window, popover, &bounds);
      graphene_rect_union (&area, &bounds, &area);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_printerr ("%s drew nothing\n", name);
      return FALSE;
    }

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &area);

  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("Could not write %s\n", path);
      return FALSE;
    }

  g_print ("%s (%d×%d)\n", path, gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  return TRUE;
}

static inline gboolean
save_window (GtkWidget  *window,
             const char *dir,
             const char *name)
{
  return save_window_with_popover (window, NULL, dir, name);
}

static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static inline GtkWidget *
new_main_window (GtkApplication *app,
                 DeskStore      *store)
{
  GtkWidget *window = desk_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static inline GtkWidget *
show_page (GtkWidget  *window,
           const char *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  gtk_widget_activate_action (window, "win.show-page", "s", name);
  wait_for_frames (window, 2);

  return gtk_stack_get_child_by_name (stack, name);
}

/* The UUID of the row of @list whose @field is @value, else of its first row. */
static inline char *
find_row (DeskRecordList *list,
          const char     *field,
          const char     *value)
{
  GListModel *model = desk_record_list_get_sorted_model (list);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (model, i);

      if (field == NULL || g_strcmp0 (desk_record_get_string (record, field), value) == 0)
        return g_strdup (desk_record_get_uuid (record));
    }

  if (n > 0)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (model, 0);

      return g_strdup (desk_record_get_uuid (record));
    }

  return NULL;
}

static inline gboolean
save_dialog (GtkWindow  *dialog,
             const char *dir,
             const char *name)
{
  gboolean ok;

  gtk_window_present (dialog);
  ok = save_window (GTK_WIDGET (dialog), dir, name);
  gtk_window_destroy (dialog);

  return ok;
}

/* The temporary folder of the store: the database, SQLite's files and the backups
 * folder beside it. */
static inline void
remove_folder (const char *path)
{
  g_autoptr(GDir) folder = g_dir_open (path, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        remove_folder (file);
      else
        g_remove (file);
    }
  g_rmdir (path);
}

/* Scrolls the scrolled window around @widget so that @widget is at its top (a workshop
 * editor's Attendance comes after its Evidence). */
static inline void
scroll_to (GtkWidget *window,
           GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  double x = 0, y = 0;

  wait_for_frames (window, 2);
  if (scrolled != NULL && gtk_widget_translate_coordinates (widget, scrolled, 0, 0, &x, &y))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
    }
}

/* What every screenshot program does first: the locale and our translations; the folder
 * to write to, from the command line; a real AdwApplication (not the unique
 * DeskApplication: it brings the stylesheet and the icons from the resources without
 * claiming the app's bus name); no animations and GNOME's own font (Xvfb has no settings
 * daemon to say so), so that a shot shows what is asked and not half of a transition;
 * and a new database @db_name in a temporary folder. 0, or the exit status after saying
 * why not. The caller owns *app, *tmp_dir and *store. */
static inline int
screenshots_start (int              argc,
                   char           **argv,
                   const char      *application_id,
                   const char      *db_name,
                   const char     **dir,
                   AdwApplication **app,
                   char           **tmp_dir,
                   DeskStore      **store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  const char *localedir;

  if (setlocale (LC_ALL, "") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  /* The locale is settled: GTK must not set it again (and warn) at startup. */
  gtk_disable_setlocale ();
  localedir = g_getenv ("GROUPDESK_LOCALEDIR");
  desk_core_init_i18n (localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT_DIR\n", argv[0]);
      return 2;
    }
  *dir = argv[1];
  if (g_mkdir_with_parents (*dir, 0755) != 0)
    {
      g_printerr ("Could not create %s: %s\n", *dir, g_strerror (errno));
      return 1;
    }

  *app = g_object_new (ADW_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/voluntaryprinciples/Groupdesk",
                       NULL);
  if (!g_application_register (G_APPLICATION (*app), NULL, &error))
    {
      g_printerr ("Could not start: %s\n", error->message);
      return 1;
    }
  g_application_hold (G_APPLICATION (*app));
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                NULL);

  *tmp_dir = g_dir_make_tmp ("groupdesk-screenshots-XXXXXX", &error);
  if (*tmp_dir == NULL)
    {
      g_printerr ("Could not make a temporary folder: %s\n", error->message);
      return 1;
    }
  db_path = g_build_filename (*tmp_dir, db_name, NULL);
  *store = desk_store_open (db_path, &error);
  if (*store == NULL)
    {
      g_printerr ("Could not open a store: %s\n", error->message);
      return 1;
    }

  return 0;
}

