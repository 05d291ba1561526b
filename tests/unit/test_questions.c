/* SPDX-License-Identifier: BSD-2-Clause */
/* store: the questions for the next visit (schema step 8). Add, list in
 * the order asked, the cap, delete the n-th, clear; the CHECK behind
 * question_validate; step 8 on a version-7 database keeps its rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "db/schema.h"
#include "db/store.h"
#include "src/question.h"
#include "tests/unit/store_fixture.h"

#define NOW 1795000000LL

static struct question make(int64_t at, const char *text)
{
    struct question q;
    memset(&q, 0, sizeof q);
    q.asked_at = at;
    snprintf(q.text, sizeof q.text, "%s", text);
    return q;
}

static void add_ok(struct store *st, int64_t at, const char *text)
{
    char err[STORE_ERR_LEN] = "";
    struct question q = make(at, text);
    if (store_question_add(st, &q, err, sizeof err) != STORE_OK)
        fail_msg("store_question_add: %s", err);
    assert_true(q.id > 0);
}

/* The texts in list order, joined with '|'. */
static void texts(struct store *st, char *buf, size_t len)
{
    char err[STORE_ERR_LEN] = "";
    struct store_iter *it = NULL;
    struct question q;
    buf[0] = '\0';
    assert_int_equal(store_questions_iter(st, &it, err, sizeof err), STORE_OK);
    int rc;
    while ((rc = store_iter_next(it, &q, err, sizeof err)) == STORE_OK) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", used ? "|" : "", q.text);
    }
    assert_int_equal(rc, STORE_END);
    store_iter_free(&it);
}

/* Listed by the time asked, not by id: an import may bring older ones. */
static void test_add_and_list_in_order_asked(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char buf[256];
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "");
    add_ok(st, NOW, "Can I keep running?");
    add_ok(st, NOW - 60, "Is ibuprofen safe <daily> & long?");
    add_ok(st, NOW, "Should I see a physio?");
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "Is ibuprofen safe <daily> & long?|Can I keep running?|"
                             "Should I see a physio?");
    store_close(&st);
}

static void test_delete_nth_and_clear(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "", buf[256];
    add_ok(st, NOW, "one");
    add_ok(st, NOW + 1, "two");
    add_ok(st, NOW + 2, "three");
    assert_int_equal(store_question_delete_nth(st, 2, err, sizeof err), STORE_OK);
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "one|three");
    assert_int_equal(store_question_delete_nth(st, 3, err, sizeof err), STORE_NOT_FOUND);
    assert_non_null(strstr(err, "no question 3"));
    assert_int_equal(store_question_delete_nth(st, 0, err, sizeof err), STORE_ERROR);
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "one|three");
    size_t removed = 99;
    assert_int_equal(store_questions_clear(st, &removed, err, sizeof err), STORE_OK);
    assert_int_equal(removed, 2);
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "");
    assert_int_equal(store_questions_clear(st, &removed, err, sizeof err), STORE_OK);
    assert_int_equal(removed, 0);
    store_close(&st);
}

/* QUESTION_MAX kept: the next one is refused and nothing is written. */
static void test_cap_refuses_one_more(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "";
    for (int i = 0; i < QUESTION_MAX; i++)
        add_ok(st, NOW + i, "q");
    struct question q = make(NOW, "one too many");
    assert_int_equal(store_question_add(st, &q, err, sizeof err), STORE_ERROR);
    assert_non_null(strstr(err, "--clear"));
    assert_int_equal(store_question_delete_nth(st, QUESTION_MAX + 1, err, sizeof err),
                     STORE_NOT_FOUND);
    assert_int_equal(store_question_delete_nth(st, QUESTION_MAX, err, sizeof err), STORE_OK);
    add_ok(st, NOW, "now it fits");
    store_close(&st);
}

/* The core's rule, table-driven; the CHECK refuses an empty text even when
 * a caller skipped the rule. */
static void test_validate_and_check(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ok;
    } cases[] = {
        {"Is it safe to lift?", 0}, {"", -1},          {"   \t ", -1},
        {"two\nlines", -1},         {"bell\a", -1},    {"caf\xc3\xa9 <b>&amp;", 0},
        {"bad \xff utf-8", -1},     {"tab\tkept", 0},
    };
    char err[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct question q = make(NOW, cases[i].text);
        int rc = question_validate(&q, err, sizeof err);
        if (rc != cases[i].ok)
            fail_msg("case %zu \"%s\": %d", i, cases[i].text, rc);
    }
    struct store *st = open_ok(":memory:");
    struct question q = make(NOW, "");
    assert_int_equal(store_question_add(st, &q, err, sizeof err), STORE_ERROR);
    char buf[64];
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "");
    store_close(&st);
}

/* A database made by 0.3 before the questions' step 9 (version 8) gains
 * the table and keeps what it had. */
static void test_step_9_on_a_version_8_database(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof path, "v8.db");
    sqlite3 *db = NULL;
    /* Version 8 made the way the store makes it: a fresh file, then step 9
     * taken back out (its only change is the new table). */
    struct store *st = open_ok(path);
    add_ok(st, NOW, "kept across");
    store_close(&st);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE questions; PRAGMA user_version = 8;"
                                      " INSERT INTO episodes (started_at, intensity, region,"
                                      " created_at, updated_at) VALUES (1, 5, 'lower', 1, 1);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    st = open_ok(path);
    assert_int_equal(store_schema_version(), 9);
    char buf[64], err[STORE_ERR_LEN] = "";
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "");
    add_ok(st, NOW, "after the step");
    texts(st, buf, sizeof buf);
    assert_string_equal(buf, "after the step");
    struct episode ep;
    assert_int_equal(store_episode_get(st, 1, &ep, err, sizeof err), STORE_OK);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_list_in_order_asked),
        cmocka_unit_test(test_delete_nth_and_clear),
        cmocka_unit_test(test_cap_refuses_one_more),
        cmocka_unit_test(test_validate_and_check),
        cmocka_unit_test(test_step_9_on_a_version_8_database),
    };
    return cmocka_run_group_tests_name("questions", tests, store_fixture_setup,
                                       store_fixture_teardown);
}
