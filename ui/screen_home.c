/* SPDX-License-Identifier: BSD-2-Clause */
/* home: where the patient stands at a glance, and the shortcuts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/checkin.h"
#include "src/episode_text.h"
#include "src/session.h"
#include "src/treatment.h"
#include "src/flags.h"
#include "src/gate.h"
#include "src/redflags.h"
#include "src/when.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

/* Today's episodes and timer sessions kept: as many as a 200x60
 * terminal shows; the rest are counted. */
#define HOME_TODAY_MAX 24
#define HOME_RELIEF_MAX 12
/* From this width today's episodes show their triggers too. */
#define HOME_WIDE_COLS 100
/* How often home looks whether another unknot wrote to the database (a
 * PRAGMA, no table read): soon enough that a `unknot log` in another
 * shell shows at once, rare enough to cost nothing. */
#define HOME_PROBE_MS 2000

/* Ongoing episodes listed (and picked by number key for `e`); more are
 * counted. At 80x24 three rows, a row more for every two more lines. */
#define HOME_ONGOING_MAX 9
#define HOME_ONGOING_ROWS 3
#define HOME_BASE_LINES 24

/* A timer session or a treatment as today's list shows it. */
struct home_relief {
    int64_t at;
    char what[TREATMENT_NAME_MAX + 1]; /* "ice", "ibuprofen 400 mg" */
    char how[96];                      /* "done for 15m, pain 6, then 4" */
};

/* An ongoing episode as home lists it. */
struct home_ongoing {
    struct episode_ref ref;
    enum side side;
};

struct home {
    size_t nongoing, ongoing_total;
    struct home_ongoing ongoing[HOME_ONGOING_MAX];
    size_t shown; /* of them, listed by the last draw (`e` picks among them) */
    size_t ntoday, today_total;
    int64_t day_start; /* of the day today's list is for */
    struct episode today[HOME_TODAY_MAX];
    /* Today's relief: timer sessions begun today and what was recorded
     * without the timer (`unknot did`, `took`, home's m), newest first. */
    size_t nrelief, relief_total;
    struct home_relief relief[HOME_RELIEF_MAX];
    struct flags flags;
    int have_check;
    struct check check;
    enum redflag_level check_level;
    struct warnsign_state warn; /* the warning in force: first on home */
    char source[HISTORY_SOURCE_LEN];
    /* The refresh while home is on top (home_wait_ms, home_tick): what it
     * shows depends on the time (today, the flags), so it is read again at
     * the next local minute (midnight among them), and when another
     * unknot committed (looked for at probe_at). */
    int64_t reload_at; /* Unix seconds */
    int64_t probe_at;  /* app_mono_ms */
    char err[STORE_ERR_LEN];
    /* Check-ins: today's (its time), and whether a weekly one is due. */
    int checked_in, weekly_due;
    int64_t checked_at;
    /* The medication to ask "how is the pain now?" about (history_followup),
     * when due is not 0, and one the patient said "not now" to. */
    struct treatment followup;
    size_t followups_due;
    int64_t followup_not_now;
};

static const struct keybind home_keys[] = {
    KB_BAR('n', ACT_NEW, "n", "log a new episode", "n new"),
    KB_BAR('e', ACT_END, "e", "end an ongoing episode (asks which, and when)", "e end"),
    /* Before the rest: a reading is what a patient adds most often, and the
     * key line at 80 columns ends after "r report". */
    KB_BAR('p', ACT_PAIN, "p", "add a pain reading (0-10) to the ongoing episode", "p pain"),
    KB_BAR('l', ACT_HISTORY, "l", "history of episodes", "l history"),
    KB_BAR('c', ACT_CHECK, "c", "red-flag checklist", "c check"),
    KB_BAR('s', ACT_STRETCH, "s", "stretch timer", "s stretch"),
    KB_BAR('i', ACT_ICE, "i", "ice timer", "i ice"),
    KB_BAR('h', ACT_HEAT, "h", "heat timer", "h heat"),
    KB_BAR('r', ACT_REPORT, "r", "appointment report", "r report"),
    KB_BAR('t', ACT_TIPS, "t", "comfort and prevention tips", "t tips"),
    /* Not on the key line, which is full at 80 columns: the Flags heading
     * says it. */
    KB('f', ACT_FLAGS, "f", "every flag with its advice and episodes"),
    KB('d', ACT_CHECKIN, "d", "daily check-in: pain, activities, sleep"),
    KB('w', ACT_WEEKLY, "w", "weekly check-in: the past 7 days"),
    KB('m', ACT_MEDICATION, "m", "record a medication taken now (recent names first)"),
    KB('a', ACT_RATE, "a", "how is the pain now? after a medication taken 30 min to 4 h ago"),
    KB('q', ACT_QUIT, "q", "quit"),
    KB_END,
};

/* Swaps two episodes through a small buffer (an episode is kilobytes:
 * no copy of one on the stack). */
static void swap_episodes(struct episode *a, struct episode *b)
{
    unsigned char buf[256], *x = (unsigned char *)a, *y = (unsigned char *)b;
    for (size_t off = 0; off < sizeof(*a); off += sizeof buf) {
        size_t n = sizeof(*a) - off < sizeof buf ? sizeof(*a) - off : sizeof buf;
        memcpy(buf, x + off, n);
        memcpy(x + off, y + off, n);
        memcpy(y + off, buf, n);
    }
}

static void reverse_episodes(struct episode *e, size_t n)
{
    for (size_t i = 0; i < n / 2; i++)
        swap_episodes(&e[i], &e[n - 1 - i]);
}

/* Reads the episodes active today (begun today, or earlier and ongoing or
 * ended today: a spasm that began before midnight is part of today too),
 * keeping the newest few, newest first, and counting them all. */
static int load_today(struct app *app, struct home *h)
{
    struct store_iter *it = NULL;
    int64_t now = app_now(app);
    h->ntoday = h->today_total = 0;
    h->day_start = when_day_start(now);
    int rc = store_episodes_active_iter(app_store(app), h->day_start, INT64_MAX, STORE_ITER_TAGS,
                                        &it, h->err, sizeof(h->err));
    /* Oldest first from the store, each read into a ring that keeps the
     * newest HOME_TODAY_MAX. */
    while (rc == STORE_OK &&
           (rc = store_iter_next(it, &h->today[h->today_total % HOME_TODAY_MAX], h->err,
                                 sizeof(h->err))) == STORE_OK)
        h->today_total++;
    store_iter_free(&it);
    /* Newest first: the ring runs oldest to newest from `next` on, so each
     * of its two runs reversed in place puts them so. */
    size_t next = h->today_total % HOME_TODAY_MAX;
    h->ntoday = h->today_total < HOME_TODAY_MAX ? h->today_total : HOME_TODAY_MAX;
    if (h->today_total < HOME_TODAY_MAX)
        next = 0;
    reverse_episodes(h->today, next);
    reverse_episodes(h->today + next, h->ntoday - next);
    return rc < 0 ? -1 : 0;
}

/* Reads the ongoing episodes, newest first, keeping the first few and
 * counting the rest. */
static int load_ongoing(struct app *app, struct home *h)
{
    struct store_iter *it = NULL;
    struct episode *ep = malloc(sizeof(*ep));
    int rc = ep ? store_episodes_ongoing_iter(app_store(app), 0, &it, h->err, sizeof(h->err))
                : STORE_ERROR;
    if (!ep)
        snprintf(h->err, sizeof(h->err), "out of memory");
    h->nongoing = h->ongoing_total = 0;
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, h->err, sizeof(h->err))) == STORE_OK) {
        if (h->nongoing < HOME_ONGOING_MAX)
            h->ongoing[h->nongoing++] = (struct home_ongoing){
                {ep->id, ep->started_at, ep->ended_at, ep->region, ep->intensity}, ep->side};
        h->ongoing_total++;
    }
    free(ep);
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

/* ", pain 6, then 4", ", pain 6 before", ", pain 4 after" or "" (-1: not given). */
static void pain_text(int before, int after, char *buf, size_t len)
{
    if (before >= 0 && after >= 0)
        snprintf(buf, len, ", pain %d, then %d", before, after);
    else if (before >= 0 || after >= 0)
        snprintf(buf, len, ", pain %d %s", before >= 0 ? before : after,
                 before >= 0 ? "before" : "after");
    else
        buf[0] = '\0';
}

/* Keeps r among the newest HOME_RELIEF_MAX, newest first, and counts it. */
static void relief_add(struct home *h, const struct home_relief *r)
{
    size_t i = h->nrelief < HOME_RELIEF_MAX ? h->nrelief++ : HOME_RELIEF_MAX;
    h->relief_total++;
    for (; i > 0 && h->relief[i - 1].at < r->at; i--)
        if (i < HOME_RELIEF_MAX)
            h->relief[i] = h->relief[i - 1];
    if (i < HOME_RELIEF_MAX)
        h->relief[i] = *r;
}

static void relief_from_session(struct home *h, const struct session *ses)
{
    struct home_relief r = {.at = ses->started_at};
    char dur[32], pain[40];
    when_format_duration(ses->elapsed_s, dur, sizeof(dur));
    pain_text(ses->pain_before, ses->pain_after, pain, sizeof(pain));
    snprintf(r.what, sizeof(r.what), "%s", session_kind_label(ses->kind));
    snprintf(r.how, sizeof(r.how), "%s for %s%s", session_status_label(ses->status), dur, pain);
    relief_add(h, &r);
}

static void relief_from_treatment(struct home *h, const struct treatment *t)
{
    struct home_relief r = {.at = t->taken_at};
    char dur[32] = "", pain[40];
    if (t->duration_s != TREATMENT_NO_DURATION)
        when_format_duration(t->duration_s, dur, sizeof(dur));
    pain_text(t->pain_before, t->pain_after, pain, sizeof(pain));
    int med = t->kind == TREATMENT_MEDICATION;
    snprintf(r.what, sizeof(r.what), "%s", med ? t->name : treatment_kind_label(t->kind));
    snprintf(r.how, sizeof(r.how), "%s%s%s%s", med ? "taken" : "done", dur[0] ? " for " : "",
             dur, pain);
    relief_add(h, &r);
}

/* Reads today's timer sessions and treatments, keeping the newest few and
 * counting them all. */
static int load_relief(struct app *app, struct home *h)
{
    struct store_iter *it = NULL;
    struct session ses;
    struct treatment t;
    int64_t from = when_day_start(app_now(app));
    h->nrelief = h->relief_total = 0;
    int rc = store_sessions_iter(app_store(app), from, INT64_MAX, STORE_NEWEST_FIRST, &it, h->err,
                                 sizeof(h->err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &ses, h->err, sizeof(h->err))) == STORE_OK)
        relief_from_session(h, &ses);
    store_iter_free(&it);
    if (rc >= 0)
        rc = store_treatments_iter(app_store(app), from, INT64_MAX, STORE_NEWEST_FIRST, &it,
                                   h->err, sizeof(h->err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &t, h->err, sizeof(h->err))) == STORE_OK)
        relief_from_treatment(h, &t);
    store_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static int load_flags(struct app *app, struct home *h)
{
    return history_flags(app_store(app), app_now(app), &h->flags, h->err, sizeof(h->err)) ==
                   STORE_OK
               ? 0
               : -1;
}

/* The first instant after now at which home reads again: the next local
 * minute, or midnight if it comes first (a zone's offset need not be
 * whole minutes). */
static int64_t next_reload(int64_t now)
{
    int64_t minute = now - now % 60 + 60;
    int64_t midnight = when_day_start(when_day_start(now) + 36 * 3600); /* days: 23-25 h */
    return midnight > now && midnight < minute ? midnight : minute;
}

/* An ongoing duration as home shows it: in whole minutes (at most two
 * units, "25m", "1h30m", "2d4h"), so that it changes once a minute, when
 * home wakes for it (home_wait_ms). */
static void shown_duration(int64_t secs, char *buf, size_t len)
{
    if (secs < 60)
        snprintf(buf, len, "under a minute");
    else
        when_format_duration(secs - secs % 60, buf, len);
}

/* Takes the store's change baseline before reading, so a commit by
 * another unknot while home reads is seen at the next probe. */
static void refresh_plan(struct app *app, struct home *h)
{
    h->reload_at = next_reload(app_now(app));
    h->probe_at = app_mono_ms() + HOME_PROBE_MS;
    if (store_changed(app_store(app), h->err, sizeof(h->err)) < 0)
        app_status(app, "Could not look for changes: %s", h->err);
}

/* Today's check-in and the weekly one due (the line above the keys). */
static void load_checkins(struct app *app, struct home *h)
{
    char day[CHECKIN_DAY_LEN];
    struct checkin c;
    struct weekly w;
    checkin_day_text(app_now(app), day, sizeof day);
    int rc = store_checkin_day(app_store(app), day, &c, h->err, sizeof(h->err));
    h->checked_in = rc == STORE_OK;
    h->checked_at = h->checked_in ? c.taken_at : 0;
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        rc = store_weekly_latest(app_store(app), &w, h->err, sizeof(h->err));
    h->weekly_due = rc == STORE_OK && weekly_due(1, w.taken_at, app_now(app));
    if (rc != STORE_OK && rc != STORE_NOT_FOUND)
        app_status(app, "Could not read the check-ins: %s", h->err);
}

/* The intake to ask about, unless the patient said "not now" to it. */
static void load_followup(struct app *app, struct home *h)
{
    if (history_followup(app_store(app), app_now(app), &h->followup, &h->followups_due, h->err,
                         sizeof h->err) != STORE_OK) {
        h->followups_due = 0;
        app_status(app, "Could not read the medications: %s", h->err);
    }
    if (h->followups_due && h->followup.id == h->followup_not_now)
        h->followups_due = 0;
}

static void load(struct app *app, struct home *h)
{
    struct store *st = app_store(app);
    h->err[0] = '\0';
    refresh_plan(app, h);
    /* Only "none" means none: any other failure is said, never shown as an
     * empty home that could hide an emergency verdict. */
    if (load_ongoing(app, h) != 0)
        app_status(app, "Could not read the ongoing episodes: %s", h->err);
    int rc = store_check_latest(st, &h->check, h->err, sizeof(h->err));
    h->have_check = rc == STORE_OK;
    if (rc != STORE_OK && rc != STORE_NOT_FOUND)
        app_status(app, "Could not read the last red-flag check: %s", h->err);
    h->check_level = h->have_check ? h->check.verdict : REDFLAG_CLEAR;
    if (history_warning(st, app_now(app), &h->warn, h->err, sizeof(h->err)) != STORE_OK)
        app_status(app, "Could not read the warning signs: %s", h->err);
    history_warning_source(&h->warn, h->source, sizeof(h->source));
    /* The check on top is the latest (it is not shown again below): say
     * when the patient left it part way. */
    if (h->have_check && h->warn.check_id == h->check.id && !h->check.complete) {
        size_t used = strlen(h->source);
        snprintf(h->source + used, sizeof(h->source) - used, " (partial)");
    }
    if (load_today(app, h) != 0 || load_relief(app, h) != 0 || load_flags(app, h) != 0)
        app_status(app, "Could not read the history: %s", h->err);
    load_checkins(app, h);
    load_followup(app, h);
}

/* The intensity, its band and where: "7 severe  lower back, right". */
static void put_level_where(int y, int x, const struct home_ongoing *o)
{
    x += ui_putf(y, x, COLS - x - 2, ui_band_attr(o->ref.intensity), "%d %s", o->ref.intensity,
                 band_label(intensity_band(o->ref.intensity)));
    ui_putf(y, x, COLS - x - 2, A_NORMAL, "  %s%s%s", region_label(o->ref.region),
            o->side == SIDE_UNSET ? "" : ", ", side_code(o->side));
}

/* How many ongoing episodes a list of `rows` rows (with its heading)
 * shows: all when they fit, else one fewer and a row that counts the rest. */
static size_t ongoing_fit(const struct home *h, int rows)
{
    size_t fit = rows > 1 ? (size_t)rows - 1 : 1;
    if (fit > HOME_ONGOING_MAX)
        fit = HOME_ONGOING_MAX;
    if (h->ongoing_total <= fit)
        return h->nongoing;
    return fit - 1 < h->nongoing ? fit - 1 : h->nongoing;
}

/* The rows of the ongoing list from row y: what the flags below leave of
 * them (they come first: "call your doctor" must stay on the screen), at
 * least a heading, one episode and the count of the rest; at 80x24 three
 * episodes, one more for every two more lines. */
static int ongoing_rows(int y, int flags_last, int flags_need)
{
    int cap = 1 + HOME_ONGOING_ROWS + (LINES > HOME_BASE_LINES ? (LINES - HOME_BASE_LINES) / 2 : 0);
    int room = flags_last - y - flags_need; /* a blank row between */
    return room < 3 ? 3 : room > cap ? cap : room;
}

/* Several ongoing: each on a row with the number `e` picks it by. */
static int draw_ongoing_list(struct app *app, const struct home *h, int y)
{
    char since[WHEN_FMT_LEN], dur[32];
    size_t shown = h->shown;
    ui_putf(y++, 2, COLS - 4, A_BOLD, "Ongoing: %zu episodes", h->ongoing_total);
    for (size_t i = 0; i < shown; i++, y++) {
        const struct home_ongoing *o = &h->ongoing[i];
        when_format(o->ref.started_at, since, sizeof(since));
        shown_duration(app_now(app) - o->ref.started_at, dur, sizeof(dur));
        int x = 4 + ui_putf(y, 4, COLS - 6, A_NORMAL, "%zu  #%-4" PRId64 " since %s  for %-8s ",
                            i + 1, o->ref.id, since, dur);
        put_level_where(y, x, o);
    }
    if (shown < h->ongoing_total)
        ui_putf(y++, 4, COLS - 6, ui_attr(UC_DIM), "and %zu more ongoing (l: history)",
                h->ongoing_total - shown);
    return y;
}

static int draw_ongoing(struct app *app, const struct home *h, int y)
{
    char dur[32];
    if (h->ongoing_total == 0) {
        ui_put(y, 2, COLS - 4, "No episode ongoing.", ui_attr(UC_OK));
        return y + 1;
    }
    if (h->ongoing_total > 1)
        return draw_ongoing_list(app, h, y);
    const struct home_ongoing *o = &h->ongoing[0];
    shown_duration(app_now(app) - o->ref.started_at, dur, sizeof(dur));
    int x = 2 + ui_putf(y, 2, COLS - 4, A_BOLD, "Ongoing: episode %" PRId64 " for %s  ",
                        o->ref.id, dur);
    put_level_where(y, x, o);
    return y + 1;
}

/* One of today's episodes at row y: its start (a date when it began
 * before today), intensity, region, duration, number and, on a wide
 * terminal, its triggers. */
static void draw_today_episode(const struct home *h, const struct episode *ep, int y)
{
    char at[WHEN_FMT_LEN], dur[32], triggers[EPISODE_TEXT_TAGS_MAX];
    when_format(ep->started_at, at, sizeof(at));
    if (ep->ended_at == EPISODE_ONGOING)
        snprintf(dur, sizeof(dur), "ongoing");
    else
        when_format_duration(ep->ended_at - ep->started_at, dur, sizeof(dur));
    /* Begun before today: its date (MM-DD), not a time that reads as today's. */
    int earlier = ep->started_at < h->day_start;
    ui_putf(y, 4, 8, A_NORMAL, "%.5s", earlier ? at + 5 : at + 11);
    ui_putf(y, 11, 14, ui_band_attr(ep->intensity), "%2d %s", ep->intensity,
            band_label(intensity_band(ep->intensity)));
    int x = 25 + ui_putf(y, 25, COLS - 27, A_NORMAL, "%-12s %-8s #%-4" PRId64,
                         region_label(ep->region), dur, ep->id);
    episode_text_tags(ep, TAG_TRIGGER, triggers, sizeof(triggers));
    if (COLS >= HOME_WIDE_COLS && strcmp(triggers, "-") != 0)
        ui_put(y, x + 2, COLS - x - 4, triggers, ui_attr(UC_DIM));
}

/* One of today's relief at row y: "09:10  ice  done for 15m, pain 6, then 4". */
static void draw_today_relief(const struct home_relief *r, int y)
{
    char at[WHEN_FMT_LEN];
    when_format(r->at, at, sizeof(at));
    ui_putf(y, 4, 8, A_NORMAL, "%.5s", at + 11);
    int x = 11 + ui_put(y, 11, COLS - 13, r->what, A_NORMAL);
    x = x + 1 > 25 ? x + 1 : 25;
    ui_put(y, x, COLS - x - 2, r->how, A_NORMAL);
}

/* The count of what today's list leaves out, on row y. */
static void draw_today_rest(size_t episodes, size_t sessions, int y) /* sessions: relief */
{
    if (sessions == 0)
        ui_putf(y, 4, COLS - 6, ui_attr(UC_DIM), "and %zu more (l: history)", episodes);
    else if (episodes == 0)
        ui_putf(y, 4, COLS - 6, ui_attr(UC_DIM), "and %zu more relief record%s", sessions,
                sessions == 1 ? "" : "s");
    else
        ui_putf(y, 4, COLS - 6, ui_attr(UC_DIM),
                "and %zu more episode%s (l: history), %zu relief record%s", episodes,
                episodes == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s");
}

/* Today's episodes and relief, newest first, from row y down to row last
 * at the most; what does not fit is counted on the last row. */
static int draw_today(const struct home *h, int y, int last)
{
    if (y > last)
        return y;
    ui_put(y++, 2, COLS - 4, "Today", A_BOLD);
    size_t total = h->today_total + h->relief_total;
    if (total == 0 && y <= last)
        ui_put(y++, 4, COLS - 6, "Nothing logged today.", ui_attr(UC_DIM));
    if (total == 0 || y > last)
        return y;
    size_t rows = (size_t)(last - y + 1), loaded = h->ntoday + h->nrelief;
    size_t fit = loaded == total && rows >= total ? total : rows - 1; /* a row counts the rest */
    size_t eps = 0, ses = 0;
    /* Both lists are newest first: merged, the newest start on top. */
    for (; eps + ses < fit && eps + ses < loaded; y++) {
        int episode = ses == h->nrelief ||
                      (eps < h->ntoday && h->today[eps].started_at >= h->relief[ses].at);
        if (episode)
            draw_today_episode(h, &h->today[eps++], y);
        else
            draw_today_relief(&h->relief[ses++], y);
    }
    if (eps + ses < total)
        draw_today_rest(h->today_total - eps, h->relief_total - ses, y++);
    return y;
}

/* Rows one flag takes: its title, then its advice and note wrapped. */
static int flag_rows(const struct flag *f)
{
    return 1 + ui_wrapped_rows(f->advice, COLS - 8) + ui_wrapped_rows(f->note, COLS - 8);
}

/* Rows the flags take when they all fit. */
static int flags_need(const struct home *h)
{
    size_t n = flags_count(&h->flags);
    int rows = 1 + (n == 0);
    for (size_t i = 0; i < n; i++)
        rows += flag_rows(flags_at(&h->flags, i));
    return rows;
}

/* The flags from row y down to row last at the most: each one whole or not
 * at all, and when some do not fit, the last row says how many are left
 * out, so none is silently dropped. Returns the row after the last drawn. */
static int draw_flags(const struct home *h, int y, int last)
{
    size_t n = flags_count(&h->flags), i;
    if (y > last)
        return y;
    int x = 2 + ui_put(y, 2, COLS - 4, "Flags", A_BOLD);
    if (n > 0)
        ui_put(y, x, COLS - x - 2, "  (f: each in full, with its episodes)", ui_attr(UC_DIM));
    y++;
    if (n == 0 && y <= last)
        ui_put(y++, 4, COLS - 6, "No flags.", ui_attr(UC_OK));
    for (i = 0; i < n; i++) {
        const struct flag *f = flags_at(&h->flags, i);
        int room = last - y + 1 - (i + 1 < n); /* keep a row for the rest */
        if (flag_rows(f) > room)
            break;
        attr_t a = f->level == FLAG_LEVEL_URGENT ? ui_attr(UC_URGENT)
                   : f->level == FLAG_LEVEL_INFO ? A_BOLD
                                                 : ui_attr(UC_MODERATE);
        ui_put(y++, 4, COLS - 6, f->title, a);
        y = ui_put_wrapped(y, 6, COLS - 8, last, f->advice, A_NORMAL);
        y = ui_put_wrapped(y, 6, COLS - 8, last, f->note, ui_attr(UC_DIM));
    }
    if (i < n && y <= last)
        ui_putf(y++, 4, COLS - 6, ui_attr(UC_DIM),
                "%s%zu%s flag%s not shown: press f", i ? "and " : "", n - i,
                i ? " more" : "", n - i == 1 ? "" : "s");
    return y;
}

static attr_t level_attr(enum redflag_level lv)
{
    switch (lv) {
    case REDFLAG_EMERGENCY: return ui_attr(UC_EMERGENCY);
    case REDFLAG_URGENT: return ui_attr(UC_URGENT);
    case REDFLAG_CLEAR: return ui_attr(UC_OK);
    default: return ui_attr(UC_MODERATE);
    }
}

/* 1 when a warning is in force: it goes first and nothing softens it. */
static int warned(const struct home *h)
{
    return history_warning_in_force(&h->warn);
}

/* 1 when the latest check holds the warning shown first: not twice. */
static int check_in_force(const struct home *h)
{
    return warned(h) && h->have_check && h->warn.check_id == h->check.id;
}

/* The latest check's advice goes with it unless the warning on top says
 * what to do already. */
static int check_advice_shown(const struct home *h)
{
    return h->check_level >= REDFLAG_URGENT && !warned(h);
}

/* Rows draw_check takes. */
static int check_rows(const struct home *h)
{
    enum redflag_level lv = h->check_level;
    if (!h->have_check)
        return 1;
    return 1 + ui_wrapped_rows(check_title(&h->check), COLS - 6) +
           (check_advice_shown(h) ? ui_wrapped_rows(redflag_level_advice(lv), COLS - 6) : 0);
}

/* The latest check: when (and whether it was left part way), then its
 * verdict, from row y down to row last at the most. */
static int draw_check(const struct home *h, int y, int last)
{
    char at[WHEN_FMT_LEN];
    enum redflag_level lv = h->check_level;
    if (!h->have_check) {
        ui_put(y++, 2, COLS - 4, "No red-flag check yet: press c to take one.", A_NORMAL);
        return y;
    }
    when_format(h->check.taken_at, at, sizeof(at));
    ui_putf(y++, 2, COLS - 4, A_BOLD, "Last red-flag check, %s%s:", at,
            h->check.complete ? "" : " (partial)");
    /* Under a warning in force "no warning signs" must not look like an
     * all-clear: no reassuring colour then. */
    attr_t a = (warned(h) || check_unsure_count(&h->check)) && lv == REDFLAG_CLEAR ? A_NORMAL
                                                                                  : level_attr(lv);
    y = ui_put_wrapped(y, 4, COLS - 6, last, check_title(&h->check), a); /* says a doubt */
    if (check_advice_shown(h))
        y = ui_put_wrapped(y, 4, COLS - 6, last, redflag_level_advice(lv), A_BOLD);
    return y;
}

/* The warning in force (src/app/history.h): its verdict's title, what holds
 * it ("Warning sign logged: ..."), and what to do, from row y down to row
 * last at the most. */
static int draw_warning(const struct home *h, int y, int last)
{
    enum redflag_level lv = h->warn.level;
    char advice[512];
    gate_reflow(redflag_level_advice(lv), advice, sizeof(advice)); /* the fewest rows */
    y = ui_put_wrapped(y, 2, COLS - 4, last, redflag_level_title(lv), level_attr(lv) | A_BOLD);
    y = ui_put_wrapped(y, 4, COLS - 6, last, h->source, A_BOLD);
    return ui_put_wrapped(y, 4, COLS - 6, last, advice, A_NORMAL);
}

/* One line: a medication to rate first (it is asked for a few hours
 * only), then today's check-in done or not, and a weekly one due. */
static void draw_checkins(struct app *app, const struct home *h, int y)
{
    char at[WHEN_FMT_LEN], since[32], ask[TREATMENT_NAME_MAX + 64], day[64];
    int x = 2;
    if (h->followups_due) {
        shown_duration(app_now(app) - h->followup.taken_at, since, sizeof since);
        snprintf(ask, sizeof ask, "How is the pain %s after %s? (a)", since, h->followup.name);
        x += ui_put(y, x, COLS - 4, ask, A_BOLD) + 3;
    }
    when_format(h->checked_at, at, sizeof at);
    if (h->checked_in)
        snprintf(day, sizeof day, "Checked in today at %s (d: change)", at + 11);
    else
        snprintf(day, sizeof day, "No check-in today yet (d)");
    /* After the question, each part only whole: "No che..." says nothing. */
    if (x + ui_width(day) > COLS - 2)
        return;
    x += ui_put(y, x, COLS - x - 2, day, h->checked_in ? ui_attr(UC_OK) : A_NORMAL);
    if (h->weekly_due && x + ui_width("   weekly check-in due (w)") <= COLS - 2)
        ui_put(y, x, COLS - x - 2, "   weekly check-in due (w)", A_BOLD);
}

static void home_draw(struct app *app, struct screen *s)
{
    struct home *h = s->data;
    /* Below 24 lines the blank rows between the parts go first. */
    int gap = LINES >= HOME_BASE_LINES;
    int y = ui_body_top() + gap;
    int shortcuts = ui_body_bottom() - 1;
    int last = shortcuts - 2; /* a blank row above the shortcuts */
    /* An emergency or urgent warning goes first: it must not be missed,
     * and stays until a newer complete check with no yes. */
    if (warned(h))
        y = draw_warning(h, y, last) + gap;
    /* Flags come before today's list: "call your doctor" must never be
     * pushed off the screen by a busy day. Below them today keeps a
     * heading and one row, and the check its rows and a blank one. */
    int check_below = !check_in_force(h);
    int below = check_below ? last - check_rows(h) - gap : last;
    int flags_last = below - 2 - gap;
    h->shown = ongoing_fit(h, ongoing_rows(y, flags_last, flags_need(h)));
    y = draw_ongoing(app, h, y) + gap;
    y = draw_flags(h, y, flags_last) + gap;
    y = draw_today(h, y, below) + gap;
    if (check_below && y <= last)
        draw_check(h, y, last);
    draw_checkins(app, h, shortcuts - 1); /* in the blank row: it takes nobody's room */
    ui_hint_line(shortcuts, 2, COLS - 4, home_keys, 0, A_BOLD);
    if (warned(h))
        ui_put(shortcuts + 1, 2, COLS - 4, HISTORY_NOT_ADVICE_SHORT, ui_attr(UC_DIM));
    else
        ui_put_not_advice(shortcuts + 1);
}

/* Several ongoing: which one, by the number home lists it with. NULL
 * when the patient gave up. */
/* One of the ongoing episodes home lists, by its number there: the one
 * when there is one; NULL for Esc. what: "End", "Add the pain to". */
static const struct home_ongoing *pick_ongoing(struct app *app, const struct home *h,
                                               const char *what)
{
    char q[96], keys[HOME_ONGOING_MAX + 1];
    size_t shown = h->shown; /* those on the screen, with their numbers */
    if (h->ongoing_total == 1)
        return &h->ongoing[0];
    for (size_t i = 0; i < shown; i++)
        keys[i] = (char)('1' + i);
    keys[shown] = '\0';
    snprintf(q, sizeof(q), "%s which ongoing episode? [1-%zu, Esc: none]", what, shown);
    int c = app_choose(app, NULL, q, keys);
    return c ? &h->ongoing[c - '1'] : NULL;
}

static void end_ongoing(struct app *app, struct home *h)
{
    if (h->ongoing_total == 0) {
        app_status(app, "No episode is ongoing.");
        return;
    }
    const struct home_ongoing *o = pick_ongoing(app, h, "End");
    if (!o) {
        app_status(app, "Not ended.");
        return;
    }
    struct episode_ref ref = o->ref; /* load() below rewrites the list */
    if (screen_episode_end(app, &ref) != 0)
        load(app, h);
}

/* The ongoing episode a reading goes to: the one, or the one named when
 * several are; 0 when none (the status line says why). */
static int64_t pain_episode(struct app *app, struct home *h)
{
    if (h->ongoing_total == 0) {
        app_status(app, "No episode is ongoing: log one with n first.");
        return 0;
    }
    const struct home_ongoing *o = pick_ongoing(app, h, "Add the pain to");
    if (!o)
        app_status(app, "No reading saved.");
    return o ? o->ref.id : 0;
}

/* p: the pain now, as a reading of the ongoing episode. */
static void add_pain(struct app *app, struct home *h)
{
    int64_t pain;
    struct reading r = {.taken_at = app_now(app), .source = READING_HOME};
    if (!(r.episode_id = pain_episode(app, h)))
        return;
    if (app_ask_number(app, "Pain now, 0 (none) to 10 (worst), then Enter:", &pain) != 0) {
        app_status(app, "No reading saved.");
        return;
    }
    r.pain = pain > EPISODE_INTENSITY_MAX ? -1 : (int)pain;
    if (history_add_reading(app_store(app), &r, app_now(app), h->err, sizeof h->err) !=
        STORE_OK) {
        app_status(app, "Not saved: %s", h->err);
        return;
    }
    app_status(app, "Pain %d/10 (%s) added to episode %" PRId64 ".", r.pain,
               band_label(intensity_band(r.pain)), r.episode_id);
    load(app, h);
}

/* a: the pain now, after the medication home asks about. */
static void rate_followup(struct app *app, struct home *h)
{
    char q[160], since[32];
    int64_t pain;
    struct treatment t = h->followup;
    if (!h->followups_due) {
        app_status(app, "No medication waits for a rating (30 min to 4 h after it is taken).");
        return;
    }
    shown_duration(app_now(app) - t.taken_at, since, sizeof since);
    snprintf(q, sizeof q, "Pain now, %s after %.40s? 0-10, Enter (Esc: not now):", since, t.name);
    if (app_ask_number(app, q, &pain) != 0) {
        h->followup_not_now = t.id; /* asked again when unknot starts next */
        app_status(app, "Not rated.");
        load(app, h);
        return;
    }
    int v = pain > EPISODE_INTENSITY_MAX ? -1 : (int)pain;
    if (history_rate_intake(app_store(app), t.id, v, &t, h->err, sizeof h->err) != STORE_OK) {
        app_status(app, "Not saved: %s", h->err);
        return;
    }
    app_status(app, "Pain %d/10 (%s) after %s saved.", t.pain_after,
               band_label(intensity_band(t.pain_after)), t.name);
    load(app, h);
}

static int home_handle(struct app *app, struct screen *s, const struct ui_key *key,
                       enum action act)
{
    (void)key;
    struct home *h = s->data;
    switch (act) {
    case ACT_QUIT: return UI_QUIT;
    case ACT_NEW: screen_form_open(app, 0); break;
    case ACT_END: end_ongoing(app, h); break;
    case ACT_HISTORY: screen_history_open(app); break;
    case ACT_CHECK: screen_check_open(app); break;
    case ACT_STRETCH: screen_timer_open(app, SESSION_STRETCH, NULL, 0, 0); break;
    case ACT_ICE: screen_timer_open(app, SESSION_ICE, NULL, 0, 0); break;
    case ACT_HEAT: screen_timer_open(app, SESSION_HEAT, NULL, 0, 0); break;
    case ACT_REPORT: screen_report_open(app); break;
    case ACT_TIPS: app_push(app, &screen_tips, NULL); break;
    case ACT_FLAGS: screen_flags_open(app); break;
    case ACT_PAIN: add_pain(app, h); break;
    case ACT_CHECKIN: screen_checkin_open(app, 0); break;
    case ACT_WEEKLY: screen_checkin_open(app, 1); break;
    case ACT_RATE: rate_followup(app, h); break;
    case ACT_MEDICATION:
        if (screen_treat_medication(app))
            load(app, h);
        break;
    default: break;
    }
    return UI_OK;
}

static int home_enter(struct app *app, struct screen *s)
{
    if (!s->data && !(s->data = app_alloc(app, sizeof(struct home))))
        return -1;
    load(app, s->data);
    return 0;
}

static void home_resume(struct app *app, struct screen *s)
{
    load(app, s->data);
}

/* ---- the refresh, while home is on top ---- */

/* The next instant, after now, at which an ongoing duration shown in whole
 * minutes changes: the next whole minute since its start. */
static int64_t next_minute_of(int64_t started_at, int64_t now)
{
    int64_t on = now > started_at ? now - started_at : 0;
    return started_at + (on / 60 + 1) * 60;
}

/* Until the first of: the reload, the shown duration's next minute, the
 * probe. Under another screen home is not shown: no limit (a timer above
 * is the timed screen then, and home never shortens its wait). */
static int64_t home_wait_ms(struct app *app, struct screen *s)
{
    const struct home *h = s->data;
    if (!app_on_top(app, s))
        return -1;
    int64_t now_ms = app_now_ms(app), at = h->reload_at;
    for (size_t i = 0; i < h->nongoing; i++) { /* each listed one shows its duration */
        int64_t next = next_minute_of(h->ongoing[i].ref.started_at, now_ms / 1000);
        at = next < at ? next : at;
    }
    int64_t wait = at * 1000 - now_ms, to_probe = h->probe_at - app_mono_ms();
    wait = to_probe < wait ? to_probe : wait;
    return wait > 0 ? wait : 0;
}

/* A new minute reads everything again; between them only the probe's
 * answer does. The ongoing duration needs no read: draw computes it. */
static int home_tick(struct app *app, struct screen *s)
{
    struct home *h = s->data;
    if (!app_on_top(app, s))
        return UI_OK;
    if (app_now(app) >= h->reload_at) {
        load(app, h);
        return UI_OK;
    }
    int64_t mono = app_mono_ms();
    if (mono < h->probe_at)
        return UI_OK;
    h->probe_at = mono + HOME_PROBE_MS;
    int rc = store_changed(app_store(app), h->err, sizeof(h->err));
    if (rc < 0)
        app_status(app, "Could not look for changes: %s", h->err);
    else if (rc == 1)
        load(app, h);
    return UI_OK;
}

const struct screen_ops screen_home = {
    .title = "Home",
    .keys = home_keys,
    .enter = home_enter,
    .draw = home_draw,
    .handle = home_handle,
    .resume = home_resume,
    .wait_ms = home_wait_ms,
    .tick = home_tick,
    .min_cols = UI_SMALL_COLS,
    .min_lines = UI_SMALL_LINES,
};
