/* SPDX-License-Identifier: BSD-2-Clause */
/* flags: every flag in full, what `unknot flags` prints (the warning in
 * force first, then each flag's title, advice, note and episodes), as a
 * list the patient scrolls; the episodes behind a flag are its selectable
 * rows and Enter opens one (screen_episode.c). Home shows only what fits
 * and sends here with f for the rest.
 *
 * The text is laid out into rows once per load or resize (wrapped to the
 * width), so draw does no I/O and no wrapping. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/flags.h"
#include "src/gate.h"
#include "src/redflags.h"
#include "src/when.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

/* Rows the layout holds: a warning and FLAG_MAX flags of a dozen episodes
 * take about 120 at 80 columns. Only a terminal far too narrow to draw on
 * (the loop shows "too small" then) could fill it; the rest is cut. */
#define ROWS_MAX 400
#define ROW_OWN 64     /* bytes of a row's own text (an episode's line) */
#define ADVICE_MAX 512 /* bytes of the warning's advice, reflowed */

/* One row of the layout: a piece of text that stays put in the screen's
 * data (the flags, the warning), or the row's own. */
struct row {
    const char *text;
    size_t len;
    int x;
    attr_t attr;
    int64_t episode; /* > 0: a selectable row, Enter opens this episode */
    int head;        /* the first row of its flag (or warning): shown with it */
    char own[ROW_OWN];
};

struct flagscr {
    struct flags flags;
    struct warnsign_state warn;
    int warned;
    char source[HISTORY_SOURCE_LEN];
    char advice[ADVICE_MAX];
    struct row rows[ROWS_MAX];
    int nrows;
    int cur; /* the selected row (an episode's), or -1 when there is none */
    int top; /* the first row shown */
    char err[STORE_ERR_LEN];
};

static const struct keybind flags_keys[] = {
    KEYS_LIST_LINES("next episode", "previous episode", "j/k move"),
    KEYS_LIST_PAGES,
    KEYS_LIST_ENDS("first flag", "last flag"),
    KEYS_ENTER(ACT_SELECT, "open the selected episode", "Enter open"),
    KEYS_BACK("back to home", "q back"),
    KEYS_HELP_HINT,
    KB_END,
};

/* ---------------------------------------------------------------------
 * Layout */

/* The rows of the list: a heading above, the key line and the not-advice
 * line below. */
static int view_y0(void)
{
    return ui_body_top() + 2;
}

static int view_rows(void)
{
    int n = ui_body_bottom() - 2 - view_y0() + 1;
    return n > 1 ? n : 1;
}

static struct row *row_add(struct flagscr *d, int x, attr_t attr, int head)
{
    if (d->nrows == ROWS_MAX)
        return NULL;
    struct row *r = &d->rows[d->nrows++];
    memset(r, 0, sizeof(*r));
    r->text = r->own;
    r->x = x;
    r->attr = attr;
    r->head = head;
    return r;
}

/* Adds text wrapped at the screen's width from column x, a row per line
 * (a '\n' breaks one too). */
static void rows_wrapped(struct flagscr *d, const char *text, int x, attr_t attr, int head)
{
    int width = COLS - x - 1;
    for (const char *t = text; *t;) {
        size_t line = strcspn(t, "\n");
        const char *end = t + line;
        while (t < end) {
            size_t n = ui_fit_bytes(t, (size_t)(end - t), width);
            struct row *r = row_add(d, x, attr, head);
            if (!r)
                return;
            r->text = t;
            r->len = n;
            t += n;
            while (t < end && *t == ' ')
                t++;
        }
        t = *end ? end + 1 : end;
    }
}

static void row_episode(struct flagscr *d, int64_t id, int64_t started_at, int head)
{
    char at[WHEN_FMT_LEN];
    struct row *r = row_add(d, 4, A_NORMAL, head);
    if (!r)
        return;
    when_format(started_at, at, sizeof(at));
    snprintf(r->own, sizeof(r->own), "episode %" PRId64 ", started %s", id, at);
    r->len = strlen(r->own);
    r->episode = id;
}

static attr_t verdict_attr(enum redflag_level lv)
{
    return (lv == REDFLAG_EMERGENCY ? ui_attr(UC_EMERGENCY) : ui_attr(UC_URGENT)) | A_BOLD;
}

static attr_t flag_attr(enum flag_level lv)
{
    return lv == FLAG_LEVEL_URGENT ? ui_attr(UC_URGENT)
           : lv == FLAG_LEVEL_INFO ? A_BOLD
                                   : ui_attr(UC_MODERATE);
}

/* The warning in force, as home and `unknot flags` show it first. */
static void layout_warning(struct flagscr *d)
{
    int head = d->nrows;
    rows_wrapped(d, redflag_level_title(d->warn.level), 1, verdict_attr(d->warn.level), head);
    rows_wrapped(d, d->source, 3, A_BOLD, head);
    rows_wrapped(d, d->advice, 3, A_NORMAL, head);
    if (d->warn.sign)
        row_episode(d, d->warn.episode_id, d->warn.episode_started_at, head);
    row_add(d, 0, A_NORMAL, head);
}

static void layout_flag(struct flagscr *d, const struct flag *f)
{
    int head = d->nrows;
    rows_wrapped(d, f->title, 1, flag_attr(f->level), head);
    rows_wrapped(d, f->advice, 3, A_NORMAL, head);
    rows_wrapped(d, f->note, 3, ui_attr(UC_DIM), head);
    for (size_t i = 0; i < f->nrefs; i++)
        row_episode(d, f->refs[i].id, f->refs[i].started_at, head);
    if (f->total > f->nrefs) {
        struct row *r = row_add(d, 4, ui_attr(UC_DIM), head);
        if (r) {
            snprintf(r->own, sizeof(r->own), "and %zu earlier (l on home: the history)",
                     f->total - f->nrefs);
            r->len = strlen(r->own);
        }
    }
    row_add(d, 0, A_NORMAL, head);
}

static void layout(struct flagscr *d)
{
    size_t n = flags_count(&d->flags);
    d->nrows = 0;
    if (d->warned)
        layout_warning(d);
    if (n == 0) {
        struct row *r = row_add(d, 1, d->warned ? A_NORMAL : ui_attr(UC_OK), d->nrows);
        if (r) {
            snprintf(r->own, sizeof(r->own), "No flags.");
            r->len = strlen(r->own);
        }
    }
    for (size_t i = 0; i < n; i++)
        layout_flag(d, flags_at(&d->flags, i));
}

/* ---------------------------------------------------------------------
 * The selection and the view */

/* The next selectable row from `from` on in direction step (+1, -1), or -1. */
static int find_episode(const struct flagscr *d, int from, int step)
{
    for (int i = from; i >= 0 && i < d->nrows; i += step)
        if (d->rows[i].episode > 0)
            return i;
    return -1;
}

static void clamp_top(struct flagscr *d)
{
    int max = d->nrows - view_rows();
    if (d->top > max)
        d->top = max;
    if (d->top < 0)
        d->top = 0;
}

/* Scrolls so the selected row shows, with its flag's title when the two
 * fit on the screen together. */
static void show_cur(struct flagscr *d)
{
    if (d->cur >= 0) {
        int head = d->rows[d->cur].head, rows = view_rows();
        if (d->cur - head < rows && head < d->top)
            d->top = head;
        if (d->cur < d->top)
            d->top = d->cur;
        if (d->cur >= d->top + rows)
            d->top = d->cur - rows + 1;
    }
    clamp_top(d);
}

static int cur_shown(const struct flagscr *d)
{
    return d->cur >= 0 && d->cur >= d->top && d->cur < d->top + view_rows();
}

/* j / k: the next or previous episode; past the first or the last, the
 * text above or below it scrolls into view. */
static void move_line(struct flagscr *d, int step)
{
    int next = d->cur >= 0 ? find_episode(d, d->cur + step, step) : -1;
    if (next >= 0) {
        d->cur = next;
        show_cur(d);
        return;
    }
    d->top += step;
    clamp_top(d);
}

/* A page: the view moves, and the selection to the first episode shown. */
static void move_page(struct flagscr *d, int pages)
{
    d->top += pages * view_rows();
    clamp_top(d);
    int first = find_episode(d, d->top, 1);
    if (first >= 0 && first < d->top + view_rows())
        d->cur = first;
}

static void move_end(struct flagscr *d, int bottom)
{
    int at = bottom ? find_episode(d, d->nrows - 1, -1) : find_episode(d, 0, 1);
    if (at >= 0)
        d->cur = at;
    d->top = bottom ? d->nrows : 0;
    clamp_top(d);
}

/* ---------------------------------------------------------------------
 * Loading */

/* Lays the rows out again, the selection kept on the same episode when it
 * is still there (else the nearest row), the view where it was. */
static void relayout(struct flagscr *d)
{
    int64_t id = d->cur >= 0 ? d->rows[d->cur].episode : 0;
    int old = d->cur;
    layout(d);
    d->cur = -1;
    for (int i = 0; id > 0 && i < d->nrows && d->cur < 0; i++)
        if (d->rows[i].episode == id)
            d->cur = i;
    if (d->cur < 0)
        d->cur = find_episode(d, old > 0 ? (old < d->nrows ? old : d->nrows - 1) : 0, 1);
    if (d->cur < 0)
        d->cur = find_episode(d, d->nrows - 1, -1);
    show_cur(d);
}

/* Reads the flags and the warning in force at now. On a store error the
 * status line says so; what was read stays shown. */
static int load(struct app *app, struct flagscr *d)
{
    struct store *st = app_store(app);
    int64_t now = app_now(app);
    int rc = history_flags(st, now, &d->flags, d->err, sizeof(d->err));
    if (rc == STORE_OK)
        rc = history_warning(st, now, &d->warn, d->err, sizeof(d->err));
    if (rc != STORE_OK) {
        app_status(app, "Could not read the flags: %s", d->err);
        return -1;
    }
    d->warned = history_warning_in_force(&d->warn);
    history_warning_source(&d->warn, d->source, sizeof(d->source));
    gate_reflow(redflag_level_advice(d->warn.level), d->advice, sizeof(d->advice));
    relayout(d);
    return 0;
}

/* ---------------------------------------------------------------------
 * Drawing */

static void draw_heading(const struct flagscr *d)
{
    size_t n = flags_count(&d->flags);
    int y = ui_body_top();
    if (n == 0)
        ui_put(y, 1, COLS - 2,
               d->warned ? "The warning in force; no flags"
                         : "Flags computed from the whole history",
               A_BOLD);
    else
        ui_putf(y, 1, COLS - 2, A_BOLD, "%s%zu flag%s, most pressing first",
                d->warned ? "The warning in force, then " : "", n, n == 1 ? "" : "s");
}

static void draw_row(const struct row *r, int y, int selected)
{
    attr_t a = r->attr;
    if (selected) {
        a = ui_attr(UC_SELECTED);
        attron(a);
        mvhline(y, 0, ' ', COLS);
        attroff(a);
        ui_put(y, 0, 1, ">", a); /* where reverse video is lost */
    }
    ui_putf(y, r->x, COLS - r->x - 1, a, "%.*s", (int)r->len, r->text);
}

static void flags_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct flagscr *d = s->data;
    draw_heading(d);
    int y = view_y0();
    for (int i = d->top; i < d->nrows && i < d->top + view_rows(); i++)
        draw_row(&d->rows[i], y++, i == d->cur);
    int bottom = ui_body_bottom();
    ui_hint_line(bottom - 1, 1, COLS - 2, flags_keys, 0, ui_attr(UC_DIM));
    if (d->warned)
        ui_put(bottom, 2, COLS - 4, HISTORY_NOT_ADVICE_SHORT, ui_attr(UC_DIM));
    else
        ui_put_not_advice(bottom);
}

/* ---------------------------------------------------------------------
 * Keys and life */

static void open_cur(struct app *app, const struct flagscr *d)
{
    if (!cur_shown(d)) {
        app_status(app, "No episode is selected: j and k move to one.");
        return;
    }
    screen_episode_open(app, d->rows[d->cur].episode); /* resume reads again */
}

static int flags_handle(struct app *app, struct screen *s, const struct ui_key *key,
                        enum action act)
{
    (void)key;
    struct flagscr *d = s->data;
    switch (act) {
    case ACT_DOWN: move_line(d, 1); break;
    case ACT_UP: move_line(d, -1); break;
    case ACT_PGDN: move_page(d, 1); break;
    case ACT_PGUP: move_page(d, -1); break;
    case ACT_TOP: move_end(d, 0); break;
    case ACT_BOTTOM: move_end(d, 1); break;
    case ACT_SELECT: open_cur(app, d); break;
    case ACT_BACK: return UI_POP;
    default: break;
    }
    return UI_OK;
}

static int flags_enter(struct app *app, struct screen *s)
{
    struct flagscr *d = s->data;
    d->cur = -1;
    return load(app, d);
}

/* Back from an episode (edited, ended or deleted there, perhaps). */
static void flags_resume(struct app *app, struct screen *s)
{
    load(app, s->data);
}

/* The rows wrap at the width: lay them out again for the new one. */
static void flags_resize(struct app *app, struct screen *s)
{
    (void)app;
    relayout(s->data);
}

static const struct screen_ops flags_ops = {
    .title = "Flags",
    .keys = flags_keys,
    .enter = flags_enter,
    .draw = flags_draw,
    .handle = flags_handle,
    .resume = flags_resume,
    .resize = flags_resize,
};

int screen_flags_open(struct app *app)
{
    struct flagscr *d = app_alloc(app, sizeof(*d));
    if (!d)
        return -1;
    return app_push(app, &flags_ops, d);
}
