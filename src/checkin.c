/* SPDX-License-Identifier: BSD-2-Clause */
/* checkin: daily and weekly check-ins (see checkin.h). */
#include "src/checkin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/episode.h"
#include "src/when.h"

struct entry {
    const char *code, *label;
};

#define CHECKIN_ENTRY_(id, code, label) [id] = {code, label},
static const struct entry activities[CHECKIN_ACT_COUNT] = {
    CHECKIN_ACTIVITIES_INFO(CHECKIN_ENTRY_)};
#undef CHECKIN_ENTRY_

struct question {
    const char *label, *text, *hint;
};

#define CHECKIN_QUESTION_(id, label, text, hint) [id] = {label, text, hint},
static const struct question questions[CHECKIN_Q_COUNT] = {
    CHECKIN_QUESTIONS_INFO(CHECKIN_QUESTION_)};
#undef CHECKIN_QUESTION_

static const struct question *question_at(enum checkin_question q)
{
    static const struct question none = {"?", "?", "?"};
    return (unsigned)q < CHECKIN_Q_COUNT ? &questions[q] : &none;
}

const char *checkin_question_label(enum checkin_question q)
{
    return question_at(q)->label;
}

const char *checkin_question_text(enum checkin_question q)
{
    return question_at(q)->text;
}

const char *checkin_question_hint(enum checkin_question q)
{
    return question_at(q)->hint;
}

const char *checkin_activities_code(int a)
{
    return a >= 0 && a < CHECKIN_ACT_COUNT ? activities[a].code : "?";
}

const char *checkin_activities_label(int a)
{
    return a >= 0 && a < CHECKIN_ACT_COUNT ? activities[a].label : "?";
}

/* text without its surrounding blanks: start and length. */
static const char *trimmed(const char *text, size_t *len)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    *len = n;
    return text;
}

int checkin_activities_parse(const char *text, int *out, char *err, size_t errlen)
{
    size_t n;
    const char *s = trimmed(text ? text : "", &n);
    for (int i = 0; i < CHECKIN_ACT_COUNT; i++)
        if (strlen(activities[i].code) == n && strncasecmp(s, activities[i].code, n) == 0) {
            *out = i;
            return 0;
        }
    snprintf(err, errlen, "invalid activities \"%.40s\": use yes, partly or no", text ? text : "");
    return -1;
}

int checkin_rating_parse(const char *what, const char *text, int *out, char *err, size_t errlen)
{
    size_t n;
    const char *s = trimmed(text ? text : "", &n);
    int v = 0;
    size_t i = 0;
    for (; i < n && i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (s[i] - '0');
    if (n == 0 || i != n || v > CHECKIN_RATING_MAX) {
        snprintf(err, errlen, "invalid %s \"%.40s\": use a whole number from 0 (none) to %d (worst)",
                 what, text ? text : "", CHECKIN_RATING_MAX);
        return -1;
    }
    *out = v;
    return 0;
}

int checkin_sleep_parse(const char *text, int *out, char *err, size_t errlen)
{
    size_t n;
    const char *s = trimmed(text ? text : "", &n);
    int whole = 0, tenth = 0;
    size_t i = 0, digits = 0;
    for (; i < n && digits < 3 && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        whole = whole * 10 + (s[i] - '0');
    int ok = digits > 0;
    if (ok && i < n && (s[i] == '.' || s[i] == ',')) {
        i++;
        ok = i + 1 == n && s[i] >= '0' && s[i] <= '9';
        if (ok)
            tenth = s[i++] - '0';
    }
    int tenths = whole * 10 + tenth;
    if (!ok || i != n || tenths > CHECKIN_SLEEP_MAX_TENTHS) {
        snprintf(err, errlen, "invalid sleep \"%.40s\": use hours from 0 to 24, with one "
                              "decimal at most (6.5)", text ? text : "");
        return -1;
    }
    *out = tenths;
    return 0;
}

void checkin_tenths_format(int tenths, char *buf, size_t len)
{
    int a = tenths < 0 ? -tenths : tenths;
    snprintf(buf, len, "%s%d.%d", tenths < 0 ? "-" : "", a / 10, a % 10);
}

void checkin_day_text(int64_t t, char *buf, size_t len)
{
    char at[WHEN_FMT_LEN];
    when_format(t, at, sizeof at); /* "2026-03-29 00:30": local, the one spelling */
    snprintf(buf, len, "%.10s", at);
}

void checkin_describe(const struct checkin *c, char *buf, size_t len)
{
    char sleep[16] = "";
    size_t used = (size_t)snprintf(buf, len, "pain %d", c->pain);
    if (used < len && c->activities != CHECKIN_ACT_UNSET)
        used += (size_t)snprintf(buf + used, len - used, ", usual activities %s",
                                 checkin_activities_code(c->activities));
    if (used < len && c->sleep_tenths != CHECKIN_NONE) {
        checkin_tenths_format(c->sleep_tenths, sleep, sizeof sleep);
        used += (size_t)snprintf(buf + used, len - used, ", slept %s h", sleep);
    }
    if (used < len && c->woken != CHECKIN_NONE)
        snprintf(buf + used, len - used, ", %s", c->woken ? "woken by pain" : "not woken by pain");
}

void weekly_describe(const struct weekly *w, char *buf, size_t len)
{
    char score[16];
    checkin_tenths_format(weekly_mean_tenths(w), score, sizeof score);
    snprintf(buf, len, "%s %d, %s %d, %s %d: %s %s", checkin_question_label(WEEKLY_Q_PAIN),
             w->pain, checkin_question_label(WEEKLY_Q_ENJOYMENT), w->enjoyment,
             checkin_question_label(WEEKLY_Q_ACTIVITY), w->activity, WEEKLY_SCORE_NAME, score);
}

void checkin_init(struct checkin *c, int64_t at)
{
    memset(c, 0, sizeof *c);
    c->taken_at = at;
    checkin_day_text(at, c->day, sizeof c->day);
    c->activities = CHECKIN_ACT_UNSET;
    c->sleep_tenths = CHECKIN_NONE;
    c->woken = CHECKIN_NONE;
}

static int not_future(int64_t at, int64_t now, char *err, size_t errlen)
{
    if (at <= now + EPISODE_FUTURE_SLACK)
        return 0;
    snprintf(err, errlen, "a check-in cannot be in the future");
    return -1;
}

static int rating_ok(const char *what, int v, char *err, size_t errlen)
{
    if (v >= 0 && v <= CHECKIN_RATING_MAX)
        return 0;
    snprintf(err, errlen, "%s must be 0 to %d, not %d", what, CHECKIN_RATING_MAX, v);
    return -1;
}

/* 1 when s is "YYYY-MM-DD", a date of the proleptic Gregorian calendar. */
static int day_valid(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char end;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] && (m != 2 || d < 29 || leap);
}

int checkin_validate_stored(const struct checkin *c, int64_t now, char *err, size_t errlen)
{
    if (!day_valid(c->day)) {
        snprintf(err, errlen, "invalid check-in day \"%.10s\": use YYYY-MM-DD", c->day);
        return -1;
    }
    if (rating_ok("pain", c->pain, err, errlen) != 0)
        return -1;
    if (c->activities != CHECKIN_ACT_UNSET && (c->activities < 0 || c->activities >= CHECKIN_ACT_COUNT)) {
        snprintf(err, errlen, "activities must be yes, partly or no");
        return -1;
    }
    if (c->sleep_tenths != CHECKIN_NONE &&
        (c->sleep_tenths < 0 || c->sleep_tenths > CHECKIN_SLEEP_MAX_TENTHS)) {
        snprintf(err, errlen, "sleep must be 0 to 24 hours");
        return -1;
    }
    if (c->woken != CHECKIN_NONE && c->woken != 0 && c->woken != 1) {
        snprintf(err, errlen, "woken by pain must be yes or no");
        return -1;
    }
    return not_future(c->taken_at, now, err, errlen);
}

int checkin_validate(const struct checkin *c, int64_t now, char *err, size_t errlen)
{
    char day[CHECKIN_DAY_LEN];
    if (checkin_validate_stored(c, now, err, errlen) != 0)
        return -1;
    checkin_day_text(c->taken_at, day, sizeof day);
    if (strcmp(day, c->day) != 0) {
        snprintf(err, errlen, "check-in day %.10s is not the day of its time (%s)", c->day, day);
        return -1;
    }
    return 0;
}

int weekly_validate(const struct weekly *w, int64_t now, char *err, size_t errlen)
{
    if (rating_ok("pain", w->pain, err, errlen) != 0 ||
        rating_ok("enjoyment", w->enjoyment, err, errlen) != 0 ||
        rating_ok("activity", w->activity, err, errlen) != 0)
        return -1;
    return not_future(w->taken_at, now, err, errlen);
}

int weekly_mean_tenths(const struct weekly *w)
{
    int sum = w->pain + w->enjoyment + w->activity;
    return (sum * 20 + 3) / 6; /* round(sum * 10 / 3) for sum >= 0 */
}

int weekly_due(int have_last, int64_t last, int64_t now)
{
    return have_last && when_local_day(now) - when_local_day(last) >= CHECKIN_WEEKLY_DAYS;
}

/* ---- the trend ---- */

#define WEEK_S (7 * 86400)

void weekly_trend_begin(struct weekly_trend *t, int64_t from, int64_t end)
{
    memset(t, 0, sizeof *t);
    t->from = from;
    t->end = end;
    t->latest = CHECKIN_NONE;
    for (int k = 0; k < CHECKIN_TREND_WEEKS; k++)
        t->score[k] = CHECKIN_NONE;
}

void weekly_trend_feed(struct weekly_trend *t, const struct weekly *w)
{
    if (w->taken_at < t->from || w->taken_at >= t->end)
        return;
    int score = weekly_mean_tenths(w);
    t->fed++;
    if (t->latest == CHECKIN_NONE || w->taken_at >= t->latest_at) {
        t->latest_at = w->taken_at;
        t->latest = score;
    }
    int64_t k = (t->end - 1 - w->taken_at) / WEEK_S;
    if (k >= CHECKIN_TREND_WEEKS)
        return;
    if (t->score[k] == CHECKIN_NONE || w->taken_at >= t->at[k]) {
        t->score[k] = score;
        t->at[k] = w->taken_at;
    }
}

int weekly_trend_score(const struct weekly_trend *t, int k)
{
    return k >= 0 && k < CHECKIN_TREND_WEEKS ? t->score[k] : CHECKIN_NONE;
}

int weekly_trend_in_period(const struct weekly_trend *t, int k)
{
    return k >= 0 && k < CHECKIN_TREND_WEEKS && t->end - (int64_t)k * WEEK_S > t->from;
}

void weekly_trend_rated(const struct weekly_trend *t, int *weeks, int *rated)
{
    *weeks = *rated = 0;
    for (int k = 0; k < CHECKIN_TREND_WEEKS; k++)
        if (weekly_trend_in_period(t, k)) {
            (*weeks)++;
            *rated += t->score[k] != CHECKIN_NONE;
        }
}

/* ---- the daily figures ---- */

void checkin_stats_begin(struct checkin_stats *s, int64_t from, int64_t end)
{
    memset(s, 0, sizeof *s);
    s->from = from;
    s->end = end < from ? from : end;
    s->last_day = when_local_day(s->end);
    s->first_day = when_local_day(from);
    if (s->last_day - s->first_day >= CHECKIN_STATS_DAYS)
        s->first_day = s->last_day - CHECKIN_STATS_DAYS + 1;
}

static void bit_set(unsigned char *bits, int64_t i)
{
    bits[i / 8] |= (unsigned char)(1u << (i % 8));
}

static int bit_get(const unsigned char *bits, int64_t i)
{
    return (bits[i / 8] >> (i % 8)) & 1;
}

void checkin_stats_episode(struct checkin_stats *s, int64_t started_at, int64_t ended_at)
{
    int64_t end = ended_at == EPISODE_ONGOING ? s->end : ended_at;
    /* [start, end): one that ends at midnight is not active on the next day. */
    int64_t last_t = end > started_at ? end - 1 : started_at;
    if (last_t < s->from || started_at > s->end)
        return;
    int64_t a = when_local_day(started_at < s->from ? s->from : started_at);
    int64_t b = when_local_day(last_t > s->end ? s->end : last_t);
    if (a < s->first_day)
        a = s->first_day;
    for (int64_t d = a; d <= b && d <= s->last_day; d++)
        bit_set(s->spasm, d - s->first_day);
}

void checkin_stats_feed(struct checkin_stats *s, const struct checkin *c)
{
    int64_t d = when_local_day(c->taken_at);
    if (d < s->first_day || d > s->last_day)
        return;
    bit_set(s->checked, d - s->first_day);
    s->checkins++;
    s->pain_sum += c->pain;
    if (c->activities >= 0 && c->activities < CHECKIN_ACT_COUNT)
        s->activities[c->activities]++;
    if (c->sleep_tenths >= 0 && c->sleep_tenths <= CHECKIN_SLEEP_MAX_TENTHS) {
        s->sleep[c->sleep_tenths]++;
        s->nsleep++;
    }
    if (c->woken == 0 || c->woken == 1) {
        s->woken_answered++;
        s->woken += (size_t)c->woken;
    }
}

void checkin_stats_days(const struct checkin_stats *s, int64_t *days, int64_t *checked,
                        int64_t *spasm_free)
{
    *days = s->last_day - s->first_day + 1;
    *checked = *spasm_free = 0;
    for (int64_t i = 0; i < *days; i++)
        if (bit_get(s->checked, i)) {
            (*checked)++;
            *spasm_free += !bit_get(s->spasm, i);
        }
}

/* The value at 0-based position i of the sorted nights. */
static int sleep_at(const struct checkin_stats *s, size_t i)
{
    size_t seen = 0;
    for (int v = 0; v <= CHECKIN_SLEEP_MAX_TENTHS; v++) {
        seen += s->sleep[v];
        if (seen > i)
            return v;
    }
    return CHECKIN_SLEEP_MAX_TENTHS;
}

int checkin_stats_median_sleep(const struct checkin_stats *s)
{
    if (s->nsleep == 0)
        return CHECKIN_NONE;
    int lo = sleep_at(s, (s->nsleep - 1) / 2), hi = sleep_at(s, s->nsleep / 2);
    return (lo + hi + 1) / 2;
}
