/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/status.c: the line of `unknot status` from its facts, the
 * %-fields of --format, the ASCII mode and the empty line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/status.h"

/* A fixed instant; TZ=UTC (main) makes the ice clock times fixed too. */
#define NOW 1800000000 /* 2027-01-15 08:00:00 UTC */
#define H 3600

enum fact_set {
    NONE,
    ONGOING,
    ICE_WAIT,
    ICE_DONE,
    FLAGS1,
    FLAGS2,
    ALL,
    URGENT_ONLY,
    EMERG_ALL,
    WEEKLY,     /* only a weekly check-in due */
    ALL_WEEKLY, /* ALL and a weekly check-in due: the example line */
};

static struct status_facts facts(enum fact_set s)
{
    struct status_facts f = {.now = NOW, .warning = REDFLAG_CLEAR};
    int ongoing = s == ONGOING || s == ALL || s == EMERG_ALL || s == ALL_WEEKLY;
    if (ongoing) {
        f.ongoing = 1;
        f.ongoing_started_at = NOW - 2 * H - 600;
        f.ongoing_intensity = 7;
        f.ongoing_region = REGION_LOWER;
    }
    if (s == ICE_WAIT || s == ALL || s == EMERG_ALL || s == ALL_WEEKLY)
        f.ice_end = NOW - 30 * 60; /* allowed at 09:30 */
    if (s == ICE_DONE)
        f.ice_end = NOW - 2 * H;
    if (s == FLAGS1)
        f.flags = 1;
    if (s == FLAGS2 || s == ALL || s == EMERG_ALL || s == ALL_WEEKLY)
        f.flags = 2;
    f.weekly_due = s == WEEKLY || s == ALL_WEEKLY;
    if (s == URGENT_ONLY)
        f.warning = REDFLAG_URGENT;
    if (s == EMERG_ALL)
        f.warning = REDFLAG_EMERGENCY;
    return f;
}

static const struct {
    enum fact_set facts;
    const char *fmt;
    int utf8;
    const char *want;
} cases[] = {
    /* nothing to say: nothing at all, literal text included */
    {NONE, "%a", 1, ""},
    {NONE, "[%o %f]", 1, ""},
    {ICE_DONE, "%a", 1, ""},
    /* one field at a time */
    {ONGOING, "%a", 1, "ongoing 2h 7/10 lower"},
    {ICE_WAIT, "%a", 1, "ice ok from 09:30"},
    {FLAGS1, "%a", 1, "1 flag"},
    {FLAGS2, "%a", 1, "2 flags"},
    {URGENT_ONLY, "%a", 1, "URGENT: contact a doctor today"},
    {WEEKLY, "%a", 1, "weekly check-in due"},
    {WEEKLY, "%o%f", 1, ""},
    {ALL, "%c", 1, ""},
    /* the default line: fields joined, the warning first */
    {ALL, "%a", 1, "ongoing 2h 7/10 lower \xc2\xb7 ice ok from 09:30 \xc2\xb7 2 flags"},
    {ALL, "%a", 0, "ongoing 2h 7/10 lower | ice ok from 09:30 | 2 flags"},
    {ALL_WEEKLY, "%a", 1,
     "ongoing 2h 7/10 lower \xc2\xb7 ice ok from 09:30 \xc2\xb7 2 flags \xc2\xb7 weekly check-in "
     "due"},
    {ALL_WEEKLY, "%c!", 0, "weekly check-in due!"},
    {EMERG_ALL, "%a", 1,
     "EMERGENCY: seek emergency care now \xc2\xb7 ongoing 2h 7/10 lower \xc2\xb7 ice ok from "
     "09:30 \xc2\xb7 2 flags"},
    /* --format: fields in place, empty ones empty, %% and literal text */
    {ALL, "%f/%o", 1, "2 flags/ongoing 2h 7/10 lower"},
    {ALL, "%w|%i", 1, "|ice ok from 09:30"},
    {FLAGS2, "%% %f %%", 0, "% 2 flags %"},
    {ONGOING, "pain: %o", 1, "pain: ongoing 2h 7/10 lower"},
    {ALL, " [%a]", 0, " [ongoing 2h 7/10 lower | ice ok from 09:30 | 2 flags]"},
    {ALL, "", 1, ""},
};

static void test_format_table(void **state)
{
    (void)state;
    char buf[STATUS_LINE_MAX], err[128];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct status_facts f = facts(cases[i].facts);
        err[0] = '\0';
        assert_int_equal(status_format(&f, cases[i].fmt, cases[i].utf8, buf, sizeof(buf), err,
                                       sizeof(err)),
                         0);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("case %zu (%s): got \"%s\", wanted \"%s\"", i, cases[i].fmt, buf,
                     cases[i].want);
    }
}

/* The duration shrinks to its largest unit: minutes, hours, then days. */
static void test_durations(void **state)
{
    (void)state;
    static const struct {
        int64_t ago;
        const char *want;
    } d[] = {{0, "ongoing 0m 7/10 lower"},     {59 * 60, "ongoing 59m 7/10 lower"},
             {H, "ongoing 1h 7/10 lower"},     {47 * H + 3599, "ongoing 47h 7/10 lower"},
             {48 * H, "ongoing 2d 7/10 lower"}, {-60, "ongoing 0m 7/10 lower"}};
    char buf[STATUS_LINE_MAX], err[128];
    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        struct status_facts f = facts(ONGOING);
        f.ongoing_started_at = NOW - d[i].ago;
        assert_int_equal(status_format(&f, "%o", 0, buf, sizeof(buf), err, sizeof(err)), 0);
        assert_string_equal(buf, d[i].want);
    }
}

/* Ice is told only while it must wait: the last second before the gap is
 * up, not the first after. */
static void test_ice_edge(void **state)
{
    (void)state;
    char buf[STATUS_LINE_MAX], err[128];
    struct status_facts f = facts(NONE);
    f.ice_end = NOW - 2 * H + 1;
    assert_int_equal(status_format(&f, "%i", 1, buf, sizeof(buf), err, sizeof(err)), 0);
    assert_string_equal(buf, "ice ok from 08:00");
    f.ice_end = NOW - 2 * H;
    assert_int_equal(status_format(&f, "%i", 1, buf, sizeof(buf), err, sizeof(err)), 0);
    assert_string_equal(buf, "");
}

static void test_bad_formats(void **state)
{
    (void)state;
    static const char *const bad[] = {"%x", "%", "ok %", "%o %Z", "%1"};
    char buf[STATUS_LINE_MAX] = "x", err[128];
    struct status_facts f = facts(ALL);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        assert_int_equal(status_format_valid(bad[i], err, sizeof(err)), -1);
        assert_true(err[0] != '\0');
        assert_int_equal(status_format(&f, bad[i], 1, buf, sizeof(buf), err, sizeof(err)), -1);
        assert_string_equal(buf, "");
    }
    assert_int_equal(status_format_valid("%w%o%i%f%c%a%%", err, sizeof(err)), 0);
}

/* The caller reads only what the format shows; %a shows every field. */
static void test_needs(void **state)
{
    (void)state;
    assert_true(status_format_needs("%o", 'o'));
    assert_false(status_format_needs("%o", 'f'));
    assert_false(status_format_needs("%%f", 'f'));
    assert_false(status_format_needs("f w", 'w'));
    for (const char *k = "woifc"; *k; k++)
        assert_true(status_format_needs(STATUS_DEFAULT_FORMAT, *k));
    assert_true(status_format_needs("[%w %i]", 'i'));
}

/* A short buffer cuts the line and keeps it terminated. */
static void test_short_buffer(void **state)
{
    (void)state;
    char buf[8], err[128];
    struct status_facts f = facts(ALL);
    assert_int_equal(status_format(&f, "%a", 0, buf, sizeof(buf), err, sizeof(err)), 0);
    assert_string_equal(buf, "ongoing");
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_table), cmocka_unit_test(test_durations),
        cmocka_unit_test(test_ice_edge),     cmocka_unit_test(test_bad_formats),
        cmocka_unit_test(test_short_buffer), cmocka_unit_test(test_needs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
