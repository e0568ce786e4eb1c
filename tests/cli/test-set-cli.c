/* test-set-cli — groupdesk-cli set and locks, through the binary
 *
 * The sample group's dates follow the day the tests run, so each test finds its records
 * by what they are (the first expense, one of the same day, one later) rather than by
 * fixed dates, and exports a bundle for the first expense's day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

/* The records of @kind as `list KIND --json` prints them; unref the parser after use. */
static JsonArray *
list_json (Fixture     *fixture,
           const char  *plural,
           JsonParser  *parser)
{
  g_auto(Run) run = { 0 };
  JsonArray *array;

  run_cli (&run, "--db", fixture->db, "list", plural, "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (array), >, 0);

  return json_array_ref (array);
}

static char *
nth_uuid (Fixture    *fixture,
          const char *plural,
          guint       index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) records = list_json (fixture, plural, parser);

  g_assert_cmpuint (index, <, json_array_get_length (records));

  return g_strdup (json_object_get_string_member (json_array_get_object_element (records, index), "uuid"));
}

/* A field of a record as `show KIND UUID --json` prints it: text as it is, numbers in
 * decimal, true/false, arrays joined by commas, "null". */
static char *
show_field (Fixture    *fixture,
            const char *kind,
            const char *uuid,
            const char *field)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonNode *node;

  run_cli (&run, "--db", fixture->db, "show", kind, uuid, "--json");
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (object, field);
  g_assert_nonnull (node);

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (joined, "%s%s", i > 0 ? "," : "", json_array_get_string_element (array, i));
      return g_string_free (g_steal_pointer (&joined), FALSE);
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");

  return g_strdup (json_node_get_string (node));
}

static void
assert_field (Fixture    *fixture,
              const char *kind,
              const char *uuid,
              const char *field,
              const char *expected)
{
  g_autofree char *value = show_field (fixture, kind, uuid, field);

  g_assert_cmpstr (value, ==, expected);
}

/* Everything the database holds, as the CLI reads it back: what "unchanged" compares. */
static char *
snapshot (Fixture *fixture)
{
  /* The file's bytes say it all; the records read back say what differs, if anything. */
  static const char *const plurals[] = { "expenses", "activities", "budget-lines" };
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *file = digest (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (plurals); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", fixture->db, "list", plurals[i], "--json");
      assert_ok (&run);
      g_string_append (all, run.out);
    }
  g_string_append (all, file);

  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* Runs set with @args and checks its status, that stderr says @expected (on a failure)
 * and, on a failure, that nothing changed. */
static void
set_expect (Fixture     *fixture,
            int          status,
            const char  *expected,
            const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fixture->db);
  g_ptr_array_add (argv, (gpointer) "set");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  run_cliv (&run, NULL, (const char **) argv->pdata);

  if (run.status != status)
    g_error ("set exited with %d, not %d: %s", run.status, status, run.err);
  if (status == 0)
    {
      g_assert_nonnull (strstr (run.out, "Changed the "));
      return;
    }
  if (expected != NULL && strstr (run.err, expected) == NULL)
    g_error ("“%s” does not say “%s”", run.err, expected);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

#define set_ok(fixture, ...) set_expect ((fixture), 0, NULL, (const char *[]) { __VA_ARGS__, NULL })
#define set_fails(fixture, status, expected, ...) \
  set_expect ((fixture), (status), (expected), (const char *[]) { __VA_ARGS__, NULL })

static void
test_field_types (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *expense = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *workshop = NULL;
  g_autofree char *line = NULL;
  g_autofree char *other_line = NULL;
  g_autofree char *assign_line = NULL;

  demo (fixture);
  expense = nth_uuid (fixture, "expenses", 0);
  activity = nth_uuid (fixture, "activities", 0);
  workshop = nth_uuid (fixture, "workshops", 0);
  line = show_field (fixture, "expense", expense, "budget_line_uuid");
  other_line = nth_uuid (fixture, "budget-lines", 0);
  if (g_str_equal (other_line, line))
    {
      g_free (other_line);
      other_line = nth_uuid (fixture, "budget-lines", 1);
    }
  assign_line = g_strconcat ("budget_line_uuid=", other_line, NULL);

  /* Text, a date as ISO, money as written, yes/no, all in one write. */
  set_ok (fixture, "expense", expense, "payee=Hotel Tarkwa", "note=Two nights",
          "reference=R-1", "amount=1,234.50");
  assert_field (fixture, "expense", expense, "payee", "Hotel Tarkwa");
  assert_field (fixture, "expense", expense, "note", "Two nights");
  assert_field (fixture, "expense", expense, "amount_minor", "123450");

  set_ok (fixture, "expenses", expense, "amount_minor=99", assign_line);
  assert_field (fixture, "expense", expense, "amount_minor", "99");
  assert_field (fixture, "expense", expense, "budget_line_uuid", other_line);

  /* A refund: yes/no, and a negative amount. */
  set_ok (fixture, "expense", expense, "is_refund=yes", "amount=-5");
  assert_field (fixture, "expense", expense, "is_refund", "true");
  assert_field (fixture, "expense", expense, "amount_minor", "-500");

  /* Codes, choices and sets. */
  set_ok (fixture, "activity", activity, "kind=training", "status=postponed", "themes=risk_mitigation, training");
  assert_field (fixture, "activity", activity, "kind", "training");
  assert_field (fixture, "activity", activity, "status", "postponed");
  assert_field (fixture, "activity", activity, "themes", "risk_mitigation,training");

  /* Whole numbers. */
  set_ok (fixture, "workshop", workshop, "planned_participants=45", "town=Obuasi");
  assert_field (fixture, "workshop", workshop, "planned_participants", "45");
  assert_field (fixture, "workshop", workshop, "town", "Obuasi");
}

static void
test_money_decimals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *expense = NULL;

  demo (fixture);
  expense = nth_uuid (fixture, "expenses", 0);

  /* The currency is applied first, whatever the order: the amount is read in it. */
  set_ok (fixture, "expense", expense, "amount=1234", "currency=JPY");
  assert_field (fixture, "expense", expense, "amount_minor", "1234");
  assert_field (fixture, "expense", expense, "currency", "JPY");
  set_fails (fixture, 1, "“Amount” (amount_minor)", "expense", expense, "amount=1234.5");

  set_ok (fixture, "expense", expense, "amount=1.234", "currency=BHD");
  assert_field (fixture, "expense", expense, "amount_minor", "1234");
  set_fails (fixture, 1, "(amount_minor)", "expense", expense, "amount=1.2345");

  set_ok (fixture, "expense", expense, "currency=ghs", "amount=1234.50");
  assert_field (fixture, "expense", expense, "amount_minor", "123450");
  assert_field (fixture, "expense", expense, "currency", "GHS");
  set_fails (fixture, 1, "(amount_minor)", "expense", expense, "amount=1234.505");
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *expense = NULL;
  g_autofree char *activity = NULL;

  demo (fixture);
  expense = nth_uuid (fixture, "expenses", 0);
  activity = nth_uuid (fixture, "activities", 0);

  /* Usage: exit 2. */
  set_fails (fixture, 2, "“colour” is not a field of expense records. See the fields with "
                         "“groupdesk-cli show expense UUID --json”.",
             "expense", expense, "colour=red");
  set_fails (fixture, 2, "“uuid” cannot be changed", "expense", expense, "uuid=x");
  set_fails (fixture, 2, "“group_uuid” cannot be changed", "expense", expense, "group_uuid=x");
  set_fails (fixture, 2, "“updated” cannot be changed", "expense", expense, "updated=x");
  set_fails (fixture, 2, "“payee” is not an assignment", "expense", expense, "payee");
  set_fails (fixture, 2, "“payee” is given twice", "expense", expense, "payee=a", "payee=b");
  set_fails (fixture, 2, "“amount_minor” is given twice", "expense", expense, "amount=1", "amount_minor=2");
  set_fails (fixture, 2, "is not a kind of record", "expence", expense, "payee=a");
  set_fails (fixture, 2, "needs a kind of record, an identifier and at least one", "expense", expense);
  set_fails (fixture, 2, "Unknown option “--force”", "expense", expense, "payee=a", "--force");
  set_fails (fixture, 2, "needs a value", "expense", expense, "payee=a", "--reason");

  /* Values that do not parse, and a record the rules refuse: exit 1, naming the field. */
  set_fails (fixture, 1, "“Date” (date): “2026-02-30” is not a date.", "expense", expense,
             "date=2026-02-30");
  set_fails (fixture, 1, "“Amount” (amount_minor)", "expense", expense, "amount=lots");
  set_fails (fixture, 1, "“Refund” (is_refund)", "expense", expense, "is_refund=perhaps");
  set_fails (fixture, 1, "“Currency” (currency)", "expense", expense, "currency=XYZ");
  set_fails (fixture, 1, "(budget_line_uuid): This group has no budget line", "expense", expense,
             "budget_line_uuid=00000000-0000-4000-8000-000000000000");
  set_fails (fixture, 1, "planned, in_progress, done, postponed, cancelled", "activity", activity,
             "status=finished");
  set_fails (fixture, 1, "An expense of zero records nothing", "expense", expense, "amount=0");
  /* One bad value among good ones: none is written. */
  set_fails (fixture, 1, "(date)", "expense", expense, "payee=Written?", "date=someday");
  set_fails (fixture, 1, NULL, "expense", "00000000-0000-4000-8000-000000000000", "payee=a");
}

/* The sample group's first expense, another of the same day, and one of a later day. */
static void
find_expenses (Fixture  *fixture,
               char    **first,
               char    **same_day,
               char    **later,
               char    **day)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) expenses = list_json (fixture, "expenses", parser);
  JsonObject *e0 = json_array_get_object_element (expenses, 0);

  *first = g_strdup (json_object_get_string_member (e0, "uuid"));
  *day = g_strdup (json_object_get_string_member (e0, "date"));
  *same_day = NULL;
  *later = NULL;
  for (guint i = 1; i < json_array_get_length (expenses); i++)
    {
      JsonObject *e = json_array_get_object_element (expenses, i);
      const char *date = json_object_get_string_member (e, "date");

      if (*same_day == NULL && g_str_equal (date, *day))
        *same_day = g_strdup (json_object_get_string_member (e, "uuid"));
      else if (*later == NULL && g_strcmp0 (date, *day) > 0)
        *later = g_strdup (json_object_get_string_member (e, "uuid"));
    }
  /* The sample group has two expenses on its first day, and more later. */
  g_assert_nonnull (*same_day);
  g_assert_nonnull (*later);
}

static void
export_day (Fixture    *fixture,
            const char *day)
{
  g_autofree char *bundle = g_build_filename (fixture->dir, "bundle-1.xml", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "export", "--from", day, "--to", day, "-o", bundle);
  assert_ok (&run);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *same_day = NULL;
  g_autofree char *later = NULL;
  g_autofree char *day = NULL;
  g_autofree char *line = NULL;
  g_autofree char *move_in = NULL;
  g_autofree char *workplan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *approved_today = g_date_time_format (now, "approved_on=%Y-%m-%d");
  g_auto(Run) run = { 0 };

  demo (fixture);
  find_expenses (fixture, &first, &same_day, &later, &day);
  export_day (fixture, day);
  move_in = g_strconcat ("date=", day, NULL);

  /* Without a reason: exit 1, the bundle named, how to proceed, nothing changed. */
  set_fails (fixture, 1, "This expense was reported in the bundle No. 1 for ", "expense", first,
             "payee=Changed");
  set_fails (fixture, 1, "Run the command again with --reason TEXT to change it.", "expense", first,
             "payee=Changed");
  /* Moving a later expense into the period is held too. */
  set_fails (fixture, 1, "reported in the bundle No. 1", "expense", later, move_in);
  /* A reason of spaces is no reason. */
  set_fails (fixture, 2, "The reason is empty", "expense", first, "payee=Changed", "--reason", "  ");
  set_fails (fixture, 2, "The reason is empty", "expense", first, "payee=Changed", "--reason=");

  /* With a reason: written, and that record only is unlocked. */
  set_ok (fixture, "expense", first, "payee=Changed", "--reason", "The receipt was misread");
  assert_field (fixture, "expense", first, "payee", "Changed");
  set_ok (fixture, "expense", first, "payee=Changed again");
  set_fails (fixture, 1, "reported in the bundle No. 1", "expense", same_day, "payee=Changed");
  /* A later expense, outside the period, needs no reason. */
  set_ok (fixture, "expense", later, "payee=Later payee");

  /* The approved workplan holds its budget lines. The sample's were added after its
   * approval day, so it is reopened (a reason) and approved again today. */
  line = show_field (fixture, "expense", later, "budget_line_uuid");
  workplan = show_field (fixture, "budget_line", line, "workplan_uuid");
  set_fails (fixture, 1, "This workplan is approved.", "workplan", workplan, "status=draft");
  set_ok (fixture, "workplan", workplan, "status=draft", "approved_on=", "--reason", "Approved again");
  set_ok (fixture, "workplan", workplan, "status=approved", approved_today);
  set_fails (fixture, 1, "approved workplan", "budget_line", line, "quantity_milli=2.5");
  set_ok (fixture, "budget_line", line, "quantity_milli=2.5", "--reason", "One more day agreed");
  assert_field (fixture, "budget_line", line, "quantity_milli", "2500");

  run_cli (&run, "--db", fixture->db, "locks", "--json");
  assert_ok (&run);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *locks = parse_array (parser, run.out);
    JsonObject *bundle = json_array_get_object_element (locks, 0);
    JsonObject *plan = json_array_get_object_element (locks, 1);

    g_assert_cmpuint (json_array_get_length (locks), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (bundle, "kind"), ==, "export");
    g_assert_cmpint (json_object_get_int_member (bundle, "sequence"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (bundle, "from"), ==, day);
    g_assert_cmpstr (json_object_get_string_member (bundle, "to"), ==, day);
    g_assert_nonnull (json_object_get_string_member (bundle, "locked_on"));
    g_assert_cmpint (json_object_get_int_member (bundle, "unlocked"), ==, 1);
    g_assert_cmpuint (strlen (json_object_get_string_member (bundle, "lock")), ==, 36);
    g_assert_cmpstr (json_object_get_string_member (plan, "kind"), ==, "workplan");
    g_assert_cmpint (json_object_get_int_member (plan, "sequence"), ==, 0);
    /* The plan itself (reopened) and its line. */
    g_assert_cmpint (json_object_get_int_member (plan, "unlocked"), ==, 2);
  }
}

static void
test_locks_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *same_day = NULL;
  g_autofree char *later = NULL;
  g_autofree char *day = NULL;
  g_auto(Run) run = { 0 };

  /* An empty database: nothing locked. */
  run_cli (&run, "--db", fixture->db, "locks", "--json");
  assert_ok (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  run_cli (&run, "--db", fixture->db, "locks");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Nothing is locked"));

  demo (fixture);
  find_expenses (fixture, &first, &same_day, &later, &day);
  run_cli (&run, "--db", fixture->db, "locks");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_nonnull (strstr (run.out, "Locked by the approved workplan “"));

  export_day (fixture, day);
  set_ok (fixture, "expense", first, "payee=Changed", "--reason", "Misread");
  run_cli (&run, "--db", fixture->db, "locks");
  assert_ok (&run);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_true (g_str_has_prefix (run.out, "Locked by the bundle No. 1 for "));
  g_assert_nonnull (strstr (run.out, ", exported on "));
  g_assert_nonnull (strstr (run.out, "; 1 record unlocked with a reason\n"));

  run_cli (&run, "--db", fixture->db, "locks", "extra");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "locks", "--csv");
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/set/field-types", Fixture, NULL, fixture_set_up, test_field_types, fixture_tear_down);
  g_test_add ("/cli/set/money-decimals", Fixture, NULL, fixture_set_up, test_money_decimals, fixture_tear_down);
  g_test_add ("/cli/set/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/cli/set/locked", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);
  g_test_add ("/cli/locks/text-and-json", Fixture, NULL, fixture_set_up, test_locks_text, fixture_tear_down);

  return g_test_run ();
}
