/* SPDX-License-Identifier: BSD-2-Clause */
/* report_pain: the report's figures from pain readings and the treatment
 * log (issue 13), kept apart from report.c's older tables. Pure: libc
 * only, no heap, every table bounded; src/report.c writes them.
 *
 * - Pain per episode: first, peak and latest reading of each episode
 *   active in the period (the most recent REPORT_PAIN_EPS listed).
 * - The current spell (flags.h's): the course and trend (reading.h:
 *   easing / steady / worsening, by PAIN_TREND_POINTS) of the readings of
 *   its episodes that the period holds: a spell that began before the
 *   period is judged on the period's readings.
 * - What helps (CONTENT.md "Did it help?"): per kind of timer session,
 *   per routine, per treatment kind done without the timer and per
 *   medication, the uses, the rated uses (both pain before and after)
 *   and the median change (after - before); below HELPS_MIN_RATED rated
 *   uses the table says "not enough data yet" instead of a median.
 * - Medication intakes: per name, the local days it was taken on, the
 *   intakes, the most in one local day, and the median change when
 *   rated. Facts only: never a dose limit or a comparison with one.
 * Medication names match ignoring the case of ASCII letters, as the
 * episode tags do in report.h. */
#ifndef UNKNOT_REPORT_PAIN_H
#define UNKNOT_REPORT_PAIN_H

#include <stddef.h>
#include <stdint.h>

#include "src/reading.h"
#include "src/session.h"
#include "src/treatment.h"
#include "src/when.h"

#define REPORT_PAIN_EPS 8     /* episodes listed with their readings */
#define HELPS_MIN_RATED 3     /* rated uses before a median is shown */
#define HELPS_MAX_ROWS 48     /* rows of the what-helps table */
#define HELPS_CHANGE_MAX 10   /* a change lies in -10 .. +10 */
#define HELPS_BINS (2 * HELPS_CHANGE_MAX + 1)
#define INTAKES_MAX_MEDS 32   /* medication names counted */
#define HELPS_KEY_LEN (TREATMENT_NAME_MAX + 16)

struct report_pain_ep {
    int64_t id, started_at;
    struct pain_course c;
};

/* Changes counted by value: the median of any number of them in fixed
 * memory. */
struct helps_changes {
    size_t rated;
    size_t bins[HELPS_BINS]; /* bins[change + HELPS_CHANGE_MAX] */
};

enum helps_group { HELPS_SESSION, HELPS_ROUTINE, HELPS_RELIEF, HELPS_MEDICATION };

struct helps_row {
    enum helps_group group;
    char key[HELPS_KEY_LEN]; /* "ice", "first-aid", "massage", a medication's name */
    size_t uses;
    struct helps_changes ch;
};

struct intake_row {
    char name[TREATMENT_NAME_MAX + 1];
    size_t intakes, days, most;
    int64_t day;    /* local day (when_local_day) of the latest intake */
    size_t on_day;  /* intakes on that day */
    struct helps_changes ch;
};

struct report_pain {
    /* per episode */
    size_t readings;                   /* readings of the period's episodes */
    size_t episodes, nlist;            /* episodes with readings; listed */
    struct report_pain_ep list[REPORT_PAIN_EPS]; /* a ring of the most recent */
    struct report_pain_ep cur;         /* the episode being fed */
    /* the current spell */
    int spell;                         /* 1: there is a current spell */
    int64_t spell_from;
    int64_t trend_from; /* readings of the spell taken since then make its trend */
    struct pain_course spell_course;
    /* what helps */
    size_t nhelps, helps_dropped;
    struct helps_row helps[HELPS_MAX_ROWS];
    /* medication intakes */
    size_t treatments, nintakes, intakes_dropped;
    struct intake_row intakes[INTAKES_MAX_MEDS];
    struct when_day_span span; /* the local day of the last intake, kept: a
                                  localtime per row would be most of the cost */
};

/* Empties *p. */
void report_pain_begin(struct report_pain *p);

/* A reading of an episode active in the period; episodes in start order,
 * each one's readings in time order. */
void report_pain_reading(struct report_pain *p, const struct reading *r, int64_t started_at);

/* The current spell began at from: readings fed after this of episodes
 * started then or later, and taken at trend_from or later, count for its
 * trend (the last days of a long spell: a peak weeks ago says nothing
 * about whether it is easing now). */
void report_pain_spell(struct report_pain *p, int64_t from, int64_t trend_from);

/* How far back the current spell's trend looks from the end of the
 * report: a week of readings. */
#define REPORT_PAIN_TREND_S (7 * 86400LL)

/* A timer session of the period (what helps, by kind and routine). */
void report_pain_session(struct report_pain *p, const struct session *s);

/* A treatment of the period, in time order (intakes need it). */
void report_pain_treatment(struct report_pain *p, const struct treatment *t);

/* Finishes the episode being fed. */
void report_pain_end(struct report_pain *p);

/* The median change in tenths (-25 = -2.5) into *tenths: 0, or -1 when
 * fewer than HELPS_MIN_RATED uses were rated ("not enough data yet"). */
int helps_median_tenths(const struct helps_changes *c, int64_t *tenths);

/* The i-th listed episode, oldest first (i < p->nlist). */
const struct report_pain_ep *report_pain_listed(const struct report_pain *p, size_t i);

#endif
