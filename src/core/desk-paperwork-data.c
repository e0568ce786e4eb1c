/* desk-paperwork-data.c — a workshop's paperwork, gathered: people, codes, headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-paperwork"

#include "config.h"

#include "desk-paperwork-data.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-kind.h"
#include "desk-people.h"
#include "desk-protect.h"
#include "desk-record.h"
#include "desk-reference.h"
#include "desk-store-private.h"

#include <string.h>

#define CODE_PREFIX "P-"
#define CODE_DIGITS 8

/* The sheet's headers, one word each per language, every one of them among the words
 * desk-signin.c matches a header with (the tests type a sheet back with these headers
 * and import it with no mapping). The interface's own translations cannot serve: the
 * Chinese "Organisation" of the people list, 组织名称, is not a header the import
 * knows. */
static const char *const signin_headers[DESK_SIGNIN_N_COLUMNS][2] = {
  { "Name", "姓名" },
  { "Organisation", "单位" },
  { "Pillar", "界别" },
  { "Gender", "性别" },
  { "Role", "职务" },
  { "Phone", "电话" },
  { "E-mail", "电子邮件" },
};

/* Codes */

char *
desk_person_code (const char *person_uuid)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (person_uuid != NULL, NULL);

  digits = g_ascii_strup (person_uuid, MIN (strlen (person_uuid), CODE_DIGITS));
  return g_strconcat (CODE_PREFIX, digits, NULL);
}

gboolean
desk_person_code_parse (const char  *text,
                        char       **prefix)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (text));
  if (strlen (clean) != strlen (CODE_PREFIX) + CODE_DIGITS ||
      g_ascii_strncasecmp (clean, CODE_PREFIX, strlen (CODE_PREFIX)) != 0)
    return FALSE;
  for (const char *p = clean + strlen (CODE_PREFIX); *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  if (prefix != NULL)
    *prefix = g_ascii_strup (clean + strlen (CODE_PREFIX), -1);
  return TRUE;
}

DeskRecord *
desk_people_find_by_code (DeskStore   *store,
                          const char  *group_uuid,
                          const char  *code,
                          GError     **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (group_uuid != NULL, NULL);

  if (!desk_person_code_parse (code, &prefix))
    return NULL;

  /* UUIDs are stored lower-case; the code's digits are their first eight. */
  stmt = _desk_store_prepare (store,
                              "SELECT uuid FROM people WHERE group_uuid = ?1 "
                              "AND upper(substr(uuid, 1, 8)) = ?2 LIMIT 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      if (found == NULL)
        found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (n != 1)
    return NULL;
  return desk_store_get (store, DESK_KIND_PERSON, found, error);
}

const char *
desk_paperwork_signin_header (DeskSigninColumn column,
                              const char      *language)
{
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return signin_headers[column][g_strcmp0 (language, "zh") == 0 ? 1 : 0];
}

/* Gathering */

static void
person_free (DeskPaperworkPerson *person)
{
  g_free (person->person_uuid);
  g_free (person->code);
  g_free (person->name);
  g_free (person->name_key);
  g_free (person->organisation);
  g_free (person->pillar);
  g_free (person->gender);
  g_free (person->role);
  g_free (person->phone);
  g_free (person->email);
  g_free (person->status);
  g_free (person);
}

void
desk_paperwork_data_free (DeskPaperworkData *data)
{
  if (data == NULL)
    return;
  for (guint i = 0; i < 2; i++)
    {
      g_free (data->group_name[i]);
      g_free (data->title[i]);
    }
  g_free (data->dates);
  g_free (data->place);
  g_clear_pointer (&data->people, g_ptr_array_unref);
  g_free (data);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const DeskPaperworkPerson *pa = *(DeskPaperworkPerson *const *) a;
  const DeskPaperworkPerson *pb = *(DeskPaperworkPerson *const *) b;
  int by_name = g_strcmp0 (pa->name_key, pb->name_key);

  return by_name != 0 ? by_name : g_strcmp0 (pa->person_uuid, pb->person_uuid);
}

static char *
dup_text (DeskRecord *record,
          const char *field)
{
  const char *value = desk_record_get_string (record, field);

  return g_strdup (value != NULL ? value : "");
}

static char *
dup_label (DeskStore  *store,
           const char *table,
           const char *code)
{
  if (code == NULL || code[0] == '\0' || g_str_equal (code, "not_stated"))
    return g_strdup ("");
  return desk_reference_table_label (store, table, code);
}

static DeskPaperworkPerson *
person_new (DeskStore  *store,
            DeskRecord *record,
            const char *status)
{
  DeskPaperworkPerson *person = g_new0 (DeskPaperworkPerson, 1);

  person->person_uuid = g_strdup (desk_record_get_uuid (record));
  person->code = desk_person_code (person->person_uuid);
  person->name = dup_text (record, "name");
  person->name_key = dup_text (record, "name_key");
  person->organisation = desk_person_dup_organisation (store, record);
  person->pillar = dup_label (store, "pillars", desk_record_get_string (record, "pillar"));
  person->gender = dup_label (store, "genders", desk_record_get_string (record, "gender"));
  person->role = dup_text (record, "role_title");
  person->phone = dup_text (record, "phone");
  person->email = dup_text (record, "email");
  person->consent_named = desk_record_get_int (record, "consent_named") != 0;
  person->status = g_strdup (status);

  return person;
}

DeskPaperworkData *
desk_paperwork_data_new (DeskStore   *store,
                         const char  *workshop_uuid,
                         GError     **error)
{
  g_autoptr(DeskPaperworkData) data = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *languages;
  const char *town;
  const char *region;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);

  if (!desk_store_require_names (store, error))
    return NULL;

  workshop = desk_store_get (store, DESK_KIND_WORKSHOP, workshop_uuid, &local_error);
  if (workshop == NULL)
    {
      if (local_error != NULL && !g_error_matches (local_error, DESK_ERROR, DESK_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no workshop %s. Copy its identifier from the list of workshops."),
                   workshop_uuid);
      return NULL;
    }
  group = desk_store_get (store, DESK_KIND_GROUP, desk_record_get_group (workshop), error);
  if (group == NULL)
    return NULL;

  data = g_new0 (DeskPaperworkData, 1);
  languages = desk_record_get_string (group, "languages");
  data->english = desk_languages_include (languages, "en");
  data->chinese = desk_languages_include (languages, "zh");
  if (!data->english && !data->chinese)
    data->english = data->chinese = TRUE;
  data->group_name[0] = g_strdup (desk_record_get_narrative (group, "name", "en", NULL));
  data->group_name[1] = g_strdup (desk_record_get_narrative (group, "name", "zh", NULL));
  data->title[0] = g_strdup (desk_record_get_narrative (workshop, "title", "en", NULL));
  data->title[1] = g_strdup (desk_record_get_narrative (workshop, "title", "zh", NULL));
  data->dates = desk_date_format_period (desk_record_get_string (workshop, "start_date"),
                                         desk_record_get_string (workshop, "end_date"));
  town = desk_record_get_string (workshop, "town");
  region = desk_record_get_string (workshop, "region");
  if (town != NULL && town[0] != '\0' && region != NULL && region[0] != '\0')
    data->place = g_strdup_printf ("%s, %s", town, region);
  else if (town != NULL && town[0] != '\0')
    data->place = g_strdup (town);
  else
    data->place = g_strdup (region != NULL ? region : "");

  data->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  attendance = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid", workshop_uuid,
                                   error);
  if (attendance == NULL)
    return NULL;
  for (guint i = 0; i < attendance->len; i++)
    {
      DeskRecord *entry = g_ptr_array_index (attendance, i);
      g_autoptr(DeskRecord) person = desk_store_get (store, DESK_KIND_PERSON,
                                                     desk_record_get_string (entry, "person_uuid"),
                                                     error);

      if (person == NULL)
        return NULL;
      g_ptr_array_add (data->people,
                       person_new (store, person, desk_record_get_string (entry, "status")));
    }
  g_ptr_array_sort (data->people, compare_people);

  return g_steal_pointer (&data);
}
