/* desk-groups-amendments.c — the amendments a group sent, in the Groups page's detail
 *
 * What a group changed in records it had already reported travels in its next bundle
 * (desk_secretariat_list_amendments): the detail of the group selected lists them — the
 * bundle that carried each, the record's kind and field, old → new as a person reads
 * them, the reason and when. They are read on a worker, as the statuses are; choosing
 * another group drops the answer of the one before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-groups-page-private.h"

#include "desk-widget-util.h"

static gpointer
read_amendments (DeskStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return desk_secretariat_list_amendments (store, data, error);
}

/* One amendment: its values formatted as the change history formats its own. */
static GtkWidget *
amendment_row_new (DeskGroupsPage      *self,
                   const DeskAmendment *amendment)
{
  DeskStore *store = desk_page_get_store (DESK_PAGE (self));
  DeskChange change = { 0, };
  const DeskField *field = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *values = NULL;
  g_autofree char *when = NULL;
  g_autofree char *reason = NULL;
  const char *kind_label;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  change.kind = amendment->kind;
  change.record_uuid = amendment->record_uuid;
  change.field = amendment->field;
  change.old_value = amendment->old_value;
  change.new_value = amendment->new_value;

  if (amendment->kind != NULL && amendment->field != NULL)
    field = desk_kind_get_field (amendment->kind, amendment->field);
  kind_label = amendment->kind != NULL ? _(amendment->kind->label) : amendment->kind_name;
  /* Translators: an amendment: the bundle that carried it, the record's kind and its
   * field, as “Bundle No. 4 · expense · Amount”. */
  heading = g_strdup_printf (_("Bundle No. %lld · %s · %s"), (long long) amendment->sequence,
                             kind_label != NULL ? kind_label : "",
                             field != NULL ? _(field->label)
                                           : amendment->field != NULL ? amendment->field : amendment->action);
  label = gtk_label_new (heading);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  old_value = desk_change_format_value (store, &change, amendment->old_value);
  new_value = desk_change_format_value (store, &change, amendment->new_value);
  values = g_strdup_printf (_("%s → %s"), old_value, new_value);
  gtk_box_append (GTK_BOX (box), gtk_label_new (values));

  if (amendment->reason != NULL)
    {
      reason = g_strdup_printf (_("Reason: %s"), amendment->reason);
      gtk_box_append (GTK_BOX (box), gtk_label_new (reason));
    }

  when = desk_date_format_timestamp (amendment->at);
  label = gtk_label_new (when);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_selectable (GTK_LABEL (child), TRUE);
    }
  gtk_widget_set_margin_top (box, 6);

  return box;
}

static void
amendments_read_cb (DeskGroupsPage *self,
                    gpointer        result,
                    const GError   *error)
{
  g_autoptr(GPtrArray) amendments = result;
  GtkWidget *title;

  self->amendments_pending = FALSE;
  desk_widget_remove_children (self->amendments_box);
  if (amendments == NULL)
    {
      gtk_box_append (GTK_BOX (self->amendments_box), gtk_label_new (error->message));
      return;
    }
  if (amendments->len == 0)
    return;

  title = gtk_label_new (g_dngettext (GETTEXT_PACKAGE, "Changed after it was reported",
                                      "Changed after they were reported", amendments->len));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 12);
  gtk_box_append (GTK_BOX (self->amendments_box), title);
  for (guint i = 0; i < amendments->len; i++)
    gtk_box_append (GTK_BOX (self->amendments_box),
                    amendment_row_new (self, g_ptr_array_index (amendments, i)));
}

void
_desk_groups_amendments_init (DeskGroupsPage *self)
{
  self->amendments_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->detail_label))),
                  self->amendments_box);
}

void
_desk_groups_amendments_show (DeskGroupsPage  *self,
                              DeskGroupStatus *status)
{
  if (self->amendments_cancellable != NULL)
    g_cancellable_cancel (self->amendments_cancellable);
  g_clear_object (&self->amendments_cancellable);
  self->amendments_pending = FALSE;
  desk_widget_remove_children (self->amendments_box);

  if (status == NULL || status->amendments == 0 || status->group_uuid == NULL)
    return;

  self->amendments_cancellable = g_cancellable_new ();
  self->amendments_pending = TRUE;
  _desk_groups_page_read (self, self->amendments_cancellable, read_amendments,
                          g_strdup (status->group_uuid), g_free,
                          (GDestroyNotify) g_ptr_array_unref, amendments_read_cb);
}

void
_desk_groups_amendments_stop (DeskGroupsPage *self)
{
  if (self->amendments_cancellable != NULL)
    g_cancellable_cancel (self->amendments_cancellable);
  g_clear_object (&self->amendments_cancellable);
  self->amendments_pending = FALSE;
}

GtkWidget *
_desk_groups_page_get_amendments_box (DeskGroupsPage *self)
{
  return self->amendments_box;
}
