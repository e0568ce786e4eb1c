/* desk-pillars-cell.c
 *
 * A list of two thousand activities rebinds up to two hundred rows each time a search
 * changes what is shown; a box of pill widgets per row made every keystroke slow. This
 * draws the same pills — an abbreviation on a tinted rounded background — in one
 * widget's snapshot, so binding only sets a few bits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-pillars-cell"

#include "config.h"

#include "desk-pillars-cell.h"
#include "desk-list-access.h"

#include <glib/gi18n.h>

#define N_PILLARS 5
#define PAD_X 6
#define PAD_Y 2
#define GAP 4

struct _DeskPillarsCell
{
  DeskDrawing parent_instance;

  guint mask;                        /* bit i: pillar i of `codes` */
  GHashTable *names;                 /* borrowed from the page, for the tooltip */
  PangoLayout *layouts[N_PILLARS];
  PangoFontDescription *font;        /* what the layouts were made with */
  int width, height;                 /* measured once a font, or -1 */
};

G_DEFINE_FINAL_TYPE (DeskPillarsCell, desk_pillars_cell, DESK_TYPE_DRAWING)

/* The order of pillars.tsv. */
static const char *const codes[N_PILLARS] = { "government", "company", "civil_society", "observer", "other" };

/* Adwaita's palette: text in the darker shade, background a light tint of it. */
static const GdkRGBA fg_light[N_PILLARS] = {
  { 0.110, 0.443, 0.847, 1 }, { 0.776, 0.275, 0.000, 1 }, { 0.149, 0.635, 0.412, 1 },
  { 0.569, 0.255, 0.675, 1 }, { 0.569, 0.255, 0.675, 1 },
};
static const GdkRGBA fg_dark[N_PILLARS] = {
  { 0.600, 0.757, 0.945, 1 }, { 1.000, 0.639, 0.282, 1 }, { 0.561, 0.941, 0.643, 1 },
  { 0.863, 0.541, 0.867, 1 }, { 0.863, 0.541, 0.867, 1 },
};

static const char *
abbreviation (guint i)
{
  switch (i)
    {
    case 0:
      return C_("pillar abbreviation", "Gov");
    case 1:
      return C_("pillar abbreviation", "Co");
    case 2:
      return C_("pillar abbreviation", "CSO");
    case 3:
      return C_("pillar abbreviation", "Obs");
    default:
      return C_("pillar abbreviation", "Oth");
    }
}

static PangoLayout *
layout_for (DeskPillarsCell *self,
            guint            i)
{
  if (self->layouts[i] == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->layouts[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), abbreviation (i));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (self->layouts[i], attrs);
      pango_attr_list_unref (attrs);
    }

  return self->layouts[i];
}

static void
desk_pillars_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  DeskPillarsCell *self = DESK_PILLARS_CELL (widget);

  /* The same for every row and every measure until the font changes: laid out once. */
  if (self->width < 0)
    {
      self->width = self->height = 0;
      for (guint i = 0; i < N_PILLARS; i++)
        {
          int w, h;

          /* Room for every pill, so that rows do not change width as they are rebound. */
          pango_layout_get_pixel_size (layout_for (self, i), &w, &h);
          self->width += w + 2 * PAD_X + (i > 0 ? GAP : 0);
          self->height = MAX (self->height, h + 2 * PAD_Y);
        }
    }

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
}

static void
desk_pillars_cell_draw (DeskDrawing *drawing,
                        GtkSnapshot *snapshot,
                        int          width,
                        int          height,
                        gboolean     dark)
{
  DeskPillarsCell *self = DESK_PILLARS_CELL (drawing);
  float x = 0;

  for (guint i = 0; i < N_PILLARS; i++)
    {
      PangoLayout *layout;
      GdkRGBA fg, bg;
      GskRoundedRect pill;
      int w, h;
      float pill_w, pill_h, y;

      if ((self->mask & (1u << i)) == 0)
        continue;

      layout = layout_for (self, i);
      pango_layout_get_pixel_size (layout, &w, &h);
      pill_w = w + 2 * PAD_X;
      pill_h = h + 2 * PAD_Y;
      y = (height - pill_h) / 2;
      fg = dark ? fg_dark[i] : fg_light[i];
      bg = fg;
      bg.alpha = 0.16f;

      gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (x, y, pill_w, pill_h), pill_h / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &bg, &pill.bounds);
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + PAD_X, y + PAD_Y));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);

      x += pill_w + GAP;
    }
}

static char *
names_text (DeskPillarsCell *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < N_PILLARS; i++)
    {
      const char *name;

      if ((self->mask & (1u << i)) == 0)
        continue;
      name = self->names != NULL ? g_hash_table_lookup (self->names, codes[i]) : NULL;
      if (s->len > 0)
        g_string_append (s, _(", "));
      g_string_append (s, name != NULL ? name : codes[i]);
    }

  return g_string_free (s, FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  DeskPillarsCell *self = DESK_PILLARS_CELL (widget);
  g_autofree char *text = NULL;

  if (self->mask == 0)
    return FALSE;

  text = names_text (self);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
desk_pillars_cell_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  DeskPillarsCell *self = DESK_PILLARS_CELL (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (desk_pillars_cell_parent_class)->css_changed (widget, change);

  /* Rows change style as they are selected, hovered and rebound: only a new font means
   * new layouts and a new size. Queuing a resize on every change made each row be
   * measured again. */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  for (guint i = 0; i < N_PILLARS; i++)
    g_clear_object (&self->layouts[i]);
  self->width = self->height = -1;
  gtk_widget_queue_resize (widget);
}

static void
desk_pillars_cell_finalize (GObject *object)
{
  DeskPillarsCell *self = DESK_PILLARS_CELL (object);

  for (guint i = 0; i < N_PILLARS; i++)
    g_clear_object (&self->layouts[i]);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (desk_pillars_cell_parent_class)->finalize (object);
}

static void
desk_pillars_cell_class_init (DeskPillarsCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskDrawingClass *drawing_class = DESK_DRAWING_CLASS (klass);

  object_class->finalize = desk_pillars_cell_finalize;
  widget_class->measure = desk_pillars_cell_measure;
  widget_class->css_changed = desk_pillars_cell_css_changed;
  drawing_class->draw = desk_pillars_cell_draw;
}

static void
desk_pillars_cell_init (DeskPillarsCell *self)
{
  self->width = self->height = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
desk_pillars_cell_new (void)
{
  return g_object_new (DESK_TYPE_PILLARS_CELL, NULL);
}

void
desk_pillars_cell_set (DeskPillarsCell    *self,
                       const char *const  *pillars,
                       GHashTable         *names)
{
  guint mask = 0;

  g_return_if_fail (DESK_IS_PILLARS_CELL (self));

  for (guint p = 0; pillars != NULL && pillars[p] != NULL; p++)
    for (guint i = 0; i < N_PILLARS; i++)
      if (g_str_equal (pillars[p], codes[i]))
        mask |= 1u << i;

  self->names = names;
  if (mask == self->mask)
    return;

  self->mask = mask;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Screen readers hear the names; only when they change, as rows are rebound often. */
  {
    g_autofree char *text = names_text (self);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    /* And its row's name, and its description with the column's title. */
    desk_list_cell_set_spoken (GTK_WIDGET (self), text);
  }
}
