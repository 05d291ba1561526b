/* SPDX-License-Identifier: BSD-2-Clause */
/* episode: one episode in full, the fields of `unknot show` (from
 * episode_text_lines, so the two never differ), and the end and delete
 * actions the history list shares. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/store.h"
#include "src/episode.h"
#include "src/episode_text.h"
#include "src/when.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

/* One episode in full. */
#define DETAIL_READINGS 48 /* pain readings listed (the latest, if more) */

struct detail {
    int64_t id;
    int found;
    int scroll, nlines; /* first line shown; lines drawn last time */
    struct episode ep;
    size_t nreadings, readings_total;
    struct reading readings[DETAIL_READINGS]; /* a ring of the latest, oldest first */
    char err[STORE_ERR_LEN];
};

/* Modes of the key line: the episode fits the screen, it scrolls, or it
 * is gone (deleted by another unknot meanwhile). */
enum { M_FITS = 1, M_SCROLLS = 2, M_GONE = 4, M_SHOWN = M_FITS | M_SCROLLS };

static const struct keybind detail_keys[] = {
    KB_HINT(0, 'q', ACT_BACK, "q back"), /* the way back first on the key line */
    KB_BAR_IN(M_SCROLLS, 'j', ACT_DOWN, "j / Down", "scroll down", "j/k scroll"),
    KB_ALSO(KEY_DOWN, ACT_DOWN),
    KB('k', ACT_UP, "k / Up", "scroll up"),
    KB_ALSO(KEY_UP, ACT_UP),
    KB_BAR_IN(M_SHOWN, 'e', ACT_EDIT, "e", "edit the episode", "e edit"),
    KB_BAR_IN(M_SHOWN, 'x', ACT_END, "x", "end the episode (now or at a time), if ongoing", "x end"),
    KB_BAR_IN(M_SHOWN, 'd', ACT_DELETE, "d", "delete the episode (asks first)", "d delete"),
    KEYS_BACK("back to the list", NULL),
    KEYS_HELP_HINT_IN(M_SHOWN),
    KB_END,
};

/* ---------------------------------------------------------------------
 * Acting on an episode, from the list or from here */

/* Ends r at `at` and says so. */
static int end_at(struct app *app, const struct episode_ref *r, int64_t at)
{
    char dur[32], err[STORE_ERR_LEN];
    if (store_episode_end(app_store(app), r->id, at, app_now(app), err, sizeof(err)) !=
        STORE_OK) {
        app_status(app, "Not ended: %s", err);
        return -1;
    }
    when_format_duration(at - r->started_at, dur, sizeof(dur));
    app_status(app, "Ended episode %" PRId64 " after %s.", r->id, dur);
    return 1;
}

/* The end typed as `unknot end --at` takes it (when_parse), asked again
 * with what was wrong until it is after the start and not in the future,
 * or the patient gives up (Esc). */
static int end_typed(struct app *app, const struct episode_ref *r)
{
    char prompt[96], text[64] = "", msg[UNKNOT_ERR_LEN + 16] = "", err[UNKNOT_ERR_LEN];
    snprintf(prompt, sizeof(prompt), "End episode %" PRId64 " at (14:30, 2h ago; Esc: no):",
             r->id);
    for (;;) {
        int64_t now = app_now(app), at = 0;
        if (!app_prompt(app, prompt, msg, text, sizeof(text))) {
            app_status(app, "Not ended.");
            return 0;
        }
        if (when_parse(text, now, &at, err, sizeof(err)) == 0 &&
            episode_validate_end(r->started_at, at, now, err, sizeof(err)) == 0)
            return end_at(app, r, at);
        snprintf(msg, sizeof(msg), "Not ended: %s", err);
    }
}

int screen_episode_end(struct app *app, const struct episode_ref *r)
{
    char q[160], dur[32];
    if (r->ended_at != EPISODE_ONGOING) {
        app_status(app, "Episode %" PRId64 " has already ended.", r->id);
        return 0;
    }
    int64_t now = app_now(app);
    when_format_duration(now - r->started_at, dur, sizeof(dur));
    snprintf(q, sizeof(q),
             "End episode %" PRId64 " now (after %s)? [y/Enter: now, t: at a time, n: no]",
             r->id, dur);
    switch (app_choose(app, NULL, q, "yn\nt")) {
    case 'y':
    case '\n': return end_at(app, r, now);
    case 't': return end_typed(app, r);
    default: app_status(app, "Not ended."); return 0;
    }
}

/* The question names the episode so the wrong one is not deleted by
 * mistake. */
int screen_episode_delete(struct app *app, const struct episode_ref *r)
{
    char q[EPISODE_TEXT_QUESTION_MAX], err[STORE_ERR_LEN];
    episode_text_delete_question(r->id, r->started_at, r->region, r->intensity, q, sizeof(q));
    if (!app_confirm(app, q)) {
        app_status(app, "Nothing deleted.");
        return 0;
    }
    if (store_episode_delete(app_store(app), r->id, err, sizeof(err)) != STORE_OK) {
        app_status(app, "Not deleted: %s", err);
        return -1;
    }
    app_status(app, "Deleted episode %" PRId64 ".", r->id);
    return 1;
}

/* Lines of the detail view, drawn from line `skip` on while rows last. */
struct printer {
    int y, last, skip, count;
};

static void print_one(struct printer *p, const char *label, const char *text, size_t len,
                      attr_t attr)
{
    if (p->count++ < p->skip || p->y > p->last)
        return;
    ui_put(p->y, 2, 14, label, A_BOLD);
    /* len comes from ui_fit_bytes: it ends on a character boundary. */
    ui_putf(p->y++, 16, COLS - 18, attr, "%.*s", (int)len, text);
}

/* Prints one line of episode_text_lines after its label, wrapped to the
 * screen (a note's typed lines come one by one). */
static void print_line(const struct episode_line *line, void *arg)
{
    struct printer *p = arg;
    int width = COLS - 18;
    attr_t attr = line->intensity >= 0 ? ui_band_attr(line->intensity) : A_NORMAL;
    const char *label = line->label, *t = line->text, *end = line->text + line->len;
    do {
        size_t n = ui_fit_bytes(t, (size_t)(end - t), width);
        print_one(p, label, t, n, attr);
        label = "";
        t += n;
        while (t < end && *t == ' ')
            t++;
    } while (t < end);
}

/* The pain readings under the fields: "Pain" then one line each. */
static void print_readings(const struct detail *d, struct printer *p)
{
    const char *label = "Pain";
    size_t first = d->readings_total - d->nreadings;
    if (d->readings_total > d->nreadings) {
        char more[64];
        int n = snprintf(more, sizeof more, "%zu earlier readings not shown", first);
        print_one(p, label, more, (size_t)n, ui_attr(UC_DIM));
        label = "";
    }
    for (size_t i = 0; i < d->nreadings; i++) {
        const struct reading *r = &d->readings[(first + i) % DETAIL_READINGS];
        char when[WHEN_FMT_LEN], line[128];
        when_format(r->taken_at, when, sizeof when);
        int n = snprintf(line, sizeof line, "%s  %2d/10 %-8s  %s", when, r->pain,
                         band_label(intensity_band(r->pain)), reading_source_label(r->source));
        print_one(p, label, line, (size_t)n, ui_band_attr(r->pain));
        label = "";
    }
}

static int detail_rows(void)
{
    return ui_body_bottom() - 1 - (ui_body_top() + 2) + 1;
}

static void detail_draw(struct app *app, struct screen *s)
{
    struct detail *d = s->data;
    int y = ui_body_top();
    if (!d->found) {
        ui_putf(y + 1, 2, COLS - 4, A_NORMAL, "Episode %" PRId64 " is not there any more.",
                d->id);
        ui_hint_line(ui_body_bottom(), 1, COLS - 2, detail_keys, M_GONE, ui_attr(UC_DIM));
        return;
    }
    ui_putf(y, 1, COLS - 2, A_BOLD, "Episode %" PRId64, d->id);
    struct printer p = {y + 2, ui_body_bottom() - 1, d->scroll, 0};
    episode_text_lines(&d->ep, app_now(app), print_line, &p);
    print_readings(d, &p);
    d->nlines = p.count;
    ui_hint_line(ui_body_bottom(), 1, COLS - 2, detail_keys,
                 p.count > detail_rows() ? M_SCROLLS : M_FITS, ui_attr(UC_DIM));
}

/* The episode's pain readings, keeping the latest DETAIL_READINGS. */
static int load_readings(struct app *app, struct detail *d)
{
    struct store_iter *it = NULL;
    struct reading r;
    d->nreadings = d->readings_total = 0;
    int rc = store_readings_iter(app_store(app), d->id, &it, d->err, sizeof d->err);
    while (rc == STORE_OK && (rc = store_iter_next(it, &r, d->err, sizeof d->err)) == STORE_OK) {
        d->readings[d->readings_total++ % DETAIL_READINGS] = r;
        if (d->nreadings < DETAIL_READINGS)
            d->nreadings++;
    }
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

static int detail_load(struct app *app, struct detail *d)
{
    int rc = store_episode_get(app_store(app), d->id, &d->ep, d->err, sizeof(d->err));
    d->found = rc == STORE_OK;
    if (rc == STORE_OK)
        rc = load_readings(app, d);
    if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
        app_status(app, "Could not read episode %" PRId64 ": %s", d->id, d->err);
        return -1;
    }
    return 0;
}

static void detail_scroll(struct detail *d, int by)
{
    int max = d->nlines - detail_rows();
    d->scroll += by;
    if (d->scroll > max)
        d->scroll = max;
    if (d->scroll < 0)
        d->scroll = 0;
}

static int detail_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    (void)key;
    struct detail *d = s->data;
    if (act == ACT_BACK)
        return UI_POP;
    if (!d->found)
        return UI_OK;
    struct episode_ref row = {d->ep.id, d->ep.started_at, d->ep.ended_at, d->ep.region,
                              d->ep.intensity};
    switch (act) {
    case ACT_DOWN: detail_scroll(d, 1); break;
    case ACT_UP: detail_scroll(d, -1); break;
    case ACT_EDIT: screen_form_open(app, d->id); break; /* resume reloads */
    case ACT_END:
        if (screen_episode_end(app, &row) != 0)
            detail_load(app, d);
        break;
    case ACT_DELETE:
        switch (screen_episode_delete(app, &row)) {
        case 1: return UI_POP; /* the list reloads as it resumes */
        case -1: detail_load(app, d); break;
        default: break;
        }
        break;
    default: break;
    }
    return UI_OK;
}

static int detail_enter(struct app *app, struct screen *s)
{
    return detail_load(app, s->data);
}

static void detail_resume(struct app *app, struct screen *s)
{
    detail_load(app, s->data);
}

static const struct screen_ops episode_ops = {
    .title = "Episode",
    .keys = detail_keys,
    .enter = detail_enter,
    .draw = detail_draw,
    .handle = detail_handle,
    .resume = detail_resume,
};

int screen_episode_open(struct app *app, int64_t id)
{
    struct detail *d = app_alloc(app, sizeof(*d));
    if (!d)
        return -1;
    d->id = id;
    return app_push(app, &episode_ops, d);
}
