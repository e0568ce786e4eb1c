/* test-bundle-hostile.c — bundles crafted by hand: each class of attack or mistake is
 * refused with a sentence, or handled, and a refused import leaves the database as it was
 *
 * The bundles start as real exports of a test group, then are changed the way an
 * attacker (or a tool) would change them, with the records' digest made to match again
 * so that the change reaches the check it is meant for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-bundle-private.h"

static char *
file_sha256 (const char *path)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
}

/* Replaces every @from by @to. */
static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);

  return g_strjoinv (to, parts);
}

/* Replaces the text of the first <@element> after @after by @value. */
static char *
set_element (const char *text,
             const char *after,
             const char *element,
             const char *value)
{
  g_autofree char *open = g_strdup_printf ("<%s", element);
  g_autofree char *close = g_strdup_printf ("</%s>", element);
  const char *from = strstr (text, after);
  const char *start;
  const char *end;

  g_assert_nonnull (from);
  start = strstr (from, open);
  g_assert_nonnull (start);
  start = strchr (start, '>') + 1;
  end = strstr (start, close);
  g_assert_nonnull (end);

  return g_strdup_printf ("%.*s%s%s", (int) (start - text), text, value, end);
}

/* The manifest's count of @kind set to @value. */
static char *
set_count (const char *text,
           const char *kind,
           const char *value)
{
  g_autofree char *attr = g_strdup_printf ("<count kind=\"%s\">", kind);
  const char *start = strstr (text, attr);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (attr);
  end = strstr (start, "</count>");

  return g_strdup_printf ("%.*s%s%s", (int) (start - text), text, value, end);
}

/* The records' digest made to match the records again. */
static char *
reseal (const char *text,
        const char *qname)
{
  g_autofree char *open = g_strdup_printf ("<%s>", qname);
  g_autofree char *close = g_strdup_printf ("</%s>", qname);
  const char *start = strstr (text, open);
  const char *end = g_strrstr (text, close);
  g_autofree char *digest = NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start,
                                        end + strlen (close) - start);

  return set_element (text, "<", strstr (text, "<b:content_sha256>") != NULL
                                  ? "b:content_sha256" : "content_sha256", digest);
}

static char *
write_bundle (Fixture    *f,
              const char *name,
              const char *text)
{
  char *path = fixture_path (f, name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

/* A bundle that names @previous_path as its previous, numbered @step after it, with a
 * new identifier. */
static char *
as_next (const char *text,
         const char *previous_path,
         int         step)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sha = file_sha256 (previous_path);
  g_autofree char *prev_text = read_text (previous_path);
  g_autofree char *prev_uuid = NULL;
  g_autofree char *prev_seq = NULL;
  g_autofree char *seq = NULL;
  g_autofree char *a = set_element (text, "<manifest", "bundle_uuid", uuid);
  g_autofree char *b = NULL;
  g_autofree char *previous = NULL;
  const char *p = strstr (prev_text, "<bundle_uuid>") + strlen ("<bundle_uuid>");
  char *without;
  char *start;
  char *end;

  prev_uuid = g_strndup (p, 36);
  p = strstr (prev_text, "<sequence>") + strlen ("<sequence>");
  prev_seq = g_strndup (p, strcspn (p, "<"));
  seq = g_strdup_printf ("%d", atoi (prev_seq) + step);
  b = set_element (a, "<manifest", "sequence", seq);
  previous = g_strdup_printf ("</sequence>\n  <previous uuid=\"%s\" sha256=\"%s\"/>",
                              prev_uuid, sha);
  /* Drop a <previous> the text already has. */
  without = g_strdup (b);
  start = strstr (without, "<previous ");
  if (start != NULL)
    {
      end = strstr (start, "/>") + 2;
      memmove (start, end, strlen (end) + 1);
    }
  {
    char *result = replace (without, "</sequence>", previous);

    g_free (without);
    return result;
  }
}

static DeskImportPlan *
import_ok (DeskStore  *store,
           const char *path,
           gboolean    force)
{
  g_autoptr(GError) error = NULL;
  DeskImportPlan *plan = desk_bundle_import (store, path, force, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static char *
table_digest (DeskStore *store)
{
  return test_sqlite_query (_desk_store_get_db (store),
                            "SELECT (SELECT group_concat (uuid || updated) FROM activities) || "
                            "(SELECT count (*) FROM tombstones) || "
                            "(SELECT group_concat (uuid || amount_minor) FROM expenses) || "
                            "(SELECT count (*) FROM imported_bundles) || "
                            "(SELECT group_concat (uuid) FROM members)");
}

/* Refused with a message holding @words, and the database left as it was. */
static void
assert_refused (DeskStore  *store,
                const char *path,
                gboolean    force,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *before = table_digest (store);
  g_autofree char *after = NULL;

  plan = desk_bundle_import (store, path, force, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” is not in “%s”", words, error->message);
  after = table_digest (store);
  g_assert_cmpstr (before, ==, after);
}

static DeskImportCount *
plan_kind (DeskImportPlan *plan,
           const char     *kind)
{
  for (guint i = 0; i < plan->counts->len; i++)
    if (g_str_equal (g_array_index (plan->counts, DeskImportCount, i).kind, kind))
      return &g_array_index (plan->counts, DeskImportCount, i);

  g_error ("no count for %s", kind);
  return NULL;
}

/* 2. One tombstone of a workplan must not silently delete everything under it. */
static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskStore) whole = open_file_store (f, "whole.db");
  g_autoptr(DeskImportPlan) dry = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autoptr(DeskImportPlan) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *two = NULL;
  g_autofree char *text = NULL;
  g_autofree char *only_workplan = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *crafted = NULL;
  const char *workplan = test_world_uuid (f->world, "workplan");
  GString *kept = g_string_new (NULL);
  const char *p;

  desk_import_plan_free (import_ok (dst, one, FALSE));
  desk_import_plan_free (import_ok (whole, one, FALSE));
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 1);

  test_set_now (f->src, "2026-11-25T12:00:00Z");
  /* Its expenses were reported in bundle 1: deleting them takes a reason. */
  desk_store_delete_with_reason (f->src, DESK_KIND_WORKPLAN, workplan, "Entered twice", &error);
  g_assert_no_error (error);
  two = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "2.gdbundle");

  /* The honest bundle names every deletion: children first, nothing by surprise. */
  plain = import_ok (whole, two, FALSE);
  g_assert_null (plain->cascade);
  g_assert_cmpuint (plan_kind (plain, "activity")->deleted, ==, 1);
  g_assert_cmpuint (plan_kind (plain, "workplan")->deleted, ==, 1);
  g_assert_cmpuint (desk_import_plan_total (plain, DESK_IMPORT_CASCADED), ==, 0);
  g_assert_cmpint (desk_store_count (whole, DESK_KIND_ACTIVITY, NULL), ==, 0);

  /* The crafted one keeps only the workplan's tombstone. */
  text = read_text (two);
  for (p = text; *p != '\0';)
    {
      const char *t = strstr (p, " <tombstone ");

      if (t == NULL)
        {
          g_string_append (kept, p);
          break;
        }
      g_string_append_len (kept, p, t - p);
      p = strstr (t, "/>") + 3;
      if (strstr (t, "kind=\"workplan\"") != NULL && strstr (t, "kind=\"workplan\"") < p)
        g_string_append_len (kept, t, p - t);
    }
  only_workplan = g_string_free (kept, FALSE);
  {
    g_autofree char *counted = set_count (only_workplan, "tombstone", "1");

    sealed = reseal (counted, "records");
  }
  crafted = write_bundle (f, "2-crafted.gdbundle", sealed);

  assert_refused (dst, crafted, FALSE, "does not name");
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 1);

  dry = desk_bundle_read_plan (dst, crafted, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dry->cascade);
  g_assert_cmpuint (plan_kind (dry, "activity")->cascaded, ==, 1);
  g_assert_cmpuint (plan_kind (dry, "deliverable")->cascaded, ==, 1);
  g_assert_cmpuint (desk_import_plan_total (dry, DESK_IMPORT_CASCADED), >=, 5);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 1);

  forced = import_ok (dst, crafted, TRUE);
  g_assert_cmpuint (desk_import_plan_total (forced, DESK_IMPORT_CASCADED),
                    ==, desk_import_plan_total (dry, DESK_IMPORT_CASCADED));
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 0);
}

/* 3 and 12: CDATA text is kept; whitespace is collapsed where the XSD type says so. */
static void
test_cdata_and_whitespace (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(DeskRecord) activity = NULL;
  g_autoptr(DeskRecord) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *text = read_text (one);
  g_autofree char *a = set_element (text, "<activity ", "title", "<![CDATA[before <b>]]> after");
  g_autofree char *b = replace (a, "<active>true</active>", "<active>\n  true </active>");
  g_autofree char *c = replace (b, "<amount_minor>30000</amount_minor>",
                                "<amount_minor> 30000\n</amount_minor>");
  g_autofree char *sealed = reseal (c, "records");
  g_autofree char *path = write_bundle (f, "cdata.gdbundle", sealed);
  g_autoptr(GPtrArray) reasons = NULL;

  g_assert_true (desk_bundle_validate_file (path, &reasons, &error));
  g_assert_no_error (error);
  plan = import_ok (dst, path, FALSE);
  activity = desk_store_get (dst, DESK_KIND_ACTIVITY, test_world_uuid (f->world, "activity"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (activity, "title_en"), ==, "before <b> after");
  member = desk_store_get (dst, DESK_KIND_MEMBER, test_world_uuid (f->world, "member"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_record_get_int (member, "active"), ==, 1);
}

/* 6: identifiers that differ only in case are the same record. */
static void
test_uuid_case (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *text = read_text (one);
  g_autofree char *next = as_next (text, one, 1);
  g_autofree char *upper = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *path = NULL;
  GString *s = g_string_new (NULL);
  const char *records = strstr (next, "<records>");

  /* Every identifier in the records in capitals. */
  g_string_append_len (s, next, records - next);
  for (const char *p = records; *p != '\0'; p++)
    {
      gboolean is_uuid = strlen (p) >= 36 && p[8] == '-' && p[13] == '-' && p[18] == '-' &&
                         p[23] == '-' && g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[35]);

      if (is_uuid)
        {
          for (int i = 0; i < 36; i++)
            g_string_append_c (s, g_ascii_toupper (p[i]));
          p += 35;
        }
      else
        g_string_append_c (s, *p);
    }
  upper = g_string_free (s, FALSE);
  sealed = reseal (upper, "records");
  path = write_bundle (f, "upper.gdbundle", sealed);

  desk_import_plan_free (import_ok (dst, one, FALSE));
  plan = import_ok (dst, path, FALSE);
  g_assert_cmpuint (desk_import_plan_total (plan, DESK_IMPORT_ADDED), ==, 0);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 1);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_BUDGET_LINE, NULL), ==, 1);
  g_assert_null (test_sqlite_query (_desk_store_get_db (dst),
                                    "SELECT uuid FROM activities WHERE uuid != lower (uuid)"));
}

/* 5 and 7: a bundle changes only its own group, and an identifier names one record. */
static void
test_other_group (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskStore) other_src = open_file_store (f, "other.db");
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  TestWorld *other = test_world_new (other_src, "NG-T");
  g_autofree char *a = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "a.gdbundle");
  g_autofree char *b = export_bundle (f, other_src, other->group, DESK_PRIVACY_NAMED, "b.gdbundle");
  g_autofree char *text = read_text (b);
  g_autofree char *line_of_a = g_strdup_printf ("<budget_line_uuid>%s</budget_line_uuid>",
                                                test_world_uuid (f->world, "budget_line"));
  g_autofree char *line_of_b = g_strdup_printf ("<budget_line_uuid>%s</budget_line_uuid>",
                                                test_world_uuid (other, "budget_line"));
  g_autofree char *stolen = replace (text, line_of_b, line_of_a);
  g_autofree char *sealed = reseal (stolen, "records");
  g_autofree char *path = write_bundle (f, "stolen.gdbundle", sealed);
  g_autofree char *clash = replace (text, test_world_uuid (other, "member"),
                                    test_world_uuid (f->world, "workplan"));
  g_autofree char *sealed_clash = reseal (clash, "records");
  g_autofree char *clash_path = write_bundle (f, "clash.gdbundle", sealed_clash);
  g_autoptr(GError) error = NULL;

  desk_import_plan_free (import_ok (dst, a, FALSE));
  assert_refused (dst, path, TRUE, "another group");
  assert_refused (dst, clash_path, TRUE, "identifier");

  /* validate runs the same checks: an expense whose line exists nowhere is refused
   * there too, not only at import. */
  g_assert_false (desk_bundle_validate_file (path, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);

  desk_import_plan_free (import_ok (dst, b, FALSE));
  test_world_free (other);
}

/* 9 and 10: numbers and times from a bundle are bounded. */
static void
test_bounds (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *text = read_text (one);
  g_autofree char *huge_seq = set_element (text, "<manifest", "sequence", "9223372036854775807");
  g_autofree char *p1 = write_bundle (f, "seq.gdbundle", huge_seq);
  g_autofree char *huge_count = set_count (text, "activity", "4294967297");
  g_autofree char *p2 = write_bundle (f, "count.gdbundle", huge_count);
  g_autofree char *future = replace (text, "updated=\"" TEST_NOW, "updated=\"2099-01-01T00:00:00Z");
  g_autofree char *future_sealed = reseal (future, "records");
  g_autofree char *p3 = write_bundle (f, "future.gdbundle", future_sealed);
  g_autofree char *created = set_element (text, "<manifest", "created", "2099-01-01T00:00:00Z");
  g_autofree char *p4 = write_bundle (f, "created.gdbundle", created);
  g_autofree char *rate = replace (text, "<rate_mantissa>1550</rate_mantissa>",
                                   "<rate_mantissa>1000000000000000000</rate_mantissa>");
  g_autofree char *rate_sealed = reseal (rate, "records");
  g_autofree char *p5 = write_bundle (f, "rate.gdbundle", rate_sealed);
  g_autofree char *refund = replace (text, "<amount_minor>30000</amount_minor>",
                                     "<amount_minor>-9223372036854775808</amount_minor>");
  g_autofree char *refund_sealed = reseal (refund, "records");
  g_autofree char *p6 = write_bundle (f, "refund.gdbundle", refund_sealed);
  g_autofree char *fifo = fixture_path (f, "fifo.gdbundle");
  g_autofree char *sparse = fixture_path (f, "sparse.gdbundle");
  g_autoptr(GError) error = NULL;
  int fd;

  assert_refused (dst, p1, TRUE, "1 to 1,000,000");
  assert_refused (dst, p2, TRUE, "4294967297");
  assert_refused (dst, p3, TRUE, "after the bundle was exported");
  assert_refused (dst, p4, TRUE, "clock");
  /* 8: a rate or an amount no sum could hold is refused before it is stored. */
  assert_refused (dst, p5, TRUE, "rate");
  assert_refused (dst, p6, TRUE, "-9223372036854775808");

  /* Only regular files of at most 512 MB are read: a FIFO never blocks, a sparse file of
   * 20 GB is refused before it is mapped. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (desk_bundle_import (dst, fifo, FALSE, TRUE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  fd = g_open (sparse, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (20) << 30), ==, 0);
  close (fd);
  g_assert_null (desk_bundle_import (dst, sparse, FALSE, TRUE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 0);
}

/* 11: the chain's "previous" is checked: a fork is refused, a gap is said. */
static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(DeskStore) gap_store = open_file_store (f, "gap.db");
  g_autoptr(DeskImportPlan) gap = NULL;
  g_autoptr(DeskImportPlan) forced = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *two = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "2.gdbundle");
  g_autofree char *three = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "3.gdbundle");
  g_autofree char *text = read_text (two);
  g_autofree char *fork_text = as_next (text, one, 2);
  g_autofree char *fork = write_bundle (f, "fork.gdbundle", fork_text);

  desk_import_plan_free (import_ok (dst, one, FALSE));
  desk_import_plan_free (import_ok (dst, two, FALSE));
  assert_refused (dst, fork, FALSE, "fork");
  forced = import_ok (dst, fork, TRUE);

  desk_import_plan_free (import_ok (gap_store, one, FALSE));
  gap = import_ok (gap_store, three, FALSE);
  g_assert_nonnull (gap->gap);
  {
    const char *p = strstr (text, "<sequence>") + strlen ("<sequence>");
    g_autofree char *number = g_strndup (p, strcspn (p, "<"));
    gboolean named = FALSE;

    /* Bundle two is the one never received: its number stands alone in the sentence. */
    for (const char *q = gap->gap; (q = strstr (q, number)) != NULL; q++)
      named |= (q == gap->gap || !g_ascii_isdigit (q[-1])) &&
               !g_ascii_isdigit (q[strlen (number)]);
    g_assert_true (named);
  }
}

/* 20 and 21: a DOCTYPE anywhere before the root; other encodings; a prefix for our
 * namespace is the same namespace. */
static void
test_parser (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DeskStore) dst = open_file_store (f, "dst.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *one = export_bundle (f, f->src, f->world->group, DESK_PRIVACY_NAMED, "1.gdbundle");
  g_autofree char *text = read_text (one);
  g_autofree char *comment = g_strnfill (70000, 'x');
  g_autofree char *prolog = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                             "<!--%s-->\n<!DOCTYPE bundle [<!ENTITY e "
                                             "\"expanded\">]>\n<bundle", comment);
  g_autofree char *doctype = replace (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bundle",
                                      prolog);
  g_autofree char *doctype_path = write_bundle (f, "doctype.gdbundle", doctype);
  g_autofree char *prefixed = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *prefixed_path = NULL;
  g_autofree char *utf32_path = fixture_path (f, "utf32.gdbundle");
  static const char utf32[] = "\xff\xfe\x00\x00<\x00\x00\x00?\x00\x00\x00";

  assert_refused (dst, doctype_path, TRUE, "DOCTYPE");

  g_assert_true (g_file_set_contents (utf32_path, utf32, sizeof utf32 - 1, NULL));
  g_assert_false (desk_bundle_validate_file (utf32_path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "UTF-32"));
  g_clear_error (&error);

  /* Every element of ours under the prefix "b:". */
  {
    g_autofree char *a = replace (text, "xmlns=\"", "xmlns:b=\"");
    GString *s = g_string_new (NULL);

    for (const char *p = a; *p != '\0'; p++)
      {
        g_string_append_c (s, *p);
        if (*p == '<' && (g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2]))) &&
            !g_str_has_prefix (p + 1, "xml"))
          {
            if (p[1] == '/')
              {
                g_string_append_c (s, '/');
                p++;
              }
            g_string_append (s, "b:");
          }
      }
    prefixed = g_string_free (s, FALSE);
  }
  sealed = reseal (prefixed, "b:records");
  prefixed_path = write_bundle (f, "prefixed.gdbundle", sealed);
  g_assert_true (desk_bundle_validate_file (prefixed_path, NULL, &error));
  g_assert_no_error (error);
  plan = import_ok (dst, prefixed_path, FALSE);
  g_assert_cmpint (desk_store_count (dst, DESK_KIND_ACTIVITY, NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/bundle/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cascade", test_cascade);
  ADD ("cdata-and-whitespace", test_cdata_and_whitespace);
  ADD ("uuid-case", test_uuid_case);
  ADD ("other-group", test_other_group);
  ADD ("bounds", test_bounds);
  ADD ("chain", test_chain);
  ADD ("parser", test_parser);
#undef ADD

  return g_test_run ();
}
