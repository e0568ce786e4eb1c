/* desk-drawing.h — the base of widgets that draw themselves: charts and pills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_DRAWING (desk_drawing_get_type ())

G_DECLARE_DERIVABLE_TYPE (DeskDrawing, desk_drawing, DESK, DRAWING, GtkWidget)

/* A drawing is an image to assistive technologies (its subclass gives the label and
 * description), and it is drawn again whenever the style turns dark or light. */
struct _DeskDrawingClass
{
  GtkWidgetClass parent_class;

  /* Draws the widget at its @width × @height, both above 0, in the colours of the dark
   * style when @dark. */
  void (*draw) (DeskDrawing *self,
                GtkSnapshot *snapshot,
                int          width,
                int          height,
                gboolean     dark);

  /*< private >*/
  int natural_width;
  int height;
};

/* For the class_init of a chart: the "chart" CSS name, and a measure that asks for at
 * least 240 pixels of width, @natural_width when there is room, and always @height. A
 * drawing that is not a chart measures itself. */
void desk_drawing_class_set_chart (DeskDrawingClass *klass,
                                   int               natural_width,
                                   int               height);

/* A chart whose height depends on what it shows (one row per bar when its bars lie):
 * @height replaces the class's, 0 goes back to it. */
void desk_drawing_set_height      (DeskDrawing      *self,
                                   int               height);

G_END_DECLS
