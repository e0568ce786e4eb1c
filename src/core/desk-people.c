/* desk-people.c — finding a person again, and naming their organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-people"

#include "config.h"

#include "desk-people.h"

#include "desk-reference.h"
#include "desk-store-private.h"
#include "desk-text.h"

/* Whether the folded @key equals one of the (unfolded) names that follow. */
static gboolean
folded_equals_one (const char *key,
                   const char *a,
                   const char *b,
                   const char *c)
{
  const char *names[] = { a, b, c };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *folded = NULL;

      if (names[i] == NULL || names[i][0] == '\0')
        continue;
      folded = desk_text_fold_name (names[i]);
      if (folded[0] != '\0' && g_str_equal (folded, key))
        return TRUE;
    }

  return FALSE;
}

DeskRecord *
desk_store_find_person (DeskStore  *store,
                        const char *group_uuid,
                        const char *name,
                        const char *organisation)
{
  g_autofree char *name_key = NULL;
  g_autofree char *org_key = NULL;
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (group_uuid != NULL, NULL);

  name_key = desk_text_fold_name (name);
  if (name_key[0] == '\0')
    return NULL;
  org_key = desk_text_fold_name (organisation);

  /* The index on (group_uuid, name_key) narrows it to the few people of that name; their
   * organisations are folded here, since SQLite cannot fold like desk_text_fold_name. */
  stmt = _desk_store_prepare (store,
                              "SELECT p.uuid, p.organisation, m.name_en, m.name_zh "
                              "FROM people p LEFT JOIN members m ON m.uuid = p.member_uuid "
                              "WHERE p.group_uuid = ?1 AND p.name_key = ?2 "
                              "ORDER BY p.rowid", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_key, -1, SQLITE_TRANSIENT);
  while (found == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *free_text = (const char *) sqlite3_column_text (stmt, 1);
      const char *member_en = (const char *) sqlite3_column_text (stmt, 2);
      const char *member_zh = (const char *) sqlite3_column_text (stmt, 3);
      gboolean matches;

      if (org_key[0] == '\0')
        matches = desk_text_is_blank (free_text) &&
                  sqlite3_column_type (stmt, 2) == SQLITE_NULL;
      else
        matches = folded_equals_one (org_key, free_text, member_en, member_zh);

      if (matches)
        found = g_strdup (uuid);
    }
  sqlite3_reset (stmt);

  if (found == NULL)
    return NULL;

  return desk_store_get (store, DESK_KIND_PERSON, found, NULL);
}

char *
desk_store_find_member_by_name (DeskStore  *store,
                                const char *group_uuid,
                                const char *organisation)
{
  g_autofree char *key = NULL;
  char *found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (group_uuid != NULL, NULL);

  key = desk_text_fold_name (organisation);
  if (key[0] == '\0')
    return NULL;

  stmt = _desk_store_prepare (store,
                              "SELECT uuid, name_en, name_zh FROM members "
                              "WHERE group_uuid = ?1 ORDER BY rowid", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  while (found == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (folded_equals_one (key,
                           (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2), NULL))
      found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return found;
}

char *
desk_person_dup_organisation (DeskStore  *store,
                              DeskRecord *person)
{
  const char *member_uuid;
  const char *free_text;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_RECORD (person), NULL);

  member_uuid = desk_record_get_string (person, "member_uuid");
  if (member_uuid != NULL)
    {
      g_autoptr(DeskRecord) member = desk_store_get (store, DESK_KIND_MEMBER, member_uuid, NULL);

      if (member != NULL)
        {
          const char *name = desk_record_get_narrative (member, "name", desk_locale_language (),
                                                        NULL);
          if (name != NULL && name[0] != '\0')
            return g_strdup (name);
        }
    }

  free_text = desk_record_get_string (person, "organisation");

  return g_strdup (free_text != NULL ? free_text : "");
}
