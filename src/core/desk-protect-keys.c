/* desk-protect-keys.c — the key row, unlocking and locking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-protect"

#include "config.h"

#include "desk-protect-private.h"

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


/* The protection row */

/* The check of a row's key fields (key_check): BLAKE2b, in base64. */
char *
_desk_key_row_check (const char *salt,
               gint64      opslimit,
               gint64      memlimit,
               const char *by_passphrase,
               const char *by_recovery)
{
  g_autofree char *all = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                                          "\x1f%s\x1f%s", salt, opslimit, memlimit,
                                          by_passphrase, by_recovery);
  guint8 hash[crypto_generichash_BYTES];
  gsize size = sodium_base64_ENCODED_LEN (sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  crypto_generichash (hash, sizeof hash, (const guint8 *) all, strlen (all), NULL, 0);
  sodium_bin2base64 (text, size, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

void
_desk_key_row_clear (DeskKeyRow *row)
{
  g_clear_pointer (&row->salt, g_free);
  g_clear_pointer (&row->by_passphrase, g_free);
  g_clear_pointer (&row->by_recovery, g_free);
  g_clear_pointer (&row->check, g_free);
}

/* Whether the row is as Groupdesk wrote it (its check matches). */
gboolean
_desk_key_row_sound (const DeskKeyRow *row)
{
  g_autofree char *check = NULL;

  if (row->salt == NULL || row->by_passphrase == NULL || row->by_recovery == NULL ||
      row->check == NULL)
    return FALSE;
  check = _desk_key_row_check (row->salt, row->opslimit, row->memlimit, row->by_passphrase,
                         row->by_recovery);
  return strcmp (check, row->check) == 0;
}

gboolean
_desk_key_row_read (DeskStore  *self,
              DeskKeyRow     *row,
              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (self,
                              "SELECT kdf_salt, kdf_opslimit, kdf_memlimit, key_by_passphrase, "
                              "key_by_recovery, key_check FROM protection WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->salt = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->opslimit = sqlite3_column_int64 (stmt, 1);
      row->memlimit = sqlite3_column_int64 (stmt, 2);
      row->by_passphrase = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->by_recovery = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->check = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected, so there is "
                     "nothing to unlock."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads the salt of @row into @salt; FALSE when it is not one. */
static gboolean
decode_salt (const char *text,
             guint8     *salt)
{
  gsize len = 0;

  return sodium_base642bin (salt, DESK_SALT_BYTES, text, strlen (text), NULL, &len, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0 && len == DESK_SALT_BYTES;
}

/* Argon2id's limits as stored are trusted only within what libsodium allows and what a
 * laptop can give: a database that asks for 64 GiB is damaged, not protected harder. */
static gboolean
cost_is_sound (gint64 opslimit,
               gint64 memlimit)
{
  return opslimit >= (gint64) crypto_pwhash_OPSLIMIT_MIN && opslimit <= 64 &&
         memlimit >= (gint64) crypto_pwhash_MEMLIMIT_MIN && memlimit <= G_GINT64_CONSTANT (4) << 30;
}

/* Takes @key as the data key: the store is unlocked. The names of people are opened at
 * once, so that search, sorting and duplicate detection find them in memory. */
void
_desk_store_take_key (DeskStore *self,
          DeskKey   *key)
{
  _desk_store_forget_key (self);
  self->data_key = key;
  _desk_store_people_index_make (self);
  _desk_store_notify_protection (self);
}

/* Unlocking in three steps, so that Argon2id can run on a worker: what is read from the
 * database (on the store's thread), the derivation (anywhere: it touches no store), and
 * taking the key (on the store's thread). */
typedef struct
{
  char *secret;            /* the passphrase or the recovery key, in guarded memory */
  gboolean recovery;
  DeskKeyRow row;
  char *display_path;
} Unlock;

static void
unlock_free (Unlock *u)
{
  desk_secret_free (u->secret);
  _desk_key_row_clear (&u->row);
  g_free (u->display_path);
  g_free (u);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Unlock, unlock_free)

static void
set_damaged_key_error_for (const char  *display_path,
                           GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
               _("The key that protects the names in %s is damaged: the database was changed "
                 "outside Groupdesk. Names cannot be read; everything else can. Restore a "
                 "backup to get them back."),
               display_path);
}

static Unlock *
unlock_prepare (DeskStore   *self,
                const char  *secret,
                gboolean     recovery,
                GError     **error)
{
  g_autoptr(Unlock) u = g_new0 (Unlock, 1);

  u->secret = desk_secret_dup (secret);
  u->recovery = recovery;
  u->display_path = g_strdup (_desk_store_display_path (self));
  if (!_desk_key_row_read (self, &u->row, error))
    return NULL;
  if (!_desk_key_row_sound (&u->row) || !cost_is_sound (u->row.opslimit, u->row.memlimit))
    {
      set_damaged_key_error_for (u->display_path, error);
      return NULL;
    }
  return g_steal_pointer (&u);
}

/* The data key, or NULL with the reason. Touches no store. */
static DeskKey *
unlock_derive (Unlock  *u,
               GError **error)
{
  g_autoptr(DeskKey) wrapping = NULL;
  g_autoptr(GError) local = NULL;
  DeskKey *key;

  if (u->recovery)
    {
      wrapping = _desk_key_parse_recovery (u->secret, error);
      if (wrapping == NULL)
        return NULL;
    }
  else
    {
      guint8 salt[DESK_SALT_BYTES];
      DeskKdfCost cost = { (guint64) u->row.opslimit, (gsize) u->row.memlimit };

      if (!decode_salt (u->row.salt, salt))
        {
          set_damaged_key_error_for (u->display_path, error);
          return NULL;
        }
      wrapping = _desk_key_derive (u->secret, salt, &cost, error);
      if (wrapping == NULL)
        return NULL;
    }

  key = _desk_key_unwrap (wrapping, u->recovery ? u->row.by_recovery : u->row.by_passphrase,
                          u->recovery ? PURPOSE_RECOVERY : PURPOSE_PASSPHRASE, &local);
  if (key != NULL)
    return key;

  if (!g_error_matches (local, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE))
    set_damaged_key_error_for (u->display_path, error);
  else if (u->recovery)
    g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                 _("This recovery key is not the one of this database. Find the recovery "
                   "key printed when protection was turned on for it."));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                 _("Wrong passphrase. Type it again (capitals and spaces count), or "
                   "unlock with the recovery key."));
  return NULL;
}

static gboolean
unlock_sync (DeskStore   *self,
             const char  *secret,
             gboolean     recovery,
             GError     **error)
{
  g_autoptr(Unlock) u = unlock_prepare (self, secret, recovery, error);
  DeskKey *key;

  if (u == NULL)
    return FALSE;
  key = unlock_derive (u, error);
  if (key == NULL)
    return FALSE;
  _desk_store_take_key (self, key);
  return TRUE;
}

gboolean
desk_store_unlock (DeskStore   *self,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return unlock_sync (self, passphrase, FALSE, error);
}

gboolean
desk_store_unlock_with_recovery_key (DeskStore   *self,
                                     const char  *recovery_key,
                                     GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  return unlock_sync (self, recovery_key, TRUE, error);
}

static void
unlock_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  DeskKey *key = unlock_derive (data, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) _desk_key_free);
}

void
desk_store_unlock_async (DeskStore           *self,
                         const char          *secret,
                         gboolean             recovery_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Unlock *u;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_unlock_async);
  u = unlock_prepare (self, secret, recovery_key, &error);
  if (u == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, u, (GDestroyNotify) unlock_free);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
desk_store_unlock_finish (DeskStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  DeskKey *key;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  key = g_task_propagate_pointer (G_TASK (result), error);
  if (key == NULL)
    return FALSE;
  _desk_store_take_key (self, key);
  return TRUE;
}

struct _DeskSharedKey
{
  DeskKey *key;
  char *check;
  char *by_recovery;
};

DeskSharedKey *
desk_store_share_key (DeskStore  *unlocked,
                      GError    **error)
{
  DeskKeyRow row = { 0 };
  DeskSharedKey *shared;

  g_return_val_if_fail (DESK_IS_STORE (unlocked), NULL);

  if (!desk_store_require_names (unlocked, error))
    return NULL;
  if (unlocked->data_key == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected, so there is "
                     "nothing to unlock."));
      return NULL;
    }
  if (!_desk_key_row_read (unlocked, &row, error))
    return NULL;
  shared = g_new0 (DeskSharedKey, 1);
  shared->key = _desk_key_copy (unlocked->data_key);
  shared->check = g_steal_pointer (&row.check);
  shared->by_recovery = g_steal_pointer (&row.by_recovery);
  _desk_key_row_clear (&row);
  return shared;
}

void
desk_shared_key_free (DeskSharedKey *shared)
{
  if (shared == NULL)
    return;
  _desk_key_free (shared->key);
  g_free (shared->check);
  g_free (shared->by_recovery);
  g_free (shared);
}

gboolean
desk_store_unlock_shared (DeskStore      *self,
                          DeskSharedKey  *shared,
                          GError        **error)
{
  DeskKeyRow mine = { 0 };
  gboolean same;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (shared != NULL, FALSE);

  if (!_desk_key_row_read (self, &mine, error))
    return FALSE;
  /* The same row (check and recovery wrapping) is the same data key. */
  same = _desk_key_row_sound (&mine) && g_strcmp0 (mine.check, shared->check) == 0 &&
         g_strcmp0 (mine.by_recovery, shared->by_recovery) == 0;
  _desk_key_row_clear (&mine);
  if (!same)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                   _("The passphrase of this database changed meanwhile. Unlock it again."));
      return FALSE;
    }

  _desk_store_take_key (self, _desk_key_copy (shared->key));
  return TRUE;
}

gboolean
desk_store_unlock_like (DeskStore  *self,
                        DeskStore  *unlocked,
                        GError    **error)
{
  DeskSharedKey *shared;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_STORE (unlocked), FALSE);

  shared = desk_store_share_key (unlocked, error);
  if (shared == NULL)
    return FALSE;
  ok = desk_store_unlock_shared (self, shared, error);
  desk_shared_key_free (shared);
  return ok;
}

void
desk_store_lock (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (self->data_key == NULL)
    return;
  _desk_store_forget_key (self);
  _desk_store_notify_protection (self);
}
