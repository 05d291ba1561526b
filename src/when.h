/* SPDX-License-Identifier: BSD-2-Clause */
/* when: parsing and formatting of times (WHEN) and durations (DUR) in
 * local time. Pure: `now` is always passed in, nothing reads the clock.
 *
 * WHEN, as DESIGN.md lists it (case-insensitive, surrounding blanks ignored):
 *   now
 *   today | yesterday                 midnight of that day
 *   today HH:MM | yesterday HH:MM     ("yesterday 9:00")
 *   YYYY-MM-DD                        midnight
 *   YYYY-MM-DD HH:MM                  (also YYYY-MM-DDTHH:MM)
 *   YYYY-MM-DD[T| ]HH:MM:SS[OFFSET]   the export's form (RFC 3339); OFFSET
 *                                     is Z, +HH:MM or -HH:MM and decides
 *                                     the instant; without it, local
 *   HH:MM                             today at that time (H:MM too)
 *   DUR ago                           ("3h ago", "2d ago", "1h30m ago")
 * DUR: one or more NUMBER UNIT groups, units s, m, h, d, biggest first,
 *   each unit at most once: "90s", "20m", "3h", "2d", "1h30m".
 *
 * Local times that do not exist (skipped by a DST change) are refused;
 * ambiguous ones (repeated by a DST change) take the first occurrence.
 */
#ifndef UNKNOT_WHEN_H
#define UNKNOT_WHEN_H

#include <stddef.h>
#include <stdint.h>

#define WHEN_DUR_MAX (366LL * 24 * 3600) /* longest duration accepted */
#define WHEN_YEAR_MIN 1970
#define WHEN_YEAR_MAX 2100

/* Parses WHEN relative to `now` (Unix seconds). Returns 0 and sets *out, or
 * -1 and writes a one-line message into err that quotes the input and
 * lists the accepted forms. */
int when_parse(const char *text, int64_t now, int64_t *out, char *err, size_t errlen);

/* As when_parse, for the end of a period (--until): a date without a time
 * of day (YYYY-MM-DD, today, yesterday) means the whole of that day, so
 * it gives the last second of the day (23:59:59 local). Other forms give
 * what when_parse gives. */
int when_parse_end(const char *text, int64_t now, int64_t *out, char *err, size_t errlen);

/* Parses DUR into seconds (> 0, <= WHEN_DUR_MAX). Returns 0, or -1 with a
 * message as when_parse. */
int when_parse_duration(const char *text, int64_t *out, char *err, size_t errlen);

/* Parses an instant as the export writes it, ISO 8601 with its offset:
 * YYYY-MM-DDTHH:MM:SS then Z, +HH:MM or -HH:MM, years WHEN_YEAR_MIN ..
 * WHEN_YEAR_MAX, nothing after. The offset alone decides (TZ is not read).
 * Returns 0 and sets *out (Unix seconds), or -1 and leaves it. */
int when_parse_iso(const char *text, int64_t *out);

/* "2026-11-20 14:30" in local time. buf must hold WHEN_FMT_LEN bytes. */
#define WHEN_FMT_LEN 32
void when_format(int64_t t, char *buf, size_t len);

/* ISO 8601 with offset: "2026-11-20T14:30:00+01:00". */
void when_format_iso(int64_t t, char *buf, size_t len);

/* Compact duration, at most two units, rounded down: "45s", "20m",
 * "1h30m", "3h", "2d4h". Negative values format as "0s". */
void when_format_duration(int64_t secs, char *buf, size_t len);

/* Start of the local day that contains t (local midnight). */
int64_t when_day_start(int64_t t);

/* Start of a period of `days` whole local days that ends with now's day:
 * the start of the local day (days - 1) calendar days before it, the
 * instant `YYYY-MM-DD` of that day parses to. Counted in calendar days, so
 * a 23- or 25-hour day inside changes nothing. days < 1 counts as 1. */
int64_t when_days_start(int64_t now, int days);

/* The local calendar day that contains t, as a day number: days from
 * 1970-01-01 to t's local date (TZ). Two instants fall on the same local
 * day exactly when their numbers are equal, and the difference of two
 * numbers counts calendar days, whatever the length of the days between
 * (23 or 25 hours at a DST change). A t outside time_t counts in UTC days. */
int64_t when_local_day(int64_t t);

/* A span of instants [from, to) that all fall on local day `day` (as
 * when_local_day counts it); to > from. A caller that meets many instants
 * of the same days keeps the span and asks again only outside it: a
 * localtime per instant is most of the cost of the flags over a long
 * history. */
struct when_day_span {
    int64_t from, to, day;
};

/* The local day of t, and in *span a span of that day holding t (the
 * whole day where its midnights are plain; else t alone). *span comes in
 * zeroed or as an earlier call left it: when it holds a whole day and t
 * falls in the next one, one localtime call checks that day instead of
 * three. */
int64_t when_local_day_span(int64_t t, struct when_day_span *span);

#endif
