/* desk-evidence.c — the old evidence file paths of deliverables, moved into attachments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-evidence"

#include "config.h"

#include "desk-evidence.h"

#include "desk-attachment.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-record.h"

void
desk_evidence_move_free (DeskEvidenceMove *move)
{
  if (move == NULL)
    return;

  g_clear_pointer (&move->missed, g_ptr_array_unref);
  g_free (move);
}

/* A path as it was typed: "~/…" is the home folder; a relative path cannot be told
 * from anything and is taken as it is. */
static char *
expand_path (const char *path)
{
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);

  return g_strdup (path);
}

/* The places old paths were kept: a deliverable's evidence file, an expense's receipt. */
typedef struct
{
  const DeskKind *kind;
  const char *path_field;
  const char *note_field;
} PathField;

static const PathField path_fields[] = {
  { &desk_kind_deliverable, "evidence_path", "evidence_note" },
  { &desk_kind_expense, "receipt_path", "note" },
};

/* The record's path field emptied and, when @lost is not NULL, the path kept in its note
 * with why. */
static gboolean
clear_path (DeskStore        *store,
            const PathField  *place,
            DeskRecord       *record,
            const char       *path,
            const char       *lost,
            GError          **error)
{
  g_autoptr(DeskRecord) changed = desk_record_copy (record);

  if (lost != NULL)
    {
      const char *note = desk_record_get_string (record, place->note_field);
      /* Translators: kept in a record's note when its old evidence or receipt file could
       * not be moved into the database; the first %s is the path, the second why. */
      g_autofree char *line = g_strdup_printf (_("File not moved into Groupdesk: %s (%s)"),
                                               path, lost);
      g_autofree char *text = note != NULL && *note != '\0' ? g_strconcat (note, "\n\n", line, NULL)
                                                            : g_strdup (line);

      desk_record_set_string (changed, place->note_field, text);
    }
  desk_record_set_string (changed, place->path_field, "");

  return desk_store_update (store, changed, error);
}

/* Moves the paths of one place; FALSE on an error of the database. */
static gboolean
move_place (DeskStore         *store,
            const PathField   *place,
            const char        *group_uuid,
            DeskEvidenceMove **move,
            GError           **error)
{
  g_autoptr(GPtrArray) records = desk_store_list (store, place->kind, group_uuid, error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (records, i);
      const char *path = desk_record_get_string (record, place->path_field);
      g_autoptr(DeskAttachment) attachment = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *file = NULL;
      g_autofree char *why = NULL;

      if (path == NULL || *path == '\0')
        continue;
      if (*move == NULL)
        {
          *move = g_new0 (DeskEvidenceMove, 1);
          (*move)->missed = g_ptr_array_new_with_free_func (g_free);
        }

      file = expand_path (path);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        why = g_strdup (_("the file is no longer there"));
      else
        {
          attachment = desk_attachment_add (store, place->kind, desk_record_get_uuid (record),
                                            file, NULL, DESK_ATTACHMENT_PERSONAL_DEFAULT, &local);
          if (attachment == NULL)
            why = g_strdup (local->message);
        }

      /* On failure the file stays attached; the path, kept, is tried again next time and
       * the same bytes are stored once. */
      if (!clear_path (store, place, record, path, why, error))
        return FALSE;
      if (why == NULL)
        (*move)->moved++;
      else
        {
          g_autofree char *name = desk_record_dup_label (record);

          /* Translators: one line of the account of moving old evidence and receipt
           * files: the record, the path, and why it was not moved. */
          g_ptr_array_add ((*move)->missed, g_strdup_printf (_("%s: %s (%s)"), name, path, why));
        }
    }

  return TRUE;
}

DeskEvidenceMove *
desk_evidence_move_into_store (DeskStore  *store,
                               GError    **error)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskEvidenceMove) move = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (desk_store_is_read_only (store))
    return NULL;
  group = desk_store_dup_main_group (store);
  if (group == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (path_fields); i++)
    if (!move_place (store, &path_fields[i], desk_record_get_uuid (group), &move, error))
      return NULL;

  return g_steal_pointer (&move);
}

char *
desk_evidence_move_describe (const DeskEvidenceMove *move)
{
  GString *text;

  if (move == NULL || (move->moved == 0 && move->missed->len == 0))
    return NULL;

  text = g_string_new (NULL);
  if (move->moved > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u evidence or receipt file was moved into the database: "
                                         "backups and bundles now carry it.",
                                         "%u evidence or receipt files were moved into the "
                                         "database: backups and bundles now carry them.",
                                         move->moved),
                            move->moved);
  if (move->missed->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u file could not be moved; its path is kept in its "
                                           "record's note. Attach the file again if you find it:",
                                           "%u files could not be moved; their paths are kept in "
                                           "their records' notes. Attach the files again if you "
                                           "find them:",
                                           move->missed->len),
                              move->missed->len);
      for (guint i = 0; i < move->missed->len; i++)
        g_string_append_printf (text, "\n  %s", (const char *) g_ptr_array_index (move->missed, i));
    }

  return g_string_free (text, FALSE);
}
