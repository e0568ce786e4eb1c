/* cli-protect.c — groupdesk-cli protect, unprotect and change-passphrase, and unlocking a
 * protected database for the other commands
 *
 * A passphrase reaches the CLI from a file (--passphrase-file FILE, or the file that
 * $GROUPDESK_PASSPHRASE_FILE names) or typed on the terminal without echo; never on the
 * command line or in an environment variable's value, where other programs can read it.
 * It is kept in guarded memory (desk_secret_*) and wiped when freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "desk-cli.h"

int cmd_protect (CliOptions *options, int argc, char **argv);
int cmd_unprotect (CliOptions *options, int argc, char **argv);
int cmd_change_passphrase (CliOptions *options, int argc, char **argv);

/* The longest passphrase typed on the terminal, as for a passphrase file. */
#define TYPED_MAX 4096

gboolean
cli_require_names (DeskStore  *store,
                   GError    **error)
{
  return desk_store_require_names (store, error);
}

gboolean
cli_unlock (DeskStore   *store,
            CliOptions  *options,
            GError     **error)
{
  g_autoptr(DeskSecret) secret = NULL;

  if (desk_store_get_protection (store) != DESK_PROTECTION_LOCKED)
    return TRUE;

  if (options->passphrase_file != NULL)
    {
      secret = desk_secret_read_file (options->passphrase_file, error);
      return secret != NULL && desk_store_unlock (store, secret, error);
    }
  if (options->recovery_key_file != NULL)
    {
      secret = desk_secret_read_file (options->recovery_key_file, error);
      return secret != NULL && desk_store_unlock_with_recovery_key (store, secret, error);
    }

  /* Nothing to unlock with: the commands that need names say so. */
  return TRUE;
}

static gboolean
on_terminal (void)
{
  return isatty (STDIN_FILENO) == 1;
}

/* The terminal's settings while echo is off, to put back when Ctrl+C stops the CLI at
 * a prompt: a shell left without echo would hide what is typed next. */
static struct termios saved_terminal;
static volatile sig_atomic_t echo_is_off;

static void
restore_echo_and_stop (int signum)
{
  if (echo_is_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_terminal);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line typed on the terminal with echo off, straight from the descriptor (no
 * stdio buffer keeps a copy), into guarded memory. */
static char *
read_typed (const char  *prompt,
            GError     **error)
{
  struct termios quiet;
  gboolean restore;
  char *line;
  char *buffer;
  gsize len = 0;
  gboolean ended = FALSE;

  buffer = g_malloc0 (TYPED_MAX + 1);

  restore = tcgetattr (STDIN_FILENO, &saved_terminal) == 0;
  if (restore)
    {
      signal (SIGINT, restore_echo_and_stop);
      signal (SIGTERM, restore_echo_and_stop);
      signal (SIGHUP, restore_echo_and_stop);
      quiet = saved_terminal;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      echo_is_off = TRUE;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  /* Only once echo is off: what is typed after the prompt is neither shown nor flushed. */
  g_printerr ("%s ", prompt);

  while (!ended)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n' || c == '\r')
        ended = TRUE;
      else if (len < TYPED_MAX)
        buffer[len++] = c;
    }

  if (restore)
    {
      tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_terminal);
      echo_is_off = FALSE;
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      signal (SIGHUP, SIG_DFL);
    }
  else
    g_printerr ("\n");

  if (len == 0 || !g_utf8_validate (buffer, len, NULL))
    {
      explicit_bzero (buffer, TYPED_MAX + 1);
      g_free (buffer);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Nothing was typed, or not as text. Run the command again and type the "
                     "passphrase."));
      return NULL;
    }

  line = desk_secret_dup (buffer);
  explicit_bzero (buffer, TYPED_MAX + 1);
  g_free (buffer);

  return line;
}

/* A new passphrase: from @file, or typed twice on the terminal. Checked (long enough, the
 * same both times); its strength hint printed. */
static char *
read_new_passphrase (const char  *file,
                     const char  *prompt,
                     const char  *prompt_again,
                     GError     **error)
{
  g_autoptr(DeskSecret) passphrase = NULL;
  g_autoptr(DeskSecret) again = NULL;
  const char *hint = NULL;

  if (file != NULL)
    {
      passphrase = desk_secret_read_file (file, error);
      if (passphrase == NULL || !desk_passphrase_check (passphrase, NULL, error))
        return NULL;
    }
  else
    {
      passphrase = read_typed (prompt, error);
      if (passphrase == NULL)
        return NULL;
      again = read_typed (prompt_again, error);
      if (again == NULL || !desk_passphrase_check (passphrase, again, error))
        return NULL;
    }

  desk_passphrase_strength (passphrase, &hint);
  if (hint != NULL)
    g_print ("%s\n", hint);

  return g_steal_pointer (&passphrase);
}

/* Unlocks @store, when the options did not, with the passphrase typed on the terminal; or
 * says that names are locked and how to unlock them. */
static gboolean
unlock_or_ask (DeskStore   *store,
               const char  *prompt,
               GError     **error)
{
  g_autoptr(DeskSecret) passphrase = NULL;

  if (desk_store_get_protection (store) != DESK_PROTECTION_LOCKED)
    return TRUE;
  if (!on_terminal ())
    return cli_require_names (store, error);

  passphrase = read_typed (prompt, error);

  return passphrase != NULL && desk_store_unlock (store, passphrase, error);
}

/* Takes "--passphrase-file FILE"-style options: TRUE when argv[*i] is @name, with its
 * value in *value. */
static gboolean
take_file_option (int          argc,
                  char       **argv,
                  int         *i,
                  const char  *name,
                  const char **value,
                  int         *status)
{
  if (!g_str_equal (argv[*i], name))
    return FALSE;
  if (*i + 1 >= argc)
    *status = cli_usage_error (_("%s needs a file name."), argv[*i]);
  else
    *value = argv[++*i];

  return TRUE;
}

int
cmd_protect (CliOptions  *options,
             int          argc,
             char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskSecret) passphrase = NULL;
  g_autoptr(DeskSecret) recovery = NULL;
  const char *file = NULL;
  int status = EXIT_SUCCESS;

  for (int i = 1; i < argc && status == EXIT_SUCCESS; i++)
    if (!take_file_option (argc, argv, &i, "--passphrase-file", &file, &status))
      return cli_unknown_option (argv[i]);
  if (status != EXIT_SUCCESS)
    return status;

  /* The global option names the file too: `--passphrase-file FILE protect` reads as meant. */
  if (file == NULL)
    file = options->passphrase_file;
  if (file == NULL && !on_terminal ())
    {
      g_printerr ("groupdesk-cli: %s\n",
                  _("“protect” needs the new passphrase: run it on a terminal to type it, or "
                    "give --passphrase-file FILE with the passphrase on the file's first line."));
      return EXIT_FAILURE;
    }

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (desk_store_get_protection (store) != DESK_PROTECTION_OFF)
    {
      g_printerr ("groupdesk-cli: %s\n",
                  _("People's names in this database are already protected. To choose another "
                    "passphrase, run “groupdesk-cli change-passphrase”."));
      return EXIT_FAILURE;
    }

  passphrase = read_new_passphrase (file, _("Passphrase:"), _("Passphrase again:"), &error);
  if (passphrase == NULL)
    return cli_fail (error);

  recovery = desk_store_protect (store, passphrase, NULL, &error);
  if (recovery == NULL)
    return cli_fail (error);

  g_print (_("People's names in %s are now encrypted under the passphrase.\n"),
           desk_store_get_path (store));
  g_print ("\n%s\n\n    %s\n\n", _("Recovery key:"), recovery);
  g_print ("%s\n", _("Print this recovery key or write it down now, and keep it apart from the "
                     "computer: it is shown only this once. Either the passphrase or the "
                     "recovery key unlocks the names; without either, nobody can read them."));

  return EXIT_SUCCESS;
}

int
cmd_unprotect (CliOptions  *options,
               int          argc,
               char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  if (argc > 1)
    return cli_usage_error (_("“unprotect” takes no arguments; the passphrase file goes "
                              "before it: --passphrase-file FILE unprotect."));

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (desk_store_get_protection (store) != DESK_PROTECTION_OFF &&
      !unlock_or_ask (store, _("Passphrase:"), &error))
    return cli_fail (error);
  if (!desk_store_unprotect (store, &error))
    return cli_fail (error);

  g_print (_("People's names in %s are stored in plain text again.\n"), desk_store_get_path (store));

  return EXIT_SUCCESS;
}

int
cmd_change_passphrase (CliOptions  *options,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskSecret) passphrase = NULL;
  const char *old_file = NULL;
  const char *new_file = NULL;
  int status = EXIT_SUCCESS;

  for (int i = 1; i < argc && status == EXIT_SUCCESS; i++)
    if (!take_file_option (argc, argv, &i, "--passphrase-file", &old_file, &status) &&
        !take_file_option (argc, argv, &i, "--new-passphrase-file", &new_file, &status))
      return cli_unknown_option (argv[i]);
  if (status != EXIT_SUCCESS)
    return status;

  if (new_file == NULL && !on_terminal ())
    {
      g_printerr ("groupdesk-cli: %s\n",
                  _("“change-passphrase” needs the new passphrase: run it on a terminal to "
                    "type it, or give --new-passphrase-file FILE."));
      return EXIT_FAILURE;
    }

  /* The new passphrase is checked before the old one costs its second of unlocking. */
  if (new_file != NULL)
    {
      passphrase = read_new_passphrase (new_file, NULL, NULL, &error);
      if (passphrase == NULL)
        return cli_fail (error);
    }

  if (old_file != NULL)
    {
      options->passphrase_file = old_file;
      options->recovery_key_file = NULL;
    }
  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (desk_store_get_protection (store) == DESK_PROTECTION_OFF)
    {
      /* The same sentence as core's. */
      g_printerr ("groupdesk-cli: %s\n",
                  _("People's names in this database are not protected. Turn protection "
                    "on to choose a passphrase."));
      return EXIT_FAILURE;
    }
  if (!unlock_or_ask (store, _("Current passphrase:"), &error))
    return cli_fail (error);

  if (passphrase == NULL)
    {
      passphrase = read_new_passphrase (NULL, _("New passphrase:"), _("New passphrase again:"),
                                        &error);
      if (passphrase == NULL)
        return cli_fail (error);
    }

  if (!desk_store_change_passphrase (store, passphrase, NULL, &error))
    return cli_fail (error);

  g_print (_("The passphrase of %s is changed. The old one no longer unlocks the names; the "
             "recovery key still does.\n"), desk_store_get_path (store));

  return EXIT_SUCCESS;
}
