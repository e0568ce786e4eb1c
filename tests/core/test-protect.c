/* test-protect.c — people's names sealed at rest: nothing left behind, locked and
 * unlocked, the recovery key, a changed passphrase, tampering, bundles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-protect-private.h"

#define PASSPHRASE "correct horse battery staple"
#define OTHER_PASSPHRASE "a different long passphrase"

typedef struct
{
  char *dir;
  char *path;
  DeskStore *store;
  char *group;
  GPtrArray *secrets;   /* every personal value of the sample group, as typed */
  GPtrArray *names;     /* the people's names, in the order the store lists them */
} Fixture;

static void
add_secret (Fixture    *f,
            const char *value)
{
  /* Short values ("" or a code) would be found by chance; names, phones and e-mails not. */
  if (value != NULL && strlen (value) >= 6)
    g_ptr_array_add (f->secrets, g_strdup (value));
}

static void
collect_secrets (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = desk_store_list (f->store, DESK_KIND_PERSON, NULL, &error);
  g_autoptr(GPtrArray) members = desk_store_list (f->store, DESK_KIND_MEMBER, NULL, &error);
  g_autoptr(GPtrArray) nominations = desk_store_list (f->store, DESK_KIND_NOMINATION, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 10);
  for (guint i = 0; i < people->len; i++)
    {
      DeskRecord *p = g_ptr_array_index (people, i);

      add_secret (f, desk_record_get_string (p, "name"));
      add_secret (f, desk_record_get_string (p, "phone"));
      add_secret (f, desk_record_get_string (p, "email"));
      g_ptr_array_add (f->names, g_strdup (desk_record_get_string (p, "name")));
    }
  for (guint i = 0; i < members->len; i++)
    {
      DeskRecord *m = g_ptr_array_index (members, i);

      add_secret (f, desk_record_get_string (m, "contact_name"));
      add_secret (f, desk_record_get_string (m, "contact_email"));
      add_secret (f, desk_record_get_string (m, "contact_phone"));
    }
  for (guint i = 0; i < nominations->len; i++)
    add_secret (f, desk_record_get_string (g_ptr_array_index (nominations, i), "notes"));
  g_assert_cmpuint (f->secrets->len, >, people->len);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "group.db", NULL);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, TEST_NOW);
  f->group = desk_demo_fill (f->store, &error);
  g_assert_no_error (error);
  f->secrets = g_ptr_array_new_with_free_func (g_free);
  f->names = g_ptr_array_new_with_free_func (g_free);
  collect_secrets (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->secrets, g_ptr_array_unref);
  g_clear_pointer (&f->names, g_ptr_array_unref);
  g_free (f->group);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
protect (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *recovery = desk_store_protect (f->store, PASSPHRASE, desk_kdf_cost_fastest (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_UNLOCKED);
  return recovery;
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, TEST_NOW);
}

static gboolean
bytes_hold (const char *data,
            gsize       len,
            const char *needle,
            gsize       n)
{
  for (gsize i = 0; n > 0 && i + n <= len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle is in @path's bytes, in UTF-8, UTF-16LE or UTF-16BE. */
static gboolean
file_holds (const char *path,
            const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  if (bytes_hold (data, len, needle, strlen (needle)))
    return TRUE;
  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      gsize n = 0;
      g_autofree char *wide = g_convert (needle, -1, encodings[e], "UTF-8", NULL, &n, NULL);

      g_assert_nonnull (wide);
      if (bytes_hold (data, len, wide, n))
        return TRUE;
    }
  return FALSE;
}

/* The database, its companions, every upgrade copy beside it and every file under its
 * backups folder. */
static GPtrArray *
files_of_database (Fixture *f)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *backups = g_strconcat (f->path, ".backups", NULL);
  GDir *dir;
  const char *name;

  for (dir = g_dir_open (f->dir, 0, NULL); dir != NULL && (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  g_clear_pointer (&dir, g_dir_close);
  for (dir = g_dir_open (backups, 0, NULL); dir != NULL && (name = g_dir_read_name (dir)) != NULL;)
    g_ptr_array_add (files, g_build_filename (backups, name, NULL));
  g_clear_pointer (&dir, g_dir_close);

  return files;
}

static guint
count_leaks (Fixture *f)
{
  g_autoptr(GPtrArray) files = files_of_database (f);
  guint leaks = 0;

  for (guint i = 0; i < files->len; i++)
    for (guint j = 0; j < f->secrets->len; j++)
      if (file_holds (g_ptr_array_index (files, i), g_ptr_array_index (f->secrets, j)))
        {
          g_test_message ("%s holds “%s”", (char *) g_ptr_array_index (files, i),
                          (char *) g_ptr_array_index (f->secrets, j));
          leaks++;
        }
  return leaks;
}

static void
assert_names_read (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = desk_store_list (f->store, DESK_KIND_PERSON, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, f->names->len);
  /* The same names in the same order (the folded name's), opened in memory. */
  for (guint i = 0; i < people->len; i++)
    {
      DeskRecord *p = g_ptr_array_index (people, i);

      g_assert_cmpint (desk_record_get_seal (p), ==, DESK_SEAL_OPEN);
      g_assert_cmpstr (desk_record_get_string (p, "name"), ==, g_ptr_array_index (f->names, i));
    }
}

#define SHEET_NAME "Attendance-Abena-Sarpong-Mensah.txt"
#define SHEET_CAPTION "Signed by Yaw Darko-Frimpong"

/* The sheet's text: a line no other value holds, many times (several pieces). */
static GString *
sheet_text (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < 200000; i++)
    g_string_append_printf (text, "%05u Nana Akosua Agyeiwaa-Boakye +233 27 555 0%03u signed\n",
                            i, i % 1000);
  return text;
}

/* A workshop's sign-in sheet, personal, attached before protection is turned on; its
 * name, caption, a line of its text and its SHA-256 join the secrets. */
static DeskAttachment *
attach_personal_sheet (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, SHEET_NAME, NULL);
  g_autofree char *workshop = test_sqlite_query (_desk_store_get_db (f->store),
                                                 "SELECT uuid FROM workshops LIMIT 1");
  g_autoptr(GString) text = sheet_text ();
  DeskAttachment *sheet;

  g_assert_true (g_file_set_contents (file, text->str, (gssize) text->len, NULL));
  sheet = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, workshop, file, SHEET_CAPTION,
                               DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sheet->personal);
  /* Only the database's copy may be found beside it. */
  g_unlink (file);
  g_ptr_array_add (f->secrets, g_strdup ("Attendance-Abena-Sarpong-Mensah"));
  g_ptr_array_add (f->secrets, g_strdup (SHEET_CAPTION));
  g_ptr_array_add (f->secrets, g_strdup ("Nana Akosua Agyeiwaa-Boakye"));
  g_ptr_array_add (f->secrets, g_strdup (sheet->sha256));
  return sheet;
}

static void
assert_sheet_reads (Fixture        *f,
                    DeskAttachment *sheet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = sheet_text ();
  g_autoptr(DeskAttachment) got = desk_attachment_get (f->store, sheet->uuid, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, SHEET_NAME);
  g_assert_cmpstr (got->caption, ==, SHEET_CAPTION);
  g_assert_cmpstr (got->sha256, ==, sheet->sha256);
  g_assert_true (desk_attachment_write_to_stream (f->store, sheet->uuid, memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text->str, text->len);
}

static void
test_nothing_left_behind (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *upgrade_copy = g_strconcat (f->path, ".v3.backup", NULL);
  g_autoptr(DeskSecret) recovery = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(DeskAttachment) sheet = NULL;

  /* A file holding personal data, its name, caption, bytes and SHA-256 secrets too. */
  sheet = attach_personal_sheet (f);

  /* Plain names everywhere first: a backup, an upgrade copy, the WAL. */
  daily = desk_backup_daily (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (daily);
  g_assert_true (desk_store_backup (f->store, upgrade_copy, &error) || error != NULL);
  g_clear_error (&error);
  if (!g_file_test (upgrade_copy, G_FILE_TEST_EXISTS))
    {
      /* The output check refuses our own names for copies: make it as an upgrade would. */
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (daily, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (upgrade_copy, contents, (gssize) len, NULL));
    }
  g_assert_cmpuint (count_leaks (f), >, 0);

  recovery = protect (f);
  g_assert_cmpuint (count_leaks (f), ==, 0);
  g_assert_false (g_file_test (upgrade_copy, G_FILE_TEST_EXISTS));

  /* A backup of the protected state was made again, and it is sealed too. */
  files = files_of_database (f);
  {
    g_autoptr(GPtrArray) backups = desk_backup_list (f->store);

    g_assert_cmpuint (backups->len, ==, 1);
  }

  /* Still unlocked, the same names in the same order, read from memory. */
  assert_names_read (f);

  /* Written after: a new person is sealed too, in the database and the WAL. */
  {
    g_autoptr(DeskRecord) p = test_add (f->store, DESK_KIND_PERSON, f->group,
                                        "name", "Kwabena Asante-Darko", "gender", "man",
                                        "phone", "+233 24 555 0199", NULL);

    g_ptr_array_add (f->secrets, g_strdup ("Kwabena Asante-Darko"));
    g_ptr_array_add (f->secrets, g_strdup ("+233 24 555 0199"));
    g_assert_cmpuint (count_leaks (f), ==, 0);
  }

  /* Closed and opened again, nothing is in plain text either; the file reads back. */
  reopen (f);
  g_assert_cmpuint (count_leaks (f), ==, 0);
  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  assert_sheet_reads (f, sheet);
}

/* Killed after the names were sealed but before the old copies were cleared: the next
 * open clears them. */
static void
test_cut_short (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *daily = desk_backup_daily (f->store, &error);
  g_autofree char *old_copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (daily, &contents, &len, NULL));
  recovery = protect (f);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT scrub_pending FROM protection"), ==, 0);

  /* As if the clean-up had not run: pending, and a plain backup still there. */
  test_sqlite_exec (_desk_store_get_db (f->store), "UPDATE protection SET scrub_pending = 1");
  g_clear_object (&f->store);
  old_copy = g_build_filename (f->dir, "group.db.backups", "before-import-20261124T100000Z.db", NULL);
  g_assert_true (g_file_set_contents (old_copy, contents, (gssize) len, NULL));
  g_assert_cmpuint (count_leaks (f), >, 0);

  reopen (f);
  g_assert_cmpuint (count_leaks (f), ==, 0);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT scrub_pending FROM protection"), ==, 0);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) workplans = NULL;
  g_autoptr(DeskRecord) stranger = NULL;
  g_autofree char *label = NULL;
  DeskRecord *first;
  gint64 before;

  reopen (f);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);
  g_assert_false (desk_store_names_readable (f->store));
  g_assert_false (desk_store_require_names (f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);

  /* Workplans read as ever; people are there, counted, with their names locked. */
  workplans = desk_store_list (f->store, DESK_KIND_WORKPLAN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workplans->len, >, 0);
  people = desk_store_list (f->store, DESK_KIND_PERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, f->names->len);
  first = g_ptr_array_index (people, 0);
  g_assert_cmpint (desk_record_get_seal (first), ==, DESK_SEAL_LOCKED);
  g_assert_null (desk_record_get_string (first, "name"));
  /* An empty field stays empty (its size, nothing, is not hidden). */
  g_assert_true (desk_record_get_string (first, "phone") == NULL ||
                 desk_record_get_string (first, "phone")[0] == '\0');
  g_assert_nonnull (desk_record_get_string (first, "gender"));
  label = desk_record_dup_label (first);
  g_assert_cmpstr (label, ==, "Name locked");

  /* What is not a name can be changed; the name stays as it was stored. */
  desk_record_set_string (first, "gender", "woman");
  g_assert_true (desk_store_update (f->store, first, &error));
  g_assert_no_error (error);

  /* A name cannot be written: refused, nothing written. */
  before = desk_store_count (f->store, DESK_KIND_PERSON, NULL);
  stranger = test_record_new (DESK_KIND_PERSON, f->group, "name", "Yaw Boateng", "gender", "man", NULL);
  g_assert_false (desk_store_insert (f->store, stranger, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_PERSON, NULL), ==, before);
  g_assert_null (desk_store_find_person (f->store, f->group, g_ptr_array_index (f->names, 0), NULL));

  /* Matching people by name needs names: the check-in and a sign-in sheet ask for them. */
  {
    g_autofree char *workshop = test_sqlite_query (_desk_store_get_db (f->store),
                                                   "SELECT uuid FROM workshops LIMIT 1");
    const char *csv = "Name,Organisation\nYaw Boateng,Ghana Police Service\n";
    g_autoptr(GBytes) sheet = g_bytes_new_static (csv, strlen (csv));
    g_autoptr(DeskRecord) walk_in = test_record_new (DESK_KIND_PERSON, f->group, "name", "Yaw Boateng",
                                                     "gender", "man", NULL);
    g_autoptr(DeskRecord) checked = NULL;
    DeskSigninPlan *plan;
    gboolean matched = FALSE;

    plan = desk_signin_plan_new (f->store, workshop, sheet, NULL, &error);
    g_assert_null (plan);
    g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
    g_clear_error (&error);
    checked = desk_attendance_check_in_person (f->store, workshop, walk_in, &matched, &error);
    g_assert_null (checked);
    g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
    g_clear_error (&error);
    g_assert_cmpint (desk_store_count (f->store, DESK_KIND_PERSON, NULL), ==, before);
  }

  /* A wrong passphrase: said, still locked. */
  g_assert_false (desk_store_unlock (f->store, OTHER_PASSPHRASE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "Wrong passphrase"));
  g_clear_error (&error);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);

  /* The right one: every name back, the changed gender kept. */
  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_names_read (f);
  {
    g_autoptr(DeskRecord) again = desk_store_get (f->store, DESK_KIND_PERSON,
                                                  desk_record_get_uuid (first), &error);

    g_assert_cmpstr (desk_record_get_string (again, "gender"), ==, "woman");
    g_assert_nonnull (desk_record_get_string (again, "name"));
  }

  /* Duplicate detection and search find people by their opened names. */
  {
    g_autoptr(GPtrArray) similar = desk_people_find_similar (f->store, f->group,
                                                             g_ptr_array_index (f->names, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, >=, 1);
  }

  /* Someone added by another connection (the CLI while the app is open) is found too:
   * the names in memory follow the database. */
  {
    g_autoptr(DeskStore) other = desk_store_open (f->path, &error);
    g_autoptr(DeskRecord) added = NULL;
    g_autoptr(DeskRecord) found = NULL;
    g_autoptr(GPtrArray) similar = NULL;

    g_assert_no_error (error);
    g_assert_true (desk_store_unlock (other, PASSPHRASE, &error));
    added = test_add (other, DESK_KIND_PERSON, f->group, "name", "Nana Akufo-Test", "gender", "man", NULL);
    found = desk_store_find_person (f->store, f->group, "nana akufo-test", NULL);
    g_assert_nonnull (found);
    g_assert_cmpstr (desk_record_get_uuid (found), ==, desk_record_get_uuid (added));
    similar = desk_people_find_similar (f->store, f->group, "Nana Akufo-Tesd", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 1);
    g_assert_true (desk_store_delete (other, DESK_KIND_PERSON, desk_record_get_uuid (added), &error));
    g_clear_object (&found);
    found = desk_store_find_person (f->store, f->group, "Nana Akufo-Test", NULL);
    g_assert_null (found);
  }

  /* Locking on demand forgets the key. */
  desk_store_lock (f->store);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);
  {
    g_autoptr(DeskRecord) again = desk_store_get (f->store, DESK_KIND_PERSON,
                                                  desk_record_get_uuid (first), &error);

    g_assert_cmpint (desk_record_get_seal (again), ==, DESK_SEAL_LOCKED);
  }
}

static void
test_recovery_key (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autofree char *typed = NULL;
  g_autofree char *mistyped = NULL;
  g_autoptr(DeskKey) other = _desk_key_new_random ();
  g_autoptr(DeskSecret) other_text = _desk_key_format_recovery (other);

  /* 14 groups of 4 base32 characters. */
  g_assert_cmpuint (strlen (recovery), ==, 14 * 4 + 13);
  for (guint i = 0; recovery[i] != '\0'; i++)
    g_assert_true (i % 5 == 4 ? recovery[i] == '-' : g_ascii_isalnum (recovery[i]));

  reopen (f);

  /* Typed without dashes and in small letters, it still unlocks… */
  typed = g_ascii_strdown (recovery, -1);
  for (char *p = typed; *p != '\0'; p++)
    if (*p == '-')
      *p = ' ';
  g_assert_true (desk_store_unlock_with_recovery_key (f->store, typed, &error));
  g_assert_no_error (error);
  assert_names_read (f);
  desk_store_lock (f->store);

  /* …one character wrong is caught by its checksum and said… */
  mistyped = g_strdup (recovery);
  mistyped[0] = mistyped[0] == 'A' ? 'B' : 'A';
  g_assert_false (desk_store_unlock_with_recovery_key (f->store, mistyped, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "mistyped"));
  g_clear_error (&error);

  /* …and another database's key is not this one's. */
  g_assert_false (desk_store_unlock_with_recovery_key (f->store, other_text, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "not the one of this database"));
  g_clear_error (&error);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_LOCKED);
}

static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  before = test_sqlite_query (_desk_store_get_db (f->store), "SELECT name FROM people ORDER BY uuid LIMIT 1");

  /* Too short: refused, the old passphrase still the one. */
  g_assert_false (desk_store_change_passphrase (f->store, "short", desk_kdf_cost_fastest (), &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_change_passphrase (f->store, OTHER_PASSPHRASE, desk_kdf_cost_fastest (), &error));
  g_assert_no_error (error);

  /* Only the key's wrapping changed: the sealed values are the same bytes. */
  after = test_sqlite_query (_desk_store_get_db (f->store), "SELECT name FROM people ORDER BY uuid LIMIT 1");
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_str_has_prefix (after, "v1:"));

  reopen (f);
  g_assert_false (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (desk_store_unlock (f->store, OTHER_PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_names_read (f);
  desk_store_lock (f->store);
  g_assert_true (desk_store_unlock_with_recovery_key (f->store, recovery, &error));
  g_assert_no_error (error);

  /* Locked, the passphrase cannot be changed. */
  desk_store_lock (f->store);
  g_assert_false (desk_store_change_passphrase (f->store, PASSPHRASE, desk_kdf_cost_fastest (), &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
}

static void
test_unprotect (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  sqlite3 *db;

  reopen (f);
  /* Locked, protection cannot be turned off. */
  g_assert_false (desk_store_unprotect (f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);

  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_true (desk_store_unprotect (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_OFF);
  assert_names_read (f);

  db = _desk_store_get_db (f->store);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM protection"), ==, 0);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM people WHERE name LIKE 'v1:%'"), ==, 0);

  /* Opened again, names are plain: nothing to unlock. */
  reopen (f);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_OFF);
  g_assert_false (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  assert_names_read (f);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) workplans = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = _desk_store_get_db (f->store);
  guint damaged = 0;

  /* Two people's sealed names swapped: neither opens, since each is bound to its record. */
  a = test_sqlite_query (db, "SELECT uuid FROM people ORDER BY uuid LIMIT 1");
  b = test_sqlite_query (db, "SELECT uuid FROM people ORDER BY uuid LIMIT 1 OFFSET 1");
  sql = g_strdup_printf ("UPDATE people SET name = (SELECT name FROM people WHERE uuid = '%s'), "
                         "phone = name WHERE uuid = '%s'", b, a);
  test_sqlite_exec (db, sql);
  reopen (f);
  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_no_error (error);

  people = desk_store_list (f->store, DESK_KIND_PERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, f->names->len);
  for (guint i = 0; i < people->len; i++)
    {
      DeskRecord *p = g_ptr_array_index (people, i);

      if (desk_record_get_seal (p) == DESK_SEAL_OPEN)
        continue;
      damaged++;
      g_assert_cmpstr (desk_record_get_uuid (p), ==, a);
      g_assert_cmpint (desk_record_get_seal (p), ==, DESK_SEAL_DAMAGED);
      g_assert_null (desk_record_get_string (p, "name"));
      g_assert_null (desk_record_get_string (p, "phone"));
      /* What verified still reads. */
      g_assert_nonnull (desk_record_get_string (p, "gender"));
      {
        g_autofree char *label = desk_record_dup_label (p);
        g_assert_cmpstr (label, ==, "Name cannot be read");
      }
    }
  g_assert_cmpuint (damaged, ==, 1);
  workplans = desk_store_list (f->store, DESK_KIND_WORKPLAN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workplans->len, >, 0);

  /* Turning protection off refuses rather than write a value it cannot read. */
  g_assert_false (desk_store_unprotect (f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_UNLOCKED);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store), "SELECT count(*) FROM protection"), ==, 1);
}

static void
test_damaged_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autofree char *digest = NULL;

  reopen (f);
  test_sqlite_exec (_desk_store_get_db (f->store),
                    "UPDATE protection SET key_by_passphrase = "
                    "CASE substr (key_by_passphrase, 1, 1) WHEN 'A' THEN 'B' ELSE 'A' END || "
                    "substr (key_by_passphrase, 2)");
  g_clear_object (&f->store);
  digest = test_file_digest (f->path);
  reopen (f);

  g_assert_false (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_false (desk_store_unlock_with_recovery_key (f->store, recovery, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_DAMAGED);
  g_clear_error (&error);

  /* The rest reads; nothing was written. */
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_WORKPLAN, NULL), >, 0);
  g_clear_object (&f->store);
  {
    g_autofree char *again = test_file_digest (f->path);
    g_assert_cmpstr (again, ==, digest);
  }
}

static void
test_bundles (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = protect (f);
  g_autofree char *named = g_build_filename (f->dir, "named.gdbundle", NULL);
  g_autofree char *aggregate = g_build_filename (f->dir, "aggregate.gdbundle", NULL);
  g_autofree char *consenting = NULL;
  const char *from = "2026-01-01";
  const char *to = "2026-12-31";

  consenting = test_sqlite_query (_desk_store_get_db (f->store),
                                  "SELECT uuid FROM people WHERE consent_named = 1 LIMIT 1");

  /* Unlocked, a named bundle names (the coordinator chose to). */
  g_assert_true (desk_bundle_export (f->store, f->group, from, to, DESK_PRIVACY_NAMED, named, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DeskRecord) p = desk_store_get (f->store, DESK_KIND_PERSON, consenting, &error);
    g_assert_true (file_holds (named, desk_record_get_string (p, "name")));
  }
  g_assert_false (file_holds (named, "v1:"));

  /* Locked: a named bundle asks for the passphrase; an aggregate one is written. */
  desk_store_lock (f->store);
  g_unlink (named);
  g_assert_false (desk_bundle_export (f->store, f->group, from, to, DESK_PRIVACY_NAMED, named, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_false (g_file_test (named, G_FILE_TEST_EXISTS));
  g_assert_true (desk_bundle_export (f->store, f->group, from, to, DESK_PRIVACY_AGGREGATE, aggregate, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < f->secrets->len; i++)
    g_assert_false (file_holds (aggregate, g_ptr_array_index (f->secrets, i)));
}

/* A named bundle from another laptop, imported into a protected database: its names are
 * sealed as they are written; locked, the import is refused whole. */
static void
test_import_seals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *bundle = g_build_filename (f->dir, "other.gdbundle", NULL);
  g_autoptr(DeskStore) other = desk_store_open (other_path, &error);
  g_autoptr(DeskSecret) recovery = NULL;
  g_autoptr(DeskImportPlan) refused = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *other_group = NULL;
  g_autofree char *backups = g_strconcat (f->path, ".backups", NULL);
  g_autofree char *sql = NULL;
  gint64 people;

  g_assert_no_error (error);
  test_set_now (other, TEST_NOW);
  other_group = desk_demo_fill (other, &error);
  g_assert_no_error (error);
  test_sqlite_exec (_desk_store_get_db (other), "UPDATE people SET consent_named = 1");
  g_assert_true (desk_bundle_export (other, other_group, "2026-01-01", "2026-12-31",
                                     DESK_PRIVACY_NAMED, bundle, &error));
  g_assert_no_error (error);
  g_clear_object (&other);

  /* Into a protected database of its own (the sample group is one group per database). */
  g_clear_object (&f->store);
  g_unlink (f->path);
  test_rm_rf (backups);
  f->store = desk_store_open (f->path, &error);
  g_assert_no_error (error);
  test_set_now (f->store, TEST_NOW);
  recovery = protect (f);

  reopen (f);
  refused = desk_bundle_import (f->store, bundle, FALSE, FALSE, &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (desk_store_count (f->store, DESK_KIND_PERSON, NULL), ==, 0);

  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  plan = desk_bundle_import (f->store, bundle, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  people = desk_store_count (f->store, DESK_KIND_PERSON, NULL);
  g_assert_cmpint (people, >, 10);
  sql = g_strdup ("SELECT count(*) FROM people WHERE name LIKE 'v1:%' AND name_key LIKE 'v1:%'");
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store), sql), ==, people);
  assert_names_read (f);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The app's way: the key derived on a worker, the database touched only here. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  g_autoptr(DeskStore) worker = NULL;
  GAsyncResult *result = NULL;

  /* Refused before any work: too short. */
  desk_store_protect_async (f->store, "short", desk_kdf_cost_fastest (), NULL, got_result, &result);
  g_assert_null (desk_store_protect_finish (f->store, wait_for_result (&result), &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (desk_store_get_protection (f->store), ==, DESK_PROTECTION_OFF);

  desk_store_protect_async (f->store, PASSPHRASE, desk_kdf_cost_fastest (), NULL, got_result, &result);
  recovery = desk_store_protect_finish (f->store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_clear_object (&result);
  g_assert_cmpuint (count_leaks (f), ==, 0);

  desk_store_lock (f->store);
  desk_store_unlock_async (f->store, OTHER_PASSPHRASE, FALSE, NULL, got_result, &result);
  g_assert_false (desk_store_unlock_finish (f->store, wait_for_result (&result), &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_clear_object (&result);
  desk_store_unlock_async (f->store, recovery, TRUE, NULL, got_result, &result);
  g_assert_true (desk_store_unlock_finish (f->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_names_read (f);

  desk_store_change_passphrase_async (f->store, OTHER_PASSPHRASE, desk_kdf_cost_fastest (), NULL,
                                      got_result, &result);
  g_assert_true (desk_store_change_passphrase_finish (f->store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A worker's own connection takes the window's key, and reads names. */
  worker = desk_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (worker), ==, DESK_PROTECTION_LOCKED);
  g_assert_true (desk_store_unlock_like (worker, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_protection (worker), ==, DESK_PROTECTION_UNLOCKED);
  {
    g_autoptr(GPtrArray) people = desk_store_list (worker, DESK_KIND_PERSON, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (desk_record_get_string (g_ptr_array_index (people, 0), "name"), ==,
                     g_ptr_array_index (f->names, 0));
  }
  /* Not from a locked one. */
  desk_store_lock (worker);
  desk_store_lock (f->store);
  g_assert_false (desk_store_unlock_like (worker, f->store, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
}

/* Personal files are sealed with the names: protection turned on with one stored seals
 * it, a protected database takes new ones (sealed) while unlocked and refuses them while
 * locked, and turning protection off gives the same file back in plain text. */
static void
test_personal_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "sheet.txt", NULL);
  g_autofree char *workshop = test_sqlite_query (_desk_store_get_db (f->store),
                                                 "SELECT uuid FROM workshops LIMIT 1");
  g_autoptr(DeskAttachment) sheet = attach_personal_sheet (f);
  g_autoptr(DeskAttachment) later = NULL;
  g_autoptr(DeskAttachment) refused = NULL;
  g_autoptr(DeskAttachment) report = NULL;
  g_autoptr(DeskSecret) recovery = NULL;

  recovery = protect (f);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT count(*) FROM attachment_blobs WHERE sealed_sha256 IS NOT NULL"), ==, 1);
  assert_sheet_reads (f, sheet);

  g_assert_true (g_file_set_contents (file, "Signed: Ama Owusu-Ansah, Kofi Boateng\n", -1, NULL));
  later = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, workshop, file, NULL,
                               DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (later->personal);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT count(*) FROM attachment_blobs WHERE sealed_sha256 IS NOT NULL"), ==, 2);

  /* Locked: a personal file is refused and nothing is stored; one marked as holding no
   * personal data is taken. */
  desk_store_lock (f->store);
  refused = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, workshop, file, NULL,
                                 DESK_ATTACHMENT_PERSONAL_DEFAULT, &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store), "SELECT count(*) FROM attachments"), ==, 2);
  report = desk_attachment_add (f->store, DESK_KIND_WORKSHOP, workshop, file, "agenda",
                                DESK_ATTACHMENT_PERSONAL_NO, &error);
  g_assert_no_error (error);
  g_assert_false (report->personal);

  /* Off again: the sheet in plain text, the same bytes. */
  g_assert_true (desk_store_unlock (f->store, PASSPHRASE, &error));
  g_assert_true (desk_store_unprotect (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (f->store),
                                    "SELECT count(*) FROM attachment_blobs WHERE sealed_sha256 IS NOT NULL"), ==, 0);
  assert_sheet_reads (f, sheet);
}

static void
test_vulnerable_groups_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(DeskStore) store = desk_store_open (path, &error);
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskRecord) person = NULL;
  g_autoptr(DeskRecord) again = NULL;
  const char *codes[] = { "indigenous", "youth", NULL };
  sqlite3 *db;

  g_assert_no_error (error);
  group = test_add (store, DESK_KIND_GROUP, NULL, "code", "GH", "name_en", "G", "country", "GH",
                    "currency", "GHS", NULL);
  person = test_record_new (DESK_KIND_PERSON, desk_record_get_uuid (group), "name", "Efua Mensah",
                            "gender", "woman", NULL);
  desk_record_set_set (person, "vulnerable_groups", codes);
  g_assert_true (desk_store_insert (store, person, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* As version 3 kept them: rows of a join table. */
  db = test_sqlite_open (path);
  test_sqlite_undo_migration_4 (db);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO person_vulnerable_groups VALUES "
                                            "('%1$s', '%2$s'), ('%1$s', '%3$s'); "
                                            "PRAGMA user_version = 3;",
                                            desk_record_get_uuid (person), codes[1], codes[0]);
    test_sqlite_exec (db, sql);
  }
  sqlite3_close (db);

  store = desk_store_open (path, &error);
  g_assert_no_error (error);
  again = desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (person), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (desk_record_get_set (again, "vulnerable_groups"), codes);
  g_clear_object (&store);
  test_rm_rf (dir);
}

static void
test_passphrase_rules (void)
{
  g_autoptr(GError) error = NULL;
  const char *hint = NULL;

  g_assert_cmpint (desk_passphrase_strength ("short", &hint), ==, DESK_PASSPHRASE_TOO_SHORT);
  g_assert_nonnull (hint);
  g_assert_cmpint (desk_passphrase_strength ("aaaaaaaaaaaa", NULL), ==, DESK_PASSPHRASE_WEAK);
  g_assert_cmpint (desk_passphrase_strength ("password", NULL), ==, DESK_PASSPHRASE_WEAK);
  g_assert_cmpint (desk_passphrase_strength ("Kumasi rain 2026!", NULL), >=, DESK_PASSPHRASE_FAIR);
  g_assert_cmpint (desk_passphrase_strength ("river lantern copper seven mango", NULL), ==,
                   DESK_PASSPHRASE_STRONG);

  g_assert_false (desk_passphrase_check ("seven", NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_passphrase_check (PASSPHRASE, OTHER_PASSPHRASE, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "differ"));
  g_clear_error (&error);
  g_assert_true (desk_passphrase_check (PASSPHRASE, PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
test_sealed_values (void)
{
  g_autoptr(DeskKey) key = _desk_key_new_random ();
  g_autoptr(DeskKey) other = _desk_key_new_random ();
  g_autofree char *sealed = _desk_seal_text (key, "people", "name", "u-1", "Ama Owusu");
  g_autofree char *again = _desk_seal_text (key, "people", "name", "u-1", "Ama Owusu");
  g_autofree char *opened = _desk_open_text (key, "people", "name", "u-1", sealed);
  g_autofree char *tampered = g_strdup (sealed);

  g_assert_true (g_str_has_prefix (sealed, "v1:"));
  /* A fresh nonce each time: equal names do not look equal. */
  g_assert_cmpstr (sealed, !=, again);
  g_assert_cmpstr (opened, ==, "Ama Owusu");
  /* Bound to its record, its field and its key. */
  g_assert_null (_desk_open_text (key, "people", "name", "u-2", sealed));
  g_assert_null (_desk_open_text (key, "people", "phone", "u-1", sealed));
  g_assert_null (_desk_open_text (key, "members", "name", "u-1", sealed));
  g_assert_null (_desk_open_text (other, "people", "name", "u-1", sealed));
  /* One character changed, cut short, not ours at all. */
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  g_assert_null (_desk_open_text (key, "people", "name", "u-1", tampered));
  tampered[12] = '\0';
  g_assert_null (_desk_open_text (key, "people", "name", "u-1", tampered));
  g_assert_null (_desk_open_text (key, "people", "name", "u-1", "Ama Owusu"));
  g_assert_null (_desk_open_text (key, "people", "name", "u-1", "v1:!!!"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/protect/nothing-left-behind", test_nothing_left_behind);
  ADD ("/core/protect/cut-short", test_cut_short);
  ADD ("/core/protect/locked", test_locked);
  ADD ("/core/protect/recovery-key", test_recovery_key);
  ADD ("/core/protect/change-passphrase", test_change_passphrase);
  ADD ("/core/protect/unprotect", test_unprotect);
  ADD ("/core/protect/tampered", test_tampered);
  ADD ("/core/protect/damaged-key", test_damaged_key);
  ADD ("/core/protect/bundles", test_bundles);
  ADD ("/core/protect/import-seals", test_import_seals);
  ADD ("/core/protect/async", test_async);
  ADD ("/core/protect/personal-files", test_personal_files);
  g_test_add_func ("/core/protect/vulnerable-groups-migrate", test_vulnerable_groups_migrate);
  g_test_add_func ("/core/protect/passphrase-rules", test_passphrase_rules);
  g_test_add_func ("/core/protect/sealed-values", test_sealed_values);

  return g_test_run ();
}
