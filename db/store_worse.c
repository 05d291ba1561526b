/* SPDX-License-Identifier: BSD-2-Clause */
/* store_worse: the exercises that made a stretch session worse (schema
 * step 7, src/session.h's struct session_worse), through the one statement
 * table of store.c and the one iterator of store_iter.c. */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* A row of SQL_WORSE_RANGE: session_id, exercise_index, exercise_name and
 * the session's routine. */
static int worse_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                     size_t errlen)
{
    (void)st;
    (void)flags;
    struct session_worse *w = out;
    memset(w, 0, sizeof *w);
    w->session_id = sqlite3_column_int64(s, 0);
    w->index = sqlite3_column_int(s, 1);
    if (db_column_copy(s, 2, w->name, sizeof w->name) != 0 ||
        db_column_copy(s, 3, w->routine, sizeof w->routine) != 0)
        return db_set_err(err, errlen, "session %lld: cannot read exercise %d that made it worse",
                          (long long)w->session_id, w->index);
    return STORE_OK;
}

/* Inserts w as a row of session id; a session that is gone or a number
 * given twice get their own words. */
static int insert_one(struct store *st, int64_t id, const struct session_worse *w, long line,
                      char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_WORSE_INSERT,
                      SQL_ARGS(SQL_ARG(id), SQL_ARG(w->index), SQL_BUF(w->name)), &s,
                      "saving what made it worse", err, errlen);
    if (rc != STORE_OK)
        return rc;
    char at[32] = "";
    if (line > 0)
        snprintf(at, sizeof at, "line %ld: ", line);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int ext = sqlite3_extended_errcode(st->db);
        if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
            rc = db_set_err(err, errlen, "%sno session %lld%s", at, (long long)id,
                            line > 0 ? " in this database or earlier in the file" : "");
        else if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
            rc = db_set_err(err, errlen, "%ssession %lld: exercise %d is given twice", at,
                            (long long)id, w->index);
        else
            rc = DB_FAIL(st->db, "%ssaving exercise %d of session %lld", at, w->index,
                         (long long)id);
        if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
            rc = line > 0 ? STORE_ERROR : STORE_NOT_FOUND;
    }
    db_release(s);
    return rc;
}

static int set_in_tx(struct store *st, int64_t id, const struct session_worse *rows, size_t n,
                     char *err, size_t errlen)
{
    int rc = DB_EXEC(st, SQL_WORSE_DELETE, "replacing what made it worse", SQL_ARG(id));
    for (size_t i = 0; rc == STORE_OK && i < n; i++)
        rc = insert_one(st, id, &rows[i], 0, err, errlen);
    return rc;
}

int store_session_worse_set(struct store *st, int64_t session_id,
                            const struct session_worse *rows, size_t n, char *err, size_t errlen)
{
    char msg[STORE_ERR_LEN];
    for (size_t i = 0; i < n; i++)
        if (session_worse_validate(&rows[i], msg, sizeof msg) != 0)
            return db_set_err(err, errlen, "session %lld: %s", (long long)session_id, msg);
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = set_in_tx(st, session_id, rows, n, err, errlen);
    return db_tx_end(st, rc, err, errlen);
}

int store_worse_iter(struct store *st, int64_t from, int64_t to, struct store_iter **out,
                     char *err, size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_WORSE_RANGE, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)),
                       STORE_ROW_WORSE, worse_row, 0, "reading what made sessions worse", out,
                       err, errlen);
}

int db_import_worse(struct store *st, const struct store_import_row *row,
                    struct store_import_counts *n, char *err, size_t errlen)
{
    int rc = insert_one(st, row->worse->session_id, row->worse, row->line, err, errlen);
    n->worse += rc == STORE_OK;
    return rc;
}
