/* test-evidence.c — old evidence file paths moved into attachments, once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  char *dir;
  DeskStore *store;
  TestWorld *world;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmpdir ();
  path = g_build_filename (f->dir, "groupdesk.db", NULL);
  f->store = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, "2026-12-01T09:00:00Z");
  f->world = test_world_new (f->store, "GH");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

/* A new deliverable of the world whose evidence_path is @path. */
static char *
deliverable_with_path (Fixture    *f,
                       const char *path,
                       const char *note)
{
  g_autoptr(DeskRecord) record = test_world_new_record (f->world, DESK_KIND_DELIVERABLE);
  g_autoptr(GError) error = NULL;

  desk_record_set_string (record, "evidence_path", path);
  if (note != NULL)
    desk_record_set_string (record, "evidence_note", note);
  g_assert_true (desk_store_insert (f->store, record, &error));
  g_assert_no_error (error);

  return g_strdup (desk_record_get_uuid (record));
}

static DeskRecord *
get_deliverable (Fixture    *f,
                 const char *uuid)
{
  g_autoptr(GError) error = NULL;
  DeskRecord *record = desk_store_get (f->store, DESK_KIND_DELIVERABLE, uuid, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *home_file = g_build_filename (g_get_home_dir (), "minutes.txt", NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone.pdf", NULL);
  g_autofree char *with_file = NULL;
  g_autofree char *with_home = NULL;
  g_autofree char *with_gone = NULL;
  g_autofree char *with_folder = NULL;
  g_autoptr(DeskEvidenceMove) move = NULL;
  g_autoptr(DeskEvidenceMove) again = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);

  test_write_file (report, "%PDF-1.4 the signed report", -1);
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  test_write_file (home_file, "minutes of the plenary", -1);
  with_file = deliverable_with_path (f, report, NULL);
  with_home = deliverable_with_path (f, "~/minutes.txt", "Approved at the plenary.");
  with_gone = deliverable_with_path (f, gone, "Sent by post.");
  with_folder = deliverable_with_path (f, f->dir, NULL);

  move = desk_evidence_move_into_store (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (move);
  g_assert_cmpuint (move->moved, ==, 2);
  g_assert_cmpuint (move->missed->len, ==, 2);

  /* The file that was there is an attachment with the same bytes; its path is gone. */
  files = desk_attachment_list (f->store, DESK_KIND_DELIVERABLE, with_file, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((DeskAttachment *) files->pdata[0])->name, ==, "report.pdf");
  g_assert_false (((DeskAttachment *) files->pdata[0])->personal);
  g_assert_true (desk_attachment_write_to_file (f->store, ((DeskAttachment *) files->pdata[0])->uuid,
                                                out, &error));
  {
    g_autofree char *a = test_file_digest (report);
    g_autofree char *b = test_file_digest (out);

    g_assert_cmpstr (a, ==, b);
  }
  g_clear_pointer (&files, g_ptr_array_unref);
  files = desk_attachment_list (f->store, DESK_KIND_DELIVERABLE, with_home, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_clear_pointer (&files, g_ptr_array_unref);

  /* Paths not moved are kept in the note, after what it said; none stays in the field. */
  {
    g_autoptr(DeskRecord) d = get_deliverable (f, with_gone);
    const char *note = desk_record_get_string (d, "evidence_note");

    g_assert_cmpstr (desk_record_get_string (d, "evidence_path"), ==, "");
    g_assert_true (g_str_has_prefix (note, "Sent by post.\n\n"));
    g_assert_nonnull (strstr (note, gone));
    files = desk_attachment_list (f->store, DESK_KIND_DELIVERABLE, with_gone, &error);
    g_assert_cmpuint (files->len, ==, 0);
    g_clear_pointer (&files, g_ptr_array_unref);
  }
  {
    g_autoptr(DeskRecord) d = get_deliverable (f, with_folder);

    g_assert_cmpstr (desk_record_get_string (d, "evidence_path"), ==, "");
    g_assert_nonnull (strstr (desk_record_get_string (d, "evidence_note"), f->dir));
  }
  {
    g_autoptr(DeskRecord) d = get_deliverable (f, with_file);

    g_assert_cmpstr (desk_record_get_string (d, "evidence_path"), ==, "");
  }

  account = desk_evidence_move_describe (move);
  g_assert_nonnull (strstr (account, "2 evidence or receipt files were moved"));
  g_assert_nonnull (strstr (account, gone));

  /* Once: nothing is left to move. */
  again = desk_evidence_move_into_store (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_null (desk_evidence_move_describe (again));
}

/* An expense's receipt file, the same way, its note keeping what could not be moved. */
static void
test_receipts (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *receipt = g_build_filename (f->dir, "receipt.jpg", NULL);
  g_autofree char *lost = g_build_filename (f->dir, "lost.jpg", NULL);
  g_autoptr(DeskRecord) kept = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskRecord) gone = test_world_new_record (f->world, DESK_KIND_EXPENSE);
  g_autoptr(DeskEvidenceMove) move = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  test_write_file (receipt, "JFIF receipt", -1);
  desk_record_set_string (kept, "receipt_path", receipt);
  desk_record_set_string (gone, "receipt_path", lost);
  desk_record_set_string (gone, "note", "Taxi");
  g_assert_true (desk_store_insert (f->store, kept, &error));
  g_assert_true (desk_store_insert (f->store, gone, &error));
  g_assert_no_error (error);

  move = desk_evidence_move_into_store (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (move->moved, ==, 1);
  g_assert_cmpuint (move->missed->len, ==, 1);
  files = desk_attachment_list (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (kept), &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((DeskAttachment *) files->pdata[0])->name, ==, "receipt.jpg");
  {
    g_autoptr(DeskRecord) d = desk_store_get (f->store, DESK_KIND_EXPENSE, desk_record_get_uuid (gone), &error);

    g_assert_cmpstr (desk_record_get_string (d, "receipt_path"), ==, "");
    g_assert_true (g_str_has_prefix (desk_record_get_string (d, "note"), "Taxi\n\nFile not moved"));
    g_assert_nonnull (strstr (desk_record_get_string (d, "note"), lost));
  }
}

/* A read-only store moves nothing and changes nothing. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(DeskStore) reader = NULL;
  g_autoptr(DeskEvidenceMove) move = NULL;
  g_autoptr(GError) error = NULL;

  test_write_file (report, "%PDF-1.4", -1);
  uuid = deliverable_with_path (f, report, NULL);
  reader = desk_store_open_read_only (desk_store_get_path (f->store), &error);
  g_assert_no_error (error);
  move = desk_evidence_move_into_store (reader, &error);
  g_assert_no_error (error);
  g_assert_null (move);
  {
    g_autoptr(DeskRecord) d = get_deliverable (f, uuid);

    g_assert_cmpstr (desk_record_get_string (d, "evidence_path"), ==, report);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/evidence/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/core/evidence/receipts", Fixture, NULL, fixture_set_up, test_receipts, fixture_tear_down);
  g_test_add ("/core/evidence/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);

  return g_test_run ();
}
