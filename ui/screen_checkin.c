/* SPDX-License-Identifier: BSD-2-Clause */
/* checkin: the daily check-in (home `d`) and the weekly one (home `w`), a
 * short list of questions (src/checkin.h words them, as `unknot checkin`
 * and `unknot weekly` ask them): Up/Down pick one, Left/Right change its
 * answer, Enter saves. Today's check-in, when there is one, is shown to
 * change, and saving it again replaces it after a yes. */
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "src/checkin.h"
#include "src/when.h"
#include "ui/keys.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

#define ROWS_MAX 4
#define UNSET (-1) /* a question not answered yet */

struct checkin_screen {
    int weekly;                /* 0: the daily questions, 1: the weekly ones */
    int nrows, row;            /* questions, the one selected */
    enum checkin_question q[ROWS_MAX];
    int v[ROWS_MAX];           /* answers; UNSET */
    int have_old;              /* today's check-in is stored (daily only) */
    struct checkin old;
};

static const struct keybind checkin_keys[] = {
    KEYS_ARROWS("previous question", "next question", "less, or the answer before",
                "more, or the next answer"),
    KB_HINT(0, KEY_UP, ACT_UP, "j/k question"),
    KB_HINT(0, KEY_LEFT, ACT_LEFT, "h/l answer"),
    KB(KEY_DC, ACT_DELETE, "Delete", "clear the answer (skip the question)"),
    KEYS_ENTER(ACT_SAVE, "save", "Enter save"),
    KEYS_BACK("back without saving", "q back"),
    KB_END,
};

/* The lowest and highest answer of row i (UNSET below the lowest), and the
 * first one a key gives an unanswered question. */
static void answer_range(const struct checkin_screen *c, int i, int *lo, int *hi, int *first)
{
    *lo = 0;
    *hi = CHECKIN_RATING_MAX;
    *first = 0;
    switch (c->q[i]) {
    case CHECKIN_Q_ACTIVITIES: *hi = CHECKIN_ACT_COUNT - 1; break;
    case CHECKIN_Q_SLEEP: *hi = CHECKIN_SLEEP_MAX_TENTHS; *first = 70; break;
    case CHECKIN_Q_WOKEN: *hi = 1; break;
    default: break;
    }
}

/* The answer of row i in words. */
static void answer_text(const struct checkin_screen *c, int i, char *buf, size_t len)
{
    int v = c->v[i];
    char h[16];
    if (v == UNSET) {
        snprintf(buf, len, "not answered");
        return;
    }
    switch (c->q[i]) {
    case CHECKIN_Q_ACTIVITIES: snprintf(buf, len, "%s", checkin_activities_code(v)); break;
    case CHECKIN_Q_SLEEP:
        checkin_tenths_format(v, h, sizeof h);
        snprintf(buf, len, "%s hours", h);
        break;
    case CHECKIN_Q_WOKEN: snprintf(buf, len, "%s", v ? "yes" : "no"); break;
    default: snprintf(buf, len, "%d", v); break;
    }
}

static void step(struct checkin_screen *c, int dir)
{
    int lo, hi, first, i = c->row;
    answer_range(c, i, &lo, &hi, &first);
    int by = c->q[i] == CHECKIN_Q_SLEEP ? 5 : 1; /* half hours */
    if (c->v[i] == UNSET)
        c->v[i] = first;
    else if (c->v[i] + dir * by >= lo && c->v[i] + dir * by <= hi)
        c->v[i] += dir * by;
    else
        c->v[i] = dir > 0 ? hi : lo;
}

/* Today's check-in, to show and change. */
static void load_today(struct app *app, struct checkin_screen *c)
{
    char day[CHECKIN_DAY_LEN], err[STORE_ERR_LEN];
    checkin_day_text(app_now(app), day, sizeof day);
    int rc = store_checkin_day(app_store(app), day, &c->old, err, sizeof err);
    c->have_old = rc == STORE_OK;
    if (rc != STORE_OK && rc != STORE_NOT_FOUND)
        app_status(app, "Could not read today's check-in: %s", err);
    if (!c->have_old)
        return;
    c->v[0] = c->old.pain;
    c->v[1] = c->old.activities;
    c->v[2] = c->old.sleep_tenths;
    c->v[3] = c->old.woken;
}

static int checkin_enter(struct app *app, struct screen *s)
{
    struct checkin_screen *c = s->data;
    static const enum checkin_question daily[] = {CHECKIN_Q_PAIN, CHECKIN_Q_ACTIVITIES,
                                                  CHECKIN_Q_SLEEP, CHECKIN_Q_WOKEN};
    static const enum checkin_question weekly[] = {WEEKLY_Q_PAIN, WEEKLY_Q_ENJOYMENT,
                                                   WEEKLY_Q_ACTIVITY};
    c->nrows = c->weekly ? 3 : 4;
    for (int i = 0; i < c->nrows; i++) {
        c->q[i] = c->weekly ? weekly[i] : daily[i];
        c->v[i] = UNSET;
    }
    if (!c->weekly)
        load_today(app, c);
    return 0;
}

static void draw_heading(const struct checkin_screen *c, int64_t now, int y)
{
    char day[CHECKIN_DAY_LEN], at[WHEN_FMT_LEN];
    if (c->weekly) {
        ui_put(y, 2, COLS - 4, "Weekly check-in: the past 7 days", A_BOLD);
        return;
    }
    checkin_day_text(now, day, sizeof day);
    ui_putf(y, 2, COLS - 4, A_BOLD, "Daily check-in for %s", day);
    if (c->have_old) {
        when_format(c->old.taken_at, at, sizeof at);
        ui_putf(y + 1, 2, COLS - 4, ui_attr(UC_DIM),
                "Today's check-in of %s is shown: saving replaces it (after asking).", at + 11);
    }
}

/* The weekly score of the answers so far, once all three are given. */
static void draw_score(const struct checkin_screen *c, int y)
{
    char score[16];
    if (!c->weekly || c->v[0] == UNSET || c->v[1] == UNSET || c->v[2] == UNSET)
        return;
    struct weekly w = {.pain = c->v[0], .enjoyment = c->v[1], .activity = c->v[2]};
    checkin_tenths_format(weekly_mean_tenths(&w), score, sizeof score);
    ui_putf(y, 2, COLS - 4, A_BOLD, "Your %s: %s", WEEKLY_SCORE_NAME, score);
}

static void checkin_draw(struct app *app, struct screen *s)
{
    struct checkin_screen *c = s->data;
    char ans[32];
    int y = ui_body_top() + 1, last = ui_body_bottom() - 2;
    draw_heading(c, app_now(app), y);
    y += 3;
    for (int i = 0; i < c->nrows && y + 1 <= last; i++, y += 3) {
        int sel = i == c->row;
        int optional = !c->weekly && i > 0;
        ui_putf(y, 2, COLS - 4, sel ? A_BOLD : A_NORMAL, "%s %s", sel ? ">" : " ",
                checkin_question_text(c->q[i]));
        answer_text(c, i, ans, sizeof ans);
        int x = 6 + ui_putf(y + 1, 6, 28, sel ? ui_attr(UC_SELECTED) : A_NORMAL, "< %s >", ans);
        ui_putf(y + 1, x + 2, COLS - x - 4, ui_attr(UC_DIM), "%s%s",
                checkin_question_hint(c->q[i]), optional ? "; may be left unanswered" : "");
    }
    draw_score(c, y);
    ui_hint_line(ui_body_bottom(), 2, COLS - 4, checkin_keys, 0, A_BOLD);
}

/* Saves the daily answers; 1 when saved (the screen leaves). */
static int save_daily(struct app *app, struct checkin_screen *c)
{
    char err[STORE_ERR_LEN], line[160], at[WHEN_FMT_LEN], q[96];
    struct checkin ci, old;
    if (c->v[0] == UNSET) {
        app_status(app, "Answer the pain now first (Left/Right), then Enter.");
        return 0;
    }
    checkin_init(&ci, app_now(app));
    ci.pain = c->v[0];
    ci.activities = c->v[1];
    ci.sleep_tenths = c->v[2];
    ci.woken = c->v[3];
    int rc = store_checkin_save(app_store(app), &ci, 0, &old, app_now(app), err, sizeof err);
    if (rc == STORE_EXISTS) {
        when_format(old.taken_at, at, sizeof at);
        snprintf(q, sizeof q, "Replace today's check-in of %s?", at + 11);
        if (!app_confirm(app, q)) {
            app_status(app, "Not saved: today's check-in of %s is kept.", at + 11);
            return 0;
        }
        rc = store_checkin_save(app_store(app), &ci, 1, NULL, app_now(app), err, sizeof err);
    }
    if (rc != STORE_OK) {
        app_status(app, "Not saved: %s", err);
        return 0;
    }
    checkin_describe(&ci, line, sizeof line);
    app_status(app, "Checked in: %s.", line);
    return 1;
}

static int save_weekly(struct app *app, struct checkin_screen *c)
{
    char err[STORE_ERR_LEN], line[200];
    if (c->v[0] == UNSET || c->v[1] == UNSET || c->v[2] == UNSET) {
        app_status(app, "Answer all three questions (Left/Right), then Enter.");
        return 0;
    }
    struct weekly w = {.taken_at = app_now(app), .pain = c->v[0], .enjoyment = c->v[1],
                       .activity = c->v[2]};
    if (store_weekly_add(app_store(app), &w, app_now(app), err, sizeof err) != STORE_OK) {
        app_status(app, "Not saved: %s", err);
        return 0;
    }
    weekly_describe(&w, line, sizeof line);
    app_status(app, "Saved: %s.", line);
    return 1;
}

static int checkin_handle(struct app *app, struct screen *s, const struct ui_key *key,
                          enum action act)
{
    (void)key;
    struct checkin_screen *c = s->data;
    switch (act) {
    case ACT_BACK: return UI_POP;
    case ACT_UP: c->row = c->row > 0 ? c->row - 1 : 0; break;
    case ACT_DOWN: c->row = c->row + 1 < c->nrows ? c->row + 1 : c->row; break;
    case ACT_LEFT: step(c, -1); break;
    case ACT_RIGHT: step(c, 1); break;
    case ACT_DELETE:
        if (!c->weekly && c->row > 0)
            c->v[c->row] = UNSET;
        break;
    case ACT_SAVE:
        if (c->weekly ? save_weekly(app, c) : save_daily(app, c))
            return UI_POP;
        break;
    default: break;
    }
    return UI_OK;
}

static const struct screen_ops screen_checkin = {
    .title = "Check-in",
    .keys = checkin_keys,
    .enter = checkin_enter,
    .draw = checkin_draw,
    .handle = checkin_handle,
};

int screen_checkin_open(struct app *app, int weekly)
{
    struct checkin_screen *c = app_alloc(app, sizeof *c);
    if (!c)
        return -1;
    c->weekly = weekly != 0;
    return app_push(app, &screen_checkin, c);
}
