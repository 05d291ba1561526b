/* SPDX-License-Identifier: BSD-2-Clause */
/* markdown: escaping by place (CommonMark 0.31, with GitHub's
 * strikethrough), each rule the one construct it keeps from starting. */
#include "src/markdown.h"

#include <string.h>

/* The character at i of the n bytes of s, a line break read as a space,
 * and ' ' outside the text (its ends are like blanks to the rules). */
static unsigned char at(const char *s, size_t n, size_t i)
{
    unsigned char c = i < n ? (unsigned char)s[i] : ' ';
    return c == '\n' || c == '\r' ? ' ' : c;
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_punct(unsigned char c)
{
    return c > ' ' && c < 0x7f && !ascii_alnum(c);
}

/* Length of the run of c starting at i. */
static size_t run_len(const char *s, size_t n, size_t i, unsigned char c)
{
    size_t j = i;
    while (j < n && at(s, n, j) == c)
        j++;
    return j - i;
}

/* "---", "* * *", "___": a thematic break (3 or more of one of -*_, blanks
 * between). */
static int thematic_break(const char *s, size_t n, size_t i)
{
    unsigned char c = at(s, n, i);
    int count = 0;
    if (c != '-' && c != '*' && c != '_')
        return 0;
    for (; i < n; i++) {
        unsigned char d = at(s, n, i);
        if (d == c)
            count++;
        else if (!blank(d))
            return 0;
    }
    return count >= 3;
}

/* Offset from i of the character whose escape keeps a block starting at
 * i from being a heading, quote, list, thematic break or fence; -1 when
 * nothing there starts one. */
static long block_mark(const char *s, size_t n, size_t i)
{
    unsigned char c = at(s, n, i);
    size_t r;
    if (c == '#') {
        r = run_len(s, n, i, '#');
        return r <= 6 && blank(at(s, n, i + r)) ? 0 : -1;
    }
    if (c == '>' || thematic_break(s, n, i))
        return 0;
    if ((c == '-' || c == '+' || c == '*') && blank(at(s, n, i + 1)))
        return 0;
    if (c == '~')
        return run_len(s, n, i, '~') >= 3 ? 0 : -1;
    for (r = 0; r < 9 && at(s, n, i + r) >= '0' && at(s, n, i + r) <= '9'; r++)
        ;
    if (r > 0 && (at(s, n, i + r) == '.' || at(s, n, i + r) == ')') && blank(at(s, n, i + r + 1)))
        return (long)r; /* "1. " or "1) ": an ordered list */
    return -1;
}

/* Whether the delimiter run of c at [i, i + len) can open or close
 * emphasis (or, for '~', strikethrough): not when blanks are on both
 * sides, nor for '_' between two letters or digits (intraword). */
static int delimiter_live(const char *s, size_t n, size_t i, size_t len, unsigned char c)
{
    unsigned char before = i > 0 ? at(s, n, i - 1) : ' ', after = at(s, n, i + len);
    if (blank(before) && blank(after))
        return 0;
    return !(c == '_' && ascii_alnum(before) && ascii_alnum(after));
}

/* "&amp;", "&#35;", "&#x23;": an entity or a character reference. */
static int entity_at(const char *s, size_t n, size_t i)
{
    size_t j = i + 1, k;
    if (at(s, n, j) == '#')
        j++;
    for (k = j; k < n && k - j < 32 && ascii_alnum(at(s, n, k)); k++)
        ;
    return k > j && at(s, n, k) == ';';
}

/* Whether the inline character at i needs a backslash. */
static int inline_mark(const char *s, size_t n, size_t i)
{
    unsigned char c = at(s, n, i), next = at(s, n, i + 1);
    switch (c) {
    case '\\': return ascii_punct(next); /* else it is no escape */
    case '`': return 1;
    case '[': return memchr(s + i, ']', n - i) != NULL; /* a link needs its ] */
    case '<':
        return (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' ||
               next == '!' || next == '?';
    case '&': return entity_at(s, n, i);
    default: return 0;
    }
}

/* In a heading, "#" ending it after a blank would be read as its closing
 * sequence and dropped. */
static int heading_tail(const char *s, size_t n, size_t i)
{
    if (at(s, n, i) != '#' || (i > 0 && at(s, n, i - 1) == '#'))
        return 0;
    size_t j = i + run_len(s, n, i, '#');
    while (j < n && blank(at(s, n, j)))
        j++;
    return j >= n && i > 0 && blank(at(s, n, i - 1));
}

void md_write_text(FILE *f, const char *s, enum md_place place)
{
    if (!s)
        return;
    size_t n = strlen(s), i = 0;
    if (place != MD_INLINE)
        while (i < n && blank(at(s, n, i)))
            i++;
    long mark = place != MD_INLINE ? block_mark(s, n, i) : -1;
    size_t mark_at = mark >= 0 ? i + (size_t)mark : (size_t)-1;
    while (i < n) {
        unsigned char c = at(s, n, i);
        if (c == '*' || c == '_' || c == '~') {
            size_t len = run_len(s, n, i, c);
            int live = delimiter_live(s, n, i, len, c) || (i <= mark_at && mark_at < i + len);
            for (size_t k = 0; k < len; k++) {
                if (live)
                    fputc('\\', f);
                fputc(c, f);
            }
            i += len;
            continue;
        }
        if (i == mark_at || inline_mark(s, n, i) || (place == MD_HEADING && heading_tail(s, n, i)))
            fputc('\\', f);
        fputc(c, f);
        i++;
    }
}
