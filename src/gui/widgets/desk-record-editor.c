/* desk-record-editor.c
 *
 * One row per field (a DeskFieldRow, chosen by the field's type). Every change is
 * written at once through the window's DeskHistory, as a copy of the record with that
 * one field changed; when core refuses it, its message goes under the field it names and
 * the user's text stays in the row, so nothing invalid reaches the database and nothing
 * typed is lost. The editor follows the store: an undo, or a write from elsewhere, shows
 * in the rows without taking the focus away.
 *
 * A record a bundle reported is locked (desk-locks.h): a banner over the rows says by
 * which bundle, and a change asks for its reason (desk_reason_update) before it is
 * written; Cancel leaves the row as typed, with core's sentence under it. The History
 * section, last, lists what was changed, when, by whom and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-record-editor.h"

#include "desk-a11y.h"
#include "desk-banner.h"
#include "desk-change-list.h"
#include "desk-evidence-group.h"
#include "desk-field-row.h"
#include "desk-reason-dialog.h"

struct _DeskRecordEditor
{
  GtkBox parent_instance;

  DeskHistory *history;
  DeskStore *store;
  const DeskKind *kind;
  DeskRecord *record;
  GPtrArray *rows;          /* DeskFieldRow */
  GHashTable *by_name;      /* field name → DeskFieldRow */
  gulong changed_id;
  char *ref_group;          /* the group the reference choices were read for */
  gboolean refs_dirty;
  DeskEvidenceGroup *evidence; /* the files, for kinds that take them; else NULL */
  /* The record is another group's, from its bundle: shown, never written. */
  gboolean read_only;
  char *read_only_group;    /* the group read_only was decided for */
  DeskBanner *lock_banner;  /* the bundle that reported the record, when one did */
  DeskChangeList *changes;  /* the History section, last */
  gboolean disposing;
  gboolean history_hidden;
};

G_DEFINE_FINAL_TYPE (DeskRecordEditor, desk_record_editor, GTK_TYPE_BOX)

static gboolean
is_reference (const DeskField *field)
{
  return field->type == DESK_FIELD_REF || field->type == DESK_FIELD_REF_SET;
}

/* The language of a narrative row ("en" or "zh"), or NULL for another row. */
static const char *
row_language (DeskFieldRow *row)
{
  const DeskField *field = desk_field_row_get_field (row);

  if ((field->flags & DESK_FIELD_NARRATIVE) == 0)
    return NULL;
  if (g_str_has_suffix (field->name, "_en"))
    return "en";
  if (g_str_has_suffix (field->name, "_zh"))
    return "zh";

  return NULL;
}

/* Whether the record shown holds text in @row's field. */
static gboolean
row_has_text (DeskRecordEditor *self,
              DeskFieldRow     *row)
{
  const char *text;

  if (self->record == NULL)
    return FALSE;

  text = desk_record_get_string (self->record, desk_field_row_get_field (row)->name);

  return text != NULL && text[0] != '\0';
}

/* Narrative rows follow the group's languages: a group that works in English only is
 * not asked for “Title in Chinese”, and the other way round. A row that already holds
 * text stays shown all the same, so that nothing typed is hidden. With @reveal_only
 * (the same record written again) a shown row is never hidden: emptying the row one is
 * typing in must not take it away under the cursor. */
static void
desk_record_editor_show_languages_full (DeskRecordEditor *self,
                                        gboolean          reveal_only)
{
  gboolean uses_en = desk_store_uses_language (self->store, "en");
  gboolean uses_zh = desk_store_uses_language (self->store, "zh");

  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);
      GtkWidget *widget = desk_field_row_get_widget (row);
      const char *language = row_language (row);
      gboolean visible;

      if (language == NULL)
        continue;

      visible = (g_str_equal (language, "en") ? uses_en : uses_zh) || row_has_text (self, row);
      if (reveal_only && gtk_widget_get_visible (widget))
        continue;
      gtk_widget_set_visible (widget, visible);
    }
}

static void
desk_record_editor_show_languages (DeskRecordEditor *self)
{
  desk_record_editor_show_languages_full (self, FALSE);
}

/* The row a message about @field shows under: a hidden narrative row hands it to the
 * other language's row of the pair. */
static DeskFieldRow *
error_target (DeskRecordEditor *self,
              DeskFieldRow     *row)
{
  const DeskField *field = desk_field_row_get_field (row);
  const char *language = row_language (row);
  g_autofree char *base = NULL;
  g_autofree char *other = NULL;
  DeskFieldRow *partner;

  if (language == NULL || gtk_widget_get_visible (desk_field_row_get_widget (row)))
    return row;

  base = g_strndup (field->name, strlen (field->name) - 3);
  other = g_strconcat (base, g_str_equal (language, "en") ? "_zh" : "_en", NULL);
  partner = g_hash_table_lookup (self->by_name, other);

  return partner != NULL ? partner : row;
}

static void
desk_record_editor_fill (DeskRecordEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    desk_field_row_fill (g_ptr_array_index (self->rows, i), self->record);
}

static void
desk_record_editor_flush (DeskRecordEditor *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    desk_field_row_flush (g_ptr_array_index (self->rows, i));
}

static void
desk_record_editor_load_choices (DeskRecordEditor *self)
{
  const char *group = self->record != NULL ? desk_record_get_group (self->record) : NULL;

  if (!self->refs_dirty && g_strcmp0 (group, self->ref_group) == 0)
    return;

  g_free (self->ref_group);
  self->ref_group = g_strdup (group);
  self->refs_dirty = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      if (is_reference (desk_field_row_get_field (row)))
        desk_field_row_load_choices (row, self->ref_group,
                                     self->record != NULL ? desk_record_get_uuid (self->record) : NULL);
    }
}

static void
desk_record_editor_clear_errors (DeskRecordEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    desk_field_row_show_error (g_ptr_array_index (self->rows, i), NULL);
}

/* The banner of a reported record: which bundle holds it, and that a change asks why.
 * One query, for the record shown only. */
static void
desk_record_editor_update_lock (DeskRecordEditor *self)
{
  g_autoptr(DeskLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *title = NULL;

  if (self->record != NULL && !self->read_only)
    lock = desk_store_find_lock (self->store, self->kind, desk_record_get_uuid (self->record), &error);
  if (error != NULL)
    g_warning ("Could not read the locks of %s: %s", self->kind->name, error->message);
  if (lock == NULL)
    {
      desk_banner_set_revealed (self->lock_banner, FALSE);
      return;
    }

  described = desk_lock_describe (self->store, lock);
  /* Translators: the banner over a locked record; %s is “the bundle No. 3 for
   * 1 Jan 2026 – 30 Jun 2026, exported on 2 Jul 2026” or “the approved workplan “…””. */
  title = g_strdup_printf (_("Reported in %s — changing it asks for a reason, which goes to the secretariat."),
                           described);
  desk_banner_set_title (self->lock_banner, title);
  desk_banner_set_revealed (self->lock_banner, TRUE);
}

/* Callbacks */

/* After the write of @row's change, at once or once its reason was asked: @error NULL
 * when it was written; core's refusal otherwise, shown under the field it names, the
 * typed value left in the row (a reason cancelled leaves core's sentence there). */
static void
row_written_cb (GtkWidget    *widget,
                const GError *error,
                gpointer      user_data)
{
  DeskRecordEditor *self = DESK_RECORD_EDITOR (widget);
  DeskFieldRow *row = user_data;
  DeskFieldRow *target = row;
  g_autofree char *bad_field = NULL;
  g_autoptr(DeskRecord) copy = NULL;

  if (self->rows == NULL || self->record == NULL)
    return;

  if (error == NULL)
    {
      desk_record_editor_clear_errors (self);
      return;
    }

  /* The write said why; validating again says which field, to show it there. */
  copy = desk_record_copy (self->record);
  if (desk_field_row_read (row, copy, NULL))
    desk_store_validate (self->store, copy, &bad_field, NULL);
  if (bad_field != NULL && g_hash_table_contains (self->by_name, bad_field))
    target = error_target (self, g_hash_table_lookup (self->by_name, bad_field));

  desk_record_editor_clear_errors (self);
  desk_field_row_show_error (target, error->message);
  g_debug ("Refused %s of %s: %s", desk_field_row_get_field (row)->name, self->kind->name, error->message);
}

/* Writes the change of @row: a copy of the record with that one field changed. */
static void
row_changed_cb (DeskFieldRow *row,
                gpointer      user_data)
{
  DeskRecordEditor *self = user_data;
  g_autoptr(DeskRecord) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->record == NULL || self->history == NULL || self->read_only)
    return;

  copy = desk_record_copy (self->record);
  if (!desk_field_row_read (row, copy, &error))
    {
      desk_field_row_show_error (row, error->message);
      return;
    }

  if (desk_record_equal (copy, self->record))
    {
      /* Back to what is saved: whatever was refused no longer stands. */
      if (desk_field_row_get_error (row) != NULL)
        desk_record_editor_clear_errors (self);
      return;
    }

  /* The editor going away writes what was typed, but has no one left to ask why: a
   * reported record keeps its value then. */
  if (self->disposing)
    {
      if (!desk_history_update (self->history, copy, &error))
        g_debug ("Not written on closing: %s", error->message);
      return;
    }

  desk_reason_update (GTK_WIDGET (self), self->history, copy, row_written_cb, row);
}

static void
store_changed_cb (DeskStore        *store,
                  const char       *kind_name,
                  const char       *uuid,
                  DeskRecordEditor *self)
{
  g_autoptr(DeskRecord) fresh = NULL;

  /* The group's languages may have changed. */
  if (g_str_equal (kind_name, DESK_KIND_GROUP->name))
    desk_record_editor_show_languages (self);

  if (self->record == NULL)
    return;

  /* An export may have locked the record shown. */
  if (g_str_equal (kind_name, DESK_KIND_EXPORT->name))
    desk_record_editor_update_lock (self);

  if (!g_str_equal (kind_name, self->kind->name))
    {
      /* Another kind: the choices of a reference to it may have changed. */
      for (guint i = 0; i < self->rows->len; i++)
        {
          const DeskField *field = desk_field_row_get_field (g_ptr_array_index (self->rows, i));

          if (is_reference (field) && g_strcmp0 (field->ref, kind_name) == 0)
            {
              self->refs_dirty = TRUE;
              desk_record_editor_load_choices (self);
              desk_record_editor_fill (self);
              break;
            }
        }
      return;
    }

  if (g_strcmp0 (uuid, desk_record_get_uuid (self->record)) != 0)
    return;

  fresh = desk_store_get (store, self->kind, uuid, NULL);
  if (fresh == NULL)
    {
      desk_record_editor_set_record (self, NULL);
      return;
    }

  g_set_object (&self->record, fresh);
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      /* A row still showing a refused value keeps it until the user changes it. */
      if (desk_field_row_get_error (row) == NULL)
        desk_field_row_fill (row, self->record);
    }
  desk_record_editor_show_languages_full (self, TRUE);
  /* A save, an undo, a reason given: the history and the lock follow. */
  desk_record_editor_update_lock (self);
  if (!self->history_hidden)
    desk_change_list_refresh (self->changes);
}

static gboolean
files_dropped_cb (GtkDropTarget    *target,
                  const GValue     *value,
                  double            x,
                  double            y,
                  DeskRecordEditor *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "desk-drop-target");
  if (self->record == NULL || list == NULL || self->read_only)
    return FALSE;

  files = gdk_file_list_get_files (list);
  desk_evidence_group_add_files (self->evidence, files);
  g_slist_free (files);

  return TRUE;
}

static GdkDragAction
drop_entered_cb (GtkDropTarget    *target,
                 double            x,
                 double            y,
                 DeskRecordEditor *self)
{
  if (self->record == NULL || self->read_only)
    return 0;

  gtk_widget_add_css_class (GTK_WIDGET (self), "desk-drop-target");
  return GDK_ACTION_COPY;
}

static void
drop_left_cb (GtkDropTarget    *target,
              DeskRecordEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "desk-drop-target");
}

/* A record that arrived in another group's bundle is that group's: the editor shows it
 * and writes nothing, wherever the editor is (a page, the workplan's window). The rule is
 * core's (desk_store_group_is_read_only), asked once per group shown. */
static void
desk_record_editor_update_writable (DeskRecordEditor *self)
{
  const char *group = self->record != NULL ? desk_record_get_group (self->record) : NULL;

  if (group == NULL || g_strcmp0 (group, self->read_only_group) == 0)
    return;

  g_free (self->read_only_group);
  self->read_only_group = g_strdup (group);
  self->read_only = desk_store_group_is_read_only (self->store, group);

  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (desk_field_row_get_widget (g_ptr_array_index (self->rows, i)),
                              !self->read_only);
  if (self->evidence != NULL)
    desk_evidence_group_set_writable (self->evidence, !self->read_only);
}

/* Overrides */

static void
desk_record_editor_map (GtkWidget *widget)
{
  /* The pages added their groups and rows by now: every control says its name. */
  desk_a11y_name_controls (widget);

  GTK_WIDGET_CLASS (desk_record_editor_parent_class)->map (widget);
}

static void
desk_record_editor_dispose (GObject *object)
{
  DeskRecordEditor *self = (DeskRecordEditor *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  self->disposing = TRUE;
  /* Pending writes go to the database before the rows do, and files removed with
   * their Undo toast still up are removed now. */
  desk_record_editor_flush (self);
  if (self->evidence != NULL)
    desk_evidence_group_flush (self->evidence);
  self->evidence = NULL;
  self->changes = NULL;
  self->lock_banner = NULL;

  g_clear_object (&self->record);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_record_editor_parent_class)->dispose (object);
}

static void
desk_record_editor_finalize (GObject *object)
{
  DeskRecordEditor *self = (DeskRecordEditor *) object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->ref_group);
  g_free (self->read_only_group);

  G_OBJECT_CLASS (desk_record_editor_parent_class)->finalize (object);
}

static void
desk_record_editor_class_init (DeskRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_editor_dispose;
  object_class->finalize = desk_record_editor_finalize;
  widget_class->map = desk_record_editor_map;

  gtk_widget_class_set_css_name (widget_class, "deskrecordeditor");
}

static void
desk_record_editor_init (DeskRecordEditor *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_field_row_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->refs_dirty = TRUE;
}

/* Public API */

GtkWidget *
desk_record_editor_new (DeskHistory    *history,
                        const DeskKind *kind)
{
  DeskRecordEditor *self;

  g_return_val_if_fail (DESK_IS_HISTORY (history), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_EDITOR, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (desk_history_get_store (history));
  self->kind = kind;
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (store_changed_cb), self);

  self->lock_banner = DESK_BANNER (desk_banner_new (NULL));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->lock_banner));

  /* Every kind that takes files shows them here, last, whichever page edits it. */
  if (desk_attachment_kind_allowed (kind))
    {
      GtkDropTarget *target;

      self->evidence = DESK_EVIDENCE_GROUP (desk_evidence_group_new (self->store, kind));
      gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->evidence));

      /* Files dropped anywhere on the editor are attached to its record. */
      target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
      g_signal_connect (target, "drop", G_CALLBACK (files_dropped_cb), self);
      g_signal_connect (target, "enter", G_CALLBACK (drop_entered_cb), self);
      g_signal_connect (target, "leave", G_CALLBACK (drop_left_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
    }

  /* Every kind's history shows here, after everything else. */
  self->changes = DESK_CHANGE_LIST (desk_change_list_new (self->store, kind));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->changes));
  gtk_widget_set_visible (GTK_WIDGET (self->changes), FALSE);

  return GTK_WIDGET (self);
}

static void
add_field_row (DeskRecordEditor    *self,
               AdwPreferencesGroup *group,
               const DeskField     *field)
{
  DeskFieldRow *row;

  if (field == NULL)
    return;

  row = desk_field_row_new (self->store, self->kind, field, NULL, row_changed_cb, self);
  desk_field_row_add_to_group (row, group);
  g_ptr_array_add (self->rows, row);
  g_hash_table_insert (self->by_name, (gpointer) field->name, row);
}

AdwPreferencesGroup *
desk_record_editor_add_group (DeskRecordEditor  *self,
                              const char        *title,
                              const char *const *fields)
{
  AdwPreferencesGroup *group;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (title != NULL)
    adw_preferences_group_set_title (group, title);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const DeskField *field = desk_kind_get_field (self->kind, fields[i]);

      if (field != NULL)
        {
          add_field_row (self, group, field);
          continue;
        }

      /* A bilingual pair by its base name: the UI language first. */
      {
        g_autofree char *en = g_strconcat (fields[i], "_en", NULL);
        g_autofree char *zh = g_strconcat (fields[i], "_zh", NULL);
        gboolean chinese = g_str_equal (desk_locale_language (), "zh");

        if (desk_kind_get_field (self->kind, en) == NULL)
          {
            g_critical ("A %s has no field “%s”", self->kind->name, fields[i]);
            continue;
          }
        add_field_row (self, group, desk_kind_get_field (self->kind, chinese ? zh : en));
        add_field_row (self, group, desk_kind_get_field (self->kind, chinese ? en : zh));
      }
    }

  /* The files and the history stay last (the lock's banner first). */
  gtk_box_insert_child_after (GTK_BOX (self), GTK_WIDGET (group),
                              gtk_widget_get_prev_sibling (self->evidence != NULL ? GTK_WIDGET (self->evidence)
                                                                                  : GTK_WIDGET (self->changes)));
  desk_record_editor_show_languages (self);

  return group;
}

void
desk_record_editor_add_evidence_fields (DeskRecordEditor  *self,
                                        const char *const *fields)
{
  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));
  g_return_if_fail (self->evidence != NULL);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const DeskField *field = desk_kind_get_field (self->kind, fields[i]);

      if (field == NULL)
        {
          g_critical ("A %s has no field “%s”", self->kind->name, fields[i]);
          continue;
        }
      add_field_row (self, ADW_PREFERENCES_GROUP (self->evidence), field);
    }
}

DeskEvidenceGroup *
desk_record_editor_get_evidence (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->evidence;
}

void
desk_record_editor_set_record (DeskRecordEditor *self,
                               DeskRecord       *record)
{
  gboolean other;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));
  g_return_if_fail (record == NULL || DESK_IS_RECORD (record));

  other = record == NULL || self->record == NULL ||
          g_strcmp0 (desk_record_get_uuid (record), desk_record_get_uuid (self->record)) != 0;

  /* What was typed for the record shown goes to it, not to the next one. */
  if (other)
    desk_record_editor_flush (self);

  g_set_object (&self->record, record);
  if (other)
    desk_record_editor_clear_errors (self);
  desk_record_editor_update_writable (self);

  desk_record_editor_load_choices (self);
  desk_record_editor_fill (self);
  desk_record_editor_show_languages_full (self, !other);
  if (self->evidence != NULL)
    desk_evidence_group_set_owner (self->evidence, record != NULL ? desk_record_get_uuid (record) : NULL);
  desk_record_editor_update_lock (self);
  if (!self->history_hidden)
    desk_change_list_set_owner (self->changes, record != NULL ? desk_record_get_uuid (record) : NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self), record != NULL);
  /* The record's files and changes made new buttons: each says its name. */
  desk_a11y_name_controls (GTK_WIDGET (self));
}

gboolean
desk_record_editor_get_writable (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), FALSE);

  return !self->read_only;
}

DeskRecord *
desk_record_editor_get_record (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

const DeskKind *
desk_record_editor_get_kind (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->kind;
}

DeskHistory *
desk_record_editor_get_history (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return self->history;
}

void
desk_record_editor_focus_field (DeskRecordEditor *self,
                                const char       *field)
{
  DeskFieldRow *row = NULL;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));

  if (field != NULL)
    row = g_hash_table_lookup (self->by_name, field);
  if (row == NULL && self->rows->len > 0)
    row = g_ptr_array_index (self->rows, 0);
  if (row != NULL)
    desk_field_row_focus (row);
}

GtkWidget *
desk_record_editor_get_row (DeskRecordEditor *self,
                            const char       *field)
{
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  row = g_hash_table_lookup (self->by_name, field);

  return row != NULL ? desk_field_row_get_widget (row) : NULL;
}

GtkLabel *
desk_record_editor_get_error_label (DeskRecordEditor *self,
                                    const char       *field)
{
  DeskFieldRow *row;

  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  row = g_hash_table_lookup (self->by_name, field);
  if (row == NULL || desk_field_row_get_error (row) == NULL)
    return NULL;

  return desk_field_row_get_error_label (row);
}

void
desk_record_editor_set_sign_switch (DeskRecordEditor *self,
                                    const char       *money_field,
                                    const char       *switch_field)
{
  const DeskField *money;
  const DeskField *toggle;
  DeskFieldRow *row;

  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));

  money = desk_kind_get_field (self->kind, money_field);
  toggle = desk_kind_get_field (self->kind, switch_field);
  g_return_if_fail (money != NULL && money->type == DESK_FIELD_MONEY);
  g_return_if_fail (toggle != NULL && toggle->type == DESK_FIELD_BOOL);

  if ((row = g_hash_table_lookup (self->by_name, money->name)) != NULL)
    desk_field_row_set_sign_field (row, toggle->name);
  if ((row = g_hash_table_lookup (self->by_name, toggle->name)) != NULL)
    desk_field_row_set_sign_field (row, money->name);
  desk_record_editor_fill (self);
}

void
desk_record_editor_set_history_shown (DeskRecordEditor *self,
                                      gboolean          shown)
{
  g_return_if_fail (DESK_IS_RECORD_EDITOR (self));

  self->history_hidden = !shown;
  if (shown)
    desk_change_list_set_owner (self->changes, self->record != NULL ? desk_record_get_uuid (self->record) : NULL);
  else
    desk_change_list_set_owner (self->changes, NULL);
}

GtkWidget *
desk_record_editor_get_changes (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return GTK_WIDGET (self->changes);
}

GtkWidget *
desk_record_editor_get_lock_banner (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), NULL);

  return GTK_WIDGET (self->lock_banner);
}

gboolean
desk_record_editor_has_error (DeskRecordEditor *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_EDITOR (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (desk_field_row_get_error (g_ptr_array_index (self->rows, i)) != NULL)
      return TRUE;

  return FALSE;
}

GtkWindow *
desk_record_editor_window_new (GtkWindow  *parent,
                               const char *title,
                               GtkWidget  *editor)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkShortcutController *shortcuts;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  gtk_widget_set_margin_top (editor, 18);
  gtk_widget_set_margin_bottom (editor, 18);
  gtk_widget_set_margin_start (editor, 12);
  gtk_widget_set_margin_end (editor, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), editor);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (window), box);

  /* Changes are saved as they are made: Escape just closes. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  return GTK_WINDOW (window);
}
