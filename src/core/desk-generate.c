/* desk-generate.c — a large, deterministic group for benchmarks
 *
 * The same seed and sizes give the same records (but for UUIDs and timestamps), shaped
 * like a real group: members of every pillar, activities of every kind with about three
 * deliverables, five budget lines, twenty expenses and one workshop each, people with a
 * realistic spread of pillars and genders, and attendance spread over the workshops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-generate"

#include "config.h"

#include "desk-demo.h"
#include "desk-reference.h"
#include "desk-demo-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"

#define PERIOD_START "2025-01-01"
#define PERIOD_DAYS 730

static const char *const kinds[] = {
  "dialogue", "training", "outreach", "risk_assessment", "study", "coordination",
  "host_government", "site_visit", "other",
};
static const char *const themes[] = {
  "risk_mitigation", "conflict_prevention", "enabling_environment", "gbv_prevention",
  "vulnerable_groups", "risk_assessment", "training", "women_participation",
  "host_government", "human_rights_defenders", "public_security", "private_security",
};
static const char *const areas[] = { "1a", "1b", "2a", "2b", "2d", "2h", "3a", "4e", "4j" };
static const char *const categories[] = {
  "venue", "travel", "per_diem", "facilitation", "interpretation", "materials",
  "communications", "equipment", "other",
};
static const char *const pillars[] = {
  "government", "company", "civil_society", "civil_society", "observer", "other",
};
static const char *const topics[] = {
  "security and human rights", "community grievances", "the use of force",
  "private security contracts", "women's participation", "risk assessment",
  "human rights defenders", "host government engagement", "conflict prevention",
};
static const char *const places[] = {
  "Accra", "Tarkwa", "Obuasi", "Takoradi", "Kumasi", "Prestea", "Tamale", "Cape Coast",
};
static const char *const deliverable_titles[] = {
  "Workshop report", "Training materials", "Press release", "Policy brief", "Meeting minutes",
  "Risk assessment report", "Baseline survey", "Outreach leaflets", "Attendance records",
  "Evaluation summary", "Submission to the ministry", "Site visit note",
};
static const char *const first_names[] = {
  "Abena", "Kwame", "Akosua", "Kofi", "Ama", "Yaw", "Efua", "Kojo", "Esi", "Kwesi",
  "Adwoa", "Emmanuel", "Yaa", "Daniel", "Grace", "Samuel", "Mercy", "Isaac", "Linda", "Joseph",
};
static const char *const family_names[] = {
  "Mensah", "Asante", "Owusu", "Boateng", "Osei", "Amoah", "Agyeman", "Darko", "Tetteh",
  "Quaye", "Addo", "Appiah", "Sarpong", "Ofori", "Frimpong", "Ansah", "Bonsu", "Kyei",
};
static const char *const chinese_family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
static const char *const chinese_given[] = { "伟", "娜", "磊", "静", "洋", "敏", "强", "芳", "军", "丽" };

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

#define ADD(kind, ...) \
  G_STMT_START { \
    g_clear_object (&last); \
    last = _desk_demo_add (store, kind, group, error, __VA_ARGS__, NULL); \
    if (last == NULL) goto failed; \
  } G_STMT_END

char *
desk_generate_fill (DeskStore                 *store,
                    const DeskGenerateOptions *options,
                    GError                   **error)
{
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) workshops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DeskRecord) last = NULL;
  g_autofree char *group = NULL;
  g_autofree char *workplan = NULL;
  g_autofree char *period_end = NULL;
  guint n_activities, n_people, n_attendance;
  const char *country;
  const char *currency;
  const char *foreign;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  n_activities = MAX (options->activities, 1);
  n_people = options->people;
  n_attendance = options->attendance;

  if (n_people == 0 && n_attendance > 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Attendance needs people: give --people more than zero."));
      return NULL;
    }
  if (n_attendance > (guint64) n_people * n_activities)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("There cannot be more attendances than people times activities (one workshop each). "
                     "Ask for fewer attendances or more people."));
      return NULL;
    }

  country = options->country != NULL ? options->country : "GH";
  currency = desk_country_currency (country);
  if (currency == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Groupdesk knows no country “%s” (or no currency for it). Give a two-letter "
                     "country code such as GH, NG, PE, CO, CD, MM or ID."), country);
      return NULL;
    }
  /* The fifth budget line of each activity is in another currency, with a rate. */
  foreign = g_str_equal (currency, "USD") ? "EUR" : "USD";

  rand = g_rand_new_with_seed (options->seed);
  period_end = desk_date_add_days (PERIOD_START, PERIOD_DAYS - 1);

  if (!desk_store_begin (store, error))
    return NULL;

  {
    gboolean ghana = g_str_equal (country, "GH");
    g_autofree char *code = ghana ? g_strdup_printf ("GEN-%u", options->seed)
                                  : g_strdup_printf ("%s-GEN-%u", country, options->seed);
    g_autofree char *name_en = ghana ? g_strdup ("Generated implementation group")
                                     : g_strdup_printf ("Generated implementation group, %s", country);
    g_autofree char *name_zh = ghana ? g_strdup ("生成的实施小组")
                                     : g_strdup_printf ("生成的实施小组（%s）", country);

    ADD (DESK_KIND_GROUP,
         "code", code,
         "name_en", name_en,
         "name_zh", name_zh,
         "country", country, "currency", currency, "languages", "en,zh");
    group = g_strdup (desk_record_get_uuid (last));
  }

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("Member organisation %u", i + 1);

      ADD (DESK_KIND_MEMBER, "name_en", name, "pillar", pillars[i % 5],
           "status", i % 5 == 4 ? "observer" : i % 3 == 0 ? "engaged" : "full",
           "active", "1");
      g_ptr_array_add (members, g_strdup (desk_record_get_uuid (last)));
    }

  ADD (DESK_KIND_WORKPLAN,
       "title_en", "Generated workplan", "title_zh", "生成的工作计划",
       "period_start", PERIOD_START, "period_end", period_end, "status", "approved");
  workplan = g_strdup (desk_record_get_uuid (last));

  ADD (DESK_KIND_RATE, "currency", foreign, "valid_from", PERIOD_START,
       "rate_mantissa", "1550", "rate_scale", "2");

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *name = NULL;
      int roll = g_rand_int_range (rand, 0, 100);
      const char *gender = roll < 38 ? "woman" : roll < 96 ? "man" : roll < 97 ? "another" : "not_stated";

      if (g_rand_int_range (rand, 0, 12) == 0)
        name = g_strdup_printf ("%s%s%s", PICK (rand, chinese_family), PICK (rand, chinese_given),
                                g_rand_boolean (rand) ? PICK (rand, chinese_given) : "");
      else
        name = g_strdup_printf ("%s %s %u", PICK (rand, first_names), PICK (rand, family_names), i);

      ADD (DESK_KIND_PERSON, "name", name,
           "member_uuid", g_rand_boolean (rand) ? (const char *) g_ptr_array_index (members, g_rand_int_range (rand, 0, members->len)) : NULL,
           "pillar", PICK (rand, pillars), "gender", gender,
           "consent_named", g_rand_int_range (rand, 0, 4) == 0 ? "1" : "0");
      g_ptr_array_add (people, g_strdup (desk_record_get_uuid (last)));
    }

  for (guint i = 0; i < n_activities; i++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", i + 1);
      g_autofree char *title = g_strdup_printf ("%s on %s, %s",
                                                i % 3 == 0 ? "Dialogue" : i % 3 == 1 ? "Training" : "Outreach",
                                                PICK (rand, topics), PICK (rand, places));
      int start = g_rand_int_range (rand, 0, PERIOD_DAYS - 30);
      int length = g_rand_int_range (rand, 0, 30);
      g_autofree char *planned_start = desk_date_add_days (PERIOD_START, start);
      g_autofree char *planned_end = desk_date_add_days (PERIOD_START, start + length);
      g_autofree char *theme_list = g_strdup_printf ("%s,%s", themes[i % G_N_ELEMENTS (themes)],
                                                     themes[(i + 5) % G_N_ELEMENTS (themes)]);
      g_autofree char *activity = NULL;
      static const char *const statuses[] = { "planned", "in_progress", "done", "done", "postponed", "cancelled" };

      ADD (DESK_KIND_ACTIVITY,
           "workplan_uuid", workplan, "code", code, "title_en", title,
           "kind", PICK (rand, kinds), "themes", theme_list, "result_area", PICK (rand, areas),
           "lead_member_uuid", (const char *) g_ptr_array_index (members, i % members->len),
           "supporting_members", (const char *) g_ptr_array_index (members, (i + 7) % members->len),
           "planned_start", planned_start, "planned_end", planned_end,
           "status", PICK (rand, statuses));
      activity = g_strdup (desk_record_get_uuid (last));

      for (guint d = 0; d < 3; d++)
        {
          g_autofree char *due = desk_date_add_days (planned_end, g_rand_int_range (rand, -10, 60));
          g_autofree char *dtitle = g_strdup_printf ("%s %u.%u", PICK (rand, deliverable_titles), i + 1, d + 1);
          static const char *const dstatus[] = { "planned", "in_progress", "delivered", "accepted" };

          ADD (DESK_KIND_DELIVERABLE, "activity_uuid", activity, "title_en", dtitle,
               "due_date", due, "status", PICK (rand, dstatus));
        }

      for (guint b = 0; b < 5; b++)
        {
          g_autofree char *line = NULL;
          g_autofree char *qty = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 40) * 500);
          g_autofree char *cost = g_strdup_printf ("%d", g_rand_int_range (rand, 100, 500000));
          g_autofree char *desc = g_strdup_printf ("Budget line %u.%u", i + 1, b + 1);

          ADD (DESK_KIND_BUDGET_LINE, "workplan_uuid", workplan, "activity_uuid", activity,
               "category", PICK (rand, categories), "description_en", desc,
               "quantity_milli", qty, "unit", "day", "unit_cost_minor", cost,
               "currency", b == 4 ? foreign : currency);
          line = g_strdup (desk_record_get_uuid (last));

          for (guint e = 0; e < 4; e++)
            {
              g_autofree char *date = desk_date_add_days (PERIOD_START, g_rand_int_range (rand, 0, PERIOD_DAYS));
              g_autofree char *amount = g_strdup_printf ("%d", g_rand_int_range (rand, 500, 2000000));

              ADD (DESK_KIND_EXPENSE, "budget_line_uuid", line, "date", date,
                   "amount_minor", amount, "currency", b == 4 ? foreign : currency,
                   "payee", PICK (rand, places), "reference", "GEN");
            }
        }

      {
        g_autofree char *wtitle = g_strdup_printf ("Workshop %u in %s", i + 1, PICK (rand, places));

        ADD (DESK_KIND_WORKSHOP, "activity_uuid", activity, "title_en", wtitle,
             "start_date", planned_start, "end_date", planned_start,
             "town", PICK (rand, places), "format", "in_person", "planned_participants", "40");
        g_ptr_array_add (workshops, g_strdup (desk_record_get_uuid (last)));
      }
    }

  /* Attendance: spread evenly over the workshops, each workshop's people distinct. */
  for (guint w = 0; w < workshops->len && n_attendance > 0; w++)
    {
      guint share = n_attendance / workshops->len + (w < n_attendance % workshops->len ? 1 : 0);
      guint first = g_rand_int_range (rand, 0, n_people);

      for (guint j = 0; j < share; j++)
        {
          /* 7919 is prime and does not divide the usual sizes, so the steps stay distinct. */
          guint person = (first + (guint64) j * (n_people % 7919 == 0 ? 1 : 7919)) % n_people;

          ADD (DESK_KIND_ATTENDANCE, "workshop_uuid", (const char *) g_ptr_array_index (workshops, w),
               "person_uuid", (const char *) g_ptr_array_index (people, person),
               "role", j == 0 ? "facilitator" : "participant",
               "status", g_rand_int_range (rand, 0, 10) == 0 ? "absent" : "attended");
        }
    }

  if (!desk_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&group);

failed:
  desk_store_rollback (store);
  return NULL;
}
