/* SPDX-License-Identifier: BSD-2-Clause */
/* store_reading: pain readings of episodes (see store.h): the first
 * reading every episode write keeps, readings added later, those of timer
 * sessions, and their iterators. */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* Fills *out from a row of RD_COLS (db/store.c). */
static int reading_from_row(struct store *st, sqlite3_stmt *s, struct reading *out, char *err,
                            size_t errlen)
{
    out->id = sqlite3_column_int64(s, 0);
    out->episode_id = sqlite3_column_int64(s, 1);
    out->taken_at = sqlite3_column_int64(s, 2);
    out->pain = sqlite3_column_int(s, 3);
    out->created_at = sqlite3_column_int64(s, 5);
    if (reading_source_parse((const char *)sqlite3_column_text(s, 4), &out->source) != 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading pain reading %lld", (long long)out->id);
        return db_set_err(err, errlen, "pain reading %lld has an unknown source",
                          (long long)out->id);
    }
    return STORE_OK;
}

/* db_row_fn of the reading iterators. */
static int reading_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                       size_t errlen)
{
    (void)flags;
    return reading_from_row(st, s, out, err, errlen);
}

int db_first_reading(struct store *st, int64_t id, const struct episode *ep, int64_t now,
                     char *err, size_t errlen)
{
    return DB_EXEC(st, SQL_RD_FIRST, "saving the episode's first pain reading", SQL_ARG(id),
                   SQL_ARG(ep->started_at), SQL_ARG(ep->intensity), SQL_ARG(now));
}

int db_session_readings(struct store *st, int64_t id, int after, char *err, size_t errlen)
{
    if (!after)
        return DB_EXEC(st, SQL_RD_SES_BEFORE, "saving the pain before the session", SQL_ARG(id));
    int rc = DB_EXEC(st, SQL_RD_SES_AFTER_DELETE, "saving the pain after the session",
                     SQL_ARG(id));
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_RD_SES_AFTER, "saving the pain after the session", SQL_ARG(id));
    return rc;
}

int db_readings_backfill(struct store *st, char *err, size_t errlen)
{
    return db_run(st, SQL_RD_BACKFILL, "adding the episodes' first pain readings", err, errlen);
}

int store_reading_add(struct store *st, struct reading *r, int64_t now, char *err,
                      size_t errlen)
{
    if ((unsigned)r->source >= READING_SOURCE_COUNT || r->source == READING_LOG)
        return db_set_err(err, errlen, "an episode's first reading is written with the episode");
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_RD_INSERT, "saving the pain reading", SQL_ARG(r->episode_id),
                 SQL_ARG(r->taken_at), SQL_ARG(r->pain),
                 SQL_ARG(reading_source_code(r->source)), SQL_ARG(now));
    if (rc != STORE_OK && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_FOREIGNKEY) {
        db_set_err(err, errlen, "no episode %lld", (long long)r->episode_id);
        rc = STORE_NOT_FOUND;
    }
    int64_t id = rc == STORE_OK ? sqlite3_last_insert_rowid(st->db) : 0;
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK) {
        r->id = id;
        r->created_at = now;
    }
    return rc;
}

int store_reading_get(struct store *st, int64_t id, struct reading *out, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_RD_GET, SQL_ARGS(SQL_ARG(id)), &s, "reading the pain reading", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, reading_row, 0, out, "reading the pain reading", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no pain reading %lld", (long long)id);
    return rc;
}

/* Inside a transaction: reading id is there and is not an episode's
 * first (that one changes with the episode: the message says how). */
static int reading_changeable(struct store *st, int64_t id, char *err, size_t errlen)
{
    struct reading r;
    int rc = store_reading_get(st, id, &r, err, errlen);
    if (rc == STORE_OK && r.source == READING_LOG) {
        db_set_err(err, errlen,
                   "reading %lld is episode %lld's intensity, its first reading: change it with "
                   "unknot edit %lld -i N",
                   (long long)id, (long long)r.episode_id, (long long)r.episode_id);
        rc = STORE_ABORTED;
    }
    return rc;
}

int store_reading_delete(struct store *st, int64_t id, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = reading_changeable(st, id, err, errlen);
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_RD_DELETE, "deleting the pain reading", SQL_ARG(id));
    return db_tx_end(st, rc, err, errlen);
}

int store_reading_update(struct store *st, const struct reading *r, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = reading_changeable(st, r->id, err, errlen);
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_RD_UPDATE, "changing the pain reading", SQL_ARG(r->id),
                     SQL_ARG(r->taken_at), SQL_ARG(r->pain));
    return db_tx_end(st, rc, err, errlen);
}

int store_readings_iter(struct store *st, int64_t episode_id, struct store_iter **out,
                        char *err, size_t errlen)
{
    return db_iter_new(st, SQL_RD_OF_EPISODE, SQL_ARGS(SQL_ARG(episode_id)), STORE_ROW_READING,
                       reading_row, 0, "reading pain readings", out, err, errlen);
}

int store_readings_active_iter(struct store *st, int64_t from, int64_t to,
                               struct store_iter **out, char *err, size_t errlen)
{
    return db_iter_new(st, SQL_RD_ACTIVE, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)),
                       STORE_ROW_READING, reading_row, 0, "reading pain readings", out, err,
                       errlen);
}

int store_reading_latest(struct store *st, int64_t episode_id, struct reading *out, char *err,
                         size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_RD_LATEST, SQL_ARGS(SQL_ARG(episode_id)), &s,
                      "reading the latest pain reading", err, errlen);
    if (rc != STORE_OK)
        return rc;
    return db_read_one(st, s, reading_row, 0, out, "reading the latest pain reading", err,
                       errlen);
}

int store_readings_all_iter(struct store *st, struct store_iter **out, char *err,
                            size_t errlen)
{
    return db_iter_new(st, SQL_RD_ALL, NULL, 0, STORE_ROW_READING, reading_row, 0,
                       "reading pain readings", out, err, errlen);
}

