/* SPDX-License-Identifier: BSD-2-Clause */
/* cli: dispatch and the episode sub-commands (log, end, list, show, edit,
 * delete). The red-flag and flag commands live in cli_health.c. */
#include "src/app/cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/episode.h"
#include "src/episode_text.h"
#include "src/flags.h"
#include "src/suggest.h"
#include "src/util.h"
#include "src/warnsign.h"
#include "src/when.h"

/* Options shared by log and edit; has_* says what the user gave. */
struct episode_opts {
    int has_at, has_ended, has_for, has_intensity, has_region, has_side, has_note;
    int ongoing, print_id;
    int64_t at, ended, dur;
    int intensity;
    enum region region;
    enum side side;
    const char *note;
    int has_kind[TAG_KIND_COUNT];
    struct episode tags; /* only ntags/tags used: the tags given, in order */
};

enum { OPT_AT = 1000, OPT_ENDED, OPT_FOR, OPT_TRIGGER, OPT_FEEL, OPT_SYMPTOM, OPT_RELIEF,
       OPT_MED, OPT_NOTE, OPT_ONGOING, OPT_HELP, OPT_SINCE, OPT_UNTIL, OPT_YES, OPT_PRINT_ID,
       OPT_FORMAT };

static const struct option episode_longopts[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"ended", required_argument, NULL, OPT_ENDED},
    {"for", required_argument, NULL, OPT_FOR},
    {"intensity", required_argument, NULL, 'i'},
    {"region", required_argument, NULL, 'r'},
    {"side", required_argument, NULL, 's'},
    {"trigger", required_argument, NULL, OPT_TRIGGER},
    {"feel", required_argument, NULL, OPT_FEEL},
    {"symptom", required_argument, NULL, OPT_SYMPTOM},
    {"relief", required_argument, NULL, OPT_RELIEF},
    {"med", required_argument, NULL, OPT_MED},
    {"note", required_argument, NULL, OPT_NOTE},
    {"ongoing", no_argument, NULL, OPT_ONGOING},
    {"print-id", no_argument, NULL, OPT_PRINT_ID},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static const char usage_log[] =
    "usage: unknot log [--at WHEN] [--ended WHEN | --for DUR] -i N -r REGION [-s SIDE]\n"
    "                  [--trigger T]... [--feel F]... [--symptom S]... [--relief R]...\n"
    "                  [--med TEXT]... [--note TEXT] [--print-id]\n"
    "Log a spasm episode. Without --ended or --for it is ongoing.\n"
    "  --at WHEN        when it started (default now)\n"
    "  --ended WHEN     when it ended\n"
    "  --for DUR        how long it lasted (90s, 20m, 3h, 2d, 1h30m)\n"
    "  -i, --intensity N   pain 0 (none) to 10 (worst)\n"
    "  -r, --region R   lower, mid, upper, neck\n"
    "  -s, --side S     left, right, both, center\n"
    "  --trigger T      lifting, twisting, bending, sudden-movement, sneeze-cough,\n"
    "                   sitting, standing, out-of-bed, sleeping, exercise, stress, cold,\n"
    "                   dehydration, other:TEXT (repeatable)\n"
    "  --feel F         what the pain feels like: tight, sharp, burning, dull,\n"
    "                   throbbing, electric, other:TEXT (repeatable)\n"
    "  --symptom S      stiffness, knot, twitching, radiating-buttock, radiating-leg,\n"
    "                   below-knee, numbness, cannot-straighten, sleep, other:TEXT,\n"
    "                   and the warning signs, which print what to do first:\n"
    "                   bladder-bowel, saddle-numbness, both-legs, fever (emergency),\n"
    "                   arm-hand, weakness (urgent) (repeatable)\n"
    "  --relief R       rest, walking, stretching, massage, ice, heat, medication, physio,\n"
    "                   other:TEXT (repeatable)\n"
    "  --med TEXT       medication taken, name and dose (repeatable)\n"
    "  --note TEXT      free notes\n"
    "  --ongoing        still going: the default without --ended or --for\n"
    "  --print-id       print only the new episode's id on stdout; everything else,\n"
    "                   the advice of a warning sign too, goes to stderr\n"
    "WHEN: now, today, yesterday [HH:MM], YYYY-MM-DD [HH:MM], HH:MM, 3h ago, 2d ago\n";

static const char usage_edit[] =
    "usage: unknot edit ID [--at WHEN] [--ended WHEN | --for DUR | --ongoing] [-i N]\n"
    "                   [-r REGION] [-s SIDE] [--trigger T]... [--feel F]...\n"
    "                   [--symptom S]... [--relief R]... [--med TEXT]... [--note TEXT]\n"
    "                   [--print-id]\n"
    "Change the given fields of episode ID and nothing else. A --trigger, --feel,\n"
    "--symptom, --relief or --med list replaces that list. --ongoing removes the end.\n"
    "--print-id prints only the id on stdout (the rest on stderr).\n"
    "See unknot log --help for the options.\n";

static const char usage_end[] =
    "usage: unknot end [ID] [--at WHEN] [--print-id]\n"
    "End the ongoing episode (or episode ID) now or at WHEN.\n"
    "  --print-id   print only the episode's id on stdout (the rest on stderr)\n";

static const char usage_list[] =
    "usage: unknot list [--since WHEN] [--until WHEN] [--format text|json|csv]\n"
    "List episodes newest first: id, start, duration or ongoing, intensity, where,\n"
    "triggers.\n"
    "  --format F   text (default); json, the document \"unknot-list\" with every\n"
    "               field; csv, one row per episode (man unknot: JSON output)\n";

static const char usage_show[] =
    "usage: unknot show ID [--format text|json]\n"
    "Show every field of episode ID.\n"
    "  --format F   text (default) or json, the document \"unknot-episode\"\n";

static const char usage_delete[] =
    "usage: unknot delete ID [--yes]\n"
    "Delete episode ID. Asks first; without a terminal, --yes is required.\n";

static int add_tag_opt(struct episode_opts *o, enum tag_kind kind, const char *arg,
                       const struct cli_ctx *ctx, const char *cmd)
{
    char err[UNKNOT_ERR_LEN];
    o->has_kind[kind] = 1;
    if (episode_add_tag(&o->tags, kind, arg, err, sizeof(err)) != 0) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

/* Handles one option of log/edit; returns 0, or -1 after printing why. */
static int episode_opt(struct episode_opts *o, int c, const char *arg,
                       const struct cli_ctx *ctx, const char *cmd)
{
    char err[UNKNOT_ERR_LEN] = "";
    int rc = 0;
    switch (c) {
    case OPT_AT: o->has_at = 1; rc = when_parse(arg, ctx->now, &o->at, err, sizeof(err)); break;
    case OPT_ENDED:
        o->has_ended = 1;
        rc = when_parse(arg, ctx->now, &o->ended, err, sizeof(err));
        break;
    case OPT_FOR:
        o->has_for = 1;
        rc = when_parse_duration(arg, &o->dur, err, sizeof(err));
        break;
    case 'i':
        o->has_intensity = 1;
        rc = intensity_parse(arg, &o->intensity, err, sizeof(err));
        break;
    case 'r': o->has_region = 1; rc = region_parse(arg, &o->region, err, sizeof(err)); break;
    case 's': o->has_side = 1; rc = side_parse(arg, &o->side, err, sizeof(err)); break;
    case OPT_TRIGGER: return add_tag_opt(o, TAG_TRIGGER, arg, ctx, cmd);
    case OPT_FEEL: return add_tag_opt(o, TAG_FEEL, arg, ctx, cmd);
    case OPT_SYMPTOM: return add_tag_opt(o, TAG_SYMPTOM, arg, ctx, cmd);
    case OPT_RELIEF: return add_tag_opt(o, TAG_RELIEF, arg, ctx, cmd);
    case OPT_MED: return add_tag_opt(o, TAG_MEDICATION, arg, ctx, cmd);
    case OPT_NOTE:
        o->has_note = 1;
        o->note = arg;
        if (strlen(arg) > EPISODE_NOTE_MAX) {
            snprintf(err, sizeof(err), "note too long: at most %d bytes", EPISODE_NOTE_MAX);
            rc = -1;
        }
        break;
    case OPT_ONGOING: o->ongoing = 1; break;
    case OPT_PRINT_ID: o->print_id = 1; break;
    default: return -1;
    }
    if (rc != 0)
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
    return rc;
}

/* Parses the options of log/edit. Returns CLI_OK, CLI_USAGE, or -1 when
 * --help was printed. */
static int parse_episode_opts(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                              struct episode_opts *o)
{
    memset(o, 0, sizeof(*o));
    episode_init(&o->tags);
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":i:r:s:h", episode_longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (episode_opt(o, c, optarg, ctx, argv[0]) != 0)
            return CLI_USAGE;
    }
    if (o->has_ended && o->has_for) {
        fprintf(ctx->err, "unknot %s: give either --ended or --for, not both\n", argv[0]);
        return CLI_USAGE;
    }
    if (o->ongoing && (o->has_ended || o->has_for)) {
        fprintf(ctx->err, "unknot %s: --ongoing cannot go with --ended or --for\n", argv[0]);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Applies the given options onto ep (all of them for log, the given ones
 * for edit). */
static void apply_episode_opts(const struct episode_opts *o, struct episode *ep)
{
    if (o->has_at)
        ep->started_at = o->at;
    if (o->has_intensity)
        ep->intensity = o->intensity;
    if (o->has_region)
        ep->region = o->region;
    if (o->has_side)
        ep->side = o->side;
    if (o->has_note)
        snprintf(ep->note, sizeof(ep->note), "%s", o->note);
    if (o->ongoing)
        ep->ended_at = EPISODE_ONGOING;
    if (o->has_ended)
        ep->ended_at = o->ended;
    if (o->has_for)
        ep->ended_at = ep->started_at + o->dur;
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        if (!o->has_kind[k])
            continue;
        episode_clear_tags(ep, (enum tag_kind)k);
        for (size_t i = 0; i < o->tags.ntags; i++)
            if (o->tags.tags[i].kind == (enum tag_kind)k && ep->ntags < EPISODE_MAX_TAGS)
                ep->tags[ep->ntags++] = o->tags.tags[i];
    }
}

static int validate_or_usage(struct cli_ctx *ctx, const char *cmd, const struct episode *ep)
{
    char err[UNKNOT_ERR_LEN];
    if (episode_validate(ep, ctx->now, err, sizeof(err)) != 0) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* A warning sign reaches the patient first (CONTENT.md): its verdict's
 * title on the first line, the signs, the advice, then a blank line
 * before the line that says what was saved. Nothing softens it. */
static void print_sign_advice(struct cli_ctx *ctx, const struct warnsign *w,
                              const struct episode *ep)
{
    char signs[EPISODE_TEXT_TAGS_MAX];
    episode_text_signs(ep, signs, sizeof(signs));
    cli_wrap(ctx, ctx->out, 0, 0, redflag_level_title(w->level));
    cli_wrap(ctx, ctx->out, 0, 0, signs);
    cli_wrap(ctx, ctx->out, 0, 0, redflag_level_advice(w->level));
    fputc('\n', ctx->out);
}

/* After the line that says what was saved: a nerve symptom new to ep
 * (before NULL: a new episode), or own words that may describe a warning
 * sign, prompt the checklist. */
static void print_nerve_prompt(struct cli_ctx *ctx, const struct episode *before,
                               const struct episode *ep)
{
    char prompt[WARNSIGN_PROMPT_LEN];
    if (warnsign_prompt_text(before, ep, "unknot check", prompt, sizeof prompt))
        cli_wrap(ctx, ctx->out, 0, 0, prompt);
}

/* With --print-id the id is all that goes to stdout: the context the
 * command speaks through then writes its sentences, the advice of a
 * warning sign too, to stderr, where a script's user still sees them. */
static struct cli_ctx speaking_ctx(const struct cli_ctx *ctx, int print_id)
{
    struct cli_ctx say = *ctx;
    if (print_id)
        say.out = ctx->err;
    return say;
}

static void print_id(struct cli_ctx *ctx, int wanted, int64_t id)
{
    if (wanted)
        fprintf(ctx->out, "%" PRId64 "\n", id);
}

static int cmd_log(struct cli_ctx *ctx, int argc, char **argv)
{
    struct episode_opts o;
    int rc = parse_episode_opts(ctx, argc, argv, usage_log, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (!o.has_intensity || !o.has_region) {
        fprintf(ctx->err, "unknot log: give the intensity (-i 0-10) and the region "
                          "(-r lower|mid|upper|neck)\n");
        return CLI_USAGE;
    }
    struct episode *ep = calloc(1, sizeof(*ep));
    if (!ep)
        return cli_no_memory(ctx);
    episode_init(ep);
    ep->started_at = ctx->now;
    apply_episode_opts(&o, ep);
    rc = validate_or_usage(ctx, "log", ep);
    struct cli_ctx say = speaking_ctx(ctx, o.print_id);
    const struct warnsign *sign = rc == CLI_OK ? warnsign_added(NULL, ep) : NULL;
    /* Before the save: the advice holds even if the store refuses. */
    if (sign)
        print_sign_advice(&say, sign, ep);
    if (rc == CLI_OK)
        rc = cli_store_episode(&say, ep, 1);
    if (rc == CLI_OK) {
        print_id(ctx, o.print_id, ep->id);
        print_nerve_prompt(&say, NULL, ep);
        (void)cli_episode_notes(ctx, ep); /* a note only: the episode is saved */
    }
    free(ep);
    return rc;
}

/* The change `unknot edit` makes, run by store_episode_edit inside its
 * transaction; before keeps the stored episode, so that what the edit
 * adds (a warning sign, a nerve symptom) is told once it is saved. */
struct edit_job {
    struct cli_ctx *ctx;
    const struct episode_opts *o;
    struct episode *before;
    int called, rc;
};

static int edit_apply(void *arg, struct episode *ep)
{
    struct edit_job *job = arg;
    const struct episode_opts *o = job->o;
    int had_end = ep->ended_at != EPISODE_ONGOING;
    int64_t length = had_end ? ep->ended_at - ep->started_at : 0;
    job->called = 1;
    *job->before = *ep;
    apply_episode_opts(o, ep);
    /* Moving the start keeps a known length unless a new end was given. */
    if (o->has_at && had_end && !o->has_ended && !o->has_for && !o->ongoing)
        ep->ended_at = ep->started_at + length;
    job->rc = validate_or_usage(job->ctx, "edit", ep);
    return job->rc != CLI_OK;
}

/* Reads, changes and saves in one store transaction: an edit the
 * full-screen app saves meanwhile waits for it instead of being lost. */
static int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct episode_opts o;
    char err[STORE_ERR_LEN];
    int rc = parse_episode_opts(ctx, argc, argv, usage_edit, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    int64_t id;
    if ((rc = cli_one_id(ctx, argc, argv, &id)) != CLI_OK)
        return rc;
    struct episode *ep = calloc(2, sizeof(*ep)), *before = ep ? ep + 1 : NULL;
    if (!ep)
        return cli_no_memory(ctx);
    struct store *st = cli_open_store(ctx);
    if (!st) {
        free(ep);
        return CLI_RUNTIME;
    }
    struct edit_job job = {ctx, &o, before, 0, CLI_OK};
    int src = store_episode_edit(st, id, edit_apply, &job, ep, ctx->now, err, sizeof(err));
    store_close(&st);
    const struct warnsign *sign = job.called && job.rc == CLI_OK ? warnsign_added(before, ep)
                                                                 : NULL;
    struct cli_ctx say = speaking_ctx(ctx, o.print_id);
    if (sign)
        print_sign_advice(&say, sign, ep);
    rc = CLI_RUNTIME;
    if (src == STORE_OK) {
        fprintf(say.out, "Updated episode %" PRId64 "%s.\n", ep->id,
                ep->ended_at == EPISODE_ONGOING ? " (ongoing)" : "");
        print_id(ctx, o.print_id, ep->id);
        print_nerve_prompt(&say, before, ep);
        (void)cli_episode_notes(ctx, ep); /* a note only: the edit is saved */
        rc = CLI_OK;
    } else if (src == STORE_ABORTED) {
        rc = job.rc; /* validate_or_usage said why */
    } else if (src == STORE_NOT_FOUND) {
        cli_error(ctx, "no episode %" PRId64 " (see unknot list)", id);
    } else {
        cli_error(ctx, "%s%s", err, job.called ? "; nothing was saved" : "");
    }
    free(ep);
    return rc;
}

static const struct option end_longopts[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"print-id", no_argument, NULL, OPT_PRINT_ID},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* Finds the episode that `end` acts on: ID, or the ongoing one. */
static int end_target(struct cli_ctx *ctx, struct store *st, int argc, char **argv,
                      struct episode *ep)
{
    char err[STORE_ERR_LEN];
    int64_t id = 0;
    if (optind < argc) {
        int rc = cli_one_id(ctx, argc, argv, &id);
        if (rc != CLI_OK)
            return rc;
        return cli_get_episode(ctx, st, id, ep);
    }
    int rc = store_episode_ongoing(st, ep, err, sizeof(err));
    if (rc == STORE_NOT_FOUND) {
        fprintf(ctx->err, "unknot end: no episode is ongoing\n");
        return CLI_RUNTIME;
    }
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot end: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static int end_episode(struct cli_ctx *ctx, struct store *st, struct episode *ep, int64_t at)
{
    char err[STORE_ERR_LEN], buf[WHEN_FMT_LEN], dur[32];
    if (ep->ended_at != EPISODE_ONGOING) {
        when_format(ep->ended_at, buf, sizeof(buf));
        fprintf(ctx->err, "unknot end: episode %" PRId64 " already ended at %s\n", ep->id,
                buf);
        return CLI_RUNTIME;
    }
    ep->ended_at = at;
    if (validate_or_usage(ctx, "end", ep) != CLI_OK)
        return CLI_USAGE;
    if (store_episode_end(st, ep->id, at, ctx->now, err, sizeof(err)) != STORE_OK) {
        fprintf(ctx->err, "unknot end: %s\n", err);
        return CLI_RUNTIME;
    }
    when_format_duration(at - ep->started_at, dur, sizeof(dur));
    fprintf(ctx->out, "Ended episode %" PRId64 " after %s.\n", ep->id, dur);
    return CLI_OK;
}

static int cmd_end(struct cli_ctx *ctx, int argc, char **argv)
{
    int64_t at = ctx->now;
    char err[UNKNOT_ERR_LEN];
    int c, want_id = 0;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", end_longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_end, ctx->out);
            return CLI_OK;
        }
        if (c == OPT_PRINT_ID) {
            want_id = 1;
            continue;
        }
        if (c != OPT_AT)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (when_parse(optarg, ctx->now, &at, err, sizeof(err)) != 0) {
            fprintf(ctx->err, "unknot end: %s\n", err);
            return CLI_USAGE;
        }
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct episode *ep = calloc(1, sizeof(*ep));
    int rc = ep ? end_target(ctx, st, argc, argv, ep) : cli_no_memory(ctx);
    struct cli_ctx say = speaking_ctx(ctx, want_id);
    if (rc == CLI_OK)
        rc = end_episode(&say, st, ep, at);
    if (rc == CLI_OK)
        print_id(ctx, want_id, ep->id);
    free(ep);
    store_close(&st);
    return rc;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
    int64_t since, until;
    enum listing_format fmt;
    int rc = cli_parse_listing(ctx, argc, argv, usage_list, CLI_TABLE_FORMATS, &since, &until, &fmt);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (fmt != LISTING_TEXT)
        return cli_write_listing(ctx, "list", LISTING_EPISODES, fmt, since, until,
                                 STORE_NEWEST_FIRST, ctx->out);
    return cli_list_episodes(ctx, since, until);
}

static const struct option show_longopts[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
    enum listing_format fmt = LISTING_TEXT;
    int64_t id;
    int c, rc;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", show_longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_show, ctx->out);
            return CLI_OK;
        }
        if (c != OPT_FORMAT)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        rc = cli_format_opt(ctx, "show", optarg, CLI_DOC_FORMATS, &fmt);
        if (rc != CLI_OK)
            return rc;
    }
    if ((rc = cli_one_id(ctx, argc, argv, &id)) != CLI_OK)
        return rc;
    struct episode *ep = calloc(1, sizeof(*ep));
    if (!ep)
        return cli_no_memory(ctx);
    /* One store and one snapshot for the episode and its readings. */
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    rc = st ? CLI_OK : CLI_RUNTIME;
    if (rc == CLI_OK && store_read_begin(st, err, sizeof err) != STORE_OK) {
        fprintf(ctx->err, "unknot show: %s\n", err);
        rc = CLI_RUNTIME;
    } else if (rc == CLI_OK) {
        rc = cli_get_episode(ctx, st, id, ep);
        if (rc == CLI_OK && fmt == LISTING_JSON)
            rc = cli_show_episode_json(ctx, st, ep);
        else if (rc == CLI_OK) {
            cli_print_episode(ctx, ep);
            rc = cli_print_readings(ctx, st, id);
        }
        store_read_end(st);
    }
    store_close(&st);
    free(ep);
    return rc;
}

static const struct option delete_longopts[] = {
    {"yes", no_argument, NULL, OPT_YES},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int cmd_delete(struct cli_ctx *ctx, int argc, char **argv)
{
    int yes = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":yh", delete_longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_delete, ctx->out);
            return CLI_OK;
        }
        if (c != OPT_YES && c != 'y')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        yes = 1;
    }
    int64_t id;
    int rc = cli_one_id(ctx, argc, argv, &id);
    if (rc != CLI_OK)
        return rc;
    if (!yes && !ctx->interactive) {
        fprintf(ctx->err, "unknot delete: not a terminal, so nothing was deleted; "
                          "add --yes to confirm\n");
        return CLI_USAGE;
    }
    return cli_delete_episode(ctx, id, yes);
}

/* What the values of the options and the operands are (cli_table.h). */
#define EPISODE_OPTION_ARGS                                                                 \
    {"region", CLI_ARG_REGION, 0}, {"side", CLI_ARG_SIDE, 0}, {"trigger", CLI_ARG_TRIGGER, 0}, \
        {"feel", CLI_ARG_FEEL, 0}, {"symptom", CLI_ARG_SYMPTOM, 0}, {"relief", CLI_ARG_RELIEF, 0}
static const struct cli_argspec log_args[] = {EPISODE_OPTION_ARGS, {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec edit_args[] = {EPISODE_OPTION_ARGS, {NULL, CLI_ARG_EPISODE, 0},
                                               {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec id_args[] = {{NULL, CLI_ARG_EPISODE, 0}, {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec show_args[] = {
    {"format", CLI_ARG_FORMAT, CLI_DOC_FORMATS}, {NULL, CLI_ARG_EPISODE, 0}, {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec table_args[] = {{"format", CLI_ARG_FORMAT, CLI_TABLE_FORMATS},
                                                {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec flags_args[] = {{"format", CLI_ARG_FORMAT, CLI_DOC_FORMATS},
                                                {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec timer_args[] = {{"routine", CLI_ARG_ROUTINE, 0},
                                                {"hold", CLI_ARG_HOLD, 0},
                                                {NULL, CLI_ARG_TIMER, 0},
                                                {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec routines_args[] = {{"check", CLI_ARG_FILE, 0},
                                                   {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec report_args[] = {{"format", CLI_ARG_REPORT_FORMAT, 0},
                                                 {"output", CLI_ARG_FILE, 0},
                                                 {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec export_args[] = {
    {"format", CLI_ARG_FORMAT, LISTING_BIT(LISTING_CSV) | LISTING_BIT(LISTING_JSON)},
    {"table", CLI_ARG_TABLE, 0},
    {"output", CLI_ARG_FILE, 0},
    {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec file_args[] = {{NULL, CLI_ARG_FILE, 0}, {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec config_args[] = {{"unset", CLI_ARG_SETTING, 0},
                                                 {NULL, CLI_ARG_SETTING, 0},
                                                 {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec pain_args[] = {{"episode", CLI_ARG_EPISODE, 0},
                                               {"list", CLI_ARG_EPISODE, 0},
                                               {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec did_args[] = {{NULL, CLI_ARG_TREATMENT, 0},
                                              {NULL, CLI_ARG_FREE, 0}};
static const struct cli_argspec completions_args[] = {{NULL, CLI_ARG_SHELL, 0},
                                                      {NULL, CLI_ARG_FREE, 0}};

static const struct cli_command commands[] = {
    {"log", cmd_log, "log a spasm episode", 0, episode_longopts, log_args, 0},
    {"end", cmd_end, "end the ongoing episode (or ID)", 0, end_longopts, id_args, 0},
    {"list", cmd_list, "list episodes, newest first", 1, cli_listing_options, table_args, 0},
    {"show", cmd_show, "show every field of an episode", 1, show_longopts, show_args, 0},
    {"edit", cmd_edit, "change fields of an episode", 0, episode_longopts, edit_args, 0},
    {"delete", cmd_delete, "delete an episode", 0, delete_longopts, id_args, 0},
    {"pain", cli_cmd_pain, "add a pain reading to an episode; list or delete them", 0,
     cli_pain_options, pain_args, 0},
    {"took", cli_cmd_took, "record a medication taken", 0, cli_took_options, NULL, 0},
    {"did", cli_cmd_did, "record ice, heat, a stretch... done without the timer", 0,
     cli_did_options, did_args, 0},
    {"flags", cli_cmd_flags, "flags computed from the history", 1, cli_flags_options,
     flags_args, 0},
    /* status says nothing, rather than an error, without a database */
    {"status", cli_cmd_status, "one line for a shell prompt or tmux status bar", 0,
     cli_status_options, NULL, 0},
    {"check", cli_cmd_check, "answer the red-flag checklist", 0, cli_check_options, NULL, 0},
    {"checks", cli_cmd_checks, "list past red-flag checks", 1, cli_listing_options, table_args,
     0},
    {"checkin", cli_cmd_checkin, "how today went: pain, activities, sleep (one a day)", 0,
     cli_checkin_options, NULL, 0},
    {"weekly", cli_cmd_weekly, "rate the past 7 days: pain and how it gets in the way", 0,
     cli_weekly_options, NULL, 0},
    {"question", cli_cmd_question, "a question for the next visit; list or --clear them", 0,
     cli_question_options, NULL, 0},
    {"timer", cli_cmd_timer, "guided stretch, ice or heat timer", 0, cli_timer_options,
     timer_args, 0},
    {"sessions", cli_cmd_sessions, "list stretch, ice and heat sessions", 1,
     cli_listing_options, table_args, 0},
    {"routines", cli_cmd_routines, "list the stretch routines, or --check a routine file", 1,
     cli_routines_options, routines_args, 0},
    {"report", cli_cmd_report, "the appointment report (text, markdown, csv, json)", 1,
     cli_report_options, report_args, 0},
    {"export", cli_cmd_export, "every episode, session and check as CSV or JSON", 1,
     cli_export_options, export_args, 0},
    {"import", cli_cmd_import, "read an export back in (one transaction)", 0, cli_help_options,
     file_args, 0},
    {"backup", cli_cmd_backup, "consistent copy of the database", 1, cli_backup_options,
     file_args, 0},
    {"config", cli_cmd_config, "print the settings, or set one", 1, cli_config_options,
     config_args, 0},
    {"remind", cli_cmd_remind, "run the reminders that are due (for cron or a timer)", 1,
     cli_remind_options, NULL, 0},
    {"completions", cli_cmd_completions, "print the completion script of a shell", 1,
     cli_help_options, completions_args, 1},
};

const struct cli_command *cli_commands(size_t *n)
{
    *n = COUNT(commands);
    return commands;
}

const struct cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < COUNT(commands); i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

int cli_is_command(const char *name)
{
    return cli_command_find(name) != NULL;
}

void cli_usage(FILE *f)
{
    fputs("usage: unknot [--db PATH] [COMMAND [ARGS]]\n"
          "A self-care companion for back spasms. Without a command it opens the\n"
          "full-screen app.\n\ncommands:\n",
          f);
    for (size_t i = 0; i < COUNT(commands); i++)
        if (!commands[i].hidden)
            fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\noptions:\n"
          "  --db PATH    database file (default $UNKNOT_DB, else\n"
          "               $XDG_DATA_HOME/unknot/unknot.db)\n"
          "  --help       this help; COMMAND --help for a command's options\n"
          "  --version    print the version\n"
          "\n" FLAGS_NOT_MEDICAL_ADVICE "\n",
          f);
}

int cli_run(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct cli_command *cmd = cli_command_find(argv[0]);
    if (cmd) {
        ctx->read_only = cmd->read_only;
        ctx->cmd = cmd->name;
        return cmd->run(ctx, argc, argv);
    }
    struct suggest sg;
    suggest_init(&sg, argv[0]);
    for (size_t i = 0; i < COUNT(commands); i++)
        if (!commands[i].hidden)
            suggest_add(&sg, commands[i].name);
    if (suggest_result(&sg))
        fprintf(ctx->err, "unknot: unknown command \"%s\"; did you mean \"%s\"?\n", argv[0],
                suggest_result(&sg));
    else
        fprintf(ctx->err, "unknot: unknown command \"%s\"; see unknot --help\n", argv[0]);
    return CLI_USAGE;
}
