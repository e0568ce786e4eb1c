/* desk-workplan-page-private.h — the Workplan page's parts, and what tests reach inside it
 *
 * The page is one class in three files: desk-workplan-page.c (the lists, filters and
 * building), desk-workplan-page-editors.c (the editors, an activity's deliverables and an
 * indicator's values) and desk-workplan-page-actions.c (the workplan's own actions:
 * approve, close, reopen, edit, new, start next). They share the instance struct here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-workplan-page.h"
#include "desk-record-editor.h"
#include "desk-record-list.h"
#include "desk-workplan-choice.h"

G_BEGIN_DECLS

typedef struct
{
  DeskWorkplanPage *page;
  gboolean target;
} ColumnData;

struct _DeskWorkplanPage
{
  DeskPage parent_instance;

  char *group_uuid;
  char *workplan_uuid;
  DeskRecordModel *workplans;
  DeskRecordModel *activities;
  DeskRecordModel *indicators;
  GHashTable *member_pillars;   /* member uuid → pillar code */
  GHashTable *pillar_labels;    /* pillar code → its name in the UI language */
  GHashTable *totals;           /* indicator uuid → Totals */
  DeskWorkplanChoice choice;
  GPtrArray *activity_choices;  /* DeskChoice: activity uuid → code, for the indicator list */
  gulong changed_id;

  GtkWidget *status_filter;
  GtkWidget *kind_filter;
  GtkWidget *theme_filter;
  GtkWidget *pillar_filter;
  GtkWidget *filter_button;
  DeskRecordEditor *activity_editor;
  AdwPreferencesGroup *deliverables_group;
  GPtrArray *deliverable_rows;
  DeskRecordEditor *indicator_editor;
  GtkBox *values_box;
  char *values_key;
  ColumnData target_column;
  ColumnData actual_column;

  /* Template widgets */
  GtkStack *main_stack;
  GtkDropDown *workplan_dropdown;
  GtkLabel *workplan_title;
  GtkLabel *workplan_status;
  GtkLabel *workplan_period;
  GtkBox *toolbar;
  AdwViewStack *view_stack;
  AdwBin *activity_bin;
  AdwBin *indicator_bin;
  DeskRecordList *activity_list;
  DeskRecordList *indicator_list;
};

/* Shared by the page's files */
DeskRecord       *_desk_workplan_page_dup_workplan         (DeskWorkplanPage *self);
/* The bilingual field @base ("title") in the UI language: "title_en" or "title_zh". */
const char       *_desk_workplan_page_ui_field             (const char       *base);
void              _desk_workplan_page_show_workplan        (DeskWorkplanPage *self,
                                                            const char       *uuid);
void              _desk_workplan_page_build_editors        (DeskWorkplanPage *self);
void              _desk_workplan_page_refresh_deliverables (DeskWorkplanPage *self);
/* @force: build the value editors again even when the values are the same. */
void              _desk_workplan_page_refresh_values       (DeskWorkplanPage *self,
                                                            gboolean          force);
void              _desk_workplan_page_class_install_actions (GtkWidgetClass  *widget_class);
/* Enables the workplan's actions for its status and whether the page can write. */
void              _desk_workplan_page_update_actions       (DeskWorkplanPage *self);

/* For tests */

DeskRecordList   *_desk_workplan_page_get_activity_list    (DeskWorkplanPage *self);
DeskRecordList   *_desk_workplan_page_get_indicator_list   (DeskWorkplanPage *self);
DeskRecordEditor *_desk_workplan_page_get_activity_editor  (DeskWorkplanPage *self);
DeskRecordEditor *_desk_workplan_page_get_indicator_editor (DeskWorkplanPage *self);
/* "status", "kind", "theme" or "pillar". */
GtkWidget        *_desk_workplan_page_get_filter           (DeskWorkplanPage *self,
                                                            const char       *name);
const char       *_desk_workplan_page_get_workplan         (DeskWorkplanPage *self);
/* "activities" or "indicators". */
void              _desk_workplan_page_show_view            (DeskWorkplanPage *self,
                                                            const char       *name);

G_END_DECLS
