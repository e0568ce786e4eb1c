/* desk-record-list.h — a searchable, sortable, filterable list of records beside an editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-cells.h"
#include "desk-record-editor.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD_LIST (desk_record_list_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecordList, desk_record_list, DESK, RECORD_LIST, AdwBin)

/* Whether @record passes the page's own filters (the search is the list's). */
typedef gboolean   (*DeskRecordMatch)    (DeskRecord *record,
                                          gpointer    user_data);

/* How much a column matters when room is short. Essential columns (titles, dates,
 * amounts) always show; normal ones hide in a narrow window; optional ones also hide
 * while the editor is open beside the list. They come back when there is room again. */
typedef enum
{
  DESK_COLUMN_ESSENTIAL,
  DESK_COLUMN_NORMAL,
  DESK_COLUMN_OPTIONAL,
} DeskColumnPriority;

/* A list for a page to make when it is first shown, placed in @bin. @open_cb (which may be
 * NULL) runs after the list showed the record in its editor. */
DeskRecordList      *desk_record_list_new_in          (AdwBin           *bin,
                                                       GCallback         open_cb,
                                                       GCallback         new_cb,
                                                       gpointer          page);
void                 desk_record_list_set_history     (DeskRecordList   *self,
                                                       DeskHistory      *history);
DeskHistory         *desk_record_list_get_history     (DeskRecordList   *self);
/* The records shown: a DeskRecordModel. NULL empties the list. Its rows are made when the
 * list is first mapped, or its models first read. */
void                 desk_record_list_set_model       (DeskRecordList   *self,
                                                       DeskRecordModel  *model);
DeskRecordModel     *desk_record_list_get_model       (DeskRecordList   *self);
void                 desk_record_list_set_match_func  (DeskRecordList   *self,
                                                       DeskRecordMatch   match,
                                                       gpointer          user_data);
/* After the page's filters changed. */
void                 desk_record_list_refilter        (DeskRecordList   *self,
                                                       GtkFilterChange   change);
/* A column; @setup NULL makes a plain label. @compare sorts it (NULL: not sortable). It
 * is essential unless desk_record_list_set_column_priority() says otherwise. */
GtkColumnViewColumn *desk_record_list_add_column      (DeskRecordList   *self,
                                                       const char       *title,
                                                       DeskCellSetup     setup,
                                                       DeskCellBind      bind,
                                                       GCompareDataFunc  compare,
                                                       gpointer          user_data,
                                                       gboolean          expand);
/* A column showing @field of @kind, its cell chosen from the field's type and formatted
 * by desk_cell_dup_field_text(), sorted by the field's value. @field may also be the base
 * of a bilingual pair ("title" for title_en/title_zh): the record's title in the UI
 * language. @title NULL takes the field's label. Dates and figures are as wide as they
 * need; a title expands. */
GtkColumnViewColumn *desk_record_list_add_field_column (DeskRecordList  *self,
                                                       const DeskKind   *kind,
                                                       const char       *field,
                                                       const char       *title,
                                                       DeskColumnPriority priority);
void                 desk_record_list_set_column_priority (DeskRecordList *self,
                                                       GtkColumnViewColumn *column,
                                                       DeskColumnPriority priority);
/* Sorts the list by @column (one of its own, with a compare function), ascending, until
 * the user picks another column. */
void                 desk_record_list_sort_by         (DeskRecordList      *self,
                                                       GtkColumnViewColumn *column);
/* A column of short values (codes, statuses) at a fixed width, in characters. */
void                 desk_record_list_fix_width       (GtkColumnViewColumn *column,
                                                       int               chars);
/* Where a page puts its filter drop-downs and toggles. */
GtkBox              *desk_record_list_get_filter_box  (DeskRecordList   *self);
/* A strip under the bar, hidden until the page shows it: “4 deliverables are overdue”. */
GtkBox              *desk_record_list_get_banner_box  (DeskRecordList   *self);
/* The editor, shown beside the list (over it in a narrow window): @pane, or @editor itself
 * when @pane is NULL. With @editor, the list shows the record it opens there (read from
 * the store) before it emits "open", and over the editor the record's @title_base
 * ("title": the bilingual title in the UI language, or a plain field such as a person's
 * "name"); @title_base NULL leaves the title to the page. */
void                 desk_record_list_set_editor      (DeskRecordList   *self,
                                                       GtkWidget        *pane,
                                                       DeskRecordEditor *editor,
                                                       const char       *title_base);
DeskRecordEditor    *desk_record_list_get_editor      (DeskRecordList   *self);
/* A list of another group's records, from its bundle, offers neither New nor Delete
 * (DeskPage sets this for every list of a page that is not writable). */
void                 desk_record_list_set_writable    (DeskRecordList   *self,
                                                       gboolean          writable);
gboolean             desk_record_list_get_writable    (DeskRecordList   *self);
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
/* Lets several records be chosen with Ctrl+click and Shift+click (a click alone still
 * chooses one and opens it); "selection-changed" tells of each change. Once set, it
 * stays. */
void                 desk_record_list_set_multiple    (DeskRecordList   *self,
                                                       gboolean          multiple);
/* The records selected, in the order shown (a new array). */
GPtrArray           *desk_record_list_dup_selected    (DeskRecordList   *self);
/* The column view's selection model, for tests that click. */
GtkSelectionModel   *desk_record_list_get_selection   (DeskRecordList   *self);
const char          *desk_record_list_get_open_uuid   (DeskRecordList   *self);
/* The record open, as the store has it now, or NULL. */
DeskRecord          *desk_record_list_dup_open_record (DeskRecordList   *self);
gboolean             desk_record_list_get_editor_open (DeskRecordList   *self);
void                 desk_record_list_focus_search    (DeskRecordList   *self);

/* The records shown, in the order shown: the filtered model and the sorted one are the
 * same (the filter is above the sort). And the search entry. */
GListModel          *desk_record_list_get_filter_model (DeskRecordList  *self);
GListModel          *desk_record_list_get_sorted_model (DeskRecordList  *self);
GtkEditable         *desk_record_list_get_search_entry (DeskRecordList  *self);

G_END_DECLS
