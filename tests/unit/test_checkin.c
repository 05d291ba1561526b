/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests for src/checkin.c: parsing and validation of the answers,
 * the weekly score and its trend with missing weeks, when a weekly one is
 * due, the local day a check-in belongs to (00:30, DST change days) and
 * the report's daily figures. Every clock is passed in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/checkin.h"
#include "src/when.h"
#include "tests/unit/civil.h"

#define DAY 86400
#define WEEK (7 * DAY)

static struct weekly wk(int64_t at, int p, int e, int a)
{
    return (struct weekly){.taken_at = at, .pain = p, .enjoyment = e, .activity = a};
}

static void test_weekly_mean(void **state)
{
    (void)state;
    static const struct {
        int p, e, a, tenths;
    } cases[] = {
        {0, 0, 0, 0}, {10, 10, 10, 100}, {3, 5, 6, 47}, /* 14 / 3 = 4.67 */
        {4, 4, 5, 43},                                   /* 13 / 3 = 4.33 */
        {5, 4, 6, 50},  {1, 0, 0, 3},  {2, 0, 0, 7},  {9, 10, 10, 97},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct weekly w = wk(0, cases[i].p, cases[i].e, cases[i].a);
        assert_int_equal(weekly_mean_tenths(&w), cases[i].tenths);
    }
}

/* Weeks 0, 1 and 3 rated, week 2 missing; week 12 rated; one before the
 * period ignored; the latest of two in one week rates it. */
static void test_weekly_trend_missing_weeks(void **state)
{
    (void)state;
    set_tz("UTC");
    int64_t end = utc(2026, 6, 1, 12, 0), from = end - 90 * DAY;
    struct weekly_trend t;
    weekly_trend_begin(&t, from, end);
    struct weekly rows[] = {
        wk(end - 1 * DAY, 5, 4, 6),      /* week 0: 5.0 */
        wk(end - 8 * DAY, 6, 6, 6),      /* week 1: 6.0, then replaced by the later one */
        wk(end - 7 * DAY - 60, 7, 7, 8), /* week 1, later: 7.3 */
        wk(end - 22 * DAY, 8, 8, 8),     /* week 3: 8.0 */
        wk(end - 85 * DAY, 9, 9, 9),     /* week 12: 9.0 */
        wk(from - DAY, 1, 1, 1),         /* before the period */
        wk(end, 2, 2, 2),                /* at the end: outside [from, end) */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        weekly_trend_feed(&t, &rows[i]);
    assert_int_equal(weekly_trend_score(&t, 0), 50);
    assert_int_equal(weekly_trend_score(&t, 1), 73);
    assert_int_equal(weekly_trend_score(&t, 2), CHECKIN_NONE); /* missing, never filled in */
    assert_int_equal(weekly_trend_score(&t, 3), 80);
    assert_int_equal(weekly_trend_score(&t, 4), CHECKIN_NONE);
    assert_int_equal(weekly_trend_score(&t, 12), 90);
    assert_int_equal(weekly_trend_score(&t, 13), CHECKIN_NONE);
    int weeks, rated;
    weekly_trend_rated(&t, &weeks, &rated);
    assert_int_equal(weeks, 13); /* 90 days: week 12 (days 84-91) begins inside */
    assert_int_equal(rated, 4);
    assert_int_equal(t.fed, 5);
    assert_int_equal(t.latest, 50);

    /* A 30-day period: weeks 5 and on lie before it. */
    weekly_trend_begin(&t, end - 30 * DAY, end);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        weekly_trend_feed(&t, &rows[i]);
    weekly_trend_rated(&t, &weeks, &rated);
    assert_int_equal(weeks, 5);
    assert_int_equal(rated, 3);
    assert_false(weekly_trend_in_period(&t, 5));
    assert_int_equal(weekly_trend_score(&t, 12), CHECKIN_NONE);
}

static void test_weekly_due(void **state)
{
    (void)state;
    set_tz("Europe/Berlin");
    int64_t last = cet(2026, 3, 22, 21, 0); /* a Sunday evening */
    assert_false(weekly_due(0, 0, last));      /* none yet: nothing owed */
    assert_false(weekly_due(1, last, cest(2026, 3, 28, 23, 59)));
    assert_true(weekly_due(1, last, cest(2026, 3, 29, 8, 0))); /* 7 local days, over DST */
    assert_true(weekly_due(1, last, last + 8 * DAY));
}

/* A check-in at 00:30 is its own day's; every instant of a DST change day
 * (23 or 25 hours) is one day, so the day has one check-in. */
static void test_local_day(void **state)
{
    (void)state;
    char day[CHECKIN_DAY_LEN];
    set_tz("Europe/Berlin");
    checkin_day_text(cet(2026, 3, 10, 0, 30), day, sizeof day);
    assert_string_equal(day, "2026-03-10");
    checkin_day_text(cet(2026, 3, 9, 23, 59), day, sizeof day);
    assert_string_equal(day, "2026-03-09");
    /* 2026-03-29 has 23 hours, 2026-10-25 has 25 (02:00-03:00 twice). */
    const struct {
        int64_t at;
        const char *day;
    } dst[] = {
        {cet(2026, 3, 29, 0, 0), "2026-03-29"},
        {cet(2026, 3, 29, 1, 59), "2026-03-29"},
        {cest(2026, 3, 29, 23, 59), "2026-03-29"},
        {cest(2026, 10, 25, 0, 0), "2026-10-25"},
        {cet(2026, 10, 25, 2, 30), "2026-10-25"}, /* the second 02:30 */
        {cet(2026, 10, 25, 23, 59), "2026-10-25"},
    };
    int64_t at[sizeof dst / sizeof dst[0]];
    for (size_t i = 0; i < sizeof dst / sizeof dst[0]; i++) {
        at[i] = dst[i].at;
        checkin_day_text(at[i], day, sizeof day);
        assert_string_equal(day, dst[i].day);
    }
    assert_int_equal(when_local_day(at[0]), when_local_day(at[2]));
    assert_int_equal(when_local_day(at[3]), when_local_day(at[5]));
    checkin_day_text(cest(2026, 3, 30, 0, 0), day, sizeof day);
    assert_string_equal(day, "2026-03-30");
    checkin_day_text(cet(2026, 10, 26, 0, 0), day, sizeof day);
    assert_string_equal(day, "2026-10-26");
}

static void test_parse(void **state)
{
    (void)state;
    char err[256];
    int v = -5;
    assert_int_equal(checkin_sleep_parse("6.5", &v, err, sizeof err), 0);
    assert_int_equal(v, 65);
    assert_int_equal(checkin_sleep_parse(" 7 ", &v, err, sizeof err), 0);
    assert_int_equal(v, 70);
    assert_int_equal(checkin_sleep_parse("24", &v, err, sizeof err), 0);
    assert_int_equal(v, 240);
    assert_int_equal(checkin_sleep_parse("0,5", &v, err, sizeof err), 0);
    assert_int_equal(v, 5);
    static const char *const bad_sleep[] = {"25", "24.1", "6.55", "-1", "", "6.", ".5", "x", "7h"};
    for (size_t i = 0; i < sizeof bad_sleep / sizeof bad_sleep[0]; i++) {
        v = -5;
        assert_int_equal(checkin_sleep_parse(bad_sleep[i], &v, err, sizeof err), -1);
        assert_int_equal(v, -5);
        assert_non_null(strstr(err, "0 to 24"));
    }
    static const char *const bad_pain[] = {"11", "-1", "", "3.5", "x", "100"};
    for (size_t i = 0; i < sizeof bad_pain / sizeof bad_pain[0]; i++)
        assert_int_equal(checkin_rating_parse("pain", bad_pain[i], &v, err, sizeof err), -1);
    assert_int_equal(checkin_rating_parse("pain", "10", &v, err, sizeof err), 0);
    assert_int_equal(v, 10);
    assert_int_equal(checkin_activities_parse("Partly", &v, err, sizeof err), 0);
    assert_int_equal(v, CHECKIN_ACT_PARTLY);
    assert_int_equal(checkin_activities_parse("maybe", &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "yes, partly or no"));
}

static void test_validate(void **state)
{
    (void)state;
    char err[256];
    set_tz("UTC");
    int64_t now = utc(2026, 6, 1, 12, 0);
    struct checkin c;
    checkin_init(&c, now);
    c.pain = 3;
    assert_int_equal(checkin_validate(&c, now, err, sizeof err), 0);
    c.sleep_tenths = 241;
    assert_int_equal(checkin_validate(&c, now, err, sizeof err), -1);
    c.sleep_tenths = 65;
    c.taken_at = now + 3600;
    assert_int_equal(checkin_validate(&c, now, err, sizeof err), -1); /* future, and day differs */
    checkin_init(&c, now - 3600);
    snprintf(c.day, sizeof c.day, "2026-05-31");
    assert_int_equal(checkin_validate(&c, now, err, sizeof err), -1); /* not its time's day */
    struct weekly w = wk(now, 3, 11, 2);
    assert_int_equal(weekly_validate(&w, now, err, sizeof err), -1);
    w.enjoyment = 4;
    assert_int_equal(weekly_validate(&w, now, err, sizeof err), 0);
}

/* 10 days; check-ins on 8 of them; spasms on days 2 (an episode over
 * midnight into day 3) and 7; one ending at midnight does not mark the
 * next day. */
static void test_stats_days(void **state)
{
    (void)state;
    set_tz("Europe/Berlin");
    int64_t from = cet(2026, 3, 20, 0, 0), end = cest(2026, 3, 29, 18, 0);
    struct checkin_stats s;
    checkin_stats_begin(&s, from, end);
    checkin_stats_episode(&s, cet(2026, 3, 21, 22, 0), cet(2026, 3, 22, 1, 0));
    checkin_stats_episode(&s, cet(2026, 3, 26, 10, 0), cet(2026, 3, 27, 0, 0));
    checkin_stats_episode(&s, cet(2026, 3, 10, 10, 0), cet(2026, 3, 11, 0, 0)); /* before */
    static const int days[] = {20, 21, 22, 23, 24, 26, 27, 29};
    static const int sleep[] = {70, 65, 80, 50, CHECKIN_NONE, 60, 75, 90};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        struct checkin c;
        int64_t at = days[i] == 29 ? cest(2026, 3, 29, 0, 30) : cet(2026, 3, days[i], 0, 30);
        checkin_init(&c, at);
        c.pain = 2;
        c.sleep_tenths = sleep[i];
        c.woken = (int)(i % 3 == 0);
        c.activities = (int)(i % CHECKIN_ACT_COUNT);
        checkin_stats_feed(&s, &c);
    }
    int64_t n, checked, free_days;
    checkin_stats_days(&s, &n, &checked, &free_days);
    assert_int_equal(n, 10);
    assert_int_equal(checked, 8);
    assert_int_equal(free_days, 5); /* 21, 22 and 26 had a spasm; 27 did not */
    /* Sleep of 7 nights: 50 60 65 70 75 80 90 -> 70. */
    assert_int_equal(checkin_stats_median_sleep(&s), 70);
    assert_int_equal(s.woken, 3);
    assert_int_equal(s.woken_answered, 8);
    assert_int_equal(s.activities[CHECKIN_ACT_NO], 2);
}

static void test_median_even(void **state)
{
    (void)state;
    set_tz("UTC");
    struct checkin_stats s;
    int64_t end = utc(2026, 6, 10, 12, 0);
    checkin_stats_begin(&s, end - 9 * DAY, end);
    assert_int_equal(checkin_stats_median_sleep(&s), CHECKIN_NONE);
    static const int sleep[] = {60, 65, 70, 80};
    for (int i = 0; i < 4; i++) {
        struct checkin c;
        checkin_init(&c, end - i * DAY);
        c.sleep_tenths = sleep[i];
        checkin_stats_feed(&s, &c);
    }
    assert_int_equal(checkin_stats_median_sleep(&s), 68); /* (65 + 70) / 2 = 67.5, half up */
}

static void test_describe(void **state)
{
    (void)state;
    char buf[200];
    struct checkin c;
    set_tz("UTC");
    checkin_init(&c, 0);
    c.pain = 3;
    checkin_describe(&c, buf, sizeof buf);
    assert_string_equal(buf, "pain 3");
    c.activities = CHECKIN_ACT_PARTLY;
    c.sleep_tenths = 65;
    c.woken = 1;
    checkin_describe(&c, buf, sizeof buf);
    assert_string_equal(buf, "pain 3, usual activities partly, slept 6.5 h, woken by pain");
    struct weekly w = wk(0, 3, 5, 6);
    weekly_describe(&w, buf, sizeof buf);
    assert_non_null(strstr(buf, "weekly pain and interference score 4.7"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekly_mean),
        cmocka_unit_test(test_weekly_trend_missing_weeks),
        cmocka_unit_test(test_weekly_due),
        cmocka_unit_test(test_local_day),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_stats_days),
        cmocka_unit_test(test_median_even),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
