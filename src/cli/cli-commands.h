/* cli-commands.h — the table of groupdesk-cli's commands (cli-commands.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-cli.h"

G_BEGIN_DECLS

typedef int (*CommandFunc) (CliOptions *options, int argc, char **argv);

/* One argument or option of a command, as `COMMAND --help` lists it. */
typedef struct
{
  const char *name;         /* as it is typed: "-o, --output FILE", "KIND" */
  const char *description;  /* marked for translation, shown translated */
} CommandOption;

/* A command: the global --help shows its synopsis and summary, `COMMAND --help` those
 * and its options, so that each is written once. */
typedef struct
{
  const char *name;
  const char *synopsis;
  const char *summary;
  CommandFunc run;
  const CommandOption *options;  /* ends with { NULL }; NULL when it takes none */
} Command;

/* Each command's function (cli-*.c and groupdesk-cli.c). */
int cmd_demo (CliOptions *options, int argc, char **argv);
int cmd_generate (CliOptions *options, int argc, char **argv);
int cmd_list (CliOptions *options, int argc, char **argv);
int cmd_show (CliOptions *options, int argc, char **argv);
int cmd_check (CliOptions *options, int argc, char **argv);
int cmd_backup (CliOptions *options, int argc, char **argv);
int cmd_help (CliOptions *options, int argc, char **argv);
int cmd_budget (CliOptions *options, int argc, char **argv);
int cmd_report (CliOptions *options, int argc, char **argv);
int cmd_paperwork (CliOptions *options, int argc, char **argv);
int cmd_secretariat (CliOptions *options, int argc, char **argv);
int cmd_backups (CliOptions *options, int argc, char **argv);
int cmd_restore (CliOptions *options, int argc, char **argv);
int cmd_attendance_import (CliOptions *options, int argc, char **argv);
int cmd_attendance (CliOptions *options, int argc, char **argv);
int cmd_invite (CliOptions *options, int argc, char **argv);
int cmd_export (CliOptions *options, int argc, char **argv);
int cmd_export_iati (CliOptions *options, int argc, char **argv);
int cmd_validate (CliOptions *options, int argc, char **argv);
int cmd_import (CliOptions *options, int argc, char **argv);
int cmd_overview (CliOptions *options, int argc, char **argv);
int cmd_protect (CliOptions *options, int argc, char **argv);
int cmd_unprotect (CliOptions *options, int argc, char **argv);
int cmd_change_passphrase (CliOptions *options, int argc, char **argv);
int cmd_set (CliOptions *options, int argc, char **argv);
int cmd_locks (CliOptions *options, int argc, char **argv);

extern const Command cli_commands[];
extern const guint cli_n_commands;

G_END_DECLS
