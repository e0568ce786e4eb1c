/* desk-record-list.c
 *
 * DeskRecordModel → GtkFilterListModel (the search and the page's filters, never
 * incremental, so a keystroke is filtered before the next frame) → GtkSortListModel (the
 * column view's sorter) → GtkSingleSelection → GtkColumnView. The list remembers the
 * record it has open by UUID: a write replaces the record object in the model, and the
 * selection follows it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-record-list.h"
#include "desk-toast.h"


#include <string.h>

typedef struct
{
  DeskRecordList *list;
  DeskCellSetup setup;
  DeskCellBind bind;
  gpointer user_data;
} Column;

struct _DeskRecordList
{
  AdwBin parent_instance;

  DeskHistory *history;
  DeskRecordModel *model;
  GtkFilterListModel *filter_model;
  GtkSortListModel *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  DeskRecordMatch match;
  gpointer match_data;
  char *query;               /* folded */
  char *open_uuid;
  GPtrArray *columns;        /* Column */
  gboolean restoring;

  /* Template widgets */
  AdwFlap *flap;
  GtkSearchEntry *search_entry;
  GtkBox *filter_box;
  GtkBox *banner_box;
  GtkButton *new_button;
  GtkStack *list_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  GtkLabel *editor_title;
  GtkLabel *editor_hint;
  AdwBin *editor_bin;
};

G_DEFINE_FINAL_TYPE (DeskRecordList, desk_record_list, ADW_TYPE_BIN)

enum {
  SIGNAL_OPEN,
  SIGNAL_NEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DeskRecordList *self = user_data;
  DeskRecord *record = item;

  if (self->query != NULL && strstr (desk_record_get_search_key (record), self->query) == NULL)
    return FALSE;

  return self->match == NULL || self->match (record, self->match_data);
}

static guint
find_position (DeskRecordList *self,
               const char     *uuid)
{
  guint n;

  if (uuid == NULL || self->sort_model == NULL)
    return GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (g_strcmp0 (desk_record_get_uuid (record), uuid) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
update_empty (DeskRecordList *self)
{
  gboolean empty = self->filter_model == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
select_open_record (DeskRecordList *self)
{
  guint position = find_position (self, self->open_uuid);

  self->restoring = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->restoring = FALSE;
}

static void
update_actions (DeskRecordList *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete",
                                 self->open_uuid != NULL && self->history != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.close-editor",
                                 adw_flap_get_reveal_flap (self->flap));
}

/* Callbacks */

static void
search_changed_cb (DeskRecordList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autofree char *old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  folded = desk_text_fold_search (text);
  g_strstrip (folded);
  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);

  if (g_strcmp0 (folded, self->query) == 0)
    return;

  /* A longer query keeps only what matched before, a shorter one only adds: the filter
   * model then looks at the matches, or at the others, and not at every record. */
  if (self->query == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->query, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  old = g_steal_pointer (&self->query);
  self->query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
stop_search_cb (DeskRecordList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
selection_changed_cb (DeskRecordList *self)
{
  DeskRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (self->restoring || record == NULL)
    return;

  if (g_strcmp0 (self->open_uuid, desk_record_get_uuid (record)) == 0 &&
      adw_flap_get_reveal_flap (self->flap))
    return;

  desk_record_list_open (self, desk_record_get_uuid (record));
}

static void
sorted_items_changed_cb (DeskRecordList *self)
{
  update_empty (self);

  if (self->open_uuid == NULL)
    return;

  /* Gone from the database (deleted, or an insert undone): nothing left to edit. */
  if (desk_record_model_find (self->model, self->open_uuid, NULL) == NULL)
    {
      desk_record_list_close_editor (self);
      return;
    }

  {
    DeskRecord *selected = gtk_single_selection_get_selected_item (self->selection);

    if (selected == NULL || g_strcmp0 (desk_record_get_uuid (selected), self->open_uuid) != 0)
      select_open_record (self);
  }
}

static void
column_view_activated_cb (DeskRecordList *self,
                          guint           position)
{
  g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (record == NULL)
    return;

  desk_record_list_open (self, desk_record_get_uuid (record));
  gtk_widget_child_focus (GTK_WIDGET (self->editor_bin), GTK_DIR_TAB_FORWARD);
}

static void
flap_revealed_cb (DeskRecordList *self)
{
  update_actions (self);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               Column                   *column)
{
  GtkWidget *child;

  child = column->setup != NULL ? column->setup (column->user_data) : desk_cell_label_new (NULL);
  gtk_list_item_set_child (item, child);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *column)
{
  DeskRecord *record = gtk_list_item_get_item (item);

  column->bind (gtk_list_item_get_child (item), record, column->user_data);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_NEW], 0);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskRecordList *self = DESK_RECORD_LIST (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (self->open_uuid == NULL || self->history == NULL || self->model == NULL)
    return;

  uuid = g_strdup (self->open_uuid);

  if (!desk_history_delete (self->history, desk_record_model_get_kind (self->model), uuid, &error))
    {
      desk_toast_show_message (widget, error->message);
      return;
    }

  desk_record_list_close_editor (self);

  {
    const char *label = desk_history_get_undo_label (self->history);
    AdwToast *toast = adw_toast_new (label != NULL ? label : _("Deleted"));

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    desk_toast_show (widget, toast);
  }
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  desk_record_list_focus_search (DESK_RECORD_LIST (widget));
}

static void
close_editor_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DeskRecordList *self = DESK_RECORD_LIST (widget);

  desk_record_list_close_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Overrides */

static void
desk_record_list_dispose (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  /* The bin's child is a template child: the bin lets go of it before the template
   * does, or the bin would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_RECORD_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (desk_record_list_parent_class)->dispose (object);
}

static void
desk_record_list_finalize (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_free (self->query);
  g_free (self->open_uuid);

  G_OBJECT_CLASS (desk_record_list_parent_class)->finalize (object);
}

static void
desk_record_list_class_init (DeskRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_list_dispose;
  object_class->finalize = desk_record_list_finalize;

  /**
   * DeskRecordList::open:
   * @uuid: the record to show in the editor
   */
  signals[SIGNAL_OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DeskRecordList::new:
   *
   * The user asked for a new record (list.new): the page makes it and opens it.
   */
  signals[SIGNAL_NEW] =
    g_signal_new ("new", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-record-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, flap);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, filter_box);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, new_button);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, banner_box);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, editor_title);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, editor_hint);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordList, editor_bin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activated_cb);

  gtk_widget_class_install_action (widget_class, "list.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "list.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "list.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "list.close-editor", NULL, close_editor_activated);

  /* Escape closes the editor from anywhere in the list or the editor; the search entry
   * takes it first to clear itself. The window's shortcuts window lists both. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "list.close-editor", NULL);
}

static void
desk_record_list_init (DeskRecordList *self)
{
  GtkShortcutController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, FALSE);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->sort_model, "items-changed",
                            G_CALLBACK (sorted_items_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (flap_revealed_cb), self);

  /* Delete removes the selected row, from the list only: in an entry it deletes text. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("list.delete")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("list.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  update_empty (self);
  update_actions (self);
}

/* Public API */

DeskRecordList *
desk_record_list_new_in (AdwBin    *bin,
                         GCallback  open_cb,
                         GCallback  new_cb,
                         gpointer   page)
{
  DeskRecordList *self = g_object_new (DESK_TYPE_RECORD_LIST, NULL);

  g_signal_connect_swapped (self, "open", open_cb, page);
  g_signal_connect_swapped (self, "new", new_cb, page);
  adw_bin_set_child (bin, GTK_WIDGET (self));

  return self;
}

void
desk_record_list_set_history (DeskRecordList *self,
                              DeskHistory    *history)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  g_set_object (&self->history, history);
  update_actions (self);
}

DeskHistory *
desk_record_list_get_history (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->history;
}

void
desk_record_list_set_model (DeskRecordList  *self,
                            DeskRecordModel *model)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (model == NULL || DESK_IS_RECORD_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  desk_record_list_close_editor (self);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (model));
  update_empty (self);
}

DeskRecordModel *
desk_record_list_get_model (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->model;
}

void
desk_record_list_set_match_func (DeskRecordList  *self,
                                 DeskRecordMatch  match,
                                 gpointer         user_data)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  self->match = match;
  self->match_data = user_data;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
desk_record_list_refilter (DeskRecordList  *self,
                           GtkFilterChange  change)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

GtkColumnViewColumn *
desk_record_list_add_column (DeskRecordList   *self,
                             const char       *title,
                             DeskCellSetup     setup,
                             DeskCellBind      bind,
                             GCompareDataFunc  compare,
                             gpointer          user_data,
                             gboolean          expand)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkListItemFactory *factory;
  Column *info;

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  info = g_new0 (Column, 1);
  info->list = self;
  info->setup = setup;
  info->bind = bind;
  info->user_data = user_data;
  g_ptr_array_add (self->columns, info);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), info);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (compare != NULL)
    gtk_column_view_column_set_sorter (column,
                                       GTK_SORTER (gtk_custom_sorter_new (compare, user_data, NULL)));
  gtk_column_view_append_column (self->column_view, column);

  return column;
}

void
desk_record_list_fix_width (GtkColumnViewColumn *column,
                            int                  chars)
{
  /* About 8.5 pixels a character at the default size, and the cell's padding; columns
   * still resize, and a narrow window scrolls sideways rather than cutting dates. */
  gtk_column_view_column_set_fixed_width (column, chars * 9 + 16);
}

GtkBox *
desk_record_list_get_filter_box (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->filter_box;
}

GtkBox *
desk_record_list_get_banner_box (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->banner_box;
}

void
desk_record_list_set_editor (DeskRecordList *self,
                             GtkWidget      *editor)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  adw_bin_set_child (self->editor_bin, editor);
}

void
desk_record_list_set_editor_title (DeskRecordList *self,
                                   const char     *title,
                                   const char     *hint)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  gtk_label_set_label (self->editor_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->editor_title), title);
  gtk_label_set_label (self->editor_hint, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_hint), hint != NULL);
}

void
desk_record_list_set_empty_text (DeskRecordList *self,
                                 const char     *icon_name,
                                 const char     *title,
                                 const char     *description)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

void
desk_record_list_set_new_tooltip (DeskRecordList *self,
                                  const char     *tooltip)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), tooltip);
}

void
desk_record_list_open (DeskRecordList *self,
                       const char     *uuid)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (uuid != NULL);

  if (g_strcmp0 (uuid, self->open_uuid) != 0)
    {
      g_free (self->open_uuid);
      self->open_uuid = g_strdup (uuid);
      g_signal_emit (self, signals[SIGNAL_OPEN], 0, uuid);
    }

  select_open_record (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  update_actions (self);
}

void
desk_record_list_close_editor (DeskRecordList *self)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  g_clear_pointer (&self->open_uuid, g_free);
  adw_flap_set_reveal_flap (self->flap, FALSE);

  self->restoring = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->restoring = FALSE;

  update_actions (self);
}

const char *
desk_record_list_get_open_uuid (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->open_uuid;
}

gboolean
desk_record_list_get_editor_open (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), FALSE);

  return self->open_uuid != NULL && adw_flap_get_reveal_flap (self->flap);
}

void
desk_record_list_focus_search (DeskRecordList *self)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GListModel *
desk_record_list_get_filter_model (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GListModel *
desk_record_list_get_sorted_model (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

GtkEditable *
desk_record_list_get_search_entry (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/* Cells */

/* GTK 4.8's list views keep up to 200 rows alive and make the rows of every item that
 * comes into view, so a search that changes the list builds hundreds of cells at once:
 * cells are GtkInscriptions, which skip the measuring a GtkLabel does. */
GtkWidget *
desk_cell_label_new (gpointer user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 12);

  return inscription;
}

void
desk_cell_set_text (GtkWidget  *cell,
                    const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

GtkWidget *
desk_cell_title_new (gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = desk_cell_label_new (NULL);
  GtkWidget *hint = gtk_label_new (NULL);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 14);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 40);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "desk-language-hint");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);

  return box;
}

void
desk_cell_title_set (GtkWidget  *cell,
                     const char *text,
                     const char *hint)
{
  GtkWidget *label = gtk_widget_get_first_child (cell);
  GtkWidget *hint_label = gtk_widget_get_next_sibling (label);

  desk_cell_set_text (label, text);
  gtk_label_set_label (GTK_LABEL (hint_label), hint);
  gtk_widget_set_visible (hint_label, hint != NULL);
}

int
desk_record_compare_field (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  DeskRecord *ra = (DeskRecord *) a;
  DeskRecord *rb = (DeskRecord *) b;
  const char *field = user_data;
  const DeskField *f = desk_kind_get_field (desk_record_get_kind (ra), field);
  gboolean set_a = desk_record_is_set (ra, field);
  gboolean set_b = desk_record_is_set (rb, field);

  /* Empty values after the others. */
  if (set_a != set_b)
    return set_a ? -1 : 1;

  if (f != NULL && (f->type == DESK_FIELD_INT || f->type == DESK_FIELD_MILLI ||
                    f->type == DESK_FIELD_MONEY || f->type == DESK_FIELD_BOOL))
    {
      gint64 x = desk_record_get_int (ra, field);
      gint64 y = desk_record_get_int (rb, field);

      return x < y ? -1 : x > y ? 1 : 0;
    }

  /* Codes such as A2 and A10 in the order people count them. */
  if (g_str_equal (field, "code"))
    {
      const char *x = desk_record_get_string (ra, field);
      const char *y = desk_record_get_string (rb, field);
      size_t lx = strlen (x), ly = strlen (y);

      if (lx != ly)
        return lx < ly ? -1 : 1;
      return strcmp (x, y);
    }

  return g_strcmp0 (desk_record_get_string (ra, field), desk_record_get_string (rb, field));
}

int
desk_record_compare_narrative (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  const char *base = user_data;
  const char *language = desk_locale_language ();

  return g_utf8_collate (desk_record_get_narrative ((DeskRecord *) a, base, language, NULL) ?: "",
                         desk_record_get_narrative ((DeskRecord *) b, base, language, NULL) ?: "");
}

/* Filters and pills */

GtkWidget *
desk_filter_dropdown_new (const char *all_label,
                          GPtrArray  *choices)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dropdown;

  gtk_string_list_append (strings, all_label);
  g_ptr_array_add (codes, NULL);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (strings, choice->label);
      g_ptr_array_add (codes, g_strdup (choice->code));
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  g_object_set_data_full (G_OBJECT (dropdown), "desk-codes", codes,
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_tooltip_text (dropdown, all_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, all_label, -1);

  return dropdown;
}

const char *
desk_filter_dropdown_get_code (GtkWidget *dropdown)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), "desk-codes");
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (codes == NULL || selected >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, selected);
}

void
desk_filter_dropdown_set_code (GtkWidget  *dropdown,
                               const char *code)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), "desk-codes");

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
}

GtkWidget *
desk_pill_new (const char *icon_name,
               const char *text,
               const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "desk-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), label);

  return box;
}
