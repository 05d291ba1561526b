/* SPDX-License-Identifier: BSD-2-Clause */
/* store_check: red-flag checks and their answer rows (the one reader and
 * the one writer of answers, also used by the import). */
#include <stdio.h>
#include <string.h>

#include "db/store_private.h"

static int check_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                     size_t errlen);

/* ---------------------------------------------------------------------
 * Red-flag checks */

int db_answers_insert(struct store *st, int64_t id, const struct check *c,
                      struct store_import_counts *n, char *err, size_t errlen)
{
    int rc = STORE_OK;
    for (int item = 1; rc == STORE_OK && item <= c->nanswers; item++) {
        if (!check_has_answer(c, item))
            continue;
        char what[32];
        snprintf(what, sizeof(what), "saving answer %d", item);
        rc = DB_EXEC(st, SQL_ANSWER_INSERT, what, SQL_ARG(id), SQL_ARG(item),
                     SQL_ARG(c->answers[item - 1]));
        if (rc == STORE_OK && n)
            n->answers++;
    }
    return rc;
}

int store_check_add(struct store *st, struct check *c, char *err, size_t errlen)
{
    if (c->nanswers < 0 || c->nanswers > CHECK_MAX_ITEMS) {
        db_set_err(err, errlen, "a check has 0 to %d answers, not %d", CHECK_MAX_ITEMS,
                   c->nanswers);
        return STORE_ERROR;
    }
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int64_t id = 0;
    rc = DB_EXEC(st, SQL_CHECK_INSERT, "saving check", SQL_ARG(c->taken_at),
                 SQL_ARG(redflag_level_code(c->verdict)), SQL_ARG(c->complete));
    if (rc == STORE_OK) {
        id = sqlite3_last_insert_rowid(st->db);
        rc = db_answers_insert(st, id, c, NULL, err, errlen);
    }
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK)
        c->id = id;
    return rc;
}

int store_check_save(struct store *st, struct check *c, char *err, size_t errlen)
{
    if (c->id == 0)
        return store_check_add(st, c, err, errlen);
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_CHECK_UPDATE, "saving check", SQL_ARG(c->id), SQL_ARG(c->taken_at),
                 SQL_ARG(redflag_level_code(c->verdict)), SQL_ARG(c->complete));
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no check %lld", (long long)c->id);
        rc = STORE_NOT_FOUND;
    }
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_ANSWERS_DELETE, "saving check", SQL_ARG(c->id));
    if (rc == STORE_OK)
        rc = db_answers_insert(st, c->id, c, NULL, err, errlen);
    return db_tx_end(st, rc, err, errlen);
}

static int check_from_row(sqlite3_stmt *s, struct check *c, char *err, size_t errlen)
{
    c->id = sqlite3_column_int64(s, 0);
    c->taken_at = sqlite3_column_int64(s, 1);
    c->complete = sqlite3_column_int(s, 3);
    c->nanswers = 0;
    c->gaps = 0;
    memset(c->answers, 0, sizeof(c->answers));
    if (redflag_level_parse((const char *)sqlite3_column_text(s, 2), &c->verdict) != 0) {
        db_set_err(err, errlen, "check %lld: cannot read its verdict", (long long)c->id);
        return STORE_ERROR;
    }
    return STORE_OK;
}

int db_answers_load(struct store *st, struct check *c, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_ANSWERS_GET, SQL_ARGS(SQL_ARG(c->id)), &s, "reading answers", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int item = sqlite3_column_int(s, 0);
        if (check_set_answer(c, item, sqlite3_column_int(s, 1)) != 0) {
            db_set_err(err, errlen, "check %lld has an unreadable answer to item %d",
                       (long long)c->id, item);
            db_release(s);
            return STORE_ERROR;
        }
    }
    if (rc != SQLITE_DONE) {
        rc = DB_FAIL(st->db, "reading answers of check %lld", (long long)c->id);
        db_release(s);
        return rc;
    }
    db_release(s);
    return STORE_OK;
}


int store_check_get(struct store *st, int64_t id, struct check *out, char *err,
                    size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_CHECK_GET, SQL_ARGS(SQL_ARG(id)), &s, "reading check", err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, check_row, 0, out, "reading check", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no check %lld", (long long)id);
    return rc;
}

int store_check_latest(struct store *st, struct check *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_CHECK_LATEST, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, check_row, 0, out, "reading the latest check", err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no check has been taken yet");
    return rc;
}

/* db_row_fn of the check iterator: the row and its answers. */
static int check_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                     size_t errlen)
{
    (void)flags;
    int rc = check_from_row(s, out, err, errlen);
    return rc == STORE_OK ? db_answers_load(st, out, err, errlen) : rc;
}

int store_checks_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                      struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST)
        return db_set_err(err, errlen, "invalid order %d", (int)order);
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_CHECK_RANGE_DESC : SQL_CHECK_RANGE_ASC;
    return db_iter_new(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), STORE_ROW_CHECK, check_row,
                       0, "reading checks", out, err, errlen);
}

/* SQL function unknot_item_from_v1(item): the item of today's checklist
 * that item `item` of the 16-item checklist asked (redflags.c's one map),
 * for schema step 3. An item the old checklist did not have keeps its
 * number, so a migration never drops a row. */
static void sql_item_from_v1(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    int64_t item = sqlite3_value_int64(argv[0]);
    int now = item >= 1 && item <= REDFLAG_V1_COUNT ? redflags_item_from_v1((int)item) : 0;
    sqlite3_result_int64(c, now ? now : item);
}

int db_register_check_functions(struct store *st, char *err, size_t errlen)
{
    if (sqlite3_create_function_v2(st->db, "unknot_item_from_v1", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                                   sql_item_from_v1, NULL, NULL, NULL) != SQLITE_OK)
        return DB_FAIL(st->db, "registering unknot_item_from_v1");
    return STORE_OK;
}
