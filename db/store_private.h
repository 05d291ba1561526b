/* SPDX-License-Identifier: BSD-2-Clause */
/* store_private: what the files of db/ share and nothing outside db/ may
 * know. Include it only from the .c files of db/. The helpers are defined
 * in db/store.c (statements, errors, transactions, binds) and
 * db/store_iter.c (the iterator); their names start with db_ so they
 * cannot clash with anything outside db/.
 *
 * Every statement of db/ is in ONE table: enum stmt_id here, its SQL text
 * in db/store.c. Cached statements (db_stmt) are prepared on first use and
 * finalized at close; an iterator prepares its own copy, so two may run
 * side by side. Values are always bound, never formatted into SQL. */
#ifndef UNKNOT_STORE_PRIVATE_H
#define UNKNOT_STORE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "src/util.h"
#include "db/store.h"


enum stmt_id {
    /* store.c: pragmas, header, transactions */
    SQL_FOREIGN_KEYS,
    SQL_SYNCHRONOUS,
    SQL_CACHE_SIZE,
    SQL_HEADER,
    SQL_JOURNAL_WAL,
    SQL_SET_APP_ID,
    SQL_OPTIMIZE,
    SQL_DATA_VERSION,
    SQL_BEGIN,
    SQL_BEGIN_READ,
    SQL_COMMIT,
    SQL_ROLLBACK,
    /* store_health.c */
    SQL_INTEGRITY,
    SQL_PAGE_COUNT,
    /* store_episode.c */
    SQL_EP_INSERT,
    SQL_EP_UPDATE,
    SQL_EP_STATE,
    SQL_EP_END,
    SQL_EP_DELETE,
    SQL_EP_GET,
    SQL_EP_ONGOING,
    SQL_EP_ONGOING_ALL,
    SQL_EP_OVERLAP,
    SQL_EP_END_BEFORE,
    SQL_EP_COUNT,
    SQL_EP_RANGE_DESC,
    SQL_EP_RANGE_ASC,
    SQL_EP_SPANS,
    SQL_EP_BRIEF,
    SQL_EP_PAGE_DESC,
    SQL_EP_PAGE_ASC,
    SQL_EP_RANK,
    SQL_EP_DURATIONS_COUNT,
    SQL_EP_DURATIONS,
    SQL_EP_ACTIVE_ASC,
    SQL_EP_FIRST_START,
    SQL_EP_ACTIVE_DURATIONS_COUNT,
    SQL_EP_ACTIVE_DURATIONS,
    SQL_TAGS_DELETE,
    SQL_TAG_INSERT,
    SQL_TAGS_GET,
    /* store_check.c */
    SQL_CHECK_INSERT,
    SQL_CHECK_UPDATE,
    SQL_ANSWERS_DELETE,
    SQL_ANSWER_INSERT,
    SQL_CHECK_GET,
    SQL_CHECK_LATEST,
    SQL_CHECK_RANGE_DESC,
    SQL_CHECK_RANGE_ASC,
    SQL_ANSWERS_GET,
    /* store_session.c */
    SQL_SES_INSERT,
    SQL_SES_CHECKPOINT,
    SQL_SES_FINISH,
    SQL_SES_RATE,
    SQL_SES_GET,
    SQL_SES_ANY_RUNNING,
    SQL_SES_RECOVER,
    SQL_SES_LAST_ICE,
    SQL_SES_RANGE_DESC,
    SQL_SES_RANGE_ASC,
    /* store_xfer.c: import keeps the ids */
    SQL_IMP_EPISODE,
    SQL_IMP_TAG,
    SQL_IMP_SESSION,
    SQL_IMP_CHECK,
    /* store_reading.c */
    SQL_RD_FIRST,
    SQL_RD_INSERT,
    SQL_RD_GET,
    SQL_RD_DELETE,
    SQL_RD_UPDATE,
    SQL_RD_OF_EPISODE,
    SQL_RD_ACTIVE,
    SQL_RD_LATEST,
    SQL_RD_ALL,
    SQL_RD_BACKFILL,
    SQL_RD_SES_BEFORE,
    SQL_RD_SES_AFTER_DELETE,
    SQL_RD_SES_AFTER,
    SQL_IMP_READING,
    /* store_treatment.c */
    SQL_TR_EPISODE_AT,
    SQL_TR_PAIN_AT,
    SQL_TR_INSERT,
    SQL_TR_GET,
    SQL_TR_RATE,
    SQL_TR_RANGE_ASC,
    SQL_TR_RANGE_DESC,
    SQL_TR_RECENT_NAMES,
    SQL_IMP_TREATMENT,
    /* store_checkin.c: daily and weekly check-ins, and their import */
    SQL_CI_INSERT,
    SQL_CI_UPDATE,
    SQL_CI_BY_DAY,
    SQL_CI_RANGE_DESC,
    SQL_CI_RANGE_ASC,
    SQL_WK_INSERT,
    SQL_WK_LATEST,
    SQL_WK_RANGE_DESC,
    SQL_WK_RANGE_ASC,
    SQL_IMP_CHECKIN,
    SQL_IMP_WEEKLY,
    /* store_worse.c: the exercises that made a session worse */
    SQL_WORSE_DELETE,
    SQL_WORSE_INSERT,
    SQL_WORSE_RANGE,
    /* store_question.c: the questions for the next visit */
    SQL_Q_INSERT,
    SQL_Q_COUNT,
    SQL_Q_ALL,
    SQL_Q_CLEAR,
    SQL_Q_DELETE_NTH,
    SQL_IMP_QUESTION,
    SQL_COUNT
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[SQL_COUNT];
    /* The liveness test of the store_sessions_recover call in progress. */
    store_alive_fn alive;
    void *alive_ctx;
    int readonly; /* store_open_readonly: nothing is written, not even at close */
    int wrote;    /* a write transaction committed: worth a PRAGMA optimize at close */
    /* store_changed: PRAGMA data_version as last read, once one was. */
    int64_t data_version;
    int data_version_read;
    /* The wait for another writer (store_health.c): how long, since when,
     * and who is told once it lasts. */
    int wait_ms;
    int64_t busy_since;
    int busy_noticed;
    store_notice_fn notice;
    void *notice_ctx;
};

/* A connection is used by one thread only (unknot has one), so SQLite's
 * own mutexes on it are pure cost: about a sixth of a long scan. */
#define DB_OPEN_THREADS SQLITE_OPEN_NOMUTEX

/* ---- errors ---- */

/* Formats the message into err (NULL or errlen 0: nothing). Returns
 * STORE_ERROR, so a failure can be `return db_set_err(...)`. */
PRINTF_LIKE(3, 4)
int db_set_err(char *err, size_t errlen, const char *fmt, ...);

/* "<what>: <cause>" in db_plain_error's words (a damaged file or another
 * writer: that sentence alone; db NULL: "out of memory"), plus file:line
 * when file is not NULL. Call it before anything else runs on db (a
 * ROLLBACK would replace the message). Returns STORE_ERROR. Use DB_FAIL. */
PRINTF_LIKE(6, 7)
int db_fail_at(sqlite3 *db, char *err, size_t errlen, const char *file, int line,
               const char *fmt, ...);

/* The plain words for the last failure on db into buf (never SQL text nor
 * SQLite's own words for damage or locks). Returns 1 when they are a whole
 * sentence about the file (damaged, another writer busy) that stands
 * without the "what" of the caller, 0 when they follow "what: ". */
int db_plain_error(sqlite3 *db, char *buf, size_t len);

/* A failed prepare: its own reason would quote the statement, so plain
 * words instead. Returns STORE_ERROR. */
int db_fail_prepare(sqlite3 *db, char *err, size_t errlen);

/* DB_FAIL(db, fmt, ...) reports into the caller's `err` / `errlen`. Users
 * see the message; developers building with -DUNKNOT_DEBUG also see where
 * it came from. */
#ifndef UNKNOT_DEBUG
#define DB_FAIL(db, ...) db_fail_at((db), err, errlen, NULL, 0, __VA_ARGS__)
#else
#define DB_FAIL(db, ...) db_fail_at((db), err, errlen, __FILE__, __LINE__, __VA_ARGS__)
#endif

/* ---- typed binds (pkg's run_prstmt / SQL_ARG) ----
 * A statement's parameters are an array of struct db_arg bound to ?1..?n
 * in one call:
 *     DB_EXEC(st, SQL_EP_END, "ending episode", SQL_ARG(id), SQL_ARG(ended_at), SQL_ARG(now));
 * SQL_ARG takes any integer or a C string (NULL binds NULL); SQL_BUF a
 * char array, never read past its size; SQL_OPT(v, none) is NULL when v
 * equals none; SQL_BUF_OR_NULL binds "" as NULL. Text is bound
 * SQLITE_STATIC: it must outlive the step (db_release drops it). */
enum db_arg_type { DB_ARG_NULL, DB_ARG_INT, DB_ARG_TEXT };

struct db_arg {
    enum db_arg_type type;
    int64_t i;
    const char *s;
    int len; /* bytes of s, or -1 up to its NUL */
};

static inline struct db_arg db_arg_int(int64_t v)
{
    return (struct db_arg){.type = DB_ARG_INT, .i = v};
}

static inline struct db_arg db_arg_text(const char *s)
{
    return s ? (struct db_arg){.type = DB_ARG_TEXT, .s = s, .len = -1}
             : (struct db_arg){.type = DB_ARG_NULL};
}

static inline struct db_arg db_arg_buf(const char *buf, size_t size)
{
    return (struct db_arg){.type = DB_ARG_TEXT, .s = buf, .len = (int)strnlen(buf, size)};
}

#define SQL_ARG(v)                                                                  \
    _Generic((v), int: db_arg_int, unsigned char: db_arg_int, long: db_arg_int,     \
             long long: db_arg_int, char *: db_arg_text, const char *: db_arg_text)(v)
#define SQL_NULL ((struct db_arg){.type = DB_ARG_NULL})
#define SQL_OPT(v, none) ((v) == (none) ? SQL_NULL : SQL_ARG(v))
#define SQL_BUF(buf) db_arg_buf((buf), sizeof(buf))
#define SQL_BUF_OR_NULL(buf) ((buf)[0] ? SQL_BUF(buf) : SQL_NULL)
/* The argument list of db_exec / db_query: the array and its length. */
#define SQL_ARGS(...) \
    (const struct db_arg[]){__VA_ARGS__}, \
    (int)(sizeof((const struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg))

/* Binds args[0..n) to ?1..?n. Returns an SQLite code. */
int db_bind(sqlite3_stmt *s, const struct db_arg *args, int n);

/* ---- statements ---- */

/* The SQL text of statement id (static storage), for EXPLAIN QUERY PLAN in
 * the tests; NULL outside the table. */
const char *db_sql(enum stmt_id id);

/* The cached statement id, prepared on first use. */
int db_stmt(struct store *st, enum stmt_id id, sqlite3_stmt **out, char *err, size_t errlen);

/* The cached statement id with args bound, ready to step; on failure it
 * is released and `what` names it in err. The caller db_release()s it. */
int db_query(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
             sqlite3_stmt **out, const char *what, char *err, size_t errlen);

/* Makes a cached statement ready for its next use and ends its read. */
void db_release(sqlite3_stmt *s);

/* Steps a bound statement to SQLITE_DONE (rows are skipped) and releases
 * it; `what` names it in err. */
int db_step_done(struct store *st, sqlite3_stmt *s, const char *what, char *err, size_t errlen);

/* db_query + db_step_done: runs cached statement id with args. */
int db_exec(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
            const char *what, char *err, size_t errlen);
#define DB_EXEC(st, id, what, ...) db_exec((st), (id), SQL_ARGS(__VA_ARGS__), (what), err, errlen)
/* A statement without parameters. */
int db_run(struct store *st, enum stmt_id id, const char *what, char *err, size_t errlen);

/* A private copy of statement id, for an iterator; the caller finalizes. */
int db_prepare_own(struct store *st, enum stmt_id id, sqlite3_stmt **out, char *err,
                   size_t errlen);

/* store_session.c: registers unknot_owner_alive() for SQL_SES_RECOVER. */
int db_register_functions(struct store *st, char *err, size_t errlen);
/* store_session.c: 1 when a session is marked running, 0 when none is, or
 * a store error. */
int db_sessions_any_running(struct store *st, char *err, size_t errlen);
/* store_reading.c: the first reading of episode id (its intensity at its
 * start), inserted or brought up to date, inside the caller's
 * transaction. */
int db_first_reading(struct store *st, int64_t id, const struct episode *ep, int64_t now,
                     char *err, size_t errlen);
/* store_reading.c: readings of session id's pain before (at its start) or
 * after (at its end) for its episode, inside the caller's transaction;
 * nothing when the session has no episode or no such pain. */
int db_session_readings(struct store *st, int64_t id, int after, char *err, size_t errlen);
/* store_reading.c: a first reading for every episode without one (an
 * import of an export made before readings existed). */
int db_readings_backfill(struct store *st, char *err, size_t errlen);
/* unknot_item_from_v1(item) for schema step 3 (store_check.c). */
int db_register_check_functions(struct store *st, char *err, size_t errlen);

/* ---- waiting for other writers (store_health.c) ---- */

/* Installs the busy handler with STORE_WAIT_DEFAULT_MS; the first thing
 * store_open and store_open_readonly do. */
int db_busy_init(struct store *st, char *err, size_t errlen);
/* Sets how long a statement waits for another writer; returns the old
 * value, to put back. */
int db_wait_set(struct store *st, int ms);
/* PRAGMA journal_mode = WAL, retried while another first start holds the
 * file (SQLite refuses that case at once, without waiting). */
int db_set_wal(struct store *st, char *err, size_t errlen);
/* 1 when the last failure on st was another writer holding the lock. */
int db_is_busy(struct store *st);

/* ---- transactions ---- */

int db_tx_begin(struct store *st, char *err, size_t errlen);
/* Commits when rc is STORE_OK, else rolls back; returns the final status.
 * The first message in err is kept. */
int db_tx_end(struct store *st, int rc, char *err, size_t errlen);

/* ---- columns ---- */

/* Copies text column col into buf (size bytes with the NUL); NULL reads
 * as "". Returns 0, or -1 when it does not fit or memory ran out. */
int db_column_copy(sqlite3_stmt *s, int col, char *buf, size_t size);

/* A nullable integer column: NULL reads as none. */
static inline int64_t db_column_opt(sqlite3_stmt *s, int col, int64_t none)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL ? none : sqlite3_column_int64(s, col);
}

/* ---- rows read by more than one file ---- */

/* Fills *ep from a row of DB_EP_COLS; no tags (ntags = 0). */
#define DB_EP_COLS "id, started_at, ended_at, intensity, region, side, notes, created_at, updated_at"
int db_episode_from_row(struct store *st, sqlite3_stmt *s, struct episode *ep, char *err,
                        size_t errlen);
/* Reads the tags of ep->id in stored order (while ep's row is current). */
int db_tags_load(struct store *st, struct episode *ep, char *err, size_t errlen);
/* Reads the answers of c->id (while c's row is current). The one reader
 * of answer rows. */
int db_answers_load(struct store *st, struct check *c, char *err, size_t errlen);
/* Inserts the answer rows of c as check id (items 1..nanswers less the
 * gaps), counting them in n->answers when n is not NULL. The one writer
 * of answer rows. */
int db_answers_insert(struct store *st, int64_t id, const struct check *c,
                      struct store_import_counts *n, char *err, size_t errlen);

/* Imports the daily or weekly check-in of row (store_checkin.c), keeping
 * its id, counting it in n. A day already checked in is refused. */
int db_import_checkin(struct store *st, const struct store_import_row *row,
                      struct store_import_counts *n, char *err, size_t errlen);

/* Imports the row->worse row of an export (store_worse.c; import and
 * the patient's answer share its one insert), counting it in n. A session
 * neither in the database nor earlier in the file is refused. */
int db_import_worse(struct store *st, const struct store_import_row *row,
                    struct store_import_counts *n, char *err, size_t errlen);

/* Imports the row->q question of an export (store_question.c), keeping
 * its id, counting it in n. */
int db_import_question(struct store *st, const struct store_import_row *row,
                       struct store_import_counts *n, char *err, size_t errlen);

/* ---- the iterator (store_iter.c) ----
 * One struct store_iter over a private statement; read() turns its
 * current row into the caller's record (with the iterator's load flags). */
typedef int (*db_row_fn)(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                         size_t errlen);

/* Prepares a private copy of statement id, binds args, and hands out an
 * iterator of rows of type row. what ("reading episodes") names it in
 * messages. */
int db_iter_new(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
                enum store_row row, db_row_fn read, int flags, const char *what,
                struct store_iter **out, char *err, size_t errlen);

/* Reads the first row of bound statement s with read() into out, then
 * releases s. STORE_NOT_FOUND with "WHAT: none" when there is no row. */
int db_read_one(struct store *st, sqlite3_stmt *s, db_row_fn read, int flags, void *out,
                const char *what, char *err, size_t errlen);

#endif
