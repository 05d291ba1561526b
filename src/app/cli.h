/* SPDX-License-Identifier: BSD-2-Clause */
/* cli: the sub-commands. Each parses its own options, talks to the store
 * and prints to the streams of its context, so tests can drive it with
 * memory streams and an injected clock. */
#ifndef UNKNOT_CLI_H
#define UNKNOT_CLI_H

#include <stdint.h>
#include <stdio.h>

/* Exit codes of DESIGN.md. */
enum cli_exit { CLI_OK = 0, CLI_RUNTIME = 1, CLI_USAGE = 2 };

struct cli_ctx {
    const char *db_path;  /* resolved path of the database */
    int64_t now;          /* Unix seconds; the only clock the commands read */
    FILE *out;            /* results */
    FILE *err;            /* messages */
    FILE *in;             /* answers to questions (delete, check) */
    int interactive;      /* `in` is a terminal: questions may be asked */
};

/* 1 when name is a sub-command. */
int cli_is_command(const char *name);

/* Runs sub-command argv[0] with its arguments; returns an enum cli_exit. */
int cli_run(struct cli_ctx *ctx, int argc, char **argv);

/* Prints the global usage (`unknot --help`). */
void cli_usage(FILE *f);

#endif
