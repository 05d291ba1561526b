/* SPDX-License-Identifier: BSD-2-Clause */
/* The machine-readable side of the listing commands: `list`, `sessions`
 * and `checks` as JSON or CSV, `show` as JSON, `export --table` (the
 * documents are in src/listing.h). */
#include <stdlib.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/listing.h"

/* The row that the iterator of a listing fills: one of these. */
union listing_row {
    struct episode ep;
    struct session ses;
    struct check chk;
};

/* The readings of issue 13 join here: a case in open_rows and next_row
 * for LISTING_READINGS (src/listing.h). */
static int open_rows(struct store *st, enum listing_table t, int64_t since, int64_t until,
                     enum store_order order, struct store_iter **it, char *err, size_t errlen)
{
    switch (t) {
    case LISTING_EPISODES:
        return store_episodes_iter(st, since, until, order, STORE_ITER_TAGS, it, err, errlen);
    case LISTING_SESSIONS: return store_sessions_iter(st, since, until, order, it, err, errlen);
    case LISTING_CHECKS: return store_checks_iter(st, since, until, order, it, err, errlen);
    default: snprintf(err, errlen, "no such table"); return STORE_ERROR;
    }
}

/* Reads the next row of table t and writes it; a store status. */
static int next_row(struct store_iter *it, struct listing *l, union listing_row *row, char *err,
                    size_t errlen)
{
    int rc;
    switch (l->table) {
    case LISTING_EPISODES:
        rc = store_iter_next(it, &row->ep, err, errlen);
        return rc == STORE_OK && listing_episode(l, &row->ep) != 0 ? STORE_ERROR : rc;
    case LISTING_SESSIONS:
        rc = store_iter_next(it, &row->ses, err, errlen);
        return rc == STORE_OK && listing_session(l, &row->ses) != 0 ? STORE_ERROR : rc;
    default:
        rc = store_iter_next(it, &row->chk, err, errlen);
        return rc == STORE_OK && listing_check(l, &row->chk) != 0 ? STORE_ERROR : rc;
    }
}

int cli_write_listing(struct cli_ctx *ctx, const char *cmd, enum listing_table t,
                      enum listing_format fmt, int64_t since, int64_t until, int order, FILE *f)
{
    char err[STORE_ERR_LEN] = "cannot write the output";
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    union listing_row *row = malloc(sizeof *row);
    struct store_iter *it = NULL;
    struct listing l;
    int rc = row ? open_rows(st, t, since, until, (enum store_order)order, &it, err, sizeof err)
                 : STORE_ERROR;
    if (!row)
        snprintf(err, sizeof err, "out of memory");
    if (rc == STORE_OK) {
        listing_begin(&l, f, fmt, t);
        while ((rc = next_row(it, &l, row, err, sizeof err)) == STORE_OK)
            ;
        if (listing_end(&l) != 0 && rc == STORE_END)
            rc = STORE_ERROR;
    }
    store_iter_free(&it);
    store_close(&st);
    free(row);
    if (rc != STORE_END) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

int cli_show_episode_json(struct cli_ctx *ctx, struct store *st, const struct episode *ep)
{
    struct listing l;
    struct store_iter *it = NULL;
    struct reading r;
    char err[STORE_ERR_LEN];
    listing_begin_one(&l, ctx->out, LISTING_EPISODES);
    (void)listing_episode(&l, ep);
    int rc = store_readings_iter(st, ep->id, &it, err, sizeof err);
    while (rc == STORE_OK && (rc = store_iter_next(it, &r, err, sizeof err)) == STORE_OK)
        (void)listing_one_reading(&l, &r);
    store_iter_free(&it);
    if (rc != STORE_END) { /* no document that looks whole but lacks readings */
        fprintf(ctx->err, "unknot show: %s\n", err);
        return CLI_RUNTIME;
    }
    if (listing_end(&l) != 0) {
        fprintf(ctx->err, "unknot show: cannot write the output\n");
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

int cli_export_table_check(struct cli_ctx *ctx, const char *word, int csv)
{
    char err[UNKNOT_ERR_LEN];
    enum listing_table t;
    if (listing_table_parse(word, &t, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot export: %s\n", err);
        return CLI_USAGE;
    }
    if (!csv) {
        fprintf(ctx->err, "unknot export: --table writes one CSV table; the JSON export "
                          "holds every table already\n");
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_export_table_write(struct cli_ctx *ctx, const char *word, FILE *f)
{
    char err[UNKNOT_ERR_LEN];
    enum listing_table t;
    if (listing_table_parse(word, &t, err, sizeof err) != 0)
        return CLI_USAGE;
    return cli_write_listing(ctx, "export", t, LISTING_CSV, INT64_MIN, INT64_MAX,
                             STORE_OLDEST_FIRST, f);
}
