/* desk-bundle-import-private.h — the state of one import, shared by the reader's loop
 * (desk-bundle-import.c) and the records it applies (desk-bundle-apply.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-bundle-private.h"

G_BEGIN_DECLS

typedef enum
{
  SECTION_NONE,
  SECTION_MANIFEST,
  SECTION_RECORDS,
  SECTION_FILES,             /* the bytes of the attachments, after the records */
  SECTION_DONE,
} Section;

typedef struct
{
  const DeskKind *kind;
  char *uuid;
  char *field;
  char *value;
  char *updated;
} Deferred;

typedef struct
{
  char *pillar;
  char *gender;
  gint64 count;
} Cell;

typedef struct
{
  const DeskKind *kind;
  char *uuid;
  char *deleted;
  guint order;               /* the kind's place in the bundle */
} Tombstone;

typedef struct
{
  DeskStore *store;          /* NULL: only check the file */
  const char *path;
  gboolean force;
  gboolean dry_run;
  GPtrArray *reasons;
  DeskImportPlan *plan;

  Section section;
  GString *text;

  /* The manifest */
  char *format;
  char *content_sha256;
  char *file_sha256;         /* see file_digest_start */
  GThread *file_digest;      /* computing file_sha256 beside the reader, or NULL */
  gint file_digest_stop;     /* atomic: the import ends before the digest was needed */
  char *computed_content_sha256;
  char *previous_uuid;
  char *previous_sha256;
  char *lang;
  GMappedFile *mapped;
  char *latest;              /* the latest time a record may carry: created + skew */
  char *unique_sql;          /* see other_kind_with */
  DeskPrivacy privacy;
  GHashTable *declared;      /* kind → count, as the manifest says */
  char *count_kind;
  gboolean started;          /* the transaction is open */
  gboolean stop;             /* already imported: nothing more to do */
  gboolean fresh;            /* no record of a bundle kind and no tombstone when the
                              * transaction began: nothing local to compare with */
  gboolean tuned;            /* temp_store is to be restored */
  int temp_store;            /* where the connection's temporary files went before */
  gboolean triggers_off;     /* the connection's triggers are off (see set_triggers) */

  /* The record being read */
  const DeskKind *kind;
  const char *pseudo_kind;   /* "attendance_counts" or "tombstone" */
  DeskRecord *record;
  char *attr_uuid;
  char *attr_updated;
  char *attr_kind;
  char *attr_deleted;
  char *field;
  char *field_lang;
  GPtrArray *set;
  GArray *cells;

  const DeskKind *last_kind;
  GHashTable *seen;          /* UUIDs met so far */
  GHashTable *actual;        /* kind → count read */
  GPtrArray *deferred;
  GArray *tombstones;        /* Tombstone: applied together once every record is in */
  GError *error;
  DeskProgress *progress;    /* bytes read, and the cancellable; or NULL */
  struct _ImportFiles *files; /* the attachments (desk-bundle-import-files.c), or NULL */
  struct _ImportAmendment *amendment; /* the amendment being read, or NULL */
} Import;

/* A group that exported a bundle every day for a thousand years would reach 365,250;
 * no count of one kind in a bundle can be larger than the records a 512 MB file holds. */
#define MAX_SEQUENCE G_GINT64_CONSTANT (1000000)
#define MAX_DECLARED_COUNT G_GINT64_CONSTANT (100000000)

/* Reading the XML (desk-bundle-import.c): an attribute, the xml:lang of the element,
 * XML Schema's whiteSpace="collapse", and identifiers in lower case, as Groupdesk
 * writes them (the schema allows A–F; "ABC…" must not become a second record). */
char            *_desk_import_reader_attr      (xmlTextReaderPtr  r,
                                                const char       *name);
char            *_desk_import_reader_lang      (xmlTextReaderPtr  r);
char            *_desk_import_reader_uuid      (xmlTextReaderPtr  r,
                                                const char       *name);
char            *_desk_import_collapse         (const char       *text);
char            *_desk_import_canonical_uuid   (char             *uuid);

/* The manifest (desk-bundle-import-manifest.c): its elements as they stream past, and
 * everything it decides before the first record: is this the file it claims to be, was
 * it imported before, where it stands in its group's chain. */
void             _desk_import_manifest_start   (Import           *im,
                                                xmlTextReaderPtr  r,
                                                int               depth,
                                                const char       *name);
void             _desk_import_manifest_end     (Import           *im,
                                                int               depth,
                                                const char       *name);
gboolean         _desk_import_manifest_done    (Import           *im,
                                                const char       *records_qname);
gboolean         _desk_import_check_group_record (Import         *im,
                                                  DeskRecord     *group);

/* Sets im->error (the first failure wins) and returns FALSE. */
gboolean         _desk_import_fail             (Import      *im,
                                                const char  *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* The counts of one kind in the plan, added on first use. */
DeskImportCount *_desk_import_plan_count       (Import      *im,
                                                const char  *kind);
/* The first column of @sql's first row for the text @value, as text and as a number. */
gboolean         _desk_import_query_text       (DeskStore   *store,
                                                const char  *sql,
                                                const char  *value,
                                                char       **out,
                                                gint64      *number);

/* The chain of the group's bundles (desk-bundle-chain.c). For a bundle never imported:
 * sets plan->fork and plan->refused for a fork, plan->refused for a first bundle that
 * names one before it, plan->gap for a gap. For one imported before (its identifier
 * held): FALSE when it is not the same bundle (content, group or number; error set); else plan->replay and
 * plan->refused when a newer bundle of the group is held, or plan->already_imported. */
void             _desk_import_check_chain      (Import      *im);
gboolean         _desk_import_check_known      (Import      *im,
                                                const char  *known_digest,
                                                const char  *known_group,
                                                gint64       known_sequence);
/* Writes down a fork set aside or a replay refused (bundle_offers), in a transaction of
 * its own: call it once the import's transaction was rolled back. */
gboolean         _desk_import_record_offer     (DeskStore   *store,
                                                const char  *outcome,
                                                const DeskImportPlan *plan,
                                                const char  *previous_uuid,
                                                const char  *content_sha256,
                                                const char  *file_sha256,
                                                const char  *path,
                                                GError     **error);
/* "2, 3 and 5–9": sequence numbers (gint64, ascending) as a person reads them. */
char            *_desk_chain_format_numbers    (GArray      *numbers);
/* The numbers from 1 to @below - 1 that are not in @held (gint64, ascending). */
GArray          *_desk_chain_missing           (GArray      *held,
                                                gint64       below);

/* Applying what the reader finds (desk-bundle-apply.c). */
gboolean         _desk_import_apply_record     (Import      *im);
gboolean         _desk_import_apply_deferred   (Import      *im);
gboolean         _desk_import_read_tombstone   (Import      *im);
gboolean         _desk_import_apply_tombstones (Import      *im);
gboolean         _desk_import_apply_counts     (Import      *im);

/* desk-bundle-import-connection.c: the connection tuned for an import (temp_store in
 * memory, the import memo, triggers off into a fresh database) and put back on every way
 * out; the file's digest computed in a thread beside the reader. */
void     _desk_import_tune_connection    (Import   *im);
void     _desk_import_set_triggers       (Import   *im,
                                          gboolean  on);
void     _desk_import_restore_connection (Import   *im);
gboolean _desk_import_database_is_fresh  (Import   *im);
void     _desk_import_file_digest_start  (Import   *im);
void     _desk_import_file_digest_join   (Import   *im,
                                          gboolean  stop);

/* desk-bundle-import-files.c: the attachments of a format 2 bundle. Their records are
 * read among the others and kept; the bytes of each file are decoded from "files" a
 * piece at a time straight into the database (only checked in a dry run); at the end of
 * the bundle every attachment is written, once its owner and its bytes are known. */
gboolean _desk_import_attachment_start   (Import           *im,
                                          xmlTextReaderPtr  r);
void     _desk_import_attachment_field   (Import           *im,
                                          const char       *name);
gboolean _desk_import_attachment_value   (Import           *im);
gboolean _desk_import_attachment_end     (Import           *im);
gboolean _desk_import_files_start        (Import           *im,
                                          xmlTextReaderPtr  r,
                                          int               depth,
                                          const char       *name);
gboolean _desk_import_files_end          (Import           *im,
                                          int               depth);
gboolean _desk_import_attachments_finish (Import           *im);
void     _desk_import_files_free         (Import           *im);

/* desk-bundle-amendments.c: the amendments of a format 3 bundle, at the end of its
 * records ("amendments", depth 2). Each is checked as it ends (action, kind, record,
 * amends no later than the bundle, when, lengths; at most DESK_BUNDLE_MAX_AMENDMENTS)
 * and, in an import that is kept (not a dry run, not a replay), stored in
 * bundle_amendments in the import's transaction. */
gboolean _desk_import_amendment_start    (Import           *im,
                                          xmlTextReaderPtr  r,
                                          int               depth,
                                          const char       *name);
gboolean _desk_import_amendment_end      (Import           *im,
                                          int               depth,
                                          const char       *name);
void     _desk_import_amendments_free    (Import           *im);
/* The manifest's endorsement checked (a date, not after the export). */
gboolean _desk_import_check_endorsement  (Import           *im);
/* "Bundle 3 for 1 Jan 2026 – 30 Jun 2026, endorsed on …": the change history's word
 * for an import (translated). */
char    *_desk_import_summary            (DeskImportPlan   *plan);

G_END_DECLS
