/* SPDX-License-Identifier: BSD-2-Clause */
/* gate: what the set-up of a stretch, ice or heat session shows before it
 * starts, and whether it may start on Enter (CONTENT.md "Before a stretch,
 * ice or heat session"). Pure: libc only, no clock, no allocation; the
 * front end gathers the facts (src/app/history.h) and draws the lines.
 *
 *   emergency in force   the emergency title and advice; the session starts
 *                        only after an explicit "start anyway" (confirm)
 *   urgent in force      "URGENT: contact a doctor today; stop if anything
 *                        gets worse."
 *   an ongoing episode   stretch: ROUTINE_NERVE_STOP; ice and heat: "Do not
 *   with a nerve sign    use ice or heat on numb skin."
 *   severe, not easing   that flag's own advice
 *
 * The lines come in that order, the most serious first. */
#ifndef UNKNOT_GATE_H
#define UNKNOT_GATE_H

#include <stddef.h>

#include "src/episode.h"
#include "src/redflags.h"
#include "src/session.h"

#define GATE_MAX_LINES 4

#define GATE_URGENT_LINE "URGENT: contact a doctor today; stop if anything gets worse."
#define GATE_NUMB_SKIN_LINE "Do not use ice or heat on numb skin."
/* The question the front end asks before an emergency-gated start. */
#define GATE_CONFIRM_QUESTION "An emergency sign is in force. Start the session anyway?"

/* How a line is to be shown: the colour of its level. */
enum gate_tone { GATE_TONE_EMERGENCY, GATE_TONE_URGENT, GATE_TONE_CAUTION };

struct gate_line {
    const char *text; /* static, or the caller's severe_advice; may hold '\n' */
    enum gate_tone tone;
};

/* What the front end knows at the set-up. */
struct gate_facts {
    enum redflag_level level;  /* the warning in force (struct warnsign_state) */
    int nerve;                 /* an ongoing episode with a nerve sign: gate_nerve_episode() */
    const char *severe_advice; /* advice of the severe-and-not-easing flag, or NULL */
};

struct gate {
    int confirm; /* 1: start only after an explicit "start anyway" */
    size_t nlines;
    struct gate_line lines[GATE_MAX_LINES];
};

/* The gate of a session of kind `kind` (stretch, ice or heat) given the
 * facts. Overwrites all of *out; a kind outside the enum gets the lines of
 * ice and heat. Never fails. The lines point into static storage or at
 * facts->severe_advice, which must outlive *out. */
void gate_build(enum session_kind kind, const struct gate_facts *facts, struct gate *out);

/* Copies text into out (len bytes, truncated, NUL-terminated) with its
 * hard line breaks, made for the CLI's 78 columns, turned into blanks, so
 * that a screen can wrap it at its own width in the fewest rows. */
void gate_reflow(const char *text, char *out, size_t len);

/* 1 when ep is ongoing and holds a symptom of numbness, tingling or
 * weakness (codes numbness, weakness, saddle-numbness, both-legs,
 * arm-hand), else 0. */
int gate_nerve_episode(const struct episode *ep);

#endif
