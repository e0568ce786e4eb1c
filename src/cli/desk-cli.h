/* desk-cli.h — what the command files of groupdesk-cli share
 *
 * Each command lives in its own file (cli-*.c) and is listed in the commands table of
 * groupdesk-cli.c. Exit status: 0 success, 1 a failure (message on stderr), 2 bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

typedef struct
{
  char *db_path;
  char *group;
  /* Where the passphrase or the recovery key is (a file, never the secret itself): a
   * protected database is unlocked with it as soon as it is opened. */
  const char *passphrase_file;
  const char *recovery_key_file;
} CliOptions;

/* The commands of cli-attach.c. */
int        cmd_attach         (CliOptions  *options,
                               int          argc,
                               char       **argv);
int        cmd_attachments    (CliOptions  *options,
                               int          argc,
                               char       **argv);
int        cmd_attachment_get (CliOptions  *options,
                               int          argc,
                               char       **argv);

/* The parts of `secretariat` (cli-secretariat*.c): each gets argv from its own name on. */
int        cli_secretariat_status  (CliOptions  *options,
                                    int          argc,
                                    char       **argv);
int        cli_secretariat_figures (CliOptions  *options,
                                    int          argc,
                                    char       **argv);
int        cli_secretariat_report  (CliOptions  *options,
                                    int          argc,
                                    char       **argv);
int        cli_secretariat_amendments (CliOptions  *options,
                                       int          argc,
                                       char       **argv);

/* A report as text: its group and title, its period, the table in columns a terminal
 * shows, and its notes (cli-report.c). */
void       cli_print_report        (DeskReport  *report);

/* Prints "groupdesk-cli: MESSAGE" and a hint to --help; returns EXIT_USAGE. */
int        cli_usage_error   (const char  *format,
                              ...) G_GNUC_PRINTF (1, 2);
/* "Unknown option “--x” for “budget”.": the one way every command refuses an option it
 * does not know. */
int        cli_unknown_option (const char *option);
/* Prints the error's message; returns EXIT_FAILURE. When names are locked, a second
 * sentence says how to unlock them on the command line. */
int        cli_fail          (GError      *error);
DeskStore *cli_open_store    (CliOptions  *options,
                              GError     **error);
/* For commands that only read: the database opened read-only when it exists and is up
 * to date, so that a read-only file or folder can still be read. */
DeskStore *cli_open_store_read (CliOptions  *options,
                                GError     **error);
/* For commands that need people's names: FALSE (DESK_ERROR_NAMES_LOCKED) while they are
 * locked; cli_fail then says how to unlock. */
gboolean   cli_require_names (DeskStore   *store,
                              GError     **error);
/* Unlocks a protected, locked @store with the files @options name (nothing to do when
 * the store is not protected or no file is named). */
gboolean   cli_unlock        (DeskStore   *store,
                              CliOptions  *options,
                              GError     **error);

/* The group a command about one group works on: --group CODE|UUID (@wanted) when given,
 * else the database's own group; NULL with a sentence when there is none (no group yet,
 * or a secretariat's database, whose groups are all imported). */
char      *cli_dup_group_uuid (DeskStore   *store,
                               const char  *wanted,
                               GError     **error);
/* --group CODE|UUID to a group UUID (NULL: every group). */
gboolean   cli_resolve_group (DeskStore   *store,
                              const char  *wanted,
                              char       **out_uuid,
                              GError     **error);
void       cli_print_kinds   (void);
const DeskKind *cli_kind_arg (const char *name,
                              gboolean    singular_too,
                              int        *status);
/* Columns on a terminal: Chinese characters take two cells. */
int        cli_display_width (const char  *text);
/* @text cut to @width cells (with "…") and padded to exactly @width, left or right. */
char      *cli_fit           (const char  *text,
                              int          width,
                              gboolean     right);

G_END_DECLS
