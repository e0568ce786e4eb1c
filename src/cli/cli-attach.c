/* cli-attach.c — groupdesk-cli attach, attachments and attachment-get
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

/* KIND as typed, singular or plural, to a kind that takes attachments; NULL with a
 * sentence (exit 1) otherwise. */
static const DeskKind *
attachment_kind (const char  *name,
                 GError     **error)
{
  const DeskKind *kind = desk_kind_lookup_plural (name);

  if (kind == NULL)
    kind = desk_kind_lookup (name);
  if (kind == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a kind of record. Files can be attached to a deliverable, "
                     "activity, expense, funding, workshop or indicator_value."), name);
      return NULL;
    }
  if (!desk_attachment_kind_allowed (kind))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Files cannot be attached to this kind of record (%s). Attach them "
                     "to a deliverable, activity, expense, funding, workshop or "
                     "indicator_value."),
                   _(kind->label));
      return NULL;
    }

  return kind;
}

int
cmd_attach (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAttachment) attachment = NULL;
  DeskAttachmentPersonal personal = DESK_ATTACHMENT_PERSONAL_DEFAULT;
  const char *args[3] = { NULL, NULL, NULL };
  const char *caption = NULL;
  const DeskKind *kind;
  guint n_args = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--caption"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a text."), argv[i]);
          caption = argv[++i];
        }
      else if (g_str_equal (argv[i], "--personal") || g_str_equal (argv[i], "--not-personal"))
        {
          DeskAttachmentPersonal wanted = g_str_equal (argv[i], "--personal")
                                          ? DESK_ATTACHMENT_PERSONAL_YES
                                          : DESK_ATTACHMENT_PERSONAL_NO;

          if (personal != DESK_ATTACHMENT_PERSONAL_DEFAULT && personal != wanted)
            return cli_usage_error (_("Give --personal or --not-personal, not both."));
          personal = wanted;
        }
      else if (g_str_has_prefix (argv[i], "-") && argv[i][1] != '\0')
        return cli_unknown_option (argv[i]);
      else if (n_args < G_N_ELEMENTS (args))
        args[n_args++] = argv[i];
      else
        return cli_usage_error (_("“attach” takes a kind of record, an identifier and one file."));
    }

  if (n_args != 3)
    return cli_usage_error (_("“attach” needs a kind of record, an identifier and a file: "
                              "attach KIND UUID FILE."));

  kind = attachment_kind (args[0], &error);
  if (kind == NULL)
    return cli_fail (error);

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  attachment = desk_attachment_add (store, kind, args[1], args[2], caption, personal, &error);
  if (attachment == NULL)
    return cli_fail (error);

  /* Only the identifier, so that a script can keep it. */
  g_print ("%s\n", attachment->uuid);

  return EXIT_SUCCESS;
}

int
cmd_attachments (CliOptions  *options,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *args[2] = { NULL, NULL };
  const DeskKind *kind;
  gboolean json = FALSE;
  guint n_args = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (n_args < G_N_ELEMENTS (args))
        args[n_args++] = argv[i];
      else
        return cli_usage_error (_("“attachments” takes a kind of record and one identifier."));
    }

  if (n_args != 2)
    return cli_usage_error (_("“attachments” needs a kind of record and an identifier: "
                              "attachments KIND UUID."));

  kind = attachment_kind (args[0], &error);
  if (kind == NULL)
    return cli_fail (error);

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  list = desk_attachment_list (store, kind, args[1], &error);
  if (list == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      JsonArray *array = json_array_sized_new (list->len);

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, desk_attachment_to_json (g_ptr_array_index (list, i)));
      json_node_take_array (root, array);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_SUCCESS;
    }

  if (list->len == 0)
    {
      g_print (_("Nothing is attached to this %s.\n"), _(kind->label));
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < list->len; i++)
    {
      DeskAttachment *attachment = g_ptr_array_index (list, i);
      g_autofree char *size = g_format_size (attachment->size);

      g_print ("%s  %10s  %-24s %s%s%s\n", attachment->uuid, size, attachment->media_type,
               attachment->name, attachment->personal ? "  " : "",
               attachment->personal ? _("(personal data)") : "");
      if (*attachment->caption != '\0')
        g_print ("    %s\n", attachment->caption);
    }

  return EXIT_SUCCESS;
}

int
cmd_attachment_get (CliOptions  *options,
                    int          argc,
                    char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  const char *uuid = NULL;
  const char *output = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a file name."), argv[i]);
          output = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (uuid == NULL)
        uuid = argv[i];
      else
        return cli_usage_error (_("“attachment-get” takes one identifier."));
    }

  if (uuid == NULL || output == NULL)
    return cli_usage_error (_("“attachment-get” needs the attachment and the file to write: "
                              "attachment-get UUID -o FILE."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (!desk_attachment_write_to_file (store, uuid, output, &error))
    return cli_fail (error);

  g_print (_("Wrote %s.\n"), output);

  return EXIT_SUCCESS;
}
