/* test-budget.c — the Budget page, driven through its actions and editors: lines, expenses,
 * revisions, missing rates, the over-budget filter, refused input, the CSV
 *
 * The summary view and the figures read in a worker are in test-budget-views.c.
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory, like test-gui. Each
 * test writes through the page (Ctrl+N, the editors, the forms), then checks the
 * database and what the page shows; the figures shown must be core's summary's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-budget-common.h"

/* A line, an expense, a refund and a receipt through the page: the cards follow. */
static void
test_budget_totals_follow (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
  DeskRecordEditor *editor = _desk_budget_page_get_editor (page, "lines");
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autofree char *line_uuid = NULL;
  g_autofree char *expense_uuid = NULL;
  gint64 budget, spent, received;
  gint64 n_lines = desk_store_count (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (group));
  gint64 n_expenses = desk_store_count (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group));
  gint64 n_funding = desk_store_count (store, DESK_KIND_FUNDING, desk_record_get_uuid (group));
  guint count;

  g_assert_nonnull (s);
  g_assert_cmpstr (s->currency, ==, "GHS");
  budget = desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED);
  spent = s->total.spent;
  received = s->received;
  assert_card (page, "budget", budget);
  assert_card (page, "spent", spent);
  assert_card (page, "received", received);
  assert_card (page, "cash", received - spent);
  assert_card (page, "remaining", budget - spent);
  g_assert_cmpuint (n_items (desk_record_list_get_filter_model (lines)), ==, s->lines->len);

  /* A line: Ctrl+N on the Lines tab. */
  _desk_budget_page_show_view (page, "lines");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (group)), ==, n_lines + 1);
  line_uuid = g_strdup (desk_record_list_get_open_uuid (lines));
  g_assert_nonnull (line_uuid);

  count = _desk_budget_page_get_refresh_count (page);
  enter_text (desk_record_editor_get_row (editor, "quantity_milli"), "2.5");
  enter_text (desk_record_editor_get_row (editor, "unit_cost_minor"), "1,234.50");
  g_assert_false (desk_record_editor_has_error (editor));
  line = get (store, DESK_KIND_BUDGET_LINE, line_uuid);
  g_assert_cmpint (desk_record_get_int (line, "quantity_milli"), ==, 2500);
  g_assert_cmpint (desk_record_get_int (line, "unit_cost_minor"), ==, 123450);
  g_assert_cmpstr (desk_record_get_string (line, "currency"), ==, "GHS");
  /* 2.5 × 1,234.50 = 3,086.25, computed by core and shown in the editor. */
  g_assert_cmpstr (adw_action_row_get_subtitle (_desk_budget_page_get_total_row (page, "original")), ==,
                   "GHS 3,086.25");
  wait_refresh (page, count);
  s = _desk_budget_page_get_summary (page);
  g_assert_cmpint (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), ==, budget + 308625);
  assert_card (page, "budget", budget + 308625);

  /* An expense against it: Ctrl+N on the Expenses tab asks for the amount first. */
  _desk_budget_page_show_view (page, "expenses");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_nonnull (_desk_budget_page_get_form (page));
  g_assert_cmpstr (desk_record_form_get_code (_desk_budget_page_get_form (page), "budget_line_uuid"), ==, line_uuid);
  form_text (_desk_budget_page_get_form (page), "amount_minor", "1,000.5");
  form_text (_desk_budget_page_get_form (page), "payee", "Hotel Tarkwa");
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_record_form_accept (_desk_budget_page_get_form (page)));
  wait_a_moment (10);
  g_assert_null (_desk_budget_page_get_form (page));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group)), ==, n_expenses + 1);
  expense_uuid = g_strdup (wait_open (_desk_budget_page_get_list (page, "expenses")));
  expense = get (store, DESK_KIND_EXPENSE, expense_uuid);
  g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, 100050);
  g_assert_cmpstr (desk_record_get_string (expense, "payee"), ==, "Hotel Tarkwa");
  wait_refresh (page, count);
  assert_card (page, "spent", spent + 100050);
  assert_card (page, "cash", received - spent - 100050);

  /* The same amount as a refund: the switch turns the stored sign, the amount shown stays. */
  {
    DeskRecordEditor *expense_editor = _desk_budget_page_get_editor (page, "expenses");
    GtkWidget *row = desk_record_editor_get_row (expense_editor, "is_refund");
    GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_record_editor_get_row (expense_editor, "amount_minor"))),
                     ==, "1,000.50");
    count = _desk_budget_page_get_refresh_count (page);
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    g_clear_object (&expense);
    expense = get (store, DESK_KIND_EXPENSE, expense_uuid);
    g_assert_cmpint (desk_record_get_int (expense, "is_refund"), ==, 1);
    g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, -100050);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_record_editor_get_row (expense_editor, "amount_minor"))),
                     ==, "1,000.50");
    wait_refresh (page, count);
    assert_card (page, "spent", spent - 100050);

    /* A new amount typed for the refund is stored negative too. */
    enter_text (desk_record_editor_get_row (expense_editor, "amount_minor"), "20");
    g_clear_object (&expense);
    expense = get (store, DESK_KIND_EXPENSE, expense_uuid);
    g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, -2000);
    gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
    g_clear_object (&expense);
    expense = get (store, DESK_KIND_EXPENSE, expense_uuid);
    g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, 2000);
    g_assert_cmpint (desk_record_get_int (expense, "is_refund"), ==, 0);
  }

  /* A receipt. */
  _desk_budget_page_show_view (page, "funding");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_nonnull (_desk_budget_page_get_form (page));
  form_text (_desk_budget_page_get_form (page), "amount_minor", "500");
  form_text (_desk_budget_page_get_form (page), "reference", "TEST-1");
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_record_form_accept (_desk_budget_page_get_form (page)));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_FUNDING, desk_record_get_uuid (group)), ==, n_funding + 1);
  wait_refresh (page, count);
  assert_card (page, "received", received + 50000);

  /* Delete the line with Undo: its expense goes with it, and comes back. */
  _desk_budget_page_show_view (page, "lines");
  desk_record_list_open (lines, line_uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lines), "list.delete", NULL));
  g_assert_null (desk_store_get (store, DESK_KIND_BUDGET_LINE, line_uuid, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_object (&line);
  line = get (store, DESK_KIND_BUDGET_LINE, line_uuid);

  destroy_window (window);
}

/* Revise… records the new figures; the line shows both, the toggle switches the cards. */
static void
test_budget_revise (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  const DeskBudgetRow *row = NULL;
  DeskRecordForm *form;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *uuid = NULL;
  gint64 original_total, budget_revised, budget_original;
  guint count;

  /* A line in cedis with no revision yet. */
  for (guint i = 0; i < s->lines->len && row == NULL; i++)
    {
      DeskBudgetRow *r = g_ptr_array_index (s->lines, i);
      g_autoptr(DeskRecord) line = get (store, DESK_KIND_BUDGET_LINE, r->key);

      if (r->original == r->revised && g_strcmp0 (desk_record_get_string (line, "currency"), "GHS") == 0 &&
          r->original > 0)
        row = r;
    }
  g_assert_nonnull (row);
  uuid = g_strdup (row->key);
  original_total = row->original;
  budget_revised = desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED);
  budget_original = desk_budget_row_budget (&s->total, DESK_BUDGET_ORIGINAL);

  desk_record_list_open (lines, uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "budget.revise", NULL));
  form = _desk_budget_page_get_form (page);
  g_assert_nonnull (form);

  /* Every value is required: no reason, refused, nothing written. */
  form_text (form, "quantity_milli", "3");
  form_text (form, "unit_cost_minor", "1,000");
  form_text (form, "reason", "");
  g_assert_false (desk_record_form_accept (form));
  g_assert_nonnull (desk_record_form_get_error (form, "reason"));
  revisions = desk_store_list_by (store, DESK_KIND_BUDGET_REVISION, "budget_line_uuid", uuid, NULL);
  g_assert_cmpuint (revisions->len, ==, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  form_text (form, "reason", "Prices rose");
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_record_form_accept (form));
  revisions = desk_store_list_by (store, DESK_KIND_BUDGET_REVISION, "budget_line_uuid", uuid, NULL);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (desk_record_get_int (g_ptr_array_index (revisions, 0), "quantity_milli"), ==, 3000);
  g_assert_cmpint (desk_record_get_int (g_ptr_array_index (revisions, 0), "unit_cost_minor"), ==, 100000);

  /* The line shows both totals. */
  {
    g_autofree char *original = money (s, original_total);

    g_assert_cmpstr (adw_action_row_get_subtitle (_desk_budget_page_get_total_row (page, "original")), ==, original);
    g_assert_cmpstr (adw_action_row_get_subtitle (_desk_budget_page_get_total_row (page, "revised")), ==,
                     "GHS 3,000.00");
  }
  wait_refresh (page, count);
  s = _desk_budget_page_get_summary (page);
  g_assert_cmpint (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), ==,
                   budget_revised - original_total + 300000);
  assert_card (page, "budget", budget_revised - original_total + 300000);

  /* Original: the figures as first approved. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                  DESK_TYPE_BUDGET_PAGE,
                                                                                  "original_toggle")), TRUE);
  assert_card (page, "budget", budget_original);
  gtk_toggle_button_set_active (_desk_budget_page_get_revised_toggle (page), TRUE);
  assert_card (page, "budget", budget_revised - original_total + 300000);

  /* Undo takes the revision back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = desk_store_list_by (store, DESK_KIND_BUDGET_REVISION, "budget_line_uuid", uuid, NULL);
  g_assert_cmpuint (revisions->len, ==, 0);

  destroy_window (window);
}

/* An amount in a currency with no rate is counted as missing, never as zero. */
static void
test_budget_missing_rate (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
  DeskRecordEditor *editor = _desk_budget_page_get_editor (page, "lines");
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(DeskRecord) line = NULL;
  DeskRecordForm *form;
  gint64 budget = desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED);
  gint64 n_rates = desk_store_count (store, DESK_KIND_RATE, desk_record_get_uuid (group));
  const char *uuid;
  guint count;

  g_assert_cmpuint (s->total.missing, ==, 0);
  g_assert_null (missing_label (page));
  g_assert_false (card_pill_shown (page, "budget"));

  /* A line in yen, which has no rate. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  uuid = desk_record_list_get_open_uuid (lines);
  choose (desk_record_editor_get_row (editor, "currency"), "JPY");
  enter_text (desk_record_editor_get_row (editor, "unit_cost_minor"), "120,000");
  line = get (store, DESK_KIND_BUDGET_LINE, uuid);
  g_assert_cmpstr (desk_record_get_string (line, "currency"), ==, "JPY");
  g_assert_cmpint (desk_record_get_int (line, "unit_cost_minor"), ==, 120000);
  g_assert_cmpstr (adw_action_row_get_subtitle (_desk_budget_page_get_total_row (page, "original")), ==,
                   "JPY 120,000");

  _desk_budget_page_refresh_now (page);
  s = _desk_budget_page_get_summary (page);
  /* The unrevised line is one amount with no rate, whether shown original or revised. */
  g_assert_cmpuint (s->total.missing, ==, 1);
  /* Left out, not counted as zero nor guessed. */
  g_assert_cmpint (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), ==, budget);
  g_assert_nonnull (missing_label (page));
  /* The banner names the currency, how many amounts and their sum, and says the totals
   * are incomplete. */
  g_assert_cmpstr (gtk_label_get_label (missing_label (page)), ==,
                   "These totals are incomplete: amounts without an exchange rate are left out of them.\n"
                   "No rate for JPY: 1 amount not converted (budget JPY 120,000)");
  g_assert_true (card_pill_shown (page, "budget"));

  /* The lines are listed by activity code, as the report and the CSV list them; the
   * group's own costs (the new line among them) last. */
  {
    GListModel *shown = desk_record_list_get_sorted_model (lines);
    guint n = g_list_model_get_n_items (shown);
    DeskRecord *previous = NULL;
    gboolean own_costs = FALSE, seen_new = FALSE;

    g_assert_cmpuint (n, >, 2);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DeskRecord) line_i = g_list_model_get_item (shown, i);
        DeskRecord *activity = _desk_budget_page_find_activity (page, desk_record_get_string (line_i, "activity_uuid"));

        seen_new |= g_str_equal (desk_record_get_uuid (line_i), uuid);
        if (activity == NULL)
          {
            own_costs = TRUE;
            continue;
          }
        g_assert_false (own_costs);
        if (previous != NULL)
          g_assert_cmpint (desk_record_compare_field (previous, activity, (gpointer) "code"), <=, 0);
        previous = activity;
      }
    g_assert_true (own_costs);
    g_assert_true (seen_new);
  }

  /* Add a Rate…: the form offers yen first; a rate that is not a number is refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "budget.add-rate", NULL));
  form = _desk_budget_page_get_form (page);
  g_assert_nonnull (form);
  g_assert_cmpstr (desk_record_form_get_code (form, "currency"), ==, "JPY");
  form_text (form, "rate", "fifteen");
  g_assert_false (desk_record_form_accept (form));
  g_assert_nonnull (desk_record_form_get_error (form, "rate"));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_RATE, desk_record_get_uuid (group)), ==, n_rates);

  form_text (form, "rate", "0.0925");
  count = _desk_budget_page_get_refresh_count (page);
  g_assert_true (desk_record_form_accept (form));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_RATE, desk_record_get_uuid (group)), ==, n_rates + 1);
  wait_refresh (page, count);
  s = _desk_budget_page_get_summary (page);
  g_assert_cmpuint (s->total.missing, ==, 0);
  /* 120,000 yen at 0.0925 = 11,100 cedis. */
  g_assert_cmpint (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), ==, budget + 1110000);
  g_assert_null (missing_label (page));

  /* The rate's own editor: text is refused under the field, the database keeps 0.0925. */
  {
    const char *rate_uuid = wait_open (_desk_budget_page_get_list (page, "rates"));
    g_autoptr(DeskRecord) rate = NULL;

    g_assert_nonnull (rate_uuid);
    enter_text (_desk_budget_page_get_rate_row (page), "a lot");
    g_assert_nonnull (_desk_budget_page_get_rate_error (page));
    rate = get (store, DESK_KIND_RATE, rate_uuid);
    g_assert_cmpint (desk_record_get_int (rate, "rate_mantissa"), ==, 925);
    g_assert_cmpint (desk_record_get_int (rate, "rate_scale"), ==, 4);
    enter_text (_desk_budget_page_get_rate_row (page), "0.1");
    g_assert_null (_desk_budget_page_get_rate_error (page));
    g_clear_object (&rate);
    rate = get (store, DESK_KIND_RATE, rate_uuid);
    g_assert_cmpint (desk_record_get_int (rate, "rate_mantissa"), ==, 1);
    g_assert_cmpint (desk_record_get_int (rate, "rate_scale"), ==, 1);
  }

  destroy_window (window);
}

/* The Over Budget toggle shows exactly the lines core counts as over. */
static void
test_budget_over_filter (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
  GListModel *filtered = desk_record_list_get_filter_model (lines);
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) expense = desk_record_new (DESK_KIND_EXPENSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = desk_store_dup_today (store);
  const DeskBudgetRow *first = g_ptr_array_index (s->lines, 0);
  guint over = 0;
  guint count;

  for (guint i = 0; i < s->lines->len; i++)
    over += desk_budget_row_is_over (g_ptr_array_index (s->lines, i), DESK_BUDGET_REVISED);

  gtk_toggle_button_set_active (_desk_budget_page_get_over_toggle (page), TRUE);
  g_assert_cmpuint (n_items (filtered), ==, over);

  /* Overspend one more line (from elsewhere: the page follows the store). */
  line = get (store, DESK_KIND_BUDGET_LINE, first->key);
  if (desk_budget_row_is_over (first, DESK_BUDGET_REVISED))
    over--;
  desk_record_set_string (expense, "budget_line_uuid", first->key);
  desk_record_set_string (expense, "date", date);
  desk_record_set_string (expense, "currency", desk_record_get_string (line, "currency"));
  desk_record_set_int (expense, "amount_minor", 1000000000);
  count = _desk_budget_page_get_refresh_count (page);
  if (!desk_store_insert (store, expense, &error))
    {
      /* Today may fall outside the demo's workplan: date it on its first day. */
      g_autoptr(DeskRecord) workplan = get (store, DESK_KIND_WORKPLAN, desk_record_get_string (line, "workplan_uuid"));

      g_clear_error (&error);
      desk_record_set_string (expense, "date", desk_record_get_string (workplan, "period_start"));
      desk_store_insert (store, expense, &error);
    }
  g_assert_no_error (error);
  wait_refresh (page, count);
  g_assert_cmpuint (n_items (filtered), ==, over + 1);
  for (guint i = 0; i < n_items (filtered); i++)
    {
      g_autoptr(DeskRecord) shown = g_list_model_get_item (filtered, i);
      const DeskBudgetSummary *now = _desk_budget_page_get_summary (page);

      for (guint j = 0; j < now->lines->len; j++)
        {
          const DeskBudgetRow *r = g_ptr_array_index (now->lines, j);

          if (g_str_equal (r->key, desk_record_get_uuid (shown)))
            g_assert_true (desk_budget_row_is_over (r, DESK_BUDGET_REVISED));
        }
    }
  g_assert_true (card_pill_shown (page, "remaining") ==
                 desk_budget_row_is_over (&_desk_budget_page_get_summary (page)->total, DESK_BUDGET_REVISED));

  gtk_toggle_button_set_active (_desk_budget_page_get_over_toggle (page), FALSE);
  g_assert_cmpuint (n_items (filtered), ==, _desk_budget_page_get_summary (page)->lines->len);

  destroy_window (window);
}

/* Refused input shows core's message and leaves the database as it was. */
static void
test_budget_refused (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
  DeskRecordEditor *editor = _desk_budget_page_get_editor (page, "lines");
  g_autoptr(DeskRecord) before = NULL;
  g_autoptr(DeskRecord) after = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  gint64 n_expenses = desk_store_count (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group));
  DeskRecordForm *form;
  const char *uuid;
  GtkLabel *label;
  gint64 ignored;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  uuid = desk_record_list_get_open_uuid (lines);
  enter_text (desk_record_editor_get_row (editor, "unit_cost_minor"), "12.50");
  before = get (store, DESK_KIND_BUDGET_LINE, uuid);
  g_assert_cmpint (desk_record_get_int (before, "unit_cost_minor"), ==, 1250);

  /* Three decimals in cedis: core's own message, under the field. */
  g_assert_false (desk_money_parse ("12.345", 2, FALSE, &ignored, &expected));
  enter_text (desk_record_editor_get_row (editor, "unit_cost_minor"), "12.345");
  label = desk_record_editor_get_error_label (editor, "unit_cost_minor");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected->message);
  after = get (store, DESK_KIND_BUDGET_LINE, uuid);
  g_assert_true (desk_record_equal (before, after));
  g_clear_object (&after);
  g_clear_error (&expected);

  /* Text in a number field. */
  g_assert_false (desk_milli_parse ("lots", &ignored, &expected));
  enter_text (desk_record_editor_get_row (editor, "quantity_milli"), "lots");
  label = desk_record_editor_get_error_label (editor, "quantity_milli");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected->message);
  after = get (store, DESK_KIND_BUDGET_LINE, uuid);
  g_assert_true (desk_record_equal (before, after));
  g_clear_error (&expected);

  /* The same in the new expense's form: it stays open, nothing is written. */
  _desk_budget_page_show_view (page, "expenses");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  form = _desk_budget_page_get_form (page);
  g_assert_nonnull (form);
  g_assert_cmpstr (desk_record_form_get_code (form, "budget_line_uuid"), ==, uuid);
  g_assert_false (desk_money_parse ("12.345", 2, FALSE, &ignored, &expected));
  form_text (form, "amount_minor", "12.345");
  g_assert_false (desk_record_form_accept (form));
  g_assert_cmpstr (desk_record_form_get_error (form, "amount_minor"), ==, expected->message);
  g_clear_error (&expected);
  /* Zero is core's to refuse. */
  form_text (form, "amount_minor", "0");
  g_assert_false (desk_record_form_accept (form));
  g_assert_nonnull (desk_record_form_get_error (form, "amount_minor"));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group)), ==, n_expenses);
  gtk_window_destroy (GTK_WINDOW (form));

  destroy_window (window);
}

/* Export CSV writes what the CLI writes: the same columns, a BOM only when asked. */
static void
test_budget_csv (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  g_autofree char *lines = _desk_budget_page_dup_csv (page, "lines", FALSE, NULL);
  g_autofree char *with_bom = _desk_budget_page_dup_csv (page, "lines", TRUE, NULL);
  g_autofree char *expenses = _desk_budget_page_dup_csv (page, "expenses", FALSE, NULL);
  g_auto(GStrv) rows = g_strsplit (lines, "\r\n", -1);
  g_auto(GStrv) expense_rows = g_strsplit (expenses, "\r\n", -1);

  g_assert_true (g_str_has_prefix (lines, "level,activity,category,description,quantity,"));
  g_assert_true (g_str_has_prefix (with_bom, "\xEF\xBB\xBF" "level,"));
  g_assert_true (g_utf8_validate (lines, -1, NULL));
  /* A header, a row per line, per activity, per category, the total, and the empty
   * string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (rows), ==,
                    1 + s->lines->len + s->activities->len + s->categories->len + 1 + 1);
  g_assert_true (g_str_has_prefix (rows[g_strv_length (rows) - 2], "total,"));
  g_assert_true (g_str_has_prefix (expenses, "date,activity,budget_line,payee,"));
  g_assert_cmpuint (g_strv_length (expense_rows), >, 2);

  destroy_window (window);
}

/* A rate no sum can hold, written by another program: the banner names it, the totals
 * leave it out instead of wrapping, and the page still shows. */
static void
test_budget_too_large (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window;
  DeskBudgetPage *page;
  const DeskBudgetSummary *s;
  GtkLabel *banner;

  g_assert_cmpint (sqlite3_exec (_desk_store_get_db (store),
                                 "UPDATE exchange_rates SET rate_mantissa = 1000000000000000000, "
                                 "rate_scale = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  window = new_window (store);
  page = show_budget (window);
  s = _desk_budget_page_get_summary (page);
  g_assert_cmpuint (s->problems->len, >, 0);
  g_assert_cmpint (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), >=, 0);
  banner = missing_label (page);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (gtk_label_get_label (banner), g_ptr_array_index (s->problems, 0)));
  destroy_window (window);
}

/* The group titled @title inside @widget, or NULL. */
static AdwPreferencesGroup *
find_group_titled (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return ADW_PREFERENCES_GROUP (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesGroup *found = find_group_titled (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The expense editor shows no receipt_path (core moved those files into attachments and
 * empties the field): the payee, the receipt's number and the note are a "Payment" group,
 * the receipt itself goes in the Evidence section; the funding editor has no path either. */
static void
test_budget_expense_layout (void)
{
  g_autoptr(DeskStore) store = new_demo_store ();
  DeskWindow *window = new_window (store);
  DeskBudgetPage *page = show_budget (window);
  DeskRecordEditor *editor = _desk_budget_page_get_editor (page, "expenses");
  AdwPreferencesGroup *payment = find_group_titled (GTK_WIDGET (editor), "Payment");
  const char *fields[] = { "payee", "reference", "note" };

  g_assert_nonnull (desk_kind_get_field (DESK_KIND_EXPENSE, "receipt_path"));
  g_assert_null (desk_record_editor_get_row (editor, "receipt_path"));
  g_assert_null (find_group_titled (GTK_WIDGET (editor), "Receipt"));
  g_assert_nonnull (payment);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = desk_record_editor_get_row (editor, fields[i]);

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_is_ancestor (row, GTK_WIDGET (payment)));
    }
  g_assert_nonnull (desk_record_editor_get_evidence (editor));
  g_assert_null (desk_record_editor_get_row (_desk_budget_page_get_editor (page, "funding"), "receipt_path"));

  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/budget/totals-follow-edits", test_budget_totals_follow);
  g_test_add_func ("/gui/budget/revise", test_budget_revise);
  g_test_add_func ("/gui/budget/missing-rate", test_budget_missing_rate);
  g_test_add_func ("/gui/budget/too-large", test_budget_too_large);
  g_test_add_func ("/gui/budget/over-budget-filter", test_budget_over_filter);
  g_test_add_func ("/gui/budget/refused-input", test_budget_refused);
  g_test_add_func ("/gui/budget/csv", test_budget_csv);
  g_test_add_func ("/gui/budget/expense-layout", test_budget_expense_layout);

  return g_test_run ();
}
