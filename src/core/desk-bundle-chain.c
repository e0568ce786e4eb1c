/* desk-bundle-chain.c — where a bundle stands in its group's chain of bundles: a fork,
 * an older bundle, a gap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* The chain of a group's bundles */

/* The bundle of @group held at @sequence (exported here or imported): its identifier
 * and the SHA-256 of its file. */
static gboolean
held_bundle (DeskStore  *store,
             const char *group,
             gint64      sequence,
             char      **uuid,
             char      **sha256)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT uuid, sha256 FROM exports"
                                            " WHERE group_uuid = ?1 AND sequence = ?2"
                                            " UNION ALL"
                                            " SELECT uuid, file_sha256 FROM imported_bundles"
                                            " WHERE group_uuid = ?1 AND sequence = ?2"
                                            " LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sequence);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return found;
}

/* "2, 3, 5–9": the numbers below @sequence of which no bundle of @group is held. */
static char *
missing_numbers (DeskStore  *store,
                 const char *group,
                 gint64      sequence)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT sequence FROM exports WHERE group_uuid = ?1"
                                            " AND sequence < ?2 UNION"
                                            " SELECT sequence FROM imported_bundles"
                                            " WHERE group_uuid = ?1 AND sequence < ?2"
                                            " ORDER BY 1", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  gint64 next = 1;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sequence);
  for (;;)
    {
      gboolean row = sqlite3_step (stmt) == SQLITE_ROW;
      gint64 held = row ? sqlite3_column_int64 (stmt, 0) : sequence;

      if (held > next)
        {
          if (s->len > 0)
            g_string_append (s, ", ");
          if (held - 1 == next)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, next);
          else
            g_string_append_printf (s, "%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, next, held - 1);
        }
      next = held + 1;
      if (!row)
        break;
    }
  sqlite3_reset (stmt);

  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* Where the bundle stands in its group's chain. A bundle whose "previous" is not the
 * one held at the number before it, or whose own number is held with other content, is
 * a fork: two different histories of one group. One whose predecessor was simply never
 * received leaves a gap, which is said but not refused: every bundle is a whole
 * snapshot of its group. */
void
_desk_import_check_chain (Import *im)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *held_uuid = NULL;
  g_autofree char *held_sha256 = NULL;
  g_autofree char *before_uuid = NULL;
  g_autofree char *before_sha256 = NULL;
  gint64 last_sequence = 0;

  if (held_bundle (im->store, plan->group_uuid, plan->sequence, &held_uuid, &held_sha256))
    {
      plan->refused = g_strdup_printf (_("Bundle number %lld of the group %s was already "
                                         "received with other content, so this one is a "
                                         "fork: two different histories of the group. "
                                         "Ask the group which one is right; import this one "
                                         "only if it is."),
                                       (long long) plan->sequence, plan->group_code);
      return;
    }

  if (_desk_import_query_text (im->store,
                  "SELECT max (sequence) FROM (SELECT sequence FROM imported_bundles"
                  " WHERE group_uuid = ?1 UNION ALL SELECT sequence FROM exports"
                  " WHERE group_uuid = ?1)",
                  plan->group_uuid, NULL, &last_sequence) &&
      plan->sequence <= last_sequence)
    {
      plan->refused = g_strdup_printf (_("This is bundle number %lld of the group "
                                         "%s, but number %lld was already "
                                         "imported, so it is not newer than what the database "
                                         "holds. Import it anyway only if you mean to "
                                         "go back to it."),
                                       (long long) plan->sequence, plan->group_code,
                                       (long long) last_sequence);
      return;
    }

  if (plan->sequence > 1 &&
      held_bundle (im->store, plan->group_uuid, plan->sequence - 1, &before_uuid, &before_sha256))
    {
      if (g_strcmp0 (im->previous_uuid, before_uuid) != 0 ||
          (im->previous_sha256 != NULL && g_strcmp0 (im->previous_sha256, before_sha256) != 0))
        plan->refused = g_strdup_printf (_("Bundle number %lld of the group %s does not "
                                           "follow the bundle number %lld this database "
                                           "holds: it is a fork, two different histories of "
                                           "the group. Ask the group which one is right; "
                                           "import this one only if it is."),
                                         (long long) plan->sequence, plan->group_code,
                                         (long long) plan->sequence - 1);
      return;
    }

  if (plan->sequence == 1 && im->previous_uuid != NULL)
    {
      plan->refused = g_strdup_printf (_("%s says it is the first bundle of the group %s but "
                                         "names one before it. Ask the sender to export it "
                                         "again."), im->path, plan->group_code);
      return;
    }

  if (plan->sequence > 1)
    {
      g_autofree char *missing = missing_numbers (im->store, plan->group_uuid, plan->sequence);

      if (missing != NULL)
        plan->gap = g_strdup_printf (_("The bundles of the group %s numbered %s were never "
                                       "received here. This one holds the whole group, so "
                                       "nothing is lost; ask the group for them if you need "
                                       "their history."), plan->group_code, missing);
    }
}
