/* test-groups.c — the secretariat's desk in the app: the first run's choice, the Groups
 * page, and a group opened read-only
 *
 * The databases are built through core: generated groups of other countries exported as
 * bundles and imported into a secretariat's database (or a coordinator's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gui-common.h"

#include "desk-groups-page-private.h"
#include "desk-protect-dialog.h"
#include "desk-welcome-view.h"
#include "desk-window-private.h"
#include "desk-workplan-page-private.h"

typedef struct
{
  char *dir;
  char *code;
  char *group;
  char *path;     /* its bundle */
} Bundle;

static void
bundle_free (Bundle *bundle)
{
  g_autofree char *db = g_build_filename (bundle->dir, "group.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *backups = g_strconcat (db, ".backups", NULL);

  g_remove (bundle->path);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (backups);
  g_rmdir (bundle->dir);
  g_free (bundle->dir);
  g_free (bundle->code);
  g_free (bundle->group);
  g_free (bundle->path);
  g_free (bundle);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bundle, bundle_free)

static GDateTime *
test_now (void)
{
  return g_date_time_new_utc (2026, 7, 15, 9, 0, 0);
}

/* A small generated group of @country, exported as its first bundle (pseudonymous, the
 * first half of 2026). */
static Bundle *
make_bundle (const char *country,
             guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *db = NULL;
  DeskGenerateOptions options = { seed, 8, 30, 60, country };
  Bundle *bundle = g_new0 (Bundle, 1);

  bundle->dir = g_dir_make_tmp ("test-groups-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (bundle->dir, "group.db", NULL);
  bundle->path = g_build_filename (bundle->dir, "bundle.xml", NULL);
  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  desk_store_set_now (store, now);
  bundle->group = desk_generate_fill (store, &options, &error);
  g_assert_no_error (error);
  group = desk_store_get (store, DESK_KIND_GROUP, bundle->group, &error);
  g_assert_no_error (error);
  bundle->code = g_strdup (desk_record_get_string (group, "code"));
  g_assert_true (desk_bundle_export (store, bundle->group, "2026-01-01", "2026-06-30",
                                     DESK_PRIVACY_PSEUDONYMOUS, bundle->path, &error));
  g_assert_no_error (error);

  return bundle;
}

/* The group's next bundle, written to @name beside its first (removed with it). */
static char *
export_again (Bundle     *bundle,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *db = g_build_filename (bundle->dir, "group.db", NULL);
  char *path = g_build_filename (bundle->dir, name, NULL);

  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  desk_store_set_now (store, now);
  g_assert_true (desk_bundle_export (store, bundle->group, "2026-01-01", "2026-06-30",
                                     DESK_PRIVACY_PSEUDONYMOUS, path, &error));
  g_assert_no_error (error);

  return path;
}

/* The texts of the pills under @widget, in the order shown. */
static void
collect_pills (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_has_css_class (widget, "desk-cell-pill"))
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pills (child, texts);
}

static void
import_bundle (DeskStore *store,
               Bundle    *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = desk_bundle_import (store, bundle->path, FALSE, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_true (desk_store_group_is_imported (store, bundle->group));
}

static DeskStore *
new_secretariat (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;

  desk_store_set_now (store, now);
  g_assert_true (desk_store_set_secretariat (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static GtkWidget *
sidebar_row (DeskWindow *window,
             int         index)
{
  GtkListBox *sidebar = GTK_LIST_BOX (template_child (window, DESK_TYPE_WINDOW, "sidebar_list"));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, index));
}

/* The sidebar's rows, in desk-window.c's order. */
enum { ROW_OVERVIEW, ROW_WORKPLAN, ROW_DELIVERABLES, ROW_BUDGET, ROW_WORKSHOPS, ROW_PEOPLE,
       ROW_REPORTS, ROW_EXPORTS, ROW_GROUPS };

static DeskGroupsPage *
groups_page (DeskWindow *window)
{
  GtkWidget *page = _desk_window_ensure_page (window, "groups");

  g_assert_true (DESK_IS_GROUPS_PAGE (page));
  desk_page_ensure_built (DESK_PAGE (page));
  while (_desk_groups_page_is_reading (DESK_GROUPS_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);

  return DESK_GROUPS_PAGE (page);
}

/* The first widget under @widget whose tooltip is @text. */
static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every list under @widget. */
static void
collect_lists (GtkWidget *widget,
               GPtrArray *lists)
{
  if (DESK_IS_RECORD_LIST (widget))
    g_ptr_array_add (lists, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, lists);
}

/* The welcome view of @window. */
static DeskWelcomeView *
welcome_view (DeskWindow *window)
{
  GtkStack *main_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "main_stack"));

  return DESK_WELCOME_VIEW (gtk_stack_get_child_by_name (main_stack, "welcome"));
}

/* The protect dialog, when one is open. */
static GtkWidget *
find_protect_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (DESK_IS_PROTECT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

/* With "Protect people's names" checked (the default), the secretariat's first run asks
 * for the passphrase before any bundle arrives. */
static void
test_first_run_protects (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  DeskWindow *window = new_window (store);
  GtkWidget *dialog;

  g_assert_true (desk_welcome_view_get_protect (welcome_view (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.work-at-secretariat", NULL));
  wait_a_moment (20);
  g_assert_true (desk_store_is_secretariat (store));
  dialog = find_protect_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The first run: "I Work at the Secretariat" makes the database the secretariat's and
 * shows the Groups page, empty, offering the import; no group page is offered. */
/* Lets the main loop run until @page has read and shows @state, for at most 10 s (the
 * assertion after it says what it shows instead). */
static void
wait_for_groups_state (DeskGroupsPage *page,
                       const char     *state)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((_desk_groups_page_is_reading (page) ||
          g_strcmp0 (_desk_groups_page_get_state (page), state) != 0) &&
         g_get_monotonic_time () < deadline)
    wait_a_moment (10);
}

static void
test_first_run_secretariat (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  DeskWindow *window = new_window (store);
  DeskGroupsPage *page;

  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "welcome");
  g_assert_false (desk_store_is_secretariat (store));

  /* Names unprotected here (test_first_run_protects has the passphrase). */
  desk_welcome_view_set_protect (welcome_view (window), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.work-at-secretariat", NULL));
  wait_a_moment (20);
  g_assert_null (find_protect_dialog ());

  g_assert_true (desk_store_is_secretariat (store));
  g_assert_null (desk_store_dup_main_group (store));
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "groups");
  page = groups_page (window);
  wait_for_groups_state (page, "empty");
  g_assert_cmpstr (_desk_groups_page_get_state (page), ==, "empty");
  g_assert_true (gtk_widget_get_visible (sidebar_row (window, ROW_GROUPS)));
  for (int i = ROW_OVERVIEW; i <= ROW_EXPORTS; i++)
    g_assert_false (gtk_widget_get_visible (sidebar_row (window, i)));
  /* A group's page has nothing to show: asking for one leaves the Groups page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "workplan");
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "groups");
  /* A bundle imported: the page follows, the group listed. */
  {
    g_autoptr(Bundle) ghana = make_bundle ("GH", 9);

    import_bundle (store, ghana);
    /* The page refreshes at a low priority once the import is told: on a loaded machine
     * that can be later than any fixed wait, so wait for it (at most 10 s). */
    wait_for_groups_state (page, "list");
    g_assert_cmpstr (_desk_groups_page_get_state (page), ==, "list");
    g_assert_cmpuint (_desk_groups_page_get_statuses (page)->len, ==, 1);
  }
  /* Once made the secretariat's, it is not offered again. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-group", NULL) &&
                  desk_store_dup_main_group (store) != NULL);

  destroy_window (window);

  /* A secretariat's database opens on its Groups page. */
  window = new_window (store);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "groups");
  destroy_window (window);
}

/* With imported groups: one row per group with its code and the pill its chain earns
 * (Kenya's second bundle never arrived: a gap); or, while core cannot say (a database
 * error), the error state with core's sentence. */
static void
test_status_lists_groups (void)
{
  g_autoptr(DeskStore) store = new_secretariat ();
  g_autoptr(Bundle) ghana = make_bundle ("GH", 3);
  g_autoptr(Bundle) kenya = make_bundle ("KE", 4);
  g_autofree char *kenya_2 = export_again (kenya, "bundle-2.xml");
  g_autofree char *kenya_3 = export_again (kenya, "bundle-3.xml");
  g_autoptr(GPtrArray) pills = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskGroupsPage *page;
  GPtrArray *statuses;
  GListModel *model;
  gboolean seen[2] = { FALSE, FALSE };
  guint ok_pills = 0;
  guint gap_pills = 0;

  import_bundle (store, ghana);
  import_bundle (store, kenya);
  plan = desk_bundle_import (store, kenya_3, FALSE, FALSE, &error);
  g_assert_no_error (error);
  window = new_window (store);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "groups");
  page = groups_page (window);
  wait_a_moment (20);

  statuses = _desk_groups_page_get_statuses (page);
  g_assert_nonnull (statuses);
  g_assert_cmpstr (_desk_groups_page_get_state (page), ==, "list");
  model = G_LIST_MODEL (gtk_column_view_get_model (_desk_groups_page_get_status_view (page)));
  g_assert_cmpuint (statuses->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *status = g_ptr_array_index (statuses, i);

      g_assert_false (status->own);
      if (g_strcmp0 (status->code, ghana->code) == 0)
        {
          seen[0] = TRUE;
          g_assert_cmpint (status->chain, ==, DESK_CHAIN_OK);
          g_assert_cmpint (status->last_sequence, ==, 1);
        }
      else if (g_strcmp0 (status->code, kenya->code) == 0)
        {
          seen[1] = TRUE;
          g_assert_cmpint (status->chain, ==, DESK_CHAIN_GAP);
          g_assert_cmpint (status->last_sequence, ==, 3);
          g_assert_cmpuint (status->missing->len, ==, 1);
          g_assert_cmpint (g_array_index (status->missing, gint64, 0), ==, 2);
        }
    }
  g_assert_true (seen[0] && seen[1]);

  /* The rows show it: one pill up to date, one gap. */
  collect_pills (GTK_WIDGET (_desk_groups_page_get_status_view (page)), pills);
  for (guint i = 0; i < pills->len; i++)
    {
      ok_pills += g_strcmp0 (pills->pdata[i], desk_chain_label (DESK_CHAIN_OK)) == 0;
      gap_pills += g_strcmp0 (pills->pdata[i], desk_chain_label (DESK_CHAIN_GAP)) == 0;
    }
  g_assert_cmpuint (ok_pills, ==, 1);
  g_assert_cmpuint (gap_pills, ==, 1);

  /* The detail of the group with the gap names the number that never arrived. */
  for (guint i = 0; i < statuses->len; i++)
    if (((DeskGroupStatus *) statuses->pdata[i])->chain == DESK_CHAIN_GAP)
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (template_child (page, DESK_TYPE_GROUPS_PAGE, "detail_label"))),
                            "2"));

  /* The reporting period is the secretariat's setting, saved by the drop-down. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (page, DESK_TYPE_GROUPS_PAGE, "months_dropdown")), 2);
  g_assert_cmpint (desk_secretariat_get_reporting_months (store), ==, 3);

  destroy_window (window);
  g_remove (kenya_2);
  g_remove (kenya_3);
}

/* The figures across groups: a row per group and the total; a preset reads them again
 * for its period; the currency chosen is the secretariat's setting. Or, while core
 * cannot say, the error state with its sentence. */
static void
test_figures (void)
{
  g_autoptr(DeskStore) store = new_secretariat ();
  g_autoptr(Bundle) ghana = make_bundle ("GH", 7);
  g_autoptr(Bundle) kenya = make_bundle ("KE", 8);
  DeskGroupFiguresSet *figures;
  DeskWindow *window;
  DeskGroupsPage *page;
  GtkDropDown *preset;
  GtkDropDown *currency;
  GListModel *rows;
  gint64 attendances = 0;
  gint64 workshops = 0;

  import_bundle (store, ghana);
  import_bundle (store, kenya);
  window = new_window (store);
  page = groups_page (window);

  figures = _desk_groups_page_get_figures (page);
  if (figures == NULL)
    {
      AdwStatusPage *error_page = ADW_STATUS_PAGE (template_child (page, DESK_TYPE_GROUPS_PAGE, "figures_error"));
      GtkStack *stack = GTK_STACK (template_child (page, DESK_TYPE_GROUPS_PAGE, "figures_stack"));

      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
      g_assert_nonnull (adw_status_page_get_description (error_page));
      g_test_message ("desk_secretariat_figures is not there yet: the error state was shown");
      destroy_window (window);
      return;
    }

  /* This year, by default; in the secretariat's currency. */
  g_assert_cmpstr (figures->from, ==, "2026-01-01");
  g_assert_cmpstr (figures->to, ==, "2026-12-31");
  g_assert_cmpstr (figures->currency, ==, "USD");
  g_assert_cmpuint (figures->groups->len, ==, 2);
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (template_child (page, DESK_TYPE_GROUPS_PAGE,
                                                                                   "figures_view"))));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  for (guint i = 0; i < figures->groups->len; i++)
    {
      DeskGroupFigures *group = g_ptr_array_index (figures->groups, i);

      attendances += group->attendances;
      workshops += group->workshops;
    }
  g_assert_cmpint (figures->total->attendances, ==, attendances);
  g_assert_cmpint (figures->total->workshops, ==, workshops);
  g_assert_nonnull (desk_chart_get_report (DESK_CHART (template_child (page, DESK_TYPE_GROUPS_PAGE, "chart"))));

  /* All time: read again, for every date. */
  preset = GTK_DROP_DOWN (template_child (page, DESK_TYPE_GROUPS_PAGE, "preset_dropdown"));
  gtk_drop_down_set_selected (preset, 3);
  while (_desk_groups_page_is_reading (page))
    g_main_context_iteration (NULL, TRUE);
  figures = _desk_groups_page_get_figures (page);
  g_assert_nonnull (figures);
  g_assert_null (figures->from);
  g_assert_cmpint (figures->total->attendances, >=, attendances);

  /* Last year: 2025, as the store's clock says. */
  gtk_drop_down_set_selected (preset, 1);
  while (_desk_groups_page_is_reading (page))
    g_main_context_iteration (NULL, TRUE);
  figures = _desk_groups_page_get_figures (page);
  g_assert_cmpstr (figures->from, ==, "2025-01-01");
  g_assert_cmpstr (figures->to, ==, "2025-12-31");

  /* Another currency: saved, and the figures in it. */
  currency = GTK_DROP_DOWN (template_child (page, DESK_TYPE_GROUPS_PAGE, "currency_dropdown"));
  {
    GPtrArray *codes = g_object_get_data (G_OBJECT (currency), "desk-codes");
    guint eur = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < codes->len; i++)
      if (g_strcmp0 (codes->pdata[i], "EUR") == 0)
        eur = i;
    g_assert_cmpuint (eur, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (currency, eur);
  }
  while (_desk_groups_page_is_reading (page))
    g_main_context_iteration (NULL, TRUE);
  {
    g_autofree char *saved = desk_secretariat_dup_currency (store);

    g_assert_cmpstr (saved, ==, "EUR");
  }
  g_assert_cmpstr (_desk_groups_page_get_figures (page)->currency, ==, "EUR");

  /* Saved: the CSV core writes, and the PDF of core's report (in place, in memory). */
  {
    g_autofree char *dir = g_dir_make_tmp ("test-groups-XXXXXX", NULL);
    g_autofree char *csv_path = g_build_filename (dir, "figures.csv", NULL);
    g_autofree char *pdf_path = g_build_filename (dir, "figures.pdf", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
    g_autofree char *csv = NULL;
    g_autofree char *expected = desk_group_figures_set_to_csv (_desk_groups_page_get_figures (page));
    g_autofree char *pdf = NULL;
    gsize length = 0;

    _desk_groups_page_save_figures (page, csv_file, FALSE);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    g_assert_cmpstr (csv, ==, expected);
    _desk_groups_page_save_figures (page, pdf_file, TRUE);
    wait_a_moment (20);
    g_assert_true (g_file_get_contents (pdf_path, &pdf, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (pdf, "%PDF"));
    g_remove (csv_path);
    g_remove (pdf_path);
    g_rmdir (dir);
  }

  destroy_window (window);
}

/* Opening a group shows its records on its own pages, none of which lets anything be
 * changed; the banner says whose they are and leads back to Groups. */
static void
test_open_group_read_only (void)
{
  const char *pages[] = { "workplan", "deliverables", "budget", "workshops", "people", "reports" };
  const DeskKind *kinds[] = { DESK_KIND_WORKPLAN, DESK_KIND_ACTIVITY, DESK_KIND_DELIVERABLE,
                              DESK_KIND_BUDGET_LINE, DESK_KIND_WORKSHOP, DESK_KIND_PERSON };
  g_autoptr(DeskStore) store = new_secretariat ();
  g_autoptr(Bundle) ghana = make_bundle ("GH", 5);
  gint64 counts[G_N_ELEMENTS (kinds)];
  DeskBanner *banner;
  DeskWindow *window;
  DeskWorkplanPage *workplan;
  DeskRecordList *activities;
  DeskRecordEditor *editor;
  GListModel *shown;
  g_autoptr(DeskRecord) first = NULL;

  import_bundle (store, ghana);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    counts[i] = desk_store_count (store, kinds[i], ghana->group);

  window = new_window (store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-group", "(ss)",
                                             ghana->group, "2026-06-30"));
  wait_a_moment (20);
  /* It opens on its own Overview, the figures of that group. */
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  g_assert_true (gtk_widget_get_visible (sidebar_row (window, ROW_OVERVIEW)));
  g_assert_cmpstr (desk_page_get_group_uuid (DESK_PAGE (_desk_window_ensure_page (window, "overview"))),
                   ==, ghana->group);

  banner = DESK_BANNER (template_child (window, DESK_TYPE_WINDOW, "group_banner"));
  g_assert_true (desk_banner_get_revealed (banner));
  g_assert_nonnull (strstr (desk_banner_get_title (banner), ghana->code));
  g_assert_nonnull (strstr (desk_banner_get_title (banner), "2026"));
  g_assert_true (gtk_widget_get_visible (sidebar_row (window, ROW_WORKPLAN)));
  g_assert_false (gtk_widget_get_visible (sidebar_row (window, ROW_EXPORTS)));

  /* Its records, on its own pages. */
  workplan = DESK_WORKPLAN_PAGE (_desk_window_ensure_page (window, "workplan"));
  g_assert_true (desk_page_ensure_built (DESK_PAGE (workplan)));
  g_assert_cmpstr (desk_page_get_group_uuid (DESK_PAGE (workplan)), ==, ghana->group);
  g_assert_false (desk_page_get_writable (DESK_PAGE (workplan)));
  activities = _desk_workplan_page_get_activity_list (workplan);
  shown = desk_record_list_get_filter_model (activities);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_false (desk_record_list_get_writable (activities));

  /* An activity opens, every field insensitive, nothing to drop files on. */
  first = g_list_model_get_item (shown, 0);
  desk_record_list_open (activities, desk_record_get_uuid (first));
  editor = _desk_workplan_page_get_activity_editor (workplan);
  g_assert_cmpstr (desk_record_get_uuid (desk_record_editor_get_record (editor)), ==,
                   desk_record_get_uuid (first));
  g_assert_false (desk_record_editor_get_writable (editor));
  g_assert_false (gtk_widget_get_sensitive (desk_record_editor_get_row (editor, "status")));
  g_assert_false (gtk_widget_get_sensitive (desk_record_editor_get_row (editor, "planned_start")));
  /* The editor's own buttons that write (a deliverable added from the activity) are not
   * offered either. */
  {
    GtkWidget *add = find_by_tooltip (GTK_WIDGET (editor), "Add a Deliverable");

    g_assert_nonnull (add);
    g_assert_false (gtk_widget_get_visible (add));
  }

  /* No page adds, deletes or writes: New and Delete on every page and list do nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;
      g_autoptr(GPtrArray) lists = g_ptr_array_new ();

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      wait_a_moment (10);
      g_assert_cmpstr (desk_window_get_visible_page (window), ==, pages[i]);
      page = _desk_window_ensure_page (window, pages[i]);
      g_assert_true (desk_page_get_built (DESK_PAGE (page)));
      g_assert_false (desk_page_get_writable (DESK_PAGE (page)));
      collect_lists (page, lists);
      for (guint j = 0; j < lists->len; j++)
        {
          DeskRecordList *list = g_ptr_array_index (lists, j);

          g_assert_false (desk_record_list_get_writable (list));
          gtk_widget_activate_action (GTK_WIDGET (list), "list.new", NULL);
          gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL);
        }
      gtk_widget_activate_action (page, "page.new", NULL);
      gtk_widget_activate_action (page, "page.delete", NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
    }
  gtk_widget_activate_action (GTK_WIDGET (workplan), "workplan.new-workplan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (workplan), "workplan.start-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (workplan), "workplan.approve", NULL);
  wait_a_moment (20);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (desk_store_count (store, kinds[i], ghana->group), ==, counts[i]);
  g_assert_false (desk_history_can_undo (desk_window_get_history (window)));

  /* Back to Groups: the banner goes, the group's pages with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-group", NULL));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "groups");
  g_assert_false (desk_banner_get_revealed (banner));
  g_assert_false (gtk_widget_get_visible (sidebar_row (window, ROW_WORKPLAN)));

  destroy_window (window);
}

/* A coordinator on a new laptop: a database made by importing their own group's bundle
 * (its only group) edits that group as before. */
static void
test_own_bundle_editable (void)
{
  g_autoptr(DeskStore) store = new_store (FALSE);
  g_autoptr(Bundle) ghana = make_bundle ("GH", 8);
  g_autoptr(DeskRecord) first = NULL;
  DeskWindow *window;
  DeskWorkplanPage *workplan;
  DeskRecordList *activities;
  DeskRecordEditor *editor;

  import_bundle (store, ghana);
  g_assert_false (desk_store_group_is_read_only (store, ghana->group));
  window = new_window (store);
  workplan = DESK_WORKPLAN_PAGE (_desk_window_ensure_page (window, "workplan"));
  g_assert_true (desk_page_ensure_built (DESK_PAGE (workplan)));
  g_assert_true (desk_page_get_writable (DESK_PAGE (workplan)));
  activities = _desk_workplan_page_get_activity_list (workplan);
  g_assert_true (desk_record_list_get_writable (activities));
  first = g_list_model_get_item (desk_record_list_get_filter_model (activities), 0);
  desk_record_list_open (activities, desk_record_get_uuid (first));
  editor = _desk_workplan_page_get_activity_editor (workplan);
  g_assert_true (desk_record_editor_get_writable (editor));
  g_assert_true (gtk_widget_get_sensitive (desk_record_editor_get_row (editor, "status")));
  g_assert_true (gtk_widget_get_visible (find_by_tooltip (GTK_WIDGET (editor), "Add a Deliverable")));

  destroy_window (window);
}

/* A coordinator's database that imported another group has the Groups page too, opens
 * that group read-only, and comes back to its own group, which stays editable. */
static void
test_coordinator_opens_imported (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(Bundle) kenya = make_bundle ("KE", 6);
  g_autoptr(DeskRecord) own = NULL;
  DeskWindow *window;
  GtkWidget *page;

  import_bundle (store, kenya);
  own = desk_store_dup_main_group (store);
  g_assert_nonnull (own);
  g_assert_cmpstr (desk_record_get_uuid (own), !=, kenya->group);

  window = new_window (store);
  g_assert_true (gtk_widget_get_visible (sidebar_row (window, ROW_GROUPS)));
  g_assert_true (gtk_widget_get_visible (sidebar_row (window, ROW_EXPORTS)));
  page = _desk_window_ensure_page (window, "workplan");
  desk_page_ensure_built (DESK_PAGE (page));
  g_assert_true (desk_page_get_writable (DESK_PAGE (page)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-group", "(ss)",
                                             kenya->group, ""));
  wait_a_moment (10);
  page = _desk_window_ensure_page (window, "workplan");
  desk_page_ensure_built (DESK_PAGE (page));
  g_assert_cmpstr (desk_page_get_group_uuid (DESK_PAGE (page)), ==, kenya->group);
  g_assert_false (desk_page_get_writable (DESK_PAGE (page)));

  /* The own group, from the Groups page: its pages, writable again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-group", "(ss)",
                                             desk_record_get_uuid (own), ""));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, "overview");
  page = _desk_window_ensure_page (window, "workplan");
  desk_page_ensure_built (DESK_PAGE (page));
  g_assert_null (desk_page_get_group_uuid (DESK_PAGE (page)));
  g_assert_true (desk_page_get_writable (DESK_PAGE (page)));
  g_assert_true (desk_record_list_get_writable (_desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page))));
  g_assert_false (desk_banner_get_revealed (DESK_BANNER (template_child (window, DESK_TYPE_WINDOW, "group_banner"))));

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  /* Stack transitions finish at once, so that what the test sees is what was asked. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/groups/first-run-secretariat", test_first_run_secretariat);
  g_test_add_func ("/gui/groups/first-run-protects", test_first_run_protects);
  g_test_add_func ("/gui/groups/status-lists-groups", test_status_lists_groups);
  g_test_add_func ("/gui/groups/figures", test_figures);
  g_test_add_func ("/gui/groups/open-group-read-only", test_open_group_read_only);
  g_test_add_func ("/gui/groups/coordinator-opens-imported", test_coordinator_opens_imported);
  g_test_add_func ("/gui/groups/own-bundle-editable", test_own_bundle_editable);

  return g_test_run ();
}
