/* SPDX-License-Identifier: BSD-2-Clause */
/* store_session: timer sessions (start, checkpoint, finish, rate), the
 * recovery of sessions a killed unknot left running, the last ice. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>

#include "db/store_private.h"

/* ---------------------------------------------------------------------
 * Timer sessions */

/* Fills *out from a row of SES_COLS (db/store.c). */
static int session_from_row(struct store *st, sqlite3_stmt *s, struct session *out,
                            char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->id = sqlite3_column_int64(s, 0);
    out->hold_s = sqlite3_column_int(s, 3);
    out->planned_s = sqlite3_column_int64(s, 4);
    out->elapsed_s = sqlite3_column_int64(s, 5);
    out->started_at = sqlite3_column_int64(s, 6);
    out->ended_at = sqlite3_column_int64(s, 7);       /* NULL reads as 0 */
    out->episode_id = sqlite3_column_int64(s, 9);     /* likewise */
    out->pain_before = (int)db_column_opt(s, 10, SESSION_PAIN_NONE);
    out->pain_after = (int)db_column_opt(s, 11, SESSION_PAIN_NONE);
    out->checkpoint_at = sqlite3_column_int64(s, 12); /* likewise */
    if (session_kind_parse((const char *)sqlite3_column_text(s, 1), &out->kind) != 0 ||
        db_column_copy(s, 2, out->routine, sizeof(out->routine)) != 0 ||
        session_status_parse((const char *)sqlite3_column_text(s, 8), &out->status) != 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading session %lld", (long long)out->id);
        db_set_err(err, errlen, "session %lld: an unknown kind or status, or a routine too long",
                   (long long)out->id);
        return STORE_ERROR;
    }
    return STORE_OK;
}


int store_session_start(struct store *st, struct session *ses, int64_t owner_pid,
                        char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    int64_t id = 0, episode_id = 0;
    rc = db_query(st, SQL_SES_INSERT,
                  SQL_ARGS(SQL_ARG(session_kind_code(ses->kind)), SQL_BUF_OR_NULL(ses->routine),
                           SQL_OPT(ses->hold_s, 0), SQL_ARG(ses->planned_s),
                           SQL_ARG(ses->started_at), SQL_OPT(ses->pain_before, SESSION_PAIN_NONE),
                           SQL_ARG(owner_pid)),
                  &s, "saving the session", err, errlen);
    if (rc == STORE_OK) {
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            id = sqlite3_column_int64(s, 0);
            episode_id = sqlite3_column_int64(s, 1);
            src = sqlite3_step(s); /* RETURNING: the insert completes here */
        }
        if (src != SQLITE_DONE)
            rc = DB_FAIL(st->db, "saving the %.16s session", session_kind_code(ses->kind));
        db_release(s);
    }
    if (rc == STORE_OK) /* the pain before is a reading of its episode */
        rc = db_session_readings(st, id, 0, err, errlen);
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK) {
        ses->id = id;
        ses->episode_id = episode_id;
        ses->elapsed_s = 0;
        ses->ended_at = 0;
        ses->checkpoint_at = ses->started_at;
        ses->status = SESSION_RUNNING;
    }
    return rc;
}

/* Runs UPDATE statement sql of session id (args[0]) in its own
 * transaction; no row changed is STORE_NOT_FOUND with `none` as the
 * message. quick: waits at most STORE_WAIT_QUICK_MS for another writer
 * (then STORE_BUSY): the timer calls it from its countdown and tries
 * again at its next tick. */
static int session_update(struct store *st, enum stmt_id sql, const struct db_arg *args, int n,
                          int quick, const char *what, const char *none, char *err,
                          size_t errlen)
{
    int64_t id = args[0].i;
    int wait = quick ? db_wait_set(st, STORE_WAIT_QUICK_MS) : -1;
    int rc = db_tx_begin(st, err, errlen);
    if (rc == STORE_OK) {
        rc = db_exec(st, sql, args, n, what, err, errlen);
        if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
            db_set_err(err, errlen, "session %lld %s", (long long)id, none);
            rc = STORE_NOT_FOUND;
        }
        /* The pain after, once the session has ended, is a reading of its
         * episode, written with the end or the rating. */
        if (rc == STORE_OK && sql != SQL_SES_CHECKPOINT)
            rc = db_session_readings(st, id, 1, err, errlen);
        int busy = rc == STORE_ERROR && db_is_busy(st);
        rc = db_tx_end(st, rc, err, errlen);
        if (busy)
            rc = STORE_BUSY;
    } else if (db_is_busy(st)) {
        rc = STORE_BUSY;
    }
    if (quick)
        (void)db_wait_set(st, wait);
    return rc;
}

int store_session_checkpoint(struct store *st, int64_t id, int64_t elapsed_s, int64_t now,
                             char *err, size_t errlen)
{
    return session_update(st, SQL_SES_CHECKPOINT,
                          SQL_ARGS(SQL_ARG(id), SQL_ARG(elapsed_s), SQL_ARG(now)), 1,
                          "saving the session's time", "has ended or is gone", err, errlen);
}

int store_session_finish(struct store *st, int64_t id, enum session_status status,
                         int64_t elapsed_s, int64_t ended_at, int pain_after, char *err,
                         size_t errlen)
{
    if (status != SESSION_DONE && status != SESSION_STOPPED) {
        db_set_err(err, errlen, "a session ends done or stopped, not %.20s",
                   session_status_code(status));
        return STORE_ERROR;
    }
    return session_update(st, SQL_SES_FINISH,
                          SQL_ARGS(SQL_ARG(id), SQL_ARG(session_status_code(status)),
                                   SQL_ARG(elapsed_s), SQL_ARG(ended_at),
                                   SQL_OPT(pain_after, SESSION_PAIN_NONE)),
                          1, "ending the session", "has already ended or is gone", err, errlen);
}

int store_session_rate(struct store *st, int64_t id, int pain_after, char *err, size_t errlen)
{
    return session_update(st, SQL_SES_RATE,
                          SQL_ARGS(SQL_ARG(id), SQL_OPT(pain_after, SESSION_PAIN_NONE)), 0,
                          "saving the pain after the session", "is gone", err, errlen);
}

int store_session_get(struct store *st, int64_t id, struct session *out, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_SES_GET, SQL_ARGS(SQL_ARG(id)), &s, "reading the session", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        rc = session_from_row(st, s, out, err, errlen);
    } else if (src == SQLITE_DONE) {
        db_set_err(err, errlen, "no session %lld", (long long)id);
        rc = STORE_NOT_FOUND;
    } else {
        rc = DB_FAIL(st->db, "reading session %lld", (long long)id);
    }
    db_release(s);
    return rc;
}

int store_pid_alive(int64_t pid, void *ctx)
{
    (void)ctx;
    if (pid <= 0 || pid > INT_MAX)
        return 0; /* kill() would read 0 and -1 as process groups */
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* SQL function unknot_owner_alive(pid) for SQL_SES_RECOVER: asks the
 * liveness test of the recovery in progress. A value that is no pid is no
 * live owner; with no recovery in progress everyone counts as alive, so
 * nothing is ever marked by accident. */
static void sql_owner_alive(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    const struct store *st = sqlite3_user_data(c);
    (void)argc;
    if (!st->alive)
        sqlite3_result_int(c, 1);
    else if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
        sqlite3_result_int(c, 0);
    else
        sqlite3_result_int(c, st->alive(sqlite3_value_int64(argv[0]), st->alive_ctx) != 0);
}

/* Registers unknot_owner_alive on the connection. DIRECTONLY: the schema
 * (a trigger or view) can never call it. */
int db_register_functions(struct store *st, char *err, size_t errlen)
{
    if (sqlite3_create_function_v2(st->db, "unknot_owner_alive", 1,
                                   SQLITE_UTF8 | SQLITE_DIRECTONLY, st, sql_owner_alive, NULL,
                                   NULL, NULL) != SQLITE_OK)
        return DB_FAIL(st->db, "registering unknot_owner_alive");
    return STORE_OK;
}

/* 1 when any session is running, 0 when none, STORE_ERROR. */
int db_sessions_any_running(struct store *st, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_SES_ANY_RUNNING, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    rc = src == SQLITE_ROW    ? 1
         : src == SQLITE_DONE ? 0
                              : DB_FAIL(st->db, "looking for running sessions");
    db_release(s);
    return rc;
}

int store_sessions_recover(struct store *st, int64_t now, store_alive_fn alive, void *ctx,
                           int *count, char *err, size_t errlen)
{
    if (count)
        *count = 0;
    if (!alive) {
        db_set_err(err, errlen, "store_sessions_recover: no liveness test");
        return STORE_ERROR;
    }
    int rc = db_sessions_any_running(st, err, errlen);
    if (rc <= 0)
        return rc; /* STORE_OK (0) when none runs */
    /* Best effort at every start: another writer (an import) must not
     * hold up the start for its whole wait; the next start tries again. */
    int wait = db_wait_set(st, STORE_WAIT_QUICK_MS);
    rc = db_tx_begin(st, err, errlen);
    (void)db_wait_set(st, wait);
    if (rc != STORE_OK)
        return rc;
    st->alive = alive;
    st->alive_ctx = ctx;
    rc = DB_EXEC(st, SQL_SES_RECOVER, "recovering interrupted sessions",
                 SQL_ARG(now - STORE_SESSION_STALE_S));
    int changed = rc == STORE_OK ? sqlite3_changes(st->db) : 0;
    st->alive = NULL;
    st->alive_ctx = NULL;
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK && count)
        *count = changed;
    return rc;
}

int store_session_last_ice_end(struct store *st, int64_t *ended_at, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_SES_LAST_ICE, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    if (src != SQLITE_ROW) {
        rc = DB_FAIL(st->db, "looking for the last ice session");
    } else if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
        db_set_err(err, errlen, "no ice session yet");
        rc = STORE_NOT_FOUND;
    } else {
        *ended_at = sqlite3_column_int64(s, 0);
    }
    db_release(s);
    return rc;
}

/* db_row_fn of the session iterator. */
static int session_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                       size_t errlen)
{
    (void)flags;
    return session_from_row(st, s, out, err, errlen);
}

int store_sessions_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST)
        return db_set_err(err, errlen, "invalid order %d", (int)order);
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_SES_RANGE_DESC : SQL_SES_RANGE_ASC;
    return db_iter_new(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), STORE_ROW_SESSION,
                       session_row, 0, "reading sessions", out, err, errlen);
}
