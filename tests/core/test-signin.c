/* test-signin.c — reading sign-in sheets: encodings, separators, quoting, headers and
 * values in two languages, duplicates, refusals, and the one-transaction import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-common.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
  char *workshop;   /* a second workshop, with an empty list */
  char *dir;        /* a database in a file (the worker tests): its folder and path */
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskRecord) workshop = NULL;

  if (data == GINT_TO_POINTER (-1))
    {
      g_autoptr(GError) error = NULL;

      /* A worker opens a connection of its own, which only a file allows. */
      fixture->dir = test_make_tmpdir ();
      fixture->path = g_build_filename (fixture->dir, "group.db", NULL);
      fixture->store = desk_store_open (fixture->path, &error);
      g_assert_no_error (error);
      test_set_now (fixture->store, TEST_NOW);
    }
  else
    fixture->store = test_open_memory (NULL);
  /* The world holds the member "Ministry of Mines" and its person Abena Mensah, who
   * attended the world's workshop. */
  fixture->world = test_world_new (fixture->store, "GH-TEST");
  workshop = test_add (fixture->store, DESK_KIND_WORKSHOP, NULL,
                       "activity_uuid", test_world_uuid (fixture->world, "activity"),
                       "title_en", "Sign-in workshop", "start_date", "2026-05-04",
                       "end_date", "2026-05-05", "format", "in_person", "planned_participants", "0", NULL);
  fixture->workshop = g_strdup (desk_record_get_uuid (workshop));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->world, test_world_free);
  g_clear_object (&fixture->store);
  g_free (fixture->workshop);
  if (fixture->dir != NULL)
    test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "signin", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static DeskSigninPlan *
plan_fixture (Fixture           *fixture,
              const char        *name,
              const char *const *mapping)
{
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  g_autoptr(GError) error = NULL;
  DeskSigninPlan *plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes,
                                               mapping, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static DeskSigninPlan *
plan_text (Fixture    *fixture,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DeskSigninPlan *plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes,
                                               NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  return plan;
}

static void
assert_refused (Fixture    *fixture,
                GBytes     *bytes,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  gint64 before = test_count_all_rows (fixture->store);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

/* A plan that can show its columns but not be applied until one is chosen. */
static void
assert_problem (Fixture    *fixture,
                GBytes     *bytes,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  DeskSigninResult result = { 0 };
  gint64 before = test_count_all_rows (fixture->store);

  plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (desk_signin_plan_get_problem (plan));
  if (strstr (desk_signin_plan_get_problem (plan), expected) == NULL)
    g_error ("“%s” does not say “%s”", desk_signin_plan_get_problem (plan), expected);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 0);
  g_assert_false (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

static const DeskSigninRow *
row (DeskSigninPlan *plan,
     guint           index)
{
  g_assert_cmpuint (index, <, desk_signin_plan_get_n_rows (plan));

  return desk_signin_plan_get_row (plan, index);
}

static void
assert_row (DeskSigninPlan *plan,
            guint           index,
            guint           line,
            DeskSigninFate  fate,
            const char     *name,
            const char     *pillar,
            const char     *gender)
{
  const DeskSigninRow *r = row (plan, index);

  g_assert_cmpuint (r->line, ==, line);
  if (r->fate != fate)
    g_error ("row %u (line %u): fate %d, expected %d (%s)", index, line, r->fate, fate,
             r->message != NULL ? r->message : "");
  if (name != NULL)
    g_assert_cmpstr (r->name, ==, name);
  if (fate != DESK_SIGNIN_ROW_ERROR)
    {
      g_assert_cmpstr (r->pillar, ==, pillar);
      g_assert_cmpstr (r->gender, ==, gender);
    }
}

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

/* Refusals */

static void
test_refuse_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) empty = fixture_bytes ("empty.csv");
  g_autoptr(GBytes) blank = g_bytes_new ("\xef\xbb\xbf \r\n\r\n", 7);
  g_autoptr(GBytes) bom16 = g_bytes_new ("\xff\xfe", 2);

  assert_refused (fixture, empty, "empty");
  assert_refused (fixture, blank, "empty");
  assert_refused (fixture, bom16, "empty");
}

static void
test_refuse_binary (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) binary = fixture_bytes ("binary.bin");
  g_autoptr(GBytes) latin1 = g_bytes_new ("Name\nJos\xe9\n", 10);
  g_autoptr(GBytes) control = g_bytes_new ("Name\nAma\x01\n", 10);
  g_autoptr(GBytes) utf16_no_bom = g_bytes_new ("N\0a\0m\0e\0\n\0", 10);
  g_autoptr(GBytes) utf16_control = g_bytes_new ("\xff\xfeN\0\x02\0\n\0", 8);

  assert_refused (fixture, binary, "binary");
  assert_refused (fixture, latin1, "not UTF-8");
  assert_refused (fixture, control, "binary");
  assert_refused (fixture, utf16_no_bom, "binary");
  assert_refused (fixture, utf16_control, "binary");
}

static void
test_refuse_no_names (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new ("Colour,Size\nred,2\n", 18);

  assert_refused (fixture, bytes, "No column of names");
}

static void
test_refuse_huge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  gint64 before = test_count_all_rows (fixture->store);
  gint64 started;
  int fd;

  /* A sparse file: as large as the limit says is too large, without writing it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Name\n", 5), ==, 5);
  g_assert_cmpint (ftruncate (fd, DESK_SIGNIN_MAX_BYTES + 1), ==, 0);
  close (fd);

  started = g_get_monotonic_time ();
  bytes = desk_signin_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);

  plan = desk_signin_plan_new_for_file (fixture->store, fixture->workshop, file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  /* Refused from its size alone: far quicker than reading 20 MB would be. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);

  test_rm_rf (dir);
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

static void
assert_read_refused (GFile      *file,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 started = g_get_monotonic_time ();

  bytes = desk_signin_read_file (file, NULL, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_ERROR);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  /* At once: nothing waited for or read. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
}

/* Only regular files on this computer: a FIFO never blocks, a device is never read. */
static void
test_read_special (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *fifo_path = g_build_filename (dir, "sheet.csv", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) remote = g_file_new_for_uri ("http://example.org/sheet.csv");
  g_autoptr(GFile) missing = g_file_get_child (folder, "no-such-sheet.csv");

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  assert_read_refused (fifo, "not an ordinary file");
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_read_refused (zero, "not an ordinary file");
  assert_read_refused (folder, "folder");
  assert_read_refused (remote, "not a file on this computer");
  assert_read_refused (missing, "no-such-sheet.csv");

  test_rm_rf (dir);
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

static void
test_invisible_names (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "invisible-names.csv", NULL);
  g_autoptr(DeskSigninPlan) known = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 7);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "Ama Mensah", NULL, "not_stated");
  /* A zero-width space, a bidirectional override, a byte-order mark, a joiner, a no-break
   * space: the same person, shown as core will store her. */
  for (guint i = 1; i < 4; i++)
    {
      assert_row (plan, i, i + 2, DESK_SIGNIN_ROW_REPEAT, "Ama Mensah", NULL, "not_stated");
      g_assert_cmpstr (row (plan, i)->organisation, ==, "WACAM");
      g_assert_cmpuint (row (plan, i)->same_as_line, ==, 2);
    }
  /* Nothing visible; a line break inside the name; a lone accent. */
  assert_row (plan, 4, 6, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (plan, 4)->message, "the name is empty"));
  assert_row (plan, 5, 7, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_true (g_str_has_prefix (row (plan, 5)->message, "Line 7: "));
  g_assert_nonnull (strstr (row (plan, 5)->message, "more than one line"));
  assert_row (plan, 6, 9, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (plan, 6)->message, "no visible"));

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 1);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 1);

  /* The database's people are matched the same way. */
  known = plan_text (fixture, "Name,Organisation\n"
                              "Abena\u200b Mensah\u202c,Ministry\u200d of Mines\n"
                              "\ufeffAma\u2060 Mensah,WACAM\n"
                              "Ama  Mensah\u200b,WACAM\n");
  assert_row (known, 0, 2, DESK_SIGNIN_ROW_EXISTING, "Abena Mensah", NULL, "not_stated");
  g_assert_cmpstr (row (known, 0)->person_uuid, ==, test_world_uuid (fixture->world, "person"));
  assert_row (known, 1, 3, DESK_SIGNIN_ROW_LISTED, "Ama Mensah", NULL, "not_stated");
  assert_row (known, 2, 4, DESK_SIGNIN_ROW_REPEAT, "Ama Mensah", NULL, "not_stated");
}

static void
test_hostile_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) nul = fixture_bytes ("nul-bytes.csv");
  g_autoptr(GBytes) latin1 = fixture_bytes ("latin1.csv");
  g_autoptr(GBytes) odd = fixture_bytes ("utf16le-odd.txt");
  g_autoptr(GBytes) surrogate = fixture_bytes ("utf16le-lone-surrogate.txt");
  g_autoptr(GBytes) utf16_nul = g_bytes_new ("\xff\xfeN\0\0\0\n\0", 8);
  g_autoptr(GBytes) utf32 = g_bytes_new ("\xff\xfe\0\0N\0\0\0", 8);
  g_autoptr(GBytes) wide = fixture_bytes ("many-columns.csv");

  assert_refused (fixture, nul, "binary");
  assert_refused (fixture, latin1, "not UTF-8");
  assert_refused (fixture, odd, "UTF-16");
  assert_refused (fixture, surrogate, "UTF-16");
  assert_refused (fixture, utf16_nul, "binary");
  assert_refused (fixture, utf32, "binary");
  assert_refused (fixture, wide, "600 columns");
}

static void
test_hostile_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) unclosed = plan_fixture (fixture, "unterminated-quote.csv", NULL);
  g_autoptr(DeskSigninPlan) stray = plan_fixture (fixture, "stray-quote.csv", NULL);
  g_autoptr(DeskSigninPlan) long_name = NULL;
  g_autoptr(DeskSigninPlan) wide_row = NULL;
  g_autoptr(DeskSigninPlan) trailing = NULL;
  g_autofree char *name = g_strnfill (20001, 'a');
  g_autofree char *text = NULL;
  GString *wide = g_string_new ("Name,Organisation\nAma,WACAM");

  /* An unclosed quote takes in the rest of the file: one error, from its line. */
  g_assert_cmpuint (desk_signin_plan_get_n_rows (unclosed), ==, 2);
  assert_row (unclosed, 0, 2, DESK_SIGNIN_ROW_NEW, "Ama Owusu", NULL, "not_stated");
  assert_row (unclosed, 1, 3, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (unclosed, 1)->message, "never closed"));

  /* A quote inside an unquoted value is part of it, as spreadsheets read it. */
  assert_row (stray, 0, 2, DESK_SIGNIN_ROW_NEW, "Kwame \"KK\" Asante", NULL, "not_stated");
  assert_row (stray, 1, 3, DESK_SIGNIN_ROW_NEW, "Ama Owusu", NULL, "not_stated");
  g_assert_cmpstr (row (stray, 1)->organisation, ==, "WACAM Tarkwa");

  /* A value longer than core stores is an error of its row, and names the column. */
  text = g_strdup_printf ("Name,Organisation\n%s,WACAM\nAma,\"%s\"\nKofi,WACAM\n", name, name);
  long_name = plan_text (fixture, text);
  g_assert_cmpuint (desk_signin_plan_get_n_rows (long_name), ==, 3);
  assert_row (long_name, 0, 2, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (long_name, 0)->message, "“Name” value is longer"));
  assert_row (long_name, 1, 3, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (long_name, 1)->message, "“Organisation” value is longer"));
  assert_row (long_name, 2, 4, DESK_SIGNIN_ROW_NEW, "Kofi", NULL, "not_stated");

  /* A row of 100,000 values: one error, the count said. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (wide, ",x");
  g_string_append (wide, "\nKofi,WACAM\n");
  wide_row = plan_text (fixture, wide->str);
  g_string_free (wide, TRUE);
  assert_row (wide_row, 0, 2, DESK_SIGNIN_ROW_ERROR, NULL, NULL, NULL);
  g_assert_nonnull (strstr (row (wide_row, 0)->message, "Line 2 has 100002 values"));
  assert_row (wide_row, 1, 3, DESK_SIGNIN_ROW_NEW, "Kofi", NULL, "not_stated");

  /* Empty values after the header's columns are what spreadsheets write. */
  trailing = plan_text (fixture, "Name\r\rAma,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r");
  assert_row (trailing, 0, 3, DESK_SIGNIN_ROW_NEW, "Ama", NULL, "not_stated");
}

static void
test_too_many_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  GString *text = g_string_new ("Name\n");
  g_autoptr(GBytes) bytes = NULL;

  /* Blank lines and empty rows do not count; rows of people do. */
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, i % 2 == 0 ? "\n" : ",,\r\n");
  for (guint i = 0; i <= DESK_SIGNIN_MAX_ROWS; i++)
    g_string_append_printf (text, "Person %u\n", i);
  bytes = g_string_free_to_bytes (text);
  assert_refused (fixture, bytes, "more than 10000 rows");
}

static GBytes *
sheet_of_shape (guint shape,
                gsize size)
{
  guint8 *data = g_malloc (size);
  gsize n = 0;

  /* Built in place: a GString would double its buffer and blur the measurement. */
#define PUT(s) G_STMT_START { memcpy (data + n, s, strlen (s)); n += strlen (s); } G_STMT_END
  switch (shape)
    {
    case 0:   /* a header, then nothing but commas: millions of empty fields */
      PUT ("Name\n");
      memset (data + n, ',', size - n);
      break;
    case 1:   /* nothing but empty lines */
      PUT ("Name\n");
      memset (data + n, '\n', size - n);
      break;
    case 2:   /* ",\n" over and over */
      PUT ("Name\n");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, ",\n", 2);
      memset (data + n, '\n', size - n);
      break;
    case 3:   /* one header row of millions of columns */
      PUT ("Name");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, ",x", 2);
      memset (data + n, '\n', size - n);
      break;
    case 4:   /* one endless quoted field */
      PUT ("Name\n\"");
      memset (data + n, 'a', size - n - 2);
      data[size - 2] = '"';
      data[size - 1] = '\n';
      break;
    case 5:   /* short lines: far more rows than a sheet has */
      PUT ("Name\n");
      for (; n + 2 <= size; n += 2)
        memcpy (data + n, "a\n", 2);
      memset (data + n, '\n', size - n);
      break;
    case 6:   /* nothing but quotes */
      PUT ("Name\n");
      memset (data + n, '"', size - n);
      break;
    case 7:   /* UTF-16: the text grows by half when converted */
      memcpy (data, "\xff\xfeN\0a\0m\0e\0\n\0\"\0", 14);
      for (n = 14; n + 2 <= size; n += 2)
        memcpy (data + n, "\x20\x5f", 2);  /* 张 */
      break;
    default:
      g_assert_not_reached ();
    }
#undef PUT

  return g_bytes_new_take (data, size - size % 2);
}

static glong
peak_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);

  return usage.ru_maxrss;
}

/* Whatever its shape, a sheet just under the size limit is read in at most four times
 * its size. Each shape runs in a child process of its own, so that its peak is its own. */
static void
test_memory_bound (Fixture       *fixture,
                   gconstpointer  data)
{
  guint shape = GPOINTER_TO_UINT (data);
  const gsize size = DESK_SIGNIN_MAX_BYTES - 100 * 1000;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory and quarantine make the peak meaningless");
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  g_test_skip ("AddressSanitizer's shadow memory and quarantine make the peak meaningless");
  return;
#endif
#endif

  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(DeskSigninPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      glong before = peak_kb ();
      glong after;
      gint64 started = g_get_monotonic_time ();

      bytes = sheet_of_shape (shape, size);
      plan = desk_signin_plan_new (fixture->store, fixture->workshop, bytes, NULL, &error);
      after = peak_kb ();
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

/* Duplicates */

static void
test_repeat_in_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  plan = plan_text (fixture,
                    "Name,Organisation,Gender\n"
                    "张伟,矿业部,男\n"
                    "Zhang Wei,Ministry of Mines,M\n"
                    "张 伟,矿业部,男\n"
                    "ＺＨＡＮＧ　Ｗｅｉ,ＭＩＮＩＳＴＲＹ ＯＦ ＭＩＮＥＳ,M\n"
                    "zhang  wei,ministry of mines,\n"
                    "张伟,紫金矿业,男\n");

  g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), ==, 6);
  assert_row (plan, 0, 2, DESK_SIGNIN_ROW_NEW, "张伟", NULL, "man");
  assert_row (plan, 1, 3, DESK_SIGNIN_ROW_NEW, "Zhang Wei", NULL, "man");
  assert_row (plan, 2, 4, DESK_SIGNIN_ROW_REPEAT, "张 伟", NULL, "man");
  g_assert_cmpuint (row (plan, 2)->same_as_line, ==, 2);
  assert_row (plan, 3, 5, DESK_SIGNIN_ROW_REPEAT, NULL, NULL, "man");
  g_assert_cmpuint (row (plan, 3)->same_as_line, ==, 3);
  assert_row (plan, 4, 6, DESK_SIGNIN_ROW_REPEAT, NULL, NULL, "not_stated");
  g_assert_cmpuint (row (plan, 4)->same_as_line, ==, 3);
  /* Same name, another organisation: another person. */
  assert_row (plan, 5, 7, DESK_SIGNIN_ROW_NEW, "张伟", NULL, "man");

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 3);
  g_assert_cmpuint (result.attendance_added, ==, 3);
  g_assert_cmpuint (result.skipped, ==, 3);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 3);
}

/* Applying */

static gint64
count_attendance (DeskStore  *store,
                  const char *workshop,
                  const char *status)
{
  g_autoptr(GPtrArray) list = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                  workshop, NULL);
  gint64 n = 0;

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    n += g_strcmp0 (desk_record_get_string (g_ptr_array_index (list, i), "status"), status) == 0;

  return n;
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "chinese-headers.csv", NULL);
  g_autoptr(DeskSigninPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DeskRecord) zhang = NULL;
  DeskSigninResult result;
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.people_added, ==, 4);
  g_assert_cmpuint (result.people_matched, ==, 0);
  g_assert_cmpuint (result.attendance_added, ==, 4);
  g_assert_cmpuint (result.skipped, ==, 0);
  g_assert_cmpuint (result.errors, ==, 0);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 4);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);

  zhang = desk_store_find_person (fixture->store, fixture->world->group, "张 伟", "矿业部");
  g_assert_nonnull (zhang);
  g_assert_cmpstr (desk_record_get_string (zhang, "pillar"), ==, "government");
  g_assert_cmpstr (desk_record_get_string (zhang, "gender"), ==, "man");
  g_assert_cmpstr (desk_record_get_string (zhang, "phone"), ==, "010-0000-0001");
  g_assert_cmpint (desk_record_get_int (zhang, "consent_named"), ==, 0);

  list = desk_store_list_by (fixture->store, DESK_KIND_ATTENDANCE, "person_uuid",
                             desk_record_get_uuid (zhang), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (desk_record_get_string (g_ptr_array_index (list, 0), "role"), ==, "facilitator");

  /* The same sheet again: everyone is on the list already, nothing changes. */
  again = plan_fixture (fixture, "chinese-headers.csv", NULL);
  g_assert_cmpuint (desk_signin_plan_count (again, DESK_SIGNIN_ROW_LISTED), ==, 4);
  g_assert_true (desk_signin_apply (fixture->store, again, fixture->workshop, &result, &error));
  g_assert_cmpuint (result.people_added, ==, 0);
  g_assert_cmpuint (result.people_matched, ==, 4);
  g_assert_cmpuint (result.attendance_added, ==, 0);
  g_assert_cmpuint (result.skipped, ==, 4);
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people + 4);
}

static void
test_apply_marks_registered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) after = NULL;
  DeskSigninResult result;

  /* Abena registered in advance; the sheet shows she came. */
  entry = test_add (fixture->store, DESK_KIND_ATTENDANCE, NULL,
                    "workshop_uuid", fixture->workshop,
                    "person_uuid", test_world_uuid (fixture->world, "person"),
                    "role", "speaker", "status", "registered", NULL);
  plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_assert_cmpint (row (plan, 0)->fate, ==, DESK_SIGNIN_ROW_LISTED);

  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.attendance_marked, ==, 1);
  g_assert_cmpuint (result.attendance_added, ==, 3);
  after = desk_store_get (fixture->store, DESK_KIND_ATTENDANCE, desk_record_get_uuid (entry), &error);
  g_assert_cmpstr (desk_record_get_string (after, "status"), ==, "attended");
  /* The sheet said nothing of her role: it stays. */
  g_assert_cmpstr (desk_record_get_string (after, "role"), ==, "speaker");
}

static void
test_apply_one_transaction (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(GError) error = NULL;
  DeskSigninResult result = { 0 };
  gint64 before = test_count_all_rows (fixture->store);

  /* A workshop that is not there: the new people are written first, then the first
   * attendance fails, and everything goes back. */
  g_assert_false (desk_signin_apply (fixture->store, plan, "00000000-0000-4000-8000-000000000000",
                                     &result, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 2: "));
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
  g_clear_error (&error);

  /* A failure deep inside: the last attendance insert is refused by the database. */
  test_sqlite_exec (_desk_store_get_db (fixture->store),
                    "CREATE TEMP TRIGGER refuse_efua BEFORE INSERT ON attendance "
                    "WHEN (SELECT name FROM people WHERE uuid = NEW.person_uuid) = 'Efua Sarpong' "
                    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  g_assert_false (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 5: "));
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 0);
  test_sqlite_exec (_desk_store_get_db (fixture->store), "DROP TRIGGER refuse_efua");
  g_clear_error (&error);

  /* And then it works. */
  g_assert_true (desk_signin_apply (fixture->store, plan, fixture->workshop, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);
}

/* A second connection to the fixture's file, as a worker has. */
static DeskStore *
open_worker_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = desk_store_open (fixture->path, &error);

  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);

  return store;
}

/* The database file and its -wal, digested: equal means byte for byte. */
static char *
database_digest (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *db_digest = test_file_digest (fixture->path);
  g_autofree char *wal_digest = g_file_test (wal, G_FILE_TEST_EXISTS) ? test_file_digest (wal) : NULL;

  return g_strconcat (db_digest, "/", wal_digest != NULL ? wal_digest : "-", NULL);
}

/* Cancels the import when it first reports, before its first row: the rows are still
 * written, and the check before the commit finds the cancel. */
static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
count_changed (DeskStore  *store,
               const char *kind,
               const char *uuid,
               guint      *count)
{
  (*count)++;
}

/* Cancelled on a worker's connection, through a history: the transaction is rolled back,
 * the database byte for byte as it was, and the history has nothing to undo. */
static void
test_apply_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(DeskStore) worker = open_worker_store (fixture);
  g_autoptr(DeskHistory) history = desk_history_new (worker);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = database_digest (fixture);
  g_autofree char *after = NULL;
  gint64 rows = test_count_all_rows (fixture->store);
  DeskSigninResult result = { 0 };

  g_assert_false (desk_signin_apply_full (worker, history, plan, fixture->workshop, &result,
                                          cancellable, cancel_on_progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (desk_history_can_undo (history));
  g_assert_false (desk_history_in_group (history));
  g_assert_cmpuint (result.people_added, ==, 0);

  after = database_digest (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, rows);
  g_assert_cmpint (test_count_all_rows (worker), ==, rows);
}

/* Applied on a worker's connection through a history of its own, then adopted by the
 * window's history: the window's store announces each record written, and one undo
 * there takes the whole import back (redo makes it again). */
static void
test_apply_worker_adopted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, "utf8.csv", NULL);
  g_autoptr(DeskHistory) window_history = desk_history_new (fixture->store);
  g_autoptr(DeskStore) worker = open_worker_store (fixture);
  g_autoptr(DeskHistory) worker_history = desk_history_new (worker);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 people = desk_store_count (fixture->store, DESK_KIND_PERSON, NULL);
  gint64 entries = desk_store_count (fixture->store, DESK_KIND_ATTENDANCE, NULL);
  DeskSigninResult result = { 0 };
  double last = 0.0;
  guint announced = 0;

  g_assert_true (desk_signin_apply_full (worker, worker_history, plan, fixture->workshop, &result,
                                         cancellable, record_progress, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  /* What desk_signin_apply gives (see test_apply_one_transaction). */
  g_assert_cmpuint (result.people_added, ==, 3);
  g_assert_cmpuint (result.people_matched, ==, 1);
  g_assert_cmpuint (result.attendance_added, ==, 4);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed), &announced);
  desk_history_adopt (window_history, worker_history);
  /* Three new people and four entries on the list, each once. */
  g_assert_cmpuint (announced, ==, 7);
  g_assert_false (desk_history_can_undo (worker_history));
  g_assert_true (desk_history_can_undo (window_history));
  g_assert_cmpstr (desk_history_get_undo_label (window_history), ==, "Imported a sign-in sheet");
  /* The worker's connection is closed before the window undoes. */
  g_clear_object (&worker_history);
  g_clear_object (&worker);

  g_assert_true (desk_history_undo (window_history, &error));
  g_assert_no_error (error);
  /* (Each record taken back leaves its tombstone.) */
  g_assert_cmpint (desk_store_count (fixture->store, DESK_KIND_PERSON, NULL), ==, people);
  g_assert_cmpint (desk_store_count (fixture->store, DESK_KIND_ATTENDANCE, NULL), ==, entries);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 0);

  g_assert_true (desk_history_redo (window_history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_attendance (fixture->store, fixture->workshop, "attended"), ==, 4);
}

static void
test_plan_writes_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *const names[] = {
    "utf8.csv", "utf8-bom.csv", "utf16le-tab.txt", "semicolon.csv", "quoted.csv",
    "crlf.csv", "cr.csv", "chinese-headers.csv", "mixed-values.csv", "malformed.csv",
    "repeated-header.csv", "invisible-names.csv", "unterminated-quote.csv",
    "stray-quote.csv",
  };
  gint64 before = test_count_all_rows (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(DeskSigninPlan) plan = plan_fixture (fixture, names[i], NULL);

      g_assert_cmpuint (desk_signin_plan_get_n_rows (plan), >, 0);
    }
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

static void
test_unknown_workshop (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("utf8.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  plan = desk_signin_plan_new (fixture->store, "no-such-workshop", bytes, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
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
  ADD ("refuse-empty", test_refuse_empty);
  ADD ("refuse-binary", test_refuse_binary);
  ADD ("refuse-no-names", test_refuse_no_names);
  ADD ("refuse-huge", test_refuse_huge);
  ADD ("read-file", test_read_file);
  ADD ("read-special", test_read_special);
  ADD ("repeated-header", test_repeated_header);
  ADD ("duplicate-column", test_duplicate_column);
  ADD ("invisible-names", test_invisible_names);
  ADD ("hostile-bytes", test_hostile_bytes);
  ADD ("hostile-rows", test_hostile_rows);
  ADD ("too-many-rows", test_too_many_rows);
  g_test_add ("/core/signin/apply-cancelled", Fixture, GINT_TO_POINTER (-1), fixture_set_up,
              test_apply_cancelled, fixture_tear_down);
  g_test_add ("/core/signin/apply-worker-adopted", Fixture, GINT_TO_POINTER (-1), fixture_set_up,
              test_apply_worker_adopted, fixture_tear_down);
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
  ADD ("repeat-in-file", test_repeat_in_file);
  ADD ("apply", test_apply);
  ADD ("apply-marks-registered", test_apply_marks_registered);
  ADD ("apply-one-transaction", test_apply_one_transaction);
  ADD ("plan-writes-nothing", test_plan_writes_nothing);
  ADD ("unknown-workshop", test_unknown_workshop);

  return g_test_run ();
}
