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

G_END_DECLS
