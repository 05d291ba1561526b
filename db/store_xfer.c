/* SPDX-License-Identifier: BSD-2-Clause */
/* store_xfer: the import of an export, row by row in one transaction (see
 * store.h). The export reads through the iterators of store_episode.c,
 * store_session.c and store_check.c. */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* ---- import ---------------------------------------------------------------- */

struct importer {
    struct store *st;
    sqlite3 *db;
    struct store_import_counts n;
};

/* Runs the insert sql of row `what` `id` from input line `line` with args.
 * A key already taken and a missing episode get their own words. */
static int ins_run(struct importer *im, enum stmt_id sql, const struct db_arg *args, int nargs,
                   long line, const char *what, int64_t id, int64_t episode_id, char *err,
                   size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(im->st, sql, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (db_bind(s, args, nargs) != SQLITE_OK) {
        rc = DB_FAIL(im->db, "line %ld: saving %s", line, what);
        db_release(s);
        return rc;
    }
    rc = sqlite3_step(s) == SQLITE_DONE ? STORE_OK : STORE_ERROR;
    if (rc != STORE_OK) {
        int ext = sqlite3_extended_errcode(im->db);
        if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
            db_set_err(err, errlen, "line %ld: %s %lld is already in this database (or earlier in "
                                    "the file): import into an empty database (unknot --db NEW.db "
                                    "import FILE)", line, what, (long long)id);
        else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
            db_set_err(err, errlen, "line %ld: %s %lld refers to episode %lld, which is neither in "
                                    "this database nor earlier in the file", line, what,
                       (long long)id, (long long)episode_id);
        else
            DB_FAIL(im->db, "line %ld: saving %s %lld", line, what, (long long)id);
    }
    db_release(s); /* repeats the step's error, reported above */
    return rc;
}
#define INS_RUN(im, sql, line, what, id, episode_id, ...) \
    ins_run((im), (sql), SQL_ARGS(__VA_ARGS__), (line), (what), (id), (episode_id), err, errlen)

static int import_tags(struct importer *im, const struct episode *ep, long line, char *err,
                       size_t errlen)
{
    for (size_t i = 0; i < ep->ntags && i < EPISODE_MAX_TAGS; i++) {
        const struct episode_tag *t = &ep->tags[i];
        if (INS_RUN(im, SQL_IMP_TAG, line, "tag of episode", ep->id, 0, SQL_ARG(ep->id),
                    SQL_ARG(tag_kind_code(t->kind)), SQL_BUF(t->text)) != STORE_OK)
            return STORE_ERROR;
        im->n.tags++;
    }
    return STORE_OK;
}

static int import_episode(struct importer *im, const struct episode *ep, long line, char *err,
                          size_t errlen)
{
    if (INS_RUN(im, SQL_IMP_EPISODE, line, "episode", ep->id, 0, SQL_ARG(ep->id),
                SQL_ARG(ep->started_at), SQL_OPT(ep->ended_at, EPISODE_ONGOING),
                SQL_ARG(ep->intensity), SQL_ARG(region_code(ep->region)),
                SQL_ARG(ep->side == SIDE_UNSET ? NULL : side_code(ep->side)), SQL_BUF(ep->note),
                SQL_ARG(ep->created_at), SQL_ARG(ep->updated_at)) != STORE_OK)
        return STORE_ERROR;
    im->n.episodes++;
    return import_tags(im, ep, line, err, errlen);
}

static int import_session(struct importer *im, const struct session *x, long line, char *err,
                          size_t errlen)
{
    if (INS_RUN(im, SQL_IMP_SESSION, line, "session", x->id, x->episode_id, SQL_ARG(x->id),
                SQL_ARG(session_kind_code(x->kind)), SQL_BUF_OR_NULL(x->routine),
                SQL_OPT(x->hold_s, 0), SQL_ARG(x->planned_s), SQL_ARG(x->elapsed_s),
                SQL_ARG(x->started_at), SQL_OPT(x->ended_at, 0),
                SQL_ARG(session_status_code(x->status)), SQL_OPT(x->episode_id, 0),
                SQL_OPT(x->pain_before, SESSION_PAIN_NONE),
                SQL_OPT(x->pain_after, SESSION_PAIN_NONE)) != STORE_OK)
        return STORE_ERROR;
    im->n.sessions++;
    return STORE_OK;
}

static int import_check(struct importer *im, const struct check *c, long line, char *err,
                        size_t errlen)
{
    if (INS_RUN(im, SQL_IMP_CHECK, line, "check", c->id, 0, SQL_ARG(c->id), SQL_ARG(c->taken_at),
                SQL_ARG(redflag_level_code(c->verdict)), SQL_ARG(c->complete)) != STORE_OK)
        return STORE_ERROR;
    im->n.checks++;
    /* The one writer of answer rows; the reader refused repeated items. */
    return db_answers_insert(im->st, c->id, c, &im->n, err, errlen);
}

static int import_reading(struct importer *im, const struct reading *x, long line, char *err,
                          size_t errlen)
{
    if (INS_RUN(im, SQL_IMP_READING, line, "pain reading", x->id, x->episode_id, SQL_ARG(x->id),
                SQL_ARG(x->episode_id), SQL_ARG(x->taken_at), SQL_ARG(x->pain),
                SQL_ARG(reading_source_code(x->source)), SQL_ARG(x->created_at)) != STORE_OK)
        return STORE_ERROR;
    im->n.readings++;
    return STORE_OK;
}

static int import_treatment(struct importer *im, const struct treatment *x, long line,
                            char *err, size_t errlen)
{
    if (INS_RUN(im, SQL_IMP_TREATMENT, line, "treatment", x->id, x->episode_id, SQL_ARG(x->id),
                SQL_ARG(treatment_kind_code(x->kind)), SQL_BUF(x->name), SQL_ARG(x->taken_at),
                SQL_OPT(x->duration_s, TREATMENT_NO_DURATION),
                SQL_OPT(x->pain_before, TREATMENT_PAIN_NONE),
                SQL_OPT(x->pain_after, TREATMENT_PAIN_NONE), SQL_OPT(x->episode_id, 0),
                SQL_ARG(x->created_at)) != STORE_OK)
        return STORE_ERROR;
    im->n.treatments++;
    return STORE_OK;
}

static int import_item(struct importer *im, const struct store_import_row *row, char *err,
                       size_t errlen)
{
    if (row->rd)
        return import_reading(im, row->rd, row->line, err, errlen);
    if (row->tr)
        return import_treatment(im, row->tr, row->line, err, errlen);
    if (row->ep)
        return import_episode(im, row->ep, row->line, err, errlen);
    if (row->ses)
        return import_session(im, row->ses, row->line, err, errlen);
    if (row->chk)
        return import_check(im, row->chk, row->line, err, errlen);
    if (row->ci || row->wk)
        return db_import_checkin(im->st, row, &im->n, err, errlen);
    if (row->worse)
        return db_import_worse(im->st, row, &im->n, err, errlen);
    if (row->q)
        return db_import_question(im->st, row, &im->n, err, errlen);
    return db_set_err(err, errlen, "line %ld: unknown row", row->line);
}

/* Reads and inserts every row inside the open transaction. */
static int import_rows(struct importer *im, store_import_next_fn next, void *ctx, char *err,
                       size_t errlen)
{
    for (;;) {
        struct store_import_row row = {0};
        int r = next(ctx, &row, err, errlen);
        if (r == 0)
            return STORE_OK;
        if (r < 0)
            return STORE_ERROR;
        if (import_item(im, &row, err, errlen) != STORE_OK)
            return STORE_ERROR;
    }
}

int store_import(struct store *st, store_import_next_fn next, void *ctx,
                 struct store_import_counts *counts, char *err, size_t errlen)
{
    struct importer im = {.st = st, .db = st->db};
    int rc = db_tx_begin(st, err, errlen);
    if (rc == STORE_OK) {
        rc = import_rows(&im, next, ctx, err, errlen);
        /* An export older than the readings brings none: each episode
         * gets its first reading from its intensity, as the migration
         * gave the stored ones. A newer export brings them with their
         * ids, and this adds nothing. */
        if (rc == STORE_OK)
            rc = db_readings_backfill(st, err, errlen);
        rc = db_tx_end(st, rc, err, errlen);
    }
    if (rc == STORE_OK && counts)
        *counts = im.n;
    return rc;
}
