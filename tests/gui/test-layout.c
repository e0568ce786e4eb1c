/* test-layout.c — the window's pages as laid out at 1280×800: one kind of section
 * switcher on every page that has sections, the data given most of the window, and the
 * export dialog within a laptop's screen; the sidebar shown down to 900 px wide, and
 * every page narrow enough to fit beside it
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory and the build's compiled
 * schema. Nothing but TAP on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-exports-page.h"
#include "desk-exports-page-private.h"
#include "desk-reports-page.h"
#include "desk-widget-util.h"
#include "desk-window.h"
#include "desk-window-private.h"
#include "test-sample-common.h"

#include <locale.h>

/* The size the screenshots are taken at, a common laptop's window. */
#define WIDTH 1280
#define HEIGHT 800

/* The narrowest window that still shows the sidebar (issue #20), the sidebar's width and
 * the separator's: what is left is the widest a page may need. */
#define SIDEBAR_UNTIL 900
#define SIDEBAR_WIDTH 220
#define CONTENT_MIN (SIDEBAR_UNTIL - SIDEBAR_WIDTH - 1)

/* The share of the window's height a page's data gets at least (issue #15: the Budget
 * page's data started at y = 345 of 790, under four toolbars). */
#define DATA_SHARE 0.6

typedef enum
{
  DATA_TABLE,     /* the tallest table (a GtkColumnView in its scrolled window) */
  DATA_SCROLLED,  /* the tallest scrolled area: a page of figures, an empty history */
  DATA_REPORT,    /* the Reports page's report: its chart and its table */
} DataKind;

static const struct
{
  const char *page;
  DataKind data;
  gboolean sections;
} pages[] = {
  { "overview", DATA_SCROLLED, FALSE },
  { "workplan", DATA_TABLE, TRUE },
  { "deliverables", DATA_TABLE, FALSE },
  { "budget", DATA_TABLE, TRUE },
  { "workshops", DATA_TABLE, TRUE },
  { "people", DATA_TABLE, TRUE },
  { "reports", DATA_REPORT, TRUE },
  /* No export yet in the sample group: the history's place is its empty state. */
  { "exports", DATA_SCROLLED, FALSE },
};

typedef struct
{
  guint frames;
} Frames;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ((Frames *) user_data)->frames++;

  return G_SOURCE_CONTINUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Until @widget has drawn a few frames, so that it is allocated as a person sees it;
 * never longer than five seconds. */
static void
wait_for_layout (GtkWidget *widget)
{
  Frames frames = { 0 };
  gboolean timed_out = FALSE;
  guint tick_id = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);
  guint timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && (!gtk_widget_get_mapped (widget) || frames.frames < 4))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  gtk_widget_remove_tick_callback (widget, tick_id);
}

/* A window @width × @height; 0 × 0: the window's own default size (its settings'). */
static DeskWindow *
new_window_sized (DeskStore *store,
                  int        width,
                  int        height)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  g_object_ref (window);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_layout (GTK_WIDGET (window));

  return window;
}

static DeskWindow *
new_window (DeskStore *store)
{
  return new_window_sized (store, WIDTH, HEIGHT);
}

static void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_for_layout (GTK_WIDGET (window));
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, name);

  return gtk_stack_get_child_by_name (stack, name);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The tallest mapped scrolled window under @page (holding a table, with @table). */
static GtkWidget *
find_data (GtkWidget *page,
           gboolean   table)
{
  g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
  GtkWidget *best = NULL;

  collect (page, GTK_TYPE_SCROLLED_WINDOW, scrolled);
  for (guint i = 0; i < scrolled->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (scrolled, i);

      if (!gtk_widget_get_mapped (widget))
        continue;
      if (table && !GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
        continue;
      if (best == NULL || gtk_widget_get_height (widget) > gtk_widget_get_height (best))
        best = widget;
    }

  return best;
}

/* On every page, at 1280×800, the data (the table, the report, the Overview's figures)
 * is at least 60% of the window's height: toolbars take one row, not four. */
static void
test_data_gets_the_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *uuid = NULL;
  DeskWindow *window;

  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  window = new_window (store);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = show_page (window, pages[i].page);
      GtkWidget *data = NULL;
      graphene_rect_t bounds;
      int height = gtk_widget_get_height (GTK_WIDGET (window));

      switch (pages[i].data)
        {
        case DATA_TABLE:
          data = find_data (page, TRUE);
          break;

        case DATA_SCROLLED:
          data = find_data (page, FALSE);
          break;

        case DATA_REPORT:
          data = GTK_WIDGET (gtk_widget_get_template_child (page, DESK_TYPE_REPORTS_PAGE, "stack"));
          break;

        default:
          g_assert_not_reached ();
        }

      g_assert_nonnull (data);
      g_assert_true (gtk_widget_compute_bounds (data, GTK_WIDGET (window), &bounds));
      g_test_message ("%s: the data from y = %.0f, %.0f of %d high", pages[i].page,
                      bounds.origin.y, bounds.size.height, height);
      g_assert_cmpint (height, >=, HEIGHT - 10);
      g_assert_cmpfloat (bounds.size.height, >=, DATA_SHARE * height);
    }

  destroy_window (window);
}

/* Every page with sections switches them with the same control, the base's: an
 * AdwViewSwitcher, titles beside their icons, first in the page's toolbar. Choosing a
 * section in it shows that section. */
static void
test_one_section_switcher (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *uuid = NULL;
  DeskWindow *window;

  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  window = new_window (store);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = show_page (window, pages[i].page);
      g_autoptr(GPtrArray) switchers = g_ptr_array_new ();
      g_autoptr(GPtrArray) others = g_ptr_array_new ();
      AdwViewSwitcher *switcher;
      AdwViewStack *stack;
      GtkWidget *toolbar;
      GtkSelectionModel *sections;
      guint n;

      g_test_message ("Page %s", pages[i].page);
      collect (page, ADW_TYPE_VIEW_SWITCHER, switchers);
      collect (page, GTK_TYPE_STACK_SWITCHER, others);
      g_assert_cmpuint (others->len, ==, 0);
      if (!pages[i].sections)
        {
          g_assert_cmpuint (switchers->len, ==, 0);
          continue;
        }

      /* One switcher, wide, with a narrow twin that takes its place in a squeezer where
       * the toolbar is too short (beside the sidebar in a 900 px window): where the
       * toolbar has all the room it asks for, the wide one is shown. */
      g_assert_cmpuint (switchers->len, ==, 2);
      switcher = switchers->pdata[0];
      toolbar = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (switcher)));
      {
        int natural = 0;

        gtk_widget_measure (toolbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        g_test_message ("Toolbar: %d px of the %d it asks for", gtk_widget_get_width (toolbar), natural);
        if (gtk_widget_get_width (toolbar) >= natural)
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (switcher)));
        else
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (switcher)) ||
                         gtk_widget_get_mapped (switchers->pdata[1]));
      }
      g_assert_cmpint (adw_view_switcher_get_policy (switcher), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
      g_assert_cmpint (adw_view_switcher_get_policy (switchers->pdata[1]), ==, ADW_VIEW_SWITCHER_POLICY_NARROW);
      g_assert_true (adw_view_switcher_get_stack (switchers->pdata[1]) == adw_view_switcher_get_stack (switcher));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (switcher), "desk-section-switcher"));
      g_assert_true (ADW_IS_SQUEEZER (gtk_widget_get_parent (GTK_WIDGET (switcher))));
      g_assert_true (gtk_widget_has_css_class (toolbar, "toolbar"));
      g_assert_true (gtk_widget_get_first_child (toolbar) == gtk_widget_get_parent (GTK_WIDGET (switcher)));

      /* Each section, chosen as a click on its button does, is the one shown. */
      stack = adw_view_switcher_get_stack (switcher);
      sections = adw_view_stack_get_pages (stack);
      n = g_list_model_get_n_items (G_LIST_MODEL (sections));
      g_assert_cmpuint (n, >=, 2);
      for (guint k = n; k-- > 0;)
        {
          g_autoptr(AdwViewStackPage) section = g_list_model_get_item (G_LIST_MODEL (sections), k);

          g_assert_nonnull (adw_view_stack_page_get_title (section));
          g_assert_nonnull (adw_view_stack_page_get_icon_name (section));
          g_assert_true (gtk_selection_model_select_item (sections, k, TRUE));
          wait_for_layout (GTK_WIDGET (window));
          g_assert_true (adw_view_stack_get_visible_child (stack) == adw_view_stack_page_get_child (section));
          g_assert_true (gtk_widget_get_mapped (adw_view_stack_page_get_child (section)));
        }
      g_object_unref (sections);
    }

  destroy_window (window);
}

/* The export dialog on the sample group, with a problem to fix and every count shown, is
 * no taller than a 1366×768 laptop's screen leaves for a window; its content scrolls. */
static void
test_export_dialog_fits_laptop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *uuid = NULL;
  DeskWindow *window;
  DeskExportDialog *dialog;
  int natural = 0;
  int minimum = 0;

  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  window = new_window (store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-bundle", NULL));
  dialog = _desk_exports_page_get_export_dialog (DESK_EXPORTS_PAGE (show_page (window, "exports")));
  g_assert_nonnull (dialog);
  _desk_export_dialog_set_period (dialog, "2025-07-01", "2026-06-30");
  g_assert_nonnull (_desk_export_dialog_get_preview (dialog));
  wait_for_layout (GTK_WIDGET (dialog));

  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, 640,
                      &minimum, &natural, NULL, NULL);
  g_test_message ("Export dialog: %d px tall at most, %d at least", natural, minimum);
  g_assert_cmpint (natural, <=, 640);
  g_assert_cmpint (natural, >=, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (dialog)), <=, 640);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Whether @window shows its sidebar beside the page (the leaflet not folded, the
 * sidebar's list mapped and as wide as the sidebar). */
static gboolean
sidebar_shown (DeskWindow *window)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "leaflet"));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "sidebar_list"));

  g_test_message ("Window %d px wide (leaflet %d): %s, sidebar list %s, %d px wide",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_width (GTK_WIDGET (leaflet)),
                  adw_leaflet_get_folded (leaflet) ? "folded" : "not folded",
                  gtk_widget_get_mapped (list) ? "mapped" : "not mapped",
                  gtk_widget_get_width (list));
  if (adw_leaflet_get_folded (leaflet))
    return FALSE;

  g_assert_true (gtk_widget_get_mapped (list));
  g_assert_cmpint (gtk_widget_get_width (list), >=, SIDEBAR_WIDTH - 20);

  return TRUE;
}

/* The window at its default size (1100 × 720, the settings' default too) shows the
 * sidebar on every page; so does a window whose content is 900 px wide; one of 899,
 * 800 or 500 px (half a small laptop's screen) folds it away and shows the page. */
static void
test_sidebar_shown (void)
{
  static const int widths[] = { SIDEBAR_UNTIL, SIDEBAR_UNTIL - 1, 800, 500 };
  g_autoptr(DeskStore) store = new_sample_store ();
  g_autoptr(GSettings) settings = desk_settings_new_if_installed ();
  DeskWindow *window;
  int frame;

  g_assert_nonnull (settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);

  /* The default size counts the frame Xvfb's client-side decorations draw around the
   * content (a few pixels): the widths below are the content's. */
  window = new_window_sized (store, 0, 0);
  frame = 1100 - gtk_widget_get_width (GTK_WIDGET (window));
  g_test_message ("The default window: %d px wide, a frame of %d px",
                  gtk_widget_get_width (GTK_WIDGET (window)), frame);
  g_assert_cmpint (frame, >=, 0);
  g_assert_cmpint (frame, <=, 20);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_test_message ("Page %s", pages[i].page);
      show_page (window, pages[i].page);
      g_assert_true (sidebar_shown (window));
    }
  destroy_window (window);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      window = new_window_sized (store, widths[w] + frame, 720);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, widths[w]);

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_test_message ("Page %s", pages[i].page);
          show_page (window, pages[i].page);
          g_assert_true (sidebar_shown (window) == (widths[w] >= SIDEBAR_UNTIL));
        }

      destroy_window (window);
    }
}

/* Every page, laid out at the default size with the sample group, needs no more width
 * than is left beside the sidebar in a 900 px window, and nor does the content around it
 * (the header bar, the banners). */
static void
test_pages_fit_beside_sidebar (void)
{
  g_autoptr(DeskStore) store = new_sample_store ();
  DeskWindow *window = new_window_sized (store, 0, 0);
  GtkWidget *content = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW, "content_bin"));
  int too_wide = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = show_page (window, pages[i].page);
      int page_min = 0;
      int content_min = 0;

      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &page_min, NULL, NULL, NULL);
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px wide (the content beside the sidebar: %d; at most %d)",
                      pages[i].page, page_min, content_min, CONTENT_MIN);
      if (page_min > CONTENT_MIN || content_min > CONTENT_MIN)
        too_wide++;
    }
  g_assert_cmpint (too_wide, ==, 0);

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

  g_test_add_func ("/gui/layout/data-gets-the-window", test_data_gets_the_window);
  g_test_add_func ("/gui/layout/one-section-switcher", test_one_section_switcher);
  g_test_add_func ("/gui/layout/export-dialog-fits-laptop", test_export_dialog_fits_laptop);
  g_test_add_func ("/gui/layout/sidebar-shown", test_sidebar_shown);
  g_test_add_func ("/gui/layout/pages-fit-beside-sidebar", test_pages_fit_beside_sidebar);

  return g_test_run ();
}
