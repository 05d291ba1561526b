/* SPDX-License-Identifier: BSD-2-Clause */
/* charts: the history as pictures, opened from the list with `v`.
 *
 * Three views, `v` going on to the next and from the last back to the
 * list: the daily peak intensity as a bar chart (30 or 90 days, `t`), a
 * calendar heat map of the last 12 weeks (weeks as columns, Monday on
 * top), and counts by region, trigger and relief. The numbers come from
 * src/chart.c; the episodes are read once, on entering and on coming back
 * from the help, with the store's iterator (memory stays flat: one
 * episode at a time into fixed tables).
 *
 * Every band has its own fill as well as its colour, so the pictures read
 * the same without colour; a wider or taller terminal gets wider bars, a
 * finer vertical scale, the number over each bar, bigger calendar cells
 * with the day of the month in them, and the counts side by side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/chart.h"
#include "src/episode.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define PERIOD_SHORT 30   /* days of the bar chart and counts, `t` toggles */
#define PERIOD_LONG 90
#define LEVEL_MAX EPISODE_INTENSITY_MAX /* top of the intensity scale */
#define ROWS_PER_LEVEL_MAX 3
#define HEAT_PITCH_MAX 10 /* columns per week in the calendar, gap included */
#define HEAT_ROWS_MAX 4   /* rows per weekday in the calendar, gap included */
#define LABEL_X 1         /* the y axis or weekday labels */
#define PLOT_X 6          /* first column of bars or cells (one free before it for '[') */
#define WIDE_COLS 120     /* from this width the counts stand side by side */
#define DATE_LEN 32
#define COUNT_BAR_MIN 10  /* columns a count and its bar keep beside the label */

enum view { VIEW_BARS, VIEW_HEAT, VIEW_COUNTS, VIEW_CHECKINS, VIEW_COUNT };

/* The calendar's mark of a day with a daily check-in (ASCII: it shows on
 * every terminal, and over a filled cell too). */
#define CHECKIN_MARK "+"

struct charts {
    enum view view;
    int long_period;          /* 1: the last 90 days, 0: the last 30 */
    struct chart shortc, longc, heat;
    struct weekly_trend weeks; /* the check-ins view */
    struct episode ep;        /* the store's output, one row at a time */
    char err[STORE_ERR_LEN];
};

static const struct keybind charts_keys[] = {
    KB_BAR('v', ACT_VIEW, "v", "next view; after the check-ins, back to the list",
           "v next view (then the list)"),
    KB_BAR('l', ACT_RIGHT, "l / Right", "next view", "h/l switch"),
    KB_ALSO(KEY_RIGHT, ACT_RIGHT),
    KB_ALSO('\t', ACT_RIGHT),
    KB('h', ACT_LEFT, "h / Left", "previous view"),
    KB_ALSO(KEY_LEFT, ACT_LEFT),
    KB_ALSO(KEY_BTAB, ACT_LEFT),
    KB_BAR('t', ACT_TOGGLE, "t", "last 30 or last 90 days (bar chart and counts)",
           "t 30/90 days"),
    KEYS_BACK("back to the list", "q back"),
    KEYS_HELP_HINT("? keys"),
    KB_END,
};

static const char *const view_names[VIEW_COUNT] = {"Bar chart", "Calendar", "Counts",
                                                   "Check-ins"};
static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const wday_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* ---------------------------------------------------------------------
 * Data */

static const struct chart *period_chart(const struct charts *c)
{
    return c->long_period ? &c->longc : &c->shortc;
}

/* The weekly scores of the last CHECKIN_TREND_WEEKS weeks (checkin.h's
 * trend: a week without a weekly check-in is not rated). */
static int load_weekly(struct app *app, struct charts *c)
{
    struct store_iter *it = NULL;
    struct weekly w;
    int64_t end = app_now(app) + 1, from = end - CHECKIN_TREND_WEEKS * 7 * 86400LL;
    weekly_trend_begin(&c->weeks, from, end);
    int rc = store_weeklies_iter(app_store(app), from, end, STORE_OLDEST_FIRST, &it, c->err,
                                 sizeof(c->err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &w, c->err, sizeof(c->err))) == STORE_OK)
        weekly_trend_feed(&c->weeks, &w);
    store_iter_free(&it);
    return rc == STORE_END ? 0 : -1;
}

/* Marks the days with a daily check-in, in every window. */
static int load_checkins(struct app *app, struct charts *c)
{
    struct store_iter *it = NULL;
    struct checkin ci;
    int64_t from = c->longc.days[0].start < c->heat.days[0].start ? c->longc.days[0].start
                                                                  : c->heat.days[0].start;
    int rc = store_checkins_iter(app_store(app), from, c->longc.end, STORE_OLDEST_FIRST, &it,
                                 c->err, sizeof(c->err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &ci, c->err, sizeof(c->err))) == STORE_OK) {
        chart_feed_checkin(&c->shortc, &ci);
        chart_feed_checkin(&c->longc, &ci);
        chart_feed_checkin(&c->heat, &ci);
    }
    store_iter_free(&it);
    if (rc != STORE_END)
        return -1;
    return load_weekly(app, c);
}

/* Feeds every episode active in the longest window, with its pain
 * readings (history_chart): one begun long before it is there too. */
static int load(struct app *app, struct charts *c)
{
    int64_t now = app_now(app);
    struct chart *const all[] = {&c->shortc, &c->longc, &c->heat};
    chart_begin(&c->shortc, now, PERIOD_SHORT);
    chart_begin(&c->longc, now, PERIOD_LONG);
    chart_begin(&c->heat, now, chart_week_days(now, CHART_HEAT_WEEKS));
    int64_t from = c->longc.days[0].start;
    if (c->heat.days[0].start < from)
        from = c->heat.days[0].start;
    if (history_chart(app_store(app), all, 3, from, c->longc.end, &c->ep, c->err,
                      sizeof(c->err)) != STORE_OK)
        return -1;
    return load_checkins(app, c);
}

/* ---------------------------------------------------------------------
 * Shared pieces */

static void format_day(const struct chart_day *d, char *buf, size_t len)
{
    snprintf(buf, len, "%s %s %d", wday_names[d->wday % 7], month_names[(d->month + 11) % 12],
             d->mday);
}

/* "Feb 9 - Mar 10" */
static void format_range(const struct chart *ch, char *buf, size_t len)
{
    const struct chart_day *a = &ch->days[0], *b = &ch->days[ch->ndays - 1];
    snprintf(buf, len, "%s %d - %s %d", month_names[(a->month + 11) % 12], a->mday,
             month_names[(b->month + 11) % 12], b->mday);
}

/* The row of views, the current one in brackets (no colour needed). */
static void draw_tabs(const struct charts *c)
{
    int y = ui_body_top(), x = 1;
    for (int v = 0; v < VIEW_COUNT; v++) {
        char tab[32];
        int cur = (int)c->view == v;
        snprintf(tab, sizeof(tab), cur ? "[%s]" : " %s ", view_names[v]);
        x += ui_put(y, x, COLS - x - 1, tab, cur ? A_BOLD | A_REVERSE : A_NORMAL) + 1;
    }
    const char *period = c->view == VIEW_HEAT ? "last 12 weeks"
                         : c->long_period    ? "last 90 days (t: 30)"
                                             : "last 30 days (t: 90)";
    int w = ui_width(period);
    ui_put(y, COLS - w - 1, w, period, A_BOLD);
}

static void draw_hint(void)
{
    ui_hint_line(ui_body_bottom(), 1, COLS - 2, charts_keys, 0, ui_attr(UC_DIM));
}

enum axis_part { AX_V, AX_H, AX_CORNER, AX_LABEL, AX_TICK };

static const char *axis_glyph(enum axis_part which)
{
    static const char *const uni[] = {"\xE2\x94\x82", "\xE2\x94\x80", "\xE2\x94\x94",
                                      "\xE2\x94\xA4", "\xE2\x94\xAC"};
    /* No '+' but the corner: it is the moderate fill in ASCII. */
    static const char *const ascii[] = {"|", "-", "+", "|", "|"};
    return ui_unicode() ? uni[which] : ascii[which];
}

/* ---------------------------------------------------------------------
 * The bar chart: one column per day, or per few days when the terminal
 * is narrower than the period (each column then shows its highest day). */

struct bar_layout {
    int ndays;
    int dpc;    /* days per column */
    int ncols;
    int pitch;  /* columns per bar, gap included */
    int bw;     /* bar width */
    int first;  /* day index of column 0's first day (<= 0: the first is short) */
    int rpl;    /* rows per level */
    int y_base; /* bottom row of the bars */
};

static void bar_layout(const struct chart *ch, struct bar_layout *L)
{
    int width = COLS - PLOT_X - 2;
    L->ndays = ch->ndays;
    L->dpc = (ch->ndays + width - 1) / width;
    L->ncols = (ch->ndays + L->dpc - 1) / L->dpc;
    L->pitch = width / L->ncols;
    L->bw = L->pitch > 1 ? L->pitch - 1 : 1;
    L->first = ch->ndays - L->ncols * L->dpc;
    /* Below the bars: axis, day and month labels, a blank, the summary, a
     * blank, the legend, the hint. Above: the tabs, the title, a blank. */
    int top = ui_body_top() + 3, room = ui_body_bottom() - 8 - top + 1;
    L->rpl = room / LEVEL_MAX;
    if (L->rpl > ROWS_PER_LEVEL_MAX)
        L->rpl = ROWS_PER_LEVEL_MAX;
    if (L->rpl < 1)
        L->rpl = 1;
    L->y_base = top + LEVEL_MAX * L->rpl - 1;
}

static int col_x(const struct bar_layout *L, int col)
{
    return PLOT_X + col * L->pitch;
}

/* Day range [*a, *b) of a column, inside the window. */
static void col_days(const struct bar_layout *L, int col, int *a, int *b)
{
    *a = L->first + col * L->dpc;
    *b = *a + L->dpc;
    if (*a < 0)
        *a = 0;
    if (*b > L->ndays)
        *b = L->ndays;
}

static int col_peak(const struct chart *ch, const struct bar_layout *L, int col)
{
    int a, b, peak = CHART_NO_EPISODE;
    col_days(L, col, &a, &b);
    for (int d = a; d < b; d++)
        if (ch->days[d].peak > peak)
            peak = ch->days[d].peak;
    return peak;
}

/* The y axis: band starts labelled (1, 4, 7, 10), every level when the
 * scale has room. */
static void draw_y_axis(const struct bar_layout *L)
{
    for (int y = L->y_base - LEVEL_MAX * L->rpl + 1; y <= L->y_base; y++)
        ui_put(y, PLOT_X - 2, 1, axis_glyph(AX_V), ui_attr(UC_DIM));
    for (int level = 1; level <= LEVEL_MAX; level++) {
        if (L->rpl == 1 && level % 3 != 1)
            continue;
        int y = L->y_base - level * L->rpl + 1;
        ui_putf(y, LABEL_X, 3, A_NORMAL, "%2d", level);
        ui_put(y, PLOT_X - 2, 1, axis_glyph(AX_LABEL), ui_attr(UC_DIM));
    }
    ui_put(L->y_base + 1, LABEL_X, 3, " 0", A_NORMAL);
    ui_put(L->y_base + 1, PLOT_X - 2, 1, axis_glyph(AX_CORNER), ui_attr(UC_DIM));
    for (int x = PLOT_X - 1; x < col_x(L, L->ncols); x++)
        ui_put(L->y_base + 1, x, 1, axis_glyph(AX_H), ui_attr(UC_DIM));
}

static void draw_bars(const struct chart *ch, const struct bar_layout *L)
{
    for (int col = 0; col < L->ncols; col++) {
        int peak = col_peak(ch, L, col), x = col_x(L, col);
        ui_bar_column(L->y_base, x, L->bw, LEVEL_MAX * L->rpl, peak, LEVEL_MAX);
        if (peak >= 0 && L->bw >= 2) { /* room for the number over the bar */
            int rows = peak == 0 ? 1 : (peak * L->rpl * LEVEL_MAX + LEVEL_MAX - 1) / LEVEL_MAX;
            ui_putf(L->y_base - rows, x, L->bw, ui_band_attr(peak), "%*d", L->bw > 2 ? 2 : 1,
                    peak);
        }
    }
}

/* The day a column's label names: today for the last column; else a
 * Monday in it, or its first day when every day gets a label. -1: none. */
static int label_day(const struct chart *ch, const struct bar_layout *L, int col, int daily)
{
    int a, b;
    col_days(L, col, &a, &b);
    if (col == L->ncols - 1)
        return L->ndays - 1;
    if (daily)
        return a;
    for (int d = a; d < b; d++)
        if (ch->days[d].wday == 0)
            return d;
    return -1;
}

/* Day-of-month labels with a tick on the axis, placed from today
 * leftwards wherever one fits without touching the one to its right. */
static void draw_day_labels(const struct chart *ch, const struct bar_layout *L)
{
    int limit = COLS - 1, daily = L->dpc == 1 && L->pitch >= 3;
    for (int col = L->ncols - 1; col >= 0; col--) {
        int d = label_day(ch, L, col, daily), x = col_x(L, col);
        char num[8];
        if (d < 0)
            continue;
        int len = snprintf(num, sizeof(num), "%d", ch->days[d].mday);
        if (x + len > limit)
            continue;
        ui_put(L->y_base + 2, x, len, num, A_NORMAL);
        ui_put(L->y_base + 1, x, 1, axis_glyph(AX_TICK), ui_attr(UC_DIM));
        limit = x - 1;
    }
}

/* Month names under the column where a month begins, and under the first
 * column unless the next name leaves no room. */
static void draw_month_labels(const struct chart *ch, const struct bar_layout *L)
{
    int limit = COLS - 1;
    for (int col = L->ncols - 1; col >= 0; col--) {
        int a, b, month = -1;
        col_days(L, col, &a, &b);
        for (int d = a; d < b; d++)
            if (ch->days[d].mday == 1)
                month = ch->days[d].month;
        if (col == 0 && month < 0)
            month = ch->days[a].month;
        int x = col_x(L, col);
        if (month < 0 || x + 3 > limit)
            continue;
        ui_put(L->y_base + 3, x, 3, month_names[(month + 11) % 12], A_BOLD);
        limit = x - 1;
    }
}

/* "5 of 30 days had an episode; the highest, 8 (severe), on Sat Mar 7." */
static void draw_bar_summary(const struct chart *ch, int y)
{
    int days = 0, worst = -1;
    char when[DATE_LEN];
    for (int d = 0; d < ch->ndays; d++) {
        if (ch->days[d].peak < 0)
            continue;
        days++;
        if (worst < 0 || ch->days[d].peak >= ch->days[worst].peak)
            worst = d;
    }
    if (worst < 0) {
        ui_putf(y, 1, COLS - 2, A_NORMAL, "No episode in the last %d days.", ch->ndays);
        return;
    }
    format_day(&ch->days[worst], when, sizeof(when));
    int peak = ch->days[worst].peak;
    ui_putf(y, 1, COLS - 2, A_NORMAL, "%d of %d days had an episode; the highest, %d (%s), on %s.",
            days, ch->ndays, peak, band_label(intensity_band(peak)), when);
}

static void draw_bar_view(const struct charts *c)
{
    const struct chart *ch = period_chart(c);
    struct bar_layout L;
    char range[DATE_LEN * 2];
    bar_layout(ch, &L);
    format_range(ch, range, sizeof(range));
    ui_putf(ui_body_top() + 1, 1, COLS - 2, A_BOLD, "Highest pain reading of each day, %s", range);
    if (L.dpc > 1)
        ui_putf(ui_body_top() + 1, COLS / 2 + 10, COLS / 2 - 11, ui_attr(UC_DIM),
                "(a bar per %d days)", L.dpc);
    draw_y_axis(&L);
    draw_bars(ch, &L);
    draw_day_labels(ch, &L);
    draw_month_labels(ch, &L);
    draw_bar_summary(ch, L.y_base + 5);
    ui_band_legend(ui_body_bottom() - 2, 1, COLS - 2);
}

/* ---------------------------------------------------------------------
 * The calendar heat map: a column per week, Monday at the top; today's
 * cell in brackets. */

struct heat_layout {
    int pitch, cw; /* columns per week (gap included), cell width */
    int rp, ch;    /* rows per weekday (gap included), cell height */
    int y0;        /* first weekday row */
};

static void heat_layout(struct heat_layout *L)
{
    int top = ui_body_top() + 5, room = ui_body_bottom() - 6 - top + 1;
    L->pitch = (COLS - PLOT_X - 2) / CHART_HEAT_WEEKS;
    if (L->pitch > HEAT_PITCH_MAX)
        L->pitch = HEAT_PITCH_MAX;
    L->cw = L->pitch - 1;
    L->rp = room / 7;
    if (L->rp > HEAT_ROWS_MAX)
        L->rp = HEAT_ROWS_MAX;
    if (L->rp < 1)
        L->rp = 1;
    L->ch = L->rp > 1 ? L->rp - 1 : 1;
    L->y0 = top;
}

/* Whether the cells are big enough to carry their day of the month. */
static int heat_numbered(const struct heat_layout *L)
{
    return L->ch >= 2 && L->cw >= 4;
}

/* Over the first week of each month (and the first column) the month's
 * name; below it each week's Monday's day of the month, unless the cells
 * carry their own. */
static void draw_heat_months(const struct chart *ch, const struct heat_layout *L)
{
    for (int w = 0; w < CHART_HEAT_WEEKS && w * 7 < ch->ndays; w++) {
        const struct chart_day *mon = &ch->days[w * 7]; /* day 0 is a Monday */
        int x = PLOT_X + w * L->pitch;
        if (w == 0 || mon->month != ch->days[w * 7 - 7].month)
            ui_put(L->y0 - 2, x, L->pitch - 1, month_names[(mon->month + 11) % 12], A_BOLD);
        if (!heat_numbered(L))
            ui_putf(L->y0 - 1, x, L->pitch - 1, A_NORMAL, "%d", mon->mday);
    }
}

static void draw_heat_grid(const struct chart *ch, const struct heat_layout *L)
{
    int numbers = heat_numbered(L);
    for (int wd = 0; wd < 7; wd++)
        ui_put(L->y0 + wd * L->rp, LABEL_X, 3, wday_names[wd], A_NORMAL);
    for (int d = 0; d < ch->ndays; d++) {
        int w = d / 7, wd = d % 7; /* day 0 is a Monday (chart_week_days) */
        char num[8];
        snprintf(num, sizeof(num), "%d", ch->days[d].mday);
        ui_heat_cell(L->y0 + wd * L->rp, PLOT_X + w * L->pitch, L->cw, L->ch,
                     ch->days[d].peak, d == ch->ndays - 1, numbers ? num : NULL);
        if (ch->days[d].checked_in) /* in the cell's last column: its label stays */
            ui_put(L->y0 + wd * L->rp, PLOT_X + w * L->pitch + L->cw - 1, 1, CHECKIN_MARK,
                   A_BOLD);
    }
}

static void draw_heat_notes(const struct chart *ch, int y)
{
    const struct chart_day *today = &ch->days[ch->ndays - 1];
    char when[DATE_LEN];
    int days = 0;
    format_day(today, when, sizeof(when));
    if (today->peak < 0)
        ui_putf(y, 1, COLS - 2, A_NORMAL, "[ ] today, %s: no episode", when);
    else
        ui_putf(y, 1, COLS - 2, A_NORMAL, "[ ] today, %s: %d (%s)", when, today->peak,
                band_label(intensity_band(today->peak)));
    for (int d = 0; d < ch->ndays; d++)
        days += ch->days[d].peak >= 0;
    int checked = 0, free_days = 0;
    for (int d = 0; d < ch->ndays; d++) {
        checked += ch->days[d].checked_in;
        free_days += ch->days[d].checked_in && ch->days[d].peak < 0;
    }
    ui_putf(y + 1, 1, COLS - 2, A_NORMAL, "%d of the %d days shown had an episode.", days,
            ch->ndays);
    if (y + 2 < ui_body_bottom() - 2) /* above the legend; at 72x20 it is not */
        ui_putf(y + 2, 1, COLS - 2, A_NORMAL, CHECKIN_MARK " %d had a check-in, %d of them "
                "without a spasm.", checked, free_days);
}

static void draw_heat_view(const struct charts *c)
{
    const struct chart *ch = &c->heat;
    struct heat_layout L;
    char range[DATE_LEN * 2];
    heat_layout(&L);
    format_range(ch, range, sizeof(range));
    ui_putf(ui_body_top() + 1, 1, COLS - 2, A_BOLD,
            "Calendar of the highest pain reading each day, %s", range);
    draw_heat_months(ch, &L);
    draw_heat_grid(ch, &L);
    draw_heat_notes(ch, L.y0 + 7 * L.rp + 1 - (L.rp > 1));
    ui_band_legend(ui_body_bottom() - 2, 1, COLS - 2);
}

/* ---------------------------------------------------------------------
 * Counts: how many episodes of the period had each region, trigger and
 * relief, most first; words never logged are left out. */

struct count_item {
    const char *label;
    int64_t n;
};

#define COUNT_ITEMS_MAX (CHART_VOCAB_MAX > REGION_COUNT ? CHART_VOCAB_MAX : REGION_COUNT)

struct count_list {
    const char *title;
    size_t n;
    struct count_item items[COUNT_ITEMS_MAX];
};

/* A box of the screen the lists are drawn into. */
struct box {
    int y, x, w, last;
};

static void list_add(struct count_list *l, const char *label, int64_t n)
{
    size_t i = l->n;
    if (n <= 0 || l->n >= COUNT_ITEMS_MAX)
        return;
    while (i > 0 && l->items[i - 1].n < n) { /* insertion keeps equal counts in order */
        l->items[i] = l->items[i - 1];
        i--;
    }
    l->items[i].label = label;
    l->items[i].n = n;
    l->n++;
}

static void list_tags(struct count_list *l, const char *title, enum tag_kind kind,
                      const int64_t *counts, size_t n)
{
    size_t vn;
    const struct vocab *v = episode_vocab(kind, &vn);
    memset(l, 0, sizeof(*l));
    l->title = title;
    for (size_t i = 0; i < n && i < vn; i++)
        list_add(l, v[i].label, counts[i]);
}

/* Draws a list into the box from its top; returns the row after it. */
static int draw_count_list(const struct count_list *l, struct box b, int64_t total)
{
    int lw = 0;
    ui_put(b.y++, b.x, b.w, l->title, A_BOLD | A_UNDERLINE);
    if (l->n == 0 && b.y <= b.last)
        ui_put(b.y++, b.x + 1, b.w - 1, "none logged", ui_attr(UC_DIM));
    for (size_t i = 0; i < l->n; i++)
        if (ui_width(l->items[i].label) > lw)
            lw = ui_width(l->items[i].label);
    if (lw > b.w - COUNT_BAR_MIN)
        lw = b.w - COUNT_BAR_MIN;
    for (size_t i = 0; i < l->n && b.y <= b.last; i++) {
        if (b.y == b.last && i + 1 < l->n) {
            ui_putf(b.y++, b.x + 1, b.w - 1, ui_attr(UC_DIM), "+ %zu more", l->n - i);
            break;
        }
        ui_put(b.y, b.x + 1, lw, l->items[i].label, A_NORMAL);
        ui_count_bar(b.y++, b.x + 2 + lw, b.w - 2 - lw, l->items[i].n, total);
    }
    return b.y;
}

static void draw_counts_view(const struct charts *c)
{
    const struct chart *ch = period_chart(c);
    struct count_list where, trig, rel;
    memset(&where, 0, sizeof(where));
    where.title = "Where";
    for (int r = 0; r < REGION_COUNT; r++)
        list_add(&where, region_label((enum region)r), ch->regions[r]);
    list_tags(&trig, "Triggers", TAG_TRIGGER, ch->triggers, ch->ntriggers);
    list_tags(&rel, "Relief tried", TAG_RELIEF, ch->reliefs, ch->nreliefs);
    ui_putf(ui_body_top() + 1, 1, COLS - 2, A_BOLD,
            "%lld episode%s in the last %d days; each counts once per word",
            (long long)ch->episodes, ch->episodes == 1 ? "" : "s", ch->ndays);
    int y = ui_body_top() + 3, last = ui_body_bottom() - 2;
    if (COLS >= WIDE_COLS) {
        int w = (COLS - 2) / 3;
        draw_count_list(&where, (struct box){y, 1, w - 2, last}, ch->episodes);
        draw_count_list(&trig, (struct box){y, 1 + w, w - 2, last}, ch->episodes);
        draw_count_list(&rel, (struct box){y, 1 + 2 * w, w - 2, last}, ch->episodes);
        return;
    }
    /* Two columns: the relief words are the longest ("rest in a
     * comfortable position"), so theirs is the wider one. */
    int right = (COLS - 2) * 2 / 5, left = COLS - 2 - right - 2;
    int next = draw_count_list(&where, (struct box){y, 1, left, last}, ch->episodes);
    draw_count_list(&rel, (struct box){next + 1, 1, left, last}, ch->episodes);
    draw_count_list(&trig, (struct box){y, 1 + left + 2, right, last}, ch->episodes);
}

/* ---------------------------------------------------------------------
 * The check-ins: the weekly score over the last 12 weeks, then sleep and
 * the usual activities of each of the last 30 days. */

#define WEEKS_SHOWN 12
#define WEEK_PITCH 6   /* columns per week, gap included */
#define SCORE_ROWS 5   /* rows of the score bars: 2 points a row */
#define SLEEP_ROWS 4   /* rows of the sleep bars: 3 hours a row */
#define SLEEP_TOP 120  /* tenths of hours at the top of the sleep bars */

static void draw_week_scores(const struct charts *c, int y)
{
    int rated = 0;
    for (int k = 0; k < WEEKS_SHOWN; k++)
        rated += weekly_trend_score(&c->weeks, k) >= 0;
    ui_putf(y, 1, COLS - 2, A_BOLD, "Weekly pain and interference score (0-10), the last %d "
            "weeks; %d rated", WEEKS_SHOWN, rated);
    for (int i = 0; i < WEEKS_SHOWN; i++) {
        int k = WEEKS_SHOWN - 1 - i, score = weekly_trend_score(&c->weeks, k);
        int x = PLOT_X + i * WEEK_PITCH;
        char text[16] = " -";
        if (score >= 0) {
            ui_bar_column(y + SCORE_ROWS, x, WEEK_PITCH - 2, SCORE_ROWS, (score + 5) / 10, 10);
            checkin_tenths_format(score, text, sizeof text);
        }
        ui_put(y + SCORE_ROWS + 1, x, WEEK_PITCH - 1, text, score >= 0 ? A_BOLD : A_NORMAL);
    }
    ui_put(y + SCORE_ROWS + 2, PLOT_X, COLS - PLOT_X - 1,
           "oldest on the left, this week (the 7 days to now) on the right; - not rated",
           ui_attr(UC_DIM));
}

static void draw_sleep_column(int y_base, int x, int tenths)
{
    int v = tenths > SLEEP_TOP ? SLEEP_TOP : tenths;
    int rows = v <= 0 ? 0 : (v * SLEEP_ROWS + SLEEP_TOP - 1) / SLEEP_TOP;
    for (int r = 0; r < rows; r++)
        ui_put(y_base - r, x, 1, ui_unicode() ? "\u2588" : "#", A_NORMAL);
}

/* The activities answer of a day as one letter: y, p, n; . not answered. */
static const char *activities_letter(const struct chart_day *d)
{
    static const char *const letters[CHECKIN_ACT_COUNT] = {"y", "p", "n"};
    if (!d->checked_in)
        return " ";
    return d->activities >= 0 && d->activities < CHECKIN_ACT_COUNT ? letters[d->activities]
                                                                   : ".";
}

static void draw_days(const struct chart *ch, int y)
{
    ui_putf(y, 1, COLS - 2, A_BOLD, "Sleep (up to 12 hours) and usual activities, the last %d "
            "days", ch->ndays);
    for (int d = 0; d < ch->ndays; d++) {
        const struct chart_day *day = &ch->days[d];
        int x = PLOT_X + 2 * d;
        if (x >= COLS - 1)
            break;
        if (day->checked_in && day->sleep_tenths >= 0)
            draw_sleep_column(y + SLEEP_ROWS, x, day->sleep_tenths);
        ui_put(y + SLEEP_ROWS + 1, x, 1, activities_letter(day), A_BOLD);
        if (day->wday == 0)
            ui_putf(y + SLEEP_ROWS + 2, x, 5, A_NORMAL, "%d", day->mday);
    }
    ui_put(y + SLEEP_ROWS + 1, LABEL_X, 4, "act.", A_NORMAL);
    ui_put(y + SLEEP_ROWS + 2, LABEL_X, 4, "Mon", A_NORMAL);
    ui_put(y + SLEEP_ROWS + 3, 1, COLS - 2,
           "activities: y did them, p partly, n not, . not answered; no mark: no check-in",
           ui_attr(UC_DIM));
}

static void draw_checkins_view(const struct charts *c)
{
    int y = ui_body_top() + 1;
    draw_week_scores(c, y);
    draw_days(&c->shortc, y + SCORE_ROWS + 4);
}

/* ---------------------------------------------------------------------
 * The screen */

static void charts_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct charts *c = s->data;
    draw_tabs(c);
    switch (c->view) {
    case VIEW_BARS: draw_bar_view(c); break;
    case VIEW_HEAT: draw_heat_view(c); break;
    case VIEW_CHECKINS: draw_checkins_view(c); break;
    default: draw_counts_view(c); break;
    }
    draw_hint();
}

static int charts_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    (void)app;
    (void)key;
    struct charts *c = s->data;
    switch (act) {
    case ACT_VIEW:
        if (c->view == VIEW_COUNT - 1)
            return UI_POP;
        c->view++;
        break;
    case ACT_RIGHT: c->view = (c->view + 1) % VIEW_COUNT; break;
    case ACT_LEFT: c->view = (c->view + VIEW_COUNT - 1) % VIEW_COUNT; break;
    case ACT_TOGGLE:
        c->long_period = !c->long_period;
        if (c->view == VIEW_HEAT || c->view == VIEW_CHECKINS)
            app_status(app, "The %s always shows %s; t changes the bar chart and the counts.",
                       c->view == VIEW_HEAT ? "calendar" : "check-ins view",
                       c->view == VIEW_HEAT ? "12 weeks" : "12 weeks and 30 days");
        break;
    case ACT_BACK: return UI_POP;
    default: break;
    }
    return UI_OK;
}

static int charts_enter(struct app *app, struct screen *s)
{
    struct charts *c = s->data;
    if (load(app, c) != 0) {
        app_status(app, "Could not read the history: %s", c->err);
        return -1;
    }
    return 0;
}

/* Back from the help: read again, the day may have turned meanwhile. */
static void charts_resume(struct app *app, struct screen *s)
{
    struct charts *c = s->data;
    if (load(app, c) != 0)
        app_status(app, "Could not read the history: %s", c->err);
}

static const struct screen_ops charts_ops = {
    .title = "History: pictures",
    .keys = charts_keys,
    .enter = charts_enter,
    .draw = charts_draw,
    .handle = charts_handle,
    .resume = charts_resume,
};

int screen_charts_open(struct app *app)
{
    struct charts *c = app_alloc(app, sizeof(*c));
    if (!c)
        return -1;
    return app_push(app, &charts_ops, c);
}
