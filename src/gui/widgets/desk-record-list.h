/* desk-record-list.h — a searchable, sortable, filterable list of records beside an editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD_LIST (desk_record_list_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecordList, desk_record_list, DESK, RECORD_LIST, AdwBin)

/* Whether @record passes the page's own filters (the search is the list's). */
typedef gboolean   (*DeskRecordMatch)    (DeskRecord *record,
                                          gpointer    user_data);
typedef GtkWidget *(*DeskCellSetup)      (gpointer    user_data);
typedef void       (*DeskCellBind)       (GtkWidget  *cell,
                                          DeskRecord *record,
                                          gpointer    user_data);

/* A list for a page to make when it is first shown, placed in @bin. */
DeskRecordList      *desk_record_list_new_in          (AdwBin           *bin,
                                                       GCallback         open_cb,
                                                       GCallback         new_cb,
                                                       gpointer          page);
void                 desk_record_list_set_history     (DeskRecordList   *self,
                                                       DeskHistory      *history);
DeskHistory         *desk_record_list_get_history     (DeskRecordList   *self);
/* The records shown: a DeskRecordModel. NULL empties the list. */
void                 desk_record_list_set_model       (DeskRecordList   *self,
                                                       DeskRecordModel  *model);
DeskRecordModel     *desk_record_list_get_model       (DeskRecordList   *self);
void                 desk_record_list_set_match_func  (DeskRecordList   *self,
                                                       DeskRecordMatch   match,
                                                       gpointer          user_data);
/* After the page's filters changed. */
void                 desk_record_list_refilter        (DeskRecordList   *self,
                                                       GtkFilterChange   change);
/* A column; @setup NULL makes a plain label. @compare sorts it (NULL: not sortable). */
GtkColumnViewColumn *desk_record_list_add_column      (DeskRecordList   *self,
                                                       const char       *title,
                                                       DeskCellSetup     setup,
                                                       DeskCellBind      bind,
                                                       GCompareDataFunc  compare,
                                                       gpointer          user_data,
                                                       gboolean          expand);
/* A column of short values (dates, codes, statuses) at a fixed width, in characters. */
void                 desk_record_list_fix_width       (GtkColumnViewColumn *column,
                                                       int               chars);
/* Where a page puts its filter drop-downs and toggles. */
GtkBox              *desk_record_list_get_filter_box  (DeskRecordList   *self);
/* A strip under the bar, hidden until the page shows it: “4 deliverables are overdue”. */
GtkBox              *desk_record_list_get_banner_box  (DeskRecordList   *self);
/* The editor, shown beside the list (over it in a narrow window). */
void                 desk_record_list_set_editor      (DeskRecordList   *self,
                                                       GtkWidget        *editor);
void                 desk_record_list_set_editor_title (DeskRecordList  *self,
                                                       const char       *title,
                                                       const char       *hint);
void                 desk_record_list_set_empty_text  (DeskRecordList   *self,
                                                       const char       *icon_name,
                                                       const char       *title,
                                                       const char       *description);
void                 desk_record_list_set_new_tooltip (DeskRecordList   *self,
                                                       const char       *tooltip);

/* Selects the record with @uuid (when it is shown) and opens its editor. */
void                 desk_record_list_open            (DeskRecordList   *self,
                                                       const char       *uuid);
void                 desk_record_list_close_editor    (DeskRecordList   *self);
const char          *desk_record_list_get_open_uuid   (DeskRecordList   *self);
gboolean             desk_record_list_get_editor_open (DeskRecordList   *self);
void                 desk_record_list_focus_search    (DeskRecordList   *self);

/* The filtered list (what the user sees, before sorting) and the search entry. */
GListModel          *desk_record_list_get_filter_model (DeskRecordList  *self);
GListModel          *desk_record_list_get_sorted_model (DeskRecordList  *self);
GtkEditable         *desk_record_list_get_search_entry (DeskRecordList  *self);

/* Cells */
GtkWidget           *desk_cell_label_new              (gpointer          user_data);
void                 desk_cell_set_text               (GtkWidget        *cell,
                                                       const char       *text);
GtkWidget           *desk_cell_title_new              (gpointer          user_data);
void                 desk_cell_title_set              (GtkWidget        *cell,
                                                       const char       *text,
                                                       const char       *hint);
/* Sorts by a field's value: text, date, code, number. @user_data is the field name. */
int                  desk_record_compare_field        (gconstpointer     a,
                                                       gconstpointer     b,
                                                       gpointer          user_data);
/* Sorts by a bilingual field in the UI language; @user_data is its base, "title". */
int                  desk_record_compare_narrative    (gconstpointer     a,
                                                       gconstpointer     b,
                                                       gpointer          user_data);

/* A filter drop-down: “@all_label” first, then @choices (DeskChoice, borrowed). */
GtkWidget           *desk_filter_dropdown_new         (const char       *all_label,
                                                       GPtrArray        *choices);
/* The code chosen, or NULL for all. */
const char          *desk_filter_dropdown_get_code    (GtkWidget        *dropdown);
void                 desk_filter_dropdown_set_code    (GtkWidget        *dropdown,
                                                       const char       *code);
/* A small rounded label: text, never colour alone, says what it means. */
GtkWidget           *desk_pill_new                    (const char       *icon_name,
                                                       const char       *text,
                                                       const char       *css_class);

G_END_DECLS
