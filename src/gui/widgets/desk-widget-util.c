/* desk-widget-util.c — small helpers every part of the interface shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-widget-util"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-widget-util.h"

#include "desk-list-access.h"

/* The schema keeps the release id in every profile. */
#define SCHEMA_ID "org.voluntaryprinciples.Groupdesk"

/* @window's `history` property, when its class has one; the window keeps it. */
static DeskHistory *
window_history (GtkWindow *window)
{
  DeskHistory *history = NULL;
  GParamSpec *pspec;

  if (window == NULL)
    return NULL;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (window), "history");
  if (pspec == NULL || !g_type_is_a (pspec->value_type, DESK_TYPE_HISTORY))
    return NULL;

  g_object_get (window, "history", &history, NULL);
  if (history != NULL)
    g_object_unref (history);

  return history;
}

/* The offset of the store in the instances of a type that installed `store` with
 * desk_object_class_install_store(). */
static GQuark
store_offset_quark (void)
{
  return g_quark_from_static_string ("desk-store-offset");
}

static DeskStore **
store_slot (GObject    *object,
            GParamSpec *pspec)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (pspec->owner_type, store_offset_quark ()));

  return G_STRUCT_MEMBER_P (object, offset);
}

static void
store_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_object (value, *store_slot (object, pspec));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
store_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  if (prop_id == 1)
    g_set_object (store_slot (object, pspec), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
desk_object_class_install_store (GObjectClass *object_class,
                                 gsize         offset)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));
  g_return_if_fail (offset >= sizeof (GObject));

  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), store_offset_quark (),
                    GSIZE_TO_POINTER (offset));
  object_class->get_property = store_get_property;
  object_class->set_property = store_set_property;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_object ("store", NULL, NULL,
                                                        DESK_TYPE_STORE,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));
}

GtkWindow *
desk_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
desk_widget_remove_children (GtkWidget *container)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_GRID (container) ||
                    GTK_IS_LIST_BOX (container) || GTK_IS_FLOW_BOX (container));

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
    }
}

DeskHistory *
desk_widget_find_history (GtkWidget *widget)
{
  GtkWindow *window;
  DeskHistory *history;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  window = desk_widget_get_window (widget);
  if (window == NULL)
    return NULL;

  history = window_history (window);
  if (history == NULL)
    history = window_history (gtk_window_get_transient_for (window));

  return history;
}

GSettings *
desk_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed: the settings are not kept", SCHEMA_ID);
      return NULL;
    }

  return g_settings_new (SCHEMA_ID);
}

GtkWidget *
desk_grid_label_new (const char *text,
                     gboolean    number,
                     const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (number)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

void
desk_grid_attach_row (GtkGrid           *grid,
                      int                row,
                      const char        *css_class,
                      const char *const *cells)
{
  g_return_if_fail (GTK_IS_GRID (grid));
  g_return_if_fail (cells != NULL);

  for (int c = 0; cells[c] != NULL; c++)
    gtk_grid_attach (grid, desk_grid_label_new (cells[c], c > 0, css_class), c, row, 1, 1);
}

GtkColumnViewColumn *
desk_column_view_append (GtkColumnView *view,
                         const char    *title,
                         GCallback      setup,
                         GCallback      bind,
                         gpointer       user_data,
                         guint          index,
                         gboolean       expand)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (setup != NULL && bind != NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "desk-column", GUINT_TO_POINTER (index));
  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  /* After the page's own bind, when the cell shows its record: the row's name follows. */
  desk_list_factory_name_rows (factory);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);

  desk_list_view_make_accessible (GTK_WIDGET (view));
  desk_column_view_name_titles (view);

  return column;
}

typedef struct
{
  guint *source;
  DeskOnceFunc func;
  gpointer data;
} Once;

static gboolean
once_cb (gpointer user_data)
{
  Once *once = user_data;

  *once->source = 0;
  once->func (once->data);

  return G_SOURCE_REMOVE;
}

void
desk_schedule_once (guint        *source,
                    int           priority,
                    guint         delay_ms,
                    DeskOnceFunc  func,
                    gpointer      data)
{
  Once *once;

  g_return_if_fail (source != NULL);
  g_return_if_fail (func != NULL);

  if (*source != 0)
    return;

  once = g_new (Once, 1);
  once->source = source;
  once->func = func;
  once->data = data;
  if (delay_ms == 0)
    *source = g_idle_add_full (priority, once_cb, once, g_free);
  else
    *source = g_timeout_add_full (priority, delay_ms, once_cb, once, g_free);
}

void
desk_widget_drop_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
}
