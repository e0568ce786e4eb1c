/* desk-drawing.c
 *
 * The charts and the pillar pills are drawn in a snapshot rather than built of child
 * widgets, and all of them pick their colours by the style: what they share is here,
 * so that a subclass only says how it draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-drawing"

#include "config.h"

#include "desk-drawing.h"

#define CHART_MIN_WIDTH 240

typedef struct
{
  int height;   /* this chart's own height, or 0 for its class's */
} DeskDrawingPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DeskDrawing, desk_drawing, GTK_TYPE_WIDGET)

/* Overrides */

static void
desk_drawing_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DeskDrawingClass *klass = DESK_DRAWING_GET_CLASS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (klass->draw == NULL || width <= 0 || height <= 0)
    return;

  klass->draw (DESK_DRAWING (widget), snapshot, width, height,
               adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
desk_drawing_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  DeskDrawingClass *klass = DESK_DRAWING_GET_CLASS (widget);
  DeskDrawingPrivate *priv = desk_drawing_get_instance_private (DESK_DRAWING (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = klass->height > 0 ? CHART_MIN_WIDTH : 0;
      *natural = MAX (klass->natural_width, *minimum);
    }
  else
    *minimum = *natural = priv->height > 0 ? priv->height : klass->height;
}

static void
desk_drawing_class_init (DeskDrawingClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = desk_drawing_snapshot;
  widget_class->measure = desk_drawing_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
desk_drawing_init (DeskDrawing *self)
{
  /* Disconnected when the drawing is finalized. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/* Public API */

void
desk_drawing_class_set_chart (DeskDrawingClass *klass,
                              int               natural_width,
                              int               height)
{
  g_return_if_fail (DESK_IS_DRAWING_CLASS (klass));
  g_return_if_fail (height > 0);

  klass->natural_width = natural_width;
  klass->height = height;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chart");
}

void
desk_drawing_set_height (DeskDrawing *self,
                         int          height)
{
  DeskDrawingPrivate *priv;

  g_return_if_fail (DESK_IS_DRAWING (self));

  priv = desk_drawing_get_instance_private (self);
  if (priv->height == MAX (height, 0))
    return;

  priv->height = MAX (height, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
