/* desk-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-validate-private.h"

#define BUSY_TIMEOUT_MS 3000

struct _DeskStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  GHashTable *codes;       /* "table\x1fcode" → GINT_TO_POINTER (1) */
  GHashTable *currencies;  /* code → minor units + 1 */
  GDateTime *now;
  int depth;
  GPtrArray *pending;      /* "kind\x1fuuid" changes to announce at the outer commit */
  GArray *marks;           /* pending->len at each open transaction or savepoint */
};

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  int version;
  const char *sql_resource;
  gboolean (*after) (DeskStore *self, GError **error);
} Migration;

static gboolean migrate_1_reference (DeskStore *self, GError **error);

/* Numbered migrations. Each runs inside BEGIN IMMEDIATE with the PRAGMA user_version it
 * brings, so a failed one leaves the database exactly at the version before. */
static const Migration migrations[] = {
  { 1, "/org/voluntaryprinciples/Groupdesk/core/schema/001-initial.sql", migrate_1_reference },
  { 2, "/org/voluntaryprinciples/Groupdesk/core/schema/002-imported-bundles.sql", NULL },
};

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = (DeskStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the database. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->currencies, g_hash_table_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (desk_store_parent_class)->finalize (object);
}

static void
desk_store_class_init (DeskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_store_finalize;

  /**
   * DeskStore::changed:
   * @kind: the kind's name, e.g. "activity"
   * @uuid: the record's UUID
   *
   * Emitted, with the kind as detail, after a write to a record has been committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
desk_store_init (DeskStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Errors */

static const char *
display_path (DeskStore *self)
{
  /* Only tests open in-memory databases; they need no translated name. */
  return self->path != NULL ? self->path : ":memory:";
}

void
_desk_store_set_error (DeskStore  *self,
                       int         rc,
                       GError    **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DESK_ERROR, DESK_ERROR_LOCKED,
                   _("The database %s is in use by another program. Close the other "
                     "Groupdesk window or program using it, then try again."),
                   display_path (self));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                   _("The database %s cannot be written. Check that the file and its "
                     "folder are writable, or choose another location."),
                   display_path (self));
      break;

    case SQLITE_NOTADB:
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                   _("The file %s is not a Groupdesk database. Choose a database file, "
                     "or a new file name to start a new database."),
                   display_path (self));
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, DESK_ERROR, DESK_ERROR_CORRUPT,
                   _("The database %s is damaged. Restore it from a backup."),
                   display_path (self));
      break;

    case SQLITE_FULL:
    case SQLITE_IOERR:
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The disk refused to save to %s (it may be full or removed). Free "
                     "some space or check the disk, then try again. Nothing was changed."),
                   display_path (self));
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This change conflicts with a record that already exists (%s). "
                     "Change the values or edit the existing record."),
                   detail);
      break;

    default:
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("The database %s reported an error: %s."),
                   display_path (self), detail);
      break;
    }
}

/* Statements */

sqlite3 *
_desk_store_get_db (DeskStore *self)
{
  return self->db;
}

sqlite3_stmt *
_desk_store_prepare (DeskStore   *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

gboolean
_desk_store_exec (DeskStore   *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (DeskStore   *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Transactions */

gboolean
desk_store_begin (DeskStore  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT desk_%d", self->depth);

  if (!_desk_store_exec (self, sql, error))
    return FALSE;

  g_array_append_val (self->marks, self->pending->len);
  self->depth++;

  return TRUE;
}

gboolean
desk_store_commit (DeskStore  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE desk_%d", self->depth - 1);

  if (!_desk_store_exec (self, sql, error))
    {
      desk_store_rollback (self);
      return FALSE;
    }

  g_array_set_size (self->marks, self->marks->len - 1);
  self->depth--;

  if (self->depth == 0 && self->pending->len > 0)
    {
      g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

      self->pending = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < pending->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (pending, i), "\x1f", 2);

          g_signal_emit (self, signals[CHANGED], g_quark_from_string (parts[0]),
                         parts[0], parts[1]);
        }
    }

  return TRUE;
}

void
desk_store_rollback (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_ptr_array_set_size (self->pending, 0);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO desk_%d; RELEASE desk_%d",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }

  /* What the savepoint wrote is undone: it must not be announced at the outer commit. */
  g_ptr_array_set_size (self->pending, g_array_index (self->marks, guint, self->marks->len - 1));
  g_array_set_size (self->marks, self->marks->len - 1);
  self->depth--;
}

void
_desk_store_emit_changed (DeskStore      *self,
                          const DeskKind *kind,
                          const char     *uuid)
{
  char *item = g_strconcat (kind->name, "\x1f", uuid, NULL);

  if (self->depth > 0)
    {
      g_ptr_array_add (self->pending, item);
      return;
    }

  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (kind->name),
                 kind->name, uuid);
  g_free (item);
}

/* Reference data */

gboolean
_desk_store_load_reference (DeskStore   *self,
                            const char  *table,
                            const char  *resource,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean is_currency = g_str_equal (table, "currencies");
  int position = 0;

  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);

  if (is_currency)
    sql = g_strdup ("INSERT INTO currencies (code, minor_units) VALUES (?1, ?2)");
  else
    sql = g_strdup_printf ("INSERT INTO %s (code, label_en, label_zh, position) "
                           "VALUES (?1, ?2, ?3, ?4)", table);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _desk_store_set_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }

  /* The first line names the columns. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      int rc;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      cols = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cols) < (is_currency ? 2u : 3u))
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, cols[0], -1, SQLITE_TRANSIENT);
      if (is_currency)
        sqlite3_bind_int (stmt, 2, atoi (cols[1]));
      else
        {
          sqlite3_bind_text (stmt, 2, cols[1], -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, cols[2], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 4, position++);
        }

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (self, rc, error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }

  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
migrate_1_reference (DeskStore  *self,
                     GError    **error)
{
  static const struct { const char *table; const char *file; } refs[] = {
    { "currencies", "currencies.tsv" },
    { "pillars", "pillars.tsv" },
    { "membership_statuses", "membership-status.tsv" },
    { "activity_kinds", "activity-kinds.tsv" },
    { "themes", "themes.tsv" },
    { "result_areas", "result-areas.tsv" },
    { "budget_categories", "budget-categories.tsv" },
    { "funding_sources", "funding-sources.tsv" },
    { "genders", "genders.tsv" },
    { "vulnerable_groups", "vulnerable-groups.tsv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autofree char *resource =
        g_strconcat ("/org/voluntaryprinciples/Groupdesk/core/reference/", refs[i].file, NULL);

      if (!_desk_store_load_reference (self, refs[i].table, resource, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_reference_cache (DeskStore  *self,
                      GError    **error)
{
  static const char *const tables[] = {
    "pillars", "membership_statuses", "activity_kinds", "themes", "result_areas",
    "budget_categories", "funding_sources", "genders", "vulnerable_groups",
  };
  sqlite3_stmt *stmt = NULL;

  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->currencies);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT code FROM %s", tables[i]);

      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (self->db), error);
          return FALSE;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (self->codes,
                          g_strconcat (tables[i], "\x1f",
                                       (const char *) sqlite3_column_text (stmt, 0), NULL));
      sqlite3_finalize (stmt);
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT code, minor_units FROM currencies", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      _desk_store_set_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->currencies,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) + 1));
  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
_desk_store_has_code (DeskStore  *self,
                      const char *table,
                      const char *code)
{
  g_autofree char *key = NULL;

  if (code == NULL)
    return FALSE;

  if (g_str_equal (table, "currencies"))
    return g_hash_table_contains (self->currencies, code);

  key = g_strconcat (table, "\x1f", code, NULL);

  return g_hash_table_contains (self->codes, key);
}

int
_desk_store_currency_minor_units (DeskStore  *self,
                                  const char *code)
{
  gpointer value;

  if (code == NULL || !g_hash_table_lookup_extended (self->currencies, code, NULL, &value))
    return -1;

  return GPOINTER_TO_INT (value) - 1;
}

/* Opening and migrating */

static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16] = { 0 };
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                       _("%s is a folder, not a Groupdesk database. Choose a file "
                         "name instead."), path);
          return FALSE;
        }
      g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                   _("The database %s cannot be read: %s. Check its permissions."),
                   path, local_error->message);
      return FALSE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read,
                                NULL, &local_error))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                   _("The database %s cannot be read: %s. Check its permissions."),
                   path, local_error->message);
      return FALSE;
    }

  /* An empty file is an empty database; anything else must start like SQLite. */
  if (n_read == 0)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                   _("The file %s is not a Groupdesk database. Choose a database file, "
                     "or a new file name to start a new database."),
                   path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                   _("The folder %s cannot be created: %s. Choose another location for "
                     "the database."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
backup_before_migration (DeskStore  *self,
                         int         from_version,
                         GError    **error)
{
  g_autofree char *backup_path = NULL;

  if (self->path == NULL)
    return TRUE;

  backup_path = g_strdup_printf ("%s.v%d.backup", self->path, from_version);

  return desk_store_backup (self, backup_path, error);
}

static gboolean
migrate (DeskStore  *self,
         int         version,
         GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *pragma = NULL;
      int current = 0;

      if (m->version <= version)
        continue;

      bytes = g_resources_lookup_data (m->sql_resource, 0, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (!desk_store_begin (self, error))
        return FALSE;

      /* Read again inside the write lock: another process may have migrated since. */
      if (!query_int (self, "PRAGMA user_version", &current, error))
        {
          desk_store_rollback (self);
          return FALSE;
        }
      if (current >= m->version)
        {
          desk_store_rollback (self);
          continue;
        }

      pragma = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!_desk_store_exec (self, sql, error) ||
          (m->after != NULL && !m->after (self, error)) ||
          !_desk_store_exec (self, pragma, error) ||
          !desk_store_commit (self, error))
        {
          if (self->depth > 0)
            desk_store_rollback (self);
          g_prefix_error (error, _("Upgrading the database to version %d failed; it was left "
                                   "as it was. "), m->version);
          return FALSE;
        }

      version = m->version;
    }

  return TRUE;
}

static gboolean
is_schema_empty (DeskStore *self,
                 gboolean  *empty,
                 GError   **error)
{
  int count = 0;

  if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &count, error))
    return FALSE;

  *empty = count == 0;

  return TRUE;
}

DeskStore *
desk_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(DeskStore) self = NULL;
  gboolean in_memory = path == NULL || g_str_equal (path, ":memory:");
  int version = 0;
  gboolean empty = TRUE;
  int rc;

  if (!in_memory)
    {
      if (!ensure_folder (path, error) || !check_header (path, error))
        return NULL;
    }

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = in_memory ? NULL : g_strdup (path);

  rc = sqlite3_open_v2 (in_memory ? ":memory:" : path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      _desk_store_set_error (self, SQLITE_READONLY, error);
      return NULL;
    }

  /* Read before writing anything: a file from a newer Groupdesk, or one another program
   * holds, must be left exactly as it is. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !is_schema_empty (self, &empty, error))
    return NULL;

  if (version > DESK_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Groupdesk "
                     "(schema %d; this version knows up to %d). Update Groupdesk to open it."),
                   display_path (self), version, DESK_SCHEMA_VERSION);
      return NULL;
    }

  if (version == 0 && !empty)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                   _("The file %s is an SQLite database of another program, not a "
                     "Groupdesk database. Choose another file."),
                   display_path (self));
      return NULL;
    }

  /* In WAL mode a database another program is writing can still be read, so only taking
   * the write lock tells that it is held: say so now, within the busy timeout, rather
   * than at the coordinator's first change. */
  if (!desk_store_begin (self, error))
    return NULL;
  desk_store_rollback (self);

  if (!_desk_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_desk_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_desk_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* A coordinator's whole database fits in memory: keep it there between reads
       * (64 MiB of page cache) and map it rather than copy it page by page. */
      !_desk_store_exec (self, "PRAGMA cache_size = -65536", error) ||
      !_desk_store_exec (self, "PRAGMA mmap_size = 268435456", error))
    return NULL;

  if (version < DESK_SCHEMA_VERSION)
    {
      if (version > 0 && !backup_before_migration (self, version, error))
        return NULL;
      if (!migrate (self, version, error))
        return NULL;
    }

  if (!load_reference_cache (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
desk_store_default_path (void)
{
  const char *env = g_getenv ("GROUPDESK_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, "groupdesk.db", NULL);
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return self->path;
}

int
desk_store_get_schema_version (DeskStore *self)
{
  int version = -1;

  g_return_val_if_fail (DESK_IS_STORE (self), -1);

  query_int (self, "PRAGMA user_version", &version, NULL);

  return version;
}

/* The clock */

void
desk_store_set_now (DeskStore *self,
                    GDateTime *now)
{
  g_return_if_fail (DESK_IS_STORE (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_to_utc (now);
}

GDateTime *
desk_store_dup_now (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (self->now != NULL)
    return g_date_time_ref (self->now);

  return g_date_time_new_now_utc ();
}

char *
desk_store_dup_today (DeskStore *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  now = desk_store_dup_now (self);
  /* Today is the coordinator's today, in their time zone; an injected clock is taken as
   * given so that tests do not depend on where they run. */
  local = self->now != NULL ? g_date_time_ref (now) : g_date_time_to_local (now);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
desk_store_dup_timestamp (DeskStore *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  now = desk_store_dup_now (self);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Backup and checks */

gboolean
desk_store_backup (DeskStore   *self,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *tmp_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ensure_folder (path, error))
    return FALSE;

  /* Written beside the target under another name and renamed at the end, so a
   * backup that fails half-way never takes the place of a good file. */
  tmp_path = g_strconcat (path, ".partial", NULL);
  g_unlink (tmp_path);

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          do
            rc = sqlite3_backup_step (backup, -1);
          while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp_path);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup %s could not be written: %s. Check that the folder is "
                     "writable and the disk has space."),
                   path, sqlite3_errstr (rc));
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup %s could not be written: %s. Check that the folder is "
                     "writable and the disk has space."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_store_check (DeskStore   *self,
                  GPtrArray  **problems,
                  GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Integrity: %s"), text));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found,
                       g_strdup_printf (_("Table %s, row %lld refers to a missing record in %s."),
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (long long) sqlite3_column_int64 (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}

gboolean
_desk_store_replace_from (DeskStore  *self,
                          sqlite3    *source,
                          GError    **error)
{
  sqlite3_backup *backup;
  int version = 0;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  backup = sqlite3_backup_init (self->db, "main", source, "main");
  if (backup == NULL)
    {
      _desk_store_set_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  do
    rc = sqlite3_backup_step (backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  /* The copy is one write: it either replaced every page or none. */
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  /* Statements prepared against the old schema are dropped, the copy brought up to
   * this version's schema, and the reference data read again. */
  g_hash_table_remove_all (self->statements);
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      (version < DESK_SCHEMA_VERSION && !migrate (self, version, error)) ||
      !load_reference_cache (self, error))
    return FALSE;

  return TRUE;
}
