/* groupdesk-screenshots.c — every view of Groupdesk, rendered to PNG
 *
 *   groupdesk-screenshots OUTPUT_DIR
 *
 * Builds the real window on a store in a temporary file (a store kept in memory would
 * show its banner on every page; 17-memory-banner shows it once), first empty (the welcome view and the
 * Create Your Group dialog), then with the sample group (every page, the dialogs), and
 * saves each as OUTPUT_DIR/NN-name.png. The language comes from the environment
 * (LANGUAGE, with GROUPDESK_LOCALEDIR pointing at the build's catalogues).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-application.h"
#include "desk-budget-page-private.h"
#include "desk-deliverables-page-private.h"
#include "desk-evidence-group-private.h"
#include "desk-exports-page-private.h"
#include "desk-people-page-private.h"
#include "desk-reports-page.h"
#include "desk-reports-page-private.h"
#include "desk-workplan-page-private.h"
#include "desk-workshops-page-private.h"
#include "desk-checkin-private.h"
#include "desk-date-row.h"
#include "desk-export-dialog.h"
#include "desk-group-dialog.h"
#include "desk-preferences-window.h"
#include "desk-protect-dialog.h"
#include "desk-protect-dialog-private.h"
#include "desk-reason-dialog.h"
#include "desk-record-editor.h"
#include "desk-unlock-view.h"
#include "desk-unlock-view-private.h"
#include "desk-window.h"
#include "desk-window-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "screenshots-common.h"

static const char * const page_names[] = {
  "overview", "workplan", "deliverables", "budget",
  "workshops", "people", "reports", "exports",
};


/* Draws a signed sign-in sheet (a page of ruled lines with scribbles) to a PNG in
 * @tmp_dir and attaches it to the Tarkwa workshop (else the first), as its default
 * says: personal. Returns the workshop's UUID, the attachment in *@attachment. */
static char *
attach_signed_sheet (DeskStore       *store,
                     const char      *tmp_dir,
                     DeskAttachment **attachment)
{
  g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, NULL, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "Signed sign-in sheet.png", NULL);
  g_autoptr(GError) error = NULL;
  const char *workshop = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint i = 0; workshops != NULL && i < workshops->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (workshops, i);

      if (g_strcmp0 (desk_record_get_string (record, "town"), "Tarkwa") == 0)
        {
          workshop = desk_record_get_uuid (record);
          break;
        }
      if (workshop == NULL)
        workshop = desk_record_get_uuid (record);
    }
  if (workshop == NULL)
    {
      g_printerr ("No workshop to attach the signed sheet to\n");
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 420, 594);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.95);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i < 18; i++)
    {
      cairo_move_to (cr, 24, 80 + i * 28);
      cairo_line_to (cr, 396, 80 + i * 28);
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.1, 0.15, 0.5);
  cairo_set_line_width (cr, 2);
  for (int i = 0; i < 11; i++)
    {
      cairo_move_to (cr, 300, 100 + i * 28);
      cairo_curve_to (cr, 320, 80 + i * 28, 340, 110 + i * 28, 370, 92 + i * 28);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  *attachment = desk_attachment_add (store, DESK_KIND_WORKSHOP, workshop, path, "Signed at the door",
                                     DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  if (*attachment == NULL)
    {
      g_printerr ("Could not attach the signed sheet: %s\n", error->message);
      return NULL;
    }

  return g_strdup (workshop);
}

/* Invites to @workshop three people of the group not on its list yet. */
static gboolean
invite_three (DeskStore  *store,
              const char *workshop)
{
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, NULL, NULL);
  g_autoptr(GPtrArray) listed = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid", workshop, NULL);
  g_autoptr(GHashTable) on_list = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *uuids[4] = { NULL };
  guint n = 0;
  guint invited = 0;

  for (guint i = 0; listed != NULL && i < listed->len; i++)
    g_hash_table_add (on_list, (gpointer) desk_record_get_string (g_ptr_array_index (listed, i), "person_uuid"));
  for (guint i = 0; people != NULL && i < people->len && n < 3; i++)
    {
      const char *uuid = desk_record_get_uuid (g_ptr_array_index (people, i));

      if (!g_hash_table_contains (on_list, uuid))
        uuids[n++] = uuid;
    }
  if (!desk_attendance_invite (store, NULL, workshop, uuids, &invited, &error) || invited == 0)
    {
      g_printerr ("Could not invite people: %s\n", error != NULL ? error->message : "nobody to invite");
      return FALSE;
    }

  return TRUE;
}

/* Name protection: the protect dialog and its recovery key, Preferences' Privacy group,
 * the passphrase page (and its refusal) and the People page while names are locked.
 * Last, because it leaves @store protected. */
static gboolean
save_protection (GtkApplication *app,
                 DeskStore      *store,
                 const char     *tmp_dir,
                 const char     *dir)
{
  GtkWidget *window = new_main_window (app, store);
  DeskProtectDialog *protect;
  DeskUnlockView *view;
  GtkWindow *dialog;
  g_autofree char *workshop = NULL;
  g_autoptr(DeskAttachment) sheet = NULL;
  gboolean ok = TRUE;

  /* A workshop's signed sheet (personal, as a workshop's files are by default): sealed
   * once protection is on, locked with the names. */
  if ((workshop = attach_signed_sheet (store, tmp_dir, &sheet)) == NULL)
    ok = FALSE;

  gtk_widget_activate_action (window, "win.show-page", "s", "overview");
  wait_for_frames (window, 2);

  protect = DESK_PROTECT_DIALOG (desk_protect_dialog_new (store, DESK_PROTECT_DIALOG_PROTECT,
                                                          GTK_WINDOW (window)));
  /* The dialog's own Argon2id would take a second; the picture is the same. */
  _desk_protect_dialog_set_kdf_cost (protect, desk_kdf_cost_fastest ());
  gtk_window_present (GTK_WINDOW (protect));
  _desk_protect_dialog_set_texts (protect, "river stone", "river st");
  ok &= save_window (GTK_WIDGET (protect), dir, "70-protect-passphrase");
  _desk_protect_dialog_set_texts (protect, "seven rivers cross the old stone bridge",
                                  "seven rivers cross the old stone bridge");
  gtk_widget_activate_action (GTK_WIDGET (protect), "protect.apply", NULL);
  while (_desk_protect_dialog_get_busy (protect))
    g_main_context_iteration (NULL, TRUE);
  ok &= save_window (GTK_WIDGET (protect), dir, "71-protect-recovery-key");
  /* Closed without Done's toast, which would cover the pictures that follow. */
  gtk_window_destroy (GTK_WINDOW (protect));

  dialog = GTK_WINDOW (desk_preferences_window_new (store));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  gtk_window_set_default_size (dialog, 640, 860);
  ok &= save_dialog (dialog, dir, "72-preferences-privacy");

  gtk_widget_activate_action (window, "win.lock", NULL);
  ok &= save_window (window, dir, "73-passphrase-page");
  view = DESK_UNLOCK_VIEW (_desk_window_get_unlock_view (DESK_WINDOW (window)));
  _desk_unlock_view_set_text (view, "seven rivers");
  gtk_widget_activate_action (GTK_WIDGET (view), "unlock.unlock", NULL);
  while (desk_unlock_view_get_busy (view))
    g_main_context_iteration (NULL, TRUE);
  ok &= save_window (window, dir, "74-passphrase-wrong");

  gtk_widget_activate_action (window, "win.continue-locked", NULL);
  show_page (window, "people");
  ok &= save_window (window, dir, "75-people-locked");

  /* The workshop's Evidence section: its personal file locked. */
  if (workshop != NULL)
    {
      DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
      DeskRecordEditor *editor = _desk_workshops_page_get_editor (page);
      DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
      GtkWidget *row;

      desk_record_list_open (_desk_workshops_page_get_list (page), workshop);
      _desk_evidence_group_wait (evidence);
      if ((row = _desk_evidence_group_get_row (evidence, sheet->uuid)) != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      else
        {
          g_printerr ("The locked file is not in the workshop's Evidence section\n");
          ok = FALSE;
        }
      scroll_to (window, GTK_WIDGET (evidence));
      ok &= save_window (window, dir, "76-workshop-evidence-locked");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return ok;
}

/* Evidence: a photograph and a one-page report attached to a delivered deliverable (so
 * that both thumbnails show, the first file expanded), then the list filtered to the
 * delivered deliverables that have no file, each with its “No evidence” pill. */
static gboolean
save_evidence (GtkWidget  *window,
               DeskStore  *store,
               const char *tmp_dir,
               const char *dir)
{
  DeskDeliverablesPage *page = DESK_DELIVERABLES_PAGE (show_page (window, "deliverables"));
  DeskRecordList *list = _desk_deliverables_page_get_list (page);
  DeskRecordEditor *editor = _desk_deliverables_page_get_editor (page);
  g_autofree char *photo = g_build_filename (tmp_dir, "Workshop in Tarkwa.png", NULL);
  g_autofree char *report = g_build_filename (tmp_dir, "Final report.pdf", NULL);
  g_autofree char *uuid = find_row (list, "status", "accepted");
  g_autoptr(DeskAttachment) first = NULL;
  g_autoptr(DeskAttachment) second = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;

  /* A photograph: sky, ground, a group under a tent. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 420);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.55, 0.75, 0.95);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.45, 0.6, 0.3);
  cairo_rectangle (cr, 0, 260, 640, 160);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.85);
  cairo_move_to (cr, 160, 260);
  cairo_line_to (cr, 320, 120);
  cairo_line_to (cr, 480, 260);
  cairo_close_path (cr);
  cairo_fill (cr);
  for (int i = 0; i < 6; i++)
    {
      cairo_set_source_rgb (cr, 0.3 + 0.1 * (i % 3), 0.2, 0.15 + 0.1 * (i % 2));
      cairo_arc (cr, 200 + i * 48, 300, 16, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_rectangle (cr, 186 + i * 48, 318, 28, 60);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, photo);
  cairo_surface_destroy (surface);

  /* A report's first page: a title, lines of text, a chart. */
  surface = cairo_pdf_surface_create (report, 595, 842);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.45);
  cairo_rectangle (cr, 0, 0, 595, 110);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 30);
  cairo_move_to (cr, 48, 70);
  cairo_show_text (cr, "Final report");
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  for (int i = 0; i < 14; i++)
    {
      cairo_rectangle (cr, 48, 150 + i * 22, i % 4 == 3 ? 300 : 499, 8);
      cairo_fill (cr);
    }
  for (int i = 0; i < 5; i++)
    {
      cairo_set_source_rgb (cr, 0.2 + 0.15 * i, 0.5, 0.8 - 0.1 * i);
      cairo_rectangle (cr, 80 + i * 90, 760 - (i + 2) * 45, 60, (i + 2) * 45);
      cairo_fill (cr);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (uuid == NULL)
    return FALSE;
  first = desk_attachment_add (store, DESK_KIND_DELIVERABLE, uuid, photo, "The closing session",
                               DESK_ATTACHMENT_PERSONAL_YES, &error);
  if (first != NULL)
    second = desk_attachment_add (store, DESK_KIND_DELIVERABLE, uuid, report, NULL,
                                  DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  if (second == NULL)
    {
      g_printerr ("Could not attach the files: %s\n", error->message);
      return FALSE;
    }

  /* As the section does after adding: the list's pill follows. */
  desk_store_announce_change (store, DESK_KIND_DELIVERABLE, uuid);
  desk_record_list_open (list, uuid);
  _desk_evidence_group_wait (desk_record_editor_get_evidence (editor));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (_desk_evidence_group_get_row (desk_record_editor_get_evidence (editor),
                                                                                 first->uuid)), TRUE);
  /* The section is at the end of the editor: scrolled into view. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);

    wait_for_frames (window, 2);
    if (scrolled != NULL)
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      }
  }
  ok &= save_window (window, dir, "27-deliverable-evidence");

  gtk_toggle_button_set_active (_desk_deliverables_page_get_no_evidence_toggle (page), TRUE);
  desk_record_list_close_editor (list);
  ok &= save_window (window, dir, "28-deliverables-no-evidence");
  gtk_toggle_button_set_active (_desk_deliverables_page_get_no_evidence_toggle (page), FALSE);

  /* The pictures that follow show the demo as it is: without the two. */
  desk_attachment_remove (store, first->uuid, NULL);
  desk_attachment_remove (store, second->uuid, NULL);
  desk_store_announce_change (store, DESK_KIND_DELIVERABLE, uuid);

  return ok;
}

/* Issue 19: an expense changed a few times, then reported in a bundle and changed again
 * with a reason — its History, the reason asked, the banner of a reported record — and
 * the export dialog with the group's endorsement. */
static gboolean
save_history (GtkWidget  *window,
              DeskStore  *store,
              const char *tmp_dir,
              const char *dir)
{
  DeskBudgetPage *page = DESK_BUDGET_PAGE (show_page (window, "budget"));
  DeskRecordEditor *editor = _desk_budget_page_get_editor (page, "expenses");
  DeskRecordList *list;
  DeskExportDialog *export_dialog;
  GtkWindow *reason = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *bundle = g_build_filename (tmp_dir, "history" DESK_BUNDLE_SUFFIX, NULL);
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) group = desk_store_dup_main_group (store);
  g_autoptr(GError) error = NULL;
  const char *payees[] = { "Tarkwa Guest House", "Tarkwa Guest House Ltd", NULL };
  gboolean ok = TRUE;

  _desk_budget_page_show_view (page, "expenses");
  wait_for_frames (window, 2);
  list = _desk_budget_page_get_list (page, "expenses");
  /* One after the period the Exports shots reported, which is locked already. */
  {
    g_autoptr(GPtrArray) all = desk_store_list (store, DESK_KIND_EXPENSE, desk_record_get_uuid (group), NULL);

    for (guint i = 0; all != NULL && uuid == NULL && i < all->len; i++)
      if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (all, i), "date"), "2026-06-30") > 0)
        uuid = g_strdup (desk_record_get_uuid (g_ptr_array_index (all, i)));
  }
  desk_store_set_coordinator_name (store, "Ama Mensah", NULL);
  for (guint i = 0; uuid != NULL && payees[i] != NULL; i++)
    {
      g_autoptr(DeskRecord) copy = desk_store_get (store, DESK_KIND_EXPENSE, uuid, NULL);

      desk_record_set_string (copy, "payee", payees[i]);
      desk_record_set_string (copy, "note", i == 0 ? "Two nights for the facilitators" : NULL);
      if (!desk_store_update (store, copy, &error))
        {
          g_printerr ("Could not change the expense: %s\n", error->message);
          return FALSE;
        }
    }
  expense = uuid != NULL ? desk_store_get (store, DESK_KIND_EXPENSE, uuid, NULL) : NULL;
  if (expense == NULL || editor == NULL ||
      !desk_bundle_export_full (store, desk_record_get_uuid (group), "2026-07-01",
                                desk_record_get_string (expense, "date"), DESK_PRIVACY_AGGREGATE, bundle,
                                NULL, NULL, NULL, &error))
    {
      g_printerr ("Could not report the expense: %s\n", error != NULL ? error->message : "none");
      return FALSE;
    }
  desk_record_set_int (expense, "amount_minor", desk_record_get_int (expense, "amount_minor") + 5000);
  if (!desk_store_update_with_reason (store, expense, "The receipt says 50.00 more: it was misread", &error))
    {
      g_printerr ("Could not amend the expense: %s\n", error->message);
      return FALSE;
    }
  desk_record_list_open (list, uuid);
  scroll_to (window, desk_record_editor_get_changes (editor));
  ok &= save_window (window, dir, "81-expense-history");

  /* An expense the Exports shots reported, still locked: the banner, and a change typed
   * in it asks for the reason. */
  g_free (uuid);
  uuid = find_row (list, NULL, NULL);
  desk_record_list_open (list, uuid);
  scroll_to (window, desk_record_editor_get_lock_banner (editor));
  ok &= save_window (window, dir, "80-locked-expense");
  gtk_editable_set_text (GTK_EDITABLE (desk_record_editor_get_row (editor, "payee")), "Tarkwa Lodge");
  g_signal_emit_by_name (desk_record_editor_get_row (editor, "payee"), "apply");
  reason = find_toplevel (DESK_TYPE_REASON_DIALOG);
  if (reason != NULL)
    {
      gtk_editable_set_text (desk_reason_dialog_get_entry (DESK_REASON_DIALOG (reason)), "Renamed on the receipt");
      ok &= save_window (GTK_WIDGET (reason), dir, "82-reason-dialog");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (reason), "cancel");
    }
  else
    ok = FALSE;
  desk_record_list_close_editor (list);

  gtk_widget_activate_action (window, "win.export-bundle", NULL);
  export_dialog = _desk_exports_page_get_export_dialog (DESK_EXPORTS_PAGE (show_page (window, "exports")));
  if (export_dialog != NULL)
    {
      DeskExportEndorsement *endorsement = _desk_export_dialog_get_endorsement (export_dialog);

      desk_export_endorsement_set_enabled (endorsement, TRUE);
      desk_export_endorsement_set (endorsement, "2026-06-12", "Plenary of 12 June 2026", "Kofi Boateng");
      scroll_to (GTK_WIDGET (export_dialog), GTK_WIDGET (endorsement));
      ok &= save_dialog (GTK_WINDOW (export_dialog), dir, "83-export-endorsed");
    }
  g_remove (bundle);

  return ok;
}

/* Every page in a window whose content is @width × @height (a small laptop's screen, the
 * default window), saved as size-WIDTHxHEIGHT-NN-page: the sidebar beside the page from
 * 900 px on, and no page's data cut off at the right. */
static gboolean
save_pages_sized (GtkApplication *app,
                  DeskStore      *store,
                  const char     *dir,
                  int             width,
                  int             height)
{
  GtkWidget *window = desk_window_new (app, store);
  gboolean ok = TRUE;
  int frame_x;
  int frame_y;

  /* Xvfb's client-side decorations draw a frame inside the default size: found once, and
   * added, so that the content is the size named. */
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 2);
  frame_x = width - gtk_widget_get_width (window);
  frame_y = height - gtk_widget_get_height (window);
  gtk_window_destroy (GTK_WINDOW (window));

  window = desk_window_new (app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), width + frame_x, height + frame_y);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      char name[64];

      gtk_widget_activate_action (window, "win.show-page", "s", page_names[i]);
      g_snprintf (name, sizeof name, "size-%dx%d-%02u-%s", width, height, i + 1, page_names[i]);
      ok &= save_window (window, dir, name);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *tmp_dir = NULL;
  int status;
  const char *dir;
  GtkWidget *window;
  GtkWindow *dialog;
  gboolean ok = TRUE;
  char name[64];

  status = screenshots_start (argc, argv, "org.voluntaryprinciples.Groupdesk.Screenshots", "groupdesk.db",
                              &dir, &app, &tmp_dir, &store);
  if (status != 0)
    return status;

  /* First run: the welcome view, then the form, empty and refused. */
  window = new_main_window (GTK_APPLICATION (app), store);
  ok &= save_window (window, dir, "00-welcome");

  gtk_widget_activate_action (window, "win.create-group", NULL);
  dialog = find_toplevel (DESK_TYPE_GROUP_DIALOG);
  ok &= save_window (GTK_WIDGET (dialog), dir, "10-create-group");
  /* As typed: Ghana chosen (its currency follows), a name typed and rubbed out, whose
   * error shows at once. */
  {
    GtkEditable *name_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                         DESK_TYPE_GROUP_DIALOG,
                                                                         "name_row"));
    AdwComboRow *country_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                             DESK_TYPE_GROUP_DIALOG,
                                                                             "country_row"));
    g_autoptr(GPtrArray) countries = desk_country_choices ();

    for (guint i = 0; i < countries->len; i++)
      if (g_str_equal (((DeskChoice *) g_ptr_array_index (countries, i))->code, "GH"))
        adw_combo_row_set_selected (country_row, i + 1);
    gtk_editable_set_text (name_row, "Ghana");
    gtk_editable_set_text (name_row, "");
  }
  ok &= save_dialog (dialog, dir, "11-create-group-error");

  /* The sample group, on every page. */
  uuid = desk_demo_fill (store, &error);
  if (uuid == NULL)
    {
      g_printerr ("Could not fill the sample group: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_activate_action (window, "win.show-page", "s", page_names[i]);
      g_snprintf (name, sizeof name, "%02u-%s", i + 1, page_names[i]);
      ok &= save_window (window, dir, name);
    }

  /* The workplan: an activity open, its indicators, a refused date, next year's plan. */
  {
    DeskWorkplanPage *page = DESK_WORKPLAN_PAGE (show_page (window, "workplan"));
    DeskRecordList *list = _desk_workplan_page_get_activity_list (page);
    DeskRecordEditor *editor = _desk_workplan_page_get_activity_editor (page);
    g_autofree char *a1 = find_row (list, "code", "A1");
    g_autofree char *indicator = NULL;
    GtkWidget *row;

    desk_record_list_open (list, a1);
    ok &= save_window (window, dir, "20-workplan-activity");

    row = desk_record_editor_get_row (editor, "planned_end");
    gtk_editable_set_text (GTK_EDITABLE (row), "2001-01-01");
    g_signal_emit_by_name (row, "apply");
    gtk_widget_grab_focus (row);
    ok &= save_window (window, dir, "21-validation-error");
    desk_record_list_close_editor (list);
    desk_record_list_open (list, a1);

    _desk_workplan_page_show_view (page, "indicators");
    indicator = find_row (_desk_workplan_page_get_indicator_list (page), NULL, NULL);
    desk_record_list_open (_desk_workplan_page_get_indicator_list (page), indicator);
    ok &= save_window (window, dir, "22-workplan-indicators");
    _desk_workplan_page_show_view (page, "activities");

    gtk_widget_activate_action (GTK_WIDGET (page), "workplan.start-next", NULL);
    dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    ok &= save_dialog (dialog, dir, "23-start-next-year");
  }

  {
    DeskDeliverablesPage *page = DESK_DELIVERABLES_PAGE (show_page (window, "deliverables"));
    DeskRecordList *list = _desk_deliverables_page_get_list (page);
    g_autofree char *first = NULL;

    gtk_toggle_button_set_active (_desk_deliverables_page_get_overdue_toggle (page), TRUE);
    first = find_row (list, NULL, NULL);
    if (first != NULL)
      desk_record_list_open (list, first);
    ok &= save_window (window, dir, "24-deliverables-overdue");
    gtk_toggle_button_set_active (_desk_deliverables_page_get_overdue_toggle (page), FALSE);
  }

  ok &= save_evidence (window, store, tmp_dir, dir);

  {
    DeskPeoplePage *page = DESK_PEOPLE_PAGE (show_page (window, "people"));
    DeskRecordList *list = _desk_people_page_get_member_list (page);
    g_autofree char *first = find_row (list, NULL, NULL);

    desk_record_list_open (list, first);
    ok &= save_window (window, dir, "25-people-members");

    gtk_widget_activate_action (GTK_WIDGET (page), "people.edit-group", NULL);
    ok &= save_dialog (_desk_people_page_get_group_window (page), dir, "26-group-profile");
  }

  /* Workshops: one open with its attendance, a check-in under way, a sign-in sheet's
   * preview, the period breakdown, the Annual Plenary; the People tab with a person. */
  {
    DeskWorkshopsPage *page = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
    DeskRecordList *list = _desk_workshops_page_get_list (page);
    AdwViewStack *tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_WORKSHOPS_PAGE,
                                                                       "view_stack"));
    g_autofree char *workshop = find_row (list, "town", "Tarkwa");
    g_autofree char *sheet = g_build_filename (dir, "signin-sample.csv", NULL);
    g_autoptr(GFile) sheet_file = g_file_new_for_path (sheet);
    DeskCheckin *checkin;
    GtkEditable *entry;
    DeskSigninDialog *signin;
    DeskPeoplePage *people;
    AdwViewStack *people_tabs;
    DeskRecordList *person_list;

    if (workshop == NULL)
      workshop = find_row (list, NULL, NULL);
    desk_record_list_open (list, workshop);
    ok &= save_window (window, dir, "50-workshop");

    /* Three people invited who have not confirmed: the check-in says so. */
    if (!invite_three (store, workshop))
      ok = FALSE;

    gtk_widget_activate_action (GTK_WIDGET (page), "workshops.checkin", NULL);
    checkin = _desk_workshops_page_get_checkin (page);
    entry = _desk_checkin_get_entry (checkin);
    /* Added from the "Add new person" row, then typed again misspelt: she is offered
     * first, above the add row. */
    gtk_editable_set_text (entry, "Esinam Agbodeka");
    {
      GtkSingleSelection *matches = _desk_checkin_get_matches (checkin);

      gtk_single_selection_set_selected (matches, g_list_model_get_n_items (G_LIST_MODEL (matches)) - 1);
    }
    g_signal_emit_by_name (entry, "activate");
    gtk_editable_set_text (entry, "Esinam Agbodeke");
    ok &= save_window (window, dir, "51-workshop-checkin");
    /* The list narrowed to those invited who have not confirmed. */
    gtk_editable_set_text (entry, "");
    gtk_toggle_button_set_active (checkin->invited_button, TRUE);
    ok &= save_window (window, dir, "59-workshop-checkin-invited");
    gtk_toggle_button_set_active (checkin->invited_button, FALSE);

    g_file_set_contents (sheet,
                         "Name,Organisation,Gender,Role,Email\n"
                         "Esinam Agbodeka,,Woman,Participant,\n"
                         "Yaw Darkwah-Nyarko,Ministry of Mines,Man,Speaker,yaw@example.org\n"
                         "Adwoa Sarpong-Kyei,Tarkwa Women’s Network,F,Participant,\n"
                         "ESINAM  AGBODEKA,,Woman,,\n"
                         "李娜,紫金矿业,女,发言人,\n"
                         "Kobina Arthur,Chamber of Mines,Man,Participant,kobina at example\n",
                         -1, NULL);
    signin = _desk_workshops_page_import_file (page, sheet_file, NULL);
    if (signin != NULL)
      ok &= save_dialog (GTK_WINDOW (signin), dir, "52-signin-preview");
    g_remove (sheet);

    /* Two columns of names: the dialog opens and waits for the choice. */
    g_file_set_contents (sheet,
                         "Name,Organisation,Gender,Full name\n"
                         "Esinam,,Woman,Esinam Agbodeka\n"
                         "Yaw,Ministry of Mines,Man,Yaw Darkwah-Nyarko\n",
                         -1, NULL);
    signin = _desk_workshops_page_import_file (page, sheet_file, NULL);
    if (signin != NULL)
      ok &= save_dialog (GTK_WINDOW (signin), dir, "56-signin-two-columns");
    g_remove (sheet);
    gtk_widget_activate_action (GTK_WIDGET (page), "workshops.close-checkin", NULL);

    adw_view_stack_set_visible_child_name (tabs, "breakdown");
    ok &= save_window (window, dir, "53-workshops-breakdown");
    adw_view_stack_set_visible_child_name (tabs, "plenary");
    {
      g_autofree char *nomination = find_row (_desk_workshops_page_get_plenary_list (page), NULL, NULL);

      if (nomination == NULL)
        gtk_widget_activate_action (GTK_WIDGET (page), "page.new", NULL);
      else
        desk_record_list_open (_desk_workshops_page_get_plenary_list (page), nomination);
    }
    ok &= save_window (window, dir, "54-annual-plenary");
    adw_view_stack_set_visible_child_name (tabs, "workshops");

    people = DESK_PEOPLE_PAGE (show_page (window, "people"));
    people_tabs = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (people), DESK_TYPE_PEOPLE_PAGE,
                                                                "view_stack"));
    adw_view_stack_set_visible_child_name (people_tabs, "people");
    person_list = _desk_people_page_get_person_list (people);
    {
      g_autofree char *person = find_row (person_list, NULL, NULL);

      desk_record_list_open (person_list, person);
    }
    ok &= save_window (window, dir, "55-people-person");
    /* A second person chosen with Ctrl+click: Merge… in the list's bar is enabled. */
    {
      GtkSelectionModel *selection = desk_record_list_get_selection (person_list);

      if (g_list_model_get_n_items (G_LIST_MODEL (selection)) > 1)
        gtk_selection_model_select_item (selection, gtk_selection_model_is_selected (selection, 1) ? 0 : 1,
                                         FALSE);
    }
    ok &= save_window (window, dir, "56-people-merge-selected");
    /* The merge dialog for the two people chosen. */
    _desk_people_page_merge (people);
    if (_desk_people_page_get_merge_dialog (people) != NULL)
      ok &= save_dialog (GTK_WINDOW (_desk_people_page_get_merge_dialog (people)), dir, "57-people-merge");
    /* A person entered again (the same name and member): the offer of the one already
     * there, Merge Both… among its buttons. The insert is undone, so the pages after see
     * the data as it was. */
    {
      g_autoptr(DeskRecord) existing = desk_record_list_dup_open_record (person_list);
      g_autoptr(DeskRecord) again = desk_record_new (DESK_KIND_PERSON);
      DeskHistory *history = desk_page_get_history (DESK_PAGE (people));

      if (existing != NULL)
        {
          desk_record_set_group (again, desk_record_get_group (existing));
          desk_record_set_string (again, "name", desk_record_get_string (existing, "name"));
          desk_record_set_string (again, "member_uuid", desk_record_get_string (existing, "member_uuid"));
          desk_record_set_string (again, "organisation", desk_record_get_string (existing, "organisation"));
          desk_record_set_string (again, "gender", "not_stated");
          if (desk_history_insert (history, again, NULL))
            {
              desk_record_list_open (person_list, desk_record_get_uuid (again));
              ok &= save_window (window, dir, "58-people-duplicate");
              gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
            }
        }
    }
    adw_view_stack_set_visible_child_name (people_tabs, "members");
  }

  {
    DeskReportsPage *page = DESK_REPORTS_PAGE (show_page (window, "reports"));
    const char *keys[] = { "workplan", "budget", "attendance", "indicators" };
    g_autofree char *pdf = g_build_filename (dir, "30-report-budget.pdf", NULL);
    g_autoptr(GError) print_error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_snprintf (name, sizeof name, "3%u-report-%s", i + 1, keys[i]);
        gtk_widget_activate_action (GTK_WIDGET (page), "reports.show", "s", keys[i]);
        ok &= save_window (window, dir, name);
      }
    /* A period of one's own: the two dates as the app writes them, with their calendars. */
    _desk_reports_page_set_period (page, "2025-01-01", "2025-12-31");
    ok &= save_window (window, dir, "36-report-custom-period");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page), DESK_TYPE_REPORTS_PAGE,
                                                                              "period_dropdown")), 0);
    /* The printed report, through GtkPrintOperation; pdftoppm turns it into a PNG. */
    desk_reports_page_show_report (page, DESK_REPORT_BUDGET);
    if (!_desk_reports_page_print (page, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &print_error))
      {
        g_printerr ("Could not print: %s\n", print_error->message);
        ok = FALSE;
      }
  }

  /* The budget: a line in its editor, the Revise window, the expenses, a rate missing on
   * the Rates tab, and the summary. The line in yen is taken away after. */
  {
    DeskBudgetPage *page = DESK_BUDGET_PAGE (show_page (window, "budget"));
    DeskRecordList *lines = _desk_budget_page_get_list (page, "lines");
    g_autofree char *first = find_row (lines, NULL, NULL);
    g_autofree char *expense = NULL;
    g_autoptr(DeskRecord) yen = desk_record_new (DESK_KIND_BUDGET_LINE);
    g_autoptr(DeskRecord) line = desk_store_get (store, DESK_KIND_BUDGET_LINE, first, NULL);
    DeskRecordForm *form;

    desk_record_list_open (lines, first);
    ok &= save_window (window, dir, "40-budget-line");

    gtk_widget_activate_action (GTK_WIDGET (page), "budget.revise", NULL);
    form = _desk_budget_page_get_form (page);
    if (form != NULL)
      {
        gtk_editable_set_text (GTK_EDITABLE (desk_record_form_get_row (form, "quantity_milli")), "12.5");
        gtk_editable_set_text (GTK_EDITABLE (desk_record_form_get_row (form, "reason")), "");
        desk_record_form_accept (form);
        ok &= save_dialog (GTK_WINDOW (form), dir, "41-budget-revise");
      }

    _desk_budget_page_show_view (page, "expenses");
    wait_for_frames (window, 2);
    expense = find_row (_desk_budget_page_get_list (page, "expenses"), NULL, NULL);
    desk_record_list_open (_desk_budget_page_get_list (page, "expenses"), expense);
    ok &= save_window (window, dir, "42-budget-expenses");

    desk_record_set_string (yen, "workplan_uuid", desk_record_get_string (line, "workplan_uuid"));
    desk_record_set_string (yen, "category", desk_record_get_string (line, "category"));
    desk_record_set_string (yen, "description_en", "Interpretation booked in Tokyo");
    desk_record_set_int (yen, "quantity_milli", 1000);
    desk_record_set_int (yen, "unit_cost_minor", 250000);
    desk_record_set_string (yen, "currency", "JPY");
    desk_store_insert (store, yen, NULL);
    _desk_budget_page_show_view (page, "rates");
    wait_for_frames (window, 2);
    ok &= save_window (window, dir, "43-budget-rates-missing");

    _desk_budget_page_show_view (page, "summary");
    ok &= save_window (window, dir, "44-budget-summary");
    desk_store_delete (store, DESK_KIND_BUDGET_LINE, desk_record_get_uuid (yen), NULL);
    _desk_budget_page_show_view (page, "lines");
  }

  /* Exports: the dialog (over a period with a problem to fix when the last quarter has
   * none), one bundle written, the history, the preview of importing it elsewhere, and
   * the IATI file's dialog. The bundle is deleted after. */
  {
    DeskExportsPage *page = DESK_EXPORTS_PAGE (show_page (window, "exports"));
    g_autofree char *bundle = g_build_filename (dir, "sample" DESK_BUNDLE_SUFFIX, NULL);
    g_autoptr(GFile) bundle_file = g_file_new_for_path (bundle);
    g_autoptr(DeskStore) laptop = desk_store_open (NULL, NULL);
    DeskExportDialog *export_dialog;
    DeskImportDialog *import_dialog;
    g_autoptr(DeskImportPlan) first = NULL;

    g_autoptr(GPtrArray) activities = desk_store_list (store, DESK_KIND_ACTIVITY, uuid, NULL);
    g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);

    /* A workshop nobody was recorded at: the problem the dialog asks to fix first. */
    desk_record_set_string (workshop, "activity_uuid",
                            desk_record_get_uuid (g_ptr_array_index (activities, 0)));
    desk_record_set_string (workshop, "title_en", "Community dialogue, Obuasi");
    desk_record_set_string (workshop, "start_date", "2025-09-16");
    desk_record_set_string (workshop, "end_date", "2025-09-16");
    desk_record_set_string (workshop, "town", "Obuasi");
    desk_record_set_string (workshop, "format", "in_person");
    desk_store_insert (store, workshop, NULL);

    gtk_widget_activate_action (window, "win.export-bundle", NULL);
    export_dialog = _desk_exports_page_get_export_dialog (page);
    if (export_dialog != NULL)
      {
        _desk_export_dialog_set_period (export_dialog, "2025-07-01", "2026-06-30");
        ok &= save_window (GTK_WIDGET (export_dialog), dir, "60-export-dialog");
        /* The calendar of the first day, open on the day the row shows. */
        {
          DeskDateRow *from_row = DESK_DATE_ROW (gtk_widget_get_template_child (GTK_WIDGET (export_dialog),
                                                                                DESK_TYPE_EXPORT_DIALOG,
                                                                                "from_row"));
          GtkWidget *calendar = GTK_WIDGET (desk_date_row_get_calendar (from_row));
          GtkWidget *popover = gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER);

          gtk_popover_popup (GTK_POPOVER (popover));
          wait_for_frames (popover, 4);
          ok &= save_window_with_popover (GTK_WIDGET (export_dialog), popover, dir, "66-export-date-popover");
          gtk_popover_popdown (GTK_POPOVER (popover));
        }
        if (!_desk_export_dialog_export_to (export_dialog, bundle, &error))
          {
            g_printerr ("Could not export: %s\n", error->message);
            g_clear_error (&error);
            ok = FALSE;
          }
      }
    ok &= save_window (window, dir, "61-exports-history");

    import_dialog = laptop != NULL ? desk_import_dialog_new (GTK_WINDOW (window), laptop, bundle_file, NULL) : NULL;
    if (import_dialog != NULL)
      ok &= save_dialog (GTK_WINDOW (import_dialog), dir, "62-import-preview");
    import_dialog = desk_import_dialog_new (GTK_WINDOW (window), store, bundle_file, NULL);
    if (import_dialog != NULL)
      ok &= save_dialog (GTK_WINDOW (import_dialog), dir, "63-import-own-bundle");

    /* A bundle that deletes the workplan by one tombstone and names nothing under it
     * (crafted from the one just written): the laptop that imported it is asked. */
    first = laptop != NULL ? desk_bundle_import (laptop, bundle, FALSE, FALSE, NULL) : NULL;
    if (first != NULL)
      {
        g_autofree char *crafted = g_build_filename (dir, "crafted" DESK_BUNDLE_SUFFIX, NULL);
        g_autoptr(GFile) crafted_file = g_file_new_for_path (crafted);
        g_autoptr(GPtrArray) workplans = desk_store_list (store, DESK_KIND_WORKPLAN, uuid, NULL);
        g_autofree char *text = NULL;
        g_autofree char *tombstone = NULL;
        g_autofree char *digest = NULL;
        g_autoptr(GString) out = g_string_new (NULL);
        const char *records;
        const char *end;
        char *sum;

        g_file_get_contents (bundle, &text, NULL, NULL);
        records = text != NULL ? strstr (text, "<records>") : NULL;
        end = text != NULL ? g_strrstr (text, "</records>") : NULL;
        if (records != NULL && end != NULL && workplans != NULL && workplans->len > 0)
          {
            /* The group's record (a bundle always has it), then the one tombstone. */
            const char *group_end = strstr (records, "</group>") + strlen ("</group>");

            tombstone = g_strdup_printf ("%.*s\n <tombstone uuid=\"%s\" kind=\"workplan\" "
                                         "deleted=\"%s\"/>\n</records>",
                                         (int) (group_end - records), records,
                                         desk_record_get_uuid (g_ptr_array_index (workplans, 0)),
                                         desk_record_get_updated (g_ptr_array_index (workplans, 0)));
            digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tombstone, -1);
            g_string_append_len (out, text, records - text);
            g_string_append (out, tombstone);
            g_string_append (out, end + strlen ("</records>"));
            /* The manifest's counts and digest made to match. */
            for (const char *k = "<count kind=\""; (sum = strstr (out->str, k)) != NULL;)
              {
                char *close = strstr (sum, "</count>");
                char *value = strchr (sum, '>') + 1;
                gboolean one = g_str_has_prefix (sum, "<count kind=\"tombstone\"") ||
                               g_str_has_prefix (sum, "<count kind=\"group\"");

                g_string_erase (out, value - out->str, close - value);
                g_string_insert_c (out, value - out->str, one ? '1' : '0');
                sum[1] = 'C';
              }
            for (char *c; (c = strstr (out->str, "<Count")) != NULL;)
              c[1] = 'c';
            sum = strstr (out->str, "<content_sha256>") + strlen ("<content_sha256>");
            memcpy (sum, digest, 64);
            /* The next bundle of the chain, under a new identifier. */
            {
              g_autofree char *new_uuid = g_uuid_string_random ();
              g_autofree char *file_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
              g_autofree char *next = NULL;
              char *at = strstr (out->str, "<bundle_uuid>") + strlen ("<bundle_uuid>");
              char *seq = strstr (out->str, "<sequence>");
              gsize seq_end;

              memcpy (at, new_uuid, 36);
              seq_end = (gsize) (strstr (seq, "</sequence>") + strlen ("</sequence>") - out->str);
              next = g_strdup_printf ("<sequence>%" G_GINT64_FORMAT "</sequence>\n  <previous "
                                      "uuid=\"%s\" sha256=\"%s\"/>", first->sequence + 1,
                                      first->bundle_uuid, file_sum);
              g_string_erase (out, seq - out->str, seq_end - (gsize) (seq - out->str));
              g_string_insert (out, seq - out->str, next);
            }
            g_file_set_contents (crafted, out->str, -1, NULL);
            import_dialog = desk_import_dialog_new (GTK_WINDOW (window), laptop, crafted_file, &error);
            if (import_dialog != NULL)
              ok &= save_dialog (GTK_WINDOW (import_dialog), dir, "65-import-cascade");
            else
              {
                g_printerr ("Could not preview the crafted bundle: %s\n", error->message);
                g_clear_error (&error);
                ok = FALSE;
              }
            g_remove (crafted);
          }
      }
    g_remove (bundle);
    desk_store_delete (store, DESK_KIND_WORKSHOP, desk_record_get_uuid (workshop), NULL);

    gtk_widget_activate_action (GTK_WIDGET (page), "exports.export-iati", NULL);
    export_dialog = _desk_exports_page_get_export_dialog (page);
    if (export_dialog != NULL)
      ok &= save_dialog (GTK_WINDOW (export_dialog), dir, "64-export-iati");
  }

  dialog = GTK_WINDOW (desk_preferences_window_new (store));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), "backups");
  ok &= save_dialog (dialog, dir, "35-preferences-backups");

  dialog = GTK_WINDOW (desk_preferences_window_new (store));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  ok &= save_dialog (dialog, dir, "12-preferences");

  ok &= save_dialog (desk_application_build_about_window (GTK_WINDOW (window)), dir, "13-about");
  ok &= save_dialog (desk_application_build_shortcuts_window (GTK_WINDOW (window)), dir, "14-shortcuts");

  /* Every page at a small laptop's 1024 × 600 and at the default window size. */
  ok &= save_pages_sized (GTK_APPLICATION (app), store, dir, 1024, 600);
  ok &= save_pages_sized (GTK_APPLICATION (app), store, dir, 1100, 720);

  /* The dark style, and a window narrow enough to fold the sidebar away (below 900 px;
   * a page needs 679 px at least, so no narrower). */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_widget_activate_action (window, "win.show-page", "s", "overview");
  ok &= save_window (window, dir, "15-overview-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  window = desk_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (window, "win.show-page", "s", "overview");
  ok &= save_window (window, dir, "16-narrow");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A database kept in memory: the banner says nothing is saved. */
  {
    g_autoptr(DeskStore) memory = desk_store_open (NULL, NULL);
    g_autoptr(DeskRecord) group = desk_record_new (DESK_KIND_GROUP);

    desk_record_set_string (group, "name_en", "Ghana VPI Working Group");
    desk_record_set_string (group, "name_zh", "加纳自愿原则工作组");
    desk_record_set_string (group, "country", "GH");
    desk_record_set_string (group, "currency", "GHS");
    desk_store_insert (memory, group, NULL);
    window = new_main_window (GTK_APPLICATION (app), memory);
    gtk_widget_activate_action (window, "win.show-page", "s", "overview");
    ok &= save_window (window, dir, "17-memory-banner");
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* Before the protection, which leaves the store protected. */
  window = new_main_window (GTK_APPLICATION (app), store);
  ok &= save_history (window, store, tmp_dir, dir);
  gtk_window_destroy (GTK_WINDOW (window));

  ok &= save_protection (GTK_APPLICATION (app), store, tmp_dir, dir);

  g_application_release (G_APPLICATION (app));
  g_clear_object (&store);
  remove_folder (tmp_dir);

  return ok ? 0 : 1;
}
