/* desk-workplan-page-editors.c
 *
 * The editors beside the Workplan page's lists: an activity's, with its deliverables under
 * it, and an indicator's, with its targets and actuals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workplan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-workplan-page-private.h"

#include "desk-cells.h"
#include "desk-reason-dialog.h"
#include "desk-widget-util.h"

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

/* The activity's deliverables, in its editor */

static void
deliverable_row_activated_cb (AdwActionRow     *row,
                              DeskWorkplanPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "desk-uuid");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-deliverable", "s", uuid);
}

void
_desk_workplan_page_refresh_deliverables (DeskWorkplanPage *self)
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
        {
          g_autofree char *due = desk_date_format (desk_record_get_string (d, "due_date"));

          /* Translators: a deliverable's due date and its status: “Due 2025-03-31 · Planned”. */
          subtitle = g_strdup_printf (_("Due %s · %s"), due, status);
        }
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

  if (activity == NULL || !desk_page_get_writable (DESK_PAGE (self)))
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
value_deleted_cb (GtkWidget    *widget,
                  const GError *error,
                  gpointer      user_data)
{
  /* A reason not given leaves the value, and says nothing more. */
  if (error != NULL && !g_error_matches (error, DESK_ERROR, DESK_ERROR_REPORTED))
    desk_page_add_toast (DESK_PAGE (widget), error->message);
}

static void
value_delete_clicked_cb (GtkButton        *button,
                         DeskWorkplanPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "desk-uuid");

  if (!desk_page_get_writable (DESK_PAGE (self)))
    return;
  desk_reason_delete (GTK_WIDGET (self), desk_page_get_history (DESK_PAGE (self)),
                      DESK_KIND_INDICATOR_VALUE, uuid, value_deleted_cb, NULL);
}

void
_desk_workplan_page_refresh_values (DeskWorkplanPage *self,
                                    gboolean          force)
{
  DeskRecord *indicator = desk_record_editor_get_record (self->indicator_editor);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GString) key = g_string_new (NULL);

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

  desk_widget_remove_children (GTK_WIDGET (self->values_box));

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
      /* Another group's values, from its bundle, are shown and kept. */
      gtk_widget_set_visible (button, desk_page_get_writable (DESK_PAGE (self)));
      adw_preferences_group_set_header_suffix (group, button);
      /* A value's history would repeat under every value: the page stays a list of them. */
      desk_record_editor_set_history_shown (DESK_RECORD_EDITOR (editor), FALSE);
      desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), value);
      gtk_box_append (self->values_box, editor);
    }
}

static void
add_value (DeskWorkplanPage *self,
           const char       *type)
{
  DeskRecord *indicator = desk_record_editor_get_record (self->indicator_editor);
  g_autoptr(DeskRecord) workplan = _desk_workplan_page_dup_workplan (self);
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
  if (desk_page_get_writable (DESK_PAGE (self)))
    add_value (self, "target");
}

static void
add_actual_clicked_cb (DeskWorkplanPage *self)
{
  if (desk_page_get_writable (DESK_PAGE (self)))
    add_value (self, "actual");
}

/* Building */

void
_desk_workplan_page_build_editors (DeskWorkplanPage *self)
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
  /* A page of another group's records adds none (see desk_page_get_writable). */
  gtk_widget_set_visible (button, desk_page_get_writable (DESK_PAGE (self)));
  adw_preferences_group_set_header_suffix (self->deliverables_group, button);
  gtk_box_append (GTK_BOX (self->activity_editor), GTK_WIDGET (self->deliverables_group));
  desk_record_list_set_editor (self->activity_list, NULL, self->activity_editor, "title");

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
  gtk_widget_set_visible (box, desk_page_get_writable (DESK_PAGE (self)));
  adw_preferences_group_set_header_suffix (group, box);
  self->values_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  adw_preferences_group_add (group, GTK_WIDGET (self->values_box));

  wrapper = GTK_WIDGET (self->indicator_editor);
  gtk_box_append (GTK_BOX (wrapper), GTK_WIDGET (group));
  desk_record_list_set_editor (self->indicator_list, wrapper, self->indicator_editor, "name");
}
