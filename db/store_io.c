/* store_io: report queries, export iterators, import and backup (see
 * store_io.h). The connection comes from store.c through store_sqlite();
 * the statements are this file's own. */
#include "db/store_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/store_private.h"

static const char sql_durations_count[] =
    "SELECT count(*) FROM episodes WHERE started_at BETWEEN ?1 AND ?2 AND ended_at IS NOT NULL";
/* The sort happens in SQLite's sorter, which spills to a temporary file
 * past its memory limit: memory stays flat with 100,000 episodes. */
static const char sql_durations[] =
    "SELECT ended_at - started_at FROM episodes"
    " WHERE started_at BETWEEN ?1 AND ?2 AND ended_at IS NOT NULL ORDER BY 1";
static const char sql_checks[] = "SELECT id, taken_at, verdict FROM checks"
                                 " WHERE taken_at BETWEEN ?1 AND ?2 ORDER BY taken_at, id";
static const char sql_answers[] =
    "SELECT item, answer FROM check_answers WHERE check_id = ?1 ORDER BY item";

static const char sql_ins_episode[] =
    "INSERT INTO episodes (id, started_at, ended_at, intensity, region, side, notes,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_ins_tag[] =
    "INSERT INTO episode_tags (episode_id, kind, tag) VALUES (?1, ?2, ?3)";
static const char sql_ins_session[] = "INSERT INTO sessions (" DB_SES_COLS_XFER ")"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_ins_check[] = "INSERT INTO checks (id, taken_at, verdict) VALUES (?1, ?2, ?3)";
static const char sql_ins_answer[] =
    "INSERT INTO check_answers (check_id, item, answer) VALUES (?1, ?2, ?3)";

/* ---- statements ---------------------------------------------------------- */

/* Prepares sql and binds ?1, ?2 = from, to when range is set. */
static int prepare(sqlite3 *db, const char *sql, int range, int64_t from, int64_t to,
                   sqlite3_stmt **out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK && range)
        rc = sqlite3_bind_int64(s, 1, from);
    if (rc == SQLITE_OK && range)
        rc = sqlite3_bind_int64(s, 2, to);
    if (rc != SQLITE_OK) {
        DB_FAIL(db, "preparing \"%.40s\"", sql);
        (void)sqlite3_finalize(s); /* repeats the error just reported */
        return STORE_ERROR;
    }
    *out = s;
    return STORE_OK;
}

/* Runs a statement without parameters or rows (BEGIN, COMMIT, ROLLBACK). */
static int run(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = prepare(db, sql, 0, 0, 0, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = DB_FAIL(db, "%s", sql);
    (void)sqlite3_finalize(s); /* its error, if any, was just reported */
    return rc;
}

/* ---- a consistent read ---------------------------------------------------- */

int store_read_begin(struct store *st, char *err, size_t errlen)
{
    return run(store_sqlite(st), "BEGIN", err, errlen);
}

void store_read_end(struct store *st)
{
    sqlite3 *db = store_sqlite(st);
    char err[STORE_ERR_LEN];
    if (!sqlite3_get_autocommit(db) && run(db, "COMMIT", err, sizeof err) != STORE_OK)
        (void)run(db, "ROLLBACK", err, sizeof err); /* a read: nothing to lose */
}

/* ---- iterators ---------------------------------------------------------------- */

enum io_kind { IO_DURATIONS, IO_SESSIONS, IO_CHECKS };

struct store_io_iter {
    sqlite3 *db;
    enum io_kind kind;
    sqlite3_stmt *stmt;             /* IO_DURATIONS, IO_CHECKS */
    sqlite3_stmt *answers;          /* IO_CHECKS */
    struct store_session_iter *ses; /* IO_SESSIONS: store.c's iterator */
    int done;
};

static int iter_new(struct store *st, enum io_kind kind, const char *sql, int64_t from, int64_t to,
                    struct store_io_iter **out, char *err, size_t errlen)
{
    struct store_io_iter *it = calloc(1, sizeof *it);
    *out = NULL;
    if (!it)
        return db_set_err(err, errlen, "out of memory");
    it->db = store_sqlite(st);
    it->kind = kind;
    int rc = kind == IO_SESSIONS
                 ? store_sessions_iter(st, from, to, STORE_OLDEST_FIRST, &it->ses, err, errlen)
                 : prepare(it->db, sql, 1, from, to, &it->stmt, err, errlen);
    if (rc == STORE_OK && kind == IO_CHECKS)
        rc = prepare(it->db, sql_answers, 0, 0, 0, &it->answers, err, errlen);
    if (rc != STORE_OK) {
        store_io_iter_free(&it);
        return rc;
    }
    *out = it;
    return STORE_OK;
}

void store_io_iter_free(struct store_io_iter **it)
{
    if (!it || !*it)
        return;
    /* They return the last step's error, which next() has reported. */
    (void)sqlite3_finalize((*it)->stmt);
    (void)sqlite3_finalize((*it)->answers);
    store_session_iter_free(&(*it)->ses);
    free(*it);
    *it = NULL;
}

/* Steps the iterator's statement: 1 on a row, 0 at the end, STORE_ERROR. */
static int iter_step(struct store_io_iter *it, enum io_kind kind, const char *what, char *err,
                     size_t errlen)
{
    if (it->kind != kind)
        return db_set_err(err, errlen, "%s: wrong iterator", what);
    if (it->done)
        return 0;
    int rc = sqlite3_step(it->stmt);
    if (rc == SQLITE_ROW)
        return 1;
    it->done = 1;
    return rc == SQLITE_DONE ? 0 : DB_FAIL(it->db, "%s", what);
}

static int count_durations(sqlite3 *db, int64_t from, int64_t to, size_t *count, char *err,
                           size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = prepare(db, sql_durations_count, 1, from, to, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(s, 0);
    else
        rc = DB_FAIL(db, "counting ended episodes");
    (void)sqlite3_finalize(s); /* reported above */
    return rc;
}

int store_io_durations(struct store *st, int64_t from, int64_t to, size_t *count,
                       struct store_io_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    int rc = count_durations(store_sqlite(st), from, to, count, err, errlen);
    if (rc != STORE_OK)
        return rc;
    return iter_new(st, IO_DURATIONS, sql_durations, from, to, out, err, errlen);
}

int store_io_duration_next(struct store_io_iter *it, int64_t *secs, char *err, size_t errlen)
{
    int rc = iter_step(it, IO_DURATIONS, "reading durations", err, errlen);
    if (rc == 1)
        *secs = sqlite3_column_int64(it->stmt, 0);
    return rc;
}

int store_io_sessions(struct store *st, int64_t from, int64_t to, struct store_io_iter **out,
                      char *err, size_t errlen)
{
    return iter_new(st, IO_SESSIONS, NULL, from, to, out, err, errlen);
}

int store_io_session_next(struct store_io_iter *it, struct session *out, char *err,
                          size_t errlen)
{
    if (it->kind != IO_SESSIONS)
        return db_set_err(err, errlen, "reading sessions: wrong iterator");
    if (it->done)
        return 0;
    int rc = store_session_iter_next(it->ses, out, err, errlen);
    if (rc != 1)
        it->done = 1; /* an error was reported; later calls end the read */
    return rc;
}

int store_io_checks(struct store *st, int64_t from, int64_t to, struct store_io_iter **out,
                    char *err, size_t errlen)
{
    return iter_new(st, IO_CHECKS, sql_checks, from, to, out, err, errlen);
}

/* The answer rows of c->id, in item order. */
static int load_answers(struct store_io_iter *it, struct check *c, char *err, size_t errlen)
{
    sqlite3_stmt *s = it->answers;
    int rc;
    (void)sqlite3_reset(s); /* the previous check's last step, already handled */
    if (sqlite3_bind_int64(s, 1, c->id) != SQLITE_OK)
        return DB_FAIL(it->db, "reading answers of check %lld", (long long)c->id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int item = sqlite3_column_int(s, 0);
        if (check_set_answer(c, item, sqlite3_column_int(s, 1)) != 0)
            return db_set_err(err, errlen, "check %lld has an answer to unknown item %d",
                              (long long)c->id, item);
    }
    if (rc != SQLITE_DONE)
        return DB_FAIL(it->db, "reading answers of check %lld", (long long)c->id);
    return STORE_OK;
}

int store_io_check_next(struct store_io_iter *it, struct check *out, char *err,
                        size_t errlen)
{
    int rc = iter_step(it, IO_CHECKS, "reading checks", err, errlen);
    if (rc != 1)
        return rc;
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(it->stmt, 0);
    out->taken_at = sqlite3_column_int64(it->stmt, 1);
    if (redflag_level_parse((const char *)sqlite3_column_text(it->stmt, 2), &out->verdict) != 0)
        rc = db_set_err(err, errlen, "check %lld: cannot read its verdict", (long long)out->id);
    else
        rc = load_answers(it, out, err, errlen);
    if (rc != STORE_OK) {
        it->done = 1;
        return STORE_ERROR;
    }
    return 1;
}

/* ---- import ---------------------------------------------------------------- */

enum ins { INS_EPISODE, INS_TAG, INS_SESSION, INS_CHECK, INS_ANSWER, INS_COUNT };

struct importer {
    sqlite3 *db;
    sqlite3_stmt *s[INS_COUNT];
    struct store_import_counts n;
};

static int bind_opt_int(sqlite3_stmt *s, int i, int64_t v, int64_t none)
{
    return v == none ? sqlite3_bind_null(s, i) : sqlite3_bind_int64(s, i, v);
}

/* db_bind_buf, but "" is bound as NULL: there empty means none. The
 * strings outlive the step (they are the item's). */
static int bind_buf_or_null(sqlite3_stmt *s, int i, const char *buf, size_t size)
{
    return buf[0] ? db_bind_buf(s, i, buf, size) : sqlite3_bind_null(s, i);
}

/* Steps a bound insert of row `what` `id` from input line `line`. A key
 * already taken and a missing episode get their own words. */
static int ins_step(struct importer *im, enum ins which, long line, const char *what, int64_t id,
                    int64_t episode_id, char *err, size_t errlen)
{
    sqlite3_stmt *s = im->s[which];
    int rc = sqlite3_step(s) == SQLITE_DONE ? STORE_OK : STORE_ERROR;
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
    (void)sqlite3_reset(s); /* repeats the step's error, reported above */
    (void)sqlite3_clear_bindings(s);
    return rc;
}

static int bound(struct importer *im, int rc, long line, const char *what, char *err,
                 size_t errlen)
{
    if (rc == SQLITE_OK)
        return STORE_OK;
    return DB_FAIL(im->db, "line %ld: saving %s", line, what);
}

static int import_tags(struct importer *im, const struct episode *ep, long line, char *err,
                       size_t errlen)
{
    sqlite3_stmt *s = im->s[INS_TAG];
    for (size_t i = 0; i < ep->ntags && i < EPISODE_MAX_TAGS; i++) {
        const struct episode_tag *t = &ep->tags[i];
        int rc = sqlite3_bind_int64(s, 1, ep->id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(s, 2, tag_kind_code(t->kind), -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = db_bind_buf(s, 3, t->text, sizeof t->text);
        if (bound(im, rc, line, "a tag", err, errlen) ||
            ins_step(im, INS_TAG, line, "tag of episode", ep->id, 0, err, errlen))
            return STORE_ERROR;
        im->n.tags++;
    }
    return STORE_OK;
}

static int import_episode(struct importer *im, const struct episode *ep, long line, char *err,
                          size_t errlen)
{
    sqlite3_stmt *s = im->s[INS_EPISODE];
    int rc = sqlite3_bind_int64(s, 1, ep->id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, ep->started_at);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 3, ep->ended_at, EPISODE_ONGOING);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 4, ep->intensity);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 5, region_code(ep->region), -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = bind_buf_or_null(s, 6, side_code(ep->side), 16);
    if (rc == SQLITE_OK)
        rc = db_bind_buf(s, 7, ep->note, sizeof ep->note);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 8, ep->created_at);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 9, ep->updated_at);
    if (bound(im, rc, line, "an episode", err, errlen) ||
        ins_step(im, INS_EPISODE, line, "episode", ep->id, 0, err, errlen))
        return STORE_ERROR;
    im->n.episodes++;
    return import_tags(im, ep, line, err, errlen);
}

static int import_session(struct importer *im, const struct session *x, long line, char *err,
                          size_t errlen)
{
    sqlite3_stmt *s = im->s[INS_SESSION];
    int rc = sqlite3_bind_int64(s, 1, x->id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 2, session_kind_code(x->kind), -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = bind_buf_or_null(s, 3, x->routine, sizeof x->routine);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 4, x->hold_s, 0);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 5, x->planned_s);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 6, x->elapsed_s);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 7, x->started_at);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 8, x->ended_at, 0);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 9, session_status_code(x->status), -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 10, x->episode_id, 0);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 11, x->pain_before, SESSION_PAIN_NONE);
    if (rc == SQLITE_OK)
        rc = bind_opt_int(s, 12, x->pain_after, SESSION_PAIN_NONE);
    if (bound(im, rc, line, "a session", err, errlen) ||
        ins_step(im, INS_SESSION, line, "session", x->id, x->episode_id, err, errlen))
        return STORE_ERROR;
    im->n.sessions++;
    return STORE_OK;
}

static int import_check(struct importer *im, const struct check *c, long line, char *err,
                        size_t errlen)
{
    sqlite3_stmt *s = im->s[INS_CHECK];
    int rc = sqlite3_bind_int64(s, 1, c->id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, c->taken_at);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 3, redflag_level_code(c->verdict), -1, SQLITE_STATIC);
    if (bound(im, rc, line, "a check", err, errlen) ||
        ins_step(im, INS_CHECK, line, "check", c->id, 0, err, errlen))
        return STORE_ERROR;
    im->n.checks++;
    s = im->s[INS_ANSWER];
    for (int item = 1; item <= c->nanswers && item <= CHECK_MAX_ITEMS; item++) {
        if (!check_has_answer(c, item))
            continue;
        rc = sqlite3_bind_int64(s, 1, c->id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(s, 2, item);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(s, 3, c->answers[item - 1]);
        if (bound(im, rc, line, "an answer", err, errlen) ||
            ins_step(im, INS_ANSWER, line, "answer of check", c->id, 0, err, errlen))
            return STORE_ERROR;
        im->n.answers++;
    }
    return STORE_OK;
}

static int import_item(struct importer *im, const struct store_import_row *row, char *err,
                       size_t errlen)
{
    if (row->ep)
        return import_episode(im, row->ep, row->line, err, errlen);
    if (row->ses)
        return import_session(im, row->ses, row->line, err, errlen);
    if (row->chk)
        return import_check(im, row->chk, row->line, err, errlen);
    return db_set_err(err, errlen, "line %ld: unknown row", row->line);
}

static int import_prepare(struct importer *im, char *err, size_t errlen)
{
    static const char *const sql[INS_COUNT] = {
        [INS_EPISODE] = sql_ins_episode, [INS_TAG] = sql_ins_tag,
        [INS_SESSION] = sql_ins_session, [INS_CHECK] = sql_ins_check,
        [INS_ANSWER] = sql_ins_answer,
    };
    for (int i = 0; i < INS_COUNT; i++)
        if (prepare(im->db, sql[i], 0, 0, 0, &im->s[i], err, errlen) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
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
    struct importer im = {.db = store_sqlite(st)};
    int rc = import_prepare(&im, err, errlen);
    if (rc == STORE_OK)
        rc = run(im.db, "BEGIN IMMEDIATE", err, errlen);
    if (rc == STORE_OK) {
        rc = import_rows(&im, next, ctx, err, errlen);
        if (rc == STORE_OK)
            rc = run(im.db, "COMMIT", err, errlen);
        if (rc != STORE_OK && !sqlite3_get_autocommit(im.db)) {
            char rb[STORE_ERR_LEN]; /* the first message is the one to keep */
            (void)run(im.db, "ROLLBACK", rb, sizeof rb);
        }
    }
    for (int i = 0; i < INS_COUNT; i++)
        (void)sqlite3_finalize(im.s[i]); /* every error was reported when it happened */
    if (rc == STORE_OK && counts)
        *counts = im.n;
    return rc;
}

/* ---- backup ------------------------------------------------------------------ */

/* Creates the empty file for the copy with mode 0600 before SQLite opens
 * it (SQLite would make it 0644). */
static int backup_create(const char *tmp, char *err, size_t errlen)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return db_set_err(err, errlen, "%s is in the way: another backup may be running; "
                                           "remove it if not", tmp);
        return db_set_err(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
    }
    int bad = fchmod(fd, 0600) != 0;
    int e = errno;
    if (close(fd) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        unlink(tmp);
        return db_set_err(err, errlen, "cannot create %s: %s", tmp, strerror(e));
    }
    return STORE_OK;
}

/* Copies the whole database into the file tmp in one backup step. */
static int backup_copy(sqlite3 *src, const char *tmp, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    int rc = STORE_OK;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = DB_FAIL(dst, "cannot open %s", tmp);
    } else {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
        if (!b) {
            rc = DB_FAIL(dst, "cannot start the backup");
        } else {
            int step = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            if (step != SQLITE_DONE || fin != SQLITE_OK)
                rc = db_set_err(err, errlen, "backup failed: %s",
                                sqlite3_errstr(step != SQLITE_DONE ? step : fin));
        }
    }
    if (sqlite3_close(dst) != SQLITE_OK && rc == STORE_OK)
        rc = DB_FAIL(dst, "closing %s", tmp);
    return rc;
}

/* Makes the copy visible under path: rename() replaces, link() refuses an
 * existing path atomically (where hard links are not supported, the check
 * and the rename are two steps). */
static int backup_publish(const char *tmp, const char *path, int replace, char *err,
                          size_t errlen)
{
    struct stat sb;
    if (!replace) {
        if (link(tmp, path) == 0) {
            unlink(tmp);
            return STORE_OK;
        }
        if (errno == EEXIST) {
            db_set_err(err, errlen, "%s already exists", path);
            return STORE_IO_EXISTS;
        }
        if (lstat(path, &sb) == 0) {
            db_set_err(err, errlen, "%s already exists", path);
            return STORE_IO_EXISTS;
        }
    }
    if (rename(tmp, path) != 0)
        return db_set_err(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    return STORE_OK;
}

int store_backup(struct store *st, const char *path, int replace, char *err, size_t errlen)
{
    struct stat sb;
    if (!path || !*path)
        return db_set_err(err, errlen, "no backup file given");
    if (!replace && lstat(path, &sb) == 0) {
        db_set_err(err, errlen, "%s already exists", path);
        return STORE_IO_EXISTS; /* before any work; backup_publish checks again */
    }
    size_t len = strlen(path);
    char *tmp = malloc(len + 5);
    if (!tmp)
        return db_set_err(err, errlen, "out of memory");
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmp", 5);
    int rc = backup_create(tmp, err, errlen);
    if (rc == STORE_OK) {
        rc = backup_copy(store_sqlite(st), tmp, err, errlen);
        if (rc == STORE_OK)
            rc = backup_publish(tmp, path, replace, err, errlen);
        if (rc != STORE_OK)
            unlink(tmp);
    }
    free(tmp);
    return rc;
}
