/* test-attach-cli.c — groupdesk-cli attach, attachments and attachment-get
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

/* The UUID of the first record of @plural that `list --json` prints. */
static char *
first_uuid (Fixture    *fixture,
            const char *plural)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  run_cli (&run, "--db", fixture->db, "list", plural, "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (array), >, 0);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "uuid"));
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            gsize       size)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (char) ((i * 131 + (i >> 10)) & 0xff);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *workshop = NULL;
  g_autofree char *expense = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "photo-copy.jpg", NULL);
  g_autofree char *photo_uuid = NULL;
  g_autofree char *photo_digest = NULL;
  g_autofree char *out_digest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonArray *array;
  JsonObject *object;

  demo (fixture);
  workshop = first_uuid (fixture, "workshops");
  expense = first_uuid (fixture, "expenses");
  photo = write_file (fixture, "photo.jpg", 200 * 1000);
  receipt = write_file (fixture, "receipt.pdf", 1000);

  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, photo, "--caption",
           "The group on the second day");
  assert_ok (&run);
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  photo_uuid = g_strstrip (g_strdup (run.out));
  g_assert_true (g_uuid_string_is_valid (photo_uuid));

  run_cli (&run, "--db", fixture->db, "attach", "expenses", expense, receipt, "--personal");
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "attachments", "workshop", workshop, "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  photo_digest = digest (photo);
  g_assert_cmpstr (json_object_get_string_member (object, "uuid"), ==, photo_uuid);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "photo.jpg");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, photo_digest);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 200 * 1000);
  g_assert_true (json_object_get_boolean_member (object, "personal"));
  g_assert_cmpstr (json_object_get_string_member (object, "caption"), ==, "The group on the second day");
  g_assert_true (json_object_has_member (object, "media_type"));
  g_assert_true (json_object_has_member (object, "added"));

  run_cli (&run, "--db", fixture->db, "attachments", "expense", expense, "--json");
  assert_ok (&run);
  array = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "personal"));

  /* The lines without --json name the file. */
  run_cli (&run, "--db", fixture->db, "attachments", "workshops", workshop);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "photo.jpg"));
  g_assert_nonnull (strstr (run.out, photo_uuid));

  run_cli (&run, "--db", fixture->db, "attachment-get", photo_uuid, "-o", out);
  assert_ok (&run);
  out_digest = digest (out);
  g_assert_cmpstr (out_digest, ==, photo_digest);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *workshop = NULL;
  g_autofree char *group = NULL;
  g_autofree char *file = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "never.bin", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };

  demo (fixture);
  workshop = first_uuid (fixture, "workshops");
  group = first_uuid (fixture, "groups");
  file = write_file (fixture, "notes.txt", 10);
  empty = write_file (fixture, "empty.txt", 0);

  /* Not a kind; a kind that takes no files; an unknown record. */
  run_cli (&run, "--db", fixture->db, "attach", "meeting", workshop, file);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“meeting” is not a kind of record"));
  run_cli (&run, "--db", fixture->db, "attach", "group", group, file);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot be attached to this kind of record (group)"));
  run_cli (&run, "--db", fixture->db, "attach", "workshop", group, file);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no workshop"));
  run_cli (&run, "--db", fixture->db, "attachments", "workshop", group);
  g_assert_cmpint (run.status, ==, 1);
  run_cli (&run, "--db", fixture->db, "attachments", "person", group);
  g_assert_cmpint (run.status, ==, 1);

  /* Files that cannot be attached. */
  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, empty);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty"));
  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, fixture->dir);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "folder"));

  /* Nothing was attached by any of them. */
  run_cli (&run, "--db", fixture->db, "attachments", "workshop", workshop, "--json");
  assert_ok (&run);
  g_assert_cmpuint (json_array_get_length (parse_array (parser, run.out)), ==, 0);

  /* An unknown attachment leaves no file. */
  run_cli (&run, "--db", fixture->db, "attachment-get", "0d4b4a57-3c6e-4b53-9d0a-5a4f6f0e0f00", "-o", out);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no attachment"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* The database itself is never an output. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *uuid = NULL;

    run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, file);
    assert_ok (&run);
    uuid = g_strstrip (g_strdup (run.out));
    before = digest (fixture->db);
    run_cli (&run, "--db", fixture->db, "attachment-get", uuid, "-o", fixture->db);
    g_assert_cmpint (run.status, ==, 1);
    after = digest (fixture->db);
    g_assert_cmpstr (before, ==, after);
  }

  /* Bad usage is 2. */
  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, file, "--personal", "--not-personal");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "attachment-get", workshop);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "attachments", "workshop", workshop, "--csv");
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/attach/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/cli/attach/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
