/* desk-signin.h — reading a workshop's sign-in sheet into its attendance list
 *
 * A sign-in sheet is what the coordinator typed in after the workshop, or what a
 * spreadsheet exported: CSV with commas or semicolons, or Excel's "Unicode text"
 * (UTF-16, tab-separated), with English or Chinese headers and values. Reading it makes a
 * plan — what each row will become — without writing anything; applying the plan writes
 * it in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-history.h"
#include "desk-progress.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* Files larger than this (20 MB) are refused before they are read. */
#define DESK_SIGNIN_MAX_BYTES (20 * 1000 * 1000)
/* A header row with more columns than this (not counting empty ones at its end), or a
 * sheet with more rows of people than this, is refused: no sign-in sheet is that large,
 * and the file is most likely the wrong one. */
#define DESK_SIGNIN_MAX_COLUMNS 500
#define DESK_SIGNIN_MAX_ROWS 10000

typedef enum
{
  DESK_SIGNIN_COLUMN_NAME,
  DESK_SIGNIN_COLUMN_ORGANISATION,
  DESK_SIGNIN_COLUMN_PILLAR,
  DESK_SIGNIN_COLUMN_GENDER,
  DESK_SIGNIN_COLUMN_ROLE,
  DESK_SIGNIN_COLUMN_PHONE,
  DESK_SIGNIN_COLUMN_EMAIL,
  DESK_SIGNIN_N_COLUMNS
} DeskSigninColumn;

typedef enum
{
  DESK_SIGNIN_ROW_NEW,       /* a person the database does not know yet: created */
  DESK_SIGNIN_ROW_EXISTING,  /* a person already in the database: added to the list */
  DESK_SIGNIN_ROW_LISTED,    /* already on this workshop's list: marked attended */
  DESK_SIGNIN_ROW_REPEAT,    /* the same person as an earlier row of the file, or the
                              * header row again (on every printed page): skipped */
  DESK_SIGNIN_ROW_ERROR,     /* cannot be imported: see message; the others still can */
} DeskSigninFate;

/* One data row of the sheet, as it will be imported. */
typedef struct
{
  guint line;             /* the line of the file the row starts on (the header is 1) */
  DeskSigninFate fate;
  char *message;          /* ERROR: a translated sentence that starts with the line */
  char *person_uuid;      /* EXISTING, LISTED: the person in the database */
  guint same_as_line;     /* REPEAT: the earlier row's line (the header's for a header) */
  /* What the row says, cleaned: codes for pillar, gender and role. */
  char *name;
  char *organisation;
  char *member_uuid;      /* the member organisation the organisation names, if any */
  char *pillar;           /* a pillars code, or NULL: not stated */
  char *gender;           /* a genders code; "not_stated" when empty */
  char *role;             /* participant, speaker, facilitator or organiser */
  char *role_title;       /* the role column's text when it is a job title */
  char *phone;
  char *email;
} DeskSigninRow;

typedef struct _DeskSigninPlan DeskSigninPlan;

typedef struct
{
  guint people_added;      /* new people created */
  guint people_matched;    /* rows that were people already in the database */
  guint attendance_added;  /* new entries on the workshop's list */
  guint attendance_marked; /* entries already on the list, now marked attended */
  guint skipped;           /* rows that repeat an earlier row, or already attended */
  guint errors;            /* rows not imported */
} DeskSigninResult;

/* The column's key for --map ("name", "organisation", "pillar", …). */
const char     *desk_signin_column_key        (DeskSigninColumn   column);
/* The column's name in the UI language, for headings. */
const char     *desk_signin_column_label      (DeskSigninColumn   column);

/* Reads a sign-in sheet, refusing files over DESK_SIGNIN_MAX_BYTES before reading them,
 * and anything but a regular file on this computer (a folder, a FIFO, a device) without
 * waiting on it (see desk_file_read_input). */
GBytes         *desk_signin_read_file         (GFile             *file,
                                               GCancellable      *cancellable,
                                               GError           **error);

/* Reads the sheet in @bytes for @workshop_uuid and decides each row's fate against the
 * database (duplicates are looked for in the workshop's group and among the file's own
 * earlier rows). @mapping, optional, is a NULL-terminated list of "COLUMN=HEADER" pairs
 * that say which header holds a column (COLUMN is a desk_signin_column_key). Refuses an
 * empty, binary or oversized file, one without a column of names, one where two headers
 * name the same column (unless the mapping says which to use), one with more than
 * DESK_SIGNIN_MAX_COLUMNS columns or DESK_SIGNIN_MAX_ROWS rows, with a DESK_ERROR whose
 * message says what to do; a row that cannot be read is an ERROR row instead. Names,
 * organisations, phones and e-mails come out as desk_text_normalize_name makes them.
 * Memory stays within a few times the file's size whatever its shape. */
DeskSigninPlan *desk_signin_plan_new          (DeskStore         *store,
                                               const char        *workshop_uuid,
                                               GBytes            *bytes,
                                               const char *const *mapping,
                                               GError           **error);
/* desk_signin_read_file then desk_signin_plan_new. */
DeskSigninPlan *desk_signin_plan_new_for_file (DeskStore         *store,
                                               const char        *workshop_uuid,
                                               GFile             *file,
                                               const char *const *mapping,
                                               GError           **error);
void            desk_signin_plan_free         (DeskSigninPlan    *plan);

/* "UTF-8", "UTF-8 with BOM", "UTF-16LE" or "UTF-16BE". */
/* Why no row could be read until the coordinator chooses a column (two columns for one
 * field), or NULL. Such a plan has no rows and desk_signin_apply refuses it. */
const char     *desk_signin_plan_get_problem  (DeskSigninPlan    *plan);
/* The DeskSigninColumn the problem asks to choose, or -1. */
int             desk_signin_plan_get_problem_column (DeskSigninPlan *plan);
const char     *desk_signin_plan_get_encoding (DeskSigninPlan    *plan);
/* ',', ';' or '\t'. */
char            desk_signin_plan_get_separator (DeskSigninPlan   *plan);
/* The header @column was found under, or NULL when the sheet does not have it. */
const char     *desk_signin_plan_get_header   (DeskSigninPlan    *plan,
                                               DeskSigninColumn   column);
guint           desk_signin_plan_get_n_rows   (DeskSigninPlan    *plan);
const DeskSigninRow *desk_signin_plan_get_row (DeskSigninPlan    *plan,
                                               guint              index);
/* How many rows will meet @fate. */
guint           desk_signin_plan_count        (DeskSigninPlan    *plan,
                                               DeskSigninFate     fate);

/* Imports the plan's rows into @workshop_uuid's list in one transaction: creates the new
 * people (validated like any other), adds everyone else as attended, with the role the
 * sheet gives or as a participant, and marks those already on the list attended. ERROR
 * rows are counted and left out. If anything fails nothing is written. @result may be
 * NULL. */
gboolean        desk_signin_apply             (DeskStore         *store,
                                               DeskSigninPlan    *plan,
                                               const char        *workshop_uuid,
                                               DeskSigninResult  *result,
                                               GError           **error);
/* The same through @history, as one step (a group: inside the open one if there is
 * one), so that one Ctrl+Z takes back the whole import. */
gboolean        desk_signin_apply_with_history (DeskHistory      *history,
                                                DeskSigninPlan   *plan,
                                                const char       *workshop_uuid,
                                                DeskSigninResult *result,
                                                GError          **error);

/* Either of the above, for a worker thread: through @history when it is not NULL (it
 * must be @store's), reporting how far it is row by row. Once @cancellable is cancelled
 * the whole import is rolled back and it fails with G_IO_ERROR_CANCELLED: the database
 * is as it was. */
gboolean        desk_signin_apply_full        (DeskStore         *store,
                                               DeskHistory       *history,
                                               DeskSigninPlan    *plan,
                                               const char        *workshop_uuid,
                                               DeskSigninResult  *result,
                                               GCancellable      *cancellable,
                                               DeskProgressFunc   progress,
                                               gpointer           progress_data,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSigninPlan, desk_signin_plan_free)

G_END_DECLS
