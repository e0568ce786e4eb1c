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

/* The floor GTK 4.8 itself sets for a list: a bare GtkColumnView in a window of the same
 * size, over the same number of rows and columns, one GtkInscription per cell with its
 * text computed beforehand, filtered by a GtkStringFilter over keys folded beforehand (a
 * property of the row), under a search entry. The keystroke goes into that entry, as it
 * does in ours: a change of an entry's text costs GTK a new layout of the window, and a
 * floor without it would paint in a tenth of the time no list with a search can. Whatever
 * our lists take beyond it is ours to remove. */

#define BENCH_TYPE_ROW (bench_row_get_type ())
G_DECLARE_FINAL_TYPE (BenchRow, bench_row, BENCH, ROW, GObject)

struct _BenchRow
{
  GObject parent_instance;

  char *key;
  GStrv texts;   /* one a column */
};

G_DEFINE_FINAL_TYPE (BenchRow, bench_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_KEY,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
bench_row_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BenchRow *self = BENCH_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_row_finalize (GObject *object)
{
  BenchRow *self = BENCH_ROW (object);

  g_free (self->key);
  g_strfreev (self->texts);

  G_OBJECT_CLASS (bench_row_parent_class)->finalize (object);
}

static void
bench_row_class_init (BenchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bench_row_get_property;
  object_class->finalize = bench_row_finalize;
  row_properties[ROW_PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
bench_row_init (BenchRow *self)
{
}

typedef struct
{
  GtkWidget *window;
  GListStore *rows;              /* BenchRow */
  guint n_columns;
  GtkStringFilter *filter;       /* of the view shown, or NULL */
  GtkFilterListModel *filtered;
  GtkEditable *entry;            /* its search */
} Floor;

/* The rows of the floor: the same keys as @records, and in each cell a text of the
 * record (its fields in turn), so that cells hold text of the same length as ours. */
static void
floor_set_rows (Floor      *floor,
                GListModel *records,
                guint       n_columns)
{
  guint n = g_list_model_get_n_items (records);

  g_clear_object (&floor->rows);
  floor->rows = g_list_store_new (BENCH_TYPE_ROW);
  floor->n_columns = n_columns;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (records, i);
      BenchRow *row = g_object_new (BENCH_TYPE_ROW, NULL);
      g_auto(GStrv) fields = g_strsplit (desk_record_get_search_key (record), "\n", -1);
      guint n_fields = MAX (1, g_strv_length (fields));

      row->key = g_strdup (desk_record_get_search_key (record));
      row->texts = g_new0 (char *, n_columns + 1);
      for (guint c = 0; c < n_columns; c++)
        row->texts[c] = g_strdup (fields[0] != NULL ? fields[c % n_fields] : "");
      g_list_store_append (floor->rows, row);
      g_object_unref (row);
    }
}

static void
floor_cell_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_inscription_new (NULL));
}

static void
floor_cell_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  column)
{
  BenchRow *row = gtk_list_item_get_item (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            row->texts[GPOINTER_TO_UINT (column)]);
}

static void
floor_search_changed_cb (GtkEditable     *entry,
                         GParamSpec      *pspec,
                         GtkStringFilter *filter)
{
  g_autofree char *folded = desk_text_fold_search (gtk_editable_get_text (entry));

  gtk_string_filter_set_search (filter, folded[0] != '\0' ? folded : NULL);
}

/* A bare column view over the floor's rows, filtered, in a scrolled window under its
 * search entry. */
static GtkWidget *
floor_view_new (Floor *floor)
{
  GtkExpression *key = gtk_property_expression_new (BENCH_TYPE_ROW, NULL, "key");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkColumnView *view;

  floor->filter = gtk_string_filter_new (key);
  /* The keys are folded already, and so is the search. */
  gtk_string_filter_set_ignore_case (floor->filter, FALSE);
  gtk_string_filter_set_match_mode (floor->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  floor->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (floor->rows)),
                                               GTK_FILTER (floor->filter));
  view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (floor->filtered)))));
  for (guint c = 0; c < floor->n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (floor_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (floor_cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new ("Column", factory);
      gtk_column_view_column_set_expand (column, c == 0);
      gtk_column_view_append_column (view, column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  floor->entry = GTK_EDITABLE (gtk_search_entry_new ());
  g_signal_connect (floor->entry, "notify::text", G_CALLBACK (floor_search_changed_cb), floor->filter);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (floor->entry));
  gtk_box_append (GTK_BOX (box), scrolled);

  return box;
}

static void
floor_init (Floor *floor)
{
  floor->window = gtk_window_new ();
  present_and_wait_first_frame (GTK_WINDOW (floor->window));
}

static void
floor_clear (Floor *floor)
{
  destroy_window (GTK_WINDOW (floor->window));
  g_clear_object (&floor->rows);
}

/* The floor's first show of its rows, measured as window_page() measures ours: from
 * building the view to the second frame painted. The median of @runs. */
static double
floor_first_show (Floor *floor,
                  guint  runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < runs; run++)
    {
      gint64 start;
      double ms;

      gtk_window_set_child (GTK_WINDOW (floor->window), NULL);
      floor->filter = NULL;
      floor->filtered = NULL;
      floor->entry = NULL;
      wait_next_frame (floor->window);
      start = g_get_monotonic_time ();
      gtk_window_set_child (GTK_WINDOW (floor->window), floor_view_new (floor));
      wait_next_frame (floor->window);
      wait_next_frame (floor->window);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return median (times);
}

/* The column view inside @widget, or NULL. */
static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_COLUMN_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *view = find_column_view (child);

      if (view != NULL)
        return view;
    }

  return NULL;
}

static guint
count_visible_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        visible++;
    }

  return visible;
}

/* A page's first show, @ours_ms, against the floor's first show of the same rows and
 * columns as @list; leaves the floor's rows those of @list. */
static void
report_first_show (const char     *what,
                   double          ours_ms,
                   Floor          *floor,
                   DeskRecordList *list,
                   guint           runs)
{
  GtkColumnView *view = find_column_view (GTK_WIDGET (list));
  char label[96];

  floor_set_rows (floor, G_LIST_MODEL (desk_record_list_get_model (list)), count_visible_columns (view));
  g_snprintf (label, sizeof label, "%s, first shown", what);
  report (label, ours_ms, floor_first_show (floor, runs), "bare column view, first shown", 1.5);
}

/* Typing @query into the search of @list, a character at a time: from each change of the
 * text to the filtered model settled (the filter is not incremental: set_text returns
 * with it done) and to the next frame painted; the same for the floor (whose rows must be
 * @list's, see report_first_show), typed into its string filter. A second reference
 * filters the same search keys with strstr in a plain loop: the work without GTK. */
static void
bench_typing (const char     *what,
              GtkWidget      *window,
              DeskRecordList *list,
              Floor          *floor,
              const char     *query,
              guint           runs)
{
  g_autoptr(GArray) filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_frame_times = g_array_new (FALSE, FALSE, sizeof (double));
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
  if (floor->filter == NULL)
    gtk_window_set_child (GTK_WINDOW (floor->window), floor_view_new (floor));
  wait_next_frame (floor->window);

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
          gtk_editable_set_text (floor->entry, prefix);
          filtered = g_get_monotonic_time ();
          wait_next_frame (floor->window);
          painted = g_get_monotonic_time ();
          ms = (filtered - start) / 1000.0;
          g_array_append_val (floor_filter_times, ms);
          ms = (painted - start) / 1000.0;
          g_array_append_val (floor_frame_times, ms);

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
      gtk_editable_set_text (floor->entry, "");
      wait_next_frame (floor->window);
    }

  g_print ("%s: %u records, %u columns, typing “%s” (%u shown at the end)\n", what, n,
           floor->n_columns, query, shown);
  g_snprintf (label, sizeof label, "  keystroke → filtered");
  report (label, median (filter_times), median (floor_filter_times), "bare column view, filtered", 1.5);
  report (label, median (filter_times), median (reference), "strstr over the same keys", 20.0);
  g_snprintf (label, sizeof label, "  keystroke → filtered and painted");
  report (label, median (frame_times), median (floor_frame_times), "bare column view, painted", 1.5);
}

void
bench_search (const char *db_path,
              guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db_path, &error);
  Floor floor = { NULL };
  GtkWidget *window;
  GtkWidget *page;
  DeskRecordList *list;
  gint64 start;
  double ms;

  g_assert_no_error (error);
  floor_init (&floor);
  window = g_object_new (DESK_TYPE_WINDOW, "store", store, NULL);
  present_and_wait_first_frame (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  page = window_page (window, "workplan");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  list = _desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page));
  report_first_show ("Workplan page (2,000 activities)", ms, &floor, list, MAX (3, runs));
  bench_typing ("Workplan page", window, list, &floor, "training tarkwa", runs);

  start = g_get_monotonic_time ();
  page = window_page (window, "deliverables");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  list = _desk_deliverables_page_get_list (DESK_DELIVERABLES_PAGE (page));
  report_first_show ("Deliverables page (6,000)", ms, &floor, list, MAX (3, runs));
  bench_typing ("Deliverables page", window, list, &floor, "deliverable 17", runs);

  destroy_window (GTK_WINDOW (window));
  floor_clear (&floor);
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
  Floor floor = { NULL };
  char what[96];
  gint64 start;
  double ms;

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

  floor_init (&floor);
  window = g_object_new (DESK_TYPE_WINDOW, "store", store, NULL);
  present_and_wait_first_frame (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  page = window_page (window, "people");
  tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (page, DESK_TYPE_PEOPLE_PAGE, "view_stack"));
  adw_view_stack_set_visible_child_name (tabs, "people");
  wait_next_frame (window);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  list = _desk_people_page_get_person_list (DESK_PEOPLE_PAGE (page));
  g_snprintf (what, sizeof what, "People page (%u people)", people->len);
  report_first_show (what, ms, &floor, list, runs);
  bench_typing ("People tab", window, list, &floor, "ama mensah", MAX (1, runs / 2));

  start = g_get_monotonic_time ();
  page = window_page (window, "workshops");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  list = _desk_workshops_page_get_list (DESK_WORKSHOPS_PAGE (page));
  report_first_show ("Workshops page", ms, &floor, list, runs);

  for (guint run = 0; run < runs; run++)
    {
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

  /* The check-in view's floor: a bare column view of its 500 rows and its columns
   * (name, organisation, role, status), first shown as the view is: one frame. */
  {
    g_autoptr(GPtrArray) attendances = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                              desk_record_get_uuid (workshop), NULL);
    g_autoptr(GListStore) rows = g_list_store_new (DESK_TYPE_RECORD);
    g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; attendances != NULL && i < attendances->len; i++)
      g_list_store_append (rows, g_ptr_array_index (attendances, i));
    floor_set_rows (&floor, G_LIST_MODEL (rows), 4);
    for (guint run = 0; run < runs; run++)
      {
        gtk_window_set_child (GTK_WINDOW (floor.window), NULL);
        wait_next_frame (floor.window);
        start = g_get_monotonic_time ();
        gtk_window_set_child (GTK_WINDOW (floor.window), floor_view_new (&floor));
        wait_next_frame (floor.window);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (floor_times, ms);
      }
    g_snprintf (what, sizeof what, "Workshop of %u attendees → check-in view",
                attendances != NULL ? attendances->len : 0);
    report (what, median (checkin_times), median (floor_times), "bare column view, first shown", 1.5);
    /* The median is of later opens; the first is the one that used to read the group's
     * people before its frame. */
    if (checkin_times->len > 0)
      g_print ("  the first open, on a view that had shown no workshop of the group: %.1f ms\n",
               g_array_index (checkin_times, double, 0));
  }

  destroy_window (GTK_WINDOW (window));
  floor_clear (&floor);
  g_clear_object (&store);
  g_remove (copy_path);
}
