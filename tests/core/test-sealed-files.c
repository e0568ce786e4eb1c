/* test-sealed-files.c — files holding personal data sealed like names where names are
 * protected: round trips, nothing in plain text on disk, locked, protect and unprotect,
 * marking, tampering, backups, the bundle import's path, memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-attachment-private.h"

#include <fcntl.h>
#include <unistd.h>

#define PASSPHRASE "correct horse battery staple"
#define FILE_NAME "Minutes-Ama-Owusu-Ansah-2026.pdf"
#define CAPTION "Signed by Kofi Boateng-Mensah"

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

static void
protect (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = desk_store_protect (f->store, PASSPHRASE, desk_kdf_cost_fastest (),
                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (recovery);
}

static void
unlock (DeskStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
}

static char *
write_generated (Fixture    *f,
                 const char *name,
                 gsize       size,
                 guint32     seed)
{
  return test_write_generated (g_build_filename (f->dir, name, NULL), size, seed);
}

static DeskAttachment *
attach (Fixture                *f,
        const char             *kind,
        const char             *file,
        const char             *caption,
        DeskAttachmentPersonal  personal)
{
  g_autoptr(GError) error = NULL;
  DeskAttachment *attachment;

  attachment = desk_attachment_add (f->store, desk_kind_lookup (kind), test_world_uuid (f->world, kind),
                                    file, caption, personal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  return attachment;
}

static void
assert_reads_as (DeskStore  *store,
                 const char *uuid,
                 const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_strconcat (file, ".out", NULL);
  g_autofree char *want = test_file_digest (file);
  g_autofree char *got = NULL;

  g_assert_true (desk_attachment_write_to_file (store, uuid, out, &error));
  g_assert_no_error (error);
  got = test_file_digest (out);
  g_assert_cmpstr (got, ==, want);
  g_unlink (out);
}

static char *
query (Fixture    *f,
       const char *sql,
       const char *uuid)
{
  g_auto(GStrv) parts = g_strsplit (sql, "%s", -1);
  g_autofree char *full = g_strjoinv (uuid, parts);

  return test_sqlite_query (_desk_store_get_db (f->store), full);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return test_sqlite_int (_desk_store_get_db (f->store), sql);
}

/* Whether the attachment's row and bytes are stored sealed. */
static gboolean
stored_sealed (Fixture    *f,
               const char *uuid)
{
  g_autofree char *name = query (f, "SELECT name FROM attachments WHERE uuid = '%s'", uuid);
  g_autofree char *sealed = query (f, "SELECT coalesce (b.sealed_sha256, '') FROM attachments AS a "
                                      "JOIN attachment_blobs AS b ON b.sha256 = a.sha256 "
                                      "WHERE a.uuid = '%s'", uuid);
  gboolean name_sealed = g_str_has_prefix (name, "v1:");

  g_assert_cmpint (name_sealed, ==, sealed[0] != '\0');
  return name_sealed;
}

/* A personal file in a protected database: the same bytes back, its name, caption and
 * plain SHA-256 for callers, none of them as they are in the database. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  /* Not a multiple of the 64 KiB piece: the last piece is short. */
  g_autofree char *file = write_generated (f, FILE_NAME, 200001, 3);
  g_autofree char *digest = test_file_digest (file);
  g_autoptr(DeskAttachment) added = NULL;
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *caption = NULL;

  protect (f);
  added = attach (f, "workshop", file, CAPTION, DESK_ATTACHMENT_PERSONAL_DEFAULT);
  g_assert_true (added->personal);
  g_assert_cmpint (added->seal, ==, DESK_SEAL_OPEN);
  g_assert_cmpstr (added->name, ==, FILE_NAME);
  g_assert_cmpstr (added->caption, ==, CAPTION);
  g_assert_cmpstr (added->sha256, ==, digest);
  g_assert_cmpint (added->size, ==, 200001);
  g_assert_true (stored_sealed (f, added->uuid));

  /* The key column does not give the SHA-256 away; the caption is sealed; the sealed
   * copy is the plain size plus a header and 17 bytes a piece. */
  key = query (f, "SELECT sha256 FROM attachments WHERE uuid = '%s'", added->uuid);
  g_assert_cmpstr (key, !=, digest);
  g_assert_cmpuint (strlen (key), ==, 64);
  caption = query (f, "SELECT caption FROM attachments WHERE uuid = '%s'", added->uuid);
  g_assert_true (g_str_has_prefix (caption, "v1:"));
  g_assert_cmpint (count (f, "SELECT length (content) FROM attachment_contents"), ==,
                   24 + 200001 + 4 * 17);

  assert_reads_as (f->store, added->uuid, file);
  list = desk_attachment_list (f->store, DESK_KIND_WORKSHOP, test_world_uuid (f->world, "workshop"),
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  got = g_ptr_array_steal_index (list, 0);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->sha256, ==, digest);

  /* The same file again is stored once, sealed. A file of exactly one piece, and one of
   * one byte, go through too. */
  {
    g_autoptr(DeskAttachment) again = attach (f, "activity", file, NULL, DESK_ATTACHMENT_PERSONAL_YES);
    g_autofree char *piece = write_generated (f, "piece.bin", 65536, 4);
    g_autofree char *byte = write_generated (f, "byte.bin", 1, 5);
    g_autoptr(DeskAttachment) one_piece = attach (f, "activity", piece, NULL, DESK_ATTACHMENT_PERSONAL_YES);
    g_autoptr(DeskAttachment) one_byte = attach (f, "activity", byte, NULL, DESK_ATTACHMENT_PERSONAL_YES);

    g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 3);
    assert_reads_as (f->store, again->uuid, file);
    assert_reads_as (f->store, one_piece->uuid, piece);
    assert_reads_as (f->store, one_byte->uuid, byte);
  }
}

static gboolean
bytes_hold (const guint8 *data,
            gsize         len,
            const guint8 *needle,
            gsize         n)
{
  for (gsize i = 0; n > 0 && i + n <= len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every file of the database: itself, -wal, -shm, copies beside it, every backup. */
static void
collect_files (const char *dir,
               GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else if (g_str_has_suffix (name, ".db") || strstr (name, ".db-") != NULL ||
               strstr (name, ".db.") != NULL)
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* How many of @needles (each @lens[i] bytes) are in the database's files. */
static guint
count_leaks (Fixture       *f,
             const guint8 **needles,
             const gsize   *lens,
             guint          n)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint leaks = 0;

  collect_files (f->dir, files);
  g_assert_cmpuint (files->len, >=, 2);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &contents, &len, NULL));
      for (guint j = 0; j < n; j++)
        if (bytes_hold ((const guint8 *) contents, len, needles[j], lens[j]))
          {
            g_test_message ("%s holds secret %u", (char *) g_ptr_array_index (files, i), j);
            leaks++;
          }
    }
  return leaks;
}

/* Turning protection on seals the personal files stored before, and its clean-up leaves
 * neither their bytes, nor their names, captions or SHA-256 anywhere in the database's
 * files; a file added afterwards never reaches them in plain text either. */
static void
test_nothing_left (Fixture       *f,
                   gconstpointer  data)
{
  const gsize size = 300000;
  g_autofree char *before = write_generated (f, FILE_NAME, size, 21);
  g_autofree char *after = write_generated (f, "Register-Efua-Asantewaa.jpg", size, 22);
  g_autofree guint8 *before_bytes = test_generated_bytes (size, 21);
  g_autofree guint8 *after_bytes = test_generated_bytes (size, 22);
  g_autofree char *before_digest = test_file_digest (before);
  g_autofree char *after_digest = test_file_digest (after);
  g_autoptr(DeskAttachment) first = NULL;
  g_autoptr(DeskAttachment) second = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *needles[] = {
    before_bytes, before_bytes + size / 2, before_bytes + size - 64,
    after_bytes, after_bytes + size / 2, after_bytes + size - 64,
    (const guint8 *) FILE_NAME, (const guint8 *) "Register-Efua-Asantewaa",
    (const guint8 *) CAPTION, (const guint8 *) before_digest, (const guint8 *) after_digest,
  };
  gsize lens[G_N_ELEMENTS (needles)] = { 64, 64, 64, 64, 64, 64 };

  for (guint i = 6; i < G_N_ELEMENTS (needles); i++)
    lens[i] = strlen ((const char *) needles[i]);

  /* A backup that holds the plain file: protection must remake it. */
  first = attach (f, "workshop", before, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  g_free (desk_backup_daily (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_leaks (f, needles, lens, G_N_ELEMENTS (needles)), >, 0);

  protect (f);
  g_assert_true (stored_sealed (f, first->uuid));
  second = attach (f, "deliverable", after, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  g_clear_object (&f->store);

  g_assert_cmpuint (count_leaks (f, needles, lens, G_N_ELEMENTS (needles)), ==, 0);

  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  unlock (f->store);
  assert_reads_as (f->store, first->uuid, before);
  assert_reads_as (f->store, second->uuid, after);
}

/* Locked: a personal file lists as locked and cannot be read, added or recaptioned; a
 * file that holds no personal data works as usual. */
static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *file = write_generated (f, FILE_NAME, 100000, 31);
  g_autofree char *plain = write_generated (f, "budget.ods", 5000, 32);
  const char *workshop = test_world_uuid (f->world, "workshop");
  g_autoptr(DeskAttachment) personal = NULL;
  g_autoptr(DeskAttachment) refused = NULL;
  g_autoptr(DeskAttachment) other = NULL;
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  protect (f);
  personal = attach (f, "workshop", file, CAPTION, DESK_ATTACHMENT_PERSONAL_DEFAULT);
  desk_store_lock (f->store);

  list = desk_attachment_list (f->store, DESK_KIND_WORKSHOP, workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  got = g_ptr_array_steal_index (list, 0);
  g_assert_cmpint (got->seal, ==, DESK_SEAL_LOCKED);
  g_assert_cmpstr (got->name, ==, desk_seal_describe (DESK_SEAL_LOCKED));
  g_assert_cmpstr (got->caption, ==, "");
  g_assert_cmpstr (got->sha256, ==, "");
  g_assert_cmpint (got->size, ==, 100000);
  g_assert_true (got->personal);

  g_assert_false (desk_attachment_write_to_stream (f->store, personal->uuid, memory, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_assert_nonnull (strstr (error->message, "Unlock"));
  g_clear_error (&error);
  {
    g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);

    g_assert_false (desk_attachment_write_to_file (f->store, personal->uuid, out, &error));
    g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
    g_clear_error (&error);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  refused = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, workshop, file, NULL,
                                 DESK_ATTACHMENT_PERSONAL_YES, &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachments"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 1);

  g_assert_false (desk_attachment_update (f->store, personal->uuid, "new caption", -1, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_false (desk_attachment_update (f->store, personal->uuid, NULL, FALSE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_true (stored_sealed (f, personal->uuid));

  other = attach (f, "workshop", plain, "agenda", DESK_ATTACHMENT_PERSONAL_NO);
  g_assert_cmpint (other->seal, ==, DESK_SEAL_OPEN);
  g_assert_cmpstr (other->name, ==, "budget.ods");
  assert_reads_as (f->store, other->uuid, plain);

  unlock (f->store);
  assert_reads_as (f->store, personal->uuid, file);
}

/* Protection turned on with personal files stored, then off: the same bytes, names and
 * captions each time. A personal and a non-personal attachment of the same file keep
 * separate copies while protected, and share one again after. */
static void
test_protect_unprotect (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = write_generated (f, FILE_NAME, 140000, 41);
  g_autofree char *digest = test_file_digest (file);
  g_autoptr(DeskAttachment) personal = attach (f, "workshop", file, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  g_autoptr(DeskAttachment) also = attach (f, "activity", file, NULL, DESK_ATTACHMENT_PERSONAL_YES);
  g_autoptr(DeskAttachment) shared = attach (f, "expense", file, "receipt", DESK_ATTACHMENT_PERSONAL_NO);
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  protect (f);
  g_assert_true (stored_sealed (f, personal->uuid));
  g_assert_true (stored_sealed (f, also->uuid));
  g_assert_false (stored_sealed (f, shared->uuid));
  /* One sealed copy for the two personal attachments, the plain one for the other. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs WHERE sealed_sha256 IS NOT NULL"), ==, 1);
  assert_reads_as (f->store, personal->uuid, file);
  assert_reads_as (f->store, also->uuid, file);
  assert_reads_as (f->store, shared->uuid, file);

  /* Removing the non-personal one leaves the sealed copy alone, and back. */
  g_assert_true (desk_attachment_remove (f->store, shared->uuid, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  assert_reads_as (f->store, personal->uuid, file);

  g_assert_true (desk_store_unprotect (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (stored_sealed (f, personal->uuid));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 1);
  got = desk_attachment_get (f->store, personal->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->caption, ==, CAPTION);
  g_assert_cmpstr (got->sha256, ==, digest);
  {
    g_autofree char *key = query (f, "SELECT sha256 FROM attachments WHERE uuid = '%s'", personal->uuid);
    g_autofree char *name = query (f, "SELECT name FROM attachments WHERE uuid = '%s'", personal->uuid);

    g_assert_cmpstr (key, ==, digest);
    g_assert_cmpstr (name, ==, FILE_NAME);
  }
  assert_reads_as (f->store, personal->uuid, file);
  assert_reads_as (f->store, also->uuid, file);
}

/* Changing the passphrase re-encrypts nothing: every stored byte stays as it was. */
static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = write_generated (f, FILE_NAME, 70000, 51);
  g_autoptr(DeskAttachment) personal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *sql = "SELECT group_concat (a.name || a.caption || a.sha256 || b.sealed_sha256 || "
                    "hex (c.content)) FROM attachments AS a JOIN attachment_blobs AS b ON "
                    "b.sha256 = a.sha256 JOIN attachment_contents AS c ON c.id = b.content_id";

  protect (f);
  personal = attach (f, "workshop", file, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  before = test_sqlite_query (_desk_store_get_db (f->store), sql);
  g_assert_true (desk_store_change_passphrase (f->store, "another long passphrase",
                                               desk_kdf_cost_fastest (), &error));
  g_assert_no_error (error);
  after = test_sqlite_query (_desk_store_get_db (f->store), sql);
  g_assert_cmpstr (before, ==, after);
  desk_store_lock (f->store);
  g_assert_true (desk_store_unlock (f->store, "another long passphrase", &error));
  assert_reads_as (f->store, personal->uuid, file);
}

/* Marking a file personal in a protected database seals it; unmarking opens it. */
static void
test_mark (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *file = write_generated (f, FILE_NAME, 90000, 61);
  g_autofree char *digest = test_file_digest (file);
  g_autoptr(DeskAttachment) attachment = NULL;
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GError) error = NULL;

  protect (f);
  attachment = attach (f, "deliverable", file, "report", DESK_ATTACHMENT_PERSONAL_DEFAULT);
  g_assert_false (attachment->personal);
  g_assert_false (stored_sealed (f, attachment->uuid));

  g_assert_true (desk_attachment_update (f->store, attachment->uuid, CAPTION, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (stored_sealed (f, attachment->uuid));
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 1);
  got = desk_attachment_get (f->store, attachment->uuid, &error);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->caption, ==, CAPTION);
  g_assert_cmpstr (got->sha256, ==, digest);
  g_assert_true (got->personal);
  g_clear_pointer (&got, desk_attachment_free);
  assert_reads_as (f->store, attachment->uuid, file);

  /* A caption alone, sealed again. */
  g_assert_true (desk_attachment_update (f->store, attachment->uuid, "Second caption", -1, &error));
  got = desk_attachment_get (f->store, attachment->uuid, &error);
  g_assert_cmpstr (got->caption, ==, "Second caption");
  g_clear_pointer (&got, desk_attachment_free);
  g_assert_true (stored_sealed (f, attachment->uuid));

  g_assert_true (desk_attachment_update (f->store, attachment->uuid, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (stored_sealed (f, attachment->uuid));
  got = desk_attachment_get (f->store, attachment->uuid, &error);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->caption, ==, "Second caption");
  g_assert_false (got->personal);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  assert_reads_as (f->store, attachment->uuid, file);
}

static void
flip_byte (Fixture *f,
           gint64   content_id,
           int      offset)
{
  sqlite3 *db = _desk_store_get_db (f->store);
  sqlite3_blob *blob = NULL;
  guint8 byte;

  g_assert_cmpint (sqlite3_blob_open (db, "main", "attachment_contents", "content", content_id, 1, &blob), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_blob_read (blob, &byte, 1, offset), ==, SQLITE_OK);
  byte ^= 0x01;
  g_assert_cmpint (sqlite3_blob_write (blob, &byte, 1, offset), ==, SQLITE_OK);
  sqlite3_blob_close (blob);
}

static void
assert_damaged (Fixture    *f,
                const char *uuid)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_attachment_write_to_stream (f->store, uuid, memory, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
}

/* A changed byte, a sealed copy moved under another key, a cut header: damaged. */
static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = write_generated (f, "a.pdf", 150000, 71);
  g_autofree char *b = write_generated (f, "b.pdf", 150000, 72);
  g_autoptr(DeskAttachment) first = NULL;
  g_autoptr(DeskAttachment) second = NULL;
  g_autofree char *first_key = NULL;
  gint64 first_content;

  protect (f);
  first = attach (f, "workshop", a, NULL, DESK_ATTACHMENT_PERSONAL_YES);
  second = attach (f, "activity", b, NULL, DESK_ATTACHMENT_PERSONAL_YES);
  first_key = query (f, "SELECT sha256 FROM attachments WHERE uuid = '%s'", first->uuid);
  {
    g_autofree char *id = query (f, "SELECT content_id FROM attachment_blobs WHERE sha256 = '%s'", first_key);

    first_content = g_ascii_strtoll (id, NULL, 10);
  }

  /* The two sealed copies' bytes swapped (the same size): each fails at its end. */
  {
    const char *swap = "CREATE TEMP TABLE copy AS SELECT id, content FROM attachment_contents; "
                       "UPDATE attachment_contents SET content = (SELECT content FROM copy "
                       "WHERE copy.id <> attachment_contents.id); DROP TABLE copy;";

    g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 2);
    test_sqlite_exec (_desk_store_get_db (f->store), swap);
    assert_damaged (f, first->uuid);
    assert_damaged (f, second->uuid);
    test_sqlite_exec (_desk_store_get_db (f->store), swap);
  }
  assert_reads_as (f->store, first->uuid, a);
  assert_reads_as (f->store, second->uuid, b);

  /* One byte of the cipher text in the second piece, then of the header. */
  flip_byte (f, first_content, 24 + 65536 + 17 + 100);
  assert_damaged (f, first->uuid);
  flip_byte (f, first_content, 24 + 65536 + 17 + 100);
  assert_reads_as (f->store, first->uuid, a);
  flip_byte (f, first_content, 3);
  assert_damaged (f, first->uuid);
  flip_byte (f, first_content, 3);

  /* The last piece's tag. */
  flip_byte (f, first_content, (int) (24 + 150000 + 3 * 17 - 1));
  assert_damaged (f, first->uuid);
}

/* A backup of a protected database, restored into another file, opens after unlocking. */
static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = write_generated (f, FILE_NAME, 250000, 81);
  g_autofree char *backup = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(DeskAttachment) attachment = NULL;
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(DeskStore) other = NULL;
  g_autoptr(GError) error = NULL;

  protect (f);
  attachment = attach (f, "workshop", file, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  g_assert_true (desk_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  other = desk_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_restore (other, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (other), ==, DESK_PROTECTION_LOCKED);
  got = desk_attachment_get (other, attachment->uuid, &error);
  g_assert_cmpint (got->seal, ==, DESK_SEAL_LOCKED);
  g_clear_pointer (&got, desk_attachment_free);
  unlock (other);
  got = desk_attachment_get (other, attachment->uuid, &error);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->sha256, ==, attachment->sha256);
  assert_reads_as (other, attachment->uuid, file);

  /* And back into the same store after the file was removed. */
  g_assert_true (desk_attachment_remove (f->store, attachment->uuid, &error));
  g_assert_true (desk_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  if (desk_store_get_protection (f->store) == DESK_PROTECTION_LOCKED)
    unlock (f->store);
  assert_reads_as (f->store, attachment->uuid, file);
}

/* What a bundle's import does for a personal attachment of a protected database: bytes
 * stored sealed from the start (_for), or stored plain and sealed by the put. */
static void
test_import_path (Fixture       *f,
                  gconstpointer  data)
{
  const gsize size = 100000;
  g_autofree guint8 *bytes = test_generated_bytes (size, 91);
  g_autofree guint8 *more = test_generated_bytes (size, 92);
  g_autofree char *digest = NULL;
  g_autofree char *plain_digest = NULL;
  g_autoptr(DeskAttachment) got = NULL;
  g_autoptr(GError) error = NULL;
  TestMemorySource source = { bytes, size, 0 };
  TestMemorySource other = { more, size, 0 };
  DeskAttachment row = {
    .uuid = (char *) "7b7c2d39-0f51-4d0e-9a55-2f3b7e1c0a01", .group_uuid = f->world->group,
    .owner_kind = (char *) "workshop", .owner_uuid = (char *) test_world_uuid (f->world, "workshop"),
    .name = (char *) FILE_NAME, .media_type = (char *) "application/pdf", .size = size,
    .caption = (char *) CAPTION, .personal = TRUE, .added = (char *) "2026-11-30T10:00:00Z",
  };

  protect (f);
  g_assert_true (desk_store_begin (f->store, &error));
  digest = _desk_attachment_store_bytes_for (f->store, TRUE, size, test_memory_read, &source, "bundle",
                                             NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *want = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, size);

    g_assert_cmpstr (digest, ==, want);
  }
  row.sha256 = digest;
  g_assert_true (_desk_attachment_put (f->store, &row, &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_commit (f->store, &error));
  g_assert_true (stored_sealed (f, row.uuid));
  /* Stored sealed: the plain digest names no plain copy, the sealed one is found. */
  g_assert_false (_desk_attachment_has_bytes (f->store, digest, &error));
  g_assert_true (_desk_attachment_has_bytes_for (f->store, TRUE, digest, &error));
  g_assert_false (_desk_attachment_has_bytes_for (f->store, FALSE, digest, &error));
  g_assert_no_error (error);
  got = desk_attachment_get (f->store, row.uuid, &error);
  g_assert_cmpstr (got->name, ==, FILE_NAME);
  g_assert_cmpstr (got->caption, ==, CAPTION);
  g_assert_cmpstr (got->sha256, ==, digest);
  g_clear_pointer (&got, desk_attachment_free);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);

  /* The older path: plain bytes, then a personal row put over the same UUID. */
  g_assert_true (desk_store_begin (f->store, &error));
  plain_digest = _desk_attachment_store_bytes (f->store, size, test_memory_read, &other, "bundle", NULL,
                                               &error);
  g_assert_no_error (error);
  row.sha256 = plain_digest;
  row.name = (char *) "second.pdf";
  g_assert_true (_desk_attachment_put (f->store, &row, &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_commit (f->store, &error));
  g_assert_true (stored_sealed (f, row.uuid));
  /* The plain copy went, and the first bytes with the row they belonged to. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_blobs"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 1);
  g_assert_false (_desk_attachment_has_bytes (f->store, plain_digest, &error));
  got = desk_attachment_get (f->store, row.uuid, &error);
  g_assert_cmpstr (got->name, ==, "second.pdf");
  g_assert_cmpstr (got->sha256, ==, plain_digest);
  {
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GBytes) out = NULL;

    g_assert_true (desk_attachment_write_to_stream (f->store, row.uuid, memory, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_output_stream_close (memory, NULL, NULL));
    out = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
    g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), more, size);
  }

  /* Locked, the sealed path is refused and nothing is stored. */
  desk_store_lock (f->store);
  source.offset = 0;
  g_assert_true (desk_store_begin (f->store, &error));
  g_assert_null (_desk_attachment_store_bytes_for (f->store, TRUE, size, test_memory_read, &source, "bundle",
                                                   NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  desk_store_rollback (f->store);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachment_contents"), ==, 1);
  g_assert_false (_desk_attachment_has_bytes_for (f->store, TRUE, digest, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
}

/* A sealed 30 MB file added and written out keeps the peak far below its size. In a
 * child process, so that the peak is its own. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  const gsize size = 30 * 1000 * 1000;

  if (test_skip_memory_under_asan ())
    return;

  if (g_test_subprocess ())
    {
      g_autofree char *in = g_build_filename (f->dir, "video.mp4", NULL);
      g_autofree char *out = g_build_filename (f->dir, "video-out.mp4", NULL);
      g_autofree guint8 *chunk = g_malloc (64 * 1024);
      g_autoptr(DeskAttachment) attachment = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      glong before;
      glong after;
      int fd;

      protect (f);
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
      attachment = attach (f, "workshop", in, NULL, DESK_ATTACHMENT_PERSONAL_YES);
      g_test_message ("30 MB sealed: peak +%ld KB", test_peak_kb () - before);
      g_assert_true (desk_attachment_write_to_file (f->store, attachment->uuid, out, &error));
      g_assert_no_error (error);
      after = test_peak_kb ();
      g_test_message ("30 MB sealed and written out: peak +%ld KB", after - before);
      g_assert_cmpint (after - before, <, (glong) (size / 1024 / 4));
      want = test_file_digest (in);
      got = test_file_digest (out);
      g_assert_cmpstr (got, ==, want);
      return;
    }

  g_test_trap_subprocess (NULL, 150 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Turning protection off when a personal file's sealed bytes were changed: refused as a
 * whole, with the reason; names and files stay sealed and the rest still reads. */
static void
test_unprotect_damaged (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = write_generated (f, "a.pdf", 80000, 101);
  g_autofree char *b = write_generated (f, "b.pdf", 90000, 102);
  g_autoptr(DeskAttachment) first = NULL;
  g_autoptr(DeskAttachment) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  protect (f);
  first = attach (f, "workshop", a, CAPTION, DESK_ATTACHMENT_PERSONAL_YES);
  second = attach (f, "activity", b, NULL, DESK_ATTACHMENT_PERSONAL_YES);
  id = query (f, "SELECT b.content_id FROM attachments AS a JOIN attachment_blobs AS b "
                 "ON b.sha256 = a.sha256 WHERE a.uuid = '%s'", second->uuid);
  flip_byte (f, g_ascii_strtoll (id, NULL, 10), 24 + 1000);

  g_assert_false (desk_store_unprotect (f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "b.pdf"));
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM protection"), ==, 1);
  g_assert_true (stored_sealed (f, first->uuid));
  g_assert_true (stored_sealed (f, second->uuid));
  assert_reads_as (f->store, first->uuid, a);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/sealed-files/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("nothing-left", test_nothing_left);
  ADD ("locked", test_locked);
  ADD ("protect-unprotect", test_protect_unprotect);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("mark", test_mark);
  ADD ("tampered", test_tampered);
  ADD ("backup-restore", test_backup_restore);
  ADD ("import-path", test_import_path);
  ADD ("unprotect-damaged", test_unprotect_damaged);
  ADD ("memory", test_memory);
#undef ADD

  return g_test_run ();
}
