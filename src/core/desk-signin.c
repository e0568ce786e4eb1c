/* desk-signin.c — sign-in sheets: decoding, CSV, headers and values in two languages
 *
 * Reading is separate from writing: desk_signin_plan_new decides what every row will
 * become and writes nothing, so the coordinator can look before importing, and
 * desk_signin_apply writes the plan in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-signin"

#include "config.h"

#include "desk-signin.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-people.h"
#include "desk-store-private.h"
#include "desk-text.h"

#include <string.h>

struct _DeskSigninPlan
{
  char *group_uuid;
  char *workshop_uuid;
  const char *encoding;
  char separator;
  char *headers[DESK_SIGNIN_N_COLUMNS];
  GPtrArray *rows;          /* DeskSigninRow */
};

/* Columns: their keys, labels and the headers they go by */

static const char *const column_keys[DESK_SIGNIN_N_COLUMNS] = {
  "name", "organisation", "pillar", "gender", "role", "phone", "email",
};

static const char *const column_labels[DESK_SIGNIN_N_COLUMNS] = {
  N_("Name"), N_("Organisation"), N_("Pillar"), N_("Gender"), N_("Role"), N_("Phone"),
  N_("E-mail"),
};

/* Headers as header_key() folds them: lower case, without spaces, dots, dashes or colons. */
static const char *const name_headers[] = {
  "name", "names", "fullname", "participant", "participantname", "姓名", "名字", "全名",
  "参会人", "参会者姓名", NULL
};
static const char *const organisation_headers[] = {
  "organisation", "organization", "organisationname", "organizationname", "org",
  "institution", "affiliation", "单位", "机构", "组织", "工作单位", "所在单位", NULL
};
static const char *const pillar_headers[] = {
  "pillar", "pillars", "stakeholdergroup", "界别", "支柱", NULL
};
static const char *const gender_headers[] = {
  "gender", "sex", "性别", NULL
};
static const char *const role_headers[] = {
  "role", "position", "title", "jobtitle", "function", "职务", "职位", "角色", NULL
};
static const char *const phone_headers[] = {
  "phone", "telephone", "tel", "mobile", "phonenumber", "telephonenumber", "电话", "手机",
  "联系电话", "电话号码", NULL
};
static const char *const email_headers[] = {
  "email", "emailaddress", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件", NULL
};

static const char *const *const column_headers[DESK_SIGNIN_N_COLUMNS] = {
  name_headers, organisation_headers, pillar_headers, gender_headers, role_headers,
  phone_headers, email_headers,
};

/* Values as value_key() folds them, and the code each one means. */
typedef struct
{
  const char *spelling;
  const char *code;
} Synonym;

static const Synonym gender_values[] = {
  { "f", "woman" }, { "female", "woman" }, { "woman", "woman" }, { "women", "woman" },
  { "w", "woman" }, { "女", "woman" }, { "女性", "woman" }, { "女士", "woman" },
  { "m", "man" }, { "male", "man" }, { "man", "man" }, { "men", "man" },
  { "男", "man" }, { "男性", "man" }, { "男士", "man" },
  { "other", "another" }, { "another", "another" }, { "anothergender", "another" },
  { "o", "another" }, { "其他", "another" }, { "其他性别", "another" }, { "其它", "another" },
  { "", "not_stated" }, { "unknown", "not_stated" }, { "notstated", "not_stated" },
  { "u", "not_stated" }, { "na", "not_stated" }, { "n/a", "not_stated" },
  { "prefernottosay", "not_stated" }, { "未说明", "not_stated" }, { "未知", "not_stated" },
  { "不详", "not_stated" },
};

static const Synonym pillar_values[] = {
  { "gov", "government" }, { "govt", "government" }, { "government", "government" },
  { "政府", "government" },
  { "company", "company" }, { "companies", "company" }, { "privatesector", "company" },
  { "private", "company" }, { "business", "company" }, { "industry", "company" },
  { "企业", "company" }, { "公司", "company" },
  { "cso", "civil_society" }, { "csos", "civil_society" }, { "ngo", "civil_society" },
  { "ngos", "civil_society" }, { "civilsociety", "civil_society" },
  { "民间社会", "civil_society" }, { "社会组织", "civil_society" },
  { "observer", "observer" }, { "observers", "observer" }, { "观察员", "observer" },
  { "other", "other" }, { "others", "other" }, { "其他", "other" }, { "其它", "other" },
};

static const Synonym role_values[] = {
  { "participant", "participant" }, { "参与者", "participant" }, { "参会者", "participant" },
  { "与会者", "participant" },
  { "speaker", "speaker" }, { "presenter", "speaker" }, { "panellist", "speaker" },
  { "panelist", "speaker" }, { "发言人", "speaker" }, { "演讲者", "speaker" },
  { "facilitator", "facilitator" }, { "moderator", "facilitator" }, { "主持人", "facilitator" },
  { "organiser", "organiser" }, { "organizer", "organiser" }, { "组织者", "organiser" },
};

/* Helpers */

static void
row_free (DeskSigninRow *row)
{
  g_free (row->message);
  g_free (row->person_uuid);
  g_free (row->name);
  g_free (row->organisation);
  g_free (row->member_uuid);
  g_free (row->pillar);
  g_free (row->gender);
  g_free (row->role);
  g_free (row->role_title);
  g_free (row->phone);
  g_free (row->email);
  g_free (row);
}

/* NFKC, case-folded, without the characters that only decorate: "E-mail:" and "ＥＭＡＩＬ"
 * are both "email", "Civil society" is "civilsociety", "civil_society" too. */
static char *
fold_key (const char *text,
          const char *drop)
{
  g_autofree char *compat = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  compat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (compat == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (compat, -1);

  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && strchr (drop, (int) c) != NULL))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
header_key (const char *text)
{
  return fold_key (text, "_-.:*()");
}

static char *
value_key (const char *text)
{
  return fold_key (text, "_-.");
}

/* The code @text means, or NULL. */
static const char *
lookup_synonym (const Synonym *synonyms,
                gsize          n,
                const char    *text)
{
  g_autofree char *key = value_key (text);

  for (gsize i = 0; i < n; i++)
    if (g_str_equal (synonyms[i].spelling, key))
      return synonyms[i].code;

  return NULL;
}

/* A field's value without the white space around it (ASCII, no-break and ideographic). */
static char *
clean_value (const char *text)
{
  const char *start = text;
  const char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, (gsize) (end - start));
}

/* Decoding */

static gboolean
has_prefix (GBytes       *bytes,
            const guint8 *prefix,
            gsize         length)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= length && memcmp (data, prefix, length) == 0;
}

static gboolean
refuse_binary (GError **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This file is not a sign-in sheet: it holds binary data, not text. Save the "
                 "sheet from your spreadsheet as “CSV UTF-8” or “Unicode text” and import "
                 "that file."));
  return FALSE;
}

/* The sheet's text as UTF-8, or NULL with an error. */
static char *
decode (GBytes      *bytes,
        const char **encoding,
        GError     **error)
{
  static const guint8 bom_utf8[] = { 0xef, 0xbb, 0xbf };
  static const guint8 bom_le[] = { 0xff, 0xfe };
  static const guint8 bom_be[] = { 0xfe, 0xff };
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = NULL;
  gsize length = 0;

  if (has_prefix (bytes, bom_le, 2) || has_prefix (bytes, bom_be, 2))
    {
      g_autoptr(GError) local = NULL;

      *encoding = has_prefix (bytes, bom_le, 2) ? "UTF-16LE" : "UTF-16BE";
      text = g_convert (data + 2, (gssize) size - 2, "UTF-8", *encoding, NULL, &length, &local);
      if (text == NULL)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("This file starts like Unicode (UTF-16) text but is not: it may be "
                         "damaged or not a sign-in sheet. Save the sheet from your "
                         "spreadsheet again as “CSV UTF-8” or “Unicode text”."));
          return NULL;
        }
    }
  else
    {
      gsize skip = has_prefix (bytes, bom_utf8, 3) ? 3 : 0;

      *encoding = skip > 0 ? "UTF-8 with BOM" : "UTF-8";
      if (memchr (data, '\0', size) != NULL)
        {
          refuse_binary (error);
          return NULL;
        }
      if (!g_utf8_validate_len (data + skip, size - skip, NULL))
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("This file is not UTF-8 or UTF-16 text: it may be in an older "
                         "encoding, or not text at all. Save the sheet from your spreadsheet "
                         "as “CSV UTF-8” or “Unicode text” and import that file."));
          return NULL;
        }
      length = size - skip;
      text = g_strndup (data + skip, length);
    }

  /* A NUL or a control character in decoded text means it was not text to begin with. */
  if (memchr (text, '\0', length) != NULL || !desk_text_is_clean (text))
    {
      refuse_binary (error);
      return NULL;
    }

  if (desk_text_is_blank (text))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This file is empty. Choose the file the sign-in sheet was saved to, "
                     "or type the participants into it first."));
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* CSV (RFC 4180, with any line end) */

typedef struct
{
  const char *pos;
  guint line;          /* the line pos is on, from 1 */
  char separator;
} Reader;

/* The next record's fields into @fields; FALSE at the end of the text. @unclosed tells
 * whether a quoted field ran to the end of the text. */
static gboolean
reader_next (Reader    *reader,
             GPtrArray *fields,
             gboolean  *unclosed)
{
  const char *p = reader->pos;
  GString *field;
  gboolean quoted = FALSE;
  gboolean at_start = TRUE;

  g_ptr_array_set_size (fields, 0);
  *unclosed = FALSE;
  if (*p == '\0')
    return FALSE;

  field = g_string_new (NULL);
  for (;;)
    {
      char c = *p;

      if (c == '\0')
        {
          *unclosed = quoted;
          break;
        }

      if (quoted)
        {
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              p++;
            }
          else if (c == '\r' || c == '\n')
            {
              /* A line break inside quotes belongs to the value, as one "\n". */
              p += (c == '\r' && p[1] == '\n') ? 2 : 1;
              reader->line++;
              g_string_append_c (field, '\n');
            }
          else
            {
              g_string_append_c (field, c);
              p++;
            }
          continue;
        }

      if (c == '"' && at_start)
        {
          quoted = TRUE;
          at_start = FALSE;
          p++;
        }
      else if (c == reader->separator)
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          at_start = TRUE;
          p++;
        }
      else if (c == '\r' || c == '\n')
        {
          p += (c == '\r' && p[1] == '\n') ? 2 : 1;
          reader->line++;
          break;
        }
      else
        {
          /* A stray quote inside an unquoted value is taken as it is, as spreadsheets do. */
          g_string_append_c (field, c);
          at_start = FALSE;
          p++;
        }
    }

  g_ptr_array_add (fields, g_string_free (field, FALSE));
  reader->pos = p;

  return TRUE;
}

static gboolean
fields_are_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!desk_text_is_blank (g_ptr_array_index (fields, i)))
      return FALSE;

  return TRUE;
}

/* Headers */

typedef struct
{
  char *headers[DESK_SIGNIN_N_COLUMNS];  /* header key given by the mapping, or NULL */
  char *given[DESK_SIGNIN_N_COLUMNS];    /* the header as it was written */
} Mapping;

static void
mapping_clear (Mapping *mapping)
{
  for (guint i = 0; i < DESK_SIGNIN_N_COLUMNS; i++)
    {
      g_clear_pointer (&mapping->headers[i], g_free);
      g_clear_pointer (&mapping->given[i], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mapping, mapping_clear)

static int
column_for_key (const char *key)
{
  g_autofree char *folded = header_key (key);

  for (guint i = 0; i < DESK_SIGNIN_N_COLUMNS; i++)
    if (g_str_equal (folded, column_keys[i]))
      return (int) i;
  if (g_str_equal (folded, "organization"))
    return DESK_SIGNIN_COLUMN_ORGANISATION;

  return -1;
}

static gboolean
parse_mapping (const char *const *pairs,
               Mapping           *mapping,
               GError           **error)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *column = NULL;
      int index;

      if (equals == NULL || equals[1] == '\0')
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” does not say which header holds which column. Write it as "
                         "COLUMN=HEADER, such as name=Participant."), pairs[i]);
          return FALSE;
        }
      column = g_strndup (pairs[i], (gsize) (equals - pairs[i]));
      index = column_for_key (column);
      if (index < 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” is not a column of a sign-in sheet. Use name, organisation, "
                         "pillar, gender, role, phone or email."), column);
          return FALSE;
        }
      g_free (mapping->headers[index]);
      g_free (mapping->given[index]);
      mapping->headers[index] = header_key (equals + 1);
      mapping->given[index] = g_strdup (equals + 1);
    }

  return TRUE;
}

/* Which field holds which column, given the header row; -1 for a column it lacks. */
static guint
match_headers (GPtrArray     *fields,
               const Mapping *mapping,
               int            columns[DESK_SIGNIN_N_COLUMNS])
{
  g_autofree gboolean *used = g_new0 (gboolean, fields->len + 1);
  guint found = 0;

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    columns[c] = -1;

  /* The mapping first, so that it can take a header the usual names would claim. */
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    for (guint i = 0; mapping->headers[c] != NULL && i < fields->len; i++)
      {
        g_autofree char *key = header_key (g_ptr_array_index (fields, i));

        if (!used[i] && g_str_equal (key, mapping->headers[c]))
          {
            columns[c] = (int) i;
            used[i] = TRUE;
            found++;
            break;
          }
      }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      if (columns[c] >= 0 || mapping->headers[c] != NULL)
        continue;
      for (guint i = 0; columns[c] < 0 && i < fields->len; i++)
        {
          g_autofree char *key = header_key (g_ptr_array_index (fields, i));

          if (!used[i] && g_strv_contains (column_headers[c], key))
            {
              columns[c] = (int) i;
              used[i] = TRUE;
              found++;
            }
        }
    }

  return found;
}

/* Rows */

static const char *
field_at (GPtrArray *fields,
          int        index)
{
  if (index < 0 || (guint) index >= fields->len)
    return "";

  return g_ptr_array_index (fields, index);
}

static void
row_fail (DeskSigninRow *row,
          const char    *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
row_fail (DeskSigninRow *row,
          const char    *format,
          ...)
{
  va_list args;

  va_start (args, format);
  row->fate = DESK_SIGNIN_ROW_ERROR;
  g_free (row->message);
  row->message = g_strdup_vprintf (format, args);
  va_end (args);
}

/* The person a row would create, for core's validation. */
static DeskRecord *
row_to_person (DeskSigninRow *row,
               const char    *group_uuid)
{
  DeskRecord *person = desk_record_new (DESK_KIND_PERSON);

  desk_record_set_group (person, group_uuid);
  desk_record_set_string (person, "name", row->name);
  if (row->member_uuid != NULL)
    desk_record_set_string (person, "member_uuid", row->member_uuid);
  else
    desk_record_set_string (person, "organisation", row->organisation);
  if (row->pillar != NULL)
    desk_record_set_string (person, "pillar", row->pillar);
  desk_record_set_string (person, "gender", row->gender);
  desk_record_set_string (person, "role_title", row->role_title);
  desk_record_set_string (person, "phone", row->phone);
  desk_record_set_string (person, "email", row->email);

  return person;
}

/* The status of @person_uuid on @workshop_uuid's list, NULL when not on it. */
static char *
dup_attendance (DeskStore  *store,
                const char *workshop_uuid,
                const char *person_uuid,
                char      **status)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;

  stmt = _desk_store_prepare (store,
                              "SELECT uuid, status FROM attendance "
                              "WHERE workshop_uuid = ?1 AND person_uuid = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workshop_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, person_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (status != NULL)
        *status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return uuid;
}

static DeskSigninRow *
read_row (DeskStore  *store,
          DeskSigninPlan *plan,
          GPtrArray  *fields,
          guint       line,
          guint       n_headers,
          gboolean    unclosed,
          const int   columns[DESK_SIGNIN_N_COLUMNS],
          GHashTable *seen)
{
  DeskSigninRow *row = g_new0 (DeskSigninRow, 1);
  g_autofree char *gender_text = NULL;
  g_autofree char *pillar_text = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *org_key = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DeskRecord) draft = NULL;
  g_autoptr(DeskRecord) existing = NULL;
  g_autoptr(GError) invalid = NULL;
  const char *code;
  gpointer earlier;

  row->line = line;
  row->fate = DESK_SIGNIN_ROW_NEW;
  row->name = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_NAME]));
  row->organisation = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_ORGANISATION]));
  row->phone = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_PHONE]));
  row->email = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_EMAIL]));
  gender_text = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_GENDER]));
  pillar_text = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_PILLAR]));
  role_text = clean_value (field_at (fields, columns[DESK_SIGNIN_COLUMN_ROLE]));
  row->gender = g_strdup ("not_stated");
  row->role = g_strdup ("participant");
  row->role_title = g_strdup ("");

  if (unclosed)
    {
      row_fail (row, _("Line %u: a quotation mark opened here is never closed, so the rest "
                       "of the file was read as one value. Close the quotation or remove "
                       "it, then import the file again."), line);
      return row;
    }

  for (guint i = n_headers; i < fields->len; i++)
    if (!desk_text_is_blank (g_ptr_array_index (fields, i)))
      {
        row_fail (row, _("Line %u has %u values but the header has %u columns. Put "
                         "quotation marks around values that contain the separator, or "
                         "remove the extra values."), line, fields->len, n_headers);
        return row;
      }

  if (desk_text_is_blank (row->name))
    {
      row_fail (row, _("Line %u: the name is empty. Write the person’s name, or delete the "
                       "line."), line);
      return row;
    }

  code = lookup_synonym (gender_values, G_N_ELEMENTS (gender_values), gender_text);
  if (code == NULL && g_str_equal (gender_text, "-"))
    code = "not_stated";
  if (code == NULL)
    {
      row_fail (row, _("Line %u: “%s” is not a gender Groupdesk recognises. Write F, Female "
                       "or 女 for a woman; M, Male or 男 for a man; Other or 其他 for another "
                       "gender; or leave it empty when not stated."), line, gender_text);
      return row;
    }
  g_free (row->gender);
  row->gender = g_strdup (code);

  if (!desk_text_is_blank (pillar_text) && !g_str_equal (pillar_text, "-"))
    {
      code = lookup_synonym (pillar_values, G_N_ELEMENTS (pillar_values), pillar_text);
      if (code == NULL)
        {
          row_fail (row, _("Line %u: “%s” is not a pillar Groupdesk recognises. Write "
                           "Government (政府), Company (企业), Civil society or CSO (民间社会), "
                           "Observer (观察员) or Other (其他), or leave it empty when not "
                           "stated."), line, pillar_text);
          return row;
        }
      row->pillar = g_strdup (code);
    }

  if (role_text[0] != '\0')
    {
      code = lookup_synonym (role_values, G_N_ELEMENTS (role_values), role_text);
      if (code != NULL)
        {
          g_free (row->role);
          row->role = g_strdup (code);
        }
      else
        {
          /* "Director", "科长": a job title, kept with the person; they took part. */
          g_free (row->role_title);
          row->role_title = g_strdup (role_text);
        }
    }

  row->member_uuid = desk_store_find_member_by_name (store, plan->group_uuid, row->organisation);

  /* Core's own rules, so that nothing the plan accepts is refused when it is applied. */
  draft = row_to_person (row, plan->group_uuid);
  if (!desk_store_validate (store, draft, NULL, &invalid))
    {
      row_fail (row, _("Line %u: %s"), line, invalid->message);
      return row;
    }

  name_key = desk_text_fold_name (row->name);
  org_key = desk_text_fold_name (row->organisation);
  key = g_strconcat (name_key, "\x1f", org_key, NULL);
  if (g_hash_table_lookup_extended (seen, key, NULL, &earlier))
    {
      row->fate = DESK_SIGNIN_ROW_REPEAT;
      row->same_as_line = GPOINTER_TO_UINT (earlier);
      return row;
    }
  g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));

  existing = desk_store_find_person (store, plan->group_uuid, row->name, row->organisation);
  if (existing != NULL)
    {
      g_autofree char *listed = NULL;

      row->person_uuid = g_strdup (desk_record_get_uuid (existing));
      listed = dup_attendance (store, plan->workshop_uuid, row->person_uuid, NULL);
      row->fate = listed != NULL ? DESK_SIGNIN_ROW_LISTED : DESK_SIGNIN_ROW_EXISTING;
    }

  return row;
}

/* Public API */

const char *
desk_signin_column_key (DeskSigninColumn column)
{
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return column_keys[column];
}

const char *
desk_signin_column_label (DeskSigninColumn column)
{
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return _(column_labels[column]);
}

static gboolean
refuse_size (guint64   size,
             GError  **error)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *limit = g_format_size (DESK_SIGNIN_MAX_BYTES);

  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This file is %s, larger than the %s limit for a sign-in sheet. Check that it "
                 "is the right file, or split the sheet into smaller files."), have, limit);
  return FALSE;
}

GBytes *
desk_signin_read_file (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* The size first: a wrong choice in the file chooser must not load a film into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This is a folder, not a sign-in sheet. Choose the file inside it."));
      return NULL;
    }
  if (g_file_info_get_size (info) > DESK_SIGNIN_MAX_BYTES)
    {
      refuse_size ((guint64) g_file_info_get_size (info), error);
      return NULL;
    }

  return g_file_load_bytes (file, cancellable, NULL, error);
}

DeskSigninPlan *
desk_signin_plan_new (DeskStore         *store,
                      const char        *workshop_uuid,
                      GBytes            *bytes,
                      const char *const *mapping_pairs,
                      GError           **error)
{
  static const char separators[] = { ',', ';', '\t' };
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *text = NULL;
  g_auto(Mapping) mapping = { { NULL }, { NULL } };
  int columns[DESK_SIGNIN_N_COLUMNS];
  const char *body = NULL;
  guint body_line = 0;
  guint n_headers = 0;
  guint best_found = 0;
  guint best_fields = 0;
  gboolean unclosed;
  Reader reader;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  if (g_bytes_get_size (bytes) > DESK_SIGNIN_MAX_BYTES)
    {
      refuse_size (g_bytes_get_size (bytes), error);
      return NULL;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This file is empty. Choose the file the sign-in sheet was saved to, "
                     "or type the participants into it first."));
      return NULL;
    }

  if (!parse_mapping (mapping_pairs, &mapping, error))
    return NULL;

  workshop = desk_store_get (store, DESK_KIND_WORKSHOP, workshop_uuid, NULL);
  if (workshop == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no workshop with the identifier “%s”: it may have been "
                     "deleted. Choose the workshop again."), workshop_uuid);
      return NULL;
    }

  plan = g_new0 (DeskSigninPlan, 1);
  plan->group_uuid = g_strdup (desk_record_get_group (workshop));
  plan->workshop_uuid = g_strdup (workshop_uuid);
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  text = decode (bytes, &plan->encoding, error);
  if (text == NULL)
    return NULL;

  /* The separator is the one that makes the most of the header row recognisable; on a
   * tie, the one that splits it into more fields. */
  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      int candidate[DESK_SIGNIN_N_COLUMNS];
      guint found;

      reader = (Reader) { text, 1, separators[s] };
      while (reader_next (&reader, fields, &unclosed) && fields_are_blank (fields))
        ;
      found = match_headers (fields, &mapping, candidate);
      if (s == 0 || found > best_found || (found == best_found && fields->len > best_fields))
        {
          best_found = found;
          best_fields = fields->len;
          plan->separator = separators[s];
          memcpy (columns, candidate, sizeof columns);
          body = reader.pos;
          body_line = reader.line;
          n_headers = fields->len;
          for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
            {
              g_clear_pointer (&plan->headers[c], g_free);
              if (candidate[c] >= 0)
                plan->headers[c] = g_strdup (g_ptr_array_index (fields, candidate[c]));
            }
        }
    }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    if (mapping.headers[c] != NULL && columns[c] < 0)
      {
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("The first row of the sheet has no column headed “%s” for “%s”. "
                       "Check the spelling of the header, or leave that column out of the "
                       "mapping so that it is recognised by its header."),
                     mapping.given[c], _(column_labels[c]));
        return NULL;
      }

  if (columns[DESK_SIGNIN_COLUMN_NAME] < 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("No column of names was found in the first row of this file. Head the "
                     "column of names “Name” or “姓名”, or say which header it has "
                     "(name=HEADER)."));
      return NULL;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader = (Reader) { body, body_line, plan->separator };
  for (;;)
    {
      guint line = reader.line;

      if (!reader_next (&reader, fields, &unclosed))
        break;
      if (!unclosed && fields_are_blank (fields))
        continue;
      g_ptr_array_add (plan->rows,
                       read_row (store, plan, fields, line, n_headers, unclosed, columns, seen));
    }

  return g_steal_pointer (&plan);
}

DeskSigninPlan *
desk_signin_plan_new_for_file (DeskStore         *store,
                               const char        *workshop_uuid,
                               GFile             *file,
                               const char *const *mapping,
                               GError           **error)
{
  g_autoptr(GBytes) bytes = desk_signin_read_file (file, NULL, error);

  if (bytes == NULL)
    return NULL;

  return desk_signin_plan_new (store, workshop_uuid, bytes, mapping, error);
}

void
desk_signin_plan_free (DeskSigninPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->group_uuid);
  g_free (plan->workshop_uuid);
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_free (plan->headers[c]);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_free (plan);
}

const char *
desk_signin_plan_get_encoding (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return plan->encoding;
}

char
desk_signin_plan_get_separator (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, ',');

  return plan->separator;
}

const char *
desk_signin_plan_get_header (DeskSigninPlan   *plan,
                             DeskSigninColumn  column)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return plan->headers[column];
}

guint
desk_signin_plan_get_n_rows (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->rows->len;
}

const DeskSigninRow *
desk_signin_plan_get_row (DeskSigninPlan *plan,
                          guint           index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (index < plan->rows->len, NULL);

  return g_ptr_array_index (plan->rows, index);
}

guint
desk_signin_plan_count (DeskSigninPlan *plan,
                        DeskSigninFate  fate)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->rows->len; i++)
    n += ((DeskSigninRow *) g_ptr_array_index (plan->rows, i))->fate == fate;

  return n;
}

static gboolean
apply_row (DeskStore        *store,
           DeskSigninPlan   *plan,
           const char       *workshop_uuid,
           DeskSigninRow    *row,
           DeskSigninResult *result,
           GError          **error)
{
  g_autoptr(DeskRecord) person = NULL;
  g_autofree char *attendance_uuid = NULL;
  g_autofree char *status = NULL;

  /* Looked up again: the database may have changed since the plan was made. */
  person = desk_store_find_person (store, plan->group_uuid, row->name, row->organisation);
  if (person != NULL)
    result->people_matched++;
  else
    {
      person = row_to_person (row, plan->group_uuid);
      if (!desk_store_insert (store, person, error))
        return FALSE;
      result->people_added++;
    }

  attendance_uuid = dup_attendance (store, workshop_uuid, desk_record_get_uuid (person), &status);
  if (attendance_uuid == NULL)
    {
      g_autoptr(DeskRecord) attendance = desk_record_new (DESK_KIND_ATTENDANCE);

      desk_record_set_group (attendance, plan->group_uuid);
      desk_record_set_string (attendance, "workshop_uuid", workshop_uuid);
      desk_record_set_string (attendance, "person_uuid", desk_record_get_uuid (person));
      desk_record_set_string (attendance, "role", row->role);
      desk_record_set_string (attendance, "status", "attended");
      if (!desk_store_insert (store, attendance, error))
        return FALSE;
      result->attendance_added++;
    }
  else if (g_strcmp0 (status, "attended") != 0)
    {
      g_autoptr(DeskRecord) attendance = desk_store_get (store, DESK_KIND_ATTENDANCE,
                                                         attendance_uuid, error);

      if (attendance == NULL)
        return FALSE;
      desk_record_set_string (attendance, "status", "attended");
      if (!g_str_equal (row->role, "participant"))
        desk_record_set_string (attendance, "role", row->role);
      if (!desk_store_update (store, attendance, error))
        return FALSE;
      result->attendance_marked++;
    }
  else
    result->skipped++;

  return TRUE;
}

gboolean
desk_signin_apply (DeskStore        *store,
                   DeskSigninPlan   *plan,
                   const char       *workshop_uuid,
                   DeskSigninResult *result,
                   GError          **error)
{
  DeskSigninResult counts = { 0 };

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  if (!desk_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < plan->rows->len; i++)
    {
      DeskSigninRow *row = g_ptr_array_index (plan->rows, i);
      g_autoptr(GError) local = NULL;

      if (row->fate == DESK_SIGNIN_ROW_ERROR)
        {
          counts.errors++;
          continue;
        }
      if (row->fate == DESK_SIGNIN_ROW_REPEAT)
        {
          counts.skipped++;
          continue;
        }

      if (!apply_row (store, plan, workshop_uuid, row, &counts, &local))
        {
          desk_store_rollback (store);
          g_set_error (error, DESK_ERROR,
                       local->domain == DESK_ERROR ? local->code : DESK_ERROR_FAILED,
                       _("Line %u: %s Nothing was imported: correct the sheet or the "
                         "workshop and import it again."), row->line, local->message);
          return FALSE;
        }
    }

  if (!desk_store_commit (store, error))
    return FALSE;

  if (result != NULL)
    *result = counts;

  return TRUE;
}
