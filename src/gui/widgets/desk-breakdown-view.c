/* desk-breakdown-view.c
 *
 * The figures a gender analysis asks for — attendances, distinct people, the share of
 * women, repeat attendance — then the pillar × gender table and its chart. Counts only:
 * never a name. Everything comes from one desk_attendance_breakdown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-breakdown-view"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-breakdown-view.h"

#include "desk-breakdown-chart.h"
#include "desk-widget-util.h"

struct _DeskBreakdownView
{
  GtkBox parent_instance;

  gboolean compact;
  DeskAttendanceBreakdown *breakdown;
  GtkBox *figures;
  GHashTable *figure_labels;   /* name → GtkLabel (value) */
  GtkGrid *table;
  GHashTable *cell_labels;     /* "pillar|gender" → GtkLabel */
  GtkWidget *chart;
  GtkWidget *empty_label;
  GtkWidget *definition_label;
};

G_DEFINE_FINAL_TYPE (DeskBreakdownView, desk_breakdown_view, GTK_TYPE_BOX)


/* Helpers */

static GtkWidget *
figure_new (DeskBreakdownView *self,
            const char        *name,
            const char        *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new ("0");
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (value, self->compact ? "title-3" : "title-2");
  gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, caption);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  g_hash_table_insert (self->figure_labels, (gpointer) name, value);

  return box;
}

static GtkWidget *
cell_new (const char *text,
          gboolean    heading,
          gboolean    numeric)
{
  GtkWidget *label = desk_grid_label_new (text, numeric, heading ? "heading" : NULL);

  /* The numbers' columns share the width, and give way before the pillars' names. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, numeric);

  return label;
}

static void
set_figure (DeskBreakdownView *self,
            const char        *name,
            const char        *text)
{
  gtk_label_set_label (g_hash_table_lookup (self->figure_labels, name), text);
}

static void
rebuild_table (DeskBreakdownView *self,
               DeskStore         *store)
{
  DeskAttendanceBreakdown *b = self->breakdown;
  guint n_pillars = g_strv_length (b->pillars);
  guint n_genders = g_strv_length (b->genders);

  desk_widget_remove_children (GTK_WIDGET (self->table));
  g_hash_table_remove_all (self->cell_labels);

  gtk_grid_attach (self->table, cell_new (C_("breakdown", "Pillar"), TRUE, FALSE), 0, 0, 1, 1);
  for (guint g = 0; g < n_genders; g++)
    {
      g_autofree char *label = desk_reference_table_label (store, "genders", b->genders[g]);

      gtk_grid_attach (self->table, cell_new (label, TRUE, TRUE), (int) g + 1, 0, 1, 1);
    }
  gtk_grid_attach (self->table, cell_new (C_("breakdown", "Total"), TRUE, TRUE), (int) n_genders + 1, 0, 1, 1);

  for (guint p = 0; p <= n_pillars; p++)
    {
      const char *pillar = p < n_pillars ? b->pillars[p] : NULL;
      g_autofree char *label = NULL;
      GtkWidget *cell;

      if (pillar == NULL)
        label = g_strdup (C_("breakdown", "Total"));
      else if (g_str_equal (pillar, DESK_ATTENDANCE_PILLAR_NOT_STATED))
        label = g_strdup (C_("pillar", "Not stated"));
      else
        label = desk_reference_table_label (store, "pillars", pillar);
      cell = cell_new (label, pillar == NULL, FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_NONE);
      gtk_grid_attach (self->table, cell, 0, (int) p + 1, 1, 1);

      for (guint g = 0; g <= n_genders; g++)
        {
          const char *gender = g < n_genders ? b->genders[g] : NULL;
          gint64 count;
          g_autofree char *text = NULL;

          if (pillar != NULL && gender != NULL)
            count = desk_attendance_breakdown_get (b, pillar, gender);
          else if (pillar != NULL)
            count = desk_attendance_breakdown_pillar_total (b, pillar);
          else if (gender != NULL)
            count = desk_attendance_breakdown_gender_total (b, gender);
          else
            count = b->attendances;

          text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
          cell = cell_new (text, pillar == NULL || gender == NULL, TRUE);
          if (count == 0)
            gtk_widget_add_css_class (cell, "dim-label");
          gtk_grid_attach (self->table, cell, (int) g + 1, (int) p + 1, 1, 1);
          g_hash_table_insert (self->cell_labels,
                               g_strdup_printf ("%s|%s", pillar != NULL ? pillar : "",
                                                gender != NULL ? gender : ""),
                               cell);
        }
    }
}

/* Overrides */

static void
desk_breakdown_view_finalize (GObject *object)
{
  DeskBreakdownView *self = (DeskBreakdownView *) object;

  g_clear_pointer (&self->breakdown, desk_attendance_breakdown_free);
  g_clear_pointer (&self->figure_labels, g_hash_table_unref);
  g_clear_pointer (&self->cell_labels, g_hash_table_unref);

  G_OBJECT_CLASS (desk_breakdown_view_parent_class)->finalize (object);
}

static void
desk_breakdown_view_class_init (DeskBreakdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_breakdown_view_finalize;
}

static void
desk_breakdown_view_init (DeskBreakdownView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
  self->figure_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->cell_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

GtkWidget *
desk_breakdown_view_new (gboolean compact)
{
  DeskBreakdownView *self = g_object_new (DESK_TYPE_BREAKDOWN_VIEW, NULL);

  self->compact = compact;

  /* Two figures a line in the narrow detail pane, four in the wide view. */
  {
    GtkWidget *grid = gtk_grid_new ();
    const char *const captions[] = { N_("Attended"), N_("People reached"), N_("Share of women"),
                                     N_("Came more than once") };
    const char *const names[] = { "attended", "people", "women", "repeat" };
    int per_line = compact ? 2 : 4;

    gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
    gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
    gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
    for (int i = 0; i < 4; i++)
      gtk_grid_attach (GTK_GRID (grid), figure_new (self, names[i], _(captions[i])),
                       i % per_line, i / per_line, 1, 1);
    gtk_box_append (GTK_BOX (self), grid);
  }

  /* "Came more than once" could be read as "came to a workshop again in this quarter" or
   * "came twice to one workshop": core's definition says which, under the figures. */
  self->definition_label = gtk_label_new (desk_attendance_repeat_people_definition ());
  gtk_widget_add_css_class (self->definition_label, "caption");
  gtk_widget_add_css_class (self->definition_label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (self->definition_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->definition_label), 0.0f);
  gtk_box_append (GTK_BOX (self), self->definition_label);

  self->empty_label = gtk_label_new (_("Nobody has been marked as attended yet."));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0.0f);
  gtk_box_append (GTK_BOX (self), self->empty_label);

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 12);
  gtk_grid_set_row_spacing (self->table, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "desk-breakdown-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance by pillar and gender"),
                                  -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->table));

  self->chart = desk_breakdown_chart_new ();
  gtk_box_append (GTK_BOX (self), self->chart);

  return GTK_WIDGET (self);
}

gboolean
desk_breakdown_view_update (DeskBreakdownView *self,
                            DeskStore         *store,
                            const char        *group_uuid,
                            const char        *workshop_uuid,
                            const char        *from,
                            const char        *to,
                            GError           **error)
{
  DeskAttendanceBreakdown *b;
  g_autofree char *share = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DESK_IS_BREAKDOWN_VIEW (self), FALSE);

  b = desk_attendance_breakdown (store, group_uuid, workshop_uuid, from, to, error);
  if (b == NULL)
    return FALSE;

  g_clear_pointer (&self->breakdown, desk_attendance_breakdown_free);
  self->breakdown = b;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, b->attendances);
  set_figure (self, "attended", text);
  g_free (text);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, b->people);
  set_figure (self, "people", text);
  g_free (text);
  share = desk_share_format_percent (b->women_attendances, b->attendances);
  /* Translators: a percentage: “37.5%”. */
  text = share[0] != '\0' ? g_strdup_printf (_("%s%%"), share) : g_strdup (C_("share", "—"));
  set_figure (self, "women", text);
  g_free (text);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, b->repeat_people);
  set_figure (self, "repeat", text);

  rebuild_table (self, store);
  desk_breakdown_chart_set_breakdown (DESK_BREAKDOWN_CHART (self->chart), store, b);
  gtk_widget_set_visible (self->empty_label, b->attendances == 0);
  gtk_widget_set_visible (self->definition_label, b->attendances > 0);
  gtk_widget_set_visible (self->chart, b->attendances > 0);

  return TRUE;
}

DeskAttendanceBreakdown *
desk_breakdown_view_get_breakdown (DeskBreakdownView *self)
{
  g_return_val_if_fail (DESK_IS_BREAKDOWN_VIEW (self), NULL);

  return self->breakdown;
}

const char *
desk_breakdown_view_get_cell_text (DeskBreakdownView *self,
                                   const char        *pillar,
                                   const char        *gender)
{
  g_autofree char *key = NULL;
  GtkLabel *label;

  g_return_val_if_fail (DESK_IS_BREAKDOWN_VIEW (self), NULL);

  key = g_strdup_printf ("%s|%s", pillar != NULL ? pillar : "", gender != NULL ? gender : "");
  label = g_hash_table_lookup (self->cell_labels, key);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

const char *
desk_breakdown_view_get_figure (DeskBreakdownView *self,
                                const char        *name)
{
  GtkLabel *label;

  g_return_val_if_fail (DESK_IS_BREAKDOWN_VIEW (self), NULL);

  label = g_hash_table_lookup (self->figure_labels, name);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

GtkWidget *
desk_breakdown_view_get_chart (DeskBreakdownView *self)
{
  g_return_val_if_fail (DESK_IS_BREAKDOWN_VIEW (self), NULL);

  return self->chart;
}
