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

/* A name close to someone's is offered, closest first; a far one is not. */
static void
test_find_similar (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *group = fixture->world->group;
  const char *abena = test_world_uuid (fixture->world, "person");
  g_autoptr(DeskRecord) other_org = NULL;
  g_autoptr(DeskRecord) ama = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *distinction = NULL;

  other_org = test_add (fixture->store, DESK_KIND_PERSON, group, "name", "ABENA MENSAH",
                        "organisation", "Chamber of Mines", "pillar", "company",
                        "gender", "woman", NULL);
  ama = test_add (fixture->store, DESK_KIND_PERSON, group, "name", "Ama Owusu",
                  "gender", "woman", NULL);

  /* The same folded name in two organisations: both, told apart by what differs. */
  found = desk_people_find_similar (fixture->store, group, "abena mensah", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  distinction = desk_person_dup_distinction (fixture->store, g_ptr_array_index (found, 0));
  g_assert_nonnull (strstr (distinction, "Mines"));
  g_assert_nonnull (strstr (distinction, " · "));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* One letter dropped, then two changed: still her, and still both of that name. */
  found = desk_people_find_similar (fixture->store, group, "Abena Mensa", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = desk_people_find_similar (fixture->store, group, "Abina Mansah", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_str_equal (desk_record_get_uuid (g_ptr_array_index (found, 0)), abena) ||
                 g_str_equal (desk_record_get_uuid (g_ptr_array_index (found, 1)), abena));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The exact name comes before the one two letters away. */
  found = desk_people_find_similar (fixture->store, group, "Ama Owusu", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (desk_record_get_uuid (g_ptr_array_index (found, 0)), ==, desk_record_get_uuid (ama));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Three edits is another person; a short name allows only one. */
  found = desk_people_find_similar (fixture->store, group, "Abina Mansa", &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = desk_people_find_similar (fixture->store, group, "Amo Owusu", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = desk_people_find_similar (fixture->store, group, "", &error);
  g_assert_cmpuint (found->len, ==, 0);
}

typedef struct
{
  char *abena;
  char *abena2;
  char *second_workshop;
  char *nomination;
} Twins;

static void
twins_clear (Twins *t)
{
  g_free (t->abena);
  g_free (t->abena2);
  g_free (t->second_workshop);
  g_free (t->nomination);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Twins, twins_clear)

/* The world's Abena, and "Abena Mensa" — the same woman entered twice: she is on the
 * world's workshop as a speaker (Abena only as a participant, absent), and alone on a
 * second one, and nominated. */
static void
add_twins (DeskStore *store,
           TestWorld *world,
           Twins     *t)
{
  g_autoptr(DeskRecord) twin = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(DeskRecord) entry2 = NULL;
  g_autoptr(DeskRecord) nomination = NULL;
  g_autoptr(DeskRecord) abena = desk_store_get (store, DESK_KIND_PERSON,
                                                test_world_uuid (world, "person"), NULL);
  g_autoptr(DeskRecord) first = desk_store_get (store, DESK_KIND_ATTENDANCE,
                                                test_world_uuid (world, "attendance"), NULL);
  g_autoptr(GError) error = NULL;

  desk_record_set_string (first, "status", "absent");
  g_assert_true (desk_store_update (store, first, &error));
  g_assert_no_error (error);

  twin = test_add (store, DESK_KIND_PERSON, world->group, "name", "Abena Mensa",
                   "phone", "+233 20 000 0000", "gender", "woman", NULL);
  workshop = test_add (store, DESK_KIND_WORKSHOP, world->group,
                       "activity_uuid", test_world_uuid (world, "activity"),
                       "title_en", "Second", "start_date", "2026-03-01",
                       "end_date", "2026-03-01", "format", "online", "planned_participants", "0", NULL);
  entry = test_add (store, DESK_KIND_ATTENDANCE, world->group,
                    "workshop_uuid", test_world_uuid (world, "workshop"),
                    "person_uuid", desk_record_get_uuid (twin), "role", "speaker",
                    "status", "attended", NULL);
  entry2 = test_add (store, DESK_KIND_ATTENDANCE, world->group,
                     "workshop_uuid", desk_record_get_uuid (workshop),
                     "person_uuid", desk_record_get_uuid (twin), "role", "participant",
                     "status", "attended", NULL);
  nomination = test_add (store, DESK_KIND_NOMINATION, world->group, "year", "2027",
                         "person_uuid", desk_record_get_uuid (twin),
                         "member_uuid", test_world_uuid (world, "member"),
                         "status", "nominated", NULL);

  t->abena = g_strdup (desk_record_get_uuid (abena));
  t->abena2 = g_strdup (desk_record_get_uuid (twin));
  t->second_workshop = g_strdup (desk_record_get_uuid (workshop));
  t->nomination = g_strdup (desk_record_get_uuid (nomination));
}

static char *
person_attendance (DeskStore  *store,
                   const char *person)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (entry, ',') FROM "
                                          "  (SELECT w.title_en || ':' || a.role || ':' || a.status AS entry "
                                          "   FROM attendance a JOIN workshops w ON w.uuid = a.workshop_uuid "
                                          "   WHERE a.person_uuid = '%s' ORDER BY w.start_date)", person);

  return test_sqlite_query (_desk_store_get_db (store), sql);
}

static char *
database_state (DeskStore *store)
{
  sqlite3 *db = _desk_store_get_db (store);

  return test_sqlite_query (db,
                            "SELECT (SELECT group_concat (uuid || name || phone || updated, ';') FROM "
                            "         (SELECT * FROM people ORDER BY uuid)) || '|' || "
                            "       (SELECT group_concat (uuid || person_uuid || role || status, ';') FROM "
                            "         (SELECT * FROM attendance ORDER BY uuid)) || '|' || "
                            "       (SELECT group_concat (uuid || coalesce (person_uuid, '-'), ';') FROM "
                            "         (SELECT * FROM plenary_nominations ORDER BY uuid)) || '|' || "
                            "       (SELECT count (*) FROM person_merges)");
}

/* Invited ranks above absent: the merged entry keeps the invitation. */
static void
test_merge_invited (Fixture       *fixture,
                    gconstpointer  data)
{
  DeskStore *store = fixture->store;
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_auto(Twins) t = { NULL };
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *attended = NULL;

  add_twins (store, fixture->world, &t);
  sql = g_strdup_printf ("UPDATE attendance SET status = 'invited' WHERE person_uuid = '%s' "
                         "AND workshop_uuid = '%s'", t.abena2,
                         test_world_uuid (fixture->world, "workshop"));
  test_sqlite_exec (_desk_store_get_db (store), sql);

  kept = desk_store_get (store, DESK_KIND_PERSON, t.abena, NULL);
  g_assert_true (desk_people_merge (history, kept, t.abena2, &error));
  g_assert_no_error (error);
  attended = person_attendance (store, t.abena);
  g_assert_cmpstr (attended, ==, "Workshop:speaker:invited,Second:participant:attended");
}

/* Every attendance of the merged-away person is the kept one's, one per workshop; the
 * nomination follows; one Ctrl+Z gives both people back as they were. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  DeskStore *store = fixture->store;
  sqlite3 *db = _desk_store_get_db (store);
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_auto(Twins) t = { NULL };
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(DeskRecord) nomination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *attended = NULL;
  g_autofree char *merged_into = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *tombstone = NULL;

  add_twins (store, fixture->world, &t);
  before = database_state (store);

  /* The kept record takes the other's phone number. */
  kept = desk_store_get (store, DESK_KIND_PERSON, t.abena, NULL);
  desk_record_set_string (kept, "phone", "+233 20 000 0000");
  g_assert_true (desk_people_merge (history, kept, t.abena2, &error));
  g_assert_no_error (error);

  g_assert_false (_desk_store_record_exists (store, DESK_KIND_PERSON, t.abena2, NULL));
  attended = person_attendance (store, t.abena);
  g_assert_cmpstr (attended, ==, "Workshop:speaker:attended,Second:participant:attended");
  g_assert_cmpint (test_sqlite_int (db, "SELECT count (*) FROM attendance"), ==, 2);
  nomination = desk_store_get (store, DESK_KIND_NOMINATION, t.nomination, NULL);
  g_assert_cmpstr (desk_record_get_string (nomination, "person_uuid"), ==, t.abena);
  g_clear_object (&kept);
  kept = desk_store_get (store, DESK_KIND_PERSON, t.abena, NULL);
  g_assert_cmpstr (desk_record_get_string (kept, "phone"), ==, "+233 20 000 0000");
  sql = g_strdup_printf ("SELECT kind FROM tombstones WHERE uuid = '%s'", t.abena2);
  tombstone = test_sqlite_query (db, sql);
  g_assert_cmpstr (tombstone, ==, "person");
  merged_into = desk_people_dup_merged_into (store, t.abena2);
  g_assert_cmpstr (merged_into, ==, t.abena);
  g_assert_null (desk_people_dup_merged_into (store, t.abena));

  /* One step, and undoing it gives back exactly what was there. */
  g_assert_nonnull (strstr (desk_history_get_undo_label (history), "Abena Mensa"));
  g_assert_true (desk_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_false (desk_history_can_undo (history));
  after = database_state (store);
  /* The merge's row stays (the last figure), meaning nothing while the person is there
   * again. */
  g_assert_cmpstr (before + strlen (before) - 2, ==, "|0");
  g_assert_cmpstr (after + strlen (after) - 2, ==, "|1");
  after[strlen (after) - 1] = '0';
  g_assert_cmpstr (after, ==, before);
  g_assert_null (desk_people_dup_merged_into (store, t.abena2));

  /* Redo makes the merge true again. */
  g_assert_true (desk_history_redo (history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&merged_into, g_free);
  merged_into = desk_people_dup_merged_into (store, t.abena2);
  g_assert_cmpstr (merged_into, ==, t.abena);
}

/* The kept record's details stay; those it lacks come from the other; consent does not. */
static void
test_merged_details (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskRecord) kept = test_record_new (DESK_KIND_PERSON, fixture->world->group,
                                                "name", "Abena Mensah", "email", "abena@example.org",
                                                "gender", "not_stated", "consent_named", "0",
                                                "vulnerable_groups", "youth", NULL);
  g_autoptr(DeskRecord) gone = test_record_new (DESK_KIND_PERSON, fixture->world->group,
                                                "name", "Abena Mensa", "email", "old@example.org",
                                                "phone", "+233 20 000 0000", "gender", "woman",
                                                "consent_named", "1", "organisation", "Chamber of Mines",
                                                "vulnerable_groups", "women_girls,youth", NULL);
  g_autoptr(DeskRecord) merged = desk_people_merged_details (kept, gone);
  const char *const *groups = desk_record_get_set (merged, "vulnerable_groups");

  g_assert_cmpstr (desk_record_get_string (merged, "name"), ==, "Abena Mensah");
  g_assert_cmpstr (desk_record_get_string (merged, "email"), ==, "abena@example.org");
  g_assert_cmpstr (desk_record_get_string (merged, "phone"), ==, "+233 20 000 0000");
  g_assert_cmpstr (desk_record_get_string (merged, "organisation"), ==, "Chamber of Mines");
  g_assert_cmpstr (desk_record_get_string (merged, "gender"), ==, "woman");
  g_assert_cmpint (desk_record_get_int (merged, "consent_named"), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) groups), ==, 2);
  g_assert_true (g_strv_contains (groups, "women_girls"));
  g_assert_cmpstr (desk_record_get_uuid (merged), ==, desk_record_get_uuid (kept));
}

/* A merge that cannot be made leaves everything as it was, and says why. */
static void
test_merge_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  DeskStore *store = fixture->store;
  g_autoptr(DeskHistory) history = desk_history_new (store);
  g_auto(Twins) t = { NULL };
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_twins (store, fixture->world, &t);
  before = database_state (store);
  kept = desk_store_get (store, DESK_KIND_PERSON, t.abena, NULL);

  g_assert_false (desk_people_merge (history, kept, t.abena, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  /* A kept record core refuses (a blank name) fails the last write of all: the moves
   * before it are rolled back. */
  desk_record_set_string (kept, "name", " ");
  g_assert_false (desk_people_merge (history, kept, t.abena2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = database_state (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (desk_history_can_undo (history));
  g_assert_false (desk_history_in_group (history));
}

/* After a merge at the secretariat, a bundle from a coordinator who never heard of it —
 * written later, with the merged-away person changed — neither brings them back nor
 * loses the workshop it says she attended: it is the kept person's. */
static void
test_merge_then_import (Fixture       *fixture,
                        gconstpointer  data)
{
  DeskStore *src = fixture->store;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "1.gdbundle", NULL);
  g_autofree char *second = g_build_filename (dir, "2.gdbundle", NULL);
  g_autofree char *db_path = g_build_filename (dir, "dst.db", NULL);
  g_autoptr(DeskStore) dst = NULL;
  g_autoptr(DeskHistory) history = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autoptr(DeskRecord) kept = NULL;
  g_autoptr(DeskRecord) twin = NULL;
  g_autoptr(DeskRecord) third = NULL;
  g_autoptr(DeskRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Twins) t = { NULL };
  g_autofree char *attended = NULL;

  add_twins (src, fixture->world, &t);
  g_assert_true (desk_bundle_export (src, fixture->world->group, "2026-01-01", "2026-06-30",
                                     DESK_PRIVACY_NAMED, first, &error));
  g_assert_no_error (error);

  dst = desk_store_open (db_path, &error);
  g_assert_no_error (error);
  test_set_now (dst, TEST_NOW);
  plan = desk_bundle_import (dst, first, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&plan, desk_import_plan_free);
  g_assert_true (_desk_store_record_exists (dst, DESK_KIND_PERSON, t.abena2, NULL));

  history = desk_history_new (dst);
  kept = desk_store_get (dst, DESK_KIND_PERSON, t.abena, NULL);
  g_assert_true (desk_people_merge (history, kept, t.abena2, &error));
  g_assert_no_error (error);

  /* A week later the coordinator corrects the twin and puts her on a third list. */
  test_set_now (src, "2026-12-02T10:00:00Z");
  twin = desk_store_get (src, DESK_KIND_PERSON, t.abena2, NULL);
  desk_record_set_string (twin, "role_title", "Director");
  g_assert_true (desk_store_update (src, twin, &error));
  third = test_add (src, DESK_KIND_WORKSHOP, fixture->world->group,
                    "activity_uuid", test_world_uuid (fixture->world, "activity"),
                    "title_en", "Third", "start_date", "2026-05-01",
                    "end_date", "2026-05-01", "format", "online", "planned_participants", "0", NULL);
  entry = test_add (src, DESK_KIND_ATTENDANCE, fixture->world->group,
                    "workshop_uuid", desk_record_get_uuid (third), "person_uuid", t.abena2,
                    "role", "participant", "status", "attended", NULL);
  g_assert_true (desk_bundle_export (src, fixture->world->group, "2026-01-01", "2026-06-30",
                                     DESK_PRIVACY_NAMED, second, &error));
  g_assert_no_error (error);

  test_set_now (dst, "2026-12-03T10:00:00Z");
  plan = desk_bundle_import (dst, second, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (plan->refused);

  g_assert_false (_desk_store_record_exists (dst, DESK_KIND_PERSON, t.abena2, NULL));
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (dst), "SELECT count (*) FROM people"), ==, 1);
  attended = person_attendance (dst, t.abena);
  g_assert_cmpstr (attended, ==, "Workshop:speaker:attended,Second:participant:attended,"
                                 "Third:participant:attended");

  g_clear_object (&dst);
  test_rm_rf (dir);
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
  ADD ("find-similar", test_find_similar);
  ADD ("merge", test_merge);
  ADD ("merge-invited", test_merge_invited);
  ADD ("merge-refused", test_merge_refused);
  ADD ("merged-details", test_merged_details);
  ADD ("merge-then-import", test_merge_then_import);

  return g_test_run ();
}
