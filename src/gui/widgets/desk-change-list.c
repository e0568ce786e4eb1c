/* desk-change-list.c
 *
 * The change history of the record an editor shows, newest first, as core keeps it
 * (desk_store_list_changes): one row a change — the field's label, old → new as a person
 * reads them (desk_change_format_value), what was done, when and by whom, and the reason
 * when one was given. A change made to a reported record (it has a lock) is an amendment
 * the next bundle carries: its reason stands out with a lock beside it.
 *
 * Only the newest DESK_CHANGE_LIST_SHOWN rows are built; a long history offers the rest
 * behind a button, so that a record changed a thousand times opens as fast as any.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-change-list"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-change-list.h"
#include "desk-list-access.h"
#include "desk-a11y.h"

#include "desk-widget-util.h"

struct _DeskChangeList
{
  AdwPreferencesGroup parent_instance;

  DeskStore *store;
  const DeskKind *kind;
  char *uuid;
  GPtrArray *changes;       /* DeskChange, newest first */
  gboolean show_all;
  GtkListBox *box;
  GtkWidget *empty_label;
  GtkWidget *more_button;
  GPtrArray *rows;          /* GtkListBoxRow, in order (not owned) */
};

G_DEFINE_FINAL_TYPE (DeskChangeList, desk_change_list, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
line_new (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* What the change was about: the field's label, else the kind's (a whole record). */
static const char *
change_subject (const DeskChange *change)
{
  const DeskField *field = NULL;

  if (change->kind != NULL && change->field != NULL)
    field = desk_kind_get_field (change->kind, change->field);
  if (field != NULL)
    return _(field->label);
  if (change->field != NULL)
    return change->field;

  return desk_change_action_label (change->action);
}

static GtkWidget *
change_row_new (DeskChangeList   *self,
                const DeskChange *change)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *values = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  GtkWidget *row;
  GtkWidget *box;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), line_new (change_subject (change), "heading"));

  /* The values as a person reads them: what was there, what is now. */
  if (change->field != NULL || change->old_value != NULL || change->new_value != NULL)
    {
      old_value = desk_change_format_value (self->store, change, change->old_value);
      new_value = desk_change_format_value (self->store, change, change->new_value);
      /* Added or deleted: the one value there is. A field cleared or first set reads
       * "—" on its side, so that it is not taken for the value set again. */
      if (change->action == DESK_CHANGE_INSERT)
        values = g_strdup (new_value);
      else if (change->action == DESK_CHANGE_DELETE)
        values = g_strdup (old_value);
      else
        /* Translators: a field's value before and after a change: “12.00 GHS → 15.00 GHS”. */
        values = g_strdup_printf (_("%s → %s"), old_value, new_value);
      gtk_box_append (GTK_BOX (box), line_new (values, NULL));
    }

  when = desk_date_format_timestamp (change->at);
  /* Translators: what was done, when and by whom: “Changed · 7 Dec 2026 10:04 · Ama Mensah”. */
  meta = g_strdup_printf (_("%s · %s · %s"), desk_change_action_label (change->action), when,
                          change->who != NULL ? change->who : "");
  gtk_box_append (GTK_BOX (box), line_new (meta, "dim-label"));

  if (change->reason != NULL)
    {
      g_autofree char *reason = NULL;
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      /* A change to a reported record: the secretariat hears of it. */
      if (change->lock_uuid != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

          gtk_widget_set_valign (icon, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (icon, _("Changed after it was reported: the next bundle tells the secretariat."));
          gtk_box_append (GTK_BOX (line), icon);
          gtk_widget_add_css_class (line, "warning");
        }
      /* Translators: why a change was made, as its author gave it. */
      reason = g_strdup_printf (_("Reason: %s"), change->reason);
      gtk_box_append (GTK_BOX (line), line_new (reason, NULL));
      gtk_box_append (GTK_BOX (box), line);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
desk_change_list_fill (DeskChangeList *self)
{
  guint n = self->changes != NULL ? self->changes->len : 0;
  guint shown = self->show_all ? n : MIN (n, DESK_CHANGE_LIST_SHOWN);

  desk_widget_remove_children (GTK_WIDGET (self->box));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < shown; i++)
    {
      GtkWidget *row = change_row_new (self, g_ptr_array_index (self->changes, i));

      gtk_list_box_append (self->box, row);
      /* Each change is read by its lines when it takes the focus. */
      desk_a11y_name_controls (row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->box), shown > 0);
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (self->more_button, shown < n);
  if (shown < n)
    {
      g_autofree char *label = NULL;

      /* Translators: the button under the newest changes of a long history. */
      label = g_strdup_printf (ngettext ("Show All %u Change", "Show All %u Changes", n), n);
      gtk_button_set_label (GTK_BUTTON (self->more_button), label);
    }
}

/* Callbacks */

static void
more_clicked_cb (DeskChangeList *self)
{
  desk_change_list_show_all (self);
}

/* Overrides */

static void
desk_change_list_dispose (GObject *object)
{
  DeskChangeList *self = (DeskChangeList *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_change_list_parent_class)->dispose (object);
}

static void
desk_change_list_finalize (GObject *object)
{
  DeskChangeList *self = (DeskChangeList *) object;

  g_free (self->uuid);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_change_list_parent_class)->finalize (object);
}

static void
desk_change_list_class_init (DeskChangeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_change_list_dispose;
  object_class->finalize = desk_change_list_finalize;
}

static void
desk_change_list_init (DeskChangeList *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("History"));

  self->box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->box), "boxed-list");
  /* A long history is one Tab stop in the editor; the arrows read it row by row. */
  desk_list_box_make_one_stop (self->box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->box));

  self->empty_label = line_new (_("No changes recorded yet."), "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_label);

  self->more_button = gtk_button_new ();
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->more_button, 12);
  gtk_widget_add_css_class (self->more_button, "pill");
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (more_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->more_button);
  gtk_widget_set_visible (self->more_button, FALSE);
}

/* Public API */

GtkWidget *
desk_change_list_new (DeskStore      *store,
                      const DeskKind *kind)
{
  DeskChangeList *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (DESK_TYPE_CHANGE_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;

  return GTK_WIDGET (self);
}

void
desk_change_list_set_owner (DeskChangeList *self,
                            const char     *uuid)
{
  g_return_if_fail (DESK_IS_CHANGE_LIST (self));

  if (g_strcmp0 (uuid, self->uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (uuid);
      self->show_all = FALSE;
    }
  desk_change_list_refresh (self);
}

void
desk_change_list_refresh (DeskChangeList *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DESK_IS_CHANGE_LIST (self));

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self), self->uuid != NULL);
  if (self->uuid == NULL || self->store == NULL)
    return;

  self->changes = desk_store_list_changes (self->store, self->kind, self->uuid, &error);
  if (self->changes == NULL)
    g_warning ("Could not read the history of %s %s: %s", self->kind->name, self->uuid, error->message);
  desk_change_list_fill (self);
}

void
desk_change_list_show_all (DeskChangeList *self)
{
  g_return_if_fail (DESK_IS_CHANGE_LIST (self));

  self->show_all = TRUE;
  desk_change_list_fill (self);
}

guint
desk_change_list_get_n_shown (DeskChangeList *self)
{
  g_return_val_if_fail (DESK_IS_CHANGE_LIST (self), 0);

  return self->rows->len;
}

guint
desk_change_list_get_n_changes (DeskChangeList *self)
{
  g_return_val_if_fail (DESK_IS_CHANGE_LIST (self), 0);

  return self->changes != NULL ? self->changes->len : 0;
}

char *
desk_change_list_dup_row_text (DeskChangeList *self,
                               guint           index)
{
  GString *text;
  GtkWidget *box;

  g_return_val_if_fail (DESK_IS_CHANGE_LIST (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  text = g_string_new (NULL);
  box = gtk_list_box_row_get_child (g_ptr_array_index (self->rows, index));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_LABEL (child) ? child : gtk_widget_get_last_child (child);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_label_get_label (GTK_LABEL (label)));
    }

  return g_string_free (text, FALSE);
}
