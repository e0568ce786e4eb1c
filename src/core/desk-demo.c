/* desk-demo.c — the sample group a newcomer explores
 *
 * A Ghana in-country implementation group: members of every pillar, among them a
 * Chinese-run mining company; a workplan of a dozen activities; deliverables (some
 * overdue), indicators, a budget in cedis funded in US dollars, expenses, and six
 * workshops with their participants. Dates are set around the store's today so that the
 * sample always has something due, something overdue and something coming.
 *
 * The sample is data, not interface text: it is not translated, and carries English and
 * Chinese where a real group would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-demo"

#include "config.h"

#include "desk-demo.h"
#include "desk-demo-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"

#include <string.h>

DeskRecord *
_desk_demo_add (DeskStore       *store,
                const DeskKind  *kind,
                const char      *group_uuid,
                GError         **error,
                ...)
{
  g_autoptr(DeskRecord) record = desk_record_new (kind);
  const char *name;
  va_list args;

  desk_record_set_group (record, group_uuid);

  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      const DeskField *f = desk_kind_get_field (kind, name);

      g_assert (f != NULL);
      if (value == NULL)
        continue;

      switch (f->type)
        {
        case DESK_FIELD_INT:
        case DESK_FIELD_BOOL:
        case DESK_FIELD_MONEY:
        case DESK_FIELD_MILLI:
          desk_record_set_int (record, name, g_ascii_strtoll (value, NULL, 10));
          break;

        case DESK_FIELD_CODE_SET:
        case DESK_FIELD_REF_SET:
          {
            g_auto(GStrv) values = g_strsplit (value, ",", -1);
            desk_record_set_set (record, name, (const char *const *) values);
          }
          break;

        case DESK_FIELD_TEXT:
        case DESK_FIELD_DATE:
        case DESK_FIELD_CURRENCY:
        case DESK_FIELD_CODE:
        case DESK_FIELD_CHOICE:
        case DESK_FIELD_REF:
        default:
          desk_record_set_string (record, name, value);
          break;
        }
    }
  va_end (args);

  if (!desk_store_insert (store, record, error))
    {
      g_prefix_error (error, "%s: ", kind->name);
      return NULL;
    }

  return g_steal_pointer (&record);
}

/* Day @offset from today, as text owned by @pool, kept inside the workplan's period. */
static const char *
day (GPtrArray  *pool,
     const char *today,
     int         offset)
{
  char *text = desk_date_add_days (today, offset);
  const char *start = pool->len > 1 ? g_ptr_array_index (pool, 0) : NULL;
  const char *end = pool->len > 1 ? g_ptr_array_index (pool, 1) : NULL;

  if (start != NULL && strcmp (text, start) < 0)
    {
      g_free (text);
      text = g_strdup (start);
    }
  if (end != NULL && strcmp (text, end) > 0)
    {
      g_free (text);
      text = g_strdup (end);
    }
  g_ptr_array_add (pool, text);

  return text;
}

static const char *
num (GPtrArray *pool,
     gint64     value)
{
  char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  g_ptr_array_add (pool, text);

  return text;
}

#define ADD(kind, ...) \
  G_STMT_START { \
    g_clear_object (&last); \
    last = _desk_demo_add (store, kind, group, error, __VA_ARGS__, NULL); \
    if (last == NULL) goto failed; \
  } G_STMT_END

#define UUID(record) desk_record_get_uuid (record)

typedef struct
{
  const char *name_en;
  const char *name_zh;
  const char *pillar;
  const char *status;
  const char *contact;
} DemoMember;

static const DemoMember demo_members[] = {
  { "Ministry of Lands and Natural Resources", "", "government", "full", "Kwame Asante" },
  { "Minerals Commission", "", "government", "full", "Abena Owusu" },
  { "Ghana Police Service", "", "government", "full", "Supt. Daniel Tetteh" },
  { "Ghana Armed Forces", "", "government", "engaged", "Col. Samuel Quaye" },
  { "Tarkwa Gold Mining Ltd", "", "company", "full", "Akosua Mensah" },
  { "Obuasi Deep Mines Ltd", "", "company", "full", "Peter Boateng" },
  { "Zhongtai Mining (Ghana) Ltd", "中泰矿业（加纳）有限公司", "company", "engaged", "王海峰" },
  { "Western Region Human Rights Forum", "", "civil_society", "full", "Esi Amoako" },
  { "Tarkwa Community Rights Network", "", "civil_society", "full", "Yaw Darko" },
  { "Women in Mining Communities Ghana", "", "civil_society", "engaged", "Adwoa Sarpong" },
  { "Embassy of Switzerland in Ghana", "瑞士驻加纳大使馆", "observer", "observer", "Martina Keller" },
  { "British High Commission, Accra", "", "observer", "observer", "James Whitfield" },
  /* Last, so that the indices above (leads, supporters, nominee) stay as they are. */
  { "University of Mines and Technology, Tarkwa", "", "other", "engaged", "Prof. Ama Boakye" },
};

typedef struct
{
  const char *code;
  const char *title_en;
  const char *title_zh;
  const char *kind;
  const char *themes;
  const char *result_area;
  int lead;            /* index in demo_members */
  const char *support; /* indices, comma-separated */
  int start, end;      /* days from today */
  const char *outcome_en;
  const char *outcome_zh;
} DemoActivity;

static const DemoActivity demo_activities[] = {
  { "A1", "National multi-stakeholder dialogue on security and human rights",
    "全国安全与人权多利益相关方对话", "dialogue", "conflict_prevention,enabling_environment",
    "2h", 0, "4,7,10", -300, -298,
    "Members agree on the three priorities of the year and a shared risk picture.",
    "成员就年度三项优先事项和共同的风险认识达成一致。" },
  { "A2", "Training of Ghana Police Service units deployed at mine sites",
    "为部署在矿区的加纳警察部队举办培训", "training", "public_security,training",
    "2d", 2, "1,4,7", -240, -236,
    "120 officers know the Voluntary Principles and the rules on the use of force.",
    "120名警员了解《自愿原则》及使用武力的规则。" },
  { "A3", "Training for private security providers of member companies",
    "", "training", "private_security,training,risk_mitigation",
    "2b", 4, "5,6", -150, -148,
    "Security staff of three companies apply the Voluntary Principles at the gate.",
    "" },
  { "A4", "Community outreach in Tarkwa and Prestea", "塔克瓦和普雷斯特亚社区外联",
    "outreach", "human_rights_defenders,women_participation", "2b", 8, "7,9", -90, -60,
    "Communities know how to raise a security-related grievance.", "" },
  { "A5", "Risk assessment workshop for the Western Region", "西部地区风险评估研讨会",
    "risk_assessment", "risk_assessment,risk_mitigation", "1a", 1, "4,5,7", -40, -38,
    "A shared security and human rights risk assessment for the region.",
    "形成地区安全与人权风险的共同评估。" },
  { "A6", "Baseline study on company grievance mechanisms", "", "study",
    "risk_mitigation", "4e", 7, "4,5,6", -120, 20,
    "A baseline of how grievances about security are received and resolved.", "" },
  { "A7", "Quarterly steering committee meetings", "指导委员会季度会议", "coordination",
    "", "4g", 0, "", -330, 35, "Four meetings held with all pillars present.", "" },
  { "A8", "Engagement with the host government on the mining regulations",
    "", "host_government", "host_government,enabling_environment", "2h", 1, "0,10", -60, 90,
    "The Voluntary Principles are referenced in the revised mining regulations.", "" },
  { "A9", "Joint site visit to Obuasi", "", "site_visit", "conflict_prevention", "2h", 5,
    "2,8", 15, 16, "Members see the company's security arrangements first hand.", "" },
  { "A10", "Participation in the Annual Plenary", "参加年度全体会议", "plenary", "", "2c",
    7, "", 40, 43, "One member reports the group's work to the Annual Plenary.", "" },
  { "A11", "Dialogue with women's groups on preventing gender-based violence",
    "与妇女团体就防止性别暴力开展对话", "dialogue", "gbv_prevention,women_participation,vulnerable_groups",
    "4j", 9, "7,2", 10, 10, "A referral path agreed with the police and companies.", "" },
  { "A12", "Outreach to Chinese-run mining companies", "面向中资矿业企业的外联", "outreach",
    "private_security,enabling_environment", "3a", 6, "1,4", 55, 56,
    "Two more companies consider joining the group.", "另有两家企业考虑加入实施小组。" },
};

typedef struct
{
  int activity;
  const char *title_en;
  const char *title_zh;
  int due;
  const char *status;
  const char *evidence;
} DemoDeliverable;

static const DemoDeliverable demo_deliverables[] = {
  { 0, "Dialogue report with agreed priorities", "对话报告及商定的优先事项", -280, "accepted", "Report circulated to all members" },
  { 0, "Press release", "", -295, "delivered", "" },
  { 1, "Training curriculum for police units", "警察部队培训课程", -250, "accepted", "Curriculum v2 approved by the Police Service" },
  { 1, "Attendance records and evaluation", "", -220, "delivered", "" },
  { 2, "Pocket card on the Voluntary Principles for guards", "", -140, "delivered", "" },
  { 3, "Outreach leaflets in Twi and Fante", "", -80, "in_progress", "" },
  { 3, "Outreach summary report", "", -30, "planned", "" },
  { 4, "Regional risk assessment report", "地区风险评估报告", -10, "in_progress", "" },
  { 5, "Baseline questionnaire", "", -100, "delivered", "" },
  { 5, "Baseline study report", "基线研究报告", 25, "in_progress", "" },
  { 6, "Minutes of the steering committee meetings", "", 40, "in_progress", "" },
  { 7, "Submission on the draft mining regulations", "", 12, "planned", "" },
  { 8, "Site visit note", "", 25, "planned", "" },
  { 9, "Report back to members after the plenary", "", 55, "planned", "" },
  { 10, "Agreed referral path for survivors", "", 20, "planned", "" },
  { 11, "Briefing note in Chinese on the Voluntary Principles", "《自愿原则》中文简报", -5, "planned", "" },
};

typedef struct
{
  int activity;    /* -1: coordination cost of the group */
  const char *category;
  const char *description;
  const char *quantity;   /* thousandths */
  const char *unit;
  gint64 unit_cost;       /* minor units */
  const char *currency;
} DemoLine;

static const DemoLine demo_lines[] = {
  { 0, "venue", "Conference hall and lunch, 60 people", "60000", "person", 35000, "GHS" },
  { 0, "interpretation", "Interpretation English–Twi", "2000", "day", 180000, "GHS" },
  { 1, "facilitation", "Trainers", "4500", "day", 250000, "GHS" },
  { 1, "per_diem", "Per diem for police participants", "120000", "person", 15000, "GHS" },
  { 1, "materials", "Training manuals", "150000", "copy", 4500, "GHS" },
  { 2, "venue", "Training room at the mine site", "2000", "day", 120000, "GHS" },
  { 2, "facilitation", "Security trainer", "2000", "day", 300000, "GHS" },
  { 3, "travel", "Vehicle hire Tarkwa–Prestea", "6000", "day", 95000, "GHS" },
  { 3, "materials", "Leaflets in Twi and Fante", "2000000", "copy", 250, "GHS" },
  { 4, "venue", "Workshop venue in Takoradi", "2000", "day", 150000, "GHS" },
  { 4, "travel", "Participants' transport", "40000", "person", 12000, "GHS" },
  { 5, "facilitation", "Research consultant", "25000", "day", 200000, "GHS" },
  { 6, "venue", "Meeting room and refreshments", "4000", "meeting", 60000, "GHS" },
  { 7, "communications", "Printing of the submission", "1000", "lot", 80000, "GHS" },
  { 8, "travel", "Bus to Obuasi", "2000", "day", 220000, "GHS" },
  { 9, "plenary", "Flight and accommodation for the nominee", "1000", "trip", 420000, "USD" },
  { 10, "venue", "Community hall", "1000", "day", 50000, "GHS" },
  { 11, "interpretation", "Interpretation English–Chinese", "2000", "day", 240000, "GHS" },
  { -1, "coordination", "Part-time coordinator", "18000", "month", 650000, "GHS" },
  { -1, "communications", "Phone and internet", "18000", "month", 40000, "GHS" },
  { -1, "contingency", "Contingency", "1000", "lot", 1500000, "GHS" },
};

typedef struct
{
  int line;
  int day;
  gint64 amount;
  const char *currency;
  const char *payee;
  const char *reference;
} DemoExpense;

static const DemoExpense demo_expenses[] = {
  { 0, -300, 2150000, "GHS", "Labadi Conference Centre", "INV-2291" },
  { 1, -300, 360000, "GHS", "Accra Language Services", "R-118" },
  { 2, -236, 1125000, "GHS", "Dr. Kofi Annor", "C-2025-07" },
  { 3, -236, 1740000, "GHS", "Per diem sheet", "PD-01" },
  { 4, -245, 675000, "GHS", "Ghana Print House", "GPH-5521" },
  { 5, -148, 240000, "GHS", "Tarkwa Gold Mining Ltd", "TGM-77" },
  { 6, -148, 600000, "GHS", "SecureTrain West Africa", "STW-31" },
  { 7, -85, 380000, "GHS", "Tarkwa Car Rentals", "TCR-904" },
  { 7, -62, 190000, "GHS", "Tarkwa Car Rentals", "TCR-951" },
  { 8, -88, 425000, "GHS", "Ghana Print House", "GPH-5790" },
  { 9, -38, 300000, "GHS", "Takoradi Beach Hotel", "TBH-1203" },
  { 10, -38, 516000, "GHS", "Transport sheet", "TR-07" },
  { 11, -110, 1600000, "GHS", "Research consultant", "RC-1" },
  { 11, -40, 1600000, "GHS", "Research consultant", "RC-2" },
  { 12, -330, 58000, "GHS", "Coco Lounge", "CL-41" },
  { 12, -240, 61000, "GHS", "Coco Lounge", "CL-88" },
  { 12, -150, 64000, "GHS", "Coco Lounge", "CL-130" },
  { 12, -60, 66500, "GHS", "Coco Lounge", "CL-177" },
  { 18, -330, 3250000, "GHS", "Coordinator", "SAL-Q1" },
  { 18, -240, 3250000, "GHS", "Coordinator", "SAL-Q2" },
  { 18, -150, 3250000, "GHS", "Coordinator", "SAL-Q3" },
  { 18, -60, 3250000, "GHS", "Coordinator", "SAL-Q4" },
  { 19, -200, 120000, "GHS", "MTN Ghana", "MTN-0425" },
  { 19, -80, 120000, "GHS", "MTN Ghana", "MTN-0925" },
  { 3, -220, -45000, "GHS", "Per diem sheet (unspent, returned)", "PD-01R" },
};

/* Names of the sample's people: first and family names combined in a fixed way. */
static const char *const women_first[] = {
  "Abena", "Akosua", "Ama", "Efua", "Esi", "Adwoa", "Yaa", "Afia", "Akua", "Comfort",
  "Gifty", "Mercy", "Grace", "Patience", "Linda", "Joyce", "Rita", "Vida", "Dorcas", "Agnes",
};
static const char *const men_first[] = {
  "Kwame", "Kofi", "Kwaku", "Yaw", "Kojo", "Kwabena", "Kwesi", "Emmanuel", "Daniel", "Samuel",
  "Isaac", "Joseph", "Prince", "Eric", "Michael", "Francis", "Benjamin", "Richard", "George", "Felix",
};
static const char *const family[] = {
  "Mensah", "Asante", "Owusu", "Boateng", "Osei", "Amoah", "Agyeman", "Darko", "Tetteh",
  "Quaye", "Addo", "Appiah", "Sarpong", "Ofori", "Frimpong", "Nkrumah", "Ansah", "Acheampong",
  "Bonsu", "Kyei", "Danso", "Amponsah", "Opoku", "Adjei",
};
static const char *const chinese_names[] = {
  "王海峰", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄志强",
};

typedef struct
{
  int activity;
  const char *title_en;
  const char *title_zh;
  int start, end;
  const char *town;
  const char *region;
  const char *format;
  const char *languages;
  int planned;
  int participants;  /* how many of the sample's people attend */
} DemoWorkshop;

static const DemoWorkshop demo_workshops[] = {
  { 0, "National dialogue on security and human rights", "全国安全与人权对话", -300, -298,
    "Accra", "Greater Accra", "in_person", "English", 60, 40 },
  { 1, "Police training, Tarkwa", "", -240, -236, "Tarkwa", "Western", "in_person",
    "English, Twi", 30, 28 },
  { 2, "Private security training", "", -150, -148, "Obuasi", "Ashanti", "in_person",
    "English", 25, 22 },
  { 3, "Community meeting, Prestea", "", -75, -75, "Prestea", "Western", "in_person",
    "Twi, Fante", 40, 35 },
  { 4, "Western Region risk assessment workshop", "西部地区风险评估研讨会", -40, -38,
    "Takoradi", "Western", "hybrid", "English, Chinese", 35, 31 },
  { 10, "Preventing gender-based violence: dialogue with women's groups",
    "防止性别暴力：与妇女团体对话", 10, 10, "Tarkwa", "Western", "in_person",
    "English, Twi", 20, 15 },
};

char *
desk_demo_fill (DeskStore  *store,
                GError    **error)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(DeskRecord) last = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title_en = NULL;
  g_autofree char *title_zh = NULL;
  g_autofree char *group = NULL;
  const char *wp_start, *wp_end;
  GDate date;
  int year;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  today = desk_store_dup_today (store);
  desk_date_parse (today, &date);
  year = g_date_get_year (&date);

  if (!desk_store_begin (store, error))
    return NULL;

  ADD (DESK_KIND_GROUP,
       "code", "GH-VPI",
       "name_en", "Ghana Voluntary Principles In-Country Implementation Group",
       "name_zh", "加纳《自愿原则》驻在国实施小组",
       "country", "GH",
       "currency", "GHS",
       "languages", "en,zh",
       "notes", "National dialogues since 2016; meets in Accra and Tarkwa.");
  group = g_strdup (UUID (last));

  for (guint i = 0; i < G_N_ELEMENTS (demo_members); i++)
    {
      const DemoMember *m = &demo_members[i];
      g_autofree char *email = g_strdup_printf ("contact%u@example.org", i + 1);

      ADD (DESK_KIND_MEMBER,
           "name_en", m->name_en, "name_zh", m->name_zh,
           "pillar", m->pillar, "status", m->status,
           "contact_name", m->contact, "contact_email", email,
           "joined", i < 6 ? "2016-05-12" : "2021-03-02",
           "active", "1");
      g_ptr_array_add (members, g_object_ref (last));
    }

  /* The workplan is "last year's and this year's": from 1 July of last year to the end of
   * this year, or over both whole years early in the year. The pool's first two strings
   * are its bounds, which day() keeps every date within. */
  g_ptr_array_add (pool, g_strdup_printf ("%04d-%s", year - 1,
                                          g_date_get_month (&date) >= 7 ? "07-01" : "01-01"));
  wp_start = g_ptr_array_index (pool, 0);
  g_ptr_array_add (pool, g_strdup_printf ("%04d-12-31", year));
  wp_end = g_ptr_array_index (pool, 1);
  title_en = g_strdup_printf ("Workplan %d–%d", year - 1, year);
  title_zh = g_strdup_printf ("%d–%d年工作计划", year - 1, year);

  ADD (DESK_KIND_WORKPLAN,
       "title_en", title_en, "title_zh", title_zh,
       "objectives_en", "Build trust between security forces, companies and communities "
                        "in the Western and Ashanti regions; bring the Voluntary Principles "
                        "into the mining regulations; reach the Chinese-run companies.",
       "objectives_zh", "在西部和阿散蒂地区增进安保力量、企业与社区之间的信任；推动将《自愿原则》"
                        "纳入矿业法规；联系中资企业。",
       "period_start", wp_start, "period_end", wp_end,
       "status", "approved", "approved_on", wp_start);
  workplan = g_object_ref (last);

  for (guint i = 0; i < G_N_ELEMENTS (demo_activities); i++)
    {
      const DemoActivity *a = &demo_activities[i];
      const char *status;
      g_autoptr(GString) support = g_string_new (NULL);
      g_auto(GStrv) idx = g_strsplit (a->support, ",", -1);
      gboolean past = a->end < 0;
      gboolean running = a->start <= 0 && a->end >= 0;

      for (guint j = 0; idx[j] != NULL && idx[j][0] != '\0'; j++)
        {
          if (support->len > 0)
            g_string_append_c (support, ',');
          g_string_append (support, UUID (g_ptr_array_index (members, atoi (idx[j]))));
        }

      status = past ? (i == 3 ? "in_progress" : "done") : running ? "in_progress" : "planned";
      if (i == 8)
        status = "postponed";

      ADD (DESK_KIND_ACTIVITY,
           "workplan_uuid", UUID (workplan),
           "code", a->code, "title_en", a->title_en, "title_zh", a->title_zh,
           "kind", a->kind, "themes", a->themes[0] != '\0' ? a->themes : NULL,
           "result_area", a->result_area,
           "lead_member_uuid", UUID (g_ptr_array_index (members, a->lead)),
           "supporting_members", support->len > 0 ? support->str : NULL,
           "planned_start", day (pool, today, a->start),
           "planned_end", day (pool, today, a->end),
           "actual_start", past || running ? day (pool, today, a->start) : NULL,
           "actual_end", g_str_equal (status, "done") ? day (pool, today, a->end) : NULL,
           "status", status,
           "outcome_en", a->outcome_en, "outcome_zh", a->outcome_zh);
      g_ptr_array_add (activities, g_object_ref (last));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_deliverables); i++)
    {
      const DemoDeliverable *d = &demo_deliverables[i];
      gboolean delivered = g_str_equal (d->status, "delivered") || g_str_equal (d->status, "accepted");

      ADD (DESK_KIND_DELIVERABLE,
           "activity_uuid", UUID (g_ptr_array_index (activities, d->activity)),
           "title_en", d->title_en, "title_zh", d->title_zh,
           "due_date", day (pool, today, d->due),
           "status", d->status,
           "delivered_on", delivered ? day (pool, today, d->due - 3) : NULL,
           "evidence_note", d->evidence);
    }

  /* Indicators: the strategy's model indicators, with targets and actuals. */
  ADD (DESK_KIND_INDICATOR,
       "workplan_uuid", UUID (workplan),
       "activity_uuid", UUID (g_ptr_array_index (activities, 1)),
       "name_en", "Police officers trained on the Voluntary Principles",
       "name_zh", "接受《自愿原则》培训的警员人数",
       "unit", "number", "baseline_milli", "0", "baseline_date", wp_start,
       "by_gender", "1");
  {
    g_autofree char *indicator = g_strdup (UUID (last));

    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "target",
         "value_milli", "120000");
    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "actual",
         "value_milli", "85000");
    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "actual",
         "gender", "woman", "value_milli", "19000");
    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "actual",
         "gender", "man", "value_milli", "66000");
  }

  ADD (DESK_KIND_INDICATOR,
       "workplan_uuid", UUID (workplan),
       "name_en", "Share of women among workshop participants",
       "name_zh", "研讨会参与者中的女性比例",
       "unit", "percentage", "baseline_milli", "18000", "baseline_date", wp_start);
  {
    g_autofree char *indicator = g_strdup (UUID (last));

    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "target",
         "value_milli", "35000");
    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "actual",
         "value_milli", "31500");
  }

  ADD (DESK_KIND_INDICATOR,
       "workplan_uuid", UUID (workplan),
       "activity_uuid", UUID (g_ptr_array_index (activities, 5)),
       "name_en", "Member companies with a grievance mechanism covering security",
       "unit", "number", "baseline_milli", "1000", "baseline_date", wp_start,
       "by_pillar", "0");
  {
    g_autofree char *indicator = g_strdup (UUID (last));

    ADD (DESK_KIND_INDICATOR_VALUE, "indicator_uuid", indicator,
         "period_start", wp_start, "period_end", wp_end, "type", "target",
         "value_milli", "3000");
  }

  ADD (DESK_KIND_INDICATOR,
       "workplan_uuid", UUID (workplan),
       "activity_uuid", UUID (g_ptr_array_index (activities, 7)),
       "name_en", "Voluntary Principles referenced in the mining regulations",
       "name_zh", "矿业法规中提及《自愿原则》",
       "unit", "yes_no", "baseline_milli", "0", "baseline_date", wp_start);

  /* The budget, in cedis but for the plenary travel, which is booked in dollars. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_lines); i++)
    {
      const DemoLine *l = &demo_lines[i];

      ADD (DESK_KIND_BUDGET_LINE,
           "workplan_uuid", UUID (workplan),
           "activity_uuid", l->activity >= 0 ? UUID (g_ptr_array_index (activities, l->activity)) : NULL,
           "category", l->category, "description_en", l->description,
           "quantity_milli", l->quantity, "unit", l->unit,
           "unit_cost_minor", num (pool, l->unit_cost), "currency", l->currency);
      g_ptr_array_add (lines, g_object_ref (last));
    }

  ADD (DESK_KIND_BUDGET_REVISION,
       "budget_line_uuid", UUID (g_ptr_array_index (lines, 11)),
       "revised_on", day (pool, today, -130),
       "reason", "The study needs a second round of interviews in Obuasi.",
       "quantity_milli", "30000", "unit_cost_minor", "200000");

  for (guint i = 0; i < G_N_ELEMENTS (demo_expenses); i++)
    {
      const DemoExpense *e = &demo_expenses[i];

      ADD (DESK_KIND_EXPENSE,
           "budget_line_uuid", UUID (g_ptr_array_index (lines, e->line)),
           "date", day (pool, today, e->day),
           "amount_minor", num (pool, e->amount), "currency", e->currency,
           "is_refund", e->amount < 0 ? "1" : "0",
           "payee", e->payee, "reference", e->reference);
    }

  ADD (DESK_KIND_RATE, "currency", "USD", "valid_from", wp_start,
       "rate_mantissa", "1550", "rate_scale", "2", "source", "Bank of Ghana");
  ADD (DESK_KIND_RATE, "currency", "USD", "valid_from", day (pool, today, -120),
       "rate_mantissa", "1480", "rate_scale", "2", "source", "Bank of Ghana");
  ADD (DESK_KIND_RATE, "currency", "EUR", "valid_from", wp_start,
       "rate_mantissa", "1690", "rate_scale", "2", "source", "Bank of Ghana");

  ADD (DESK_KIND_FUNDING, "workplan_uuid", UUID (workplan), "date", day (pool, today, -320),
       "source", "vpa_fund", "amount_minor", "1200000", "currency", "USD",
       "reference", "VPA-GH-2025-01");
  ADD (DESK_KIND_FUNDING, "workplan_uuid", UUID (workplan), "date", day (pool, today, -140),
       "source", "vpa_fund", "amount_minor", "800000", "currency", "USD",
       "reference", "VPA-GH-2025-02");
  ADD (DESK_KIND_FUNDING, "workplan_uuid", UUID (workplan), "date", day (pool, today, -250),
       "source", "member", "amount_minor", "3000000", "currency", "GHS",
       "reference", "Tarkwa Gold Mining contribution");
  ADD (DESK_KIND_FUNDING, "workplan_uuid", UUID (workplan), "date", day (pool, today, -200),
       "source", "donor", "amount_minor", "200000", "currency", "EUR",
       "reference", "Swiss embassy small grant");

  /* People: 90 participants, a third of them women, a few Chinese staff of the
   * Chinese-run company, the pillars in proportions a Ghana group sees. */
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *name = NULL;
      const char *gender;
      const char *pillar;
      int member;
      static const char *const pillars[] = { "government", "company", "civil_society",
                                             "civil_society", "government", "company",
                                             "other", "observer" };

      if (i % 11 == 5)
        {
          name = g_strdup (chinese_names[(i / 11) % G_N_ELEMENTS (chinese_names)]);
          gender = (i / 11) % 2 == 1 ? "woman" : "man";
          pillar = "company";
          member = 6;
        }
      else
        {
          gboolean woman = i % 3 == 0 || i % 7 == 2;

          gender = woman ? "woman" : "man";
          if (i % 29 == 13)
            gender = "not_stated";
          name = g_strdup_printf ("%s %s",
                                  woman ? women_first[i % G_N_ELEMENTS (women_first)]
                                        : men_first[i % G_N_ELEMENTS (men_first)],
                                  family[(i * 7) % G_N_ELEMENTS (family)]);
          pillar = pillars[i % G_N_ELEMENTS (pillars)];
          member = g_str_equal (pillar, "government") ? (int) (i % 4)
                 : g_str_equal (pillar, "company") ? 4 + (int) (i % 2)
                 : g_str_equal (pillar, "civil_society") ? 7 + (int) (i % 3)
                 : g_str_equal (pillar, "observer") ? 10 + (int) (i % 2) : -1;
        }

      ADD (DESK_KIND_PERSON,
           "name", name,
           "member_uuid", member >= 0 ? UUID (g_ptr_array_index (members, member)) : NULL,
           "organisation", member >= 0 ? NULL : "Prestea community",
           "pillar", pillar, "gender", gender,
           "role_title", g_str_equal (pillar, "government") ? "Officer" : NULL,
           "vulnerable_groups", g_str_equal (pillar, "other") ? "poor_marginalised" : NULL,
           "consent_named", i % 4 == 0 ? "1" : "0");
      g_ptr_array_add (people, g_object_ref (last));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_workshops); i++)
    {
      const DemoWorkshop *w = &demo_workshops[i];
      gboolean past = w->end < 0;
      g_autofree char *workshop = NULL;

      ADD (DESK_KIND_WORKSHOP,
           "activity_uuid", UUID (g_ptr_array_index (activities, w->activity)),
           "title_en", w->title_en, "title_zh", w->title_zh,
           "start_date", day (pool, today, w->start), "end_date", day (pool, today, w->end),
           "town", w->town, "region", w->region, "format", w->format,
           "languages", w->languages,
           "facilitators", i == 4 ? "Abena Owusu, 王海峰" : "Esi Amoako",
           "planned_participants", num (pool, w->planned),
           "actual_participants", past ? num (pool, w->participants) : NULL);
      workshop = g_strdup (UUID (last));

      for (int j = 0; j < w->participants; j++)
        {
          /* A different slice of the people for each workshop, overlapping so that
           * some come again. */
          DeskRecord *person = g_ptr_array_index (people, (i * 13 + (guint) j * 2) % people->len);

          ADD (DESK_KIND_ATTENDANCE,
               "workshop_uuid", workshop, "person_uuid", UUID (person),
               "role", j == 0 ? "facilitator" : j == 1 ? "speaker" : "participant",
               "status", past ? (j % 12 == 11 ? "absent" : "attended") : "registered");
        }
    }

  ADD (DESK_KIND_NOMINATION,
       "year", num (pool, year),
       "person_uuid", UUID (g_ptr_array_index (people, 2)),
       "member_uuid", UUID (g_ptr_array_index (members, 7)),
       "status", "confirmed",
       "budget_line_uuid", UUID (g_ptr_array_index (lines, 15)));

  if (!desk_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&group);

failed:
  desk_store_rollback (store);
  return NULL;
}
