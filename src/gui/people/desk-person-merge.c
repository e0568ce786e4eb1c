/* desk-person-merge.c — the dialog that merges two records of one person
 *
 * The person open on the People page is one record; the dialog asks for the other (the
 * people of a similar name first, each with what tells them apart) and whose details
 * stay. Core does the merge (desk_people_merge): every attendance and nomination moves
 * to the kept record, details it lacks come from the other (desk_people_merged_details),
 * and one Ctrl+Z undoes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-people"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-person-merge.h"

typedef struct
{
  DeskHistory *history;
  char *person_uuid;
  GPtrArray *uuids;          /* the other-record choice's UUIDs, in its order */
  GtkDropDown *other;
  GtkCheckButton *keep_other;
} Merge;

static void
merge_free (Merge *merge)
{
  g_clear_object (&merge->history);
  g_free (merge->person_uuid);
  g_ptr_array_unref (merge->uuids);
  g_free (merge);
}

static Merge *
merge_of (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "desk-merge");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  DeskRecord *x = *(DeskRecord **) a;
  DeskRecord *y = *(DeskRecord **) b;

  return g_strcmp0 (desk_record_get_string (x, "name_key"), desk_record_get_string (y, "name_key"));
}

/* The label of one choice: "Abena Mensah — Ministry of Mines · Government". */
static void
add_choice (Merge         *merge,
            GtkStringList *labels,
            DeskStore     *store,
            DeskRecord    *person)
{
  g_autofree char *distinction = desk_person_dup_distinction (store, person);
  g_autofree char *label = NULL;

  if (distinction[0] != '\0')
    /* Translators: one record offered for a merge: a person's name and what tells them
     * apart (organisation · pillar). */
    label = g_strdup_printf (C_("merge choice", "%s — %s"), desk_record_get_string (person, "name"),
                             distinction);
  else
    label = g_strdup (desk_record_get_string (person, "name"));
  gtk_string_list_append (labels, label);
  g_ptr_array_add (merge->uuids, g_strdup (desk_record_get_uuid (person)));
}

/* Everyone else of the group: those of a similar name first, then by name. */
static GtkStringList *
load_choices (Merge      *merge,
              DeskStore  *store,
              DeskRecord *person,
              guint      *n_similar)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) offered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  const char *group = desk_record_get_group (person);

  g_hash_table_add (offered, (gpointer) desk_record_get_uuid (person));
  similar = desk_people_find_similar (store, group, desk_record_get_string (person, "name"), NULL);
  for (guint i = 0; similar != NULL && i < similar->len; i++)
    {
      DeskRecord *other = g_ptr_array_index (similar, i);

      if (g_hash_table_add (offered, (gpointer) desk_record_get_uuid (other)))
        add_choice (merge, labels, store, other);
    }

  *n_similar = merge->uuids->len;

  everyone = desk_store_list (store, DESK_KIND_PERSON, group, NULL);
  if (everyone != NULL)
    g_ptr_array_sort (everyone, compare_names);
  for (guint i = 0; everyone != NULL && i < everyone->len; i++)
    {
      DeskRecord *other = g_ptr_array_index (everyone, i);

      if (g_hash_table_add (offered, (gpointer) desk_record_get_uuid (other)))
        add_choice (merge, labels, store, other);
    }

  return labels;
}

static void
other_selected_cb (GtkDropDown      *dropdown,
                   GParamSpec       *pspec,
                   AdwMessageDialog *dialog)
{
  Merge *merge = merge_of (dialog);
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  g_autofree char *text = NULL;

  adw_message_dialog_set_response_enabled (dialog, "merge", selected != GTK_INVALID_LIST_POSITION);
  if (item == NULL || selected >= merge->uuids->len)
    {
      /* Translators: the merge dialog's second choice before the other record is chosen. */
      gtk_check_button_set_label (merge->keep_other, _("Keep the details of the other record"));
      return;
    }

  /* Translators: a choice in the merge dialog; the other record's name (and
   * organisation). */
  text = g_strdup_printf (_("Keep the details of “%s”"), gtk_string_object_get_string (item));
  gtk_check_button_set_label (merge->keep_other, text);
}

AdwMessageDialog *
desk_person_merge_dialog_new (GtkWindow   *parent,
                              DeskHistory *history,
                              const char  *person_uuid,
                              const char  *other_uuid)
{
  DeskStore *store = desk_history_get_store (history);
  g_autoptr(DeskRecord) person = desk_store_get (store, DESK_KIND_PERSON, person_uuid, NULL);
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *keep_this = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkCheckButton *keep_person;
  guint n_similar = 0;
  Merge *merge;

  g_return_val_if_fail (person != NULL, NULL);

  merge = g_new0 (Merge, 1);
  merge->history = g_object_ref (history);
  merge->person_uuid = g_strdup (person_uuid);
  merge->uuids = g_ptr_array_new_with_free_func (g_free);

  /* Translators: the heading of the dialog that merges two records of one person. */
  heading = g_strdup_printf (_("Merge %s With Another Record?"), desk_record_get_string (person, "name"));
  dialog = adw_message_dialog_new (parent, heading,
                                   _("For the same person entered twice. Every workshop and "
                                     "nomination of both records goes to the one kept, and details "
                                     "it lacks are taken from the other. Ctrl+Z undoes this."));
  g_object_set_data_full (G_OBJECT (dialog), "desk-merge", merge, (GDestroyNotify) merge_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("The _other record"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  labels = load_choices (merge, store, person, &n_similar);
  merge->other = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
  /* The closest record is a fair guess; with none of a similar name, nobody is. */
  if (n_similar == 0)
    gtk_drop_down_set_selected (merge->other, GTK_INVALID_LIST_POSITION);
  /* The two chosen in the list: the other is already known. */
  for (guint i = 0; other_uuid != NULL && i < merge->uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (merge->uuids, i), other_uuid))
      gtk_drop_down_set_selected (merge->other, i);
  gtk_drop_down_set_enable_search (merge->other,
                                   labels != NULL && g_list_model_get_n_items (G_LIST_MODEL (labels)) > 10);
  gtk_drop_down_set_expression (merge->other,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (merge->other));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (merge->other));

  /* Translators: a choice in the merge dialog; the open person's name. */
  keep_this = g_strdup_printf (_("Keep the details of “%s”"), desk_record_get_string (person, "name"));
  keep_person = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (keep_this));
  gtk_check_button_set_active (keep_person, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (keep_person), 12);
  merge->keep_other = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (merge->keep_other, keep_person);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (keep_person));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (merge->keep_other));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect (merge->other, "notify::selected", G_CALLBACK (other_selected_cb), dialog);
  other_selected_cb (merge->other, NULL, ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}

char *
desk_person_merge_dialog_apply (AdwMessageDialog  *dialog,
                                GError           **error)
{
  Merge *merge = merge_of (dialog);
  DeskStore *store = desk_history_get_store (merge->history);
  guint selected = gtk_drop_down_get_selected (merge->other);
  const char *other_uuid;
  gboolean keep_other;
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(DeskRecord) gone = NULL;
  g_autoptr(DeskRecord) details = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= merge->uuids->len)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Choose the other record of this person first."));
      return NULL;
    }

  other_uuid = g_ptr_array_index (merge->uuids, selected);
  keep_other = gtk_check_button_get_active (merge->keep_other);
  kept = desk_store_get (store, DESK_KIND_PERSON, keep_other ? other_uuid : merge->person_uuid, error);
  if (kept == NULL)
    return NULL;
  gone = desk_store_get (store, DESK_KIND_PERSON, keep_other ? merge->person_uuid : other_uuid, error);
  if (gone == NULL)
    return NULL;

  details = desk_people_merged_details (kept, gone);
  if (!desk_people_merge (merge->history, details, desk_record_get_uuid (gone), error))
    return NULL;

  return g_strdup (desk_record_get_uuid (kept));
}

GtkDropDown *
_desk_person_merge_get_other (AdwMessageDialog *dialog)
{
  return merge_of (dialog)->other;
}

GtkCheckButton *
_desk_person_merge_get_keep_other (AdwMessageDialog *dialog)
{
  return merge_of (dialog)->keep_other;
}

const char *
_desk_person_merge_get_uuid (AdwMessageDialog *dialog,
                             guint             position)
{
  Merge *merge = merge_of (dialog);

  return position < merge->uuids->len ? g_ptr_array_index (merge->uuids, position) : NULL;
}
