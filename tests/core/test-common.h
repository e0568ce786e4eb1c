/* test-common.h — helpers shared by the core tests (static, one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "desk-core.h"
#include "desk-store-private.h"

#define TEST_NOW "2026-11-25T10:00:00Z"

/* A fresh folder under the temporary directory; remove it with test_rm_rf. */
static inline char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("groupdesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

static inline void
test_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_rm_rf (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* The SHA-256 of a file's bytes: "unchanged" means the same digest before and after. */
static inline char *
test_file_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline void
test_write_file (const char *path,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static inline GDateTime *
test_parse_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);

  return time;
}

static inline void
test_set_now (DeskStore  *store,
              const char *iso)
{
  g_autoptr(GDateTime) now = test_parse_time (iso);

  desk_store_set_now (store, now);
}

/* A private in-memory store with the clock at @iso (TEST_NOW when NULL). */
static inline DeskStore *
test_open_memory (const char *iso)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  test_set_now (store, iso != NULL ? iso : TEST_NOW);

  return store;
}

/* A plain SQLite connection to a file, beside the store's own: what another program sees. */
static inline sqlite3 *
test_sqlite_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);

  return db;
}

static inline void
test_sqlite_exec (sqlite3    *db,
                  const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The first column of the first row of @sql, as text (NULL when there is no row). */
static inline char *
test_sqlite_query (sqlite3    *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static inline gint64
test_sqlite_int (sqlite3    *db,
                 const char *sql)
{
  g_autofree char *text = test_sqlite_query (db, sql);

  g_assert_nonnull (text);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Sets a field from text, whatever its type: numbers in decimal, sets comma-separated
 * (an empty string is the empty set), NULL unsets. */
static inline void
test_set_field (DeskRecord *record,
                const char *name,
                const char *value)
{
  const DeskField *f = desk_kind_get_field (desk_record_get_kind (record), name);

  if (f == NULL)
    g_error ("%s has no field %s", desk_record_get_kind (record)->name, name);

  if (value == NULL)
    {
      desk_record_unset (record, name);
      return;
    }

  switch (f->type)
    {
    case DESK_FIELD_INT:
    case DESK_FIELD_BOOL:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      desk_record_set_int (record, name, g_ascii_strtoll (value, NULL, 10));
      break;

    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      {
        g_auto(GStrv) values = value[0] != '\0' ? g_strsplit (value, ",", -1)
                                                 : g_new0 (char *, 1);
        desk_record_set_set (record, name, (const char *const *) values);
      }
      break;

    case DESK_FIELD_TEXT:
    case DESK_FIELD_DATE:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
    default:
      desk_record_set_string (record, name, value);
      break;
    }
}

/* A record of @kind in @group from NULL-terminated name/value pairs, not yet stored. */
static inline DeskRecord *
test_record_newv (const DeskKind *kind,
                  const char     *group,
                  va_list         args)
{
  DeskRecord *record = desk_record_new (kind);
  const char *name;

  desk_record_set_group (record, group);
  while ((name = va_arg (args, const char *)) != NULL)
    test_set_field (record, name, va_arg (args, const char *));

  return record;
}

static inline DeskRecord *
test_record_new (const DeskKind *kind,
                 const char     *group,
                 ...) G_GNUC_NULL_TERMINATED;

static inline DeskRecord *
test_record_new (const DeskKind *kind,
                 const char     *group,
                 ...)
{
  DeskRecord *record;
  va_list args;

  va_start (args, group);
  record = test_record_newv (kind, group, args);
  va_end (args);

  return record;
}

/* Sends the approved workplan @uuid back to draft with the reason that needs
 * (desk-locks.h), so that a test may change or delete it and its budget lines freely. */
static inline void
test_reopen_workplan (DeskStore  *store,
                      const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) workplan = desk_store_get (store, DESK_KIND_WORKPLAN, uuid, &error);

  g_assert_no_error (error);
  desk_record_set_string (workplan, "status", "draft");
  desk_record_unset (workplan, "approved_on");
  if (!desk_store_update_with_reason (store, workplan, "Reopened for the test", &error))
    g_error ("reopening the workplan: %s", error->message);
}

/* Inserts a record built as test_record_new does; the test fails if the store refuses. */
static inline DeskRecord *
test_add (DeskStore      *store,
          const DeskKind *kind,
          const char     *group,
          ...) G_GNUC_NULL_TERMINATED;

static inline DeskRecord *
test_add (DeskStore      *store,
          const DeskKind *kind,
          const char     *group,
          ...)
{
  g_autoptr(GError) error = NULL;
  DeskRecord *record;
  va_list args;

  va_start (args, group);
  record = test_record_newv (kind, group, args);
  va_end (args);

  if (!desk_store_insert (store, record, &error))
    g_error ("inserting a %s: %s", kind->name, error->message);

  return record;
}

/* One valid record of every kind, in one group: the recipe for each kind names its
 * parents as "@kind", which stands for the UUID of the world's record of that kind. */
typedef struct
{
  const char *kind;
  const char *const pairs[40];   /* field, value, …, NULL */
  const char *update_field;      /* a change that keeps the record valid */
  const char *update_value;
} TestRecipe;

static const TestRecipe test_recipes[] = {
  { "group", { "code", "@code", "name_en", "Test group", "name_zh", "测试小组", "country", "GH",
               "currency", "GHS", "languages", "en,zh", NULL },
    "name_en", "Renamed group" },
  { "member", { "name_en", "Ministry of Mines", "pillar", "government", "status", "full",
                "contact_name", "Kwame Asante", "contact_email", "kwame@example.org",
                "joined", "2020-01-01", "active", "1", NULL },
    "status", "engaged" },
  { "workplan", { "title_en", "Workplan 2026", "period_start", "2026-01-01",
                  "period_end", "2026-12-31", "status", "draft", NULL },
    /* Not its approval: an approved workplan holds its budget lines (desk-locks.h). */
    "title_en", "Workplan 2026, revised" },
  { "activity", { "workplan_uuid", "@workplan", "code", "A1", "title_en", "Dialogue",
                  "title_zh", "对话", "kind", "dialogue", "themes", "training,risk_mitigation",
                  "result_area", "1a", "lead_member_uuid", "@member",
                  "supporting_members", "@member", "planned_start", "2026-02-01",
                  "planned_end", "2026-02-03", "status", "planned", NULL },
    "status", "in_progress" },
  { "deliverable", { "activity_uuid", "@activity", "title_en", "Report", "due_date", "2026-03-01",
                     "status", "planned", NULL },
    "status", "in_progress" },
  { "indicator", { "workplan_uuid", "@workplan", "activity_uuid", "@activity",
                   "name_en", "People trained", "unit", "number", "baseline_milli", "0", NULL },
    "name_en", "Officers trained" },
  { "indicator_value", { "indicator_uuid", "@indicator", "period_start", "2026-01-01",
                         "period_end", "2026-06-30", "type", "target", "gender", "woman",
                         "value_milli", "5000", NULL },
    "value_milli", "7000" },
  { "budget_line", { "workplan_uuid", "@workplan", "activity_uuid", "@activity",
                     "category", "venue", "description_en", "Hall", "quantity_milli", "2000",
                     "unit", "day", "unit_cost_minor", "15000", "currency", "GHS", NULL },
    "quantity_milli", "2500" },
  { "budget_revision", { "budget_line_uuid", "@budget_line", "revised_on", "2026-03-01",
                         "reason", "One more day", "quantity_milli", "3000",
                         "unit_cost_minor", "15000", NULL },
    "reason", "Two more days" },
  { "expense", { "budget_line_uuid", "@budget_line", "date", "2026-02-02",
                 "amount_minor", "30000", "currency", "GHS", "payee", "Hotel", NULL },
    "payee", "Another hotel" },
  { "funding", { "workplan_uuid", "@workplan", "date", "2026-01-15", "source", "vpa_fund",
                 "amount_minor", "100000", "currency", "USD", NULL },
    "amount_minor", "200000" },
  { "rate", { "currency", "USD", "valid_from", "2026-01-01", "rate_mantissa", "1550",
              "rate_scale", "2", NULL },
    "rate_mantissa", "1600" },
  { "workshop", { "activity_uuid", "@activity", "title_en", "Workshop", "start_date", "2026-02-01",
                  "end_date", "2026-02-02", "format", "in_person",
                  "planned_participants", "20", NULL },
    "town", "Tarkwa" },
  { "person", { "name", "Abena Mensah", "member_uuid", "@member", "pillar", "civil_society",
                "gender", "woman", "email", "abena@example.org",
                "vulnerable_groups", "women_girls,youth", NULL },
    "name", "Abena Mensah-Bonsu" },
  { "attendance", { "workshop_uuid", "@workshop", "person_uuid", "@person",
                    "role", "participant", "status", "attended", NULL },
    "status", "absent" },
  { "nomination", { "year", "2026", "person_uuid", "@person", "member_uuid", "@member",
                    "status", "nominated", "budget_line_uuid", "@budget_line", NULL },
    "status", "confirmed" },
  /* A bundle of the half-year before the world's records: it locks none of them
   * (desk-locks.h), so that every test can change them; test-locks exports their own. */
  { "export", { "sequence", "1", "period_start", "2025-07-01", "period_end", "2025-12-31",
                "privacy", "aggregate",
                "sha256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "created", "2026-01-05T09:00:00Z", NULL },
    "file", "bundle-1.xml" },
};

static inline const TestRecipe *
test_recipe (const DeskKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (test_recipes); i++)
    if (g_str_equal (test_recipes[i].kind, kind->name))
      return &test_recipes[i];

  return NULL;
}

typedef struct
{
  char *code;
  char *group;
  GHashTable *records;  /* kind name → DeskRecord, as inserted */
} TestWorld;

static inline void
test_world_free (TestWorld *world)
{
  g_free (world->code);
  g_free (world->group);
  g_hash_table_unref (world->records);
  g_free (world);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestWorld, test_world_free)

static inline DeskRecord *
test_world_get (TestWorld  *world,
                const char *kind)
{
  DeskRecord *record = g_hash_table_lookup (world->records, kind);

  g_assert_nonnull (record);

  return record;
}

static inline const char *
test_world_uuid (TestWorld  *world,
                 const char *kind)
{
  return desk_record_get_uuid (test_world_get (world, kind));
}

/* A new, valid, unsaved record of @kind for @world, following its recipe. */
static inline DeskRecord *
test_world_new_record (TestWorld      *world,
                       const DeskKind *kind)
{
  const TestRecipe *recipe = test_recipe (kind);
  DeskRecord *record;

  if (recipe == NULL)
    g_error ("the tests have no recipe for the kind %s: add one to test-common.h", kind->name);

  record = desk_record_new (kind);
  desk_record_set_group (record, world->group);
  for (guint i = 0; recipe->pairs[i] != NULL; i += 2)
    {
      const char *value = recipe->pairs[i + 1];

      if (g_str_equal (value, "@code"))
        value = world->code;
      else if (value[0] == '@')
        value = test_world_uuid (world, value + 1);
      test_set_field (record, recipe->pairs[i], value);
    }

  return record;
}

/* Fills @store with one record of every kind, in the order of desk_kind_all() (which puts
 * parents first), in a new group whose code is @code. */
static inline TestWorld *
test_world_new (DeskStore  *store,
                const char *code)
{
  TestWorld *world = g_new0 (TestWorld, 1);
  const DeskKind *const *kinds = desk_kind_all ();

  world->code = g_strdup (code);
  world->records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      DeskRecord *record = test_world_new_record (world, kinds[i]);

      if (!desk_store_insert (store, record, &error))
        g_error ("inserting the world's %s: %s", kinds[i]->name, error->message);
      if (kinds[i] == DESK_KIND_GROUP)
        world->group = g_strdup (desk_record_get_uuid (record));
      g_hash_table_insert (world->records, (gpointer) kinds[i]->name, record);
    }

  return world;
}

/* How many rows the table of @kind holds, read by SQL so that it does not trust the
 * store's own reading code. */
static inline gint64
test_count_rows (DeskStore      *store,
                 const DeskKind *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", kind->table);

  return test_sqlite_int (_desk_store_get_db (store), sql);
}

/* @size bytes that differ with @seed and are not periodic at any piece size (free with
 * g_free), and the same written to @path (returned, taken). */
static inline guint8 *
test_generated_bytes (gsize   size,
                      guint32 seed)
{
  guint8 *data = g_malloc (MAX (size, 1));
  guint32 state = seed * 2654435761u + 1;

  for (gsize i = 0; i < size; i++)
    {
      state = state * 1103515245u + 12345u;
      data[i] = (guint8) (state >> 16);
    }

  return data;
}

static inline char *
test_write_generated (char    *path,
                      gsize    size,
                      guint32  seed)
{
  g_autofree guint8 *data = test_generated_bytes (size, seed);

  test_write_file (path, (const char *) data, size);

  return path;
}

/* Bytes in memory as a DeskAttachmentReadFunc reads them. */
typedef struct
{
  const guint8 *data;
  gsize length;
  gsize offset;
} TestMemorySource;

static inline gssize
test_memory_read (guint8   *buffer,
                  gsize     length,
                  gpointer  user_data,
                  GError  **error)
{
  TestMemorySource *source = user_data;
  gsize n = MIN (length, source->length - source->offset);

  memcpy (buffer, source->data + source->offset, n);
  source->offset += n;

  return (gssize) n;
}

/* The process's peak resident memory so far, in KB (VmHWM): memory tests run their work
 * in a child process (g_test_trap_subprocess) so that the peak is the work's own. */
static inline glong
test_peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);

  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

/* TRUE (and the test skipped, saying why) in a build with AddressSanitizer, whose shadow
 * memory and quarantine make a peak meaningless. */
static inline gboolean
test_skip_memory_under_asan (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory and quarantine make the peak meaningless");
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  g_test_skip ("AddressSanitizer's shadow memory and quarantine make the peak meaningless");
  return TRUE;
#endif
#endif
  return FALSE;
}

/* Takes a database back to version 5: attendance made again with the statuses it had
 * before invitations (an invited person becomes registered, the status that came
 * closest). Harmless on a database that has it removed already. */
static inline void
test_sqlite_undo_migration_6 (sqlite3 *db)
{
  if (test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                           "AND name = 'attendance' AND sql LIKE '%invited%'") == 0)
    return;
  test_sqlite_exec (db,
    "DROP TRIGGER attendance_tombstone; DROP TRIGGER attendance_revive; "
    "DROP INDEX attendance_person; "
    "ALTER TABLE attendance RENAME TO attendance_v6; "
    "CREATE TABLE attendance ("
    "  uuid TEXT PRIMARY KEY,"
    "  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,"
    "  workshop_uuid TEXT NOT NULL REFERENCES workshops (uuid) ON DELETE CASCADE,"
    "  person_uuid TEXT NOT NULL REFERENCES people (uuid) ON DELETE CASCADE,"
    "  role TEXT NOT NULL DEFAULT 'participant'"
    "    CHECK (role IN ('participant', 'speaker', 'facilitator', 'organiser')),"
    "  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'attended', 'absent')),"
    "  updated TEXT NOT NULL,"
    "  UNIQUE (workshop_uuid, person_uuid)"
    ") STRICT; "
    "INSERT INTO attendance SELECT uuid, group_uuid, workshop_uuid, person_uuid, role, "
    "  CASE status WHEN 'invited' THEN 'registered' ELSE status END, updated FROM attendance_v6; "
    "DROP TABLE attendance_v6; "
    "CREATE INDEX attendance_person ON attendance (person_uuid); "
    "CREATE TRIGGER attendance_tombstone AFTER DELETE ON attendance BEGIN"
    "  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)"
    "  VALUES (OLD.uuid, 'attendance', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
    " END; "
    "CREATE TRIGGER attendance_revive AFTER INSERT ON attendance BEGIN"
    "  DELETE FROM tombstones WHERE uuid = NEW.uuid;"
    " END;");
}

/* Takes a database back to version 8: what migration 9 added (the change history, unlocks,
 * endorsement, amendments received) removed. Harmless when already removed. */
static inline void
test_sqlite_undo_migration_9 (sqlite3 *db)
{
  test_sqlite_exec (db, "DROP TABLE IF EXISTS changes; DROP TABLE IF EXISTS unlocks; "
                        "DROP TABLE IF EXISTS bundle_amendments;");
  if (test_sqlite_int (db, "SELECT count(*) FROM pragma_table_info ('exports') "
                           "WHERE name = 'changes_through'") > 0)
    test_sqlite_exec (db, "ALTER TABLE workplans DROP COLUMN endorsed_on; "
                          "ALTER TABLE workplans DROP COLUMN endorsed_meeting; "
                          "ALTER TABLE workplans DROP COLUMN endorsed_chair; "
                          "ALTER TABLE exports DROP COLUMN endorsed_on; "
                          "ALTER TABLE exports DROP COLUMN endorsed_meeting; "
                          "ALTER TABLE exports DROP COLUMN endorsed_chair; "
                          "ALTER TABLE exports DROP COLUMN changes_through;");
}

/* Takes a database back to version 7: what migration 8 added (the secretariat's settings
 * and the bundles offered and not applied) removed. Harmless when already removed. */
static inline void
test_sqlite_undo_migration_8 (sqlite3 *db)
{
  /* Migration 9 came after: a database taken back to version 7 loses it too. */
  test_sqlite_undo_migration_9 (db);
  test_sqlite_exec (db, "DROP TABLE IF EXISTS bundle_offers; DROP TABLE IF EXISTS settings;");
}

/* Takes a database back to version 6: what migration 7 added (sealed files) removed.
 * Only for databases without sealed files. Harmless on a database that has it removed
 * already. */
static inline void
test_sqlite_undo_migration_7 (sqlite3 *db)
{
  /* Migration 8 came after: a database taken back to version 6 loses it too. */
  test_sqlite_undo_migration_8 (db);
  if (test_sqlite_int (db, "SELECT count(*) FROM pragma_table_info ('attachment_blobs') "
                           "WHERE name = 'sealed_sha256'") > 0)
    test_sqlite_exec (db, "ALTER TABLE attachment_blobs DROP COLUMN sealed_sha256;");
  test_sqlite_exec (db, "DROP TRIGGER IF EXISTS attachments_drop_blob_moved;");
}

/* Takes a database back to version 4: what migration 5 added (attachments) removed.
 * Harmless on a database that has it removed already. */
static inline void
test_sqlite_undo_migration_5 (sqlite3 *db)
{
  /* Migrations 6 and 7 came after: a database taken back to version 4 loses them too. */
  test_sqlite_undo_migration_7 (db);
  test_sqlite_undo_migration_6 (db);
  static const char *const owners[] = {
    "activities", "deliverables", "expenses", "funding_receipts", "workshops",
    "indicator_values",
  };

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER IF EXISTS %s_attachments;",
                                              owners[i]);

      test_sqlite_exec (db, sql);
    }
  test_sqlite_exec (db, "DROP TRIGGER IF EXISTS attachments_drop_blob; "
                        "DROP TRIGGER IF EXISTS attachment_blobs_drop_content; "
                        "DROP TABLE IF EXISTS attachments; "
                        "DROP TABLE IF EXISTS attachment_blobs; "
                        "DROP TABLE IF EXISTS attachment_contents;");
}

/* Takes a database at the current version back to version 3: what migrations 5 and 4 added
 * removed, and the join table it folded into people put back. Data of migration 4's
 * columns is lost, so only for databases without people. */
static inline void
test_sqlite_undo_migration_4 (sqlite3 *db)
{
  /* Migration 5 came after: a database taken back to version 3 loses it too. */
  test_sqlite_undo_migration_5 (db);
  test_sqlite_exec (db, "DROP TABLE protection; "
                        "ALTER TABLE people DROP COLUMN vulnerable_groups; "
                        "CREATE TABLE person_vulnerable_groups ("
                        "  person_uuid TEXT NOT NULL REFERENCES people (uuid) ON DELETE CASCADE,"
                        "  vulnerable_group TEXT NOT NULL REFERENCES vulnerable_groups (code),"
                        "  PRIMARY KEY (person_uuid, vulnerable_group)"
                        ") STRICT, WITHOUT ROWID;");
}

/* The total of rows over every kind's table and every join table. */
static inline gint64
test_count_all_rows (DeskStore *store)
{
  static const char *const joins[] = {
    "activity_themes", "activity_supporters", "tombstones",
  };
  const DeskKind *const *kinds = desk_kind_all ();
  gint64 total = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    total += test_count_rows (store, kinds[i]);
  for (guint i = 0; i < G_N_ELEMENTS (joins); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", joins[i]);
      total += test_sqlite_int (_desk_store_get_db (store), sql);
    }

  return total;
}

/* Lines of a reference TSV in the source tree (data/reference), header skipped: each an
 * array of its columns. */
static inline GPtrArray *
test_read_reference (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "reference",
                                                 file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] != '\0')
        g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
    }
  g_assert_cmpuint (rows->len, >, 0);

  return rows;
}

/* For g_ptr_array_sort, which hands over pointers to the elements. */
static inline int
test_compare_strings (gconstpointer a,
                      gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Whether @actual, as read back from the store, holds what @expected held when it was
 * written. A field left unset takes its column's default on insert (empty text, no,
 * 'draft', 0 participants …) and an unset set is the empty set, so unset fields are
 * not compared; every field that was set must come back exactly. */
static inline void
test_assert_same_record (DeskRecord *expected,
                         DeskRecord *actual)
{
  const DeskKind *kind = desk_record_get_kind (expected);

  g_assert_true (desk_record_get_kind (actual) == kind);
  g_assert_cmpstr (desk_record_get_uuid (actual), ==, desk_record_get_uuid (expected));
  g_assert_cmpstr (desk_record_get_group (actual), ==, desk_record_get_group (expected));

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      gboolean set = desk_record_index_is_set (expected, i);

      if (!set && f->type != DESK_FIELD_CODE_SET && f->type != DESK_FIELD_REF_SET)
        continue;

      switch (f->type)
        {
        case DESK_FIELD_CODE_SET:
        case DESK_FIELD_REF_SET:
          {
            const char *const *a = desk_record_index_get_set (expected, i);
            const char *const *b = desk_record_index_get_set (actual, i);
            g_autoptr(GPtrArray) sa = g_ptr_array_new ();
            g_autoptr(GPtrArray) sb = g_ptr_array_new ();

            /* A set has no order. */
            for (guint j = 0; a[j] != NULL; j++)
              g_ptr_array_add (sa, (gpointer) a[j]);
            for (guint j = 0; b[j] != NULL; j++)
              g_ptr_array_add (sb, (gpointer) b[j]);
            g_ptr_array_sort (sa, test_compare_strings);
            g_ptr_array_sort (sb, test_compare_strings);
            g_ptr_array_add (sa, NULL);
            g_ptr_array_add (sb, NULL);
            g_assert_cmpstrv ((const char *const *) sa->pdata, (const char *const *) sb->pdata);
          }
          break;

        case DESK_FIELD_INT:
        case DESK_FIELD_MONEY:
        case DESK_FIELD_MILLI:
          g_assert_cmpint (desk_record_index_is_set (actual, i), ==, set);
          G_GNUC_FALLTHROUGH;
        case DESK_FIELD_BOOL:
          if (desk_record_index_get_int (actual, i) != desk_record_index_get_int (expected, i))
            g_error ("%s.%s: %" G_GINT64_FORMAT " was stored as %" G_GINT64_FORMAT, kind->name,
                     f->name, desk_record_index_get_int (expected, i),
                     desk_record_index_get_int (actual, i));
          break;

        case DESK_FIELD_TEXT:
          {
            const char *a = desk_record_index_get_string (expected, i);
            const char *b = desk_record_index_get_string (actual, i);

            if (g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") != 0)
              g_error ("%s.%s: “%s” was stored as “%s”", kind->name, f->name, a, b);
          }
          break;

        case DESK_FIELD_DATE:
        case DESK_FIELD_CURRENCY:
        case DESK_FIELD_CODE:
        case DESK_FIELD_CHOICE:
        case DESK_FIELD_REF:
        default:
          if (g_strcmp0 (desk_record_index_get_string (expected, i),
                         desk_record_index_get_string (actual, i)) != 0)
            g_error ("%s.%s: “%s” was stored as “%s”", kind->name, f->name,
                     desk_record_index_get_string (expected, i),
                     desk_record_index_get_string (actual, i));
          break;
        }
    }
}
