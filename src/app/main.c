/* SPDX-License-Identifier: BSD-2-Clause */
/* unknot: argument parsing and dispatch. With a sub-command it runs the
 * CLI and never starts curses; without one it opens the full-screen app. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "src/app/cli.h"
#include "src/app/config.h"
#include "src/app/cli_common.h"
#include "src/suggest.h"
#include "ui/app.h"

enum { OPT_DB = 1000, OPT_VERSION };

static const struct option global_longopts[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* An unknown option before the command, with the one meant when close. */
static void say_unknown(const char *arg)
{
    char typed[SUGGEST_WORD_MAX + 1];
    struct suggest sg;
    snprintf(typed, sizeof typed, "%.*s", (int)strcspn(arg + strspn(arg, "-"), "="),
             arg + strspn(arg, "-"));
    suggest_init(&sg, typed);
    for (const struct option *o = global_longopts; o->name && strncmp(arg, "--", 2) == 0; o++)
        suggest_add(&sg, o->name);
    if (suggest_result(&sg))
        fprintf(stderr, "unknot: unknown option %s; did you mean \"--%s\"?\n", arg,
                suggest_result(&sg));
    else
        fprintf(stderr, "unknot: unknown option %s; see unknot --help\n", arg);
}

/* Parses the options before the command. Returns -1 to go on, else an
 * exit code. */
static int parse_global(int argc, char **argv, const char **db)
{
    int c;
    opterr = 0;
    /* "+": stop at the command, whose options are its own. */
    while ((c = getopt_long(argc, argv, "+:hV", global_longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: *db = optarg; break;
        case 'h': cli_usage(stdout); return CLI_OK;
        case 'V':
        case OPT_VERSION:
            printf("unknot %s\nLicence: BSD-2-Clause (see the LICENSE file)\n", UNKNOT_VERSION);
            return CLI_OK;
        case ':':
            fprintf(stderr, "unknot: option %s needs a value\n", argv[optind - 1]);
            return CLI_USAGE;
        default:
            say_unknown(argv[optind - 1]);
            return CLI_USAGE;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    const char *db = NULL;
    char path[4096];
    int rc = parse_global(argc, argv, &db);
    if (rc >= 0)
        return rc;
    /* Before curses starts, so a bad line is reported on the terminal. */
    struct settings settings;
    config_load(&settings, stderr);
    if (store_default_path(db, path, sizeof(path)) != 0) {
        fprintf(stderr, "unknot: no database path: set HOME, UNKNOT_DB or use --db PATH\n");
        return CLI_RUNTIME;
    }
    char err[512];
    if ((rc = cli_db_path_check(path, err, sizeof err)) != CLI_OK) {
        fprintf(stderr, "unknot: %s\n", err);
        return rc;
    }
    struct cli_ctx ctx = {
        .db_path = path,
        .now = (int64_t)time(NULL),
        .out = stdout,
        .err = stderr,
        .in = stdin,
        .interactive = isatty(STDIN_FILENO),
        .width = cli_term_width(STDOUT_FILENO),
        .utf8 = cli_locale_utf8(),
    };
    if (optind >= argc)
        return cli_db_file_check(&ctx) != 0 ? CLI_RUNTIME : ui_run(path);
    /* `unknot timer` checks its options in the CLI, then opens the UI. */
    cli_timer_ui = screen_timer_run;
    rc = cli_run(&ctx, argc - optind, argv + optind);
    /* What sits in stdout's buffer is not written yet: a full disk or a
     * closed pipe shows only now, and must not pass as success. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "unknot: cannot write the output: %s\n", strerror(errno));
        return CLI_RUNTIME;
    }
    return rc;
}
