/* The episode side of the sub-commands: reading, saving, listing and
 * printing episodes through the store. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/when.h"

int cli_get_episode(struct cli_ctx *ctx, struct store *st, int64_t id, struct episode *ep)
{
    char err[STORE_ERR_LEN];
    int rc = store_episode_get(st, id, ep, err, sizeof(err));
    if (rc == STORE_NOT_FOUND) {
        fprintf(ctx->err, "unknot: no episode %" PRId64 " (see unknot list)\n", id);
        return CLI_RUNTIME;
    }
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

int cli_load_episode(struct cli_ctx *ctx, int64_t id, struct episode *ep)
{
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = cli_get_episode(ctx, st, id, ep);
    store_close(&st);
    return rc;
}

int cli_store_episode(struct cli_ctx *ctx, struct episode *ep, int is_new)
{
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = is_new ? store_episode_add(st, ep, ctx->now, err, sizeof(err))
                    : store_episode_update(st, ep, ctx->now, err, sizeof(err));
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot: %s; nothing was saved\n", err);
        store_close(&st);
        return CLI_RUNTIME;
    }
    fprintf(ctx->out, "%s episode %" PRId64 "%s.\n", is_new ? "Logged" : "Updated", ep->id,
            ep->ended_at == EPISODE_ONGOING ? " (ongoing)" : "");
    struct episode *other = is_new ? calloc(1, sizeof(*other)) : NULL;
    if (other && store_episode_ongoing(st, other, err, sizeof(err)) == STORE_OK &&
        other->id != ep->id)
        fprintf(ctx->err, "note: episode %" PRId64 " is still ongoing; end it with "
                          "unknot end %" PRId64 "\n", other->id, other->id);
    free(other);
    store_close(&st);
    return CLI_OK;
}

/* Joins the labels of one kind of tag with ", " into buf; "-" when none. */
static void join_tags(const struct episode *ep, enum tag_kind kind, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ep->ntags && used < len; i++) {
        if (ep->tags[i].kind != kind)
            continue;
        int w = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
                         tag_label(&ep->tags[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (used == 0)
        snprintf(buf, len, "-");
}

static void format_where(const struct episode *ep, char *buf, size_t len)
{
    if (ep->side == SIDE_UNSET)
        snprintf(buf, len, "%s", region_label(ep->region));
    else
        snprintf(buf, len, "%s, %s", region_label(ep->region), side_code(ep->side));
}

static void print_list_line(struct cli_ctx *ctx, const struct episode *ep)
{
    char start[WHEN_FMT_LEN], dur[32], where[64], triggers[1024], level[24];
    when_format(ep->started_at, start, sizeof(start));
    if (ep->ended_at == EPISODE_ONGOING)
        snprintf(dur, sizeof(dur), "ongoing");
    else
        when_format_duration(ep->ended_at - ep->started_at, dur, sizeof(dur));
    snprintf(level, sizeof(level), "%2d %s", ep->intensity,
             band_label(intensity_band(ep->intensity)));
    format_where(ep, where, sizeof(where));
    join_tags(ep, TAG_TRIGGER, triggers, sizeof(triggers));
    fprintf(ctx->out, "%5" PRId64 "  %-16s  %-8s  %-11s  %-18s  %s\n", ep->id, start, dur,
            level, where, triggers);
}

int cli_list_episodes(struct cli_ctx *ctx, int64_t since, int64_t until)
{
    char err[STORE_ERR_LEN] = "out of memory";
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct store_iter *it = NULL;
    struct episode *ep = calloc(1, sizeof(*ep));
    int rc = ep ? store_episodes_iter(st, since, until, STORE_NEWEST_FIRST, STORE_ITER_TAGS,
                                      &it, err, sizeof(err))
                : STORE_ERROR;
    long rows = 0;
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, sizeof(err))) == STORE_OK) {
        if (rows++ == 0)
            fprintf(ctx->out, "%5s  %-16s  %-8s  %-11s  %-18s  %s\n", "ID", "START",
                    "DURATION", "INTENSITY", "WHERE", "TRIGGERS");
        print_list_line(ctx, ep);
    }
    store_iter_free(&it);
    store_close(&st);
    free(ep);
    if (rc < 0) {
        fprintf(ctx->err, "unknot list: %s\n", err);
        return CLI_RUNTIME;
    }
    if (rows == 0)
        fprintf(ctx->out, "No episodes.\n");
    return CLI_OK;
}

/* Prints the notes indented under their label, one line at a time. */
static void print_notes(struct cli_ctx *ctx, const char *note)
{
    if (note[0] == '\0') {
        fprintf(ctx->out, "  Notes:       -\n");
        return;
    }
    const char *label = "  Notes:       ";
    while (*note) {
        size_t n = strcspn(note, "\n");
        fprintf(ctx->out, "%s%.*s\n", label, (int)n, note);
        label = "               ";
        note += n + (note[n] == '\n');
    }
}

void cli_print_episode(struct cli_ctx *ctx, const struct episode *ep)
{
    static const char *const kind_titles[TAG_KIND_COUNT] = {"Triggers:", "Symptoms:",
                                                            "Relief:", "Medication:"};
    char buf[WHEN_FMT_LEN], dur[32], list[2048];
    fprintf(ctx->out, "Episode %" PRId64 "\n", ep->id);
    when_format(ep->started_at, buf, sizeof(buf));
    fprintf(ctx->out, "  Started:     %s\n", buf);
    if (ep->ended_at == EPISODE_ONGOING) {
        when_format_duration(ctx->now - ep->started_at, dur, sizeof(dur));
        fprintf(ctx->out, "  Ended:       ongoing (%s so far)\n", dur);
    } else {
        when_format(ep->ended_at, buf, sizeof(buf));
        when_format_duration(ep->ended_at - ep->started_at, dur, sizeof(dur));
        fprintf(ctx->out, "  Ended:       %s (lasted %s)\n", buf, dur);
    }
    fprintf(ctx->out, "  Intensity:   %d (%s)\n", ep->intensity,
            band_label(intensity_band(ep->intensity)));
    fprintf(ctx->out, "  Region:      %s\n", region_label(ep->region));
    fprintf(ctx->out, "  Side:        %s\n", ep->side == SIDE_UNSET ? "-" : side_code(ep->side));
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        join_tags(ep, (enum tag_kind)k, list, sizeof(list));
        fprintf(ctx->out, "  %-12s %s\n", kind_titles[k], list);
    }
    print_notes(ctx, ep->note);
    when_format(ep->created_at, buf, sizeof(buf));
    fprintf(ctx->out, "  Logged:      %s\n", buf);
    if (ep->updated_at != ep->created_at) {
        when_format(ep->updated_at, buf, sizeof(buf));
        fprintf(ctx->out, "  Updated:     %s\n", buf);
    }
}

int cli_delete_episode(struct cli_ctx *ctx, int64_t id, int yes)
{
    char err[STORE_ERR_LEN], start[WHEN_FMT_LEN], question[160];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct episode *ep = calloc(1, sizeof(*ep));
    int rc = ep ? cli_get_episode(ctx, st, id, ep) : cli_no_memory(ctx);
    if (rc == CLI_OK && !yes) {
        when_format(ep->started_at, start, sizeof(start));
        snprintf(question, sizeof(question), "Delete episode %" PRId64 " (%s, %s, %d)?", id,
                 start, region_label(ep->region), ep->intensity);
        if (!cli_ask_yes(ctx, question)) {
            fprintf(ctx->out, "Nothing deleted.\n");
            goto out;
        }
    }
    if (rc == CLI_OK && store_episode_delete(st, id, err, sizeof(err)) != STORE_OK) {
        fprintf(ctx->err, "unknot delete: %s\n", err);
        rc = CLI_RUNTIME;
    }
    if (rc == CLI_OK)
        fprintf(ctx->out, "Deleted episode %" PRId64 ".\n", id);
out:
    free(ep);
    store_close(&st);
    return rc;
}
