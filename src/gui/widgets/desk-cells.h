/* desk-cells.h — the cells of record lists, their sort orders, filter drop-downs and pills
 *
 * A value is formatted for a list in one place: desk_cell_dup_field_text() turns any
 * field of a record into what a cell shows, so that a date, an amount or a code reads the
 * same on every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

/* Makes the widget of one cell; binds a record to it. */
typedef GtkWidget *(*DeskCellSetup)      (gpointer    user_data);
typedef void       (*DeskCellBind)       (GtkWidget  *cell,
                                          DeskRecord *record,
                                          gpointer    user_data);

/* A cell of short text, ellipsised at the end. @user_data is ignored (a DeskCellSetup). */
GtkWidget           *desk_cell_label_new              (gpointer          user_data);
void                 desk_cell_set_text               (GtkWidget        *cell,
                                                       const char       *text);
/* A yes-or-no cell: @on_text, or @off_text dimmed. */
void                 desk_cell_set_flag               (GtkWidget        *cell,
                                                       gboolean          on,
                                                       const char       *on_text,
                                                       const char       *off_text);
/* The longer text a pointer resting on @cell reveals (NULL: none). Cheap enough to call
 * on every bind, unlike gtk_widget_set_tooltip_text(). */
void                 desk_cell_set_tooltip            (GtkWidget        *cell,
                                                       const char       *text);
const char          *desk_cell_get_tooltip            (GtkWidget        *cell);
/* A cell of figures: right-aligned, in tabular digits, at least @min_chars wide so that a
 * figure is never cut. */
GtkWidget           *desk_cell_figure_new             (int               min_chars);
/* A cell of dates, as wide as the longest date desk_date_format() writes. */
GtkWidget           *desk_cell_date_new               (void);
/* A bilingual title, with “in English” beside it when it fell back to the other language. */
GtkWidget           *desk_cell_title_new              (gpointer          user_data);
void                 desk_cell_title_set              (GtkWidget        *cell,
                                                       const char       *text,
                                                       const char       *hint);

/* Right-aligns the header of @column, a column of figures, over its figures. @column
 * must be in a column view. */
void                 desk_cell_header_align_end       (GtkColumnViewColumn *column);

/* What a list shows for @field of @record, and in *@tooltip (when not NULL) the longer
 * text a pointer over it reveals, or NULL: dates through desk_date_format(), codes and
 * choices by their label, references by the record's code (or its label when it has no
 * code), amounts with their currency, numbers and text as they are. @store looks up
 * labels and references; without it, codes and references show as stored. */
char                *desk_cell_dup_field_text         (DeskStore        *store,
                                                       DeskRecord       *record,
                                                       const DeskField  *field,
                                                       char            **tooltip);

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
/* The same pill as one inscription, for a list's cells: a box, an image and a label a row
 * were three widgets to make, measure and draw for every row shown. Its icon, if any, is
 * drawn by the stylesheet from @css_class (ui/style.css, ".desk-cell-pill"). */
GtkWidget           *desk_cell_pill_new               (const char       *text,
                                                       const char       *css_class);
/* A small rounded label: text, never colour alone, says what it means. */
GtkWidget           *desk_pill_new                    (const char       *icon_name,
                                                       const char       *text,
                                                       const char       *css_class);

G_END_DECLS
