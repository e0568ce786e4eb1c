/* groupdesk-cli.c — Groupdesk from the command line
 *
 * For scripts, the secretariat and the tests. Exit status: 0 success, 1 a failure (the
 * message is on stderr), 2 bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-commands.h"
#include "desk-cli.h"


/* The command being run, for the hint after a usage error. */
static const Command *current_command;

int
cli_usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("groupdesk-cli: %s\n", message);
  if (current_command != NULL)
    g_printerr (_("Run “groupdesk-cli %s --help” to see its options.\n"), current_command->name);
  else
    g_printerr (_("Run “groupdesk-cli --help” to see the commands and their options.\n"));

  return EXIT_USAGE;
}

int
cli_fail (GError *error)
{
  g_printerr ("groupdesk-cli: %s\n", error->message);
  /* Core's sentence says to unlock; here is how, on the command line. */
  if (g_error_matches (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED))
    g_printerr ("%s\n", _("To unlock them here, name a file that holds the passphrase with "
                          "--passphrase-file FILE (or in the variable GROUPDESK_PASSPHRASE_FILE), "
                          "or one that holds the recovery key with --recovery-key-file FILE, "
                          "before the command."));
  /* Core's sentence names the lock and asks for a reason; here is how to give it. */
  if (g_error_matches (error, DESK_ERROR, DESK_ERROR_REPORTED))
    g_printerr ("%s\n", _("Run the command again with --reason TEXT to change it."));

  return EXIT_FAILURE;
}

int
cli_unknown_option (const char *option)
{
  /* One sentence for every command, so that it reads (and translates) the same. */
  /* Translators: the first %s is what was typed, the second a command such as “budget”,
   * or “groupdesk-cli” itself. */
  return cli_usage_error (_("Unknown option “%s” for “%s”."), option,
                          current_command != NULL ? current_command->name : "groupdesk-cli");
}

/* The store, unlocked when the options name a passphrase or recovery key; NULL when that
 * does not unlock it (nothing is changed then). */
static DeskStore *
unlocked (DeskStore   *store,
          CliOptions  *options,
          GError     **error)
{
  if (store != NULL && !cli_unlock (store, options, error))
    g_clear_object (&store);

  return store;
}

DeskStore *
cli_open_store (CliOptions  *options,
            GError     **error)
{
  g_autofree char *path = options->db_path != NULL ? g_strdup (options->db_path)
                                                   : desk_store_default_path ();

  DeskStore *store = unlocked (desk_store_open (path, error), options, error);

  /* Once, the first time a command writes: old evidence paths become attachments. */
  if (store != NULL)
    {
      g_autoptr(GError) move_error = NULL;
      g_autoptr(DeskEvidenceMove) move = desk_evidence_move_into_store (store, &move_error);
      g_autofree char *account = desk_evidence_move_describe (move);

      if (account != NULL)
        g_printerr ("%s\n", account);
      if (move_error != NULL)
        g_printerr ("%s\n", move_error->message);
    }

  return store;
}

static DeskStore *
open_store_read (CliOptions  *options,
                 GError     **error)
{
  g_autofree char *path = options->db_path != NULL ? g_strdup (options->db_path)
                                                   : desk_store_default_path ();
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) write_error = NULL;
  DeskStore *store;

  /* A command that only reads opens the database read-only: it works on a file or a
   * folder that cannot be written, and cannot change a byte by mistake. */
  store = desk_store_open_read_only (path, &read_error);
  if (store != NULL)
    return store;

  /* A database that does not exist yet, or needs an upgrade, is opened as every other
   * command does (created, upgraded), where that is possible. */
  if (!g_error_matches (read_error, DESK_ERROR, DESK_ERROR_NOT_FOUND) &&
      !g_error_matches (read_error, DESK_ERROR, DESK_ERROR_READ_ONLY))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }

  store = desk_store_open (path, &write_error);
  if (store != NULL)
    return store;

  /* Both failed because nothing can be written: the read-only attempt says best why. */
  if (g_error_matches (write_error, DESK_ERROR, DESK_ERROR_READ_ONLY) &&
      g_error_matches (read_error, DESK_ERROR, DESK_ERROR_READ_ONLY))
    g_propagate_error (error, g_steal_pointer (&read_error));
  else
    g_propagate_error (error, g_steal_pointer (&write_error));

  return NULL;
}

DeskStore *
cli_open_store_read (CliOptions  *options,
                     GError     **error)
{
  return unlocked (open_store_read (options, error), options, error);
}

/* Resolves --group CODE|UUID to a group UUID; NULL means every group. */
gboolean
cli_resolve_group (DeskStore   *store,
               const char  *wanted,
               char       **out_uuid,
               GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;

  *out_uuid = NULL;
  if (wanted == NULL)
    return TRUE;

  groups = desk_store_list (store, DESK_KIND_GROUP, NULL, error);
  if (groups == NULL)
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      DeskRecord *g = g_ptr_array_index (groups, i);

      if (g_strcmp0 (desk_record_get_uuid (g), wanted) == 0 ||
          g_strcmp0 (desk_record_get_string (g, "code"), wanted) == 0)
        {
          *out_uuid = g_strdup (desk_record_get_uuid (g));
          return TRUE;
        }
    }

  g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
               _("There is no group with the code or identifier “%s”. Run “groupdesk-cli "
                 "list groups” to see them."), wanted);
  return FALSE;
}

char *
cli_dup_group_uuid (DeskStore   *store,
                    const char  *wanted,
                    GError     **error)
{
  g_autoptr(DeskRecord) group = NULL;
  char *uuid = NULL;

  if (wanted != NULL)
    return cli_resolve_group (store, wanted, &uuid, error) ? uuid : NULL;

  group = desk_store_dup_main_group (store);
  if (group != NULL)
    return g_strdup (desk_record_get_uuid (group));

  if (desk_store_count (store, DESK_KIND_GROUP, NULL) > 0)
    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 _("This database holds the groups it imported and none of its own. Name one "
                   "with --group CODE: “groupdesk-cli secretariat status” lists them."));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                 _("The database holds no group yet. Create one in the app, or run "
                   "“groupdesk-cli demo”."));

  return NULL;
}

/* demo */

int
cmd_demo (CliOptions  *options,
          int          argc,
          char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *group = NULL;

  if (argc > 1)
    return cli_usage_error (_("“demo” takes no arguments."));

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  /* The sample group has people: their names cannot be written while locked. */
  if (!cli_require_names (store, &error))
    return cli_fail (error);
  group = desk_demo_fill (store, &error);
  if (group == NULL)
    return cli_fail (error);

  g_print (_("Added the sample group %s.\n"), group);

  return EXIT_SUCCESS;
}

/* generate */

static gboolean
parse_count (const char *text,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    return FALSE;
  *out = (guint) value;

  return TRUE;
}

int
cmd_generate (CliOptions  *options,
              int          argc,
              char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *group = NULL;
  g_autofree char *country = NULL;
  DeskGenerateOptions gen = { 1, 100, 1000, 4000, NULL };

  for (int i = 1; i < argc; i++)
    {
      guint *target = NULL;
      guint seed;

      if (g_str_equal (argv[i], "--country"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0' || argv[i + 1][0] == '-')
            return cli_usage_error (_("--country needs a two-letter country code, such as PE."));
          g_free (country);
          country = g_ascii_strup (argv[++i], -1);
          gen.country = country;
          continue;
        }
      if (g_str_equal (argv[i], "--seed"))
        target = &seed;
      else if (g_str_equal (argv[i], "--activities"))
        target = &gen.activities;
      else if (g_str_equal (argv[i], "--people"))
        target = &gen.people;
      else if (g_str_equal (argv[i], "--attendance"))
        target = &gen.attendance;
      else
        return cli_unknown_option (argv[i]);

      if (i + 1 >= argc || !parse_count (argv[i + 1], target))
        return cli_usage_error (_("%s needs a whole number."), argv[i]);
      if (target == &seed)
        gen.seed = seed;
      i++;
    }

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (gen.people > 0 && !cli_require_names (store, &error))
    return cli_fail (error);
  group = desk_generate_fill (store, &gen, &error);
  if (group == NULL)
    return cli_fail (error);

  g_print (_("Generated the group %s.\n"), group);

  return EXIT_SUCCESS;
}

/* list */

/* A short human description of a record for the plain listing. */
static char *
describe (DeskRecord *record)
{
  const DeskKind *kind = desk_record_get_kind (record);
  static const char *const bases[] = { "title", "name", "description" };
  const char *language = desk_locale_language ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *en = g_strconcat (bases[i], "_en", NULL);

      if (desk_kind_get_field (kind, en) != NULL)
        {
          g_string_append (s, desk_record_get_narrative (record, bases[i], language, NULL));
          break;
        }
      if (desk_kind_get_field (kind, bases[i]) != NULL &&
          desk_kind_get_field (kind, bases[i])->type == DESK_FIELD_TEXT)
        {
          g_string_append (s, desk_record_get_string (record, bases[i]));
          break;
        }
    }

  /* Then the short fields that tell records apart: codes, dates, amounts, statuses. */
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];

      if (!desk_record_index_is_set (record, i))
        continue;

      switch (f->type)
        {
        case DESK_FIELD_DATE:
        case DESK_FIELD_CODE:
        case DESK_FIELD_CHOICE:
        case DESK_FIELD_CURRENCY:
          g_string_append_printf (s, "%s%s", s->len > 0 ? "  " : "",
                                  desk_record_index_get_string (record, i));
          break;
        case DESK_FIELD_MONEY:
        case DESK_FIELD_INT:
          g_string_append_printf (s, "%s%" G_GINT64_FORMAT, s->len > 0 ? "  " : "",
                                  desk_record_index_get_int (record, i));
          break;
        case DESK_FIELD_TEXT:
        case DESK_FIELD_BOOL:
        case DESK_FIELD_MILLI:
        case DESK_FIELD_REF:
        case DESK_FIELD_CODE_SET:
        case DESK_FIELD_REF_SET:
        default:
          break;
        }
    }

  /* One record, one line: scripts count and split the listing by lines. */
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '\n' || s->str[i] == '\r' || s->str[i] == '\t')
      s->str[i] = ' ';

  return g_string_free (s, FALSE);
}

int
cli_display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

char *
cli_fit (const char *text,
         int         width,
         gboolean    right)
{
  GString *out = g_string_new (NULL);
  int used = 0;

  if (text == NULL)
    text = "";

  if (cli_display_width (text) > width)
    {
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          int w = g_unichar_iswide (c) ? 2 : 1;

          if (used + w > width - 1)
            break;
          g_string_append_unichar (out, c);
          used += w;
        }
      g_string_append (out, "…");
      used++;
    }
  else
    {
      g_string_append (out, text);
      used = cli_display_width (text);
    }

  for (; used < width; used++)
    {
      if (right)
        g_string_prepend_c (out, ' ');
      else
        g_string_append_c (out, ' ');
    }

  return g_string_free (out, FALSE);
}

void
cli_print_kinds (void)
{
  const DeskKind *const *kinds = desk_kind_all ();

  for (guint i = 0; kinds[i] != NULL; i++)
    g_printerr ("%s%s", i > 0 ? " " : "  ", kinds[i]->plural);
  g_printerr ("\n");
}

/* The kind of record @name names: its plural ("activities") or, with @singular_too, its
 * name too ("activity"). NULL after the usage error and the list of kinds, with *status
 * the exit status to return. */
const DeskKind *
cli_kind_arg (const char *name,
              gboolean    singular_too,
              int        *status)
{
  const DeskKind *kind = desk_kind_lookup_plural (name);

  if (kind == NULL && singular_too)
    kind = desk_kind_lookup (name);
  if (kind == NULL)
    {
      *status = cli_usage_error (_("“%s” is not a kind of record. Use one of:"), name);
      cli_print_kinds ();
    }

  return kind;
}

/* Whether listing @kind (as JSON, or one line each) would show personal data, which
 * cannot be shown while names are locked. A member's line is its organisation's name;
 * its contact person shows only in JSON and in `show`. */
static gboolean
shows_sealed (const DeskKind *kind,
              gboolean        json)
{
  if (!desk_kind_has_sealed (kind))
    return FALSE;

  return json || kind != DESK_KIND_MEMBER;
}

int
cmd_list (CliOptions  *options,
          int          argc,
          char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *group = NULL;
  const DeskKind *kind = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (kind == NULL)
        {
          int status;

          kind = cli_kind_arg (argv[i], FALSE, &status);
          if (kind == NULL)
            return status;
        }
      else
        return cli_usage_error (_("“list” takes one kind of record."));
    }

  if (kind == NULL)
    {
      int status = cli_usage_error (_("“list” needs a kind of record, one of:"));
      cli_print_kinds ();
      return status;
    }

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_resolve_group (store, options->group, &group, &error))
    return cli_fail (error);
  if (shows_sealed (kind, json) && !cli_require_names (store, &error))
    return cli_fail (error);

  records = desk_store_list (store, kind, group, &error);
  if (records == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autofree char *text = desk_records_to_json (records);
      g_print ("%s\n", text);
    }
  else
    {
      for (guint i = 0; i < records->len; i++)
        {
          DeskRecord *r = g_ptr_array_index (records, i);
          g_autofree char *text = describe (r);

          g_print ("%s  %s\n", desk_record_get_uuid (r), text);
        }
    }

  return EXIT_SUCCESS;
}

/* show */

int
cmd_show (CliOptions  *options,
          int          argc,
          char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) record = NULL;
  const DeskKind *kind = NULL;
  const char *uuid = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (kind == NULL)
        {
          int status;

          /* Both "activity" and "activities" name the kind. */
          kind = cli_kind_arg (argv[i], TRUE, &status);
          if (kind == NULL)
            return status;
        }
      else if (uuid == NULL)
        uuid = argv[i];
      else
        return cli_usage_error (_("“show” takes a kind of record and one identifier."));
    }

  if (kind == NULL || uuid == NULL)
    return cli_usage_error (_("“show” needs a kind of record and an identifier: show KIND UUID."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (shows_sealed (kind, TRUE) && !cli_require_names (store, &error))
    return cli_fail (error);

  record = desk_store_get (store, kind, uuid, &error);
  if (record == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = desk_record_to_json (record);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      const DeskKind *k = desk_record_get_kind (record);

      g_print ("%-22s %s\n", "uuid", desk_record_get_uuid (record));
      g_print ("%-22s %s\n", "updated", desk_record_get_updated (record));
      for (guint i = 0; k->fields[i].name != NULL; i++)
        {
          const DeskField *f = &k->fields[i];
          g_autofree char *value = NULL;

          switch (f->type)
            {
            case DESK_FIELD_CODE_SET:
            case DESK_FIELD_REF_SET:
              value = g_strjoinv (", ", (char **) desk_record_index_get_set (record, i));
              break;
            case DESK_FIELD_INT:
            case DESK_FIELD_BOOL:
            case DESK_FIELD_MONEY:
            case DESK_FIELD_MILLI:
              value = desk_record_index_is_set (record, i)
                      ? g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_index_get_int (record, i))
                      : g_strdup ("");
              break;
            case DESK_FIELD_TEXT:
            case DESK_FIELD_DATE:
            case DESK_FIELD_CURRENCY:
            case DESK_FIELD_CODE:
            case DESK_FIELD_CHOICE:
            case DESK_FIELD_REF:
            default:
              value = g_strdup (desk_record_index_is_set (record, i)
                                ? desk_record_index_get_string (record, i) : "");
              break;
            }
          g_print ("%-22s %s\n", f->name, value);
        }
    }

  return EXIT_SUCCESS;
}

/* check */

int
cmd_check (CliOptions  *options,
           int          argc,
           char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (argc > 1)
    return cli_usage_error (_("“check” takes no arguments."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (!desk_store_check (store, &problems, &error))
    return cli_fail (error);

  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
      g_printerr (_("The database %s has problems. Restore it from a backup.\n"),
                  desk_store_get_path (store));
      return EXIT_FAILURE;
    }

  g_print (_("The database %s is sound.\n"), desk_store_get_path (store));

  return EXIT_SUCCESS;
}

/* backup */

int
cmd_backup (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  const char *output = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a file name."), argv[i]);
          output = argv[++i];
        }
      else
        return cli_unknown_option (argv[i]);
    }

  if (output == NULL)
    return cli_usage_error (_("“backup” needs the file to write: -o FILE."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (!desk_store_backup (store, output, &error))
    return cli_fail (error);

  g_print (_("Wrote a backup to %s.\n"), output);

  return EXIT_SUCCESS;
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < cli_n_commands; i++)
    if (g_str_equal (cli_commands[i].name, name))
      return &cli_commands[i];

  return NULL;
}

static void print_option (const char *name, const char *description, int width);

static void
print_help (void)
{
  /* The unlocking options are under Options: the usage line stays short. */
  g_print (_("Usage: groupdesk-cli [--db PATH] [--group CODE|UUID] COMMAND [ARGUMENTS…]\n"));
  g_print ("\n");
  g_print (_("Groupdesk keeps the workplans, budgets and workshops of a Voluntary Principles "
             "in-country implementation group.\n"));
  g_print ("\n");
  g_print (_("Commands:\n"));
  for (guint i = 0; i < cli_n_commands; i++)
    g_print ("  %-70s\n      %s\n", cli_commands[i].synopsis, _(cli_commands[i].summary));
  g_print ("\n");
  g_print (_("Options:\n"));
  g_print ("  --db PATH          %s\n", _("The database to use (default: $GROUPDESK_DB, or the app's own)"));
  g_print ("  --group CODE|UUID  %s\n", _("Only the records of this group"));
  print_option ("--passphrase-file FILE",
                _("When people's names are protected, unlock them with the passphrase on the "
                  "first line of FILE (default: $GROUPDESK_PASSPHRASE_FILE, which names a file)"),
                17);
  print_option ("--recovery-key-file FILE",
                _("When people's names are protected, unlock them with the recovery key in FILE"),
                17);
  g_print ("  --version          %s\n", _("Print the version and exit"));
  g_print ("  --help             %s\n", _("Print this help and exit"));
  g_print ("\n");
  g_print (_("Kinds of record:"));
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    g_print (" %s", (*k)->plural);
  g_print ("\n");
  g_print ("\n");
  g_print (_("Run “groupdesk-cli COMMAND --help” to see a command's arguments and options.\n"));
}

/* Names wider than this have their description on the next line, so that one long name
 * does not push every description to the right. */
#define OPTION_NAME_MAX_WIDTH 24

static void
print_option (const char *name,
              const char *description,
              int         width)
{
  if (cli_display_width (name) > width)
    {
      g_print ("  %s\n  %*s  %s\n", name, width, "", description);
    }
  else
    {
      g_autofree char *padded = cli_fit (name, width, FALSE);

      g_print ("  %s  %s\n", padded, description);
    }
}

/* The help of one command, all from its entry in the commands table. Arguments (KIND,
 * FILE) are the entries whose name does not begin with a dash. */
static void
print_command_help (const Command *command)
{
  const char *help_name = "-h, --help";
  int width = cli_display_width (help_name);
  gboolean have_arguments = FALSE;

  for (const CommandOption *o = command->options; o != NULL && o->name != NULL; o++)
    {
      int w = cli_display_width (o->name);

      if (w <= OPTION_NAME_MAX_WIDTH)
        width = MAX (width, w);
      if (o->name[0] != '-')
        have_arguments = TRUE;
    }

  g_print (_("Usage: groupdesk-cli %s\n"), command->synopsis);
  g_print ("\n");
  g_print ("%s\n", _(command->summary));

  if (have_arguments)
    {
      g_print ("\n");
      g_print (_("Arguments:\n"));
      for (const CommandOption *o = command->options; o->name != NULL; o++)
        if (o->name[0] != '-')
          print_option (o->name, _(o->description), width);
    }

  g_print ("\n");
  g_print (_("Options:\n"));
  for (const CommandOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (o->name[0] == '-')
      print_option (o->name, _(o->description), width);
  print_option (help_name, _("Print this help and exit"), width);

  g_print ("\n");
  g_print (_("The options that come before the command, such as --db PATH, are listed by "
             "“groupdesk-cli --help”.\n"));
}

/* --help or -h anywhere among a command's arguments. */
static gboolean
asks_for_help (int    argc,
               char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;

  return FALSE;
}

int
cmd_help (CliOptions  *options,
          int          argc,
          char       **argv)
{
  const Command *command;

  /* A mistake here is best answered with the list of commands. */
  current_command = NULL;

  if (argc > 2)
    return cli_usage_error (_("“help” takes one command."));

  if (argc < 2)
    {
      print_help ();
      return EXIT_SUCCESS;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return cli_usage_error (_("“%s” is not a command."), argv[1]);

  print_command_help (command);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  CliOptions options = { NULL, NULL, NULL, NULL };
  int first = 1;

  setlocale (LC_ALL, "");
  desk_core_init_i18n (g_getenv ("GROUPDESK_LOCALEDIR") != NULL
                       ? g_getenv ("GROUPDESK_LOCALEDIR") : LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  for (; first < argc; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("groupdesk-cli %s\n", PACKAGE_VERSION);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db") || g_str_equal (arg, "--group") ||
               g_str_equal (arg, "--passphrase-file") || g_str_equal (arg, "--recovery-key-file"))
        {
          if (first + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), arg);
          if (g_str_equal (arg, "--db"))
            options.db_path = argv[++first];
          else if (g_str_equal (arg, "--group"))
            options.group = argv[++first];
          else if (g_str_equal (arg, "--passphrase-file"))
            options.passphrase_file = argv[++first];
          else
            options.recovery_key_file = argv[++first];
        }
      else if (g_str_has_prefix (arg, "--db="))
        options.db_path = (char *) arg + strlen ("--db=");
      else if (g_str_has_prefix (arg, "-"))
        return cli_unknown_option (arg);
      else
        break;
    }

  if (first >= argc)
    return cli_usage_error (_("No command given."));

  /* The variable names a file, like the option: a passphrase never sits in the
   * environment, where other programs of the same user can read it. */
  if (options.passphrase_file == NULL && options.recovery_key_file == NULL &&
      g_getenv ("GROUPDESK_PASSPHRASE_FILE") != NULL && g_getenv ("GROUPDESK_PASSPHRASE_FILE")[0] != '\0')
    options.passphrase_file = g_getenv ("GROUPDESK_PASSPHRASE_FILE");

  current_command = find_command (argv[first]);
  if (current_command == NULL)
    return cli_usage_error (_("“%s” is not a command."), argv[first]);

  /* Answered here, before any command runs: help never opens or creates a database. */
  if (asks_for_help (argc - first, argv + first))
    {
      print_command_help (current_command);
      return EXIT_SUCCESS;
    }

  return current_command->run (&options, argc - first, argv + first);
}
