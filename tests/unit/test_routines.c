/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/routines.c: the tables against CONTENT.md, the plans built
 * from every routine, minutes validation and the ice-or-heat suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/flags.h"
#include "src/routines.h"
#include "src/timer.h"

#define ERRLEN 256
#define HOUR (INT64_C(3600))
#define MIN (INT64_C(60))
#define NEXT_PREFIX "next: "

/* A sentence the caller wraps: at most two lines. */
static void expect_sentence(const char *what, const char *s)
{
    if (!s || !*s)
        fail_msg("%s is empty", what);
    if (strlen(s) > 2 * ROUTINE_LINE_MAX)
        fail_msg("%s is %zu columns (max %d): \"%s\"", what, strlen(s), 2 * ROUTINE_LINE_MAX, s);
}

static void expect_line(const char *what, const char *s)
{
    if (!s || !*s)
        fail_msg("%s is empty", what);
    if (strlen(s) > ROUTINE_LINE_MAX)
        fail_msg("%s is %zu columns (max %d): \"%s\"", what, strlen(s), ROUTINE_LINE_MAX, s);
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            fail_msg("%s has a byte outside printable ASCII: \"%s\"", what, s);
}

/* ---- tables -------------------------------------------------------------- */

static void test_every_routine_resolves(void **state)
{
    static const struct {
        const char *code, *name;
        int hold;
        const char *stretches[5];
    } want[] = {
        {"first-aid", "Spasm first aid", 5, {"spasm-stretch"}},
        {"mobility", "Gentle mobility", 5, {"pelvic-tilt", "cat-cow", "cobra"}},
        {"daily",
         "Daily stretch",
         30,
         {"knee-to-chest", "childs-pose", "trunk-rotation", "seated-twist"}},
    };
    size_t n;
    const struct routine *list = routines_list(&n);
    (void)state;
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        const struct routine *r = routine_find(want[i].code), *parsed = NULL;
        char err[ERRLEN] = "", typed[40];
        assert_ptr_equal(r, &list[i]);
        assert_string_equal(r->name, want[i].name);
        assert_int_equal(r->hold_s, want[i].hold);
        expect_line("routine name", r->name);
        expect_line("routine summary", r->summary);
        for (size_t k = 0; k < 5; k++) {
            if (!want[i].stretches[k]) {
                assert_int_equal(r->nstretches, k);
                break;
            }
            assert_ptr_equal(r->stretches[k], stretch_find(want[i].stretches[k]));
        }
        snprintf(typed, sizeof typed, "  %s ", want[i].code);
        typed[2] = (char)(typed[2] - 'a' + 'A'); /* "  First-aid " */
        assert_int_equal(routine_parse(typed, &parsed, err, sizeof err), 0);
        assert_ptr_equal(parsed, r);
    }
    assert_null(routine_find("Daily"));
    assert_null(routine_find(NULL));
}

static void test_routine_parse_refuses_unknown(void **state)
{
    static const char *const bad[] = {"yoga", "", "daily2", "first aid"};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct routine *r = NULL;
        char err[ERRLEN] = "";
        assert_int_equal(routine_parse(bad[i], &r, err, sizeof err), -1);
        assert_null(r);
        assert_non_null(strstr(err, bad[i]));
        assert_non_null(strstr(err, "first-aid, mobility or daily"));
        expect_line("routine_parse message", err);
    }
}

/* The facts of CONTENT.md, stretch by stretch. */
static void test_stretches_match_content(void **state)
{
    static const struct {
        const char *code;
        int hold, reps, per_side, caution;
    } want[] = {
        {"spasm-stretch", 5, 5, 0, 0}, {"pelvic-tilt", 5, 10, 0, 0},
        {"cat-cow", 5, 10, 0, 0},      {"knee-to-chest", 30, 3, 1, 0},
        {"childs-pose", 30, 3, 0, 0},  {"trunk-rotation", 30, 2, 1, 0},
        {"seated-twist", 30, 2, 1, 0}, {"cobra", 5, 10, 0, 0},
    };
    size_t n;
    const struct stretch *all = stretches_list(&n);
    (void)state;
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        const struct stretch *s = stretch_find(want[i].code);
        assert_non_null(s);
        assert_ptr_equal(s, &all[i]);
        assert_int_equal(s->hold_s, want[i].hold);
        assert_int_equal(s->reps, want[i].reps);
        assert_int_equal(s->per_side, want[i].per_side);
        assert_int_equal(s->caution != NULL, want[i].caution);
        expect_line("stretch name", s->name);
        expect_line("stretch instruction", s->instruction);
        if (s->caution)
            expect_line("caution", s->caution);
        for (size_t p = 0; p < s->nphases; p++)
            expect_line("phase instruction", s->phases[p].instruction);
    }
    /* The osteoporosis caution is the routine's, once, on the routines that
     * bend forward or twist (cat-cow; knee-to-chest, child's pose, twists). */
    assert_null(stretch_find("knee-to-chest")->caution);
    assert_null(routine_find("first-aid")->caution);
    assert_string_equal(routine_find("mobility")->caution,
                        "With osteoporosis, skip forward bends and twists.");
    assert_string_equal(routine_find("daily")->caution,
                        "With osteoporosis, skip forward bends and twists.");
    expect_line("routine caution", ROUTINE_OSTEOPOROSIS);
    assert_int_equal(stretch_find("cat-cow")->nphases, 2); /* "5 s each" */
    assert_null(stretch_find("yoga"));
}

static void test_safety_and_advice_lines(void **state)
{
    static const char *const words[] = {"slowly", "comfortable", "Breathe slowly",
                                        "pain increases", "take the checklist"};
    size_t n;
    const char *const *lines = routine_safety_lines(&n);
    (void)state;
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        expect_sentence("safety line", lines[i]);
        assert_non_null(strstr(lines[i], words[i]));
    }
    assert_string_equal(lines[4], "Stop and take the checklist if numbness, tingling or weakness "
                                  "appears or pain spreads down a leg.");
    expect_line("not-advice line", ROUTINES_NOT_MEDICAL_ADVICE);
    assert_string_equal(ROUTINES_NOT_MEDICAL_ADVICE, FLAGS_NOT_MEDICAL_ADVICE);
}

/* ---- plans of every routine ---------------------------------------------- */

static void test_every_step_label_fits(void **state)
{
    static const int holds[] = {ROUTINE_HOLD_SHORT_S, ROUTINE_HOLD_LONG_S};
    size_t n;
    const struct routine *list = routines_list(&n);
    (void)state;
    for (size_t i = 0; i < n; i++) {
        for (size_t h = 0; h < 2; h++) {
            struct timer_plan plan;
            char err[ERRLEN] = "";
            assert_int_equal(timer_plan_routine(&plan, &list[i], holds[h], err, sizeof err), 0);
            assert_int_equal(plan.steps[plan.nsteps - 1].kind, TIMER_FINISH);
            /* No rest after the last rep of the last stretch. */
            assert_int_equal(plan.steps[plan.nsteps - 2].kind, TIMER_HOLD);
            for (size_t s = 0; s < plan.nsteps; s++) {
                const struct timer_step *st = &plan.steps[s];
                expect_line("label", st->label);
                expect_line("instruction", st->instruction);
                if (st->caution)
                    expect_line("caution", st->caution);
                if (s + 1 < plan.nsteps) {
                    assert_true(strlen(NEXT_PREFIX) + strlen(st->next) <= ROUTINE_LINE_MAX);
                    assert_string_equal(st->next, plan.steps[s + 1].label);
                } else {
                    assert_string_equal(st->next, "");
                }
                /* A gap is always followed by a hold. */
                if (st->kind == TIMER_REST || st->kind == TIMER_SWITCH_SIDE)
                    assert_int_equal(plan.steps[s + 1].kind, TIMER_HOLD);
            }
        }
    }
}

/* Switching a routine between 5-s and 30-s holds changes its holds and its
 * rests, and nothing else. */
static void test_hold_switch_changes_holds_and_rests(void **state)
{
    size_t n;
    const struct routine *list = routines_list(&n);
    (void)state;
    assert_int_equal(routine_rest_s(ROUTINE_HOLD_SHORT_S), 5);
    assert_int_equal(routine_rest_s(ROUTINE_HOLD_LONG_S), 10);
    assert_int_equal(routine_rest_s(10), -1);
    for (size_t i = 0; i < n; i++) {
        struct timer_plan p5, p30;
        int64_t total5 = 0, total30 = 0;
        assert_int_equal(timer_plan_routine(&p5, &list[i], 5, NULL, 0), 0);
        assert_int_equal(timer_plan_routine(&p30, &list[i], 30, NULL, 0), 0);
        assert_int_equal(p5.nsteps, p30.nsteps);
        for (size_t s = 0; s < p5.nsteps; s++) {
            const struct timer_step *a = &p5.steps[s], *b = &p30.steps[s];
            assert_int_equal(a->kind, b->kind);
            assert_string_equal(a->label, b->label);
            if (a->kind == TIMER_HOLD) {
                assert_int_equal(a->ms, 5000);
                assert_int_equal(b->ms, 30000);
            } else if (a->kind == TIMER_REST) {
                assert_int_equal(a->ms, 5000);
                assert_int_equal(b->ms, 10000);
            } else if (a->kind == TIMER_SWITCH_SIDE) {
                assert_int_equal(a->ms, ROUTINE_SWITCH_SIDE_S * 1000);
                assert_int_equal(b->ms, a->ms);
            }
            total5 += a->ms;
            total30 += b->ms;
        }
        assert_int_equal(timer_total_ms(&p5), total5);
        assert_int_equal(timer_total_ms(&p30), total30);
        assert_true(total30 > total5);
    }
}

static void test_daily_plan_shape(void **state)
{
    struct timer_plan plan;
    size_t left = 0, right = 0, switches = 0, rests = 0, holds = 0;
    (void)state;
    assert_int_equal(timer_plan_routine(&plan, routine_find("daily"), 30, NULL, 0), 0);
    for (size_t s = 0; s < plan.nsteps; s++) {
        holds += plan.steps[s].kind == TIMER_HOLD;
        rests += plan.steps[s].kind == TIMER_REST;
        switches += plan.steps[s].kind == TIMER_SWITCH_SIDE;
        left += plan.steps[s].side == TIMER_SIDE_LEFT;
        right += plan.steps[s].side == TIMER_SIDE_RIGHT;
    }
    /* knee-to-chest 3+3, child's pose 3, trunk rotation 2+2, twist 2+2. */
    assert_int_equal(holds, 17);
    assert_int_equal(switches, 3);
    assert_int_equal(rests, 13);
    assert_int_equal(left, 7);
    assert_int_equal(right, 7);
    assert_int_equal(plan.nsteps, 17 + 13 + 3 + 1);
    assert_int_equal(timer_total_ms(&plan), 17 * 30000 + 13 * 10000 + 3 * 5000);
    assert_string_equal(plan.steps[0].label, "Knee-to-chest, left side, rep 1 of 3");
    assert_string_equal(plan.steps[5].label, "Switch to the right side");
    assert_string_equal(plan.steps[6].label, "Knee-to-chest, right side, rep 1 of 3");
    assert_null(plan.steps[0].caution); /* the routine's caution, not the step's */
}

static void test_first_aid_plan(void **state)
{
    struct timer_plan plan;
    (void)state;
    assert_int_equal(timer_plan_routine(&plan, routine_find("first-aid"), 5, NULL, 0), 0);
    /* "hold 5 s; relax 5 s; 5 repetitions". */
    assert_int_equal(plan.nsteps, 5 + 4 + 1);
    assert_int_equal(timer_total_ms(&plan), 5 * 5000 + 4 * 5000);
    assert_string_equal(plan.steps[8].label, "Gentle stretch, rep 5 of 5");
}

static void test_hold_check(void **state)
{
    static const struct {
        int hold, ok;
    } cases[] = {{5, 1}, {30, 1}, {0, 0}, {4, 0}, {6, 0}, {10, 0}, {29, 0}, {31, 0}};
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[ERRLEN] = "";
        assert_int_equal(routine_hold_check(cases[i].hold, err, sizeof err), cases[i].ok ? 0 : -1);
        if (!cases[i].ok)
            assert_non_null(strstr(err, "5 or 30 seconds"));
    }
}

/* ---- ice and heat -------------------------------------------------------- */

static void test_presets(void **state)
{
    const struct therapy_preset *ice = therapy_preset(THERAPY_ICE);
    const struct therapy_preset *heat = therapy_preset(THERAPY_HEAT);
    (void)state;
    assert_int_equal(ice->default_min, 20);
    assert_int_equal(ice->min_min, 10);
    assert_int_equal(ice->max_min, 20);
    assert_non_null(strstr(ice->caution, "2 hours"));
    assert_int_equal(ICE_MIN_GAP_S, 2 * 3600);
    /* Heat as ice: 10 to 20, never more (longer risks a burn). */
    assert_int_equal(heat->default_min, 20);
    assert_int_equal(heat->min_min, 10);
    assert_int_equal(heat->max_min, 20);
    assert_non_null(strstr(heat->caution, "fall asleep on a heating pad"));
    assert_non_null(strstr(THERAPY_TOO_LONG, "burn or frostbite"));
    assert_non_null(strstr(heat->lines[0], "Warm, not hot"));
    assert_non_null(strstr(heat->lines[0], "shower or bath"));
    assert_int_equal(ice->session, SESSION_ICE);
    assert_int_equal(heat->session, SESSION_HEAT);
    for (int k = 0; k < THERAPY_KIND_COUNT; k++) {
        const struct therapy_preset *p = therapy_preset((enum therapy_kind)k);
        int numb = 0, care = 0;
        assert_int_equal(therapy_minutes_check(p->kind, p->default_min, NULL, 0), 0);
        /* Both: wrapped in a towel or cloth, never on bare skin; not on
         * numb or broken skin; care with diabetes or poor circulation. */
        assert_non_null(strstr(p->how, "towel or cloth"));
        assert_non_null(strstr(p->how, "never put it on bare skin"));
        expect_line("how", p->how);
        expect_line("caution", p->caution);
        for (size_t i = 0; i < p->nlines; i++) {
            expect_line("line", p->lines[i]);
            numb += strstr(p->lines[i], "numb or broken skin") != NULL;
            care += strstr(p->lines[i], "diabetes or poor circulation") != NULL &&
                    strstr(p->lines[i], "check the skin after") != NULL;
        }
        assert_int_equal(numb, 1);
        assert_int_equal(care, 1);
    }
    assert_null(therapy_preset(THERAPY_KIND_COUNT));
}

static void test_minutes_boundaries(void **state)
{
    static const struct {
        enum therapy_kind kind;
        long minutes;
        int rc;
        const char *msg; /* substring; "" means the message is empty */
    } cases[] = {
        {THERAPY_ICE, 9, -1, "10 to 20 minutes"},
        {THERAPY_ICE, 10, 0, ""},
        {THERAPY_ICE, 15, 0, ""},
        {THERAPY_ICE, 20, 0, ""},
        {THERAPY_ICE, 21, -1, "10 to 20 minutes"},
        {THERAPY_ICE, -3, -1, "not -3"},
        {THERAPY_HEAT, 5, -1, "10 to 20 minutes"},
        {THERAPY_HEAT, 9, -1, "10 to 20 minutes"},
        {THERAPY_HEAT, 10, 0, ""},
        {THERAPY_HEAT, 15, 0, ""},
        {THERAPY_HEAT, 20, 0, ""},
        {THERAPY_HEAT, 21, -1, "10 to 20 minutes"},
        {THERAPY_HEAT, 30, -1, "10 to 20 minutes"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[ERRLEN] = "junk";
        int rc = therapy_minutes_check(cases[i].kind, cases[i].minutes, msg, sizeof msg);
        if (rc != cases[i].rc)
            fail_msg("%ld minutes of kind %d: rc %d, want %d", cases[i].minutes, (int)cases[i].kind,
                     rc, cases[i].rc);
        if (*cases[i].msg) {
            assert_non_null(strstr(msg, cases[i].msg));
            expect_line("minutes message", msg);
        } else {
            assert_string_equal(msg, "");
        }
    }
}

static void test_minutes_parse(void **state)
{
    static const struct {
        enum therapy_kind kind;
        const char *text;
        int rc, out;
        const char *msg;
    } cases[] = {
        {THERAPY_ICE, "15", 0, 15, NULL},
        {THERAPY_ICE, " 20 ", 0, 20, NULL},
        {THERAPY_HEAT, "10", 0, 10, NULL},
        {THERAPY_HEAT, "25", -1, 0, "10 to 20"},
        {THERAPY_ICE, "9", -1, 0, "10 to 20"},
        {THERAPY_ICE, "abc", -1, 0, "\"abc\""},
        {THERAPY_ICE, "", -1, 0, "10 to 20"},
        {THERAPY_ICE, "20m", -1, 0, "\"20m\""},
        {THERAPY_HEAT, "-5", -1, 0, "10 to 20"},
        {THERAPY_ICE, "99999999999999999999", -1, 0, "10 to 20 minutes"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[ERRLEN] = "";
        int out = -7;
        assert_int_equal(therapy_minutes_parse(cases[i].kind, cases[i].text, &out, msg, sizeof msg),
                         cases[i].rc);
        assert_int_equal(out, cases[i].rc == 0 ? cases[i].out : -7);
        if (cases[i].msg) {
            assert_non_null(strstr(msg, cases[i].msg));
            expect_line("parse message", msg);
        } else {
            assert_string_equal(msg, "");
        }
    }
}

static void test_guidance(void **state)
{
    static const struct {
        int64_t age, since_ice;
        enum therapy_advice advice;
        const char *warning; /* exact; "" for none */
    } cases[] = {
        {-1, -1, ADVICE_EITHER, ""},
        {0, -1, ADVICE_ICE, ""},
        {47 * HOUR, -1, ADVICE_ICE, ""},
        {48 * HOUR - 1, -1, ADVICE_ICE, ""},
        {48 * HOUR, -1, ADVICE_HEAT, ""},
        {49 * HOUR, -1, ADVICE_HEAT, ""},
        {90 * 24 * HOUR, -1, ADVICE_HEAT, ""},
        {47 * HOUR, HOUR + 59 * MIN, ADVICE_ICE,
         "Your last ice session ended 1h59m ago: wait until 2 hours have passed."},
        {47 * HOUR, 2 * HOUR - 1, ADVICE_ICE,
         "Your last ice session ended 1h59m ago: wait until 2 hours have passed."},
        {47 * HOUR, 2 * HOUR, ADVICE_ICE, ""},
        {47 * HOUR, 30 * 24 * HOUR, ADVICE_ICE, ""},
        {-1, HOUR + 10 * MIN, ADVICE_EITHER,
         "Your last ice session ended 1h10m ago: wait until 2 hours have passed."},
        {49 * HOUR, HOUR, ADVICE_HEAT,
         "Your last ice session ended 1h ago: wait until 2 hours have passed."},
        {2 * HOUR, 25 * MIN, ADVICE_ICE,
         "Your last ice session ended 25m ago: wait until 2 hours have passed."},
        {2 * HOUR, 45, ADVICE_ICE,
         "Your last ice session ended 45s ago: wait until 2 hours have passed."},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct therapy_suggestion sg;
        memset(&sg, 'x', sizeof sg);
        therapy_suggest(cases[i].age, cases[i].since_ice, &sg);
        if (sg.advice != cases[i].advice)
            fail_msg("case %zu: advice %s, want %s", i, therapy_advice_code(sg.advice),
                     therapy_advice_code(cases[i].advice));
        expect_sentence("reason", sg.reason);
        assert_null(strstr(sg.reason, "best")); /* neither is ranked over the other */
        assert_string_equal(sg.warning, cases[i].warning);
        if (*sg.warning)
            expect_line("warning", sg.warning);
    }
}

/* CONTENT.md's words for which one, neutral, before and after 48 hours. */
static void test_guidance_words(void **state)
{
    struct therapy_suggestion sg;
    (void)state;
    therapy_suggest(47 * HOUR, -1, &sg);
    assert_string_equal(sg.reason, "Ice or heat, whichever eases it more; many people use ice in "
                                   "the first 48 hours.");
    therapy_suggest(48 * HOUR, -1, &sg);
    assert_string_equal(sg.reason, "Heat helps stiff muscles; alternating heat and ice is fine.");
    therapy_suggest(-1, -1, &sg);
    assert_non_null(strstr(sg.reason, "whichever eases it more"));
}

static void test_advice_codes(void **state)
{
    (void)state;
    assert_string_equal(therapy_advice_code(ADVICE_ICE), "ice");
    assert_string_equal(therapy_advice_code(ADVICE_HEAT), "heat");
    assert_string_equal(therapy_advice_code(ADVICE_EITHER), "either");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_routine_resolves),
        cmocka_unit_test(test_routine_parse_refuses_unknown),
        cmocka_unit_test(test_stretches_match_content),
        cmocka_unit_test(test_safety_and_advice_lines),
        cmocka_unit_test(test_every_step_label_fits),
        cmocka_unit_test(test_hold_switch_changes_holds_and_rests),
        cmocka_unit_test(test_daily_plan_shape),
        cmocka_unit_test(test_first_aid_plan),
        cmocka_unit_test(test_hold_check),
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_minutes_boundaries),
        cmocka_unit_test(test_minutes_parse),
        cmocka_unit_test(test_guidance),
        cmocka_unit_test(test_guidance_words),
        cmocka_unit_test(test_advice_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
