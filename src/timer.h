/* SPDX-License-Identifier: BSD-2-Clause */
/* timer: the countdown engine of stretch, ice and heat sessions. Pure: it
 * never reads a clock and never sleeps. The caller passes `now_ms`, a value
 * of one monotonic millisecond clock (CLOCK_BOOTTIME in the app, any
 * number in tests); every call on one timer must use the same clock and
 * non-decreasing values.
 *
 * A plan is a fixed-capacity array of steps (no heap) that always ends with
 * one TIMER_FINISH step of 0 ms. Step boundaries are computed from the
 * previous deadline, never from `now`, so a late caller loses no time: a
 * plan of total T ms started at S and paused for P ms in all finishes at
 * exactly S + T + P (minus any time skipped).
 *
 * The queries (timer_ms_left, timer_step_index, ...) answer as of now_ms:
 * they look at a copy advanced to now_ms and change nothing, so a caller
 * who is late still sees the right step. Only timer_advance reports the
 * events (hold ended, step changed, finished), so call it on every wake-up
 * before acting on a key; pause, resume, skip and stop first process, but
 * do not report, any boundary already due.
 */
#ifndef UNKNOT_TIMER_H
#define UNKNOT_TIMER_H

#include <stddef.h>
#include <stdint.h>

#include "src/routines.h"

#define TIMER_MAX_STEPS ROUTINE_PLAN_MAX_STEPS /* the routine parser refuses longer */
#define TIMER_PLAN_CAPACITY (TIMER_MAX_STEPS + 1) /* and one count-in */
#define TIMER_COUNT_IN_S 3         /* the count-in before the first hold: 3, 2, 1 */
#define TIMER_FINAL_COUNT_S 3      /* the last seconds of a hold counted on screen */
#define TIMER_END_REPEAT_MS 30000  /* the end of ice or heat rings again this often */
#define TIMER_LABEL_LEN 72 /* bytes with the NUL: labels fit "next: " + label in 76 columns */
#define TIMER_TEXT_LEN (ROUTINE_TEXT_LEN + 16) /* an instruction with its "Left side: " */
#define TIMER_MAX_SINGLE_S (24 * 3600) /* longest ice/heat plan, seconds */

enum timer_step_kind {
    TIMER_HOLD,
    TIMER_REST,
    TIMER_SWITCH_SIDE,
    TIMER_POSITION,
    TIMER_FINISH,
    TIMER_COUNT_IN, /* the 3-2-1 before the first hold (timer_plan_count_in) */
};

/* What a cue says (timer_step_cue): its code is what a cue command gets
 * as %cue. NONE: a step that starts without a cue. */
enum timer_cue {
    TIMER_CUE_NONE,
    TIMER_CUE_COUNT_IN,
    TIMER_CUE_HOLD,
    TIMER_CUE_REST,
    TIMER_CUE_SIDE,
    TIMER_CUE_END,
};

enum timer_side { TIMER_SIDE_NONE, TIMER_SIDE_LEFT, TIMER_SIDE_RIGHT };

/* One step. Pointers are to static storage or into the routine the plan
 * was built from (which must outlive the plan); labels are one line. */
struct timer_step {
    enum timer_step_kind kind;
    int64_t ms;       /* duration; 0 for TIMER_FINISH */
    const char *name; /* exercise name, "Rest", "Switch sides", "Change position", "Ice", "Done" */
    /* What to do, one sentence for the caller to wrap: a side's exercise
     * starts "Left side: " and says LEFT where its file says {SIDE}. */
    char instruction[TIMER_TEXT_LEN];
    const char *position; /* a hold's starting position, or NULL */
    const char *caution;  /* one line, or NULL */
    int stop_above;       /* the exercise's "stop if pain above N", or -1 */
    int rep, nreps;       /* 1-based rep of the exercise; 0, 0 outside one */
    enum timer_side side;
    char label[TIMER_LABEL_LEN]; /* "Knee-to-chest, left side, rep 2 of 3" */
    char next[TIMER_LABEL_LEN];  /* label of the next step ("Done"); "" on FINISH */
};

struct timer_plan {
    enum session_kind kind;   /* what the session is recorded as */
    char routine_code[ROUTINE_CODE_LEN]; /* routine code, or "" for ice and heat */
    /* The 5-s/30-s switch as run: 5 or 30, or 0 for ice and heat and for a
     * routine run as written with no one hold (what the session records). */
    int hold_s;
    int repeat_end; /* 1: the end cue repeats until timer_cue_ack (ice and heat) */
    size_t nsteps;
    struct timer_step steps[TIMER_PLAN_CAPACITY];
};

enum timer_state { TIMER_IDLE, TIMER_RUNNING, TIMER_PAUSED, TIMER_FINISHED, TIMER_STOPPED };

/* Zero-initialise (TIMER_IDLE) or timer_start before use. The plan is
 * borrowed: it must outlive the timer and not change while it runs. */
struct timer {
    const struct timer_plan *plan;
    enum timer_state state;
    size_t step;       /* index of the current step */
    int64_t deadline;  /* end of the current step, while running */
    int64_t left;      /* ms left in the current step, while paused */
    int64_t seg_start; /* now_ms when the current run of unpaused time began */
    int64_t active;    /* unpaused ms before seg_start */
    /* cues (timer_cue_take) */
    size_t cue_next;    /* the first step whose start cue was not taken */
    int64_t cue_rings;  /* repeats of the end cue taken */
    int cue_acked;      /* a key stopped the repeats */
};

/* What one timer_advance call saw happen, in order, up to now_ms. */
struct timer_events {
    unsigned holds_ended;   /* HOLD steps that ran to their end */
    unsigned steps_changed; /* step boundaries crossed (including into FINISH) */
    int finished;           /* 1 when the plan reached its FINISH step */
};

/* ---- plans --------------------------------------------------------------- */

/* Builds the plan of routine r. hold_s is the user's switch: 0 runs every
 * hold as written, 5 or 30 sets every switchable ("5 or 30") hold to it
 * (and their default rests with it); a routine without such holds takes
 * only 0. Steps in the file's order: a [position] is a TIMER_POSITION
 * step; an exercise does its reps (per side: left then right, a
 * TIMER_SWITCH_SIDE of ROUTINE_SWITCH_SIDE_S between), each rep holding
 * each phase in turn, a REST of the exercise's rest (none when 0) before
 * each rep but the plan's first and one right after a position change.
 * FINISH ends it. Returns 0, or -1 with a one-line message in err (bad
 * hold, no routine, more than TIMER_MAX_STEPS steps); on error *plan is
 * left empty (nsteps 0). routine_plan_steps(r) is the number of steps. */
int timer_plan_routine(struct timer_plan *plan, const struct routine *r, int hold_s, char *err,
                       size_t errlen);

/* Builds an ice or heat plan: one HOLD of `seconds` (1..TIMER_MAX_SINGLE_S)
 * and FINISH. The minutes are checked by therapy_minutes_check, not here.
 * Returns 0, or -1 with a message in err and an empty plan. */
int timer_plan_single(struct timer_plan *plan, enum therapy_kind kind, int64_t seconds, char *err,
                      size_t errlen);

/* Adds the count-in to a routine's plan: a TIMER_COUNT_IN step of
 * TIMER_COUNT_IN_S just before its first hold, with that hold's label,
 * position, instruction and side (what to get ready for). Returns 0, or
 * -1 (the plan unchanged) when it has no hold or a count-in already. */
int timer_plan_count_in(struct timer_plan *plan);

/* Sum of the step durations: how long the plan runs with no pause or skip. */
int64_t timer_total_ms(const struct timer_plan *plan);

/* ---- the engine ---------------------------------------------------------- */

/* Starts plan at now_ms on its first step (state RUNNING). Returns 0, or -1
 * and leaves *t untouched when the plan is malformed (empty, over
 * TIMER_MAX_STEPS, a negative duration, or not exactly one FINISH, last). */
int timer_start(struct timer *t, const struct timer_plan *plan, int64_t now_ms);

/* Processes every step boundary up to and including now_ms (a deadline
 * equal to now_ms is crossed), each from the previous deadline, and fills
 * *ev (cleared first; ev may be NULL). Does nothing unless RUNNING. */
void timer_advance(struct timer *t, int64_t now_ms, struct timer_events *ev);

/* Pause freezes the ms left in the current step; resume puts the deadline
 * that far after now_ms, so a pause of P ms moves every later deadline by
 * exactly P. Each returns 0, or -1 (nothing changes) when the timer is not
 * RUNNING (pause) or not PAUSED (resume) once due boundaries are processed. */
int timer_pause(struct timer *t, int64_t now_ms);
int timer_resume(struct timer *t, int64_t now_ms);

/* Ends the current step now and starts the next one (a paused timer stays
 * paused, on the next step); skipping the last step finishes the plan. The
 * skipped time is not run, so the plan ends that much sooner. Returns 0, or
 * -1 when the timer is neither RUNNING nor PAUSED. */
int timer_skip(struct timer *t, int64_t now_ms);

/* Stops a RUNNING or PAUSED timer for good (state STOPPED); the elapsed
 * time stays what was run. Returns 0, or -1 in any other state. */
int timer_stop(struct timer *t, int64_t now_ms);

/* ---- queries (as of now_ms; they change nothing) --------------------------- */

enum timer_state timer_state(const struct timer *t, int64_t now_ms);

/* Index of the current step (the FINISH step once finished), and the step
 * itself (NULL when IDLE). */
size_t timer_step_index(const struct timer *t, int64_t now_ms);
const struct timer_step *timer_current(const struct timer *t, int64_t now_ms);

/* ms left in the current step: 0 when IDLE, FINISHED or STOPPED. */
int64_t timer_ms_left(const struct timer *t, int64_t now_ms);

/* The seconds the screen shows: ms left rounded up (29001 ms -> 30). */
int64_t timer_seconds_shown(const struct timer *t, int64_t now_ms);

/* ms until the shown seconds change or the step ends, whichever is first
 * (always 1..1000): how long the UI may sleep. -1 unless RUNNING. */
int64_t timer_ms_to_next_event(const struct timer *t, int64_t now_ms);

/* Unpaused time run so far (skipped time is not run): what a session
 * checkpoints as its elapsed time. */
int64_t timer_elapsed_ms(const struct timer *t, int64_t now_ms);

/* Position in the plan as a fraction 0..1 of timer_total_ms: the planned
 * durations of the steps behind plus the part of this one done; a skip
 * jumps ahead. 1 once finished; 0 when IDLE. */
double timer_progress(const struct timer *t, int64_t now_ms);

/* Planned ms left in the whole plan from now (the current step's ms left
 * plus every later step): 0 once finished or stopped. */
int64_t timer_plan_ms_left(const struct timer *t, int64_t now_ms);

/* ---- cues ------------------------------------------------------------------
 * A cue is due when a step starts (its timer_step_cue), and after the end
 * of a plan with repeat_end every TIMER_END_REPEAT_MS from the end until
 * timer_cue_ack. Computed from the deadlines, like the steps: exact and
 * never drifting, on the caller's clock. */

/* The cue that starts step i of plan: COUNT_IN, HOLD, REST, SIDE (a side
 * switch) and END (the finish) for their steps; a change of position is a
 * REST after a hold (the hold is over) and NONE otherwise. NONE for an i
 * outside the plan. */
enum timer_cue timer_step_cue(const struct timer_plan *plan, size_t i);

/* "count-in", "hold", "rest", "side", "end"; "" for NONE. Static. */
const char *timer_cue_code(enum timer_cue cue);

/* The side a cue of step i is about: the step's own, or for a side switch
 * the side of the step after it. */
enum timer_side timer_cue_side(const struct timer_plan *plan, size_t i);

/* "left", "right", "" (none). Static. */
const char *timer_side_code(enum timer_side side);

/* The one-line banner of step i (at most len bytes, NUL-terminated): "Get
 * ready: Knee-to-chest, LEFT side, rep 1 of 3", "Hold: ...", "Rest, then:
 * ...", "Switch sides: now the RIGHT side", "Change position", and at the
 * end "All done" or "Take the ice off now" / "Take the heat off now". The
 * side is in capitals so that it stands out. */
void timer_cue_text(const struct timer_plan *plan, size_t i, char *buf, size_t len);

/* Takes the cue due at now_ms, if any: the start cue of the current step
 * when it was not taken yet (a late wake-up that crossed several
 * boundaries gives the latest one only: one bell, not a burst), else a
 * repeat of the end when one is due (the missed ones of a late wake-up
 * are dropped too). *step (may be NULL) receives the step the cue is of.
 * A stopped timer gives no cue. TIMER_CUE_NONE when nothing is due. */
enum timer_cue timer_cue_take(struct timer *t, int64_t now_ms, size_t *step);

/* ms until the next cue is due (0: one is due now), or -1 when none will
 * come (not running and no end repeat pending, or acked): with
 * timer_ms_to_next_event, how long the UI may sleep. */
int64_t timer_ms_to_next_cue(const struct timer *t, int64_t now_ms);

/* A key was pressed: the end cue repeats no more. Returns 1 when a repeat
 * was pending (the bell is now silenced), else 0. */
int timer_cue_ack(struct timer *t, int64_t now_ms);

/* The count the screen shows in the last TIMER_FINAL_COUNT_S seconds of a
 * hold of more than that, and through the count-in: 3, 2, 1; 0 at any
 * other time. */
int timer_final_count(const struct timer *t, int64_t now_ms);

/* The argv of a cue command (the cue_command setting, --exec): words on
 * blanks, no shell (src/argv.h), with %cue (timer_cue_code), %step (the
 * step's label, "Done" at the end), %side ("left", "right" or "") and
 * %%. */
#define TIMER_CUE_ARGV_MAX 32
struct timer_cue_argv {
    char *argv[TIMER_CUE_ARGV_MAX + 1]; /* NULL-terminated, into buf */
    char buf[1024];
};

/* Builds the argv of command for the cue of step i of plan. Returns the
 * number of words, or -1 with a one-line message in err (as argv_build). */
int timer_cue_argv(const char *command, const struct timer_plan *plan, size_t i,
                   enum timer_cue cue, struct timer_cue_argv *out, char *err, size_t errlen);

/* Checks a cue command as timer_cue_argv would take it. 0 or -1 with err. */
int timer_cue_command_check(const char *command, char *err, size_t errlen);

/* How a timer shows a time of secs seconds: "0:45", "20:00", "1:05:00"
 * (hours only from one hour up); a negative time shows as "0:00". Writes
 * at most len bytes, NUL-terminated. The CLI's session list and the timer
 * screen both show times this way. */
void timer_format_clock(int64_t secs, char *buf, size_t len);

#endif
