/* SPDX-License-Identifier: BSD-2-Clause */
/* routines: the built-in stretch routines (share/routines, compiled in;
 * their format is src/routine_file.h), the safety lines of every routine,
 * the ice/heat presets of CONTENT.md and the ice-or-heat suggestion. Pure:
 * libc only, no clock, no allocation, no state. All text is plain ASCII in
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

#include "src/redflags.h"
#include "src/routine_file.h"
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
#define ROUTINES_NOT_MEDICAL_ADVICE REDFLAGS_NOT_MEDICAL_ADVICE /* one sentence: redflags.h */

/* The routine-level caution of the routines that bend forward or twist. */
#define ROUTINE_OSTEOPOROSIS "With osteoporosis, skip forward bends and twists."

/* A built-in routine: a share/routines file compiled in (the Makefile
 * generates the table from the files, in menu order). */
struct routine_source {
    const char *code; /* the file's name without .routine */
    const char *name; /* its `name =`, for labels without a parse */
    const char *text;
    size_t len;
};

extern const struct routine_source routine_builtin_sources[];
extern const size_t routine_builtin_sources_count;

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

/* ---- stretch routines ----------------------------------------------------- */

/* How many routines are built in. */
size_t routines_builtin_count(void);

/* Parses built-in routine i (menu order) into *out. Returns 0, or -1 with
 * *err set when i is out of range or the shipped file is bad (a test
 * parses every one, so a release never has one). */
int routines_builtin(size_t i, struct routine *out, struct routine_error *err);

/* The name to show for a routine code as sessions record it: a built-in's
 * name, or the name of a code that older versions recorded ("first-aid",
 * the region-less first aid of 0.1 and 0.2: "Spasm first aid"); NULL for
 * any other code (a user's own routine: the caller shows the code).
 * Static storage. */
const char *routine_code_name(const char *code);

/* The code older versions recorded for "Spasm first aid", still taken by
 * `unknot timer stretch --routine`: it now picks the first aid of the
 * region (routine_first_aid_code). */
#define ROUTINE_LEGACY_FIRST_AID "first-aid"

/* The code of the built-in first aid for a region (enum region of
 * src/episode.h), or for the lower back when region is outside it (no
 * episode). Static storage. */
const char *routine_first_aid_code(int region);

/* 1 when the routine is for that region (enum region). */
int routine_for_region(const struct routine *r, int region);

/* Refuses r when its name or code is already one of list[0 .. n) (the
 * built-ins and the files read before): -1 with *err at the name's line
 * (0 for the code, which is the file's name), naming the one it repeats.
 * 0 when both are new. Names compare without regard to ASCII case. */
int routine_check_unique(const struct routine *r, const struct routine *list, size_t n,
                         struct routine_error *err);

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
