/* SPDX-License-Identifier: BSD-2-Clause */
/* store: opening, refusing, migrating, episodes with tags, checks.
 * File databases live under one mkdtemp directory removed at the end; the
 * tests look inside them with raw sqlite3 calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/schema.h"
#include "db/store.h"
#include "db/store_private.h"
#include "tests/unit/store_fixture.h"
#include "src/episode.h"

#define NOW 1795000000LL /* any fixed instant */
#define APP_ID 0x756E6B6E

/* ---------------------------------------------------------------------
 * Helpers */

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    assert_int_equal(sqlite3_finalize(s), SQLITE_OK);
    return v;
}

/* First column of the first row as text into buf ("<null>" for NULL). */
static void raw_text(sqlite3 *db, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(s, 0);
    snprintf(buf, n, "%s", t ? (const char *)t : "<null>");
    assert_int_equal(sqlite3_finalize(s), SQLITE_OK);
}

static void raw_exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        print_error("%s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static int sidecar_exists(const char *path, const char *suffix)
{
    char p[512];
    snprintf(p, sizeof(p), "%s%s", path, suffix);
    return exists(p);
}

/* The whole file, its size and mtime: what "left untouched" means. */
struct snapshot {
    unsigned char *bytes;
    size_t len;
    struct timespec mtime;
    mode_t mode;
};

static void snap(const char *path, struct snapshot *s)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    s->len = (size_t)sb.st_size;
    s->mtime = sb.st_mtim;
    s->mode = sb.st_mode;
    s->bytes = malloc(s->len + 1);
    assert_non_null(s->bytes);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(s->bytes, 1, s->len + 1, f), s->len);
    assert_int_equal(fclose(f), 0);
}

static void assert_unchanged(const char *path, struct snapshot *before)
{
    struct snapshot after;
    snap(path, &after);
    assert_int_equal(after.len, before->len);
    assert_memory_equal(after.bytes, before->bytes, before->len);
    assert_int_equal(after.mtime.tv_sec, before->mtime.tv_sec);
    assert_int_equal(after.mtime.tv_nsec, before->mtime.tv_nsec);
    assert_int_equal(after.mode, before->mode);
    assert_false(sidecar_exists(path, "-wal"));
    assert_false(sidecar_exists(path, "-shm"));
    assert_false(sidecar_exists(path, "-journal"));
    free(after.bytes);
    free(before->bytes);
    before->bytes = NULL;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static void ep_make(struct episode *ep, int64_t start, int64_t end, int intensity,
                    enum region r, enum side s)
{
    memset(ep, 0, sizeof(*ep));
    ep->started_at = start;
    ep->ended_at = end;
    ep->intensity = intensity;
    ep->region = r;
    ep->side = s;
}

static void ep_tag(struct episode *ep, enum tag_kind kind, const char *text)
{
    assert_true(ep->ntags < EPISODE_MAX_TAGS);
    ep->tags[ep->ntags].kind = kind;
    snprintf(ep->tags[ep->ntags].text, sizeof(ep->tags[0].text), "%s", text);
    ep->ntags++;
}

static int64_t add_ok(struct store *st, struct episode *ep)
{
    char err[STORE_ERR_LEN] = "";
    int rc = store_episode_add(st, ep, NOW, err, sizeof(err));
    if (rc != STORE_OK)
        print_error("store_episode_add: %s\n", err);
    assert_int_equal(rc, STORE_OK);
    assert_true(ep->id > 0);
    return ep->id;
}

static void assert_same_tags(const struct episode *a, const struct episode *b)
{
    assert_int_equal(a->ntags, b->ntags);
    for (size_t i = 0; i < a->ntags; i++) {
        assert_int_equal(a->tags[i].kind, b->tags[i].kind);
        assert_string_equal(a->tags[i].text, b->tags[i].text);
    }
}

/* ---------------------------------------------------------------------
 * Schema and opening */

static void test_schema_steps_ascending(void **state)
{
    (void)state;
    assert_true(schema_step_count >= 1);
    for (size_t i = 0; i < schema_step_count; i++) {
        assert_int_equal(schema_steps[i].version, (int)i + 1);
        char stamp[48];
        snprintf(stamp, sizeof(stamp), "PRAGMA user_version = %d;", schema_steps[i].version);
        assert_non_null(strstr(schema_steps[i].sql, stamp));
    }
    assert_int_equal(store_schema_version(), schema_steps[schema_step_count - 1].version);
    assert_int_equal(SCHEMA_APPLICATION_ID, APP_ID);
}

/* The plan of statement id: its detail lines joined by "; ". */
static void raw_plan(sqlite3 *db, enum stmt_id id, char *buf, size_t n)
{
    char sql[1024];
    sqlite3_stmt *s = NULL;
    size_t used = 0;
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", db_sql(id));
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    buf[0] = '\0';
    while (sqlite3_step(s) == SQLITE_ROW && used < n)
        used += (size_t)snprintf(buf + used, n - used, "%s; ", sqlite3_column_text(s, 3));
    assert_int_equal(sqlite3_finalize(s), SQLITE_OK);
}

/* The report reads the episodes active in its period through the index on
 * started_at, in its order (no sort), and so do their durations (sorted by
 * length, as they must be). */
static void test_active_episodes_use_the_index(void **state)
{
    (void)state;
    char path[256], plan[1024];
    tpath(path, sizeof(path), "plan.db");
    struct store *st = open_ok(path);
    store_close(&st);
    sqlite3 *db = raw_open(path);
    /* begun in the period: its range of started_at; begun before it: by
     * their end, or the ongoing ones; never a scan of every episode */
    raw_plan(db, SQL_EP_ACTIVE_ASC, plan, sizeof plan);
    if (!strstr(plan, "episodes_started_at (started_at>? AND started_at<?)") ||
        !strstr(plan, "INDEX episodes_ended_at (ended_at>?)") ||
        !strstr(plan, "USING INDEX episodes_ongoing") || strstr(plan, "SCAN"))
        fail_msg("active episodes: %s", plan);
    raw_plan(db, SQL_EP_ACTIVE_DURATIONS, plan, sizeof plan);
    if (!strstr(plan, "episodes_started_at (started_at>? AND started_at<?)") ||
        !strstr(plan, "INDEX episodes_ended_at (ended_at>?)") || strstr(plan, "SCAN"))
        fail_msg("active durations: %s", plan);
    raw_plan(db, SQL_EP_ACTIVE_DURATIONS_COUNT, plan, sizeof plan);
    if (!strstr(plan, "episodes_ended_at") || strstr(plan, "SCAN episodes"))
        fail_msg("active durations count: %s", plan);
    /* the ongoing ones, the overlaps of an episode and ending those it
     * replaces: index ranges, no scan */
    raw_plan(db, SQL_EP_ONGOING_ALL, plan, sizeof plan);
    if (!strstr(plan, "episodes_ongoing") || strstr(plan, "SCAN episodes;"))
        fail_msg("ongoing: %s", plan);
    raw_plan(db, SQL_EP_OVERLAP, plan, sizeof plan);
    if (!strstr(plan, "episodes_started_at (started_at>? AND started_at<?)") ||
        !strstr(plan, "INDEX episodes_ended_at (ended_at>?)") ||
        !strstr(plan, "episodes_ongoing") || strstr(plan, "SCAN episodes"))
        fail_msg("overlap: %s", plan);
    raw_plan(db, SQL_EP_END_BEFORE, plan, sizeof plan);
    if (!strstr(plan, "episodes_ongoing") || strstr(plan, "SCAN episodes"))
        fail_msg("end before: %s", plan);
    raw_plan(db, SQL_EP_FIRST_START, plan, sizeof plan);
    if (!strstr(plan, "episodes_started_at"))
        fail_msg("first start: %s", plan);
    sqlite3_close(db);
}

static void test_open_fresh_migrates(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof(path), "fresh/a/b/unknot.db");
    struct store *st = open_ok(path);
    store_close(&st);
    assert_null(st);

    sqlite3 *db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
    assert_int_equal(raw_int(db, "PRAGMA application_id"), APP_ID);
    char mode[32];
    raw_text(db, "PRAGMA journal_mode", mode, sizeof(mode));
    assert_string_equal(mode, "wal");
    static const char *const tables[] = {"episodes", "episode_tags", "sessions", "checks",
                                         "check_answers"};
    static const char *const indexes[] = {"episodes_started_at", "sessions_started_at",
                                          "checks_taken_at"};
    char sql[160];
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        snprintf(sql, sizeof(sql),
                 "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                 tables[i]);
        assert_int_equal(raw_int(db, sql), 1);
    }
    for (size_t i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
        snprintf(sql, sizeof(sql),
                 "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '%s'",
                 indexes[i]);
        assert_int_equal(raw_int(db, sql), 1);
    }
    /* Tags keep insertion order through the rowid. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_list "
                                 "WHERE name = 'episode_tags' AND wr = 0"), 1);
    int64_t objects = raw_int(db, "SELECT count(*) FROM sqlite_master");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    /* Reopening is a no-op: nothing applied twice, nothing lost. */
    st = open_ok(path);
    store_close(&st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), objects);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_open_empty_existing_file(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof(path), "empty.db");
    int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(fchmod(fd, 0644), 0);
    assert_int_equal(close(fd), 0);

    struct store *st = open_ok(path);
    store_close(&st);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0644); /* an existing file keeps its mode */
    sqlite3 *db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
    assert_int_equal(raw_int(db, "PRAGMA application_id"), APP_ID);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_modes(void **state)
{
    (void)state;
    mode_t old = umask(022);
    char top[256], mid[256], dir[256], path[256], wal[300];
    tpath(top, sizeof(top), "modes");
    tpath(mid, sizeof(mid), "modes/x");
    tpath(dir, sizeof(dir), "modes/x/y");
    tpath(path, sizeof(path), "modes/x/y/unknot.db");
    snprintf(wal, sizeof(wal), "%s-wal", path);

    struct store *st = open_ok(path);
    struct stat sb;
    const char *const dirs[] = {top, mid, dir};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(stat(dirs[i], &sb), 0);
        assert_true(S_ISDIR(sb.st_mode));
        assert_int_equal(sb.st_mode & 07777, 0700);
    }
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
    /* The journal of health data is health data too. */
    struct episode ep;
    ep_make(&ep, NOW, EPISODE_ONGOING, 3, REGION_NECK, SIDE_UNSET);
    add_ok(st, &ep);
    assert_int_equal(stat(wal, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
    store_close(&st);

    /* An existing directory keeps its mode; only the new one is 0700. */
    char shared[256], inner[256];
    tpath(shared, sizeof(shared), "shared");
    tpath(inner, sizeof(inner), "shared/new");
    assert_int_equal(mkdir(shared, 0755), 0);
    assert_int_equal(chmod(shared, 0755), 0);
    tpath(path, sizeof(path), "shared/new/unknot.db");
    st = open_ok(path);
    store_close(&st);
    assert_int_equal(stat(shared, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0755);
    assert_int_equal(stat(inner, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0700);
    umask(old);
}

static void test_open_bad_paths(void **state)
{
    (void)state;
    char blocker[256], path[256], err[STORE_ERR_LEN] = "";
    struct store *st = (struct store *)(uintptr_t)1; /* must be reset to NULL */
    assert_int_equal(store_open(&st, "", err, sizeof(err)), STORE_ERROR);
    assert_null(st);
    assert_true(strlen(err) > 0);

    tpath(blocker, sizeof(blocker), "blocker");
    write_file(blocker, "x");
    tpath(path, sizeof(path), "blocker/sub/unknot.db");
    err[0] = '\0';
    assert_int_equal(store_open(&st, path, err, sizeof(err)), STORE_ERROR);
    assert_null(st);
    assert_non_null(strstr(err, "blocker"));

    /* A directory where the file should be. */
    tpath(path, sizeof(path), "adir.db");
    assert_int_equal(mkdir(path, 0700), 0);
    err[0] = '\0';
    assert_int_equal(store_open(&st, path, err, sizeof(err)), STORE_ERROR);
    assert_null(st);
    assert_true(strlen(err) > 0);
}

static void test_refuse_newer_untouched(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    tpath(path, sizeof(path), "newer.db");
    struct store *st = open_ok(path);
    store_close(&st);
    sqlite3 *db = raw_open(path);
    raw_exec_ok(db, "PRAGMA user_version = 99");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    assert_false(sidecar_exists(path, "-wal"));

    struct snapshot before;
    snap(path, &before);
    assert_int_equal(store_open(&st, path, err, sizeof(err)), STORE_NEWER);
    assert_null(st);
    assert_non_null(strstr(err, "newer unknot"));
    assert_non_null(strstr(err, "schema 99"));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "upgrade unknot"));
    assert_unchanged(path, &before);
}

/* The version lives only in the WAL (another connection has not
 * checkpointed): the file header still says 1, SQLite sees 99. */
static void test_refuse_newer_in_wal(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    tpath(path, sizeof(path), "newer-wal.db");
    struct store *st = open_ok(path);
    store_close(&st);
    sqlite3 *other = raw_open(path);
    raw_exec_ok(other, "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 42");
    assert_true(sidecar_exists(path, "-wal"));

    struct snapshot before;
    snap(path, &before);
    assert_int_equal(store_open(&st, path, err, sizeof(err)), STORE_NEWER);
    assert_null(st);
    assert_non_null(strstr(err, "schema 42"));
    struct snapshot after;
    snap(path, &after);
    assert_int_equal(after.len, before.len);
    assert_memory_equal(after.bytes, before.bytes, before.len);
    free(after.bytes);
    free(before.bytes);
    assert_int_equal(raw_int(other, "PRAGMA user_version"), 42);
    assert_int_equal(sqlite3_close(other), SQLITE_OK);
}

static void test_refuse_foreign(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *sql; /* NULL: a text file, not SQLite at all */
    } cases[] = {
        {"foreign-appid.db", "PRAGMA application_id = 42; CREATE TABLE t (x); "
                             "INSERT INTO t VALUES (1);"},
        {"foreign-plain.db", "CREATE TABLE notes (body TEXT);"},
        {"foreign-version.db", "PRAGMA user_version = 1;"},
        {"foreign-text.db", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256], err[STORE_ERR_LEN] = "";
        tpath(path, sizeof(path), cases[i].name);
        if (cases[i].sql) {
            sqlite3 *db = NULL;
            assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
            raw_exec_ok(db, cases[i].sql);
            assert_int_equal(sqlite3_close(db), SQLITE_OK);
        } else {
            write_file(path, "these are my shopping notes, not a database at all\n"
                             "milk, bread, eggs, and a hot water bottle\n"
                             "padding padding padding padding padding padding\n");
        }
        struct snapshot before;
        snap(path, &before);
        struct store *st = NULL;
        int rc = store_open(&st, path, err, sizeof(err));
        if (rc != STORE_NOT_OURS)
            print_error("case %s: rc %d, %s\n", cases[i].name, rc, err);
        assert_int_equal(rc, STORE_NOT_OURS);
        assert_null(st);
        assert_non_null(strstr(err, "refusing"));
        assert_unchanged(path, &before);
    }
}

/* A step that fails half-way leaves nothing behind: the tables it made
 * before the failure and the version stamp roll back together. */
static void test_failed_migration_rolls_back(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN] = "";
    tpath(path, sizeof(path), "halfway.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* Ours by its id, version 0, but a "checks" table is in the way of step 1,
     * which creates episodes, episode_tags and sessions first. */
    raw_exec_ok(db, "PRAGMA application_id = 1970170734; CREATE TABLE checks (x);");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    struct store *st = NULL;
    assert_int_equal(store_open(&st, path, err, sizeof(err)), STORE_ERROR);
    assert_null(st);
    assert_non_null(strstr(err, "schema 1"));
    assert_non_null(strstr(err, "checks"));

    db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                 "('episodes', 'episode_tags', 'sessions')"),
                     0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Closing with an iterator still alive must neither crash nor leak (the
 * sanitizer and valgrind runs are the judges of the second). */
static void test_close_before_iterator_free(void **state)
{
    (void)state;
    char err[STORE_ERR_LEN];
    struct store *st = open_ok(":memory:");
    struct episode ep;
    ep_make(&ep, NOW, EPISODE_ONGOING, 1, REGION_LOWER, SIDE_UNSET);
    add_ok(st, &ep);
    struct store_iter *it = NULL;
    assert_int_equal(store_episodes_iter(st, 0, INT64_MAX, STORE_NEWEST_FIRST, 0, &it, err,
                                         sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_iter_next(it, &ep, err, sizeof(err)), STORE_OK);
    store_close(&st);
    assert_null(st);
    store_iter_free(&it);
    assert_null(it);
}

static void test_close_null_safe(void **state)
{
    (void)state;
    store_close(NULL);
    struct store *st = NULL;
    store_close(&st);
    assert_null(st);
    st = open_ok(":memory:");
    store_close(&st);
    assert_null(st);
    store_close(&st);
}

static void test_default_path(void **state)
{
    (void)state;
    char out[256];
    setenv("UNKNOT_DB", "/env/db.sqlite", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    setenv("HOME", "/home/u", 1);
    assert_int_equal(store_default_path("/explicit.db", out, sizeof(out)), 0);
    assert_string_equal(out, "/explicit.db");
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "/env/db.sqlite");
    setenv("UNKNOT_DB", "", 1); /* empty counts as unset */
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "/xdg/unknot/unknot.db");
    setenv("XDG_DATA_HOME", "", 1);
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "/home/u/.local/share/unknot/unknot.db");
    setenv("XDG_DATA_HOME", "relative/dir", 1); /* the XDG spec says ignore it */
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "/home/u/.local/share/unknot/unknot.db");
    unsetenv("XDG_DATA_HOME");
    unsetenv("UNKNOT_DB");
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), 0);
    assert_string_equal(out, "/home/u/.local/share/unknot/unknot.db");
    char tiny[8];
    assert_int_equal(store_default_path(NULL, tiny, sizeof(tiny)), -1);
    unsetenv("HOME");
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), -1);
    setenv("HOME", "", 1);
    assert_int_equal(store_default_path(NULL, out, sizeof(out)), -1);
    assert_int_equal(store_default_path("/still/explicit.db", out, sizeof(out)), 0);
    assert_string_equal(out, "/still/explicit.db");
}

/* store_changed sees what another connection committed, and only that:
 * the first call takes the baseline, a second look without a commit and
 * this connection's own writes say 0, a read by the other says 0. */
static void test_changed_sees_other_connections(void **state)
{
    (void)state;
    char path[128], err[STORE_ERR_LEN];
    tpath(path, sizeof(path), "changed.db");
    struct store *a = open_ok(path), *b = open_ok(path);
    struct episode ep;
    assert_int_equal(store_changed(a, err, sizeof(err)), 0);
    assert_int_equal(store_changed(a, err, sizeof(err)), 0);
    ep_make(&ep, NOW - 60, EPISODE_ONGOING, 4, REGION_LOWER, SIDE_UNSET);
    add_ok(a, &ep); /* its own write */
    assert_int_equal(store_changed(a, err, sizeof(err)), 0);
    assert_int_equal(store_episode_get(b, ep.id, &ep, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_changed(a, err, sizeof(err)), 0); /* a read is no change */
    assert_int_equal(store_episode_end(b, ep.id, NOW, NOW, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_changed(a, err, sizeof(err)), 1);
    assert_int_equal(store_changed(a, err, sizeof(err)), 0); /* once per commit */
    ep_make(&ep, NOW - 30, NOW, 2, REGION_NECK, SIDE_UNSET);
    add_ok(b, &ep);
    add_ok(b, &ep);
    assert_int_equal(store_changed(a, err, sizeof(err)), 1); /* two commits, one look */
    store_close(&b);
    store_close(&a);
}

/* ---------------------------------------------------------------------
 * Episodes */

static void test_add_and_get_every_field(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct episode ep, got;
    ep_make(&ep, NOW - 7200, NOW - 3600, 7, REGION_UPPER, SIDE_CENTER);
    add_ok(st, &ep);
    assert_int_equal(ep.created_at, NOW);
    assert_int_equal(ep.updated_at, NOW);
    memset(&got, 0x5a, sizeof(got));
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.id, ep.id);
    assert_int_equal(got.started_at, NOW - 7200);
    assert_int_equal(got.ended_at, NOW - 3600);
    assert_int_equal(got.intensity, 7);
    assert_int_equal(got.region, REGION_UPPER);
    assert_int_equal(got.side, SIDE_CENTER);
    assert_string_equal(got.note, "");
    assert_int_equal(got.ntags, 0);
    assert_int_equal(got.created_at, NOW);
    assert_int_equal(got.updated_at, NOW);

    struct episode ongoing;
    ep_make(&ongoing, NOW, EPISODE_ONGOING, 0, REGION_LOWER, SIDE_UNSET);
    add_ok(st, &ongoing);
    assert_true(ongoing.id != ep.id);
    assert_int_equal(store_episode_get(st, ongoing.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, EPISODE_ONGOING);
    assert_int_equal(got.side, SIDE_UNSET);
    assert_int_equal(got.intensity, 0);

    err[0] = '\0';
    assert_int_equal(store_episode_get(st, 9999, &got, err, sizeof(err)), STORE_NOT_FOUND);
    assert_non_null(strstr(err, "9999"));
    store_close(&st);
}

/* The codes written to the database are the vocabulary codes of
 * src/episode.c, and NULL stands for "ongoing" and "no side". */
static void test_codes_match_vocabulary(void **state)
{
    (void)state;
    char path[256], sql[160], text[64];
    tpath(path, sizeof(path), "codes.db");
    struct store *st = open_ok(path);
    struct episode ep;
    for (int r = 0; r < REGION_COUNT; r++) {
        for (int s = 0; s < SIDE_COUNT; s++) {
            ep_make(&ep, NOW, EPISODE_ONGOING, 4, (enum region)r, (enum side)s);
            for (int k = 0; k < TAG_KIND_COUNT; k++)
                ep_tag(&ep, (enum tag_kind)k, "x");
            add_ok(st, &ep);
            sqlite3 *db = raw_open(path);
            snprintf(sql, sizeof(sql), "SELECT region FROM episodes WHERE id = %lld",
                     (long long)ep.id);
            raw_text(db, sql, text, sizeof(text));
            assert_string_equal(text, region_code((enum region)r));
            snprintf(sql, sizeof(sql), "SELECT side FROM episodes WHERE id = %lld",
                     (long long)ep.id);
            raw_text(db, sql, text, sizeof(text));
            assert_string_equal(text, s == SIDE_UNSET ? "<null>" : side_code((enum side)s));
            snprintf(sql, sizeof(sql), "SELECT ended_at FROM episodes WHERE id = %lld",
                     (long long)ep.id);
            raw_text(db, sql, text, sizeof(text));
            assert_string_equal(text, "<null>");
            for (int k = 0; k < TAG_KIND_COUNT; k++) {
                snprintf(sql, sizeof(sql),
                         "SELECT kind FROM episode_tags WHERE episode_id = %lld "
                         "ORDER BY rowid LIMIT 1 OFFSET %d",
                         (long long)ep.id, k);
                raw_text(db, sql, text, sizeof(text));
                assert_string_equal(text, tag_kind_code((enum tag_kind)k));
            }
            assert_int_equal(sqlite3_close(db), SQLITE_OK);
        }
    }
    store_close(&st);
}

static void test_utf8_notes_roundtrip(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    static struct episode ep, got;
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    snprintf(ep.note, sizeof(ep.note), "naïve – 痛み\nsecond line\twith a tab");
    add_ok(st, &ep);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_string_equal(got.note, "naïve – 痛み\nsecond line\twith a tab");

    /* 1333 three-byte characters: 3999 bytes, just under the limit. */
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    for (int i = 0; i < 1333; i++)
        memcpy(ep.note + 3 * i, "痛", 3);
    ep.note[3999] = '\0';
    add_ok(st, &ep);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(strlen(got.note), 3999);
    assert_memory_equal(got.note, ep.note, 4000);

    /* A buffer without its NUL is never read past: 4001 bytes, refused. */
    int64_t count = -1;
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    memset(ep.note, 'a', sizeof(ep.note));
    err[0] = '\0';
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    assert_non_null(strstr(err, "notes"));
    assert_int_equal(ep.id, 0);
    assert_int_equal(store_episode_count(st, 0, INT64_MAX, &count, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(count, 2);
    store_close(&st);
}

static void test_tags_roundtrip_in_order(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    static struct episode ep, got;
    ep_make(&ep, NOW, EPISODE_ONGOING, 6, REGION_MID, SIDE_BOTH);
    ep_tag(&ep, TAG_RELIEF, "heat");
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    ep_tag(&ep, TAG_MEDICATION, "ibuprofen 400 mg");
    ep_tag(&ep, TAG_TRIGGER, "stress");
    ep_tag(&ep, TAG_SYMPTOM, "other:zuckt – 痛い");
    ep_tag(&ep, TAG_TRIGGER, "bending");
    add_ok(st, &ep);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_same_tags(&ep, &got);

    struct store_iter *it = NULL;
    assert_int_equal(store_episodes_iter(st, 0, INT64_MAX, STORE_NEWEST_FIRST, STORE_ITER_TAGS,
                                         &it, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_OK);
    assert_same_tags(&ep, &got);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    store_iter_free(&it);
    assert_null(it);

    /* A repeated tag is stored once; a tag of the maximum length fits. */
    ep_make(&ep, NOW, EPISODE_ONGOING, 6, REGION_MID, SIDE_BOTH);
    ep_tag(&ep, TAG_TRIGGER, "stress");
    ep_tag(&ep, TAG_TRIGGER, "stress");
    memset(ep.tags[ep.ntags].text, 'm', EPISODE_TAG_MAX);
    ep.tags[ep.ntags].text[EPISODE_TAG_MAX] = '\0';
    ep.tags[ep.ntags++].kind = TAG_MEDICATION;
    add_ok(st, &ep);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ntags, 2);
    assert_string_equal(got.tags[0].text, "stress");
    assert_int_equal(strlen(got.tags[1].text), EPISODE_TAG_MAX);
    store_close(&st);
}

static void test_delete_cascades_tags(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN];
    tpath(path, sizeof(path), "cascade.db");
    struct store *st = open_ok(path);
    struct episode a, b, got;
    ep_make(&a, NOW - 100, EPISODE_ONGOING, 4, REGION_LOWER, SIDE_LEFT);
    ep_tag(&a, TAG_TRIGGER, "lifting");
    ep_tag(&a, TAG_SYMPTOM, "stiffness");
    ep_tag(&a, TAG_RELIEF, "ice");
    add_ok(st, &a);
    ep_make(&b, NOW - 50, EPISODE_ONGOING, 4, REGION_LOWER, SIDE_LEFT);
    ep_tag(&b, TAG_TRIGGER, "twisting");
    ep_tag(&b, TAG_RELIEF, "heat");
    add_ok(st, &b);

    sqlite3 *db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episode_tags"), 5);
    raw_exec_ok(db, "INSERT INTO sessions (kind, planned_s, started_at, status, episode_id) "
                    "SELECT 'ice', 1200, 1, 'done', min(id) FROM episodes");
    assert_int_equal(store_episode_delete(st, a.id, err, sizeof(err)), STORE_OK);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episode_tags"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episodes"), 1);
    /* A session outlives its episode (ON DELETE SET NULL). */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sessions WHERE episode_id IS NULL"), 1);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    assert_int_equal(store_episode_get(st, a.id, &got, err, sizeof(err)), STORE_NOT_FOUND);
    assert_int_equal(store_episode_delete(st, a.id, err, sizeof(err)), STORE_NOT_FOUND);
    assert_int_equal(store_episode_get(st, b.id, &got, err, sizeof(err)), STORE_OK);
    assert_same_tags(&b, &got);
    store_close(&st);
}

static void test_schema_refuses_bad_rows(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof(path), "checks.db");
    struct store *st = open_ok(path);
    store_close(&st);
    sqlite3 *db = raw_open(path);
    raw_exec_ok(db, "PRAGMA foreign_keys = ON");
    /* Controls: well-formed rows go in, so a refusal below is the CHECK. */
    raw_exec_ok(db, "INSERT INTO episodes (id, started_at, ended_at, intensity, region, side, "
                    "notes, created_at, updated_at) VALUES (1, 100, 100, 10, 'neck', NULL, "
                    "'', 1, 1)");
    raw_exec_ok(db, "INSERT INTO episode_tags VALUES (1, 'medication', 'aspirin')");
    raw_exec_ok(db, "INSERT INTO checks (id, taken_at, verdict) VALUES (1, 5, 'see_doctor')");
    raw_exec_ok(db, "INSERT INTO check_answers VALUES (1, 32, 1)");
    raw_exec_ok(db, "INSERT INTO check_answers VALUES (1, 31, 2)"); /* not sure */
    raw_exec_ok(db, "INSERT INTO sessions (kind, hold_s, planned_s, started_at, status, "
                    "pain_before) VALUES ('stretch', 30, 60, 1, 'interrupted', 0)");

#define EP(vals) "INSERT INTO episodes (started_at, ended_at, intensity, region, side, " \
                 "notes, created_at, updated_at) VALUES " vals
    static const char *const bad[] = {
        EP("(100, NULL, 11, 'lower', NULL, '', 1, 1)"),
        EP("(100, NULL, -1, 'lower', NULL, '', 1, 1)"),
        EP("(100, NULL, 5.5, 'lower', NULL, '', 1, 1)"),
        EP("(100, NULL, 5, 'elbow', NULL, '', 1, 1)"),
        EP("(100, NULL, 5, 'lower', 'up', '', 1, 1)"),
        EP("(100, 99, 5, 'lower', 'left', '', 1, 1)"),
        EP("(100, NULL, 5, NULL, 'left', '', 1, 1)"),
        EP("(100, NULL, 5, 'lower', 'left', zeroblob(4001), 1, 1)"),
        "INSERT INTO episode_tags VALUES (1, 'mood', 'grumpy')",
        "INSERT INTO episode_tags VALUES (1, 'trigger', '')",
        "INSERT INTO episode_tags VALUES (1, 'trigger', printf('%.121c', 'x'))",
        "INSERT INTO episode_tags VALUES (12345, 'trigger', 'lifting')", /* no episode */
        "INSERT INTO episode_tags VALUES (1, 'medication', 'aspirin')",  /* twice */
        "INSERT INTO checks (taken_at, verdict) VALUES (5, 'maybe')",
        "INSERT INTO check_answers VALUES (1, 33, 1)",
        "INSERT INTO check_answers VALUES (1, 0, 1)",
        "INSERT INTO check_answers VALUES (1, 3, 3)", /* 0 no, 1 yes, 2 not sure */
        "INSERT INTO check_answers VALUES (1, 3, -1)",
        "INSERT INTO check_answers VALUES (1, 3, 1.5)",
        "INSERT INTO sessions (kind, planned_s, started_at, status) "
        "VALUES ('sauna', 60, 1, 'running')",
        "INSERT INTO sessions (kind, hold_s, planned_s, started_at, status) "
        "VALUES ('stretch', 10, 60, 1, 'running')",
        "INSERT INTO sessions (kind, planned_s, started_at, status) "
        "VALUES ('ice', 0, 1, 'running')",
        "INSERT INTO sessions (kind, planned_s, elapsed_s, started_at, status) "
        "VALUES ('ice', 60, -1, 1, 'running')",
        "INSERT INTO sessions (kind, planned_s, started_at, status) "
        "VALUES ('ice', 60, 1, 'paused')",
        "INSERT INTO sessions (kind, planned_s, started_at, ended_at, status) "
        "VALUES ('ice', 60, 10, 9, 'done')",
        "INSERT INTO sessions (kind, planned_s, started_at, status, pain_after) "
        "VALUES ('ice', 60, 1, 'done', 11)",
    };
#undef EP
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = sqlite3_exec(db, bad[i], NULL, NULL, NULL);
        if (rc != SQLITE_CONSTRAINT)
            print_error("accepted or failed otherwise (%d): %s\n", rc, bad[i]);
        assert_int_equal(rc, SQLITE_CONSTRAINT);
    }
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episodes"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episode_tags"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM checks"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM check_answers"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sessions"), 1);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_failed_add_writes_nothing(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN];
    tpath(path, sizeof(path), "partial.db");
    struct store *st = open_ok(path);
    struct episode ep;

    /* Refused by the episode row itself. */
    ep_make(&ep, NOW, EPISODE_ONGOING, 11, REGION_LOWER, SIDE_LEFT);
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    err[0] = '\0';
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    assert_non_null(strstr(err, "intensity"));
    assert_int_equal(ep.id, 0);

    /* The row goes in, then its second tag is refused: all rolled back. */
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    ep_tag(&ep, TAG_SYMPTOM, "");
    err[0] = '\0';
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    assert_non_null(strstr(err, "tag"));
    assert_int_equal(ep.id, 0);

    /* Enum values out of range never reach SQL. */
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, (enum region)REGION_COUNT, SIDE_LEFT);
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, (enum side)99);
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    ep.tags[0].kind = (enum tag_kind)TAG_KIND_COUNT;
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);
    ep.tags[0].kind = TAG_TRIGGER;
    ep.ntags = EPISODE_MAX_TAGS + 1;
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_ERROR);

    sqlite3 *db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episodes"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episode_tags"), 0);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    /* The store is still usable after the failures (no open transaction). */
    ep_make(&ep, NOW, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_LEFT);
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    add_ok(st, &ep);
    store_close(&st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episodes"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM episode_tags"), 1);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_update_replaces_what_changed(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    static struct episode a, b, got, before_b;
    ep_make(&a, NOW - 500, EPISODE_ONGOING, 4, REGION_LOWER, SIDE_LEFT);
    snprintf(a.note, sizeof(a.note), "first");
    ep_tag(&a, TAG_TRIGGER, "lifting");
    ep_tag(&a, TAG_SYMPTOM, "stiffness");
    add_ok(st, &a);
    ep_make(&b, NOW - 400, EPISODE_ONGOING, 2, REGION_NECK, SIDE_RIGHT);
    ep_tag(&b, TAG_TRIGGER, "stress");
    add_ok(st, &b);
    assert_int_equal(store_episode_get(st, b.id, &before_b, err, sizeof(err)), STORE_OK);

    assert_int_equal(store_episode_get(st, a.id, &got, err, sizeof(err)), STORE_OK);
    got.intensity = 8;
    got.side = SIDE_UNSET;
    got.ntags = 0;
    ep_tag(&got, TAG_RELIEF, "walking");
    ep_tag(&got, TAG_TRIGGER, "lifting");
    assert_int_equal(store_episode_update(st, &got, NOW + 60, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.updated_at, NOW + 60);

    struct episode *after = &a; /* reuse the buffer */
    assert_int_equal(store_episode_get(st, got.id, after, err, sizeof(err)), STORE_OK);
    assert_int_equal(after->intensity, 8);
    assert_int_equal(after->side, SIDE_UNSET);
    assert_int_equal(after->started_at, NOW - 500);
    assert_int_equal(after->ended_at, EPISODE_ONGOING);
    assert_int_equal(after->region, REGION_LOWER);
    assert_string_equal(after->note, "first");
    assert_int_equal(after->created_at, NOW);
    assert_int_equal(after->updated_at, NOW + 60);
    assert_int_equal(after->ntags, 2);
    assert_int_equal(after->tags[0].kind, TAG_RELIEF);
    assert_string_equal(after->tags[0].text, "walking");
    assert_int_equal(after->tags[1].kind, TAG_TRIGGER);
    assert_string_equal(after->tags[1].text, "lifting");

    /* The other episode is untouched. */
    assert_int_equal(store_episode_get(st, b.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.intensity, before_b.intensity);
    assert_int_equal(got.updated_at, before_b.updated_at);
    assert_same_tags(&got, &before_b);

    /* A failed update (bad tag) leaves row and old tags as they were. */
    assert_int_equal(store_episode_get(st, b.id, &got, err, sizeof(err)), STORE_OK);
    got.intensity = 9;
    got.ntags = 0;
    ep_tag(&got, TAG_MEDICATION, "");
    assert_int_equal(store_episode_update(st, &got, NOW + 90, err, sizeof(err)), STORE_ERROR);
    assert_int_equal(store_episode_get(st, b.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.intensity, 2);
    assert_int_equal(got.updated_at, NOW);
    assert_same_tags(&got, &before_b);

    got.id = 424242;
    err[0] = '\0';
    assert_int_equal(store_episode_update(st, &got, NOW, err, sizeof(err)), STORE_NOT_FOUND);
    assert_non_null(strstr(err, "424242"));
    store_close(&st);
}

static void test_end_episode(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct episode ep, got;
    ep_make(&ep, NOW - 3600, EPISODE_ONGOING, 6, REGION_LOWER, SIDE_BOTH);
    ep_tag(&ep, TAG_TRIGGER, "sitting");
    add_ok(st, &ep);

    /* Before its start: refused by the schema, still ongoing. */
    assert_int_equal(store_episode_end(st, ep.id, NOW - 7200, NOW, err, sizeof(err)),
                     STORE_ERROR);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, EPISODE_ONGOING);

    assert_int_equal(store_episode_end(st, ep.id, NOW - 60, NOW, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, NOW - 60);
    assert_int_equal(got.updated_at, NOW);
    assert_int_equal(got.ntags, 1); /* tags untouched */
    assert_int_equal(store_episode_ongoing(st, &got, err, sizeof(err)), STORE_NOT_FOUND);

    err[0] = '\0';
    assert_int_equal(store_episode_end(st, ep.id, NOW, NOW + 5, err, sizeof(err)), STORE_ERROR);
    assert_non_null(strstr(err, "already ended"));
    assert_int_equal(store_episode_get(st, ep.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, NOW - 60);
    assert_int_equal(got.updated_at, NOW);

    assert_int_equal(store_episode_end(st, 777, NOW, NOW, err, sizeof(err)), STORE_NOT_FOUND);
    assert_int_equal(store_episode_end(st, ep.id, EPISODE_ONGOING, NOW, err, sizeof(err)),
                     STORE_ERROR);
    store_close(&st);
}

static void test_ongoing_lookup(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct episode a, b, c, d, got;
    assert_int_equal(store_episode_ongoing(st, &got, err, sizeof(err)), STORE_NOT_FOUND);
    ep_make(&a, NOW - 900, EPISODE_ONGOING, 3, REGION_LOWER, SIDE_LEFT);
    ep_tag(&a, TAG_TRIGGER, "cold");
    add_ok(st, &a);
    ep_make(&b, NOW - 300, EPISODE_ONGOING, 5, REGION_MID, SIDE_LEFT);
    ep_tag(&b, TAG_RELIEF, "rest");
    add_ok(st, &b);
    ep_make(&c, NOW - 100, NOW - 50, 7, REGION_NECK, SIDE_LEFT); /* newest, but ended */
    add_ok(st, &c);
    ep_make(&d, NOW - 1000, EPISODE_ONGOING, 1, REGION_NECK, SIDE_LEFT);
    add_ok(st, &d);
    assert_int_equal(store_episode_ongoing(st, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.id, b.id);
    assert_int_equal(got.ntags, 1);
    assert_string_equal(got.tags[0].text, "rest");
    assert_int_equal(store_episode_end(st, b.id, NOW, NOW, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_episode_ongoing(st, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.id, a.id);
    store_close(&st);
}

/* The ids an episode iterator gives, in its order, into ids[0 .. *n). */
static void iter_ids(struct store_iter *it, int64_t *ids, size_t max, size_t *n)
{
    char err[STORE_ERR_LEN];
    struct episode got;
    int rc;
    *n = 0;
    while ((rc = store_iter_next(it, &got, err, sizeof(err))) == STORE_OK) {
        assert_true(*n < max);
        ids[(*n)++] = got.id;
    }
    assert_int_equal(rc, STORE_END);
}

static void test_ongoing_all(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct store_iter *it = NULL;
    struct episode a, b, c, d, got;
    int64_t ids[8];
    size_t n;
    assert_int_equal(store_episodes_ongoing_iter(st, 0, &it, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    store_iter_free(&it);
    ep_make(&a, NOW - 900, EPISODE_ONGOING, 3, REGION_LOWER, SIDE_LEFT);
    ep_tag(&a, TAG_TRIGGER, "cold");
    add_ok(st, &a);
    ep_make(&b, NOW - 300, EPISODE_ONGOING, 5, REGION_MID, SIDE_LEFT);
    add_ok(st, &b);
    ep_make(&c, NOW - 100, NOW - 50, 7, REGION_NECK, SIDE_LEFT); /* newest, but ended */
    add_ok(st, &c);
    ep_make(&d, NOW - 900, EPISODE_ONGOING, 1, REGION_NECK, SIDE_LEFT); /* a's start: by id */
    add_ok(st, &d);
    assert_int_equal(store_episodes_ongoing_iter(st, STORE_ITER_TAGS, &it, err, sizeof(err)),
                     STORE_OK);
    iter_ids(it, ids, 8, &n);
    store_iter_free(&it);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0], b.id);
    assert_int_equal(ids[1], d.id);
    assert_int_equal(ids[2], a.id);
    /* with tags when asked */
    assert_int_equal(store_episodes_ongoing_iter(st, STORE_ITER_TAGS, &it, err, sizeof(err)),
                     STORE_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.id, a.id);
    assert_int_equal(got.ntags, 1);
    store_iter_free(&it);
    store_close(&st);
}

/* One overlap question: an episode [start, end) of a region, and the ids
 * of the stored ones it overlaps, oldest first (0 ends the list). */
static const struct overlap_case {
    const char *what;
    int64_t start, end;
    enum region region;
    int64_t want[4];
} overlap_cases[] = {
    {"inside an ended one", NOW - 5000, NOW - 4500, REGION_LOWER, {1}},
    {"across its end", NOW - 4100, NOW - 3000, REGION_LOWER, {1}},
    {"begins as it ends: none", NOW - 4000, NOW - 3000, REGION_LOWER, {0}},
    {"ends as it begins: none", NOW - 7000, NOW - 6000, REGION_LOWER, {0}},
    {"around it", NOW - 7000, NOW - 3000, REGION_LOWER, {1}},
    {"the neck one only", NOW - 5000, NOW - 4500, REGION_NECK, {2}},
    {"upper back: none", NOW - 5000, NOW - 4500, REGION_UPPER, {0}},
    {"ongoing from before: both lower", NOW - 6500, EPISODE_ONGOING, REGION_LOWER, {1, 3}},
    {"inside the ongoing one", NOW - 1500, NOW - 1000, REGION_LOWER, {3}},
    {"before everything: none", NOW - 9000, NOW - 8000, REGION_LOWER, {0}},
    {"mid back, at the ongoing one", NOW - 1500, NOW - 1000, REGION_MID, {0}},
};

static void test_overlap(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct episode e;
    ep_make(&e, NOW - 6000, NOW - 4000, 5, REGION_LOWER, SIDE_UNSET); /* 1 */
    add_ok(st, &e);
    ep_make(&e, NOW - 6000, NOW - 4000, 5, REGION_NECK, SIDE_UNSET); /* 2 */
    add_ok(st, &e);
    ep_make(&e, NOW - 2000, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_UNSET); /* 3 */
    add_ok(st, &e);
    for (size_t k = 0; k < sizeof(overlap_cases) / sizeof(overlap_cases[0]); k++) {
        const struct overlap_case *c = &overlap_cases[k];
        struct store_iter *it = NULL;
        int64_t ids[8];
        size_t n, want = 0;
        while (want < 4 && c->want[want])
            want++;
        ep_make(&e, c->start, c->end, 5, c->region, SIDE_UNSET);
        assert_int_equal(store_episodes_overlap_iter(st, &e, &it, err, sizeof(err)), STORE_OK);
        iter_ids(it, ids, 8, &n);
        store_iter_free(&it);
        if (n != want)
            fail_msg("%s: %zu overlaps, want %zu", c->what, n, want);
        for (size_t i = 0; i < n; i++)
            if (ids[i] != c->want[i])
                fail_msg("%s: overlap %zu is %lld, want %lld", c->what, i, (long long)ids[i],
                         (long long)c->want[i]);
    }
    /* A stored episode never overlaps itself. */
    struct store_iter *it = NULL;
    assert_int_equal(store_episode_get(st, 3, &e, err, sizeof(err)), STORE_OK);
    int64_t ids[8];
    size_t n;
    assert_int_equal(store_episodes_overlap_iter(st, &e, &it, err, sizeof(err)), STORE_OK);
    iter_ids(it, ids, 8, &n);
    store_iter_free(&it);
    assert_int_equal(n, 0);
    e.region = (enum region)99;
    assert_int_equal(store_episodes_overlap_iter(st, &e, &it, err, sizeof(err)), STORE_ERROR);
    assert_null(it);
    store_close(&st);
}

/* The new episode and the end of those it replaces are one transaction:
 * a refused insert ends none of them. */
static void test_add_ending(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct episode a, b, c, e, got;
    ep_make(&a, NOW - 5000, EPISODE_ONGOING, 5, REGION_LOWER, SIDE_UNSET);
    add_ok(st, &a);
    ep_make(&b, NOW - 3000, EPISODE_ONGOING, 5, REGION_NECK, SIDE_UNSET);
    add_ok(st, &b);
    ep_make(&c, NOW - 1000, EPISODE_ONGOING, 5, REGION_MID, SIDE_UNSET); /* after the new one */
    add_ok(st, &c);
    int ended = -1;
    ep_make(&e, NOW - 2000, EPISODE_ONGOING, 11, REGION_LOWER, SIDE_UNSET); /* refused */
    assert_int_equal(store_episode_add_ending(st, &e, NOW, &ended, err, sizeof(err)),
                     STORE_ERROR);
    assert_int_equal(ended, -1);
    assert_int_equal(store_episode_get(st, a.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, EPISODE_ONGOING);
    e.intensity = 6;
    assert_int_equal(store_episode_add_ending(st, &e, NOW + 5, &ended, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(ended, 2);
    assert_true(e.id > c.id);
    assert_int_equal(store_episode_get(st, a.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, NOW - 2000);
    assert_int_equal(got.updated_at, NOW + 5);
    assert_int_equal(store_episode_get(st, b.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, NOW - 2000);
    assert_int_equal(store_episode_get(st, c.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, EPISODE_ONGOING); /* began after: left alone */
    assert_int_equal(store_episode_get(st, e.id, &got, err, sizeof(err)), STORE_OK);
    assert_int_equal(got.ended_at, EPISODE_ONGOING);
    store_close(&st);
}

static void collect_ids(struct store *st, int64_t from, int64_t to, enum store_order order,
                        int flags, int64_t *ids, size_t max, size_t *n)
{
    char err[STORE_ERR_LEN];
    static struct episode ep;
    struct store_iter *it = NULL;
    assert_int_equal(store_episodes_iter(st, from, to, order, flags, &it, err, sizeof(err)),
                     STORE_OK);
    int rc;
    *n = 0;
    while ((rc = store_iter_next(it, &ep, err, sizeof(err))) == STORE_OK) {
        assert_true(*n < max);
        ids[(*n)++] = ep.id;
        if (!(flags & STORE_ITER_TAGS))
            assert_int_equal(ep.ntags, 0);
        else
            assert_int_equal(ep.ntags, 1);
    }
    assert_int_equal(rc, STORE_END);
    assert_int_equal(store_iter_next(it, &ep, err, sizeof(err)), STORE_END); /* stays done */
    store_iter_free(&it);
    assert_null(it);
}

static void test_iterate_order_and_bounds(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    /* Starts 100, 200, 200, 300, 400: ids 1..5 in that order. */
    static const int64_t starts[] = {100, 200, 200, 300, 400};
    int64_t id[5];
    for (size_t i = 0; i < 5; i++) {
        struct episode ep;
        ep_make(&ep, starts[i], EPISODE_ONGOING, 2, REGION_LOWER, SIDE_UNSET);
        ep_tag(&ep, TAG_TRIGGER, "lifting");
        id[i] = add_ok(st, &ep);
    }
    /* Insert an older one last, so id order and start order differ. */
    struct episode early;
    ep_make(&early, 150, EPISODE_ONGOING, 2, REGION_LOWER, SIDE_UNSET);
    ep_tag(&early, TAG_TRIGGER, "lifting");
    int64_t id_early = add_ok(st, &early);

    int64_t got[16];
    size_t n;
    collect_ids(st, 200, 300, STORE_NEWEST_FIRST, 0, got, 16, &n);
    assert_int_equal(n, 3);
    assert_int_equal(got[0], id[3]);
    assert_int_equal(got[1], id[2]);
    assert_int_equal(got[2], id[1]);

    collect_ids(st, 200, 300, STORE_OLDEST_FIRST, STORE_ITER_TAGS, got, 16, &n);
    assert_int_equal(n, 3);
    assert_int_equal(got[0], id[1]);
    assert_int_equal(got[1], id[2]);
    assert_int_equal(got[2], id[3]);

    collect_ids(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, STORE_ITER_TAGS, got, 16, &n);
    assert_int_equal(n, 6);
    assert_int_equal(got[0], id[0]);
    assert_int_equal(got[1], id_early);
    assert_int_equal(got[5], id[4]);

    collect_ids(st, 101, 199, STORE_NEWEST_FIRST, 0, got, 16, &n);
    assert_int_equal(n, 1);
    assert_int_equal(got[0], id_early);
    collect_ids(st, 401, 500, STORE_NEWEST_FIRST, 0, got, 16, &n);
    assert_int_equal(n, 0);
    collect_ids(st, 300, 200, STORE_NEWEST_FIRST, 0, got, 16, &n); /* empty range */
    assert_int_equal(n, 0);

    int64_t count = -1;
    assert_int_equal(store_episode_count(st, 200, 300, &count, err, sizeof(err)), STORE_OK);
    assert_int_equal(count, 3);
    assert_int_equal(store_episode_count(st, 100, 100, &count, err, sizeof(err)), STORE_OK);
    assert_int_equal(count, 1);
    assert_int_equal(store_episode_count(st, 401, 402, &count, err, sizeof(err)), STORE_OK);
    assert_int_equal(count, 0);
    store_close(&st);
}

/* Many rows, two iterators side by side, and writes in between rows. */
static void test_iterate_many_rows(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    enum { N = 2000 };
    for (int i = 0; i < N; i++) {
        struct episode ep;
        ep_make(&ep, 1000 + (i * 7919) % N, 2000 + 1000 + (i * 7919) % N, i % 11,
                (enum region)(i % REGION_COUNT), (enum side)(i % SIDE_COUNT));
        ep_tag(&ep, TAG_TRIGGER, i % 2 ? "lifting" : "stress");
        add_ok(st, &ep);
    }
    struct store_iter *newest = NULL, *oldest = NULL;
    assert_int_equal(store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST,
                                         STORE_ITER_TAGS, &newest, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, 0,
                                         &oldest, err, sizeof(err)),
                     STORE_OK);
    static struct episode x, y;
    int64_t last_new = INT64_MAX, last_old = INT64_MIN;
    int n = 0;
    while (store_iter_next(newest, &x, err, sizeof(err)) == STORE_OK) {
        assert_int_equal(store_iter_next(oldest, &y, err, sizeof(err)), STORE_OK);
        assert_true(x.started_at <= last_new);
        assert_true(y.started_at >= last_old);
        assert_int_equal(x.ntags, 1);
        assert_true(x.intensity >= 0 && x.intensity <= 10);
        last_new = x.started_at;
        last_old = y.started_at;
        n++;
    }
    assert_int_equal(n, N);
    assert_int_equal(store_iter_next(oldest, &y, err, sizeof(err)), STORE_END);
    store_iter_free(&newest);
    store_iter_free(&oldest);
    store_iter_free(&oldest); /* NULL-safe */
    store_close(&st);
}

/* ---------------------------------------------------------------------
 * Edit: read-modify-write in one transaction */

/* What another writer (the full-screen app) tries while an edit runs. */
struct edit_race {
    sqlite3 *other; /* a second connection, busy_timeout 0 */
    int64_t id;
    int other_rc;   /* SQLite code of its UPDATE */
    int give_up;
};

static int edit_race_cb(void *arg, struct episode *ep)
{
    struct edit_race *r = arg;
    char sql[128];
    /* The old `unknot edit` read, closed, and wrote later: this save came
     * in between and was overwritten. Now the edit's write lock keeps it
     * out until the edit is committed. */
    snprintf(sql, sizeof(sql), "UPDATE episodes SET notes = 'tui' WHERE id = %lld",
             (long long)r->id);
    r->other_rc = sqlite3_exec(r->other, sql, NULL, NULL, NULL);
    snprintf(ep->note, sizeof(ep->note), "cli");
    ep->intensity = 9;
    return r->give_up;
}

static void test_edit_is_one_transaction(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN], buf[64];
    tpath(path, sizeof(path), "edit.db");
    struct store *st = open_ok(path);
    struct episode ep, got;
    ep_make(&ep, NOW - 3600, NOW - 60, 4, REGION_LOWER, SIDE_LEFT);
    ep_tag(&ep, TAG_TRIGGER, "lifting");
    int64_t id = add_ok(st, &ep);
    struct edit_race r = {raw_open(path), id, SQLITE_OK, 0};

    assert_int_equal(store_episode_edit(st, id, edit_race_cb, &r, &got, NOW, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(r.other_rc, SQLITE_BUSY); /* the other writer had to wait */
    assert_int_equal(got.id, id);
    assert_int_equal(got.ntags, 1);     /* read with its tags */
    assert_int_equal(got.updated_at, NOW);
    assert_int_equal(store_episode_get(st, id, &ep, err, sizeof(err)), STORE_OK);
    assert_string_equal(ep.note, "cli");
    assert_int_equal(ep.intensity, 9);
    assert_int_equal(ep.ntags, 1);
    assert_string_equal(ep.tags[0].text, "lifting");
    /* Once the edit is in, the other writer's save goes through. */
    raw_exec_ok(r.other, "UPDATE episodes SET notes = 'tui later'");

    /* Giving up writes nothing and holds no lock afterwards. */
    r.give_up = 1;
    assert_int_equal(store_episode_edit(st, id, edit_race_cb, &r, &got, NOW + 5, err, sizeof(err)),
                     STORE_ABORTED);
    raw_text(r.other, "SELECT notes FROM episodes", buf, sizeof(buf));
    assert_string_equal(buf, "tui later");
    raw_exec_ok(r.other, "UPDATE episodes SET intensity = 3");
    assert_int_equal(store_episode_edit(st, id + 100, edit_race_cb, &r, &got, NOW, err,
                                        sizeof(err)),
                     STORE_NOT_FOUND);
    assert_int_equal(sqlite3_close(r.other), SQLITE_OK);
    store_close(&st);
}

/* ---------------------------------------------------------------------
 * Checks */

/* A check from its stored verdict code (unknown: outside the enum, which
 * the schema refuses) and its answers as '0'/'1'. */
static struct check make_check(int64_t taken_at, const char *verdict, int n,
                               const char *answers)
{
    struct check c;
    memset(&c, 0, sizeof(c));
    c.taken_at = taken_at;
    if (redflag_level_parse(verdict, &c.verdict) != 0)
        c.verdict = REDFLAG_LEVEL_COUNT;
    c.nanswers = n;
    for (int i = 0; i < n; i++)
        c.answers[i] = (unsigned char)(answers[i] == '1');
    return c;
}

static void assert_same_check(const struct check *a, const struct check *b)
{
    assert_int_equal(a->id, b->id);
    assert_int_equal(a->taken_at, b->taken_at);
    assert_int_equal(a->verdict, b->verdict);
    assert_int_equal(a->nanswers, b->nanswers);
    assert_memory_equal(a->answers, b->answers, sizeof(a->answers));
}

static void test_checks_roundtrip(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct check got;
    assert_int_equal(store_check_latest(st, &got, err, sizeof(err)), STORE_NOT_FOUND);
    assert_int_equal(store_check_get(st, 1, &got, err, sizeof(err)), STORE_NOT_FOUND);

    struct check a = make_check(NOW - 86400, "see_doctor", 16, "0000000000010000");
    struct check b = make_check(NOW, "emergency", 16, "0100000000000001");
    struct check c = make_check(NOW - 3600, "clear", 0, "");
    assert_int_equal(store_check_add(st, &a, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_check_add(st, &b, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_OK);
    assert_true(a.id > 0 && b.id > a.id && c.id > b.id);

    assert_int_equal(store_check_get(st, a.id, &got, err, sizeof(err)), STORE_OK);
    assert_same_check(&got, &a);
    assert_int_equal(got.answers[11], 1);
    assert_int_equal(store_check_get(st, c.id, &got, err, sizeof(err)), STORE_OK);
    assert_same_check(&got, &c);
    assert_int_equal(store_check_latest(st, &got, err, sizeof(err)), STORE_OK);
    assert_same_check(&got, &b);

    struct store_iter *it = NULL;
    assert_int_equal(store_checks_iter(st, NOW - 86400, NOW - 1, STORE_NEWEST_FIRST, &it, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_OK);
    assert_same_check(&got, &c);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_OK);
    assert_same_check(&got, &a);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    store_iter_free(&it);
    assert_null(it);
    store_iter_free(&it);

    assert_int_equal(store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, sizeof(err)),
                     STORE_OK);
    int n = 0;
    int64_t last = INT64_MAX;
    while (store_iter_next(it, &got, err, sizeof(err)) == STORE_OK) {
        assert_true(got.taken_at <= last);
        last = got.taken_at;
        n++;
    }
    assert_int_equal(n, 3);
    store_iter_free(&it);
    store_close(&st);
}

static void test_bad_check_writes_nothing(void **state)
{
    (void)state;
    char path[256], err[STORE_ERR_LEN];
    tpath(path, sizeof(path), "badcheck.db");
    struct store *st = open_ok(path);
    struct check c = make_check(NOW, "maybe", 3, "010");
    err[0] = '\0';
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_ERROR);
    assert_non_null(strstr(err, "verdict"));
    c = make_check(NOW, "urgent", 3, "010");
    c.answers[2] = 3; /* 0 no, 1 yes, 2 not sure: nothing else */
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_ERROR);
    assert_int_equal(c.id, 0);
    c = make_check(NOW, "urgent", 0, "");
    c.nanswers = CHECK_MAX_ITEMS + 1;
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_ERROR);
    c.nanswers = -1;
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_ERROR);
    c = make_check(NOW, "urgent", CHECK_MAX_ITEMS, "11111111111111111111111111111111");
    assert_int_equal(store_check_add(st, &c, err, sizeof(err)), STORE_OK);
    store_close(&st);

    sqlite3 *db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM checks"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM check_answers"), CHECK_MAX_ITEMS);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* ---------------------------------------------------------------------
 * Paging and filtering (the history screen) */

/* Reads the whole list page by page in `order` from `after`, checking
 * that the order is strict and each row comes with its tags. */
static size_t collect_pages(struct store *st, const char *filter,
                            const struct store_page_key *after, enum store_order order,
                            size_t page, int64_t *ids, size_t max)
{
    static struct episode out[16];
    char err[STORE_ERR_LEN] = "";
    struct store_page_key key, prev = {0, 0};
    size_t total = 0, n;
    assert_true(page <= 16);
    do {
        int rc = store_episodes_page(st, filter, after, order, page, out, &n, err, sizeof(err));
        if (rc != STORE_OK)
            print_error("store_episodes_page: %s\n", err);
        assert_int_equal(rc, STORE_OK);
        assert_true(n <= page);
        for (size_t i = 0; i < n; i++) {
            struct store_page_key k = {out[i].started_at, out[i].id};
            if (total > 0) {
                int before = k.started_at < prev.started_at ||
                             (k.started_at == prev.started_at && k.id < prev.id);
                assert_true(order == STORE_NEWEST_FIRST ? before : !before && k.id != prev.id);
            }
            assert_int_equal(out[i].ntags, (size_t)(out[i].id % 3 == 0));
            assert_true(total < max);
            ids[total++] = out[i].id;
            prev = k;
        }
        if (n > 0) {
            key.started_at = out[n - 1].started_at;
            key.id = out[n - 1].id;
            after = &key;
        }
    } while (n == page);
    return total;
}

/* Episodes in groups of 7 sharing a started_at, inserted in a scrambled
 * order so id order and time order disagree; every third one tagged. */
static struct store *paging_fixture(size_t count)
{
    struct store *st = open_ok(":memory:");
    for (size_t i = 0; i < count; i++) {
        size_t j = (i * 37) % count; /* 37 is prime to the counts used */
        struct episode ep;
        ep_make(&ep, 1000 + (int64_t)(j / 7) * 60, EPISODE_ONGOING, (int)(j % 11),
                (enum region)(j % REGION_COUNT), SIDE_UNSET);
        if ((i + 1) % 3 == 0) /* ids start at 1: id % 3 == 0 is tagged */
            ep_tag(&ep, TAG_TRIGGER, "lifting");
        add_ok(st, &ep);
    }
    return st;
}

static void assert_each_once(const int64_t *ids, size_t n, size_t count)
{
    assert_int_equal(n, count);
    unsigned char *seen = calloc(count + 1, 1);
    assert_non_null(seen);
    for (size_t i = 0; i < n; i++) {
        assert_true(ids[i] >= 1 && ids[i] <= (int64_t)count);
        assert_int_equal(seen[ids[i]], 0);
        seen[ids[i]] = 1;
    }
    free(seen);
}

static void test_page_covers_every_row_once(void **state)
{
    (void)state;
    enum { COUNT = 103 };
    struct store *st = paging_fixture(COUNT);
    static const size_t pages[] = {1, 2, 7, 10, 16};
    int64_t ids[COUNT + 1], back[COUNT + 1];
    for (size_t p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
        size_t n = collect_pages(st, NULL, NULL, STORE_NEWEST_FIRST, pages[p], ids, COUNT);
        assert_each_once(ids, n, COUNT);
        size_t m = collect_pages(st, NULL, NULL, STORE_OLDEST_FIRST, pages[p], back, COUNT);
        assert_each_once(back, m, COUNT);
        for (size_t i = 0; i < COUNT; i++) /* the mirror order, exactly */
            assert_int_equal(ids[i], back[COUNT - 1 - i]);
    }
    store_close(&st);
}

/* From a key in the middle of a group of equal starts, both directions
 * together give every row once: what the screen does when it scrolls up
 * from its window. */
static void test_page_both_ways_from_a_key(void **state)
{
    (void)state;
    enum { COUNT = 50 };
    struct store *st = paging_fixture(COUNT);
    int64_t all[COUNT + 1], ids[2 * COUNT + 2];
    size_t n = collect_pages(st, NULL, NULL, STORE_NEWEST_FIRST, 16, all, COUNT);
    assert_int_equal(n, COUNT);
    static struct episode mid;
    char err[STORE_ERR_LEN];
    for (size_t at = 0; at < COUNT; at += 3) {
        assert_int_equal(store_episode_get(st, all[at], &mid, err, sizeof(err)), STORE_OK);
        struct store_page_key k = {mid.started_at, mid.id};
        size_t newer = collect_pages(st, NULL, &k, STORE_OLDEST_FIRST, 4, ids, COUNT);
        assert_int_equal(newer, at);
        for (size_t i = 0; i < newer; i++) /* nearest first */
            assert_int_equal(ids[i], all[at - 1 - i]);
        size_t older = collect_pages(st, NULL, &k, STORE_NEWEST_FIRST, 4, ids + newer, COUNT);
        assert_int_equal(older, COUNT - 1 - at);
        ids[newer + older] = mid.id;
        assert_each_once(ids, newer + older + 1, COUNT);
        int64_t rank = -1;
        assert_int_equal(store_episode_rank(st, NULL, &k, &rank, err, sizeof(err)), STORE_OK);
        assert_int_equal(rank, (int64_t)at);
    }
    store_close(&st);
}

static void test_page_edges(void **state)
{
    (void)state;
    char err[STORE_ERR_LEN];
    static struct episode out[4];
    size_t n = 99;
    struct store *st = open_ok(":memory:");
    assert_int_equal(store_episodes_page(st, NULL, NULL, STORE_NEWEST_FIRST, 4, out, &n, err,
                                         sizeof(err)),
                     STORE_OK);
    assert_int_equal(n, 0); /* empty history */
    int64_t count = -1;
    assert_int_equal(store_episode_count_filtered(st, NULL, &count, err, sizeof(err)), STORE_OK);
    assert_int_equal(count, 0);
    store_close(&st);

    st = paging_fixture(10);
    n = 99;
    assert_int_equal(store_episodes_page(st, NULL, NULL, STORE_NEWEST_FIRST, 0, out, &n, err,
                                         sizeof(err)),
                     STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_episodes_page(st, NULL, NULL, (enum store_order)7, 4, out, &n, err,
                                         sizeof(err)),
                     STORE_ERROR);
    assert_non_null(strstr(err, "order"));
    /* Past either end: nothing. */
    struct store_page_key lowest = {0, 0}, highest = {INT64_MAX - 1, 0};
    assert_int_equal(store_episodes_page(st, NULL, &lowest, STORE_NEWEST_FIRST, 4, out, &n, err,
                                         sizeof(err)),
                     STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_episodes_page(st, NULL, &highest, STORE_OLDEST_FIRST, 4, out, &n,
                                         err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_episodes_page(st, NULL, &highest, STORE_NEWEST_FIRST, 4, out, &n,
                                         err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(n, 4);
    store_close(&st);
}

/* Adds one episode with notes, region and tags for the filter tests. */
static int64_t add_filtered(struct store *st, int64_t start, enum region r, const char *note,
                            const char *trigger, const char *med)
{
    struct episode ep;
    ep_make(&ep, start, EPISODE_ONGOING, 5, r, SIDE_UNSET);
    snprintf(ep.note, sizeof(ep.note), "%s", note);
    if (trigger)
        ep_tag(&ep, TAG_TRIGGER, trigger);
    if (med)
        ep_tag(&ep, TAG_MEDICATION, med);
    return add_ok(st, &ep);
}

/* The ids a filter selects, newest first, checked against its count. */
static size_t filter_ids(struct store *st, const char *filter, int64_t *ids, size_t max)
{
    static struct episode out[16];
    char err[STORE_ERR_LEN] = "";
    size_t n = 0;
    int rc = store_episodes_page(st, filter, NULL, STORE_NEWEST_FIRST, 16, out, &n, err,
                                 sizeof(err));
    if (rc != STORE_OK)
        print_error("filter '%s': %s\n", filter ? filter : "(null)", err);
    assert_int_equal(rc, STORE_OK);
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++)
        ids[i] = out[i].id;
    int64_t count = -1;
    assert_int_equal(store_episode_count_filtered(st, filter, &count, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(count, (int64_t)n);
    return n;
}

static void test_filter_matches_notes_tags_region(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    int64_t a = add_filtered(st, 100, REGION_LOWER, "Lifted the 50% heavier box", "lifting",
                             NULL);
    int64_t b = add_filtered(st, 200, REGION_NECK, "plain day at the desk", "other:Desk_work",
                             "Ibuprofen 400");
    int64_t c = add_filtered(st, 300, REGION_MID, "50 percent better, path C:\\tmp", NULL, NULL);
    int64_t d = add_filtered(st, 400, REGION_UPPER, "Caf\xc3\xa9 chair", "sitting", NULL);
    int64_t ids[8];

    assert_int_equal(filter_ids(st, NULL, ids, 8), 4);
    assert_int_equal(filter_ids(st, "", ids, 8), 4); /* empty = no filter */
    assert_int_equal(ids[0], d);

    assert_int_equal(filter_ids(st, "heavier", ids, 8), 1); /* notes */
    assert_int_equal(ids[0], a);
    assert_int_equal(filter_ids(st, "LIFT", ids, 8), 1); /* notes and tag, ASCII case */
    assert_int_equal(ids[0], a);
    assert_int_equal(filter_ids(st, "ibuprofen", ids, 8), 1); /* a medication tag */
    assert_int_equal(ids[0], b);
    assert_int_equal(filter_ids(st, "sitting", ids, 8), 1); /* a trigger tag */
    assert_int_equal(ids[0], d);
    assert_int_equal(filter_ids(st, "neck", ids, 8), 1); /* the region code */
    assert_int_equal(ids[0], b);
    assert_int_equal(filter_ids(st, "caf\xc3\xa9", ids, 8), 1); /* UTF-8 as typed */
    assert_int_equal(ids[0], d);
    assert_int_equal(filter_ids(st, "no such text", ids, 8), 0);

    /* % and _ are literal: "50%" is not "50 anything". */
    assert_int_equal(filter_ids(st, "50%", ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(filter_ids(st, "%", ids, 8), 1);
    assert_int_equal(filter_ids(st, "k_w", ids, 8), 1); /* Desk_work */
    assert_int_equal(ids[0], b);
    assert_int_equal(filter_ids(st, "_", ids, 8), 1);
    assert_int_equal(filter_ids(st, "e_h", ids, 8), 0); /* "the heavier" has no _ */
    assert_int_equal(filter_ids(st, "C:\\tmp", ids, 8), 1); /* the escape character itself */
    assert_int_equal(ids[0], c);
    assert_int_equal(filter_ids(st, "\\", ids, 8), 1);
    store_close(&st);
}

static void test_filter_pages_and_rank(void **state)
{
    (void)state;
    enum { COUNT = 60 };
    struct store *st = paging_fixture(COUNT); /* ids % 3 == 0 carry "lifting" */
    int64_t ids[COUNT + 1];
    size_t n = collect_pages(st, "LIFTING", NULL, STORE_NEWEST_FIRST, 3, ids, COUNT);
    assert_int_equal(n, COUNT / 3);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i] % 3, 0);
    size_t m = collect_pages(st, "lifting", NULL, STORE_OLDEST_FIRST, 7, ids, COUNT);
    assert_int_equal(m, COUNT / 3);

    char err[STORE_ERR_LEN];
    int64_t count = -1, rank = -1;
    assert_int_equal(store_episode_count_filtered(st, "lifting", &count, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(count, COUNT / 3);
    /* The rank of the oldest match is count - 1, under the filter. */
    static struct episode out[1];
    assert_int_equal(store_episodes_page(st, "lifting", NULL, STORE_OLDEST_FIRST, 1, out, &n,
                                         err, sizeof(err)),
                     STORE_OK);
    struct store_page_key k = {out[0].started_at, out[0].id};
    assert_int_equal(store_episode_rank(st, "lifting", &k, &rank, err, sizeof(err)), STORE_OK);
    assert_int_equal(rank, COUNT / 3 - 1);
    assert_int_equal(store_episode_rank(st, NULL, &k, &rank, err, sizeof(err)), STORE_OK);
    assert_true(rank >= COUNT / 3 - 1);
    /* A deleted row's key ranks where the next older one now is. */
    assert_int_equal(store_episode_delete(st, out[0].id, err, sizeof(err)), STORE_OK);
    assert_int_equal(store_episode_rank(st, "lifting", &k, &rank, err, sizeof(err)), STORE_OK);
    assert_int_equal(rank, COUNT / 3 - 1);
    assert_int_equal(store_episode_count_filtered(st, "lifting", &count, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(count, COUNT / 3 - 1);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_steps_ascending),
        cmocka_unit_test(test_open_fresh_migrates),
        cmocka_unit_test(test_active_episodes_use_the_index),
        cmocka_unit_test(test_open_empty_existing_file),
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_open_bad_paths),
        cmocka_unit_test(test_refuse_newer_untouched),
        cmocka_unit_test(test_refuse_newer_in_wal),
        cmocka_unit_test(test_refuse_foreign),
        cmocka_unit_test(test_failed_migration_rolls_back),
        cmocka_unit_test(test_close_null_safe),
        cmocka_unit_test(test_close_before_iterator_free),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_changed_sees_other_connections),
        cmocka_unit_test(test_add_and_get_every_field),
        cmocka_unit_test(test_codes_match_vocabulary),
        cmocka_unit_test(test_utf8_notes_roundtrip),
        cmocka_unit_test(test_tags_roundtrip_in_order),
        cmocka_unit_test(test_delete_cascades_tags),
        cmocka_unit_test(test_schema_refuses_bad_rows),
        cmocka_unit_test(test_failed_add_writes_nothing),
        cmocka_unit_test(test_update_replaces_what_changed),
        cmocka_unit_test(test_end_episode),
        cmocka_unit_test(test_ongoing_lookup),
        cmocka_unit_test(test_ongoing_all),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_add_ending),
        cmocka_unit_test(test_iterate_order_and_bounds),
        cmocka_unit_test(test_iterate_many_rows),
        cmocka_unit_test(test_edit_is_one_transaction),
        cmocka_unit_test(test_checks_roundtrip),
        cmocka_unit_test(test_bad_check_writes_nothing),
        cmocka_unit_test(test_page_covers_every_row_once),
        cmocka_unit_test(test_page_both_ways_from_a_key),
        cmocka_unit_test(test_page_edges),
        cmocka_unit_test(test_filter_matches_notes_tags_region),
        cmocka_unit_test(test_filter_pages_and_rank),
    };
    return cmocka_run_group_tests_name("store", tests, store_fixture_setup, store_fixture_teardown);
}
