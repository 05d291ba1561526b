/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_table: the command table, the one place that knows every
 * sub-command, its getopt_long options and what their values are. The
 * dispatcher, `unknot --help` and the shell completions (cli_complete.c)
 * all read it, so they cannot drift apart; tests/unit/test_cli_table.c
 * checks it against each command's --help. */
#ifndef UNKNOT_CLI_TABLE_H
#define UNKNOT_CLI_TABLE_H

#include <getopt.h>
#include <stddef.h>

#include "src/app/cli.h"

/* What an option's value or a command's operand is, for completion.
 * The static vocabularies come from the core's code tables; ROUTINE and
 * EPISODE are asked of unknot itself when completing. */
enum cli_arg {
    CLI_ARG_FREE, /* a number, a time, text: nothing to offer */
    CLI_ARG_FILE,
    CLI_ARG_FORMAT, /* the listing formats (src/listing.h) of the entry's mask */
    CLI_ARG_REPORT_FORMAT,
    CLI_ARG_TABLE, /* export --table */
    CLI_ARG_REGION,
    CLI_ARG_SIDE,
    CLI_ARG_TRIGGER,
    CLI_ARG_FEEL,
    CLI_ARG_SYMPTOM,
    CLI_ARG_RELIEF,
    CLI_ARG_HOLD,    /* 5 or 30 */
    CLI_ARG_TIMER,   /* stretch, ice, heat (session kinds) */
    CLI_ARG_TREATMENT, /* ice, heat, ... walk, rest (unknot did) */
    CLI_ARG_SETTING, /* a settings key */
    CLI_ARG_SHELL,   /* the shells `unknot completions` writes for */
    CLI_ARG_ROUTINE, /* dynamic: unknot routines --names */
    CLI_ARG_EPISODE, /* dynamic: the latest episode ids */
    CLI_ARG_COUNT
};

/* One entry of a command's value table, which ends with an entry of kind
 * CLI_ARG_FREE: the long option (NULL: the command's operands) and what
 * its value is. An option that takes a value and is not in the table is
 * CLI_ARG_FREE. */
struct cli_argspec {
    const char *option;
    enum cli_arg arg;
    unsigned formats; /* CLI_ARG_FORMAT: a mask of LISTING_BIT */
};

struct cli_command {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *summary;
    int read_only;                  /* never creates the database */
    const struct option *options;   /* its getopt_long table */
    const struct cli_argspec *args; /* NULL when none has a vocabulary */
    int hidden;                     /* left out of --help and the completions */
};

/* The command table, in --help order; *n receives its length. */
const struct cli_command *cli_commands(size_t *n);

/* The command named name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/* The entry of option `option` (a long name; NULL: the operands) of cmd,
 * or NULL when its value is free. */
const struct cli_argspec *cli_command_arg(const struct cli_command *cmd, const char *option);

/* The options tables of the commands that live outside cli.c. */
extern const struct option cli_help_options[];    /* --help alone */
extern const struct option cli_period_options[];  /* --since, --until */
extern const struct option cli_listing_options[]; /* --since, --until, --format */
extern const struct option cli_flags_options[];
extern const struct option cli_check_options[];
extern const struct option cli_timer_options[];
extern const struct option cli_routines_options[];
extern const struct option cli_report_options[];
extern const struct option cli_export_options[];
extern const struct option cli_backup_options[];
extern const struct option cli_status_options[];
extern const struct option cli_pain_options[];
extern const struct option cli_took_options[];
extern const struct option cli_did_options[];
extern const struct option cli_checkin_options[];
extern const struct option cli_weekly_options[];
extern const struct option cli_question_options[];
extern const struct option cli_config_options[];
extern const struct option cli_remind_options[];

/* `unknot completions bash|zsh|fish` (cli_complete.c). */
int cli_cmd_completions(struct cli_ctx *ctx, int argc, char **argv);

#endif
