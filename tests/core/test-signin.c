/* test-signin.c — reading sign-in sheets: encodings, separators, quoting, headers and
 * values in two languages, duplicates (sheets refused: test-signin-hostile.c; applying a
 * sheet: test-signin-apply.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-signin-common.h"

/* Dialects */

static void
test_utf8 (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);

  g_assert_cmpstr (desk_signin_plan_get_encoding (plan), ==, "UTF-8");
  g_assert_cmpint (desk_signin_plan_get_separator (plan), ==, ',');
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_assert_nonnull (desk_signin_plan_get_header (plan, c));
  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_EMAIL), ==, "Email");

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 4);
  /* Abena Mensah of the Ministry of Mines is the world's person (through her member). */
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", "government", "woman");
  g_assert_cmpstr (row (plan, 0)->person_uuid, ==, test_world_uuid (fixture->world, "person"));
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi Boateng", "company", "man");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_NEW, "Ama Owusu", "civil_society", "woman");
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_NEW, "Efua Sarpong", "observer", "another");

  g_assert_cmpstr (row (plan, 0)->role, ==, "participant");
  g_assert_cmpstr (row (plan, 1)->role, ==, "speaker");
  g_assert_cmpstr (row (plan, 2)->role, ==, "facilitator");
  /* A job title is kept with the person; they took part. */
  g_assert_cmpstr (row (plan, 3)->role, ==, "participant");
  g_assert_cmpstr (row (plan, 3)->role_title, ==, "Director");
  g_assert_cmpstr (row (plan, 0)->phone, ==, "+233 20 000 0001");
  g_assert_cmpstr (row (plan, 1)->email, ==, "kofi@example.org");
  g_assert_cmpstr (row (plan, 0)->member_uuid, ==, test_world_uuid (fixture->world, "member"));

  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW), ==, 3);
  g_assert_cmpuint (desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING), ==, 1);
}

static void
test_utf8_bom (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8-bom.csv", NULL);

  g_assert_cmpstr (desk_signin_plan_get_encoding (plan), ==, "UTF-8 with BOM");
  /* The BOM must not stick to the first header. */
  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_NAME), ==, "Full name");
  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_ORGANISATION), ==,
                   "Organization");
  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_GENDER), ==, "Sex");
  g_assert_null (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_EMAIL));
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 2);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "José Ramírez", "government", "man");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Zoë Adjei", "civil_society", "woman");
}

static void
test_utf16 (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf16le-tab.txt", NULL);

  g_assert_cmpstr (desk_signin_plan_get_encoding (plan), ==, "UTF-16LE");
  g_assert_cmpint (desk_signin_plan_get_separator (plan), ==, '\t');
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 3);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "张伟", "government", "man");
  g_assert_cmpstr (row (plan, 0)->organisation, ==, "矿业部");
  g_assert_cmpstr (row (plan, 0)->phone, ==, "+86 10 0000 0000");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", "government", "woman");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_NEW, "Kwame Asante", "company", "man");
  /* CRLF: nothing of the line end is left in the last field. */
  g_assert_cmpstr (row (plan, 2)->phone, ==, "");
}

static void
test_utf16_be (Fixture       *fixture,
               gconstpointer  data)
{
  static const char text[] = "\xfe\xff\0N\0a\0m\0e\0\n\0A\0m\0a\0\n";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = desk_signin_plan_new (fixture->store, fixture->workshop,
                                                         bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (desk_signin_plan_get_encoding (plan), ==, "UTF-16BE");
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Ama", NULL, "not_stated");
}

static void
test_semicolon (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "semicolon.csv", NULL);

  g_assert_cmpint (desk_signin_plan_get_separator (plan), ==, ';');
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 2);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Mensah, Abena", "government", "woman");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Boateng, Kofi", "company", "man");
  g_assert_cmpstr (row (plan, 1)->organisation, ==, "Gold Fields Ghana, Tarkwa");
}

static void
test_quoted (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "quoted.csv", NULL);

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 3);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Mensah, Abena", "government", "woman");
  g_assert_cmpstr (row (plan, 0)->organisation, ==,
                   "Ministry of Lands, Mines and Natural Resources");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Kwame \"KK\" Asante", "company", "man");
  /* A line break in an organisation is a space, as core stores it. */
  g_assert_cmpstr (row (plan, 1)->organisation, ==, "Chamber of Mines Accra office");
  g_assert_cmpstr (row (plan, 1)->role, ==, "speaker");
  /* The line break inside quotes moves the next row to line 5. */
  assert_row (plan, 2, 5, DESK_SIGNIN_ROW_NEW, "Ama Owusu", "civil_society", "woman");
  g_assert_cmpstr (row (plan, 2)->role_title, ==, "Programme officer, legal");
}

static void
test_line_ends (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) crlf = plan_fixture (fixture, "crlf.csv", NULL);
  g_autoptr(DeskSigninPlan) cr = plan_fixture (fixture, "cr.csv", NULL);

  /* The blank line is skipped but still counted. */
  g_assert_cmpuint (desk_signin_plan_get_n_rows (crlf), ==, 3);
  assert_row (crlf, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", "government", "woman");
  assert_row (crlf, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi Boateng", "company", "man");
  assert_row (crlf, 2, 5, DESK_SIGNIN_ROW_NEW, "Ama Owusu", "civil_society", "woman");

  g_assert_cmpuint (desk_signin_plan_get_n_rows (cr), ==, 2);
  assert_row (cr, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", NULL, "woman");
  assert_row (cr, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi Boateng", NULL, "man");
}

/* Headers and values in both languages */

static void
test_chinese (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "chinese-headers.csv", NULL);
  static const char *const headers[] = { "姓名", "单位", "界别", "性别", "职务", "电话", "邮箱" };

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_assert_cmpstr (desk_signin_plan_get_header (plan, c), ==, headers[c]);

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 4);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "张伟", "government", "man");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "李娜", "company", "woman");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_NEW, "王芳", "civil_society", "woman");
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_NEW, "赵强", "observer", "man");
  g_assert_cmpstr (row (plan, 0)->role, ==, "facilitator");
  g_assert_cmpstr (row (plan, 1)->role, ==, "speaker");
  g_assert_cmpstr (row (plan, 2)->role, ==, "participant");
  g_assert_cmpstr (row (plan, 2)->role_title, ==, "处长");
  g_assert_cmpstr (row (plan, 3)->role, ==, "organiser");
  g_assert_cmpstr (row (plan, 0)->email, ==, "zhangwei@example.cn");
}

static void
test_mixed_values (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "mixed-values.csv", NULL);

  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_NAME), ==, "NAME ");
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 5);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", "government", "woman");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi Boateng", "company", "man");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_NEW, "Ama Owusu", "civil_society", "woman");
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_NEW, "Yaw Darko", "civil_society", "not_stated");
  assert_row (plan, 4, 6, DESK_SIGNIN_ROW_NEW, "Esi Quaye", NULL, "not_stated");
}

static void
test_value_spellings (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *gender; const char *code; } genders[] = {
    { "F", "woman" }, { "f", "woman" }, { "Female", "woman" }, { "Woman", "woman" },
    { "女", "woman" }, { "女性", "woman" }, { "Ｆ", "woman" },
    { "M", "man" }, { "Male", "man" }, { "Man", "man" }, { "男", "man" }, { "男性", "man" },
    { "other", "another" }, { "Another", "another" }, { "其他", "another" },
    { "", "not_stated" }, { "-", "not_stated" }, { "unknown", "not_stated" },
    { "Not stated", "not_stated" },
  };
  static const struct { const char *pillar; const char *code; } pillars[] = {
    { "Gov", "government" }, { "Government", "government" }, { "政府", "government" },
    { "Company", "company" }, { "Private sector", "company" }, { "Business", "company" },
    { "企业", "company" }, { "CSO", "civil_society" }, { "NGO", "civil_society" },
    { "Civil society", "civil_society" }, { "civil_society", "civil_society" },
    { "民间社会", "civil_society" }, { "Observer", "observer" }, { "观察员", "observer" },
    { "Other", "other" }, { "其他", "other" }, { "", NULL },
  };
  static const struct { const char *role; const char *code; } roles[] = {
    { "Speaker", "speaker" }, { "facilitator", "facilitator" }, { "Organiser", "organiser" },
    { "organizer", "organiser" }, { "发言人", "speaker" }, { "主持人", "facilitator" },
    { "组织者", "organiser" }, { "Participant", "participant" }, { "Officer", "participant" },
  };
  GString *text = g_string_new ("Name,Gender,Pillar,Role\n");
  g_autoptr(DeskSigninPlan) plan = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (genders); i++)
    g_string_append_printf (text, "Gender %u,%s,,\n", i, genders[i].gender);
  for (guint i = 0; i < G_N_ELEMENTS (pillars); i++)
    g_string_append_printf (text, "Pillar %u,,%s,\n", i, pillars[i].pillar);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    g_string_append_printf (text, "Role %u,,,%s\n", i, roles[i].role);
  plan = plan_text (fixture, text->str);
  g_string_free (text, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (genders); i++, n++)
    assert_row (plan, n, n + 2, DESK_SIGNIN_ROW_NEW, NULL, NULL, genders[i].code);
  for (guint i = 0; i < G_N_ELEMENTS (pillars); i++, n++)
    assert_row (plan, n, n + 2, DESK_SIGNIN_ROW_NEW, NULL, pillars[i].code, "not_stated");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++, n++)
    g_assert_cmpstr (row (plan, n)->role, ==, roles[i].code);
}

static void
test_mapping (Fixture       *fixture,
              gconstpointer  data)
{
  static const char text[] = "Nom,Structure,Genre\nAwa Diallo,Mairie,F\n";
  static const char *const mapping[] = { "name=Nom", "organisation= structure", "gender=GENRE", NULL };
  static const char *const bad_column[] = { "colour=Nom", NULL };
  static const char *const bad_header[] = { "name=Prénom", NULL };
  static const char *const no_equals[] = { "name", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  /* Without a mapping, nothing says which column holds the names. */
  assert_refused (fixture, bytes, "No column of names");

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_NAME), ==, "Nom");
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Awa Diallo", NULL, "woman");
  g_assert_cmpstr (row (plan, 0)->organisation, ==, "Mairie");
  g_clear_pointer (&plan, desk_signin_plan_free);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, bad_column, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, bad_header, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Prénom"));
  g_clear_error (&error);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, no_equals, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

/* A mapping can take a header the usual names would give another column. */
static void
test_mapping_overrides (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char text[] = "Name,Full name\nDr,Abena Mensah\n";
  static const char *const mapping[] = { "name=Full name", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, mapping, &error);
  g_assert_no_error (error);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Abena Mensah", NULL, "not_stated");
}

/* Errors in rows */

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "malformed.csv", NULL);
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  const DeskSigninRow *r;

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 4);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", "government", "woman");

  r = row (plan, 1);
  g_assert_cmpint (r->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_cmpuint (r->line, ==, 3);
  g_test_message ("%s", r->message);
  g_assert_true (g_str_has_prefix (r->message, "Line 3:"));
  g_assert_nonnull (strstr (r->message, "name is empty"));

  r = row (plan, 2);
  g_assert_cmpint (r->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_cmpuint (r->line, ==, 4);
  g_test_message ("%s", r->message);
  g_assert_true (g_str_has_prefix (r->message, "Line 4:"));
  g_assert_nonnull (strstr (r->message, "“Q”"));
  /* It says which values are accepted. */
  g_assert_nonnull (strstr (r->message, "Female"));
  g_assert_nonnull (strstr (r->message, "女"));

  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_NEW, "Ama Owusu", "civil_society", "woman");

  /* The others import. */
  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.errors, ==, 2);
  g_assert_cmpuint (result.people_added, ==, 1);
  g_assert_cmpuint (result.people_matched, ==, 1);
  g_assert_cmpuint (result.attendance_added, ==, 2);
}

static void
test_row_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = NULL;

  plan = plan_text (fixture,
                    "Name,Pillar,Email\n"
                    "Abena,Ministry,\n"
                    "Kofi,,not-an-address\n"
                    "Ama,CSO,ama@example.org,,extra\n"
                    "Yaw,CSO,yaw@example.org,,\n"
                    "\"Esi,CSO,\n"
                    "Kwesi,Gov,\n");

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 5);
  g_assert_cmpint (row (plan, 0)->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_nonnull (strstr (row (plan, 0)->message, "“Ministry” is not a pillar"));
  /* Core's own rule, caught before anything is written. */
  g_assert_cmpint (row (plan, 1)->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_true (g_str_has_prefix (row (plan, 1)->message, "Line 3: "));
  g_assert_nonnull (strstr (row (plan, 1)->message, "e-mail"));
  g_assert_cmpint (row (plan, 2)->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_nonnull (strstr (row (plan, 2)->message, "Line 4 has 5 values"));
  /* Trailing empty fields are what spreadsheets write: not an error. */
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_NEW, "Yaw", "civil_society", "not_stated");
  /* An unclosed quotation swallows the rest of the file: one error, from its line. */
  g_assert_cmpint (row (plan, 4)->fate, ==, DESK_SIGNIN_ROW_ERROR);
  g_assert_cmpuint (row (plan, 4)->line, ==, 6);
  g_assert_nonnull (strstr (row (plan, 4)->message, "quotation"));
}

static void
test_read_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "signin", "utf8.csv", NULL);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "signin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  plan = desk_signin_plan_new_for_file (fixture->store, fixture->workshop, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 4);
  g_clear_pointer (&plan, desk_signin_plan_free);

  plan = desk_signin_plan_new_for_file (fixture->store, fixture->workshop, folder, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

/* Hostile and broken sheets */

static void
test_repeated_header (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "repeated-header.csv", NULL);
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  /* The header printed again on the next page (in other capitals and spacing, with empty
   * cells after it) is no person: it is skipped as a repeat of line 1. */
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 5);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", NULL, "woman");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi Boateng", NULL, "man");
  assert_row (plan, 2, 5, DESK_SIGNIN_ROW_REPEAT, NULL, NULL, "not_stated");
  g_assert_cmpuint (row (plan, 2)->same_as_line, ==, 1);
  assert_row (plan, 3, 6, DESK_SIGNIN_ROW_NEW, "Ama Owusu", NULL, "woman");
  assert_row (plan, 4, 7, DESK_SIGNIN_ROW_REPEAT, "Name", NULL, "not_stated");
  g_assert_cmpuint (row (plan, 4)->same_as_line, ==, 1);

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 2);
  g_assert_cmpuint (result.skipped, ==, 2);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 2);
  g_assert_null (desk_store_find_person (fixture->store, fixture->world->group, "Name",
                                         "Organisation"));
}

static void
test_duplicate_column (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const full_name[] = { "name=Full name", NULL };
  static const char phones[] = "Name,Phone,Mobile\nAma,0200000001,0240000001\n";
  static const char *const mobile[] = { "phone=Mobile", NULL };
  g_autoptr(GBytes) bytes = fixture_bytes ("duplicate-name-column.csv");
  g_autoptr(GBytes) phone_bytes = g_bytes_new (phones, sizeof phones - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  /* Neither column is dropped without a word: the plan has no rows and says why, naming
   * both, and applying it is refused. */
  assert_problem (fixture, bytes, "two columns for “Name”");
  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (desk_signin_plan_get_problem (plan), "“Name” (column A)"));
  g_assert_nonnull (strstr (desk_signin_plan_get_problem (plan), "“Full name” (column D)"));
  g_assert_nonnull (strstr (desk_signin_plan_get_problem (plan), "Choose the one to import"));
  g_assert_cmpint (desk_signin_plan_get_problem_column (plan), ==, DESK_SIGNIN_COLUMN_NAME);
  /* The other columns are found, so the app can show them chosen. */
  g_assert_null (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_NAME));
  g_clear_pointer (&plan, desk_signin_plan_free);

  /* The mapping says which to use. */
  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, full_name, &error);
  g_assert_no_error (error);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", NULL, "woman");
  g_clear_pointer (&plan, desk_signin_plan_free);

  /* The same for any column: Phone and Mobile. */
  assert_problem (fixture, phone_bytes, "two columns for “Phone”");
  plan = desk_signin_plan_new (fixture->store, fixture->workshop, phone_bytes, mobile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row (plan, 0)->phone, ==, "0240000001");
  g_clear_pointer (&plan, desk_signin_plan_free);

  /* Or that the sheet has none: "phone=" reads neither. */
  {
    static const char *const no_phone[] = { "phone=", NULL };

    plan = desk_signin_plan_new (fixture->store, fixture->workshop, phone_bytes, no_phone, &error);
    g_assert_no_error (error);
    g_assert_null (desk_signin_plan_get_problem (plan));
    g_assert_true (row (plan, 0)->phone == NULL || row (plan, 0)->phone[0] == '\0');
    g_assert_null (desk_signin_plan_get_header (plan, DESK_SIGNIN_COLUMN_PHONE));
  }
}

/* Whatever its shape, a sheet just under the size limit is read in at most four times
 * its size. Each shape runs in a child process of its own, so that its peak is its own. */
static void
test_memory_bound (Fixture       *fixture,
                   gconstpointer  data)
{
  guint shape = GPOINTER_TO_UINT (data);
  const gsize size = DESK_SIGNIN_MAX_BYTES - 100 * 1000;

  if (test_skip_memory_under_asan ())
    return;

  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(DeskSigninPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      glong before = test_peak_kb ();
      glong after;
      gint64 started = g_get_monotonic_time ();

      bytes = sheet_of_shape (shape, size);
      plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
      after = test_peak_kb ();
      g_test_message ("shape %u: %" G_GSIZE_FORMAT " bytes, peak +%ld KB, %.2f s: %s", shape,
                      size, after - before,
                      (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
                      plan != NULL ? "read" : error->message);
      g_assert_true (plan != NULL || error->domain == DESK_ERROR);
      /* The file itself, three times more, and a few megabytes of fixed costs. */
      g_assert_cmpint (after - before, <=, (glong) (4 * size / 1024) + 16 * 1024);
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
  g_test_add ("/core/signin/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("utf8", test_utf8);
  ADD ("utf8-bom", test_utf8_bom);
  ADD ("utf16le-tab", test_utf16);
  ADD ("utf16be", test_utf16_be);
  ADD ("semicolon", test_semicolon);
  ADD ("quoted", test_quoted);
  ADD ("line-ends", test_line_ends);
  ADD ("chinese-headers", test_chinese);
  ADD ("mixed-values", test_mixed_values);
  ADD ("value-spellings", test_value_spellings);
  ADD ("mapping", test_mapping);
  ADD ("mapping-overrides", test_mapping_overrides);
  ADD ("malformed", test_malformed);
  ADD ("row-errors", test_row_errors);
  ADD ("read-file", test_read_file);
  ADD ("repeated-header", test_repeated_header);
  ADD ("duplicate-column", test_duplicate_column);
  {
    static const char *const shapes[] = {
      "empty-fields", "empty-lines", "comma-lines", "huge-header", "huge-field",
      "short-lines", "quotes", "utf16",
    };

    for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
      {
        g_autofree char *path = g_strdup_printf ("/core/signin/memory/%s", shapes[i]);

        g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_memory_bound,
                    fixture_tear_down);
      }
  }

  return g_test_run ();
}
