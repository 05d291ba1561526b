/* SPDX-License-Identifier: BSD-2-Clause */
/* report_days: see report_days.h. */
#include "src/report_days.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void report_days_begin(struct report_days *d, int64_t from, int64_t end)
{
    memset(d, 0, sizeof *d);
    d->from = from;
    d->end = end < from ? from : end;
    /* The same days as checkin_stats_begin counts. */
    d->last_day = when_local_day(d->end);
    d->first_day = when_local_day(from);
    if (d->last_day - d->first_day >= REPORT_DAYS_MAX)
        d->first_day = d->last_day - REPORT_DAYS_MAX + 1;
    memset(d->peak, REPORT_DAY_NONE, sizeof d->peak);
}

/* Whether a (pain, at) ranks above b: more pain, then more recent. */
static int more_severe(int pain, int64_t at, const struct report_severe *b)
{
    return pain > b->pain || (pain == b->pain && at > b->at);
}

static int has_words(const char *s)
{
    return s[strspn(s, " \t\r\n")] != '\0';
}

/* Keeps ep's note when it is among the REPORT_SEVERE_NOTES most severe:
 * the list stays ordered, most severe first. */
static void keep_severe(struct report_days *d, const struct episode *ep, int pain)
{
    size_t at = d->nsevere;
    while (at > 0 && more_severe(pain, ep->started_at, &d->severe[at - 1]))
        at--;
    if (at >= REPORT_SEVERE_NOTES)
        return;
    size_t last = d->nsevere < REPORT_SEVERE_NOTES ? d->nsevere : REPORT_SEVERE_NOTES - 1;
    memmove(&d->severe[at + 1], &d->severe[at], (last - at) * sizeof d->severe[0]);
    if (d->nsevere < REPORT_SEVERE_NOTES)
        d->nsevere++;
    struct report_severe *s = &d->severe[at];
    s->id = ep->id;
    s->at = ep->started_at;
    s->pain = pain;
    size_t len = strnlen(ep->note, sizeof ep->note - 1);
    memcpy(s->note, ep->note, len);
    s->note[len] = '\0';
}

void report_days_episode(struct report_days *d, const struct episode *ep)
{
    int pain = ep->intensity < 0                       ? 0
               : ep->intensity > EPISODE_INTENSITY_MAX ? EPISODE_INTENSITY_MAX
                                                       : ep->intensity;
    d->pain[pain]++;
    d->npain++;
    if (has_words(ep->note))
        keep_severe(d, ep, pain);
}

void report_days_reading(struct report_days *d, const struct reading *rd)
{
    if (rd->taken_at < d->from || rd->taken_at > d->end || rd->pain < 0 ||
        rd->pain > EPISODE_INTENSITY_MAX)
        return;
    int64_t day = rd->taken_at >= d->span.from && rd->taken_at < d->span.to
                      ? d->span.day
                      : when_local_day_span(rd->taken_at, &d->span);
    if (day < d->first_day || day > d->last_day)
        return;
    signed char *p = &d->peak[day - d->first_day];
    if (*p < rd->pain)
        *p = (signed char)rd->pain;
}

void report_days_weekly(struct report_days *d, const struct weekly *w)
{
    if (w->taken_at < d->from || w->taken_at > d->end)
        return;
    int t = weekly_mean_tenths(w);
    if (t < 0 || t >= REPORT_WEEKLY_BINS)
        return;
    d->weekly[t]++;
    d->nweekly++;
}

int64_t report_days_count(const struct report_days *d)
{
    return d->last_day - d->first_day + 1;
}

int report_days_peak(const struct report_days *d, int64_t i)
{
    return i < 0 || i >= report_days_count(d) ? REPORT_DAY_NONE : d->peak[i];
}

/* The value at 0-based position i of the values counted in bins. */
static int value_at(const size_t *bins, size_t nbins, size_t i)
{
    size_t seen = 0;
    for (size_t v = 0; v < nbins; v++) {
        seen += bins[v];
        if (i < seen)
            return (int)v;
    }
    return (int)nbins - 1;
}

int report_days_median_tenths(const size_t *bins, size_t nbins, int scale)
{
    size_t n = 0;
    for (size_t v = 0; v < nbins; v++)
        n += bins[v];
    if (n == 0)
        return -1;
    int lo = value_at(bins, nbins, (n - 1) / 2), hi = value_at(bins, nbins, n / 2);
    return (lo + hi) * scale / 2;
}

void report_days_date(int64_t day, char *buf, size_t len)
{
    time_t t = (time_t)(day * 86400 + 43200); /* noon UTC of that civil date */
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(buf, len, "%Y-%m-%d", &tm) == 0)
        snprintf(buf, len, "?");
}

int report_days_spasm_on(const struct checkin_stats *s, int64_t i)
{
    if (i < 0 || i > s->last_day - s->first_day)
        return 0;
    return (s->spasm[i / 8] >> (i % 8)) & 1;
}

int64_t report_days_spasm_days(const struct checkin_stats *s)
{
    int64_t n = 0, days = s->last_day - s->first_day + 1;
    for (int64_t i = 0; i < days; i++)
        n += report_days_spasm_on(s, i);
    return n;
}
