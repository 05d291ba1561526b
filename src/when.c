/* SPDX-License-Identifier: BSD-2-Clause */
/* when: parsing and formatting of times and durations in local time.
 * The grammar is in when.h. Parsing is a small hand-written scanner over
 * the trimmed input so that every byte is accounted for: anything left over
 * is an error, never silently ignored. */
#include "src/when.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/text.h"

#define WHEN_FORMS "use now, today, yesterday [HH:MM], YYYY-MM-DD [HH:MM], HH:MM, " \
                   "or DUR ago (3h ago, 2d ago)"
#define DUR_FORMS "use e.g. 90s, 20m, 3h, 2d, 1h30m"

/* Bytes of the input quoted in a message; longer input is cut with "...",
 * so a pasted paragraph cannot push the useful part off the line. */
#define QUOTE_MAX 48

/* Numbers in a duration saturate here: enough to say "too long" without
 * ever overflowing while we keep reading digits. */
#define DUR_CAP (WHEN_DUR_MAX + 1)

/* The messages spell the limits out; keep them in step with when.h. */
#define STR_(x) #x
#define STR(x) STR_(x)
_Static_assert(WHEN_DUR_MAX == 366LL * 86400, "update the WE_LONG message");

enum werr {
    WE_OK = 0,
    WE_SYNTAX, /* not one of the accepted forms */
    WE_DATE,   /* no such calendar date (2026-02-30) */
    WE_CLOCK,  /* no such time of day (24:00, 12:60) */
    WE_YEAR,   /* year outside WHEN_YEAR_MIN..WHEN_YEAR_MAX */
    WE_GAP,    /* local time skipped by a clock change */
    WE_ZERO,   /* duration of zero */
    WE_LONG,   /* duration above WHEN_DUR_MAX */
    WE_ORDER,  /* duration units repeated or not biggest first */
    WE_RANGE,  /* result not representable (absurd `now`) */
};

struct cursor {
    const char *p;
    const char *end;
};

/* A local wall-clock time; mon is 1..12. */
struct civil {
    int year, mon, mday, hour, min, sec;
    int whole_day; /* set by finish_date: a date without a time of day */
};

/* Biggest first: the order DUR must be written in and formatted in. */
static const struct {
    char name;
    int64_t secs;
} UNITS[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
#define NUNITS (sizeof UNITS / sizeof UNITS[0])

/* ---- scanning ---------------------------------------------------------- */

/* ASCII only: <ctype.h> would follow the locale, and the grammar must not. */
static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_blank(char ch) { return ch == ' ' || ch == '\t'; }
static int is_space(char ch) { return is_blank(ch) || ch == '\n' || ch == '\r'; }
static char lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch; }

/* Surrounding blanks are ignored; newlines too, as input often comes from fgets. */
static void cursor_init(struct cursor *c, const char *text)
{
    c->p = text;
    c->end = text + strlen(text);
    while (c->p < c->end && is_space(*c->p))
        c->p++;
    while (c->end > c->p && is_space(c->end[-1]))
        c->end--;
}

static int at_end(const struct cursor *c) { return c->p == c->end; }

static int eat_blanks(struct cursor *c)
{
    const char *start = c->p;
    while (c->p < c->end && is_blank(*c->p))
        c->p++;
    return c->p != start;
}

static int eat_char(struct cursor *c, char ch)
{
    if (c->p < c->end && lower(*c->p) == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* Case-insensitive prefix; callers check what follows the word. */
static int eat_word(struct cursor *c, const char *word)
{
    size_t n = strlen(word), i;
    if ((size_t)(c->end - c->p) < n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower(c->p[i]) != word[i])
            return 0;
    c->p += n;
    return 1;
}

/* Exactly min..max digits; more digits are left for the caller to trip on. */
static int eat_digits(struct cursor *c, int min, int max, int *v)
{
    int n = 0, val = 0;
    while (n < max && c->p + n < c->end && is_digit(c->p[n])) {
        val = val * 10 + (c->p[n] - '0');
        n++;
    }
    if (n < min)
        return 0;
    c->p += n;
    *v = val;
    return 1;
}

/* Lookahead without consuming: min..max digits followed by sep. */
static int looks_like(const struct cursor *c, int min, int max, char sep)
{
    struct cursor probe = *c;
    int v;
    return eat_digits(&probe, min, max, &v) && eat_char(&probe, sep);
}

/* ---- calendar ----------------------------------------------------------- */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Leap years in 1 .. y-1. */
static int64_t leaps_before(int64_t y)
{
    return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
}

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d, y >= 1: the
 * whole years, their leap days, then the months of y. No timegm, no TZ. */
static int64_t days_since_epoch(int y, int m, int d)
{
    int64_t days = 365 * ((int64_t)y - 1970) + leaps_before(y) - leaps_before(1970);
    for (int i = 1; i < m; i++)
        days += days_in_month(y, i);
    return days + d - 1;
}

/* The time_t range may be narrower than int64_t; refuse instead of wrapping. */
static int to_local(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
    if ((int64_t)tt != t)
        return 0;
    return localtime_r(&tt, tm) != NULL;
}

static void civil_to_tm(const struct civil *cv, int isdst, struct tm *tm)
{
    memset(tm, 0, sizeof *tm);
    tm->tm_year = cv->year - 1900;
    tm->tm_mon = cv->mon - 1;
    tm->tm_mday = cv->mday;
    tm->tm_hour = cv->hour;
    tm->tm_min = cv->min;
    tm->tm_sec = cv->sec;
    tm->tm_isdst = isdst;
}

static int same_day(const struct tm *tm, const struct civil *cv)
{
    return tm->tm_year == cv->year - 1900 && tm->tm_mon == cv->mon - 1 && tm->tm_mday == cv->mday;
}

/* The local date `days` calendar days from now's local date. Going through
 * mktime at noon (not now - 86400) keeps 23- and 25-hour days right. */
static enum werr local_date(int64_t now, int days, struct civil *cv)
{
    struct tm tm;
    if (!to_local(now, &tm))
        return WE_RANGE;
    tm.tm_mday += days;
    tm.tm_hour = 12;
    tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    if (mktime(&tm) == (time_t)-1)
        return WE_RANGE;
    cv->year = tm.tm_year + 1900;
    cv->mon = tm.tm_mon + 1;
    cv->mday = tm.tm_mday;
    return WE_OK;
}

/* glibc's mktime with tm_isdst = -1 resolves an ambiguous time using the
 * offset of its previous call, so the answer would depend on history.
 * Trying each isdst and keeping the earliest candidate that reads back as
 * the same wall time gives the first occurrence, always; no candidate
 * reading back means the time was skipped by a clock change. */
static enum werr resolve(const struct civil *cv, int64_t *out)
{
    static const int isdst[] = {-1, 0, 1};
    int found = 0;
    size_t i;
    for (i = 0; i < sizeof isdst / sizeof isdst[0]; i++) {
        struct tm tm, back;
        time_t t;
        civil_to_tm(cv, isdst[i], &tm);
        t = mktime(&tm);
        if (!localtime_r(&t, &back) || !same_day(&back, cv) || back.tm_hour != cv->hour ||
            back.tm_min != cv->min || back.tm_sec != cv->sec)
            continue;
        if (!found || (int64_t)t < *out)
            *out = (int64_t)t;
        found = 1;
    }
    return found ? WE_OK : WE_GAP;
}

/* Is t the first second of the day cv (t in it, t - 1 not)? */
static int starts_day(time_t t, const struct civil *cv)
{
    struct tm tm;
    time_t before = t - 1;
    if (!localtime_r(&t, &tm) || !same_day(&tm, cv))
        return 0;
    return localtime_r(&before, &tm) && !same_day(&tm, cv);
}

/* The UTC offset at t, seconds east, in *off; 0 when t is out of range. */
static int offset_at(int64_t t, int64_t *off)
{
    struct tm tm;
    if (!to_local(t, &tm) || tm.tm_year + 1900 < 1)
        return 0;
    int64_t local = days_since_epoch(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
                    tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    *off = local - t;
    return 1;
}

/* The start of day cv where the UTC offset is the same a day before its
 * midnight, at it and a day after: there local time runs evenly, so that
 * midnight is the day's first instant. Four localtime calls instead of
 * three mktime ones (each a search of a hundred localtime calls in
 * glibc), which the flags pay at every status line. 0 on any doubt: a
 * clock change near, or a date out of range. */
static int day_start_even(const struct civil *cv, int64_t *out)
{
    int64_t off, near;
    if (cv->year < 1)
        return 0;
    int64_t midnight_utc = days_since_epoch(cv->year, cv->mon, cv->mday) * 86400;
    if (!offset_at(midnight_utc + 43200, &off))
        return 0;
    int64_t start = midnight_utc - off;
    for (int k = -1; k <= 1; k++)
        if (!offset_at(start + k * 86400, &near) || near != off)
            return 0;
    *out = start;
    return 1;
}

/* Midnight, or where midnight is skipped by a clock change (as in
 * zones that switch at 00:00), the first instant of the day. */
static enum werr day_start(const struct civil *cv, int64_t *out)
{
    static const int isdst[] = {-1, 0, 1};
    struct civil midnight = *cv;
    int found = 0;
    size_t i;
    midnight.hour = midnight.min = midnight.sec = 0;
    if (day_start_even(&midnight, out))
        return WE_OK;
    for (i = 0; i < sizeof isdst / sizeof isdst[0]; i++) {
        struct tm tm;
        time_t t;
        civil_to_tm(&midnight, isdst[i], &tm);
        t = mktime(&tm);
        if (!starts_day(t, cv))
            continue;
        if (!found || (int64_t)t < *out)
            *out = (int64_t)t;
        found = 1;
    }
    return found ? WE_OK : WE_GAP;
}

/* ---- the forms ---------------------------------------------------------- */

/* H:MM or HH:MM, then :SS when the caller allows seconds (after a date,
 * as the export writes its times). */
static enum werr scan_clock(struct cursor *c, int allow_sec, struct civil *cv)
{
    if (!eat_digits(c, 1, 2, &cv->hour) || !eat_char(c, ':') || !eat_digits(c, 2, 2, &cv->min))
        return WE_SYNTAX;
    cv->sec = 0;
    if (allow_sec && eat_char(c, ':') && !eat_digits(c, 2, 2, &cv->sec))
        return WE_SYNTAX;
    return cv->hour > 23 || cv->min > 59 || cv->sec > 59 ? WE_CLOCK : WE_OK;
}

/* The offset of an RFC 3339 time, seconds east: Z, +HH:MM or -HH:MM.
 * Returns 0 when there is none (the time is local), 1 with one, -1 on a
 * malformed one. */
static int scan_offset(struct cursor *c, int64_t *off)
{
    int h, m, sign;
    if (eat_char(c, 'z')) {
        *off = 0;
        return 1;
    }
    if (at_end(c) || (*c->p != '+' && *c->p != '-'))
        return 0;
    sign = *c->p++ == '-' ? -1 : 1;
    if (!eat_digits(c, 2, 2, &h) || !eat_char(c, ':') || !eat_digits(c, 2, 2, &m) || h > 23 ||
        m > 59)
        return -1;
    *off = sign * (int64_t)(h * 3600 + m * 60);
    return 1;
}

/* A wall-clock time at a fixed offset: the zone does not matter. */
static int64_t at_offset(const struct civil *cv, int64_t off)
{
    return days_since_epoch(cv->year, cv->mon, cv->mday) * 86400 + cv->hour * 3600 +
           cv->min * 60 + cv->sec - off;
}

/* YYYY-MM-DD, strictly four-two-two digits. */
static enum werr scan_date(struct cursor *c, struct civil *cv)
{
    if (!eat_digits(c, 4, 4, &cv->year) || !eat_char(c, '-') || !eat_digits(c, 2, 2, &cv->mon) ||
        !eat_char(c, '-') || !eat_digits(c, 2, 2, &cv->mday))
        return WE_SYNTAX;
    if (cv->year < WHEN_YEAR_MIN || cv->year > WHEN_YEAR_MAX)
        return WE_YEAR;
    if (cv->mon < 1 || cv->mon > 12 || cv->mday < 1 || cv->mday > days_in_month(cv->year, cv->mon))
        return WE_DATE;
    return WE_OK;
}

/* A run of digits, saturated at DUR_CAP. */
static int64_t scan_number(struct cursor *c)
{
    int64_t n = 0;
    while (c->p < c->end && is_digit(*c->p)) {
        n = n * 10 + (*c->p - '0');
        if (n > DUR_CAP)
            n = DUR_CAP;
        c->p++;
    }
    return n;
}

/* NUMBER UNIT groups, biggest unit first, each once. The total saturates
 * at DUR_CAP; range is checked by the caller once the syntax is known good. */
static enum werr scan_duration(struct cursor *c, int64_t *total)
{
    size_t next = 0; /* smallest index in UNITS still allowed */
    int groups = 0;
    *total = 0;
    while (c->p < c->end && is_digit(*c->p)) {
        int64_t n = scan_number(c);
        size_t u = 0;
        while (u < NUNITS && !eat_char(c, UNITS[u].name))
            u++;
        if (u == NUNITS)
            return WE_SYNTAX;
        if (u < next)
            return WE_ORDER;
        next = u + 1;
        *total += n * UNITS[u].secs;
        if (*total > DUR_CAP)
            *total = DUR_CAP;
        groups++;
    }
    return groups ? WE_OK : WE_SYNTAX;
}

static enum werr check_duration(int64_t secs)
{
    if (secs <= 0)
        return WE_ZERO;
    return secs > WHEN_DUR_MAX ? WE_LONG : WE_OK;
}

/* [blanks HH:MM] end, after a date has been set in cv. A calendar date
 * (allow_iso) also takes the export's form: T, seconds and an offset. */
static enum werr finish_date(struct cursor *c, int allow_iso, struct civil *cv, int64_t *out)
{
    enum werr e;
    int64_t off;
    int has_off;
    if (at_end(c)) {
        cv->whole_day = 1;
        return day_start(cv, out);
    }
    if (!(allow_iso && eat_char(c, 't')) && !eat_blanks(c))
        return WE_SYNTAX;
    if ((e = scan_clock(c, allow_iso, cv)) != WE_OK)
        return e;
    has_off = allow_iso ? scan_offset(c, &off) : 0;
    if (has_off < 0 || !at_end(c))
        return WE_SYNTAX;
    if (has_off == 0)
        return resolve(cv, out);
    *out = at_offset(cv, off);
    return WE_OK;
}

/* today | yesterday, with an optional time. */
static enum werr parse_relative_day(struct cursor *c, int64_t now, int days, struct civil *cv,
                                    int64_t *out)
{
    enum werr e = local_date(now, days, cv);
    return e != WE_OK ? e : finish_date(c, 0, cv, out);
}

static enum werr parse_date_form(struct cursor *c, struct civil *cv, int64_t *out)
{
    enum werr e = scan_date(c, cv);
    return e != WE_OK ? e : finish_date(c, 1, cv, out);
}

/* HH:MM alone is today at that time, even if later than now. */
static enum werr parse_clock_form(struct cursor *c, int64_t now, struct civil *cv, int64_t *out)
{
    enum werr e = scan_clock(c, 0, cv);
    if (e != WE_OK)
        return e;
    if (!at_end(c))
        return WE_SYNTAX;
    if ((e = local_date(now, 0, cv)) != WE_OK)
        return e;
    return resolve(cv, out);
}

static enum werr parse_ago(struct cursor *c, int64_t now, int64_t *out)
{
    int64_t secs;
    enum werr e = scan_duration(c, &secs);
    if (e != WE_OK)
        return e;
    if (!eat_blanks(c) || !eat_word(c, "ago") || !at_end(c))
        return WE_SYNTAX;
    if ((e = check_duration(secs)) != WE_OK)
        return e;
    if (now < INT64_MIN + secs)
        return WE_RANGE;
    *out = now - secs;
    return WE_OK;
}

static enum werr parse_when(struct cursor *c, int64_t now, struct civil *cv, int64_t *out)
{
    if (eat_word(c, "now")) {
        *out = now;
        return at_end(c) ? WE_OK : WE_SYNTAX;
    }
    if (eat_word(c, "today"))
        return parse_relative_day(c, now, 0, cv, out);
    if (eat_word(c, "yesterday"))
        return parse_relative_day(c, now, -1, cv, out);
    if (looks_like(c, 4, 4, '-'))
        return parse_date_form(c, cv, out);
    if (looks_like(c, 1, 2, ':'))
        return parse_clock_form(c, now, cv, out);
    return parse_ago(c, now, out);
}

/* ---- messages ------------------------------------------------------------ */

/* The input as it may appear on one line: what text.h refuses (controls,
 * bidi, zero-width) becomes '?', and long input is cut (on a UTF-8
 * character boundary) and marked "...". */
static void quote_input(const char *text, char q[QUOTE_MAX + 4])
{
    size_t n = strlen(text), o = 0;
    int cut = n > QUOTE_MAX;
    if (cut) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = text_decode(text + i, n - i, &cp);
        if (text_cp_refused(cp)) {
            q[o++] = '?';
        } else {
            memcpy(q + o, text + i, k);
            o += k;
        }
    }
    strcpy(q + o, cut ? "..." : "");
}

static const char *reason(enum werr e)
{
    switch (e) {
    case WE_DATE: return "no such date; ";
    case WE_CLOCK: return "no such time of day (00:00 to 23:59); ";
    case WE_YEAR: return "the year must be " STR(WHEN_YEAR_MIN) " to " STR(WHEN_YEAR_MAX) "; ";
    case WE_ZERO: return "the duration must be more than 0; ";
    case WE_LONG: return "the duration must be at most 366d; ";
    case WE_ORDER: return "duration units go biggest first (d h m s), each once; ";
    case WE_RANGE: return "out of range; ";
    default: return "";
    }
}

static void when_error(char *err, size_t errlen, const char *text, enum werr e,
                       const struct civil *cv)
{
    char q[QUOTE_MAX + 4];
    if (!err || errlen == 0)
        return;
    quote_input(text, q);
    if (e == WE_GAP)
        snprintf(err, errlen,
                 "invalid time \"%s\": %02d:%02d does not exist on %04d-%02d-%02d "
                 "(clock change)",
                 q, cv->hour, cv->min, cv->year, cv->mon, cv->mday);
    else
        snprintf(err, errlen, "invalid time \"%s\": %s%s", q, reason(e), WHEN_FORMS);
}

static void dur_error(char *err, size_t errlen, const char *text, enum werr e)
{
    char q[QUOTE_MAX + 4];
    if (!err || errlen == 0)
        return;
    quote_input(text, q);
    snprintf(err, errlen, "invalid duration \"%s\": %s%s", q, reason(e), DUR_FORMS);
}

/* ---- exported ------------------------------------------------------------ */

/* when_parse and its _end variant: *whole_day tells a date without a time. */
static int parse_text(const char *text, int64_t now, int64_t *out, int *whole_day, char *err,
                      size_t errlen)
{
    struct cursor c;
    struct civil cv = {0, 0, 0, 0, 0, 0, 0};
    int64_t t = 0;
    enum werr e;
    if (!text)
        text = "";
    cursor_init(&c, text);
    e = parse_when(&c, now, &cv, &t);
    if (e != WE_OK) {
        when_error(err, errlen, text, e, &cv);
        return -1;
    }
    *out = t;
    *whole_day = cv.whole_day;
    return 0;
}

int when_parse(const char *text, int64_t now, int64_t *out, char *err, size_t errlen)
{
    int whole_day;
    return parse_text(text, now, out, &whole_day, err, errlen);
}

int when_parse_end(const char *text, int64_t now, int64_t *out, char *err, size_t errlen)
{
    int whole_day;
    int64_t t;
    if (parse_text(text, now, &t, &whole_day, err, errlen) != 0)
        return -1;
    /* The next local midnight less a second: 36 h after midnight always
     * falls in the next day, whether the day has 23, 24 or 25 hours. */
    *out = whole_day ? when_day_start(t + 36 * 3600) - 1 : t;
    return 0;
}

int when_parse_duration(const char *text, int64_t *out, char *err, size_t errlen)
{
    struct cursor c;
    int64_t secs = 0;
    enum werr e;
    if (!text)
        text = "";
    cursor_init(&c, text);
    e = scan_duration(&c, &secs);
    if (e == WE_OK && !at_end(&c))
        e = WE_SYNTAX;
    if (e == WE_OK)
        e = check_duration(secs);
    if (e != WE_OK) {
        dur_error(err, errlen, text, e);
        return -1;
    }
    *out = secs;
    return 0;
}

void when_format(int64_t t, char *buf, size_t len)
{
    struct tm tm;
    if (!buf || len == 0)
        return;
    if (!to_local(t, &tm) || strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(buf, len, "?");
}

void when_format_iso(int64_t t, char *buf, size_t len)
{
    struct tm tm;
    char base[WHEN_FMT_LEN];
    long off;
    if (!buf || len == 0)
        return;
    if (!to_local(t, &tm) || strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
        snprintf(buf, len, "?");
        return;
    }
    off = tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff;
    snprintf(buf, len, "%s%c%02ld:%02ld", base, tm.tm_gmtoff < 0 ? '-' : '+', off / 3600,
             off % 3600 / 60);
}

void when_format_duration(int64_t secs, char *buf, size_t len)
{
    size_t u = 0;
    int64_t next;
    if (!buf || len == 0)
        return;
    if (secs <= 0) {
        snprintf(buf, len, "0s");
        return;
    }
    while (secs < UNITS[u].secs) /* stops at 's' since secs >= 1 */
        u++;
    next = u + 1 < NUNITS ? secs % UNITS[u].secs / UNITS[u + 1].secs : 0;
    if (next > 0)
        snprintf(buf, len, "%" PRId64 "%c%" PRId64 "%c", secs / UNITS[u].secs, UNITS[u].name,
                 next, UNITS[u + 1].name);
    else
        snprintf(buf, len, "%" PRId64 "%c", secs / UNITS[u].secs, UNITS[u].name);
}

int64_t when_day_start(int64_t t)
{
    struct tm tm;
    struct civil cv;
    int64_t start;
    if (!to_local(t, &tm))
        return t;
    cv.year = tm.tm_year + 1900;
    cv.mon = tm.tm_mon + 1;
    cv.mday = tm.tm_mday;
    cv.hour = cv.min = 0;
    if (day_start(&cv, &start) != WE_OK) /* cannot happen: t lies in that day */
        return t - (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
    return start;
}

int64_t when_days_start(int64_t now, int days)
{
    struct civil cv;
    int64_t start;
    if (days < 1)
        days = 1;
    if (local_date(now, -(days - 1), &cv) == WE_OK && day_start(&cv, &start) == WE_OK)
        return start;
    return when_day_start(now) - (int64_t)(days - 1) * 86400; /* an absurd now */
}

int64_t when_local_day(int64_t t)
{
    struct tm tm;
    if (!to_local(t, &tm) || tm.tm_year + 1900 < 1) /* days_since_epoch counts from year 1 */
        return t / 86400 - (t % 86400 < 0);          /* floor: an absurd t still orders */
    return days_since_epoch(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* 1 when t is a local midnight (00:00:00). */
static int is_local_midnight(int64_t t)
{
    struct tm tm;
    return to_local(t, &tm) && tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0;
}

int64_t when_local_day_span(int64_t t, struct when_day_span *span)
{
    struct tm tm;
    /* The day after a whole day: its start is known to be a midnight, so
     * one check of the next midnight does (a history of one spasm a day
     * asks a new day at every episode). */
    int64_t next = span->to;
    if (span->to - span->from == 86400 && t >= next && t < next + 86400 &&
        is_local_midnight(next + 86400)) {
        span->from = next;
        span->to = next + 86400;
        return ++span->day;
    }
    span->from = t;
    span->to = t + 1;
    if (!to_local(t, &tm) || tm.tm_year + 1900 < 1) {
        span->day = when_local_day(t);
        return span->day;
    }
    span->day = days_since_epoch(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    /* Midnight is t less the time of day, and the next one a day later,
     * unless the clocks change that day: then each candidate is checked,
     * and one that is not a midnight leaves the span at t alone (the
     * next call works the day out again). */
    int64_t from = t - (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
    if (is_local_midnight(from) && is_local_midnight(from + 86400)) {
        span->from = from;
        span->to = from + 86400;
    }
    return span->day;
}

/* ---- ISO 8601 instants -------------------------------------------------- */

/* n digits at s as a number, or -1. */
static int fixed_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The offset after the seconds: "Z", "+HH:MM" or "-HH:MM"; seconds east. */
static int iso_offset(const char *s, int64_t *off)
{
    if (strcmp(s, "Z") == 0) {
        *off = 0;
        return 0;
    }
    if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':')
        return -1;
    int h = fixed_digits(s + 1, 2), m = fixed_digits(s + 4, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return -1;
    *off = (s[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
    return 0;
}

int when_parse_iso(const char *text, int64_t *out)
{
    /* 0123456789012345678 */
    /* YYYY-MM-DDTHH:MM:SS */
    if (!text || strlen(text) < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':')
        return -1;
    int y = fixed_digits(text, 4), mo = fixed_digits(text + 5, 2), d = fixed_digits(text + 8, 2);
    int h = fixed_digits(text + 11, 2), mi = fixed_digits(text + 14, 2);
    int s = fixed_digits(text + 17, 2);
    int64_t off;
    if (y < WHEN_YEAR_MIN || y > WHEN_YEAR_MAX || mo < 1 || mo > 12 || d < 1 ||
        d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 ||
        iso_offset(text + 19, &off) != 0)
        return -1;
    *out = days_since_epoch(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
    return 0;
}
