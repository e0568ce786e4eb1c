/* test-workshops.c — the Workshops page and the People tab, driven as a person would
 *
 * Check-in is driven through its search entry alone (text, then Enter), the sign-in sheet
 * through its preview dialog, the People tab through the list's actions and the editor's
 * rows; every test asserts on the models shown and on the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-breakdown-chart.h"
#include "desk-checkin-private.h"
#include "desk-person-merge.h"
#include "desk-people-page.h"
#include "desk-people-page-private.h"
#include "desk-window.h"
#include "desk-workshops-page.h"
#include "desk-workshops-page-private.h"

#include <glib/gstdio.h>
#include <locale.h>

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static DeskStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *uuid = NULL;

  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  return g_steal_pointer (&store);
}

static DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment (50);

  return window;
}

static void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);
}

static GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *page_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                                   "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_a_moment (10);

  return gtk_stack_get_child_by_name (page_stack, name);
}

static void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* A workshop of the demo's first activity with nobody on its list. */
static char *
new_empty_workshop (DeskStore *store)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) activities = desk_store_list (store, DESK_KIND_ACTIVITY,
                                                     desk_record_get_uuid (group), NULL);
  g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (activities->len, >, 0);
  desk_record_set_string (workshop, "activity_uuid",
                          desk_record_get_uuid (g_ptr_array_index (activities, 0)));
  desk_record_set_string (workshop, "title_en", "Community dialogue, Obuasi");
  desk_record_set_string (workshop, "start_date", "2025-06-10");
  desk_record_set_string (workshop, "end_date", "2025-06-10");
  desk_record_set_string (workshop, "town", "Obuasi");
  desk_record_set_string (workshop, "format", "in_person");
  desk_record_set_int (workshop, "planned_participants", 45);
  g_assert_true (desk_store_insert (store, workshop, &error));
  g_assert_no_error (error);

  return g_strdup (desk_record_get_uuid (workshop));
}

static gint64
count_attended (DeskStore  *store,
                const char *workshop)
{
  g_autoptr(GPtrArray) entries = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                     workshop, NULL);
  gint64 n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (entries, i), "status"), "attended") == 0)
      n++;

  return n;
}

static void
type_and_enter (GtkEditable *entry,
                const char  *text)
{
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
}

/* Types @text and chooses the "Add new person" row, the last one offered, with ↓ as far
 * as it goes and Enter. */
static void
type_and_add (DeskCheckin *checkin,
              const char  *text)
{
  GtkEditable *entry = _desk_checkin_get_entry (checkin);
  GtkSingleSelection *matches = _desk_checkin_get_matches (checkin);
  guint n;

  gtk_editable_set_text (entry, text);
  n = g_list_model_get_n_items (G_LIST_MODEL (matches));
  g_assert_cmpuint (n, >, 0);
  gtk_single_selection_set_selected (matches, n - 1);
  g_assert_true (_desk_checkin_is_add_row (gtk_single_selection_get_selected_item (matches)));
  g_signal_emit_by_name (entry, "activate");
}

static void
test_workshop_list (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  GListModel *filtered;
  gint64 total = desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid);
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *uuid = NULL;

  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  list = _desk_workshops_page_get_list (page);
  editor = _desk_workshops_page_get_editor (page);
  filtered = desk_record_list_get_filter_model (list);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid), ==, total + 1);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total + 1);
  uuid = g_strdup (desk_record_list_get_open_uuid (list));
  g_assert_nonnull (uuid);

  enter_text (desk_record_editor_get_row (editor, "title_en"), "Training of trainers, Takoradi");
  enter_text (desk_record_editor_get_row (editor, "town"), "Takoradi");
  record = desk_store_get (store, DESK_KIND_WORKSHOP, uuid, NULL);
  g_assert_cmpstr (desk_record_get_string (record, "title_en"), ==, "Training of trainers, Takoradi");
  g_assert_cmpstr (desk_record_get_string (record, "town"), ==, "Takoradi");

  /* The search finds it by its town. */
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "takoradi");
  g_assert_cmpuint (g_list_model_get_n_items (filtered), >=, 1);
  gtk_editable_set_text (desk_record_list_get_search_entry (list), "");

  /* Undo, three times: the town, the title, the workshop. */
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group_uuid), ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (filtered), ==, total);

  destroy_window (window);
}

static void
test_checkin_keyboard (void)
{
  static const char *const new_names[] = {
    "Esinam Agbodeka", "Yaw Darkwah-Nyarko", "Mawuli Tsatsu", "Adwoa Sarpong-Kyei", "Kwesi Aboagye-Lartey",
    "Efua Quansah-Biney", "Nii Armah Tettey", "Akosua Frimpomaa", "Ekow Mensah-Bonsu", "Dzifa Amegashie",
    "Naa Dedei Ollennu", "Kobina Arthur-Essel", "Araba  Quaicoe", "Selorm Kudzordzi", "Baaba Ewusie",
    "周晓燕", "吴敏", "郑浩", "孙丽", "Fatima Issah-Baba",
  };
  /* Spelled otherwise than the names just added: the same people. */
  static const char *const again[] = { "araba quaicoe", "周 晓燕", "ESINAM  AGBODEKA" };
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, group_uuid, NULL);
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page;
  DeskCheckin *checkin;
  GtkEditable *entry;
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  guint typed = 0;
  g_autoptr(DeskAttendanceBreakdown) breakdown = NULL;
  DeskBreakdownView *counts;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* Seventeen of the demo's people, whose names are unique in the group. */
  for (guint i = 0; i < people->len && existing->len < 17; i++)
    {
      DeskRecord *person = g_ptr_array_index (people, i);
      g_autofree char *folded = desk_text_fold_search (desk_record_get_string (person, "name"));
      guint matches = 0;

      for (guint j = 0; j < people->len; j++)
        if (strstr (desk_record_get_search_key (g_ptr_array_index (people, j)), folded) != NULL)
          matches++;
      if (matches == 1)
        g_ptr_array_add (existing, g_object_ref (person));
    }
  g_assert_cmpuint (existing->len, ==, 17);

  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  wait_a_moment (10);
  checkin = _desk_workshops_page_get_checkin (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (checkin)));
  g_assert_cmpstr (desk_checkin_get_workshop (checkin), ==, workshop);
  entry = _desk_checkin_get_entry (checkin);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)));

  /* Existing people, typed as they are or in lower case; new people between them. */
  for (guint i = 0; i < 20; i++)
    {
      if (i < existing->len)
        {
          const char *name = desk_record_get_string (g_ptr_array_index (existing, i), "name");
          g_autofree char *lower = g_utf8_strdown (name, -1);

          type_and_enter (entry, i % 2 == 0 ? name : lower);
          g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
          typed++;
        }
      type_and_add (checkin, new_names[i]);
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
      typed++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    {
      type_and_enter (entry, again[i]);
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
      typed++;
    }
  g_assert_cmpuint (typed, ==, 40);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)));

  /* The database: twenty new people (the other spellings found them), 37 attended. */
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + 20);
  g_assert_cmpint (count_attended (store, workshop), ==, 37);
  for (guint i = 0; i < existing->len; i++)
    {
      g_autoptr(DeskRecord) entry_record =
        desk_attendance_find (store, workshop, desk_record_get_uuid (g_ptr_array_index (existing, i)));

      g_assert_nonnull (entry_record);
      g_assert_cmpstr (desk_record_get_string (entry_record, "status"), ==, "attended");
      g_assert_cmpstr (desk_record_get_string (entry_record, "role"), ==, "participant");
    }
  {
    g_autoptr(DeskRecord) ama = desk_store_find_person (store, group_uuid, "ARABA QUAICOE", NULL);
    g_autoptr(DeskRecord) zhang = desk_store_find_person (store, group_uuid, "周晓燕", NULL);
    g_autoptr(DeskRecord) ama_entry = NULL;

    g_assert_nonnull (ama);
    g_assert_nonnull (zhang);
    ama_entry = desk_attendance_find (store, workshop, desk_record_get_uuid (ama));
    g_assert_nonnull (ama_entry);
    g_assert_cmpstr (desk_record_get_string (zhang, "gender"), ==, "not_stated");
    g_assert_cmpint (desk_record_get_int (zhang, "consent_named"), ==, 0);
  }

  /* The list and the counts shown. */
  wait_a_moment (20);
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 37);
  counts = _desk_checkin_get_counts (checkin);
  breakdown = desk_attendance_breakdown (store, NULL, workshop, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (breakdown->attendances, ==, 37);
  g_assert_cmpstr (desk_breakdown_view_get_figure (counts, "attended"), ==, "37");
  text = g_strdup_printf ("%" G_GINT64_FORMAT, desk_attendance_breakdown_gender_total (breakdown, "not_stated"));
  g_assert_cmpstr (desk_breakdown_view_get_cell_text (counts, NULL, "not_stated"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, desk_attendance_breakdown_gender_total (breakdown, "woman"));
  g_assert_cmpstr (desk_breakdown_view_get_cell_text (counts, NULL, "woman"), ==, text);

  /* Typing an existing person's name again changes nothing. */
  type_and_enter (entry, desk_record_get_string (g_ptr_array_index (existing, 0), "name"));
  g_assert_cmpint (count_attended (store, workshop), ==, 37);

  /* Role and status from the list, through the history. */
  g_assert_true (_desk_checkin_set_entry_field (checkin, 0, "role", "speaker"));
  {
    g_autoptr(DeskRecord) first = g_list_model_get_item (_desk_checkin_get_attendees (checkin), 0);

    g_assert_cmpstr (desk_record_get_string (first, "role"), ==, "speaker");
  }
  g_assert_true (_desk_checkin_set_entry_field (checkin, 1, "status", "absent"));
  g_assert_cmpint (count_attended (store, workshop), ==, 36);
  wait_a_moment (20);
  g_assert_cmpstr (desk_breakdown_view_get_figure (counts, "attended"), ==, "36");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (count_attended (store, workshop), ==, 37);

  /* Undo of a check-in of someone known. */
  {
    DeskRecord *person = g_ptr_array_index (people, people->len - 1);
    g_autoptr(DeskRecord) before = desk_attendance_find (store, workshop, desk_record_get_uuid (person));

    g_assert_null (before);
    type_and_enter (entry, desk_record_get_string (person, "name"));
    g_assert_cmpint (count_attended (store, workshop), ==, 38);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (count_attended (store, workshop), ==, 37);
    wait_a_moment (20);
    g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 37);
  }

  /* Back to the list: the attended column counts them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.close-checkin", NULL));
  g_assert_cmpstr (desk_record_list_get_open_uuid (_desk_workshops_page_get_list (page)), ==, workshop);
  g_assert_cmpstr (desk_breakdown_view_get_figure (_desk_workshops_page_get_workshop_breakdown (page), "attended"),
                   ==, "37");

  destroy_window (window);
}

static gboolean
record_exists (DeskStore      *store,
               const DeskKind *kind,
               const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, NULL);

  return record != NULL;
}

/* A name nobody has, added from the "Add new person" row, adds a person and their entry:
 * one win.undo takes back both, one win.redo makes both again. */
static void
test_checkin_new_undo (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskHistory *history = desk_window_get_history (window);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  g_autoptr(DeskRecord) person = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) again = NULL;
  DeskCheckin *checkin;
  GtkEditable *entry_widget;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  wait_a_moment (10);
  checkin = _desk_workshops_page_get_checkin (page);
  entry_widget = _desk_checkin_get_entry (checkin);

  type_and_add (checkin, "Selorm Kudzordzi-Ahiadzro");
  g_assert_cmpstr (gtk_editable_get_text (entry_widget), ==, "");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + 1);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  person = desk_store_find_person (store, group_uuid, "Selorm Kudzordzi-Ahiadzro", NULL);
  g_assert_nonnull (person);
  entry = desk_attendance_find (store, workshop, desk_record_get_uuid (person));
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (desk_history_get_undo_label (history), "Selorm Kudzordzi-Ahiadzro"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_false (record_exists (store, DESK_KIND_PERSON, desk_record_get_uuid (person)));
  g_assert_false (desk_history_can_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + 1);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  again = desk_attendance_find (store, workshop, desk_record_get_uuid (person));
  g_assert_nonnull (again);
  g_assert_true (desk_record_equal (again, entry));
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 1);

  /* Typed again, spelled otherwise: the same person, no second one. */
  type_and_enter (entry_widget, "selorm  KUDZORDZI-AHIADZRO");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + 1);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);

  destroy_window (window);
}

static void
test_checkin_pick (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  DeskCheckin *checkin;
  GtkEditable *entry;
  GtkSingleSelection *matches;
  g_autoptr(DeskRecord) second = NULL;
  g_autoptr(DeskRecord) entry_record = NULL;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  checkin = _desk_workshops_page_get_checkin (page);
  entry = _desk_checkin_get_entry (checkin);
  matches = _desk_checkin_get_matches (checkin);

  /* One letter matches many; the first is picked, and ↓ picks the next. */
  gtk_editable_set_text (entry, "a");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matches)), >, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (matches), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.focus-entry", NULL));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_editable_set_text (entry, "a");
  gtk_single_selection_set_selected (matches, 1);
  second = g_object_ref (gtk_single_selection_get_selected_item (matches));
  g_signal_emit_by_name (entry, "activate");
  entry_record = desk_attendance_find (store, workshop, desk_record_get_uuid (second));
  g_assert_nonnull (entry_record);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);

  destroy_window (window);
}

/* The text of the attended column's cell for @workshop, or NULL when its row is not
 * shown. */
static const char *
find_count_text (GtkWidget  *widget,
                 const char *workshop)
{
  DeskRecord *record = g_object_get_data (G_OBJECT (widget), "record");

  if (GTK_IS_INSCRIPTION (widget) && DESK_IS_RECORD (record) &&
      g_strcmp0 (desk_record_get_uuid (record), workshop) == 0)
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_count_text (child, workshop);

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* The attended column counts a workshop's attendance when its row is first shown, and
 * follows check-ins after, for a workshop counted already and for one checked in before
 * its row was ever shown. */
static void
test_attended_column (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;

  /* Two before the page is ever shown. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                              desk_record_get_uuid (g_ptr_array_index (people, i)),
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  wait_a_moment (50);
  g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "2 / 45");

  /* One more, and one marked absent: the row follows. */
  {
    g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                            desk_record_get_uuid (g_ptr_array_index (people, 2)),
                                                            NULL, &error);
    g_autoptr(DeskRecord) first = desk_attendance_find (store, workshop,
                                                        desk_record_get_uuid (g_ptr_array_index (people, 0)));

    g_assert_no_error (error);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "3 / 45");
    desk_record_set_string (first, "status", "absent");
    g_assert_true (desk_store_update (store, first, &error));
    g_assert_no_error (error);
    wait_a_moment (20);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "2 / 45");
  }

  destroy_window (window);
}

/* A workshop not held yet shows as upcoming, not as "0 / 45" (nobody came); one who
 * checked in early is counted as ever. */
static void
test_upcoming_column (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 6, 1, 9, 0, 0);
  g_autofree char *workshop = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;

  /* The workshop starts on 10 June 2025: upcoming on the 1st. */
  desk_store_set_now (store, now);
  workshop = new_empty_workshop (store);
  window = new_window (store);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  wait_a_moment (50);
  g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "Upcoming");

  {
    g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                            desk_record_get_uuid (g_ptr_array_index (people, 0)),
                                                            NULL, &error);

    g_assert_no_error (error);
    wait_a_moment (20);
    g_assert_cmpstr (find_count_text (GTK_WIDGET (page), workshop), ==, "1 / 45");
  }

  destroy_window (window);
}

/* The first widget under @widget of @type whose "field" is @field and whose bound record
 * is @record, or NULL. */
static GtkWidget *
find_choice_cell (GtkWidget  *widget,
                  GType       type,
                  const char *field,
                  DeskRecord *record)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (widget), "field"), field) == 0 &&
      g_object_get_data (G_OBJECT (widget), "record") == record)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_choice_cell (child, type, field, record);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A role cell is text until it is clicked; then it is a drop-down, and the choice made in
 * it is saved. No row has a drop-down before. */
static void
test_checkin_choice_cell (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autoptr(GPtrArray) roles = desk_reference_choices (store, DESK_KIND_ATTENDANCE, "role");
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) saved = NULL;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GError) error = NULL;
  DeskCheckin *checkin;
  GtkWidget *cell;
  GtkWidget *dropdown;
  GtkGesture *click = NULL;
  guint wanted;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                              desk_record_get_uuid (g_ptr_array_index (people, i)),
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  checkin = _desk_workshops_page_get_checkin (page);
  wait_a_moment (50);
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 3);
  first = g_list_model_get_item (_desk_checkin_get_attendees (checkin), 0);

  g_assert_null (find_choice_cell (GTK_WIDGET (checkin), GTK_TYPE_DROP_DOWN, "role", NULL));
  cell = find_choice_cell (GTK_WIDGET (checkin), GTK_TYPE_INSCRIPTION, "role", first);
  g_assert_nonnull (cell);
  for (guint i = 0; i < roles->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (roles, i);

      if (g_strcmp0 (choice->code, desk_record_get_string (first, "role")) == 0)
        g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, choice->label);
    }

  controllers = gtk_widget_observe_controllers (cell);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 1.0, 1.0);
  wait_a_moment (20);

  dropdown = find_choice_cell (GTK_WIDGET (checkin), GTK_TYPE_DROP_DOWN, "role", first);
  g_assert_nonnull (dropdown);
  g_assert_null (find_choice_cell (GTK_WIDGET (checkin), GTK_TYPE_INSCRIPTION, "role", first));
  wanted = (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)) + 1) % roles->len;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), wanted);

  saved = desk_store_get (store, DESK_KIND_ATTENDANCE, desk_record_get_uuid (first), NULL);
  g_assert_cmpstr (desk_record_get_string (saved, "role"), ==,
                   ((DeskChoice *) g_ptr_array_index (roles, wanted))->code);

  destroy_window (window);
}

/* Whether an inscription under @widget shows @text. */
static gboolean
shows_inscription (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_inscription (child, text))
      return TRUE;

  return FALSE;
}

/* The list names its people from core's attendees query: in name order, with their
 * organisations, and a person renamed elsewhere is shown renamed. */
static void
test_checkin_names (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, desk_record_get_uuid (group), NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autoptr(DeskRecord) renamed = NULL;
  g_autoptr(GError) error = NULL;
  DeskCheckin *checkin;
  GListModel *attendees;
  g_autofree char *previous_key = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop,
                                                              desk_record_get_uuid (g_ptr_array_index (people, i)),
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  checkin = _desk_workshops_page_get_checkin (page);
  wait_a_moment (50);
  attendees = _desk_checkin_get_attendees (checkin);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DeskRecord) entry = g_list_model_get_item (attendees, i);
      g_autoptr(DeskRecord) person = desk_store_get (store, DESK_KIND_PERSON,
                                                     desk_record_get_string (entry, "person_uuid"), NULL);
      g_autofree char *organisation = desk_person_dup_organisation (store, person);
      const char *key = desk_record_get_string (person, "name_key");

      g_assert_true (previous_key == NULL || g_strcmp0 (previous_key, key) <= 0);
      g_free (previous_key);
      previous_key = g_strdup (key);
      g_assert_true (shows_inscription (GTK_WIDGET (checkin), desk_record_get_string (person, "name")));
      if (organisation[0] != '\0')
        g_assert_true (shows_inscription (GTK_WIDGET (checkin), organisation));
    }

  renamed = desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (g_ptr_array_index (people, 2)), NULL);
  desk_record_set_string (renamed, "name", "Zelda Renamed-Person");
  g_assert_true (desk_store_update (store, renamed, &error));
  g_assert_no_error (error);
  wait_a_moment (20);
  g_assert_true (shows_inscription (GTK_WIDGET (checkin), "Zelda Renamed-Person"));

  destroy_window (window);
}

/* Two columns for the names: the dialog still opens, says so, and waits for the choice. */
static void
test_signin_two_columns (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin",
                                                 "duplicate-name-column.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_nonnull (desk_signin_plan_get_problem (plan));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL) &&
                  count_attended (store, workshop) > 0);
  /* The organisation column was found; the names wait for the coordinator. */
  g_assert_cmpuint (gtk_drop_down_get_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_ORGANISATION)), ==, 2);

  /* "Full name" is the fourth header: chosen, the rows appear and can be imported. */
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 4);
  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_null (desk_signin_plan_get_problem (plan));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 1);
  g_assert_cmpstr (desk_signin_plan_get_row (plan, 0)->name, ==, "Abena Mensah");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL));
  wait_a_moment (20);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);

  destroy_window (window);
}

static void
test_signin_import (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "utf8.csv", NULL);
  g_autofree char *empty_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "empty.csv", NULL);
  g_autofree char *mixed_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "mixed-values.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) mixed = g_file_new_for_path (mixed_path);
  g_autoptr(GError) error = NULL;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  guint n, importable, new_people;

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);

  /* A refused file: core's message, no dialog. */
  dialog = _desk_workshops_page_import_file (page, empty, &error);
  g_assert_null (dialog);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  n = desk_signin_plan_get_n_rows (plan);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (desk_signin_dialog_get_preview (dialog)), ==, n);
  new_people = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW);
  importable = new_people + desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING) +
               desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
  g_assert_cmpuint (importable, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const DeskSigninRow *row = desk_signin_plan_get_row (plan, i);
      g_autofree char *fate = desk_signin_dialog_dup_fate_text (dialog, i);

      g_assert_nonnull (fate);
      if (row->fate == DESK_SIGNIN_ROW_ERROR)
        g_assert_cmpstr (fate, ==, row->message);
    }
  /* The name column was recognised, and nothing is written yet. */
  g_assert_cmpuint (gtk_drop_down_get_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME)),
                    >, 0);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);

  /* Telling it the names are not in the sheet: core's refusal, and no import. */
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 0);
  g_assert_null (desk_signin_dialog_get_plan (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL) &&
                  count_attended (store, workshop) > 0);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  gtk_drop_down_set_selected (desk_signin_dialog_get_mapping (dialog, DESK_SIGNIN_COLUMN_NAME), 1);
  g_assert_nonnull (desk_signin_dialog_get_plan (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "signin.import", NULL));
  wait_a_moment (20);
  g_assert_finalize_object (dialog);
  g_assert_cmpint (count_attended (store, workshop), ==, importable);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + new_people);

  /* The whole sheet is one step: one win.undo takes every row back, one win.redo
   * imports it again. */
  {
    DeskHistory *history = desk_window_get_history (window);

    g_assert_cmpstr (desk_history_get_undo_label (history), ==, "Imported a sign-in sheet");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    wait_a_moment (20);
    g_assert_cmpint (count_attended (store, workshop), ==, 0);
    g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
    g_assert_false (desk_history_can_undo (history));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
    wait_a_moment (20);
    g_assert_cmpint (count_attended (store, workshop), ==, importable);
    g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + new_people);
    g_assert_false (desk_history_can_redo (history));
  }

  /* The same sheet again: everyone is already on the list. */
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  plan = desk_signin_dialog_get_plan (dialog);
  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW), ==, 0);
  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED), ==, importable);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Headers and values spelled otherwise are still read. */
  dialog = _desk_workshops_page_import_file (page, mixed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (desk_signin_dialog_get_preview (dialog)), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  destroy_window (window);
}

static void
test_people_duplicate (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autoptr(DeskRecord) kwame = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  DeskRecordEditor *editor;
  AdwViewStack *tabs;
  gint64 total;
  g_autofree char *uuid = NULL;
  AdwMessageDialog *confirm;

  desk_record_set_group (kwame, group_uuid);
  desk_record_set_string (kwame, "name", "Kwame Asante");
  desk_record_set_string (kwame, "organisation", "Tarkwa Community Radio");
  desk_record_set_string (kwame, "gender", "man");
  g_assert_true (desk_store_insert (store, kwame, &error));
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = DESK_PEOPLE_PAGE (show_page (window, "people"));
  tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_PEOPLE_PAGE, "view_stack"));
  adw_view_stack_set_visible_child_name (tabs, "people");
  list = _desk_people_page_get_person_list (page);
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

static void
test_breakdown (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_WORKSHOPS_PAGE,
                                                                      "view_stack"));
  DeskBreakdownView *view = _desk_workshops_page_get_period_breakdown (page);
  GtkDropDown *periods = _desk_workshops_page_get_period_dropdown (page);
  guint n_periods = g_list_model_get_n_items (gtk_drop_down_get_model (periods));

  /* The breakdown is counted when its tab is shown, and then follows the period. */
  adw_view_stack_set_visible_child_name (tabs, "breakdown");
  g_assert_cmpuint (n_periods, >=, 3);
  for (guint p = 0; p < n_periods; p++)
    {
      g_autoptr(DeskAttendanceBreakdown) b = NULL;
      g_autoptr(GError) error = NULL;
      const char *from, *to;
      g_autofree char *share = NULL;

      gtk_drop_down_set_selected (periods, p);
      _desk_workshops_page_get_period (page, &from, &to);
      b = desk_attendance_breakdown (store, desk_record_get_uuid (group), NULL, from, to, &error);
      g_assert_no_error (error);

      for (guint i = 0; b->pillars[i] != NULL; i++)
        for (guint j = 0; b->genders[j] != NULL; j++)
          {
            g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     desk_attendance_breakdown_get (b, b->pillars[i], b->genders[j]));

            g_assert_cmpstr (desk_breakdown_view_get_cell_text (view, b->pillars[i], b->genders[j]), ==, text);
          }
      {
        g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, b->attendances);
        g_autofree char *reached = g_strdup_printf ("%" G_GINT64_FORMAT, b->people);
        g_autofree char *repeat = g_strdup_printf ("%" G_GINT64_FORMAT, b->repeat_people);

        g_assert_cmpstr (desk_breakdown_view_get_cell_text (view, NULL, NULL), ==, total);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "attended"), ==, total);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "people"), ==, reached);
        g_assert_cmpstr (desk_breakdown_view_get_figure (view, "repeat"), ==, repeat);
      }
      share = desk_share_format_percent (b->women_attendances, b->attendances);
      if (share[0] != '\0')
        g_assert_nonnull (strstr (desk_breakdown_view_get_figure (view, "women"), share));
      if (p == 0)
        {
          const char *description = desk_breakdown_chart_get_description (DESK_BREAKDOWN_CHART (desk_breakdown_view_get_chart (view)));

          g_assert_cmpint (b->attendances, >, 0);
          g_assert_nonnull (description);
          g_assert_cmpstr (description, !=, "");
        }
    }

  destroy_window (window);
}

static void
test_plenary (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  DeskRecordList *list = _desk_workshops_page_get_plenary_list (page);
  AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_WORKSHOPS_PAGE,
                                                                     "view_stack"));
  gint64 total = desk_store_count (store, DESK_KIND_NOMINATION, group_uuid);
  g_autoptr(DeskRecord) record = NULL;

  adw_view_stack_set_visible_child_name (tabs, "plenary");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==, total);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_NOMINATION, group_uuid), ==, total + 1);
  record = desk_store_get (store, DESK_KIND_NOMINATION, desk_record_list_get_open_uuid (list), NULL);
  g_assert_nonnull (record);
  g_assert_cmpstr (desk_record_get_string (record, "status"), ==, "nominated");
  g_assert_cmpuint (g_list_model_get_n_items (desk_record_list_get_filter_model (list)), ==, total + 1);

  destroy_window (window);
}

/* GTK 4.8 on X11 warns when a dialog takes the focus from an entry before the X server
 * (with no window manager) sends the focus-out; nothing is wrong with the code under
 * test. Every other message goes to GLib's writer, which keeps warnings fatal. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Sign-in import on a worker */

/* The database file and its -wal, digested: equal means byte for byte. */
static char *
database_digest (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *const files[] = { path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (files[i], &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, (gssize) length);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* A database in a file, so that the import runs on a worker with a connection of its
 * own: cancelled, the database is byte for byte as it was and the dialog stays; done, it
 * writes what the in-place import writes (test_signin_import's counts), as one step of
 * the window's history that win.undo takes back. */
static void
test_signin_worker (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("groupdesk-signin-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "group.db", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "signin", "utf8.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskJob) job = NULL;
  g_autofree char *workshop = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;
  DeskSigninDialog *dialog;
  DeskSigninPlan *plan;
  DeskHistory *history;
  const char *undo_label;
  gint64 people_before;
  guint importable, new_people;

  g_assert_no_error (error);
  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  fill = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  group = desk_store_dup_main_group (store);
  workshop = new_empty_workshop (store);
  people_before = desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group));

  window = new_window (store);
  history = desk_window_get_history (window);
  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  dialog = _desk_workshops_page_import_file (page, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_a_moment (20);

  plan = desk_signin_dialog_get_plan (dialog);
  new_people = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW);
  importable = new_people + desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING) +
               desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
  g_assert_cmpuint (new_people, >, 0);
  undo_label = desk_history_get_undo_label (history);

  /* Cancelled. The window's connection holds the write lock meanwhile, so the worker
   * cannot have committed before the cancel, whatever the machine's speed. */
  before = database_digest (db);
  g_assert_true (desk_store_begin (store, &error));
  job = desk_signin_dialog_start_import (dialog);
  g_assert_nonnull (job);
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_is_running (job));
  /* One import at a time. */
  g_assert_null (desk_signin_dialog_start_import (dialog));
  desk_job_cancel (job);
  desk_store_rollback (store);
  g_assert_false (desk_job_wait (job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&job);
  after = database_digest (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, undo_label);
  /* The dialog is still there, to import again. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Done. */
  job = desk_signin_dialog_start_import (dialog);
  g_assert_nonnull (job);
  g_assert_true (desk_job_on_worker (job));
  g_assert_true (desk_job_wait (job, &error));
  g_assert_no_error (error);
  g_clear_object (&job);
  wait_a_moment (20);
  g_assert_finalize_object (dialog);
  g_assert_cmpint (count_attended (store, workshop), ==, importable);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group)), ==,
                   people_before + new_people);

  /* One step of the window's history: win.undo takes it all back. */
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, "Imported a sign-in sheet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (count_attended (store, workshop), ==, 0);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, desk_record_get_uuid (group)), ==,
                   people_before);
  g_assert_cmpstr (desk_history_get_undo_label (history), ==, undo_label);

  destroy_window (window);
  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *name = g_strconcat (db, *suffix, NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
}

/* Enter on a misspelt name checks in the person it is close to, never a new one; Enter
 * on a name nobody is near adds nobody; the "Add new person" row adds and checks in, and
 * one win.undo takes both back. */
static void
test_checkin_misspelt (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, group_uuid, NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskHistory *history = desk_window_get_history (window);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  DeskRecord *known = NULL;
  g_autofree char *misspelt = NULL;
  g_autoptr(DeskRecord) known_entry = NULL;
  g_autoptr(DeskRecord) added = NULL;
  g_autoptr(DeskRecord) best = NULL;
  DeskCheckin *checkin;
  GtkEditable *entry;
  GtkSingleSelection *matches;
  guint n;
  gboolean offered = FALSE;

  /* A demo person of a long name, misspelt by its last letter dropped. */
  for (guint i = 0; i < people->len && known == NULL; i++)
    if (g_utf8_strlen (desk_record_get_string (g_ptr_array_index (people, i), "name"), -1) >= 10)
      known = g_ptr_array_index (people, i);
  g_assert_nonnull (known);
  misspelt = g_strndup (desk_record_get_string (known, "name"),
                        strlen (desk_record_get_string (known, "name")) - 1);

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  wait_a_moment (10);
  checkin = _desk_workshops_page_get_checkin (page);
  entry = _desk_checkin_get_entry (checkin);
  matches = _desk_checkin_get_matches (checkin);

  /* Offered first, selected; the add row last, not selected. */
  gtk_editable_set_text (entry, misspelt);
  n = g_list_model_get_n_items (G_LIST_MODEL (matches));
  g_assert_cmpuint (n, >=, 2);
  {
    g_autoptr(GObject) last = g_list_model_get_item (G_LIST_MODEL (matches), n - 1);

    g_assert_true (_desk_checkin_is_add_row (last));
  }
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (matches), i);

      g_assert_true (DESK_IS_RECORD (row));
      offered |= g_str_equal (desk_record_get_uuid (DESK_RECORD (row)), desk_record_get_uuid (known));
    }
  g_assert_true (offered);
  g_assert_cmpuint (gtk_single_selection_get_selected (matches), ==, 0);
  best = g_object_ref (gtk_single_selection_get_selected_item (matches));

  /* Enter: the best match checked in, nobody added. */
  g_signal_emit_by_name (entry, "activate");
  known_entry = desk_attendance_find (store, workshop, desk_record_get_uuid (best));
  g_assert_nonnull (known_entry);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* A name nobody is near: only the add row, and Enter adds nobody. */
  gtk_editable_set_text (entry, "Zyxwq Vutsrq");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matches)), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (matches), ==, GTK_INVALID_LIST_POSITION);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Zyxwq Vutsrq");
  g_assert_nonnull (strstr (gtk_label_get_label (_desk_checkin_get_status (checkin)), "Zyxwq Vutsrq"));

  /* Chosen explicitly: added and checked in, one step. */
  type_and_add (checkin, "Zyxwq Vutsrq");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before + 1);
  g_assert_cmpint (count_attended (store, workshop), ==, 2);
  added = desk_store_find_person (store, group_uuid, "Zyxwq Vutsrq", NULL);
  g_assert_nonnull (added);
  g_assert_nonnull (strstr (desk_history_get_undo_label (history), "Zyxwq Vutsrq"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  g_assert_false (record_exists (store, DESK_KIND_PERSON, desk_record_get_uuid (added)));
  g_clear_object (&known_entry);
  known_entry = desk_attendance_find (store, workshop, desk_record_get_uuid (best));
  g_assert_nonnull (known_entry);

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
  g_autoptr(DeskRecord) kwame = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) twin = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) moved = NULL;
  g_autoptr(DeskRecord) merged = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  AdwViewStack *tabs;
  AdwMessageDialog *dialog;
  gint64 total;

  desk_record_set_group (kwame, group_uuid);
  desk_record_set_string (kwame, "name", "Kwame Asante-Boateng");
  desk_record_set_string (kwame, "gender", "man");
  g_assert_true (desk_store_insert (store, kwame, &error));
  desk_record_set_group (twin, group_uuid);
  desk_record_set_string (twin, "name", "Kwame Asante-Boatneg");
  desk_record_set_string (twin, "gender", "not_stated");
  desk_record_set_string (twin, "phone", "+233 24 111 2222");
  g_assert_true (desk_store_insert (store, twin, &error));
  g_assert_no_error (error);
  entry = desk_attendance_check_in (store, first, desk_record_get_uuid (kwame), NULL, &error);
  entry2 = desk_attendance_check_in (store, second, desk_record_get_uuid (twin), NULL, &error);
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = DESK_PEOPLE_PAGE (show_page (window, "people"));
  tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_PEOPLE_PAGE, "view_stack"));
  adw_view_stack_set_visible_child_name (tabs, "people");
  list = _desk_people_page_get_person_list (page);
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
  g_autoptr(DeskRecord) ama = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) again = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) moved = NULL;
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window = new_window (store);
  DeskPeoplePage *page;
  DeskRecordList *list;
  AdwViewStack *tabs;
  AdwMessageDialog *dialog;
  GtkSelectionModel *selection;
  GListModel *shown;
  GtkWidget *merge;
  guint ama_at = GTK_INVALID_LIST_POSITION;
  guint again_at = GTK_INVALID_LIST_POSITION;
  guint other;
  gint64 total;

  /* Names no similarity search would pair: only the user's choice brings them together. */
  desk_record_set_group (ama, group_uuid);
  desk_record_set_string (ama, "name", "Ama Serwaa Owusu");
  desk_record_set_string (ama, "gender", "woman");
  g_assert_true (desk_store_insert (store, ama, &error));
  desk_record_set_group (again, group_uuid);
  desk_record_set_string (again, "name", "Mrs A. S. Owusu");
  desk_record_set_string (again, "gender", "woman");
  desk_record_set_string (again, "email", "ama.owusu@example.org");
  g_assert_true (desk_store_insert (store, again, &error));
  g_assert_no_error (error);
  entry = desk_attendance_check_in (store, first, desk_record_get_uuid (ama), NULL, &error);
  entry2 = desk_attendance_check_in (store, second, desk_record_get_uuid (again), NULL, &error);
  g_assert_no_error (error);
  total = desk_store_count (store, DESK_KIND_PERSON, group_uuid);

  page = DESK_PEOPLE_PAGE (show_page (window, "people"));
  tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_PEOPLE_PAGE, "view_stack"));
  adw_view_stack_set_visible_child_name (tabs, "people");
  wait_a_moment (20);
  list = _desk_people_page_get_person_list (page);
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

  g_test_add_func ("/gui/workshops/list", test_workshop_list);
  g_test_add_func ("/gui/workshops/checkin-keyboard", test_checkin_keyboard);
  g_test_add_func ("/gui/workshops/checkin-new-undo", test_checkin_new_undo);
  g_test_add_func ("/gui/workshops/checkin-pick", test_checkin_pick);
  g_test_add_func ("/gui/workshops/checkin-choice-cell", test_checkin_choice_cell);
  g_test_add_func ("/gui/workshops/checkin-names", test_checkin_names);
  g_test_add_func ("/gui/workshops/attended-column", test_attended_column);
  g_test_add_func ("/gui/workshops/upcoming-column", test_upcoming_column);
  g_test_add_func ("/gui/workshops/signin-import", test_signin_import);
  g_test_add_func ("/gui/workshops/signin-two-columns", test_signin_two_columns);
  g_test_add_func ("/gui/workshops/breakdown", test_breakdown);
  g_test_add_func ("/gui/workshops/plenary", test_plenary);
  g_test_add_func ("/gui/people/duplicate", test_people_duplicate);
  g_test_add_func ("/gui/workshops/signin-worker", test_signin_worker);
  g_test_add_func ("/gui/workshops/checkin-misspelt", test_checkin_misspelt);
  g_test_add_func ("/gui/people/merge", test_people_merge);
  g_test_add_func ("/gui/people/merge-selected", test_people_merge_selected);

  return g_test_run ();
}
