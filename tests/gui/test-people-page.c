/* test-people-page.c — the People tab: a person already there, and merging two records of one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-workshops-common.h"

/* A person of @group, inserted: @name, @gender, and one more field @key = @value (or none). */
static DeskRecord *
add_person (DeskStore  *store,
            const char *group,
            const char *name,
            const char *gender,
            const char *key,
            const char *value)
{
  g_autoptr(DeskRecord) person = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(GError) error = NULL;

  desk_record_set_group (person, group);
  desk_record_set_string (person, "name", name);
  desk_record_set_string (person, "gender", gender);
  if (key != NULL)
    desk_record_set_string (person, key, value);
  g_assert_true (desk_store_insert (store, person, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&person);
}

/* The People page, on its People tab (not Members), and its list of people. */
static DeskPeoplePage *
show_people_tab (DeskWindow      *window,
                 DeskRecordList **list)
{
  DeskPeoplePage *page = DESK_PEOPLE_PAGE (show_page (window, "people"));
  AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                      DESK_TYPE_PEOPLE_PAGE,
                                                                      "view_stack"));

  adw_view_stack_set_visible_child_name (tabs, "people");
  wait_a_moment (20);
  *list = _desk_people_page_get_person_list (page);

  return page;
}

static void
test_people_duplicate (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autoptr(DeskRecord) kwame = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  gint64 total;
  g_autofree char *uuid = NULL;
  AdwMessageDialog *confirm;

  kwame = add_person (store, group_uuid, "Kwame Asante", "man", "organisation", "Tarkwa Community Radio");
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = show_people_tab (window, &list);
  editor = _desk_people_page_get_person_editor (page);
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==, total);

  /* The consent switch is off for a new person, and says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total + 1);
  uuid = g_strdup (desk_record_list_get_open_uuid (list));
  g_assert_nonnull (uuid);
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (desk_record_editor_get_row (editor, "consent_named"))));
  g_assert_false (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));

  /* Named like Kwame, spelled otherwise: the person already there is offered. */
  enter_text (desk_record_editor_get_row (editor, "name"), "kwame  ASANTE");
  enter_text (desk_record_editor_get_row (editor, "organisation"), "tarkwa community radio");
  g_assert_true (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));
  g_assert_cmpstr (_desk_people_page_get_duplicate_uuid (page), ==, desk_record_get_uuid (kwame));

  /* Add anyway keeps both; Use existing drops the new one and opens Kwame. */
  _desk_people_page_add_anyway (page);
  g_assert_false (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total + 1);
  g_free (uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  uuid = g_strdup (desk_record_list_get_open_uuid (list));
  enter_text (desk_record_editor_get_row (editor, "organisation"), "Tarkwa Community Radio");
  enter_text (desk_record_editor_get_row (editor, "name"), "Kwame Asante");
  g_assert_true (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));
  _desk_people_page_use_existing (page);
  g_assert_null (desk_store_get (store, DESK_KIND_PERSON, uuid, NULL));
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, desk_record_get_uuid (kwame));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total + 1);

  /* Deleting asks first, saying what it takes with it. */
  {
    GtkWidget *pane = GTK_WIDGET (editor);

    while (pane != NULL && !gtk_widget_has_css_class (pane, "desk-editor-pane"))
      pane = gtk_widget_get_parent (pane);
    g_assert_nonnull (pane);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "list.delete", NULL));
  }
  confirm = _desk_people_page_get_delete_dialog (page);
  g_assert_nonnull (confirm);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total + 1);
  adw_message_dialog_response (confirm, "delete");
  wait_a_moment (10);
  g_assert_null (desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (kwame), NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total);

  destroy_window (window);
}

/* People: a person found again when added (the offer shows) is merged from the offer's
 * Merge Both, the one already there chosen, and keeps the workshops of both records. */
static void
test_people_duplicate_merge (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *first = new_empty_workshop (store);
  g_autofree char *second = new_empty_workshop (store);
  g_autoptr(DeskRecord) kwame = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  AdwMessageDialog *dialog;
  guint other;
  gint64 total;

  kwame = add_person (store, group_uuid, "Kwame Asante", "man", "organisation", "Tarkwa Community Radio");
  entry = desk_attendance_check_in (store, first, desk_record_get_uuid (kwame), NULL, &error);
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = show_people_tab (window, &list);
  editor = _desk_people_page_get_person_editor (page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  added = g_strdup (desk_record_list_get_open_uuid (list));
  g_assert_nonnull (added);
  entry2 = desk_attendance_check_in (store, second, added, NULL, &error);
  g_assert_no_error (error);
  enter_text (desk_record_editor_get_row (editor, "organisation"), "Tarkwa Community Radio");
  enter_text (desk_record_editor_get_row (editor, "name"), "Kwame Asante");
  g_assert_true (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));

  _desk_people_page_merge_duplicate (page);
  dialog = _desk_people_page_get_merge_dialog (page);
  g_assert_nonnull (dialog);
  other = gtk_drop_down_get_selected (_desk_person_merge_get_other (dialog));
  g_assert_cmpstr (_desk_person_merge_get_uuid (dialog, other), ==, desk_record_get_uuid (kwame));
  adw_message_dialog_response (dialog, "merge");
  wait_a_moment (20);

  /* One Kwame, on the lists of both workshops. */
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total);
  g_assert_false (record_exists (store, DESK_KIND_PERSON, desk_record_get_uuid (kwame)));
  found = desk_attendance_find (store, first, added);
  g_assert_nonnull (found);
  g_clear_object (&found);
  found = desk_attendance_find (store, second, added);
  g_assert_nonnull (found);
  g_assert_false (gtk_widget_get_visible (_desk_people_page_get_duplicate_box (page)));

  destroy_window (window);
}

/* People: the open person merged with their misspelt twin from the merge dialog — the
 * twin offered first — keeps both workshops; one win.undo brings the twin back. */
static void
test_people_merge (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *first = new_empty_workshop (store);
  g_autofree char *second = new_empty_workshop (store);
  g_autoptr(DeskRecord) kwame = NULL;
  g_autoptr(DeskRecord) twin = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) moved = NULL;
  g_autoptr(DeskRecord) merged = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  AdwMessageDialog *dialog;
  gint64 total;

  kwame = add_person (store, group_uuid, "Kwame Asante-Boateng", "man", NULL, NULL);
  twin = add_person (store, group_uuid, "Kwame Asante-Boatneg", "not_stated", "phone", "+233 24 111 2222");
  entry = desk_attendance_check_in (store, first, desk_record_get_uuid (kwame), NULL, &error);
  entry2 = desk_attendance_check_in (store, second, desk_record_get_uuid (twin), NULL, &error);
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = show_people_tab (window, &list);
  desk_record_list_open (list, desk_record_get_uuid (kwame));

  _desk_people_page_merge (page);
  dialog = _desk_people_page_get_merge_dialog (page);
  g_assert_nonnull (dialog);
  /* The twin, of a similar name, is offered first and chosen. */
  g_assert_cmpuint (gtk_drop_down_get_selected (_desk_person_merge_get_other (dialog)), ==, 0);
  g_assert_cmpstr (_desk_person_merge_get_uuid (dialog, 0), ==, desk_record_get_uuid (twin));
  adw_message_dialog_response (dialog, "merge");
  wait_a_moment (20);

  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total - 1);
  g_assert_false (record_exists (store, DESK_KIND_PERSON, desk_record_get_uuid (twin)));
  moved = desk_attendance_find (store, second, desk_record_get_uuid (kwame));
  g_assert_nonnull (moved);
  merged = desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (kwame), NULL);
  g_assert_cmpstr (desk_record_get_string (merged, "name"), ==, "Kwame Asante-Boateng");
  g_assert_cmpstr (desk_record_get_string (merged, "phone"), ==, "+233 24 111 2222");
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, desk_record_get_uuid (kwame));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total);
  g_clear_object (&moved);
  moved = desk_attendance_find (store, second, desk_record_get_uuid (twin));
  g_assert_nonnull (moved);
  g_assert_null (desk_attendance_find (store, second, desk_record_get_uuid (kwame)));

  destroy_window (window);
}

/* People: two records of one person chosen in the list (a click, then Ctrl+click) enable
 * Merge, whose dialog has both already; merging keeps both workshops on one person, and
 * one win.undo brings the other back with their own. */
static void
test_people_merge_selected (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *first = new_empty_workshop (store);
  g_autofree char *second = new_empty_workshop (store);
  g_autoptr(DeskRecord) ama = NULL;
  g_autoptr(DeskRecord) again = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) moved = NULL;
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  AdwMessageDialog *dialog;
  GtkSelectionModel *selection;
  GListModel *shown;
  GtkWidget *merge;
  guint ama_at = GTK_INVALID_LIST_POSITION;
  guint again_at = GTK_INVALID_LIST_POSITION;
  guint other;
  gint64 total;

  /* Names no similarity search would pair: only the user's choice brings them together. */
  ama = add_person (store, group_uuid, "Ama Serwaa Owusu", "woman", NULL, NULL);
  again = add_person (store, group_uuid, "Mrs A. S. Owusu", "woman", "email", "ama.owusu@example.org");
  entry = desk_attendance_check_in (store, first, desk_record_get_uuid (ama), NULL, &error);
  entry2 = desk_attendance_check_in (store, second, desk_record_get_uuid (again), NULL, &error);
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = show_people_tab (window, &list);
  merge = _desk_people_page_get_merge_button (page);
  selection = desk_record_list_get_selection (list);
  g_assert_true (GTK_IS_MULTI_SELECTION (selection));
  shown = desk_record_list_get_filter_model (list);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DeskRecord) person = g_list_model_get_item (shown, i);

      if (g_str_equal (desk_record_get_uuid (person), desk_record_get_uuid (ama)))
        ama_at = i;
      else if (g_str_equal (desk_record_get_uuid (person), desk_record_get_uuid (again)))
        again_at = i;
    }
  g_assert_cmpuint (ama_at, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (again_at, !=, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_sensitive (merge));

  /* A click opens one person; Merge waits for a second. */
  gtk_selection_model_select_item (selection, ama_at, TRUE);
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, desk_record_get_uuid (ama));
  g_assert_false (gtk_widget_get_sensitive (merge));

  /* Ctrl+click adds the other; the editor stays on the first. */
  gtk_selection_model_select_item (selection, again_at, FALSE);
  g_assert_true (gtk_widget_get_sensitive (merge));
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, desk_record_get_uuid (ama));

  g_signal_emit_by_name (merge, "clicked");
  dialog = _desk_people_page_get_merge_dialog (page);
  g_assert_nonnull (dialog);
  other = gtk_drop_down_get_selected (_desk_person_merge_get_other (dialog));
  g_assert_cmpuint (other, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (_desk_person_merge_get_uuid (dialog, other), ==, desk_record_get_uuid (again));
  adw_message_dialog_response (dialog, "merge");
  wait_a_moment (20);

  /* One person, the open one, with both workshops and the other's email. */
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total - 1);
  g_assert_false (record_exists (store, DESK_KIND_PERSON, desk_record_get_uuid (again)));
  moved = desk_attendance_find (store, second, desk_record_get_uuid (ama));
  g_assert_nonnull (moved);
  g_clear_object (&moved);
  moved = desk_attendance_find (store, first, desk_record_get_uuid (ama));
  g_assert_nonnull (moved);
  kept = desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (ama), NULL);
  g_assert_cmpstr (desk_record_get_string (kept, "email"), ==, "ama.owusu@example.org");
  g_assert_false (gtk_widget_get_sensitive (merge));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, total);
  g_clear_object (&moved);
  moved = desk_attendance_find (store, second, desk_record_get_uuid (again));
  g_assert_nonnull (moved);
  g_assert_null (desk_attendance_find (store, second, desk_record_get_uuid (ama)));

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_log_set_writer_func (log_writer_cb, NULL, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/people/duplicate", test_people_duplicate);
  g_test_add_func ("/gui/people/duplicate-merge", test_people_duplicate_merge);
  g_test_add_func ("/gui/people/merge", test_people_merge);
  g_test_add_func ("/gui/people/merge-selected", test_people_merge_selected);

  return g_test_run ();
}
