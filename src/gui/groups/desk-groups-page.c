/* desk-groups-page.c
 *
 * The Groups page: one row per group with its last bundle and the state of its chain
 * (up to date, late, gap, fork), and the figures across groups (desk-groups-figures.c).
 * A secretariat's database opens on it; a coordinator's shows it once it imported
 * another group. Activating a row opens that group's own pages, read-only
 * (win.open-group).
 *
 * Status and figures are computed by core (desk_secretariat_status, _figures) on a
 * worker with a read-only connection of its own, as the Overview reads its figures, so
 * a database of many groups never holds the window; a change in the store reads them
 * again, once per burst of changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-groups-page.h"
#include "desk-groups-page-private.h"

#include "desk-cells.h"
#include "desk-job.h"
#include "desk-widget-util.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (DeskGroupsPage, desk_groups_page, DESK_TYPE_PAGE)

/* How often groups report, as the drop-down lists it. */
static const int reporting_months[] = { 1, 2, 3, 4, 6, 12 };

enum {
  COLUMN_CODE,
  COLUMN_COUNTRY,
  COLUMN_NAME,
  COLUMN_BUNDLE,
  COLUMN_IMPORTED,
  COLUMN_STATE,
  N_COLUMNS
};

/* Reading on a worker */

typedef struct
{
  DeskGroupsPage *self;          /* held until the answer came back */
  char *path;
  GDateTime *now;               /* the store's clock, which tests set */
  DeskGroupsReadFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  DeskGroupsDoneFunc done;
  gpointer result;
} ReadWork;

static void
read_work_free (gpointer data)
{
  ReadWork *work = data;

  if (work->result != NULL && work->result_free != NULL)
    work->result_free (work->result);
  if (work->data_free != NULL)
    work->data_free (work->data);
  g_clear_object (&work->self);
  g_free (work->path);
  g_clear_pointer (&work->now, g_date_time_unref);
  g_free (work);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadWork *work = task_data;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A connection of its own, read-only: it never takes the lock the window may need. */
  store = desk_store_open_read_only (work->path, &error);
  if (store != NULL)
    {
      desk_store_set_now (store, work->now);
      work->result = work->func (store, work->data, &error);
    }
  if (work->result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = G_TASK (result);
  ReadWork *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer answer;

  /* A newer question was asked meanwhile, or the page was unbuilt. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  g_task_propagate_boolean (task, &error);
  answer = g_steal_pointer (&work->result);
  work->done (work->self, answer, error);
}

void
_desk_groups_page_read (DeskGroupsPage     *self,
                        GCancellable       *cancellable,
                        DeskGroupsReadFunc  func,
                        gpointer            data,
                        GDestroyNotify      data_free,
                        GDestroyNotify      result_free,
                        DeskGroupsDoneFunc  done)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  const char *path = desk_store_get_path (store);
  g_autoptr(GTask) task = NULL;
  ReadWork *work;

  /* A database in memory cannot be opened twice: read it here. */
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      gpointer answer = func (store, data, &error);

      if (data_free != NULL)
        data_free (data);
      done (self, answer, error);
      return;
    }

  work = g_new0 (ReadWork, 1);
  work->self = g_object_ref (self);
  work->path = g_strdup (path);
  work->now = desk_store_dup_now (store);
  work->func = func;
  work->data = data;
  work->data_free = data_free;
  work->result_free = result_free;
  work->done = done;

  task = g_task_new (NULL, cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, _desk_groups_page_read);
  g_task_set_task_data (task, work, read_work_free);
  desk_job_run_in_thread (task, read_thread);
}

/* Status */

static DeskGroupStatus *
status_at (DeskGroupsPage *self,
           gpointer        item)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "desk-index"));

  if (self->statuses == NULL || index >= self->statuses->len)
    return NULL;

  return g_ptr_array_index (self->statuses, index);
}

/* "No. 3 · 1 Jan – 30 Jun 2026 · Counts only", or a dash when none arrived. */
static char *
dup_bundle_text (DeskGroupStatus *status)
{
  g_autofree char *period = NULL;
  g_autofree char *sequence = NULL;
  DeskPrivacy privacy;
  const char *privacy_label = status->privacy;

  if (status->last_sequence <= 0)
    return g_strdup (status->own ? _("Own group") : "—");

  period = desk_date_format_period (status->period_from, status->period_to);
  if (desk_privacy_from_string (status->privacy, &privacy))
    privacy_label = desk_privacy_label (privacy);

  sequence = g_strdup_printf ("%" G_GINT64_FORMAT, status->last_sequence);
  /* Translators: a bundle's sequence number, the period it covers and its privacy level. */
  return g_strdup_printf (_("No. %s · %s · %s"), sequence,
                          period != NULL ? period : "", privacy_label != NULL ? privacy_label : "");
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DeskGroupsPage           *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  if (column == COLUMN_STATE)
    gtk_list_item_set_child (item, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4));
  else
    gtk_list_item_set_child (item, desk_cell_label_new (NULL));
}

static void
add_pill (GtkWidget  *box,
          const char *text,
          const char *css_class)
{
  gtk_box_append (GTK_BOX (box), desk_cell_pill_new (text, css_class));
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DeskGroupsPage           *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  DeskGroupStatus *status = status_at (self, gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (status == NULL)
    return;

  switch (column)
    {
    case COLUMN_CODE:
      desk_cell_set_text (cell, status->code);
      break;

    case COLUMN_COUNTRY:
      text = desk_country_name (status->country);
      desk_cell_set_text (cell, text != NULL ? text : status->country);
      break;

    case COLUMN_NAME:
      desk_cell_set_text (cell, status->name);
      desk_cell_set_tooltip (cell, status->name);
      break;

    case COLUMN_BUNDLE:
      text = dup_bundle_text (status);
      desk_cell_set_text (cell, text);
      desk_cell_set_tooltip (cell, text);
      break;

    case COLUMN_IMPORTED:
      /* The day; the time as the tooltip. */
      if (status->imported != NULL && strlen (status->imported) >= 10)
        {
          g_autofree char *day = g_strndup (status->imported, 10);
          g_autofree char *when = desk_date_format_timestamp (status->imported);

          text = desk_date_format (day);
          desk_cell_set_tooltip (cell, when);
        }
      desk_cell_set_text (cell, text != NULL ? text : "—");
      break;

    case COLUMN_STATE:
      desk_widget_remove_children (cell);
      if (status->own)
        {
          add_pill (cell, _("Own group"), NULL);
          break;
        }
      /* "Up to date" beside "Late" would say two things: a late group's whole chain is
       * only worth a pill when it is broken too. */
      if (status->chain != DESK_CHAIN_OK || !status->late)
        add_pill (cell, desk_chain_label (status->chain),
                  status->chain == DESK_CHAIN_OK ? "desk-chain-ok" : "desk-overdue");
      if (status->late)
        add_pill (cell, C_("bundle", "Late"), "desk-overdue");
      /* Records changed after they were reported: the detail lists them. */
      if (status->amendments > 0)
        add_pill (cell, C_("bundle", "Amended"), "desk-amended");
      gtk_widget_set_tooltip_text (cell, status->message);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The detail under the table: what the chain of the group selected says. */
static void
show_detail (DeskGroupsPage  *self,
             DeskGroupStatus *status)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *due = NULL;

  if (status == NULL)
    {
      gtk_label_set_label (self->detail_title, "");
      gtk_label_set_label (self->detail_label,
                           _("Choose a group to see its chain of bundles; open it to read its records."));
      return;
    }

  gtk_label_set_label (self->detail_title, status->name);
  if (status->message != NULL)
    g_string_append_printf (text, "%s\n", status->message);
  if (status->missing != NULL && status->missing->len > 0)
    {
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (guint i = 0; i < status->missing->len; i++)
        g_string_append_printf (numbers, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                                g_array_index (status->missing, gint64, i));
      g_string_append_printf (text, _("Bundles never received: %s."), numbers->str);
      g_string_append_c (text, '\n');
    }
  if (status->replays_refused > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u older bundle offered again was refused.",
                                                 "%u older bundles offered again were refused.",
                                                 status->replays_refused),
                              status->replays_refused);
      g_string_append_c (text, '\n');
    }
  if (status->forks > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u bundle that does not follow the chain was set aside.",
                                                 "%u bundles that do not follow the chain were set aside.",
                                                 status->forks),
                              status->forks);
      g_string_append_c (text, '\n');
    }
  if (status->late && status->due_to != NULL)
    {
      due = desk_date_format (status->due_to);
      g_string_append_printf (text, _("No bundle covers the period that ended on %s."), due);
      g_string_append_c (text, '\n');
    }
  if (status->fingerprint != NULL)
    {
      g_string_append_printf (text, status->verified
                              ? _("Fingerprint %s, verified on import.")
                              : _("Fingerprint %s, not verified."),
                              status->fingerprint);
      g_string_append_c (text, '\n');
    }
  if (text->len == 0)
    g_string_append (text, _("Every bundle arrived, each following the one before."));
  else if (text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  gtk_label_set_label (self->detail_label, text->str);
}

static void
status_selection_changed_cb (GtkSelectionModel *selection,
                             guint              position,
                             guint              n_items,
                             DeskGroupsPage    *self)
{
  guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (selection), selected);

  show_detail (self, item != NULL ? status_at (self, item) : NULL);
  _desk_groups_amendments_show (self, item != NULL ? status_at (self, item) : NULL);
}

static void
status_activated_cb (GtkColumnView  *view,
                     guint           position,
                     DeskGroupsPage *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)),
                                                   position);
  DeskGroupStatus *status = item != NULL ? status_at (self, item) : NULL;

  if (status == NULL)
    return;

  /* The database's own group is the coordinator's pages; another opens read-only, with
   * the date of its last bundle in the banner. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-group", "(ss)", status->group_uuid,
                              status->period_to != NULL ? status->period_to : "");
}

static void
show_statuses (DeskGroupsPage *self,
               GPtrArray      *statuses,
               const GError   *error)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GtkSingleSelection) selection = NULL;

  self->status_pending = FALSE;
  g_clear_pointer (&self->statuses, g_ptr_array_unref);

  if (statuses == NULL)
    {
      adw_status_page_set_description (self->status_error, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->status_stack, "error");
      gtk_column_view_set_model (self->status_view, NULL);
      return;
    }

  self->statuses = statuses;
  for (guint i = 0; i < statuses->len; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_set_data (item, "desk-index", GUINT_TO_POINTER (i));
      g_list_store_append (store, item);
    }

  selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (selection, "selection-changed",
                           G_CALLBACK (status_selection_changed_cb), self, 0);
  gtk_column_view_set_model (self->status_view, GTK_SELECTION_MODEL (selection));
  show_detail (self, NULL);
  _desk_groups_amendments_show (self, NULL);
  gtk_stack_set_visible_child_name (self->status_stack, "list");
}

static gpointer
read_statuses (DeskStore  *store,
               gpointer    data,
               GError    **error)
{
  return desk_secretariat_status (store, NULL, error);
}

static void
statuses_read_cb (DeskGroupsPage *self,
                  gpointer        result,
                  const GError   *error)
{
  show_statuses (self, result, error);
}

static void
refresh_status (DeskGroupsPage *self)
{
  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);
  self->status_cancellable = g_cancellable_new ();
  self->status_pending = TRUE;
  _desk_groups_page_read (self, self->status_cancellable, read_statuses, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, statuses_read_cb);
}

/* The empty page while no group arrived, else the sections, read again. */
static void
desk_groups_page_refresh (gpointer data)
{
  DeskGroupsPage *self = data;
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  gboolean has_groups;

  if (store == NULL || !desk_page_get_built (DESK_PAGE (self)))
    return;

  self->stale = FALSE;
  has_groups = desk_store_has_imported_groups (store);
  gtk_stack_set_visible_child_name (self->stack, has_groups ? "groups" : "empty");
  if (!has_groups)
    return;

  refresh_status (self);
  _desk_groups_figures_refresh (self);
}

static void
store_changed_cb (DeskGroupsPage *self,
                  const char     *kind,
                  const char     *uuid,
                  DeskStore      *store)
{
  /* Not shown (the coordinator at work on the own group's pages): read when it is. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  /* An import announces every record it wrote: one reading for the burst. */
  desk_schedule_once (&self->refresh_source, G_PRIORITY_LOW, 0, desk_groups_page_refresh, self);
}

static void
desk_groups_page_map (GtkWidget *widget)
{
  DeskGroupsPage *self = DESK_GROUPS_PAGE (widget);

  GTK_WIDGET_CLASS (desk_groups_page_parent_class)->map (widget);

  if (self->stale && desk_page_get_built (DESK_PAGE (self)))
    {
      self->stale = FALSE;
      desk_groups_page_refresh (self);
    }
}

static void
months_changed_cb (DeskGroupsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->months_dropdown);
  g_autoptr(GError) error = NULL;

  if (self->syncing || selected >= G_N_ELEMENTS (reporting_months))
    return;

  if (!desk_secretariat_set_reporting_months (desk_page_get_store (DESK_PAGE (self)),
                                              reporting_months[selected], &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }
  refresh_status (self);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  desk_groups_page_refresh (widget);
}

/* A column; an expanding one starts from @width pixels and shares what is left, so that
 * its long text (a group's name, a bundle's period) is cut with "…" rather than pushing
 * the pills off the window. */
static void
add_status_column (DeskGroupsPage *self,
                   const char     *title,
                   guint           column,
                   gboolean        expand,
                   int             width)
{
  GtkColumnViewColumn *added = desk_column_view_append (self->status_view, title,
                                                        G_CALLBACK (status_setup_cb),
                                                        G_CALLBACK (status_bind_cb), self,
                                                        column, expand);

  if (width > 0)
    gtk_column_view_column_set_fixed_width (added, width);
}

/* DeskPage */

static gboolean
desk_groups_page_build (DeskPage *page)
{
  DeskGroupsPage *self = DESK_GROUPS_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  int months = desk_secretariat_get_reporting_months (store);

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (reporting_months); i++)
    if (reporting_months[i] == months)
      gtk_drop_down_set_selected (self->months_dropdown, i);
  _desk_groups_figures_build (self);
  self->syncing = FALSE;

  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  desk_groups_page_refresh (self);

  return TRUE;
}

static void
desk_groups_page_unbuild (DeskPage *page)
{
  DeskGroupsPage *self = DESK_GROUPS_PAGE (page);
  DeskStore *store = desk_page_get_store (page);

  if (store != NULL)
    g_clear_signal_handler (&self->changed_id, store);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->status_cancellable);
  g_cancellable_cancel (self->figures_cancellable);
  _desk_groups_amendments_stop (self);
  g_clear_object (&self->status_cancellable);
  g_clear_object (&self->figures_cancellable);
  self->status_pending = FALSE;
  self->figures_pending = FALSE;
  gtk_column_view_set_model (self->status_view, NULL);
  gtk_column_view_set_model (self->figures_view, NULL);
  desk_chart_set_report (self->chart, NULL);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->figures, desk_group_figures_set_free);
}

/* GObject */

static void
desk_groups_page_class_init (DeskGroupsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  widget_class->map = desk_groups_page_map;
  page_class->build = desk_groups_page_build;
  page_class->unbuild = desk_groups_page_unbuild;

  g_type_ensure (DESK_TYPE_CHART);
  g_type_ensure (DESK_TYPE_DATE_ENTRY);

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, sections);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, status_error);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, months_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, status_view);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, figures_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, figures_error);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, figures_view);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupsPage, notes_label);

  gtk_widget_class_install_action (widget_class, "groups.refresh", NULL, refresh_activated);
  _desk_groups_figures_class_init (widget_class);
}

static void
desk_groups_page_init (DeskGroupsPage *self)
{
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->sections);

  for (guint i = 0; i < G_N_ELEMENTS (reporting_months); i++)
    {
      g_autofree char *label = NULL;

      if (reporting_months[i] == 6)
        label = g_strdup (_("every half-year"));
      else if (reporting_months[i] == 12)
        label = g_strdup (_("every year"));
      else
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every month", "every %d months", reporting_months[i]),
                                 reporting_months[i]);
      gtk_string_list_append (months, label);
    }
  gtk_drop_down_set_model (self->months_dropdown, G_LIST_MODEL (months));
  g_signal_connect_swapped (self->months_dropdown, "notify::selected", G_CALLBACK (months_changed_cb), self);

  add_status_column (self, _("Code"), COLUMN_CODE, FALSE, 0);
  add_status_column (self, _("Country"), COLUMN_COUNTRY, FALSE, 0);
  add_status_column (self, _("Group"), COLUMN_NAME, TRUE, 180);
  add_status_column (self, _("Last Bundle"), COLUMN_BUNDLE, TRUE, 220);
  add_status_column (self, _("Imported"), COLUMN_IMPORTED, FALSE, 0);
  /* Room for two pills side by side ("Gap", "Late"). */
  add_status_column (self, _("Status"), COLUMN_STATE, FALSE, 190);
  g_signal_connect (self->status_view, "activate", G_CALLBACK (status_activated_cb), self);
  _desk_groups_figures_init (self);
  _desk_groups_amendments_init (self);
}

/* Private API, for tests */

gboolean
_desk_groups_page_is_reading (DeskGroupsPage *self)
{
  return self->status_pending || self->figures_pending || self->amendments_pending;
}

GPtrArray *
_desk_groups_page_get_statuses (DeskGroupsPage *self)
{
  return self->statuses;
}

DeskGroupFiguresSet *
_desk_groups_page_get_figures (DeskGroupsPage *self)
{
  return self->figures;
}

GtkColumnView *
_desk_groups_page_get_status_view (DeskGroupsPage *self)
{
  return self->status_view;
}

const char *
_desk_groups_page_get_state (DeskGroupsPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "empty";

  return gtk_stack_get_visible_child_name (self->status_stack);
}
