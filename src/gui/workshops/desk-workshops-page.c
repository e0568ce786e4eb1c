/* desk-workshops-page.c
 *
 * The group's workshops, training and outreach events: a list with the editor beside it,
 * and in the editor's pane the workshop's attendance counted by pillar and gender, with
 * the ways to fill its list — check-in from the keyboard (a view of its own over the
 * page) and the import of a sign-in sheet. Two more views: the attendance breakdown of a
 * period, and the group's nominees to the Annual Plenary. Read on first show only.
 *
 * The attended/planned column keeps a count per workshop, read from the workshop's
 * attendance the first time its row is shown (or the column sorted), and then moved by
 * each change, so that a check-in costs one lookup and not a recount of every list. Reading
 * all the group's attendance for the first show was most of it on a large group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workshops-page"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "desk-workshops-page.h"
#include "desk-a11y.h"
#include "desk-workshops-page-private.h"

#include "desk-breakdown-view.h"
#include "desk-cells.h"
#include "desk-checkin.h"
#include "desk-names-locked.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"
#include "desk-file-chooser.h"
#include "desk-paperwork-save.h"
#include "desk-signin-dialog.h"

typedef struct
{
  char *label;
  char *from;
  char *to;
} Period;

struct _DeskWorkshopsPage
{
  DeskPage parent_instance;

  char *group_uuid;
  DeskRecordModel *workshops;
  DeskRecordModel *activities;
  DeskRecordModel *nominations;
  GHashTable *attended;          /* attendance uuid → workshop uuid, for those attended */
  GHashTable *counts;            /* workshop uuid → attended count */
  GHashTable *count_cells;       /* bound cells of the attended column (set) */
  gulong changed_id;
  guint period_idle;
  gboolean period_stale;         /* the period's breakdown waits for its tab */

  DeskRecordEditor *editor;
  DeskBreakdownView *workshop_breakdown;
  DeskRecordEditor *plenary_editor;
  DeskBreakdownView *period_breakdown;
  GtkDropDown *period_dropdown;
  GPtrArray *periods;            /* Period */
  DeskCheckin *checkin;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkStack *mode_stack;
  GtkBox *toolbar;
  AdwViewStack *view_stack;
  AdwBin *list_bin;
  GtkBox *breakdown_box;
  GtkLabel *period_label;
  AdwBin *period_bin;
  AdwBin *plenary_bin;
  AdwBin *checkin_bin;
  DeskRecordList *workshop_list;
  DeskRecordList *plenary_list;
};

G_DEFINE_FINAL_TYPE (DeskWorkshopsPage, desk_workshops_page, DESK_TYPE_PAGE)

static const char * const layout_main[] = { "title", "activity_uuid", "format", NULL };
static const char * const layout_when[] = { "start_date", "end_date", "town", "region", NULL };
static const char * const layout_people[] = { "languages", "facilitators", "planned_participants",
                                              "actual_participants", NULL };
static const char * const layout_notes[] = { "notes", NULL };
static const char * const plenary_layout[] = { "year", "person_uuid", "member_uuid", "status",
                                               "budget_line_uuid", "notes", NULL };

static void workshop_open_cb (DeskWorkshopsPage *self,
                              const char        *uuid);
static void workshop_new_cb  (DeskWorkshopsPage *self);
static void plenary_open_cb  (DeskWorkshopsPage *self,
                              const char        *uuid);
static void plenary_new_cb   (DeskWorkshopsPage *self);

/* Helpers */

static void
period_free (Period *period)
{
  g_free (period->label);
  g_free (period->from);
  g_free (period->to);
  g_free (period);
}

/* Moves the count of @attendance's workshop by @delta, when that count has been read. */
static void
count_attendance (DeskWorkshopsPage *self,
                  DeskRecord        *attendance,
                  int                delta)
{
  const char *workshop = desk_record_get_string (attendance, "workshop_uuid");
  gpointer count;

  if (g_hash_table_lookup_extended (self->counts, workshop, NULL, &count))
    g_hash_table_insert (self->counts, g_strdup (workshop), GINT_TO_POINTER (GPOINTER_TO_INT (count) + delta));
}

/* How many attended @workshop: read once from its attendance, then kept up to date by
 * store_changed_cb(). A change to a workshop not read yet needs nothing: it is read as it
 * is then. */
static int
ensure_count (DeskWorkshopsPage *self,
              const char        *workshop)
{
  g_autoptr(GPtrArray) records = NULL;
  gpointer count;
  int attended = 0;

  if (g_hash_table_lookup_extended (self->counts, workshop, NULL, &count))
    return GPOINTER_TO_INT (count);

  records = desk_store_list_by (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ATTENDANCE, "workshop_uuid",
                                workshop, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (desk_record_get_string (record, "status"), "attended") != 0)
        continue;
      g_hash_table_insert (self->attended, g_strdup (desk_record_get_uuid (record)), g_strdup (workshop));
      attended++;
    }
  g_hash_table_insert (self->counts, g_strdup (workshop), GINT_TO_POINTER (attended));

  return attended;
}

static char *
dup_count_text (DeskWorkshopsPage *self,
                DeskRecord        *workshop)
{
  int count = ensure_count (self, desk_record_get_uuid (workshop));
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));

  /* Not held yet: no count to show, whatever was planned. Someone checked in early still
   * shows as counted. */
  if (count == 0 && desk_workshop_is_upcoming (workshop, today))
    /* Translators: in the Attended column, a workshop that has not taken place yet. */
    return g_strdup (C_("workshop", "Upcoming"));

  if (desk_record_is_set (workshop, "planned_participants"))
    /* Translators: people who attended a workshop out of those planned: “23 / 40”. */
    return g_strdup_printf (C_("attended of planned", "%d / %lld"), count,
                            (long long) desk_record_get_int (workshop, "planned_participants"));

  return g_strdup_printf ("%d", count);
}

static void
update_workshop_breakdown (DeskWorkshopsPage *self)
{
  const char *uuid = desk_record_list_get_open_uuid (self->workshop_list);
  g_autoptr(GError) error = NULL;

  if (uuid == NULL)
    return;
  if (!desk_breakdown_view_update (self->workshop_breakdown, desk_page_get_store (DESK_PAGE (self)), self->group_uuid, uuid,
                                   NULL, NULL, &error))
    g_warning ("Could not count the workshop’s attendance: %s", error->message);
}

static void
compute_period_breakdown (DeskWorkshopsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  Period *period;
  g_autoptr(GError) error = NULL;

  self->period_stale = FALSE;
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->periods->len)
    return;

  period = g_ptr_array_index (self->periods, selected);
  if (!desk_breakdown_view_update (self->period_breakdown, desk_page_get_store (DESK_PAGE (self)), self->group_uuid, NULL,
                                   period->from, period->to, &error))
    g_warning ("Could not count the period’s attendance: %s", error->message);
}

/* Counting a period's attendance reads every attendance of the group: done when its tab
 * is shown, not for a first look at the list of workshops. */
static void
update_period_breakdown (DeskWorkshopsPage *self)
{
  g_clear_handle_id (&self->period_idle, g_source_remove);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "breakdown") != 0)
    {
      self->period_stale = TRUE;
      return;
    }

  compute_period_breakdown (self);
}

static void
tab_shown_cb (DeskWorkshopsPage *self)
{
  if (self->period_stale && self->period_dropdown != NULL)
    update_period_breakdown (self);
}

static gboolean
period_idle_cb (gpointer user_data)
{
  DeskWorkshopsPage *self = user_data;

  self->period_idle = 0;
  update_period_breakdown (self);
  if (self->workshop_list != NULL)
    update_workshop_breakdown (self);

  return G_SOURCE_REMOVE;
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

/* The periods offered: all time, the last twelve months, then each year with workshops. */
static void
make_periods (DeskWorkshopsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = desk_store_dup_now (desk_page_get_store (DESK_PAGE (self)));
  g_autoptr(GDateTime) year_ago = g_date_time_add_years (now, -1);
  GHashTable *years = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GList) keys = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workshops));
  Period *period;

  self->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);

  period = g_new0 (Period, 1);
  period->label = g_strdup (_("All Time"));
  g_ptr_array_add (self->periods, period);

  period = g_new0 (Period, 1);
  period->label = g_strdup (_("Last 12 Months"));
  period->from = g_date_time_format (year_ago, "%Y-%m-%d");
  period->to = g_date_time_format (now, "%Y-%m-%d");
  g_ptr_array_add (self->periods, period);

  g_hash_table_add (years, GINT_TO_POINTER (g_date_time_get_year (now)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) workshop = g_list_model_get_item (G_LIST_MODEL (self->workshops), i);
      const char *start = desk_record_get_string (workshop, "start_date");

      if (start != NULL && strlen (start) >= 4)
        g_hash_table_add (years, GINT_TO_POINTER ((int) g_ascii_strtoll (start, NULL, 10)));
    }
  keys = g_hash_table_get_keys (years);
  keys = g_list_sort (keys, compare_years);
  for (GList *l = g_list_last (keys); l != NULL; l = l->prev)
    {
      int year = GPOINTER_TO_INT (l->data);

      period = g_new0 (Period, 1);
      period->label = g_strdup_printf ("%d", year);
      period->from = g_strdup_printf ("%04d-01-01", year);
      period->to = g_strdup_printf ("%04d-12-31", year);
      g_ptr_array_add (self->periods, period);
    }
  g_hash_table_unref (years);

  for (guint i = 0; i < self->periods->len; i++)
    gtk_string_list_append (labels, ((Period *) g_ptr_array_index (self->periods, i))->label);

  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_label_set_mnemonic_widget (self->period_label, GTK_WIDGET (self->period_dropdown));
  adw_bin_set_child (self->period_bin, GTK_WIDGET (self->period_dropdown));
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (update_period_breakdown), self);
}

/* Cells */

static void
count_cell_destroyed_cb (gpointer  data,
                         GObject  *where)
{
  DeskWorkshopsPage *self = data;

  if (self->count_cells != NULL)
    g_hash_table_remove (self->count_cells, where);
}

static GtkWidget *
setup_count (gpointer user_data)
{
  DeskWorkshopsPage *self = user_data;
  /* “123 / 150” */
  GtkWidget *cell = desk_cell_figure_new (9);

  g_hash_table_add (self->count_cells, cell);
  g_object_weak_ref (G_OBJECT (cell), count_cell_destroyed_cb, self);

  return cell;
}

static void
bind_count (GtkWidget  *cell,
            DeskRecord *record,
            gpointer    user_data)
{
  DeskWorkshopsPage *self = user_data;
  g_autofree char *text = dup_count_text (self, record);

  g_object_set_data_full (G_OBJECT (cell), "record", g_object_ref (record), g_object_unref);
  desk_cell_set_text (cell, text);
}

static int
compare_count (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DeskWorkshopsPage *self = user_data;
  int x = ensure_count (self, desk_record_get_uuid ((DeskRecord *) a));
  int y = ensure_count (self, desk_record_get_uuid ((DeskRecord *) b));

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
refresh_count_cells (DeskWorkshopsPage *self,
                     const char        *workshop_uuid)
{
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, self->count_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      DeskRecord *record = g_object_get_data (cell, "record");

      if (record != NULL && g_strcmp0 (desk_record_get_uuid (record), workshop_uuid) == 0)
        {
          g_autofree char *text = dup_count_text (self, record);

          desk_cell_set_text (cell, text);
        }
    }
}

/* Store */

static void
store_changed_cb (DeskStore         *store,
                  const char        *kind,
                  const char        *uuid,
                  DeskWorkshopsPage *self)
{
  if (g_str_equal (kind, "attendance"))
    {
      g_autoptr(DeskRecord) fresh = desk_store_get (store, DESK_KIND_ATTENDANCE, uuid, NULL);
      g_autofree char *old_workshop = NULL;
      gpointer old = NULL;

      if (g_hash_table_steal_extended (self->attended, uuid, NULL, &old))
        {
          old_workshop = old;
          g_hash_table_insert (self->counts, g_strdup (old_workshop),
                               GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (self->counts, old_workshop)) - 1));
          refresh_count_cells (self, old_workshop);
        }
      /* Only for a workshop whose count was read: any other is read as it is, later. */
      if (fresh != NULL && g_strcmp0 (desk_record_get_string (fresh, "status"), "attended") == 0 &&
          g_hash_table_contains (self->counts, desk_record_get_string (fresh, "workshop_uuid")))
        {
          g_hash_table_insert (self->attended, g_strdup (uuid),
                               g_strdup (desk_record_get_string (fresh, "workshop_uuid")));
          count_attendance (self, fresh, 1);
          refresh_count_cells (self, desk_record_get_string (fresh, "workshop_uuid"));
        }
    }

  if (g_str_equal (kind, "attendance") || g_str_equal (kind, "person") ||
      g_str_equal (kind, "workshop") || g_str_equal (kind, "member"))
    {
      if (self->period_idle == 0)
        self->period_idle = g_idle_add_full (G_PRIORITY_DEFAULT, period_idle_cb, self, NULL);
    }
}

/* Building */

static void
make_workshop_list (DeskWorkshopsPage *self)
{
  GtkColumnViewColumn *column;
  GtkWidget *pane;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *heading;

  self->workshop_list = desk_record_list_new_in (self->list_bin, G_CALLBACK (workshop_open_cb),
                                                 G_CALLBACK (workshop_new_cb), self);
  desk_record_list_add_field_column (self->workshop_list, DESK_KIND_WORKSHOP, "start_date",
                                     C_("column", "Date"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_add_field_column (self->workshop_list, DESK_KIND_WORKSHOP, "title",
                                     C_("column", "Workshop"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->workshop_list, DESK_KIND_WORKSHOP, "town",
                                              C_("column", "Town"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_field_column (self->workshop_list, DESK_KIND_WORKSHOP, "format",
                                              C_("column", "Format"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_column (self->workshop_list, C_("column", "Attended"), setup_count,
                                        bind_count, compare_count, self, FALSE);
  desk_cell_header_align_end (column);
  desk_record_list_set_new_tooltip (self->workshop_list, _("New Workshop (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->workshop_list)), _("Search workshops"));
  desk_record_list_set_empty_text (self->workshop_list, "x-office-presentation-symbolic",
                                   _("No Workshops"),
                                   _("Record each workshop, training and outreach event with Ctrl+N, "
                                     "or change the search."));

  /* The pane: the ways to fill the list, the editor, then who came. */
  pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  button = gtk_button_new_with_mnemonic (_("_Check In…"));
  gtk_widget_set_tooltip_text (button, _("Fill this workshop’s list from the keyboard (Ctrl+I)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workshops.checkin");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Import Sign-in Sheet…"));
  gtk_widget_set_tooltip_text (button, _("Add the people of a sign-in sheet (CSV or text) to this workshop’s list"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workshops.import-signin");
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (pane), buttons);

  self->editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_WORKSHOP));
  desk_record_editor_add_group (self->editor, NULL, layout_main);
  desk_record_editor_add_group (self->editor, _("When and Where"), layout_when);
  desk_record_editor_add_group (self->editor, _("Participants"), layout_people);
  desk_record_editor_add_group (self->editor, NULL, layout_notes);
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (self->editor));

  heading = gtk_label_new (_("Attendance"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (pane), heading);
  self->workshop_breakdown = DESK_BREAKDOWN_VIEW (desk_breakdown_view_new (TRUE));
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (self->workshop_breakdown));

  desk_record_list_set_editor (self->workshop_list, pane, self->editor, "title");
  desk_record_list_set_history (self->workshop_list, desk_page_get_history (DESK_PAGE (self)));
}

static void
make_plenary_list (DeskWorkshopsPage *self)
{
  GtkColumnViewColumn *column;

  self->plenary_list = desk_record_list_new_in (self->plenary_bin, G_CALLBACK (plenary_open_cb),
                                                G_CALLBACK (plenary_new_cb), self);
  column = desk_record_list_add_field_column (self->plenary_list, DESK_KIND_NOMINATION, "year",
                                              C_("column", "Year"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_fix_width (column, 6);
  column = desk_record_list_add_field_column (self->plenary_list, DESK_KIND_NOMINATION, "person_uuid",
                                              C_("column", "Nominee"), DESK_COLUMN_ESSENTIAL);
  gtk_column_view_column_set_expand (column, TRUE);
  column = desk_record_list_add_field_column (self->plenary_list, DESK_KIND_NOMINATION, "member_uuid",
                                              C_("column", "Member"), DESK_COLUMN_NORMAL);
  gtk_column_view_column_set_expand (column, TRUE);
  column = desk_record_list_add_field_column (self->plenary_list, DESK_KIND_NOMINATION, "status",
                                              C_("column", "Status"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_fix_width (column, 10);
  column = desk_record_list_add_field_column (self->plenary_list, DESK_KIND_NOMINATION, "budget_line_uuid",
                                              C_("column", "Travel Budget Line"), DESK_COLUMN_OPTIONAL);
  gtk_column_view_column_set_expand (column, TRUE);
  desk_record_list_set_new_tooltip (self->plenary_list, _("New Nomination (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->plenary_list)), _("Search nominations"));
  desk_record_list_set_empty_text (self->plenary_list, "starred-symbolic",
                                   _("No Nominations"),
                                   _("Each year the group sends one member to the Annual Plenary. "
                                     "Record the nominee with Ctrl+N."));

  self->plenary_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_NOMINATION));
  desk_record_editor_add_group (self->plenary_editor, NULL, plenary_layout);
  desk_record_list_set_editor (self->plenary_list, NULL, self->plenary_editor, NULL);
  desk_record_list_set_history (self->plenary_list, desk_page_get_history (DESK_PAGE (self)));
}

static gboolean
desk_workshops_page_build (DeskPage *page)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  DeskHistory *history = desk_page_get_history (page);

  self->group_uuid = desk_page_dup_group_uuid (page);
  if (self->group_uuid == NULL)
    return FALSE;

  self->attended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->count_cells = g_hash_table_new (NULL, NULL);

  self->activities = desk_record_model_new (store, DESK_KIND_ACTIVITY, self->group_uuid);
  self->workshops = desk_record_model_new (store, DESK_KIND_WORKSHOP, self->group_uuid);
  self->nominations = desk_record_model_new (store, DESK_KIND_NOMINATION, self->group_uuid);

  make_workshop_list (self);
  make_plenary_list (self);

  make_periods (self);
  self->period_breakdown = DESK_BREAKDOWN_VIEW (desk_breakdown_view_new (FALSE));
  gtk_box_append (self->breakdown_box, GTK_WIDGET (self->period_breakdown));

  self->checkin = DESK_CHECKIN (desk_checkin_new (history));
  adw_bin_set_child (self->checkin_bin, GTK_WIDGET (self->checkin));

  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  desk_record_list_set_model (self->workshop_list, self->workshops);
  desk_record_list_set_model (self->plenary_list, self->nominations);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (tab_shown_cb), self);
  update_period_breakdown (self);

  return TRUE;
}

/* Callbacks */

static void
workshop_open_cb (DeskWorkshopsPage *self,
                  const char        *uuid)
{
  if (self->editor != NULL)
    update_workshop_breakdown (self);
}

static void
workshop_new_cb (DeskWorkshopsPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) open = NULL;
  g_autofree char *title_field = NULL;
  g_autofree char *today = NULL;
  const char *activity = NULL;
  guint n;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  /* The activity of the workshop open, else the last activity. */
  open = desk_record_list_dup_open_record (self->workshop_list);
  if (open != NULL)
    activity = desk_record_get_string (open, "activity_uuid");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  if (activity == NULL && n > 0)
    {
      g_clear_object (&open);
      open = g_list_model_get_item (G_LIST_MODEL (self->activities), n - 1);
      activity = desk_record_get_uuid (open);
    }
  if (activity == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Add an activity to the workplan first: every workshop belongs to one"));
      return;
    }

  title_field = g_strconcat ("title_", desk_locale_language (), NULL);
  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  record = desk_record_new (DESK_KIND_WORKSHOP);
  desk_record_set_string (record, "activity_uuid", activity);
  desk_record_set_string (record, title_field, _("New workshop"));
  desk_record_set_string (record, "start_date", today);
  desk_record_set_string (record, "end_date", today);
  desk_record_set_string (record, "format", "in_person");
  desk_page_add_new_record (DESK_PAGE (self), self->workshop_list, record, title_field);
}

static void
plenary_open_cb (DeskWorkshopsPage *self,
                 const char        *uuid)
{
  DeskRecord *record;
  g_autofree char *title = NULL;

  if (self->plenary_editor == NULL)
    return;

  record = desk_record_editor_get_record (self->plenary_editor);
  if (record != NULL)
    /* Translators: the title of a plenary nomination's editor: “Annual Plenary 2026”. */
    title = g_strdup_printf (_("Annual Plenary %lld"), (long long) desk_record_get_int (record, "year"));
  desk_record_list_set_editor_title (self->plenary_list, title, NULL);
}

static void
plenary_new_cb (DeskWorkshopsPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 year;
  guint n;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  /* This year, or the first year after it without a nominee. */
  now = desk_store_dup_now (desk_page_get_store (DESK_PAGE (self)));
  year = g_date_time_get_year (now);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->nominations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) nomination = g_list_model_get_item (G_LIST_MODEL (self->nominations), i);

      if (desk_record_get_int (nomination, "year") >= year)
        year = desk_record_get_int (nomination, "year") + 1;
    }

  record = desk_record_new (DESK_KIND_NOMINATION);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_int (record, "year", year);
  desk_record_set_string (record, "status", "nominated");
  desk_page_add_new_record (DESK_PAGE (self), self->plenary_list, record, "person_uuid");
}

static const char *
current_workshop (DeskWorkshopsPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "checkin") == 0)
    return desk_checkin_get_workshop (self->checkin);

  return self->workshop_list != NULL ? desk_record_list_get_open_uuid (self->workshop_list) : NULL;
}

static void
checkin_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (widget);
  const char *uuid;

  desk_page_ensure_built (DESK_PAGE (self));
  uuid = current_workshop (self);
  if (uuid == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open a workshop first, then check people in"));
      return;
    }
  /* Checking in is finding people by name. */
  if (!desk_names_ask_unlock (widget, desk_page_get_store (DESK_PAGE (self))))
    return;

  desk_checkin_set_workshop (self->checkin, uuid);
  gtk_stack_set_visible_child_name (self->mode_stack, "checkin");
  desk_checkin_focus_entry (self->checkin);
}

static void
close_checkin_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (widget);
  const char *uuid;

  if (!desk_page_get_built (DESK_PAGE (self)) || g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "checkin") != 0)
    return;

  uuid = desk_checkin_get_workshop (self->checkin);
  gtk_stack_set_visible_child_name (self->mode_stack, "main");
  if (uuid != NULL)
    {
      g_autofree char *copy = g_strdup (uuid);

      desk_record_list_open (self->workshop_list, copy);
      update_workshop_breakdown (self);
    }
}

static void
show_refusal (DeskWorkshopsPage *self,
              const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cannot Read the Sign-in Sheet"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     DeskWorkshopsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  dialog = _desk_workshops_page_import_file (self, file, &error);
  if (dialog == NULL)
    show_refusal (self, error->message);
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
paperwork_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  DeskPaperworkKind kind = DESK_PAPERWORK_SIGN_IN;
  const char *workshop;

  desk_page_ensure_built (DESK_PAGE (self));
  workshop = current_workshop (self);
  if (workshop == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open a workshop first, then print its paperwork"));
      return;
    }
  if (g_str_equal (which, "badges"))
    kind = DESK_PAPERWORK_BADGES;
  else if (g_str_equal (which, "certificates"))
    kind = DESK_PAPERWORK_CERTIFICATES;
  else if (g_str_equal (which, "payments"))
    kind = DESK_PAPERWORK_PAYMENTS;
  desk_paperwork_save_ask (DESK_PAGE (self), workshop, kind);
}

static void
record_payments_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (widget);
  const char *workshop;

  desk_page_ensure_built (DESK_PAGE (self));
  workshop = current_workshop (self);
  if (workshop == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open a workshop first, then record its payments"));
      return;
    }
  desk_paperwork_record_payments_ask (DESK_PAGE (self), workshop);
}

static void
import_signin_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  desk_page_ensure_built (DESK_PAGE (self));
  if (current_workshop (self) == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open a workshop first, then import its sign-in sheet"));
      return;
    }
  /* A sheet is names: matched against the group's people and written as people. */
  if (!desk_names_ask_unlock (widget, desk_page_get_store (DESK_PAGE (self))))
    return;

  if (self->chooser != NULL)
    g_object_unref (self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Sign-in Sheet"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (sheets, _("Sign-in sheets (CSV, text)"));
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_filter_add_suffix (sheets, "txt");
  gtk_file_filter_add_suffix (sheets, "tsv");
  gtk_file_filter_add_mime_type (sheets, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), sheets);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Overrides */

static void
forget_count_cells (DeskWorkshopsPage *self)
{
  GHashTableIter iter;
  gpointer cell;

  if (self->count_cells == NULL)
    return;

  g_hash_table_iter_init (&iter, self->count_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    g_object_weak_unref (cell, count_cell_destroyed_cb, self);
  g_clear_pointer (&self->count_cells, g_hash_table_unref);
}

static void
desk_workshops_page_unbuild (DeskPage *page)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  g_clear_handle_id (&self->period_idle, g_source_remove);
  forget_count_cells (self);

  /* The lists go with their editors, and the check-in with its workshop. */
  gtk_stack_set_visible_child_name (self->mode_stack, "main");
  adw_bin_set_child (self->list_bin, NULL);
  adw_bin_set_child (self->plenary_bin, NULL);
  adw_bin_set_child (self->period_bin, NULL);
  adw_bin_set_child (self->checkin_bin, NULL);
  gtk_box_remove (self->breakdown_box, GTK_WIDGET (self->period_breakdown));
  self->workshop_list = NULL;
  self->plenary_list = NULL;
  self->editor = NULL;
  self->plenary_editor = NULL;
  self->workshop_breakdown = NULL;
  self->period_breakdown = NULL;
  self->period_dropdown = NULL;
  self->checkin = NULL;

  g_clear_object (&self->workshops);
  g_clear_object (&self->activities);
  g_clear_object (&self->nominations);
  g_clear_pointer (&self->attended, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->group_uuid, g_free);
}

/* The window sends workshops here; attendances and nominations only show the page. */
static DeskRecordList *
desk_workshops_page_get_list_for_kind (DeskPage   *page,
                                       const char *kind)
{
  if (!g_str_equal (kind, "workshop"))
    return NULL;

  return DESK_WORKSHOPS_PAGE (page)->workshop_list;
}

static void
desk_workshops_page_dispose (GObject *object)
{
  DeskWorkshopsPage *self = (DeskWorkshopsPage *) object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->view_stack, self);
  /* The paperwork's chooser, if one is open. */
  desk_file_chooser_cancel (self);

  G_OBJECT_CLASS (desk_workshops_page_parent_class)->dispose (object);
}

static void
desk_workshops_page_finalize (GObject *object)
{
  DeskWorkshopsPage *self = (DeskWorkshopsPage *) object;

  g_free (self->group_uuid);
  g_clear_pointer (&self->attended, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_workshops_page_parent_class)->finalize (object);
}

static DeskRecordList *
desk_workshops_page_get_active_list (DeskPage *page)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (page);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "plenary") == 0)
    return self->plenary_list;

  return self->workshop_list;
}

/* A new record leaves the check-in for the lists. */
static void
desk_workshops_page_new_record (DeskPage *page)
{
  gtk_stack_set_visible_child_name (DESK_WORKSHOPS_PAGE (page)->mode_stack, "main");

  DESK_PAGE_CLASS (desk_workshops_page_parent_class)->new_record (page);
}

/* Ctrl+F at the check-in means its name entry. */
static void
desk_workshops_page_focus_search (DeskPage *page)
{
  DeskWorkshopsPage *self = DESK_WORKSHOPS_PAGE (page);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "checkin") == 0)
    desk_checkin_focus_entry (self->checkin);
  else
    DESK_PAGE_CLASS (desk_workshops_page_parent_class)->focus_search (page);
}

static void
desk_workshops_page_class_init (DeskWorkshopsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_workshops_page_dispose;
  object_class->finalize = desk_workshops_page_finalize;

  page_class->build = desk_workshops_page_build;
  page_class->unbuild = desk_workshops_page_unbuild;
  page_class->get_list_for_kind = desk_workshops_page_get_list_for_kind;
  page_class->get_active_list = desk_workshops_page_get_active_list;
  page_class->new_record = desk_workshops_page_new_record;
  page_class->focus_search = desk_workshops_page_focus_search;

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-workshops-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, list_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, breakdown_box);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, period_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, plenary_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskWorkshopsPage, checkin_bin);

  desk_page_class_set_writing_actions (page_class, (const char *[]) {
    "workshops.checkin", "workshops.import-signin", "workshops.record-payments", NULL });
  gtk_widget_class_install_action (widget_class, "workshops.checkin", NULL, checkin_activated);
  gtk_widget_class_install_action (widget_class, "workshops.close-checkin", NULL, close_checkin_activated);
  gtk_widget_class_install_action (widget_class, "workshops.import-signin", NULL, import_signin_activated);
  gtk_widget_class_install_action (widget_class, "workshops.paperwork", "s", paperwork_activated);
  gtk_widget_class_install_action (widget_class, "workshops.record-payments", NULL,
                                   record_payments_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "workshops.checkin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "workshops.close-checkin", NULL);
}

static void
desk_workshops_page_init (DeskWorkshopsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->view_stack);
}

/* Public API */

void
desk_workshops_page_open (DeskWorkshopsPage *self,
                          const char        *uuid)
{
  g_return_if_fail (DESK_IS_WORKSHOPS_PAGE (self));

  desk_page_open_record (DESK_PAGE (self), "workshop", uuid);
}

/* Private API, for tests */

DeskRecordList *
_desk_workshops_page_get_list (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->workshop_list;
}

DeskRecordEditor *
_desk_workshops_page_get_editor (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->editor;
}

DeskBreakdownView *
_desk_workshops_page_get_workshop_breakdown (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->workshop_breakdown;
}

DeskBreakdownView *
_desk_workshops_page_get_period_breakdown (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  if (self->period_stale)
    compute_period_breakdown (self);
  return self->period_breakdown;
}

GtkDropDown *
_desk_workshops_page_get_period_dropdown (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->period_dropdown;
}

void
_desk_workshops_page_get_period (DeskWorkshopsPage  *self,
                                 const char        **from,
                                 const char        **to)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  Period *period = g_ptr_array_index (self->periods, selected);

  *from = period->from;
  *to = period->to;
}

DeskCheckin *
_desk_workshops_page_get_checkin (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->checkin;
}

DeskRecordList *
_desk_workshops_page_get_plenary_list (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->plenary_list;
}

DeskRecordEditor *
_desk_workshops_page_get_plenary_editor (DeskWorkshopsPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->plenary_editor;
}

DeskSigninDialog *
_desk_workshops_page_import_file (DeskWorkshopsPage  *self,
                                  GFile              *file,
                                  GError            **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *uuid;

  desk_page_ensure_built (DESK_PAGE (self));
  uuid = current_workshop (self);
  if (uuid == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Open a workshop first, then import its sign-in sheet"));
      return NULL;
    }
  if (!desk_store_require_names (desk_page_get_store (DESK_PAGE (self)), error))
    return NULL;

  return desk_signin_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 desk_page_get_store (DESK_PAGE (self)), uuid, file, error);
}
