/* widgets: drawing shared by the screens. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/ui.h"

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

/* ui_put of the bytes s[0 .. len). */
static int put_bytes(int y, int x, int width, const char *s, size_t len, attr_t attr)
{
    int used = 0;
    if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    move(y, x);
    attron(attr);
    while (len > 0) {
        wchar_t wc;
        size_t n = next_char_n(s, len, &wc);
        int w = char_width(wc);
        if (used + w > width)
            break;
        if (wc < L' ' || wc == 0x7F)
            wc = L' '; /* never let a control character reach the terminal */
        wchar_t one[2] = {wc, L'\0'};
        addwstr(one);
        used += w;
        s += n;
        len -= n;
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
            if (draw)
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
