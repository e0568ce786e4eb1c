/* desk-cells.c
 *
 * GTK 4.8's list views keep up to 200 rows alive and make the rows of every item that
 * comes into view, so a search that changes the list builds hundreds of cells at once:
 * cells are GtkInscriptions, which skip the measuring a GtkLabel does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-cells"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-cells.h"

#include <string.h>

/* Helpers */

/* How many characters wide the longest date desk_date_format() writes is (the 28th of
 * the month with the longest name), a wide character such as 年 counting two. The
 * inscription turns characters into pixels with the font it is drawn in. The formats
 * are fixed once the program has started: counted once. */
static int
date_width_chars (void)
{
  static int widest;

  if (widest > 0)
    return widest;

  for (int month = 1; month <= 12; month++)
    {
      g_autofree char *iso = g_strdup_printf ("2000-%02d-28", month);
      g_autofree char *text = desk_date_format (iso);
      int chars = 0;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        chars += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      widest = MAX (widest, chars);
    }

  return widest;
}

static char *
dup_ref_text (DeskStore       *store,
              const DeskField *field,
              const char      *uuid,
              char           **tooltip)
{
  const DeskKind *kind = desk_kind_lookup (field->ref);
  g_autoptr(DeskRecord) target = NULL;
  g_autofree char *label = NULL;
  const char *code = NULL;

  if (store == NULL || kind == NULL)
    return g_strdup (uuid);

  target = desk_store_get (store, kind, uuid, NULL);
  if (target == NULL)
    return NULL;

  label = desk_record_dup_label (target);
  if (desk_kind_get_field (kind, "code") != NULL)
    code = desk_record_get_string (target, "code");

  if (code != NULL && code[0] != '\0')
    {
      if (tooltip != NULL)
        *tooltip = g_strdup (desk_record_title (target, "title", NULL));
      return g_strdup (code);
    }

  if (tooltip != NULL)
    *tooltip = g_strdup (label);
  return g_steal_pointer (&label);
}

static char *
dup_set_text (DeskStore       *store,
              DeskRecord      *record,
              const DeskField *field)
{
  const char *const *values = desk_record_get_set (record, field->name);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *label = NULL;

      if (field->type == DESK_FIELD_REF_SET)
        label = dup_ref_text (store, field, values[i], NULL);
      else if (store != NULL)
        label = desk_reference_label (store, desk_record_get_kind (record), field->name, values[i]);
      if (i > 0)
        /* Translators: between the items of a list in one cell. */
        g_string_append (text, _(", "));
      g_string_append (text, label != NULL ? label : values[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GQuark
tooltip_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("desk-cell-tooltip");

  return quark;
}

static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (cell), tooltip_quark ());

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Cells */

GtkWidget *
desk_cell_label_new (gpointer user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 12);

  return inscription;
}

void
desk_cell_set_text (GtkWidget  *cell,
                    const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

void
desk_cell_set_flag (GtkWidget  *cell,
                    gboolean    on,
                    const char *on_text,
                    const char *off_text)
{
  desk_cell_set_text (cell, on ? on_text : off_text);
  if (on)
    gtk_widget_remove_css_class (cell, "dim-label");
  else
    gtk_widget_add_css_class (cell, "dim-label");
}

void
desk_cell_set_tooltip (GtkWidget  *cell,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  /* gtk_widget_set_tooltip_text() asks the display where the pointer is (a round trip to
   * the X server) each time it changes, and a cell changes on every keystroke: the text
   * is kept here and handed over only when a tooltip is asked for. */
  if (!gtk_widget_get_has_tooltip (cell) && text != NULL)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
    }
  g_object_set_qdata_full (G_OBJECT (cell), tooltip_quark (), g_strdup (text), g_free);
}

const char *
desk_cell_get_tooltip (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  return g_object_get_qdata (G_OBJECT (cell), tooltip_quark ());
}

GtkWidget *
desk_cell_figure_new (int min_chars)
{
  GtkWidget *cell = desk_cell_label_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), min_chars + 1);
  gtk_widget_add_css_class (cell, "numeric");

  return cell;
}

GtkWidget *
desk_cell_date_new (void)
{
  GtkWidget *cell = desk_cell_label_new (NULL);

  gtk_widget_add_css_class (cell, "numeric");
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), date_width_chars () + 1);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), date_width_chars () + 1);

  return cell;
}

GtkWidget *
desk_cell_title_new (gpointer user_data)
{
  GtkWidget *cell = desk_cell_label_new (NULL);

  /* One inscription, the hint in it: a box with a label beside it was three widgets a
   * row to make, measure and lay out on every keystroke. */
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 14);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 40);

  return cell;
}

void
desk_cell_title_set (GtkWidget  *cell,
                     const char *text,
                     const char *hint)
{
  GtkInscription *inscription = GTK_INSCRIPTION (cell);

  if (hint == NULL)
    {
      gtk_inscription_set_attributes (inscription, NULL);
      gtk_inscription_set_text (inscription, text);
      desk_cell_set_tooltip (cell, NULL);
      return;
    }

  {
    g_autofree char *markup = g_markup_printf_escaped ("%s  <span size=\"small\" alpha=\"55%%\">%s</span>",
                                                       text != NULL ? text : "", hint);
    g_autofree char *tooltip = g_strdup_printf ("%s\n%s", text != NULL ? text : "", hint);

    gtk_inscription_set_markup (inscription, markup);
    /* A long title hides the hint at its end: the tooltip keeps both. */
    desk_cell_set_tooltip (cell, tooltip);
  }
}

void
desk_cell_header_align_end (GtkColumnViewColumn *column)
{
  GtkColumnView *view = gtk_column_view_column_get_column_view (column);
  GListModel *columns;
  GtkWidget *header;
  GtkWidget *title;
  guint n;

  g_return_if_fail (view != NULL);

  /* GTK 4.8 has no call for it: the header row is the column view's first child, and
   * holds one title a column, in the columns' order. */
  columns = gtk_column_view_get_columns (view);
  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
  n = g_list_model_get_n_items (columns);
  for (guint i = 0; i < n && title != NULL; i++, title = gtk_widget_get_next_sibling (title))
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (c == column && gtk_widget_get_first_child (title) != NULL)
        {
          gtk_widget_set_halign (gtk_widget_get_first_child (title), GTK_ALIGN_END);
          return;
        }
    }
}

char *
desk_cell_dup_field_text (DeskStore        *store,
                          DeskRecord       *record,
                          const DeskField  *field,
                          char            **tooltip)
{
  const char *value;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (tooltip != NULL)
    *tooltip = NULL;

  if (desk_field_type_is_set (field->type))
    return dup_set_text (store, record, field);

  if (!desk_record_is_set (record, field->name))
    return NULL;

  value = desk_field_type_is_text (field->type) ? desk_record_get_string (record, field->name) : NULL;

  switch (field->type)
    {
    case DESK_FIELD_DATE:
      /* The cell shows the whole date, the one format: no longer text to reveal. */
      return desk_date_format (value);

    case DESK_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_get_int (record, field->name));

    case DESK_FIELD_MILLI:
      return desk_milli_format (desk_record_get_int (record, field->name));

    case DESK_FIELD_BOOL:
      return g_strdup (desk_record_get_int (record, field->name) != 0 ? _("Yes") : _("No"));

    case DESK_FIELD_MONEY:
      {
        const char *currency = field->ref != NULL ? desk_record_get_string (record, field->ref) : NULL;
        int units = currency != NULL && store != NULL ? desk_currency_minor_units (store, currency) : -1;
        gint64 minor = desk_record_get_int (record, field->name);

        if (units < 0)
          units = 2;
        if (currency == NULL)
          return desk_money_format_amount (minor, units);
        return desk_money_format (minor, currency, units);
      }

    case DESK_FIELD_CODE:
      if (store == NULL)
        return g_strdup (value);
      return desk_reference_label (store, desk_record_get_kind (record), field->name, value);

    case DESK_FIELD_CHOICE:
      /* A choice's label is in the program, not the data: no store needed. */
      return desk_reference_label (store, desk_record_get_kind (record), field->name, value);

    case DESK_FIELD_REF:
      return dup_ref_text (store, field, value, tooltip);

    case DESK_FIELD_TEXT:
      if (tooltip != NULL)
        *tooltip = g_strdup (value);
      return g_strdup (value);

    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
    default:
      return g_strdup (value);
    }
}

/* Sort orders */

int
desk_record_compare_field (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  DeskRecord *ra = (DeskRecord *) a;
  DeskRecord *rb = (DeskRecord *) b;
  const char *field = user_data;
  const DeskField *f = desk_kind_get_field (desk_record_get_kind (ra), field);
  gboolean set_a = desk_record_is_set (ra, field);
  gboolean set_b = desk_record_is_set (rb, field);

  /* Empty values after the others. */
  if (set_a != set_b)
    return set_a ? -1 : 1;

  if (f != NULL && (f->type == DESK_FIELD_INT || f->type == DESK_FIELD_MILLI ||
                    f->type == DESK_FIELD_MONEY || f->type == DESK_FIELD_BOOL))
    {
      gint64 x = desk_record_get_int (ra, field);
      gint64 y = desk_record_get_int (rb, field);

      return x < y ? -1 : x > y ? 1 : 0;
    }

  /* Codes such as A2 and A10 in the order people count them. */
  if (g_str_equal (field, "code"))
    {
      const char *x = desk_record_get_string (ra, field);
      const char *y = desk_record_get_string (rb, field);
      size_t lx = strlen (x), ly = strlen (y);

      if (lx != ly)
        return lx < ly ? -1 : 1;
      return strcmp (x, y);
    }

  return g_strcmp0 (desk_record_get_string (ra, field), desk_record_get_string (rb, field));
}

int
desk_record_compare_narrative (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  const char *base = user_data;
  const char *language = desk_locale_language ();

  return g_utf8_collate (desk_record_get_narrative ((DeskRecord *) a, base, language, NULL) ?: "",
                         desk_record_get_narrative ((DeskRecord *) b, base, language, NULL) ?: "");
}

/* Filters and pills */

GtkWidget *
desk_filter_dropdown_new (const char *all_label,
                          GPtrArray  *choices)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dropdown;

  gtk_string_list_append (strings, all_label);
  g_ptr_array_add (codes, NULL);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (strings, choice->label);
      g_ptr_array_add (codes, g_strdup (choice->code));
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  g_object_set_data_full (G_OBJECT (dropdown), "desk-codes", codes,
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_tooltip_text (dropdown, all_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, all_label, -1);

  return dropdown;
}

const char *
desk_filter_dropdown_get_code (GtkWidget *dropdown)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), "desk-codes");
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (codes == NULL || selected >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, selected);
}

void
desk_filter_dropdown_set_code (GtkWidget  *dropdown,
                               const char *code)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), "desk-codes");

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
}

GtkWidget *
desk_cell_pill_new (const char *text,
                    const char *css_class)
{
  GtkWidget *cell = gtk_inscription_new (text);
  int chars = 0;

  /* An inscription counts in average characters; an ideograph is two of them ("最新"
   * was cut to "最"). */
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    chars += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  /* As wide as its text, so that the rounded background hugs it. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), chars);
  gtk_widget_add_css_class (cell, "desk-pill");
  gtk_widget_add_css_class (cell, "desk-cell-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
  gtk_widget_set_halign (cell, GTK_ALIGN_START);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);

  return cell;
}

GtkWidget *
desk_pill_new (const char *icon_name,
               const char *text,
               const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "desk-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), label);

  return box;
}
