/* desk-budget-page.c
 *
 * The budget of one workplan: its lines, what was spent against them, the money
 * received, the exchange rates, and the figures that compare them. Every figure comes
 * from core's desk_budget_summarise, so the page never sums money itself and shows what
 * the CLI and the reports show. After a change to a kind the summary reads, the summary
 * follows that one record (desk_budget_summary_apply: a line's few expenses read again,
 * the lines added up again) in an idle, several writes in one turn of the main loop
 * together; only what core cannot follow that way (a rate, the workplan) sums again,
 * in a worker on a read-only connection of its own for a database on disk. So is the
 * workplan shown first and the one chosen after it: the page shows its frame and its lists
 * at once, and the cards and the Summary tab fill when the worker's summary arrives.
 *
 * This file is the page itself: building it, the workplan shown, the summary computed
 * again after a change, the actions. desk-budget-page-private.h lists the other files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-page.h"
#include "desk-budget-page-private.h"

G_DEFINE_FINAL_TYPE (DeskBudgetPage, desk_budget_page, DESK_TYPE_PAGE)

enum {
  PROP_0,
  PROP_CSV_BOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tabs with a list, and the kind each lists; any other name means the first. */
static const struct
{
  const char *name;
  const char *kind;
} views[] = {
  { "lines", "budget_line" },
  { "expenses", "expense" },
  { "funding", "funding" },
  { "rates", "rate" },
};

static guint
view_index (const char *view)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (view, views[i].name) == 0)
      return i;

  return 0;
}

/* The summary */

/* The summary view borrows the summary: show it the new one, or nothing, at once. */
static void
clear_summary (DeskBudgetPage *self)
{
  g_clear_pointer (&self->line_rows, g_hash_table_unref);
  g_clear_pointer (&self->summary, desk_budget_summary_free);
}

/* The figures of the summary, in the version chosen, everywhere they show. */
static void
show_figures (DeskBudgetPage *self)
{
  g_autoptr(GPtrArray) gaps = NULL;

  /* Read only when a rate is missing: the amounts are then named by currency. */
  if (self->summary != NULL && (self->summary->total.missing > 0 || self->summary->received_missing > 0))
    gaps = desk_budget_rate_gaps (desk_page_get_store (DESK_PAGE (self)), self->summary, self->version, NULL);
  desk_budget_summary_view_set_rate_gaps (self->summary_view, gaps);
  desk_budget_summary_view_show (self->summary_view, self->summary, self->version);
  _desk_budget_page_update_figures (self);
}

static char *
dup_activity_name (DeskBudgetPage *self,
                   const char     *uuid)
{
  DeskRecord *activity = _desk_budget_page_find_activity (self, uuid);

  if (activity == NULL)
    return g_strdup (_("Group coordination"));

  return g_strdup_printf ("%s %s", desk_record_get_string (activity, "code"),
                          desk_record_title (activity, "title", NULL));
}

static char *
summary_name_cb (DeskBudgetTable  table,
                 const char      *key,
                 gpointer         user_data)
{
  DeskBudgetPage *self = user_data;

  if (table == DESK_BUDGET_TABLE_ACTIVITIES)
    return dup_activity_name (self, key);

  return desk_reference_label (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_BUDGET_LINE, "category", key);
}

typedef struct
{
  char *kind;
  char *uuid;
} DeskBudgetChange;

static void
change_clear (DeskBudgetChange *change)
{
  g_free (change->kind);
  g_free (change->uuid);
}

/* A summary being made again in a worker is not wanted any more. */
static void
stop_summing (DeskBudgetPage *self)
{
  g_cancellable_cancel (self->summing);
  g_clear_object (&self->summing);
}

/* @summary (taken) is the page's from now on, shown everywhere. */
static void
install_summary (DeskBudgetPage    *self,
                 DeskBudgetSummary *summary)
{
  clear_summary (self);
  self->summary = summary;
  self->line_rows = _desk_budget_index_rows (summary->lines);

  {
    g_autofree char *name = desk_currency_name (summary->currency);
    /* Translators: in the Budget page's bar: “Reporting currency: Ghanaian cedi (GHS)”. */
    g_autofree char *text = g_strdup_printf (_("Reporting currency: %s (%s)"),
                                             name != NULL ? name : summary->currency, summary->currency);

    /* The bar has room for the code beside the sections; the sentence says what it is. */
    gtk_label_set_label (self->currency_label, summary->currency);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->currency_label), text);
  }

  show_figures (self);
  self->refresh_count++;
}

/* Sums the workplan again, at once. */
static void
refresh_summary (DeskBudgetPage *self)
{
  g_autoptr(GError) error = NULL;
  DeskBudgetSummary *summary;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_summing (self);
  g_array_set_size (self->changes, 0);
  self->sum_again = FALSE;
  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL)
    return;

  summary = desk_budget_summarise (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, &error);
  if (summary == NULL)
    {
      g_warning ("Could not sum up the budget: %s", error->message);
      return;
    }

  install_summary (self, summary);
}

typedef struct
{
  char *path;
  GDateTime *now;
  char *workplan;
} SumJob;

static void
sum_job_free (SumJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job->workplan);
  g_free (job);
}

static void
sum_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SumJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  DeskBudgetSummary *summary;

  /* A read-only connection of its own: it never takes the window's write lock. */
  store = desk_store_open_read_only (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  desk_store_set_now (store, job->now);

  summary = desk_budget_summarise (store, job->workplan, &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) desk_budget_summary_free);
}

static void queue_refresh (DeskBudgetPage *self);

static void
summed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (object);
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  /* Another workplan shown, the page unbuilt or gone: not this page's figures. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->summing);

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary == NULL)
    {
      g_warning ("Could not sum up the budget: %s", error->message);
      return;
    }
  install_summary (self, g_steal_pointer (&summary));

  /* What changed while the worker read is followed now: following a change the worker
   * already saw does no harm, each reads its record as it is now. */
  if (self->changes->len > 0 || self->sum_again)
    queue_refresh (self);
}

/* Sums the workplan again: on a database on disk in a worker (tens of milliseconds on a
 * large group), the page's summary put away meanwhile, for it may be half followed. */
static void
start_summing (DeskBudgetPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  const char *path = desk_store_get_path (store);
  g_autoptr(GTask) task = NULL;
  SumJob *job;

  if (path == NULL || g_str_equal (path, ":memory:") || self->workplan_uuid == NULL)
    {
      refresh_summary (self);
      return;
    }

  stop_summing (self);
  g_array_set_size (self->changes, 0);
  self->sum_again = FALSE;
  desk_budget_summary_view_show (self->summary_view, NULL, self->version);
  clear_summary (self);

  job = g_new0 (SumJob, 1);
  job->path = g_strdup (path);
  job->now = desk_store_dup_now (store);
  job->workplan = g_strdup (self->workplan_uuid);
  self->summing = g_cancellable_new ();
  task = g_task_new (self, self->summing, summed_cb, NULL);
  g_task_set_source_tag (task, start_summing);
  g_task_set_task_data (task, job, (GDestroyNotify) sum_job_free);
  g_task_run_in_thread (task, sum_thread);
}

/* The summary follows the changes made since it was last shown, each from its record;
 * FALSE when one cannot be followed and it must be summed again. */
static gboolean
follow_changes (DeskBudgetPage *self)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  gboolean lines_changed = FALSE;

  if (self->summary == NULL || self->sum_again)
    return FALSE;

  for (guint i = 0; i < self->changes->len; i++)
    {
      DeskBudgetChange *change = &g_array_index (self->changes, DeskBudgetChange, i);

      if (!desk_budget_summary_apply (self->summary, store, change->kind, change->uuid))
        return FALSE;
      lines_changed |= g_str_equal (change->kind, "budget_line");
    }
  g_array_set_size (self->changes, 0);

  /* A line added or gone: the lines' rows are another set. */
  if (lines_changed)
    {
      g_clear_pointer (&self->line_rows, g_hash_table_unref);
      self->line_rows = _desk_budget_index_rows (self->summary->lines);
    }

  return TRUE;
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DeskBudgetPage *self = user_data;

  self->refresh_id = 0;
  /* While a worker sums, the changes wait for its summary. */
  if (!desk_page_get_built (DESK_PAGE (self)) || self->workplan_uuid == NULL || self->summing != NULL)
    return G_SOURCE_REMOVE;

  if (!follow_changes (self))
    {
      start_summing (self);
      return G_SOURCE_REMOVE;
    }

  show_figures (self);
  self->refresh_count++;

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

  /* A burst of changes (an import, an undone deletion) is summed again at once. */
  if (self->changes->len < 64)
    {
      DeskBudgetChange change = { g_strdup (kind), g_strdup (uuid) };

      g_array_append_val (self->changes, change);
    }
  else
    self->sum_again = TRUE;
  queue_refresh (self);
  _desk_budget_page_update_open_record (self, kind, uuid);
}

/* Workplans */

static void
update_header (DeskBudgetPage *self)
{
  desk_workplan_choice_show (&self->choice, G_LIST_MODEL (self->workplans), self->workplan_uuid);
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
      /* The page shows its lines at once and its figures when the worker has summed
       * them (on disk; in memory at once). */
      start_summing (self);
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
    uuid = desk_workplan_pick_current (G_LIST_MODEL (self->workplans));
  show_workplan (self, uuid);
}

/* The expenses (40,000 on a large group) are read the first time their tab or their list
 * is needed, not when the page is first shown on its Lines tab. */
static void
ensure_expenses (DeskBudgetPage *self)
{
  if (self->expenses != NULL || self->expense_list == NULL || self->group_uuid == NULL)
    return;

  self->expenses = desk_record_model_new (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_EXPENSE,
                                          self->group_uuid);
  desk_record_list_set_model (self->expense_list, self->expenses);
}

static void
view_shown_cb (DeskBudgetPage *self)
{
  if (desk_page_get_built (DESK_PAGE (self)) &&
      view_index (adw_view_stack_get_visible_child_name (self->view_stack)) == view_index ("expenses"))
    ensure_expenses (self);
}

static gboolean
desk_budget_page_build (DeskPage *page)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (page);
  DeskStore *store = desk_page_get_store (page);

  self->group_uuid = desk_page_dup_group_uuid (page);
  if (self->group_uuid == NULL)
    return FALSE;

  _desk_budget_page_build_lists (self);

  self->workplans = desk_record_model_new (store, DESK_KIND_WORKPLAN, self->group_uuid);
  self->activities = desk_record_model_new (store, DESK_KIND_ACTIVITY, self->group_uuid);
  self->lines = desk_record_model_new (store, DESK_KIND_BUDGET_LINE, self->group_uuid);
  self->funding = desk_record_model_new (store, DESK_KIND_FUNDING, self->group_uuid);
  self->rates = desk_record_model_new (store, DESK_KIND_RATE, self->group_uuid);
  g_signal_connect_swapped (self->workplans, "items-changed", G_CALLBACK (workplans_changed_cb), self);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  show_workplan (self, desk_workplan_pick_current (G_LIST_MODEL (self->workplans)));
  desk_record_list_set_model (self->line_list, self->lines);
  desk_record_list_set_model (self->funding_list, self->funding);
  desk_record_list_set_model (self->rate_list, self->rates);
  view_shown_cb (self);

  return TRUE;
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
  _desk_budget_page_new_rate (self);
}

/* Template callbacks */

static void
workplan_chosen_cb (DeskBudgetPage *self)
{
  const char *uuid = desk_workplan_choice_get_chosen (&self->choice);

  if (uuid != NULL && desk_page_get_built (DESK_PAGE (self)))
    show_workplan (self, uuid);
}

static void
version_toggled_cb (DeskBudgetPage *self)
{
  DeskBudgetVersion version = gtk_toggle_button_get_active (self->original_toggle) ?
                              DESK_BUDGET_ORIGINAL : DESK_BUDGET_REVISED;

  if (version == self->version)
    return;

  self->version = version;
  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  show_figures (self);
}

/* Overrides */

/* No more summaries, signals nor form: the page is unbuilt or going. */
static void
stop_watching (DeskBudgetPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_summing (self);
  g_array_set_size (self->changes, 0);
  if (desk_page_get_store (DESK_PAGE (self)) != NULL)
    g_clear_signal_handler (&self->changed_id, desk_page_get_store (DESK_PAGE (self)));
  if (self->workplans != NULL)
    g_signal_handlers_disconnect_by_data (self->workplans, self);
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  _desk_budget_page_forget_figure_cells (self);
}

static void
drop_models (DeskBudgetPage *self)
{
  g_clear_object (&self->workplans);
  g_clear_object (&self->activities);
  g_clear_object (&self->lines);
  g_clear_object (&self->expenses);
  g_clear_object (&self->funding);
  g_clear_object (&self->rates);
}

static void
desk_budget_page_unbuild (DeskPage *page)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (page);

  stop_watching (self);

  /* The lists with their filters and editors. */
  adw_bin_set_child (self->lines_bin, NULL);
  adw_bin_set_child (self->expenses_bin, NULL);
  adw_bin_set_child (self->funding_bin, NULL);
  adw_bin_set_child (self->rates_bin, NULL);
  self->line_list = self->expense_list = self->funding_list = self->rate_list = NULL;
  self->line_editor = self->expense_editor = self->funding_editor = self->rate_editor = NULL;
  self->category_filter = NULL;
  self->over_toggle = NULL;
  self->original_row = self->revised_row = self->revision_row = NULL;
  self->rate_row = NULL;
  self->rate_error_row = NULL;
  self->rate_error_label = NULL;

  desk_workplan_choice_reset (&self->choice);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  desk_page_action_set_enabled (DESK_PAGE (self), "budget.revise", FALSE);

  desk_budget_summary_view_show (self->summary_view, NULL, self->version);
  clear_summary (self);
  drop_models (self);
  g_clear_pointer (&self->group_uuid, g_free);
  g_clear_pointer (&self->workplan_uuid, g_free);
  g_clear_pointer (&self->form_line, g_free);
}

/* The window sends every kind it maps to this page here but its revisions, which only
 * show the page. */
static DeskRecordList *
desk_budget_page_get_list_for_kind (DeskPage   *page,
                                    const char *kind)
{
  const char *view = views[0].name;

  if (g_str_equal (kind, "budget_revision"))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (kind, views[i].kind) == 0)
      view = views[i].name;

  return _desk_budget_page_get_list (DESK_BUDGET_PAGE (page), view);
}

static void
desk_budget_page_finalize (GObject *object)
{
  DeskBudgetPage *self = (DeskBudgetPage *) object;

  clear_summary (self);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->figure_cells, g_hash_table_unref);
  desk_workplan_choice_clear (&self->choice);
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

  return _desk_budget_page_get_list (self, adw_view_stack_get_visible_child_name (self->view_stack));
}

static void
desk_budget_page_class_init (DeskBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->finalize = desk_budget_page_finalize;
  object_class->get_property = desk_budget_page_get_property;
  object_class->set_property = desk_budget_page_set_property;

  page_class->build = desk_budget_page_build;
  page_class->unbuild = desk_budget_page_unbuild;
  page_class->get_list_for_kind = desk_budget_page_get_list_for_kind;
  page_class->get_active_list = desk_budget_page_get_active_list;

  /* Excel reads a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
  properties[PROP_CSV_BOM] =
    g_param_spec_boolean ("csv-bom", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_RECORD_LIST);
  g_type_ensure (DESK_TYPE_BUDGET_SUMMARY_VIEW);

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, workplan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, workplan_title);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, currency_label);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, original_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, revised_toggle);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, headline_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, lines_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, expenses_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, funding_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, rates_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskBudgetPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, workplan_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_toggled_cb);

  desk_page_class_set_writing_actions (page_class, (const char *[]) {
    "budget.revise", "budget.add-rate", NULL });
  gtk_widget_class_install_action (widget_class, "budget.revise", NULL, _desk_budget_page_revise_activated);
  gtk_widget_class_install_action (widget_class, "budget.add-rate", NULL, add_rate_activated);
  gtk_widget_class_install_action (widget_class, "budget.export-csv", "s", _desk_budget_page_export_csv_activated);
  gtk_widget_class_install_property_action (widget_class, "budget.csv-bom", "csv-bom");
}

static void
desk_budget_page_init (DeskBudgetPage *self)
{
  self->version = DESK_BUDGET_REVISED;
  self->figure_cells = g_hash_table_new (NULL, NULL);
  self->changes = g_array_new (FALSE, FALSE, sizeof (DeskBudgetChange));
  g_array_set_clear_func (self->changes, (GDestroyNotify) change_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* One toolbar row above the figures: the sections, the workplan, Original or Revised,
   * the actions; the data gets the rest. */
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->view_stack);
  desk_workplan_choice_init (&self->choice, self->workplan_dropdown, self->workplan_title);
  desk_page_action_set_enabled (DESK_PAGE (self), "budget.revise", FALSE);

  /* The cards above the tabs, the tables on the Summary tab. */
  adw_bin_set_child (self->headline_bin, desk_budget_summary_view_get_headline (self->summary_view));
  desk_budget_summary_view_set_name_func (self->summary_view, summary_name_cb, self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (view_shown_cb), self);
}

/* Private API, for tests and the benchmark */

void
_desk_budget_page_show_view (DeskBudgetPage *self,
                             const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));
  if (view_index (view) == view_index ("expenses"))
    ensure_expenses (self);
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

DeskRecordList *
_desk_budget_page_get_list (DeskBudgetPage *self,
                            const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));
  if (view_index (view) == view_index ("expenses"))
    ensure_expenses (self);

  {
    DeskRecordList *lists[] = { self->line_list, self->expense_list, self->funding_list, self->rate_list };

    return lists[view_index (view)];
  }
}

DeskRecordEditor *
_desk_budget_page_get_editor (DeskBudgetPage *self,
                              const char     *view)
{
  desk_page_ensure_built (DESK_PAGE (self));
  if (view_index (view) == view_index ("expenses"))
    ensure_expenses (self);

  {
    DeskRecordEditor *editors[] = { self->line_editor, self->expense_editor, self->funding_editor,
                                    self->rate_editor };

    return editors[view_index (view)];
  }
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

DeskRecordForm *
_desk_budget_page_get_form (DeskBudgetPage *self)
{
  return self->form;
}

DeskBudgetSummaryView *
_desk_budget_page_get_summary_view (DeskBudgetPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->summary_view;
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

/* Internal API, for the page's other files */

GtkWindow *
_desk_budget_page_get_window (DeskBudgetPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

int
_desk_budget_page_decimals_of (DeskBudgetPage *self,
                               const char     *code)
{
  int units = code != NULL ? desk_currency_minor_units (desk_page_get_store (DESK_PAGE (self)), code) : -1;

  return units >= 0 ? units : 2;
}

DeskRecord *
_desk_budget_page_find_line (DeskBudgetPage *self,
                             const char     *uuid)
{
  return uuid != NULL && self->lines != NULL ? desk_record_model_find (self->lines, uuid, NULL) : NULL;
}

DeskRecord *
_desk_budget_page_find_activity (DeskBudgetPage *self,
                                 const char     *uuid)
{
  return uuid != NULL && uuid[0] != '\0' && self->activities != NULL ?
         desk_record_model_find (self->activities, uuid, NULL) : NULL;
}

gboolean
_desk_budget_page_line_in_workplan (DeskBudgetPage *self,
                                    DeskRecord     *line)
{
  return line != NULL &&
         g_strcmp0 (desk_record_get_string (line, "workplan_uuid"), self->workplan_uuid) == 0;
}

DeskRecord *
_desk_budget_page_dup_workplan (DeskBudgetPage *self)
{
  if (self->workplan_uuid == NULL)
    return NULL;

  return desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, NULL);
}

char *
_desk_budget_page_dup_reporting_currency (DeskBudgetPage *self)
{
  g_autoptr(DeskRecord) group = NULL;

  if (self->group_uuid == NULL)
    return g_strdup ("USD");
  group = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_GROUP, self->group_uuid, NULL);

  return g_strdup (group != NULL ? desk_record_get_string (group, "currency") : "USD");
}

void
_desk_budget_page_ensure_expenses (DeskBudgetPage *self)
{
  ensure_expenses (self);
}
