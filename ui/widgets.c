/* widgets: drawing shared by the screens. */
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

int ui_put(int y, int x, int width, const char *utf8, attr_t attr)
{
    int used = 0;
    wchar_t wc;
    size_t n;
    if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    move(y, x);
    attron(attr);
    while ((n = next_char(utf8, &wc)) > 0) {
        int w = char_width(wc);
        if (used + w > width)
            break;
        if (wc < L' ' || wc == 0x7F)
            wc = L' '; /* never let a control character reach the terminal */
        wchar_t s[2] = {wc, L'\0'};
        addwstr(s);
        used += w;
        utf8 += n;
    }
    attroff(attr);
    return used;
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
