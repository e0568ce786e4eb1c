/* desk-secretariat-status.c — who reported what: each group's last bundle and chain
 *
 * Three queries whatever the number of groups or bundles: the groups, every imported
 * bundle in chain order, and the offers set aside or refused counted by group. The
 * chain is then read in C, with the rules of desk-bundle-chain.c: a fork is a bundle set
 * aside as one, or one forced in that does not follow (a second bundle at a number, a
 * "previous" that is not the bundle held before it or names one of another number); a
 * gap is the numbers below the last that were never received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat.h"

#include "desk-bundle-import-private.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-reference.h"
#include "desk-store-private.h"

typedef struct
{
  char *uuid;
  char *previous;
  gint64 sequence;
} Link;

static void
link_clear (gpointer data)
{
  Link *l = data;

  g_free (l->uuid);
  g_free (l->previous);
}

/* What the queries gather for one group before its status is worked out. */
typedef struct
{
  DeskGroupStatus *status;
  GArray *links;             /* Link, by number then by when imported */
  char *latest_end;          /* the latest period_end of its bundles */
  GHashTable *forks;         /* the bundles set aside or forced in as forks, by UUID */
} Work;

static void
work_free (gpointer data)
{
  Work *w = data;

  g_clear_pointer (&w->status, desk_group_status_free);
  g_clear_pointer (&w->links, g_array_unref);
  g_clear_pointer (&w->forks, g_hash_table_unref);
  g_free (w->latest_end);
  g_free (w);
}

void
desk_group_status_free (DeskGroupStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->group_uuid);
  g_free (status->code);
  g_free (status->country);
  g_free (status->name);
  g_free (status->languages);
  g_free (status->last_bundle_uuid);
  g_free (status->period_from);
  g_free (status->period_to);
  g_free (status->privacy);
  g_free (status->exported);
  g_free (status->imported);
  g_free (status->fingerprint);
  g_clear_pointer (&status->missing, g_array_unref);
  g_free (status->due_to);
  g_free (status->message);
  g_free (status);
}

const char *
desk_chain_to_string (DeskChain chain)
{
  switch (chain)
    {
    case DESK_CHAIN_GAP:
      return "gap";
    case DESK_CHAIN_FORK:
      return "fork";
    case DESK_CHAIN_OK:
    default:
      return "ok";
    }
}

const char *
desk_chain_label (DeskChain chain)
{
  switch (chain)
    {
    case DESK_CHAIN_GAP:
      /* Translators: a group's chain of bundles has numbers that never arrived. */
      return C_("chain", "Gap");
    case DESK_CHAIN_FORK:
      /* Translators: a group's chain of bundles has two histories. */
      return C_("chain", "Fork");
    case DESK_CHAIN_OK:
    default:
      /* Translators: every bundle of a group arrived, in order. */
      return C_("chain", "Up to date");
    }
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_groups (DeskStore   *store,
             GHashTable  *works,
             GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT uuid, code, country, name_en, name_zh,"
                                            " languages, uuid IN (SELECT group_uuid FROM"
                                            " imported_bundles) FROM groups", error);
  gboolean zh = g_str_equal (desk_locale_language (), "zh");
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work *w = g_new0 (Work, 1);
      DeskGroupStatus *s = g_new0 (DeskGroupStatus, 1);
      const char *en = (const char *) sqlite3_column_text (stmt, 3);
      const char *cn = (const char *) sqlite3_column_text (stmt, 4);

      s->group_uuid = column_dup (stmt, 0);
      s->code = column_dup (stmt, 1);
      s->country = column_dup (stmt, 2);
      s->name = g_strdup (zh ? (cn[0] != '\0' ? cn : en) : (en[0] != '\0' ? en : cn));
      s->languages = column_dup (stmt, 5);
      s->own = sqlite3_column_int (stmt, 6) == 0;
      s->chain = DESK_CHAIN_OK;
      s->missing = g_array_new (FALSE, FALSE, sizeof (gint64));
      w->status = s;
      w->links = g_array_new (FALSE, TRUE, sizeof (Link));
      g_array_set_clear_func (w->links, link_clear);
      w->forks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (works, s->group_uuid, w);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Every imported bundle, in chain order: the last of a group is its last bundle. */
static gboolean
read_bundles (DeskStore   *store,
              GHashTable  *works,
              GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT group_uuid, uuid, previous_uuid, sequence,"
                                            " period_start, period_end, privacy, created,"
                                            " imported, file_sha256 FROM imported_bundles"
                                            " ORDER BY group_uuid, sequence, imported, rowid",
                                            error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work *w = g_hash_table_lookup (works, sqlite3_column_text (stmt, 0));
      DeskGroupStatus *s;
      Link l;

      if (w == NULL || w->status->own)
        continue;
      s = w->status;
      l.uuid = column_dup (stmt, 1);
      l.previous = column_dup (stmt, 2);
      l.sequence = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (w->links, l);

      s->last_sequence = l.sequence;
      g_free (s->last_bundle_uuid);
      s->last_bundle_uuid = g_strdup (l.uuid);
      g_free (s->period_from);
      s->period_from = column_dup (stmt, 4);
      g_free (s->period_to);
      s->period_to = column_dup (stmt, 5);
      g_free (s->privacy);
      s->privacy = column_dup (stmt, 6);
      g_free (s->exported);
      s->exported = column_dup (stmt, 7);
      g_free (s->imported);
      s->imported = column_dup (stmt, 8);
      g_free (s->fingerprint);
      s->fingerprint = column_dup (stmt, 9);
      /* The import refuses a bundle whose records do not match its digest, forced or
       * not: a bundle in the chain was verified. */
      s->verified = TRUE;
      if (g_strcmp0 (s->period_to, w->latest_end) > 0)
        {
          g_free (w->latest_end);
          w->latest_end = g_strdup (s->period_to);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_offers (DeskStore   *store,
             GHashTable  *works,
             GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT group_uuid, outcome, bundle_uuid, count (*)"
                                            " FROM bundle_offers"
                                            " GROUP BY group_uuid, outcome, bundle_uuid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work *w = g_hash_table_lookup (works, sqlite3_column_text (stmt, 0));
      const char *outcome = (const char *) sqlite3_column_text (stmt, 1);

      if (w == NULL)
        continue;
      /* Each replay refused counts; a fork is one bundle, however often offered. */
      if (g_str_equal (outcome, "replay"))
        w->status->replays_refused += (guint) sqlite3_column_int64 (stmt, 3);
      else
        g_hash_table_add (w->forks, column_dup (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The amendments each group's bundles carried (desk-secretariat-amendments.c). */
static gboolean
read_amendments (DeskStore   *store,
                 GHashTable  *works,
                 GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT group_uuid, count (*) FROM bundle_amendments"
                                            " GROUP BY group_uuid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Work *w = g_hash_table_lookup (works, sqlite3_column_text (stmt, 0));

      if (w != NULL)
        w->status->amendments = (guint) MIN (sqlite3_column_int64 (stmt, 1), G_MAXUINT);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The bundles forced in that do not follow the chain, added to @forks. @links are by
 * number, then by when they were imported: of two at one number, the later is the fork. */
static void
forced_forks (GArray     *links,
              GHashTable *forks)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < links->len; i++)
    {
      Link *l = &g_array_index (links, Link, i);

      g_hash_table_insert (by_uuid, l->uuid, l);
    }

  for (guint i = 0; i < links->len; i++)
    {
      Link *l = &g_array_index (links, Link, i);
      Link *named = l->previous != NULL ? g_hash_table_lookup (by_uuid, l->previous) : NULL;
      gboolean second = i > 0 && g_array_index (links, Link, i - 1).sequence == l->sequence;
      gboolean before_held = FALSE;

      for (guint j = i; j-- > 0 && g_array_index (links, Link, j).sequence >= l->sequence - 1;)
        before_held |= g_array_index (links, Link, j).sequence == l->sequence - 1;

      if (second || (named != NULL && named->sequence != l->sequence - 1) ||
          (before_held && named == NULL))
        g_hash_table_add (forks, g_strdup (l->uuid));
    }
}

static void
work_out (Work       *w,
          const char *due_to)
{
  DeskGroupStatus *s = w->status;
  g_autoptr(GArray) numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), w->links->len);
  g_autoptr(GString) message = g_string_new (NULL);

  if (s->own)
    return;

  for (guint i = 0; i < w->links->len; i++)
    g_array_append_val (numbers, g_array_index (w->links, Link, i).sequence);
  g_array_unref (s->missing);
  s->missing = _desk_chain_missing (numbers, s->last_sequence);
  forced_forks (w->links, w->forks);
  s->forks = g_hash_table_size (w->forks);

  if (s->forks > 0)
    {
      s->chain = DESK_CHAIN_FORK;
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u bundle of %s does not continue the group’s "
                                           "chain of bundles: it is a fork, two different "
                                           "histories of the group. Ask the group which one "
                                           "is right.",
                                           "%u bundles of %s do not continue the group’s "
                                           "chain of bundles: they are forks, different "
                                           "histories of the group. Ask the group which one "
                                           "is right.", s->forks),
                              s->forks, s->code);
    }
  if (s->missing->len > 0)
    {
      g_autofree char *list = _desk_chain_format_numbers (s->missing);

      if (s->chain == DESK_CHAIN_OK)
        s->chain = DESK_CHAIN_GAP;
      if (message->len > 0)
        g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Bundle %s of %s never arrived. Ask the group to "
                                           "send it.",
                                           "Bundles %s of %s never arrived. Ask the group to "
                                           "send them.", s->missing->len),
                              list, s->code);
    }
  if (due_to != NULL && g_strcmp0 (w->latest_end, due_to) < 0)
    {
      s->late = TRUE;
      s->due_to = g_strdup (due_to);
      if (message->len > 0)
        g_string_append_c (message, ' ');
      g_string_append_printf (message, _("No bundle of %s covers the period up to %s. Ask the "
                                         "group to send its bundle."), s->code, due_to);
    }

  s->message = message->len > 0 ? g_strdup (message->str) : NULL;
}

static int
compare_status (gconstpointer a,
                gconstpointer b)
{
  const DeskGroupStatus *x = *(DeskGroupStatus *const *) a;
  const DeskGroupStatus *y = *(DeskGroupStatus *const *) b;

  if (x->own != y->own)
    return x->own ? -1 : 1;

  return g_strcmp0 (x->code, y->code);
}

GPtrArray *
desk_secretariat_status (DeskStore   *store,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(GHashTable) works = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, work_free);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_group_status_free);
  g_autofree char *store_today = NULL;
  g_autofree char *due_from = NULL;
  g_autofree char *due_to = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (today == NULL)
    today = store_today = desk_store_dup_today (store);
  desk_secretariat_due_period (desk_secretariat_get_reporting_months (store), today,
                               &due_from, &due_to);

  if (!read_groups (store, works, error) || !read_bundles (store, works, error) ||
      !read_offers (store, works, error) || !read_amendments (store, works, error))
    return NULL;

  g_hash_table_iter_init (&iter, works);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Work *w = value;

      work_out (w, due_to);
      g_ptr_array_add (statuses, g_steal_pointer (&w->status));
    }
  g_ptr_array_sort (statuses, compare_status);

  return g_steal_pointer (&statuses);
}
