/* desk-budget-lists.c
 *
 * The Budget page's four lists (lines, expenses, funding receipts, exchange rates):
 * their columns, cells, comparators and filters, their editors, and what opening a
 * record in them shows.
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

#include "desk-budget-page-private.h"
#include "desk-a11y.h"

#include "desk-cells.h"
#include "desk-reason-dialog.h"

static const char * const line_layout_main[] = { "activity_uuid", "category", "description", NULL };
static const char * const line_layout_cost[] = { "quantity_milli", "unit", "unit_cost_minor", "currency", NULL };
static const char * const line_layout_notes[] = { "notes", NULL };
static const char * const expense_layout_main[] = { "budget_line_uuid", "date", "amount_minor", "currency",
                                                    "is_refund", NULL };
/* Who was paid and the receipt's number; the receipt itself is a file in the Evidence
 * section (core moved the old receipt_path there). */
static const char * const expense_layout_payment[] = { "payee", "reference", "note", NULL };
static const char * const funding_layout[] = { "date", "source", "amount_minor", "currency", "reference",
                                               "note", "workplan_uuid", NULL };
static const char * const rate_layout_main[] = { "currency", "valid_from", NULL };
static const char * const rate_layout_source[] = { "source", NULL };
static const char * const no_fields[] = { NULL };

static void line_open_cb (DeskBudgetPage *self, const char *uuid);
static void expense_open_cb (DeskBudgetPage *self, const char *uuid);
static void funding_open_cb (DeskBudgetPage *self, const char *uuid);
static void rate_open_cb (DeskBudgetPage *self, const char *uuid);

static const DeskBudgetRow *
line_row (DeskBudgetPage *self,
          const char     *uuid)
{
  if (self->line_rows == NULL || uuid == NULL)
    return NULL;

  return g_hash_table_lookup (self->line_rows, uuid);
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
  DeskBudgetColumn *column = user_data;
  DeskBudgetPage *self = column->page;
  GtkWidget *cell = column->which == DESK_BUDGET_FIGURE_STATUS ? _desk_budget_status_box_new () :
                                                                 _desk_budget_figure_label_new ();

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

  if (which == DESK_BUDGET_FIGURE_STATUS)
    {
      DeskRecord *line = _desk_budget_page_find_line (self, uuid);
      gboolean over = row != NULL && desk_budget_row_is_over (row, self->version);

      _desk_budget_status_box_set (cell, over, row != NULL && row->missing > 0);
      (void) line;
      return;
    }

  {
    g_autofree char *text = _desk_budget_figure_text (self->summary, self->version, row, which);

    desk_cell_set_text (cell, text);
    if (which == DESK_BUDGET_FIGURE_VARIANCE && row != NULL && desk_budget_row_variance (row, self->version) < 0)
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
  DeskBudgetColumn *column = user_data;

  g_object_set_data_full (G_OBJECT (cell), "desk-uuid", g_strdup (desk_record_get_uuid (record)), g_free);
  fill_figure_cell (column->page, cell);
}

static int
compare_figure (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  DeskBudgetColumn *column = user_data;
  DeskBudgetPage *self = column->page;
  const DeskBudgetRow *x = line_row (self, desk_record_get_uuid ((DeskRecord *) a));
  const DeskBudgetRow *y = line_row (self, desk_record_get_uuid ((DeskRecord *) b));
  gint64 vx = 0, vy = 0;
  int px = 0, py = 0;

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);

  switch (column->which)
    {
    case DESK_BUDGET_FIGURE_BUDGET:
      vx = desk_budget_row_budget (x, self->version);
      vy = desk_budget_row_budget (y, self->version);
      break;
    case DESK_BUDGET_FIGURE_SPENT:
      vx = x->spent;
      vy = y->spent;
      break;
    case DESK_BUDGET_FIGURE_VARIANCE:
      vx = desk_budget_row_variance (x, self->version);
      vy = desk_budget_row_variance (y, self->version);
      break;
    case DESK_BUDGET_FIGURE_PERCENT:
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
  DeskRecord *activity = _desk_budget_page_find_activity (self, desk_record_get_string (record, "activity_uuid"));
  const char *tooltip = activity != NULL ? desk_record_title (activity, "title", NULL) :
                        _("Group coordination");

  desk_cell_set_text (cell, activity != NULL ? desk_record_get_string (activity, "code") :
                      C_("budget line", "Group"));
  /* GTK 4.8 asks the X server where the pointer is at each new tooltip, and the column
   * view binds every row again after a change above it: only a new text is set. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (cell), tooltip) != 0)
    gtk_widget_set_tooltip_text (cell, tooltip);
}

/* The order of core's budget table (desk_budget_table): by activity code, the group's own
 * costs last, then by category, then by description. */
static int
compare_line_activity (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  DeskBudgetPage *self = user_data;
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  DeskRecord *x = _desk_budget_page_find_activity (self, desk_record_get_string ((DeskRecord *) a, "activity_uuid"));
  DeskRecord *y = _desk_budget_page_find_activity (self, desk_record_get_string ((DeskRecord *) b, "activity_uuid"));
  g_autofree char *cx = NULL;
  g_autofree char *cy = NULL;
  int c;

  if (x == NULL || y == NULL)
    c = (x == NULL) - (y == NULL);
  else
    c = desk_record_compare_field (x, y, (gpointer) "code");
  if (c != 0 || store == NULL)
    return c;

  cx = desk_reference_table_label (store, "budget_categories", desk_record_get_string ((DeskRecord *) a, "category"));
  cy = desk_reference_table_label (store, "budget_categories", desk_record_get_string ((DeskRecord *) b, "category"));
  c = g_utf8_collate (cx, cy);
  if (c != 0)
    return c;
  return desk_record_compare_narrative (a, b, (gpointer) "description");
}

static void
bind_expense_activity (GtkWidget  *cell,
                       DeskRecord *record,
                       gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  DeskRecord *line = _desk_budget_page_find_line (self, desk_record_get_string (record, "budget_line_uuid"));

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
bind_rate (GtkWidget  *cell,
           DeskRecord *record,
           gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  g_autofree char *rate = desk_rate_format (desk_record_get_int (record, "rate_mantissa"),
                                            (int) desk_record_get_int (record, "rate_scale"));
  g_autofree char *reporting = self->summary != NULL ? g_strdup (self->summary->currency) :
                                                       _desk_budget_page_dup_reporting_currency (self);
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

/* Filters */

static gboolean
line_matches (DeskRecord *record,
              gpointer    user_data)
{
  DeskBudgetPage *self = user_data;
  const char *category = desk_filter_dropdown_get_code (self->category_filter);

  if (!_desk_budget_page_line_in_workplan (self, record))
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

  return _desk_budget_page_line_in_workplan (self, _desk_budget_page_find_line (self, desk_record_get_string (record, "budget_line_uuid")));
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

DeskRecord *
_desk_budget_page_dup_latest_revision (DeskBudgetPage *self,
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
  decimals = _desk_budget_page_decimals_of (self, currency);
  if (desk_budget_line_total (desk_page_get_store (DESK_PAGE (self)), line, DESK_BUDGET_ORIGINAL, &total, NULL))
    original = desk_money_format (total, currency, decimals);
  if (desk_budget_line_total (desk_page_get_store (DESK_PAGE (self)), line, DESK_BUDGET_REVISED, &total, NULL))
    revised = desk_money_format (total, currency, decimals);

  adw_action_row_set_subtitle (self->original_row, original != NULL ? original : "—");
  adw_action_row_set_subtitle (self->revised_row, revised != NULL ? revised : "—");

  revision = _desk_budget_page_dup_latest_revision (self, desk_record_get_uuid (line));
  gtk_widget_set_visible (GTK_WIDGET (self->revision_row), revision != NULL);
  if (revision != NULL)
    {
      g_autofree char *date = desk_date_format (desk_record_get_string (revision, "revised_on"));
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
  g_autofree char *reporting = _desk_budget_page_dup_reporting_currency (self);
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

/* After the rate's write, at once or once a reported rate's reason was given. */
static void
rate_written_cb (GtkWidget    *widget,
                 const GError *error,
                 gpointer      user_data)
{
  show_rate_error (DESK_BUDGET_PAGE (widget), error != NULL ? error->message : NULL);
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

  /* Another group's rate, from its bundle, is shown and kept. */
  if (rate == NULL || !desk_record_editor_get_writable (self->rate_editor))
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
  desk_reason_update (GTK_WIDGET (self), desk_page_get_history (DESK_PAGE (self)), copy,
                      rate_written_cb, NULL);
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
  GtkColumnViewColumn *column, *activity_column;
  GtkWidget *toggle_box;
  AdwPreferencesGroup *group;
  GtkWidget *button;
  GtkBox *box;
  DeskRecordList *list;

  list = self->line_list = make_list (self, self->lines_bin, G_CALLBACK (line_open_cb), G_CALLBACK (_desk_budget_page_new_line));
  column = desk_record_list_add_column (list, C_("column", "Activity"), NULL, bind_line_activity,
                                        compare_line_activity, self, FALSE);
  desk_record_list_fix_width (column, 7);
  activity_column = column;
  column = desk_record_list_add_field_column (list, DESK_KIND_BUDGET_LINE, "category",
                                              C_("column", "Category"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 14);
  desk_record_list_add_field_column (list, DESK_KIND_BUDGET_LINE, "description",
                                     C_("column", "Description"), DESK_COLUMN_ESSENTIAL);
  {
    const char *titles[DESK_BUDGET_N_FIGURES] = { C_("column", "Budget"), C_("column", "Spent"), C_("column", "Variance"),
                                   C_("column", "%"), NULL };
    const int widths[DESK_BUDGET_N_FIGURES] = { 14, 14, 14, 7, 22 };

    for (int i = 0; i < DESK_BUDGET_N_FIGURES; i++)
      {
        self->columns[i].page = self;
        self->columns[i].which = i;
        column = desk_record_list_add_column (list, titles[i] != NULL ? titles[i] : "", setup_figure, bind_figure,
                                              compare_figure, &self->columns[i], FALSE);
        desk_record_list_fix_width (column, widths[i]);
        if (titles[i] != NULL)
          desk_cell_header_align_end (column);
        /* Beside the editor, the budget and what was spent; the rest follows from them. */
        if (i != DESK_BUDGET_FIGURE_BUDGET && i != DESK_BUDGET_FIGURE_SPENT)
          desk_record_list_set_column_priority (list, column, DESK_COLUMN_OPTIONAL);
      }
  }
  desk_record_list_set_new_tooltip (list, _("New Budget Line (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (list)), _("Search budget lines"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Budget Lines"),
                                   _("Add a line for each cost of the workplan’s activities, and for "
                                     "the group’s own coordination, or change the filters."));

  box = desk_record_list_get_filter_box (list);
  categories = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category");
  self->category_filter = desk_filter_dropdown_new (_("All Categories"), categories);
  desk_a11y_name_drop_down (self->category_filter, _("Filter by category"));
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
  desk_record_list_set_editor (list, NULL, self->line_editor, NULL);
  desk_record_list_set_match_func (list, line_matches, self);
  /* Lines grouped by activity, as the report and the CSV list them: once the filters it
   * runs through exist. */
  desk_record_list_sort_by (list, activity_column);
}

static void
build_expenses (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  DeskRecordList *list;

  list = self->expense_list = make_list (self, self->expenses_bin, G_CALLBACK (expense_open_cb),
                                         G_CALLBACK (_desk_budget_page_new_expense));
  desk_record_list_add_field_column (list, DESK_KIND_EXPENSE, "date", C_("column", "Date"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_column (list, C_("column", "Activity"), NULL, bind_expense_activity, NULL,
                                        self, FALSE);
  desk_record_list_set_column_priority (list, column, DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 7);
  column = desk_record_list_add_field_column (list, DESK_KIND_EXPENSE, "budget_line_uuid",
                                              C_("column", "Budget line"), DESK_COLUMN_ESSENTIAL);
  gtk_column_view_column_set_expand (column, TRUE);
  column = desk_record_list_add_field_column (list, DESK_KIND_EXPENSE, "payee",
                                              C_("column", "Payee"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 16);
  desk_record_list_add_field_column (list, DESK_KIND_EXPENSE, "amount_minor",
                                     C_("column", "Amount"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_column (list, "", setup_refund, bind_refund, NULL, self, FALSE);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_field_column (list, DESK_KIND_EXPENSE, "reference",
                                              C_("column", "Receipt"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 10);
  desk_record_list_set_new_tooltip (list, _("New Expense (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (list)), _("Search expenses"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Expenses"),
                                   _("Record what was spent against the budget lines, with the receipt."));

  self->expense_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_EXPENSE));
  desk_record_editor_add_group (self->expense_editor, NULL, expense_layout_main);
  desk_record_editor_add_group (self->expense_editor, _("Payment"), expense_layout_payment);
  desk_record_editor_set_sign_switch (self->expense_editor, "amount_minor", "is_refund");
  gtk_widget_set_tooltip_text (desk_record_editor_get_row (self->expense_editor, "is_refund"),
                               _("Money given back: the amount is entered as it is and counted off "
                                 "what was spent"));
  desk_record_list_set_editor (list, NULL, self->expense_editor, NULL);
  desk_record_list_set_match_func (list, expense_matches, self);
}

static void
build_funding (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  DeskRecordList *list;

  list = self->funding_list = make_list (self, self->funding_bin, G_CALLBACK (funding_open_cb),
                                         G_CALLBACK (_desk_budget_page_new_funding));
  desk_record_list_add_field_column (list, DESK_KIND_FUNDING, "date", C_("column", "Date"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (list, DESK_KIND_FUNDING, "source",
                                              C_("column", "Source"), DESK_COLUMN_ESSENTIAL);
  gtk_column_view_column_set_expand (column, TRUE);
  desk_record_list_add_field_column (list, DESK_KIND_FUNDING, "amount_minor",
                                     C_("column", "Amount"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (list, DESK_KIND_FUNDING, "reference",
                                              C_("column", "Reference"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 14);
  desk_record_list_set_new_tooltip (list, _("New Funding Receipt (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (list)), _("Search funding receipts"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Funding Received"),
                                   _("Record each sum the group received, with its source."));

  self->funding_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_FUNDING));
  desk_record_editor_add_group (self->funding_editor, NULL, funding_layout);
  desk_record_list_set_editor (list, NULL, self->funding_editor, NULL);
  desk_record_list_set_match_func (list, funding_matches, self);
}

static void
build_rates (DeskBudgetPage *self)
{
  GtkColumnViewColumn *column;
  AdwPreferencesGroup *group;
  GtkEventController *focus;
  DeskRecordList *list;

  list = self->rate_list = make_list (self, self->rates_bin, G_CALLBACK (rate_open_cb), G_CALLBACK (_desk_budget_page_new_rate));
  column = desk_record_list_add_field_column (list, DESK_KIND_RATE, "currency",
                                              C_("column", "Currency"), DESK_COLUMN_ESSENTIAL);
  /* A currency's rates together, oldest first. */
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare_rate, NULL, NULL)));
  desk_record_list_fix_width (column, 9);
  desk_record_list_add_field_column (list, DESK_KIND_RATE, "valid_from",
                                     C_("column", "Valid from"), DESK_COLUMN_ESSENTIAL);
  desk_record_list_add_column (list, C_("column", "Rate"), NULL, bind_rate, NULL, self, TRUE);
  column = desk_record_list_add_field_column (list, DESK_KIND_RATE, "source",
                                              C_("column", "Source"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 18);
  desk_record_list_set_new_tooltip (list, _("New Exchange Rate (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (list)), _("Search exchange rates"));
  desk_record_list_set_empty_text (list, "accessories-calculator-symbolic", _("No Exchange Rates"),
                                   _("Amounts in other currencies count in the totals once their rate "
                                     "to the reporting currency is known."));

  self->rate_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_RATE));
  group = desk_record_editor_add_group (self->rate_editor, NULL, rate_layout_main);
  self->rate_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Titled by the rate's currencies once one is open; named before that too. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rate_row), _("Rate"));
  adw_entry_row_set_show_apply_button (self->rate_row, TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (self->rate_row), 0.0f);
  g_signal_connect_swapped (self->rate_row, "apply", G_CALLBACK (rate_applied_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (rate_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->rate_row), focus);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rate_row), desk_page_get_writable (DESK_PAGE (self)));
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
  desk_record_list_set_editor (list, NULL, self->rate_editor, NULL);
}

/* Opening records */

static void
line_open_cb (DeskBudgetPage *self,
              const char     *uuid)
{
  DeskRecord *record = desk_record_editor_get_record (self->line_editor);
  const char *hint = NULL;

  desk_record_list_set_editor_title (self->line_list,
                                     record != NULL ? desk_record_title (record, "description", &hint) : "",
                                     hint);
  update_line_totals (self);
  desk_page_action_set_enabled (DESK_PAGE (self), "budget.revise", record != NULL);
}

/* An expense or a funding receipt: its editor titled with its amount and date. */
static void
open_dated_amount (DeskBudgetPage   *self,
                   DeskRecordEditor *editor,
                   DeskRecordList   *list)
{
  DeskRecord *record = desk_record_editor_get_record (editor);
  g_autofree char *title = NULL;

  if (record != NULL)
    {
      const char *currency = desk_record_get_string (record, "currency");
      g_autofree char *amount = desk_money_format (desk_record_get_int (record, "amount_minor"), currency,
                                                   _desk_budget_page_decimals_of (self, currency));
      g_autofree char *date = desk_date_format (desk_record_get_string (record, "date"));

      /* Translators: an expense's or a receipt's title in its editor: its amount and date. */
      title = g_strdup_printf (_("%s on %s"), amount, date);
    }
  desk_record_list_set_editor_title (list, title != NULL ? title : "", NULL);
}

static void
expense_open_cb (DeskBudgetPage *self,
                 const char     *uuid)
{
  open_dated_amount (self, self->expense_editor, self->expense_list);
}

static void
funding_open_cb (DeskBudgetPage *self,
                 const char     *uuid)
{
  open_dated_amount (self, self->funding_editor, self->funding_list);
}

static void
rate_open_cb (DeskBudgetPage *self,
              const char     *uuid)
{
  DeskRecord *record = desk_record_editor_get_record (self->rate_editor);
  g_autofree char *title = NULL;

  fill_rate_row (self);
  if (record != NULL)
    /* Translators: an exchange rate's title in its editor: “USD rate”. */
    title = g_strdup_printf (_("%s Rate"), desk_record_get_string (record, "currency"));
  desk_record_list_set_editor_title (self->rate_list, title != NULL ? title : "", NULL);
}

/* Internal API, for the page's other files */

void
_desk_budget_page_build_lists (DeskBudgetPage *self)
{
  build_lines (self);
  build_expenses (self);
  build_funding (self);
  build_rates (self);
}

void
_desk_budget_page_update_figures (DeskBudgetPage *self)
{
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, self->figure_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    fill_figure_cell (self, cell);

  /* The over-budget filter reads the summary. */
  if (gtk_toggle_button_get_active (self->over_toggle))
    desk_record_list_refilter (self->line_list, GTK_FILTER_CHANGE_DIFFERENT);
}

void
_desk_budget_page_forget_figure_cells (DeskBudgetPage *self)
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

void
_desk_budget_page_update_open_record (DeskBudgetPage *self,
                                      const char     *kind,
                                      const char     *uuid)
{
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
