/* SPDX-License-Identifier: BSD-2-Clause */
/* routine_file: the plain-text format of a stretch routine, the one every
 * built-in routine (share/routines/NAME.routine, compiled in) and every
 * routine of the user's own ($XDG_CONFIG_HOME/unknot/routines/) is written
 * in. Pure: libc only, no I/O, no allocation: text in, struct out, or the
 * line and the reason it was refused.
 *
 * The format (man unknot, ROUTINE FILES): UTF-8 lines of `key = value`;
 * blank lines and lines starting with # are ignored. The keys before the
 * first stanza describe the routine (name, region, summary, caution); each
 * [exercise] stanza is one exercise (name, position, instruction, hold,
 * rest, reps, sides, phase, caution, stop-if-pain-above) and each
 * [position] stanza one change of position (instruction, time). An
 * instruction of an exercise done by side may say {side} or {SIDE}, which
 * become "left"/"right" or "LEFT"/"RIGHT". `hold = 5 or 30` (or `30 or 5`)
 * is the user's switch between 5-s and 30-s holds, the first number the
 * default (CONTENT.md "Stretch holds").
 */
#ifndef UNKNOT_ROUTINE_FILE_H
#define UNKNOT_ROUTINE_FILE_H

#include <stddef.h>

#define ROUTINE_FILE_MAX (64 * 1024) /* bytes of one routine file */
#define ROUTINE_CODE_LEN 32          /* with the NUL: fits session.h's SESSION_ROUTINE_LEN */
#define ROUTINE_NAME_LEN 48          /* bytes with the NUL */
#define ROUTINE_TEXT_LEN 200         /* bytes with the NUL: one sentence, wrapped on screen */
#define ROUTINE_MAX_STEPS 24         /* exercises and position changes */
#define ROUTINE_MAX_CAUTIONS 3
#define ROUTINE_MAX_PHASES 2
#define ROUTINE_HOLD_MIN_S 1
#define ROUTINE_HOLD_MAX_S 600
#define ROUTINE_REST_MAX_S 600
#define ROUTINE_REPS_MAX 50
#define ROUTINE_MOVE_DEFAULT_S 10 /* a change of position without `time =` */
#define ROUTINE_MOVE_MAX_S 120
#define ROUTINE_PLAN_MAX_STEPS 256 /* timer steps a routine may take (timer.h's TIMER_MAX_STEPS) */
#define ROUTINE_ERR_LEN 200

enum routine_step_kind { RSTEP_EXERCISE, RSTEP_POSITION };

enum routine_sides { SIDES_NONE, SIDES_BOTH, SIDES_LEFT, SIDES_RIGHT };

/* One position of an exercise that alternates two (cat-cow): each rep
 * holds every phase in turn, each for the full hold. */
struct routine_phase {
    char name[ROUTINE_NAME_LEN];
    char instruction[ROUTINE_TEXT_LEN];
};

struct routine_step {
    enum routine_step_kind kind;
    long line;                          /* line of the stanza's header */
    char name[ROUTINE_NAME_LEN];        /* exercise: "Knee-to-chest"; position: "Change position" */
    char position[ROUTINE_TEXT_LEN];    /* exercise: where it starts; "" for a position step */
    char instruction[ROUTINE_TEXT_LEN]; /* may hold {side} / {SIDE} */
    char caution[ROUTINE_TEXT_LEN];     /* "" for none */
    int hold_s;                         /* exercise: seconds; position: its time */
    int switchable;                     /* 1: `hold = 5 or 30`, the user's switch applies */
    int rest_s;                         /* between reps; -1: the default for the hold */
    int reps;                           /* per side */
    enum routine_sides sides;
    int stop_above; /* "stop if pain above N": 0..9, or -1 for none */
    size_t nphases;
    struct routine_phase phases[ROUTINE_MAX_PHASES];
};

struct routine {
    char code[ROUTINE_CODE_LEN]; /* the file's name without .routine: "daily" */
    char name[ROUTINE_NAME_LEN]; /* "Daily stretch" */
    long name_line;              /* the line that gave the name */
    unsigned regions;            /* bit (1u << enum region) of each region it is for */
    char summary[ROUTINE_TEXT_LEN];
    size_t ncautions;
    char cautions[ROUTINE_MAX_CAUTIONS][ROUTINE_TEXT_LEN];
    int switchable; /* 1: some hold is "5 or 30", the user's 5-s/30-s switch applies */
    int hold_s;     /* the switch's default (5 or 30) when all agree, else 0 */
    size_t nsteps;
    struct routine_step steps[ROUTINE_MAX_STEPS];
};

struct routine_error {
    long line;                 /* 1-based; 0 for the file as a whole */
    char msg[ROUTINE_ERR_LEN]; /* one line, says what is accepted */
};

/* Parses text[0 .. len) (not NUL-terminated necessarily) as a routine
 * file whose code is `code` (see routine_code_from_name). Returns 0 and
 * fills *out, or -1 with *err set (out is then unspecified). Refused: a
 * file over ROUTINE_FILE_MAX, text that is not UTF-8 or holds a control
 * character (src/text.h; a tab only between a key and its value), an
 * unknown key or stanza, a key given twice, a missing name, region,
 * position, instruction or hold, a number out of its range, {side} in an
 * exercise without sides, and a routine whose timer plan would take over
 * ROUTINE_PLAN_MAX_STEPS steps. */
int routine_file_parse(const char *text, size_t len, const char *code, struct routine *out,
                       struct routine_error *err);

/* The code of a routine file from its name (a path's last part): the name
 * without ".routine", which must be 1 to ROUTINE_CODE_LEN - 1 of a-z, 0-9
 * and '-'. Returns 0, or -1 with a one-line message in err. */
int routine_code_from_name(const char *filename, char *code, size_t len, char *err,
                           size_t errlen);

/* 1 when code is a routine code as above (what a session may record). */
int routine_code_valid(const char *code);

/* Timer steps the plan of r takes with every switchable hold as given:
 * holds, rests, side switches, position changes and the finish. */
size_t routine_plan_steps(const struct routine *r);

/* The rest between reps of step st when its hold is hold_s: its own
 * `rest =`, else 5 s for holds under 30 s and 10 s from 30 s on
 * (CONTENT.md: 5 s with 5-s holds, 10 s with 30-s holds). */
int routine_step_rest_s(const struct routine_step *st, int hold_s);

/* "none", "both", "left", "right". */
const char *routine_sides_code(enum routine_sides s);

#endif
