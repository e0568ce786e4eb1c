/* test-store-common.h — what the store tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-common.h"

#include <sys/stat.h>
#include <unistd.h>

/* Opens @path expecting the store to refuse it with @code; the message must name @named. */
static inline void
assert_open_fails (const char *path,
                   int         code,
                   const char *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, code);
  g_test_message ("refused as expected: %s", error->message);
  g_assert_nonnull (strstr (error->message, named));
}

static inline char *
make_groupdesk_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  char *path = g_build_filename (dir, "groupdesk.db", NULL);

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  return path;
}

static inline void
assert_same_contents (DeskStore *a,
                      DeskStore *b)
{
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ra = desk_store_list (a, *k, NULL, &error);
      g_autoptr(GPtrArray) rb = NULL;

      g_assert_no_error (error);
      rb = desk_store_list (b, *k, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ra->len, ==, rb->len);
      g_assert_cmpuint (ra->len, >, 0);
      for (guint i = 0; i < ra->len; i++)
        g_assert_true (desk_record_equal (g_ptr_array_index (ra, i), g_ptr_array_index (rb, i)));
    }
}

static inline void
assert_locked_refused (const char *path)
{
  g_autofree char *before = test_file_digest (path);
  g_autofree char *after = NULL;
  sqlite3 *other = test_sqlite_open (path);
  gint64 start;
  gint64 elapsed;

  /* Another program holds the write lock for as long as this test runs. */
  test_sqlite_exec (other, "BEGIN EXCLUSIVE");
  test_sqlite_exec (other, "SELECT count(*) FROM groups");

  start = g_get_monotonic_time ();
  assert_open_fails (path, DESK_ERROR_LOCKED, path);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("refused after %.1f s", elapsed / 1e6);
  g_assert_cmpint (elapsed, <, 15 * G_USEC_PER_SEC);

  test_sqlite_exec (other, "ROLLBACK");
  sqlite3_close (other);

  after = test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
}


/* The application_id: ours carry it; another program's SQLite file is never written. */

/* The files beside @path that a refused open must not have made. */
static inline void
assert_no_companions (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal", ".backups", ".v1.backup",
                                          ".v2.backup" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_error ("%s appeared beside a refused file", companion);
    }
}
