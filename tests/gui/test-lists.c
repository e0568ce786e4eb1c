/* test-lists.c — searching, sorting and selecting in a DeskRecordList
 *
 * The list filters above its sort and tells the filter how a query changed, so that a
 * keystroke looks only at the rows that can change. These tests hold it to what a plain
 * loop over the records gives, whatever the order of the keystrokes, sorts and writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-a11y-common.h"

#include "desk-cells.h"
#include "desk-list-access.h"
#include "desk-record-list.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <locale.h>
#include <string.h>

typedef struct
{
  DeskStore *store;
  GtkWindow *window;
  DeskRecordList *list;
  DeskRecordModel *model;
  GtkColumnViewColumn *title;
  GtkColumnViewColumn *end;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
new_cb (gpointer page)
{
}

/* The demo group's activities in a list with a title and an end date column. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autofree char *uuid = NULL;
  AdwBin *bin;

  fixture->store = desk_store_open (":memory:", &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (fixture->store, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 1200, 800);
  bin = ADW_BIN (adw_bin_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (bin));
  fixture->list = desk_record_list_new_in (bin, NULL, G_CALLBACK (new_cb), fixture);
  desk_record_list_set_editor (fixture->list, gtk_label_new ("Editor"), NULL, NULL);
  fixture->title = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "title",
                                                      NULL, DESK_COLUMN_ESSENTIAL);
  fixture->end = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "planned_end",
                                                    NULL, DESK_COLUMN_ESSENTIAL);

  group = desk_store_dup_main_group (fixture->store);
  fixture->model = desk_record_model_new (fixture->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (group));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), >, 5);
  desk_record_list_set_model (fixture->list, fixture->model);
  gtk_window_present (fixture->window);
  wait_a_moment (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wait_a_moment (20);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->store);
}

/* Types @text into the search and checks that the list shows exactly the records whose
 * search key holds the folded query, each once: a plain loop over the model. */
static void
assert_search (Fixture    *fixture,
               const char *text)
{
  GListModel *shown = desk_record_list_get_filter_model (fixture->list);
  g_autofree char *query = desk_text_fold_search (text);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint expected = 0;

  gtk_editable_set_text (desk_record_list_get_search_entry (fixture->list), text);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->model)); i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);

      if (strstr (desk_record_get_search_key (record), query) != NULL)
        expected++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (shown, i);

      g_assert_nonnull (strstr (desk_record_get_search_key (record), query));
      g_assert_false (g_hash_table_contains (seen, record));
      g_hash_table_add (seen, record);
    }
}

/* Longer queries, then shorter ones, then another word: each time what a loop finds. A
 * filter told "more strict" when it was not would keep rows a shorter query lost. */
static void
test_search_longer_shorter (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DeskRecord) first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
  const char *title = desk_record_get_string (first, "title_en");
  g_autofree char *word = NULL;

  g_assert_nonnull (title);
  word = g_strndup (title, MIN (strlen (title), 6));

  for (gsize i = 1; i <= strlen (word); i++)
    {
      g_autofree char *prefix = g_strndup (word, i);

      assert_search (fixture, prefix);
    }
  for (gsize i = strlen (word); i > 0; i--)
    {
      g_autofree char *prefix = g_strndup (word, i);

      assert_search (fixture, prefix);
    }
  assert_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (fixture->list)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (fixture->model)));
  /* Neither longer nor shorter: a different query altogether. */
  assert_search (fixture, "a");
  assert_search (fixture, "e");
  /* Case, extra spaces and a trailing space fold away, as in the keys. */
  {
    g_autofree char *loud = g_utf8_strup (word, -1);
    g_autofree char *spaced = g_strconcat ("  ", loud, " ", NULL);

    assert_search (fixture, spaced);
    g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (fixture->list)), >, 0);
  }
  assert_search (fixture, "no activity is called this");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (fixture->list)), ==, 0);
}

/* A record written while a search is on is found by its new title at once: its key is
 * made again from the record the store hands back. */
static void
test_search_after_edit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskRecord) first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
  g_autoptr(DeskRecord) copy = desk_store_get (fixture->store, DESK_KIND_ACTIVITY,
                                               desk_record_get_uuid (first), NULL);
  g_autoptr(GError) error = NULL;
  GListModel *shown = desk_record_list_get_filter_model (fixture->list);

  assert_search (fixture, "zanzibar ferry");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  desk_record_set_string (copy, "title_en", "Zanzibar  Ferry safety training");
  g_assert_true (desk_store_update (fixture->store, copy, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(DeskRecord) found = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (desk_record_get_uuid (found), ==, desk_record_get_uuid (first));
  }
  assert_search (fixture, "zanzibar ferry");
}

static void
assert_sorted_by_end (GListModel *model)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DeskRecord) a = g_list_model_get_item (model, i - 1);
      g_autoptr(DeskRecord) b = g_list_model_get_item (model, i);

      g_assert_cmpint (desk_record_compare_field (a, b, (gpointer) "planned_end"), <=, 0);
    }
}

/* The sort stays through searches: the filter sits above it and keeps its order. */
static void
test_sort_survives_filter (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkColumnView *view = gtk_column_view_column_get_column_view (fixture->end);
  GListModel *shown = desk_record_list_get_sorted_model (fixture->list);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (fixture->model));

  g_autoptr(DeskRecord) first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
  g_autofree char *query = NULL;

  gtk_column_view_sort_by_column (view, fixture->end, GTK_SORT_ASCENDING);
  assert_sorted_by_end (shown);

  /* The first word of a title, then the whole title: fewer rows, still in order. */
  query = g_strdup (desk_record_get_string (first, "title_en"));
  if (strchr (query, ' ') != NULL)
    *strchr (query, ' ') = '\0';
  assert_search (fixture, query);
  assert_sorted_by_end (shown);
  assert_search (fixture, desk_record_get_string (first, "title_en"));
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, all);
  assert_sorted_by_end (shown);
  assert_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  assert_sorted_by_end (shown);
}

/* The record open stays selected while the search keeps it, is unselected while the
 * search hides it, and is selected again when it comes back. */
static void
test_selection_across_filter (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (gtk_column_view_column_get_column_view (fixture->title));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->model));
  g_autoptr(DeskRecord) last = g_list_model_get_item (G_LIST_MODEL (fixture->model), n - 1);
  const char *uuid = desk_record_get_uuid (last);
  g_autofree char *title = desk_text_fold_search (desk_record_get_string (last, "title_en"));
  DeskRecord *selected;

  desk_record_list_open (fixture->list, uuid);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_assert_nonnull (selected);
  g_assert_cmpstr (desk_record_get_uuid (selected), ==, uuid);

  /* Its own title keeps it; the selection moves with its row. */
  gtk_editable_set_text (desk_record_list_get_search_entry (fixture->list), title);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_assert_nonnull (selected);
  g_assert_cmpstr (desk_record_get_uuid (selected), ==, uuid);

  gtk_editable_set_text (desk_record_list_get_search_entry (fixture->list), "no activity is called this");
  g_assert_null (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection)));
  g_assert_cmpstr (desk_record_list_get_open_uuid (fixture->list), ==, uuid);

  gtk_editable_set_text (desk_record_list_get_search_entry (fixture->list), "");
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_assert_nonnull (selected);
  g_assert_cmpstr (desk_record_get_uuid (selected), ==, uuid);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), <, n);
}

/* A cell's tooltip is kept on the cell, and a title that fell back to the other
 * language says so in the cell and in its tooltip. */
static void
test_title_hint (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *cell = desk_cell_title_new (NULL);

  g_object_ref_sink (cell);
  desk_cell_title_set (cell, "Police training", NULL);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, "Police training");
  g_assert_null (desk_cell_get_tooltip (cell));

  desk_cell_title_set (cell, "Police <training>", "in English");
  g_assert_nonnull (strstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), "Police <training>"));
  g_assert_nonnull (strstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), "in English"));
  g_assert_nonnull (strstr (desk_cell_get_tooltip (cell), "in English"));

  desk_cell_title_set (cell, "Back in the UI language", NULL);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, "Back in the UI language");
  g_assert_null (gtk_inscription_get_attributes (GTK_INSCRIPTION (cell)));
  g_assert_null (desk_cell_get_tooltip (cell));
  g_object_unref (cell);
}

static guint
count_cells (GtkWidget *widget)
{
  guint n = g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewCell") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_cells (child);

  return n;
}

/* A list not shown makes no rows (Workplan's indicators, in a tab of their own); shown, it
 * makes them, and reading its models before gives every record. */
static void
test_rows_when_shown (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwBin *bin = ADW_BIN (adw_bin_new ());
  DeskRecordList *list;

  g_object_ref (window);
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (bin));
  list = desk_record_list_new_in (bin, NULL, G_CALLBACK (new_cb), fixture);
  desk_record_list_add_field_column (list, DESK_KIND_ACTIVITY, "title", NULL, DESK_COLUMN_ESSENTIAL);
  desk_record_list_set_model (list, fixture->model);
  wait_a_moment (20);
  g_assert_cmpuint (count_cells (GTK_WIDGET (list)), ==, 0);

  gtk_window_present (window);
  wait_a_moment (50);
  g_assert_cmpuint (count_cells (GTK_WIDGET (list)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (fixture->model)));

  gtk_window_destroy (window);
  wait_a_moment (20);
  g_assert_finalize_object (window);
}

/* Row names, Tab and the list keys */

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows shown: the children of the column view's list view that hold a record. */
static GPtrArray *
dup_rows (GtkWidget *view)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list = gtk_widget_get_last_child (view);

  g_assert_true (GTK_IS_LIST_VIEW (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_first_child (row) != NULL)
      g_ptr_array_add (rows, row);

  return rows;
}

static const char *
row_cell_text (GtkWidget *row,
               guint      column)
{
  GtkWidget *cell = gtk_widget_get_first_child (row);

  for (guint i = 0; i < column; i++)
    cell = gtk_widget_get_next_sibling (cell);

  return gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (cell)));
}

typedef struct
{
  GtkWindow *window;
  DeskRecordList *list;
  GtkWidget *view;
  GtkWidget *before;
  GtkWidget *after;
} Around;

/* A list between two buttons, in a window of its own. */
static void
around_set_up (Around  *around,
               Fixture *fixture)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwBin *bin = ADW_BIN (adw_bin_new ());

  around->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (around->window);
  gtk_window_set_default_size (around->window, 900, 600);
  around->before = gtk_button_new_with_label ("Before");
  around->after = gtk_button_new_with_label ("After");
  gtk_widget_set_vexpand (GTK_WIDGET (bin), TRUE);
  gtk_box_append (GTK_BOX (box), around->before);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bin));
  gtk_box_append (GTK_BOX (box), around->after);
  gtk_window_set_child (around->window, box);
  around->list = desk_record_list_new_in (bin, NULL, G_CALLBACK (new_cb), fixture);
  desk_record_list_add_field_column (around->list, DESK_KIND_ACTIVITY, "title", NULL, DESK_COLUMN_ESSENTIAL);
  desk_record_list_add_field_column (around->list, DESK_KIND_ACTIVITY, "planned_end", NULL,
                                     DESK_COLUMN_ESSENTIAL);
  desk_record_list_add_field_column (around->list, DESK_KIND_ACTIVITY, "status", NULL, DESK_COLUMN_NORMAL);
  desk_record_list_set_model (around->list, fixture->model);
  around->view = find_column_view (GTK_WIDGET (around->list));
  gtk_window_present (around->window);
  wait_a_moment (50);
}

static void
around_tear_down (Around *around)
{
  gtk_window_destroy (around->window);
  wait_a_moment (20);
  g_assert_finalize_object (around->window);
}

static GtkWidget *
get_focus (Around *around)
{
  return gtk_root_get_focus (GTK_ROOT (around->window));
}

static gboolean
focus_in_view (Around *around)
{
  GtkWidget *focus = get_focus (around);

  return focus != NULL && gtk_widget_is_ancestor (focus, around->view);
}

/* Each row shown is named after the record it shows now: its title then its end date
 * (the essential columns), never its status (a normal column), and never the record the
 * row showed before it was recycled. Returns how many rows were checked. */
static guint
assert_row_names (Around *around)
{
  GtkWidget *view = around->view;
  GListModel *shown = desk_record_list_get_filter_model (around->list);
  g_autoptr(GPtrArray) rows = dup_rows (view);

  for (guint r = 0; r < rows->len; r++)
    {
      GtkWidget *row = g_ptr_array_index (rows, r);
      const char *title = row_cell_text (row, 0);
      g_autoptr(DeskRecord) record = NULL;
      g_autofree char *date = NULL;
      g_autofree char *expected = NULL;

      /* The record of that title among those shown: a row left over from an earlier
       * query would find none. */
      for (guint i = 0; i < g_list_model_get_n_items (shown) && record == NULL; i++)
        {
          g_autoptr(DeskRecord) candidate = g_list_model_get_item (shown, i);

          if (g_strcmp0 (desk_record_title (candidate, "title", NULL), title) == 0)
            record = g_steal_pointer (&candidate);
        }
      g_assert_nonnull (record);

      date = desk_date_format (desk_record_get_string (record, "planned_end"));
      expected = date != NULL ? g_strdup_printf ("%s, %s", title, date) : g_strdup (title);
      assert_label (row, expected);
    }

  return rows->len;
}

static void
test_row_names (Fixture       *fixture,
                gconstpointer  data)
{
  Around around;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  g_autoptr(DeskRecord) third = NULL;
  g_autoptr(DeskRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;

  around_set_up (&around, fixture);
  scrolled = gtk_widget_get_ancestor (around.view, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  third = g_list_model_get_item (desk_record_list_get_filter_model (around.list), 2);
  g_assert_cmpuint (assert_row_names (&around), >=, 5);

  /* A query keeps some records: the rows left are rebound to other records. */
  words = g_strsplit (desk_record_title (third, "title", NULL), " ", -1);
  gtk_editable_set_text (desk_record_list_get_search_entry (around.list), words[0]);
  wait_a_moment (50);
  g_assert_cmpuint (assert_row_names (&around), >=, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (around.list), "");
  wait_a_moment (50);
  g_assert_cmpuint (assert_row_names (&around), >=, 5);

  /* Scrolled to the end, and a record written: the names follow. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_a_moment (50);
  g_assert_cmpuint (assert_row_names (&around), >=, 1);
  gtk_adjustment_set_value (adjustment, 0);
  copy = desk_store_get (fixture->store, DESK_KIND_ACTIVITY, desk_record_get_uuid (third), NULL);
  desk_record_set_string (copy, "title_en", "Aardvark census with the district");
  g_assert_true (desk_store_update (fixture->store, copy, &error));
  g_assert_no_error (error);
  wait_a_moment (50);
  g_assert_cmpuint (assert_row_names (&around), >=, 5);

  around_tear_down (&around);
}

/* The column titles are named after their columns, and renamed with them; the header row
 * is named after the titles shown. */
static void
test_title_names (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *view = find_column_view (GTK_WIDGET (fixture->list));
  GtkWidget *header = gtk_widget_get_first_child (view);
  GtkWidget *title = gtk_widget_get_first_child (header);

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (title)), ==,
                   GTK_ACCESSIBLE_ROLE_COLUMN_HEADER);
  assert_label (title, gtk_column_view_column_get_title (fixture->title));
  assert_label (gtk_widget_get_next_sibling (title), gtk_column_view_column_get_title (fixture->end));
  /* AT-SPI hears the titles as fillers: the header row says them. */
  assert_label (header, "Columns: Title, Planned end");
  gtk_column_view_column_set_title (fixture->end, "Ends");
  assert_label (gtk_widget_get_next_sibling (title), "Ends");
  assert_label (header, "Columns: Title, Ends");
  /* A column without a title has nothing to say: its title is hidden from screen readers. */
  gtk_column_view_column_set_title (fixture->end, "");
  {
    g_autofree char *hidden = gtk_test_accessible_check_state (GTK_ACCESSIBLE (gtk_widget_get_next_sibling (title)),
                                                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

    g_assert_cmpstr (hidden, ==, NULL);
  }
  assert_label (header, "Columns: Title");
  gtk_column_view_column_set_title (fixture->end, "Ends");
  gtk_column_view_column_set_visible (fixture->end, FALSE);
  assert_label (header, "Columns: Title");
}

/* From any row, Tab goes past the list in one step, to the widget after it; Shift+Tab to
 * the one before it (the list's New button). Entering again lands on the row of the
 * record opened while the focus was away. */
static void
test_tab_leaves (Fixture       *fixture,
                 gconstpointer  data)
{
  Around around;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(DeskRecord) sixth = NULL;
  GtkWidget *focus;

  around_set_up (&around, fixture);
  rows = dup_rows (around.view);
  g_assert_cmpuint (rows->len, >, 8);

  gtk_widget_grab_focus (g_ptr_array_index (rows, 2));
  g_assert_true (get_focus (&around) == g_ptr_array_index (rows, 2));
  g_assert_true (press_key_captured (around.view, GDK_KEY_Tab, 0));
  g_assert_true (get_focus (&around) == around.after);

  gtk_widget_grab_focus (g_ptr_array_index (rows, 4));
  g_assert_true (press_key_captured (around.view, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  focus = get_focus (&around);
  g_assert_nonnull (focus);
  g_assert_false (focus_in_view (&around));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (around.list)));

  /* The record at row 6 opened from elsewhere; Tab from the New button enters there, not
   * at row 4 where the focus last was. */
  sixth = g_list_model_get_item (desk_record_list_get_filter_model (around.list), 6);
  desk_record_list_open (around.list, desk_record_get_uuid (sixth));
  /* The editor opened beside the list: once the rows are laid out again, the selected
   * row shown. */
  for (guint i = 0; i < 150 && !(gtk_widget_get_mapped (g_ptr_array_index (rows, 6)) &&
                                 (gtk_widget_get_state_flags (g_ptr_array_index (rows, 6)) & GTK_STATE_FLAG_SELECTED)); i++)
    wait_a_moment (20);
  gtk_widget_child_focus (GTK_WIDGET (around.window), GTK_DIR_TAB_FORWARD);
  for (guint i = 0; i < 150 && get_focus (&around) != g_ptr_array_index (rows, 6); i++)
    wait_a_moment (20);
  g_assert_true (focus_in_view (&around));
  g_assert_true (get_focus (&around) == g_ptr_array_index (rows, 6));
  g_assert_true (gtk_widget_get_state_flags (get_focus (&around)) & GTK_STATE_FLAG_SELECTED);

  around_tear_down (&around);
}

#ifdef GDK_WINDOWING_X11
/* Presses @keys (xdotool's names) in @window for real, through the X server, after giving
 * it the input focus (GTK drops keys sent to a window without it). FALSE when xdotool
 * cannot. */
static gboolean
xdotool_keys (GtkWindow  *window,
              const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;

  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  command = g_strdup_printf ("%s windowfocus %s key --delay 30 %s", xdotool, xid, keys);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, NULL));
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}
#endif

#ifdef GDK_WINDOWING_X11
typedef gboolean (*FocusCheck) (Around     *around,
                                const char *title);

static gboolean
focused_title_is (Around     *around,
                  const char *title)
{
  GtkWidget *focus = get_focus (around);

  return focus != NULL && gtk_widget_get_parent (focus) == gtk_widget_get_last_child (around->view) &&
         g_strcmp0 (row_cell_text (focus, 0), title) == 0;
}

static gboolean
focus_left_view (Around     *around,
                 const char *title)
{
  return get_focus (around) != NULL && !focus_in_view (around);
}

/* Presses @key until @check holds, up to three times, waiting a second each: another
 * test on the same display may take the input focus between xdotool's focus and its key,
 * and the key is lost. Only for keys whose second press changes nothing once @check
 * holds. */
static gboolean
press_until (Around     *around,
             const char *key,
             FocusCheck  check,
             const char *title)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      if (!xdotool_keys (around->window, key))
        return FALSE;
      for (guint i = 0; i < 50; i++)
        {
          if (check (around, title))
            return TRUE;
          wait_a_moment (20);
        }
    }

  return check (around, title);
}
#endif

/* Real keys through the X server: Home and End go to the first and last rows (GTK 4.8's
 * own), Tab and Shift+Tab leave the list in one step each way, and Shift+Tab back into
 * the list lands on the selected row. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
#ifdef GDK_WINDOWING_X11
  GListModel *shown;
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) last = NULL;
  g_autoptr(DeskRecord) third = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *first_title = NULL;
  g_autofree char *third_title = NULL;
  Around around;

  around_set_up (&around, fixture);
  shown = desk_record_list_get_filter_model (around.list);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, g_list_model_get_n_items (shown) - 1);
  first_title = g_strdup (desk_record_title (first, "title", NULL));
  third = g_list_model_get_item (shown, 2);
  third_title = g_strdup (desk_record_title (third, "title", NULL));
  rows = dup_rows (around.view);
  gtk_widget_grab_focus (g_ptr_array_index (rows, 3));

  if (!xdotool_keys (around.window, "shift"))
    {
      around_tear_down (&around);
      g_test_skip ("xdotool, or an X11 display to send it keys, is not there");
      return;
    }
  g_assert_true (press_until (&around, "End", focused_title_is, desk_record_title (last, "title", NULL)));
  g_assert_true (press_until (&around, "Home", focused_title_is, first_title));

  /* The third record opened: its editor is next in the focus chain. */
  desk_record_list_open (around.list, desk_record_get_uuid (third));
  g_ptr_array_unref (rows);
  rows = dup_rows (around.view);
  gtk_widget_grab_focus (g_ptr_array_index (rows, 2));
  g_assert_true (focused_title_is (&around, third_title));
  g_assert_true (press_until (&around, "Tab", focus_left_view, NULL));

  /* Back in on the selected row, then out before the list. */
  g_assert_true (press_until (&around, "shift+Tab", focused_title_is, third_title));
  g_assert_true (press_until (&around, "shift+Tab", focus_left_view, NULL));
  g_assert_true (gtk_widget_is_ancestor (get_focus (&around), GTK_WIDGET (around.list)));

  around_tear_down (&around);
#else
  g_test_skip ("real keys are sent through X11 only");
#endif
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lists/search/longer-shorter", test_search_longer_shorter);
  ADD ("/lists/search/after-edit", test_search_after_edit);
  ADD ("/lists/sort/survives-filter", test_sort_survives_filter);
  ADD ("/lists/selection/across-filter", test_selection_across_filter);
  ADD ("/lists/cells/title-hint", test_title_hint);
  ADD ("/lists/rows-when-shown", test_rows_when_shown);
  ADD ("/lists/a11y/row-names", test_row_names);
  ADD ("/lists/a11y/title-names", test_title_names);
  ADD ("/lists/keyboard/tab-leaves", test_tab_leaves);
  ADD ("/lists/keyboard/keys", test_keys);

  return g_test_run ();
}
