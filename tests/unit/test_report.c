/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/report.c: the statistics on hand-made histories with known
 * answers, then the rendered report in all four formats. Times are UTC
 * (TZ is set in main) so dates are the same on every machine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/csv.h"
#include "src/episode.h"
#include "src/flags.h"
#include "src/report.h"
#include "src/util.h"

#define D ((int64_t)REPORT_DAY_S)
#define H ((int64_t)3600)
#define FROM ((int64_t)1767225600) /* 2026-01-01 00:00 UTC */
#define NOW (FROM + 90 * D)        /* 2026-04-01 00:00 UTC */
#define ONGOING EPISODE_ONGOING

static struct episode scratch; /* ~10 KB: keep it off the stack */

/* Feeds a complete check given as its stored verdict code (NULL or
 * unknown: outside the enum) and nanswers answers (answers NULL: none). */
static void feed_check_raw(struct report *r, int64_t at, const char *verdict,
                           const unsigned char *answers, size_t nanswers)
{
    struct check c;
    memset(&c, 0, sizeof c);
    c.taken_at = at;
    c.complete = 1;
    if (!verdict || redflag_level_parse(verdict, &c.verdict) != 0)
        c.verdict = REDFLAG_LEVEL_COUNT;
    for (size_t i = 0; answers && i < nanswers && i < CHECK_MAX_ITEMS; i++)
        c.answers[c.nanswers++] = answers[i];
    report_feed_check(r, &c);
}

/* ---- building histories ---------------------------------------------------- */

/* Adds a tag as stored, without normalizing (so tests can feed untrimmed
 * or odd text the way a database row could hold it). */
static void raw_tag(struct episode *ep, enum tag_kind kind, const char *text)
{
    size_t len = strlen(text);
    assert_true(ep->ntags < EPISODE_MAX_TAGS && len <= EPISODE_TAG_MAX);
    ep->tags[ep->ntags].kind = kind;
    memcpy(ep->tags[ep->ntags].text, text, len + 1);
    ep->ntags++;
}

/* Tags as "kind=text;kind=text", e.g. "symptom=stiffness;medication=X". */
static void add_tags(struct episode *ep, const char *spec)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *t = strtok_r(buf, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(t, '=');
        enum tag_kind kind;
        assert_non_null(eq);
        *eq = '\0';
        assert_int_equal(tag_kind_parse(t, &kind), 0);
        raw_tag(ep, kind, eq + 1);
    }
}

struct ep_spec {
    int64_t id, start, end; /* end: ONGOING */
    int intensity;
    enum region region;
    enum side side;
    const char *tags;
};

static const struct episode *make(const struct ep_spec *s)
{
    episode_init(&scratch);
    scratch.id = s->id;
    scratch.started_at = s->start;
    scratch.ended_at = s->end;
    scratch.intensity = s->intensity;
    scratch.region = s->region;
    scratch.side = s->side;
    add_tags(&scratch, s->tags ? s->tags : "");
    return &scratch;
}

/* The history of the golden tests: six episodes over 90 days. By hand:
 * ended durations 1h 2h 3h 6h 24h (median 3h, longest 1d = #4); #6 ongoing
 * for 4d15h; intensity 33/6 = 5.5, peak 8; 6 / (90/7) = 0.47 -> 0.5 per
 * week; longest gap between starts #4 -> #5, 28d20h = 28.8 days; longest
 * free stretch from #4's end (day 32 10:00) to #5 (day 60 06:00), 27.8. */
static const struct ep_spec history[] = {
    {1, FROM + 2 * D + 8 * H, FROM + 2 * D + 10 * H, 4, REGION_LOWER, SIDE_LEFT,
     "symptom=stiffness;symptom=knot;trigger=lifting;relief=heat;medication=Ibuprofen 400 mg"},
    {2, FROM + 9 * D + 7 * H, FROM + 9 * D + 13 * H, 6, REGION_LOWER, SIDE_LEFT,
     "symptom=stiffness;trigger=bending;relief=rest;relief=heat;medication=ibuprofen 400 MG"},
    {3, FROM + 30 * D + 21 * H, FROM + 30 * D + 22 * H, 3, REGION_NECK, SIDE_RIGHT,
     "symptom=twitching;trigger=stress;relief=massage"},
    {4, FROM + 31 * D + 10 * H, FROM + 32 * D + 10 * H, 8, REGION_LOWER, SIDE_BOTH,
     "symptom=numbness;symptom=radiating-leg;trigger=other:moving a sofa;relief=medication;"
     "medication=Naproxen 250 mg;medication=IBUPROFEN 400 mg"},
    {5, FROM + 60 * D + 6 * H, FROM + 60 * D + 9 * H, 5, REGION_MID, SIDE_CENTER,
     "symptom=stiffness;symptom=weakness;trigger=out-of-bed;relief=walking"},
    {6, FROM + 85 * D + 9 * H, ONGOING, 7, REGION_LOWER, SIDE_UNSET,
     "symptom=stiffness;symptom=sleep;trigger=sitting"},
};
#define NHISTORY (sizeof history / sizeof history[0])

struct check_spec {
    int64_t at;
    const char *verdict;
    const char *yes; /* items answered yes, "1,17" */
};

/* Item 17 (spreading down one leg) is a "see a doctor soon" item. */
static const struct check_spec checks[] = {
    {FROM + 61 * D + 8 * H, "see_doctor", "17"},
    {FROM + 10 * D + 12 * H, "clear", ""},
    {FROM + 31 * D + 12 * H, "emergency", "1,17"},
    {FROM + 70 * D, "clear", ""},
};

static void feed_check(struct report *r, const struct check_spec *c)
{
    unsigned char a[REDFLAG_COUNT];
    char err[128];
    assert_int_equal(redflags_parse_yes_list(c->yes, a, err, sizeof err), 0);
    feed_check_raw(r, c->at, c->verdict, a, REDFLAG_COUNT);
}

/* A session from its stored codes; an unknown kind is outside the enum. */
static struct session session(const char *kind, const char *routine, const char *status,
                              int64_t elapsed, int before, int after)
{
    struct session s;
    memset(&s, 0, sizeof s);
    if (session_kind_parse(kind, &s.kind) != 0)
        s.kind = SESSION_KIND_COUNT;
    snprintf(s.routine, sizeof s.routine, "%s", routine);
    assert_int_equal(session_status_parse(status, &s.status), 0);
    s.elapsed_s = s.planned_s = elapsed;
    s.started_at = FROM + 3 * D;
    s.ended_at = s.started_at + elapsed;
    s.pain_before = before;
    s.pain_after = after;
    return s;
}

/* Stretch: changes -2, 0, -5 (one unrated): -7/3 = -2.3; first-aid -1.0,
 * daily -5.0; ice -2.0; heat unrated. 1320 + 2400 s = 62 minutes. */
static void feed_sessions(struct report *r)
{
    const struct session s[] = {
        session("stretch", "first-aid", "done", 300, 6, 4),
        session("stretch", "first-aid", "done", 300, 5, 5),
        session("stretch", "daily", "stopped", 600, 8, 3),
        session("stretch", "daily", "interrupted", 120, SESSION_PAIN_NONE, SESSION_PAIN_NONE),
        session("ice", "", "done", 1200, 7, 5),
        session("heat", "", "done", 1200, 6, SESSION_PAIN_NONE),
    };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        assert_int_equal(report_feed_session(r, &s[i]), 0);
}

/* The whole fixture, the way the CLI will feed it. */
static void fixture(struct report *r)
{
    static const int64_t sorted[] = {1 * H, 2 * H, 3 * H, 6 * H, 24 * H};
    struct flags fl;
    report_begin(r, FROM, NOW, NOW);
    flags_begin(&fl, NOW);
    for (size_t i = 0; i < NHISTORY; i++) {
        const struct episode *ep = make(&history[i]);
        report_feed_episode(r, ep);
        flags_feed(&fl, ep);
    }
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(report_feed_duration_sorted(r, sorted[i], i, 5), 0);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        feed_check(r, &checks[i]);
    feed_sessions(r);
    flags_end(&fl);
    report_set_flags(r, &fl);
    report_end(r);
}

/* The report in a format, as a string the caller frees. */
static char *render(const struct report *r, enum report_format fmt)
{
    /* static: gcc's -Wdangling-pointer takes a pointer that open_memstream
     * stores through a local's address for one into that local. */
    static char *out;
    static size_t len;
    out = NULL;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    assert_int_equal(report_write(r, f, fmt), 0);
    assert_int_equal(fclose(f), 0);
    return out;
}

/* Display columns of a line (the test data's wide characters are CJK). */
static size_t columns(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80)
            continue;
        w += c >= 0xE3 && c <= 0xE9 ? 2 : 1;
    }
    return w;
}

static void assert_fits(const char *text, size_t max)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        if (columns(line, len) > max)
            fail_msg("line over %zu columns: \"%.*s\"", max, (int)len, line);
        line += len + (line[len] == '\n');
    }
}

/* first and then both occur in text, first before then. */
static void assert_before(const char *text, const char *first, const char *then)
{
    const char *a = strstr(text, first), *b = strstr(text, then);
    if (!a)
        fail_msg("missing \"%s\"", first);
    if (!b)
        fail_msg("missing \"%s\"", then);
    if (a >= b)
        fail_msg("\"%s\" does not come before \"%s\"", first, then);
}

/* A figure line: the label, then the value starting at column 44. */
static void assert_figure(const char *text, const char *label, const char *value)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        const char *p = line + strspn(line, " ");
        size_t ll = strlen(label), vl = strlen(value);
        size_t lend = (size_t)(p - line) + ll; /* column after the label */
        if (strncmp(p, label, ll) == 0 && len == 44 + vl && strncmp(line + 44, value, vl) == 0 &&
            lend <= 42 && strspn(line + lend, " ") == 44 - lend)
            return;
        line += len + (line[len] == '\n');
    }
    fail_msg("no figure \"%s\" = \"%s\" in the text", label, value);
}

/* ---- median ------------------------------------------------------------------ */

struct median_case {
    const char *name;
    size_t n;
    int64_t v[6];
    int ok;
    int64_t median, longest;
};

static void test_median(void **state)
{
    static const struct median_case cases[] = {
        {"none", 0, {0}, 0, 0, 0},
        {"one", 1, {100}, 1, 100, 100},
        {"odd", 3, {10, 20, 90}, 1, 20, 90},
        {"odd, repeated middle", 5, {1, 7, 7, 7, 100}, 1, 7, 100},
        {"even", 4, {10, 20, 30, 41}, 1, 25, 41},
        {"even, rounded down", 2, {1, 2}, 1, 1, 2},
        {"even, hours", 2, {3600, 86400}, 1, 45000, 86400},
        {"even, six", 6, {60, 120, 180, 301, 400, 999}, 1, 240, 999},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct median_case *c = &cases[i];
        struct report_durations d;
        int64_t median = -1, longest = -1;
        report_durations_init(&d);
        for (size_t j = 0; j < c->n; j++)
            assert_int_equal(report_durations_feed(&d, c->v[j], j, c->n), 0);
        int rc = report_durations_result(&d, &median, &longest);
        if (rc != (c->ok ? 0 : -1) || (c->ok && (median != c->median || longest != c->longest)))
            fail_msg("%s: rc %d median %lld longest %lld", c->name, rc, (long long)median,
                     (long long)longest);
    }
}

/* Feeding out of order, with a changing count, or stopping early gives no
 * median rather than a wrong one. */
static void test_median_bad_feed(void **state)
{
    struct report_durations d;
    int64_t m;
    (void)state;

    report_durations_init(&d);
    assert_int_equal(report_durations_feed(&d, 20, 0, 2), 0);
    assert_int_equal(report_durations_feed(&d, 10, 1, 2), -1); /* decreasing */
    assert_int_equal(report_durations_result(&d, &m, NULL), -1);

    report_durations_init(&d);
    assert_int_equal(report_durations_feed(&d, 10, 0, 3), 0);
    assert_int_equal(report_durations_feed(&d, 20, 2, 3), -1); /* index skipped */
    assert_int_equal(report_durations_feed(&d, 20, 1, 3), -1); /* stays bad */
    assert_int_equal(report_durations_result(&d, &m, NULL), -1);

    report_durations_init(&d);
    assert_int_equal(report_durations_feed(&d, 10, 0, 3), 0);
    assert_int_equal(report_durations_feed(&d, 20, 1, 4), -1); /* count changed */

    report_durations_init(&d);
    assert_int_equal(report_durations_feed(&d, 10, 0, 3), 0);
    assert_int_equal(report_durations_feed(&d, 20, 1, 3), 0);
    assert_int_equal(report_durations_result(&d, &m, NULL), -1); /* incomplete */

    report_durations_init(&d);
    assert_int_equal(report_durations_feed(&d, 10, 0, 0), -1); /* empty sample */
    assert_int_equal(report_durations_feed(&d, 10, 3, 3), -1);
}

/* ---- the fixture's figures ------------------------------------------------ */

static void test_fixture_figures(void **state)
{
    struct report r;
    (void)state;
    fixture(&r);
    assert_int_equal(r.episodes, 6);
    assert_int_equal(r.ended, 5);
    assert_int_equal(r.ongoing, 1);
    assert_true(r.have_median);
    assert_int_equal(r.median, 3 * H);
    assert_int_equal(r.longest, 24 * H);
    assert_int_equal(r.longest_id, 4);
    assert_int_equal(r.peak, 8);
    assert_int_equal(r.intensity_sum, 33);
    assert_int_equal(r.bands[BAND_MILD], 1);
    assert_int_equal(r.bands[BAND_MODERATE], 3);
    assert_int_equal(r.bands[BAND_SEVERE], 2);
    assert_int_equal(r.regions[REGION_LOWER], 4);
    assert_int_equal(r.sides[SIDE_LEFT], 2);
    assert_int_equal(r.sides[SIDE_UNSET], 1);
    assert_int_equal(r.gaps.gap, 28 * D + 20 * H);
    assert_int_equal(r.gaps.gap_from, history[3].start);
    assert_int_equal(r.gaps.free, 27 * D + 20 * H);
    assert_int_equal(r.gaps.free_from, history[3].end);
    assert_int_equal(r.checks, 4);
    assert_int_equal(r.yes[0], 1);
    assert_int_equal(r.yes[16], 2);
    assert_int_equal(r.latest_at, FROM + 70 * D);
    assert_int_equal(r.latest_complete, 1);
    assert_int_equal(r.partial, 0);
    /* The emergency check, and #5's "weakness" (a warning sign, item 13). */
    assert_int_equal(r.warn_checks, 1);
    assert_int_equal(r.warn_list[0].at, FROM + 31 * D + 12 * H);
    assert_int_equal(r.warn_list[0].yes, (1u << 0) | (1u << 16));
    assert_int_equal(r.sign_eps, 1);
    assert_int_equal(r.sign_list[0].id, 5);
    assert_int_equal(r.sign_list[0].level, REDFLAG_URGENT);
    assert_int_equal(r.sign_list[0].nsigns, 1);
    assert_int_equal(r.sign_list[0].signs[0]->item, 13);
    assert_int_equal(r.latest, REDFLAG_CLEAR);
    assert_int_equal(r.verdicts[REDFLAG_EMERGENCY], 1);
    assert_int_equal(r.verdicts[REDFLAG_CLEAR], 2);
}

/* Ongoing episodes count, are listed with their age, and stay out of the
 * median and the longest; durations that do not match the ended episodes
 * give no median. */
static void test_ongoing_excluded(void **state)
{
    static const struct ep_spec eps[] = {
        {1, FROM + D, FROM + D + 1 * H, 3, REGION_LOWER, SIDE_LEFT, NULL},
        {2, FROM + 2 * D, FROM + 2 * D + 2 * H, 3, REGION_LOWER, SIDE_LEFT, NULL},
        {3, FROM + 3 * D, FROM + 3 * D + 3 * H, 3, REGION_LOWER, SIDE_LEFT, NULL},
        {4, FROM + 10 * D, ONGOING, 9, REGION_LOWER, SIDE_LEFT, NULL},
    };
    struct report r;
    (void)state;
    for (int extra = 0; extra <= 1; extra++) {
        report_begin(&r, FROM, NOW, NOW);
        for (size_t i = 0; i < 4; i++)
            report_feed_episode(&r, make(&eps[i]));
        /* extra: the caller wrongly counts the ongoing one as a duration */
        size_t n = 3 + (size_t)extra;
        for (size_t i = 0; i < n; i++)
            report_feed_duration_sorted(&r, (int64_t)(i + 1) * H, i, n);
        report_end(&r);
        assert_int_equal(r.ended, 3);
        assert_int_equal(r.ongoing, 1);
        assert_int_equal(r.longest, 3 * H);
        assert_int_equal(r.have_median, !extra);
        if (!extra)
            assert_int_equal(r.median, 2 * H);
        char *text = render(&r, REPORT_TEXT);
        assert_non_null(strstr(text, "#4 since 2026-01-11 00:00"));
        assert_non_null(strstr(text, "80d")); /* its age so far */
        if (extra)
            assert_non_null(strstr(text, "Median not available"));
        free(text);
    }
}

/* ---- rate and gaps --------------------------------------------------------- */

/* A period that runs past now: the time after now is not counted as free
 * of episodes (nobody knows yet), but the rate is over the whole period. */
static void test_period_past_now(void **state)
{
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW + 10 * D, NOW);
    report_end(&r);
    assert_int_equal(r.gaps.free, 90 * D);
    assert_int_equal(r.gaps.free_to, NOW);

    static const struct ep_spec ongoing = {1, NOW - 2 * D, ONGOING, 5, REGION_MID, SIDE_LEFT, NULL};
    report_begin(&r, FROM, NOW + 10 * D, NOW);
    report_feed_episode(&r, make(&ongoing));
    report_end(&r);
    assert_int_equal(r.gaps.free, 88 * D); /* then ongoing up to now */

    /* An ongoing episode covers every day up to now, even while later
     * episodes start and end. */
    static const struct ep_spec two[] = {
        {1, FROM + 10 * D, ONGOING, 5, REGION_MID, SIDE_LEFT, NULL},
        {2, FROM + 50 * D, FROM + 51 * D, 5, REGION_MID, SIDE_LEFT, NULL},
    };
    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < 2; i++)
        report_feed_episode(&r, make(&two[i]));
    report_end(&r);
    assert_int_equal(r.gaps.free, 10 * D);
    assert_int_equal(r.gaps.gap, 40 * D);

    /* Fed out of start order: no gap figures rather than wrong ones. */
    report_begin(&r, FROM, NOW, NOW);
    report_feed_episode(&r, make(&two[1]));
    report_feed_episode(&r, make(&two[0]));
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "Gaps not worked out"));
    assert_null(strstr(text, "longest gap between starts"));
    free(text);
}

static void test_per_week(void **state)
{
    static const struct {
        size_t count;
        int64_t days;
        int64_t want; /* tenths */
    } cases[] = {
        {13, 90, 10},                                       /* 1.011 */
        {6, 90, 5},                                         /* 0.467 */
        {1, 90, 1},                                         /* 0.078 */
        {0, 90, 0},   {90, 90, 70}, {1, 7, 10}, {1, 20, 4}, /* 0.35: half rounds up */
        {3, 1, 210},  {1, 0, -1},                           /* no period */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(report_per_week_tenths(cases[i].count, FROM, FROM + cases[i].days * D),
                         cases[i].want);
    assert_int_equal(report_per_week_tenths(5, FROM, FROM - D), -1);
}

struct gap_case {
    const char *name;
    size_t n;
    int64_t start[5], end[5]; /* offsets from FROM */
    int64_t to;               /* offset of the window's end */
    int64_t gap, gap_from;    /* gap -1: fewer than two */
    int64_t free, free_from;
    int unordered;
};

static void test_gaps(void **state)
{
    static const struct gap_case cases[] = {
        {"no episodes: the whole period is free", 0, {0}, {0}, 90 * D, -1, 0, 90 * D, 0, 0},
        {"one episode", 1, {10 * D}, {11 * D}, 90 * D, -1, 0, 79 * D, 11 * D, 0},
        {"free at the start",
         2,
         {40 * D, 41 * D},
         {40 * D + H, 90 * D},
         90 * D,
         D,
         40 * D,
         40 * D,
         0,
         0},
        {"longest gap in the middle",
         4,
         {2 * D, 5 * D, 26 * D, 30 * D},
         {2 * D + H, 6 * D, 27 * D, 31 * D},
         35 * D,
         21 * D,
         5 * D,
         20 * D,
         6 * D,
         0},
        {"an overlapping long episode covers later gaps",
         3,
         {1 * D, 2 * D, 20 * D},
         {30 * D, 3 * D, 21 * D},
         40 * D,
         18 * D,
         2 * D,
         10 * D,
         30 * D,
         0},
        {"equal starts", 2, {5 * D, 5 * D}, {5 * D, 6 * D}, 10 * D, 0, 5 * D, 5 * D, 0, 0},
        {"ties: the first longest is named",
         3,
         {2 * D, 6 * D, 10 * D},
         {3 * D, 7 * D, 11 * D},
         14 * D,
         4 * D,
         2 * D,
         3 * D,
         3 * D,
         0},
        {"out of order",
         3,
         {10 * D, 2 * D, 20 * D},
         {11 * D, 3 * D, 21 * D},
         30 * D,
         0,
         0,
         0,
         0,
         1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct gap_case *c = &cases[i];
        struct report_gaps g;
        report_gaps_begin(&g, FROM, FROM + c->to);
        for (size_t j = 0; j < c->n; j++)
            report_gaps_feed(&g, FROM + c->start[j], FROM + c->end[j]);
        report_gaps_end(&g);
        if (g.unordered != c->unordered)
            fail_msg("%s: unordered %d", c->name, g.unordered);
        if (c->unordered)
            continue;
        if (g.gap != c->gap || (c->gap >= 0 && g.gap_from != FROM + c->gap_from))
            fail_msg("%s: gap %lld from %lld", c->name, (long long)g.gap,
                     (long long)(g.gap_from - FROM));
        if (g.free != c->free || g.free_from != FROM + c->free_from)
            fail_msg("%s: free %lld from %lld", c->name, (long long)g.free,
                     (long long)(g.free_from - FROM));
        assert_int_equal(g.free_to - g.free_from, g.free);
    }
}

/* ---- medications ------------------------------------------------------------ */

static void add_meds_episode(struct report_meds *m, const char *const *names, size_t n)
{
    episode_init(&scratch);
    for (size_t i = 0; i < n; i++)
        raw_tag(&scratch, TAG_MEDICATION, names[i]);
    raw_tag(&scratch, TAG_SYMPTOM, "stiffness"); /* other kinds are not medications */
    report_meds_add_episode(m, &scratch);
}

static void test_meds_merging(void **state)
{
    static const char *const e1[] = {"Ibuprofen 400 mg"};
    static const char *const e2[] = {"  ibuprofen 400 MG\t", "Paracetamol"};
    static const char *const e3[] = {"IBUPROFEN 400 MG", "ibuprofen 400 mg", "paracetamol"};
    static const char *const e4[] = {"Ärztemittel", "ärztemittel", "   "};
    static const char *const e5[] = {"Paracetamol "};
    struct report_meds m;
    (void)state;
    report_meds_init(&m);
    add_meds_episode(&m, e1, 1);
    add_meds_episode(&m, e2, 2);
    add_meds_episode(&m, e3, 3); /* the same name twice in one episode counts once */
    add_meds_episode(&m, e4, 3); /* non-ASCII letters match exactly; blanks ignored */
    add_meds_episode(&m, e5, 1);
    add_meds_episode(&m, NULL, 0);
    report_meds_sort(&m);
    assert_int_equal(m.episodes, 5);
    assert_int_equal(m.other_episodes, 0);
    assert_int_equal(m.n, 4);
    assert_string_equal(m.meds[0].name, "Ibuprofen 400 mg"); /* first spelling, trimmed */
    assert_int_equal(m.meds[0].episodes, 3);
    assert_string_equal(m.meds[1].name, "Paracetamol");
    assert_int_equal(m.meds[1].episodes, 3);
    assert_string_equal(m.meds[2].name, "Ärztemittel");
    assert_int_equal(m.meds[2].episodes, 1);
    assert_string_equal(m.meds[3].name, "ärztemittel");
}

/* More distinct names than the table holds: the first REPORT_MAX_MEDS keep
 * exact counts, later names go to "other medications" (once per episode),
 * and names already in the table still count. */
static void test_meds_overflow(void **state)
{
    struct report_meds m;
    char names[REPORT_MAX_MEDS + 3][16];
    (void)state;
    report_meds_init(&m);
    for (size_t i = 0; i < REPORT_MAX_MEDS + 3; i++)
        snprintf(names[i], sizeof names[i], "med %zu", i);
    for (size_t i = 0; i < REPORT_MAX_MEDS; i++) {
        const char *one[] = {names[i]};
        add_meds_episode(&m, one, 1);
    }
    const char *late[] = {names[REPORT_MAX_MEDS], names[REPORT_MAX_MEDS + 1], "MED 5"};
    add_meds_episode(&m, late, 3);
    const char *later[] = {names[REPORT_MAX_MEDS + 2]};
    add_meds_episode(&m, later, 1);
    report_meds_sort(&m);
    assert_int_equal(m.n, REPORT_MAX_MEDS);
    assert_int_equal(m.other_episodes, 2);
    assert_int_equal(m.episodes, REPORT_MAX_MEDS + 2);
    assert_string_equal(m.meds[0].name, "med 5");
    assert_int_equal(m.meds[0].episodes, 2);
    assert_string_equal(m.meds[1].name, "med 0"); /* ties keep the order met */
    assert_string_equal(m.meds[REPORT_MAX_MEDS - 1].name, "med 31");

    struct report r;
    report_begin(&r, FROM, NOW, NOW);
    r.meds = m;
    r.episodes = m.episodes;
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "other medications (episodes)"));
    free(text);
}

/* ---- checks: bladder or bowel ------------------------------------------------ */

struct bladder_case {
    const char *name;
    size_t n;
    int64_t at[8];
    int yes[8];
    const char *want[4]; /* text that must appear */
};

static void test_bladder(void **state)
{
    static const struct bladder_case cases[] = {
        {"no checks", 0, {0}, {0}, {"No red-flag check in this period."}},
        {"never yes",
         3,
         {FROM + D, FROM + 2 * D, FROM + 3 * D},
         {0, 0, 0},
         {"Not reported in 3 checks.", "answered yes (check item 1)"}},
        {"one check", 1, {FROM + D}, {0}, {"Not reported in 1 check."}},
        {"yes twice",
         4,
         {FROM + 5 * D, FROM + D, FROM + 9 * D + 8 * H, FROM + 3 * D},
         {1, 0, 1, 0},
         {"Reported in 2 of 4 checks", "2026-01-06 00:00", "2026-01-10 08:00"}},
        /* newest first, as the store iterates checks */
        {"more yes than listed",
         7,
         {FROM + 7 * D, FROM + 6 * D, FROM + 5 * D, FROM + 4 * D, FROM + 3 * D, FROM + 2 * D,
          FROM + 1 * D},
         {1, 1, 1, 1, 1, 1, 1},
         {"Reported in 7 of 7 checks", "earlier yes answers not listed", "2026-01-08 00:00",
          "2026-01-04 00:00"}},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bladder_case *c = &cases[i];
        struct report r;
        report_begin(&r, FROM, NOW, NOW);
        for (size_t j = 0; j < c->n; j++) {
            unsigned char a[REDFLAG_COUNT] = {0};
            a[0] = (unsigned char)c->yes[j];
            feed_check_raw(&r, c->at[j], c->yes[j] ? "emergency" : "clear", a, REDFLAG_COUNT);
        }
        report_end(&r);
        char *text = render(&r, REPORT_TEXT);
        char *sec = strstr(text, "Any loss of bladder or bowel control?");
        char *end = sec ? strstr(sec, "How long do the spasms last?") : NULL;
        assert_non_null(end);
        *end = '\0';
        for (size_t k = 0; k < 4 && c->want[k]; k++)
            if (!strstr(sec, c->want[k]))
                fail_msg("%s: no \"%s\" in:\n%s", c->name, c->want[k], sec);
        if (c->n == 7) {
            /* The five most recent are kept: days 3..7, not days 1 and 2. */
            assert_null(strstr(sec, "2026-01-02 00:00"));
            assert_null(strstr(sec, "2026-01-03 00:00"));
            assert_int_equal(r.nyes_dates, REPORT_MAX_YES_DATES);
            assert_int_equal(r.yes_dates[0], FROM + 3 * D);
        }
        free(text);
    }
}

/* An unknown verdict code is worked out from the answers; the latest check
 * wins whatever the feeding order. */
static void test_check_verdicts(void **state)
{
    unsigned char a[REDFLAG_COUNT] = {0}, b[3] = {0, 0, 1};
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    a[9] = 1; /* item 10: urgent */
    feed_check_raw(&r, FROM + 5 * D, "bogus", a, REDFLAG_COUNT);
    feed_check_raw(&r, FROM + 9 * D, NULL, b, 3); /* item 3: emergency */
    feed_check_raw(&r, FROM + 2 * D, "clear", NULL, 0);
    report_end(&r);
    assert_int_equal(r.verdicts[REDFLAG_URGENT], 1);
    assert_int_equal(r.verdicts[REDFLAG_EMERGENCY], 1);
    assert_int_equal(r.verdicts[REDFLAG_CLEAR], 1);
    assert_int_equal(r.latest, REDFLAG_EMERGENCY);
    assert_int_equal(r.latest_at, FROM + 9 * D);
    assert_int_equal(r.yes[2], 1);
}

/* The "bladder-bowel" symptom answers the question too: a yes in either
 * the log or the checklist is reported, never "Not reported". */
static void test_bladder_symptom(void **state)
{
    static const struct {
        const char *name;
        int checks, yes_check, eps, yes_ep;
        const char *want, *not;
    } cases[] = {
        {"symptom, no checks", 0, 0, 2, 1,
         "Reported in 1 of 2 episodes: an emergency warning sign.", "Not reported"},
        {"neither, no checks", 0, 0, 2, 0,
         "Not reported in 2 episodes; no red-flag check in this period.", "Reported in"},
        {"neither", 3, 0, 2, 0, "Not reported in 3 checks or 2 episodes.", "Reported in"},
        {"both", 3, 1, 2, 1,
         "Reported in 1 of 3 checks and in 1 of 2 episodes: an emergency warning sign.",
         "Not reported"},
        {"symptom only", 3, 0, 1, 1, "Reported in 1 of 1 episode: an emergency warning sign.",
         "Not reported"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct report r;
        report_begin(&r, FROM, NOW, NOW);
        for (int e = 0; e < cases[i].eps; e++) {
            struct ep_spec sp = {e + 1, FROM + (e + 1) * D, FROM + (e + 1) * D + H, 5,
                                 REGION_LOWER, SIDE_UNSET,
                                 e < cases[i].yes_ep ? "symptom=bladder-bowel" : "symptom=knot"};
            report_feed_episode(&r, make(&sp));
        }
        for (int c = 0; c < cases[i].checks; c++) {
            unsigned char a[REDFLAG_COUNT] = {0};
            a[0] = c < cases[i].yes_check;
            feed_check_raw(&r, FROM + (10 + c) * D, a[0] ? "emergency" : "clear", a,
                           REDFLAG_COUNT);
        }
        report_end(&r);
        char *text = render(&r, REPORT_TEXT);
        char *sec = strstr(text, "Any loss of bladder or bowel control?");
        char *end = sec ? strstr(sec, "How long do the spasms last?") : NULL;
        assert_non_null(end);
        *end = '\0';
        if (!strstr(sec, cases[i].want) || strstr(sec, cases[i].not))
            fail_msg("%s: want \"%s\" in:\n%s", cases[i].name, cases[i].want, sec);
        assert_figure(sec, "episodes with bladder or bowel trouble",
                      cases[i].yes_ep ? "1" : "0");
        free(text);
    }
}

/* ---- partial checks and the warning signs -------------------------------------- */

static void assert_json_parses(const char *json); /* below, with the json tests */

/* A check left after a yes: the answers given (CHECK_NO) up to the yes
 * items, the rest not asked. */
static void feed_partial(struct report *r, int64_t at, const int *yes, size_t nyes, int last)
{
    unsigned char a[REDFLAG_COUNT];
    struct check c;
    memset(a, CHECK_NOT_ASKED, sizeof a);
    for (int i = 0; i < last; i++)
        a[i] = CHECK_NO;
    for (size_t i = 0; i < nyes; i++)
        a[yes[i] - 1] = CHECK_YES;
    check_from_progress(at, a, &c);
    assert_int_equal(c.complete, 0);
    report_feed_check(r, &c);
}

static void partial_history(struct report *r)
{
    static const int one[] = {1}, ten[] = {10};
    unsigned char none[REDFLAG_COUNT] = {0};
    report_begin(r, FROM, NOW, NOW);
    feed_partial(r, FROM + 2 * D, one, 1, 0);    /* item 1 yes, then "stop here" */
    feed_partial(r, FROM + 5 * D + 8 * H, ten, 1, 9); /* 1-9 no, 10 yes, then left */
    feed_check_raw(r, FROM + 3 * D, "clear", none, REDFLAG_COUNT);
    report_end(r);
}

/* Checks with a "not sure" answer are counted and listed with those items,
 * apart from the yes; a doubt is never a yes (the verdict counts and the
 * per-item yes counts do not move) in any format. */
static void test_unsure_checks(void **state)
{
    struct report r;
    (void)state;
    unsigned char a[REDFLAG_COUNT];
    report_begin(&r, FROM, NOW, NOW);
    memset(a, CHECK_NO, sizeof a);
    a[0] = CHECK_UNSURE;
    a[19] = CHECK_UNSURE;
    feed_check_raw(&r, FROM + 2 * D, "clear", a, REDFLAG_COUNT);
    memset(a, CHECK_NO, sizeof a);
    feed_check_raw(&r, FROM + 3 * D, "clear", a, REDFLAG_COUNT);
    report_end(&r);
    assert_int_equal(r.unsure_checks, 1);
    assert_int_equal(r.nunsure_list, 1);
    assert_int_equal(r.unsure_list[0].unsure, (UINT32_C(1) << 0) | (UINT32_C(1) << 19));
    assert_int_equal(r.unsure_list[0].yes, 0);
    assert_int_equal(r.yes[0], 0);
    assert_int_equal(r.verdicts[REDFLAG_CLEAR], 2);
    assert_int_equal(r.warn_checks, 0);
    char *text = render(&r, REPORT_TEXT);
    char *sec = strstr(text, "\nRed-flag checks\n");
    assert_non_null(sec);
    assert_figure(sec, "with a not-sure answer", "1");
    assert_before(sec, "checks with a not-sure answer, oldest first\n    check taken 2026-01-03",
                  "      answered not sure\n        item 1: Trouble with your bladder or bowel");
    assert_non_null(strstr(sec, "        item 20: No better after a week or two of home care?\n"));
    /* the listed check with a doubt never reads as no warning signs */
    const char *listed = strstr(sec, "checks with a not-sure answer, oldest first");
    assert_before(listed, "No yes answers, but some you were not sure about",
                  "answered not sure");
    assert_fits(text, 78);
    free(text);
    char *json = render(&r, REPORT_JSON);
    assert_json_parses(json);
    assert_non_null(strstr(json, "\"unsure\": 1,"));
    assert_non_null(strstr(json, "\"unsure\": [\n"));
    free(json);
    /* none: the text says nothing of it, the machines keep the keys */
    report_begin(&r, FROM, NOW, NOW);
    feed_check_raw(&r, FROM + 3 * D, "clear", a, REDFLAG_COUNT);
    report_end(&r);
    text = render(&r, REPORT_TEXT);
    assert_null(strstr(text, "not sure"));
    assert_null(strstr(text, "not-sure"));
    free(text);
    json = render(&r, REPORT_JSON);
    assert_non_null(strstr(json, "\"unsure\": 0,"));
    assert_non_null(strstr(json, "\"unsure_checks\": []"));
    free(json);
}

/* Partial checks are counted, marked and listed with their yes items, by
 * number and words, in every format; the latest check says it is partial. */
static void test_partial_checks(void **state)
{
    struct report r;
    (void)state;
    partial_history(&r);
    assert_int_equal(r.partial, 2);
    assert_int_equal(r.npartial_list, 2);
    assert_int_equal(r.partial_list[1].answered, 10);
    assert_int_equal(r.latest, REDFLAG_URGENT);
    assert_int_equal(r.latest_complete, 0);
    char *text = render(&r, REPORT_TEXT);
    char *sec = strstr(text, "\nRed-flag checks\n");
    assert_non_null(sec);
    assert_figure(sec, "partial (left after a yes)", "2");
    assert_figure(sec, "complete", "no, partial");
    assert_figure(sec, "items answered (of 20)", "10");
    assert_before(sec, "partial checks, oldest first\n    check taken 2026-01-03 00:00\n",
                  "    check taken 2026-01-06 08:00\n");
    assert_before(sec, "        item 1: Trouble with your bladder or bowel",
                  "        item 10: Have you ever had cancer, and is this back pain new?\n");
    assert_null(strstr(text, "clear"));
    assert_fits(text, 78);
    free(text);
    char *md = render(&r, REPORT_MARKDOWN);
    assert_non_null(strstr(md, "    - complete: no, partial\n"));
    assert_non_null(strstr(md, "      - item 10: Have you ever had cancer, and is this back pain "
                               "new?\n"));
    free(md);
    char *csv = render(&r, REPORT_CSV);
    assert_non_null(strstr(csv, ",\"partial checks, oldest first / check taken "
                                "2026-01-06 08:00 / complete\",false\r\n"));
    assert_non_null(strstr(csv, "checks,checks.partial_checks[0].complete,"));
    assert_non_null(strstr(csv, "checks,checks.latest.complete,latest check / complete,false\r\n"));
    free(csv);
    char *json = render(&r, REPORT_JSON);
    assert_json_parses(json);
    assert_non_null(strstr(json, "\"partial\": 2,"));
    assert_non_null(strstr(json, "\"verdict\": \"urgent\",\n      \"complete\": false\n"));
    assert_non_null(strstr(json, "{\"item\": 10, \"words\": \"Have you ever had cancer, and is "
                                 "this back pain new?\"}"));
    free(json);
}

/* The report opens with the period's emergency and urgent checks and the
 * episodes with a warning sign, dated; "see a doctor soon" checks and
 * ordinary symptoms stay out of it. */
static void test_warning_section(void **state)
{
    static const struct ep_spec eps[] = {
        {1, FROM + D, FROM + D + H, 4, REGION_LOWER, SIDE_UNSET, "symptom=knot"},
        {2, FROM + 4 * D + 9 * H, FROM + 4 * D + 10 * H, 8, REGION_LOWER, SIDE_UNSET,
         "symptom=stiffness;symptom=saddle-numbness;symptom=both-legs;symptom=saddle-numbness"},
        {3, FROM + 6 * D, ONGOING, 5, REGION_NECK, SIDE_UNSET, "symptom=arm-hand"},
    };
    struct report r;
    unsigned char soon[REDFLAG_COUNT] = {0}, urgent[REDFLAG_COUNT] = {0};
    (void)state;
    soon[16] = 1;
    urgent[12] = 1; /* item 13 */
    report_begin(&r, FROM, NOW, NOW);
    report_feed_episode(&r, make(&eps[0]));
    feed_check_raw(&r, FROM + 2 * D, "see_doctor", soon, REDFLAG_COUNT);
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_null(strstr(text, "Warning signs"));
    free(text);
    /* The machines keep the section, empty, so that its keys keep their types. */
    char *json = render(&r, REPORT_JSON);
    assert_non_null(strstr(json, "\"warning_signs\": {\n    \"summary\": \"No emergency or urgent "
                                 "check and no warning sign logged in this period.\",\n"
                                 "    \"check_count\": 0,\n    \"checks\": [],\n"
                                 "    \"episode_count\": 0,\n    \"episodes\": []\n  },"));
    free(json);

    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < sizeof eps / sizeof eps[0]; i++)
        report_feed_episode(&r, make(&eps[i]));
    feed_check_raw(&r, FROM + 7 * D, "urgent", urgent, REDFLAG_COUNT);
    feed_check_raw(&r, FROM + 2 * D, "see_doctor", soon, REDFLAG_COUNT);
    feed_partial(&r, FROM + 5 * D, (const int[]){2}, 1, 1);
    report_end(&r);
    text = render(&r, REPORT_TEXT);
    static const char opening[] = "unknot appointment report\n=========================\n\n"
                                  "Warning signs in this period\n";
    assert_true(strncmp(text, opening, sizeof opening - 1) == 0);
    assert_before(text, "Warning signs in this period", "\nPeriod\n");
    char *end = strstr(text, "\nPeriod\n");
    *end = '\0';
    assert_figure(text, "emergency or urgent checks", "2");
    assert_figure(text, "episodes with a warning sign logged", "2");
    /* oldest first: the partial emergency check, then the urgent one */
    assert_before(text, "    check taken 2026-01-06 00:00\n", "    check taken 2026-01-08 00:00\n");
    assert_null(strstr(text, "2026-01-03 00:00")); /* the see-soon check */
    assert_before(text, "item 2: Numbness or pins and needles between your legs",
                  "item 13: New weakness in one leg or foot");
    assert_figure(text, "verdict", "URGENT: contact a doctor today");
    assert_figure(text, "complete", "no, partial");
    /* #2's two signs, each once, at its most serious level; #3 urgent */
    assert_before(text, "    episode #2 started 2026-01-05 09:00\n", "    episode #3 started");
    assert_non_null(strstr(text, "      warning signs logged\n"
                                 "        item 2: numbness between the legs\n"
                                 "        item 3: symptoms in both legs\n"
                                 "    episode #3 started 2026-01-07 00:00\n"));
    assert_figure(text, "level", "EMERGENCY: seek emergency care now");
    assert_non_null(strstr(text, "        item 14: arm or hand numbness or weakness\n"));
    assert_null(strstr(text, "episode #1 "));
    assert_fits(text, 78);
    free(text);
    json = render(&r, REPORT_JSON);
    assert_json_parses(json);
    static const char json_opening[] = "{\n  \"format\": \"unknot-report\",\n  \"version\": 2,\n"
                                       "  \"warning_signs\": {\n    \"check_count\": 2,";
    assert_true(strncmp(json, json_opening, sizeof json_opening - 1) == 0);
    assert_non_null(strstr(json, "\"id\": 3,"));
    assert_non_null(strstr(json, "{\"item\": 14, \"words\": \"arm or hand numbness or weakness\"}"));
    free(json);
}

/* Only the most recent checks are listed; every one is counted. */
static void test_warning_list_bounded(void **state)
{
    struct report r;
    unsigned char a[REDFLAG_COUNT] = {1};
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (int i = 0; i < REPORT_MAX_LISTED + 2; i++) /* newest first, as the store gives them */
        feed_check_raw(&r, FROM + (20 - i) * D, "emergency", a, REDFLAG_COUNT);
    report_end(&r);
    assert_int_equal(r.warn_checks, REPORT_MAX_LISTED + 2);
    assert_int_equal(r.nwarn_list, REPORT_MAX_LISTED);
    assert_int_equal(r.warn_list[0].at, FROM + 13 * D);
    assert_int_equal(r.warn_list[REPORT_MAX_LISTED - 1].at, FROM + 20 * D);
    char *text = render(&r, REPORT_TEXT);
    assert_figure(text, "earlier checks not listed", "2");
    assert_null(strstr(text, "check taken 2026-01-13 00:00")); /* day 12: dropped */
    assert_non_null(strstr(text, "check taken 2026-01-14 00:00"));
    free(text);
    /* Episodes, oldest first as the store gives them: the latest are kept. */
    report_begin(&r, FROM, NOW, NOW);
    for (int i = 0; i < REPORT_MAX_LISTED + 3; i++) {
        struct ep_spec sp = {i + 1, FROM + i * D, FROM + i * D + H, 5, REGION_LOWER,
                             SIDE_UNSET, "symptom=fever"};
        report_feed_episode(&r, make(&sp));
    }
    report_end(&r);
    assert_int_equal(r.sign_eps, REPORT_MAX_LISTED + 3);
    assert_int_equal(r.nsign_list, REPORT_MAX_LISTED);
    assert_int_equal(r.sign_list[0].id, 4);
    text = render(&r, REPORT_TEXT);
    assert_figure(text, "episodes with a warning sign logged", "11");
    assert_figure(text, "earlier episodes not listed", "3");
    assert_null(strstr(text, "episode #3 started"));
    assert_before(text, "episode #4 started", "episode #11 started");
    free(text);
}

/* ---- tags and sessions ------------------------------------------------------- */

static int64_t tag_count(const struct report *r, enum tag_kind kind, const char *code)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return (int64_t)r->tags[kind][i];
    fail_msg("no code %s", code);
    return -1;
}

static void test_tag_counts(void **state)
{
    static const struct ep_spec eps[] = {
        {1, FROM + D, FROM + D + H, 2, REGION_LOWER, SIDE_LEFT,
         "trigger=other:sofa;trigger=other:piano;trigger=lifting;trigger=lifting;"
         "symptom=Stiffness;symptom=no-such-code;relief=heat"},
        {2, FROM + 2 * D, FROM + 2 * D + H, 2, REGION_LOWER, SIDE_LEFT,
         "trigger=lifting;relief=other:a warm bath"},
        {3, FROM + 3 * D, FROM + 3 * D + H, 2, REGION_LOWER, SIDE_LEFT, "relief=walking"},
    };
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < 3; i++)
        report_feed_episode(&r, make(&eps[i]));
    report_end(&r);
    assert_int_equal(r.tagged[TAG_TRIGGER], 2);
    assert_int_equal(r.tagged[TAG_RELIEF], 3);
    assert_int_equal(r.tagged[TAG_SYMPTOM], 1);

    /* Episodes without any tag of a kind say so. */
    report_begin(&r, FROM, NOW, NOW);
    report_feed_episode(&r, make(&eps[2]));
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "No triggers recorded."));
    assert_non_null(strstr(text, "No symptoms recorded."));
    assert_null(strstr(text, "No relief recorded."));
    free(text);

    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < 3; i++)
        report_feed_episode(&r, make(&eps[i]));
    report_end(&r);
    /* Free text is counted under its words, not as "other". */
    assert_int_equal(tag_count(&r, TAG_TRIGGER, "other"), 0);
    assert_int_equal(r.free_text[TAG_TRIGGER].n, 2);
    assert_string_equal(r.free_text[TAG_TRIGGER].meds[0].name, "sofa");
    assert_string_equal(r.free_text[TAG_TRIGGER].meds[1].name, "piano");
    assert_int_equal(tag_count(&r, TAG_TRIGGER, "lifting"), 2);
    assert_int_equal(tag_count(&r, TAG_SYMPTOM, "stiffness"), 1);
    assert_int_equal(tag_count(&r, TAG_SYMPTOM, "other"), 1); /* unknown code */
    assert_int_equal(tag_count(&r, TAG_RELIEF, "other"), 0);
    assert_string_equal(r.free_text[TAG_RELIEF].meds[0].name, "a warm bath");
    assert_int_equal(tag_count(&r, TAG_RELIEF, "heat"), 1);
}

/* A tag typed as free text shows under the words typed, in every format,
 * never as "other 1"; two spellings of one text are one entry. */
static void test_free_text_tags(void **state)
{
    static const struct ep_spec eps[] = {
        {1, FROM + D, FROM + D + H, 4, REGION_LOWER, SIDE_LEFT,
         "symptom=other:burning feet;symptom=stiffness;feel=other:like a vice;"
         "trigger=other:=cmd"},
        {2, FROM + 2 * D, FROM + 2 * D + H, 4, REGION_LOWER, SIDE_LEFT,
         "symptom=other: Burning Feet ;symptom=other:burning feet"},
    };
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < 2; i++)
        report_feed_episode(&r, make(&eps[i]));
    report_end(&r);
    assert_int_equal(r.tagged[TAG_SYMPTOM], 2);
    assert_int_equal(r.tagged[TAG_FEEL], 1);
    char *text = render(&r, REPORT_TEXT);
    assert_figure(text, "burning feet", "2"); /* the first spelling, once per episode */
    assert_figure(text, "like a vice", "1");
    assert_figure(text, "=cmd", "1");
    assert_null(strstr(text, "    other "));
    assert_null(strstr(text, "Burning Feet"));
    free(text);
    char *md = render(&r, REPORT_MARKDOWN);
    assert_non_null(strstr(md, "  - burning feet: 2\n"));
    assert_null(strstr(md, "- other: "));
    free(md);
    char *csv = render(&r, REPORT_CSV);
    assert_non_null(strstr(csv, "feel,feel.symptoms[1].code,symptoms (episodes) / burning feet / "
                                "code,other\r\n"));
    assert_non_null(strstr(csv, "feel,feel.symptoms[1].words,symptoms (episodes) / burning feet / "
                                "words,burning feet\r\n"));
    assert_non_null(strstr(csv, "feel,feel.symptoms[1].episodes,symptoms (episodes) / burning "
                                "feet / episodes,2\r\n"));
    /* typed text is guarded against spreadsheet formulas, label and value */
    assert_non_null(strstr(csv, "triggers,triggers.tags[0].words,episodes / =cmd / words,'=cmd\r\n"));
    free(csv);
    char *json = render(&r, REPORT_JSON);
    assert_json_parses(json);
    assert_non_null(strstr(json, "\"symptoms\": [\n      {\"code\": \"stiffness\", \"words\": "
                                 "\"stiffness\", \"episodes\": 1},\n      {\"code\": \"other\", "
                                 "\"words\": \"burning feet\", \"episodes\": 2}\n    ]"));
    assert_non_null(strstr(json, "\"qualities\": [\n      {\"code\": \"other\", \"words\": "
                                 "\"like a vice\", \"episodes\": 1}\n    ]"));
    free(json);
}

/* The episode with a note, as the store gives it. */
static const struct episode *with_note(const struct ep_spec *sp, const char *note)
{
    make(sp);
    snprintf(scratch.note, sizeof scratch.note, "%s", note);
    return &scratch;
}

/* "Your notes": each note of the period with the start of its episode, in
 * every format; markdown escapes a note so that it opens no heading or
 * table; a blank note is not one. */
static void test_notes(void **state)
{
    static const struct ep_spec eps[] = {
        {1, FROM + D + 8 * H, FROM + D + 9 * H, 4, REGION_LOWER, SIDE_LEFT, NULL},
        {2, FROM + 2 * D, FROM + 2 * D + H, 4, REGION_LOWER, SIDE_LEFT, NULL},
        {3, FROM + 3 * D + 30 * 60, ONGOING, 4, REGION_LOWER, SIDE_LEFT, NULL},
    };
    static const char *const notes[] = {"Wet myself on the stairs.\nTwice.", " \n ",
                                        "# Heading\n| a | b |\n- list \x1b[31m"};
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (size_t i = 0; i < 3; i++)
        report_feed_episode(&r, with_note(&eps[i], notes[i]));
    report_end(&r);
    assert_int_equal(r.notes, 2);
    char *text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "\nYour notes\n----------\n"
                                 "  episode #1 started 2026-01-02 08:00\n"
                                 "    Wet myself on the stairs.\n"
                                 "    Twice.\n"
                                 "  episode #3 started 2026-01-04 00:30\n"
                                 "    # Heading\n"
                                 "    | a | b |\n"
                                 "    - list \xEF\xBF\xBD[31m\n"));
    assert_null(strstr(text, "episode #2 started"));
    assert_null(strstr(text, "\x1b"));
    assert_before(text, "Stretch, ice and heat", "Your notes");
    assert_before(text, "Your notes", "unknot is not medical advice");
    free(text);
    char *md = render(&r, REPORT_MARKDOWN);
    assert_non_null(strstr(md, "\n## Your notes\n"));
    /* A list item per note under its episode's; only what would be
     * markup at its place is escaped ("#1" stays, "# Heading" does not). */
    assert_non_null(strstr(md, "\n- episode #1 started 2026-01-02 08:00\n"
                               "  - Wet myself on the stairs. Twice.\n"));
    assert_non_null(strstr(md, "  - \\# Heading | a | b | - list \xEF\xBF\xBD[31m\n"));
    assert_null(strstr(md, "\n# Heading"));
    assert_null(strstr(md, "\n| a |"));
    free(md);
    char *csv = render(&r, REPORT_CSV);
    assert_non_null(strstr(csv, "notes,notes[0].episode,episode #1 started 2026-01-02 08:00 / "
                                "episode,1\r\n"));
    assert_non_null(strstr(csv, "notes,notes[0].started_at,episode #1 started 2026-01-02 08:00 "
                                "/ started_at,2026-01-02T08:00:00+00:00\r\n"));
    assert_non_null(strstr(csv, "notes,notes[0].note,episode #1 started 2026-01-02 08:00 / note,"
                                "\"Wet myself on the stairs.\nTwice.\"\r\n"));
    assert_non_null(strstr(csv, "notes,notes_not_listed,notes_not_listed,0\r\n"));
    free(csv);
    char *json = render(&r, REPORT_JSON);
    assert_json_parses(json);
    assert_non_null(strstr(json, "\n  \"notes\": [\n    {\n      \"episode\": 1,\n"
                                 "      \"started_at\": \"2026-01-02T08:00:00+00:00\",\n"
                                 "      \"note\": \"Wet myself on the stairs.\\nTwice.\"\n    },\n"
                                 "    {\n      \"episode\": 3,\n"));
    assert_non_null(strstr(json, "\"note\": \"# Heading\\n| a | b |\\n- list \\u001b[31m\""));
    assert_non_null(strstr(json, "\n  ],\n  \"notes_not_listed\": 0,\n  \"notice\": {"));
    assert_null(strstr(json, "notes_summary"));
    free(json);

    /* None: said in words; the json keeps its empty array. */
    report_begin(&r, FROM, NOW, NOW);
    report_feed_episode(&r, with_note(&eps[1], ""));
    report_end(&r);
    text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "\nYour notes\n----------\n  No notes in this period.\n"));
    free(text);
    json = render(&r, REPORT_JSON);
    assert_non_null(strstr(json, "\"notes\": [],\n  \"notes_summary\": \"No notes in this "
                                 "period.\",\n  \"notes_not_listed\": 0,"));
    free(json);
}

/* Many notes: the most recent REPORT_MAX_NOTES are listed oldest first,
 * whatever order they come in, and the heading says how many of all. */
static void test_notes_cap(void **state)
{
    struct report r;
    char note[32];
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (int i = 0; i < REPORT_MAX_NOTES + 3; i++) {
        int k = i == 0 ? REPORT_MAX_NOTES + 2 : i - 1; /* the newest comes first */
        struct ep_spec sp = {k + 1, FROM + k * D, FROM + k * D + H, 5, REGION_LOWER,
                             SIDE_UNSET, NULL};
        snprintf(note, sizeof note, "note of episode %d", k + 1);
        report_feed_episode(&r, with_note(&sp, note));
    }
    report_end(&r);
    assert_int_equal(r.notes, REPORT_MAX_NOTES + 3);
    assert_int_equal(r.nnote_list, REPORT_MAX_NOTES);
    char *text = render(&r, REPORT_TEXT);
    assert_non_null(strstr(text, "\nYour notes (the 8 most recent of 11)\n"
                                 "------------------------------------\n"
                                 "  episode #4 started 2026-01-04 00:00\n"
                                 "    note of episode 4\n"));
    assert_null(strstr(text, "note of episode 3\n"));
    assert_before(text, "note of episode 10\n", "note of episode 11\n");
    assert_figure(text, "earlier notes not listed", "3");
    free(text);
    char *json = render(&r, REPORT_JSON);
    assert_non_null(strstr(json, "\"notes_not_listed\": 3,"));
    assert_null(strstr(json, "note of episode 3\""));
    free(json);
}

static void test_sessions(void **state)
{
    struct report r;
    struct session bad = session("yoga", "", "done", 60, 5, 4);
    (void)state;
    fixture(&r);
    const struct report_session_stats *st = &r.kinds[0];
    assert_int_equal(st->sessions, 4);
    assert_int_equal(st->done, 2);
    assert_int_equal(st->stopped, 1);
    assert_int_equal(st->interrupted, 1);
    assert_int_equal(st->rated, 3);
    assert_int_equal(st->change, -7);
    assert_int_equal(r.kinds[1].rated, 1);
    assert_int_equal(r.kinds[2].rated, 0);
    assert_int_equal(r.nroutines, 2);
    assert_string_equal(r.routines[0].routine, "first-aid");
    assert_int_equal(r.routines[0].st.change, -2);
    assert_int_equal(r.routines[1].st.change, -5);

    report_begin(&r, FROM, NOW, NOW);
    assert_int_equal(report_feed_session(&r, &bad), -1);
    for (int i = 0; i < REPORT_MAX_ROUTINES + 2; i++) {
        char code[16];
        snprintf(code, sizeof code, "r%d", i);
        struct session s = session("stretch", code, "done", i ? 60 : 90, 11, 4);
        assert_int_equal(report_feed_session(&r, &s), 0);
    }
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_figure(text, "minutes", "19"); /* 1110 s: minutes are rounded */
    assert_figure(text, "sessions of routines not listed", "2");
    assert_non_null(strstr(text, "\n    r0\n")); /* an unknown routine: its code */
    free(text);
    assert_int_equal(r.nroutines, REPORT_MAX_ROUTINES);
    assert_int_equal(r.routines_dropped, 2);
    assert_int_equal(r.kinds[0].rated, 0); /* pain 11 is not a rating */
    assert_int_equal(report_feed_session(&r, &bad), -1);
}

static struct session_worse worse(const char *routine, const char *name)
{
    struct session_worse w;
    memset(&w, 0, sizeof w);
    w.index = 1;
    snprintf(w.routine, sizeof w.routine, "%s", routine);
    snprintf(w.name, sizeof w.name, "%s", name);
    return w;
}

/* "Did any exercise make it worse?": counted per routine and exercise
 * name, most sessions first then by name, in the routine's rows of the
 * sessions section and of what helps; JSON as arrays of objects, empty
 * for a stretch routine without any; text one line per exercise; a
 * routine not listed and anything after report_end is left out. */
static void test_worse(void **state)
{
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    feed_sessions(&r);
    const struct session_worse rows[] = {
        worse("first-aid", "Settle"),          worse("first-aid", "Self-massage: press"),
        worse("first-aid", "Settle"),          worse("first-aid", "Gentle stretch"),
        worse("first-aid", "Gentle stretch"),  worse("gone", "Settle"),
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        report_feed_worse(&r, &rows[i]);
    report_end(&r);
    struct session_worse late = worse("daily", "Knee-to-chest");
    report_feed_worse(&r, &late);
    assert_int_equal(r.routines[0].nworse, 3);
    assert_string_equal(r.routines[0].worse[0].name, "Gentle stretch");
    assert_int_equal(r.routines[0].worse[0].sessions, 2);
    assert_string_equal(r.routines[0].worse[1].name, "Settle");
    assert_string_equal(r.routines[0].worse[2].name, "Self-massage: press");
    assert_int_equal(r.routines[1].nworse, 0);

    char *text = render(&r, REPORT_TEXT);
    static const char block[] = "      made it worse (sessions)\n"
                                "        Gentle stretch                      2\n"
                                "        Settle                              2\n"
                                "        Self-massage: press                 1\n";
    const char *first = strstr(text, block);
    assert_non_null(first);
    assert_non_null(strstr(first + 1, block)); /* in what helps too */
    assert_null(strstr(strstr(first + 1, block) + 1, block));
    assert_null(strstr(text, "Knee-to-chest"));
    free(text);

    char *json = render(&r, REPORT_JSON);
    static const char arr[] = "\"worse\": [\n"
                              "          {\n"
                              "            \"exercise\": \"Gentle stretch\",\n"
                              "            \"sessions\": 2\n"
                              "          },";
    assert_non_null(strstr(json, arr));
    assert_non_null(strstr(json, "\"worse\": []")); /* daily: none */
    assert_null(strstr(json, "\"Settle\": ")); /* never data in keys */
    free(json);

    /* Past REPORT_MAX_WORSE names, the rest is counted. */
    report_begin(&r, FROM, NOW, NOW);
    feed_sessions(&r);
    for (int i = 0; i < REPORT_MAX_WORSE + 2; i++) {
        char name[16];
        snprintf(name, sizeof name, "Ex %02d", i);
        struct session_worse w = worse("daily", name);
        report_feed_worse(&r, &w);
    }
    report_end(&r);
    assert_int_equal(r.routines[1].nworse, REPORT_MAX_WORSE);
    assert_int_equal(r.routines[1].worse_dropped, 2);
    text = render(&r, REPORT_TEXT);
    assert_figure(text, "other exercises named (sessions)", "2");
    free(text);
}

/* ---- rendering ----------------------------------------------------------------- */

/* All ongoing episodes are counted; the first REPORT_MAX_ONGOING listed. */
static void test_many_ongoing(void **state)
{
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    for (int i = 0; i < REPORT_MAX_ONGOING + 2; i++) {
        const struct ep_spec s = {100 + i, FROM + i * D, ONGOING, 5, REGION_MID, SIDE_LEFT, NULL};
        report_feed_episode(&r, make(&s));
    }
    report_end(&r);
    assert_int_equal(r.ongoing, REPORT_MAX_ONGOING + 2);
    char *text = render(&r, REPORT_TEXT);
    assert_figure(text, "still going", "10");
    assert_figure(text, "#107 since 2026-01-08 00:00", "83d");
    assert_null(strstr(text, "#108"));
    assert_figure(text, "more not listed", "2");
    free(text);
}

static void test_text_golden(void **state)
{
    struct report r;
    (void)state;
    fixture(&r);
    char *text = render(&r, REPORT_TEXT);
    static const char *const lines[][2] = {
        {"from", "2026-01-01 00:00"},
        {"to", "2026-04-01 00:00"},
        {"days", "90"},
        {"episodes", "6"},
        {"still going", "1"},
        {"stiffness", "4"},
        {"average intensity (0-10)", "5.5"},
        {"peak intensity", "8"},
        {"moderate (4-6)", "3"},
        {"lower back", "4"},
        {"side not given", "1"},
        {"answered yes (check item 1)", "1"},
        {"median of ended episodes", "3h"},
        {"longest ended episode", "1d"},
        {"longest one started", "2026-02-01 10:00"},
        {"#6 since 2026-03-27 09:00", "4d15h"},
        {"episodes begun per week", "0.5"},
        {"days", "28.8"},
        {"days", "27.8"},
        {"episodes with stiffness", "4"},
        {"episodes with numbness or tingling", "1"},
        {"item 17: spreading down one leg", "2"},
        {"item 2: saddle numbness", "0"},
        {"item 13: weakness in one leg or foot", "0"},
        {"episodes with leg weakness", "1"},
        {"Ibuprofen 400 mg", "3"},
        {"Naproxen 250 mg", "1"},
        {"heat", "2"},
        {"checks taken", "4"},
        {"partial (left after a yes)", "0"},
        {"EMERGENCY", "1"},
        {"See a doctor soon", "1"},
        {"No warning signs reported", "2"},
        {"verdict", "No warning signs reported"},
        {"complete", "yes"},
        {"sessions", "6"},
        {"minutes in all", "62"},
        {"average pain change", "-2.3"},
        {"average pain change", "-1.0"},
        {"average pain change", "-5.0"},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        assert_figure(text, lines[i][0], lines[i][1]);
    static const char *const present[] = {
        "unknot appointment report\n",
        "\nWhat does the pain feel like?\n-----------------------------\n",
        "\nWhere is it?\n",
        "Reported in 1 of 4 checks: an emergency warning sign.",
        "\nHow often do they come?\n",
        "\nAny weakness or loss of coordination?\n",
        "\nWhat medications are being taken?\n",
        "Severe and not easing",
        "Back spasms over 12 weeks or more",
        "\n    Spasm first aid\n",
        "\n  unknot is not medical advice. If you are worried, call your doctor.\n",
    };
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!strstr(text, present[i]))
            fail_msg("missing \"%s\"", present[i]);
    /* #5's leg weakness and the emergency check open the report. */
    assert_before(text, "\nWarning signs in this period\n", "\nPeriod\n");
    assert_before(text, "    episode #5 started 2026-03-02 06:00\n",
                  "        item 13: weakness in a leg\n");
    /* Never "clear" to a reader: the verdict's words instead. */
    assert_null(strstr(text, "clear"));
    /* The questions come in the clinician's order. */
    assert_before(text, "Where is it?", "How long do the spasms last?");
    assert_before(text, "Red-flag checks\n", "did it help?");
    /* The medication most taken comes first. */
    assert_before(text, "Ibuprofen 400 mg", "Naproxen 250 mg");
    assert_fits(text, 78);
    size_t len = strlen(text);
    assert_true(len > 0 && text[len - 1] == '\n');
    free(text);
}

static void test_text_empty(void **state)
{
    struct report r;
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    static const char *const present[] = {
        "No episodes in this period.",
        "No red-flag check in this period.",
        "No flags raised.",
        "No stretch, ice or heat sessions in this period.",
        "unknot is not medical advice.",
    };
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!strstr(text, present[i]))
            fail_msg("missing \"%s\"", present[i]);
    assert_figure(text, "episodes", "0");
    /* Every question still has its heading and says there is no data. */
    const char *p = text;
    size_t no_episodes = 0;
    while ((p = strstr(p, "No episodes in this period.")) != NULL) {
        no_episodes++;
        p++;
    }
    assert_int_equal(no_episodes, 11); /* period to relief, without bladder */
    free(text);
}

/* Long user text wraps inside 78 columns, wide characters counted as two. */
static void test_text_wraps(void **state)
{
    struct report r;
    char longname[EPISODE_TAG_MAX + 1], cjk[EPISODE_TAG_MAX + 1] = "";
    (void)state;
    memset(longname, 'x', 110);
    longname[110] = '\0';
    for (int i = 0; i < 39; i++)
        strcat(cjk, "痛"); /* 78 columns, 117 bytes */
    report_begin(&r, FROM, NOW, NOW);
    episode_init(&scratch);
    scratch.started_at = FROM + D;
    scratch.ended_at = FROM + D + H;
    raw_tag(&scratch, TAG_MEDICATION, longname);
    raw_tag(&scratch, TAG_MEDICATION, cjk);
    raw_tag(&scratch, TAG_MEDICATION, "pain relief taken with a very long description of how");
    report_feed_episode(&r, &scratch);
    report_end(&r);
    char *text = render(&r, REPORT_TEXT);
    assert_fits(text, 78);
    assert_non_null(strstr(text, "xxxxxxxxxx\n")); /* broken, not cut */
    free(text);
}

static void test_markdown(void **state)
{
    struct report r;
    (void)state;
    fixture(&r);
    char *md = render(&r, REPORT_MARKDOWN);
    static const char *const present[] = {
        "# unknot appointment report\n",
        "\n## Where is it?\n",
        "\n## Period\n\n- from: ",
        "\n- median of ended episodes: 3h\n",
        "\n- taken in (episodes)\n  - Ibuprofen 400 mg: 3\n",
        "\n\nReported in 1 of 4 checks: an emergency warning sign.\n",
        "\n  - #6 since 2026-03-27 09:00: 4d15h\n",
        "  - verdict: No warning signs reported\n",
    };
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!strstr(md, present[i]))
            fail_msg("missing \"%s\"", present[i]);
    assert_null(strstr(md, "clear"));
    assert_null(strstr(md, "&emsp;")); /* plain text reads it too */
    assert_null(strstr(md, "\\#"));
    assert_null(strstr(md, "|"));
    free(md);

    /* Text that would start markup is escaped. */
    report_begin(&r, FROM, NOW, NOW);
    episode_init(&scratch);
    scratch.started_at = FROM + D;
    raw_tag(&scratch, TAG_MEDICATION, "two\nlines | *bold* _x_");
    report_feed_episode(&r, &scratch);
    report_end(&r);
    md = render(&r, REPORT_MARKDOWN);
    assert_non_null(strstr(md, "  - two lines | \\*bold\\* \\_x\\_: 1\n"));
    free(md);
}

/* The csv reads back with csv.h: a header, then three fields a row. */
static void test_csv(void **state)
{
    static char buf[CSV_RECORD_BUF];
    struct report r;
    struct csv_reader rd;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN];
    int found = 0, rows = 0;
    (void)state;
    fixture(&r);
    char *csv = render(&r, REPORT_CSV);
    FILE *f = fmemopen(csv, strlen(csv), "r");
    assert_non_null(f);
    csv_reader_init(&rd, f);
    assert_int_equal(csv_read(&rd, buf, sizeof buf, &rec, err, sizeof err), 1);
    assert_string_equal(rec.fields[0], "section");
    while (csv_read(&rd, buf, sizeof buf, &rec, err, sizeof err) == 1) {
        assert_int_equal(rec.nfields, 4);
        rows++;
        /* the key is the json path, in the section the first field names */
        assert_true(strncmp(rec.fields[1], rec.fields[0], strlen(rec.fields[0])) == 0 ||
                    strcmp(rec.fields[0], "report") == 0);
        if (strcmp(rec.fields[1], "duration.median_s") == 0 &&
            strcmp(rec.fields[2], "median of ended episodes (seconds)") == 0) {
            assert_string_equal(rec.fields[3], "10800");
            found |= 1;
        }
        if (strcmp(rec.fields[2], "taken in (episodes) / Ibuprofen 400 mg / episodes") == 0) {
            assert_string_equal(rec.fields[1], "medications.taken[0].episodes");
            assert_string_equal(rec.fields[3], "3");
            found |= 2;
        }
        if (strcmp(rec.fields[1], "period.from") == 0 && strcmp(rec.fields[0], "period") == 0) {
            assert_string_equal(rec.fields[3], "2026-01-01T00:00:00+00:00");
            found |= 4;
        }
        if (strcmp(rec.fields[0], "notice") == 0)
            found |= 8;
        if (strcmp(rec.fields[1], "flags[0].episodes[0].id") == 0)
            found |= 16;
    }
    assert_int_equal(found, 31);
    assert_true(rows > 50);
    fclose(f);
    free(csv);
}

/* Section keys at the top level of the json, in order. */
static void assert_json_sections(const char *json)
{
    static const char *const keys[] = {
        "period",    "feel",     "where",    "bladder_bowel", "duration", "frequency",
        "stiffness", "numbness", "weakness", "medications",   "triggers", "relief",
        "flags",     "checks",   "sessions", "notes",         "notice",
    };
    const char *prev = json;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char want[40];
        int array = strcmp(keys[i], "flags") == 0 || strcmp(keys[i], "notes") == 0;
        snprintf(want, sizeof want, "\n  \"%s\": %c", keys[i], array ? '[' : '{');
        const char *at = strstr(json, want);
        if (!at || at < prev)
            fail_msg("section \"%s\" missing or out of order", keys[i]);
        prev = at;
    }
}

/* python3 -m json.tool accepts it (skipped where there is no python3). */
static void assert_json_parses(const char *json)
{
    char path[] = "/tmp/unknot-report-XXXXXX", cmd[128];
    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        print_message("python3 not found: json checked by structure only\n");
        return;
    }
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(json);
    assert_int_equal(write(fd, json, len), (ssize_t)len);
    close(fd);
    snprintf(cmd, sizeof cmd, "python3 -m json.tool %s >/dev/null", path);
    int rc = system(cmd);
    unlink(path);
    if (rc != 0)
        fail_msg("python3 -m json.tool refused:\n%s", json);
}

static void test_json(void **state)
{
    struct report r;
    (void)state;
    fixture(&r);
    char *json = render(&r, REPORT_JSON);
    assert_json_sections(json);
    assert_json_parses(json);
    static const char *const present[] = {
        "\"median_s\": 10800",
        "\"per_week\": 0.5",
        "{\"name\": \"Ibuprofen 400 mg\", \"episodes\": 3}",
        "\"id\": 6,\n        \"started_at\": \"2026-03-27T09:00:00+00:00\"",
        "\"title\": \"Severe and not easing\"",
        "\"verdict\": \"clear\"",
        "\"pain_change_average\": -2.3",
    };
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!strstr(json, present[i]))
            fail_msg("missing %s", present[i]);
    free(json);

    /* Empty, and with text that needs escaping. */
    report_begin(&r, FROM, NOW, NOW);
    episode_init(&scratch);
    scratch.started_at = FROM + D;
    raw_tag(&scratch, TAG_MEDICATION, "say \"hi\" \\ back\tslash");
    report_feed_episode(&r, &scratch);
    report_end(&r);
    json = render(&r, REPORT_JSON);
    assert_json_sections(json);
    assert_json_parses(json);
    free(json);
    report_begin(&r, FROM, NOW, NOW);
    report_end(&r);
    json = render(&r, REPORT_JSON);
    assert_json_sections(json);
    assert_json_parses(json);
    free(json);
}

static void test_api_edges(void **state)
{
    struct report r;
    enum report_format fmt = REPORT_TEXT;
    char err[128] = "";
    (void)state;
    report_begin(&r, FROM, NOW, NOW);
    assert_int_equal(report_write(&r, stdout, REPORT_TEXT), -1); /* before report_end */
    report_end(&r);
    assert_int_equal(report_write(&r, stdout, (enum report_format)9), -1);
    report_feed_episode(&r, make(&history[0])); /* after report_end: ignored */
    assert_int_equal(r.episodes, 0);
    assert_int_equal(report_feed_duration_sorted(&r, 5, 0, 1), -1);

    static const struct {
        const char *in, *code;
        enum report_format want;
    } ok[] = {{"text", "text", REPORT_TEXT},
              {"Markdown", "markdown", REPORT_MARKDOWN},
              {"md", "markdown", REPORT_MARKDOWN},
              {"CSV", "csv", REPORT_CSV},
              {"json", "json", REPORT_JSON}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(report_format_parse(ok[i].in, &fmt, err, sizeof err), 0);
        assert_int_equal(fmt, ok[i].want);
        assert_string_equal(report_format_code(fmt), ok[i].code);
    }
    assert_int_equal(report_format_parse("pdf", &fmt, err, sizeof err), -1);
    assert_string_equal(err, "invalid format \"pdf\": use text, markdown, csv or json");
    assert_string_equal(report_format_code(REPORT_MARKDOWN), "markdown");
}

/* The extension of the file's own name picks the format, in any case. */
static void test_format_from_path(void **state)
{
    char err[UNKNOT_ERR_LEN];
    enum report_format fmt;
    (void)state;
    assert_int_equal(report_format_from_path("a/b.MD", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, REPORT_MARKDOWN);
    assert_int_equal(report_format_from_path("r.json", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, REPORT_JSON);
    assert_int_equal(report_format_from_path("r.txt", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, REPORT_TEXT);
    assert_int_equal(report_format_from_path("x.tar.Csv", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, REPORT_CSV);
    assert_int_equal(report_format_from_path("dir.csv/report", &fmt, err, sizeof err), -1);
    assert_int_equal(report_format_from_path("report.pdf", &fmt, err, sizeof err), -1);
    assert_int_equal(report_format_from_path("report", &fmt, err, sizeof err), -1);
    assert_string_equal(err, "end the file name with .txt (text), .md (markdown), .csv or .json");
    assert_string_equal(path_extension("a.b/c.d"), "d");
    assert_string_equal(path_extension(".json"), "json");
    assert_null(path_extension("a.b/c"));
    assert_null(path_extension(NULL));
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_median_bad_feed),
        cmocka_unit_test(test_fixture_figures),
        cmocka_unit_test(test_ongoing_excluded),
        cmocka_unit_test(test_per_week),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_period_past_now),
        cmocka_unit_test(test_many_ongoing),
        cmocka_unit_test(test_meds_merging),
        cmocka_unit_test(test_meds_overflow),
        cmocka_unit_test(test_bladder),
        cmocka_unit_test(test_check_verdicts),
        cmocka_unit_test(test_bladder_symptom),
        cmocka_unit_test(test_partial_checks),
        cmocka_unit_test(test_unsure_checks),
        cmocka_unit_test(test_warning_section),
        cmocka_unit_test(test_warning_list_bounded),
        cmocka_unit_test(test_tag_counts),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_text_golden),
        cmocka_unit_test(test_text_empty),
        cmocka_unit_test(test_text_wraps),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_free_text_tags),
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_notes_cap),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_worse),
        cmocka_unit_test(test_api_edges),
        cmocka_unit_test(test_format_from_path),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
