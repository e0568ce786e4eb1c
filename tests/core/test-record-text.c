/* test-record-text — one field of a record from text, as a person writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_memory (TEST_NOW);
  f->world = test_world_new (f->store, "GH-TEXT");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
}

/* A copy of the world's @kind record, for the test to change. */
static DeskRecord *
copy_of (Fixture    *f,
         const char *kind)
{
  return desk_record_copy (test_world_get (f->world, kind));
}

static void
assert_sets (Fixture    *f,
             DeskRecord *record,
             const char *name,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_record_set_from_text (f->store, record, name, text, &error));
  g_assert_no_error (error);
}

/* @text is refused for @name with a sentence that holds @expected, and @record is as it was. */
static void
assert_refused (Fixture    *f,
                DeskRecord *record,
                const char *name,
                const char *text,
                const char *expected)
{
  g_autoptr(DeskRecord) before = desk_record_copy (record);
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_record_set_from_text (f->store, record, name, text, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_true (desk_record_equal (before, record));
}

static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");

  assert_sets (f, expense, "date", "2026-03-05");
  g_assert_cmpstr (desk_record_get_string (expense, "date"), ==, "2026-03-05");
  /* As the app shows dates, and with spaces around. */
  assert_sets (f, expense, "date", "  5 Apr 2026 ");
  g_assert_cmpstr (desk_record_get_string (expense, "date"), ==, "2026-04-05");

  assert_refused (f, expense, "date", "2026-02-30", "“Date” (date): “2026-02-30” is not a date.");
  assert_refused (f, expense, "date", "yesterday", "(date)");
}

static void
test_codes_and_choices (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DeskRecord) activity = copy_of (f, "activity");
  g_autoptr(DeskRecord) workplan = copy_of (f, "workplan");
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");

  assert_sets (f, activity, "kind", "TRAINING");
  g_assert_cmpstr (desk_record_get_string (activity, "kind"), ==, "training");
  assert_refused (f, activity, "kind", "party", "“Kind of activity” (kind): “party” is not one of the values allowed: ");
  assert_refused (f, activity, "kind", "party", "dialogue");

  assert_sets (f, workplan, "status", "approved");
  g_assert_cmpstr (desk_record_get_string (workplan, "status"), ==, "approved");
  assert_refused (f, workplan, "status", "done", "draft, approved, closed.");

  assert_sets (f, expense, "currency", "usd");
  g_assert_cmpstr (desk_record_get_string (expense, "currency"), ==, "USD");
  assert_refused (f, expense, "currency", "ABC", "“Currency” (currency): “ABC” is not a currency");
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");
  g_autoptr(DeskRecord) workshop = copy_of (f, "workshop");
  g_autoptr(DeskRecord) line = copy_of (f, "budget_line");
  const char *yes[] = { "yes", "TRUE", "1" };
  const char *no[] = { "no", "false", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      assert_sets (f, expense, "is_refund", yes[i]);
      g_assert_cmpint (desk_record_get_int (expense, "is_refund"), ==, 1);
      assert_sets (f, expense, "is_refund", no[i]);
      g_assert_cmpint (desk_record_get_int (expense, "is_refund"), ==, 0);
    }
  assert_refused (f, expense, "is_refund", "maybe", "“Refund” (is_refund): “maybe” is not yes or no.");

  assert_sets (f, workshop, "planned_participants", "40");
  g_assert_cmpint (desk_record_get_int (workshop, "planned_participants"), ==, 40);
  assert_refused (f, workshop, "planned_participants", "4O", "(planned_participants): “4O” is not a whole number.");

  assert_sets (f, line, "quantity_milli", "2.5");
  g_assert_cmpint (desk_record_get_int (line, "quantity_milli"), ==, 2500);
  assert_refused (f, line, "quantity_milli", "two", "“Quantity” (quantity_milli)");
}

/* amount=TEXT in @currency gives @minor; a NULL @minor: refused. */
static void
assert_amount (Fixture    *f,
               const char *currency,
               const char *text,
               gint64      minor)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");

  test_set_field (expense, "currency", currency);
  if (minor == G_MININT64)
    {
      assert_refused (f, expense, "amount", text, "“Amount” (amount_minor)");
      return;
    }
  assert_sets (f, expense, "amount", text);
  g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, minor);
}

static void
test_money (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");
  g_autoptr(DeskRecord) revision = copy_of (f, "budget_revision");

  /* Without _minor: as a person writes it, in the record's currency. */
  assert_amount (f, "GHS", "1234.50", 123450);
  assert_amount (f, "GHS", "1,234.5", 123450);
  assert_amount (f, "GHS", "-12.25", -1225);
  assert_amount (f, "GHS", "1.005", G_MININT64);
  assert_amount (f, "JPY", "1234", 1234);
  assert_amount (f, "JPY", "1234.5", G_MININT64);
  assert_amount (f, "BHD", "1.234", 1234);
  assert_amount (f, "BHD", "1.2345", G_MININT64);
  assert_amount (f, "GHS", "a lot", G_MININT64);

  /* With _minor: minor units, as `show --json` prints them. */
  assert_sets (f, expense, "amount_minor", "123450");
  g_assert_cmpint (desk_record_get_int (expense, "amount_minor"), ==, 123450);
  assert_refused (f, expense, "amount_minor", "1234.50", "(amount_minor): “1234.50” is not a whole number of minor units");

  /* A revision's unit cost is in its budget line's currency (GHS). */
  assert_sets (f, revision, "unit_cost", "150.75");
  g_assert_cmpint (desk_record_get_int (revision, "unit_cost_minor"), ==, 15075);

  /* No currency to read the amount in. */
  desk_record_unset (expense, "currency");
  assert_refused (f, expense, "amount", "12", "without the record's currency");
}

static void
test_references_and_sets (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TestWorld) other = test_world_new (f->store, "GH-ELSE");
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");
  g_autoptr(DeskRecord) activity = copy_of (f, "activity");
  const char *line = test_world_uuid (f->world, "budget_line");
  const char *member = test_world_uuid (f->world, "member");
  const char *const *themes;

  assert_sets (f, expense, "budget_line_uuid", line);
  g_assert_cmpstr (desk_record_get_string (expense, "budget_line_uuid"), ==, line);
  assert_refused (f, expense, "budget_line_uuid", "00000000-0000-4000-8000-00000000dead",
                  "“Budget line” (budget_line_uuid): This group has no budget line “00000000-0000-4000-8000-00000000dead”.");
  /* A budget line of another group is not one of this group's. */
  assert_refused (f, expense, "budget_line_uuid", test_world_uuid (other, "budget_line"),
                  "groupdesk-cli list budget-lines");
  /* A record of another kind is not a budget line. */
  assert_refused (f, expense, "budget_line_uuid", test_world_uuid (f->world, "workplan"),
                  "(budget_line_uuid)");

  assert_sets (f, activity, "themes", " training , risk_mitigation,training ");
  themes = desk_record_get_set (activity, "themes");
  g_assert_cmpuint (g_strv_length ((char **) themes), ==, 2);
  g_assert_cmpstr (themes[0], ==, "training");
  g_assert_cmpstr (themes[1], ==, "risk_mitigation");
  assert_refused (f, activity, "themes", "training,cooking", "“cooking” is not one of the values allowed");

  assert_sets (f, activity, "supporting_members", member);
  g_assert_cmpstr (desk_record_get_set (activity, "supporting_members")[0], ==, member);
  assert_refused (f, activity, "supporting_members", test_world_uuid (other, "member"), "(supporting_members)");
}

static void
test_text_and_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");
  g_autoptr(DeskRecord) deliverable = copy_of (f, "deliverable");

  assert_sets (f, expense, "payee", "  Hôtel Tarkwa, 酒店 ");
  g_assert_cmpstr (desk_record_get_string (expense, "payee"), ==, "Hôtel Tarkwa, 酒店");
  assert_refused (f, expense, "payee", "\xff\xfe", "not valid UTF-8");

  /* Empty clears the field, as an empty entry does in the app. */
  assert_sets (f, deliverable, "delivered_on", "2026-03-01");
  assert_sets (f, deliverable, "delivered_on", " ");
  g_assert_false (desk_record_is_set (deliverable, "delivered_on"));
}

static void
test_fields_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskRecord) expense = copy_of (f, "expense");
  g_autoptr(DeskRecord) export = copy_of (f, "export");
  const char *managed[] = { "uuid", "group_uuid", "group", "updated" };
  gboolean as_written = TRUE;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (managed); i++)
    {
      g_autofree char *expected = g_strdup_printf ("“%s” cannot be changed", managed[i]);

      assert_refused (f, expense, managed[i], "x", expected);
    }
  assert_refused (f, expense, "colour", "red",
                  "“colour” is not a field of expense records. See the fields with “groupdesk-cli show expense UUID --json”.");
  /* Only money goes without its suffix. */
  assert_refused (f, expense, "payee_minor", "1", "is not a field");

  /* An export's record is what was sent; its endorsement is written down later. */
  assert_refused (f, export, "period_end", "2026-12-31", "“End of the period” (period_end) cannot be changed");
  assert_refused (f, export, "sequence", "9", "(sequence) cannot be changed");
  assert_sets (f, export, "endorsed_on", "2026-07-10");
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_on"), ==, "2026-07-10");

  g_assert_nonnull (desk_record_text_field (DESK_KIND_EXPENSE, "amount", &as_written, &error));
  g_assert_no_error (error);
  g_assert_true (as_written);
  g_assert_nonnull (desk_record_text_field (DESK_KIND_EXPENSE, "amount_minor", &as_written, &error));
  g_assert_false (as_written);
}

#define ADD(path, func) \
  g_test_add ("/core/record-text/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("dates", test_dates);
  ADD ("codes-and-choices", test_codes_and_choices);
  ADD ("numbers", test_numbers);
  ADD ("money", test_money);
  ADD ("references-and-sets", test_references_and_sets);
  ADD ("text-and-empty", test_text_and_empty);
  ADD ("fields-refused", test_fields_refused);

  return g_test_run ();
}
