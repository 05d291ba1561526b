/* SPDX-License-Identifier: BSD-2-Clause */
/* status: the fields of the status line and the %-format that places them. */
#include "src/status.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/routines.h"

#define FIELD_MAX 96

/* "35m", "2h", "3d": a status bar has no room for "2h 5m". */
static void compact_duration(int64_t secs, char *buf, size_t len)
{
    if (secs < 0)
        secs = 0;
    if (secs < 3600)
        snprintf(buf, len, "%" PRId64 "m", secs / 60);
    else if (secs < 48 * 3600)
        snprintf(buf, len, "%" PRId64 "h", secs / 3600);
    else
        snprintf(buf, len, "%" PRId64 "d", secs / 86400);
}

static void field_ongoing(const struct status_facts *f, char *buf, size_t len)
{
    char dur[24];
    if (!f->ongoing)
        return;
    compact_duration(f->now - f->ongoing_started_at, dur, sizeof(dur));
    snprintf(buf, len, "ongoing %s %d/%d %s", dur, f->ongoing_intensity, EPISODE_INTENSITY_MAX,
             region_code(f->ongoing_region));
}

/* Said only while ice must wait (ICE_MIN_GAP_S): once allowed there is
 * nothing to tell. */
static void field_ice(const struct status_facts *f, char *buf, size_t len)
{
    if (f->ice_end <= 0 || f->now - f->ice_end >= ICE_MIN_GAP_S)
        return;
    time_t t = (time_t)(f->ice_end + ICE_MIN_GAP_S);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return;
    snprintf(buf, len, "ice ok from %02d:%02d", tm.tm_hour, tm.tm_min);
}

static void field_flags(const struct status_facts *f, char *buf, size_t len)
{
    if (f->flags)
        snprintf(buf, len, "%zu flag%s", f->flags, f->flags == 1 ? "" : "s");
}

static void field_weekly(const struct status_facts *f, char *buf, size_t len)
{
    if (f->weekly_due)
        snprintf(buf, len, "weekly check-in due");
}

static void field_warning(const struct status_facts *f, char *buf, size_t len)
{
    if (f->warning >= REDFLAG_URGENT)
        snprintf(buf, len, "%s", redflag_level_title(f->warning));
}

typedef void (*field_fn)(const struct status_facts *, char *, size_t);

/* The fields of %a, in their order: the warning always first. */
static const struct {
    char key;
    field_fn fill;
} fields[] = {
    {'w', field_warning},
    {'o', field_ongoing},
    {'i', field_ice},
    {'f', field_flags},
    {'c', field_weekly},
};

#define FIELD_COUNT (sizeof(fields) / sizeof(fields[0]))

static void field_all(const struct status_facts *f, int utf8, char *buf, size_t len)
{
    const char *sep = utf8 ? " \xc2\xb7 " : " | ";
    char one[FIELD_MAX];
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        one[0] = '\0';
        fields[i].fill(f, one, sizeof(one));
        if (!one[0])
            continue;
        int n = snprintf(buf + used, len - used, "%s%s", used ? sep : "", one);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
}

/* Fills the field of key into buf; -1 for a key that is none. */
static int field_fill(const struct status_facts *f, char key, int utf8, char *buf, size_t len)
{
    buf[0] = '\0';
    if (key == 'a') {
        field_all(f, utf8, buf, len);
        return 0;
    }
    for (size_t i = 0; i < FIELD_COUNT; i++)
        if (fields[i].key == key) {
            fields[i].fill(f, buf, len);
            return 0;
        }
    return -1;
}

static int bad_field(const char *p, char *err, size_t errlen)
{
    if (!p[1])
        snprintf(err, errlen, "the format ends in a lone %%; write %%%% for a percent sign");
    else
        snprintf(err, errlen, "unknown field %%%c in the format; the fields are %%w %%o %%i %%f "
                              "%%c %%a and %%%%", p[1]);
    return -1;
}

int status_format_valid(const char *fmt, char *err, size_t errlen)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (!p[1] || !strchr("woifca%", p[1]))
            return bad_field(p, err, errlen);
        p++;
    }
    return 0;
}

int status_format_needs(const char *fmt, char key)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%' || !p[1])
            continue;
        p++;
        if (*p == key || *p == 'a')
            return 1;
    }
    return 0;
}

/* Appends s to buf[*used..len); cuts it short when full. */
static void append(char *buf, size_t len, size_t *used, const char *s, size_t n)
{
    if (*used + 1 >= len)
        return;
    if (n > len - 1 - *used)
        n = len - 1 - *used;
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = '\0';
}

int status_format(const struct status_facts *f, const char *fmt, int utf8, char *buf,
                  size_t len, char *err, size_t errlen)
{
    if (!len)
        return 0;
    buf[0] = '\0';
    if (status_format_valid(fmt, err, errlen) != 0)
        return -1;
    char one[STATUS_LINE_MAX];
    size_t used = 0;
    int said = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            append(buf, len, &used, p, 1);
            continue;
        }
        p++;
        if (*p == '%') {
            append(buf, len, &used, "%", 1);
            continue;
        }
        (void)field_fill(f, *p, utf8, one, sizeof(one));
        said |= one[0] != '\0';
        append(buf, len, &used, one, strlen(one));
    }
    if (!said)
        buf[0] = '\0';
    return 0;
}
