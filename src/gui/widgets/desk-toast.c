/* desk-toast.c — one way to show a toast, from any widget of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "desk-toast.h"
#include "desk-show-file.h"

/* The first toast overlay in @widget's subtree, depth first. */
static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;
  GtkWindow *parent;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* The widget is a window (the main window, handed over by a dialog) or is inside a
   * dialog: the overlay is inside that window, or else inside the one the dialog
   * belongs to. */
  root = GTK_IS_ROOT (widget) ? GTK_ROOT (widget) : gtk_widget_get_root (widget);
  if (root == NULL || !GTK_IS_WINDOW (root))
    return NULL;
  if (GTK_WIDGET (root) == widget)
    {
      AdwToastOverlay *own = find_overlay_below (widget);

      if (own != NULL)
        return own;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (root));

  return parent != NULL ? find_overlay_below (GTK_WIDGET (parent)) : NULL;
}

/* The “Show in Files” button */

static void
file_shown (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_show_file_finish (result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not show the file: %s"),
                                                  error->message);

      desk_toast_show_message (widget, message);
    }
}

static void
show_file_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWidget *widget = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  desk_show_file_async (file, NULL, file_shown, g_object_ref (widget));
}

void
desk_toast_install_actions (GtkWidget *widget)
{
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autoptr(GSimpleAction) show_file = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Once a widget: the group holds the widget the failure toast goes to. */
  if (g_object_get_data (G_OBJECT (widget), "desk-toast-actions") != NULL)
    return;

  group = g_simple_action_group_new ();
  show_file = g_simple_action_new ("show-file", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (show_file, "activate", G_CALLBACK (show_file_activated), widget, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_file));
  gtk_widget_insert_action_group (widget, "toast", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (widget), "desk-toast-actions", GINT_TO_POINTER (TRUE));
}

AdwToast *
desk_toast_new_show_file (const char *message,
                          const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Show in Files"));
  adw_toast_set_action_name (toast, "toast.show-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));

  return toast;
}

void
desk_toast_show (GtkWidget *widget,
                 AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay != NULL)
    {
      desk_toast_install_actions (GTK_WIDGET (overlay));
      adw_toast_overlay_add_toast (overlay, toast);
    }
  else
    {
      g_debug ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

void
desk_toast_show_message (GtkWidget  *widget,
                         const char *message)
{
  g_return_if_fail (message != NULL);

  desk_toast_show (widget, adw_toast_new (message));
}
