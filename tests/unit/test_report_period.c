/* SPDX-License-Identifier: BSD-2-Clause */
/* The report's period (issue 11, deliverable 2; CONTENT.md, "Questions a
 * clinician asks"): every episode active in the period counts, also one
 * begun before it; durations say what they measure; time without an
 * episode starts at the first entry logged; a date-only --until is the
 * whole day. Driven through the CLI on a fixed clock, TZ=UTC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define NOW 1796040000LL /* 2026-11-30 12:00:00 UTC */
#include "tests/unit/cli_fixture.h"

/* A figure line of the text report: label, then value at column 44. */
static void assert_line(const char *out, int indent, const char *label, const char *value)
{
    char line[160];
    snprintf(line, sizeof line, "\n%*s%-*s%s\n", indent, "", 44 - indent, label, value);
    if (!strstr(out, line))
        fail_msg("no line \"%s\" in:\n%s", line + 1, out);
}

/* A 9-day severe spell over Nov 15-20 and a report from Nov 17: it counts,
 * marked as begun before the period, with its whole length. */
static void test_spell_begun_before_counts(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|--at|2026-11-12 08:00|--for|9d|-i|9|-r|lower"), CLI_OK);
    assert_int_equal(run(f, "report|--since|2026-11-17|--until|2026-11-20"), CLI_OK);
    assert_null(strstr(f->out, "No episodes in this period."));
    assert_line(f->out, 2, "episodes", "1");
    assert_line(f->out, 2, "began before the period", "1");
    assert_line(f->out, 4, "severe (7-10)", "1");
    assert_line(f->out, 2, "longest ended episode", "9d");
    assert_non_null(strstr(f->out, "The longest began before the period."));
    assert_non_null(strstr(f->out, "Durations are of whole episodes"));
    /* Begun in the period: none, so the rate says 0, not 1. */
    assert_line(f->out, 2, "episodes begun per week", "0.0");
}

/* One ongoing 8/10 episode from 40 days ago counts in the 30-day report. */
static void test_ongoing_from_before_counts(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|--at|40d ago|-i|8|-r|mid"), CLI_OK);
    assert_int_equal(run(f, "report|--since|30d ago"), CLI_OK);
    assert_line(f->out, 2, "episodes", "1");
    assert_line(f->out, 2, "began before the period", "1");
    assert_line(f->out, 2, "still going", "1");
    assert_line(f->out, 2, "peak intensity", "8");
    assert_line(f->out, 4, "#1 since 2026-10-21 (began before)", "40d");
    assert_non_null(strstr(f->out, "No episode of this period has ended yet."));
}

/* "Longest time without an episode" starts at the first entry logged, not
 * at the start of a period that began before anything was logged. */
static void test_free_time_starts_at_first_entry(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|--at|2026-11-20 10:00|--for|2h|-i|4|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "log|--at|2026-11-25 10:00|--for|2h|-i|4|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "report|--since|2026-09-01"), CLI_OK);
    /* Sep 1 to Nov 20 (80 days) is not known to be free: the longest is
     * Nov 25 12:00 to now, 5 days. */
    const char *free_at = strstr(f->out, "longest time without an episode\n");
    assert_non_null(free_at);
    assert_line(free_at - 1, 4, "days", "5.0");
    assert_line(free_at - 1, 4, "from", "2026-11-25 12:00");
    assert_non_null(strstr(f->out, "Counted from the first episode logged"));
    /* With an entry before the period, the period's start counts. */
    assert_int_equal(run(f, "log|--at|2026-08-01 10:00|--for|1h|-i|2|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "report|--since|2026-09-01"), CLI_OK);
    free_at = strstr(f->out, "longest time without an episode\n");
    assert_non_null(free_at);
    assert_line(free_at - 1, 4, "from", "2026-09-01 00:00");
    assert_null(strstr(f->out, "Counted from the first episode logged"));
    /* The gap between starts is between starts in the period, not from Aug 1. */
    const char *gap_at = strstr(f->out, "longest gap between starts\n");
    assert_non_null(gap_at);
    assert_line(gap_at - 1, 4, "from", "2026-11-20 10:00");
    assert_line(gap_at - 1, 4, "days", "5.0");
}

/* --until 2026-11-20 includes 23:59 of the 20th and says so; list too. */
static void test_until_date_is_the_whole_day(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|--at|2026-11-20 23:50|--for|5m|-i|5|-r|upper"), CLI_OK);
    assert_int_equal(run(f, "log|--at|2026-11-21 00:00|--for|5m|-i|5|-r|upper"), CLI_OK);
    assert_int_equal(run(f, "report|--since|2026-11-01|--until|2026-11-20"), CLI_OK);
    assert_line(f->out, 2, "from", "2026-11-01 00:00");
    assert_line(f->out, 2, "to", "2026-11-20 23:59");
    assert_line(f->out, 2, "days", "20");
    assert_line(f->out, 2, "episodes", "1");
    assert_int_equal(run(f, "report|--since|2026-11-01|--until|2026-11-20|--format|json"),
                     CLI_OK);
    assert_non_null(strstr(f->out, "\"to\": \"2026-11-20T23:59:59+00:00\""));
    /* A time of day is taken as given. */
    assert_int_equal(run(f, "report|--since|2026-11-01|--until|2026-11-20 23:00"), CLI_OK);
    assert_non_null(strstr(f->out, "No episodes in this period."));
    assert_int_equal(run(f, "list|--until|2026-11-20"), CLI_OK);
    assert_non_null(strstr(f->out, "2026-11-20 23:50"));
    assert_null(strstr(f->out, "2026-11-21 00:00"));
    assert_int_equal(run(f, "list|--until|2026-11-20 23:00"), CLI_OK);
    assert_null(strstr(f->out, "2026-11-20 23:50"));
}

/* Deliverable 4: the json names its format and version, and a key keeps
 * its type in an empty and a full report. */
static void test_json_types_are_stable(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: report never creates one */
    assert_int_equal(run(f, "report|--format|json"), CLI_OK);
    static const char opening[] = "{\n  \"format\": \"unknot-report\",\n  \"version\": 2,\n";
    assert_true(strncmp(f->out, opening, sizeof opening - 1) == 0);
    assert_non_null(strstr(f->out, "\"median_s\": null"));
    assert_non_null(strstr(f->out, "\"longest_s\": null"));
    assert_non_null(strstr(f->out, "\"ongoing\": []"));
    assert_int_equal(run(f, "log|--at|2026-11-20 10:00|--for|2h|-i|4|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "report|--format|json"), CLI_OK);
    /* One episode: no gap, said in words, and still an object. */
    assert_non_null(strstr(f->out, "\"gap_summary\": \"Only one episode"));
    assert_non_null(strstr(f->out, "\"longest_gap\": {}"));
    /* No tags: an empty list beside the sentence, not a string in its place. */
    assert_non_null(strstr(f->out, "\"symptoms_summary\": \"No symptoms recorded.\""));
    assert_non_null(strstr(f->out, "\"symptoms\": []"));
    assert_int_equal(run(f, "log|--at|2026-11-29 10:00|-i|6|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "report|--format|json"), CLI_OK);
    assert_non_null(strstr(f->out, "\"median_s\": 7200"));
    assert_non_null(strstr(f->out, "\"ongoing\": [\n      {\n        \"id\": 2,"));
    assert_non_null(strstr(f->out, "\"longest_gap\": {\n"));
    assert_null(strstr(f->out, "episode_2_"));
    assert_int_equal(run(f, "report|--format|csv"), CLI_OK);
    assert_non_null(strstr(f->out, "report,format,format,unknot-report\r\n"
                                   "report,version,version,2\r\n"));
    assert_non_null(strstr(f->out, "duration,duration.ongoing[0].id,"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_spell_begun_before_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ongoing_from_before_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_time_starts_at_first_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_until_date_is_the_whole_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_types_are_stable, setup, teardown),
    };
    return cmocka_run_group_tests_name("report_period", tests, NULL, NULL);
}
