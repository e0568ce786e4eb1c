/* desk-record-editor.h — edits one record of any kind, a row per field, saving at once
 *
 * The rows are DeskFieldRows (desk-field-row.h), as in DeskRecordForm; the editor writes
 * each change through the history as it is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-evidence-group.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD_EDITOR (desk_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecordEditor, desk_record_editor, DESK, RECORD_EDITOR, GtkBox)

GtkWidget           *desk_record_editor_new             (DeskHistory      *history,
                                                         const DeskKind   *kind);
/* A group of rows, one per field (a bilingual pair is named by its base, "title", and
 * gives two rows, the UI language first). Add every group before the first record. */
AdwPreferencesGroup *desk_record_editor_add_group       (DeskRecordEditor *self,
                                                         const char       *title,
                                                         const char *const *fields);
/* For a kind that takes files (desk_attachment_kind_allowed), the editor ends with their
 * section, “Evidence” (and takes files dropped on it); these rows of @fields go at its
 * top, so that a kind's own words about its evidence read as one area with its files.
 * Before the first record. */
void                 desk_record_editor_add_evidence_fields (DeskRecordEditor  *self,
                                                             const char *const *fields);
/* The files' section, or NULL for a kind that takes none. */
DeskEvidenceGroup   *desk_record_editor_get_evidence    (DeskRecordEditor *self);
/* Shows @record (NULL: nothing); the editor follows its later changes in the store. */
void                 desk_record_editor_set_record      (DeskRecordEditor *self,
                                                         DeskRecord       *record);
DeskRecord          *desk_record_editor_get_record      (DeskRecordEditor *self);
/* FALSE while the record shown is another group's, from its bundle
 * (desk_store_group_is_read_only): its rows are insensitive, files cannot be dropped,
 * added or removed, and nothing is written. */
gboolean             desk_record_editor_get_writable    (DeskRecordEditor *self);
const DeskKind      *desk_record_editor_get_kind        (DeskRecordEditor *self);
DeskHistory         *desk_record_editor_get_history     (DeskRecordEditor *self);
/* Moves the focus to the row of @field (NULL: the first row), selecting its text. */
void                 desk_record_editor_focus_field     (DeskRecordEditor *self,
                                                         const char       *field);
/* The row of @field and the label of its error, for tests. */
GtkWidget           *desk_record_editor_get_row         (DeskRecordEditor *self,
                                                         const char       *field);
GtkLabel            *desk_record_editor_get_error_label (DeskRecordEditor *self,
                                                         const char       *field);
/* An amount shown and typed as its size, whose sign follows a switch (an expense's
 * amount_minor and is_refund): with the switch on, the amount is stored negative, and
 * turning the switch flips the stored sign in the same write. After the groups. */
void                 desk_record_editor_set_sign_switch (DeskRecordEditor *self,
                                                         const char       *money_field,
                                                         const char       *switch_field);
/* Whether the History section shows (it does unless told not to: an editor embedded
 * many times over in a page, like an indicator's values, leaves it out). */
void                 desk_record_editor_set_history_shown (DeskRecordEditor *self,
                                                           gboolean          shown);
/* The History section (every kind has one, last) and the banner of a reported record. */
GtkWidget           *desk_record_editor_get_changes     (DeskRecordEditor *self);
GtkWidget           *desk_record_editor_get_lock_banner (DeskRecordEditor *self);
/* Whether any row shows a refused value. */
gboolean             desk_record_editor_has_error       (DeskRecordEditor *self);

/* A small window around an editor of @record: the workplan or the group profile. */
GtkWindow           *desk_record_editor_window_new      (GtkWindow        *parent,
                                                         const char       *title,
                                                         GtkWidget        *editor);

G_END_DECLS
