/* SPDX-License-Identifier: BSD-2-Clause */
/* store: timer sessions. Start, checkpoint, finish, rate; recovery of
 * stale running sessions with an injected liveness test and clock; the
 * last ice session; iteration; schema step 2 on an old database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/schema.h"
#include "db/store.h"
#include "tests/unit/store_fixture.h"
#include "src/episode.h"

#define NOW 1795000000LL /* any fixed instant */
#define OWNER 4242       /* a pid the fake liveness test decides about */
#define OTHER 4343

/* ---------------------------------------------------------------------
 * Helpers */

static struct store *mem(void)
{
    return open_ok(":memory:");
}

/* A session of kind started at `at`, planned 20 minutes, no pain given. */
static struct session session(const char *kind, int64_t at)
{
    struct session s;
    memset(&s, 0, sizeof(s));
    if (session_kind_parse(kind, &s.kind) != 0)
        s.kind = SESSION_KIND_COUNT; /* the store must refuse it */
    s.planned_s = 1200;
    s.started_at = at;
    s.pain_before = SESSION_PAIN_NONE;
    s.pain_after = SESSION_PAIN_NONE;
    return s;
}

/* store_session_finish with the status given as its stored code; NULL
 * and unknown codes are outside the enum. */
static int finish_code(struct store *st, int64_t id, const char *code, int64_t elapsed_s,
                       int64_t ended_at, int pain_after, char *err, size_t errlen)
{
    enum session_status status = SESSION_STATUS_COUNT;
    if (code)
        (void)session_status_parse(code, &status);
    return store_session_finish(st, id, status, elapsed_s, ended_at, pain_after, err, errlen);
}

static int64_t start_ok(struct store *st, struct session *s, int64_t owner)
{
    char err[STORE_ERR_LEN] = "";
    int rc = store_session_start(st, s, owner, err, sizeof(err));
    if (rc != STORE_OK)
        print_error("store_session_start: %s\n", err);
    assert_int_equal(rc, STORE_OK);
    assert_true(s->id > 0);
    return s->id;
}

static struct session get_ok(struct store *st, int64_t id)
{
    struct session s;
    char err[STORE_ERR_LEN] = "";
    int rc = store_session_get(st, id, &s, err, sizeof(err));
    if (rc != STORE_OK)
        print_error("store_session_get: %s\n", err);
    assert_int_equal(rc, STORE_OK);
    return s;
}

static int64_t add_episode(struct store *st, int64_t started, int64_t ended)
{
    struct episode ep;
    char err[STORE_ERR_LEN];
    episode_init(&ep);
    ep.started_at = started;
    ep.ended_at = ended;
    ep.intensity = 6;
    ep.region = REGION_LOWER;
    assert_int_equal(store_episode_add(st, &ep, started, err, sizeof(err)), STORE_OK);
    return ep.id;
}

/* The fake liveness test: OWNER is alive, every other pid is gone. It
 * counts its calls so a test can see it was asked. */
struct liveness {
    int64_t alive_pid;
    int calls;
};

static int fake_alive(int64_t pid, void *ctx)
{
    struct liveness *l = ctx;
    l->calls++;
    return pid == l->alive_pid;
}

static int recover(struct store *st, int64_t now, struct liveness *l)
{
    char err[STORE_ERR_LEN] = "";
    int n = -1;
    int rc = store_sessions_recover(st, now, fake_alive, l, &n, err, sizeof(err));
    if (rc != STORE_OK)
        print_error("store_sessions_recover: %s\n", err);
    assert_int_equal(rc, STORE_OK);
    return n;
}

/* ---------------------------------------------------------------------
 * Tests */

static void test_start_and_get(void **state)
{
    (void)state;
    struct store *st = mem();
    struct session s = session("stretch", NOW);
    snprintf(s.routine, sizeof(s.routine), "daily");
    s.hold_s = 30;
    s.planned_s = 515;
    s.pain_before = 6;
    int64_t id = start_ok(st, &s, OWNER);
    assert_string_equal(session_status_code(s.status), "running");
    assert_int_equal(s.checkpoint_at, NOW);
    assert_int_equal(s.episode_id, 0);

    struct session g = get_ok(st, id);
    assert_int_equal(g.id, id);
    assert_string_equal(session_kind_code(g.kind), "stretch");
    assert_string_equal(g.routine, "daily");
    assert_int_equal(g.hold_s, 30);
    assert_int_equal(g.planned_s, 515);
    assert_int_equal(g.elapsed_s, 0);
    assert_int_equal(g.started_at, NOW);
    assert_int_equal(g.ended_at, 0);
    assert_int_equal(g.checkpoint_at, NOW);
    assert_string_equal(session_status_code(g.status), "running");
    assert_int_equal(g.episode_id, 0);
    assert_int_equal(g.pain_before, 6);
    assert_int_equal(g.pain_after, SESSION_PAIN_NONE);

    /* Ice: no routine, no hold; both read back as empty. */
    struct session ice = session("ice", NOW + 10);
    g = get_ok(st, start_ok(st, &ice, OWNER));
    assert_string_equal(g.routine, "");
    assert_int_equal(g.hold_s, 0);
    assert_int_equal(g.pain_before, SESSION_PAIN_NONE);

    char err[STORE_ERR_LEN];
    assert_int_equal(store_session_get(st, 999, &g, err, sizeof(err)), STORE_NOT_FOUND);
    store_close(&st);
}

static void test_start_links_the_ongoing_episode(void **state)
{
    (void)state;
    struct store *st = mem();
    add_episode(st, NOW - 86400, NOW - 80000); /* ended */
    struct session s = session("ice", NOW);
    start_ok(st, &s, OWNER);
    assert_int_equal(s.episode_id, 0);
    assert_int_equal(get_ok(st, s.id).episode_id, 0);

    add_episode(st, NOW - 7200, EPISODE_ONGOING);
    int64_t newest = add_episode(st, NOW - 3600, EPISODE_ONGOING);
    struct session t = session("heat", NOW);
    start_ok(st, &t, OWNER);
    assert_int_equal(t.episode_id, newest);
    assert_int_equal(get_ok(st, t.id).episode_id, newest);

    /* Deleting the episode keeps the session, unlinked. */
    char err[STORE_ERR_LEN];
    assert_int_equal(store_episode_delete(st, newest, err, sizeof(err)), STORE_OK);
    assert_int_equal(get_ok(st, t.id).episode_id, 0);
    store_close(&st);
}

static void test_bad_start_writes_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *kind;
        int hold, pain;
        int64_t planned, owner;
    } bad[] = {
        {"yoga", 0, SESSION_PAIN_NONE, 60, OWNER},    /* unknown kind */
        {"stretch", 7, SESSION_PAIN_NONE, 60, OWNER}, /* hold neither 5 nor 30 */
        {"ice", 0, 11, 60, OWNER},                  /* pain over 10 */
        {"ice", 0, -2, 60, OWNER},                  /* pain under 0 */
        {"ice", 0, SESSION_PAIN_NONE, 0, OWNER},      /* nothing planned */
        {"ice", 0, SESSION_PAIN_NONE, 60, 0},         /* no owner */
    };
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct session s = session(bad[i].kind, NOW);
        s.hold_s = bad[i].hold;
        s.pain_before = bad[i].pain;
        s.planned_s = bad[i].planned;
        err[0] = '\0';
        assert_int_equal(store_session_start(st, &s, bad[i].owner, err, sizeof(err)), STORE_ERROR);
        assert_true(err[0] != '\0');
        assert_int_equal(s.id, 0);
    }
    struct store_iter *it = NULL;
    struct session got;
    assert_int_equal(
        store_sessions_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, sizeof(err)),
        STORE_OK);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    store_iter_free(&it);
    store_close(&st);
}

static void test_checkpoint_and_finish(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    struct session s = session("ice", NOW);
    s.pain_before = 7;
    int64_t id = start_ok(st, &s, OWNER);

    assert_int_equal(store_session_checkpoint(st, id, 10, NOW + 10, err, sizeof(err)), STORE_OK);
    struct session g = get_ok(st, id);
    assert_int_equal(g.elapsed_s, 10);
    assert_int_equal(g.checkpoint_at, NOW + 10);
    assert_string_equal(session_status_code(g.status), "running");

    /* A clock set back: the checkpoint is kept at the start, not refused. */
    assert_int_equal(store_session_checkpoint(st, id, 20, NOW - 500, err, sizeof(err)), STORE_OK);
    assert_int_equal(get_ok(st, id).checkpoint_at, NOW);

    assert_int_equal(
        finish_code(st, id, "done", 1200, NOW + 1210, SESSION_PAIN_NONE, err, sizeof(err)),
        STORE_OK);
    g = get_ok(st, id);
    assert_string_equal(session_status_code(g.status), "done");
    assert_int_equal(g.elapsed_s, 1200);
    assert_int_equal(g.ended_at, NOW + 1210);
    assert_int_equal(g.pain_before, 7);
    assert_int_equal(g.pain_after, SESSION_PAIN_NONE);

    /* Ended: no more checkpoints or second ends. */
    assert_int_equal(store_session_checkpoint(st, id, 30, NOW + 1300, err, sizeof(err)),
                     STORE_NOT_FOUND);
    assert_int_equal(
        finish_code(st, id, "stopped", 5, NOW + 1300, SESSION_PAIN_NONE, err, sizeof(err)),
        STORE_NOT_FOUND);
    assert_string_equal(session_status_code(get_ok(st, id).status), "done");

    /* The pain afterwards comes later; it can be corrected. */
    assert_int_equal(store_session_rate(st, id, 4, err, sizeof(err)), STORE_OK);
    assert_int_equal(get_ok(st, id).pain_after, 4);
    assert_int_equal(store_session_rate(st, id, 3, err, sizeof(err)), STORE_OK);
    assert_int_equal(get_ok(st, id).pain_after, 3);
    assert_int_equal(store_session_rate(st, id, 11, err, sizeof(err)), STORE_ERROR);
    assert_int_equal(get_ok(st, id).pain_after, 3);
    assert_int_equal(store_session_rate(st, 999, 3, err, sizeof(err)), STORE_NOT_FOUND);
    store_close(&st);
}

static void test_finish_stopped_with_pain_and_bad_status(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    struct session s = session("heat", NOW);
    int64_t id = start_ok(st, &s, OWNER);
    static const char *const refused[] = {"running", "interrupted", "", "DONE"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        assert_int_equal(
            finish_code(st, id, refused[i], 1, NOW + 1, SESSION_PAIN_NONE, err, sizeof(err)),
            STORE_ERROR);
    assert_int_equal(
        finish_code(st, id, NULL, 1, NOW + 1, SESSION_PAIN_NONE, err, sizeof(err)),
        STORE_ERROR);
    assert_string_equal(session_status_code(get_ok(st, id).status), "running");

    /* An end before the start (clock set back) is stored as the start. */
    assert_int_equal(finish_code(st, id, "stopped", 0, NOW - 60, 2, err, sizeof(err)),
                     STORE_OK);
    struct session g = get_ok(st, id);
    assert_string_equal(session_status_code(g.status), "stopped");
    assert_int_equal(g.ended_at, NOW);
    assert_int_equal(g.pain_after, 2);
    assert_int_equal(
        finish_code(st, 999, "done", 1, NOW, SESSION_PAIN_NONE, err, sizeof(err)),
        STORE_NOT_FOUND);
    store_close(&st);
}

/* One running session per case, each recovered at NOW + 100. */
static void test_recover_rules(void **state)
{
    (void)state;
    static const struct {
        int64_t owner;          /* OWNER is alive, OTHER is gone */
        int64_t checkpoint_age; /* seconds before the recovery */
        const char *status;     /* afterwards */
    } cases[] = {
        {OWNER, 5, "running"},                             /* live and checkpointing */
        {OWNER, STORE_SESSION_STALE_S, "running"},         /* exactly at the limit */
        {OWNER, STORE_SESSION_STALE_S + 1, "interrupted"}, /* alive, but stuck: pid reused */
        {OTHER, 0, "interrupted"},                         /* owner gone */
        {OTHER, 30, "interrupted"},
    };
    const size_t n = sizeof(cases) / sizeof(cases[0]);
    const int64_t now = NOW + 100;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    int64_t ids[8];
    for (size_t i = 0; i < n; i++) {
        struct session s = session("ice", NOW);
        ids[i] = start_ok(st, &s, cases[i].owner);
        assert_int_equal(store_session_checkpoint(st, ids[i], 40 + (int64_t)i,
                                                  now - cases[i].checkpoint_age, err, sizeof(err)),
                         STORE_OK);
    }
    /* Ended sessions are never touched, whatever their owner. */
    struct session done = session("heat", NOW);
    start_ok(st, &done, OTHER);
    assert_int_equal(finish_code(st, done.id, "done", 1200, NOW + 1200, SESSION_PAIN_NONE,
                                          err, sizeof(err)),
                     STORE_OK);

    struct liveness l = {OWNER, 0};
    assert_int_equal(recover(st, now, &l), 3);
    assert_true(l.calls > 0);
    for (size_t i = 0; i < n; i++) {
        struct session g = get_ok(st, ids[i]);
        assert_string_equal(session_status_code(g.status), cases[i].status);
        assert_int_equal(g.elapsed_s, 40 + (int64_t)i); /* the last checkpoint */
        if (strcmp(cases[i].status, "interrupted") == 0)
            assert_int_equal(g.ended_at, now - cases[i].checkpoint_age);
        else
            assert_int_equal(g.ended_at, 0);
    }
    assert_string_equal(session_status_code(get_ok(st, done.id).status), "done");

    /* Again: nothing more to do. */
    assert_int_equal(recover(st, now, &l), 0);
    assert_int_equal(store_sessions_recover(st, now, NULL, NULL, NULL, err, sizeof(err)),
                     STORE_ERROR);
    store_close(&st);
}

static void test_recover_without_running_asks_nobody(void **state)
{
    (void)state;
    struct store *st = mem();
    struct liveness l = {OWNER, 0};
    assert_int_equal(recover(st, NOW, &l), 0);
    assert_int_equal(l.calls, 0);
    store_close(&st);
}

/* A live owner suspended past the limit (Ctrl-Z, a sleeping laptop) finds
 * its session marked interrupted and takes it back with its next
 * checkpoint, then ends it normally. */
static void test_owner_takes_back_an_interrupted_session(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    struct session s = session("ice", NOW);
    int64_t id = start_ok(st, &s, OWNER);
    struct liveness l = {OWNER, 0};
    assert_int_equal(recover(st, NOW + STORE_SESSION_STALE_S + 30, &l), 1);
    assert_string_equal(session_status_code(get_ok(st, id).status), "interrupted");

    assert_int_equal(store_session_checkpoint(st, id, 95, NOW + 95, err, sizeof(err)), STORE_OK);
    struct session g = get_ok(st, id);
    assert_string_equal(session_status_code(g.status), "running");
    assert_int_equal(g.ended_at, 0);
    assert_int_equal(g.elapsed_s, 95);

    assert_int_equal(recover(st, NOW + 100, &l), 0);
    assert_int_equal(recover(st, NOW + 100, &l), 0);
    assert_int_equal(finish_code(st, id, "done", 1200, NOW + 1200, 1, err, sizeof(err)),
                     STORE_OK);
    assert_string_equal(session_status_code(get_ok(st, id).status), "done");
    store_close(&st);
}

/* The pid of a child that has exited and been reaped: gone. */
static int64_t dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return pid;
}

/* store_open itself recovers, with the real liveness test: the session of
 * a dead process ends, the one of this live process does not. */
static void test_open_recovers_with_real_pids(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof(path), "open-recovers.db");
    int64_t now = (int64_t)time(NULL);
    struct store *st = open_ok(path);
    struct session gone = session("ice", now - 30), live = session("heat", now - 30);
    start_ok(st, &gone, dead_pid());
    start_ok(st, &live, (int64_t)getpid());
    char err[STORE_ERR_LEN];
    assert_int_equal(store_session_checkpoint(st, gone.id, 25, now - 5, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_session_checkpoint(st, live.id, 25, now - 5, err, sizeof(err)),
                     STORE_OK);

    struct store *again = open_ok(path);
    struct session g = get_ok(again, gone.id);
    assert_string_equal(session_status_code(g.status), "interrupted");
    assert_int_equal(g.elapsed_s, 25);
    assert_int_equal(g.ended_at, now - 5);
    assert_string_equal(session_status_code(get_ok(again, live.id).status), "running");
    store_close(&again);
    store_close(&st);

    assert_int_equal(store_pid_alive(getpid(), NULL), 1);
    assert_int_equal(store_pid_alive(0, NULL), 0);
    assert_int_equal(store_pid_alive(-1, NULL), 0);
    assert_int_equal(store_pid_alive((int64_t)1 << 40, NULL), 0);
}

static void test_last_ice_end(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    int64_t at = -1;
    assert_int_equal(store_session_last_ice_end(st, &at, err, sizeof(err)), STORE_NOT_FOUND);
    assert_int_equal(at, -1);

    struct session a = session("ice", NOW), heat = session("heat", NOW + 5000),
                         nothing = session("ice", NOW + 6000);
    start_ok(st, &a, OWNER);
    assert_int_equal(
        finish_code(st, a.id, "done", 1200, NOW + 1200, SESSION_PAIN_NONE, err, sizeof(err)),
        STORE_OK);
    start_ok(st, &heat, OWNER);
    assert_int_equal(finish_code(st, heat.id, "done", 1200, NOW + 6200, SESSION_PAIN_NONE,
                                          err, sizeof(err)),
                     STORE_OK);
    /* Stopped at once: no ice was on, no warning. */
    start_ok(st, &nothing, OWNER);
    assert_int_equal(finish_code(st, nothing.id, "stopped", 0, NOW + 6001, SESSION_PAIN_NONE,
                                          err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_session_last_ice_end(st, &at, err, sizeof(err)), STORE_OK);
    assert_int_equal(at, NOW + 1200);

    /* One still running counts from its last checkpoint. */
    struct session run = session("ice", NOW + 7000);
    start_ok(st, &run, OWNER);
    assert_int_equal(store_session_checkpoint(st, run.id, 60, NOW + 7060, err, sizeof(err)),
                     STORE_OK);
    assert_int_equal(store_session_last_ice_end(st, &at, err, sizeof(err)), STORE_OK);
    assert_int_equal(at, NOW + 7060);
    store_close(&st);
}

static void test_iterate_order_and_bounds(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        /* Two share a start: the id breaks the tie. */
        struct session s = session(i % 2 ? "ice" : "stretch", NOW + (i < 2 ? 0 : i) * 100);
        if (i % 2 == 0) {
            snprintf(s.routine, sizeof(s.routine), "first-aid");
            s.hold_s = 5;
        }
        ids[i] = start_ok(st, &s, OWNER);
    }
    struct store_iter *it = NULL;
    struct session got;
    int64_t seen[5];
    int n = 0, rc;
    assert_int_equal(
        store_sessions_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, sizeof(err)),
        STORE_OK);
    while ((rc = store_iter_next(it, &got, err, sizeof(err))) == STORE_OK && n < 5)
        seen[n++] = got.id;
    assert_int_equal(rc, STORE_END);
    assert_int_equal(store_iter_next(it, &got, err, sizeof(err)), STORE_END);
    store_iter_free(&it);
    assert_null(it);
    store_iter_free(&it); /* NULL-safe */
    assert_int_equal(n, 5);
    const int64_t want_desc[5] = {ids[4], ids[3], ids[2], ids[1], ids[0]};
    assert_memory_equal(seen, want_desc, sizeof(seen));

    n = 0;
    assert_int_equal(
        store_sessions_iter(st, NOW + 200, NOW + 300, STORE_OLDEST_FIRST, &it, err, sizeof(err)),
        STORE_OK);
    while (store_iter_next(it, &got, err, sizeof(err)) == STORE_OK && n < 5)
        seen[n++] = got.id;
    store_iter_free(&it);
    assert_int_equal(n, 2);
    assert_int_equal(seen[0], ids[2]);
    assert_int_equal(seen[1], ids[3]);
    assert_int_equal(store_sessions_iter(st, 0, 1, (enum store_order)7, &it, err, sizeof(err)),
                     STORE_ERROR);
    assert_null(it);
    store_close(&st);
}

/* The rows of session id as "index:name;..." read back by the iterator. */
static void worse_of(struct store *st, int64_t id, char *buf, size_t len)
{
    char err[STORE_ERR_LEN];
    struct store_iter *it = NULL;
    struct session_worse w;
    size_t used = 0;
    int rc;
    buf[0] = '\0';
    assert_int_equal(store_worse_iter(st, INT64_MIN, INT64_MAX, &it, err, sizeof err), STORE_OK);
    while ((rc = store_iter_next(it, &w, err, sizeof err)) == STORE_OK)
        if (w.session_id == id) {
            used += (size_t)snprintf(buf + used, len - used, "%d:%s@%s;", w.index, w.name,
                                     w.routine);
            assert_true(used < len);
        }
    assert_int_equal(rc, STORE_END);
    store_iter_free(&it);
}

static struct session_worse worse_row(int index, const char *name)
{
    struct session_worse w;
    memset(&w, 0, sizeof w);
    w.session_id = 999; /* ignored: the call's session counts */
    w.index = index;
    snprintf(w.name, sizeof w.name, "%s", name);
    return w;
}

/* store_session_worse_set replaces a session's rows in one transaction:
 * a bad row anywhere leaves the old ones; none clears them; a gone
 * session is STORE_NOT_FOUND; the rows go with their session. */
static void test_worse_set_replaces_in_one_transaction(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN], got[256];
    struct session s = session("stretch", NOW);
    snprintf(s.routine, sizeof s.routine, "daily");
    int64_t id = start_ok(st, &s, OWNER);
    struct session o = session("stretch", NOW + 10);
    snprintf(o.routine, sizeof o.routine, "neck");
    int64_t other = start_ok(st, &o, OWNER);
    const struct session_worse two[] = {worse_row(2, "Knee-to-chest"), worse_row(4, "Cat-cow")};
    assert_int_equal(store_session_worse_set(st, id, two, 2, err, sizeof err), STORE_OK);
    const struct session_worse one[] = {worse_row(1, "Chin tuck")};
    assert_int_equal(store_session_worse_set(st, other, one, 1, err, sizeof err), STORE_OK);
    worse_of(st, id, got, sizeof got);
    assert_string_equal(got, "2:Knee-to-chest@daily;4:Cat-cow@daily;");

    static const struct {
        int index;
        const char *name;
    } bad[] = {{0, "Zero"}, {65, "Too far"}, {3, ""}, {3, "Tab\there"}, {3, "\xff"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct session_worse rows[] = {worse_row(1, "Fine"), worse_row(bad[i].index, bad[i].name)};
        err[0] = '\0';
        assert_int_equal(store_session_worse_set(st, id, rows, 2, err, sizeof err), STORE_ERROR);
        assert_non_null(strstr(err, "session"));
    }
    const struct session_worse twice[] = {worse_row(5, "A"), worse_row(5, "B")};
    assert_int_equal(store_session_worse_set(st, id, twice, 2, err, sizeof err), STORE_ERROR);
    assert_non_null(strstr(err, "given twice"));
    worse_of(st, id, got, sizeof got);
    assert_string_equal(got, "2:Knee-to-chest@daily;4:Cat-cow@daily;"); /* all rolled back */

    char long_name[SESSION_WORSE_NAME_MAX + 1];
    memset(long_name, 'x', SESSION_WORSE_NAME_MAX);
    long_name[SESSION_WORSE_NAME_MAX] = '\0';
    const struct session_worse longest[] = {worse_row(64, long_name)};
    assert_int_equal(store_session_worse_set(st, id, longest, 1, err, sizeof err), STORE_OK);
    worse_of(st, id, got, sizeof got);
    assert_int_equal(strlen(got), strlen("64:@daily;") + SESSION_WORSE_NAME_MAX);

    assert_int_equal(store_session_worse_set(st, id, NULL, 0, err, sizeof err), STORE_OK);
    worse_of(st, id, got, sizeof got);
    assert_string_equal(got, "");
    worse_of(st, other, got, sizeof got);
    assert_string_equal(got, "1:Chin tuck@neck;"); /* another session's rows stay */
    assert_int_equal(store_session_worse_set(st, 777, one, 1, err, sizeof err), STORE_NOT_FOUND);
    assert_non_null(strstr(err, "no session 777"));
    store_close(&st);
}

/* The iterator's range is the sessions' start. */
static void test_worse_iter_by_session_start(void **state)
{
    (void)state;
    struct store *st = mem();
    char err[STORE_ERR_LEN];
    int64_t ids[3];
    const struct session_worse one[] = {worse_row(1, "Settle")};
    for (int i = 0; i < 3; i++) {
        struct session s = session("stretch", NOW + i * 1000);
        ids[i] = start_ok(st, &s, OWNER);
        assert_int_equal(store_session_worse_set(st, ids[i], one, 1, err, sizeof err), STORE_OK);
    }
    struct store_iter *it = NULL;
    struct session_worse w;
    assert_int_equal(store_worse_iter(st, NOW + 500, NOW + 2000, &it, err, sizeof err), STORE_OK);
    int64_t seen[3];
    int n = 0;
    while (n < 3 && store_iter_next(it, &w, err, sizeof err) == STORE_OK)
        seen[n++] = w.session_id;
    store_iter_free(&it);
    assert_int_equal(n, 2);
    assert_int_equal(seen[0], ids[1]);
    assert_int_equal(seen[1], ids[2]);
    store_close(&st);
}

/* A version-1 database (before checkpoint_at and owner_pid) with a
 * running row: opening migrates it and, with no owner known, ends it. */
static void test_step_2_on_a_version_1_database(void **state)
{
    (void)state;
    char path[256];
    tpath(path, sizeof(path), "v1.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_int_equal(schema_steps[0].version, 1);
    char sql[128];
    snprintf(sql, sizeof(sql), "PRAGMA application_id = %d;", SCHEMA_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(db, schema_steps[0].sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO sessions (kind, planned_s, elapsed_s, started_at,"
                                  " status) VALUES ('heat', 1200, 300, 1000, 'running')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    struct store *st = open_ok(path);
    struct session g = get_ok(st, 1);
    assert_string_equal(session_status_code(g.status), "interrupted");
    assert_int_equal(g.elapsed_s, 300);
    assert_int_equal(g.ended_at, 1000); /* never checkpointed: its start */
    assert_int_equal(g.checkpoint_at, 0);
    store_close(&st);
    assert_true(store_schema_version() >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_and_get),
        cmocka_unit_test(test_start_links_the_ongoing_episode),
        cmocka_unit_test(test_bad_start_writes_nothing),
        cmocka_unit_test(test_checkpoint_and_finish),
        cmocka_unit_test(test_finish_stopped_with_pain_and_bad_status),
        cmocka_unit_test(test_recover_rules),
        cmocka_unit_test(test_recover_without_running_asks_nobody),
        cmocka_unit_test(test_owner_takes_back_an_interrupted_session),
        cmocka_unit_test(test_open_recovers_with_real_pids),
        cmocka_unit_test(test_last_ice_end),
        cmocka_unit_test(test_iterate_order_and_bounds),
        cmocka_unit_test(test_step_2_on_a_version_1_database),
        cmocka_unit_test(test_worse_set_replaces_in_one_transaction),
        cmocka_unit_test(test_worse_iter_by_session_start),
    };
    return cmocka_run_group_tests_name("sessions", tests, store_fixture_setup, store_fixture_teardown);
}
