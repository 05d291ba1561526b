/* SPDX-License-Identifier: BSD-2-Clause */
/* The episode side of the sub-commands: reading, saving, listing and
 * printing episodes through the store. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/app/cli_common.h"
#include "src/episode_text.h"
#include "src/text.h"
#include "src/util.h"
#include "src/when.h"

int cli_get_episode(struct cli_ctx *ctx, struct store *st, int64_t id, struct episode *ep)
{
    char err[STORE_ERR_LEN];
    int rc = store_episode_get(st, id, ep, err, sizeof(err));
    if (rc == STORE_NOT_FOUND) {
        cli_error(ctx, "no episode %" PRId64 " (see unknot list)", id);
        return CLI_RUNTIME;
    }
    if (rc != STORE_OK) {
        cli_error(ctx, "%s", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
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
        cli_error(ctx, "%s; nothing was saved", err);
        store_close(&st);
        return CLI_RUNTIME;
    }
    fprintf(ctx->out, "%s episode %" PRId64 "%s.\n", is_new ? "Logged" : "Updated", ep->id,
            ep->ended_at == EPISODE_ONGOING ? " (ongoing)" : "");
    store_close(&st);
    return CLI_OK;
}

/* A few notes, then how many more: a patient with many forgotten
 * episodes gets a count and where to see them, not a screenful. */
#define NOTES_MAX 3

struct notes {
    struct cli_ctx *ctx;
    size_t n;
};

static void print_other(const struct episode *other, unsigned why, void *arg)
{
    struct notes *nt = arg;
    char brief[EPISODE_TEXT_BRIEF_MAX];
    if (nt->n++ >= NOTES_MAX)
        return;
    episode_text_brief(other, brief, sizeof(brief));
    char line[EPISODE_TEXT_BRIEF_MAX + 128];
    if (why & HISTORY_OTHER_ONGOING)
        snprintf(line, sizeof line,
                 "Note: %s is still ongoing%s; end it with: unknot end %" PRId64 " --at WHEN",
                 brief, why & HISTORY_OTHER_OVERLAPS ? " and overlaps this one" : "", other->id);
    else
        snprintf(line, sizeof line, "Note: this episode overlaps %s.", brief);
    cli_wrap(nt->ctx, nt->ctx->err, 6, 1, line);
}

int cli_episode_notes(struct cli_ctx *ctx, const struct episode *ep)
{
    char err[STORE_ERR_LEN];
    struct notes nt = {ctx, 0};
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = history_episode_others(st, ep, print_other, &nt, err, sizeof(err));
    store_close(&st);
    if (nt.n > NOTES_MAX) {
        char line[128];
        snprintf(line, sizeof line,
                 "Note: and %zu more ongoing or overlapping episodes (unknot list).",
                 nt.n - NOTES_MAX);
        cli_wrap(ctx, ctx->err, 6, 1, line);
    }
    if (rc != STORE_OK) {
        cli_error(ctx, "could not look for other ongoing episodes: %s", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* The list's columns (those of episode_text) and how they give way on a
 * narrow terminal: the triggers first (the rest of the line, kept while 8
 * columns are left), then WHERE shortens, INTENSITY keeps its number, and
 * last WHERE and DURATION go. ID and START always stay. */
static void list_fit(struct cli_cols *t, const struct cli_ctx *ctx, struct cli_col *cols)
{
    static const struct cli_fit_step steps[] = {
        {EPISODE_COL_TRIGGERS, 0}, {EPISODE_COL_WHERE, 10}, {EPISODE_COL_INTENSITY, 2},
        {EPISODE_COL_WHERE, 0},    {EPISODE_COL_DURATION, 0},
    };
    for (int c = 0; c < EPISODE_COL_COUNT; c++) {
        const struct episode_column *col = episode_text_column((enum episode_col)c);
        cols[c] = (struct cli_col){col->head, col->width, col->right, 8};
    }
    cli_cols_fit(t, ctx, cols, EPISODE_COL_COUNT, steps, COUNT(steps));
}

static void print_list_line(struct cli_ctx *ctx, const struct cli_cols *t,
                            const struct episode *ep)
{
    char id[24], start[WHEN_FMT_LEN], dur[EPISODE_TEXT_DUR_MAX], level[EPISODE_TEXT_LEVEL_MAX];
    char where[EPISODE_TEXT_WHERE_MAX], triggers[EPISODE_TEXT_TAGS_MAX];
    snprintf(id, sizeof(id), "%" PRId64, ep->id);
    when_format(ep->started_at, start, sizeof(start));
    episode_text_duration(ep->started_at, ep->ended_at, dur, sizeof(dur));
    episode_text_level(ep->intensity, level, sizeof(level));
    episode_text_where(ep->region, ep->side, where, sizeof(where));
    episode_text_tags(ep, TAG_TRIGGER, triggers, sizeof(triggers));
    const char *const cells[EPISODE_COL_COUNT] = {id, start, dur, level, where, triggers};
    cli_cols_row(ctx->out, t, cells);
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
    struct cli_col cols[EPISODE_COL_COUNT];
    struct cli_cols t;
    list_fit(&t, ctx, cols);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, sizeof(err))) == STORE_OK) {
        if (rows++ == 0)
            cli_cols_head(ctx->out, &t);
        print_list_line(ctx, &t, ep);
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

/* One field of `unknot show`: two blanks, the label in 12 columns, a
 * blank, the value wrapped under itself (a long note, many tags). */
#define SHOW_VALUE_X 15
static void print_line(const struct episode_line *line, void *arg)
{
    struct cli_ctx *ctx = arg;
    char *text = strndup(line->text, line->len);
    fprintf(ctx->out, "  %-12s ", line->label);
    if (text)
        cli_wrap(ctx, ctx->out, SHOW_VALUE_X, 1, text);
    else
        fputc('\n', ctx->out);
    free(text);
}

void cli_print_episode(struct cli_ctx *ctx, const struct episode *ep)
{
    fprintf(ctx->out, "Episode %" PRId64 "\n", ep->id);
    episode_text_lines(ep, ctx->now, print_line, ctx);
}

int cli_delete_episode(struct cli_ctx *ctx, int64_t id, int yes)
{
    char err[STORE_ERR_LEN], question[EPISODE_TEXT_QUESTION_MAX];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct episode *ep = calloc(1, sizeof(*ep));
    int rc = ep ? cli_get_episode(ctx, st, id, ep) : cli_no_memory(ctx);
    if (rc == CLI_OK && !yes) {
        episode_text_delete_question(id, ep->started_at, ep->region, ep->intensity, question,
                                     sizeof(question));
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
