/* SPDX-License-Identifier: BSD-2-Clause */
/* The visit brief (issue 15): each headline figure of a hand-built
 * history against hand-computed values, for the period and the previous
 * period of the same length; --omit; the formats. Driven through the CLI
 * on a fixed clock, TZ=UTC, so the store's feed is the one under test. */
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

/* The period: Nov 1-30 (30 days, to now); the previous: Oct 2-31. */
static const char *const history[] = {
    /* before both periods: must count in neither */
    "log|--at|2026-10-01 10:00|--for|1h|-i|10|-r|lower",
    /* the previous period */
    "log|--at|2026-10-05 10:00|--for|30m|-i|4|-r|lower",
    "log|--at|2026-10-20 10:00|--for|90m|-i|5|-r|lower|--note|previous-note-word",
    "weekly|--at|2026-10-15 09:00|--pain|2|--enjoyment|2|--activity|2",
    "checkin|--at|2026-10-06 20:00|--pain|3|--activities|yes|--woken",
    /* the period */
    "log|--at|2026-11-02 10:00|--for|2h|-i|6|-r|lower|--trigger|lifting|--note|alpha note",
    "log|--at|2026-11-10 23:00|--for|2h|-i|8|-r|lower|--trigger|lifting|--trigger|stress|"
    "--note|bravo uniqueword",
    "pain|9|--at|2026-11-11 00:30|--episode|5",
    "log|--at|2026-11-20 09:00|--for|1h|-i|3|-r|lower|--trigger|stress",
    "weekly|--at|2026-11-08 09:00|--pain|4|--enjoyment|5|--activity|6",
    "weekly|--at|2026-11-22 09:00|--pain|6|--enjoyment|6|--activity|7",
    "checkin|--at|2026-11-03 20:00|--pain|5|--activities|no|--woken",
    "checkin|--at|2026-11-04 20:00|--pain|4|--activities|partly|--not-woken",
    "checkin|--at|2026-11-12 20:00|--pain|6|--activities|no|--woken",
    "took|ibuprofen 400 mg|--at|2026-11-02 11:00|--before|6|--helped|4",
    "took|ibuprofen 400 mg|--at|2026-11-02 18:00",
    "took|ibuprofen 400 mg|--at|2026-11-11 01:00",
};

static void load(struct fixture *f)
{
    for (size_t i = 0; i < sizeof history / sizeof history[0]; i++)
        if (run(f, history[i]) != CLI_OK)
            fail_msg("%s: %s", history[i], f->err);
}

static void assert_has(const char *out, const char *s)
{
    if (!strstr(out, s))
        fail_msg("no \"%s\" in:\n%s", s, out);
}

/* A headline row of the text brief: label, this period, previous. */
static void assert_row(const char *out, const char *label, const char *cur, const char *prev)
{
    char line[160];
    snprintf(line, sizeof line, "\n  %-38s%19s%19s\n", label, cur, prev);
    assert_has(out, line);
}

/* Hand-computed: the period has spasms on Nov 2, 10, 11 (the episode
 * crosses midnight) and 20; pain 3, 6, 8 (median 6, peak 8); durations
 * 1h, 2h, 2h (median 2h); weekly scores 5.0 and 6.3 (median of 50 and 63
 * tenths: 56); woken 2 of 3 nights; activities not done 2 of 3 check-ins.
 * The previous period: spasms on Oct 5 and 20, pain 4 and 5 (median 4.5),
 * 30m and 90m (median 1h), one weekly 2.0, woken 1 of 1, activities not
 * done 0 of 1. Oct 1's 10/10 lies before both. */
static void test_headline_figures(void **state)
{
    struct fixture *f = *state;
    load(f);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    assert_has(f->out, "Period 2026-11-01 to 2026-11-30 (30 days), made 2026-11-30\n");
    assert_has(f->out, "this period   previous 30 days\n");
    assert_row(f->out, "Days with a spasm", "4 of 30", "2 of 30");
    assert_row(f->out, "Episodes", "3", "2");
    assert_row(f->out, "Median pain logged (0-10)", "6", "4.5");
    assert_row(f->out, "Peak pain logged (0-10)", "8", "5");
    assert_row(f->out, "Median duration", "2h", "1h");
    assert_row(f->out, "Weekly pain and interference (median)", "5.6", "2.0");
    assert_row(f->out, "Nights woken by pain (of answered)", "2 of 3", "1 of 1");
    assert_row(f->out, "Check-ins: usual activities not done", "2 of 3", "0 of 1");
    /* The rest of the brief, from the same report. */
    assert_has(f->out, "lifting 2, stress 2");
    assert_has(f->out, "  ibuprofen 400 mg                                 2           3           2\n");
    /* Notes, most severe first; the previous period's are not the period's. */
    const char *b = strstr(f->out, "bravo uniqueword"), *a = strstr(f->out, "alpha note");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(b < a);
    assert_has(f->out, "2026-11-10, pain 8 (episode #5):");
    assert_null(strstr(f->out, "previous-note-word"));
    assert_has(f->out, "not medical advice");
}

/* Nov 11 holds the 9 read after midnight: the highest mark of the line. */
static void test_sparkline(void **state)
{
    struct fixture *f = *state;
    load(f);
    setenv("LC_ALL", "C.UTF-8", 1);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    /* 30 days, a mark per day: Nov 2 (6), Nov 10 (8), Nov 11 (9), Nov 20 (3). */
    assert_has(f->out, "(a mark per 1 day):\n"
                       "   \xe2\x96\x85       \xe2\x96\x87\xe2\x96\x87        \xe2\x96\x83");
    /* Outside a UTF-8 locale: ASCII marks and rules. */
    setenv("LC_ALL", "C", 1);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    unsetenv("LC_ALL");
    assert_has(f->out, "(a mark per 1 day):\n   =       **        -");
    assert_has(f->out, "+- Warning signs in this period -");
}

static void test_omit(void **state)
{
    struct fixture *f = *state;
    load(f);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30|--omit|"
                            "notes,medications|--name|Jo Example"),
                     CLI_OK);
    assert_null(strstr(f->out, "uniqueword"));
    assert_null(strstr(f->out, "ibuprofen"));
    assert_null(strstr(f->out, "Medications taken"));
    assert_has(f->out, "Name: Jo Example");
    assert_int_equal(run(f, "report|--brief|--omit|name|--name|Jo Example"), CLI_OK);
    assert_null(strstr(f->out, "Jo Example"));
    assert_int_equal(run(f, "report|--brief|--omit|notes,tea"), CLI_USAGE);
    assert_has(f->err, "not 'tea'");
    assert_int_equal(run(f, "report|--name|Jo"), CLI_USAGE);
    assert_int_equal(run(f, "report|--brief|--format|csv"), CLI_USAGE);
}

/* html: escaped user text, the paper size, no script of its own. */
static void test_html(void **state)
{
    struct fixture *f = *state;
    load(f);
    assert_int_equal(run(f, "log|--at|2026-11-25 10:00|--for|1h|-i|10|-r|lower|--note|"
                            "<script>x</script> & \"q\" 'a'"),
                     CLI_OK);
    assert_int_equal(run(f, "report|--format|html|--paper|letter|--name|A&B"), CLI_OK);
    assert_has(f->out, "<!DOCTYPE html>");
    assert_has(f->out, "@page{size:letter;");
    assert_has(f->out, "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;");
    assert_has(f->out, "A&amp;B");
    assert_null(strstr(f->out, "<script"));
    assert_null(strstr(f->out, "http://www.w3.org/1999")); /* nothing fetched: only the svg ns */
    assert_int_equal(run(f, "report|--brief|--format|markdown"), CLI_OK);
    assert_has(f->out, "\\<script\\>x\\</script\\> \\&");
}

static size_t lines_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The widest line of s, in characters (the text brief is ASCII here but
 * for the rules: a UTF-8 lead byte counts once). */
static int widest(const char *s)
{
    int w = 0, best = 0;
    for (; *s; s++) {
        if (*s == '\n') {
            w = 0;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80 && ++w > best)
            best = w;
    }
    return best;
}

/* None: one line says so; one: listed; --omit questions: no section. */
static void test_questions_none_one_omit(void **state)
{
    struct fixture *f = *state;
    load(f);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    assert_has(f->out, "\nQuestions for the visit\n  No questions written down (unknot "
                       "question adds one).\n");
    assert_int_equal(run(f, "question|Can I <keep> running & lifting?"), CLI_OK);
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    assert_has(f->out, "\nQuestions for the visit\n  1. Can I <keep> running & lifting?\n");
    assert_null(strstr(f->out, "more: unknot question"));
    /* Before the notes, after the triggers. */
    assert_true(strstr(f->out, "Questions for the visit") > strstr(f->out, "Top triggers"));
    assert_true(strstr(f->out, "Questions for the visit") < strstr(f->out, "Notes of the"));
    assert_int_equal(run(f, "report|--brief|--format|markdown"), CLI_OK);
    assert_has(f->out, "## Questions for the visit\n\n1. Can I \\<keep\\> running \\& "
                       "lifting?\n");
    assert_int_equal(run(f, "report|--format|html"), CLI_OK);
    assert_has(f->out, "<h2>Questions for the visit</h2>\n<ol class=\"q\">\n<li>Can I "
                       "&lt;keep&gt; running &amp; lifting?</li>\n</ol>\n");
    static const char *const omit[] = {"report|--brief|--omit|questions",
                                       "report|--format|html|--omit|questions",
                                       "report|--brief|--format|md|--omit|notes,questions"};
    for (size_t i = 0; i < sizeof omit / sizeof omit[0]; i++) {
        assert_int_equal(run(f, omit[i]), CLI_OK);
        assert_null(strstr(f->out, "Questions for the visit"));
        assert_null(strstr(f->out, "lifting?"));
    }
}

/* Many: the text shows three, each wrapped in two lines at most, and how
 * many more; html and markdown five. */
static void test_questions_many(void **state)
{
    struct fixture *f = *state;
    load(f);
    char line[400];
    for (int i = 1; i <= 7; i++) {
        snprintf(line, sizeof line, "question|Question %d: is it safe to carry the shopping up "
                 "the stairs every day while the spasms last, or should I wait until it is "
                 "gone and then start slowly with light bags only?", i);
        assert_int_equal(run(f, line), CLI_OK);
    }
    assert_int_equal(run(f, "report|--brief|--since|2026-11-01|--until|2026-11-30"), CLI_OK);
    assert_has(f->out, "  1. Question 1: is it safe to carry the shopping up the stairs every day"
                       "\n  while the spasms last, or should I wait until it is gone and "
                       "then...\n  2. Question 2:"); /* cut after a whole word */
    assert_has(f->out, "  3. Question 3:");
    assert_null(strstr(f->out, "4. Question 4"));
    assert_has(f->out, "  And 4 more: unknot question lists them all.\n");
    assert_true(lines_of(f->out) <= 66);
    assert_true(widest(f->out) <= 78);
    assert_int_equal(run(f, "report|--format|html"), CLI_OK);
    assert_has(f->out, "<li>Question 5:");
    assert_null(strstr(f->out, "<li>Question 6:"));
    assert_has(f->out, "And 2 more: unknot question lists them all.");
    assert_int_equal(run(f, "question|--clear"), CLI_OK);
    assert_int_equal(run(f, "report|--brief"), CLI_OK);
    assert_has(f->out, "No questions written down");
}

/* A history with more warning signs, treatments, medications and long
 * notes than a page holds, and questions: the lists are cut shorter until
 * the text fits 66 lines of 78 columns, and the questions stay. */
static void test_text_fits_a_full_history(void **state)
{
    struct fixture *f = *state;
    static const char *const more[] = {"ice", "heat", "stretch", "massage", "walk", "rest"};
    char line[700], note[600] = "";
    for (int i = 0; i < 30; i++)
        strcat(note, "long note word ");
    for (int d = 1; d <= 7; d++) {
        snprintf(line, sizeof line, "log|--at|2026-11-%02d 10:00|--for|1h|-i|9|-r|lower|"
                 "--symptom|saddle-numbness|--note|%s", 10 + d, note);
        assert_int_equal(run(f, line), CLI_OK);
    }
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        snprintf(line, sizeof line, "did|%s|--at|2026-11-20 10:00|--before|6|--after|4", more[i]);
        assert_int_equal(run(f, line), CLI_OK);
        snprintf(line, sizeof line, "took|med %zu|--at|2026-11-20 11:00|--before|6|--helped|4", i);
        assert_int_equal(run(f, line), CLI_OK);
    }
    for (int i = 1; i <= 6; i++) {
        snprintf(line, sizeof line, "question|Question %d, long enough to wrap onto a second "
                 "line of the text brief when it is listed there with its number", i);
        assert_int_equal(run(f, line), CLI_OK);
    }
    assert_int_equal(run(f, "report|--brief|--name|Jo Example"), CLI_OK);
    if (lines_of(f->out) > 66 || widest(f->out) > 78)
        fail_msg("%zu lines, %d columns:\n%s", lines_of(f->out), widest(f->out), f->out);
    assert_has(f->out, "  1. Question 1,");
    assert_has(f->out, "Warning signs in this period");
    assert_has(f->out, "not medical advice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_headline_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparkline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_questions_none_one_omit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_questions_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_fits_a_full_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
    };
    return cmocka_run_group_tests_name("report_brief", tests, NULL, NULL);
}
