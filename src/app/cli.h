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
    int read_only;        /* set by cli_run: the command only reads, so a
                           * missing database is an error, never created */
    const char *cmd;      /* set by cli_run: the sub-command, for messages */
    int width;            /* columns the text outputs wrap to; 0: 80 */
    int utf8;             /* the locale is UTF-8: cut text ends with U+2026 */
};

/* The columns of the terminal the CLI writes for: COLUMNS when it is a
 * number from 1 to 10000, else the width of the terminal fd is (TIOCGWINSZ),
 * else 80 (a pipe or a file). */
int cli_term_width(int fd);

/* 1 when the locale of the environment (LC_ALL, LC_CTYPE, LANG) is UTF-8;
 * the process keeps the locale it had. */
int cli_locale_utf8(void);

/* Checks that path names a database file the way --db must: not empty, not
 * ":memory:", not an SQLite URI ("file:..."). Returns CLI_OK, or CLI_USAGE
 * with a one-line reason in err. store_open itself still takes ":memory:"
 * (the tests use it); only the command line refuses it. */
int cli_db_path_check(const char *path, char *err, size_t errlen);

/* 1 when name is a sub-command. */
int cli_is_command(const char *name);

/* Runs sub-command argv[0] with its arguments; returns an enum cli_exit. */
int cli_run(struct cli_ctx *ctx, int argc, char **argv);

/* Prints the global usage (`unknot --help`). */
void cli_usage(FILE *f);

#endif
