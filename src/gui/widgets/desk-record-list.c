/* desk-record-list.c
 *
 * DeskRecordModel → GtkSortListModel (the column view's sorter) → GtkFilterListModel (the
 * search and the page's filters, never incremental, so a keystroke is filtered before the
 * next frame) → GtkSingleSelection (GtkMultiSelection in a list that lets several records be
 * chosen, such as People for a merge) → GtkColumnView.
 *
 * The filter sits above the sort: a keystroke then removes or adds only the rows that
 * change, and the column view keeps the rows of the others. Below it, GTK 4.8's sort
 * model answers any change of its items with one change over the whole sorted range,
 * and every row of the list was made again on each keystroke. The sort runs when the
 * sorter or the records change, never for the search.
 *
 * The model is attached to the chain when the list is first mapped (or read): a list in a
 * tab not shown, such as Workplan's indicators, makes no rows for its first show.
 *
 * The list remembers the record it has open by UUID: a write replaces the record object
 * in the model, and the selection follows it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-record-list.h"
#include "desk-list-access.h"
#include "desk-reason-dialog.h"
#include "desk-toast.h"

#include <string.h>

typedef struct
{
  DeskRecordList *list;
  GtkColumnViewColumn *column;  /* the column view holds it */
  DeskColumnPriority priority;
  DeskCellSetup setup;
  DeskCellBind bind;
  gpointer user_data;
  /* Columns declared from a field: the field, or NULL and the base of a bilingual
   * pair ("title") in `base`. */
  const DeskField *field;
  const char *base;
  int hidden_width;             /* the fixed width it had when it hid, or 0 */
} Column;

struct _DeskRecordList
{
  AdwBin parent_instance;

  DeskHistory *history;
  DeskRecordModel *model;
  GtkFilterListModel *filter_model;
  GtkSortListModel *sort_model;
  GtkSelectionModel *selection;  /* single, or multiple after desk_record_list_set_multiple() */
  gboolean multiple;
  GtkCustomFilter *filter;
  DeskRecordMatch match;
  gpointer match_data;
  char *query;               /* folded */
  char *open_uuid;
  GPtrArray *columns;        /* Column */
  gboolean restoring;
  gboolean read_only;        /* a group's records from a bundle: no New, no Delete */
  gboolean narrow;           /* the columns did not fit: as in a folded window */
  DeskRecordEditor *record_editor;  /* inside editor_bin, or NULL */
  char *title_base;

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
  SIGNAL_SELECTION_CHANGED,
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
  DeskRecord *wanted;
  guint n;

  if (uuid == NULL || self->model == NULL)
    return GTK_INVALID_LIST_POSITION;

  /* A record the search or the page's filters hide is not shown: no need to look. */
  wanted = desk_record_model_find (self->model, uuid, NULL);
  if (wanted == NULL || !filter_func (wanted, self))
    return GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (record == wanted)
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

/* Hands the model to the chain, the rows following: see the top of the file. */
static void
attach_model (DeskRecordList *self)
{
  if (gtk_sort_list_model_get_model (self->sort_model) == G_LIST_MODEL (self->model))
    return;

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->model));
  update_empty (self);
}

static void
select_open_record (DeskRecordList *self)
{
  guint position = find_position (self, self->open_uuid);

  self->restoring = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_select_item (self->selection, position, TRUE);
  else
    gtk_selection_model_unselect_all (self->selection);
  self->restoring = FALSE;
}

/* The record selected when exactly one is, or NULL. */
static DeskRecord *
dup_single_selected (DeskRecordList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);

  if (gtk_bitset_get_size (selected) != 1)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
}

/* Whether the open record is among those selected. */
static gboolean
open_record_selected (DeskRecordList *self)
{
  guint position = find_position (self, self->open_uuid);

  return position != GTK_INVALID_LIST_POSITION &&
         gtk_selection_model_is_selected (self->selection, position);
}

static void
update_actions (DeskRecordList *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.new", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete",
                                 self->open_uuid != NULL && self->history != NULL &&
                                 !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.close-editor",
                                 adw_flap_get_reveal_flap (self->flap));
}

static Column *
find_column (DeskRecordList      *self,
             GtkColumnViewColumn *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *info = g_ptr_array_index (self->columns, i);

      if (info->column == column)
        return info;
    }

  return NULL;
}

/* The editor beside the list takes its room; a folded flap, or columns that did not fit
 * (the sidebar beside a 1024-pixel window), mean a narrow window. */
static void
update_column_visibility (DeskRecordList *self)
{
  gboolean folded = adw_flap_get_folded (self->flap) || self->narrow;
  gboolean beside = adw_flap_get_reveal_flap (self->flap) && !folded;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *info = g_ptr_array_index (self->columns, i);
      gboolean visible = TRUE;

      if (info->priority == DESK_COLUMN_NORMAL)
        visible = !folded;
      else if (info->priority == DESK_COLUMN_OPTIONAL)
        visible = !folded && !beside;

      if (visible == gtk_column_view_column_get_visible (info->column))
        continue;

      /* GTK 4.8 still counts a hidden column's fixed width, and the room it kept
       * would stay empty: the width goes while the column is hidden. */
      if (!visible)
        {
          info->hidden_width = MAX (gtk_column_view_column_get_fixed_width (info->column), 0);
          gtk_column_view_column_set_fixed_width (info->column, -1);
        }
      else if (info->hidden_width > 0)
        {
          gtk_column_view_column_set_fixed_width (info->column, info->hidden_width);
          info->hidden_width = 0;
        }
      gtk_column_view_column_set_visible (info->column, visible);
    }
}

static GtkWidget *
field_cell_setup (gpointer user_data)
{
  Column *info = user_data;

  if (info->field == NULL)
    return desk_cell_title_new (NULL);

  switch (info->field->type)
    {
    case DESK_FIELD_DATE:
      return desk_cell_date_new ();
    case DESK_FIELD_MONEY:
      /* “GHS 12,345.00” in full. */
      return desk_cell_figure_new (13);
    case DESK_FIELD_INT:
    case DESK_FIELD_MILLI:
      return desk_cell_figure_new (4);
    case DESK_FIELD_TEXT:
    case DESK_FIELD_BOOL:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
    default:
      return desk_cell_label_new (NULL);
    }
}

static void
field_cell_bind (GtkWidget  *cell,
                 DeskRecord *record,
                 gpointer    user_data)
{
  Column *info = user_data;
  DeskStore *store = info->list->model != NULL ? desk_record_model_get_store (info->list->model) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (info->field == NULL)
    {
      const char *hint = NULL;
      const char *title = desk_record_title (record, info->base, &hint);

      desk_cell_title_set (cell, title, hint);
      return;
    }

  text = desk_cell_dup_field_text (store, record, info->field, &tooltip);
  desk_cell_set_text (cell, text);
  desk_cell_set_tooltip (cell, tooltip);

  /* A figure wider than most grows its cell, and so its column: never “GHS 32,5”. */
  if (text != NULL && (info->field->type == DESK_FIELD_MONEY || info->field->type == DESK_FIELD_INT ||
                       info->field->type == DESK_FIELD_MILLI))
    {
      guint length = g_utf8_strlen (text, -1);

      if (length > gtk_inscription_get_min_chars (GTK_INSCRIPTION (cell)))
        {
          gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), length);
          gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), length + 1);
        }
    }
}

/* Callbacks */

/* On notify::text rather than changed: gtk_editable_set_text() deletes the old text then
 * inserts the new, and "changed" follows each, so the list showed every record between
 * two queries (and made their rows) before filtering again; the text's notification is
 * held back until both are done. */
static void
search_changed_cb (DeskRecordList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autofree char *old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  folded = desk_text_fold_search (text);
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
  g_autoptr(DeskRecord) record = NULL;

  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);

  /* Two or more chosen (Ctrl+click): the editor stays on the record it has. */
  record = dup_single_selected (self);
  if (self->restoring || record == NULL)
    return;

  if (g_strcmp0 (self->open_uuid, desk_record_get_uuid (record)) == 0 &&
      adw_flap_get_reveal_flap (self->flap))
    return;

  desk_record_list_open (self, desk_record_get_uuid (record));
}

static void
shown_items_changed_cb (DeskRecordList *self)
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

  /* A write replaced the open record's row: select it again, leaving a choice of
   * several that holds it as it is. */
  if (!open_record_selected (self))
    select_open_record (self);
}

static void
column_view_activated_cb (DeskRecordList *self,
                          guint           position)
{
  g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (record == NULL)
    return;

  desk_record_list_open (self, desk_record_get_uuid (record));
  gtk_widget_child_focus (GTK_WIDGET (self->editor_bin), GTK_DIR_TAB_FORWARD);
}

static void
columns_overflowed_cb (gboolean overflows,
                       gpointer user_data)
{
  DESK_RECORD_LIST (user_data)->narrow = overflows;
  update_column_visibility (user_data);
}

static void
flap_revealed_cb (DeskRecordList *self)
{
  update_actions (self);
  update_column_visibility (self);
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
  desk_list_row_bound (item);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_NEW], 0);
}

/* After the delete, at once or once a reported record's reason was given. */
static void
deleted_cb (GtkWidget    *widget,
            const GError *error,
            gpointer      user_data)
{
  DeskRecordList *self = DESK_RECORD_LIST (widget);

  if (error != NULL)
    {
      /* A reason not given: the record stays, and nothing needs saying. */
      if (!g_error_matches (error, DESK_ERROR, DESK_ERROR_REPORTED))
        desk_toast_show_message (widget, error->message);
      return;
    }
  if (self->history == NULL)
    return;

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
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskRecordList *self = DESK_RECORD_LIST (widget);

  if (self->open_uuid == NULL || self->history == NULL || self->model == NULL ||
      self->read_only)
    return;

  desk_reason_delete (widget, self->history, desk_record_model_get_kind (self->model),
                      self->open_uuid, deleted_cb, NULL);
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
desk_record_list_map (GtkWidget *widget)
{
  attach_model (DESK_RECORD_LIST (widget));

  GTK_WIDGET_CLASS (desk_record_list_parent_class)->map (widget);
}

static void
desk_record_list_dispose (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  /* Taking the columns down resets a sort by one of them, and the list would be sorted
   * and filtered once more by the page's functions, whose widgets may be gone already. */
  self->match = NULL;
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_sorter (self->sort_model, NULL);

  /* The bin's child is a template child: the bin lets go of it before the template
   * does, or the bin would unparent it a second time. */
  self->record_editor = NULL;
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
  g_free (self->title_base);

  G_OBJECT_CLASS (desk_record_list_parent_class)->finalize (object);
}

static void
desk_record_list_class_init (DeskRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_list_dispose;
  object_class->finalize = desk_record_list_finalize;
  widget_class->map = desk_record_list_map;

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
  /* The records selected changed: one more or one fewer chosen with Ctrl+click. */
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
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
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, FALSE);
  {
    GtkSingleSelection *single = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));

    gtk_single_selection_set_autoselect (single, FALSE);
    gtk_single_selection_set_can_unselect (single, TRUE);
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (single));
    self->selection = GTK_SELECTION_MODEL (single);
  }
  gtk_column_view_set_model (self->column_view, self->selection);

  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (shown_items_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (flap_revealed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::folded",
                            G_CALLBACK (update_column_visibility), self);

  /* Delete removes the selected row, from the list only: in an entry it deletes text. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("list.delete")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("list.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));
  desk_list_view_make_accessible (GTK_WIDGET (self->column_view));
  desk_column_view_watch_overflow (self->column_view, columns_overflowed_cb, self);

  update_empty (self);
  update_actions (self);
}

/* Shows the record @uuid, as the store has it, in the list's record editor, titled by
 * its title_base. */
static void
show_in_editor (DeskRecordList *self,
                const char     *uuid)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *english = NULL;
  const DeskKind *kind;
  const char *hint = NULL;
  const char *title = "";

  if (self->model == NULL)
    return;

  kind = desk_record_model_get_kind (self->model);
  record = desk_store_get (desk_record_model_get_store (self->model), kind, uuid, NULL);
  desk_record_editor_set_record (self->record_editor, record);
  if (self->title_base == NULL)
    return;

  english = g_strconcat (self->title_base, "_en", NULL);
  if (record != NULL && desk_kind_get_field (kind, english) != NULL)
    title = desk_record_title (record, self->title_base, &hint);
  else if (record != NULL)
    title = desk_record_get_string (record, self->title_base);
  desk_record_list_set_editor_title (self, title != NULL ? title : "", hint);
}

/* Public API */

DeskRecordList *
desk_record_list_new_in (AdwBin    *bin,
                         GCallback  open_cb,
                         GCallback  new_cb,
                         gpointer   page)
{
  DeskRecordList *self = g_object_new (DESK_TYPE_RECORD_LIST, NULL);

  if (open_cb != NULL)
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
  if (model == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach_model (self);
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

static Column *
add_column (DeskRecordList     *self,
            const char         *title,
            DeskCellSetup       setup,
            DeskCellBind        bind,
            GCompareDataFunc    compare,
            gpointer            compare_data,
            gboolean            expand,
            DeskColumnPriority  priority)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkListItemFactory *factory;
  Column *info;

  info = g_new0 (Column, 1);
  info->list = self;
  info->setup = setup;
  info->bind = bind;
  info->priority = priority;
  g_ptr_array_add (self->columns, info);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), info);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (compare != NULL)
    gtk_column_view_column_set_sorter (column,
                                       GTK_SORTER (gtk_custom_sorter_new (compare, compare_data, NULL)));
  gtk_column_view_append_column (self->column_view, column);
  info->column = column;
  desk_list_column_set_secondary (column, priority != DESK_COLUMN_ESSENTIAL);
  desk_column_view_name_titles (self->column_view);
  update_column_visibility (self);

  return info;
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
  Column *info;

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  info = add_column (self, title, setup, bind, compare, user_data, expand, DESK_COLUMN_ESSENTIAL);
  info->user_data = user_data;

  return info->column;
}

GtkColumnViewColumn *
desk_record_list_add_field_column (DeskRecordList     *self,
                                   const DeskKind     *kind,
                                   const char         *field,
                                   const char         *title,
                                   DeskColumnPriority  priority)
{
  const DeskField *f;
  g_autofree char *english = NULL;
  Column *info;

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  f = desk_kind_get_field (kind, field);
  if (f == NULL)
    {
      /* The base of a bilingual pair: its English half names it. */
      english = g_strconcat (field, "_en", NULL);
      f = desk_kind_get_field (kind, english);
      g_return_val_if_fail (f != NULL, NULL);

      if (title == NULL)
        title = _(f->ref != NULL ? f->ref : f->label);
      info = add_column (self, title, field_cell_setup, field_cell_bind,
                         desk_record_compare_narrative, (gpointer) g_intern_string (field),
                         TRUE, priority);
      info->base = g_intern_string (field);
    }
  else
    {
      /* A reference would sort by its identifier, which means nothing to anyone. */
      gboolean sortable = f->type != DESK_FIELD_REF && !desk_field_type_is_set (f->type);

      info = add_column (self, title != NULL ? title : _(f->label), field_cell_setup, field_cell_bind,
                         sortable ? desk_record_compare_field : NULL, (gpointer) f->name, FALSE, priority);
      info->field = f;
      if (f->type == DESK_FIELD_MONEY || f->type == DESK_FIELD_INT || f->type == DESK_FIELD_MILLI)
        desk_cell_header_align_end (info->column);
    }
  info->user_data = info;

  return info->column;
}

void
desk_record_list_set_column_priority (DeskRecordList      *self,
                                      GtkColumnViewColumn *column,
                                      DeskColumnPriority   priority)
{
  Column *info;

  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  info = find_column (self, column);
  g_return_if_fail (info != NULL);

  info->priority = priority;
  desk_list_column_set_secondary (column, priority != DESK_COLUMN_ESSENTIAL);
  update_column_visibility (self);
}

void
desk_record_list_sort_by (DeskRecordList      *self,
                          GtkColumnViewColumn *column)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (find_column (self, column) != NULL);

  gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
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
desk_record_list_set_editor (DeskRecordList   *self,
                             GtkWidget        *pane,
                             DeskRecordEditor *editor,
                             const char       *title_base)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (pane == NULL || GTK_IS_WIDGET (pane));
  g_return_if_fail (editor == NULL || DESK_IS_RECORD_EDITOR (editor));

  self->record_editor = editor;
  g_free (self->title_base);
  self->title_base = g_strdup (title_base);
  adw_bin_set_child (self->editor_bin, pane != NULL ? pane : GTK_WIDGET (editor));
}

void
desk_record_list_set_writable (DeskRecordList *self,
                               gboolean        writable)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  self->read_only = !writable;
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), writable);
  update_actions (self);
}

gboolean
desk_record_list_get_writable (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), FALSE);

  return !self->read_only;
}

DeskRecordEditor *
desk_record_list_get_editor (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->record_editor;
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
      if (self->record_editor != NULL)
        show_in_editor (self, uuid);
      g_signal_emit (self, signals[SIGNAL_OPEN], 0, uuid);
    }

  select_open_record (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  update_actions (self);
}

static gboolean
swallow_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return TRUE;
}

void
desk_record_list_set_multiple (DeskRecordList *self,
                               gboolean        multiple)
{
  GtkShortcutController *keys;

  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (!multiple || self->multiple)
    return;

  self->multiple = TRUE;
  g_signal_handlers_disconnect_by_data (self->selection, self);
  g_object_unref (self->selection);
  self->selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model))));
  gtk_column_view_set_model (self->column_view, self->selection);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  select_open_record (self);

  /* Ctrl+click and Shift+click choose a few records; Ctrl+A would choose them all, which
   * nothing here acts on, so the list leaves it alone. */
  keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (keys), GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (keys,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (swallow_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (keys));
}

GPtrArray *
desk_record_list_dup_selected (DeskRecordList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), records);

  selected = gtk_selection_model_get_selection (self->selection);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (records, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return records;
}

GtkSelectionModel *
desk_record_list_get_selection (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->selection;
}

void
desk_record_list_close_editor (DeskRecordList *self)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  g_clear_pointer (&self->open_uuid, g_free);
  adw_flap_set_reveal_flap (self->flap, FALSE);

  self->restoring = TRUE;
  gtk_selection_model_unselect_all (self->selection);
  self->restoring = FALSE;

  update_actions (self);
}

const char *
desk_record_list_get_open_uuid (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return self->open_uuid;
}

DeskRecord *
desk_record_list_dup_open_record (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  if (self->open_uuid == NULL || self->model == NULL)
    return NULL;

  return desk_store_get (desk_record_model_get_store (self->model), desk_record_model_get_kind (self->model),
                         self->open_uuid, NULL);
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

  attach_model (self);
  return G_LIST_MODEL (self->filter_model);
}

GListModel *
desk_record_list_get_sorted_model (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  /* The filter is above the sort: what it shows is in the order shown. */
  attach_model (self);
  return G_LIST_MODEL (self->filter_model);
}

GtkEditable *
desk_record_list_get_search_entry (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}
