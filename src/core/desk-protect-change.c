/* desk-protect-change.c — turning protection on and off, changing the passphrase, and
 * clearing what a change leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-protect"

#include "config.h"

#include "desk-protect-private.h"
#include "desk-attachment-private.h"
#include "desk-changes-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "desk-backup.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"


/* Turning protection on and off */

/* Rewrites every sealed field of every record: sealed under @to when it is not NULL,
 * else opened with @from into plain text. Inside the caller's transaction. */
static gboolean
rewrite_sealed (DeskStore      *self,
                const DeskKey  *from,
                const DeskKey  *to,
                GError        **error)
{
  const DeskKind *const *kinds = desk_kind_all ();

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      const DeskKind *kind = kinds[k];
      g_autoptr(GString) select = NULL;
      g_autoptr(GString) update = NULL;
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      sqlite3_stmt *read_stmt;
      sqlite3_stmt *write_stmt;
      int rc;

      for (const DeskField *f = kind->fields; f->name != NULL; f++)
        if ((f->flags & DESK_FIELD_SEALED) != 0)
          g_ptr_array_add (fields, (gpointer) f);
      if (fields->len == 0)
        continue;

      select = g_string_new ("SELECT uuid");
      update = g_string_new (NULL);
      g_string_append_printf (update, "UPDATE %s SET ", kind->table);
      for (guint i = 0; i < fields->len; i++)
        {
          const DeskField *f = g_ptr_array_index (fields, i);

          g_string_append_printf (select, ", %s", f->name);
          g_string_append_printf (update, "%s%s = ?%u", i > 0 ? ", " : "", f->name, i + 2);
        }
      g_string_append_printf (select, " FROM %s", kind->table);
      g_string_append (update, " WHERE uuid = ?1");

      /* Prepared here, not kept: they are used once in a database's life. */
      if (sqlite3_prepare_v2 (_desk_store_get_db (self), select->str, -1, &read_stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (_desk_store_get_db (self)), error);
          return FALSE;
        }
      if (sqlite3_prepare_v2 (_desk_store_get_db (self), update->str, -1, &write_stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (_desk_store_get_db (self)), error);
          sqlite3_finalize (read_stmt);
          return FALSE;
        }

      while ((rc = sqlite3_step (read_stmt)) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (read_stmt, 0);

          sqlite3_bind_text (write_stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          for (guint i = 0; i < fields->len; i++)
            {
              const DeskField *f = g_ptr_array_index (fields, i);
              const char *stored = (const char *) sqlite3_column_text (read_stmt, (int) i + 1);
              char *value;

              if (stored == NULL || stored[0] == '\0')
                value = g_strdup (stored != NULL ? stored : "");
              else if (to != NULL)
                value = _desk_seal_text (to, kind->table, f->name, uuid, stored);
              else
                {
                  value = _desk_open_text (from, kind->table, f->name, uuid, stored);
                  if (value == NULL)
                    {
                      g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                                   _("The %s %s has a “%s” that cannot be read: the database "
                                     "was changed outside Groupdesk. Protection stays on; "
                                     "correct or delete that record, then try again."),
                                   _(kind->label), uuid, _(f->label));
                      sqlite3_finalize (read_stmt);
                      sqlite3_finalize (write_stmt);
                      return FALSE;
                    }
                }
              sqlite3_bind_text (write_stmt, (int) i + 2, value, -1, SQLITE_TRANSIENT);
              _desk_text_wipe_free (value);
            }
          rc = sqlite3_step (write_stmt);
          sqlite3_reset (write_stmt);
          if (rc != SQLITE_DONE)
            break;
        }
      sqlite3_finalize (read_stmt);
      sqlite3_finalize (write_stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Overwrites @path with zeros, then removes it. The disk may still keep the old blocks
 * (a journalling file system or an SSD's wear levelling); what we can do, we do. */
static void
wipe_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      GStatBuf st;

      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
        {
          static const char zeros[65536];
          gint64 left = st.st_size;

          while (left > 0)
            {
              ssize_t n = write (fd, zeros, (size_t) MIN (left, (gint64) sizeof zeros));

              if (n <= 0)
                break;
              left -= n;
            }
          fsync (fd);
        }
      close (fd);
    }
  g_unlink (path);
}

/* Every automatic backup and upgrade copy of the database is wiped and one backup of its
 * state now is made, so that no copy keeps what the database no longer holds. */
static void
remake_backups (DeskStore *self)
{
  const char *path = desk_store_get_path (self);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  GDir *d;
  const char *name;

  if (path == NULL)
    return;

  backups = desk_backup_list (self);
  for (guint i = 0; i < backups->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *wal = g_strconcat (info->path, "-wal", NULL);
      g_autofree char *journal = g_strconcat (info->path, "-journal", NULL);

      wipe_file (info->path);
      wipe_file (wal);
      wipe_file (journal);
    }

  /* The copies kept before an upgrade: <database>.vN.backup. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *rest;

      if (!g_str_has_prefix (name, base))
        continue;
      rest = name + strlen (base);
      if (g_str_has_prefix (rest, ".v") && g_str_has_suffix (rest, ".backup"))
        {
          g_autofree char *copy = g_build_filename (dir, name, NULL);
          wipe_file (copy);
        }
    }
  if (d != NULL)
    g_dir_close (d);

  folder = desk_backup_folder (self);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      fresh = desk_backup_daily (self, &error);
      if (fresh == NULL && error != NULL)
        g_warning ("no backup after protection changed: %s", error->message);
    }
}

/* After sealed values replaced plain ones: nothing of the old values may stay in free
 * pages, the WAL or a backup. */
/* Copies the WAL into the database and empties it. A reader of another connection can
 * hold it back (SQLite then says busy, not an error): FALSE then, so the caller leaves
 * the clean-up pending. */
static gboolean
checkpoint_truncate (DeskStore  *self,
                     GError    **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  gboolean done;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  done = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (!done)
    g_set_error (error, DESK_ERROR, DESK_ERROR_LOCKED,
                 _("Another program is reading %s, so its old copies could not be cleared yet. "
                   "Groupdesk clears them the next time it opens the database."),
                 _desk_store_display_path (self));
  return done;
}

static gboolean
scrub (DeskStore  *self,
       GError    **error)
{
  if (!_desk_store_exec (self, "PRAGMA secure_delete = ON", error) ||
      !_desk_store_exec (self, "VACUUM", error) ||
      !checkpoint_truncate (self, error))
    return FALSE;
  remake_backups (self);
  /* Only now is it done: killed before this, the next open clears again. */
  return _desk_store_exec (self, "UPDATE protection SET scrub_pending = 0", error) &&
         checkpoint_truncate (self, error);
}

static char *
now_text (DeskStore *self)
{
  return desk_store_dup_timestamp (self);
}

/* Derives a key from @passphrase under a new salt: the salt in base64 into @salt_text. */
static DeskKey *
derive_new (const char         *passphrase,
            const DeskKdfCost  *cost,
            char              **salt_text,
            GError            **error)
{
  guint8 salt[DESK_SALT_BYTES];
  gsize size = sodium_base64_ENCODED_LEN (DESK_SALT_BYTES, sodium_base64_VARIANT_ORIGINAL);

  randombytes_buf (salt, sizeof salt);
  *salt_text = g_malloc (size);
  sodium_bin2base64 (*salt_text, size, salt, sizeof salt, sodium_base64_VARIANT_ORIGINAL);
  return _desk_key_derive (passphrase, salt, cost, error);
}

static const DeskKdfCost *
default_cost (void)
{
  static const DeskKdfCost cost = {
    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
  };

  return &cost;
}

static gboolean
check_writable (DeskStore  *self,
                GError    **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
               _("The database %s was opened only to be read. Open it to write, then try "
                 "again."), _desk_store_display_path (self));
  return FALSE;
}

/* A key derived from a new passphrase under a new salt: made on the store's thread,
 * derived anywhere (it touches no store), used on the store's thread. */
typedef struct
{
  char *passphrase;        /* guarded memory */
  DeskKdfCost cost;
  char *salt;              /* base64, once derived */
  DeskKey *derived;
} Derivation;

static void
derivation_free (Derivation *d)
{
  desk_secret_free (d->passphrase);
  g_free (d->salt);
  _desk_key_free (d->derived);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Derivation, derivation_free)

static Derivation *
derivation_new (const char        *passphrase,
                const DeskKdfCost *cost)
{
  Derivation *d = g_new0 (Derivation, 1);

  d->passphrase = desk_secret_dup (passphrase);
  d->cost = cost != NULL ? *cost : *default_cost ();
  return d;
}

static gboolean
derivation_run (Derivation  *d,
                GError     **error)
{
  d->derived = derive_new (d->passphrase, &d->cost, &d->salt, error);
  return d->derived != NULL;
}

static gboolean
protect_check (DeskStore   *self,
               const char  *passphrase,
               GError     **error)
{
  if (!check_writable (self, error) || !desk_passphrase_check (passphrase, NULL, error))
    return FALSE;
  if (self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are already protected. To choose "
                     "another passphrase, change the passphrase."));
      return FALSE;
    }
  return TRUE;
}

/* Turns protection on with @d's derived key: the rest of desk_store_protect. */
static char *
protect_with (DeskStore   *self,
              Derivation  *d,
              GError     **error)
{
  g_autoptr(DeskKey) data_key = NULL;
  g_autoptr(DeskKey) recovery = NULL;
  g_autofree char *by_passphrase = NULL;
  g_autofree char *by_recovery = NULL;
  g_autofree char *check = NULL;
  g_autofree char *stamp = NULL;
  const DeskKdfCost *cost = &d->cost;
  const DeskKey *derived = d->derived;
  const char *salt = d->salt;
  sqlite3_stmt *stmt;
  char *recovery_text;
  int rc;

  /* Checked again: the database may have changed while the key was derived. */
  if (!protect_check (self, d->passphrase, error))
    return NULL;

  data_key = _desk_key_new_random ();
  recovery = _desk_key_new_random ();
  by_passphrase = _desk_key_wrap (derived, data_key, PURPOSE_PASSPHRASE);
  by_recovery = _desk_key_wrap (recovery, data_key, PURPOSE_RECOVERY);
  check = _desk_key_row_check (salt, (gint64) cost->opslimit, (gint64) cost->memlimit, by_passphrase,
                         by_recovery);
  stamp = now_text (self);

  if (!desk_store_begin (self, error))
    return NULL;
  stmt = _desk_store_prepare (self,
                              "INSERT INTO protection (id, format, kdf_salt, kdf_opslimit, "
                              "kdf_memlimit, key_by_passphrase, key_by_recovery, key_check, "
                              "created, changed) VALUES (1, 1, ?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, salt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) cost->opslimit);
  sqlite3_bind_int64 (stmt, 3, (gint64) cost->memlimit);
  sqlite3_bind_text (stmt, 4, by_passphrase, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, by_recovery, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, check, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      goto failed;
    }
  /* Names and personal files in the same transaction: all sealed, or none. */
  if (!rewrite_sealed (self, NULL, data_key, error) ||
      !_desk_changes_rewrite_sealed (self, NULL, data_key, error) ||
      !_desk_attachment_rewrite_all (self, NULL, data_key, error) ||
      !desk_store_commit (self, error))
    goto failed;

  self->names_protected = TRUE;
  _desk_store_take_key (self, g_steal_pointer (&data_key));
  recovery_text = _desk_key_format_recovery (recovery);
  if (!scrub (self, error))
    {
      /* The names are sealed already; only the clean-up failed. Say so, but the
       * recovery key must still reach the person: it is the only copy. */
      g_warning ("protection is on, but the old copies could not be cleared: %s",
                 error != NULL && *error != NULL ? (*error)->message : "");
      g_clear_error (error);
    }
  return recovery_text;

failed:
  desk_store_rollback (self);
  return NULL;
}

char *
desk_store_protect (DeskStore          *self,
                    const char         *passphrase,
                    const DeskKdfCost  *cost,
                    GError            **error)
{
  g_autoptr(Derivation) d = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!protect_check (self, passphrase, error))
    return NULL;
  d = derivation_new (passphrase, cost);
  if (!derivation_run (d, error))
    return NULL;
  return protect_with (self, d, error);
}

static void
derive_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (derivation_run (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Starts deriving a key from @passphrase on a worker, for @tag's finish. */
static void
derive_async (DeskStore           *self,
              const char          *passphrase,
              const DeskKdfCost   *cost,
              gpointer             tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, derivation_new (passphrase, cost), (GDestroyNotify) derivation_free);
  g_task_run_in_thread (task, derive_thread);
}

void
desk_store_protect_async (DeskStore           *self,
                          const char          *passphrase,
                          const DeskKdfCost   *cost,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  if (!protect_check (self, passphrase, &error))
    {
      g_task_report_error (self, callback, user_data, desk_store_protect_async, error);
      return;
    }
  derive_async (self, passphrase, cost, desk_store_protect_async, cancellable, callback, user_data);
}

char *
desk_store_protect_finish (DeskStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return protect_with (self, g_task_get_task_data (G_TASK (result)), error);
}

gboolean
desk_store_unprotect (DeskStore  *self,
                      GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (!self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected."));
      return FALSE;
    }
  if (!desk_store_require_names (self, error))
    return FALSE;

  if (!desk_store_begin (self, error))
    return FALSE;
  if (!rewrite_sealed (self, self->data_key, NULL, error) ||
      !_desk_changes_rewrite_sealed (self, self->data_key, NULL, error) ||
      !_desk_attachment_rewrite_all (self, self->data_key, NULL, error) ||
      !_desk_store_exec (self, "DELETE FROM protection", error) ||
      !desk_store_commit (self, error))
    {
      desk_store_rollback (self);
      return FALSE;
    }

  self->names_protected = FALSE;
  _desk_store_forget_key (self);
  checkpoint_truncate (self, NULL);
  _desk_store_notify_protection (self);
  return TRUE;
}

static gboolean
change_check (DeskStore   *self,
              const char  *passphrase,
              GError     **error)
{
  if (!check_writable (self, error) || !desk_passphrase_check (passphrase, NULL, error))
    return FALSE;
  if (!self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected. Turn protection "
                     "on to choose a passphrase."));
      return FALSE;
    }
  return desk_store_require_names (self, error);
}

static gboolean
change_with (DeskStore   *self,
             Derivation  *d,
             GError     **error)
{
  g_autofree char *wrapped = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *check = NULL;
  const DeskKdfCost *cost = &d->cost;
  const DeskKey *derived = d->derived;
  const char *salt = d->salt;
  DeskKeyRow row = { 0 };
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!change_check (self, d->passphrase, error))
    return FALSE;
  wrapped = _desk_key_wrap (derived, self->data_key, PURPOSE_PASSPHRASE);
  stamp = now_text (self);
  if (!_desk_key_row_read (self, &row, error))
    return FALSE;
  check = _desk_key_row_check (salt, (gint64) cost->opslimit, (gint64) cost->memlimit, wrapped,
                         row.by_recovery);
  _desk_key_row_clear (&row);

  /* One statement: the old wrapping or the new one, never half of each. */
  stmt = _desk_store_prepare (self,
                              "UPDATE protection SET kdf_salt = ?1, kdf_opslimit = ?2, "
                              "kdf_memlimit = ?3, key_by_passphrase = ?4, changed = ?5, "
                              "key_check = ?6, scrub_pending = 1 WHERE id = 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, salt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) cost->opslimit);
  sqlite3_bind_int64 (stmt, 3, (gint64) cost->memlimit);
  sqlite3_bind_text (stmt, 4, wrapped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, check, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  /* The old passphrase must not open anything any more: not an old page in the WAL or
   * the free pages, not a backup that still has the key wrapped under it. */
  if (!scrub (self, &local))
    g_warning ("the passphrase changed, but the old copies could not be cleared: %s",
               local->message);
  return TRUE;
}

gboolean
desk_store_change_passphrase (DeskStore          *self,
                              const char         *passphrase,
                              const DeskKdfCost  *cost,
                              GError            **error)
{
  g_autoptr(Derivation) d = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!change_check (self, passphrase, error))
    return FALSE;
  d = derivation_new (passphrase, cost);
  if (!derivation_run (d, error))
    return FALSE;
  return change_with (self, d, error);
}

void
desk_store_change_passphrase_async (DeskStore           *self,
                                    const char          *passphrase,
                                    const DeskKdfCost   *cost,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  if (!change_check (self, passphrase, &error))
    {
      g_task_report_error (self, callback, user_data, desk_store_change_passphrase_async, error);
      return;
    }
  derive_async (self, passphrase, cost, desk_store_change_passphrase_async, cancellable, callback,
                user_data);
}

gboolean
desk_store_change_passphrase_finish (DeskStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  return change_with (self, g_task_get_task_data (G_TASK (result)), error);
}

static gboolean
scrub_pending (DeskStore *self)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "SELECT scrub_pending FROM protection", NULL);
  gboolean pending = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pending = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return pending;
}

void
_desk_store_scrub_if_pending (DeskStore *self)
{
  g_autoptr(GError) local = NULL;

  /* Not a reason to refuse the database: it stays pending for the next time. */
  if (scrub_pending (self) && !scrub (self, &local))
    g_warning ("the old copies of %s could not be cleared: %s",
               _desk_store_display_path (self), local->message);
}
