/* SPDX-License-Identifier: BSD-2-Clause */
/* Pain over time and the treatment log (issue 13): the course and trend of
 * readings, the charts' daily peaks from readings, medication intakes,
 * the what-helps median, the severe flag by the latest reading, and
 * `unknot pain` asking which episode on a terminal. TZ=UTC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/cli_fixture.h"
#include "tests/unit/store_fixture.h"

#include "src/app/history.h"
#include "src/app/report_store.h"
#include "src/chart.h"
#include "src/report_pain.h"

#define DAY 86400LL
#define HOUR 3600LL
/* NOW is 2026-11-18 11:06:40 UTC; T0 the midnight two days before. */
#define T0 (NOW - NOW % DAY - 2 * DAY)

static void test_trend_rule(void **state)
{
    static const struct {
        int pains[4];
        size_t n;
        enum pain_trend want;
    } rows[] = {
        {{8, 6, 4}, 3, PAIN_EASING},
        {{4, 6, 8}, 3, PAIN_WORSENING},
        {{6, 7, 6}, 3, PAIN_STEADY},     /* within a point of the peak and first */
        {{4, 9, 7}, 3, PAIN_EASING},     /* down 2 from the peak */
        {{5, 6}, 2, PAIN_STEADY},
        {{5, 7}, 2, PAIN_WORSENING},
        {{5}, 1, PAIN_TREND_NONE},       /* nothing to compare */
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct pain_course c;
        pain_course_begin(&c);
        for (size_t k = 0; k < rows[i].n; k++)
            pain_course_feed(&c, T0 + (int64_t)k * DAY, rows[i].pains[k]);
        if (pain_course_trend(&c) != rows[i].want)
            fail_msg("row %zu: %s, wanted %s", i, pain_trend_code(pain_course_trend(&c)),
                     pain_trend_code(rows[i].want));
    }
}

/* A spell logged 8, then 6 and 4 on the next two days. */
/* A long spell's trend is that of its last week: a peak of 10 three weeks
 * ago does not make a steady 7 "easing" (say what the data says). */
static void test_spell_trend_is_its_last_week(void **state)
{
    (void)state;
    struct report_pain p;
    memset(&p, 0, sizeof p);
    int64_t from = NOW - 30 * DAY;
    report_pain_spell(&p, from, NOW - REPORT_PAIN_TREND_S);
    struct reading rd = {0};
    rd.episode_id = 1;
    rd.taken_at = NOW - 21 * DAY;
    rd.pain = 10;
    report_pain_reading(&p, &rd, from);
    for (int d = 6; d >= 0; d--) {
        rd.taken_at = NOW - d * DAY;
        rd.pain = 7;
        report_pain_reading(&p, &rd, from);
    }
    report_pain_end(&p);
    assert_int_equal(p.spell_course.n, 7);
    assert_int_equal(p.spell_course.peak, 7);
    assert_int_equal(pain_course_trend(&p.spell_course), PAIN_STEADY);
    assert_int_equal(p.readings, 8); /* the old reading still counts as a reading */
}

static void test_spell_easing_and_daily_peaks(void **state)
{
    (void)state;
    struct episode ep;
    episode_init(&ep);
    ep.id = 1;
    ep.started_at = T0 + 8 * HOUR;
    ep.ended_at = EPISODE_ONGOING;
    ep.intensity = 8;
    ep.region = REGION_LOWER;
    static const int pains[] = {8, 6, 4};
    struct pain_course course;
    pain_course_begin(&course);
    struct chart c;
    chart_begin(&c, NOW, 5);
    chart_episode_begin(&c, &ep);
    for (int d = 0; d < 3; d++) {
        chart_episode_reading(&c, ep.started_at + d * DAY, pains[d]);
        pain_course_feed(&course, ep.started_at + d * DAY, pains[d]);
    }
    chart_episode_end(&c);
    assert_int_equal(pain_course_trend(&course), PAIN_EASING);
    assert_string_equal(pain_trend_code(pain_course_trend(&course)), "easing");
    /* days[2..4] are the three days of the spell, today last */
    assert_int_equal(c.days[1].peak, CHART_NO_EPISODE);
    assert_int_equal(c.days[2].peak, 8);
    assert_int_equal(c.days[3].peak, 6);
    assert_int_equal(c.days[4].peak, 4);
    assert_int_equal(c.episodes, 1);
}

/* A day without a reading carries the latest before it; two readings on
 * one day give the higher; the old chart_feed paints the intensity. */
static void test_chart_carries_and_peaks(void **state)
{
    (void)state;
    struct episode ep;
    episode_init(&ep);
    ep.started_at = T0 + 8 * HOUR;
    ep.ended_at = NOW;
    ep.intensity = 7;
    struct chart c;
    chart_begin(&c, NOW, 3);
    chart_episode_begin(&c, &ep);
    chart_episode_reading(&c, ep.started_at, 7);
    chart_episode_reading(&c, ep.started_at + 2 * HOUR, 9);
    chart_episode_end(&c);
    assert_int_equal(c.days[0].peak, 9);
    assert_int_equal(c.days[1].peak, 9); /* no reading: the last known */
    assert_int_equal(c.days[2].peak, 9);
    chart_begin(&c, NOW, 3);
    chart_feed(&c, &ep);
    assert_int_equal(c.days[0].peak, 7);
    assert_int_equal(c.days[2].peak, 7);
}

static void test_nine_intakes_over_three_days(void **state)
{
    (void)state;
    static struct report_pain p;
    report_pain_begin(&p);
    /* 2 on the first day, 3 on the second, 4 on the third: 9 in all */
    static const int per_day[] = {2, 3, 4};
    for (int d = 0; d < 3; d++)
        for (int k = 0; k < per_day[d]; k++) {
            struct treatment t;
            treatment_init(&t, TREATMENT_MEDICATION, T0 + d * DAY + (8 + 4 * k) * HOUR);
            snprintf(t.name, sizeof t.name, "%s", k % 2 ? "Ibuprofen 400 mg" : "ibuprofen 400 mg");
            report_pain_treatment(&p, &t);
        }
    assert_int_equal(p.nintakes, 1); /* one name, ASCII case aside */
    assert_int_equal(p.intakes[0].days, 3);
    assert_int_equal(p.intakes[0].intakes, 9);
    assert_int_equal(p.intakes[0].most, 4);
    /* the brief's 3 a day */
    report_pain_begin(&p);
    for (int i = 0; i < 9; i++) {
        struct treatment t;
        treatment_init(&t, TREATMENT_MEDICATION, T0 + (i / 3) * DAY + (8 + 4 * (i % 3)) * HOUR);
        snprintf(t.name, sizeof t.name, "ibuprofen 400 mg");
        report_pain_treatment(&p, &t);
    }
    assert_int_equal(p.intakes[0].days, 3);
    assert_int_equal(p.intakes[0].intakes, 9);
    assert_int_equal(p.intakes[0].most, 3);
}

static void test_helps_median_needs_three(void **state)
{
    (void)state;
    static struct report_pain p;
    int64_t med;
    report_pain_begin(&p);
    struct session s = {.kind = SESSION_ICE, .pain_before = 7, .pain_after = 5};
    report_pain_session(&p, &s);
    s.pain_before = 6, s.pain_after = 5;
    report_pain_session(&p, &s);
    s.pain_before = 6, s.pain_after = SESSION_PAIN_NONE; /* not rated: a use only */
    report_pain_session(&p, &s);
    assert_int_equal(p.nhelps, 1);
    assert_int_equal(p.helps[0].uses, 3);
    assert_int_equal(p.helps[0].ch.rated, 2);
    assert_int_equal(helps_median_tenths(&p.helps[0].ch, &med), -1); /* not enough data yet */
    s.pain_before = 8, s.pain_after = 2;
    report_pain_session(&p, &s);
    assert_int_equal(p.helps[0].ch.rated, 3);
    assert_int_equal(helps_median_tenths(&p.helps[0].ch, &med), 0);
    assert_int_equal(med, -20); /* changes -6, -2, -1: the middle one */
    s.pain_before = 3, s.pain_after = 3;
    report_pain_session(&p, &s);
    assert_int_equal(helps_median_tenths(&p.helps[0].ch, &med), 0);
    assert_int_equal(med, -15); /* -6, -2, -1, 0: between the middle two */
    /* a treatment without the timer and a medication are rows of their own */
    struct treatment t;
    treatment_init(&t, TREATMENT_ICE, T0);
    report_pain_treatment(&p, &t);
    treatment_init(&t, TREATMENT_MEDICATION, T0);
    snprintf(t.name, sizeof t.name, "naproxen");
    report_pain_treatment(&p, &t);
    assert_int_equal(p.nhelps, 3);
    assert_int_equal(p.helps[1].group, HELPS_RELIEF);
    assert_int_equal(p.helps[2].group, HELPS_MEDICATION);
}

static int64_t add_episode(struct store *st, int64_t start, int intensity)
{
    static struct episode ep;
    char err[STORE_ERR_LEN];
    episode_init(&ep);
    ep.started_at = start;
    ep.ended_at = EPISODE_ONGOING;
    ep.intensity = intensity;
    ep.region = REGION_LOWER;
    assert_int_equal(store_episode_add(st, &ep, start, err, sizeof err), STORE_OK);
    return ep.id;
}

static void add_reading(struct store *st, int64_t id, int64_t at, int pain)
{
    char err[STORE_ERR_LEN];
    struct reading r = {.episode_id = id, .taken_at = at, .pain = pain, .source = READING_CLI};
    assert_int_equal(history_add_reading(st, &r, NOW, err, sizeof err), STORE_OK);
}

static int has_flag(const struct flags *f, enum flag_kind k)
{
    for (size_t i = 0; i < flags_count(f); i++)
        if (flags_at(f, i)->kind == k)
            return 1;
    return 0;
}

/* Severe and not easing goes by the latest reading, not the intensity. */
static void test_severe_flag_by_latest_reading(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    static struct flags f;
    int64_t id = add_episode(st, NOW - 4 * DAY, 8);
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof err), STORE_OK);
    assert_true(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    add_reading(st, id, NOW - DAY, 4);
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof err), STORE_OK);
    assert_false(has_flag(&f, FLAG_SEVERE_NOT_EASING)); /* eased to 4 */
    add_reading(st, id, NOW - HOUR, 7);
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof err), STORE_OK);
    assert_true(has_flag(&f, FLAG_SEVERE_NOT_EASING)); /* back to 7 */
    store_close(&st);
}

/* The charts fed from the store: a spell logged 8 -> 6 -> 4. */
static void test_history_chart_from_readings(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    int64_t id = add_episode(st, T0 + 8 * HOUR, 8);
    add_reading(st, id, T0 + DAY + 9 * HOUR, 6);
    add_reading(st, id, T0 + 2 * DAY + 9 * HOUR, 4);
    static struct chart c;
    static struct episode ep;
    struct chart *const all[] = {&c};
    chart_begin(&c, NOW, 3);
    assert_int_equal(history_chart(st, all, 1, c.days[0].start, c.end, &ep, err, sizeof err),
                     STORE_OK);
    assert_int_equal(c.days[0].peak, 8);
    assert_int_equal(c.days[1].peak, 6);
    assert_int_equal(c.days[2].peak, 4);
    store_close(&st);
}

/* The report from the store names the trend, the intakes and the helps. */
static void test_report_from_store(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN], *text = NULL;
    size_t len = 0;
    int64_t id = add_episode(st, T0 + 8 * HOUR, 8);
    add_reading(st, id, T0 + DAY + 9 * HOUR, 6);
    add_reading(st, id, T0 + 2 * DAY + 9 * HOUR, 4);
    for (int i = 0; i < 3; i++) {
        struct treatment t;
        treatment_init(&t, TREATMENT_HEAT, T0 + i * DAY + 10 * HOUR);
        t.pain_after = 3;
        assert_int_equal(store_treatment_add(st, &t, NOW, err, sizeof err), STORE_OK);
    }
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(report_from_store(st, T0 - DAY, NOW, NOW, REPORT_JSON, f, err, sizeof err), 0);
    fclose(f);
    assert_non_null(strstr(text, "\"trend\": \"easing\""));
    /* before: the latest reading then (8, 6, 4), after 3: -5, -3, -1 */
    const char *heat = strstr(text, "\"name\": \"heat\"");
    assert_non_null(heat);
    assert_non_null(strstr(heat, "\"uses\": 3,"));
    assert_non_null(strstr(heat, "\"rated\": 3,"));
    assert_non_null(strstr(heat, "\"median_change\": -3.0"));
    free(text);
    store_close(&st);
}

/* Two ongoing: on a terminal `unknot pain` asks which. */
static void test_pain_asks_which(void **state)
{
    struct fixture *fx = *state;
    make_db(fx);
    assert_int_equal(run(fx, "log|--at|2h ago|-i|5|-r|lower"), CLI_OK);
    assert_int_equal(run(fx, "log|--at|1h ago|-i|3|-r|neck"), CLI_OK);
    assert_int_equal(run_in(fx, "2\n", "pain|6"), CLI_OK);
    assert_non_null(strstr(fx->out, "2 episodes are ongoing (2, 1): which one?"));
    assert_non_null(strstr(fx->out, "to episode 2"));
    assert_int_equal(run_in(fx, "7\n", "pain|6"), CLI_USAGE); /* not one of them */
    assert_non_null(strstr(fx->err, "give --episode ID"));
    assert_int_equal(run(fx, "pain|6"), CLI_USAGE); /* not a terminal */
}

/* The window of "how is the pain now?": from 30 min to just under 4 h
 * after a medication without a rating; never for other kinds. */
static void test_followup_window(void **state)
{
    static const struct {
        enum treatment_kind kind;
        int64_t ago;
        int after, due;
    } rows[] = {
        {TREATMENT_MEDICATION, 29 * 60 + 59, -1, 0},
        {TREATMENT_MEDICATION, 30 * 60, -1, 1},
        {TREATMENT_MEDICATION, 4 * HOUR - 1, -1, 1},
        {TREATMENT_MEDICATION, 4 * HOUR, -1, 0},
        {TREATMENT_MEDICATION, HOUR, 3, 0}, /* rated already */
        {TREATMENT_MEDICATION, -60, -1, 0}, /* to come */
        {TREATMENT_ICE, HOUR, -1, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct treatment t;
        treatment_init(&t, rows[i].kind, NOW - rows[i].ago);
        t.pain_after = rows[i].after;
        if (treatment_followup_due(&t, NOW) != rows[i].due)
            fail_msg("row %zu: due %d, wanted %d", i, !rows[i].due, rows[i].due);
    }
}

static int64_t add_intake(struct store *st, const char *name, int64_t at, int after)
{
    char err[STORE_ERR_LEN];
    struct treatment t;
    treatment_init(&t, after < -1 ? TREATMENT_WALK : TREATMENT_MEDICATION, at);
    if (after >= -1)
        assert_int_equal(treatment_set_name(&t, name, err, sizeof err), 0);
    t.pain_after = after < -1 ? -1 : after;
    assert_int_equal(store_treatment_add(st, &t, NOW, err, sizeof err), STORE_OK);
    return t.id;
}

/* history_followup: the most recent of the intakes due, and how many; a
 * rating takes an intake out, and only a medication can be rated so. */
static void test_followup_pick_and_rate(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN];
    struct treatment t;
    size_t due = 9;
    assert_int_equal(history_followup(st, NOW, &t, &due, err, sizeof err), STORE_OK);
    assert_int_equal(due, 0);
    add_intake(st, "old", NOW - 5 * HOUR, -1);            /* too late to ask */
    int64_t a = add_intake(st, "naproxen", NOW - 2 * HOUR, -1);
    int64_t b = add_intake(st, "ibuprofen", NOW - 40 * 60, -1);
    add_intake(st, "rated", NOW - HOUR, 2);
    add_intake(st, "soon", NOW - 10 * 60, -1);            /* too early */
    int64_t walk = add_intake(st, NULL, NOW - HOUR, -2);  /* not a medication */
    assert_int_equal(history_followup(st, NOW, &t, &due, err, sizeof err), STORE_OK);
    assert_int_equal(due, 2);
    assert_int_equal(t.id, b);
    assert_int_equal(history_rate_intake(st, b, 4, &t, err, sizeof err), STORE_OK);
    assert_int_equal(t.pain_after, 4);
    assert_int_equal(store_treatment_get(st, b, &t, err, sizeof err), STORE_OK);
    assert_int_equal(t.pain_after, 4);
    assert_int_equal(history_followup(st, NOW, &t, &due, err, sizeof err), STORE_OK);
    assert_int_equal(due, 1);
    assert_int_equal(t.id, a);
    assert_int_equal(history_rate_intake(st, walk, 4, &t, err, sizeof err), STORE_ABORTED);
    assert_non_null(strstr(err, "not a medication"));
    assert_int_equal(history_rate_intake(st, a, 11, &t, err, sizeof err), STORE_ABORTED);
    assert_int_equal(history_rate_intake(st, 99, 4, &t, err, sizeof err), STORE_NOT_FOUND);
    assert_int_equal(store_treatment_rate(st, 99, 4, err, sizeof err), STORE_NOT_FOUND);
    assert_int_equal(store_treatment_get(st, a, &t, err, sizeof err), STORE_OK);
    assert_int_equal(t.pain_after, TREATMENT_PAIN_NONE); /* the refusals wrote nothing */
    store_close(&st);
}

/* took --helped without TEXT rates the intake due; --rate ID a named one;
 * refusals change nothing. */
static void test_took_rates_later(void **state)
{
    struct fixture *fx = *state;
    make_db(fx);
    assert_int_equal(run(fx, "took|--helped|4"), CLI_USAGE);
    assert_non_null(strstr(fx->err, "no medication taken 30 min to 4 h ago waits"));
    assert_int_equal(run(fx, "took|ibuprofen 400 mg|--at|45m ago"), CLI_OK);
    assert_int_equal(run(fx, "took|--rate|1"), CLI_USAGE);
    assert_non_null(strstr(fx->err, "--rate needs --helped N"));
    assert_int_equal(run(fx, "took|x|--rate|1|--helped|2"), CLI_USAGE);
    assert_int_equal(run(fx, "took|--rate|1|--helped|2|--at|1h ago"), CLI_USAGE);
    assert_int_equal(run(fx, "took|--helped|4"), CLI_OK);
    assert_non_null(strstr(fx->out, "Rated ibuprofen 400 mg taken at 2026-11-18 10:21: pain 4/10"));
    assert_int_equal(run(fx, "took|--helped|4"), CLI_USAGE); /* rated: none waits now */
    assert_int_equal(run(fx, "took|--rate|1|--helped|2"), CLI_OK); /* a change of mind */
    assert_non_null(strstr(fx->out, "pain 2/10"));
    assert_int_equal(run(fx, "did|walk"), CLI_OK);
    assert_int_equal(run(fx, "took|--rate|2|--helped|2"), CLI_USAGE);
    assert_non_null(strstr(fx->err, "not a medication"));
    assert_int_equal(run(fx, "took|--rate|7|--helped|2"), CLI_USAGE);
    assert_non_null(strstr(fx->err, "no record 7"));
    assert_int_equal(run(fx, "took|naproxen|--at|50m ago"), CLI_OK);
    assert_int_equal(run(fx, "took|paracetamol|--at|40m ago"), CLI_OK);
    assert_int_equal(run(fx, "took|--helped|3"), CLI_USAGE);
    assert_non_null(strstr(fx->err, "2 intakes wait for a rating"));
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trend_rule),
        cmocka_unit_test(test_spell_easing_and_daily_peaks),
        cmocka_unit_test(test_spell_trend_is_its_last_week),
        cmocka_unit_test(test_chart_carries_and_peaks),
        cmocka_unit_test(test_nine_intakes_over_three_days),
        cmocka_unit_test(test_helps_median_needs_three),
        cmocka_unit_test(test_severe_flag_by_latest_reading),
        cmocka_unit_test(test_history_chart_from_readings),
        cmocka_unit_test(test_report_from_store),
        cmocka_unit_test_setup_teardown(test_pain_asks_which, setup, teardown),
        cmocka_unit_test(test_followup_window),
        cmocka_unit_test(test_followup_pick_and_rate),
        cmocka_unit_test_setup_teardown(test_took_rates_later, setup, teardown),
    };
    return cmocka_run_group_tests_name("pain", tests, NULL, NULL);
}
