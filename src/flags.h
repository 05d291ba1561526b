/* flags: warnings computed from the episode history (CONTENT.md, "Flags
 * computed from the log"). Pure: libc only, `now` is passed in, no SQL, no
 * curses, no heap. Streaming, so memory stays flat however long the history:
 *
 *     struct flags f;
 *     flags_begin(&f, now);
 *     while (next row, oldest start first) flags_feed(&f, &ep);
 *     flags_end(&f);
 *     for (size_t i = 0; i < flags_count(&f); i++) show(flags_at(&f, i));
 *
 * The rules, with every threshold named below:
 *
 * OVER A WEEK. A spell is one episode, or a run of episodes each starting
 *   less than FLAG_CHAIN_GAP_S after the latest end seen so far in the run
 *   (an overlapping or ongoing episode keeps the spell open). A spell flags
 *   when it lasts more than FLAG_WEEK_S, from its first start to its latest
 *   end (an ongoing episode counts up to now), and is still relevant: it is
 *   ongoing, or it ended at or after now - FLAG_RELEVANT_S. Only the most
 *   recent qualifying spell is reported. Over FLAG_TWO_WEEKS_S the wording
 *   says that pain lasting over two weeks should be seen.
 * RECURRING. At least FLAG_RECUR_MIN separate occurrences started in
 *   [now - FLAG_RECUR_WINDOW_S, now]. An episode is a separate occurrence
 *   when it starts more than FLAG_RECUR_SEPARATION_S after the previous
 *   episode in the window started (CONTENT.md's wording): a run of
 *   episodes each starting within a day of the one before is one
 *   occurrence, listed by its first episode. The first episode in the
 *   window is always an occurrence.
 *   When at least FLAG_SAME_REGION_MIN occurrences share a region, the note
 *   names it (on a tie, the region listed first in enum region).
 * SEVERE AND NOT EASING. An episode of intensity >= FLAG_SEVERE_INTENSITY,
 *   still ongoing, started more than FLAG_SEVERE_AFTER_S before now.
 * CHRONIC (informational). The whole history spans at least
 *   FLAG_CHRONIC_SPAN_S, from its first start to its latest end (an ongoing
 *   episode ends at now), holds at least FLAG_CHRONIC_MIN episodes, and at
 *   least one episode is ongoing or started at or after
 *   now - FLAG_RELEVANT_S (so an old, finished pattern does not flag).
 *
 * Episodes that start after `now` (the clock slack episode_validate allows)
 * take part in spells and in the chronic span but not in the recurring
 * window. An episode whose end lies before its start is treated as ending
 * at its start.
 */
#ifndef UNKNOT_FLAGS_H
#define UNKNOT_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"

/* ---- thresholds (seconds unless said otherwise) ---- */
#define FLAG_HOUR_S 3600LL
#define FLAG_DAY_S (24 * FLAG_HOUR_S)

#define FLAG_WEEK_S (7 * FLAG_DAY_S)       /* over a week: longer than this */
#define FLAG_TWO_WEEKS_S (14 * FLAG_DAY_S) /* "should be seen": longer than this */
#define FLAG_CHAIN_GAP_S (48 * FLAG_HOUR_S) /* a gap shorter than this chains */
#define FLAG_RELEVANT_S (30 * FLAG_DAY_S)  /* how long a finished spell matters */

#define FLAG_RECUR_WINDOW_S (30 * FLAG_DAY_S)
#define FLAG_RECUR_MIN 3                     /* occurrences */
#define FLAG_RECUR_SEPARATION_S (24 * FLAG_HOUR_S) /* separate: later than this */
#define FLAG_SAME_REGION_MIN 2               /* occurrences in one region */

#define FLAG_SEVERE_INTENSITY 7              /* 0..10 scale, inclusive */
#define FLAG_SEVERE_AFTER_S (3 * FLAG_DAY_S) /* ongoing longer than this */

#define FLAG_CHRONIC_SPAN_S (12 * 7 * FLAG_DAY_S) /* 12 weeks = 84 days, inclusive */
#define FLAG_CHRONIC_MIN 3                        /* episodes */

/* ---- sizes ---- */
#define FLAG_MAX_REFS 12   /* episodes listed per flag; `total` counts them all */
#define FLAG_TITLE_MAX 48  /* bytes, with the NUL */
#define FLAG_LINE_MAX 128  /* bytes of advice / note, with the NUL */
/* Most separate occurrences the recurring window can hold: they start more
 * than FLAG_RECUR_SEPARATION_S apart inside a closed window. */
#define FLAG_RECUR_SLOTS ((size_t)(FLAG_RECUR_WINDOW_S / (FLAG_RECUR_SEPARATION_S + 1)) + 1)

/* The line every screen with advice ends with. */
#define FLAGS_NOT_MEDICAL_ADVICE \
    "unknot is not medical advice. If you are worried, call your doctor."

enum flag_kind {
    FLAG_OVER_WEEK,
    FLAG_RECURRING,
    FLAG_SEVERE_NOT_EASING,
    FLAG_CHRONIC,
    FLAG_KIND_COUNT
};

/* One episode behind a flag. */
struct flag_ref {
    int64_t id;
    int64_t started_at;
};

/* One flag. All text is plain ASCII; `advice` and `note` each fit one
 * 80-column terminal line (at most 78 columns). */
struct flag {
    enum flag_kind kind;
    char title[FLAG_TITLE_MAX];  /* "Over a week", "Recurring: 4 in 30 days" */
    char advice[FLAG_LINE_MAX];  /* what to do, one line */
    char note[FLAG_LINE_MAX];    /* extra fact (same region, spell size) or "" */
    /* Span where it applies, Unix seconds. over_week: the spell's first
     * start .. latest end (now if ongoing); recurring: first .. last
     * occurrence start; severe_not_easing: earliest such start .. now;
     * chronic: first start .. latest end (now if ongoing). */
    int64_t from;
    int64_t to;
    int64_t span;                /* to - from, seconds */
    size_t total;                /* episodes (occurrences) behind the flag */
    size_t nrefs;                /* min(total, FLAG_MAX_REFS) */
    struct flag_ref refs[FLAG_MAX_REFS]; /* the most recent ones, oldest first */
};

/* Private state of the streaming computation; use the functions below. */
struct flags_refring {
    struct flag_ref r[FLAG_MAX_REFS];
    size_t total; /* refs pushed; the ring keeps the last FLAG_MAX_REFS */
};

struct flags_spell {
    int64_t from, to;
    int ongoing;
    struct flags_refring refs;
};

struct flags_occurrence {
    struct flag_ref ref;
    enum region region;
};

/* Caller-owned, fixed size (no heap); typically on the stack. */
struct flags {
    int64_t now;
    int done;
    /* over a week */
    int have_spell, have_best;
    struct flags_spell spell, best;
    /* recurring */
    size_t nocc;
    int64_t recur_prev; /* start of the previous episode in the window */
    struct flags_occurrence occ[FLAG_RECUR_SLOTS];
    /* severe and not easing */
    int64_t severe_from;
    struct flags_refring severe;
    /* chronic */
    int64_t first_start, latest_end;
    int recent;
    struct flags_refring all;
    /* results, valid after flags_end */
    size_t n;
    struct flag out[FLAG_KIND_COUNT];
};

/* Starts a computation at time `now` (Unix seconds). Overwrites all of *f;
 * never fails. */
void flags_begin(struct flags *f, int64_t now);

/* Adds one episode. Episodes must come in start order, oldest first (ties in
 * any order); out-of-order input is handled safely but may miss a flag.
 * The episode is only read during the call; nothing keeps a pointer to it.
 * Does nothing after flags_end. O(1) time and no allocation. */
void flags_feed(struct flags *f, const struct episode *ep);

/* Finishes the computation and builds the flags. Calling it again does
 * nothing. */
void flags_end(struct flags *f);

/* Number of flags raised (0..FLAG_KIND_COUNT); 0 before flags_end. Flags come
 * most pressing first: severe_not_easing, over_week, recurring, chronic. */
size_t flags_count(const struct flags *f);

/* The i-th flag, owned by *f and valid while *f is, or NULL when
 * i >= flags_count(f). */
const struct flag *flags_at(const struct flags *f, size_t i);

/* Stable code for JSON and scripts: "over_week", "recurring",
 * "severe_not_easing", "chronic"; "unknown" for a value outside the enum. */
const char *flag_kind_code(enum flag_kind kind);

/* FLAGS_NOT_MEDICAL_ADVICE, for callers that prefer a function. Static
 * storage; never NULL. */
const char *flags_advice_footer(void);

#endif
