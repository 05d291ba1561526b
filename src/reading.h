/* SPDX-License-Identifier: BSD-2-Clause */
/* reading: a timed 0-10 pain reading of an episode, and the course of a
 * run of readings (first, peak, latest, and whether the pain is easing).
 * Pure: libc only.
 *
 * An episode's intensity is its first reading: the one of source
 * READING_LOG, taken at the episode's start, which the store keeps equal to
 * the episode (db/store_episode.c). It is changed by editing the episode,
 * never deleted on its own. The sources are ONE X-macro list; the schema's
 * CHECK lists the same codes (db/schema.c, step 5). */
#ifndef UNKNOT_READING_H
#define UNKNOT_READING_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"

/* X(enum value, stored code, words) */
#define READING_SOURCE_INFO(X)                                          \
    X(READING_LOG, "log", "logged with the episode")                    \
    X(READING_CLI, "cli", "unknot pain")                                \
    X(READING_HOME, "home", "home screen")                              \
    X(READING_TIMER_BEFORE, "timer-before", "before a timer session")   \
    X(READING_TIMER_AFTER, "timer-after", "after a timer session")

#define READING_ENUM_(id, code, label) id,
enum reading_source { READING_SOURCE_INFO(READING_ENUM_) READING_SOURCE_COUNT };
#undef READING_ENUM_

struct reading {
    int64_t id;         /* 0 until stored */
    int64_t episode_id;
    int64_t taken_at;   /* Unix seconds */
    int pain;           /* 0..EPISODE_INTENSITY_MAX */
    enum reading_source source;
    int64_t created_at;
};

/* The stored code ("cli") and the words ("unknot pain"); "?" outside the
 * enum. Static storage. */
const char *reading_source_code(enum reading_source s);
const char *reading_source_label(enum reading_source s);

/* Parses a stored code, exact. 0 and *out set, or -1 (NULL is -1). */
int reading_source_parse(const char *code, enum reading_source *out);

/* Checks a reading on its own against now: pain 0..10, a known source, a
 * time not more than EPISODE_FUTURE_SLACK ahead of now. 0, or -1 with a
 * one-line message. */
int reading_validate(const struct reading *r, int64_t now, char *err, size_t errlen);

/* Checks that the reading lies within its episode: not before the start,
 * not after the end of one that has ended. 0, or -1 with a message naming
 * the episode's times. */
int reading_fits_episode(const struct reading *r, const struct episode *ep, char *err,
                         size_t errlen);

/* ---- the course of the pain over a run of readings ----
 * Fed in any order (equal times: the one fed last is the latest). The
 * trend compares the latest reading
 * with the highest and the first, by PAIN_TREND_POINTS, the smallest change
 * on the 0-10 scale that patients notice as a real change (Farrar et al.,
 * Pain 2001: about 2 points):
 *   easing     the latest is PAIN_TREND_POINTS or more below the peak;
 *   worsening  otherwise, the latest is PAIN_TREND_POINTS or more above the
 *              first;
 *   steady     otherwise (within a point of both);
 *   none       fewer than two readings: nothing to compare. */
#define PAIN_TREND_POINTS 2

enum pain_trend { PAIN_TREND_NONE, PAIN_EASING, PAIN_STEADY, PAIN_WORSENING };

struct pain_course {
    size_t n;
    int first, peak, latest;
    int64_t first_at, peak_at, latest_at; /* peak_at: the first time the peak was reached */
};

void pain_course_begin(struct pain_course *c);
/* Adds one reading (pain outside 0..10 is ignored). */
void pain_course_feed(struct pain_course *c, int64_t taken_at, int pain);
enum pain_trend pain_course_trend(const struct pain_course *c);

/* "easing", "steady", "worsening", "one reading" (PAIN_TREND_NONE); static. */
const char *pain_trend_code(enum pain_trend t);

/* One sentence that says what the readings say, into buf: "Easing: 4/10
 * now, down from a peak of 8/10 (8, first)." style; "" for no readings. */
void pain_course_words(const struct pain_course *c, char *buf, size_t len);

#endif
