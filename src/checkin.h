/* SPDX-License-Identifier: BSD-2-Clause */
/* checkin: the daily and weekly check-ins of CONTENT.md "Check-ins", the
 * records the store keeps, the export carries and the report counts, with
 * their validation, the weekly pain and interference score (the mean of
 * the three weekly ratings), its trend over the weeks before a day, when
 * the next weekly one is due, and the report's figures of the daily ones.
 * Pure: libc only, `now` is always passed in; local days are when.h's.
 *
 * Daily (at most one per local day): pain now 0-10 (required); usual
 * activities yes / partly / no, sleep last night in hours with one
 * decimal (0-24) and woken by pain yes / no, each optional (someone who
 * checks in in the morning cannot say yet how the day went).
 * Weekly: three 0-10 ratings of the past 7 days (average pain, how much
 * pain got in the way of enjoying life, of general activity), all
 * required; the score is their mean, in tenths. */
#ifndef UNKNOT_CHECKIN_H
#define UNKNOT_CHECKIN_H

#include <stddef.h>
#include <stdint.h>

/* X(enum value, stored code, label): the one list of the activities
 * answers; the schema's CHECK lists the same codes (db/schema.c). */
#define CHECKIN_ACTIVITIES_INFO(X)                                   \
    X(CHECKIN_ACT_YES, "yes", "did my usual activities")             \
    X(CHECKIN_ACT_PARTLY, "partly", "did some of my usual activities") \
    X(CHECKIN_ACT_NO, "no", "could not do my usual activities")

#define CHECKIN_ENUM_(id, code, label) id,
enum checkin_activities { CHECKIN_ACTIVITIES_INFO(CHECKIN_ENUM_) CHECKIN_ACT_COUNT };
#undef CHECKIN_ENUM_
#define CHECKIN_ACT_UNSET (-1) /* activities not answered */

#define CHECKIN_NONE (-1)          /* sleep_tenths / woken not answered */
#define CHECKIN_RATING_MAX 10      /* every rating is 0 .. this */
#define CHECKIN_SLEEP_MAX_TENTHS 240 /* 24.0 hours */
#define CHECKIN_DAY_LEN 11         /* "YYYY-MM-DD" with its NUL */
#define CHECKIN_WEEKLY_DAYS 7      /* a weekly check-in is due this many local days after the last */
#define CHECKIN_TREND_WEEKS 13     /* the trend's weeks: this one and the 12 before */

struct checkin {
    int64_t id;                 /* 0 until stored */
    char day[CHECKIN_DAY_LEN];  /* the local day of taken_at, "2026-03-29" */
    int64_t taken_at;           /* Unix seconds */
    int pain;                   /* 0..10 */
    int activities;             /* enum checkin_activities or CHECKIN_ACT_UNSET */
    int sleep_tenths;           /* 0..240, or CHECKIN_NONE */
    int woken;                  /* 0, 1, or CHECKIN_NONE */
    int64_t created_at;
};

struct weekly {
    int64_t id;       /* 0 until stored */
    int64_t taken_at; /* Unix seconds */
    int pain, enjoyment, activity; /* 0..10 each */
    int64_t created_at;
};

/* The questions, worded by unknot (CONTENT.md: the constructs of the
 * PEG scale, not its words), as `unknot checkin` / `unknot weekly` ask
 * them and the check-in screen shows them: X(enum value, short label,
 * question, what the answer may be). */
#define CHECKIN_QUESTIONS_INFO(X)                                                          \
    X(CHECKIN_Q_PAIN, "pain now", "How strong is your back pain right now?",              \
      "0 (none) to 10 (worst)")                                                           \
    X(CHECKIN_Q_ACTIVITIES, "usual activities", "Could you do your usual activities today?", \
      "yes, partly or no")                                                                \
    X(CHECKIN_Q_SLEEP, "sleep", "How many hours did you sleep last night?",              \
      "hours, such as 6.5")                                                               \
    X(CHECKIN_Q_WOKEN, "woken by pain", "Did pain wake you last night?", "yes or no")      \
    X(WEEKLY_Q_PAIN, "average pain", "Past 7 days: how strong was your pain on average?",  \
      "0 (none) to 10 (worst)")                                                           \
    X(WEEKLY_Q_ENJOYMENT, "enjoyment of life",                                            \
      "Past 7 days: how much did pain get in the way of enjoying life?",                  \
      "0 (not at all) to 10 (completely)")                                                \
    X(WEEKLY_Q_ACTIVITY, "general activity",                                              \
      "Past 7 days: how much did pain get in the way of your general activity?",          \
      "0 (not at all) to 10 (completely)")

#define CHECKIN_ENUM_(id, label, question, hint) id,
enum checkin_question { CHECKIN_QUESTIONS_INFO(CHECKIN_ENUM_) CHECKIN_Q_COUNT };
#undef CHECKIN_ENUM_

/* The name of the weekly score wherever it is shown. */
#define WEEKLY_SCORE_NAME "weekly pain and interference score"

/* The short label / question / answer hint of q; "?" outside the enum. */
const char *checkin_question_label(enum checkin_question q);
const char *checkin_question_text(enum checkin_question q);
const char *checkin_question_hint(enum checkin_question q);

/* The stored code ("partly") / the label; "?" outside the enum. */
const char *checkin_activities_code(int a);
const char *checkin_activities_label(int a);

/* Parses an activities answer: a stored code, case and surrounding
 * blanks ignored. Returns 0 and sets *out, or -1 with a one-line message
 * naming the answers in err. */
int checkin_activities_parse(const char *text, int *out, char *err, size_t errlen);

/* Parses a 0-10 rating, a whole number; what names it in the message
 * ("pain"). Returns 0 and sets *out, or -1 with a one-line message. */
int checkin_rating_parse(const char *what, const char *text, int *out, char *err, size_t errlen);

/* Parses sleep hours "7", "6.5", "6,5" (one decimal at most) within
 * 0-24 into tenths. Returns 0 and sets *out, or -1 with a message. */
int checkin_sleep_parse(const char *text, int *out, char *err, size_t errlen);

/* "6.5" from tenths (buf >= 8 bytes). */
void checkin_tenths_format(int tenths, char *buf, size_t len);

/* The local day of t as text, "2026-03-29" (len >= CHECKIN_DAY_LEN): the
 * day a check-in taken at t belongs to, so one at 00:30 is its own day's
 * and a day of 23 or 25 hours is one day. */
void checkin_day_text(int64_t t, char *buf, size_t len);

/* The answers of c in one line: "pain 3, usual activities partly, slept
 * 6.5 h, woken by pain" (those not answered left out). */
void checkin_describe(const struct checkin *c, char *buf, size_t len);

/* "average pain 5, enjoyment of life 4, general activity 6: weekly pain
 * and interference score 5.0". */
void weekly_describe(const struct weekly *w, char *buf, size_t len);

/* Fills *c as a new check-in taken at `at` (its day set from it), nothing
 * answered but the pain; id and created_at 0. */
void checkin_init(struct checkin *c, int64_t at);

/* Checks every field (pain, activities, sleep, woken) and that taken_at
 * is not after now (plus the slack episodes allow) and that day is the
 * local day of taken_at. Returns 0, or -1 with a one-line message. */
int checkin_validate(const struct checkin *c, int64_t now, char *err, size_t errlen);

/* A check-in as stored or imported: every field, the day's form
 * ("YYYY-MM-DD", a real date) and taken_at not after now (plus slack); the
 * day is kept as recorded, so one made in another time zone keeps its
 * day. Returns 0, or -1 with a one-line message. */
int checkin_validate_stored(const struct checkin *c, int64_t now, char *err, size_t errlen);

/* The three ratings and taken_at (not in the future). Returns 0, or -1
 * with a one-line message. */
int weekly_validate(const struct weekly *w, int64_t now, char *err, size_t errlen);

/* The weekly pain and interference score: the mean of the three ratings
 * in tenths, rounded to the nearest tenth (a third never ties): 3, 5, 6
 * -> 47, i.e. 4.7. */
int weekly_mean_tenths(const struct weekly *w);

/* Whether a weekly check-in is due at now: 1 when the last one (taken at
 * last) lies CHECKIN_WEEKLY_DAYS or more local days before now's day, 0
 * otherwise and when there is none (have_last 0: nothing is owed yet). */
int weekly_due(int have_last, int64_t last, int64_t now);

/* ---- the trend ---------------------------------------------------------
 * Week k (0 .. CHECKIN_TREND_WEEKS - 1) is the 7 x 24 h before end less k
 * weeks: [end - 7d(k+1), end - 7dk). Its score is that of the latest
 * weekly check-in taken in it; a week without one is not rated (missing
 * weeks are never filled in). Weeks that end before `from` lie outside
 * the period asked for. */
struct weekly_trend {
    int64_t from, end;
    int64_t at[CHECKIN_TREND_WEEKS]; /* taken_at of the check-in that rates week k */
    int score[CHECKIN_TREND_WEEKS];  /* tenths, or CHECKIN_NONE */
    size_t fed;                      /* weekly check-ins fed in [from, end) */
    int64_t latest_at;               /* the latest fed, with its score */
    int latest;                      /* tenths, or CHECKIN_NONE */
};

void weekly_trend_begin(struct weekly_trend *t, int64_t from, int64_t end);

/* Counts one weekly check-in (any order); those outside [from, end) are
 * ignored. */
void weekly_trend_feed(struct weekly_trend *t, const struct weekly *w);

/* The score of week k in tenths, or CHECKIN_NONE when not rated or k is
 * out of range. */
int weekly_trend_score(const struct weekly_trend *t, int k);

/* 1 when week k lies (at least partly) inside [from, end), else 0. */
int weekly_trend_in_period(const struct weekly_trend *t, int k);

/* Weeks of the trend inside the period, and of them those rated. */
void weekly_trend_rated(const struct weekly_trend *t, int *weeks, int *rated);

/* ---- the daily figures of a period -------------------------------------
 * Days are local days from the day of `from` to that of `end`, at most
 * CHECKIN_STATS_DAYS (a longer period counts its last ones). Spasm days
 * are those with an episode active at some time of the day; a check-in
 * day without one is a spasm-free day the patient saw. Fixed size: no
 * heap, memory flat however many rows. */
#define CHECKIN_STATS_DAYS 4096

struct checkin_stats {
    int64_t from, end;
    int64_t first_day, last_day; /* when_local_day numbers */
    unsigned char spasm[CHECKIN_STATS_DAYS / 8], checked[CHECKIN_STATS_DAYS / 8];
    size_t checkins;                  /* check-ins fed in the days */
    size_t activities[CHECKIN_ACT_COUNT];
    size_t sleep[CHECKIN_SLEEP_MAX_TENTHS + 1]; /* nights by tenths of hours */
    size_t nsleep, woken, woken_answered;
    int64_t pain_sum;
};

void checkin_stats_begin(struct checkin_stats *s, int64_t from, int64_t end);

/* Marks the days an episode [started_at, ended_at) was active on (ended_at
 * EPISODE_ONGOING, i.e. 0: until end). Any order. */
void checkin_stats_episode(struct checkin_stats *s, int64_t started_at, int64_t ended_at);

/* Counts one daily check-in of its day (one per day: a second of the same
 * day only adds its answers). Any order. */
void checkin_stats_feed(struct checkin_stats *s, const struct checkin *c);

/* Days of the period counted, days with a check-in, of them those without
 * a spasm. */
void checkin_stats_days(const struct checkin_stats *s, int64_t *days, int64_t *checked,
                        int64_t *spasm_free);

/* The median of the sleep hours in tenths (the mean of the two middle
 * values for an even count, rounded half up), or CHECKIN_NONE without any. */
int checkin_stats_median_sleep(const struct checkin_stats *s);

#endif
