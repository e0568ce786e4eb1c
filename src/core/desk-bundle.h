/* desk-bundle.h — the secretariat's bundles: export, check and import
 *
 * A bundle is one XML file (.gdbundle) in the format of data/schema/groupdesk-bundle-3.xsd
 * (described for people in data/schema/README.md): a manifest, then a snapshot of one
 * group — every current record and every tombstone — so that importing it twice changes
 * nothing and a newer one updates, then the bytes of the files attached to its records.
 * Format 3 adds the endorsement of the bundle and of workplans, and the amendments: changes
 * made to records already reported. Bundles of formats 1 (no files) and 2 (no amendments)
 * are still read. The privacy level chosen at export decides what of the people leaves the
 * laptop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-progress.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The format written (3: with endorsement and amendments), and the ones before it, still
 * read. */
#define DESK_BUNDLE_FORMAT "3"
#define DESK_BUNDLE_NAMESPACE "urn:voluntaryprinciples:groupdesk:bundle:3"
#define DESK_BUNDLE_NAMESPACE_2 "urn:voluntaryprinciples:groupdesk:bundle:2"
#define DESK_BUNDLE_NAMESPACE_1 "urn:voluntaryprinciples:groupdesk:bundle:1"
/* An import refuses a bundle with more amendments than this. */
#define DESK_BUNDLE_MAX_AMENDMENTS 100000
#define DESK_BUNDLE_SUFFIX ".gdbundle"
/* Bundles larger than this are refused before they are read. Files make bundles large
 * (a group with 1,000 attachments of 500 MB in all writes about 670 MB of base64); the
 * file is mapped, which costs address space rather than memory, and libxml2's reader
 * takes its length as an int, so the bound is 2,000 MiB: three times that group. */
#define DESK_BUNDLE_MAX_SIZE ((gint64) 2000 * 1024 * 1024)

typedef enum
{
  DESK_PRIVACY_AGGREGATE,    /* attendance as counts by pillar × gender; no person records */
  DESK_PRIVACY_PSEUDONYMOUS, /* person records without names or contacts */
  DESK_PRIVACY_NAMED,        /* names of the people who consented; the others pseudonymous */
} DeskPrivacy;

const char  *desk_privacy_to_string          (DeskPrivacy   level);
gboolean     desk_privacy_from_string        (const char   *text,
                                              DeskPrivacy  *level);
/* A translated label ("Counts only") and a plain sentence of what leaves the laptop. */
const char  *desk_privacy_label              (DeskPrivacy   level);
const char  *desk_bundle_describe_privacy    (DeskPrivacy   level);

/* Export */

typedef struct
{
  const char *kind;          /* "member", …, "attendance_counts", "tombstone" */
  const char *label;         /* translated, plural: "Members" */
  gint64      count;
} DeskBundleCount;

/* Whether a count of @kind (as in DeskBundleCount and the export's counts) is among the
 * records a bundle holds, as the export history totals them and an import adds or
 * updates them: every record (the group's own included) and each workshop's attendance
 * counts, but not the deletions, which an import counts apart. */
gboolean desk_bundle_kind_is_record (const char *kind);

typedef struct
{
  const char *kind;          /* the kind of the record to fix */
  char       *uuid;          /* the record to fix */
  char       *message;       /* a translated sentence: what is wrong, what to do */
} DeskBundleProblem;

typedef struct
{
  GArray    *counts;         /* DeskBundleCount, in the bundle's order */
  GPtrArray *problems;       /* DeskBundleProblem; empty when there is nothing to fix */
  gint64     sequence;       /* the number the bundle will carry */
} DeskBundlePreview;

void                desk_bundle_preview_free (DeskBundlePreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBundlePreview, desk_bundle_preview_free)

/* What an export of @group_uuid for the period @from … @to (ISO dates) at @privacy would
 * hold, and the problems to fix first. Reads only. */
DeskBundlePreview  *desk_bundle_preview      (DeskStore    *store,
                                              const char   *group_uuid,
                                              const char   *from,
                                              const char   *to,
                                              DeskPrivacy   privacy,
                                              GError      **error);

/* Writes the bundle to @path: streamed to a temporary file beside it, validated against
 * the schema, synced, renamed into place, and recorded in the exports table (sequence =
 * the previous + 1). On failure nothing is left at @path and nothing is recorded. */
gboolean            desk_bundle_export       (DeskStore    *store,
                                              const char   *group_uuid,
                                              const char   *from,
                                              const char   *to,
                                              DeskPrivacy   privacy,
                                              const char   *path,
                                              GError      **error);

/* The same, on a worker thread: @cancellable (may be NULL) stops it, with
 * G_IO_ERROR_CANCELLED, nothing at @path, no temporary file and nothing recorded;
 * @progress (may be NULL) hears how far it is, on the calling thread. */
gboolean            desk_bundle_export_full  (DeskStore        *store,
                                              const char       *group_uuid,
                                              const char       *from,
                                              const char       *to,
                                              DeskPrivacy       privacy,
                                              const char       *path,
                                              GCancellable     *cancellable,
                                              DeskProgressFunc  progress,
                                              gpointer          progress_data,
                                              GError          **error);

/* Endorsement of an export by the group (its plenary or steering meeting): said in the
 * bundle's manifest and kept in the export history. @on is an ISO date (required when
 * the endorsement is given); @meeting and @chair may be NULL. */
typedef struct
{
  const char *on;
  const char *meeting;   /* "Plenary of 12 June 2026" */
  const char *chair;     /* who chaired it */
} DeskEndorsement;

/* desk_bundle_export_full with an endorsement (NULL: none). The bundle also carries, as
 * amendments, every change made to a locked record (desk-locks.h) since the group's
 * previous export: record, field, old and new value, reason and when, at every privacy
 * level, without personal fields (and without references to people in an aggregate
 * bundle). */
gboolean            desk_bundle_export_endorsed (DeskStore              *store,
                                                 const char             *group_uuid,
                                                 const char             *from,
                                                 const char             *to,
                                                 DeskPrivacy             privacy,
                                                 const DeskEndorsement  *endorsement,
                                                 const char             *path,
                                                 GCancellable           *cancellable,
                                                 DeskProgressFunc        progress,
                                                 gpointer                progress_data,
                                                 GError                **error);

/* "GH-VPI-2026-06-30-3.gdbundle": a file name for the next bundle of @group_uuid. */
char               *desk_bundle_suggest_name (DeskStore    *store,
                                              const char   *group_uuid,
                                              const char   *to);

/* Checking a file, with no database of the user's: size, no DOCTYPE, well-formed, valid
 * against the schema, content digest, then every check an import makes, by importing it
 * into an empty database in memory and rolling back. A file this passes, an import
 * into an empty database accepts. FALSE with @error when the file is not a valid
 * bundle; *reasons (if not NULL) then gets one translated sentence per problem found. */
gboolean            desk_bundle_validate_file (const char  *path,
                                               GPtrArray  **reasons,
                                               GError     **error);

/* Import */

typedef struct
{
  const char *kind;
  guint added;
  guint updated;
  guint deleted;
  guint unchanged;           /* the same, or ours is newer */
  guint cascaded;            /* deleted with a record the bundle deletes, not by name */
} DeskImportCount;

/* The columns of desk_import_plan_total. */
enum
{
  DESK_IMPORT_ADDED,
  DESK_IMPORT_UPDATED,
  DESK_IMPORT_DELETED,
  DESK_IMPORT_UNCHANGED,
  DESK_IMPORT_CASCADED,
};

typedef struct
{
  char      *bundle_uuid;
  char      *group_uuid;
  char      *group_code;
  char      *group_name;
  gint64     sequence;
  char      *period_start;
  char      *period_end;
  char      *privacy;
  char      *created;
  gboolean   already_imported; /* the same bundle was imported before: nothing to do */
  char      *refused;          /* why it would be refused (translated), or NULL */
  char      *cascade;          /* the records its deletions take with them, when they
                                * need --force (translated), or NULL */
  char      *gap;              /* the bundles of the group never received before this
                                * one (translated), or NULL */
  GArray    *counts;           /* DeskImportCount, in the bundle's order */
  char      *backup_path;      /* the backup taken before the import, or NULL */
  /* Where it stands in the group's chain (refused says why, and force imports it):
   * a fork does not continue the chain held here (another bundle holds its number, or
   * its "previous" is not the bundle before it), and an import without force sets it
   * aside in the group's history; a replay is an older bundle imported before, offered
   * again while a newer one is held, and an import without force counts it. A dry run
   * writes neither down. */
  gboolean   fork;
  gboolean   replay;
  /* Format 3: the group's meeting that endorsed the bundle (endorsed_on NULL: none
   * said), and how many amendments it carries (changes to records already reported;
   * kept in bundle_amendments, desk_secretariat_list_amendments). */
  char      *endorsed_on;
  char      *endorsed_meeting;
  char      *endorsed_chair;
  guint      amendments;
} DeskImportPlan;

void            desk_import_plan_free         (DeskImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskImportPlan, desk_import_plan_free)
/* The total of one column over every kind. */
guint           desk_import_plan_total        (DeskImportPlan *plan,
                                               guint           column);

/* What importing @path would do: checked and applied in a transaction that is rolled
 * back. A replay (an older bundle imported before, offered again), a fork of the
 * group's chain (its "previous" is not the bundle held before it, names a bundle of
 * another number, or its number is held with other content), and deletions that take
 * other records with them (a workplan and its activities) come back with plan->refused
 * or plan->cascade set, and are imported only with @force. An older bundle never
 * received (it fills a gap) is imported, its records merged by time like any other. NULL with @error when the file is not a valid bundle
 * or cannot be applied. */
DeskImportPlan *desk_bundle_read_plan         (DeskStore      *store,
                                               const char     *path,
                                               gboolean        force,
                                               GError        **error);

/* Imports @path in one transaction, after a backup of the database; with @dry_run,
 * desk_bundle_read_plan. A refused or failed import leaves the database as it was, but
 * for one row of the group's history (bundle_offers) when, without @force, a fork is
 * set aside or a replay is refused: the error then says so. */
DeskImportPlan *desk_bundle_import            (DeskStore      *store,
                                               const char     *path,
                                               gboolean        force,
                                               gboolean        dry_run,
                                               GError        **error);
/* The same, on a worker thread: @cancellable (may be NULL) stops it with
 * G_IO_ERROR_CANCELLED, the database as it was and the backup taken for it removed;
 * @progress (may be NULL) hears how far it is, on the calling thread. */
DeskImportPlan *desk_bundle_import_full       (DeskStore        *store,
                                               const char       *path,
                                               gboolean          force,
                                               gboolean          dry_run,
                                               GCancellable     *cancellable,
                                               DeskProgressFunc  progress,
                                               gpointer          progress_data,
                                               GError          **error);

G_END_DECLS
