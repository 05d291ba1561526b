/* SPDX-License-Identifier: BSD-2-Clause */
/* xfer_store: export from and import into the store (see xfer_store.h). */
#include "src/app/xfer_store.h"

#include <stdlib.h>
#include <string.h>

#include "db/store.h"

static int export_episodes(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct episode *ep = malloc(sizeof *ep);
    int rc = ep ? store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST,
                                      STORE_ITER_TAGS, &it, err, errlen)
                : STORE_ERROR;
    if (!ep)
        snprintf(err, errlen, "out of memory");
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK)
        rc = xfer_write_episode(w, ep) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    free(ep);
    return rc < 0 ? -1 : 0;
}

static int export_sessions(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct session s;
    int rc = store_sessions_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &s, err, errlen)) == STORE_OK)
        rc = xfer_write_session(w, &s) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_checks(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct check c;
    int rc = store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &c, err, errlen)) == STORE_OK)
        rc = xfer_write_check(w, &c) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_readings(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct reading r;
    int rc = store_readings_all_iter(st, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &r, err, errlen)) == STORE_OK)
        rc = xfer_write_reading(w, &r) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_treatments(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct treatment t;
    int rc = store_treatments_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err,
                                   errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &t, err, errlen)) == STORE_OK)
        rc = xfer_write_treatment(w, &t) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_checkins(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct checkin c;
    struct weekly k;
    int rc = store_checkins_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &c, err, errlen)) == STORE_OK)
        rc = xfer_write_checkin(w, &c) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    if (rc != STORE_END)
        return -1;
    rc = store_weeklies_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &k, err, errlen)) == STORE_OK)
        rc = xfer_write_weekly(w, &k) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_worse(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct session_worse x;
    int rc = store_worse_iter(st, INT64_MIN, INT64_MAX, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &x, err, errlen)) == STORE_OK)
        rc = xfer_write_worse(w, &x) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int export_questions(struct store *st, struct xfer_writer *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct question q;
    int rc = store_questions_iter(st, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &q, err, errlen)) == STORE_OK)
        rc = xfer_write_question(w, &q) == 0 ? STORE_OK : STORE_ERROR;
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

int xfer_export(struct store *st, FILE *f, enum xfer_format fmt, char *err, size_t errlen)
{
    struct xfer_writer w;
    err[0] = '\0';
    if (store_read_begin(st, err, errlen) != STORE_OK)
        return -1;
    xfer_write_begin(&w, f, fmt);
    int rc = export_episodes(st, &w, err, errlen);
    if (rc == 0)
        rc = export_sessions(st, &w, err, errlen);
    if (rc == 0)
        rc = export_checks(st, &w, err, errlen);
    if (rc == 0)
        rc = export_readings(st, &w, err, errlen);
    if (rc == 0)
        rc = export_treatments(st, &w, err, errlen);
    if (rc == 0)
        rc = export_checkins(st, &w, err, errlen);
    if (rc == 0)
        rc = export_worse(st, &w, err, errlen);
    if (rc == 0)
        rc = export_questions(st, &w, err, errlen);
    store_read_end(st);
    if (xfer_write_end(&w) != 0 && rc == 0)
        rc = -1;
    if (rc != 0 && !err[0])
        snprintf(err, errlen, "cannot write the export");
    return rc;
}

/* The reader and the one item it reads into, handed row by row to the
 * store: no record is copied. */
struct import_ctx {
    struct xfer_reader *r;
    struct xfer_item item;
};

static int next_row(void *ctx, struct store_import_row *row, char *err, size_t errlen)
{
    struct import_ctx *c = ctx;
    int rc = xfer_read(c->r, &c->item, err, errlen);
    if (rc != 1)
        return rc;
    row->line = c->item.line;
    switch (c->item.kind) {
    case XFER_EPISODE: row->ep = &c->item.ep; break;
    case XFER_SESSION: row->ses = &c->item.ses; break;
    case XFER_CHECK: row->chk = &c->item.chk; break;
    case XFER_READING: row->rd = &c->item.rd; break;
    case XFER_TREATMENT: row->tr = &c->item.tr; break;
    case XFER_CHECKIN: row->ci = &c->item.ci; break;
    case XFER_WEEKLY: row->wk = &c->item.wk; break;
    case XFER_WORSE: row->worse = &c->item.worse; break;
    case XFER_QUESTION: row->q = &c->item.q; break;
    }
    return 1;
}

int xfer_import(struct store *st, FILE *f, int64_t now, struct store_import_counts *counts,
                char *err, size_t errlen)
{
    struct import_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = -1;
    if (xfer_reader_open(&c->r, f, now, err, errlen) == 0)
        rc = store_import(st, next_row, c, counts, err, errlen) == STORE_OK ? 0 : -1;
    xfer_reader_free(&c->r);
    free(c);
    return rc;
}
