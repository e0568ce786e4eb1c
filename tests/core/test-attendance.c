/* test-attendance.c — check-in, and the pillar × gender breakdowns against counts made
 * here, record by record
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
  fixture->world = test_world_new (fixture->store, "GH-TEST");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->world, test_world_free);
  g_clear_object (&fixture->store);
}

static char *
add_workshop (Fixture    *fixture,
              const char *start)
{
  g_autoptr(DeskRecord) w = test_add (fixture->store, DESK_KIND_WORKSHOP, NULL,
                                      "activity_uuid", test_world_uuid (fixture->world, "activity"),
                                      "title_en", "Workshop", "start_date", start,
                                      "end_date", start, "format", "in_person", "planned_participants", "0", NULL);

  return g_strdup (desk_record_get_uuid (w));
}

static char *
add_person (Fixture    *fixture,
            const char *name,
            const char *pillar,
            const char *gender)
{
  g_autoptr(DeskRecord) p = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group,
                                      "name", name, "pillar", pillar, "gender", gender, NULL);

  return g_strdup (desk_record_get_uuid (p));
}

static void
attend (Fixture    *fixture,
        const char *workshop,
        const char *person,
        const char *status)
{
  g_autoptr(DeskRecord) a = test_add (fixture->store, DESK_KIND_ATTENDANCE, NULL,
                                      "workshop_uuid", workshop, "person_uuid", person,
                                      "role", "participant", "status", status, NULL);
}

/* The expected breakdown, counted in C from the records themselves. */
typedef struct
{
  GHashTable *cells;     /* "pillar/gender" → count */
  GHashTable *people;    /* person → number of workshops */
  gint64 attendances;
  gint64 women;
  GHashTable *women_people;
  GHashTable *pillar_people; /* "pillar/person" → 1 */
} Expected;

static void
expected_clear (Expected *e)
{
  g_clear_pointer (&e->cells, g_hash_table_unref);
  g_clear_pointer (&e->people, g_hash_table_unref);
  g_clear_pointer (&e->women_people, g_hash_table_unref);
  g_clear_pointer (&e->pillar_people, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expected, expected_clear)

static GHashTable *
index_by_uuid (DeskStore      *store,
               const DeskKind *kind)
{
  g_autoptr(GPtrArray) list = desk_store_list (store, kind, NULL, NULL);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      DeskRecord *r = g_ptr_array_index (list, i);
      g_hash_table_insert (map, g_strdup (desk_record_get_uuid (r)), g_object_ref (r));
    }

  return map;
}

static void
count_expected (DeskStore  *store,
                const char *group,
                const char *workshop,
                const char *from,
                const char *to,
                Expected   *e)
{
  g_autoptr(GPtrArray) attendance = desk_store_list (store, DESK_KIND_ATTENDANCE, group, NULL);
  g_autoptr(GHashTable) workshops = index_by_uuid (store, DESK_KIND_WORKSHOP);
  g_autoptr(GHashTable) people = index_by_uuid (store, DESK_KIND_PERSON);
  g_autoptr(GHashTable) members = index_by_uuid (store, DESK_KIND_MEMBER);

  e->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->women_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->pillar_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < attendance->len; i++)
    {
      DeskRecord *a = g_ptr_array_index (attendance, i);
      DeskRecord *w = g_hash_table_lookup (workshops, desk_record_get_string (a, "workshop_uuid"));
      DeskRecord *p = g_hash_table_lookup (people, desk_record_get_string (a, "person_uuid"));
      const char *start = desk_record_get_string (w, "start_date");
      const char *pillar = desk_record_get_string (p, "pillar");
      const char *gender = desk_record_get_string (p, "gender");
      const char *person = desk_record_get_uuid (p);
      g_autofree char *cell = NULL;
      g_autofree char *pillar_person = NULL;

      if (!g_str_equal (desk_record_get_string (a, "status"), "attended"))
        continue;
      if (workshop != NULL && !g_str_equal (workshop, desk_record_get_uuid (w)))
        continue;
      if ((from != NULL && strcmp (start, from) < 0) || (to != NULL && strcmp (start, to) > 0))
        continue;

      if (pillar == NULL && desk_record_get_string (p, "member_uuid") != NULL)
        pillar = desk_record_get_string (g_hash_table_lookup (members,
                                                              desk_record_get_string (p, "member_uuid")),
                                         "pillar");
      if (pillar == NULL)
        pillar = "not_stated";

      cell = g_strdup_printf ("%s/%s", pillar, gender);
      g_hash_table_insert (e->cells, g_strdup (cell),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (e->cells, cell)) + 1));
      g_hash_table_insert (e->people, g_strdup (person),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (e->people, person)) + 1));
      pillar_person = g_strdup_printf ("%s/%s", pillar, person);
      g_hash_table_add (e->pillar_people, g_steal_pointer (&pillar_person));
      e->attendances++;
      if (g_str_equal (gender, "woman"))
        {
          e->women++;
          g_hash_table_add (e->women_people, g_strdup (person));
        }
    }
}

static gint64
pillar_people (Expected   *e,
               const char *pillar)
{
  GHashTableIter iter;
  gpointer key;
  gint64 n = 0;
  g_autofree char *prefix = g_strconcat (pillar, "/", NULL);

  g_hash_table_iter_init (&iter, e->pillar_people);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_str_has_prefix (key, prefix);

  return n;
}

static void
assert_breakdown (DeskStore  *store,
                  const char *group,
                  const char *workshop,
                  const char *from,
                  const char *to)
{
  g_auto(Expected) e = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = NULL;
  GHashTableIter iter;
  gpointer value;
  gint64 repeat_people = 0;
  gint64 repeat_attendances = 0;
  gint64 sum = 0;

  count_expected (store, group, workshop, from, to, &e);
  b = desk_attendance_breakdown (store, group, workshop, from, to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);

  g_assert_cmpint (b->attendances, ==, e.attendances);
  g_assert_cmpint (b->people, ==, g_hash_table_size (e.people));
  g_assert_cmpint (b->women_attendances, ==, e.women);
  g_assert_cmpint (b->women_people, ==, g_hash_table_size (e.women_people));

  g_hash_table_iter_init (&iter, e.people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GPOINTER_TO_INT (value) > 1)
      {
        repeat_people++;
        repeat_attendances += GPOINTER_TO_INT (value) - 1;
      }
  g_assert_cmpint (b->repeat_people, ==, repeat_people);
  g_assert_cmpint (b->repeat_attendances, ==, repeat_attendances);

  for (guint p = 0; b->pillars[p] != NULL; p++)
    {
      for (guint g = 0; b->genders[g] != NULL; g++)
        {
          g_autofree char *cell = g_strdup_printf ("%s/%s", b->pillars[p], b->genders[g]);
          gint64 want = GPOINTER_TO_INT (g_hash_table_lookup (e.cells, cell));

          g_assert_cmpint (desk_attendance_breakdown_get (b, b->pillars[p], b->genders[g]), ==, want);
          sum += want;
        }
      g_assert_cmpint (b->pillar_people[p], ==, pillar_people (&e, b->pillars[p]));
    }
  /* Every attendance is in exactly one cell. */
  g_assert_cmpint (sum, ==, b->attendances);
  g_assert_cmpuint (g_hash_table_size (e.cells), <=, g_strv_length (b->pillars) * g_strv_length (b->genders));
}

static void
test_codes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = desk_attendance_breakdown (fixture->store, NULL, NULL,
                                                                    NULL, NULL, &error);
  g_autoptr(GPtrArray) pillars = test_read_reference ("pillars.tsv");
  g_autoptr(GPtrArray) genders = test_read_reference ("genders.tsv");

  g_assert_no_error (error);
  /* The reference codes, in their order, and the not-stated pillar last. */
  g_assert_cmpuint (g_strv_length (b->pillars), ==, pillars->len + 1);
  for (guint i = 0; i < pillars->len; i++)
    g_assert_cmpstr (b->pillars[i], ==, ((char **) g_ptr_array_index (pillars, i))[0]);
  g_assert_cmpstr (b->pillars[pillars->len], ==, "not_stated");
  g_assert_cmpuint (g_strv_length (b->genders), ==, genders->len);
  for (guint i = 0; i < genders->len; i++)
    g_assert_cmpstr (b->genders[i], ==, ((char **) g_ptr_array_index (genders, i))[0]);

  g_assert_cmpint (desk_attendance_breakdown_get (b, "nonsense", "woman"), ==, -1);
  g_assert_cmpint (desk_attendance_breakdown_get (b, "government", "nonsense"), ==, -1);
}

static void
test_small_group (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *w1 = add_workshop (fixture, "2026-03-10");
  g_autofree char *w2 = add_workshop (fixture, "2026-04-20");
  g_autofree char *w3 = add_workshop (fixture, "2026-09-01");
  g_autofree char *a = add_person (fixture, "A", "government", "woman");
  g_autofree char *b = add_person (fixture, "B", "government", "man");
  g_autofree char *c = add_person (fixture, "C", "company", "man");
  g_autofree char *d = add_person (fixture, "D", NULL, "woman");
  g_autofree char *e = add_person (fixture, "E", "civil_society", "another");
  g_autofree char *f = add_person (fixture, "F", "civil_society", "not_stated");
  g_autoptr(DeskAttendanceBreakdown) all = NULL;
  g_autoptr(DeskAttendanceBreakdown) spring = NULL;
  g_autoptr(DeskAttendanceBreakdown) one = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *share = NULL;

  /* Workshop 1: A B C D; workshop 2: A B E, F absent; workshop 3: A, F registered. */
  attend (fixture, w1, a, "attended");
  attend (fixture, w1, b, "attended");
  attend (fixture, w1, c, "attended");
  attend (fixture, w1, d, "attended");
  attend (fixture, w2, a, "attended");
  attend (fixture, w2, b, "attended");
  attend (fixture, w2, e, "attended");
  attend (fixture, w2, f, "absent");
  attend (fixture, w3, a, "attended");
  attend (fixture, w3, f, "registered");

  /* The world has one more: Abena (civil society, woman) at the world's workshop of
   * 2026-02-01. */
  all = desk_attendance_breakdown (fixture->store, fixture->world->group, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->attendances, ==, 9);
  g_assert_cmpint (all->people, ==, 6);
  g_assert_cmpint (all->workshops, ==, 4);
  g_assert_cmpint (all->women_attendances, ==, 5);   /* A ×3, D, Abena */
  g_assert_cmpint (all->women_people, ==, 3);
  g_assert_cmpint (all->repeat_people, ==, 2);       /* A (3), B (2) */
  g_assert_cmpint (all->repeat_attendances, ==, 3);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "government", "woman"), ==, 3);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "government", "man"), ==, 2);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "company", "man"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "not_stated", "woman"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (all, NULL, "woman"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "civil_society", "another"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "civil_society", "woman"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (all, "civil_society", "not_stated"), ==, 0);
  g_assert_cmpint (desk_attendance_breakdown_pillar_total (all, "government"), ==, 5);
  g_assert_cmpint (desk_attendance_breakdown_gender_total (all, "woman"), ==, 5);
  share = desk_share_format_percent (all->women_attendances, all->attendances);
  g_assert_cmpstr (share, ==, "55.6");

  /* March to April: workshops 1 and 2. */
  spring = desk_attendance_breakdown (fixture->store, NULL, NULL, "2026-03-01", "2026-04-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (spring->attendances, ==, 7);
  g_assert_cmpint (spring->people, ==, 5);
  g_assert_cmpint (spring->women_attendances, ==, 3);
  g_assert_cmpint (spring->repeat_people, ==, 2);
  g_assert_cmpint (spring->repeat_attendances, ==, 2);
  g_clear_pointer (&share, g_free);
  share = desk_share_format_percent (spring->women_attendances, spring->attendances);
  g_assert_cmpstr (share, ==, "42.9");

  /* One workshop: nobody comes twice to one workshop. */
  one = desk_attendance_breakdown (fixture->store, NULL, w1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one->attendances, ==, 4);
  g_assert_cmpint (one->repeat_people, ==, 0);
  g_assert_cmpint (one->women_attendances, ==, 2);
  g_assert_cmpint (desk_share_per_mille (one->women_attendances, one->attendances), ==, 500);

  assert_breakdown (fixture->store, NULL, NULL, NULL, NULL);
  assert_breakdown (fixture->store, NULL, NULL, "2026-03-10", "2026-04-20");
  assert_breakdown (fixture->store, NULL, NULL, "2026-04-21", NULL);
  assert_breakdown (fixture->store, NULL, w2, NULL, NULL);
  assert_breakdown (fixture->store, fixture->world->group, w3, "2026-01-01", "2026-12-31");
}

static void
test_member_pillar (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *w = add_workshop (fixture, "2026-05-01");
  g_autoptr(DeskRecord) p = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = NULL;

  /* No pillar of his own: his member's (government) counts. */
  p = test_add (fixture->store, DESK_KIND_PERSON, fixture->world->group, "name", "Kwame",
                "member_uuid", test_world_uuid (fixture->world, "member"), "gender", "man", NULL);
  attend (fixture, w, desk_record_get_uuid (p), "attended");
  b = desk_attendance_breakdown (fixture->store, NULL, w, NULL, NULL, NULL);
  g_assert_cmpint (desk_attendance_breakdown_get (b, "government", "man"), ==, 1);
  g_assert_cmpint (desk_attendance_breakdown_get (b, "not_stated", "man"), ==, 0);
  assert_breakdown (fixture->store, NULL, w, NULL, NULL);
}

static void
test_generated (Fixture       *fixture,
                gconstpointer  data)
{
  DeskGenerateOptions options = { 7, 12, 80, 400 };
  g_autoptr(GError) error = NULL;
  g_autofree char *group = desk_generate_fill (fixture->store, &options, &error);
  g_autoptr(GPtrArray) workshops = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = NULL;

  g_assert_no_error (error);
  b = desk_attendance_breakdown (fixture->store, group, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b->attendances, >, 0);
  g_test_message ("%" G_GINT64_FORMAT " attendances, %" G_GINT64_FORMAT " people, %"
                  G_GINT64_FORMAT " repeat", b->attendances, b->people, b->repeat_people);

  assert_breakdown (fixture->store, NULL, NULL, NULL, NULL);
  assert_breakdown (fixture->store, group, NULL, NULL, NULL);
  assert_breakdown (fixture->store, fixture->world->group, NULL, NULL, NULL);

  workshops = desk_store_list (fixture->store, DESK_KIND_WORKSHOP, group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workshops->len, >, 2);
  for (guint i = 0; i < workshops->len && i < 5; i++)
    assert_breakdown (fixture->store, group,
                      desk_record_get_uuid (g_ptr_array_index (workshops, i)), NULL, NULL);
  {
    const char *first = desk_record_get_string (g_ptr_array_index (workshops, 0), "start_date");
    const char *middle = desk_record_get_string (g_ptr_array_index (workshops, workshops->len / 2),
                                                 "start_date");

    assert_breakdown (fixture->store, group, NULL, first, middle);
    assert_breakdown (fixture->store, group, NULL, middle, NULL);
    assert_breakdown (fixture->store, NULL, NULL, NULL, first);
  }
}

static void
test_bad_filters (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = NULL;

  b = desk_attendance_breakdown (fixture->store, NULL, NULL, "2026-13-01", NULL, &error);
  g_assert_null (b);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  b = desk_attendance_breakdown (fixture->store, NULL, NULL, "2026-06-01", "2026-01-01", &error);
  g_assert_null (b);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  b = desk_attendance_breakdown (fixture->store, NULL, "no-such-workshop", NULL, NULL, &error);
  g_assert_null (b);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

static void
test_share (void)
{
  static const struct { gint64 women, total; int per_mille; const char *percent; } cases[] = {
    { 3, 8, 375, "37.5" }, { 1, 3, 333, "33.3" }, { 2, 3, 667, "66.7" }, { 0, 5, 0, "0.0" },
    { 5, 5, 1000, "100.0" }, { 1, 2000, 1, "0.1" }, { 1, 2001, 0, "0.0" }, { 0, 0, -1, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *percent = desk_share_format_percent (cases[i].women, cases[i].total);

      g_assert_cmpint (desk_share_per_mille (cases[i].women, cases[i].total), ==, cases[i].per_mille);
      g_assert_cmpstr (percent, ==, cases[i].percent);
    }
}

/* One definition of repeat attendance: the second attendance of a person is their first
 * "came again", and they count once among the people who came more than once. */
static void
test_repeat_counter (void)
{
  g_autoptr(DeskRepeatCounter) counter = desk_repeat_counter_new ();

  g_assert_false (desk_repeat_counter_add (counter, "ama"));
  g_assert_false (desk_repeat_counter_add (counter, "kofi"));
  g_assert_cmpint (desk_repeat_counter_repeat_people (counter), ==, 0);
  g_assert_true (desk_repeat_counter_add (counter, "ama"));
  g_assert_true (desk_repeat_counter_add (counter, "ama"));
  g_assert_false (desk_repeat_counter_add (counter, "efua"));
  g_assert_cmpint (desk_repeat_counter_people (counter), ==, 3);
  g_assert_cmpint (desk_repeat_counter_repeat_people (counter), ==, 1);
  g_assert_true (desk_repeat_counter_add (counter, "kofi"));
  g_assert_cmpint (desk_repeat_counter_repeat_people (counter), ==, 2);
}

/* A workshop after today is upcoming; today's and earlier ones are not. */
static void
test_upcoming (void)
{
  g_autoptr(DeskRecord) workshop = desk_record_new (DESK_KIND_WORKSHOP);

  desk_record_set_string (workshop, "start_date", "2026-12-16");
  g_assert_true (desk_workshop_is_upcoming (workshop, "2026-12-06"));
  g_assert_false (desk_workshop_is_upcoming (workshop, "2026-12-16"));
  g_assert_false (desk_workshop_is_upcoming (workshop, "2026-12-17"));
}

static void
test_check_in (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *w = add_workshop (fixture, "2026-05-01");
  g_autofree char *kofi = add_person (fixture, "Kofi", "company", "man");
  g_autoptr(DeskRecord) first = NULL;
  g_autoptr(DeskRecord) again = NULL;
  g_autoptr(DeskRecord) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (desk_attendance_find (fixture->store, w, kofi));
  first = desk_attendance_check_in (fixture->store, w, kofi, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_string (first, "status"), ==, "attended");
  g_assert_cmpstr (desk_record_get_string (first, "role"), ==, "participant");

  /* Checking in twice changes the entry, never adds one. */
  again = desk_attendance_check_in (fixture->store, w, kofi, "speaker", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (desk_record_get_uuid (again), ==, desk_record_get_uuid (first));
  found = desk_attendance_find (fixture->store, w, kofi);
  g_assert_cmpstr (desk_record_get_string (found, "role"), ==, "speaker");
  g_assert_cmpint (test_sqlite_int (_desk_store_get_db (fixture->store),
                                    "SELECT count(*) FROM attendance"), ==, 2);

  g_assert_null (desk_attendance_check_in (fixture->store, "no-such-workshop", kofi, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_check_in_person (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *w = add_workshop (fixture, "2026-05-01");
  g_autoptr(DeskRecord) known = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) stranger = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) invalid = desk_record_new (DESK_KIND_PERSON);
  g_autoptr(DeskRecord) a = NULL;
  g_autoptr(DeskRecord) b = NULL;
  g_autoptr(GError) error = NULL;
  gboolean matched = TRUE;
  gint64 before;

  /* Abena again, typed at the door, through her member organisation. */
  desk_record_set_string (known, "name", "abena  MENSAH");
  desk_record_set_string (known, "member_uuid", test_world_uuid (fixture->world, "member"));
  desk_record_set_string (known, "gender", "woman");
  a = desk_attendance_check_in_person (fixture->store, w, known, &matched, &error);
  g_assert_no_error (error);
  g_assert_true (matched);
  g_assert_cmpstr (desk_record_get_string (a, "person_uuid"), ==,
                   test_world_uuid (fixture->world, "person"));

  desk_record_set_string (stranger, "name", "Yaw Darko");
  desk_record_set_string (stranger, "organisation", "Friends of the Nation");
  desk_record_set_string (stranger, "gender", "man");
  b = desk_attendance_check_in_person (fixture->store, w, stranger, &matched, &error);
  g_assert_no_error (error);
  g_assert_false (matched);
  g_assert_cmpstr (desk_record_get_string (b, "person_uuid"), ==, desk_record_get_uuid (stranger));

  /* An invalid person writes nothing. */
  before = test_count_all_rows (fixture->store);
  desk_record_set_string (invalid, "name", "Esi");
  desk_record_set_string (invalid, "gender", "woman");
  desk_record_set_string (invalid, "email", "not an address");
  g_assert_null (desk_attendance_check_in_person (fixture->store, w, invalid, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (test_count_all_rows (fixture->store), ==, before);
}

/* The check-in list's names come from one query: everyone on the list (whatever their
 * status) and no one else, each named and placed as the person's own record says. */
static void
test_attendees (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *w = add_workshop (fixture, "2026-05-01");
  g_autofree char *other = add_workshop (fixture, "2026-06-01");
  g_autofree char *kofi = add_person (fixture, "Kofi  Boateng", "company", "man");
  g_autofree char *esi = add_person (fixture, "Esi Owusu", "government", "woman");
  g_autofree char *yaw = add_person (fixture, "Yaw Darko", "company", "man");
  const char *abena = test_world_uuid (fixture->world, "person");
  const char *on_list[] = { abena, kofi, esi };
  g_autoptr(DeskRecord) kofi_record = NULL;
  g_autoptr(GHashTable) attendees = NULL;
  g_autoptr(DeskAttendee) one = NULL;
  g_autoptr(GError) error = NULL;

  kofi_record = desk_store_get (fixture->store, DESK_KIND_PERSON, kofi, &error);
  g_assert_no_error (error);
  desk_record_set_string (kofi_record, "organisation", "Friends of the Nation");
  g_assert_true (desk_store_update (fixture->store, kofi_record, &error));
  g_assert_no_error (error);

  attend (fixture, w, abena, "attended");
  attend (fixture, w, kofi, "registered");
  attend (fixture, w, esi, "attended");
  attend (fixture, other, yaw, "attended");

  attendees = desk_attendance_list_attendees (fixture->store, w, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (attendees), ==, G_N_ELEMENTS (on_list));
  g_assert_false (g_hash_table_contains (attendees, yaw));
  for (guint i = 0; i < G_N_ELEMENTS (on_list); i++)
    {
      g_autoptr(DeskRecord) person = desk_store_get (fixture->store, DESK_KIND_PERSON, on_list[i], NULL);
      g_autofree char *organisation = desk_person_dup_organisation (fixture->store, person);
      DeskAttendee *attendee = g_hash_table_lookup (attendees, on_list[i]);

      g_assert_nonnull (attendee);
      g_assert_cmpstr (attendee->person_uuid, ==, on_list[i]);
      g_assert_cmpstr (attendee->name, ==, desk_record_get_string (person, "name"));
      g_assert_cmpstr (attendee->name_key, ==, desk_record_get_string (person, "name_key"));
      g_assert_cmpstr (attendee->organisation, ==, organisation);
    }
  /* The member's name, the free text, and nothing. */
  g_assert_cmpstr (((DeskAttendee *) g_hash_table_lookup (attendees, abena))->organisation, ==,
                   "Ministry of Mines");
  g_assert_cmpstr (((DeskAttendee *) g_hash_table_lookup (attendees, kofi))->organisation, ==,
                   "Friends of the Nation");
  g_assert_cmpstr (((DeskAttendee *) g_hash_table_lookup (attendees, esi))->organisation, ==, "");

  one = desk_attendance_get_attendee (fixture->store, yaw);
  g_assert_nonnull (one);
  g_assert_cmpstr (one->name, ==, "Yaw Darko");
  g_assert_null (desk_attendance_get_attendee (fixture->store, "no-such-person"));

  g_clear_pointer (&attendees, g_hash_table_unref);
  attendees = desk_attendance_list_attendees (fixture->store, "no-such-workshop", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (attendees), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/attendance/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("codes", test_codes);
  ADD ("small-group", test_small_group);
  ADD ("member-pillar", test_member_pillar);
  ADD ("generated", test_generated);
  ADD ("bad-filters", test_bad_filters);
  g_test_add_func ("/core/attendance/share", test_share);
  g_test_add_func ("/core/attendance/repeat-counter", test_repeat_counter);
  g_test_add_func ("/core/attendance/upcoming", test_upcoming);
  ADD ("check-in", test_check_in);
  ADD ("check-in-person", test_check_in_person);
  ADD ("attendees", test_attendees);

  return g_test_run ();
}
