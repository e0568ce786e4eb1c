/* desk-budget-page-private.h — inside the Budget page: the state its files share, and
 * what tests and the benchmark reach
 *
 * The page is one class in several files, each a concern: desk-budget-page.c (the page
 * itself: building, the workplan shown, the summary recomputed after a change),
 * desk-budget-lists.c (the four lists and their editors), desk-budget-forms.c (new
 * records and the forms that ask for them) and desk-budget-export.c (the CSV exports).
 * The cards and the summary tables are a widget of their own, DeskBudgetSummaryView.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-record-form.h"
#include "desk-budget-page.h"
#include "desk-budget-summary.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"
#include "desk-workplan-choice.h"

G_BEGIN_DECLS

/* The figures of a budget line, shown in the Lines list and in the summary tables. */
typedef enum
{
  DESK_BUDGET_FIGURE_BUDGET,
  DESK_BUDGET_FIGURE_SPENT,
  DESK_BUDGET_FIGURE_VARIANCE,
  DESK_BUDGET_FIGURE_PERCENT,
  DESK_BUDGET_FIGURE_STATUS,
  DESK_BUDGET_N_FIGURES
} DeskBudgetFigure;

/* What a figure column's factory or comparator needs: the page, and which figure. */
typedef struct
{
  DeskBudgetPage *page;
  int which;              /* DeskBudgetFigure */
} DeskBudgetColumn;

typedef enum
{
  DESK_RECORD_FORM_NONE,
  DESK_RECORD_FORM_EXPENSE,
  DESK_RECORD_FORM_FUNDING,
  DESK_RECORD_FORM_RATE,
  DESK_RECORD_FORM_REVISION,
} DeskRecordFormKind;

struct _DeskBudgetPage
{
  DeskPage parent_instance;

  gboolean csv_bom;
  char *group_uuid;
  char *workplan_uuid;
  DeskBudgetVersion version;

  DeskBudgetSummary *summary;
  GHashTable *line_rows;            /* line UUID → DeskBudgetRow, borrowed from the summary */
  guint refresh_id;
  guint refresh_count;
  /* The changes (DeskBudgetChange) the summary has not followed yet, and whether one of
   * them means summing again. */
  GArray *changes;
  gboolean sum_again;
  /* While a worker sums the workplan again (a database on disk), to cancel it. */
  GCancellable *summing;
  gulong changed_id;
  GHashTable *figure_cells;         /* GtkWidget → nothing: cells filled from the summary */
  DeskBudgetColumn columns[DESK_BUDGET_N_FIGURES];

  DeskRecordModel *workplans;
  DeskRecordModel *activities;
  DeskRecordModel *lines;
  DeskRecordModel *expenses;
  DeskRecordModel *funding;
  DeskRecordModel *rates;
  DeskWorkplanChoice choice;

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

  DeskRecordForm *form;
  DeskRecordFormKind form_kind;
  char *form_line;                  /* the line a revision is for */

  /* Template widgets */
  GtkStack *main_stack;
  GtkBox *toolbar;
  GtkDropDown *workplan_dropdown;
  GtkLabel *workplan_title;
  GtkLabel *currency_label;
  GtkToggleButton *original_toggle;
  GtkToggleButton *revised_toggle;
  AdwBin *headline_bin;
  AdwViewStack *view_stack;
  AdwBin *lines_bin;
  AdwBin *expenses_bin;
  AdwBin *funding_bin;
  AdwBin *rates_bin;
  DeskBudgetSummaryView *summary_view;
};

/* desk-budget-page.c: what the page's files look up. */
GtkWindow                *_desk_budget_page_get_window        (DeskBudgetPage *self);
/* The decimals of currency @code, 2 when it is unknown. */
int                       _desk_budget_page_decimals_of       (DeskBudgetPage *self,
                                                               const char     *code);
/* Reads the expenses into their list now if they were not yet (they are read the first
 * time the Expenses tab or list is needed). */
void                      _desk_budget_page_ensure_expenses   (DeskBudgetPage *self);
DeskRecord               *_desk_budget_page_find_line         (DeskBudgetPage *self,
                                                               const char     *uuid);
DeskRecord               *_desk_budget_page_find_activity     (DeskBudgetPage *self,
                                                               const char     *uuid);
gboolean                  _desk_budget_page_line_in_workplan  (DeskBudgetPage *self,
                                                               DeskRecord     *line);
DeskRecord               *_desk_budget_page_dup_workplan      (DeskBudgetPage *self);
char                     *_desk_budget_page_dup_reporting_currency (DeskBudgetPage *self);

/* desk-budget-lists.c */
void                      _desk_budget_page_build_lists       (DeskBudgetPage *self);
/* Fills the figure cells again after a new summary or version, and filters the lines
 * again when only the overspent ones show. */
void                      _desk_budget_page_update_figures    (DeskBudgetPage *self);
void                      _desk_budget_page_forget_figure_cells (DeskBudgetPage *self);
/* After a change to a record of @kind: the open line's totals and the open rate follow. */
void                      _desk_budget_page_update_open_record (DeskBudgetPage *self,
                                                               const char     *kind,
                                                               const char     *uuid);
DeskRecord               *_desk_budget_page_dup_latest_revision (DeskBudgetPage *self,
                                                               const char     *line_uuid);

/* desk-budget-forms.c: the lists' "New" buttons and the page's actions. */
void                      _desk_budget_page_new_line          (DeskBudgetPage *self);
void                      _desk_budget_page_new_expense       (DeskBudgetPage *self);
void                      _desk_budget_page_new_funding       (DeskBudgetPage *self);
void                      _desk_budget_page_new_rate          (DeskBudgetPage *self);
void                      _desk_budget_page_revise_activated  (GtkWidget      *widget,
                                                               const char     *action_name,
                                                               GVariant       *parameter);

/* desk-budget-summary.c: cells the Lines list shares with the summary tables. */
/* A right-aligned cell for an amount. */
GtkWidget                *_desk_budget_figure_label_new       (void);
/* The “Over budget” and “Rate missing” pills of a row, shown by
 * _desk_budget_status_box_set(). */
GtkWidget                *_desk_budget_status_box_new         (void);
void                      _desk_budget_status_box_set         (GtkWidget      *box,
                                                               gboolean        over,
                                                               gboolean        missing);
/* @rows (DeskBudgetRow) by key; the rows stay @rows' own. */
GHashTable               *_desk_budget_index_rows             (GPtrArray      *rows);
/* The text of figure @which of @row, in @summary's reporting currency. */
char                     *_desk_budget_figure_text            (const DeskBudgetSummary *summary,
                                                               DeskBudgetVersion        version,
                                                               const DeskBudgetRow     *row,
                                                               DeskBudgetFigure         which);

/* desk-budget-export.c */
void                      _desk_budget_page_export_csv_activated (GtkWidget  *widget,
                                                                  const char *action_name,
                                                                  GVariant   *parameter);

/* For tests and the benchmark. */

/* @view: "lines", "expenses", "funding", "rates" or "summary". */
void                      _desk_budget_page_show_view         (DeskBudgetPage *self,
                                                               const char     *view);
DeskRecordList           *_desk_budget_page_get_list          (DeskBudgetPage *self,
                                                               const char     *view);
DeskRecordEditor         *_desk_budget_page_get_editor        (DeskBudgetPage *self,
                                                               const char     *view);
DeskBudgetSummaryView    *_desk_budget_page_get_summary_view  (DeskBudgetPage *self);
GtkToggleButton          *_desk_budget_page_get_over_toggle   (DeskBudgetPage *self);
GtkToggleButton          *_desk_budget_page_get_revised_toggle (DeskBudgetPage *self);
/* The open line's totals in its editor: "original" or "revised". */
AdwActionRow             *_desk_budget_page_get_total_row     (DeskBudgetPage *self,
                                                               const char     *which);
/* The rate entry of the rate editor and its message (NULL when none). */
GtkWidget                *_desk_budget_page_get_rate_row      (DeskBudgetPage *self);
const char               *_desk_budget_page_get_rate_error    (DeskBudgetPage *self);
/* The form the page has open (new expense, receipt, rate, or a revision), or NULL. */
DeskRecordForm           *_desk_budget_page_get_form          (DeskBudgetPage *self);
const DeskBudgetSummary  *_desk_budget_page_get_summary       (DeskBudgetPage *self);
/* How many times the figures were brought up to date (after a change, or summed again);
 * the summing again itself, at once. */
guint                     _desk_budget_page_get_refresh_count (DeskBudgetPage *self);
void                      _desk_budget_page_refresh_now       (DeskBudgetPage *self);
/* The CSV that "Export CSV…" writes: @what is "lines" or "expenses". */
char                     *_desk_budget_page_dup_csv           (DeskBudgetPage *self,
                                                               const char     *what,
                                                               gboolean        bom,
                                                               gsize          *length);

/* A card's figure and the line under it: "budget", "spent", "remaining", "received",
 * "cash". */
GtkLabel                 *_desk_budget_summary_view_get_card_value    (DeskBudgetSummaryView *self,
                                                                       const char            *card);
GtkLabel                 *_desk_budget_summary_view_get_card_detail   (DeskBudgetSummaryView *self,
                                                                       const char            *card);
/* The “Rate missing” pill of a card (“Over budget” for "remaining"), visible or not. */
GtkWidget                *_desk_budget_summary_view_get_card_pill     (DeskBudgetSummaryView *self,
                                                                       const char            *card);
/* The banner that counts amounts with no rate; NULL when it is hidden. */
GtkLabel                 *_desk_budget_summary_view_get_missing_label (DeskBudgetSummaryView *self);
/* A table's rows, "activities" or "categories" (GtkStringList of keys), up to date. */
GListModel               *_desk_budget_summary_view_get_model         (DeskBudgetSummaryView *self,
                                                                       const char            *table);

G_END_DECLS
