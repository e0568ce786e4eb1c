/* test-pages.c — the Workplan, Deliverables and People pages driven as a person would, and narrative rows that follow the group's languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gui-common.h"

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

/* A row the group's languages would hide stays shown while the record holds text in it,
 * so that nothing typed is hidden; a record without that text hides it again. */
static void
test_narrative_keeps_text (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *const fields[] = { "title", NULL };
  DeskRecord *with_text;
  DeskRecord *without_text;
  GtkWidget *editor;
  GtkWidget *title_zh;

  g_assert_cmpuint (workshops->len, >=, 2);
  with_text = g_ptr_array_index (workshops, 0);
  without_text = g_ptr_array_index (workshops, 1);
  desk_record_set_string (with_text, "title_zh", "社区对话");
  g_assert_true (desk_store_update (store, with_text, &error));
  g_assert_no_error (error);
  desk_record_set_string (without_text, "title_zh", "");
  g_assert_true (desk_store_update (store, without_text, &error));
  g_assert_no_error (error);

  desk_record_set_string (group, "languages", "en");
  g_assert_true (desk_store_update (store, group, &error));
  g_assert_no_error (error);

  editor = g_object_ref_sink (desk_record_editor_new (history, DESK_KIND_WORKSHOP));
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, fields);
  title_zh = desk_record_editor_get_row (DESK_RECORD_EDITOR (editor), "title_zh");

  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), with_text);
  g_assert_true (gtk_widget_get_visible (title_zh));

  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), without_text);
  g_assert_false (gtk_widget_get_visible (title_zh));

  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), with_text);
  g_assert_true (gtk_widget_get_visible (title_zh));

  /* The group changing its languages again does not hide the text either. */
  desk_record_set_string (group, "languages", "en");
  g_assert_true (desk_store_update (store, group, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (title_zh));

  /* Emptied while shown (the user clearing it), the row stays until another record. */
  desk_record_set_string (with_text, "title_zh", "");
  g_assert_true (desk_store_update (store, with_text, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (title_zh));
  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), without_text);
  g_assert_false (gtk_widget_get_visible (title_zh));

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

  g_test_add_func ("/gui/workplan/activities", test_workplan_activities);
  g_test_add_func ("/gui/workplan/validation", test_workplan_validation);
  g_test_add_func ("/gui/workplan/delete-undo", test_workplan_delete_undo);
  g_test_add_func ("/gui/workplan/start-next-undo", test_workplan_start_next_undo);
  g_test_add_func ("/gui/deliverables/overdue", test_deliverables_overdue);
  g_test_add_func ("/gui/people/members", test_people_members);
  g_test_add_func ("/gui/forms/narrative-follows-languages", test_narrative_follows_languages);
  g_test_add_func ("/gui/forms/narrative-keeps-text", test_narrative_keeps_text);

  return g_test_run ();
}
