/* SPDX-License-Identifier: BSD-2-Clause */
/* routines: the stretches, stretch routines and ice/heat presets of
 * CONTENT.md, as static tables, plus the ice-or-heat suggestion. Pure: libc
 * only, no clock, no allocation, no state. All text is plain ASCII in
 * static storage (never free it) and each line fits ROUTINE_LINE_MAX
 * columns, but for the few sentences said to be wrapped by the caller.
 *
 * Ice and heat minutes (CONTENT.md "Ice and heat"): both 20 by default,
 * 10 to 20 accepted, never more: longer risks a burn or frostbite.
 */
#ifndef UNKNOT_ROUTINES_H
#define UNKNOT_ROUTINES_H

#include <stddef.h>
#include <stdint.h>

#include "src/session.h"

#define ROUTINE_LINE_MAX 76 /* columns of any line of text below */

/* Holds and the gaps between them, in seconds. */
#define ROUTINE_HOLD_SHORT_S 5  /* "5-second holds" */
#define ROUTINE_HOLD_LONG_S 30  /* "30-second holds" */
#define ROUTINE_REST_SHORT_S 5  /* rest between reps with 5-s holds */
#define ROUTINE_REST_LONG_S 10  /* rest between reps with 30-s holds */
#define ROUTINE_SWITCH_SIDE_S 5 /* change from the left to the right side */

/* Ice and heat. */
#define THERAPY_HOUR_S 3600
#define ICE_MIN_GAP_S (2 * THERAPY_HOUR_S)         /* ice at most every 2 hours */
#define THERAPY_ICE_WINDOW_S (48 * THERAPY_HOUR_S) /* ice is best before this age */
#define THERAPY_ICE_DEFAULT_MIN 20
#define THERAPY_ICE_MIN_MIN 10
#define THERAPY_ICE_MAX_MIN 20
#define THERAPY_HEAT_DEFAULT_MIN 20
#define THERAPY_HEAT_MIN_MIN 10
#define THERAPY_HEAT_MAX_MIN 20
/* Why the minutes stop at THERAPY_*_MAX_MIN, for the set-up's hints. */
#define THERAPY_TOO_LONG "longer risks a burn or frostbite"

/* The line every screen with advice ends with (same words as flags.h). */
#define ROUTINES_NOT_MEDICAL_ADVICE                                                                \
    "unknot is not medical advice. If you are worried, call your doctor."

/* One position of a stretch that alternates two (cat-cow): each rep holds
 * every phase in turn, each for the full hold. */
struct stretch_phase {
    const char *name;        /* "cat" */
    const char *instruction; /* one line */
};

struct stretch {
    const char *code;        /* "knee-to-chest" */
    const char *name;        /* "Knee-to-chest" */
    const char *instruction; /* one line, plain words */
    int hold_s;              /* default hold: ROUTINE_HOLD_SHORT_S or _LONG_S */
    int reps;                /* per side when per_side */
    int per_side;            /* 1: the reps are done left, then right */
    const char *caution;     /* one line, or NULL */
    size_t nphases;          /* 0, or the length of phases */
    const struct stretch_phase *phases;
};

struct routine {
    const char *code;    /* "first-aid", "mobility", "daily" */
    const char *name;    /* "Spasm first aid" */
    const char *summary; /* one line: when to use it */
    /* One line for the whole routine, or NULL: routines that bend forward
     * or twist carry ROUTINE_OSTEOPOROSIS (CONTENT.md "Stretch holds"). */
    const char *caution;
    int hold_s;          /* default hold; the user may pick the other one */
    size_t nstretches;
    const struct stretch *const *stretches; /* in the order they are done */
};

/* The routine-level caution of the routines that bend forward or twist. */
#define ROUTINE_OSTEOPOROSIS "With osteoporosis, skip forward bends and twists."

enum therapy_kind { THERAPY_ICE, THERAPY_HEAT, THERAPY_KIND_COUNT };

struct therapy_preset {
    enum therapy_kind kind;
    enum session_kind session; /* SESSION_ICE or SESSION_HEAT: what is recorded */
    const char *name; /* "Ice", "Heat" */
    int default_min;
    int min_min, max_min; /* accepted minutes, inclusive */
    const char *how;      /* one line each: the wrap, shown while it runs too */
    const char *caution;  /* this kind's own rule, shown while it runs too */
    /* The set-up's further lines (numb skin, diabetes; warm not hot):
     * nlines of them, one line each. */
    size_t nlines;
    const char *const *lines;
};

enum therapy_advice { ADVICE_ICE, ADVICE_HEAT, ADVICE_EITHER };

struct therapy_suggestion {
    enum therapy_advice advice;
    const char *reason;                 /* static; up to 2 * ROUTINE_LINE_MAX, wrapped */
    char warning[ROUTINE_LINE_MAX + 1]; /* one line, or "" for none */
};

/* ---- stretches and routines ---------------------------------------------- */

/* Every stretch of CONTENT.md; *n receives the count. Static; never NULL. */
const struct stretch *stretches_list(size_t *n);

/* The stretch with this code (exact), or NULL. */
const struct stretch *stretch_find(const char *code);

/* The routines in menu order; *n receives the count. Static; never NULL. */
const struct routine *routines_list(size_t *n);

/* The routine with this code (exact, case-sensitive as stored), or NULL. */
const struct routine *routine_find(const char *code);

/* Parses a routine code as a user types it (case-insensitive, blanks
 * around ignored). Returns 0 and sets *out, or -1 and writes a one-line
 * message quoting the input and listing the codes into err. */
int routine_parse(const char *text, const struct routine **out, char *err, size_t errlen);

/* 0 when hold_s is ROUTINE_HOLD_SHORT_S or ROUTINE_HOLD_LONG_S; otherwise
 * -1 and a one-line message naming both into err (err may be NULL). */
int routine_hold_check(int hold_s, char *err, size_t errlen);

/* Rest between reps for a hold: ROUTINE_REST_SHORT_S for 5-s holds,
 * ROUTINE_REST_LONG_S for 30-s holds, -1 for any other hold. */
int routine_rest_s(int hold_s);

/* CONTENT.md's stretch safety line about nerve signs; the last of
 * routine_safety_lines(), and the set-up's gate line (src/gate.h) when an
 * ongoing episode has numbness, tingling or weakness. */
#define ROUTINE_NERVE_STOP \
    "Stop and take the checklist if numbness, tingling or weakness appears or pain " \
    "spreads down a leg."

/* The safety lines shown with every routine; *n receives the count. Each
 * is a sentence of at most 2 * ROUTINE_LINE_MAX columns, for the caller
 * to wrap. */
const char *const *routine_safety_lines(size_t *n);

/* ---- ice and heat -------------------------------------------------------- */

/* The preset of a kind, or NULL outside the enum. Static. */
const struct therapy_preset *therapy_preset(enum therapy_kind kind);

/* Checks a number of minutes for a kind. Returns -1 when refused, with a
 * one-line message naming the accepted range in msg ("Ice time must be 10
 * to 20 minutes, not 9."); 0 when accepted, with msg set to "". msg may be
 * NULL. */
int therapy_minutes_check(enum therapy_kind kind, long minutes, char *msg, size_t len);

/* Parses minutes as typed (digits only, blanks around ignored) and checks
 * them as therapy_minutes_check. Returns 0 and sets *out (msg ""), or -1
 * with a message quoting the input and leaves *out alone. */
int therapy_minutes_parse(enum therapy_kind kind, const char *text, int *out, char *msg,
                          size_t len);

/* Suggests ice, heat or either. episode_age_s: seconds since the ongoing
 * (or latest) episode began, negative if there is none; since_ice_s:
 * seconds since the last ice session ended, negative if none. Ice before
 * THERAPY_ICE_WINDOW_S ("whichever eases it more; many people use ice"),
 * heat from then on ("heat helps stiff muscles; alternating is fine"),
 * either without an episode. The reason is neutral advice, never a
 * warning: the sources disagree on which is better (CONTENT.md). The
 * warning is set when the last ice ended under ICE_MIN_GAP_S ago. Always
 * fills *out. */
void therapy_suggest(int64_t episode_age_s, int64_t since_ice_s, struct therapy_suggestion *out);

/* "ice", "heat", "either". */
const char *therapy_advice_code(enum therapy_advice advice);

#endif
