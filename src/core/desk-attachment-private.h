/* desk-attachment-private.h — what bundles need of attachments inside core
 *
 * A bundle's export reads every attachment of a group and writes its bytes with
 * desk_attachment_write_to_stream; its import stores bytes from the bundle with
 * _desk_attachment_store_bytes and then names them with _desk_attachment_put, both
 * inside the import's own transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "desk-attachment.h"
#include "desk-protect-private.h"

G_BEGIN_DECLS

/* Gives up to @length bytes into @buffer: how many, 0 at the end, or -1 with @error set
 * (a translated sentence). */
typedef gssize (*DeskAttachmentReadFunc) (guint8   *buffer,
                                          gsize     length,
                                          gpointer  user_data,
                                          GError  **error);

/* Inside the caller's transaction: copies exactly @size bytes (1 to
 * DESK_ATTACHMENT_MAX_SIZE) from @read into the database a piece at a time, and returns
 * their SHA-256 (lowercase hex). Bytes stored already are kept once. @what names the
 * source in messages (a path); @sniff, when not NULL, receives the first bytes. Ending
 * before @size is an error. On failure the caller rolls back. */
char      *_desk_attachment_store_bytes (DeskStore               *store,
                                         gint64                   size,
                                         DeskAttachmentReadFunc   read,
                                         gpointer                 read_data,
                                         const char              *what,
                                         GByteArray              *sniff,
                                         GError                 **error);

/* Inside the caller's transaction: writes @attachment's row (every field of it), adding
 * it or replacing the row of the same UUID. Its bytes (@attachment->sha256, of
 * @attachment->size bytes) must be stored already; bytes the replaced row referred to
 * go when nothing else does. The owner must exist in @attachment->group_uuid. */
gboolean   _desk_attachment_put         (DeskStore               *store,
                                         const DeskAttachment    *attachment,
                                         GError                 **error);

/* Whether bytes of this digest are stored. */
gboolean   _desk_attachment_has_bytes   (DeskStore               *store,
                                         const char              *sha256,
                                         GError                 **error);

/* Every attachment of the group, by owner kind, owner and age. */
GPtrArray *_desk_attachment_list_group  (DeskStore               *store,
                                         const char              *group_uuid,
                                         GError                 **error);

/* _desk_attachment_store_bytes for the bytes of an attachment that is (@personal) or is
 * not marked as holding personal data: where names are protected, a personal one's are
 * stored sealed (NULL with DESK_ERROR_NAMES_LOCKED while locked). Returns the SHA-256 of
 * the bytes as they are, which _desk_attachment_put then takes. An import that stores a
 * personal attachment's bytes with _desk_attachment_store_bytes still works (put seals
 * them then), but their plain copy reaches the WAL first: use this one. */
char      *_desk_attachment_store_bytes_for (DeskStore               *store,
                                             gboolean                 personal,
                                             gint64                   size,
                                             DeskAttachmentReadFunc   read,
                                             gpointer                 read_data,
                                             const char              *what,
                                             GByteArray              *sniff,
                                             GError                 **error);

/* _desk_attachment_has_bytes for the bytes of an attachment that is (@personal) or is
 * not personal: where names are protected, whether the sealed copy of the bytes of this
 * SHA-256 is stored (FALSE with DESK_ERROR_NAMES_LOCKED while locked). */
gboolean   _desk_attachment_has_bytes_for (DeskStore             *store,
                                           gboolean               personal,
                                           const char            *sha256,
                                           GError               **error);

/* Between desk-attachment.c, desk-attachment-bytes.c, desk-attachment-seal.c and
 * desk-protect-change.c only */

/* While a file's bytes go through, the store's page cache is small and nothing mapped. */
typedef struct
{
  DeskStore *store;
  gint64 cache_size;
  gint64 mmap_size;
} DeskCacheBound;

void       _desk_cache_bound_begin      (DeskCacheBound          *bound,
                                         DeskStore               *store);
void       _desk_cache_bound_end        (DeskCacheBound          *bound);

/* A statement the store keeps (_desk_store_prepare): reset when it goes out of scope. */
typedef sqlite3_stmt DeskKeptStmt;

static inline void
_desk_kept_stmt_reset (DeskKeptStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskKeptStmt, _desk_kept_stmt_reset)

/* Stores @size bytes from @read: sealed under @key, or as they are when @key is NULL.
 * Returns their SHA-256; *@blob_key receives what keys them in attachment_blobs (the
 * SHA-256 itself, or _desk_file_id of it). Inside the caller's transaction. */
char      *_desk_attachment_store_keyed (DeskStore               *store,
                                         const DeskKey           *key,
                                         gint64                   size,
                                         DeskAttachmentReadFunc   read,
                                         gpointer                 read_data,
                                         const char              *what,
                                         GByteArray              *sniff,
                                         char                   **blob_key,
                                         GError                 **error);

typedef gboolean (*DeskAttachmentSinkFunc) (const guint8  *data,
                                            gsize          length,
                                            gpointer       user_data,
                                            GError       **error);

/* Gives the attachment's bytes, as they were attached, to @sink a piece at a time, and
 * checks them: DESK_ERROR_DAMAGED when they do not verify, DESK_ERROR_NAMES_LOCKED when
 * they are sealed and the store is locked. */
gboolean   _desk_attachment_copy_out    (DeskStore               *store,
                                         const char              *uuid,
                                         DeskAttachmentSinkFunc   sink,
                                         gpointer                 sink_data,
                                         GError                 **error);

/* Stores the bytes of attachment @uuid again, sealed under @to (as they are when NULL),
 * reading them from where they are (sealed under @from, when they are sealed), and
 * points the attachment at the new copy; bytes nothing else uses go. Nothing happens when
 * they are stored that way already. Inside the caller's transaction. */
gboolean   _desk_attachment_move_bytes  (DeskStore               *store,
                                         const char              *uuid,
                                         const DeskKey           *from,
                                         const DeskKey           *to,
                                         GError                 **error);

/* Whether attachment rows marked personal are stored sealed (name, caption, bytes). */
gboolean   _desk_attachment_row_sealed  (DeskStore               *store,
                                         gboolean                 personal);
/* Fills @attachment's name, caption and sha256 from what was read: @name, @caption and
 * @blob_key as stored, @sealed_sha256 the blob's (NULL when plain). Locked or damaged,
 * the name says so (desk_seal_describe) and @attachment->seal why. */
void       _desk_attachment_open_row    (DeskStore               *store,
                                         DeskAttachment          *attachment,
                                         const char              *name,
                                         const char              *caption,
                                         const char              *blob_key,
                                         const char              *sealed_sha256);
/* The values to store for @attachment (plain name, caption, SHA-256): sealed name and
 * caption and the sealed bytes' key into @name, @caption and @blob_key where its row is
 * sealed, else copies. FALSE with DESK_ERROR_NAMES_LOCKED while locked. */
gboolean   _desk_attachment_seal_row    (DeskStore               *store,
                                         const DeskAttachment    *attachment,
                                         char                   **name,
                                         char                   **caption,
                                         char                   **blob_key,
                                         GError                 **error);
/* Seals (@to) or opens (@from) every personal attachment's name, caption and bytes, for
 * turning protection on or off. Inside the caller's transaction. */
gboolean   _desk_attachment_rewrite_all (DeskStore               *store,
                                         const DeskKey           *from,
                                         const DeskKey           *to,
                                         GError                 **error);
/* Marks attachment @uuid as holding personal data or not, sealing or opening its name,
 * caption and bytes where names are protected. Inside the caller's transaction. */
gboolean   _desk_attachment_set_personal (DeskStore              *store,
                                          const char             *uuid,
                                          gboolean                personal,
                                          GError                **error);

G_END_DECLS
