/* desk-people.c — finding a person again, naming their organisation, and merging two
 * records of one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-people"

#include "config.h"

#include "desk-people.h"

#include "desk-attendance.h"
#include "desk-error.h"
#include "desk-i18n.h"
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

/* The UUID of the person in @stmt's row (uuid, organisation, member's names) when their
 * organisation is @org_key folded, else NULL. */
static char *
person_matches (DeskStore    *store,
                sqlite3_stmt *stmt,
                const char   *org_key,
                gboolean      sealed)
{
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
  const char *free_text = (const char *) sqlite3_column_text (stmt, 1);
  const char *member_en = (const char *) sqlite3_column_text (stmt, 2);
  const char *member_zh = (const char *) sqlite3_column_text (stmt, 3);
  gboolean matches;

  if (sealed)
    {
      free_text = _desk_store_open_column (store, DESK_KIND_PERSON, "organisation", uuid, free_text);
      if (free_text == NULL)
        return NULL;
    }

  if (org_key[0] == '\0')
    matches = desk_text_is_blank (free_text) && sqlite3_column_type (stmt, 2) == SQLITE_NULL;
  else
    matches = folded_equals_one (org_key, free_text, member_en, member_zh);

  return matches ? g_strdup (uuid) : NULL;
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
  /* Where names are sealed, the index on people holds cipher text: the people of that
   * folded name come from the store's index in memory, each row read by its UUID. */
  if (_desk_store_is_sealing (store))
    {
      const GPtrArray *uuids = _desk_store_people_with_key (store, group_uuid, name_key);

      stmt = _desk_store_prepare (store,
                                  "SELECT p.uuid, p.organisation, m.name_en, m.name_zh "
                                  "FROM people p LEFT JOIN members m ON m.uuid = p.member_uuid "
                                  "WHERE p.uuid = ?1", NULL);
      for (guint i = 0; stmt != NULL && uuids != NULL && found == NULL && i < uuids->len; i++)
        {
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (uuids, i), -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            found = person_matches (store, stmt, org_key, TRUE);
          sqlite3_reset (stmt);
        }
      if (found == NULL)
        return NULL;
      return desk_store_get (store, DESK_KIND_PERSON, found, NULL);
    }

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
    found = person_matches (store, stmt, org_key, FALSE);
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

/* Similar names */

/* The edit distance between @a and @b (characters), or @limit + 1 once it is sure to
 * pass @limit: most names of a group are far from the one typed, and give up early. */
static guint
edit_distance (const gunichar *a,
               glong           na,
               const gunichar *b,
               glong           nb,
               guint           limit)
{
  g_autofree guint *row = NULL;

  if ((guint) ABS (na - nb) > limit)
    return limit + 1;

  row = g_new (guint, nb + 1);
  for (glong j = 0; j <= nb; j++)
    row[j] = (guint) j;

  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];
      guint smallest;

      row[0] = (guint) i;
      smallest = row[0];
      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
          smallest = MIN (smallest, row[j]);
        }
      if (smallest > limit)
        return limit + 1;
    }

  return row[nb];
}

typedef struct
{
  char *uuid;
  DeskRecord *person;
  guint distance;
  char *sort_key;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->uuid);
  g_clear_object (&candidate->person);
  g_free (candidate->sort_key);
  g_free (candidate);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(const Candidate **) a;
  const Candidate *y = *(const Candidate **) b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;

  return g_strcmp0 (x->sort_key, y->sort_key);
}

typedef struct
{
  const gunichar *typed;
  glong n_typed;
  guint limit;
  GPtrArray *candidates;
} Similar;

/* Adds the person @uuid to the candidates when @their_name is within the limit. */
static void
consider_candidate (const char *uuid,
                    const char *their_name,
                    gpointer    data)
{
  Similar *similar = data;
  g_autofree char *folded = NULL;
  g_autofree gunichar *theirs = NULL;
  glong n_theirs = 0;
  guint distance;
  Candidate *candidate;

  if (their_name == NULL)
    return;
  folded = desk_text_fold_search (their_name);
  theirs = g_utf8_to_ucs4_fast (folded, -1, &n_theirs);
  distance = edit_distance (similar->typed, similar->n_typed, theirs, n_theirs, similar->limit);
  if (distance > similar->limit)
    return;

  candidate = g_new0 (Candidate, 1);
  candidate->distance = distance;
  candidate->uuid = g_strdup (uuid);
  g_ptr_array_add (similar->candidates, candidate);
}

GPtrArray *
desk_people_find_similar (DeskStore   *store,
                          const char  *group_uuid,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autofree char *key = NULL;
  g_autofree gunichar *typed = NULL;
  GPtrArray *people;
  Similar similar;
  glong n_typed = 0;
  guint limit;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (group_uuid != NULL, NULL);

  people = g_ptr_array_new_with_free_func (g_object_unref);
  key = desk_text_fold_search (name);
  if (key[0] == '\0')
    return people;
  typed = g_utf8_to_ucs4_fast (key, -1, &n_typed);
  limit = n_typed >= 6 ? 2 : 1;

  similar.typed = typed;
  similar.n_typed = n_typed;
  similar.limit = limit;
  similar.candidates = candidates;

  /* Where names are sealed they come from the store's index in memory, opened once. */
  if (_desk_store_is_sealing (store))
    _desk_store_people_foreach_name (store, group_uuid, consider_candidate, &similar);
  else
    {
      stmt = _desk_store_prepare (store, "SELECT uuid, name FROM people WHERE group_uuid = ?1", error);
      if (stmt == NULL)
        {
          g_ptr_array_unref (people);
          return NULL;
        }

      sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        consider_candidate ((const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1), &similar);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (store, rc, error);
          g_ptr_array_unref (people);
          return NULL;
        }
    }

  /* The records are read once the few candidates are known. */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);

      candidate->person = desk_store_get (store, DESK_KIND_PERSON, candidate->uuid, error);
      if (candidate->person == NULL)
        {
          g_ptr_array_unref (people);
          return NULL;
        }
      candidate->sort_key = desk_text_sort_key (desk_record_get_string (candidate->person, "name"));
    }
  g_ptr_array_sort (candidates, compare_candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);
      g_ptr_array_add (people, g_steal_pointer (&candidate->person));
    }

  return people;
}

char *
desk_person_dup_distinction (DeskStore  *store,
                             DeskRecord *person)
{
  g_autofree char *organisation = NULL;
  g_autofree char *pillar = NULL;
  const char *code;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_RECORD (person), NULL);

  organisation = desk_person_dup_organisation (store, person);
  code = desk_record_get_string (person, "pillar");
  if (code != NULL && code[0] != '\0')
    pillar = desk_reference_table_label (store, "pillars", code);

  if (organisation[0] != '\0' && pillar != NULL)
    /* Translators: what tells two people of a similar name apart: their organisation
     * and their pillar (government, companies, civil society). */
    return g_strdup_printf (C_("person distinction", "%s · %s"), organisation, pillar);
  if (pillar != NULL)
    return g_steal_pointer (&pillar);

  return g_steal_pointer (&organisation);
}

/* Merging */

DeskRecord *
desk_people_merged_details (DeskRecord *kept,
                            DeskRecord *gone)
{
  static const char *const fillable[] = { "member_uuid", "organisation", "pillar", "role_title",
                                          "phone", "email", NULL };
  DeskRecord *merged;
  g_autoptr(GStrvBuilder) groups = g_strv_builder_new ();
  g_auto(GStrv) both = NULL;

  g_return_val_if_fail (DESK_IS_RECORD (kept), NULL);
  g_return_val_if_fail (DESK_IS_RECORD (gone), NULL);

  merged = desk_record_copy (kept);
  for (guint i = 0; fillable[i] != NULL; i++)
    {
      const char *ours = desk_record_get_string (kept, fillable[i]);
      const char *theirs = desk_record_get_string (gone, fillable[i]);

      if ((ours == NULL || ours[0] == '\0') && theirs != NULL && theirs[0] != '\0')
        desk_record_set_string (merged, fillable[i], theirs);
    }
  if (g_strcmp0 (desk_record_get_string (kept, "gender"), "not_stated") == 0 &&
      desk_record_get_string (gone, "gender") != NULL)
    desk_record_set_string (merged, "gender", desk_record_get_string (gone, "gender"));

  g_strv_builder_addv (groups, (const char **) desk_record_get_set (kept, "vulnerable_groups"));
  for (const char *const *code = desk_record_get_set (gone, "vulnerable_groups"); *code != NULL; code++)
    if (!g_strv_contains (desk_record_get_set (kept, "vulnerable_groups"), *code))
      g_strv_builder_add (groups, *code);
  both = g_strv_builder_end (groups);
  desk_record_set_set (merged, "vulnerable_groups", (const char *const *) both);

  return merged;
}

static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, "attended") == 0)
    return 0;
  if (g_strcmp0 (status, "registered") == 0)
    return 1;
  if (g_strcmp0 (status, "invited") == 0)
    return 2;

  return 3;
}

/* @gone's attendance at a workshop where @kept_entry is @kept's: the one entry keeps the
 * better status and the more telling role, and @gone's goes. */
/* The reason a merge gives the records it moves: attendance of a workshop already
 * reported is locked (desk-locks.h), and a merge changes no figure but the number of
 * distinct people, so it goes through and the secretariat is told why. */
static const char *
merge_reason (void)
{
  return _("Two entries for the same person were merged into one.");
}

static gboolean
merge_attendance (DeskHistory  *history,
                  DeskRecord   *kept_entry,
                  DeskRecord   *gone_entry,
                  GError      **error)
{
  g_autoptr(DeskRecord) merged = desk_record_copy (kept_entry);
  const char *gone_status = desk_record_get_string (gone_entry, "status");
  const char *gone_role = desk_record_get_string (gone_entry, "role");

  if (status_rank (gone_status) < status_rank (desk_record_get_string (kept_entry, "status")))
    desk_record_set_string (merged, "status", gone_status);
  if (g_strcmp0 (desk_record_get_string (kept_entry, "role"), "participant") == 0 &&
      gone_role != NULL && g_strcmp0 (gone_role, "participant") != 0)
    desk_record_set_string (merged, "role", gone_role);

  /* The duplicate goes first: the workshop may hold one entry per person. */
  if (!desk_history_delete_with_reason (history, DESK_KIND_ATTENDANCE,
                                        desk_record_get_uuid (gone_entry), merge_reason (), error))
    return FALSE;
  if (desk_record_equal (merged, kept_entry))
    return TRUE;

  return desk_history_update_with_reason (history, merged, merge_reason (), error);
}

/* Every record of @kind whose person reference @field is @gone_uuid refers to @kept_uuid. */
static gboolean
move_references (DeskHistory     *history,
                 const DeskKind  *kind,
                 const char      *field,
                 const char      *kept_uuid,
                 const char      *gone_uuid,
                 GError         **error)
{
  DeskStore *store = desk_history_get_store (history);
  g_autoptr(GPtrArray) refs = desk_store_list_by (store, kind, field, gone_uuid, error);

  if (refs == NULL)
    return FALSE;

  for (guint i = 0; i < refs->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (refs, i);
      g_autoptr(DeskRecord) moved = NULL;

      if (kind == DESK_KIND_ATTENDANCE)
        {
          g_autoptr(DeskRecord) kept_entry =
            desk_attendance_find (store, desk_record_get_string (record, "workshop_uuid"), kept_uuid);

          if (kept_entry != NULL)
            {
              if (!merge_attendance (history, kept_entry, record, error))
                return FALSE;
              continue;
            }
        }

      moved = desk_record_copy (record);
      desk_record_set_string (moved, field, kept_uuid);
      if (!desk_history_update_with_reason (history, moved, merge_reason (), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
merge_in_group (DeskHistory  *history,
                DeskRecord   *kept,
                DeskRecord   *gone,
                GError      **error)
{
  DeskStore *store = desk_history_get_store (history);
  const DeskKind *const *kinds = desk_kind_all ();
  const char *kept_uuid = desk_record_get_uuid (kept);
  const char *gone_uuid = desk_record_get_uuid (gone);
  g_autofree char *merged = NULL;
  sqlite3_stmt *stmt;

  for (guint k = 0; kinds[k] != NULL; k++)
    for (guint f = 0; kinds[k]->fields[f].name != NULL; f++)
      {
        const DeskField *field = &kinds[k]->fields[f];

        if (field->type == DESK_FIELD_REF && g_strcmp0 (field->ref, "person") == 0 &&
            !move_references (history, kinds[k], field->name, kept_uuid, gone_uuid, error))
          return FALSE;
      }

  if (!desk_history_update (history, kept, error) ||
      !desk_history_delete (history, DESK_KIND_PERSON, gone_uuid, error))
    return FALSE;

  /* Who the merged-away person became, and who those merged into them before. */
  merged = desk_store_dup_timestamp (store);
  stmt = _desk_store_prepare (store,
                              "INSERT OR REPLACE INTO person_merges (gone_uuid, kept_uuid, group_uuid, merged) "
                              "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, gone_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, desk_record_get_group (kept), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, merged, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _desk_store_set_error (store, sqlite3_errcode (_desk_store_get_db (store)), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = _desk_store_prepare (store, "UPDATE person_merges SET kept_uuid = ?1 WHERE kept_uuid = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kept_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, gone_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _desk_store_set_error (store, sqlite3_errcode (_desk_store_get_db (store)), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
desk_people_merge (DeskHistory  *history,
                   DeskRecord   *kept,
                   const char   *gone_uuid,
                   GError      **error)
{
  DeskStore *store;
  g_autoptr(DeskRecord) gone = NULL;
  g_autoptr(DeskRecord) kept_now = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (DESK_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (kept), FALSE);
  g_return_val_if_fail (desk_record_get_kind (kept) == DESK_KIND_PERSON, FALSE);
  g_return_val_if_fail (gone_uuid != NULL, FALSE);

  store = desk_history_get_store (history);
  if (g_strcmp0 (desk_record_get_uuid (kept), gone_uuid) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("A person cannot be merged with themselves. Choose two different people."));
      return FALSE;
    }

  kept_now = desk_store_get (store, DESK_KIND_PERSON, desk_record_get_uuid (kept), error);
  if (kept_now == NULL)
    return FALSE;
  gone = desk_store_get (store, DESK_KIND_PERSON, gone_uuid, error);
  if (gone == NULL)
    return FALSE;
  if (g_strcmp0 (desk_record_get_group (gone), desk_record_get_group (kept_now)) != 0 ||
      g_strcmp0 (desk_record_get_group (kept), desk_record_get_group (kept_now)) != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Only two people of the same group can be merged."));
      return FALSE;
    }

  /* Translators: the name of one step of the undo history (Ctrl+Z): two records of one
   * person became one; the merged-away name, then the kept one. */
  label = g_strdup_printf (_("Merged “%s” into “%s”"), desk_record_get_string (gone, "name"),
                           desk_record_get_string (kept, "name"));
  if (!desk_history_begin_group (history, label, error))
    return FALSE;

  if (!merge_in_group (history, kept, gone, error))
    {
      desk_history_cancel_group (history);
      return FALSE;
    }

  return desk_history_end_group (history, error);
}

char *
desk_people_dup_merged_into (DeskStore  *store,
                             const char *uuid)
{
  g_autofree char *current = g_strdup (uuid);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (_desk_store_record_exists (store, DESK_KIND_PERSON, uuid, NULL))
    return NULL;

  stmt = _desk_store_prepare (store, "SELECT kept_uuid FROM person_merges WHERE gone_uuid = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  /* Merges of merges were rewritten to their last kept person as they were made; the
   * loop is bounded all the same, in case a database holds a cycle. */
  for (guint hops = 0; hops < 16; hops++)
    {
      char *next = NULL;

      sqlite3_bind_text (stmt, 1, current, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        next = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);

      if (next == NULL)
        break;
      g_free (current);
      current = next;
      if (_desk_store_record_exists (store, DESK_KIND_PERSON, current, NULL))
        return g_steal_pointer (&current);
    }

  return NULL;
}
