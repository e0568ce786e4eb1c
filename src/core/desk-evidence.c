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

/* The deliverable's path field emptied and, when @lost is not NULL, the path kept in its
 * note with why. */
static gboolean
clear_path (DeskStore   *store,
            DeskRecord  *deliverable,
            const char  *path,
            const char  *lost,
            GError     **error)
{
  g_autoptr(DeskRecord) changed = desk_record_copy (deliverable);

  if (lost != NULL)
    {
      const char *note = desk_record_get_string (deliverable, "evidence_note");
      /* Translators: kept in a deliverable's evidence note when its old evidence file
       * could not be moved into the database; the first %s is the path, the second why. */
      g_autofree char *line = g_strdup_printf (_("Evidence file not moved into Groupdesk: %s (%s)"),
                                               path, lost);
      g_autofree char *text = note != NULL && *note != '\0' ? g_strconcat (note, "\n\n", line, NULL)
                                                            : g_strdup (line);

      desk_record_set_string (changed, "evidence_note", text);
    }
  desk_record_set_string (changed, "evidence_path", "");

  return desk_store_update (store, changed, error);
}

DeskEvidenceMove *
desk_evidence_move_into_store (DeskStore  *store,
                               GError    **error)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(GPtrArray) deliverables = NULL;
  g_autoptr(DeskEvidenceMove) move = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (desk_store_is_read_only (store))
    return NULL;
  group = desk_store_dup_main_group (store);
  if (group == NULL)
    return NULL;
  deliverables = desk_store_list (store, &desk_kind_deliverable, desk_record_get_uuid (group), error);
  if (deliverables == NULL)
    return NULL;

  for (guint i = 0; i < deliverables->len; i++)
    {
      DeskRecord *deliverable = g_ptr_array_index (deliverables, i);
      const char *path = desk_record_get_string (deliverable, "evidence_path");
      g_autoptr(DeskAttachment) attachment = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *file = NULL;
      g_autofree char *why = NULL;

      if (path == NULL || *path == '\0')
        continue;
      if (move == NULL)
        {
          move = g_new0 (DeskEvidenceMove, 1);
          move->missed = g_ptr_array_new_with_free_func (g_free);
        }

      file = expand_path (path);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        why = g_strdup (_("the file is no longer there"));
      else
        {
          attachment = desk_attachment_add (store, &desk_kind_deliverable,
                                            desk_record_get_uuid (deliverable), file, NULL,
                                            DESK_ATTACHMENT_PERSONAL_DEFAULT, &local);
          if (attachment == NULL)
            why = g_strdup (local->message);
        }

      if (!clear_path (store, deliverable, path, why, error))
        {
          /* The file stays attached; the path, kept, is tried again next time and the
           * same bytes are stored once. */
          return NULL;
        }
      if (why == NULL)
        move->moved++;
      else
        {
          g_autofree char *name = desk_record_dup_label (deliverable);

          /* Translators: one line of the account of moving old evidence files: the
           * deliverable, the path, and why it was not moved. */
          g_ptr_array_add (move->missed, g_strdup_printf (_("%s: %s (%s)"), name, path, why));
        }
    }

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
                                         "%u evidence file of a deliverable was moved into the "
                                         "database: backups and bundles now carry it.",
                                         "%u evidence files of deliverables were moved into the "
                                         "database: backups and bundles now carry them.",
                                         move->moved),
                            move->moved);
  if (move->missed->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u evidence file could not be moved; its path is "
                                           "kept in the deliverable's evidence note. Attach the "
                                           "file again if you find it:",
                                           "%u evidence files could not be moved; their paths are "
                                           "kept in the deliverables' evidence notes. Attach the "
                                           "files again if you find them:",
                                           move->missed->len),
                              move->missed->len);
      for (guint i = 0; i < move->missed->len; i++)
        g_string_append_printf (text, "\n  %s", (const char *) g_ptr_array_index (move->missed, i));
    }

  return g_string_free (text, FALSE);
}
