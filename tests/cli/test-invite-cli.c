/* test-invite-cli.c — groupdesk-cli invite (and --confirm), and a workshop's list in
 * attendance --json: who was invited and has not confirmed, by UUID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

/* The first column of each row @sql gives. */
static GPtrArray *
query (const char *db_path,
       const char *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return values;
}

/* The status of each entry of @workshop's list, by person, as the JSON gives it. */
static GHashTable *
json_list (Fixture    *fixture,
           const char *workshop)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *list;

  run_cli (&run, "--db", fixture->db, "attendance", "--workshop", workshop, "--json");
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "list");
  g_assert_nonnull (list);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      g_assert_true (json_object_has_member (entry, "role"));
      g_hash_table_insert (statuses, g_strdup (json_object_get_string_member (entry, "person")),
                           g_strdup (json_object_get_string_member (entry, "status")));
    }

  return statuses;
}

static void
test_invite (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) workshops = NULL;
  g_autoptr(GPtrArray) outsiders = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autofree char *sql = NULL;
  const char *workshop;
  guint before;

  demo (fixture);
  workshops = query (fixture->db, "SELECT uuid FROM workshops ORDER BY uuid LIMIT 1");
  g_assert_cmpuint (workshops->len, ==, 1);
  workshop = g_ptr_array_index (workshops, 0);
  sql = g_strdup_printf ("SELECT uuid FROM people WHERE uuid NOT IN (SELECT person_uuid FROM "
                         "attendance WHERE workshop_uuid = '%s') ORDER BY uuid LIMIT 2", workshop);
  outsiders = query (fixture->db, sql);
  g_assert_cmpuint (outsiders->len, ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT person_uuid FROM attendance WHERE workshop_uuid = '%s' "
                         "AND status = 'attended' ORDER BY uuid LIMIT 1", workshop);
  listed = query (fixture->db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT uuid FROM attendance WHERE workshop_uuid = '%s'", workshop);
  entries = query (fixture->db, sql);
  before = entries->len;

  /* Two new, one on the list already (keeps their entry). */
  if (listed->len > 0)
    run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop,
             g_ptr_array_index (outsiders, 0), g_ptr_array_index (outsiders, 1),
             g_ptr_array_index (listed, 0));
  else
    run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop,
             g_ptr_array_index (outsiders, 0), g_ptr_array_index (outsiders, 1));
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Invited 2 people."));
  if (listed->len > 0)
    g_assert_nonnull (strstr (run.out, "1 was on the list already"));

  statuses = json_list (fixture, workshop);
  g_assert_cmpuint (g_hash_table_size (statuses), ==, before + 2);
  g_assert_cmpstr (g_hash_table_lookup (statuses, g_ptr_array_index (outsiders, 0)), ==, "invited");
  g_assert_cmpstr (g_hash_table_lookup (statuses, g_ptr_array_index (outsiders, 1)), ==, "invited");
  if (listed->len > 0)
    g_assert_cmpstr (g_hash_table_lookup (statuses, g_ptr_array_index (listed, 0)), ==, "attended");
  g_clear_pointer (&statuses, g_hash_table_unref);

  /* Invited twice: still one entry. */
  run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop,
           g_ptr_array_index (outsiders, 0));
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Invited 0 people."));

  /* Confirmed: registered; the other stays invited. */
  run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop, "--confirm",
           g_ptr_array_index (outsiders, 0));
  assert_ok (&run);
  statuses = json_list (fixture, workshop);
  g_assert_cmpuint (g_hash_table_size (statuses), ==, before + 2);
  g_assert_cmpstr (g_hash_table_lookup (statuses, g_ptr_array_index (outsiders, 0)), ==, "registered");
  g_assert_cmpstr (g_hash_table_lookup (statuses, g_ptr_array_index (outsiders, 1)), ==, "invited");
}

static void
test_invite_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) workshops = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *sql = NULL;
  const char *workshop;

  demo (fixture);
  workshops = query (fixture->db, "SELECT uuid FROM workshops ORDER BY uuid LIMIT 1");
  workshop = g_ptr_array_index (workshops, 0);
  sql = g_strdup_printf ("SELECT uuid FROM people WHERE uuid NOT IN (SELECT person_uuid FROM "
                         "attendance WHERE workshop_uuid = '%s') ORDER BY uuid LIMIT 1", workshop);
  people = query (fixture->db, sql);
  before = query (fixture->db, "SELECT uuid || status FROM attendance ORDER BY uuid");

  run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "invite", g_ptr_array_index (people, 0));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--workshop"));
  run_cli (&run, "--db", fixture->db, "invite", "--workshop", "no-such-workshop",
           g_ptr_array_index (people, 0));
  g_assert_cmpint (run.status, ==, 1);
  /* Confirming someone who was never invited: refused, nothing changed. */
  run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop, "--confirm",
           g_ptr_array_index (people, 0));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Invite them first"));
  /* One unknown person among good ones: nobody is invited. */
  run_cli (&run, "--db", fixture->db, "invite", "--workshop", workshop,
           g_ptr_array_index (people, 0), "no-such-person");
  g_assert_cmpint (run.status, ==, 1);

  after = query (fixture->db, "SELECT uuid || status FROM attendance ORDER BY uuid");
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/invite/flow", Fixture, NULL, fixture_set_up, test_invite, fixture_tear_down);
  g_test_add ("/cli/invite/bad", Fixture, NULL, fixture_set_up, test_invite_bad, fixture_tear_down);

  return g_test_run ();
}
