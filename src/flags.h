/* SPDX-License-Identifier: BSD-2-Clause */
/* flags: warnings computed from the episode history (CONTENT.md, "Flags
 * computed from the log"). Pure: libc and the core only, `now` is passed
 * in, no SQL, no curses, no heap. Streaming, so memory stays flat however
 * long the history:
 *
 *     struct flags f;
 *     flags_begin(&f, now);
 *     while (next row, oldest start first) flags_feed(&f, &ep);
 *     flags_end(&f);
 *     for (size_t i = 0; i < flags_count(&f); i++) show(flags_at(&f, i));
 *
 * Every sentence a flag carries says what the history shows, no more
 * (CONTENT.md, principle 3): separate spasms are never "pain lasting".
 * Days are the user's local calendar days (TZ, see when_local_day); the
 * thresholds in seconds are named below.
 *
 * SPELL. A run of episodes in which each one starts less than
 *   FLAG_CHAIN_GAP_S after the latest end seen so far in the run (an
 *   ongoing episode keeps the run open). It lasts from its first start to
 *   its latest end (an ongoing episode ends at now). The last spell is
 *   CURRENT while one of its episodes is ongoing or its latest end lies less
 *   than FLAG_CURRENT_S before now. Only the current spell flags.
 * DURATION LADDER (over_3_days, over_week, over_two_weeks; only the
 *   highest rung): the current spell lasts more than FLAG_LADDER_3_S,
 *   FLAG_WEEK_S or FLAG_TWO_WEEKS_S. The title says what happened: one
 *   episode, "One spasm lasting 9 days" (whole days, rounded down; ", still
 *   going" while ongoing); several, "Spasms on 8 of the last 9 days, with no
 *   2-day break", counting the local days on which one of them was going,
 *   out of the days from the spell's first day to today ("on each of the
 *   last 8 days" when there was no day without).
 * SEVERE AND NOT EASING: the current spell lasts more than
 *   FLAG_SEVERE_AFTER_S and its latest pain reading is FLAG_SEVERE_INTENSITY
 *   or more. Each episode's pain is its latest reading (flags_feed_pain;
 *   without one, its intensity, the first reading); the spell's is the
 *   latest-started episode's, and an episode still going keeps its own (a
 *   milder spasm elsewhere does not ease it).
 * LEG SYMPTOMS: episodes that are ongoing or started at or after now -
 *   FLAG_LEG_RECENT_S, with the symptom "weakness" (leg_weakness, urgent),
 *   or with "numbness", "radiating-leg" or "below-knee" (leg_nerve).
 * RECURRING: episodes started on at least FLAG_RECUR_MIN_DAYS different
 *   local days within the last FLAG_RECUR_DAYS local days (today and the
 *   days before it; starts after now do not count). When at least
 *   FLAG_SAME_REGION_MIN of those episodes share a region, the note names
 *   it (on a tie, the region listed first in enum region).
 * LONG-RUNNING (informational): the current spell lasts more than
 *   FLAG_LONG_SPELL_S, or an episode was going during each of the last
 *   FLAG_LONG_BLOCKS blocks of FLAG_LONG_BLOCK_DAYS local days (the newest
 *   ends now). Never worded "chronic".
 *
 * An episode whose end lies before its start is treated as ending at its
 * start.
 */
#ifndef UNKNOT_FLAGS_H
#define UNKNOT_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"
#include "src/redflags.h"
#include "src/when.h"

/* ---- thresholds (seconds unless said otherwise) ---- */
#define FLAG_HOUR_S 3600LL
#define FLAG_DAY_S (24 * FLAG_HOUR_S)

#define FLAG_CHAIN_GAP_S (48 * FLAG_HOUR_S) /* a gap shorter than this chains */
#define FLAG_CURRENT_S (48 * FLAG_HOUR_S)   /* current: ended less than this ago */

#define FLAG_LADDER_3_S (3 * FLAG_DAY_S) /* the rungs: longer than this */
#define FLAG_WEEK_S (7 * FLAG_DAY_S)
#define FLAG_TWO_WEEKS_S (14 * FLAG_DAY_S)

#define FLAG_SEVERE_INTENSITY 7              /* 0..10 scale, inclusive */
#define FLAG_SEVERE_AFTER_S (3 * FLAG_DAY_S) /* the spell longer than this */

#define FLAG_LEG_RECENT_S (7 * FLAG_DAY_S) /* started at most this long ago */

#define FLAG_RECUR_DAYS 30     /* local days, today included */
#define FLAG_RECUR_MIN_DAYS 3  /* different local days with a start */
#define FLAG_SAME_REGION_MIN 3 /* episodes in one region */

#define FLAG_LONG_SPELL_S (12 * 7 * FLAG_DAY_S) /* 12 weeks: longer than this */
#define FLAG_LONG_BLOCK_DAYS 28                 /* local days per block */
#define FLAG_LONG_BLOCKS 3

/* ---- sizes ---- */
#define FLAG_MAX_REFS 12  /* episodes listed per flag; `total` counts them all */
#define FLAG_TITLE_MAX 96 /* bytes, with the NUL */
#define FLAG_LINE_MAX 160 /* bytes of advice / note, with the NUL */
/* bytes of the words for what a spell was ("spasms on 8 of the last 9 days,
 * with no 2-day break"), with the NUL: short enough to fit in a note with
 * the words around them */
#define FLAG_WORDS_MAX 96
#define FLAG_MAX 6        /* flags at once: one rung of the ladder */

/* The line every screen with advice ends with: the checklist's own, one
 * sentence in one place (redflags.h). */
#define FLAGS_NOT_MEDICAL_ADVICE REDFLAGS_NOT_MEDICAL_ADVICE
/* The same where that line does not fit (a 60-column pane): whole, not cut. */
#define FLAGS_NOT_MEDICAL_ADVICE_NARROW "Not medical advice. If worried, call your doctor."

/* In the order flags come out: most pressing first. */
enum flag_kind {
    FLAG_LEG_WEAKNESS,
    FLAG_SEVERE_NOT_EASING,
    FLAG_OVER_TWO_WEEKS,
    FLAG_OVER_WEEK,
    FLAG_OVER_3_DAYS,
    FLAG_LEG_NERVE,
    FLAG_RECURRING,
    FLAG_LONG_RUNNING,
    FLAG_KIND_COUNT
};

/* How soon to act; a larger value is more pressing. */
enum flag_level { FLAG_LEVEL_INFO, FLAG_LEVEL_SEE_DOCTOR, FLAG_LEVEL_URGENT, FLAG_LEVEL_COUNT };

/* One episode behind a flag. */
struct flag_ref {
    int64_t id;
    int64_t started_at;
};

/* One flag. All text is plain ASCII; the title fits 74 columns, advice and
 * note are sentences a screen wraps. */
struct flag {
    enum flag_kind kind;
    enum flag_level level;
    char title[FLAG_TITLE_MAX]; /* what the history shows */
    char advice[FLAG_LINE_MAX]; /* what to do */
    char note[FLAG_LINE_MAX];   /* one more fact or warning, or "" */
    /* Span where it applies, Unix seconds: the spell's first start ..
     * latest end (now if ongoing) for the ladder, severe and a long spell;
     * otherwise the first start .. latest end of the episodes behind it,
     * except recurring: first .. last start in the window. */
    int64_t from;
    int64_t to;
    int64_t span;                        /* to - from, seconds */
    size_t days;                         /* local days: with a spasm going (spell kinds), with a
                                            start (the others) */
    size_t total;                        /* episodes behind the flag */
    size_t nrefs;                        /* min(total, FLAG_MAX_REFS) */
    struct flag_ref refs[FLAG_MAX_REFS]; /* the most recent ones, oldest first */
};

/* Private state of the streaming computation; use the functions below. */
struct flags_refs {
    struct flag_ref r[FLAG_MAX_REFS]; /* a ring of the latest */
    size_t total;
    size_t days;              /* different local days of their starts */
    int64_t last_day;         /* local day of the latest start */
    int64_t first, last, end; /* earliest start, latest start, latest end */
};

struct flags_spell {
    int open; /* 0 until the first episode */
    int ongoing;
    int64_t from, to;
    int64_t days, last_day; /* local days with an episode going */
    int latest_intensity;   /* of the latest-started episode */
    int ongoing_intensity;  /* highest of those still going, or -1 */
    int pain_fed;           /* flags_feed_pain has replaced the two above */
    int64_t pain_last;      /* start of the latest episode it was given */
    struct flags_refs refs;
};

/* Caller-owned, fixed size (no heap); typically on the stack. */
struct flags {
    int64_t now;
    int64_t today;                        /* local day of now */
    /* the local days of the last start and end seen: episodes come in
     * start order, so both are nearly always the same day again */
    struct when_day_span start_span, end_span;
    int64_t recur_from;                   /* first instant of the window */
    int64_t block_from[FLAG_LONG_BLOCKS]; /* newest block first */
    int done;
    struct flags_spell spell;
    struct flags_refs recur, weak, nerve, blocks;
    size_t recur_region[REGION_COUNT];
    unsigned nerve_seen; /* bits: which nerve symptoms */
    int block_seen[FLAG_LONG_BLOCKS];
    size_t n;
    struct flag out[FLAG_MAX];
};

/* Starts a computation at time `now` (Unix seconds) in the local time zone
 * of the process. Overwrites all of *f; never fails. */
void flags_begin(struct flags *f, int64_t now);

/* Whether a rule reads this episode's tags (the leg-symptom rules do, for
 * an episode that is ongoing or recent). A caller reading rows without
 * tags loads them for these before flags_feed; the others may come
 * without. */
int flags_wants_tags(const struct flags *f, const struct episode *ep);

/* The instant before which no rule reads more of an ended episode than
 * its id, start and end (and its intensity, which flags_feed_pain then
 * replaces for the spell): the leg-symptom rules read tags, and the
 * recurring rule the region, only of episodes begun since (or ongoing). A
 * caller reading a long history may read the ended episodes begun before
 * it from an index alone. */
int64_t flags_narrow_before(const struct flags *f);

/* Adds one episode. Episodes must come in start order, oldest first (ties in
 * any order); out-of-order input is handled safely but may miss a flag or
 * count a day short. The episode is only read during the call; nothing
 * keeps a pointer to it. Does nothing after flags_end. O(1) time (a few
 * local-time conversions) and no allocation. */
void flags_feed(struct flags *f, const struct episode *ep);

/* Whether the current spell's pain should come from readings: 1 with
 * *from set to the spell's first start when there is a spell a
 * flags_feed_pain pass can change (between the last flags_feed and
 * flags_end), else 0. */
int flags_pain_wanted(const struct flags *f, int64_t *from);

/* Gives the latest pain reading (0..10) of episode ep of the spell
 * flags_pain_wanted named: the severe rule then goes by readings instead
 * of intensities. Only the spell's latest-started episode and those still
 * going decide it, so only they need to be given, in any order. The first
 * call forgets the intensities. Ignored for an episode outside the spell
 * or after flags_end. */
void flags_feed_pain(struct flags *f, const struct episode *ep, int pain);

/* After flags_end: 1 with *from set to the first start of the current
 * spell (see the top of this file), or 0 when there is none. */
int flags_current_spell(const struct flags *f, int64_t *from);

/* Finishes the computation and builds the flags. Calling it again does
 * nothing. */
void flags_end(struct flags *f);

/* Number of flags raised (0..FLAG_MAX); 0 before flags_end. They come in
 * enum flag_kind order, most pressing first. */
size_t flags_count(const struct flags *f);

/* The i-th flag, owned by *f and valid while *f is, or NULL when
 * i >= flags_count(f). */
const struct flag *flags_at(const struct flags *f, size_t i);

/* Stable code for JSON and scripts: "leg_weakness", "severe_not_easing",
 * "over_two_weeks", "over_week", "over_3_days", "leg_nerve", "recurring",
 * "long_running"; "unknown" for a value outside the enum. */
const char *flag_kind_code(enum flag_kind kind);

/* Stable code of a level: "info", "see_doctor", "urgent"; "unknown"
 * outside the enum. */
const char *flag_level_code(enum flag_level level);

/* FLAGS_NOT_MEDICAL_ADVICE, for callers that prefer a function. Static
 * storage; never NULL. */
const char *flags_advice_footer(void);

#endif
