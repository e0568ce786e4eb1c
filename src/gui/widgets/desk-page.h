/* desk-page.h — the base of the window's pages: store, history, lazy building, toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

#define DESK_TYPE_PAGE (desk_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (DeskPage, desk_page, DESK, PAGE, AdwBin)

/**
 * DeskPageClass:
 * @build: makes the page's content from its store, which is never %NULL here. Returns
 *   %FALSE when it cannot yet (a page that needs the group, or a history, before there is
 *   one); it is then asked again the next time the page is mapped or ensured built.
 *   While it runs, desk_page_get_built() is already %TRUE.
 * @unbuild: drops what @build made, so that @build can run again with another store or
 *   history. Runs only on a built page, while it still holds the old store: it disconnects
 *   from the store first, since an editor it removes saves its pending edit as it goes.
 *   (A page's dispose does the same in that order; the base drops the store after.)
 * @open_record: shows the record @uuid of @kind; returns %FALSE when the page does not
 *   own @kind. The page is built first. By default the record opens in the list
 *   @get_list_for_kind gives, on its tab.
 * @get_active_list: the list the user is working in (the one a page with several lists
 *   shows), or %NULL; the page is built first. The page's `page.new`, `page.find` and
 *   `page.delete` actions (Ctrl+N and Ctrl+F come to them from the window) go to it.
 * @new_record: what `page.new` does; by default the active list's new record.
 * @focus_search: what `page.find` does; by default the active list's search entry.
 * @get_list_for_kind: the list that shows records of @kind, or %NULL when the page only
 *   shows itself for them; the page is built first.
 *
 * A page receives the window's store and history as properties. Setting either to a new
 * value on a built page unbuilds it and builds it again at once if it is mapped, else the
 * next time it is mapped; a page not yet built is built with the new values when it is
 * first mapped, or by desk_page_ensure_built().
 */
struct _DeskPageClass
{
  AdwBinClass parent_class;

  gboolean (*build)       (DeskPage   *self);
  void     (*unbuild)     (DeskPage   *self);
  gboolean (*open_record) (DeskPage   *self,
                           const char *kind,
                           const char *uuid);
  DeskRecordList *
           (*get_active_list) (DeskPage *self);
  void     (*new_record)   (DeskPage   *self);
  void     (*focus_search) (DeskPage   *self);
  DeskRecordList *
           (*get_list_for_kind) (DeskPage   *self,
                                 const char *kind);

  gpointer padding[4];
};

/* For a page's class_init: its template, from @resource, which the base disposes. When
 * the page is disposed (after the page's own dispose ran), the base unbuilds it (see
 * @unbuild) and then lets go of the template's widgets. */
void         desk_page_class_set_template_from_resource (DeskPageClass *page_class,
                                                         const char    *resource);
/* The same for a page that sets its template itself, called from its dispose before it
 * chains up: unbuilds the page, then disposes the template of @type. */
void         desk_page_dispose_template (DeskPage  *self,
                                         GType      type);

DeskStore   *desk_page_get_store     (DeskPage   *self);
void         desk_page_set_store     (DeskPage   *self,
                                      DeskStore  *store);
DeskHistory *desk_page_get_history   (DeskPage   *self);
void         desk_page_set_history   (DeskPage   *self,
                                      DeskHistory *history);
gboolean     desk_page_get_built     (DeskPage   *self);
/* Builds the page now if it can, for code and tests that need it before it is shown;
 * returns whether it is built. */
gboolean     desk_page_ensure_built  (DeskPage   *self);
gboolean     desk_page_open_record   (DeskPage   *self,
                                      const char *kind,
                                      const char *uuid);
DeskRecordList *desk_page_get_active_list (DeskPage *self);
/* For a page's build: the uuid of the group the page shows (its `group-uuid`, else the
 * store's main group), when there is one and the page has a history; else %NULL, and
 * the page cannot build yet. */
char        *desk_page_dup_group_uuid (DeskPage  *self);
/* The `group-uuid` the page was made with: NULL for the store's main group. */
const char  *desk_page_get_group_uuid (DeskPage  *self);
/* Whether the page may write: FALSE for a group that arrived in a bundle (decided as the
 * page builds, from core's desk_store_group_is_read_only()). A page that is not writable
 * has page.new, page.delete and its writing actions off, and its lists offer neither New
 * nor Delete; its editors are read-only by themselves. */
gboolean     desk_page_get_writable   (DeskPage  *self);
/* For a page's class_init: the names of its own actions that write (NULL-terminated),
 * which the base turns off on a page that is not writable. */
void         desk_page_class_set_writing_actions (DeskPageClass     *page_class,
                                                  const char *const *names);
/* gtk_widget_action_set_enabled() for a page's own actions: an action that writes stays
 * off on a page that is not writable. */
void         desk_page_action_set_enabled (DeskPage   *self,
                                           const char *action_name,
                                           gboolean    enabled);
/* Turns every stack between @list and the page to the child that holds @list. */
void         desk_page_show_list     (DeskPage   *self,
                                      DeskRecordList *list);
/* What a page's "new record" does once it has made @record: saves it through the
 * history, shows it open in @list with @focus_field of the list's editor focused, and
 * returns %TRUE. When core refuses the record, a toast gives core's reason, nothing opens
 * and it returns %FALSE. */
gboolean     desk_page_add_new_record (DeskPage  *self,
                                      DeskRecordList *list,
                                      DeskRecord *record,
                                      const char *focus_field);
/* For a page's init: puts the switcher of @sections, the page's sections, at the start
 * of @toolbar, the row above them. Every page switches its sections with this one kind
 * of control, in the same place, each section by its title and icon (beside it, or
 * under it where the toolbar is too short: a second, narrow switcher takes its place).
 * Returns the wide switcher. */
GtkWidget   *desk_page_add_section_switcher (DeskPage     *self,
                                             GtkBox       *toolbar,
                                             AdwViewStack *sections);
/* What a page's Save PDF… computes on the worker: the report to write, from the worker's
 * own connection @store and the page's @data; NULL with @error when it cannot. */
typedef DeskReport *(*DeskPageReportFunc) (DeskStore  *store,
                                           gpointer    data,
                                           GError    **error);
/* Writes a report as a PDF to @path on a worker (desk-job.c, with @title as its progress),
 * printed today: @compute makes the report there from @data (freed with @data_free), and
 * a toast says "Saved “report.pdf”" or why not; Cancel leaves no file and says nothing.
 * The one way every page saves a report as PDF. */
void         desk_page_save_report_pdf (DeskPage           *self,
                                        const char         *title,
                                        const char         *path,
                                        DeskPageReportFunc  compute,
                                        gpointer            data,
                                        GDestroyNotify      data_free);
/* Shows @message in the window's toast overlay (or logs it when the page has none). */
void         desk_page_add_toast     (DeskPage   *self,
                                      const char *message);

G_END_DECLS
