/* desk-bundle-chain.c — where a bundle stands in its group's chain of bundles: a fork,
 * a replay, a gap; and the offers set aside or refused, written down
 *
 * The rules (HACKING.md, "Chain of bundles"), for bundle number n of a group:
 * - fork: another bundle of the group is held at n; or its "previous" names a held
 *   bundle whose number is not n − 1; or a bundle is held at n − 1 and "previous" is not
 *   it; or a bundle is held at n + 1 whose "previous" is not this one. Refused unless
 *   forced; an import without force sets it aside (bundle_offers, 'fork').
 * - replay: a bundle imported before, offered again while a newer one of its group is
 *   held. Refused unless forced, and counted (bundle_offers, 'replay'). The newest bundle
 *   offered again is "already imported": nothing to do, nothing counted.
 * - gap: nothing held at n − 1 and "previous" names a bundle never received. Imported,
 *   the numbers never received said: every bundle is a whole snapshot of its group.
 * - An older bundle never received (1 and 3 held, 2 arrives) that fits between its
 *   neighbours is imported like any other: it closes the gap, and its records are
 *   merged by time (what is newer here stays).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

typedef struct
{
  char *uuid;
  char *sha256;              /* of the file */
  char *previous;            /* the "previous" it named, or NULL */
  gint64 sequence;
} Held;

static void
held_clear (gpointer data)
{
  Held *h = data;

  g_free (h->uuid);
  g_free (h->sha256);
  g_free (h->previous);
}

/* Every bundle of @group held here, exported or imported, by number. A group has a few
 * dozen; one query reads them all. */
static GArray *
held_bundles (DeskStore  *store,
              const char *group)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT uuid, sha256, previous_uuid, sequence"
                                            " FROM exports WHERE group_uuid = ?1"
                                            " UNION ALL"
                                            " SELECT uuid, file_sha256, previous_uuid, sequence"
                                            " FROM imported_bundles WHERE group_uuid = ?1"
                                            " ORDER BY 4", NULL);
  GArray *held = g_array_new (FALSE, TRUE, sizeof (Held));

  g_array_set_clear_func (held, held_clear);
  if (stmt == NULL)
    return held;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Held h = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        sqlite3_column_int64 (stmt, 3),
      };

      g_array_append_val (held, h);
    }
  sqlite3_reset (stmt);

  return held;
}

GArray *
_desk_chain_missing (GArray *held,
                     gint64  below)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 next = 1;

  for (guint i = 0; i <= held->len; i++)
    {
      gint64 number = i < held->len ? MIN (g_array_index (held, gint64, i), below) : below;

      for (; next < number; next++)
        g_array_append_val (missing, next);
      next = MAX (next, number + 1);
      if (number >= below)
        break;
    }

  return missing;
}

char *
_desk_chain_format_numbers (GArray *numbers)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) s = g_string_new (NULL);

  /* Runs of three or more become "5–9". */
  for (guint i = 0; i < numbers->len;)
    {
      gint64 first = g_array_index (numbers, gint64, i);
      guint j = i;

      while (j + 1 < numbers->len && g_array_index (numbers, gint64, j + 1) == g_array_index (numbers, gint64, j) + 1)
        j++;
      if (j - i >= 2)
        {
          g_ptr_array_add (parts, g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, first,
                                                   g_array_index (numbers, gint64, j)));
          i = j + 1;
        }
      else
        {
          g_ptr_array_add (parts, g_strdup_printf ("%" G_GINT64_FORMAT, first));
          i++;
        }
    }

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: between the numbers of a list, "2, 3 and 5" (not before the last). */
        g_string_append (s, i + 1 < parts->len ? C_("list", ", ")
                                               /* Translators: before the last number of a list, "2, 3 and 5". */
                                               : C_("list", " and "));
      g_string_append (s, parts->pdata[i]);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
fork_sentence (const char *sentence_start)
{
  return g_strconcat (sentence_start, " ",
                      _("It is a fork: two different histories of the group. Ask the group "
                        "which one is right; import this one only if it is."), NULL);
}

/* Where a bundle never imported here stands in its group's chain (see the top). */
void
_desk_import_check_chain (Import *im)
{
  DeskImportPlan *plan = im->plan;
  g_autoptr(GArray) held = held_bundles (im->store, plan->group_uuid);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 n = plan->sequence;
  gboolean before_held = FALSE;
  gboolean before_named = FALSE;
  gboolean after_held = FALSE;
  gboolean after_follows = FALSE;
  g_autofree char *start = NULL;

  plan->fork = FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      Held *h = &g_array_index (held, Held, i);

      g_array_append_val (numbers, h->sequence);
      if (h->sequence == n)
        {
          start = g_strdup_printf (_("Bundle number %lld of the group %s was already received "
                                     "with other content."), (long long) n, plan->group_code);
          break;
        }
      if (im->previous_uuid != NULL && g_strcmp0 (h->uuid, im->previous_uuid) == 0)
        {
          if (h->sequence != n - 1)
            {
              start = g_strdup_printf (_("Bundle number %lld of the group %s names bundle "
                                         "number %lld as the one before it."),
                                       (long long) n, plan->group_code, (long long) h->sequence);
              break;
            }
          before_named |= im->previous_sha256 == NULL ||
                          g_strcmp0 (im->previous_sha256, h->sha256) == 0;
        }
      before_held |= h->sequence == n - 1;
      if (h->sequence == n + 1)
        {
          after_held = TRUE;
          after_follows |= g_strcmp0 (h->previous, plan->bundle_uuid) == 0;
        }
    }

  if (start == NULL && before_held && !before_named)
    start = g_strdup_printf (_("Bundle number %lld of the group %s does not follow the bundle "
                               "number %lld this database holds."),
                             (long long) n, plan->group_code, (long long) n - 1);
  if (start == NULL && after_held && !after_follows)
    start = g_strdup_printf (_("Bundle number %lld of the group %s is not the one that the "
                               "bundle number %lld this database holds follows."),
                             (long long) n, plan->group_code, (long long) n + 1);
  if (start != NULL)
    {
      plan->fork = TRUE;
      plan->refused = fork_sentence (start);
      return;
    }

  if (n == 1 && im->previous_uuid != NULL)
    {
      plan->refused = g_strdup_printf (_("%s says it is the first bundle of the group %s but "
                                         "names one before it. Ask the sender to export it "
                                         "again."), im->path, plan->group_code);
      return;
    }

  if (n > 1)
    {
      g_autoptr(GArray) missing = _desk_chain_missing (numbers, n);

      if (missing->len > 0)
        {
          g_autofree char *list = _desk_chain_format_numbers (missing);

          plan->gap = g_strdup_printf (_("The bundles of the group %s numbered %s were never "
                                         "received here. This one holds the whole group, so "
                                         "nothing is lost; ask the group for them if you need "
                                         "their history."), plan->group_code, list);
        }
    }
}

gboolean
_desk_import_check_known (Import     *im,
                          const char *known_digest,
                          const char *known_group,
                          gint64      known_sequence)
{
  DeskImportPlan *plan = im->plan;
  gint64 last = 0;

  if (!g_str_equal (known_digest, im->content_sha256) ||
      g_strcmp0 (known_group, plan->group_uuid) != 0 || known_sequence != plan->sequence)
    return _desk_import_fail (im, _("Bundle number %lld of the group %s carries the identifier "
                                    "of a bundle imported before, but not its content, so "
                                    "nothing was imported. Ask the group to export it again."),
                              (long long) plan->sequence, plan->group_code);

  if (_desk_import_query_text (im->store,
                               "SELECT max (sequence) FROM imported_bundles WHERE group_uuid = ?1",
                               plan->group_uuid, NULL, &last) &&
      last > plan->sequence)
    {
      plan->replay = TRUE;
      plan->refused = g_strdup_printf (_("Bundle number %lld of the group %s was imported "
                                         "before, and number %lld after it: this is an older "
                                         "bundle offered again. Import it again only if you "
                                         "mean to go back to it."),
                                       (long long) plan->sequence, plan->group_code,
                                       (long long) last);
      return TRUE;
    }

  plan->already_imported = TRUE;
  return TRUE;
}

gboolean
_desk_import_record_offer (DeskStore             *store,
                           const char            *outcome,
                           const DeskImportPlan  *plan,
                           const char            *previous_uuid,
                           const char            *content_sha256,
                           const char            *file_sha256,
                           const char            *path,
                           GError               **error)
{
  g_autofree char *now = desk_store_dup_timestamp (store);
  sqlite3_stmt *stmt;
  int rc;

  /* One statement, so one transaction of its own. A fork offered again is the same
   * bundle set aside once; each replay refused counts. */
  stmt = _desk_store_prepare (store,
                              "INSERT INTO bundle_offers (bundle_uuid, group_uuid, sequence,"
                              " outcome, previous_uuid, period_start, period_end, privacy,"
                              " content_sha256, file_sha256, created, offered, file)"
                              " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13"
                              " WHERE ?4 = 'replay' OR NOT EXISTS (SELECT 1 FROM bundle_offers"
                              " WHERE bundle_uuid = ?1 AND outcome = ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan->bundle_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, plan->sequence);
  sqlite3_bind_text (stmt, 4, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, previous_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, plan->period_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, plan->period_end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, plan->privacy, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, content_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, file_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, plan->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}
