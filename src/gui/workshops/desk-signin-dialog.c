/* desk-signin-dialog.c
 *
 * A sign-in sheet is read into a plan (desk_signin_plan_new) that says what each row will
 * become — a new person, someone already known, someone already on the list, a repeat of
 * an earlier row, or an error with its line — and nothing is written until the user
 * presses Import. The import is a job (desk-job.h): on a worker with a connection of its
 * own, the sheet is read again with the chosen mapping (against the database as it is
 * then) and the plan applied in one transaction through a history of the worker's; Cancel
 * rolls it all back. Back on the main thread the window's history adopts the worker's
 * step (desk_history_adopt), so that one Ctrl+Z takes the whole sheet back, and the
 * window's store announces the records written, so the lists show them.
 *
 * The mapping drop-downs offer the headers of the sheet's first line; core reads the
 * sheet again with the chosen mapping ("COLUMN=HEADER" pairs) and the preview follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-signin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "desk-signin-dialog.h"
#include "desk-a11y.h"
#include "desk-dialog.h"
#include "desk-job.h"
#include "desk-widget-util.h"

/* What a "not in the sheet" choice maps a column to: a header no sheet has. */

/* One row of the preview: its index in the plan. */
#define DESK_TYPE_SIGNIN_ITEM (desk_signin_item_get_type ())
G_DECLARE_FINAL_TYPE (DeskSigninItem, desk_signin_item, DESK, SIGNIN_ITEM, GObject)

struct _DeskSigninItem
{
  GObject parent_instance;
  guint index;
};

G_DEFINE_FINAL_TYPE (DeskSigninItem, desk_signin_item, G_TYPE_OBJECT)

static void desk_signin_item_class_init (DeskSigninItemClass *klass) { }
static void desk_signin_item_init (DeskSigninItem *self) { }

struct _DeskSigninDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  char *workshop_uuid;
  GBytes *bytes;
  GPtrArray *headers;            /* the sheet's first line */
  DeskSigninPlan *plan;
  GListStore *items;
  GtkDropDown *mappings[DESK_SIGNIN_N_COLUMNS];
  char **mapping;                /* the plan's: NULL for the sheet's own headers */
  gboolean loading;
  DeskJob *job;                  /* the last import started */

  /* Template widgets */
  GtkButton *import_button;
  GtkLabel *file_label;
  GtkFlowBox *mapping_box;
  GtkLabel *error_label;
  GtkLabel *counts_label;
  GtkColumnView *preview_view;
};

G_DEFINE_FINAL_TYPE (DeskSigninDialog, desk_signin_dialog, ADW_TYPE_WINDOW)

/* Helpers */

/* The cells of the sheet's first line, decoded as core decodes the sheet: UTF-16 by its
 * byte-order mark, else UTF-8 (a BOM skipped); fields split at @separator outside quotes. */
static GPtrArray *
read_headers (GBytes *bytes,
              char    separator)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  if (size >= 2 && data[0] == 0xff && data[1] == 0xfe)
    text = g_convert ((const char *) data + 2, (gssize) MIN (size - 2, 65536), "UTF-8", "UTF-16LE", NULL, NULL, NULL);
  else if (size >= 2 && data[0] == 0xfe && data[1] == 0xff)
    text = g_convert ((const char *) data + 2, (gssize) MIN (size - 2, 65536), "UTF-8", "UTF-16BE", NULL, NULL, NULL);
  else if (size >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    text = g_strndup ((const char *) data + 3, MIN (size - 3, 65536));
  else
    text = g_strndup ((const char *) data, MIN (size, 65536));

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return headers;

  for (const char *p = text; ; p++)
    {
      if (*p == '"')
        {
          if (quoted && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else
            quoted = !quoted;
          continue;
        }
      if (*p == '\0' || (!quoted && (*p == separator || *p == '\n' || *p == '\r')))
        {
          char *header = g_strstrip (g_strdup (field->str));

          g_ptr_array_add (headers, header);
          g_string_truncate (field, 0);
          if (*p != separator)
            break;
          continue;
        }
      g_string_append_c (field, *p);
    }

  return headers;
}

static const char *
fate_label (DeskSigninFate fate)
{
  switch (fate)
    {
    case DESK_SIGNIN_ROW_NEW:
      return _("New person");
    case DESK_SIGNIN_ROW_EXISTING:
      return _("Known person");
    case DESK_SIGNIN_ROW_LISTED:
      return _("Already on the list");
    case DESK_SIGNIN_ROW_REPEAT:
      return _("Repeats an earlier row");
    case DESK_SIGNIN_ROW_ERROR:
    default:
      return _("Cannot be imported");
    }
}

static char *
dup_fate_text (const DeskSigninRow *row)
{
  if (row->fate == DESK_SIGNIN_ROW_ERROR && row->message != NULL)
    return g_strdup (row->message);
  if (row->fate == DESK_SIGNIN_ROW_REPEAT)
    /* Translators: a row of a sign-in sheet that repeats the row on line %u. */
    return g_strdup_printf (_("Repeats line %u"), row->same_as_line);

  return g_strdup (fate_label (row->fate));
}

static guint
importable (DeskSigninPlan *plan)
{
  return desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW) +
         desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING) +
         desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
}

/* One counted phrase of a list ("3 new people · 1 error"): each count in a message of its
 * own through ngettext, so that English gets its plurals and Chinese its measure words. */
static void append_count (GString    *text,
                          const char *separator,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
append_count (GString    *text,
              const char *separator,
              const char *format,
              ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append (text, separator);
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static void
show_plan (DeskSigninDialog *self)
{
  guint n = self->plan != NULL ? desk_signin_plan_get_n_rows (self->plan) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *label = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  guint count = self->plan != NULL ? importable (self->plan) : 0;

  for (guint i = 0; i < n; i++)
    {
      DeskSigninItem *item = g_object_new (DESK_TYPE_SIGNIN_ITEM, NULL);

      item->index = i;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (self->plan != NULL)
    {
      guint n_new = desk_signin_plan_count (self->plan, DESK_SIGNIN_ROW_NEW);
      guint n_known = desk_signin_plan_count (self->plan, DESK_SIGNIN_ROW_EXISTING);
      guint n_listed = desk_signin_plan_count (self->plan, DESK_SIGNIN_ROW_LISTED);
      guint n_repeat = desk_signin_plan_count (self->plan, DESK_SIGNIN_ROW_REPEAT);
      guint n_error = desk_signin_plan_count (self->plan, DESK_SIGNIN_ROW_ERROR);

      /* Translators: the counts of a sign-in sheet's preview, by what each row becomes,
       * shown one after the other: “3 new people · 2 known people · …”. */
      append_count (counts, " · ",
                    g_dngettext (GETTEXT_PACKAGE, "%u new person", "%u new people", n_new),
                    n_new);
      append_count (counts, " · ",
                    g_dngettext (GETTEXT_PACKAGE, "%u known person", "%u known people", n_known),
                    n_known);
      append_count (counts, " · ",
                    g_dngettext (GETTEXT_PACKAGE, "%u already on the list", "%u already on the list", n_listed),
                    n_listed);
      append_count (counts, " · ",
                    g_dngettext (GETTEXT_PACKAGE, "%u repeated row", "%u repeated rows", n_repeat),
                    n_repeat);
      append_count (counts, " · ",
                    g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_error),
                    n_error);
    }
  gtk_label_set_label (self->counts_label, counts->str);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Row", "_Import %u Rows", count), count);
  gtk_button_set_label (self->import_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.import", count > 0);

  /* Two columns for one field: the sheet waits for the coordinator's choice above. */
  if (self->plan != NULL && desk_signin_plan_get_problem (self->plan) != NULL)
    desk_dialog_show_error (self->error_label, desk_signin_plan_get_problem (self->plan));
}

static gboolean
make_plan (DeskSigninDialog  *self,
           const char *const *mapping,
           GError           **error)
{
  DeskSigninPlan *plan = desk_signin_plan_new (self->store, self->workshop_uuid, self->bytes, mapping, error);

  if (plan == NULL)
    return FALSE;

  g_clear_pointer (&self->plan, desk_signin_plan_free);
  self->plan = plan;
  g_strfreev (self->mapping);
  self->mapping = g_strdupv ((char **) mapping);

  return TRUE;
}

static void
mapping_changed_cb (DeskSigninDialog *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  builder = g_strv_builder_new ();
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      guint selected = gtk_drop_down_get_selected (self->mappings[c]);
      g_autofree char *pair = NULL;

      if (selected == GTK_INVALID_LIST_POSITION)
        continue;
      /* "key=" says the sheet has no such column. */
      pair = g_strdup_printf ("%s=%s", desk_signin_column_key (c),
                              selected == 0 ? ""
                                            : (const char *) g_ptr_array_index (self->headers, selected - 1));
      g_strv_builder_add (builder, pair);
    }
  mapping = g_strv_builder_end (builder);

  if (!make_plan (self, (const char *const *) mapping, &error))
    {
      desk_dialog_show_error (self->error_label, error->message);
      g_clear_pointer (&self->plan, desk_signin_plan_free);
    }
  else
    desk_dialog_show_error (self->error_label, NULL);

  show_plan (self);
}

static void
build_mappings (DeskSigninDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not in the sheet"));
  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *header = g_ptr_array_index (self->headers, i);

      gtk_string_list_append (choices, header[0] != '\0' ? header : _("(no header)"));
    }

  self->loading = TRUE;
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *label = gtk_label_new (desk_signin_column_label (c));
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      const char *found = desk_signin_plan_get_header (self->plan, c);
      guint selected = 0;

      for (guint i = 0; found != NULL && i < self->headers->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->headers, i), found) == 0)
          {
            selected = i + 1;
            break;
          }
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
      gtk_widget_add_css_class (label, "caption-heading");
      /* Named once: the caption's mnemonic would say it a second time. */
      desk_a11y_name_drop_down (dropdown, desk_signin_column_label (c));
      g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), dropdown);
      gtk_flow_box_append (self->mapping_box, box);
      self->mappings[c] = GTK_DROP_DOWN (dropdown);
    }
  self->loading = FALSE;
}

/* Cells */

typedef enum { CELL_LINE, CELL_NAME, CELL_ORGANISATION, CELL_GENDER, CELL_ROLE, CELL_FATE } CellKind;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 3);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DeskSigninDialog         *self)
{
  CellKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "desk-column"));
  DeskSigninItem *row_item = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const DeskSigninRow *row;
  g_autofree char *text = NULL;

  if (self->plan == NULL || row_item->index >= desk_signin_plan_get_n_rows (self->plan))
    return;
  row = desk_signin_plan_get_row (self->plan, row_item->index);

  gtk_widget_remove_css_class (cell, "error");
  gtk_widget_remove_css_class (cell, "success");
  gtk_widget_remove_css_class (cell, "dim-label");
  switch (kind)
    {
    case CELL_LINE:
      text = g_strdup_printf ("%u", row->line);
      break;
    case CELL_NAME:
      text = g_strdup (row->name);
      break;
    case CELL_ORGANISATION:
      text = g_strdup (row->organisation);
      break;
    case CELL_GENDER:
      if (row->gender != NULL)
        text = desk_reference_table_label (self->store, "genders", row->gender);
      break;
    case CELL_ROLE:
      if (row->role != NULL)
        text = desk_reference_label (self->store, DESK_KIND_ATTENDANCE, "role", row->role);
      break;
    case CELL_FATE:
    default:
      text = dup_fate_text (row);
      if (row->fate == DESK_SIGNIN_ROW_ERROR)
        gtk_widget_add_css_class (cell, "error");
      else if (row->fate == DESK_SIGNIN_ROW_NEW)
        gtk_widget_add_css_class (cell, "success");
      else if (row->fate == DESK_SIGNIN_ROW_REPEAT)
        gtk_widget_add_css_class (cell, "dim-label");
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_widget_set_tooltip_text (cell, kind == CELL_FATE ? text : NULL);
}

static void
add_column (DeskSigninDialog *self,
            const char       *title,
            CellKind          kind,
            int               fixed_chars,
            gboolean          expand)
{
  GtkColumnViewColumn *column = desk_column_view_append (self->preview_view, title,
                                                         G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb),
                                                         self, kind, expand);

  if (fixed_chars > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_chars * 9 + 16);
}

/* The import job */

typedef struct
{
  GBytes *bytes;
  char **mapping;
  char *workshop_uuid;
  DeskHistory *history;          /* the worker's, on the job's connection */
  DeskSigninResult result;
} SigninWork;

static void
signin_work_free (gpointer data)
{
  SigninWork *work = data;

  g_bytes_unref (work->bytes);
  g_strfreev (work->mapping);
  g_free (work->workshop_uuid);
  g_clear_object (&work->history);
  g_free (work);
}

/* On the worker. */
static gboolean
signin_work (DeskStore         *store,
             gpointer           data,
             GCancellable      *cancellable,
             DeskProgressFunc   progress,
             gpointer           progress_data,
             GError           **error)
{
  SigninWork *work = data;
  g_autoptr(DeskSigninPlan) plan = NULL;

  /* Read again on this connection: what each row becomes is decided against the
   * database as it is now, as the import's own lookups are. */
  plan = desk_signin_plan_new (store, work->workshop_uuid, work->bytes,
                               (const char *const *) work->mapping, error);
  if (plan == NULL)
    return FALSE;

  /* Its steps go to the window's history when the job is done. It keeps the job's
   * connection open until then; closing it is all that is left to do. */
  work->history = desk_history_new (store);

  return desk_signin_apply_full (store, work->history, plan, work->workshop_uuid, &work->result,
                                 cancellable, progress, progress_data, error);
}

/* Back on the main thread. */
static void
signin_done (DeskJob      *job,
             gpointer      data,
             const GError *error,
             gpointer      user_data)
{
  DeskSigninDialog *self = user_data;
  SigninWork *work = data;
  g_autoptr(DeskHistory) own = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *text = NULL;
  DeskHistory *history;

  /* Cancelled (the job said so), or the dialog was closed meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->error_label == NULL)
    return;
  if (error != NULL)
    {
      desk_dialog_show_error (self->error_label, error->message);
      return;
    }

  /* One step of the window's history that Ctrl+Z takes back; a dialog without the
   * window still has the records announced, through a history of its own. */
  history = desk_widget_find_history (GTK_WIDGET (self));
  if (history == NULL || desk_history_get_store (history) != self->store)
    history = own = desk_history_new (self->store);
  desk_history_adopt (history, work->history);

  /* Translators: after a sign-in sheet was imported, the counts one after the other:
   * “Imported the sign-in sheet: 3 added to the list, 2 new people, …”. */
  append_count (counts, C_("list separator", ", "),
                g_dngettext (GETTEXT_PACKAGE, "%u added to the list", "%u added to the list", work->result.attendance_added),
                work->result.attendance_added);
  append_count (counts, C_("list separator", ", "),
                g_dngettext (GETTEXT_PACKAGE, "%u new person", "%u new people", work->result.people_added),
                work->result.people_added);
  append_count (counts, C_("list separator", ", "),
                g_dngettext (GETTEXT_PACKAGE, "%u marked attended", "%u marked attended", work->result.attendance_marked),
                work->result.attendance_marked);
  append_count (counts, C_("list separator", ", "),
                g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", work->result.skipped),
                work->result.skipped);
  append_count (counts, C_("list separator", ", "),
                g_dngettext (GETTEXT_PACKAGE, "%u not imported", "%u not imported", work->result.errors),
                work->result.errors);
  text = g_strdup_printf (_("Imported the sign-in sheet: %s"), counts->str);
  desk_dialog_finish (GTK_WINDOW (self), text);
}

DeskJob *
desk_signin_dialog_start_import (DeskSigninDialog *self)
{
  SigninWork *work;

  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);

  if (self->plan == NULL || (self->job != NULL && desk_job_is_running (self->job)))
    return NULL;

  desk_dialog_show_error (self->error_label, NULL);
  work = g_new0 (SigninWork, 1);
  work->bytes = g_bytes_ref (self->bytes);
  work->mapping = g_strdupv (self->mapping);
  work->workshop_uuid = g_strdup (self->workshop_uuid);

  /* A database kept in memory (tests) has it done before this returns. */
  g_clear_object (&self->job);
  self->job = desk_job_start (GTK_WINDOW (self), self->store, _("Importing the sign-in sheet"),
                              signin_work, work, signin_work_free, signin_done, self);

  return g_object_ref (self->job);
}

/* Actions */

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  /* The dialog keeps the job. */
  g_autoptr(DeskJob) job = desk_signin_dialog_start_import (DESK_SIGNIN_DIALOG (widget));
}

/* Overrides */

static void
desk_signin_dialog_dispose (GObject *object)
{
  DeskSigninDialog *self = (DeskSigninDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_SIGNIN_DIALOG);
  if (self->job != NULL)
    desk_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->items);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_signin_dialog_parent_class)->dispose (object);
}

static void
desk_signin_dialog_finalize (GObject *object)
{
  DeskSigninDialog *self = (DeskSigninDialog *) object;

  g_clear_pointer (&self->plan, desk_signin_plan_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_strfreev (self->mapping);
  g_free (self->workshop_uuid);

  G_OBJECT_CLASS (desk_signin_dialog_parent_class)->finalize (object);
}

static void
desk_signin_dialog_class_init (DeskSigninDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_signin_dialog_dispose;
  object_class->finalize = desk_signin_dialog_finalize;

  desk_dialog_class_set_template (widget_class, "/org/voluntaryprinciples/Groupdesk/ui/desk-signin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, mapping_box);
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSigninDialog, preview_view);

  gtk_widget_class_install_action (widget_class, "signin.import", NULL, import_activated);
}

static void
desk_signin_dialog_init (DeskSigninDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (DESK_TYPE_SIGNIN_ITEM);
  gtk_column_view_set_model (self->preview_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)))));
  add_column (self, C_("column", "Line"), CELL_LINE, 4, FALSE);
  add_column (self, C_("column", "Name"), CELL_NAME, 0, TRUE);
  add_column (self, C_("column", "Organisation"), CELL_ORGANISATION, 0, TRUE);
  add_column (self, C_("column", "Gender"), CELL_GENDER, 9, FALSE);
  add_column (self, C_("column", "Role"), CELL_ROLE, 10, FALSE);
  add_column (self, C_("column", "Result"), CELL_FATE, 0, TRUE);
}

/* Public API */

DeskSigninDialog *
desk_signin_dialog_new (GtkWindow   *parent,
                        DeskStore   *store,
                        const char  *workshop_uuid,
                        GFile       *file,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  DeskSigninDialog *self;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;
  char separator;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = desk_signin_read_file (file, NULL, error);
  if (bytes == NULL)
    return NULL;

  self = g_object_new (DESK_TYPE_SIGNIN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->workshop_uuid = g_strdup (workshop_uuid);
  self->bytes = g_steal_pointer (&bytes);

  if (!make_plan (self, NULL, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  separator = desk_signin_plan_get_separator (self->plan);
  self->headers = read_headers (self->bytes, separator);
  build_mappings (self);

  basename = g_file_get_basename (file);
  /* Translators: the file of a sign-in sheet, its encoding and separator: “sheet.csv — UTF-8, separated by ‘,’”. */
  text = g_strdup_printf (_("%s — %s, separated by %s"), basename,
                          desk_signin_plan_get_encoding (self->plan),
                          separator == '\t' ? _("tabs") : separator == ';' ? _("semicolons") : _("commas"));
  gtk_label_set_label (self->file_label, text);
  show_plan (self);

  return self;
}

DeskSigninPlan *
desk_signin_dialog_get_plan (DeskSigninDialog *self)
{
  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);

  return self->plan;
}

GListModel *
desk_signin_dialog_get_preview (DeskSigninDialog *self)
{
  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);

  return G_LIST_MODEL (self->items);
}

const char *
desk_signin_dialog_get_counts_text (DeskSigninDialog *self)
{
  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);

  return gtk_label_get_label (self->counts_label);
}

GtkDropDown *
desk_signin_dialog_get_mapping (DeskSigninDialog *self,
                                DeskSigninColumn  column)
{
  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return self->mappings[column];
}

char *
desk_signin_dialog_dup_fate_text (DeskSigninDialog *self,
                                  guint             position)
{
  g_return_val_if_fail (DESK_IS_SIGNIN_DIALOG (self), NULL);

  if (self->plan == NULL || position >= desk_signin_plan_get_n_rows (self->plan))
    return NULL;

  return dup_fate_text (desk_signin_plan_get_row (self->plan, position));
}
