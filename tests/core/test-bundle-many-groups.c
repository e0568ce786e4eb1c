/* test-bundle-many-groups.c — importing into a database that holds other groups
 *
 * A bundle whose group is new to the database goes in without looking up each record
 * (desk-bundle-apply.c, Import.fresh): these tests hold that path to the rules of every
 * import. An identifier names one record of one kind in the whole database, so a bundle
 * that reuses another group's identifier, of the same kind, of another kind or of a
 * record that group deleted, is refused with a sentence and the database is left as it
 * was; and a bundle that may go in goes in exactly as into an empty database.
 * (A reference to another group's record: test-bundle-hostile.c, /other-group, whose
 * second group is new to its database too.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

typedef struct
{
  Fixture f;               /* its source: the group GH-T */
  DeskStore *other_src;
  TestWorld *other;        /* NG-T, in its own database */
  DeskStore *dst;          /* the secretariat's */
} Many;

static void
many_set_up (Many          *m,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (&m->f, data);
  m->other_src = open_file_store (&m->f, "other.db");
  m->other = test_world_new (m->other_src, "NG-T");
  m->dst = open_file_store (&m->f, "dst.db");
  g_assert_true (desk_store_set_secretariat (m->dst, &error));
  g_assert_no_error (error);
}

static void
many_tear_down (Many          *m,
                gconstpointer  data)
{
  g_clear_pointer (&m->other, test_world_free);
  g_clear_object (&m->other_src);
  g_clear_object (&m->dst);
  fixture_tear_down (&m->f, data);
}

/* Imported as it is: nothing refused, nothing needing --force. */
static void
import_plain (DeskStore  *store,
              const char *path)
{
  g_autoptr(DeskImportPlan) plan = import_ok (store, path, FALSE, FALSE);

  g_assert_null (plan->refused);
}

/* Refused with a message holding every one of @words, the database left as it was. */
static void
assert_refused (DeskStore         *store,
                const char        *path,
                const char *const *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *before = dump_digest (store);
  g_autofree char *after = NULL;

  plan = desk_bundle_import (store, path, TRUE, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (error->message, words[i]) == NULL)
      g_error ("“%s” is not in “%s”", words[i], error->message);
  after = dump_digest (store);
  g_assert_cmpstr (before, ==, after);
}

/* A record of @kind in the first group (GH-T) under the identifier @uuid, which is the
 * other group's. */
static void
add_under (Many           *m,
           const DeskKind *kind,
           const char     *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) record = test_world_new_record (m->f.world, kind);

  desk_record_set_uuid (record, uuid);
  g_assert_true (desk_store_insert (m->f.src, record, &error));
  g_assert_no_error (error);
}

/* GH-T imported, then NG-T's bundle, which must be refused with @words. */
static void
assert_second_refused (Many              *m,
                       const char *const *words)
{
  g_autofree char *first = export_bundle (&m->f, m->f.src, m->f.world->group, DESK_PRIVACY_NAMED,
                                          "first.gdbundle");
  g_autofree char *second = export_bundle (&m->f, m->other_src, m->other->group,
                                           DESK_PRIVACY_NAMED, "second.gdbundle");

  import_plain (m->dst, first);
  assert_refused (m->dst, second, words);
}

/* NG-T's activity under an identifier GH-T's activity has here already. */
static void
test_same_kind (Many          *m,
                gconstpointer  data)
{
  const char *activity = test_world_uuid (m->other, "activity");

  add_under (m, DESK_KIND_ACTIVITY, activity);
  assert_second_refused (m, (const char *const[]) { activity, "another group", NULL });
}

/* NG-T's activity under the identifier of one of GH-T's members. */
static void
test_other_kind (Many          *m,
                 gconstpointer  data)
{
  const char *activity = test_world_uuid (m->other, "activity");

  add_under (m, DESK_KIND_MEMBER, activity);
  assert_second_refused (m, (const char *const[]) { activity, "identifier of a member",
                                                    "no two records may share one", NULL });
}

/* NG-T's person under the identifier of a person GH-T deleted: the deletion travelled
 * in GH-T's bundle, and the identifier stays GH-T's. */
static void
test_deleted_in_other_group (Many          *m,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *person = test_world_uuid (m->other, "person");

  add_under (m, DESK_KIND_PERSON, person);
  g_assert_true (desk_store_delete (m->f.src, DESK_KIND_PERSON, person, &error));
  g_assert_no_error (error);
  assert_second_refused (m, (const char *const[]) { person, "another group in this database deleted",
                                                    NULL });
}

/* One group's rows, every bundle kind, as text: equal texts, the same records. */
static char *
group_rows (DeskStore  *store,
            const char *group)
{
  GString *rows = g_string_new (NULL);

  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    {
      const DeskKind *kind = desk_kind_all ()[i];
      g_autofree char *sql = g_strdup_printf ("SELECT uuid, updated FROM %s WHERE %s = ?1 ORDER BY uuid",
                                              kind->table,
                                              kind == DESK_KIND_GROUP ? "uuid" : "group_uuid");
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
                       SQLITE_OK);
      sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (rows, "%s %s %s\n", kind->name, sqlite3_column_text (stmt, 0),
                                sqlite3_column_text (stmt, 1));
      sqlite3_finalize (stmt);
    }

  return g_string_free (rows, FALSE);
}

/* Three groups one after another: each goes in whole, exactly as into an empty database,
 * its deletions kept, and the database's triggers at work again after. */
static void
test_three_groups (Many          *m,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) third_src = open_file_store (&m->f, "third.db");
  g_autoptr(TestWorld) third = test_world_new (third_src, "PE-T");
  g_autoptr(DeskStore) alone = open_file_store (&m->f, "alone.db");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third_path = NULL;
  g_autofree char *in_many = NULL;
  g_autofree char *in_empty = NULL;
  const char *deleted = test_world_uuid (third, "nomination");
  const char *activity = test_world_uuid (third, "activity");

  /* The third group deleted a record before it exported: its bundle carries the deletion. */
  g_assert_true (desk_store_delete (third_src, DESK_KIND_NOMINATION, deleted, &error));
  g_assert_no_error (error);

  first = export_bundle (&m->f, m->f.src, m->f.world->group, DESK_PRIVACY_NAMED, "first.gdbundle");
  second = export_bundle (&m->f, m->other_src, m->other->group, DESK_PRIVACY_PSEUDONYMOUS,
                          "second.gdbundle");
  third_path = export_bundle (&m->f, third_src, third->group, DESK_PRIVACY_NAMED, "third.gdbundle");

  import_plain (m->dst, first);
  import_plain (m->dst, second);
  import_plain (m->dst, third_path);
  import_plain (alone, third_path);

  in_many = group_rows (m->dst, third->group);
  in_empty = group_rows (alone, third->group);
  g_assert_cmpstr (in_many, ==, in_empty);
  g_assert_nonnull (strstr (in_many, activity));
  g_assert_cmpint (desk_store_count (m->dst, DESK_KIND_GROUP, NULL), ==, 3);

  /* The deletion is kept, in its group, to travel on. */
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (m->dst),
                                    "SELECT count(*) FROM tombstones WHERE group_uuid = "
                                    "(SELECT uuid FROM groups WHERE code = 'PE-T')"), ==, 1);

  /* The triggers went off for the records and came back: a delete leaves its tombstone. */
  g_assert_true (desk_store_delete (m->dst, DESK_KIND_ACTIVITY, activity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (m->dst),
                                    "SELECT count(*) FROM tombstones WHERE group_uuid = "
                                    "(SELECT uuid FROM groups WHERE code = 'PE-T')"), >, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Many, NULL, many_set_up, func, many_tear_down)
  ADD ("/core/bundle/many-groups/same-kind-of-another-group", test_same_kind);
  ADD ("/core/bundle/many-groups/other-kind-of-another-group", test_other_kind);
  ADD ("/core/bundle/many-groups/deleted-in-another-group", test_deleted_in_other_group);
  ADD ("/core/bundle/many-groups/three-groups", test_three_groups);
#undef ADD

  return g_test_run ();
}
