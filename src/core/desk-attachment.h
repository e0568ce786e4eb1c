/* desk-attachment.h — files attached to the work, kept inside the database
 *
 * Deliverables, activities, expenses, funding receipts, workshops and indicator values
 * take any number of files. The bytes are stored once per content (SHA-256, lowercase
 * hex) and copied in and out a piece at a time, so that a large file never sits whole in
 * memory; backups and restores carry them with the rest of the database, and bundles
 * (format 2) carry them as base64 checked against their SHA-256 (desk-bundle-attachments.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "desk-kind.h"
#include "desk-record.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The largest file that can be attached, in bytes (50 MB). */
#define DESK_ATTACHMENT_MAX_SIZE ((gint64) 50 * 1000 * 1000)

typedef struct
{
  char *uuid;
  char *group_uuid;
  char *owner_kind;   /* a DeskKind's name: "deliverable" */
  char *owner_uuid;
  char *name;         /* the file's base name, UTF-8 */
  char *media_type;   /* "application/pdf" */
  gint64 size;
  char *sha256;       /* of the bytes, lowercase hex */
  char *caption;
  gboolean personal;  /* "contains personal data" */
  char *added;        /* ISO 8601 UTC */
  /* DESK_SEAL_OPEN, or why a personal file's name, caption and digest cannot be read
   * where names are protected: locked (name is then desk_seal_describe's "Name locked",
   * caption and sha256 empty, and its bytes cannot be read) or damaged. */
  DeskSeal seal;
} DeskAttachment;

typedef enum
{
  DESK_ATTACHMENT_PERSONAL_DEFAULT, /* on for workshops, off for the other kinds */
  DESK_ATTACHMENT_PERSONAL_YES,
  DESK_ATTACHMENT_PERSONAL_NO,
} DeskAttachmentPersonal;

void            desk_attachment_free          (DeskAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAttachment, desk_attachment_free)

/* Whether records of @kind take attachments. */
gboolean        desk_attachment_kind_allowed  (const DeskKind *kind);

/* Attaches the file at @path to the record @owner_uuid of @owner_kind, which must exist.
 * Only a regular, non-empty file of at most DESK_ATTACHMENT_MAX_SIZE bytes is taken; its
 * size is known before a byte is read. All or nothing: on any failure nothing is
 * written. @caption may be NULL. */
DeskAttachment *desk_attachment_add           (DeskStore              *store,
                                               const DeskKind         *owner_kind,
                                               const char             *owner_uuid,
                                               const char             *path,
                                               const char             *caption,
                                               DeskAttachmentPersonal  personal,
                                               GError                **error);
/* The attachments of one record, oldest first. The record must exist. */
GPtrArray      *desk_attachment_list          (DeskStore              *store,
                                               const DeskKind         *owner_kind,
                                               const char             *owner_uuid,
                                               GError                **error);
DeskAttachment *desk_attachment_get           (DeskStore              *store,
                                               const char             *uuid,
                                               GError                **error);
/* Removes one attachment; its bytes go too when no other attachment has the same. */
gboolean        desk_attachment_remove        (DeskStore              *store,
                                               const char             *uuid,
                                               GError                **error);

/* Changes an attachment's caption (NULL: kept) and its "contains personal data" mark
 * (TRUE or FALSE; -1: kept). */
gboolean        desk_attachment_update        (DeskStore              *store,
                                               const char             *uuid,
                                               const char             *caption,
                                               int                     personal,
                                               GError                **error);
/* How many files each record of @owner_kind has: owner UUID → count (GUINT_TO_POINTER);
 * records without files are absent. */
GHashTable     *desk_attachment_count_by_owner (DeskStore             *store,
                                                const DeskKind        *owner_kind,
                                                GError               **error);

/* Writes the attachment's bytes to @stream, checking their SHA-256 as they are read: a
 * mismatch is DESK_ERROR_DAMAGED, and what was already written to @stream must then be
 * thrown away by the caller. */
gboolean        desk_attachment_write_to_stream (DeskStore            *store,
                                                 const char           *uuid,
                                                 GOutputStream        *stream,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* The same to the file @path (checked with desk_file_check_output, written beside it and
 * renamed over it only once the bytes verified: no file is left on any failure). */
gboolean        desk_attachment_write_to_file (DeskStore              *store,
                                               const char             *uuid,
                                               const char             *path,
                                               GError                **error);

/* { uuid, name, media_type, size, sha256, personal, caption, added } */
JsonNode       *desk_attachment_to_json       (DeskAttachment         *attachment);

G_END_DECLS
