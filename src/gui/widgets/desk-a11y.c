/* desk-a11y.c — what a screen reader says of a widget, set one way everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-a11y.h"
#include "desk-list-access.h"

#include <adwaita.h>
#include <string.h>

void
desk_a11y_set_name (GtkWidget  *widget,
                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Kept for desk_a11y_get_name(), and so that desk_a11y_name_controls() leaves it. */
  g_object_set_data_full (G_OBJECT (widget), "desk-a11y-name",
                          name != NULL && *name != '\0' ? g_strdup (name) : NULL, g_free);

  /* The relation first: GTK says a label property and a labelled-by relation both. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (name == NULL || *name == '\0')
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

void
desk_a11y_set_description (GtkWidget  *widget,
                           const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (description == NULL || *description == '\0')
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

void
desk_a11y_set_labelled_by (GtkWidget *widget,
                           GtkWidget *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (label));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
}

char *
desk_a11y_strip_mnemonic (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          /* "__" is a literal underscore; a single one marks the mnemonic. */
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

void
desk_a11y_set_menu_button_name (GtkWidget  *menu_button,
                                const char *name)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  desk_a11y_set_name (menu_button, name);
  /* The toggle button GtkMenuButton makes for itself, its first child. */
  for (GtkWidget *child = gtk_widget_get_first_child (menu_button);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      desk_a11y_set_name (child, name);
}

/* One pass that names a tree's controls */

/* On a widget the pass named: which notifications it follows already. */
#define FOLLOWED_KEY "desk-a11y-followed"

char *
desk_a11y_strip_shortcut_hint (const char *tooltip)
{
  const char *open = NULL;
  gsize len;

  if (tooltip == NULL)
    return NULL;

  len = strlen (tooltip);
  /* "… (Ctrl+N)" or, in Chinese, "…（Ctrl+N）": a key is one word in parentheses. */
  if (g_str_has_suffix (tooltip, ")"))
    open = g_strrstr (tooltip, "(");
  else if (g_str_has_suffix (tooltip, "）"))
    open = g_strrstr (tooltip, "（");
  if (open == NULL || open == tooltip || strchr (open, ' ') != NULL ||
      tooltip + len - open > 32)
    return g_strdup (tooltip);

  return g_strchomp (g_strndup (tooltip, open - tooltip));
}

const char *
desk_a11y_get_name (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), "desk-a11y-name");
}

/* The pass's own names: said once, like desk_a11y_set_name(), but not kept as chosen, so
 * that the next label or tooltip replaces them. */
static void
apply_name (GtkWidget  *widget,
            const char *name)
{
  if (name == NULL || *name == '\0')
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* libadwaita 1.2's AdwEntryRow keeps its GtkText at GtkText's own role, "none" (a
 * GtkEntry speaks for its text itself; the entry row does not): a screen reader never
 * hears that text take the focus, so Tab into an editor's field was silent. Made a text
 * box, it is announced with its name. GTK lets the role change while it is still the
 * class's own. */
static void
expose_entry_row_text (GtkWidget *row,
                       GtkWidget *text)
{
  if (!ADW_IS_ENTRY_ROW (row) || !GTK_IS_TEXT (text))
    return;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) == GTK_ACCESSIBLE_ROLE_NONE)
    g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
}

/* The widget inside @widget that takes the focus: an editable's GtkText, a drop-down's or
 * a menu button's toggle button. */
static GtkWidget *
focus_part (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (widget));

      if (delegate == NULL || GTK_WIDGET (delegate) == widget)
        return NULL;
      expose_entry_row_text (widget, GTK_WIDGET (delegate));
      return GTK_WIDGET (delegate);
    }

  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        return child;

  return NULL;
}

/* @widget and the part of it that takes the focus, both named @name. */
static void
name_with_focus_part (GtkWidget  *widget,
                      const char *name)
{
  GtkWidget *part = focus_part (widget);

  desk_a11y_set_name (widget, name);
  if (part != NULL)
    desk_a11y_set_name (part, name);
}

void
desk_a11y_name_editable (GtkWidget  *entry,
                         const char *name)
{
  g_return_if_fail (GTK_IS_EDITABLE (entry));

  name_with_focus_part (entry, name);
}

static void
drop_down_selected_cb (GtkWidget *drop_down)
{
  GtkWidget *button = focus_part (drop_down);
  GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down));

  if (button == NULL)
    return;
  if (GTK_IS_STRING_OBJECT (item))
    desk_a11y_set_description (button, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  else
    desk_a11y_set_description (button, NULL);
}

/* The rows of a drop-down's or a combo row's list, which GTK 4.8 leaves unnamed (a
 * screen reader heard "GtkListItemWidget" for each currency or status offered): named from
 * their text each time they are bound, as every list's rows are. A factory shared by
 * several drop-downs is followed once. */
static void
name_popup_rows (GtkListItemFactory *factory)
{
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory) ||
      g_object_get_data (G_OBJECT (factory), FOLLOWED_KEY) != NULL)
    return;

  g_object_set_data (G_OBJECT (factory), FOLLOWED_KEY, GINT_TO_POINTER (TRUE));
  desk_list_factory_name_rows (factory);
}

static void
name_popover_lists (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      desk_list_view_name_rows (GTK_LIST_VIEW (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_popover_lists (child);
}

static void
name_choices (GtkWidget *widget)
{
  GtkListItemFactory *factory = NULL;

  if (GTK_IS_DROP_DOWN (widget))
    {
      factory = gtk_drop_down_get_list_factory (GTK_DROP_DOWN (widget));
      if (factory == NULL)
        factory = gtk_drop_down_get_factory (GTK_DROP_DOWN (widget));
    }
  else if (ADW_IS_COMBO_ROW (widget))
    {
      factory = adw_combo_row_get_list_factory (ADW_COMBO_ROW (widget));
      if (factory == NULL)
        factory = adw_combo_row_get_factory (ADW_COMBO_ROW (widget));
    }
  if (factory == NULL)
    return;

  name_popup_rows (factory);
  /* GTK binds the choices as soon as the drop-down is in a window, often before this:
   * the one list view inside a drop-down or a combo row is its popover's. */
  name_popover_lists (widget);
}

void
desk_a11y_name_drop_down (GtkWidget  *drop_down,
                          const char *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  name_with_focus_part (drop_down, name);
  if (g_object_get_data (G_OBJECT (drop_down), FOLLOWED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (drop_down), FOLLOWED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (drop_down, "notify::selected-item", G_CALLBACK (drop_down_selected_cb), NULL);
    }
  drop_down_selected_cb (drop_down);
  name_choices (drop_down);
}

/* The text of the labels inside @widget, without mnemonics, one after the other. */
static void
append_label_text (GtkWidget *widget,
                   GString   *text)
{
  /* A stack's other pages are not shown: a view switcher's button holds its title in a
   * wide and a narrow layout, and would be read twice ("Lines Lines"). */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));
      g_autofree char *plain = NULL;

      if (gtk_label_get_use_markup (GTK_LABEL (widget)))
        pango_parse_markup (label, -1, 0, NULL, &plain, NULL, NULL);
      else
        plain = gtk_label_get_use_underline (GTK_LABEL (widget))
                ? desk_a11y_strip_mnemonic (label) : g_strdup (label);
      if (plain != NULL && *plain != '\0')
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, plain);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_text (child, text);
}

static gboolean
has_image_only (GtkWidget *child)
{
  if (GTK_IS_IMAGE (child))
    return TRUE;
  if (child == NULL || GTK_IS_LABEL (child))
    return FALSE;

  for (GtkWidget *c = gtk_widget_get_first_child (child); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!has_image_only (c))
      return FALSE;

  return TRUE;
}

/* The title of the AdwActionRow (or combo or entry row) @widget ends, or NULL. */
static const char *
row_title_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
  const char *title;

  if (row == NULL)
    return NULL;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  return title != NULL && *title != '\0' ? title : NULL;
}

/* The name the pass gives @widget, or NULL: see desk_a11y_name_controls(). */
static char *
dup_control_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      if (label != NULL && *label != '\0')
        return gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget))
               ? desk_a11y_strip_mnemonic (label) : g_strdup (label);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      if (label != NULL && *label != '\0')
        return gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget))
               ? desk_a11y_strip_mnemonic (label) : g_strdup (label);
    }
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (label != NULL && *label != '\0' && GTK_IS_LABEL (child))
        return gtk_button_get_use_underline (GTK_BUTTON (widget))
               ? desk_a11y_strip_mnemonic (label) : g_strdup (label);
      if (child != NULL && !has_image_only (child))
        {
          g_autoptr(GString) text = g_string_new (NULL);

          append_label_text (child, text);
          if (text->len > 0)
            return g_string_free (g_steal_pointer (&text), FALSE);
        }
    }
  else
    return NULL;

  /* An icon only: the tooltip says what it does, else the row it ends. */
  if (tooltip != NULL && *tooltip != '\0')
    return desk_a11y_strip_shortcut_hint (tooltip);

  return g_strdup (row_title_of (widget));
}

static void name_control (GtkWidget *widget);

static void
control_changed_cb (GtkWidget *widget)
{
  name_control (widget);
}

static void
name_control (GtkWidget *widget)
{
  const char *chosen = desk_a11y_get_name (widget);
  g_autofree char *name = chosen == NULL ? dup_control_name (widget) : g_strdup (chosen);
  GtkWidget *part = focus_part (widget);

  /* Followed even while it has no name yet: a label set later gives it one. */
  if (g_object_get_data (G_OBJECT (widget), FOLLOWED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), FOLLOWED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "notify::label", G_CALLBACK (control_changed_cb), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (control_changed_cb), NULL);
      g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (control_changed_cb), NULL);
      if (GTK_IS_BUTTON (widget))
        g_signal_connect (widget, "notify::child", G_CALLBACK (control_changed_cb), NULL);
    }

  if (name == NULL)
    return;

  /* GTK puts a new label back in both places: say it once again. */
  apply_name (widget, name);
  if (part != NULL && desk_a11y_get_name (part) == NULL)
    apply_name (part, name);
}

static void name_focus_part (GtkWidget *widget);

static void
title_changed_cb (GtkWidget *row)
{
  name_focus_part (row);
}

/* Entries, drop-downs and rows: the part that takes the focus gets the whole's name. */
static void
name_focus_part (GtkWidget *widget)
{
  GtkWidget *part = focus_part (widget);
  const char *name = desk_a11y_get_name (widget);
  g_autofree char *fallback = NULL;

  if (name == NULL && ADW_IS_PREFERENCES_ROW (widget))
    {
      /* A row whose title the page sets as it fills it ("1 USD in GHS"). */
      if (g_object_get_data (G_OBJECT (widget), FOLLOWED_KEY) == NULL)
        {
          g_object_set_data (G_OBJECT (widget), FOLLOWED_KEY, GINT_TO_POINTER (TRUE));
          g_signal_connect (widget, "notify::title", G_CALLBACK (title_changed_cb), NULL);
        }
      name = row_title_of (widget);
    }
  if (name == NULL && GTK_IS_SEARCH_ENTRY (widget))
    {
      g_object_get (widget, "placeholder-text", &fallback, NULL);
      name = fallback;
    }
  if (name == NULL && gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW) != NULL)
    name = row_title_of (widget);
  if (name == NULL)
    {
      /* A caption beside it ("Period") names it through its mnemonic, but not the part
       * inside that takes the focus. */
      GList *labels = gtk_widget_list_mnemonic_labels (widget);

      if (labels != NULL && GTK_IS_LABEL (labels->data))
        {
          fallback = desk_a11y_strip_mnemonic (gtk_label_get_label (labels->data));
          name = fallback;
        }
      g_list_free (labels);
    }
  if (name == NULL && GTK_IS_DROP_DOWN (widget))
    name = gtk_widget_get_tooltip_text (widget);
  if (name == NULL || *name == '\0')
    return;

  if (desk_a11y_get_name (widget) == NULL)
    apply_name (widget, name);
  if (part != NULL && desk_a11y_get_name (part) == NULL)
    apply_name (part, name);
}

static void
collect_labels (GtkWidget  *widget,
                GList     **labels)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      if (*gtk_label_get_label (GTK_LABEL (widget)) != '\0')
        *labels = g_list_append (*labels, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* A row or a card that takes the focus is read by its labels, which may change. */
static void
name_row_by_labels (GtkWidget *row)
{
  GList *labels = NULL;
  GValue value = G_VALUE_INIT;
  GtkAccessibleRelation relation = GTK_ACCESSIBLE_RELATION_LABELLED_BY;

  if (desk_a11y_get_name (row) != NULL || !gtk_widget_get_focusable (row) ||
      g_object_get_data (G_OBJECT (row), FOLLOWED_KEY) != NULL)
    return;

  collect_labels (row, &labels);
  if (labels == NULL)
    return;

  g_object_set_data (G_OBJECT (row), FOLLOWED_KEY, GINT_TO_POINTER (TRUE));
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* The relation takes the list. */
  gtk_accessible_relation_init_value (relation, &value);
  g_value_set_pointer (&value, labels);
  gtk_accessible_update_relation_value (GTK_ACCESSIBLE (row), 1, &relation, &value);
  g_value_unset (&value);
}

void
desk_a11y_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root) || GTK_IS_CHECK_BUTTON (root) ||
      (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root)) &&
       !GTK_IS_DROP_DOWN (gtk_widget_get_parent (root))))
    name_control (root);
  else if (GTK_IS_EDITABLE (root) || GTK_IS_DROP_DOWN (root) || ADW_IS_COMBO_ROW (root) ||
           ADW_IS_EXPANDER_ROW (root))
    {
      name_focus_part (root);
      name_choices (root);
    }
  else if ((GTK_IS_SWITCH (root) || GTK_IS_SCALE (root)) && desk_a11y_get_name (root) == NULL)
    apply_name (root, row_title_of (root));
  else if ((GTK_IS_LIST_BOX_ROW (root) && !ADW_IS_PREFERENCES_ROW (root)) || GTK_IS_FLOW_BOX_CHILD (root))
    name_row_by_labels (root);
  else if (gtk_widget_has_css_class (root, "desk-pill") && !GTK_IS_LABEL (root) &&
           desk_a11y_get_name (root) == NULL)
    {
      /* A pill (Overdue, Over budget) is an icon and a word: said as the word. */
      g_autoptr(GString) text = g_string_new (NULL);

      /* Its children, not itself: a pill hidden until it applies is named already. */
      for (GtkWidget *child = gtk_widget_get_first_child (root);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        append_label_text (child, text);
      apply_name (root, text->str);
    }

  /* A GtkText inside an editable was named with it; the rest is walked. */
  if (GTK_IS_EDITABLE (root) && !GTK_IS_SPIN_BUTTON (root) && !ADW_IS_PREFERENCES_ROW (root))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    desk_a11y_name_controls (child);
}
