/* desk-evidence-group.c — a record's attached files, in its editor
 *
 * One row a file: a thumbnail (made on a worker, one file at a time, after the rows are
 * shown, so that a record with twenty files opens at once), the name, size and date, and
 * when expanded the caption and the “contains personal data” switch; Open, Save As and
 * Remove beside it. Files are added on a worker through DeskJob, so that copying 50 MB
 * into the database never holds the window.
 *
 * Remove hides the row and shows a toast with Undo; the attachment is removed only when
 * that toast goes without Undo, when another record is shown, or when the section goes.
 * Attachments are not records of the history (core keeps them beside it), so Ctrl+Z does
 * not reach them: the toast's Undo is the way back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-evidence-group"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-evidence-group.h"
#include "desk-a11y.h"
#include "desk-evidence-group-private.h"

#include "desk-evidence-copy.h"
#include "desk-file-chooser.h"
#include "desk-job.h"
#include "desk-names-locked.h"
#include "desk-thumbnail.h"
#include "desk-toast.h"
#include "desk-widget-util.h"

/* The size a thumbnail is shown at, in logical pixels. */
#define THUMB_SHOWN 48

typedef struct
{
  char *uuid;
  char *name;
  char *media_type;
  GtkWidget *row;           /* AdwExpanderRow, owned by the group */
  GtkWidget *image;
  AdwEntryRow *caption_row;
  GtkSwitch *personal_switch;
  GtkWidget *open_button;
  GtkWidget *save_button;
  DeskSeal seal;            /* a personal file's, where names are protected */
  gboolean updating;
  gboolean has_thumbnail;
} FileRow;

/* A removal waiting for its toast to go. */
typedef struct
{
  DeskEvidenceGroup *self;
  char *uuid;
  char *owner_uuid;
  AdwToast *toast;          /* not held: NULL once it is gone */
} Pending;

struct _DeskEvidenceGroup
{
  AdwPreferencesGroup parent_instance;

  DeskStore *store;
  const DeskKind *kind;
  char *owner_uuid;

  GtkWidget *add_button;
  gboolean read_only;       /* another group's files, from its bundle: shown only */
  GtkWidget *empty_label;
  GtkLabel *error_label;

  GPtrArray *rows;          /* FileRow, in the order shown */
  GHashTable *pending;      /* attachment UUID → Pending */
  char *save_uuid;          /* the attachment “Save As…” asked a file for */

  /* Thumbnails: one at a time, for the record shown (cancelled for another). */
  GCancellable *cancellable;
  GQueue thumb_queue;       /* attachment UUIDs */
  gboolean thumb_running;
  guint thumb_idle;

  guint jobs_running;
  gboolean disposed;
};

static void sync_rows (DeskEvidenceGroup *self);
static void clear_rows (DeskEvidenceGroup *self);

G_DEFINE_FINAL_TYPE (DeskEvidenceGroup, desk_evidence_group, ADW_TYPE_PREFERENCES_GROUP)

static void start_next_thumbnail (DeskEvidenceGroup *self);

/* Helpers */

static void
file_row_free (gpointer data)
{
  FileRow *row = data;

  g_free (row->uuid);
  g_free (row->name);
  g_free (row->media_type);
  g_free (row);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->uuid);
  g_free (pending->owner_uuid);
  g_free (pending);
}

static FileRow *
find_row (DeskEvidenceGroup *self,
          const char        *uuid)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      FileRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->uuid, uuid) == 0)
        return row;
    }

  return NULL;
}

static void
show_error (DeskEvidenceGroup *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_empty (DeskEvidenceGroup *self)
{
  gtk_widget_set_visible (self->empty_label,
                          self->owner_uuid != NULL && _desk_evidence_group_count_shown (self) == 0);
}

/* What a damaged personal file's row says, and why it does nothing. */
static const char *
damaged_text (void)
{
  return _("This file cannot be read: the database was changed outside Groupdesk. Remove it "
           "and attach the file again.");
}

/* What the row says under the name: the caption, then the size and the date added. */
static char *
dup_subtitle (const DeskAttachment *attachment)
{
  g_autofree char *size = g_format_size ((guint64) MAX (attachment->size, 0));
  g_autofree char *added = desk_date_format_timestamp (attachment->added);
  g_autofree char *line = NULL;

  /* Translators: a file's size and when it was attached: “1.2 MB · 5 Mar 2026, 14:05”. */
  line = g_strdup_printf (_("%s · %s"), size, added != NULL ? added : "");
  if (attachment->seal == DESK_SEAL_DAMAGED)
    return g_markup_printf_escaped ("%s\n%s",
                                    damaged_text (),
                                    line);
  if (attachment->caption != NULL && attachment->caption[0] != '\0')
    return g_markup_printf_escaped ("%s\n%s", attachment->caption, line);

  return g_markup_escape_text (line, -1);
}

/* The store heard of it: the owner's list cells (the “No evidence” pill) follow. */
static void
announce_owner (DeskEvidenceGroup *self,
                const char        *owner_uuid)
{
  if (owner_uuid != NULL && !self->disposed)
    desk_store_announce_change (self->store, self->kind, owner_uuid);
}

/* Removals */

static void pending_toast_dismissed_cb (AdwToast *toast, DeskEvidenceGroup *self);
static void pending_toast_undo_cb (AdwToast *toast, DeskEvidenceGroup *self);
static void commit_removal (DeskEvidenceGroup *self, const char *uuid, gboolean dismiss);

static void
pending_toast_finalized_cb (gpointer  data,
                            GObject  *where_the_object_was)
{
  Pending *pending = data;
  g_autoptr(DeskEvidenceGroup) self = g_object_ref (pending->self);
  g_autofree char *uuid = g_strdup (pending->uuid);

  /* A toast that was never shown (no overlay) or is gone without a word. */
  pending->toast = NULL;
  commit_removal (self, uuid, FALSE);
  if (!self->disposed)
    update_empty (self);
}

/* Takes @uuid's removal out of the waiting ones, letting go of its toast, which is
 * dismissed when @dismiss (never from the toast's own signals: it is on its way). */
static Pending *
steal_pending (DeskEvidenceGroup *self,
               const char        *uuid,
               gboolean           dismiss)
{
  Pending *pending = NULL;
  char *key = NULL;

  if (!g_hash_table_steal_extended (self->pending, uuid, (gpointer *) &key, (gpointer *) &pending))
    return NULL;
  g_free (key);

  if (pending->toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&pending->toast);

      g_object_weak_unref (G_OBJECT (toast), pending_toast_finalized_cb, pending);
      g_signal_handlers_disconnect_by_func (toast, pending_toast_dismissed_cb, self);
      g_signal_handlers_disconnect_by_func (toast, pending_toast_undo_cb, self);
      if (dismiss)
        adw_toast_dismiss (toast);
    }

  return pending;
}

static void
remove_row (DeskEvidenceGroup *self,
            const char        *uuid)
{
  FileRow *row = find_row (self, uuid);

  if (row == NULL)
    return;

  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row->row);
  g_ptr_array_remove (self->rows, row);
}

static void
commit_removal (DeskEvidenceGroup *self,
                const char        *uuid,
                gboolean           dismiss)
{
  Pending *pending = steal_pending (self, uuid, dismiss);
  g_autoptr(GError) error = NULL;

  if (pending == NULL)
    return;

  /* Gone already with its record (a cascade) is no failure. */
  if (!desk_attachment_remove (self->store, pending->uuid, &error) &&
      !g_error_matches (error, DESK_ERROR, DESK_ERROR_NOT_FOUND))
    {
      g_warning ("Could not remove attachment %s: %s", pending->uuid, error->message);
      if (!self->disposed)
        show_error (self, error->message);
    }
  if (!self->disposed)
    {
      remove_row (self, pending->uuid);
      announce_owner (self, pending->owner_uuid);
    }
  pending_free (pending);
}

static void
pending_toast_dismissed_cb (AdwToast          *toast,
                            DeskEvidenceGroup *self)
{
  g_autofree char *uuid = g_strdup (g_object_get_data (G_OBJECT (toast), "desk-uuid"));

  commit_removal (self, uuid, FALSE);
  if (!self->disposed)
    update_empty (self);
}

static void
pending_toast_undo_cb (AdwToast          *toast,
                       DeskEvidenceGroup *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "desk-uuid");
  Pending *pending = steal_pending (self, uuid, FALSE);
  FileRow *row;

  if (pending == NULL)
    return;

  if ((row = find_row (self, pending->uuid)) != NULL)
    gtk_widget_set_visible (row->row, TRUE);
  pending_free (pending);
  update_empty (self);
}

/* Thumbnails: one at a time, after the rows are drawn. */

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskEvidenceGroup) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  FileRow *row;

  texture = desk_thumbnail_load_finish (result, &error);
  /* Cancelled: another record is shown, and its own thumbnails are on their way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;

  self->thumb_running = FALSE;
  if (texture == NULL)
    g_debug ("No thumbnail: %s", error->message);
  else if ((row = find_row (self, desk_thumbnail_load_get_uuid (result))) != NULL)
    {
      gtk_image_set_from_paintable (GTK_IMAGE (row->image), GDK_PAINTABLE (texture));
      row->has_thumbnail = TRUE;
    }

  start_next_thumbnail (self);
}

static void
start_next_thumbnail (DeskEvidenceGroup *self)
{
  g_autofree char *uuid = NULL;
  FileRow *row = NULL;

  if (self->thumb_running || self->disposed)
    return;

  while (row == NULL && (uuid = g_queue_pop_head (&self->thumb_queue)) != NULL)
    if ((row = find_row (self, uuid)) == NULL)
      g_clear_pointer (&uuid, g_free);
  if (row == NULL)
    return;

  self->thumb_running = TRUE;
  desk_thumbnail_load_async (self->store, row->uuid, row->media_type, self->cancellable,
                             thumbnail_loaded_cb, g_object_ref (self));
}

static void
thumbnails_idle_cb (gpointer data)
{
  start_next_thumbnail (data);
}

static void
queue_thumbnail (DeskEvidenceGroup *self,
                 FileRow           *row)
{
  /* A sealed file's bytes cannot be read: no attempt. */
  if (row->seal != DESK_SEAL_OPEN || !desk_thumbnail_supported (row->media_type))
    return;

  g_queue_push_tail (&self->thumb_queue, g_strdup (row->uuid));
  /* After the rows are drawn: the record opens first, its pictures follow. */
  desk_schedule_once (&self->thumb_idle, G_PRIORITY_LOW, 0, thumbnails_idle_cb, self);
}

static void
reset_thumbnails (DeskEvidenceGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_queue_clear_full (&self->thumb_queue, g_free);
  self->thumb_running = FALSE;
}

/* Rows */

static void
caption_applied_cb (AdwEntryRow       *entry,
                    DeskEvidenceGroup *self)
{
  FileRow *row = g_object_get_data (G_OBJECT (entry), "desk-file-row");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttachment) attachment = NULL;

  if (!desk_attachment_update (self->store, row->uuid, gtk_editable_get_text (GTK_EDITABLE (entry)),
                               -1, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  attachment = desk_attachment_get (self->store, row->uuid, NULL);
  if (attachment != NULL)
    {
      g_autofree char *subtitle = dup_subtitle (attachment);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->row), subtitle);
    }
}

static void
personal_toggled_cb (GtkSwitch         *toggle,
                     GParamSpec        *pspec,
                     DeskEvidenceGroup *self)
{
  FileRow *row = g_object_get_data (G_OBJECT (toggle), "desk-file-row");
  gboolean active = gtk_switch_get_active (toggle);
  g_autoptr(GError) error = NULL;

  if (row->updating)
    return;

  if (!desk_attachment_update (self->store, row->uuid, NULL, active ? 1 : 0, &error))
    {
      /* Refused (a personal file where names are protected): the switch says what is
       * stored. */
      show_error (self, error->message);
      row->updating = TRUE;
      gtk_switch_set_active (toggle, !active);
      row->updating = FALSE;
      return;
    }
  show_error (self, NULL);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip,
            const char *action,
            const char *uuid)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Kept when the tooltip says why it is off. */
  desk_a11y_set_name (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (uuid));

  return button;
}

static FileRow *
add_row (DeskEvidenceGroup    *self,
         const DeskAttachment *attachment)
{
  FileRow *row = g_new0 (FileRow, 1);
  g_autofree char *subtitle = dup_subtitle (attachment);
  g_autoptr(GIcon) icon = NULL;
  gboolean sealed = attachment->seal != DESK_SEAL_OPEN;
  GtkWidget *personal_row;
  GtkWidget *frame;

  row->uuid = g_strdup (attachment->uuid);
  row->name = g_strdup (attachment->name);
  row->media_type = g_strdup (attachment->media_type);
  row->seal = attachment->seal;
  /* Locked: a lock where the thumbnail would be; damaged: a warning. */
  if (row->seal == DESK_SEAL_LOCKED)
    icon = g_themed_icon_new ("system-lock-screen-symbolic");
  else if (row->seal == DESK_SEAL_DAMAGED)
    icon = g_themed_icon_new ("dialog-warning-symbolic");
  else
    icon = desk_thumbnail_dup_icon (attachment->media_type);

  row->row = adw_expander_row_new ();
  gtk_widget_add_css_class (row->row, "desk-evidence-row");
  {
    g_autofree char *title = g_markup_escape_text (sealed ? desk_seal_describe (attachment->seal)
                                                          : attachment->name, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->row), subtitle);

  row->image = gtk_image_new_from_gicon (icon);
  gtk_image_set_pixel_size (GTK_IMAGE (row->image), THUMB_SHOWN);
  gtk_widget_set_size_request (row->image, THUMB_SHOWN, THUMB_SHOWN);
  frame = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (frame, "desk-thumbnail");
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (frame), row->image);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row->row), frame);
  if (sealed)
    gtk_widget_add_css_class (row->row, row->seal == DESK_SEAL_LOCKED ? "desk-evidence-locked"
                                                                      : "desk-evidence-damaged");

  /* Each action goes before the ones added earlier: added last to first. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row),
                               row_button ("user-trash-symbolic", _("Remove This File"),
                                           "evidence.remove", row->uuid));
  row->save_button = row_button ("document-save-as-symbolic", _("Save a Copy As…"),
                                  "evidence.save-as", row->uuid);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row), row->save_button);
  row->open_button = row_button ("document-open-symbolic", _("Open With the Default Application"),
                                 "evidence.open", row->uuid);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row), row->open_button);

  row->caption_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->caption_row), _("Caption"));
  adw_entry_row_set_show_apply_button (row->caption_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row->caption_row), attachment->caption != NULL ? attachment->caption : "");
  g_object_set_data (G_OBJECT (row->caption_row), "desk-file-row", row);
  g_signal_connect (row->caption_row, "apply", G_CALLBACK (caption_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), GTK_WIDGET (row->caption_row));

  personal_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (personal_row), _("Contains Personal Data"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (personal_row),
                               _("Names, faces, signatures or contact details of people"));
  row->personal_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->personal_switch), GTK_ALIGN_CENTER);
  gtk_switch_set_active (row->personal_switch, attachment->personal);
  g_object_set_data (G_OBJECT (row->personal_switch), "desk-file-row", row);
  g_signal_connect (row->personal_switch, "notify::active", G_CALLBACK (personal_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (personal_row), GTK_WIDGET (row->personal_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (personal_row), GTK_WIDGET (row->personal_switch));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), personal_row);

  if (sealed)
    {
      const char *why = row->seal == DESK_SEAL_LOCKED
                        ? _("Names are locked, and this file holds personal data. Unlock names to open, "
                            "save or caption it.")
                        : damaged_text ();

      /* Nothing to do with it but remove it, until names are unlocked (the buttons
       * lose their actions, whose state would make them sensitive again). */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row->open_button), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row->save_button), NULL);
      gtk_widget_set_sensitive (row->open_button, FALSE);
      gtk_widget_set_sensitive (row->save_button, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (row->caption_row), FALSE);
      gtk_widget_set_sensitive (personal_row, FALSE);
      gtk_widget_set_tooltip_text (row->open_button, why);
      gtk_widget_set_tooltip_text (row->save_button, why);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->caption_row), why);
      gtk_widget_set_tooltip_text (frame, why);
      /* A lock, not a picture: smaller and quieter than a thumbnail. */
      gtk_image_set_pixel_size (GTK_IMAGE (row->image), THUMB_SHOWN * 2 / 3);
      gtk_widget_add_css_class (row->image, "dim-label");
    }

  if (self->read_only)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (row->caption_row), FALSE);
      gtk_widget_set_sensitive (personal_row, FALSE);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row->row);
  /* Its removal is waiting for its toast (the rows were read again meanwhile). */
  gtk_widget_set_visible (row->row, !g_hash_table_contains (self->pending, row->uuid));
  g_ptr_array_add (self->rows, row);
  queue_thumbnail (self, row);

  return row;
}

static void
clear_rows (DeskEvidenceGroup *self)
{
  while (self->rows->len > 0)
    {
      FileRow *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row->row);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
}

/* Adds rows for the owner's attachments not shown yet, and drops those gone. */
static void
sync_rows (DeskEvidenceGroup *self)
{
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (self->owner_uuid == NULL)
    {
      update_empty (self);
      return;
    }

  attachments = desk_attachment_list (self->store, self->kind, self->owner_uuid, &error);
  if (attachments == NULL)
    {
      /* The record is gone (deleted elsewhere): the editor empties itself next. */
      g_debug ("No attachments of %s: %s", self->owner_uuid, error->message);
      attachments = g_ptr_array_new ();
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      DeskAttachment *attachment = g_ptr_array_index (attachments, i);

      g_hash_table_add (present, attachment->uuid);
      if (find_row (self, attachment->uuid) == NULL)
        add_row (self, attachment);
    }

  for (guint i = self->rows->len; i > 0; i--)
    {
      FileRow *row = g_ptr_array_index (self->rows, i - 1);

      if (!g_hash_table_contains (present, row->uuid))
        remove_row (self, row->uuid);
    }

  update_empty (self);
}

/* Adding */

typedef struct
{
  DeskEvidenceGroup *self;  /* held */
  const DeskKind *kind;
  char *owner_uuid;
  GPtrArray *paths;         /* char *, NULL for a file that is not on this computer */
  GPtrArray *names;         /* char *, what to call each in a message */
  GPtrArray *refused;       /* char *, core's sentences */
  gboolean locked;          /* one was refused as names are locked */
} AddWork;

static void
add_work_free (gpointer data)
{
  AddWork *work = data;

  g_clear_object (&work->self);
  g_free (work->owner_uuid);
  g_ptr_array_unref (work->paths);
  g_ptr_array_unref (work->names);
  g_ptr_array_unref (work->refused);
  g_free (work);
}

static gboolean
add_work_run (DeskStore         *store,
              gpointer           data,
              GCancellable      *cancellable,
              DeskProgressFunc   progress,
              gpointer           progress_data,
              GError           **error)
{
  AddWork *work = data;

  for (guint i = 0; i < work->paths->len; i++)
    {
      const char *path = g_ptr_array_index (work->paths, i);
      g_autoptr(DeskAttachment) attachment = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (path == NULL)
        {
          g_ptr_array_add (work->refused,
                           g_strdup_printf (_("“%s” is not a file on this computer. Save it to a "
                                              "folder first, then attach it."),
                                            (const char *) g_ptr_array_index (work->names, i)));
          continue;
        }

      attachment = desk_attachment_add (store, work->kind, work->owner_uuid, path, NULL,
                                        DESK_ATTACHMENT_PERSONAL_DEFAULT, &local);
      if (attachment == NULL)
        g_ptr_array_add (work->refused, g_strdup (local->message));
      if (g_error_matches (local, DESK_ERROR, DESK_ERROR_NAMES_LOCKED))
        work->locked = TRUE;
      if (progress != NULL)
        progress ((double) (i + 1) / work->paths->len, progress_data);
    }

  return TRUE;
}

static void
add_work_done (DeskJob      *job,
               gpointer      data,
               const GError *error,
               gpointer      user_data)
{
  AddWork *work = data;
  DeskEvidenceGroup *self = work->self;

  self->jobs_running--;
  if (self->disposed)
    return;

  if (work->refused->len > 0)
    {
      g_autofree char *text = NULL;

      g_ptr_array_add (work->refused, NULL);
      text = g_strjoinv ("\n", (char **) work->refused->pdata);
      g_ptr_array_remove_index (work->refused, work->refused->len - 1);
      show_error (self, text);
    }
  else if (error == NULL)
    show_error (self, NULL);

  /* What was added before a Cancel stays: show it. */
  if (g_strcmp0 (work->owner_uuid, self->owner_uuid) == 0)
    sync_rows (self);
  announce_owner (self, work->owner_uuid);
  /* A personal file where names are locked: the unlock prompt, as wherever names are
   * needed (the sentence stays in the section). */
  if (work->locked && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    desk_names_ask_unlock (GTK_WIDGET (self), self->store);
}

/* Callbacks */

static void
add_chosen_cb (gpointer  owner,
               GSList   *files)
{
  desk_evidence_group_add_files (DESK_EVIDENCE_GROUP (owner), files);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskEvidenceGroup *self = DESK_EVIDENCE_GROUP (widget);

  if (self->owner_uuid == NULL || self->read_only)
    return;

  desk_file_chooser_ask_files (self, desk_widget_get_window (widget), _("Add Files"), _("_Add"),
                               add_chosen_cb);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskEvidenceGroup *self = DESK_EVIDENCE_GROUP (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  FileRow *row = find_row (self, uuid);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  Pending *pending;
  AdwToast *toast;

  if (row == NULL || self->read_only || g_hash_table_contains (self->pending, uuid))
    return;

  gtk_widget_set_visible (row->row, FALSE);
  update_empty (self);

  name = g_markup_escape_text (row->name, -1);
  /* Translators: a toast after a file attached to a record was removed; Undo brings it back. */
  title = g_strdup_printf (_("“%s” removed"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "desk-uuid", g_strdup (uuid), g_free);

  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->uuid = g_strdup (uuid);
  pending->owner_uuid = g_strdup (self->owner_uuid);
  pending->toast = toast;
  g_hash_table_insert (self->pending, g_strdup (uuid), pending);

  g_signal_connect (toast, "dismissed", G_CALLBACK (pending_toast_dismissed_cb), self);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (pending_toast_undo_cb), self);
  g_object_weak_ref (G_OBJECT (toast), pending_toast_finalized_cb, pending);

  desk_toast_show (widget, toast);
}

/* Open and Save As */

/* Whether @row's bytes can be read. A locked personal file asks to unlock names first
 * (its buttons are insensitive, but the action can still be reached). */
static gboolean
row_readable (DeskEvidenceGroup *self,
              FileRow           *row)
{
  if (row->seal == DESK_SEAL_LOCKED)
    {
      desk_names_ask_unlock (GTK_WIDGET (self), self->store);
      return FALSE;
    }
  if (row->seal == DESK_SEAL_DAMAGED)
    {
      show_error (self, damaged_text ());
      return FALSE;
    }

  return TRUE;
}

static void
copy_done_cb (GtkWidget *widget)
{
  DESK_EVIDENCE_GROUP (widget)->jobs_running--;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskEvidenceGroup *self = DESK_EVIDENCE_GROUP (widget);
  FileRow *row = find_row (self, g_variant_get_string (parameter, NULL));

  if (row == NULL || !row_readable (self, row))
    return;

  self->jobs_running++;
  desk_evidence_copy_open (widget, self->store, row->uuid, row->name, copy_done_cb);
}

static void
save_chosen_cb (gpointer  owner,
                GFile    *file)
{
  DeskEvidenceGroup *self = owner;
  FileRow *row = find_row (self, self->save_uuid);

  if (row == NULL || g_file_peek_path (file) == NULL)
    return;

  self->jobs_running++;
  desk_evidence_copy_save (GTK_WIDGET (self), self->store, row->uuid, row->name,
                           g_file_peek_path (file), copy_done_cb);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskEvidenceGroup *self = DESK_EVIDENCE_GROUP (widget);
  FileRow *row = find_row (self, g_variant_get_string (parameter, NULL));
  g_autofree char *name = NULL;

  if (row == NULL || !row_readable (self, row))
    return;

  g_free (self->save_uuid);
  self->save_uuid = g_strdup (row->uuid);
  name = desk_evidence_dup_file_name (row->name);
  desk_file_chooser_ask (self, desk_widget_get_window (widget), _("Save a Copy of the File"), name,
                         save_chosen_cb, NULL, NULL);
}

/* Names locked or unlocked, protection turned on or off: personal files read otherwise. */
static void
protection_changed_cb (DeskStore         *store,
                       GParamSpec        *pspec,
                       DeskEvidenceGroup *self)
{
  if (self->disposed || self->owner_uuid == NULL)
    return;

  reset_thumbnails (self);
  clear_rows (self);
  show_error (self, NULL);
  sync_rows (self);
}

/* Overrides */

static void
desk_evidence_group_dispose (GObject *object)
{
  DeskEvidenceGroup *self = (DeskEvidenceGroup *) object;

  /* Nothing removed with Undo still possible is left behind: the removals are carried
   * out before the section goes (its widgets no longer follow). */
  self->disposed = TRUE;
  if (self->pending != NULL)
    desk_evidence_group_flush (self);

  desk_file_chooser_cancel (self);
  g_clear_handle_id (&self->thumb_idle, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->thumb_queue, g_free);

  G_OBJECT_CLASS (desk_evidence_group_parent_class)->dispose (object);
}

static void
desk_evidence_group_finalize (GObject *object)
{
  DeskEvidenceGroup *self = (DeskEvidenceGroup *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->owner_uuid);
  g_free (self->save_uuid);

  G_OBJECT_CLASS (desk_evidence_group_parent_class)->finalize (object);
}

static void
desk_evidence_group_class_init (DeskEvidenceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_evidence_group_dispose;
  object_class->finalize = desk_evidence_group_finalize;

  gtk_widget_class_install_action (widget_class, "evidence.add", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "evidence.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "evidence.save-as", "s", save_as_action);
  gtk_widget_class_install_action (widget_class, "evidence.remove", "s", remove_action);
}

static void
desk_evidence_group_init (DeskEvidenceGroup *self)
{
  GtkWidget *button;
  GtkWidget *content;

  self->rows = g_ptr_array_new_with_free_func (file_row_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->thumb_queue);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Evidence"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "desk-evidence");

  button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Files…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Attach files to this record; you can also drop them on the editor"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "evidence.add");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), button);
  self->add_button = button;

  /* Under the list: what an empty section is for, and what was refused. */
  self->empty_label = gtk_label_new (_("No files yet. Drop files here or add them."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_visible (self->empty_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_label);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0.0f);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_label));
}

/* Public API */

GtkWidget *
desk_evidence_group_new (DeskStore      *store,
                         const DeskKind *kind)
{
  DeskEvidenceGroup *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL && desk_attachment_kind_allowed (kind), NULL);

  self = g_object_new (DESK_TYPE_EVIDENCE_GROUP, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  g_signal_connect_object (store, "notify::protection", G_CALLBACK (protection_changed_cb), self, 0);

  return GTK_WIDGET (self);
}

void
desk_evidence_group_set_owner (DeskEvidenceGroup *self,
                               const char        *owner_uuid)
{
  g_return_if_fail (DESK_IS_EVIDENCE_GROUP (self));

  if (g_strcmp0 (owner_uuid, self->owner_uuid) == 0)
    {
      /* The same record written again: its files are what they were. */
      sync_rows (self);
      return;
    }

  desk_evidence_group_flush (self);
  reset_thumbnails (self);
  clear_rows (self);
  show_error (self, NULL);

  g_free (self->owner_uuid);
  self->owner_uuid = g_strdup (owner_uuid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add",
                                 owner_uuid != NULL && !self->read_only);
  sync_rows (self);
}

void
desk_evidence_group_set_writable (DeskEvidenceGroup *self,
                                  gboolean           writable)
{
  g_return_if_fail (DESK_IS_EVIDENCE_GROUP (self));

  if (self->read_only == !writable)
    return;

  self->read_only = !writable;
  gtk_widget_set_visible (self->add_button, writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add",
                                 self->owner_uuid != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.remove", writable);
  /* The rows are made again, with or without what changes a file. */
  clear_rows (self);
  sync_rows (self);
}

const char *
desk_evidence_group_get_owner (DeskEvidenceGroup *self)
{
  g_return_val_if_fail (DESK_IS_EVIDENCE_GROUP (self), NULL);

  return self->owner_uuid;
}

void
desk_evidence_group_add_files (DeskEvidenceGroup *self,
                               GSList            *files)
{
  AddWork *work;

  g_return_if_fail (DESK_IS_EVIDENCE_GROUP (self));

  if (self->owner_uuid == NULL || files == NULL || self->read_only)
    return;

  show_error (self, NULL);
  work = g_new0 (AddWork, 1);
  work->self = g_object_ref (self);
  work->kind = self->kind;
  work->owner_uuid = g_strdup (self->owner_uuid);
  work->paths = g_ptr_array_new_with_free_func (g_free);
  work->names = g_ptr_array_new_with_free_func (g_free);
  work->refused = g_ptr_array_new_with_free_func (g_free);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;

      g_ptr_array_add (work->paths, g_file_get_path (file));
      g_ptr_array_add (work->names, g_file_get_parse_name (file));
    }

  self->jobs_running++;
  g_object_unref (desk_job_start (desk_widget_get_window (GTK_WIDGET (self)), self->store,
                                  g_dngettext (GETTEXT_PACKAGE, "Attaching the file", "Attaching the files",
                                               g_slist_length (files)),
                                  add_work_run, work, add_work_free, add_work_done, NULL));
}

void
desk_evidence_group_flush (DeskEvidenceGroup *self)
{
  g_autofree char **uuids = NULL;

  g_return_if_fail (DESK_IS_EVIDENCE_GROUP (self));

  uuids = (char **) g_hash_table_get_keys_as_array (self->pending, NULL);
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_autofree char *uuid = g_strdup (uuids[i]);

      commit_removal (self, uuid, TRUE);
    }
}

/* Private API, for tests */

GtkWidget *
_desk_evidence_group_get_row (DeskEvidenceGroup *self,
                              const char        *uuid)
{
  FileRow *row = find_row (self, uuid);

  return row != NULL ? row->row : NULL;
}

AdwEntryRow *
_desk_evidence_group_get_caption_row (DeskEvidenceGroup *self,
                                      const char        *uuid)
{
  FileRow *row = find_row (self, uuid);

  return row != NULL ? row->caption_row : NULL;
}

GtkSwitch *
_desk_evidence_group_get_personal_switch (DeskEvidenceGroup *self,
                                          const char        *uuid)
{
  FileRow *row = find_row (self, uuid);

  return row != NULL ? row->personal_switch : NULL;
}

GtkWidget *
_desk_evidence_group_get_button (DeskEvidenceGroup *self,
                                 const char        *uuid,
                                 gboolean           save)
{
  FileRow *row = find_row (self, uuid);

  if (row == NULL)
    return NULL;

  return save ? row->save_button : row->open_button;
}

GdkPaintable *
_desk_evidence_group_get_thumbnail (DeskEvidenceGroup *self,
                                    const char        *uuid)
{
  FileRow *row = find_row (self, uuid);

  if (row == NULL || !row->has_thumbnail)
    return NULL;

  return gtk_image_get_paintable (GTK_IMAGE (row->image));
}

AdwToast *
_desk_evidence_group_get_undo_toast (DeskEvidenceGroup *self,
                                     const char        *uuid)
{
  Pending *pending = g_hash_table_lookup (self->pending, uuid);

  return pending != NULL ? pending->toast : NULL;
}

guint
_desk_evidence_group_count_shown (DeskEvidenceGroup *self)
{
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    if (gtk_widget_get_visible (((FileRow *) g_ptr_array_index (self->rows, i))->row))
      shown++;

  return shown;
}

GtkLabel *
_desk_evidence_group_get_error_label (DeskEvidenceGroup *self)
{
  return self->error_label;
}

GtkWidget *
_desk_evidence_group_get_empty_label (DeskEvidenceGroup *self)
{
  return self->empty_label;
}

void
_desk_evidence_group_wait (DeskEvidenceGroup *self)
{
  while (self->jobs_running > 0 || self->thumb_running || self->thumb_idle != 0 ||
         !g_queue_is_empty (&self->thumb_queue))
    g_main_context_iteration (NULL, TRUE);
}
