/* desk-natural-bin.c — one child, with a natural width the bin is told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-natural-bin.h"

struct _DeskNaturalBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
  int natural_width;
};

static void desk_natural_bin_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskNaturalBin, desk_natural_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, desk_natural_bin_buildable_init))

enum
{
  PROP_0,
  PROP_CHILD,
  PROP_NATURAL_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void
desk_natural_bin_buildable_add_child (GtkBuildable *buildable,
                                      GtkBuilder   *builder,
                                      GObject      *child,
                                      const char   *type)
{
  if (GTK_IS_WIDGET (child))
    desk_natural_bin_set_child (DESK_NATURAL_BIN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
desk_natural_bin_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = desk_natural_bin_buildable_add_child;
}

static void
desk_natural_bin_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    return;

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, self->natural_width);
}

static void
desk_natural_bin_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (widget);

  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
desk_natural_bin_get_request_mode (GtkWidget *widget)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child)
                             : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
desk_natural_bin_compute_expand (GtkWidget *widget,
                                 gboolean  *hexpand,
                                 gboolean  *vexpand)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
desk_natural_bin_dispose (GObject *object)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (desk_natural_bin_parent_class)->dispose (object);
}

static void
desk_natural_bin_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_natural_bin_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskNaturalBin *self = DESK_NATURAL_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      desk_natural_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_NATURAL_WIDTH:
      desk_natural_bin_set_natural_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_natural_bin_class_init (DeskNaturalBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_natural_bin_dispose;
  object_class->get_property = desk_natural_bin_get_property;
  object_class->set_property = desk_natural_bin_set_property;
  widget_class->measure = desk_natural_bin_measure;
  widget_class->size_allocate = desk_natural_bin_size_allocate;
  widget_class->get_request_mode = desk_natural_bin_get_request_mode;
  widget_class->compute_expand = desk_natural_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_natural_bin_init (DeskNaturalBin *self)
{
}

GtkWidget *
desk_natural_bin_new (void)
{
  return g_object_new (DESK_TYPE_NATURAL_BIN, NULL);
}

void
desk_natural_bin_set_child (DeskNaturalBin *self,
                            GtkWidget      *child)
{
  g_return_if_fail (DESK_IS_NATURAL_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
desk_natural_bin_get_child (DeskNaturalBin *self)
{
  g_return_val_if_fail (DESK_IS_NATURAL_BIN (self), NULL);

  return self->child;
}

void
desk_natural_bin_set_natural_width (DeskNaturalBin *self,
                                    int             natural_width)
{
  g_return_if_fail (DESK_IS_NATURAL_BIN (self));

  natural_width = MAX (natural_width, 0);
  if (self->natural_width == natural_width)
    return;

  self->natural_width = natural_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATURAL_WIDTH]);
}

int
desk_natural_bin_get_natural_width (DeskNaturalBin *self)
{
  g_return_val_if_fail (DESK_IS_NATURAL_BIN (self), 0);

  return self->natural_width;
}
