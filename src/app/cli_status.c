/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot status`: one line for a shell prompt or a tmux status bar. It
 * runs at every prompt, so it opens the database read-only and asks only
 * what the line shows: the ongoing episode, the last ice end, the warning
 * in force and the flags. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/history.h"
#include "src/status.h"

enum { OPT_HELP = 1000, OPT_FORMAT };

static const char usage_status[] =
    "usage: unknot status [--format FMT]\n"
    "One line for a shell prompt or a tmux status bar, warning first, e.g.\n"
    "  ongoing 2h 7/10 lower \xc2\xb7 ice ok from 20:10 \xc2\xb7 2 flags \xc2\xb7 weekly check-in due\n"
    "Nothing is printed (exit 0) when there is nothing to say.\n"
    "  --format FMT   %w the warning in force, %o the ongoing episode, %i when ice\n"
    "                 is allowed again, %f the flags, %c when a weekly check-in is\n"
    "                 due, %a all of them (the default),\n"
    "                 %% a percent sign; when every field is empty nothing prints\n"
    "Outside a UTF-8 locale the fields are joined by \" | \" instead of \" \xc2\xb7 \".\n";

/* The ongoing episode and the last ice end: one indexed row each. */
static int read_ongoing_ice(struct store *st, const char *fmt, struct episode *ep,
                            struct status_facts *f, char *err, size_t errlen)
{
    int rc = status_format_needs(fmt, 'o') ? store_episode_ongoing(st, ep, err, errlen)
                                           : STORE_NOT_FOUND;
    if (rc == STORE_OK) {
        f->ongoing = 1;
        f->ongoing_started_at = ep->started_at;
        f->ongoing_intensity = ep->intensity;
        f->ongoing_region = ep->region;
    }
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        rc = status_format_needs(fmt, 'i')
                 ? store_session_last_ice_end(st, &f->ice_end, err, errlen)
                 : STORE_OK;
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* Whether a weekly check-in is due: the latest one, one indexed row. */
static int read_weekly(struct store *st, const char *fmt, struct status_facts *f, char *err,
                       size_t errlen)
{
    struct weekly w;
    int rc = status_format_needs(fmt, 'c') ? store_weekly_latest(st, &w, err, errlen)
                                           : STORE_NOT_FOUND;
    if (rc == STORE_OK)
        f->weekly_due = weekly_due(1, w.taken_at, f->now);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* Reads the facts the fields of fmt show, no more: a prompt that shows
 * only %o costs one query. Returns STORE_OK or a store error. */
static int status_read(struct store *st, const char *fmt, int64_t now, struct status_facts *f,
                       char *err, size_t errlen)
{
    struct episode *ep = malloc(sizeof(*ep)); /* a whole note and every tag */
    struct flags *fl = NULL;
    struct warnsign_state w;
    int rc = ep ? read_ongoing_ice(st, fmt, ep, f, err, errlen) : STORE_ERROR;
    if (!ep)
        snprintf(err, errlen, "out of memory");
    if (rc == STORE_OK)
        rc = read_weekly(st, fmt, f, err, errlen);
    if (rc == STORE_OK && status_format_needs(fmt, 'w')) {
        rc = history_warning(st, now, &w, err, errlen);
        f->warning = rc == STORE_OK && history_warning_in_force(&w) ? w.level : REDFLAG_CLEAR;
    }
    /* Over the whole history, so the count is the one unknot flags shows:
     * still most of the time of the line, though most episodes come from
     * an index alone (history_flags; tests/bench/bench_status.sh). */
    if (rc == STORE_OK && status_format_needs(fmt, 'f')) {
        fl = malloc(sizeof(*fl));
        rc = fl ? history_flags(st, now, fl, err, errlen) : STORE_ERROR;
        if (!fl)
            snprintf(err, errlen, "out of memory");
        if (rc == STORE_OK)
            f->flags = fl->n;
    }
    free(fl);
    free(ep);
    return rc;
}

const struct option cli_status_options[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

/* Parses --format; returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int status_opts(struct cli_ctx *ctx, int argc, char **argv, const char **fmt)
{
    char err[UNKNOT_ERR_LEN];
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_status_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_status, ctx->out);
            return -1;
        }
        if (c != OPT_FORMAT)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        *fmt = optarg;
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (status_format_valid(*fmt, err, sizeof(err)) != 0) {
        fprintf(ctx->err, "unknot status: %s\n", err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_cmd_status(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *fmt = STATUS_DEFAULT_FORMAT;
    char err[STORE_ERR_LEN], line[STATUS_LINE_MAX];
    int rc = status_opts(ctx, argc, argv, &fmt);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    struct store *st = NULL;
    rc = store_open_readonly(&st, ctx->db_path, err, sizeof(err));
    if (rc == STORE_NOT_FOUND) /* nothing logged yet: nothing to say */
        return CLI_OK;
    struct status_facts f = {.now = ctx->now, .warning = REDFLAG_CLEAR};
    /* One snapshot for every field: the fields agree with each other, and
     * the reads take the database's read lock once instead of once per
     * statement. */
    if (rc == STORE_OK)
        rc = store_read_begin(st, err, sizeof(err));
    if (rc == STORE_OK)
        rc = status_read(st, fmt, ctx->now, &f, err, sizeof(err));
    if (st)
        store_read_end(st);
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot status: %s\n", err);
        return CLI_RUNTIME;
    }
    (void)status_format(&f, fmt, cli_locale_utf8(), line, sizeof(line), err, sizeof(err));
    if (line[0])
        fprintf(ctx->out, "%s\n", line);
    return CLI_OK;
}
