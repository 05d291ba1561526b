/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/gate.c: what the set-up of a stretch, ice or heat session
 * says before it starts, and when it must ask (CONTENT.md "Before a
 * stretch, ice or heat session"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/gate.h"
#include "src/routines.h"

#define SEVERE "Call your doctor: severe pain that is not easing after 4 days."
#define EMERGENCY_TITLE "EMERGENCY: seek emergency care now"
#define NERVE_STRETCH \
    "Stop and take the checklist if numbness, tingling or weakness appears or pain spreads " \
    "down a leg."
#define NUMB_SKIN "Do not use ice or heat on numb skin."
#define URGENT_LINE "URGENT: contact a doctor today; stop if anything gets worse."

/* Each case: the session, the facts, whether it asks, and the first words
 * of every line in order (NULL ends them). */
static const struct {
    enum session_kind kind;
    enum redflag_level level;
    int nerve;
    const char *severe;
    int confirm;
    const char *lines[GATE_MAX_LINES + 1];
} cases[] = {
    /* nothing in force: nothing said, Enter starts */
    {SESSION_STRETCH, REDFLAG_CLEAR, 0, NULL, 0, {NULL}},
    {SESSION_ICE, REDFLAG_CLEAR, 0, NULL, 0, {NULL}},
    {SESSION_HEAT, REDFLAG_CLEAR, 0, "", 0, {NULL}},
    /* a see-soon verdict is not a gate */
    {SESSION_HEAT, REDFLAG_SEE_DOCTOR, 0, NULL, 0, {NULL}},
    /* emergency: its title and advice, and only "start anyway" starts */
    {SESSION_STRETCH, REDFLAG_EMERGENCY, 0, NULL, 1, {EMERGENCY_TITLE, "Call your", NULL}},
    {SESSION_ICE, REDFLAG_EMERGENCY, 0, NULL, 1, {EMERGENCY_TITLE, "Call your", NULL}},
    {SESSION_HEAT, REDFLAG_EMERGENCY, 0, NULL, 1, {EMERGENCY_TITLE, "Call your", NULL}},
    /* urgent: one line, no question */
    {SESSION_STRETCH, REDFLAG_URGENT, 0, NULL, 0, {URGENT_LINE, NULL}},
    {SESSION_HEAT, REDFLAG_URGENT, 0, NULL, 0, {URGENT_LINE, NULL}},
    /* an ongoing episode with numbness, tingling or weakness */
    {SESSION_STRETCH, REDFLAG_CLEAR, 1, NULL, 0, {NERVE_STRETCH, NULL}},
    {SESSION_ICE, REDFLAG_CLEAR, 1, NULL, 0, {NUMB_SKIN, NULL}},
    {SESSION_HEAT, REDFLAG_CLEAR, 1, NULL, 0, {NUMB_SKIN, NULL}},
    /* severe and not easing: the flag's own advice */
    {SESSION_STRETCH, REDFLAG_CLEAR, 0, SEVERE, 0, {SEVERE, NULL}},
    {SESSION_ICE, REDFLAG_CLEAR, 0, SEVERE, 0, {SEVERE, NULL}},
    /* all at once, the most serious first */
    {SESSION_HEAT, REDFLAG_EMERGENCY, 1, SEVERE, 1,
     {EMERGENCY_TITLE, "Call your", NUMB_SKIN, SEVERE, NULL}},
    {SESSION_STRETCH, REDFLAG_URGENT, 1, SEVERE, 0, {URGENT_LINE, NERVE_STRETCH, SEVERE, NULL}},
};

static void test_gate_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gate_facts facts = {cases[i].level, cases[i].nerve, cases[i].severe};
        struct gate g;
        size_t want = 0;
        memset(&g, 'x', sizeof g);
        gate_build(cases[i].kind, &facts, &g);
        while (cases[i].lines[want])
            want++;
        if (g.confirm != cases[i].confirm || g.nlines != want)
            fail_msg("case %zu: confirm %d, %zu lines; want %d, %zu", i, g.confirm, g.nlines,
                     cases[i].confirm, want);
        for (size_t k = 0; k < want; k++) {
            const char *w = cases[i].lines[k];
            if (strncmp(g.lines[k].text, w, strlen(w)) != 0)
                fail_msg("case %zu line %zu: \"%s\", want \"%s...\"", i, k, g.lines[k].text, w);
        }
    }
}

/* The words and the tones of the emergency gate. */
static void test_emergency_words(void **state)
{
    struct gate_facts facts = {REDFLAG_EMERGENCY, 0, NULL};
    struct gate g;
    (void)state;
    gate_build(SESSION_HEAT, &facts, &g);
    assert_string_equal(g.lines[0].text, redflag_level_title(REDFLAG_EMERGENCY));
    assert_string_equal(g.lines[1].text, redflag_level_advice(REDFLAG_EMERGENCY));
    assert_non_null(strstr(g.lines[1].text, "Do not drive yourself."));
    assert_non_null(strstr(g.lines[1].text, "Stretches, ice and heat do"));
    assert_int_equal(g.lines[0].tone, GATE_TONE_EMERGENCY);
    assert_int_equal(g.lines[1].tone, GATE_TONE_EMERGENCY);
    assert_non_null(strstr(GATE_CONFIRM_QUESTION, "anyway"));
    facts.level = REDFLAG_URGENT;
    facts.nerve = 1;
    gate_build(SESSION_ICE, &facts, &g);
    assert_int_equal(g.lines[0].tone, GATE_TONE_URGENT);
    assert_int_equal(g.lines[1].tone, GATE_TONE_CAUTION);
    /* The stretch's nerve line is the routine's own safety line. */
    gate_build(SESSION_STRETCH, &facts, &g);
    assert_string_equal(g.lines[1].text, ROUTINE_NERVE_STOP);
}

static void add_symptom(struct episode *ep, const char *code)
{
    char err[128];
    assert_int_equal(episode_add_tag(ep, TAG_SYMPTOM, code, err, sizeof err), 0);
}

/* Which symptoms make an ongoing episode a nerve episode. */
static void test_nerve_episode(void **state)
{
    static const struct {
        const char *code;
        int nerve;
    } codes[] = {
        {"numbness", 1},  {"weakness", 1},     {"saddle-numbness", 1}, {"both-legs", 1},
        {"arm-hand", 1},  {"stiffness", 0},    {"radiating-leg", 0},   {"below-knee", 0},
        {"knot", 0},      {"bladder-bowel", 0}, {"fever", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        struct episode ep;
        episode_init(&ep);
        ep.started_at = 1000;
        add_symptom(&ep, codes[i].code);
        if (gate_nerve_episode(&ep) != codes[i].nerve)
            fail_msg("symptom %s: nerve %d, want %d", codes[i].code, !codes[i].nerve,
                     codes[i].nerve);
        ep.ended_at = 2000; /* over: it no longer gates */
        assert_int_equal(gate_nerve_episode(&ep), 0);
    }
    struct episode none;
    episode_init(&none);
    assert_int_equal(gate_nerve_episode(&none), 0);
    /* A trigger spelled like a symptom is not one. */
    char err[128];
    assert_int_equal(episode_add_tag(&none, TAG_TRIGGER, "other:numbness", err, sizeof err), 0);
    assert_int_equal(gate_nerve_episode(&none), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gate_table),
        cmocka_unit_test(test_emergency_words),
        cmocka_unit_test(test_nerve_episode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
