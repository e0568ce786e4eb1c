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

#include "desk-report-render.h"

#define MIN_HEIGHT 260
#define MIN_WIDTH 240
#define NATURAL_WIDTH 640

struct _DeskChart
{
  GtkWidget parent_instance;

  DeskReport *report;
};

G_DEFINE_FINAL_TYPE (DeskChart, desk_chart, GTK_TYPE_WIDGET)

static void
desk_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  DeskChart *self = DESK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cairo_t *cr;

  if (self->report == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  desk_report_draw_chart (self->report, cr, 0, 0, width, height, dark);
  cairo_destroy (cr);
}

static void
desk_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  desk_chart_measure_size (orientation, NATURAL_WIDTH, MIN_HEIGHT, minimum, natural);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = desk_chart_finalize;
  widget_class->snapshot = desk_chart_snapshot;
  widget_class->measure = desk_chart_measure;

  desk_chart_class_setup (widget_class);
}

static void
desk_chart_init (DeskChart *self)
{
  desk_chart_follow_style (GTK_WIDGET (self));
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

void
desk_chart_class_setup (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

void
desk_chart_follow_style (GtkWidget *chart)
{
  g_return_if_fail (GTK_IS_WIDGET (chart));

  /* Disconnected when the chart is finalized. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), chart, G_CONNECT_SWAPPED);
}

void
desk_chart_measure_size (GtkOrientation  orientation,
                         int             natural_width,
                         int             height,
                         int            *minimum,
                         int            *natural)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = MAX (natural_width, MIN_WIDTH);
    }
  else
    *minimum = *natural = height;
}
