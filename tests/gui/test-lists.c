/* test-lists.c — searching, sorting and selecting in a DeskRecordList
 *
 * The list filters above its sort and tells the filter how a query changed, so that a
 * keystroke looks only at the rows that can change. These tests hold it to what a plain
 * loop over the records gives, whatever the order of the keystrokes, sorts and writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-cells.h"
#include "desk-record-list.h"

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

  return g_test_run ();
}
