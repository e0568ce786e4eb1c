/* desk-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"
#include "desk-changes-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"
#include "desk-validate-private.h"

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PROTECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DeskStore *self = DESK_STORE (object);

  switch (prop_id)
    {
    case PROP_PROTECTION:
      g_value_set_int (value, (int) desk_store_get_protection (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

typedef struct
{
  int version;
  const char *sql_resource;
  gboolean (*after) (DeskStore *self, GError **error);
} Migration;


/* Numbered migrations. Each runs inside BEGIN IMMEDIATE with the PRAGMA user_version it
 * brings, so a failed one leaves the database exactly at the version before. */
static const Migration migrations[] = {
  { 1, "/org/voluntaryprinciples/Groupdesk/core/schema/001-initial.sql", _desk_store_migrate_1_reference },
  { 2, "/org/voluntaryprinciples/Groupdesk/core/schema/002-imported-bundles.sql", NULL },
  { 3, "/org/voluntaryprinciples/Groupdesk/core/schema/003-person-merges.sql", NULL },
  { 4, "/org/voluntaryprinciples/Groupdesk/core/schema/004-protection.sql", NULL },
  { 5, "/org/voluntaryprinciples/Groupdesk/core/schema/005-attachments.sql", NULL },
  { 6, "/org/voluntaryprinciples/Groupdesk/core/schema/006-invitations.sql", NULL },
  { 7, "/org/voluntaryprinciples/Groupdesk/core/schema/007-sealed-files.sql", NULL },
  { 8, "/org/voluntaryprinciples/Groupdesk/core/schema/008-secretariat.sql", NULL },
  { 9, "/org/voluntaryprinciples/Groupdesk/core/schema/009-reported.sql", NULL },
};

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = (DeskStore *) object;

  _desk_store_forget_key (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the database. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  /* Only once the file is closed may a writer in this process take its name. */
  if (self->protected)
    _desk_file_unprotect (self->path);
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
  object_class->get_property = desk_store_get_property;

  /**
   * DeskStore:protection:
   *
   * Whether names are protected, and locked or unlocked: a #DeskProtection, notified
   * when protection is turned on or off and when the store locks or unlocks.
   */
  properties[PROP_PROTECTION] =
    g_param_spec_int ("protection", NULL, NULL, DESK_PROTECTION_OFF, DESK_PROTECTION_UNLOCKED,
                      DESK_PROTECTION_OFF, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

const char *
_desk_store_display_path (DeskStore *self)
{
  /* Only tests open in-memory databases; they need no translated name. */
  return self->path != NULL ? self->path : ":memory:";
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

  /* What the savepoint wrote is undone: it must not be announced at the outer commit, nor
   * stay in the index of names. */
  _desk_store_people_index_drop (self);
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

void
desk_store_announce_change (DeskStore      *self,
                            const DeskKind *kind,
                            const char     *uuid)
{
  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (kind != NULL && uuid != NULL);

  _desk_store_emit_changed (self, kind, uuid);
}

/* Opening and migrating */

char *
_desk_store_sqlite_name (const char *path)
{
  if (g_str_has_prefix (path, "file:"))
    return g_strconcat ("./", path, NULL);

  return g_strdup (path);
}

/* A URI that makes SQLite read the file as it is: no locks, no -wal, no -shm. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strconcat ("file://", escaped, "?immutable=1", NULL);
}

typedef struct
{
  gboolean present;   /* a regular file is there */
  gboolean empty;     /* and it has no bytes */
  gboolean wal_mode;  /* its header says WAL */
  guint32 app_id;     /* its header's application_id */
} FileInfo;

static gboolean
refuse_non_regular (const char     *path,
                    const GStatBuf *st,
                    GError        **error)
{
  if (S_ISREG (st->st_mode))
    return TRUE;

  if (S_ISLNK (st->st_mode))
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                 _("%s is a symbolic link. Groupdesk opens a database only under its "
                   "own name: choose the file the link points to."), path);
  else if (S_ISDIR (st->st_mode))
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                 _("%s is a folder, not a Groupdesk database. Choose a file "
                   "name instead."), path);
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                 _("%s is not an ordinary file (it is a device, a pipe or a socket), so it "
                   "cannot be a Groupdesk database. Choose a database file."), path);

  return FALSE;
}

static void
set_unreadable_error (const char  *path,
                      int          saved_errno,
                      GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
               _("The database %s cannot be read: %s. Check its permissions."),
               path, g_strerror (saved_errno));
}

/* Looks at @path before SQLite does. Only a regular file is opened: a FIFO would block
 * SQLite forever and a device is no database. The header comes from a descriptor opened
 * without blocking and without following a final link, checked with fstat first. */
static gboolean
inspect_file (const char  *path,
              FileInfo    *info,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[100];
  GStatBuf st, fst;
  gsize n_read = 0;
  int fd;

  memset (info, 0, sizeof *info);

  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      set_unreadable_error (path, saved_errno, error);
      return FALSE;
    }
  if (!refuse_non_regular (path, &st, error))
    return FALSE;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        {
          st.st_mode = S_IFLNK;
          return refuse_non_regular (path, &st, error);
        }
      set_unreadable_error (path, saved_errno, error);
      return FALSE;
    }
  if (fstat (fd, &fst) != 0 || !refuse_non_regular (path, &fst, error))
    {
      close (fd);
      if (error != NULL && *error == NULL)
        set_unreadable_error (path, EIO, error);
      return FALSE;
    }

  while (n_read < sizeof header)
    {
      gssize n = read (fd, header + n_read, sizeof header - n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          set_unreadable_error (path, saved_errno, error);
          return FALSE;
        }
      if (n == 0)
        break;
      n_read += n;
    }
  close (fd);

  info->present = TRUE;

  /* An empty file is an empty database; anything else must start like SQLite. */
  if (n_read == 0)
    {
      info->empty = TRUE;
      return TRUE;
    }

  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                   _("The file %s is not a Groupdesk database. Choose a database file, "
                     "or a new file name to start a new database."),
                   path);
      return FALSE;
    }

  info->wal_mode = header[18] == 2 || header[19] == 2;
  info->app_id = (guint32) header[68] << 24 | (guint32) header[69] << 16 |
                 (guint32) header[70] << 8 | (guint32) header[71];

  return TRUE;
}

gboolean
_desk_store_ensure_folder (const char  *path,
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
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_lstat (wal, &st) == 0 && st.st_size > 0;
}

static gboolean
sqlite_int (sqlite3    *db,
            const char *sql,
            int        *out,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
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
      *rc_out = sqlite3_extended_errcode (db);
      if (*rc_out == SQLITE_OK)
        *rc_out = rc;
      return FALSE;
    }

  return TRUE;
}

/* Every table and its columns, in one string: "activities(uuid TEXT,…);…". */
static char *
schema_signature (sqlite3 *db)
{
  static const char sql[] =
    "SELECT m.name, (SELECT group_concat (c.name || ' ' || c.type, ',') "
    "                FROM (SELECT name, type FROM pragma_table_info (m.name) ORDER BY cid) AS c) "
    "FROM sqlite_schema AS m "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' "
    "ORDER BY m.name";
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s(%s);", (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether @db holds exactly the tables and columns our migrations create up to @version:
 * the mark of a Groupdesk database from before the application_id. */
static gboolean
is_own_schema (sqlite3 *db,
               int      version)
{
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  sqlite3 *model = NULL;
  gboolean built = TRUE;

  if (sqlite3_open_v2 (":memory:", &model, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (model);
      return FALSE;
    }

  for (guint i = 0; built && i < G_N_ELEMENTS (migrations); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;

      if (migrations[i].version > version)
        break;
      bytes = g_resources_lookup_data (migrations[i].sql_resource, 0, NULL);
      if (bytes == NULL)
        {
          built = FALSE;
          break;
        }
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      built = sqlite3_exec (model, sql, NULL, NULL, NULL) == SQLITE_OK;
    }

  if (built)
    expected = schema_signature (model);
  sqlite3_close (model);

  /* A schema that cannot even be listed (a module we lack, say) is not ours either. */
  actual = schema_signature (db);

  return expected != NULL && actual != NULL && g_str_equal (expected, actual);
}

gboolean
_desk_store_identify (sqlite3        *db,
                      DeskDbIdentity *identity,
                      int            *version,
                      int            *rc)
{
  int app_id = 0;
  int objects = 0;

  if (!sqlite_int (db, "PRAGMA application_id", &app_id, rc) ||
      !sqlite_int (db, "PRAGMA user_version", version, rc) ||
      !sqlite_int (db, "SELECT count(*) FROM sqlite_schema", &objects, rc))
    return FALSE;

  if ((guint32) app_id == DESK_APPLICATION_ID)
    *identity = DESK_DB_OWN;
  else if (app_id != 0)
    *identity = DESK_DB_FOREIGN;
  else if (*version == 0)
    *identity = objects == 0 ? DESK_DB_NEW : DESK_DB_FOREIGN;
  else if (*version > DESK_SCHEMA_VERSION)
    /* Every Groupdesk that knows a newer schema writes the id. */
    *identity = DESK_DB_FOREIGN;
  else
    *identity = is_own_schema (db, *version) ? DESK_DB_OWN_LEGACY : DESK_DB_FOREIGN;

  return TRUE;
}

/* Decides, only reading, whether the existing file is ours, before the store's own
 * connection touches it: that one may switch the file to WAL, roll back a hot journal,
 * or checkpoint when it closes. The probe's connection is read-only and never
 * checkpoints; a WAL file whose -wal is absent is read as immutable, so that not even a
 * -shm appears beside another program's file. */
static gboolean
probe_identity (DeskStore       *self,
                const FileInfo  *info,
                DeskDbIdentity  *identity,
                GError         **error)
{
  gboolean wal_present = has_wal (self->path);
  g_autofree char *name = NULL;
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  sqlite3 *db = NULL;
  int version = 0;
  int rc;

  if (info->app_id == DESK_APPLICATION_ID)
    {
      *identity = DESK_DB_OWN;
      return TRUE;
    }
  if (info->app_id != 0 && !wal_present)
    {
      *identity = DESK_DB_FOREIGN;
      return TRUE;
    }

  if (info->wal_mode && !wal_present)
    {
      name = immutable_uri (self->path);
      flags |= SQLITE_OPEN_URI;
    }
  else
    name = _desk_store_sqlite_name (self->path);

  rc = sqlite3_open_v2 (name, &db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_busy_timeout (db, DESK_BUSY_TIMEOUT_MS);
      if (_desk_store_identify (db, identity, &version, &rc))
        rc = SQLITE_OK;
    }
  sqlite3_close_v2 (db);

  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
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

  return _desk_store_backup_internal (self, backup_path, error);
}

static gboolean
migrate (DeskStore  *self,
         int         version,
         GError    **error)
{
  g_autofree char *stamp_id = g_strdup_printf ("PRAGMA application_id = %d",
                                               DESK_APPLICATION_ID);

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

      /* The id goes in with the schema, so that a database is never ours in shape and
       * not in name, nor the other way round. */
      pragma = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!_desk_store_exec (self, sql, error) ||
          (m->after != NULL && !m->after (self, error)) ||
          !_desk_store_exec (self, pragma, error) ||
          !_desk_store_exec (self, stamp_id, error) ||
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

/* A database of a Groupdesk from before the id gets it (the migrations give it to the
 * others in their own transaction). */
static gboolean
ensure_application_id (DeskStore  *self,
                       GError    **error)
{
  g_autofree char *pragma = NULL;
  int app_id = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error))
    return FALSE;
  if ((guint32) app_id == DESK_APPLICATION_ID)
    return TRUE;

  pragma = g_strdup_printf ("PRAGMA application_id = %d", DESK_APPLICATION_ID);
  if (!desk_store_begin (self, error))
    return FALSE;
  if (!_desk_store_exec (self, pragma, error) || !desk_store_commit (self, error))
    {
      if (self->depth > 0)
        desk_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

static DeskStore *
open_store (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(DeskStore) self = NULL;
  g_autofree char *name = NULL;
  gboolean in_memory = path == NULL || g_str_equal (path, ":memory:");
  DeskDbIdentity identity = DESK_DB_NEW;
  FileInfo info = { 0 };
  int flags;
  int version = 0;
  int rc = SQLITE_OK;

  if (!in_memory && path[0] == '\0')
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("No database file was named. Give the name of a database file."));
      return NULL;
    }

  if (!in_memory && !read_only && !_desk_store_ensure_folder (path, error))
    return NULL;
  if (!in_memory && !inspect_file (path, &info, error))
    return NULL;
  if (!in_memory && read_only && !info.present)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("The database %s does not exist. Check its name."), path);
      return NULL;
    }

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = in_memory ? NULL : g_strdup (path);
  self->read_only = read_only;

  /* Read before anything is written: a file of another program must be left exactly as
   * it is, companions and journal mode included. */
  if (info.present && !info.empty)
    {
      if (!probe_identity (self, &info, &identity, error))
        return NULL;
      if (identity == DESK_DB_FOREIGN)
        goto foreign;
    }

  flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  if (!read_only)
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      gboolean writable = g_access (dir, W_OK) == 0 && g_access (path, W_OK) == 0;

      if (writable)
        /* Writable after all (the caller only means to read): a connection that may
         * write, kept from writing by query_only, tidies its -wal and -shm away when it
         * closes, which a read-only connection cannot. */
        flags |= SQLITE_OPEN_READWRITE;
      else if (info.wal_mode && !has_wal (path))
        {
          /* A WAL database needs a -shm beside it, even to be read: in a folder that
           * cannot be written it cannot be made, and one made beside a file that cannot
           * be written would be left behind, read-only, in the way of the next writer.
           * With no -wal the file holds everything, and is read as it is. */
          name = immutable_uri (path);
          flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        }
      else
        flags |= SQLITE_OPEN_READONLY;
    }
  if (in_memory)
    name = g_strdup (":memory:");
  else if (name == NULL)
    name = _desk_store_sqlite_name (path);

  rc = sqlite3_open_v2 (name, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, DESK_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  /* The change history's triggers ask it (desk-changes.c). */
  _desk_changes_register_sql (self, self->db);

  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      _desk_store_set_error (self, SQLITE_READONLY, error);
      return NULL;
    }

  /* The same questions on the store's own connection, still only reading. */
  if (!_desk_store_identify (self->db, &identity, &version, &rc))
    {
      g_autofree char *dir = self->path != NULL ? g_path_get_dirname (self->path) : NULL;

      if (read_only && ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) &&
          has_wal (self->path) && g_access (dir, W_OK) != 0)
        g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                     _("The database %s was not closed cleanly: its last changes are in "
                       "%s-wal, which can only be read where the folder can be written. Copy "
                       "both files to a folder you can write to and open the copy."),
                     self->path, self->path);
      else
        _desk_store_set_error (self, rc, error);
      return NULL;
    }
  if (identity == DESK_DB_FOREIGN)
    goto foreign;

  if (version > DESK_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Groupdesk "
                     "(schema %d; this version knows up to %d). Update Groupdesk to open it."),
                   _desk_store_display_path (self), version, DESK_SCHEMA_VERSION);
      return NULL;
    }

  if (read_only)
    {
      if (version < DESK_SCHEMA_VERSION)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                       _("The database %s must first be upgraded to this version of "
                         "Groupdesk, and it cannot be written. Copy it to a folder you can "
                         "write to, or make it writable, then open it again."),
                       _desk_store_display_path (self));
          return NULL;
        }
      if (!_desk_store_exec (self, "PRAGMA query_only = ON", error) ||
          !_desk_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
          !_desk_store_exec (self, "PRAGMA cache_size = -65536", error) ||
          !_desk_store_exec (self, "PRAGMA mmap_size = 268435456", error))
        return NULL;
    }
  else
    {
      /* In WAL mode a database another program is writing can still be read, so only
       * taking the write lock tells that it is held: say so now, within the busy
       * timeout, rather than at the coordinator's first change. */
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

      if (!ensure_application_id (self, error))
        return NULL;
    }

  if (!_desk_store_load_reference_cache (self, error) ||
      !_desk_store_load_protection (self, error))
    return NULL;

  if (self->path != NULL)
    {
      _desk_file_protect (self->path);
      self->protected = TRUE;
    }

  return g_steal_pointer (&self);

foreign:
  g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
               _("The file %s is an SQLite database of another program, not a "
                 "Groupdesk database. Choose another file."),
               _desk_store_display_path (self));
  return NULL;
}

DeskStore *
desk_store_open (const char  *path,
                 GError     **error)
{
  return open_store (path, FALSE, error);
}

DeskStore *
desk_store_open_read_only (const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_store (path, TRUE, error);
}

gboolean
desk_store_is_read_only (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  return self->read_only;
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

/* Restore */

gboolean
_desk_store_replace_from (DeskStore  *self,
                          sqlite3    *source,
                          GError    **error)
{
  sqlite3_backup *backup;
  int version = 0;
  int finished;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  backup = sqlite3_backup_init (self->db, "main", source, "main");
  if (backup == NULL)
    {
      _desk_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  rc = _desk_store_backup_run (backup);
  finished = sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    rc = finished == SQLITE_OK ? SQLITE_DONE : finished;

  /* The copy is one write: it either replaced every page or none. Another program
   * holding the lock is said as such, after the same wait as every other command. */
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
      !ensure_application_id (self, error) ||
      !_desk_store_load_reference_cache (self, error))
    return FALSE;

  /* The backup brings its own protection (or none), and its own wrapped key: the key in
   * memory may not be its key. */
  _desk_store_forget_key (self);
  if (!_desk_store_load_protection (self, error))
    return FALSE;
  g_object_notify (G_OBJECT (self), "protection");

  return TRUE;
}
