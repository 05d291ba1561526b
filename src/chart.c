/* SPDX-License-Identifier: BSD-2-Clause */
/* chart: per-day peaks and tag counts for the history pictures. */
#include "src/chart.h"

#include <string.h>
#include <time.h>

#include "src/when.h"

/* Local date fields of t; 0 when the C library cannot represent it. */
static int local_tm(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
    return localtime_r(&tt, tm) != NULL;
}

/* Noon of the local date y-m-(mday + shift), normalised by mktime: noon
 * exists on every day, whereas midnight is skipped by a DST change in some
 * zones, and stepping by 86,400 s drifts an hour across a DST change. */
static int64_t local_noon(const struct tm *date, int shift, struct tm *out)
{
    memset(out, 0, sizeof(*out));
    out->tm_year = date->tm_year;
    out->tm_mon = date->tm_mon;
    out->tm_mday = date->tm_mday + shift;
    out->tm_hour = 12;
    out->tm_isdst = -1;
    return (int64_t)mktime(out);
}

static void fill_day(struct chart_day *d, int64_t noon, const struct tm *tm)
{
    d->start = when_day_start(noon);
    d->peak = CHART_NO_EPISODE;
    d->year = tm->tm_year + 1900;
    d->month = tm->tm_mon + 1;
    d->mday = tm->tm_mday;
    d->wday = (tm->tm_wday + 6) % 7;
}

void chart_begin(struct chart *c, int64_t now, int ndays)
{
    struct tm today, tm;
    memset(c, 0, sizeof(*c));
    if (ndays < 1)
        ndays = 1;
    if (ndays > CHART_DAYS_MAX)
        ndays = CHART_DAYS_MAX;
    c->now = now;
    c->ndays = ndays;
    episode_vocab(TAG_TRIGGER, &c->ntriggers);
    episode_vocab(TAG_RELIEF, &c->nreliefs);
    episode_vocab(TAG_SYMPTOM, &c->nsymptoms);
    report_meds_init(&c->meds);
    if (!local_tm(now, &today))
        memset(&today, 0, sizeof(today));
    for (int i = 0; i < ndays; i++) {
        int64_t noon = local_noon(&today, i - (ndays - 1), &tm);
        fill_day(&c->days[i], noon, &tm);
    }
    c->end = when_day_start(local_noon(&today, 1, &tm));
}

void chart_feed_checkin(struct chart *c, const struct checkin *ci)
{
    int i = c && ci ? chart_day_index(c, ci->taken_at) : -1;
    if (i < 0)
        return;
    c->days[i].checked_in = 1;
    c->days[i].sleep_tenths = ci->sleep_tenths;
    c->days[i].activities = ci->activities;
}

int chart_day_index(const struct chart *c, int64_t t)
{
    if (c->ndays < 1 || t < c->days[0].start || t >= c->end)
        return -1;
    int lo = 0, hi = c->ndays - 1; /* the answer lies in [lo, hi] */
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (c->days[mid].start <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

_Static_assert(EPISODE_TRIGGER_WORDS <= CHART_VOCAB_MAX &&
                   EPISODE_RELIEF_WORDS <= CHART_VOCAB_MAX &&
                   EPISODE_SYMPTOM_WORDS <= CHART_VOCAB_MAX,
               "CHART_VOCAB_MAX: a vocabulary outgrew the chart's counters");

/* Counts each vocabulary entry once per episode: two free-text "other"
 * triggers are still one episode with another trigger. */
static void count_tags(const struct episode *ep, enum tag_kind kind, int64_t *counts,
                       size_t limit)
{
    unsigned char seen[CHART_VOCAB_MAX] = {0};
    for (size_t i = 0; i < ep->ntags && i < EPISODE_MAX_TAGS; i++) {
        if (ep->tags[i].kind != kind)
            continue;
        int k = episode_vocab_index(kind, ep->tags[i].text);
        if (k >= 0 && (size_t)k < limit && !seen[k]) {
            seen[k] = 1;
            counts[k]++;
        }
    }
}

/* The half-open span [*from, *to) an episode covers: to `now` (inclusive)
 * while ongoing, and at least its start instant. */
static void episode_span(const struct chart *c, const struct episode *ep, int64_t *from,
                         int64_t *to)
{
    *from = ep->started_at;
    *to = ep->ended_at == EPISODE_ONGOING ? c->now + 1 : ep->ended_at;
    if (*to <= *from)
        *to = *from + 1;
}

void chart_feed(struct chart *c, const struct episode *ep)
{
    if (!c || !ep)
        return;
    chart_episode_begin(c, ep);
    chart_episode_reading(c, ep->started_at, ep->intensity);
    chart_episode_end(c);
}

static void paint(struct chart_day *d, int pain)
{
    if (pain > d->peak)
        d->peak = pain;
}

/* Paints days cur.next .. upto - 1 with the pain carried. */
static void carry_to(struct chart *c, int upto)
{
    struct chart_cursor *k = &c->cur;
    for (; k->next < upto && k->next < c->ndays; k->next++)
        if (k->last != CHART_NO_EPISODE)
            paint(&c->days[k->next], k->last);
}

void chart_episode_begin(struct chart *c, const struct episode *ep)
{
    int64_t from, to;
    if (!c)
        return;
    memset(&c->cur, 0, sizeof c->cur);
    if (!ep)
        return;
    episode_span(c, ep, &from, &to);
    if (c->ndays < 1 || to <= c->days[0].start || from >= c->end)
        return;
    c->cur = (struct chart_cursor){1, from, to, from < c->days[0].start ? 0
                                                : chart_day_index(c, from), CHART_NO_EPISODE};
    c->episodes++;
    if ((unsigned)ep->region < REGION_COUNT)
        c->regions[ep->region]++;
    count_tags(ep, TAG_TRIGGER, c->triggers, c->ntriggers);
    count_tags(ep, TAG_RELIEF, c->reliefs, c->nreliefs);
    count_tags(ep, TAG_SYMPTOM, c->symptoms, c->nsymptoms);
    report_meds_add_episode(&c->meds, ep);
}

void chart_episode_reading(struct chart *c, int64_t taken_at, int pain)
{
    if (!c || !c->cur.active || pain < 0 || taken_at >= c->cur.to)
        return;
    if (taken_at < c->days[0].start) { /* before the window: only carried */
        c->cur.last = pain;
        return;
    }
    int d = chart_day_index(c, taken_at < c->cur.from ? c->cur.from : taken_at);
    if (d < 0)
        return;
    carry_to(c, d);
    paint(&c->days[d], pain);
    if (c->cur.next <= d)
        c->cur.next = d + 1;
    c->cur.last = pain;
}

void chart_episode_end(struct chart *c)
{
    if (!c || !c->cur.active)
        return;
    /* Up to the day of the span's last instant (an end at midnight does
     * not reach into the next day). */
    int last = c->cur.to > c->end ? c->ndays - 1 : chart_day_index(c, c->cur.to - 1);
    carry_to(c, last + 1);
    c->cur.active = 0;
}

int chart_week_days(int64_t now, int weeks)
{
    struct tm tm;
    int wday = local_tm(now, &tm) ? (tm.tm_wday + 6) % 7 : 6;
    if (weeks < 1)
        weeks = 1;
    int days = (weeks - 1) * 7 + wday + 1;
    return days > CHART_DAYS_MAX ? CHART_DAYS_MAX : days;
}

void chart_peak_find(const struct chart *c, struct chart_peak *p)
{
    *p = (struct chart_peak){CHART_NO_EPISODE, 0, -1, -1, 0, 0};
    for (int d = 0; d < c->ndays; d++) {
        int peak = c->days[d].peak;
        if (peak < 0)
            continue;
        p->with_episode++;
        if (peak > p->peak) {
            p->peak = peak;
            p->days = 0;
            p->first = d;
        }
        if (peak == p->peak) {
            p->days++;
            p->last = d;
        }
    }
    p->run = p->days > 0 && p->last - p->first + 1 == p->days;
}

/* Indices of n[0 .. k) by count, smallest first (insertion: k is small). */
static void order_by_count(const int64_t *n, size_t k, size_t *idx)
{
    for (size_t i = 0; i < k; i++) {
        size_t j = i;
        for (; j > 0 && n[idx[j - 1]] > n[i]; j--)
            idx[j] = idx[j - 1];
        idx[j] = i;
    }
}

static int scaled_units(int64_t n, int64_t total, int room)
{
    if (n <= 0)
        return 0;
    int64_t u = (n * room + total / 2) / total;
    return u < 1 ? 1 : u > room ? room : (int)u;
}

void chart_bar_units(const int64_t *n, size_t k, int64_t total, int room, int *out)
{
    size_t idx[CHART_BARS_MAX];
    if (k > CHART_BARS_MAX) {
        memset(out + CHART_BARS_MAX, 0, (k - CHART_BARS_MAX) * sizeof *out);
        k = CHART_BARS_MAX;
    }
    if (room < 0)
        room = 0;
    for (size_t i = 0; i < k; i++)
        if (n[i] > total)
            total = n[i];
    order_by_count(n, k, idx);
    /* Up from the smallest: each distinct count one unit past the last. */
    for (size_t r = 0; r < k; r++) {
        size_t i = idx[r];
        out[i] = total > 0 ? scaled_units(n[i], total, room) : 0;
        if (r > 0 && n[i] > 0 && n[i] == n[idx[r - 1]])
            out[i] = out[idx[r - 1]];
        else if (r > 0 && n[i] > 0 && out[i] <= out[idx[r - 1]])
            out[i] = out[idx[r - 1]] + 1;
    }
    /* Down from the largest: back under the room, keeping the order. */
    int cap = room;
    for (size_t r = k; r-- > 0;) {
        size_t i = idx[r];
        if (n[i] <= 0) {
            out[i] = 0;
            continue;
        }
        if (r + 1 < k && n[i] == n[idx[r + 1]]) {
            out[i] = out[idx[r + 1]];
            continue;
        }
        if (out[i] > cap)
            out[i] = cap;
        if (out[i] < 1) /* fewer units than distinct counts */
            out[i] = 1;
        cap = out[i] - 1;
    }
}
