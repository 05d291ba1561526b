/* report_store: the report from the store (see report_store.h). */
#include "src/app/report_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/store.h"
#include "src/flags.h"
#include "src/when.h"

int64_t report_period_start(int64_t now, int days)
{
    struct tm tm;
    time_t t = (time_t)now;
    char date[16], err[256];
    int64_t start;
    if (days < 1)
        days = 1;
    if (!localtime_r(&t, &tm))
        return when_day_start(now) - (int64_t)(days - 1) * REPORT_DAY_S;
    /* Noon never falls in a DST gap; mktime carries the day over months. */
    tm.tm_mday -= days - 1;
    tm.tm_hour = 12;
    tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    t = mktime(&tm);
    /* The day's start as `--since YYYY-MM-DD` reads it, by the same parser. */
    if (t == (time_t)-1 || !localtime_r(&t, &tm) ||
        strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0 ||
        when_parse(date, now, &start, err, sizeof err) != 0)
        return when_day_start(now) - (int64_t)(days - 1) * REPORT_DAY_S;
    return start;
}

int report_format_from_path(const char *path, enum report_format *out, char *err,
                            size_t errlen)
{
    static const struct {
        const char *ext;
        enum report_format fmt;
    } exts[] = {{".txt", REPORT_TEXT}, {".md", REPORT_MARKDOWN}, {".csv", REPORT_CSV},
                {".json", REPORT_JSON}};
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    for (size_t i = 0; dot && (!slash || dot > slash) && i < sizeof exts / sizeof exts[0]; i++) {
        if (strcasecmp(dot, exts[i].ext) == 0) {
            *out = exts[i].fmt;
            return 0;
        }
    }
    snprintf(err, errlen, "end the file name with .txt (text), .md (markdown), .csv or .json");
    return -1;
}

/* Work space of one report, off the stack (~40 KB together). */
struct work {
    struct report r;
    struct flags fl;
    struct episode ep;
};

/* The flags over the whole history, oldest first, without tags. */
static int feed_flags(struct store *st, struct work *w, int64_t now, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, 0, &it, err, errlen);
    flags_begin(&w->fl, now);
    while (rc == STORE_OK && (rc = store_iter_next(it, &w->ep, err, errlen)) == STORE_OK) {
        flags_feed(&w->fl, &w->ep);
    }
    flags_end(&w->fl);
    store_iter_free(&it);
    return rc;
}

static int feed_episodes(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_iter(st, from, to, STORE_OLDEST_FIRST, STORE_ITER_TAGS, &it, err,
                                 errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &w->ep, err, errlen)) == STORE_OK) {
        report_feed_episode(&w->r, &w->ep);
    }
    store_iter_free(&it);
    return rc;
}

static int feed_durations(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                          size_t errlen)
{
    struct store_iter *it = NULL;
    size_t count = 0, i = 0;
    int64_t secs;
    int rc = store_durations_iter(st, from, to, &count, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &secs, err, errlen)) == STORE_OK) {
        (void)report_feed_duration_sorted(&w->r, secs, i++, count); /* a bad order drops the
                                                                       median, with a note */
    }
    store_iter_free(&it);
    return rc;
}

static int feed_checks(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                       size_t errlen)
{
    struct store_iter *it = NULL;
    struct check c;
    int rc = store_checks_iter(st, from, to, STORE_NEWEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &c, err, errlen)) == STORE_OK) {
        report_feed_check(&w->r, &c);
    }
    store_iter_free(&it);
    return rc;
}

static int feed_sessions(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    struct session s;
    int rc = store_sessions_iter(st, from, to, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &s, err, errlen)) == STORE_OK) {
        (void)report_feed_session(&w->r, &s); /* an unknown kind is left out, by design */
    }
    store_iter_free(&it);
    return rc;
}

/* Everything the report counts, read in one snapshot. */
static int gather(struct store *st, struct work *w, int64_t from, int64_t to, int64_t now,
                  char *err, size_t errlen)
{
    int rc = store_read_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    /* Each feed ends with STORE_END from its iterator, or an error. */
    rc = feed_flags(st, w, now, err, errlen);
    report_begin(&w->r, from, to, now);
    if (rc == STORE_END)
        rc = feed_episodes(st, w, from, to, err, errlen);
    if (rc == STORE_END)
        rc = feed_durations(st, w, from, to, err, errlen);
    if (rc == STORE_END)
        rc = feed_checks(st, w, from, to, err, errlen);
    if (rc == STORE_END)
        rc = feed_sessions(st, w, from, to, err, errlen);
    store_read_end(st);
    return rc == STORE_END ? STORE_OK : rc;
}

int report_from_store(struct store *st, int64_t from, int64_t to, int64_t now,
                      enum report_format fmt, FILE *f, char *err, size_t errlen)
{
    struct work *w = malloc(sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = gather(st, w, from, to, now, err, errlen) == STORE_OK ? 0 : -1;
    if (rc == 0) {
        report_set_flags(&w->r, &w->fl);
        report_end(&w->r);
        errno = 0;
        if (report_write(&w->r, f, fmt) != 0) {
            snprintf(err, errlen, "cannot write the report: %s",
                     errno ? strerror(errno) : "output error");
            rc = -1;
        }
    }
    free(w);
    return rc;
}
