/* desk-bundle-write-private.h — what the bundle writer's files share: the sink every byte
 * of a bundle goes through (one write() per 64 KB, digested, copied to the schema check)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlwriter.h>

#include "desk-bundle-private.h"
#include "desk-progress.h"

G_BEGIN_DECLS

typedef struct
{
  int fd;
  GChecksum *checksum;
  int saved_errno;
  /* For the records: the digest covers "<records>" to "</records>" only, so space the
   * writer puts before and after them is left out of it. */
  gboolean trim;
  gboolean begun;
  gsize held;             /* newlines not yet digested: they may be the trailing ones */
  /* What libxml2 hands over in small pieces, gathered into one write() per SINK_SIZE. */
  char *buffer;
  gsize used;
  int tee;                /* the validator's socket, also given every byte; or -1 */
} Sink;

#define SINK_SIZE (64 * 1024)

/* Digests what goes into the file (the records only, when @sink->trim). */
void             _desk_bundle_sink_digest     (Sink       *sink,
                                               const char *buffer,
                                               gsize       len);
/* Gives the validator its copy; once it has stopped reading the rest is dropped. */
void             _desk_bundle_tee_send        (int        *fd,
                                               const char *buffer,
                                               gsize       len);
void             _desk_bundle_tee_close       (int        *fd);
gboolean         _desk_bundle_sink_write_all  (Sink       *sink,
                                               const char *buffer,
                                               gsize       len);
/* Writes out what the sink holds; FALSE (with saved_errno) when the disk refused it. */
gboolean         _desk_bundle_sink_flush      (Sink       *sink);
/* libxml2's output callbacks over a Sink. */
int              _desk_bundle_sink_write      (void       *context,
                                               const char *buffer,
                                               int         len);
int              _desk_bundle_sink_close      (void       *context);
/* An indenting xmlTextWriter writing into @sink. */
xmlTextWriterPtr _desk_bundle_sink_writer_new (Sink       *sink);

/* An unnamed temporary file in @dir (O_TMPFILE): a process killed while it writes
 * leaves nothing behind. Where the file system has none, a file named after @template
 * ("….partial-XXXXXX", changed in place), and *@named is TRUE. -1 with errno. */
int              _desk_bundle_temp_open       (const char *dir,
                                               char       *template,
                                               gboolean   *named);
/* Gives the unnamed file @fd a name after @template (changed in place), for the rename
 * that puts it in place. FALSE with *@saved_errno. */
gboolean         _desk_bundle_temp_link       (int         fd,
                                               char       *template,
                                               int        *saved_errno);

/* desk-bundle-attachments.c: the attachments of a bundle. Each sets *@failed when the
 * writer refused (disk full) and returns FALSE with @error for anything else. */

/* Every attachment the bundle carries, in UUID order, as "attachment" records; counts
 * them in *@count. */
gboolean _desk_bundle_write_attachments (DeskStore        *store,
                                         const char       *group,
                                         DeskPrivacy       privacy,
                                         xmlTextWriterPtr  w,
                                         gint64           *count,
                                         gboolean         *failed,
                                         DeskProgress     *progress,
                                         GError          **error);
/* Their bytes after the records: "files", each distinct file once in the order of its
 * SHA-256, in base64 pieces, streamed from the database. Writes nothing when the bundle
 * carries no attachment. @progress hears of each piece, from @progress_start over
 * @progress_span. */
gboolean _desk_bundle_write_files       (DeskStore        *store,
                                         const char       *group,
                                         DeskPrivacy       privacy,
                                         xmlTextWriterPtr  w,
                                         gboolean         *failed,
                                         DeskProgress     *progress,
                                         double            progress_start,
                                         double            progress_span,
                                         GError          **error);
/* How many base64 pieces the files of a bundle make: the files' share of its progress. */
guint64  _desk_bundle_count_pieces      (DeskStore        *store,
                                         const char       *group,
                                         DeskPrivacy       privacy);

/* desk-bundle-amendments.c: the endorsement and the amendments of a bundle (format 3). */

/* A sentence (DESK_ERROR_INVALID) when @endorsement (may be NULL: none) has no valid
 * date, a date in the future, or a meeting or chair that cannot be written. */
gboolean _desk_bundle_check_endorsement (DeskStore              *store,
                                         const DeskEndorsement  *endorsement,
                                         GError                **error);
/* The manifest's "endorsement" element. FALSE when the writer refused. */
gboolean _desk_bundle_write_endorsement (xmlTextWriterPtr        w,
                                         const DeskEndorsement  *endorsement);
/* The changes_through of the group's newest export: the next bundle carries the
 * amendments after it. G_MAXINT64 (none) before the group's first bundle; 0 where the
 * database received the group's bundles and exported none itself. */
gboolean _desk_bundle_changes_since     (DeskStore        *store,
                                         const char       *group,
                                         gint64           *since,
                                         GError          **error);
/* The "amendments" element (nothing when there are none): the changes of @group with a
 * lock whose id is in (@since, @through], oldest first, as much of each as @privacy lets
 * travel. Counts them in *@count; with @w NULL only counts. */
gboolean _desk_bundle_write_amendments  (DeskStore        *store,
                                         const char       *group,
                                         DeskPrivacy       privacy,
                                         gint64            since,
                                         gint64            through,
                                         xmlTextWriterPtr  w,
                                         gint64           *count,
                                         gboolean         *failed,
                                         GError          **error);
/* How many amendments the group's next bundle at @privacy would carry; -1 with @error. */
gint64   _desk_bundle_count_amendments  (DeskStore        *store,
                                         const char       *group,
                                         DeskPrivacy       privacy,
                                         GError          **error);

G_END_DECLS
