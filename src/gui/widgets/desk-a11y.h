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

/* Names a GtkMenuButton and the toggle button
 * inside it that takes the focus (GTK 4.8 leaves that one unnamed), so a screen reader
 * says "Main Menu" wherever it meets it. */
void   desk_a11y_set_menu_button_name (GtkWidget  *menu_button,
                                       const char *name);

/* @tooltip without the key hint at its end: "New Activity (Ctrl+N)" → "New Activity",
 * "Close the Editor (Escape)" → "Close the Editor". A new string, or NULL for NULL. */
char  *desk_a11y_strip_shortcut_hint (const char *tooltip);
/* The name desk_a11y_set_name() last gave @widget, or NULL: GTK 4.8 cannot be asked. */
const char *desk_a11y_get_name      (GtkWidget  *widget);
/* Names @entry (a GtkEditable: an entry, a search entry, a spin button, an AdwEntryRow)
 * and the GtkText inside it that takes the focus, which a screen reader announces. */
void   desk_a11y_name_editable     (GtkWidget  *entry,
                                    const char *name);
/* Names a drop-down ("Filter by status") and the toggle button inside it that takes the
 * focus; the button's description follows the item chosen. */
void   desk_a11y_name_drop_down    (GtkWidget  *drop_down,
                                    const char *name);
/* Gives every control under @root that GTK 4.8 leaves unnamed or names twice the name a
 * person would say, and keeps it when its label or tooltip changes:
 * - a button, toggle, menu button or check button with a (mnemonic) label: its text,
 *   once, without the underscores;
 * - a button with an icon only: its tooltip without the key hint; one with an icon and
 *   labels inside: the labels' text;
 * - an entry or a drop-down named with desk_a11y_set_name(), an AdwEntryRow and an
 *   AdwComboRow by its title, a search entry by its placeholder: the inner widget that
 *   takes the focus, too;
 * - a switch, spin button, drop-down or icon button at the end of an AdwActionRow that
 *   has no name of its own: the row's title;
 * - a focusable list box row or flow box child (a card): labelled by the labels in it;
 * - a pill (.desk-pill: an icon and a word): the word.
 * A name set with desk_a11y_set_name() is never replaced. Run it where widgets are made:
 * a page's build, an editor's, a dialog's; running it again is cheap. */
void   desk_a11y_name_controls     (GtkWidget  *root);

G_END_DECLS
