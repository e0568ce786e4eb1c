/* test-file.c — the door for the user's files: inputs only regular, outputs never the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-common.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *backups = NULL;

  f->dir = test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "group.db", NULL);
  g_assert_true (g_file_set_contents (f->db, "database", -1, NULL));
  backups = g_strconcat (f->db, ".backups", NULL);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  _desk_file_protect (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  _desk_file_unprotect (f->db);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
assert_output_refused (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_file_check_output (path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_output_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autofree char *in_backups = g_strconcat (f->db, ".backups/daily.db", NULL);
  g_autofree char *backups = g_strconcat (f->db, ".backups", NULL);
  g_autofree char *migration = g_strconcat (f->db, ".v1.backup", NULL);
  g_autofree char *dotted = g_build_filename (f->dir, ".", "group.db", NULL);
  g_autofree char *soft = g_build_filename (f->dir, "link.xml", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.xml", NULL);
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *sub_up = g_build_filename (f->dir, "sub", "..", "group.db", NULL);
  g_autofree char *hard_backup = g_build_filename (f->dir, "copy.xml", NULL);
  g_autofree char *ok = g_build_filename (f->dir, "bundle.gdbundle", NULL);
  g_autoptr(GError) error = NULL;

  /* The file, and names of companions that do not exist yet. */
  assert_output_refused (f->db);
  assert_output_refused (wal);
  assert_output_refused (shm);
  assert_output_refused (journal);
  assert_output_refused (dotted);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  assert_output_refused (sub_up);

  /* Backups: the folder, anything inside it, the copies made before a migration. */
  assert_output_refused (in_backups);
  assert_output_refused (backups);
  assert_output_refused (migration);

  /* Links: a symbolic link to the database, a hard link to it, a hard link to a backup. */
  g_assert_cmpint (symlink (f->db, soft), ==, 0);
  assert_output_refused (soft);
  g_assert_cmpint (link (f->db, hard), ==, 0);
  assert_output_refused (hard);
  g_assert_true (g_file_set_contents (in_backups, "backup", -1, NULL));
  g_assert_cmpint (link (in_backups, hard_backup), ==, 0);
  assert_output_refused (hard_backup);

  /* An ordinary new file beside them is fine. */
  g_assert_true (desk_file_check_output (ok, &error));
  g_assert_no_error (error);

  /* Once the store is closed its files are the user's to overwrite. */
  _desk_file_unprotect (f->db);
  g_assert_true (desk_file_check_output (f->db, &error));
  g_assert_no_error (error);
  _desk_file_protect (f->db);
}

static void
test_output_special (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_output_refused (fifo);
  assert_output_refused ("/dev/null");
  assert_output_refused ("/dev/full");
  assert_output_refused (f->dir);

  g_assert_false (desk_file_check_output ("", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_output_temp (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *target = g_build_filename (f->dir, "out.xml", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = desk_file_create_temp_beside (target, 0644, &tmp, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "hello", 5), ==, 5);
  close (fd);
  g_assert_true (desk_file_commit_temp (tmp, target, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hello");
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_clear_pointer (&tmp, g_free);

  /* The target turned into a link to the database while the file was written: the
   * commit refuses and leaves no temporary file behind. */
  fd = desk_file_create_temp_beside (target, 0644, &tmp, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (symlink (f->db, target), ==, 0);
  g_assert_false (desk_file_commit_temp (tmp, target, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (f->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "database");
  g_clear_error (&error);

  /* Refused before a temporary file is made at all. */
  g_clear_pointer (&tmp, g_free);
  fd = desk_file_create_temp_beside (f->db, 0644, &tmp, &error);
  g_assert_cmpint (fd, <, 0);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_null (tmp);
}

static void
test_input (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = -1;
  int fd;

  bytes = desk_file_read_input (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "database", 8);
  g_clear_pointer (&bytes, g_bytes_unref);

  fd = desk_file_open_input (f->db, 100, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (size, ==, 8);
  g_assert_cmpint (fcntl (fd, F_GETFL) & O_NONBLOCK, ==, 0);
  close (fd);

  /* A FIFO with no writer: refused at once, never waited on. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (desk_file_read_input (fifo, 0, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  /* Devices report a size of 0 and would be read for ever. */
  g_assert_null (desk_file_read_input ("/dev/zero", 1000, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (desk_file_read_input ("/dev/null", 0, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (desk_file_read_input (f->dir, 0, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (desk_file_read_input (missing, 0, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A sparse file of a terabyte: its size is refused before anything is read or mapped. */
  fd = g_open (big, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (1) << 40), ==, 0);
  close (fd);
  g_assert_null (desk_file_read_input (big, 1000000, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, big));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/file/output/database", Fixture, NULL, fixture_set_up,
              test_output_database, fixture_tear_down);
  g_test_add ("/core/file/output/special", Fixture, NULL, fixture_set_up,
              test_output_special, fixture_tear_down);
  g_test_add ("/core/file/output/temp", Fixture, NULL, fixture_set_up,
              test_output_temp, fixture_tear_down);
  g_test_add ("/core/file/input", Fixture, NULL, fixture_set_up,
              test_input, fixture_tear_down);

  return g_test_run ();
}
