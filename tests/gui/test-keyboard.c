/* test-keyboard.c — the window with the keyboard alone: Tab through the whole window
 * never changes the page shown nor the sidebar's mark, arrow keys in the sidebar move the
 * focus only, Enter shows the page of the row it is on; each Overview card is one Tab
 * stop with a name; the workplan's bar is a progress bar with its values
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's compiled
 * schema. Nothing but TAP on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-overview-page.h"
#include "desk-window.h"
#include "desk-window-private.h"

#include <locale.h>

#include "test-window-common.h"
#include "test-a11y-common.h"

/* More Tab presses than any page has stops: a cycle that has not come back by then is
 * a trap. */
#define MAX_STOPS 2000

static GtkListBox *
sidebar_list (DeskWindow *window)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "sidebar_list"));
}

static const char *
row_page (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "desk-page-name");
}

/* The page the sidebar marks as the one shown: exactly one row is selected, for the eye
 * (its state) and for a screen reader (its accessible state). */
static const char *
marked_page (DeskWindow *window)
{
  GtkListBox *list = sidebar_list (window);
  const char *marked = NULL;

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      gboolean selected = (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;
      g_autofree char *state = gtk_test_accessible_check_state (GTK_ACCESSIBLE (row),
                                                                GTK_ACCESSIBLE_STATE_SELECTED,
                                                                selected);

      g_assert_null (state);
      if (selected)
        {
          g_assert_null (marked);
          marked = row_page (row);
        }
    }

  return marked;
}

static GtkWidget *
row_of_page (DeskWindow *window,
             const char *name)
{
  GtkListBox *list = sidebar_list (window);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));

      if (g_strcmp0 (row_page (row), name) == 0)
        return row;
    }

  return NULL;
}

static GtkWidget *
focus_of (DeskWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Presses Tab (what its binding does) and lets the main loop run. */
static void
press_tab (DeskWindow *window)
{
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static DeskWindow *
window_on_page (DeskStore  *store,
                const char *page)
{
  DeskWindow *window = new_window (store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  wait_a_moment (50);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, page);
  g_assert_cmpstr (marked_page (window), ==, page);

  return window;
}

/* Whether the focus of @window is in its sidebar. */
static gboolean
focus_in_sidebar (DeskWindow *window)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (sidebar_list (window)));
}

/* From the sidebar row of the page shown, Tab through the whole window until the focus
 * is back in the sidebar (on its first row: the list box has no selection to come back
 * to): the page shown and the row marked never change on the way. */
static void
test_tab_keeps_page (void)
{
  static const char *const starts[] = { "overview", "budget", "people" };
  g_autoptr(DeskStore) store = new_sample_store ();

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    {
      DeskWindow *window = window_on_page (store, starts[s]);
      GtkWidget *row = row_of_page (window, starts[s]);
      gboolean left_sidebar = FALSE;
      guint stops = 0;
      guint in_page = 0;

      gtk_widget_grab_focus (row);
      g_assert_true (focus_of (window) == row);

      do
        {
          GtkWidget *focus;

          press_tab (window);
          focus = focus_of (window);
          stops++;
          g_assert_cmpuint (stops, <, MAX_STOPS);
          g_assert_cmpstr (desk_window_get_visible_page (window), ==, starts[s]);
          g_assert_cmpstr (marked_page (window), ==, starts[s]);
          if (!focus_in_sidebar (window))
            left_sidebar = TRUE;
          if (focus != NULL && gtk_widget_is_ancestor (focus, _desk_window_ensure_page (window, starts[s])))
            in_page++;
        }
      while (!left_sidebar || !focus_in_sidebar (window));

      g_test_message ("%s: %u Tab stops in a cycle, %u in the page", starts[s], stops, in_page);
      /* The cycle went through the page, not round the window's header alone. */
      g_assert_cmpuint (in_page, >, 0);
      destroy_window (window);
    }
}

/* Arrow keys move the focus from row to row and show nothing; Enter (Space too: the
 * same keybinding signal) shows the page of the row the focus is on, and marks it. */
static void
test_arrows_move_focus_enter_shows (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkListBox *list = sidebar_list (window);
  GtkWidget *focus;

  gtk_widget_grab_focus (row_of_page (window, "overview"));
  for (int i = 0; i < 3; i++)
    {
      g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
      wait_a_moment (10);
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
      g_assert_cmpstr (marked_page (window), ==, "overview");
    }
  /* Overview, Workplan, Deliverables, Budget: the focus is on Budget's row. */
  focus = focus_of (window);
  g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
  g_assert_cmpstr (row_page (focus), ==, "budget");

  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, -1, FALSE, FALSE);
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE, FALSE);
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  g_assert_cmpstr (marked_page (window), ==, "overview");

  /* Back to Budget's row, and Enter. */
  gtk_widget_grab_focus (row_of_page (window, "budget"));
  g_signal_emit_by_name (list, "activate-cursor-row");
  wait_a_moment (50);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "budget");
  g_assert_cmpstr (marked_page (window), ==, "budget");

  /* A page shown another way (an action, a card) moves the mark with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "people"));
  wait_a_moment (50);
  g_assert_cmpstr (marked_page (window), ==, "people");

  destroy_window (window);
}

/* The sidebar is one Tab stop, as every list: Tab from any of its rows leaves it for the
 * page (not the next row), Shift+Tab for what is before it; the arrows walk the rows. */
static void
test_sidebar_one_tab_stop (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkWidget *list = GTK_WIDGET (sidebar_list (window));

  for (const char *const *page = (const char *[]) { "overview", "budget", "exports", NULL };
       *page != NULL; page++)
    {
      gtk_widget_grab_focus (row_of_page (window, *page));
      g_assert_true (focus_in_sidebar (window));
      g_assert_true (press_key_captured (list, GDK_KEY_Tab, 0));
      g_assert_false (focus_in_sidebar (window));
      g_assert_nonnull (focus_of (window));

      gtk_widget_grab_focus (row_of_page (window, *page));
      g_assert_true (press_key_captured (list, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
      g_assert_false (focus_in_sidebar (window));
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
      g_assert_cmpstr (marked_page (window), ==, "overview");
    }

  destroy_window (window);
}

/* Every sidebar row is said as its page's title. */
static void
test_sidebar_rows_named (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkListBox *list = sidebar_list (window);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "page_stack"));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      GtkWidget *page = _desk_window_ensure_page (window, row_page (row));
      const char *title = gtk_stack_page_get_title (gtk_stack_get_page (stack, page));
      g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, title);

      g_assert_nonnull (title);
      g_assert_null (error);
    }

  destroy_window (window);
}

static GtkWidget *
overview_tiles (DeskWindow *window)
{
  GtkWidget *page = _desk_window_ensure_page (window, "overview");

  return GTK_WIDGET (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, "tiles"));
}

/* A Tab cycle stops once on each Overview card, on the card's button, and the card is
 * said as its title and headline figure. */
static void
test_overview_card_one_stop (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkWidget *tiles = overview_tiles (window);
  GtkWidget *start = row_of_page (window, "overview");
  g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
  gboolean left_sidebar = FALSE;
  guint n_cards = 0;
  guint n = 0;

  gtk_widget_grab_focus (start);
  do
    {
      GtkWidget *focus;

      press_tab (window);
      focus = focus_of (window);
      g_assert_cmpuint (++n, <, MAX_STOPS);
      if (!focus_in_sidebar (window))
        left_sidebar = TRUE;
      if (focus == NULL || !gtk_widget_is_ancestor (focus, tiles))
        continue;

      /* The stop is a card's button, and the cycle meets it once. */
      g_assert_true (GTK_IS_BUTTON (focus));
      g_assert_true (GTK_IS_FLOW_BOX_CHILD (gtk_widget_get_parent (focus)));
      g_assert_false (g_hash_table_contains (stops, focus));
      g_hash_table_add (stops, focus);
    }
  while (!left_sidebar || !focus_in_sidebar (window));

  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      g_autofree char *name = NULL;

      n_cards++;
      g_assert_true (g_hash_table_contains (stops, card));
      g_assert_false (gtk_widget_get_focusable (child));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  g_assert_cmpuint (n_cards, ==, 6);
  g_assert_cmpuint (g_hash_table_size (stops), ==, n_cards);

  destroy_window (window);
}

/* The cards' names carry the figure each shows: the budget card what share is spent,
 * the workplan card how many activities are done. */
static void
test_overview_card_names (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkWidget *page = _desk_window_ensure_page (window, "overview");
  static const struct
  {
    const char *tile;
    const char *title;
    const char *figure;
  } cards[] = {
    { "workplan_tile", "Workplan Progress", "workplan_figure" },
    { "deliverables_tile", "Deliverables", "due_figure" },
    { "budget_tile", "Budget Burn", "budget_figure" },
    { "attendance_tile", "Attendance", "attendance_figure" },
    { "export_tile", "Last Export", "export_figure" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      GtkWidget *tile = GTK_WIDGET (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, cards[i].tile));
      GtkLabel *figure = GTK_LABEL (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, cards[i].figure));
      g_autofree char *expected = g_strdup_printf ("%s: %s", cards[i].title, gtk_label_get_text (figure));
      g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (tile),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

      g_test_message ("%s: “%s”", cards[i].tile, expected);
      g_assert_cmpstr (gtk_label_get_text (figure), !=, "…");
      g_assert_null (error);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
    }

  destroy_window (window);
}

/* The workplan's drawn bar is a progress bar: done of all the activities, and the same
 * said in words. */
static void
test_workplan_bar_is_progress_bar (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  g_autoptr(GPtrArray) activities = desk_store_list (store, DESK_KIND_ACTIVITY, NULL, NULL);
  DeskWindow *window = window_on_page (store, "overview");
  GtkWidget *page = _desk_window_ensure_page (window, "overview");
  GtkWidget *bar = GTK_WIDGET (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, "workplan_bar"));
  GtkWidget *level = GTK_WIDGET (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, "budget_level"));
  GtkLabel *figure = GTK_LABEL (gtk_widget_get_template_child (page, DESK_TYPE_OVERVIEW_PAGE, "workplan_figure"));
  g_autofree char *error = NULL;
  g_auto(GStrv) parts = NULL;
  double done;
  double total;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* "12 of 40 done" on the card: the bar's values are those. */
  parts = g_strsplit (gtk_label_get_text (figure), " ", -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 3);
  done = g_ascii_strtod (parts[0], NULL);
  total = g_ascii_strtod (parts[2], NULL);
  g_assert_cmpfloat (total, >, 0);
  g_assert_cmpfloat (total, <=, activities->len);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0);
  g_assert_null (error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, total);
  g_assert_null (error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, done);
  g_assert_null (error);
  {
    g_autofree char *text = g_strdup_printf ("%s of %s activities done", parts[0], parts[2]);

    error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text);
    g_assert_null (error);
  }

  /* The budget's level bar: named, its value said as the card says it. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT));

  destroy_window (window);
}

/* The window's header buttons are named: the main menu (and the toggle inside it that
 * takes the focus), the back button. */
static void
test_header_buttons_named (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = window_on_page (store, "overview");
  GtkWidget *menu = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "menu_button"));
  GtkWidget *back = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "back_button"));
  GtkWidget *lock = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "lock_button"));
  GtkWidget *unlock = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "unlock_button"));
  g_autofree char *error = NULL;

  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  g_assert_null (error);
  for (GtkWidget *child = gtk_widget_get_first_child (menu); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_focusable (child))
      {
        error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
        g_assert_null (error);
      }
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, "Back");
  g_assert_null (error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (lock), GTK_ACCESSIBLE_PROPERTY_LABEL, "Lock Names");
  g_assert_null (error);
  /* Its label once, without the mnemonic's underscore. */
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (unlock), GTK_ACCESSIBLE_PROPERTY_LABEL, "Unlock…");
  g_assert_null (error);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (unlock), GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  destroy_window (window);
}

/* Every button under @widget that takes the focus has a name of its own, said once (no
 * labelled-by relation besides it); returns how many there are. */
static guint
check_buttons_named (GtkWidget *widget)
{
  guint n = 0;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)) && gtk_widget_get_focusable (widget))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

      g_test_message ("%s (role %d)", G_OBJECT_TYPE_NAME (widget), role);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_buttons_named (child);

  return n;
}

/* The welcome view's buttons (its menu, the three choices, the passphrase check) are
 * named, each once. */
static void
test_welcome_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  DeskWindow *window;
  GtkStack *main_stack;
  GtkWidget *welcome;

  g_assert_no_error (error);
  window = new_window (store);
  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "main_stack"));
  welcome = gtk_stack_get_child_by_name (main_stack, "welcome");
  g_assert_nonnull (welcome);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "welcome");
  /* The menu's toggle, three choices and the check button. */
  g_assert_cmpuint (check_buttons_named (welcome), >=, 5);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/keyboard/tab-keeps-page", test_tab_keeps_page);
  g_test_add_func ("/gui/keyboard/arrows-move-focus-enter-shows", test_arrows_move_focus_enter_shows);
  g_test_add_func ("/gui/keyboard/sidebar-rows-named", test_sidebar_rows_named);
  g_test_add_func ("/gui/keyboard/sidebar-one-tab-stop", test_sidebar_one_tab_stop);
  g_test_add_func ("/gui/keyboard/header-buttons-named", test_header_buttons_named);
  g_test_add_func ("/gui/keyboard/welcome-named", test_welcome_named);
  g_test_add_func ("/gui/keyboard/overview-card-one-stop", test_overview_card_one_stop);
  g_test_add_func ("/gui/keyboard/overview-card-names", test_overview_card_names);
  g_test_add_func ("/gui/keyboard/workplan-bar-is-progress-bar", test_workplan_bar_is_progress_bar);

  return g_test_run ();
}
