/* desk-a11y.c — what a screen reader says of a widget, set one way everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-a11y.h"

#include <string.h>

void
desk_a11y_set_name (GtkWidget  *widget,
                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

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
