/* test-columns.c — columns declared from a kind's fields, shown in a DeskRecordList
 *
 * Each test puts a record list in a window on the demo data, declares its columns from
 * DeskFields as the pages do, and reads what the cells show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-a11y-common.h"

#include "desk-cells.h"
#include "desk-list-access.h"
#include "desk-pillars-cell.h"
#include "desk-record-list.h"
#include "desk-widget-util.h"

#include <locale.h>
#include <string.h>

typedef struct
{
  DeskStore *store;
  GtkWindow *window;
  DeskRecordList *list;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
open_cb (gpointer    page,
         const char *uuid)
{
}

static void
new_cb (gpointer page)
{
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  AdwBin *bin;

  fixture->store = desk_store_open (":memory:", &error);
  g_assert_no_error (error);
  uuid = desk_demo_fill (fixture->store, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 1400, 800);
  bin = ADW_BIN (adw_bin_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (bin));
  fixture->list = desk_record_list_new_in (bin, G_CALLBACK (open_cb), G_CALLBACK (new_cb), fixture);
  desk_record_list_set_editor (fixture->list, gtk_label_new ("Editor"), NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wait_a_moment (20);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
}

/* Shows the records of @kind, in the main group, once the columns are declared. */
static void
show_kind (Fixture        *fixture,
           const DeskKind *kind)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (fixture->store);
  g_autoptr(DeskRecordModel) model = desk_record_model_new (fixture->store, kind,
                                                            desk_record_get_uuid (group));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 1);
  desk_record_list_set_model (fixture->list, model);
  gtk_window_present (fixture->window);
  wait_a_moment (100);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *first = gtk_widget_get_first_child (child);

      if (first != NULL && g_str_equal (G_OBJECT_TYPE_NAME (first), "GtkColumnViewCell"))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* The widget made for @column in the row at @position of the sorted list: rows are the
 * list view's children in the list's order, their cells in the columns' order. */
static GtkWidget *
get_cell (Fixture             *fixture,
          GtkColumnViewColumn *column,
          guint                position)
{
  GtkColumnView *view = gtk_column_view_column_get_column_view (column);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *cell;
  guint index = 0;

  while (TRUE)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, index);

      g_assert_nonnull (c);
      if (c == column)
        break;
      index++;
    }

  collect_rows (gtk_widget_get_last_child (GTK_WIDGET (view)), rows);
  g_assert_cmpuint (position, <, rows->len);

  cell = gtk_widget_get_first_child (g_ptr_array_index (rows, position));
  for (guint i = 0; i < index; i++)
    cell = gtk_widget_get_next_sibling (cell);

  return gtk_widget_get_first_child (cell);
}

static const char *
get_cell_text (Fixture             *fixture,
               GtkColumnViewColumn *column,
               guint                position)
{
  GtkWidget *cell = get_cell (fixture, column, position);

  g_assert_true (GTK_IS_INSCRIPTION (cell));

  return gtk_inscription_get_text (GTK_INSCRIPTION (cell));
}

/* How many characters wide @text is, a wide character counting two. */
static guint
count_width (const char *text)
{
  guint chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    chars += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return chars;
}

static DeskRecord *
get_shown (Fixture *fixture,
           guint    position)
{
  return g_list_model_get_item (desk_record_list_get_sorted_model (fixture->list), position);
}

static void
test_date_formatted (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkColumnViewColumn *column;
  guint checked = 0;

  column = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "planned_start",
                                              NULL, DESK_COLUMN_ESSENTIAL);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Planned start");
  show_kind (fixture, DESK_KIND_ACTIVITY);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DeskRecord) record = get_shown (fixture, i);
      const char *iso = desk_record_get_string (record, "planned_start");
      g_autofree char *expected = desk_date_format (iso);

      if (iso == NULL)
        continue;
      g_assert_cmpstr (get_cell_text (fixture, column, i), ==, expected);
      g_assert_cmpstr (get_cell_text (fixture, column, i), !=, iso);
      /* Wide enough for the date, in any language: 年 counts two. */
      g_assert_cmpuint (gtk_inscription_get_min_chars (GTK_INSCRIPTION (get_cell (fixture, column, i))), >=,
                        count_width (expected));
      checked++;
    }

  g_assert_cmpuint (checked, >, 0);
}

static void
test_date_sorted (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkColumnViewColumn *column;
  GtkColumnView *view;
  GListModel *sorted;
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) last = NULL;
  g_autofree char *latest = NULL;
  guint n;

  column = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "title",
                                              NULL, DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "planned_end",
                                              NULL, DESK_COLUMN_ESSENTIAL);
  show_kind (fixture, DESK_KIND_ACTIVITY);
  view = gtk_column_view_column_get_column_view (column);
  sorted = desk_record_list_get_sorted_model (fixture->list);
  n = g_list_model_get_n_items (sorted);

  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(DeskRecord) a = g_list_model_get_item (sorted, i - 1);
      g_autoptr(DeskRecord) b = g_list_model_get_item (sorted, i);

      /* Dated ones first, in order; the undated after them. */
      if (desk_record_is_set (b, "planned_end"))
        {
          g_assert_true (desk_record_is_set (a, "planned_end"));
          g_assert_cmpstr (desk_record_get_string (a, "planned_end"), <=,
                           desk_record_get_string (b, "planned_end"));
        }
      if (desk_record_is_set (a, "planned_end") &&
          g_strcmp0 (desk_record_get_string (a, "planned_end"), latest) > 0)
        {
          g_free (latest);
          latest = g_strdup (desk_record_get_string (a, "planned_end"));
        }
    }
  first = g_list_model_get_item (sorted, 0);

  gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
  last = g_list_model_get_item (sorted, 0);
  g_assert_true (desk_record_is_set (last, "planned_end"));
  g_assert_cmpstr (desk_record_get_string (first, "planned_end"), <,
                   desk_record_get_string (last, "planned_end"));
  wait_a_moment (50);

  /* What the cells show follows the order. */
  {
    g_autofree char *expected = desk_date_format (desk_record_get_string (last, "planned_end"));

    g_assert_cmpstr (get_cell_text (fixture, column, 0), ==, expected);
  }
}

static void
test_money (Fixture       *fixture,
            gconstpointer  data)
{
  GtkColumnViewColumn *column;
  GtkWidget *cell;
  GtkWidget *header;
  GtkWidget *title;
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *amount = NULL;
  const char *currency;
  const char *text;

  desk_record_list_add_field_column (fixture->list, DESK_KIND_EXPENSE, "payee", NULL, DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (fixture->list, DESK_KIND_EXPENSE, "amount_minor",
                                              NULL, DESK_COLUMN_ESSENTIAL);
  show_kind (fixture, DESK_KIND_EXPENSE);

  record = get_shown (fixture, 0);
  currency = desk_record_get_string (record, "currency");
  cell = get_cell (fixture, column, 0);
  text = get_cell_text (fixture, column, 0);
  amount = desk_money_format_amount (desk_record_get_int (record, "amount_minor"),
                                     desk_currency_minor_units (fixture->store, currency));

  g_assert_nonnull (currency);
  g_assert_true (g_str_has_prefix (text, currency));
  g_assert_true (g_str_has_suffix (text, amount));
  g_assert_cmpfloat (gtk_inscription_get_xalign (GTK_INSCRIPTION (cell)), ==, 1.0f);
  g_assert_true (gtk_widget_has_css_class (cell, "numeric"));
  /* Wide enough for the whole figure: never “GHS 32,5”. */
  g_assert_cmpuint (gtk_inscription_get_min_chars (GTK_INSCRIPTION (cell)), >=, strlen (text));

  /* The header sits over the figures, on the right. */
  header = gtk_widget_get_first_child (GTK_WIDGET (gtk_column_view_column_get_column_view (column)));
  title = gtk_widget_get_next_sibling (gtk_widget_get_first_child (header));
  g_assert_cmpint (gtk_widget_get_halign (gtk_widget_get_first_child (title)), ==, GTK_ALIGN_END);
  title = gtk_widget_get_first_child (header);
  g_assert_cmpint (gtk_widget_get_halign (gtk_widget_get_first_child (title)), !=, GTK_ALIGN_END);
}

static void
test_choice_label (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkColumnViewColumn *status;
  GtkColumnViewColumn *kind;
  guint checked = 0;

  status = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "status",
                                              NULL, DESK_COLUMN_NORMAL);
  kind = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "kind",
                                            NULL, DESK_COLUMN_NORMAL);
  show_kind (fixture, DESK_KIND_ACTIVITY);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DeskRecord) record = get_shown (fixture, i);
      const char *code = desk_record_get_string (record, "status");
      g_autofree char *label = desk_reference_label (fixture->store, DESK_KIND_ACTIVITY, "status", code);
      g_autofree char *kind_label = desk_reference_label (fixture->store, DESK_KIND_ACTIVITY, "kind",
                                                          desk_record_get_string (record, "kind"));

      g_assert_cmpstr (get_cell_text (fixture, status, i), ==, label);
      g_assert_cmpstr (get_cell_text (fixture, status, i), !=, code);
      g_assert_cmpstr (get_cell_text (fixture, kind, i), ==, kind_label);
      g_assert_cmpstr (get_cell_text (fixture, kind, i), !=, desk_record_get_string (record, "kind"));
      checked++;
    }

  g_assert_cmpuint (checked, ==, 5);
}

static void
test_reference (Fixture       *fixture,
                gconstpointer  data)
{
  GtkColumnViewColumn *column;
  GtkWidget *cell;
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) activity = NULL;

  column = desk_record_list_add_field_column (fixture->list, DESK_KIND_DELIVERABLE, "activity_uuid",
                                              NULL, DESK_COLUMN_OPTIONAL);
  show_kind (fixture, DESK_KIND_DELIVERABLE);

  record = get_shown (fixture, 0);
  activity = desk_store_get (fixture->store, DESK_KIND_ACTIVITY,
                             desk_record_get_string (record, "activity_uuid"), NULL);
  g_assert_nonnull (activity);
  cell = get_cell (fixture, column, 0);
  g_assert_cmpstr (get_cell_text (fixture, column, 0), ==, desk_record_get_string (activity, "code"));
  g_assert_cmpstr (desk_cell_get_tooltip (cell), ==, desk_record_title (activity, "title", NULL));
  /* A reference does not sort by its identifier. */
  g_assert_null (gtk_column_view_column_get_sorter (column));
}

static void
test_priority (Fixture       *fixture,
               gconstpointer  data)
{
  GtkColumnViewColumn *title;
  GtkColumnViewColumn *date;
  GtkColumnViewColumn *status;
  GtkColumnViewColumn *kind;
  g_autoptr(DeskRecord) record = NULL;
  int width;

  title = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "title",
                                             NULL, DESK_COLUMN_ESSENTIAL);
  date = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "planned_start",
                                            NULL, DESK_COLUMN_ESSENTIAL);
  status = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "status",
                                              NULL, DESK_COLUMN_NORMAL);
  kind = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "kind",
                                            NULL, DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (kind, 16);
  width = gtk_column_view_column_get_fixed_width (kind);
  g_assert_cmpint (width, >, 0);
  show_kind (fixture, DESK_KIND_ACTIVITY);

  g_assert_true (gtk_column_view_column_get_visible (kind));
  g_assert_true (gtk_column_view_column_get_visible (status));

  record = get_shown (fixture, 2);
  desk_record_list_open (fixture->list, desk_record_get_uuid (record));
  wait_a_moment (50);
  g_assert_true (desk_record_list_get_editor_open (fixture->list));
  g_assert_false (gtk_column_view_column_get_visible (kind));
  g_assert_true (gtk_column_view_column_get_visible (status));
  g_assert_true (gtk_column_view_column_get_visible (title));
  g_assert_true (gtk_column_view_column_get_visible (date));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list), "list.close-editor", NULL));
  wait_a_moment (50);
  g_assert_false (desk_record_list_get_editor_open (fixture->list));
  g_assert_true (gtk_column_view_column_get_visible (kind));
  /* Back at the width it had. */
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (kind), ==, width);

  /* A column made by hand can be given a priority too. */
  desk_record_list_set_column_priority (fixture->list, status, DESK_COLUMN_OPTIONAL);
  desk_record_list_open (fixture->list, desk_record_get_uuid (record));
  g_assert_false (gtk_column_view_column_get_visible (status));
  desk_record_list_close_editor (fixture->list);
  g_assert_true (gtk_column_view_column_get_visible (status));
}

/* What the editor held when the list said it opened @uuid. */
static void
editor_at_open_cb (DeskRecordList *list,
                   const char     *uuid,
                   char          **seen)
{
  DeskRecord *record = desk_record_editor_get_record (desk_record_list_get_editor (list));

  g_free (*seen);
  *seen = g_strdup (record != NULL ? desk_record_get_uuid (record) : NULL);
}

/* A list given a record editor shows the record it opens there, before the page hears
 * of it, so a page's "open" handler finds the record in the editor already. */
static void
test_list_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskHistory) history = desk_history_new (fixture->store);
  DeskRecordEditor *editor = DESK_RECORD_EDITOR (desk_record_editor_new (history, DESK_KIND_MEMBER));
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) second = NULL;
  g_autofree char *seen = NULL;
  GListModel *sorted;

  desk_record_list_add_field_column (fixture->list, DESK_KIND_MEMBER, "name", NULL, DESK_COLUMN_ESSENTIAL);
  desk_record_list_set_editor (fixture->list, NULL, editor, "name");
  g_assert_true (desk_record_list_get_editor (fixture->list) == editor);
  g_signal_connect (fixture->list, "open", G_CALLBACK (editor_at_open_cb), &seen);
  show_kind (fixture, DESK_KIND_MEMBER);
  sorted = desk_record_list_get_sorted_model (fixture->list);
  first = g_list_model_get_item (sorted, 0);
  second = g_list_model_get_item (sorted, 1);

  desk_record_list_open (fixture->list, desk_record_get_uuid (first));
  g_assert_cmpstr (seen, ==, desk_record_get_uuid (first));
  desk_record_list_open (fixture->list, desk_record_get_uuid (second));
  g_assert_cmpstr (seen, ==, desk_record_get_uuid (second));
  g_assert_cmpstr (desk_record_get_uuid (desk_record_editor_get_record (editor)), ==,
                   desk_record_get_uuid (second));

  /* The record open, read again: what a page's New starts from. */
  {
    g_autoptr(DeskRecord) open = desk_record_list_dup_open_record (fixture->list);

    g_assert_nonnull (open);
    g_assert_cmpstr (desk_record_get_uuid (open), ==, desk_record_get_uuid (second));
  }
  desk_record_list_close_editor (fixture->list);
  g_assert_null (desk_record_list_dup_open_record (fixture->list));
}

/* In a window narrower than the columns (the sidebar beside a 1024-pixel screen), the
 * normal columns hide before the titles and dates are cut, though the editor's flap has
 * not folded; given the room again, they come back. */
static void
test_overflow (Fixture       *fixture,
               gconstpointer  data)
{
  GtkColumnViewColumn *title;
  GtkColumnViewColumn *date;
  GtkColumnViewColumn *wide[3];
  const char *fields[3] = { "status", "kind", "result_area" };
  GtkWidget *view;

  title = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "title",
                                             NULL, DESK_COLUMN_ESSENTIAL);
  date = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "planned_start",
                                            NULL, DESK_COLUMN_ESSENTIAL);
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    {
      wide[i] = desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, fields[i],
                                                   NULL, DESK_COLUMN_NORMAL);
      desk_record_list_fix_width (wide[i], 30);
    }
  gtk_window_set_default_size (fixture->window, 900, 600);
  show_kind (fixture, DESK_KIND_ACTIVITY);
  wait_a_moment (100);

  view = GTK_WIDGET (gtk_column_view_column_get_column_view (title));
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    g_assert_false (gtk_column_view_column_get_visible (wide[i]));
  g_assert_true (gtk_column_view_column_get_visible (title));
  g_assert_true (gtk_column_view_column_get_visible (date));
  /* What is left fits: nothing scrolls sideways. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))), <=,
                     gtk_widget_get_width (view) + 1);

  gtk_window_set_default_size (fixture->window, 1800, 600);
  wait_a_moment (200);
  if (gtk_widget_get_width (view) < 1400)
    {
      g_test_skip ("the display did not make the window wider");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    g_assert_true (gtk_column_view_column_get_visible (wide[i]));
}

/* Lists made without DeskRecordList */

/* A page's table: a code, and a status as a pill in a box. */
static void
plain_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  if (index == 0)
    {
      gtk_list_item_set_child (item, desk_cell_label_new (NULL));
      return;
    }

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_box_append (GTK_BOX (box), desk_cell_pill_new ("", NULL));
    gtk_list_item_set_child (item, box);
  }
}

static void
plain_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *status = g_strdup_printf ("Status %c", text[strlen (text) - 1]);

  if (index == 0)
    desk_cell_set_text (child, text);
  else
    gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_first_child (child)), status);
}

static GtkWidget *
first_row (GtkWidget *view)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (view, rows);
  g_assert_cmpuint (rows->len, >, 0);

  return g_ptr_array_index (rows, 0);
}

/* A column view made with desk_column_view_append(): rows named from every cell, the
 * pill described with its column's title, the titles named; and its rows are renamed
 * when the model changes under them. */
static void
test_plain_view (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *const codes[] = { "A1", "A2", "A3", NULL };
  GtkStringList *strings = gtk_string_list_new (codes);
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings)))));
  GtkWidget *row;
  GtkWidget *pill;

  desk_column_view_append (view, "Code", G_CALLBACK (plain_setup_cb), G_CALLBACK (plain_bind_cb), NULL, 0, TRUE);
  desk_column_view_append (view, "Status", G_CALLBACK (plain_setup_cb), G_CALLBACK (plain_bind_cb), NULL, 1, FALSE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  gtk_window_present (fixture->window);
  wait_a_moment (50);

  row = first_row (GTK_WIDGET (view));
  assert_label (row, "A1, Status 1");
  pill = gtk_widget_get_first_child (gtk_widget_get_first_child (gtk_widget_get_last_child (row)));
  g_assert_true (gtk_widget_has_css_class (pill, "desk-cell-pill"));
  assert_description (pill, "Status: Status 1");
  assert_label (gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (view))), "Code");

  /* The first record replaced: the first row shows, and is named after, the new one. */
  gtk_string_list_splice (strings, 0, 1, (const char *const[]) { "B7", NULL });
  wait_a_moment (50);
  row = first_row (GTK_WIDGET (view));
  assert_label (row, "B7, Status 7");
}

static void
match_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Government"));
  gtk_list_item_set_child (item, box);
}

static void
match_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* A GtkListView (check-in's matches): a row is named from its one child's labels. */
static void
test_list_view (Fixture       *fixture,
                gconstpointer  data)
{
  const char *const names[] = { "Ama Mensah", "Kofi Boateng", NULL };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view;
  GtkWidget *row;

  g_signal_connect (factory, "setup", G_CALLBACK (match_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (match_bind_cb), NULL);
  desk_list_factory_name_rows (factory);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (gtk_string_list_new (names)))),
                            factory);
  desk_list_view_make_accessible (view);
  gtk_window_set_child (fixture->window, view);
  gtk_window_present (fixture->window);
  wait_a_moment (50);

  row = gtk_widget_get_first_child (view);
  g_assert_nonnull (desk_list_row_from_cell (gtk_widget_get_first_child (row)));
  g_assert_true (desk_list_row_from_cell (gtk_widget_get_first_child (row)) == row);
  assert_label (row, "Ama Mensah Government");
}

static void
button_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  gtk_list_item_set_child (item, index == 0 ? desk_cell_label_new (NULL) : gtk_button_new_with_label ("Copy"));
}

static void
button_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));

  if (index == 0)
    desk_cell_set_text (gtk_list_item_get_child (item), gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* Sends Tab (Shift+Tab when @back) to @view as GTK does: its capture-phase key controller
 * first. */
static void
press_tab (GtkWidget *view,
           gboolean   back)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", back ? GDK_KEY_ISO_Left_Tab : GDK_KEY_Tab, 0,
                                 back ? GDK_SHIFT_MASK : 0, &handled);
          break;
        }
    }
  g_assert_true (handled);
}

/* A row with a control of its own (Exports' Copy): Tab goes from the row to it, then out
 * of the list; Shift+Tab from it leaves the list backwards. */
static void
test_row_controls (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *const codes[] = { "A1", "A2", "A3", NULL };
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (gtk_string_list_new (codes))))));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *after = gtk_button_new_with_label ("After");
  GtkWidget *row;
  GtkWidget *button;

  desk_column_view_append (view, "Code", G_CALLBACK (button_setup_cb), G_CALLBACK (button_bind_cb), NULL, 0, TRUE);
  desk_column_view_append (view, "File", G_CALLBACK (button_setup_cb), G_CALLBACK (button_bind_cb), NULL, 1, FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  wait_a_moment (50);

  row = first_row (GTK_WIDGET (view));
  button = gtk_widget_get_first_child (gtk_widget_get_last_child (row));
  g_assert_true (GTK_IS_BUTTON (button));
  /* GTK 4.8 hands a row's focus to its first control. */
  gtk_widget_grab_focus (row);
  if (gtk_root_get_focus (GTK_ROOT (fixture->window)) == row)
    press_tab (GTK_WIDGET (view), FALSE);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == button);
  press_tab (GTK_WIDGET (view), FALSE);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == after);

  /* Back from the control: out of the list too, not round to the row and its control
   * again. */
  gtk_widget_grab_focus (button);
  press_tab (GTK_WIDGET (view), TRUE);
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (fixture->window)));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), GTK_WIDGET (view)));
}

static GtkWidget *
setup_pillars (gpointer user_data)
{
  return desk_pillars_cell_new ();
}

static void
bind_pillars (GtkWidget  *cell,
              DeskRecord *record,
              gpointer    user_data)
{
  const char *const pillars[] = { "government", "company", NULL };

  desk_pillars_cell_set (DESK_PILLARS_CELL (cell), pillars, user_data);
}

/* The drawn pillars cell says its pillars in its row's name and its description. */
static void
test_pillars_described (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkColumnViewColumn *pillars;
  GtkWidget *cell;
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *expected = NULL;

  g_hash_table_insert (names, (gpointer) "government", (gpointer) "Government");
  g_hash_table_insert (names, (gpointer) "company", (gpointer) "Companies");
  desk_record_list_add_field_column (fixture->list, DESK_KIND_ACTIVITY, "code", NULL, DESK_COLUMN_ESSENTIAL);
  pillars = desk_record_list_add_column (fixture->list, "Pillars", setup_pillars, bind_pillars, NULL, names, FALSE);
  show_kind (fixture, DESK_KIND_ACTIVITY);

  cell = get_cell (fixture, pillars, 0);
  assert_description (cell, "Pillars: Government, Companies");
  record = get_shown (fixture, 0);
  expected = g_strdup_printf ("%s, Government, Companies", desk_record_get_string (record, "code"));
  collect_rows (gtk_widget_get_last_child (GTK_WIDGET (gtk_column_view_column_get_column_view (pillars))), rows);
  assert_label (g_ptr_array_index (rows, 0), expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/columns/date/formatted", test_date_formatted);
  ADD ("/columns/date/sorted", test_date_sorted);
  ADD ("/columns/money", test_money);
  ADD ("/columns/choice/label", test_choice_label);
  ADD ("/columns/reference", test_reference);
  ADD ("/columns/priority", test_priority);
  ADD ("/columns/list-editor", test_list_editor);
  ADD ("/columns/priority/overflow", test_overflow);
  ADD ("/columns/a11y/plain-view", test_plain_view);
  ADD ("/columns/a11y/list-view", test_list_view);
  ADD ("/columns/keyboard/row-controls", test_row_controls);
  ADD ("/columns/a11y/pillars", test_pillars_described);

#undef ADD

  return g_test_run ();
}
