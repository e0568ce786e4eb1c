/* desk-bundle-import-connection.c — how an import tunes its connection while it runs,
 * and the file's digest computed on another core beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle-import"

#include "config.h"
#include "desk-bundle-import-private.h"
#include <string.h>
#include <glib/gstdio.h>
#include "desk-backup.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-reference.h"
#include "desk-store-private.h"

static int
query_int (DeskStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  if (sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* For as long as the import runs, the journal of each record's savepoint (see
 * desk_store_begin) is kept in memory. In a file it is never truncated while the
 * import's transaction lasts, and every record writes the pages it changes to it again:
 * twice the records took seven times as long. In memory it is emptied as each record's
 * savepoint is released, so it holds one record's pages at most. Set before the
 * transaction begins, which is when SQLite reads temp_store; the store makes no
 * temporary tables, which changing it would drop. */
void
_desk_import_tune_connection (Import *im)
{
  im->temp_store = query_int (im->store, "PRAGMA temp_store");
  im->tuned = _desk_store_exec (im->store, "PRAGMA temp_store = MEMORY", NULL);
  _desk_store_remember_import (im->store, TRUE);
}

/* The only triggers of the schema are each table's AFTER DELETE (a tombstone for what is
 * deleted, an attachment's bytes) and AFTER INSERT (the inserted record's tombstone taken
 * away). Into a group that is new here (see _desk_import_database_is_fresh) the second
 * has nothing to take away (a tombstone of the same identifier in another group refuses
 * the bundle) and the first has no delete to follow until the bundle's tombstones are
 * applied, yet each insert runs it: one more b-tree search per record. So the
 * connection's triggers are off while a new group's records go in, and on again before
 * the first delete and whenever the import ends. Changing it makes SQLite prepare its
 * statements again. */
void
_desk_import_set_triggers (Import   *im,
              gboolean  on)
{
  int now = -1;

  if (on == !im->triggers_off)
    return;
  sqlite3_db_config (_desk_store_get_db (im->store), SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0,
                     &now);
  im->triggers_off = now == 0;
}

void
_desk_import_restore_connection (Import *im)
{
  g_autofree char *sql = NULL;

  if (im->store != NULL)
    {
      _desk_import_set_triggers (im, TRUE);
      _desk_store_remember_import (im->store, FALSE);
    }
  if (!im->tuned)
    return;
  sql = g_strdup_printf ("PRAGMA temp_store = %d", im->temp_store);
  _desk_store_exec (im->store, sql, NULL);
  im->tuned = FALSE;
}

/* Whether the bundle's group has no record and no tombstone in this database (which
 * may hold any number of other groups): then no record of the bundle can meet a local
 * one of its group, except those this import wrote, and the identifiers met so far
 * (im->seen) already answer for those. Every record names its group through a foreign
 * key, so a group without its row has no record; two indexed lookups, however many
 * groups the database holds. What other groups hold is checked once for the whole
 * bundle, after its records are in (check_identifiers_alone in desk-bundle-apply.c).
 * Asked inside the transaction, so that nobody can write in between. */
gboolean
_desk_import_database_is_fresh (Import *im)
{
  sqlite3_stmt *stmt = NULL;
  gboolean fresh = FALSE;

  if (im->plan == NULL || im->plan->group_uuid == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (_desk_store_get_db (im->store),
                          "SELECT NOT (EXISTS (SELECT 1 FROM groups WHERE uuid = ?1)"
                          " OR EXISTS (SELECT 1 FROM tombstones WHERE group_uuid = ?1)"
                          " OR EXISTS (SELECT 1 FROM tombstones WHERE uuid = ?1))",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, im->plan->group_uuid, -1, SQLITE_TRANSIENT);
      fresh = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
    }
  sqlite3_finalize (stmt);

  return fresh;
}

/* The digest of the whole file is only written down with the import, at its end: it is
 * computed on another core while this one reads the file, a slice at a time so that an
 * import that ends early (refused, cancelled) does not wait for it. */
#define FILE_DIGEST_SLICE (1024 * 1024)

static gpointer
file_digest_run (gpointer data)
{
  Import *im = data;
  const guchar *bytes = (const guchar *) g_mapped_file_get_contents (im->mapped);
  gsize len = g_mapped_file_get_length (im->mapped);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize done = 0; done < len; done += FILE_DIGEST_SLICE)
    {
      if (g_atomic_int_get (&im->file_digest_stop))
        return NULL;
      g_checksum_update (sum, bytes + done, MIN (FILE_DIGEST_SLICE, len - done));
      _desk_bundle_release (im->mapped, done, done + FILE_DIGEST_SLICE);
    }

  return g_strdup (g_checksum_get_string (sum));
}

void
_desk_import_file_digest_start (Import *im)
{
  /* Only checking the file (no store): it is never written down. */
  if (im->store == NULL)
    return;
  im->file_digest = g_thread_try_new ("groupdesk-digest", file_digest_run, im, NULL);
  if (im->file_digest == NULL)
    im->file_sha256 = _desk_bundle_file_digest (im->mapped);
}

/* Waits for the file's digest; with @stop, tells the thread it is no longer needed. */
void
_desk_import_file_digest_join (Import   *im,
                  gboolean  stop)
{
  char *digest;

  if (im->file_digest == NULL)
    return;
  if (stop)
    g_atomic_int_set (&im->file_digest_stop, 1);
  digest = g_thread_join (g_steal_pointer (&im->file_digest));
  if (im->file_sha256 == NULL)
    im->file_sha256 = digest;
  else
    g_free (digest);
}
