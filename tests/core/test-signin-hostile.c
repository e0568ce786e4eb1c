/* test-signin-hostile.c — sheets a sign-in import must refuse or survive: empty, binary, huge, special files, hostile bytes and rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-signin-common.h"

/* Refusals */

static void
test_refuse_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) empty = fixture_bytes ("empty.csv");
  g_autoptr(GBytes) blank = g_bytes_new ("\xef\xbb\xbf \r\n\r\n", 7);
  g_autoptr(GBytes) bom16 = g_bytes_new ("\xff\xfe", 2);

  assert_refused (fixture, empty, "empty");
  assert_refused (fixture, blank, "empty");
  assert_refused (fixture, bom16, "empty");
}

static void
test_refuse_binary (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) binary = fixture_bytes ("binary.bin");
  g_autoptr(GBytes) latin1 = g_bytes_new ("Name\nJos\xe9\n", 10);
  g_autoptr(GBytes) control = g_bytes_new ("Name\nAma\x01\n", 10);
  g_autoptr(GBytes) utf16_no_bom = g_bytes_new ("N\0a\0m\0e\0\n\0", 10);
  g_autoptr(GBytes) utf16_control = g_bytes_new ("\xff\xfeN\0\x02\0\n\0", 8);

  assert_refused (fixture, binary, "binary");
  assert_refused (fixture, latin1, "not UTF-8");
  assert_refused (fixture, control, "binary");
  assert_refused (fixture, utf16_no_bom, "binary");
  assert_refused (fixture, utf16_control, "binary");
}

static void
test_refuse_no_names (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new ("Colour,Size\nred,2\n", 18);

  assert_refused (fixture, bytes, "No column of names");
}

static void
test_refuse_huge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  gint64 before = test_count_all_rows (fixture->store);
  gint64 started;
  int fd;

  /* A sparse file: as large as the limit says is too large, without writing it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Name\n", 5), ==, 5);
  g_assert_cmpint (ftruncate (fd, DESK_SIGNIN_MAX_BYTES + 1), ==, 0);
  close (fd);

  started = g_get_monotonic_time ();
  bytes = desk_signin_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);

  plan = desk_signin_plan_new_for_file (fixture->store, fixture->workshop, file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  /* Refused from its size alone: far quicker than reading 20 MB would be. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);

  test_rm_rf (dir);
}

/* Only regular files on this computer: a FIFO never blocks, a device is never read. */
static void
test_read_special (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *fifo_path = g_build_filename (dir, "sheet.csv", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) remote = g_file_new_for_uri ("http://example.org/sheet.csv");
  g_autoptr(GFile) missing = g_file_get_child (folder, "no-such-sheet.csv");

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  assert_read_refused (fifo, "not an ordinary file");
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_read_refused (zero, "not an ordinary file");
  assert_read_refused (folder, "folder");
  assert_read_refused (remote, "not a file on this computer");
  assert_read_refused (missing, "no-such-sheet.csv");

  test_rm_rf (dir);
}

static void
test_invisible_names (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "invisible-names.csv", NULL);
  g_autoptr(DeskSigninPlan) known = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 7);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Ama Mensah", NULL, "not_stated");
  /* A zero-width space, a bidirectional override, a byte-order mark, a joiner, a no-break
   * space: the same person, shown as core will store her. */
  for (guint i = 1; i < 4; i++)
    {
      assert_row (plan, i, i + 2, DESK_SIGNIN_ROW_REPEAT, "Ama Mensah", NULL, "not_stated");
      g_assert_cmpstr (row (plan, i)->organisation, ==, "WACAM");
      g_assert_cmpuint (row (plan, i)->same_as_line, ==, 2);
    }
  /* Nothing visible; a line break inside the name; a lone accent. */
  assert_row (plan, 4, 6, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (plan, 4)->message, "the name is empty"));
  assert_row (plan, 5, 7, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_true (g_str_has_prefix (row (plan, 5)->message, "Line 7: "));
  g_assert_nonnull (strstr (row (plan, 5)->message, "more than one line"));
  assert_row (plan, 6, 9, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (plan, 6)->message, "no visible"));

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 1);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 1);

  /* The database's people are matched the same way. */
  known = plan_text (fixture, "Name,Organisation\n"
                              "Abena\u200b Mensah\u202c,Ministry\u200d of Mines\n"
                              "\ufeffAma\u2060 Mensah,WACAM\n"
                              "Ama  Mensah\u200b,WACAM\n");
  assert_row (known, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", NULL, "not_stated");
  g_assert_cmpstr (row (known, 0)->person_uuid, ==, test_world_uuid (fixture->world, "person"));
  assert_row (known, 1, 3, DESK_SIGNIN_ROW_LISTED, "Ama Mensah", NULL, "not_stated");
  assert_row (known, 2, 4, DESK_SIGNIN_ROW_REPEAT, "Ama Mensah", NULL, "not_stated");
}

static void
test_hostile_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) nul = fixture_bytes ("nul-bytes.csv");
  g_autoptr(GBytes) latin1 = fixture_bytes ("latin1.csv");
  g_autoptr(GBytes) odd = fixture_bytes ("utf16le-odd.txt");
  g_autoptr(GBytes) surrogate = fixture_bytes ("utf16le-lone-surrogate.txt");
  g_autoptr(GBytes) utf16_nul = g_bytes_new ("\xff\xfeN\0\0\0\n\0", 8);
  g_autoptr(GBytes) utf32 = g_bytes_new ("\xff\xfe\0\0N\0\0\0", 8);
  g_autoptr(GBytes) wide = fixture_bytes ("many-columns.csv");

  assert_refused (fixture, nul, "binary");
  assert_refused (fixture, latin1, "not UTF-8");
  assert_refused (fixture, odd, "UTF-16");
  assert_refused (fixture, surrogate, "UTF-16");
  assert_refused (fixture, utf16_nul, "binary");
  assert_refused (fixture, utf32, "binary");
  assert_refused (fixture, wide, "600 columns");
}

static void
test_hostile_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) unclosed = plan_fixture (fixture, "unterminated-quote.csv", NULL);
  g_autoptr(DeskSigninPlan) stray = plan_fixture (fixture, "stray-quote.csv", NULL);
  g_autoptr(DeskSigninPlan) long_name = NULL;
  g_autoptr(DeskSigninPlan) wide_row = NULL;
  g_autoptr(DeskSigninPlan) trailing = NULL;
  g_autofree char *name = g_strnfill (20001, 'a');
  g_autofree char *text = NULL;
  GString *wide = g_string_new ("Name,Organisation\nAma,WACAM");

  /* An unclosed quote takes in the rest of the file: one error, from its line. */
  g_assert_cmpuint (desk_signin_plan_get_n_rows (unclosed), ==, 2);
  assert_row (unclosed, 0, 2, DESK_SIGNIN_ROW_NEW, "Ama Owusu", NULL, "not_stated");
  assert_row (unclosed, 1, 3, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (unclosed, 1)->message, "never closed"));

  /* A quote inside an unquoted value is part of it, as spreadsheets read it. */
  assert_row (stray, 0, 2, DESK_SIGNIN_ROW_NEW, "Kwame \"KK\" Asante", NULL, "not_stated");
  assert_row (stray, 1, 3, DESK_SIGNIN_ROW_NEW, "Ama Owusu", NULL, "not_stated");
  g_assert_cmpstr (row (stray, 1)->organisation, ==, "WACAM Tarkwa");

  /* A value longer than core stores is an error of its row, and names the column. */
  text = g_strdup_printf ("Name,Organisation\n%s,WACAM\nAma,\"%s\"\nKofi,WACAM\n", name, name);
  long_name = plan_text (fixture, text);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (long_name), ==, 3);
  assert_row (long_name, 0, 2, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (long_name, 0)->message, "“Name” value is longer"));
  assert_row (long_name, 1, 3, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (long_name, 1)->message, "“Organisation” value is longer"));
  assert_row (long_name, 2, 4, DESK_SIGNIN_ROW_NEW, "Kofi", NULL, "not_stated");

  /* A row of 100,000 values: one error, the count said. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (wide, ",x");
  g_string_append (wide, "\nKofi,WACAM\n");
  wide_row = plan_text (fixture, wide->str);
  g_string_free (wide, TRUE);
  assert_row (wide_row, 0, 2, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (wide_row, 0)->message, "Line 2 has 100002 values"));
  assert_row (wide_row, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi", NULL, "not_stated");

  /* Empty values after the header's columns are what spreadsheets write. */
  trailing = plan_text (fixture, "Name\r\rAma,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r");
  assert_row (trailing, 0, 3, DESK_SIGNIN_ROW_NEW, "Ama", NULL, "not_stated");
}

static void
test_too_many_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  GString *text = g_string_new ("Name\n");
  g_autoptr(GBytes) bytes = NULL;

  /* Blank lines and empty rows do not count; rows of people do. */
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, i % 2 == 0 ? "\n" : ",,\r\n");
  for (guint i = 0; i <= DESK_SIGNIN_MAX_ROWS; i++)
    g_string_append_printf (text, "Person %u\n", i);
  bytes = g_string_free_to_bytes (text);
  assert_refused (fixture, bytes, "more than 10000 rows");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/signin/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("refuse-empty", test_refuse_empty);
  ADD ("refuse-binary", test_refuse_binary);
  ADD ("refuse-no-names", test_refuse_no_names);
  ADD ("refuse-huge", test_refuse_huge);
  ADD ("read-special", test_read_special);
  ADD ("invisible-names", test_invisible_names);
  ADD ("hostile-bytes", test_hostile_bytes);
  ADD ("hostile-rows", test_hostile_rows);
  ADD ("too-many-rows", test_too_many_rows);

  return g_test_run ();
}
