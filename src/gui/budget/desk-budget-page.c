/* desk-budget-page.c
 *
 * The budget of one workplan: its lines, what was spent against them, the money
 * received, the exchange rates, and the figures that compare them. Every figure comes
 * from core's desk_budget_summarise, computed again in an idle after a change to any
 * kind it reads (several writes in one turn of the main loop cost one summary), so the
 * page never sums money itself and shows what the CLI and the reports show.
 *
 * Cells that show a line's figures depend on the summary, not on the line's record, so
 * the column view would not bind them again when only an expense changed: the page keeps
 * the cells it made and fills them again after each summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-page.h"
#include "desk-budget-page-private.h"

#include "desk-budget-form.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

#include <stdlib.h>

typedef enum
{
  FIG_BUDGET,
  FIG_SPENT,
  FIG_VARIANCE,
  FIG_PERCENT,
  FIG_STATUS,
  N_FIGS
} Figure;

typedef enum
{
  TABLE_ACTIVITIES,
  TABLE_CATEGORIES,
  N_TABLES
} Table;

typedef enum
{
  SUM_NAME,
  SUM_BUDGET,
  SUM_SPENT,
  SUM_VARIANCE,
  SUM_PERCENT,
  SUM_STATUS,
  N_SUM_COLUMNS
} SummaryColumn;

typedef struct
{
  DeskBudgetPage *page;
  int which;              /* Figure, or SummaryColumn */
  Table table;
} Column;

typedef enum
{
  CARD_BUDGET,
  CARD_SPENT,
  CARD_REMAINING,
  CARD_RECEIVED,
  CARD_CASH,
  N_CARDS
} Card;

static const char * const card_names[N_CARDS] = { "budget", "spent", "remaining", "received", "cash" };

typedef enum
{
  FORM_NONE,
  FORM_EXPENSE,
  FORM_FUNDING,
  FORM_RATE,
  FORM_REVISION,
} FormKind;

struct _DeskBudgetPage
{
  DeskPage parent_instance;

  gboolean csv_bom;
  char *group_uuid;
  char *workplan_uuid;
  DeskBudgetVersion version;

  DeskBudgetSummary *summary;
  GHashTable *rows[N_TABLES + 1];   /* key → DeskBudgetRow, borrowed from the summary;
                                     * the last one is by line */
  guint refresh_id;
  guint refresh_count;
  gboolean tables_dirty;
  gulong changed_id;
  GHashTable *figure_cells;         /* GtkWidget → nothing: cells filled from the summary */
  Column columns[N_FIGS];
  Column summary_columns[N_TABLES][N_SUM_COLUMNS];
  GtkStringList *table_keys[N_TABLES];

  DeskRecordModel *workplans;
  DeskRecordModel *activities;
  DeskRecordModel *lines;
  DeskRecordModel *expenses;
  DeskRecordModel *funding;
  DeskRecordModel *rates;
  GPtrArray *workplan_uuids;
  gboolean syncing;

  DeskRecordList *line_list;
  DeskRecordList *expense_list;
  DeskRecordList *funding_list;
  DeskRecordList *rate_list;
  DeskRecordEditor *line_editor;
  DeskRecordEditor *expense_editor;
  DeskRecordEditor *funding_editor;
  DeskRecordEditor *rate_editor;
  GtkWidget *category_filter;
  GtkToggleButton *over_toggle;
  AdwActionRow *original_row;
  AdwActionRow *revised_row;
  AdwActionRow *revision_row;
  AdwEntryRow *rate_row;
  GtkWidget *rate_error_row;
  GtkLabel *rate_error_label;

  GtkLabel *card_values[N_CARDS];
  GtkLabel *card_details[N_CARDS];
  GtkWidget *card_pills[N_CARDS];

  DeskBudgetForm *form;
  FormKind form_kind;
  char *form_line;                  /* the line a revision is for */

  /* Template widgets */
  GtkStack *main_stack;
  GtkDropDown *workplan_dropdown;
  GtkLabel *workplan_title;
  GtkLabel *currency_label;
  GtkToggleButton *original_toggle;
  GtkToggleButton *revised_toggle;
  GtkFlowBox *cards;
  GtkWidget *missing_banner;
  GtkLabel *missing_label;
  GtkStack *view_stack;
  AdwBin *lines_bin;
  AdwBin *expenses_bin;
  AdwBin *funding_bin;
  AdwBin *rates_bin;
  GtkColumnView *activity_view;
  GtkColumnView *category_view;
};

G_DEFINE_FINAL_TYPE (DeskBudgetPage, desk_budget_page, DESK_TYPE_PAGE)

enum {
  PROP_0,
  PROP_CSV_BOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define LINE_ROWS N_TABLES

static const char * const line_layout_main[] = { "activity_uuid", "category", "description", NULL };
static const char * const line_layout_cost[] = { "quantity_milli", "unit", "unit_cost_minor", "currency", NULL };
static const char * const line_layout_notes[] = { "notes", NULL };
static const char * const expense_layout_main[] = { "budget_line_uuid", "date", "amount_minor", "currency",
                                                    "is_refund", NULL };
static const char * const expense_layout_receipt[] = { "payee", "reference", "receipt_path", "note", NULL };
static const char * const funding_layout[] = { "date", "source", "amount_minor", "currency", "reference",
                                               "note", "workplan_uuid", NULL };
static const char * const rate_layout_main[] = { "currency", "valid_from", NULL };
static const char * const rate_layout_source[] = { "source", NULL };
static const char * const no_fields[] = { NULL };

static void line_open_cb (DeskBudgetPage *self, const char *uuid);
static void line_new_cb (DeskBudgetPage *self);
static void expense_open_cb (DeskBudgetPage *self, const char *uuid);
static void expense_new_cb (DeskBudgetPage *self);
static void funding_open_cb (DeskBudgetPage *self, const char *uuid);
static void funding_new_cb (DeskBudgetPage *self);
static void rate_open_cb (DeskBudgetPage *self, const char *uuid);
static void rate_new_cb (DeskBudgetPage *self);
static void fill_figure_cell (DeskBudgetPage *self, GtkWidget *cell);

/* Helpers */

static GtkWindow *
find_window (DeskBudgetPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static int
decimals_of (DeskBudgetPage *self,
             const char     *code)
{
  int units = code != NULL ? desk_currency_minor_units (desk_page_get_store (DESK_PAGE (self)), code) : -1;

  return units >= 0 ? units : 2;
}

static char *
format_reporting (DeskBudgetPage *self,
                  gint64          minor)
{
  if (self->summary == NULL)
    return g_strdup ("");

  return desk_money_format (minor, self->summary->currency, self->summary->decimals);
}

/* Thousandths as a percentage with one decimal: 625 → “62.5%”. */
static char *
format_permille (int permille)
{
  /* Translators: a percentage; %s is the number, such as 62.5. */
  g_autofree char *number = g_strdup_printf ("%s%d.%d", permille < 0 ? "-" : "",
                                             abs (permille) / 10, abs (permille) % 10);

  return g_strdup_printf (C_("percent", "%s%%"), number);
}

static gboolean
open_when_laid_out_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  const char *uuid = g_object_get_data (G_OBJECT (widget), "desk-pending-open");

  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;

  if (uuid != NULL)
    desk_record_list_open (DESK_RECORD_LIST (widget), uuid);
  g_object_set_data (G_OBJECT (widget), "desk-pending-open", NULL);

  return G_SOURCE_REMOVE;
}

/* Opens @uuid in @list, once the list has been laid out: libadwaita 1.2's AdwFlap
 * animates its reveal over its width, and one revealed before its first allocation gets
 * a NaN progress (and a warning). A tab just switched to is not laid out yet. */
static void
open_in_list (DeskRecordList *list,
              const char     *uuid)
{
  if (gtk_widget_get_width (GTK_WIDGET (list)) > 0 || !gtk_widget_get_mapped (GTK_WIDGET (list)))
    {
      desk_record_list_open (list, uuid);
      return;
    }

  if (g_object_get_data (G_OBJECT (list), "desk-pending-open") == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (list), open_when_laid_out_cb, NULL, NULL);
  g_object_set_data_full (G_OBJECT (list), "desk-pending-open", g_strdup (uuid), g_free);
}

static DeskRecord *
find_line (DeskBudgetPage *self,
           const char     *uuid)
{
  return uuid != NULL && self->lines != NULL ? desk_record_model_find (self->lines, uuid, NULL) : NULL;
}

static DeskRecord *
find_activity (DeskBudgetPage *self,
               const char     *uuid)
{
  return uuid != NULL && uuid[0] != '\0' && self->activities != NULL ?
         desk_record_model_find (self->activities, uuid, NULL) : NULL;
}

static char *
activity_name (DeskBudgetPage *self,
               const char     *uuid)
{
  DeskRecord *activity = find_activity (self, uuid);

  if (activity == NULL)
    return g_strdup (_("Group coordination"));

  return g_strdup_printf ("%s %s", desk_record_get_string (activity, "code"),
                          desk_record_title (activity, "title", NULL));
}

static const DeskBudgetRow *
line_row (DeskBudgetPage *self,
          const char     *uuid)
{
  if (self->rows[LINE_ROWS] == NULL || uuid == NULL)
    return NULL;

  return g_hash_table_lookup (self->rows[LINE_ROWS], uuid);
}

static gboolean
line_in_workplan (DeskBudgetPage *self,
                  DeskRecord     *line)
{
  return line != NULL &&
         g_strcmp0 (desk_record_get_string (line, "workplan_uuid"), self->workplan_uuid) == 0;
}

static DeskRecord *
dup_workplan (DeskBudgetPage *self)
{
  if (self->workplan_uuid == NULL)
    return NULL;

  return desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, NULL);
}

static char *
dup_reporting_currency (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) group = NULL;

  if (self->group_uuid == NULL)
    return g_strdup ("USD");
  group = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_GROUP, self->group_uuid, NULL);

  return g_strdup (group != NULL ? desk_record_get_string (group, "currency") : "USD");
}

/* Today, or the nearest day of the workplan when today is outside it: a new expense is
 * dated inside its workplan, as core requires. */
static char *
dup_default_date (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) workplan = dup_workplan (self);
  g_autofree char *today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  const char *start, *end;

  if (workplan == NULL)
    return g_steal_pointer (&today);

  start = desk_record_get_string (workplan, "period_start");
  end = desk_record_get_string (workplan, "period_end");
  if (start != NULL && g_strcmp0 (today, start) < 0)
    return g_strdup (start);
  if (end != NULL && g_strcmp0 (today, end) > 0)
    return g_strdup (end);

  return g_steal_pointer (&today);
}

/* The record's field at fault, by validating it again, to show the message there. */
static char *
dup_bad_field (DeskBudgetPage *self,
               DeskRecord     *record)
{
  g_autofree char *bad_field = NULL;

  desk_store_validate (desk_page_get_store (DESK_PAGE (self)), record, &bad_field, NULL);

  return g_steal_pointer (&bad_field);
}

/* Cards */

static GtkWidget *
make_card (DeskBudgetPage *self,
           Card            card,
           const char     *icon_name,
           const char     *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "desk-stat-card");
  gtk_widget_add_css_class (box, "desk-budget-card");
  gtk_widget_add_css_class (image, "desk-stat-icon");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 8);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (top), image);
  gtk_box_append (GTK_BOX (top), label);

  self->card_pills[card] = desk_pill_new ("dialog-warning-symbolic",
                                          card == CARD_REMAINING ? _("Over budget") : _("Rate missing"),
                                          card == CARD_REMAINING ? "desk-over-budget" : "desk-rate-missing");
  gtk_widget_set_visible (self->card_pills[card], FALSE);
  gtk_widget_set_halign (self->card_pills[card], GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), top);

  gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 10);
  gtk_widget_add_css_class (value, "title-3");
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (box), value);

  gtk_label_set_xalign (GTK_LABEL (detail), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_lines (GTK_LABEL (detail), 2);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 16);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), detail);
  /* Under the figures, so that the cards stay narrow enough for one row. */
  gtk_box_append (GTK_BOX (box), self->card_pills[card]);

  self->card_values[card] = GTK_LABEL (value);
  self->card_details[card] = GTK_LABEL (detail);
  gtk_flow_box_append (self->cards, box);

  return box;
}

static void
set_card (DeskBudgetPage *self,
          Card            card,
          const char     *value,
          const char     *detail)
{
  gtk_label_set_label (self->card_values[card], value);
  gtk_label_set_label (self->card_details[card], detail);
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (self->card_values[card])), detail);
}

static void
update_cards (DeskBudgetPage *self)
{
  const DeskBudgetSummary *s = self->summary;
  const DeskBudgetRow *total;
  g_autofree char *budget = NULL;
  g_autofree char *spent = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *received = NULL;
  g_autofree char *cash = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *elapsed = NULL;
  gint64 variance;
  guint missing;
  int permille;

  if (s == NULL)
    return;

  total = &s->total;
  budget = format_reporting (self, desk_budget_row_budget (total, self->version));
  spent = format_reporting (self, total->spent);
  variance = desk_budget_row_variance (total, self->version);
  remaining = format_reporting (self, variance);
  received = format_reporting (self, s->received);
  cash = format_reporting (self, s->received - total->spent);
  elapsed = format_permille (s->elapsed_permille);

  detail = g_strdup (self->version == DESK_BUDGET_REVISED ?
                     _("With its revisions") : _("As first approved"));
  if (self->version == DESK_BUDGET_REVISED && total->revised != total->original)
    {
      g_autofree char *original = format_reporting (self, total->original);

      g_free (detail);
      /* Translators: under the revised budget; %s is the original one. */
      detail = g_strdup_printf (_("Revised from %s"), original);
    }
  set_card (self, CARD_BUDGET, budget, detail);

  g_clear_pointer (&detail, g_free);
  if (desk_budget_row_burn_permille (total, self->version, &permille))
    {
      g_autofree char *burn = format_permille (permille);

      /* Translators: the burn rate: the share of the budget spent against the share of
       * the workplan's time gone. */
      detail = g_strdup_printf (_("%s of the budget, with %s of the time gone"), burn, elapsed);
    }
  else
    detail = g_strdup_printf (_("No budget yet; %s of the time gone"), elapsed);
  set_card (self, CARD_SPENT, spent, detail);

  g_clear_pointer (&detail, g_free);
  if (desk_budget_row_variance_permille (total, self->version, &permille))
    {
      g_autofree char *share = format_permille (ABS (permille));

      detail = variance < 0 ?
        /* Translators: %s is a percentage of the budget. */
        g_strdup_printf (_("Over budget by %s"), share) :
        g_strdup_printf (_("%s of the budget left"), share);
    }
  else
    detail = g_strdup ("");
  set_card (self, CARD_REMAINING, remaining, detail);

  set_card (self, CARD_RECEIVED, received, _("Funding received for this workplan"));

  g_clear_pointer (&detail, g_free);
  /* Translators: under the cash in hand: received − spent. */
  detail = g_strdup_printf (_("Received %s, spent %s"), received, spent);
  set_card (self, CARD_CASH, cash, detail);

  gtk_widget_set_visible (self->card_pills[CARD_BUDGET], total->missing > 0);
  gtk_widget_set_visible (self->card_pills[CARD_SPENT], total->missing > 0);
  gtk_widget_set_visible (self->card_pills[CARD_REMAINING], desk_budget_row_is_over (total, self->version));
  gtk_widget_set_visible (self->card_pills[CARD_RECEIVED], s->received_missing > 0);
  gtk_widget_set_visible (self->card_pills[CARD_CASH], total->missing > 0 || s->received_missing > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->card_values[CARD_REMAINING]), TRUE);
  if (variance < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->card_values[CARD_REMAINING]), "desk-over-budget");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->card_values[CARD_REMAINING]), "desk-over-budget");

  missing = total->missing + s->received_missing;
  if (missing > 0 || s->problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (missing > 0)
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u amount has no exchange rate — add the rate to include it",
                                             "%u amounts have no exchange rate — add the rates to include them",
                                             missing), missing);
      /* Figures too large to count are left out of the totals too: say which, so that
       * the totals never look exact when they are not. */
      for (guint i = 0; i < s->problems->len && i < 3; i++)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (s->problems, i));
      gtk_label_set_label (self->missing_label, text->str);
    }
  gtk_widget_set_visible (self->missing_banner, missing > 0 || s->problems->len > 0);
}

/* Summary tables */

static GtkWidget *
make_figure_label (void)
{
  GtkWidget *cell = desk_cell_label_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 8);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_widget_add_css_class (cell, "numeric");

  return cell;
}

static GtkWidget *
make_status_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *over = desk_pill_new ("dialog-warning-symbolic", _("Over budget"), "desk-over-budget");
  GtkWidget *missing = desk_pill_new ("dialog-warning-symbolic", _("Rate missing"), "desk-rate-missing");

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), over);
  gtk_box_append (GTK_BOX (box), missing);

  return box;
}

static void
set_status_box (GtkWidget *box,
                gboolean   over,
                gboolean   missing)
{
  GtkWidget *over_pill = gtk_widget_get_first_child (box);

  gtk_widget_set_visible (over_pill, over);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (over_pill), missing);
}

/* The text of figure @which of @row, in the reporting currency. */
static char *
row_figure_text (DeskBudgetPage      *self,
                 const DeskBudgetRow *row,
                 int                  which)
{
  int permille;

  if (row == NULL)
    return g_strdup ("");

  switch (which)
    {
    case FIG_BUDGET:
      return format_reporting (self, desk_budget_row_budget (row, self->version));
    case FIG_SPENT:
      return format_reporting (self, row->spent);
    case FIG_VARIANCE:
      return format_reporting (self, desk_budget_row_variance (row, self->version));
    case FIG_PERCENT:
      if (!desk_budget_row_burn_permille (row, self->version, &permille))
        return g_strdup ("—");
      return format_permille (permille);
    default:
      return g_strdup ("");
    }
}

static void
summary_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  Column                   *column)
{
  GtkWidget *cell;

  if (column->which == SUM_NAME)
    {
      cell = desk_cell_label_new (NULL);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 10);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 30);
    }
  else if (column->which == SUM_STATUS)
    cell = make_status_box ();
  else
    cell = make_figure_label ();

  gtk_list_item_set_child (item, cell);
}

static void
summary_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 Column                   *column)
{
  DeskBudgetPage *self = column->page;
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const DeskBudgetRow *row = self->rows[column->table] != NULL ?
                             g_hash_table_lookup (self->rows[column->table], key) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (item);

  switch (column->which)
    {
    case SUM_NAME:
      {
        g_autofree char *name = NULL;

        if (column->table == TABLE_ACTIVITIES)
          name = activity_name (self, key);
        else
          name = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category", key);
        desk_cell_set_text (cell, name);
        gtk_widget_set_tooltip_text (cell, name);
      }
      break;

    case SUM_STATUS:
      set_status_box (cell, row != NULL && desk_budget_row_is_over (row, self->version),
                      row != NULL && row->missing > 0);
      break;

    default:
      {
        static const int figures[] = { -1, FIG_BUDGET, FIG_SPENT, FIG_VARIANCE, FIG_PERCENT };
        g_autofree char *text = row_figure_text (self, row, figures[column->which]);

        desk_cell_set_text (cell, text);
      }
      break;
    }
}

static void
add_summary_columns (DeskBudgetPage *self,
                     Table           table,
                     GtkColumnView  *view)
{
  const char *titles[N_SUM_COLUMNS] = {
    table == TABLE_ACTIVITIES ? C_("column", "Activity") : C_("column", "Category"),
    C_("column", "Budget"), C_("column", "Spent"), C_("column", "Variance"),
    C_("column", "Spent %"), NULL,
  };
  GtkNoSelection *selection;

  self->table_keys[table] = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->table_keys[table])));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  for (int i = 0; i < N_SUM_COLUMNS; i++)
    {
      Column *column = &self->summary_columns[table][i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;

      column->page = self;
      column->which = i;
      column->table = table;
      g_signal_connect (factory, "setup", G_CALLBACK (summary_setup_cb), column);
      g_signal_connect (factory, "bind", G_CALLBACK (summary_bind_cb), column);
      view_column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_expand (view_column, i == SUM_NAME);
      gtk_column_view_append_column (view, view_column);
      g_object_unref (view_column);
    }
}

static void
update_tables (DeskBudgetPage *self)
{
  if (self->summary == NULL)
    return;

  for (int t = 0; t < N_TABLES; t++)
    {
      GPtrArray *rows = t == TABLE_ACTIVITIES ? self->summary->activities : self->summary->categories;
      g_autofree const char **keys = g_new0 (const char *, rows->len + 1);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->table_keys[t]));

      for (guint i = 0; i < rows->len; i++)
        keys[i] = ((DeskBudgetRow *) g_ptr_array_index (rows, i))->key;
      gtk_string_list_splice (self->table_keys[t], 0, n, keys);
    }
  self->tables_dirty = FALSE;
}

/* The summary */

static void
refresh_summary (DeskBudgetPage *self)
{
  g_autoptr(GError) error = NULL;
  DeskBudgetSummary *summary;
  GHashTableIter iter;
  gpointer cell;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  summary = desk_budget_summarise (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, &error);
  if (summary == NULL)
    {
      g_warning ("Could not sum up the budget: %s", error->message);
      return;
    }

  for (int t = 0; t <= N_TABLES; t++)
    g_clear_pointer (&self->rows[t], g_hash_table_unref);
  g_clear_pointer (&self->summary, desk_budget_summary_free);
  self->summary = summary;

  for (int t = 0; t <= N_TABLES; t++)
    {
      GPtrArray *rows = t == TABLE_ACTIVITIES ? summary->activities :
                        t == TABLE_CATEGORIES ? summary->categories : summary->lines;

      self->rows[t] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < rows->len; i++)
        {
          DeskBudgetRow *row = g_ptr_array_index (rows, i);

          g_hash_table_insert (self->rows[t], row->key, row);
        }
    }

  {
    g_autofree char *name = desk_currency_name (summary->currency);
    /* Translators: in the Budget page's bar: “Reporting currency: Ghanaian cedi (GHS)”. */
    g_autofree char *text = g_strdup_printf (_("Reporting currency: %s (%s)"),
                                             name != NULL ? name : summary->currency, summary->currency);

    gtk_label_set_label (self->currency_label, text);
  }

  update_cards (self);

  g_hash_table_iter_init (&iter, self->figure_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    fill_figure_cell (self, cell);

  /* The over-budget filter reads the summary. */
  if (gtk_toggle_button_get_active (self->over_toggle))
    desk_record_list_refilter (self->line_list, GTK_FILTER_CHANGE_DIFFERENT);

  self->tables_dirty = TRUE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "summary") == 0)
    update_tables (self);

  self->refresh_count++;
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DeskBudgetPage *self = user_data;

  self->refresh_id = 0;
  refresh_summary (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (DeskBudgetPage *self)
{
  /* Before the next frame is laid out (GDK_PRIORITY_REDRAW), so that no frame shows the
   * old figures beside the new record. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_idle_cb, self, NULL);
}

/* Cells of the lists */

static void
figure_cell_gone_cb (gpointer  user_data,
                     GObject  *cell)
{
  DeskBudgetPage *self = user_data;

  g_hash_table_remove (self->figure_cells, cell);
}

static GtkWidget *
setup_figure (gpointer user_data)
{
  Column *column = user_data;
  DeskBudgetPage *self = column->page;
  GtkWidget *cell = column->which == FIG_STATUS ? make_status_box () : make_figure_label ();

  g_object_set_data (G_OBJECT (cell), "desk-figure", GINT_TO_POINTER (column->which));
  g_hash_table_add (self->figure_cells, cell);
  g_object_weak_ref (G_OBJECT (cell), figure_cell_gone_cb, self);

  return cell;
}

static void
fill_figure_cell (DeskBudgetPage *self,
                  GtkWidget      *cell)
{
  int which = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "desk-figure"));
  const char *uuid = g_object_get_data (G_OBJECT (cell), "desk-uuid");
  const DeskBudgetRow *row = line_row (self, uuid);

  if (uuid == NULL)
    return;

  if (which == FIG_STATUS)
    {
      DeskRecord *line = find_line (self, uuid);
      gboolean over = row != NULL && desk_budget_row_is_over (row, self->version);

      set_status_box (cell, over, row != NULL && row->missing > 0);
      (void) line;
      return;
    }

  {
    g_autofree char *text = row_figure_text (self, row, which);

    desk_cell_set_text (cell, text);
    if (which == FIG_VARIANCE && row != NULL && desk_budget_row_variance (row, self->version) < 0)
      gtk_widget_add_css_class (cell, "desk-over-budget");
    else
      gtk_widget_remove_css_class (cell, "desk-over-budget");
  }
}

static void
bind_figure (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  Column *column = user_data;

  g_object_set_data_full (G_OBJECT (cell), "desk-uuid", g_strdup (desk_record_get_uuid (record)), g_free);
  fill_figure_cell (column->page, cell);
}

static int
compare_figure (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Column *column = user_data;
  DeskBudgetPage *self = column->page;
  const DeskBudgetRow *x = line_row (self, desk_record_get_uuid ((DeskRecord *) a));
  const DeskBudgetRow *y = line_row (self, desk_record_get_uuid ((DeskRecord *) b));
  gint64 vx = 0, vy = 0;
  int px = 0, py = 0;

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);

  switch (column->which)
    {
    case FIG_BUDGET:
      vx = desk_budget_row_budget (x, self->version);
      vy = desk_budget_row_budget (y, self->version);
      break;
    case FIG_SPENT:
      vx = x->spent;
      vy = y->spent;
      break;
    case FIG_VARIANCE:
      vx = desk_budget_row_variance (x, self->version);
      vy = desk_budget_row_variance (y, self->version);
      break;
    case FIG_PERCENT:
      desk_budget_row_burn_permille (x, self->version, &px);
      desk_budget_row_burn_permille (y, self->version, &py);
      vx = px;
      vy = py;
      break;
    default:
      vx = desk_budget_row_is_over (x, self->version);
      vy = desk_budget_row_is_over (y, self->version);
      return vx > vy ? -1 : vx < vy ? 1 : 0;
    }

  return vx < vy ? -1 : vx > vy ? 1 : 0;
}

static void
bind_line_activity (GtkWidget  *cell,
                    DeskRecord *record,
                    gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *activity = find_activity (self, desk_record_get_string (record, "activity_uuid"));

  desk_cell_set_text (cell, activity != NULL ? desk_record_get_string (activity, "code") :
                      C_("budget line", "Group"));
  gtk_widget_set_tooltip_text (cell, activity != NULL ? desk_record_title (activity, "title", NULL) :
                               _("Group coordination"));
}

static int
compare_line_activity (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *x = find_activity (self, desk_record_get_string ((DeskRecord *) a, "activity_uuid"));
  DeskRecord *y = find_activity (self, desk_record_get_string ((DeskRecord *) b, "activity_uuid"));

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);

  return desk_record_compare_field (x, y, (gpointer) "code");
}

static void
bind_category (GtkWidget  *cell,
               DeskRecord *record,
               gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  g_autofree char *label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category",
                                                 desk_record_get_string (record, "category"));

  desk_cell_set_text (cell, label);
}

static void
bind_description (GtkWidget  *cell,
                  DeskRecord *record,
                  gpointer    user_data)
{
  const char *hint = NULL;
  const char *text = desk_record_title (record, "description", &hint);

  desk_cell_title_set (cell, text, hint);
}

static void
bind_field (GtkWidget  *cell,
            DeskRecord *record,
            gpointer    user_data)
{
  desk_cell_set_text (cell, desk_record_get_string (record, user_data));
}

static void
bind_date (GtkWidget  *cell,
           DeskRecord *record,
           gpointer    user_data)
{
  g_autofree char *text = desk_date_format (desk_record_get_string (record, user_data), DESK_DATE_SHORT);

  desk_cell_set_text (cell, text);
}

static GtkWidget *
setup_amount (gpointer user_data)
{
  return make_figure_label ();
}

/* An amount in its own currency, with the sign core stores: a refund shows negative. */
static void
bind_amount (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  const char *currency = desk_record_get_string (record, "currency");
  g_autofree char *text = desk_money_format (desk_record_get_int (record, "amount_minor"), currency,
                                             decimals_of (self, currency));

  desk_cell_set_text (cell, text);
}

static void
bind_expense_line (GtkWidget  *cell,
                   DeskRecord *record,
                   gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *line = find_line (self, desk_record_get_string (record, "budget_line_uuid"));

  desk_cell_set_text (cell, line != NULL ? desk_record_title (line, "description", NULL) : NULL);
}

static void
bind_expense_activity (GtkWidget  *cell,
                       DeskRecord *record,
                       gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *line = find_line (self, desk_record_get_string (record, "budget_line_uuid"));

  if (line != NULL)
    bind_line_activity (cell, line, self);
  else
    desk_cell_set_text (cell, NULL);
}

static GtkWidget *
setup_refund (gpointer user_data)
{
  GtkWidget *pill = desk_pill_new ("edit-undo-symbolic", C_("expense", "Refund"), "desk-refund");

  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  return pill;
}

static void
bind_refund (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  gtk_widget_set_visible (cell, desk_record_get_int (record, "is_refund") != 0);
}

static void
bind_source (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  g_autofree char *label = desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_FUNDING, "source",
                                                 desk_record_get_string (record, "source"));

  desk_cell_set_text (cell, label);
}

static void
bind_rate (GtkWidget  *cell,
           DeskRecord *record,
           gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  g_autofree char *rate = desk_rate_format (desk_record_get_int (record, "rate_mantissa"),
                                            (int) desk_record_get_int (record, "rate_scale"));
  g_autofree char *reporting = self->summary != NULL ? g_strdup (self->summary->currency) :
                                                       dup_reporting_currency (self);
  /* Translators: an exchange rate: “1 USD = 15.5 GHS”. */
  g_autofree char *text = g_strdup_printf (_("1 %s = %s %s"), desk_record_get_string (record, "currency"),
                                           rate, reporting);

  desk_cell_set_text (cell, text);
}

static int
compare_rate (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int c = desk_record_compare_field (a, b, (gpointer) "currency");

  return c != 0 ? c : desk_record_compare_field (a, b, (gpointer) "valid_from");
}

/* Columns whose cells need the page sort by a field all the same. */

static int
compare_category (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return desk_record_compare_field (a, b, (gpointer) "category");
}

static int
compare_source (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return desk_record_compare_field (a, b, (gpointer) "source");
}

static int
compare_amount (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return desk_record_compare_field (a, b, (gpointer) "amount_minor");
}

/* Filters */

static gboolean
line_matches (DeskRecord *record,
              gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  const char *category = desk_filter_dropdown_get_code (self->category_filter);

  if (!line_in_workplan (self, record))
    return FALSE;
  if (category != NULL && g_strcmp0 (desk_record_get_string (record, "category"), category) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (self->over_toggle))
    {
      const DeskBudgetRow *row = line_row (self, desk_record_get_uuid (record));

      if (row == NULL || !desk_budget_row_is_over (row, self->version))
        return FALSE;
    }

  return TRUE;
}

static gboolean
expense_matches (DeskRecord *record,
                 gpointer    user_data)
{
  DeskBudgetPage *self = user_data;

  return line_in_workplan (self, find_line (self, desk_record_get_string (record, "budget_line_uuid")));
}

static gboolean
funding_matches (DeskRecord *record,
                 gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  const char *workplan = desk_record_get_string (record, "workplan_uuid");

  return workplan == NULL || workplan[0] == '\0' || g_strcmp0 (workplan, self->workplan_uuid) == 0;
}

static void
line_filter_changed_cb (DeskBudgetPage *self)
{
  desk_record_list_refilter (self->line_list, GTK_FILTER_CHANGE_DIFFERENT);
}

/* The open line's totals */

static DeskRecord *
dup_latest_revision (DeskBudgetPage *self,
                     const char     *line_uuid)
{
  g_autoptr(GPtrArray) revisions = desk_store_list_by (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_REVISION,
                                                       "budget_line_uuid", line_uuid, NULL);
  DeskRecord *latest = NULL;

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (revisions, i);

      if (latest == NULL || g_strcmp0 (desk_record_get_string (r, "revised_on"),
                                       desk_record_get_string (latest, "revised_on")) >= 0)
        latest = r;
    }

  return latest != NULL ? g_object_ref (latest) : NULL;
}

static void
update_line_totals (DeskBudgetPage *self)
{
  DeskRecord *line = self->line_editor != NULL ? desk_record_editor_get_record (self->line_editor) : NULL;
  g_autoptr(DeskRecord) revision = NULL;
  g_autofree char *original = NULL;
  g_autofree char *revised = NULL;
  const char *currency;
  gint64 total;
  int decimals;

  if (line == NULL)
    return;

  currency = desk_record_get_string (line, "currency");
  decimals = decimals_of (self, currency);
  if (desk_budget_line_total (desk_page_get_store (DESK_PAGE (self)), line, DESK_BUDGET_ORIGINAL, &total, NULL))
    original = desk_money_format (total, currency, decimals);
  if (desk_budget_line_total (desk_page_get_store (DESK_PAGE (self)), line, DESK_BUDGET_REVISED, &total, NULL))
    revised = desk_money_format (total, currency, decimals);

  adw_action_row_set_subtitle (self->original_row, original != NULL ? original : "—");
  adw_action_row_set_subtitle (self->revised_row, revised != NULL ? revised : "—");

  revision = dup_latest_revision (self, desk_record_get_uuid (line));
  gtk_widget_set_visible (GTK_WIDGET (self->revision_row), revision != NULL);
  if (revision != NULL)
    {
      g_autofree char *date = desk_date_format (desk_record_get_string (revision, "revised_on"), DESK_DATE_LONG);
      /* Translators: the latest revision of a budget line: its date and its reason. */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), date, desk_record_get_string (revision, "reason"));

      adw_action_row_set_subtitle (self->revision_row, text);
    }
}

/* The rate row of the rate editor */

static void
show_rate_error (DeskBudgetPage *self,
                 const char     *message)
{
  gtk_label_set_label (self->rate_error_label, message);
  gtk_widget_set_visible (self->rate_error_row, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->rate_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rate_row), "error");
}

static void
fill_rate_row (DeskBudgetPage *self)
{
  DeskRecord *rate = desk_record_editor_get_record (self->rate_editor);
  g_autofree char *text = NULL;
  g_autofree char *reporting = dup_reporting_currency (self);
  g_autofree char *title = NULL;

  if (rate != NULL)
    text = desk_rate_format (desk_record_get_int (rate, "rate_mantissa"),
                             (int) desk_record_get_int (rate, "rate_scale"));
  /* Translators: the title of the rate's entry: “Rate, in GHS for 1 USD”. */
  title = g_strdup_printf (_("Rate, in %s for 1 %s"), reporting,
                           rate != NULL ? desk_record_get_string (rate, "currency") : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rate_row), title);
  adw_entry_row_set_show_apply_button (self->rate_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->rate_row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (self->rate_row, TRUE);
  show_rate_error (self, NULL);
}

static void
rate_applied_cb (DeskBudgetPage *self)
{
  DeskRecord *rate = desk_record_editor_get_record (self->rate_editor);
  g_autoptr(DeskRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 mantissa;
  int scale;

  if (rate == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rate_row))));
  if (!desk_rate_parse (text, &mantissa, &scale, &error))
    {
      show_rate_error (self, error->message);
      return;
    }

  copy = desk_record_copy (rate);
  desk_record_set_int (copy, "rate_mantissa", mantissa);
  desk_record_set_int (copy, "rate_scale", scale);
  if (desk_record_equal (copy, rate))
    {
      show_rate_error (self, NULL);
      return;
    }
  if (!desk_history_update (desk_page_get_history (DESK_PAGE (self)), copy, &error))
    {
      show_rate_error (self, error->message);
      return;
    }
  show_rate_error (self, NULL);
}

static void
rate_focus_left_cb (DeskBudgetPage *self)
{
  DeskRecord *rate = desk_record_editor_get_record (self->rate_editor);
  g_autofree char *saved = NULL;

  if (rate == NULL)
    return;

  saved = desk_rate_format (desk_record_get_int (rate, "rate_mantissa"),
                            (int) desk_record_get_int (rate, "rate_scale"));
  if (g_strcmp0 (saved, gtk_editable_get_text (GTK_EDITABLE (self->rate_row))) != 0)
    rate_applied_cb (self);
}

/* Store */

static void
store_changed_cb (DeskStore      *store,
                  const char     *kind,
                  const char     *uuid,
                  DeskBudgetPage *self)
{
  static const char * const read[] = {
    "budget_line", "budget_revision", "expense", "funding", "rate", "activity", "workplan", "group",
  };
  gboolean relevant = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    if (g_str_equal (kind, read[i]))
      relevant = TRUE;
  if (!relevant)
    return;

  queue_refresh (self);

  if (self->line_editor != NULL && desk_record_editor_get_record (self->line_editor) != NULL &&
      (g_str_equal (kind, "budget_line") || g_str_equal (kind, "budget_revision")))
    update_line_totals (self);

  if (g_str_equal (kind, "rate") && self->rate_editor != NULL)
    {
      DeskRecord *rate = desk_record_editor_get_record (self->rate_editor);

      if (rate != NULL && g_strcmp0 (uuid, desk_record_get_uuid (rate)) == 0 &&
          !gtk_widget_get_visible (self->rate_error_row))
        fill_rate_row (self);
    }
}

/* Workplans */

static const char *
pick_workplan (DeskBudgetPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workplans));
  const char *pick = NULL;

  /* The latest plan that is not closed, else the latest, as the Workplan page does. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->workplans), i);

      if (pick == NULL || g_strcmp0 (desk_record_get_string (record, "status"), "closed") != 0)
        pick = desk_record_get_uuid (record);
    }

  return pick;
}

static void
update_header (DeskBudgetPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workplans));
  guint selected = GTK_INVALID_LIST_POSITION;
  g_autoptr(DeskRecord) workplan = dup_workplan (self);

  g_ptr_array_set_size (self->workplan_uuids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->workplans), i);

      g_ptr_array_add (self->workplan_uuids, g_strdup (desk_record_get_uuid (record)));
      gtk_string_list_append (strings, desk_record_title (record, "title", NULL));
      if (g_strcmp0 (desk_record_get_uuid (record), self->workplan_uuid) == 0)
        selected = i;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->workplan_dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->workplan_dropdown, selected);
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->workplan_dropdown), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->workplan_title), n <= 1);
  gtk_label_set_label (self->workplan_title, workplan != NULL ? desk_record_title (workplan, "title", NULL) : "");

  gtk_stack_set_visible_child_name (self->main_stack, self->workplan_uuid != NULL ? "budget" : "empty");
}

static void
show_workplan (DeskBudgetPage *self,
               const char     *uuid)
{
  if (g_strcmp0 (uuid, self->workplan_uuid) != 0)
    {
      g_free (self->workplan_uuid);
      self->workplan_uuid = g_strdup (uuid);
      desk_record_list_close_editor (self->line_list);
      desk_record_list_close_editor (self->expense_list);
      desk_record_list_close_editor (self->funding_list);
      refresh_summary (self);
      desk_record_list_refilter (self->line_list, GTK_FILTER_CHANGE_DIFFERENT);
      desk_record_list_refilter (self->expense_list, GTK_FILTER_CHANGE_DIFFERENT);
      desk_record_list_refilter (self->funding_list, GTK_FILTER_CHANGE_DIFFERENT);
    }

  update_header (self);
}

static void
workplans_changed_cb (DeskBudgetPage *self)
{
  const char *uuid = self->workplan_uuid;

  if (uuid == NULL || desk_record_model_find (self->workplans, uuid, NULL) == NULL)
    uuid = pick_workplan (self);
  show_workplan (self, uuid);
}

/* Building */

static DeskRecordList *
make_list (DeskBudgetPage *self,
           AdwBin         *bin,
           GCallback       open_cb,
           GCallback       new_cb)
{
  DeskRecordList *list = desk_record_list_new_in (bin, open_cb, new_cb, self);

  desk_record_list_set_history (list, desk_page_get_history (DESK_PAGE (self)));
  return list;
}

static void
build_lines (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) categories = NULL;
  GtkColumnViewColumn *column;
  GtkWidget *toggle_box;
  AdwPreferencesGroup *group;
  GtkWidget *button;
  GtkBox *box;
  DeskRecordList *list;

  list = self->line_list = make_list (self, self->lines_bin, G_CALLBACK (line_open_cb), G_CALLBACK (line_new_cb));
  column = desk_record_list_add_column (list, C_("column", "Activity"), NULL, bind_line_activity,
                                        compare_line_activity, self, FALSE);
  desk_record_list_fix_width (column, 7);
  column = desk_record_list_add_column (list, C_("column", "Category"), NULL, bind_category,
                                        compare_category, self, FALSE);
  desk_record_list_fix_width (column, 14);
  desk_record_list_add_column (list, C_("column", "Description"), desk_cell_title_new, bind_description,
                               desk_record_compare_narrative, (gpointer) "description", TRUE);
  {
    const char *titles[N_FIGS] = { C_("column", "Budget"), C_("column", "Spent"), C_("column", "Variance"),
                                   C_("column", "%"), NULL };
    const int widths[N_FIGS] = { 14, 14, 14, 7, 22 };

    for (int i = 0; i < N_FIGS; i++)
      {
        self->columns[i].page = self;
        self->columns[i].which = i;
        column = desk_record_list_add_column (list, titles[i] != NULL ? titles[i] : "", setup_figure, bind_figure,
                                              compare_figure, &self->columns[i], FALSE);
        desk_record_list_fix_width (column, widths[i]);
      }
  }
  desk_record_list_set_new_tooltip (list, _("New Budget Line (Ctrl+N)"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Budget Lines"),
                                   _("Add a line for each cost of the workplan’s activities, and for "
                                     "the group’s own coordination, or change the filters."));

  box = desk_record_list_get_filter_box (list);
  categories = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category");
  self->category_filter = desk_filter_dropdown_new (_("All Categories"), categories);
  g_signal_connect_swapped (self->category_filter, "notify::selected", G_CALLBACK (line_filter_changed_cb), self);
  gtk_box_append (box, self->category_filter);

  self->over_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  toggle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (toggle_box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (toggle_box), gtk_label_new_with_mnemonic (_("O_ver Budget")));
  gtk_button_set_child (GTK_BUTTON (self->over_toggle), toggle_box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->over_toggle), _("Show only lines that spent more than their budget"));
  g_signal_connect_swapped (self->over_toggle, "toggled", G_CALLBACK (line_filter_changed_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->over_toggle));

  self->line_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE));
  desk_record_editor_add_group (self->line_editor, NULL, line_layout_main);
  desk_record_editor_add_group (self->line_editor, _("Cost"), line_layout_cost);

  group = desk_record_editor_add_group (self->line_editor, _("Line Total"), no_fields);
  self->original_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->original_row), _("Original total"));
  gtk_widget_add_css_class (GTK_WIDGET (self->original_row), "desk-property");
  gtk_widget_add_css_class (GTK_WIDGET (self->original_row), "property");
  adw_preferences_group_add (group, GTK_WIDGET (self->original_row));
  self->revised_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->revised_row), _("Revised total"));
  gtk_widget_add_css_class (GTK_WIDGET (self->revised_row), "desk-property");
  button = gtk_button_new_with_mnemonic (_("_Revise…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "budget.revise");
  gtk_widget_set_tooltip_text (button, _("Record a revision of this line: new figures, the day and the reason"));
  adw_action_row_add_suffix (self->revised_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->revised_row));
  self->revision_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->revision_row), _("Latest revision"));
  adw_action_row_set_subtitle_lines (self->revision_row, 3);
  gtk_widget_add_css_class (GTK_WIDGET (self->revision_row), "desk-property");
  adw_preferences_group_add (group, GTK_WIDGET (self->revision_row));

  desk_record_editor_add_group (self->line_editor, NULL, line_layout_notes);
  desk_record_list_set_editor (list, GTK_WIDGET (self->line_editor));
  desk_record_list_set_match_func (list, line_matches, self);
}

static void
build_expenses (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  DeskRecordList *list;

  list = self->expense_list = make_list (self, self->expenses_bin, G_CALLBACK (expense_open_cb),
                                         G_CALLBACK (expense_new_cb));
  column = desk_record_list_add_column (list, C_("column", "Date"), NULL, bind_date,
                                        desk_record_compare_field, (gpointer) "date", FALSE);
  desk_record_list_fix_width (column, 11);
  column = desk_record_list_add_column (list, C_("column", "Activity"), NULL, bind_expense_activity, NULL,
                                        self, FALSE);
  desk_record_list_fix_width (column, 7);
  desk_record_list_add_column (list, C_("column", "Budget line"), NULL, bind_expense_line, NULL, self, TRUE);
  column = desk_record_list_add_column (list, C_("column", "Payee"), NULL, bind_field,
                                        desk_record_compare_field, (gpointer) "payee", FALSE);
  desk_record_list_fix_width (column, 16);
  column = desk_record_list_add_column (list, C_("column", "Amount"), setup_amount, bind_amount,
                                        compare_amount, self, FALSE);
  desk_record_list_fix_width (column, 14);
  column = desk_record_list_add_column (list, "", setup_refund, bind_refund, NULL, self, FALSE);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_column (list, C_("column", "Receipt"), NULL, bind_field,
                                        desk_record_compare_field, (gpointer) "reference", FALSE);
  desk_record_list_fix_width (column, 10);
  desk_record_list_set_new_tooltip (list, _("New Expense (Ctrl+N)"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Expenses"),
                                   _("Record what was spent against the budget lines, with the receipt."));

  self->expense_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_EXPENSE));
  desk_record_editor_add_group (self->expense_editor, NULL, expense_layout_main);
  desk_record_editor_add_group (self->expense_editor, _("Receipt"), expense_layout_receipt);
  desk_record_editor_set_sign_switch (self->expense_editor, "amount_minor", "is_refund");
  gtk_widget_set_tooltip_text (desk_record_editor_get_row (self->expense_editor, "is_refund"),
                               _("Money given back: the amount is entered as it is and counted off "
                                 "what was spent"));
  desk_record_list_set_editor (list, GTK_WIDGET (self->expense_editor));
  desk_record_list_set_match_func (list, expense_matches, self);
}

static void
build_funding (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  DeskRecordList *list;

  list = self->funding_list = make_list (self, self->funding_bin, G_CALLBACK (funding_open_cb),
                                         G_CALLBACK (funding_new_cb));
  column = desk_record_list_add_column (list, C_("column", "Date"), NULL, bind_date,
                                        desk_record_compare_field, (gpointer) "date", FALSE);
  desk_record_list_fix_width (column, 11);
  desk_record_list_add_column (list, C_("column", "Source"), NULL, bind_source,
                               compare_source, self, TRUE);
  column = desk_record_list_add_column (list, C_("column", "Amount"), setup_amount, bind_amount,
                                        compare_amount, self, FALSE);
  desk_record_list_fix_width (column, 16);
  column = desk_record_list_add_column (list, C_("column", "Reference"), NULL, bind_field,
                                        desk_record_compare_field, (gpointer) "reference", FALSE);
  desk_record_list_fix_width (column, 14);
  desk_record_list_set_new_tooltip (list, _("New Funding Receipt (Ctrl+N)"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Funding Received"),
                                   _("Record each sum the group received, with its source."));

  self->funding_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_FUNDING));
  desk_record_editor_add_group (self->funding_editor, NULL, funding_layout);
  desk_record_list_set_editor (list, GTK_WIDGET (self->funding_editor));
  desk_record_list_set_match_func (list, funding_matches, self);
}

static void
build_rates (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  AdwPreferencesGroup *group;
  GtkEventController *focus;
  DeskRecordList *list;

  list = self->rate_list = make_list (self, self->rates_bin, G_CALLBACK (rate_open_cb), G_CALLBACK (rate_new_cb));
  column = desk_record_list_add_column (list, C_("column", "Currency"), NULL, bind_field,
                                        compare_rate, (gpointer) "currency", FALSE);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_column (list, C_("column", "Valid from"), NULL, bind_date,
                                        desk_record_compare_field, (gpointer) "valid_from", FALSE);
  desk_record_list_fix_width (column, 12);
  desk_record_list_add_column (list, C_("column", "Rate"), NULL, bind_rate, NULL, self, TRUE);
  column = desk_record_list_add_column (list, C_("column", "Source"), NULL, bind_field,
                                        desk_record_compare_field, (gpointer) "source", FALSE);
  desk_record_list_fix_width (column, 18);
  desk_record_list_set_new_tooltip (list, _("New Exchange Rate (Ctrl+N)"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Exchange Rates"),
                                   _("Amounts in other currencies count in the totals once their rate "
                                     "to the reporting currency is known."));

  self->rate_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_RATE));
  group = desk_record_editor_add_group (self->rate_editor, NULL, rate_layout_main);
  self->rate_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_entry_row_set_show_apply_button (self->rate_row, TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (self->rate_row), 0.0f);
  g_signal_connect_swapped (self->rate_row, "apply", G_CALLBACK (rate_applied_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (rate_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->rate_row), focus);
  adw_preferences_group_add (group, GTK_WIDGET (self->rate_row));
  self->rate_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->rate_error_label, TRUE);
  gtk_label_set_xalign (self->rate_error_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->rate_error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->rate_error_label), "desk-field-error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->rate_error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->rate_error_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->rate_error_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->rate_error_label), 6);
  self->rate_error_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->rate_error_row), FALSE);
  gtk_widget_set_focusable (self->rate_error_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->rate_error_row), GTK_WIDGET (self->rate_error_label));
  gtk_widget_set_visible (self->rate_error_row, FALSE);
  adw_preferences_group_add (group, self->rate_error_row);
  desk_record_editor_add_group (self->rate_editor, NULL, rate_layout_source);
  desk_record_list_set_editor (list, GTK_WIDGET (self->rate_editor));
}

static gboolean
desk_budget_page_build (DeskPage *page)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  g_autoptr(DeskRecord) group = NULL;

  if (desk_page_get_history (page) == NULL)
    return FALSE;

  group = desk_store_dup_main_group (store);
  if (group == NULL)
    return FALSE;

  self->group_uuid = g_strdup (desk_record_get_uuid (group));

  make_card (self, CARD_BUDGET, "accessories-calculator-symbolic", _("Budget"));
  make_card (self, CARD_SPENT, "document-send-symbolic", _("Spent"));
  make_card (self, CARD_REMAINING, "emblem-ok-symbolic", _("Remaining"));
  make_card (self, CARD_RECEIVED, "folder-download-symbolic", _("Received"));
  make_card (self, CARD_CASH, "emblem-documents-symbolic", _("Cash in Hand"));

  build_lines (self);
  build_expenses (self);
  build_funding (self);
  build_rates (self);
  add_summary_columns (self, TABLE_ACTIVITIES, self->activity_view);
  add_summary_columns (self, TABLE_CATEGORIES, self->category_view);

  self->workplans = desk_record_model_new (store, DESK_KIND_WORKPLAN, self->group_uuid);
  self->activities = desk_record_model_new (store, DESK_KIND_ACTIVITY, self->group_uuid);
  self->lines = desk_record_model_new (store, DESK_KIND_BUDGET_LINE, self->group_uuid);
  self->expenses = desk_record_model_new (store, DESK_KIND_EXPENSE, self->group_uuid);
  self->funding = desk_record_model_new (store, DESK_KIND_FUNDING, self->group_uuid);
  self->rates = desk_record_model_new (store, DESK_KIND_RATE, self->group_uuid);
  g_signal_connect_swapped (self->workplans, "items-changed", G_CALLBACK (workplans_changed_cb), self);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  show_workplan (self, pick_workplan (self));
  desk_record_list_set_model (self->line_list, self->lines);
  desk_record_list_set_model (self->expense_list, self->expenses);
  desk_record_list_set_model (self->funding_list, self->funding);
  desk_record_list_set_model (self->rate_list, self->rates);

  return TRUE;
}

/* Opening records */

static void
line_open_cb (DeskBudgetPage *self,
              const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, uuid, NULL);
  const char *hint = NULL;

  desk_record_editor_set_record (self->line_editor, record);
  desk_record_list_set_editor_title (self->line_list,
                                     record != NULL ? desk_record_title (record, "description", &hint) : "",
                                     hint);
  update_line_totals (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.revise", record != NULL);
}

/* An expense or a funding receipt: its editor titled with its amount and date. */
static void
open_dated_amount (DeskBudgetPage   *self,
                   const DeskKind   *kind,
                   DeskRecordEditor *editor,
                   DeskRecordList   *list,
                   const char       *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (desk_page_get_store (DESK_PAGE (self)), kind, uuid, NULL);
  g_autofree char *title = NULL;

  desk_record_editor_set_record (editor, record);
  if (record != NULL)
    {
      const char *currency = desk_record_get_string (record, "currency");
      g_autofree char *amount = desk_money_format (desk_record_get_int (record, "amount_minor"), currency,
                                                   decimals_of (self, currency));
      g_autofree char *date = desk_date_format (desk_record_get_string (record, "date"), DESK_DATE_LONG);

      /* Translators: an expense's or a receipt's title in its editor: its amount and date. */
      title = g_strdup_printf (_("%s on %s"), amount, date);
    }
  desk_record_list_set_editor_title (list, title != NULL ? title : "", NULL);
}

static void
expense_open_cb (DeskBudgetPage *self,
                 const char     *uuid)
{
  open_dated_amount (self, DESK_KIND_EXPENSE, self->expense_editor, self->expense_list, uuid);
}

static void
funding_open_cb (DeskBudgetPage *self,
                 const char     *uuid)
{
  open_dated_amount (self, DESK_KIND_FUNDING, self->funding_editor, self->funding_list, uuid);
}

static void
rate_open_cb (DeskBudgetPage *self,
              const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_RATE, uuid, NULL);
  g_autofree char *title = NULL;

  desk_record_editor_set_record (self->rate_editor, record);
  fill_rate_row (self);
  if (record != NULL)
    /* Translators: an exchange rate's title in its editor: “USD rate”. */
    title = g_strdup_printf (_("%s Rate"), desk_record_get_string (record, "currency"));
  desk_record_list_set_editor_title (self->rate_list, title != NULL ? title : "", NULL);
}

/* New records */

static void
line_new_cb (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) open = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *description_field = NULL;
  const char *uuid;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  /* Beside the line open: the same activity and category. */
  uuid = desk_record_list_get_open_uuid (self->line_list);
  if (uuid != NULL)
    open = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, uuid, NULL);

  categories = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category");
  currency = open != NULL ? g_strdup (desk_record_get_string (open, "currency")) : dup_reporting_currency (self);
  description_field = g_strconcat ("description_", desk_locale_language (), NULL);

  record = desk_record_new (DESK_KIND_BUDGET_LINE);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  if (open != NULL && desk_record_is_set (open, "activity_uuid"))
    desk_record_set_string (record, "activity_uuid", desk_record_get_string (open, "activity_uuid"));
  if (open != NULL)
    desk_record_set_string (record, "category", desk_record_get_string (open, "category"));
  else if (categories->len > 0)
    desk_record_set_string (record, "category", ((DeskChoice *) g_ptr_array_index (categories, 0))->code);
  desk_record_set_string (record, description_field, _("New budget line"));
  desk_record_set_int (record, "quantity_milli", 1000);
  desk_record_set_int (record, "unit_cost_minor", 0);
  desk_record_set_string (record, "currency", currency);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  open_in_list (self->line_list, desk_record_get_uuid (record));
  desk_record_editor_focus_field (self->line_editor, description_field);
}

static void
open_form (DeskBudgetPage *self,
           DeskBudgetForm *form,
           FormKind        kind)
{
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  self->form = form;
  self->form_kind = kind;
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &self->form);
  gtk_window_present (GTK_WINDOW (form));
}

static GPtrArray *
dup_line_choices (DeskBudgetPage *self)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      DeskRecord *activity;
      DeskChoice *choice;

      if (!line_in_workplan (self, line))
        continue;
      activity = find_activity (self, desk_record_get_string (line, "activity_uuid"));
      choice = g_new0 (DeskChoice, 1);
      choice->code = g_strdup (desk_record_get_uuid (line));
      /* Translators: a budget line in a list: its activity's code and its description. */
      choice->label = g_strdup_printf (_("%s · %s"),
                                       activity != NULL ? desk_record_get_string (activity, "code") :
                                                          C_("budget line", "Group"),
                                       desk_record_title (line, "description", NULL));
      g_ptr_array_add (choices, choice);
    }

  return choices;
}

static void
expense_form_line_changed_cb (DeskBudgetPage *self)
{
  DeskRecord *line;

  if (self->form == NULL)
    return;
  line = find_line (self, desk_budget_form_get_code (self->form, "budget_line_uuid"));
  desk_budget_form_set_suffix (self->form, "amount_minor",
                               line != NULL ? desk_record_get_string (line, "currency") : NULL);
}

static gboolean
accept_expense (DeskBudgetForm  *form,
                gpointer         user_data,
                char           **bad_field,
                GError         **error)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *line = find_line (self, desk_budget_form_get_code (form, "budget_line_uuid"));
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_EXPENSE);
  g_autofree char *amount = desk_budget_form_dup_text (form, "amount_minor");
  g_autofree char *date = desk_budget_form_dup_text (form, "date");
  g_autofree char *payee = desk_budget_form_dup_text (form, "payee");
  gboolean refund = desk_budget_form_get_active (form, "is_refund");
  const char *currency;
  gint64 minor;

  if (line == NULL)
    {
      *bad_field = g_strdup ("budget_line_uuid");
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID, _("Choose the budget line the money was spent on."));
      return FALSE;
    }
  currency = desk_record_get_string (line, "currency");
  if (!desk_money_parse (amount, decimals_of (self, currency), FALSE, &minor, error))
    {
      *bad_field = g_strdup ("amount_minor");
      return FALSE;
    }

  desk_record_set_string (record, "budget_line_uuid", desk_record_get_uuid (line));
  desk_record_set_string (record, "date", date);
  desk_record_set_int (record, "amount_minor", refund ? -minor : minor);
  desk_record_set_string (record, "currency", currency);
  desk_record_set_int (record, "is_refund", refund ? 1 : 0);
  if (payee[0] != '\0')
    desk_record_set_string (record, "payee", payee);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, error))
    {
      *bad_field = dup_bad_field (self, record);
      return FALSE;
    }

  _desk_budget_page_show_view (self, "expenses");
  open_in_list (self->expense_list, desk_record_get_uuid (record));
  return TRUE;
}

static void
expense_new_cb (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *date = NULL;
  const char *line_uuid = NULL;
  DeskBudgetForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  lines = dup_line_choices (self);
  if (lines->len == 0)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Add a budget line first: every expense is spent against one"));
      return;
    }

  /* The line of the expense open, else the line open on the Lines tab. */
  if (desk_record_list_get_open_uuid (self->expense_list) != NULL)
    {
      DeskRecord *open = desk_record_model_find (self->expenses,
                                                 desk_record_list_get_open_uuid (self->expense_list), NULL);

      if (open != NULL)
        line_uuid = desk_record_get_string (open, "budget_line_uuid");
    }
  if (line_uuid == NULL)
    line_uuid = desk_record_list_get_open_uuid (self->line_list);

  date = dup_default_date (self);
  form = desk_budget_form_new (find_window (self), _("New Expense"),
                               _("What was spent, and on which budget line. The payee, the receipt "
                                 "and a note can be added after."),
                               _("_Add"), accept_expense, self);
  g_signal_connect_swapped (desk_budget_form_add_choice (form, "budget_line_uuid", _("Budget line"), lines, line_uuid),
                            "notify::selected", G_CALLBACK (expense_form_line_changed_cb), self);
  desk_budget_form_add_entry (form, "date", _("Date"), date, NULL);
  desk_budget_form_add_entry (form, "amount_minor", _("Amount"), NULL, NULL);
  desk_budget_form_add_switch (form, "is_refund", C_("expense", "Refund: money given back"), FALSE);
  desk_budget_form_add_entry (form, "payee", _("Payee"), NULL, NULL);
  open_form (self, form, FORM_EXPENSE);
  expense_form_line_changed_cb (self);
  gtk_widget_grab_focus (desk_budget_form_get_row (form, "amount_minor"));
}

static gboolean
accept_funding (DeskBudgetForm  *form,
                gpointer         user_data,
                char           **bad_field,
                GError         **error)
{
  DeskBudgetPage *self = user_data;
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_FUNDING);
  g_autofree char *amount = desk_budget_form_dup_text (form, "amount_minor");
  g_autofree char *date = desk_budget_form_dup_text (form, "date");
  g_autofree char *reference = desk_budget_form_dup_text (form, "reference");
  const char *currency = desk_budget_form_get_code (form, "currency");
  gint64 minor;

  if (!desk_money_parse (amount, decimals_of (self, currency), FALSE, &minor, error))
    {
      *bad_field = g_strdup ("amount_minor");
      return FALSE;
    }

  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, "workplan_uuid", self->workplan_uuid);
  desk_record_set_string (record, "date", date);
  if (desk_budget_form_get_code (form, "source") != NULL)
    desk_record_set_string (record, "source", desk_budget_form_get_code (form, "source"));
  desk_record_set_int (record, "amount_minor", minor);
  desk_record_set_string (record, "currency", currency);
  if (reference[0] != '\0')
    desk_record_set_string (record, "reference", reference);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, error))
    {
      *bad_field = dup_bad_field (self, record);
      return FALSE;
    }

  _desk_budget_page_show_view (self, "funding");
  open_in_list (self->funding_list, desk_record_get_uuid (record));
  return TRUE;
}

static void
funding_new_cb (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) currencies = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reporting = NULL;
  DeskBudgetForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  sources = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_FUNDING, "source");
  currencies = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_FUNDING, "currency");
  reporting = dup_reporting_currency (self);
  date = dup_default_date (self);
  form = desk_budget_form_new (find_window (self), _("New Funding Receipt"),
                               _("Money the group received for this workplan."), _("_Add"),
                               accept_funding, self);
  desk_budget_form_add_entry (form, "date", _("Date received"), date, NULL);
  desk_budget_form_add_choice (form, "source", _("Source"), sources, NULL);
  desk_budget_form_add_entry (form, "amount_minor", _("Amount"), NULL, NULL);
  desk_budget_form_add_choice (form, "currency", _("Currency"), currencies, reporting);
  desk_budget_form_add_entry (form, "reference", _("Reference"), NULL, NULL);
  open_form (self, form, FORM_FUNDING);
  gtk_widget_grab_focus (desk_budget_form_get_row (form, "amount_minor"));
}

static gboolean
accept_rate (DeskBudgetForm  *form,
             gpointer         user_data,
             char           **bad_field,
             GError         **error)
{
  DeskBudgetPage *self = user_data;
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_RATE);
  g_autofree char *rate = desk_budget_form_dup_text (form, "rate");
  g_autofree char *valid_from = desk_budget_form_dup_text (form, "valid_from");
  g_autofree char *source = desk_budget_form_dup_text (form, "source");
  gint64 mantissa;
  int scale;

  if (!desk_rate_parse (rate, &mantissa, &scale, error))
    {
      *bad_field = g_strdup ("rate");
      return FALSE;
    }

  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, "currency", desk_budget_form_get_code (form, "currency"));
  desk_record_set_string (record, "valid_from", valid_from);
  desk_record_set_int (record, "rate_mantissa", mantissa);
  desk_record_set_int (record, "rate_scale", scale);
  if (source[0] != '\0')
    desk_record_set_string (record, "source", source);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, error))
    {
      *bad_field = dup_bad_field (self, record);
      if (g_strcmp0 (*bad_field, "rate_mantissa") == 0 || g_strcmp0 (*bad_field, "rate_scale") == 0)
        {
          g_free (*bad_field);
          *bad_field = g_strdup ("rate");
        }
      return FALSE;
    }

  _desk_budget_page_show_view (self, "rates");
  open_in_list (self->rate_list, desk_record_get_uuid (record));
  return TRUE;
}

static void
rate_form_currency_changed_cb (DeskBudgetPage *self)
{
  g_autofree char *reporting = dup_reporting_currency (self);
  g_autofree char *suffix = NULL;

  if (self->form == NULL)
    return;
  /* Translators: after the rate typed: “GHS for 1 USD”. */
  suffix = g_strdup_printf (_("%s for 1 %s"), reporting, desk_budget_form_get_code (self->form, "currency"));
  desk_budget_form_set_suffix (self->form, "rate", suffix);
}

/* A currency the budget uses and no rate covers, to offer first. */
static char *
dup_currency_without_rate (DeskBudgetPage *self,
                           const char     *reporting)
{
  g_autoptr(GHashTable) rated = g_hash_table_new (g_str_hash, g_str_equal);
  DeskRecordModel *models[] = { self->lines, self->expenses, self->funding };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rates));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) rate = g_list_model_get_item (G_LIST_MODEL (self->rates), i);

      g_hash_table_add (rated, (gpointer) g_intern_string (desk_record_get_string (rate, "currency")));
    }

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (models[m]));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (models[m]), i);
          const char *currency = desk_record_get_string (record, "currency");

          if (currency != NULL && g_strcmp0 (currency, reporting) != 0 &&
              !g_hash_table_contains (rated, g_intern_string (currency)))
            return g_strdup (currency);
        }
    }

  return g_strdup (g_strcmp0 (reporting, "USD") == 0 ? "EUR" : "USD");
}

static void
rate_new_cb (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) currencies = NULL;
  g_autoptr(DeskRecord) workplan = NULL;
  g_autofree char *reporting = NULL;
  g_autofree char *currency = NULL;
  DeskBudgetForm *form;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  currencies = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_RATE, "currency");
  reporting = dup_reporting_currency (self);
  currency = dup_currency_without_rate (self, reporting);
  workplan = dup_workplan (self);
  form = desk_budget_form_new (find_window (self), _("New Exchange Rate"),
                               _("How much one unit of the currency is worth in the reporting currency, "
                                 "from a day on. Amounts on or after that day convert at this rate."),
                               _("_Add"), accept_rate, self);
  g_signal_connect_swapped (desk_budget_form_add_choice (form, "currency", _("Currency"), currencies, currency),
                            "notify::selected", G_CALLBACK (rate_form_currency_changed_cb), self);
  desk_budget_form_add_entry (form, "valid_from", _("Valid from"),
                              workplan != NULL ? desk_record_get_string (workplan, "period_start") : NULL, NULL);
  desk_budget_form_add_entry (form, "rate", _("Rate"), NULL, NULL);
  desk_budget_form_add_entry (form, "source", _("Source of the rate"), NULL, NULL);
  open_form (self, form, FORM_RATE);
  rate_form_currency_changed_cb (self);
  gtk_widget_grab_focus (desk_budget_form_get_row (form, "rate"));
}

static gboolean
accept_revision (DeskBudgetForm  *form,
                 gpointer         user_data,
                 char           **bad_field,
                 GError         **error)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *line = find_line (self, self->form_line);
  g_autoptr(DeskRecord) revision = desk_record_new (DESK_KIND_BUDGET_REVISION);
  g_autofree char *quantity = desk_budget_form_dup_text (form, "quantity_milli");
  g_autofree char *unit_cost = desk_budget_form_dup_text (form, "unit_cost_minor");
  g_autofree char *date = desk_budget_form_dup_text (form, "revised_on");
  g_autofree char *reason = desk_budget_form_dup_text (form, "reason");
  gint64 quantity_milli, unit_cost_minor, total;

  if (line == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID, _("The budget line is gone. Close this window."));
      return FALSE;
    }
  if (!desk_milli_parse (quantity, &quantity_milli, error))
    {
      *bad_field = g_strdup ("quantity_milli");
      return FALSE;
    }
  if (!desk_money_parse (unit_cost, decimals_of (self, desk_record_get_string (line, "currency")), FALSE,
                         &unit_cost_minor, error))
    {
      *bad_field = g_strdup ("unit_cost_minor");
      return FALSE;
    }
  if (!desk_money_multiply (quantity_milli, unit_cost_minor, &total, error))
    {
      *bad_field = g_strdup ("unit_cost_minor");
      return FALSE;
    }

  /* The record desk_budget_line_revise writes, written through the history so that
   * Ctrl+Z takes the revision back. Core validates it all the same. */
  desk_record_set_string (revision, "budget_line_uuid", desk_record_get_uuid (line));
  desk_record_set_int (revision, "quantity_milli", quantity_milli);
  desk_record_set_int (revision, "unit_cost_minor", unit_cost_minor);
  if (date[0] != '\0')
    desk_record_set_string (revision, "revised_on", date);
  if (reason[0] != '\0')
    desk_record_set_string (revision, "reason", reason);

  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), revision, error))
    {
      *bad_field = dup_bad_field (self, revision);
      return FALSE;
    }

  return TRUE;
}

static void
revise_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (widget);
  DeskRecord *line;
  g_autoptr(DeskRecord) latest = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit_cost = NULL;
  g_autofree char *today = NULL;
  g_autofree char *description = NULL;
  const char *currency;
  DeskBudgetForm *form;

  if (!desk_page_ensure_built (DESK_PAGE (self)))
    return;

  line = find_line (self, desk_record_list_get_open_uuid (self->line_list));
  if (line == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Open the budget line to revise first"));
      return;
    }

  latest = dup_latest_revision (self, desk_record_get_uuid (line));
  currency = desk_record_get_string (line, "currency");
  quantity = desk_milli_format (desk_record_get_int (latest != NULL ? latest : line, "quantity_milli"));
  unit_cost = desk_money_format_amount (desk_record_get_int (latest != NULL ? latest : line, "unit_cost_minor"),
                                        decimals_of (self, currency));
  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  /* Translators: the description of the Revise window; %s is the budget line. */
  description = g_strdup_printf (_("New figures for “%s”. The original stays on record beside them."),
                                 desk_record_title (line, "description", NULL));

  g_free (self->form_line);
  self->form_line = g_strdup (desk_record_get_uuid (line));
  form = desk_budget_form_new (find_window (self), _("Revise Budget Line"), description, _("_Revise"),
                               accept_revision, self);
  desk_budget_form_add_entry (form, "quantity_milli", _("Quantity"), quantity, NULL);
  desk_budget_form_add_entry (form, "unit_cost_minor", _("Unit cost"), unit_cost, currency);
  desk_budget_form_add_entry (form, "revised_on", _("Revised on"), today, NULL);
  desk_budget_form_add_entry (form, "reason", _("Reason for the revision"), NULL, NULL);
  open_form (self, form, FORM_REVISION);
  gtk_widget_grab_focus (desk_budget_form_get_row (form, "quantity_milli"));
}

/* CSV */

/* The same CSV as `groupdesk-cli budget --csv`: core writes both. */
static void
write_lines_csv (DeskBudgetPage *self,
                 GString        *out,
                 gboolean        bom)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->summary == NULL)
    return;
  text = desk_budget_lines_csv (desk_page_get_store (DESK_PAGE (self)), self->summary, self->version, bom, &error);
  if (text == NULL)
    g_warning ("Budget CSV: %s", error->message);
  else
    g_string_append (out, text);
}

static void
write_expenses_csv (DeskBudgetPage *self,
                    GString        *out,
                    gboolean        bom)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->summary == NULL)
    return;
  text = desk_budget_expenses_csv (desk_page_get_store (DESK_PAGE (self)), self->summary, bom, &error);
  if (text == NULL)
    g_warning ("Expenses CSV: %s", error->message);
  else
    g_string_append (out, text);
}

static void
csv_saved_cb (GtkNativeDialog *dialog,
              int              response,
              DeskBudgetPage  *self)
{
  const char *what = g_object_get_data (G_OBJECT (dialog), "desk-what");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = NULL;
      gsize length = 0;

      g_autofree char *path = g_file_get_path (file);

      csv = _desk_budget_page_dup_csv (self, what, self->csv_bom, &length);
      /* Through core's door for files: never over the database or a device. */
      if (path == NULL)
        desk_page_add_toast (DESK_PAGE (self), _("This place cannot be written to. Choose a folder on this computer."));
      else if (!desk_file_write_contents (path, csv, length, &error))
        desk_page_add_toast (DESK_PAGE (self), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is the file's name. */
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          desk_page_add_toast (DESK_PAGE (self), text);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_csv_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  gboolean expenses = g_str_equal (what, "expenses");
  GtkFileChooserNative *dialog;

  if (!desk_page_ensure_built (DESK_PAGE (self)))
    return;

  dialog = gtk_file_chooser_native_new (expenses ? _("Export Expenses") : _("Export Budget Lines"),
                                        find_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  /* Translators: file names for the CSV exports; keep them short, without spaces. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     expenses ? _("expenses.csv") : _("budget.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "desk-what", g_strdup (expenses ? "expenses" : "lines"), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (csv_saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Actions */

static void
add_rate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (widget);

  if (!desk_page_ensure_built (DESK_PAGE (self)))
    return;

  _desk_budget_page_show_view (self, "rates");
  rate_new_cb (self);
}

/* Template callbacks */

static void
workplan_chosen_cb (DeskBudgetPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->workplan_dropdown);

  if (self->syncing || !desk_page_get_built (DESK_PAGE (self)) || selected >= self->workplan_uuids->len)
    return;

  show_workplan (self, g_ptr_array_index (self->workplan_uuids, selected));
}

static void
version_toggled_cb (DeskBudgetPage *self)
{
  DeskBudgetVersion version = gtk_toggle_button_get_active (self->original_toggle) ?
                              DESK_BUDGET_ORIGINAL : DESK_BUDGET_REVISED;
  GHashTableIter iter;
  gpointer cell;

  if (version == self->version)
    return;

  self->version = version;
  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  update_cards (self);
  g_hash_table_iter_init (&iter, self->figure_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    fill_figure_cell (self, cell);
  if (gtk_toggle_button_get_active (self->over_toggle))
    desk_record_list_refilter (self->line_list, GTK_FILTER_CHANGE_DIFFERENT);
  self->tables_dirty = TRUE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "summary") == 0)
    update_tables (self);
}

static void
view_changed_cb (DeskBudgetPage *self)
{
  if (desk_page_get_built (DESK_PAGE (self)) && self->tables_dirty &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "summary") == 0)
    update_tables (self);
}

/* Overrides */

static void
forget_figure_cells (DeskBudgetPage *self)
{
  GHashTableIter iter;
  gpointer cell;

  if (self->figure_cells == NULL)
    return;

  g_hash_table_iter_init (&iter, self->figure_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    g_object_weak_unref (cell, figure_cell_gone_cb, self);
  g_hash_table_remove_all (self->figure_cells);
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
  gtk_column_view_set_model (view, NULL);
}

static void
desk_budget_page_unbuild (DeskPage *page)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (page);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  g_signal_handlers_disconnect_by_data (self->workplans, self);
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  forget_figure_cells (self);

  /* The cards, the lists with their filters and editors, the summary tables' columns. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_flow_box_remove (self->cards, child);
  adw_bin_set_child (self->lines_bin, NULL);
  adw_bin_set_child (self->expenses_bin, NULL);
  adw_bin_set_child (self->funding_bin, NULL);
  adw_bin_set_child (self->rates_bin, NULL);
  remove_columns (self->activity_view);
  remove_columns (self->category_view);
  for (int c = 0; c < N_CARDS; c++)
    {
      self->card_values[c] = NULL;
      self->card_details[c] = NULL;
      self->card_pills[c] = NULL;
    }
  self->line_list = self->expense_list = self->funding_list = self->rate_list = NULL;
  self->line_editor = self->expense_editor = self->funding_editor = self->rate_editor = NULL;
  self->category_filter = NULL;
  self->over_toggle = NULL;
  self->original_row = self->revised_row = self->revision_row = NULL;
  self->rate_row = NULL;
  self->rate_error_row = NULL;
  self->rate_error_label = NULL;

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->workplan_dropdown, NULL);
  self->syncing = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.revise", FALSE);

  for (int t = 0; t < N_TABLES; t++)
    g_clear_object (&self->table_keys[t]);
  for (int t = 0; t <= N_TABLES; t++)
    g_clear_pointer (&self->rows[t], g_hash_table_unref);
  g_clear_pointer (&self->summary, desk_budget_summary_free);
  g_ptr_array_set_size (self->workplan_uuids, 0);
  g_clear_object (&self->workplans);
  g_clear_object (&self->activities);
  g_clear_object (&self->lines);
  g_clear_object (&self->expenses);
  g_clear_object (&self->funding);
  g_clear_object (&self->rates);
  g_clear_pointer (&self->group_uuid, g_free);
  g_clear_pointer (&self->workplan_uuid, g_free);
  g_clear_pointer (&self->form_line, g_free);
  self->tables_dirty = FALSE;
}

/* The window sends every kind it maps to this page here but its revisions, which only
 * show the page. */
static gboolean
desk_budget_page_open_record (DeskPage   *page,
                              const char *kind,
                              const char *uuid)
{
  if (g_str_equal (kind, "budget_revision"))
    return FALSE;

  desk_budget_page_open (DESK_BUDGET_PAGE (page), kind, uuid);

  return TRUE;
}

static void
desk_budget_page_dispose (GObject *object)
{
  DeskBudgetPage *self = (DeskBudgetPage *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (desk_page_get_store (DESK_PAGE (self)) != NULL)
    g_clear_signal_handler (&self->changed_id, desk_page_get_store (DESK_PAGE (self)));
  if (self->workplans != NULL)
    g_signal_handlers_disconnect_by_data (self->workplans, self);
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));

  forget_figure_cells (self);

  /* The bin's child is a template child: the bin lets go of it before the template
   * does, or the bin would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_BUDGET_PAGE);

  for (int t = 0; t < N_TABLES; t++)
    g_clear_object (&self->table_keys[t]);
  g_clear_object (&self->workplans);
  g_clear_object (&self->activities);
  g_clear_object (&self->lines);
  g_clear_object (&self->expenses);
  g_clear_object (&self->funding);
  g_clear_object (&self->rates);

  G_OBJECT_CLASS (desk_budget_page_parent_class)->dispose (object);
}

static void
desk_budget_page_finalize (GObject *object)
{
  DeskBudgetPage *self = (DeskBudgetPage *) object;

  for (int t = 0; t <= N_TABLES; t++)
    g_clear_pointer (&self->rows[t], g_hash_table_unref);
  g_clear_pointer (&self->summary, desk_budget_summary_free);
  g_clear_pointer (&self->figure_cells, g_hash_table_unref);
  g_clear_pointer (&self->workplan_uuids, g_ptr_array_unref);
  g_free (self->group_uuid);
  g_free (self->workplan_uuid);
  g_free (self->form_line);

  G_OBJECT_CLASS (desk_budget_page_parent_class)->finalize (object);
}

static void
desk_budget_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CSV_BOM:
      g_value_set_boolean (value, self->csv_bom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_budget_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CSV_BOM:
      if (self->csv_bom != g_value_get_boolean (value))
        {
          self->csv_bom = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static DeskRecordList *
desk_budget_page_get_active_list (DeskPage *page)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (page);

  return _desk_budget_page_get_list (self, gtk_stack_get_visible_child_name (self->view_stack));
}

static void
desk_budget_page_class_init (DeskBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_budget_page_dispose;
  object_class->finalize = desk_budget_page_finalize;
  object_class->get_property = desk_budget_page_get_property;
  object_class->set_property = desk_budget_page_set_property;

  page_class->build = desk_budget_page_build;
  page_class->unbuild = desk_budget_page_unbuild;
  page_class->open_record = desk_budget_page_open_record;
  page_class->get_active_list = desk_budget_page_get_active_list;

  /* Excel reads a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
  properties[PROP_CSV_BOM] =
    g_param_spec_boolean ("csv-bom", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_RECORD_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, workplan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, workplan_title);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, currency_label);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, original_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, revised_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, cards);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, missing_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, lines_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, expenses_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, funding_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, rates_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, activity_view);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, category_view);
  gtk_widget_class_bind_template_callback (widget_class, workplan_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  gtk_widget_class_install_action (widget_class, "budget.revise", NULL, revise_activated);
  gtk_widget_class_install_action (widget_class, "budget.add-rate", NULL, add_rate_activated);
  gtk_widget_class_install_action (widget_class, "budget.export-csv", "s", export_csv_activated);
  gtk_widget_class_install_property_action (widget_class, "budget.csv-bom", "csv-bom");
}

static void
desk_budget_page_init (DeskBudgetPage *self)
{
  self->version = DESK_BUDGET_REVISED;
  self->figure_cells = g_hash_table_new (NULL, NULL);
  self->workplan_uuids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.revise", FALSE);
}

/* Public API */

GtkWidget *
desk_budget_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_BUDGET_PAGE,
                       "store", store,
                       NULL);
}

/* Private API, for tests and the benchmark */

void
desk_budget_page_open (DeskBudgetPage *self,
                       const char     *kind,
                       const char     *uuid)
{
  const char *view = g_strcmp0 (kind, "expense") == 0 ? "expenses"
                     : g_strcmp0 (kind, "funding") == 0 ? "funding"
                     : g_strcmp0 (kind, "rate") == 0 ? "rates"
                     : "lines";

  g_return_if_fail (DESK_IS_BUDGET_PAGE (self));

  _desk_budget_page_show_view (self, view);
  desk_record_list_open (_desk_budget_page_get_list (self, view), uuid);
}

void
_desk_budget_page_show_view (DeskBudgetPage *self,
                             const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));
  gtk_stack_set_visible_child_name (self->view_stack, view);
}

DeskRecordList *
_desk_budget_page_get_list (DeskBudgetPage *self,
                            const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));

  if (g_strcmp0 (view, "expenses") == 0)
    return self->expense_list;
  if (g_strcmp0 (view, "funding") == 0)
    return self->funding_list;
  if (g_strcmp0 (view, "rates") == 0)
    return self->rate_list;

  return self->line_list;
}

DeskRecordEditor *
_desk_budget_page_get_editor (DeskBudgetPage *self,
                              const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));

  if (g_strcmp0 (view, "expenses") == 0)
    return self->expense_editor;
  if (g_strcmp0 (view, "funding") == 0)
    return self->funding_editor;
  if (g_strcmp0 (view, "rates") == 0)
    return self->rate_editor;

  return self->line_editor;
}

static int
card_index (const char *card)
{
  for (int i = 0; i < N_CARDS; i++)
    if (g_strcmp0 (card_names[i], card) == 0)
      return i;

  g_return_val_if_reached (0);
}

GtkLabel *
_desk_budget_page_get_card_value (DeskBudgetPage *self,
                                  const char     *card)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->card_values[card_index (card)];
}

GtkLabel *
_desk_budget_page_get_card_detail (DeskBudgetPage *self,
                                   const char     *card)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->card_details[card_index (card)];
}

GtkWidget *
_desk_budget_page_get_card_pill (DeskBudgetPage *self,
                                 const char     *card)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->card_pills[card_index (card)];
}

GtkLabel *
_desk_budget_page_get_missing_label (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return gtk_widget_get_visible (self->missing_banner) ? self->missing_label : NULL;
}

GtkToggleButton *
_desk_budget_page_get_over_toggle (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->over_toggle;
}

GtkToggleButton *
_desk_budget_page_get_revised_toggle (DeskBudgetPage *self)
{
  return self->revised_toggle;
}

AdwActionRow *
_desk_budget_page_get_total_row (DeskBudgetPage *self,
                                 const char     *which)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return g_strcmp0 (which, "original") == 0 ? self->original_row : self->revised_row;
}

GtkWidget *
_desk_budget_page_get_rate_row (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return GTK_WIDGET (self->rate_row);
}

const char *
_desk_budget_page_get_rate_error (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return gtk_widget_get_visible (self->rate_error_row) ? gtk_label_get_label (self->rate_error_label) : NULL;
}

DeskBudgetForm *
_desk_budget_page_get_form (DeskBudgetPage *self)
{
  return self->form;
}

const DeskBudgetSummary *
_desk_budget_page_get_summary (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->summary;
}

guint
_desk_budget_page_get_refresh_count (DeskBudgetPage *self)
{
  return self->refresh_count;
}

void
_desk_budget_page_refresh_now (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  refresh_summary (self);
}

char *
_desk_budget_page_dup_csv (DeskBudgetPage *self,
                           const char     *what,
                           gboolean        bom,
                           gsize          *length)
{
  GString *out = g_string_new (NULL);

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->refresh_id != 0)
    refresh_summary (self);

  if (g_strcmp0 (what, "expenses") == 0)
    write_expenses_csv (self, out, bom);
  else
    write_lines_csv (self, out, bom);

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

GListModel *
_desk_budget_page_get_summary_model (DeskBudgetPage *self,
                                     const char     *table)
{
  desk_page_ensure_built (DESK_PAGE (self));
  if (self->tables_dirty)
    update_tables (self);
  return G_LIST_MODEL (self->table_keys[g_strcmp0 (table, "categories") == 0 ? TABLE_CATEGORIES : TABLE_ACTIVITIES]);
}
