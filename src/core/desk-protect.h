/* desk-protect.h — people's names encrypted at rest under a passphrase
 *
 * A protected database keeps every sealed field (DESK_FIELD_SEALED: people's names,
 * organisations, roles, phones, e-mails and vulnerable groups, members' contact people,
 * plenary nominees' notes) encrypted with a random data key. The data key is stored only
 * wrapped: under a key derived from the passphrase (Argon2id) and under the recovery key.
 * While the store is locked those fields read as unset (desk_record_get_seal says so)
 * and cannot be written; everything else reads and writes as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_PROTECTION_OFF,       /* names are stored in plain text */
  DESK_PROTECTION_LOCKED,    /* protected, and the data key is not in memory */
  DESK_PROTECTION_UNLOCKED,  /* protected, and names read and write */
} DeskProtection;

/* What Argon2id may spend to derive a key from a passphrase. NULL everywhere means the
 * default: about a second and 256 MiB on the reference machine. Tests that turn
 * protection on many times pass desk_kdf_cost_fastest(). */
typedef struct
{
  guint64 opslimit;
  gsize   memlimit;
} DeskKdfCost;

const DeskKdfCost *desk_kdf_cost_fastest         (void);

DeskProtection desk_store_get_protection         (DeskStore         *self);
/* TRUE when names can be read and written: protection off, or unlocked. */
gboolean       desk_store_names_readable         (DeskStore         *self);
/* desk_store_names_readable, or FALSE with DESK_ERROR_NAMES_LOCKED and a sentence that
 * says to unlock. For anything that needs names (named exports, check-in, sign-in). */
gboolean       desk_store_require_names          (DeskStore         *self,
                                                  GError           **error);

/* Turns protection on: makes a data key, wraps it under @passphrase and under a new
 * recovery key, rewrites every sealed field in one transaction, then leaves nothing in
 * plain text behind (secure delete, VACUUM, the WAL truncated, every automatic backup
 * made again). Returns the recovery key as a person types it (free it with
 * desk_secret_free), or NULL with the reason and nothing changed. The store is unlocked
 * afterwards. */
char          *desk_store_protect                (DeskStore         *self,
                                                  const char        *passphrase,
                                                  const DeskKdfCost *cost,
                                                  GError           **error);
/* Turns protection off (the store must be unlocked): every sealed field in plain text
 * again, the keys forgotten. */
gboolean       desk_store_unprotect              (DeskStore         *self,
                                                  GError           **error);
/* Unwraps the data key with @passphrase. DESK_ERROR_WRONG_PASSPHRASE when it does not
 * unwrap; DESK_ERROR_DAMAGED when the stored key is damaged. */
gboolean       desk_store_unlock                 (DeskStore         *self,
                                                  const char        *passphrase,
                                                  GError           **error);
/* The same with the recovery key (spaces, dashes and case do not matter). */
gboolean       desk_store_unlock_with_recovery_key (DeskStore       *self,
                                                  const char        *recovery_key,
                                                  GError           **error);
/* Wipes the data key from memory. Names read before stay wherever the caller kept them:
 * the app reloads its pages and forgets its undo history. */
void           desk_store_lock                   (DeskStore         *self);
/* Wraps the data key under @passphrase instead of the old one (the store must be
 * unlocked). Nothing is encrypted again; the recovery key stays valid. */
gboolean       desk_store_change_passphrase      (DeskStore         *self,
                                                  const char        *passphrase,
                                                  const DeskKdfCost *cost,
                                                  GError           **error);

/* The same three on a worker thread, for a window that must keep drawing while Argon2id
 * runs (about a second): what needs the database is done on the calling thread, before and
 * in _finish; only the key derivation runs on the worker. The store must not be used
 * from another thread meanwhile (it is not: the worker never touches it). */
void           desk_store_unlock_async           (DeskStore           *self,
                                                  const char          *secret,
                                                  gboolean             recovery_key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       desk_store_unlock_finish          (DeskStore           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void           desk_store_protect_async          (DeskStore           *self,
                                                  const char          *passphrase,
                                                  const DeskKdfCost   *cost,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The recovery key, as desk_store_protect returns it. */
char          *desk_store_protect_finish         (DeskStore           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void           desk_store_change_passphrase_async (DeskStore          *self,
                                                  const char          *passphrase,
                                                  const DeskKdfCost   *cost,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       desk_store_change_passphrase_finish (DeskStore         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* For a worker's own connection to the same database: desk_store_share_key copies the
 * unlocked store's key (guarded memory) with what identifies it, on the store's thread;
 * desk_store_unlock_shared unlocks the worker's store with it, on the worker's thread,
 * refused when the database's key row is not the one the key came with. NULL or FALSE
 * with the reason (locked, not protected). desk_store_unlock_like does both at once. */
typedef struct _DeskSharedKey DeskSharedKey;

DeskSharedKey *desk_store_share_key              (DeskStore           *unlocked,
                                                  GError             **error);
gboolean       desk_store_unlock_shared          (DeskStore           *self,
                                                  DeskSharedKey       *shared,
                                                  GError             **error);
void           desk_shared_key_free              (DeskSharedKey       *shared);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSharedKey, desk_shared_key_free)
gboolean       desk_store_unlock_like            (DeskStore           *self,
                                                  DeskStore           *unlocked,
                                                  GError             **error);

typedef enum
{
  DESK_PASSPHRASE_TOO_SHORT, /* refused: fewer than DESK_PASSPHRASE_MIN_LENGTH characters */
  DESK_PASSPHRASE_WEAK,
  DESK_PASSPHRASE_FAIR,
  DESK_PASSPHRASE_STRONG,
} DeskPassphraseStrength;

#define DESK_PASSPHRASE_MIN_LENGTH 8

/* How hard @passphrase is to guess, and a translated sentence saying why and how to make
 * it stronger (in @hint, static, may be NULL). */
DeskPassphraseStrength desk_passphrase_strength  (const char        *passphrase,
                                                  const char       **hint);
/* FALSE with a sentence when @passphrase may not be used (too short, or the two typed
 * differ when @again is not NULL). */
gboolean       desk_passphrase_check             (const char        *passphrase,
                                                  const char        *again,
                                                  GError           **error);

/* Secrets (passphrases, recovery keys) in memory that is locked, guarded and wiped when
 * freed. desk_secret_read_file reads a passphrase from the first line of a file. */
char          *desk_secret_dup                   (const char        *text);
void           desk_secret_free                  (char              *secret);
char          *desk_secret_read_file             (const char        *path,
                                                  GError           **error);

typedef char DeskSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSecret, desk_secret_free)

G_END_DECLS
