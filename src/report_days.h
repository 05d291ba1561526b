/* SPDX-License-Identifier: BSD-2-Clause */
/* report_days: the report's figures by day and the few more the visit
 * brief (report_brief.h) shows, kept beside report.c's tables and fed by
 * the same report_feed_* calls, so the brief and the full report count
 * one computation. Pure: libc only, no heap, fixed size.
 *
 * - Daily peak pain: the highest pain reading taken on each local day of
 *   the report's days (checkin_stats's: from the day of `from` to that of
 *   min(to, now), at most CHECKIN_STATS_DAYS); the pain logged with an
 *   episode is its first reading, so it counts on its day too.
 * - The pain logged with each episode (its intensity) counted by value:
 *   the median pain of the period's episodes.
 * - The weekly pain and interference scores of the period counted by
 *   value: their median.
 * - The notes of the most severe episodes: of the episodes with a note,
 *   the REPORT_SEVERE_NOTES with the highest pain logged (equal pain: the
 *   most recent), kept with their text. */
#ifndef UNKNOT_REPORT_DAYS_H
#define UNKNOT_REPORT_DAYS_H

#include <stddef.h>
#include <stdint.h>

#include "src/checkin.h"
#include "src/episode.h"
#include "src/reading.h"
#include "src/when.h"

#define REPORT_SEVERE_NOTES 3
#define REPORT_DAYS_MAX CHECKIN_STATS_DAYS
#define REPORT_DAY_NONE (-1) /* no reading on that day */
#define REPORT_WEEKLY_BINS 101 /* scores 0.0 .. 10.0 in tenths */

struct report_severe {
    int64_t id, at; /* the episode and its start */
    int pain;       /* its intensity */
    char note[EPISODE_NOTE_MAX + 1];
};

struct report_days {
    int64_t from, end;            /* instants counted: [from, end] */
    int64_t first_day, last_day;  /* when_local_day numbers */
    signed char peak[REPORT_DAYS_MAX]; /* REPORT_DAY_NONE or 0..10 */
    struct when_day_span span;    /* the last reading's day, kept */
    size_t pain[EPISODE_INTENSITY_MAX + 1]; /* episodes by intensity */
    size_t npain;
    size_t weekly[REPORT_WEEKLY_BINS]; /* weekly scores by tenths */
    size_t nweekly;
    size_t nsevere; /* listed, most severe first */
    struct report_severe severe[REPORT_SEVERE_NOTES];
};

/* Empties *d for the instants [from, end] (end: min(to, now)). */
void report_days_begin(struct report_days *d, int64_t from, int64_t end);

/* One episode of the period: its intensity, its note. */
void report_days_episode(struct report_days *d, const struct episode *ep);

/* One reading of an episode of the period (any order); readings taken
 * outside [from, end] are left out of the daily peaks. */
void report_days_reading(struct report_days *d, const struct reading *rd);

/* One weekly check-in; those outside [from, end] are ignored. */
void report_days_weekly(struct report_days *d, const struct weekly *w);

/* Days of the period counted (the length of the peak array). */
int64_t report_days_count(const struct report_days *d);

/* The peak pain of day i (0: the first day), or REPORT_DAY_NONE. */
int report_days_peak(const struct report_days *d, int64_t i);

/* Median of the counted values in tenths (the mean of the two middle
 * ones for an even count), or -1 when there are none. `bins` counts the
 * values 0 .. nbins - 1 by value; `scale` is 10 for whole values, 1 for
 * values already in tenths. */
int report_days_median_tenths(const size_t *bins, size_t nbins, int scale);

/* "YYYY-MM-DD" of local day number `day` (when_local_day's) into buf. */
void report_days_date(int64_t day, char *buf, size_t len);

/* Whether day i (0: the first) of the check-in stats s had an episode
 * active. */
int report_days_spasm_on(const struct checkin_stats *s, int64_t i);

/* Days with an episode active of the check-in stats s (its spasm days). */
int64_t report_days_spasm_days(const struct checkin_stats *s);

#endif
