/* test-people.c — one person, one record: duplicate detection, organisation, deletion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  DeskStore *store;
  TestWorld *world;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_open_memory (NULL);
  /* The world's person is Abena Mensah of the member "Ministry of Mines" (no free text). */
  fixture->world = test_world_new (fixture->store, "GH-TEST");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->world, test_world_free);
  g_clear_object (&fixture->store);
}

static void
assert_finds (Fixture    *fixture,
              const char *name,
              const char *organisation,
              const char *expected_uuid)
{
  g_autoptr(DeskRecord) found = desk_store_find_person (fixture->store, fixture->world->group,
                                                        name, organisation);

  if (expected_uuid == NULL)
    {
      if (found != NULL)
        g_error ("“%s” of “%s” found %s", name, organisation, desk_record_get_uuid (found));
      return;
    }
  if (found == NULL)
    g_error ("“%s” of “%s” was not found", name, organisation);
  g_assert_cmpstr (desk_record_get_uuid (found), ==, expected_uuid);
}

static void
test_find_latin (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *abena = test_world_uuid (fixture->world, "person");
  g_autoptr(DeskRecord) jose = NULL;

  /* Through her member organisation's name, however it is spelled. */
  assert_finds (fixture, "Abena Mensah", "Ministry of Mines", abena);
  assert_finds (fixture, "  ABENA   mensah ", "ministry  of mines", abena);
  assert_finds (fixture, "Ａｂｅｎａ Ｍｅｎｓａｈ", "ＭＩＮＩＳＴＲＹ ＯＦ ＭＩＮＥＳ", abena);
  assert_finds (fixture, "Abena Mensah", "Chamber of Mines", NULL);
  assert_finds (fixture, "Abena Mensah", "", NULL);
  assert_finds (fixture, "Abena Mensa", "Ministry of Mines", NULL);
  assert_finds (fixture, "", "Ministry of Mines", NULL);

  jose = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                   "name", "José Ramírez", "organisation", "Defensoría del Pueblo",
                   "gender", "man", NULL);
  assert_finds (fixture, "jose ramirez", "DEFENSORIA DEL PUEBLO",
                desk_record_get_uuid (jose));
  assert_finds (fixture, "José  Ramírez", "Defensoría del Pueblo ", desk_record_get_uuid (jose));
}

static void
test_find_chinese (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskRecord) zhang = NULL;
  g_autoptr(DeskRecord) zhang_latin = NULL;
  g_autoptr(DeskRecord) zhang_other = NULL;
  g_autoptr(DeskRecord) nobody = NULL;

  zhang = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                    "name", "张伟", "organisation", "矿业部", "gender", "man", NULL);
  zhang_latin = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                          "name", "Zhang Wei", "organisation", "Zijin Mining", "gender", "man", NULL);
  zhang_other = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                          "name", "张伟", "organisation", "紫金矿业", "gender", "man", NULL);

  assert_finds (fixture, "张伟", "矿业部", desk_record_get_uuid (zhang));
  assert_finds (fixture, "张 伟", "矿业部", desk_record_get_uuid (zhang));
  assert_finds (fixture, "张　伟", " 矿业部 ", desk_record_get_uuid (zhang));
  assert_finds (fixture, "张伟", "紫金矿业", desk_record_get_uuid (zhang_other));
  assert_finds (fixture, "ＺＨＡＮＧ　Ｗｅｉ", "ＺＩＪＩＮ ＭＩＮＩＮＧ", desk_record_get_uuid (zhang_latin));
  assert_finds (fixture, "zhang wei", "zijin  mining", desk_record_get_uuid (zhang_latin));
  /* Another script is another spelling, not the same name. */
  assert_finds (fixture, "Zhang Wei", "矿业部", NULL);
  assert_finds (fixture, "张伟", "", NULL);

  /* The member's Chinese name counts too. */
  nobody = test_add (fixture->store, DESK_KIND_MEMBER, fixture->world->group,
                     "name_en", "Ghana Chamber of Mines", "name_zh", "加纳矿业商会",
                     "pillar", "company", "status", "full", NULL);
  {
    g_autoptr(DeskRecord) li = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                                         "name", "李娜", "member_uuid",
                                         desk_record_get_uuid (nobody), "gender", "woman", NULL);
    g_autofree char *member = NULL;

    assert_finds (fixture, "李 娜", "加纳矿业商会", desk_record_get_uuid (li));
    assert_finds (fixture, "李娜", "ghana chamber of mines", desk_record_get_uuid (li));

    member = desk_store_find_member_by_name (fixture->store, fixture->world->group, "加纳 矿业商会");
    g_assert_cmpstr (member, ==, desk_record_get_uuid (nobody));
    g_clear_pointer (&member, g_free);
    member = desk_store_find_member_by_name (fixture->store, fixture->world->group, "MINISTRY OF MINES");
    g_assert_cmpstr (member, ==, test_world_uuid (fixture->world, "member"));
    g_clear_pointer (&member, g_free);
    member = desk_store_find_member_by_name (fixture->store, fixture->world->group, "");
    g_assert_null (member);
  }
}

static void
test_find_other_group (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TestWorld) other = test_world_new (fixture->store, "NG-TEST");
  g_autoptr(DeskRecord) found = NULL;

  /* Each group has its own Abena Mensah: a search stays within its group. */
  found = desk_store_find_person (fixture->store, other->group, "Abena Mensah", "Ministry of Mines");
  g_assert_nonnull (found);
  g_assert_cmpstr (desk_record_get_uuid (found), ==, test_world_uuid (other, "person"));
  g_assert_cmpstr (desk_record_get_uuid (found), !=, test_world_uuid (fixture->world, "person"));
}

static void
test_free_text_and_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DeskRecord) lone = NULL;

  lone = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                   "name", "Kofi Boateng", "gender", "man", NULL);
  /* No organisation matches only no organisation. */
  assert_finds (fixture, "Kofi Boateng", "", desk_record_get_uuid (lone));
  assert_finds (fixture, "Kofi Boateng", NULL, desk_record_get_uuid (lone));
  assert_finds (fixture, "Kofi Boateng", "Gold Fields", NULL);
}

static void
test_display_organisation (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskRecord) free_text = NULL;
  g_autoptr(DeskRecord) none = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  a = desk_person_dup_organisation (fixture->store, test_world_get (fixture->world, "person"));
  g_assert_cmpstr (a, ==, "Ministry of Mines");

  free_text = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                        "name", "Ama Owusu", "organisation", "WACAM", "gender", "woman", NULL);
  b = desk_person_dup_organisation (fixture->store, free_text);
  g_assert_cmpstr (b, ==, "WACAM");

  none = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                   "name", "Yaw Darko", "gender", "man", NULL);
  c = desk_person_dup_organisation (fixture->store, none);
  g_assert_cmpstr (c, ==, "");
}

static void
test_delete_person (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = _desk_store_get_db (fixture->store);
  const char *person = test_world_uuid (fixture->world, "person");
  const char *attendance = test_world_uuid (fixture->world, "attendance");
  const char *nomination = test_world_uuid (fixture->world, "nomination");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DeskRecord) after = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *kind = NULL;

  /* On a second workshop's list too. */
  {
    g_autoptr(DeskRecord) workshop = test_add (fixture->store, DESK_KIND_WORKSHOP, NULL,
                                               "activity_uuid", test_world_uuid (fixture->world, "activity"),
                                               "title_en", "Second", "start_date", "2026-06-01",
                                               "end_date", "2026-06-01", "format", "online", "planned_participants", "0", NULL);
    g_autoptr(DeskRecord) entry = test_add (fixture->store, DESK_KIND_ATTENDANCE, NULL,
                                            "workshop_uuid", desk_record_get_uuid (workshop),
                                            "person_uuid", person, "role", "speaker",
                                            "status", "attended", NULL);
  }
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM attendance"), ==, 2);

  g_assert_true (desk_store_delete (fixture->store, DESK_KIND_PERSON, person, &error));
  g_assert_no_error (error);

  /* Gone from every list… */
  people = desk_store_list (fixture->store, DESK_KIND_PERSON, fixture->world->group, &error);
  g_assert_cmpuint (people->len, ==, 0);
  list = desk_store_list (fixture->store, DESK_KIND_ATTENDANCE, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM person_vulnerable_groups"), ==, 0);
  /* …the nomination stays, without its nominee… */
  after = desk_store_get (fixture->store, DESK_KIND_NOMINATION, nomination, &error);
  g_assert_no_error (error);
  g_assert_null (desk_record_get_string (after, "person_uuid"));

  /* …and only tombstones are left, for the person and each attendance. */
  sql = g_strdup_printf ("SELECT kind FROM tombstones WHERE uuid = '%s'", person);
  kind = test_sqlite_query (db, sql);
  g_assert_cmpstr (kind, ==, "person");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&kind, g_free);
  sql = g_strdup_printf ("SELECT kind FROM tombstones WHERE uuid = '%s'", attendance);
  kind = test_sqlite_query (db, sql);
  g_assert_cmpstr (kind, ==, "attendance");
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM tombstones WHERE kind = 'attendance'"),
                   ==, 2);
  g_clear_pointer (&sql, g_free);
  /* No trace of the name anywhere. */
  g_assert_cmpint (test_sqlite_int (db, "SELECT count(*) FROM people"), ==, 0);
  g_assert_null (desk_store_find_person (fixture->store, fixture->world->group,
                                         "Abena Mensah", "Ministry of Mines"));
}

/* Names are stored as desk_text_normalize_name makes them, by core's validation, whoever
 * writes them; invisible characters never make two people of one. */
static void
test_normalized_on_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DeskRecord) ama = NULL;
  g_autoptr(DeskRecord) stored = NULL;
  g_autoptr(DeskRecord) again = NULL;
  g_autoptr(GError) error = NULL;

  ama = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                  "name", " \u202eAma\u200b  Mensah\u00ad\ufeff ", "gender", "woman",
                  "organisation", "Friends\u200d of the\r\nNation ",
                  "phone", "\u2066+233 20 000 0009\u2069", "email", " ama@example.org\u200b",
                  NULL);
  stored = desk_store_get (fixture->store, DESK_KIND_PERSON, desk_record_get_uuid (ama), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (stored, "name"), ==, "Ama Mensah");
  g_assert_cmpstr (desk_record_get_string (stored, "organisation"), ==, "Friends of the Nation");
  g_assert_cmpstr (desk_record_get_string (stored, "phone"), ==, "+233 20 000 0009");
  g_assert_cmpstr (desk_record_get_string (stored, "email"), ==, "ama@example.org");
  g_assert_cmpstr (desk_record_get_string (stored, "name_key"), ==, "ama mensah");

  /* Found whatever invisible characters the search carries. */
  assert_finds (fixture, "Ama\u200b Mensah", "Friends of the Nation", desk_record_get_uuid (ama));
  assert_finds (fixture, "\u202eAma Mens\u200dah", "Friends\u200b of the Nation",
                desk_record_get_uuid (ama));

  /* An update is normalised too. */
  again = desk_record_copy (stored);
  desk_record_set_string (again, "name", "Ama\u2060 Mensah-Bonsu");
  g_assert_true (desk_store_update (fixture->store, again, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = desk_store_get (fixture->store, DESK_KIND_PERSON, desk_record_get_uuid (ama), &error);
  g_assert_cmpstr (desk_record_get_string (stored, "name"), ==, "Ama Mensah-Bonsu");
}

static void
test_names_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *name; const char *says; } refused[] = {
    { "Ama\nMensah", "more than one line" },
    { "Ama\u2028Mensah", "more than one line" },
    { "Ama\x1b[2J", "control character" },
    { "\u200b\u200b", "required" },
    { "\u202e", "required" },
    { "\u0301", "no visible" },
  };
  gint64 people = test_count_rows (fixture->store, DESK_KIND_PERSON);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(DeskRecord) person = desk_record_new (DESK_KIND_PERSON);
      g_autoptr(GError) error = NULL;
      g_autofree char *bad = NULL;

      desk_record_set_group (person, fixture->world->group);
      desk_record_set_string (person, "name", refused[i].name);
      desk_record_set_string (person, "gender", "woman");
      g_assert_false (desk_store_validate (fixture->store, person, &bad, &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpstr (bad, ==, "name");
      if (strstr (error->message, refused[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, refused[i].says);
      g_clear_error (&error);
      g_assert_false (desk_store_insert (fixture->store, person, &error));
    }
  g_assert_cmpint (test_count_rows (fixture->store, DESK_KIND_PERSON), ==, people);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/people/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("find-latin", test_find_latin);
  ADD ("find-chinese", test_find_chinese);
  ADD ("find-other-group", test_find_other_group);
  ADD ("find-free-text-and-empty", test_free_text_and_empty);
  ADD ("display-organisation", test_display_organisation);
  ADD ("delete", test_delete_person);
  ADD ("normalized-on-save", test_normalized_on_save);
  ADD ("names-refused", test_names_refused);

  return g_test_run ();
}
