/* desk-bundle-private.h — what the bundle writer, reader and IATI writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "desk-bundle.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_BUNDLE_FIELD_NEVER,
  DESK_BUNDLE_FIELD_ALWAYS,
  DESK_BUNDLE_FIELD_IF_CONSENT, /* a person's name: only when they consented */
} DeskBundleFieldRule;

/* Whether the writer puts @field of @kind in a bundle of @privacy. The reader keeps its
 * own value of a field the writer does not always write. */
DeskBundleFieldRule _desk_bundle_field_rule (const DeskKind  *kind,
                                             const DeskField *field,
                                             DeskPrivacy      privacy);

/* "title" for "title_en"; NULL for a field that is not one half of a bilingual pair. */
char       *_desk_bundle_narrative_base     (const DeskField *field,
                                             const char     **lang);

/* The compiled bundle schema, from core's resources; compiled once, never freed. */
xmlSchemaPtr _desk_bundle_get_schema        (GError        **error);

/* Maps @path for reading as an untrusted bundle: a regular file of at most
 * DESK_BUNDLE_MAX_SIZE bytes (checked with fstat before anything is mapped). */
GMappedFile *_desk_bundle_map               (const char     *path,
                                             GError        **error);
/* A reader over @mapped: the whole prolog checked first (no DOCTYPE, UTF-8), then no
 * network, no entity substitution, validated against the schema as it is read. Schema
 * and parser complaints are added to @reasons (translated sentences with the line).
 * Free *vctxt after the reader. */
xmlTextReaderPtr _desk_bundle_open_reader   (GMappedFile    *mapped,
                                             const char     *path,
                                             GPtrArray      *reasons,
                                             xmlSchemaValidCtxtPtr *vctxt,
                                             GError        **error);
/* An xmlStructuredErrorFunc adding parser and schema errors to a GPtrArray of reasons. */
void        _desk_bundle_collect_error      (void           *reasons,
                                             xmlErrorPtr     error);
/* The SHA-256 of the whole file; of its records element from its start tag to its end
 * tag inclusive, spelled @records_qname ("records", or "b:records" under a prefix). */
char       *_desk_bundle_file_digest        (GMappedFile    *mapped);
char       *_desk_bundle_content_digest     (GMappedFile    *mapped,
                                             const char     *records_qname);
/* Lets the pages of @mapped from @from to @to go from this process's memory (they are
 * read again from the file when needed): a pass over a large bundle keeps its memory
 * flat. */
void        _desk_bundle_release            (GMappedFile    *mapped,
                                             gsize           from,
                                             gsize           to);
/* Turns the reasons a bundle was refused into one GError. */
void        _desk_bundle_set_invalid_error  (GError        **error,
                                             const char     *path,
                                             GPtrArray      *reasons);

/* Shared by the writer (desk-bundle.c) and the preview (desk-bundle-preview.c). */

/* The counts of a bundle: one for each kind it carries, then the workshops with
 * attendance counts, then the deletions, then the attachments (format 2). */
#define N_COUNTS (DESK_N_BUNDLE_KINDS + 3)
#define COUNT_ATTENDANCE_COUNTS (DESK_N_BUNDLE_KINDS)
#define COUNT_TOMBSTONE (DESK_N_BUNDLE_KINDS + 1)
#define COUNT_ATTACHMENT (DESK_N_BUNDLE_KINDS + 2)

/* A group's attendance counts by workshop, pillar and gender: ?1 the group, ?2 whether
 * named attendance records are counted (an aggregate bundle's). */
#define COUNTS_SQL \
  "SELECT w, p, g, n FROM (" \
  " SELECT a.workshop_uuid AS w, coalesce (pe.pillar, m.pillar, 'not_stated') AS p," \
  "        pe.gender AS g, count (*) AS n" \
  " FROM attendance a JOIN people pe ON pe.uuid = a.person_uuid" \
  " LEFT JOIN members m ON m.uuid = pe.member_uuid" \
  " WHERE a.group_uuid = ?1 AND a.status = 'attended' AND ?2 GROUP BY 1, 2, 3" \
  " UNION ALL" \
  " SELECT c.workshop_uuid, c.pillar, c.gender, c.count FROM workshop_counts c" \
  " JOIN workshops ws ON ws.uuid = c.workshop_uuid" \
  " WHERE ws.group_uuid = ?1" \
  " AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.workshop_uuid = c.workshop_uuid))" \
  " ORDER BY 1, 2, 3"

const char *_desk_bundle_count_kind      (guint            index);
const char *_desk_bundle_count_label     (guint            index);
gboolean    _desk_bundle_kind_in_bundle  (const DeskKind  *kind,
                                          DeskPrivacy      privacy);
/* Whether a bundle of @privacy carries a file attached to a record of @owner_kind (a
 * kind's name) and marked @personal: a named bundle every file of a record it carries,
 * the others only files not marked as holding personal data. */
gboolean    _desk_bundle_attachment_in_bundle (const char  *owner_kind,
                                               gboolean     personal,
                                               DeskPrivacy  privacy);
/* How many attachments of @group a bundle of @privacy carries; -1 with @error. */
gint64      _desk_bundle_count_attachments    (DeskStore   *store,
                                               const char  *group,
                                               DeskPrivacy  privacy,
                                               GError     **error);
/* Off for a pass over every row of a group (export, preview): memory stays flat. */
void        _desk_bundle_set_mapping     (DeskStore       *store,
                                          gboolean         on);
gboolean    _desk_bundle_check_request   (DeskStore       *store,
                                          const char      *group_uuid,
                                          const char      *from,
                                          const char      *to,
                                          DeskRecord     **group,
                                          GError         **error);
gboolean    _desk_bundle_find_previous   (DeskStore       *store,
                                          const char      *group,
                                          gint64          *sequence,
                                          char           **uuid,
                                          char           **sha256,
                                          GError         **error);

G_END_DECLS
