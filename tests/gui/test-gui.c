/* test-gui.c — the main window, driven through its actions (the pages that edit
 * records: test-pages.c)
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's
 * compiled schema. Nothing but TAP on stdout: messages go through g_test_message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gui-common.h"

static const char * const page_names[] = {
  "overview", "workplan", "deliverables", "budget",
  "workshops", "people", "reports", "exports",
};

/* win.open-record (kind, uuid) takes any link to the page that owns the kind, with the
 * record open in its list. */
static void
test_open_record (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window = new_window (store);
  GtkStack *page_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));
  static const struct { const char *kind; const char *page; } cases[] = {
    { "activity", "workplan" }, { "deliverable", "deliverables" }, { "expense", "budget" },
    { "rate", "budget" }, { "workshop", "workshops" }, { "indicator", "workplan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = desk_store_list (store, desk_kind_lookup (cases[i].kind),
                                                      NULL, &error);
      const char *uuid;
      GtkWidget *page;
      DeskRecordList *list = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (records->len, >, 0);
      uuid = desk_record_get_uuid (g_ptr_array_index (records, records->len - 1));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                                 cases[i].kind, uuid));
      wait_a_moment (10);
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, cases[i].page);
      page = gtk_stack_get_child_by_name (page_stack, cases[i].page);
      if (DESK_IS_WORKPLAN_PAGE (page) && g_str_equal (cases[i].kind, "indicator"))
        list = _desk_workplan_page_get_indicator_list (DESK_WORKPLAN_PAGE (page));
      else if (DESK_IS_WORKPLAN_PAGE (page))
        list = _desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page));
      else if (DESK_IS_WORKSHOPS_PAGE (page))
        list = _desk_workshops_page_get_list (DESK_WORKSHOPS_PAGE (page));
      else if (DESK_IS_DELIVERABLES_PAGE (page))
        list = _desk_deliverables_page_get_list (DESK_DELIVERABLES_PAGE (page));
      else if (DESK_IS_BUDGET_PAGE (page))
        list = _desk_budget_page_get_list (DESK_BUDGET_PAGE (page),
                                           g_str_equal (cases[i].kind, "rate") ? "rates" : "expenses");
      g_assert_nonnull (list);
      g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, uuid);
      /* On its tab: the list is on screen. */
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
    }

  destroy_window (window);
}

/* A new record core refuses (here, in a database that cannot be written) opens nothing,
 * and the user reads core's reason in a toast, not only the log. */
static void
test_new_refused_toast (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskRecord) group = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page;
  DeskRecordList *list;
  gint64 total;

  {
    g_autoptr(DeskStore) writable = desk_store_open (path, &error);
    g_autofree char *uuid = NULL;

    g_assert_no_error (error);
    uuid = desk_demo_fill (writable, &error);
    g_assert_no_error (error);
  }
  store = desk_store_open_read_only (path, &error);
  g_assert_no_error (error);
  history = desk_history_new (store);
  group = desk_store_dup_main_group (store);
  total = desk_store_count (store, DESK_KIND_MEMBER, desk_record_get_uuid (group));

  page = g_object_new (DESK_TYPE_PEOPLE_PAGE, "store", store, "history", history, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment (20);
  list = _desk_people_page_get_member_list (DESK_PEOPLE_PAGE (page));
  g_assert_false (shows_text (overlay, "cannot be written"));

  g_assert_true (gtk_widget_activate_action (page, "page.new", NULL));
  wait_a_moment (10);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_MEMBER, desk_record_get_uuid (group)), ==, total);
  g_assert_null (desk_record_list_get_open_uuid (list));
  g_assert_true (shows_text (overlay, "cannot be written"));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);
  g_clear_object (&history);
  g_clear_object (&store);
  g_remove (path);
  g_rmdir (dir);
}

/* One way to show a toast: from a widget inside the window's overlay, and from a dialog,
 * in the overlay of the window it belongs to; with no overlay it is dropped, not leaked. */
static void
test_toast_finds_overlay (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *inside = gtk_button_new ();
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *in_dialog = gtk_button_new ();
  GtkWidget *alone = g_object_ref_sink (gtk_button_new ());

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), inside);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_child (GTK_WINDOW (dialog), in_dialog);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));

  g_assert_true (toast_kept (inside));
  g_assert_true (toast_kept (in_dialog));
  g_assert_true (toast_kept (window));
  g_assert_false (toast_kept (alone));

  g_object_unref (alone);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_run (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  g_autofree char *name = NULL;
  DeskWindow *window;

  window = new_window (store);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "welcome");
  g_assert_true (gtk_widget_is_visible (template_child (window, DESK_TYPE_WINDOW,
                                                                       "main_stack")));

  /* Showing a page while there is no group keeps the welcome view. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "budget");
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "welcome");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL));
  wait_a_moment (20);

  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  name = main_group_name (store);
  g_test_message ("Sample group: %s", name);
  g_assert_cmpstr (header_subtitle (window), ==, name);

  /* With a group, the first-run actions are off: a second sample group never comes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  wait_a_moment (10);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);

  destroy_window (window);
}

static void
test_pages (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *name = main_group_name (store);
  DeskWindow *window;
  GtkStack *page_stack;

  window = new_window (store);
  page_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW,
                                                         "page_stack"));

  g_assert_cmpstr (desk_window_get_visible_page (window), !=, "welcome");
  g_assert_cmpstr (header_subtitle (window), ==, name);

  /* Backwards, so that every step is a change, the last one included. */
  for (int i = G_N_ELEMENTS (page_names) - 1; i >= 0; i--)
    {
      GtkWidget *child;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page",
                                                 "s", page_names[i]));
      wait_a_moment (10);

      g_assert_cmpstr (desk_window_get_visible_page (window), ==, page_names[i]);
      child = gtk_stack_get_visible_child (page_stack);
      g_assert_true (gtk_widget_get_mapped (child));
      g_assert_cmpstr (header_subtitle (window), ==, name);
    }

  destroy_window (window);
}

static void
test_pages_have_store (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window = new_window (store);
  GtkWidget *page_stack;

  page_stack = template_child (window, DESK_TYPE_WINDOW, "page_stack");
  for (GtkWidget *child = gtk_widget_get_first_child (page_stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(DeskStore) page_store = NULL;

      g_object_get (child, "store", &page_store, NULL);
      g_assert_true (page_store == store);
    }

  destroy_window (window);
}

/* A page is made the first time it is needed: the window starts with the sidebar's rows
 * for every page but only the page it shows; win.open-record and win.show-page make
 * theirs, with the window's store, built and showing what was asked for. */
static void
test_pages_made_when_needed (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window = new_window (store);
  GtkStack *page_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));
  GtkListBox *sidebar = GTK_LIST_BOX (template_child (window, DESK_TYPE_WINDOW, "sidebar_list"));
  const char *shown = desk_window_get_visible_page (window);
  /* Not the page the window remembered from an earlier test. */
  gboolean on_workshops = g_str_equal (shown, "workshops");
  const char *target = on_workshops ? "deliverables" : "workshops";
  const char *kind = on_workshops ? "deliverable" : "workshop";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(DeskStore) page_store = NULL;
  GtkListBoxRow *row;
  DeskRecordList *list;
  const char *uuid;
  GtkWidget *page;
  guint n_made = 0;
  int index = -1;

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_assert_nonnull (gtk_list_box_get_row_at_index (sidebar, i));
      if (gtk_stack_get_child_by_name (page_stack, page_names[i]) != NULL)
        n_made++;
      if (g_str_equal (page_names[i], target))
        index = i;
    }
  /* Then the Groups page's row, hidden: this database holds no other group. */
  row = gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (page_names));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (page_names) + 1));
  g_assert_cmpuint (n_made, ==, 1);
  g_assert_nonnull (gtk_stack_get_child_by_name (page_stack, shown));
  g_assert_null (gtk_stack_get_child_by_name (page_stack, target));
  /* A group's window has no welcome view to make. */
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "main_stack")),
                                              "welcome"));

  records = desk_store_list (store, desk_kind_lookup (kind), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);
  uuid = desk_record_get_uuid (g_ptr_array_index (records, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", kind, uuid));
  wait_a_moment (10);

  page = gtk_stack_get_child_by_name (page_stack, target);
  g_assert_nonnull (page);
  g_assert_true (desk_page_get_built (DESK_PAGE (page)));
  g_object_get (page, "store", &page_store, NULL);
  g_assert_true (page_store == store);
  g_assert_true (desk_page_get_history (DESK_PAGE (page)) == desk_window_get_history (window));
  if (on_workshops)
    list = _desk_deliverables_page_get_list (DESK_DELIVERABLES_PAGE (page));
  else
    list = _desk_workshops_page_get_list (DESK_WORKSHOPS_PAGE (page));
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, uuid);
  /* The sidebar follows, in its own order: it marks the row of the page shown (it has
   * no selection of its own, see desk_window_sync_page). */
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, target);
  row = gtk_list_box_get_row_at_index (sidebar, index);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_SELECTED);

  /* Shown again, the same page: not made twice. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview"));
  wait_a_moment (10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", target));
  wait_a_moment (10);
  g_assert_true (gtk_stack_get_child_by_name (page_stack, target) == page);

  destroy_window (window);
}

static void
test_overview_counts (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;
  gint64 members;
  GtkWidget *page;
  GtkLabel *label;

  page = g_object_ref_sink (desk_overview_page_new (store));
  label = GTK_LABEL (template_child (page, DESK_TYPE_OVERVIEW_PAGE, "members_count"));
  members = desk_store_count (store, DESK_KIND_MEMBER, desk_record_get_uuid (group));
  /* The number and its noun in one phrase, so that Chinese can put its measure word in. */
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, members);
  expected = g_strdup_printf (members == 1 ? "%s member" : "%s members", count);
  g_assert_cmpint (members, >, 0);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);

  g_assert_finalize_object (page);
}

static void
test_create_group (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  g_autoptr(DeskRecord) group = NULL;
  DeskGroupDialog *dialog;
  DeskWindow *window;
  GtkWidget *name_row;
  GtkWidget *revealer;
  GtkWidget *create;
  AdwComboRow *country_row;
  AdwComboRow *currency_row;
  AdwComboRow *languages_row;

  window = new_window (store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-group", NULL));
  wait_a_moment (20);

  dialog = find_group_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);

  name_row = template_child (dialog, DESK_TYPE_GROUP_DIALOG, "name_row");
  revealer = template_child (dialog, DESK_TYPE_GROUP_DIALOG, "error_revealer");
  create = template_child (dialog, DESK_TYPE_GROUP_DIALOG, "create_button");
  country_row = ADW_COMBO_ROW (template_child (dialog, DESK_TYPE_GROUP_DIALOG, "country_row"));
  currency_row = ADW_COMBO_ROW (template_child (dialog, DESK_TYPE_GROUP_DIALOG, "currency_row"));
  languages_row = ADW_COMBO_ROW (template_child (dialog, DESK_TYPE_GROUP_DIALOG, "languages_row"));

  /* An empty form: Create waits for a group core accepts, and the form does not open
   * full of errors about fields nobody has touched. */
  g_assert_false (gtk_widget_is_sensitive (create));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* The coordinator works in English: the group's language at first. */
  g_assert_cmpuint (adw_combo_row_get_selected (languages_row), ==,
                    choice_position (store, "languages", "en", 0));

  /* A name typed, then rubbed out: core's message shows at the name, as it is typed. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Test Group");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "  ");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_false (gtk_widget_is_sensitive (create));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Test Group");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  /* A name alone is not a group: the country is missing, but not touched yet. */
  g_assert_false (gtk_widget_is_sensitive (create));

  /* Ghana chooses the cedi, and the form is complete. */
  adw_combo_row_set_selected (country_row, choice_position (store, "country", "GH", 1));
  g_assert_cmpuint (adw_combo_row_get_selected (currency_row), ==,
                    choice_position (store, "currency", "GHS", 1));
  g_assert_true (gtk_widget_is_sensitive (create));

  /* A currency chosen by hand is the coordinator's: another country does not change it. */
  adw_combo_row_set_selected (currency_row, choice_position (store, "currency", "USD", 1));
  adw_combo_row_set_selected (country_row, choice_position (store, "country", "NG", 1));
  g_assert_cmpuint (adw_combo_row_get_selected (currency_row), ==,
                    choice_position (store, "currency", "USD", 1));

  /* No currency: Create waits again, and says why at the currency. */
  adw_combo_row_set_selected (currency_row, 0);
  g_assert_false (gtk_widget_is_sensitive (create));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (currency_row), "error"));
  adw_combo_row_set_selected (currency_row, choice_position (store, "currency", "NGN", 1));
  g_assert_true (gtk_widget_is_sensitive (create));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  adw_combo_row_set_selected (languages_row, choice_position (store, "languages", "en,zh", 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "group.create", NULL));
  wait_a_moment (20);
  g_assert_finalize_object (dialog);

  g_assert_cmpint (desk_store_count (store, DESK_KIND_GROUP, NULL), ==, 1);
  group = desk_store_dup_main_group (store);
  g_assert_cmpstr (desk_record_get_narrative (group, "name", "en", NULL), ==, "Test Group");
  g_assert_cmpstr (desk_record_get_string (group, "country"), ==, "NG");
  g_assert_cmpstr (desk_record_get_string (group, "currency"), ==, "NGN");
  g_assert_cmpstr (desk_record_get_string (group, "languages"), ==, "en,zh");
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  g_assert_cmpstr (header_subtitle (window), ==, "Test Group");

  destroy_window (window);
}

static void
test_remembers_page (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window;

  window = new_window (store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "workshops");
  gtk_window_close (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);

  window = new_window (store);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "workshops");
  destroy_window (window);
}

static void
test_preferences_language (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  g_autoptr(GSettings) settings = g_settings_new ("org.voluntaryprinciples.Groupdesk");
  g_autofree char *language = NULL;
  GtkWidget *window;
  AdwComboRow *row;

  window = g_object_ref (desk_preferences_window_new (store));
  row = ADW_COMBO_ROW (template_child (window, DESK_TYPE_PREFERENCES_WINDOW, "language_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* The rows are System, English, 简体中文: the schema's nicks in that order. */
  adw_combo_row_set_selected (row, 2);
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "zh_CN");

  g_settings_set_string (settings, "language", "en");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);

  g_settings_reset (settings, "language");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (10);
  g_assert_finalize_object (window);
}

static void
test_templates (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  GType page_types[] = {
    DESK_TYPE_OVERVIEW_PAGE,
    DESK_TYPE_WORKPLAN_PAGE,
    DESK_TYPE_DELIVERABLES_PAGE,
    DESK_TYPE_BUDGET_PAGE,
    DESK_TYPE_WORKSHOPS_PAGE,
    DESK_TYPE_PEOPLE_PAGE,
    DESK_TYPE_REPORTS_PAGE,
    DESK_TYPE_EXPORTS_PAGE,
  };
  GType window_types[] = {
    DESK_TYPE_WINDOW,
    DESK_TYPE_PREFERENCES_WINDOW,
    DESK_TYPE_GROUP_DIALOG,
  };

  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      GtkWidget *page;

      g_type_ensure (page_types[i]);
      g_test_message ("Building %s", g_type_name (page_types[i]));

      /* With no store first, as a template alone builds them, then with one. */
      page = g_object_ref_sink (g_object_new (page_types[i], NULL));
      g_object_set (page, "store", store, NULL);
      g_assert_finalize_object (page);
    }

  {
    GtkWidget *view = g_object_ref_sink (desk_welcome_view_new ());

    g_assert_finalize_object (view);
  }

  for (guint i = 0; i < G_N_ELEMENTS (window_types); i++)
    {
      GtkWidget *window;

      g_type_ensure (window_types[i]);
      g_test_message ("Building %s", g_type_name (window_types[i]));

      window = g_object_new (window_types[i], "store", store, NULL);
      g_object_ref (window);
      gtk_window_present (GTK_WINDOW (window));
      wait_a_moment (20);
      gtk_window_destroy (GTK_WINDOW (window));
      wait_a_moment (10);
      g_assert_finalize_object (window);
    }
}

/* On disk the window's first frame shows the tiles with "…"; the figures come from the
 * worker after it, and they are core's. */
static void
test_overview_worker (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DeskStore) store = new_store_on_disk (&dir);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GError) error = NULL;
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));
  DeskOverviewPage *page;
  DeskOverviewFigures figures;
  GtkLabel *budget_figure;
  gint64 start;

  g_object_ref (window);
  /* An earlier test may have left another page to restore: the Overview is then made
   * when it is shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview"));
  page = window_overview (window);
  gtk_window_present (GTK_WINDOW (window));
  /* Built when it was mapped, before the first frame: nothing read yet. */
  start = g_get_monotonic_time ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)) && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  _desk_overview_page_get_figures (page, &figures);
  g_assert_true (figures.pending);
  budget_figure = GTK_LABEL (template_child (page, DESK_TYPE_OVERVIEW_PAGE, "budget_figure"));
  g_assert_cmpstr (gtk_label_get_label (budget_figure), ==, "…");

  start = g_get_monotonic_time ();
  do
    {
      g_main_context_iteration (NULL, FALSE);
      _desk_overview_page_get_figures (page, &figures);
    }
  while (figures.pending && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC);
  g_assert_false (figures.pending);
  g_assert_cmpstr (gtk_label_get_label (budget_figure), !=, "…");

  /* The figures of the newest workplan, as core sums them. */
  {
    g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, desk_record_get_uuid (group), NULL);
    g_autoptr(DeskBudgetSummary) summary = NULL;
    g_autoptr(DeskAttendanceBreakdown) breakdown = NULL;
    DeskRecord *newest = NULL;

    for (guint i = 0; i < workplans->len; i++)
      {
        DeskRecord *w = g_ptr_array_index (workplans, i);

        if (newest == NULL || g_strcmp0 (desk_record_get_string (w, "period_start"),
                                         desk_record_get_string (newest, "period_start")) > 0)
          newest = w;
      }
    summary = desk_budget_summarise (store, desk_record_get_uuid (newest), &error);
    g_assert_no_error (error);
    g_assert_cmpint (figures.budget, ==, desk_budget_row_budget (&summary->total, DESK_BUDGET_REVISED));
    g_assert_cmpint (figures.spent, ==, summary->total.spent);
    g_assert_cmpint (figures.received, ==, summary->received);
    breakdown = desk_attendance_breakdown (store, desk_record_get_uuid (group), NULL,
                                           desk_record_get_string (newest, "period_start"),
                                           desk_record_get_string (newest, "period_end"), &error);
    g_assert_no_error (error);
    g_assert_cmpint (figures.attendances, ==, breakdown->attendances);
    g_assert_cmpint (figures.overdue, ==, desk_store_count_overdue (store, desk_record_get_uuid (group)));
  }

  destroy_window (window);
  g_clear_object (&store);
  remove_store_dir (dir);
}

/* The window goes while the worker reads: its figures are dropped, nothing is shown on
 * a disposed page, and the page is freed once the worker is done. */
static void
test_overview_worker_outlived (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DeskStore) store = new_store_on_disk (&dir);
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));
  DeskOverviewPage *page;
  DeskOverviewFigures figures;
  gpointer weak;
  gint64 start;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview"));
  page = window_overview (window);
  weak = page;
  g_object_add_weak_pointer (G_OBJECT (page), &weak);
  gtk_window_present (GTK_WINDOW (window));
  /* Until the worker has started: after the first frame, before its figures. */
  start = g_get_monotonic_time ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)) && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    gboolean painted = FALSE;
    gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (timeout_cb), &painted);

    /* The frame the page waited for: its worker starts then. */
    start = g_get_monotonic_time ();
    while (!painted && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (clock, id);
  }
  _desk_overview_page_get_figures (page, &figures);
  if (!figures.pending)
    {
      g_test_skip ("The worker finished before the window could go");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  while (weak != NULL && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);

  g_clear_object (&store);
  remove_store_dir (dir);
}

/* A database kept in memory says so in the window, with a way to save a copy; one in a
 * file does not. */
static void
test_memory_banner (void)
{
  g_autoptr(DeskStore) memory = new_store (TRUE);
  g_autoptr(DeskStore) file_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-banner-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "groupdesk.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  DeskWindow *window;
  DeskBanner *banner;

  window = new_window (memory);
  banner = DESK_BANNER (template_child (window, DESK_TYPE_WINDOW, "memory_banner"));
  g_assert_true (desk_banner_get_revealed (banner));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (banner)));
  g_assert_nonnull (strstr (desk_banner_get_title (banner), "memory"));
  g_assert_cmpstr (desk_banner_get_button_label (banner), ==, "_Save a Copy…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (desk_banner_get_button (banner))),
                   ==, "win.save-copy");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (desk_banner_get_button (banner))));
  destroy_window (window);

  /* The copy the button saves is a database that opens with the group in it. */
  g_assert_true (desk_store_backup (memory, copy, &error));
  g_assert_no_error (error);
  file_store = desk_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (file_store, DESK_KIND_GROUP, NULL), ==, 1);
  g_clear_object (&file_store);

  file_store = desk_store_open (path, &error);
  g_assert_no_error (error);
  window = new_window (file_store);
  banner = DESK_BANNER (template_child (window, DESK_TYPE_WINDOW, "memory_banner"));
  g_assert_false (desk_banner_get_revealed (banner));
  destroy_window (window);
  g_clear_object (&file_store);

  remove_store_dir (dir);
}

/* The banner widget on its own: its button appears with a label, and it reveals. */
static void
test_banner_widget (void)
{
  g_autoptr(GtkWidget) banner = g_object_ref_sink (desk_banner_new ("Not saved"));
  GtkButton *button = desk_banner_get_button (DESK_BANNER (banner));

  g_assert_cmpstr (desk_banner_get_title (DESK_BANNER (banner)), ==, "Not saved");
  g_assert_null (desk_banner_get_button_label (DESK_BANNER (banner)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_false (desk_banner_get_revealed (DESK_BANNER (banner)));

  desk_banner_set_button_label (DESK_BANNER (banner), "_Save");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "_Save");
  desk_banner_set_revealed (DESK_BANNER (banner), TRUE);
  g_assert_true (desk_banner_get_revealed (DESK_BANNER (banner)));
  desk_banner_set_button_label (DESK_BANNER (banner), NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Stack transitions finish at once, so that what the test sees is what was asked. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/window/first-run", test_first_run);
  g_test_add_func ("/gui/window/pages", test_pages);
  g_test_add_func ("/gui/window/open-record", test_open_record);
  g_test_add_func ("/gui/window/toast-finds-overlay", test_toast_finds_overlay);
  g_test_add_func ("/gui/page/new-refused-toast", test_new_refused_toast);
  g_test_add_func ("/gui/window/pages-have-store", test_pages_have_store);
  g_test_add_func ("/gui/window/pages-made-when-needed", test_pages_made_when_needed);
  g_test_add_func ("/gui/window/create-group", test_create_group);
  g_test_add_func ("/gui/window/remembers-page", test_remembers_page);
  g_test_add_func ("/gui/overview/counts", test_overview_counts);
  g_test_add_func ("/gui/preferences/language", test_preferences_language);
  g_test_add_func ("/gui/templates", test_templates);
  g_test_add_func ("/gui/overview/worker", test_overview_worker);
  g_test_add_func ("/gui/overview/worker-outlived", test_overview_worker_outlived);
  g_test_add_func ("/gui/window/memory-banner", test_memory_banner);
  g_test_add_func ("/gui/widgets/banner", test_banner_widget);

  return g_test_run ();
}
