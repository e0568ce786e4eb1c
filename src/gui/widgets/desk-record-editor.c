/* desk-record-editor.c
 *
 * One row per field, chosen by the field's type (see desk-kind.h). Every change is
 * written at once through the window's DeskHistory, as a copy of the record with that
 * one field changed; when core refuses it, its message goes under the field it names and
 * the user's text stays in the row, so nothing invalid reaches the database and nothing
 * typed is lost. The editor follows the store: an undo, or a write from elsewhere, shows
 * in the rows without taking the focus away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-record-editor.h"

#include <string.h>

#define COMMIT_DELAY_MS 800

typedef struct _FieldRow FieldRow;

struct _DeskRecordEditor
{
  GtkBox parent_instance;

  DeskHistory *history;
  DeskStore *store;
  const DeskKind *kind;
  DeskRecord *record;
  GPtrArray *rows;          /* FieldRow */
  GHashTable *by_name;      /* field name → FieldRow */
  gulong changed_id;
  char *ref_group;          /* the group the reference choices were read for */
  gboolean refs_dirty;
  const char *sign_money;   /* an amount whose sign follows the switch sign_switch */
  const char *sign_switch;
};

typedef enum
{
  ROW_ENTRY,      /* text, numbers, amounts */
  ROW_MULTILINE,
  ROW_DATE,
  ROW_COMBO,      /* codes, choices, currencies, references */
  ROW_SET,        /* code and reference sets */
  ROW_SWITCH,
  ROW_FILE,
} RowType;

struct _FieldRow
{
  DeskRecordEditor *editor;
  const DeskField *field;
  RowType type;
  GtkWidget *row;
  GtkWidget *error_row;
  GtkLabel *error_label;
  GtkTextBuffer *buffer;    /* multi-line */
  GtkCalendar *calendar;    /* dates */
  GtkWidget *popover;
  GtkWidget *toggle;        /* the switch */
  GPtrArray *codes;         /* combos and sets: the code of each position, NULL for None */
  GPtrArray *checks;        /* sets: a GtkCheckButton per code */
  guint commit_id;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (DeskRecordEditor, desk_record_editor, GTK_TYPE_BOX)

/* Fields whose text runs to sentences: a text view rather than a one-line entry. */
static const char * const multiline_fields[] = {
  "description", "objectives", "outcome", "notes", "evidence_note",
};

static void field_row_fill (FieldRow *fr);
static void field_row_commit (FieldRow *fr);

static void
field_row_free (FieldRow *fr)
{
  g_clear_handle_id (&fr->commit_id, g_source_remove);
  g_clear_pointer (&fr->codes, g_ptr_array_unref);
  g_clear_pointer (&fr->checks, g_ptr_array_unref);
  g_free (fr);
}

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

/* Choices */

/* The (code, label) pairs a combo or a set offers: reference codes, choices, currencies,
 * countries, or the records of the kind a reference names. */
static GPtrArray *
field_row_dup_choices (FieldRow *fr)
{
  DeskRecordEditor *self = fr->editor;
  const DeskField *field = fr->field;
  GPtrArray *choices;

  if (self->kind == DESK_KIND_GROUP && g_str_equal (field->name, "country"))
    return desk_country_choices ();

  if (field->type == DESK_FIELD_REF || field->type == DESK_FIELD_REF_SET)
    {
      const DeskKind *ref_kind = desk_kind_lookup (field->ref);
      g_autoptr(GPtrArray) records = NULL;

      choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
      if (ref_kind == NULL || self->ref_group == NULL)
        return choices;

      records = desk_store_list (self->store, ref_kind, self->ref_group, NULL);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          DeskRecord *r = g_ptr_array_index (records, i);
          DeskChoice *choice = g_new0 (DeskChoice, 1);

          /* A workplan's previous one, an activity carried over: never the record itself. */
          if (self->record != NULL &&
              g_strcmp0 (desk_record_get_uuid (r), desk_record_get_uuid (self->record)) == 0)
            {
              g_free (choice);
              continue;
            }
          choice->code = g_strdup (desk_record_get_uuid (r));
          choice->label = desk_record_dup_label (r);
          g_ptr_array_add (choices, choice);
        }
      return choices;
    }

  return desk_reference_choices (self->store, self->kind, field->name);
}

static void
field_row_load_choices (FieldRow *fr)
{
  g_autoptr(GPtrArray) choices = field_row_dup_choices (fr);
  gboolean optional = (fr->field->flags & DESK_FIELD_REQUIRED) == 0;

  g_clear_pointer (&fr->codes, g_ptr_array_unref);
  fr->codes = g_ptr_array_new_with_free_func (g_free);

  if (fr->type == ROW_COMBO)
    {
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

      if (optional)
        {
          g_ptr_array_add (fr->codes, NULL);
          gtk_string_list_append (strings, C_("choice", "None"));
        }
      for (guint i = 0; i < choices->len; i++)
        {
          DeskChoice *choice = g_ptr_array_index (choices, i);

          g_ptr_array_add (fr->codes, g_strdup (choice->code));
          gtk_string_list_append (strings, choice->label);
        }

      fr->updating = TRUE;
      adw_combo_row_set_model (ADW_COMBO_ROW (fr->row), G_LIST_MODEL (strings));
      fr->updating = FALSE;
    }
  else if (fr->type == ROW_SET)
    {
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (fr->row);

      /* Sets are short (themes, members): the rows are rebuilt with their choices. */
      for (guint i = 0; fr->checks != NULL && i < fr->checks->len; i++)
        {
          GtkWidget *check = g_ptr_array_index (fr->checks, i);
          GtkWidget *child_row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

          adw_expander_row_remove (expander, child_row);
        }
      g_clear_pointer (&fr->checks, g_ptr_array_unref);
      fr->checks = g_ptr_array_new ();

      for (guint i = 0; i < choices->len; i++)
        {
          DeskChoice *choice = g_ptr_array_index (choices, i);
          GtkWidget *child_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child_row), choice->label);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child_row), FALSE);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (child_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (child_row), check);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_row_commit), fr);
          adw_expander_row_add_row (expander, child_row);

          g_ptr_array_add (fr->codes, g_strdup (choice->code));
          g_ptr_array_add (fr->checks, check);
        }
    }
}

static void
desk_record_editor_load_choices (DeskRecordEditor *self)
{
  const char *group = self->record != NULL ? desk_record_get_group (self->record) : NULL;

  if (!self->refs_dirty && g_strcmp0 (group, self->ref_group) == 0)
    return;

  g_free (self->ref_group);
  self->ref_group = g_strdup (group);
  self->refs_dirty = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->field->type == DESK_FIELD_REF || fr->field->type == DESK_FIELD_REF_SET)
        field_row_load_choices (fr);
    }
}

/* Errors */

static void
field_row_show_error (FieldRow   *fr,
                      const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_label (fr->error_label, message);
      gtk_widget_add_css_class (fr->row, "error");
      gtk_widget_set_visible (fr->error_row, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (fr->row, "error");
      gtk_widget_set_visible (fr->error_row, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (fr->row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
desk_record_editor_clear_errors (DeskRecordEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    field_row_show_error (g_ptr_array_index (self->rows, i), NULL);
}

/* Reading what a row holds */

static char *
field_row_dup_text (FieldRow *fr)
{
  switch (fr->type)
    {
    case ROW_ENTRY:
    case ROW_DATE:
    case ROW_FILE:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (fr->row)));

    case ROW_MULTILINE:
      {
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (fr->buffer, &start, &end);
        return gtk_text_buffer_get_text (fr->buffer, &start, &end, FALSE);
      }

    case ROW_COMBO:
    case ROW_SET:
    case ROW_SWITCH:
    default:
      return NULL;
    }
}

/* The text a record's value shows as in an entry. */
static char *
field_row_dup_record_text (FieldRow   *fr,
                           DeskRecord *record)
{
  const DeskField *field = fr->field;

  if (record == NULL || !desk_record_is_set (record, field->name))
    return g_strdup ("");

  switch (field->type)
    {
    case DESK_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_get_int (record, field->name));

    case DESK_FIELD_MILLI:
      return desk_milli_format (desk_record_get_int (record, field->name));

    case DESK_FIELD_MONEY:
      {
        const char *currency = desk_record_get_string (record, field->ref);
        int units = currency != NULL ? desk_currency_minor_units (fr->editor->store, currency) : 2;
        gint64 value = desk_record_get_int (record, field->name);

        /* The sign is the switch's to show. */
        if (g_strcmp0 (field->name, fr->editor->sign_money) == 0 && value < 0 && value != G_MININT64)
          value = -value;

        return desk_money_format_amount (value, units >= 0 ? units : 2);
      }

    case DESK_FIELD_TEXT:
    case DESK_FIELD_DATE:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
    case DESK_FIELD_BOOL:
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
    default:
      return g_strdup (desk_record_get_string (record, field->name) ?: "");
    }
}

/* Sets @field of @copy from what the row holds; FALSE with @error when the text cannot
 * be read as the field's type. */
static gboolean
field_row_apply_to (FieldRow    *fr,
                    DeskRecord  *copy,
                    GError     **error)
{
  const DeskField *field = fr->field;

  switch (fr->type)
    {
    case ROW_COMBO:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (fr->row));
        const char *code = NULL;

        if (fr->codes != NULL && selected < fr->codes->len)
          code = g_ptr_array_index (fr->codes, selected);
        if (code != NULL)
          desk_record_set_string (copy, field->name, code);
        else
          desk_record_unset (copy, field->name);
        return TRUE;
      }

    case ROW_SET:
      {
        g_autoptr(GPtrArray) values = g_ptr_array_new ();

        for (guint i = 0; fr->checks != NULL && i < fr->checks->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (fr->checks, i)))
            g_ptr_array_add (values, g_ptr_array_index (fr->codes, i));
        g_ptr_array_add (values, NULL);
        desk_record_set_set (copy, field->name, (const char *const *) values->pdata);
        return TRUE;
      }

    case ROW_SWITCH:
      desk_record_set_int (copy, field->name,
                           gtk_switch_get_active (GTK_SWITCH (fr->toggle)) ? 1 : 0);

      /* The amount whose sign this switch gives turns with it, in the same write. */
      if (g_strcmp0 (field->name, fr->editor->sign_switch) == 0 &&
          desk_record_is_set (copy, fr->editor->sign_money))
        {
          gint64 value = desk_record_get_int (copy, fr->editor->sign_money);

          if (value != G_MININT64 && (value < 0) != gtk_switch_get_active (GTK_SWITCH (fr->toggle)))
            desk_record_set_int (copy, fr->editor->sign_money, -value);
        }
      return TRUE;

    case ROW_ENTRY:
    case ROW_MULTILINE:
    case ROW_DATE:
    case ROW_FILE:
    default:
      break;
    }

  {
    g_autofree char *text = field_row_dup_text (fr);
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    if (stripped[0] == '\0')
      {
        desk_record_unset (copy, field->name);
        return TRUE;
      }

    switch (field->type)
      {
      case DESK_FIELD_INT:
        {
          gint64 value;

          if (!g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &value, NULL))
            {
              g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("“%s” is not a whole number. Enter digits only, such as 12."),
                           stripped);
              return FALSE;
            }
          desk_record_set_int (copy, field->name, value);
          return TRUE;
        }

      case DESK_FIELD_MILLI:
        {
          gint64 value;

          if (!desk_milli_parse (stripped, &value, error))
            return FALSE;
          desk_record_set_int (copy, field->name, value);
          return TRUE;
        }

      case DESK_FIELD_MONEY:
        {
          const char *currency = desk_record_get_string (copy, field->ref);
          int units = currency != NULL ? desk_currency_minor_units (fr->editor->store, currency) : 2;
          gint64 value;

          if (!desk_money_parse (stripped, units >= 0 ? units : 2, FALSE, &value, error))
            return FALSE;
          if (g_strcmp0 (field->name, fr->editor->sign_money) == 0 &&
              desk_record_get_int (copy, fr->editor->sign_switch) != 0)
            value = -value;
          desk_record_set_int (copy, field->name, value);
          return TRUE;
        }

      case DESK_FIELD_DATE:
        desk_record_set_string (copy, field->name, stripped);
        return TRUE;

      case DESK_FIELD_TEXT:
      case DESK_FIELD_CURRENCY:
      case DESK_FIELD_CODE:
      case DESK_FIELD_CHOICE:
      case DESK_FIELD_REF:
      case DESK_FIELD_BOOL:
      case DESK_FIELD_CODE_SET:
      case DESK_FIELD_REF_SET:
      default:
        /* Text keeps its inner spacing and line breaks, without edges of white space. */
        desk_record_set_string (copy, field->name, stripped);
        return TRUE;
      }
  }
}

/* Writing */

static void
field_row_commit (FieldRow *fr)
{
  DeskRecordEditor *self = fr->editor;
  g_autoptr(DeskRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&fr->commit_id, g_source_remove);

  if (fr->updating || self->record == NULL || self->history == NULL)
    return;

  copy = desk_record_copy (self->record);
  if (!field_row_apply_to (fr, copy, &error))
    {
      field_row_show_error (fr, error->message);
      return;
    }

  if (desk_record_equal (copy, self->record))
    {
      /* Back to what is saved: whatever was refused no longer stands. */
      if (gtk_widget_get_visible (fr->error_row))
        desk_record_editor_clear_errors (self);
      return;
    }

  if (!desk_history_update (self->history, copy, &error))
    {
      g_autofree char *bad_field = NULL;
      FieldRow *target = fr;

      /* The write said why; validating again says which field, to show it there. */
      desk_store_validate (self->store, copy, &bad_field, NULL);
      if (bad_field != NULL && g_hash_table_contains (self->by_name, bad_field))
        target = g_hash_table_lookup (self->by_name, bad_field);

      desk_record_editor_clear_errors (self);
      field_row_show_error (target, error->message);
      g_debug ("Refused %s of %s: %s", fr->field->name, self->kind->name, error->message);
      return;
    }

  desk_record_editor_clear_errors (self);
}

static gboolean
commit_timeout_cb (gpointer user_data)
{
  FieldRow *fr = user_data;

  fr->commit_id = 0;
  field_row_commit (fr);

  return G_SOURCE_REMOVE;
}

static void
field_row_schedule_commit (FieldRow *fr)
{
  if (fr->updating)
    return;

  g_clear_handle_id (&fr->commit_id, g_source_remove);
  fr->commit_id = g_timeout_add (COMMIT_DELAY_MS, commit_timeout_cb, fr);
}

/* Filling a row from the record */

static void
field_row_set_entry_text (FieldRow   *fr,
                          const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (fr->row)), text) == 0)
    return;

  /* Setting the text would show the apply button, as if the user had typed it. */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (fr->row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), TRUE);
}

static void
field_row_fill (FieldRow *fr)
{
  DeskRecord *record = fr->editor->record;
  const DeskField *field = fr->field;

  g_clear_handle_id (&fr->commit_id, g_source_remove);
  fr->updating = TRUE;

  switch (fr->type)
    {
    case ROW_ENTRY:
    case ROW_DATE:
    case ROW_FILE:
      {
        g_autofree char *text = field_row_dup_record_text (fr, record);

        field_row_set_entry_text (fr, text);
      }
      break;

    case ROW_MULTILINE:
      {
        g_autofree char *text = field_row_dup_record_text (fr, record);
        g_autofree char *shown = field_row_dup_text (fr);

        if (g_strcmp0 (text, shown) != 0)
          gtk_text_buffer_set_text (fr->buffer, text, -1);
      }
      break;

    case ROW_COMBO:
      {
        const char *code = record != NULL ? desk_record_get_string (record, field->name) : NULL;
        guint position = GTK_INVALID_LIST_POSITION;

        for (guint i = 0; fr->codes != NULL && i < fr->codes->len; i++)
          if (g_strcmp0 (g_ptr_array_index (fr->codes, i), code) == 0)
            {
              position = i;
              break;
            }
        adw_combo_row_set_selected (ADW_COMBO_ROW (fr->row), position);
      }
      break;

    case ROW_SET:
      {
        const char *const *values = record != NULL ? desk_record_get_set (record, field->name) : NULL;
        g_autoptr(GString) summary = g_string_new (NULL);

        for (guint i = 0; fr->checks != NULL && i < fr->checks->len; i++)
          {
            const char *code = g_ptr_array_index (fr->codes, i);
            gboolean on = values != NULL && g_strv_contains (values, code);
            GtkWidget *check = g_ptr_array_index (fr->checks, i);

            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
            if (on)
              {
                GtkWidget *child_row = gtk_widget_get_ancestor (check, ADW_TYPE_PREFERENCES_ROW);

                if (summary->len > 0)
                  /* Translators: between the items of a list, as in “Training, Outreach”. */
                  g_string_append (summary, _(", "));
                g_string_append (summary,
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child_row)));
              }
          }
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fr->row),
                                       summary->len > 0 ? summary->str : C_("choice", "None"));
      }
      break;

    case ROW_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (fr->toggle),
                             record != NULL && desk_record_get_int (record, field->name) != 0);
      break;

    default:
      break;
    }

  fr->updating = FALSE;
}

/* Callbacks */

static void
entry_row_applied_cb (AdwEntryRow *row,
                      FieldRow    *fr)
{
  field_row_commit (fr);
}

static void
focus_left_cb (GtkEventControllerFocus *controller,
               FieldRow                *fr)
{
  g_autofree char *saved = NULL;
  g_autofree char *shown = NULL;

  if (fr->editor->record == NULL)
    return;

  /* Leaving a row with a change the user has not applied yet applies it. */
  saved = field_row_dup_record_text (fr, fr->editor->record);
  shown = field_row_dup_text (fr);
  if (g_strcmp0 (saved, shown) != 0 || fr->commit_id != 0)
    field_row_commit (fr);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   FieldRow      *fr)
{
  field_row_schedule_commit (fr);
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   FieldRow    *fr)
{
  field_row_commit (fr);
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  FieldRow   *fr)
{
  field_row_commit (fr);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          FieldRow    *fr)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (fr->updating)
    return;

  gtk_editable_set_text (GTK_EDITABLE (fr->row), text);
  gtk_popover_popdown (GTK_POPOVER (fr->popover));
  field_row_commit (fr);
}

static void
date_popover_shown_cb (GtkPopover *popover,
                       FieldRow   *fr)
{
  GDate date;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (fr->row));

  fr->updating = TRUE;
  if (desk_date_parse (text, &date))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 0, 0, 0);
      gtk_calendar_select_day (fr->calendar, dt);
    }
  fr->updating = FALSE;
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                FieldRow        *fr)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (fr->row), path);
          field_row_commit (fr);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file_clicked_cb (GtkButton *button,
                        FieldRow  *fr)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose the Evidence File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), fr);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
store_changed_cb (DeskStore        *store,
                  const char       *kind_name,
                  const char       *uuid,
                  DeskRecordEditor *self)
{
  g_autoptr(DeskRecord) fresh = NULL;

  if (self->record == NULL)
    return;

  if (!g_str_equal (kind_name, self->kind->name))
    {
      /* Another kind: the choices of a reference to it may have changed. */
      for (guint i = 0; i < self->rows->len; i++)
        {
          FieldRow *fr = g_ptr_array_index (self->rows, i);

          if ((fr->field->type == DESK_FIELD_REF || fr->field->type == DESK_FIELD_REF_SET) &&
              g_strcmp0 (fr->field->ref, kind_name) == 0)
            {
              self->refs_dirty = TRUE;
              desk_record_editor_load_choices (self);
              for (guint j = 0; j < self->rows->len; j++)
                field_row_fill (g_ptr_array_index (self->rows, j));
              break;
            }
        }
      return;
    }

  if (g_strcmp0 (uuid, desk_record_get_uuid (self->record)) != 0)
    return;

  fresh = desk_store_get (store, self->kind, uuid, NULL);
  if (fresh == NULL)
    {
      desk_record_editor_set_record (self, NULL);
      return;
    }

  g_set_object (&self->record, fresh);
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      /* A row still showing a refused value keeps it until the user changes it. */
      if (!gtk_widget_get_visible (fr->error_row))
        field_row_fill (fr);
    }
}

/* Building rows */

static FieldRow *
field_row_new (DeskRecordEditor *self,
               const DeskField  *field)
{
  FieldRow *fr = g_new0 (FieldRow, 1);
  const char *title = _(field->label);

  fr->editor = self;
  fr->field = field;

  switch (field->type)
    {
    case DESK_FIELD_TEXT:
      if (self->kind == DESK_KIND_GROUP && g_str_equal (field->name, "country"))
        fr->type = ROW_COMBO;
      else if (is_multiline (field))
        fr->type = ROW_MULTILINE;
      else if (g_str_has_suffix (field->name, "_path"))
        fr->type = ROW_FILE;
      else
        fr->type = ROW_ENTRY;
      break;

    case DESK_FIELD_DATE:
      fr->type = ROW_DATE;
      break;

    case DESK_FIELD_INT:
    case DESK_FIELD_MILLI:
    case DESK_FIELD_MONEY:
      fr->type = ROW_ENTRY;
      break;

    case DESK_FIELD_BOOL:
      fr->type = ROW_SWITCH;
      break;

    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
      fr->type = ROW_COMBO;
      break;

    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      fr->type = ROW_SET;
      break;

    default:
      g_assert_not_reached ();
    }

  switch (fr->type)
    {
    case ROW_ENTRY:
    case ROW_DATE:
    case ROW_FILE:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        fr->row = adw_entry_row_new ();
        adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), TRUE);
        g_signal_connect (fr->row, "apply", G_CALLBACK (entry_row_applied_cb), fr);
        g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), fr);
        gtk_widget_add_controller (fr->row, focus);

        if (field->type == DESK_FIELD_INT || field->type == DESK_FIELD_MILLI ||
            field->type == DESK_FIELD_MONEY)
          gtk_editable_set_alignment (GTK_EDITABLE (fr->row), 0.0f);

        if (fr->type == ROW_DATE)
          {
            GtkWidget *button = gtk_menu_button_new ();

            fr->calendar = GTK_CALENDAR (gtk_calendar_new ());
            fr->popover = gtk_popover_new ();
            gtk_popover_set_child (GTK_POPOVER (fr->popover), GTK_WIDGET (fr->calendar));
            gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), fr->popover);
            gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
            gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
            gtk_widget_add_css_class (button, "flat");
            gtk_widget_set_tooltip_text (button, _("Choose a Day"));
            g_signal_connect (fr->calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), fr);
            g_signal_connect (fr->popover, "show", G_CALLBACK (date_popover_shown_cb), fr);
            adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), button);
          }
        else if (fr->type == ROW_FILE)
          {
            GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");

            gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
            gtk_widget_add_css_class (button, "flat");
            gtk_widget_set_tooltip_text (button, _("Choose a File…"));
            g_signal_connect (button, "clicked", G_CALLBACK (choose_file_clicked_cb), fr);
            adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), button);
          }
      }
      break;

    case ROW_MULTILINE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        GtkWidget *label = gtk_label_new (title);
        GtkWidget *view = gtk_text_view_new ();
        GtkEventController *focus = gtk_event_controller_focus_new ();

        fr->row = adw_preferences_row_new ();
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (fr->row), FALSE);
        gtk_widget_set_focusable (fr->row, FALSE);
        gtk_widget_add_css_class (fr->row, "desk-multiline");

        gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "caption");
        gtk_widget_add_css_class (label, "dim-label");

        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
        gtk_widget_add_css_class (view, "desk-text-field");
        gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        fr->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
        g_signal_connect (fr->buffer, "changed", G_CALLBACK (buffer_changed_cb), fr);
        g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), fr);
        gtk_widget_add_controller (view, focus);

        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_widget_set_margin_top (box, 8);
        gtk_widget_set_margin_bottom (box, 10);
        gtk_box_append (GTK_BOX (box), label);
        gtk_box_append (GTK_BOX (box), view);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (fr->row), box);
      }
      break;

    case ROW_COMBO:
      fr->row = adw_combo_row_new ();
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (fr->row), FALSE);
      {
        g_autoptr(GtkExpression) expression =
          gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

        adw_combo_row_set_expression (ADW_COMBO_ROW (fr->row), expression);
      }
      if (field->type != DESK_FIELD_REF)
        field_row_load_choices (fr);
      g_signal_connect (fr->row, "notify::selected", G_CALLBACK (combo_selected_cb), fr);
      break;

    case ROW_SET:
      fr->row = adw_expander_row_new ();
      if (field->type == DESK_FIELD_CODE_SET)
        field_row_load_choices (fr);
      break;

    case ROW_SWITCH:
      fr->row = adw_action_row_new ();
      fr->toggle = gtk_switch_new ();
      gtk_widget_set_valign (fr->toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->toggle);
      g_signal_connect (fr->toggle, "notify::active", G_CALLBACK (switch_active_cb), fr);
      break;

    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);

  /* The error goes in a row of its own right under the field, shown only when needed. */
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

  g_ptr_array_add (self->rows, fr);
  g_hash_table_insert (self->by_name, (gpointer) field->name, fr);

  return fr;
}

/* Overrides */

static void
desk_record_editor_dispose (GObject *object)
{
  DeskRecordEditor *self = (DeskRecordEditor *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  /* Pending writes go to the database before the rows do. */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->commit_id != 0)
        field_row_commit (fr);
    }

  g_clear_object (&self->record);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_record_editor_parent_class)->dispose (object);
}

static void
desk_record_editor_finalize (GObject *object)
{
  DeskRecordEditor *self = (DeskRecordEditor *) object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->ref_group);

  G_OBJECT_CLASS (desk_record_editor_parent_class)->finalize (object);
}

static void
desk_record_editor_class_init (DeskRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_editor_dispose;
  object_class->finalize = desk_record_editor_finalize;

  gtk_widget_class_set_css_name (widget_class, "deskrecordeditor");
}

static void
desk_record_editor_init (DeskRecordEditor *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->refs_dirty = TRUE;
}

/* Public API */

GtkWidget *
desk_record_editor_new (DeskHistory    *history,
                        const DeskKind *kind)
{
  DeskRecordEditor *self;

  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_EDITOR, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (desk_history_get_store (history));
  self->kind = kind;
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (store_changed_cb), self);

  return GTK_WIDGET (self);
}

static void
add_field_row (DeskRecordEditor    *self,
               AdwPreferencesGroup *group,
               const DeskField     *field)
{
  FieldRow *fr;

  if (field == NULL)
    return;

  fr = field_row_new (self, field);
  adw_preferences_group_add (group, fr->row);
  adw_preferences_group_add (group, fr->error_row);
}

AdwPreferencesGroup *
desk_record_editor_add_group (DeskRecordEditor  *self,
                              const char        *title,
                              const char *const *fields)
{
  AdwPreferencesGroup *group;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (title != NULL)
    adw_preferences_group_set_title (group, title);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const DeskField *field = desk_kind_get_field (self->kind, fields[i]);

      if (field != NULL)
        {
          add_field_row (self, group, field);
          continue;
        }

      /* A bilingual pair by its base name: the UI language first. */
      {
        g_autofree char *en = g_strconcat (fields[i], "_en", NULL);
        g_autofree char *zh = g_strconcat (fields[i], "_zh", NULL);
        gboolean chinese = g_str_equal (desk_locale_language (), "zh");

        if (desk_kind_get_field (self->kind, en) == NULL)
          {
            g_critical ("A %s has no field “%s”", self->kind->name, fields[i]);
            continue;
          }
        add_field_row (self, group, desk_kind_get_field (self->kind, chinese ? zh : en));
        add_field_row (self, group, desk_kind_get_field (self->kind, chinese ? en : zh));
      }
    }

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (group));

  return group;
}

void
desk_record_editor_set_record (DeskRecordEditor *self,
                               DeskRecord       *record)
{
  gboolean other;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));
  g_return_if_fail (record == NULL || DESK_IS_RECORD (record));

  other = record == NULL || self->record == NULL ||
          g_strcmp0 (desk_record_get_uuid (record), desk_record_get_uuid (self->record)) != 0;

  /* What was typed for the record shown goes to it, not to the next one. */
  if (other)
    for (guint i = 0; i < self->rows->len; i++)
      {
        FieldRow *fr = g_ptr_array_index (self->rows, i);

        if (fr->commit_id != 0)
          field_row_commit (fr);
      }

  g_set_object (&self->record, record);
  if (other)
    desk_record_editor_clear_errors (self);

  desk_record_editor_load_choices (self);
  for (guint i = 0; i < self->rows->len; i++)
    field_row_fill (g_ptr_array_index (self->rows, i));

  gtk_widget_set_sensitive (GTK_WIDGET (self), record != NULL);
}

DeskRecord *
desk_record_editor_get_record (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

const DeskKind *
desk_record_editor_get_kind (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->kind;
}

DeskHistory *
desk_record_editor_get_history (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->history;
}

void
desk_record_editor_focus_field (DeskRecordEditor *self,
                                const char       *field)
{
  FieldRow *fr = NULL;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));

  if (field != NULL)
    fr = g_hash_table_lookup (self->by_name, field);
  if (fr == NULL && self->rows->len > 0)
    fr = g_ptr_array_index (self->rows, 0);
  if (fr == NULL)
    return;

  gtk_widget_grab_focus (fr->row);
  if (fr->type == ROW_ENTRY || fr->type == ROW_DATE || fr->type == ROW_FILE)
    gtk_editable_select_region (GTK_EDITABLE (fr->row), 0, -1);
}

GtkWidget *
desk_record_editor_get_row (DeskRecordEditor *self,
                            const char       *field)
{
  FieldRow *fr;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  fr = g_hash_table_lookup (self->by_name, field);

  return fr != NULL ? fr->row : NULL;
}

GtkLabel *
desk_record_editor_get_error_label (DeskRecordEditor *self,
                                    const char       *field)
{
  FieldRow *fr;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  fr = g_hash_table_lookup (self->by_name, field);
  if (fr == NULL || !gtk_widget_get_visible (fr->error_row))
    return NULL;

  return fr->error_label;
}

void
desk_record_editor_set_sign_switch (DeskRecordEditor *self,
                                    const char       *money_field,
                                    const char       *switch_field)
{
  const DeskField *money;
  const DeskField *toggle;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));

  money = desk_kind_get_field (self->kind, money_field);
  toggle = desk_kind_get_field (self->kind, switch_field);
  g_return_if_fail (money != NULL && money->type == DESK_FIELD_MONEY);
  g_return_if_fail (toggle != NULL && toggle->type == DESK_FIELD_BOOL);

  /* The kind's own static names: they outlive the editor. */
  self->sign_money = money->name;
  self->sign_switch = toggle->name;
  for (guint i = 0; i < self->rows->len; i++)
    field_row_fill (g_ptr_array_index (self->rows, i));
}

gboolean
desk_record_editor_has_error (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (gtk_widget_get_visible (fr->error_row))
        return TRUE;
    }

  return FALSE;
}

GtkWindow *
desk_record_editor_window_new (GtkWindow  *parent,
                               const char *title,
                               GtkWidget  *editor)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkShortcutController *shortcuts;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  gtk_widget_set_margin_top (editor, 18);
  gtk_widget_set_margin_bottom (editor, 18);
  gtk_widget_set_margin_start (editor, 12);
  gtk_widget_set_margin_end (editor, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), editor);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (window), box);

  /* Changes are saved as they are made: Escape just closes. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  return GTK_WINDOW (window);
}
