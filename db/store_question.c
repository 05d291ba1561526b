/* SPDX-License-Identifier: BSD-2-Clause */
/* store_question: the patient's questions for the next visit (schema step
 * 8, src/question.h), through the one statement table of store.c and the
 * one iterator of store_iter.c. */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

/* A row of SQL_Q_ALL: id, asked_at, text. */
static int question_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                        size_t errlen)
{
    (void)st;
    (void)flags;
    struct question *q = out;
    memset(q, 0, sizeof *q);
    q->id = sqlite3_column_int64(s, 0);
    q->asked_at = sqlite3_column_int64(s, 1);
    if (db_column_copy(s, 2, q->text, sizeof q->text) != 0)
        return db_set_err(err, errlen, "question %lld: cannot read its text", (long long)q->id);
    return STORE_OK;
}

/* The number of questions kept, inside the caller's transaction. */
static int question_count(struct store *st, int64_t *n, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_Q_COUNT, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *n = sqlite3_column_int64(s, 0);
    else
        rc = DB_FAIL(st->db, "counting the questions");
    db_release(s);
    return rc;
}

static int add_in_tx(struct store *st, struct question *q, char *err, size_t errlen)
{
    int64_t n = 0;
    int rc = question_count(st, &n, err, errlen);
    if (rc == STORE_OK && n >= QUESTION_MAX)
        return db_set_err(err, errlen, "%d questions are kept already: delete one "
                                       "(unknot question --delete N) or --clear them",
                          QUESTION_MAX);
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_Q_INSERT, "saving the question", SQL_ARG(q->asked_at),
                     SQL_BUF(q->text));
    if (rc == STORE_OK)
        q->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int store_question_add(struct store *st, struct question *q, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = add_in_tx(st, q, err, errlen);
    return db_tx_end(st, rc, err, errlen);
}

int store_questions_iter(struct store *st, struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_Q_ALL, NULL, 0, STORE_ROW_QUESTION, question_row, 0,
                       "reading the questions", out, err, errlen);
}

int store_questions_clear(struct store *st, size_t *removed, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_run(st, SQL_Q_CLEAR, "removing the questions", err, errlen);
    size_t n = rc == STORE_OK ? (size_t)sqlite3_changes(st->db) : 0;
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK && removed)
        *removed = n;
    return rc;
}

int store_question_delete_nth(struct store *st, int64_t n, char *err, size_t errlen)
{
    if (n < 1)
        return db_set_err(err, errlen, "no question %lld: they are numbered from 1",
                          (long long)n);
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_Q_DELETE_NTH, "removing the question", SQL_ARG(n));
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no question %lld: `unknot question` lists them", (long long)n);
        rc = STORE_NOT_FOUND;
    }
    return db_tx_end(st, rc, err, errlen);
}

int db_import_question(struct store *st, const struct store_import_row *row,
                       struct store_import_counts *n, char *err, size_t errlen)
{
    const struct question *q = row->q;
    sqlite3_stmt *s = NULL;
    int64_t have = 0;
    /* The cap `unknot question` keeps holds for an import too: past it, no
     * question could be added until some were deleted. */
    int rc = question_count(st, &have, err, errlen);
    if (rc == STORE_OK && have >= QUESTION_MAX)
        return db_set_err(err, errlen, "line %ld: more than %d questions: unknot keeps %d at once",
                          row->line, QUESTION_MAX, QUESTION_MAX);
    if (rc != STORE_OK)
        return rc;
    rc = db_query(st, SQL_IMP_QUESTION,
                      SQL_ARGS(SQL_ARG(q->id), SQL_ARG(q->asked_at), SQL_BUF(q->text)), &s,
                      "saving a question", err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
            rc = db_set_err(err, errlen, "line %ld: question %lld is already in this database "
                                         "(or earlier in the file): import into an empty "
                                         "database (unknot --db NEW.db import FILE)",
                            row->line, (long long)q->id);
        else
            rc = DB_FAIL(st->db, "line %ld: saving question %lld", row->line, (long long)q->id);
    }
    db_release(s);
    n->questions += rc == STORE_OK;
    return rc;
}
