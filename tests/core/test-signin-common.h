/* test-signin-common.h — the fixture and the sheets the sign-in tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-common.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  char *workshop;   /* a second workshop, with an empty list */
  char *dir;        /* a database in a file (the worker tests): its folder and path */
  char *path;
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskRecord) workshop = NULL;

  if (data == GINT_TO_POINTER (-1))
    {
      g_autoptr(GError) error = NULL;

      /* A worker opens a connection of its own, which only a file allows. */
      fixture->dir = test_make_tmpdir ();
      fixture->path = g_build_filename (fixture->dir, "group.db", NULL);
      fixture->store = desk_store_open (fixture->path, &error);
      g_assert_no_error (error);
      test_set_now (fixture->store, TEST_NOW);
    }
  else
    fixture->store = test_open_memory (NULL);
  /* The world holds the member "Ministry of Mines" and its person Abena Mensah, who
   * attended the world's workshop. */
  fixture->world = test_world_new (fixture->store, "GH-TEST");
  workshop = test_add (fixture->store, DESK_KIND_WORKSHOP, NULL,
                       "activity_uuid", test_world_uuid (fixture->world, "activity"),
                       "title_en", "Sign-in workshop", "start_date", "2026-05-04",
                       "end_date", "2026-05-05", "format", "in_person", "planned_participants", "0", NULL);
  fixture->workshop = g_strdup (desk_record_get_uuid (workshop));
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->world, test_world_free);
  g_clear_object (&fixture->store);
  g_free (fixture->workshop);
  if (fixture->dir != NULL)
    test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static inline GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "signin", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static inline DeskSigninPlan *
plan_fixture (Fixture           *fixture,
              const char        *name,
              const char *const *mapping)
{
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  g_autoptr(GError) error = NULL;
  DeskSigninPlan *plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes,
                                               mapping, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static inline DeskSigninPlan *
plan_text (Fixture    *fixture,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DeskSigninPlan *plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes,
                                               NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static inline void
assert_refused (Fixture    *fixture,
                GBytes     *bytes,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  gint64 before = test_count_all_rows (fixture->store);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

/* A plan that can show its columns but not be applied until one is chosen. */
static inline void
assert_problem (Fixture    *fixture,
                GBytes     *bytes,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  DeskSigninResult result = { 0 };
  gint64 before = test_count_all_rows (fixture->store);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (desk_signin_plan_get_problem (plan));
  if (strstr (desk_signin_plan_get_problem (plan), expected) == NULL)
    g_error ("“%s” does not say “%s”", desk_signin_plan_get_problem (plan), expected);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 0);
  g_assert_false (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

static inline const DeskSigninRow *
row (DeskSigninPlan *plan,
     guint           index)
{
  g_assert_cmpuint (index, <, desk_signin_plan_get_n_rows (plan));

  return desk_signin_plan_get_row (plan, index);
}

static inline void
assert_row (DeskSigninPlan *plan,
            guint           index,
            guint           line,
            DeskSigninFate  fate,
            const char     *name,
            const char     *pillar,
            const char     *gender)
{
  const DeskSigninRow *r = row (plan, index);

  g_assert_cmpuint (r->line, ==, line);
  if (r->fate != fate)
    g_error ("row %u (line %u): fate %d, expected %d (%s)", index, line, r->fate, fate,
             r->message != NULL ? r->message : "");
  if (name != NULL)
    g_assert_cmpstr (r->name, ==, name);
  if (fate != DESK_SIGNIN_ROW_ERROR)
    {
      g_assert_cmpstr (r->pillar, ==, pillar);
      g_assert_cmpstr (r->gender, ==, gender);
    }
}

static inline void
assert_read_refused (GFile      *file,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 started = g_get_monotonic_time ();

  bytes = desk_signin_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  /* At once: nothing waited for or read. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
}

static inline GBytes *
sheet_of_shape (guint shape,
                gsize size)
{
  guint8 *data = g_malloc (size);
  gsize n = 0;

  /* Built in place: a GString would double its buffer and blur the measurement. */
#define PUT(s) G_STMT_START { memcpy (data + n, s, strlen (s)); n += strlen (s); } G_STMT_END
  switch (shape)
    {
    case 0:   /* a header, then nothing but commas: millions of empty fields */
      PUT ("Name\n");
      memset (data + n, ',', size - n);
      break;
    case 1:   /* nothing but empty lines */
      PUT ("Name\n");
      memset (data + n, '\n', size - n);
      break;
    case 2:   /* ",\n" over and over */
      PUT ("Name\n");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, ",\n", 2);
      memset (data + n, '\n', size - n);
      break;
    case 3:   /* one header row of millions of columns */
      PUT ("Name");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, ",x", 2);
      memset (data + n, '\n', size - n);
      break;
    case 4:   /* one endless quoted field */
      PUT ("Name\n\"");
      memset (data + n, 'a', size - n - 2);
      data[size - 2] = '"';
      data[size - 1] = '\n';
      break;
    case 5:   /* short lines: far more rows than a sheet has */
      PUT ("Name\n");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, "a\n", 2);
      memset (data + n, '\n', size - n);
      break;
    case 6:   /* nothing but quotes */
      PUT ("Name\n");
      memset (data + n, '"', size - n);
      break;
    case 7:   /* UTF-16: the text grows by half when converted */
      memcpy (data, "\xff\xfeN\0a\0m\0e\0\n\0\"\0", 14);
      for (n = 14; n + 2 <= size; n += 2)
        memcpy (data + n, "\x20\x5f", 2);  /* 张 */
      break;
    default:
      g_assert_not_reached ();
    }
#undef PUT

  return g_bytes_new_take (data, size - size % 2);
}

/* Applying */

static inline gint64
count_attendance (DeskStore  *store,
                  const char *workshop,
                  const char *status)
{
  g_autoptr(GPtrArray) list = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                  workshop, NULL);
  gint64 n = 0;

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    n += g_strcmp0 (desk_record_get_string (g_ptr_array_index (list, i), "status"), status) == 0;

  return n;
}

/* A second connection to the fixture's file, as a worker has. */
static inline DeskStore *
open_worker_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (fixture->path, &error);

  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);

  return store;
}

/* The database file and its -wal, digested: equal means byte for byte. */
static inline char *
database_digest (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *db_digest = test_file_digest (fixture->path);
  g_autofree char *wal_digest = g_file_test (wal, G_FILE_TEST_EXISTS) ? test_file_digest (wal) : NULL;

  return g_strconcat (db_digest, "/", wal_digest != NULL ? wal_digest : "-", NULL);
}

/* Cancels the import when it first reports, before its first row: the rows are still
 * written, and the check before the commit finds the cancel. */
static inline void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static inline void
record_progress (double   fraction,
                 gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static inline void
count_changed (DeskStore  *store,
               const char *kind,
               const char *uuid,
               guint      *count)
{
  (*count)++;
}
