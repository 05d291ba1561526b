/* SPDX-License-Identifier: BSD-2-Clause */
/* store_health: the integrity check, the plain words of every failure (a
 * damaged file, a changed schema, another writer) and the short wait of
 * the timer's writes. The files are damaged by hand with pwrite, found
 * with raw sqlite3 calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/store.h"
#include "src/episode.h"
#include "tests/unit/store_fixture.h"

#define NOW 1795000000LL
#define EPISODES 400

/* ---- helpers ---- */

static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* A closed database file `rel` of EPISODES episodes, all in the main file
 * (checkpointed); its path into path. */
static void make_db(const char *rel, char *path, size_t n)
{
    char err[STORE_ERR_LEN];
    tpath(path, n, rel);
    struct store *st = open_ok(path);
    for (int i = 0; i < EPISODES; i++) {
        struct episode ep;
        episode_init(&ep);
        ep.started_at = NOW - 86400 - (int64_t)i * 3600;
        ep.ended_at = ep.started_at + 600;
        ep.intensity = i % 11;
        ep.region = REGION_LOWER;
        snprintf(ep.note, sizeof ep.note, "episode %d", i);
        assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof err), STORE_OK);
    }
    store_close(&st);
    raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
}

/* Sets n bytes at offset off of page `page` of the file to v. */
static void poke(const char *path, int64_t page, int64_t off, int n, unsigned char v)
{
    int64_t ps = raw_int(path, "PRAGMA page_size");
    unsigned char buf[64];
    assert_true(n <= (int)sizeof buf);
    memset(buf, v, (size_t)n);
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, buf, (size_t)n, (off_t)((page - 1) * ps + off)), n);
    close(fd);
}

/* The first leaf page of b-tree name (its root when it has one page). */
static int64_t leaf_page(const char *path, const char *name)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT coalesce((SELECT min(pageno) FROM dbstat WHERE name = '%s' AND pagetype = "
             "'leaf'), (SELECT rootpage FROM sqlite_master WHERE name = '%s'))",
             name, name);
    return raw_int(path, sql);
}

static void assert_damaged_words(const char *err, const char *path)
{
    char want[512];
    snprintf(want, sizeof want, "the database %s is damaged: restore it from a backup", path);
    if (!strstr(err, want))
        fail_msg("\"%s\" lacks \"%s\"", err, want);
    assert_null(strstr(err, "malformed"));
    assert_null(strstr(err, "SELECT"));
    assert_null(strstr(err, "INSERT"));
}

/* ---- the integrity check ---- */

static void test_sound_file_passes(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    make_db("sound.db", path, sizeof path);
    struct store *st = open_ok(path);
    assert_int_equal(store_check_integrity(st, 0, err, sizeof err), STORE_OK);
    assert_int_equal(store_check_integrity(st, 1000, err, sizeof err), STORE_OK);
    store_close(&st);
}

/* Keys changed in an index leaf: the b-tree is well formed (quick_check
 * says ok), but its entries no longer match the rows. */
static void test_changed_index_entries_are_damage(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    make_db("index.db", path, sizeof path);
    poke(path, leaf_page(path, "episodes_started_at"), 4000, 6, 0x01);
    struct store *st = open_ok(path);
    assert_int_equal(store_check_integrity(st, 0, err, sizeof err), STORE_DAMAGED);
    assert_damaged_words(err, path);
    /* A budget smaller than the file skips the check; a larger one checks. */
    int64_t pages = raw_int(path, "PRAGMA page_count");
    assert_int_equal(store_check_integrity(st, pages - 1, err, sizeof err), STORE_OK);
    assert_int_equal(store_check_integrity(st, pages, err, sizeof err), STORE_DAMAGED);
    store_close(&st);
}

/* A broken page header: every statement that meets it says damaged. */
static void test_broken_page_is_damage_everywhere(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    make_db("page.db", path, sizeof path);
    poke(path, leaf_page(path, "episodes"), 8, 4, 0xff);
    struct store *st = open_ok(path);
    assert_int_equal(store_check_integrity(st, 0, err, sizeof err), STORE_DAMAGED);
    assert_damaged_words(err, path);
    /* Reading every episode meets the page. */
    struct store_iter *it = NULL;
    struct episode ep;
    int rc = store_episodes_iter(st, 0, NOW, STORE_OLDEST_FIRST, 0, &it, err, sizeof err);
    while (rc == STORE_OK && (rc = store_iter_next(it, &ep, err, sizeof err)) == STORE_OK)
        ;
    store_iter_free(&it);
    assert_int_equal(rc, STORE_ERROR);
    assert_damaged_words(err, path);
    store_close(&st);
}

/* A write that meets a damaged page (the leaf a new start goes to) is
 * refused in the same words, and nothing is written. */
static void test_write_into_damage_refused(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    make_db("write.db", path, sizeof path);
    poke(path, raw_int(path, "SELECT pageno FROM dbstat WHERE name = 'episodes_started_at' "
                             "AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1"),
         3, 4, 0xff);
    struct store *st = open_ok(path);
    struct episode ep;
    episode_init(&ep);
    ep.started_at = NOW;
    ep.intensity = 3;
    ep.region = REGION_NECK;
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof err), STORE_ERROR);
    assert_damaged_words(err, path);
    store_close(&st);
    assert_int_equal(raw_int(path, "SELECT max(id) FROM episodes"), EPISODES);
}

/* ---- the words ---- */

/* A table missing: SQLite's own reason would quote the statement. */
static void test_changed_schema_in_plain_words(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    make_db("schema.db", path, sizeof path);
    raw_exec(path, "DROP TABLE check_answers; DROP TABLE checks");
    struct store *st = open_ok(path);
    struct check c;
    assert_int_equal(store_check_latest(st, &c, err, sizeof err) == STORE_OK, 0);
    if (!strstr(err, "is not laid out as this unknot expects"))
        fail_msg("%s", err);
    assert_non_null(strstr(err, path));
    assert_null(strstr(err, "SELECT"));
    assert_null(strstr(err, "no such"));
    store_close(&st);
}

/* ---- another writer ---- */

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct writer {
    struct store *st;
    int64_t session;
    int calls;
};

/* Runs inside the other store's import transaction: the write lock is
 * taken for as long as this runs. */
static int while_held(void *ctx, struct store_import_row *row, char *err, size_t errlen)
{
    struct writer *w = ctx;
    char e[STORE_ERR_LEN] = "";
    (void)row;
    (void)err;
    (void)errlen;
    if (w->calls++ > 0)
        return 0;
    /* A write waits as long as it is told, then says who holds it. */
    store_set_wait(w->st, 100, NULL, NULL);
    struct episode ep;
    episode_init(&ep);
    ep.started_at = NOW - 60;
    ep.intensity = 3;
    ep.region = REGION_NECK;
    int64_t t0 = mono_ms();
    assert_int_equal(store_episode_add(w->st, &ep, NOW, e, sizeof e), STORE_ERROR);
    int64_t waited = mono_ms() - t0;
    assert_true(waited >= 90);
    assert_non_null(strstr(e, "another unknot is busy writing (an import?); try again in a "
                              "moment"));
    assert_null(strstr(e, "locked"));
    /* The timer's writes give up at once, whatever the store's wait. */
    store_set_wait(w->st, 60000, NULL, NULL);
    t0 = mono_ms();
    assert_int_equal(store_session_checkpoint(w->st, w->session, 5, NOW, e, sizeof e),
                     STORE_BUSY);
    assert_int_equal(store_session_finish(w->st, w->session, SESSION_STOPPED, 6, NOW, 4, e,
                                          sizeof e),
                     STORE_BUSY);
    waited = mono_ms() - t0;
    assert_true(waited < 2 * STORE_WAIT_QUICK_MS + 400);
    assert_null(strstr(e, "locked"));
    return 0;
}

static void test_writes_wait_then_say_who(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    tpath(path, sizeof path, "busy.db");
    struct store *st = open_ok(path), *other = open_ok(path);
    struct session s = {.kind = SESSION_ICE, .planned_s = 600, .started_at = NOW,
                        .pain_before = SESSION_PAIN_NONE};
    assert_int_equal(store_session_start(st, &s, getpid(), err, sizeof err), STORE_OK);
    struct writer w = {st, s.id, 0};
    assert_int_equal(store_import(other, while_held, &w, NULL, err, sizeof err), STORE_OK);
    /* Nothing was half written; now the end lands. */
    struct session got;
    assert_int_equal(store_session_get(st, s.id, &got, err, sizeof err), STORE_OK);
    assert_int_equal(got.status, SESSION_RUNNING);
    assert_int_equal(store_session_finish(st, s.id, SESSION_STOPPED, 6, NOW, 4, err, sizeof err),
                     STORE_OK);
    store_close(&other);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sound_file_passes),
        cmocka_unit_test(test_changed_index_entries_are_damage),
        cmocka_unit_test(test_broken_page_is_damage_everywhere),
        cmocka_unit_test(test_write_into_damage_refused),
        cmocka_unit_test(test_changed_schema_in_plain_words),
        cmocka_unit_test(test_writes_wait_then_say_who),
    };
    return cmocka_run_group_tests(tests, store_fixture_setup, store_fixture_teardown);
}
