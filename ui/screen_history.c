/* SPDX-License-Identifier: BSD-2-Clause */
/* history: every episode, newest first, and one episode in full.
 *
 * The list may hold any number of episodes, so only a window of about
 * three screens of rows is in memory. It is filled from the store by
 * keyset pages (store_episodes_page) and slid a screen at a time when the
 * view leaves it. Positions are counted from the newest episode (0), so
 * the indicator reads "123/10000" at any depth without an OFFSET query.
 *
 * `/` opens a filter line at the bottom. While it is open the screen is in
 * its filter mode, whose keys leave every printable character (even `?`)
 * to the text field. Enter opens the episode screen (screen_episode.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/episode.h"
#include "src/episode_text.h"
#include "src/when.h"
#include "ui/textfield.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define FILTER_MAX 120     /* bytes of UTF-8 in the filter */
#define FETCH_CHUNK 16     /* episodes per store call: bounds the scratch (~10 kB each) */
#define WINDOW_SCREENS 3   /* rows kept in memory, in screens */
#define TRIGGERS_MAX 256   /* bytes of the joined triggers kept per row */
#define NOTE_PEEK_MAX 256  /* bytes of the first line of the notes kept per row */
/* Columns come and go with the width in one fixed order: below
 * FULL_COLS the duration is left out (the episode screen shows it), from
 * FULL_COLS every column of `unknot list`, from WIDE_COLS the notes, from
 * MED_COLS the medication after them. */
#define FULL_COLS 80
#define WIDE_COLS 120
#define MED_COLS 160
#define HINT_MAX 128       /* bytes of the filter line's key hints */

/* One line of the list: what it shows and the key it sorts by. */
struct hist_row {
    int64_t id, started_at, ended_at;
    int intensity;
    enum region region;
    enum side side;
    char triggers[TRIGGERS_MAX];
    char note[NOTE_PEEK_MAX];
    char meds[TRIGGERS_MAX];
};

struct history {
    struct hist_row *rows;   /* the window: rows[i] is at position base + i */
    size_t n, cap;
    int64_t base;
    int64_t cur, top;        /* the selected and the first shown position */
    int64_t total;           /* episodes matching the filter */
    struct episode *scratch; /* FETCH_CHUNK episodes, the store's output */
    char filter[FILTER_MAX + 1];
    struct textfield tf;     /* the filter line while it is open */
    int filtering;           /* 1: the filter line is open (filter_keys apply) */
    char err[STORE_ERR_LEN];
};


static const struct keybind history_keys[] = {
    KEYS_LIST_LINES("next (older) episode", "previous (newer) episode", "j/k move"),
    KEYS_LIST_PAGES,
    KEYS_LIST_ENDS("newest episode", "oldest episode"),
    KEYS_ENTER(ACT_SELECT, "show every field of the episode", "Enter open"),
    KB_BAR('e', ACT_EDIT, "e", "edit the episode", "e edit"),
    KB_BAR('x', ACT_END, "x", "end the episode (now or at a time), if ongoing", "x end"),
    KB_BAR('d', ACT_DELETE, "d", "delete the episode (asks first)", "d delete"),
    KB_BAR('/', ACT_FILTER, "/", "filter by text of notes, tags or region", "/ filter"),
    KB_BAR('v', ACT_VIEW, "v", "pictures: bar chart, calendar, counts, check-ins", "v charts"),
    KEYS_BACK("back to home", NULL),
    KEYS_HELP_HINT,
    KB_END,
};

/* `?` is text here, so help moves to F1 (the loop opens help for
 * ACT_HELP only; ACT_NONE in this table shadows the global `?`). */
static const struct keybind filter_keys[] = {
    KEYS_ENTER(ACT_SELECT, "apply the filter (empty: show every episode)", "Enter apply"),
    KB_BAR(KEY_ESC, ACT_BACK, "Esc", "cancel, keeping the filter as it was", "Esc cancel"),
    KEYS_TEXT_LINE,
    KB_END,
};

/* ---------------------------------------------------------------------
 * Text */

/* Copies at most size - 1 bytes of src, cut at a character boundary so a
 * clipped UTF-8 sequence never reaches the screen as garbage. */
static void copy_clipped(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size) {
        len = size - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* ---------------------------------------------------------------------
 * Rows */

static void row_from_episode(struct hist_row *r, const struct episode *ep)
{
    r->id = ep->id;
    r->started_at = ep->started_at;
    r->ended_at = ep->ended_at;
    r->intensity = ep->intensity;
    r->region = ep->region;
    r->side = ep->side;
    episode_text_tags(ep, TAG_TRIGGER, r->triggers, sizeof(r->triggers));
    episode_text_tags(ep, TAG_MEDICATION, r->meds, sizeof(r->meds));
    copy_clipped(r->note, sizeof(r->note), ep->note, strcspn(ep->note, "\n"));
}

static struct store_page_key row_key(const struct hist_row *r)
{
    struct store_page_key k = {r->started_at, r->id};
    return k;
}

static struct episode_ref row_ref(const struct hist_row *r)
{
    struct episode_ref ref = {r->id, r->started_at, r->ended_at, r->region, r->intensity};
    return ref;
}

/* ---------------------------------------------------------------------
 * The window of rows */

/* The list's rows on screen: a line of totals and the column heads above,
 * the hint (or filter) line below. */
static int list_y0(void)
{
    return ui_body_top() + 2;
}

static int64_t list_rows(void)
{
    int n = ui_body_bottom() - 1 - list_y0() + 1;
    return n > 1 ? n : 1;
}

static size_t window_max(void)
{
    return (size_t)(WINDOW_SCREENS * list_rows());
}

static const char *filter_arg(const struct history *h)
{
    return h->filter[0] ? h->filter : NULL;
}

/* Room for the window plus one screen being fetched; it only grows (the
 * terminal may shrink and grow again). */
static int win_reserve(struct history *h)
{
    size_t need = window_max() + (size_t)list_rows();
    if (h->cap >= need)
        return 0;
    struct hist_row *r = realloc(h->rows, need * sizeof(*r));
    if (!r) {
        snprintf(h->err, sizeof(h->err), "out of memory");
        return -1;
    }
    h->rows = r;
    h->cap = need;
    return 0;
}

/* Reads up to want rows from after (NULL: from that end) in `order` into
 * dst, FETCH_CHUNK episodes per store call. */
static int fetch(struct app *app, struct history *h, const struct store_page_key *after,
                 enum store_order order, size_t want, struct hist_row *dst, size_t *got)
{
    struct store_page_key k;
    *got = 0;
    while (*got < want) {
        size_t ask = want - *got < FETCH_CHUNK ? want - *got : FETCH_CHUNK, n = 0;
        if (store_episodes_page(app_store(app), filter_arg(h), after, order, ask, h->scratch,
                                &n, h->err, sizeof(h->err)) != STORE_OK)
            return -1;
        for (size_t i = 0; i < n; i++)
            row_from_episode(&dst[*got + i], &h->scratch[i]);
        *got += n;
        if (n < ask)
            break;
        k = row_key(&dst[*got - 1]);
        after = &k;
    }
    return 0;
}

static void rows_reverse(struct hist_row *r, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct hist_row t = r[i];
        r[i] = r[n - 1 - i];
        r[n - 1 - i] = t;
    }
}

/* Keeps the cursor in the list and on screen, and the screen full. */
static void clamp(struct history *h)
{
    int64_t rows = list_rows();
    if (h->total <= 0) {
        h->cur = h->top = 0;
        return;
    }
    if (h->cur >= h->total)
        h->cur = h->total - 1;
    if (h->cur < 0)
        h->cur = 0;
    if (h->top > h->cur)
        h->top = h->cur;
    if (h->top < h->cur - rows + 1)
        h->top = h->cur - rows + 1;
    if (h->top > h->total - rows)
        h->top = h->total - rows;
    if (h->top < 0)
        h->top = 0;
}

/* Slides the window a screen towards the oldest. At the end the count
 * is corrected: the file may have changed since it was taken. */
static int win_down(struct app *app, struct history *h)
{
    size_t want = (size_t)list_rows(), got = 0, max = window_max();
    struct store_page_key k = row_key(&h->rows[h->n - 1]);
    if (win_reserve(h) != 0 || fetch(app, h, &k, STORE_NEWEST_FIRST, want, h->rows + h->n,
                                     &got) != 0)
        return -1;
    h->n += got;
    if (got < want)
        h->total = h->base + (int64_t)h->n;
    if (h->n > max) {
        size_t drop = h->n - max;
        memmove(h->rows, h->rows + drop, (h->n - drop) * sizeof(*h->rows));
        h->n -= drop;
        h->base += (int64_t)drop;
    }
    return 0;
}

/* Slides the window a screen towards the newest. Reaching the newest
 * renumbers the list from 0 if episodes came or went above meanwhile. */
static int win_up(struct app *app, struct history *h)
{
    size_t want = (size_t)list_rows(), got = 0, max = window_max();
    struct store_page_key k = row_key(&h->rows[0]);
    if (win_reserve(h) != 0)
        return -1;
    memmove(h->rows + want, h->rows, h->n * sizeof(*h->rows));
    if (fetch(app, h, &k, STORE_OLDEST_FIRST, want, h->rows, &got) != 0) {
        memmove(h->rows, h->rows + want, h->n * sizeof(*h->rows));
        return -1;
    }
    rows_reverse(h->rows, got);
    if (got < want)
        memmove(h->rows + got, h->rows + want, h->n * sizeof(*h->rows));
    h->n = h->n + got > max ? max : h->n + got;
    h->base -= (int64_t)got;
    if (got < want && h->base != 0) {
        int64_t shift = h->base;
        h->base = 0;
        h->cur -= shift;
        h->top -= shift;
        h->total -= shift;
    }
    return 0;
}

/* Makes the window hold every row on screen, fetching as needed. */
static int win_cover(struct app *app, struct history *h)
{
    for (;;) {
        clamp(h);
        if (h->total == 0 || h->n == 0)
            return 0;
        int64_t last = h->top + list_rows() - 1;
        if (last > h->total - 1)
            last = h->total - 1;
        int rc = 0;
        if (h->top < h->base)
            rc = win_up(app, h);
        else if (last >= h->base + (int64_t)h->n)
            rc = win_down(app, h);
        else
            return 0;
        if (rc != 0)
            return -1;
    }
}

static int count(struct app *app, struct history *h)
{
    return store_episode_count_filtered(app_store(app), filter_arg(h), &h->total, h->err,
                                        sizeof(h->err)) == STORE_OK ? 0 : -1;
}

/* Fills the window from one end of the list, the cursor on that end. */
static int win_load_end(struct app *app, struct history *h, int oldest)
{
    size_t got = 0;
    h->n = 0;
    h->base = 0;
    if (count(app, h) != 0 || win_reserve(h) != 0)
        return -1;
    if (h->total > 0 &&
        fetch(app, h, NULL, oldest ? STORE_OLDEST_FIRST : STORE_NEWEST_FIRST,
              (size_t)list_rows(), h->rows, &got) != 0)
        return -1;
    if (oldest)
        rows_reverse(h->rows, got);
    h->n = got;
    h->base = oldest && h->total > (int64_t)got ? h->total - (int64_t)got : 0;
    h->cur = oldest ? h->base + (int64_t)got - 1 : 0;
    h->top = h->cur;
    return win_cover(app, h);
}

/* Fills the window from the episode with key k (or, when it is gone, the
 * next older one), drawn `offset` rows below the top as it was before. */
static int win_load_at(struct app *app, struct history *h, struct store_page_key k,
                       int64_t offset)
{
    size_t got = 0;
    /* (started_at, id) < (s, id + 1) includes the key's own row. */
    struct store_page_key from = {k.started_at, k.id < INT64_MAX ? k.id + 1 : k.id};
    h->n = 0;
    h->base = 0;
    if (count(app, h) != 0 || win_reserve(h) != 0)
        return -1;
    if (h->total > 0 &&
        fetch(app, h, &from, STORE_NEWEST_FIRST, (size_t)list_rows(), h->rows, &got) != 0)
        return -1;
    if (got == 0)
        return win_load_end(app, h, 1);
    if (store_episode_rank(app_store(app), filter_arg(h), &k, &h->base, h->err,
                           sizeof(h->err)) != STORE_OK)
        return -1;
    h->n = got;
    h->cur = h->base;
    h->top = h->cur - offset;
    return win_cover(app, h);
}

static const struct hist_row *cur_row(const struct history *h)
{
    if (h->total == 0 || h->cur < h->base || h->cur >= h->base + (int64_t)h->n)
        return NULL;
    return &h->rows[h->cur - h->base];
}

/* Reads the list again around the selected episode, following it when
 * an edit moved it (a new start time). */
static int reload(struct app *app, struct history *h)
{
    const struct hist_row *r = cur_row(h);
    if (!r)
        return win_load_end(app, h, 0);
    struct store_page_key k = row_key(r);
    int64_t offset = h->cur - h->top;
    int rc = store_episode_get(app_store(app), r->id, &h->scratch[0], h->err, sizeof(h->err));
    if (rc == STORE_OK)
        k.started_at = h->scratch[0].started_at;
    else if (rc != STORE_NOT_FOUND)
        return -1;
    return win_load_at(app, h, k, offset);
}

static void report(struct app *app, const struct history *h, int rc)
{
    if (rc != 0)
        app_status(app, "Could not read the history: %s", h->err);
}

/* ---------------------------------------------------------------------
 * Drawing the list */

/* The columns of `unknot list` (episode_text), after one blank column for
 * the selection mark; the triggers take the rest, or make room for the
 * notes on a wide terminal. */
enum { X_MARK = 0, TRIGGERS_WIDE_W = 30, TRIGGERS_WIDEST_W = 40 };

/* 1 when column c shows at this width. */
static int col_shown(enum episode_col c)
{
    return c != EPISODE_COL_DURATION || COLS >= FULL_COLS;
}

static int col_x(enum episode_col c)
{
    int x = X_MARK + 1;
    for (int i = 0; i < (int)c; i++)
        if (col_shown((enum episode_col)i))
            x += episode_text_column((enum episode_col)i)->width + EPISODE_COL_GAP;
    return x;
}

/* The triggers' width when the notes follow them. */
static int triggers_wide_width(void)
{
    return COLS >= MED_COLS ? TRIGGERS_WIDEST_W : TRIGGERS_WIDE_W;
}

static int col_width(enum episode_col c)
{
    if (c != EPISODE_COL_TRIGGERS)
        return episode_text_column(c)->width;
    return COLS >= WIDE_COLS ? triggers_wide_width() : COLS - col_x(c) - 1;
}

static int x_notes(void)
{
    return col_x(EPISODE_COL_TRIGGERS) + triggers_wide_width() + EPISODE_COL_GAP;
}

/* The notes take the rest of the row, or three fifths of it when the
 * medication follows them. */
static int notes_width(void)
{
    int rest = COLS - 1 - x_notes();
    return COLS >= MED_COLS ? (rest - EPISODE_COL_GAP) * 3 / 5 : rest;
}

static int x_meds(void)
{
    return x_notes() + notes_width() + EPISODE_COL_GAP;
}

/* The notes and the medication, as wide as the terminal allows. */
static void draw_wide_cells(int y, const char *note, const char *meds, attr_t attr)
{
    if (COLS >= WIDE_COLS)
        ui_put(y, x_notes(), notes_width(), note, attr);
    if (COLS >= MED_COLS)
        ui_put(y, x_meds(), COLS - 1 - x_meds(), meds, attr);
}

static void draw_info(const struct history *h)
{
    int y = ui_body_top();
    char pos[64];
    int len = snprintf(pos, sizeof(pos), "%" PRId64 "/%" PRId64, h->total ? h->cur + 1 : 0,
                       h->total);
    int x_pos = COLS - 1 - len;
    if (h->filter[0])
        ui_putf(y, 1, x_pos - 3, A_BOLD, "Filter \"%s\": %" PRId64 " matching, newest first",
                h->filter, h->total);
    else
        ui_putf(y, 1, x_pos - 3, A_BOLD, "%" PRId64 " episode%s, newest first", h->total,
                h->total == 1 ? "" : "s");
    ui_put(y, x_pos, len, pos, A_BOLD);
}

/* Draws one row of cells, each clipped to its column. */
static void draw_cells(int y, const char *const cells[EPISODE_COL_COUNT], const attr_t attrs[])
{
    for (int c = 0; c < EPISODE_COL_COUNT; c++) {
        enum episode_col col = (enum episode_col)c;
        const struct episode_column *ec = episode_text_column(col);
        if (!col_shown(col))
            continue;
        if (ec->right)
            ui_putf(y, col_x(col), col_width(col), attrs[c], "%*s", ec->width, cells[c]);
        else
            ui_put(y, col_x(col), col_width(col), cells[c], attrs[c]);
    }
}

static void draw_heads(void)
{
    int y = ui_body_top() + 1;
    const char *heads[EPISODE_COL_COUNT];
    attr_t attrs[EPISODE_COL_COUNT];
    for (int c = 0; c < EPISODE_COL_COUNT; c++) {
        heads[c] = episode_text_column((enum episode_col)c)->head;
        attrs[c] = A_BOLD | A_UNDERLINE;
    }
    draw_cells(y, heads, attrs);
    draw_wide_cells(y, "NOTES", "MEDICATION", A_BOLD | A_UNDERLINE);
}

static void draw_row(const struct hist_row *r, int y, int selected)
{
    char id[24], start[WHEN_FMT_LEN], dur[EPISODE_TEXT_DUR_MAX], level[EPISODE_TEXT_LEVEL_MAX];
    char where[EPISODE_TEXT_WHERE_MAX];
    attr_t a = selected ? ui_attr(UC_SELECTED) : A_NORMAL;
    if (selected) {
        attron(a);
        mvhline(y, 0, ' ', COLS);
        attroff(a);
    }
    snprintf(id, sizeof(id), "%" PRId64, r->id);
    when_format(r->started_at, start, sizeof(start));
    episode_text_duration(r->started_at, r->ended_at, dur, sizeof(dur));
    episode_text_level(r->intensity, level, sizeof(level));
    episode_text_where(r->region, r->side, where, sizeof(where));
    const char *const cells[EPISODE_COL_COUNT] = {id, start, dur, level, where, r->triggers};
    const attr_t attrs[EPISODE_COL_COUNT] = {a, a, a, ui_band_attr(r->intensity) | a, a, a};
    /* The mark keeps the selection visible where reverse video is lost. */
    ui_put(y, X_MARK, 1, selected ? ">" : " ", a);
    draw_cells(y, cells, attrs);
    draw_wide_cells(y, r->note, r->meds, a);
}

static void draw_rows(const struct history *h)
{
    int y = list_y0();
    for (int64_t i = 0; i < list_rows(); i++) {
        int64_t pos = h->top + i;
        if (pos >= h->total)
            break;
        if (pos >= h->base && pos < h->base + (int64_t)h->n)
            draw_row(&h->rows[pos - h->base], y + (int)i, pos == h->cur);
    }
}

static void draw_empty(const struct history *h)
{
    int y = list_y0() + 1;
    if (!h->filter[0]) {
        ui_put(y, 2, COLS - 4, "No episodes yet. Press n on home to log one.", A_NORMAL);
        return;
    }
    ui_putf(y, 2, COLS - 4, A_NORMAL, "No episode matches \"%s\".", h->filter);
    ui_put(y + 1, 2, COLS - 4, "Press / and Enter on an empty line to show every episode.",
           A_NORMAL);
}

static void draw_bottom(struct history *h)
{
    int y = ui_body_bottom();
    char hint[HINT_MAX] = "  ";
    if (!h->filtering) {
        ui_hint_line(y, 1, COLS - 2, history_keys, 0, ui_attr(UC_DIM));
        return;
    }
    ui_hint_text(filter_keys, 0, "  ", hint + 2, sizeof(hint) - 2);
    int hint_w = ui_width(hint);
    int x = 1 + ui_put(y, 1, 8, "Filter: ", A_BOLD);
    textfield_draw(&h->tf, y, x, COLS - x - hint_w - 1, A_UNDERLINE, 1);
    ui_put(y, COLS - hint_w - 1, hint_w, hint, ui_attr(UC_DIM));
}

/* Draws the window as the last handle, resume or resize left it: no I/O
 * here (tig's draw, too, gets lines already read). */
static void history_draw(struct app *app, struct screen *s)
{
    (void)app;
    struct history *h = s->data;
    draw_info(h);
    if (h->total == 0) {
        draw_empty(h);
    } else {
        draw_heads();
        draw_rows(h);
    }
    draw_bottom(h);
}

/* A new size shows more or fewer rows: the window follows it. */
static void history_resize(struct app *app, struct screen *s)
{
    struct history *h = s->data;
    report(app, h, win_cover(app, h));
}

/* ---------------------------------------------------------------------
 * Keys of the list */

static void move_by(struct app *app, struct history *h, int64_t rows, int page)
{
    h->cur += rows;
    if (page)
        h->top += rows; /* the view moves with the cursor, as in a pager */
    report(app, h, win_cover(app, h));
}

/* Acts on the selected episode: open, edit, end or delete it. */
static void act_on_row(struct app *app, struct history *h, enum action act)
{
    const struct hist_row *r = cur_row(h);
    if (!r) {
        app_status(app, "No episode is selected.");
        return;
    }
    struct episode_ref ref = row_ref(r); /* the window may be refilled meanwhile */
    int changed = 0;
    switch (act) {
    case ACT_SELECT: screen_episode_open(app, ref.id); break; /* resume reloads */
    case ACT_EDIT: screen_form_open(app, ref.id); break;
    case ACT_END: changed = screen_episode_end(app, &ref); break;
    case ACT_DELETE: changed = screen_episode_delete(app, &ref); break;
    default: break;
    }
    if (changed != 0)
        report(app, h, reload(app, h));
}

static void filter_open(struct app *app, struct screen *s)
{
    struct history *h = s->data;
    if (textfield_set(&h->tf, h->filter) != 0) {
        app_status(app, "Out of memory");
        return;
    }
    h->filtering = 1;
}

static int list_handle(struct app *app, struct screen *s, const struct ui_key *key,
                       enum action act)
{
    (void)key;
    struct history *h = s->data;
    switch (act) {
    case ACT_DOWN: move_by(app, h, 1, 0); break;
    case ACT_UP: move_by(app, h, -1, 0); break;
    case ACT_PGDN: move_by(app, h, list_rows(), 1); break;
    case ACT_PGUP: move_by(app, h, -list_rows(), 1); break;
    case ACT_TOP: report(app, h, win_load_end(app, h, 0)); break;
    case ACT_BOTTOM: report(app, h, win_load_end(app, h, 1)); break;
    case ACT_SELECT:
    case ACT_EDIT:
    case ACT_END:
    case ACT_DELETE: act_on_row(app, h, act); break;
    case ACT_FILTER: filter_open(app, s); break;
    case ACT_VIEW: screen_charts_open(app); break; /* resume reloads */
    case ACT_BACK: return UI_POP;
    default: break;
    }
    return UI_OK;
}

/* ---------------------------------------------------------------------
 * The filter line */

/* Takes the typed text without surrounding blanks; nothing left clears
 * the filter. The list starts again at the newest match. */
static void filter_apply(struct app *app, struct history *h)
{
    char text[FILTER_MAX + 1];
    textfield_get(&h->tf, text, sizeof(text));
    size_t lead = strspn(text, " \t");
    size_t len = strlen(text + lead);
    while (len > 0 && (text[lead + len - 1] == ' ' || text[lead + len - 1] == '\t'))
        len--;
    snprintf(h->filter, sizeof(h->filter), "%.*s", (int)len, text + lead);
    if (win_load_end(app, h, 0) != 0) {
        report(app, h, -1);
        return;
    }
    if (!h->filter[0])
        app_status(app, "Filter cleared: every episode shows.");
    else
        app_status(app, "%" PRId64 " episode%s \"%s\".", h->total,
                    h->total == 1 ? " matches" : "s match", h->filter);
}

static int filter_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    struct history *h = s->data;
    switch (act) {
    case ACT_SELECT:
        h->filtering = 0;
        filter_apply(app, h);
        break;
    case ACT_BACK: h->filtering = 0; break;
    case ACT_HELP: break;
    default:
        if (textfield_key(&h->tf, key) == TF_FULL)
            app_status(app, "The filter takes at most %d bytes.", FILTER_MAX);
    }
    return UI_OK;
}

/* ---------------------------------------------------------------------
 * The list's life */

static int history_enter(struct app *app, struct screen *s)
{
    struct history *h = calloc(1, sizeof(*h));
    s->data = h;
    if (h)
        h->scratch = malloc(FETCH_CHUNK * sizeof(*h->scratch));
    if (!h || !h->scratch) {
        app_status(app, "Out of memory");
        return -1;
    }
    textfield_init(&h->tf, FILTER_MAX);
    if (win_load_end(app, h, 0) != 0) {
        report(app, h, -1);
        return -1;
    }
    return 0;
}

/* Back from the episode, the form or the help: anything may have changed. */
static void history_resume(struct app *app, struct screen *s)
{
    struct history *h = s->data;
    report(app, h, reload(app, h));
}

static void history_leave(struct app *app, struct screen *s)
{
    (void)app;
    struct history *h = s->data;
    if (h) {
        textfield_free(&h->tf);
        free(h->rows);
        free(h->scratch);
        free(h);
    }
    s->data = NULL;
}

/* While the filter line is open only the keys (and the bottom line)
 * differ: every printable key is text then. */
static const struct screen_mode list_mode = {"History", history_keys};
static const struct screen_mode filter_mode = {"History: filter", filter_keys};

static const struct screen_mode *history_mode(const struct screen *s)
{
    const struct history *h = s->data;
    return h && h->filtering ? &filter_mode : &list_mode;
}

static int history_handle(struct app *app, struct screen *s, const struct ui_key *key,
                          enum action act)
{
    const struct history *h = s->data;
    return h->filtering ? filter_handle(app, s, key, act) : list_handle(app, s, key, act);
}

static const struct screen_ops history_ops = {
    .mode = history_mode,
    .enter = history_enter,
    .draw = history_draw,
    .handle = history_handle,
    .leave = history_leave,
    .resume = history_resume,
    .resize = history_resize,
};

int screen_history_open(struct app *app)
{
    return app_push(app, &history_ops, NULL);
}

