/* SPDX-License-Identifier: BSD-2-Clause */
/* Pain readings and treatments in the store (issue 13): the migration of
 * databases written by 0.1 and 0.2 gives every episode its first reading;
 * episode writes keep that reading equal to the intensity; readings are
 * added, changed and deleted (never the first); timer sessions add theirs;
 * treatments link to the episode going at their time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "db/store.h"
#include "tests/unit/store_fixture.h"

#define T0 1795000000LL /* 2026-11-18 */

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, got, out), got);
    assert_int_equal(fclose(in), 0);
    assert_int_equal(fclose(out), 0);
}

/* Every episode is kept and has exactly one reading, its intensity at its
 * start, of source "log". Returns the number of episodes. */
static size_t check_first_readings(struct store *st)
{
    char err[STORE_ERR_LEN] = "";
    struct store_iter *it = NULL;
    static struct episode ep;
    size_t n = 0;
    assert_int_equal(store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, 0, &it,
                                         err, sizeof err),
                     STORE_OK);
    while (store_iter_next(it, &ep, err, sizeof err) == STORE_OK) {
        struct store_iter *ri = NULL;
        struct reading r;
        size_t k = 0;
        assert_int_equal(store_readings_iter(st, ep.id, &ri, err, sizeof err), STORE_OK);
        while (store_iter_next(ri, &r, err, sizeof err) == STORE_OK) {
            assert_int_equal(r.episode_id, ep.id);
            assert_int_equal(r.pain, ep.intensity);
            assert_int_equal(r.taken_at, ep.started_at);
            assert_int_equal(r.source, READING_LOG);
            k++;
        }
        store_iter_free(&ri);
        assert_int_equal(k, 1);
        n++;
    }
    store_iter_free(&it);
    return n;
}

static void test_migration_adds_one_reading_each(void **state)
{
    static const struct {
        const char *fixture;
        size_t episodes;
    } rows[] = {{"tests/fixtures/release-0.1.db", 1}, {"tests/fixtures/release-0.2.db", 3}};
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char path[128];
        tpath(path, sizeof path, i ? "r02.db" : "r01.db");
        copy_file(rows[i].fixture, path);
        struct store *st = open_ok(path);
        assert_int_equal(check_first_readings(st), rows[i].episodes);
        store_close(&st);
        st = open_ok(path); /* a second open migrates nothing twice */
        assert_int_equal(check_first_readings(st), rows[i].episodes);
        store_close(&st);
    }
}

static int64_t add_episode(struct store *st, int64_t start, int64_t end, int intensity)
{
    static struct episode ep;
    char err[STORE_ERR_LEN] = "";
    memset(&ep, 0, sizeof ep);
    ep.started_at = start;
    ep.ended_at = end;
    ep.intensity = intensity;
    ep.region = REGION_LOWER;
    if (store_episode_add(st, &ep, start, err, sizeof err) != STORE_OK)
        fail_msg("store_episode_add: %s", err);
    return ep.id;
}

/* The readings of episode id as "8,6,4". */
static void pains(struct store *st, int64_t id, char *out, size_t n)
{
    char err[STORE_ERR_LEN] = "";
    struct store_iter *it = NULL;
    struct reading r;
    out[0] = '\0';
    assert_int_equal(store_readings_iter(st, id, &it, err, sizeof err), STORE_OK);
    while (store_iter_next(it, &r, err, sizeof err) == STORE_OK)
        snprintf(out + strlen(out), n - strlen(out), "%s%d", out[0] ? "," : "", r.pain);
    store_iter_free(&it);
}

static void test_first_reading_follows_the_episode(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "", got[64];
    int64_t id = add_episode(st, T0, EPISODE_ONGOING, 8);
    struct reading r = {.episode_id = id, .taken_at = T0 + 3600, .pain = 6,
                        .source = READING_CLI};
    assert_int_equal(store_reading_add(st, &r, T0 + 3600, err, sizeof err), STORE_OK);
    assert_true(r.id > 0);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "8,6");

    /* Editing the intensity changes the first reading, not the others. */
    static struct episode ep;
    assert_int_equal(store_episode_get(st, id, &ep, err, sizeof err), STORE_OK);
    ep.intensity = 9;
    assert_int_equal(store_episode_update(st, &ep, T0 + 7200, err, sizeof err), STORE_OK);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "9,6");

    /* The first reading cannot be deleted; another can. */
    struct store_iter *it = NULL;
    struct reading first;
    assert_int_equal(store_readings_iter(st, id, &it, err, sizeof err), STORE_OK);
    assert_int_equal(store_iter_next(it, &first, err, sizeof err), STORE_OK);
    store_iter_free(&it);
    assert_int_equal(store_reading_delete(st, first.id, err, sizeof err), STORE_ABORTED);
    assert_non_null(strstr(err, "intensity"));
    /* The first reading cannot be changed either; another can. */
    struct reading change = first;
    change.pain = 2;
    assert_int_equal(store_reading_update(st, &change, err, sizeof err), STORE_ABORTED);
    assert_non_null(strstr(err, "unknot edit"));
    change = r;
    change.pain = 3;
    change.taken_at = T0 + 1800;
    assert_int_equal(store_reading_update(st, &change, err, sizeof err), STORE_OK);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "9,3");
    assert_int_equal(store_reading_get(st, r.id, &change, err, sizeof err), STORE_OK);
    assert_int_equal(change.taken_at, T0 + 1800);
    change.id = r.id + 100;
    assert_int_equal(store_reading_update(st, &change, err, sizeof err), STORE_NOT_FOUND);
    assert_int_equal(store_reading_delete(st, r.id, err, sizeof err), STORE_OK);
    assert_int_equal(store_reading_delete(st, r.id, err, sizeof err), STORE_NOT_FOUND);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "9");

    /* A reading of an episode that is not there is refused. */
    struct reading bad = {.episode_id = id + 50, .taken_at = T0, .pain = 3, .source = READING_CLI};
    assert_int_equal(store_reading_add(st, &bad, T0, err, sizeof err), STORE_NOT_FOUND);
    /* Deleting the episode takes its readings. */
    assert_int_equal(store_episode_delete(st, id, err, sizeof err), STORE_OK);
    assert_int_equal(store_reading_get(st, first.id, &r, err, sizeof err), STORE_NOT_FOUND);
    store_close(&st);
}

static void test_timer_pain_becomes_readings(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "", got[64];
    int64_t id = add_episode(st, T0, EPISODE_ONGOING, 7);
    struct session s = {.kind = SESSION_ICE, .planned_s = 1200, .started_at = T0 + 600,
                        .pain_before = 6, .pain_after = SESSION_PAIN_NONE};
    assert_int_equal(store_session_start(st, &s, 1, err, sizeof err), STORE_OK);
    assert_int_equal(s.episode_id, id);
    assert_int_equal(store_session_finish(st, s.id, SESSION_DONE, 1200, T0 + 1800, 4, err,
                                          sizeof err),
                     STORE_OK);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "7,6,4");
    /* Rated again: the reading after is replaced, not repeated. */
    assert_int_equal(store_session_rate(st, s.id, 3, err, sizeof err), STORE_OK);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "7,6,3");
    store_close(&st);

    /* Without an ongoing episode a session adds no reading. */
    st = open_ok(":memory:");
    id = add_episode(st, T0, T0 + 60, 7);
    s.id = 0;
    assert_int_equal(store_session_start(st, &s, 1, err, sizeof err), STORE_OK);
    assert_int_equal(store_session_finish(st, s.id, SESSION_DONE, 1200, T0 + 1800, 4, err,
                                          sizeof err),
                     STORE_OK);
    pains(st, id, got, sizeof got);
    assert_string_equal(got, "7");
    store_close(&st);
}

static void test_treatment_links_episode_and_pain(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "";
    int64_t id = add_episode(st, T0, EPISODE_ONGOING, 8);
    struct reading r = {.episode_id = id, .taken_at = T0 + 3600, .pain = 6,
                        .source = READING_CLI};
    assert_int_equal(store_reading_add(st, &r, T0 + 3600, err, sizeof err), STORE_OK);

    struct treatment t, back;
    treatment_init(&t, TREATMENT_MEDICATION, T0 + 4000);
    assert_int_equal(treatment_set_name(&t, "  ibuprofen 400 mg ", err, sizeof err), 0);
    t.pain_after = 3;
    assert_int_equal(treatment_validate(&t, T0 + 4000, err, sizeof err), 0);
    assert_int_equal(store_treatment_add(st, &t, T0 + 4000, err, sizeof err), STORE_OK);
    assert_int_equal(store_treatment_get(st, t.id, &back, err, sizeof err), STORE_OK);
    assert_string_equal(back.name, "ibuprofen 400 mg");
    assert_int_equal(back.episode_id, id);
    assert_int_equal(back.pain_before, 6); /* the latest reading before it */
    assert_int_equal(back.pain_after, 3);
    assert_int_equal(back.duration_s, TREATMENT_NO_DURATION);

    /* Before the episode began: no episode, no pain before. */
    treatment_init(&t, TREATMENT_ICE, T0 - 86400);
    t.duration_s = 1200;
    assert_int_equal(store_treatment_add(st, &t, T0, err, sizeof err), STORE_OK);
    assert_int_equal(store_treatment_get(st, t.id, &back, err, sizeof err), STORE_OK);
    assert_int_equal(back.episode_id, 0);
    assert_int_equal(back.pain_before, TREATMENT_PAIN_NONE);
    assert_int_equal(back.duration_s, 1200);

    char names[4][TREATMENT_NAME_MAX + 1];
    size_t n = 0;
    assert_int_equal(store_treatment_recent_names(st, 4, names, &n, err, sizeof err), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "ibuprofen 400 mg");

    /* Deleting the episode keeps the intake, unlinked. */
    assert_int_equal(store_episode_delete(st, id, err, sizeof err), STORE_OK);
    struct store_iter *it = NULL;
    size_t count = 0;
    assert_int_equal(store_treatments_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err,
                                           sizeof err),
                     STORE_OK);
    while (store_iter_next(it, &back, err, sizeof err) == STORE_OK) {
        assert_int_equal(back.episode_id, 0);
        count++;
    }
    store_iter_free(&it);
    assert_int_equal(count, 2);
    store_close(&st);
}

static void test_treatment_validation(void **state)
{
    static const struct {
        enum treatment_kind kind;
        const char *name;
        int64_t at, dur;
        int before, after, ok;
    } rows[] = {
        {TREATMENT_ICE, NULL, T0, 1200, 7, 5, 1},
        {TREATMENT_ICE, NULL, T0 + 301, 0, -1, -1, 0},   /* in the future */
        {TREATMENT_ICE, NULL, T0, 86401, -1, -1, 0},     /* over a day */
        {TREATMENT_ICE, NULL, T0, -5, -1, -1, 0},        /* negative */
        {TREATMENT_WALK, NULL, T0, 0, 11, -1, 0},        /* pain out of range */
        {TREATMENT_MEDICATION, NULL, T0, 0, -1, -1, 0},  /* no name */
        {TREATMENT_HEAT, "x", T0, 0, -1, -1, 0},         /* a name on heat */
        {TREATMENT_MEDICATION, "naproxen", T0, 0, -1, 2, 1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct treatment t;
        char err[STORE_ERR_LEN] = "";
        treatment_init(&t, rows[i].kind, rows[i].at);
        if (rows[i].name)
            snprintf(t.name, sizeof t.name, "%s", rows[i].name);
        t.duration_s = rows[i].dur;
        t.pain_before = rows[i].before;
        t.pain_after = rows[i].after;
        int got = treatment_validate(&t, T0, err, sizeof err) == 0;
        if (got != rows[i].ok)
            fail_msg("row %zu: valid %d, wanted %d (%s)", i, got, rows[i].ok, err);
    }
    char err[STORE_ERR_LEN];
    struct treatment t;
    treatment_init(&t, TREATMENT_MEDICATION, T0);
    assert_int_equal(treatment_set_name(&t, "bad\033[2Jname", err, sizeof err), -1);
    assert_int_equal(treatment_set_name(&t, "   ", err, sizeof err), -1);
    enum treatment_kind k;
    assert_int_equal(treatment_relief_parse("ICE", &k, err, sizeof err), 0);
    assert_int_equal(k, TREATMENT_ICE);
    assert_int_equal(treatment_relief_parse("medication", &k, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknot took"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migration_adds_one_reading_each),
        cmocka_unit_test(test_first_reading_follows_the_episode),
        cmocka_unit_test(test_timer_pain_becomes_readings),
        cmocka_unit_test(test_treatment_links_episode_and_pain),
        cmocka_unit_test(test_treatment_validation),
    };
    return cmocka_run_group_tests_name("readings", tests, store_fixture_setup,
                                       store_fixture_teardown);
}
