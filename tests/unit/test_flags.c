/* Tests of src/flags.c: every rule at its boundaries, with an injected now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/episode.h"
#include "src/flags.h"

#define NOW ((int64_t)1800000000) /* 2027-01-15 */
#define D FLAG_DAY_S
#define H FLAG_HOUR_S
#define ONGOING EPISODE_ONGOING
#define MAX_EPS 32

/* An episode of a test history: id, start, end (ONGOING), intensity, region. */
struct ep_spec {
    int64_t id;
    int64_t start;
    int64_t end;
    int intensity;
    enum region region;
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

static void feed_one(struct flags *f, int64_t id, int64_t start, int64_t end, int intensity,
                     enum region region)
{
    scratch.id = id;
    scratch.started_at = start;
    scratch.ended_at = end;
    scratch.intensity = intensity;
    scratch.region = region;
    flags_feed(f, &scratch);
}

static void run(struct flags *f, int64_t now, const struct ep_spec *eps, size_t n)
{
    episode_init(&scratch);
    flags_begin(f, now);
    for (size_t i = 0; i < n; i++)
        feed_one(f, eps[i].id, eps[i].start, eps[i].end, eps[i].intensity, eps[i].region);
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

static void check_cases(const struct flag_case *cases, size_t ncases)
{
    for (size_t i = 0; i < ncases; i++) {
        struct flags f;
        const struct flag_case *c = &cases[i];
        run(&f, NOW, c->eps, c->n);
        if ((find(&f, c->kind) != NULL) != c->expect)
            fail_msg("case \"%s\": %s flag expected %s", c->name, flag_kind_code(c->kind),
                     c->expect ? "present" : "absent");
    }
}

/* ---- over a week ---- */

#define A (NOW - 20 * D) /* a start well inside the relevance window */

static const struct flag_case over_week_cases[] = {
    {"exactly 7 days", FLAG_OVER_WEEK, 0, 1, {{1, A, A + 7 * D, 5, REGION_LOWER}}},
    {"7 days + 1 s", FLAG_OVER_WEEK, 1, 1, {{1, A, A + 7 * D + 1, 5, REGION_LOWER}}},
    {"47 h gap chains", FLAG_OVER_WEEK, 1, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER},
      {2, A + 4 * D + 47 * H, A + 8 * D + 47 * H, 5, REGION_LOWER}}},
    {"48 h gap does not chain", FLAG_OVER_WEEK, 0, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER},
      {2, A + 4 * D + 48 * H, A + 8 * D + 48 * H, 5, REGION_LOWER}}},
    {"49 h gap does not chain", FLAG_OVER_WEEK, 0, 2,
     {{1, A, A + 4 * D, 5, REGION_LOWER},
      {2, A + 4 * D + 49 * H, A + 8 * D + 49 * H, 5, REGION_LOWER}}},
    {"gap measured from the latest end of the spell", FLAG_OVER_WEEK, 1, 3,
     {{1, A, A + 5 * D, 5, REGION_LOWER},
      {2, A + 1 * D, A + 2 * D, 5, REGION_LOWER},
      {3, A + 5 * D + 47 * H, A + 6 * D + 47 * H, 5, REGION_LOWER}}},
    {"ongoing, started 8 days ago", FLAG_OVER_WEEK, 1, 1,
     {{1, NOW - 8 * D, ONGOING, 3, REGION_LOWER}}},
    {"ongoing, started exactly 7 days ago", FLAG_OVER_WEEK, 0, 1,
     {{1, NOW - 7 * D, ONGOING, 3, REGION_LOWER}}},
    {"ongoing chained to a finished episode", FLAG_OVER_WEEK, 1, 2,
     {{1, NOW - 9 * D, NOW - 3 * D, 3, REGION_LOWER}, {2, NOW - 2 * D, ONGOING, 3, REGION_LOWER}}},
    {"ended exactly 30 days ago: still relevant", FLAG_OVER_WEEK, 1, 1,
     {{1, NOW - 40 * D, NOW - 30 * D, 5, REGION_LOWER}}},
    {"ended 30 days + 1 s ago: no longer relevant", FLAG_OVER_WEEK, 0, 1,
     {{1, NOW - 40 * D - 1, NOW - 30 * D - 1, 5, REGION_LOWER}}},
    {"end before start counts as zero length", FLAG_OVER_WEEK, 0, 1,
     {{1, NOW - 10 * D, NOW - 20 * D, 5, REGION_LOWER}}},
};

static void test_over_week_boundaries(void **state)
{
    (void)state;
    check_cases(over_week_cases, sizeof over_week_cases / sizeof over_week_cases[0]);
}

static void test_over_week_wording(void **state)
{
    static const struct {
        int64_t len;
        const char *title, *advice_part;
    } rows[] = {
        {7 * D + 1, "Over a week", "over a week"},
        {14 * D, "Over a week", "over a week"},
        {14 * D + 1, "Over two weeks", "over two weeks should be seen"},
        {40 * D, "Over two weeks", "over two weeks should be seen"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct flags f;
        struct ep_spec ep = {7, NOW - rows[i].len, NOW, 5, REGION_NECK};
        const struct flag *fl;
        run(&f, NOW, &ep, 1);
        fl = must_find(&f, FLAG_OVER_WEEK);
        assert_string_equal(fl->title, rows[i].title);
        assert_non_null(strstr(fl->advice, rows[i].advice_part));
        assert_int_equal(fl->span, rows[i].len);
        assert_int_equal(fl->from, NOW - rows[i].len);
        assert_int_equal(fl->to, NOW);
        assert_string_equal(fl->note, ""); /* one episode: no spell note */
    }
}

static void test_over_week_reports_most_recent_spell(void **state)
{
    static const struct ep_spec eps[] = {
        {1, NOW - 29 * D, NOW - 20 * D, 5, REGION_LOWER}, /* 9 days */
        {2, NOW - 17 * D, NOW - 9 * D, 5, REGION_LOWER},  /* 8 days, 3 days later */
        {3, NOW - 2 * D, NOW - 1 * D, 5, REGION_LOWER},   /* short, last */
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 3);
    fl = must_find(&f, FLAG_OVER_WEEK);
    assert_int_equal(fl->total, 1);
    assert_int_equal(fl->refs[0].id, 2);
    assert_int_equal(fl->from, NOW - 17 * D);
    assert_int_equal(fl->span, 8 * D);
}

static void test_over_week_refs(void **state)
{
    static const struct ep_spec eps[] = {
        {11, A, A + 3 * D, 5, REGION_LOWER},
        {12, A + 3 * D + 10 * H, A + 6 * D, 5, REGION_LOWER},
        {13, A + 7 * D, A + 9 * D, 5, REGION_LOWER},
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 3);
    fl = must_find(&f, FLAG_OVER_WEEK);
    assert_int_equal(fl->total, 3);
    assert_int_equal(fl->nrefs, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(fl->refs[i].id, eps[i].id);
        assert_int_equal(fl->refs[i].started_at, eps[i].start);
    }
    assert_int_equal(fl->span, 9 * D);
    assert_string_equal(fl->note, "3 episodes less than 48 h apart, counted as one spell.");
}

static void test_over_week_long_spell_keeps_latest_refs(void **state)
{
    struct flags f;
    const struct flag *fl;
    int64_t t = NOW - 20 * 36 * H;
    (void)state;
    episode_init(&scratch);
    flags_begin(&f, NOW);
    for (int64_t id = 1; id <= 20; id++, t += 36 * H) /* 1 day each, 12 h apart */
        feed_one(&f, id, t, id == 20 ? ONGOING : t + D, 4, REGION_MID);
    flags_end(&f);
    fl = must_find(&f, FLAG_OVER_WEEK);
    assert_int_equal(fl->total, 20);
    assert_int_equal(fl->nrefs, FLAG_MAX_REFS);
    for (size_t i = 0; i < FLAG_MAX_REFS; i++)
        assert_int_equal(fl->refs[i].id, 20 - FLAG_MAX_REFS + 1 + (int64_t)i);
    assert_int_equal(fl->from, NOW - 20 * 36 * H);
    assert_int_equal(fl->to, NOW);
}

/* ---- recurring ---- */

#define SHORT(id, start, region) {id, start, (start) + 2 * H, 5, region}

static const struct flag_case recurring_cases[] = {
    {"3 within 30 days", FLAG_RECURRING, 1, 3,
     {SHORT(1, NOW - 29 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"window is closed at both ends", FLAG_RECURRING, 1, 3,
     {SHORT(1, NOW - 30 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      {3, NOW, ONGOING, 5, REGION_UPPER}}},
    {"3 spread over 31 days", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 31 * D, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"first one 30 days + 1 s ago", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 30 * D - 1, REGION_LOWER), SHORT(2, NOW - 15 * D, REGION_MID),
      SHORT(3, NOW - 1 * D, REGION_UPPER)}},
    {"only 2", FLAG_RECURRING, 0, 2,
     {SHORT(1, NOW - 15 * D, REGION_MID), SHORT(2, NOW - 1 * D, REGION_UPPER)}},
    {"two starts 23 h apart are one occurrence", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 10 * D + 23 * H, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"two starts exactly 24 h apart are one occurrence", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 9 * D, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"two starts 24 h + 1 s apart are two", FLAG_RECURRING, 1, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 9 * D + 1, REGION_LOWER),
      SHORT(3, NOW - 5 * D, REGION_LOWER)}},
    {"a start after now is not counted", FLAG_RECURRING, 0, 3,
     {SHORT(1, NOW - 10 * D, REGION_LOWER), SHORT(2, NOW - 5 * D, REGION_LOWER),
      {3, NOW + 60, ONGOING, 5, REGION_LOWER}}},
};

static void test_recurring_boundaries(void **state)
{
    (void)state;
    check_cases(recurring_cases, sizeof recurring_cases / sizeof recurring_cases[0]);
}

static void test_recurring_refs_and_title(void **state)
{
    static const struct ep_spec eps[] = {
        SHORT(21, NOW - 40 * D, REGION_LOWER), /* outside the window */
        SHORT(22, NOW - 20 * D, REGION_LOWER),
        SHORT(23, NOW - 20 * D + 5 * H, REGION_LOWER), /* same occurrence as 22 */
        SHORT(24, NOW - 12 * D, REGION_NECK),
        SHORT(25, NOW - 2 * D, REGION_MID),
    };
    struct flags f;
    const struct flag *fl;
    (void)state;
    run(&f, NOW, eps, 5);
    fl = must_find(&f, FLAG_RECURRING);
    assert_string_equal(fl->title, "Recurring: 3 in 30 days");
    assert_int_equal(fl->total, 3);
    assert_int_equal(fl->nrefs, 3);
    assert_int_equal(fl->refs[0].id, 22);
    assert_int_equal(fl->refs[1].id, 24);
    assert_int_equal(fl->refs[2].id, 25);
    assert_int_equal(fl->refs[1].started_at, NOW - 12 * D);
    assert_int_equal(fl->from, NOW - 20 * D);
    assert_int_equal(fl->to, NOW - 2 * D);
    assert_string_equal(fl->note, ""); /* 23 (lower) was merged into 22 */
}

static void test_recurring_same_region_note(void **state)
{
    static const struct {
        enum region r[4];
        size_t n;
        const char *note_start; /* NULL: no note */
    } rows[] = {
        {{REGION_LOWER, REGION_MID, REGION_NECK}, 3, NULL},
        {{REGION_LOWER, REGION_NECK, REGION_LOWER}, 3, "2 in the lower back:"},
        {{REGION_NECK, REGION_NECK, REGION_NECK}, 3, "3 in the neck:"},
        {{REGION_UPPER, REGION_MID, REGION_MID}, 3, "2 in the mid back:"},
        {{REGION_NECK, REGION_UPPER, REGION_UPPER, REGION_NECK}, 4, "2 in the upper back:"},
        {{REGION_NECK, REGION_LOWER, REGION_NECK, REGION_LOWER}, 4, "2 in the lower back:"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct ep_spec eps[4];
        struct flags f;
        const struct flag *fl;
        for (size_t k = 0; k < rows[i].n; k++)
            eps[k] = (struct ep_spec)SHORT((int64_t)k + 1, NOW - (int64_t)(20 - 5 * k) * D,
                                           rows[i].r[k]);
        run(&f, NOW, eps, rows[i].n);
        fl = must_find(&f, FLAG_RECURRING);
        if (!rows[i].note_start) {
            assert_string_equal(fl->note, "");
            continue;
        }
        if (strncmp(fl->note, rows[i].note_start, strlen(rows[i].note_start)) != 0)
            fail_msg("row %zu: note \"%s\" should start with \"%s\"", i, fl->note,
                     rows[i].note_start);
        assert_non_null(strstr(fl->note, "spine problem"));
        assert_true(strlen(fl->note) <= 78);
    }
}

static void test_recurring_full_window(void **state)
{
    struct flags f;
    const struct flag *fl;
    int64_t k;
    (void)state;
    episode_init(&scratch);
    flags_begin(&f, NOW);
    /* The most occurrences the window can hold. */
    for (k = FLAG_RECUR_SLOTS - 1; k >= 0; k--) {
        int64_t t = NOW - k * (D + 1);
        feed_one(&f, 100 - k, t, t + H, 5, REGION_LOWER);
    }
    flags_end(&f);
    fl = must_find(&f, FLAG_RECURRING);
    assert_int_equal(FLAG_RECUR_SLOTS, 30);
    assert_int_equal(fl->total, 30);
    assert_int_equal(fl->nrefs, FLAG_MAX_REFS);
    assert_int_equal(fl->refs[FLAG_MAX_REFS - 1].id, 100);
    assert_int_equal(fl->refs[0].id, 100 - FLAG_MAX_REFS + 1);
    assert_string_equal(fl->title, "Recurring: 30 in 30 days");
    assert_non_null(strstr(fl->note, "30 in the lower back:"));
    assert_true(strlen(fl->note) <= 78);
}

static void test_recurring_chain_is_one_occurrence(void **state)
{
    struct flags f;
    (void)state;
    episode_init(&scratch);
    /* Each start within a day of the one before: one occurrence, however
     * long the chain (CONTENT.md: after the previous one started). */
    flags_begin(&f, NOW);
    for (int i = 0; i < 5; i++)
        feed_one(&f, i + 1, NOW - 10 * D + i * 20 * H, NOW - 10 * D + i * 20 * H + H, 5,
                 REGION_LOWER);
    flags_end(&f);
    for (size_t i = 0; i < flags_count(&f); i++)
        assert_int_not_equal(flags_at(&f, i)->kind, FLAG_RECURRING);
    /* The same starts 25 h apart are five occurrences. */
    flags_begin(&f, NOW);
    for (int i = 0; i < 5; i++)
        feed_one(&f, i + 1, NOW - 10 * D + i * 25 * H, NOW - 10 * D + i * 25 * H + H, 5,
                 REGION_LOWER);
    flags_end(&f);
    assert_int_equal(must_find(&f, FLAG_RECURRING)->total, 5);
}

/* ---- severe and not easing ---- */

static const struct flag_case severe_cases[] = {
    {"7, ongoing exactly 3 days", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 3 * D, ONGOING, 7, REGION_LOWER}}},
    {"7, ongoing 3 days + 1 s", FLAG_SEVERE_NOT_EASING, 1, 1,
     {{1, NOW - 3 * D - 1, ONGOING, 7, REGION_LOWER}}},
    {"10, ongoing 5 days", FLAG_SEVERE_NOT_EASING, 1, 1,
     {{1, NOW - 5 * D, ONGOING, 10, REGION_LOWER}}},
    {"6, ongoing 5 days", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 5 * D, ONGOING, 6, REGION_LOWER}}},
    {"9, ended after 5 days", FLAG_SEVERE_NOT_EASING, 0, 1,
     {{1, NOW - 5 * D, NOW - 1, 9, REGION_LOWER}}},
};

static void test_severe_boundaries(void **state)
{
    (void)state;
    check_cases(severe_cases, sizeof severe_cases / sizeof severe_cases[0]);
}

static void test_severe_refs_and_advice(void **state)
{
    static const struct ep_spec eps[] = {
        {41, NOW - 9 * D, NOW - 8 * D, 9, REGION_LOWER}, /* ended */
        {42, NOW - 4 * D, ONGOING, 8, REGION_LOWER},
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
    assert_non_null(strstr(fl->advice, "Call your clinician"));
    assert_non_null(strstr(fl->advice, "3 days"));
}

/* ---- chronic ---- */

#define LAST_END (NOW - 2 * D + H)

static const struct flag_case chronic_cases[] = {
    {"span exactly 12 weeks", FLAG_CHRONIC, 1, 3,
     {{1, LAST_END - 84 * D, LAST_END - 84 * D + H, 3, REGION_LOWER},
      {2, NOW - 40 * D, NOW - 40 * D + H, 3, REGION_LOWER},
      {3, NOW - 2 * D, LAST_END, 3, REGION_LOWER}}},
    {"span 12 weeks - 1 s", FLAG_CHRONIC, 0, 3,
     {{1, LAST_END - 84 * D + 1, LAST_END - 84 * D + H, 3, REGION_LOWER},
      {2, NOW - 40 * D, NOW - 40 * D + H, 3, REGION_LOWER},
      {3, NOW - 2 * D, LAST_END, 3, REGION_LOWER}}},
    {"only 2 episodes", FLAG_CHRONIC, 0, 2,
     {{1, NOW - 100 * D, NOW - 100 * D + H, 3, REGION_LOWER},
      {2, NOW - 2 * D, LAST_END, 3, REGION_LOWER}}},
    {"none in the last 30 days", FLAG_CHRONIC, 0, 3,
     {{1, NOW - 200 * D, NOW - 200 * D + H, 3, REGION_LOWER},
      {2, NOW - 100 * D, NOW - 100 * D + H, 3, REGION_LOWER},
      {3, NOW - 31 * D, NOW - 31 * D + H, 3, REGION_LOWER}}},
    {"an ongoing one is recent and ends at now", FLAG_CHRONIC, 1, 3,
     {{1, NOW - 84 * D, NOW - 84 * D + H, 3, REGION_LOWER},
      {2, NOW - 60 * D, NOW - 60 * D + H, 3, REGION_LOWER},
      {3, NOW - 31 * D, ONGOING, 3, REGION_LOWER}}},
};

static void test_chronic_boundaries(void **state)
{
    (void)state;
    check_cases(chronic_cases, sizeof chronic_cases / sizeof chronic_cases[0]);
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
    episode_init(&scratch);
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

/* A history that raises all four flags; they come most pressing first and
 * every line fits a terminal. */
static void test_all_four_in_order(void **state)
{
    static const struct ep_spec eps[] = {
        {1, NOW - 200 * D, NOW - 200 * D + H, 3, REGION_LOWER},
        {2, NOW - 25 * D, NOW - 25 * D + H, 5, REGION_LOWER},
        {3, NOW - 15 * D, NOW - 15 * D + H, 5, REGION_LOWER},
        {4, NOW - 10 * D, ONGOING, 8, REGION_NECK},
    };
    static const enum flag_kind order[] = {FLAG_SEVERE_NOT_EASING, FLAG_OVER_WEEK,
                                           FLAG_RECURRING, FLAG_CHRONIC};
    struct flags f;
    (void)state;
    run(&f, NOW, eps, 4);
    assert_int_equal(flags_count(&f), 4);
    for (size_t i = 0; i < 4; i++) {
        const struct flag *fl = flags_at(&f, i);
        assert_int_equal(fl->kind, order[i]);
        assert_true(fl->title[0] != '\0');
        assert_true(strlen(fl->advice) > 0 && strlen(fl->advice) <= 78);
        assert_true(strlen(fl->note) <= 78);
        assert_null(strchr(fl->advice, '\n'));
        assert_true(fl->nrefs >= 1 && fl->nrefs <= fl->total);
        assert_int_equal(fl->span, fl->to - fl->from);
    }
    assert_int_equal(flags_at(&f, 3)->total, 4);
    assert_int_equal(flags_at(&f, 3)->from, NOW - 200 * D);
    assert_int_equal(flags_at(&f, 3)->to, NOW);
}

static void test_codes_and_footer(void **state)
{
    (void)state;
    assert_string_equal(flag_kind_code(FLAG_OVER_WEEK), "over_week");
    assert_string_equal(flag_kind_code(FLAG_RECURRING), "recurring");
    assert_string_equal(flag_kind_code(FLAG_SEVERE_NOT_EASING), "severe_not_easing");
    assert_string_equal(flag_kind_code(FLAG_CHRONIC), "chronic");
    assert_string_equal(flag_kind_code(FLAG_KIND_COUNT), "unknown");
    assert_string_equal(flags_advice_footer(),
                        "unknot is not medical advice. If you are worried, call your clinician.");
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
    episode_init(&scratch);
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
    assert_null(find(&f, FLAG_OVER_WEEK));
    fl = must_find(&f, FLAG_SEVERE_NOT_EASING);
    assert_int_equal(fl->total, 1);
    assert_int_equal(fl->refs[0].id, BIG);
    fl = must_find(&f, FLAG_RECURRING);
    assert_int_equal(fl->total, 3);
    assert_int_equal(fl->refs[0].id, BIG - 2);
    assert_non_null(strstr(fl->note, "2 in the lower back"));
    fl = must_find(&f, FLAG_CHRONIC);
    assert_int_equal(fl->total, BIG);
    assert_int_equal(fl->nrefs, FLAG_MAX_REFS);
    assert_int_equal(fl->refs[FLAG_MAX_REFS - 1].id, BIG);
    assert_int_equal(fl->refs[0].id, BIG - FLAG_MAX_REFS + 1);
    assert_int_equal(fl->from, base);
    assert_int_equal(fl->to, NOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_over_week_boundaries),
        cmocka_unit_test(test_over_week_wording),
        cmocka_unit_test(test_over_week_reports_most_recent_spell),
        cmocka_unit_test(test_over_week_refs),
        cmocka_unit_test(test_over_week_long_spell_keeps_latest_refs),
        cmocka_unit_test(test_recurring_boundaries),
        cmocka_unit_test(test_recurring_refs_and_title),
        cmocka_unit_test(test_recurring_same_region_note),
        cmocka_unit_test(test_recurring_full_window),
        cmocka_unit_test(test_recurring_chain_is_one_occurrence),
        cmocka_unit_test(test_severe_boundaries),
        cmocka_unit_test(test_severe_refs_and_advice),
        cmocka_unit_test(test_chronic_boundaries),
        cmocka_unit_test(test_empty_history),
        cmocka_unit_test(test_nothing_before_end_and_feed_after_end),
        cmocka_unit_test(test_all_four_in_order),
        cmocka_unit_test(test_codes_and_footer),
        cmocka_unit_test(test_long_history_constant_memory),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
