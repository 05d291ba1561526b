/* SPDX-License-Identifier: BSD-2-Clause */
/* chart: what the history pictures show, computed from episodes fed one at
 * a time. Pure: libc only, `now` is passed in, no SQL, no curses, no heap;
 * every table has a fixed size, so memory stays flat however many
 * episodes are fed.
 *
 *     struct chart c;
 *     chart_begin(&c, now, 30);            the 30 local days ending today
 *     while (next row) chart_feed(&c, &ep); any order
 *     then read c.days[], c.regions[], c.triggers[], c.reliefs[],
 *     c.symptoms[] and c.meds
 *
 * Days are local calendar days (the TZ of the process), stepped by the
 * calendar rather than by 86,400 s, so a 23- or 25-hour DST day is one day.
 * An episode counts on every local day it covers, from its start to its
 * end, or to `now` while ongoing; an end exactly at midnight does not reach
 * into the next day. An episode that covers no day of the window is
 * ignored entirely; one that covers any is counted once in the region,
 * trigger, relief and symptom tables ("other:TEXT", and a code the
 * vocabulary no longer has, count as "other"), and once under each
 * medication name (matched as the report matches them, report.h).
 */
#ifndef UNKNOT_CHART_H
#define UNKNOT_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "src/checkin.h"
#include "src/episode.h"
#include "src/report.h"

#define CHART_DAYS_MAX 90  /* longest window: the 90-day bar chart */
#define CHART_VOCAB_MAX 16 /* entries of the trigger / relief vocabularies */
#define CHART_NO_EPISODE (-1) /* peak of a day no episode covers */
#define CHART_HEAT_WEEKS 12   /* columns of the calendar heat map */
/* Episodes are read from this long before a window starts, so one that
 * began earlier but reaches into the window counts; longer ones are rare
 * enough that a caller may read them separately (the ongoing one). */
#define CHART_LOOKBACK_S (30 * 86400LL)

/* One local day of the window. */
struct chart_day {
    int64_t start;          /* local midnight (Unix seconds) */
    int peak;               /* highest pain reading that day, or CHART_NO_EPISODE */
    int year, month, mday;  /* month 1..12 */
    int wday;               /* 0 = Monday .. 6 = Sunday */
    int checked_in;         /* a daily check-in was taken that day; then: */
    int sleep_tenths;       /* its sleep, or CHECKIN_NONE */
    int activities;         /* its activities, or CHECKIN_ACT_UNSET */
};

/* The episode being fed reading by reading (chart_episode_*). */
struct chart_cursor {
    int active;     /* between chart_episode_begin and _end, covering a day */
    int64_t from, to; /* the episode's span */
    int next;       /* first day not yet painted */
    int last;       /* the latest reading so far, or CHART_NO_EPISODE */
};

/* Read the fields; change them only through chart_begin / chart_feed. */
struct chart {
    struct chart_cursor cur;
    int64_t now;
    int ndays;                       /* days[0] oldest .. days[ndays - 1] today */
    struct chart_day days[CHART_DAYS_MAX];
    int64_t end;                     /* start of the day after today */
    int64_t episodes;                /* episodes that cover a day of the window */
    int64_t regions[REGION_COUNT];
    size_t ntriggers, nreliefs, nsymptoms; /* vocabulary lengths (episode_vocab order) */
    int64_t triggers[CHART_VOCAB_MAX];
    int64_t reliefs[CHART_VOCAB_MAX];
    int64_t symptoms[CHART_VOCAB_MAX];
    struct report_meds meds;         /* by name, in the order first met (unsorted) */
};

/* The highest daily peak of a window and the days that reached it. */
struct chart_peak {
    int peak;        /* the highest, or CHART_NO_EPISODE when no day had an episode */
    int days;        /* days at that peak */
    int first, last; /* index of the first and the last of them */
    int run;         /* 1 when they are consecutive days (first .. last, every one) */
    int with_episode; /* days of the window an episode covers */
};

/* Starts an empty chart of the ndays local days ending on the day that
 * contains now (clamped to 1 .. CHART_DAYS_MAX). */
void chart_begin(struct chart *c, int64_t now, int ndays);

/* Counts one episode (see the header comment). NULL-safe. */
void chart_feed(struct chart *c, const struct episode *ep);

/* An episode with its pain readings (issue 13): begin counts it as
 * chart_feed does but paints nothing; then each reading, in time order
 * (ties by id), the first being its intensity at its start; then end.
 * The peak of a day is the highest reading taken that day; a day of the
 * episode without a reading carries the latest reading before it (the pain
 * last known), so an episode with its first reading only paints every day
 * it covers with its intensity, as chart_feed does. Readings outside the
 * episode's span are ignored. NULL-safe. */
void chart_episode_begin(struct chart *c, const struct episode *ep);
void chart_episode_reading(struct chart *c, int64_t taken_at, int pain);
void chart_episode_end(struct chart *c);

/* Days of a heat map of `weeks` week columns (Monday .. Sunday) whose last
 * column holds today: whole weeks before it, then Monday .. today. At most
 * CHART_DAYS_MAX. */
int chart_week_days(int64_t now, int weeks);

/* Marks the day of daily check-in ci, with its sleep and activities
 * (outside the window: nothing). NULL-safe. */
void chart_feed_checkin(struct chart *c, const struct checkin *ci);

/* Index of the day containing t, or -1 outside the window. */
int chart_day_index(const struct chart *c, int64_t t);

/* The highest peak of c's days, and on which days (struct chart_peak). */
void chart_peak_find(const struct chart *c, struct chart_peak *p);

/* Bars of counts n[0 .. k) drawn in `room` units (a unit is a cell, or an
 * eighth of one), `total` filling them all (a larger count widens the
 * scale to itself). Writes each bar's units to out[]: proportional,
 * rounded to the nearest unit, at least 1 for a count above 0, 0 for 0;
 * and never ambiguous: a larger count always gets more units than a
 * smaller one and equal counts the same, as long as room is at least the
 * number of distinct counts (a rounded scale alone gives 1 and 2 of 100
 * the same unit; such bars get one more unit each, the longest ones
 * squeezed back under the room). k at most CHART_BARS_MAX (more are
 * left at 0). */
#define CHART_BARS_MAX 64
void chart_bar_units(const int64_t *n, size_t k, int64_t total, int room, int *out);

#endif
