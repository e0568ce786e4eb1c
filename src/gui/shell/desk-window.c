/* desk-window.c
 *
 * The window shows the welcome view while the store holds no group, and the pages once
 * it does; it follows the store's "changed::group" signal, so a group made by the
 * dialog, by the sample data or by an import all bring the pages in the same way.
 *
 * The sidebar lists every page from the start, but a page is made (its template
 * instantiated) only the first time it is needed: shown, opened on a record, or reached
 * by an action of the window. The first frame then pays for the frame, the sidebar and the
 * page shown, not for the seven others.
 *
 * A protected store that is locked shows the passphrase page (DeskUnlockView) first, or
 * the pages with names locked once the coordinator chose to continue without them; all of
 * protection (the passphrase page, locking, idle lock, the protect dialog) is in
 * desk-window-lock.c, which shares the window's struct through desk-window-lock-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-window.h"
#include "desk-natural-bin.h"
#include "desk-window-private.h"
#include "desk-window-lock-private.h"

#include "desk-a11y.h"
#include "desk-banner.h"
#include "desk-budget-page.h"
#include "desk-deliverables-page.h"
#include "desk-exports-page.h"
#include "desk-file-chooser.h"
#include "desk-group-dialog.h"
#include "desk-list-access.h"
#include "desk-groups-page.h"
#include "desk-overview-page.h"
#include "desk-people-page.h"
#include "desk-reports-page.h"
#include "desk-toast.h"
#include "desk-widget-util.h"
#include "desk-welcome-view.h"
#include "desk-workplan-page.h"
#include "desk-workshops-page.h"


G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pages, in the sidebar's order. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType (*get_type) (void);
} window_pages[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", desk_overview_page_get_type },
  { "workplan", N_("Workplan"), "x-office-calendar-symbolic", desk_workplan_page_get_type },
  { "deliverables", N_("Deliverables"), "checkbox-checked-symbolic", desk_deliverables_page_get_type },
  { "budget", N_("Budget"), "accessories-calculator-symbolic", desk_budget_page_get_type },
  { "workshops", N_("Workshops"), "x-office-presentation-symbolic", desk_workshops_page_get_type },
  { "people", N_("People"), "system-users-symbolic", desk_people_page_get_type },
  { "reports", N_("Reports"), "x-office-spreadsheet-symbolic", desk_reports_page_get_type },
  { "exports", N_("Exports"), "document-send-symbolic", desk_exports_page_get_type },
  /* The secretariat's desk: shown for a secretariat or once other groups arrived. */
  { "groups", N_("Groups"), "view-list-symbolic", desk_groups_page_get_type },
};

static int
window_page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_pages); i++)
    if (g_strcmp0 (window_pages[i].name, name) == 0)
      return i;

  return -1;
}

/* Whether the page @name has something to show now: the Groups page for the
 * secretariat's desk, the group's pages for the own group or the group opened from it
 * (the Exports page is the own group's only), and nothing without a group. */
static gboolean
desk_window_page_available (DeskWindow *self,
                            const char *name)
{
  if (g_strcmp0 (name, "groups") == 0)
    return self->secretariat || self->has_imported;
  if (self->open_group != NULL)
    return g_strcmp0 (name, "exports") != 0;

  return self->has_group;
}

static GtkWidget *
create_sidebar_row (guint index)
{
  const char *title = _(window_pages[index].title);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  image = gtk_image_new_from_icon_name (window_pages[index].icon_name);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* GTK 4.8 asks the X server where the pointer is whenever a visible widget gets a
   * tooltip, a round trip each: the row gets its tooltip while hidden. */
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_set_tooltip_text (row, title);
  gtk_widget_set_visible (row, TRUE);
  /* Said as its page's title: the icon has nothing to say. */
  desk_a11y_set_name (row, title);
  g_object_set_data (G_OBJECT (row), "desk-page-name", (gpointer) window_pages[index].name);

  return row;
}

/* The page @name, made now if it was not yet: NULL when there is no such page. A page
 * made here gets the window's store and history; it builds its content when it is
 * first mapped, or when something asks it to (desk_page_ensure_built). */
static GtkWidget *
desk_window_ensure_page (DeskWindow *self,
                         const char *name)
{
  GtkStackPage *stack_page;
  GtkWidget *page;
  int index;

  if (name == NULL)
    return NULL;

  page = gtk_stack_get_child_by_name (self->page_stack, name);
  if (page != NULL)
    return page;

  index = window_page_index (name);
  if (index < 0)
    return NULL;

  page = g_object_new (window_pages[index].get_type (),
                       "store", self->store,
                       "history", self->history,
                       "group-uuid", self->open_group,
                       NULL);
  stack_page = gtk_stack_add_titled (self->page_stack, page, name, _(window_pages[index].title));
  gtk_stack_page_set_icon_name (stack_page, window_pages[index].icon_name);

  return page;
}

/* Marks the row of the page shown, and only it, as selected, for the eye (the
 * navigation-sidebar style of row:selected) and for a screen reader. The list box has no
 * selection of its own (selection-mode none in desk-window.ui): a GtkListBox selects
 * whichever row gets the focus, so Tab or an arrow key through the sidebar would mark a
 * page that is not shown. Only showing a page moves the mark. */
static void
desk_window_mark_sidebar_row (DeskWindow *self,
                              int         index)
{
  for (int i = 0; i < (int) G_N_ELEMENTS (window_pages); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar_list, i));

      if (i == index)
        gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
      else
        gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, i == index,
                                   -1);
    }
}

static void
desk_window_sync_page (DeskWindow *self)
{
  int index = window_page_index (gtk_stack_get_visible_child_name (self->page_stack));

  if (index < 0)
    return;

  /* The sidebar's rows are in the order of window_pages, the stack's in the order the
   * pages were made. */
  adw_window_title_set_title (self->window_title, _(window_pages[index].title));
  desk_window_mark_sidebar_row (self, index);
}

static gboolean
desk_window_show_page (DeskWindow *self,
                       const char *name)
{
  GtkWidget *page;

  /* A group's page in a secretariat's database with no group open shows nothing. */
  if (!desk_window_page_available (self, name))
    return FALSE;

  page = desk_window_ensure_page (self, name);
  if (page == NULL)
    return FALSE;

  gtk_stack_set_visible_child (self->page_stack, page);
  adw_leaflet_set_visible_child (self->leaflet, self->content_bin);

  return TRUE;
}

/* Shows the page @name and returns it; NULL when there is no such page. */
static GtkWidget *
desk_window_present_page (DeskWindow *self,
                          const char *name)
{
  if (!desk_window_show_page (self, name))
    return NULL;

  return gtk_stack_get_child_by_name (self->page_stack, name);
}

/* Each sidebar row shown when its page has something to show. */
static void
desk_window_update_sidebar (DeskWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_pages); i++)
    gtk_widget_set_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar_list, i)),
                            desk_window_page_available (self, window_pages[i].name));
}

/* The banner over a group opened from the Groups page: whose records these are. */
static void
desk_window_update_group_banner (DeskWindow *self,
                                 const char *bundle_date)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  const char *code;

  if (self->open_group == NULL)
    {
      desk_banner_set_revealed (self->group_banner, FALSE);
      return;
    }

  group = desk_store_get (self->store, DESK_KIND_GROUP, self->open_group, NULL);
  code = group != NULL ? desk_record_get_string (group, "code") : NULL;
  if (code == NULL)
    code = self->open_group;
  if (bundle_date != NULL && bundle_date[0] != '\0')
    date = desk_date_format (bundle_date);

  if (date != NULL)
    /* Translators: the group's code and the date of the bundle its records came in. */
    title = g_strdup_printf (_("Imported from %s’s bundle of %s — read-only"), code, date);
  else
    /* Translators: the group's code. */
    title = g_strdup_printf (_("Imported from %s’s bundle — read-only"), code);
  desk_banner_set_title (self->group_banner, title);
  desk_banner_set_revealed (self->group_banner, TRUE);
}

/* The window's subtitle: the group shown, or the secretariat's desk. */
static void
desk_window_update_subtitle (DeskWindow *self,
                             DeskRecord *main_group)
{
  g_autoptr(DeskRecord) opened = NULL;
  DeskRecord *group = main_group;

  if (self->open_group != NULL)
    group = opened = desk_store_get (self->store, DESK_KIND_GROUP, self->open_group, NULL);

  if (group != NULL)
    adw_window_title_set_subtitle (self->window_title,
                                   desk_record_get_narrative (group, "name", desk_locale_language (), NULL));
  else if (self->secretariat)
    adw_window_title_set_subtitle (self->window_title, _("Secretariat"));
  else
    adw_window_title_set_subtitle (self->window_title, NULL);
}

/* The group's pages (or the secretariat's Groups page), or the welcome view while the
 * store holds nothing to show. */
static void
desk_window_show_group (DeskWindow *self,
                        DeskRecord *group,
                        gboolean    had_group)
{
  if (group != NULL || self->secretariat || self->has_imported)
    {
      const char *shown = gtk_stack_get_visible_child_name (self->page_stack);

      desk_window_update_subtitle (self, group);
      gtk_stack_set_visible_child_name (self->main_stack, "pages");

      /* A group that just arrived starts on its overview; a secretariat's desk, or a
       * page that has nothing to show now, on the Groups page. */
      if (group != NULL && !had_group && gtk_widget_get_mapped (GTK_WIDGET (self)))
        desk_window_show_page (self, "overview");
      else if (shown == NULL || !desk_window_page_available (self, shown))
        desk_window_show_page (self, group != NULL ? "overview" : "groups");
    }
  else
    {
      /* Made only for a store with no group: a group's window never needs it. */
      if (gtk_stack_get_child_by_name (self->main_stack, "welcome") == NULL)
        gtk_stack_add_named (self->main_stack, desk_welcome_view_new (), "welcome");
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
}

void
_desk_window_update_group (DeskWindow *self)
{
  g_autoptr(DeskRecord) group = NULL;
  gboolean had_group = self->has_group;

  if (self->store != NULL)
    group = desk_store_dup_main_group (self->store);

  self->has_group = group != NULL;
  self->secretariat = self->store != NULL && desk_store_is_secretariat (self->store);
  self->has_imported = self->store != NULL && desk_store_has_imported_groups (self->store);
  desk_window_update_sidebar (self);

  /* A locked store shows its passphrase page (desk-window-lock.c) before anything else. */
  if (!_desk_window_show_locked (self))
    desk_window_show_group (self, group, had_group);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-group",
                                 self->store != NULL && group == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-sample",
                                 self->store != NULL && group == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.work-at-secretariat",
                                 self->store != NULL && group == NULL && !self->secretariat);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bundle", group != NULL);
}

static void
desk_window_load_state (DeskWindow *self)
{
  g_autofree char *last_page = NULL;

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  if (!desk_window_show_page (self, last_page))
    g_debug ("Not restoring unknown page “%s”", last_page);
}

static void
desk_window_save_state (DeskWindow *self)
{
  const char *page;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);

  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  page = gtk_stack_get_visible_child_name (self->page_stack);
  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);

  g_settings_apply (self->settings);
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (window_page_index (name) < 0)
    g_warning ("There is no page called “%s”", name);
  else if (!desk_window_show_page (self, name))
    g_debug ("The page “%s” has nothing to show now", name);
}

static void
create_group_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *welcome = gtk_stack_get_child_by_name (self->main_stack, "welcome");
  GtkWidget *dialog;

  dialog = desk_group_dialog_new (self->store);
  if (DESK_IS_WELCOME_VIEW (welcome) && desk_welcome_view_get_protect (DESK_WELCOME_VIEW (welcome)))
    _desk_window_protect_after_create (self, dialog);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
explore_sample_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  uuid = desk_demo_fill (self->store, &error);
  if (uuid == NULL)
    {
      desk_toast_show_message (widget, error->message);
      return;
    }

  /* The store's changed::group signal has already brought the pages in. */
  desk_window_show_page (self, "overview");
}

/* The welcome view's “I Work at the Secretariat”: the database becomes the secretariat's,
 * and the Groups page (empty, with its Import Bundle…) comes in. */
static void
work_at_secretariat_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *welcome = gtk_stack_get_child_by_name (self->main_stack, "welcome");
  gboolean protect = DESK_IS_WELCOME_VIEW (welcome) &&
                     desk_welcome_view_get_protect (DESK_WELCOME_VIEW (welcome));
  g_autoptr(GError) error = NULL;

  if (!desk_store_set_secretariat (self->store, &error))
    {
      desk_toast_show_message (widget, error->message);
      return;
    }

  _desk_window_update_group (self);
  desk_window_show_page (self, "groups");
  /* Named bundles bring many groups' people: the passphrase the welcome view promised,
   * before the first one arrives. */
  if (protect)
    gtk_widget_activate_action (widget, "win.protect", NULL);
}

/* Shows @group_uuid's pages (NULL: the own group's): every page made before goes, since
 * each page is made for one group; the Groups page stays. */
static void
desk_window_set_open_group (DeskWindow *self,
                            const char *group_uuid,
                            const char *bundle_date)
{
  g_autoptr(DeskRecord) group = NULL;
  GtkWidget *child;
  GtkWidget *groups = gtk_stack_get_child_by_name (self->page_stack, "groups");

  if (g_strcmp0 (group_uuid, self->open_group) != 0)
    {
      child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
      while (child != NULL)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (child);

          if (child != groups)
            gtk_stack_remove (self->page_stack, child);
          child = next;
        }
      g_free (self->open_group);
      self->open_group = g_strdup (group_uuid);
    }

  group = desk_store_dup_main_group (self->store);
  desk_window_update_group_banner (self, bundle_date);
  desk_window_update_subtitle (self, group);
  desk_window_update_sidebar (self);
}

/* win.open-group (uuid, bundle date): a group from the Groups page, its own pages
 * read-only; the date (ISO, or empty) names its last bundle in the banner. */
static void
open_group_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  const char *uuid = NULL;
  const char *date = NULL;

  g_variant_get (parameter, "(&s&s)", &uuid, &date);
  if (!desk_store_group_is_read_only (self->store, uuid))
    {
      /* The own group is the coordinator's pages, writable. */
      desk_window_set_open_group (self, NULL, NULL);
      desk_window_show_page (self, "overview");
      return;
    }

  desk_window_set_open_group (self, uuid, date);
  desk_window_show_page (self, "overview");
}

/* win.close-group: back to the Groups page, the group opened from it closed. */
static void
close_group_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  desk_window_set_open_group (self, NULL, NULL);
  if (!desk_window_show_page (self, "groups"))
    desk_window_show_page (self, "overview");
}

static void
go_back_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
update_history_actions (DeskWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history != NULL && desk_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history != NULL && desk_history_can_redo (self->history));
}

/* win.undo and win.redo. */
static void
history_step_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (action_name, "win.undo"))
    done = desk_history_undo (self->history, &error);
  else
    done = desk_history_redo (self->history, &error);

  if (!done)
    desk_toast_show_message (widget, error->message);
}

/* win.reload (message): a new main window on the same store, showing @message, in place
 * of this one. After a restore every page must read the database again, and a new window
 * is the one way that cannot miss a cached model. */
static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *window;

  window = desk_window_new (gtk_window_get_application (GTK_WINDOW (self)), self->store);
  /* The page shown stays shown (the Groups page after an import into the secretariat's
   * database), when it still has something to show. */
  desk_window_show_page (DESK_WINDOW (window), gtk_stack_get_visible_child_name (self->page_stack));
  gtk_window_present (GTK_WINDOW (window));
  desk_toast_show_message (window, g_variant_get_string (parameter, NULL));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Every page made again, the one shown shown again: what a page read before (names in
 * its models, its editors, its check-in) goes with it. */
void
_desk_window_remake_pages (DeskWindow *self)
{
  g_autofree char *shown = g_strdup (gtk_stack_get_visible_child_name (self->page_stack));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    gtk_stack_remove (self->page_stack, child);

  if (shown != NULL)
    {
      GtkWidget *page = desk_window_ensure_page (self, shown);

      if (page != NULL)
        gtk_stack_set_visible_child (self->page_stack, page);
    }
  desk_window_sync_page (self);
}

/* Ctrl+N and Ctrl+F (win.new, win.find) mean the page shown: its own page.new and
 * page.find. */
static void
forward_to_page_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pages") != 0)
    return;

  page = gtk_stack_get_visible_child (self->page_stack);
  if (page != NULL)
    gtk_widget_activate_action (page, g_str_equal (action_name, "win.new") ? "page.new" : "page.find",
                                NULL);
}

static void
show_deliverable_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GtkWidget *page = desk_window_present_page (DESK_WINDOW (widget), "deliverables");

  if (page != NULL)
    desk_page_open_record (DESK_PAGE (page), "deliverable", g_variant_get_string (parameter, NULL));
}

/* The Overview's deliverables tile: the list, filtered to the overdue. */
static void
show_overdue_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkWidget *page = desk_window_present_page (DESK_WINDOW (widget), "deliverables");

  if (page != NULL)
    desk_deliverables_page_show_overdue (DESK_DELIVERABLES_PAGE (page));
}

/* The page that owns records of @kind. */
static const char *
page_of_kind (const char *kind)
{
  static const struct { const char *kind; const char *page; } pages[] = {
    { "workplan", "workplan" }, { "activity", "workplan" }, { "indicator", "workplan" },
    { "indicator_value", "workplan" }, { "deliverable", "deliverables" },
    { "budget_line", "budget" }, { "budget_revision", "budget" }, { "expense", "budget" },
    { "funding", "budget" }, { "rate", "budget" }, { "workshop", "workshops" },
    { "attendance", "workshops" }, { "nomination", "workshops" }, { "member", "people" },
    { "person", "people" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].kind, kind) == 0)
      return pages[i].page;

  return "overview";
}

/* win.open-record (kind, uuid): every link to a record (the export dialog's "fix these
 * first", the Overview's tiles) goes through here to the page that owns the kind. */
static void
open_record_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *kind = NULL;
  const char *uuid = NULL;
  GtkWidget *page;

  g_variant_get (parameter, "(&s&s)", &kind, &uuid);
  page = desk_window_present_page (DESK_WINDOW (widget), page_of_kind (kind));

  /* Each page opens the kinds it can; for the others, showing the page is all. */
  if (DESK_IS_PAGE (page))
    desk_page_open_record (DESK_PAGE (page), kind, uuid);
}

/* One report of the Reports page, by its key: workplan, budget, attendance, indicators. */
static void
show_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  DeskReportKind kind;
  GtkWidget *page;

  if (!desk_report_kind_from_key (g_variant_get_string (parameter, NULL), &kind))
    return;

  page = desk_window_ensure_page (self, "reports");
  desk_reports_page_show_report (DESK_REPORTS_PAGE (page), kind);
  desk_window_show_page (self, "reports");
}

/* Ctrl+E, from any page: the Exports page, with its export dialog open. */
static void
export_bundle_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *page = self->has_group ? desk_window_present_page (self, "exports") : NULL;

  if (page != NULL)
    gtk_widget_activate_action (page, "exports.export", NULL);
}

/* Importing a bundle also works with no group yet (a coordinator moving to a new
 * laptop): the Exports page does it, shown or not. */
static void
import_bundle_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *page = desk_window_ensure_page (self, "exports");

  gtk_widget_activate_action (page, "exports.import", NULL);
}

/* A database kept in memory: the banner says so and offers a copy in a file. */

static void
memory_copy_chosen (gpointer  owner,
                    GFile    *file)
{
  DeskWindow *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      desk_toast_show_message (GTK_WIDGET (self),
                               _("Choose a folder on this computer: the file cannot be written there."));
      return;
    }
  if (!desk_store_backup (self->store, path, &error))
    {
      desk_toast_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  desk_toast_show (GTK_WIDGET (self),
                   desk_toast_new_show_file (_("Copy of the database saved"),
                                             path));
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->store == NULL)
    return;

  desk_file_chooser_ask (self, GTK_WINDOW (self), _("Save a Copy of the Database"),
                         "groupdesk.db", memory_copy_chosen,
                         desk_file_filter_new (_("Groupdesk databases"), "db", NULL),
                         NULL);
}

static void
desk_window_update_memory_banner (DeskWindow *self)
{
  gboolean in_memory = self->store != NULL && desk_store_get_path (self->store) == NULL;

  desk_banner_set_revealed (self->memory_banner, in_memory);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", in_memory);
}

static void
history_changed_cb (DeskWindow *self)
{
  update_history_actions (self);
}

static void
group_changed_cb (DeskWindow *self,
                  const char *kind,
                  const char *uuid,
                  DeskStore  *store)
{
  _desk_window_update_group (self);
}

static void
visible_page_changed_cb (DeskWindow *self)
{
  desk_window_sync_page (self);
}

static void
sidebar_row_activated_cb (DeskWindow    *self,
                          GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "desk-page-name");

  desk_window_show_page (self, name);
}

static gboolean
desk_window_close_request (GtkWindow *window)
{
  desk_window_save_state (DESK_WINDOW (window));

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_constructed (GObject *object)
{
  DeskWindow *self = (DeskWindow *) object;

  G_OBJECT_CLASS (desk_window_parent_class)->constructed (object);

  /* One history for the window: Ctrl+Z undoes the last change, whichever page made it. */
  if (self->store != NULL)
    {
      self->history = desk_history_new (self->store);
      g_signal_connect_object (self->history, "changed", G_CALLBACK (history_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_history_actions (self);

  if (self->store != NULL)
    {
      self->group_changed_id = g_signal_connect_object (self->store, "changed::group",
                                                        G_CALLBACK (group_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
      _desk_window_lock_watch (self);
    }

  /* What the database is, before a page is chosen: the pages it can show follow. */
  if (self->store != NULL)
    {
      g_autoptr(DeskRecord) group = desk_store_dup_main_group (self->store);

      self->has_group = group != NULL;
      self->secretariat = desk_store_is_secretariat (self->store);
      self->has_imported = desk_store_has_imported_groups (self->store);
    }

  /* The page last shown, or else the Overview: the one page made before the first frame. */
  desk_window_load_state (self);
  if (gtk_stack_get_visible_child (self->page_stack) == NULL)
    desk_window_ensure_page (self, self->has_group || !(self->secretariat || self->has_imported)
                                   ? "overview" : "groups");
  _desk_window_update_protection (self);
  _desk_window_update_group (self);
  desk_window_sync_page (self);
  desk_window_update_memory_banner (self);
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = (DeskWindow *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->group_changed_id, self->store);
  _desk_window_lock_dispose (self);

  desk_file_chooser_cancel (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_pointer (&self->open_group, g_free);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = desk_window_constructed;
  object_class->dispose = desk_window_dispose;
  object_class->get_property = desk_window_get_property;
  object_class->set_property = desk_window_set_property;

  window_class->close_request = desk_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         DESK_TYPE_HISTORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The pages' types are made with the pages (window_pages), not before. */
  g_type_ensure (DESK_TYPE_WELCOME_VIEW);
  g_type_ensure (DESK_TYPE_BANNER);
  g_type_ensure (DESK_TYPE_NATURAL_BIN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, content_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, memory_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, group_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, menu_button);
  /* Found by name, as the tests do: the window only names it in its template. */
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.create-group", NULL, create_group_activated);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL, explore_sample_activated);
  gtk_widget_class_install_action (widget_class, "win.work-at-secretariat", NULL,
                                   work_at_secretariat_activated);
  gtk_widget_class_install_action (widget_class, "win.open-group", "(ss)", open_group_activated);
  gtk_widget_class_install_action (widget_class, "win.close-group", NULL, close_group_activated);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_step_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_step_activated);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, forward_to_page_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, forward_to_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-deliverable", "s",
                                   show_deliverable_activated);
  gtk_widget_class_install_action (widget_class, "win.show-overdue", NULL, show_overdue_activated);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(ss)", open_record_activated);
  gtk_widget_class_install_action (widget_class, "win.show-report", "s", show_report_activated);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL, export_bundle_activated);
  gtk_widget_class_install_action (widget_class, "win.import-bundle", NULL, import_bundle_activated);
  gtk_widget_class_install_action (widget_class, "win.reload", "s", reload_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  _desk_window_lock_class_init (widget_class);

  /* Undo and redo bubble up from the focus, unlike the application's accelerators (see
   * desk-application.c): an entry with typing of its own to undo takes Ctrl+Z first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
}

static void
desk_window_init (DeskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (desk_banner_get_button (self->memory_banner)),
                                  "win.save-copy");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (desk_banner_get_button (self->group_banner)),
                                  "win.close-group");

  for (guint i = 0; i < G_N_ELEMENTS (window_pages); i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (i));
  /* One Tab stop, as every list: the arrows walk its rows. */
  desk_list_box_make_one_stop (self->sidebar_list);

  /* The header's buttons, as a person would say them. */
  desk_a11y_set_menu_button_name (self->menu_button, _("Main Menu"));
  {
    g_autofree char *unlock = desk_a11y_strip_mnemonic (_("_Unlock…"));

    desk_a11y_set_name (self->unlock_button, unlock);
  }

  /* Without the schema the window does not remember its size and page. */
  self->settings = desk_settings_new_if_installed ();

  if (DESK_DEVEL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

GtkWidget *
desk_window_new (GtkApplication *application,
                 DeskStore      *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

DeskHistory *
desk_window_get_history (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->history;
}

DeskStore *
desk_window_get_store (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
desk_window_get_visible_page (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") == 0)
    return "locked";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pages") != 0)
    return "welcome";

  return gtk_stack_get_visible_child_name (self->page_stack);
}

/* Private API, for tests */

GtkWidget *
_desk_window_ensure_page (DeskWindow *self,
                          const char *name)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return desk_window_ensure_page (self, name);
}
