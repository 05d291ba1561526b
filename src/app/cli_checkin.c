/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_checkin: `unknot checkin` (the daily check-in, one per local day)
 * and `unknot weekly` (the three weekly ratings). Given answers as
 * options they run without a question; given none on a terminal they
 * ask each (src/checkin.h words them). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/checkin.h"
#include "src/when.h"

enum { OPT_PAIN = 1100, OPT_ACTIVITIES, OPT_SLEEP, OPT_WOKEN, OPT_NOT_WOKEN, OPT_AT, OPT_REPLACE,
       OPT_ENJOYMENT, OPT_ACTIVITY, OPT_HELP };

static const char usage_checkin[] =
    "usage: unknot checkin [--pain N] [--activities yes|partly|no] [--sleep HOURS]\n"
    "                      [--woken | --not-woken] [--at WHEN] [--replace]\n"
    "Record how today went: one check-in per day. Without answers, on a terminal,\n"
    "it asks each question (Enter skips all but the pain).\n"
    "  --pain N          pain now, 0 (none) to 10 (worst); needed with any answer\n"
    "  --activities A    could you do your usual activities today: yes, partly, no\n"
    "  --sleep HOURS     hours slept last night, 0 to 24, one decimal (6.5)\n"
    "  --woken           pain woke you last night; --not-woken: it did not\n"
    "  --at WHEN         when (default now); the check-in belongs to that day\n"
    "  --replace         replace the day's check-in if there is one (else asked on a\n"
    "                    terminal, refused without one)\n";

static const char usage_weekly[] =
    "usage: unknot weekly [--pain N --enjoyment N --activity N] [--at WHEN]\n"
    "Rate the past 7 days, each 0 to 10; the weekly pain and interference score is\n"
    "their mean. Without the ratings, on a terminal, it asks each. Due 7 days after\n"
    "the last one.\n"
    "  --pain N          average pain, 0 (none) to 10 (worst)\n"
    "  --enjoyment N     how much pain got in the way of enjoying life, 0 to 10\n"
    "  --activity N      how much pain got in the way of general activity, 0 to 10\n"
    "  --at WHEN         when (default now)\n";

struct checkin_opts {
    struct checkin c;
    int answers; /* how many answer options were given */
    int has_pain, replace;
    int64_t at;
};

/* ---- reading answers on a terminal ---- */

/* One line from ctx->in without its newline and surrounding blanks, into
 * buf. Returns 0, or -1 at the end of the input. */
static int read_line(struct cli_ctx *ctx, char *buf, size_t len)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, ctx->in);
    if (n < 0) {
        free(line);
        return -1;
    }
    char *p = line + strspn(line, " \t");
    size_t k = strcspn(p, "\r\n");
    while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
        k--;
    snprintf(buf, len, "%.*s", (int)k, p);
    free(line);
    return 0;
}

/* Parses an answer typed to question q into *out. */
typedef int (*answer_fn)(const char *text, int *out, char *err, size_t errlen);

/* Asks question q until the answer parses; an empty line skips it when
 * optional (*out is left). Returns 0, or -1 at the end of the input. */
static int ask(struct cli_ctx *ctx, enum checkin_question q, int optional, answer_fn parse,
               int *out)
{
    char line[64], err[UNKNOT_ERR_LEN];
    for (;;) {
        fprintf(ctx->out, "%s %s%s: ", checkin_question_text(q), checkin_question_hint(q),
                optional ? " (Enter: skip)" : "");
        fflush(ctx->out);
        if (read_line(ctx, line, sizeof line) != 0)
            return -1;
        if (!line[0] && optional)
            return 0;
        if (parse(line, out, err, sizeof err) == 0)
            return 0;
        fprintf(ctx->out, "%s\n", err);
    }
}

static int parse_pain(const char *text, int *out, char *err, size_t errlen)
{
    return checkin_rating_parse("pain", text, out, err, errlen);
}

static int parse_rating(const char *text, int *out, char *err, size_t errlen)
{
    return checkin_rating_parse("rating", text, out, err, errlen);
}

static int parse_yes_no(const char *text, int *out, char *err, size_t errlen)
{
    if (!strcasecmp(text, "y") || !strcasecmp(text, "yes")) {
        *out = 1;
        return 0;
    }
    if (!strcasecmp(text, "n") || !strcasecmp(text, "no")) {
        *out = 0;
        return 0;
    }
    snprintf(err, errlen, "invalid answer \"%.40s\": use yes or no", text);
    return -1;
}

static int ask_checkin(struct cli_ctx *ctx, struct checkin *c)
{
    if (ask(ctx, CHECKIN_Q_PAIN, 0, parse_pain, &c->pain) != 0 ||
        ask(ctx, CHECKIN_Q_ACTIVITIES, 1, checkin_activities_parse, &c->activities) != 0 ||
        ask(ctx, CHECKIN_Q_SLEEP, 1, checkin_sleep_parse, &c->sleep_tenths) != 0 ||
        ask(ctx, CHECKIN_Q_WOKEN, 1, parse_yes_no, &c->woken) != 0) {
        cli_error(ctx, "no answer, so nothing was saved");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* ---- checkin ---- */

const struct option cli_checkin_options[] = {
    {"pain", required_argument, NULL, OPT_PAIN},
    {"activities", required_argument, NULL, OPT_ACTIVITIES},
    {"sleep", required_argument, NULL, OPT_SLEEP},
    {"woken", no_argument, NULL, OPT_WOKEN},
    {"not-woken", no_argument, NULL, OPT_NOT_WOKEN},
    {"at", required_argument, NULL, OPT_AT},
    {"replace", no_argument, NULL, OPT_REPLACE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* One option of checkin; 0, or -1 with the message in err. */
static int checkin_opt(struct checkin_opts *o, int c, const char *arg, int64_t now, char *err,
                       size_t errlen)
{
    switch (c) {
    case OPT_PAIN: o->has_pain = 1; o->answers++;
        return checkin_rating_parse("pain", arg, &o->c.pain, err, errlen);
    case OPT_ACTIVITIES: o->answers++;
        return checkin_activities_parse(arg, &o->c.activities, err, errlen);
    case OPT_SLEEP: o->answers++; return checkin_sleep_parse(arg, &o->c.sleep_tenths, err, errlen);
    case OPT_WOKEN:
    case OPT_NOT_WOKEN:
        if (o->c.woken != CHECKIN_NONE && o->c.woken != (c == OPT_WOKEN)) {
            snprintf(err, errlen, "give either --woken or --not-woken, not both");
            return -1;
        }
        o->answers++;
        o->c.woken = c == OPT_WOKEN;
        return 0;
    case OPT_AT: return when_parse(arg, now, &o->at, err, errlen);
    case OPT_REPLACE: o->replace = 1; return 0;
    default: return -1;
    }
}

/* Returns CLI_OK, CLI_USAGE after a message, or -1 after --help. */
static int parse_checkin(struct cli_ctx *ctx, int argc, char **argv, struct checkin_opts *o)
{
    char err[UNKNOT_ERR_LEN];
    int c;
    memset(o, 0, sizeof *o);
    checkin_init(&o->c, ctx->now);
    o->at = ctx->now;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_checkin_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_checkin, ctx->out);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (checkin_opt(o, c, optarg, ctx->now, err, sizeof err) != 0) {
            fprintf(ctx->err, "unknot checkin: %s\n", err);
            return CLI_USAGE;
        }
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (o->answers && !o->has_pain) {
        fprintf(ctx->err, "unknot checkin: --pain N is needed with the other answers\n");
        return CLI_USAGE;
    }
    /* The answers move to the day of --at. */
    struct checkin answers = o->c;
    checkin_init(&o->c, o->at);
    o->c.pain = answers.pain;
    o->c.activities = answers.activities;
    o->c.sleep_tenths = answers.sleep_tenths;
    o->c.woken = answers.woken;
    return CLI_OK;
}

/* "today" or "on 2026-03-28", and the time of the stored one. */
static void day_words(const struct cli_ctx *ctx, const struct checkin *old, char *buf, size_t len)
{
    char today[CHECKIN_DAY_LEN], at[WHEN_FMT_LEN];
    checkin_day_text(ctx->now, today, sizeof today);
    when_format(old->taken_at, at, sizeof at);
    if (strcmp(today, old->day) == 0)
        snprintf(buf, len, "today (at %s)", at + 11);
    else
        snprintf(buf, len, "on %s (at %s)", old->day, at + 11);
}

/* The day has a check-in already: asks on a terminal whether to replace
 * it. Returns CLI_OK to replace, else the exit code after a message. */
static int confirm_replace(struct cli_ctx *ctx, const struct checkin *old)
{
    char words[64], q[128];
    day_words(ctx, old, words, sizeof words);
    if (!ctx->interactive) {
        fprintf(ctx->err, "unknot checkin: already checked in %s; --replace to replace it\n",
                words);
        return CLI_USAGE;
    }
    snprintf(q, sizeof q, "Already checked in %s. Replace it?", words);
    if (cli_ask_yes(ctx, q))
        return CLI_OK;
    fprintf(ctx->out, "Kept the check-in of %s.\n", words);
    return CLI_USAGE;
}

static int save_checkin(struct cli_ctx *ctx, struct store *st, struct checkin_opts *o)
{
    char err[STORE_ERR_LEN], line[160];
    struct checkin old;
    int rc = store_checkin_save(st, &o->c, o->replace, &old, ctx->now, err, sizeof err);
    int replaced = o->replace;
    if (rc == STORE_EXISTS) {
        int asked = confirm_replace(ctx, &old);
        if (asked != CLI_OK)
            return asked;
        replaced = 1;
        rc = store_checkin_save(st, &o->c, 1, NULL, ctx->now, err, sizeof err);
    }
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot checkin: %s\n", err);
        return CLI_RUNTIME;
    }
    checkin_describe(&o->c, line, sizeof line);
    fprintf(ctx->out, "%s the check-in of %s: %s.\n", replaced ? "Replaced" : "Saved", o->c.day,
            line);
    return CLI_OK;
}

/* Asked on a terminal: first whether a check-in of the day is there (not
 * to ask every question for nothing), then the questions. */
static int interactive_checkin(struct cli_ctx *ctx, struct store *st, struct checkin_opts *o)
{
    char err[STORE_ERR_LEN];
    struct checkin old;
    int rc = store_checkin_day(st, o->c.day, &old, err, sizeof err);
    if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
        fprintf(ctx->err, "unknot checkin: %s\n", err);
        return CLI_RUNTIME;
    }
    if (rc == STORE_OK && !o->replace) {
        rc = confirm_replace(ctx, &old);
        if (rc != CLI_OK)
            return rc;
        o->replace = 1;
    }
    rc = ask_checkin(ctx, &o->c);
    return rc == CLI_OK ? save_checkin(ctx, st, o) : rc;
}

int cli_cmd_checkin(struct cli_ctx *ctx, int argc, char **argv)
{
    struct checkin_opts o;
    char err[UNKNOT_ERR_LEN];
    int rc = parse_checkin(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (!o.answers && !ctx->interactive) {
        fprintf(ctx->err, "unknot checkin: not a terminal, so nothing was asked; give --pain N "
                          "(see unknot checkin --help)\n");
        return CLI_USAGE;
    }
    /* Before any question: a bad --at is said at once. */
    if (checkin_validate(&o.c, ctx->now, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot checkin: %s\n", err);
        return CLI_USAGE;
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    rc = o.answers ? save_checkin(ctx, st, &o) : interactive_checkin(ctx, st, &o);
    store_close(&st);
    return rc;
}

/* ---- weekly ---- */

const struct option cli_weekly_options[] = {
    {"pain", required_argument, NULL, OPT_PAIN},
    {"enjoyment", required_argument, NULL, OPT_ENJOYMENT},
    {"activity", required_argument, NULL, OPT_ACTIVITY},
    {"at", required_argument, NULL, OPT_AT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int weekly_opt(struct weekly *w, int *given, int c, const char *arg, int64_t now,
                      char *err, size_t errlen)
{
    switch (c) {
    case OPT_PAIN: *given |= 1; return checkin_rating_parse("pain", arg, &w->pain, err, errlen);
    case OPT_ENJOYMENT:
        *given |= 2;
        return checkin_rating_parse("enjoyment", arg, &w->enjoyment, err, errlen);
    case OPT_ACTIVITY:
        *given |= 4;
        return checkin_rating_parse("activity", arg, &w->activity, err, errlen);
    case OPT_AT: return when_parse(arg, now, &w->taken_at, err, errlen);
    default: return -1;
    }
}

/* *given: bits of the ratings given. CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_weekly(struct cli_ctx *ctx, int argc, char **argv, struct weekly *w, int *given)
{
    char err[UNKNOT_ERR_LEN];
    int c;
    memset(w, 0, sizeof *w);
    w->taken_at = ctx->now;
    *given = 0;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_weekly_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_weekly, ctx->out);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (weekly_opt(w, given, c, optarg, ctx->now, err, sizeof err) != 0) {
            fprintf(ctx->err, "unknot weekly: %s\n", err);
            return CLI_USAGE;
        }
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (*given && *given != 7) {
        fprintf(ctx->err, "unknot weekly: give all three of --pain, --enjoyment and --activity\n");
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int ask_weekly(struct cli_ctx *ctx, struct weekly *w)
{
    if (ask(ctx, WEEKLY_Q_PAIN, 0, parse_rating, &w->pain) != 0 ||
        ask(ctx, WEEKLY_Q_ENJOYMENT, 0, parse_rating, &w->enjoyment) != 0 ||
        ask(ctx, WEEKLY_Q_ACTIVITY, 0, parse_rating, &w->activity) != 0) {
        cli_error(ctx, "no answer, so nothing was saved");
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_cmd_weekly(struct cli_ctx *ctx, int argc, char **argv)
{
    struct weekly w;
    int given;
    char err[STORE_ERR_LEN], line[200];
    int rc = parse_weekly(ctx, argc, argv, &w, &given);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (!given && !ctx->interactive) {
        fprintf(ctx->err, "unknot weekly: not a terminal, so nothing was asked; give --pain, "
                          "--enjoyment and --activity\n");
        return CLI_USAGE;
    }
    if (!given && ask_weekly(ctx, &w) != CLI_OK)
        return CLI_USAGE;
    if (weekly_validate(&w, ctx->now, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot weekly: %s\n", err);
        return CLI_USAGE;
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    rc = store_weekly_add(st, &w, ctx->now, err, sizeof err);
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot weekly: %s\n", err);
        return CLI_RUNTIME;
    }
    weekly_describe(&w, line, sizeof line);
    fprintf(ctx->out, "Saved the weekly check-in: %s.\n", line);
    return CLI_OK;
}
