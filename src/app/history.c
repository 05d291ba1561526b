/* SPDX-License-Identifier: BSD-2-Clause */
/* history: services over the stored history (flags, the latest episode). */
#include "src/app/history.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/check.h"
#include "src/when.h"

/* Gives flags_feed_pain the latest reading of ep (its intensity when it
 * has none). */
static int feed_one_pain(struct store *st, struct flags *f, const struct episode *ep, char *err,
                         size_t errlen)
{
    struct reading r;
    int rc = store_reading_latest(st, ep->id, &r, err, errlen);
    if (rc == STORE_NOT_FOUND)
        r.pain = ep->intensity, rc = STORE_OK;
    if (rc == STORE_OK)
        flags_feed_pain(f, ep, r.pain);
    return rc;
}

/* The severe rule goes by the latest reading of the spell's latest-started
 * episode and of those still going: only those decide it (flags.h), so a
 * spell of any length costs a few lookups, and the pass over the whole
 * history stays one plain scan. STORE_END when done. */
static int feed_latest_pain(struct store *st, struct flags *f, struct episode *ep, char *err,
                            size_t errlen)
{
    int64_t from;
    if (!flags_pain_wanted(f, &from))
        return STORE_END;
    struct store_iter *it = NULL;
    int rc = store_episodes_iter(st, from, INT64_MAX, STORE_NEWEST_FIRST, 0, &it, err, errlen);
    if (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK)
        rc = feed_one_pain(st, f, ep, err, errlen);
    store_iter_free(&it);
    if (rc == STORE_OK || rc == STORE_END)
        rc = store_episodes_ongoing_iter(st, 0, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK)
        rc = feed_one_pain(st, f, ep, err, errlen);
    store_iter_free(&it);
    return rc;
}

/* Feeds the rows of it (struct episode, oldest start first) into f, with
 * their tags where a rule reads them: a query per row of a long history
 * would cost more than the rest of the pass. STORE_END when done. */
static int feed_rows(struct store *st, struct store_iter *it, struct flags *f,
                     struct episode *ep, char *err, size_t errlen)
{
    int rc;
    while ((rc = store_iter_next(it, ep, err, errlen)) == STORE_OK) {
        rc = flags_wants_tags(f, ep) ? store_episode_tags(st, ep, err, errlen) : STORE_OK;
        if (rc != STORE_OK)
            return rc;
        flags_feed(f, ep);
    }
    return rc;
}

int history_flags_full(struct store *st, int64_t now, struct flags *out, char *err,
                       size_t errlen)
{
    /* A struct episode holds a whole note and every tag: too big for the
     * stack of a screen's callback. */
    struct episode *ep = malloc(sizeof(*ep));
    struct store_iter *it = NULL;
    int rc = ep ? store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, 0, &it, err,
                                      errlen)
                : STORE_ERROR;
    if (!ep)
        snprintf(err, errlen, "out of memory");
    flags_begin(out, now);
    if (rc == STORE_OK)
        rc = feed_rows(st, it, out, ep, err, errlen);
    store_iter_free(&it);
    if (rc == STORE_END)
        rc = feed_latest_pain(st, out, ep, err, errlen);
    flags_end(out);
    free(ep);
    return rc == STORE_END ? STORE_OK : rc;
}

/* ---- the flags, fast: the long look back from an index ----
 * The ended episodes begun before flags_narrow_before() come from
 * store_episode_spans_iter (id, start, end: the index alone), the rest as
 * brief rows. The spans come by end; a few held back in `held` put them
 * back in start order (id on a tie, as the full pass has them), the old
 * ongoing episodes are merged in at their place, and a span that would
 * still come out of order sends the whole computation to the full pass. */
#define HELD_MAX 32       /* spans held back at least: one episode may hold this many inside it */
#define OLD_ONGOING_MAX 4 /* ongoing episodes begun before the cut, read whole */

struct fast_pass {
    struct flags *f;
    struct episode *ep;                   /* the row fed for a span */
    struct episode *old;                  /* [OLD_ONGOING_MAX], in start order */
    size_t nold, next_old;                /* read, fed */
    struct store_span held[2 * HELD_MAX]; /* in start order */
    size_t nheld;
    int fed;                              /* something was fed: last_* hold its key */
    int64_t last_start, last_id;
    int out_of_order;
};

static int key_before(int64_t start, int64_t id, int64_t start2, int64_t id2)
{
    return start < start2 || (start == start2 && id < id2);
}

static void fast_feed(struct fast_pass *p, const struct episode *ep)
{
    flags_feed(p->f, ep);
    p->fed = 1;
    p->last_start = ep->started_at;
    p->last_id = ep->id;
}

/* Feeds the old ongoing episodes that start before (start, id). */
static void fast_feed_old(struct fast_pass *p, int64_t start, int64_t id)
{
    while (p->next_old < p->nold &&
           key_before(p->old[p->next_old].started_at, p->old[p->next_old].id, start, id))
        fast_feed(p, &p->old[p->next_old++]);
}

/* Feeds the n held spans with the earliest starts, as episodes with only
 * their span: intensity 0, no tags, the default region and side (p->ep
 * may hold an old ongoing episode's row: nothing of it may leak in). No
 * rule reads more of an episode begun before the cut, and the spell's pain
 * comes from the readings (feed_latest_pain). */
static void fast_release(struct fast_pass *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct store_span *sp = &p->held[i];
        fast_feed_old(p, sp->started_at, sp->id);
        p->ep->intensity = 0;
        p->ep->region = REGION_LOWER;
        p->ep->side = SIDE_UNSET;
        p->ep->ntags = 0;
        p->ep->note[0] = '\0';
        p->ep->id = sp->id;
        p->ep->started_at = sp->started_at;
        p->ep->ended_at = sp->ended_at;
        fast_feed(p, p->ep);
    }
    p->nheld -= n;
    memmove(&p->held[0], &p->held[n], p->nheld * sizeof(p->held[0]));
}

/* Takes one span in, in start order among those held; when the buffer is
 * full, feeds the earliest half (in, then out: those fed are the earliest
 * of all seen), so HELD_MAX or more stay held and a span moves once per
 * HELD_MAX fed. */
static void fast_hold(struct fast_pass *p, const struct store_span *sp)
{
    if (p->fed && key_before(sp->started_at, sp->id, p->last_start, p->last_id)) {
        p->out_of_order = 1; /* it belonged before one already fed */
        return;
    }
    size_t i = p->nheld++;
    for (; i > 0 && key_before(sp->started_at, sp->id, p->held[i - 1].started_at,
                               p->held[i - 1].id);
         i--)
        p->held[i] = p->held[i - 1];
    p->held[i] = *sp;
    if (p->nheld == 2 * HELD_MAX)
        fast_release(p, HELD_MAX);
}

/* Reads the ongoing episodes begun before cut, whole and with their tags,
 * into p->old in start order; more than OLD_ONGOING_MAX is out_of_order. */
static int fast_read_old(struct store *st, struct fast_pass *p, int64_t cut, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_ongoing_iter(st, STORE_ITER_TAGS, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, p->ep, err, errlen)) == STORE_OK) {
        if (p->ep->started_at >= cut)
            continue;
        if (p->nold == OLD_ONGOING_MAX) {
            p->out_of_order = 1;
            break;
        }
        size_t i = p->nold++;
        for (; i > 0 && key_before(p->ep->started_at, p->ep->id, p->old[i - 1].started_at,
                                   p->old[i - 1].id);
             i--)
            p->old[i] = p->old[i - 1];
        p->old[i] = *p->ep;
    }
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

/* The episodes begun before cut: the old ongoing ones and the spans. */
static int fast_old_part(struct store *st, struct fast_pass *p, int64_t cut, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    struct store_span sp;
    int rc = fast_read_old(st, p, cut, err, errlen);
    if (rc == STORE_OK && !p->out_of_order)
        rc = store_episode_spans_iter(st, cut, &it, err, errlen);
    while (rc == STORE_OK && !p->out_of_order &&
           (rc = store_iter_next(it, &sp, err, errlen)) == STORE_OK)
        fast_hold(p, &sp);
    store_iter_free(&it);
    if (rc == STORE_END)
        rc = STORE_OK;
    if (rc == STORE_OK && !p->out_of_order) {
        fast_release(p, p->nheld);
        fast_feed_old(p, INT64_MAX, INT64_MAX);
    }
    return rc;
}

/* The fast pass into p->f; STORE_END when done, STORE_OK with
 * p->out_of_order when the full pass must run instead. */
static int fast_pass_run(struct store *st, struct fast_pass *p, char *err, size_t errlen)
{
    int64_t cut = flags_narrow_before(p->f);
    struct store_iter *it = NULL;
    episode_init(p->ep); /* a span's row: no note, no tags */
    int rc = fast_old_part(st, p, cut, err, errlen);
    if (rc != STORE_OK || p->out_of_order)
        return rc;
    rc = store_episodes_brief_iter(st, cut, &it, err, errlen);
    if (rc == STORE_OK)
        rc = feed_rows(st, it, p->f, p->ep, err, errlen);
    store_iter_free(&it);
    return rc;
}

int history_flags(struct store *st, int64_t now, struct flags *out, char *err, size_t errlen)
{
    struct fast_pass p = {.f = out, .ep = malloc(sizeof(struct episode)),
                          .old = malloc(OLD_ONGOING_MAX * sizeof(struct episode))};
    char scratch[STORE_ERR_LEN];
    if (!p.ep || !p.old) {
        free(p.ep);
        free(p.old);
        snprintf(err, errlen, "out of memory");
        flags_begin(out, now);
        flags_end(out);
        return STORE_ERROR;
    }
    /* One snapshot for every read, the full pass's too when it runs; when
     * BEGIN fails a read is open already (the caller's snapshot holds), or
     * the first read reports. */
    int own = store_read_begin(st, scratch, sizeof scratch) == STORE_OK;
    flags_begin(out, now);
    int rc = fast_pass_run(st, &p, err, errlen);
    if (rc == STORE_OK && p.out_of_order) {
        rc = history_flags_full(st, now, out, err, errlen); /* begins and ends *out */
    } else {
        if (rc == STORE_END)
            rc = feed_latest_pain(st, out, p.ep, err, errlen);
        flags_end(out);
    }
    if (own)
        store_read_end(st);
    free(p.ep);
    free(p.old);
    return rc == STORE_END ? STORE_OK : rc;
}

/* 1 when other, which is ongoing, overlaps ep in its region: it began
 * before ep ends (and, being ongoing, lasts past ep's start). */
static int ongoing_overlaps(const struct episode *other, const struct episode *ep)
{
    return other->region == ep->region &&
           (ep->ended_at == EPISODE_ONGOING || other->started_at < ep->ended_at);
}

static int others_ongoing(struct store *st, const struct episode *ep, struct episode *row,
                          history_other_fn fn, void *arg, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_ongoing_iter(st, 0, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, row, err, errlen)) == STORE_OK)
        if (row->id != ep->id)
            fn(row, HISTORY_OTHER_ONGOING |
                        (ongoing_overlaps(row, ep) ? HISTORY_OTHER_OVERLAPS : 0u), arg);
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

/* The ended ones: the ongoing ones were named with their overlap. */
static int others_overlapping(struct store *st, const struct episode *ep, struct episode *row,
                              history_other_fn fn, void *arg, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_overlap_iter(st, ep, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, row, err, errlen)) == STORE_OK)
        if (row->ended_at != EPISODE_ONGOING)
            fn(row, HISTORY_OTHER_OVERLAPS, arg);
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

int history_episode_others(struct store *st, const struct episode *ep, history_other_fn fn,
                           void *arg, char *err, size_t errlen)
{
    struct episode *row = malloc(sizeof(*row)); /* too big for a screen's stack */
    if (!row) {
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    int rc = others_ongoing(st, ep, row, fn, arg, err, errlen);
    if (rc == STORE_OK)
        rc = others_overlapping(st, ep, row, fn, arg, err, errlen);
    free(row);
    return rc;
}

int history_latest_episode(struct store *st, struct episode *out, char *err, size_t errlen)
{
    int rc = store_episode_ongoing(st, out, err, errlen);
    if (rc != STORE_NOT_FOUND)
        return rc;
    struct store_iter *it = NULL;
    rc = store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, 0, &it, err, errlen);
    if (rc == STORE_OK) {
        rc = store_iter_next(it, out, err, errlen);
        if (rc == STORE_END)
            rc = STORE_NOT_FOUND;
    }
    store_iter_free(&it);
    return rc;
}

/* Feeds the checks, newest first, until a complete one with no yes. */
static int feed_checks(struct store *st, struct warnsign_state *w, char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct check c;
    int rc = store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, errlen);
    while (rc == STORE_OK && !warnsign_cleared(w) &&
           (rc = store_iter_next(it, &c, err, errlen)) == STORE_OK) {
        /* Not sure about an emergency or urgent sign is no clear answer
         * that it has gone: such a check clears nothing (check_clears). */
        struct warnsign_check wc = {c.id, c.taken_at, c.verdict,
                                    c.complete && (check_clears(&c) || check_any_yes(&c))};
        warnsign_feed_check(w, &wc);
    }
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

/* Feeds the episodes that can hold a sign in force: every ongoing one
 * (however old: a forgotten one still holds its sign), and those started
 * in the recent window. */
static int feed_episodes(struct store *st, struct warnsign_state *w, struct episode *ep, char *err,
                         size_t errlen)
{
    struct store_iter *it = NULL;
    int rc = store_episodes_ongoing_iter(st, STORE_ITER_TAGS, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK)
        warnsign_feed_episode(w, ep);
    store_iter_free(&it);
    if (rc != STORE_END)
        return rc;
    rc = store_episodes_iter(st, w->now - WARNSIGN_RECENT_S, INT64_MAX, STORE_NEWEST_FIRST,
                             STORE_ITER_TAGS, &it, err, errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK)
        warnsign_feed_episode(w, ep);
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

int history_warning(struct store *st, int64_t now, struct warnsign_state *out, char *err,
                    size_t errlen)
{
    warnsign_begin(out, now);
    struct episode *ep = malloc(sizeof(*ep)); /* too big for a screen's stack */
    if (!ep) {
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    int rc = feed_checks(st, out, err, errlen);
    if (rc == STORE_OK)
        rc = feed_episodes(st, out, ep, err, errlen);
    free(ep);
    return rc;
}

int history_warning_in_force(const struct warnsign_state *w)
{
    return w->level >= REDFLAG_URGENT;
}

/* "Nov 30", "Nov 30 2025" in another year than now's; local time. Month
 * names of its own: the patient's locale must not turn them into bytes
 * the terminal line was not measured for. */
static void format_day(int64_t t, int64_t now, char *buf, size_t len)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t, tn = (time_t)now;
    struct tm tm, tm_now;
    if (!localtime_r(&tt, &tm) || !localtime_r(&tn, &tm_now) || tm.tm_mon < 0 ||
        tm.tm_mon > 11) {
        snprintf(buf, len, "?");
        return;
    }
    if (tm.tm_year == tm_now.tm_year)
        snprintf(buf, len, "%s %d", months[tm.tm_mon], tm.tm_mday);
    else
        snprintf(buf, len, "%s %d %d", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

void history_warning_source(const struct warnsign_state *w, char *buf, size_t len)
{
    char day[24], at[WHEN_FMT_LEN];
    if (!len)
        return;
    buf[0] = '\0';
    if (!history_warning_in_force(w))
        return;
    if (w->sign) {
        format_day(w->episode_started_at, w->now, day, sizeof(day));
        snprintf(buf, len, "Warning sign logged: %s, episode %" PRId64 ", %s", w->sign->words,
                 w->episode_id, day);
        return;
    }
    format_day(w->check_taken_at, w->now, day, sizeof(day));
    when_format(w->check_taken_at, at, sizeof(at));
    snprintf(buf, len, "Red-flag check of %s %s", day, at + 11);
}

int history_ongoing(struct store *st, int64_t *ids, size_t max, size_t *n, size_t *total,
                    char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct episode *ep = malloc(sizeof *ep);
    int rc = ep ? store_episodes_ongoing_iter(st, 0, &it, err, errlen) : STORE_ERROR;
    if (!ep)
        snprintf(err, errlen, "out of memory");
    *n = *total = 0;
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK) {
        if (*n < max)
            ids[(*n)++] = ep->id;
        (*total)++;
    }
    store_iter_free(&it);
    free(ep);
    return rc == STORE_END ? STORE_OK : rc;
}

/* The checks of a new or changed reading r against now and its episode. */
static int reading_check(struct store *st, const struct reading *r, int64_t now, char *err,
                         size_t errlen)
{
    struct episode *ep = malloc(sizeof *ep);
    if (!ep) {
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    int rc = reading_validate(r, now, err, errlen) == 0 ? STORE_OK : STORE_ABORTED;
    if (rc == STORE_OK)
        rc = store_episode_get(st, r->episode_id, ep, err, errlen);
    if (rc == STORE_OK && reading_fits_episode(r, ep, err, errlen) != 0)
        rc = STORE_ABORTED;
    free(ep);
    return rc;
}

int history_add_reading(struct store *st, struct reading *r, int64_t now, char *err,
                        size_t errlen)
{
    int rc = reading_check(st, r, now, err, errlen);
    return rc == STORE_OK ? store_reading_add(st, r, now, err, errlen) : rc;
}

int history_edit_reading(struct store *st, int64_t id, int pain, const int64_t *at,
                         int64_t now, char *err, size_t errlen)
{
    struct reading r;
    int rc = store_reading_get(st, id, &r, err, errlen);
    if (rc != STORE_OK)
        return rc;
    r.pain = pain;
    if (at)
        r.taken_at = *at;
    if (r.source != READING_LOG) /* the first one: store_reading_update says how */
        rc = reading_check(st, &r, now, err, errlen);
    return rc == STORE_OK ? store_reading_update(st, &r, err, errlen) : rc;
}

int history_add_treatment(struct store *st, struct treatment *t, int64_t now, char *err,
                          size_t errlen)
{
    if (treatment_validate(t, now, err, errlen) != 0)
        return STORE_ABORTED;
    return store_treatment_add(st, t, now, err, errlen);
}

int history_followup(struct store *st, int64_t now, struct treatment *out, size_t *due,
                     char *err, size_t errlen)
{
    struct store_iter *it = NULL;
    struct treatment t;
    *due = 0;
    int rc = store_treatments_iter(st, now - TREATMENT_FOLLOWUP_UNTIL_S + 1,
                                   now - TREATMENT_FOLLOWUP_FROM_S, STORE_NEWEST_FIRST, &it, err,
                                   errlen);
    while (rc == STORE_OK && (rc = store_iter_next(it, &t, err, errlen)) == STORE_OK)
        if (treatment_followup_due(&t, now) && (*due)++ == 0)
            *out = t;
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

int history_rate_intake(struct store *st, int64_t id, int pain, struct treatment *t, char *err,
                        size_t errlen)
{
    if (pain < 0 || pain > EPISODE_INTENSITY_MAX) {
        snprintf(err, errlen, "the pain is 0 (none) to 10 (worst)");
        return STORE_ABORTED;
    }
    int rc = store_treatment_get(st, id, t, err, errlen);
    if (rc == STORE_NOT_FOUND)
        snprintf(err, errlen, "no record %lld", (long long)id);
    if (rc != STORE_OK)
        return rc;
    if (t->kind != TREATMENT_MEDICATION) {
        snprintf(err, errlen, "record %lld is %s, not a medication taken", (long long)id,
                 treatment_kind_label(t->kind));
        return STORE_ABORTED;
    }
    rc = store_treatment_rate(st, id, pain, err, errlen);
    if (rc == STORE_OK)
        t->pain_after = pain;
    return rc;
}

/* Feeds episode ep and its readings (those of the iterator rds that
 * belong to it, *r being the next one; *rrc how reading it went) to the
 * charts. */
static void chart_one(struct chart *const *charts, size_t n, const struct episode *ep,
                      struct store_iter *rds, struct reading *r, int *rrc, char *err,
                      size_t errlen)
{
    int fed = 0;
    for (size_t i = 0; i < n; i++)
        chart_episode_begin(charts[i], ep);
    while (*rrc == STORE_OK && r->episode_id == ep->id) {
        for (size_t i = 0; i < n; i++)
            chart_episode_reading(charts[i], r->taken_at, r->pain);
        fed = 1;
        *rrc = store_iter_next(rds, r, err, errlen);
    }
    for (size_t i = 0; i < n; i++) {
        if (!fed) /* a hand-made database without the first reading */
            chart_episode_reading(charts[i], ep->started_at, ep->intensity);
        chart_episode_end(charts[i]);
    }
}

int history_chart(struct store *st, struct chart *const *charts, size_t n, int64_t from,
                  int64_t to, struct episode *ep, char *err, size_t errlen)
{
    struct store_iter *eps = NULL, *rds = NULL;
    struct reading r = {0};
    int rc = store_episodes_active_iter(st, from, to, STORE_ITER_TAGS, &eps, err, errlen);
    if (rc == STORE_OK)
        rc = store_readings_active_iter(st, from, to, &rds, err, errlen);
    int rrc = rc == STORE_OK ? store_iter_next(rds, &r, err, errlen) : rc;
    while (rc == STORE_OK && (rrc == STORE_OK || rrc == STORE_END) &&
           (rc = store_iter_next(eps, ep, err, errlen)) == STORE_OK)
        chart_one(charts, n, ep, rds, &r, &rrc, err, errlen);
    store_iter_free(&eps);
    store_iter_free(&rds);
    if (rc == STORE_OK || (rc == STORE_END && rrc != STORE_OK && rrc != STORE_END))
        rc = rrc;
    return rc == STORE_END ? STORE_OK : rc;
}
