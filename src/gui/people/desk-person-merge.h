/* desk-person-merge.h — merging two records of one person, from the People page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

/* A dialog, presented, that asks which record of @person_uuid's group repeats them (those
 * of a similar name first; @other_uuid, when not NULL, already chosen) and whose details
 * to keep. Its "merge" response is the caller's to answer with
 * desk_person_merge_dialog_apply. */
AdwMessageDialog *desk_person_merge_dialog_new   (GtkWindow         *parent,
                                                  DeskHistory       *history,
                                                  const char        *person_uuid,
                                                  const char        *other_uuid);
/* Merges as the dialog says, one step of its history: the kept person's UUID, or NULL
 * with @error (and the database as it was). */
char             *desk_person_merge_dialog_apply (AdwMessageDialog  *dialog,
                                                  GError           **error);

/* For tests: the choice of the other record, and "keep the other's details". */
GtkDropDown      *_desk_person_merge_get_other      (AdwMessageDialog *dialog);
GtkCheckButton   *_desk_person_merge_get_keep_other (AdwMessageDialog *dialog);
/* The UUID of the person at @position of the other-record choice. */
const char       *_desk_person_merge_get_uuid       (AdwMessageDialog *dialog,
                                                     guint             position);

G_END_DECLS
