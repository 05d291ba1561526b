/* SPDX-License-Identifier: BSD-2-Clause */
/* store_health: what can go wrong with the file rather than with a row.
 * A damaged file (integrity check; SQLITE_CORRUPT or SQLITE_NOTADB on any
 * statement), another process holding the write lock (the busy handler:
 * how long a write waits and who is told that it waits), and the plain
 * words every SQLite failure is reported in: never SQL text, never
 * SQLite's own "database disk image is malformed" or "database is locked". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/store_private.h"

/* ---- the words --------------------------------------------------------------- */

/* The file a connection has open, for messages; "" for a memory one. */
static const char *db_file(sqlite3 *db)
{
    const char *f = db ? sqlite3_db_filename(db, "main") : NULL;
    return f && *f ? f : "(in memory)";
}

int db_plain_error(sqlite3 *db, char *buf, size_t len)
{
    if (!db) {
        snprintf(buf, len, "out of memory");
        return 0;
    }
    switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        snprintf(buf, len, "the database %s is damaged: restore it from a backup", db_file(db));
        return 1;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(buf, len, "another unknot is busy writing (an import?); try again in a moment");
        return 1;
    case SQLITE_FULL:
        snprintf(buf, len, "the disk holding %s is full: free some space and try again",
                 db_file(db));
        return 0;
    case SQLITE_NOMEM: snprintf(buf, len, "out of memory"); return 0;
    case SQLITE_IOERR:
        snprintf(buf, len, "cannot read or write %s: %s", db_file(db),
                 sqlite3_system_errno(db) ? strerror(sqlite3_system_errno(db)) : "I/O error");
        return 0;
    case SQLITE_READONLY:
        snprintf(buf, len, "%s cannot be written (read-only)", db_file(db));
        return 0;
    default: snprintf(buf, len, "%s", sqlite3_errmsg(db)); return 0;
    }
}

int db_fail_prepare(sqlite3 *db, char *err, size_t errlen)
{
    char msg[STORE_ERR_LEN];
    int whole = db_plain_error(db, msg, sizeof msg);
    int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;
    if (!whole && code != SQLITE_NOMEM && code != SQLITE_IOERR)
        /* SQLite's reason would quote the statement ("no such table",
         * "near ...: syntax error"): the file is not what unknot made. */
        snprintf(msg, sizeof msg, "the database %s is not laid out as this unknot expects "
                                  "(changed by another program?): restore it from a backup",
                 db_file(db));
    return db_set_err(err, errlen, "%s", msg);
}

/* ---- the integrity check --------------------------------------------------------- */

/* How many pages the file has. */
static int page_count(struct store *st, int64_t *pages, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_PAGE_COUNT, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *pages = sqlite3_column_int64(s, 0);
    else
        rc = DB_FAIL(st->db, "reading the database's size");
    db_release(s);
    return rc;
}

int store_check_integrity(struct store *st, int64_t max_pages, char *err, size_t errlen)
{
    int64_t pages = 0;
    int rc;
    if (max_pages > 0) {
        if ((rc = page_count(st, &pages, err, errlen)) != STORE_OK)
            return rc;
        if (pages > max_pages)
            return STORE_OK; /* too big to check on the way to a write */
    }
    sqlite3_stmt *s = NULL;
    if ((rc = db_stmt(st, SQL_INTEGRITY, &s, err, errlen)) != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        const char *first = (const char *)sqlite3_column_text(s, 0);
        if (!first || strcmp(first, "ok") != 0) {
            db_set_err(err, errlen, "the database %s is damaged: restore it from a backup",
                       db_file(st->db));
            rc = STORE_DAMAGED;
        }
    } else {
        int code = sqlite3_errcode(st->db) & 0xff;
        rc = DB_FAIL(st->db, "checking the database");
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            rc = STORE_DAMAGED;
    }
    db_release(s);
    return rc;
}

/* ---- waiting for another writer ------------------------------------------------------ */

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* SQLite's busy handler: count is 0 at the first refusal of a statement's
 * lock. Waits in growing steps up to the connection's limit; the notice
 * runs once a wait has lasted STORE_WAIT_NOTICE_MS. Returns 0 to give up
 * (the statement then fails with SQLITE_BUSY). */
static int busy_wait(void *arg, int count)
{
    struct store *st = arg;
    int64_t now = mono_ms();
    if (count == 0) {
        st->busy_since = now;
        st->busy_noticed = 0;
    }
    int64_t waited = now - st->busy_since;
    if (waited >= st->wait_ms)
        return 0;
    if (st->notice && !st->busy_noticed && waited >= STORE_WAIT_NOTICE_MS) {
        st->busy_noticed = 1;
        st->notice(st->notice_ctx);
    }
    static const int steps[] = {1, 2, 5, 10, 20, 50};
    int64_t step = count < (int)COUNT(steps) ? steps[count] : 100;
    if (step > st->wait_ms - waited)
        step = st->wait_ms - waited;
    sleep_ms(step);
    return 1;
}

int db_busy_init(struct store *st, char *err, size_t errlen)
{
    st->wait_ms = STORE_WAIT_DEFAULT_MS;
    if (sqlite3_busy_handler(st->db, busy_wait, st) != SQLITE_OK)
        return DB_FAIL(st->db, "setting up the wait for other writers");
    return STORE_OK;
}

int db_wait_set(struct store *st, int ms)
{
    int old = st->wait_ms;
    st->wait_ms = ms < 0 ? 0 : ms;
    return old;
}

void store_set_wait(struct store *st, int wait_ms, store_notice_fn notice, void *ctx)
{
    (void)db_wait_set(st, wait_ms);
    st->notice = notice;
    st->notice_ctx = ctx;
}

int db_set_wal(struct store *st, char *err, size_t errlen)
{
    /* Two first starts may each hold a read lock while both want the
     * exclusive one WAL needs: SQLite then refuses at once, without its
     * busy handler (it would wait for ever). Retry until the wait is up. */
    int64_t start = mono_ms();
    for (int i = 0;; i++) {
        sqlite3_stmt *s = NULL;
        int rc = db_stmt(st, SQL_JOURNAL_WAL, &s, err, errlen);
        if (rc != STORE_OK)
            return rc;
        int src;
        while ((src = sqlite3_step(s)) == SQLITE_ROW)
            ;
        int busy = (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY;
        if (src == SQLITE_DONE) {
            db_release(s);
            return STORE_OK;
        }
        if (!busy || mono_ms() - start >= st->wait_ms) {
            rc = DB_FAIL(st->db, "setting up the database");
            db_release(s);
            return rc;
        }
        db_release(s);
        sleep_ms(i < 5 ? 2 << i : 50);
    }
}

int db_is_busy(struct store *st)
{
    return (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY ||
           (sqlite3_errcode(st->db) & 0xff) == SQLITE_LOCKED;
}
