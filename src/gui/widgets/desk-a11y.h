/* desk-a11y.h — what a screen reader says of a widget, set one way everywhere
 *
 * GTK 4.8 builds a widget's accessible name from its `label` property and from every
 * widget in its `labelled-by` relation, one after the other: a button whose own label
 * GTK put in both is heard twice ("_Save a Copy… Save a Copy…"), and a widget with
 * neither is heard as its type name ("GtkButton"). These helpers are the only way the
 * interface names, describes and relates its widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name a screen reader says for @widget ("New Activity", "Search activities"): its
 * accessible label, said once (a labelled-by relation GTK made is dropped). @name NULL
 * or "" takes the name away again. */
void   desk_a11y_set_name          (GtkWidget  *widget,
                                    const char *name);
/* What a screen reader says after the name: the values a drawn widget shows, a row's
 * details. NULL or "" takes it away. */
void   desk_a11y_set_description   (GtkWidget  *widget,
                                    const char *description);
/* @widget is named by the visible @label beside it (a form's caption). */
void   desk_a11y_set_labelled_by   (GtkWidget  *widget,
                                    GtkWidget  *label);
/* @text without its mnemonic underscores: "_Save a Copy…" → "Save a Copy…", "a__b" →
 * "a_b". A new string. */
char  *desk_a11y_strip_mnemonic    (const char *text);

/* Added for the window's header (a11y-shell): names a GtkMenuButton and the toggle button
 * inside it that takes the focus (GTK 4.8 leaves that one unnamed), so a screen reader
 * says "Main Menu" wherever it meets it. */
void   desk_a11y_set_menu_button_name (GtkWidget  *menu_button,
                                       const char *name);

G_END_DECLS
