/* desk-people.h — the people who come to workshops: one person, one record
 *
 * A name alone does not tell two people apart, nor does its spelling make two people of
 * one: a person is known by their name and their organisation, both compared folded
 * (case, accents, spacing, full-width and half-width forms; see desk_text_fold_name), so
 * "Abena Mensah, Ministry of Mines" on one sign-in sheet and "ABENA  MENSAH, ministry of
 * mines" on the next are the same person, and so are 张伟 and 张 伟.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The person of @group_uuid with the same name and organisation, or NULL. The
 * organisation is compared with the person's free-text organisation and with the names
 * (English and Chinese) of their member organisation; an empty @organisation matches only
 * a person with neither. When several match, the one created first is returned. */
DeskRecord *desk_store_find_person          (DeskStore   *store,
                                             const char  *group_uuid,
                                             const char  *name,
                                             const char  *organisation);
/* The member of @group_uuid whose English or Chinese name is @organisation, folded like
 * names; NULL when none or when @organisation is blank. Returns its UUID. */
char       *desk_store_find_member_by_name  (DeskStore   *store,
                                             const char  *group_uuid,
                                             const char  *organisation);
/* The organisation to show beside a person: their member organisation's name in the UI
 * language (or the other language when it has none), else their free-text organisation;
 * "" when they have neither. */
char       *desk_person_dup_organisation    (DeskStore   *store,
                                             DeskRecord  *person);

/* The people of @group_uuid a check-in of @name may mean, closest first: those whose
 * name, folded as a search is (desk_text_fold_search), is @name folded (whatever their
 * organisation), then those one edit away (a letter added, dropped or changed), then
 * two — two only for names of six letters or more, so that a short name does not bring
 * half the group. Ties go by name. An array of DeskRecord (people); NULL with @error
 * when the store cannot be read. */
GPtrArray  *desk_people_find_similar        (DeskStore   *store,
                                             const char  *group_uuid,
                                             const char  *name,
                                             GError     **error);
/* What tells a person apart from another of a similar name: "Ministry of Mines ·
 * Government" (organisation, then pillar), either alone, or "" when neither is known. */
char       *desk_person_dup_distinction     (DeskStore   *store,
                                             DeskRecord  *person);

/* The details a merge of @gone into @kept keeps by default: @kept's, each one it lacks
 * (an empty text, no organisation or pillar, gender not stated) taken from @gone, and
 * the vulnerable groups of both. Consent to be named is @kept's alone: it is never
 * assumed. A new record. */
DeskRecord *desk_people_merged_details      (DeskRecord  *kept,
                                             DeskRecord  *gone);

/* Merges the person @gone_uuid into @kept (a person of the same group, with the details
 * the user chose to keep), as one step of @history: every record that refers to the
 * merged-away person refers to @kept instead — an attendance at a workshop @kept attended
 * too becomes one (attended before registered before absent; a role other than
 * participant kept) — @kept is saved, and @gone_uuid is deleted, its tombstone and a row
 * of person_merges telling a later bundle import who they became. All of it in one
 * transaction: on failure the database is exactly as it was and @error says why. */
gboolean    desk_people_merge               (DeskHistory *history,
                                             DeskRecord  *kept,
                                             const char  *gone_uuid,
                                             GError     **error);
/* The person @uuid was merged into (following merges of merges), when @uuid is no person
 * of @store any more; NULL otherwise. */
char       *desk_people_dup_merged_into     (DeskStore   *store,
                                             const char  *uuid);

G_END_DECLS
