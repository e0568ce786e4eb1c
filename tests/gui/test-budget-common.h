/* test-budget-common.h — the stores, window and Budget page helpers that test-budget.c
 * and test-budget-views.c share (static, one copy per binary)
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory, like test-gui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include "desk-budget-page.h"
#include "desk-budget-page-private.h"
#include "desk-window.h"
#include "test-window-common.h"

#include <locale.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "desk-store-private.h"

/* The sample group in memory (test-sample-common.h). */
static inline DeskStore *
new_demo_store (void)
{
  return new_sample_store ();
}

static inline DeskBudgetPage *
show_budget (DeskWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                              "page_stack"));

  GtkWidget *page;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "budget"));
  page = gtk_stack_get_child_by_name (stack, "budget");

  /* Laid out before the first editor opens: libadwaita 1.2's AdwFlap animates its reveal
   * over its width, and a flap never allocated gets a NaN progress. */
  while (gtk_widget_get_width (page) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  /* On disk the first figures come from a worker. */
  while (_desk_budget_page_get_refresh_count (DESK_BUDGET_PAGE (page)) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  wait_a_moment (20);

  return DESK_BUDGET_PAGE (page);
}

/* Waits for the page's idle to recompute the figures. */
static inline void
wait_refresh (DeskBudgetPage *page,
              guint           before)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (_desk_budget_page_get_refresh_count (page) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (_desk_budget_page_get_refresh_count (page), >, before);
}

/* The uuid open in @list, once the page opened it (after the list's first layout). */
static inline const char *
wait_open (DeskRecordList *list)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (desk_record_list_get_open_uuid (list) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (desk_record_list_get_open_uuid (list));

  return desk_record_list_get_open_uuid (list);
}

static inline void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static inline void
form_text (DeskRecordForm *form,
           const char     *name,
           const char     *text)
{
  GtkWidget *row = desk_record_form_get_row (form, name);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static inline char *
money (const DeskBudgetSummary *s,
       gint64                   minor)
{
  return desk_money_format (minor, s->currency, s->decimals);
}

/* A card's figure, whether its pill shows, and the banner over the cards (NULL when it
 * is hidden), in the summary view of @page. */
static inline const char *
card (DeskBudgetPage *page,
      const char     *name)
{
  DeskBudgetSummaryView *view = _desk_budget_page_get_summary_view (page);

  return gtk_label_get_label (_desk_budget_summary_view_get_card_value (view, name));
}

static inline gboolean
card_pill_shown (DeskBudgetPage *page,
                 const char     *name)
{
  DeskBudgetSummaryView *view = _desk_budget_page_get_summary_view (page);

  return gtk_widget_get_visible (_desk_budget_summary_view_get_card_pill (view, name));
}

static inline GtkLabel *
missing_label (DeskBudgetPage *page)
{
  return _desk_budget_summary_view_get_missing_label (_desk_budget_page_get_summary_view (page));
}

static inline void
assert_card (DeskBudgetPage *page,
             const char     *name,
             gint64          minor)
{
  const DeskBudgetSummary *s = _desk_budget_page_get_summary (page);
  g_autofree char *expected = money (s, minor);

  g_assert_cmpstr (card (page, name), ==, expected);
}

static inline guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static inline DeskRecord *
get (DeskStore      *store,
     const DeskKind *kind,
     const char     *uuid)
{
  DeskRecord *record = desk_store_get (store, kind, uuid, NULL);

  g_assert_nonnull (record);
  return record;
}

/* Chooses the entry of a combo row whose label holds @text. */
static inline void
choose (GtkWidget  *row,
        const char *text)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strstr (gtk_string_object_get_string (item), text) != NULL)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }
  g_assert_not_reached ();
}
