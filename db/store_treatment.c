/* SPDX-License-Identifier: BSD-2-Clause */
/* store_treatment: medication intakes and relief without the timer (see
 * store.h). */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* Fills *out from a row of TR_COLS (db/store.c). */
static int treatment_from_row(struct store *st, sqlite3_stmt *s, struct treatment *out,
                              char *err, size_t errlen)
{
    out->id = sqlite3_column_int64(s, 0);
    out->taken_at = sqlite3_column_int64(s, 3);
    out->duration_s = db_column_opt(s, 4, TREATMENT_NO_DURATION);
    out->pain_before = (int)db_column_opt(s, 5, TREATMENT_PAIN_NONE);
    out->pain_after = (int)db_column_opt(s, 6, TREATMENT_PAIN_NONE);
    out->episode_id = sqlite3_column_int64(s, 7); /* NULL reads as 0 */
    out->created_at = sqlite3_column_int64(s, 8);
    if (treatment_kind_parse((const char *)sqlite3_column_text(s, 1), &out->kind) != 0 ||
        db_column_copy(s, 2, out->name, sizeof out->name) != 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading treatment %lld", (long long)out->id);
        return db_set_err(err, errlen, "treatment %lld: an unknown kind or a name too long",
                          (long long)out->id);
    }
    return STORE_OK;
}

static int treatment_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                         size_t errlen)
{
    (void)flags;
    return treatment_from_row(st, s, out, err, errlen);
}

/* The first integer column of statement id with args, or none when it
 * gives no row (or NULL). */
static int one_int(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
                   int64_t none, int64_t *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, id, args, n, &s, "saving the treatment", err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *out = db_column_opt(s, 0, none);
    else if (src == SQLITE_DONE)
        *out = none;
    else
        rc = DB_FAIL(st->db, "saving the treatment");
    db_release(s);
    return rc;
}

/* The episode going at t->taken_at and, unless given, its pain then. */
static int treatment_context(struct store *st, struct treatment *t, char *err, size_t errlen)
{
    int64_t ep = 0, pain = TREATMENT_PAIN_NONE;
    int rc = one_int(st, SQL_TR_EPISODE_AT, SQL_ARGS(SQL_ARG(t->taken_at)), 0, &ep, err, errlen);
    if (rc == STORE_OK && ep && t->pain_before == TREATMENT_PAIN_NONE) {
        rc = one_int(st, SQL_TR_PAIN_AT, SQL_ARGS(SQL_ARG(ep), SQL_ARG(t->taken_at)),
                     TREATMENT_PAIN_NONE, &pain, err, errlen);
        if (rc == STORE_OK)
            t->pain_before = (int)pain;
    }
    t->episode_id = ep;
    return rc;
}

int store_treatment_add(struct store *st, struct treatment *t, int64_t now, char *err,
                        size_t errlen)
{
    if ((unsigned)t->kind >= TREATMENT_KIND_COUNT)
        return db_set_err(err, errlen, "invalid treatment kind %d", (int)t->kind);
    struct treatment work = *t;
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = treatment_context(st, &work, err, errlen);
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_TR_INSERT, "saving the treatment",
                     SQL_ARG(treatment_kind_code(work.kind)), SQL_BUF(work.name),
                     SQL_ARG(work.taken_at), SQL_OPT(work.duration_s, TREATMENT_NO_DURATION),
                     SQL_OPT(work.pain_before, TREATMENT_PAIN_NONE),
                     SQL_OPT(work.pain_after, TREATMENT_PAIN_NONE),
                     SQL_OPT(work.episode_id, 0), SQL_ARG(now));
    work.id = rc == STORE_OK ? sqlite3_last_insert_rowid(st->db) : 0;
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK) {
        work.created_at = now;
        *t = work;
    }
    return rc;
}

int store_treatment_rate(struct store *st, int64_t id, int pain, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_TR_RATE, "rating the treatment", SQL_ARG(id), SQL_ARG(pain));
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no treatment %lld", (long long)id);
        rc = STORE_NOT_FOUND;
    }
    return db_tx_end(st, rc, err, errlen);
}

int store_treatment_get(struct store *st, int64_t id, struct treatment *out, char *err,
                        size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_TR_GET, SQL_ARGS(SQL_ARG(id)), &s, "reading the treatment", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, treatment_row, 0, out, "reading the treatment", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no treatment %lld", (long long)id);
    return rc;
}

int store_treatments_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                          struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST)
        return db_set_err(err, errlen, "invalid order %d", (int)order);
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_TR_RANGE_DESC : SQL_TR_RANGE_ASC;
    return db_iter_new(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), STORE_ROW_TREATMENT,
                       treatment_row, 0, "reading treatments", out, err, errlen);
}

int store_treatment_recent_names(struct store *st, size_t max,
                                 char (*names)[TREATMENT_NAME_MAX + 1], size_t *n, char *err,
                                 size_t errlen)
{
    sqlite3_stmt *s = NULL;
    *n = 0;
    int rc = db_query(st, SQL_TR_RECENT_NAMES, SQL_ARGS(SQL_ARG((int64_t)max)), &s,
                      "reading medication names", err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = SQLITE_DONE;
    while (*n < max && (src = sqlite3_step(s)) == SQLITE_ROW)
        if (db_column_copy(s, 0, names[*n], TREATMENT_NAME_MAX + 1) == 0)
            (*n)++;
    if (*n < max && src != SQLITE_DONE)
        rc = DB_FAIL(st->db, "reading medication names");
    db_release(s);
    return rc;
}
