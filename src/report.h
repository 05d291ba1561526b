/* SPDX-License-Identifier: BSD-2-Clause */
/* report: the appointment report (CONTENT.md, "Questions a clinician
 * asks") and its exports. Pure: libc only, `now` is passed in, no SQL, no
 * curses, no heap. Streaming in constant memory: the caller iterates the
 * database and feeds rows; every table below is bounded.
 *
 *     struct report r;                   (~60 KB: keep it off small stacks)
 *     report_begin(&r, from, to, now);
 *     while (episode row, oldest start first) report_feed_episode(&r, &ep);
 *     for (i = 0; i < n; i++)            (ended episodes, shortest first)
 *         report_feed_duration_sorted(&r, secs[i], i, n);
 *     while (check row) report_feed_check(&r, &check);
 *     while (session row) report_feed_session(&r, &s);
 *     report_set_flags(&r, &flags);      (optional: flags_end already called)
 *     report_end(&r);
 *     report_write(&r, stdout, REPORT_TEXT);
 *
 * The caller selects the rows of the period: every episode active in
 * [from, to] (begun by `to` and not ended before `from`, so one begun
 * before the period that lasts into it counts, marked as begun before),
 * sessions started and checks taken in [from, to]; the report counts what
 * it is given. Durations are of whole episodes, also the time outside the
 * period, and the report says so; the weekly rate counts the episodes
 * begun in the period. "Time without an episode" starts at the later of
 * `from` and the first episode ever logged (report_set_logged_since): the
 * time before anything was logged is not known to be free. Sections, one per question, in this order (JSON keys):
 *   warning_signs, period, feel, where, bladder_bowel, duration, frequency,
 *   stiffness, numbness, weakness, medications, triggers, relief, flags,
 *   checks, sessions, life, notes, notice.
 * life ("How is it affecting your life?") is made from the daily and
 * weekly check-ins only (report_feed_checkin, report_feed_weekly): days
 * checked in and those of them without an episode active, usual
 * activities not or partly done, the median sleep, nights woken by pain,
 * and the weekly pain and interference score this week, 4 and 12 weeks
 * before (checkin.h's trend: a week without a check-in is not rated).
 * warning_signs ("Warning signs in this period") opens the report when the
 * period holds an emergency or urgent check or an episode with a warning
 * sign (warnsign.h) among its symptoms, and is left out of text and
 * markdown otherwise (csv and json keep it, with its summary): the checks
 * with their yes items and the episodes with their signs, dated. Tags
 * typed as free text ("other:TEXT") are counted under their words, as
 * medications are. notes ("Your notes") lists the REPORT_MAX_NOTES most
 * recent notes of the period's episodes, dated, and counts the rest.
 * Every other section is always there; one without data says so in words
 * ("No episodes in this period.").
 *
 * Verdicts read as redflags.h words ("No warning signs reported", never
 * "clear"); the stored codes stay for machines. A partial check (the
 * patient left after a yes) is counted and listed as partial.
 *
 * Formats: text (aligned, lines of at most 78 columns, user text wrapped),
 * markdown (headings and two-column tables), csv (a header row, then one
 * row per figure: section key, json path, label, value; RFC 4180 via
 * csv.h, typed text formula-guarded) and json (one object, a key per
 * section; "flags" and "notes" are arrays). Text and markdown show local times and
 * durations such as "1h30m"; csv and json give times as ISO 8601 with the
 * offset and durations in seconds (their keys end in "_s", their csv
 * labels in "(seconds)").
 */
#ifndef UNKNOT_REPORT_H
#define UNKNOT_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/episode.h"
#include "src/flags.h"
#include "src/check.h"
#include "src/checkin.h"
#include "src/redflags.h"
#include "src/report_days.h"
#include "src/report_pain.h"
#include "src/session.h"
#include "src/warnsign.h"

/* ---- sizes ---- */
#define REPORT_MAX_MEDS 32     /* distinct medication names counted by name */
#define REPORT_MAX_ONGOING 8   /* ongoing episodes listed (all are counted) */
#define REPORT_MAX_YES_DATES 5 /* dates of "yes" to the bladder item listed */
#define REPORT_MAX_ROUTINES 16 /* distinct (kind, routine) pairs of sessions */
#define REPORT_MAX_LISTED 8    /* warning checks, partial checks, warning-sign
                                  episodes listed (the most recent; all counted) */
#define REPORT_MAX_SIGNS 8     /* warning signs listed per episode */
#define REPORT_MAX_NOTES REPORT_MAX_LISTED /* episode notes listed (the most
                                              recent; all counted), like checks */
#define REPORT_VOCAB_MAX 16    /* words of the largest tag vocabulary */
#define REPORT_ROUTINE_LEN SESSION_ROUTINE_LEN
#define REPORT_MAX_WORSE 24    /* exercises that made it worse, per routine */

/* Days of the report's period when none is given, `unknot report` and
 * the report screen alike: the last 90 days including today. */
#define REPORT_DEFAULT_DAYS 90

#define REPORT_DAY_S 86400
#define REPORT_WEEK_S (7 * REPORT_DAY_S)

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_CSV, REPORT_JSON };

/* The json report opens with "format": REPORT_FORMAT_NAME and "version":
 * REPORT_FORMAT_VERSION (the csv with two rows "report,format,..." and
 * "report,version,..."); the version grows when a key changes meaning or
 * type (2: lists are arrays of objects, no key holds an id, an item number
 * or free text, "flags" is the array of `unknot flags --json`, "notes").
 * Keys keep their type in every report: an object or array stays one when
 * empty (beside a "summary" or "..._summary" sentence), duration.median_s
 * and longest_s are a number or null. The csv has the same names: its
 * rows are "section,key,label,value" with key the json path
 * ("duration.ongoing[0].id"). doc/unknot.1, REPORT JSON, lists the keys. */
#define REPORT_FORMAT_NAME "unknot-report"
#define REPORT_FORMAT_VERSION 2

/* ---- statistics helpers (used by the report, exported for tests) ---- */

/* Medications, and the free text of the other tag kinds ("other:TEXT"):
 * matched on the trimmed text ignoring the case of ASCII letters ("Ibuprofen " and "ibuprofen" are one name; letters
 * outside ASCII must match exactly). The first REPORT_MAX_MEDS distinct
 * names met keep exact counts under their first spelling; episodes with
 * any later new name are counted in other_episodes. */
struct report_med {
    char name[EPISODE_TAG_MAX + 1];
    size_t episodes; /* episodes it was taken in */
};

struct report_meds {
    size_t n; /* names in the table */
    struct report_med meds[REPORT_MAX_MEDS];
    size_t episodes;       /* episodes with any medication */
    size_t other_episodes; /* episodes with a name that found no room */
};

/* A note the report lists: `at` first, as keep_recent wants it; its text
 * is in the report's note_text[slot]. */
struct report_note_ref {
    int64_t at; /* started_at of its episode */
    int64_t id;
    size_t slot;
};

void report_meds_init(struct report_meds *m);

/* Counts the medications of one episode, each distinct name once however
 * often the episode lists it. Blank names are ignored. */
void report_meds_add_episode(struct report_meds *m, const struct episode *ep);

/* Orders the table by episodes, most first; equal counts keep the order in
 * which the names were first met. */
void report_meds_sort(struct report_meds *m);

/* Median and longest of a sample fed in ascending order, one value at a
 * time with its 0-based index and the sample size: only the middle values
 * are kept, so memory does not grow with the sample. */
struct report_durations {
    size_t count; /* sample size announced by the first feed */
    size_t fed;
    int64_t lo, hi;  /* values at the middle index(es) */
    int64_t longest; /* last value fed */
    int bad;         /* out of order, bad index or count: no result */
};

void report_durations_init(struct report_durations *d);

/* Feeds value `secs` at position index of count values. Indexes must come
 * 0, 1, 2, ... with the same count each time, and values must not
 * decrease; otherwise returns -1 and the sample gives no result. Returns 0
 * when accepted. */
int report_durations_feed(struct report_durations *d, int64_t secs, size_t index, size_t count);

/* The median once all count values are fed: the middle value, or for an
 * even count the mean of the two middle ones rounded down to a whole
 * second. Returns 0 and sets *median (and *longest when not NULL), or -1
 * when there is no sample, it is incomplete or it was fed badly. */
int report_durations_result(const struct report_durations *d, int64_t *median, int64_t *longest);

/* Gaps over [from, to] (to is cut to now by the report). Episodes are fed
 * in start order with their end (an ongoing one ends at now); an episode
 * starting before the previous one marks the result unordered. */
struct report_gaps {
    int64_t from, to;
    size_t n;
    size_t starts; /* episodes fed that began in [from, to]: the gaps are between these */
    int64_t last_start;
    int64_t start;                    /* free time counts from here (from, or later) */
    int64_t covered;                  /* latest end so far: free time starts here */
    int64_t gap, gap_from, gap_to;    /* longest time between consecutive starts,
                                         both in the period */
    int64_t free, free_from, free_to; /* longest stretch inside [from, to] with no
                                         episode going on */
    int unordered;
};

void report_gaps_begin(struct report_gaps *g, int64_t from, int64_t to);
void report_gaps_feed(struct report_gaps *g, int64_t started_at, int64_t ended_at);
/* Free time is not counted before `t` (the first entry logged): nothing
 * is known about the time before it. Call before the first feed. */
void report_gaps_start_at(struct report_gaps *g, int64_t t);
/* Closes the last free stretch at `to`. */
void report_gaps_end(struct report_gaps *g);

/* Episodes per week over [from, to] in tenths (13 in 90 days -> 10, i.e.
 * 1.0 per week), rounded half up; -1 when to <= from. */
int64_t report_per_week_tenths(size_t count, int64_t from, int64_t to);

/* ---- the report ---- */

struct report_session_stats {
    size_t sessions, done, stopped, interrupted, running;
    int64_t secs;   /* elapsed time, summed */
    size_t rated;   /* sessions with both pain values */
    int64_t change; /* sum of pain_after - pain_before over rated */
};

/* An exercise named by "Did any exercise make it worse?" and the
 * sessions it was named in. */
struct report_worse {
    char name[SESSION_WORSE_NAME_MAX + 1];
    size_t sessions;
};

struct report_routine {
    enum session_kind kind;
    char routine[REPORT_ROUTINE_LEN];
    struct report_session_stats st;
    /* most sessions first, then by name, after report_end */
    size_t nworse, worse_dropped; /* dropped: sessions naming one more exercise */
    struct report_worse worse[REPORT_MAX_WORSE];
};

struct report_ongoing {
    int64_t id, started_at;
};

/* A check the report lists. `at` comes first: the lists keep the most
 * recent entries by it. */
struct report_check_ref {
    int64_t at; /* taken_at */
    enum redflag_level verdict;
    int complete;
    int answered; /* items with an answer */
    uint32_t yes; /* bit i: item i + 1 answered yes */
    uint32_t unsure; /* bit i: item i + 1 answered not sure */
};

/* An episode with warning signs among its symptoms, for the list. */
struct report_sign_ep {
    int64_t at; /* started_at */
    int64_t id;
    enum redflag_level level; /* of its most serious sign */
    size_t nsigns;
    const struct warnsign *signs[REPORT_MAX_SIGNS]; /* in logged order, static storage */
};

/* Caller-owned, fixed size; the fields are private (use the functions),
 * except that tests may read them after report_end. */
struct report {
    int64_t from, to, now;
    int done;
    /* episodes */
    size_t episodes, ended, ongoing;
    size_t before; /* of the episodes, those begun before `from` */
    int64_t intensity_sum;
    int peak;
    size_t bands[BAND_SEVERE + 1];
    size_t regions[REGION_COUNT], sides[SIDE_COUNT];
    size_t tags[TAG_MEDICATION][REPORT_VOCAB_MAX]; /* the kinds with a vocabulary */
    size_t tagged[TAG_MEDICATION];                 /* episodes with any such tag */
    struct report_meds meds;
    struct report_meds free_text[TAG_MEDICATION]; /* "other:TEXT" words, per kind */
    int64_t longest, longest_id, longest_start;
    struct report_ongoing ong[REPORT_MAX_ONGOING];
    struct report_durations dur;
    struct report_gaps gaps;
    /* red-flag checks */
    size_t checks;
    size_t verdicts[REDFLAG_LEVEL_COUNT];
    size_t yes[REDFLAG_COUNT];
    size_t nyes_dates;
    int64_t yes_dates[REPORT_MAX_YES_DATES]; /* item 1, most recent, oldest first */
    int64_t latest_at;
    enum redflag_level latest;
    int latest_complete;
    int latest_unsure; /* the latest check has a "not sure" */
    size_t partial, npartial_list; /* partial checks; those listed */
    struct report_check_ref partial_list[REPORT_MAX_LISTED];
    size_t warn_checks, nwarn_list; /* emergency or urgent checks; listed */
    struct report_check_ref warn_list[REPORT_MAX_LISTED];
    size_t unsure_checks, nunsure_list; /* checks with a "not sure"; listed */
    struct report_check_ref unsure_list[REPORT_MAX_LISTED];
    /* episodes with a warning sign */
    size_t sign_eps, nsign_list;
    struct report_sign_ep sign_list[REPORT_MAX_LISTED];
    /* episode notes, the most recent listed */
    size_t notes, nnote_list;
    struct report_note_ref note_list[REPORT_MAX_NOTES];
    char note_text[REPORT_MAX_NOTES][EPISODE_NOTE_MAX + 1];
    /* flags */
    size_t nflags;
    struct flag flags[FLAG_KIND_COUNT];
    /* sessions */
    struct report_session_stats kinds[SESSION_KIND_COUNT];
    size_t nroutines, routines_dropped;
    struct report_routine routines[REPORT_MAX_ROUTINES];
    /* check-ins (the "life" section): the days of [from, min(to, now)] */
    struct checkin_stats days;
    struct weekly_trend weeks;
    /* results, valid after report_end */
    int have_median;
    int64_t median;
    /* pain readings, what helps, medication intakes (report_pain.h) */
    struct report_pain pain;
    /* daily peaks, medians and the severe episodes' notes (report_days.h) */
    struct report_days daily;
};

/* Starts a report over [from, to] (Unix seconds) as seen at `now`.
 * Overwrites all of *r; never fails. */
void report_begin(struct report *r, int64_t from, int64_t to, int64_t now);

/* The first episode ever logged started at `first`: time without an
 * episode is counted from there when it is later than `from`. Call
 * before the first report_feed_episode; without it, from `from`. */
void report_set_logged_since(struct report *r, int64_t first);

/* Adds one episode of the period with its tags. Episodes should come
 * oldest start first (the store's order): the gap figures need it and are
 * left out, with a note, when they do not. The episode is only read during
 * the call. Ignored after report_end. */
void report_feed_episode(struct report *r, const struct episode *ep);

/* Adds the duration (ended_at - started_at) of the index-th of the `count`
 * ended episodes of the period, sorted ascending (ORDER BY ended_at -
 * started_at): only the middle values are kept. The median is shown when
 * every index 0..count-1 came in order and count equals the ended
 * episodes fed; otherwise the report says it is not available. Returns 0,
 * or -1 when this call breaks that order (the median is then dropped).
 * Feeding no durations at all is allowed: the median is then left out. */
int report_feed_duration_sorted(struct report *r, int64_t secs, size_t index, size_t count);
/* (The ended episodes are those fed: all active in the period, as the
 * store's store_durations_active_iter selects them.) */

/* Adds one red-flag check: when it was taken, its verdict (when outside
 * the enum, it is worked out from the answers), whether it is complete,
 * and its answers (CHECK_YES, _NO or _UNSURE, src/check.h; gaps are not
 * answered; items beyond REDFLAG_COUNT ignored). Checks may come in any
 * order. Ignored after report_end. */
void report_feed_check(struct report *r, const struct check *c);

/* Adds one session. Returns 0, or -1 when its kind is outside the enum
 * (it is then not counted). Sessions may come in any order. Pain values
 * outside 0..10 count as not given. */
int report_feed_session(struct report *r, const struct session *s);

/* Pain readings and the treatment log (issue 13; report_pain.h): the
 * current spell's first start (flags_current_spell), when there is one;
 * then the readings of the episodes active in the period, in the order of
 * store_readings_active_iter (episodes by start, each one's readings by
 * time), with their episode's start; the treatments taken in the period,
 * in time order. Ignored after report_end. Sessions count in "what helps"
 * through report_feed_session. */
void report_set_spell(struct report *r, int64_t from);
void report_feed_reading(struct report *r, const struct reading *rd, int64_t started_at);
void report_feed_treatment(struct report *r, const struct treatment *t);
/* Adds one daily / weekly check-in of the period (any order); those
 * outside it are ignored. Ignored after report_end. */
void report_feed_checkin(struct report *r, const struct checkin *c);
void report_feed_weekly(struct report *r, const struct weekly *w);
/* Adds one exercise that made a stretch session of the period worse (the
 * store's store_worse_iter: w->routine is its session's), counted under
 * that routine after its sessions were fed; a routine the report does not
 * list is left out. Ignored after report_end. */
void report_feed_worse(struct report *r, const struct session_worse *w);

/* Copies the flags computed by flags.h (after flags_end) into the report,
 * replacing any copied before; fl is not kept. */
void report_set_flags(struct report *r, const struct flags *fl);

/* Finishes the figures. Calling it again does nothing. */
void report_end(struct report *r);

/* Writes the report to f in the given format. Returns 0, or -1 when
 * report_end was not called, the format is unknown, or the stream reports
 * a write error (output may then be partial). f stays open. */
int report_write(const struct report *r, FILE *f, enum report_format fmt);

/* Parses "text", "markdown" (or "md"), "csv", "json", case-insensitive.
 * Returns 0 and sets *out, or -1 with a one-line message naming the
 * formats in err. */
int report_format_parse(const char *text, enum report_format *out, char *err, size_t errlen);

/* The format a file name asks for by its extension (path_extension),
 * case-insensitive: .txt text, .md markdown, .csv, .json. Returns 0, or
 * -1 with a one-line message naming them. */
int report_format_from_path(const char *path, enum report_format *out, char *err,
                            size_t errlen);

/* The words of a what-helps row ("ice timer", "medication: NAME") into
 * buf, as the report labels it. */
void report_helps_label(const struct helps_row *h, char *buf, size_t len);

/* "text", "markdown", "csv", "json"; "unknown" outside the enum. */
const char *report_format_code(enum report_format fmt);

#endif
