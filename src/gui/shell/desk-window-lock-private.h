/* desk-window-lock-private.h — inside the main window: the state its two files share
 *
 * The window is one class in two files, each a concern: desk-window.c (the frame, the
 * sidebar, the pages made when first needed, the welcome view, the window's actions) and
 * desk-window-lock.c (name protection: the passphrase page, win.lock and win.unlock, the
 * idle lock, the protect dialog the welcome view promised, and what a change of the
 * store's "protection" does to the pages, the undo history and the dialogs open).
 * Tests reach the window through desk-window-private.h, not this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-window.h"
#include "desk-banner.h"
#include "desk-idle-lock.h"

G_BEGIN_DECLS

struct _DeskWindow
{
  AdwApplicationWindow parent_instance;

  DeskStore *store;
  DeskHistory *history;
  GSettings *settings;
  gulong group_changed_id;
  gboolean has_group;
  /* The secretariat's desk: the database is the secretariat's, or holds groups that
   * arrived in bundles; either shows the Groups page. */
  gboolean secretariat;
  gboolean has_imported;
  /* The group opened from the Groups page, shown read-only; NULL: the own group. */
  char *open_group;

  /* desk-window-lock.c */
  gulong protection_id;
  /* The coordinator chose Continue Without Names on the passphrase page. */
  gboolean without_names;
  /* Opens the protect dialog the welcome view promised, once the group is made. */
  guint protect_source;
  DeskIdleLock *idle_lock;

  /* Template widgets */
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *content_box;
  GtkListBox *sidebar_list;
  AdwWindowTitle *window_title;
  GtkStack *page_stack;
  DeskBanner *memory_banner;
  DeskBanner *group_banner;
  GtkWidget *lock_button;
  GtkWidget *unlock_button;
  GtkWidget *menu_button;
};

/* desk-window.c: what the lock's file asks of the window. */
/* The passphrase page, the group's pages or the welcome view, as the store is now. */
void     _desk_window_update_group         (DeskWindow     *self);
/* Every page made again, the one shown shown again: what a page read before (names in
 * its models, its editors, its check-in) goes with it. */
void     _desk_window_remake_pages         (DeskWindow     *self);

/* desk-window-lock.c */
/* In class_init: win.lock, win.unlock, win.continue-locked, win.protect, and the
 * header's Lock and Unlock… buttons. */
void     _desk_window_lock_class_init      (GtkWidgetClass *widget_class);
/* In constructed, for a window with a store: follows "protection", watches for idle. */
void     _desk_window_lock_watch           (DeskWindow     *self);
void     _desk_window_lock_dispose         (DeskWindow     *self);
/* The header's buttons and the actions, as the store's protection is now. */
void     _desk_window_update_protection    (DeskWindow     *self);
/* Shows the passphrase page and returns TRUE when the store is locked and the
 * coordinator has not chosen to continue without names; else FALSE, nothing done. */
gboolean _desk_window_show_locked          (DeskWindow     *self);
/* @dialog, the group dialog, is open from the welcome view with "protect names" checked:
 * once it goes with a group made, the protect dialog follows. */
void     _desk_window_protect_after_create (DeskWindow     *self,
                                            GtkWidget      *dialog);

G_END_DECLS
