/* desk-group-dialog.c
 *
 * Name, country and reporting currency: the three things core needs to make a group.
 * Core validates the record; the dialog only shows core's message next to the field it
 * names, so the form and the CLI can never disagree about what a group needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-group-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-group-dialog.h"
#include "desk-dialog.h"
#include "desk-widget-util.h"

struct _DeskGroupDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  /* Codes parallel to the combo rows' models; index 0 is the “choose” placeholder. */
  GPtrArray *country_codes;
  GPtrArray *currency_codes;

  /* Template widgets */
  AdwEntryRow *name_row;
  AdwComboRow *country_row;
  AdwComboRow *currency_row;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (DeskGroupDialog, desk_group_dialog, ADW_TYPE_WINDOW)

static void
fill_combo (AdwComboRow *row,
            GPtrArray   *choices,
            const char  *placeholder,
            GPtrArray   *codes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (codes, 0);
  gtk_string_list_append (labels, placeholder);
  g_ptr_array_add (codes, NULL);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (labels, choice->label);
      g_ptr_array_add (codes, g_strdup (choice->code));
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, 0);
}

static const char *
selected_code (AdwComboRow *row,
               GPtrArray   *codes)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= codes->len)
    return NULL;

  return g_ptr_array_index (codes, selected);
}

static void
clear_error (DeskGroupDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->country_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->currency_row), "error");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (DeskGroupDialog *self,
            const char      *bad_field,
            const char      *message)
{
  GtkWidget *row = NULL;

  clear_error (self);

  if (bad_field == NULL)
    row = NULL;
  else if (g_str_has_prefix (bad_field, "name") || g_str_equal (bad_field, "code"))
    row = GTK_WIDGET (self->name_row);
  else if (g_str_equal (bad_field, "country"))
    row = GTK_WIDGET (self->country_row);
  else if (g_str_equal (bad_field, "currency"))
    row = GTK_WIDGET (self->currency_row);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
desk_group_dialog_create (DeskGroupDialog *self)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (self->store != NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  group = desk_record_new (DESK_KIND_GROUP);
  /* The name is kept in the language the coordinator works in; the other language can
   * be added later. */
  desk_record_set_string (group,
                          desk_locale_is_chinese () ? "name_zh" : "name_en",
                          name);
  desk_record_set_string (group, "country", selected_code (self->country_row, self->country_codes));
  desk_record_set_string (group, "currency", selected_code (self->currency_row, self->currency_codes));

  if (!desk_store_validate (self->store, group, &bad_field, &error) ||
      !desk_store_insert (self->store, group, &error))
    {
      show_error (self, bad_field, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  desk_group_dialog_create (DESK_GROUP_DIALOG (widget));
}

static void
field_changed_cb (DeskGroupDialog *self)
{
  clear_error (self);
}

static void
name_activated_cb (DeskGroupDialog *self)
{
  desk_group_dialog_create (self);
}

static void
desk_group_dialog_dispose (GObject *object)
{
  DeskGroupDialog *self = (DeskGroupDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_GROUP_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_group_dialog_parent_class)->dispose (object);
}

static void
desk_group_dialog_constructed (GObject *object)
{
  DeskGroupDialog *self = (DeskGroupDialog *) object;
  g_autoptr(GPtrArray) countries = desk_country_choices ();
  g_autoptr(GPtrArray) currencies = NULL;

  G_OBJECT_CLASS (desk_group_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    currencies = desk_reference_choices (self->store, DESK_KIND_GROUP, "currency");

  fill_combo (self->country_row, countries, _("Choose a country"), self->country_codes);
  fill_combo (self->currency_row, currencies, _("Choose a currency"), self->currency_codes);
}

static void
desk_group_dialog_class_init (DeskGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_group_dialog_constructed;
  object_class->dispose = desk_group_dialog_dispose;

  desk_object_class_install_store (object_class, G_STRUCT_OFFSET (DeskGroupDialog, store));

  desk_dialog_class_set_template (widget_class, "/org/voluntaryprinciples/Groupdesk/ui/desk-group-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);

  gtk_widget_class_install_action (widget_class, "group.create", NULL, create_activated);
}

static void
desk_group_dialog_init (DeskGroupDialog *self)
{
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_group_dialog_new (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_GROUP_DIALOG,
                       "store", store,
                       NULL);
}

DeskStore *
desk_group_dialog_get_store (DeskGroupDialog *self)
{
  g_return_val_if_fail (DESK_IS_GROUP_DIALOG (self), NULL);

  return self->store;
}
