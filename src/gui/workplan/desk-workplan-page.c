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
#include "desk-pillars-cell.h"
#include "desk-workplan-page-private.h"

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

typedef struct
{
  DeskWorkplanPage *page;
  const char *field;
  gboolean target;
} ColumnData;

struct _DeskWorkplanPage
{
  DeskPage parent_instance;

  char *group_uuid;
  char *workplan_uuid;
  DeskRecordModel *workplans;
  DeskRecordModel *activities;
  DeskRecordModel *indicators;
  GHashTable *member_pillars;   /* member uuid → pillar code */
  GHashTable *pillar_labels;    /* pillar code → its name in the UI language */
  GHashTable *totals;           /* indicator uuid → Totals */
  GPtrArray *workplan_uuids;    /* the drop-down's order */
  GPtrArray *activity_choices;  /* DeskChoice: activity uuid → code, for the indicator list */
  gulong changed_id;
  gboolean syncing;

  GtkWidget *status_filter;
  GtkWidget *kind_filter;
  GtkWidget *theme_filter;
  GtkWidget *pillar_filter;
  GtkWidget *filter_button;
  DeskRecordEditor *activity_editor;
  AdwPreferencesGroup *deliverables_group;
  GPtrArray *deliverable_rows;
  DeskRecordEditor *indicator_editor;
  GtkBox *values_box;
  char *values_key;
  ColumnData columns[3];   /* kind, status, unit */
  ColumnData target_column;
  ColumnData actual_column;

  /* Template widgets */
  GtkStack *main_stack;
  GtkDropDown *workplan_dropdown;
  GtkLabel *workplan_title;
  GtkLabel *workplan_status;
  GtkLabel *workplan_period;
  GtkStack *view_stack;
  AdwBin *activity_bin;
  AdwBin *indicator_bin;
  DeskRecordList *activity_list;
  DeskRecordList *indicator_list;
};

G_DEFINE_FINAL_TYPE (DeskWorkplanPage, desk_workplan_page, DESK_TYPE_PAGE)

static const char * const activity_layout_main[] = { "code", "title", "kind", "status", NULL };
static const char * const activity_layout_text[] = { "description", "outcome", NULL };
static const char * const activity_layout_who[] = { "themes", "result_area", "lead_member_uuid",
                                                     "supporting_members", NULL };
static const char * const activity_layout_dates[] = { "planned_start", "planned_end",
                                                      "actual_start", "actual_end", NULL };
static const char * const activity_layout_notes[] = { "notes", NULL };
static const char * const indicator_layout_main[] = { "name", "unit", "activity_uuid", NULL };
static const char * const indicator_layout_baseline[] = { "baseline_milli", "baseline_date", NULL };
static const char * const indicator_layout_breakdown[] = { "by_gender", "by_pillar", "notes", NULL };
static const char * const workplan_layout_main[] = { "title", "period_start", "period_end", NULL };
static const char * const workplan_layout_objectives[] = { "objectives", NULL };

static void desk_workplan_page_show_workplan (DeskWorkplanPage *self,
                                              const char       *uuid);
static const char *pick_workplan (DeskWorkplanPage *self);
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

static DeskRecord *
dup_workplan (DeskWorkplanPage *self)
{
  if (self->workplan_uuid == NULL)
    return NULL;

  return desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, NULL);
}

static void
update_workplan_actions (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) workplan = desk_page_get_store (DESK_PAGE (self)) != NULL ? dup_workplan (self) : NULL;
  const char *status = workplan != NULL ? desk_record_get_string (workplan, "status") : NULL;
  gboolean can_write = desk_page_get_history (DESK_PAGE (self)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.new-workplan",
                                 can_write && self->group_uuid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.edit", can_write && workplan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.approve",
                                 g_strcmp0 (status, "draft") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.close",
                                 g_strcmp0 (status, "approved") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.reopen",
                                 g_strcmp0 (status, "approved") == 0 ||
                                 g_strcmp0 (status, "closed") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workplan.start-next",
                                 workplan != NULL && g_strcmp0 (status, "closed") != 0);
}

static void
update_header (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) workplan = dup_workplan (self);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workplans));
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->workplan_uuids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->workplans), i);

      gtk_string_list_append (titles, desk_record_title (record, "title", NULL));
      g_ptr_array_add (self->workplan_uuids, g_strdup (desk_record_get_uuid (record)));
      if (g_strcmp0 (desk_record_get_uuid (record), self->workplan_uuid) == 0)
        selected = i;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->workplan_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->workplan_dropdown, selected);
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->workplan_dropdown), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->workplan_title), n <= 1);
  gtk_stack_set_visible_child_name (self->main_stack, workplan != NULL ? "plan" : "empty");

  if (workplan != NULL)
    {
      const char *status = desk_record_get_string (workplan, "status");
      g_autofree char *status_label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN,
                                                            "status", status);
      g_autofree char *status_class = g_strconcat ("desk-status-", status, NULL);
      g_autofree char *period = NULL;

      gtk_label_set_label (self->workplan_title, desk_record_title (workplan, "title", NULL));
      gtk_label_set_label (self->workplan_status, status_label);
      gtk_widget_set_css_classes (GTK_WIDGET (self->workplan_status),
                                  (const char *[]) { "desk-pill", status_class, NULL });
      /* Translators: a period of time, from the first to the last day. */
      period = g_strdup_printf (_("%s to %s"),
                                desk_record_get_string (workplan, "period_start"),
                                desk_record_get_string (workplan, "period_end"));
      gtk_label_set_label (self->workplan_period, period);
    }

  update_workplan_actions (self);
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
    /* Translators: a percentage, such as “35 %”. */
    return g_strdup_printf (_("%s %%"), number);

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

static void
bind_code (GtkWidget  *cell,
           DeskRecord *record,
           gpointer    user_data)
{
  desk_cell_set_text (cell, desk_record_get_string (record, "code"));
}

static void
bind_title (GtkWidget  *cell,
            DeskRecord *record,
            gpointer    user_data)
{
  const char *hint = NULL;
  const char *title = desk_record_title (record, user_data, &hint);

  desk_cell_title_set (cell, title, hint);
}

static void
bind_choice (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  ColumnData *column = user_data;
  DeskWorkplanPage *self = column->page;
  const char *field = column->field;
  const char *code = desk_record_get_string (record, field);
  g_autofree char *label = NULL;

  if (desk_page_get_store (DESK_PAGE (self)) != NULL && code != NULL)
    label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), desk_record_get_kind (record), field, code);
  desk_cell_set_text (cell, label);
}

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  ColumnData *column = user_data;

  return desk_record_compare_field (a, b, (gpointer) column->field);
}

static void
bind_date (GtkWidget  *cell,
           DeskRecord *record,
           gpointer    user_data)
{
  desk_cell_set_text (cell, desk_record_get_string (record, user_data));
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

static void
bind_activity_code (GtkWidget  *cell,
                    DeskRecord *record,
                    gpointer    user_data)
{
  DeskWorkplanPage *self = user_data;
  const char *uuid = desk_record_get_string (record, "activity_uuid");
  g_autoptr(DeskRecord) activity = NULL;

  if (uuid != NULL && self->activities != NULL)
    activity = g_object_ref (desk_record_model_find (self->activities, uuid, NULL));
  desk_cell_set_text (cell, activity != NULL ? desk_record_get_string (activity, "code") : NULL);
}

/* The activity's deliverables, in its editor */

static void
deliverable_row_activated_cb (AdwActionRow     *row,
                              DeskWorkplanPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "desk-uuid");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-deliverable", "s", uuid);
}

static void
refresh_deliverables (DeskWorkplanPage *self)
{
  DeskRecord *activity = desk_record_editor_get_record (self->activity_editor);
  g_autoptr(GPtrArray) deliverables = NULL;
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));

  for (guint i = 0; i < self->deliverable_rows->len; i++)
    adw_preferences_group_remove (self->deliverables_group,
                                  g_ptr_array_index (self->deliverable_rows, i));
  g_ptr_array_set_size (self->deliverable_rows, 0);

  if (activity != NULL)
    deliverables = desk_store_list_by (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_DELIVERABLE, "activity_uuid",
                                       desk_record_get_uuid (activity), NULL);

  for (guint i = 0; deliverables != NULL && i < deliverables->len; i++)
    {
      DeskRecord *d = g_ptr_array_index (deliverables, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *status = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_DELIVERABLE, "status",
                                                      desk_record_get_string (d, "status"));
      g_autofree char *subtitle = NULL;

      if (desk_record_is_set (d, "due_date"))
        /* Translators: a deliverable's due date and its status: “Due 2025-03-31 · Planned”. */
        subtitle = g_strdup_printf (_("Due %s · %s"), desk_record_get_string (d, "due_date"), status);
      else
        subtitle = g_strdup (status);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), desk_record_title (d, "title", NULL));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (desk_deliverable_is_overdue (d, today))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   desk_pill_new ("alarm-symbolic", _("Overdue"), "desk-overdue"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "desk-uuid", g_strdup (desk_record_get_uuid (d)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (deliverable_row_activated_cb), self);
      adw_preferences_group_add (self->deliverables_group, row);
      g_ptr_array_add (self->deliverable_rows, row);
    }

  adw_preferences_group_set_description (self->deliverables_group,
                                         self->deliverable_rows->len == 0 ?
                                         _("No deliverables yet.") : NULL);
}

static void
add_deliverable_clicked_cb (DeskWorkplanPage *self)
{
  DeskRecord *activity = desk_record_editor_get_record (self->activity_editor);
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (activity == NULL)
    return;

  record = desk_record_new (DESK_KIND_DELIVERABLE);
  desk_record_set_string (record, "activity_uuid", desk_record_get_uuid (activity));
  desk_record_set_string (record, g_str_equal (desk_locale_language (), "zh") ? "title_zh" : "title_en",
                          _("New deliverable"));
  desk_record_set_string (record, "status", "planned");
  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-deliverable", "s",
                              desk_record_get_uuid (record));
}

/* Indicator values, in the indicator's editor */

static void
value_delete_clicked_cb (GtkButton        *button,
                         DeskWorkplanPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "desk-uuid");
  g_autoptr(GError) error = NULL;

  if (!desk_history_delete (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_INDICATOR_VALUE, uuid, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
}

static void
refresh_values (DeskWorkplanPage *self,
                gboolean          force)
{
  DeskRecord *indicator = desk_record_editor_get_record (self->indicator_editor);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  if (indicator != NULL)
    {
      values = desk_store_list_by (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_INDICATOR_VALUE, "indicator_uuid",
                                   desk_record_get_uuid (indicator), NULL);
      g_string_append_printf (key, "%s %s %d %d", desk_record_get_uuid (indicator),
                              desk_record_get_string (indicator, "unit"),
                              (int) desk_record_get_int (indicator, "by_gender"),
                              (int) desk_record_get_int (indicator, "by_pillar"));
      for (guint i = 0; values != NULL && i < values->len; i++)
        g_string_append_printf (key, " %s", desk_record_get_uuid (g_ptr_array_index (values, i)));
    }

  /* The same values as before: their editors follow their own changes, and keep focus. */
  if (!force && g_strcmp0 (key->str, self->values_key) == 0)
    return;
  g_free (self->values_key);
  self->values_key = g_strdup (key->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_box))) != NULL)
    gtk_box_remove (self->values_box, child);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      DeskRecord *value = g_ptr_array_index (values, i);
      const char *unit = desk_record_get_string (indicator, "unit");
      GPtrArray *fields = g_ptr_array_new ();
      g_autofree char *type = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_INDICATOR_VALUE, "type",
                                                    desk_record_get_string (value, "type"));
      GtkWidget *editor = desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_INDICATOR_VALUE);
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      AdwPreferencesGroup *group;

      g_ptr_array_add (fields, (gpointer) "type");
      g_ptr_array_add (fields, (gpointer) "period_start");
      g_ptr_array_add (fields, (gpointer) "period_end");
      if (desk_record_get_int (indicator, "by_gender") != 0)
        g_ptr_array_add (fields, (gpointer) "gender");
      if (desk_record_get_int (indicator, "by_pillar") != 0)
        g_ptr_array_add (fields, (gpointer) "pillar");
      g_ptr_array_add (fields, (gpointer) (g_strcmp0 (unit, "text") == 0 ? "value_text" : "value_milli"));
      g_ptr_array_add (fields, (gpointer) "note");
      g_ptr_array_add (fields, NULL);

      group = desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), type,
                                            (const char *const *) fields->pdata);
      g_ptr_array_unref (fields);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Delete This Value"));
      g_object_set_data_full (G_OBJECT (button), "desk-uuid",
                              g_strdup (desk_record_get_uuid (value)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (value_delete_clicked_cb), self);
      adw_preferences_group_set_header_suffix (group, button);
      desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), value);
      gtk_box_append (self->values_box, editor);
    }
}

static void
add_value (DeskWorkplanPage *self,
           const char       *type)
{
  DeskRecord *indicator = desk_record_editor_get_record (self->indicator_editor);
  g_autoptr(DeskRecord) workplan = dup_workplan (self);
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (indicator == NULL || workplan == NULL)
    return;

  record = desk_record_new (DESK_KIND_INDICATOR_VALUE);
  desk_record_set_string (record, "indicator_uuid", desk_record_get_uuid (indicator));
  desk_record_set_string (record, "period_start", desk_record_get_string (workplan, "period_start"));
  desk_record_set_string (record, "period_end", desk_record_get_string (workplan, "period_end"));
  desk_record_set_string (record, "type", type);
  if (g_strcmp0 (desk_record_get_string (indicator, "unit"), "text") == 0)
    desk_record_set_string (record, "value_text", "—");
  else
    desk_record_set_int (record, "value_milli", 0);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
}

static void
add_target_clicked_cb (DeskWorkplanPage *self)
{
  add_value (self, "target");
}

static void
add_actual_clicked_cb (DeskWorkplanPage *self)
{
  add_value (self, "actual");
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
        desk_workplan_page_show_workplan (self, pick_workplan (self));
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
        refresh_deliverables (self);
    }
  else if (g_str_equal (kind, "indicator_value") || g_str_equal (kind, "indicator"))
    {
      load_totals (self);
      if (self->indicator_editor != NULL)
        refresh_values (self, FALSE);
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
  column = desk_record_list_add_column (self->activity_list, C_("column", "Code"), NULL, bind_code,
                                       desk_record_compare_field, (gpointer) "code", FALSE);
  desk_record_list_fix_width (column, 4);
  desk_record_list_add_column (self->activity_list, C_("column", "Title"), desk_cell_title_new,
                               bind_title, desk_record_compare_narrative, (gpointer) "title", TRUE);
  self->columns[0] = (ColumnData) { self, "kind", FALSE };
  self->columns[1] = (ColumnData) { self, "status", FALSE };
  self->columns[2] = (ColumnData) { self, "unit", FALSE };
  self->target_column = (ColumnData) { self, NULL, TRUE };
  self->actual_column = (ColumnData) { self, NULL, FALSE };

  column = desk_record_list_add_column (self->activity_list, C_("column", "Kind"), NULL,
                                       bind_choice, compare_column, &self->columns[0], FALSE);
  desk_record_list_fix_width (column, 16);
  desk_record_list_add_column (self->activity_list, C_("column", "Pillars"), setup_pills,
                               bind_pillars, NULL, self, FALSE);
  column = desk_record_list_add_column (self->activity_list, C_("column", "Start"), NULL, bind_date,
                                       desk_record_compare_field, (gpointer) "planned_start", FALSE);
  desk_record_list_fix_width (column, 10);
  column = desk_record_list_add_column (self->activity_list, C_("column", "End"), NULL, bind_date,
                                       desk_record_compare_field, (gpointer) "planned_end", FALSE);
  desk_record_list_fix_width (column, 10);
  column = desk_record_list_add_column (self->activity_list, C_("column", "Status"), NULL,
                                       bind_choice, compare_column, &self->columns[1], FALSE);
  desk_record_list_fix_width (column, 10);
  desk_record_list_set_new_tooltip (self->activity_list, _("New Activity (Ctrl+N)"));
  desk_record_list_set_empty_text (self->activity_list, "x-office-calendar-symbolic",
                                   _("No Activities"),
                                   _("Add the year’s first activity with Ctrl+N, or change "
                                     "the search and filters."));

  desk_record_list_add_column (self->indicator_list, C_("column", "Indicator"), desk_cell_title_new,
                               bind_title, desk_record_compare_narrative, (gpointer) "name", TRUE);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Unit"), NULL,
                                       bind_choice, compare_column, &self->columns[2], FALSE);
  desk_record_list_fix_width (column, 10);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Baseline"), NULL, bind_baseline,
                                       NULL, NULL, FALSE);
  desk_record_list_fix_width (column, 8);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Target"), NULL,
                                       bind_target_actual, NULL, &self->target_column, FALSE);
  desk_record_list_fix_width (column, 8);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Actual"), NULL,
                                       bind_target_actual, NULL, &self->actual_column, FALSE);
  desk_record_list_fix_width (column, 8);
  column = desk_record_list_add_column (self->indicator_list, C_("column", "Activity"), NULL,
                                       bind_activity_code, NULL, self, FALSE);
  desk_record_list_fix_width (column, 7);
  desk_record_list_set_new_tooltip (self->indicator_list, _("New Indicator (Ctrl+N)"));
  desk_record_list_set_empty_text (self->indicator_list, "view-list-bullet-symbolic",
                                   _("No Indicators"),
                                   _("Add an indicator with Ctrl+N: a baseline, and a target "
                                     "and an actual for each period."));
}

static void
build_editors (DeskWorkplanPage *self)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *wrapper;
  AdwPreferencesGroup *group;

  self->activity_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_ACTIVITY));
  desk_record_editor_add_group (self->activity_editor, NULL, activity_layout_main);
  desk_record_editor_add_group (self->activity_editor, _("Dates"), activity_layout_dates);
  desk_record_editor_add_group (self->activity_editor, _("Themes and Members"), activity_layout_who);
  desk_record_editor_add_group (self->activity_editor, _("Description and Outcome"), activity_layout_text);
  desk_record_editor_add_group (self->activity_editor, NULL, activity_layout_notes);

  self->deliverables_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->deliverables_group, _("Deliverables"));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add a Deliverable"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_deliverable_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->deliverables_group, button);
  gtk_box_append (GTK_BOX (self->activity_editor), GTK_WIDGET (self->deliverables_group));
  desk_record_list_set_editor (self->activity_list, GTK_WIDGET (self->activity_editor));

  self->indicator_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_INDICATOR));
  desk_record_editor_add_group (self->indicator_editor, NULL, indicator_layout_main);
  desk_record_editor_add_group (self->indicator_editor, _("Baseline"), indicator_layout_baseline);
  desk_record_editor_add_group (self->indicator_editor, _("Breakdown"), indicator_layout_breakdown);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Targets and Actuals"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("Add _Target"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_target_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("Add _Actual"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_actual_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  adw_preferences_group_set_header_suffix (group, box);
  self->values_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  adw_preferences_group_add (group, GTK_WIDGET (self->values_box));

  wrapper = GTK_WIDGET (self->indicator_editor);
  gtk_box_append (GTK_BOX (wrapper), GTK_WIDGET (group));
  desk_record_list_set_editor (self->indicator_list, wrapper);
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

static const char *
pick_workplan (DeskWorkplanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workplans));
  const char *pick = NULL;

  /* The latest plan that is not closed, else the latest. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->workplans), i);

      if (pick == NULL || g_strcmp0 (desk_record_get_string (record, "status"), "closed") != 0)
        pick = desk_record_get_uuid (record);
    }

  return pick;
}

static gboolean
desk_workplan_page_build (DeskPage *page)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  DeskHistory *history = desk_page_get_history (page);
  g_autoptr(DeskRecord) group = NULL;

  if (history == NULL)
    return FALSE;

  group = desk_store_dup_main_group (store);
  if (group == NULL)
    return FALSE;

  self->group_uuid = g_strdup (desk_record_get_uuid (group));
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
  build_editors (self);

  desk_record_list_set_history (self->activity_list, history);
  desk_record_list_set_history (self->indicator_list, history);
  desk_record_list_set_match_func (self->activity_list, activity_matches, self);
  desk_record_list_set_match_func (self->indicator_list, indicator_matches, self);

  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  desk_workplan_page_show_workplan (self, pick_workplan (self));
  desk_record_list_set_model (self->activity_list, self->activities);
  desk_record_list_set_model (self->indicator_list, self->indicators);

  return TRUE;
}

static void
desk_workplan_page_show_workplan (DeskWorkplanPage *self,
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
  guint selected = gtk_drop_down_get_selected (self->workplan_dropdown);

  if (self->syncing || !desk_page_get_built (DESK_PAGE (self)) || selected >= self->workplan_uuids->len)
    return;

  desk_workplan_page_show_workplan (self, g_ptr_array_index (self->workplan_uuids, selected));
}

static void
view_changed_cb (DeskWorkplanPage *self)
{
}

static void
activity_open_cb (DeskWorkplanPage *self,
                  const char       *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, uuid, NULL);
  const char *hint = NULL;
  const char *title;

  if (self->activity_editor == NULL)
    return;

  desk_record_editor_set_record (self->activity_editor, record);
  refresh_deliverables (self);
  title = record != NULL ? desk_record_title (record, "title", &hint) : "";
  desk_record_list_set_editor_title (self->activity_list, title, hint);
}

static void
indicator_open_cb (DeskWorkplanPage *self,
                   const char       *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_INDICATOR, uuid, NULL);
  const char *hint = NULL;
  const char *title;

  if (self->indicator_editor == NULL)
    return;

  desk_record_editor_set_record (self->indicator_editor, record);
  refresh_values (self, TRUE);
  title = record != NULL ? desk_record_title (record, "name", &hint) : "";
  desk_record_list_set_editor_title (self->indicator_list, title, hint);
}

static const char *
ui_field (const char *base)
{
  static char name[32];

  g_snprintf (name, sizeof name, "%s_%s", base, desk_locale_language ());
  return name;
}

static void
activity_new_cb (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;
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
  desk_record_set_string (record, ui_field ("title"), _("New activity"));
  desk_record_set_string (record, "kind", ((DeskChoice *) g_ptr_array_index (kinds, 0))->code);
  desk_record_set_string (record, "status", "planned");

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  desk_record_list_open (self->activity_list, desk_record_get_uuid (record));
  desk_record_editor_focus_field (self->activity_editor, ui_field ("title"));
}

static void
indicator_new_cb (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  record = desk_record_new (DESK_KIND_INDICATOR);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  desk_record_set_string (record, ui_field ("name"), _("New indicator"));
  desk_record_set_string (record, "unit", "number");

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  desk_record_list_open (self->indicator_list, desk_record_get_uuid (record));
  desk_record_editor_focus_field (self->indicator_editor, ui_field ("name"));
}

static void
set_status (DeskWorkplanPage *self,
            const char       *status)
{
  g_autoptr(GError) error = NULL;

  if (self->workplan_uuid == NULL)
    return;

  if (!desk_workplan_set_status (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, status, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
}

static void
approve_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_status (DESK_WORKPLAN_PAGE (widget), "approved");
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_status (DESK_WORKPLAN_PAGE (widget), "closed");
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_status (DESK_WORKPLAN_PAGE (widget), "draft");
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) workplan = dup_workplan (self);
  GtkWidget *editor;
  GtkWindow *window;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (workplan == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  editor = desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_WORKPLAN);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, workplan_layout_main);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), _("Objectives"), workplan_layout_objectives);
  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), workplan);

  window = desk_record_editor_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          _("Workplan"), editor);
  g_object_set_data (G_OBJECT (self), "desk-editor-window", window);
  gtk_window_present (window);
}

static void
new_workplan_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *title = NULL;

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->group_uuid == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  start = g_strdup_printf ("%.4s-01-01", today);
  end = g_strdup_printf ("%.4s-12-31", today);
  /* Translators: the title of a new workplan; %s is its year. */
  title = g_strdup_printf (_("Workplan %.4s"), today);

  record = desk_record_new (DESK_KIND_WORKPLAN);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, ui_field ("title"), title);
  desk_record_set_string (record, "period_start", start);
  desk_record_set_string (record, "period_end", end);
  desk_record_set_string (record, "status", "draft");
  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  desk_workplan_page_show_workplan (self, desk_record_get_uuid (record));
  gtk_widget_activate_action (widget, "workplan.edit", NULL);
}

static void
start_next_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        DeskWorkplanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) before = NULL;
  g_autofree char *uuid = NULL;

  if (!g_str_equal (response, "start") || self->workplan_uuid == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  /* Core writes the new plan and closes this one; the history notes both in one group,
   * so that one Ctrl+Z takes the new plan away, with everything carried into it, and
   * reopens this one. */
  /* Translators: the name of one step of the undo history (Ctrl+Z). */
  if (!desk_history_begin_group (desk_page_get_history (DESK_PAGE (self)), _("Started next year’s plan"), &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  before = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, &error);
  if (before != NULL)
    uuid = desk_workplan_start_next (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, &error);
  if (uuid == NULL ||
      !desk_history_note_insert (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_WORKPLAN, uuid, &error) ||
      !desk_history_note_update (desk_page_get_history (DESK_PAGE (self)), before, &error))
    {
      desk_history_cancel_group (desk_page_get_history (DESK_PAGE (self)));
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }
  if (!desk_history_end_group (desk_page_get_history (DESK_PAGE (self)), &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  desk_workplan_page_show_workplan (self, uuid);
  desk_page_add_toast (DESK_PAGE (self), _("The new workplan is ready, as a draft"));
}

static void
start_next_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) workplan = dup_workplan (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *title;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (workplan == NULL)
    return;

  title = desk_record_title (workplan, "title", NULL);
  body = g_strdup_printf (_("A new draft workplan will follow “%s”, for the period after it. "
                            "Its objectives and indicators are copied, and every unfinished "
                            "activity — planned, in progress or postponed — is carried over as "
                            "planned, with its dates moved on, its themes, its members and its "
                            "undelivered deliverables.\n\n“%s” is then closed, and otherwise "
                            "left as it is. You can reopen it later."),
                          title, title);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Start Next Year’s Plan?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Next Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_next_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

/* The window sends every kind it maps to this page here: an activity or an indicator
 * opens in its list; a workplan or an indicator value shows the page, and no more. */
static gboolean
desk_workplan_page_open_record (DeskPage   *page,
                                const char *kind,
                                const char *uuid)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);

  if (g_str_equal (kind, "activity"))
    {
      desk_workplan_page_open_activity (self, uuid);
      return TRUE;
    }

  if (g_str_equal (kind, "indicator"))
    {
      if (self->indicator_list == NULL)
        return FALSE;

      gtk_stack_set_visible_child_name (self->view_stack, "indicators");
      desk_record_list_open (self->indicator_list, uuid);
      return TRUE;
    }

  return FALSE;
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
  g_ptr_array_set_size (self->workplan_uuids, 0);
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
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->workplan_dropdown, NULL);
  self->syncing = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_workplan_actions (self);
}

static void
desk_workplan_page_dispose (GObject *object)
{
  DeskWorkplanPage *self = (DeskWorkplanPage *) object;

  if (desk_page_get_store (DESK_PAGE (self)) != NULL)
    g_clear_signal_handler (&self->changed_id, desk_page_get_store (DESK_PAGE (self)));

  /* The bin's child is a template child: the bin lets go of it before the template
   * does, or the bin would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WORKPLAN_PAGE);

  g_clear_object (&self->workplans);
  g_clear_object (&self->activities);
  g_clear_object (&self->indicators);

  G_OBJECT_CLASS (desk_workplan_page_parent_class)->dispose (object);
}

static void
desk_workplan_page_finalize (GObject *object)
{
  DeskWorkplanPage *self = (DeskWorkplanPage *) object;

  g_clear_pointer (&self->member_pillars, g_hash_table_unref);
  g_clear_pointer (&self->pillar_labels, g_hash_table_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_pointer (&self->workplan_uuids, g_ptr_array_unref);
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
  update_workplan_actions (self);
}

static DeskRecordList *
desk_workplan_page_get_active_list (DeskPage *page)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (page);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "indicators") == 0)
    return self->indicator_list;

  return self->activity_list;
}

static void
desk_workplan_page_class_init (DeskWorkplanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_workplan_page_dispose;
  object_class->finalize = desk_workplan_page_finalize;

  page_class->build = desk_workplan_page_build;
  page_class->unbuild = desk_workplan_page_unbuild;
  page_class->open_record = desk_workplan_page_open_record;
  page_class->get_active_list = desk_workplan_page_get_active_list;

  g_type_ensure (DESK_TYPE_RECORD_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-workplan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_status);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, workplan_period);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, activity_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkplanPage, indicator_bin);
  gtk_widget_class_bind_template_callback (widget_class, workplan_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  gtk_widget_class_install_action (widget_class, "workplan.new-workplan", NULL, new_workplan_activated);
  gtk_widget_class_install_action (widget_class, "workplan.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "workplan.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "workplan.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "workplan.reopen", NULL, reopen_activated);
  gtk_widget_class_install_action (widget_class, "workplan.start-next", NULL, start_next_activated);
}

static void
desk_workplan_page_init (DeskWorkplanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) totals_free);
  self->workplan_uuids = g_ptr_array_new_with_free_func (g_free);
  self->deliverable_rows = g_ptr_array_new ();
  /* Whether the page can write follows the history it is given. */
  g_signal_connect (self, "notify::history", G_CALLBACK (history_changed_cb), NULL);
  update_workplan_actions (self);
}

GtkWidget *
desk_workplan_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_WORKPLAN_PAGE,
                       "store", store,
                       NULL);
}

/* Private API, for tests */

void
desk_workplan_page_open_activity (DeskWorkplanPage *self,
                                  const char       *uuid)
{
  g_return_if_fail (DESK_IS_WORKPLAN_PAGE (self));

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->activity_list != NULL)
    desk_record_list_open (self->activity_list, uuid);
}

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
  gtk_stack_set_visible_child_name (self->view_stack, name);
}
