/* test-gui-common.h — the windows, stores and waits that test-gui.c and test-pages.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
#include "test-window-common.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static inline GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_true (GTK_IS_WIDGET (child));

  return GTK_WIDGET (child);
}

static inline DeskStore *
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

static inline const char *
header_subtitle (DeskWindow *window)
{
  AdwWindowTitle *title;

  title = ADW_WINDOW_TITLE (template_child (window, DESK_TYPE_WINDOW,
                                                           "window_title"));
  return adw_window_title_get_subtitle (title);
}

static inline char *
main_group_name (DeskStore *store)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);

  g_assert_nonnull (group);

  return g_strdup (desk_record_get_narrative (group, "name", desk_locale_language (), NULL));
}

static inline DeskGroupDialog *
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

/* Whether a label under @widget says something containing @text. */
static inline gboolean
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

/* Whether desk_toast_show (@widget) kept the toast alive: an overlay took it. */
static inline gboolean
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

/* The position of the choice whose code is @code in @row, found through core's list of
 * the field's choices (the rows' first entry is the “choose” placeholder when @offset
 * is 1). */
static inline guint
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

static inline GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *page_stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_a_moment (10);
  g_assert_cmpstr (desk_window_get_visible_page (window), ==, name);

  return gtk_stack_get_child_by_name (page_stack, name);
}

static inline guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* Sets an entry row's text and applies it, as Enter does. */
static inline void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static inline gint64
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

/* How many records of each kind the database holds, as one line: equal lines, equal
 * databases as far as counts go. */
static inline char *
census (DeskStore *store)
{
  const DeskKind *const *kinds = desk_kind_all ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", kinds[i]->name,
                            desk_store_count (store, kinds[i], NULL));

  return g_string_free (s, FALSE);
}

static inline gboolean
record_exists (DeskStore      *store,
               const DeskKind *kind,
               const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, NULL);

  return record != NULL;
}

static inline AdwMessageDialog *
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

/* The Overview on disk: a database in a folder of the test's own, with the demo group. */
static inline DeskStore *
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

static inline void
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

static inline DeskOverviewPage *
window_overview (DeskWindow *window)
{
  GtkStack *stack = GTK_STACK (template_child (window, DESK_TYPE_WINDOW, "page_stack"));

  return DESK_OVERVIEW_PAGE (gtk_stack_get_child_by_name (stack, "overview"));
}
