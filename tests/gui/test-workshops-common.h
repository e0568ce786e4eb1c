/* test-workshops-common.h — the stores, windows and workshops that the Workshops, check-in
 * and People tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include "desk-breakdown-chart.h"
#include "desk-checkin-private.h"
#include "desk-person-merge.h"
#include "desk-people-page.h"
#include "desk-people-page-private.h"
#include "desk-window.h"
#include "desk-workshops-page.h"
#include "desk-workshops-page-private.h"
#include "test-window-common.h"

#include <glib/gstdio.h>
#include <locale.h>

/* The sample group in memory (test-sample-common.h). */
static inline DeskStore *
new_store (void)
{
  return new_sample_store ();
}

static inline GtkWidget *
show_page (DeskWindow *window,
           const char *name)
{
  GtkStack *page_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), DESK_TYPE_WINDOW,
                                                                   "page_stack"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  wait_a_moment (10);

  return gtk_stack_get_child_by_name (page_stack, name);
}

static inline void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* A workshop of the demo's first activity with nobody on its list. */
static inline char *
new_empty_workshop (DeskStore *store)
{
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GPtrArray) activities = desk_store_list (store, DESK_KIND_ACTIVITY,
                                                     desk_record_get_uuid (group), NULL);
  g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (activities->len, >, 0);
  desk_record_set_string (workshop, "activity_uuid",
                          desk_record_get_uuid (g_ptr_array_index (activities, 0)));
  desk_record_set_string (workshop, "title_en", "Community dialogue, Obuasi");
  desk_record_set_string (workshop, "start_date", "2025-06-10");
  desk_record_set_string (workshop, "end_date", "2025-06-10");
  desk_record_set_string (workshop, "town", "Obuasi");
  desk_record_set_string (workshop, "format", "in_person");
  desk_record_set_int (workshop, "planned_participants", 45);
  g_assert_true (desk_store_insert (store, workshop, &error));
  g_assert_no_error (error);

  return g_strdup (desk_record_get_uuid (workshop));
}

static inline gint64
count_attended (DeskStore  *store,
                const char *workshop)
{
  g_autoptr(GPtrArray) entries = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                     workshop, NULL);
  gint64 n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (entries, i), "status"), "attended") == 0)
      n++;

  return n;
}

static inline void
type_and_enter (GtkEditable *entry,
                const char  *text)
{
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
}

/* Types @text and chooses the "Add new person" row, the last one offered, with ↓ as far
 * as it goes and Enter. */
static inline void
type_and_add (DeskCheckin *checkin,
              const char  *text)
{
  GtkEditable *entry = _desk_checkin_get_entry (checkin);
  GtkSingleSelection *matches = _desk_checkin_get_matches (checkin);
  guint n;

  gtk_editable_set_text (entry, text);
  n = g_list_model_get_n_items (G_LIST_MODEL (matches));
  g_assert_cmpuint (n, >, 0);
  gtk_single_selection_set_selected (matches, n - 1);
  g_assert_true (_desk_checkin_is_add_row (gtk_single_selection_get_selected_item (matches)));
  g_signal_emit_by_name (entry, "activate");
}

static inline gboolean
record_exists (DeskStore      *store,
               const DeskKind *kind,
               const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, NULL);

  return record != NULL;
}

/* The text of the attended column's cell for @workshop, or NULL when its row is not
 * shown. */
static inline const char *
find_count_text (GtkWidget  *widget,
                 const char *workshop)
{
  DeskRecord *record = g_object_get_data (G_OBJECT (widget), "record");

  if (GTK_IS_INSCRIPTION (widget) && DESK_IS_RECORD (record) &&
      g_strcmp0 (desk_record_get_uuid (record), workshop) == 0)
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_count_text (child, workshop);

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* The first widget under @widget of @type whose "field" is @field and whose bound record
 * is @record, or NULL. */
static inline GtkWidget *
find_choice_cell (GtkWidget  *widget,
                  GType       type,
                  const char *field,
                  DeskRecord *record)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (widget), "field"), field) == 0 &&
      g_object_get_data (G_OBJECT (widget), "record") == record)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_choice_cell (child, type, field, record);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether an inscription under @widget shows @text. */
static inline gboolean
shows_inscription (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_inscription (child, text))
      return TRUE;

  return FALSE;
}

/* GTK 4.8 on X11 warns when a dialog takes the focus from an entry before the X server
 * (with no window manager) sends the focus-out; nothing is wrong with the code under
 * test. Every other message goes to GLib's writer, which keeps warnings fatal. */
static inline GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Sign-in import on a worker */

/* The database file and its -wal, digested: equal means byte for byte. */
static inline char *
database_digest (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *const files[] = { path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (files[i], &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, (gssize) length);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}
