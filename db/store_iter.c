/* SPDX-License-Identifier: BSD-2-Clause */
/* store_iter: the one row iterator of db/ (pkg's pkgdb_it). Each kind of
 * row is a statement and a read function; the state machine (row, end,
 * failed) is here once. */
#include <stdlib.h>

#include "db/store_private.h"

enum iter_state { ITER_RUNNING, ITER_DONE, ITER_FAILED };

struct store_iter {
    struct store *st;
    sqlite3_stmt *stmt; /* its own: two iterators may run side by side */
    enum store_row row;
    db_row_fn read;
    int flags;
    const char *what; /* "reading episodes" */
    enum iter_state state;
};

int db_iter_new(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
                enum store_row row, db_row_fn read, int flags, const char *what,
                struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    struct store_iter *it = calloc(1, sizeof(*it));
    if (!it)
        return db_set_err(err, errlen, "out of memory");
    int rc = db_prepare_own(st, id, &it->stmt, err, errlen);
    if (rc == STORE_OK && db_bind(it->stmt, args, n) != SQLITE_OK)
        rc = DB_FAIL(st->db, "starting to read");
    if (rc != STORE_OK) {
        store_iter_free(&it);
        return rc;
    }
    it->st = st;
    it->row = row;
    it->read = read;
    it->flags = flags;
    it->what = what;
    it->state = ITER_RUNNING;
    *out = it;
    return STORE_OK;
}

int store_iter_next_row(struct store_iter *it, enum store_row row, void *out, char *err,
                        size_t errlen)
{
    if (row != it->row)
        return db_set_err(err, errlen, "%s: wrong iterator", it->what);
    if (it->state == ITER_DONE)
        return STORE_END;
    if (it->state == ITER_FAILED)
        return db_set_err(err, errlen, "%s: the iterator failed before", it->what);
    int rc = sqlite3_step(it->stmt);
    if (rc == SQLITE_DONE) {
        it->state = ITER_DONE;
        return STORE_END;
    }
    if (rc != SQLITE_ROW) {
        it->state = ITER_FAILED;
        return DB_FAIL(it->st->db, "%s", it->what);
    }
    if (it->read(it->st, it->stmt, it->flags, out, err, errlen) != STORE_OK) {
        it->state = ITER_FAILED;
        return STORE_ERROR;
    }
    return STORE_OK;
}

void store_iter_free(struct store_iter **it)
{
    if (!it || !*it)
        return;
    /* Returns the last step's error, which next() has reported. */
    (void)sqlite3_finalize((*it)->stmt);
    free(*it);
    *it = NULL;
}

int db_read_one(struct store *st, sqlite3_stmt *s, db_row_fn read, int flags, void *out,
                const char *what, char *err, size_t errlen)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        db_set_err(err, errlen, "%s: none", what);
        rc = STORE_NOT_FOUND;
    } else if (rc != SQLITE_ROW) {
        rc = DB_FAIL(st->db, "%s", what);
    } else {
        rc = read(st, s, flags, out, err, errlen);
    }
    db_release(s);
    return rc;
}
