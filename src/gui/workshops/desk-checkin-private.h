/* desk-checkin-private.h — what the parts of the check-in view share, and what tests
 * reach inside it
 *
 * desk-checkin.c checks people in and keeps the workshop's list; desk-checkin-search.c
 * turns what is typed into the rows to choose from; desk-checkin-invited.c shows who was
 * invited and has not confirmed, and copies the selected people's e-mail addresses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-checkin.h"
#include "desk-breakdown-view.h"

G_BEGIN_DECLS

struct _DeskCheckin
{
  GtkBox parent_instance;

  DeskHistory *history;
  DeskStore *store;
  char *workshop_uuid;
  char *group_uuid;
  DeskRecordModel *people;
  guint people_idle;
  /* Person UUID → DeskAttendee, for everyone on the list. */
  GHashTable *attendee_names;
  /* What the typed text may mean: people (DeskRecord), those of a similar name first,
   * then the one "Add new person" row (a GtkStringObject holding the typed name). */
  GListStore *matches;
  GtkSingleSelection *match_selection;
  /* UUIDs of the people offered for a similar name. */
  GHashTable *similar;
  char *query;
  GListStore *attendees;
  /* The list as shown: everyone, or only the invited (invited_only). */
  GtkFilterListModel *shown_attendees;
  GtkCustomFilter *invited_filter;
  gboolean invited_only;
  GtkMultiSelection *attendee_selection;
  GStrv role_codes;
  GStrv status_codes;
  GtkStringList *role_labels;
  GtkStringList *status_labels;
  DeskBreakdownView *counts;
  guint counts_idle;
  gulong changed_id;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkSearchEntry *entry;
  GtkScrolledWindow *matches_scroller;
  GtkListView *matches_view;
  GtkLabel *status_label;
  GtkLabel *list_heading;
  GtkLabel *invited_label;
  GtkToggleButton *invited_button;
  GtkColumnView *attendee_view;
  AdwBin *counts_bin;
};

/* desk-checkin-search.c */
void                _desk_checkin_search_init     (DeskCheckin *self);
void                _desk_checkin_search_dispose  (DeskCheckin *self);
/* Reads the group's people now, if not yet. */
void                _desk_checkin_ensure_people   (DeskCheckin *self);
/* The template's "changed" handler of the entry. */
void                _desk_checkin_entry_changed_cb (DeskCheckin *self);
/* Whether @item of the matches is the "Add new person" row. */
gboolean            _desk_checkin_is_add_row      (gpointer     item);

/* desk-checkin-invited.c */
void                _desk_checkin_invited_init    (DeskCheckin *self);
void                _desk_checkin_invited_dispose (DeskCheckin *self);
/* The count of people invited and not confirmed, again. */
void                _desk_checkin_update_invited  (DeskCheckin *self);
/* The template's "toggled" handler of the Not Yet Confirmed button. */
void                _desk_checkin_invited_toggled_cb (DeskCheckin *self);
/* The action checkin.copy-emails. */
void                _desk_checkin_copy_emails_activated (GtkWidget  *widget,
                                                         const char *action_name,
                                                         GVariant   *parameter);
/* The action checkin.invite (the Invite button, Alt+Enter in the entry): puts the
 * person picked among the matches on the list as invited. */
void                _desk_checkin_invite_activated (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *parameter);
/* desk-checkin.c: the line under the matches that says what the last action did. */
void                _desk_checkin_set_status      (DeskCheckin *self,
                                                   const char  *text,
                                                   gboolean     error);
/* The UUIDs of the selected entries (@field NULL) or of a field of theirs
 * ("person_uuid"), in the list's order. */
GStrv               _desk_checkin_dup_selected_uuids (DeskCheckin *self,
                                                      const char  *field);
/* The first selected entry of the list (a new reference), or NULL. */
DeskRecord         *_desk_checkin_get_selected    (DeskCheckin *self);

/* desk-checkin.c: Enter, or Ctrl+Enter (@always_new) for a new person. */
void                _desk_checkin_check_in_typed  (DeskCheckin *self,
                                                   gboolean     always_new);

/* For tests */
GtkEditable        *_desk_checkin_get_entry       (DeskCheckin *self);
/* The rows offered for what is typed, the picked one selected: people (DeskRecord),
 * then the "Add new person" row (_desk_checkin_is_add_row). */
GtkSingleSelection *_desk_checkin_get_matches     (DeskCheckin *self);
/* The workshop's list: attendance records, in name order. */
GListModel         *_desk_checkin_get_attendees   (DeskCheckin *self);
DeskBreakdownView  *_desk_checkin_get_counts      (DeskCheckin *self);
/* The line that says what the last Enter did. */
GtkLabel           *_desk_checkin_get_status      (DeskCheckin *self);
/* The list as shown (filtered) and its selection, and the text Copy E-mail Addresses
 * put on the clipboard last (NULL: none yet). */
GtkSelectionModel  *_desk_checkin_get_selection   (DeskCheckin *self);
const char         *_desk_checkin_get_invited_text (DeskCheckin *self);
/* Sets the role or status of the attendance at @position through the history. */
gboolean            _desk_checkin_set_entry_field (DeskCheckin *self,
                                                   guint        position,
                                                   const char  *field,
                                                   const char  *code);

G_END_DECLS
