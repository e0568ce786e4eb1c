/* desk-workplan-choice.c
 *
 * The workplan drop-down in the headers of Workplan and Budget, written once: the plans'
 * titles in the UI language, the one shown selected, and a plain title in its place when
 * the group has a single plan. Setting the drop-down from code must not read as the
 * user's choice, hence `syncing`.
 *
 * The drop-down keeps its model while the plans' titles are the same: a page calls
 * `show` from the drop-down's own notify::selected, and GTK 4.8's drop-down, given a new
 * model from inside that notification, tears down and rebuilds its popup's list view
 * there and never comes back (the app hung when a coordinator chose another plan).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workplan-choice"

#include "config.h"

#include "desk-workplan-choice.h"

void
desk_workplan_choice_init (DeskWorkplanChoice *self,
                           GtkDropDown        *dropdown,
                           GtkLabel           *title)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (GTK_IS_LABEL (title));

  self->dropdown = dropdown;
  self->title = title;
  self->uuids = g_ptr_array_new_with_free_func (g_free);
  self->syncing = FALSE;
}

void
desk_workplan_choice_clear (DeskWorkplanChoice *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->uuids, g_ptr_array_unref);
  self->dropdown = NULL;
  self->title = NULL;
}

static gboolean
same_titles (GListModel *shown,
             GListModel *titles)
{
  guint n = g_list_model_get_n_items (titles);

  if (shown == NULL || !GTK_IS_STRING_LIST (shown) || g_list_model_get_n_items (shown) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (shown), i),
                   gtk_string_list_get_string (GTK_STRING_LIST (titles), i)) != 0)
      return FALSE;

  return TRUE;
}

void
desk_workplan_choice_show (DeskWorkplanChoice *self,
                           GListModel         *workplans,
                           const char         *uuid)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (workplans);
  guint selected = GTK_INVALID_LIST_POSITION;
  const char *title = "";

  g_return_if_fail (self != NULL && self->uuids != NULL);

  g_ptr_array_set_size (self->uuids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (workplans, i);

      gtk_string_list_append (titles, desk_record_title (record, "title", NULL));
      g_ptr_array_add (self->uuids, g_strdup (desk_record_get_uuid (record)));
      if (g_strcmp0 (desk_record_get_uuid (record), uuid) == 0)
        {
          selected = i;
          title = gtk_string_list_get_string (titles, i);
        }
    }

  self->syncing = TRUE;
  if (!same_titles (gtk_drop_down_get_model (self->dropdown), G_LIST_MODEL (titles)))
    gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (titles));
  if (gtk_drop_down_get_selected (self->dropdown) != selected)
    gtk_drop_down_set_selected (self->dropdown, selected);
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->dropdown), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->title), n <= 1);
  gtk_label_set_label (self->title, title);
}

void
desk_workplan_choice_reset (DeskWorkplanChoice *self)
{
  g_return_if_fail (self != NULL && self->uuids != NULL);

  g_ptr_array_set_size (self->uuids, 0);
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->dropdown, NULL);
  self->syncing = FALSE;
}

const char *
desk_workplan_choice_get_chosen (DeskWorkplanChoice *self)
{
  guint selected;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->syncing || self->uuids == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (self->dropdown);
  if (selected >= self->uuids->len)
    return NULL;

  return g_ptr_array_index (self->uuids, selected);
}
