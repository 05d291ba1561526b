/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/chart.c with an injected now and TZ. Expected instants are
 * computed from the civil date with an independent algorithm
 * (days_from_civil), not through mktime, so the tests do not share the
 * code they check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/chart.h"
#include "src/episode.h"

#define H 3600LL
#define ONGOING EPISODE_ONGOING

static struct episode scratch; /* ~10 KB: keep it off the stack */

#include "tests/unit/civil.h"

/* Puts one episode into the scratch; tags are added with add(). */
static struct episode *ep(int64_t start, int64_t end, int intensity, enum region region)
{
    episode_init(&scratch);
    scratch.started_at = start;
    scratch.ended_at = end;
    scratch.intensity = intensity;
    scratch.region = region;
    return &scratch;
}

static void add(enum tag_kind kind, const char *text)
{
    char err[256];
    if (episode_add_tag(&scratch, kind, text, err, sizeof(err)) != 0)
        fail_msg("episode_add_tag(%s): %s", text, err);
}

static int vocab_index(enum tag_kind kind, const char *code)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return (int)i;
    fail_msg("no %s in the vocabulary", code);
    return -1;
}

/* The peaks of the window as a string, oldest first: '.' for no episode,
 * the digit of the peak ('A' for 10). Easy to read when it fails. */
static void peaks(const struct chart *c, char *buf)
{
    for (int i = 0; i < c->ndays; i++) {
        int p = c->days[i].peak;
        buf[i] = p == CHART_NO_EPISODE ? '.' : p == 10 ? 'A' : (char)('0' + p);
    }
    buf[c->ndays] = '\0';
}

static void expect_peaks(const struct chart *c, const char *want)
{
    char got[CHART_DAYS_MAX + 1];
    peaks(c, got);
    assert_string_equal(got, want);
}

/* ---- the window ---------------------------------------------------------- */

static void test_window_utc(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 30);
    assert_int_equal(c.ndays, 30);
    assert_int_equal(c.days[29].start, utc(2026, 3, 10, 0, 0));
    assert_int_equal(c.days[0].start, utc(2026, 2, 9, 0, 0));
    assert_int_equal(c.end, utc(2026, 3, 11, 0, 0));
    for (int i = 1; i < 30; i++)
        assert_int_equal(c.days[i].start - c.days[i - 1].start, 86400);
    assert_int_equal(c.days[0].year, 2026);
    assert_int_equal(c.days[0].month, 2);
    assert_int_equal(c.days[0].mday, 9);
    assert_int_equal(c.days[0].wday, 0); /* a Monday */
    assert_int_equal(c.days[29].month, 3);
    assert_int_equal(c.days[29].mday, 10);
    assert_int_equal(c.days[29].wday, 1); /* a Tuesday */
    expect_peaks(&c, "..............................");
    assert_int_equal(c.episodes, 0);
}

static void test_window_clamped(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 0, 0), 500);
    assert_int_equal(c.ndays, CHART_DAYS_MAX);
    assert_int_equal(c.days[CHART_DAYS_MAX - 1].start, utc(2026, 3, 10, 0, 0));
    chart_begin(&c, utc(2026, 3, 10, 0, 0), 0);
    assert_int_equal(c.ndays, 1);
    assert_int_equal(c.days[0].start, utc(2026, 3, 10, 0, 0));
    assert_int_equal(c.end, utc(2026, 3, 11, 0, 0));
}

static void test_day_index(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 30);
    assert_int_equal(chart_day_index(&c, utc(2026, 2, 9, 0, 0)), 0);
    assert_int_equal(chart_day_index(&c, utc(2026, 2, 8, 23, 59)), -1);
    assert_int_equal(chart_day_index(&c, utc(2026, 3, 9, 23, 59)), 28);
    assert_int_equal(chart_day_index(&c, utc(2026, 3, 10, 23, 59)), 29);
    assert_int_equal(chart_day_index(&c, utc(2026, 3, 11, 0, 0)), -1);
}

/* ---- peaks --------------------------------------------------------------- */

static void test_peak_per_day(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 7); /* Mar 4 .. Mar 10 */
    chart_feed(&c, ep(utc(2026, 3, 5, 8, 0), utc(2026, 3, 5, 9, 0), 3, REGION_LOWER));
    chart_feed(&c, ep(utc(2026, 3, 5, 18, 0), utc(2026, 3, 5, 19, 0), 7, REGION_LOWER));
    chart_feed(&c, ep(utc(2026, 3, 5, 20, 0), utc(2026, 3, 5, 21, 0), 4, REGION_NECK));
    chart_feed(&c, ep(utc(2026, 3, 8, 0, 0), utc(2026, 3, 8, 0, 30), 0, REGION_MID));
    chart_feed(&c, ep(utc(2026, 3, 10, 9, 0), utc(2026, 3, 10, 10, 0), 10, REGION_MID));
    expect_peaks(&c, ".7..0.A");
    assert_int_equal(c.episodes, 5);
}

static void test_multi_day_episode(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 7);
    chart_feed(&c, ep(utc(2026, 3, 5, 22, 0), utc(2026, 3, 7, 1, 0), 6, REGION_LOWER));
    expect_peaks(&c, ".666...");
    /* Ending exactly at midnight does not reach the next day. */
    chart_feed(&c, ep(utc(2026, 3, 8, 20, 0), utc(2026, 3, 9, 0, 0), 2, REGION_LOWER));
    expect_peaks(&c, ".6662..");
    assert_int_equal(c.episodes, 2);
    assert_int_equal(c.regions[REGION_LOWER], 2);
}

static void test_ongoing_episode(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    int64_t now = utc(2026, 3, 10, 15, 0);
    chart_begin(&c, now, 7);
    chart_feed(&c, ep(utc(2026, 3, 8, 20, 0), ONGOING, 8, REGION_UPPER));
    expect_peaks(&c, "....888");
    /* Just started, a second ago: today only. */
    chart_begin(&c, now, 7);
    chart_feed(&c, ep(now, ONGOING, 5, REGION_UPPER));
    expect_peaks(&c, "......5");
    /* Ongoing at the very first second of today. */
    chart_begin(&c, utc(2026, 3, 10, 0, 0), 3);
    chart_feed(&c, ep(utc(2026, 3, 9, 22, 0), ONGOING, 9, REGION_UPPER));
    expect_peaks(&c, ".99");
}

static void test_outside_window_ignored(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 7); /* Mar 4 .. Mar 10 */
    /* Ended before the window (exactly at its first midnight). */
    chart_feed(&c, ep(utc(2026, 3, 1, 8, 0), utc(2026, 3, 4, 0, 0), 9, REGION_NECK));
    /* Starts after today (a clock running ahead). */
    chart_feed(&c, ep(utc(2026, 3, 11, 0, 0), utc(2026, 3, 11, 1, 0), 9, REGION_NECK));
    ep(utc(2026, 3, 11, 0, 5), ONGOING, 9, REGION_NECK);
    add(TAG_TRIGGER, "lifting");
    chart_feed(&c, &scratch);
    expect_peaks(&c, ".......");
    assert_int_equal(c.episodes, 0);
    assert_int_equal(c.regions[REGION_NECK], 0);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "lifting")], 0);
    /* Began before the window, reaches into it: counted on its days there. */
    chart_feed(&c, ep(utc(2026, 2, 20, 8, 0), utc(2026, 3, 5, 1, 0), 5, REGION_NECK));
    expect_peaks(&c, "55.....");
    assert_int_equal(c.episodes, 1);
    assert_int_equal(c.regions[REGION_NECK], 1);
}

static void test_end_before_start_counts_its_start(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 3);
    chart_feed(&c, ep(utc(2026, 3, 9, 23, 0), utc(2026, 3, 9, 20, 0), 4, REGION_LOWER));
    chart_feed(NULL, &scratch);
    chart_feed(&c, NULL);
    expect_peaks(&c, ".4.");
}

/* ---- counts -------------------------------------------------------------- */

static void test_counts(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    size_t nt, nr;
    episode_vocab(TAG_TRIGGER, &nt);
    episode_vocab(TAG_RELIEF, &nr);
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 30);
    assert_int_equal(c.ntriggers, nt);
    assert_int_equal(c.nreliefs, nr);

    ep(utc(2026, 3, 1, 8, 0), utc(2026, 3, 1, 9, 0), 5, REGION_LOWER);
    add(TAG_TRIGGER, "lifting");
    add(TAG_TRIGGER, "other:moving a sofa");
    add(TAG_TRIGGER, "other:carrying a child");
    add(TAG_RELIEF, "heat");
    add(TAG_SYMPTOM, "stiffness");
    add(TAG_MEDICATION, "ibuprofen 400");
    chart_feed(&c, &scratch);

    ep(utc(2026, 3, 2, 8, 0), utc(2026, 3, 2, 9, 0), 7, REGION_LOWER);
    add(TAG_TRIGGER, "lifting");
    add(TAG_RELIEF, "heat");
    add(TAG_RELIEF, "other:hot bath");
    chart_feed(&c, &scratch);

    ep(utc(2026, 3, 3, 8, 0), ONGOING, 2, REGION_NECK);
    add(TAG_TRIGGER, "stress");
    chart_feed(&c, &scratch);

    /* A code a later vocabulary dropped still counts, as other. */
    ep(utc(2026, 3, 4, 8, 0), utc(2026, 3, 4, 9, 0), 2, REGION_MID);
    scratch.ntags = 1;
    scratch.tags[0].kind = TAG_RELIEF;
    strcpy(scratch.tags[0].text, "yoga");
    chart_feed(&c, &scratch);

    assert_int_equal(c.episodes, 4);
    assert_int_equal(c.regions[REGION_LOWER], 2);
    assert_int_equal(c.regions[REGION_MID], 1);
    assert_int_equal(c.regions[REGION_UPPER], 0);
    assert_int_equal(c.regions[REGION_NECK], 1);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "lifting")], 2);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "stress")], 1);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "other")], 1); /* once per episode */
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "sitting")], 0);
    assert_int_equal(c.reliefs[vocab_index(TAG_RELIEF, "heat")], 2);
    assert_int_equal(c.reliefs[vocab_index(TAG_RELIEF, "other")], 2);
    assert_int_equal(c.reliefs[vocab_index(TAG_RELIEF, "ice")], 0);
    int64_t sum = 0;
    for (size_t i = 0; i < c.ntriggers; i++)
        sum += c.triggers[i];
    assert_int_equal(sum, 4);
}

/* Symptoms by word and medications by name, once per episode, as the
 * report counts them (the same name in another case is the same). */
static void test_symptom_and_med_counts(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    size_t ns;
    episode_vocab(TAG_SYMPTOM, &ns);
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 30);
    assert_int_equal(c.nsymptoms, ns);
    ep(utc(2026, 3, 1, 8, 0), utc(2026, 3, 1, 9, 0), 5, REGION_LOWER);
    add(TAG_SYMPTOM, "stiffness");
    add(TAG_SYMPTOM, "other:cold feet");
    add(TAG_MEDICATION, "Ibuprofen 400 mg");
    add(TAG_MEDICATION, "paracetamol");
    chart_feed(&c, &scratch);
    ep(utc(2026, 3, 2, 8, 0), utc(2026, 3, 2, 9, 0), 5, REGION_LOWER);
    add(TAG_SYMPTOM, "stiffness");
    add(TAG_SYMPTOM, "knot");
    add(TAG_MEDICATION, "ibuprofen 400 mg");
    chart_feed(&c, &scratch);
    ep(utc(2026, 1, 2, 8, 0), utc(2026, 1, 2, 9, 0), 5, REGION_LOWER); /* outside */
    add(TAG_SYMPTOM, "stiffness");
    add(TAG_MEDICATION, "naproxen");
    chart_feed(&c, &scratch);
    assert_int_equal(c.symptoms[vocab_index(TAG_SYMPTOM, "stiffness")], 2);
    assert_int_equal(c.symptoms[vocab_index(TAG_SYMPTOM, "knot")], 1);
    assert_int_equal(c.symptoms[vocab_index(TAG_SYMPTOM, "other")], 1);
    assert_int_equal(c.symptoms[vocab_index(TAG_SYMPTOM, "numbness")], 0);
    assert_int_equal(c.meds.n, 2);
    assert_string_equal(c.meds.meds[0].name, "Ibuprofen 400 mg");
    assert_int_equal(c.meds.meds[0].episodes, 2);
    assert_string_equal(c.meds.meds[1].name, "paracetamol");
    assert_int_equal(c.meds.meds[1].episodes, 1);
    assert_int_equal(c.meds.episodes, 2);
}

/* ---- the highest day ------------------------------------------------------ */

/* Peaks as a string (as expect_peaks reads them) into a chart's days. */
static void set_peaks(struct chart *c, const char *s)
{
    chart_begin(c, utc(2026, 11, 30, 12, 0), (int)strlen(s));
    for (int i = 0; s[i]; i++)
        c->days[i].peak = s[i] == '.' ? CHART_NO_EPISODE : s[i] == 'A' ? 10 : s[i] - '0';
}

static void test_peak_find(void **state)
{
    (void)state;
    static const struct {
        const char *peaks;
        int peak, days, first, last, run, with;
    } cases[] = {
        {".....", CHART_NO_EPISODE, 0, -1, -1, 0, 0},
        {"..3..", 3, 1, 2, 2, 1, 1},
        {"288888888881.", 8, 10, 1, 10, 1, 12}, /* a plateau: its first and last day */
        {"8.28..8", 8, 3, 0, 6, 0, 4},            /* not consecutive */
        {"0..0", 0, 2, 0, 3, 0, 2},               /* 0 is a reading, not nothing */
        {"5A9A", 10, 2, 1, 3, 0, 4},
    };
    struct chart c;
    set_tz("UTC");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct chart_peak p;
        set_peaks(&c, cases[i].peaks);
        chart_peak_find(&c, &p);
        if (p.peak != cases[i].peak || p.days != cases[i].days || p.first != cases[i].first ||
            p.last != cases[i].last || p.run != cases[i].run ||
            p.with_episode != cases[i].with)
            fail_msg("\"%s\": peak %d on %d days (%d..%d, run %d), %d with an episode",
                     cases[i].peaks, p.peak, p.days, p.first, p.last, p.run, p.with_episode);
    }
}

/* ---- count bars ----------------------------------------------------------- */

static void test_bar_units(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        int64_t n[6];
        size_t k;
        int64_t total;
        int room;
        int want[6];
    } cases[] = {
        {"proportional", {4, 2, 1, 0}, 4, 8, 16, {8, 4, 2, 0}},
        {"rounded to nearest", {3, 1}, 2, 7, 10, {4, 1}},
        {"a count above 0 shows", {1}, 1, 1000, 10, {1}},
        {"1 and 2 of 100 differ", {2, 1}, 2, 100, 8, {2, 1}},
        {"and 3 past them", {3, 2, 1}, 3, 100, 8, {3, 2, 1}},
        {"equal counts equal bars", {2, 5, 2, 1}, 4, 100, 8, {2, 3, 2, 1}},
        {"squeezed under the room", {100, 99, 98}, 3, 100, 8, {8, 7, 6}},
        {"the largest widens the scale", {10, 5}, 2, 5, 10, {10, 5}},
        {"full room", {9, 9}, 2, 9, 12, {12, 12}},
        {"no room", {3, 2}, 2, 5, 0, {1, 1}},
        {"nothing counted", {0, 0}, 2, 0, 8, {0, 0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int out[6] = {-7, -7, -7, -7, -7, -7};
        chart_bar_units(cases[i].n, cases[i].k, cases[i].total, cases[i].room, out);
        for (size_t j = 0; j < cases[i].k; j++)
            if (out[j] != cases[i].want[j])
                fail_msg("%s: bar %zu of count %lld is %d units, wanted %d", cases[i].what, j,
                         (long long)cases[i].n[j], out[j], cases[i].want[j]);
        assert_int_equal(out[cases[i].k], -7); /* nothing past k */
    }
}

/* Every width from 1 to 40 units: a larger count is never shorter, and
 * never equal, when the room holds the distinct counts. */
static void test_bar_units_ordered(void **state)
{
    (void)state;
    static const int64_t n[] = {90, 2, 1, 45, 3, 1, 89};
    int out[7];
    for (int room = 6; room <= 40; room++) {
        chart_bar_units(n, 7, 120, room, out);
        for (size_t a = 0; a < 7; a++)
            for (size_t b = 0; b < 7; b++) {
                if (n[a] > n[b] && out[a] <= out[b])
                    fail_msg("room %d: %lld got %d units, %lld got %d", room, (long long)n[a],
                             out[a], (long long)n[b], out[b]);
                if (out[a] > room || out[a] < 1)
                    fail_msg("room %d: %d units", room, out[a]);
            }
    }
}

/* ---- local days across DST (Europe/Berlin) ------------------------------- */

/* 2026-03-29: 02:00 CET becomes 03:00 CEST, a 23-hour day. */
static void test_berlin_spring_forward(void **state)
{
    (void)state;
    struct chart c;
    set_tz("Europe/Berlin");
    chart_begin(&c, cest(2026, 4, 2, 12, 0), 7); /* Mar 27 .. Apr 2 */
    assert_int_equal(c.days[0].start, cet(2026, 3, 27, 0, 0));
    assert_int_equal(c.days[1].start, cet(2026, 3, 28, 0, 0));
    assert_int_equal(c.days[2].start, cet(2026, 3, 29, 0, 0));
    assert_int_equal(c.days[3].start, cest(2026, 3, 30, 0, 0));
    assert_int_equal(c.days[3].start - c.days[2].start, 23 * H);
    assert_int_equal(c.days[6].start, cest(2026, 4, 2, 0, 0));
    assert_int_equal(c.end, cest(2026, 4, 3, 0, 0));
    assert_int_equal(c.days[2].mday, 29);
    assert_int_equal(c.days[2].wday, 6); /* a Sunday */
    /* 23:30 on the short day: a 24-hour step from Mar 28 would put it on Mar 30. */
    chart_feed(&c, ep(cest(2026, 3, 29, 23, 30), cest(2026, 3, 29, 23, 50), 7, REGION_LOWER));
    /* 00:10 the next day belongs to Mar 30, not to the short day. */
    chart_feed(&c, ep(cest(2026, 3, 30, 0, 10), cest(2026, 3, 30, 0, 20), 3, REGION_LOWER));
    expect_peaks(&c, "..73...");
}

/* A check-in marks its own local day: 00:30 and 23:30 of the short day
 * are that day, and one outside the window marks nothing. */
static void test_checkin_days(void **state)
{
    (void)state;
    struct chart c;
    set_tz("Europe/Berlin");
    chart_begin(&c, cest(2026, 4, 2, 12, 0), 7); /* Mar 27 .. Apr 2 */
    struct checkin ci;
    checkin_init(&ci, cet(2026, 3, 29, 0, 30));
    chart_feed_checkin(&c, &ci);
    checkin_init(&ci, cest(2026, 3, 29, 23, 30));
    ci.sleep_tenths = 65;
    ci.activities = CHECKIN_ACT_NO;
    chart_feed_checkin(&c, &ci); /* the same day: the later answers */
    checkin_init(&ci, cest(2026, 3, 31, 0, 30));
    chart_feed_checkin(&c, &ci);
    checkin_init(&ci, cet(2026, 3, 20, 12, 0));
    chart_feed_checkin(&c, &ci);
    chart_feed_checkin(NULL, &ci);
    chart_feed_checkin(&c, NULL);
    assert_int_equal(c.days[2].sleep_tenths, 65);
    assert_int_equal(c.days[2].activities, CHECKIN_ACT_NO);
    assert_int_equal(c.days[4].sleep_tenths, CHECKIN_NONE);
    static const int want[7] = {0, 0, 1, 0, 1, 0, 0};
    for (int i = 0; i < 7; i++)
        assert_int_equal(c.days[i].checked_in, want[i]);
}

/* 2025-10-26: 03:00 CEST becomes 02:00 CET, a 25-hour day. */
static void test_berlin_fall_back(void **state)
{
    (void)state;
    struct chart c;
    set_tz("Europe/Berlin");
    chart_begin(&c, cet(2025, 10, 28, 9, 0), 4); /* Oct 25 .. Oct 28 */
    assert_int_equal(c.days[0].start, cest(2025, 10, 25, 0, 0));
    assert_int_equal(c.days[1].start, cest(2025, 10, 26, 0, 0));
    assert_int_equal(c.days[2].start, cet(2025, 10, 27, 0, 0));
    assert_int_equal(c.days[2].start - c.days[1].start, 25 * H);
    assert_int_equal(c.days[3].start, cet(2025, 10, 28, 0, 0));
    /* 23:30 on the long day is still Oct 26. */
    chart_feed(&c, ep(cet(2025, 10, 26, 23, 30), cet(2025, 10, 26, 23, 45), 9, REGION_LOWER));
    /* Ongoing since Oct 27 evening: Oct 27 and today. */
    chart_feed(&c, ep(cet(2025, 10, 27, 21, 0), ONGOING, 4, REGION_LOWER));
    expect_peaks(&c, ".944");
}

/* A 90-day window ending in summer reaches back past the March change:
 * every start is a local midnight, whatever its offset. */
static void test_berlin_long_window(void **state)
{
    (void)state;
    struct chart c;
    set_tz("Europe/Berlin");
    chart_begin(&c, cest(2026, 5, 15, 8, 0), 90); /* Feb 15 .. May 15 */
    assert_int_equal(c.days[0].start, cet(2026, 2, 15, 0, 0));
    assert_int_equal(c.days[89].start, cest(2026, 5, 15, 0, 0));
    for (int i = 0; i < 90; i++) {
        int64_t start = c.days[i].start;
        int64_t want = c.days[i].month < 3 || (c.days[i].month == 3 && c.days[i].mday <= 29)
                           ? cet(c.days[i].year, c.days[i].month, c.days[i].mday, 0, 0)
                           : cest(c.days[i].year, c.days[i].month, c.days[i].mday, 0, 0);
        assert_int_equal(start, want);
    }
}

/* ---- the heat map's weeks ------------------------------------------------ */

static void test_week_days(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    assert_int_equal(chart_week_days(utc(2026, 2, 9, 12, 0), 12), 78);  /* a Monday */
    assert_int_equal(chart_week_days(utc(2026, 3, 10, 12, 0), 12), 79); /* a Tuesday */
    assert_int_equal(chart_week_days(utc(2026, 3, 29, 23, 0), 12), 84); /* a Sunday */
    assert_int_equal(chart_week_days(utc(2026, 3, 29, 23, 0), 1), 7);
    assert_int_equal(chart_week_days(utc(2026, 3, 29, 23, 0), 20), CHART_DAYS_MAX);
    chart_begin(&c, utc(2026, 3, 10, 12, 0), chart_week_days(utc(2026, 3, 10, 12, 0), 12));
    assert_int_equal(c.days[0].wday, 0);
    assert_int_equal(c.days[c.ndays - 1].wday, 1);
    /* 00:30 on a Monday in Berlin is still Sunday in UTC: the local day counts. */
    set_tz("Europe/Berlin");
    assert_int_equal(chart_week_days(cest(2026, 3, 30, 0, 30), 12), 78);
    chart_begin(&c, cest(2026, 3, 30, 0, 30), 78);
    assert_int_equal(c.days[0].wday, 0);
    assert_int_equal(c.days[0].start, cet(2026, 1, 12, 0, 0));
    assert_int_equal(c.days[77].start, cest(2026, 3, 30, 0, 0));
}

/* A stored code in another case counts as its word, as in the report
 * (episode_vocab_index): the two never disagree on a tag. */
static void test_counts_ignore_case(void **state)
{
    (void)state;
    struct chart c;
    set_tz("UTC");
    chart_begin(&c, utc(2026, 3, 10, 15, 0), 30);
    ep(utc(2026, 3, 4, 8, 0), utc(2026, 3, 4, 9, 0), 2, REGION_MID);
    scratch.ntags = 2;
    scratch.tags[0].kind = TAG_RELIEF;
    strcpy(scratch.tags[0].text, "HEAT");
    scratch.tags[1].kind = TAG_TRIGGER;
    strcpy(scratch.tags[1].text, "Lifting");
    chart_feed(&c, &scratch);
    assert_int_equal(c.reliefs[vocab_index(TAG_RELIEF, "heat")], 1);
    assert_int_equal(c.reliefs[vocab_index(TAG_RELIEF, "other")], 0);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "lifting")], 1);
    assert_int_equal(c.triggers[vocab_index(TAG_TRIGGER, "other")], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_utc),
        cmocka_unit_test(test_window_clamped),
        cmocka_unit_test(test_day_index),
        cmocka_unit_test(test_peak_per_day),
        cmocka_unit_test(test_multi_day_episode),
        cmocka_unit_test(test_ongoing_episode),
        cmocka_unit_test(test_outside_window_ignored),
        cmocka_unit_test(test_end_before_start_counts_its_start),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_counts_ignore_case),
        cmocka_unit_test(test_symptom_and_med_counts),
        cmocka_unit_test(test_peak_find),
        cmocka_unit_test(test_bar_units),
        cmocka_unit_test(test_bar_units_ordered),
        cmocka_unit_test(test_berlin_spring_forward),
        cmocka_unit_test(test_berlin_fall_back),
        cmocka_unit_test(test_checkin_days),
        cmocka_unit_test(test_berlin_long_window),
        cmocka_unit_test(test_week_days),
    };
    return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
