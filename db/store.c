/* store: the SQLite side of unknot. Every statement is in sql_text[] below,
 * prepared on first use and finalized at close; values are always bound,
 * never formatted into SQL. Every write is one BEGIN IMMEDIATE transaction. */
#include "db/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/schema.h"
#include "db/store_private.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* ---------------------------------------------------------------------
 * Statements */

enum stmt_id {
    SQL_BUSY_TIMEOUT,
    SQL_FOREIGN_KEYS,
    SQL_SYNCHRONOUS,
    SQL_CACHE_SIZE,
    SQL_HEADER,
    SQL_JOURNAL_WAL,
    SQL_SET_APP_ID,
    SQL_OPTIMIZE,
    SQL_BEGIN,
    SQL_COMMIT,
    SQL_ROLLBACK,
    SQL_EP_INSERT,
    SQL_EP_UPDATE,
    SQL_EP_STATE,
    SQL_EP_END,
    SQL_EP_DELETE,
    SQL_EP_GET,
    SQL_EP_ONGOING,
    SQL_EP_COUNT,
    SQL_EP_RANGE_DESC,
    SQL_EP_RANGE_ASC,
    SQL_EP_PAGE_DESC,
    SQL_EP_PAGE_ASC,
    SQL_EP_RANK,
    SQL_TAGS_DELETE,
    SQL_TAG_INSERT,
    SQL_TAGS_GET,
    SQL_CHECK_INSERT,
    SQL_ANSWER_INSERT,
    SQL_CHECK_GET,
    SQL_CHECK_LATEST,
    SQL_CHECK_RANGE,
    SQL_ANSWERS_GET,
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
    SQL_COUNT
};

/* Column order read by episode_from_row() and check_from_row();
 * session_from_row() reads DB_SES_COLS (store_private.h). */
#define EP_COLS "id, started_at, ended_at, intensity, region, side, notes, created_at, updated_at"
#define CHECK_COLS "id, taken_at, verdict"
/* A clock set back must not trip the schema's "ends after start" CHECK. */
#define SES_NOT_BEFORE_START(t) "max(" t ", started_at)"

/* The history filter, ?1: NULL for every episode, else a LIKE pattern made
 * by filter_bind() with \ as its escape character. LIKE ignores the case
 * of ASCII letters only. */
#define EP_FILTER "(?1 IS NULL OR notes LIKE ?1 ESCAPE '\\' OR region LIKE ?1 ESCAPE '\\'" \
                  " OR EXISTS (SELECT 1 FROM episode_tags AS t WHERE t.episode_id = episodes.id" \
                  " AND t.tag LIKE ?1 ESCAPE '\\'))"

static const char *const sql_text[SQL_COUNT] = {
    [SQL_BUSY_TIMEOUT] = "PRAGMA busy_timeout = 5000",
    [SQL_FOREIGN_KEYS] = "PRAGMA foreign_keys = ON",
    [SQL_SYNCHRONOUS] = "PRAGMA synchronous = FULL",
    /* A small page cache keeps memory flat over long scans (flags, report);
     * the OS caches the file anyway, so reads stay fast. */
    [SQL_CACHE_SIZE] = "PRAGMA cache_size = -512",
    /* Read-only look at what the file is before anything is written. */
    [SQL_HEADER] = "SELECT (SELECT application_id FROM pragma_application_id),"
                   " (SELECT user_version FROM pragma_user_version),"
                   " (SELECT count(*) FROM sqlite_master)",
    [SQL_JOURNAL_WAL] = "PRAGMA journal_mode = WAL",
    [SQL_SET_APP_ID] = "PRAGMA application_id = " STR(SCHEMA_APPLICATION_ID),
    [SQL_OPTIMIZE] = "PRAGMA optimize",
    [SQL_BEGIN] = "BEGIN IMMEDIATE",
    [SQL_COMMIT] = "COMMIT",
    [SQL_ROLLBACK] = "ROLLBACK",
    [SQL_EP_INSERT] = "INSERT INTO episodes (started_at, ended_at, intensity, region, side,"
                      " notes, created_at, updated_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    [SQL_EP_UPDATE] = "UPDATE episodes SET started_at = ?1, ended_at = ?2, intensity = ?3,"
                      " region = ?4, side = ?5, notes = ?6, updated_at = ?7 WHERE id = ?8",
    [SQL_EP_STATE] = "SELECT ended_at FROM episodes WHERE id = ?1",
    [SQL_EP_END] = "UPDATE episodes SET ended_at = ?2, updated_at = ?3"
                   " WHERE id = ?1 AND ended_at IS NULL",
    [SQL_EP_DELETE] = "DELETE FROM episodes WHERE id = ?1",
    [SQL_EP_GET] = "SELECT " EP_COLS " FROM episodes WHERE id = ?1",
    [SQL_EP_ONGOING] = "SELECT " EP_COLS " FROM episodes WHERE ended_at IS NULL"
                       " ORDER BY started_at DESC, id DESC LIMIT 1",
    [SQL_EP_COUNT] = "SELECT count(*) FROM episodes WHERE started_at BETWEEN ?1 AND ?2",
    [SQL_EP_RANGE_DESC] = "SELECT " EP_COLS " FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                          " ORDER BY started_at DESC, id DESC",
    [SQL_EP_RANGE_ASC] = "SELECT " EP_COLS " FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                         " ORDER BY started_at, id",
    /* Keyset pages: the row value compares started_at first, then id, the
     * order of the episodes_started_at index (whose entries end with the
     * rowid), so a page is an index range, not a scan from the start. */
    [SQL_EP_PAGE_DESC] = "SELECT " EP_COLS " FROM episodes WHERE (started_at, id) < (?2, ?3)"
                         " AND " EP_FILTER " ORDER BY started_at DESC, id DESC LIMIT ?4",
    [SQL_EP_PAGE_ASC] = "SELECT " EP_COLS " FROM episodes WHERE (started_at, id) > (?2, ?3)"
                        " AND " EP_FILTER " ORDER BY started_at, id LIMIT ?4",
    [SQL_EP_RANK] = "SELECT count(*) FROM episodes WHERE (started_at, id) > (?2, ?3)"
                    " AND " EP_FILTER,
    [SQL_TAGS_DELETE] = "DELETE FROM episode_tags WHERE episode_id = ?1",
    /* A repeated tag is dropped, as episode_add_tag() does; DO NOTHING
     * covers only the key, unlike OR IGNORE, which would also swallow a
     * CHECK failure. */
    [SQL_TAG_INSERT] = "INSERT INTO episode_tags (episode_id, kind, tag) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT (episode_id, kind, tag) DO NOTHING",
    [SQL_TAGS_GET] = "SELECT kind, tag FROM episode_tags WHERE episode_id = ?1 ORDER BY rowid",
    [SQL_CHECK_INSERT] = "INSERT INTO checks (taken_at, verdict) VALUES (?1, ?2)",
    [SQL_ANSWER_INSERT] = "INSERT INTO check_answers (check_id, item, answer) VALUES (?1, ?2, ?3)",
    [SQL_CHECK_GET] = "SELECT " CHECK_COLS " FROM checks WHERE id = ?1",
    [SQL_CHECK_LATEST] = "SELECT " CHECK_COLS " FROM checks ORDER BY taken_at DESC, id DESC LIMIT 1",
    [SQL_CHECK_RANGE] = "SELECT " CHECK_COLS " FROM checks WHERE taken_at BETWEEN ?1 AND ?2"
                        " ORDER BY taken_at DESC, id DESC",
    [SQL_ANSWERS_GET] = "SELECT item, answer FROM check_answers WHERE check_id = ?1 ORDER BY item",
    /* The episode link is read in the same statement as the insert, so no
     * other writer can end that episode in between. */
    [SQL_SES_INSERT] = "INSERT INTO sessions (kind, routine, hold_s, planned_s, elapsed_s,"
                       " started_at, status, episode_id, pain_before, checkpoint_at, owner_pid)"
                       " VALUES (?1, ?2, ?3, ?4, 0, ?5, 'running',"
                       " (SELECT id FROM episodes WHERE ended_at IS NULL"
                       "  ORDER BY started_at DESC, id DESC LIMIT 1), ?6, ?5, ?7)"
                       " RETURNING id, episode_id",
    /* Also takes back a row another unknot marked interrupted while this
     * owner was suspended: the owner knows best that it still runs. */
    [SQL_SES_CHECKPOINT] = "UPDATE sessions SET elapsed_s = ?2, checkpoint_at = "
                           SES_NOT_BEFORE_START("?3") ", status = 'running', ended_at = NULL"
                           " WHERE id = ?1 AND status IN ('running', 'interrupted')",
    [SQL_SES_FINISH] = "UPDATE sessions SET status = ?2, elapsed_s = ?3,"
                       " ended_at = " SES_NOT_BEFORE_START("?4") ","
                       " checkpoint_at = " SES_NOT_BEFORE_START("?4") ","
                       " pain_after = coalesce(?5, pain_after)"
                       " WHERE id = ?1 AND status IN ('running', 'interrupted')",
    [SQL_SES_RATE] = "UPDATE sessions SET pain_after = ?2 WHERE id = ?1",
    [SQL_SES_GET] = "SELECT " DB_SES_COLS " FROM sessions WHERE id = ?1",
    /* Read before any write lock is taken: nearly every start finds none. */
    [SQL_SES_ANY_RUNNING] = "SELECT 1 FROM sessions WHERE status = 'running' LIMIT 1",
    /* unknot_owner_alive() is registered by store_setup; see sessions_recover. */
    [SQL_SES_RECOVER] = "UPDATE sessions SET status = 'interrupted', ended_at = "
                        SES_NOT_BEFORE_START("coalesce(checkpoint_at, started_at)")
                        " WHERE status = 'running' AND (owner_pid IS NULL"
                        " OR coalesce(checkpoint_at, started_at) < ?1"
                        " OR NOT unknot_owner_alive(owner_pid))",
    [SQL_SES_LAST_ICE] = "SELECT max(coalesce(ended_at, checkpoint_at)) FROM sessions"
                         " WHERE kind = 'ice' AND elapsed_s > 0",
    [SQL_SES_RANGE_DESC] = "SELECT " DB_SES_COLS " FROM sessions"
                           " WHERE started_at BETWEEN ?1 AND ?2 ORDER BY started_at DESC, id DESC",
    [SQL_SES_RANGE_ASC] = "SELECT " DB_SES_COLS " FROM sessions"
                          " WHERE started_at BETWEEN ?1 AND ?2 ORDER BY started_at, id",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[SQL_COUNT];
    /* The liveness test of the store_sessions_recover call in progress. */
    store_alive_fn alive;
    void *alive_ctx;
};

enum iter_state { ITER_RUNNING, ITER_DONE, ITER_FAILED };

struct store_episode_iter {
    struct store *st;
    sqlite3_stmt *stmt; /* its own: two iterators may run side by side */
    int flags;
    enum iter_state state;
};

struct store_check_iter {
    struct store *st;
    sqlite3_stmt *stmt;
    enum iter_state state;
};

struct store_session_iter {
    struct store *st;
    sqlite3_stmt *stmt;
    enum iter_state state;
};

/* Codes stored in the database, keyed by the enums of src/episode.h. They
 * are part of the schema (its CHECKs list them), so they live here rather
 * than being borrowed from the display vocabulary. */
static const char *const region_codes[REGION_COUNT] = {
    [REGION_LOWER] = "lower",
    [REGION_MID] = "mid",
    [REGION_UPPER] = "upper",
    [REGION_NECK] = "neck",
};

static const char *const side_codes[SIDE_COUNT] = {
    [SIDE_UNSET] = NULL, /* stored as NULL */
    [SIDE_LEFT] = "left",
    [SIDE_RIGHT] = "right",
    [SIDE_BOTH] = "both",
    [SIDE_CENTER] = "center",
};

static const char *const kind_codes[TAG_KIND_COUNT] = {
    [TAG_TRIGGER] = "trigger",
    [TAG_SYMPTOM] = "symptom",
    [TAG_RELIEF] = "relief",
    [TAG_MEDICATION] = "medication",
};

/* ---------------------------------------------------------------------
 * Errors */

/* Shared with db/store_io.c through store_private.h. */
int db_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return STORE_ERROR;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return STORE_ERROR;
}

/* "<what>: <sqlite3_errmsg>", plus the place in debug builds (see
 * DB_FAIL in store_private.h). */
int db_fail_at(sqlite3 *db, char *err, size_t errlen, const char *file, int line,
               const char *fmt, ...)
{
    if (!err || errlen == 0)
        return STORE_ERROR;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    const char *msg = db ? sqlite3_errmsg(db) : "out of memory";
    if (file)
        snprintf(err, errlen, "%s: %s (%s:%d)", what, msg, file, line);
    else
        snprintf(err, errlen, "%s: %s", what, msg);
    return STORE_ERROR;
}

/* ---------------------------------------------------------------------
 * Statement helpers */

static int stmt_get(struct store *st, enum stmt_id id, sqlite3_stmt **out, char *err,
                    size_t errlen)
{
    if (!st->stmt[id]) {
        int rc = sqlite3_prepare_v3(st->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[id], NULL);
        if (rc != SQLITE_OK)
            return DB_FAIL(st->db, "preparing \"%.40s\"", sql_text[id]);
    }
    *out = st->stmt[id];
    return STORE_OK;
}

/* Makes a cached statement ready for its next use and ends its read. The
 * codes are not checked on purpose: sqlite3_reset repeats the error of the
 * last step, which the caller has already reported, and
 * sqlite3_clear_bindings always succeeds. Clearing also drops the pointers
 * to the caller's strings bound with SQLITE_STATIC. */
static void stmt_release(sqlite3_stmt *s)
{
    (void)sqlite3_reset(s);
    (void)sqlite3_clear_bindings(s);
}

/* Runs a cached statement without parameters to completion. */
static int stmt_run(struct store *st, enum stmt_id id, const char *what, char *err,
                    size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, id, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        DB_FAIL(st->db, "%s", what);
        stmt_release(s);
        return STORE_ERROR;
    }
    stmt_release(s);
    return STORE_OK;
}

/* Steps a bound write statement once; it must finish (SQLITE_DONE). */
static int stmt_write(struct store *st, sqlite3_stmt *s, const char *what, char *err,
                      size_t errlen)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        DB_FAIL(st->db, "%s", what);
        stmt_release(s);
        return STORE_ERROR;
    }
    stmt_release(s);
    return STORE_OK;
}

/* See store_private.h. */
int db_bind_buf(sqlite3_stmt *s, int i, const char *buf, size_t size)
{
    return sqlite3_bind_text(s, i, buf, (int)strnlen(buf, size), SQLITE_STATIC);
}

/* See store_private.h. */
int db_column_copy(sqlite3_stmt *s, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (!t && sqlite3_column_type(s, col) != SQLITE_NULL)
        return -1;
    if (n >= size)
        return -1;
    if (n)
        memcpy(buf, t, n);
    buf[n] = '\0';
    return 0;
}

/* Index of the text column in codes[0..n), or -1. NULL entries never match. */
static int column_code(sqlite3_stmt *s, int col, const char *const *codes, int n)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    if (!t)
        return -1;
    for (int i = 0; i < n; i++)
        if (codes[i] && strcmp(codes[i], t) == 0)
            return i;
    return -1;
}

/* ---------------------------------------------------------------------
 * Transactions */

static int tx_begin(struct store *st, char *err, size_t errlen)
{
    return stmt_run(st, SQL_BEGIN, "starting a transaction", err, errlen);
}

/* Commits when rc is STORE_OK, else rolls back; returns the final status.
 * The first message in err is kept. */
static int tx_end(struct store *st, int rc, char *err, size_t errlen)
{
    if (rc == STORE_OK) {
        rc = stmt_run(st, SQL_COMMIT, "saving", err, errlen);
        if (rc == STORE_OK)
            return STORE_OK;
    }
    /* Some errors (SQLITE_FULL, I/O) already rolled the transaction back. */
    if (!sqlite3_get_autocommit(st->db)) {
        char rb[STORE_ERR_LEN];
        if (stmt_run(st, SQL_ROLLBACK, "rolling back", rb, sizeof(rb)) != STORE_OK && err) {
            size_t used = strnlen(err, errlen);
            if (used + 2 < errlen)
                snprintf(err + used, errlen - used, "; %s", rb);
        }
    }
    return rc;
}

/* ---------------------------------------------------------------------
 * Opening */

static int register_functions(struct store *st, char *err, size_t errlen);

int store_schema_version(void)
{
    return schema_steps[schema_step_count - 1].version;
}

int store_default_path(const char *explicit_path, char *out, size_t outlen)
{
    if (!out || outlen == 0)
        return -1;
    const char *v;
    int n = -1;
    if (explicit_path)
        n = snprintf(out, outlen, "%s", explicit_path);
    else if ((v = getenv("UNKNOT_DB")) && *v)
        n = snprintf(out, outlen, "%s", v);
    /* The XDG spec says to ignore a relative XDG_DATA_HOME. */
    else if ((v = getenv("XDG_DATA_HOME")) && *v == '/')
        n = snprintf(out, outlen, "%s/unknot/unknot.db", v);
    else if ((v = getenv("HOME")) && *v)
        n = snprintf(out, outlen, "%s/.local/share/unknot/unknot.db", v);
    if (n < 0 || (size_t)n >= outlen) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

static int ensure_dir(const char *dir, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return STORE_OK;
        db_set_err(err, errlen, "cannot create directory %s: a file is in the way", dir);
        return STORE_ERROR;
    }
    if (errno == ENOENT && (mkdir(dir, 0700) == 0 || errno == EEXIST))
        return STORE_OK;
    db_set_err(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
    return STORE_ERROR;
}

/* mkdir -p of the directory part of path; directories made here get 0700,
 * existing ones are left as they are. */
static int make_parent_dirs(const char *path, char *err, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return STORE_OK; /* the current directory, or / */
    size_t len = (size_t)(slash - path);
    char *dir = malloc(len + 1);
    if (!dir) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    memcpy(dir, path, len);
    dir[len] = '\0';
    int rc = STORE_OK;
    for (size_t i = 1; i <= len && rc == STORE_OK; i++) {
        if (dir[i] != '/' && dir[i] != '\0')
            continue;
        char c = dir[i];
        dir[i] = '\0';
        rc = ensure_dir(dir, err, errlen);
        dir[i] = c;
    }
    free(dir);
    return rc;
}

/* Decides from what a file says about itself whether unknot may use it.
 * nobjects is the number of schema objects. */
static int judge_header(const char *path, uint32_t app_id, int64_t version, int64_t nobjects,
                        char *err, size_t errlen)
{
    if (app_id != SCHEMA_APPLICATION_ID) {
        if (app_id != 0) {
            db_set_err(err, errlen,
                       "%s belongs to another program (application_id 0x%08lx, unknot's is "
                       "0x%08lx); refusing to use it",
                       path, (unsigned long)app_id, (unsigned long)SCHEMA_APPLICATION_ID);
            return STORE_NOT_OURS;
        }
        if (nobjects > 0 || version != 0) {
            db_set_err(err, errlen,
                       "%s is an SQLite database of another program (it has tables but no "
                       "unknot application_id); refusing to use it",
                       path);
            return STORE_NOT_OURS;
        }
    }
    if (version < 0) {
        db_set_err(err, errlen, "%s has a negative schema version %lld; refusing to use it",
                   path, (long long)version);
        return STORE_NOT_OURS;
    }
    if (version > store_schema_version()) {
        db_set_err(err, errlen,
                   "database %s was written by a newer unknot (schema %lld, this build knows "
                   "%d); upgrade unknot",
                   path, (long long)version, store_schema_version());
        return STORE_NEWER;
    }
    return STORE_OK;
}

/* Creates the file with mode 0600 when it is missing (SQLite would make it
 * 0644); an existing file, and its mode, is not touched. O_EXCL matters
 * beyond the race: closing a descriptor of a file this process already has
 * open through SQLite would drop that connection's POSIX locks. */
static int file_create(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return STORE_OK;
        db_set_err(err, errlen, "cannot create database %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    if (close(fd) != 0) {
        db_set_err(err, errlen, "cannot create database %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Reads application_id, user_version and the number of schema objects
 * through SQLite (which sees pages still in the WAL). Writes nothing to
 * the database file; on a WAL file SQLite makes -wal/-shm for the read and
 * removes them again at close. */
static int read_header(struct store *st, const char *path, uint32_t *app_id, int64_t *version,
                       int64_t *nobjects, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_HEADER, &s, err, errlen);
    if (rc != STORE_OK) {
        if (sqlite3_errcode(st->db) == SQLITE_NOTADB) {
            db_set_err(err, errlen, "%s is not an SQLite database; refusing to use it", path);
            return STORE_NOT_OURS;
        }
        return rc;
    }
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_NOTADB)
            db_set_err(err, errlen, "%s is not an SQLite database; refusing to use it", path);
        else
            DB_FAIL(st->db, "reading database %s", path);
        stmt_release(s);
        return rc == SQLITE_NOTADB ? STORE_NOT_OURS : STORE_ERROR;
    }
    *app_id = (uint32_t)sqlite3_column_int64(s, 0);
    *version = sqlite3_column_int64(s, 1);
    *nobjects = sqlite3_column_int64(s, 2);
    stmt_release(s);
    return STORE_OK;
}

/* Applies every pending step and stamps the application_id, all in one
 * transaction. The header is read again under the write lock: another
 * unknot may have migrated (or a newer one upgraded) the file meanwhile. */
static int migrate(struct store *st, const char *path, char *err, size_t errlen)
{
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    uint32_t app_id;
    int64_t version, nobjects;
    rc = read_header(st, path, &app_id, &version, &nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = judge_header(path, app_id, version, nobjects, err, errlen);
    int applied = 0;
    for (size_t i = 0; rc == STORE_OK && i < schema_step_count; i++) {
        if (schema_steps[i].version <= version)
            continue;
        if (sqlite3_exec(st->db, schema_steps[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            rc = DB_FAIL(st->db, "upgrading %s to schema %d", path, schema_steps[i].version);
        applied = 1;
    }
    if (rc == STORE_OK && applied)
        rc = stmt_run(st, SQL_SET_APP_ID, "marking the database as unknot's", err, errlen);
    return tx_end(st, rc, err, errlen);
}

/* Finalizes everything and closes without writing (no PRAGMA optimize). */
static void store_teardown(struct store *st)
{
    for (int i = 0; i < SQL_COUNT; i++) {
        /* Returns the last step's error, reported when it happened. */
        (void)sqlite3_finalize(st->stmt[i]);
        st->stmt[i] = NULL;
    }
    /* sqlite3_close fails only while statements are alive, i.e. an
     * iterator not yet freed: close_v2 then finishes when it is. */
    if (sqlite3_close(st->db) != SQLITE_OK)
        (void)sqlite3_close_v2(st->db);
    free(st);
}

static int store_setup(struct store *st, const char *path, int memory, char *err,
                       size_t errlen)
{
    /* The header first: on a file that is not SQLite, every statement that
     * reads the schema fails, and that should say "not ours". */
    int rc = stmt_run(st, SQL_BUSY_TIMEOUT, "setting busy_timeout", err, errlen);
    uint32_t app_id = 0;
    int64_t version = 0, nobjects = 0;
    if (rc == STORE_OK)
        rc = read_header(st, path, &app_id, &version, &nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = judge_header(path, app_id, version, nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = register_functions(st, err, errlen);
    if (rc == STORE_OK)
        rc = stmt_run(st, SQL_FOREIGN_KEYS, "setting foreign_keys", err, errlen);
    if (rc == STORE_OK)
        rc = stmt_run(st, SQL_SYNCHRONOUS, "setting synchronous", err, errlen);
    if (rc == STORE_OK)
        rc = stmt_run(st, SQL_CACHE_SIZE, "setting cache_size", err, errlen);
    /* Only now may the file change: journal_mode = WAL writes its header. */
    if (rc == STORE_OK && !memory)
        rc = stmt_run(st, SQL_JOURNAL_WAL, "setting journal_mode", err, errlen);
    if (rc == STORE_OK && version < store_schema_version())
        rc = migrate(st, path, err, errlen);
    return rc;
}

int store_open(struct store **out, const char *path, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!out) {
        db_set_err(err, errlen, "store_open: no result pointer");
        return STORE_ERROR;
    }
    *out = NULL;
    if (!path || !*path) {
        db_set_err(err, errlen, "empty database path");
        return STORE_ERROR;
    }
    int memory = strcmp(path, ":memory:") == 0;
    int rc;
    if (!memory) {
        rc = make_parent_dirs(path, err, errlen);
        if (rc == STORE_OK)
            rc = file_create(path, err, errlen);
        if (rc != STORE_OK)
            return rc;
    }
    struct store *st = calloc(1, sizeof(*st));
    if (!st) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    /* No SQLITE_OPEN_CREATE for files: file_create made it with 0600. */
    int flags = SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        DB_FAIL(st->db, "cannot open database %s", path);
        store_teardown(st);
        return STORE_ERROR;
    }
    rc = store_setup(st, path, memory, err, errlen);
    if (rc != STORE_OK) {
        store_teardown(st);
        return rc;
    }
    /* Every start of unknot, full-screen or command, ends the sessions a
     * killed unknot left running. Best effort on purpose: a busy or
     * read-only database must not keep anyone from their log, and the
     * next start tries again. */
    char rerr[STORE_ERR_LEN];
    (void)store_sessions_recover(st, (int64_t)time(NULL), store_pid_alive, NULL, NULL, rerr,
                                 sizeof(rerr));
    *out = st;
    return STORE_OK;
}

void store_close(struct store **stp)
{
    if (!stp || !*stp)
        return;
    struct store *st = *stp;
    char err[STORE_ERR_LEN];
    /* Advisory: a failure leaves the statistics as they were; there is no
     * one to tell on the way out. */
    (void)stmt_run(st, SQL_OPTIMIZE, "optimizing", err, sizeof(err));
    store_teardown(st);
    *stp = NULL;
}

/* ---------------------------------------------------------------------
 * Episodes */

/* Refuses enum values outside their range before anything is written
 * (they would index past the code tables). Intensity and text lengths are
 * left to the schema. */
static int episode_check_enums(const struct episode *ep, char *err, size_t errlen)
{
    if ((unsigned)ep->region >= REGION_COUNT) {
        db_set_err(err, errlen, "invalid region %d", (int)ep->region);
        return STORE_ERROR;
    }
    if ((unsigned)ep->side >= SIDE_COUNT) {
        db_set_err(err, errlen, "invalid side %d", (int)ep->side);
        return STORE_ERROR;
    }
    if (ep->ntags > EPISODE_MAX_TAGS) {
        db_set_err(err, errlen, "too many tags (%zu, at most %d)", ep->ntags, EPISODE_MAX_TAGS);
        return STORE_ERROR;
    }
    for (size_t i = 0; i < ep->ntags; i++) {
        if ((unsigned)ep->tags[i].kind >= TAG_KIND_COUNT) {
            db_set_err(err, errlen, "invalid tag kind %d", (int)ep->tags[i].kind);
            return STORE_ERROR;
        }
    }
    return STORE_OK;
}

/* Binds ?1..?7 of SQL_EP_INSERT / SQL_EP_UPDATE. */
static int episode_bind(sqlite3_stmt *s, const struct episode *ep, int64_t now)
{
    int rc = sqlite3_bind_int64(s, 1, ep->started_at);
    if (rc == SQLITE_OK)
        rc = ep->ended_at == EPISODE_ONGOING ? sqlite3_bind_null(s, 2)
                                             : sqlite3_bind_int64(s, 2, ep->ended_at);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 3, ep->intensity);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 4, region_codes[ep->region], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = ep->side == SIDE_UNSET
                 ? sqlite3_bind_null(s, 5)
                 : sqlite3_bind_text(s, 5, side_codes[ep->side], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = db_bind_buf(s, 6, ep->note, sizeof(ep->note));
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 7, now);
    return rc;
}

static int tags_insert(struct store *st, int64_t id, const struct episode *ep, char *err,
                       size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_TAG_INSERT, &s, err, errlen);
    for (size_t i = 0; rc == STORE_OK && i < ep->ntags; i++) {
        const struct episode_tag *t = &ep->tags[i];
        int brc = sqlite3_bind_int64(s, 1, id);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_text(s, 2, kind_codes[t->kind], -1, SQLITE_STATIC);
        if (brc == SQLITE_OK)
            brc = db_bind_buf(s, 3, t->text, sizeof(t->text));
        if (brc != SQLITE_OK) {
            rc = DB_FAIL(st->db, "saving tag %s", t->text);
            stmt_release(s);
        } else {
            char what[64 + EPISODE_TAG_MAX];
            snprintf(what, sizeof(what), "saving %s tag '%.*s'", kind_codes[t->kind],
                     EPISODE_TAG_MAX, t->text);
            rc = stmt_write(st, s, what, err, errlen);
        }
    }
    return rc;
}

/* Fills ep from a row of EP_COLS; no tags (ntags = 0). Sets every field
 * without clearing the whole struct: iterating 100,000 rows should not
 * mean wiping 100,000 times 10 kB. */
static int episode_from_row(struct store *st, sqlite3_stmt *s, struct episode *ep, char *err,
                            size_t errlen)
{
    ep->id = sqlite3_column_int64(s, 0);
    ep->started_at = sqlite3_column_int64(s, 1);
    ep->ended_at = sqlite3_column_type(s, 2) == SQLITE_NULL ? EPISODE_ONGOING
                                                            : sqlite3_column_int64(s, 2);
    ep->intensity = sqlite3_column_int(s, 3);
    int region = column_code(s, 4, region_codes, REGION_COUNT);
    int side = sqlite3_column_type(s, 5) == SQLITE_NULL
                   ? SIDE_UNSET
                   : column_code(s, 5, side_codes, SIDE_COUNT);
    ep->created_at = sqlite3_column_int64(s, 7);
    ep->updated_at = sqlite3_column_int64(s, 8);
    ep->ntags = 0;
    if (region < 0 || side < 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading episode %lld", (long long)ep->id);
        db_set_err(err, errlen, "episode %lld has an unknown %s", (long long)ep->id,
                   region < 0 ? "region" : "side");
        return STORE_ERROR;
    }
    ep->region = (enum region)region;
    ep->side = (enum side)side;
    if (db_column_copy(s, 6, ep->note, sizeof(ep->note)) != 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading episode %lld", (long long)ep->id);
        db_set_err(err, errlen, "episode %lld: notes longer than %d bytes", (long long)ep->id,
                   EPISODE_NOTE_MAX);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Reads the tags of ep->id in the order they were stored. Called while the
 * episode's own statement is still on its row, so both reads share one
 * snapshot. */
static int tags_load(struct store *st, struct episode *ep, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_TAGS_GET, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 1, ep->id) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "reading tags of episode %lld", (long long)ep->id);
        stmt_release(s);
        return rc;
    }
    ep->ntags = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (ep->ntags == EPISODE_MAX_TAGS) {
            db_set_err(err, errlen, "episode %lld has more than %d tags", (long long)ep->id,
                       EPISODE_MAX_TAGS);
            stmt_release(s);
            return STORE_ERROR;
        }
        struct episode_tag *t = &ep->tags[ep->ntags];
        int kind = column_code(s, 0, kind_codes, TAG_KIND_COUNT);
        if (kind < 0 || db_column_copy(s, 1, t->text, sizeof(t->text)) != 0) {
            if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
                rc = DB_FAIL(st->db, "reading tags of episode %lld", (long long)ep->id);
            else
                db_set_err(err, errlen, "episode %lld has a tag of unknown kind or too long",
                           (long long)ep->id);
            stmt_release(s);
            return STORE_ERROR;
        }
        t->kind = (enum tag_kind)kind;
        ep->ntags++;
    }
    if (rc != SQLITE_DONE) {
        rc = DB_FAIL(st->db, "reading tags of episode %lld", (long long)ep->id);
        stmt_release(s);
        return rc;
    }
    stmt_release(s);
    return STORE_OK;
}

int store_episode_add(struct store *st, struct episode *ep, int64_t now, char *err,
                      size_t errlen)
{
    int rc = episode_check_enums(ep, err, errlen);
    if (rc == STORE_OK)
        rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    int64_t id = 0;
    rc = stmt_get(st, SQL_EP_INSERT, &s, err, errlen);
    if (rc == STORE_OK) {
        if (episode_bind(s, ep, now) != SQLITE_OK) {
            rc = DB_FAIL(st->db, "saving episode");
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "saving episode", err, errlen);
        }
    }
    if (rc == STORE_OK) {
        id = sqlite3_last_insert_rowid(st->db);
        rc = tags_insert(st, id, ep, err, errlen);
    }
    rc = tx_end(st, rc, err, errlen);
    if (rc == STORE_OK) {
        ep->id = id;
        ep->created_at = now;
        ep->updated_at = now;
    }
    return rc;
}

int store_episode_update(struct store *st, struct episode *ep, int64_t now, char *err,
                         size_t errlen)
{
    int rc = episode_check_enums(ep, err, errlen);
    if (rc == STORE_OK)
        rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = stmt_get(st, SQL_EP_UPDATE, &s, err, errlen);
    if (rc == STORE_OK) {
        int brc = episode_bind(s, ep, now);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_int64(s, 8, ep->id);
        if (brc != SQLITE_OK) {
            rc = DB_FAIL(st->db, "updating episode %lld", (long long)ep->id);
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "updating episode", err, errlen);
        }
    }
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no episode %lld", (long long)ep->id);
        rc = STORE_NOT_FOUND;
    }
    if (rc == STORE_OK)
        rc = stmt_get(st, SQL_TAGS_DELETE, &s, err, errlen);
    if (rc == STORE_OK) {
        if (sqlite3_bind_int64(s, 1, ep->id) != SQLITE_OK) {
            rc = DB_FAIL(st->db, "replacing tags of episode %lld", (long long)ep->id);
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "replacing tags", err, errlen);
        }
    }
    if (rc == STORE_OK)
        rc = tags_insert(st, ep->id, ep, err, errlen);
    rc = tx_end(st, rc, err, errlen);
    if (rc == STORE_OK)
        ep->updated_at = now;
    return rc;
}

int store_episode_end(struct store *st, int64_t id, int64_t ended_at, int64_t now, char *err,
                      size_t errlen)
{
    if (ended_at == EPISODE_ONGOING) {
        db_set_err(err, errlen, "no end time given for episode %lld", (long long)id);
        return STORE_ERROR;
    }
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = stmt_get(st, SQL_EP_STATE, &s, err, errlen);
    if (rc == STORE_OK) {
        int src = sqlite3_bind_int64(s, 1, id);
        if (src == SQLITE_OK)
            src = sqlite3_step(s);
        if (src == SQLITE_DONE) {
            db_set_err(err, errlen, "no episode %lld", (long long)id);
            rc = STORE_NOT_FOUND;
        } else if (src != SQLITE_ROW) {
            rc = DB_FAIL(st->db, "ending episode %lld", (long long)id);
        } else if (sqlite3_column_type(s, 0) != SQLITE_NULL) {
            db_set_err(err, errlen, "episode %lld has already ended", (long long)id);
            rc = STORE_ERROR;
        }
        stmt_release(s);
    }
    if (rc == STORE_OK)
        rc = stmt_get(st, SQL_EP_END, &s, err, errlen);
    if (rc == STORE_OK) {
        int brc = sqlite3_bind_int64(s, 1, id);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_int64(s, 2, ended_at);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_int64(s, 3, now);
        if (brc != SQLITE_OK) {
            rc = DB_FAIL(st->db, "ending episode %lld", (long long)id);
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "ending episode", err, errlen);
        }
    }
    return tx_end(st, rc, err, errlen);
}

int store_episode_delete(struct store *st, int64_t id, char *err, size_t errlen)
{
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = stmt_get(st, SQL_EP_DELETE, &s, err, errlen);
    if (rc == STORE_OK) {
        if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK) {
            rc = DB_FAIL(st->db, "deleting episode %lld", (long long)id);
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "deleting episode", err, errlen);
        }
    }
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no episode %lld", (long long)id);
        rc = STORE_NOT_FOUND;
    }
    return tx_end(st, rc, err, errlen);
}

/* Reads the first row of a bound episode query, with its tags. */
static int episode_read_one(struct store *st, sqlite3_stmt *s, struct episode *out,
                            const char *what, char *err, size_t errlen)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        db_set_err(err, errlen, "%s: none", what);
        rc = STORE_NOT_FOUND;
    } else if (rc != SQLITE_ROW) {
        rc = DB_FAIL(st->db, "%s", what);
    } else {
        rc = episode_from_row(st, s, out, err, errlen);
        if (rc == STORE_OK)
            rc = tags_load(st, out, err, errlen);
    }
    stmt_release(s);
    return rc;
}

int store_episode_get(struct store *st, int64_t id, struct episode *out, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_EP_GET, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "reading episode %lld", (long long)id);
        stmt_release(s);
        return rc;
    }
    rc = episode_read_one(st, s, out, "reading episode", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no episode %lld", (long long)id);
    return rc;
}

int store_episode_ongoing(struct store *st, struct episode *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_EP_ONGOING, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = episode_read_one(st, s, out, "looking for an ongoing episode", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no episode is ongoing");
    return rc;
}

int store_episode_count(struct store *st, int64_t from, int64_t to, int64_t *count, char *err,
                        size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_EP_COUNT, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_bind_int64(s, 1, from);
    if (src == SQLITE_OK)
        src = sqlite3_bind_int64(s, 2, to);
    if (src == SQLITE_OK)
        src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        *count = sqlite3_column_int64(s, 0);
        rc = STORE_OK;
    } else {
        rc = DB_FAIL(st->db, "counting episodes");
    }
    stmt_release(s);
    return rc;
}

/* Prepares a private copy of a range statement for an iterator and binds
 * [from, to]. */
static int range_prepare(struct store *st, enum stmt_id id, int64_t from, int64_t to,
                         sqlite3_stmt **out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v3(st->db, sql_text[id], -1, 0, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, from);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, to);
    if (rc != SQLITE_OK) {
        DB_FAIL(st->db, "starting to read");
        (void)sqlite3_finalize(s); /* repeats the error just reported */
        return STORE_ERROR;
    }
    *out = s;
    return STORE_OK;
}

int store_episodes_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        int flags, struct store_episode_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST) {
        db_set_err(err, errlen, "invalid order %d", (int)order);
        return STORE_ERROR;
    }
    struct store_episode_iter *it = calloc(1, sizeof(*it));
    if (!it) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_EP_RANGE_DESC : SQL_EP_RANGE_ASC;
    int rc = range_prepare(st, id, from, to, &it->stmt, err, errlen);
    if (rc != STORE_OK) {
        free(it);
        return rc;
    }
    it->st = st;
    it->flags = flags;
    it->state = ITER_RUNNING;
    *out = it;
    return STORE_OK;
}

int store_episode_iter_next(struct store_episode_iter *it, struct episode *out, char *err,
                            size_t errlen)
{
    if (it->state == ITER_DONE)
        return 0;
    if (it->state == ITER_FAILED) {
        db_set_err(err, errlen, "reading episodes: the iterator failed before");
        return STORE_ERROR;
    }
    int rc = sqlite3_step(it->stmt);
    if (rc == SQLITE_DONE) {
        it->state = ITER_DONE;
        return 0;
    }
    if (rc != SQLITE_ROW) {
        it->state = ITER_FAILED;
        return DB_FAIL(it->st->db, "reading episodes");
    }
    rc = episode_from_row(it->st, it->stmt, out, err, errlen);
    if (rc == STORE_OK && (it->flags & STORE_ITER_TAGS))
        rc = tags_load(it->st, out, err, errlen);
    if (rc != STORE_OK) {
        it->state = ITER_FAILED;
        return STORE_ERROR;
    }
    return 1;
}

void store_episode_iter_free(struct store_episode_iter **it)
{
    if (!it || !*it)
        return;
    /* Returns the last step's error, which next() has reported. */
    (void)sqlite3_finalize((*it)->stmt);
    free(*it);
    *it = NULL;
}

/* ---------------------------------------------------------------------
 * Paging (the history screen) */

/* Binds the filter as ?1: NULL for none, else "%text%" with \, % and _
 * escaped by \ so that the user's text matches literally. The pattern is
 * handed to SQLite, which frees it. */
static int filter_bind(struct store *st, sqlite3_stmt *s, const char *filter, char *err,
                       size_t errlen)
{
    if (!filter || !*filter) {
        if (sqlite3_bind_null(s, 1) != SQLITE_OK)
            return DB_FAIL(st->db, "filtering episodes");
        return STORE_OK;
    }
    size_t len = strlen(filter);
    char *pat = len < (SIZE_MAX - 3) / 2 ? malloc(2 * len + 3) : NULL;
    if (!pat) {
        db_set_err(err, errlen, "filtering episodes: out of memory");
        return STORE_ERROR;
    }
    size_t o = 0;
    pat[o++] = '%';
    for (const char *c = filter; *c; c++) {
        if (*c == '\\' || *c == '%' || *c == '_')
            pat[o++] = '\\';
        pat[o++] = *c;
    }
    pat[o++] = '%';
    pat[o] = '\0';
    /* sqlite3_bind_text calls free(pat) itself, also when it fails. */
    if (sqlite3_bind_text(s, 1, pat, (int)o, free) != SQLITE_OK)
        return DB_FAIL(st->db, "filtering episodes");
    return STORE_OK;
}

/* Binds the filter (?1) and the key (?2, ?3) of a paging statement. */
static int page_bind(struct store *st, sqlite3_stmt *s, const char *filter,
                     const struct store_page_key *key, char *err, size_t errlen)
{
    int rc = filter_bind(st, s, filter, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 2, key->started_at) != SQLITE_OK ||
        sqlite3_bind_int64(s, 3, key->id) != SQLITE_OK)
        return DB_FAIL(st->db, "reading a page of episodes");
    return STORE_OK;
}

/* Steps a bound page statement into out[0 .. *n), with tags. */
static int page_read(struct store *st, sqlite3_stmt *s, size_t max, struct episode *out,
                     size_t *n, char *err, size_t errlen)
{
    int src = SQLITE_DONE;
    while (*n < max && (src = sqlite3_step(s)) == SQLITE_ROW) {
        int rc = episode_from_row(st, s, &out[*n], err, errlen);
        if (rc == STORE_OK)
            rc = tags_load(st, &out[*n], err, errlen);
        if (rc != STORE_OK)
            return rc;
        (*n)++;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        return DB_FAIL(st->db, "reading a page of episodes");
    return STORE_OK;
}

int store_episodes_page(struct store *st, const char *filter, const struct store_page_key *after,
                        enum store_order order, size_t max, struct episode *out, size_t *n,
                        char *err, size_t errlen)
{
    *n = 0;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST) {
        db_set_err(err, errlen, "invalid order %d", (int)order);
        return STORE_ERROR;
    }
    if (max == 0)
        return STORE_OK;
    /* "From the start" is the key beyond every row: no stored episode has
     * the id INT64_MAX (INT64_MIN) unless one was inserted with it by hand.
     * A separate "no key" condition would cost the index range. */
    static const struct store_page_key newest = {INT64_MAX, INT64_MAX};
    static const struct store_page_key oldest = {INT64_MIN, INT64_MIN};
    if (!after)
        after = order == STORE_NEWEST_FIRST ? &newest : &oldest;
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, order == STORE_NEWEST_FIRST ? SQL_EP_PAGE_DESC : SQL_EP_PAGE_ASC, &s,
                      err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = page_bind(st, s, filter, after, err, errlen);
    if (rc == STORE_OK && sqlite3_bind_int64(s, 4, max > INT64_MAX ? INT64_MAX : (int64_t)max) !=
                              SQLITE_OK)
        rc = DB_FAIL(st->db, "reading a page of episodes");
    if (rc == STORE_OK)
        rc = page_read(st, s, max, out, n, err, errlen);
    stmt_release(s);
    return rc;
}

int store_episode_rank(struct store *st, const char *filter, const struct store_page_key *key,
                       int64_t *rank, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_EP_RANK, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = page_bind(st, s, filter, key, err, errlen);
    if (rc == STORE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            *rank = sqlite3_column_int64(s, 0);
        else
            rc = DB_FAIL(st->db, "counting episodes");
    }
    stmt_release(s);
    return rc;
}

int store_episode_count_filtered(struct store *st, const char *filter, int64_t *count,
                                 char *err, size_t errlen)
{
    /* Every episode comes before the smallest key (see store_episodes_page). */
    static const struct store_page_key oldest = {INT64_MIN, INT64_MIN};
    return store_episode_rank(st, filter, &oldest, count, err, errlen);
}

/* ---------------------------------------------------------------------
 * Red-flag checks */

int store_check_add(struct store *st, struct check *c, char *err, size_t errlen)
{
    if (c->nanswers < 0 || c->nanswers > CHECK_MAX_ITEMS) {
        db_set_err(err, errlen, "a check has 0 to %d answers, not %d", CHECK_MAX_ITEMS,
                   c->nanswers);
        return STORE_ERROR;
    }
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    int64_t id = 0;
    rc = stmt_get(st, SQL_CHECK_INSERT, &s, err, errlen);
    if (rc == STORE_OK) {
        int brc = sqlite3_bind_int64(s, 1, c->taken_at);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_text(s, 2, redflag_level_code(c->verdict), -1, SQLITE_STATIC);
        if (brc != SQLITE_OK) {
            rc = DB_FAIL(st->db, "saving check");
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "saving check", err, errlen);
        }
    }
    if (rc == STORE_OK) {
        id = sqlite3_last_insert_rowid(st->db);
        rc = stmt_get(st, SQL_ANSWER_INSERT, &s, err, errlen);
    }
    for (int i = 0; rc == STORE_OK && i < c->nanswers; i++) {
        if (!check_has_answer(c, i + 1))
            continue;
        int brc = sqlite3_bind_int64(s, 1, id);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_int(s, 2, i + 1);
        if (brc == SQLITE_OK)
            brc = sqlite3_bind_int(s, 3, c->answers[i]);
        if (brc != SQLITE_OK) {
            rc = DB_FAIL(st->db, "saving answer %d", i + 1);
            stmt_release(s);
        } else {
            char what[32];
            snprintf(what, sizeof(what), "saving answer %d", i + 1);
            rc = stmt_write(st, s, what, err, errlen);
        }
    }
    rc = tx_end(st, rc, err, errlen);
    if (rc == STORE_OK)
        c->id = id;
    return rc;
}

static int check_from_row(sqlite3_stmt *s, struct check *c, char *err, size_t errlen)
{
    c->id = sqlite3_column_int64(s, 0);
    c->taken_at = sqlite3_column_int64(s, 1);
    c->nanswers = 0;
    c->gaps = 0;
    memset(c->answers, 0, sizeof(c->answers));
    if (redflag_level_parse((const char *)sqlite3_column_text(s, 2), &c->verdict) != 0) {
        db_set_err(err, errlen, "check %lld: cannot read its verdict", (long long)c->id);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Reads the answers of c->id; called while the check's row is current. */
static int answers_load(struct store *st, struct check *c, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_ANSWERS_GET, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 1, c->id) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "reading answers of check %lld", (long long)c->id);
        stmt_release(s);
        return rc;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int item = sqlite3_column_int(s, 0);
        if (check_set_answer(c, item, sqlite3_column_int(s, 1)) != 0) {
            db_set_err(err, errlen, "check %lld has an answer to unknown item %d",
                       (long long)c->id, item);
            stmt_release(s);
            return STORE_ERROR;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = DB_FAIL(st->db, "reading answers of check %lld", (long long)c->id);
        stmt_release(s);
        return rc;
    }
    stmt_release(s);
    return STORE_OK;
}

static int check_read_one(struct store *st, sqlite3_stmt *s, struct check *out,
                          const char *what, char *err, size_t errlen)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        db_set_err(err, errlen, "%s: none", what);
        rc = STORE_NOT_FOUND;
    } else if (rc != SQLITE_ROW) {
        rc = DB_FAIL(st->db, "%s", what);
    } else {
        rc = check_from_row(s, out, err, errlen);
        if (rc == STORE_OK)
            rc = answers_load(st, out, err, errlen);
    }
    stmt_release(s);
    return rc;
}

int store_check_get(struct store *st, int64_t id, struct check *out, char *err,
                    size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_CHECK_GET, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "reading check %lld", (long long)id);
        stmt_release(s);
        return rc;
    }
    rc = check_read_one(st, s, out, "reading check", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no check %lld", (long long)id);
    return rc;
}

int store_check_latest(struct store *st, struct check *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_CHECK_LATEST, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = check_read_one(st, s, out, "reading the latest check", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no check has been taken yet");
    return rc;
}

int store_checks_iter(struct store *st, int64_t from, int64_t to, struct store_check_iter **out,
                      char *err, size_t errlen)
{
    *out = NULL;
    struct store_check_iter *it = calloc(1, sizeof(*it));
    if (!it) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    int rc = range_prepare(st, SQL_CHECK_RANGE, from, to, &it->stmt, err, errlen);
    if (rc != STORE_OK) {
        free(it);
        return rc;
    }
    it->st = st;
    it->state = ITER_RUNNING;
    *out = it;
    return STORE_OK;
}

int store_check_iter_next(struct store_check_iter *it, struct check *out, char *err,
                          size_t errlen)
{
    if (it->state == ITER_DONE)
        return 0;
    if (it->state == ITER_FAILED) {
        db_set_err(err, errlen, "reading checks: the iterator failed before");
        return STORE_ERROR;
    }
    int rc = sqlite3_step(it->stmt);
    if (rc == SQLITE_DONE) {
        it->state = ITER_DONE;
        return 0;
    }
    if (rc != SQLITE_ROW) {
        it->state = ITER_FAILED;
        return DB_FAIL(it->st->db, "reading checks");
    }
    rc = check_from_row(it->stmt, out, err, errlen);
    if (rc == STORE_OK)
        rc = answers_load(it->st, out, err, errlen);
    if (rc != STORE_OK) {
        it->state = ITER_FAILED;
        return STORE_ERROR;
    }
    return 1;
}

void store_check_iter_free(struct store_check_iter **it)
{
    if (!it || !*it)
        return;
    /* Returns the last step's error, which next() has reported. */
    (void)sqlite3_finalize((*it)->stmt);
    free(*it);
    *it = NULL;
}

/* ---------------------------------------------------------------------
 * Timer sessions */

/* Binds pain as an integer, or NULL for SESSION_PAIN_NONE. */
static int bind_pain(sqlite3_stmt *s, int i, int pain)
{
    return pain == SESSION_PAIN_NONE ? sqlite3_bind_null(s, i) : sqlite3_bind_int(s, i, pain);
}

static int column_pain(sqlite3_stmt *s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL ? SESSION_PAIN_NONE
                                                      : sqlite3_column_int(s, col);
}

/* Fills *out from a row of DB_SES_COLS. */
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
    out->pain_before = column_pain(s, 10);
    out->pain_after = column_pain(s, 11);
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

/* Binds ?1..?7 of SQL_SES_INSERT. */
static int session_bind(sqlite3_stmt *s, const struct session *ses, int64_t owner_pid)
{
    int rc = sqlite3_bind_text(s, 1, session_kind_code(ses->kind), -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = ses->routine[0] ? db_bind_buf(s, 2, ses->routine, sizeof(ses->routine))
                             : sqlite3_bind_null(s, 2);
    if (rc == SQLITE_OK)
        rc = ses->hold_s ? sqlite3_bind_int(s, 3, ses->hold_s) : sqlite3_bind_null(s, 3);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 4, ses->planned_s);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 5, ses->started_at);
    if (rc == SQLITE_OK)
        rc = bind_pain(s, 6, ses->pain_before);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 7, owner_pid);
    return rc;
}

int store_session_start(struct store *st, struct session *ses, int64_t owner_pid,
                        char *err, size_t errlen)
{
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    int64_t id = 0, episode_id = 0;
    rc = stmt_get(st, SQL_SES_INSERT, &s, err, errlen);
    if (rc == STORE_OK) {
        int src = session_bind(s, ses, owner_pid);
        if (src == SQLITE_OK)
            src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            id = sqlite3_column_int64(s, 0);
            episode_id = sqlite3_column_int64(s, 1);
            src = sqlite3_step(s); /* RETURNING: the insert completes here */
        }
        if (src != SQLITE_DONE)
            rc = DB_FAIL(st->db, "saving the %.16s session", session_kind_code(ses->kind));
        stmt_release(s);
    }
    rc = tx_end(st, rc, err, errlen);
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

/* Runs one bound UPDATE of session id in its own transaction; no row
 * changed is STORE_NOT_FOUND with `none` as the message. */
static int session_update(struct store *st, sqlite3_stmt *s, int64_t id, const char *what,
                          const char *none, char *err, size_t errlen)
{
    int rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK) {
        stmt_release(s);
        return rc;
    }
    rc = stmt_write(st, s, what, err, errlen);
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "session %lld %s", (long long)id, none);
        rc = STORE_NOT_FOUND;
    }
    return tx_end(st, rc, err, errlen);
}

int store_session_checkpoint(struct store *st, int64_t id, int64_t elapsed_s, int64_t now,
                             char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_CHECKPOINT, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int brc = sqlite3_bind_int64(s, 1, id);
    if (brc == SQLITE_OK)
        brc = sqlite3_bind_int64(s, 2, elapsed_s);
    if (brc == SQLITE_OK)
        brc = sqlite3_bind_int64(s, 3, now);
    if (brc != SQLITE_OK) {
        rc = DB_FAIL(st->db, "saving the time of session %lld", (long long)id);
        stmt_release(s);
        return rc;
    }
    return session_update(st, s, id, "saving the session's time", "has ended or is gone", err,
                          errlen);
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
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_FINISH, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int brc = sqlite3_bind_int64(s, 1, id);
    if (brc == SQLITE_OK)
        brc = sqlite3_bind_text(s, 2, session_status_code(status), -1, SQLITE_STATIC);
    if (brc == SQLITE_OK)
        brc = sqlite3_bind_int64(s, 3, elapsed_s);
    if (brc == SQLITE_OK)
        brc = sqlite3_bind_int64(s, 4, ended_at);
    if (brc == SQLITE_OK)
        brc = bind_pain(s, 5, pain_after);
    if (brc != SQLITE_OK) {
        rc = DB_FAIL(st->db, "ending session %lld", (long long)id);
        stmt_release(s);
        return rc;
    }
    return session_update(st, s, id, "ending the session", "has already ended or is gone", err,
                          errlen);
}

int store_session_rate(struct store *st, int64_t id, int pain_after, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_RATE, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK || bind_pain(s, 2, pain_after) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "saving the pain after session %lld", (long long)id);
        stmt_release(s);
        return rc;
    }
    return session_update(st, s, id, "saving the pain after the session", "is gone", err,
                          errlen);
}

int store_session_get(struct store *st, int64_t id, struct session *out, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_GET, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_bind_int64(s, 1, id);
    if (src == SQLITE_OK)
        src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        rc = session_from_row(st, s, out, err, errlen);
    } else if (src == SQLITE_DONE) {
        db_set_err(err, errlen, "no session %lld", (long long)id);
        rc = STORE_NOT_FOUND;
    } else {
        rc = DB_FAIL(st->db, "reading session %lld", (long long)id);
    }
    stmt_release(s);
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
static int register_functions(struct store *st, char *err, size_t errlen)
{
    if (sqlite3_create_function_v2(st->db, "unknot_owner_alive", 1,
                                   SQLITE_UTF8 | SQLITE_DIRECTONLY, st, sql_owner_alive, NULL,
                                   NULL, NULL) != SQLITE_OK)
        return DB_FAIL(st->db, "registering unknot_owner_alive");
    return STORE_OK;
}

/* 1 when any session is running, 0 when none, STORE_ERROR. */
static int any_running(struct store *st, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_ANY_RUNNING, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int src = sqlite3_step(s);
    rc = src == SQLITE_ROW    ? 1
         : src == SQLITE_DONE ? 0
                              : DB_FAIL(st->db, "looking for running sessions");
    stmt_release(s);
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
    int rc = any_running(st, err, errlen);
    if (rc <= 0)
        return rc; /* STORE_OK (0) when none runs */
    rc = tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = stmt_get(st, SQL_SES_RECOVER, &s, err, errlen);
    int changed = 0;
    if (rc == STORE_OK) {
        st->alive = alive;
        st->alive_ctx = ctx;
        if (sqlite3_bind_int64(s, 1, now - STORE_SESSION_STALE_S) != SQLITE_OK) {
            rc = DB_FAIL(st->db, "recovering interrupted sessions");
            stmt_release(s);
        } else {
            rc = stmt_write(st, s, "recovering interrupted sessions", err, errlen);
        }
        changed = rc == STORE_OK ? sqlite3_changes(st->db) : 0;
        st->alive = NULL;
        st->alive_ctx = NULL;
    }
    rc = tx_end(st, rc, err, errlen);
    if (rc == STORE_OK && count)
        *count = changed;
    return rc;
}

int store_session_last_ice_end(struct store *st, int64_t *ended_at, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = stmt_get(st, SQL_SES_LAST_ICE, &s, err, errlen);
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
    stmt_release(s);
    return rc;
}

int store_sessions_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_session_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST) {
        db_set_err(err, errlen, "invalid order %d", (int)order);
        return STORE_ERROR;
    }
    struct store_session_iter *it = calloc(1, sizeof(*it));
    if (!it) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_SES_RANGE_DESC : SQL_SES_RANGE_ASC;
    int rc = range_prepare(st, id, from, to, &it->stmt, err, errlen);
    if (rc != STORE_OK) {
        free(it);
        return rc;
    }
    it->st = st;
    it->state = ITER_RUNNING;
    *out = it;
    return STORE_OK;
}

int store_session_iter_next(struct store_session_iter *it, struct session *out,
                            char *err, size_t errlen)
{
    if (it->state == ITER_DONE)
        return 0;
    if (it->state == ITER_FAILED) {
        db_set_err(err, errlen, "reading sessions: the iterator failed before");
        return STORE_ERROR;
    }
    int rc = sqlite3_step(it->stmt);
    if (rc == SQLITE_DONE) {
        it->state = ITER_DONE;
        return 0;
    }
    if (rc != SQLITE_ROW) {
        it->state = ITER_FAILED;
        return DB_FAIL(it->st->db, "reading sessions");
    }
    if (session_from_row(it->st, it->stmt, out, err, errlen) != STORE_OK) {
        it->state = ITER_FAILED;
        return STORE_ERROR;
    }
    return 1;
}

void store_session_iter_free(struct store_session_iter **it)
{
    if (!it || !*it)
        return;
    /* Returns the last step's error, which next() has reported. */
    (void)sqlite3_finalize((*it)->stmt);
    free(*it);
    *it = NULL;
}

sqlite3 *store_sqlite(struct store *st) { return st->db; }
