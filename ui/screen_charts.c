/* SPDX-License-Identifier: BSD-2-Clause */
/* charts: the history as pictures, opened from the list with `v`.
 *
 * Three views, `v` going on to the next and from the last back to the
 * list: the daily peak intensity as a bar chart (30 or 90 days, `t`), a
 * calendar heat map of the last 12 weeks (weeks as columns, Monday on
 * top), and counts by region, trigger, relief, symptom and medication.
 * The numbers come from src/chart.c; the episodes are read once, on
 * entering and on coming back from the help, with the store's iterator
 * (memory stays flat: one episode at a time into fixed tables).
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
#define COUNT_BAR_MIN 10  /* columns a count and its bar (3 cells at least) keep beside
                           * the label */

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
    KEYS_HELP_HINT,
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

/* Fewer than 24 lines (a side pane): the pictures drop their blank rows,
 * so that the bars keep a row per level and nothing below them overlaps. */
static int compact(void)
{
    return ui_body_bottom() - ui_body_top() + 1 < 22;
}

/* The row of the legend of the fills: above a blank before the hint. */
static int legend_row(void)
{
    return ui_body_bottom() - 2 + compact();
}

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
     * blank, the legend, the hint. Above: the tabs, the title, a blank.
     * Compact: no blanks. */
    int top = ui_body_top() + 3 - compact(), room = ui_body_bottom() - 8 - top + 1;
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
        if (peak < 0) { /* the legend's dot, as in the calendar: not blank */
            ui_put(L->y_base, x + (L->bw - 1) / 2, 1, ui_band_fill(peak), ui_attr(UC_DIM));
            continue;
        }
        ui_bar_column(L->y_base, x, L->bw, LEVEL_MAX * L->rpl, peak, LEVEL_MAX);
        if (L->bw >= 2) { /* room for the number over the bar */
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

/* "Nov 10-19", "Oct 28 - Nov 6": a span of days of the window. */
static void format_span(const struct chart_day *a, const struct chart_day *b, char *buf,
                        size_t len)
{
    if (a->month == b->month)
        snprintf(buf, len, "%s %d-%d", month_names[(a->month + 11) % 12], a->mday, b->mday);
    else
        snprintf(buf, len, "%s %d - %s %d", month_names[(a->month + 11) % 12], a->mday,
                 month_names[(b->month + 11) % 12], b->mday);
}

/* "5 of 30 days had an episode; the highest, 8 (severe), on Sat Mar 7."
 * A peak reached on several days says so, and which: "on 10 days, Nov
 * 10-19" when they follow each other, else "on 3 days between Nov 2 and
 * Nov 20" (naming only the last, or the first, would say less than the
 * data). Wrapped at the words, down to row last. */
static void draw_bar_summary(const struct chart *ch, int y, int last)
{
    struct chart_peak p;
    char when[DATE_LEN * 4], line[256];
    chart_peak_find(ch, &p);
    if (p.peak < 0) {
        ui_putf(y, 1, COLS - 2, A_NORMAL, "No episode in the last %d days.", ch->ndays);
        return;
    }
    const struct chart_day *a = &ch->days[p.first], *b = &ch->days[p.last];
    if (p.days == 1) {
        format_day(a, when, sizeof(when));
    } else if (p.run) {
        char span[DATE_LEN * 2];
        format_span(a, b, span, sizeof(span));
        snprintf(when, sizeof(when), "%d days, %s", p.days, span);
    } else {
        char first[DATE_LEN], latest[DATE_LEN];
        snprintf(first, sizeof(first), "%s %d", month_names[(a->month + 11) % 12], a->mday);
        snprintf(latest, sizeof(latest), "%s %d", month_names[(b->month + 11) % 12], b->mday);
        snprintf(when, sizeof(when), "%d days between %s and %s", p.days, first, latest);
    }
    snprintf(line, sizeof(line), "%d of %d days had an episode; the highest, %d (%s), on %s.",
             p.with_episode, ch->ndays, p.peak, band_label(intensity_band(p.peak)), when);
    if (ui_wrapped_rows(line, COLS - 2) > last - y + 1) /* a short pane: the bars show the days */
        snprintf(line, sizeof(line), "The highest, %d (%s), on %s.", p.peak,
                 band_label(intensity_band(p.peak)), when);
    ui_put_wrapped(y, 1, COLS - 2, last, line, A_NORMAL);
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
    draw_bar_summary(ch, L.y_base + 5 - compact(), legend_row() - 1);
    ui_band_legend(legend_row(), 1, COLS - 2);
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
    int top = ui_body_top() + 5 - compact(), room = ui_body_bottom() - 6 - top + 1;
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

/* The month whose 1st falls in week column w, or -1. */
static int heat_month_start(const struct chart *ch, int w)
{
    for (int d = w * 7; d < w * 7 + 7 && d < ch->ndays; d++)
        if (ch->days[d].mday == 1)
            return ch->days[d].month;
    return -1;
}

/* Every month shown gets its name: over the week column where it begins,
 * and the first column's over it; when a month also begins in the first
 * column, its name goes over the second (wholly in that month). Below,
 * each week's Monday's day of the month, unless the cells carry their
 * own. */
static void draw_heat_months(const struct chart *ch, const struct heat_layout *L)
{
    int pushed = -1; /* a month to name over the next column */
    for (int w = 0; w < CHART_HEAT_WEEKS && w * 7 < ch->ndays; w++) {
        const struct chart_day *mon = &ch->days[w * 7]; /* day 0 is a Monday */
        int x = PLOT_X + w * L->pitch, month = heat_month_start(ch, w);
        if (w == 0 && month != mon->month) {
            pushed = month;
            month = mon->month;
        } else if (month < 0) {
            month = pushed;
        }
        if (w > 0)
            pushed = -1;
        if (month > 0)
            ui_put(L->y0 - 2, x, L->pitch - 1, month_names[(month + 11) % 12], A_BOLD);
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
    draw_heat_notes(ch, L.y0 + 7 * L.rp + 1 - (L.rp > 1) - compact());
    ui_band_legend(legend_row(), 1, COLS - 2);
}

/* ---------------------------------------------------------------------
 * Counts: how many episodes of the period had each region, trigger,
 * relief, symptom and medication, most first; words never logged are left
 * out. Every bar is on one scale, all the period's episodes, at an eighth
 * of a cell (chart_bar_units: a larger count is always the longer bar). */

struct count_item {
    const char *label;
    int64_t n;
};

/* The longest list: the medications the chart tells apart, and the rest. */
#define COUNT_ITEMS_MAX (REPORT_MAX_MEDS + 1)

struct count_list {
    const char *title;
    size_t n;
    struct count_item items[COUNT_ITEMS_MAX];
};

enum { LIST_WHERE, LIST_TRIGGERS, LIST_RELIEF, LIST_SYMPTOMS, LIST_MEDS, LIST_COUNT };

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

static void list_meds(struct count_list *l, const struct report_meds *m)
{
    memset(l, 0, sizeof(*l));
    l->title = "Medication";
    for (size_t i = 0; i < m->n && i < REPORT_MAX_MEDS; i++)
        list_add(l, m->meds[i].name, (int64_t)m->meds[i].episodes);
    list_add(l, "other names", (int64_t)m->other_episodes);
}

/* The rows a list takes in full: its title and an item a row ("none
 * logged" when it has none). */
static int list_rows(const struct count_list *l)
{
    return 1 + (l->n ? (int)l->n : 1);
}

/* The scale of every bar of the view: `total` episodes fill `cells`. */
struct count_scale {
    int64_t total;
    int cells;
};

/* Columns of a list's labels in a box w wide: its longest, within reason. */
static int list_label_width(const struct count_list *l, int w)
{
    int lw = 0;
    for (size_t i = 0; i < l->n; i++)
        if (ui_width(l->items[i].label) > lw)
            lw = ui_width(l->items[i].label);
    return lw > w - COUNT_BAR_MIN ? w - COUNT_BAR_MIN : lw;
}

/* Cells left for the bars of a list in a box w wide. */
static int list_bar_cells(const struct count_list *l, int w)
{
    return w - 2 - list_label_width(l, w) - UI_COUNT_NUM;
}

/* Draws a list into the box from its top, its last item "+ N more" when
 * the box is too short; returns the row after it. */
static int draw_count_list(const struct count_list *l, struct box b, struct count_scale sc)
{
    int lw = list_label_width(l, b.w), units[COUNT_ITEMS_MAX];
    int64_t counts[COUNT_ITEMS_MAX];
    if (b.y > b.last)
        return b.y;
    ui_put(b.y++, b.x, b.w, l->title, A_BOLD | A_UNDERLINE);
    if (l->n == 0 && b.y <= b.last)
        ui_put(b.y++, b.x + 1, b.w - 1, "none logged", ui_attr(UC_DIM));
    for (size_t i = 0; i < l->n; i++)
        counts[i] = l->items[i].n;
    chart_bar_units(counts, l->n, sc.total, sc.cells > 0 ? sc.cells * ui_count_units() : 0,
                    units);
    for (size_t i = 0; i < l->n && b.y <= b.last; i++) {
        if (b.y == b.last && i + 1 < l->n) {
            ui_putf(b.y++, b.x + 1, b.w - 1, ui_attr(UC_DIM), "+ %zu more", l->n - i);
            break;
        }
        ui_put(b.y, b.x + 1, lw, l->items[i].label, A_NORMAL);
        ui_count_bar(b.y++, b.x + 2 + lw, b.w - 2 - lw, l->items[i].n, units[i]);
    }
    return b.y;
}

/* Draws lists one under another, a blank between, into rows y .. last of
 * a column: each in full when they fit, else the longest cut first, each
 * keeping its title and one row. */
static void draw_count_column(const struct count_list *const *lists, int k, struct box b,
                              struct count_scale sc)
{
    int rows[LIST_COUNT], used = k - 1;
    for (int i = 0; i < k; i++) {
        rows[i] = list_rows(lists[i]);
        used += rows[i];
    }
    while (used > b.last - b.y + 1) {
        int big = -1;
        for (int i = 0; i < k; i++)
            if (rows[i] > 2 && (big < 0 || rows[i] > rows[big]))
                big = i;
        if (big < 0)
            break;
        rows[big]--;
        used--;
    }
    for (int i = 0; i < k; i++) {
        int end = b.y + rows[i] - 1;
        draw_count_list(lists[i], (struct box){b.y, b.x, b.w, end < b.last ? end : b.last},
                        sc);
        b.y += rows[i] + 1;
    }
}

/* Up to three columns of up to three lists (NULL ends a column, an empty
 * column ends them), column c at xs[c], ws[c] wide, from row rows.y to
 * rows.last. */
static void draw_count_columns(const struct count_list *const cols[3][3], const int *xs,
                               const int *ws, struct box rows, int64_t total)
{
    /* One scale for all: the same count is the same length in every list. */
    struct count_scale sc = {total, COLS};
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < 3 && cols[c][i]; i++)
            if (cols[c][i]->n && list_bar_cells(cols[c][i], ws[c]) < sc.cells)
                sc.cells = list_bar_cells(cols[c][i], ws[c]);
    for (int c = 0; c < 3 && cols[c][0]; c++) {
        int k = 0;
        while (k < 3 && cols[c][k])
            k++;
        draw_count_column(cols[c], k, (struct box){rows.y, xs[c], ws[c], rows.last}, sc);
    }
}

static void draw_counts_view(const struct charts *c)
{
    const struct chart *ch = period_chart(c);
    struct count_list l[LIST_COUNT];
    memset(&l[LIST_WHERE], 0, sizeof(l[LIST_WHERE]));
    l[LIST_WHERE].title = "Where";
    for (int r = 0; r < REGION_COUNT; r++)
        list_add(&l[LIST_WHERE], region_label((enum region)r), ch->regions[r]);
    list_tags(&l[LIST_TRIGGERS], "Triggers", TAG_TRIGGER, ch->triggers, ch->ntriggers);
    list_tags(&l[LIST_RELIEF], "Relief tried", TAG_RELIEF, ch->reliefs, ch->nreliefs);
    list_tags(&l[LIST_SYMPTOMS], "Symptoms", TAG_SYMPTOM, ch->symptoms, ch->nsymptoms);
    list_meds(&l[LIST_MEDS], &ch->meds);
    ui_putf(ui_body_top() + 1, 1, COLS - 2, A_BOLD,
            "%lld episode%s in the last %d days; each counts once per word",
            (long long)ch->episodes, ch->episodes == 1 ? "" : "s", ch->ndays);
    int y = ui_body_top() + 3, last = ui_body_bottom() - 2;
    /* Columns: three from WIDE_COLS, else two, the relief and symptom
     * words (the longest: "rest in a comfortable position") in the wider. */
    int wide = COLS >= WIDE_COLS, w3 = (COLS - 2) / 3;
    int rw = wide ? w3 - 2 : (COLS - 2) * 2 / 5, lw = wide ? w3 - 2 : COLS - 2 - rw - 2;
    const struct count_list *cols[3][3] = {
        {&l[LIST_WHERE], wide ? &l[LIST_SYMPTOMS] : &l[LIST_RELIEF],
         wide ? NULL : &l[LIST_SYMPTOMS]},
        {&l[LIST_TRIGGERS], &l[LIST_MEDS], NULL},
        {wide ? &l[LIST_RELIEF] : NULL, NULL, NULL},
    };
    int xs[3] = {1, 1 + (wide ? w3 : lw + 2), 1 + 2 * w3}, ws[3] = {lw, rw, rw};
    draw_count_columns(cols, xs, ws, (struct box){y, 0, 0, last}, ch->episodes);
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
           "oldest left, this week (the 7 days to now) right; - not rated",
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
           "act.: y did them, p partly, n not, . not answered; blank: no check-in",
           ui_attr(UC_DIM));
}

static void draw_checkins_view(const struct charts *c)
{
    int y = ui_body_top() + 1;
    draw_week_scores(c, y);
    draw_days(&c->shortc, y + SCORE_ROWS + 4 - compact());
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
