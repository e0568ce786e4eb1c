/* desk-groups-page-private.h — inside the Groups page: the state its two files share
 *
 * The page is one class in two files, each a section: desk-groups-page.c (the page, the
 * reading on a worker, the Status section) and desk-groups-figures.c (the Figures
 * section: period, currency, table, chart and CSV). Tests reach it through the hooks at
 * the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-groups-page.h"
#include "desk-chart.h"
#include "desk-date-entry.h"

G_BEGIN_DECLS

struct _DeskGroupsPage
{
  DeskPage parent_instance;

  /* The last answers read; NULL until they arrive, or after a failure. */
  GPtrArray *statuses;              /* DeskGroupStatus */
  DeskGroupFiguresSet *figures;
  /* Each read cancels the one before (a newer question makes its answer stale). */
  GCancellable *status_cancellable;
  GCancellable *figures_cancellable;
  gboolean status_pending;
  gboolean figures_pending;
  gulong changed_id;
  guint refresh_source;
  gboolean stale;                   /* the store changed while the page was not shown */
  gboolean syncing;                 /* filling the controls: their signals change nothing */
  GCancellable *amendments_cancellable; /* the amendments of the group selected, being read */
  gboolean amendments_pending;

  /* Template widgets */
  GtkStack *stack;
  GtkBox *toolbar;
  AdwViewStack *sections;
  GtkStack *status_stack;
  AdwStatusPage *status_error;
  GtkDropDown *months_dropdown;
  GtkColumnView *status_view;
  GtkLabel *detail_title;
  GtkLabel *detail_label;
  GtkWidget *amendments_box;        /* under the detail: the group's amendments */
  GtkStack *figures_stack;
  AdwStatusPage *figures_error;
  GtkDropDown *preset_dropdown;
  GtkWidget *custom_box;
  DeskDateEntry *from_entry;
  DeskDateEntry *to_entry;
  GtkDropDown *currency_dropdown;
  GtkLabel *period_label;
  GtkColumnView *figures_view;
  DeskChart *chart;
  GtkLabel *notes_label;
};

/* desk-groups-figures.c */
/* In class_init: the figures' template callbacks and actions. */
void     _desk_groups_figures_class_init  (GtkWidgetClass *widget_class);
/* In init: the presets and the table's columns. */
void     _desk_groups_figures_init        (DeskGroupsPage *self);
/* In build: the table's columns, the currencies, the period from the settings. */
void     _desk_groups_figures_build       (DeskGroupsPage *self);
/* Reads the figures again for the period and currency chosen. */
void     _desk_groups_figures_refresh     (DeskGroupsPage *self);
/* Shows @figures (taken), or @error. */
void     _desk_groups_figures_show        (DeskGroupsPage      *self,
                                           DeskGroupFiguresSet *figures,
                                           const GError        *error);

/* desk-groups-amendments.c */
/* In init: the amendments' box, under the detail. */
void     _desk_groups_amendments_init     (DeskGroupsPage  *self);
/* Lists the amendments of @status's group (NULL: none) under the detail, read on a
 * worker; the read of the group before is dropped. */
void     _desk_groups_amendments_show     (DeskGroupsPage  *self,
                                           DeskGroupStatus *status);
/* In unbuild: drops a read on its way. */
void     _desk_groups_amendments_stop     (DeskGroupsPage  *self);

/* desk-groups-page.c: what the figures' file asks of the page. */
/* Runs @func on a worker with a read-only connection of its own to the page's database
 * (in place for a database in memory), then @done on the main thread unless
 * @cancellable was cancelled. */
typedef gpointer (*DeskGroupsReadFunc) (DeskStore  *store,
                                        gpointer    data,
                                        GError    **error);
typedef void     (*DeskGroupsDoneFunc) (DeskGroupsPage *self,
                                        gpointer        result,
                                        const GError   *error);
void     _desk_groups_page_read           (DeskGroupsPage     *self,
                                           GCancellable       *cancellable,
                                           DeskGroupsReadFunc  func,
                                           gpointer            data,
                                           GDestroyNotify      data_free,
                                           GDestroyNotify      result_free,
                                           DeskGroupsDoneFunc  done);

/* For tests: whether a read is on its way; the answers shown; the section shown. */
gboolean             _desk_groups_page_is_reading    (DeskGroupsPage *self);
GPtrArray           *_desk_groups_page_get_statuses  (DeskGroupsPage *self);
DeskGroupFiguresSet *_desk_groups_page_get_figures   (DeskGroupsPage *self);
GtkColumnView       *_desk_groups_page_get_status_view (DeskGroupsPage *self);
/* What choosing @file for Save CSV… (or Save PDF…) does. */
void                 _desk_groups_page_save_figures  (DeskGroupsPage *self,
                                                      GFile          *file,
                                                      gboolean        pdf);
/* The box under the detail listing the amendments of the group selected (each a box of
 * labels, after a heading), and whether they are still being read. */
GtkWidget           *_desk_groups_page_get_amendments_box (DeskGroupsPage *self);
/* "empty", "groups"; and in "groups", the status section's "list" or "error". */
const char          *_desk_groups_page_get_state     (DeskGroupsPage *self);

G_END_DECLS
