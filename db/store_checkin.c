/* SPDX-License-Identifier: BSD-2-Clause */
/* store_checkin: daily and weekly check-ins (src/checkin.h), through the
 * one statement table of store.c and the one iterator of store_iter.c. */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* ---------------------------------------------------------------------
 * Rows (CHECKIN_COLS, WEEKLY_COLS of store.c) */

static int checkin_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                       size_t errlen)
{
    (void)st;
    (void)flags;
    struct checkin *c = out;
    char act[16];
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->taken_at = sqlite3_column_int64(s, 2);
    c->pain = sqlite3_column_int(s, 3);
    c->sleep_tenths = (int)db_column_opt(s, 5, CHECKIN_NONE);
    c->woken = (int)db_column_opt(s, 6, CHECKIN_NONE);
    c->created_at = sqlite3_column_int64(s, 7);
    c->activities = CHECKIN_ACT_UNSET;
    char msg[8];
    if (db_column_copy(s, 1, c->day, sizeof c->day) != 0 ||
        db_column_copy(s, 4, act, sizeof act) != 0 ||
        (act[0] && checkin_activities_parse(act, &c->activities, msg, sizeof msg) != 0))
        return db_set_err(err, errlen, "check-in %lld: cannot read its day or activities",
                          (long long)c->id);
    return STORE_OK;
}

static int weekly_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                      size_t errlen)
{
    (void)st;
    (void)flags;
    (void)err;
    (void)errlen;
    struct weekly *w = out;
    w->id = sqlite3_column_int64(s, 0);
    w->taken_at = sqlite3_column_int64(s, 1);
    w->pain = sqlite3_column_int(s, 2);
    w->enjoyment = sqlite3_column_int(s, 3);
    w->activity = sqlite3_column_int(s, 4);
    w->created_at = sqlite3_column_int64(s, 5);
    return STORE_OK;
}

/* The activities code, or NULL when not answered. */
static const char *act_code(const struct checkin *c)
{
    return c->activities == CHECKIN_ACT_UNSET ? NULL : checkin_activities_code(c->activities);
}

/* ---------------------------------------------------------------------
 * Daily */

static int read_day(struct store *st, const char *day, struct checkin *out, char *err,
                    size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_CI_BY_DAY, SQL_ARGS(SQL_ARG(day)), &s, "reading the check-in", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    return db_read_one(st, s, checkin_row, 0, out, "reading the check-in", err, errlen);
}

int store_checkin_day(struct store *st, const char *day, struct checkin *out, char *err,
                      size_t errlen)
{
    int rc = read_day(st, day, out, err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no check-in on %.10s", day);
    return rc;
}

/* Inside the transaction: the row of c's day, replaced or kept. */
static int save_in_tx(struct store *st, struct checkin *c, int replace, struct checkin *existing,
                      int64_t now, char *err, size_t errlen)
{
    struct checkin old;
    int rc = read_day(st, c->day, &old, err, errlen);
    if (rc == STORE_OK && !replace) {
        if (existing)
            *existing = old;
        db_set_err(err, errlen, "already checked in on %.10s", c->day);
        return STORE_EXISTS;
    }
    if (rc == STORE_OK) {
        rc = DB_EXEC(st, SQL_CI_UPDATE, "replacing the check-in", SQL_ARG(old.id),
                     SQL_ARG(c->taken_at), SQL_ARG(c->pain), SQL_ARG(act_code(c)),
                     SQL_OPT(c->sleep_tenths, CHECKIN_NONE), SQL_OPT(c->woken, CHECKIN_NONE),
                     SQL_ARG(now));
        c->id = old.id;
    } else if (rc == STORE_NOT_FOUND) {
        rc = DB_EXEC(st, SQL_CI_INSERT, "saving the check-in", SQL_BUF(c->day),
                     SQL_ARG(c->taken_at), SQL_ARG(c->pain), SQL_ARG(act_code(c)),
                     SQL_OPT(c->sleep_tenths, CHECKIN_NONE), SQL_OPT(c->woken, CHECKIN_NONE),
                     SQL_ARG(now));
        c->id = sqlite3_last_insert_rowid(st->db);
    }
    c->created_at = now;
    return rc;
}

int store_checkin_save(struct store *st, struct checkin *c, int replace, struct checkin *existing,
                       int64_t now, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int64_t id = c->id;
    rc = save_in_tx(st, c, replace, existing, now, err, errlen);
    rc = db_tx_end(st, rc, err, errlen); /* STORE_EXISTS rolls back: nothing written */
    if (rc != STORE_OK)
        c->id = id;
    return rc;
}

static int range_iter(struct store *st, enum stmt_id desc, enum stmt_id asc, int64_t from,
                      int64_t to, enum store_order order, enum store_row row, db_row_fn read,
                      const char *what, struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST)
        return db_set_err(err, errlen, "invalid order %d", (int)order);
    return db_iter_new(st, order == STORE_NEWEST_FIRST ? desc : asc,
                       SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), row, read, 0, what, out, err,
                       errlen);
}

int store_checkins_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen)
{
    return range_iter(st, SQL_CI_RANGE_DESC, SQL_CI_RANGE_ASC, from, to, order,
                      STORE_ROW_CHECKIN, checkin_row, "reading check-ins", out, err, errlen);
}

/* ---------------------------------------------------------------------
 * Weekly */

int store_weekly_add(struct store *st, struct weekly *w, int64_t now, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_WK_INSERT, "saving the weekly check-in", SQL_ARG(w->taken_at),
                 SQL_ARG(w->pain), SQL_ARG(w->enjoyment), SQL_ARG(w->activity), SQL_ARG(now));
    int64_t id = rc == STORE_OK ? sqlite3_last_insert_rowid(st->db) : 0;
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK) {
        w->id = id;
        w->created_at = now;
    }
    return rc;
}

int store_weekly_latest(struct store *st, struct weekly *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_WK_LATEST, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, weekly_row, 0, out, "reading the latest weekly check-in", err,
                     errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no weekly check-in yet");
    return rc;
}

int store_weeklies_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen)
{
    return range_iter(st, SQL_WK_RANGE_DESC, SQL_WK_RANGE_ASC, from, to, order, STORE_ROW_WEEKLY,
                      weekly_row, "reading weekly check-ins", out, err, errlen);
}

/* ---------------------------------------------------------------------
 * Import (inside store_import's transaction) */

/* Runs the import statement; a taken id or day gets its own words. */
static int import_run(struct store *st, sqlite3_stmt *s, long line, const char *what, int64_t id,
                      char *err, size_t errlen)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? STORE_OK : STORE_ERROR;
    if (rc != STORE_OK) {
        int ext = sqlite3_extended_errcode(st->db);
        if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE)
            db_set_err(err, errlen, "line %ld: %s %lld%s is already in this database (or "
                                    "earlier in the file): import into an empty database "
                                    "(unknot --db NEW.db import FILE)", line, what,
                       (long long)id, ext == SQLITE_CONSTRAINT_UNIQUE ? ", or one of its day," : "");
        else
            DB_FAIL(st->db, "line %ld: saving %s %lld", line, what, (long long)id);
    }
    db_release(s);
    return rc;
}

int db_import_checkin(struct store *st, const struct store_import_row *row,
                      struct store_import_counts *n, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (row->ci) {
        const struct checkin *c = row->ci;
        rc = db_query(st, SQL_IMP_CHECKIN,
                      SQL_ARGS(SQL_ARG(c->id), SQL_BUF(c->day), SQL_ARG(c->taken_at),
                               SQL_ARG(c->pain), SQL_ARG(act_code(c)),
                               SQL_OPT(c->sleep_tenths, CHECKIN_NONE),
                               SQL_OPT(c->woken, CHECKIN_NONE), SQL_ARG(c->created_at)),
                      &s, "saving a check-in", err, errlen);
        if (rc == STORE_OK)
            rc = import_run(st, s, row->line, "check-in", c->id, err, errlen);
        n->checkins += rc == STORE_OK;
        return rc;
    }
    const struct weekly *w = row->wk;
    rc = db_query(st, SQL_IMP_WEEKLY,
                  SQL_ARGS(SQL_ARG(w->id), SQL_ARG(w->taken_at), SQL_ARG(w->pain),
                           SQL_ARG(w->enjoyment), SQL_ARG(w->activity), SQL_ARG(w->created_at)),
                  &s, "saving a weekly check-in", err, errlen);
    if (rc == STORE_OK)
        rc = import_run(st, s, row->line, "weekly check-in", w->id, err, errlen);
    n->weekly += rc == STORE_OK;
    return rc;
}
