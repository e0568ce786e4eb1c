/* test-secretariat.c — the database's role, the secretariat's settings and the period due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-overview.h"

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "groupdesk.db", NULL);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, "2026-12-01T09:00:00Z");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, "2026-12-01T09:00:00Z");
}

/* A bundle of a new group @code, written from a database of its own in @f->dir. */
static char *
other_group_bundle (Fixture    *f,
                    const char *code)
{
  g_autofree char *db = g_strdup_printf ("%s/%s.db", f->dir, code);
  char *bundle = g_strdup_printf ("%s/%s.gdbundle", f->dir, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (db, &error);
  g_autoptr(TestWorld) world = NULL;

  g_assert_no_error (error);
  test_set_now (store, "2026-11-01T09:00:00Z");
  world = test_world_new (store, code);
  g_assert_true (desk_bundle_export (store, world->group, "2026-01-01", "2026-06-30",
                                     DESK_PRIVACY_AGGREGATE, bundle, &error));
  g_assert_no_error (error);

  return bundle;
}

static void
import (Fixture    *f,
        const char *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = desk_bundle_import (f->store, bundle, FALSE, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
}

/* A new database is no secretariat's; made one, it holds only the groups it imports, has
 * no main group, and stays the secretariat's. */
static void
test_role_secretariat (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = other_group_bundle (f, "AO");
  g_autoptr(DeskRecord) main_group = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_assert_false (desk_store_is_secretariat (f->store));
  g_assert_false (desk_store_has_imported_groups (f->store));
  g_assert_true (desk_store_set_secretariat (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_is_secretariat (f->store));
  /* Asked twice, nothing changes. */
  g_assert_true (desk_store_set_secretariat (f->store, &error));
  g_assert_no_error (error);

  import (f, bundle);
  groups = desk_store_list (f->store, DESK_KIND_GROUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_true (desk_store_has_imported_groups (f->store));
  g_assert_true (desk_store_group_is_imported (f->store,
                                               desk_record_get_uuid (g_ptr_array_index (groups, 0))));
  main_group = desk_store_dup_main_group (f->store);
  g_assert_null (main_group);

  reopen (f);
  g_assert_true (desk_store_is_secretariat (f->store));
  main_group = desk_store_dup_main_group (f->store);
  g_assert_null (main_group);
}

/* A coordinator's database cannot become the secretariat's, and keeps its own group as
 * its main group when a group whose code sorts first is imported beside it. */
static void
test_role_coordinator (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestWorld) world = test_world_new (f->store, "GH");
  g_autofree char *bundle = other_group_bundle (f, "AO");
  g_autoptr(DeskRecord) main_group = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_assert_false (desk_store_set_secretariat (f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Create a new database"));
  g_clear_error (&error);
  g_assert_false (desk_store_is_secretariat (f->store));

  import (f, bundle);
  groups = desk_store_list (f->store, DESK_KIND_GROUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  /* The imported group comes first in the list, … */
  g_assert_cmpstr (desk_record_get_string (g_ptr_array_index (groups, 0), "code"), ==, "AO");
  /* … the main group is still the coordinator's own. */
  main_group = desk_store_dup_main_group (f->store);
  g_assert_nonnull (main_group);
  g_assert_cmpstr (desk_record_get_uuid (main_group), ==, world->group);
  g_assert_false (desk_store_group_is_imported (f->store, world->group));
  g_assert_true (desk_store_has_imported_groups (f->store));
  g_assert_false (desk_store_set_secretariat (f->store, &error));
  g_clear_error (&error);

  /* The imported group is read-only here, and only it writes its bundles: one written
   * here would stand in its chain. The own group is neither. */
  {
    const char *angola = desk_record_get_uuid (g_ptr_array_index (groups, 0));
    g_autofree char *path = g_build_filename (f->dir, "angola-2.gdbundle", NULL);
    g_autoptr(DeskBundlePreview) preview = NULL;
    gint64 exports = test_sqlite_int (_desk_store_get_db (f->store), "SELECT count(*) FROM exports");

    g_assert_true (desk_store_group_is_read_only (f->store, angola));
    g_assert_false (desk_store_group_is_read_only (f->store, world->group));
    g_assert_false (desk_bundle_export (f->store, angola, "2026-01-01", "2026-06-30",
                                        DESK_PRIVACY_AGGREGATE, path, &error));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "AO"));
    g_assert_nonnull (strstr (error->message, "only the group exports it"));
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store), "SELECT count(*) FROM exports"), ==, exports);
    preview = desk_bundle_preview (f->store, angola, "2026-01-01", "2026-06-30",
                                   DESK_PRIVACY_AGGREGATE, &error);
    g_assert_null (preview);
    g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* A database made by importing its own group's bundle (a new laptop) has that group as
 * its main group. */
static void
test_role_only_imported (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *bundle = other_group_bundle (f, "GH");
  g_autoptr(DeskRecord) main_group = NULL;

  import (f, bundle);
  main_group = desk_store_dup_main_group (f->store);
  g_assert_nonnull (main_group);
  g_assert_cmpstr (desk_record_get_string (main_group, "code"), ==, "GH");
  g_assert_false (desk_store_is_secretariat (f->store));
}

/* The Overview of a group opened on the secretariat's desk is that group's, though the
 * database has no main group. */
static void
test_overview_of_group (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = other_group_bundle (f, "AO");
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(DeskOverview) main_overview = NULL;
  g_autoptr(DeskOverview) overview = NULL;
  g_autoptr(DeskOverview) missing = NULL;
  const char *uuid;

  g_assert_true (desk_store_set_secretariat (f->store, &error));
  import (f, bundle);
  groups = desk_store_list (f->store, DESK_KIND_GROUP, NULL, &error);
  uuid = desk_record_get_uuid (g_ptr_array_index (groups, 0));

  main_overview = desk_overview_read (f->store);
  g_assert_null (main_overview->group);
  overview = desk_overview_read_group (f->store, uuid);
  g_assert_nonnull (overview->group);
  g_assert_cmpstr (desk_record_get_uuid (overview->group), ==, uuid);
  g_assert_cmpint (overview->members, ==, desk_store_count (f->store, DESK_KIND_MEMBER, uuid));
  g_assert_cmpint (overview->members, >, 0);
  g_assert_nonnull (overview->workplan);
  missing = desk_overview_read_group (f->store, "00000000-0000-4000-8000-000000000000");
  g_assert_null (missing->group);
}

/* Two groups' bundles imported into a new database, never made the secretariat's: no
 * group is its own, so none is the main group. */
static void
test_role_several_imported (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *angola = other_group_bundle (f, "AO");
  g_autofree char *kenya = other_group_bundle (f, "KE");
  g_autoptr(DeskRecord) main_group = NULL;

  import (f, angola);
  main_group = desk_store_dup_main_group (f->store);
  g_assert_nonnull (main_group);
  g_clear_object (&main_group);
  import (f, kenya);
  main_group = desk_store_dup_main_group (f->store);
  g_assert_null (main_group);
  g_assert_false (desk_store_is_secretariat (f->store));
}

static void
test_reporting_months (Fixture       *f,
                       gconstpointer  data)
{
  static const int refused[] = { 0, 5, 7, 13, -6, 24 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (desk_secretariat_get_reporting_months (f->store), ==, 6);
  g_assert_true (desk_secretariat_set_reporting_months (f->store, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_secretariat_get_reporting_months (f->store), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (desk_secretariat_set_reporting_months (f->store, refused[i], &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1, 2, 3, 4, 6 or 12"));
      g_clear_error (&error);
      g_assert_cmpint (desk_secretariat_get_reporting_months (f->store), ==, 3);
    }

  reopen (f);
  g_assert_cmpint (desk_secretariat_get_reporting_months (f->store), ==, 3);

  /* A value another program wrote that we do not allow reads as the default. */
  g_clear_object (&f->store);
  {
    sqlite3 *db = test_sqlite_open (f->path);

    test_sqlite_exec (db, "UPDATE settings SET value = '5' WHERE key = 'reporting_months'");
    sqlite3_close (db);
  }
  reopen (f);
  g_assert_cmpint (desk_secretariat_get_reporting_months (f->store), ==, 6);
}

static void
test_currency (Fixture       *f,
               gconstpointer  data)
{
  static const char *const refused[] = { "XYZ", "usd", "", "US", "USDX", "USD'" };
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = desk_secretariat_dup_currency (f->store);

  g_assert_cmpstr (currency, ==, "USD");
  g_assert_true (desk_secretariat_set_currency (f->store, "EUR", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (desk_secretariat_set_currency (f->store, refused[i], &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "ISO 4217"));
      g_clear_error (&error);
    }
  reopen (f);
  g_clear_pointer (&currency, g_free);
  currency = desk_secretariat_dup_currency (f->store);
  g_assert_cmpstr (currency, ==, "EUR");
}

static void
test_due_period (void)
{
  static const struct
  {
    int months;
    const char *today, *from, *to;
  } cases[] = {
    { 6, "2026-12-07", "2026-01-01", "2026-06-30" },
    /* Within a month of a period's end, the one before is still the one due. */
    { 6, "2026-07-20", "2025-07-01", "2025-12-31" },
    { 6, "2026-07-31", "2026-01-01", "2026-06-30" },
    /* Thirty days after 31 December the half-year that ended then is due, not before. */
    { 6, "2026-01-30", "2025-01-01", "2025-06-30" },
    { 6, "2026-01-31", "2025-07-01", "2025-12-31" },
    { 12, "2026-03-01", "2025-01-01", "2025-12-31" },
    { 12, "2026-01-15", "2024-01-01", "2024-12-31" },
    { 3, "2026-05-01", "2026-01-01", "2026-03-31" },
    { 1, "2026-03-01", "2025-12-01", "2025-12-31" },
    { 4, "2026-02-10", "2025-09-01", "2025-12-31" },
    { 2, "2024-04-15", "2024-01-01", "2024-02-29" },
    /* A number we do not allow counts as the default, half-years. */
    { 5, "2026-12-07", "2026-01-01", "2026-06-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      desk_secretariat_due_period (cases[i].months, cases[i].today, &from, &to);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }

  {
    static const char *const bad[] = { "2026-02-30", "", "yesterday", "2026-13-01" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        char *from = (char *) "x", *to = (char *) "x";

        desk_secretariat_due_period (6, bad[i], &from, &to);
        g_assert_null (from);
        g_assert_null (to);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/core/secretariat/role", test_role_secretariat);
  ADD ("/core/secretariat/role-coordinator", test_role_coordinator);
  ADD ("/core/secretariat/role-only-imported", test_role_only_imported);
  ADD ("/core/secretariat/role-several-imported", test_role_several_imported);
  ADD ("/core/secretariat/overview-of-group", test_overview_of_group);
  ADD ("/core/secretariat/reporting-months", test_reporting_months);
  ADD ("/core/secretariat/currency", test_currency);
  g_test_add_func ("/core/secretariat/due-period", test_due_period);

  return g_test_run ();
}
