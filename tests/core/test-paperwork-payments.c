/* test-paperwork-payments.c — the per-diem and transport payment sheet read back by
 * poppler, and its payments recorded as expenses, undone in one step, never twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-paperwork.h"
#include "desk-payments.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  char *dir;
  char *workshop;
  char *per_diem_line;
  GPtrArray *attended;   /* names */
  GPtrArray *others;     /* names of those registered, invited or absent */
} Fixture;

static char *
add_person (Fixture    *f,
            const char *name)
{
  g_autoptr(DeskRecord) p = test_add (f->store, DESK_KIND_PERSON, f->world->group,
                                      "name", name, "organisation", "Ministry of Mines",
                                      "gender", "woman", NULL);

  return g_strdup (desk_record_get_uuid (p));
}

static void
put_on_list (Fixture    *f,
             const char *name,
             const char *status)
{
  g_autofree char *person = add_person (f, name);
  g_autoptr(DeskRecord) a = test_add (f->store, DESK_KIND_ATTENDANCE, NULL,
                                      "workshop_uuid", f->workshop, "person_uuid", person,
                                      "role", "participant", "status", status, NULL);

  g_ptr_array_add (g_str_equal (status, "attended") ? f->attended : f->others, g_strdup (name));
}

static char *
add_line (Fixture    *f,
          const char *category,
          const char *unit_cost,
          const char *currency)
{
  g_autoptr(DeskRecord) line = test_add (f->store, DESK_KIND_BUDGET_LINE, NULL,
                                         "workplan_uuid", test_world_uuid (f->world, "workplan"),
                                         "activity_uuid", test_world_uuid (f->world, "activity"),
                                         "category", category, "description_en", category,
                                         "quantity_milli", "10000",
                                         "unit", "person", "unit_cost_minor", unit_cost,
                                         "currency", currency, NULL);

  return g_strdup (desk_record_get_uuid (line));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DeskRecord) w = NULL;

  f->store = test_open_memory (NULL);
  f->world = test_world_new (f->store, "GH-TEST");
  f->dir = test_make_tmpdir ();
  f->attended = g_ptr_array_new_with_free_func (g_free);
  f->others = g_ptr_array_new_with_free_func (g_free);
  w = test_add (f->store, DESK_KIND_WORKSHOP, NULL,
                "activity_uuid", test_world_uuid (f->world, "activity"),
                "title_en", "Beneficial ownership clinic", "title_zh", "受益所有权研讨会",
                "start_date", "2026-03-04", "end_date", "2026-03-05",
                "town", "Tarkwa", "region", "Western", "format", "in_person", NULL);
  f->workshop = g_strdup (desk_record_get_uuid (w));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->workshop);
  g_free (f->per_diem_line);
  g_ptr_array_unref (f->attended);
  g_ptr_array_unref (f->others);
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
}

/* Three attended, one registered, one invited, one absent; per diem GHS 250.00 and
 * transport GHS 50.50 a person. */
static void
fill (Fixture *f)
{
  g_autofree char *travel = NULL;

  put_on_list (f, "Abena Mensah", "attended");
  put_on_list (f, "张伟", "attended");
  put_on_list (f, "Kofi Boateng", "attended");
  put_on_list (f, "Registered Only", "registered");
  put_on_list (f, "Invited Only", "invited");
  put_on_list (f, "Kwame Absent", "absent");
  f->per_diem_line = add_line (f, "per_diem", "25000", "GHS");
  travel = add_line (f, "travel", "5050", "GHS");
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  if (path == NULL)
    g_test_skip ("pdftotext is not installed (build-aux/dev installs it)");
  return path != NULL;
}

/* The sheet lists the people who attended with each line's amount, each person's total
 * and the totals, under headers in the group's two languages. */
static void
test_sheet (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "payments.pdf", NULL);
  g_autofree char *text = NULL;

  if (!have_pdftotext ())
    return;
  fill (f);
  g_assert_true (desk_paperwork_write_pdf (f->store, f->workshop, DESK_PAPERWORK_PAYMENTS, path,
                                           &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_test_message ("%s", text);

  g_assert_nonnull (strstr (text, "Per-diem and transport payment sheet"));
  g_assert_nonnull (strstr (text, "每日津贴与交通费发放表"));
  g_assert_nonnull (strstr (text, "Beneficial ownership clinic"));
  g_assert_nonnull (strstr (text, "Signature"));
  g_assert_nonnull (strstr (text, "(GHS)"));
  for (guint i = 0; i < f->attended->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (f->attended, i)));
  for (guint i = 0; i < f->others->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (f->others, i)));
  /* Each row: 250.00, 50.50 and 300.50; the totals of three people. */
  g_assert_nonnull (strstr (text, "250.00"));
  g_assert_nonnull (strstr (text, "50.50"));
  g_assert_nonnull (strstr (text, "300.50"));
  g_assert_nonnull (strstr (text, "750.00"));
  g_assert_nonnull (strstr (text, "151.50"));
  g_assert_nonnull (strstr (text, "901.50"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

/* Before the workshop nobody attended: the sheet lists those expected, registered and
 * invited, never the absent. */
static void
test_sheet_expected (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskPayments) payments = NULL;
  g_autofree char *total = NULL;

  put_on_list (f, "Registered Only", "registered");
  put_on_list (f, "Invited Only", "invited");
  put_on_list (f, "Kwame Absent", "absent");
  f->per_diem_line = add_line (f, "per_diem", "25000", "GHS");

  payments = desk_payments_new (f->store, f->workshop, &error);
  g_assert_no_error (error);
  g_assert_true (payments->expected);
  g_assert_cmpuint (payments->people->len, ==, 2);
  g_assert_null (payments->lines[DESK_PAYMENT_TRAVEL].line_uuid);
  total = desk_payments_dup_total (payments);
  g_assert_cmpstr (total, ==, "GHS 500.00");
}

/* A revised line pays its newest unit cost; lines in two currencies are totalled apart. */
static void
test_revised_and_currencies (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskPayments) payments = NULL;
  g_autoptr(DeskRecord) revision = NULL;
  g_autofree char *travel = NULL;
  g_autofree char *total = NULL;

  put_on_list (f, "Abena Mensah", "attended");
  put_on_list (f, "Kofi Boateng", "attended");
  f->per_diem_line = add_line (f, "per_diem", "25000", "GHS");
  travel = add_line (f, "travel", "2000", "USD");
  revision = test_add (f->store, DESK_KIND_BUDGET_REVISION, NULL,
                       "budget_line_uuid", f->per_diem_line, "revised_on", "2026-02-01",
                       "reason", "Higher rates", "quantity_milli", "10000",
                       "unit_cost_minor", "30000", NULL);

  payments = desk_payments_new (f->store, f->workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (payments->lines[DESK_PAYMENT_PER_DIEM].unit_minor, ==, 30000);
  g_assert_cmpint (payments->lines[DESK_PAYMENT_TRAVEL].total_minor, ==, 4000);
  total = desk_payments_dup_total (payments);
  g_assert_cmpstr (total, ==, "GHS 600.00 + USD 40.00");
}

/* No per-diem line in the activity's budget: a sentence that says to add one, and no
 * file; nothing recorded either. */
static void
test_no_line (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "payments.pdf", NULL);
  gint64 before = test_count_rows (f->store, DESK_KIND_EXPENSE);

  put_on_list (f, "Abena Mensah", "attended");
  g_assert_false (desk_paperwork_write_pdf (f->store, f->workshop, DESK_PAPERWORK_PAYMENTS, path,
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "per-diem line"));
  g_assert_nonnull (strstr (error->message, "Add a budget line"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (desk_payments_record (f->store, NULL, f->workshop, NULL, NULL, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before);
}

/* Recording makes one expense per person attended and line, with the line's unit cost,
 * the workshop's date and the person's code as payee (never a name); one undo takes them
 * all back; a second recording is refused until then. */
static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskHistory) history = desk_history_new (f->store);
  g_autoptr(GPtrArray) expenses = NULL;
  g_autofree char *total = NULL;
  gint64 before = test_count_rows (f->store, DESK_KIND_EXPENSE);
  guint n_people = 0, n_expenses = 0;
  guint per_diem = 0, travel = 0;

  fill (f);
  g_assert_false (desk_payments_are_recorded (f->store, f->workshop, &error));
  g_assert_no_error (error);
  /* The check counts what recording will make, and makes nothing. */
  g_assert_true (desk_payments_check (f->store, f->workshop, &n_people, &n_expenses, &total,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_people, ==, 3);
  g_assert_cmpuint (n_expenses, ==, 6);
  g_assert_cmpstr (total, ==, "GHS 901.50");
  g_clear_pointer (&total, g_free);
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before);
  g_assert_true (desk_payments_record (f->store, history, f->workshop, &n_people, &n_expenses,
                                       &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_people, ==, 3);
  g_assert_cmpuint (n_expenses, ==, 6);
  g_assert_cmpstr (total, ==, "GHS 901.50");
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before + 6);
  g_assert_true (desk_payments_are_recorded (f->store, f->workshop, &error));

  expenses = desk_store_list_by (f->store, DESK_KIND_EXPENSE, "date", "2026-03-04", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expenses->len, ==, 6);
  for (guint i = 0; i < expenses->len; i++)
    {
      DeskRecord *e = g_ptr_array_index (expenses, i);
      const char *payee = desk_record_get_string (e, "payee");
      g_autofree char *prefix = NULL;

      g_assert_true (desk_person_code_parse (payee, &prefix));
      for (guint n = 0; n < f->attended->len; n++)
        g_assert_null (strstr (desk_record_get_string (e, "note"), g_ptr_array_index (f->attended, n)));
      g_assert_nonnull (strstr (desk_record_get_string (e, "note"), "Beneficial ownership clinic"));
      g_assert_cmpstr (desk_record_get_string (e, "currency"), ==, "GHS");
      if (g_strcmp0 (desk_record_get_string (e, "budget_line_uuid"), f->per_diem_line) == 0)
        {
          g_assert_cmpint (desk_record_get_int (e, "amount_minor"), ==, 25000);
          per_diem++;
        }
      else
        {
          g_assert_cmpint (desk_record_get_int (e, "amount_minor"), ==, 5050);
          travel++;
        }
    }
  g_assert_cmpuint (per_diem, ==, 3);
  g_assert_cmpuint (travel, ==, 3);

  /* Twice: refused, nothing added. */
  g_assert_false (desk_payments_record (f->store, history, f->workshop, NULL, NULL, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "recorded already"));
  g_clear_error (&error);
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before + 6);
  g_assert_false (desk_payments_check (f->store, f->workshop, NULL, NULL, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  /* One undo takes all six back; then they can be recorded again. */
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before);
  g_assert_false (desk_payments_are_recorded (f->store, f->workshop, NULL));
  g_assert_true (desk_history_redo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before + 6);
}

/* Nobody attended: nothing to record, said so. */
static void
test_record_nobody (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = test_count_rows (f->store, DESK_KIND_EXPENSE);

  put_on_list (f, "Registered Only", "registered");
  f->per_diem_line = add_line (f, "per_diem", "25000", "GHS");
  g_assert_false (desk_payments_record (f->store, NULL, f->workshop, NULL, NULL, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Check people in first"));
  g_assert_cmpint (test_count_rows (f->store, DESK_KIND_EXPENSE), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add ("/core/paperwork/payments/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("sheet", test_sheet);
  ADD ("sheet-expected", test_sheet_expected);
  ADD ("revised-and-currencies", test_revised_and_currencies);
  ADD ("no-line", test_no_line);
  ADD ("record", test_record);
  ADD ("record-nobody", test_record_nobody);
#undef ADD

  return g_test_run ();
}
