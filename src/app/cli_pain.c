/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_pain: `unknot pain`, timed pain readings of an episode (issue 13),
 * and the list of readings under `unknot show`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/history.h"
#include "src/reading.h"
#include "src/when.h"

static const char usage_pain[] =
    "usage: unknot pain N [--at WHEN] [--episode ID] [--print-id]\n"
    "       unknot pain --list ID\n"
    "       unknot pain --edit READING_ID N [--at WHEN]\n"
    "       unknot pain --delete READING_ID\n"
    "Add a pain reading, 0 (none) to 10 (worst), to the ongoing episode, or list,\n"
    "change or delete the readings of an episode. The first reading is the intensity\n"
    "given when the episode was logged: change it with unknot edit ID -i N.\n"
    "  --at WHEN        when (default now)\n"
    "  --episode ID     the episode (needed when none or several are ongoing)\n"
    "  --print-id       print only the new reading's ID\n"
    "  --list ID        the readings of episode ID, oldest first\n"
    "  --edit ID        change reading ID to N (and with --at, its time)\n"
    "  --delete ID      delete reading ID (see --list)\n";

enum { OPT_AT = 1000, OPT_EPISODE, OPT_PRINT_ID, OPT_LIST, OPT_EDIT, OPT_DELETE, OPT_HELP };

const struct option cli_pain_options[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"episode", required_argument, NULL, OPT_EPISODE},
    {"print-id", no_argument, NULL, OPT_PRINT_ID},
    {"list", required_argument, NULL, OPT_LIST},
    {"edit", required_argument, NULL, OPT_EDIT},
    {"delete", required_argument, NULL, OPT_DELETE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

struct pain_opts {
    int64_t at, episode, list, edit, del;
    int print_id, pain, at_given;
};

static int id_option(struct cli_ctx *ctx, const char *what, int64_t *out)
{
    if (cli_parse_id(optarg, out) == 0)
        return CLI_OK;
    fprintf(ctx->err, "unknot pain: invalid %s \"%s\": use the number shown by unknot %s\n",
            what, optarg, strcmp(what, "reading ID") == 0 ? "pain --list ID" : "list");
    return CLI_USAGE;
}

static int pain_option(struct cli_ctx *ctx, int c, struct pain_opts *o, char *err, size_t errlen)
{
    switch (c) {
    case OPT_AT:
        if (when_parse(optarg, ctx->now, &o->at, err, errlen) == 0) {
            o->at_given = 1;
            return CLI_OK;
        }
        fprintf(ctx->err, "unknot pain: %s\n", err);
        return CLI_USAGE;
    case OPT_EPISODE: return id_option(ctx, "episode ID", &o->episode);
    case OPT_LIST: return id_option(ctx, "episode ID", &o->list);
    case OPT_EDIT: return id_option(ctx, "reading ID", &o->edit);
    case OPT_DELETE: return id_option(ctx, "reading ID", &o->del);
    case OPT_PRINT_ID: o->print_id = 1; return CLI_OK;
    default: return -1;
    }
}

/* Parses options and the pain value (none with --list and --delete).
 * -1 after --help. */
static int pain_parse(struct cli_ctx *ctx, int argc, char **argv, struct pain_opts *o)
{
    char err[UNKNOT_ERR_LEN];
    int c;
    memset(o, 0, sizeof *o);
    o->at = ctx->now;
    o->pain = -1;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_pain_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_pain, ctx->out);
            return -1;
        }
        int rc = pain_option(ctx, c, o, err, sizeof err);
        if (rc < 0)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (rc != CLI_OK)
            return rc;
    }
    if (o->list || o->del)
        return optind < argc ? cli_extra_args(ctx, "pain", argv[optind]) : CLI_OK;
    if (optind >= argc) {
        fprintf(ctx->err, "unknot pain: give the pain now, 0 (none) to 10 (worst)\n");
        return CLI_USAGE;
    }
    if (intensity_parse(argv[optind], &o->pain, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot pain: %s\n", err);
        return CLI_USAGE;
    }
    return optind + 1 < argc ? cli_extra_args(ctx, "pain", argv[optind + 1]) : CLI_OK;
}

/* "12, 15" (and ", ..." when there are more than listed). */
static void ids_words(const int64_t *ids, size_t n, size_t total, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(buf + strlen(buf), len - strlen(buf), "%s%" PRId64, i ? ", " : "", ids[i]);
    if (total > n)
        snprintf(buf + strlen(buf), len - strlen(buf), ", ...");
}

/* On a terminal: which of the ongoing episodes; 0 when the answer is none
 * of them. */
static int64_t ask_which(struct cli_ctx *ctx, const int64_t *ids, size_t n, const char *list)
{
    char *line = NULL;
    size_t cap = 0;
    int64_t id = 0;
    fprintf(ctx->out, "%zu episodes are ongoing (%s): which one? ", n, list);
    fflush(ctx->out);
    if (getline(&line, &cap, ctx->in) > 0) {
        line[strcspn(line, " \t\r\n")] = '\0';
        if (cli_parse_id(line, &id) != 0)
            id = 0;
    }
    free(line);
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return id;
    return 0;
}

/* The episode a reading without --episode goes to. */
static int pick_ongoing(struct cli_ctx *ctx, struct store *st, int64_t *id)
{
    char err[STORE_ERR_LEN], list[HISTORY_ONGOING_MAX * 24];
    int64_t ids[HISTORY_ONGOING_MAX];
    size_t n, total;
    if (history_ongoing(st, ids, HISTORY_ONGOING_MAX, &n, &total, err, sizeof err) != STORE_OK) {
        fprintf(ctx->err, "unknot pain: %s\n", err);
        return CLI_RUNTIME;
    }
    if (total == 0) {
        fprintf(ctx->err, "unknot pain: no episode is ongoing; give --episode ID\n");
        return CLI_USAGE;
    }
    *id = ids[0];
    if (total == 1)
        return CLI_OK;
    ids_words(ids, n, total, list, sizeof list);
    if (ctx->interactive && total == n && (*id = ask_which(ctx, ids, n, list)) != 0)
        return CLI_OK;
    fprintf(ctx->err, "unknot pain: %zu episodes are ongoing (%s): give --episode ID\n", total,
            list);
    return CLI_USAGE;
}

static int pain_add(struct cli_ctx *ctx, struct store *st, const struct pain_opts *o)
{
    char err[STORE_ERR_LEN], when[WHEN_FMT_LEN];
    struct reading r = {.episode_id = o->episode, .taken_at = o->at, .pain = o->pain,
                        .source = READING_CLI};
    int rc = r.episode_id ? CLI_OK : pick_ongoing(ctx, st, &r.episode_id);
    if (rc != CLI_OK)
        return rc;
    rc = history_add_reading(st, &r, ctx->now, err, sizeof err);
    if (rc != STORE_OK) {
        if (rc == STORE_NOT_FOUND)
            fprintf(ctx->err, "unknot pain: no episode %" PRId64 " (see unknot list)\n",
                    r.episode_id);
        else
            fprintf(ctx->err, "unknot pain: %s; nothing was saved\n", err);
        return rc == STORE_ABORTED ? CLI_USAGE : CLI_RUNTIME;
    }
    if (o->print_id) {
        fprintf(ctx->out, "%" PRId64 "\n", r.id);
        return CLI_OK;
    }
    when_format(r.taken_at, when, sizeof when);
    cli_say(ctx, "Added pain %d/10 (%s) at %s to episode %" PRId64 " (reading %" PRId64 ").",
            r.pain, band_label(intensity_band(r.pain)), when, r.episode_id, r.id);
    return CLI_OK;
}

/* The readings' columns; on a narrow terminal the source is cut, then goes. */
static const struct cli_col reading_cols[] = {
    {"ID", 5, 1, 0}, {"TAKEN", 16, 0, 0}, {" PAIN", 14, 0, 0}, {"SOURCE", 0, 0, 8}};
static const struct cli_fit_step reading_steps[] = {{3, 0}};

static void reading_line(FILE *f, const struct cli_cols *t, const struct reading *r)
{
    char id[24], when[WHEN_FMT_LEN], pain[32];
    snprintf(id, sizeof id, "%" PRId64, r->id);
    when_format(r->taken_at, when, sizeof when);
    snprintf(pain, sizeof pain, "%2d/10 %s", r->pain, band_label(intensity_band(r->pain)));
    const char *const cells[] = {id, when, pain, reading_source_label(r->source)};
    cli_cols_row(f, t, cells);
}

/* Prints the readings of episode id under a heading (NULL: the columns'
 * heads); 0, or -1 with err. */
static int readings_print(struct cli_ctx *ctx, struct store *st, int64_t id, const char *heading,
                          char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct reading r;
    struct cli_cols t;
    cli_cols_fit(&t, ctx, reading_cols, (int)COUNT(reading_cols), reading_steps,
                 COUNT(reading_steps));
    int rc = store_readings_iter(st, id, &it, err, errlen);
    if (rc == STORE_OK && heading)
        fputs(heading, ctx->out);
    else if (rc == STORE_OK)
        cli_cols_head(ctx->out, &t);
    while (rc == STORE_OK && (rc = store_iter_next(it, &r, err, errlen)) == STORE_OK)
        reading_line(ctx->out, &t, &r);
    store_iter_free(&it);
    return rc == STORE_END ? 0 : -1;
}

static int pain_list(struct cli_ctx *ctx, struct store *st, int64_t id)
{
    char err[STORE_ERR_LEN];
    static struct episode ep;
    int rc = cli_get_episode(ctx, st, id, &ep);
    if (rc != CLI_OK)
        return rc;
    if (readings_print(ctx, st, id, NULL, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot pain: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static int pain_edit(struct cli_ctx *ctx, struct store *st, const struct pain_opts *o)
{
    char err[STORE_ERR_LEN], when[WHEN_FMT_LEN];
    struct reading r;
    int rc = history_edit_reading(st, o->edit, o->pain, o->at_given ? &o->at : NULL, ctx->now,
                                  err, sizeof err);
    if (rc == STORE_OK)
        rc = store_reading_get(st, o->edit, &r, err, sizeof err);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot pain: %s; nothing was changed\n", err);
        return rc == STORE_ABORTED || rc == STORE_NOT_FOUND ? CLI_USAGE : CLI_RUNTIME;
    }
    when_format(r.taken_at, when, sizeof when);
    fprintf(ctx->out, "Changed pain reading %" PRId64 " to %d/10 (%s) at %s (episode %" PRId64
                      ").\n",
            r.id, r.pain, band_label(intensity_band(r.pain)), when, r.episode_id);
    return CLI_OK;
}

static int pain_delete(struct cli_ctx *ctx, struct store *st, int64_t id)
{
    char err[STORE_ERR_LEN];
    int rc = store_reading_delete(st, id, err, sizeof err);
    if (rc == STORE_OK) {
        fprintf(ctx->out, "Deleted pain reading %" PRId64 ".\n", id);
        return CLI_OK;
    }
    fprintf(ctx->err, "unknot pain: %s%s\n", err,
            rc == STORE_ABORTED ? "; nothing was deleted" : "");
    return rc == STORE_ABORTED ? CLI_USAGE : CLI_RUNTIME;
}

int cli_cmd_pain(struct cli_ctx *ctx, int argc, char **argv)
{
    struct pain_opts o;
    int rc = pain_parse(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (!!o.list + !!o.edit + !!o.del > 1) {
        fprintf(ctx->err, "unknot pain: give one of --list, --edit and --delete\n");
        return CLI_USAGE;
    }
    if (o.edit && (o.episode || o.print_id)) {
        fprintf(ctx->err, "unknot pain: --edit takes only N and --at\n");
        return CLI_USAGE;
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    rc = o.list   ? pain_list(ctx, st, o.list)
         : o.edit ? pain_edit(ctx, st, &o)
         : o.del  ? pain_delete(ctx, st, o.del)
                  : pain_add(ctx, st, &o);
    store_close(&st);
    return rc;
}

int cli_print_readings(struct cli_ctx *ctx, struct store *st, int64_t episode_id)
{
    char err[STORE_ERR_LEN];
    if (readings_print(ctx, st, episode_id, "  Pain readings:\n", err, sizeof err) == 0)
        return CLI_OK;
    fprintf(ctx->err, "unknot show: %s\n", err);
    return CLI_RUNTIME;
}
