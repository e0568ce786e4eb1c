/* desk-list-access.c
 *
 * The row widget GTK 4.8 makes for an item (a GtkListItemWidget, private) is the child of
 * the list view; in a column view that list view is the column view's last child, each
 * row holds one cell a column in the columns' order, and each cell holds the widget the
 * column's factory made. GTK 4.8 has no GtkListItem:accessible-label (4.12): the row is
 * reached from a cell widget by walking up to the list view, and is named from its bind.
 *
 * Tab: GTK 4.8's list views move the focus from row to row on Tab. A capture-phase key
 * controller on the view takes Tab first; it lets the focus visit the controls of the
 * focused row, then takes the view out of the focus chain (can-focus off) for the time
 * of one gtk_widget_child_focus() on the window, so that GTK's own chain picks the widget
 * after (or before) the list, and puts it back.
 *
 * Coming back in: GTK 4.8 focuses the row it last had focus on, whatever was selected
 * since (a record opened from another page), and has no call to move that. Once the
 * focus has come in, the selected row takes it, when it is made (shown or near).
 * Each row keeps the GtkListItem of its last bound cell to know its position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-list-access"

#include "config.h"

#include "desk-list-access.h"

#include <glib/gi18n.h>

#include "desk-a11y.h"

#define SETUP_KEY "desk-list-access"
#define SECONDARY_KEY "desk-list-secondary"
#define TITLE_WATCH_KEY "desk-list-title-watched"
#define ENTER_SOURCE_KEY "desk-list-enter-source"
#define OVERFLOW_KEY "desk-list-overflow"

typedef struct
{
  GtkColumnView *view;
  DeskListOverflowFunc func;
  gpointer user_data;
  gboolean overflows;
  double needed;          /* the width the columns took when they stopped fitting */
  guint source;
} Overflow;

/* Helpers */

static GQuark
spoken_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("desk-list-spoken");

  return quark;
}

static GQuark
row_item_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("desk-list-row-item");

  return quark;
}

static GQuark
row_name_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("desk-list-row-name");

  return quark;
}

/* The list view that holds the rows: @view itself, or a column view's. */
static GtkWidget *
rows_view (GtkWidget *view)
{
  if (GTK_IS_LIST_VIEW (view))
    return view;

  for (GtkWidget *child = gtk_widget_get_last_child (view);
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

static GtkSelectionModel *
view_get_model (GtkWidget *view)
{
  if (GTK_IS_COLUMN_VIEW (view))
    return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  if (GTK_IS_LIST_VIEW (view))
    return gtk_list_view_get_model (GTK_LIST_VIEW (view));

  return NULL;
}

/* The controls inside @widget a Tab stops at, in the order shown. A column view's cells
 * are list item widgets too, and not stops of their own. */
static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_is_drawable (child) || !gtk_widget_is_sensitive (child) ||
          !gtk_widget_get_can_focus (child))
        continue;
      if (gtk_widget_get_focusable (child) &&
          !g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewCell"))
        g_ptr_array_add (controls, child);
      collect_controls (child, controls);
    }
}

/* The control of @row that Tab goes to from @focus, or NULL when it leaves the row. */
static GtkWidget *
next_in_row (GtkWidget        *row,
             GtkWidget        *focus,
             GtkDirectionType  direction)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  guint index;

  collect_controls (row, controls);
  if (focus == row)
    return direction == GTK_DIR_TAB_FORWARD && controls->len > 0 ? g_ptr_array_index (controls, 0) : NULL;

  for (index = 0; index < controls->len; index++)
    {
      GtkWidget *control = g_ptr_array_index (controls, index);

      if (control == focus || gtk_widget_is_ancestor (focus, control))
        break;
    }
  if (index == controls->len)
    return NULL;

  if (direction == GTK_DIR_TAB_FORWARD)
    return index + 1 < controls->len ? g_ptr_array_index (controls, index + 1) : NULL;

  /* Not back to the row: GTK 4.8 hands a row's focus to its first control. */
  return index > 0 ? g_ptr_array_index (controls, index - 1) : NULL;
}

/* Moves the focus out of @view, to the widget GTK's focus chain has after it (or before
 * it). */
static void
leave_view (GtkWidget        *view,
            GtkDirectionType  direction)
{
  GtkRoot *root = gtk_widget_get_root (view);

  if (root == NULL)
    return;

  gtk_widget_set_can_focus (view, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (view, TRUE);
}

/* Describes a pill or a drawn value with its column's @title: "Status: Overdue", or just
 * "Overdue" under a column of that name. */
static void
describe_value (GtkWidget  *widget,
                const char *title,
                const char *value)
{
  g_autofree char *description = NULL;

  if (title == NULL || title[0] == '\0' || g_str_equal (title, value))
    {
      desk_a11y_set_description (widget, value);
      return;
    }

  /* Translators: what a screen reader says of a pill or a drawn value in a list: the
   * column's title, then the value shown ("Status: Overdue"). */
  description = g_strdup_printf (C_("list cell", "%s: %s"), title, value);
  desk_a11y_set_description (widget, description);
}

/* Appends to @text what @widget shows, and describes a pill or a drawn value with
 * @title ("Status: Overdue"). */
static void
append_spoken (GString    *text,
               GtkWidget  *widget,
               const char *title)
{
  const char *own = NULL;
  gboolean described;

  if (!gtk_widget_get_visible (widget))
    return;

  described = gtk_widget_has_css_class (widget, "desk-pill") ||
              gtk_widget_has_css_class (widget, "desk-cell-pill");
  if (g_object_get_qdata (G_OBJECT (widget), spoken_quark ()) != NULL)
    {
      own = g_object_get_qdata (G_OBJECT (widget), spoken_quark ());
      described = TRUE;
    }
  else if (GTK_IS_INSCRIPTION (widget))
    own = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  else if (GTK_IS_LABEL (widget))
    own = gtk_label_get_text (GTK_LABEL (widget));
  else
    {
      GString *inner = described ? g_string_new (NULL) : text;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        append_spoken (inner, child, described ? NULL : title);
      if (!described)
        return;

      /* A pill of an image and a label: one value. */
      if (inner->len > 0)
        {
          describe_value (widget, title, inner->str);
          g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", inner->str);
        }
      g_string_free (inner, TRUE);
      return;
    }

  if (own == NULL || own[0] == '\0')
    return;

  if (described)
    describe_value (widget, title, own);
  g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", own);
}

static void
name_row (GtkWidget     *row,
          GtkColumnView *column_view)
{
  g_autoptr(GString) name = g_string_new (NULL);
  GListModel *columns = column_view != NULL ? gtk_column_view_get_columns (column_view) : NULL;
  guint index = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (row);
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell), index++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      const char *title = NULL;

      if (columns != NULL)
        {
          column = g_list_model_get_item (columns, index);
          if (column == NULL || !gtk_column_view_column_get_visible (column))
            continue;
          title = gtk_column_view_column_get_title (column);
        }

      append_spoken (text, cell, title);
      if (text->len == 0 ||
          (column != NULL && g_object_get_data (G_OBJECT (column), SECONDARY_KEY) != NULL))
        continue;

      if (name->len > 0)
        /* Translators: between the items of a list in one cell. */
        g_string_append (name, _(", "));
      g_string_append (name, text->str);
    }

  /* Rows are bound far more often than their records change. */
  if (g_strcmp0 (g_object_get_qdata (G_OBJECT (row), row_name_quark ()), name->str) == 0)
    return;

  desk_a11y_set_name (row, name->str);
  g_object_set_qdata_full (G_OBJECT (row), row_name_quark (), g_strdup (name->str), g_free);
}

/* Callbacks */

static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkDirectionType direction;
  GtkWidget *row;
  GtkWidget *next;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  /* Ctrl+Tab is GTK's way out of a widget that takes Tab; leave it to GTK. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, view))
    return FALSE;

  direction = (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab
                ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  row = desk_list_row_from_cell (focus);
  next = row != NULL ? next_in_row (row, focus, direction) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (next);
  else
    leave_view (view, direction);

  return TRUE;
}

/* The focus came into the list: onto the selected row, if it is not there already. */
static gboolean
focus_selected_row (gpointer user_data)
{
  GtkWidget *view = user_data;
  GtkSelectionModel *model = view_get_model (view);
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *rows = rows_view (view);
  GtkWidget *row;
  g_autoptr(GtkBitset) selected = NULL;
  guint position;

  g_object_set_data (G_OBJECT (view), ENTER_SOURCE_KEY, NULL);
  if (model == NULL || rows == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, view))
    return G_SOURCE_REMOVE;

  row = desk_list_row_from_cell (focus);
  selected = gtk_selection_model_get_selection (model);
  if (row == NULL || gtk_bitset_is_empty (selected) ||
      (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0)
    return G_SOURCE_REMOVE;

  position = gtk_bitset_get_minimum (selected);
  for (GtkWidget *child = gtk_widget_get_first_child (rows);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListItem *item = g_object_get_qdata (G_OBJECT (child), row_item_quark ());

      if (item != NULL && gtk_list_item_get_item (item) != NULL &&
          gtk_list_item_get_position (item) == position && gtk_widget_get_mapped (child))
        {
          gtk_widget_grab_focus (child);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
focus_entered_cb (GtkEventControllerFocus *controller,
                  gpointer                 user_data)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint source;

  if (g_object_get_data (G_OBJECT (view), ENTER_SOURCE_KEY) != NULL)
    return;

  /* Not while GTK is still moving the focus in; before the next event (a click's
   * release), so that a row clicked, which selects it, keeps the focus. */
  source = g_idle_add_full (G_PRIORITY_HIGH, focus_selected_row, g_object_ref (view), g_object_unref);
  g_object_set_data (G_OBJECT (view), ENTER_SOURCE_KEY, GUINT_TO_POINTER (source));
}

static void
item_bound_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  desk_list_row_bound (item);
}

static void
overflow_free (gpointer data)
{
  Overflow *overflow = data;

  g_clear_handle_id (&overflow->source, g_source_remove);
  g_free (overflow);
}

static gboolean
check_overflow (gpointer data)
{
  Overflow *overflow = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (overflow->view));
  double upper, page;

  overflow->source = 0;
  if (adjustment == NULL)
    return G_SOURCE_REMOVE;

  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (page <= 0)
    return G_SOURCE_REMOVE;

  /* Back only once there is the room they needed: no showing and hiding by turns. */
  if (!overflow->overflows && upper > page + 1)
    {
      overflow->overflows = TRUE;
      overflow->needed = upper;
      overflow->func (TRUE, overflow->user_data);
    }
  else if (overflow->overflows && page >= overflow->needed)
    {
      overflow->overflows = FALSE;
      overflow->func (FALSE, overflow->user_data);
    }

  return G_SOURCE_REMOVE;
}

/* After the allocation that changed the adjustment: columns shown or hidden then would
 * mean a layout inside a layout. */
static void
hadjustment_changed_cb (GtkWidget *view)
{
  Overflow *overflow = g_object_get_data (G_OBJECT (view), OVERFLOW_KEY);

  if (overflow != NULL && overflow->source == 0)
    overflow->source = g_idle_add (check_overflow, overflow);
}

static void
title_changed_cb (GtkColumnView *view)
{
  desk_column_view_name_titles (view);
}

/* Public API */

void
desk_list_view_make_accessible (GtkWidget *view)
{
  GtkEventController *keys;
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view) || GTK_IS_LIST_VIEW (view));

  if (g_object_get_data (G_OBJECT (view), SETUP_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (view), SETUP_KEY, GINT_TO_POINTER (TRUE));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), NULL);
  gtk_widget_add_controller (view, keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (focus_entered_cb), NULL);
  gtk_widget_add_controller (view, focus);

  if (GTK_IS_COLUMN_VIEW (view))
    desk_column_view_name_titles (GTK_COLUMN_VIEW (view));
}

static gboolean
list_box_key_pressed_cb (GtkEventControllerKey *keys,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         gpointer               user_data)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));
  GtkRoot *root = gtk_widget_get_root (box);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  /* A control inside a row (a button) keeps GTK's own Tab: only a row itself leaves. */
  if (focus == NULL || !GTK_IS_LIST_BOX_ROW (focus) || gtk_widget_get_parent (focus) != box)
    return FALSE;

  leave_view (box, (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab
                     ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);

  return TRUE;
}

void
desk_list_box_make_one_stop (GtkListBox *box)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_LIST_BOX (box));

  if (g_object_get_data (G_OBJECT (box), SETUP_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (box), SETUP_KEY, GINT_TO_POINTER (TRUE));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_box_key_pressed_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (box), keys);
}

void
desk_column_view_name_titles (GtkColumnView *view)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  GListModel *columns;
  GtkWidget *header;
  GtkWidget *title;
  guint n;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* GTK 4.8 gives a title the column-header role in its own API, but AT-SPI still hears
   * a filler named "GtkColumnViewTitle", in a row named "GtkListItemWidget" (and the
   * title's accessible is made before a page can change its role). Each title is named,
   * and the header row says the columns ("Columns: Code, Title, Start, End"). The header
   * row is the column view's first child, one title a column in order (as
   * desk_cell_header_align_end() finds them). */
  columns = gtk_column_view_get_columns (view);
  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
  n = g_list_model_get_n_items (columns);
  for (guint i = 0; i < n && title != NULL; i++, title = gtk_widget_get_next_sibling (title))
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *text = gtk_column_view_column_get_title (column);

      desk_a11y_set_name (title, text);
      /* A column without a title (an icon's) has nothing to say in the header: hidden
       * from screen readers rather than heard as "GtkColumnViewTitle". */
      gtk_accessible_update_state (GTK_ACCESSIBLE (title),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, text == NULL || text[0] == '\0',
                                   -1);
      if (text != NULL && text[0] != '\0' && gtk_column_view_column_get_visible (column))
        {
          if (titles->len > 0)
            /* Translators: between the items of a list in one cell. */
            g_string_append (titles, _(", "));
          g_string_append (titles, text);
        }
      if (g_object_get_data (G_OBJECT (column), TITLE_WATCH_KEY) == NULL)
        {
          g_object_set_data (G_OBJECT (column), TITLE_WATCH_KEY, GINT_TO_POINTER (TRUE));
          g_signal_connect_object (column, "notify::title", G_CALLBACK (title_changed_cb), view,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (column, "notify::visible", G_CALLBACK (title_changed_cb), view,
                                   G_CONNECT_SWAPPED);
        }
    }

  if (header != NULL && titles->len > 0)
    {
      /* Translators: what a screen reader says of a table's row of column titles; %s is
       * the titles, "Code, Title, Start, End". */
      g_autofree char *name = g_strdup_printf (_("Columns: %s"), titles->str);

      desk_a11y_set_name (header, name);
    }
}

static gboolean
row_bound_later_cb (gpointer data)
{
  GtkListItem *item = data;
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (cell != NULL && desk_list_row_from_cell (cell) != NULL)
    desk_list_row_bound (item);

  return G_SOURCE_REMOVE;
}

void
desk_list_row_bound (GtkListItem *item)
{
  GtkWidget *cell;
  GtkWidget *row;
  GtkWidget *rows;
  GtkWidget *holder;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  cell = gtk_list_item_get_child (item);
  row = cell != NULL ? desk_list_row_from_cell (cell) : NULL;
  if (row == NULL)
    {
      /* GTK 4.8 binds a new row of a list view before it puts the row in the view (a
       * drop-down's choices, the first time they are shown): named once it is there. */
      if (cell != NULL && gtk_widget_get_root (cell) == NULL)
        g_idle_add_full (G_PRIORITY_DEFAULT, row_bound_later_cb, g_object_ref (item), g_object_unref);
      return;
    }

  if (g_object_get_qdata (G_OBJECT (row), row_item_quark ()) != item)
    g_object_set_qdata_full (G_OBJECT (row), row_item_quark (), g_object_ref (item), g_object_unref);

  rows = gtk_widget_get_parent (row);
  if (!GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (rows)))
    {
      name_row (row, NULL);
      return;
    }

  /* GTK binds a row's cells in the columns' order: the last one names the row, once. */
  for (holder = cell; gtk_widget_get_parent (holder) != row; holder = gtk_widget_get_parent (holder))
    ;
  if (gtk_widget_get_next_sibling (holder) != NULL)
    return;

  name_row (row, GTK_COLUMN_VIEW (gtk_widget_get_parent (rows)));
}

void
desk_list_view_name_rows (GtkListView *view)
{
  g_return_if_fail (GTK_IS_LIST_VIEW (view));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_first_child (row) != NULL)
      name_row (row, NULL);
}

void
desk_list_factory_name_rows (GtkListItemFactory *factory)
{
  g_return_if_fail (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory));

  g_signal_connect (factory, "bind", G_CALLBACK (item_bound_cb), NULL);
}

void
desk_column_view_watch_overflow (GtkColumnView        *view,
                                 DeskListOverflowFunc  func,
                                 gpointer              user_data)
{
  GtkAdjustment *adjustment;
  Overflow *overflow;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (func != NULL);

  /* Set by the scrolled window the view is in. */
  adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  g_return_if_fail (adjustment != NULL);

  overflow = g_new0 (Overflow, 1);
  overflow->view = view;
  overflow->func = func;
  overflow->user_data = user_data;
  g_object_set_data_full (G_OBJECT (view), OVERFLOW_KEY, overflow, overflow_free);
  g_signal_connect_object (adjustment, "notify::upper", G_CALLBACK (hadjustment_changed_cb), view,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (hadjustment_changed_cb), view,
                           G_CONNECT_SWAPPED);
}

void
desk_list_column_set_secondary (GtkColumnViewColumn *column,
                                gboolean             secondary)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  g_object_set_data (G_OBJECT (column), SECONDARY_KEY, secondary ? GINT_TO_POINTER (TRUE) : NULL);
}

void
desk_list_cell_set_spoken (GtkWidget  *cell,
                           const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  g_object_set_qdata_full (G_OBJECT (cell), spoken_quark (),
                           text != NULL && text[0] != '\0' ? g_strdup (text) : NULL, g_free);
}

GtkWidget *
desk_list_row_from_cell (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  for (GtkWidget *widget = cell; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (parent != NULL && GTK_IS_LIST_VIEW (parent))
        return widget;
    }

  return NULL;
}
