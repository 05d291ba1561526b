/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/routines.c: the built-in routine files against CONTENT.md,
 * the plans built from every routine, minutes validation and the
 * ice-or-heat suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/episode.h"
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

/* ---- the built-in routines ------------------------------------------------ */

static void parse_builtin(size_t i, struct routine *r)
{
    struct routine_error e;
    if (routines_builtin(i, r, &e) != 0)
        fail_msg("built-in %s:%ld: %s", routine_builtin_sources[i].code, e.line, e.msg);
}

static const struct routine *builtin(const char *code)
{
    static struct routine r;
    for (size_t i = 0; i < routines_builtin_count(); i++) {
        parse_builtin(i, &r);
        if (strcmp(r.code, code) == 0)
            return &r;
    }
    fail_msg("no built-in routine %s", code);
    return NULL;
}

/* Every shipped file parses, says where each exercise starts, fits the
 * screen, and its generated name is the parsed one. */
static void test_every_builtin_parses(void **state)
{
    static struct routine r;
    (void)state;
    assert_int_equal(routines_builtin_count(), 6);
    for (size_t i = 0; i < routines_builtin_count(); i++) {
        parse_builtin(i, &r);
        assert_string_equal(r.code, routine_builtin_sources[i].code);
        assert_string_equal(r.name, routine_builtin_sources[i].name);
        assert_string_equal(routine_code_name(r.code), r.name);
        expect_line("routine name", r.name);
        expect_sentence("routine summary", r.summary);
        assert_true(r.ncautions >= 1);
        for (size_t c = 0; c < r.ncautions; c++)
            expect_line("routine caution", r.cautions[c]);
        for (size_t k = 0; k < r.nsteps; k++) {
            const struct routine_step *st = &r.steps[k];
            expect_sentence("instruction", st->instruction);
            if (st->kind == RSTEP_EXERCISE)
                expect_sentence("position", st->position);
        }
    }
    struct routine_error e;
    assert_int_equal(routines_builtin(routines_builtin_count(), &r, &e), -1);
}

/* Built-in routine, exercise by exercise: CONTENT.md "Stretch holds". */
struct want_ex {
    const char *name;
    int hold, switchable, reps;
    enum routine_sides sides;
    const char *words; /* in the instruction */
};

static void expect_exercises(const struct routine *r, const struct want_ex *want, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct routine_step *st = &r->steps[i];
        if (st->kind != RSTEP_EXERCISE)
            continue;
        if (k >= n)
            fail_msg("%s: more exercises than %zu", r->code, n);
        assert_string_equal(st->name, want[k].name);
        assert_int_equal(st->hold_s, want[k].hold);
        assert_int_equal(st->switchable, want[k].switchable);
        assert_int_equal(st->reps, want[k].reps);
        assert_int_equal(st->sides, want[k].sides);
        if (!strstr(st->instruction, want[k].words))
            fail_msg("%s/%s: \"%s\" lacks \"%s\"", r->code, st->name, st->instruction,
                     want[k].words);
        k++;
    }
    assert_int_equal(k, n);
}

static int has_caution(const struct routine *r, const char *text)
{
    for (size_t i = 0; i < r->ncautions; i++)
        if (strcmp(r->cautions[i], text) == 0)
            return 1;
    return 0;
}

#define NECK_CAUTION "No neck circles. Stop if you feel tingling or numbness in an arm."

static void test_first_aid_by_region(void **state)
{
    static const struct {
        const char *code, *stretch;
        unsigned regions;
        int osteo, neck;
    } cases[] = {
        {"first-aid-lower", "Hug one knee gently toward your chest", 1u << REGION_LOWER, 1, 0},
        {"first-aid-upper", "Hug your shoulders and round your upper back gently",
         1u << REGION_MID | 1u << REGION_UPPER, 1, 0},
        {"first-aid-neck", "Tilt your ear toward the shoulder on the side away from the tightness",
         1u << REGION_NECK, 0, 1},
    };
    (void)state;
    assert_string_equal(routine_first_aid_code(REGION_LOWER), "first-aid-lower");
    assert_string_equal(routine_first_aid_code(REGION_MID), "first-aid-upper");
    assert_string_equal(routine_first_aid_code(REGION_UPPER), "first-aid-upper");
    assert_string_equal(routine_first_aid_code(REGION_NECK), "first-aid-neck");
    assert_string_equal(routine_first_aid_code(-1), "first-aid-lower");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct routine *r = builtin(cases[i].code);
        const struct want_ex want[] = {
            {"Settle", 30, 0, 1, SIDES_NONE, "Breathe slowly"},
            {"Gentle stretch", 5, 1, 5, SIDES_NONE, cases[i].stretch},
            {"Self-massage: press", 45, 0, 1, SIDES_NONE, "Press on the tight spot"},
            {"Self-massage: circles", 30, 0, 1, SIDES_NONE, "small circles"},
        };
        assert_int_equal(r->regions, cases[i].regions);
        expect_exercises(r, want, 4);
        assert_int_equal(has_caution(r, ROUTINE_OSTEOPOROSIS), cases[i].osteo);
        assert_int_equal(has_caution(r, NECK_CAUTION), cases[i].neck);
        assert_non_null(strstr(r->steps[0].position, "least painful position"));
        assert_non_null(strstr(r->steps[0].instruction, "Sitting may strain the back"));
        for (size_t k = 0; k < r->nsteps; k++)
            if (strncmp(r->steps[k].name, "Self-massage", 12) == 0)
                assert_string_equal(r->steps[k].caution, "Do not press where you feel a pulse.");
    }
}

static void test_other_routines_match_content(void **state)
{
    static const struct want_ex mobility[] = {
        {"Pelvic tilt", 5, 1, 10, SIDES_NONE, "Flatten your low back"},
        {"Cat-cow", 5, 1, 10, SIDES_NONE, "Round your back up"},
        {"Cobra (gentle)", 5, 1, 10, SIDES_NONE, "forearms"},
    };
    static const struct want_ex daily[] = {
        {"Knee-to-chest", 30, 1, 3, SIDES_BOTH, "{SIDE} knee"},
        {"Lying trunk rotation", 30, 1, 2, SIDES_BOTH, "both knees fall"},
        {"Child's pose", 30, 1, 3, SIDES_NONE, "heels"},
        {"Seated spinal twist", 30, 1, 2, SIDES_BOTH, "turn your upper body"},
    };
    static const struct want_ex neck[] = {
        {"Chin tuck", 5, 1, 10, SIDES_NONE, "chin straight back"},
        {"Neck side bend", 30, 1, 2, SIDES_BOTH, "{SIDE} ear"},
        {"Shoulder rolls", 30, 0, 1, SIDES_NONE, "10 times"},
        {"Shoulder-blade squeeze", 5, 1, 10, SIDES_NONE, "shoulder blades"},
    };
    const struct routine *r;
    (void)state;
    r = builtin("mobility");
    expect_exercises(r, mobility, 3);
    assert_true(has_caution(r, ROUTINE_OSTEOPOROSIS)); /* the cat bends forward */
    assert_int_equal(r->hold_s, 5);
    r = builtin("daily");
    expect_exercises(r, daily, 4);
    assert_true(has_caution(r, ROUTINE_OSTEOPOROSIS));
    assert_int_equal(r->hold_s, 30);
    r = builtin("neck");
    expect_exercises(r, neck, 4);
    assert_true(has_caution(r, NECK_CAUTION));
    assert_false(has_caution(r, ROUTINE_OSTEOPOROSIS));
    assert_int_equal(r->hold_s, 0); /* 5-s tucks and 30-s side bends: as written */
    assert_true(r->switchable);
    assert_int_equal(builtin("mobility")->steps[3].nphases, 2); /* cat-cow: "5 s each" */
}

/* Old sessions keep their meaning: the codes of 0.1 and 0.2 still name
 * the same routines. */
static void test_legacy_codes(void **state)
{
    (void)state;
    assert_string_equal(routine_code_name("first-aid"), "Spasm first aid");
    assert_string_equal(routine_code_name("mobility"), "Gentle mobility");
    assert_string_equal(routine_code_name("daily"), "Daily stretch");
    assert_null(routine_code_name("my-stretches"));
    assert_null(routine_code_name(NULL));
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

static void check_plan(const struct routine *r, int hold)
{
    static struct timer_plan plan;
    char err[ERRLEN] = "";
    if (timer_plan_routine(&plan, r, hold, err, sizeof err) != 0)
        fail_msg("%s, hold %d: %s", r->code, hold, err);
    assert_int_equal(plan.nsteps, routine_plan_steps(r));
    assert_int_equal(plan.steps[plan.nsteps - 1].kind, TIMER_FINISH);
    /* No rest after the last rep of the last exercise. */
    assert_int_equal(plan.steps[plan.nsteps - 2].kind, TIMER_HOLD);
    for (size_t s = 0; s < plan.nsteps; s++) {
        const struct timer_step *st = &plan.steps[s];
        expect_line("label", st->label);
        expect_sentence("instruction", st->instruction);
        if (st->caution)
            expect_line("caution", st->caution);
        if (st->kind == TIMER_HOLD)
            assert_non_null(st->position); /* every step says its starting position */
        if (st->side != TIMER_SIDE_NONE)
            assert_non_null(strstr(st->instruction, st->side == TIMER_SIDE_LEFT ? "Left side: "
                                                                               : "Right side: "));
        assert_null(strchr(st->instruction, '{'));
        if (s + 1 < plan.nsteps) {
            assert_true(strlen(NEXT_PREFIX) + strlen(st->next) <= ROUTINE_LINE_MAX);
            assert_string_equal(st->next, plan.steps[s + 1].label);
        } else {
            assert_string_equal(st->next, "");
        }
        /* A gap is always followed by a hold; a change of position never
         * by a rest. */
        if (st->kind == TIMER_REST || st->kind == TIMER_SWITCH_SIDE)
            assert_int_equal(plan.steps[s + 1].kind, TIMER_HOLD);
        if (st->kind == TIMER_POSITION)
            assert_int_not_equal(plan.steps[s + 1].kind, TIMER_REST);
    }
}

static void test_every_step_label_fits(void **state)
{
    static struct routine r;
    (void)state;
    for (size_t i = 0; i < routines_builtin_count(); i++) {
        parse_builtin(i, &r);
        check_plan(&r, 0);
        check_plan(&r, ROUTINE_HOLD_SHORT_S);
        check_plan(&r, ROUTINE_HOLD_LONG_S);
    }
}

/* Switching a routine between 5-s and 30-s holds changes its "5 or 30"
 * holds and their rests, and nothing else. */
static void test_hold_switch_changes_holds_and_rests(void **state)
{
    static struct timer_plan p5, p30;
    static struct routine r;
    (void)state;
    assert_int_equal(routine_rest_s(ROUTINE_HOLD_SHORT_S), 5);
    assert_int_equal(routine_rest_s(ROUTINE_HOLD_LONG_S), 10);
    assert_int_equal(routine_rest_s(10), -1);
    for (size_t i = 0; i < routines_builtin_count(); i++) {
        parse_builtin(i, &r);
        assert_int_equal(timer_plan_routine(&p5, &r, 5, NULL, 0), 0);
        assert_int_equal(timer_plan_routine(&p30, &r, 30, NULL, 0), 0);
        assert_int_equal(p5.nsteps, p30.nsteps);
        assert_int_equal(p5.hold_s, 5);
        assert_int_equal(p30.hold_s, 30);
        for (size_t s = 0; s < p5.nsteps; s++) {
            const struct timer_step *a = &p5.steps[s], *b = &p30.steps[s];
            assert_int_equal(a->kind, b->kind);
            assert_string_equal(a->label, b->label);
            if (a->kind == TIMER_HOLD && a->ms != b->ms) {
                assert_int_equal(a->ms, 5000);
                assert_int_equal(b->ms, 30000);
            } else if (a->kind == TIMER_REST && a->ms != b->ms) {
                assert_int_equal(a->ms, 5000);
                assert_int_equal(b->ms, 10000);
            } else {
                assert_int_equal(a->ms, b->ms); /* settle, massage, moves, switches */
            }
        }
        assert_true(timer_total_ms(&p30) > timer_total_ms(&p5));
    }
}

static void test_daily_plan_shape(void **state)
{
    static struct timer_plan plan;
    size_t left = 0, right = 0, switches = 0, rests = 0, holds = 0, moves = 0;
    (void)state;
    assert_int_equal(timer_plan_routine(&plan, builtin("daily"), 0, NULL, 0), 0);
    assert_int_equal(plan.hold_s, 30);
    assert_string_equal(plan.routine_code, "daily");
    for (size_t s = 0; s < plan.nsteps; s++) {
        holds += plan.steps[s].kind == TIMER_HOLD;
        rests += plan.steps[s].kind == TIMER_REST;
        moves += plan.steps[s].kind == TIMER_POSITION;
        switches += plan.steps[s].kind == TIMER_SWITCH_SIDE;
        left += plan.steps[s].side == TIMER_SIDE_LEFT;
        right += plan.steps[s].side == TIMER_SIDE_RIGHT;
    }
    /* knee-to-chest 3+3, trunk rotation 2+2, child's pose 3, twist 2+2;
     * no rest right after a change of position. */
    assert_int_equal(holds, 17);
    assert_int_equal(switches, 3);
    assert_int_equal(moves, 3);
    assert_int_equal(rests, 11);
    assert_int_equal(left, 7);
    assert_int_equal(right, 7);
    assert_int_equal(plan.nsteps, 17 + 11 + 3 + 3 + 1);
    assert_int_equal(timer_total_ms(&plan), 17 * 30000 + 11 * 10000 + 3 * 5000 + 3 * 10000);
    assert_int_equal(plan.steps[0].kind, TIMER_POSITION);
    assert_string_equal(plan.steps[0].instruction, "Lie down on your back, slowly.");
    assert_string_equal(plan.steps[1].label, "Knee-to-chest, left side, rep 1 of 3");
    assert_string_equal(plan.steps[1].instruction,
                        "Left side: pull your LEFT knee gently toward your chest.");
    assert_string_equal(plan.steps[6].label, "Switch to the right side");
    assert_string_equal(plan.steps[7].label, "Knee-to-chest, right side, rep 1 of 3");
    assert_string_equal(plan.steps[7].instruction,
                        "Right side: pull your RIGHT knee gently toward your chest.");
    assert_null(plan.steps[1].caution); /* the routine's caution, not the step's */
}

static void test_first_aid_plan(void **state)
{
    static struct timer_plan plan;
    (void)state;
    assert_int_equal(timer_plan_routine(&plan, builtin("first-aid-lower"), 0, NULL, 0), 0);
    /* settle 30; lie down 10; stretch 5 x 5 s with 4 rests of 5 s; roll
     * over 10; press 45; circles 30 (rest 0: straight on). */
    assert_int_equal(plan.nsteps, 1 + 1 + 9 + 1 + 1 + 1 + 1);
    assert_int_equal(timer_total_ms(&plan),
                     (30 + 10 + 5 * 5 + 4 * 5 + 10 + 45 + 30) * INT64_C(1000));
    assert_string_equal(plan.steps[0].label, "Settle");
    assert_int_equal(plan.steps[1].kind, TIMER_POSITION);
    assert_string_equal(plan.steps[10].label, "Gentle stretch, rep 5 of 5");
    assert_string_equal(plan.steps[12].label, "Self-massage: press");
    assert_string_equal(plan.steps[12].caution, "Do not press where you feel a pulse.");
    assert_string_equal(plan.steps[13].label, "Self-massage: circles");
    assert_int_equal(plan.hold_s, 5);
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
        cmocka_unit_test(test_every_builtin_parses),
        cmocka_unit_test(test_first_aid_by_region),
        cmocka_unit_test(test_other_routines_match_content),
        cmocka_unit_test(test_legacy_codes),
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
