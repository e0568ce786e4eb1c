/* test-checkin.c — check-in at a workshop, driven through its search entry alone (text, then Enter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-workshops-common.h"

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

/* A badge's code, as a scanner types it: its person checked in at once; a code of
 * nobody in the group offers nothing, and Enter on it adds nobody and says so. */
static void
test_checkin_code (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  const char *group_uuid = desk_record_get_uuid (group);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, group_uuid, NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  DeskWindow *window = new_window (store);
  DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  gint64 people_before = desk_store_count (store, DESK_KIND_PERSON, group_uuid);
  DeskRecord *person = g_ptr_array_index (people, people->len / 2);
  g_autofree char *code = desk_person_code (desk_record_get_uuid (person));
  g_autofree char *nobody = NULL;
  g_autoptr(DeskRecord) entry_record = NULL;
  DeskCheckin *checkin;
  GtkEditable *entry;
  GtkSingleSelection *matches;
  const char *status;

  /* A code no person of the group has: the first eight digits of no one's UUID. */
  for (guint n = 0; nobody == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("P-%08X", n);
      g_autoptr(DeskRecord) found = desk_people_find_by_code (store, group_uuid, candidate, NULL);

      if (found == NULL)
        nobody = g_steal_pointer (&candidate);
    }

  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  wait_a_moment (10);
  checkin = _desk_workshops_page_get_checkin (page);
  entry = _desk_checkin_get_entry (checkin);
  matches = _desk_checkin_get_matches (checkin);

  /* The code, as a scanner types it: the one person, selected, no add row. */
  gtk_editable_set_text (entry, code);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matches)), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (matches), ==, 0);
  g_assert_cmpstr (desk_record_get_uuid (gtk_single_selection_get_selected_item (matches)), ==,
                   desk_record_get_uuid (person));
  g_signal_emit_by_name (entry, "activate");
  entry_record = desk_attendance_find (store, workshop, desk_record_get_uuid (person));
  g_assert_nonnull (entry_record);
  g_assert_cmpstr (desk_record_get_string (entry_record, "status"), ==, "attended");
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* A code of nobody: nothing offered, nothing added, a message that names the code. */
  gtk_editable_set_text (entry, nobody);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matches)), ==, 0);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group_uuid), ==, people_before);
  g_assert_cmpint (count_attended (store, workshop), ==, 1);
  status = gtk_label_get_label (_desk_checkin_get_status (checkin));
  g_assert_nonnull (strstr (status, nobody));
  g_assert_nonnull (strstr (status, "badge code"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_desk_checkin_get_status (checkin)), "error"));

  destroy_window (window);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* What the check-in's clipboard holds, read the way a paste reads it. */
static char *
read_clipboard (DeskCheckin *checkin)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (checkin)), NULL,
                                 clipboard_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);

  return text;
}

/* Invited people who have not confirmed are counted and can be shown alone; Copy E-mail
 * Addresses puts the selected people's addresses on the clipboard, comma-separated,
 * skipping those without one. */
static void
test_checkin_invited (void)
{
  g_autoptr(DeskStore) store = new_store ();
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON,
                                                 desk_record_get_uuid (group), NULL);
  g_autofree char *workshop = new_empty_workshop (store);
  const char *emails[] = { "first@example.org", "", "third@example.org" };
  const char *uuids[4] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *pasted = NULL;
  DeskWindow *window;
  DeskWorkshopsPage *page;
  DeskCheckin *checkin;
  GtkSelectionModel *shown;
  GtkLabel *invited_label;
  GtkWidget *invited_button;
  GString *expected = g_string_new (NULL);

  g_assert_cmpuint (people->len, >=, 4);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DeskRecord) person = desk_record_copy (g_ptr_array_index (people, i));

      desk_record_set_string (person, "email", emails[i]);
      g_assert_true (desk_store_update (store, person, &error));
      g_assert_no_error (error);
      uuids[i] = desk_record_get_uuid (g_ptr_array_index (people, i));
    }
  window = new_window (store);
  g_assert_true (desk_attendance_invite (store, desk_window_get_history (window), workshop, uuids,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (desk_attendance_confirm (store, NULL, workshop, uuids[2], &error));
  g_assert_no_error (error);

  page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
  desk_page_open_record (DESK_PAGE (page), "workshop", workshop);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL));
  wait_a_moment (10);
  checkin = _desk_workshops_page_get_checkin (page);
  shown = _desk_checkin_get_selection (checkin);
  invited_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (checkin), DESK_TYPE_CHECKIN,
                                                            "invited_label"));
  invited_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (checkin), DESK_TYPE_CHECKIN,
                                                              "invited_button"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_label (invited_label), "2 invited"));
  g_assert_true (gtk_widget_get_visible (invited_button));

  /* Everyone selected: the two addresses, in the list's order; the one without skipped. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DeskRecord) entry = g_list_model_get_item (G_LIST_MODEL (shown), i);
      const char *person = desk_record_get_string (entry, "person_uuid");

      for (guint j = 0; j < 3; j++)
        if (g_str_equal (person, uuids[j]) && emails[j][0] != '\0')
          g_string_append_printf (expected, "%s%s", expected->len > 0 ? ", " : "", emails[j]);
    }
  all = g_string_free (expected, FALSE);
  gtk_selection_model_select_all (shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.copy-emails", NULL));
  g_assert_cmpstr (_desk_checkin_get_invited_text (checkin), ==, all);
  pasted = read_clipboard (checkin);
  g_assert_cmpstr (pasted, ==, all);

  /* Only those not confirmed: the invited two; of them only the first has an address. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (invited_button), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 2);
  gtk_selection_model_select_all (shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.copy-emails", NULL));
  g_assert_cmpstr (_desk_checkin_get_invited_text (checkin), ==, "first@example.org");

  /* Nobody selected: nothing copied. */
  gtk_selection_model_unselect_all (shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.copy-emails", NULL));
  g_assert_cmpstr (_desk_checkin_get_invited_text (checkin), ==, "first@example.org");

  /* Checked in without confirming: attended, and no longer counted as invited. */
  {
    g_autoptr(DeskRecord) entry = desk_attendance_check_in (store, workshop, uuids[1], NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (desk_record_get_string (entry, "status"), ==, "attended");
  }
  wait_a_moment (10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_label (invited_label), "1 invited"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (invited_button), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 3);

  /* Invite from the check-in: the person picked for the typed name goes on the list as
   * invited; again, and they are on it already. */
  {
    DeskRecord *fourth = g_ptr_array_index (people, 3);
    g_autofree char *status = NULL;
    g_autoptr(DeskRecord) entry = NULL;

    gtk_editable_set_text (_desk_checkin_get_entry (checkin), desk_record_get_string (fourth, "name"));
    wait_a_moment (10);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.invite", NULL));
    entry = desk_attendance_find (store, workshop, desk_record_get_uuid (fourth));
    g_assert_nonnull (entry);
    g_assert_cmpstr (desk_record_get_string (entry, "status"), ==, "invited");
    g_assert_cmpstr (gtk_editable_get_text (_desk_checkin_get_entry (checkin)), ==, "");
    wait_a_moment (10);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 4);
    g_assert_nonnull (strstr (gtk_label_get_label (invited_label), "2 invited"));

    gtk_editable_set_text (_desk_checkin_get_entry (checkin), desk_record_get_string (fourth, "name"));
    wait_a_moment (10);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.invite", NULL));
    g_assert_nonnull (strstr (gtk_label_get_label (_desk_checkin_get_status (checkin)),
                             "on the list already"));
    gtk_editable_set_text (_desk_checkin_get_entry (checkin), "");
  }

  /* Delete takes everyone selected off the list; one Undo puts them all back. */
  gtk_selection_model_select_all (shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checkin), "checkin.remove", NULL));
  wait_a_moment (10);
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_a_moment (10);
  g_assert_cmpuint (g_list_model_get_n_items (_desk_checkin_get_attendees (checkin)), ==, 4);

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

  g_test_add_func ("/gui/workshops/checkin-keyboard", test_checkin_keyboard);
  g_test_add_func ("/gui/workshops/checkin-new-undo", test_checkin_new_undo);
  g_test_add_func ("/gui/workshops/checkin-pick", test_checkin_pick);
  g_test_add_func ("/gui/workshops/checkin-choice-cell", test_checkin_choice_cell);
  g_test_add_func ("/gui/workshops/checkin-names", test_checkin_names);
  g_test_add_func ("/gui/workshops/checkin-misspelt", test_checkin_misspelt);
  g_test_add_func ("/gui/workshops/checkin-code", test_checkin_code);
  g_test_add_func ("/gui/workshops/checkin-invited", test_checkin_invited);

  return g_test_run ();
}
