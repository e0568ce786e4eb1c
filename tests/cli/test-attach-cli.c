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

/* Whether @path holds @needle (@n bytes). */
static gboolean
file_holds (const char   *path,
            const guint8 *needle,
            gsize         n)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* A protected database: a personal file is attached and read back with
 * --passphrase-file, sealed in the database; without it the file lists as locked, and
 * reading or attaching one says how to unlock. */
static void
test_protected (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *workshop = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *sheet_digest = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "sheet-copy.pdf", NULL);
  g_autofree char *pass = g_build_filename (fixture->dir, "pass.txt", NULL);
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *object;
  gsize len = 0;

  demo (fixture);
  workshop = first_uuid (fixture, "workshops");
  sheet = write_file (fixture, "Signed-sheet-Ama-Owusu.pdf", 150 * 1000);
  sheet_digest = digest (sheet);
  g_assert_true (g_file_get_contents (sheet, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (pass, "correct horse battery staple\n", -1, NULL));

  /* Turned on through core at the cheapest Argon2id cost: the CLI unlocks with the
   * limits stored, so each command below costs milliseconds, not a second. */
  {
    g_autoptr(DeskStore) store = desk_store_open (fixture->db, &error);
    g_autoptr(DeskSecret) recovery = NULL;

    g_assert_no_error (error);
    recovery = desk_store_protect (store, "correct horse battery staple", desk_kdf_cost_fastest (),
                                   &error);
    g_assert_no_error (error);
  }

  run_cli (&run, "--db", fixture->db, "attach", "workshop", workshop, sheet, "--personal");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--passphrase-file"));
  run_cli (&run, "--db", fixture->db, "attachments", "workshop", workshop, "--json");
  assert_ok (&run);
  g_assert_cmpuint (json_array_get_length (parse_array (parser, run.out)), ==, 0);

  run_cli (&run, "--db", fixture->db, "--passphrase-file", pass, "attach", "workshop", workshop,
           sheet, "--personal");
  assert_ok (&run);
  uuid = g_strstrip (g_strdup (run.out));
  g_assert_true (g_uuid_string_is_valid (uuid));

  /* Sealed: neither the bytes nor the name in the database or its WAL. */
  g_assert_false (file_holds (fixture->db, (const guint8 *) contents + 70000, 64));
  g_assert_false (file_holds (wal, (const guint8 *) contents + 70000, 64));
  g_assert_false (file_holds (fixture->db, (const guint8 *) "Signed-sheet-Ama-Owusu", 22));
  g_assert_false (file_holds (wal, (const guint8 *) "Signed-sheet-Ama-Owusu", 22));
  g_assert_false (file_holds (fixture->db, (const guint8 *) sheet_digest, 64));
  g_assert_false (file_holds (wal, (const guint8 *) sheet_digest, 64));

  /* Locked, it lists without its name or digest. */
  run_cli (&run, "--db", fixture->db, "attachments", "workshop", workshop, "--json");
  assert_ok (&run);
  object = json_array_get_object_element (parse_array (parser, run.out), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Name locked");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, "");
  g_assert_true (json_object_get_boolean_member (object, "personal"));
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 150 * 1000);

  run_cli (&run, "--db", fixture->db, "attachment-get", uuid, "-o", out);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--passphrase-file"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Unlocked, everything as attached. */
  run_cli (&run, "--db", fixture->db, "--passphrase-file", pass, "attachments", "workshop", workshop,
           "--json");
  assert_ok (&run);
  object = json_array_get_object_element (parse_array (parser, run.out), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Signed-sheet-Ama-Owusu.pdf");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sheet_digest);

  run_cli (&run, "--db", fixture->db, "--passphrase-file", pass, "attachment-get", uuid, "-o", out);
  assert_ok (&run);
  {
    g_autofree char *out_digest = digest (out);

    g_assert_cmpstr (out_digest, ==, sheet_digest);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/attach/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/cli/attach/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/cli/attach/protected", Fixture, NULL, fixture_set_up, test_protected, fixture_tear_down);

  return g_test_run ();
}
