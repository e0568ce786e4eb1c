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

#include "desk-attachment.h"

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

G_END_DECLS
