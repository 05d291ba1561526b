/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers of the sub-commands: option errors, ids, the store. */
#include "src/app/cli_common.h"

#include "src/app/verified.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/store.h"
#include "src/app/cli_table.h"
#include "src/suggest.h"
#include "src/util.h"
#include "src/listing.h"
#include "src/when.h"

void cli_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    if (ctx->cmd)
        fprintf(ctx->err, "unknot %s: ", ctx->cmd);
    else
        fputs("unknot: ", ctx->err);
    va_start(ap, fmt);
    vfprintf(ctx->err, fmt, ap);
    va_end(ap);
    fputc('\n', ctx->err);
}

void cli_getopt_reset(void)
{
    /* 0, not 1: glibc then also forgets its permutation state. */
    optind = 0;
    opterr = 0;
}

/* An unknown long option close to one of cmd's (the command table):
 * says which was meant and returns 1; else 0. */
static int say_option_meant(struct cli_ctx *ctx, const char *cmd, const char *arg)
{
    const struct cli_command *command = cli_command_find(cmd);
    char typed[SUGGEST_WORD_MAX + 1];
    if (!command || !command->options || strncmp(arg, "--", 2) != 0)
        return 0;
    snprintf(typed, sizeof typed, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    struct suggest sg;
    suggest_init(&sg, typed);
    for (const struct option *o = command->options; o->name; o++)
        suggest_add(&sg, o->name);
    const char *meant = suggest_result(&sg);
    if (!meant)
        return 0;
    fprintf(ctx->err, "unknot %s: unknown option --%s; did you mean \"--%s\"?\n", cmd, typed,
            meant);
    return 1;
}

int cli_bad_option(struct cli_ctx *ctx, const char *cmd, int c, int argc, char **argv)
{
    const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
    if (c == ':')
        fprintf(ctx->err, "unknot %s: option %s needs a value; see unknot %s --help\n", cmd,
                arg, cmd);
    else if (optopt && optopt < 256)
        fprintf(ctx->err, "unknot %s: unknown option -%c; see unknot %s --help\n", cmd,
                optopt, cmd);
    else if (!say_option_meant(ctx, cmd, arg))
        fprintf(ctx->err, "unknot %s: unknown option %s; see unknot %s --help\n", cmd, arg,
                cmd);
    return CLI_USAGE;
}

int cli_extra_args(struct cli_ctx *ctx, const char *cmd, const char *arg)
{
    fprintf(ctx->err, "unknot %s: unexpected argument \"%s\"; see unknot %s --help\n", cmd,
            arg, cmd);
    return CLI_USAGE;
}

int cli_no_memory(struct cli_ctx *ctx)
{
    cli_error(ctx, "out of memory");
    return CLI_RUNTIME;
}

static int parse_id(const char *text, int64_t *id)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end != '\0' || v <= 0 || text[0] == '+')
        return -1;
    *id = v;
    return 0;
}

int cli_parse_id(const char *text, int64_t *id)
{
    return parse_id(text, id);
}

int cli_one_id(struct cli_ctx *ctx, int argc, char **argv, int64_t *id)
{
    if (optind >= argc) {
        fprintf(ctx->err, "unknot %s: give the episode ID (see unknot list)\n", argv[0]);
        return CLI_USAGE;
    }
    if (parse_id(argv[optind], id) != 0) {
        fprintf(ctx->err, "unknot %s: invalid ID \"%s\": use the number shown by unknot list\n",
                argv[0], argv[optind]);
        return CLI_USAGE;
    }
    if (optind + 1 < argc)
        return cli_extra_args(ctx, argv[0], argv[optind + 1]);
    return CLI_OK;
}

const struct option cli_help_options[] = {{"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};

int cli_parse_help_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage)
{
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_help_options, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        return cli_bad_option(ctx, argv[0], c, argc, argv);
    }
    return CLI_OK;
}

enum { PERIOD_SINCE = 1000, PERIOD_UNTIL, PERIOD_FORMAT };

const struct option cli_period_options[] = {{"since", required_argument, NULL, PERIOD_SINCE},
                                            {"until", required_argument, NULL, PERIOD_UNTIL},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};

const struct option cli_listing_options[] = {{"since", required_argument, NULL, PERIOD_SINCE},
                                             {"until", required_argument, NULL, PERIOD_UNTIL},
                                             {"format", required_argument, NULL, PERIOD_FORMAT},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};

/* The period options, and --format when format is not NULL. */
static int parse_period(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                        int64_t *since, int64_t *until, const char **format)
{
    char err[UNKNOT_ERR_LEN];
    int c;
    *since = INT64_MIN;
    *until = INT64_MAX;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h",
                            format ? cli_listing_options : cli_period_options, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        if (c == PERIOD_FORMAT) {
            *format = optarg;
            continue;
        }
        if (c != PERIOD_SINCE && c != PERIOD_UNTIL)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if ((c == PERIOD_SINCE ? when_parse(optarg, ctx->now, since, err, sizeof(err))
                               : when_parse_end(optarg, ctx->now, until, err, sizeof(err))) != 0) {
            fprintf(ctx->err, "unknot %s: %s\n", argv[0], err);
            return CLI_USAGE;
        }
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    return CLI_OK;
}

int cli_parse_period(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                     int64_t *since, int64_t *until)
{
    return parse_period(ctx, argc, argv, usage, since, until, NULL);
}

int cli_parse_listing(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                      unsigned formats, int64_t *since, int64_t *until,
                      enum listing_format *fmt)
{
    const char *word = NULL;
    int rc = parse_period(ctx, argc, argv, usage, since, until, &word);
    *fmt = LISTING_TEXT;
    if (rc == CLI_OK && word)
        rc = cli_format_opt(ctx, argv[0], word, formats, fmt);
    return rc;
}

int cli_format_opt(struct cli_ctx *ctx, const char *cmd, const char *word, unsigned formats,
                   enum listing_format *fmt)
{
    char err[UNKNOT_ERR_LEN];
    if (listing_format_parse(word, formats, fmt, err, sizeof(err)) != 0) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_parse_id_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                      int64_t *id)
{
    int rc = cli_parse_help_only(ctx, argc, argv, usage);
    return rc != CLI_OK ? rc : cli_one_id(ctx, argc, argv, id);
}

int cli_db_path_check(const char *path, char *err, size_t errlen)
{
    if (path[0] == '\0') {
        snprintf(err, errlen, "the database path is empty: give --db the path of a file");
        return CLI_USAGE;
    }
    if (strcmp(path, ":memory:") == 0) {
        snprintf(err, errlen, "--db :memory: is not a file: unknot keeps its log in a "
                              "database file; give its path");
        return CLI_USAGE;
    }
    /* SQLite reads such a path as a URI: its options, or nothing stored. */
    if (strncmp(path, "file:", 5) == 0) {
        snprintf(err, errlen, "--db %.200s: a path starting with \"file:\" is read as an "
                              "SQLite URI; write ./%.200s for a file of that name", path, path);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* A write needs the -wal and -shm beside the database: SQLite creates them
 * in its directory (a read-only command opens a file it may not write
 * without them, see store_open_readonly). */
static int db_dir_check(struct cli_ctx *ctx, const char *path)
{
    char dir[4096], wal[4096];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (path_dir(path, dir, sizeof dir) != 0 || access(dir, W_OK) == 0 || stat(wal, &sb) == 0)
        return 0;
    cli_error(ctx, "no permission to write in %s, the directory of the database "
                      "%s: a write needs its -wal and -shm files there", dir, path);
    return -1;
}

int cli_db_file_check(struct cli_ctx *ctx)
{
    const char *path = ctx->db_path;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT && ctx->read_only)
            cli_error(ctx, "no database at %s", path);
        else if (errno == ENOENT)
            return 0; /* store_open creates it, and the directories to it */
        else if (errno == EACCES)
            cli_error(ctx, "cannot reach the database %s: no permission to "
                              "search a directory on its path", path);
        else
            cli_error(ctx, "cannot use the database %s: %s", path,
                    strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        cli_error(ctx, "%s is a directory, not a database file", path);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        cli_error(ctx, "%s is not a regular file (a FIFO, device or socket); "
                          "give the path of a database file", path);
        return -1;
    }
    if (access(path, ctx->read_only ? R_OK : R_OK | W_OK) != 0) {
        cli_error(ctx, "no permission to %s the database %s: %s",
                access(path, R_OK) != 0 ? "read" : "write", path, strerror(errno));
        return -1;
    }
    return ctx->read_only ? 0 : db_dir_check(ctx, path);
}

/* The store's notice that a write waits for another writer. */
static void say_waiting(void *ctx)
{
    struct cli_ctx *c = ctx;
    cli_error(c, "waiting for another unknot to finish writing (an import?)...");
    fflush(c->err);
}

/* Opens the store; then checks the file: all of it when check_pages is 0,
 * a file of up to check_pages pages when more, not at all when -1. A
 * command's writes wait CLI_WAIT_MS for another writer, and say so. */
static struct store *open_checked(struct cli_ctx *ctx, int64_t check_pages)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN] = "";
    if (cli_db_file_check(ctx) != 0)
        return NULL;
    /* A command that only reads opens read-only: it never creates, migrates
     * only an older schema (once), and leaves no -wal/-shm it cannot own. */
    int rc = ctx->read_only ? store_open_reader(&st, ctx->db_path, err, sizeof(err))
                            : store_open(&st, ctx->db_path, err, sizeof(err));
    if (rc != STORE_OK) {
        if (rc == STORE_NOT_FOUND && !err[0])
            snprintf(err, sizeof err, "no database at %s", ctx->db_path);
        cli_error(ctx, "%s", err);
        return NULL;
    }
    store_set_wait(st, CLI_WAIT_MS, say_waiting, ctx);
    /* A whole check of a file unchanged since one passed would say the same. */
    if (check_pages == 0 && verified_is_current(ctx->db_path))
        return st;
    if (check_pages >= 0 && store_check_integrity(st, check_pages, err, sizeof err) != STORE_OK) {
        cli_error(ctx, "%s", err);
        store_close(&st);
        return NULL;
    }
    if (check_pages == 0)
        verified_remember(ctx->db_path);
    return st;
}

struct store *cli_open_store(struct cli_ctx *ctx)
{
    return open_checked(ctx, ctx->read_only ? -1 : CLI_WRITE_CHECK_PAGES);
}

struct store *cli_open_store_whole(struct cli_ctx *ctx)
{
    return open_checked(ctx, 0);
}

enum cli_answer cli_read_answer(struct cli_ctx *ctx)
{
    char *line = NULL;
    size_t cap = 0;
    /* The whole line, however long: a leftover must never answer the next
     * question on its own. */
    ssize_t n = getline(&line, &cap, ctx->in);
    enum cli_answer a = CLI_ANSWER_OTHER;
    if (n < 0) {
        a = CLI_ANSWER_EOF;
    } else {
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \t\r\n");
        char *rest = p + len + strspn(p + len, " \t\r\n");
        if (*rest == '\0') {
            if ((len == 1 && strchr("yY", p[0])) || (len == 3 && !strncasecmp(p, "yes", 3)))
                a = CLI_ANSWER_YES;
            else if ((len == 1 && strchr("nN", p[0])) || (len == 2 && !strncasecmp(p, "no", 2)))
                a = CLI_ANSWER_NO;
            else if ((len == 1 && strchr("uU", p[0])) ||
                     (len == 6 && !strncasecmp(p, "unsure", 6)))
                a = CLI_ANSWER_UNSURE;
            else if (len == 1 && p[0] == '?')
                a = CLI_ANSWER_EXPLAIN;
            else if (len == 0)
                a = CLI_ANSWER_EMPTY;
        }
    }
    free(line);
    return a;
}

int cli_ask_yes(struct cli_ctx *ctx, const char *question)
{
    fprintf(ctx->out, "%s [y/N] ", question);
    fflush(ctx->out);
    return cli_read_answer(ctx) == CLI_ANSWER_YES;
}

/* Whether the locale of the environment is UTF-8; the process keeps the
 * locale it had (the CLI's outputs do not depend on it). */
