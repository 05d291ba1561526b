/* SPDX-License-Identifier: BSD-2-Clause */
/* text: one UTF-8 and text-width model for the core (see text.h). */
#include "src/text.h"

#include <string.h>

int text_utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c < 0x80)
        return 0;
    if (c >= 0xC2 && c <= 0xDF)
        return 1;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0; /* overlong */
        else if (c == 0xED)
            *hi = 0x9F; /* surrogates */
        return 2;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90; /* overlong */
        else if (c == 0xF4)
            *hi = 0x8F; /* above U+10FFFF */
        return 3;
    }
    return -1;
}

/* Byte length of the well-formed character at p[0 .. len), or 0. */
static size_t seq_len(const unsigned char *p, size_t len)
{
    unsigned char lo, hi;
    int need = text_utf8_lead(p[0], &lo, &hi);
    if (need < 0 || (size_t)need >= len)
        return 0;
    for (int i = 1; i <= need; i++) {
        if (p[i] < lo || p[i] > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
    }
    return (size_t)need + 1;
}

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = seq_len(p, len);
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t c = n == 1 ? p[0] : p[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++)
        c = c << 6 | (p[i] & 0x3Fu);
    *cp = c;
    return n;
}

int text_cp_refused(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/* 1 when cp may pass: not refused, or one of those keep lets through. */
static int cp_passes(uint32_t c, unsigned keep)
{
    if (c == '\t')
        return (keep & TEXT_KEEP_TAB) != 0;
    if (c == '\n')
        return (keep & TEXT_KEEP_NEWLINE) != 0;
    return !text_cp_refused(c);
}

/* Byte length of the character at s[0 .. len), len > 0, when it is
 * well-formed and passes keep; else 0. */
static size_t passing_len(const char *s, size_t len, unsigned keep)
{
    size_t n = seq_len((const unsigned char *)s, len);
    if (n == 0)
        return 0;
    uint32_t cp;
    (void)text_decode(s, n, &cp);
    return cp_passes(cp, keep) ? n : 0;
}

int text_valid_n(const char *s, size_t len, unsigned keep)
{
    for (size_t i = 0; i < len;) {
        size_t n = passing_len(s + i, len - i, keep);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

int text_utf8_valid(const char *s, int allow_newline)
{
    return text_valid_n(s, strlen(s), TEXT_KEEP_TAB | (allow_newline ? TEXT_KEEP_NEWLINE : 0));
}

/* The bytes that stand for the character at s[0 .. len), len > 0: itself
 * or the replacement; *step gets how many input bytes it covers. */
static const char *clean_char(const char *s, size_t len, unsigned keep, size_t *step,
                              size_t *outn)
{
    size_t n = passing_len(s, len, keep);
    if (n > 0) {
        *step = *outn = n;
        return s;
    }
    uint32_t cp;
    *step = text_decode(s, len, &cp);
    *outn = sizeof TEXT_REPLACEMENT - 1;
    return TEXT_REPLACEMENT;
}

size_t text_clean(const char *s, unsigned keep, char *out, size_t outlen)
{
    size_t len = strlen(s), used = 0;
    for (size_t i = 0; i < len;) {
        size_t step, n;
        const char *c = clean_char(s + i, len - i, keep, &step, &n);
        if (used + n >= outlen)
            break;
        memcpy(out + used, c, n);
        used += n;
        i += step;
    }
    out[used] = '\0';
    return used;
}

void text_write_clean(FILE *f, const char *s, size_t len, unsigned keep)
{
    for (size_t i = 0; i < len;) {
        size_t step, n;
        const char *c = clean_char(s + i, len - i, keep, &step, &n);
        fwrite(c, 1, n, f);
        i += step;
    }
}

int text_cp_width(uint32_t c)
{
    if (c >= 0x300 && c <= 0x36F)
        return 0; /* combining marks */
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
        (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int text_width(const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += text_decode(s + i, len - i, &cp);
        w += text_cp_width(cp);
    }
    return w;
}

static void indent(FILE *f, int n)
{
    fprintf(f, "%*s", n, "");
}

/* Writes one word, breaking it where it would pass avail columns. */
static void wrap_word(FILE *f, const char *w, size_t len, int ind, int avail, int *col)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_decode(w + i, len - i, &cp);
        int cw = text_cp_width(cp);
        if (*col > 0 && *col + cw > avail) {
            fputc('\n', f);
            indent(f, ind);
            *col = 0;
        }
        fwrite(w + i, 1, n, f);
        *col += cw;
        i += n;
    }
}

void text_wrap(FILE *f, const char *s, int ind, int width)
{
    int avail = width - ind, col = -1; /* -1: the line is not started */
    while (*s) {
        if (*s == ' ' || *s == '\n') {
            if (*s == '\n' && col >= 0) {
                fputc('\n', f);
                col = -1;
            }
            s++;
            continue;
        }
        size_t len = strcspn(s, " \n");
        int w = text_width(s, len);
        if (col > 0 && col + 1 + w > avail) {
            fputc('\n', f);
            col = -1;
        }
        if (col < 0) {
            indent(f, ind);
            col = 0;
        } else if (col > 0) {
            fputc(' ', f);
            col++;
        }
        wrap_word(f, s, len, ind, avail, &col);
        s += len;
    }
    if (col >= 0)
        fputc('\n', f);
}

/* Appends the n bytes at c to out[0 .. *used) when they fit; else -1. */
static int cut_put(char *out, size_t outlen, size_t *used, const char *c, size_t n)
{
    if (*used + n >= outlen)
        return -1;
    memcpy(out + *used, c, n);
    *used += n;
    out[*used] = '\0';
    return 0;
}

int text_cut(const char *s, size_t len, int width, const char *ell, char *out, size_t outlen)
{
    int ellw = text_width(ell, strlen(ell));
    int full = 0, cols = 0;
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len;) { /* the width of the whole, cleaned */
        uint32_t cp;
        i += text_decode(s + i, len - i, &cp);
        full += cp == '\t' || cp == '\n' || text_cp_refused(cp) ? 1 : text_cp_width(cp);
    }
    int room = full <= width ? width : (width > ellw ? width - ellw : width);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = text_decode(s + i, len - i, &cp), n = step;
        const char *c = s + i;
        int cw = text_cp_width(cp);
        if (cp == '\t' || cp == '\n') {
            c = " ", n = 1, cw = 1;
        } else if (cp == 0xFFFD || text_cp_refused(cp)) { /* a bad byte too */
            c = TEXT_REPLACEMENT, n = 3, cw = 1;
        }
        if (cols + cw > room || cut_put(out, outlen, &used, c, n) != 0)
            break;
        cols += cw;
        i += step;
    }
    if (full > width && width > ellw && cut_put(out, outlen, &used, ell, strlen(ell)) == 0)
        cols += ellw;
    return cols;
}
