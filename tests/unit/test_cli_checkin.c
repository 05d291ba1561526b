/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot checkin` and `unknot weekly` in process (memory streams, a
 * fixed clock): a second daily check-in on the same local day replaces
 * the first only after confirmation (--replace, or yes on a terminal);
 * 00:30 is its own day; a DST change day holds one check-in; bad values
 * write nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/cli_fixture.h"

/* Every daily check-in in the fixture's database, oldest first. */
static size_t read_checkins(struct fixture *f, struct checkin *out, size_t max)
{
    struct store *st = NULL;
    struct store_iter *it = NULL;
    char err[STORE_ERR_LEN];
    struct checkin c;
    size_t n = 0;
    assert_int_equal(store_open(&st, f->db, err, sizeof err), STORE_OK);
    assert_int_equal(store_checkins_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err,
                                         sizeof err),
                     STORE_OK);
    int rc;
    while ((rc = store_iter_next(it, &c, err, sizeof err)) == STORE_OK)
        if (n < max)
            out[n++] = c;
    assert_int_equal(rc, STORE_END);
    store_iter_free(&it);
    store_close(&st);
    return n;
}

static size_t count_weekly(struct fixture *f)
{
    struct store *st = NULL;
    struct store_iter *it = NULL;
    char err[STORE_ERR_LEN];
    struct weekly w;
    size_t n = 0;
    assert_int_equal(store_open(&st, f->db, err, sizeof err), STORE_OK);
    assert_int_equal(store_weeklies_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err,
                                         sizeof err),
                     STORE_OK);
    while (store_iter_next(it, &w, err, sizeof err) == STORE_OK)
        n++;
    store_iter_free(&it);
    store_close(&st);
    return n;
}

static void test_every_option(void **state)
{
    struct fixture *f = *state;
    struct checkin c[4];
    assert_int_equal(run(f, "checkin|--pain|3|--activities|partly|--sleep|6.5|--woken"), CLI_OK);
    assert_non_null(strstr(f->out, "pain 3, usual activities partly, slept 6.5 h, woken by pain"));
    assert_int_equal(read_checkins(f, c, 4), 1);
    assert_string_equal(c[0].day, "2026-11-18");
    assert_int_equal(c[0].pain, 3);
    assert_int_equal(c[0].activities, CHECKIN_ACT_PARTLY);
    assert_int_equal(c[0].sleep_tenths, 65);
    assert_int_equal(c[0].woken, 1);
    assert_int_equal(c[0].taken_at, NOW);
    /* The optional answers may be left out. */
    assert_int_equal(run(f, "checkin|--pain|1|--at|yesterday 20:00|--not-woken"), CLI_OK);
    assert_int_equal(read_checkins(f, c, 4), 2);
    assert_string_equal(c[0].day, "2026-11-17");
    assert_int_equal(c[0].activities, CHECKIN_ACT_UNSET);
    assert_int_equal(c[0].sleep_tenths, CHECKIN_NONE);
    assert_int_equal(c[0].woken, 0);
}

static void test_bad_values_write_nothing(void **state)
{
    struct fixture *f = *state;
    static const char *const lines[] = {
        "checkin|--pain|2|--sleep|25",        "checkin|--pain|11",
        "checkin|--pain|2|--activities|maybe", "checkin|--activities|no",
        "checkin|--pain|2|--woken|--not-woken", "checkin|--pain|2|--at|tomorrow",
        "checkin",                               "checkin|--pain|2|extra",
        "weekly|--pain|3|--enjoyment|11|--activity|2", "weekly|--pain|3",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        assert_int_equal(run(f, lines[i]), CLI_USAGE);
        assert_non_null(strstr(f->err, "unknot "));
        assert_null(strchr(strchr(f->err, '\n') + 1, '\n')); /* one line */
    }
    make_db(f);
    struct checkin c[1];
    assert_int_equal(read_checkins(f, c, 1), 0);
    assert_int_equal(count_weekly(f), 0);
}

/* Without a terminal a second check-in of the day is refused and names the
 * first; --replace replaces it, keeping one row. */
static void test_second_needs_replace(void **state)
{
    struct fixture *f = *state;
    struct checkin c[4];
    assert_int_equal(run(f, "checkin|--pain|3|--at|08:10"), CLI_OK);
    assert_int_equal(run(f, "checkin|--pain|6"), CLI_USAGE);
    assert_string_equal(f->err, "unknot checkin: already checked in today (at 08:10); "
                                "--replace to replace it\n");
    assert_int_equal(read_checkins(f, c, 4), 1);
    assert_int_equal(c[0].pain, 3);
    assert_int_equal(run(f, "checkin|--pain|6|--replace"), CLI_OK);
    assert_non_null(strstr(f->out, "Replaced"));
    assert_int_equal(read_checkins(f, c, 4), 1);
    assert_int_equal(c[0].pain, 6);
    assert_int_equal(c[0].taken_at, NOW);
}

/* On a terminal it asks: no keeps the first, yes replaces it. */
static void test_second_asks_on_terminal(void **state)
{
    struct fixture *f = *state;
    struct checkin c[4];
    assert_int_equal(run(f, "checkin|--pain|3"), CLI_OK);
    assert_int_equal(run_in(f, "n\n", "checkin|--pain|7"), CLI_USAGE);
    assert_non_null(strstr(f->out, "Already checked in today (at 11:06). Replace it?"));
    assert_int_equal(read_checkins(f, c, 4), 1);
    assert_int_equal(c[0].pain, 3);
    assert_int_equal(run_in(f, "y\n", "checkin|--pain|7"), CLI_OK);
    assert_int_equal(read_checkins(f, c, 4), 1);
    assert_int_equal(c[0].pain, 7);
}

/* Asked question by question; Enter skips the optional ones, a bad
 * answer is asked again. */
static void test_interactive(void **state)
{
    struct fixture *f = *state;
    struct checkin c[2];
    assert_int_equal(run_in(f, "12\n4\nmaybe\npartly\n\ny\n", "checkin"), CLI_OK);
    assert_non_null(strstr(f->out, "invalid pain \"12\""));
    assert_non_null(strstr(f->out, "invalid activities \"maybe\""));
    assert_int_equal(read_checkins(f, c, 2), 1);
    assert_int_equal(c[0].pain, 4);
    assert_int_equal(c[0].activities, CHECKIN_ACT_PARTLY);
    assert_int_equal(c[0].sleep_tenths, CHECKIN_NONE);
    assert_int_equal(c[0].woken, 1);
    /* The day has one: asked first, before any question. */
    assert_int_equal(run_in(f, "n\n", "checkin"), CLI_USAGE);
    assert_non_null(strstr(f->out, "Kept the check-in"));
    assert_null(strstr(f->out, "How strong"));
}

/* 00:30 belongs to its own day; a DST change day (23 or 25 hours) holds
 * one check-in from its first minute to its last. */
static void test_local_days(void **state)
{
    struct fixture *f = *state;
    struct checkin c[8];
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    assert_int_equal(run(f, "checkin|--pain|2|--at|2026-03-28 23:30"), CLI_OK);
    assert_int_equal(run(f, "checkin|--pain|3|--at|2026-03-29 00:30"), CLI_OK);
    assert_int_equal(run(f, "checkin|--pain|4|--at|2026-03-29 23:30"), CLI_USAGE);
    assert_non_null(strstr(f->err, "already checked in on 2026-03-29 (at 00:30)"));
    assert_int_equal(run(f, "checkin|--pain|5|--at|2026-10-25 00:10"), CLI_OK);
    assert_int_equal(run(f, "checkin|--pain|6|--at|2026-10-25 23:50"), CLI_USAGE);
    assert_int_equal(run(f, "checkin|--pain|7|--at|2026-10-26 00:30"), CLI_OK);
    size_t n = read_checkins(f, c, 8);
    assert_int_equal(n, 4);
    assert_string_equal(c[0].day, "2026-03-28");
    assert_string_equal(c[1].day, "2026-03-29");
    assert_int_equal(c[1].pain, 3);
    assert_string_equal(c[2].day, "2026-10-25");
    assert_string_equal(c[3].day, "2026-10-26");
}

static void test_weekly(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "weekly|--pain|3|--enjoyment|5|--activity|6"), CLI_OK);
    assert_non_null(strstr(f->out, "weekly pain and interference score 4.7"));
    assert_int_equal(run_in(f, "5\n\n4\n6\n", "weekly"), CLI_OK);
    assert_non_null(strstr(f->out, "score 5.0"));
    assert_int_equal(count_weekly(f), 2);
    assert_int_equal(run(f, "weekly"), CLI_USAGE); /* no terminal, no ratings */
    assert_int_equal(count_weekly(f), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_needs_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_asks_on_terminal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interactive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weekly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
