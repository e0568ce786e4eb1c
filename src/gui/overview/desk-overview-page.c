/* desk-overview-page.c
 *
 * "Where are we?" in six tiles: workplan progress, deliverables due and overdue, budget
 * burn, attendance by pillar and gender, the next workshops, and the last export with
 * what changed since. Each tile opens its page.
 *
 * The Overview is the page shown at start, and on a large group what it shows reads
 * whole tables (the deliverables, the expenses, the attendances: hundreds of milliseconds).
 * So the page reads nothing before the window's first frame: it shows its tiles with "…"
 * in place of the figures, and once that frame is painted it reads every figure on a
 * read-only connection of its own in a worker thread (WAL lets the window keep reading
 * and writing meanwhile) and fills the tiles when the worker is done. A result that
 * arrives after the store changed, or after the page went, is dropped: the figures shown
 * are always those of the database now open. An in-memory database (the tests) has no
 * second connection and is small: its figures are read at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-overview-page.h"
#include "desk-overview-page-private.h"
#include "desk-a11y.h"
#include "desk-overview.h"
#include "desk-widget-util.h"

#define LIST_LENGTH 3

/* Bar colours, one for each of desk_overview_statuses, that read on light and dark
 * backgrounds; the legend names each. */
static const char *const activity_colours[DESK_OVERVIEW_N_STATUSES] = {
  "#2ec27e", "#3584e4", "#9a9996", "#e5a50a", "#c01c28",
};

/* A refresh: what to read the figures with, and, once read in core, what they are. */
typedef struct
{
  char *path;
  char *group;               /* the page's group; NULL: the store's main group */
  GDateTime *now;
  guint generation;
  DeskOverview *overview;
} Figures;

struct _DeskOverviewPage
{
  DeskPage parent_instance;

  DeskStore *store;
  gulong changed_id;
  guint refresh_source;
  GCancellable *cancellable;

  gint64 overdue;
  gint64 due_soon;
  gint64 status_counts[DESK_OVERVIEW_N_STATUSES];
  gint64 budget;
  gint64 spent;
  gint64 received;
  gint64 attendances;
  gint64 women;
  /* What the workplan's legend and the attendance table say, read aloud: the cards'
   * descriptions. */
  char *workplan_legend_text;
  char *attendance_text;
  /* The tiles show "…" until the worker's figures arrive. */
  gboolean pending;
  /* Which refresh the figures on their way belong to: any other is dropped. */
  guint generation;
  GdkFrameClock *frame_clock;
  gulong after_paint_id;

  /* Template widgets */
  GtkStack *stack;
  GtkFlowBox *tiles;
  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkLabel *members_count;
  GtkLabel *members_caption;
  GtkLabel *workplan_title;
  GtkLabel *workplan_figure;
  GtkDrawingArea *workplan_bar;
  GtkLabel *workplan_legend;
  GtkWidget *deliverables_tile;
  GtkLabel *due_figure;
  GtkLabel *overdue_label;
  GtkBox *deliverables_list;
  GtkLabel *budget_figure;
  GtkLevelBar *budget_level;
  GtkLabel *budget_detail;
  GtkLabel *budget_time;
  GtkLabel *attendance_figure;
  GtkLabel *attendance_detail;
  GtkGrid *attendance_grid;
  GtkBox *workshops_list;
  GtkLabel *export_figure;
  GtkLabel *export_detail;
  GtkLabel *changes_label;
};

G_DEFINE_FINAL_TYPE (DeskOverviewPage, desk_overview_page, DESK_TYPE_PAGE)

static void
figures_free (Figures *figures)
{
  g_free (figures->path);
  g_free (figures->group);
  g_clear_pointer (&figures->now, g_date_time_unref);
  g_clear_pointer (&figures->overview, desk_overview_free);
  g_free (figures);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Figures, figures_free)

static char *
format_count (gint64 n)
{
  /* The ' flag groups digits the way the user's locale does. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static GtkWidget *
dated_line (const char *date,
            const char *text,
            gboolean    overdue)
{
  g_autofree char *day = desk_date_format (date);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *when = gtk_label_new (day);
  GtkWidget *what = gtk_label_new (text);

  gtk_widget_add_css_class (when, "caption");
  gtk_widget_add_css_class (when, "numeric");
  gtk_widget_add_css_class (when, overdue ? "desk-overdue-text" : "dim-label");
  gtk_label_set_xalign (GTK_LABEL (when), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (when), 11);
  gtk_widget_add_css_class (what, "caption");
  gtk_label_set_xalign (GTK_LABEL (what), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (what), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (what), 20);
  gtk_widget_set_tooltip_text (what, text);
  gtk_widget_set_hexpand (what, TRUE);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), what);

  return box;
}

static void
add_empty_line (GtkBox     *box,
                const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (box, label);
}

/* What a screen reader says for a title and what it shows: a card ("Budget Burn: 38%
 * spent"), a row of a table ("Government: Women 3, Men 5"). A new string. */
static char *
a11y_title_with (const char *title,
                 const char *what)
{
  if (what == NULL || *what == '\0')
    return g_strdup (title);

  /* Translators: read by a screen reader: a card's title, then its headline figure
   * ("Budget Burn: 38% spent"); or a table row's heading, then its figures
   * ("Government: Women 3, Men 5"). */
  return g_strdup_printf (C_("accessible", "%s: %s"), title, what);
}

/* Appends @text to @out after the list separator ("Done 12, Ongoing 4"). */
static void
append_listed (GString    *out,
               const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, C_("list separator", ", "));
  g_string_append (out, text);
}

/* One line of a dated list (dated_line, add_empty_line) as said: its day and title. */
static char *
dated_line_text (GtkWidget *line)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (GTK_IS_LABEL (line))
    g_string_append (text, gtk_label_get_text (GTK_LABEL (line)));
  for (GtkWidget *part = gtk_widget_get_first_child (line); part != NULL; part = gtk_widget_get_next_sibling (part))
    if (GTK_IS_LABEL (part))
      {
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append (text, gtk_label_get_text (GTK_LABEL (part)));
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The lines of a dated list from @first on as one sentence, after the list separator. */
static char *
dated_list_text (GtkWidget *first)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (GtkWidget *line = first; line != NULL; line = gtk_widget_get_next_sibling (line))
    {
      g_autofree char *text = dated_line_text (line);

      append_listed (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A card is one button, one Tab stop, said as its title and its headline figure, then
 * (the description) what else it shows. */
static void
name_tile (DeskOverviewPage *self,
           const char       *tile_name,
           const char       *title,
           const char       *figure,
           const char       *description)
{
  GtkWidget *tile = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), DESK_TYPE_OVERVIEW_PAGE,
                                                               tile_name));
  g_autofree char *name = a11y_title_with (title, figure);

  desk_a11y_set_name (tile, name);
  desk_a11y_set_description (tile, description);
}

/* Each card said as it shows now: after the placeholders, and after the figures. */
static void
name_tiles (DeskOverviewPage *self)
{
  GtkWidget *first_workshop = gtk_widget_get_first_child (GTK_WIDGET (self->workshops_list));
  g_autofree char *deliverables = dated_list_text (gtk_widget_get_first_child (GTK_WIDGET (self->deliverables_list)));
  g_autofree char *next_workshop = first_workshop != NULL ? dated_line_text (first_workshop) : NULL;
  g_autofree char *later_workshops = first_workshop != NULL
                                     ? dated_list_text (gtk_widget_get_next_sibling (first_workshop)) : NULL;
  g_autoptr(GString) workplan = g_string_new (NULL);
  g_autoptr(GString) deliverables_detail = g_string_new (NULL);
  g_autoptr(GString) budget = g_string_new (NULL);
  g_autoptr(GString) export = g_string_new (NULL);

  append_listed (workplan, gtk_label_get_text (self->workplan_title));
  append_listed (workplan, self->workplan_legend_text);
  name_tile (self, "workplan_tile", _("Workplan Progress"), gtk_label_get_text (self->workplan_figure),
             workplan->str);

  if (gtk_widget_get_visible (GTK_WIDGET (self->overdue_label)))
    append_listed (deliverables_detail, gtk_label_get_text (self->overdue_label));
  append_listed (deliverables_detail, deliverables);
  name_tile (self, "deliverables_tile", _("Deliverables"), gtk_label_get_text (self->due_figure),
             deliverables_detail->str);

  append_listed (budget, gtk_label_get_text (self->budget_detail));
  append_listed (budget, gtk_label_get_text (self->budget_time));
  name_tile (self, "budget_tile", _("Budget Burn"), gtk_label_get_text (self->budget_figure), budget->str);

  name_tile (self, "attendance_tile", _("Attendance"), gtk_label_get_text (self->attendance_figure),
             self->attendance_text);

  /* The next workshop is this card's headline; the later ones its description. */
  name_tile (self, "workshops_tile", _("Next Workshops"), next_workshop, later_workshops);

  append_listed (export, gtk_label_get_text (self->export_detail));
  if (gtk_widget_get_visible (GTK_WIDGET (self->changes_label)))
    append_listed (export, gtk_label_get_text (self->changes_label));
  name_tile (self, "export_tile", _("Last Export"), gtk_label_get_text (self->export_figure), export->str);
}

/* Shows in @list the first @max of @records, each on the day in its @date_field, the days
 * before @overdue_before (NULL: none is) as overdue; @empty when there is none. */
static void
fill_dated_list (GtkBox     *list,
                 GPtrArray  *records,
                 const char *date_field,
                 guint       max,
                 const char *overdue_before,
                 const char *empty)
{
  desk_widget_remove_children (GTK_WIDGET (list));
  for (guint i = 0; i < records->len && i < max; i++)
    {
      DeskRecord *record = g_ptr_array_index (records, i);
      const char *date = desk_record_get_string (record, date_field);

      gtk_box_append (list,
                      dated_line (date, desk_record_get_narrative (record, "title", desk_locale_language (), NULL),
                                  overdue_before != NULL && g_strcmp0 (date, overdue_before) < 0));
    }
  if (records->len == 0)
    add_empty_line (list, empty);
}

static void
workplan_bar_draw (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  DeskOverviewPage *self = user_data;
  gint64 total = 0;
  double x = 0;

  for (guint i = 0; i < DESK_OVERVIEW_N_STATUSES; i++)
    total += self->status_counts[i];

  /* The track, so that an empty workplan still shows an (empty) bar. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.2);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (total == 0)
    return;

  for (guint i = 0; i < DESK_OVERVIEW_N_STATUSES; i++)
    {
      double w = (double) width * self->status_counts[i] / total;
      GdkRGBA colour;

      if (w <= 0)
        continue;
      gdk_rgba_parse (&colour, activity_colours[i]);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      /* A gap between segments, so that neighbours of similar colour stay apart. */
      x += w;
      if (x < width)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
          cairo_rectangle (cr, x - 1, 0, 1, height);
          cairo_fill (cr);
        }
    }
}

/* The bar is a progress bar to a screen reader (its role, set in the template): the
 * activities done of all, said as "12 of 40 activities done", then the statuses. */
static void
update_workplan_bar (DeskOverviewPage *self,
                     gint64            done,
                     gint64            total,
                     const char       *statuses)
{
  g_autofree char *done_text = format_count (done);
  g_autofree char *total_text = format_count (total);
  g_autofree char *value = NULL;

  /* Translators: the Overview's workplan progress bar, read by a screen reader: activities
   * done, then all the workplan's activities ("12 of 40 activities done"). */
  value = g_strdup_printf (ngettext ("%s of %s activity done", "%s of %s activities done", (gulong) total),
                           done_text, total_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->workplan_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (total, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) CLAMP (done, 0, MAX (total, 0)),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value,
                                  -1);
  desk_a11y_set_description (GTK_WIDGET (self->workplan_bar), statuses);
}

/* Reading: in core, in the worker. */

static void
figures_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Figures *figures = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own (SQLite connections are not shared across threads), and a
   * read-only one: it never takes the write lock the window's connection may need. */
  store = desk_store_open_read_only (figures->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  desk_store_set_now (store, figures->now);

  figures->overview = desk_overview_read_group (store, figures->group);
  g_task_return_boolean (task, TRUE);
}

/* Showing: on the main thread. */

static void
show_workplan (DeskOverviewPage *self,
               DeskOverview     *figures)
{
  DeskRecord *workplan = figures->workplan;
  g_autoptr(GString) legend = g_string_new (NULL);
  g_autofree char *figure = NULL;
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;

  g_autoptr(GString) legend_text = g_string_new (NULL);

  memcpy (self->status_counts, figures->status_counts, sizeof self->status_counts);
  g_clear_pointer (&self->workplan_legend_text, g_free);

  if (workplan == NULL)
    {
      gtk_label_set_label (self->workplan_title, _("No workplan yet"));
      gtk_label_set_label (self->workplan_figure, "—");
      gtk_label_set_label (self->workplan_legend, "");
      update_workplan_bar (self, 0, 0, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self->workplan_bar));
      return;
    }

  period = desk_date_format_period (desk_record_get_string (workplan, "period_start"),
                                    desk_record_get_string (workplan, "period_end"));
  /* Translators: a workplan's title and its period: "Workplan 2025 · 1 Jan 2025 – 31 Dec 2025". */
  title = g_strdup_printf (_("%s · %s"),
                           desk_record_get_narrative (workplan, "title", desk_locale_language (), NULL),
                           period);
  gtk_label_set_label (self->workplan_title, title);

  /* Translators: activities done of all activities of the workplan: "12 of 40 done". */
  done_text = format_count (self->status_counts[0]);
  total_text = format_count (figures->activities);
  figure = g_strdup_printf (_("%s of %s done"), done_text, total_text);
  gtk_label_set_label (self->workplan_figure, figure);

  /* Each status's colour with its name and count: the bar reads without colour too. */
  for (guint s = 0; s < DESK_OVERVIEW_N_STATUSES; s++)
    {
      g_autofree char *label = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *count = NULL;

      if (self->status_counts[s] == 0)
        continue;
      label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_ACTIVITY, "status", desk_overview_statuses[s]);
      escaped = g_markup_escape_text (label, -1);
      if (legend->len > 0)
        g_string_append (legend, "   ");
      count = format_count (self->status_counts[s]);
      g_string_append_printf (legend, "<span foreground=\"%s\">■</span> %s %s",
                              activity_colours[s], escaped, count);
      /* Read aloud without the colour squares. */
      {
        g_autofree char *item = g_strdup_printf ("%s %s", label, count);

        append_listed (legend_text, item);
      }
    }
  gtk_label_set_markup (self->workplan_legend, legend->str);
  self->workplan_legend_text = g_string_free (g_steal_pointer (&legend_text), FALSE);
  update_workplan_bar (self, self->status_counts[0], figures->activities, self->workplan_legend_text);
  gtk_widget_queue_draw (GTK_WIDGET (self->workplan_bar));
}

static void
show_deliverables (DeskOverviewPage *self,
                   DeskOverview     *figures)
{
  g_autofree char *figure = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *count = NULL;

  /* The figure counts the list below it, and the overdue are counted apart: one
   * definition (desk_deliverables_due) for both. */
  self->due_soon = figures->due->due_soon->len;
  self->overdue = figures->due->overdue->len;

  count = format_count (self->due_soon);
  /* Translators: deliverables due from today to 30 days from now (not delivered yet). */
  figure = g_strdup_printf (ngettext ("%s due in the next 30 days", "%s due in the next 30 days",
                                      (gulong) self->due_soon),
                            count);
  gtk_label_set_label (self->due_figure, figure);

  if (self->overdue > 0)
    {
      g_autofree char *n = format_count (self->overdue);

      /* Translators: deliverables past their due date. */
      overdue = g_strdup_printf (ngettext ("%s overdue", "%s overdue", (gulong) self->overdue), n);
    }
  gtk_label_set_label (self->overdue_label, overdue != NULL ? overdue : _("Nothing overdue"));
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), TRUE);

  fill_dated_list (self->deliverables_list, figures->due->due_soon, "due_date", LIST_LENGTH,
                   NULL, _("Nothing is due in the next 30 days"));
}

static void
show_export (DeskOverviewPage *self,
             DeskRecord       *last)
{
  g_autofree char *figure = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *period = NULL;
  g_autofree char *privacy = NULL;
  g_autofree char *created = NULL;
  g_autofree char *sequence = NULL;

  if (last == NULL)
    {
      gtk_label_set_label (self->export_figure, _("Nothing exported yet"));
      gtk_label_set_label (self->export_detail,
                           _("Send the secretariat the group’s work from the Exports page."));
      gtk_label_set_label (self->changes_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->changes_label), FALSE);
      return;
    }

  /* The moment it was made, in UTC, shown on the user's own day and time. */
  created = desk_date_format_timestamp (desk_record_get_string (last, "created"));
  /* Translators: the last export: its sequence number and when it was made ("5 Mar 2025, 14:02"). */
  sequence = format_count (desk_record_get_int (last, "sequence"));
  figure = g_strdup_printf (_("Export %s on %s"), sequence, created);
  period = desk_date_format_period (desk_record_get_string (last, "period_start"),
                                    desk_record_get_string (last, "period_end"));
  privacy = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_EXPORT, "privacy",
                                  desk_record_get_string (last, "privacy"));
  /* Translators: an export's period and privacy level: "1 Jan 2025 – 30 Jun 2025 · Counts only". */
  detail = g_strdup_printf (_("%s · %s"), period, privacy);
  gtk_label_set_label (self->export_figure, figure);
  gtk_label_set_label (self->export_detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_label), TRUE);
}

static void
show_budget (DeskOverviewPage *self,
             DeskOverview     *figures)
{
  DeskBudgetSummary *summary = figures->budget;
  g_autofree char *figure = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *time = NULL;
  g_autofree char *budget_text = NULL;
  g_autofree char *received_text = NULL;
  g_autofree char *spent_text = NULL;

  if (summary == NULL)
    {
      gtk_label_set_label (self->budget_figure, "—");
      gtk_label_set_label (self->budget_detail, _("No budget for this workplan yet"));
      gtk_label_set_label (self->budget_time, "");
      gtk_level_bar_set_value (self->budget_level, 0);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->budget_level), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
      return;
    }

  self->budget = desk_budget_row_budget (&summary->total, DESK_BUDGET_REVISED);
  self->spent = summary->total.spent;
  self->received = summary->received;

  spent_text = desk_money_format (self->spent, summary->currency, summary->decimals);
  budget_text = desk_money_format (self->budget, summary->currency, summary->decimals);
  received_text = desk_money_format (self->received, summary->currency, summary->decimals);

  if (figures->has_burn)
    /* Translators: the share of the budget spent: "38% spent". */
    figure = g_strdup_printf (_("%d%% spent"), desk_overview_burn_percent (figures));
  else
    figure = g_strdup (_("No budget yet"));
  gtk_label_set_label (self->budget_figure, figure);
  gtk_level_bar_set_value (self->budget_level, CLAMP (figures->burn_permille / 1000.0, 0.0, 1.0));
  /* The level bar says its value as the card shows it ("38% spent"), not as 0.38. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->budget_level),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, figure,
                                  -1);

  /* Translators: spent, budget and received, in the reporting currency. */
  detail = g_strdup_printf (_("%s spent of %s · %s received"), spent_text, budget_text, received_text);
  gtk_label_set_label (self->budget_detail, detail);

  /* Translators: how much of the workplan's period has gone by: "42% of the time elapsed". */
  time = g_strdup_printf (_("%d%% of the workplan’s time elapsed"), (summary->elapsed_permille + 5) / 10);
  gtk_label_set_label (self->budget_time, time);
}

static void
show_attendance (DeskOverviewPage        *self,
                 DeskAttendanceBreakdown *breakdown)
{
  g_autofree char *figure = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *share = NULL;
  g_autofree char *attendances = NULL;
  g_autofree char *people = NULL;
  g_autofree char *people_text = NULL;
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  int row = 1;

  desk_widget_remove_children (GTK_WIDGET (self->attendance_grid));
  g_clear_pointer (&self->attendance_text, g_free);

  if (breakdown == NULL || breakdown->attendances == 0)
    {
      self->attendances = 0;
      self->women = 0;
      gtk_label_set_label (self->attendance_figure, "—");
      gtk_label_set_label (self->attendance_detail, _("No attendance recorded in this workplan’s period"));
      self->attendance_text = g_strdup (gtk_label_get_text (self->attendance_detail));
      return;
    }

  self->attendances = breakdown->attendances;
  self->women = breakdown->women_attendances;

  share = desk_share_format_percent (breakdown->women_attendances, breakdown->attendances);
  /* Translators: the share of attendances by women: "41.2% women". */
  figure = g_strdup_printf (_("%s%% women"), share);
  gtk_label_set_label (self->attendance_figure, figure);

  /* Each count in a message of its own, so that each noun gets its plural (and Chinese
   * its measure word); the second fills the first's second %s. */
  attendances = format_count (breakdown->attendances);
  people = format_count (breakdown->people);
  /* Translators: distinct people who attended, filled into "41 attendances by %s". */
  people_text = g_strdup_printf (ngettext ("%s person", "%s people", (gulong) breakdown->people),
                                 people);
  /* Translators: attendances (one per person per workshop), then "%s people" (already
   * translated): "41 attendances by 12 people". */
  detail = g_strdup_printf (ngettext ("%s attendance by %s", "%s attendances by %s",
                                      (gulong) breakdown->attendances),
                            attendances, people_text);
  gtk_label_set_label (self->attendance_detail, detail);
  g_string_append (text, detail);

  /* A column per gender of the reference table: "another gender" and "not stated" are
   * different answers, not one "other". */
  g_ptr_array_add (headings, g_strdup (_("Pillar")));
  for (guint g = 0; breakdown->genders[g] != NULL; g++)
    g_ptr_array_add (headings, desk_gender_heading (desk_page_get_store (DESK_PAGE (self)), breakdown->genders[g]));
  g_ptr_array_add (headings, NULL);
  desk_grid_attach_row (self->attendance_grid, 0, "dim-label", (const char *const *) headings->pdata);

  for (guint p = 0; breakdown->pillars != NULL && breakdown->pillars[p] != NULL; p++)
    {
      const char *pillar = breakdown->pillars[p];
      gint64 total = desk_attendance_breakdown_pillar_total (breakdown, pillar);
      g_autoptr(GPtrArray) cells = NULL;
      char *name;

      if (total <= 0)
        continue;
      if (g_str_equal (pillar, DESK_ATTENDANCE_PILLAR_NOT_STATED))
        name = g_strdup (_("Not stated"));
      else
        name = desk_reference_table_label (desk_page_get_store (DESK_PAGE (self)), "pillars", pillar);
      cells = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (cells, name);
      for (guint g = 0; breakdown->genders[g] != NULL; g++)
        g_ptr_array_add (cells, format_count (MAX (0, desk_attendance_breakdown_get (breakdown, pillar,
                                                                                      breakdown->genders[g]))));
      g_ptr_array_add (cells, NULL);
      desk_grid_attach_row (self->attendance_grid, row++, NULL, (const char *const *) cells->pdata);

      /* GTK 4.8's grid has no rows a screen reader could walk: each row of the table is
       * read as one sentence, its pillar then each gender's count, in the card's
       * description ("Government: Women 3, Men 5"). */
      {
        g_autoptr(GString) figures = g_string_new (NULL);
        g_autofree char *sentence = NULL;

        for (guint g = 1; cells->pdata[g] != NULL; g++)
          {
            g_autofree char *item = g_strdup_printf ("%s %s", (char *) headings->pdata[g],
                                                     (char *) cells->pdata[g]);

            append_listed (figures, item);
          }
        sentence = a11y_title_with (name, figures->str);
        /* Translators: between two sentences a screen reader says of the attendance
         * card: "147 attendances by 89 people. Government: Women 13, Men 27". */
        g_string_append (text, C_("sentence separator", ". "));
        g_string_append (text, sentence);
      }
    }
  self->attendance_text = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_changes (DeskOverviewPage *self,
              gint64            changed,
              gint64            deleted)
{
  g_autofree char *text = NULL;

  if (changed < 0)
    return;

  if (changed == 0 && deleted == 0)
    text = g_strdup (_("Nothing has changed since"));
  else if (deleted == 0)
    {
      g_autofree char *n = format_count (changed);

      text = g_strdup_printf (ngettext ("%s record added or changed since",
                                        "%s records added or changed since", (gulong) changed),
                              n);
    }
  else
    {
      g_autofree char *n = format_count (changed);
      g_autofree char *d = format_count (deleted);

      /* Translators: "12 added or changed, 3 deleted since" [the last export]. */
      text = g_strdup_printf (ngettext ("%s added or changed, %s deleted since",
                                        "%s added or changed, %s deleted since", (gulong) deleted),
                              n, d);
    }
  gtk_label_set_label (self->changes_label, text);
}


static void
show_group (DeskOverviewPage *self,
            DeskRecord       *group)
{
  const char *name = desk_record_get_narrative (group, "name", desk_locale_language (), NULL);
  g_autofree char *country = desk_country_name (desk_record_get_string (group, "country"));
  g_autofree char *details = NULL;

  /* Translators: under the group's name: its country, then its reporting currency. */
  details = g_strdup_printf (_("%s · Reports in %s"), country, desk_record_get_string (group, "currency"));
  gtk_label_set_label (self->name_label, name != NULL ? name : "");
  gtk_label_set_label (self->details_label, details);
}

/* The group's name and country come from one row each: they show at once. Every other
 * figure shows "…" until the worker's arrive. */
static void
show_placeholders (DeskOverviewPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  const char *group_uuid = desk_page_get_group_uuid (DESK_PAGE (self));
  g_autoptr(DeskRecord) group = store == NULL ? NULL
                                : group_uuid != NULL ? desk_store_get (store, DESK_KIND_GROUP, group_uuid, NULL)
                                : desk_store_dup_main_group (store);
  GtkLabel *figures[] = {
    self->members_count, self->workplan_figure, self->due_figure, self->budget_figure,
    self->attendance_figure, self->export_figure,
  };
  GtkLabel *details[] = {
    self->workplan_title, self->workplan_legend, self->budget_detail, self->budget_time,
    self->attendance_detail, self->export_detail, self->changes_label,
  };

  if (group == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_group (self, group);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    gtk_label_set_label (figures[i], "…");
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    gtk_label_set_label (details[i], "");
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), FALSE);
  gtk_level_bar_set_value (self->budget_level, 0);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->budget_level), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
  desk_widget_remove_children (GTK_WIDGET (self->deliverables_list));
  desk_widget_remove_children (GTK_WIDGET (self->workshops_list));
  desk_widget_remove_children (GTK_WIDGET (self->attendance_grid));
  memset (self->status_counts, 0, sizeof self->status_counts);
  update_workplan_bar (self, 0, 0, NULL);
  g_clear_pointer (&self->workplan_legend_text, g_free);
  g_clear_pointer (&self->attendance_text, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self->workplan_bar));
  name_tiles (self);
  gtk_stack_set_visible_child_name (self->stack, "group");
}

static void
show_figures (DeskOverviewPage *self,
              DeskOverview     *figures)
{
  g_autofree char *count = NULL;
  g_autofree char *members = NULL;

  self->pending = FALSE;

  if (figures->group == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_group (self, figures->group);
  /* The whole phrase in one message, so that Chinese can put its measure word between
   * the number and the noun (13 名成员); the caption label is not needed. */
  count = format_count (figures->members);
  /* Translators: after the group's name on the Overview: how many member organisations
   * it has; the number is already formatted (“1,024”). */
  members = g_strdup_printf (ngettext ("%s member", "%s members", (gulong) figures->members),
                             count);
  gtk_label_set_label (self->members_count, members);
  gtk_widget_set_visible (GTK_WIDGET (self->members_caption), FALSE);

  show_workplan (self, figures);
  show_deliverables (self, figures);
  fill_dated_list (self->workshops_list, figures->workshops, "start_date", DESK_OVERVIEW_WORKSHOPS, NULL,
                   _("No workshop is planned"));
  show_export (self, figures->last_export);
  show_budget (self, figures);
  show_attendance (self, figures->attendance);
  show_changes (self, figures->changed, figures->deleted);
  name_tiles (self);
  gtk_stack_set_visible_child_name (self->stack, "group");
}

static void
figures_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DeskOverviewPage *self = DESK_OVERVIEW_PAGE (object);
  GTask *task = G_TASK (result);
  Figures *figures = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Cancelled (the store changed, or the page was unbuilt or disposed), or overtaken by
   * a newer refresh: these figures may not be the database's any more. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) ||
      figures->generation != self->generation)
    return;

  if (!g_task_propagate_boolean (task, &error))
    {
      g_debug ("Overview figures: %s", error->message);
      self->pending = FALSE;
      return;
    }

  show_figures (self, figures->overview);
}

/* Drops the figures on their way, if any: they were read before what happened now. */
static void
forget_pending (DeskOverviewPage *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
desk_overview_page_refresh (DeskOverviewPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  g_autoptr(Figures) figures = NULL;
  g_autoptr(GTask) task = NULL;
  const char *path;

  forget_pending (self);

  figures = g_new0 (Figures, 1);
  figures->generation = self->generation;
  figures->group = g_strdup (desk_page_get_group_uuid (DESK_PAGE (self)));
  path = store != NULL ? desk_store_get_path (store) : NULL;

  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      figures->overview = store != NULL ? desk_overview_read_group (store, figures->group)
                                        : g_new0 (DeskOverview, 1);
      show_figures (self, figures->overview);
      return;
    }

  figures->path = g_strdup (path);
  figures->now = desk_store_dup_now (store);
  self->pending = TRUE;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, figures_done_cb, NULL);
  g_task_set_source_tag (task, desk_overview_page_refresh);
  g_task_set_task_data (task, g_steal_pointer (&figures), (GDestroyNotify) figures_free);
  g_task_run_in_thread (task, figures_thread);
}

static void
stop_waiting_for_frame (DeskOverviewPage *self)
{
  /* A window that went before its frame took the clock's handlers with its surface. */
  if (self->frame_clock != NULL && self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
}

static void
after_paint_cb (DeskOverviewPage *self)
{
  stop_waiting_for_frame (self);
  desk_overview_page_refresh (self);
}

static void
store_changed_cb (DeskOverviewPage *self,
                  const char       *kind,
                  const char       *uuid,
                  DeskStore        *store)
{
  /* Before the first figures, the refresh after the frame reads this change too. */
  if (self->after_paint_id != 0)
    return;

  /* Whatever the worker is reading may miss this change. */
  if (self->cancellable != NULL)
    forget_pending (self);

  /* A sample group arrives as hundreds of changes at once: count once, when idle. */
  desk_schedule_once (&self->refresh_source, G_PRIORITY_DEFAULT_IDLE, 0,
                      (DeskOnceFunc) desk_overview_page_refresh, self);
}

/* The tiles that open a page name its action in the template; only the deliverables
 * tile chooses at the click. */
static const char *const action_tiles[] = {
  "workplan_tile", "budget_tile", "attendance_tile", "workshops_tile", "export_tile",
};

static void
deliverables_tile_clicked_cb (DeskOverviewPage *self)
{
  /* Overdue deliverables are what needs doing: open the list filtered to them. */
  if (self->overdue > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-overdue", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "deliverables");
}

/* The figures follow the store from the first time the page is shown. A page on disk
 * shows its tiles with "…" in this frame and reads its figures once it is painted. */
static gboolean
desk_overview_page_build (DeskPage *page)
{
  DeskOverviewPage *self = DESK_OVERVIEW_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  const char *path = store != NULL ? desk_store_get_path (store) : NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);

  /* Built as it is being mapped, or by code that needs it: in a window that draws,
   * after its next frame; on its own, at once. */
  if (path == NULL || g_str_equal (path, ":memory:") || clock == NULL)
    {
      desk_overview_page_refresh (self);
      return TRUE;
    }

  show_placeholders (self);
  self->pending = TRUE;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);

  return TRUE;
}

static void
desk_overview_page_unbuild (DeskPage *page)
{
  DeskOverviewPage *self = DESK_OVERVIEW_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  stop_waiting_for_frame (self);
  forget_pending (self);
  self->pending = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
desk_overview_page_finalize (GObject *object)
{
  DeskOverviewPage *self = (DeskOverviewPage *) object;

  g_free (self->workplan_legend_text);
  g_free (self->attendance_text);

  G_OBJECT_CLASS (desk_overview_page_parent_class)->finalize (object);
}

static void
desk_overview_page_class_init (DeskOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->finalize = desk_overview_page_finalize;

  page_class->build = desk_overview_page_build;
  page_class->unbuild = desk_overview_page_unbuild;

  /* The base unbuilds the page when it is disposed: the pending refresh and the figures
   * still being counted stop then. */
  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, members_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, members_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workplan_title);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workplan_figure);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workplan_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workplan_legend);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, deliverables_tile);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, due_figure);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, deliverables_list);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, budget_figure);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, budget_level);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, budget_detail);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, budget_time);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, attendance_figure);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, attendance_detail);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, attendance_grid);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workshops_list);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, export_figure);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, export_detail);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, changes_label);
  gtk_widget_class_bind_template_callback (widget_class, deliverables_tile_clicked_cb);
  /* The tiles that only name their page's action: found by name, as the tests do. */
  for (guint i = 0; i < G_N_ELEMENTS (action_tiles); i++)
    gtk_widget_class_bind_template_child_full (widget_class, action_tiles[i], FALSE, 0);
}

static void
desk_overview_page_init (DeskOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->workplan_bar, workplan_bar_draw, self, NULL);

  /* A card is one Tab stop, its button: the flow box's own child around it would take
   * the focus first and say nothing. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_FLOW_BOX_CHILD (child))
      gtk_widget_set_focusable (child, FALSE);
}

/* A page made on its own rather than in the window shows its figures at once. */
GtkWidget *
desk_overview_page_new (DeskStore *store)
{
  GtkWidget *page;

  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  page = g_object_new (DESK_TYPE_OVERVIEW_PAGE,
                       "store", store,
                       NULL);
  desk_page_ensure_built (DESK_PAGE (page));

  return page;
}

void
_desk_overview_page_get_figures (DeskOverviewPage   *self,
                                 DeskOverviewFigures *figures)
{
  figures->overdue = self->overdue;
  figures->due_soon = self->due_soon;
  figures->budget = self->budget;
  figures->spent = self->spent;
  figures->received = self->received;
  figures->attendances = self->attendances;
  figures->women = self->women;
  figures->pending = self->pending;
}

void
_desk_overview_page_refresh (DeskOverviewPage *self)
{
  if (desk_page_ensure_built (DESK_PAGE (self)))
    desk_overview_page_refresh (self);
}
