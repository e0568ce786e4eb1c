/* desk-checkin-invited.c — the check-in's invitations: how many were invited and have
 * not confirmed, the list narrowed to them, and the selected people's e-mail addresses
 * copied for a reminder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-checkin"

#include "config.h"

#include "desk-checkin-private.h"

#include <glib/gi18n.h>

#include "desk-names-locked.h"
#include "desk-toast.h"

#define COPIED_KEY "desk-checkin-copied"

static gboolean
invited_match (gpointer item,
               gpointer user_data)
{
  DeskCheckin *self = user_data;

  return !self->invited_only ||
         g_strcmp0 (desk_record_get_string (item, "status"), "invited") == 0;
}

void
_desk_checkin_invited_init (DeskCheckin *self)
{
  self->invited_filter = gtk_custom_filter_new (invited_match, self, NULL);
  self->shown_attendees = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->attendees)),
                                                     g_object_ref (GTK_FILTER (self->invited_filter)));
  self->attendee_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown_attendees)));
}

void
_desk_checkin_invited_dispose (DeskCheckin *self)
{
  g_clear_object (&self->shown_attendees);
  g_clear_object (&self->invited_filter);
}

void
_desk_checkin_update_invited (DeskCheckin *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  guint invited = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (g_strcmp0 (desk_record_get_string (record, "status"), "invited") == 0)
        invited++;
    }

  /* Translators: beside the heading of a workshop's attendance list. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invited has not confirmed",
                                       "%u invited have not confirmed", invited), invited);
  gtk_label_set_label (self->invited_label, invited > 0 ? text : "");
  /* The filter stays within reach while it is on, even when it shows nobody. */
  gtk_widget_set_visible (GTK_WIDGET (self->invited_button), invited > 0 || self->invited_only);
}

void
_desk_checkin_invited_toggled_cb (DeskCheckin *self)
{
  gboolean only = gtk_toggle_button_get_active (self->invited_button);

  if (only == self->invited_only)
    return;
  self->invited_only = only;
  gtk_filter_changed (GTK_FILTER (self->invited_filter),
                      only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  _desk_checkin_update_invited (self);
}

DeskRecord *
_desk_checkin_get_selected (DeskCheckin *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->attendee_selection));

  if (gtk_bitset_is_empty (selected))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->attendee_selection),
                                gtk_bitset_get_minimum (selected));
}

GStrv
_desk_checkin_dup_selected_uuids (DeskCheckin *self,
                                  const char  *field)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->attendee_selection));
  g_autoptr(GStrvBuilder) uuids = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->attendee_selection),
                                                            position);

      g_strv_builder_add (uuids, field != NULL ? desk_record_get_string (record, field)
                                               : desk_record_get_uuid (record));
    }

  return g_strv_builder_end (uuids);
}

void
_desk_checkin_copy_emails_activated (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  DeskCheckin *self = DESK_CHECKIN (widget);
  g_auto(GStrv) people = _desk_checkin_dup_selected_uuids (self, "person_uuid");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  guint copied;
  guint skipped = 0;

  if (people[0] == NULL)
    {
      desk_toast_show_message (widget, _("Select the people whose e-mail addresses to copy, "
                                         "then try again."));
      return;
    }
  /* Addresses are names: ask to unlock when they are locked. */
  if (!desk_names_ask_unlock (widget, self->store))
    return;

  text = desk_people_dup_emails (self->store, (const char *const *) people, &skipped, &error);
  if (text == NULL)
    {
      desk_toast_show_message (widget, error->message);
      return;
    }

  copied = g_strv_length (people) - skipped;
  if (text[0] == '\0')
    {
      desk_toast_show_message (widget, _("None of the selected people has an e-mail address. "
                                         "Add their addresses on the People page first."));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  g_object_set_data_full (G_OBJECT (self), COPIED_KEY, g_steal_pointer (&text), g_free);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied the address of %u person.",
                                          "Copied the addresses of %u people.", copied),
                             copied);
  if (skipped > 0)
    {
      g_autofree char *copied_text = g_steal_pointer (&message);
      g_autofree char *left_out = NULL;

      left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u selected person has no e-mail address.",
                                               "%u selected people have no e-mail address.",
                                               skipped),
                                  skipped);
      /* Translators: two sentences, one after the other. */
      message = g_strdup_printf (C_("two sentences", "%s %s"), copied_text, left_out);
    }
  desk_toast_show_message (widget, message);
}

void
_desk_checkin_invite_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  DeskCheckin *self = DESK_CHECKIN (widget);
  gpointer picked = gtk_single_selection_get_selected_item (self->match_selection);
  g_autoptr(DeskRecord) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *people[2] = { NULL };
  const char *name;

  if (self->workshop_uuid == NULL)
    return;
  if (picked == NULL || _desk_checkin_is_add_row (picked))
    {
      _desk_checkin_set_status (self, _("Only someone on record can be invited. Type their name, "
                                        "pick them, then choose Invite."), TRUE);
      return;
    }

  name = desk_record_get_string (picked, "name");
  people[0] = desk_record_get_uuid (picked);
  listed = desk_attendance_find (self->store, self->workshop_uuid, people[0]);
  if (listed != NULL)
    {
      /* Translators: inviting someone already on the workshop's list: nothing changes. */
      text = g_strdup_printf (_("%s is on the list already."), name);
      _desk_checkin_set_status (self, text, FALSE);
      return;
    }
  if (!desk_attendance_invite (self->store, self->history, self->workshop_uuid, people, NULL,
                               &error))
    {
      _desk_checkin_set_status (self, error->message, TRUE);
      return;
    }

  /* Translators: after an invitation from the check-in; the person's name. */
  text = g_strdup_printf (_("Invited %s."), name);
  _desk_checkin_set_status (self, text, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* For tests */

GtkSelectionModel *
_desk_checkin_get_selection (DeskCheckin *self)
{
  return GTK_SELECTION_MODEL (self->attendee_selection);
}

const char *
_desk_checkin_get_invited_text (DeskCheckin *self)
{
  return g_object_get_data (G_OBJECT (self), COPIED_KEY);
}
