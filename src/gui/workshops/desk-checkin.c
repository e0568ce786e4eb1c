/* desk-checkin.c
 *
 * Check-in at the door, from the keyboard: type a few letters, ↑/↓ to pick among the
 * people offered (desk-checkin-search.c), Enter to check them in. A new person is added
 * only from the explicit "Add new person" row or with Ctrl+Enter, never because a name
 * was misspelt (desk_attendance_check_in_person, one transaction, with only their name,
 * to complete later). The entry is cleared and keeps the focus, ready for the next name.
 *
 * Every check-in goes through the history, so one Ctrl+Z takes it back: someone already
 * known is an insert or an update of their attendance, a new person and their attendance
 * one group. So do changes of role and status. The list follows the store item by item,
 * so a change of one row does not rebuild the others.
 *
 * The list shows its people from one core query of their names and organisations
 * (desk_attendance_list_attendees): opening the view reads the few hundred people on the
 * list, not the thousands of the group. Those the entry searches are read after the
 * view's first frame, or at the first letter typed if that comes sooner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-checkin"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "desk-checkin.h"
#include "desk-a11y.h"
#include "desk-checkin-private.h"

#include "desk-breakdown-view.h"
#include "desk-reason-dialog.h"
#include "desk-record-editor.h"
#include "desk-widget-util.h"

G_DEFINE_FINAL_TYPE (DeskCheckin, desk_checkin, GTK_TYPE_BOX)

/* Helpers */

static DeskAttendee *
attendee_of (DeskCheckin *self,
             DeskRecord  *attendance)
{
  const char *person_uuid = desk_record_get_string (attendance, "person_uuid");

  if (self->attendee_names == NULL || person_uuid == NULL)
    return NULL;

  return g_hash_table_lookup (self->attendee_names, person_uuid);
}

/* Reads @person_uuid's name again, or for the first time. */
static void
refresh_attendee (DeskCheckin *self,
                  const char  *person_uuid)
{
  DeskAttendee *attendee;

  if (self->attendee_names == NULL || person_uuid == NULL)
    return;

  attendee = desk_attendance_get_attendee (self->store, person_uuid);
  if (attendee != NULL)
    g_hash_table_replace (self->attendee_names, attendee->person_uuid, attendee);
  else
    g_hash_table_remove (self->attendee_names, person_uuid);
}

static int
compare_attendance (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  DeskCheckin *self = user_data;
  DeskAttendee *pa = attendee_of (self, (DeskRecord *) a);
  DeskAttendee *pb = attendee_of (self, (DeskRecord *) b);
  int cmp;

  cmp = g_strcmp0 (pa != NULL ? pa->name_key : NULL, pb != NULL ? pb->name_key : NULL);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (desk_record_get_uuid ((DeskRecord *) a), desk_record_get_uuid ((DeskRecord *) b));
}

static int
compare_attendance_ptr (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  return compare_attendance (*(DeskRecord **) a, *(DeskRecord **) b, user_data);
}

static gboolean
find_attendance (DeskCheckin *self,
                 const char  *uuid,
                 guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (g_str_equal (desk_record_get_uuid (record), uuid))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_heading (DeskCheckin *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  g_autofree char *text = NULL;

  /* Translators: the heading of a workshop's attendance list. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On the List: %u Person",
                                       "On the List: %u People", n), n);
  gtk_label_set_label (self->list_heading, text);
  _desk_checkin_update_invited (self);
}

/* The labels of an attendance's @field choices, in order, and their codes in @codes. */
static GtkStringList *
load_choices (DeskStore   *store,
              const char  *field,
              char      ***codes)
{
  g_autoptr(GPtrArray) choices = desk_reference_choices (store, DESK_KIND_ATTENDANCE, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (labels, choice->label);
      g_strv_builder_add (builder, choice->code);
    }
  *codes = g_strv_builder_end (builder);

  return labels;
}

static void
update_counts (DeskCheckin *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->counts_idle, g_source_remove);
  if (self->store == NULL || self->workshop_uuid == NULL)
    return;

  if (!desk_breakdown_view_update (self->counts, self->store, NULL, self->workshop_uuid, NULL, NULL, &error))
    g_warning ("Could not count the attendance: %s", error->message);
}

static void
queue_counts (DeskCheckin *self)
{
  desk_schedule_once (&self->counts_idle, G_PRIORITY_DEFAULT, 0, (DeskOnceFunc) update_counts, self);
}

static void
reload_attendees (DeskCheckin *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->attendee_names, g_hash_table_unref);
  if (self->store != NULL && self->workshop_uuid != NULL)
    {
      records = desk_store_list_by (self->store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                    self->workshop_uuid, NULL);
      self->attendee_names = desk_attendance_list_attendees (self->store, self->workshop_uuid, &error);
      if (self->attendee_names == NULL)
        g_warning ("Could not read the names on the list: %s", error->message);
    }
  if (records != NULL)
    g_ptr_array_sort_with_data (records, compare_attendance_ptr, self);

  /* One splice, so that the list's rows are rebound rather than made again. */
  g_list_store_splice (self->attendees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)),
                       records != NULL ? records->pdata : NULL, records != NULL ? records->len : 0);
  update_heading (self);
  update_counts (self);
}

static void
set_status (DeskCheckin *self,
            const char  *text,
            gboolean     error)
{
  gtk_label_set_label (self->status_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

void
_desk_checkin_set_status (DeskCheckin *self,
                          const char  *text,
                          gboolean     error)
{
  set_status (self, text, error);
}

/* After a check-in changed someone's entry (a reported workshop's asks for a reason
 * first): @user_data is their name. */
static void
entry_checked_in_cb (GtkWidget    *widget,
                     const GError *error,
                     gpointer      user_data)
{
  g_autofree char *name = user_data;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      set_status (DESK_CHECKIN (widget), error->message, TRUE);
      return;
    }

  /* Translators: after a check-in; the person's name. */
  text = g_strdup_printf (_("Checked in %s."), name);
  set_status (DESK_CHECKIN (widget), text, FALSE);
}

/* After a role or status changed, at once or once its reason was given. */
static void
entry_changed_cb (GtkWidget    *widget,
                  const GError *error,
                  gpointer      user_data)
{
  if (error != NULL)
    set_status (DESK_CHECKIN (widget), error->message, TRUE);
}

/* Checks in someone the database knows, through the history so that Ctrl+Z undoes it. */
static gboolean
check_in_known (DeskCheckin *self,
                DeskRecord  *person)
{
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *name = desk_record_get_string (person, "name");

  entry = desk_attendance_find (self->store, self->workshop_uuid, desk_record_get_uuid (person));
  if (entry != NULL && g_strcmp0 (desk_record_get_string (entry, "status"), "attended") == 0)
    {
      /* Translators: check-in of someone already checked in: nothing changes. */
      text = g_strdup_printf (_("%s is already checked in."), name);
      set_status (self, text, FALSE);
      return TRUE;
    }

  if (entry != NULL)
    {
      g_autoptr(DeskRecord) copy = desk_record_copy (entry);

      desk_record_set_string (copy, "status", "attended");
      /* The status follows, from the callback. */
      desk_reason_update (GTK_WIDGET (self), self->history, copy, entry_checked_in_cb, g_strdup (name));
      return TRUE;
    }
  else
    {
      g_autoptr(DeskRecord) record = desk_record_new (DESK_KIND_ATTENDANCE);

      desk_record_set_group (record, self->group_uuid);
      desk_record_set_string (record, "workshop_uuid", self->workshop_uuid);
      desk_record_set_string (record, "person_uuid", desk_record_get_uuid (person));
      desk_record_set_string (record, "role", "participant");
      desk_record_set_string (record, "status", "attended");
      if (!desk_history_insert (self->history, record, &error))
        {
          set_status (self, error->message, TRUE);
          return FALSE;
        }
    }

  /* Translators: after a check-in; the person's name. */
  text = g_strdup_printf (_("Checked in %s."), name);
  set_status (self, text, FALSE);
  return TRUE;
}

/* A name typed, that turned out to be someone's already (spelled otherwise): @entry, which
 * core wrote inside the group just cancelled, is written again as the check-in of someone
 * known, which the history can take back. */
static gboolean
check_in_matched (DeskCheckin *self,
                  DeskRecord  *entry,
                  const char  *name)
{
  g_autoptr(DeskRecord) person = NULL;
  g_autoptr(DeskRecord) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  person = desk_store_get (self->store, DESK_KIND_PERSON, desk_record_get_string (entry, "person_uuid"), &error);
  if (person == NULL)
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }

  listed = desk_attendance_find (self->store, self->workshop_uuid, desk_record_get_uuid (person));
  if (!check_in_known (self, person))
    return FALSE;

  /* Someone checked in already keeps check_in_known's word for it. */
  if (listed == NULL || g_strcmp0 (desk_record_get_string (listed, "status"), "attended") != 0)
    {
      /* Translators: a typed name turned out to be someone already known. */
      text = g_strdup_printf (_("Checked in %s, who was already known."), name);
      set_status (self, text, FALSE);
    }
  return TRUE;
}

/* A name nobody has: core finds or creates the person and checks them in at once, in a
 * group of the history, so that one Ctrl+Z takes back the person and their entry. */
static gboolean
check_in_new (DeskCheckin *self,
              const char  *name)
{
  g_autoptr(DeskRecord) person = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  gboolean matched = FALSE;

  desk_record_set_group (person, self->group_uuid);
  desk_record_set_string (person, "name", name);
  desk_record_set_string (person, "gender", "not_stated");
  desk_record_set_int (person, "consent_named", 0);

  /* Translators: the name of one step of the undo history (Ctrl+Z); the person's name. */
  label = g_strdup_printf (_("Added and checked in “%s”"), name);
  if (!desk_history_begin_group (self->history, label, &error))
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }

  entry = desk_attendance_check_in_person (self->store, self->workshop_uuid, person, &matched, &error);
  if (entry != NULL && matched)
    {
      desk_history_cancel_group (self->history);
      return check_in_matched (self, entry, name);
    }

  /* The person is new: noting them notes their entry too, which goes with them. */
  if (entry == NULL ||
      !desk_history_note_insert (self->history, DESK_KIND_PERSON, desk_record_get_uuid (person), &error))
    {
      desk_history_cancel_group (self->history);
      set_status (self, error->message, TRUE);
      return FALSE;
    }
  if (!desk_history_end_group (self->history, &error))
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }

  /* Translators: a typed name was added as a new person and checked in. */
  text = g_strdup_printf (_("Added %s as a new person and checked them in. Complete their details on the People page."),
                          name);
  set_status (self, text, FALSE);
  return TRUE;
}

void
_desk_checkin_check_in_typed (DeskCheckin *self,
                              gboolean     always_new)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gpointer picked = NULL;
  gboolean done;

  g_strstrip (name);
  if (self->workshop_uuid == NULL || desk_text_is_blank (name))
    return;

  if (!always_new)
    picked = gtk_single_selection_get_selected_item (self->match_selection);

  if (always_new || _desk_checkin_is_add_row (picked))
    done = check_in_new (self, name);
  else if (picked != NULL)
    done = check_in_known (self, picked);
  else
    {
      g_autofree char *text = NULL;

      /* Translators: Enter on a name that matches nobody: nothing is added until the
       * "Add new person" row is chosen. */
      text = g_strdup_printf (_("Nobody on record is called “%s”. To add them, choose "
                                "“Add new person” (↓ then Enter) or press Ctrl+Enter."), name);
      set_status (self, text, FALSE);
      done = FALSE;
    }

  if (done)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static gboolean
set_entry_field (DeskCheckin *self,
                 const char  *uuid,
                 const char  *field,
                 const char  *code)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  record = desk_store_get (self->store, DESK_KIND_ATTENDANCE, uuid, NULL);
  if (record == NULL || g_strcmp0 (desk_record_get_string (record, field), code) == 0)
    return record != NULL;

  copy = desk_record_copy (record);
  desk_record_set_string (copy, field, code);
  desk_reason_update (GTK_WIDGET (self), self->history, copy, entry_changed_cb, NULL);

  return TRUE;
}

static int
code_index (GStrv       codes,
            const char *code)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return (int) i;

  return -1;
}

/* Callbacks */

static void
entry_activated_cb (DeskCheckin *self)
{
  _desk_checkin_check_in_typed (self, FALSE);
}

static void
match_activated_cb (DeskCheckin *self,
                    guint        position)
{
  gtk_single_selection_set_selected (self->match_selection, position);
  _desk_checkin_check_in_typed (self, FALSE);
}

static void
store_changed_cb (DeskStore   *store,
                  const char  *kind,
                  const char  *uuid,
                  DeskCheckin *self)
{
  if (self->workshop_uuid == NULL)
    return;

  if (g_str_equal (kind, "attendance"))
    {
      g_autoptr(DeskRecord) fresh = desk_store_get (store, DESK_KIND_ATTENDANCE, uuid, NULL);
      gboolean ours = fresh != NULL && g_strcmp0 (desk_record_get_string (fresh, "workshop_uuid"),
                                                  self->workshop_uuid) == 0;
      guint position;

      if (find_attendance (self, uuid, &position))
        {
          if (ours)
            g_list_store_splice (self->attendees, position, 1, (gpointer *) &fresh, 1);
          else
            g_list_store_remove (self->attendees, position);
        }
      else if (ours)
        {
          if (attendee_of (self, fresh) == NULL)
            refresh_attendee (self, desk_record_get_string (fresh, "person_uuid"));
          g_list_store_insert_sorted (self->attendees, fresh, compare_attendance, self);
        }
      update_heading (self);
      queue_counts (self);
    }
  else if (g_str_equal (kind, "person") || g_str_equal (kind, "member"))
    {
      /* A name, gender or pillar changed: show it, and count again. A member's name may
       * be the organisation of any of them. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
      gboolean member = g_str_equal (kind, "member");
      g_autoptr(GError) error = NULL;

      if (member)
        {
          g_clear_pointer (&self->attendee_names, g_hash_table_unref);
          self->attendee_names = desk_attendance_list_attendees (store, self->workshop_uuid, &error);
          if (self->attendee_names == NULL)
            g_warning ("Could not read the names on the list: %s", error->message);
        }
      else if (self->attendee_names != NULL && g_hash_table_contains (self->attendee_names, uuid))
        {
          refresh_attendee (self, uuid);
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

          if (member || g_strcmp0 (desk_record_get_string (record, "person_uuid"), uuid) == 0)
            g_list_model_items_changed (G_LIST_MODEL (self->attendees), i, 1, 1);
        }
      queue_counts (self);
    }
}



static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DeskCheckin              *self)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 10);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 24);
  gtk_list_item_set_child (item, label);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DeskCheckin              *self)
{
  DeskAttendee *attendee = attendee_of (self, gtk_list_item_get_item (item));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            attendee != NULL ? attendee->name : NULL);
}

static void
organisation_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      DeskCheckin              *self)
{
  DeskAttendee *attendee = attendee_of (self, gtk_list_item_get_item (item));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            attendee != NULL ? attendee->organisation : NULL);
}

static void
choice_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    DeskCheckin *self)
{
  const char *field = g_object_get_data (G_OBJECT (dropdown), "field");
  const char *uuid = g_object_get_data (G_OBJECT (dropdown), "uuid");
  GStrv codes = g_str_equal (field, "role") ? self->role_codes : self->status_codes;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (uuid == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (codes))
    return;

  /* The write replaces the row's record, and its row gives way to a new one with a plain
   * cell: the drop-down, still inside its own notification, lives until the next idle. */
  g_object_ref (dropdown);
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, dropdown);
  set_entry_field (self, uuid, field, codes[selected]);
}

/* A role or status cell is an inscription until it is used: a drop-down a row (a button,
 * its label, its arrow, its popover and the popover's list) made 500 rows cost most of
 * the view's first frame. A click turns the cell into a drop-down, opened at once, and
 * the row keeps it. The keyboard cycles the value from the list (Alt+R, Alt+S). */

static void
choice_show (DeskCheckin *self,
             GtkWidget   *cell)
{
  const char *field = g_object_get_data (G_OBJECT (cell), "field");
  DeskRecord *record = g_object_get_data (G_OBJECT (cell), "record");
  GStrv codes = g_str_equal (field, "role") ? self->role_codes : self->status_codes;
  GtkStringList *labels = g_str_equal (field, "role") ? self->role_labels : self->status_labels;
  int index = record != NULL ? code_index (codes, desk_record_get_string (record, field)) : -1;

  if (GTK_IS_DROP_DOWN (cell))
    {
      /* Binding shows the value; only the user's choice writes. */
      g_object_set_data (G_OBJECT (cell), "uuid", NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
      if (record != NULL)
        g_object_set_data_full (G_OBJECT (cell), "uuid", g_strdup (desk_record_get_uuid (record)), g_free);
      return;
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (cell),
                            index >= 0 ? gtk_string_list_get_string (labels, (guint) index) : NULL);
}

static void
choice_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DeskCheckin     *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "item");
  const char *field = g_object_get_data (G_OBJECT (cell), "field");
  GtkStringList *labels = g_str_equal (field, "role") ? self->role_labels : self->status_labels;
  GtkWidget *dropdown;

  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return;

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  g_object_set_data (G_OBJECT (dropdown), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (dropdown), "record", gtk_list_item_get_item (item));
  gtk_widget_add_css_class (dropdown, "flat");
  desk_a11y_name_drop_down (dropdown, g_str_equal (field, "role") ? _("Role") : _("Attendance status"));
  choice_show (self, dropdown);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_selected_cb), self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* The inscription holds the gesture that is running: it lives until the next idle. */
  g_object_ref (cell);
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, cell);
  gtk_list_item_set_child (item, dropdown);
  g_signal_emit_by_name (dropdown, "activate");
}

static void
choice_setup (GtkListItem *item,
              DeskCheckin *self,
              const char  *field)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 8);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (cell, "desk-choice-cell");
  g_object_set_data (G_OBJECT (cell), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (cell), "item", item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_str_equal (field, "role") ? _("Role") : _("Attendance status"), -1);
  g_signal_connect (click, "pressed", G_CALLBACK (choice_pressed_cb), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, cell);
}

static void
role_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DeskCheckin              *self)
{
  choice_setup (item, self, "role");
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DeskCheckin              *self)
{
  choice_setup (item, self, "status");
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DeskCheckin              *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (cell), "record", gtk_list_item_get_item (item));
  choice_show (self, cell);
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DeskCheckin              *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (cell), "uuid", NULL);
  g_object_set_data (G_OBJECT (cell), "record", NULL);
}

static GtkColumnViewColumn *
add_column (DeskCheckin *self,
            const char  *title,
            GCallback    setup,
            GCallback    bind,
            gboolean     expand)
{
  GtkColumnViewColumn *column = desk_column_view_append (self->attendee_view, title, setup, bind, self,
                                                         0, expand);

  if (setup == G_CALLBACK (role_setup_cb) || setup == G_CALLBACK (status_setup_cb))
    g_signal_connect (gtk_column_view_column_get_factory (column), "unbind", G_CALLBACK (choice_unbind_cb), self);

  return column;
}

/* Cycles the role or status of the selected row: Alt+R and Alt+S, from the list. */
static void
cycle_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DeskCheckin *self = DESK_CHECKIN (widget);
  g_autoptr(DeskRecord) record = _desk_checkin_get_selected (self);
  const char *field = g_str_equal (action_name, "checkin.cycle-role") ? "role" : "status";
  GStrv codes = g_str_equal (field, "role") ? self->role_codes : self->status_codes;
  int index;

  if (record == NULL || codes == NULL)
    return;

  index = code_index (codes, desk_record_get_string (record, field));
  set_entry_field (self, desk_record_get_uuid (record), field,
                   codes[(guint) (index + 1) % g_strv_length (codes)]);
}

/* The entries selected for removal. */
typedef struct
{
  DeskHistory *history;
  GStrv uuids;
} Removal;

static void
removal_free (Removal *removal)
{
  g_clear_object (&removal->history);
  g_strfreev (removal->uuids);
  g_free (removal);
}

/* Everyone selected goes, in one step that one Ctrl+Z takes back; a reported workshop's
 * entries go with the one reason asked for them all. */
static gboolean
remove_with (const char  *reason,
             gpointer     user_data,
             GError     **error)
{
  Removal *removal = user_data;

  if (!desk_history_begin_group (removal->history, NULL, error))
    return FALSE;
  for (guint i = 0; removal->uuids[i] != NULL; i++)
    {
      gboolean deleted;

      if (reason != NULL)
        deleted = desk_history_delete_with_reason (removal->history, DESK_KIND_ATTENDANCE,
                                                   removal->uuids[i], reason, error);
      else
        deleted = desk_history_delete (removal->history, DESK_KIND_ATTENDANCE, removal->uuids[i], error);
      if (!deleted)
        {
          desk_history_cancel_group (removal->history);
          return FALSE;
        }
    }

  return desk_history_end_group (removal->history, error);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskCheckin *self = DESK_CHECKIN (widget);
  Removal *removal;

  removal = g_new0 (Removal, 1);
  removal->uuids = _desk_checkin_dup_selected_uuids (self, NULL);
  if (removal->uuids[0] == NULL)
    {
      removal_free (removal);
      return;
    }
  removal->history = g_object_ref (self->history);

  desk_reason_write (widget, DESK_REASON_DELETE, remove_with, removal, (GDestroyNotify) removal_free,
                     entry_changed_cb, NULL);
}

static void
focus_entry_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  desk_checkin_focus_entry (DESK_CHECKIN (widget));
}

/* Overrides */

static void
desk_checkin_dispose (GObject *object)
{
  DeskCheckin *self = (DeskCheckin *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->counts_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_CHECKIN);

  _desk_checkin_search_dispose (self);
  _desk_checkin_invited_dispose (self);
  g_clear_object (&self->attendee_selection);
  g_clear_object (&self->attendees);
  g_clear_pointer (&self->attendee_names, g_hash_table_unref);
  g_clear_object (&self->role_labels);
  g_clear_object (&self->status_labels);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_checkin_parent_class)->dispose (object);
}

static void
desk_checkin_finalize (GObject *object)
{
  DeskCheckin *self = (DeskCheckin *) object;

  g_free (self->workshop_uuid);
  g_free (self->group_uuid);
  g_free (self->query);
  g_strfreev (self->role_codes);
  g_strfreev (self->status_codes);

  G_OBJECT_CLASS (desk_checkin_parent_class)->finalize (object);
}

static void
desk_checkin_class_init (DeskCheckinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_checkin_dispose;
  object_class->finalize = desk_checkin_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-checkin.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, entry);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, matches_scroller);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, matches_view);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, status_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, list_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, invited_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, invited_button);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, attendee_view);
  gtk_widget_class_bind_template_child (widget_class, DeskCheckin, counts_bin);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_changed_cb",
                                                G_CALLBACK (_desk_checkin_entry_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, match_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "invited_toggled_cb",
                                                G_CALLBACK (_desk_checkin_invited_toggled_cb));

  gtk_widget_class_install_action (widget_class, "checkin.cycle-role", NULL, cycle_activated);
  gtk_widget_class_install_action (widget_class, "checkin.cycle-status", NULL, cycle_activated);
  gtk_widget_class_install_action (widget_class, "checkin.remove", NULL, remove_activated);
  gtk_widget_class_install_action (widget_class, "checkin.focus-entry", NULL, focus_entry_activated);
  gtk_widget_class_install_action (widget_class, "checkin.copy-emails", NULL,
                                   _desk_checkin_copy_emails_activated);
  gtk_widget_class_install_action (widget_class, "checkin.invite", NULL,
                                   _desk_checkin_invite_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_ALT_MASK, "checkin.cycle-role", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK, "checkin.cycle-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "checkin.focus-entry", NULL);
}

static void
desk_checkin_init (DeskCheckin *self)
{
  GtkShortcutController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  _desk_checkin_search_init (self);

  self->attendees = g_list_store_new (DESK_TYPE_RECORD);
  /* Several people can be selected, for Copy E-mail Addresses; the list can show only
   * those invited and not confirmed. */
  _desk_checkin_invited_init (self);
  gtk_column_view_set_model (self->attendee_view, GTK_SELECTION_MODEL (self->attendee_selection));

  /* Delete takes the selected person off the list (Ctrl+Z puts them back). */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("checkin.remove")));
  gtk_widget_add_controller (GTK_WIDGET (self->attendee_view), GTK_EVENT_CONTROLLER (shortcuts));

  self->counts = DESK_BREAKDOWN_VIEW (desk_breakdown_view_new (TRUE));
  adw_bin_set_child (self->counts_bin, GTK_WIDGET (self->counts));
  update_heading (self);
}

/* Public API */

GtkWidget *
desk_checkin_new (DeskHistory *history)
{
  DeskCheckin *self;

  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);

  self = g_object_new (DESK_TYPE_CHECKIN, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (desk_history_get_store (history));
  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);

  self->role_labels = load_choices (self->store, "role", &self->role_codes);
  self->status_labels = load_choices (self->store, "status", &self->status_codes);

  add_column (self, C_("column", "Name"), G_CALLBACK (name_setup_cb), G_CALLBACK (name_bind_cb), TRUE);
  add_column (self, C_("column", "Organisation"), G_CALLBACK (name_setup_cb),
              G_CALLBACK (organisation_bind_cb), TRUE);
  add_column (self, C_("column", "Role"), G_CALLBACK (role_setup_cb), G_CALLBACK (choice_bind_cb), FALSE);
  add_column (self, C_("column", "Status"), G_CALLBACK (status_setup_cb), G_CALLBACK (choice_bind_cb), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attendee_view),
                               _("Alt+R changes the role of the selected person, Alt+S their status; "
                                 "Delete takes them off the list"));

  return GTK_WIDGET (self);
}

void
desk_checkin_set_workshop (DeskCheckin *self,
                           const char  *workshop_uuid)
{
  g_autoptr(DeskRecord) workshop = NULL;

  g_return_if_fail (DESK_IS_CHECKIN (self));

  if (workshop_uuid != NULL)
    workshop = desk_store_get (self->store, DESK_KIND_WORKSHOP, workshop_uuid, NULL);

  g_free (self->workshop_uuid);
  self->workshop_uuid = workshop != NULL ? g_strdup (workshop_uuid) : NULL;

  if (workshop != NULL && g_strcmp0 (self->group_uuid, desk_record_get_group (workshop)) != 0)
    {
      g_free (self->group_uuid);
      self->group_uuid = g_strdup (desk_record_get_group (workshop));
      g_clear_object (&self->people);
      /* After the view's first frame: low priority comes after the frame clock's paint. */
      desk_schedule_once (&self->people_idle, G_PRIORITY_LOW, 0,
                          (DeskOnceFunc) _desk_checkin_ensure_people, self);
    }

  if (workshop != NULL)
    {
      g_autofree char *date = desk_date_format (desk_record_get_string (workshop, "start_date"));
      const char *town = desk_record_get_string (workshop, "town");
      g_autofree char *subtitle = NULL;

      gtk_label_set_label (self->title_label, desk_record_title (workshop, "title", NULL));
      if (town != NULL && town[0] != '\0')
        /* Translators: a workshop's date and town: “12 March 2026 · Tarkwa”. */
        subtitle = g_strdup_printf (C_("workshop place", "%s · %s"), date, town);
      gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : date);
    }
  else
    {
      gtk_label_set_label (self->title_label, NULL);
      gtk_label_set_label (self->subtitle_label, NULL);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  set_status (self, NULL, FALSE);
  reload_attendees (self);
}

const char *
desk_checkin_get_workshop (DeskCheckin *self)
{
  g_return_val_if_fail (DESK_IS_CHECKIN (self), NULL);

  return self->workshop_uuid;
}

void
desk_checkin_focus_entry (DeskCheckin *self)
{
  g_return_if_fail (DESK_IS_CHECKIN (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Private API, for tests */

GtkEditable *
_desk_checkin_get_entry (DeskCheckin *self)
{
  return GTK_EDITABLE (self->entry);
}

GtkSingleSelection *
_desk_checkin_get_matches (DeskCheckin *self)
{
  return self->match_selection;
}

GListModel *
_desk_checkin_get_attendees (DeskCheckin *self)
{
  return G_LIST_MODEL (self->attendees);
}

DeskBreakdownView *
_desk_checkin_get_counts (DeskCheckin *self)
{
  return self->counts;
}

GtkLabel *
_desk_checkin_get_status (DeskCheckin *self)
{
  return self->status_label;
}

gboolean
_desk_checkin_set_entry_field (DeskCheckin *self,
                               guint        position,
                               const char  *field,
                               const char  *code)
{
  g_autoptr(DeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);

  return record != NULL && set_entry_field (self, desk_record_get_uuid (record), field, code);
}
