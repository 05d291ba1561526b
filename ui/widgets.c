/* SPDX-License-Identifier: BSD-2-Clause */
/* widgets: drawing shared by the screens. */
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "src/episode.h"
#include "src/text.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "src/flags.h"

/* Decodes one UTF-8 character; returns its byte length (0 at the end),
 * with invalid bytes shown as U+FFFD one byte at a time. */
static size_t next_char(const char *s, wchar_t *wc)
{
    mbstate_t st;
    memset(&st, 0, sizeof(st));
    size_t n = mbrtowc(wc, s, MB_CUR_MAX, &st);
    if (n == 0)
        return 0;
    if (n == (size_t)-1 || n == (size_t)-2) {
        *wc = L'\xFFFD';
        return 1;
    }
    return n;
}

static int char_width(wchar_t wc)
{
    if (text_cp_refused((uint32_t)wc))
        return 1; /* drawn as a blank or U+FFFD (put_bytes) */
    int w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

int ui_width(const char *utf8)
{
    int cols = 0;
    wchar_t wc;
    size_t n;
    while ((n = next_char(utf8, &wc)) > 0) {
        cols += char_width(wc);
        utf8 += n;
    }
    return cols;
}

/* Decodes one UTF-8 character of s[0 .. len), len > 0; returns its byte
 * length, with a NUL or an invalid or cut sequence shown as U+FFFD one
 * byte at a time. */
static size_t next_char_n(const char *s, size_t len, wchar_t *wc)
{
    mbstate_t st;
    memset(&st, 0, sizeof(st));
    size_t n = mbrtowc(wc, s, len, &st);
    if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
        *wc = L'\xFFFD';
        return 1;
    }
    return n;
}

/* 1 for the bytes that read as a blank on the screen. */
static int is_blank_or_nl(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* What the screen shows for wc: a control, bidi or zero-width character
 * never reaches the terminal (a hand-edited database may hold one). Tab
 * and newline read as a blank, the others show as U+FFFD. */
static wchar_t shown_char(wchar_t wc)
{
    if (wc == L'\t' || wc == L'\n')
        return L' ';
    return text_cp_refused((uint32_t)wc) ? (wchar_t)0xFFFD : wc;
}

/* The mark that ends cut text; *cols gets its width. */
static const char *ellipsis(int *cols)
{
    *cols = ui_ellipsis_width();
    return ui_ellipsis_text();
}

const char *ui_ellipsis_text(void)
{
    return ui_unicode() ? "\xE2\x80\xA6" : "...";
}

int ui_ellipsis_width(void)
{
    return ui_unicode() ? 1 : 3;
}

/* Where s[0 .. len) is cut to fit room columns with the ellipsis after
 * it, *fits set when all of it (but trailing blanks) fits in width and no
 * cut is needed. A cut that would split a word goes back to the blank
 * before it when that loses at most half the room; blanks and
 * commas before the cut are dropped ("bending forward…", not
 * "bending forward,…"). Always on a character boundary. */
static size_t cut_at(const char *s, size_t len, int width, int room, int *fits)
{
    size_t i = 0, cut = 0, blank = 0;
    int cols = 0, blank_cols = 0, prev_blank = 1;
    *fits = 0;
    while (i < len) {
        wchar_t wc;
        size_t n = next_char_n(s + i, len - i, &wc);
        wc = shown_char(wc);
        int b = wc == L' ';
        if (cols + char_width(wc) > width) /* what is left must be blanks */
            break;
        cols += char_width(wc);
        if (cols <= room) {
            if (b && !prev_blank) {
                blank = i;
                blank_cols = cols - 1;
            }
            cut = i + n;
        }
        prev_blank = b;
        i += n;
    }
    size_t rest = i;
    while (rest < len && is_blank_or_nl(s[rest]))
        rest++;
    if (rest == len) {
        *fits = 1;
        return i;
    }
    /* Mid-word when the character at the cut and the one before are not blanks. */
    if (cut > 0 && !is_blank_or_nl(s[cut]) && !is_blank_or_nl(s[cut - 1]) && blank > 0 &&
        room - blank_cols <= room / 2)
        cut = blank;
    while (cut > 0 && (is_blank_or_nl(s[cut - 1]) || s[cut - 1] == ','))
        cut--;
    return cut;
}

/* Draws s[0 .. len) from (y, x) as it is, clipped to width; returns the
 * columns used. */
static int put_run(const char *s, size_t len, int width)
{
    int used = 0;
    while (len > 0) {
        wchar_t wc;
        size_t n = next_char_n(s, len, &wc);
        wc = shown_char(wc);
        int w = char_width(wc);
        if (used + w > width)
            break;
        wchar_t one[2] = {wc, L'\0'};
        addwstr(one);
        used += w;
        s += n;
        len -= n;
    }
    return used;
}

/* ui_put of the bytes s[0 .. len): text that does not fit is cut and ends
 * with the ellipsis (a field too narrow for the mark and a character is
 * only clipped). */
static int put_bytes(int y, int x, int width, const char *s, size_t len, attr_t attr)
{
    int used, ecols, fits;
    if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    const char *mark = ellipsis(&ecols);
    size_t cut = cut_at(s, len, width, width - ecols, &fits);
    move(y, x);
    attron(attr);
    if (fits || width <= ecols) {
        used = put_run(s, fits ? cut : len, width);
    } else {
        used = put_run(s, cut, width - ecols);
        addstr(mark);
        used += ecols;
    }
    attroff(attr);
    return used;
}

int ui_put(int y, int x, int width, const char *utf8, attr_t attr)
{
    return put_bytes(y, x, width, utf8, strlen(utf8), attr);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

size_t ui_fit_bytes(const char *s, size_t len, int width)
{
    size_t i = 0, brk = 0;
    int cols = 0;
    mbstate_t mb;
    memset(&mb, 0, sizeof(mb));
    while (i < len) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s + i, len - i, &mb);
        if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
            n = 1; /* one replacement column, as ui_put shows it */
            wc = L'\xFFFD';
            memset(&mb, 0, sizeof(mb));
        }
        int blank = wc == L' ' || wc == L'\t';
        cols += char_width(wc);
        if (cols > width && i > 0)
            return blank ? i : brk ? brk : i; /* a word that ends at the edge stays */
        i += n;
        if (blank)
            brk = i;
    }
    return len;
}

/* Walks text as ui_put_wrapped lays it out, drawing the rows from y on
 * when draw is set, never past last; returns the number of rows. */
static int wrap_walk(int y, int x, int width, int last, const char *text, attr_t attr, int draw)
{
    int rows = 0;
    if (width <= 0)
        return 0;
    while (*text && y + rows <= last) {
        size_t para = strcspn(text, "\n");
        const char *end = text + para;
        const char *t = text;
        do { /* one row; an empty paragraph (a blank line) takes one too */
            while (t < end && is_blank(*t))
                t++;
            size_t n = ui_fit_bytes(t, (size_t)(end - t), width);
            size_t shown = n;
            while (shown > 0 && is_blank(t[shown - 1]))
                shown--;
            /* The last row of the room, with text still to come: as much
             * of the rest as fits, ending with the ellipsis. */
            if (draw && y + rows == last && t[n] != '\0')
                put_bytes(y + rows, x, width, t, strlen(t), attr);
            else if (draw)
                put_bytes(y + rows, x, width, t, shown, attr);
            rows++;
            t += n;
            while (t < end && is_blank(*t))
                t++;
        } while (t < end && y + rows <= last);
        text = end + (*end == '\n');
    }
    return rows;
}

int ui_put_wrapped(int y, int x, int width, int last_row, const char *text, attr_t attr)
{
    return y + wrap_walk(y, x, width, last_row, text, attr, 1);
}

int ui_wrapped_rows(const char *text, int width)
{
    return wrap_walk(0, 0, width, INT_MAX, text, A_NORMAL, 0);
}

int ui_putf(int y, int x, int width, attr_t attr, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return ui_put(y, x, width, buf, attr);
}

/* ---------------------------------------------------------------------
 * Chart pieces: a band is told by its fill as well as its colour, so the
 * charts read the same on a monochrome terminal or with NO_COLOR. */

int ui_unicode(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

const char *ui_band_fill(int peak)
{
    /* UTF-8 of U+00B7 middle dot, U+2581 lower one eighth block, U+2591
     * light shade, U+2592 medium shade, U+2588 full block. */
    static const char *const uni[] = {"\xC2\xB7", "\xE2\x96\x81", "\xE2\x96\x91",
                                      "\xE2\x96\x92", "\xE2\x96\x88"};
    static const char *const ascii[] = {".", "_", ":", "+", "#"};
    /* No episode first, then one fill per band in band order. */
    int i = peak < 0 ? 0 : 1 + (int)intensity_band(peak);
    return ui_unicode() ? uni[i] : ascii[i];
}

/* The colour of a day: dim where nothing was logged. */
static attr_t peak_attr(int peak)
{
    return peak < 0 ? ui_attr(UC_DIM) : ui_band_attr(peak);
}

/* Fills `width` columns at (y, x) with one glyph. */
static void fill_row(int y, int x, int width, const char *glyph, attr_t attr)
{
    for (int i = 0; i < width; i++)
        ui_put(y, x + i, 1, glyph, attr);
}

void ui_bar_column(int y_base, int x, int width, int height, int value, int max)
{
    if (value < 0 || max <= 0 || height <= 0)
        return;
    if (value > max)
        value = max;
    /* Rounded up, so every logged day shows at least one row. */
    int rows = value == 0 ? 1 : (value * height + max - 1) / max;
    for (int r = 0; r < rows; r++)
        fill_row(y_base - r, x, width, ui_band_fill(value), peak_attr(value));
}

void ui_heat_cell(int y, int x, int width, int height, int peak, int marked,
                  const char *label)
{
    const char *glyph = ui_band_fill(peak);
    for (int r = 0; r < height; r++) {
        if (peak < 0) /* an empty day: one dot, so the grid still shows */
            ui_put(y + r, x + (width - 1) / 2, 1, r == (height - 1) / 2 ? glyph : " ",
                   peak_attr(peak));
        else
            fill_row(y + r, x, width, glyph, peak_attr(peak));
        if (marked) {
            ui_put(y + r, x - 1, 1, "[", A_BOLD);
            ui_put(y + r, x + width, 1, "]", A_BOLD);
        }
    }
    int lw = label ? ui_width(label) : 0;
    if (label && width > lw + 1) {
        ui_put(y, x, width, label, A_BOLD);
        ui_put(y, x + lw, 1, " ", A_NORMAL);
    }
}

int ui_band_legend(int y, int x, int width)
{
    static const struct { int peak; const char *text; } items[] = {
        {-1, "no episode"}, {0, "0 none"}, {1, "1-3 mild"}, {4, "4-6 moderate"},
        {7, "7-10 severe"},
    };
    int used = 0;
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        int need = 2 + ui_width(items[i].text) + 2;
        if (used + need - 2 > width)
            break;
        ui_put(y, x + used, 1, ui_band_fill(items[i].peak), peak_attr(items[i].peak));
        ui_put(y, x + used + 2, width - used - 2, items[i].text, A_NORMAL);
        used += need;
    }
    return used;
}

int ui_count_units(void)
{
    return ui_unicode() ? 8 : 1;
}

void ui_count_bar(int y, int x, int width, int64_t n, int units)
{
    /* UTF-8 of U+258F .. U+2589: a left eighth up to seven eighths. */
    static const char *const part[8] = {"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
                                        "\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A",
                                        "\xE2\x96\x89"};
    char num[24];
    snprintf(num, sizeof(num), "%4lld ", (long long)n);
    int w = ui_put(y, x, width, num, A_BOLD), per = ui_count_units();
    int room = width - w, full = units / per, rest = units % per;
    if (room <= 0 || units <= 0)
        return;
    if (full > room)
        full = room, rest = 0;
    fill_row(y, x + w, full, per == 8 ? "\xE2\x96\x88" : "#", A_NORMAL);
    if (rest > 0 && full < room)
        ui_put(y, x + w + full, 1, part[rest], A_NORMAL);
}

void ui_put_not_advice(int y)
{
    const char *line = ui_width(FLAGS_NOT_MEDICAL_ADVICE) <= COLS - 4
                           ? FLAGS_NOT_MEDICAL_ADVICE
                           : FLAGS_NOT_MEDICAL_ADVICE_NARROW;
    ui_put(y, 2, COLS - 4, line, ui_attr(UC_DIM));
}
