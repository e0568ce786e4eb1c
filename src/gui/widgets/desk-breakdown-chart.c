/* desk-breakdown-chart.c
 *
 * One bar per pillar, as tall as its attendances, stacked by gender. Each gender has its
 * own pattern as well as its own shade (solid, hatched, dotted, outlined), so the chart
 * reads in grey print and for people who do not tell the colours apart; a legend names
 * the patterns, and the accessible description says every number in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-breakdown-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-breakdown-chart.h"

#define BAR_AREA_HEIGHT 150
#define LABEL_GAP 6
#define LABEL_HEIGHT 34
#define LEGEND_HEIGHT 22
/* Room for the legend on two lines: the width is not known when measuring. */
#define HEIGHT (18 + BAR_AREA_HEIGHT + LABEL_GAP + LABEL_HEIGHT + 2 * LEGEND_HEIGHT)
#define NATURAL_WIDTH 420

struct _DeskBreakdownChart
{
  DeskDrawing parent_instance;

  GStrv pillar_labels;
  GStrv gender_labels;
  guint n_pillars;
  guint n_genders;
  gint64 *cells;          /* pillars × genders */
  char *description;
};

G_DEFINE_FINAL_TYPE (DeskBreakdownChart, desk_breakdown_chart, DESK_TYPE_DRAWING)

/* Helpers */

static void
gender_colour (guint    index,
               gboolean dark,
               GdkRGBA *rgba)
{
  /* Shades of the accent blue and a warm orange, distinct in lightness as well. */
  static const char *const light[] = { "#1c71d8", "#c64600", "#613583", "#77767b" };
  static const char *const darker[] = { "#78aeed", "#ffa348", "#c061cb", "#9a9996" };

  gdk_rgba_parse (rgba, (dark ? darker : light)[MIN (index, 3)]);
}

static void
fill_pattern (cairo_t       *cr,
              guint          index,
              const GdkRGBA *colour,
              double         x,
              double         y,
              double         w,
              double         h)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  gdk_cairo_set_source_rgba (cr, colour);

  switch (index)
    {
    case 0: /* solid */
      cairo_paint (cr);
      break;

    case 1: /* diagonal hatching */
      cairo_set_line_width (cr, 2.0);
      for (double d = -h; d < w + h; d += 6.0)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      break;

    case 2: /* dots */
      for (double j = y + 3; j < y + h; j += 6.0)
        for (double i = x + 3; i < x + w; i += 6.0)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, i, j, 1.5, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;

    default: /* outline only */
      break;
    }

  cairo_restore (cr);
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (w - 1, 0), MAX (h - 1, 0));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gint64
pillar_total (DeskBreakdownChart *self,
              guint               p)
{
  gint64 total = 0;

  for (guint g = 0; g < self->n_genders; g++)
    total += self->cells[p * self->n_genders + g];

  return total;
}

static void
append_text (GtkWidget     *widget,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         cx,
             double         y,
             double         max_width,
             const GdkRGBA *colour,
             gboolean       small,
             gboolean       centred,
             int            lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  /* Lines break between words only; a word wider than the room (the description has
   * it whole) puts the label on one line, cut with "…", rather than split in two. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_width (layout, 1);
  pango_layout_get_size (layout, &w, &h);
  if (w > max_width * PANGO_SCALE)
    lines = 1;
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (centred ? cx - max_width / 2 : cx, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

/* Overrides */

static void
desk_breakdown_chart_draw (DeskDrawing *drawing,
                           GtkSnapshot *snapshot,
                           int          width,
                           int          height,
                           gboolean     dark)
{
  DeskBreakdownChart *self = DESK_BREAKDOWN_CHART (drawing);
  GtkWidget *widget = GTK_WIDGET (drawing);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg;
  gint64 max = 0;
  double slot, bar_width, top = 18;
  cairo_t *cr;

  if (self->n_pillars == 0)
    return;

  gtk_style_context_get_color (context, &fg);

  for (guint p = 0; p < self->n_pillars; p++)
    max = MAX (max, pillar_total (self, p));

  slot = (double) width / self->n_pillars;
  bar_width = MIN (slot * 0.6, 56.0);

  /* Bars, with the count above each. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, top + BAR_AREA_HEIGHT));
  for (guint p = 0; p < self->n_pillars; p++)
    {
      double x = slot * p + (slot - bar_width) / 2;
      double y = top + BAR_AREA_HEIGHT;

      for (guint g = 0; max > 0 && g < self->n_genders; g++)
        {
          gint64 count = self->cells[p * self->n_genders + g];
          double h = (double) count / (double) max * (BAR_AREA_HEIGHT - 4);
          GdkRGBA colour;

          if (count == 0)
            continue;
          h = MAX (h, 2.0);
          y -= h;
          gender_colour (g, dark, &colour);
          fill_pattern (cr, g, &colour, x, y, bar_width, h);
        }
    }
  /* The base line. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, top + BAR_AREA_HEIGHT + 0.5);
  cairo_line_to (cr, width, top + BAR_AREA_HEIGHT + 0.5);
  cairo_stroke (cr);
  cairo_destroy (cr);

  for (guint p = 0; p < self->n_pillars; p++)
    {
      double cx = slot * p + slot / 2;
      gint64 total = pillar_total (self, p);
      double h = max > 0 ? (double) total / (double) max * (BAR_AREA_HEIGHT - 4) : 0;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, total);

      append_text (widget, snapshot, count, cx, top + BAR_AREA_HEIGHT - h - 17, slot, &fg, TRUE, TRUE, 1);
      append_text (widget, snapshot, self->pillar_labels[p], cx, top + BAR_AREA_HEIGHT + LABEL_GAP,
                   slot - 4, &fg, TRUE, TRUE, 2);
    }

  /* The legend: a swatch of each pattern and the gender it stands for, four to a line
   * when there is room, else two. */
  {
    double legend_y = top + BAR_AREA_HEIGHT + LABEL_GAP + LABEL_HEIGHT;
    guint per_line = width >= 440 ? 4 : 2;
    double item = (double) width / per_line;

    for (guint g = 0; g < self->n_genders; g++)
      {
        GdkRGBA colour;
        double x = item * (g % per_line);
        double y = legend_y + LEGEND_HEIGHT * (g / per_line);

        gender_colour (g, dark, &colour);
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, 18, 16));
        fill_pattern (cr, g, &colour, x + 2, y + 2, 14, 12);
        cairo_destroy (cr);
        append_text (widget, snapshot, self->gender_labels[g], x + 22, y, item - 26, &fg, TRUE, FALSE, 1);
      }
  }
}

static void
desk_breakdown_chart_finalize (GObject *object)
{
  DeskBreakdownChart *self = (DeskBreakdownChart *) object;

  g_strfreev (self->pillar_labels);
  g_strfreev (self->gender_labels);
  g_free (self->cells);
  g_free (self->description);

  G_OBJECT_CLASS (desk_breakdown_chart_parent_class)->finalize (object);
}

static void
desk_breakdown_chart_class_init (DeskBreakdownChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskDrawingClass *drawing_class = DESK_DRAWING_CLASS (klass);

  object_class->finalize = desk_breakdown_chart_finalize;
  drawing_class->draw = desk_breakdown_chart_draw;
  desk_drawing_class_set_chart (drawing_class, NATURAL_WIDTH, HEIGHT);
}

static void
desk_breakdown_chart_init (DeskBreakdownChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance by pillar and gender"),
                                  -1);
}

/* Public API */

GtkWidget *
desk_breakdown_chart_new (void)
{
  return g_object_new (DESK_TYPE_BREAKDOWN_CHART, NULL);
}

void
desk_breakdown_chart_set_breakdown (DeskBreakdownChart      *self,
                                    DeskStore               *store,
                                    DeskAttendanceBreakdown *breakdown)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (DESK_IS_BREAKDOWN_CHART (self));

  g_clear_pointer (&self->pillar_labels, g_strfreev);
  g_clear_pointer (&self->gender_labels, g_strfreev);
  g_clear_pointer (&self->cells, g_free);
  self->n_pillars = self->n_genders = 0;

  if (breakdown != NULL && store != NULL)
    {
      GStrvBuilder *pillars = g_strv_builder_new ();
      GStrvBuilder *genders = g_strv_builder_new ();

      self->n_pillars = g_strv_length (breakdown->pillars);
      self->n_genders = g_strv_length (breakdown->genders);
      self->cells = g_memdup2 (breakdown->cells, sizeof (gint64) * self->n_pillars * self->n_genders);

      for (guint p = 0; p < self->n_pillars; p++)
        {
          const char *code = breakdown->pillars[p];
          g_autofree char *label = NULL;

          if (g_str_equal (code, DESK_ATTENDANCE_PILLAR_NOT_STATED))
            label = g_strdup (C_("pillar", "Not stated"));
          else
            label = desk_reference_table_label (store, "pillars", code);
          g_strv_builder_add (pillars, label);
        }
      for (guint g = 0; g < self->n_genders; g++)
        {
          g_autofree char *label = desk_reference_table_label (store, "genders", breakdown->genders[g]);

          g_strv_builder_add (genders, label);
        }
      self->pillar_labels = g_strv_builder_end (pillars);
      self->gender_labels = g_strv_builder_end (genders);
      g_strv_builder_unref (pillars);
      g_strv_builder_unref (genders);

      /* Every bar in words: "Government: 12 (Woman 5, Man 7)." */
      for (guint p = 0; p < self->n_pillars; p++)
        {
          g_autoptr(GString) parts = g_string_new (NULL);

          for (guint g = 0; g < self->n_genders; g++)
            {
              gint64 count = self->cells[p * self->n_genders + g];

              if (count == 0)
                continue;
              if (parts->len > 0)
                g_string_append (parts, C_("list separator", ", "));
              /* Translators: a gender and how many attendances: “Woman 5”. */
              g_string_append_printf (parts, C_("chart", "%s %lld"),
                                      self->gender_labels[g], (long long) count);
            }
          if (description->len > 0)
            g_string_append_c (description, ' ');
          /* Translators: one bar of the attendance chart: “Government: 12 (Woman 5, Man 7).” */
          g_string_append_printf (description, _("%s: %lld (%s)."),
                                  self->pillar_labels[p], (long long) pillar_total (self, p),
                                  parts->len > 0 ? parts->str : _("none"));
        }
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&description), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
desk_breakdown_chart_get_description (DeskBreakdownChart *self)
{
  g_return_val_if_fail (DESK_IS_BREAKDOWN_CHART (self), NULL);

  return self->description;
}
