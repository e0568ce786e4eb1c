/* cli-commands.c — the commands of groupdesk-cli: their synopsis, summary and options
 *
 * The global --help and each `COMMAND --help` are made from this table (groupdesk-cli.c),
 * so that each command's words are written once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"

/* The commands' arguments and options, each as the command's parser reads it. */

static const CommandOption generate_options[] = {
  { "--seed N", N_("Start from seed N: the same seed makes the same group") },
  { "--country CODE", N_("The group's country (two letters, GH by default); its currency follows") },
  { "--activities A", N_("How many activities to generate") },
  { "--people P", N_("How many people to generate") },
  { "--attendance T", N_("How many attendance records to generate") },
  { NULL, NULL },
};

static const CommandOption list_options[] = {
  { "KIND", N_("The kind of record, in the plural: one of those “groupdesk-cli --help” lists") },
  { "--json", N_("Print the records as a JSON array instead of one line each") },
  { NULL, NULL },
};

static const CommandOption show_options[] = {
  { "KIND", N_("The kind of record, singular or plural: activity or activities") },
  { "UUID", N_("The record's identifier, as “list” prints it") },
  { "--json", N_("Print the record as JSON") },
  { NULL, NULL },
};

static const CommandOption budget_options[] = {
  { "--workplan UUID", N_("The workplan to show (default: the group's newest)") },
  { "--original", N_("Compare against the budget as first planned, before its revisions") },
  { "--revised", N_("Compare against the budget with its revisions (the default)") },
  { "--json", N_("Print the figures as JSON") },
  { "--csv", N_("Print the budget lines as CSV") },
  { "--bom", N_("With --csv: begin with a byte-order mark, for spreadsheets that need one") },
  { "--expenses", N_("With --csv: print the expenses instead of the budget lines") },
  { NULL, NULL },
};

static const CommandOption attendance_import_options[] = {
  { "--workshop UUID", N_("The workshop whose attendance list the sheet fills") },
  { "--dry-run", N_("Only say what would be imported; change nothing") },
  { "--map COLUMN=HEADER,…", N_("Which header of the sheet holds a column: name, organisation, "
                                "pillar, gender, role, phone or email") },
  { "FILE", N_("The sign-in sheet, as CSV or Unicode text") },
  { NULL, NULL },
};

static const CommandOption attendance_options[] = {
  { "--workshop UUID", N_("Only this workshop") },
  { "--from DATE", N_("Only workshops starting on or after this date (YYYY-MM-DD)") },
  { "--to DATE", N_("Only workshops starting on or before this date (YYYY-MM-DD)") },
  { "--json", N_("Print the figures as JSON; with --workshop, also its list of people by UUID, "
                  "role and status") },
  { "--csv", N_("Print the counts as CSV") },
  { NULL, NULL },
};

static const CommandOption invite_options[] = {
  { "--workshop UUID", N_("The workshop people are invited to") },
  { "--confirm", N_("Mark people invited before as registered: they said they will come") },
  { "PERSON_UUID…", N_("The people, as “list people” prints them") },
  { NULL, NULL },
};

static const CommandOption backup_options[] = {
  { "-o, --output FILE", N_("The file to write the copy to") },
  { NULL, NULL },
};

static const CommandOption report_options[] = {
  { "workplan|budget|attendance|indicators", N_("The report to make") },
  { "--from DATE", N_("The first day of the period (default: the newest workplan's period)") },
  { "--to DATE", N_("The last day of the period; give both or neither") },
  { "--csv", N_("Print the report as CSV") },
  { "--pdf FILE", N_("Write the report as a printable PDF to FILE") },
  { NULL, NULL },
};

static const CommandOption paperwork_options[] = {
  { "sign-in|badges|payments|certificates",
    N_("The paperwork to print: the sign-in sheet, name badges with QR codes, the per-diem and "
       "transport payment sheet, or certificates of attendance") },
  { "--workshop UUID", N_("The workshop it is for") },
  { "--pdf FILE", N_("The PDF to write") },
  { "--record", N_("With payments: also record each payment as an expense of the workshop's "
                   "budget lines") },
  { NULL, NULL },
};

static const CommandOption restore_options[] = {
  { "FILE", N_("The backup to restore; “groupdesk-cli backups” lists them") },
  { NULL, NULL },
};

static const CommandOption export_options[] = {
  { "--from DATE", N_("The first day of the period the bundle covers (YYYY-MM-DD)") },
  { "--to DATE", N_("The last day of the period the bundle covers (YYYY-MM-DD)") },
  { "--privacy aggregate|pseudonymous|named",
    N_("What the bundle says about people: counts only (the default), records without names "
       "or contacts, or the names of those who consented") },
  { "-o, --output FILE", N_("The file to write the bundle to") },
  { "--endorsed-on DATE", N_("The day the group's meeting endorsed the bundle (YYYY-MM-DD)") },
  { "--meeting TEXT", N_("With --endorsed-on: the meeting that endorsed it") },
  { "--chair TEXT", N_("With --endorsed-on: who chaired that meeting") },
  { NULL, NULL },
};

static const CommandOption export_iati_options[] = {
  { "--from DATE", N_("Only the workplans that overlap the period from this date (default: every workplan)") },
  { "--to DATE", N_("The last day of the period") },
  { "--all-groups", N_("Every group of the database in one file, as the secretariat publishes them") },
  { "-o, --output FILE", N_("The file to write the activity file to") },
  { NULL, NULL },
};

static const CommandOption validate_options[] = {
  { "FILE", N_("The bundle to check") },
  { NULL, NULL },
};

static const CommandOption import_options[] = {
  { "--dry-run", N_("Only say what would change; change nothing") },
  { "--force", N_("Import even a bundle that conflicts with one received before, or whose "
                  "deletions take records it does not name") },
  { "FILE", N_("The bundle to import") },
  { NULL, NULL },
};

static const CommandOption protect_options[] = {
  { "--passphrase-file FILE", N_("Read the new passphrase from the first line of FILE instead of "
                                 "asking for it twice on the terminal") },
  { NULL, NULL },
};

static const CommandOption unprotect_options[] = {
  { NULL, NULL },
};

static const CommandOption change_passphrase_options[] = {
  { "--passphrase-file FILE", N_("Read the current passphrase from the first line of FILE "
                                 "instead of asking for it on the terminal") },
  { "--new-passphrase-file FILE", N_("Read the new passphrase from the first line of FILE "
                                     "instead of asking for it twice on the terminal") },
  { NULL, NULL },
};

static const CommandOption attach_options[] = {
  { "KIND", N_("What the file is attached to: deliverable, activity, expense, funding, workshop "
               "or indicator_value") },
  { "UUID", N_("The record's identifier, as “list” prints it") },
  { "FILE", N_("The file to attach (at most 50 MB)") },
  { "--caption TEXT", N_("A few words that say what the file is") },
  { "--personal", N_("Mark the file as holding personal data (the default for workshops)") },
  { "--not-personal", N_("Mark the file as holding no personal data (the default for the other kinds)") },
  { NULL, NULL },
};

static const CommandOption attachments_options[] = {
  { "KIND", N_("The kind of record: deliverable, activity, expense, funding, workshop or "
               "indicator_value") },
  { "UUID", N_("The record's identifier, as “list” prints it") },
  { "--json", N_("Print the attachments as a JSON array instead of one line each") },
  { NULL, NULL },
};

static const CommandOption attachment_get_options[] = {
  { "UUID", N_("The attachment's identifier, as “attachments” prints it") },
  { "-o, --output FILE", N_("The file to write the attachment's bytes to") },
  { NULL, NULL },
};

static const CommandOption secretariat_options[] = {
  { "init", N_("Make this empty database the secretariat's: it holds the groups it imports") },
  { "status", N_("Each group's last bundle and its chain: up to date, late, gap or fork") },
  { "amendments", N_("What a group changed in records it had reported, and why (--group CODE)") },
  { "figures", N_("The figures of every group and their total, in one currency") },
  { "report", N_("The figures across groups as a printable PDF (--pdf FILE)") },
  { "--from DATE", N_("The first day of the period the figures cover (default: all time)") },
  { "--to DATE", N_("The last day of the period the figures cover") },
  { "--group CODE", N_("With amendments: the group whose amendments to list") },
  { "--currency CODE", N_("The currency of the figures (default: the secretariat's, USD)") },
  { "--json", N_("Print as JSON") },
  { "--csv", N_("With figures: print as CSV, one row per group and a total row") },
  { "--pdf FILE", N_("With report: the PDF to write") },
  { NULL, NULL },
};

static const CommandOption set_options[] = {
  { "KIND", N_("The kind of record, singular or plural: expense or expenses") },
  { "UUID", N_("The record's identifier, as “list” prints it") },
  { "FIELD=VALUE…", N_("The fields to change, named as “show KIND UUID --json” names them, each "
                      "value written as in the app: dates, codes, yes or no, and money in the "
                      "record's currency (amount=1234.50; amount_minor=123450 in minor units)") },
  { "--reason TEXT", N_("Why a record already reported (a locked period or an approved workplan) "
                        "is changed: the change goes to the secretariat with it") },
  { NULL, NULL },
};

static const CommandOption locks_options[] = {
  { "--json", N_("Print the locks as a JSON array") },
  { NULL, NULL },
};

static const CommandOption history_options[] = {
  { "KIND", N_("The kind of record, singular or plural: expense or expenses") },
  { "UUID", N_("The record's identifier, as “list” prints it") },
  { "--json", N_("Print the changes as JSON: at, who, action, field, old, new and reason, "
                 "with the values as stored") },
  { NULL, NULL },
};

/* cli-history.c */
int cmd_history (CliOptions *options, int argc, char **argv);

static const CommandOption help_options[] = {
  { "COMMAND", N_("The command to explain; without it, the list of commands") },
  { NULL, NULL },
};

const Command cli_commands[] = {
  { "demo", "demo", N_("Add the sample Ghana group"), cmd_demo, NULL },
  { "generate", "generate [--seed N] [--country CODE] [--activities A] [--people P] [--attendance T]",
    N_("Add a large generated group, for benchmarks"), cmd_generate, generate_options },
  { "list", "list KIND [--json]", N_("List the records of one kind"), cmd_list, list_options },
  { "show", "show KIND UUID [--json]", N_("Show one record"), cmd_show, show_options },
  { "history", "history KIND UUID [--json]",
    N_("A record's changes, newest first: when, who, what and why"), cmd_history, history_options },
  { "budget", "budget [--workplan UUID] [--original|--revised] [--json | --csv [--bom] [--expenses]]",
    N_("Budget against actual in the reporting currency; CSV of the lines or the expenses"), cmd_budget,
    budget_options },
  { "attendance-import", "attendance-import --workshop UUID [--dry-run] [--map COLUMN=HEADER,…] FILE",
    N_("Read a workshop's sign-in sheet (CSV or Unicode text) into its attendance list"), cmd_attendance_import,
    attendance_import_options },
  { "attendance", "attendance [--workshop UUID] [--from DATE] [--to DATE] [--json|--csv]",
    N_("Attendance counts by pillar and gender, women's share and repeat attendance (no names)"), cmd_attendance,
    attendance_options },
  { "invite", "invite --workshop UUID [--confirm] PERSON_UUID…",
    N_("Invite people to a workshop, or confirm that invited people will come"), cmd_invite,
    invite_options },
  { "check", "check", N_("Check the database's integrity and references"), cmd_check, NULL },
  { "backup", "backup -o FILE", N_("Write a consistent copy of the database"), cmd_backup, backup_options },
  { "report", "report workplan|budget|attendance|indicators [--from DATE --to DATE] [--csv | --pdf FILE]",
    N_("One of the four reports, as text, CSV or a printable PDF"), cmd_report, report_options },
  { "paperwork", "paperwork sign-in|badges|payments|certificates --workshop UUID --pdf FILE [--record]",
    N_("A workshop's sign-in sheet, badges, payment sheet or certificates as a printable PDF"),
    cmd_paperwork,
    paperwork_options },
  { "backups", "backups", N_("List the automatic backups of the database"), cmd_backups, NULL },
  { "restore", "restore FILE", N_("Replace the database with a backup, keeping the current state as a backup"),
    cmd_restore, restore_options },
  { "export", "export --from DATE --to DATE [--privacy aggregate|pseudonymous|named] "
    "[--endorsed-on DATE [--meeting TEXT] [--chair TEXT]] -o FILE",
    N_("Write the group's bundle for the secretariat (validated XML)"), cmd_export, export_options },
  { "export-iati", "export-iati [--from DATE --to DATE] [--all-groups] -o FILE",
    N_("Write the group's workplans and activities as an IATI 2.03 activity file"), cmd_export_iati,
    export_iati_options },
  { "validate", "validate FILE", N_("Check that a file is a valid Groupdesk bundle"), cmd_validate,
    validate_options },
  { "import", "import [--dry-run] [--force] FILE",
    N_("Merge a bundle into the database (--dry-run: only say what would change)"), cmd_import,
    import_options },
  { "overview", "overview [--json]", N_("The Overview's figures: workplan, deliverables, budget, attendance, workshops, last export"), cmd_overview, (const CommandOption[]) { { "--json", N_("Print the figures as JSON") }, { NULL, NULL } } },
  { "protect", "protect [--passphrase-file FILE]",
    N_("Encrypt people's names under a passphrase, and print the recovery key once"), cmd_protect,
    protect_options },
  { "unprotect", "unprotect",
    N_("Store people's names in plain text again (needs the passphrase or the recovery key)"),
    cmd_unprotect, unprotect_options },
  { "change-passphrase", "change-passphrase [--passphrase-file FILE] [--new-passphrase-file FILE]",
    N_("Choose a new passphrase; the recovery key stays the same"), cmd_change_passphrase,
    change_passphrase_options },
  { "attach", "attach KIND UUID FILE [--caption TEXT] [--personal|--not-personal]",
    N_("Attach a file to a record; prints the attachment's identifier"), cmd_attach, attach_options },
  { "attachments", "attachments KIND UUID [--json]", N_("List the files attached to a record"),
    cmd_attachments, attachments_options },
  { "attachment-get", "attachment-get UUID -o FILE", N_("Write an attached file's bytes to a file"),
    cmd_attachment_get, attachment_get_options },
  { "secretariat", "secretariat init|status|amendments|figures|report [--group CODE] "
    "[--from DATE --to DATE] [--currency CODE] [--json|--csv|--pdf FILE]",
    N_("The secretariat's desk: every group's bundles, who reported, and the figures across groups"),
    cmd_secretariat, secretariat_options },
  { "set", "set KIND UUID FIELD=VALUE… [--reason TEXT]",
    N_("Change fields of a record, checked as the app checks them"), cmd_set, set_options },
  { "locks", "locks [--json]",
    N_("The periods locked by exported bundles, and the approved workplans"), cmd_locks,
    locks_options },
  { "help", "help [COMMAND]", N_("Show the commands, or one command's arguments and options"), cmd_help,
    help_options },
};

const guint cli_n_commands = G_N_ELEMENTS (cli_commands);
