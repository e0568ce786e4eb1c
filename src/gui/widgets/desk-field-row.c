/* desk-field-row.c
 *
 * What differs between the types of a field is in two tables: `field_types`, one line a
 * DeskFieldType, gives the row (a RowOps: how to make, fill, read and focus it) and, for
 * a value typed as text, how it is formatted and parsed; a text field is shown as a text
 * view, a file or a drop-down instead of an entry when its name says so. Everything else
 * — the error row, the change reported, the choices — is written once for all types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-field-row.h"

#include "desk-a11y.h"
#include "desk-date-row.h"
#include "desk-file-chooser.h"

#include <string.h>

/* A pause in typing a long text this long saves it. */
#define CHANGE_DELAY_MS 800

typedef struct
{
  void      (*make)     (DeskFieldRow  *self,
                         const char    *title);
  void      (*fill)     (DeskFieldRow  *self,
                         DeskRecord    *record);
  gboolean  (*read)     (DeskFieldRow  *self,
                         DeskRecord    *record,
                         GError       **error);
  void      (*focus)    (DeskFieldRow  *self);
} RowOps;

typedef struct
{
  const RowOps *ops;
  /* A number typed as text: the text of @value, and the number @text is (not empty,
   * stripped), both in @record (an amount's currency). Without them, a value typed is
   * kept as the text. */
  char     *(*format)   (DeskFieldRow  *self,
                         DeskRecord    *record,
                         gint64         value);
  gboolean  (*parse)    (DeskFieldRow  *self,
                         DeskRecord    *record,
                         const char    *text,
                         gint64        *value,
                         GError       **error);
} FieldType;

struct _DeskFieldRow
{
  DeskStore *store;
  const DeskKind *kind;
  const DeskField *field;
  const FieldType *type;
  const RowOps *ops;
  DeskFieldRowChanged changed;
  gpointer user_data;

  GtkWidget *row;           /* a reference */
  GtkWidget *error_row;
  GtkLabel *error_label;
  GtkLabel *suffix;         /* entries */
  GtkTextBuffer *buffer;    /* long texts */
  GtkWidget *toggle;        /* switches */
  GPtrArray *codes;         /* drop-downs and sets: the code of each position, NULL for None */
  GPtrArray *checks;        /* sets: a GtkCheckButton per code */

  char *filled;             /* the text last filled in: a change is text that differs */
  char *currency;           /* of an amount, when the record names none */
  const char *sign_field;   /* interned */
  guint change_id;
  gboolean updating;
};

/* Fields whose text runs to sentences: a text view rather than a one-line entry. */
static const char * const multiline_fields[] = {
  "description", "objectives", "outcome", "notes", "evidence_note",
};

/* Helpers */

/* Also the handler of every signal of a change, connected swapped. */
static void
report_change (DeskFieldRow *self)
{
  g_clear_handle_id (&self->change_id, g_source_remove);

  if (!self->updating && self->changed != NULL)
    self->changed (self, self->user_data);
}

static gboolean
change_timeout_cb (gpointer user_data)
{
  DeskFieldRow *self = user_data;

  self->change_id = 0;
  report_change (self);

  return G_SOURCE_REMOVE;
}

static void
report_change_later (DeskFieldRow *self)
{
  if (self->updating || self->changed == NULL)
    return;

  g_clear_handle_id (&self->change_id, g_source_remove);
  self->change_id = g_timeout_add (CHANGE_DELAY_MS, change_timeout_cb, self);
}

/* The text shown in an entry or a text view. */
static char *
dup_shown_text (DeskFieldRow *self)
{
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row)));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);

  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

static int
decimals_of (DeskFieldRow *self,
             DeskRecord   *record)
{
  const char *currency = NULL;
  int units;

  if (record != NULL && self->field->ref != NULL)
    currency = desk_record_get_string (record, self->field->ref);
  if (currency == NULL)
    currency = self->currency;
  units = currency != NULL ? desk_currency_minor_units (self->store, currency) : 2;

  return units >= 0 ? units : 2;
}

/* Numbers typed as text */

static char *
format_int (DeskFieldRow *self,
            DeskRecord   *record,
            gint64        value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
parse_int (DeskFieldRow  *self,
           DeskRecord    *record,
           const char    *text,
           gint64        *value,
           GError       **error)
{
  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL))
    return TRUE;

  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("“%s” is not a whole number. Enter digits only, such as 12."), text);
  return FALSE;
}

static char *
format_milli (DeskFieldRow *self,
              DeskRecord   *record,
              gint64        value)
{
  return desk_milli_format (value);
}

static gboolean
parse_milli (DeskFieldRow  *self,
             DeskRecord    *record,
             const char    *text,
             gint64        *value,
             GError       **error)
{
  return desk_milli_parse (text, value, error);
}

static char *
format_money (DeskFieldRow *self,
              DeskRecord   *record,
              gint64        value)
{
  /* The sign is the switch's to show. */
  if (self->sign_field != NULL && value < 0 && value != G_MININT64)
    value = -value;

  return desk_money_format_amount (value, decimals_of (self, record));
}

static gboolean
parse_money (DeskFieldRow  *self,
             DeskRecord    *record,
             const char    *text,
             gint64        *value,
             GError       **error)
{
  if (!desk_money_parse (text, decimals_of (self, record), FALSE, value, error))
    return FALSE;
  if (self->sign_field != NULL && desk_record_get_int (record, self->sign_field) != 0)
    *value = -*value;

  return TRUE;
}

/* The error row */

static void
make_error_row (DeskFieldRow *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  self->error_label = GTK_LABEL (label);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->error_label, 0.0f);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "desk-field-error");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  /* A row of its own right under the field, shown only when needed. */
  self->error_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->error_row), FALSE);
  gtk_widget_set_focusable (self->error_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->error_row), label);
  gtk_widget_set_visible (self->error_row, FALSE);
}

/* Entries: text, numbers, amounts, dates and files */

static void
focus_left_cb (GtkEventControllerFocus *controller,
               DeskFieldRow            *self)
{
  g_autofree char *shown = dup_shown_text (self);

  /* Leaving a row with a change the user has not applied yet applies it. */
  if (g_strcmp0 (shown, self->filled) != 0 || self->change_id != 0)
    report_change (self);
}

static void
watch_focus (DeskFieldRow *self,
             GtkWidget    *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (widget, focus);
}

/* @row, an AdwEntryRow, as the row of the value (sinks it). */
static void
take_entry_row (DeskFieldRow *self,
                GtkWidget    *row)
{
  self->row = row;

  if (self->changed != NULL)
    {
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->row), TRUE);
      g_signal_connect_swapped (self->row, "apply", G_CALLBACK (report_change), self);
      watch_focus (self, self->row);
    }
  else
    adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->row), TRUE);

  if (self->type->format != NULL)
    gtk_editable_set_alignment (GTK_EDITABLE (self->row), 0.0f);
}

static void
make_entry (DeskFieldRow *self,
            const char   *title)
{
  take_entry_row (self, adw_entry_row_new ());
}

static void
set_entry_text (DeskFieldRow *self,
                const char   *text)
{
  gboolean apply = self->changed != NULL;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->row)), text) == 0)
    return;

  /* Setting the text would show the apply button, as if the user had typed it. */
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->row), text);
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->row), TRUE);
}

static char *
dup_record_text (DeskFieldRow *self,
                 DeskRecord   *record)
{
  const char *name = self->field->name;

  if (record == NULL || !desk_record_is_set (record, name))
    return g_strdup ("");
  if (self->type->format == NULL)
    return g_strdup (desk_record_get_string (record, name) ?: "");

  return self->type->format (self, record, desk_record_get_int (record, name));
}

static void
fill_entry (DeskFieldRow *self,
            DeskRecord   *record)
{
  g_autofree char *text = dup_record_text (self, record);

  set_entry_text (self, text);
  g_free (self->filled);
  self->filled = g_steal_pointer (&text);
}

static gboolean
read_text (DeskFieldRow  *self,
           DeskRecord    *record,
           GError       **error)
{
  g_autofree char *text = g_strstrip (dup_shown_text (self));
  gint64 value;

  if (text[0] == '\0')
    desk_record_unset (record, self->field->name);
  else if (self->type->parse == NULL)
    /* Text keeps its inner spacing and line breaks, without edges of white space. */
    desk_record_set_string (record, self->field->name, text);
  else if (self->type->parse (self, record, text, &value, error))
    desk_record_set_int (record, self->field->name, value);
  else
    return FALSE;

  return TRUE;
}

static void
focus_entry (DeskFieldRow *self)
{
  gtk_widget_grab_focus (self->row);
  gtk_editable_select_region (GTK_EDITABLE (self->row), 0, -1);
}

static GtkWidget *
add_entry_button (DeskFieldRow *self,
                  GtkWidget    *button,
                  const char   *tooltip)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), button);

  return button;
}

/* Dates: a DeskDateRow, which writes the one date format and reads it or ISO back. */

static void
make_date (DeskFieldRow *self,
           const char   *title)
{
  take_entry_row (self, desk_date_row_new ());
  desk_date_row_set_optional (DESK_DATE_ROW (self->row),
                              (self->field->flags & DESK_FIELD_REQUIRED) == 0);
  g_signal_connect_swapped (self->row, "date-chosen", G_CALLBACK (report_change), self);
}

static void
fill_date (DeskFieldRow *self,
           DeskRecord   *record)
{
  const char *name = self->field->name;
  const char *iso = record != NULL && desk_record_is_set (record, name)
                    ? desk_record_get_string (record, name) : NULL;

  desk_date_row_set_iso (DESK_DATE_ROW (self->row), iso);
  g_free (self->filled);
  self->filled = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row)));
}

static gboolean
read_date (DeskFieldRow  *self,
           DeskRecord    *record,
           GError       **error)
{
  g_autofree char *iso = NULL;

  if (!desk_date_row_get_iso (DESK_DATE_ROW (self->row), &iso, error))
    return FALSE;

  if (iso == NULL)
    desk_record_unset (record, self->field->name);
  else
    desk_record_set_string (record, self->field->name, iso);

  return TRUE;
}

/* The row whose chooser it was, unless the row went while the chooser was open. */
#define ROW_KEY "desk-field-row"

static void
file_chosen_cb (gpointer  owner,
                GFile    *file)
{
  DeskFieldRow *self = g_object_get_data (owner, ROW_KEY);
  g_autofree char *path = g_file_get_path (file);

  if (self != NULL && path != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->row), path);
      report_change (self);
    }
}

static void
choose_file_clicked_cb (DeskFieldRow *self)
{
  GtkRoot *root = gtk_widget_get_root (self->row);

  desk_file_chooser_ask (self->row, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         _("Choose the Evidence File"), NULL, file_chosen_cb,
                         /* Any file: no filter. */
                         NULL, NULL);
}

static void
make_file (DeskFieldRow *self,
           const char   *title)
{
  GtkWidget *button;

  make_entry (self, title);
  button = add_entry_button (self, gtk_button_new_from_icon_name ("document-open-symbolic"),
                             _("Choose a File…"));
  {
    /* Translators: the name a screen reader says for a file field's button; %s is the
     * field's title, as in “Choose a File for Evidence”. */
    g_autofree char *name = g_strdup_printf (_("Choose a File for %s"), title);

    desk_a11y_set_name (button, name);
  }
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_file_clicked_cb), self);
  g_object_set_data (G_OBJECT (self->row), ROW_KEY, self);
}

/* Long texts */

static void
make_multiline (DeskFieldRow *self,
                const char   *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();

  self->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->row), FALSE);
  gtk_widget_set_focusable (self->row, FALSE);
  gtk_widget_add_css_class (self->row, "desk-multiline");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "desk-text-field");
  desk_a11y_set_name (view, title);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (report_change_later), self);
  watch_focus (self, view);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->row), box);
}

static void
fill_multiline (DeskFieldRow *self,
                DeskRecord   *record)
{
  g_autofree char *text = dup_record_text (self, record);
  g_autofree char *shown = dup_shown_text (self);

  if (g_strcmp0 (text, shown) != 0)
    gtk_text_buffer_set_text (self->buffer, text, -1);
  g_free (self->filled);
  self->filled = g_steal_pointer (&text);
}

static void
focus_row (DeskFieldRow *self)
{
  gtk_widget_grab_focus (self->row);
}

/* Drop-downs: codes, choices, currencies, references */

static void
make_combo (DeskFieldRow *self,
            const char   *title)
{
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  self->row = adw_combo_row_new ();
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self->row), FALSE);
  adw_combo_row_set_expression (ADW_COMBO_ROW (self->row), expression);
  g_signal_connect_swapped (self->row, "notify::selected", G_CALLBACK (report_change), self);
}

static void
fill_combo (DeskFieldRow *self,
            DeskRecord   *record)
{
  const char *code = record != NULL ? desk_record_get_string (record, self->field->name) : NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->codes, i), code) == 0)
      {
        position = i;
        break;
      }

  /* A form asks for a value: it offers the first choice rather than none. */
  if (position == GTK_INVALID_LIST_POSITION && self->changed == NULL &&
      self->codes != NULL && self->codes->len > 0)
    position = 0;

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->row), position);
}

static gboolean
read_combo (DeskFieldRow  *self,
            DeskRecord    *record,
            GError       **error)
{
  const char *code = desk_field_row_get_code (self);

  if (code != NULL)
    desk_record_set_string (record, self->field->name, code);
  else
    desk_record_unset (record, self->field->name);

  return TRUE;
}

/* Sets of codes or references */

static void
make_set (DeskFieldRow *self,
          const char   *title)
{
  self->row = adw_expander_row_new ();
}

static void
fill_set (DeskFieldRow *self,
          DeskRecord   *record)
{
  const char *const *values = record != NULL ? desk_record_get_set (record, self->field->name) : NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      const char *code = g_ptr_array_index (self->codes, i);
      gboolean on = values != NULL && g_strv_contains (values, code);
      GtkWidget *check = g_ptr_array_index (self->checks, i);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      if (on)
        {
          GtkWidget *child_row = gtk_widget_get_ancestor (check, ADW_TYPE_PREFERENCES_ROW);

          if (summary->len > 0)
            /* Translators: between the items of a list, as in “Training, Outreach”. */
            g_string_append (summary, _(", "));
          g_string_append (summary, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child_row)));
        }
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->row),
                                 summary->len > 0 ? summary->str : C_("choice", "None"));
}

static gboolean
read_set (DeskFieldRow  *self,
          DeskRecord    *record,
          GError       **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (values, g_ptr_array_index (self->codes, i));
  g_ptr_array_add (values, NULL);
  desk_record_set_set (record, self->field->name, (const char *const *) values->pdata);

  return TRUE;
}

/* Switches */

static void
make_switch (DeskFieldRow *self,
             const char   *title)
{
  self->row = adw_action_row_new ();
  self->toggle = gtk_switch_new ();
  gtk_widget_set_valign (self->toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), self->toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->row), self->toggle);
  g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (report_change), self);
}

static void
fill_switch (DeskFieldRow *self,
             DeskRecord   *record)
{
  gtk_switch_set_active (GTK_SWITCH (self->toggle),
                         record != NULL && desk_record_get_int (record, self->field->name) != 0);
}

static gboolean
read_switch (DeskFieldRow  *self,
             DeskRecord    *record,
             GError       **error)
{
  gboolean active = gtk_switch_get_active (GTK_SWITCH (self->toggle));

  desk_record_set_int (record, self->field->name, active ? 1 : 0);

  /* The amount whose sign this switch gives turns with it, in the same write. */
  if (self->sign_field != NULL && desk_record_is_set (record, self->sign_field))
    {
      gint64 value = desk_record_get_int (record, self->sign_field);

      if (value != G_MININT64 && (value < 0) != active)
        desk_record_set_int (record, self->sign_field, -value);
    }

  return TRUE;
}

/* The tables */

static const RowOps entry_ops = { make_entry, fill_entry, read_text, focus_entry };
static const RowOps date_ops = { make_date, fill_date, read_date, focus_entry };
static const RowOps file_ops = { make_file, fill_entry, read_text, focus_entry };
static const RowOps multiline_ops = { make_multiline, fill_multiline, read_text, focus_row };
static const RowOps combo_ops = { make_combo, fill_combo, read_combo, focus_row };
static const RowOps set_ops = { make_set, fill_set, read_set, focus_row };
static const RowOps switch_ops = { make_switch, fill_switch, read_switch, focus_row };

static const FieldType field_types[] = {
  [DESK_FIELD_TEXT]     = { &entry_ops, NULL, NULL },
  [DESK_FIELD_DATE]     = { &date_ops, NULL, NULL },
  [DESK_FIELD_INT]      = { &entry_ops, format_int, parse_int },
  [DESK_FIELD_BOOL]     = { &switch_ops, NULL, NULL },
  [DESK_FIELD_MONEY]    = { &entry_ops, format_money, parse_money },
  [DESK_FIELD_MILLI]    = { &entry_ops, format_milli, parse_milli },
  [DESK_FIELD_CURRENCY] = { &combo_ops, NULL, NULL },
  [DESK_FIELD_CODE]     = { &combo_ops, NULL, NULL },
  [DESK_FIELD_CHOICE]   = { &combo_ops, NULL, NULL },
  [DESK_FIELD_REF]      = { &combo_ops, NULL, NULL },
  [DESK_FIELD_CODE_SET] = { &set_ops, NULL, NULL },
  [DESK_FIELD_REF_SET]  = { &set_ops, NULL, NULL },
};

static gboolean
is_multiline (const DeskField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (multiline_fields); i++)
    {
      gsize len = strlen (multiline_fields[i]);

      if (g_str_has_prefix (field->name, multiline_fields[i]) &&
          (field->name[len] == '\0' || g_str_equal (field->name + len, "_en") ||
           g_str_equal (field->name + len, "_zh")))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_country (DeskFieldRow *self)
{
  return self->kind == DESK_KIND_GROUP && g_str_equal (self->field->name, "country");
}

/* A text field shown otherwise than as an entry, from its name. */
static const RowOps *
text_row_ops (DeskFieldRow *self)
{
  if (is_country (self))
    return &combo_ops;
  if (is_multiline (self->field))
    return &multiline_ops;
  if (g_str_has_suffix (self->field->name, "_path"))
    return &file_ops;

  return &entry_ops;
}

/* What a screen reader announces when a field takes the focus: its title, on the part
 * that takes it. AdwEntryRow 1.2 leaves its inner GtkText unnamed, and a switch at the
 * end of its row is named by nothing but this. */
static void
name_row (DeskFieldRow *self,
          const char   *title)
{
  if (ADW_IS_ENTRY_ROW (self->row))
    desk_a11y_name_editable (self->row, title);
  else if (self->toggle != NULL)
    desk_a11y_set_name (self->toggle, title);
  else if (ADW_IS_COMBO_ROW (self->row) || ADW_IS_EXPANDER_ROW (self->row))
    desk_a11y_set_name (self->row, title);
}

/* Public API */

DeskFieldRow *
desk_field_row_new (DeskStore           *store,
                    const DeskKind      *kind,
                    const DeskField     *field,
                    const char          *title,
                    DeskFieldRowChanged  changed,
                    gpointer             user_data)
{
  DeskFieldRow *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail ((guint) field->type < G_N_ELEMENTS (field_types), NULL);

  self = g_new0 (DeskFieldRow, 1);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->field = field;
  self->type = &field_types[field->type];
  self->ops = field->type == DESK_FIELD_TEXT ? text_row_ops (self) : self->type->ops;
  self->changed = changed;
  self->user_data = user_data;
  if (title == NULL)
    title = _(field->label);

  self->ops->make (self, title);
  /* Held until the row is freed, after its list may have let it go. */
  g_object_ref_sink (self->row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->row), FALSE);
  name_row (self, title);
  make_error_row (self);

  /* Reference data is the same for every record; records to refer to come with one. */
  if ((self->ops == &combo_ops || self->ops == &set_ops) &&
      field->type != DESK_FIELD_REF && field->type != DESK_FIELD_REF_SET)
    desk_field_row_load_choices (self, NULL, NULL);

  return self;
}

void
desk_field_row_free (DeskFieldRow *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->change_id, g_source_remove);
  if (self->ops == &file_ops)
    {
      g_object_set_data (G_OBJECT (self->row), ROW_KEY, NULL);
      desk_file_chooser_cancel (self->row);
    }
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->row);
  g_free (self->filled);
  g_free (self->currency);
  g_free (self);
}

const DeskField *
desk_field_row_get_field (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->field;
}

GtkWidget *
desk_field_row_get_widget (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->row;
}

GtkWidget *
desk_field_row_get_error_row (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error_row;
}

void
desk_field_row_add_to_group (DeskFieldRow        *self,
                             AdwPreferencesGroup *group)
{
  g_return_if_fail (self != NULL);

  adw_preferences_group_add (group, self->row);
  adw_preferences_group_add (group, self->error_row);
}

void
desk_field_row_fill (DeskFieldRow *self,
                     DeskRecord   *record)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->change_id, g_source_remove);
  self->updating = TRUE;
  self->ops->fill (self, record);
  self->updating = FALSE;
}

gboolean
desk_field_row_read (DeskFieldRow  *self,
                     DeskRecord    *record,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  return self->ops->read (self, record, error);
}

void
desk_field_row_flush (DeskFieldRow *self)
{
  g_return_if_fail (self != NULL);

  if (self->change_id != 0)
    report_change (self);
}

void
desk_field_row_focus (DeskFieldRow *self)
{
  g_return_if_fail (self != NULL);

  self->ops->focus (self);
}

void
desk_field_row_show_error (DeskFieldRow *self,
                           const char   *message)
{
  g_return_if_fail (self != NULL);

  if (message != NULL)
    {
      gtk_label_set_label (self->error_label, message);
      gtk_widget_add_css_class (self->row, "error");
      gtk_widget_set_visible (self->error_row, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->row, "error");
      gtk_widget_set_visible (self->error_row, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

const char *
desk_field_row_get_error (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!gtk_widget_get_visible (self->error_row))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

GtkLabel *
desk_field_row_get_error_label (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error_label;
}

void
desk_field_row_set_choices (DeskFieldRow *self,
                            GPtrArray    *choices)
{
  gboolean optional;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ops == &combo_ops || self->ops == &set_ops);

  optional = (self->field->flags & DESK_FIELD_REQUIRED) == 0;
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = g_ptr_array_new_with_free_func (g_free);

  if (self->ops == &combo_ops)
    {
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

      if (optional)
        {
          g_ptr_array_add (self->codes, NULL);
          gtk_string_list_append (strings, C_("choice", "None"));
        }
      for (guint i = 0; choices != NULL && i < choices->len; i++)
        {
          DeskChoice *choice = g_ptr_array_index (choices, i);

          g_ptr_array_add (self->codes, g_strdup (choice->code));
          gtk_string_list_append (strings, choice->label);
        }

      self->updating = TRUE;
      adw_combo_row_set_model (ADW_COMBO_ROW (self->row), G_LIST_MODEL (strings));
      self->updating = FALSE;
      return;
    }

  /* Sets are short (themes, members): the rows are rebuilt with their choices. */
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      GtkWidget *child_row = gtk_widget_get_ancestor (g_ptr_array_index (self->checks, i),
                                                      ADW_TYPE_ACTION_ROW);

      adw_expander_row_remove (ADW_EXPANDER_ROW (self->row), child_row);
    }
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = g_ptr_array_new ();

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);
      GtkWidget *child_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child_row), choice->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child_row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      desk_a11y_set_name (check, choice->label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (child_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (child_row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (report_change), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->row), child_row);

      g_ptr_array_add (self->codes, g_strdup (choice->code));
      g_ptr_array_add (self->checks, check);
    }
}

void
desk_field_row_load_choices (DeskFieldRow *self,
                             const char   *group,
                             const char   *exclude_uuid)
{
  const DeskField *field;
  g_autoptr(GPtrArray) choices = NULL;

  g_return_if_fail (self != NULL);

  if (self->ops != &combo_ops && self->ops != &set_ops)
    return;

  field = self->field;
  if (is_country (self))
    choices = desk_country_choices ();
  else if (field->type == DESK_FIELD_REF || field->type == DESK_FIELD_REF_SET)
    {
      const DeskKind *ref_kind = desk_kind_lookup (field->ref);
      g_autoptr(GPtrArray) records = NULL;

      choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
      if (ref_kind != NULL && group != NULL)
        records = desk_store_list (self->store, ref_kind, group, NULL);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          DeskRecord *r = g_ptr_array_index (records, i);
          DeskChoice *choice;

          /* A workplan's previous one, an activity carried over: never the record itself. */
          if (g_strcmp0 (desk_record_get_uuid (r), exclude_uuid) == 0)
            continue;
          choice = g_new0 (DeskChoice, 1);
          choice->code = g_strdup (desk_record_get_uuid (r));
          choice->label = desk_record_dup_label (r);
          g_ptr_array_add (choices, choice);
        }
    }
  else if (self->kind != NULL)
    choices = desk_reference_choices (self->store, self->kind, field->name);

  desk_field_row_set_choices (self, choices);
}

const char *
desk_field_row_get_code (DeskFieldRow *self)
{
  guint selected;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->ops != &combo_ops || self->codes == NULL)
    return NULL;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->row));

  return selected < self->codes->len ? g_ptr_array_index (self->codes, selected) : NULL;
}

char *
desk_field_row_dup_text (DeskFieldRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->buffer == NULL && !ADW_IS_ENTRY_ROW (self->row))
    return g_strdup ("");

  return g_strstrip (dup_shown_text (self));
}

void
desk_field_row_set_sign_field (DeskFieldRow *self,
                               const char   *field)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->field->type == DESK_FIELD_MONEY || self->field->type == DESK_FIELD_BOOL);

  self->sign_field = g_intern_string (field);
}

void
desk_field_row_set_currency (DeskFieldRow *self,
                             const char   *currency)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->field->type == DESK_FIELD_MONEY);

  g_free (self->currency);
  self->currency = g_strdup (currency);
  desk_field_row_set_suffix (self, currency);
}

void
desk_field_row_set_suffix (DeskFieldRow *self,
                           const char   *suffix)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ADW_IS_ENTRY_ROW (self->row));

  if (self->suffix == NULL)
    {
      self->suffix = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->suffix), "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), GTK_WIDGET (self->suffix));
    }
  gtk_label_set_label (self->suffix, suffix);
  gtk_widget_set_visible (GTK_WIDGET (self->suffix), suffix != NULL);
}
