/* desk-attendance.h — who came: check-in, and the counts a gender analysis needs
 *
 * The breakdowns are counts only, never names: they are what leaves the laptop when the
 * coordinator does not choose otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The pillar key of people whose pillar is not stated (theirs nor their member's). */
#define DESK_ATTENDANCE_PILLAR_NOT_STATED "not_stated"

/* Check-in: marks @person_uuid as attended at @workshop_uuid, adding them to its list or
 * updating their entry. @role (participant, speaker, facilitator, organiser) may be NULL:
 * a new entry is then a participant and an existing one keeps its role. Returns the
 * attendance record. */
DeskRecord *desk_attendance_check_in        (DeskStore   *store,
                                             const char  *workshop_uuid,
                                             const char  *person_uuid,
                                             const char  *role,
                                             GError     **error);
/* Check-in at the door: finds the person by name and organisation (desk_store_find_person)
 * or creates @person (a new, unsaved person record of the workshop's group), then checks
 * them in as a participant, in one transaction. *matched tells whether they were found;
 * the attendance record is returned. */
DeskRecord *desk_attendance_check_in_person (DeskStore   *store,
                                             const char  *workshop_uuid,
                                             DeskRecord  *person,
                                             gboolean    *matched,
                                             GError     **error);
/* @person_uuid's entry on @workshop_uuid's list, or NULL. */
DeskRecord *desk_attendance_find            (DeskStore   *store,
                                             const char  *workshop_uuid,
                                             const char  *person_uuid);

/* Invitations. An entry's status runs invited → registered → attended or absent; a
 * check-in (desk_attendance_check_in) makes any of them attended.
 *
 * invite: puts each of @person_uuids (NULL-terminated) on @workshop_uuid's list as an
 * invited participant, in one transaction; a person already on the list keeps their
 * entry as it is (one entry a person). Through @history when given, as one step that
 * one Undo takes back. *invited (may be NULL) gets how many entries were added. */
gboolean    desk_attendance_invite          (DeskStore          *store,
                                             DeskHistory        *history,
                                             const char         *workshop_uuid,
                                             const char *const  *person_uuids,
                                             guint              *invited,
                                             GError            **error);
/* confirm: an invited person said they will come (invited → registered). A person
 * registered, attended or absent already is left as they are; one not on the list is
 * refused with a sentence (DESK_ERROR_NOT_FOUND). Through @history when given. */
gboolean    desk_attendance_confirm         (DeskStore          *store,
                                             DeskHistory        *history,
                                             const char         *workshop_uuid,
                                             const char         *person_uuid,
                                             GError            **error);
/* How many entries of @workshop_uuid's list have @status (invited: not yet confirmed). */
gint64      desk_attendance_count_status    (DeskStore          *store,
                                             const char         *workshop_uuid,
                                             const char         *status,
                                             GError            **error);
/* The e-mail addresses of @person_uuids, in their order, joined with ", " (each once),
 * for pasting into a mail program's To field; people without an address are skipped
 * and counted in *skipped (may be NULL). Needs names (DESK_ERROR_NAMES_LOCKED while a
 * protected database is locked). "" when nobody has an address. */
char       *desk_people_dup_emails          (DeskStore          *store,
                                             const char *const  *person_uuids,
                                             guint              *skipped,
                                             GError            **error);

/* One person on a workshop's list, as the check-in view shows them. */
typedef struct
{
  char *person_uuid;
  char *name;
  char *name_key;      /* the folded name, for sorting */
  char *organisation;  /* as desk_person_dup_organisation gives it; "" when none */
} DeskAttendee;

void        desk_attendee_free              (DeskAttendee *attendee);
/* The people on @workshop_uuid's list (whatever their status), by person UUID, in one
 * query: a workshop's list needs the names of its few hundred people, not of the
 * thousands of its group. Values are DeskAttendee. */
GHashTable *desk_attendance_list_attendees  (DeskStore   *store,
                                             const char  *workshop_uuid,
                                             GError     **error);
/* One person's name and organisation, as desk_attendance_list_attendees gives them;
 * NULL when there is no such person. */
DeskAttendee *desk_attendance_get_attendee  (DeskStore   *store,
                                             const char  *person_uuid);

/* A workshop that starts after @today: nobody can have attended it yet, so its count of
 * attendances is not a figure to show ("0 / 20" would read as nobody came). */
gboolean    desk_workshop_is_upcoming       (DeskRecord  *workshop,
                                             const char  *today);

/* Attendance (status attended) of a group, a workshop and/or a period, counted by pillar ×
 * gender. A person's pillar is their own, else their member organisation's, else
 * DESK_ATTENDANCE_PILLAR_NOT_STATED. */
typedef struct
{
  char *group_uuid;         /* NULL: every group */
  char *workshop_uuid;      /* NULL: every workshop */
  char *from;               /* workshops starting on or after; NULL: no limit */
  char *to;                 /* workshops starting on or before; NULL: no limit */

  gint64 attendances;       /* one per person per workshop */
  gint64 people;            /* distinct people reached */
  gint64 women_attendances; /* attendances by women */
  gint64 women_people;      /* distinct women reached */
  gint64 repeat_people;     /* people who attended more than one workshop (DeskRepeatCounter) */
  gint64 repeat_attendances; /* their attendances beyond the first */
  gint64 workshops;         /* workshops with at least one attendance */

  GStrv pillars;            /* pillar codes in the reference order, then not_stated */
  GStrv genders;            /* gender codes in the reference order */
  gint64 *cells;            /* attendances: pillars × genders, row by row */
  gint64 *pillar_people;    /* distinct people per pillar */
} DeskAttendanceBreakdown;

DeskAttendanceBreakdown *desk_attendance_breakdown (DeskStore   *store,
                                                    const char  *group_uuid,
                                                    const char  *workshop_uuid,
                                                    const char  *from,
                                                    const char  *to,
                                                    GError     **error);
void     desk_attendance_breakdown_free       (DeskAttendanceBreakdown *breakdown);

/* Attendances of one pillar (or not_stated) and one gender code; -1 for an unknown code. */
gint64   desk_attendance_breakdown_get        (DeskAttendanceBreakdown *breakdown,
                                               const char              *pillar,
                                               const char              *gender);
gint64   desk_attendance_breakdown_pillar_total (DeskAttendanceBreakdown *breakdown,
                                                 const char              *pillar);
gint64   desk_attendance_breakdown_gender_total (DeskAttendanceBreakdown *breakdown,
                                                 const char              *gender);
/* Repeat attendance, defined once for every figure that shows it (the Overview, the
 * Attendance page, the report's table and footer, the CLI, the CSV and the PDF): a person
 * came again when they attended more than one workshop of the period counted. Fed the
 * period's attendances in the order of their workshops' start, it also says, for each
 * attendance, whether its person had come to an earlier workshop of the period: so a
 * part of the period (a quarter) counts the people who came in it after coming before,
 * and the people who came again in any part are those who came more than once. */
typedef struct _DeskRepeatCounter DeskRepeatCounter;

DeskRepeatCounter *desk_repeat_counter_new    (void);
void     desk_repeat_counter_free             (DeskRepeatCounter       *counter);
/* Counts one attendance of @person_uuid; TRUE when they had attended before. */
gboolean desk_repeat_counter_add              (DeskRepeatCounter       *counter,
                                               const char              *person_uuid);
/* Distinct people counted so far. */
gint64   desk_repeat_counter_people           (DeskRepeatCounter       *counter);
/* People who attended more than once so far. */
gint64   desk_repeat_counter_repeat_people    (DeskRepeatCounter       *counter);
/* The definition of repeat attendance (repeat_people) in a sentence a reader sees under
 * the figure; and with it what the Attendance report's "Came again" column counts, for
 * the report's notes (a new string). */
const char *desk_attendance_repeat_people_definition (void);
char       *desk_attendance_repeat_definition        (void);

/* A gender code as the heading of a column or series of people counted: "Women", "Men",
 * else the reference label ("Another gender", "Not stated"), each answer on its own. */
char    *desk_gender_heading                  (DeskStore               *store,
                                               const char              *code);
/* Women's share of @women out of @total in thousandths, rounded half up; -1 when
 * @total is 0. */
int      desk_share_per_mille                 (gint64                   women,
                                               gint64                   total);
/* The same share as a percentage with one decimal and a '.' whatever the locale
 * ("37.5"); "" when @total is 0. */
char    *desk_share_format_percent            (gint64                   women,
                                               gint64                   total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAttendanceBreakdown, desk_attendance_breakdown_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAttendee, desk_attendee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRepeatCounter, desk_repeat_counter_free)

G_END_DECLS
