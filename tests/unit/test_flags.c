/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/flags.c: every rule of CONTENT.md at its boundaries, with an
 * injected now, in UTC unless a test says otherwise (local days matter). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/episode.h"
#include "src/flags.h"
#include "tests/unit/civil.h"

#define NOW ((int64_t)1800000000) /* 2027-01-15 08:00 UTC */
#define D FLAG_DAY_S
#define H FLAG_HOUR_S
#define M 60LL
#define DAY0 (NOW - 8 * H) /* today's midnight, UTC */
#define ONGOING EPISODE_ONGOING
#define MAX_EPS 32
#define MAX_SYMPTOMS 2

/* An episode of a test history: id, start, end (ONGOING), intensity,
 * region, symptoms. */
struct ep_spec {
    int64_t id;
    int64_t start;
    int64_t end;
    int intensity;
    enum region region;
    const char *symptoms[MAX_SYMPTOMS];
};

/* One scenario: whether a flag of `kind` comes out of a history. */
struct flag_case {
    const char *name;
    enum flag_kind kind;
    int expect;
    size_t n;
    struct ep_spec eps[MAX_EPS];
};

static struct episode scratch; /* ~10 KB: keep it off the stack */

static int setup_utc(void **state)
{
    (void)state;
    set_tz("UTC");
    return 0;
}

static void feed_spec(struct flags *f, const struct ep_spec *s)
{
    char err[128];
    episode_init(&scratch);
    scratch.id = s->id;
    scratch.started_at = s->start;
    scratch.ended_at = s->end;
    scratch.intensity = s->intensity;
    scratch.region = s->region;
    for (size_t k = 0; k < MAX_SYMPTOMS && s->symptoms[k]; k++)
        assert_int_equal(episode_add_tag(&scratch, TAG_SYMPTOM, s->symptoms[k], err, sizeof err),
                         0);
    flags_feed(f, &scratch);
}

static void feed_one(struct flags *f, int64_t id, int64_t start, int64_t end, int intensity,
                     enum region region)
{
    struct ep_spec s = {id, start, end, intensity, region, {NULL, NULL}};
    feed_spec(f, &s);
}

static void run(struct flags *f, int64_t now, const struct ep_spec *eps, size_t n)
{
    flags_begin(f, now);
    for (size_t i = 0; i < n; i++)
        feed_spec(f, &eps[i]);
    flags_end(f);
}

static const struct flag *find(const struct flags *f, enum flag_kind kind)
{
    for (size_t i = 0; i < flags_count(f); i++)
        if (flags_at(f, i)->kind == kind)
            return flags_at(f, i);
    return NULL;
}

/* The flag of `kind`; fails the test when there is none. */
static const struct flag *must_find(const struct flags *f, enum flag_kind kind)
{
    const struct flag *fl = find(f, kind);
    if (!fl) {
        fail_msg("no %s flag", flag_kind_code(kind));
        abort(); /* not reached: tells the compiler fl is not NULL below */
    }
    return fl;
}

static int is_rung(enum flag_kind k)
{
    return k == FLAG_OVER_3_DAYS || k == FLAG_OVER_WEEK || k == FLAG_OVER_TWO_WEEKS;
}

/* The rung of the ladder shown, or FLAG_KIND_COUNT for none; fails when
 * more than one shows. */
static enum flag_kind rung(const struct flags *f)
{
    enum flag_kind found = FLAG_KIND_COUNT;
    for (size_t i = 0; i < flags_count(f); i++) {
        if (!is_rung(flags_at(f, i)->kind))
            continue;
        if (found != FLAG_KIND_COUNT)
            fail_msg("two rungs of the ladder: %s and %s", flag_kind_code(found),
                     flag_kind_code(flags_at(f, i)->kind));
        found = flags_at(f, i)->kind;
    }
    return found;
}

static void check_cases(const struct flag_case *cases, size_t ncases, int64_t now)
{
    for (size_t i = 0; i < ncases; i++) {
        struct flags f;
        const struct flag_case *c = &cases[i];
        run(&f, now, c->eps, c->n);
        if ((find(&f, c->kind) != NULL) != c->expect)
            fail_msg("case \"%s\": %s flag expected %s", c->name, flag_kind_code(c->kind),
                     c->expect ? "present" : "absent");
    }
}

/* Nothing a flag says may call separate spasms "pain lasting". */
static void assert_no_pain_lasting(const struct flags *f)
{
    for (size_t i = 0; i < flags_count(f); i++) {
        const struct flag *fl = flags_at(f, i);
        if (strstr(fl->title, "lasting") || strstr(fl->advice, "lasting") ||
            strstr(fl->note, "lasting"))
            fail_msg("%s says lasting: %s / %s / %s", flag_kind_code(fl->kind), fl->title,
                     fl->advice, fl->note);
    }
}

/* `n` spasms of `len` seconds, the first at `first`, each `step` after the
 * one before, ids from 1. */
static void run_series(struct flags *f, int64_t now, int64_t first, int64_t step, int64_t len,
                       int n, int intensity)
{
    flags_begin(f, now);
    for (int i = 0; i < n; i++) {
        int64_t t = first + i * step;
        feed_one(f, i + 1, t, len == ONGOING ? ONGOING : t + len, intensity, REGION_LOWER);
    }
    flags_end(f);
}

/* ---- the issue's cases, one per bullet of "What is wrong" ---- */

/* Over a week: eight separate 2-hour spasms on consecutive days were
 * "pain lasting over a week"; 150 short spasms two days apart were "Over
 * two weeks ... counted as one spell". */
static void test_issue_over_a_week(void **state)
{
    struct flags f;
    const struct flag *fl;
    (void)state;
    run_series(&f, NOW, NOW - 8 * D - H, D, 2 * H, 8, 5); /* 07:00-09:00, last yesterday */
    assert_int_equal(rung(&f), FLAG_OVER_WEEK);
    fl = must_find(&f, FLAG_OVER_WEEK);
    assert_string_equal(fl->title, "Spasms on 8 of the last 9 days, with no 2-day break");
    assert_string_equal(fl->advice,
                        "Book an appointment: back pain over a week should be checked.");
    assert_int_equal(fl->days, 8);
    assert_int_equal(fl->total, 8);
    assert_no_pain_lasting(&f);

    run_series(&f, NOW, NOW - 149 * 2 * D - 3 * H, 2 * D, 2 * H, 150, 3);
    fl = must_find(&f, FLAG_OVER_TWO_WEEKS);
    assert_string_equal(fl->title, "Spasms on 150 of the last 299 days, with no 2-day break");
    assert_string_equal(fl->advice, "Spasms over two weeks should be seen: book an appointment.");
    assert_int_equal(fl->total, 150);
    assert_null(strstr(fl->note, "spell"));
    assert_no_pain_lasting(&f);
}

/* Recurring: seven morning spasms on seven days were "3 in 30 days" or 4,
 * depending on the minutes. */
static void test_issue_recurring_seven_mornings(void **state)
{
    struct flags f;
    const struct flag *fl;
    static const int minutes[7] = {0, 10, 0, 10, 0, 10, 0}; /* 23 h 50 m / 24 h 10 m apart */
    (void)state;
    flags_begin(&f, NOW);
    for (int i = 0; i < 7; i++) {
        int64_t t = NOW - (7 - i) * D - H + minutes[i] * M; /* 07:00 or 07:10 */
        feed_one(&f, i + 1, t, t + 40 * M, 4, REGION_LOWER);
    }
    flags_end(&f);
    fl = must_find(&f, FLAG_RECURRING);
    assert_string_equal(fl->title, "Spasms on 7 days in the last 30");
    assert_int_equal(fl->days, 7);
    assert_int_equal(fl->total, 7);
    assert_int_equal(fl->level, FLAG_LEVEL_SEE_DOCTOR);
    assert_string_equal(fl->advice,
                        "Book an appointment: spasms that keep coming back should be checked.");
}

/* Severe and not easing saw only one ongoing episode: five days of 9/10
 * logged as daily episodes gave no flag. */
static void test_issue_severe_daily_episodes(void **state)
{
    struct flags f;
    const struct flag *fl;
    (void)state;
    run_series(&f, NOW, NOW - 4 * D - 2 * H, D, H, 5, 9); /* 06:00-07:00, the last today */
    fl = must_find(&f, FLAG_SEVERE_NOT_EASING);
    assert_int_equal(fl->level, FLAG_LEVEL_SEE_DOCTOR);
    assert_string_equal(fl->title, "Severe and not easing");
    assert_string_equal(fl->advice,
                        "Call your doctor: severe pain that is not easing after 3 days.");
    assert_string_equal(fl->note, "Spasms on each of the last 5 days; the latest rated 9/10 "
                                  "(severe).");
    assert_int_equal(fl->total, 5);
    assert_int_equal(fl->refs[4].id, 5);
    assert_no_pain_lasting(&f);
}

/* "Chronic" labelled three mild spasms six weeks apart and missed one
 * 100-day episode; the flag is now "long-running", never "chronic". */
static void test_issue_long_running(void **state)
{
    static const struct ep_spec six_weeks[] = {
        {1, NOW - 85 * D, NOW - 85 * D + H, 2, REGION_LOWER, {NULL}},
        {2, NOW - 43 * D, NOW - 43 * D + H, 2, REGION_LOWER, {NULL}},
        {3, NOW - 1 * D, NOW - 1 * D + H, 2, REGION_LOWER, {NULL}},
    };
    static const struct ep_spec hundred_days[] = {
        {1, NOW - 100 * D, ONGOING, 4, REGION_LOWER, {NULL}},
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, six_weeks, 3);
    assert_null(find(&f, FLAG_LONG_RUNNING));
    run(&f, NOW, hundred_days, 1);
    fl = must_find(&f, FLAG_LONG_RUNNING);
    assert_int_equal(fl->level, FLAG_LEVEL_INFO);
    assert_string_equal(fl->title, "Back spasms over 12 weeks or more");
    assert_string_equal(fl->advice, "Worth raising at your next visit.");
    assert_string_equal(fl->note, "One spasm lasting 100 days, still going.");
    assert_int_equal(fl->refs[0].id, 1);
    for (size_t i = 0; i < flags_count(&f); i++) {
        assert_null(strstr(flags_at(&f, i)->title, "hronic"));
        assert_null(strstr(flags_at(&f, i)->note, "hronic"));
    }
}

/* ---- counting days ---- */

/* Daily starts 24 h, 23 h 50 m or 24 h 10 m apart count as that many
 * days, in the recurring count and in the spell's words. */
static void test_daily_starts_count_as_days(void **state)
{
    static const int64_t steps[] = {D, D - 10 * M, D + 10 * M};
    (void)state;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct flags f;
        const struct flag *fl;
        int64_t first = NOW - 4 * D - 2 * H; /* 06:00, four days ago */
        run_series(&f, NOW, first, steps[i], H, 4, 3);
        fl = must_find(&f, FLAG_RECURRING);
        assert_int_equal(fl->days, 4);
        assert_string_equal(fl->title, "Spasms on 4 days in the last 30");
        fl = must_find(&f, FLAG_OVER_3_DAYS);
        assert_string_equal(fl->title, "Spasms on 4 of the last 5 days, with no 2-day break");
    }
}

/* One 9-day episode and nine daily 2-hour episodes: different words. */
static void test_one_spasm_and_nine_spasms_differ(void **state)
{
    static const struct ep_spec one[] = {{1, NOW - 9 * D, ONGOING, 5, REGION_LOWER, {NULL}}};
    struct flags f;
    char first[FLAG_TITLE_MAX];
    (void)state;
    run(&f, NOW, one, 1);
    assert_string_equal(must_find(&f, FLAG_OVER_WEEK)->title,
                        "One spasm lasting 9 days, still going");
    assert_string_equal(must_find(&f, FLAG_OVER_WEEK)->advice,
                        "Book an appointment: back pain over a week should be checked.");
    snprintf(first, sizeof first, "%s", must_find(&f, FLAG_OVER_WEEK)->title);

    run_series(&f, NOW, NOW - 9 * D, D, 2 * H, 9, 5);
    assert_string_equal(must_find(&f, FLAG_OVER_WEEK)->title,
                        "Spasms on 9 of the last 10 days, with no 2-day break");
    assert_string_not_equal(must_find(&f, FLAG_OVER_WEEK)->title, first);
    assert_no_pain_lasting(&f);

    /* Ended, not ongoing: no "still going". */
    static const struct ep_spec ended[] = {{1, NOW - 10 * D, NOW - H, 5, REGION_LOWER, {NULL}}};
    run(&f, NOW, ended, 1);
    assert_string_equal(must_find(&f, FLAG_OVER_WEEK)->title, "One spasm lasting 9 days");
}

/* The days of a spell are days with a spasm going, each counted once; a
 * spasm every day reads "on each of". */
static void test_spell_days(void **state)
{
    static const struct ep_spec eps[] = {
        {1, DAY0 - 4 * D + 6 * H, DAY0 - 4 * D + 7 * H, 5, REGION_LOWER, {NULL}},
        {2, DAY0 - 4 * D + 10 * H, DAY0 - 4 * D + 11 * H, 5, REGION_LOWER, {NULL}},
        {3, DAY0 - 2 * D + 6 * H, DAY0 - 1 * D + 6 * H, 5, REGION_LOWER, {NULL}}, /* 2 days */
        {4, DAY0 - 1 * D + 5 * H, DAY0 - 1 * D + 7 * H, 5, REGION_LOWER, {NULL}}, /* inside 3 */
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 4);
    fl = must_find(&f, FLAG_OVER_3_DAYS);
    assert_string_equal(fl->title, "Spasms on 3 of the last 5 days, with no 2-day break");
    assert_int_equal(fl->days, 3);
    assert_int_equal(fl->total, 4);
    run_series(&f, NOW, NOW - 4 * D - 3 * H, D, 2 * H, 5, 3); /* 05:00-07:00, the last today */
    fl = must_find(&f, FLAG_OVER_3_DAYS);
    assert_string_equal(fl->title, "Spasms on each of the last 5 days");
    assert_int_equal(fl->days, 5);

    /* An end recorded days ahead (a wrong clock) adds no days to come. */
    static const struct ep_spec ahead[] = {
        {1, DAY0 - 4 * D + 6 * H, DAY0 - 3 * D + 6 * H, 5, REGION_LOWER, {NULL}},
        {2, DAY0 - 2 * D + 6 * H, NOW + 2 * D, 5, REGION_LOWER, {NULL}},
    };
    run(&f, NOW, ahead, 2);
    fl = must_find(&f, FLAG_OVER_3_DAYS);
    assert_string_equal(fl->title, "Spasms on each of the last 5 days");
    assert_int_equal(fl->days, 5);
}

/* ---- current spell ---- */

/* A spell whose last episode ended 47 h ago is current; 49 h ago it is not. */
static void test_current_spell_47_vs_49_hours(void **state)
{
    static const int64_t ago[] = {47 * H, 48 * H - 1, 48 * H, 49 * H};
    static const int current[] = {1, 1, 0, 0};
    (void)state;
    for (size_t i = 0; i < sizeof ago / sizeof ago[0]; i++) {
        struct ep_spec ep = {1, NOW - ago[i] - 4 * D, NOW - ago[i], 8, REGION_LOWER, {NULL}};
        struct flags f;
        run(&f, NOW, &ep, 1);
        if ((rung(&f) == FLAG_OVER_3_DAYS) != current[i] ||
            (find(&f, FLAG_SEVERE_NOT_EASING) != NULL) != current[i])
            fail_msg("ended %lld s ago: expected %scurrent", (long long)ago[i],
                     current[i] ? "" : "not ");
    }
}

#define A (NOW - 10 * D) /* spells below end shortly before NOW */

/* Spells chain on gaps under 48 h, measured from the latest end so far;
 * only the current spell flags. */
static const struct flag_case spell_cases[] = {
    {"47 h gap chains", FLAG_OVER_WEEK, 1, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER, {NULL}},
      {2, A + 4 * D + 47 * H, A + 8 * D + 47 * H, 5, REGION_LOWER, {NULL}}}},
    {"48 h gap does not chain", FLAG_OVER_WEEK, 0, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER, {NULL}},
      {2, A + 4 * D + 48 * H, A + 8 * D + 48 * H, 5, REGION_LOWER, {NULL}}}},
    {"48 h gap: the current spell alone is over 3 days", FLAG_OVER_3_DAYS, 1, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER, {NULL}},
      {2, A + 4 * D + 48 * H, A + 8 * D + 48 * H, 5, REGION_LOWER, {NULL}}}},
    {"gap measured from the latest end of the spell", FLAG_OVER_WEEK, 1, 3,
     {{1, A, A + 5 * D, 5, REGION_LOWER, {NULL}},
      {2, A + 1 * D, A + 2 * D, 5, REGION_LOWER, {NULL}},
      {3, A + 5 * D + 47 * H, A + 9 * D, 5, REGION_LOWER, {NULL}}}},
    {"ongoing chained to a finished episode", FLAG_OVER_WEEK, 1, 2,
     {{1, NOW - 9 * D, NOW - 3 * D, 3, REGION_LOWER, {NULL}},
      {2, NOW - 2 * D, ONGOING, 3, REGION_LOWER, {NULL}}}},
    {"an old spell over a week is not current", FLAG_OVER_WEEK, 0, 2,
     {{1, NOW - 30 * D, NOW - 20 * D, 5, REGION_LOWER, {NULL}},
      {2, NOW - 2 * D, NOW - 2 * D + H, 5, REGION_LOWER, {NULL}}}},
    {"end before start counts as zero length", FLAG_OVER_3_DAYS, 0, 1,
     {{1, NOW - 10 * D, NOW - 20 * D, 5, REGION_LOWER, {NULL}}}},
};

static void test_spell_chaining(void **state)
{
    (void)state;
    check_cases(spell_cases, sizeof spell_cases / sizeof spell_cases[0], NOW);
}

/* ---- the duration ladder ---- */

static void test_ladder_boundaries(void **state)
{
    static const struct {
        int64_t len;
        enum flag_kind kind; /* FLAG_KIND_COUNT: none */
        const char *title, *advice;
    } rows[] = {
        {3 * D, FLAG_KIND_COUNT, NULL, NULL},
        {3 * D + 1, FLAG_OVER_3_DAYS, "One spasm lasting 3 days",
         "Call your doctor if it is not easing (pain for more than 3 days)."},
        {7 * D, FLAG_OVER_3_DAYS, "One spasm lasting 7 days",
         "Call your doctor if it is not easing (pain for more than 3 days)."},
        {7 * D + 1, FLAG_OVER_WEEK, "One spasm lasting 7 days",
         "Book an appointment: back pain over a week should be checked."},
        {14 * D, FLAG_OVER_WEEK, "One spasm lasting 14 days",
         "Book an appointment: back pain over a week should be checked."},
        {14 * D + 1, FLAG_OVER_TWO_WEEKS, "One spasm lasting 14 days",
         "Pain lasting over two weeks should be seen: book an appointment."},
        {40 * D, FLAG_OVER_TWO_WEEKS, "One spasm lasting 40 days",
         "Pain lasting over two weeks should be seen: book an appointment."},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct ep_spec ep = {7, NOW - rows[i].len, NOW, 5, REGION_NECK, {NULL}};
        struct flags f;
        const struct flag *fl;
        run(&f, NOW, &ep, 1);
        assert_int_equal(rung(&f), rows[i].kind);
        if (rows[i].kind == FLAG_KIND_COUNT)
            continue;
        fl = must_find(&f, rows[i].kind);
        assert_int_equal(fl->level, FLAG_LEVEL_SEE_DOCTOR);
        assert_string_equal(fl->title, rows[i].title);
        assert_string_equal(fl->advice, rows[i].advice);
        assert_string_equal(fl->note, "");
        assert_int_equal(fl->span, rows[i].len);
        assert_int_equal(fl->from, NOW - rows[i].len);
        assert_int_equal(fl->to, NOW);
        assert_int_equal(fl->total, 1);
        assert_int_equal(fl->refs[0].id, 7);
    }
}

static void test_ladder_refs_keep_latest(void **state)
{
    struct flags f;
    const struct flag *fl;
    int64_t t = NOW - 20 * 36 * H;
    (void)state;
    flags_begin(&f, NOW);
    for (int64_t id = 1; id <= 20; id++, t += 36 * H) /* 1 day each, 12 h apart */
        feed_one(&f, id, t, id == 20 ? ONGOING : t + D, 4, REGION_MID);
    flags_end(&f);
    fl = must_find(&f, FLAG_OVER_TWO_WEEKS);
    assert_int_equal(fl->total, 20);
    assert_int_equal(fl->nrefs, FLAG_MAX_REFS);
    for (size_t i = 0; i < FLAG_MAX_REFS; i++)
        assert_int_equal(fl->refs[i].id, 20 - FLAG_MAX_REFS + 1 + (int64_t)i);
    assert_int_equal(fl->from, NOW - 20 * 36 * H);
    assert_int_equal(fl->to, NOW);
    assert_string_equal(fl->title, "Spasms on each of the last 31 days");
    assert_string_equal(fl->advice, "Spasms over two weeks should be seen: book an appointment.");
}

/* ---- recurring ---- */

#define SHORT(id, start, region) {id, start, (start) + 2 * H, 5, region, {NULL}}

static const struct flag_case recurring_cases[] = {
    {"3 days", FLAG_RECURRING, 1, 3,
     {SHORT(1, NOW - 29 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"2 days", FLAG_RECURRING, 0, 2,
     {SHORT(1, NOW - 15 * D, REGION_MID), SHORT(2, NOW - 1 * D, REGION_UPPER)}},
    {"3 spasms on 2 days", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 10 * D + 4 * H, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"23 h 50 m apart across midnight: 2 days", FLAG_RECURRING, 1, 3,
     {SHORT(1, DAY0 - 10 * D + 12 * H, REGION_LOWER),
      SHORT(2, DAY0 - 9 * D + 11 * H + 50 * M, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"23 h 50 m apart on one day: 1 day", FLAG_RECURRING, 0, 3,
     {SHORT(1, DAY0 - 10 * D + 5 * M, REGION_LOWER),
      SHORT(2, DAY0 - 10 * D + 23 * H + 55 * M, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"the first day of the window starts at its midnight", FLAG_RECURRING, 1, 3,
     {SHORT(1, DAY0 - 29 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"a second before it is outside", FLAG_RECURRING, 0, 3,
     {SHORT(1, DAY0 - 29 * D - 1, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"now is inside", FLAG_RECURRING, 1, 3,
     {SHORT(1, NOW - 20 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      {3, NOW, ONGOING, 5, REGION_UPPER, {NULL}}}},
    {"a start after now is not counted", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 5 * D, REGION_LOWER),
      {3, NOW + 60, ONGOING, 5, REGION_LOWER, {NULL}}}},
};

static void test_recurring_boundaries(void **state)
{
    (void)state;
    check_cases(recurring_cases, sizeof recurring_cases / sizeof recurring_cases[0], NOW);
}

static void test_recurring_refs_and_title(void **state)
{
    static const struct ep_spec eps[] = {
        SHORT(21, NOW - 40 * D, REGION_LOWER), /* outside the window */
        SHORT(22, NOW - 20 * D, REGION_LOWER),
        SHORT(23, NOW - 20 * D + 5 * H, REGION_LOWER), /* the same day as 22 */
        SHORT(24, NOW - 12 * D, REGION_NECK),
        SHORT(25, NOW - 2 * D, REGION_MID),
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 5);
    fl = must_find(&f, FLAG_RECURRING);
    assert_string_equal(fl->title, "Spasms on 3 days in the last 30 (4 spasms)");
    assert_int_equal(fl->days, 3);
    assert_int_equal(fl->total, 4);
    assert_int_equal(fl->nrefs, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(fl->refs[i].id, eps[i + 1].id);
        assert_int_equal(fl->refs[i].started_at, eps[i + 1].start);
    }
    assert_int_equal(fl->from, NOW - 20 * D);
    assert_int_equal(fl->to, NOW - 2 * D);
    assert_string_equal(fl->note, ""); /* 2 in the lower back */
}

static void test_recurring_same_region_note(void **state)
{
    static const struct {
        enum region r[4];
        size_t n;
        const char *note; /* "": no note */
    } rows[] = {
        {{REGION_LOWER, REGION_MID, REGION_NECK}, 3, ""},
        {{REGION_LOWER, REGION_NECK, REGION_LOWER}, 3, ""},
        {{REGION_LOWER, REGION_LOWER, REGION_LOWER}, 3,
         "3 in the lower back: spasms that keep coming back in one place are worth checking "
         "with your doctor."},
        {{REGION_NECK, REGION_UPPER, REGION_UPPER, REGION_NECK}, 4, ""},
        {{REGION_NECK, REGION_NECK, REGION_LOWER, REGION_NECK}, 4,
         "3 in the neck: spasms that keep coming back in one place are worth checking with "
         "your doctor."},
        {{REGION_MID, REGION_MID, REGION_MID, REGION_MID}, 4,
         "4 in the mid back: spasms that keep coming back in one place are worth checking with "
         "your doctor."},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct ep_spec eps[4];
        struct flags f;
        for (size_t k = 0; k < rows[i].n; k++)
            eps[k] = (struct ep_spec)SHORT((int64_t)k + 1, NOW - (int64_t)(20 - 5 * k) * D,
                                           rows[i].r[k]);
        run(&f, NOW, eps, rows[i].n);
        if (strcmp(must_find(&f, FLAG_RECURRING)->note, rows[i].note) != 0)
            fail_msg("row %zu: note \"%s\", expected \"%s\"", i,
                     must_find(&f, FLAG_RECURRING)->note, rows[i].note);
    }
}

static void test_recurring_full_window(void **state)
{
    struct flags f;
    const struct flag *fl;
    (void)state;
    flags_begin(&f, NOW);
    /* Three spasms on each of the 30 days of the window. */
    for (int64_t k = 29; k >= 0; k--)
        for (int64_t j = 0; j < 3; j++) {
            int64_t t = DAY0 - k * D + j * 2 * H;
            feed_one(&f, 300 - 3 * k + j, t, t + H, 5, REGION_LOWER);
        }
    flags_end(&f);
    fl = must_find(&f, FLAG_RECURRING);
    assert_int_equal(fl->days, 30);
    assert_int_equal(fl->total, 90);
    assert_int_equal(fl->nrefs, FLAG_MAX_REFS);
    assert_int_equal(fl->refs[FLAG_MAX_REFS - 1].id, 302);
    assert_string_equal(fl->title, "Spasms on 30 days in the last 30 (90 spasms)");
    assert_non_null(strstr(fl->note, "90 in the lower back:"));
}

/* ---- severe and not easing ---- */

static const struct flag_case severe_cases[] = {
    {"7, ongoing exactly 3 days", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 3 * D, ONGOING, 7, REGION_LOWER, {NULL}}}},
    {"7, ongoing 3 days + 1 s", FLAG_SEVERE_NOT_EASING, 1, 1,
     {{1, NOW - 3 * D - 1, ONGOING, 7, REGION_LOWER, {NULL}}}},
    {"6, ongoing 5 days", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 5 * D, ONGOING, 6, REGION_LOWER, {NULL}}}},
    {"9, ended an hour ago after 5 days: still current", FLAG_SEVERE_NOT_EASING, 1, 1,
     {{1, NOW - 5 * D, NOW - H, 9, REGION_LOWER, {NULL}}}},
    {"9, ended 3 days ago: not current", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 8 * D, NOW - 3 * D, 9, REGION_LOWER, {NULL}}}},
    {"severe at first, the latest 4: easing", FLAG_SEVERE_NOT_EASING, 0, 3,
     {{1, NOW - 5 * D, NOW - 4 * D, 9, REGION_LOWER, {NULL}},
      {2, NOW - 3 * D, NOW - 2 * D, 8, REGION_LOWER, {NULL}},
      {3, NOW - D, NOW - D + H, 4, REGION_LOWER, {NULL}}}},
    {"still going at 8, milder spasms since", FLAG_SEVERE_NOT_EASING, 1, 3,
     {{1, NOW - 10 * D, ONGOING, 8, REGION_LOWER, {NULL}},
      {2, NOW - 2 * H, NOW - 2 * H + M, 3, REGION_NECK, {NULL}},
      {3, NOW - H, NOW - H + M, 3, REGION_NECK, {NULL}}}},
    {"mild at first, the latest 7", FLAG_SEVERE_NOT_EASING, 1, 2,
     {{1, NOW - 5 * D, NOW - 4 * D, 3, REGION_LOWER, {NULL}},
      {2, NOW - 3 * D, ONGOING, 7, REGION_LOWER, {NULL}}}},
};

static void test_severe_boundaries(void **state)
{
    (void)state;
    check_cases(severe_cases, sizeof severe_cases / sizeof severe_cases[0], NOW);
}

static void test_severe_one_episode(void **state)
{
    static const struct ep_spec eps[] = {
        {41, NOW - 19 * D, NOW - 18 * D, 9, REGION_LOWER, {NULL}}, /* an older spell */
        {42, NOW - 4 * D, ONGOING, 8, REGION_LOWER, {NULL}},
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 2);
    fl = must_find(&f, FLAG_SEVERE_NOT_EASING);
    assert_int_equal(fl->total, 1);
    assert_int_equal(fl->refs[0].id, 42);
    assert_int_equal(fl->refs[0].started_at, NOW - 4 * D);
    assert_int_equal(fl->span, 4 * D);
    assert_string_equal(fl->note, "One spasm lasting 4 days, still going, rated 8/10 (severe).");

    static const struct ep_spec milder_since[] = {
        {1, NOW - 4 * D - 2 * H, ONGOING, 8, REGION_LOWER, {NULL}},
        {2, NOW - H, NOW - H + M, 3, REGION_NECK, {NULL}},
    };
    run(&f, NOW, milder_since, 2);
    assert_string_equal(must_find(&f, FLAG_SEVERE_NOT_EASING)->note,
                        "Spasms on each of the last 5 days; one still going rated 8/10 (severe).");
}

/* ---- leg symptoms ---- */

#define LEG(start, end, s1, s2) {{1, start, end, 4, REGION_LOWER, {s1, s2}}}

static const struct flag_case leg_cases[] = {
    {"weakness, started 7 days ago", FLAG_LEG_WEAKNESS, 1, 1,
     LEG(NOW - 7 * D, NOW - 7 * D + H, "weakness", NULL)},
    {"weakness, started 7 days + 1 s ago", FLAG_LEG_WEAKNESS, 0, 1,
     LEG(NOW - 7 * D - 1, NOW - 7 * D + H, "weakness", NULL)},
    {"weakness, ongoing for 30 days", FLAG_LEG_WEAKNESS, 1, 1,
     LEG(NOW - 30 * D, ONGOING, "weakness", NULL)},
    {"weakness is not a nerve symptom", FLAG_LEG_NERVE, 0, 1,
     LEG(NOW - D, NOW - D + H, "weakness", NULL)},
    {"numbness, started 7 days ago", FLAG_LEG_NERVE, 1, 1,
     LEG(NOW - 7 * D, NOW - 7 * D + H, "numbness", NULL)},
    {"numbness, started 7 days + 1 s ago", FLAG_LEG_NERVE, 0, 1,
     LEG(NOW - 7 * D - 1, NOW - 7 * D + H, "numbness", NULL)},
    {"numbness is not weakness", FLAG_LEG_WEAKNESS, 0, 1,
     LEG(NOW - D, NOW - D + H, "numbness", NULL)},
    {"spreading down a leg", FLAG_LEG_NERVE, 1, 1,
     LEG(NOW - D, NOW - D + H, "radiating-leg", NULL)},
    {"below the knee", FLAG_LEG_NERVE, 1, 1, LEG(NOW - D, NOW - D + H, "below-knee", NULL)},
    {"spreading to the buttock is not a leg symptom", FLAG_LEG_NERVE, 0, 1,
     LEG(NOW - D, NOW - D + H, "radiating-buttock", "stiffness")},
    {"free text \"weakness\" is not the code", FLAG_LEG_WEAKNESS, 0, 1,
     LEG(NOW - D, NOW - D + H, "other:weakness", NULL)},
};

static void test_leg_boundaries(void **state)
{
    (void)state;
    check_cases(leg_cases, sizeof leg_cases / sizeof leg_cases[0], NOW);
}

static void test_leg_words(void **state)
{
    static const struct ep_spec eps[] = {
        {5, NOW - 6 * D, NOW - 6 * D + H, 4, REGION_LOWER, {"below-knee", "numbness"}},
        {6, NOW - 5 * D, NOW - 5 * D + H, 4, REGION_LOWER, {"weakness", NULL}},
        {7, NOW - 2 * D, NOW - 2 * D + H, 4, REGION_LOWER, {"numbness", NULL}},
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 3);
    assert_ptr_equal(flags_at(&f, 0), find(&f, FLAG_LEG_WEAKNESS)); /* urgent comes first */
    fl = must_find(&f, FLAG_LEG_WEAKNESS);
    assert_int_equal(fl->level, FLAG_LEVEL_URGENT);
    assert_string_equal(fl->title, "Leg symptoms: weakness in a leg");
    assert_string_equal(fl->advice,
                        "URGENT: contact a doctor today (your surgery or an urgent care service).");
    assert_non_null(strstr(fl->note, "seek emergency care at once"));
    assert_int_equal(fl->total, 1);
    assert_int_equal(fl->refs[0].id, 6);
    fl = must_find(&f, FLAG_LEG_NERVE);
    assert_int_equal(fl->level, FLAG_LEVEL_SEE_DOCTOR);
    assert_string_equal(fl->title, "Leg symptoms: numbness or tingling, below the knee");
    assert_string_equal(fl->advice, "Book an appointment, and take the red-flag checklist now.");
    assert_int_equal(fl->total, 2);
    assert_int_equal(fl->refs[0].id, 5);
    assert_int_equal(fl->refs[1].id, 7);
    assert_int_equal(fl->from, NOW - 6 * D);
    assert_int_equal(fl->to, NOW - 2 * D + H);

    static const struct ep_spec all[] = {
        {1, NOW - D, ONGOING, 4, REGION_LOWER, {"radiating-leg", "below-knee"}},
        {2, NOW - H, ONGOING, 4, REGION_LOWER, {"numbness", NULL}},
    };
    run(&f, NOW, all, 2);
    assert_string_equal(must_find(&f, FLAG_LEG_NERVE)->title,
                        "Leg symptoms: numbness or tingling, spreading down a leg, below the knee");
}

/* Only episodes a leg rule reads need their tags. */
static void test_wants_tags(void **state)
{
    struct flags f;
    (void)state;
    flags_begin(&f, NOW);
    episode_init(&scratch);
    scratch.started_at = NOW - 7 * D;
    scratch.ended_at = NOW - 6 * D;
    assert_true(flags_wants_tags(&f, &scratch));
    scratch.started_at = NOW - 7 * D - 1;
    assert_false(flags_wants_tags(&f, &scratch));
    scratch.ended_at = ONGOING;
    assert_true(flags_wants_tags(&f, &scratch));
    assert_false(flags_wants_tags(&f, NULL));
}

/* ---- long-running ---- */

#define BLOCK3 (DAY0 - 83 * D) /* first instant of the oldest 4-week block */

static const struct flag_case long_cases[] = {
    {"a spasm in each block", FLAG_LONG_RUNNING, 1, 3,
     {SHORT(1, NOW - 70 * D, REGION_LOWER), SHORT(2, NOW - 40 * D, REGION_LOWER),
      SHORT(3, NOW - 20 * D, REGION_LOWER)}},
    {"none in the middle block", FLAG_LONG_RUNNING, 0, 3,
     {SHORT(1, NOW - 70 * D, REGION_LOWER), SHORT(2, NOW - 60 * D, REGION_LOWER),
      SHORT(3, NOW - 2 * D, REGION_LOWER)}},
    {"none in the newest block", FLAG_LONG_RUNNING, 0, 3,
     {SHORT(1, NOW - 80 * D, REGION_LOWER), SHORT(2, NOW - 40 * D, REGION_LOWER),
      SHORT(3, NOW - 29 * D, REGION_LOWER)}},
    {"the oldest block starts at its midnight", FLAG_LONG_RUNNING, 1, 3,
     {{1, BLOCK3, BLOCK3 + H, 2, REGION_LOWER, {NULL}}, SHORT(2, NOW - 40 * D, REGION_LOWER),
      SHORT(3, NOW - 2 * D, REGION_LOWER)}},
    {"ending a second before it is outside", FLAG_LONG_RUNNING, 0, 3,
     {{1, BLOCK3 - H, BLOCK3 - 1, 2, REGION_LOWER, {NULL}}, SHORT(2, NOW - 40 * D, REGION_LOWER),
      SHORT(3, NOW - 2 * D, REGION_LOWER)}},
    {"one episode going through all three", FLAG_LONG_RUNNING, 1, 1,
     {{1, NOW - 100 * D, NOW - 10 * D, 2, REGION_LOWER, {NULL}}}},
    {"a long spell that ended before the newest block", FLAG_LONG_RUNNING, 0, 1,
     {{1, NOW - 200 * D, NOW - 30 * D, 2, REGION_LOWER, {NULL}}}},
};

static void test_long_running_boundaries(void **state)
{
    (void)state;
    check_cases(long_cases, sizeof long_cases / sizeof long_cases[0], NOW);
}

/* Over 12 weeks the spell's words; up to it, the blocks'. */
static void test_long_running_words(void **state)
{
    static const struct {
        int64_t len;
        const char *note;
    } rows[] = {
        {84 * D, "Spasms in each 4-week block of the last 12 weeks."},
        {84 * D + 1, "One spasm lasting 84 days, still going."},
    };
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        struct ep_spec ep = {1, NOW - rows[i].len, ONGOING, 3, REGION_LOWER, {NULL}};
        struct flags f;
        run(&f, NOW, &ep, 1);
        assert_string_equal(must_find(&f, FLAG_LONG_RUNNING)->note, rows[i].note);
        assert_string_equal(must_find(&f, FLAG_LONG_RUNNING)->title,
                            "Back spasms over 12 weeks or more");
    }
}

/* ---- local days under a DST change (Europe/Berlin, 2026-03-29) ---- */

/* Seven morning spasms at 08:10 or 07:50 local, across the change: seven
 * days, though one pair of starts is 22 h 40 m apart. */
static void test_berlin_seven_mornings(void **state)
{
    const int64_t now = cest(2026, 4, 2, 12, 0);
    struct flags f;
    const struct flag *fl;
    (void)state;
    set_tz("Europe/Berlin");
    flags_begin(&f, now);
    for (int i = 0; i < 7; i++) {
        int day = 26 + i; /* March 26 .. April 1 */
        int min = i % 2 ? 50 : 10, hour = i % 2 ? 7 : 8;
        int64_t t = day <= 28   ? cet(2026, 3, day, hour, min)
                    : day <= 31 ? cest(2026, 3, day, hour, min)
                                : cest(2026, 4, day - 31, hour, min);
        feed_one(&f, i + 1, t, t + 30 * M, 4, REGION_LOWER);
    }
    flags_end(&f);
    fl = must_find(&f, FLAG_RECURRING);
    assert_int_equal(fl->days, 7);
    assert_string_equal(fl->title, "Spasms on 7 days in the last 30");
    assert_string_equal(must_find(&f, FLAG_OVER_3_DAYS)->title,
                        "Spasms on 7 of the last 8 days, with no 2-day break");
}

/* Starts exactly 24 h apart stay on consecutive local days through the
 * 23-hour day; through the 25-hour day of October two of them share one. */
static void test_berlin_24_hours_apart(void **state)
{
    struct flags f;
    (void)state;
    set_tz("Europe/Berlin");
    run_series(&f, cest(2026, 4, 1, 12, 0), cet(2026, 3, 26, 7, 30), D, H, 5, 3);
    assert_int_equal(must_find(&f, FLAG_RECURRING)->days, 5);
    /* 2026-10-25 00:30 CEST and 23:30 CET, 24 h apart: one day. */
    run_series(&f, cet(2026, 10, 28, 12, 0), cest(2026, 10, 24, 0, 30), D, H, 3, 3);
    assert_null(find(&f, FLAG_RECURRING));
    run_series(&f, cet(2026, 10, 28, 12, 0), cest(2026, 10, 24, 0, 30), D, H, 4, 3);
    assert_int_equal(must_find(&f, FLAG_RECURRING)->days, 3);
    assert_string_equal(must_find(&f, FLAG_RECURRING)->title,
                        "Spasms on 3 days in the last 30 (4 spasms)");
}

/* The 30-day window begins at local midnight 29 days before today, an hour
 * away from now - 29 days - 12 h when the clocks changed in between. */
static void test_berlin_window_start(void **state)
{
    const int64_t now = cest(2026, 4, 10, 12, 0);
    const int64_t first = cet(2026, 3, 12, 0, 0);
    struct flags f;
    (void)state;
    set_tz("Europe/Berlin");
    {
        struct ep_spec eps[] = {SHORT(1, first, REGION_LOWER), SHORT(2, now - 9 * D, REGION_LOWER),
                                SHORT(3, now - D, REGION_LOWER)};
        run(&f, now, eps, 3);
        assert_non_null(find(&f, FLAG_RECURRING));
        eps[0].start = first - 1;
        run(&f, now, eps, 3);
        assert_null(find(&f, FLAG_RECURRING));
    }
}

/* ---- whole results ---- */

static void test_empty_history(void **state)
{
    struct flags f;
    (void)state;
    flags_begin(&f, NOW);
    flags_end(&f);
    assert_int_equal(flags_count(&f), 0);
    assert_null(flags_at(&f, 0));
}

static void test_nothing_before_end_and_feed_after_end(void **state)
{
    struct flags f;
    (void)state;
    flags_begin(&f, NOW);
    feed_one(&f, 1, NOW - 10 * D, ONGOING, 9, REGION_LOWER);
    assert_int_equal(flags_count(&f), 0);
    assert_null(flags_at(&f, 0));
    flags_end(&f);
    assert_int_equal(flags_count(&f), 2); /* severe, over a week */
    feed_one(&f, 2, NOW - 1 * D, NOW, 9, REGION_LOWER);
    flags_end(&f);
    assert_int_equal(flags_count(&f), 2);
    assert_int_equal(must_find(&f, FLAG_OVER_WEEK)->total, 1);
}

/* A history that raises the most flags at once; they come most pressing
 * first, each with a level, words and its episodes. */
static void test_all_in_order(void **state)
{
    static const struct ep_spec eps[] = {
        {1, NOW - 70 * D, NOW - 70 * D + H, 3, REGION_LOWER, {NULL}},
        {2, NOW - 40 * D, NOW - 40 * D + H, 5, REGION_LOWER, {NULL}},
        {3, NOW - 25 * D, NOW - 25 * D + H, 5, REGION_LOWER, {NULL}},
        {4, NOW - 15 * D, NOW - 15 * D + H, 5, REGION_LOWER, {NULL}},
        {5, NOW - 10 * D, ONGOING, 8, REGION_NECK, {"weakness", "numbness"}},
    };
    static const enum flag_kind order[] = {FLAG_LEG_WEAKNESS, FLAG_SEVERE_NOT_EASING,
                                           FLAG_OVER_WEEK,    FLAG_LEG_NERVE,
                                           FLAG_RECURRING,    FLAG_LONG_RUNNING};
    static const enum flag_level levels[] = {FLAG_LEVEL_URGENT,     FLAG_LEVEL_SEE_DOCTOR,
                                             FLAG_LEVEL_SEE_DOCTOR, FLAG_LEVEL_SEE_DOCTOR,
                                             FLAG_LEVEL_SEE_DOCTOR, FLAG_LEVEL_INFO};
    struct flags f;
    (void)state;
    run(&f, NOW, eps, 5);
    assert_int_equal(flags_count(&f), FLAG_MAX);
    for (size_t i = 0; i < FLAG_MAX; i++) {
        const struct flag *fl = flags_at(&f, i);
        assert_int_equal(fl->kind, order[i]);
        assert_int_equal(fl->level, levels[i]);
        assert_true(fl->title[0] != '\0' && strlen(fl->title) <= 74);
        assert_true(strlen(fl->advice) > 0);
        assert_null(strchr(fl->advice, '\n'));
        assert_null(strstr(fl->advice, "clinician"));
        assert_true(fl->nrefs >= 1 && fl->nrefs <= fl->total);
        assert_int_equal(fl->span, fl->to - fl->from);
    }
    assert_int_equal(must_find(&f, FLAG_LONG_RUNNING)->total, 5);
    assert_int_equal(must_find(&f, FLAG_LONG_RUNNING)->from, NOW - 70 * D);
    assert_int_equal(must_find(&f, FLAG_LONG_RUNNING)->to, NOW);
}

static void test_codes_and_footer(void **state)
{
    static const char *const codes[FLAG_KIND_COUNT] = {
        "leg_weakness", "severe_not_easing", "over_two_weeks", "over_week",
        "over_3_days",  "leg_nerve",         "recurring",      "long_running"};
    (void)state;
    for (int k = 0; k < FLAG_KIND_COUNT; k++)
        assert_string_equal(flag_kind_code((enum flag_kind)k), codes[k]);
    assert_string_equal(flag_kind_code(FLAG_KIND_COUNT), "unknown");
    assert_string_equal(flag_level_code(FLAG_LEVEL_INFO), "info");
    assert_string_equal(flag_level_code(FLAG_LEVEL_SEE_DOCTOR), "see_doctor");
    assert_string_equal(flag_level_code(FLAG_LEVEL_URGENT), "urgent");
    assert_string_equal(flag_level_code(FLAG_LEVEL_COUNT), "unknown");
    assert_string_equal(flags_advice_footer(),
                        "unknot is not medical advice. If you are worried, call your doctor.");
}

/* 100,000 episodes stream through a fixed-size struct; the flags at the end
 * are still exactly right. */
#define BIG 100000

static void test_long_history_constant_memory(void **state)
{
    struct flags f;
    int64_t base = NOW - 60 * D - (int64_t)(BIG - 3) * 3 * D;
    const struct flag *fl;
    (void)state;
    assert_true(sizeof(struct flags) <= 8 * 1024);
    flags_begin(&f, NOW);
    for (int64_t i = 0; i < BIG - 3; i++) {
        int64_t t = base + i * 3 * D;
        int64_t len = i == BIG / 2 ? 10 * D : 2 * H; /* an old over-a-week spell */
        feed_one(&f, i + 1, t, t + len, (int)(i % 11), (enum region)(i % REGION_COUNT));
    }
    feed_one(&f, BIG - 2, NOW - 20 * D, NOW - 20 * D + H, 5, REGION_LOWER);
    feed_one(&f, BIG - 1, NOW - 10 * D, NOW - 10 * D + H, 5, REGION_LOWER);
    feed_one(&f, BIG, NOW - 4 * D, ONGOING, 8, REGION_MID);
    flags_end(&f);

    assert_int_equal(flags_count(&f), 3);
    assert_int_equal(flags_at(&f, 0)->kind, FLAG_SEVERE_NOT_EASING);
    assert_int_equal(flags_at(&f, 1)->kind, FLAG_OVER_3_DAYS);
    assert_int_equal(flags_at(&f, 2)->kind, FLAG_RECURRING);
    fl = must_find(&f, FLAG_SEVERE_NOT_EASING);
    assert_int_equal(fl->total, 1);
    assert_int_equal(fl->refs[0].id, BIG);
    fl = must_find(&f, FLAG_RECURRING);
    assert_int_equal(fl->total, 3);
    assert_int_equal(fl->refs[0].id, BIG - 2);
    assert_string_equal(fl->note, "");
}

#define T(fn) cmocka_unit_test_setup(fn, setup_utc)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_issue_over_a_week),
        T(test_issue_recurring_seven_mornings),
        T(test_issue_severe_daily_episodes),
        T(test_issue_long_running),
        T(test_daily_starts_count_as_days),
        T(test_one_spasm_and_nine_spasms_differ),
        T(test_spell_days),
        T(test_current_spell_47_vs_49_hours),
        T(test_spell_chaining),
        T(test_ladder_boundaries),
        T(test_ladder_refs_keep_latest),
        T(test_recurring_boundaries),
        T(test_recurring_refs_and_title),
        T(test_recurring_same_region_note),
        T(test_recurring_full_window),
        T(test_severe_boundaries),
        T(test_severe_one_episode),
        T(test_leg_boundaries),
        T(test_leg_words),
        T(test_wants_tags),
        T(test_long_running_boundaries),
        T(test_long_running_words),
        T(test_berlin_seven_mornings),
        T(test_berlin_24_hours_apart),
        T(test_berlin_window_start),
        T(test_empty_history),
        T(test_nothing_before_end_and_feed_after_end),
        T(test_all_in_order),
        T(test_codes_and_footer),
        T(test_long_history_constant_memory),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
