/* desk-deliverables-page.c
 *
 * Every deliverable of the group, whichever its activity, with the overdue ones marked,
 * counted and a toggle away. Overdue is core's rule (desk_deliverable_is_overdue) on the
 * store's today, so a test's injected clock holds here too. Read on first show only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-deliverables-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-deliverables-page.h"
#include "desk-a11y.h"
#include "desk-deliverables-page-private.h"

#include "desk-cells.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"

struct _DeskDeliverablesPage
{
  DeskPage parent_instance;

  char *group_uuid;
  char *today;
  DeskRecordModel *deliverables;
  DeskRecordModel *activities;
  gulong changed_id;

  GHashTable *evidence_counts; /* deliverable UUID → its number of files */

  GtkWidget *status_filter;
  GtkToggleButton *overdue_toggle;
  GtkToggleButton *no_evidence_toggle;
  GtkLabel *overdue_label;
  DeskRecordEditor *editor;

  /* Template widgets */
  AdwBin *list_bin;
  DeskRecordList *deliverable_list;
};

G_DEFINE_FINAL_TYPE (DeskDeliverablesPage, desk_deliverables_page, DESK_TYPE_PAGE)

static const char * const layout_main[] = { "title", "activity_uuid", "status", NULL };
static const char * const layout_dates[] = { "due_date", "delivered_on", NULL };
/* The note leads the Evidence section; the files follow it (the record editor's). */
static const char * const layout_evidence[] = { "evidence_note", NULL };

/* Helpers */

static void deliverable_new_cb (DeskDeliverablesPage *self);


static void
update_today (DeskDeliverablesPage *self)
{
  g_free (self->today);
  self->today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
}

static void
update_overdue_count (DeskDeliverablesPage *self)
{
  gint64 count = desk_store_count_overdue (desk_page_get_store (DESK_PAGE (self)), self->group_uuid);
  g_autofree char *text = NULL;

  /* Translators: the number of deliverables past their due date, in a strip above them. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld deliverable is overdue",
                                       "%lld deliverables are overdue", count), (long long) count);
  gtk_label_set_label (self->overdue_label, text);
  gtk_widget_set_visible (GTK_WIDGET (desk_record_list_get_banner_box (self->deliverable_list)), count > 0);
}

/* The files of every deliverable, read once per change rather than once per row. */
static void
update_evidence_counts (DeskDeliverablesPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->evidence_counts, g_hash_table_unref);
  self->evidence_counts = desk_attachment_count_by_owner (desk_page_get_store (DESK_PAGE (self)),
                                                          DESK_KIND_DELIVERABLE, &error);
  if (self->evidence_counts == NULL)
    g_warning ("Could not count the deliverables' files: %s", error->message);
}

/* Delivered (or accepted) with no file to show for it. */
static gboolean
lacks_evidence (DeskDeliverablesPage *self,
                DeskRecord           *record)
{
  const char *status = desk_record_get_string (record, "status");

  if (g_strcmp0 (status, "delivered") != 0 && g_strcmp0 (status, "accepted") != 0)
    return FALSE;

  return self->evidence_counts != NULL &&
         !g_hash_table_contains (self->evidence_counts, desk_record_get_uuid (record));
}

static gboolean
deliverable_matches (DeskRecord *record,
                     gpointer    user_data)
{
  DeskDeliverablesPage *self = user_data;
  const char *code = desk_filter_dropdown_get_code (self->status_filter);

  if (code != NULL && g_strcmp0 (desk_record_get_string (record, "status"), code) != 0)
    return FALSE;

  if (gtk_toggle_button_get_active (self->overdue_toggle) &&
      !desk_deliverable_is_overdue (record, self->today))
    return FALSE;

  if (gtk_toggle_button_get_active (self->no_evidence_toggle) && !lacks_evidence (self, record))
    return FALSE;

  return TRUE;
}

static void
filter_changed_cb (DeskDeliverablesPage *self)
{
  update_today (self);
  update_evidence_counts (self);
  desk_record_list_refilter (self->deliverable_list, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Cells */

static GtkWidget *
setup_overdue (gpointer user_data)
{
  return desk_cell_pill_new (_("Overdue"), "desk-overdue");
}

static void
bind_overdue (GtkWidget  *cell,
              DeskRecord *record,
              gpointer    user_data)
{
  DeskDeliverablesPage *self = user_data;

  gtk_widget_set_visible (cell, self->today != NULL && desk_deliverable_is_overdue (record, self->today));
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  DeskDeliverablesPage *self = user_data;
  gboolean x = desk_deliverable_is_overdue ((DeskRecord *) a, self->today);
  gboolean y = desk_deliverable_is_overdue ((DeskRecord *) b, self->today);

  return x == y ? 0 : x ? -1 : 1;
}

static GtkWidget *
setup_evidence (gpointer user_data)
{
  return desk_cell_pill_new (_("No evidence"), "desk-no-evidence");
}

static void
bind_evidence (GtkWidget  *cell,
               DeskRecord *record,
               gpointer    user_data)
{
  gtk_widget_set_visible (cell, lacks_evidence (user_data, record));
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gboolean x = lacks_evidence (user_data, (DeskRecord *) a);
  gboolean y = lacks_evidence (user_data, (DeskRecord *) b);

  return x == y ? 0 : x ? -1 : 1;
}

/* Store */

static void
store_changed_cb (DeskStore            *store,
                  const char           *kind,
                  const char           *uuid,
                  DeskDeliverablesPage *self)
{
  if (!g_str_equal (kind, "deliverable"))
    return;

  /* Before the list's model reads the record again (this handler is connected first),
   * so that its row shows the new count; the evidence section announces its files as a
   * change of their deliverable. */
  update_evidence_counts (self);
  update_overdue_count (self);
  if (self->no_evidence_toggle != NULL && gtk_toggle_button_get_active (self->no_evidence_toggle))
    desk_record_list_refilter (self->deliverable_list, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Building */

static void
make_list (DeskDeliverablesPage *self)
{
  GtkColumnViewColumn *column;

  self->deliverable_list = desk_record_list_new_in (self->list_bin, NULL,
                                      G_CALLBACK (deliverable_new_cb), self);
  desk_record_list_add_field_column (self->deliverable_list, DESK_KIND_DELIVERABLE, "title",
                                     C_("column", "Deliverable"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->deliverable_list, DESK_KIND_DELIVERABLE, "activity_uuid",
                                              C_("column", "Activity"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 7);
  desk_record_list_add_field_column (self->deliverable_list, DESK_KIND_DELIVERABLE, "due_date",
                                     C_("column", "Due"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->deliverable_list, DESK_KIND_DELIVERABLE, "status",
                                              C_("column", "Status"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 10);
  desk_record_list_add_field_column (self->deliverable_list, DESK_KIND_DELIVERABLE, "delivered_on",
                                     C_("column", "Delivered"), DESK_COLUMN_OPTIONAL);
  column = desk_record_list_add_column (self->deliverable_list, C_("column", "Overdue"), setup_overdue,
                                       bind_overdue, compare_overdue, self, FALSE);
  desk_record_list_fix_width (column, 9);
  column = desk_record_list_add_column (self->deliverable_list, C_("column", "Evidence"), setup_evidence,
                                       bind_evidence, compare_evidence, self, FALSE);
  desk_record_list_fix_width (column, 14);
  /* The filter says the same while the editor takes the room. */
  desk_record_list_set_column_priority (self->deliverable_list, column, DESK_COLUMN_OPTIONAL);
  desk_record_list_set_new_tooltip (self->deliverable_list, _("New Deliverable (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->deliverable_list)), _("Search deliverables"));
  desk_record_list_set_empty_text (self->deliverable_list, "checkbox-checked-symbolic",
                                   _("No Deliverables"),
                                   _("Add deliverables to the workplan’s activities, or change "
                                     "the search and filters."));
}


static gboolean
desk_deliverables_page_build (DeskPage *page)
{
  DeskDeliverablesPage *self = DESK_DELIVERABLES_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  DeskHistory *history = desk_page_get_history (page);
  g_autoptr(GPtrArray) statuses = NULL;
  GtkBox *box;
  GtkWidget *toggle_box;
  GtkWidget *label;
  GtkWidget *pill;

  self->group_uuid = desk_page_dup_group_uuid (page);
  if (self->group_uuid == NULL)
    return FALSE;

  update_today (self);

  make_list (self);
  box = desk_record_list_get_filter_box (self->deliverable_list);
  statuses = desk_reference_choices (store, DESK_KIND_DELIVERABLE, "status");
  self->status_filter = desk_filter_dropdown_new (_("All Statuses"), statuses);
  desk_a11y_name_drop_down (self->status_filter, _("Filter by status"));
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (box, self->status_filter);

  self->overdue_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  toggle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (toggle_box), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (toggle_box), gtk_label_new_with_mnemonic (_("_Overdue")));
  gtk_button_set_child (GTK_BUTTON (self->overdue_toggle), toggle_box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->overdue_toggle),
                               _("Show only deliverables past their due date and not delivered"));
  g_signal_connect_swapped (self->overdue_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->overdue_toggle));

  self->no_evidence_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  toggle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (toggle_box), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  label = gtk_label_new_with_mnemonic (_("No _Evidence"));
  /* Beside the editor the bar is narrow: shortened rather than cut off. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (toggle_box), label);
  gtk_button_set_child (GTK_BUTTON (self->no_evidence_toggle), toggle_box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->no_evidence_toggle),
                               _("Show only deliverables marked delivered or accepted that have no file attached"));
  g_signal_connect_swapped (self->no_evidence_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->no_evidence_toggle));

  /* The count stands above the list, with the way to see just those. */
  box = desk_record_list_get_banner_box (self->deliverable_list);
  pill = gtk_image_new_from_icon_name ("alarm-symbolic");
  gtk_box_append (box, pill);
  self->overdue_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->overdue_label, 0.0f);
  gtk_label_set_wrap (self->overdue_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->overdue_label), TRUE);
  gtk_box_append (box, GTK_WIDGET (self->overdue_label));

  self->editor = DESK_RECORD_EDITOR (desk_record_editor_new (history, DESK_KIND_DELIVERABLE));
  desk_record_editor_add_group (self->editor, NULL, layout_main);
  desk_record_editor_add_group (self->editor, _("Dates"), layout_dates);
  desk_record_editor_add_evidence_fields (self->editor, layout_evidence);
  desk_record_list_set_editor (self->deliverable_list, NULL, self->editor, "title");

  desk_record_list_set_history (self->deliverable_list, history);
  desk_record_list_set_match_func (self->deliverable_list, deliverable_matches, self);

  /* Connected before the model is made, so that the counts are read again before the
   * model's rows are. */
  self->changed_id = g_signal_connect (store, "changed::deliverable",
                                       G_CALLBACK (store_changed_cb), self);
  update_evidence_counts (self);
  self->activities = desk_record_model_new (store, DESK_KIND_ACTIVITY, self->group_uuid);
  self->deliverables = desk_record_model_new (store, DESK_KIND_DELIVERABLE, self->group_uuid);
  update_overdue_count (self);
  desk_record_list_set_model (self->deliverable_list, self->deliverables);

  return TRUE;
}

/* Callbacks */

static void
deliverable_new_cb (DeskDeliverablesPage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) open = NULL;
  g_autofree char *title_field = NULL;
  const char *activity = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  /* The activity of the deliverable open, else the last activity. */
  open = desk_record_list_dup_open_record (self->deliverable_list);
  if (open != NULL)
    activity = desk_record_get_string (open, "activity_uuid");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->activities)) > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
      g_autoptr(DeskRecord) last = g_list_model_get_item (G_LIST_MODEL (self->activities), n - 1);

      open = g_object_ref (last);
      activity = desk_record_get_uuid (open);
    }

  if (activity == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), _("Add an activity to the workplan first: every "
                                               "deliverable belongs to one"));
      return;
    }

  title_field = g_strconcat ("title_", desk_locale_language (), NULL);
  record = desk_record_new (DESK_KIND_DELIVERABLE);
  desk_record_set_string (record, "activity_uuid", activity);
  desk_record_set_string (record, title_field, _("New deliverable"));
  desk_record_set_string (record, "status", "planned");
  desk_page_add_new_record (DESK_PAGE (self), self->deliverable_list, record, title_field);
}

/* Overrides */

static void
desk_deliverables_page_map (GtkWidget *widget)
{
  DeskDeliverablesPage *self = DESK_DELIVERABLES_PAGE (widget);

  /* A day may have passed since the page was last shown. */
  if (desk_page_ensure_built (DESK_PAGE (self)))
    {
      update_today (self);
      update_overdue_count (self);
    }

  GTK_WIDGET_CLASS (desk_deliverables_page_parent_class)->map (widget);
}

/* The window sends every kind it maps to this page here. */
static DeskRecordList *
desk_deliverables_page_get_list_for_kind (DeskPage   *page,
                                          const char *kind)
{
  return DESK_DELIVERABLES_PAGE (page)->deliverable_list;
}

static void
desk_deliverables_page_unbuild (DeskPage *page)
{
  DeskDeliverablesPage *self = DESK_DELIVERABLES_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  /* The list goes with its filters, banner and editor. */
  adw_bin_set_child (self->list_bin, NULL);
  self->deliverable_list = NULL;
  self->editor = NULL;
  self->status_filter = NULL;
  self->overdue_toggle = NULL;
  self->no_evidence_toggle = NULL;
  self->overdue_label = NULL;
  g_clear_pointer (&self->evidence_counts, g_hash_table_unref);
  g_clear_object (&self->deliverables);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->group_uuid, g_free);
}

static void
desk_deliverables_page_finalize (GObject *object)
{
  DeskDeliverablesPage *self = (DeskDeliverablesPage *) object;

  g_free (self->group_uuid);
  g_free (self->today);
  g_clear_pointer (&self->evidence_counts, g_hash_table_unref);

  G_OBJECT_CLASS (desk_deliverables_page_parent_class)->finalize (object);
}

static DeskRecordList *
desk_deliverables_page_get_active_list (DeskPage *page)
{
  return DESK_DELIVERABLES_PAGE (page)->deliverable_list;
}

static void
desk_deliverables_page_class_init (DeskDeliverablesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->finalize = desk_deliverables_page_finalize;

  widget_class->map = desk_deliverables_page_map;

  page_class->build = desk_deliverables_page_build;
  page_class->unbuild = desk_deliverables_page_unbuild;
  page_class->get_list_for_kind = desk_deliverables_page_get_list_for_kind;
  page_class->get_active_list = desk_deliverables_page_get_active_list;

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-deliverables-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskDeliverablesPage, list_bin);

}

static void
desk_deliverables_page_init (DeskDeliverablesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
desk_deliverables_page_show_overdue (DeskDeliverablesPage *self)
{
  g_return_if_fail (DESK_IS_DELIVERABLES_PAGE (self));

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->overdue_toggle != NULL)
    gtk_toggle_button_set_active (self->overdue_toggle, TRUE);
}

/* Private API, for tests */

DeskRecordList *
_desk_deliverables_page_get_list (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->deliverable_list;
}

DeskRecordEditor *
_desk_deliverables_page_get_editor (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->editor;
}

GtkToggleButton *
_desk_deliverables_page_get_overdue_toggle (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->overdue_toggle;
}

GtkToggleButton *
_desk_deliverables_page_get_no_evidence_toggle (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->no_evidence_toggle;
}

gboolean
_desk_deliverables_page_lacks_evidence (DeskDeliverablesPage *self,
                                        DeskRecord           *record)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return lacks_evidence (self, record);
}

GtkWidget *
_desk_deliverables_page_get_status_filter (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->status_filter;
}

GtkLabel *
_desk_deliverables_page_get_overdue_label (DeskDeliverablesPage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->overdue_label;
}
