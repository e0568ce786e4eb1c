/* desk-paperwork-data.h — what a workshop's paperwork shows: the sign-in sheet, badges
 * and certificates read it from here, so that the report library never reads records
 *
 * A person's code ("P-1A2B3C4D") is printed on their badge as text and as a QR code; a
 * scanner at the door types it into the check-in search, which finds the person by it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-signin.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* "P-" and the first eight hex digits of @person_uuid, upper-cased: "P-1A2B3C4D". */
char       *desk_person_code             (const char  *person_uuid);
/* Whether @text, without the white space around it, has the form of a person's code
 * (any case); *prefix gets its eight hex digits upper-cased when it does. */
gboolean    desk_person_code_parse       (const char  *text,
                                          char       **prefix);
/* The person of @group_uuid whose code @code is (any case, white space around it
 * ignored), or NULL when it is no code, nobody of the group has it, or (one chance in
 * millions) two people of the group share it. */
DeskRecord *desk_people_find_by_code     (DeskStore   *store,
                                          const char  *group_uuid,
                                          const char  *code,
                                          GError     **error);

/* A sign-in sheet's column header in @language ("en" or "zh"): the words the sign-in
 * import recognises for @column, so that a sheet typed back into a spreadsheet with the
 * printed headers imports with no mapping. */
const char *desk_paperwork_signin_header (DeskSigninColumn column,
                                          const char      *language);

/* One person on a workshop's list, as the paperwork prints them. */
typedef struct
{
  char *person_uuid;
  char *code;           /* desk_person_code */
  char *name;
  char *name_key;       /* for sorting */
  char *organisation;   /* desk_person_dup_organisation; "" when none */
  char *pillar;         /* labels in the UI language; "" when not stated */
  char *gender;
  char *role;           /* the person's role or title; "" when none */
  char *phone;
  char *email;
  gboolean consent_named;
  char *status;         /* registered, attended or absent */
} DeskPaperworkPerson;

typedef struct
{
  gboolean english;     /* the group's languages: both when it has not said */
  gboolean chinese;
  char *group_name[2];  /* [0] English, [1] Chinese, each falling back to the other */
  char *title[2];       /* the workshop's title, likewise */
  char *dates;          /* desk_date_format_period */
  char *place;          /* "Town, Region"; "" when neither */
  GPtrArray *people;    /* DeskPaperworkPerson, by name */
} DeskPaperworkData;

/* What the paperwork of @workshop_uuid shows. Needs names: fails with
 * DESK_ERROR_NAMES_LOCKED while a protected database is locked, and with a sentence
 * when there is no such workshop. */
DeskPaperworkData *desk_paperwork_data_new  (DeskStore         *store,
                                             const char        *workshop_uuid,
                                             GError           **error);
void               desk_paperwork_data_free (DeskPaperworkData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPaperworkData, desk_paperwork_data_free)

G_END_DECLS
