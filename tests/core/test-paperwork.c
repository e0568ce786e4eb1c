/* test-paperwork.c — a workshop's paperwork: person codes, the sign-in sheet's headers
 * read back by the import, and the PDFs read back by poppler and zbar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include "desk-paperwork.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  char *dir;
  char *workshop;
  GPtrArray *registered;  /* person UUIDs: registered or attended */
  GPtrArray *attended;    /* person UUIDs: attended */
  GPtrArray *names;       /* names of the registered or attended, in order */
  char *absent_name;
} Fixture;

static char *
add_person (Fixture    *f,
            const char *group,
            const char *name)
{
  g_autoptr(DeskRecord) p = test_add (f->store, DESK_KIND_PERSON, group,
                                      "name", name, "organisation", "Ministry of Mines",
                                      "gender", "woman", "phone", "+233 20 000 0000",
                                      "email", "someone@example.org", NULL);

  return g_strdup (desk_record_get_uuid (p));
}

static void
put_on_list (Fixture    *f,
             const char *person,
             const char *status)
{
  g_autoptr(DeskRecord) a = test_add (f->store, DESK_KIND_ATTENDANCE, NULL,
                                      "workshop_uuid", f->workshop, "person_uuid", person,
                                      "role", "participant", "status", status, NULL);
}

/* A workshop with @n_registered people registered, @n_attended attended and one absent. */
static void
fill (Fixture *f,
      guint    n_registered,
      guint    n_attended)
{
  g_autoptr(DeskRecord) w = test_add (f->store, DESK_KIND_WORKSHOP, NULL,
                                      "activity_uuid", test_world_uuid (f->world, "activity"),
                                      "title_en", "Beneficial ownership clinic",
                                      "title_zh", "受益所有权研讨会",
                                      "start_date", "2026-03-04", "end_date", "2026-03-05",
                                      "town", "Tarkwa", "region", "Western",
                                      "format", "in_person", NULL);
  g_autofree char *absent = NULL;

  f->workshop = g_strdup (desk_record_get_uuid (w));
  for (guint i = 0; i < n_registered + n_attended; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("张伟")
                                     : g_strdup_printf ("Abena Mensah %u", i);
      char *uuid = add_person (f, f->world->group, name);

      put_on_list (f, uuid, i < n_registered ? "registered" : "attended");
      g_ptr_array_add (f->registered, uuid);
      if (i >= n_registered)
        g_ptr_array_add (f->attended, g_strdup (uuid));
      g_ptr_array_add (f->names, g_steal_pointer (&name));
    }
  f->absent_name = g_strdup ("Kwame Absent");
  absent = add_person (f, f->world->group, f->absent_name);
  put_on_list (f, absent, "absent");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_memory (NULL);
  f->world = test_world_new (f->store, "GH-TEST");
  f->dir = test_make_tmpdir ();
  f->registered = g_ptr_array_new_with_free_func (g_free);
  f->attended = g_ptr_array_new_with_free_func (g_free);
  f->names = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->workshop);
  g_free (f->absent_name);
  g_ptr_array_unref (f->registered);
  g_ptr_array_unref (f->attended);
  g_ptr_array_unref (f->names);
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->store);
}

/* Runs @argv; returns its standard output, failing the test when it fails. */
static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);

  return out;
}

static gboolean
have_programs (const char *const *programs)
{
  for (guint i = 0; programs[i] != NULL; i++)
    {
      g_autofree char *path = g_find_program_in_path (programs[i]);

      if (path == NULL)
        {
          g_autofree char *why = g_strdup_printf ("%s is not installed (build-aux/dev installs "
                                                  "it)", programs[i]);
          g_test_skip (why);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
write_pdf (Fixture           *f,
           DeskPaperworkKind  kind,
           const char        *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (desk_paperwork_write_pdf (f->store, f->workshop, kind, path, &error));
  g_assert_no_error (error);

  return path;
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* Codes */

static void
test_code (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestWorld) other = test_world_new (f->store, "GH-OTHER");
  g_autofree char *mine = add_person (f, f->world->group, "Ama Owusu");
  g_autofree char *theirs = add_person (f, other->group, "Ama Owusu");
  g_autofree char *code = desk_person_code (mine);
  g_autofree char *their_code = desk_person_code (theirs);
  g_autofree char *typed = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(DeskRecord) found = NULL;
  g_autoptr(DeskRecord) typed_found = NULL;
  g_autoptr(DeskRecord) none = NULL;

  g_assert_cmpuint (strlen (code), ==, 10);
  g_assert_true (g_str_has_prefix (code, "P-"));
  g_assert_true (g_ascii_strncasecmp (code + 2, mine, 8) == 0);
  for (const char *p = code + 2; *p != '\0'; p++)
    g_assert_false (g_ascii_islower (*p));

  g_assert_true (desk_person_code_parse (code, &prefix));
  g_assert_cmpstr (prefix, ==, code + 2);
  g_assert_false (desk_person_code_parse ("P-1234567", NULL));
  g_assert_false (desk_person_code_parse ("P-1234567G", NULL));
  g_assert_false (desk_person_code_parse ("Ama Owusu", NULL));
  g_assert_false (desk_person_code_parse (NULL, NULL));

  found = desk_people_find_by_code (f->store, f->world->group, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (desk_record_get_uuid (found), ==, mine);

  /* A scanner may add a newline; a person may type it in lower case. */
  typed = g_strdup_printf ("  %s\n", code);
  for (char *p = typed; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  typed_found = desk_people_find_by_code (f->store, f->world->group, typed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (typed_found);
  g_assert_cmpstr (desk_record_get_uuid (typed_found), ==, mine);

  /* Another group's person is nobody here. */
  none = desk_people_find_by_code (f->store, f->world->group, their_code, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_null (desk_people_find_by_code (f->store, f->world->group, "P-00000000", &error));
  g_assert_no_error (error);
}

/* Sign-in sheet */

/* The sheet's headers in @language, typed back as CSV with a row, import with no
 * mapping: every column is found under the header the sheet prints. */
static void
assert_headers_import (Fixture    *f,
                       const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  const char *values[DESK_SIGNIN_N_COLUMNS] = {
    "Yaw Boateng", "Ministry of Mines", "government", "man", "participant", "0200000000",
    "yaw@example.org",
  };

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_string_append_printf (csv, "%s,", desk_paperwork_signin_header (c, language));
  g_string_append (csv, g_str_equal (language, "zh") ? "同意具名,签名\n" : "Consents to be named,Signature\n");
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_string_append_printf (csv, "%s,", values[c]);
  g_string_append (csv, ",\n");

  bytes = g_bytes_new (csv->str, csv->len);
  plan = desk_signin_plan_new (f->store, f->workshop, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_null (desk_signin_plan_get_problem (plan));
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_assert_cmpstr (desk_signin_plan_get_header (plan, c), ==,
                     desk_paperwork_signin_header (c, language));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 1);
  g_assert_cmpint (desk_signin_plan_get_row (plan, 0)->fate, ==, DESK_SIGNIN_ROW_NEW);
  g_assert_cmpstr (desk_signin_plan_get_row (plan, 0)->email, ==, "yaw@example.org");
  g_assert_cmpstr (desk_signin_plan_get_row (plan, 0)->gender, ==, "man");
}

static void
test_signin_headers (Fixture       *f,
                     gconstpointer  data)
{
  fill (f, 1, 0);
  assert_headers_import (f, "en");
  assert_headers_import (f, "zh");
}

/* The sheet prints pillars and genders by their labels: typed back, each one imports as
 * its code. */
static void
test_signin_values (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pillars = desk_reference_choices (f->store, DESK_KIND_PERSON, "pillar");
  g_autoptr(GPtrArray) genders = desk_reference_choices (f->store, DESK_KIND_PERSON, "gender");
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  guint n = MAX (pillars->len, genders->len);

  fill (f, 0, 0);
  g_string_append_printf (csv, "%s,%s,%s\n", desk_paperwork_signin_header (DESK_SIGNIN_COLUMN_NAME, "en"),
                          desk_paperwork_signin_header (DESK_SIGNIN_COLUMN_PILLAR, "en"),
                          desk_paperwork_signin_header (DESK_SIGNIN_COLUMN_GENDER, "en"));
  for (guint i = 0; i < n; i++)
    {
      DeskChoice *pillar = g_ptr_array_index (pillars, MIN (i, pillars->len - 1));
      DeskChoice *gender = g_ptr_array_index (genders, MIN (i, genders->len - 1));

      g_string_append_printf (csv, "Person %u,%s,%s\n", i, pillar->label, gender->label);
    }

  bytes = g_bytes_new (csv->str, csv->len);
  plan = desk_signin_plan_new (f->store, f->workshop, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const DeskSigninRow *row = desk_signin_plan_get_row (plan, i);
      DeskChoice *pillar = g_ptr_array_index (pillars, MIN (i, pillars->len - 1));
      DeskChoice *gender = g_ptr_array_index (genders, MIN (i, genders->len - 1));

      g_test_message ("%s → %s, %s → %s", pillar->label, row->pillar, gender->label, row->gender);
      g_assert_cmpint (row->fate, ==, DESK_SIGNIN_ROW_NEW);
      g_assert_cmpstr (row->pillar, ==, pillar->code);
      g_assert_cmpstr (row->gender, ==, gender->code);
    }
}

static void
test_signin_pdf (Fixture       *f,
                 gconstpointer  data)
{
  const char *const programs[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_programs (programs))
    return;

  fill (f, 3, 2);
  path = write_pdf (f, DESK_PAPERWORK_SIGN_IN, "sign-in.pdf");
  {
    const char *argv[] = { "pdftotext", path, "-", NULL };
    text = run (argv);
  }

  g_assert_nonnull (strstr (text, "Beneficial ownership clinic"));
  /* The group works in both languages: both titles, both headers. */
  g_assert_nonnull (strstr (text, "受益所有权研讨会"));
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      g_assert_nonnull (strstr (text, desk_paperwork_signin_header (c, "en")));
      g_assert_nonnull (strstr (text, desk_paperwork_signin_header (c, "zh")));
    }
  for (guint i = 0; i < f->names->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (f->names, i)));
  g_assert_null (strstr (text, f->absent_name));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  g_assert_cmpint (pdf_pages (path), ==, 1);
}

/* A long list runs over pages, each numbered out of the whole. */
static void
test_signin_pages (Fixture       *f,
                   gconstpointer  data)
{
  const char *const programs[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  int pages;

  if (!have_programs (programs))
    return;

  fill (f, 40, 0);
  path = write_pdf (f, DESK_PAPERWORK_SIGN_IN, "sign-in.pdf");
  pages = pdf_pages (path);
  g_assert_cmpint (pages, >, 1);
  {
    const char *argv[] = { "pdftotext", path, "-", NULL };
    text = run (argv);
  }
  for (guint i = 0; i < f->names->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (f->names, i)));
  {
    g_autofree char *last = g_strdup_printf ("Page %d of %d", pages, pages);
    g_assert_nonnull (strstr (text, last));
  }
}

/* Badges */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  const char *const programs[] = { "pdftoppm", "zbarimg", "pdfinfo", NULL };
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  if (!have_programs (programs))
    return;

  /* Nine people: a full page of eight and one on the second. */
  fill (f, 5, 4);
  path = write_pdf (f, DESK_PAPERWORK_BADGES, "badges.pdf");
  g_assert_cmpint (pdf_pages (path), ==, 2);

  /* Each badge on its own, as a scanner at the door sees one: zbarimg reading a whole
   * page of eight codes lined up in a grid now and then takes the finder patterns of two
   * codes for one and reads neither. Badges are 90 × 60 mm, 2 × 4, centred on A4. */
  for (int page = 1; page <= 2; page++)
    for (int slot = 0; slot < 8; slot++)
      {
        const double dpi = 150, pt = dpi / 72;
        const double w = 255 * pt, h = 170 * pt;
        const double x0 = (595.276 - 2 * 255) / 2 * pt, y0 = (841.89 - 4 * 170) / 2 * pt;
        g_autofree char *first = g_strdup_printf ("%d", page);
        g_autofree char *x = g_strdup_printf ("%d", (int) (x0 + (slot % 2) * w) + 4);
        g_autofree char *y = g_strdup_printf ("%d", (int) (y0 + (slot / 2) * h) + 4);
        g_autofree char *width = g_strdup_printf ("%d", (int) w - 8);
        g_autofree char *height = g_strdup_printf ("%d", (int) h - 8);
        g_autofree char *base = g_strdup_printf ("%s/badge-%d-%d", f->dir, page, slot);
        g_autofree char *png = g_strconcat (base, ".png", NULL);
        const char *crop[] = { "pdftoppm", "-r", "150", "-png", "-singlefile", "-f", first, "-l",
                               first, "-x", x, "-y", y, "-W", width, "-H", height, path, base,
                               NULL };
        const char *scan[] = { "zbarimg", "--raw", "-q", png, NULL };
        g_autofree char *out = NULL;
        g_auto(GStrv) lines = NULL;
        int status;

        g_free (run (crop));
        /* zbarimg exits 4 when it finds no code: an empty place on the last page. */
        g_assert_true (g_spawn_sync (NULL, (char **) scan, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                     &out, NULL, &status, NULL));
        lines = g_strsplit (out, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          if (lines[i][0] != '\0')
            g_ptr_array_add (decoded, g_strdup (lines[i]));
      }

  for (guint i = 0; i < f->registered->len; i++)
    g_ptr_array_add (expected, desk_person_code (g_ptr_array_index (f->registered, i)));
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (decoded, compare_strings);
  g_assert_cmpuint (decoded->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (decoded, i), ==, g_ptr_array_index (expected, i));
}

/* Certificates */

static void
test_certificates (Fixture       *f,
                   gconstpointer  data)
{
  const char *const programs[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_programs (programs))
    return;

  fill (f, 2, 3);
  path = write_pdf (f, DESK_PAPERWORK_CERTIFICATES, "certificates.pdf");
  g_assert_cmpint (pdf_pages (path), ==, 3);
  {
    const char *argv[] = { "pdftotext", path, "-", NULL };
    text = run (argv);
  }
  /* The attended (the last three names), not the registered. */
  for (guint i = 0; i < f->names->len; i++)
    {
      const char *person = g_ptr_array_index (f->names, i);

      if (i >= 2)
        g_assert_nonnull (strstr (text, person));
      else
        g_assert_null (strstr (text, person));
    }
  g_assert_nonnull (strstr (text, "Test group"));
  g_assert_nonnull (strstr (text, "测试小组"));
}

/* Nobody to print for: a sentence, and no file. */
static void
test_nobody (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.pdf", NULL);

  fill (f, 0, 0);
  g_assert_false (desk_paperwork_write_pdf (f->store, f->workshop, DESK_PAPERWORK_BADGES, path,
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_paperwork_write_pdf (f->store, f->workshop, DESK_PAPERWORK_CERTIFICATES,
                                            path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (desk_paperwork_write_pdf (f->store, "no-such-workshop", DESK_PAPERWORK_SIGN_IN,
                                            path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add ("/core/paperwork/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("code", test_code);
  ADD ("signin-headers", test_signin_headers);
  ADD ("signin-values", test_signin_values);
  ADD ("signin-pdf", test_signin_pdf);
  ADD ("signin-pages", test_signin_pages);
  ADD ("badges", test_badges);
  ADD ("certificates", test_certificates);
  ADD ("nobody", test_nobody);
#undef ADD

  return g_test_run ();
}
