/* desk-group-dialog.c
 *
 * Name, country and reporting currency: the three things core needs to make a group,
 * and the languages it works in, which decide the narrative fields forms ask for.
 * Core validates the record as the coordinator types; the dialog only shows core's
 * message at the field it names (once that field was touched, so an empty form does not
 * open full of errors) and keeps Create disabled until core accepts the group, so the form
 * and the CLI can never disagree about what a group needs. Choosing a country chooses its
 * currency (core's reference data) unless the coordinator chose one by hand.
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
  GPtrArray *language_codes;
  /* The fields the coordinator changed: only their errors are shown while typing. */
  gboolean name_touched;
  gboolean country_touched;
  gboolean currency_touched;
  /* Set while the dialog itself selects a currency, which is not the coordinator's. */
  gboolean picking_currency;

  /* Template widgets */
  GtkButton *create_button;
  AdwEntryRow *name_row;
  AdwComboRow *country_row;
  AdwComboRow *currency_row;
  AdwComboRow *languages_row;
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

/* The row of the field core named, or NULL. */
static GtkWidget *
field_row (DeskGroupDialog *self,
           const char      *bad_field)
{
  if (bad_field == NULL)
    return NULL;
  if (g_str_has_prefix (bad_field, "name") || g_str_equal (bad_field, "code"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (bad_field, "country"))
    return GTK_WIDGET (self->country_row);
  if (g_str_equal (bad_field, "currency"))
    return GTK_WIDGET (self->currency_row);

  return NULL;
}

static gboolean
field_touched (DeskGroupDialog *self,
               GtkWidget       *row)
{
  if (row == GTK_WIDGET (self->name_row))
    return self->name_touched;
  if (row == GTK_WIDGET (self->country_row))
    return self->country_touched;
  if (row == GTK_WIDGET (self->currency_row))
    return self->currency_touched;

  /* A field the form has no row for: nothing the coordinator can fix but say it. */
  return TRUE;
}

static void
show_error (DeskGroupDialog *self,
            const char      *bad_field,
            const char      *message,
            gboolean         focus)
{
  GtkWidget *row = field_row (self, bad_field);

  clear_error (self);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      if (focus)
        gtk_widget_grab_focus (row);
    }

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The group the form describes, not yet stored. */
static DeskRecord *
build_group (DeskGroupDialog *self)
{
  g_autofree char *name = NULL;
  DeskRecord *group;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  group = desk_record_new (DESK_KIND_GROUP);
  /* The name is kept in the language the coordinator works in; the other language can
   * be added later. */
  desk_record_set_string (group,
                          desk_locale_is_chinese () ? "name_zh" : "name_en",
                          name);
  desk_record_set_string (group, "country", selected_code (self->country_row, self->country_codes));
  desk_record_set_string (group, "currency", selected_code (self->currency_row, self->currency_codes));
  desk_record_set_string (group, "languages", selected_code (self->languages_row, self->language_codes));

  return group;
}

/* Asks core about the form as it is now: Create follows its answer, and its message
 * shows at the field it names once the coordinator has touched that field. */
static void
desk_group_dialog_validate (DeskGroupDialog *self)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  gboolean valid;

  if (self->store == NULL)
    return;

  group = build_group (self);
  valid = desk_store_validate (self->store, group, &bad_field, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.create", valid);

  if (valid || !field_touched (self, field_row (self, bad_field)))
    clear_error (self);
  else
    show_error (self, bad_field, error->message, FALSE);
}

static void
desk_group_dialog_create (DeskGroupDialog *self)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;

  g_return_if_fail (self->store != NULL);

  group = build_group (self);
  if (!desk_store_validate (self->store, group, &bad_field, &error) ||
      !desk_store_insert (self->store, group, &error))
    {
      show_error (self, bad_field, error->message, TRUE);
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
name_changed_cb (DeskGroupDialog *self)
{
  self->name_touched = TRUE;
  desk_group_dialog_validate (self);
}

/* The country's currency, when core knows it and the coordinator has not chosen one. */
static void
pick_currency (DeskGroupDialog *self)
{
  const char *currency = desk_country_currency (selected_code (self->country_row,
                                                               self->country_codes));

  if (currency == NULL || self->currency_touched)
    return;

  for (guint i = 1; i < self->currency_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->currency_codes, i), currency) == 0)
      {
        self->picking_currency = TRUE;
        adw_combo_row_set_selected (self->currency_row, i);
        self->picking_currency = FALSE;
        break;
      }
}

static void
country_changed_cb (DeskGroupDialog *self)
{
  self->country_touched = TRUE;
  pick_currency (self);
  desk_group_dialog_validate (self);
}

static void
currency_changed_cb (DeskGroupDialog *self)
{
  if (!self->picking_currency)
    self->currency_touched = TRUE;
  desk_group_dialog_validate (self);
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
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_group_dialog_parent_class)->dispose (object);
}

/* English, Chinese or both; at first the language the coordinator works in. */
static void
fill_languages (DeskGroupDialog *self)
{
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *language = desk_locale_language ();
  guint selected = 0;

  if (self->store == NULL)
    return;

  choices = desk_reference_choices (self->store, DESK_KIND_GROUP, "languages");
  g_ptr_array_set_size (self->language_codes, 0);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (labels, choice->label);
      g_ptr_array_add (self->language_codes, g_strdup (choice->code));
      if (g_str_equal (choice->code, language))
        selected = i;
    }

  adw_combo_row_set_model (self->languages_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->languages_row, selected);
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
  fill_languages (self);
  /* Filling the lists is not the coordinator's choice. */
  self->country_touched = self->currency_touched = FALSE;
  desk_group_dialog_validate (self);
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
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, languages_row);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskGroupDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);

  gtk_widget_class_install_action (widget_class, "group.create", NULL, create_activated);
}

static void
desk_group_dialog_init (DeskGroupDialog *self)
{
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);

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
