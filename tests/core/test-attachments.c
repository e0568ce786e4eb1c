/* test-attachments.c — files attached to records, stored inside the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-attachment-private.h"

#include <fcntl.h>
#include <unistd.h>

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
  TestWorld *world;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "groupdesk.db", NULL);
  f->store = desk_store_open (f->path, &error);
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
  g_free (f->path);
}

/* @size bytes that differ from one generation (@seed) to another and are not periodic
 * at the chunk size. */
static char *
write_generated (Fixture    *f,
                 const char *name,
                 gsize       size,
                 guint32     seed)
{
  return test_write_generated (g_build_filename (f->dir, name, NULL), size, seed);
}

/* Copies of bytes stored; each keyed once. */
static gint64
blob_count (Fixture *f)
{
  sqlite3 *db = _desk_store_get_db (f->store);
  gint64 keys = test_sqlite_int (db, "SELECT count(*) FROM attachment_blobs");

  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM attachment_contents"), ==, keys);

  return keys;
}

static gint64
attachment_count (Fixture *f)
{
  return test_sqlite_int (_desk_store_get_db (f->store), "SELECT count(*) FROM attachments");
}

static DeskAttachment *
attach (Fixture    *f,
        const char *kind,
        const char *file)
{
  g_autoptr(GError) error = NULL;
  DeskAttachment *attachment;

  attachment = desk_attachment_add (f->store, desk_kind_lookup (kind), test_world_uuid (f->world, kind),
                                    file, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);

  return attachment;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *da = test_file_digest (a);
  g_autofree char *db = test_file_digest (b);

  g_assert_cmpstr (da, ==, db);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const gsize sizes[] = { 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 3 * 1000 * 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("file-%u.bin", i);
      g_autofree char *in = write_generated (f, name, sizes[i], i + 1);
      g_autofree char *out = g_build_filename (f->dir, "out.bin", NULL);
      g_autofree char *expected = test_file_digest (in);
      g_autoptr(DeskAttachment) added = attach (f, "deliverable", in);
      g_autoptr(DeskAttachment) got = NULL;
      g_autoptr(GOutputStream) memory = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_cmpint (added->size, ==, sizes[i]);
      g_assert_cmpstr (added->sha256, ==, expected);
      g_assert_cmpstr (added->name, ==, name);
      g_assert_cmpstr (added->owner_kind, ==, "deliverable");
      g_assert_false (added->personal);
      g_assert_cmpstr (added->added, ==, "2026-12-01T09:00:00Z");

      got = desk_attachment_get (f->store, added->uuid, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got->sha256, ==, expected);
      g_assert_cmpstr (got->group_uuid, ==, f->world->group);

      g_assert_true (desk_attachment_write_to_file (f->store, added->uuid, out, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, sizes[i]);
      assert_same_file (in, out);

      memory = g_memory_output_stream_new_resizable ();
      g_assert_true (desk_attachment_write_to_stream (f->store, added->uuid, memory, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (memory, NULL, NULL));
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = desk_attachment_list (f->store, DESK_KIND_DELIVERABLE,
                                                      test_world_uuid (f->world, "deliverable"),
                                                      &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (sizes));
    g_assert_cmpint (((DeskAttachment *) list->pdata[0])->size, ==, 1);
  }
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  static const char *const allowed[] = {
    "activity", "deliverable", "expense", "funding", "workshop", "indicator_value",
  };
  g_autofree char *in = write_generated (f, "photo.png", 100, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttachment) refused = NULL;
  g_autoptr(DeskAttachment) overridden = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(DeskAttachment) attachment = attach (f, allowed[i], in);
      g_autoptr(GPtrArray) list = NULL;

      /* Personal by default on workshops only. */
      g_assert_cmpint (attachment->personal, ==, g_str_equal (allowed[i], "workshop"));
      /* The tests' isolated data folders hide shared-mime-info, so only the form is
       * checked here. */
      g_assert_nonnull (strchr (attachment->media_type, '/'));
      list = desk_attachment_list (f->store, desk_kind_lookup (allowed[i]),
                                   test_world_uuid (f->world, allowed[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, 1);
    }
  /* Six attachments, one copy of the bytes. */
  g_assert_cmpint (attachment_count (f), ==, 6);
  g_assert_cmpint (blob_count (f), ==, 1);

  overridden = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, test_world_uuid (f->world, "workshop"),
                                    in, "Group photo", DESK_ATTACHMENT_PERSONAL_NO, &error);
  g_assert_no_error (error);
  g_assert_false (overridden->personal);
  g_assert_cmpstr (overridden->caption, ==, "Group photo");

  /* A kind that takes no attachments, an owner that does not exist. */
  refused = desk_attachment_add (f->store, DESK_KIND_GROUP, f->world->group, in, NULL,
                                 DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_null (refused);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  refused = desk_attachment_add (f->store, DESK_KIND_DELIVERABLE, "8d1c1f0e-0000-4000-8000-000000000000",
                                 in, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_null (desk_attachment_list (f->store, DESK_KIND_DELIVERABLE,
                                       test_world_uuid (f->world, "activity"), &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (attachment_count (f), ==, 7);
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = write_generated (f, "a.pdf", 70000, 3);
  g_autofree char *b = write_generated (f, "b.pdf", 70000, 3);
  g_autofree char *other = write_generated (f, "c.pdf", 70000, 4);
  g_autoptr(DeskAttachment) first = attach (f, "expense", a);
  g_autoptr(DeskAttachment) second = attach (f, "deliverable", b);
  g_autoptr(DeskAttachment) third = attach (f, "expense", other);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (first->sha256, ==, second->sha256);
  g_assert_cmpstr (first->sha256, !=, third->sha256);
  g_assert_cmpint (attachment_count (f), ==, 3);
  g_assert_cmpint (blob_count (f), ==, 2);

  g_assert_true (desk_attachment_remove (f->store, first->uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (blob_count (f), ==, 2);
  g_assert_null (desk_attachment_get (f->store, first->uuid, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autofree char *out = g_build_filename (f->dir, "second.pdf", NULL);

    g_assert_true (desk_attachment_write_to_file (f->store, second->uuid, out, &error));
    g_assert_no_error (error);
    assert_same_file (b, out);
  }

  g_assert_true (desk_attachment_remove (f->store, second->uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (blob_count (f), ==, 1);
  g_assert_false (desk_attachment_remove (f->store, second->uuid, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (attachment_count (f), ==, 1);
}

static void
assert_refused (Fixture    *f,
                const char *path,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttachment) attachment = NULL;

  attachment = desk_attachment_add (f->store, DESK_KIND_EXPENSE, test_world_uuid (f->world, "expense"),
                                    path, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_null (attachment);
  g_assert_error (error, DESK_ERROR, code);
  g_test_message ("%s", error->message);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpint (attachment_count (f), ==, 0);
  g_assert_cmpint (blob_count (f), ==, 0);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "huge.mp4", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  int fd;

  /* A sparse file one byte over the limit: refused from its size, before reading (reading
   * it would take the test's time, not the disk's). */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, DESK_ATTACHMENT_MAX_SIZE + 1), ==, 0);
  close (fd);
  assert_refused (f, big, DESK_ERROR_INVALID, "huge.mp4");
  {
    g_autofree char *limit = g_format_size_full (DESK_ATTACHMENT_MAX_SIZE, G_FORMAT_SIZE_LONG_FORMAT);
    g_autofree char *size = g_format_size_full (DESK_ATTACHMENT_MAX_SIZE + 1, G_FORMAT_SIZE_LONG_FORMAT);
    g_autoptr(GError) error = NULL;

    g_assert_null (desk_attachment_add (f->store, DESK_KIND_EXPENSE, test_world_uuid (f->world, "expense"),
                                        big, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error));
    g_assert_nonnull (strstr (error->message, limit));
    g_assert_nonnull (strstr (error->message, size));
  }

  test_write_file (empty, "", 0);
  assert_refused (f, empty, DESK_ERROR_INVALID, "empty");
  assert_refused (f, f->dir, DESK_ERROR_INVALID, "folder");
  assert_refused (f, missing, DESK_ERROR_NOT_FOUND, "missing.txt");
  assert_refused (f, "/dev/zero", DESK_ERROR_INVALID, "/dev/zero");

  /* A store opened read-only takes nothing, and says so. */
  {
    g_autofree char *file = write_generated (f, "minutes.txt", 100000, 5);
    g_autoptr(DeskStore) reader = desk_store_open_read_only (f->path, NULL);
    g_autoptr(DeskAttachment) attachment = NULL;
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (reader);
    attachment = desk_attachment_add (reader, DESK_KIND_EXPENSE, test_world_uuid (f->world, "expense"),
                                      file, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
    g_assert_null (attachment);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_cmpint (attachment_count (f), ==, 0);
    g_assert_cmpint (blob_count (f), ==, 0);
    /* And the store it was refused in is still usable for reading. */
    list = desk_attachment_list (reader, DESK_KIND_EXPENSE, test_world_uuid (f->world, "expense"),
                                 &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }

  if (getuid () != 0)
    {
      g_autofree char *locked = write_generated (f, "locked.txt", 10, 1);

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      assert_refused (f, locked, DESK_ERROR_READ_ONLY, "locked.txt");
    }
  else
    g_test_message ("Running as root, who can read any file: the unreadable file is not tried");
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *in = write_generated (f, "receipt.pdf", 200000, 9);
  g_autofree char *out = g_build_filename (f->dir, "receipt-out.pdf", NULL);
  g_autoptr(DeskAttachment) attachment = attach (f, "expense", in);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* One byte in the middle of the stored copy flipped, as a disk or another program
   * might. */
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE attachment_contents SET content = CAST (substr (content, 1, 100000) || "
                    "CASE WHEN substr (content, 100001, 1) = x'00' THEN x'01' ELSE x'00' END || "
                    "substr (content, 100002) AS BLOB)");
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT length (content) FROM attachment_contents"), ==, 200000);

  g_assert_false (desk_attachment_write_to_file (f->store, attachment->uuid, out, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "receipt.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  /* Nor a temporary file beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "groupdesk.db") || g_str_equal (name, "receipt.pdf") ||
                   g_str_equal (name, "backups"));

  g_assert_false (desk_attachment_write_to_stream (f->store, attachment->uuid, memory, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
}

/* A caption and the personal mark change alone; counts per owner follow. */
static void
test_update_and_count (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = write_generated (f, "a.pdf", 1000, 5);
  g_autofree char *b = write_generated (f, "b.jpg", 2000, 6);
  g_autoptr(DeskAttachment) first = attach (f, "deliverable", a);
  g_autoptr(DeskAttachment) second = attach (f, "deliverable", b);
  g_autoptr(DeskAttachment) third = attach (f, "expense", b);
  g_autoptr(DeskAttachment) changed = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;
  const char *deliverable = test_world_uuid (f->world, "deliverable");

  g_assert_false (first->personal);
  g_assert_true (desk_attachment_update (f->store, first->uuid, "Signed report", TRUE, &error));
  g_assert_no_error (error);
  changed = desk_attachment_get (f->store, first->uuid, &error);
  g_assert_cmpstr (changed->caption, ==, "Signed report");
  g_assert_true (changed->personal);
  g_assert_cmpstr (changed->sha256, ==, first->sha256);
  g_clear_pointer (&changed, desk_attachment_free);

  /* -1 and NULL keep what is there. */
  g_assert_true (desk_attachment_update (f->store, first->uuid, NULL, -1, &error));
  changed = desk_attachment_get (f->store, first->uuid, &error);
  g_assert_cmpstr (changed->caption, ==, "Signed report");
  g_assert_true (changed->personal);
  g_clear_pointer (&changed, desk_attachment_free);

  g_assert_false (desk_attachment_update (f->store, first->uuid, "\xff", -1, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_attachment_update (f->store, "no-such", "x", -1, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  counts = desk_attachment_count_by_owner (f->store, DESK_KIND_DELIVERABLE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, deliverable)), ==, 2);
  g_clear_pointer (&counts, g_hash_table_unref);
  g_assert_true (desk_attachment_remove (f->store, second->uuid, &error));
  counts = desk_attachment_count_by_owner (f->store, DESK_KIND_DELIVERABLE, &error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, deliverable)), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);
  counts = desk_attachment_count_by_owner (f->store, DESK_KIND_WORKSHOP, &error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
}

/* What a bundle's import does: bytes from elsewhere, then a row put over an older one of
 * the same UUID, whose bytes go when nothing else refers to them. */
static void
test_put (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *a = write_generated (f, "a.pdf", 100000, 7);
  g_autoptr(DeskAttachment) first = attach (f, "activity", a);
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = g_malloc (150000);
  g_autofree char *digest = NULL;
  TestMemorySource source = { bytes, 150000, 0 };
  DeskAttachment row;

  for (gsize i = 0; i < 150000; i++)
    bytes[i] = (guint8) (i * 7 + i / 251);

  g_assert_true (desk_store_begin (f->store, &error));
  digest = _desk_attachment_store_bytes (f->store, 150000, test_memory_read, &source, "bundle", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (_desk_attachment_has_bytes (f->store, digest, &error));
  row = *first;
  row.sha256 = digest;
  row.size = 150000;
  row.name = (char *) "new.pdf";
  g_assert_true (_desk_attachment_put (f->store, &row, &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_commit (f->store, &error));

  got = desk_attachment_get (f->store, first->uuid, &error);
  g_assert_cmpstr (got->name, ==, "new.pdf");
  g_assert_cmpstr (got->sha256, ==, digest);
  g_assert_false (_desk_attachment_has_bytes (f->store, first->sha256, &error));
  g_assert_cmpint (blob_count (f), ==, 1);
  g_assert_cmpint (attachment_count (f), ==, 1);

  /* Put again with the same bytes: they stay. */
  g_assert_true (desk_store_begin (f->store, &error));
  g_assert_true (_desk_attachment_put (f->store, &row, &error));
  g_assert_true (desk_store_commit (f->store, &error));
  g_assert_cmpint (blob_count (f), ==, 1);
  g_assert_true (_desk_attachment_has_bytes (f->store, digest, &error));

  /* A source that ends early is an error; the caller's rollback leaves nothing. */
  source.offset = 149000;
  g_assert_true (desk_store_begin (f->store, &error));
  g_assert_null (_desk_attachment_store_bytes (f->store, 150000, test_memory_read, &source, "bundle", NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_IO);
  desk_store_rollback (f->store);
  g_assert_cmpint (blob_count (f), ==, 1);
  {
    g_autoptr(GPtrArray) all = _desk_attachment_list_group (f->store, first->group_uuid, &error);

    g_assert_cmpuint (all->len, ==, 1);
  }
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *in = write_generated (f, "minutes.odt", 300000, 11);
  g_autofree char *backup = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "minutes-out.odt", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(DeskAttachment) attachment = attach (f, "workshop", in);
  g_autoptr(DeskStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttachment) got = NULL;

  static const char *const kinds[] = {
    "activity", "deliverable", "expense", "funding", "indicator_value",
  };
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);

  /* One file on every other kind that takes them, each of other bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.bin", kinds[i]);
      char *path = write_generated (f, name, 1000 + i * 70001, 20 + i);

      g_ptr_array_add (inputs, path);
      g_ptr_array_add (others, attach (f, kinds[i], path));
    }

  g_assert_true (desk_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  /* Restored into another store, which had nothing attached. */
  other = desk_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_restore (other, backup, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < others->len; i++)
    {
      DeskAttachment *one = g_ptr_array_index (others, i);
      g_autofree char *copy = g_build_filename (f->dir, "kind-out.bin", NULL);
      g_autoptr(GPtrArray) listed = desk_attachment_list (other, desk_kind_lookup (kinds[i]),
                                                          one->owner_uuid, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, 1);
      g_assert_cmpstr (((DeskAttachment *) listed->pdata[0])->uuid, ==, one->uuid);
      g_assert_true (desk_attachment_write_to_file (other, one->uuid, copy, &error));
      g_assert_no_error (error);
      assert_same_file (g_ptr_array_index (inputs, i), copy);
    }
  got = desk_attachment_get (other, attachment->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->sha256, ==, attachment->sha256);
  g_assert_true (got->personal);
  g_assert_true (desk_attachment_write_to_file (other, attachment->uuid, out, &error));
  g_assert_no_error (error);
  assert_same_file (in, out);

  /* And back into the same store after the attachment was removed. */
  g_assert_true (desk_attachment_remove (f->store, attachment->uuid, &error));
  g_assert_cmpint (blob_count (f), ==, 5);
  g_assert_true (desk_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (blob_count (f), ==, 6);
  g_assert_true (desk_attachment_write_to_file (f->store, attachment->uuid, out, &error));
  g_assert_no_error (error);
  assert_same_file (in, out);
}

static void
test_owner_deleted (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *in = write_generated (f, "report.pdf", 5000, 12);
  g_autofree char *in2 = write_generated (f, "other.pdf", 5000, 13);
  g_autoptr(DeskAttachment) on_deliverable = attach (f, "deliverable", in);
  g_autoptr(DeskAttachment) on_expense = attach (f, "expense", in2);
  g_autoptr(DeskAttachment) gone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (blob_count (f), ==, 2);
  g_assert_true (desk_store_delete (f->store, DESK_KIND_DELIVERABLE,
                                    test_world_uuid (f->world, "deliverable"), &error));
  g_assert_no_error (error);
  gone = desk_attachment_get (f->store, on_deliverable->uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (attachment_count (f), ==, 1);
  g_assert_cmpint (blob_count (f), ==, 1);

  /* Deleting the group takes the rest, through the cascade. */
  g_assert_true (desk_store_delete (f->store, DESK_KIND_GROUP, f->world->group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attachment_count (f), ==, 0);
  g_assert_cmpint (blob_count (f), ==, 0);
}

/* Adding a 20 MB file and writing it out again keep the peak far below the file's size:
 * the bytes go through in pieces. In a child process, so that the peak is its own. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  const gsize size = 20 * 1000 * 1000;

  if (test_skip_memory_under_asan ())
    return;

  if (g_test_subprocess ())
    {
      g_autofree char *in = g_build_filename (f->dir, "video.mp4", NULL);
      g_autofree char *out = g_build_filename (f->dir, "video-out.mp4", NULL);
      g_autofree guint8 *chunk = g_malloc (64 * 1024);
      g_autoptr(DeskAttachment) attachment = NULL;
      g_autoptr(GError) error = NULL;
      glong before;
      glong after;
      int fd;

      /* Written a piece at a time, so that making it does not raise the peak either. */
      fd = g_open (in, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      g_assert_cmpint (fd, >=, 0);
      for (gsize done = 0; done < size; done += 64 * 1024)
        {
          gsize n = MIN (64 * 1024, size - done);

          for (gsize i = 0; i < n; i++)
            chunk[i] = (guint8) ((done + i) * 7 + (done >> 16));
          g_assert_cmpint (write (fd, chunk, n), ==, (gssize) n);
        }
      close (fd);

      before = test_peak_kb ();
      attachment = attach (f, "workshop", in);
      g_test_message ("20 MB attached: peak +%ld KB", test_peak_kb () - before);
      g_assert_true (desk_attachment_write_to_file (f->store, attachment->uuid, out, &error));
      g_assert_no_error (error);
      after = test_peak_kb ();
      g_test_message ("20 MB attached and written out: peak +%ld KB", after - before);
      assert_same_file (in, out);
      g_assert_cmpint (after - before, <, (glong) (size / 1024 / 4));
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/attachments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("kinds", test_kinds);
  ADD ("dedupe", test_dedupe);
  ADD ("refused", test_refused);
  ADD ("tampered", test_tampered);
  ADD ("backup-restore", test_backup_restore);
  ADD ("owner-deleted", test_owner_deleted);
  ADD ("memory", test_memory);
  ADD ("update-and-count", test_update_and_count);
  ADD ("put", test_put);
#undef ADD

  return g_test_run ();
}
