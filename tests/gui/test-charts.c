/* test-charts.c — the charts' widgets: DeskChart (a report's chart, drawn by the
 * report renderer), the attendance breakdown chart, and the DeskDrawing base they share
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory. Nothing but TAP on
 * stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-breakdown-chart.h"
#include "desk-chart.h"
#include "desk-drawing.h"
#include "desk-pillars-cell.h"

#include <locale.h>

#include "test-window-common.h"

static DeskStore *
new_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *uuid = NULL;

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  return g_steal_pointer (&store);
}

/* The accessible description, read through GtkAccessible's test API. */
static void
test_chart_description (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  g_autoptr(GError) error = NULL;
  DeskReport *report = desk_report_compute (store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  GtkWidget *chart = g_object_ref_sink (desk_chart_new ());
  g_autofree char *description = NULL;

  g_assert_no_error (error);
  description = g_strdup (report->chart_description);
  desk_chart_set_report (DESK_CHART (chart), report);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_finalize_object (chart);
}

/* A chart whose bars lie (the budget's long categories) asks for a row per category,
 * taller than the class's 260 pixels; upright bars keep 260, and no report goes back to
 * it. */
static void
test_chart_height (void)
{
  g_autoptr(DeskStore) store = new_store_at (":memory:");
  g_autoptr(GError) error = NULL;
  DeskReport *budget = desk_report_compute (store, DESK_REPORT_BUDGET, NULL, NULL, NULL, &error);
  DeskReport *workplan = NULL;
  GtkWidget *chart = g_object_ref_sink (desk_chart_new ());
  int minimum, natural;

  g_assert_no_error (error);
  g_assert_cmpuint (budget->chart_labels->len, >, 6);
  desk_chart_set_report (DESK_CHART (chart), budget);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >, 260);
  g_assert_cmpint (minimum, <=, 420);

  workplan = desk_report_compute (store, DESK_REPORT_WORKPLAN, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  desk_chart_set_report (DESK_CHART (chart), workplan);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 260);
  g_assert_finalize_object (chart);
}

/* A drawing that only records how it was asked to draw. */
#define TEST_TYPE_DRAWING (test_drawing_get_type ())
G_DECLARE_FINAL_TYPE (TestDrawing, test_drawing, TEST, DRAWING, DeskDrawing)

struct _TestDrawing
{
  DeskDrawing parent_instance;

  guint draws;
  int width;
  int height;
  gboolean dark;
};

G_DEFINE_FINAL_TYPE (TestDrawing, test_drawing, DESK_TYPE_DRAWING)

static void
test_drawing_draw (DeskDrawing *drawing,
                   GtkSnapshot *snapshot,
                   int          width,
                   int          height,
                   gboolean     dark)
{
  TestDrawing *self = TEST_DRAWING (drawing);

  self->draws++;
  self->width = width;
  self->height = height;
  self->dark = dark;
}

static void
test_drawing_class_init (TestDrawingClass *klass)
{
  DESK_DRAWING_CLASS (klass)->draw = test_drawing_draw;
  desk_drawing_class_set_chart (DESK_DRAWING_CLASS (klass), 300, 120);
}

static void
test_drawing_init (TestDrawing *self)
{
}

static void
assert_measure (GtkWidget *widget,
                int        min_width,
                int        natural_width,
                int        height)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, min_width);
  g_assert_cmpint (natural, ==, natural_width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, height);
  g_assert_cmpint (natural, ==, height);
}

/* Draws the widget as GTK would for a frame. */
static void
snapshot_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
}

/* The charts and the pillar pills share one base: an image to screen readers, a chart's
 * size (240 pixels wide at least), drawing only at a size that shows something, in the
 * style's colours, and again when the style turns dark. */
static void
test_drawing_base (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *chart = g_object_ref_sink (desk_chart_new ());
  GtkWidget *breakdown = g_object_ref_sink (desk_breakdown_chart_new ());
  GtkWidget *pillars = g_object_ref_sink (desk_pillars_cell_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *drawing = g_object_new (TEST_TYPE_DRAWING, NULL);
  TestDrawing *test = TEST_DRAWING (drawing);
  guint draws;

  assert_measure (chart, 240, 640, 260);
  assert_measure (breakdown, 240, 420, 18 + 150 + 6 + 34 + 2 * 22);
  assert_measure (drawing, 240, 300, 120);
  g_assert_cmpstr (gtk_widget_get_css_name (chart), ==, "chart");
  g_assert_cmpstr (gtk_widget_get_css_name (breakdown), ==, "chart");
  g_assert_cmpstr (gtk_widget_get_css_name (pillars), !=, "chart");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (pillars)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (drawing)), ==, GTK_ACCESSIBLE_ROLE_IMG);

  /* Not allocated yet: nothing to draw. */
  snapshot_widget (drawing);
  g_assert_cmpuint (test->draws, ==, 0);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_child (GTK_WINDOW (window), drawing);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 200);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200 && test->draws == 0; i++)
    wait_a_moment (10);
  g_assert_cmpuint (test->draws, >, 0);
  g_assert_cmpint (test->width, ==, gtk_widget_get_width (drawing));
  g_assert_cmpint (test->height, ==, gtk_widget_get_height (drawing));
  g_assert_cmpint (test->width, >=, 240);
  g_assert_false (test->dark);

  draws = test->draws;
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  for (guint i = 0; i < 200 && test->draws == draws; i++)
    wait_a_moment (10);
  g_assert_cmpuint (test->draws, >, draws);
  g_assert_true (test->dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (chart);
  g_assert_finalize_object (breakdown);
  g_assert_finalize_object (pillars);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/charts/chart-description", test_chart_description);
  g_test_add_func ("/gui/charts/chart-height", test_chart_height);
  g_test_add_func ("/gui/charts/drawing-base", test_drawing_base);

  return g_test_run ();
}
