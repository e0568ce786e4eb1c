/* test-evidence.c — the evidence section of the record editor: which kinds show it,
 * adding files as a drop does, refusals, captions and the personal mark, removing with
 * Undo, thumbnails, and the Deliverables page's “No evidence” pill and filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gui-common.h"

#include <cairo-pdf.h>

#include "desk-evidence-copy.h"
#include "desk-evidence-group.h"
#include "desk-evidence-group-private.h"
#include "desk-thumbnail.h"

/* Helpers */

/* A folder of the test's own for the files it attaches. */
static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("groupdesk-evidence-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

/* A 200 × 120 PNG, drawn with cairo. */
static char *
write_png (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 120);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0.8, 0);
  cairo_arc (cr, 100, 60, 40, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

/* A one-page A4 PDF with a heading and a box, written with cairo's PDF surface. */
static char *
write_pdf (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 36);
  cairo_move_to (cr, 60, 120);
  cairo_show_text (cr, "Final report");
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, 60, 200, 475, 300);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Drops @paths on @editor through its drop target's own handler, with a GdkFileList as
 * a drag from the file manager brings (a real drop cannot be simulated). */
static gboolean
drop_files (DeskRecordEditor   *editor,
            const char *const  *paths)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (editor));
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  GdkFileList *list;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  list = gdk_file_list_new_from_list (files);
  g_slist_free_full (files, g_object_unref);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);

  _desk_evidence_group_wait (desk_record_editor_get_evidence (editor));

  return accepted;
}

static GPtrArray *
list_files (DeskStore      *store,
            const DeskKind *kind,
            const char     *uuid)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *files = desk_attachment_list (store, kind, uuid, &error);

  g_assert_no_error (error);

  return files;
}

static gboolean
has_file (DeskStore  *store,
          const char *uuid)
{
  g_autoptr(DeskAttachment) attachment = desk_attachment_get (store, uuid, NULL);

  return attachment != NULL;
}

/* The Deliverables page with its first deliverable open in the editor. */
static DeskRecordEditor *
open_first_deliverable (DeskWindow            *window,
                        DeskDeliverablesPage **page_out,
                        char                 **uuid_out)
{
  DeskDeliverablesPage *page = DESK_DELIVERABLES_PAGE (show_page (window, "deliverables"));
  DeskRecordList *list = _desk_deliverables_page_get_list (page);
  g_autoptr(DeskRecord) first = g_list_model_get_item (desk_record_list_get_filter_model (list), 0);

  g_assert_nonnull (first);
  desk_record_list_open (list, desk_record_get_uuid (first));
  g_assert_cmpstr (desk_record_list_get_open_uuid (list), ==, desk_record_get_uuid (first));

  if (page_out != NULL)
    *page_out = page;
  *uuid_out = g_strdup (desk_record_get_uuid (first));

  return _desk_deliverables_page_get_editor (page);
}

/* Whether any preferences group inside @widget is titled @title, other than @except. */
static guint
count_groups_titled (GtkWidget  *widget,
                     const char *title)
{
  guint n = 0;

  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_groups_titled (child, title);

  return n;
}

/* Tests */

/* The six kinds that take files get the section from the editor itself, last; others
 * do not; and the pages' own editors have it without building it. */
static void
test_evidence_kinds (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  const DeskKind *with[] = { DESK_KIND_DELIVERABLE, DESK_KIND_ACTIVITY, DESK_KIND_EXPENSE,
                             DESK_KIND_FUNDING, DESK_KIND_WORKSHOP, DESK_KIND_INDICATOR_VALUE };
  const DeskKind *without[] = { DESK_KIND_PERSON, DESK_KIND_MEMBER, DESK_KIND_BUDGET_LINE,
                                DESK_KIND_INDICATOR, DESK_KIND_WORKPLAN, DESK_KIND_GROUP };
  DeskWindow *window;
  DeskRecordEditor *editor;

  for (guint i = 0; i < G_N_ELEMENTS (with); i++)
    {
      GtkWidget *widget = g_object_ref_sink (desk_record_editor_new (history, with[i]));
      static const char *const none[] = { NULL };
      DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (DESK_RECORD_EDITOR (widget));

      g_assert_true (desk_attachment_kind_allowed (with[i]));
      g_assert_nonnull (evidence);
      g_assert_true (gtk_widget_get_parent (GTK_WIDGET (evidence)) == widget);
      g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (evidence)), ==, "Evidence");
      /* Groups added after it still come before it; only the History follows it. */
      desk_record_editor_add_group (DESK_RECORD_EDITOR (widget), "Other", none);
      g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (evidence)) ==
                     desk_record_editor_get_changes (DESK_RECORD_EDITOR (widget)));
      g_assert_true (gtk_widget_get_last_child (widget) == desk_record_editor_get_changes (DESK_RECORD_EDITOR (widget)));
      g_object_unref (widget);
    }

  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      GtkWidget *widget = g_object_ref_sink (desk_record_editor_new (history, without[i]));

      g_assert_false (desk_attachment_kind_allowed (without[i]));
      g_assert_null (desk_record_editor_get_evidence (DESK_RECORD_EDITOR (widget)));
      g_assert_cmpuint (count_groups_titled (widget, "Evidence"), ==, 0);
      g_object_unref (widget);
    }

  /* The pages' editors, as they build them. */
  window = new_window (store);
  editor = _desk_deliverables_page_get_editor (DESK_DELIVERABLES_PAGE (show_page (window, "deliverables")));
  g_assert_nonnull (desk_record_editor_get_evidence (editor));
  /* One Evidence area: the note at its top, no path row, no second group of that name. */
  g_assert_null (desk_record_editor_get_row (editor, "evidence_path"));
  g_assert_true (gtk_widget_is_ancestor (desk_record_editor_get_row (editor, "evidence_note"),
                                         GTK_WIDGET (desk_record_editor_get_evidence (editor))));
  g_assert_cmpuint (count_groups_titled (GTK_WIDGET (editor), "Evidence"), ==, 1);

  editor = _desk_workplan_page_get_activity_editor (DESK_WORKPLAN_PAGE (show_page (window, "workplan")));
  g_assert_nonnull (desk_record_editor_get_evidence (editor));
  editor = _desk_workshops_page_get_editor (DESK_WORKSHOPS_PAGE (show_page (window, "workshops")));
  g_assert_nonnull (desk_record_editor_get_evidence (editor));
  g_assert_null (desk_record_editor_get_evidence (
                   _desk_workshops_page_get_plenary_editor (DESK_WORKSHOPS_PAGE (show_page (window, "workshops")))));
  {
    DeskBudgetPage *budget = DESK_BUDGET_PAGE (show_page (window, "budget"));

    g_assert_nonnull (desk_record_editor_get_evidence (_desk_budget_page_get_editor (budget, "expenses")));
    g_assert_nonnull (desk_record_editor_get_evidence (_desk_budget_page_get_editor (budget, "funding")));
    g_assert_null (desk_record_editor_get_evidence (_desk_budget_page_get_editor (budget, "lines")));
  }
  destroy_window (window);
}

/* A drop adds the files to the record open, through the same worker as the chooser;
 * the rows follow and the empty line goes. */
static void
test_evidence_drop_adds (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *png = write_png (dir, "site visit.png");
  g_autofree char *text = write_file (dir, "minutes.txt", "Minutes of the meeting\n", -1);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, NULL, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  const char *paths[] = { png, text, NULL };

  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 0);
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 0);
  g_assert_true (gtk_widget_get_visible (_desk_evidence_group_get_empty_label (evidence)));
  g_assert_cmpstr (desk_evidence_group_get_owner (evidence), ==, uuid);

  g_assert_true (drop_files (editor, paths));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 0))->name, ==, "site visit.png");
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 0))->media_type, ==, "image/png");
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 1))->name, ==, "minutes.txt");
  /* Not personal by default for a deliverable. */
  g_assert_false (((DeskAttachment *) g_ptr_array_index (files, 1))->personal);

  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 2);
  for (guint i = 0; i < files->len; i++)
    g_assert_nonnull (_desk_evidence_group_get_row (evidence, ((DeskAttachment *) g_ptr_array_index (files, i))->uuid));
  g_assert_false (gtk_widget_get_visible (_desk_evidence_group_get_empty_label (evidence)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_desk_evidence_group_get_error_label (evidence))));

  /* A workshop's files are marked personal unless the user says otherwise. */
  {
    DeskWorkshopsPage *workshops = DESK_WORKSHOPS_PAGE (show_page (window, "workshops"));
    DeskRecordList *list = _desk_workshops_page_get_list (workshops);
    DeskRecordEditor *workshop_editor = _desk_workshops_page_get_editor (workshops);
    g_autoptr(DeskRecord) workshop = g_list_model_get_item (desk_record_list_get_filter_model (list), 0);
    g_autoptr(GPtrArray) sheets = NULL;
    const char *sheet[] = { text, NULL };

    desk_record_list_open (list, desk_record_get_uuid (workshop));
    g_assert_true (drop_files (workshop_editor, sheet));
    sheets = list_files (store, DESK_KIND_WORKSHOP, desk_record_get_uuid (workshop));
    g_assert_cmpuint (sheets->len, ==, 1);
    g_assert_true (((DeskAttachment *) g_ptr_array_index (sheets, 0))->personal);
    g_assert_true (gtk_switch_get_active (_desk_evidence_group_get_personal_switch (
                     desk_record_editor_get_evidence (workshop_editor),
                     ((DeskAttachment *) g_ptr_array_index (sheets, 0))->uuid)));
  }

  destroy_window (window);
  remove_dir (dir);
}

/* Files core refuses are named with its sentence; nothing of them is stored, and the
 * good file of the same drop is. */
static void
test_evidence_refused (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *empty = write_file (dir, "empty.pdf", "", 0);
  g_autofree char *folder = g_build_filename (dir, "a folder", NULL);
  g_autofree char *good = write_file (dir, "receipt.txt", "Paid 120 GHS\n", -1);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  DeskWindow *window;
  DeskRecordEditor *editor;
  DeskEvidenceGroup *evidence;
  GtkLabel *error_label;
  const char *bad[] = { empty, folder, NULL };
  const char *mixed[] = { empty, good, NULL };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  window = new_window (store);
  editor = open_first_deliverable (window, NULL, &uuid);
  evidence = desk_record_editor_get_evidence (editor);
  error_label = _desk_evidence_group_get_error_label (evidence);

  drop_files (editor, bad);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "is empty (0 bytes)"));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "a folder"));
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 0);

  drop_files (editor, mixed);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 0))->name, ==, "receipt.txt");
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "empty.pdf"));
  g_assert_null (strstr (gtk_label_get_label (error_label), "receipt.txt"));
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 1);

  destroy_window (window);
  remove_dir (dir);
}

/* The caption row and the personal switch write through core at once. */
static void
test_evidence_caption_personal (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *text = write_file (dir, "list.txt", "Attendance list\n", -1);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(DeskAttachment) stored = NULL;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, NULL, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  const char *paths[] = { text, NULL };
  const char *file_uuid;
  AdwEntryRow *caption;
  GtkSwitch *personal;

  drop_files (editor, paths);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  file_uuid = ((DeskAttachment *) g_ptr_array_index (files, 0))->uuid;

  caption = _desk_evidence_group_get_caption_row (evidence, file_uuid);
  gtk_editable_set_text (GTK_EDITABLE (caption), "Signed by the chair");
  g_signal_emit_by_name (caption, "apply");
  stored = desk_attachment_get (store, file_uuid, NULL);
  g_assert_cmpstr (stored->caption, ==, "Signed by the chair");
  g_assert_false (stored->personal);
  g_clear_pointer (&stored, desk_attachment_free);

  personal = _desk_evidence_group_get_personal_switch (evidence, file_uuid);
  g_assert_false (gtk_switch_get_active (personal));
  gtk_switch_set_active (personal, TRUE);
  stored = desk_attachment_get (store, file_uuid, NULL);
  g_assert_true (stored->personal);
  g_assert_cmpstr (stored->caption, ==, "Signed by the chair");
  g_clear_pointer (&stored, desk_attachment_free);

  gtk_switch_set_active (personal, FALSE);
  stored = desk_attachment_get (store, file_uuid, NULL);
  g_assert_false (stored->personal);

  destroy_window (window);
  remove_dir (dir);
}

/* Remove hides the row; Undo keeps the file; the toast going, another record shown or
 * the window closing removes it for good. */
static void
test_evidence_remove_undo (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *a = write_file (dir, "a.txt", "first\n", -1);
  g_autofree char *b = write_file (dir, "b.txt", "second\n", -1);
  g_autofree char *c = write_file (dir, "c.txt", "third\n", -1);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(DeskAttachment) still = NULL;
  DeskDeliverablesPage *page;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, &page, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  const char *paths[] = { a, b, c, NULL };
  g_autofree char *ua = NULL;
  g_autofree char *ub = NULL;
  g_autofree char *uc = NULL;
  AdwToast *toast;

  drop_files (editor, paths);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 3);
  ua = g_strdup (((DeskAttachment *) g_ptr_array_index (files, 0))->uuid);
  ub = g_strdup (((DeskAttachment *) g_ptr_array_index (files, 1))->uuid);
  uc = g_strdup (((DeskAttachment *) g_ptr_array_index (files, 2))->uuid);

  /* Remove, then Undo: hidden at once, never gone, back on Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.remove", "s", ua));
  g_assert_false (gtk_widget_get_visible (_desk_evidence_group_get_row (evidence, ua)));
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 2);
  toast = _desk_evidence_group_get_undo_toast (evidence, ua);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“a.txt” removed");
  still = desk_attachment_get (store, ua, NULL);
  g_assert_nonnull (still);
  g_clear_pointer (&still, desk_attachment_free);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  wait_a_moment (20);
  g_assert_null (_desk_evidence_group_get_undo_toast (evidence, ua));
  g_assert_true (gtk_widget_get_visible (_desk_evidence_group_get_row (evidence, ua)));
  still = desk_attachment_get (store, ua, NULL);
  g_assert_nonnull (still);
  g_clear_pointer (&still, desk_attachment_free);

  /* Remove, then the toast goes without Undo: removed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.remove", "s", ua));
  toast = _desk_evidence_group_get_undo_toast (evidence, ua);
  g_assert_nonnull (toast);
  adw_toast_dismiss (toast);
  wait_a_moment (20);
  g_assert_false (has_file (store, ua));
  g_assert_null (_desk_evidence_group_get_row (evidence, ua));
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 2);

  /* Remove, then another record is shown: removed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.remove", "s", ub));
  still = desk_attachment_get (store, ub, NULL);
  g_assert_nonnull (still);
  g_clear_pointer (&still, desk_attachment_free);
  {
    DeskRecordList *list = _desk_deliverables_page_get_list (page);
    g_autoptr(DeskRecord) second = g_list_model_get_item (desk_record_list_get_filter_model (list), 1);

    desk_record_list_open (list, desk_record_get_uuid (second));
    g_assert_cmpstr (desk_evidence_group_get_owner (evidence), ==, desk_record_get_uuid (second));
  }
  g_assert_false (has_file (store, ub));

  /* Remove, then the window closes: removed, not left behind. */
  desk_record_list_open (_desk_deliverables_page_get_list (page), uuid);
  g_assert_nonnull (_desk_evidence_group_get_row (evidence, uc));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.remove", "s", uc));
  still = desk_attachment_get (store, uc, NULL);
  g_assert_nonnull (still);
  g_clear_pointer (&still, desk_attachment_free);
  destroy_window (window);
  g_assert_false (has_file (store, uc));

  remove_dir (dir);
}

/* Thumbnails of a PNG and of a PDF's first page become textures, on a worker reading its
 * own connection to a database on disk; a “PDF” of garbage is just an icon. */
static void
test_evidence_thumbnails (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *db = g_build_filename (dir, "thumbs.db", NULL);
  g_autofree char *png = write_png (dir, "photo.png");
  g_autofree char *pdf = write_pdf (dir, "report.pdf");
  g_autofree char *garbage = write_file (dir, "broken.pdf", "%PDF-1.4\n\x01\x02 not a pdf at all", -1);
  g_autofree char *fake_png = write_file (dir, "broken.png", "\x89PNG\r\n\x1a\n garbage", 17);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DeskWindow *window;
  DeskRecordEditor *editor;
  DeskEvidenceGroup *evidence;
  const char *paths[] = { png, pdf, garbage, fake_png, NULL };
  g_autofree char *demo = NULL;

  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  demo = desk_demo_fill (store, &error);
  g_assert_no_error (error);

  window = new_window (store);
  editor = open_first_deliverable (window, NULL, &uuid);
  evidence = desk_record_editor_get_evidence (editor);

  drop_files (editor, paths);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 4);
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 1))->media_type, ==, "application/pdf");

  for (guint i = 0; i < files->len; i++)
    {
      DeskAttachment *file = g_ptr_array_index (files, i);
      GdkPaintable *thumbnail = _desk_evidence_group_get_thumbnail (evidence, file->uuid);

      if (i < 2)
        {
          g_assert_true (GDK_IS_TEXTURE (thumbnail));
          g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (thumbnail)), <=, DESK_THUMBNAIL_SIZE);
          g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (thumbnail)), <=, DESK_THUMBNAIL_SIZE);
          g_assert_cmpint (MAX (gdk_texture_get_width (GDK_TEXTURE (thumbnail)),
                                gdk_texture_get_height (GDK_TEXTURE (thumbnail))), ==, DESK_THUMBNAIL_SIZE);
        }
      else
        g_assert_null (thumbnail);
      g_assert_nonnull (_desk_evidence_group_get_row (evidence, file->uuid));
    }
  /* A PDF page is taller than wide; the photo wider than tall. */
  {
    GdkTexture *photo = GDK_TEXTURE (_desk_evidence_group_get_thumbnail (evidence, ((DeskAttachment *) g_ptr_array_index (files, 0))->uuid));
    GdkTexture *page = GDK_TEXTURE (_desk_evidence_group_get_thumbnail (evidence, ((DeskAttachment *) g_ptr_array_index (files, 1))->uuid));

    g_assert_cmpint (gdk_texture_get_width (photo), >, gdk_texture_get_height (photo));
    g_assert_cmpint (gdk_texture_get_height (page), >, gdk_texture_get_width (page));
  }

  /* Twenty pictures: the record opens with its rows and icons at once, and the pictures
   * follow once the window has drawn them. */
  {
    DeskDeliverablesPage *page = DESK_DELIVERABLES_PAGE (show_page (window, "deliverables"));
    DeskRecordList *list = _desk_deliverables_page_get_list (page);
    g_autoptr(DeskRecord) other = g_list_model_get_item (desk_record_list_get_filter_model (list), 1);
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);

    for (int i = 0; i < 20; i++)
      {
        g_autofree char *name = g_strdup_printf ("photo %02d.png", i);
        g_autofree char *path = write_png (dir, name);
        DeskAttachment *added = desk_attachment_add (store, DESK_KIND_DELIVERABLE, desk_record_get_uuid (other),
                                                     path, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);

        g_assert_no_error (error);
        g_ptr_array_add (many, added);
      }

    desk_record_list_open (list, desk_record_get_uuid (other));
    g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 20);
    for (guint i = 0; i < many->len; i++)
      g_assert_null (_desk_evidence_group_get_thumbnail (evidence, ((DeskAttachment *) g_ptr_array_index (many, i))->uuid));
    _desk_evidence_group_wait (evidence);
    for (guint i = 0; i < many->len; i++)
      g_assert_true (GDK_IS_TEXTURE (_desk_evidence_group_get_thumbnail (evidence, ((DeskAttachment *) g_ptr_array_index (many, i))->uuid)));
  }

  destroy_window (window);
  g_clear_object (&store);
  remove_dir (dir);
}

static char *opened_uri;

static gboolean
record_launch (const char  *uri,
               GError     **error)
{
  g_free (opened_uri);
  opened_uri = g_strdup (uri);
  return TRUE;
}

/* Open copies the file into a private folder (0700, the file 0600) and hands it to the
 * default application; a copy saved elsewhere has the same bytes. */
static void
test_evidence_open_save (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *text = write_file (dir, "notes.txt", "Notes of the field visit\n", -1);
  g_autofree char *saved = g_build_filename (dir, "saved copy.txt", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GStatBuf st;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, NULL, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  const char *paths[] = { text, NULL };
  const char *file_uuid;

  drop_files (editor, paths);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  file_uuid = ((DeskAttachment *) g_ptr_array_index (files, 0))->uuid;

  _desk_evidence_group_set_launcher (record_launch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.open", "s", file_uuid));
  _desk_evidence_group_wait (evidence);
  _desk_evidence_group_set_launcher (NULL);
  g_assert_nonnull (opened_uri);
  path = g_filename_from_uri (opened_uri, NULL, NULL);
  g_assert_nonnull (path);
  g_assert_cmpstr (strrchr (path, '/') + 1, ==, "notes.txt");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Notes of the field visit\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  folder = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_clear_pointer (&opened_uri, g_free);
  g_clear_pointer (&contents, g_free);

  desk_evidence_copy_save (GTK_WIDGET (evidence), store, file_uuid, "notes.txt", saved, NULL);
  _desk_evidence_group_wait (evidence);
  g_assert_true (g_file_get_contents (saved, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Notes of the field visit\n");

  /* Names that are not file names. */
  {
    g_autofree char *a = desk_evidence_dup_file_name ("../../etc/passwd");
    g_autofree char *b = desk_evidence_dup_file_name (".hidden");
    g_autofree char *c = desk_evidence_dup_file_name ("");

    g_assert_cmpstr (a, ==, "passwd");
    g_assert_cmpstr (b, ==, "hidden");
    g_assert_cmpstr (c, ==, "attachment");
  }

  destroy_window (window);
  remove_dir (dir);
}

/* Decoding hostile bytes says why and gives nothing; it never crashes. */
static void
test_evidence_thumbnail_hostile (void)
{
  /* A PNG header announcing 2147483647 × 2147483647 pixels, and nothing after it. */
  static const char huge_png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x7f\xff\xff\xff\x7f\xff\xff\xff\x08\x06\0\0\0";
  const char *inputs[] = { "", "%PDF-", "%PDF-1.7\n1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
                           huge_png };
  const char *types[] = { "application/pdf", "image/png", "image/jpeg", "image/gif" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (guint j = 0; j < G_N_ELEMENTS (types); j++)
      {
        gsize length = i == 3 ? sizeof huge_png - 1 : strlen (inputs[i]);
        g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], length);
        g_autoptr(GError) error = NULL;
        g_autoptr(GdkTexture) texture = desk_thumbnail_decode (bytes, types[j], DESK_THUMBNAIL_SIZE, &error);

        g_assert_null (texture);
        g_assert_nonnull (error);
      }

  g_assert_false (desk_thumbnail_supported ("text/plain"));
  g_assert_true (desk_thumbnail_supported ("application/pdf"));
  g_assert_true (desk_thumbnail_supported ("image/jpeg"));
}

/* A delivered deliverable without files has the pill and passes the filter; a file
 * takes both away, and removing it brings them back. */
static void
test_evidence_no_evidence_pill (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *text = write_file (dir, "report.txt", "Final report\n", -1);
  g_autofree char *uuid = NULL;
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(DeskRecord) changed = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  DeskDeliverablesPage *page;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, &page, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  DeskRecordList *list = _desk_deliverables_page_get_list (page);
  GListModel *filtered = desk_record_list_get_filter_model (list);
  GtkToggleButton *toggle = _desk_deliverables_page_get_no_evidence_toggle (page);
  const char *paths[] = { text, NULL };
  guint before;
  gboolean found;

  /* Delivered, through the history as the editor writes. */
  record = desk_store_get (store, DESK_KIND_DELIVERABLE, uuid, NULL);
  changed = desk_record_copy (record);
  desk_record_set_string (changed, "status", "delivered");
  desk_record_set_string (changed, "delivered_on", "2026-03-05");
  g_assert_true (desk_history_update (desk_window_get_history (window), changed, &error));
  g_assert_no_error (error);
  g_clear_object (&record);
  record = desk_store_get (store, DESK_KIND_DELIVERABLE, uuid, NULL);
  g_assert_true (_desk_deliverables_page_lacks_evidence (page, record));

  gtk_toggle_button_set_active (toggle, TRUE);
  before = n_items (filtered);
  g_assert_cmpuint (before, >=, 1);
  found = FALSE;
  for (guint i = 0; i < before; i++)
    {
      g_autoptr(DeskRecord) shown = g_list_model_get_item (filtered, i);

      g_assert_true (_desk_deliverables_page_lacks_evidence (page, shown));
      found |= g_str_equal (desk_record_get_uuid (shown), uuid);
    }
  g_assert_true (found);

  /* A file: no pill, out of the filtered list. */
  drop_files (editor, paths);
  g_clear_object (&record);
  record = desk_store_get (store, DESK_KIND_DELIVERABLE, uuid, NULL);
  g_assert_false (_desk_deliverables_page_lacks_evidence (page, record));
  g_assert_cmpuint (n_items (filtered), ==, before - 1);

  /* Removed (the toast gone): back in. */
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.remove", "s",
                                             ((DeskAttachment *) g_ptr_array_index (files, 0))->uuid));
  adw_toast_dismiss (_desk_evidence_group_get_undo_toast (evidence, ((DeskAttachment *) g_ptr_array_index (files, 0))->uuid));
  wait_a_moment (20);
  g_assert_true (_desk_deliverables_page_lacks_evidence (page, record));
  g_assert_cmpuint (n_items (filtered), ==, before);

  /* A planned deliverable never lacks evidence. */
  desk_record_set_string (changed, "status", "planned");
  desk_record_set_string (changed, "delivered_on", NULL);
  g_assert_false (_desk_deliverables_page_lacks_evidence (page, changed));

  gtk_toggle_button_set_active (toggle, FALSE);
  destroy_window (window);
  remove_dir (dir);
}

/* Adds @path to what @evidence shows, as its chooser and a drop do. */
static void
add_path (DeskEvidenceGroup *evidence,
          const char        *path)
{
  GSList *files = g_slist_prepend (NULL, g_file_new_for_path (path));

  desk_evidence_group_add_files (evidence, files);
  g_slist_free_full (files, g_object_unref);
  _desk_evidence_group_wait (evidence);
}

static const char *
row_title (DeskEvidenceGroup *evidence,
           const char        *uuid)
{
  GtkWidget *row = _desk_evidence_group_get_row (evidence, uuid);

  g_assert_nonnull (row);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Closes the unlock prompt, which must be shown. */
static void
close_unlock_prompt (void)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Names Are Locked");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_a_moment (10);
  g_assert_null (find_message_dialog ());
}

#define PASSPHRASE "river lantern copper seven"

/* Where names are protected and unlocked, a workshop's file (personal by default) is
 * added sealed and shows as usual. Locked, its row reads again at once: core's locked
 * label, a lock and no thumbnail, Open, Save As and the caption insensitive with why;
 * Open still reached, or a new file dropped, asks to unlock and reads or adds nothing.
 * Unlocked again, the name and the thumbnail come back. */
static void
test_evidence_sealed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *db = g_build_filename (dir, "sealed.db", NULL);
  g_autofree char *png = write_png (dir, "sign-in sheet.png");
  g_autofree char *text = write_file (dir, "phone numbers.txt", "Ama 024 000 0000\n", -1);
  g_autofree char *uuid = NULL;
  g_autofree char *file_uuid = NULL;
  g_autofree char *demo = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  DeskEvidenceGroup *evidence;
  GtkWidget *open_button;

  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  demo = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  recovery = desk_store_protect (store, PASSPHRASE, desk_kdf_cost_fastest (), &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_get_protection (store) == DESK_PROTECTION_UNLOCKED);

  /* The section alone in a window: the main window remakes its pages on a lock. */
  {
    g_autoptr(GPtrArray) workshops = desk_store_list (store, DESK_KIND_WORKSHOP, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (workshops->len, >, 0);
    uuid = g_strdup (desk_record_get_uuid (g_ptr_array_index (workshops, 0)));
  }
  window = adw_window_new ();
  evidence = DESK_EVIDENCE_GROUP (desk_evidence_group_new (store, DESK_KIND_WORKSHOP));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (evidence));
  gtk_window_present (GTK_WINDOW (window));
  desk_evidence_group_set_owner (evidence, uuid);

  /* Unlocked: added (sealed, as it is personal) and shown like any file. */
  add_path (evidence, png);
  g_assert_null (find_message_dialog ());
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_desk_evidence_group_get_error_label (evidence))));
  files = list_files (store, DESK_KIND_WORKSHOP, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (((DeskAttachment *) g_ptr_array_index (files, 0))->personal);
  g_assert_true (((DeskAttachment *) g_ptr_array_index (files, 0))->seal == DESK_SEAL_OPEN);
  file_uuid = g_strdup (((DeskAttachment *) g_ptr_array_index (files, 0))->uuid);
  g_assert_cmpstr (row_title (evidence, file_uuid), ==, "sign-in sheet.png");
  g_assert_true (GDK_IS_TEXTURE (_desk_evidence_group_get_thumbnail (evidence, file_uuid)));
  g_assert_true (gtk_widget_get_sensitive (_desk_evidence_group_get_button (evidence, file_uuid, FALSE)));

  /* Locked: the rows follow the store's "protection" at once. */
  desk_store_lock (store);
  g_assert_cmpstr (row_title (evidence, file_uuid), ==, desk_seal_describe (DESK_SEAL_LOCKED));
  _desk_evidence_group_wait (evidence);
  g_assert_null (_desk_evidence_group_get_thumbnail (evidence, file_uuid));
  open_button = _desk_evidence_group_get_button (evidence, file_uuid, FALSE);
  g_assert_false (gtk_widget_get_sensitive (open_button));
  g_assert_false (gtk_widget_get_sensitive (_desk_evidence_group_get_button (evidence, file_uuid, TRUE)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_desk_evidence_group_get_caption_row (evidence, file_uuid))));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (open_button), "Names are locked"));
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 1);

  /* Open reached anyway: the unlock prompt, nothing opened. */
  _desk_evidence_group_set_launcher (record_launch);
  g_clear_pointer (&opened_uri, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.open", "s", file_uuid));
  _desk_evidence_group_wait (evidence);
  g_assert_null (opened_uri);
  close_unlock_prompt ();

  /* A workshop file added while locked: refused with core's sentence, and the prompt. */
  add_path (evidence, text);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_files (store, DESK_KIND_WORKSHOP, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_desk_evidence_group_get_error_label (evidence))));
  g_assert_cmpstr (gtk_label_get_label (_desk_evidence_group_get_error_label (evidence)), !=, "");
  close_unlock_prompt ();

  /* Unlocked again: the name, the buttons and the thumbnail are back. */
  g_assert_true (desk_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (row_title (evidence, file_uuid), ==, "sign-in sheet.png");
  g_assert_true (gtk_widget_get_sensitive (_desk_evidence_group_get_button (evidence, file_uuid, FALSE)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_desk_evidence_group_get_caption_row (evidence, file_uuid))));
  _desk_evidence_group_wait (evidence);
  g_assert_true (GDK_IS_TEXTURE (_desk_evidence_group_get_thumbnail (evidence, file_uuid)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.open", "s", file_uuid));
  _desk_evidence_group_wait (evidence);
  _desk_evidence_group_set_launcher (NULL);
  g_assert_nonnull (opened_uri);
  {
    g_autofree char *path = g_filename_from_uri (opened_uri, NULL, NULL);
    g_autofree char *folder = g_path_get_dirname (path);

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (folder), ==, 0);
  }
  g_clear_pointer (&opened_uri, g_free);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (10);
  g_clear_object (&store);
  remove_dir (dir);
}

/* Add Files… asks with the shared chooser (the section's own, kept where
 * desk-file-chooser keeps it): several files may be chosen, and what is chosen is added
 * as a drop is; Cancel adds nothing. */
static void
test_evidence_add_chooser (void)
{
  g_autoptr(DeskStore) store = new_store (TRUE);
  g_autofree char *dir = make_dir ();
  g_autofree char *text = write_file (dir, "agenda.txt", "Agenda of the day\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (text);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) files = NULL;
  DeskWindow *window = new_window (store);
  DeskRecordEditor *editor = open_first_deliverable (window, NULL, &uuid);
  DeskEvidenceGroup *evidence = desk_record_editor_get_evidence (editor);
  GtkNativeDialog *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.add", NULL));
  chooser = g_object_get_data (G_OBJECT (evidence), "desk-file-chooser");
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  g_assert_true (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_cmpstr (gtk_file_chooser_native_get_accept_label (GTK_FILE_CHOOSER_NATIVE (chooser)), ==, "_Add");
  g_assert_true (gtk_native_dialog_get_modal (chooser));

  /* Cancelled: nothing added, the chooser gone. */
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (g_object_get_data (G_OBJECT (evidence), "desk-file-chooser"));
  _desk_evidence_group_wait (evidence);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 0);

  /* A file chosen: added through the worker, its row shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence), "evidence.add", NULL));
  chooser = g_object_get_data (G_OBJECT (evidence), "desk-file-chooser");
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (chosen) > 0)
        break;
      wait_a_moment (10);
    }
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (g_object_get_data (G_OBJECT (evidence), "desk-file-chooser"));
  _desk_evidence_group_wait (evidence);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_files (store, DESK_KIND_DELIVERABLE, uuid);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((DeskAttachment *) g_ptr_array_index (files, 0))->name, ==, "agenda.txt");
  g_assert_cmpuint (_desk_evidence_group_count_shown (evidence), ==, 1);

  destroy_window (window);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/evidence/kinds", test_evidence_kinds);
  g_test_add_func ("/gui/evidence/drop-adds", test_evidence_drop_adds);
  g_test_add_func ("/gui/evidence/refused", test_evidence_refused);
  g_test_add_func ("/gui/evidence/caption-personal", test_evidence_caption_personal);
  g_test_add_func ("/gui/evidence/remove-undo", test_evidence_remove_undo);
  g_test_add_func ("/gui/evidence/open-save", test_evidence_open_save);
  g_test_add_func ("/gui/evidence/thumbnails", test_evidence_thumbnails);
  g_test_add_func ("/gui/evidence/thumbnail-hostile", test_evidence_thumbnail_hostile);
  g_test_add_func ("/gui/evidence/no-evidence-pill", test_evidence_no_evidence_pill);
  g_test_add_func ("/gui/evidence/sealed", test_evidence_sealed);
  g_test_add_func ("/gui/evidence/add-chooser", test_evidence_add_chooser);

  return g_test_run ();
}
