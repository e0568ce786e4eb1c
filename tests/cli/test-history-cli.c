/* test-history-cli.c — groupdesk-cli history KIND UUID [--json]: a record's changes as
 * text and as JSON, and what it refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

/* The first expense of the sample group, as `list expenses --json` prints it. */
static JsonObject *
first_expense (Fixture    *fixture,
               JsonParser *parser)
{
  g_auto(Run) run = { 0 };
  JsonArray *expenses;

  run_cli (&run, "--db", fixture->db, "list", "expenses", "--json");
  assert_ok (&run);
  expenses = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (expenses), >, 0);
  return json_object_ref (json_array_get_object_element (expenses, 0));
}

static char *
system_name (void)
{
  const char *real = g_get_real_name ();

  return g_strdup (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0
                   ? real : g_get_user_name ());
}

static void
test_history_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) expense = NULL;
  g_autofree char *who = system_name ();
  static const char *const keys[] = { "at", "who", "action", "field", "old", "new", "reason" };
  JsonArray *changes;
  guint fields_seen = 0;

  demo (fixture);
  expense = first_expense (fixture, list_parser);

  run_cli (&run, "--db", fixture->db, "history", "expense",
           json_object_get_string_member (expense, "uuid"), "--json");
  assert_ok (&run);
  changes = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (changes), >, 3);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      const char *field = json_object_get_string_member (c, "field");
      g_autoptr(GList) members = json_object_get_members (c);
      JsonNode *value;

      /* Exactly the seven keys. */
      g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (c, keys[k]));

      /* Added by the demo: nothing before, the value as `list --json` has it after. */
      g_assert_cmpstr (json_object_get_string_member (c, "action"), ==, "insert");
      g_assert_cmpstr (json_object_get_string_member (c, "at"), ==,
                       json_object_get_string_member (expense, "updated"));
      g_assert_cmpstr (json_object_get_string_member (c, "who"), ==, who);
      g_assert_true (json_node_is_null (json_object_get_member (c, "old")));
      g_assert_true (json_node_is_null (json_object_get_member (c, "reason")));
      value = json_object_get_member (expense, field);
      g_assert_nonnull (value);
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        g_assert_cmpstr (json_object_get_string_member (c, "new"), ==, json_node_get_string (value));
      else
        {
          /* Numbers are kept as the database keeps them: whole minor units, in text. */
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          g_assert_cmpstr (json_object_get_string_member (c, "new"), ==, number);
        }
      fields_seen++;
    }
  g_assert_cmpuint (fields_seen, ==, json_array_get_length (changes));
}

static void
test_history_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) expense = NULL;
  const char *uuid;

  demo (fixture);
  expense = first_expense (fixture, list_parser);
  uuid = json_object_get_string_member (expense, "uuid");

  run_cli (&run, "--db", fixture->db, "history", "expenses", uuid);
  assert_ok (&run);
  run_cli (&json, "--db", fixture->db, "history", "expenses", uuid, "--json");
  assert_ok (&json);
  /* One line per change, readable: labels, not column names or raw minor units. */
  g_assert_cmpuint (count_lines (run.out), ==, json_array_get_length (parse_array (parser, json.out)));
  g_assert_nonnull (strstr (run.out, "Added"));
  g_assert_nonnull (strstr (run.out, "Amount: — → "));
  g_assert_nonnull (strstr (run.out, "Budget line: — → "));
  g_assert_null (strstr (run.out, "amount_minor"));
  g_assert_null (strstr (run.out, "budget_line_uuid"));
}

static void
test_history_bad (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autoptr(JsonObject) expense = NULL;
  g_autofree char *before = NULL;

  demo (fixture);
  expense = first_expense (fixture, list_parser);
  before = digest (fixture->db);

  run_cli (&run, "--db", fixture->db, "history", "expences", json_object_get_string_member (expense, "uuid"));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“expences” is not a kind of record"));

  run_cli (&run, "--db", fixture->db, "history", "expense", "00000000-0000-4000-8000-000000000000");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no expense with the identifier"));

  run_cli (&run, "--db", fixture->db, "history", "expense");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "history", "expense", "a", "b");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "history", "expense", "a", "--csv");
  g_assert_cmpint (run.status, ==, 2);

  /* Reading changes nothing. */
  {
    g_autofree char *after = digest (fixture->db);
    g_assert_cmpstr (before, ==, after);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/history/json", Fixture, NULL, fixture_set_up, test_history_json, fixture_tear_down);
  g_test_add ("/cli/history/text", Fixture, NULL, fixture_set_up, test_history_text, fixture_tear_down);
  g_test_add ("/cli/history/bad", Fixture, NULL, fixture_set_up, test_history_bad, fixture_tear_down);

  return g_test_run ();
}
