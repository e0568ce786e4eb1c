/* desk-chart.c
 *
 * The chart is drawn by the same cairo code as the printed report
 * (desk_report_draw_chart), through a cairo node of the snapshot: GTK renders it at the
 * monitor's scale, so it stays crisp on any screen, and what the coordinator sees is
 * what the secretariat gets on paper. Bars carry patterns and labels, so the chart
 * reads without colour; a screen reader gets the report's sentence instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-chart"

#include "config.h"

#include "desk-chart.h"

#include <math.h>

#include "desk-report-render.h"

#define HEIGHT 260
#define MAX_HEIGHT 420
#define NATURAL_WIDTH 640

struct _DeskChart
{
  DeskDrawing parent_instance;

  DeskReport *report;
};

G_DEFINE_FINAL_TYPE (DeskChart, desk_chart, DESK_TYPE_DRAWING)

static void
desk_chart_draw (DeskDrawing *drawing,
                 GtkSnapshot *snapshot,
                 int          width,
                 int          height,
                 gboolean     dark)
{
  DeskChart *self = DESK_CHART (drawing);
  cairo_t *cr;

  if (self->report == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  desk_report_draw_chart (self->report, cr, 0, 0, width, height, dark);
  cairo_destroy (cr);
}

static void
desk_chart_finalize (GObject *object)
{
  DeskChart *self = (DeskChart *) object;

  g_clear_pointer (&self->report, desk_report_free);

  G_OBJECT_CLASS (desk_chart_parent_class)->finalize (object);
}

static void
desk_chart_class_init (DeskChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskDrawingClass *drawing_class = DESK_DRAWING_CLASS (klass);

  object_class->finalize = desk_chart_finalize;
  drawing_class->draw = desk_chart_draw;
  desk_drawing_class_set_chart (drawing_class, NATURAL_WIDTH, HEIGHT);
}

static void
desk_chart_init (DeskChart *self)
{
}

/* Measured as it will be drawn, at the natural width: taller than the class's height
 * when the bars lie and each needs a row with room for its figure. */
static int
chart_height (DeskChart  *self,
              DeskReport *report)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double height = desk_report_chart_height (report, cr, NATURAL_WIDTH, HEIGHT, MAX_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return (int) ceil (height);
}

GtkWidget *
desk_chart_new (void)
{
  return g_object_new (DESK_TYPE_CHART, NULL);
}

void
desk_chart_set_report (DeskChart  *self,
                       DeskReport *report)
{
  g_return_if_fail (DESK_IS_CHART (self));

  if (self->report == report)
    return;

  g_clear_pointer (&self->report, desk_report_free);
  self->report = report;
  desk_drawing_set_height (DESK_DRAWING (self), report != NULL ? chart_height (self, report) : 0);

  if (report != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, report->chart_title != NULL ? report->chart_title : report->title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, report->chart_description != NULL ? report->chart_description : "",
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DeskReport *
desk_chart_get_report (DeskChart *self)
{
  g_return_val_if_fail (DESK_IS_CHART (self), NULL);

  return self->report;
}
