/* desk-list-access.h — every list of the app read and moved through as one list
 *
 * GTK 4.8 names a column view's rows "GtkListItemWidget" and its column titles
 * "GtkColumnViewTitle", and Tab stops at every row (98 Tabs past the People list). The
 * lists of DeskRecordList and those made with desk_column_view_append() go through these
 * calls; a page never names a row or a title itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes @view, a GtkColumnView or a GtkListView, one Tab stop: Tab goes from a row
 * through the controls in that row (a Copy button) and then out of the list in one step,
 * to where GTK's focus chain goes next, and Shift+Tab back through them and out before it; coming back in lands on the selected row
 * (when it is made: in view or near), or the row last focused. Arrows, Home, End, Page Up and Page Down are GTK 4.8's own.
 * For a column view it also names the column titles (desk_column_view_name_titles()).
 * Calling it again does nothing. */
void        desk_list_view_make_accessible (GtkWidget           *view);

/* The same for a GtkListBox whose rows are the stops (the window's sidebar, a record's
 * history): Tab and Shift+Tab from a row leave the list in one step; the arrows, Home
 * and End move between its rows (GTK's own). A control inside a row keeps GTK's Tab.
 * Calling it again does nothing. */
void        desk_list_box_make_one_stop    (GtkListBox          *box);

/* Names each column title of @view after its column (a screen reader heard
 * "GtkColumnViewTitle", a filler), and the header row after the titles shown ("Columns:
 * Code, Title, Start, End"), now and whenever a column's title or visibility changes.
 * Call after adding columns. */
void        desk_column_view_name_titles   (GtkColumnView       *view);

/* Call after the bind of every cell of a list made accessible: when @item's row has all
 * its cells bound (the bind of its last cell), the row is named from the text of its
 * visible cells in column order, cells of secondary columns left out ("A1.2, Community
 * dialogue in Tarkwa, Approved, 12 Mar 2026"); pills and drawn values are described with
 * their column's title ("Status: Overdue"). Rows are recycled: each bind names the row
 * again. */
void        desk_list_row_bound            (GtkListItem         *item);

/* Names the rows @view, a plain GtkListView, has made already, from their text: for a
 * list whose factory was followed (desk_list_factory_name_rows()) only after it had
 * bound its first rows. */
void        desk_list_view_name_rows       (GtkListView         *view);

/* For a GtkSignalListItemFactory: desk_list_row_bound() after each of its binds
 * (connect it after the factory's own "bind" handler). */
void        desk_list_factory_name_rows    (GtkListItemFactory  *factory);

/* Leaves @column's cells out of its rows' names (a list's normal and optional columns:
 * the name summarises, the cells are still read one by one). */
void        desk_list_column_set_secondary (GtkColumnViewColumn *column,
                                            gboolean             secondary);

/* What a drawn cell (pillars) says in its row's name and description; NULL for nothing. */
void        desk_list_cell_set_spoken      (GtkWidget           *cell,
                                            const char          *text);

/* What desk_column_view_watch_overflow() calls: @overflows when the columns no longer fit
 * the room the view is given (it would scroll sideways), and again, FALSE, when that room
 * has grown to what they needed. */
typedef void (*DeskListOverflowFunc) (gboolean  overflows,
                                      gpointer  user_data);

/* Watches whether @view's columns fit its scrolled window, so that a list hides its less
 * needed columns in a narrow window before its titles and amounts are cut. */
void        desk_column_view_watch_overflow (GtkColumnView       *view,
                                             DeskListOverflowFunc func,
                                             gpointer             user_data);

/* The row @cell is in (its GtkListItemWidget), or NULL when it is in no list. */
GtkWidget  *desk_list_row_from_cell        (GtkWidget           *cell);

G_END_DECLS
