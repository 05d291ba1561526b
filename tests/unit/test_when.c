/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests for src/when.c. Expected instants are computed here from the
 * civil date with an independent algorithm (days_from_civil), not through
 * mktime, so the tests do not share the code they check. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/when.h"

#define SENTINEL INT64_C(0x5eed5eed)
#define ERRLEN 512

/* ---- helpers ------------------------------------------------------------ */

#include "tests/unit/civil.h"

static void expect_when(const char *text, int64_t now, int64_t want)
{
    char err[ERRLEN] = "";
    int64_t got = SENTINEL;
    if (when_parse(text, now, &got, err, sizeof err) != 0)
        fail_msg("when_parse(\"%s\") refused: %s", text, err);
    if (got != want)
        fail_msg("when_parse(\"%s\") = %" PRId64 ", want %" PRId64 " (off by %" PRId64 " s)", text,
                 got, want, got - want);
}

/* Refusal contract: -1, *out untouched, a one-line message quoting the
 * input and containing `fragment` (the reason or the accepted forms). */
static void check_refusal(const char *kind, int rc, int64_t out, const char *text,
                          const char *err, const char *fragment)
{
    char quoted[256];
    snprintf(quoted, sizeof quoted, "\"%s\"", text);
    if (rc != -1)
        fail_msg("%s(\"%s\") returned %d, want -1", kind, text, rc);
    if (out != SENTINEL)
        fail_msg("%s(\"%s\") wrote *out on failure", kind, text);
    if (err[0] == '\0')
        fail_msg("%s(\"%s\"): empty message", kind, text);
    if (strstr(err, quoted) == NULL)
        fail_msg("%s(\"%s\"): message does not quote the input: %s", kind, text, err);
    if (strchr(err, '\n') != NULL)
        fail_msg("%s(\"%s\"): message is not one line: %s", kind, text, err);
    if (strstr(err, fragment) == NULL)
        fail_msg("%s(\"%s\"): message lacks \"%s\": %s", kind, text, fragment, err);
}

static void expect_when_refused(const char *text, int64_t now, const char *fragment)
{
    char err[ERRLEN] = "";
    int64_t out = SENTINEL;
    int rc = when_parse(text, now, &out, err, sizeof err);
    check_refusal("when_parse", rc, out, text, err, fragment);
    if (strncmp(err, "invalid time ", 13) != 0)
        fail_msg("when_parse(\"%s\"): message does not start with 'invalid time': %s", text, err);
}

static void expect_dur_refused(const char *text, const char *fragment)
{
    char err[ERRLEN] = "";
    int64_t out = SENTINEL;
    int rc = when_parse_duration(text, &out, err, sizeof err);
    check_refusal("when_parse_duration", rc, out, text, err, fragment);
    if (strncmp(err, "invalid duration ", 17) != 0)
        fail_msg("when_parse_duration(\"%s\"): bad prefix: %s", text, err);
}

struct when_case {
    int64_t now;
    const char *text;
    int64_t want;
};

static void run_when_cases(const struct when_case *cases, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        expect_when(cases[i].text, cases[i].now, cases[i].want);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- every accepted form ------------------------------------------------ */

static void test_forms_utc(void **state)
{
    /* A now with seconds, so clock forms visibly drop them and "now" keeps them. */
    const int64_t now = utc(2026, 11, 20, 14, 30) + 15;
    const int64_t ny = utc(2027, 1, 1, 8, 0);  /* yesterday crosses a year */
    const int64_t leap = utc(2028, 3, 1, 8, 0); /* yesterday is Feb 29 */
    const struct when_case cases[] = {
        {now, "now", now},
        {now, "NOW", now},
        {now, "  now\t", now},
        {now, "today", utc(2026, 11, 20, 0, 0)},
        {now, "Today", utc(2026, 11, 20, 0, 0)},
        {now, "yesterday", utc(2026, 11, 19, 0, 0)},
        {now, "today 9:05", utc(2026, 11, 20, 9, 5)},
        {now, "today 23:59", utc(2026, 11, 20, 23, 59)},
        {now, "today 00:00", utc(2026, 11, 20, 0, 0)},
        {now, "TODAY\t \t16:45", utc(2026, 11, 20, 16, 45)},
        {now, "yesterday 9:00", utc(2026, 11, 19, 9, 0)},
        {now, "yesterday 23:59", utc(2026, 11, 19, 23, 59)},
        {now, "YESTERDAY 0:00", utc(2026, 11, 19, 0, 0)},
        {ny, "yesterday 9:00", utc(2026, 12, 31, 9, 0)},
        {leap, "yesterday", utc(2028, 2, 29, 0, 0)},
        {now, "2026-11-20", utc(2026, 11, 20, 0, 0)},
        {now, "2026-11-20 14:30", utc(2026, 11, 20, 14, 30)},
        {now, "2026-11-20T14:30", utc(2026, 11, 20, 14, 30)},
        {now, "2026-11-20t14:30", utc(2026, 11, 20, 14, 30)},
        {now, "2026-11-20 \t 9:07", utc(2026, 11, 20, 9, 7)},
        {now, "\t2026-11-20 14:30\n", utc(2026, 11, 20, 14, 30)},
        {now, "2026-12-31 23:59", utc(2026, 12, 31, 23, 59)},
        {now, "2027-01-01 00:00", utc(2027, 1, 1, 0, 0)},
        {now, "2026-04-30", utc(2026, 4, 30, 0, 0)},
        {now, "2026-02-28 23:59", utc(2026, 2, 28, 23, 59)},
        {now, "2028-02-29", utc(2028, 2, 29, 0, 0)},
        {now, "2028-02-29 23:59", utc(2028, 2, 29, 23, 59)},
        {now, "2000-02-29", utc(2000, 2, 29, 0, 0)},
        {now, "1970-01-01", 0},
        {now, "2100-12-31 23:59", utc(2100, 12, 31, 23, 59)},
        {now, "14:30", utc(2026, 11, 20, 14, 30)},
        {now, "9:00", utc(2026, 11, 20, 9, 0)},
        {now, "09:00", utc(2026, 11, 20, 9, 0)},
        {now, "0:00", utc(2026, 11, 20, 0, 0)},
        {now, "00:00", utc(2026, 11, 20, 0, 0)},
        {now, "23:59", utc(2026, 11, 20, 23, 59)}, /* later than now: still today */
        {now, "3h ago", now - 3 * 3600},
        {now, "2d ago", now - 2 * 86400},
        {now, "1h30m ago", now - 5400},
        {now, "90s ago", now - 90},
        {now, "20m ago", now - 1200},
        {now, "1d2h3m4s ago", now - (86400 + 7200 + 180 + 4)},
        {now, "366d ago", now - 366 * 86400},
        {now, "3H AGO", now - 3 * 3600},
        {now, "3h \t ago", now - 3 * 3600},
        /* The export's own form (RFC 3339), so a time copied from it works. */
        {now, "2026-11-20T14:30:00+01:00", utc(2026, 11, 20, 13, 30)},
        {now, "2026-11-20T14:30:00Z", utc(2026, 11, 20, 14, 30)},
        {now, "2026-11-20T14:30:07z", utc(2026, 11, 20, 14, 30) + 7},
        {now, "2026-11-20 14:30:59-05:30", utc(2026, 11, 20, 20, 0) + 59},
        {now, "2026-11-20T14:30:07", utc(2026, 11, 20, 14, 30) + 7},
        {now, "2026-11-20T00:30:00+01:00", utc(2026, 11, 19, 23, 30)},
    };
    (void)state;
    set_tz("UTC");
    run_when_cases(cases, N(cases));
}

static void test_forms_berlin(void **state)
{
    const int64_t now = cet(2026, 11, 20, 14, 30) + 15;
    const struct when_case cases[] = {
        {now, "now", now},
        {now, "today", cet(2026, 11, 20, 0, 0)},
        {now, "yesterday", cet(2026, 11, 19, 0, 0)},
        {now, "14:30", cet(2026, 11, 20, 14, 30)},
        {now, "today 23:59", cet(2026, 11, 20, 23, 59)},
        {now, "yesterday 9:00", cet(2026, 11, 19, 9, 0)},
        {now, "2026-11-20 14:30", cet(2026, 11, 20, 14, 30)},
        {now, "2026-07-01 12:00", cest(2026, 7, 1, 12, 0)},
        {now, "2026-07-01", cest(2026, 7, 1, 0, 0)},
        {now, "1970-01-01", -3600},
        {now, "3h ago", now - 3 * 3600},
        /* An offset decides, not the zone; without one the time is local. */
        {now, "2026-07-01T12:00:00+00:00", cest(2026, 7, 1, 14, 0)},
        {now, "2026-07-01T12:00:30", cest(2026, 7, 1, 12, 0) + 30},
    };
    (void)state;
    set_tz("Europe/Berlin");
    run_when_cases(cases, N(cases));
}

/* ---- daylight saving time in Europe/Berlin -------------------------------- */

static void test_dst_spring_gap_refused(void **state)
{
    /* 2026-03-29: clocks go from 02:00 CET straight to 03:00 CEST. */
    const int64_t on_day = cest(2026, 3, 29, 12, 0);
    const int64_t day_after = cest(2026, 3, 30, 12, 0);
    const char *gap[] = {"2026-03-29 02:30", "2026-03-29 02:00", "2026-03-29T02:59"};
    size_t i;
    (void)state;
    set_tz("Europe/Berlin");
    for (i = 0; i < N(gap); i++)
        expect_when_refused(gap[i], on_day, "does not exist on 2026-03-29 (clock change)");
    expect_when_refused("2:30", on_day, "02:30 does not exist");
    expect_when_refused("today 2:30", on_day, "clock change");
    expect_when_refused("yesterday 2:15", day_after, "02:15 does not exist on 2026-03-29");
    /* Either side of the gap exists. */
    expect_when("2026-03-29 01:59", on_day, cet(2026, 3, 29, 1, 59));
    expect_when("2026-03-29 03:00", on_day, cest(2026, 3, 29, 3, 0));
    expect_when("2026-03-29", on_day, cet(2026, 3, 29, 0, 0));
}

/* Pushes glibc's mktime offset cache towards one side, so a resolver that
 * relies on tm_isdst = -1 alone would give a history-dependent answer. */
static void prime_mktime(int month)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = 15;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    assert_true(mktime(&tm) != (time_t)-1);
}

static void test_dst_autumn_takes_first(void **state)
{
    /* 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00-02:59 happens twice. */
    const int64_t now = cet(2026, 10, 26, 12, 0);
    const int64_t first = cest(2026, 10, 25, 2, 30);
    char iso[64];
    (void)state;
    set_tz("Europe/Berlin");
    prime_mktime(12);
    expect_when("2026-10-25 02:30", now, first);
    prime_mktime(7);
    expect_when("2026-10-25 02:30", now, first);
    prime_mktime(12);
    expect_when("yesterday 2:00", now, cest(2026, 10, 25, 2, 0));
    expect_when("2026-10-25 02:59", now, cest(2026, 10, 25, 2, 59));
    expect_when("2026-10-25 03:00", now, cet(2026, 10, 25, 3, 0));
    expect_when("2026-10-25 01:59", now, cest(2026, 10, 25, 1, 59));
    /* The two occurrences share the wall clock and differ in the offset. */
    when_format_iso(first, iso, sizeof iso);
    assert_string_equal(iso, "2026-10-25T02:30:00+02:00");
    when_format_iso(first + 3600, iso, sizeof iso);
    assert_string_equal(iso, "2026-10-25T02:30:00+01:00");
}

static void test_dst_relative_days(void **state)
{
    /* 00:30 on the day after the spring change: now - 86400 would land on
     * 2026-03-28, but yesterday is 2026-03-29. */
    const int64_t spring = cest(2026, 3, 30, 0, 30);
    const int64_t autumn = cet(2026, 10, 26, 0, 30);
    (void)state;
    set_tz("Europe/Berlin");
    expect_when("yesterday 9:00", spring, cest(2026, 3, 29, 9, 0));
    expect_when("yesterday", spring, cet(2026, 3, 29, 0, 0));
    expect_when("today", spring, cest(2026, 3, 30, 0, 0));
    expect_when("yesterday 9:00", autumn, cet(2026, 10, 25, 9, 0));
    expect_when("yesterday", autumn, cest(2026, 10, 25, 0, 0));
    expect_when("yesterday 23:30", autumn, cet(2026, 10, 25, 23, 30));
}

/* The end of a period: a date alone is its last second, on days of 23
 * and 25 hours too; a time of day is kept. */
static void test_parse_end(void **state)
{
    const int64_t now = cet(2026, 11, 30, 12, 0);
    int64_t t = 0;
    char err[256];
    (void)state;
    set_tz("Europe/Berlin");
    assert_int_equal(when_parse_end("2026-11-20", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cet(2026, 11, 21, 0, 0) - 1);
    assert_int_equal(when_parse_end("2026-03-29", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cest(2026, 3, 30, 0, 0) - 1); /* 23 hours */
    assert_int_equal(when_parse_end("2026-10-25", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cet(2026, 10, 26, 0, 0) - 1); /* 25 hours */
    assert_int_equal(when_parse_end("today", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cet(2026, 12, 1, 0, 0) - 1);
    assert_int_equal(when_parse_end("yesterday", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cet(2026, 11, 30, 0, 0) - 1);
    assert_int_equal(when_parse_end("2026-11-20 23:00", now, &t, err, sizeof err), 0);
    assert_int_equal(t, cet(2026, 11, 20, 23, 0));
    assert_int_equal(when_parse_end("now", now, &t, err, sizeof err), 0);
    assert_int_equal(t, now);
    assert_int_equal(when_parse_end("2d ago", now, &t, err, sizeof err), 0);
    assert_int_equal(t, now - 2 * 86400);
    assert_int_equal(when_parse_end("2026-11-31", now, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "no such date"));
}

static void test_dst_ago_is_exact(void **state)
{
    /* "1d ago" is 86400 s, not "same wall time yesterday": across the
     * spring change the wall clock shows 11:00, not 12:00. */
    const int64_t now = cest(2026, 3, 29, 12, 0);
    int64_t t = 0;
    char err[ERRLEN] = "", buf[WHEN_FMT_LEN];
    (void)state;
    set_tz("Europe/Berlin");
    assert_int_equal(when_parse("1d ago", now, &t, err, sizeof err), 0);
    assert_true(now - t == 86400);
    when_format(t, buf, sizeof buf);
    assert_string_equal(buf, "2026-03-28 11:00");
    expect_when("24h ago", now, now - 86400);
    expect_when("2d ago", cet(2026, 10, 26, 12, 0), cet(2026, 10, 26, 12, 0) - 172800);
}

static void test_day_start(void **state)
{
    (void)state;
    set_tz("UTC");
    assert_true(when_day_start(utc(2026, 11, 20, 23, 59) + 59) == utc(2026, 11, 20, 0, 0));
    assert_true(when_day_start(utc(2026, 11, 20, 0, 0)) == utc(2026, 11, 20, 0, 0));
    set_tz("Europe/Berlin");
    assert_true(when_day_start(cet(2026, 11, 20, 0, 0) - 1) == cet(2026, 11, 19, 0, 0));
    assert_true(when_day_start(cet(2026, 11, 20, 0, 0)) == cet(2026, 11, 20, 0, 0));
    /* The change days last 23 and 25 hours. */
    assert_true(when_day_start(cest(2026, 3, 30, 12, 0)) -
                    when_day_start(cest(2026, 3, 29, 12, 0)) == 23 * 3600);
    assert_true(when_day_start(cet(2026, 10, 26, 12, 0)) -
                    when_day_start(cet(2026, 10, 25, 12, 0)) == 25 * 3600);
}

/* Local day numbers: equal within a local day, one apart across each
 * midnight, also across the 23- and 25-hour days, checked against
 * days_from_civil. */
/* The span of a day holds t, lies inside t's local day, and is the whole
 * day on ordinary days; checked every 7 minutes over two years in Berlin
 * (both DST changes each year) and in UTC. */
static void test_local_day_span(void **state)
{
    static const char *const zones[] = {"Europe/Berlin", "UTC", "America/St_Johns"};
    (void)state;
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_tz(zones[z]);
        int whole = 0, partial = 0;
        for (int64_t t = utc(2025, 1, 1, 0, 0); t < utc(2027, 1, 1, 0, 0); t += 7 * 60 + 13) {
            struct when_day_span span = {0};
            int64_t day = when_local_day_span(t, &span);
            assert_true(day == when_local_day(t) && span.day == day);
            assert_true(span.from <= t && t < span.to);
            assert_true(when_local_day(span.from) == day && when_local_day(span.to - 1) == day);
            if (span.to - span.from == 86400)
                whole++;
            else
                partial++;
        }
        /* only the days of a clock change may fall back to t alone */
        assert_true(whole > 100 * partial);
    }
}

/* A span carried from call to call, as the flags and the report keep
 * theirs: after a whole day, the next one is taken from it with one
 * check. Every 5 to 41 hours over two years (a day skipped or not, the
 * clock changes and Havana's at midnight among them), each day and span
 * is the one worked out afresh. */
static void test_local_day_span_carried(void **state)
{
    static const char *const zones[] = {"Europe/Berlin", "America/Havana", "Australia/Lord_Howe"};
    (void)state;
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_tz(zones[z]);
        struct when_day_span carried = {0};
        int next_day = 0;
        unsigned x = 7;
        for (int64_t t = utc(2025, 1, 1, 0, 0); t < utc(2027, 1, 1, 0, 0);) {
            struct when_day_span fresh = {0};
            int64_t was = carried.day, day = when_local_day_span(t, &carried);
            assert_true(day == when_local_day_span(t, &fresh) && day == when_local_day(t));
            assert_true(carried.from == fresh.from && carried.to == fresh.to);
            next_day += day == was + 1;
            x = x * 1103515245u + 12345u;
            t += 5 * 3600 + (int64_t)((x >> 8) % (36 * 3600));
        }
        assert_true(next_day > 100); /* the carried path ran */
    }
}

static void test_local_day(void **state)
{
    (void)state;
    set_tz("UTC");
    assert_true(when_local_day(utc(2026, 11, 20, 0, 0)) == days_from_civil(2026, 11, 20));
    assert_true(when_local_day(utc(2026, 11, 20, 23, 59) + 59) == days_from_civil(2026, 11, 20));
    assert_true(when_local_day(0) == 0);
    assert_true(when_local_day(-1) == -1);
    set_tz("Europe/Berlin");
    assert_true(when_local_day(cet(2026, 11, 20, 0, 0)) == days_from_civil(2026, 11, 20));
    assert_true(when_local_day(cet(2026, 11, 20, 0, 0) - 1) == days_from_civil(2026, 11, 19));
    /* 23 h 59 m after 00:00 on the short day is the next day already. */
    assert_true(when_local_day(cet(2026, 3, 29, 0, 0) + 23 * 3600) == days_from_civil(2026, 3, 30));
    assert_true(when_local_day(cest(2026, 3, 29, 23, 59)) == days_from_civil(2026, 3, 29));
    /* 24 h after 00:30 on the long day is still that day. */
    assert_true(when_local_day(cest(2026, 10, 25, 0, 30) + 86400) == days_from_civil(2026, 10, 25));
    assert_true(when_local_day(cet(2026, 10, 26, 0, 0)) == days_from_civil(2026, 10, 26));
}

/* Where midnight itself is skipped (Sao Paulo, 2018-11-04 00:00 -> 01:00),
 * a date alone means the start of that day, not an error. */
static void test_day_start_midnight_gap(void **state)
{
    const int64_t one_am = utc(2018, 11, 4, 3, 0); /* 01:00 -02:00 */
    (void)state;
    set_tz("America/Sao_Paulo");
    assert_true(when_day_start(one_am + 3600) == one_am);
    expect_when("2018-11-04", one_am + 3600, one_am);
    expect_when("today", one_am + 3600, one_am);
    expect_when_refused("2018-11-04 00:30", one_am, "does not exist on 2018-11-04");
}

/* The local date of t as y*10000 + m*100 + d. */
static long local_ymd(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    assert_non_null(localtime_r(&tt, &tm));
    return (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100L + tm.tm_mday;
}

/* Every day of two years in zones with clock changes at or near midnight
 * (Havana and Sao Paulo at 00:00, Apia skipping a whole day, Lord Howe's
 * half hour, Berlin's 02:00): when_day_start gives an instant of that
 * day whose second before is not, and no instant of the 30 hours before
 * it (every 15 minutes, where clocks change) falls on that day. */
static void test_day_start_every_day(void **state)
{
    static const struct {
        const char *tz;
        int64_t from; /* noon UTC of the first day */
    } zones[] = {{"America/Havana", 1293883200}, /* 2011-01-01 */
                 {"America/Sao_Paulo", 1514808000}, /* 2018-01-01 */
                 {"Pacific/Apia", 1293883200},
                 {"Australia/Lord_Howe", 1767268800}, /* 2026-01-01 */
                 {"Europe/Berlin", 1767268800}};
    (void)state;
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_tz(zones[z].tz);
        for (int d = 0; d < 730; d++) {
            int64_t t = zones[z].from + d * 86400LL, start = when_day_start(t);
            long day = local_ymd(t);
            if (local_ymd(start) != day || local_ymd(start - 1) >= day)
                fail_msg("%s, day of %" PRId64 ": %" PRId64 " is not its start", zones[z].tz, t,
                         start);
            for (int64_t u = start - 30 * 3600; u < start; u += 900)
                if (local_ymd(u) == day)
                    fail_msg("%s: %" PRId64 " falls on the day that starts at %" PRId64,
                             zones[z].tz, u, start);
        }
    }
    set_tz("UTC");
}

/* Lord Howe Island shifts by 30 minutes, so the hour alone cannot tell a
 * skipped time from a real one, and the offset has minutes. */
static void test_half_hour_shift(void **state)
{
    const int64_t now = utc(2026, 10, 10, 0, 0);
    char iso[WHEN_FMT_LEN];
    (void)state;
    set_tz("Australia/Lord_Howe");
    expect_when_refused("2026-10-04 02:15", now, "02:15 does not exist on 2026-10-04");
    expect_when_refused("2026-10-04 02:00", now, "clock change");
    expect_when("2026-10-04 02:30", now, utc(2026, 10, 3, 15, 30));
    expect_when("2026-10-04 01:59", now, utc(2026, 10, 3, 15, 29));
    /* 01:30-01:59 on 2026-04-05 happens twice; the first is at +11:00. */
    expect_when("2026-04-05 01:45", now, utc(2026, 4, 4, 14, 45));
    when_format_iso(utc(2026, 10, 3, 15, 29), iso, sizeof iso);
    assert_string_equal(iso, "2026-10-04T01:59:00+10:30");
    set_tz("America/Sao_Paulo");
    when_format_iso(utc(2018, 11, 4, 3, 0), iso, sizeof iso);
    assert_string_equal(iso, "2018-11-04T01:00:00-02:00");
}

/* ---- refused input ---------------------------------------------------------- */

#define FORMS "use now, today, yesterday [HH:MM], YYYY-MM-DD [HH:MM], HH:MM, or DUR ago"

struct bad_case {
    const char *text;
    const char *fragment; /* part of the message that names the problem */
};

static void test_when_refused(void **state)
{
    const int64_t now = utc(2026, 11, 20, 14, 30);
    const struct bad_case cases[] = {
        {"tomorrow-ish", FORMS},
        {"tomorrow", FORMS},
        {"", FORMS},
        {"   ", FORMS},
        {"2026-13-01", "no such date"},
        {"2026-00-10", "no such date"},
        {"2026-02-30", "no such date"},
        {"2026-04-31", "no such date"},
        {"2026-02-29", "no such date"},
        {"2026-11-00", "no such date"},
        {"24:00", "no such time of day"},
        {"12:60", "no such time of day"},
        {"today 25:00", "no such time of day"},
        {"2026-11-20 23:60", "no such time of day"},
        {"1969-12-31", "year must be 1970 to 2100"},
        {"2101-01-01", "year must be 1970 to 2100"},
        {"0000-01-01", "year must be"},
        {"-3h ago", FORMS},
        {"3h", FORMS},
        {"ago", FORMS},
        {"3h agox", FORMS},
        {"3 h ago", FORMS},
        {"3hago", FORMS},
        {"0m ago", "more than 0"},
        {"367d ago", "at most 366d"},
        {"99999999999999d ago", "at most 366d"},
        {"30m1h ago", "biggest first"},
        {"2026-11-20 14:30x", FORMS},
        {"2026-11-20 14:30 +01:00", FORMS},
        {"2026-11-20T14:30:00+1:00", FORMS},
        {"2026-11-20T14:30:00+01", FORMS},
        {"2026-11-20T14:30:00+24:00", FORMS},
        {"2026-11-20T14:30:0", FORMS},
        {"2026-11-20T14:30:60", "no such time of day"},
        {"2026-11-20T14:30:00ZZ", FORMS},
        {"today 14:30:00", FORMS},
        {"14:30Z", FORMS},
        {"2026-11-20T", FORMS},
        {"2026-11-20 14:3", FORMS},
        {"2026-1-5", FORMS},
        {"20261120", FORMS},
        {"14:30:00", FORMS},
        {"123:00", FORMS},
        {"12:5", FORMS},
        {"now now", FORMS},
        {"nowish", FORMS},
        {"yesterday9:00", FORMS},
        {"yesterday 9", FORMS},
        {"today at 9:00", FORMS},
        {"1e3s ago", FORMS},
        {"\xef\xbc\x91\xef\xbc\x92:00", FORMS}, /* fullwidth digits 12:00 */
    };
    size_t i;
    (void)state;
    set_tz("UTC");
    for (i = 0; i < N(cases); i++)
        expect_when_refused(cases[i].text, now, cases[i].fragment);
}

/* A `now` that localtime cannot represent, or that "ago" would overflow. */
static void test_when_absurd_now(void **state)
{
    (void)state;
    set_tz("UTC");
    expect_when_refused("today", INT64_MAX, "out of range");
    expect_when_refused("14:30", INT64_MAX, "out of range");
    expect_when_refused("1s ago", INT64_MIN, "out of range");
    expect_when("now", INT64_MAX, INT64_MAX);
    expect_when("1s ago", INT64_MIN + 1, INT64_MIN);
}

static void test_message_edges(void **state)
{
    char err[ERRLEN], small[10], longin[300];
    int64_t out = SENTINEL;
    (void)state;
    set_tz("UTC");
    /* Long input is cut and marked, the line stays bounded. */
    memset(longin, 'x', sizeof longin - 1);
    longin[sizeof longin - 1] = '\0';
    assert_int_equal(when_parse(longin, 0, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "\"xxxxxxxxxxxxxxxxxxxx"));
    assert_non_null(strstr(err, "...\""));
    assert_true(strlen(err) < 200);
    /* Control bytes never reach the terminal. */
    assert_int_equal(when_parse("a\nb\033c", 0, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "\"a?b?c\""));
    assert_null(strchr(err, '\033'));
    /* Nor do C1 controls, bidi overrides or zero-width characters. */
    assert_int_equal(when_parse("a\xC2\x9B" "b\xE2\x80\xAE" "c\xE2\x80\x8B" "d\xC3\xA9", 0, &out,
                                err, sizeof err), -1);
    assert_non_null(strstr(err, "\"a?b?c?d\xC3\xA9\""));
    /* A short buffer is filled and terminated, not overrun. */
    memset(small, 'Z', sizeof small);
    assert_int_equal(when_parse("bogus", 0, &out, small, sizeof small), -1);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(when_parse_duration("bogus", &out, small, sizeof small), -1);
    assert_int_equal(strlen(small), sizeof small - 1);
    /* No buffer at all, or no text, is still just an error. */
    assert_int_equal(when_parse("bogus", 0, &out, NULL, 0), -1);
    assert_int_equal(when_parse(NULL, 0, &out, err, sizeof err), -1);
    assert_int_equal(when_parse_duration(NULL, &out, err, sizeof err), -1);
    assert_true(out == SENTINEL);
}

/* ---- durations ---------------------------------------------------------------- */

struct dur_case {
    const char *text;
    int64_t secs;
};

static void test_duration_accepted(void **state)
{
    const struct dur_case cases[] = {
        {"90s", 90},
        {"20m", 1200},
        {"3h", 10800},
        {"2d", 172800},
        {"1h30m", 5400},
        {"1d2h3m4s", 93784},
        {"1d4s", 86404},
        {"2h0m", 7200},
        {"0h30m", 1800},
        {"007m", 420},
        {"1H30M", 5400},
        {" 3h\n", 10800},
        {"1s", 1},
        {"366d", WHEN_DUR_MAX},
        {"8784h", WHEN_DUR_MAX},
        {"31622400s", WHEN_DUR_MAX},
        {"365d23h59m60s", WHEN_DUR_MAX},
    };
    size_t i;
    (void)state;
    for (i = 0; i < N(cases); i++) {
        char err[ERRLEN] = "";
        int64_t got = SENTINEL;
        if (when_parse_duration(cases[i].text, &got, err, sizeof err) != 0)
            fail_msg("when_parse_duration(\"%s\") refused: %s", cases[i].text, err);
        if (got != cases[i].secs)
            fail_msg("when_parse_duration(\"%s\") = %" PRId64 ", want %" PRId64, cases[i].text,
                     got, cases[i].secs);
    }
}

#define DFORMS "use e.g. 90s, 20m, 3h, 2d, 1h30m"

static void test_duration_refused(void **state)
{
    const struct bad_case cases[] = {
        {"", DFORMS},
        {"  ", DFORMS},
        {"x", DFORMS},
        {"20", DFORMS},
        {"h", DFORMS},
        {"1x", DFORMS},
        {"1 h", DFORMS},
        {"1h 30m", DFORMS},
        {"1.5h", DFORMS},
        {"-5m", DFORMS},
        {"+5m", DFORMS},
        {"1h30", DFORMS},
        {"1hm", DFORMS},
        {"3h ago", DFORMS},
        {"20min", DFORMS},
        {"0m", "more than 0"},
        {"0s", "more than 0"},
        {"0h0m", "more than 0"},
        {"30m1h", "biggest first"},
        {"1h1h", "biggest first"},
        {"1s1m", "biggest first"},
        {"366d1s", "at most 366d"},
        {"367d", "at most 366d"},
        {"8785h", "at most 366d"},
        {"31622401s", "at most 366d"},
        {"99999999999999d", "at most 366d"},
        {"99999999999999999999999999999s", "at most 366d"},
        {"18446744073709551676s", "at most 366d"}, /* 2^64 + 60: must not wrap to 60 */
        {"9223372036854775868s", "at most 366d"},  /* 2^63 + 60 */
    };
    size_t i;
    (void)state;
    for (i = 0; i < N(cases); i++)
        expect_dur_refused(cases[i].text, cases[i].fragment);
}

/* ---- formatting ------------------------------------------------------------- */

struct fmt_case {
    const char *tz;
    int64_t t;
    const char *plain;
    const char *iso;
};

static void test_format(void **state)
{
    const struct fmt_case cases[] = {
        {"UTC", utc(2026, 11, 20, 14, 30), "2026-11-20 14:30", "2026-11-20T14:30:00+00:00"},
        {"UTC", 0, "1970-01-01 00:00", "1970-01-01T00:00:00+00:00"},
        {"UTC", utc(2026, 12, 31, 23, 59) + 59, "2026-12-31 23:59", "2026-12-31T23:59:59+00:00"},
        {"Europe/Berlin", cet(2026, 11, 20, 14, 30), "2026-11-20 14:30",
         "2026-11-20T14:30:00+01:00"},
        {"Europe/Berlin", cest(2026, 7, 1, 9, 5) + 7, "2026-07-01 09:05",
         "2026-07-01T09:05:07+02:00"},
        {"Europe/Berlin", cet(2027, 1, 1, 0, 0), "2027-01-01 00:00", "2027-01-01T00:00:00+01:00"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < N(cases); i++) {
        char plain[WHEN_FMT_LEN], iso[WHEN_FMT_LEN];
        set_tz(cases[i].tz);
        when_format(cases[i].t, plain, sizeof plain);
        when_format_iso(cases[i].t, iso, sizeof iso);
        assert_string_equal(plain, cases[i].plain);
        assert_string_equal(iso, cases[i].iso);
    }
}

static void test_format_short_buffer(void **state)
{
    char buf[8];
    (void)state;
    set_tz("UTC");
    memset(buf, 'Z', sizeof buf);
    when_format(utc(2026, 11, 20, 14, 30), buf, 5);
    assert_true(strlen(buf) < 5);
    assert_int_equal(buf[5], 'Z');
    memset(buf, 'Z', sizeof buf);
    when_format_iso(utc(2026, 11, 20, 14, 30), buf, 5);
    assert_true(strlen(buf) < 5);
    assert_int_equal(buf[5], 'Z');
    memset(buf, 'Z', sizeof buf);
    when_format_duration(187200, buf, 3);
    assert_true(strlen(buf) < 3);
    assert_int_equal(buf[3], 'Z');
}

static void test_format_duration(void **state)
{
    const struct dur_case cases[] = {
        {"45s", 45},
        {"20m", 1200},
        {"1h30m", 5400},
        {"3h", 10800},
        {"2d4h", 187200},
        {"1m30s", 90},
        {"0s", 0},
        {"0s", -5},
        {"0s", INT64_MIN},
        {"1s", 1},
        {"1m", 60},
        {"1m1s", 61},
        {"59m59s", 3599},
        {"1h", 3600},
        {"1h1m", 3661},  /* two units: the seconds are dropped */
        {"1d", 86460},   /* 1d0h1m: only adjacent units, rounded down */
        {"1d1h", 90061},
        {"23h59m", 86399},
        {"366d", WHEN_DUR_MAX},
        {"106751991167300d15h", INT64_MAX},
    };
    size_t i;
    (void)state;
    for (i = 0; i < N(cases); i++) {
        char buf[64];
        when_format_duration(cases[i].secs, buf, sizeof buf);
        if (strcmp(buf, cases[i].text) != 0)
            fail_msg("when_format_duration(%" PRId64 ") = \"%s\", want \"%s\"", cases[i].secs,
                     buf, cases[i].text);
    }
}

/* ---- round trips --------------------------------------------------------------- */

/* Every minute-aligned instant formats to text that parses back to it,
 * except the second pass through the repeated autumn hour, which the
 * offset-less format cannot tell from the first. */
static void roundtrip_year(const char *tz, int64_t repeated_from)
{
    int64_t t;
    set_tz(tz);
    for (t = utc(2025, 12, 31, 0, 0); t < utc(2027, 1, 2, 0, 0); t += 3 * 3600 + 17 * 60) {
        char buf[WHEN_FMT_LEN], err[ERRLEN] = "";
        int64_t back = SENTINEL;
        int64_t want = t >= repeated_from && t < repeated_from + 3600 ? t - 3600 : t;
        when_format(t, buf, sizeof buf);
        if (when_parse(buf, t, &back, err, sizeof err) != 0)
            fail_msg("%s: \"%s\" refused: %s", tz, buf, err);
        if (back != want)
            fail_msg("%s: %" PRId64 " -> \"%s\" -> %" PRId64, tz, t, buf, back);
    }
}

static void test_roundtrip_when(void **state)
{
    const int64_t second_pass = cet(2026, 10, 25, 2, 0);
    char buf[WHEN_FMT_LEN];
    (void)state;
    roundtrip_year("UTC", INT64_MIN);
    roundtrip_year("Europe/Berlin", second_pass);
    /* The stride above does not land on the change days' edges; pin them. */
    set_tz("Europe/Berlin");
    when_format(second_pass + 1800, buf, sizeof buf);
    assert_string_equal(buf, "2026-10-25 02:30");
    expect_when(buf, 0, second_pass - 1800);
    when_format(cest(2026, 3, 29, 3, 0), buf, sizeof buf);
    assert_string_equal(buf, "2026-03-29 03:00");
    expect_when(buf, 0, cest(2026, 3, 29, 3, 0));
    when_format(cet(2026, 3, 29, 1, 59), buf, sizeof buf);
    expect_when(buf, 0, cet(2026, 3, 29, 1, 59));
}

static void test_roundtrip_duration(void **state)
{
    const int64_t exact[] = {1, 45, 59, 60, 90, 1200, 3599, 3600, 5400, 10800, 86340,
                             86400, 187200, WHEN_DUR_MAX - 3600, WHEN_DUR_MAX};
    size_t i;
    int64_t d;
    (void)state;
    for (i = 0; i < N(exact); i++) {
        char buf[64], err[ERRLEN] = "";
        int64_t back = SENTINEL;
        when_format_duration(exact[i], buf, sizeof buf);
        assert_int_equal(when_parse_duration(buf, &back, err, sizeof err), 0);
        assert_true(back == exact[i]);
    }
    /* Any duration: what comes back is rounded down and formats the same. */
    for (d = 1; d <= WHEN_DUR_MAX; d += 7919) {
        char buf[64], again[64], err[ERRLEN] = "";
        int64_t back = SENTINEL;
        when_format_duration(d, buf, sizeof buf);
        if (when_parse_duration(buf, &back, err, sizeof err) != 0)
            fail_msg("\"%s\" refused: %s", buf, err);
        assert_true(back > 0 && back <= d);
        when_format_duration(back, again, sizeof again);
        assert_string_equal(again, buf);
    }
}

/* ---- whole-day periods --------------------------------------------------- */

/* Day of the week of a day count from 1970-01-01 (a Thursday); 0 = Sunday. */
static int weekday(int64_t days)
{
    return (int)(((days + 4) % 7 + 7) % 7);
}

/* Day count of the last Sunday of month m of y (EU clock changes). */
static int64_t last_sunday(int y, int m)
{
    int64_t last = days_from_civil(y + (m == 12), m == 12 ? 1 : m + 1, 1) - 1;
    return last - weekday(last);
}

/* The year of day count d (d >= 0). */
static int year_of(int64_t d)
{
    int y = 1970;
    while (days_from_civil(y + 1, 1, 1) <= d)
        y++;
    return y;
}

/* Berlin's midnight of day count d in year y: CEST on the days after the
 * last Sunday of March (which still starts in CET: the clocks change at
 * 02:00) up to the last Sunday of October (which starts in CEST). */
static int64_t berlin_midnight(int y, int64_t d)
{
    int summer = d > last_sunday(y, 3) && d <= last_sunday(y, 10);
    return d * 86400 - (summer ? 7200 : 3600);
}

static void test_days_start(void **state)
{
    const int64_t now = utc(2026, 11, 18, 11, 6) + 40, today = utc(2026, 11, 18, 0, 0);
    (void)state;
    set_tz("UTC");
    assert_true(when_days_start(now, 90) == today - 89 * 86400);
    assert_true(when_days_start(now, 1) == today);
    assert_true(when_days_start(now, 0) == today);
    set_tz("Europe/Berlin");
    /* 90 days including today start at midnight 89 days before today. */
    assert_true(when_days_start(cest(2026, 6, 15, 9, 30), 90) == cet(2026, 3, 18, 0, 0));
    assert_true(when_days_start(cest(2026, 6, 15, 9, 30), 1) == cest(2026, 6, 15, 0, 0));
    assert_true(when_days_start(cest(2026, 6, 15, 9, 30), 0) == cest(2026, 6, 15, 0, 0));
    assert_true(when_days_start(cest(2026, 6, 15, 9, 30), -7) == cest(2026, 6, 15, 0, 0));
    /* Across the spring change (2026-03-29, 23 hours) and the autumn one
     * (2026-10-25, 25 hours): whole calendar days, not multiples of 24 h. */
    assert_true(when_days_start(cest(2026, 3, 30, 0, 10), 2) == cet(2026, 3, 29, 0, 0));
    assert_true(when_days_start(cest(2026, 3, 30, 23, 59), 3) == cet(2026, 3, 28, 0, 0));
    assert_true(when_days_start(cet(2026, 10, 26, 0, 10), 2) == cest(2026, 10, 25, 0, 0));
    assert_true(when_days_start(cet(2026, 10, 26, 23, 59), 3) == cest(2026, 10, 24, 0, 0));
    /* Month and year ends, leap years. */
    assert_true(when_days_start(cet(2026, 3, 1, 12, 0), 2) == cet(2026, 2, 28, 0, 0));
    assert_true(when_days_start(cet(2024, 3, 1, 12, 0), 2) == cet(2024, 2, 29, 0, 0));
    assert_true(when_days_start(cet(2025, 3, 1, 12, 0), 366) == cet(2024, 3, 1, 0, 0));
    assert_true(when_days_start(cet(2026, 1, 1, 0, 30), 2) == cet(2025, 12, 31, 0, 0));
    assert_true(when_days_start(cest(2026, 5, 1, 0, 0), 31) == cest(2026, 4, 1, 0, 0));
}

/* Every day of two years, every period the report offers, at the first and
 * the last minute of the day: the oracle's Berlin midnight, and the instant
 * `--since YYYY-MM-DD` names. */
static void test_days_start_sweep(void **state)
{
    static const int periods[] = {1, 2, 30, 90, 365};
    (void)state;
    set_tz("Europe/Berlin");
    for (int64_t d = days_from_civil(2025, 1, 1); d < days_from_civil(2027, 1, 1); d++) {
        int64_t first = berlin_midnight(year_of(d), d);
        int64_t last = berlin_midnight(year_of(d + 1), d + 1) - 60;
        for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
            int64_t s = d - (periods[i] - 1);
            int64_t want = berlin_midnight(year_of(s), s);
            if (when_days_start(first, periods[i]) != want ||
                when_days_start(last, periods[i]) != want)
                fail_msg("day %" PRId64 ", %d days: want %" PRId64, d, periods[i], want);
        }
    }
}

/* ---- ISO 8601 instants (the export's times) ---------------------------- */

#define ISO_T0 1793992800LL /* 2026-11-06T19:20:00Z */

/* An instant keeps its value through any offset; TZ plays no part. */
static void test_parse_iso(void **state)
{
    static const struct {
        const char *in;
        int64_t want; /* -1: refused */
    } cases[] = {
        {"2026-11-06T19:20:00+00:00", ISO_T0},
        {"2026-11-06T19:20:00Z", ISO_T0},
        {"2026-11-06T20:20:00+01:00", ISO_T0},
        {"2026-11-06T13:50:00-05:30", ISO_T0},
        {"2024-02-29T00:00:00Z", 1709164800},
        {"1970-01-01T00:00:00Z", 0},
        {"2023-02-29T00:00:00Z", -1},
        {"2026-11-06T24:00:00Z", -1},
        {"2026-11-06T19:20:60Z", -1},
        {"2026-11-06 19:20:00Z", -1},
        {"2026-11-06T19:20:00", -1},
        {"2026-11-06T19:20:00+0100", -1},
        {"2026-11-06T19:20:00+01:00x", -1},
        {"1969-12-31T23:59:59Z", -1},
        {"2026-13-01T00:00:00Z", -1},
        {"", -1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t = -2;
        int rc = when_parse_iso(cases[i].in, &t);
        if (cases[i].want < 0) {
            assert_int_equal(rc, -1);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(t, cases[i].want);
        }
    }
}

/* Every month end of 1970..2100, read in Berlin: the instant is the civil
 * oracle's, the zone never enters. */
static void test_parse_iso_calendar(void **state)
{
    (void)state;
    set_tz("Europe/Berlin");
    for (int y = WHEN_YEAR_MIN; y <= WHEN_YEAR_MAX; y++) {
        for (int m = 1; m <= 12; m++) {
            int last = (int)(days_from_civil(y + (m == 12), m == 12 ? 1 : m + 1, 1) -
                             days_from_civil(y, m, 1));
            for (int d = last - 1; d <= last + 1; d++) {
                char text[64]; /* room for any int the compiler imagines */
                int64_t t = SENTINEL;
                snprintf(text, sizeof text, "%04d-%02d-%02dT23:59:58-01:30", y, m, d);
                int rc = when_parse_iso(text, &t);
                if (d > last) {
                    assert_int_equal(rc, -1);
                    assert_true(t == SENTINEL);
                    continue;
                }
                assert_int_equal(rc, 0);
                assert_true(t == utc(y, m, d, 23, 59) + 58 + 5400);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_utc),
        cmocka_unit_test(test_forms_berlin),
        cmocka_unit_test(test_dst_spring_gap_refused),
        cmocka_unit_test(test_dst_autumn_takes_first),
        cmocka_unit_test(test_dst_relative_days),
        cmocka_unit_test(test_dst_ago_is_exact),
        cmocka_unit_test(test_day_start),
        cmocka_unit_test(test_day_start_midnight_gap),
        cmocka_unit_test(test_day_start_every_day),
        cmocka_unit_test(test_half_hour_shift),
        cmocka_unit_test(test_when_refused),
        cmocka_unit_test(test_when_absurd_now),
        cmocka_unit_test(test_message_edges),
        cmocka_unit_test(test_duration_accepted),
        cmocka_unit_test(test_duration_refused),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_short_buffer),
        cmocka_unit_test(test_format_duration),
        cmocka_unit_test(test_roundtrip_when),
        cmocka_unit_test(test_roundtrip_duration),
        cmocka_unit_test(test_days_start),
        cmocka_unit_test(test_local_day),
        cmocka_unit_test(test_local_day_span),
        cmocka_unit_test(test_local_day_span_carried),
        cmocka_unit_test(test_days_start_sweep),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_parse_end),
        cmocka_unit_test(test_parse_iso_calendar),
    };
    return cmocka_run_group_tests_name("when", tests, NULL, NULL);
}
