/* desk-record-form.c
 *
 * The rows are DeskFieldRows, as in DeskRecordEditor: the same widget for a type of
 * field, the same error row. A value that is not a field of the kind (a rate typed as
 * one number) gets a row of a text field of the form's own, which the record never
 * reads. Saving reads the rows into a copy of the record, amounts last (their decimals
 * come from the currency the record names), and inserts it through the history: core
 * validates it, and the field it refuses is where its message goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-form"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-record-form.h"

typedef struct
{
  DeskFieldRow *row;
  DeskField *own;           /* a value that is not a field of the record */
} FormRow;

struct _DeskRecordForm
{
  AdwWindow parent_instance;

  DeskHistory *history;
  DeskRecord *record;
  DeskRecordFormPrepare prepare;
  GPtrArray *rows;          /* FormRow */
  GHashTable *error_rows;   /* field → the row its errors show under */
  GtkWidget *header;
  AdwPreferencesGroup *group;
  GtkWidget *accept_button;
};

G_DEFINE_FINAL_TYPE (DeskRecordForm, desk_record_form, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
form_row_free (FormRow *fr)
{
  g_clear_pointer (&fr->row, desk_field_row_free);
  if (fr->own != NULL)
    g_free ((char *) fr->own->name);
  g_free (fr->own);
  g_free (fr);
}

static DeskFieldRow *
lookup (DeskRecordForm *self,
        const char     *name)
{
  for (guint i = 0; name != NULL && self->rows != NULL && i < self->rows->len; i++)
    {
      FormRow *fr = g_ptr_array_index (self->rows, i);

      if (g_str_equal (desk_field_row_get_field (fr->row)->name, name))
        return fr->row;
    }

  return NULL;
}

static DeskFieldRow *
add_row (DeskRecordForm  *self,
         const DeskField *field,
         DeskField       *own,
         const char      *title)
{
  DeskStore *store = desk_history_get_store (self->history);
  const DeskKind *kind = own == NULL ? desk_record_get_kind (self->record) : NULL;
  FormRow *fr = g_new0 (FormRow, 1);

  fr->own = own;
  fr->row = desk_field_row_new (store, kind, field, title, NULL, NULL);
  desk_field_row_add_to_group (fr->row, self->group);
  g_ptr_array_add (self->rows, fr);

  return fr->row;
}

/* Reads the rows into a copy of the record and inserts it. */
static gboolean
save_record (DeskRecordForm  *self,
             char           **bad_field,
             GError         **error)
{
  g_autoptr(DeskRecord) record = desk_record_copy (self->record);

  /* An amount is read in the currency the record names, which a row may give. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        FormRow *fr = g_ptr_array_index (self->rows, i);
        const DeskField *field = desk_field_row_get_field (fr->row);

        if (fr->own != NULL || (field->type == DESK_FIELD_MONEY) != (pass == 1))
          continue;
        if (!desk_field_row_read (fr->row, record, error))
          {
            *bad_field = g_strdup (field->name);
            return FALSE;
          }
      }

  if (self->prepare != NULL && !self->prepare (self, record, bad_field, error))
    return FALSE;

  if (!desk_history_insert (self->history, record, error))
    {
      desk_store_validate (desk_history_get_store (self->history), record, bad_field, NULL);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, record);

  return TRUE;
}

/* Callbacks */

static void
accept_clicked_cb (DeskRecordForm *self)
{
  desk_record_form_accept (self);
}

static void
cancel_clicked_cb (DeskRecordForm *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Overrides */

static void
desk_record_form_dispose (GObject *object)
{
  DeskRecordForm *self = (DeskRecordForm *) object;

  /* The rows, and what they read, outlast their widgets and the signals of those. */
  G_OBJECT_CLASS (desk_record_form_parent_class)->dispose (object);

  g_clear_object (&self->history);
  g_clear_object (&self->record);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_hash_table_unref);
}

static void
desk_record_form_class_init (DeskRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_form_dispose;

  /**
   * DeskRecordForm::saved:
   * @record: the record inserted
   *
   * The values were accepted and saved; the form closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, DESK_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
desk_record_form_init (DeskRecordForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = self->header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) form_row_free);
  self->error_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 480);

  /* Changes are not saved until accepted: the header says so with Cancel and the verb. */
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->accept_button = gtk_button_new ();
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (accept_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->accept_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->accept_button);
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
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
}

/* Public API */

DeskRecordForm *
desk_record_form_new (GtkWindow   *parent,
                      DeskHistory *history,
                      DeskRecord  *record,
                      const char  *title,
                      const char  *description,
                      const char  *accept_label)
{
  DeskRecordForm *self;

  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);
  g_return_val_if_fail (DESK_IS_RECORD (record), NULL);

  self = g_object_new (DESK_TYPE_RECORD_FORM, "title", title, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->record = g_object_ref (record);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (self->header), adw_window_title_new (title, NULL));
  gtk_button_set_label (GTK_BUTTON (self->accept_button), accept_label);
  gtk_button_set_use_underline (GTK_BUTTON (self->accept_button), TRUE);
  if (description != NULL)
    adw_preferences_group_set_description (self->group, description);

  return self;
}

void
desk_record_form_set_prepare (DeskRecordForm        *self,
                              DeskRecordFormPrepare  prepare)
{
  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  self->prepare = prepare;
}

DeskRecord *
desk_record_form_get_record (DeskRecordForm *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  return self->record;
}

GtkWidget *
desk_record_form_add_field (DeskRecordForm *self,
                            const char     *field,
                            const char     *title)
{
  const DeskField *kind_field;
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  kind_field = desk_kind_get_field (desk_record_get_kind (self->record), field);
  g_return_val_if_fail (kind_field != NULL, NULL);

  row = add_row (self, kind_field, NULL, title);
  desk_field_row_fill (row, self->record);

  return desk_field_row_get_widget (row);
}

void
desk_record_form_add_fields (DeskRecordForm *self,
                             const char     *first_field,
                             ...)
{
  va_list args;

  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    desk_record_form_add_field (self, field, NULL);
  va_end (args);
}

GtkWidget *
desk_record_form_add_entry (DeskRecordForm *self,
                            const char     *name,
                            const char     *title,
                            const char     *text,
                            const char     *suffix)
{
  DeskField *own;
  DeskFieldRow *row;
  GtkWidget *widget;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  own = g_new0 (DeskField, 1);
  own->name = g_strdup (name);
  own->type = DESK_FIELD_TEXT;
  row = add_row (self, own, own, title);
  widget = desk_field_row_get_widget (row);
  gtk_editable_set_text (GTK_EDITABLE (widget), text != NULL ? text : "");
  if (suffix != NULL)
    desk_field_row_set_suffix (row, suffix);

  return widget;
}

void
desk_record_form_set_choices (DeskRecordForm *self,
                              const char     *field,
                              GPtrArray      *choices)
{
  DeskFieldRow *row;

  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  row = lookup (self, field);
  g_return_if_fail (row != NULL);

  desk_field_row_set_choices (row, choices);
  desk_field_row_fill (row, self->record);
}

void
desk_record_form_set_currency (DeskRecordForm *self,
                               const char     *field,
                               const char     *currency)
{
  DeskFieldRow *row;
  const char *ref;

  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  row = lookup (self, field);
  g_return_if_fail (row != NULL);

  desk_field_row_set_currency (row, currency);
  ref = desk_field_row_get_field (row)->ref;
  if (ref != NULL && currency != NULL)
    desk_record_set_string (self->record, ref, currency);
  if (desk_record_is_set (self->record, field))
    desk_field_row_fill (row, self->record);
}

void
desk_record_form_set_sign_switch (DeskRecordForm *self,
                                  const char     *money_field,
                                  const char     *switch_field)
{
  DeskFieldRow *money;
  DeskFieldRow *toggle;

  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  money = lookup (self, money_field);
  toggle = lookup (self, switch_field);
  g_return_if_fail (money != NULL && toggle != NULL);

  desk_field_row_set_sign_field (money, switch_field);
  desk_field_row_set_sign_field (toggle, money_field);
}

void
desk_record_form_set_error_row (DeskRecordForm *self,
                                const char     *field,
                                const char     *name)
{
  g_return_if_fail (DESK_IS_RECORD_FORM (self));

  g_hash_table_insert (self->error_rows, g_strdup (field), g_strdup (name));
}

DeskFieldRow *
desk_record_form_get_field_row (DeskRecordForm *self,
                                const char     *name)
{
  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  return lookup (self, name);
}

const char *
desk_record_form_get_code (DeskRecordForm *self,
                           const char     *name)
{
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  row = lookup (self, name);

  return row != NULL ? desk_field_row_get_code (row) : NULL;
}

GtkWidget *
desk_record_form_get_row (DeskRecordForm *self,
                          const char     *name)
{
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  row = lookup (self, name);

  return row != NULL ? desk_field_row_get_widget (row) : NULL;
}

const char *
desk_record_form_get_error (DeskRecordForm *self,
                            const char     *name)
{
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), NULL);

  row = lookup (self, name);

  return row != NULL ? desk_field_row_get_error (row) : NULL;
}

gboolean
desk_record_form_accept (DeskRecordForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  DeskFieldRow *target = NULL;

  g_return_val_if_fail (DESK_IS_RECORD_FORM (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    desk_field_row_show_error (((FormRow *) g_ptr_array_index (self->rows, i))->row, NULL);

  if (save_record (self, &bad_field, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  if (bad_field != NULL)
    target = lookup (self, g_hash_table_lookup (self->error_rows, bad_field) ?: bad_field);
  if (target == NULL && self->rows->len > 0)
    target = ((FormRow *) g_ptr_array_index (self->rows, 0))->row;
  if (target != NULL)
    {
      desk_field_row_show_error (target, error != NULL ? error->message : _("This value was refused."));
      gtk_widget_grab_focus (desk_field_row_get_widget (target));
    }

  return FALSE;
}
