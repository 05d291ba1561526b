/* history: the services both front ends call, over a real in-memory store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "db/store.h"
#include "src/app/history.h"

#define NOW 1795000000LL
#define HOUR 3600LL
#define DAY 86400LL

static struct store *open_memory(void)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(store_open(&st, ":memory:", err, sizeof(err)), STORE_OK);
    return st;
}

/* Adds an episode started `ago` seconds before NOW, lasting `len` seconds
 * (EPISODE_ONGOING: still going). Returns its id. */
static int64_t add(struct store *st, int64_t ago, int64_t len, int intensity, enum region r)
{
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    episode_init(&ep);
    ep.started_at = NOW - ago;
    ep.ended_at = len == EPISODE_ONGOING ? EPISODE_ONGOING : NOW - ago + len;
    ep.intensity = intensity;
    ep.region = r;
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_OK);
    return ep.id;
}

static int has_flag(const struct flags *f, enum flag_kind kind)
{
    for (size_t i = 0; i < flags_count(f); i++)
        if (flags_at(f, i)->kind == kind)
            return 1;
    return 0;
}

static void test_empty_history(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct flags f;
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_int_equal(flags_count(&f), 0);
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_NOT_FOUND);
    store_close(&st);
}

/* Added newest first: the service must still feed them oldest first, or
 * the recurring rule (measured from the previous episode) sees no gaps. */
static void test_flags_read_oldest_first(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 2 * DAY, HOUR, 3, REGION_MID);
    add(st, 10 * DAY, HOUR, 3, REGION_LOWER);
    add(st, 20 * DAY, HOUR, 3, REGION_NECK);
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_RECURRING));
    assert_false(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    store_close(&st);
}

static void test_flags_severe_ongoing(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 4 * DAY, EPISODE_ONGOING, 8, REGION_LOWER);
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    /* The same history an hour after its start is not flagged. */
    assert_int_equal(history_flags(st, NOW - 4 * DAY + HOUR, &f, err, sizeof(err)), STORE_OK);
    assert_false(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    store_close(&st);
}

/* Adds an hour-long episode started `ago` before NOW with one symptom. */
static int64_t add_with_symptom(struct store *st, int64_t ago, const char *symptom)
{
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    episode_init(&ep);
    ep.started_at = NOW - ago;
    ep.ended_at = NOW - ago + HOUR;
    ep.intensity = 4;
    assert_int_equal(episode_add_tag(&ep, TAG_SYMPTOM, symptom, err, sizeof(err)), 0);
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_OK);
    return ep.id;
}

/* The leg rules read symptoms: the service loads the tags of the recent
 * episodes it reads without them, and only theirs matter. */
static void test_flags_read_recent_symptoms(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add_with_symptom(st, 20 * DAY, "numbness"); /* too old to flag */
    int64_t recent = add_with_symptom(st, 2 * DAY, "weakness");
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_LEG_WEAKNESS));
    assert_false(has_flag(&f, FLAG_LEG_NERVE));
    assert_int_equal(flags_at(&f, 0)->refs[0].id, recent);
    store_close(&st);
}

/* The ongoing episode wins over a newer ended one. */
static void test_latest_prefers_ongoing(void **state)
{
    (void)state;
    struct store *st = open_memory();
    int64_t ongoing = add(st, 3 * DAY, EPISODE_ONGOING, 5, REGION_LOWER);
    add(st, 1 * DAY, HOUR, 2, REGION_NECK);
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_OK);
    assert_int_equal(ep.id, ongoing);
    store_close(&st);
}

/* With none ongoing, the newest start wins, whatever the insertion order. */
static void test_latest_is_newest_start(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 1 * DAY, HOUR, 2, REGION_NECK);
    int64_t newest = add(st, 2 * HOUR, HOUR, 4, REGION_MID);
    add(st, 5 * DAY, HOUR, 6, REGION_LOWER);
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_OK);
    assert_int_equal(ep.id, newest);
    assert_int_equal(ep.started_at, NOW - 2 * HOUR);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_history),
        cmocka_unit_test(test_flags_read_oldest_first),
        cmocka_unit_test(test_flags_severe_ongoing),
        cmocka_unit_test(test_flags_read_recent_symptoms),
        cmocka_unit_test(test_latest_prefers_ongoing),
        cmocka_unit_test(test_latest_is_newest_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
