/* test-bundle-attachments.c — files attached to records, carried by bundles (format 2):
 * round trips on every kind of owner, privacy, refusals that leave the database as it
 * was, format 1 still read, memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

#include "desk-attachment-private.h"
#include "desk-protect.h"

#include <fcntl.h>
#include <unistd.h>

#define PASSPHRASE "correct horse battery staple"

/* The kinds that take files, each with the size of its file: pieces of base64 are
 * 12,288 bytes of file, so these cover a file of one byte, less than a piece, exactly
 * one, one and a bit, and several. */
static const struct
{
  const char *kind;
  gsize size;
} owners[] = {
  { "activity", 1 },
  { "deliverable", 1000 },
  { "expense", 12288 },
  { "funding", 12289 },
  { "workshop", 100000 },
  { "indicator_value", 250001 },
};

/* @size bytes that differ with @seed. */
static char *
write_generated (Fixture    *f,
                 const char *name,
                 gsize       size,
                 guint32     seed)
{
  return test_write_generated (fixture_path (f, name), size, seed);
}

static DeskAttachment *
attach (Fixture                *f,
        const char             *kind,
        const char             *file,
        DeskAttachmentPersonal  personal)
{
  g_autoptr(GError) error = NULL;
  DeskAttachment *attachment;

  attachment = desk_attachment_add (f->src, desk_kind_lookup (kind), test_world_uuid (f->world, kind),
                                    file, "A caption — 说明", personal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);

  return attachment;
}

/* One file on each kind of owner (the workshop's marked personal, as by default), and
 * the deliverable's bytes attached a second time, to the activity. Returns the
 * attachments and, in @files, the file each came from. */
static GPtrArray *
attach_all (Fixture    *f,
            GPtrArray **files)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);

  *files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.bin", owners[i].kind);
      char *file = write_generated (f, name, owners[i].size, i + 1);

      g_ptr_array_add (list, attach (f, owners[i].kind, file, DESK_ATTACHMENT_PERSONAL_DEFAULT));
      g_ptr_array_add (*files, file);
    }
  g_ptr_array_add (list, attach (f, "activity", (*files)->pdata[1], DESK_ATTACHMENT_PERSONAL_NO));
  g_ptr_array_add (*files, g_strdup ((*files)->pdata[1]));

  return list;
}

static void
assert_same_attachment (const DeskAttachment *a,
                        const DeskAttachment *b)
{
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpstr (a->group_uuid, ==, b->group_uuid);
  g_assert_cmpstr (a->owner_kind, ==, b->owner_kind);
  g_assert_cmpstr (a->owner_uuid, ==, b->owner_uuid);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->media_type, ==, b->media_type);
  g_assert_cmpint (a->size, ==, b->size);
  g_assert_cmpstr (a->sha256, ==, b->sha256);
  g_assert_cmpstr (a->caption, ==, b->caption);
  g_assert_cmpint (a->personal, ==, b->personal);
  g_assert_cmpstr (a->added, ==, b->added);
}

/* The attachment's bytes in @store, written out, are the file's. */
static void
assert_bytes (Fixture    *f,
              DeskStore  *store,
              const char *uuid,
              const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = fixture_path (f, "out.bin");
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  gsize want_len = 0;
  gsize got_len = 0;

  g_assert_true (desk_attachment_write_to_file (store, uuid, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file, &want, &want_len, NULL));
  g_assert_true (g_file_get_contents (out, &got, &got_len, NULL));
  g_assert_cmpmem (got, got_len, want, want_len);
  g_unlink (out);
}

static guint
count_of (const char *text,
          const char *what)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, what)) != NULL; p += strlen (what))
    n++;

  return n;
}

static gint64
sql_int (DeskStore  *store,
         const char *sql)
{
  return test_sqlite_int (_desk_store_get_db (store), sql);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) list = attach_all (f, &files);
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "named.gdbundle");
  g_autofree char *text = read_text (path);
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "data", "schema",
                                                "groupdesk-bundle-3.xsd", NULL);
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(DeskImportPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");

  /* The current format (attachments came with format 2), valid, each file once: seven
   * attachments, six files. */
  g_assert_nonnull (strstr (text, "xmlns=\"" DESK_BUNDLE_NAMESPACE "\""));
  g_assert_nonnull (strstr (text, "format=\"" DESK_BUNDLE_FORMAT "\""));
  g_assert_nonnull (strstr (text, "<count kind=\"attachment\">7</count>"));
  g_assert_cmpuint (count_of (text, "<file sha256="), ==, 6);
  assert_schema_valid (path);
  g_assert_true (desk_bundle_validate_file (path, NULL, &error));
  g_assert_no_error (error);
  /* Any XML tool checks it with the schema as installed. */
  if (xmllint != NULL)
    {
      const char *argv[] = { "xmllint", "--noout", "--stream", "--schema", xsd, path, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                   G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  plan = import_ok (dst, path, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "attachment")->added, ==, 7);
  for (guint i = 0; i < list->len; i++)
    {
      DeskAttachment *a = g_ptr_array_index (list, i);
      g_autoptr(DeskAttachment) b = desk_attachment_get (dst, a->uuid, &error);

      g_assert_no_error (error);
      assert_same_attachment (a, b);
      assert_bytes (f, dst, b->uuid, files->pdata[i]);
    }
  /* The shared bytes are stored once there too. */
  g_assert_cmpint (sql_int (dst, "SELECT count (*) FROM attachment_blobs"), ==, 6);
  g_assert_cmpint (sql_int (dst, "SELECT count (*) FROM attachment_contents"), ==, 6);

  /* A second import of the same bundle changes nothing. */
  twice = dump_digest (dst);
  again = import_ok (dst, path, FALSE, FALSE);
  g_assert_true (again->already_imported);
  {
    g_autofree char *after = dump_digest (dst);

    g_assert_cmpstr (twice, ==, after);
  }
}

/* The next bundle: a caption changed, one file removed, one added. Changes arrive as
 * updates; a file carried again unchanged is unchanged. */
static void
test_second_bundle (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) list = attach_all (f, &files);
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "one.gdbundle");
  g_autofree char *two = NULL;
  g_autofree char *extra = write_generated (f, "extra.bin", 5000, 99);
  g_autoptr(DeskAttachment) added = attach (f, "expense", extra, DESK_ATTACHMENT_PERSONAL_NO);
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) first = NULL;
  g_autoptr(DeskImportPlan) second = NULL;
  g_autoptr(DeskAttachment) changed = NULL;
  g_autoptr(GError) error = NULL;
  DeskAttachment *a = g_ptr_array_index (list, 0);

  g_assert_true (desk_attachment_update (f->src, a->uuid, "Changed", -1, &error));
  g_assert_no_error (error);
  two = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "two.gdbundle");

  first = import_ok (dst, one, FALSE, FALSE);
  second = import_ok (dst, two, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (second, "attachment")->added, ==, 1);
  g_assert_cmpuint (plan_kind (second, "attachment")->updated, ==, 1);
  g_assert_cmpuint (plan_kind (second, "attachment")->unchanged, ==, 6);
  changed = desk_attachment_get (dst, a->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed->caption, ==, "Changed");
  assert_bytes (f, dst, added->uuid, extra);
}

/* A record deleted here after the bundle's copy of it stays deleted, and the bundle's
 * files of it are not taken: the import goes through. */
static void
test_owner_deleted_here (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *file = write_generated (f, "minutes.pdf", 5000, 21);
  g_autoptr(DeskAttachment) a = attach (f, "deliverable", file, DESK_ATTACHMENT_PERSONAL_NO);
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "one.gdbundle");
  g_autofree char *two = NULL;
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) first = import_ok (dst, one, FALSE, FALSE);
  g_autoptr(DeskImportPlan) second = NULL;
  g_autoptr(GError) error = NULL;

  test_set_now (dst, "2026-11-26T10:00:00Z");
  g_assert_true (desk_store_delete (dst, DESK_KIND_DELIVERABLE, a->owner_uuid, &error));
  g_assert_no_error (error);
  g_assert_null (desk_attachment_get (dst, a->uuid, NULL));

  g_assert_true (desk_attachment_update (f->src, a->uuid, "Approved", -1, &error));
  g_assert_no_error (error);
  two = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "two.gdbundle");
  second = import_ok (dst, two, FALSE, FALSE);
  {
    g_autoptr(DeskRecord) gone = desk_store_get (dst, DESK_KIND_DELIVERABLE, a->owner_uuid, NULL);

    g_assert_null (gone);
  }
  g_assert_null (desk_attachment_get (dst, a->uuid, NULL));
  g_assert_cmpuint (plan_kind (second, "attachment")->unchanged, ==, 1);
}

/* Pseudonymous and aggregate bundles leave out every file marked personal, bytes and
 * all; a named one carries it. */
static void
test_privacy (Fixture       *f,
              gconstpointer  data)
{
  const DeskPrivacy levels[] = { DESK_PRIVACY_AGGREGATE, DESK_PRIVACY_PSEUDONYMOUS, DESK_PRIVACY_NAMED };
  g_autofree char *secret_file = write_generated (f, "signed-sheet.pdf", 3000, 7);
  g_autofree char *plain_file = write_generated (f, "agenda.pdf", 3000, 8);
  g_autoptr(DeskAttachment) secret = attach (f, "deliverable", secret_file, DESK_ATTACHMENT_PERSONAL_YES);
  g_autoptr(DeskAttachment) plain = attach (f, "workshop", plain_file, DESK_ATTACHMENT_PERSONAL_NO);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *name = g_strdup_printf ("level-%u.gdbundle", i);
      g_autofree char *db = g_strdup_printf ("dst-%u.db", i);
      g_autofree char *path = export_bundle (f, f->src, f->world->group, levels[i], name);
      g_autofree char *text = read_text (path);
      g_autoptr(DeskStore) dst = open_file_store (f, db);
      g_autoptr(DeskImportPlan) plan = import_ok (dst, path, FALSE, FALSE);
      g_autoptr(DeskAttachment) got = NULL;
      gboolean named = levels[i] == DESK_PRIVACY_NAMED;

      assert_schema_valid (path);
      /* Neither its record nor its bytes: not its name, not its digest. */
      g_assert_true ((strstr (text, "signed-sheet.pdf") != NULL) == named);
      g_assert_true ((strstr (text, secret->sha256) != NULL) == named);
      g_assert_nonnull (strstr (text, plain->sha256));
      g_assert_cmpint (sql_int (dst, "SELECT count (*) FROM attachments WHERE personal = 1"), ==, named ? 1 : 0);
      g_assert_cmpint (sql_int (dst, "SELECT count (*) FROM attachments WHERE personal = 0"), ==, 1);
      got = desk_attachment_get (dst, plain->uuid, NULL);
      g_assert_nonnull (got);
      assert_bytes (f, dst, plain->uuid, plain_file);
    }

  /* The export's preview counts what the bundle will carry. */
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskBundlePreview) preview = desk_bundle_preview (f->src, f->world->group, FROM, TO,
                                                                  levels[i], &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint j = 0; j < preview->counts->len; j++)
        {
          DeskBundleCount *c = &g_array_index (preview->counts, DeskBundleCount, j);

          if (g_str_equal (c->kind, "attachment"))
            {
              g_assert_cmpint (c->count, ==, levels[i] == DESK_PRIVACY_NAMED ? 2 : 1);
              g_assert_cmpstr (c->label, ==, "Attachments");
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
}

/* Replaces the first @from after @after in @text by @to. */
static char *
replace_once (const char *text,
              const char *after,
              const char *from,
              const char *to)
{
  const char *start = after != NULL ? strstr (text, after) : text;
  const char *at;
  GString *s = g_string_new (NULL);

  g_assert_nonnull (start);
  at = strstr (start, from);
  g_assert_nonnull (at);
  g_string_append_len (s, text, at - text);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));

  return g_string_free (s, FALSE);
}

/* The manifest's records digest made to match the records again, so a change reaches
 * the check it is meant for. */
static void
fix_digest (char *text)
{
  const char *start = strstr (text, "<records>");
  const char *end = g_strrstr (text, "</records>") + strlen ("</records>");
  g_autofree char *digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start,
                                                         end - start);
  char *at = strstr (text, "<content_sha256>") + strlen ("<content_sha256>");

  memcpy (at, digest, 64);
}

/* Writes @text as a bundle, imports it into @dst and expects a refusal whose sentence
 * holds @words, with the database as it was; validate (with no database of the user's)
 * says no too when @invalid. */
static void
assert_refused_full (Fixture    *f,
                     DeskStore  *dst,
                     const char *name,
                     const char *text,
                     const char *words,
                     gboolean    invalid)
{
  g_autofree char *path = fixture_path (f, name);
  g_autofree char *before = dump_digest (dst);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;

  test_write_file (path, text, strlen (text));
  plan = desk_bundle_import (dst, path, FALSE, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("%s: %s", name, error->message);
  if (strstr (error->message, words) == NULL)
    g_error ("%s: “%s” does not say “%s”", name, error->message, words);
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  if (!invalid)
    return;
  g_assert_false (desk_bundle_validate_file (path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, words));
}

static void
assert_refused (Fixture    *f,
                DeskStore  *dst,
                const char *name,
                const char *text,
                const char *words)
{
  assert_refused_full (f, dst, name, text, words, TRUE);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *file = write_generated (f, "receipt.pdf", 40000, 3);
  g_autoptr(DeskAttachment) a = attach (f, "expense", file, DESK_ATTACHMENT_PERSONAL_NO);
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "good.gdbundle");
  g_autofree char *text = read_text (path);
  g_autofree char *file_tag = g_strdup_printf ("<file sha256=\"%s\">", a->sha256);
  g_autofree char *size_tag = g_strdup_printf ("<size>%" G_GINT64_FORMAT "</size>", a->size);
  g_autofree char *owner_tag = g_strdup_printf ("<owner_uuid>%s</owner_uuid>", a->owner_uuid);
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(TestWorld) kept = test_world_new (dst, "KEEP");
  const char *data_start;
  char *c;

  /* Tampered bytes: one base64 character changed, still base64 (the records' digest
   * does not cover the bytes; their SHA-256 does). */
  {
    g_autofree char *bad = g_strdup (text);

    data_start = strstr (strstr (bad, file_tag), "<data>") + strlen ("<data>");
    c = (char *) data_start + 100;
    *c = *c == 'A' ? 'B' : 'A';
    assert_refused (f, dst, "tampered.gdbundle", bad, "receipt.pdf");
  }

  /* Malformed base64: a character outside the alphabet, then padding in the middle. */
  {
    g_autofree char *bad = g_strdup (text);

    c = strstr (strstr (bad, file_tag), "<data>") + strlen ("<data>") + 40;
    *c = '*';
    assert_refused (f, dst, "not-base64.gdbundle", bad, "receipt.pdf");
  }
  {
    g_autofree char *bad = g_strdup (text);

    c = strstr (strstr (bad, file_tag), "<data>") + strlen ("<data>") + 40;
    c[0] = '=';
    assert_refused (f, dst, "padding.gdbundle", bad, "receipt.pdf");
  }

  /* A size over the limit. */
  {
    g_autofree char *big = g_strdup_printf ("<size>%" G_GINT64_FORMAT "</size>", DESK_ATTACHMENT_MAX_SIZE + 1);
    g_autofree char *bad = replace_once (text, "<attachment ", size_tag, big);

    fix_digest (bad);
    assert_refused (f, dst, "too-large.gdbundle", bad, "receipt.pdf");
  }

  /* A size other than the bytes': one less, one more. */
  for (int delta = -1; delta <= 1; delta += 2)
    {
      g_autofree char *other = g_strdup_printf ("<size>%" G_GINT64_FORMAT "</size>", a->size + delta);
      g_autofree char *bad = replace_once (text, "<attachment ", size_tag, other);

      fix_digest (bad);
      assert_refused (f, dst, "size.gdbundle", bad, "receipt.pdf");
    }

  /* An owner neither in the bundle nor in the database. */
  {
    g_autofree char *nobody = g_uuid_string_random ();
    g_autofree char *other = g_strdup_printf ("<owner_uuid>%s</owner_uuid>", nobody);
    g_autofree char *bad = replace_once (text, "<attachment ", owner_tag, other);

    fix_digest (bad);
    assert_refused (f, dst, "no-owner.gdbundle", bad, "receipt.pdf");
  }

  /* The bytes left out, and bytes no attachment names. */
  {
    const char *start = strstr (text, "<files>");
    const char *end = strstr (text, "</files>") + strlen ("</files>");
    g_autoptr(GString) bad = g_string_new_len (text, start - text);

    g_string_append (bad, end);
    assert_refused (f, dst, "no-bytes.gdbundle", bad->str, "receipt.pdf");
  }
  {
    g_autofree char *bad = replace_once (text, "<files>", a->sha256,
                                         "0000000000000000000000000000000000000000000000000000000000000000");

    assert_refused (f, dst, "stray-bytes.gdbundle", bad, "0000000000000000");
  }

  /* The sound file they were all made from imports. */
  {
    g_autoptr(DeskImportPlan) plan = import_ok (dst, path, FALSE, FALSE);

    g_assert_cmpuint (plan_kind (plan, "attachment")->added, ==, 1);
    assert_bytes (f, dst, a->uuid, file);
  }
}

/* Into a database that protects names, a file marked personal is stored sealed, as one
 * attached there would be: readable unlocked, its row of bytes keyed by something other
 * than its SHA-256, and a file a non-personal attachment shares stays plain too. */
static void
test_protected (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = write_generated (f, "photos.zip", 40000, 5);
  g_autofree char *shared_file = write_generated (f, "agenda.pdf", 3000, 6);
  g_autoptr(DeskAttachment) a = attach (f, "workshop", file, DESK_ATTACHMENT_PERSONAL_YES);
  g_autoptr(DeskAttachment) s1 = attach (f, "workshop", shared_file, DESK_ATTACHMENT_PERSONAL_YES);
  g_autoptr(DeskAttachment) s2 = attach (f, "activity", shared_file, DESK_ATTACHMENT_PERSONAL_NO);
  g_autofree char *named = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "named.gdbundle");
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = desk_store_protect (dst, PASSPHRASE, desk_kdf_cost_fastest (), &error);
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  plan = import_ok (dst, named, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "attachment")->added, ==, 3);

  assert_bytes (f, dst, a->uuid, file);
  assert_bytes (f, dst, s1->uuid, shared_file);
  assert_bytes (f, dst, s2->uuid, shared_file);
  /* Sealed: no row of bytes under the personal file's SHA-256; the shared one's plain
   * copy is there for the activity's attachment. */
  sql = g_strdup_printf ("SELECT count (*) FROM attachment_blobs WHERE sha256 = '%s'", a->sha256);
  g_assert_cmpint (sql_int (dst, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM attachment_blobs WHERE sha256 = '%s'", s2->sha256);
  g_assert_cmpint (sql_int (dst, sql), ==, 1);
  {
    g_autoptr(DeskAttachment) got = desk_attachment_get (dst, a->uuid, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (got->name, ==, "photos.zip");
    g_assert_true (got->personal);
  }
}

/* A bundle of format 1, as Groupdesk wrote before files, still imports. */
static void
test_format_1 (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "fixtures", "bundle", "valid.gdbundle", NULL);
  g_autofree char *text = read_text (valid);
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (text, "format=\"1\""));
  g_assert_nonnull (strstr (text, DESK_BUNDLE_NAMESPACE_1));
  g_assert_true (desk_bundle_validate_file (valid, NULL, &error));
  g_assert_no_error (error);
  plan = import_ok (dst, valid, FALSE, FALSE);
  g_assert_cmpuint (plan_kind (plan, "member")->added, ==, 1);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_GROUP, NULL), ==, 1);
  g_assert_cmpint (sql_int (dst, "SELECT count (*) FROM attachments"), ==, 0);
}

/* A dry run (the import's preview, validate) checks the bytes without storing them. */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *file = write_generated (f, "report.pdf", 30000, 11);
  g_autoptr(DeskAttachment) a = attach (f, "deliverable", file, DESK_ATTACHMENT_PERSONAL_NO);
  g_autofree char *path = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "b.gdbundle");
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autofree char *before = dump_digest (dst);
  g_autofree char *after = NULL;
  g_autoptr(DeskImportPlan) plan = import_ok (dst, path, FALSE, TRUE);

  g_assert_cmpuint (plan_kind (plan, "attachment")->added, ==, 1);
  after = dump_digest (dst);
  g_assert_cmpstr (before, ==, after);
}

static void
cancel_past_half (double   fraction,
                  gpointer user_data)
{
  Progress *p = user_data;

  p->backwards |= fraction < p->last;
  p->last = fraction;
  p->calls++;
  if (fraction > 0.5)
    g_cancellable_cancel (p->cancellable);
}

/* The files' bytes are most of an export with large files: its progress moves while
 * they are written, and Cancel then stops it with nothing left behind. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *file = write_generated (f, "video.mp4", 15 * 1000 * 1000, 13);
  g_autoptr(DeskAttachment) a = attach (f, "workshop", file, DESK_ATTACHMENT_PERSONAL_NO);
  g_autofree char *path = fixture_path (f, "progress.gdbundle");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress seen = { NULL, 0, 0.0, FALSE };
  Progress cancel = { cancellable, 0, 0.0, FALSE };
  gint64 exports;

  g_unlink (file);
  g_assert_true (desk_bundle_export_full (f->src, f->world->group, FROM, TO, DESK_PRIVACY_NAMED,
                                          path, NULL, count_reports, &seen, &error));
  g_assert_no_error (error);
  g_assert_false (seen.backwards);
  g_assert_cmpfloat (seen.last, ==, 1.0);
  /* Reports come as the 1,221 pieces go (every 1,024 steps), not only at the start of
   * the records, of the files and at the end. */
  g_assert_cmpuint (seen.calls, >, 3);
  g_unlink (path);

  exports = sql_int (f->src, "SELECT count (*) FROM exports");
  g_assert_false (desk_bundle_export_full (f->src, f->world->group, FROM, TO, DESK_PRIVACY_NAMED,
                                           path, cancellable, cancel_past_half, &cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (f->src, "SELECT count (*) FROM exports"), ==, exports);
  assert_no_partial_files (f);
}

/* Exporting and importing a bundle with a 30 MB file keep the peak far below the
 * file's size: the bytes go through in pieces. In a child process, so that the peak
 * is its own. */
static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  const gsize size = 30 * 1000 * 1000;

  if (test_skip_memory_under_asan ())
    return;

  if (g_test_subprocess ())
    {
      g_autofree char *in = fixture_path (f, "video.mp4");
      g_autofree char *bundle = fixture_path (f, "large.gdbundle");
      g_autofree guint8 *chunk = g_malloc (64 * 1024);
      g_autoptr(DeskAttachment) a = NULL;
      g_autoptr(DeskStore) dst = NULL;
      g_autoptr(DeskImportPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      glong before;
      glong exported;
      glong imported;
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
      a = attach (f, "workshop", in, DESK_ATTACHMENT_PERSONAL_NO);
      dst = open_file_store (f, "dst.db");

      before = test_peak_kb ();
      g_assert_true (desk_bundle_export (f->src, f->world->group, FROM, TO, DESK_PRIVACY_NAMED,
                                         bundle, &error));
      g_assert_no_error (error);
      exported = test_peak_kb ();
      g_test_message ("30 MB exported: peak +%ld KB", exported - before);
      plan = desk_bundle_import (dst, bundle, FALSE, FALSE, &error);
      g_assert_no_error (error);
      imported = test_peak_kb ();
      g_test_message ("30 MB exported and imported: peak +%ld KB", imported - before);
      assert_bytes (f, dst, a->uuid, in);
      /* Measured: +2.8 MB and +7.4 MB; the file's bytes whole would be 30 MB, their
       * base64 40 MB. */
      g_assert_cmpint (exported - before, <, (glong) (size / 1024 / 3));
      g_assert_cmpint (imported - before, <, (glong) (size / 1024 / 3));
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
  g_test_add ("/core/bundle-attachments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("second-bundle", test_second_bundle);
  ADD ("owner-deleted-here", test_owner_deleted_here);
  ADD ("privacy", test_privacy);
  ADD ("refused", test_refused);
  ADD ("protected", test_protected);
  ADD ("format-1", test_format_1);
  ADD ("dry-run", test_dry_run);
  ADD ("progress", test_progress);
  ADD ("memory", test_memory);
#undef ADD

  return g_test_run ();
}
