/* desk-widget-util.h — small helpers every part of the interface shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

/* The window @widget is in, or NULL while it is in none. */
GtkWindow   *desk_widget_get_window       (GtkWidget     *widget);
/* Removes every child of @container, a GtkBox, GtkGrid, GtkListBox or GtkFlowBox. */
void         desk_widget_remove_children (GtkWidget  *container);

/* Lets go of the focus when it is inside @widget, before @widget's fields turn
 * insensitive: GTK 4.8 warns when a focused text turns insensitive without a focus-out. */
void         desk_widget_drop_focus_within (GtkWidget *widget);
/* The undo history of the main window @widget belongs to: the one of its own window or,
 * for a dialog, of the window the dialog is transient for, as that window's `history`
 * property gives it. NULL when neither has one (a widget or a dialog alone in a test).
 * Nothing needs to know the main window's class. */
DeskHistory *desk_widget_find_history     (GtkWidget     *widget);
/* For a class whose one property is the store it works on: installs `store`
 * (construct-only) and the get_property and set_property that keep it in the
 * `DeskStore *` at @offset of the instance (G_STRUCT_OFFSET). The class still drops it
 * in its dispose, with g_clear_object(). */
void         desk_object_class_install_store (GObjectClass *object_class,
                                              gsize         offset);
/* The application's settings, or NULL when their schema is not installed (an
 * uninstalled run that did not point GSETTINGS_SCHEMA_DIR at the build): the caller then
 * goes without rather than abort. */
GSettings   *desk_settings_new_if_installed (void);
/* A label for a grid of figures: a text on the left, ending in an ellipsis when its
 * column is too narrow, or a @number on the right in tabular figures, never cut short.
 * @css_class (NULL for none) styles it: "heading", "dim-label"… */
GtkWidget   *desk_grid_label_new          (const char         *text,
                                           gboolean            number,
                                           const char         *css_class);
/* Fills @row of @grid with a label for each of @cells (NULL-terminated), from the first
 * column: the first cell names the row, the others are numbers; all are styled
 * @css_class. */
void         desk_grid_attach_row         (GtkGrid            *grid,
                                           int                 row,
                                           const char         *css_class,
                                           const char *const  *cells);
/* Appends to @view a resizable column titled @title, which takes the room left when
 * @expand, and whose cells @setup makes and @bind fills (GtkSignalListItemFactory's
 * signals, with @user_data). Callbacks that serve several columns tell them apart by
 * @index, the factory's "desk-column" data. The column belongs to @view. The view
 * becomes one list for the keyboard and screen readers (desk_list_view_make_accessible()):
 * its titles are named and each row is named from its cells after they are bound. */
GtkColumnViewColumn *desk_column_view_append (GtkColumnView *view,
                                              const char    *title,
                                              GCallback      setup,
                                              GCallback      bind,
                                              gpointer       user_data,
                                              guint          index,
                                              gboolean       expand);
/* What desk_schedule_once() runs. */
typedef void (*DeskOnceFunc) (gpointer data);
/* Runs @func (@data) once at @priority, @delay_ms from now (0: as soon as idle), however
 * often it is asked for until then: a burst of changes does the work once. The source is
 * kept in *@source, which is 0 again when @func runs; the owner removes a pending one in
 * its dispose, with g_clear_handle_id (@source, g_source_remove). */
void         desk_schedule_once       (guint         *source,
                                       int            priority,
                                       guint          delay_ms,
                                       DeskOnceFunc   func,
                                       gpointer       data);

G_END_DECLS
