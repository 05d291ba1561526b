/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/timer.c with an injected clock: plans, exact ends, pause
 * without drift, late advance, skip, stop, shown seconds and wake-ups.
 * The engine tests use routines defined here, so that they do not change
 * when the built-in routine files do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>

#include "src/routines.h"
#include "src/timer.h"

#define START INT64_C(7000001) /* a clock that does not start at 0, odd to catch off-by-ones */
#define ERRLEN 256

/* The test routines, in the routine file format (src/routine_file.h),
 * parsed once by the group's setup. */
static const char three_text[] = "name = Three\nregion = lower\n[exercise]\nname = Three reps\n"
                                 "position = Anywhere.\ninstruction = Hold it.\nhold = 30 or 5\n"
                                 "reps = 3\n";
static const char sides_text[] = "name = Sides\nregion = lower\n[exercise]\nname = Two sides\n"
                                 "position = Anywhere.\ninstruction = Hold one side.\n"
                                 "hold = 30 or 5\nreps = 2\nsides = both\ncaution = Careful.\n";
static const char phased_text[] = "name = Phased\nregion = lower\n[exercise]\nname = Phased\n"
                                  "position = Anywhere.\ninstruction = A then B.\nhold = 5 or 30\n"
                                  "reps = 2\nphase = a: Position A.\nphase = b: Position B.\n";

static struct routine three_routine, sides_routine, phased_routine, mixed_routine;

static void parse_into(struct routine *r, const char *code, const char *text)
{
    struct routine_error e;
    if (routine_file_parse(text, strlen(text), code, r, &e) != 0)
        fail_msg("%s:%ld: %s", code, e.line, e.msg);
}

static int setup_routines(void **state)
{
    (void)state;
    parse_into(&three_routine, "three", three_text);
    parse_into(&sides_routine, "sides", sides_text);
    parse_into(&phased_routine, "phased", phased_text);
    /* Three reps, then two sides: one routine of both exercises. */
    mixed_routine = three_routine;
    snprintf(mixed_routine.code, sizeof mixed_routine.code, "mixed");
    mixed_routine.steps[mixed_routine.nsteps++] = sides_routine.steps[0];
    return 0;
}

/* ---- helpers ------------------------------------------------------------- */

static void build(struct timer_plan *plan, const struct routine *r, int hold_s)
{
    char err[ERRLEN] = "";
    if (timer_plan_routine(plan, r, hold_s, err, sizeof err) != 0)
        fail_msg("timer_plan_routine(%s, %d) failed: %s", r->code, hold_s, err);
}

/* The 3-rep, 30-s plan: H30 R10 H30 R10 H30 FINISH = 110 s. */
static void build_three(struct timer_plan *plan)
{
    build(plan, &three_routine, ROUTINE_HOLD_LONG_S);
}

static void start(struct timer *t, const struct timer_plan *plan, int64_t now)
{
    assert_int_equal(timer_start(t, plan, now), 0);
}

/* Asserts the timer is still running at end - 1 and finishes exactly at end. */
static void expect_end_at(struct timer *t, int64_t end)
{
    struct timer_events ev;
    timer_advance(t, end - 1, &ev);
    assert_int_equal(ev.finished, 0);
    assert_int_equal(timer_state(t, end - 1), TIMER_RUNNING);
    assert_int_equal(timer_ms_left(t, end - 1), 1);
    timer_advance(t, end, &ev);
    assert_int_equal(ev.finished, 1);
    assert_int_equal(t->state, TIMER_FINISHED);
    assert_int_equal(timer_step_index(t, end), t->plan->nsteps - 1);
}

/* ---- exact ends ---------------------------------------------------------- */

static void test_three_reps_end_exactly(void **state)
{
    static const struct {
        int64_t at;  /* ms after start of the boundary */
        size_t step; /* step from the boundary on */
    } bounds[] = {{30000, 1}, {40000, 2}, {70000, 3}, {80000, 4}, {110000, 5}};
    struct timer_plan plan;
    struct timer t;
    (void)state;

    build_three(&plan);
    assert_int_equal(plan.nsteps, 6);
    assert_int_equal(timer_total_ms(&plan), 3 * 30000 + 2 * 10000);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        assert_int_equal(timer_step_index(&t, START + bounds[i].at - 1), bounds[i].step - 1);
        assert_int_equal(timer_step_index(&t, START + bounds[i].at), bounds[i].step);
    }
    expect_end_at(&t, START + 110000);
    assert_int_equal(timer_elapsed_ms(&t, START + 200000), 110000);
    assert_float_equal(timer_progress(&t, START + 200000), 1.0, 0.0);
    assert_int_equal(timer_ms_left(&t, START + 200000), 0);
}

static void test_ice_and_heat_end_exactly(void **state)
{
    static const struct {
        enum therapy_kind therapy;
        int64_t seconds;
        const char *label;
        enum session_kind kind;
    } cases[] = {
        {THERAPY_ICE, 20 * 60, "Ice, 20 minutes", SESSION_ICE},
        {THERAPY_ICE, 10 * 60, "Ice, 10 minutes", SESSION_ICE},
        {THERAPY_HEAT, 15 * 60, "Heat, 15 minutes", SESSION_HEAT},
        {THERAPY_HEAT, 90, "Heat, 90 seconds", SESSION_HEAT},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct timer_plan plan;
        struct timer t;
        char err[ERRLEN] = "";
        assert_int_equal(timer_plan_single(&plan, cases[i].therapy, cases[i].seconds, err, sizeof err),
                         0);
        assert_int_equal(plan.nsteps, 2);
        assert_int_equal(plan.steps[0].kind, TIMER_HOLD);
        assert_int_equal(plan.steps[1].kind, TIMER_FINISH);
        assert_string_equal(plan.steps[0].label, cases[i].label);
        assert_string_equal(plan.steps[0].next, "Done");
        assert_int_equal(plan.kind, cases[i].kind);
        assert_string_equal(plan.routine_code, "");
        assert_int_equal(timer_total_ms(&plan), cases[i].seconds * 1000);
        start(&t, &plan, START);
        expect_end_at(&t, START + cases[i].seconds * 1000);
    }
}

static void test_ice_20_minutes_is_1200000_ms(void **state)
{
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    (void)state;
    assert_int_equal(timer_plan_single(&plan, THERAPY_ICE, 20 * 60, NULL, 0), 0);
    start(&t, &plan, 0);
    timer_advance(&t, 1199999, &ev);
    assert_int_equal(ev.finished, 0);
    assert_int_equal(timer_seconds_shown(&t, 1199999), 1);
    timer_advance(&t, 1200000, &ev);
    assert_int_equal(ev.finished, 1);
    assert_int_equal(ev.holds_ended, 1);
    assert_int_equal(timer_elapsed_ms(&t, 1200000), 1200000);
}

static void test_single_refuses_bad_lengths(void **state)
{
    static const int64_t bad[] = {0, -60, TIMER_MAX_SINGLE_S + 1};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct timer_plan plan;
        char err[ERRLEN] = "";
        assert_int_equal(timer_plan_single(&plan, THERAPY_HEAT, bad[i], err, sizeof err), -1);
        assert_int_equal(plan.nsteps, 0);
        assert_non_null(strstr(err, "Heat time"));
    }
}

/* ---- pause --------------------------------------------------------------- */

/* Pausing 17.3 s at any point moves the end by exactly 17300 ms. */
static void test_pause_shifts_end_exactly(void **state)
{
    static const int64_t points[] = {
        0,      /* right at the start */
        12345,  /* mid-hold */
        29999,  /* 1 ms before a boundary */
        30000,  /* exactly at hold -> rest */
        35000,  /* mid-rest */
        40000,  /* exactly at rest -> hold */
        79999,  /* last ms of a rest */
        109999, /* last ms of the plan */
    };
    (void)state;
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        struct timer_plan plan;
        struct timer t;
        struct timer_events ev;
        int64_t p = START + points[i], left;

        build_three(&plan);
        start(&t, &plan, START);
        timer_advance(&t, p, &ev);
        left = timer_ms_left(&t, p);
        assert_int_equal(timer_pause(&t, p), 0);
        assert_int_equal(timer_state(&t, p + 17300), TIMER_PAUSED);
        assert_int_equal(timer_ms_left(&t, p + 17300), left);
        assert_int_equal(timer_elapsed_ms(&t, p + 17300), points[i]);
        assert_int_equal(timer_resume(&t, p + 17300), 0);
        expect_end_at(&t, START + 110000 + 17300);
        assert_int_equal(timer_elapsed_ms(&t, START + 500000), 110000);
    }
}

/* The caller pauses exactly at a boundary without advancing first: the
 * boundary is processed, then the pause holds the next step's full time. */
static void test_pause_at_boundary_without_advance(void **state)
{
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_pause(&t, START + 30000), 0);
    assert_int_equal(t.step, 1);
    assert_int_equal(timer_ms_left(&t, START + 30000), 10000);
    assert_int_equal(timer_resume(&t, START + 47300), 0);
    timer_advance(&t, START + 57299, &ev);
    assert_int_equal(ev.steps_changed, 0);
    timer_advance(&t, START + 57300, &ev);
    assert_int_equal(ev.steps_changed, 1);
    assert_int_equal(t.step, 2);
    expect_end_at(&t, START + 127300);
}

/* Several pauses add up: 5 s + 10 s + 2.3 s move the end by 17.3 s. */
static void test_several_pauses_add_up(void **state)
{
    static const struct {
        int64_t at, len;
    } pauses[] = {{1000, 5000}, {45000, 10000}, {100000, 2300}};
    struct timer_plan plan;
    struct timer t;
    int64_t shift = 0;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof pauses / sizeof pauses[0]; i++) {
        int64_t at = START + pauses[i].at + shift;
        assert_int_equal(timer_pause(&t, at), 0);
        assert_int_equal(timer_pause(&t, at + 1), -1); /* already paused */
        assert_int_equal(timer_resume(&t, at + pauses[i].len), 0);
        assert_int_equal(timer_resume(&t, at + pauses[i].len), -1);
        shift += pauses[i].len;
    }
    assert_int_equal(shift, 17300);
    expect_end_at(&t, START + 110000 + 17300);
}

static void test_elapsed_excludes_paused_time(void **state)
{
    static const struct {
        int64_t now, elapsed;
    } at[] = {
        {0, 0},         {10000, 10000},                   /* pause at 10 s ... */
        {30000, 10000}, {60000, 10000},                   /* ... resume at 60 s */
        {70000, 20000}, {75000, 25000},                   /* pause at 75 s, resume at 80 s */
        {80000, 25000}, {81000, 26000}, {185000, 110000}, /* ends at 110 + 55 s */
    };
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        int64_t now = START + at[i].now;
        if (at[i].now == 10000 || at[i].now == 75000)
            assert_int_equal(timer_pause(&t, now), 0);
        if (at[i].now == 60000 || at[i].now == 80000)
            assert_int_equal(timer_resume(&t, now), 0);
        assert_int_equal(timer_elapsed_ms(&t, now), at[i].elapsed);
    }
    assert_int_equal(timer_state(&t, START + 165000), TIMER_FINISHED);
    assert_int_equal(timer_state(&t, START + 164999), TIMER_RUNNING);
}

/* ---- late advance -------------------------------------------------------- */

static void test_advance_late_reports_every_event(void **state)
{
    static const struct {
        int64_t now;
        unsigned holds, changes;
        int finished;
        size_t step;
        int64_t left;
    } cases[] = {
        {0, 0, 0, 0, 0, 30000},    {29999, 0, 0, 0, 0, 1},     {30000, 1, 1, 0, 1, 10000},
        {75000, 2, 3, 0, 3, 5000}, {80000, 2, 4, 0, 4, 30000}, {109999, 2, 4, 0, 4, 1},
        {110000, 3, 5, 1, 5, 0},   {3600000, 3, 5, 1, 5, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct timer_plan plan;
        struct timer t;
        struct timer_events ev;
        build_three(&plan);
        start(&t, &plan, START);
        timer_advance(&t, START + cases[i].now, &ev);
        assert_int_equal(ev.holds_ended, cases[i].holds);
        assert_int_equal(ev.steps_changed, cases[i].changes);
        assert_int_equal(ev.finished, cases[i].finished);
        assert_int_equal(t.step, cases[i].step);
        assert_int_equal(timer_ms_left(&t, START + cases[i].now), cases[i].left);
    }
}

/* Two late calls: the second reports only what happened after the first,
 * and the deadline of a step entered late still counts from the boundary. */
static void test_advance_in_two_late_calls(void **state)
{
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    timer_advance(&t, START + 75000, &ev);
    assert_int_equal(ev.holds_ended, 2);
    timer_advance(&t, START + 75000, &ev);
    assert_int_equal(ev.steps_changed, 0);
    timer_advance(&t, START + 95000, &ev);
    assert_int_equal(ev.holds_ended, 0);
    assert_int_equal(ev.steps_changed, 1);
    assert_int_equal(timer_ms_left(&t, START + 95000), 15000);
    timer_advance(&t, START + 999999, &ev);
    assert_int_equal(ev.holds_ended, 1);
    assert_int_equal(ev.steps_changed, 1);
    assert_int_equal(ev.finished, 1);
    timer_advance(&t, START + 999999, &ev);
    assert_int_equal(ev.finished, 0); /* reported once */
}

/* Queries look ahead without changing the timer: the events stay for
 * timer_advance to report. */
static void test_queries_do_not_change_the_timer(void **state)
{
    struct timer_plan plan;
    struct timer t, before;
    struct timer_events ev;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    before = t;
    assert_int_equal(timer_step_index(&t, START + 75000), 3);
    assert_ptr_equal(timer_current(&t, START + 75000), &plan.steps[3]);
    assert_int_equal(timer_state(&t, START + 200000), TIMER_FINISHED);
    assert_int_equal(timer_elapsed_ms(&t, START + 200000), 110000);
    assert_memory_equal(&t, &before, sizeof t);
    timer_advance(&t, START + 200000, &ev);
    assert_int_equal(ev.holds_ended, 3);
    assert_int_equal(ev.finished, 1);
}

/* ---- skip and stop ------------------------------------------------------- */

static void test_skip_shortens_the_plan(void **state)
{
    static const struct {
        int64_t skip_at; /* ms after start */
        size_t step_after;
        int64_t end; /* ms after start */
    } cases[] = {
        {0, 1, 80000},      /* the first hold, at once */
        {10000, 1, 90000},  /* 20 s of the first hold */
        {35000, 2, 105000}, /* 5 s of the first rest */
        {30000, 2, 100000}, /* at the boundary: the rest, all of it */
        {90000, 5, 90000},  /* the last hold: finishes now */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct timer_plan plan;
        struct timer t;
        int64_t at = START + cases[i].skip_at;
        build_three(&plan);
        start(&t, &plan, START);
        assert_int_equal(timer_skip(&t, at), 0);
        assert_int_equal(t.step, cases[i].step_after);
        assert_int_equal(timer_plan_ms_left(&t, at), cases[i].end - cases[i].skip_at);
        if (cases[i].end == cases[i].skip_at) {
            assert_int_equal(t.state, TIMER_FINISHED);
        } else {
            assert_int_equal(timer_ms_left(&t, at), plan.steps[cases[i].step_after].ms);
            expect_end_at(&t, START + cases[i].end);
        }
        assert_int_equal(timer_elapsed_ms(&t, START + 999999), cases[i].end);
        assert_float_equal(timer_progress(&t, START + 999999), 1.0, 0.0);
    }
}

static void test_skip_while_paused_stays_paused(void **state)
{
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_pause(&t, START + 10000), 0);
    assert_int_equal(timer_skip(&t, START + 15000), 0);
    assert_int_equal(t.state, TIMER_PAUSED);
    assert_int_equal(t.step, 1);
    assert_int_equal(timer_ms_left(&t, START + 20000), 10000);
    assert_int_equal(timer_resume(&t, START + 20000), 0);
    /* 10 s run, then the rest of the plan (80 s) from 20 s on. */
    expect_end_at(&t, START + 100000);
    assert_int_equal(timer_elapsed_ms(&t, START + 100000), 90000);
}

static void test_stop_keeps_the_time_run(void **state)
{
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_pause(&t, START + 5000), 0);
    assert_int_equal(timer_resume(&t, START + 8000), 0);
    assert_int_equal(timer_stop(&t, START + 45000), 0);
    assert_int_equal(t.state, TIMER_STOPPED);
    assert_int_equal(t.step, 2); /* the second hold had begun at 43 s */
    assert_int_equal(timer_elapsed_ms(&t, START + 45000), 42000);
    assert_int_equal(timer_elapsed_ms(&t, START + 999999), 42000);
    assert_int_equal(timer_ms_left(&t, START + 45000), 0);
    assert_int_equal(timer_ms_to_next_event(&t, START + 45000), -1);
    assert_int_equal(timer_plan_ms_left(&t, START + 45000), 0);
    timer_advance(&t, START + 999999, &ev);
    assert_int_equal(ev.steps_changed + ev.holds_ended + (unsigned)ev.finished, 0);
    assert_int_equal(timer_pause(&t, START + 50000), -1);
    assert_int_equal(timer_resume(&t, START + 50000), -1);
    assert_int_equal(timer_skip(&t, START + 50000), -1);
    assert_int_equal(timer_stop(&t, START + 50000), -1);
    /* 2 s into the 30-s hold at step 2: (30 + 10 + 2) / 110. */
    assert_true(timer_progress(&t, START + 999999) > 41999.0 / 110000);
    assert_true(timer_progress(&t, START + 999999) < 42001.0 / 110000);
}

static void test_stop_while_paused(void **state)
{
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_pause(&t, START + 12000), 0);
    assert_int_equal(timer_stop(&t, START + 60000), 0);
    assert_int_equal(timer_elapsed_ms(&t, START + 60000), 12000);
    assert_int_equal(timer_state(&t, START + 60000), TIMER_STOPPED);
}

static void test_stop_after_finish_refused(void **state)
{
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    /* Late: the plan ended at 110 s, so a stop at 120 s finds it finished. */
    assert_int_equal(timer_stop(&t, START + 120000), -1);
    assert_int_equal(t.state, TIMER_FINISHED);
    assert_int_equal(timer_elapsed_ms(&t, START + 120000), 110000);
}

static void test_idle_timer(void **state)
{
    struct timer t;
    struct timer_events ev;
    (void)state;
    memset(&t, 0, sizeof t);
    assert_int_equal(timer_state(&t, 5), TIMER_IDLE);
    assert_null(timer_current(&t, 5));
    assert_int_equal(timer_pause(&t, 5), -1);
    assert_int_equal(timer_resume(&t, 5), -1);
    assert_int_equal(timer_skip(&t, 5), -1);
    assert_int_equal(timer_stop(&t, 5), -1);
    assert_int_equal(timer_ms_left(&t, 5), 0);
    assert_int_equal(timer_ms_to_next_event(&t, 5), -1);
    assert_int_equal(timer_elapsed_ms(&t, 5), 0);
    assert_int_equal(timer_plan_ms_left(&t, 5), 0);
    assert_float_equal(timer_progress(&t, 5), 0.0, 0.0);
    timer_advance(&t, 5, &ev);
    assert_int_equal(ev.steps_changed, 0);
}

/* ---- shown seconds and wake-ups ------------------------------------------ */

static void test_seconds_shown_round_up(void **state)
{
    static const struct {
        int64_t left, shown, wait;
    } cases[] = {
        {30000, 30, 1000}, {29999, 30, 999}, {29001, 30, 1}, {29000, 29, 1000},
        {1001, 2, 1},      {1000, 1, 1000},  {999, 1, 999},  {1, 1, 1},
    };
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t now = START + 30000 - cases[i].left;
        assert_int_equal(timer_ms_left(&t, now), cases[i].left);
        assert_int_equal(timer_seconds_shown(&t, now), cases[i].shown);
        assert_int_equal(timer_ms_to_next_event(&t, now), cases[i].wait);
    }
    /* At the boundary the rest starts with its full 10 s. */
    assert_int_equal(timer_seconds_shown(&t, START + 30000), 10);
    assert_int_equal(timer_ms_to_next_event(&t, START + 30000), 1000);
    assert_int_equal(timer_pause(&t, START + 30500), 0);
    assert_int_equal(timer_seconds_shown(&t, START + 40000), 10);
    assert_int_equal(timer_ms_to_next_event(&t, START + 40000), -1);
}

/* A UI that sleeps exactly timer_ms_to_next_event each time wakes once per
 * shown second, sees the shown value drop by one each time, and reaches the
 * end exactly: no busy-waiting and no drift. */
static void test_wakeups_follow_the_seconds(void **state)
{
    struct timer_plan plan;
    struct timer t;
    int64_t now = START + 250; /* off the second grid: started at START */
    unsigned wakes = 0, holds = 0;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    timer_advance(&t, now, NULL);
    while (t.state == TIMER_RUNNING) {
        int64_t wait = timer_ms_to_next_event(&t, now);
        int64_t shown = timer_seconds_shown(&t, now);
        size_t step = t.step;
        struct timer_events ev;
        assert_in_range(wait, 1, 1000);
        now += wait;
        timer_advance(&t, now, &ev);
        holds += ev.holds_ended;
        wakes++;
        if (t.step == step && t.state == TIMER_RUNNING)
            assert_int_equal(timer_seconds_shown(&t, now), shown - 1);
    }
    assert_int_equal(now, START + 110000);
    assert_int_equal(holds, 3);
    assert_int_equal(wakes, 110); /* one per second, the first one shortened */
}

/* A UI that wakes late every time (a busy machine) still sees the plan end
 * at exactly its planned time: lateness never adds up. */
static void test_late_wakeups_do_not_drift(void **state)
{
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    uint32_t seed = 12345;
    int64_t now = START, finished_at = -1;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    while (finished_at < 0) {
        seed = seed * 1103515245u + 12345u; /* fixed LCG: same run every time */
        now += timer_ms_to_next_event(&t, now) + (int64_t)(seed >> 16) % 40;
        timer_advance(&t, now, &ev);
        if (ev.finished)
            finished_at = now;
    }
    assert_true(finished_at >= START + 110000);
    assert_true(finished_at < START + 110000 + 40);
    assert_int_equal(timer_elapsed_ms(&t, finished_at), 110000);
    assert_int_equal(t.deadline, START + 110000);
}

/* ---- plan shapes --------------------------------------------------------- */

static void test_five_and_thirty_second_variants(void **state)
{
    static const struct {
        int hold;
        int64_t hold_ms, rest_ms, total;
    } cases[] = {
        {ROUTINE_HOLD_SHORT_S, 5000, 5000, 3 * 5000 + 2 * 5000},
        {ROUTINE_HOLD_LONG_S, 30000, 10000, 3 * 30000 + 2 * 10000},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct timer_plan plan;
        struct timer t;
        build(&plan, &three_routine, cases[i].hold);
        assert_int_equal(plan.hold_s, cases[i].hold);
        assert_int_equal(plan.nsteps, 6);
        for (size_t s = 0; s + 1 < plan.nsteps; s++)
            assert_int_equal(plan.steps[s].ms, plan.steps[s].kind == TIMER_HOLD ? cases[i].hold_ms
                                                                                : cases[i].rest_ms);
        assert_int_equal(timer_total_ms(&plan), cases[i].total);
        start(&t, &plan, START);
        expect_end_at(&t, START + cases[i].total);
    }
}

static void test_both_sides_with_a_switch(void **state)
{
    static const struct {
        enum timer_step_kind kind;
        enum timer_side side;
        int rep;
        int64_t ms;
        const char *label;
    } want[] = {
        {TIMER_HOLD, TIMER_SIDE_LEFT, 1, 30000, "Two sides, left side, rep 1 of 2"},
        {TIMER_REST, TIMER_SIDE_NONE, 0, 10000, "Rest"},
        {TIMER_HOLD, TIMER_SIDE_LEFT, 2, 30000, "Two sides, left side, rep 2 of 2"},
        {TIMER_SWITCH_SIDE, TIMER_SIDE_NONE, 0, ROUTINE_SWITCH_SIDE_S * 1000,
         "Switch to the right side"},
        {TIMER_HOLD, TIMER_SIDE_RIGHT, 1, 30000, "Two sides, right side, rep 1 of 2"},
        {TIMER_REST, TIMER_SIDE_NONE, 0, 10000, "Rest"},
        {TIMER_HOLD, TIMER_SIDE_RIGHT, 2, 30000, "Two sides, right side, rep 2 of 2"},
        {TIMER_FINISH, TIMER_SIDE_NONE, 0, 0, "Done"},
    };
    struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    (void)state;
    build(&plan, &sides_routine, ROUTINE_HOLD_LONG_S);
    assert_int_equal(plan.nsteps, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < plan.nsteps; i++) {
        assert_int_equal(plan.steps[i].kind, want[i].kind);
        assert_int_equal(plan.steps[i].side, want[i].side);
        assert_int_equal(plan.steps[i].rep, want[i].rep);
        assert_int_equal(plan.steps[i].ms, want[i].ms);
        assert_string_equal(plan.steps[i].label, want[i].label);
        assert_string_equal(plan.steps[i].next, i + 1 < plan.nsteps ? want[i + 1].label : "");
        if (want[i].kind == TIMER_HOLD)
            assert_string_equal(plan.steps[i].caution, "Careful.");
    }
    start(&t, &plan, START);
    timer_advance(&t, START + 145000, &ev);
    assert_int_equal(ev.holds_ended, 4);
    assert_int_equal(ev.steps_changed, 7);
    assert_int_equal(ev.finished, 1);
    assert_int_equal(timer_total_ms(&plan), 4 * 30000 + 2 * 10000 + ROUTINE_SWITCH_SIDE_S * 1000);
}

/* Two stretches: a rest between them, none after the last hold. */
static void test_rest_between_stretches_not_at_the_end(void **state)
{
    static const enum timer_step_kind want[] = {
        TIMER_HOLD, TIMER_REST, TIMER_HOLD, TIMER_REST,        TIMER_HOLD, /* three reps */
        TIMER_REST,                                                        /* between */
        TIMER_HOLD, TIMER_REST, TIMER_HOLD, TIMER_SWITCH_SIDE,             /* left */
        TIMER_HOLD, TIMER_REST, TIMER_HOLD, TIMER_FINISH,                  /* right */
    };
    struct timer_plan plan;
    (void)state;
    build(&plan, &mixed_routine, ROUTINE_HOLD_LONG_S);
    assert_int_equal(plan.nsteps, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < plan.nsteps; i++)
        assert_int_equal(plan.steps[i].kind, want[i]);
    assert_string_equal(plan.steps[5].next, "Two sides, left side, rep 1 of 2");
    assert_string_equal(plan.routine_code, "mixed");
    assert_int_equal(plan.kind, SESSION_STRETCH);
}

static void test_phases_hold_back_to_back(void **state)
{
    static const char *const labels[] = {
        "Phased (a), rep 1 of 2", "Phased (b), rep 1 of 2", "Rest",
        "Phased (a), rep 2 of 2", "Phased (b), rep 2 of 2", "Done",
    };
    struct timer_plan plan;
    (void)state;
    build(&plan, &phased_routine, ROUTINE_HOLD_SHORT_S);
    assert_int_equal(plan.nsteps, 6);
    for (size_t i = 0; i < plan.nsteps; i++)
        assert_string_equal(plan.steps[i].label, labels[i]);
    assert_string_equal(plan.steps[0].instruction, "Position A.");
    assert_string_equal(plan.steps[1].instruction, "Position B.");
    assert_int_equal(timer_total_ms(&plan), 4 * 5000 + 5000);
}

/* A patient's own routine (one exercise left, one right, one on both
 * sides, 20-s holds, a change of position first): every step starts at
 * the exact ms the injected clock says, with its side's words. */
static void test_own_routine_schedule_exact(void **state)
{
    static const char text[] =
        "# from my physiotherapist\nname = My physio sheet\nregion = lower\n\n"
        "[position]\ninstruction = Lie down on your back, slowly.\n\n"
        "[exercise]\nname = Hamstring stretch\nposition = On your back, one leg up on a strap.\n"
        "instruction = Pull the strap until your {side} leg feels a gentle stretch.\n"
        "hold = 20\nreps = 2\nsides = left\n\n"
        "[exercise]\nname = Hip stretch\nposition = On your back, knees bent.\n"
        "instruction = Cross your {SIDE} ankle over the other knee.\nhold = 20\nrest = 15\n"
        "sides = right\n\n"
        "[exercise]\nname = Knee roll\nposition = On your back, knees bent.\n"
        "instruction = Let both knees fall to the {SIDE}.\nhold = 20\nsides = both\n"
        "stop-if-pain-above = 5\n";
    static const struct {
        int64_t at; /* ms after the start */
        enum timer_step_kind kind;
        const char *label, *instruction;
    } want[] = {
        {0, TIMER_POSITION, "Change position", "Lie down on your back, slowly."},
        {10000, TIMER_HOLD, "Hamstring stretch, left side, rep 1 of 2",
         "Left side: pull the strap until your left leg feels a gentle stretch."},
        {30000, TIMER_REST, "Rest", "Relax and breathe slowly."},
        {35000, TIMER_HOLD, "Hamstring stretch, left side, rep 2 of 2",
         "Left side: pull the strap until your left leg feels a gentle stretch."},
        {55000, TIMER_REST, "Rest", "Relax and breathe slowly."}, /* the hip's rest = 15 */
        {70000, TIMER_HOLD, "Hip stretch, right side",
         "Right side: cross your RIGHT ankle over the other knee."},
        {90000, TIMER_REST, "Rest", "Relax and breathe slowly."},
        {95000, TIMER_HOLD, "Knee roll, left side", "Left side: let both knees fall to the LEFT."},
        {115000, TIMER_SWITCH_SIDE, "Switch to the right side", NULL},
        {120000, TIMER_HOLD, "Knee roll, right side",
         "Right side: let both knees fall to the RIGHT."},
        {140000, TIMER_FINISH, "Done", NULL},
    };
    static struct routine r;
    static struct timer_plan plan;
    struct timer t;
    struct timer_events ev;
    unsigned holds = 0;
    (void)state;
    parse_into(&r, "my-physio", text);
    build(&plan, &r, 0);
    assert_int_equal(plan.nsteps, sizeof want / sizeof want[0]);
    assert_int_equal(routine_plan_steps(&r), plan.nsteps);
    assert_int_equal(plan.hold_s, 0); /* no 5-or-30 switch: recorded as no hold */
    start(&t, &plan, START);
    for (size_t i = 0; i < plan.nsteps; i++) {
        const struct timer_step *st = &plan.steps[i];
        assert_int_equal(st->kind, want[i].kind);
        assert_string_equal(st->label, want[i].label);
        if (want[i].instruction)
            assert_string_equal(st->instruction, want[i].instruction);
        if (i > 0)
            assert_int_equal(timer_step_index(&t, START + want[i].at - 1), i - 1);
        assert_int_equal(timer_step_index(&t, START + want[i].at), i);
        if (st->kind == TIMER_HOLD)
            assert_non_null(st->position);
    }
    assert_int_equal(plan.steps[9].stop_above, 5);
    assert_int_equal(plan.steps[1].stop_above, -1);
    /* One late wake-up per step boundary reports each hold's end once. */
    for (size_t i = 1; i < plan.nsteps; i++) {
        timer_advance(&t, START + want[i].at + 3, &ev);
        assert_int_equal(ev.steps_changed, 1);
        holds += ev.holds_ended;
    }
    assert_int_equal(holds, 5);
    assert_int_equal(t.state, TIMER_FINISHED);
    assert_int_equal(timer_elapsed_ms(&t, START + 150000), 140000);
}

static void test_plan_capacity(void **state)
{
    /* reps holds + (reps - 1) rests + FINISH: 128 fills 256 steps exactly
     * (more than a file may ask: the parser stops at ROUTINE_REPS_MAX). */
    static const struct {
        int reps, ok;
    } cases[] = {{128, 1}, {129, 0}, {1000, 0}};
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static struct routine r;
        static struct timer_plan plan;
        char err[ERRLEN] = "";
        r = three_routine;
        r.steps[0].reps = cases[i].reps;
        if (cases[i].ok) {
            assert_int_equal(timer_plan_routine(&plan, &r, 5, err, sizeof err), 0);
            assert_int_equal(plan.nsteps, TIMER_MAX_STEPS);
            assert_int_equal(plan.steps[TIMER_MAX_STEPS - 1].kind, TIMER_FINISH);
        } else {
            assert_int_equal(timer_plan_routine(&plan, &r, 5, err, sizeof err), -1);
            assert_int_equal(plan.nsteps, 0);
            assert_non_null(strstr(err, "at most 256"));
        }
    }
}

static void test_plan_refuses_bad_holds(void **state)
{
    static const int bad[] = {10, 29, 31, -5}; /* 0 runs the holds as written */
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct timer_plan plan;
        char err[ERRLEN] = "";
        assert_int_equal(timer_plan_routine(&plan, &three_routine, bad[i], err, sizeof err), -1);
        assert_non_null(strstr(err, "5 or 30 seconds"));
        assert_int_equal(plan.nsteps, 0);
    }
}

static void test_start_refuses_malformed_plans(void **state)
{
    struct timer_plan good, bad;
    struct timer t;
    (void)state;
    build_three(&good);
    memset(&t, 0, sizeof t);

    bad = good;
    bad.nsteps = 0;
    assert_int_equal(timer_start(&t, &bad, 0), -1);
    bad = good;
    bad.nsteps = 5; /* no FINISH */
    assert_int_equal(timer_start(&t, &bad, 0), -1);
    bad = good;
    bad.steps[2].kind = TIMER_FINISH; /* FINISH in the middle */
    assert_int_equal(timer_start(&t, &bad, 0), -1);
    bad = good;
    bad.steps[1].ms = -1;
    assert_int_equal(timer_start(&t, &bad, 0), -1);
    assert_int_equal(timer_start(&t, NULL, 0), -1);
    assert_int_equal(t.state, TIMER_IDLE); /* left untouched */
    assert_int_equal(timer_start(&t, &good, 0), 0);
}

static void test_progress_follows_the_plan(void **state)
{
    static const struct {
        int64_t now;
        double want;
    } cases[] = {{0, 0.0}, {11000, 0.1}, {55000, 0.5}, {99000, 0.9}, {110000, 1.0}};
    struct timer_plan plan;
    struct timer t;
    (void)state;
    build_three(&plan);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = timer_progress(&t, START + cases[i].now);
        assert_true(got > cases[i].want - 1e-9 && got < cases[i].want + 1e-9);
        assert_int_equal(timer_plan_ms_left(&t, START + cases[i].now), 110000 - cases[i].now);
    }
}

static void test_format_clock(void **state)
{
    static const struct {
        int64_t secs;
        const char *shown;
    } rows[] = {
        {-5, "0:00"},   {0, "0:00"},       {9, "0:09"},       {59, "0:59"},
        {60, "1:00"},   {1200, "20:00"},   {3599, "59:59"},   {3600, "1:00:00"},
        {3725, "1:02:05"}, {36000, "10:00:00"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char buf[32];
        timer_format_clock(rows[i].secs, buf, sizeof buf);
        assert_string_equal(buf, rows[i].shown);
    }
}

/* ---- cues ------------------------------------------------------------------ */

/* The sides plan at 30 s with its count-in: C3 L1 R10 L2 S5 R1 R10 R2 F. */
static void build_sides_counted(struct timer_plan *plan)
{
    build(plan, &sides_routine, ROUTINE_HOLD_LONG_S);
    assert_int_equal(timer_plan_count_in(plan), 0);
}

static void test_count_in_before_the_first_hold(void **state)
{
    static struct timer_plan plan;
    struct timer_plan before;
    (void)state;
    build(&before, &sides_routine, ROUTINE_HOLD_LONG_S);
    build_sides_counted(&plan);
    assert_int_equal(plan.nsteps, before.nsteps + 1);
    assert_int_equal(plan.steps[0].kind, TIMER_COUNT_IN);
    assert_int_equal(plan.steps[0].ms, TIMER_COUNT_IN_S * 1000);
    /* What to get ready for: the first hold's words and side. */
    assert_string_equal(plan.steps[0].label, "Two sides, left side, rep 1 of 2");
    assert_string_equal(plan.steps[0].instruction, before.steps[0].instruction);
    assert_string_equal(plan.steps[0].position, "Anywhere.");
    assert_int_equal(plan.steps[0].side, TIMER_SIDE_LEFT);
    assert_string_equal(plan.steps[0].next, "Two sides, left side, rep 1 of 2");
    assert_int_equal(plan.steps[1].kind, TIMER_HOLD);
    assert_int_equal(timer_total_ms(&plan), timer_total_ms(&before) + TIMER_COUNT_IN_S * 1000);
    assert_int_equal(timer_plan_count_in(&plan), -1); /* once */
    assert_int_equal(plan.nsteps, before.nsteps + 1);
}

static void test_count_in_after_a_position_change(void **state)
{
    static const char text[] = "name = Moved\nregion = lower\n[position]\ninstruction = Lie down.\n"
                               "[exercise]\nname = Tilt\nposition = On your back.\n"
                               "instruction = Tilt.\nhold = 20\n";
    static struct routine r;
    static struct timer_plan plan;
    (void)state;
    parse_into(&r, "moved", text);
    build(&plan, &r, 0);
    assert_int_equal(timer_plan_count_in(&plan), 0);
    assert_int_equal(plan.nsteps, 4);
    assert_int_equal(plan.steps[0].kind, TIMER_POSITION);
    assert_int_equal(plan.steps[1].kind, TIMER_COUNT_IN);
    assert_int_equal(plan.steps[2].kind, TIMER_HOLD);
    assert_string_equal(plan.steps[0].next, "Tilt");
    assert_int_equal(timer_step_cue(&plan, 0), TIMER_CUE_NONE); /* nothing held yet */
    assert_int_equal(timer_step_cue(&plan, 1), TIMER_CUE_COUNT_IN);
}

/* Every cue of the sides plan at its exact ms: none a ms before, the cue
 * at the ms, and not twice. */
static void test_cue_schedule_exact(void **state)
{
    static const struct {
        int64_t at; /* ms after the start */
        enum timer_cue cue;
        enum timer_side side;
        const char *code, *text;
    } want[] = {
        {0, TIMER_CUE_COUNT_IN, TIMER_SIDE_LEFT, "count-in",
         "Get ready: Two sides, LEFT side, rep 1 of 2"},
        {3000, TIMER_CUE_HOLD, TIMER_SIDE_LEFT, "hold", "Hold: Two sides, LEFT side, rep 1 of 2"},
        {33000, TIMER_CUE_REST, TIMER_SIDE_NONE, "rest", "Rest, then: Two sides, LEFT side, rep 2 of 2"},
        {43000, TIMER_CUE_HOLD, TIMER_SIDE_LEFT, "hold", "Hold: Two sides, LEFT side, rep 2 of 2"},
        {73000, TIMER_CUE_SIDE, TIMER_SIDE_RIGHT, "side", "Switch sides: now the RIGHT side"},
        {78000, TIMER_CUE_HOLD, TIMER_SIDE_RIGHT, "hold", "Hold: Two sides, RIGHT side, rep 1 of 2"},
        {108000, TIMER_CUE_REST, TIMER_SIDE_NONE, "rest", "Rest, then: Two sides, RIGHT side, rep 2 of 2"},
        {118000, TIMER_CUE_HOLD, TIMER_SIDE_RIGHT, "hold", "Hold: Two sides, RIGHT side, rep 2 of 2"},
        {148000, TIMER_CUE_END, TIMER_SIDE_NONE, "end", "All done"},
    };
    static struct timer_plan plan;
    struct timer t;
    char text[TIMER_LABEL_LEN + 32];
    size_t step = 99;
    (void)state;
    build_sides_counted(&plan);
    assert_int_equal(plan.nsteps, sizeof want / sizeof want[0]);
    memset(&t, 0, sizeof t);
    assert_int_equal(timer_ms_to_next_cue(&t, START), -1); /* idle */
    assert_int_equal(timer_cue_take(&t, START, NULL), TIMER_CUE_NONE);
    start(&t, &plan, START);
    for (size_t i = 0; i < plan.nsteps; i++) {
        int64_t at = START + want[i].at;
        assert_int_equal(timer_step_cue(&plan, i), want[i].cue);
        assert_string_equal(timer_cue_code(want[i].cue), want[i].code);
        assert_int_equal(timer_cue_side(&plan, i), want[i].side);
        timer_cue_text(&plan, i, text, sizeof text);
        assert_string_equal(text, want[i].text);
        if (i > 0) {
            assert_int_equal(timer_ms_to_next_cue(&t, at - 1), 1);
            assert_int_equal(timer_cue_take(&t, at - 1, NULL), TIMER_CUE_NONE);
        }
        timer_advance(&t, at, NULL);
        assert_int_equal(timer_ms_to_next_cue(&t, at), 0);
        assert_int_equal(timer_cue_take(&t, at, &step), want[i].cue);
        assert_int_equal(step, i);
        assert_int_equal(timer_cue_take(&t, at, NULL), TIMER_CUE_NONE);
    }
    /* A routine's end does not repeat. */
    assert_int_equal(timer_ms_to_next_cue(&t, START + 148000), -1);
    assert_int_equal(timer_cue_take(&t, START + 148000 + TIMER_END_REPEAT_MS, NULL),
                     TIMER_CUE_NONE);
    assert_int_equal(timer_cue_ack(&t, START + 200000), 0);
}

/* A wake-up late by 50 s (a suspended laptop) rings once, for the step it
 * lands in, not once per boundary it missed. */
static void test_late_wakeup_gives_one_cue(void **state)
{
    static struct timer_plan plan;
    struct timer t;
    size_t step = 0;
    (void)state;
    build_sides_counted(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_cue_take(&t, START, NULL), TIMER_CUE_COUNT_IN);
    assert_int_equal(timer_cue_take(&t, START + 50000, &step), TIMER_CUE_HOLD);
    assert_int_equal(step, 3);
    assert_int_equal(timer_cue_take(&t, START + 50000, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_ms_to_next_cue(&t, START + 50000), 23000);
}

/* Ice: a cue at the start, the end at its exact ms, then the end again
 * every 30 s until a key; a late wake-up rings once and keeps the beat. */
static void test_ice_end_repeats_every_30_s(void **state)
{
    static struct timer_plan plan;
    struct timer t;
    char text[64];
    const int64_t end = START + 600000, r = TIMER_END_REPEAT_MS;
    (void)state;
    assert_int_equal(timer_plan_single(&plan, THERAPY_ICE, 600, NULL, 0), 0);
    assert_int_equal(plan.repeat_end, 1);
    timer_cue_text(&plan, 0, text, sizeof text);
    assert_string_equal(text, "Ice, 10 minutes");
    timer_cue_text(&plan, 1, text, sizeof text);
    assert_string_equal(text, "Take the ice off now");
    start(&t, &plan, START);
    assert_int_equal(timer_cue_take(&t, START, NULL), TIMER_CUE_HOLD);
    assert_int_equal(timer_ms_to_next_cue(&t, START), 600000);
    assert_int_equal(timer_cue_take(&t, end - 1, NULL), TIMER_CUE_NONE);
    timer_advance(&t, end + 2, NULL); /* the tick comes 2 ms late: the beat is the end's */
    assert_int_equal(timer_cue_take(&t, end + 2, NULL), TIMER_CUE_END);
    assert_int_equal(timer_ms_to_next_cue(&t, end + 2), r - 2);
    assert_int_equal(timer_cue_take(&t, end + r - 1, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_cue_take(&t, end + r, NULL), TIMER_CUE_END);
    assert_int_equal(timer_cue_take(&t, end + r, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_cue_take(&t, end + 2 * r, NULL), TIMER_CUE_END);
    assert_int_equal(timer_cue_take(&t, end + 4 * r + 5000, NULL), TIMER_CUE_END); /* late */
    assert_int_equal(timer_cue_take(&t, end + 4 * r + 5000, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_ms_to_next_cue(&t, end + 4 * r + 5000), r - 5000);
    assert_int_equal(timer_cue_ack(&t, end + 4 * r + 6000), 1);
    assert_int_equal(timer_ms_to_next_cue(&t, end + 4 * r + 6000), -1);
    assert_int_equal(timer_cue_take(&t, end + 10 * r, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_cue_ack(&t, end + 10 * r), 0);

    assert_int_equal(timer_plan_single(&plan, THERAPY_HEAT, 600, NULL, 0), 0);
    timer_cue_text(&plan, 1, text, sizeof text);
    assert_string_equal(text, "Take the heat off now");
}

/* n (skip) starts the next step at once: its cue comes at once too; a
 * paused skip to the end repeats from the skip; a stop rings nothing. */
static void test_skip_and_stop_cues(void **state)
{
    static struct timer_plan plan;
    struct timer t;
    (void)state;
    build_sides_counted(&plan);
    start(&t, &plan, START);
    assert_int_equal(timer_cue_take(&t, START, NULL), TIMER_CUE_COUNT_IN);
    assert_int_equal(timer_skip(&t, START + 1000), 0);
    assert_int_equal(timer_cue_take(&t, START + 1000, NULL), TIMER_CUE_HOLD);
    assert_int_equal(timer_ms_to_next_cue(&t, START + 1000), 30000);
    assert_int_equal(timer_stop(&t, START + 2000), 0);
    assert_int_equal(timer_cue_take(&t, START + 40000, NULL), TIMER_CUE_NONE);
    assert_int_equal(timer_ms_to_next_cue(&t, START + 40000), -1);

    assert_int_equal(timer_plan_single(&plan, THERAPY_ICE, 600, NULL, 0), 0);
    start(&t, &plan, START);
    assert_int_equal(timer_cue_take(&t, START, NULL), TIMER_CUE_HOLD);
    assert_int_equal(timer_pause(&t, START + 1000), 0);
    assert_int_equal(timer_ms_to_next_cue(&t, START + 1000), -1); /* paused: no wake for cues */
    assert_int_equal(timer_skip(&t, START + 5000), 0);
    assert_int_equal(timer_cue_take(&t, START + 5000, NULL), TIMER_CUE_END);
    assert_int_equal(timer_ms_to_next_cue(&t, START + 5000), TIMER_END_REPEAT_MS);
    assert_int_equal(timer_cue_take(&t, START + 5000 + TIMER_END_REPEAT_MS, NULL), TIMER_CUE_END);
}

/* 3, 2, 1 through the count-in and the last 3 s of a hold; nothing in a
 * rest, nor in a hold of 3 s or less (its digits say as much). */
static void test_final_count(void **state)
{
    static const struct {
        int64_t at;
        int count;
    } want[] = {
        {0, 3},         {999, 3},       {1000, 2},     {2001, 1},     {2999, 1},
        {3000, 0},      {29999, 0},     {30000, 3},    {30001, 3},    {31000, 2},
        {32000, 1},     {32999, 1},     {33000, 0},    {40000, 0},    {42999, 0},
        {70000, 3},     {148000, 0},
    };
    static struct timer_plan plan;
    struct timer t;
    (void)state;
    build_sides_counted(&plan);
    start(&t, &plan, START);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (timer_final_count(&t, START + want[i].at) != want[i].count)
            fail_msg("at %lld ms: count %d, wanted %d", (long long)want[i].at,
                     timer_final_count(&t, START + want[i].at), want[i].count);
    plan.steps[1].ms = 3000; /* a 3-s hold: its digits count it already */
    start(&t, &plan, START);
    assert_int_equal(timer_final_count(&t, START + 3000), 0);
    assert_int_equal(timer_final_count(&t, START + 5500), 0);
}

/* A cue command's words: the variables in a word, no shell. */
static void test_cue_argv(void **state)
{
    static struct timer_plan plan;
    static struct timer_cue_argv av;
    char err[ERRLEN] = "";
    (void)state;
    build_sides_counted(&plan);
    assert_int_equal(timer_cue_argv("  notify-send unknot\t%cue:%side %step 100%%", &plan, 4,
                                    TIMER_CUE_SIDE, &av, err, sizeof err),
                     5);
    assert_string_equal(av.argv[0], "notify-send");
    assert_string_equal(av.argv[2], "side:right");
    assert_string_equal(av.argv[3], "Switch to the right side");
    assert_string_equal(av.argv[4], "100%");
    assert_null(av.argv[5]);
    assert_int_equal(timer_cue_argv("echo %cue %side.", &plan, 9, TIMER_CUE_END, &av, err,
                                    sizeof err),
                     3);
    assert_string_equal(av.argv[1], "end");
    assert_string_equal(av.argv[2], "."); /* no side: an empty variable */
    assert_int_equal(timer_cue_command_check("echo %title", err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown variable \"%title\" in the command: use %cue, %step, "
                                "%side or %%"));
    assert_int_equal(timer_cue_command_check("", err, sizeof err), -1);
    assert_int_equal(timer_cue_command_check("paplay /usr/share/sounds/bell.oga", err, sizeof err),
                     0);
}

static void test_position_after_a_hold_is_a_rest_cue(void **state)
{
    struct timer_plan plan;
    (void)state;
    memset(&plan, 0, sizeof plan);
    plan.nsteps = 3;
    plan.steps[0].kind = TIMER_HOLD;
    plan.steps[1].kind = TIMER_POSITION;
    plan.steps[2].kind = TIMER_FINISH;
    assert_int_equal(timer_step_cue(&plan, 1), TIMER_CUE_REST);
    assert_int_equal(timer_step_cue(&plan, 3), TIMER_CUE_NONE);
    assert_int_equal(timer_step_cue(NULL, 0), TIMER_CUE_NONE);
    assert_string_equal(timer_cue_code(TIMER_CUE_NONE), "");
    assert_string_equal(timer_side_code(TIMER_SIDE_LEFT), "left");
    assert_string_equal(timer_side_code(TIMER_SIDE_NONE), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_clock),
        cmocka_unit_test(test_three_reps_end_exactly),
        cmocka_unit_test(test_ice_and_heat_end_exactly),
        cmocka_unit_test(test_ice_20_minutes_is_1200000_ms),
        cmocka_unit_test(test_single_refuses_bad_lengths),
        cmocka_unit_test(test_pause_shifts_end_exactly),
        cmocka_unit_test(test_pause_at_boundary_without_advance),
        cmocka_unit_test(test_several_pauses_add_up),
        cmocka_unit_test(test_elapsed_excludes_paused_time),
        cmocka_unit_test(test_advance_late_reports_every_event),
        cmocka_unit_test(test_advance_in_two_late_calls),
        cmocka_unit_test(test_queries_do_not_change_the_timer),
        cmocka_unit_test(test_skip_shortens_the_plan),
        cmocka_unit_test(test_skip_while_paused_stays_paused),
        cmocka_unit_test(test_stop_keeps_the_time_run),
        cmocka_unit_test(test_stop_while_paused),
        cmocka_unit_test(test_stop_after_finish_refused),
        cmocka_unit_test(test_idle_timer),
        cmocka_unit_test(test_seconds_shown_round_up),
        cmocka_unit_test(test_wakeups_follow_the_seconds),
        cmocka_unit_test(test_late_wakeups_do_not_drift),
        cmocka_unit_test(test_five_and_thirty_second_variants),
        cmocka_unit_test(test_both_sides_with_a_switch),
        cmocka_unit_test(test_rest_between_stretches_not_at_the_end),
        cmocka_unit_test(test_phases_hold_back_to_back),
        cmocka_unit_test(test_own_routine_schedule_exact),
        cmocka_unit_test(test_plan_capacity),
        cmocka_unit_test(test_plan_refuses_bad_holds),
        cmocka_unit_test(test_start_refuses_malformed_plans),
        cmocka_unit_test(test_progress_follows_the_plan),
        cmocka_unit_test(test_count_in_before_the_first_hold),
        cmocka_unit_test(test_count_in_after_a_position_change),
        cmocka_unit_test(test_cue_schedule_exact),
        cmocka_unit_test(test_late_wakeup_gives_one_cue),
        cmocka_unit_test(test_ice_end_repeats_every_30_s),
        cmocka_unit_test(test_skip_and_stop_cues),
        cmocka_unit_test(test_final_count),
        cmocka_unit_test(test_position_after_a_hold_is_a_rest_cue),
        cmocka_unit_test(test_cue_argv),
    };
    return cmocka_run_group_tests(tests, setup_routines, NULL);
}
