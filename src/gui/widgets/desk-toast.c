/* desk-toast.c — one way to show a toast, from any widget of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-toast.h"

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

void
desk_toast_show (GtkWidget *widget,
                 AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
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
