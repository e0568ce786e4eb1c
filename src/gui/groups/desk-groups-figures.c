/* desk-groups-figures.c
 *
 * The Groups page's Figures section: the figures across groups for a period (this
 * year, last year, the last half-year, all time or dates of one's own) in the currency
 * the secretariat chose, as core computes them (desk_secretariat_figures): a table with
 * a row per group and the total in bold, a chart of the money drawn by the shared chart
 * widget from core's report of the set (desk_group_figures_set_to_report), and the CSV
 * and the PDF core and the report library write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-groups-page-private.h"

#include "desk-cells.h"
#include "desk-file-chooser.h"
#include "desk-job.h"
#include "desk-report-render.h"
#include "desk-widget-util.h"

#include <stdio.h>
#include <string.h>

enum {
  PRESET_THIS_YEAR,
  PRESET_LAST_YEAR,
  PRESET_LAST_HALF,
  PRESET_ALL_TIME,
  PRESET_CUSTOM,
};

enum {
  FIGURE_GROUP,
  FIGURE_ATTENDANCES,
  FIGURE_PEOPLE,
  FIGURE_WOMEN,
  FIGURE_WORKSHOPS,
  FIGURE_DONE,
  FIGURE_OVERDUE,
  FIGURE_BUDGET,
  FIGURE_RECEIVED,
  FIGURE_SPENT,
  FIGURE_MISSING,
  N_FIGURES
};

typedef struct
{
  char *from;
  char *to;
  char *currency;
} FiguresQuestion;

static void
figures_question_free (gpointer data)
{
  FiguresQuestion *question = data;

  g_free (question->from);
  g_free (question->to);
  g_free (question->currency);
  g_free (question);
}

/* The period a preset means on @today (ISO); both NULL for all time. */
static void
preset_period (guint        preset,
               const char  *today,
               char       **from,
               char       **to)
{
  int year = 0;
  int month = 0;

  *from = NULL;
  *to = NULL;
  if (today == NULL || sscanf (today, "%4d-%2d", &year, &month) != 2)
    return;

  switch (preset)
    {
    case PRESET_THIS_YEAR:
      *from = g_strdup_printf ("%04d-01-01", year);
      *to = g_strdup_printf ("%04d-12-31", year);
      break;

    case PRESET_LAST_YEAR:
      *from = g_strdup_printf ("%04d-01-01", year - 1);
      *to = g_strdup_printf ("%04d-12-31", year - 1);
      break;

    case PRESET_LAST_HALF:
      /* The last half-year that ended: groups report by half-years by default. */
      if (month > 6)
        {
          *from = g_strdup_printf ("%04d-01-01", year);
          *to = g_strdup_printf ("%04d-06-30", year);
        }
      else
        {
          *from = g_strdup_printf ("%04d-07-01", year - 1);
          *to = g_strdup_printf ("%04d-12-31", year - 1);
        }
      break;

    default:
      break;
    }
}

static const char *
chosen_currency (DeskGroupsPage *self)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (self->currency_dropdown), "desk-codes");
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);

  if (codes == NULL || selected >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, selected);
}

/* The table */

static DeskGroupFigures *
figures_at (DeskGroupsPage *self,
            gpointer        item)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "desk-index"));

  if (self->figures == NULL)
    return NULL;
  if (index < self->figures->groups->len)
    return g_ptr_array_index (self->figures->groups, index);

  return self->figures->total;
}

static void
figure_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DeskGroupsPage           *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  int chars = 6;

  /* An amount is never cut: room for hundreds of millions with their decimals. */
  if (column == FIGURE_BUDGET || column == FIGURE_RECEIVED || column == FIGURE_SPENT)
    chars = 12;
  gtk_list_item_set_child (item, column == FIGURE_GROUP ? desk_cell_label_new (NULL)
                                                        : desk_cell_figure_new (chars));
}

static char *
dup_count (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

static void
figure_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DeskGroupsPage           *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  DeskGroupFigures *figures = figures_at (self, gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  int decimals;

  if (figures == NULL)
    return;

  decimals = self->figures->decimals;
  switch (column)
    {
    case FIGURE_GROUP:
      /* The code, short; the name as the tooltip. */
      text = g_strdup (figures->code != NULL ? figures->code : _("All groups"));
      tooltip = figures->name;
      break;

    case FIGURE_ATTENDANCES:
      text = dup_count (figures->attendances);
      break;

    case FIGURE_PEOPLE:
      if (figures->people_known || figures->group_uuid == NULL)
        text = dup_count (figures->people);
      else
        {
          text = g_strdup ("—");
          tooltip = _("This group sent counts only: its people cannot be told apart.");
        }
      break;

    case FIGURE_WOMEN:
      if (figures->attendances > 0)
        text = desk_percent_format ((int) ((figures->women_attendances * 1000 + figures->attendances / 2) /
                                           figures->attendances));
      else
        text = g_strdup ("—");
      break;

    case FIGURE_WORKSHOPS:
      text = dup_count (figures->workshops);
      break;

    case FIGURE_DONE:
      text = g_strdup_printf ("%'" G_GINT64_FORMAT " / %'" G_GINT64_FORMAT,
                              figures->activities_done, figures->activities);
      break;

    case FIGURE_OVERDUE:
      text = dup_count (figures->deliverables_overdue);
      break;

    case FIGURE_BUDGET:
      text = desk_money_format_amount (figures->budget, decimals);
      break;

    case FIGURE_RECEIVED:
      text = desk_money_format_amount (figures->received, decimals);
      break;

    case FIGURE_SPENT:
      text = desk_money_format_amount (figures->spent, decimals);
      break;

    case FIGURE_MISSING:
      text = g_strdup_printf ("%u", figures->missing_rates);
      if (figures->missing_rates > 0)
        tooltip = _("Amounts left out of the totals for want of an exchange rate: add the rates in that group and import its next bundle.");
      break;

    default:
      g_assert_not_reached ();
    }

  desk_cell_set_text (cell, text);
  desk_cell_set_tooltip (cell, tooltip);
  /* The total row reads as a sum, in bold, as in every report. */
  if (figures->group_uuid == NULL && figures->code == NULL)
    gtk_widget_add_css_class (cell, "heading");
  else
    gtk_widget_remove_css_class (cell, "heading");
}

/* The money columns' titles name the currency their amounts are in. */
static void
update_money_titles (DeskGroupsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->figures_view);
  const char *currency = self->figures->currency;
  char *titles[3] = {
    /* Translators: a column of amounts; %s is their currency's code. */
    g_strdup_printf (_("Budget (%s)"), currency),
    g_strdup_printf (_("Received (%s)"), currency),
    g_strdup_printf (_("Spent (%s)"), currency),
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, FIGURE_BUDGET + i);

      gtk_column_view_column_set_title (column, titles[i]);
      g_free (titles[i]);
    }
}

void
_desk_groups_figures_show (DeskGroupsPage      *self,
                           DeskGroupFiguresSet *figures,
                           const GError        *error)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *period = NULL;
  DeskReport *report;

  self->figures_pending = FALSE;
  g_clear_pointer (&self->figures, desk_group_figures_set_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.save-csv", figures != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.save-pdf", figures != NULL);

  if (figures == NULL)
    {
      adw_status_page_set_description (self->figures_error, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->figures_stack, "error");
      gtk_column_view_set_model (self->figures_view, NULL);
      desk_chart_set_report (self->chart, NULL);
      return;
    }

  self->figures = figures;
  update_money_titles (self);
  for (guint i = 0; i <= figures->groups->len; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_set_data (item, "desk-index", GUINT_TO_POINTER (i));
      g_list_store_append (store, item);
    }
  gtk_column_view_set_model (self->figures_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)))));

  if (figures->from != NULL && figures->to != NULL)
    period = desk_date_format_period (figures->from, figures->to);
  gtk_label_set_label (self->period_label, period != NULL ? period : _("All time"));

  /* Core's report of the set: its chart and its notes (missing rates, counts only), the
   * same as the PDF prints. */
  report = desk_group_figures_set_to_report (figures);
  for (guint i = 0; report->notes != NULL && i < report->notes->len; i++)
    {
      if (notes->len > 0)
        g_string_append_c (notes, ' ');
      g_string_append (notes, g_ptr_array_index (report->notes, i));
    }
  gtk_label_set_label (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes->len > 0);
  desk_chart_set_report (self->chart, report);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), figures->groups->len > 0);
  gtk_stack_set_visible_child_name (self->figures_stack, "table");
}

static gpointer
read_figures (DeskStore  *store,
              gpointer    data,
              GError    **error)
{
  FiguresQuestion *question = data;

  return desk_secretariat_figures (store, question->from, question->to, question->currency, error);
}

static void
figures_read_cb (DeskGroupsPage *self,
                 gpointer        result,
                 const GError   *error)
{
  _desk_groups_figures_show (self, result, error);
}

void
_desk_groups_figures_refresh (DeskGroupsPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  FiguresQuestion *question;
  guint preset = gtk_drop_down_get_selected (self->preset_dropdown);

  if (store == NULL || !desk_page_get_built (DESK_PAGE (self)))
    return;

  question = g_new0 (FiguresQuestion, 1);
  if (preset == PRESET_CUSTOM)
    {
      g_autoptr(GError) error = NULL;

      if (!desk_date_entry_get_iso (self->from_entry, &question->from, &error) ||
          !desk_date_entry_get_iso (self->to_entry, &question->to, &error))
        {
          figures_question_free (question);
          desk_page_add_toast (DESK_PAGE (self), error->message);
          return;
        }
    }
  else
    {
      g_autofree char *today = desk_store_dup_today (store);

      preset_period (preset, today, &question->from, &question->to);
    }
  question->currency = g_strdup (chosen_currency (self));

  g_cancellable_cancel (self->figures_cancellable);
  g_clear_object (&self->figures_cancellable);
  self->figures_cancellable = g_cancellable_new ();
  self->figures_pending = TRUE;
  _desk_groups_page_read (self, self->figures_cancellable, read_figures, question,
                          figures_question_free, (GDestroyNotify) desk_group_figures_set_free,
                          figures_read_cb);
}

static void
preset_changed_cb (DeskGroupsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->preset_dropdown) == PRESET_CUSTOM;

  gtk_widget_set_visible (self->custom_box, custom);
  if (self->syncing)
    return;
  if (custom)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      /* Custom dates start from the period shown, to be changed. */
      if (self->figures != NULL)
        {
          desk_date_entry_set_iso (self->from_entry, self->figures->from);
          desk_date_entry_set_iso (self->to_entry, self->figures->to);
        }
      if (!desk_date_entry_get_iso (self->from_entry, &from, NULL) ||
          !desk_date_entry_get_iso (self->to_entry, &to, NULL) || from == NULL || to == NULL)
        return;
    }
  _desk_groups_figures_refresh (self);
}

static void
dates_changed_cb (DeskGroupsPage *self)
{
  if (!self->syncing)
    _desk_groups_figures_refresh (self);
}

static void
currency_changed_cb (DeskGroupsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *code = chosen_currency (self);

  if (self->syncing || code == NULL)
    return;

  /* The secretariat's choice stays for the next time, and for the CLI. */
  if (!desk_secretariat_set_currency (desk_page_get_store (DESK_PAGE (self)), code, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
  _desk_groups_figures_refresh (self);
}

static void
csv_chosen (gpointer  owner,
            GFile    *file)
{
  DeskGroupsPage *self = owner;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  if (self->figures == NULL)
    return;

  csv = desk_group_figures_set_to_csv (self->figures);
  /* Through core's door for files: never over the database or a device. */
  if (path == NULL)
    desk_page_add_toast (DESK_PAGE (self), _("This place cannot be written to. Choose a folder on this computer."));
  else if (!desk_file_write_contents (path, csv, strlen (csv), &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is the file's name. */
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      desk_page_add_toast (DESK_PAGE (self), text);
    }
}

static void
save_csv_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskGroupsPage *self = DESK_GROUPS_PAGE (widget);

  if (self->figures == NULL)
    return;

  /* Translators: the file name suggested for the figures across groups; no spaces. */
  desk_file_chooser_ask (self, desk_widget_get_window (widget), _("Save Figures as CSV"),
                         _("groups-figures.csv"), csv_chosen,
                         desk_file_filter_new (_("CSV files"), "csv", NULL), NULL);
}

/* What the worker needs to make the figures shown: their period and currency. */
typedef struct
{
  char *from;
  char *to;
  char *currency;
} FiguresRequest;

static void
figures_request_free (gpointer data)
{
  FiguresRequest *request = data;

  g_free (request->from);
  g_free (request->to);
  g_free (request->currency);
  g_free (request);
}

static DeskReport *
compute_figures_report (DeskStore  *store,
                        gpointer    data,
                        GError    **error)
{
  FiguresRequest *request = data;
  g_autoptr(DeskGroupFiguresSet) set = desk_secretariat_figures (store, request->from, request->to,
                                                                 request->currency, error);

  return set != NULL ? desk_group_figures_set_to_report (set) : NULL;
}

static void
pdf_chosen (gpointer  owner,
            GFile    *file)
{
  DeskGroupsPage *self = owner;
  g_autofree char *path = g_file_get_path (file);
  FiguresRequest *request;

  if (self->figures == NULL)
    return;
  if (path == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("This place cannot be written to. Choose a folder on this computer."));
      return;
    }

  /* The figures shown, for the same period and currency. */
  request = g_new0 (FiguresRequest, 1);
  request->from = g_strdup (self->figures->from);
  request->to = g_strdup (self->figures->to);
  request->currency = g_strdup (self->figures->currency);
  desk_page_save_report_pdf (DESK_PAGE (self), _("Saving the figures as PDF"), path,
                             compute_figures_report, request, figures_request_free);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskGroupsPage *self = DESK_GROUPS_PAGE (widget);

  if (self->figures == NULL)
    return;

  /* Translators: the file name suggested for the figures across groups; no spaces. */
  desk_file_chooser_ask (self, desk_widget_get_window (widget), _("Save Figures as PDF"),
                         _("groups-figures.pdf"), pdf_chosen,
                         desk_file_filter_new (_("PDF documents"), "pdf", NULL), NULL);
}

static void
add_figure_column (DeskGroupsPage *self,
                   const char     *title,
                   guint           column)
{
  GtkColumnViewColumn *view_column;

  view_column = desk_column_view_append (self->figures_view, title, G_CALLBACK (figure_setup_cb),
                                         G_CALLBACK (figure_bind_cb), self, column,
                                         column == FIGURE_GROUP);
  if (column != FIGURE_GROUP)
    desk_cell_header_align_end (view_column);
  else
    /* Room for a generated group's code ("PH-GEN-13") before the figures take the rest. */
    gtk_column_view_column_set_fixed_width (view_column, 110);
}

void
_desk_groups_figures_build (DeskGroupsPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  g_autoptr(GtkStringList) currencies = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) choices = desk_reference_choices (store, DESK_KIND_GROUP, "currency");
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *currency = desk_secretariat_dup_currency (store);
  guint chosen = 0;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);
      gtk_string_list_append (currencies, choice->label);
      g_ptr_array_add (codes, g_strdup (choice->code));
      if (g_strcmp0 (choice->code, currency) == 0)
        chosen = i;
    }
  g_object_set_data_full (G_OBJECT (self->currency_dropdown), "desk-codes", codes,
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_expression (self->currency_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (currencies));
  gtk_drop_down_set_selected (self->currency_dropdown, chosen);
}

void
_desk_groups_figures_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, preset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_changed_cb);
  gtk_widget_class_install_action (widget_class, "groups.save-csv", NULL, save_csv_activated);
  gtk_widget_class_install_action (widget_class, "groups.save-pdf", NULL, save_pdf_activated);
}

/* For the page's init: the presets and the table's columns. */
void
_desk_groups_figures_init (DeskGroupsPage *self)
{
  const char *presets[] = {
    N_("This Year"), N_("Last Year"), N_("Last Half-Year"), N_("All Time"), N_("Custom Dates"),
  };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (list, _(presets[i]));
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->preset_dropdown, G_LIST_MODEL (list));
  self->syncing = FALSE;

  add_figure_column (self, _("Group"), FIGURE_GROUP);
  add_figure_column (self, _("Attendances"), FIGURE_ATTENDANCES);
  add_figure_column (self, _("People"), FIGURE_PEOPLE);
  add_figure_column (self, _("Women"), FIGURE_WOMEN);
  add_figure_column (self, _("Workshops"), FIGURE_WORKSHOPS);
  add_figure_column (self, _("Activities Done"), FIGURE_DONE);
  /* Translators: a column of deliverables overdue, beside "Activities Done". */
  add_figure_column (self, C_("deliverables", "Overdue"), FIGURE_OVERDUE);
  add_figure_column (self, _("Budget"), FIGURE_BUDGET);
  add_figure_column (self, _("Received"), FIGURE_RECEIVED);
  add_figure_column (self, _("Spent"), FIGURE_SPENT);
  add_figure_column (self, _("Missing Rates"), FIGURE_MISSING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.save-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.save-pdf", FALSE);
}

/* Private API, for tests: what choosing @file in the chooser does. */
void
_desk_groups_page_save_figures (DeskGroupsPage *self,
                                GFile          *file,
                                gboolean        pdf)
{
  if (pdf)
    pdf_chosen (self, file);
  else
    csv_chosen (self, file);
}
