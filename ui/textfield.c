/* SPDX-License-Identifier: BSD-2-Clause */
/* textfield: a single-line editor over wide characters, see textfield.h.
 *
 * UTF-8 is encoded and decoded here rather than with mbrtowc/wcrtomb: the
 * database holds UTF-8 whatever the locale, and a locale-free codec keeps
 * the text intact (and testable) even under LC_ALL=C. */
#include "ui/textfield.h"

#include <stdlib.h>
#include <string.h>

#include "src/text.h"
#include "ui/keys.h"

#define TF_MIN_CAP 16
#define REPLACEMENT 0xFFFD

void textfield_init(struct textfield *tf, size_t max_bytes)
{
    memset(tf, 0, sizeof(*tf));
    tf->max_bytes = max_bytes;
}

void textfield_free(struct textfield *tf)
{
    if (!tf)
        return;
    free(tf->buf);
    size_t max = tf->max_bytes;
    textfield_init(tf, max);
}

/* ---- UTF-8 ---- */

static size_t utf8_len_of(wchar_t c)
{
    unsigned long u = (unsigned long)c;
    return u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
}

/* Writes c as UTF-8 into out (room for 4 bytes); returns the length. */
static size_t utf8_put(wchar_t c, char *out)
{
    unsigned long u = (unsigned long)c;
    size_t n = utf8_len_of(c);
    static const unsigned char lead[5] = {0, 0x00, 0xC0, 0xE0, 0xF0};
    for (size_t i = n - 1; i > 0; i--) {
        out[i] = (char)(0x80 | (u & 0x3F));
        u >>= 6;
    }
    out[0] = (char)(lead[n] | u);
    return n;
}

/* Decodes one character at s (not at its end); returns the bytes used.
 * Overlong forms, surrogates, values above U+10FFFF and stray bytes
 * become U+FFFD, one byte at a time, so decoding always moves forward. */
static size_t utf8_take(const unsigned char *s, wchar_t *out)
{
    static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    unsigned long u = n == 1   ? s[0]
                      : n == 2 ? (s[0] & 0x1Fu)
                      : n == 3 ? (s[0] & 0x0Fu)
                               : (s[0] & 0x07u);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            n = 0;
            break;
        }
        u = (u << 6) | (s[i] & 0x3Fu);
    }
    if (n == 0 || u < min[n] || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
        *out = (wchar_t)REPLACEMENT;
        return 1;
    }
    *out = (wchar_t)u;
    return n;
}

static size_t utf8_bytes(const wchar_t *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += utf8_len_of(s[i]);
    return n;
}

int textfield_equals(const struct textfield *tf, const char *utf8)
{
    size_t off = 0;
    char enc[4];
    for (size_t i = 0; i < tf->len; i++) {
        size_t n = utf8_put(tf->buf[i], enc);
        /* strncmp stops at the end of utf8: a shorter text differs. */
        if (strncmp(utf8 + off, enc, n) != 0)
            return 0;
        off += n;
    }
    return utf8[off] == '\0';
}

size_t textfield_get(const struct textfield *tf, char *out, size_t outlen)
{
    size_t need = 0, wrote = 0;
    int full = !out || outlen == 0;
    char enc[4];
    for (size_t i = 0; i < tf->len; i++) {
        size_t n = utf8_put(tf->buf[i], enc);
        /* Whole characters only, and none after the first that did not fit. */
        if (!full && wrote + n < outlen) {
            memcpy(out + wrote, enc, n);
            wrote += n;
        } else {
            full = 1;
        }
        need += n;
    }
    if (out && outlen > 0)
        out[wrote] = '\0';
    return need;
}

/* ---- the buffer ---- */

static int reserve(struct textfield *tf, size_t chars)
{
    if (tf->buf && chars <= tf->cap)
        return 0;
    size_t cap = tf->cap > TF_MIN_CAP ? tf->cap : TF_MIN_CAP;
    while (cap < chars)
        cap *= 2;
    wchar_t *b = realloc(tf->buf, (cap + 1) * sizeof(*b));
    if (!b)
        return -1;
    if (!tf->buf)
        b[0] = L'\0';
    tf->buf = b;
    tf->cap = cap;
    return 0;
}

int textfield_set(struct textfield *tf, const char *utf8)
{
    size_t blen = strlen(utf8);
    wchar_t *b = malloc((blen + 1) * sizeof(*b));
    if (!b)
        return -1;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p)
        p += utf8_take(p, &b[n++]);
    b[n] = L'\0';
    if (tf->max_bytes && utf8_bytes(b, n) > tf->max_bytes) {
        free(b);
        return -1;
    }
    free(tf->buf);
    tf->buf = b;
    tf->cap = blen;
    tf->len = tf->cursor = n;
    tf->scroll = 0;
    return 0;
}

/* What may be typed: nothing text.h refuses (controls, bidi, zero-width),
 * no surrogates. */
static int insertable(wint_t c)
{
    return c <= 0x10FFFF && !text_cp_refused((uint32_t)c) && !(c >= 0xD800 && c <= 0xDFFF);
}

static enum textfield_ret insert(struct textfield *tf, wchar_t c)
{
    if (tf->max_bytes && utf8_bytes(tf->buf, tf->len) + utf8_len_of(c) > tf->max_bytes)
        return TF_FULL;
    if (reserve(tf, tf->len + 1) != 0)
        return TF_FULL;
    memmove(tf->buf + tf->cursor + 1, tf->buf + tf->cursor,
            (tf->len - tf->cursor + 1) * sizeof(*tf->buf));
    tf->buf[tf->cursor++] = c;
    tf->len++;
    return TF_EDITED;
}

/* Erases characters [from, to); to <= len. */
static enum textfield_ret erase_range(struct textfield *tf, size_t from, size_t to)
{
    if (from >= to)
        return TF_MOVED;
    memmove(tf->buf + from, tf->buf + to, (tf->len - to + 1) * sizeof(*tf->buf));
    tf->len -= to - from;
    tf->cursor = from;
    return TF_EDITED;
}

static enum textfield_ret move_to(struct textfield *tf, size_t pos)
{
    tf->cursor = pos;
    return TF_MOVED;
}

static enum textfield_ret code_key(struct textfield *tf, int code)
{
    switch (code) {
    case KEY_LEFT: return move_to(tf, tf->cursor > 0 ? tf->cursor - 1 : 0);
    case KEY_RIGHT: return move_to(tf, tf->cursor < tf->len ? tf->cursor + 1 : tf->len);
    case KEY_HOME: return move_to(tf, 0);
    case KEY_END: return move_to(tf, tf->len);
    case KEY_BACKSPACE: return tf->cursor ? erase_range(tf, tf->cursor - 1, tf->cursor) : TF_MOVED;
    case KEY_DC:
        return tf->cursor < tf->len ? erase_range(tf, tf->cursor, tf->cursor + 1) : TF_MOVED;
    default: return TF_IGNORED;
    }
}

enum textfield_ret textfield_key(struct textfield *tf, const struct ui_key *key)
{
    if (reserve(tf, 0) != 0) /* every path below may touch buf */
        return TF_IGNORED;
    if (key->is_code)
        return code_key(tf, key->code);
    switch (key->ch) {
    case KEY_CTRL('A'): return move_to(tf, 0);
    case KEY_CTRL('E'): return move_to(tf, tf->len);
    case KEY_CTRL('H'): /* Backspace, as some terminals send it */
    case KEY_DEL: return code_key(tf, KEY_BACKSPACE);
    case KEY_CTRL('K'): return erase_range(tf, tf->cursor, tf->len);
    case KEY_CTRL('U'): return erase_range(tf, 0, tf->cursor);
    default: break;
    }
    return insertable(key->ch) ? insert(tf, (wchar_t)key->ch) : TF_IGNORED;
}

/* ---- drawing ---- */

/* Columns a character takes on screen; control and unprintable
 * characters are drawn as one placeholder column. */
static int cell_width(wchar_t c)
{
    if (text_cp_refused((uint32_t)c))
        return 1;
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

/* What is drawn for c: a newline kept from stored notes gets a visible
 * mark, so "a\nb" does not read as "a b". */
static wchar_t glyph(wchar_t c)
{
    if (c == L'\n')
        return wcwidth(0x21B5) == 1 ? (wchar_t)0x21B5 : L'~'; /* ↵ */
    if (text_cp_refused((uint32_t)c) || wcwidth(c) < 0)
        return L'?'; /* a hand-edited note: never raw to the terminal */
    return c;
}

static int cols_between(const struct textfield *tf, size_t from, size_t to)
{
    int cols = 0;
    for (size_t i = from; i < to; i++)
        cols += cell_width(tf->buf[i]);
    return cols;
}

/* Moves scroll so the cursor cell fits in width, and back again when text
 * was erased and the tail no longer fills the field. */
static void keep_cursor_visible(struct textfield *tf, int width)
{
    if (tf->scroll > tf->cursor)
        tf->scroll = tf->cursor;
    int cur = tf->cursor < tf->len ? cell_width(tf->buf[tf->cursor]) : 1;
    int used = cols_between(tf, tf->scroll, tf->cursor);
    while (tf->scroll < tf->cursor && used + cur > width)
        used -= cell_width(tf->buf[tf->scroll++]);
    int tail = cols_between(tf, tf->scroll, tf->len) + (tf->cursor == tf->len);
    while (tf->scroll > 0 && tail + cell_width(tf->buf[tf->scroll - 1]) <= width)
        tail += cell_width(tf->buf[--tf->scroll]);
}

static void put_cell(wchar_t c, attr_t attr)
{
    attron(attr);
    addnwstr(&c, 1);
    attroff(attr);
}

void textfield_draw(struct textfield *tf, int y, int x, int width, attr_t attr, int focused)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS || width <= 0)
        return;
    if (width > COLS - x)
        width = COLS - x;
    if (reserve(tf, 0) != 0)
        return;
    keep_cursor_visible(tf, width);
    /* XOR: the cursor shows even when the caller draws the field reversed. */
    attr_t cursor = attr ^ A_REVERSE;
    int used = 0;
    move(y, x);
    for (size_t i = tf->scroll; i < tf->len; i++) {
        int w = cell_width(tf->buf[i]);
        if (used + w > width)
            break;
        put_cell(glyph(tf->buf[i]), focused && i == tf->cursor ? cursor : attr);
        used += w;
    }
    if (focused && tf->cursor == tf->len && used < width) {
        put_cell(L' ', cursor);
        used++;
    }
    for (; used < width; used++)
        put_cell(L' ', attr);
}
