/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_treat: `unknot took` (a medication intake) and `unknot did` (relief
 * done without the timer), the treatment log of issue 13. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/history.h"
#include "src/app/cli_table.h"
#include "src/treatment.h"
#include "src/when.h"

static const char usage_took[] =
    "usage: unknot took TEXT [--at WHEN] [--before N] [--helped N] [--print-id]\n"
    "       unknot took [--rate ID] --helped N\n"
    "Record a medication taken: its name and dose as text, e.g. \"ibuprofen 400 mg\".\n"
    "unknot records what was taken and when; it never computes doses.\n"
    "Without TEXT, --helped rates an intake recorded earlier: the one taken 30 min\n"
    "to 4 h ago without a rating (home asks about it too), or record ID.\n"
    "  --at WHEN        when it was taken (default now)\n"
    "  --before N       pain before, 0-10 (default: the latest pain reading of the\n"
    "                   episode going then, if any)\n"
    "  --helped N       pain afterwards, 0-10, for the report's \"what helps\"\n"
    "  --rate ID        the intake --helped rates (see unknot report, or --print-id)\n"
    "  --print-id       print only the new record's ID\n";

static const char usage_did[] =
    "usage: unknot did ice|heat|stretch|massage|walk|rest [--at WHEN] [--for DUR]\n"
    "                  [--before N] [--after N] [--print-id]\n"
    "Record relief done without the timer.\n"
    "  --at WHEN        when it began (default now)\n"
    "  --for DUR        how long (90s, 20m, 1h30m)\n"
    "  --before N       pain before, 0-10 (default: the latest pain reading of the\n"
    "                   episode going then, if any)\n"
    "  --after N        pain afterwards, 0-10\n"
    "  --print-id       print only the new record's ID\n";

enum { OPT_AT = 1000, OPT_FOR, OPT_BEFORE, OPT_AFTER, OPT_RATE, OPT_PRINT_ID, OPT_HELP };

/* What the options say beyond the record itself. */
struct treat_opts {
    int print_id;
    int64_t rate; /* --rate ID, 0: not given */
};

const struct option cli_took_options[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"before", required_argument, NULL, OPT_BEFORE},
    {"helped", required_argument, NULL, OPT_AFTER},
    {"rate", required_argument, NULL, OPT_RATE},
    {"print-id", no_argument, NULL, OPT_PRINT_ID},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

const struct option cli_did_options[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"for", required_argument, NULL, OPT_FOR},
    {"before", required_argument, NULL, OPT_BEFORE},
    {"after", required_argument, NULL, OPT_AFTER},
    {"print-id", no_argument, NULL, OPT_PRINT_ID},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* One option into *t. CLI_OK, CLI_USAGE after a message, -1 unknown. */
static int treat_option(struct cli_ctx *ctx, const char *cmd, int c, struct treatment *t,
                        struct treat_opts *o)
{
    char err[UNKNOT_ERR_LEN];
    int rc = 0;
    switch (c) {
    case OPT_AT: rc = when_parse(optarg, ctx->now, &t->taken_at, err, sizeof err); break;
    case OPT_FOR: rc = when_parse_duration(optarg, &t->duration_s, err, sizeof err); break;
    case OPT_BEFORE: rc = intensity_parse(optarg, &t->pain_before, err, sizeof err); break;
    case OPT_AFTER: rc = intensity_parse(optarg, &t->pain_after, err, sizeof err); break;
    case OPT_PRINT_ID: o->print_id = 1; break;
    case OPT_RATE:
        if (cli_parse_id(optarg, &o->rate) != 0) {
            fprintf(ctx->err, "unknot %s: --rate takes a record ID, not \"%s\"\n", cmd, optarg);
            return CLI_USAGE;
        }
        break;
    default: return -1;
    }
    if (rc == 0)
        return CLI_OK;
    fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
    return CLI_USAGE;
}

/* Parses the options of took or did into *t and *o; optind is left at
 * the operand, if any (at most one). -1 after --help. */
static int treat_parse(struct cli_ctx *ctx, int argc, char **argv, const struct option *opts,
                       const char *usage, struct treatment *t, struct treat_opts *o)
{
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        int rc = treat_option(ctx, argv[0], c, t, o);
        if (rc < 0)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (rc != CLI_OK)
            return rc;
    }
    return optind + 1 < argc ? cli_extra_args(ctx, argv[0], argv[optind + 1]) : CLI_OK;
}

/* The operand took or did needs: CLI_OK, or CLI_USAGE after saying what
 * to give. */
static int treat_need_operand(struct cli_ctx *ctx, int argc, char **argv)
{
    if (optind < argc)
        return CLI_OK;
    fprintf(ctx->err, "unknot %s: %s; see unknot %s --help\n", argv[0],
            strcmp(argv[0], "took") == 0 ? "say what was taken, e.g. \"ibuprofen 400 mg\""
                                         : "say what was done: ice, heat, stretch, "
                                           "massage, walk or rest",
            argv[0]);
    return CLI_USAGE;
}

/* Validates and stores t, then says so. */
static int treat_save(struct cli_ctx *ctx, const char *cmd, struct treatment *t,
                      const struct treat_opts *o)
{
    char err[STORE_ERR_LEN], when[WHEN_FMT_LEN], dur[32] = "", link[48] = "";
    /* Checked before the store opens, so bad input creates nothing. */
    if (treatment_validate(t, ctx->now, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot %s: %s; nothing was saved\n", cmd, err);
        return CLI_USAGE;
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = history_add_treatment(st, t, ctx->now, err, sizeof err);
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot %s: %s; nothing was saved\n", cmd, err);
        return CLI_RUNTIME;
    }
    if (o->print_id) {
        fprintf(ctx->out, "%" PRId64 "\n", t->id);
        return CLI_OK;
    }
    when_format(t->taken_at, when, sizeof when);
    if (t->duration_s != TREATMENT_NO_DURATION) {
        strcpy(dur, " for ");
        when_format_duration(t->duration_s, dur + 5, sizeof dur - 5);
    }
    if (t->episode_id)
        snprintf(link, sizeof link, "episode %" PRId64 ", ", t->episode_id);
    cli_say(ctx, "Recorded %s%s at %s (%srecord %" PRId64 ").",
            t->kind == TREATMENT_MEDICATION ? t->name : treatment_kind_label(t->kind), dur, when,
            link, t->id);
    return CLI_OK;
}

/* The intake that took --helped without TEXT rates: --rate ID, or the one
 * due for a rating (history_followup). 0 after a message. */
static int64_t rate_target(struct cli_ctx *ctx, struct store *st, const struct treat_opts *o)
{
    struct treatment due;
    size_t n = 0;
    char err[STORE_ERR_LEN];
    if (o->rate)
        return o->rate;
    if (history_followup(st, ctx->now, &due, &n, err, sizeof err) != STORE_OK) {
        fprintf(ctx->err, "unknot took: %s; nothing was changed\n", err);
        return 0;
    }
    if (n == 1)
        return due.id;
    if (n == 0)
        fprintf(ctx->err, "unknot took: no medication taken 30 min to 4 h ago waits for a "
                          "rating; give --rate ID, or TEXT to record one taken now\n");
    else
        fprintf(ctx->err, "unknot took: %zu intakes wait for a rating; say which with --rate ID "
                          "(the latest: record %" PRId64 ", %s)\n", n, due.id, due.name);
    return 0;
}

/* took [--rate ID] --helped N: the pain after an intake recorded earlier. */
static int took_rate(struct cli_ctx *ctx, const struct treatment *given, const struct treat_opts *o)
{
    char err[STORE_ERR_LEN], when[WHEN_FMT_LEN];
    if (given->pain_after == TREATMENT_PAIN_NONE) {
        fprintf(ctx->err, "unknot took: --rate needs --helped N, the pain now (0-10)\n");
        return CLI_USAGE;
    }
    if (given->taken_at != ctx->now || given->pain_before != TREATMENT_PAIN_NONE || o->print_id) {
        fprintf(ctx->err, "unknot took: rating an intake takes only --helped and --rate; "
                          "nothing was changed\n");
        return CLI_USAGE;
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct treatment t;
    int64_t id = rate_target(ctx, st, o);
    int rc = id ? history_rate_intake(st, id, given->pain_after, &t, err, sizeof err) : STORE_ABORTED;
    store_close(&st);
    if (!id)
        return CLI_USAGE;
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot took: %s; nothing was changed\n", err);
        return rc == STORE_ABORTED || rc == STORE_NOT_FOUND ? CLI_USAGE : CLI_RUNTIME;
    }
    when_format(t.taken_at, when, sizeof when);
    cli_say(ctx, "Rated %s taken at %s: pain %d/10 (%s) afterwards (record %" PRId64 ").", t.name,
            when, t.pain_after, band_label(intensity_band(t.pain_after)), t.id);
    return CLI_OK;
}

int cli_cmd_took(struct cli_ctx *ctx, int argc, char **argv)
{
    struct treatment t;
    struct treat_opts o = {0};
    char err[UNKNOT_ERR_LEN];
    treatment_init(&t, TREATMENT_MEDICATION, ctx->now);
    int rc = treat_parse(ctx, argc, argv, cli_took_options, usage_took, &t, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (optind < argc && o.rate) {
        fprintf(ctx->err, "unknot took: --rate rates an intake recorded earlier: give no TEXT\n");
        return CLI_USAGE;
    }
    if (o.rate || (optind >= argc && t.pain_after != TREATMENT_PAIN_NONE))
        return took_rate(ctx, &t, &o);
    if ((rc = treat_need_operand(ctx, argc, argv)) != CLI_OK)
        return rc;
    if (treatment_set_name(&t, argv[optind], err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot took: %s\n", err);
        return CLI_USAGE;
    }
    return treat_save(ctx, "took", &t, &o);
}

int cli_cmd_did(struct cli_ctx *ctx, int argc, char **argv)
{
    struct treatment t;
    struct treat_opts o = {0};
    char err[UNKNOT_ERR_LEN];
    treatment_init(&t, TREATMENT_ICE, ctx->now);
    int rc = treat_parse(ctx, argc, argv, cli_did_options, usage_did, &t, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = treat_need_operand(ctx, argc, argv)) != CLI_OK)
        return rc;
    if (treatment_relief_parse(argv[optind], &t.kind, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot did: %s\n", err);
        return CLI_USAGE;
    }
    return treat_save(ctx, "did", &t, &o);
}
