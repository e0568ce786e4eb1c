/* test-budget-views.c — the Budget page's summary view, and the figures it reads in a
 * worker: first shown, after a save, when the page outlives it, another workplan chosen
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory, like test-gui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-budget-common.h"

static char *
test_name_cb (DeskBudgetTable  table,
              const char      *key,
              gpointer         user_data)
{
  return g_strdup_printf ("%s:%s", table == DESK_BUDGET_TABLE_ACTIVITIES ? "activity" : "category", key);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;

  return FALSE;
}

/* Every row of the summary once, sorted by the view, and the grand total last. */
static void
assert_keys (GListModel *model,
             GPtrArray  *rows)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n_items (model), ==, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (shown, (gpointer) gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_hash_table_contains (shown, ((DeskBudgetRow *) g_ptr_array_index (rows, i))->key));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), rows->len), ==, "\x01total");
}

/* The summary view shows the summary it is handed, with no store of its own: the page's
 * cards and tables, and a view standing alone with names from its name function. */
static void
test_budget_summary_view (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  DeskBudgetSummaryView *view;
  const DeskBudgetSummary *s;
  g_autofree char *original = NULL;
  g_autofree char *name = NULL;
  DeskBudgetPage *page;
  DeskWindow *window;
  GtkWindow *alone;

  window = new_window (store);
  page = show_budget (window);
  s = _desk_budget_page_get_summary (page);
  view = _desk_budget_page_get_summary_view (page);
  g_assert_cmpuint (s->categories->len, >, 1);
  g_assert_cmpuint (s->activities->len, >, 1);
  assert_keys (_desk_budget_summary_view_get_model (view, "categories"), s->categories);
  assert_keys (_desk_budget_summary_view_get_model (view, "activities"), s->activities);
  assert_card (page, "budget", desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED));

  summary = desk_budget_summarise (store, s->workplan_uuid, &error);
  g_assert_no_error (error);
  destroy_window (window);

  /* Alone, in a window of its own, in the original version. */
  view = DESK_BUDGET_SUMMARY_VIEW (desk_budget_summary_view_new ());
  desk_budget_summary_view_set_name_func (view, test_name_cb, NULL);
  alone = GTK_WINDOW (gtk_window_new ());
  g_object_ref (alone);
  gtk_window_set_default_size (alone, 1000, 800);
  gtk_window_set_child (alone, GTK_WIDGET (view));
  gtk_window_present (alone);
  desk_budget_summary_view_show (view, summary, DESK_BUDGET_ORIGINAL);
  wait_a_moment (100);

  original = money (summary, summary->total.original);
  g_assert_cmpstr (gtk_label_get_label (_desk_budget_summary_view_get_card_value (view, "budget")), ==, original);
  assert_keys (_desk_budget_summary_view_get_model (view, "categories"), summary->categories);
  name = g_strdup_printf ("category:%s", ((DeskBudgetRow *) g_ptr_array_index (summary->categories, 0))->key);
  g_assert_true (shows_text (GTK_WIDGET (view), name));
  g_assert_false (shows_text (GTK_WIDGET (view), "category:no such category"));

  /* Nothing to show: the tables empty, the summary no longer read. */
  desk_budget_summary_view_show (view, NULL, DESK_BUDGET_ORIGINAL);
  g_clear_pointer (&summary, desk_budget_summary_free);
  wait_a_moment (20);
  g_assert_cmpuint (n_items (_desk_budget_summary_view_get_model (view, "categories")), ==, 0);
  g_assert_cmpuint (n_items (_desk_budget_summary_view_get_model (view, "activities")), ==, 0);

  gtk_window_destroy (alone);
  wait_a_moment (20);
  g_assert_finalize_object (alone);
}

/* An expense saved: the page follows it in the summary it has (no new summary), and
 * the cards show the total core sums from the whole database. A new rate cannot be
 * followed: the page sums again, and the cards still agree. */
static void
test_budget_follows_saved_expense (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) rate = NULL;
  g_autoptr(DeskBudgetSummary) whole = NULL;
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskHistory *history = desk_window_get_history (window);
  const DeskBudgetSummary *before;
  GListModel *expenses;
  guint count;

  before = _desk_budget_page_get_summary (page);
  expenses = desk_record_list_get_filter_model (_desk_budget_page_get_list (page, "expenses"));
  g_assert_cmpuint (n_items (expenses), >, 0);
  {
    g_autoptr(DeskRecord) shown = g_list_model_get_item (expenses, 0);

    expense = desk_record_copy (shown);
  }
  desk_record_set_int (expense, "amount_minor", desk_record_get_int (expense, "amount_minor") + 12345);
  desk_record_set_int (expense, "is_refund", desk_record_get_int (expense, "amount_minor") < 0);

  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_history_update (history, expense, &error));
  g_assert_no_error (error);
  wait_refresh (page, count);

  g_assert_true (_desk_budget_page_get_summary (page) == before);
  whole = desk_budget_summarise (store, before->workplan_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->total.spent, ==, whole->total.spent);
  assert_card (page, "spent", whole->total.spent);
  assert_card (page, "remaining", desk_budget_row_variance (&whole->total, DESK_BUDGET_REVISED));

  /* Undone: followed too. */
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  wait_refresh (page, count);
  g_assert_true (_desk_budget_page_get_summary (page) == before);
  g_clear_pointer (&whole, desk_budget_summary_free);
  whole = desk_budget_summarise (store, before->workplan_uuid, &error);
  assert_card (page, "spent", whole->total.spent);

  /* A rate: every conversion may change, so the page sums again. */
  rate = desk_record_new (DESK_KIND_RATE);
  desk_record_set_group (rate, desk_record_get_group (expense));
  desk_record_set_string (rate, "currency", "JPY");
  desk_record_set_string (rate, "valid_from", "2001-01-01");
  desk_record_set_int (rate, "rate_mantissa", 5);
  desk_record_set_int (rate, "rate_scale", 2);
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_history_insert (history, rate, &error));
  g_assert_no_error (error);
  wait_refresh (page, count);
  g_assert_true (_desk_budget_page_get_summary (page) != before);
  g_clear_pointer (&whole, desk_budget_summary_free);
  whole = desk_budget_summarise (store, _desk_budget_page_get_summary (page)->workplan_uuid, &error);
  assert_card (page, "spent", whole->total.spent);

  destroy_window (window);
}

/* On disk, what the page cannot follow is summed in a worker: meanwhile the page holds
 * no summary (the one it had may be half followed), then the worker's, which agrees
 * with core's; a change made while the worker reads is followed after it. */
static void
test_budget_sums_in_worker (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-budget-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) rate = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskBudgetSummary) whole = NULL;
  DeskWindow *window;
  DeskBudgetPage *page;
  GListModel *expenses;
  guint count;

  g_assert_no_error (error);
  path = g_build_filename (dir, "group.db", NULL);
  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  window = new_window (store);
  page = show_budget (window);
  g_assert_nonnull (_desk_budget_page_get_summary (page));

  rate = desk_record_new (DESK_KIND_RATE);
  desk_record_set_group (rate, uuid);
  desk_record_set_string (rate, "currency", "JPY");
  desk_record_set_string (rate, "valid_from", "2001-01-01");
  desk_record_set_int (rate, "rate_mantissa", 5);
  desk_record_set_int (rate, "rate_scale", 2);
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_store_insert (store, rate, &error));
  g_assert_no_error (error);
  /* The page's idle starts the worker. */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (_desk_budget_page_get_summary (page) != NULL &&
           _desk_budget_page_get_refresh_count (page) == count && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  /* An expense changed while the worker reads. */
  expenses = desk_record_list_get_filter_model (_desk_budget_page_get_list (page, "expenses"));
  {
    g_autoptr(DeskRecord) shown = g_list_model_get_item (expenses, 0);

    expense = desk_record_copy (shown);
  }
  desk_record_set_int (expense, "amount_minor", desk_record_get_int (expense, "amount_minor") + 777);
  desk_record_set_int (expense, "is_refund", desk_record_get_int (expense, "amount_minor") < 0);
  g_assert_true (desk_store_update (store, expense, &error));
  g_assert_no_error (error);

  wait_refresh (page, count);
  g_assert_nonnull (_desk_budget_page_get_summary (page));
  whole = desk_budget_summarise (store, _desk_budget_page_get_summary (page)->workplan_uuid, &error);
  g_assert_no_error (error);
  /* The expense is followed after the worker's summary arrives, in the page's idle. */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((_desk_budget_page_get_summary (page) == NULL ||
            _desk_budget_page_get_summary (page)->total.spent != whole->total.spent) &&
           g_get_monotonic_time () < end)
      wait_a_moment (10);
  }
  g_assert_nonnull (_desk_budget_page_get_summary (page));
  g_assert_cmpint (_desk_budget_page_get_summary (page)->total.spent, ==, whole->total.spent);
  assert_card (page, "spent", whole->total.spent);

  destroy_window (window);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        if (!g_file_test (file, G_FILE_TEST_IS_DIR))
          g_remove (file);
      }
  }
}

/* The page first shown on its Lines tab reads no expense: they are read when their tab is
 * first shown (as a click on it does), all of them, and the list shows them. */
static void
test_budget_expenses_read_when_shown (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  AdwViewStack *view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_BUDGET_PAGE,
                                                                           "view_stack"));
  AdwBin *expenses_bin = ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_BUDGET_PAGE,
                                                                 "expenses_bin"));
  DeskRecordList *list = DESK_RECORD_LIST (adw_bin_get_child (expenses_bin));
  DeskRecordModel *model;

  adw_view_stack_set_visible_child_name (view_stack, "lines");
  wait_a_moment (10);
  g_assert_null (desk_record_list_get_model (list));

  adw_view_stack_set_visible_child_name (view_stack, "expenses");
  wait_a_moment (10);
  model = desk_record_list_get_model (list);
  g_assert_nonnull (model);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                   desk_store_count (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group)));
  g_assert_cmpuint (n_items (desk_record_list_get_filter_model (list)), >, 0);
  g_assert_true (_desk_budget_page_get_list (page, "expenses") == list);

  destroy_window (window);
}

/* A demo group in a database on disk, in a new folder (*dir) for remove_store_dir. */
static DeskStore *
new_disk_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  DeskStore *store;

  *dir = g_dir_make_tmp ("groupdesk-budget-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "group.db", NULL);
  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);

  return store;
}

static void
remove_store_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* On disk the page, first shown, reads its figures in a worker: built, it holds no
 * summary until the main loop brings the worker's, which is core's. */
static void
test_budget_first_figures_from_worker (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DeskStore) store = new_disk_store (&dir);
  g_autoptr(DeskBudgetSummary) whole = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                              "page_stack"));
  DeskBudgetPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "budget"));
  page = DESK_BUDGET_PAGE (gtk_stack_get_child_by_name (stack, "budget"));
  g_assert_true (desk_page_ensure_built (DESK_PAGE (page)));
  /* No turn of the main loop yet: the worker's summary cannot have arrived. */
  g_assert_null (_desk_budget_page_get_summary (page));
  g_assert_cmpuint (_desk_budget_page_get_refresh_count (page), ==, 0);

  wait_refresh (page, 0);
  g_assert_nonnull (_desk_budget_page_get_summary (page));
  whole = desk_budget_summarise (store, _desk_budget_page_get_summary (page)->workplan_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_desk_budget_page_get_summary (page)->total.spent, ==, whole->total.spent);
  g_assert_cmpuint (_desk_budget_page_get_summary (page)->lines->len, ==, whole->lines->len);
  wait_a_moment (20);
  assert_card (page, "spent", whole->total.spent);

  destroy_window (window);
  g_clear_object (&store);
  remove_store_dir (dir);
}

/* A worker's summary that arrives after its page is gone is dropped: the page lives until
 * then (the worker holds it), and goes without a crash. */
static void
test_budget_worker_outlived (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DeskStore) store = new_disk_store (&dir);
  DeskWindow *window = new_window (store);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                              "page_stack"));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "budget"));
  page = gtk_stack_get_child_by_name (stack, "budget");
  g_assert_true (desk_page_ensure_built (DESK_PAGE (page)));
  g_assert_null (_desk_budget_page_get_summary (DESK_BUDGET_PAGE (page)));
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);

  destroy_window (window);
  while (page != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (page);

  g_clear_object (&store);
  remove_store_dir (dir);
}

/* Choosing another workplan in the header's drop-down shows its budget: the choice
 * rebuilt the drop-down's model from inside its own selection change. */
static void
test_budget_choose_workplan (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, desk_record_get_uuid (group), NULL);
  g_autofree char *first = g_strdup (desk_record_get_uuid (g_ptr_array_index (workplans, 0)));
  g_autofree char *next = desk_workplan_start_next (store, first, &error);
  DeskWindow *window;
  DeskBudgetPage *page;
  GtkDropDown *dropdown;
  guint before;

  g_assert_no_error (error);
  window = new_window (store);
  page = show_budget (window);
  g_assert_cmpstr (_desk_budget_page_get_summary (page)->workplan_uuid, ==, next);

  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_BUDGET_PAGE,
                                                           "workplan_dropdown"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *want = i == 0 ? first : next;
      g_autoptr(DeskRecord) workplan = desk_store_get (store, DESK_KIND_WORKPLAN, want, NULL);
      guint position = gtk_drop_down_get_selected (dropdown) == 0 ? 1 : 0;
      const char *shown = gtk_string_object_get_string (
        GTK_STRING_OBJECT (g_list_model_get_object (gtk_drop_down_get_model (dropdown), position)));

      g_assert_cmpstr (shown, ==, desk_record_title (workplan, "title", NULL));
      before = _desk_budget_page_get_refresh_count (page);
      gtk_drop_down_set_selected (dropdown, position);
      wait_refresh (page, before);
      g_assert_cmpstr (_desk_budget_page_get_summary (page)->workplan_uuid, ==, want);
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, position);
    }

  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/budget/summary-view", test_budget_summary_view);
  g_test_add_func ("/gui/budget/follows-saved-expense", test_budget_follows_saved_expense);
  g_test_add_func ("/gui/budget/sums-in-worker", test_budget_sums_in_worker);
  g_test_add_func ("/gui/budget/first-figures-from-worker", test_budget_first_figures_from_worker);
  g_test_add_func ("/gui/budget/worker-outlived", test_budget_worker_outlived);
  g_test_add_func ("/gui/budget/expenses-read-when-shown", test_budget_expenses_read_when_shown);
  g_test_add_func ("/gui/budget/choose-workplan", test_budget_choose_workplan);

  return g_test_run ();
}
