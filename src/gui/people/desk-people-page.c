/* desk-people-page.c
 *
 * The group's members (with the balance of pillars among the active ones) and the people
 * who take part in its workshops. A person is known by name and organisation: naming a
 * new person like someone already there offers that person instead
 * (desk_store_find_person), and deleting one says that it takes them off every list. The group profile opens in a small window
 * of its own. Read on first show only. While a protected store is locked the page shows
 * "Names Are Locked" and an Unlock button instead of its lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-people-page.h"
#include "desk-a11y.h"
#include "desk-people-page-private.h"

#include "desk-person-merge.h"

#include "desk-reason-dialog.h"
#include "desk-record-editor.h"
#include "desk-cells.h"
#include "desk-record-list.h"
#include "desk-widget-util.h"

struct _DeskPeoplePage
{
  DeskPage parent_instance;

  char *group_uuid;
  DeskRecordModel *members;
  gulong changed_id;
  GtkWidget *pillar_filter;
  GtkToggleButton *inactive_toggle;
  DeskRecordEditor *editor;
  GtkWindow *group_window;

  /* The People tab */
  DeskRecordModel *people;
  gulong people_changed_id;
  DeskRecordList *person_list;
  DeskRecordEditor *person_editor;
  GtkEventController *person_keys;
  GtkWidget *gender_filter;
  GtkWidget *merge_button;     /* over the list: merges the two people selected */
  GtkWidget *dup_box;
  GtkLabel *dup_label;
  char *dup_uuid;              /* the person the open one seems to repeat */
  char *dup_dismissed;         /* the open person the user chose to keep anyway */
  AdwMessageDialog *delete_dialog;
  AdwMessageDialog *merge_dialog;

  /* Template widgets */
  GtkStack *lock_stack;
  GtkWidget *content;
  GtkBox *balance_box;
  GtkBox *toolbar;
  AdwViewStack *view_stack;
  AdwBin *member_bin;
  AdwBin *person_bin;
  DeskRecordList *member_list;
};

G_DEFINE_FINAL_TYPE (DeskPeoplePage, desk_people_page, DESK_TYPE_PAGE)

static const char * const member_layout_main[] = { "name", "pillar", "status", "active", NULL };
static const char * const member_layout_contact[] = { "contact_name", "contact_email",
                                                      "contact_phone", NULL };
static const char * const member_layout_more[] = { "joined", "notes", NULL };
static const char * const group_layout_main[] = { "name", "code", "country", "currency",
                                                  "languages", NULL };
static const char * const group_layout_notes[] = { "notes", NULL };
static const char * const person_layout_main[] = { "name", "member_uuid", "organisation", "pillar",
                                                   "gender", "role_title", NULL };
static const char * const person_layout_contact[] = { "phone", "email", NULL };
static const char * const person_layout_more[] = { "vulnerable_groups", "consent_named", NULL };

/* Helpers */

static void member_new_cb (DeskPeoplePage *self);
static void person_open_cb (DeskPeoplePage *self,
                            const char     *uuid);
static void person_new_cb  (DeskPeoplePage *self);
static void check_duplicate (DeskPeoplePage *self);


static void
update_balance (DeskPeoplePage *self)
{
  g_autoptr(GPtrArray) pillars = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_MEMBER, "pillar");
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskRecord) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);
      const char *pillar = desk_record_get_string (member, "pillar");

      if (pillar == NULL || desk_record_get_int (member, "active") == 0)
        continue;
      g_hash_table_insert (counts, (gpointer) g_intern_string (pillar),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, pillar)) + 1));
    }

  desk_widget_remove_children (GTK_WIDGET (self->balance_box));

  for (guint i = 0; i < pillars->len; i++)
    {
      DeskChoice *pillar = g_ptr_array_index (pillars, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pillar->code));
      g_autofree char *css = g_strconcat ("desk-pillar-", pillar->code, NULL);
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *pill;

      /* Observers and others only when there are some: the three pillars always. */
      if (count == 0 && (g_str_equal (pillar->code, "observer") || g_str_equal (pillar->code, "other")))
        continue;

      /* Translators: a pillar and how many active members it has: “Government 3”. */
      text = g_strdup_printf (C_("pillar balance", "%s %u"), pillar->label, count);
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active member of the %s pillar",
                                              "%u active members of the %s pillar", count),
                                 count, pillar->label);
      pill = desk_pill_new (NULL, text, css);
      gtk_widget_set_tooltip_text (pill, tooltip);
      if (count == 0)
        gtk_widget_add_css_class (pill, "desk-pill-empty");
      gtk_box_append (self->balance_box, pill);
    }

  g_hash_table_unref (counts);
}

static gboolean
member_matches (DeskRecord *record,
                gpointer    user_data)
{
  DeskPeoplePage *self = user_data;
  const char *code = desk_filter_dropdown_get_code (self->pillar_filter);

  if (code != NULL && g_strcmp0 (desk_record_get_string (record, "pillar"), code) != 0)
    return FALSE;

  if (!gtk_toggle_button_get_active (self->inactive_toggle) && desk_record_get_int (record, "active") == 0)
    return FALSE;

  return TRUE;
}

static void
filter_changed_cb (DeskPeoplePage *self)
{
  desk_record_list_refilter (self->member_list, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Cells */

static void
bind_active (GtkWidget  *cell,
             DeskRecord *record,
             gpointer    user_data)
{
  desk_cell_set_flag (cell, desk_record_get_int (record, "active") != 0, _("Active"), _("Inactive"));
}

/* Store */

static void
store_changed_cb (DeskStore      *store,
                  const char     *kind,
                  const char     *uuid,
                  DeskPeoplePage *self)
{
  update_balance (self);
}

static void
people_changed_cb (DeskStore      *store,
                   const char     *kind,
                   const char     *uuid,
                   DeskPeoplePage *self)
{
  const char *open = self->person_list != NULL ? desk_record_list_get_open_uuid (self->person_list) : NULL;

  if (open != NULL && (g_strcmp0 (open, uuid) == 0 || g_strcmp0 (self->dup_uuid, uuid) == 0))
    check_duplicate (self);
}

/* The People tab */

static gboolean
person_matches (DeskRecord *record,
                gpointer    user_data)
{
  DeskPeoplePage *self = user_data;
  const char *code = desk_filter_dropdown_get_code (self->gender_filter);

  return code == NULL || g_strcmp0 (desk_record_get_string (record, "gender"), code) == 0;
}

static void
person_filter_changed_cb (DeskPeoplePage *self)
{
  desk_record_list_refilter (self->person_list, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
bind_person_organisation (GtkWidget  *cell,
                          DeskRecord *record,
                          gpointer    user_data)
{
  DeskPeoplePage *self = user_data;
  g_autofree char *organisation = desk_person_dup_organisation (desk_page_get_store (DESK_PAGE (self)), record);

  desk_cell_set_text (cell, organisation);
}

static void
bind_consent (GtkWidget  *cell,
              DeskRecord *record,
              gpointer    user_data)
{
  desk_cell_set_flag (cell, desk_record_get_int (record, "consent_named") != 0,
                      /* Translators: whether a person may be named in exports. */
                      C_("consent", "May be named"), C_("consent", "Counted only"));
}

static void
check_duplicate (DeskPeoplePage *self)
{
  const char *open = desk_record_list_get_open_uuid (self->person_list);
  g_autoptr(DeskRecord) person = NULL;
  g_autoptr(DeskRecord) found = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->dup_uuid, g_free);
  /* Another group's people, from its bundle, are shown as they came: nothing to merge. */
  if (open != NULL && g_strcmp0 (open, self->dup_dismissed) != 0 &&
      desk_page_get_writable (DESK_PAGE (self)))
    person = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_PERSON, open, NULL);
  if (person != NULL)
    {
      organisation = desk_person_dup_organisation (desk_page_get_store (DESK_PAGE (self)), person);
      found = desk_store_find_person (desk_page_get_store (DESK_PAGE (self)), self->group_uuid,
                                      desk_record_get_string (person, "name"), organisation);
    }
  if (found != NULL && g_strcmp0 (desk_record_get_uuid (found), open) != 0)
    {
      self->dup_uuid = g_strdup (desk_record_get_uuid (found));
      if (organisation != NULL && organisation[0] != '\0')
        /* Translators: a person being added seems to be someone already there. */
        text = g_strdup_printf (_("%s of %s is already in the list. Use that person, or add this one anyway?"),
                                desk_record_get_string (found, "name"), organisation);
      else
        text = g_strdup_printf (_("%s is already in the list. Use that person, or add this one anyway?"),
                                desk_record_get_string (found, "name"));
      gtk_label_set_label (self->dup_label, text);
    }
  gtk_widget_set_visible (self->dup_box, self->dup_uuid != NULL);
}

/* After the repeated person went: @user_data is the one already there, to open. */
static void
repeated_deleted_cb (GtkWidget    *widget,
                     const GError *error,
                     gpointer      user_data)
{
  DeskPeoplePage *self = DESK_PEOPLE_PAGE (widget);
  g_autofree char *existing = user_data;

  if (error != NULL)
    {
      if (!g_error_matches (error, DESK_ERROR, DESK_ERROR_REPORTED))
        desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }
  if (self->person_list != NULL)
    desk_record_list_open (self->person_list, existing);
}

static void
use_existing_clicked_cb (DeskPeoplePage *self)
{
  const char *open = desk_record_list_get_open_uuid (self->person_list);

  if (self->dup_uuid == NULL || open == NULL || !desk_page_get_writable (DESK_PAGE (self)))
    return;

  /* The new record goes (Ctrl+Z brings it back); the one already there opens. */
  desk_reason_delete (GTK_WIDGET (self), desk_page_get_history (DESK_PAGE (self)), DESK_KIND_PERSON,
                      open, repeated_deleted_cb, g_strdup (self->dup_uuid));
}

static void
add_anyway_clicked_cb (DeskPeoplePage *self)
{
  g_free (self->dup_dismissed);
  self->dup_dismissed = g_strdup (desk_record_list_get_open_uuid (self->person_list));
  check_duplicate (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeskPeoplePage   *self)
{
  if (self->delete_dialog == dialog)
    self->delete_dialog = NULL;
  if (g_strcmp0 (response, "delete") == 0 && self->person_list != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->person_list), "list.delete", NULL);
}

/* Deleting a person takes them off every workshop's list and every nomination: say so
 * before. The list's own Delete (its button and key) comes here first. */
static void
confirm_person_delete (DeskPeoplePage *self)
{
  const char *open = desk_record_list_get_open_uuid (self->person_list);
  g_autoptr(DeskRecord) person = NULL;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (open != NULL)
    person = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_PERSON, open, NULL);
  if (person == NULL)
    return;

  /* Translators: the heading of the confirmation before a person is deleted. */
  heading = g_strdup_printf (_("Delete %s?"), desk_record_get_string (person, "name"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("They will be taken off the list of every workshop and every "
                                     "plenary nomination. Only a note that a person was deleted is "
                                     "kept, so that the deletion reaches the secretariat. Ctrl+Z "
                                     "undoes this."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  self->delete_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DeskPeoplePage   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  DeskHistory *history = desk_page_get_history (DESK_PAGE (self));

  if (g_strcmp0 (response, "merge") != 0)
    return;

  kept = desk_person_merge_dialog_apply (dialog, &error);
  if (kept == NULL)
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  /* The step's label says who went into whom. */
  desk_page_add_toast (DESK_PAGE (self), desk_history_get_undo_label (history));
  if (self->person_list != NULL)
    desk_record_list_open (self->person_list, kept);
}

/* The merge dialog for @open, with @other (or, NULL, the closest record) chosen. */
static void
open_merge_dialog (DeskPeoplePage *self,
                   const char     *open,
                   const char     *other)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (open == NULL)
    return;

  if (self->merge_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
  self->merge_dialog = desk_person_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     desk_page_get_history (DESK_PAGE (self)), open, other);
  if (self->merge_dialog == NULL)
    return;
  /* Until it is closed, however that happens. */
  g_object_add_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
  g_signal_connect (self->merge_dialog, "response", G_CALLBACK (merge_response_cb), self);
}

/* Two records of one person become one: the two selected in the list, or the open
 * person and one the dialog asks for. */
static void
merge_clicked_cb (DeskPeoplePage *self)
{
  g_autoptr(GPtrArray) selected = desk_record_list_dup_selected (self->person_list);
  const char *open = desk_record_list_get_open_uuid (self->person_list);
  const char *other = NULL;

  if (selected->len == 2)
    {
      const char *first = desk_record_get_uuid (g_ptr_array_index (selected, 0));
      const char *second = desk_record_get_uuid (g_ptr_array_index (selected, 1));

      /* The open person is “this” record, whose details are kept unless told otherwise. */
      if (g_strcmp0 (open, second) == 0)
        other = first;
      else
        {
          open = first;
          other = second;
        }
    }

  open_merge_dialog (self, open, other);
}

/* The person the open one repeats: merged, so that the workshops of both are kept (Use
 * Existing removes the open record, for one just typed in). */
static void
merge_duplicate_clicked_cb (DeskPeoplePage *self)
{
  g_autofree char *existing = g_strdup (self->dup_uuid);

  if (existing != NULL && desk_page_get_writable (DESK_PAGE (self)))
    open_merge_dialog (self, desk_record_list_get_open_uuid (self->person_list), existing);
}

/* The list's Merge button works on exactly two people. */
static void
person_selection_changed_cb (DeskPeoplePage *self)
{
  g_autoptr(GPtrArray) selected = desk_record_list_dup_selected (self->person_list);

  gtk_widget_set_sensitive (self->merge_button, selected->len == 2 && desk_page_get_writable (DESK_PAGE (self)));
}

static void
person_delete_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  confirm_person_delete (user_data);
}

static void
person_close_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DeskPeoplePage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->person_list), "list.close-editor", NULL);
}

static gboolean
person_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       DeskPeoplePage        *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) || focus == NULL ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW) == NULL ||
      !desk_page_get_writable (DESK_PAGE (self)))
    return FALSE;

  confirm_person_delete (self);
  return TRUE;
}

static void
make_person_list (DeskPeoplePage *self)
{
  static const GActionEntry entries[] = {
    { "delete", person_delete_activated, NULL, NULL, NULL, { 0 } },
    { "close-editor", person_close_activated, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GPtrArray) genders = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkColumnViewColumn *column;
  GtkEventController *keys;
  GtkWidget *pane;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *editor_pane;
  GtkWidget *consent_row;

  self->person_list = desk_record_list_new_in (self->person_bin, G_CALLBACK (person_open_cb),
                                               G_CALLBACK (person_new_cb), self);
  column = desk_record_list_add_field_column (self->person_list, DESK_KIND_PERSON, "name",
                                              C_("column", "Name"), DESK_COLUMN_ESSENTIAL);
  gtk_column_view_column_set_expand (column, TRUE);
  /* By the name folded for sorting, so that “Ama” and “ama” sit together. */
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (desk_record_compare_field,
                                                                               (gpointer) "name_key", NULL)));
  desk_record_list_add_column (self->person_list, C_("column", "Organisation"), NULL,
                               bind_person_organisation, NULL, self, TRUE);
  column = desk_record_list_add_field_column (self->person_list, DESK_KIND_PERSON, "pillar",
                                              C_("column", "Pillar"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 8);
  column = desk_record_list_add_field_column (self->person_list, DESK_KIND_PERSON, "gender",
                                              C_("column", "Gender"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 7);
  column = desk_record_list_add_column (self->person_list, C_("column", "Exports"), NULL, bind_consent,
                                        desk_record_compare_field, (gpointer) "consent_named", FALSE);
  desk_record_list_set_column_priority (self->person_list, column, DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 10);
  desk_record_list_set_new_tooltip (self->person_list, _("New Person (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->person_list)), _("Search people"));
  desk_record_list_set_empty_text (self->person_list, "avatar-default-symbolic",
                                   _("No People"),
                                   _("Add the people who come to workshops with Ctrl+N, check them in "
                                     "at a workshop, or change the search and filters."));

  genders = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_PERSON, "gender");
  self->gender_filter = desk_filter_dropdown_new (_("All Genders"), genders);
  desk_a11y_name_drop_down (self->gender_filter, _("Filter by gender"));
  g_signal_connect_swapped (self->gender_filter, "notify::selected", G_CALLBACK (person_filter_changed_cb), self);
  gtk_box_append (desk_record_list_get_filter_box (self->person_list), self->gender_filter);

  /* Two records of one person: choose both with Ctrl+click, then merge them. */
  desk_record_list_set_multiple (self->person_list, TRUE);
  self->merge_button = gtk_button_new_with_mnemonic (_("_Merge…"));
  gtk_widget_set_tooltip_text (self->merge_button,
                               _("Merge the two people selected into one record "
                                 "(select the second with Ctrl+click)"));
  gtk_widget_set_hexpand (self->merge_button, TRUE);
  gtk_widget_set_halign (self->merge_button, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->merge_button, FALSE);
  g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (merge_clicked_cb), self);
  gtk_box_append (desk_record_list_get_filter_box (self->person_list), self->merge_button);
  /* Another group's people, from its bundle, are not this database's to merge. */
  g_object_bind_property (self, "writable", self->merge_button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->person_list, "selection-changed",
                            G_CALLBACK (person_selection_changed_cb), self);

  /* The pane: the offer of the person already there, then the editor. */
  pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->dup_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (self->dup_box, "card");
  gtk_widget_add_css_class (self->dup_box, "desk-duplicate");
  gtk_widget_set_visible (self->dup_box, FALSE);
  self->dup_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->dup_label, TRUE);
  gtk_label_set_xalign (self->dup_label, 0.0f);
  gtk_widget_set_margin_start (GTK_WIDGET (self->dup_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->dup_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->dup_label), 12);
  gtk_box_append (GTK_BOX (self->dup_box), GTK_WIDGET (self->dup_label));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 12);
  button = gtk_button_new_with_mnemonic (_("Merge _Both…"));
  gtk_widget_set_tooltip_text (button, _("Keep one record, with the workshops and nominations of both"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (merge_duplicate_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Add Anyway"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_anyway_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Use Existing"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (use_existing_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (self->dup_box), buttons);
  gtk_box_append (GTK_BOX (pane), self->dup_box);

  /* At the top, where it is seen without scrolling past the whole form. */
  button = gtk_button_new_with_mnemonic (_("Merge With Another _Record…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("For a person entered twice: keep one record, with the "
                                         "workshops and nominations of both"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (merge_clicked_cb), self);
  gtk_box_append (GTK_BOX (pane), button);

  self->person_editor = DESK_RECORD_EDITOR (desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_PERSON));
  desk_record_editor_add_group (self->person_editor, NULL, person_layout_main);
  desk_record_editor_add_group (self->person_editor, _("Contact"), person_layout_contact);
  desk_record_editor_add_group (self->person_editor, NULL, person_layout_more);
  consent_row = desk_record_editor_get_row (self->person_editor, "consent_named");
  if (ADW_IS_ACTION_ROW (consent_row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (consent_row),
                                 _("Off unless the person agreed. Without consent, exports count "
                                   "them but never name them."));
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (self->person_editor));
  desk_record_list_set_editor (self->person_list, pane, self->person_editor, "name");
  desk_record_list_set_history (self->person_list, desk_page_get_history (DESK_PAGE (self)));
  desk_record_list_set_match_func (self->person_list, person_matches, self);

  /* The pane's Delete button asks first; its Close still closes. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  g_object_bind_property (self, "writable", g_action_map_lookup_action (G_ACTION_MAP (group), "delete"),
                          "enabled", G_BINDING_SYNC_CREATE);
  editor_pane = pane;
  while (editor_pane != NULL && !gtk_widget_has_css_class (editor_pane, "desk-editor-pane"))
    editor_pane = gtk_widget_get_parent (editor_pane);
  if (editor_pane != NULL)
    gtk_widget_insert_action_group (editor_pane, "list", G_ACTION_GROUP (group));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (person_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->person_bin), keys);
  self->person_keys = keys;
}

/* Building */

static void
make_list (DeskPeoplePage *self)
{
  GtkColumnViewColumn *column;

  self->member_list = desk_record_list_new_in (self->member_bin, NULL,
                                      G_CALLBACK (member_new_cb), self);
  desk_record_list_add_field_column (self->member_list, DESK_KIND_MEMBER, "name",
                                     C_("column", "Organisation"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_field_column (self->member_list, DESK_KIND_MEMBER, "pillar",
                                              C_("column", "Pillar"), DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 11);
  column = desk_record_list_add_field_column (self->member_list, DESK_KIND_MEMBER, "status",
                                              C_("column", "Membership"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 13);
  column = desk_record_list_add_field_column (self->member_list, DESK_KIND_MEMBER, "contact_name",
                                              C_("column", "Contact"), DESK_COLUMN_OPTIONAL);
  desk_record_list_fix_width (column, 14);
  desk_record_list_add_field_column (self->member_list, DESK_KIND_MEMBER, "joined",
                                     C_("column", "Joined"), DESK_COLUMN_ESSENTIAL);
  column = desk_record_list_add_column (self->member_list, C_("column", "Active"), NULL, bind_active,
                                        desk_record_compare_field, (gpointer) "active", FALSE);
  desk_record_list_set_column_priority (self->member_list, column, DESK_COLUMN_NORMAL);
  desk_record_list_fix_width (column, 7);
  desk_record_list_set_new_tooltip (self->member_list, _("New Member (Ctrl+N)"));
  desk_a11y_name_editable (GTK_WIDGET (desk_record_list_get_search_entry (self->member_list)), _("Search members"));
  desk_record_list_set_empty_text (self->member_list, "system-users-symbolic",
                                   _("No Members"),
                                   _("Add the group’s member organisations with Ctrl+N, or "
                                     "change the search and filters."));
}


static gboolean
desk_people_page_build (DeskPage *page)
{
  DeskPeoplePage *self = DESK_PEOPLE_PAGE (page);
  DeskStore *store = desk_page_get_store (page);
  DeskHistory *history = desk_page_get_history (page);
  g_autoptr(GPtrArray) pillars = NULL;
  GtkBox *box;

  self->group_uuid = desk_page_dup_group_uuid (page);
  if (self->group_uuid == NULL)
    return FALSE;

  /* Locked names: a page that says so instead of lists of "Name locked". The window
   * makes its pages again when the store is unlocked. */
  if (!desk_store_names_readable (store))
    {
      gtk_stack_set_visible_child_name (self->lock_stack, "locked");
      return TRUE;
    }
  gtk_stack_set_visible_child_name (self->lock_stack, "content");

  make_list (self);
  box = desk_record_list_get_filter_box (self->member_list);
  pillars = desk_reference_choices (store, DESK_KIND_MEMBER, "pillar");
  self->pillar_filter = desk_filter_dropdown_new (_("All Pillars"), pillars);
  desk_a11y_name_drop_down (self->pillar_filter, _("Filter by pillar"));
  g_signal_connect_swapped (self->pillar_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (box, self->pillar_filter);
  self->inactive_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("Show _Inactive")));
  g_signal_connect_swapped (self->inactive_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->inactive_toggle));

  self->editor = DESK_RECORD_EDITOR (desk_record_editor_new (history, DESK_KIND_MEMBER));
  desk_record_editor_add_group (self->editor, NULL, member_layout_main);
  desk_record_editor_add_group (self->editor, _("Contact"), member_layout_contact);
  desk_record_editor_add_group (self->editor, NULL, member_layout_more);
  desk_record_list_set_editor (self->member_list, NULL, self->editor, "name");
  desk_record_list_set_history (self->member_list, history);
  desk_record_list_set_match_func (self->member_list, member_matches, self);

  self->members = desk_record_model_new (store, DESK_KIND_MEMBER, self->group_uuid);
  self->changed_id = g_signal_connect (store, "changed::member",
                                       G_CALLBACK (store_changed_cb), self);
  update_balance (self);
  desk_record_list_set_model (self->member_list, self->members);

  make_person_list (self);
  self->people = desk_record_model_new (store, DESK_KIND_PERSON, self->group_uuid);
  self->people_changed_id = g_signal_connect (store, "changed::person",
                                              G_CALLBACK (people_changed_cb), self);
  desk_record_list_set_model (self->person_list, self->people);

  return TRUE;
}

/* Callbacks */

static void
member_new_cb (DeskPeoplePage *self)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *name_field = NULL;
  g_autofree char *today = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  statuses = desk_reference_choices (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_MEMBER, "status");
  name_field = g_strconcat ("name_", desk_locale_language (), NULL);
  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));

  record = desk_record_new (DESK_KIND_MEMBER);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, name_field, _("New member"));
  desk_record_set_string (record, "pillar", "civil_society");
  desk_record_set_string (record, "status", ((DeskChoice *) g_ptr_array_index (statuses, 0))->code);
  desk_record_set_string (record, "joined", today);
  desk_record_set_int (record, "active", 1);
  desk_page_add_new_record (DESK_PAGE (self), self->member_list, record, name_field);
}

static void
person_open_cb (DeskPeoplePage *self,
                const char     *uuid)
{
  if (self->person_editor != NULL)
    check_duplicate (self);
}

static void
person_new_cb (DeskPeoplePage *self)
{
  g_autoptr(DeskRecord) record = NULL;

  if (!desk_page_get_built (DESK_PAGE (self)))
    return;

  record = desk_record_new (DESK_KIND_PERSON);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, "name", _("New person"));
  desk_record_set_string (record, "gender", "not_stated");
  desk_record_set_int (record, "consent_named", 0);
  desk_page_add_new_record (DESK_PAGE (self), self->person_list, record, "name");
}

static void
edit_group_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskPeoplePage *self = DESK_PEOPLE_PAGE (widget);
  g_autoptr(DeskRecord) group = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor;

  if (desk_page_get_store (DESK_PAGE (self)) == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;
  if (self->group_uuid == NULL)
    return;
  group = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_GROUP, self->group_uuid, NULL);
  if (group == NULL)
    return;

  editor = desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_GROUP);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, group_layout_main);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, group_layout_notes);
  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), group);

  if (self->group_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->group_window), (gpointer *) &self->group_window);
  self->group_window = desk_record_editor_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     _("Group Profile"), editor);
  g_object_add_weak_pointer (G_OBJECT (self->group_window), (gpointer *) &self->group_window);
  gtk_window_present (self->group_window);
}

/* Overrides */

static void
desk_people_page_unbuild (DeskPage *page)
{
  DeskPeoplePage *self = DESK_PEOPLE_PAGE (page);

  g_clear_signal_handler (&self->changed_id, desk_page_get_store (page));
  g_clear_signal_handler (&self->people_changed_id, desk_page_get_store (page));
  if (self->delete_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_dialog, self);
      self->delete_dialog = NULL;
    }
  if (self->merge_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->merge_dialog, self);
      g_object_remove_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
      self->merge_dialog = NULL;
    }

  /* Each list goes with its filters and editor. */
  adw_bin_set_child (self->member_bin, NULL);
  adw_bin_set_child (self->person_bin, NULL);
  if (self->person_keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->person_bin), self->person_keys);
  desk_widget_remove_children (GTK_WIDGET (self->balance_box));
  self->person_keys = NULL;
  self->member_list = NULL;
  self->person_list = NULL;
  self->editor = NULL;
  self->person_editor = NULL;
  self->pillar_filter = NULL;
  self->inactive_toggle = NULL;
  self->gender_filter = NULL;
  self->dup_box = NULL;
  self->dup_label = NULL;
  g_clear_pointer (&self->dup_uuid, g_free);
  g_clear_pointer (&self->dup_dismissed, g_free);
  g_clear_object (&self->members);
  g_clear_object (&self->people);
  g_clear_pointer (&self->group_uuid, g_free);
}

static void
desk_people_page_dispose (GObject *object)
{
  DeskPeoplePage *self = (DeskPeoplePage *) object;

  if (self->group_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->group_window), (gpointer *) &self->group_window);
      self->group_window = NULL;
    }

  G_OBJECT_CLASS (desk_people_page_parent_class)->dispose (object);
}

static void
desk_people_page_finalize (GObject *object)
{
  DeskPeoplePage *self = (DeskPeoplePage *) object;

  g_free (self->group_uuid);
  g_free (self->dup_uuid);
  g_free (self->dup_dismissed);

  G_OBJECT_CLASS (desk_people_page_parent_class)->finalize (object);
}

static DeskRecordList *
desk_people_page_get_active_list (DeskPage *page)
{
  DeskPeoplePage *self = DESK_PEOPLE_PAGE (page);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "people") == 0)
    return self->person_list;

  return self->member_list;
}

static void
desk_people_page_class_init (DeskPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DeskPageClass *page_class = DESK_PAGE_CLASS (klass);

  object_class->dispose = desk_people_page_dispose;
  object_class->finalize = desk_people_page_finalize;

  page_class->build = desk_people_page_build;
  page_class->unbuild = desk_people_page_unbuild;
  page_class->get_active_list = desk_people_page_get_active_list;

  desk_page_class_set_template_from_resource (page_class,
                                              "/org/voluntaryprinciples/Groupdesk/ui/desk-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, content);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, balance_box);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, member_bin);
  gtk_widget_class_bind_template_child (widget_class, DeskPeoplePage, person_bin);

  gtk_widget_class_install_action (widget_class, "people.edit-group", NULL, edit_group_activated);
  desk_page_class_set_writing_actions (page_class, (const char *[]) { "people.edit-group", NULL });
}

static void
desk_people_page_init (DeskPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_page_add_section_switcher (DESK_PAGE (self), self->toolbar, self->view_stack);
}

/* Private API, for tests */

DeskRecordList *
_desk_people_page_get_member_list (DeskPeoplePage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->member_list;
}

DeskRecordEditor *
_desk_people_page_get_member_editor (DeskPeoplePage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->editor;
}

GtkBox *
_desk_people_page_get_balance_box (DeskPeoplePage *self)
{
  return self->balance_box;
}

GtkWindow *
_desk_people_page_get_group_window (DeskPeoplePage *self)
{
  return self->group_window;
}

DeskRecordList *
_desk_people_page_get_person_list (DeskPeoplePage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->person_list;
}

DeskRecordEditor *
_desk_people_page_get_person_editor (DeskPeoplePage *self)
{
  desk_page_ensure_built (DESK_PAGE (self));
  return self->person_editor;
}

GtkWidget *
_desk_people_page_get_duplicate_box (DeskPeoplePage *self)
{
  return self->dup_box;
}

const char *
_desk_people_page_get_duplicate_uuid (DeskPeoplePage *self)
{
  return self->dup_uuid;
}

void
_desk_people_page_use_existing (DeskPeoplePage *self)
{
  use_existing_clicked_cb (self);
}

void
_desk_people_page_add_anyway (DeskPeoplePage *self)
{
  add_anyway_clicked_cb (self);
}

AdwMessageDialog *
_desk_people_page_get_delete_dialog (DeskPeoplePage *self)
{
  return self->delete_dialog;
}

GtkWidget *
_desk_people_page_get_merge_button (DeskPeoplePage *self)
{
  return self->merge_button;
}

void
_desk_people_page_merge_duplicate (DeskPeoplePage *self)
{
  merge_duplicate_clicked_cb (self);
}

void
_desk_people_page_merge (DeskPeoplePage *self)
{
  merge_clicked_cb (self);
}

AdwMessageDialog *
_desk_people_page_get_merge_dialog (DeskPeoplePage *self)
{
  return self->merge_dialog;
}
