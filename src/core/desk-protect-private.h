/* desk-protect-private.h — keys and sealed values, for core's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-kind.h"
#include "desk-protect.h"
#include "desk-record.h"

G_BEGIN_DECLS

/* A 256-bit key in sodium_malloc memory: locked in RAM (never swapped), guarded, wiped
 * when freed. */
typedef struct _DeskKey DeskKey;

#define DESK_KEY_BYTES 32
#define DESK_SALT_BYTES 16

DeskKey      *_desk_key_new_random        (void);
DeskKey      *_desk_key_copy              (const DeskKey     *key);
void          _desk_key_free              (DeskKey           *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskKey, _desk_key_free)

/* Argon2id over @passphrase and @salt with @cost. NULL with DESK_ERROR_FAILED when the
 * memory cannot be had. */
DeskKey      *_desk_key_derive            (const char        *passphrase,
                                           const guint8      *salt,
                                           const DeskKdfCost *cost,
                                           GError           **error);
/* @key wrapped under @wrapping with @purpose as associated data: base64 of nonce, cipher
 * text and tag. */
char         *_desk_key_wrap              (const DeskKey     *wrapping,
                                           const DeskKey     *key,
                                           const char        *purpose);
/* The key @wrapped holds, or NULL when @wrapping is not the key it was wrapped under or
 * @wrapped was changed (the tag does not verify: DESK_ERROR_WRONG_PASSPHRASE), or it is
 * not a wrapped key at all (DESK_ERROR_DAMAGED). */
DeskKey      *_desk_key_unwrap            (const DeskKey     *wrapping,
                                           const char        *wrapped,
                                           const char        *purpose,
                                           GError           **error);

/* The recovery key as a person reads and types it: 56 characters of Crockford's base32 in
 * groups of four, the last 24 bits a checksum. Free with desk_secret_free. */
char         *_desk_key_format_recovery   (const DeskKey     *key);
/* Reads one back (case, spaces, dashes, O for 0 and I or L for 1 forgiven). NULL with a
 * sentence when it is not a recovery key or was mistyped (the checksum). */
DeskKey      *_desk_key_parse_recovery    (const char        *text,
                                           GError           **error);

/* A value sealed for field @field of record @uuid of table @table: "v1:" and base64 of a
 * fresh 24-byte nonce and the XChaCha20-Poly1305 cipher text; the associated data is
 * "uuid/table.field", so a value moved to another record or field does not open. */
char         *_desk_seal_text             (const DeskKey     *key,
                                           const char        *table,
                                           const char        *field,
                                           const char        *uuid,
                                           const char        *plain);
/* The plain text of @sealed, or NULL when it does not verify. */
char         *_desk_open_text             (const DeskKey     *key,
                                           const char        *table,
                                           const char        *field,
                                           const char        *uuid,
                                           const char        *sealed);
/* Wipes @text (a plain value held in ordinary memory) before freeing it. */
void          _desk_text_wipe_free        (char              *text);

/* Files' bytes (desk-attachment-bytes.c): crypto_secretstream_xchacha20poly1305 under a
 * subkey of the data key, one message per piece of DESK_FILE_PIECE plain bytes (the last
 * one shorter and tagged final), after a header. */
typedef struct _DeskFileSeal DeskFileSeal;

#define DESK_FILE_PIECE (64 * 1024)
#define DESK_FILE_HEADER_BYTES 24
#define DESK_FILE_PIECE_OVERHEAD 17

/* How many bytes the sealed copy of @plain_size bytes takes. */
gint64        _desk_file_sealed_size      (gint64             plain_size);
/* What names the sealed copy of the bytes whose SHA-256 is @sha256: a keyed BLAKE2b
 * (under a subkey of @key) in 64 hex digits, which tells nobody without the key which
 * file it is, yet is the same for the same bytes (so they are stored once). */
char         *_desk_file_id               (const DeskKey     *key,
                                           const char        *sha256);
/* Starts sealing: writes the stream's header (DESK_FILE_HEADER_BYTES) into @header. */
DeskFileSeal *_desk_file_seal_push_new    (const DeskKey     *key,
                                           guint8            *header);
/* Seals one piece of @len bytes into @out (@len + DESK_FILE_PIECE_OVERHEAD bytes), @ad
 * (may be NULL) as its associated data; @final for the last. */
void          _desk_file_seal_push        (DeskFileSeal      *seal,
                                           const guint8      *plain,
                                           gsize              len,
                                           const char        *ad,
                                           gboolean           final,
                                           guint8            *out);
/* NULL when @header is not one. */
DeskFileSeal *_desk_file_seal_pull_new    (const DeskKey     *key,
                                           const guint8      *header);
/* Opens one piece of @len bytes into @out; FALSE when it does not verify, or is (or is
 * not) the final piece when @final says otherwise. */
gboolean      _desk_file_seal_pull        (DeskFileSeal      *seal,
                                           const guint8      *in,
                                           gsize              len,
                                           const char        *ad,
                                           gboolean           final,
                                           guint8            *out);
void          _desk_file_seal_free        (DeskFileSeal      *seal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskFileSeal, _desk_file_seal_free)

/* For the store (desk-store-records.c and the readers of raw rows) */

/* Whether the database's sealed fields are stored encrypted (locked or unlocked). */
gboolean      _desk_store_is_sealing      (DeskStore         *self);
/* The value to store for @plain in field @f of record @uuid of @kind: @plain itself
 * when names are not protected or it is empty, else sealed. NULL with
 * DESK_ERROR_NAMES_LOCKED when the store is locked. */
char         *_desk_store_seal_value      (DeskStore         *self,
                                           const DeskKind    *kind,
                                           const DeskField   *f,
                                           const char        *uuid,
                                           const char        *plain,
                                           GError           **error);
/* The plain text of the stored value @stored of field @f of record @uuid, owned by the
 * store's cache of opened values (valid until the next lock or write of the store); NULL
 * with *seal saying why (locked, or damaged: it does not verify). A value of a store
 * that is not protected, or an empty one, is returned as it is. */
const char   *_desk_store_open_value      (DeskStore         *self,
                                           const DeskKind    *kind,
                                           const DeskField   *f,
                                           const char        *uuid,
                                           const char        *stored,
                                           DeskSeal          *seal);
/* The same for a column read by a query of its own: @field is the field's name. */
const char   *_desk_store_open_column     (DeskStore         *self,
                                           const DeskKind    *kind,
                                           const char        *field,
                                           const char        *uuid,
                                           const char        *stored);
/* Where names are sealed: the people of @group whose folded name is @key (UUIDs; NULL
 * for none, or while locked), from an index kept in memory. The store keeps it in step
 * with its own writes (note, forget); a UUID it gives may have been deleted since by a
 * cascade, so callers read the row again. */
const GPtrArray *_desk_store_people_with_key (DeskStore      *self,
                                              const char     *group,
                                              const char     *key);
void          _desk_store_people_index_note   (DeskStore      *self,
                                               DeskRecord     *person);
void          _desk_store_people_index_forget (DeskStore      *self,
                                               const char     *uuid);
typedef void (*DeskPersonNameFunc) (const char *uuid,
                                    const char *name,
                                    gpointer    data);
/* Calls @func with each person of @group and their opened name, from the same index.
 * FALSE (and no call) while locked. */
gboolean      _desk_store_people_foreach_name (DeskStore          *self,
                                               const char         *group,
                                               DeskPersonNameFunc  func,
                                               gpointer            data);
/* Forgets the whole index (a transaction rolled back): it is made again when needed. */
void          _desk_store_people_index_drop   (DeskStore      *self);
/* Whether @record holds a value for a sealed field: a text or a set that is not empty. */
gboolean      _desk_record_has_sealed_value (DeskRecord      *record);
/* _desk_store_open_value for a value that must be written out (a bundle): NULL with
 * DESK_ERROR_NAMES_LOCKED or DESK_ERROR_DAMAGED naming the record and field. */
const char   *_desk_store_open_for_output (DeskStore         *self,
                                           const DeskKind    *kind,
                                           const DeskField   *f,
                                           const char        *uuid,
                                           const char        *stored,
                                           GError           **error);
/* Puts @records (of @kind) in the order kind->order_by gives, from their opened values,
 * when that order names a sealed column (which SQL could sort only by its cipher text). */
void          _desk_store_sort_opened     (GPtrArray         *records,
                                           const DeskKind    *kind);
/* Reads whether the database is protected (at open, after a restore or migration). */
gboolean      _desk_store_load_protection (DeskStore         *self,
                                           GError           **error);
/* Forgets the key and every opened value (lock, finalize). */
void          _desk_store_forget_key      (DeskStore         *self);

/* Between desk-protect.c, desk-protect-keys.c and desk-protect-change.c only */

#define PURPOSE_PASSPHRASE "groupdesk data key, by passphrase"
#define PURPOSE_RECOVERY "groupdesk data key, by recovery key"

/* The protection table's row. */
typedef struct
{
  char *salt;
  gint64 opslimit;
  gint64 memlimit;
  char *by_passphrase;
  char *by_recovery;
  char *check;
} DeskKeyRow;

gboolean      _desk_key_row_read          (DeskStore         *self,
                                           DeskKeyRow        *row,
                                           GError           **error);
void          _desk_key_row_clear         (DeskKeyRow        *row);
/* The check of a row's key fields (key_check): BLAKE2b, in base64. */
char         *_desk_key_row_check         (const char        *salt,
                                           gint64             opslimit,
                                           gint64             memlimit,
                                           const char        *by_passphrase,
                                           const char        *by_recovery);
/* Whether the row is as Groupdesk wrote it (its check matches). */
gboolean      _desk_key_row_sound         (const DeskKeyRow  *row);
/* Takes @key as the data key: the store is unlocked, its people's names opened. */
void          _desk_store_take_key        (DeskStore         *self,
                                           DeskKey           *key);
void          _desk_store_notify_protection (DeskStore       *self);
/* Makes the index of names in memory now (at unlock). */
void          _desk_store_people_index_make (DeskStore       *self);
/* Clears what a change cut short left behind, when the row says it is pending. */
void          _desk_store_scrub_if_pending (DeskStore        *self);

G_END_DECLS
