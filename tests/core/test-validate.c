/* test-validate.c — every rule a record meets before it reaches the database
 *
 * Most cases start from a valid stored record of the kind (which must pass, so a case
 * cannot pass for the wrong reason), break one field, and check that validation, update
 * and insert all refuse it with DESK_ERROR_INVALID naming that field, and that nothing
 * in the database changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  DeskStore *store;
  TestWorld *a;
  TestWorld *b;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_open_memory (NULL);
  fixture->a = test_world_new (fixture->store, "GH-A");
  fixture->b = test_world_new (fixture->store, "GH-B");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_world_free (fixture->a);
  test_world_free (fixture->b);
  g_clear_object (&fixture->store);
}

/* A copy of world A's stored record of @kind: the starting point of each case. */
static DeskRecord *
stored (Fixture        *fixture,
        const DeskKind *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  DeskRecord *record = desk_store_get (fixture->store, kind,
                                       test_world_uuid (fixture->a, kind->name), &error);

  g_assert_no_error (error);
  if (!desk_store_validate (fixture->store, record, &bad, &error))
    g_error ("the stored %s does not validate (%s): %s", kind->name, bad, error->message);

  return record;
}

static void
assert_valid (Fixture    *fixture,
              DeskRecord *record)
{
  g_autoptr(DeskRecord) probe = desk_record_copy (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  if (!desk_store_validate (fixture->store, probe, &bad, &error))
    g_error ("%s should be valid, but %s: %s", desk_record_get_kind (record)->name, bad,
             error->message);
}

/* @record breaks a rule on @field: nothing accepts it, nothing is written. */
static void
assert_refused (Fixture    *fixture,
                DeskRecord *record,
                const char *field)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const char *uuid = desk_record_get_uuid (record);
  g_autoptr(DeskRecord) probe = desk_record_copy (record);
  g_autoptr(DeskRecord) insert = desk_record_copy (record);
  g_autoptr(DeskRecord) before = NULL;
  g_autoptr(DeskRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  gint64 rows = test_count_all_rows (fixture->store);

  if (desk_store_validate (fixture->store, probe, &bad, &error))
    g_error ("%s: the change to %s should have been refused", kind->name, field);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  if (g_strcmp0 (bad, field) != 0)
    g_error ("%s: expected the error on %s, got it on %s: %s", kind->name, field, bad,
             error->message);
  g_clear_error (&error);

  if (uuid != NULL)
    {
      g_autoptr(DeskRecord) update = desk_record_copy (record);

      before = desk_store_get (fixture->store, kind, uuid, NULL);
      g_assert_false (desk_store_update (fixture->store, update, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_clear_error (&error);
    }

  desk_record_set_uuid (insert, NULL);
  g_assert_false (desk_store_insert (fixture->store, insert, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);

  g_assert_cmpint (test_count_all_rows (fixture->store), ==, rows);
  if (before != NULL)
    {
      after = desk_store_get (fixture->store, kind, uuid, NULL);
      test_assert_same_record (before, after);
      g_assert_cmpstr (desk_record_get_updated (after), ==, desk_record_get_updated (before));
    }
}

/* Sets @field of a fresh copy of the stored record to @value and expects a refusal on
 * @bad_field (@field when NULL). */
static void
assert_value_refused (Fixture        *fixture,
                      const DeskKind *kind,
                      const char     *field,
                      const char     *value,
                      const char     *bad_field)
{
  g_autoptr(DeskRecord) record = stored (fixture, kind);
  g_autofree char *shown = g_strescape (value != NULL ? value : "(unset)", NULL);

  /* Escaped and cut short: a TAP comment is one line. */
  g_test_message ("%s.%s = %.40s", kind->name, field, shown);
  test_set_field (record, field, value);
  assert_refused (fixture, record, bad_field != NULL ? bad_field : field);
}

static void
assert_value_valid (Fixture        *fixture,
                    const DeskKind *kind,
                    const char     *field,
                    const char     *value)
{
  g_autoptr(DeskRecord) record = stored (fixture, kind);

  test_set_field (record, field, value);
  assert_valid (fixture, record);
}

/* Data-driven rules: by the fields' types and flags, over every kind */

static void
test_required (Fixture       *fixture,
               gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      {
        if ((f->flags & DESK_FIELD_REQUIRED) == 0)
          continue;
        assert_value_refused (fixture, *k, f->name, NULL, NULL);
        if (f->type == DESK_FIELD_TEXT)
          {
            assert_value_refused (fixture, *k, f->name, "", NULL);
            assert_value_refused (fixture, *k, f->name, " \t\xe3\x80\x80", NULL);
          }
        n++;
      }
  g_assert_cmpuint (n, >, 30);
}

static void
test_non_negative_positive (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      {
        if ((f->flags & DESK_FIELD_NON_NEGATIVE) != 0)
          {
            assert_value_refused (fixture, *k, f->name, "-1", NULL);
            assert_value_valid (fixture, *k, f->name, "0");
            n++;
          }
        if ((f->flags & DESK_FIELD_POSITIVE) != 0)
          {
            assert_value_refused (fixture, *k, f->name, "0", NULL);
            assert_value_refused (fixture, *k, f->name, "-5", NULL);
            n++;
          }
      }
  g_assert_cmpuint (n, >=, 10);
}

static void
test_currency (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *const bad[] = { "XYZ", "usd", "", "GHSS", "G" };
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_CURRENCY)
        {
          for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
            assert_value_refused (fixture, *k, f->name, bad[i], NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 5);
  assert_value_valid (fixture, DESK_KIND_EXPENSE, "currency", "JPY");
}

static void
test_codes (Fixture       *fixture,
            gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      {
        if (f->type == DESK_FIELD_CODE)
          {
            assert_value_refused (fixture, *k, f->name, "no_such_code", NULL);
            assert_value_refused (fixture, *k, f->name, "", NULL);
            n++;
          }
        else if (f->type == DESK_FIELD_CODE_SET)
          {
            g_autofree char *valid_then_bad = NULL;

            /* One good code and one unknown: the whole set is refused. */
            valid_then_bad = g_strdup_printf ("%s,no_such_code",
                                              g_str_equal (f->ref, "themes") ? "training" : "youth");
            assert_value_refused (fixture, *k, f->name, valid_then_bad, NULL);
            n++;
          }
      }
  g_assert_cmpuint (n, >=, 12);

  assert_value_refused (fixture, DESK_KIND_MEMBER, "pillar", "military", NULL);
  assert_value_valid (fixture, DESK_KIND_MEMBER, "pillar", "other");
}

static void
test_choices (Fixture       *fixture,
              gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_CHOICE)
        {
          g_auto(GStrv) choices = g_strsplit (f->ref, "|", -1);
          g_autofree char *upper = g_ascii_strup (choices[0], -1);
          g_autofree char *joined = g_strdup_printf ("%s|%s", choices[0], choices[1]);
          g_autofree char *shorter = g_strndup (choices[1], strlen (choices[1]) - 1);
          g_autofree char *longer = g_strconcat (choices[1], "s", NULL);

          assert_value_refused (fixture, *k, f->name, "no_such_choice", NULL);
          assert_value_refused (fixture, *k, f->name, "", NULL);
          assert_value_refused (fixture, *k, f->name, upper, NULL);
          assert_value_refused (fixture, *k, f->name, joined, NULL);
          /* A choice's beginning, or more than it, is not that choice. */
          assert_value_refused (fixture, *k, f->name, shorter, NULL);
          assert_value_refused (fixture, *k, f->name, longer, NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 10);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *const bad[] = {
    "2025-02-30", "25-1-1", "2025/01/01", "2025-13-01", "2026-02-29", "", "tomorrow",
    "2026-01-01T00:00:00Z",
  };
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_DATE)
        {
          for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
            assert_value_refused (fixture, *k, f->name, bad[i], NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 20);

  /* A leap day is a day. */
  assert_value_valid (fixture, DESK_KIND_DELIVERABLE, "due_date", "2028-02-29");
}

static void
test_missing_reference (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *missing = g_uuid_string_random ();
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_REF || f->type == DESK_FIELD_REF_SET)
        {
          assert_value_refused (fixture, *k, f->name, missing, NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 20);

  /* A record deleted a moment ago is missing too. */
  {
    g_autoptr(DeskRecord) record = stored (fixture, DESK_KIND_DELIVERABLE);
    g_autoptr(GError) error = NULL;
    g_autoptr(DeskRecord) activity = test_world_new_record (fixture->a, DESK_KIND_ACTIVITY);

    g_assert_true (desk_store_insert (fixture->store, activity, &error));
    g_assert_true (desk_store_delete (fixture->store, DESK_KIND_ACTIVITY,
                                      desk_record_get_uuid (activity), &error));
    test_set_field (record, "activity_uuid", desk_record_get_uuid (activity));
    assert_refused (fixture, record, "activity_uuid");
  }
}

/* A reference must stay within the record's group; only the field that gives the record
 * its group (a deliverable's activity) may point anywhere, and the record then moves. */
static void
test_other_group_reference (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if ((f->type == DESK_FIELD_REF || f->type == DESK_FIELD_REF_SET) &&
          g_strcmp0 ((*k)->group_via, f->name) != 0)
        {
          assert_value_refused (fixture, *k, f->name, test_world_uuid (fixture->b, f->ref), NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 10);

  /* Moving an activity to group B's workplan leaves its lead member in group A. */
  assert_value_refused (fixture, DESK_KIND_ACTIVITY, "workplan_uuid",
                        test_world_uuid (fixture->b, "workplan"), "lead_member_uuid");
  /* A deliverable may move to B's activity: it then belongs to B. */
  {
    g_autoptr(DeskRecord) record = stored (fixture, DESK_KIND_DELIVERABLE);
    g_autoptr(GError) error = NULL;

    test_set_field (record, "activity_uuid", test_world_uuid (fixture->b, "activity"));
    g_assert_true (desk_store_update (fixture->store, record, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (desk_record_get_group (record), ==, fixture->b->group);
  }
}

static void
test_text_clean (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *const bad[] = {
    "bell\x07", "C1\xc2\x85", "broken \xc3\x28 UTF-8", "truncated \xe4\xb8", "delete\x7f",
  };
  g_autofree char *long_text = g_strnfill (70 * 1024, 'a');
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_TEXT)
        {
          for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
            assert_value_refused (fixture, *k, f->name, bad[i], NULL);
          assert_value_refused (fixture, *k, f->name, long_text, NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 60);

  /* Line breaks and tabs are text. */
  assert_value_valid (fixture, DESK_KIND_ACTIVITY, "notes", "First line\nsecond\r\n\tthird");
  assert_value_valid (fixture, DESK_KIND_PERSON, "name", "王海峰");
}

static void
test_bool (Fixture       *fixture,
           gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      if (f->type == DESK_FIELD_BOOL &&
          !((*k) == DESK_KIND_EXPENSE && g_str_equal (f->name, "is_refund")))
        {
          assert_value_refused (fixture, *k, f->name, "2", NULL);
          assert_value_refused (fixture, *k, f->name, "-1", NULL);
          n++;
        }
  g_assert_cmpuint (n, >=, 4);
}

/* Rules of single kinds */

static void
test_narrative (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { const char *kind; const char *base; } required[] = {
    { "group", "name" }, { "member", "name" }, { "workplan", "title" },
    { "activity", "title" }, { "deliverable", "title" }, { "indicator", "name" },
    { "budget_line", "description" }, { "workshop", "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const DeskKind *kind = desk_kind_lookup (required[i].kind);
      g_autofree char *en = g_strconcat (required[i].base, "_en", NULL);
      g_autofree char *zh = g_strconcat (required[i].base, "_zh", NULL);
      g_autoptr(DeskRecord) empty = stored (fixture, kind);
      g_autoptr(DeskRecord) blank = stored (fixture, kind);
      g_autoptr(DeskRecord) only_zh = stored (fixture, kind);
      g_autoptr(DeskRecord) only_en = stored (fixture, kind);

      g_test_message ("%s.%s", kind->name, required[i].base);
      test_set_field (empty, en, NULL);
      test_set_field (empty, zh, "");
      assert_refused (fixture, empty, en);

      test_set_field (blank, en, "   ");
      test_set_field (blank, zh, "\xe3\x80\x80");
      assert_refused (fixture, blank, en);

      test_set_field (only_zh, en, "");
      test_set_field (only_zh, zh, "只有中文");
      assert_valid (fixture, only_zh);

      test_set_field (only_en, en, "English only");
      test_set_field (only_en, zh, NULL);
      assert_valid (fixture, only_en);
    }
}

static void
test_date_order (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct { const char *kind; const char *start; const char *end; } pairs[] = {
    { "workplan", "period_start", "period_end" },
    { "activity", "planned_start", "planned_end" },
    { "activity", "actual_start", "actual_end" },
    { "indicator_value", "period_start", "period_end" },
    { "workshop", "start_date", "end_date" },
    { "export", "period_start", "period_end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const DeskKind *kind = desk_kind_lookup (pairs[i].kind);
      g_autoptr(DeskRecord) before = stored (fixture, kind);
      g_autoptr(DeskRecord) same = stored (fixture, kind);

      g_test_message ("%s: %s before %s", kind->name, pairs[i].end, pairs[i].start);
      test_set_field (before, pairs[i].start, "2026-05-02");
      test_set_field (before, pairs[i].end, "2026-05-01");
      assert_refused (fixture, before, pairs[i].end);

      test_set_field (same, pairs[i].start, "2026-05-01");
      test_set_field (same, pairs[i].end, "2026-05-01");
      assert_valid (fixture, same);
    }
}

static void
test_expense_in_workplan (Fixture       *fixture,
                          gconstpointer  data)
{
  /* World A's workplan runs from 2026-01-01 to 2026-12-31. */
  assert_value_refused (fixture, DESK_KIND_EXPENSE, "date", "2025-12-31", NULL);
  assert_value_refused (fixture, DESK_KIND_EXPENSE, "date", "2027-01-01", NULL);
  assert_value_valid (fixture, DESK_KIND_EXPENSE, "date", "2026-01-01");
  assert_value_valid (fixture, DESK_KIND_EXPENSE, "date", "2026-12-31");
}

static void
test_refund (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DeskRecord) negative = stored (fixture, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) positive_refund = stored (fixture, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) refund = stored (fixture, DESK_KIND_EXPENSE);

  assert_value_refused (fixture, DESK_KIND_EXPENSE, "amount_minor", "0", NULL);

  test_set_field (negative, "amount_minor", "-500");
  test_set_field (negative, "is_refund", "0");
  assert_refused (fixture, negative, "amount_minor");

  test_set_field (positive_refund, "amount_minor", "500");
  test_set_field (positive_refund, "is_refund", "1");
  assert_refused (fixture, positive_refund, "amount_minor");

  test_set_field (refund, "amount_minor", "-500");
  test_set_field (refund, "is_refund", "1");
  assert_valid (fixture, refund);
}

static void
test_duplicate_attendance (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskRecord) again = test_world_new_record (fixture->a, DESK_KIND_ATTENDANCE);
  g_autoptr(DeskRecord) other_workshop = test_world_new_record (fixture->a, DESK_KIND_ATTENDANCE);
  g_autoptr(DeskRecord) workshop = test_world_new_record (fixture->a, DESK_KIND_WORKSHOP);
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, again, "person_uuid");

  g_assert_true (desk_store_insert (fixture->store, workshop, &error));
  test_set_field (other_workshop, "workshop_uuid", desk_record_get_uuid (workshop));
  g_assert_true (desk_store_insert (fixture->store, other_workshop, &error));
  g_assert_no_error (error);

  /* Moving the new entry onto the first workshop makes it a duplicate again. */
  test_set_field (other_workshop, "workshop_uuid", test_world_uuid (fixture->a, "workshop"));
  assert_refused (fixture, other_workshop, "person_uuid");
}

static void
test_duplicate_plenary_year (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskRecord) same_year = test_world_new_record (fixture->a, DESK_KIND_NOMINATION);
  g_autoptr(DeskRecord) next_year = test_world_new_record (fixture->a, DESK_KIND_NOMINATION);

  /* World B has its own 2026 nominee; that does not stop A's. */
  assert_refused (fixture, same_year, "year");
  test_set_field (next_year, "year", "2027");
  assert_valid (fixture, next_year);

  assert_value_refused (fixture, DESK_KIND_NOMINATION, "year", "1999", NULL);
  assert_value_refused (fixture, DESK_KIND_NOMINATION, "year", "2101", NULL);
}

static void
test_email (Fixture       *fixture,
            gconstpointer  data)
{
  assert_value_refused (fixture, DESK_KIND_MEMBER, "contact_email", "kwame.example.org", NULL);
  assert_value_refused (fixture, DESK_KIND_PERSON, "email", "abena at example.org", NULL);
  assert_value_valid (fixture, DESK_KIND_MEMBER, "contact_email", "");
  assert_value_valid (fixture, DESK_KIND_PERSON, "email", NULL);
}

static DeskRecord *
add_indicator (Fixture    *fixture,
               const char *unit)
{
  return test_add (fixture->store, DESK_KIND_INDICATOR, fixture->a->group,
                   "workplan_uuid", test_world_uuid (fixture->a, "workplan"),
                   "name_en", unit, "unit", unit, NULL);
}

static void
test_indicator_values (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskRecord) yes_no = add_indicator (fixture, "yes_no");
  g_autoptr(DeskRecord) percentage = add_indicator (fixture, "percentage");
  g_autoptr(DeskRecord) text = add_indicator (fixture, "text");
  g_autoptr(DeskRecord) value = stored (fixture, DESK_KIND_INDICATOR_VALUE);
  g_autoptr(DeskRecord) text_value = NULL;

  test_set_field (value, "indicator_uuid", desk_record_get_uuid (yes_no));
  test_set_field (value, "value_milli", "500");
  assert_refused (fixture, value, "value_milli");
  test_set_field (value, "value_milli", "1000");
  assert_valid (fixture, value);
  test_set_field (value, "value_milli", "0");
  assert_valid (fixture, value);

  test_set_field (value, "indicator_uuid", desk_record_get_uuid (percentage));
  test_set_field (value, "value_milli", "100001");
  assert_refused (fixture, value, "value_milli");
  test_set_field (value, "value_milli", "-1");
  assert_refused (fixture, value, "value_milli");
  test_set_field (value, "value_milli", "100000");
  assert_valid (fixture, value);

  /* A number needs a number; a text indicator needs text instead. */
  assert_value_refused (fixture, DESK_KIND_INDICATOR_VALUE, "value_milli", NULL, NULL);
  text_value = stored (fixture, DESK_KIND_INDICATOR_VALUE);
  test_set_field (text_value, "indicator_uuid", desk_record_get_uuid (text));
  test_set_field (text_value, "value_milli", NULL);
  test_set_field (text_value, "value_text", " ");
  assert_refused (fixture, text_value, "value_text");
  test_set_field (text_value, "value_text", "Adopted by the ministry");
  assert_valid (fixture, text_value);

  /* The baseline follows the unit too. */
  {
    g_autoptr(DeskRecord) indicator = stored (fixture, DESK_KIND_INDICATOR);

    test_set_field (indicator, "unit", "yes_no");
    test_set_field (indicator, "baseline_milli", "2000");
    assert_refused (fixture, indicator, "baseline_milli");
    test_set_field (indicator, "unit", "percentage");
    test_set_field (indicator, "baseline_milli", "150000");
    assert_refused (fixture, indicator, "baseline_milli");
    test_set_field (indicator, "baseline_milli", "50000");
    assert_valid (fixture, indicator);
  }
}

static void
test_activity_of_other_workplan (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(DeskRecord) workplan = test_world_new_record (fixture->a, DESK_KIND_WORKPLAN);
  g_autoptr(DeskRecord) indicator = stored (fixture, DESK_KIND_INDICATOR);
  g_autoptr(DeskRecord) line = stored (fixture, DESK_KIND_BUDGET_LINE);
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_insert (fixture->store, workplan, &error));
  test_set_field (indicator, "workplan_uuid", desk_record_get_uuid (workplan));
  assert_refused (fixture, indicator, "activity_uuid");
  test_set_field (line, "workplan_uuid", desk_record_get_uuid (workplan));
  assert_refused (fixture, line, "activity_uuid");

  /* Without an activity, any workplan of the group will do. */
  test_set_field (line, "activity_uuid", NULL);
  assert_valid (fixture, line);
}

static void
test_deliverable_and_activity_rules (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(DeskRecord) deliverable = stored (fixture, DESK_KIND_DELIVERABLE);
  g_autoptr(DeskRecord) activity = stored (fixture, DESK_KIND_ACTIVITY);

  test_set_field (deliverable, "delivered_on", "2026-02-20");
  assert_refused (fixture, deliverable, "delivered_on");
  test_set_field (deliverable, "status", "delivered");
  assert_valid (fixture, deliverable);

  test_set_field (activity, "status", "done");
  test_set_field (activity, "actual_start", "2026-02-01");
  assert_refused (fixture, activity, "actual_end");
  test_set_field (activity, "actual_end", "2026-02-02");
  assert_valid (fixture, activity);
}

static void
test_rate_rules (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_value_refused (fixture, DESK_KIND_RATE, "currency", "GHS", NULL);
  assert_value_refused (fixture, DESK_KIND_RATE, "rate_scale", "13", "rate_mantissa");
  assert_value_valid (fixture, DESK_KIND_RATE, "rate_scale", "12");
  /* A unit of another currency worth at most a billion of the reporting one; at most 15
   * significant digits. The recipe's rate is 15.50 (mantissa 1550, scale 2). */
  assert_value_refused (fixture, DESK_KIND_RATE, "rate_mantissa", "100000000001", NULL);
  assert_value_valid (fixture, DESK_KIND_RATE, "rate_mantissa", "100000000000");
  assert_value_refused (fixture, DESK_KIND_RATE, "rate_mantissa", "1000000000000000000", NULL);
  assert_value_refused (fixture, DESK_KIND_RATE, "rate_scale", "9223372036854775807", "rate_mantissa");
}

/* Every whole number, amount and thousandths of every kind stays within the bounds of
 * desk-money.h, so that no sum can wrap; INT64_MIN and INT64_MAX never get in. */
static void
test_number_bounds (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n = 0;

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    for (const DeskField *f = (*k)->fields; f->name != NULL; f++)
      {
        gint64 bound = desk_number_bound (f->type);
        gint64 values[] = { G_MAXINT64, G_MININT64, bound + 1, -bound - 1 };

        if (bound == 0)
          continue;
        for (guint i = 0; i < G_N_ELEMENTS (values); i++)
          {
            g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, values[i]);
            /* A scale too large is refused as a rate with too many decimals. */
            const char *bad = g_str_equal (f->name, "rate_scale") && values[i] > 0 ? "rate_mantissa" : NULL;

            assert_value_refused (fixture, *k, f->name, text, bad);
          }
        n++;
      }
  g_assert_cmpuint (n, >=, 14);

  /* The bounds themselves are figures a coordinator may enter. */
  assert_value_valid (fixture, DESK_KIND_EXPENSE, "amount_minor", "1000000000000000");
  assert_value_valid (fixture, DESK_KIND_FUNDING, "amount_minor", "1000000000000000");
  assert_value_valid (fixture, DESK_KIND_INDICATOR, "baseline_milli", "1000000000000000");
  assert_value_valid (fixture, DESK_KIND_INDICATOR, "baseline_milli", "-1000000000000000");
  assert_value_valid (fixture, DESK_KIND_INDICATOR_VALUE, "value_milli", "1000000000000000");
  assert_value_valid (fixture, DESK_KIND_WORKSHOP, "planned_participants", "1000000000000000");
  assert_value_valid (fixture, DESK_KIND_BUDGET_LINE, "unit_cost_minor", "500000000000000");
  assert_value_refused (fixture, DESK_KIND_BUDGET_LINE, "unit_cost_minor", "500000000000001", NULL);
}

static void
test_group_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *const countries[] = { "gh", "GHA", "G1", "G" };
  static const char *const codes[] = { "GH VPI", "GH/1", "组" };
  g_autoptr(DeskRecord) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    assert_value_refused (fixture, DESK_KIND_GROUP, "country", countries[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_value_refused (fixture, DESK_KIND_GROUP, "code", codes[i], NULL);
  assert_value_valid (fixture, DESK_KIND_GROUP, "code", "GH_VPI-2");

  /* A new group without a code (the UI checks it before it has a UUID) is valid, and
   * gets a code from its country when it is stored. */
  fresh = test_record_new (DESK_KIND_GROUP, NULL, "name_en", "New group", "country", "NG",
                           "currency", "NGN", NULL);
  if (!desk_store_validate (fixture->store, fresh, &bad, &error))
    g_error ("a new group without a code should validate, but %s: %s", bad, error->message);
  g_assert_true (desk_store_insert (fixture->store, fresh, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (desk_record_get_string (fresh, "code"), "NG-"));
}

static void
test_export_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_value_refused (fixture, DESK_KIND_EXPORT, "sha256",
                        "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", NULL);
  assert_value_refused (fixture, DESK_KIND_EXPORT, "sha256", "0123456789abcdef", NULL);
  assert_value_refused (fixture, DESK_KIND_EXPORT, "sha256",
                        "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL);
}

static void
test_group_of_record (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskRecord) orphan = stored (fixture, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) lost = stored (fixture, DESK_KIND_MEMBER);

  desk_record_set_group (orphan, NULL);
  assert_refused (fixture, orphan, "group");
  desk_record_set_group (lost, "no-such-group");
  assert_refused (fixture, lost, "group");
}

/* While an import runs, the store answers reference checks from the records the import
 * wrote and the parents it read (_desk_store_remember_import). Its answers must be the
 * ones the database gives, with the same sentences, after every kind of change. */
static void
import_write (Fixture    *fixture,
              DeskRecord *record,
              gboolean    is_insert)
{
  g_autoptr(GError) error = NULL;

  if (!_desk_store_write_imported (fixture->store, record, is_insert, "2026-06-01T00:00:00Z",
                                   &error))
    g_error ("the imported %s was refused: %s", desk_record_get_kind (record)->name,
             error->message);
}

/* @record is refused on @field with a message that holds @words. */
static void
assert_refused_with (Fixture    *fixture,
                     DeskRecord *record,
                     const char *field,
                     const char *words)
{
  g_autoptr(DeskRecord) probe = desk_record_copy (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  g_assert_false (desk_store_validate (fixture->store, probe, &bad, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, field);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” is not in “%s”", words, error->message);
}

static DeskRecord *
new_copy (Fixture        *fixture,
          const DeskKind *kind)
{
  DeskRecord *record = stored (fixture, kind);
  g_autofree char *uuid = g_uuid_string_random ();

  desk_record_set_uuid (record, uuid);

  return record;
}

static void
test_import_memo (Fixture       *fixture,
                  gconstpointer  data)
{
  DeskStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) workplan = new_copy (fixture, DESK_KIND_WORKPLAN);
  g_autoptr(DeskRecord) line = new_copy (fixture, DESK_KIND_BUDGET_LINE);
  g_autoptr(DeskRecord) expense = new_copy (fixture, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) wrong_kind = NULL;
  g_autoptr(DeskRecord) member = new_copy (fixture, DESK_KIND_MEMBER);
  g_autoptr(DeskRecord) person = new_copy (fixture, DESK_KIND_PERSON);
  g_autoptr(DeskRecord) after = NULL;

  g_assert_true (desk_store_begin (store, &error));
  _desk_store_remember_import (store, TRUE);

  /* A parent written earlier in the same import, and read once by validation. */
  test_set_field (workplan, "period_start", "2027-01-01");
  test_set_field (workplan, "period_end", "2027-06-30");
  desk_record_unset (workplan, "previous_uuid");
  import_write (fixture, workplan, TRUE);
  test_set_field (line, "workplan_uuid", desk_record_get_uuid (workplan));
  desk_record_unset (line, "activity_uuid");
  import_write (fixture, line, TRUE);
  test_set_field (expense, "budget_line_uuid", desk_record_get_uuid (line));
  test_set_field (expense, "date", "2027-03-01");
  assert_valid (fixture, expense);
  test_set_field (expense, "date", "2027-09-01");
  assert_refused_with (fixture, expense, "date", "outside its workplan (2027-01-01 to 2027-06-30)");

  /* The parent changed by the import: the new period holds, not the one read before. */
  test_set_field (workplan, "period_end", "2027-12-31");
  import_write (fixture, workplan, FALSE);
  assert_valid (fixture, expense);

  /* A record of the import, of another kind than the field names. */
  wrong_kind = desk_record_copy (expense);
  test_set_field (wrong_kind, "budget_line_uuid", desk_record_get_uuid (workplan));
  assert_refused_with (fixture, wrong_kind, "budget_line_uuid", "does not exist");

  /* A parent of the import in another group; then moved to this one. */
  desk_record_set_group (member, fixture->b->group);
  import_write (fixture, member, TRUE);
  test_set_field (person, "member_uuid", desk_record_get_uuid (member));
  assert_refused_with (fixture, person, "member_uuid", "another group");
  desk_record_set_group (member, fixture->a->group);
  import_write (fixture, member, FALSE);
  assert_valid (fixture, person);

  /* Deleted during the import, whatever the way (here a cascade from its workplan). */
  g_assert_true (desk_store_delete (store, DESK_KIND_WORKPLAN, desk_record_get_uuid (workplan),
                                    &error));
  g_assert_no_error (error);
  assert_refused_with (fixture, expense, "budget_line_uuid", "does not exist");

  /* Rolled back: what the import wrote is forgotten with it. */
  import_write (fixture, workplan, TRUE);
  import_write (fixture, line, TRUE);
  assert_valid (fixture, expense);
  desk_store_rollback (store);
  _desk_store_remember_import (store, FALSE);
  assert_refused_with (fixture, expense, "budget_line_uuid", "does not exist");
  assert_refused_with (fixture, person, "member_uuid", "does not exist");
  after = desk_store_get (store, DESK_KIND_WORKPLAN, desk_record_get_uuid (workplan), &error);
  g_assert_null (after);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/validate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("every-kind/required", test_required);
  ADD ("every-kind/non-negative-positive", test_non_negative_positive);
  ADD ("every-kind/currency", test_currency);
  ADD ("every-kind/code", test_codes);
  ADD ("every-kind/choice", test_choices);
  ADD ("every-kind/date", test_dates);
  ADD ("every-kind/missing-reference", test_missing_reference);
  ADD ("every-kind/other-group-reference", test_other_group_reference);
  ADD ("every-kind/text-clean", test_text_clean);
  ADD ("every-kind/bool", test_bool);
  ADD ("narrative", test_narrative);
  ADD ("date-order", test_date_order);
  ADD ("expense-in-workplan", test_expense_in_workplan);
  ADD ("refund", test_refund);
  ADD ("duplicate-attendance", test_duplicate_attendance);
  ADD ("duplicate-plenary-year", test_duplicate_plenary_year);
  ADD ("email", test_email);
  ADD ("indicator-values", test_indicator_values);
  ADD ("activity-of-other-workplan", test_activity_of_other_workplan);
  ADD ("deliverable-and-activity", test_deliverable_and_activity_rules);
  ADD ("rate", test_rate_rules);
  ADD ("every-kind/number-bounds", test_number_bounds);
  ADD ("group", test_group_rules);
  ADD ("export", test_export_rules);
  ADD ("group-of-record", test_group_of_record);
  ADD ("import-memo", test_import_memo);

#undef ADD

  return g_test_run ();
}
