/* test-forms.c — field rows, the record editor and DeskRecordForm saving the same way
 *
 * Runs under a display (xvfb-run) with GSETTINGS_BACKEND=memory, like test-gui. The rows
 * are filled from the demo group's records and read back; the forms are accepted and the
 * database checked, then Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-record-form.h"
#include "desk-date-entry.h"
#include "desk-date-row.h"
#include "desk-field-row.h"
#include "desk-record-editor.h"

#include <locale.h>
#include <stdlib.h>

static DeskStore *
new_demo_store (char **group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);

  g_assert_no_error (error);
  *group = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*group);

  return g_steal_pointer (&store);
}

static gboolean
value_is_set (DeskRecord      *record,
              const DeskField *field)
{
  if (desk_field_type_is_set (field->type))
    return desk_record_get_set (record, field->name)[0] != NULL;

  return desk_record_is_set (record, field->name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static GStrv
sorted_set (DeskRecord *record,
            const char *field)
{
  GStrv values = g_strdupv ((char **) desk_record_get_set (record, field));

  qsort (values, g_strv_length (values), sizeof (char *), compare_strings);

  return values;
}

/* A record of the demo group with a value in a field of @type, and that field. */
static DeskRecord *
find_record_with (DeskStore        *store,
                  const char       *group,
                  DeskFieldType     type,
                  const DeskField **found)
{
  const DeskKind *const *kinds = desk_kind_all ();

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autoptr(GPtrArray) records = NULL;

      if (kinds[k] == DESK_KIND_GROUP)
        {
          records = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (records, desk_store_dup_main_group (store));
        }
      else
        records = desk_store_list (store, kinds[k], group, NULL);

      for (guint f = 0; kinds[k]->fields[f].name != NULL; f++)
        {
          const DeskField *field = &kinds[k]->fields[f];

          if (field->type != type)
            continue;
          for (guint i = 0; records != NULL && i < records->len; i++)
            {
              DeskRecord *listed = g_ptr_array_index (records, i);
              g_autoptr(DeskRecord) record = desk_store_get (store, kinds[k], desk_record_get_uuid (listed), NULL);

              /* A switch that is on says more than one left off. */
              if (record != NULL && value_is_set (record, field) &&
                  (type != DESK_FIELD_BOOL || desk_record_get_int (record, field->name) != 0))
                {
                  *found = field;
                  return g_steal_pointer (&record);
                }
            }
        }
    }

  return NULL;
}

/* Every type of field: the row shows a record's value and reads the same value back. */
static void
test_field_row_round_trip (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  static const DeskFieldType types[] = {
    DESK_FIELD_TEXT, DESK_FIELD_DATE, DESK_FIELD_INT, DESK_FIELD_BOOL, DESK_FIELD_MONEY,
    DESK_FIELD_MILLI, DESK_FIELD_CURRENCY, DESK_FIELD_CODE, DESK_FIELD_CHOICE, DESK_FIELD_REF,
    DESK_FIELD_CODE_SET, DESK_FIELD_REF_SET,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      const DeskField *field = NULL;
      g_autoptr(DeskRecord) record = find_record_with (store, group, types[t], &field);
      g_autoptr(DeskRecord) read = NULL;
      g_autoptr(DeskFieldRow) row = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *widget;
      GtkWidget *error_row;

      g_test_message ("type %d", types[t]);
      g_assert_nonnull (record);
      row = desk_field_row_new (store, desk_record_get_kind (record), field, NULL, NULL, NULL);
      widget = g_object_ref_sink (desk_field_row_get_widget (row));
      error_row = g_object_ref_sink (desk_field_row_get_error_row (row));
      desk_field_row_load_choices (row, desk_record_get_group (record), desk_record_get_uuid (record));
      desk_field_row_fill (row, record);

      /* Read into a copy that lost the value: the row alone gives it back. */
      read = desk_record_copy (record);
      if (desk_field_type_is_set (field->type))
        desk_record_set_set (read, field->name, (const char *[]) { NULL });
      else
        desk_record_unset (read, field->name);
      g_assert_false (desk_record_equal (read, record));
      g_assert_true (desk_field_row_read (row, read, &error));
      g_assert_no_error (error);
      /* A set is read in the order of its choices. */
      if (desk_field_type_is_set (field->type))
        {
          g_auto(GStrv) got = sorted_set (read, field->name);
          g_auto(GStrv) want = sorted_set (record, field->name);

          g_assert_true (g_strv_equal ((const char *const *) got, (const char *const *) want));
          desk_record_set_set (read, field->name, desk_record_get_set (record, field->name));
        }
      g_assert_true (desk_record_equal (read, record));

      /* Filled with nothing, it reads nothing back. */
      if (!desk_field_type_is_set (field->type) && field->type != DESK_FIELD_BOOL &&
          (field->flags & DESK_FIELD_REQUIRED) == 0)
        {
          desk_field_row_fill (row, NULL);
          g_assert_true (desk_field_row_read (row, read, &error));
          g_assert_false (desk_record_is_set (read, field->name));
        }

      g_clear_pointer (&row, desk_field_row_free);
      g_object_unref (widget);
      g_object_unref (error_row);
    }
}

/* Text typed is read in the field's type: amounts in their currency's decimals. */
static void
test_field_row_parse (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskRecord) line = desk_record_new (DESK_KIND_BUDGET_LINE);
  g_autoptr(DeskFieldRow) cost = NULL;
  g_autoptr(DeskFieldRow) quantity = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;

  cost = desk_field_row_new (store, DESK_KIND_BUDGET_LINE,
                             desk_kind_get_field (DESK_KIND_BUDGET_LINE, "unit_cost_minor"), NULL, NULL, NULL);
  quantity = desk_field_row_new (store, DESK_KIND_BUDGET_LINE,
                                 desk_kind_get_field (DESK_KIND_BUDGET_LINE, "quantity_milli"), NULL, NULL, NULL);
  g_object_ref_sink (desk_field_row_get_widget (cost));
  g_object_ref_sink (desk_field_row_get_widget (quantity));

  entry = desk_field_row_get_widget (cost);
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  desk_record_set_string (line, "currency", "GHS");
  gtk_editable_set_text (GTK_EDITABLE (entry), " 1,234.5 ");
  g_assert_true (desk_field_row_read (cost, line, &error));
  g_assert_cmpint (desk_record_get_int (line, "unit_cost_minor"), ==, 123450);

  /* Yen has no minor unit: a decimal is refused, and the record keeps its value. */
  desk_record_set_string (line, "currency", "JPY");
  g_assert_false (desk_field_row_read (cost, line, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (desk_record_get_int (line, "unit_cost_minor"), ==, 123450);
  desk_field_row_fill (cost, line);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "123,450");

  gtk_editable_set_text (GTK_EDITABLE (desk_field_row_get_widget (quantity)), "2.5");
  g_assert_true (desk_field_row_read (quantity, line, &error));
  g_assert_cmpint (desk_record_get_int (line, "quantity_milli"), ==, 2500);
  gtk_editable_set_text (GTK_EDITABLE (desk_field_row_get_widget (quantity)), "two");
  g_assert_false (desk_field_row_read (quantity, line, &error));
  g_assert_nonnull (error);

  /* The one error row: shown with the message, hidden again. */
  desk_field_row_show_error (quantity, error->message);
  g_assert_cmpstr (desk_field_row_get_error (quantity), ==, error->message);
  g_assert_true (gtk_widget_get_visible (desk_field_row_get_error_row (quantity)));
  g_assert_true (gtk_widget_has_css_class (desk_field_row_get_widget (quantity), "error"));
  desk_field_row_show_error (quantity, NULL);
  g_assert_null (desk_field_row_get_error (quantity));
  g_assert_false (gtk_widget_has_css_class (desk_field_row_get_widget (quantity), "error"));

  g_object_unref (desk_field_row_get_widget (cost));
  g_object_unref (desk_field_row_get_widget (quantity));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static char *
row_iso (DeskDateRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_assert_true (desk_date_row_get_iso (row, &iso, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&iso);
}

/* Selects a day of @year and @month as a click does, and returns it: GtkCalendar says
 * day-selected only when the day of the month changes, so the day is the 7th, or the
 * 8th when the calendar is on a 7th. */
static int
select_day (GtkCalendar *calendar,
            int          year,
            int          month)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  int day = g_date_time_get_day_of_month (shown) == 7 ? 8 : 7;
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

  gtk_calendar_select_day (calendar, date);

  return day;
}

/* The date row reads what was typed in the app's format or in ISO 8601 as ISO 8601,
 * refuses what is no date with core's sentence, and takes the calendar's day. */
static void
test_date_row (void)
{
  DeskDateRow *row = DESK_DATE_ROW (g_object_ref_sink (desk_date_row_new ()));
  GtkCalendar *calendar = desk_date_row_get_calendar (row);
  GtkWidget *clear = gtk_widget_get_next_sibling (GTK_WIDGET (calendar));
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  guint chosen = 0;

  g_signal_connect (row, "date-chosen", G_CALLBACK (count_cb), &chosen);

  /* Filled with ISO 8601, it shows the one format and emits nothing. */
  desk_date_row_set_iso (row, "2026-01-10");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "10 Jan 2026");
  g_assert_cmpuint (chosen, ==, 0);

  /* Typed either way, it is read as ISO 8601. */
  gtk_editable_set_text (GTK_EDITABLE (row), "5 Mar 2026");
  iso = row_iso (row);
  g_assert_cmpstr (iso, ==, "2026-03-05");
  g_clear_pointer (&iso, g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), " 2026-03-09 ");
  iso = row_iso (row);
  g_assert_cmpstr (iso, ==, "2026-03-09");
  g_clear_pointer (&iso, g_free);

  /* A day that does not exist: core's sentence, naming it, and the row marked. */
  gtk_editable_set_text (GTK_EDITABLE (row), "30 Feb 2026");
  g_assert_false (desk_date_row_get_iso (row, &iso, &error));
  g_assert_null (iso);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "30 Feb 2026"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_clear_error (&error);
  /* Typing again takes the mark back. */
  gtk_editable_set_text (GTK_EDITABLE (row), "28 Feb 2026");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  /* A day chosen in the calendar fills the row and is reported. */
  {
    int day = select_day (calendar, 2026, 4);
    g_autofree char *shown = g_strdup_printf ("%d Apr 2026", day);
    g_autofree char *want = g_strdup_printf ("2026-04-%02d", day);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
    iso = row_iso (row);
    g_assert_cmpstr (iso, ==, want);
    g_clear_pointer (&iso, g_free);
    g_assert_cmpuint (chosen, ==, 1);
  }

  /* Empty is no date: allowed, read as none. Only an optional date offers Clear. */
  g_assert_true (GTK_IS_BUTTON (clear));
  g_assert_false (gtk_widget_get_visible (clear));
  desk_date_row_set_optional (row, TRUE);
  g_assert_true (gtk_widget_get_visible (clear));
  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_cmpuint (chosen, ==, 2);
  g_assert_true (desk_date_row_get_iso (row, &iso, &error));
  g_assert_no_error (error);
  g_assert_null (iso);

  g_assert_finalize_object (row);
}

/* The toolbar's entry shares the row's calendar and reading: the same day whichever way
 * it came, and core's sentence for what is no date. */
static void
test_date_entry (void)
{
  DeskDateEntry *entry = DESK_DATE_ENTRY (g_object_ref_sink (desk_date_entry_new ()));
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  guint chosen = 0;

  g_signal_connect (entry, "date-chosen", G_CALLBACK (count_cb), &chosen);
  desk_date_entry_set_iso (entry, "2025-07-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1 Jul 2025");

  {
    int day = select_day (desk_date_entry_get_calendar (entry), 2025, 12);
    g_autofree char *shown = g_strdup_printf ("%d Dec 2025", day);
    g_autofree char *want = g_strdup_printf ("2025-12-%02d", day);

    g_assert_cmpuint (chosen, ==, 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);
    g_assert_true (desk_date_entry_get_iso (entry, &iso, &error));
    g_assert_cmpstr (iso, ==, want);
    g_clear_pointer (&iso, g_free);
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "2025-13-01");
  g_assert_false (desk_date_entry_get_iso (entry, &iso, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  g_assert_finalize_object (entry);
}

static void
changed_cb (DeskFieldRow *row,
            guint        *count)
{
  (*count)++;
}

/* The editor's date row stores ISO 8601 whatever way the date came: typed in the app's
 * format, typed in ISO, or chosen in the calendar (reported as a change). */
static void
test_field_row_date (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_FUNDING);
  g_autoptr(DeskFieldRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *kept = NULL;
  GtkWidget *widget;
  guint changes = 0;

  row = desk_field_row_new (store, DESK_KIND_FUNDING, desk_kind_get_field (DESK_KIND_FUNDING, "date"),
                            NULL, (DeskFieldRowChanged) changed_cb, &changes);
  widget = g_object_ref_sink (desk_field_row_get_widget (row));
  g_assert_true (DESK_IS_DATE_ROW (widget));

  desk_record_set_string (record, "date", "2026-03-02");
  desk_field_row_fill (row, record);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "2 Mar 2026");
  g_assert_cmpuint (changes, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (widget), "12 Mar 2026");
  g_assert_true (desk_field_row_read (row, record, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (record, "date"), ==, "2026-03-12");

  gtk_editable_set_text (GTK_EDITABLE (widget), "2026-03-13");
  g_assert_true (desk_field_row_read (row, record, &error));
  g_assert_cmpstr (desk_record_get_string (record, "date"), ==, "2026-03-13");

  {
    int day = select_day (desk_date_row_get_calendar (DESK_DATE_ROW (widget)), 2026, 5);
    g_autofree char *want = g_strdup_printf ("2026-05-%02d", day);

    g_assert_cmpuint (changes, ==, 1);
    g_assert_true (desk_field_row_read (row, record, &error));
    g_assert_cmpstr (desk_record_get_string (record, "date"), ==, want);
    g_free (kept);
    kept = g_steal_pointer (&want);
  }

  /* Refused with core's sentence; the record keeps its date. */
  refused = desk_date_parse_shown ("31 Apr 2026", &expected);
  g_assert_null (refused);
  gtk_editable_set_text (GTK_EDITABLE (widget), "31 Apr 2026");
  g_assert_false (desk_field_row_read (row, record, &error));
  g_assert_cmpstr (error->message, ==, expected->message);
  g_assert_cmpstr (desk_record_get_string (record, "date"), ==, kept);

  g_clear_pointer (&row, desk_field_row_free);
  g_object_unref (widget);
}

static void
saved_cb (DeskRecordForm  *form,
          DeskRecord      *record,
          DeskRecord     **saved)
{
  g_set_object (saved, record);
}

static void
set_text (DeskRecordForm *form,
          const char     *name,
          const char     *text)
{
  GtkWidget *row = desk_record_form_get_row (form, name);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static DeskRecord *
first_of (DeskStore      *store,
          const DeskKind *kind,
          const char     *group)
{
  g_autoptr(GPtrArray) records = desk_store_list (store, kind, group, NULL);

  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, >, 0);

  return g_object_ref (g_ptr_array_index (records, 0));
}

/* A form declared by its fields: refused with core's sentence under the field, nothing
 * written; accepted through the history, so Undo takes it back. */
static void
test_form_save (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) workplan = first_of (store, DESK_KIND_WORKPLAN, group);
  g_autoptr(DeskRecord) base = desk_record_new (DESK_KIND_FUNDING);
  g_autoptr(DeskRecord) refused = NULL;
  g_autoptr(DeskRecord) saved = NULL;
  g_autoptr(DeskRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  DeskRecordForm *form;
  gint64 n = desk_store_count (store, DESK_KIND_FUNDING, group);

  desk_record_set_group (base, group);
  desk_record_set_string (base, "workplan_uuid", desk_record_get_uuid (workplan));
  desk_record_set_string (base, "date", "2026-03-02");
  desk_record_set_string (base, "currency", "GHS");
  form = desk_record_form_new (NULL, history, base, "Receipt", NULL, "_Add");
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  g_signal_connect (form, "saved", G_CALLBACK (saved_cb), &saved);
  desk_record_form_add_fields (form, "date", "source", "amount_minor", "currency", "reference", NULL);

  /* Filled from the record, the date as the app writes dates; a required drop-down
   * offers its first choice. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_record_form_get_row (form, "date"))), ==,
                   "2 Mar 2026");
  g_assert_cmpstr (desk_record_form_get_code (form, "currency"), ==, "GHS");
  g_assert_nonnull (desk_record_form_get_code (form, "source"));

  /* Core refuses a receipt of nothing: its own sentence, under the amount. */
  set_text (form, "amount_minor", "0");
  refused = desk_record_copy (base);
  desk_record_set_string (refused, "source", desk_record_form_get_code (form, "source"));
  desk_record_set_int (refused, "amount_minor", 0);
  g_assert_false (desk_store_validate (store, refused, &bad_field, &error));
  g_assert_cmpstr (bad_field, ==, "amount_minor");
  g_assert_false (desk_record_form_accept (form));
  g_assert_nonnull (form);
  g_assert_cmpstr (desk_record_form_get_error (form, "amount_minor"), ==, error->message);
  g_assert_null (desk_record_form_get_error (form, "date"));
  g_assert_null (saved);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_FUNDING, group), ==, n);

  /* Text that is no amount is the row's own sentence, still nothing written. */
  set_text (form, "amount_minor", "lots");
  g_assert_false (desk_record_form_accept (form));
  g_assert_nonnull (desk_record_form_get_error (form, "amount_minor"));
  g_assert_cmpstr (desk_record_form_get_error (form, "amount_minor"), !=, error->message);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_FUNDING, group), ==, n);
  g_clear_error (&error);

  set_text (form, "amount_minor", "1,500.25");
  set_text (form, "reference", "  RCPT-7 ");
  g_assert_true (desk_record_form_accept (form));
  g_assert_null (form);
  g_assert_nonnull (saved);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_FUNDING, group), ==, n + 1);
  stored = desk_store_get (store, DESK_KIND_FUNDING, desk_record_get_uuid (saved), NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (desk_record_get_int (stored, "amount_minor"), ==, 150025);
  g_assert_cmpstr (desk_record_get_string (stored, "reference"), ==, "RCPT-7");
  g_assert_cmpstr (desk_record_get_string (stored, "workplan_uuid"), ==, desk_record_get_uuid (workplan));
  /* The record handed in is the form's template, never written itself. */
  g_assert_null (desk_record_get_uuid (base));

  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_FUNDING, group), ==, n);
}

static gboolean
prepare_rate (DeskRecordForm  *form,
              DeskRecord      *record,
              char           **bad_field,
              GError         **error)
{
  g_autofree char *text = desk_field_row_dup_text (desk_record_form_get_field_row (form, "rate"));
  gint64 mantissa;
  int scale;

  (*(guint *) g_object_get_data (G_OBJECT (form), "prepared"))++;
  if (!desk_rate_parse (text, &mantissa, &scale, error))
    {
      *bad_field = g_strdup ("rate");
      return FALSE;
    }
  desk_record_set_int (record, "rate_mantissa", mantissa);
  desk_record_set_int (record, "rate_scale", scale);

  return TRUE;
}

/* A value in a row of the form's own, set by the prepare hook; core's message about the
 * fields it fills shows under that row. */
static void
test_form_prepare (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) base = desk_record_new (DESK_KIND_RATE);
  g_autoptr(DeskRecord) saved = NULL;
  g_autoptr(DeskRecord) too_much = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  DeskRecordForm *form;
  gint64 n = desk_store_count (store, DESK_KIND_RATE, group);
  guint prepared = 0;

  desk_record_set_group (base, group);
  desk_record_set_string (base, "currency", "JPY");
  desk_record_set_string (base, "valid_from", "2026-01-01");
  form = desk_record_form_new (NULL, history, base, "Rate", NULL, "_Add");
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  g_signal_connect (form, "saved", G_CALLBACK (saved_cb), &saved);
  g_object_set_data (G_OBJECT (form), "prepared", &prepared);
  desk_record_form_set_prepare (form, prepare_rate);
  desk_record_form_add_field (form, "currency", NULL);
  desk_record_form_add_field (form, "valid_from", NULL);
  desk_record_form_add_entry (form, "rate", "Rate", NULL, "GHS for 1 JPY");
  desk_record_form_set_error_row (form, "rate_mantissa", "rate");
  desk_record_form_set_error_row (form, "rate_scale", "rate");

  set_text (form, "rate", "fifteen");
  g_assert_false (desk_record_form_accept (form));
  g_assert_cmpuint (prepared, ==, 1);
  g_assert_nonnull (desk_record_form_get_error (form, "rate"));

  /* Parsed, but worth more than core allows one unit to be: core's word about the
   * mantissa, under the rate typed. */
  too_much = desk_record_copy (base);
  desk_record_set_int (too_much, "rate_mantissa", 5000000000);
  desk_record_set_int (too_much, "rate_scale", 0);
  g_assert_false (desk_store_validate (store, too_much, &bad_field, &error));
  g_assert_true (g_str_has_prefix (bad_field, "rate_"));
  set_text (form, "rate", "5000000000");
  g_assert_false (desk_record_form_accept (form));
  g_assert_cmpuint (prepared, ==, 2);
  g_assert_cmpstr (desk_record_form_get_error (form, "rate"), ==, error->message);
  g_assert_null (desk_record_form_get_error (form, "currency"));
  g_assert_cmpint (desk_store_count (store, DESK_KIND_RATE, group), ==, n);

  set_text (form, "rate", "0.0925");
  g_assert_true (desk_record_form_accept (form));
  g_assert_null (form);
  g_assert_cmpint (desk_record_get_int (saved, "rate_mantissa"), ==, 925);
  g_assert_cmpint (desk_record_get_int (saved, "rate_scale"), ==, 4);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_RATE, group), ==, n + 1);
}

/* An expense's amount is typed as its size; the refund switch gives its sign, and the
 * amount is read in the currency the form was given. */
static void
test_form_sign_and_currency (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) line = first_of (store, DESK_KIND_BUDGET_LINE, group);
  g_autoptr(DeskRecord) base = desk_record_new (DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) saved = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
  DeskChoice *choice = g_new0 (DeskChoice, 1);
  const char *currency = desk_record_get_string (line, "currency");
  GtkWidget *refund;
  DeskRecordForm *form;
  gint64 expected = -12;

  choice->code = g_strdup (desk_record_get_uuid (line));
  choice->label = g_strdup ("The line");
  g_ptr_array_add (choices, choice);
  desk_record_set_string (base, "budget_line_uuid", desk_record_get_uuid (line));
  desk_record_set_string (base, "date", "2026-03-02");
  form = desk_record_form_new (NULL, history, base, "Expense", NULL, "_Add");
  g_signal_connect (form, "saved", G_CALLBACK (saved_cb), &saved);
  desk_record_form_add_field (form, "budget_line_uuid", NULL);
  desk_record_form_set_choices (form, "budget_line_uuid", choices);
  desk_record_form_add_field (form, "date", NULL);
  desk_record_form_add_field (form, "amount_minor", NULL);
  refund = desk_record_form_add_field (form, "is_refund", "Refund: money given back");
  desk_record_form_set_sign_switch (form, "amount_minor", "is_refund");
  desk_record_form_set_currency (form, "amount_minor", currency);
  g_assert_cmpstr (desk_record_form_get_code (form, "budget_line_uuid"), ==, desk_record_get_uuid (line));

  set_text (form, "amount_minor", "12");
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (refund))), TRUE);
  g_assert_true (desk_record_form_accept (form));
  g_assert_nonnull (saved);
  g_assert_cmpstr (desk_record_get_string (saved, "currency"), ==, currency);
  g_assert_cmpint (desk_record_get_int (saved, "is_refund"), ==, 1);
  g_assert_cmpint (desk_record_get_int (saved, "amount_minor"), <, 0);
  for (int i = 0; i < desk_currency_minor_units (store, currency); i++)
    expected *= 10;
  g_assert_cmpint (desk_record_get_int (saved, "amount_minor"), ==, expected);
}

/* The editor writes each change through the history; a refused one shows core's
 * sentence under the field and writes nothing. */
static void
test_editor_save (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = new_demo_store (&group);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_autoptr(DeskRecord) line = first_of (store, DESK_KIND_BUDGET_LINE, group);
  g_autoptr(DeskRecord) refused = desk_record_copy (line);
  g_autoptr(DeskRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  g_autofree char *shown = NULL;
  const char *fields[] = { "quantity_milli", "unit_cost_minor", "currency", NULL };
  DeskRecordEditor *editor;
  GtkWidget *row;

  editor = DESK_RECORD_EDITOR (g_object_ref_sink (desk_record_editor_new (history, DESK_KIND_BUDGET_LINE)));
  desk_record_editor_add_group (editor, NULL, fields);
  desk_record_editor_set_record (editor, line);

  /* A negative quantity: core's sentence, under the quantity. */
  desk_record_set_int (refused, "quantity_milli", -1000);
  g_assert_false (desk_store_validate (store, refused, &bad_field, &error));
  g_assert_cmpstr (bad_field, ==, "quantity_milli");
  row = desk_record_editor_get_row (editor, "quantity_milli");
  gtk_editable_set_text (GTK_EDITABLE (row), "-1");
  g_signal_emit_by_name (row, "apply");
  g_assert_nonnull (desk_record_editor_get_error_label (editor, "quantity_milli"));
  g_assert_cmpstr (gtk_label_get_label (desk_record_editor_get_error_label (editor, "quantity_milli")), ==,
                   error->message);
  g_clear_error (&error);
  after = desk_store_get (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (line), NULL);
  g_assert_cmpint (desk_record_get_int (after, "quantity_milli"), ==, desk_record_get_int (line, "quantity_milli"));
  g_assert_false (desk_history_can_undo (history));

  /* A good value clears the error and is one step of Undo. */
  gtk_editable_set_text (GTK_EDITABLE (row), "7");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (desk_record_editor_has_error (editor));
  g_clear_object (&after);
  after = desk_store_get (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (line), NULL);
  g_assert_cmpint (desk_record_get_int (after, "quantity_milli"), ==, 7000);
  g_assert_true (desk_history_can_undo (history));
  g_assert_true (desk_history_undo (history, &error));
  g_clear_object (&after);
  after = desk_store_get (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (line), NULL);
  g_assert_cmpint (desk_record_get_int (after, "quantity_milli"), ==, desk_record_get_int (line, "quantity_milli"));
  /* The editor follows the store. */
  shown = desk_milli_format (desk_record_get_int (line, "quantity_milli"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);

  g_assert_finalize_object (editor);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/forms/field-row/round-trip", test_field_row_round_trip);
  g_test_add_func ("/gui/forms/field-row/parse", test_field_row_parse);
  g_test_add_func ("/gui/forms/field-row/date", test_field_row_date);
  g_test_add_func ("/gui/forms/date-row", test_date_row);
  g_test_add_func ("/gui/forms/date-entry", test_date_entry);
  g_test_add_func ("/gui/forms/form/save", test_form_save);
  g_test_add_func ("/gui/forms/form/prepare", test_form_prepare);
  g_test_add_func ("/gui/forms/form/sign-and-currency", test_form_sign_and_currency);
  g_test_add_func ("/gui/forms/editor/save", test_editor_save);

  return g_test_run ();
}
