/* SPDX-License-Identifier: BSD-2-Clause */
/* report_store: the report from the store (see report_store.h). */
#include "src/app/report_store.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/flags.h"
#include "src/util.h"
#include "src/when.h"

/* Work space of one report, off the stack (~40 KB together). */
struct work {
    struct report r;
    struct flags fl;
    struct episode ep;
};

typedef void (*feed_fn)(struct report *r, const void *row);

/* Feeds every row of it (of type row, read into buf) to feed, then frees
 * it; rc is how opening it went. STORE_END when every row was fed, else
 * the error. */
static int feed_rows(int rc, struct store_iter *it, enum store_row row, void *buf, feed_fn feed,
                     struct report *r, char *err, size_t errlen)
{
    while (rc == STORE_OK && (rc = store_iter_next_row(it, row, buf, err, errlen)) == STORE_OK)
        feed(r, buf);
    store_iter_free(&it);
    return rc;
}

static void put_episode(struct report *r, const void *row)
{
    report_feed_episode(r, row);
}

static void put_check(struct report *r, const void *row)
{
    report_feed_check(r, row);
}

static void put_session(struct report *r, const void *row)
{
    (void)report_feed_session(r, row); /* an unknown kind is left out, by design */
}

static int feed_episodes(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    int64_t first;
    int rc = store_episode_first_start(st, &first, err, errlen);
    if (rc == STORE_NOT_FOUND)
        return STORE_END; /* nothing logged: no episode to feed */
    if (rc == STORE_OK)
        report_set_logged_since(&w->r, first);
    if (rc == STORE_OK)
        rc = store_episodes_active_iter(st, from, to, STORE_ITER_TAGS, &it, err, errlen);
    return feed_rows(rc, it, STORE_ROW_EPISODE, &w->ep, put_episode, &w->r, err, errlen);
}

static int feed_durations(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                          size_t errlen)
{
    struct store_iter *it = NULL;
    size_t count = 0, i = 0;
    int64_t secs;
    int rc = store_durations_active_iter(st, from, to, &count, &it, err, errlen);
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
    return feed_rows(rc, it, STORE_ROW_CHECK, &c, put_check, &w->r, err, errlen);
}

static int feed_sessions(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    struct session s;
    int rc = store_sessions_iter(st, from, to, STORE_OLDEST_FIRST, &it, err, errlen);
    return feed_rows(rc, it, STORE_ROW_SESSION, &s, put_session, &w->r, err, errlen);
}

/* The readings of the episodes active in the period, merged with those
 * episodes' starts: both iterators come in (started_at, id) order. */
static int feed_readings(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *eps = NULL, *rds = NULL;
    struct reading r;
    int rc = store_episodes_active_iter(st, from, to, 0, &eps, err, errlen);
    if (rc == STORE_OK)
        rc = store_readings_active_iter(st, from, to, &rds, err, errlen);
    int erc = rc == STORE_OK ? store_iter_next(eps, &w->ep, err, errlen) : rc;
    while (rc == STORE_OK && (rc = store_iter_next(rds, &r, err, errlen)) == STORE_OK) {
        while (erc == STORE_OK && w->ep.id != r.episode_id)
            erc = store_iter_next(eps, &w->ep, err, errlen);
        if (erc != STORE_OK) {
            rc = erc == STORE_END ? STORE_ERROR : erc; /* cannot happen: same episodes */
            break;
        }
        report_feed_reading(&w->r, &r, w->ep.started_at);
    }
    store_iter_free(&eps);
    store_iter_free(&rds);
    return rc;
}

static int feed_treatments(struct store *st, struct work *w, int64_t from, int64_t to,
                           char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct treatment t;
    int rc = store_treatments_iter(st, from, to, STORE_OLDEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &t, err, errlen)) == STORE_OK)
        report_feed_treatment(&w->r, &t);
    store_iter_free(&it);
    return rc;
}

static void put_checkin(struct report *r, const void *row)
{
    report_feed_checkin(r, row);
}

static void put_weekly(struct report *r, const void *row)
{
    report_feed_weekly(r, row);
}

/* The daily and weekly check-ins of the period. */
static int feed_checkins(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    struct checkin c;
    struct weekly wk;
    int rc = store_checkins_iter(st, from, to, STORE_OLDEST_FIRST, &it, err, errlen);
    rc = feed_rows(rc, it, STORE_ROW_CHECKIN, &c, put_checkin, &w->r, err, errlen);
    if (rc != STORE_END)
        return rc;
    rc = store_weeklies_iter(st, from, to, STORE_OLDEST_FIRST, &it, err, errlen);
    return feed_rows(rc, it, STORE_ROW_WEEKLY, &wk, put_weekly, &w->r, err, errlen);
}

static void put_worse(struct report *r, const void *row)
{
    report_feed_worse(r, row);
}

/* The exercises that made the period's stretch sessions worse: after the
 * sessions, whose routines they are counted under. */
static int feed_worse(struct store *st, struct work *w, int64_t from, int64_t to, char *err,
                      size_t errlen)
{
    struct store_iter *it = NULL;
    struct session_worse x;
    int rc = store_worse_iter(st, from, to, &it, err, errlen);
    return feed_rows(rc, it, STORE_ROW_WORSE, &x, put_worse, &w->r, err, errlen);
}

/* What the report counts over [from, to]; the caller holds the read
 * snapshot. full: everything, with the flags over the whole history;
 * else only the feeds of the brief's headline figures (episodes, their
 * durations, the check-ins), for its previous period: the rest of that
 * report is never shown, and readings and treatments are most of the
 * rows. */
static int feed_all(struct store *st, struct work *w, int64_t from, int64_t to, int64_t now,
                    int full, char *err, size_t errlen)
{
    int rc = full ? history_flags(st, now, &w->fl, err, errlen) : STORE_OK;
    int64_t spell;
    report_begin(&w->r, from, to, now);
    /* Each feed ends with STORE_END from its iterator, or an error. */
    if (rc == STORE_OK)
        rc = feed_episodes(st, w, from, to, err, errlen);
    if (rc == STORE_END)
        rc = feed_durations(st, w, from, to, err, errlen);
    if (rc == STORE_END && full)
        rc = feed_checks(st, w, from, to, err, errlen);
    if (rc == STORE_END && full)
        rc = feed_sessions(st, w, from, to, err, errlen);
    if (rc == STORE_END && full)
        rc = feed_worse(st, w, from, to, err, errlen);
    if (rc == STORE_END && full && flags_current_spell(&w->fl, &spell))
        report_set_spell(&w->r, spell);
    if (rc == STORE_END && full)
        rc = feed_readings(st, w, from, to, err, errlen);
    if (rc == STORE_END && full)
        rc = feed_treatments(st, w, from, to, err, errlen);
    if (rc == STORE_END)
        rc = feed_checkins(st, w, from, to, err, errlen);
    return rc == STORE_END ? STORE_OK : rc;
}

/* Everything the report counts, read in one snapshot. */
static int gather(struct store *st, struct work *w, int64_t from, int64_t to, int64_t now,
                  char *err, size_t errlen)
{
    int rc = store_read_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = feed_all(st, w, from, to, now, 1, err, errlen);
    store_read_end(st);
    return rc;
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

/* The previous period of the brief: as many local days as the period
 * counts, ending just before `from` (whole days from a midnight). */
static void previous_period(const struct report *r, int64_t *from, int64_t *to)
{
    int64_t days = report_days_count(&r->daily);
    *to = r->from - 1;
    *from = when_days_start(*to, days > INT32_MAX ? INT32_MAX : (int)days);
}

/* The first BRIEF_QUESTIONS_MAX questions, in the order asked, and how
 * many there are, inside the caller's read. */
static int read_questions(struct store *st, struct brief_questions *qs, char *err,
                          size_t errlen)
{
    struct store_iter *it = NULL;
    struct question q;
    memset(qs, 0, sizeof *qs);
    int rc = store_questions_iter(st, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &q, err, errlen)) == STORE_OK)
        if (qs->total++ < BRIEF_QUESTIONS_MAX)
            qs->q[qs->n++] = q;
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

int report_brief_from_store(struct store *st, int64_t from, int64_t to, int64_t now,
                            const struct brief_opts *o, enum brief_format fmt, FILE *f,
                            char *err, size_t errlen)
{
    struct work *w = malloc(2 * sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int64_t pfrom, pto;
    struct brief_questions qs;
    struct brief_opts bo = *o;
    bo.questions = &qs;
    int rc = store_read_begin(st, err, errlen);
    if (rc == STORE_OK) {
        rc = feed_all(st, &w[0], from, to, now, 1, err, errlen);
        previous_period(&w[0].r, &pfrom, &pto);
        if (rc == STORE_OK)
            rc = feed_all(st, &w[1], pfrom, pto, now, 0, err, errlen);
        if (rc == STORE_OK && !(o->omit & BRIEF_OMIT_QUESTIONS))
            rc = read_questions(st, &qs, err, errlen);
        else
            memset(&qs, 0, sizeof qs);
        store_read_end(st);
    }
    rc = rc == STORE_OK ? 0 : -1;
    if (rc == 0) {
        report_set_flags(&w[0].r, &w[0].fl);
        report_end(&w[0].r);
        report_end(&w[1].r);
        errno = 0;
        if (report_brief_write(&w[0].r, &w[1].r, &bo, fmt, f) != 0) {
            snprintf(err, errlen, "cannot write the brief: %s",
                     errno ? strerror(errno) : "output error");
            rc = -1;
        }
    }
    free(w);
    return rc;
}

int report_out_from_path(const char *path, int brief, struct report_out *out, char *err,
                         size_t errlen)
{
    const char *ext = path_extension(path);
    memset(out, 0, sizeof *out);
    out->brief = brief || (ext && strcasecmp(ext, "html") == 0);
    if (!out->brief)
        return report_format_from_path(path, &out->fmt, err, errlen);
    if (ext && (strcasecmp(ext, "csv") == 0 || strcasecmp(ext, "json") == 0)) {
        snprintf(err, errlen, "the brief is text, markdown or html: end the file name with "
                              ".txt, .md or .html (csv and json are for the full report)");
        return -1;
    }
    if (!ext || brief_format_parse(ext, &out->bfmt, err, errlen) != 0)
        out->bfmt = BRIEF_TEXT;
    return 0;
}

int report_out_write(struct store *st, const struct report_out *out, const struct brief_opts *bo,
                     int64_t from, int64_t to, int64_t now, FILE *f, char *err, size_t errlen)
{
    if (out->brief)
        return report_brief_from_store(st, from, to, now, bo, out->bfmt, f, err, errlen);
    return report_from_store(st, from, to, now, out->fmt, f, err, errlen);
}
