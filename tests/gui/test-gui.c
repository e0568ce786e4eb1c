/* test-gui.c — the main window, driven through its actions
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's
 * compiled schema. Nothing but TAP on stdout: messages go through g_test_message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-banner.h"
#include "desk-budget-page.h"
#include "desk-budget-page-private.h"
#include "desk-deliverables-page.h"
#include "desk-deliverables-page-private.h"
#include "desk-exports-page.h"
#include "desk-group-dialog.h"
#include "desk-overview-page.h"
#include "desk-overview-page-private.h"
#include "desk-people-page.h"
#include "desk-people-page-private.h"
#include "desk-preferences-window.h"
#include "desk-record-editor.h"
#include "desk-reports-page.h"
#include "desk-welcome-view.h"
#include "desk-toast.h"
#include "desk-window.h"
#include "desk-workplan-page.h"
#include "desk-workplan-page-private.h"
#include "desk-workshops-page.h"
#include "desk-workshops-page-private.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static const char * const page_names[] = {
  "overview", "workplan", "deliverables", "budget",
  "workshops", "people", "reports", "exports",
};

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_true (GTK_IS_WIDGET (child));

  return GTK_WIDGET (child);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

/* Lets pending idles, layouts and frames run for a moment. */
static void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static DeskStore *
new_store (gboolean with_demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  store = desk_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (with_demo)
    {
      g_autofree char *uuid = desk_demo_fill (store, &error);

      g_assert_no_error (error);
      g_assert_nonnull (uuid);
    }

  return g_steal_pointer (&store);
}

static DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  /* GTK owns toplevels; the test keeps its own reference to check they are freed. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment (50);

  return window;
}

static void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);
}

static const char *
header_subtitle (DeskWindow *window)
{
  AdwWindowTitle *title;

  title = ADW_WINDOW_TITLE (template_child (window, DESK_TYPE_WINDOW,
                                                           "window_title"));
  return adw_window_title_get_subtitle (title);
}

static char *
main_group_name (DeskStore *store)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);

  g_assert_nonnull (group);

  return g_strdup (desk_record_get_narrative (group, "name", desk_locale_language (), NULL));
}

static DeskGroupDialog *
find_group_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DESK_IS_GROUP_DIALOG (window))
        return DESK_GROUP_DIALOG (window);
    }

  return NULL;
}

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

/* Whether a label under @widget says something containing @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
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

/* Whether desk_toast_show (@widget) kept the toast alive: an overlay took it. */
static gboolean
toast_kept (GtkWidget *widget)
{
  AdwToast *toast = adw_toast_new ("A toast");
  gboolean kept;

  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &toast);
  desk_toast_show (widget, toast);
  kept = toast != NULL;
  if (toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &toast);

  return kept;
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
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (page_names)));
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
  /* The sidebar follows, in its own order. */
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, target);
  row = gtk_list_box_get_selected_row (sidebar);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, index);

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

/* The position of the choice whose code is @code in @row, found through core's list of
 * the field's choices (the rows' first entry is the “choose” placeholder when @offset
 * is 1). */
static guint
choice_position (DeskStore  *store,
                 const char *field,
                 const char *code,
                 guint       offset)
{
  g_autoptr(GPtrArray) choices = NULL;

  if (g_str_equal (field, "country"))
    choices = desk_country_choices ();
  else
    choices = desk_reference_choices (store, DESK_KIND_GROUP, field);

  for (guint i = 0; i < choices->len; i++)
    if (g_str_equal (((DeskChoice *) g_ptr_array_index (choices, i))->code, code))
      return i + offset;

  g_assert_not_reached ();
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

static GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *page_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, name);

  return gtk_stack_get_child_by_name (page_stack, name);
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* Sets an entry row's text and applies it, as Enter does. */
static void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static gint64
count_in_workplan (DeskStore  *store,
                   const char *workplan,
                   const char *status)
{
  g_autoptr(GPtrArray) activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                        workplan, NULL);
  gint64 n = 0;

  for (guint i = 0; i < activities->len; i++)
    if (status == NULL ||
        g_strcmp0 (desk_record_get_string (g_ptr_array_index (activities, i), "status"), status) == 0)
      n++;

  return n;
}

static void
test_workplan_activities (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskWorkplanPage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  GListModel *filtered;
  const char *workplan;
  g_autofree char *uuid = NULL;
  gint64 total = desk_store_count (store, DESK_KIND_ACTIVITY, group_uuid);
  guint shown;

  page = DESK_WORKPLAN_PAGE (show_page (window, "workplan"));
  list = _desk_workplan_page_get_activity_list (page);
  editor = _desk_workplan_page_get_activity_editor (page);
  filtered = desk_record_list_get_filter_model (list);
  workplan = _desk_workplan_page_get_workplan (page);
  g_assert_nonnull (workplan);

  shown = n_items (filtered);
  g_assert_cmpuint (shown, ==, count_in_workplan (store, workplan, NULL));
  g_assert_cmpuint (shown, >, 5);

  /* New: Ctrl+N's action makes an activity and opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpuint (n_items (filtered), ==, shown + 1);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_ACTIVITY, group_uuid), ==, total + 1);
  g_assert_true (desk_record_list_get_editor_open (list));
  uuid = g_strdup (desk_record_list_get_open_uuid (list));
  g_assert_nonnull (uuid);
  g_assert_true (desk_record_get_uuid (desk_record_editor_get_record (editor)) != NULL);
  g_assert_cmpstr (desk_record_get_uuid (desk_record_editor_get_record (editor)), ==, uuid);

  /* Edit: the title row, applied, is in the database at once. */
  enter_text (desk_record_editor_get_row (editor, "title_en"), "Training of police in Tarkwa");
  record = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "title_en"), ==, "Training of police in Tarkwa");
  g_clear_object (&record);

  /* Search as you type: the query grows, then shrinks, then goes. */
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "police in");
  g_assert_cmpuint (n_items (filtered), >=, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "police in tarkwa");
  g_assert_cmpuint (n_items (filtered), ==, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "POLICE IN TARKWA");
  g_assert_cmpuint (n_items (filtered), ==, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "");
  g_assert_cmpuint (n_items (filtered), ==, shown + 1);

  /* Undo takes the title back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  record = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "title_en"), !=, "Training of police in Tarkwa");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_record_editor_get_row (editor, "title_en"))),
                   ==, desk_record_get_string (record, "title_en"));
  g_clear_object (&record);

  /* Redo puts it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  record = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "title_en"), ==, "Training of police in Tarkwa");
  g_clear_object (&record);

  /* Delete, then undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));
  g_assert_cmpuint (n_items (filtered), ==, shown);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_ACTIVITY, group_uuid), ==, total);
  g_assert_false (desk_record_list_get_editor_open (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (n_items (filtered), ==, shown + 1);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_ACTIVITY, group_uuid), ==, total + 1);

  /* Filters: status. */
  desk_filter_dropdown_set_code (_desk_workplan_page_get_filter (page, "status"), "done");
  g_assert_cmpuint (n_items (filtered), ==, count_in_workplan (store, workplan, "done"));
  g_assert_cmpuint (n_items (filtered), <, shown);
  desk_filter_dropdown_set_code (_desk_workplan_page_get_filter (page, "status"), NULL);
  g_assert_cmpuint (n_items (filtered), ==, shown + 1);

  /* Pillar: fewer, but some. */
  desk_filter_dropdown_set_code (_desk_workplan_page_get_filter (page, "pillar"), "government");
  g_assert_cmpuint (n_items (filtered), >, 0);
  g_assert_cmpuint (n_items (filtered), <, shown + 1);
  desk_filter_dropdown_set_code (_desk_workplan_page_get_filter (page, "pillar"), NULL);

  /* Escape's action closes the editor. */
  desk_record_list_open (list, uuid);
  g_assert_true (desk_record_list_get_editor_open (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.close-editor", NULL));
  g_assert_false (desk_record_list_get_editor_open (list));

  destroy_window (window);
}

/* How many records of each kind the database holds, as one line: equal lines, equal
 * databases as far as counts go. */
static char *
census (DeskStore *store)
{
  const DeskKind *const *kinds = desk_kind_all ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", kinds[i]->name,
                            desk_store_count (store, kinds[i], NULL));

  return g_string_free (s, FALSE);
}

static gboolean
record_exists (DeskStore      *store,
               const DeskKind *kind,
               const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, NULL);

  return record != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Deleting an activity takes its deliverables, indicators, budget lines, workshops and
 * their attendance with it; one win.undo gives all of them back, one win.redo takes them
 * again. */
static void
test_workplan_delete_undo (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window = new_window (store);
  DeskHistory *history = desk_window_get_history (window);
  DeskWorkplanPage *page = DESK_WORKPLAN_PAGE (show_page (window, "workplan"));
  DeskRecordList *list = _desk_workplan_page_get_activity_list (page);
  g_autoptr(GPtrArray) activities = desk_store_list_by (store, DESK_KIND_ACTIVITY, "workplan_uuid",
                                                        _desk_workplan_page_get_workplan (page), NULL);
  g_autoptr(GPtrArray) deliverables = NULL;
  g_autoptr(GPtrArray) workshops = NULL;
  g_autofree char *before = census (store);
  g_autofree char *after = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;

  /* The activity with the most deliverables, one with a workshop too. */
  for (guint i = 0; i < activities->len; i++)
    {
      const char *a = desk_record_get_uuid (g_ptr_array_index (activities, i));
      g_autoptr(GPtrArray) d = desk_store_list_by (store, DESK_KIND_DELIVERABLE, "activity_uuid", a, NULL);
      g_autoptr(GPtrArray) w = desk_store_list_by (store, DESK_KIND_WORKSHOP, "activity_uuid", a, NULL);

      if (w->len > 0 && (deliverables == NULL || d->len > deliverables->len))
        {
          g_free (uuid);
          uuid = g_strdup (a);
          g_clear_pointer (&deliverables, g_ptr_array_unref);
          g_clear_pointer (&workshops, g_ptr_array_unref);
          deliverables = g_steal_pointer (&d);
          workshops = g_steal_pointer (&w);
        }
    }
  g_assert_nonnull (uuid);
  g_assert_cmpuint (deliverables->len, >, 0);

  desk_record_list_open (list, uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));
  wait_a_moment (10);
  g_assert_false (record_exists (store, DESK_KIND_ACTIVITY, uuid));
  g_assert_false (record_exists (store, DESK_KIND_WORKSHOP,
                                 desk_record_get_uuid (g_ptr_array_index (workshops, 0))));
  g_assert_true (g_str_has_prefix (desk_history_get_undo_label (history), "Deleted activity"));
  after = census (store);
  g_assert_cmpstr (after, !=, before);

  /* One undo: the activity and everything it took, under their own UUIDs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (10);
  now = census (store);
  g_assert_cmpstr (now, ==, before);
  for (guint i = 0; i < deliverables->len; i++)
    {
      g_autoptr(DeskRecord) d = desk_store_get (store, DESK_KIND_DELIVERABLE,
                                                desk_record_get_uuid (g_ptr_array_index (deliverables, i)), NULL);

      g_assert_nonnull (d);
      g_assert_true (desk_record_equal (d, g_ptr_array_index (deliverables, i)));
    }
  g_assert_false (desk_history_can_undo (history));
  g_assert_nonnull (desk_record_model_find (desk_record_list_get_model (list), uuid, NULL));

  /* One redo: all gone again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_a_moment (10);
  g_clear_pointer (&now, g_free);
  now = census (store);
  g_assert_cmpstr (now, ==, after);

  destroy_window (window);
}

/* Next year's plan: core writes the new plan and what it carries over and closes the old
 * one; one win.undo takes all of it back and shows the old plan, one win.redo makes it
 * again. */
static void
test_workplan_start_next_undo (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  DeskWindow *window = new_window (store);
  DeskHistory *history = desk_window_get_history (window);
  DeskWorkplanPage *page = DESK_WORKPLAN_PAGE (show_page (window, "workplan"));
  g_autofree char *old = g_strdup (_desk_workplan_page_get_workplan (page));
  g_autoptr(DeskRecord) old_before = desk_store_get (store, DESK_KIND_WORKPLAN, old, NULL);
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *before = census (store);
  g_autofree char *after = NULL;
  g_autofree char *next = NULL;
  g_autofree char *now = NULL;
  AdwMessageDialog *dialog;

  g_assert_nonnull (old);
  g_assert_cmpstr (desk_record_get_string (old_before, "status"), !=, "closed");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workplan.start-next", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "start");
  wait_a_moment (20);

  next = g_strdup (_desk_workplan_page_get_workplan (page));
  g_assert_cmpstr (next, !=, old);
  g_assert_true (record_exists (store, DESK_KIND_WORKPLAN, next));
  record = desk_store_get (store, DESK_KIND_WORKPLAN, old, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "status"), ==, "closed");
  g_clear_object (&record);
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, "Started next year’s plan");
  after = census (store);
  g_assert_cmpstr (after, !=, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  now = census (store);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (record_exists (store, DESK_KIND_WORKPLAN, next));
  record = desk_store_get (store, DESK_KIND_WORKPLAN, old, NULL);
  g_assert_true (desk_record_equal (record, old_before));
  g_clear_object (&record);
  g_assert_false (desk_history_can_undo (history));
  g_assert_cmpstr (_desk_workplan_page_get_workplan (page), ==, old);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_a_moment (20);
  g_clear_pointer (&now, g_free);
  now = census (store);
  g_assert_cmpstr (now, ==, after);
  g_assert_true (record_exists (store, DESK_KIND_WORKPLAN, next));
  record = desk_store_get (store, DESK_KIND_WORKPLAN, old, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "status"), ==, "closed");

  destroy_window (window);
}

static void
test_workplan_validation (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskRecord) before = NULL;
  g_autoptr(DeskRecord) after = NULL;
  g_autoptr(DeskRecord) probe = NULL;
  g_autoptr(GError) expected = NULL;
  g_autofree char *bad_field = NULL;
  DeskWindow *window = new_window (store);
  DeskWorkplanPage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  GtkLabel *label;
  GtkWidget *end_row;
  g_autofree char *uuid = NULL;

  page = DESK_WORKPLAN_PAGE (show_page (window, "workplan"));
  list = _desk_workplan_page_get_activity_list (page);
  editor = _desk_workplan_page_get_activity_editor (page);

  /* The first activity, as a click would open it. */
  {
    g_autoptr(DeskRecord) first = g_list_model_get_item (desk_record_list_get_sorted_model (list), 0);

    uuid = g_strdup (desk_record_get_uuid (first));
  }
  desk_record_list_open (list, uuid);
  before = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_true (desk_record_is_set (before, "planned_start"));

  /* An end before the start: core's message under the end, nothing written. */
  probe = desk_record_copy (before);
  desk_record_set_string (probe, "planned_end", "2001-01-01");
  g_assert_false (desk_store_validate (store, probe, &bad_field, &expected));
  g_assert_cmpstr (bad_field, ==, "planned_end");

  end_row = desk_record_editor_get_row (editor, "planned_end");
  enter_text (end_row, "2001-01-01");
  label = desk_record_editor_get_error_label (editor, "planned_end");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected->message);
  g_assert_true (gtk_widget_has_css_class (end_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, "2001-01-01");
  g_test_message ("Refused: %s", expected->message);

  after = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_true (desk_record_equal (before, after));

  /* Text that is not a date at all: core refuses it too. */
  enter_text (desk_record_editor_get_row (editor, "planned_start"), "next week");
  g_assert_nonnull (desk_record_editor_get_error_label (editor, "planned_start"));

  /* Putting the saved value back clears the error. */
  enter_text (desk_record_editor_get_row (editor, "planned_start"),
              desk_record_get_string (before, "planned_start"));
  g_assert_false (desk_record_editor_has_error (editor));
  g_clear_object (&after);
  after = desk_store_get (store, DESK_KIND_ACTIVITY, uuid, NULL);
  g_assert_true (desk_record_equal (before, after));

  destroy_window (window);
}

static void
test_deliverables_overdue (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2099, 6, 1, 12, 0, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2000, 6, 1, 12, 0, 0);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window;
  DeskDeliverablesPage *page;
  DeskRecordList *list;
  GListModel *filtered;
  GtkToggleButton *toggle;
  gint64 total = desk_store_count (store, DESK_KIND_DELIVERABLE, group_uuid);
  gint64 overdue;

  /* Far in the future, everything not delivered is overdue. */
  desk_store_set_now (store, later);
  overdue = desk_store_count_overdue (store, group_uuid);
  g_assert_cmpint (overdue, >, 0);
  g_assert_cmpint (overdue, <, total);

  window = new_window (store);
  page = DESK_DELIVERABLES_PAGE (show_page (window, "deliverables"));
  list = _desk_deliverables_page_get_list (page);
  filtered = desk_record_list_get_filter_model (list);
  toggle = _desk_deliverables_page_get_overdue_toggle (page);

  g_assert_cmpuint (n_items (filtered), ==, total);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT " deliverables are overdue", overdue);

    g_assert_cmpstr (gtk_label_get_label (_desk_deliverables_page_get_overdue_label (page)), ==, count);
  }

  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_cmpuint (n_items (filtered), ==, overdue);

  /* Back in 2000, nothing is due yet. */
  desk_store_set_now (store, earlier);
  gtk_toggle_button_set_active (toggle, FALSE);
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_cmpuint (n_items (filtered), ==, 0);
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_cmpuint (n_items (filtered), ==, total);

  /* Status filter. */
  desk_filter_dropdown_set_code (_desk_deliverables_page_get_status_filter (page), "planned");
  g_assert_cmpuint (n_items (filtered), <, total);
  desk_filter_dropdown_set_code (_desk_deliverables_page_get_status_filter (page), NULL);

  /* New, edit, delete, undo, on this page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_DELIVERABLE, group_uuid), ==, total + 1);
  g_assert_cmpuint (n_items (filtered), ==, total + 1);
  {
    DeskRecordEditor *editor = _desk_deliverables_page_get_editor (page);
    const char *uuid = desk_record_list_get_open_uuid (list);
    g_autoptr(DeskRecord) record = NULL;

    enter_text (desk_record_editor_get_row (editor, "due_date"), "2000-02-01");
    record = desk_store_get (store, DESK_KIND_DELIVERABLE, uuid, NULL);
    g_assert_cmpstr (desk_record_get_string (record, "due_date"), ==, "2000-02-01");

    /* A delivery date while it is still planned: refused, under that field. */
    enter_text (desk_record_editor_get_row (editor, "delivered_on"), "2000-03-01");
    g_assert_nonnull (desk_record_editor_get_error_label (editor, "delivered_on"));
    g_clear_object (&record);
    record = desk_store_get (store, DESK_KIND_DELIVERABLE, uuid, NULL);
    g_assert_false (desk_record_is_set (record, "delivered_on"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_DELIVERABLE, group_uuid), ==, total);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_DELIVERABLE, group_uuid), ==, total + 1);

  destroy_window (window);
}

static void
test_people_members (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(DeskRecord) record = NULL;
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  GListModel *filtered;
  gint64 total = desk_store_count (store, DESK_KIND_MEMBER, group_uuid);
  g_autofree char *uuid = NULL;
  GtkWindow *profile;

  page = DESK_PEOPLE_PAGE (show_page (window, "people"));
  list = _desk_people_page_get_member_list (page);
  editor = _desk_people_page_get_member_editor (page);
  filtered = desk_record_list_get_filter_model (list);
  g_assert_cmpuint (n_items (filtered), ==, total);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (_desk_people_page_get_balance_box (page))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_MEMBER, group_uuid), ==, total + 1);
  g_assert_cmpuint (n_items (filtered), ==, total + 1);
  uuid = g_strdup (desk_record_list_get_open_uuid (list));

  enter_text (desk_record_editor_get_row (editor, "name_en"), "Tarkwa Women’s Network");
  enter_text (desk_record_editor_get_row (editor, "contact_email"), "not an address");
  g_assert_nonnull (desk_record_editor_get_error_label (editor, "contact_email"));
  record = desk_store_get (store, DESK_KIND_MEMBER, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "name_en"), ==, "Tarkwa Women’s Network");
  g_assert_cmpstr (desk_record_get_string (record, "contact_email"), !=, "not an address");
  g_clear_object (&record);

  /* Deactivating is the switch: the member leaves the list of active ones. */
  adw_action_row_activate (ADW_ACTION_ROW (desk_record_editor_get_row (editor, "active")));
  record = desk_store_get (store, DESK_KIND_MEMBER, uuid, NULL);
  g_assert_cmpint (desk_record_get_int (record, "active"), ==, 0);
  g_assert_cmpuint (n_items (filtered), ==, total);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (n_items (filtered), ==, total + 1);

  /* The group profile, in its own window, edits the group. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.edit-group", NULL));
  profile = _desk_people_page_get_group_window (page);
  g_assert_nonnull (profile);
  gtk_window_destroy (profile);
  wait_a_moment (10);

  destroy_window (window);
}

/* The Overview on disk: a database in a folder of the test's own, with the demo group. */
static DeskStore *
new_store_on_disk (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;

  *dir = g_dir_make_tmp ("groupdesk-overview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "group.db", NULL);
  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static void
remove_store_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_store_dir (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static DeskOverviewPage *
window_overview (DeskWindow *window)
{
  GtkStack *stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  return DESK_OVERVIEW_PAGE (gtk_stack_get_child_by_name (stack, "overview"));
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

/* Narrative rows follow the group's languages: English only, Chinese only, both. */
static void
test_narrative_follows_languages (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GError) error = NULL;
  const char *const fields[] = { "title", "start_date", NULL };
  GtkWidget *editor;
  GtkWidget *title_en;
  GtkWidget *title_zh;
  GtkWidget *start;

  editor = g_object_ref_sink (desk_record_editor_new (history, DESK_KIND_WORKSHOP));
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, fields);
  title_en = desk_record_editor_get_row (DESK_RECORD_EDITOR (editor), "title_en");
  title_zh = desk_record_editor_get_row (DESK_RECORD_EDITOR (editor), "title_zh");
  start = desk_record_editor_get_row (DESK_RECORD_EDITOR (editor), "start_date");

  /* The sample group works in both. */
  g_assert_cmpstr (desk_record_get_string (group, "languages"), ==, "en,zh");
  g_assert_true (gtk_widget_get_visible (title_en));
  g_assert_true (gtk_widget_get_visible (title_zh));

  desk_record_set_string (group, "languages", "en");
  g_assert_true (desk_store_update (store, group, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (title_en));
  g_assert_false (gtk_widget_get_visible (title_zh));
  g_assert_true (gtk_widget_get_visible (start));

  desk_record_set_string (group, "languages", "zh");
  g_assert_true (desk_store_update (store, group, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (title_en));
  g_assert_true (gtk_widget_get_visible (title_zh));

  g_assert_finalize_object (editor);
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
  g_test_add_func ("/gui/workplan/activities", test_workplan_activities);
  g_test_add_func ("/gui/workplan/validation", test_workplan_validation);
  g_test_add_func ("/gui/workplan/delete-undo", test_workplan_delete_undo);
  g_test_add_func ("/gui/workplan/start-next-undo", test_workplan_start_next_undo);
  g_test_add_func ("/gui/deliverables/overdue", test_deliverables_overdue);
  g_test_add_func ("/gui/people/members", test_people_members);
  g_test_add_func ("/gui/overview/worker", test_overview_worker);
  g_test_add_func ("/gui/overview/worker-outlived", test_overview_worker_outlived);
  g_test_add_func ("/gui/window/memory-banner", test_memory_banner);
  g_test_add_func ("/gui/widgets/banner", test_banner_widget);
  g_test_add_func ("/gui/forms/narrative-follows-languages", test_narrative_follows_languages);

  return g_test_run ();
}
