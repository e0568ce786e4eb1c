/* bench-lists.c — the lists: typing in a search, pages first shown, the check-in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-bench"

#include "bench-common.h"

#include "desk-deliverables-page-private.h"
#include "desk-people-page-private.h"
#include "desk-workplan-page-private.h"
#include "desk-workshops-page-private.h"

/* Typing @query into the search of @list, a character at a time: from each change of the
 * text to the filtered model settled (the filter is not incremental: set_text returns
 * with it done) and to the next frame painted. The reference filters the same search keys,
 * folded once, with strstr in a plain loop: the work without GTK. */
static void
bench_typing (const char     *what,
              GtkWidget      *window,
              DeskRecordList *list,
              const char     *query,
              guint           runs)
{
  g_autoptr(GArray) filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GListModel *model = G_LIST_MODEL (desk_record_list_get_model (list));
  GtkEditable *entry = desk_record_list_get_search_entry (list);
  guint n = g_list_model_get_n_items (model);
  gsize len = strlen (query);
  guint shown = 0;
  char label[96];

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (model, i);

      g_ptr_array_add (keys, (gpointer) desk_record_get_search_key (record));
    }

  for (guint run = 0; run < runs; run++)
    {
      for (gsize i = 1; i <= len; i++)
        {
          g_autofree char *prefix = g_strndup (query, i);
          g_autofree char *folded = NULL;
          gint64 start, filtered, painted;
          double ms;
          guint matches = 0;

          start = g_get_monotonic_time ();
          gtk_editable_set_text (entry, prefix);
          filtered = g_get_monotonic_time ();
          wait_next_frame (window);
          painted = g_get_monotonic_time ();

          ms = (filtered - start) / 1000.0;
          g_array_append_val (filter_times, ms);
          ms = (painted - start) / 1000.0;
          g_array_append_val (frame_times, ms);

          start = g_get_monotonic_time ();
          folded = desk_text_fold_search (prefix);
          for (guint k = 0; k < keys->len; k++)
            if (strstr (g_ptr_array_index (keys, k), folded) != NULL)
              matches++;
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (reference, ms);
          shown = g_list_model_get_n_items (desk_record_list_get_filter_model (list));
          if (shown != matches)
            g_printerr ("  “%s”: %u shown, %u matched by the reference\n", prefix, shown, matches);
        }
      gtk_editable_set_text (entry, "");
      wait_next_frame (window);
    }

  g_print ("%s: %u records, typing “%s” (%u shown at the end)\n", what, n, query, shown);
  g_snprintf (label, sizeof label, "  keystroke → filtered");
  report (label, median (filter_times), median (reference), "strstr over the same keys", 20.0);
  g_snprintf (label, sizeof label, "  keystroke → filtered and painted");
  report (label, median (frame_times), 16.0, "one frame (goal)", 1.0);
}

void
bench_search (const char *db_path,
              guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db_path, &error);
  GtkWidget *window;
  GtkWidget *page;
  gint64 start;

  g_assert_no_error (error);
  window = g_object_new (DESK_TYPE_WINDOW, "store", store, NULL);
  present_and_wait_first_frame (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  page = window_page (window, "workplan");
  g_print ("Workplan page, first shown (2,000 activities read and listed): %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);
  bench_typing ("Workplan page", window, _desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page)),
                "training tarkwa", runs);

  start = g_get_monotonic_time ();
  page = window_page (window, "deliverables");
  g_print ("Deliverables page, first shown (6,000 deliverables): %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);
  bench_typing ("Deliverables page", window,
                _desk_deliverables_page_get_list (DESK_DELIVERABLES_PAGE (page)),
                "deliverable 17", runs);

  destroy_window (GTK_WINDOW (window));
}

/* People and workshops, on a copy of the large database with one more workshop of 500
 * attendees: typing in the People tab's search (against strstr over the same keys, and
 * one frame), then opening that workshop in the list and its check-in view, from the
 * call to the next frame painted, against the goal of 100 ms. */
void
bench_workshops (const char *db_path,
                 guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) large = desk_store_open (db_path, &error);
  g_autofree char *copy_path = g_strconcat (db_path, ".workshops.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);
  g_autoptr(GArray) open_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checkin_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window;
  GtkWidget *page;
  AdwViewStack *tabs;
  DeskRecordList *list;
  gint64 start;

  g_assert_no_error (error);
  g_remove (copy_path);
  if (!desk_store_backup (large, copy_path, &error))
    g_error ("Could not copy the large database: %s", error->message);
  g_clear_object (&large);
  store = desk_store_open (copy_path, &error);
  g_assert_no_error (error);

  group = desk_store_dup_main_group (store);
  activities = desk_store_list (store, DESK_KIND_ACTIVITY, desk_record_get_uuid (group), NULL);
  people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  desk_record_set_string (workshop, "activity_uuid", desk_record_get_uuid (g_ptr_array_index (activities, 0)));
  desk_record_set_string (workshop, "title_en", "Regional forum with 500 participants");
  desk_record_set_string (workshop, "start_date", "2026-05-04");
  desk_record_set_string (workshop, "end_date", "2026-05-06");
  desk_record_set_string (workshop, "format", "in_person");
  desk_record_set_int (workshop, "planned_participants", 500);
  start = g_get_monotonic_time ();
  desk_store_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_insert (store, workshop, &error));
  for (guint i = 0; i < 500 && i < people->len; i++)
    {
      g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, desk_record_get_uuid (workshop),
                                                              desk_record_get_uuid (g_ptr_array_index (people, i * 37 % people->len)),
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  desk_store_commit (store, &error);
  g_assert_no_error (error);
  g_print ("Workshop of 500 attendees checked in (one transaction): %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);

  window = g_object_new (DESK_TYPE_WINDOW, "store", store, NULL);
  present_and_wait_first_frame (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  page = window_page (window, "people");
  tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (page, DESK_TYPE_PEOPLE_PAGE, "view_stack"));
  adw_view_stack_set_visible_child_name (tabs, "people");
  wait_next_frame (window);
  g_print ("People page, first shown (%u people read and listed): %.1f ms\n", people->len,
           (g_get_monotonic_time () - start) / 1000.0);
  bench_typing ("People tab", window, _desk_people_page_get_person_list (DESK_PEOPLE_PAGE (page)),
                "ama mensah", MAX (1, runs / 2));

  start = g_get_monotonic_time ();
  page = window_page (window, "workshops");
  g_print ("Workshops page, first shown: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  list = _desk_workshops_page_get_list (DESK_WORKSHOPS_PAGE (page));

  for (guint run = 0; run < runs; run++)
    {
      double ms;

      desk_record_list_close_editor (list);
      wait_next_frame (window);
      start = g_get_monotonic_time ();
      desk_workshops_page_open (DESK_WORKSHOPS_PAGE (page), desk_record_get_uuid (workshop));
      wait_next_frame (window);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (open_times, ms);

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (page, "workshops.checkin", NULL);
      wait_next_frame (window);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (checkin_times, ms);
      gtk_widget_activate_action (page, "workshops.close-checkin", NULL);
      wait_next_frame (window);
    }
  report ("Workshop of 500 attendees → editor and counts", median (open_times), 100.0,
          "100 ms (goal)", 1.0);
  report ("Workshop of 500 attendees → check-in view", median (checkin_times), 100.0,
          "100 ms (goal)", 1.0);

  destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  g_remove (copy_path);
}

