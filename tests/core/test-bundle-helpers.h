/* test-bundle-helpers.h — the digests and checks that test-bundle.c and test-bundle-import.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-bundle-common.h"

#include <libxml/xmlschemas.h>

#include "desk-bundle-private.h"

/* Every row of every table, sorted, digested: equal digests mean the same data. */
static inline char *
dump_digest (DeskStore *store)
{
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", (char *) tables->pdata[i]);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "%s\x1f", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                    ? "\x01" : (const char *) sqlite3_column_text (stmt, c));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, test_compare_strings);
      g_checksum_update (sum, (const guchar *) tables->pdata[i], -1);
      for (guint j = 0; j < rows->len; j++)
        g_checksum_update (sum, (const guchar *) rows->pdata[j], -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static inline char *
content_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = _desk_bundle_map (path, &error);
  char *digest;

  g_assert_no_error (error);
  digest = _desk_bundle_content_digest (mapped, "records");
  g_assert_nonnull (digest);

  return digest;
}

static inline DeskImportPlan *
import_ok (DeskStore  *store,
           const char *path,
           gboolean    force,
           gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  DeskImportPlan *plan = desk_bundle_import (store, path, force, dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static inline DeskImportCount *
plan_kind (DeskImportPlan *plan,
           const char     *kind)
{
  for (guint i = 0; i < plan->counts->len; i++)
    if (g_str_equal (g_array_index (plan->counts, DeskImportCount, i).kind, kind))
      return &g_array_index (plan->counts, DeskImportCount, i);

  g_error ("the plan has no line for %s", kind);
  return NULL;
}

/* Nothing but the target and the database's own files in the folder: no temporary file
 * left behind. */
static inline void
assert_no_partial_files (Fixture *f)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_error ("a temporary file was left behind: %s", name);
  g_dir_close (dir);
}

static inline int
pragma_int (DeskStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The bundle at @path with the last reference to a person pointed at a person nobody has,
 * the records' digest made to match again: sound to the schema and to the bundle's own
 * checks, refused only by the store's validation of its very last record. */
static inline char *
last_record_dangling (Fixture    *f,
                      const char *path)
{
  g_autofree char *text = read_text (path);
  g_autofree char *digest = NULL;
  g_autofree char *nobody = g_uuid_string_random ();
  const char *records = strstr (text, "<records>");
  const char *end = g_strrstr (text, "</records>");
  char *person = g_strrstr (text, "<person_uuid>");
  char *sum = strstr (text, "<content_sha256>");
  char *crafted = fixture_path (f, "dangling.gdbundle");

  g_assert_nonnull (records);
  g_assert_nonnull (end);
  g_assert_nonnull (person);
  g_assert_nonnull (sum);
  person += strlen ("<person_uuid>");
  g_assert_true (person < end && strlen (nobody) == 36 && person[36] == '<');
  /* No record starts after it: it is the bundle's last. */
  g_assert_null (g_strstr_len (person, end - person, " uuid=\""));
  memcpy (person, nobody, 36);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) records,
                                        end + strlen ("</records>") - records);
  sum += strlen ("<content_sha256>");
  g_assert_true (sum[64] == '<');
  memcpy (sum, digest, 64);
  g_assert_true (g_file_set_contents (crafted, text, -1, NULL));

  return crafted;
}

/* Whether the connection runs its triggers (the import turns them off while it fills a
 * fresh database). */
static inline gboolean
triggers_on (DeskStore *store)
{
  int on = -1;

  sqlite3_db_config (_desk_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &on);

  return on == 1;
}

/* The first column of @sql's first row, with ?1 bound to @arg. */
static inline char *
query_text (DeskStore  *store,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  char *kind = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return kind;
}

/* IATI */

static inline void
assert_iati_valid (const char *path)
{
  const char *dir = g_getenv ("GROUPDESK_IATI_SCHEMA_DIR");
  g_autofree char *xsd = dir != NULL ? g_build_filename (dir, "iati-activities-schema.xsd", NULL) : NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  xmlSchemaParserCtxtPtr pctxt;
  xmlSchemaValidCtxtPtr vctxt;
  xmlSchemaPtr schema;
  int rc;

  if (xsd == NULL || !g_file_test (xsd, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip_printf ("The official IATI schema was not found at %s; the IATI file was "
                          "written but not validated.", xsd != NULL ? xsd : "$GROUPDESK_IATI_SCHEMA_DIR");
      return;
    }

  pctxt = xmlSchemaNewParserCtxt (xsd);
  schema = xmlSchemaParse (pctxt);
  xmlSchemaFreeParserCtxt (pctxt);
  g_assert_nonnull (schema);
  vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, _desk_bundle_collect_error, reasons);
  rc = xmlSchemaValidateFile (vctxt, path, 0);
  for (guint i = 0; i < reasons->len; i++)
    g_test_message ("%s", (const char *) reasons->pdata[i]);
  g_assert_cmpint (rc, ==, 0);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlSchemaFree (schema);
}

static inline guint
count_open_files (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Export: every bundle the writer produces passes the schema. The test checks it with the
 * real schema itself, so that the writer may stop re-reading its own file one day without
 * this proof going with it. */

static inline void
assert_schema_valid (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  xmlSchemaPtr schema = _desk_bundle_get_schema (&error);
  xmlSchemaValidCtxtPtr vctxt;
  int rc;

  g_assert_no_error (error);
  vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, _desk_bundle_collect_error, reasons);
  rc = xmlSchemaValidateFile (vctxt, path, 0);
  xmlSchemaFreeValidCtxt (vctxt);
  if (rc != 0)
    g_error ("%s does not pass the schema: %s", path,
             reasons->len > 0 ? (const char *) reasons->pdata[0] : "(no reason)");
}

static inline void
assert_exports_valid (Fixture    *f,
                      DeskStore  *store,
                      const char *group,
                      const char *from,
                      const char *to)
{
  static const DeskPrivacy privacies[] = {
    DESK_PRIVACY_AGGREGATE, DESK_PRIVACY_PSEUDONYMOUS, DESK_PRIVACY_NAMED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (privacies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("valid-%u.gdbundle", i);
      g_autofree char *path = fixture_path (f, name);

      g_assert_true (desk_bundle_export (store, group, from, to, privacies[i], path, &error));
      g_assert_no_error (error);
      assert_schema_valid (path);
      assert_no_partial_files (f);
    }
}

/* Cancelling: from the first progress report (the operation is under way), or before it
 * starts. Either way G_IO_ERROR_CANCELLED, nothing under the target's name, no temporary
 * file, no backup, and the database file byte for byte as before. */

typedef struct
{
  GCancellable *cancellable;
  guint calls;
  double last;
  gboolean backwards;
} Progress;

static inline void
cancel_at_first_report (double   fraction,
                        gpointer user_data)
{
  Progress *p = user_data;

  if (p->calls++ == 0)
    g_cancellable_cancel (p->cancellable);
}

static inline void
count_reports (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  p->backwards |= fraction < p->last;
  p->last = fraction;
  p->calls++;
}

static inline char *
closed_digest (Fixture    *f,
               DeskStore **store,
               const char *name)
{
  g_autofree char *path = fixture_path (f, name);
  char *digest;

  g_clear_object (store);
  digest = test_file_digest (path);
  *store = open_file_store (f, name);

  return digest;
}
