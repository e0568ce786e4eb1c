/* desk-budget-form.c
 *
 * The rows are made from code, one per value asked for, each with an error row under it
 * as DeskRecordEditor has. Nothing is written here: the page's accept function builds
 * the record and writes it through the history, and core's message comes back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-form"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-budget-form.h"

typedef struct
{
  char *name;
  GtkWidget *row;
  GtkWidget *toggle;        /* switches */
  GtkWidget *error_row;
  GtkLabel *error_label;
  GtkLabel *suffix;
  GPtrArray *codes;         /* choices */
} FormRow;

struct _DeskBudgetForm
{
  AdwWindow parent_instance;

  DeskBudgetFormAccept accept;
  gpointer user_data;
  GPtrArray *rows;          /* FormRow */
  AdwPreferencesGroup *group;
  GtkWidget *accept_button;
};

G_DEFINE_FINAL_TYPE (DeskBudgetForm, desk_budget_form, ADW_TYPE_WINDOW)

static void
form_row_free (FormRow *fr)
{
  g_free (fr->name);
  g_clear_pointer (&fr->codes, g_ptr_array_unref);
  g_free (fr);
}

static FormRow *
find_row (DeskBudgetForm *self,
          const char     *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FormRow *fr = g_ptr_array_index (self->rows, i);

      if (g_str_equal (fr->name, name))
        return fr;
    }

  return NULL;
}

static void
show_error (FormRow    *fr,
            const char *message)
{
  gtk_label_set_label (fr->error_label, message);
  gtk_widget_set_visible (fr->error_row, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (fr->row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (fr->row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (fr->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static FormRow *
add_row (DeskBudgetForm *self,
         const char     *name,
         GtkWidget      *row,
         const char     *title)
{
  FormRow *fr = g_new0 (FormRow, 1);

  fr->name = g_strdup (name);
  fr->row = row;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  fr->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (fr->error_label, TRUE);
  gtk_label_set_wrap_mode (fr->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (fr->error_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (fr->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (fr->error_label), "desk-field-error");
  gtk_widget_set_margin_start (GTK_WIDGET (fr->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fr->error_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (fr->error_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fr->error_label), 6);
  fr->error_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (fr->error_row), FALSE);
  gtk_widget_set_focusable (fr->error_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (fr->error_row), GTK_WIDGET (fr->error_label));
  gtk_widget_set_visible (fr->error_row, FALSE);

  adw_preferences_group_add (self->group, row);
  adw_preferences_group_add (self->group, fr->error_row);
  g_ptr_array_add (self->rows, fr);

  return fr;
}

/* Callbacks */

static void
accept_clicked_cb (DeskBudgetForm *self)
{
  desk_budget_form_accept (self);
}

static void
cancel_clicked_cb (DeskBudgetForm *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Overrides */

static void
desk_budget_form_finalize (GObject *object)
{
  DeskBudgetForm *self = (DeskBudgetForm *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_budget_form_parent_class)->finalize (object);
}

static void
desk_budget_form_class_init (DeskBudgetFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = desk_budget_form_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
desk_budget_form_init (DeskBudgetForm *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) form_row_free);
}

/* Public API */

DeskBudgetForm *
desk_budget_form_new (GtkWindow            *parent,
                      const char           *title,
                      const char           *description,
                      const char           *accept_label,
                      DeskBudgetFormAccept  accept,
                      gpointer              user_data)
{
  DeskBudgetForm *self = g_object_new (DESK_TYPE_BUDGET_FORM, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->accept = accept;
  self->user_data = user_data;

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 480);

  /* Changes are not saved until accepted: the header says so with Cancel and the verb. */
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->accept_button = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (accept_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->accept_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->accept_button);
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (description != NULL)
    adw_preferences_group_set_description (self->group, description);
  gtk_widget_set_margin_top (GTK_WIDGET (self->group), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->group), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->group), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->group), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->group));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 640);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (self), box);

  return self;
}

GtkWidget *
desk_budget_form_add_entry (DeskBudgetForm *self,
                            const char     *name,
                            const char     *title,
                            const char     *text,
                            const char     *suffix)
{
  GtkWidget *row = adw_entry_row_new ();
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  fr = add_row (self, name, row, title);
  fr->suffix = GTK_LABEL (gtk_label_new (suffix));
  gtk_widget_add_css_class (GTK_WIDGET (fr->suffix), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (fr->suffix), suffix != NULL);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (fr->suffix));

  return row;
}

GtkWidget *
desk_budget_form_add_choice (DeskBudgetForm *self,
                             const char     *name,
                             const char     *title,
                             GPtrArray      *choices,
                             const char     *code)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  GtkWidget *row = adw_combo_row_new ();
  FormRow *fr;
  guint selected = 0;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = add_row (self, name, row, title);
  fr->codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (choice->code, code) == 0)
        selected = i;
      g_ptr_array_add (fr->codes, g_strdup (choice->code));
      gtk_string_list_append (strings, choice->label);
    }
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (strings));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);

  return row;
}

GtkWidget *
desk_budget_form_add_switch (DeskBudgetForm *self,
                             const char     *name,
                             const char     *title,
                             gboolean        active)
{
  GtkWidget *row = adw_action_row_new ();
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = add_row (self, name, row, title);
  fr->toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (fr->toggle), active);
  gtk_widget_set_valign (fr->toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), fr->toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), fr->toggle);

  return row;
}

void
desk_budget_form_set_suffix (DeskBudgetForm *self,
                             const char     *name,
                             const char     *suffix)
{
  FormRow *fr;

  g_return_if_fail (DESK_IS_BUDGET_FORM (self));

  fr = find_row (self, name);
  if (fr == NULL || fr->suffix == NULL)
    return;

  gtk_label_set_label (fr->suffix, suffix);
  gtk_widget_set_visible (GTK_WIDGET (fr->suffix), suffix != NULL);
}

char *
desk_budget_form_dup_text (DeskBudgetForm *self,
                           const char     *name)
{
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = find_row (self, name);
  if (fr == NULL || !ADW_IS_ENTRY_ROW (fr->row))
    return g_strdup ("");

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (fr->row))));
}

const char *
desk_budget_form_get_code (DeskBudgetForm *self,
                           const char     *name)
{
  FormRow *fr;
  guint selected;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = find_row (self, name);
  if (fr == NULL || fr->codes == NULL)
    return NULL;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (fr->row));

  return selected < fr->codes->len ? g_ptr_array_index (fr->codes, selected) : NULL;
}

gboolean
desk_budget_form_get_active (DeskBudgetForm *self,
                             const char     *name)
{
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), FALSE);

  fr = find_row (self, name);

  return fr != NULL && fr->toggle != NULL && gtk_switch_get_active (GTK_SWITCH (fr->toggle));
}

GtkWidget *
desk_budget_form_get_row (DeskBudgetForm *self,
                          const char     *name)
{
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = find_row (self, name);

  return fr != NULL ? fr->row : NULL;
}

const char *
desk_budget_form_get_error (DeskBudgetForm *self,
                            const char     *name)
{
  FormRow *fr;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), NULL);

  fr = find_row (self, name);
  if (fr == NULL || !gtk_widget_get_visible (fr->error_row))
    return NULL;

  return gtk_label_get_label (fr->error_label);
}

gboolean
desk_budget_form_accept (DeskBudgetForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  FormRow *target = NULL;

  g_return_val_if_fail (DESK_IS_BUDGET_FORM (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    show_error (g_ptr_array_index (self->rows, i), NULL);

  if (self->accept (self, self->user_data, &bad_field, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  if (bad_field != NULL)
    target = find_row (self, bad_field);
  if (target == NULL && self->rows->len > 0)
    target = g_ptr_array_index (self->rows, 0);
  if (target != NULL)
    {
      show_error (target, error != NULL ? error->message : _("This value was refused."));
      gtk_widget_grab_focus (target->row);
    }

  return FALSE;
}
