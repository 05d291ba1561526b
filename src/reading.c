/* SPDX-License-Identifier: BSD-2-Clause */
/* reading: the source table, validation and the course of the pain. */
#include "src/reading.h"

#include <stdio.h>
#include <string.h>

#include "src/when.h"

struct entry {
    const char *code, *label;
};

#define READING_ENTRY_(id, code, label) [id] = {code, label},
static const struct entry sources[READING_SOURCE_COUNT] = {READING_SOURCE_INFO(READING_ENTRY_)};
#undef READING_ENTRY_

const char *reading_source_code(enum reading_source s)
{
    return (unsigned)s < READING_SOURCE_COUNT ? sources[s].code : "?";
}

const char *reading_source_label(enum reading_source s)
{
    return (unsigned)s < READING_SOURCE_COUNT ? sources[s].label : "?";
}

int reading_source_parse(const char *code, enum reading_source *out)
{
    for (int i = 0; code && i < READING_SOURCE_COUNT; i++)
        if (strcmp(sources[i].code, code) == 0) {
            *out = (enum reading_source)i;
            return 0;
        }
    return -1;
}

int reading_validate(const struct reading *r, int64_t now, char *err, size_t errlen)
{
    if (r->pain < 0 || r->pain > EPISODE_INTENSITY_MAX) {
        snprintf(err, errlen, "invalid pain %d: use a whole number from 0 (none) to %d (worst)",
                 r->pain, EPISODE_INTENSITY_MAX);
        return -1;
    }
    if ((unsigned)r->source >= READING_SOURCE_COUNT) {
        snprintf(err, errlen, "invalid reading source %d", (int)r->source);
        return -1;
    }
    if (r->taken_at > now + EPISODE_FUTURE_SLACK) {
        char buf[WHEN_FMT_LEN];
        when_format(r->taken_at, buf, sizeof buf);
        snprintf(err, errlen, "the reading's time %s is in the future", buf);
        return -1;
    }
    return 0;
}

int reading_fits_episode(const struct reading *r, const struct episode *ep, char *err,
                         size_t errlen)
{
    char buf[WHEN_FMT_LEN];
    if (r->taken_at < ep->started_at) {
        when_format(ep->started_at, buf, sizeof buf);
        snprintf(err, errlen, "episode %lld began at %s: a reading cannot be earlier",
                 (long long)ep->id, buf);
        return -1;
    }
    if (ep->ended_at != EPISODE_ONGOING && r->taken_at > ep->ended_at) {
        when_format(ep->ended_at, buf, sizeof buf);
        snprintf(err, errlen, "episode %lld ended at %s: a reading cannot be later",
                 (long long)ep->id, buf);
        return -1;
    }
    return 0;
}

void pain_course_begin(struct pain_course *c)
{
    memset(c, 0, sizeof *c);
}

void pain_course_feed(struct pain_course *c, int64_t taken_at, int pain)
{
    if (pain < 0 || pain > EPISODE_INTENSITY_MAX)
        return;
    if (c->n == 0 || taken_at < c->first_at) {
        c->first = pain;
        c->first_at = taken_at;
    }
    if (c->n == 0 || pain > c->peak || (pain == c->peak && taken_at < c->peak_at)) {
        c->peak = pain;
        c->peak_at = taken_at;
    }
    if (c->n == 0 || taken_at >= c->latest_at) {
        c->latest = pain;
        c->latest_at = taken_at;
    }
    c->n++;
}

enum pain_trend pain_course_trend(const struct pain_course *c)
{
    if (c->n < 2)
        return PAIN_TREND_NONE;
    if (c->latest <= c->peak - PAIN_TREND_POINTS)
        return PAIN_EASING;
    if (c->latest >= c->first + PAIN_TREND_POINTS)
        return PAIN_WORSENING;
    return PAIN_STEADY;
}

const char *pain_trend_code(enum pain_trend t)
{
    static const char *const codes[] = {"one reading", "easing", "steady", "worsening"};
    return (unsigned)t < sizeof codes / sizeof codes[0] ? codes[t] : "?";
}

void pain_course_words(const struct pain_course *c, char *buf, size_t len)
{
    if (c->n == 0) {
        snprintf(buf, len, "%s", "");
        return;
    }
    switch (pain_course_trend(c)) {
    case PAIN_EASING:
        snprintf(buf, len, "Easing: %d/10 at the latest reading, down from a peak of %d/10.",
                 c->latest, c->peak);
        break;
    case PAIN_WORSENING:
        snprintf(buf, len, "Worsening: %d/10 at the latest reading, up from %d/10 at the first.",
                 c->latest, c->first);
        break;
    case PAIN_STEADY:
        snprintf(buf, len, "Steady: %d/10 at the latest reading; first %d/10, peak %d/10.",
                 c->latest, c->first, c->peak);
        break;
    default:
        snprintf(buf, len, "One reading: %d/10.", c->latest);
        break;
    }
}
