/* desk-workplan-page.c
 *
 * The workplan chosen at the top; its activities (and, on the second tab, its indicators)
 * in a list beside an editor. Nothing is read from the database until the page is first
 * shown, so that the window's first frame does not wait for 2,000 activities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workplan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-workplan-page.h"
#include "desk-a11y.h"
#include "desk-pillars-cell.h"
#include "desk-workplan-page-private.h"

#include "desk-cells.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

#include <stdlib.h>

typedef struct
{
  char *period;     /* the latest period_start seen */
  gboolean has_target, has_actual;
  gint64 target, actual;
  char *target_text, *actual_text;
} Totals;

G_DEFINE_FINAL_TYPE (DeskWorkplanPage, desk_workplan_page, DESK_TYPE_PAGE)

static void activity_open_cb  (DeskWorkplanPage *self,
                               const char       *uuid);
static void activity_new_cb   (DeskWorkplanPage *self);
static void indicator_open_cb (DeskWorkplanPage *self,
                               const char       *uuid);
static void indicator_new_cb  (DeskWorkplanPage *self);

/* Helpers */

static void
totals_free (Totals *t)
{
  g_free (t->period);
  g_free (t->target_text);
  g_free (t->actual_text);
  g_free (t);
}

DeskRecord *
_desk_workplan_page_dup_workplan (DeskWorkplanPage *self)
{
  if (self->workplan_uuid == NULL)
    return NULL;

  return desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, NULL);
}

static void
update_header (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) workplan = _desk_workplan_page_dup_workplan (self);

  desk_workplan_choice_show (&self->choice, G_LIST_MODEL (self->workplans), self->workplan_uuid);
  gtk_stack_set_visible_child_name (self->main_stack, workplan != NULL ? "plan" : "empty");

  if (workplan != NULL)
    {
      const char *status = desk_record_get_string (workplan, "status");
      g_autofree char *status_label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN,
                                                            "status", status);
      g_autofree char *status_class = g_strconcat ("desk-status-", status, NULL);
      g_autofree char *period = desk_date_format_period (desk_record_get_string (workplan, "period_start"),
                                                         desk_record_get_string (workplan, "period_end"));

      gtk_label_set_label (self->workplan_status, status_label);
      gtk_widget_set_css_classes (GTK_WIDGET (self->workplan_status),
                                  (const char *[]) { "desk-pill", status_class, NULL });
      gtk_label_set_label (self->workplan_period, period);
    }

  _desk_workplan_page_update_actions (self);
}

static void
load_member_pillars (DeskWorkplanPage *self)
{
  g_clear_pointer (&self->member_pillars, g_hash_table_unref);
  self->member_pillars = desk_store_dup_member_pillars (desk_page_get_store (DESK_PAGE (self)), self->group_uuid);
}

static void
load_totals (DeskWorkplanPage *self)
{
  g_autoptr(GPtrArray) values = NULL;

  g_hash_table_remove_all (self->totals);
  values = desk_store_list (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_INDICATOR_VALUE, self->group_uuid, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      DeskRecord *value = g_ptr_array_index (values, i);
      const char *indicator = desk_record_get_string (value, "indicator_uuid");
      const char *period = desk_record_get_string (value, "period_start");
      gboolean target = g_strcmp0 (desk_record_get_string (value, "type"), "target") == 0;
      Totals *t;

      /* The overall figure only: breakdowns by gender or pillar are in the editor. */
      if (desk_record_is_set (value, "gender") || desk_record_is_set (value, "pillar"))
        continue;

      t = g_hash_table_lookup (self->totals, indicator);
      if (t == NULL)
        {
          t = g_new0 (Totals, 1);
          g_hash_table_insert (self->totals, g_strdup (indicator), t);
        }
      if (t->period != NULL && g_strcmp0 (period, t->period) < 0)
        continue;
      if (g_strcmp0 (period, t->period) > 0)
        {
          g_free (t->period);
          t->period = g_strdup (period);
          t->has_target = t->has_actual = FALSE;
        }
      if (target)
        {
          t->has_target = TRUE;
          t->target = desk_record_get_int (value, "value_milli");
          g_free (t->target_text);
          t->target_text = g_strdup (desk_record_get_string (value, "value_text"));
        }
      else
        {
          t->has_actual = TRUE;
          t->actual = desk_record_get_int (value, "value_milli");
          g_free (t->actual_text);
          t->actual_text = g_strdup (desk_record_get_string (value, "value_text"));
        }
    }
}

static char *
format_indicator_value (const char *unit,
                        gint64      milli,
                        const char *text)
{
  g_autofree char *number = NULL;

  if (g_strcmp0 (unit, "text") == 0)
    return g_strdup (text != NULL ? text : "");
  if (g_strcmp0 (unit, "yes_no") == 0)
    return g_strdup (milli != 0 ? _("Yes") : _("No"));

  number = desk_milli_format (milli);
  if (g_strcmp0 (unit, "percentage") == 0)
    return desk_percent_text (number);

  return g_steal_pointer (&number);
}

/* Filters */

static gboolean
activity_matches (DeskRecord *record,
                  gpointer    user_data)
{
  DeskWorkplanPage *self = user_data;
  const char *code;

  if (g_strcmp0 (desk_record_get_string (record, "workplan_uuid"), self->workplan_uuid) != 0)
    return FALSE;

  if ((code = desk_filter_dropdown_get_code (self->status_filter)) != NULL &&
      g_strcmp0 (desk_record_get_string (record, "status"), code) != 0)
    return FALSE;

  if ((code = desk_filter_dropdown_get_code (self->kind_filter)) != NULL &&
      g_strcmp0 (desk_record_get_string (record, "kind"), code) != 0)
    return FALSE;

  if ((code = desk_filter_dropdown_get_code (self->theme_filter)) != NULL &&
      !g_strv_contains (desk_record_get_set (record, "themes"), code))
    return FALSE;

  if ((code = desk_filter_dropdown_get_code (self->pillar_filter)) != NULL)
    {
      g_auto(GStrv) pillars = desk_activity_dup_pillars (record, self->member_pillars);

      if (pillars == NULL || !g_strv_contains ((const char *const *) pillars, code))
        return FALSE;
    }

  return TRUE;
}

static gboolean
indicator_matches (DeskRecord *record,
                   gpointer    user_data)
{
  DeskWorkplanPage *self = user_data;

  return g_strcmp0 (desk_record_get_string (record, "workplan_uuid"), self->workplan_uuid) == 0;
}

static void
filter_changed_cb (DeskWorkplanPage *self)
{
  GtkWidget *filters[] = { self->status_filter, self->kind_filter, self->theme_filter,
                           self->pillar_filter };
  guint active = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (filters[i] != NULL && desk_filter_dropdown_get_code (filters[i]) != NULL)
      active++;

  /* The button says how many filters hold, so a short list never puzzles. */
  if (self->filter_button != NULL)
    {
      g_autofree char *label = NULL;

      if (active > 0)
        /* Translators: the filter button, with how many filters are on. */
        label = g_strdup_printf (_("_Filters (%u)"), active);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (self->filter_button),
                                 label != NULL ? label : _("_Filters"));
      if (active > 0)
        gtk_widget_add_css_class (self->filter_button, "accent");
      else
        gtk_widget_remove_css_class (self->filter_button, "accent");
    }

  desk_record_list_refilter (self->activity_list, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Cells */

static GtkWidget *
setup_figure (gpointer user_data)
{
  return desk_cell_figure_new (8);
}

static GtkWidget *
setup_pills (gpointer user_data)
{
  return desk_pillars_cell_new ();
}

static void
bind_pillars (GtkWidget  *cell,
              DeskRecord *record,
              gpointer    user_data)
{
  DeskWorkplanPage *self = user_data;
  g_auto(GStrv) pillars = desk_activity_dup_pillars (record, self->member_pillars);

  desk_pillars_cell_set (DESK_PILLARS_CELL (cell), (const char *const *) pillars, self->pillar_labels);
}

static void
bind_baseline (GtkWidget  *cell,
               DeskRecord *record,
               gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (desk_record_is_set (record, "baseline_milli") || desk_record_is_set (record, "baseline_text"))
    text = format_indicator_value (desk_record_get_string (record, "unit"),
                                   desk_record_get_int (record, "baseline_milli"),
                                   desk_record_get_string (record, "baseline_text"));
  desk_cell_set_text (cell, text);
}

static void
bind_target_actual (GtkWidget  *cell,
                    DeskRecord *record,
                    gpointer    user_data)
{
  ColumnData *column = user_data;
  DeskWorkplanPage *self = column->page;
  gboolean target = column->target;
  Totals *t = g_hash_table_lookup (self->totals, desk_record_get_uuid (record));
  g_autofree char *text = NULL;

  if (t != NULL && (target ? t->has_target : t->has_actual))
    text = format_indicator_value (desk_record_get_string (record, "unit"),
                                   target ? t->target : t->actual,
                                   target ? t->target_text : t->actual_text);
  desk_cell_set_text (cell, text);
}

/* Store */

static void
store_changed_cb (DeskStore        *store,
                  const char       *kind,
                  const char       *uuid,
                  DeskWorkplanPage *self)
{
  if (g_str_equal (kind, "workplan"))
    {
      /* The plan shown is gone (undo of a new plan): show the one that is current now. */
      if (self->workplan_uuid != NULL &&
          desk_record_model_find (self->workplans, self->workplan_uuid, NULL) == NULL)
        _desk_workplan_page_show_workplan (self, desk_workplan_pick_current (G_LIST_MODEL (self->workplans)));
      update_header (self);
      desk_record_list_refilter (self->activity_list, GTK_FILTER_CHANGE_DIFFERENT);
    }
  else if (g_str_equal (kind, "member"))
    {
      load_member_pillars (self);
      desk_record_list_refilter (self->activity_list, GTK_FILTER_CHANGE_DIFFERENT);
    }
  else if (g_str_equal (kind, "deliverable"))
    {
      if (self->activity_editor != NULL)
        _desk_workplan_page_refresh_deliverables (self);
    }
  else if (g_str_equal (kind, "indicator_value") || g_str_equal (kind, "indicator"))
    {
      load_totals (self);
      if (self->indicator_editor != NULL)
        _desk_workplan_page_refresh_values (self, FALSE);
      /* The target and actual columns read the totals: have the rows bound again. */
      if (g_str_equal (kind, "indicator_value"))
        desk_record_list_refilter (self->indicator_list, GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* Building, the first time the page is shown */

static void
make_lists (DeskWorkplanPage *self)
{
  GtkColumnViewColumn *column;

  self->activity_list = desk_record_list_new_in (self->activity_bin, G_CALLBACK (activity_open_cb),
                                                 G_CALLBACK (activity_new_cb), self);
  self->indicator_list = desk_record_list_new_in (self->indicator_bin, G_CALLBACK (indicator_open_cb),
                                                  G_CALLBACK (indicator_new_cb), self);
  column = desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "code",
                                              C_("column", "Code"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_fix_width (column, 4);
  desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "title",
                                     C_("column", "Title"), DESK_COLUMN_ESSENTIAL);
  self->target_column = (ColumnData) { self, TRUE };
  self->actual_column = (ColumnData) { self, FALSE };

  column = desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "kind",
                                              C_("column", "Kind"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 16);
  column = desk_record_list_add_column (self->activity_list, C_("column", "Pillars"), setup_pills,
                                        bind_pillars, NULL, self, FALSE);
  desk_record_list_set_column_priority (self->activity_list, column, DESK_COLUMN_OPTIONAL);
  desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "planned_start",
                                     C_("column", "Start"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "planned_end",
                                     C_("column", "End"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->activity_list, DESK_KIND_ACTIVITY, "status",
                                              C_("column", "Status"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 10);
  desk_record_list_set_new_tooltip (self->activity_list, _("New Activity (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->activity_list)), _("Search activities"));
  desk_record_list_set_empty_text (self->activity_list, "x-office-calendar-symbolic",
                                   _("No Activities"),
                                   _("Add the year’s first activity with Ctrl+N, or change "
                                     "the search and filters."));

  desk_record_list_add_field_column (self->indicator_list, DESK_KIND_INDICATOR, "name",
                                     C_("column", "Indicator"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->indicator_list, DESK_KIND_INDICATOR, "unit",
                                              C_("column", "Unit"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 10);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Baseline"), setup_figure,
                                        bind_baseline, NULL, NULL, FALSE);
  desk_cell_header_align_end (column);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Target"), setup_figure,
                                        bind_target_actual, NULL, &self->target_column, FALSE);
  desk_cell_header_align_end (column);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Actual"), setup_figure,
                                        bind_target_actual, NULL, &self->actual_column, FALSE);
  desk_cell_header_align_end (column);
  column = desk_record_list_add_field_column (self->indicator_list, DESK_KIND_INDICATOR, "activity_uuid",
                                              C_("column", "Activity"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 7);
  desk_record_list_set_new_tooltip (self->indicator_list, _("New Indicator (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->indicator_list)), _("Search indicators"));
  desk_record_list_set_empty_text (self->indicator_list, "view-list-bullet-symbolic",
                                   _("No Indicators"),
                                   _("Add an indicator with Ctrl+N: a baseline, and a target "
                                     "and an actual for each period."));
}

static void
build_filters (DeskWorkplanPage *self)
{
  GtkBox *box = desk_record_list_get_filter_box (self->activity_list);
  g_autoptr(GPtrArray) statuses = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, "status");
  g_autoptr(GPtrArray) kinds = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, "kind");
  g_autoptr(GPtrArray) themes = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, "themes");
  g_autoptr(GPtrArray) pillars = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_MEMBER, "pillar");

  self->status_filter = desk_filter_dropdown_new (_("All Statuses"), statuses);
  self->kind_filter = desk_filter_dropdown_new (_("All Kinds"), kinds);
  self->theme_filter = desk_filter_dropdown_new (_("All Themes"), themes);
  self->pillar_filter = desk_filter_dropdown_new (_("All Pillars"), pillars);
  desk_a11y_name_drop_down (self->status_filter, _("Filter by status"));
  desk_a11y_name_drop_down (self->kind_filter, _("Filter by kind"));
  desk_a11y_name_drop_down (self->theme_filter, _("Filter by theme"));
  desk_a11y_name_drop_down (self->pillar_filter, _("Filter by pillar"));

  /* Four drop-downs would crowd the list when the editor is open: they wait in a popover. */
  {
    GtkWidget *button = gtk_menu_button_new ();
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *grid = gtk_grid_new ();
    const char *labels[] = { _("Status"), _("Kind"), _("Theme"), _("Pillar") };
    GtkWidget *dropdowns[] = { self->status_filter, self->kind_filter, self->theme_filter,
                               self->pillar_filter };

    gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
    gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      {
        GtkWidget *label = gtk_label_new (labels[i]);

        gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdowns[i]);
        gtk_widget_set_hexpand (dropdowns[i], TRUE);
        gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), dropdowns[i], 1, i, 1, 1);
      }
    gtk_popover_set_child (GTK_POPOVER (popover), grid);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
    gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Filters"));
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
    gtk_widget_set_tooltip_text (button, _("Filter by status, kind, theme and pillar"));
    self->filter_button = button;
    gtk_box_append (box, button);
  }

  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->theme_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->pillar_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
}

static gboolean
desk_workplan_page_build (DeskPage *page)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  DeskHistory *history = desk_page_get_history (page);

  self->group_uuid = desk_page_dup_group_uuid (page);
  if (self->group_uuid == NULL)
    return FALSE;

  self->workplans = desk_record_model_new (store, DESK_KIND_WORKPLAN, self->group_uuid);
  self->activities = desk_record_model_new (store, DESK_KIND_ACTIVITY, self->group_uuid);
  self->indicators = desk_record_model_new (store, DESK_KIND_INDICATOR, self->group_uuid);
  load_member_pillars (self);
  load_totals (self);

  /* Cells are bound in their hundreds as the search changes: no database reads there. */
  {
    g_autoptr(GPtrArray) pillars = desk_reference_choices (store, DESK_KIND_MEMBER, "pillar");

    self->pillar_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    for (guint i = 0; i < pillars->len; i++)
      {
        DeskChoice *choice = g_ptr_array_index (pillars, i);

        g_hash_table_insert (self->pillar_labels, g_strdup (choice->code), g_strdup (choice->label));
      }
  }

  make_lists (self);
  build_filters (self);
  _desk_workplan_page_build_editors (self);

  desk_record_list_set_history (self->activity_list, history);
  desk_record_list_set_history (self->indicator_list, history);
  desk_record_list_set_match_func (self->activity_list, activity_matches, self);
  desk_record_list_set_match_func (self->indicator_list, indicator_matches, self);

  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  _desk_workplan_page_show_workplan (self, desk_workplan_pick_current (G_LIST_MODEL (self->workplans)));
  desk_record_list_set_model (self->activity_list, self->activities);
  desk_record_list_set_model (self->indicator_list, self->indicators);

  return TRUE;
}

void
_desk_workplan_page_show_workplan (DeskWorkplanPage *self,
                                   const char       *uuid)
{
  if (g_strcmp0 (uuid, self->workplan_uuid) != 0)
    {
      g_free (self->workplan_uuid);
      self->workplan_uuid = g_strdup (uuid);
      desk_record_list_close_editor (self->activity_list);
      desk_record_list_close_editor (self->indicator_list);
      desk_record_list_refilter (self->activity_list, GTK_FILTER_CHANGE_DIFFERENT);
      desk_record_list_refilter (self->indicator_list, GTK_FILTER_CHANGE_DIFFERENT);
    }

  update_header (self);
}

/* Callbacks */

static void
workplan_chosen_cb (DeskWorkplanPage *self)
{
  const char *uuid = desk_workplan_choice_get_chosen (&self->choice);

  if (uuid != NULL && desk_page_get_built (DESK_PAGE (self)))
    _desk_workplan_page_show_workplan (self, uuid);
}

static void
activity_open_cb (DeskWorkplanPage *self,
                  const char       *uuid)
{
  if (self->activity_editor != NULL)
    _desk_workplan_page_refresh_deliverables (self);
}

static void
indicator_open_cb (DeskWorkplanPage *self,
                   const char       *uuid)
{
  if (self->indicator_editor != NULL)
    _desk_workplan_page_refresh_values (self, TRUE);
}

const char *
_desk_workplan_page_ui_field (const char *base)
{
  static char name[32];

  g_snprintf (name, sizeof name, "%s_%s", base, desk_locale_language ());
  return name;
}

static void
activity_new_cb (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autofree char *code = NULL;
  guint n;
  int highest = 0;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  /* The next code after the highest A-number of this workplan. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) a = g_list_model_get_item (G_LIST_MODEL (self->activities), i);
      const char *c = desk_record_get_string (a, "code");

      if (g_strcmp0 (desk_record_get_string (a, "workplan_uuid"), self->workplan_uuid) == 0 &&
          c != NULL && c[0] == 'A' && g_ascii_isdigit (c[1]))
        highest = MAX (highest, atoi (c + 1));
    }
  code = g_strdup_printf ("A%d", highest + 1);

  kinds = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, "kind");
  record = desk_record_new (DESK_KIND_ACTIVITY);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  desk_record_set_string (record, "code", code);
  desk_record_set_string (record, _desk_workplan_page_ui_field ("title"), _("New activity"));
  desk_record_set_string (record, "kind", ((DeskChoice *) g_ptr_array_index (kinds, 0))->code);
  desk_record_set_string (record, "status", "planned");

  desk_page_add_new_record (DESK_PAGE (self), self->activity_list, record, _desk_workplan_page_ui_field ("title"));
}

static void
indicator_new_cb (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) record = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  record = desk_record_new (DESK_KIND_INDICATOR);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  desk_record_set_string (record, _desk_workplan_page_ui_field ("name"), _("New indicator"));
  desk_record_set_string (record, "unit", "number");

  desk_page_add_new_record (DESK_PAGE (self), self->indicator_list, record, _desk_workplan_page_ui_field ("name"));
}

/* Overrides */

/* The window sends every kind it maps to this page here: an activity or an indicator
 * opens in its list; a workplan or an indicator value shows the page, and no more. */
static DeskRecordList *
desk_workplan_page_get_list_for_kind (DeskPage   *page,
                                      const char *kind)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);

  if (g_str_equal (kind, "activity"))
    return self->activity_list;
  if (g_str_equal (kind, "indicator"))
    return self->indicator_list;

  return NULL;
}

static void
desk_workplan_page_unbuild (DeskPage *page)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));

  /* The lists go with their filters and editors, and the editors with their rows. */
  adw_bin_set_child (self->activity_bin, NULL);
  adw_bin_set_child (self->indicator_bin, NULL);
  self->activity_list = NULL;
  self->indicator_list = NULL;
  self->activity_editor = NULL;
  self->indicator_editor = NULL;
  self->deliverables_group = NULL;
  self->values_box = NULL;
  self->status_filter = NULL;
  self->kind_filter = NULL;
  self->theme_filter = NULL;
  self->pillar_filter = NULL;
  self->filter_button = NULL;
  g_ptr_array_set_size (self->deliverable_rows, 0);
  g_hash_table_remove_all (self->totals);
  g_clear_pointer (&self->member_pillars, g_hash_table_unref);
  g_clear_pointer (&self->pillar_labels, g_hash_table_unref);
  g_clear_object (&self->workplans);
  g_clear_object (&self->activities);
  g_clear_object (&self->indicators);
  g_clear_pointer (&self->group_uuid, g_free);
  g_clear_pointer (&self->workplan_uuid, g_free);
  g_clear_pointer (&self->values_key, g_free);

  /* As before the first build: no plans to choose from, the empty page, no actions. */
  desk_workplan_choice_reset (&self->choice);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  _desk_workplan_page_update_actions (self);
}

static void
desk_workplan_page_finalize (GObject *object)
{
  DeskWorkplanPage *self = (DeskWorkplanPage *) object;

  g_clear_pointer (&self->member_pillars, g_hash_table_unref);
  g_clear_pointer (&self->pillar_labels, g_hash_table_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);
  desk_workplan_choice_clear (&self->choice);
  g_clear_pointer (&self->deliverable_rows, g_ptr_array_unref);
  g_free (self->group_uuid);
  g_free (self->workplan_uuid);
  g_free (self->values_key);

  G_OBJECT_CLASS (desk_workplan_page_parent_class)->finalize (object);
}

static void
history_changed_cb (DeskWorkplanPage *self,
                    GParamSpec       *pspec,
                    gpointer          user_data)
{
  _desk_workplan_page_update_actions (self);
}

static DeskRecordList *
desk_workplan_page_get_active_list (DeskPage *page)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "indicators") == 0)
    return self->indicator_list;

  return self->activity_list;
}

static void
desk_workplan_page_class_init (DeskWorkplanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->finalize = desk_workplan_page_finalize;

  page_class->build = desk_workplan_page_build;
  page_class->unbuild = desk_workplan_page_unbuild;
  page_class->get_list_for_kind = desk_workplan_page_get_list_for_kind;
  page_class->get_active_list = desk_workplan_page_get_active_list;

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-workplan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_status);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_period);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, activity_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, indicator_bin);
  gtk_widget_class_bind_template_callback (widget_class, workplan_chosen_cb);

  _desk_workplan_page_class_install_actions (widget_class);
}

static void
desk_workplan_page_init (DeskWorkplanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->view_stack);

  self->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) totals_free);
  desk_workplan_choice_init (&self->choice, self->workplan_dropdown, self->workplan_title);
  self->deliverable_rows = g_ptr_array_new ();
  /* Whether the page can write follows the history it is given. */
  g_signal_connect (self, "notify::history", G_CALLBACK (history_changed_cb), NULL);
  _desk_workplan_page_update_actions (self);
}

/* Private API, for tests */

DeskRecordList *
_desk_workplan_page_get_activity_list (DeskWorkplanPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->activity_list;
}

DeskRecordList *
_desk_workplan_page_get_indicator_list (DeskWorkplanPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->indicator_list;
}

DeskRecordEditor *
_desk_workplan_page_get_activity_editor (DeskWorkplanPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->activity_editor;
}

DeskRecordEditor *
_desk_workplan_page_get_indicator_editor (DeskWorkplanPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->indicator_editor;
}

GtkWidget *
_desk_workplan_page_get_filter (DeskWorkplanPage *self,
                                const char       *name)
{
  desk_page_ensure_built (DESK_PAGE (self));

  if (g_str_equal (name, "status"))
    return self->status_filter;
  if (g_str_equal (name, "kind"))
    return self->kind_filter;
  if (g_str_equal (name, "theme"))
    return self->theme_filter;
  if (g_str_equal (name, "pillar"))
    return self->pillar_filter;

  return NULL;
}

const char *
_desk_workplan_page_get_workplan (DeskWorkplanPage *self)
{
  return self->workplan_uuid;
}

void
_desk_workplan_page_show_view (DeskWorkplanPage *self,
                               const char       *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
