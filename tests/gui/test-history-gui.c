/* test-history-gui — issue 19 in the app: an editor's History section, the reason asked
 * before a reported record changes or goes, “Your Name” in Preferences and the export
 * dialog's endorsement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-change-list.h"
#include "desk-export-dialog.h"
#include "desk-exports-page.h"
#include "desk-exports-page-private.h"
#include "desk-preferences-window.h"
#include "desk-preferences-window-private.h"
#include "desk-reason-dialog.h"
#include "desk-record-editor.h"
#include "desk-banner.h"
#include "desk-window.h"
#include "desk-window-private.h"
#include "test-reason-common.h"
#include "test-window-common.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

static const char *const expense_layout[] = { "date", "amount_minor", "payee", "note", NULL };

typedef struct
{
  DeskStore *store;
  DeskHistory *history;
  char *group;
  char *dir;
  DeskRecord *expense;      /* the group's first expense */
  GtkWindow *window;        /* holds the editor, so that a dialog has a parent */
  DeskRecordEditor *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expenses = NULL;
  g_autoptr(DeskRecord) group = NULL;

  f->store = desk_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_free (desk_demo_fill (f->store, &error));
  g_assert_no_error (error);
  group = desk_store_dup_main_group (f->store);
  f->group = g_strdup (desk_record_get_uuid (group));
  f->history = desk_history_new (f->store);
  f->dir = g_dir_make_tmp ("test-history-gui-XXXXXX", &error);
  g_assert_no_error (error);

  expenses = desk_store_list (f->store, DESK_KIND_EXPENSE, f->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expenses->len, >, 0);
  f->expense = g_object_ref (g_ptr_array_index (expenses, 0));

  f->editor = DESK_RECORD_EDITOR (desk_record_editor_new (f->history, DESK_KIND_EXPENSE));
  desk_record_editor_add_group (f->editor, NULL, expense_layout);
  desk_record_editor_set_record (f->editor, f->expense);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  wait_a_moment (20);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  gtk_window_destroy (f->window);
  wait_a_moment (10);
  g_assert_finalize_object (f->window);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->group);
  g_clear_object (&f->expense);
  g_clear_object (&f->history);
  g_clear_object (&f->store);
}

/* Exports a bundle (not a preview) for the period of the expense's date: that locks it. */
static void
lock_expense (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "locking.gdbundle", NULL);
  const char *day = desk_record_get_string (f->expense, "date");

  g_assert_true (desk_bundle_export_full (f->store, f->group, day, day, DESK_PRIVACY_AGGREGATE, path,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Types @text into the editor's row of @field and applies it, as the user would. */
static void
type_into (Fixture    *f,
           const char *field,
           const char *text)
{
  GtkWidget *row = desk_record_editor_get_row (f->editor, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  wait_a_moment (10);
}

static DeskRecord *
stored_expense (Fixture *f)
{
  return desk_store_get (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (f->expense), NULL);
}

static DeskChangeList *
history_section (Fixture *f)
{
  return DESK_CHANGE_LIST (desk_record_editor_get_changes (f->editor));
}

/* The History section: newest first, the field's label and readable values. */
static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  DeskChangeList *changes = history_section (f);
  g_autofree char *newest = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *cleared = NULL;
  guint before;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (changes)));
  before = desk_change_list_get_n_changes (changes);

  type_into (f, "payee", "First Payee");
  type_into (f, "payee", "Second Payee");
  g_assert_cmpuint (desk_change_list_get_n_changes (changes), ==, before + 2);

  /* The newest first: the payee's label, then what it was → what it is. */
  newest = desk_change_list_dup_row_text (changes, 0);
  g_assert_nonnull (strstr (newest, "Payee"));
  g_assert_nonnull (strstr (newest, "First Payee → Second Payee"));
  g_assert_null (strstr (newest, "Reason:"));

  /* Money reads as money, with its currency, not in minor units. */
  type_into (f, "amount_minor", "1234.50");
  amount = desk_change_list_dup_row_text (changes, 0);
  g_assert_nonnull (strstr (amount, "Amount"));
  g_assert_nonnull (strstr (amount, "1,234.50"));
  g_assert_nonnull (strstr (amount, desk_record_get_string (f->expense, "currency")));

  /* Undo is a change too, and the section follows it. */
  g_assert_true (desk_history_undo (f->history, NULL));
  wait_a_moment (10);
  g_assert_cmpuint (desk_change_list_get_n_changes (changes), ==, before + 4);

  /* A field cleared reads as cleared, not as its old value set again. */
  type_into (f, "note", "Paid in cash");
  type_into (f, "note", "");
  cleared = desk_change_list_dup_row_text (changes, 0);
  g_assert_nonnull (strstr (cleared, "Paid in cash → —"));
}

/* A long history shows its newest 20, then all on demand. */
static void
test_long (Fixture       *f,
           gconstpointer  data)
{
  DeskChangeList *changes = history_section (f);
  g_autofree char *first = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < DESK_CHANGE_LIST_SHOWN + 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Payee %u", i);

      type_into (f, "payee", text);
    }
  g_assert_cmpuint (desk_change_list_get_n_changes (changes), >=, DESK_CHANGE_LIST_SHOWN + 5);
  g_assert_cmpuint (desk_change_list_get_n_shown (changes), ==, DESK_CHANGE_LIST_SHOWN);
  first = desk_change_list_dup_row_text (changes, 0);
  expected = g_strdup_printf ("Payee %u → Payee %u", DESK_CHANGE_LIST_SHOWN + 3, DESK_CHANGE_LIST_SHOWN + 4);
  g_assert_nonnull (strstr (first, expected));

  desk_change_list_show_all (changes);
  g_assert_cmpuint (desk_change_list_get_n_shown (changes), ==, desk_change_list_get_n_changes (changes));
}

/* A reported expense: the banner names the bundle; a change asks why, and Cancel leaves
 * the database as it was and the typed text in the row. */
static void
test_reason_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskRecord) after = NULL;
  GtkWidget *banner;
  DeskReasonDialog *dialog;
  guint before;

  g_assert_false (desk_banner_get_revealed (DESK_BANNER (desk_record_editor_get_lock_banner (f->editor))));
  lock_expense (f);
  wait_a_moment (10);
  banner = desk_record_editor_get_lock_banner (f->editor);
  g_assert_true (desk_banner_get_revealed (DESK_BANNER (banner)));
  g_assert_true (g_str_has_prefix (desk_banner_get_title (DESK_BANNER (banner)), "Reported in "));

  before = desk_change_list_get_n_changes (history_section (f));
  type_into (f, "payee", "Someone Else");
  dialog = find_reason_dialog ();
  g_assert_nonnull (dialog);

  /* No reason, or only spaces: the action cannot be chosen, Enter does nothing. */
  g_assert_cmpstr (desk_reason_dialog_get_action_response (dialog), ==, "change");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  gtk_editable_set_text (desk_reason_dialog_get_entry (dialog), "   \t ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  g_signal_emit_by_name (desk_reason_dialog_get_entry (dialog), "activate");
  wait_a_moment (10);
  g_assert_true (find_reason_dialog () == dialog);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wait_a_moment (10);
  g_assert_null (find_reason_dialog ());

  after = stored_expense (f);
  g_assert_cmpstr (desk_record_get_string (after, "payee"), ==, desk_record_get_string (f->expense, "payee"));
  g_assert_cmpuint (desk_change_list_get_n_changes (history_section (f)), ==, before);
  /* What was typed stays, with core's sentence under it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_record_editor_get_row (f->editor, "payee"))), ==,
                   "Someone Else");
  g_assert_nonnull (desk_record_editor_get_error_label (f->editor, "payee"));
}

/* With a reason the change is written, and the History shows the reason. */
static void
test_reason_given (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskRecord) after = NULL;
  g_autofree char *newest = NULL;
  DeskReasonDialog *dialog;

  lock_expense (f);
  type_into (f, "payee", "Corrected Payee");
  dialog = find_reason_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (desk_reason_dialog_get_entry (dialog), "  The receipt was misread  ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  /* Enter gives it. */
  g_signal_emit_by_name (desk_reason_dialog_get_entry (dialog), "activate");
  wait_a_moment (10);
  g_assert_null (find_reason_dialog ());

  after = stored_expense (f);
  g_assert_cmpstr (desk_record_get_string (after, "payee"), ==, "Corrected Payee");
  g_assert_false (desk_record_editor_has_error (f->editor));
  newest = desk_change_list_dup_row_text (history_section (f), 0);
  g_assert_nonnull (strstr (newest, "Corrected Payee"));
  g_assert_nonnull (strstr (newest, "Reason: The receipt was misread"));
}

static void
deleted_cb (GtkWidget    *widget,
            const GError *error,
            gpointer      user_data)
{
  GError **out = user_data;

  *out = error != NULL ? g_error_copy (error) : NULL;
  g_object_set_data (G_OBJECT (widget), "test-done", GINT_TO_POINTER (1));
}

/* Deleting a reported record asks too: Cancel keeps it, a reason deletes it. */
static void
test_delete_locked (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(DeskRecord) gone = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *owner = GTK_WIDGET (f->editor);
  DeskReasonDialog *dialog;

  lock_expense (f);
  desk_reason_delete (owner, f->history, DESK_KIND_EXPENSE, desk_record_get_uuid (f->expense), deleted_cb, &error);
  dialog = find_reason_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (desk_reason_dialog_get_action_response (dialog), ==, "delete");
  g_assert_null (g_object_get_data (G_OBJECT (owner), "test-done"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wait_a_moment (10);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_REPORTED);
  g_clear_error (&error);
  kept = stored_expense (f);
  g_assert_nonnull (kept);

  desk_reason_delete (owner, f->history, DESK_KIND_EXPENSE, desk_record_get_uuid (f->expense), deleted_cb, &error);
  dialog = find_reason_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (desk_reason_dialog_get_entry (dialog), "Entered twice");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  wait_a_moment (10);
  g_assert_no_error (error);
  gone = stored_expense (f);
  g_assert_null (gone);
}

/* The name saved in Preferences is the one the next change records. */
static void
test_author (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *preferences = desk_preferences_window_new (f->store);
  GtkEntry *entry = _desk_preferences_window_get_name_entry (DESK_PREFERENCES_WINDOW (preferences));
  g_autofree char *fallback = desk_store_dup_author (f->store);
  g_autofree char *saved = NULL;
  g_autofree char *newest = NULL;

  g_object_ref (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_a_moment (10);
  /* None saved: the account's name is the placeholder. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, fallback);

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Ama Mensah ");
  g_signal_emit_by_name (entry, "activate");
  saved = desk_store_dup_coordinator_name (f->store);
  g_assert_cmpstr (saved, ==, "Ama Mensah");
  gtk_window_destroy (GTK_WINDOW (preferences));
  wait_a_moment (10);
  g_assert_finalize_object (preferences);

  type_into (f, "note", "Checked against the bank statement");
  newest = desk_change_list_dup_row_text (history_section (f), 0);
  g_assert_nonnull (strstr (newest, "Ama Mensah"));
}

/* The export dialog's endorsement reaches the export record; endorsed without a day is
 * refused, and nothing is written. */
static void
test_endorsed_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *dir = g_dir_make_tmp ("test-history-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "endorsed.gdbundle", NULL);
  g_autofree char *refused = g_build_filename (dir, "refused.gdbundle", NULL);
  g_autoptr(GPtrArray) exports = NULL;
  DeskExportEndorsement *endorsement;
  DeskExportDialog *dialog;
  DeskExportsPage *page;
  DeskWindow *window;
  DeskRecord *export;

  g_free (desk_demo_fill (store, &error));
  g_assert_no_error (error);
  window = new_window (store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-bundle", NULL));
  wait_a_moment (20);
  page = DESK_EXPORTS_PAGE (_desk_window_ensure_page (window, "exports"));
  dialog = _desk_exports_page_get_export_dialog (page);
  g_assert_nonnull (dialog);
  endorsement = _desk_export_dialog_get_endorsement (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (endorsement)));

  desk_export_endorsement_set_enabled (endorsement, TRUE);
  g_assert_false (_desk_export_dialog_export_to (dialog, refused, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  desk_export_endorsement_set (endorsement, "2026-06-12", "Plenary of 12 June 2026", "Kofi Boateng");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (_desk_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);
  wait_a_moment (10);
  g_assert_null (dialog);

  exports = desk_store_list (store, DESK_KIND_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exports->len, ==, 1);
  export = g_ptr_array_index (exports, 0);
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_on"), ==, "2026-06-12");
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_meeting"), ==, "Plenary of 12 June 2026");
  g_assert_cmpstr (desk_record_get_string (export, "endorsed_chair"), ==, "Kofi Boateng");

  destroy_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/history/section", test_section);
  ADD ("/gui/history/long", test_long);
  ADD ("/gui/history/reason/cancel", test_reason_cancel);
  ADD ("/gui/history/reason/given", test_reason_given);
  ADD ("/gui/history/reason/delete", test_delete_locked);
  ADD ("/gui/history/author", test_author);
#undef ADD
  g_test_add_func ("/gui/history/endorsed-export", test_endorsed_export);

  return g_test_run ();
}
