/* SPDX-License-Identifier: BSD-2-Clause */
/* jsonr: a strict, streaming JSON pull reader (see jsonr.h). */
#include "src/jsonr.h"

#include <stdarg.h>
#include <string.h>

#include "src/text.h"
#include "src/util.h"

/* What may come next. */
enum expect {
    EX_VALUE,        /* a value: top level, after ':' or after ',' in an array */
    EX_VALUE_OR_END, /* just after '[' */
    EX_KEY,          /* after ',' in an object */
    EX_KEY_OR_END,   /* just after '{' */
    EX_COLON,        /* after a key */
    EX_AFTER,        /* after a value inside a container: ',' or its closing bracket */
    EX_DONE,         /* the top-level value is complete: blanks, then the end */
};

PRINTF_LIKE(3, 4) static int fail(struct jsonr *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_at_linev(r->err, sizeof r->err, line, fmt, ap);
    va_end(ap);
    r->failed = 1;
    return -1;
}

/* Reads one byte, counting lines as it is consumed. */
static int rd(struct jsonr *r)
{
    int c;
    if (r->peek >= 0) {
        c = r->peek;
        r->peek = -1;
    } else {
        c = getc(r->f);
    }
    if (c == '\n')
        r->line++;
    return c;
}

/* Puts back the byte rd just returned (one at most). */
static void unrd(struct jsonr *r, int c)
{
    if (c == EOF)
        return;
    if (c == '\n')
        r->line--;
    r->peek = c;
}

/* A byte as a message shows it: 'x', the end of the input, or its code. */
static void describe(struct jsonr *r, int c, char *buf, size_t len)
{
    if (c == EOF)
        snprintf(buf, len, ferror(r->f) ? "a read error" : "the end of the input");
    else if (c > 0x20 && c < 0x7F)
        snprintf(buf, len, "'%c'", c);
    else if (c == '\n')
        snprintf(buf, len, "a line end");
    else
        snprintf(buf, len, "byte 0x%02X", (unsigned)c);
}

static int fail_found(struct jsonr *r, long line, const char *wanted, int c)
{
    char found[32];
    describe(r, c, found, sizeof found);
    return fail(r, line, "expected %s, found %s", wanted, found);
}

void jsonr_init(struct jsonr *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->line = 1;
    r->peek = -1;
    r->expect = EX_VALUE;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- strings -------------------------------------------------------------- */

static int put_byte(struct jsonr *r, size_t *n, int c, long line)
{
    if (*n >= JSONR_STRING_MAX)
        return fail(r, line, "string longer than %d bytes", JSONR_STRING_MAX);
    r->buf[(*n)++] = (char)c;
    return 0;
}

static int put_code_point(struct jsonr *r, size_t *n, unsigned long cp, long line)
{
    unsigned char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | cp >> 18);
        b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    for (size_t i = 0; i < k; i++)
        if (put_byte(r, n, b[i], line) != 0)
            return -1;
    return 0;
}

/* Reads the four hex digits of \uXXXX. Returns the value or -1. */
static long hex4(struct jsonr *r)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int c = rd(r);
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            unrd(r, c);
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/* \uXXXX, the backslash and u already read; joins a surrogate pair. */
static int unicode_escape(struct jsonr *r, size_t *n)
{
    long line = r->line;
    long hi = hex4(r);
    if (hi < 0)
        return fail(r, line, "\\u must be followed by four hex digits");
    if (hi == 0)
        return fail(r, line, "\\u0000 is not allowed in a string");
    if (hi >= 0xDC00 && hi <= 0xDFFF)
        return fail(r, line, "lone low surrogate \\u%04lX: it must follow a high one",
                    (unsigned long)hi);
    if (hi < 0xD800 || hi > 0xDBFF)
        return put_code_point(r, n, (unsigned long)hi, line);
    if (rd(r) != '\\' || rd(r) != 'u')
        return fail(r, line, "high surrogate \\u%04lX must be followed by a low one (\\uDC00 to "
                             "\\uDFFF)", (unsigned long)hi);
    long lo = hex4(r);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return fail(r, line, "high surrogate \\u%04lX must be followed by a low one (\\uDC00 to "
                             "\\uDFFF)", (unsigned long)hi);
    unsigned long cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
    return put_code_point(r, n, cp, line);
}

static int escape(struct jsonr *r, size_t *n)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    long line = r->line;
    int c = rd(r);
    if (c == 'u')
        return unicode_escape(r, n);
    const char *p = c > 0 ? strchr(from, c) : NULL;
    if (!p || c == '\0') {
        char found[32];
        describe(r, c, found, sizeof found);
        return fail(r, line, "unknown escape \\ followed by %s: use \\\" \\\\ \\/ \\b \\f \\n "
                             "\\r \\t or \\uXXXX", found);
    }
    return put_byte(r, n, to[p - from], line);
}

/* A multi-byte UTF-8 sequence whose lead byte c was read: its bytes are
 * checked (no overlong forms, surrogates or values above U+10FFFF) and
 * copied. */
static int utf8_sequence(struct jsonr *r, size_t *n, int c)
{
    long line = r->line;
    unsigned char lo, hi; /* range of the first continuation byte */
    int need = text_utf8_lead((unsigned char)c, &lo, &hi);
    if (need <= 0) /* c >= 0x80: ASCII is not passed here */
        return fail(r, line, "invalid UTF-8 (byte 0x%02X) in a string", (unsigned)c);
    if (put_byte(r, n, c, line) != 0)
        return -1;
    for (int i = 0; i < need; i++) {
        int b = rd(r);
        if (b == EOF || b < lo || b > hi) {
            unrd(r, b);
            return fail(r, line, "invalid UTF-8 in a string");
        }
        if (put_byte(r, n, b, line) != 0)
            return -1;
        lo = 0x80;
        hi = 0xBF;
    }
    return 0;
}

/* Reads a string whose opening quote was read; the result is in r->buf. */
static int read_string(struct jsonr *r, size_t *len)
{
    long start = r->line;
    size_t n = 0;
    for (;;) {
        int c = rd(r);
        int rc = 0;
        if (c == '"')
            break;
        if (c == EOF)
            return fail(r, start, "the input ends inside a string that starts here");
        if (c == '\\')
            rc = escape(r, &n);
        else if (c < 0x20)
            rc = fail(r, r->line - (c == '\n'), "control character 0x%02X in a string: write "
                                                "it as an escape such as \\n", (unsigned)c);
        else if (c < 0x80)
            rc = put_byte(r, &n, c, r->line);
        else
            rc = utf8_sequence(r, &n, c);
        if (rc != 0)
            return -1;
    }
    r->buf[n] = '\0';
    *len = n;
    return 0;
}

/* ---- numbers and words ------------------------------------------------------ */

/* A whole number whose first byte c ('-' or a digit) was read. */
static int read_number(struct jsonr *r, int c, int64_t *out)
{
    long line = r->line;
    int neg = c == '-';
    int digits = 0;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (neg)
        c = rd(r);
    int first = c;
    while (c >= '0' && c <= '9') {
        if (digits == 1 && first == '0')
            return fail(r, line, "numbers may not have leading zeros");
        if (v > (limit - (uint64_t)(c - '0')) / 10)
            return fail(r, line, "number out of range");
        v = v * 10 + (uint64_t)(c - '0');
        digits++;
        c = rd(r);
    }
    if (digits == 0)
        return fail_found(r, line, "a digit", c);
    if (c == '.' || c == 'e' || c == 'E')
        return fail(r, line, "numbers must be whole (no fraction or exponent)");
    unrd(r, c);
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

/* null, true or false, the first letter c read. */
static int read_word(struct jsonr *r, int c, enum jsonr_type *type)
{
    static const char *const words[] = {"null", "true", "false"};
    static const enum jsonr_type types[] = {JSONR_NULL, JSONR_TRUE, JSONR_FALSE};
    long line = r->line;
    for (size_t i = 0; i < 3; i++) {
        if (c != words[i][0])
            continue;
        for (const char *w = words[i] + 1; *w; w++)
            if (rd(r) != *w)
                return fail(r, line, "unknown word: use null, true, false, a number or a "
                                     "quoted string");
        *type = types[i];
        return 0;
    }
    return fail_found(r, line, "a value", c);
}

/* ---- structure ----------------------------------------------------------- */

static void after_value(struct jsonr *r)
{
    r->expect = r->depth == 0 ? EX_DONE : EX_AFTER;
}

static int open_level(struct jsonr *r, int c, struct jsonr_token *tok)
{
    if (r->depth >= JSONR_MAX_DEPTH)
        return fail(r, tok->line, "nested deeper than %d levels", JSONR_MAX_DEPTH);
    r->stack[r->depth++] = (unsigned char)c;
    tok->type = c == '{' ? JSONR_OBJECT : JSONR_ARRAY;
    r->expect = c == '{' ? EX_KEY_OR_END : EX_VALUE_OR_END;
    return 1;
}

static int close_level(struct jsonr *r, struct jsonr_token *tok)
{
    tok->type = r->stack[--r->depth] == '{' ? JSONR_OBJECT_END : JSONR_ARRAY_END;
    after_value(r);
    return 1;
}

static int value(struct jsonr *r, int c, struct jsonr_token *tok)
{
    if (c == '{' || c == '[')
        return open_level(r, c, tok);
    if (c == '"') {
        if (read_string(r, &tok->len) != 0)
            return -1;
        tok->type = JSONR_STRING;
        tok->str = r->buf;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (read_number(r, c, &tok->num) != 0)
            return -1;
        tok->type = JSONR_INT;
    } else if (c >= 'a' && c <= 'z') {
        if (read_word(r, c, &tok->type) != 0)
            return -1;
    } else {
        return fail_found(r, tok->line, "a value", c);
    }
    after_value(r);
    return 1;
}

static int key(struct jsonr *r, int c, struct jsonr_token *tok)
{
    if (c == '}' && r->expect == EX_KEY_OR_END)
        return close_level(r, tok);
    if (c != '"')
        return fail_found(r, tok->line, r->expect == EX_KEY ? "a key in quotes (no comma "
                                                               "before a closing brace)"
                                                             : "a key in quotes or '}'", c);
    if (read_string(r, &tok->len) != 0)
        return -1;
    tok->type = JSONR_KEY;
    tok->str = r->buf;
    r->expect = EX_COLON;
    return 1;
}

/* After a value in a container: ',' goes on (0: read again), the matching
 * bracket closes (1: a token). */
static int after(struct jsonr *r, int c, struct jsonr_token *tok)
{
    int top = r->stack[r->depth - 1];
    if (c == ',') {
        r->expect = top == '{' ? EX_KEY : EX_VALUE;
        return 0;
    }
    if ((c == '}' && top == '{') || (c == ']' && top == '['))
        return close_level(r, tok);
    return fail_found(r, tok->line, top == '{' ? "',' or '}'" : "',' or ']'", c);
}

static int step(struct jsonr *r, int c, struct jsonr_token *tok)
{
    switch (r->expect) {
    case EX_DONE:
        if (c == EOF)
            return ferror(r->f) ? fail(r, tok->line, "cannot read the input") : 2;
        return fail_found(r, tok->line, "the end of the input after the top-level value", c);
    case EX_COLON:
        if (c != ':')
            return fail_found(r, tok->line, "':' after a key", c);
        r->expect = EX_VALUE;
        return 0;
    case EX_AFTER: return after(r, c, tok);
    case EX_KEY:
    case EX_KEY_OR_END: return key(r, c, tok);
    case EX_VALUE_OR_END:
        if (c == ']')
            return close_level(r, tok);
        return value(r, c, tok);
    default:
        if (c == ']')
            return fail(r, tok->line, "expected a value, found ']' (no comma before a closing "
                                      "bracket)");
        return value(r, c, tok);
    }
}

int jsonr_next(struct jsonr *r, struct jsonr_token *tok, char *err, size_t errlen)
{
    int rc = 0;
    memset(tok, 0, sizeof *tok);
    while (!r->failed && rc == 0) {
        int c;
        do
            c = rd(r);
        while (is_blank(c));
        tok->line = r->line;
        if (c == EOF && r->expect != EX_DONE) {
            if (ferror(r->f))
                fail(r, tok->line, "cannot read the input");
            else if (r->depth == 0)
                fail(r, tok->line, "the input ends before any value");
            else
                fail(r, tok->line, "the input ends inside an %s",
                     r->stack[r->depth - 1] == '{' ? "object" : "array");
            break;
        }
        rc = step(r, c, tok);
    }
    if (r->failed) {
        if (err && errlen)
            snprintf(err, errlen, "%s", r->err);
        return -1;
    }
    return rc == 2 ? 0 : 1;
}

const char *jsonr_type_name(enum jsonr_type type)
{
    static const char *const names[] = {
        [JSONR_OBJECT] = "an object",   [JSONR_OBJECT_END] = "the end of an object",
        [JSONR_ARRAY] = "an array",     [JSONR_ARRAY_END] = "the end of an array",
        [JSONR_KEY] = "a key",          [JSONR_STRING] = "a string",
        [JSONR_INT] = "a number",       [JSONR_NULL] = "null",
        [JSONR_TRUE] = "true",          [JSONR_FALSE] = "false",
    };
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}
