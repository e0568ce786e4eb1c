/* desk-budget-summary.c
 *
 * The cards and the summary tables of the Budget page, filled from a DeskBudgetSummary
 * the page hands over; and the cells they share with the page's Lines list: an amount,
 * the status pills, a figure's text.
 *
 * The tables are filled when they show: a summary computed while another tab is open
 * costs only the cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-summary.h"
#include "desk-budget-page-private.h"
#include "desk-widget-util.h"

#include <stdlib.h>
#include <string.h>

#define N_TABLES 2

/* The key of the grand total's row in the summary tables: no UUID or code is like it. */
#define TOTAL_KEY "\x01total"

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
  DeskBudgetSummaryView *view;
  DeskBudgetTable table;
  int which;                         /* SummaryColumn */
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

struct _DeskBudgetSummaryView
{
  GtkBox parent_instance;

  const DeskBudgetSummary *summary;  /* the page's */
  DeskBudgetVersion version;
  GHashTable *rows[N_TABLES];        /* key → DeskBudgetRow of the summary */
  GtkStringList *keys[N_TABLES];
  Column columns[N_TABLES][N_SUM_COLUMNS];
  gboolean tables_dirty;
  DeskBudgetNameFunc name_func;
  gpointer name_data;

  GtkLabel *card_values[N_CARDS];
  GtkLabel *card_details[N_CARDS];
  GtkWidget *card_pills[N_CARDS];

  /* Template widgets */
  GtkColumnView *category_view;
  GtkColumnView *activity_view;
  GtkWidget *headline;
  GtkFlowBox *cards;
  GtkWidget *missing_banner;
  GPtrArray *gaps;  /* DeskBudgetGap: the amounts without a rate, named in the banner */
  GtkLabel *missing_label;
};

G_DEFINE_FINAL_TYPE (DeskBudgetSummaryView, desk_budget_summary_view, GTK_TYPE_BOX)

static const char * const card_names[N_CARDS] = { "budget", "spent", "remaining", "received", "cash" };

static char *
format_reporting (const DeskBudgetSummary *summary,
                  gint64                   minor)
{
  if (summary == NULL)
    return g_strdup ("");

  return desk_money_format (minor, summary->currency, summary->decimals);
}

/* Thousandths as a percentage with one decimal: 625 → “62.5%”, in core's one form. */
static char *
format_permille (int permille)
{
  return desk_percent_format (permille);
}

/* Cards */

static GtkWidget *
make_card (DeskBudgetSummaryView *self,
           Card                   card,
           const char            *icon_name,
           const char            *title)
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
set_card (DeskBudgetSummaryView *self,
          Card                   card,
          const char            *value,
          const char            *detail)
{
  gtk_label_set_label (self->card_values[card], value);
  gtk_label_set_label (self->card_details[card], detail);
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (self->card_values[card])), detail);
}

static void
update_cards (DeskBudgetSummaryView *self)
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
  budget = format_reporting (s, desk_budget_row_budget (total, self->version));
  spent = format_reporting (s, total->spent);
  variance = desk_budget_row_variance (total, self->version);
  remaining = format_reporting (s, variance);
  received = format_reporting (s, s->received);
  cash = format_reporting (s, s->received - total->spent);
  elapsed = format_permille (s->elapsed_permille);

  detail = g_strdup (self->version == DESK_BUDGET_REVISED ?
                     _("With its revisions") : _("As first approved"));
  if (self->version == DESK_BUDGET_REVISED && total->revised != total->original)
    {
      g_autofree char *original = format_reporting (s, total->original);

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

      /* Which amounts are left out, by currency, so the coordinator knows which rate to
       * add; the bare count only when they could not be read. */
      if (missing > 0 && self->gaps != NULL && self->gaps->len > 0)
        {
          g_string_append (text, desk_budget_incomplete_sentence ());
          for (guint i = 0; i < self->gaps->len; i++)
            {
              g_autofree char *gap = desk_budget_gap_text (g_ptr_array_index (self->gaps, i));
              g_string_append_printf (text, "\n%s", gap);
            }
        }
      else if (missing > 0)
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
    cell = _desk_budget_status_box_new ();
  else
    cell = _desk_budget_figure_label_new ();

  gtk_list_item_set_child (item, cell);
}

static void
summary_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 Column                   *column)
{
  DeskBudgetSummaryView *self = column->view;
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  gboolean total = g_str_equal (key, TOTAL_KEY);
  const DeskBudgetRow *row = total && self->summary != NULL ? &self->summary->total :
                             self->rows[column->table] != NULL ?
                             g_hash_table_lookup (self->rows[column->table], key) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (item);

  /* The grand total stands out from the rows it sums; cells are reused, so both ways. */
  if (total)
    gtk_widget_add_css_class (cell, "heading");
  else
    gtk_widget_remove_css_class (cell, "heading");

  switch (column->which)
    {
    case SUM_NAME:
      {
        g_autofree char *name = total ? g_strdup (_("Total")) :
                                self->name_func != NULL ?
                                self->name_func (column->table, key, self->name_data) : g_strdup (key);
        desk_cell_set_text (cell, name);
        gtk_widget_set_tooltip_text (cell, name);
      }
      break;

    case SUM_STATUS:
      _desk_budget_status_box_set (cell, row != NULL && desk_budget_row_is_over (row, self->version),
                                   row != NULL && row->missing > 0);
      break;

    default:
      {
        static const DeskBudgetFigure figures[] = {
          DESK_BUDGET_N_FIGURES, DESK_BUDGET_FIGURE_BUDGET, DESK_BUDGET_FIGURE_SPENT,
          DESK_BUDGET_FIGURE_VARIANCE, DESK_BUDGET_FIGURE_PERCENT,
        };
        g_autofree char *text = _desk_budget_figure_text (self->summary, self->version, row,
                                                          figures[column->which]);

        desk_cell_set_text (cell, text);
      }
      break;
    }
}

static void
add_columns (DeskBudgetSummaryView *self,
             DeskBudgetTable        table,
             GtkColumnView         *view)
{
  const char *titles[N_SUM_COLUMNS] = {
    table == DESK_BUDGET_TABLE_ACTIVITIES ? C_("column", "Activity") : C_("column", "Category"),
    C_("column", "Budget"), C_("column", "Spent"), C_("column", "Variance"),
    C_("column", "Spent %"), NULL,
  };
  g_autoptr(GtkNoSelection) selection = NULL;

  self->keys[table] = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->keys[table])));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));

  for (int i = 0; i < N_SUM_COLUMNS; i++)
    {
      Column *column = &self->columns[table][i];
      GtkColumnViewColumn *view_column;

      column->view = self;
      column->table = table;
      column->which = i;
      /* The shared way: rows named from their cells, one Tab stop, titles named. */
      view_column = desk_column_view_append (view, titles[i], G_CALLBACK (summary_setup_cb),
                                             G_CALLBACK (summary_bind_cb), column, i, i == SUM_NAME);
      gtk_column_view_column_set_resizable (view_column, FALSE);
      /* Figures are right-aligned: so are their headings. */
      if (i != SUM_NAME && titles[i] != NULL)
        desk_cell_header_align_end (view_column);
    }
}

typedef struct
{
  const char *key;
  char       *sort_key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Keyed *) a)->sort_key, ((const Keyed *) b)->sort_key);
}

/* Each table in the order of core's budget table: activities by code (numbers as numbers),
 * the group's own costs last; categories by name; then the grand total. */
static void
update_tables (DeskBudgetSummaryView *self)
{
  for (int t = 0; t < N_TABLES; t++)
    {
      GPtrArray *rows = self->summary == NULL ? NULL :
                        t == DESK_BUDGET_TABLE_ACTIVITIES ? self->summary->activities :
                        self->summary->categories;
      guint len = rows != NULL ? rows->len : 0;
      g_autofree const char **keys = g_new0 (const char *, len + 2);
      g_autofree Keyed *keyed = g_new0 (Keyed, MAX (len, 1));
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->keys[t]));

      for (guint i = 0; i < len; i++)
        {
          const char *key = ((DeskBudgetRow *) g_ptr_array_index (rows, i))->key;
          g_autofree char *name = self->name_func != NULL ? self->name_func (t, key, self->name_data)
                                                          : g_strdup (key);
          g_autofree char *collated = g_utf8_collate_key_for_filename (name, -1);

          keyed[i].key = key;
          keyed[i].sort_key = g_strconcat (t == DESK_BUDGET_TABLE_ACTIVITIES && key[0] == '\0' ? "\x7f" : " ",
                                           collated, NULL);
        }
      qsort (keyed, len, sizeof (Keyed), compare_keyed);
      for (guint i = 0; i < len; i++)
        {
          keys[i] = keyed[i].key;
          g_free (keyed[i].sort_key);
        }
      if (len > 0)
        keys[len] = TOTAL_KEY;
      gtk_string_list_splice (self->keys[t], 0, n, keys);
    }
  self->tables_dirty = FALSE;
}

/* Overrides */

static void
desk_budget_summary_view_map (GtkWidget *widget)
{
  DeskBudgetSummaryView *self = DESK_BUDGET_SUMMARY_VIEW (widget);

  GTK_WIDGET_CLASS (desk_budget_summary_view_parent_class)->map (widget);

  if (self->tables_dirty)
    update_tables (self);
}

static void
desk_budget_summary_view_dispose (GObject *object)
{
  DeskBudgetSummaryView *self = DESK_BUDGET_SUMMARY_VIEW (object);

  /* The headline is the page's child by now: it only lets go of it. */
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_BUDGET_SUMMARY_VIEW);

  for (int t = 0; t < N_TABLES; t++)
    {
      g_clear_pointer (&self->rows[t], g_hash_table_unref);
      g_clear_object (&self->keys[t]);
    }
  self->summary = NULL;
  g_clear_pointer (&self->gaps, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_budget_summary_view_parent_class)->dispose (object);
}

static void
desk_budget_summary_view_class_init (DeskBudgetSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_budget_summary_view_dispose;
  widget_class->map = desk_budget_summary_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-budget-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, category_view);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, activity_view);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, headline);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, cards);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, missing_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetSummaryView, missing_label);
}

static void
desk_budget_summary_view_init (DeskBudgetSummaryView *self)
{
  self->version = DESK_BUDGET_REVISED;

  gtk_widget_init_template (GTK_WIDGET (self));

  make_card (self, CARD_BUDGET, "accessories-calculator-symbolic", _("Budget"));
  make_card (self, CARD_SPENT, "document-send-symbolic", _("Spent"));
  make_card (self, CARD_REMAINING, "emblem-ok-symbolic", _("Remaining"));
  make_card (self, CARD_RECEIVED, "folder-download-symbolic", _("Received"));
  make_card (self, CARD_CASH, "emblem-documents-symbolic", _("Cash in Hand"));

  add_columns (self, DESK_BUDGET_TABLE_ACTIVITIES, self->activity_view);
  add_columns (self, DESK_BUDGET_TABLE_CATEGORIES, self->category_view);
}

/* Public API */

GtkWidget *
desk_budget_summary_view_new (void)
{
  return g_object_new (DESK_TYPE_BUDGET_SUMMARY_VIEW, NULL);
}

void
desk_budget_summary_view_set_name_func (DeskBudgetSummaryView *self,
                                        DeskBudgetNameFunc     func,
                                        gpointer               user_data)
{
  g_return_if_fail (DESK_IS_BUDGET_SUMMARY_VIEW (self));

  self->name_func = func;
  self->name_data = user_data;
}

void
desk_budget_summary_view_set_rate_gaps (DeskBudgetSummaryView *self,
                                        GPtrArray             *gaps)
{
  g_return_if_fail (DESK_IS_BUDGET_SUMMARY_VIEW (self));

  if (gaps != NULL)
    g_ptr_array_ref (gaps);
  g_clear_pointer (&self->gaps, g_ptr_array_unref);
  self->gaps = gaps;
}

void
desk_budget_summary_view_show (DeskBudgetSummaryView   *self,
                               const DeskBudgetSummary *summary,
                               DeskBudgetVersion        version)
{
  g_return_if_fail (DESK_IS_BUDGET_SUMMARY_VIEW (self));

  self->summary = summary;
  self->version = version;
  for (int t = 0; t < N_TABLES; t++)
    g_clear_pointer (&self->rows[t], g_hash_table_unref);
  if (summary != NULL)
    {
      self->rows[DESK_BUDGET_TABLE_ACTIVITIES] = _desk_budget_index_rows (summary->activities);
      self->rows[DESK_BUDGET_TABLE_CATEGORIES] = _desk_budget_index_rows (summary->categories);
    }

  update_cards (self);

  self->tables_dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_tables (self);
}

GtkWidget *
desk_budget_summary_view_get_headline (DeskBudgetSummaryView *self)
{
  g_return_val_if_fail (DESK_IS_BUDGET_SUMMARY_VIEW (self), NULL);

  return self->headline;
}

/* Internal API, shared with the Lines list */

GtkWidget *
_desk_budget_figure_label_new (void)
{
  GtkWidget *cell = desk_cell_label_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 8);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_widget_add_css_class (cell, "numeric");

  return cell;
}

GtkWidget *
_desk_budget_status_box_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *over = desk_pill_new ("dialog-warning-symbolic", _("Over budget"), "desk-over-budget");
  GtkWidget *missing = desk_pill_new ("dialog-warning-symbolic", _("Rate missing"), "desk-rate-missing");

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), over);
  gtk_box_append (GTK_BOX (box), missing);

  return box;
}

void
_desk_budget_status_box_set (GtkWidget *box,
                             gboolean   over,
                             gboolean   missing)
{
  GtkWidget *over_pill = gtk_widget_get_first_child (box);

  gtk_widget_set_visible (over_pill, over);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (over_pill), missing);
}

char *
_desk_budget_figure_text (const DeskBudgetSummary *summary,
                          DeskBudgetVersion        version,
                          const DeskBudgetRow     *row,
                          DeskBudgetFigure         which)
{
  int permille;

  if (row == NULL)
    return g_strdup ("");

  switch (which)
    {
    case DESK_BUDGET_FIGURE_BUDGET:
      return format_reporting (summary, desk_budget_row_budget (row, version));
    case DESK_BUDGET_FIGURE_SPENT:
      return format_reporting (summary, row->spent);
    case DESK_BUDGET_FIGURE_VARIANCE:
      return format_reporting (summary, desk_budget_row_variance (row, version));
    case DESK_BUDGET_FIGURE_PERCENT:
      if (!desk_budget_row_burn_permille (row, version, &permille))
        return g_strdup ("—");
      return format_permille (permille);
    case DESK_BUDGET_FIGURE_STATUS:
    case DESK_BUDGET_N_FIGURES:
    default:
      return g_strdup ("");
    }
}

GHashTable *
_desk_budget_index_rows (GPtrArray *rows)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      DeskBudgetRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (index, row->key, row);
    }

  return index;
}

/* For tests */

static int
card_index (const char *card)
{
  for (int i = 0; i < N_CARDS; i++)
    if (g_strcmp0 (card_names[i], card) == 0)
      return i;

  g_return_val_if_reached (0);
}

GtkLabel *
_desk_budget_summary_view_get_card_value (DeskBudgetSummaryView *self,
                                          const char            *card)
{
  return self->card_values[card_index (card)];
}

GtkLabel *
_desk_budget_summary_view_get_card_detail (DeskBudgetSummaryView *self,
                                           const char            *card)
{
  return self->card_details[card_index (card)];
}

GtkWidget *
_desk_budget_summary_view_get_card_pill (DeskBudgetSummaryView *self,
                                         const char            *card)
{
  return self->card_pills[card_index (card)];
}

GtkLabel *
_desk_budget_summary_view_get_missing_label (DeskBudgetSummaryView *self)
{
  return gtk_widget_get_visible (self->missing_banner) ? self->missing_label : NULL;
}

GListModel *
_desk_budget_summary_view_get_model (DeskBudgetSummaryView *self,
                                     const char            *table)
{
  if (self->tables_dirty)
    update_tables (self);

  return G_LIST_MODEL (self->keys[g_strcmp0 (table, "categories") == 0 ? DESK_BUDGET_TABLE_CATEGORIES :
                                                                           DESK_BUDGET_TABLE_ACTIVITIES]);
}
