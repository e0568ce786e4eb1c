/* desk-protect-dialog.c
 *
 * Turning name protection on asks for a passphrase twice, with core's strength hint as
 * it is typed, and enables its button only when core's desk_passphrase_check passes; so
 * the dialog and the CLI refuse the same passphrases with the same sentences. Core then
 * rewrites every sealed field. Argon2id, about a second, runs on a worker
 * (desk_store_protect_async, desk_store_change_passphrase_async) while the spinner turns
 * and the fields and buttons wait, insensitive; the store is touched on the main thread
 * only, before and in _finish. The dialog cannot be closed meanwhile; destroyed all the
 * same (its parent going), it cancels as it leaves the screen, and the finish then
 * changes nothing.
 * The second page shows the recovery key once, to copy or print, and closes only when the
 * coordinator says it is kept. Changing the passphrase is the first page alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-protect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-protect-dialog.h"
#include "desk-protect-dialog-private.h"

#include "desk-dialog.h"
#include "desk-toast.h"
#include "desk-widget-util.h"

struct _DeskProtectDialog
{
  AdwWindow parent_instance;

  DeskStore *store;
  DeskProtectDialogMode mode;
  const DeskKdfCost *cost;
  char *recovery_key;          /* a DeskSecret, once protection is on */
  gboolean busy;
  /* While protecting or changing the passphrase: cancelled when the dialog is disposed. */
  GCancellable *working;

  /* Template widgets */
  GtkButton *cancel_button;
  GtkButton *apply_button;
  GtkButton *done_button;
  GtkStack *stack;
  GtkLabel *intro_label;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *again_row;
  GtkLevelBar *strength_bar;
  GtkLabel *hint_label;
  GtkLabel *error_label;
  GtkWidget *busy_box;
  GtkSpinner *spinner;
  GtkLabel *busy_label;
  GtkLabel *key_label;
  GtkCheckButton *written_check;
};

G_DEFINE_FINAL_TYPE (DeskProtectDialog, desk_protect_dialog, ADW_TYPE_WINDOW)

static const char *
passphrase_text (DeskProtectDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
}

static const char *
again_text (DeskProtectDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->again_row));
}

static void
set_busy (DeskProtectDialog *self,
          gboolean           busy)
{
  self->busy = busy;
  if (busy)
    desk_widget_drop_focus_within (GTK_WIDGET (self));
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Insensitive while it runs (the focus let go first: GTK warns when a focused entry
   * turns insensitive); the first field takes the focus back when it fails. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->again_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

/* The strength of what is typed, and whether core would take it. */
static void
desk_protect_dialog_validate (DeskProtectDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *hint = NULL;
  DeskPassphraseStrength strength;
  gboolean valid;

  strength = desk_passphrase_strength (passphrase_text (self), &hint);
  gtk_level_bar_set_value (self->strength_bar, passphrase_text (self)[0] == '\0' ? 0 : strength + 0.0);
  gtk_label_set_label (self->hint_label, passphrase_text (self)[0] != '\0' && hint != NULL ? hint : "");

  valid = desk_passphrase_check (passphrase_text (self), again_text (self), &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "protect.apply", valid && !self->busy);

  /* A difference is worth saying once the second field holds as much as the first;
   * a passphrase too short, the hint says already. */
  if (!valid && again_text (self)[0] != '\0' &&
      g_utf8_strlen (again_text (self), -1) >= g_utf8_strlen (passphrase_text (self), -1))
    desk_dialog_show_error (self->error_label, error->message);
  else
    desk_dialog_show_error (self->error_label, NULL);
}

/* The key in lines of four groups, so that no group breaks across lines; core ignores
 * the line breaks (and dashes and spaces) when it reads a key back. */
static char *
format_key (const char *key)
{
  g_auto(GStrv) groups = g_strsplit (key, "-", -1);
  GString *text = g_string_new (NULL);
  char *shown;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 4 == 0 ? '\n' : '-');
      g_string_append (text, groups[i]);
    }

  shown = desk_secret_dup (text->str);
  /* Pieces of the key do not stay in freed memory. */
  memset (text->str, 0, text->len);
  g_string_free (text, TRUE);
  for (guint i = 0; groups[i] != NULL; i++)
    memset (groups[i], 0, strlen (groups[i]));

  return shown;
}

static void
show_key_page (DeskProtectDialog *self)
{
  g_autoptr(DeskSecret) shown = format_key (self->recovery_key);

  gtk_label_set_label (self->key_label, shown);
  gtk_stack_set_visible_child_name (self->stack, "key");
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "protect.done", FALSE);
  /* Protection is on now: the passphrase is not needed in the fields any more. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
}

/* What protecting or changing ended in, when the dialog is still there to show it. */
static void
work_failed (DeskProtectDialog *self,
             const GError      *error)
{
  set_busy (self, FALSE);
  desk_dialog_show_error (self->error_label, error->message);
  desk_protect_dialog_validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/* The worker is done, and its finish called: TRUE when the dialog is still there to show
 * what it ended in. The task holds a reference on the dialog until then; a dialog disposed
 * meanwhile (before, or by a "protection" handler during the finish) cancelled the work
 * and forgot its cancellable: a finish cancelled before changes nothing. */
static gboolean
work_done_current (DeskProtectDialog *self)
{
  return self->working != NULL && !g_cancellable_is_cancelled (self->working);
}

static void
protect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskProtectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  /* Cancelled, the finish turns nothing on; called all the same, to free what it holds. */
  key = desk_store_protect_finish (DESK_STORE (source), result, &error);
  if (!work_done_current (self))
    {
      g_clear_pointer (&key, desk_secret_free);
      return;
    }

  g_clear_object (&self->working);
  if (key == NULL)
    {
      work_failed (self, error);
      return;
    }

  self->recovery_key = key;
  set_busy (self, FALSE);
  show_key_page (self);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskProtectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  changed = desk_store_change_passphrase_finish (DESK_STORE (source), result, &error);
  if (!work_done_current (self))
    return;

  g_clear_object (&self->working);
  if (!changed)
    {
      work_failed (self, error);
      return;
    }

  set_busy (self, FALSE);
  desk_dialog_finish (GTK_WINDOW (self), _("Passphrase changed. The recovery key stays the same."));
}

static void
desk_protect_dialog_apply (DeskProtectDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->busy || self->store == NULL)
    return;
  if (!desk_passphrase_check (passphrase_text (self), again_text (self), &error))
    {
      desk_dialog_show_error (self->error_label, error->message);
      return;
    }

  desk_dialog_show_error (self->error_label, NULL);
  set_busy (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "protect.apply", FALSE);
  self->working = g_cancellable_new ();

  /* Core copies the passphrase into guarded memory before these return. */
  if (self->mode == DESK_PROTECT_DIALOG_PROTECT)
    desk_store_protect_async (self->store, passphrase_text (self), self->cost, self->working,
                              protect_done_cb, g_object_ref (self));
  else
    desk_store_change_passphrase_async (self->store, passphrase_text (self), self->cost, self->working,
                                        change_done_cb, g_object_ref (self));
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  desk_protect_dialog_apply (DESK_PROTECT_DIALOG (widget));
}

static void
done_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskProtectDialog *self = DESK_PROTECT_DIALOG (widget);

  if (!gtk_check_button_get_active (self->written_check))
    return;

  desk_dialog_finish (GTK_WINDOW (self), _("Names are protected. Groupdesk asks for the passphrase "
                                           "when it starts and after it locks."));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskProtectDialog *self = DESK_PROTECT_DIALOG (widget);

  if (self->recovery_key == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->recovery_key);
  desk_toast_show_message (widget, _("Recovery key copied. Paste it where only you can read it, "
                                     "then copy something else."));
}

/* Printing: one page with the group, the key and what it is for. */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              DeskProtectDialog *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (self->store);
  const char *name = group != NULL ? desk_record_get_narrative (group, "name", desk_locale_language (), NULL)
                                   : NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(DeskSecret) key = format_key (self->recovery_key);
  g_autofree char *heading = NULL;
  PangoFontDescription *font;
  int height;
  double y = 0;

  /* Translators: the heading of the printed recovery key; %s is the group's name. */
  heading = g_strdup_printf (_("Groupdesk recovery key of %s"), name != NULL ? name : "Groupdesk");

  layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  font = pango_font_description_from_string ("Sans Bold 16");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, heading, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  font = pango_font_description_from_string ("Monospace Bold 20");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, key, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  font = pango_font_description_from_string ("Sans 11");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout,
                         _("This key unlocks the names of people in Groupdesk when the passphrase is "
                           "forgotten. Anyone who has it and the laptop can read them: keep it "
                           "locked away, apart from the laptop."),
                         -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DeskProtectDialog *self = DESK_PROTECT_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->recovery_key == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Groupdesk recovery key"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    desk_toast_show_message (widget, error->message);
}

static void
text_changed_cb (DeskProtectDialog *self)
{
  desk_protect_dialog_validate (self);
}

static void
entry_activated_cb (DeskProtectDialog *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self->passphrase_row)) ||
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self)), GTK_WIDGET (self->passphrase_row)))
    {
      if (again_text (self)[0] == '\0')
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->again_row));
          return;
        }
    }
  desk_protect_dialog_apply (self);
}

static void
written_toggled_cb (DeskProtectDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "protect.done",
                                 gtk_check_button_get_active (self->written_check));
}

/* Once protection is on, the dialog goes only by Done: the key is never shown again. */
static gboolean
desk_protect_dialog_close_request (GtkWindow *window)
{
  DeskProtectDialog *self = DESK_PROTECT_DIALOG (window);

  if (self->busy)
    return TRUE;
  if (self->recovery_key != NULL && !gtk_check_button_get_active (self->written_check))
    {
      desk_toast_show_message (GTK_WIDGET (self),
                               _("Keep the recovery key first: print it or write it down, then "
                                 "check the box and press Done."));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (desk_protect_dialog_parent_class)->close_request (window);
}

/* The words of the mode; desk_protect_dialog_new is the one way a dialog is made. */
static void
desk_protect_dialog_set_mode (DeskProtectDialog     *self,
                              DeskProtectDialogMode  mode)
{
  self->mode = mode;
  if (self->mode == DESK_PROTECT_DIALOG_CHANGE)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Change Passphrase"));
      gtk_button_set_label (self->apply_button, _("C_hange"));
      gtk_label_set_label (self->intro_label,
                           _("Type the new passphrase twice. The recovery key stays the same."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), _("New Passphrase"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->again_row), _("New Passphrase Again"));
      gtk_label_set_label (self->busy_label, _("Changing the passphrase…"));
    }
  else
    {
      gtk_button_set_label (self->apply_button, _("_Turn On"));
      gtk_label_set_label (self->intro_label,
                           _("People’s names, organisations, roles, contacts and notes will be "
                             "encrypted on this computer, so that a lost or seized laptop does not "
                             "give them away. Groupdesk asks for the passphrase when it starts; "
                             "workplans, budgets and counts stay readable without it."));
      gtk_label_set_label (self->busy_label, _("Encrypting names…"));
    }

  desk_protect_dialog_validate (self);
}

/* Cancels the work that runs: its finish then changes nothing. */
static void
cancel_work (DeskProtectDialog *self)
{
  if (self->working != NULL)
    g_cancellable_cancel (self->working);
  g_clear_object (&self->working);
}

/* Destroyed (gtk_window_destroy, its parent going) while it works: the dialog is not
 * disposed before the worker's task lets it go, so it cancels here, as it leaves the
 * screen. Protection stays as it was. */
static void
desk_protect_dialog_unrealize (GtkWidget *widget)
{
  DeskProtectDialog *self = DESK_PROTECT_DIALOG (widget);

  if (self->working != NULL)
    {
      cancel_work (self);
      set_busy (self, FALSE);
    }

  GTK_WIDGET_CLASS (desk_protect_dialog_parent_class)->unrealize (widget);
}

static void
desk_protect_dialog_dispose (GObject *object)
{
  DeskProtectDialog *self = (DeskProtectDialog *) object;

  cancel_work (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PROTECT_DIALOG);
  g_clear_pointer (&self->recovery_key, desk_secret_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_protect_dialog_parent_class)->dispose (object);
}

static void
desk_protect_dialog_class_init (DeskProtectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_protect_dialog_dispose;
  widget_class->unrealize = desk_protect_dialog_unrealize;
  window_class->close_request = desk_protect_dialog_close_request;

  desk_object_class_install_store (object_class, G_STRUCT_OFFSET (DeskProtectDialog, store));

  desk_dialog_class_set_template (widget_class, "/org/voluntaryprinciples/Groupdesk/ui/desk-protect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, again_row);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, busy_box);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProtectDialog, written_check);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, written_toggled_cb);

  gtk_widget_class_install_action (widget_class, "protect.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "protect.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "protect.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "protect.print", NULL, print_activated);
}

static void
desk_protect_dialog_init (DeskProtectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_toast_install_actions (GTK_WIDGET (self));

  /* Weak, fair and strong each get their colour; too short shows an empty bar. */
  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, DESK_PASSPHRASE_WEAK);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, DESK_PASSPHRASE_FAIR);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, DESK_PASSPHRASE_STRONG);
}

GtkWidget *
desk_protect_dialog_new (DeskStore             *store,
                         DeskProtectDialogMode  mode,
                         GtkWindow             *parent)
{
  DeskProtectDialog *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_PROTECT_DIALOG, "store", store, "transient-for", parent, NULL);
  desk_protect_dialog_set_mode (self, mode);

  return GTK_WIDGET (self);
}

/* Private API, for tests */

void
_desk_protect_dialog_set_kdf_cost (DeskProtectDialog *self,
                                   const DeskKdfCost *cost)
{
  self->cost = cost;
}

void
_desk_protect_dialog_set_texts (DeskProtectDialog *self,
                                const char        *passphrase,
                                const char        *again)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), again);
}

gboolean
_desk_protect_dialog_can_apply (DeskProtectDialog *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button));
}

const char *
_desk_protect_dialog_get_page (DeskProtectDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_desk_protect_dialog_get_recovery_key (DeskProtectDialog *self)
{
  return self->recovery_key;
}

double
_desk_protect_dialog_get_strength (DeskProtectDialog *self)
{
  return gtk_level_bar_get_value (self->strength_bar);
}

const char *
_desk_protect_dialog_get_hint (DeskProtectDialog *self)
{
  return gtk_label_get_label (self->hint_label);
}

const char *
_desk_protect_dialog_get_error (DeskProtectDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

gboolean
_desk_protect_dialog_get_busy (DeskProtectDialog *self)
{
  return self->busy;
}

void
_desk_protect_dialog_confirm_written (DeskProtectDialog *self)
{
  gtk_check_button_set_active (self->written_check, TRUE);
}
