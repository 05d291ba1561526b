/* SPDX-License-Identifier: BSD-2-Clause */
/* csv: RFC 4180 writer and a streaming, validating reader. */
#include "src/csv.h"

#include <stdarg.h>
#include <string.h>

#include "src/text.h"
#include "src/util.h"

#define BOM "\xEF\xBB\xBF"

/* ---- writing ------------------------------------------------------------ */

static int needs_quotes(const char *s)
{
    /* Empty: a lone empty field must not read back as a skipped blank line.
     * BOM: the reader drops one at the start of the input. */
    return s[0] == '\0' || strncmp(s, BOM, 3) == 0 || strpbrk(s, ",\"\r\n") != NULL;
}

int csv_write_field(FILE *f, const char *field)
{
    const char *s = field ? field : "";
    if (!needs_quotes(s)) {
        fputs(s, f);
        return ferror(f) ? -1 : 0;
    }
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
    return ferror(f) ? -1 : 0;
}

int csv_write_sep(FILE *f)
{
    return putc(',', f) == EOF ? -1 : 0;
}

int csv_end_row(FILE *f)
{
    return fputs("\r\n", f) == EOF ? -1 : 0;
}

int csv_write_row(FILE *f, const char *const *fields, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            rc |= csv_write_sep(f);
        rc |= csv_write_field(f, fields[i]);
    }
    rc |= csv_end_row(f);
    return rc ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------ */

/* Incremental UTF-8 check: need continuation bytes remain, each in
 * [lo, hi] (the first one's range excludes overlong forms, surrogates and
 * code points above U+10FFFF). */
struct utf8 {
    int need;
    unsigned char lo, hi;
};

/* State of one csv_read call. */
struct parse {
    struct csv_reader *r;
    char *buf;
    size_t buflen, used;
    struct csv_record *rec;
    long at;          /* physical line of the byte last read */
    long field_line;  /* line where the current field began */
    size_t field_len; /* bytes of the current field so far */
    struct utf8 u;
};

#define ERR_EOF (-2) /* next_byte: an error was recorded (EOF is plain EOF) */

PRINTF_LIKE(3, 4) static int fail(struct parse *p, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_at_linev(p->r->err, sizeof p->r->err, line, fmt, ap);
    va_end(ap);
    p->r->failed = 1;
    return ERR_EOF;
}

static int utf8_step(struct utf8 *u, unsigned char c)
{
    if (u->need > 0) {
        if (c < u->lo || c > u->hi)
            return -1;
        u->need--;
        u->lo = 0x80;
        u->hi = 0xBF;
        return 0;
    }
    int need = text_utf8_lead(c, &u->lo, &u->hi);
    if (need < 0)
        return -1;
    u->need = need;
    return 0;
}

static int raw_byte(struct parse *p)
{
    struct csv_reader *r = p->r;
    if (r->ipend < r->npend)
        return r->pend[r->ipend++];
    return getc(p->r->f);
}

/* The next byte, checked (UTF-8, no NUL) and line-counted; EOF at the end;
 * ERR_EOF after recording an error. */
static int next_byte(struct parse *p)
{
    int c = raw_byte(p);
    p->at = p->r->line;
    if (c == EOF) {
        if (ferror(p->r->f))
            return fail(p, p->at, "read error");
        if (p->u.need > 0)
            return fail(p, p->at,
                        "invalid UTF-8: a multi-byte character is cut short at the "
                        "end of the input");
        return EOF;
    }
    if (c == '\0')
        return fail(p, p->at, "NUL byte: the file is not text");
    if (utf8_step(&p->u, (unsigned char)c) != 0) {
        if (p->u.need > 0)
            return fail(p, p->at, "invalid UTF-8: byte 0x%02X inside a multi-byte character", c);
        return fail(p, p->at, "invalid UTF-8: byte 0x%02X", c);
    }
    if (c == '\n')
        p->r->line++;
    return c;
}

/* Drops a byte order mark at the very start of the input; any bytes read
 * that are not one are replayed by raw_byte. */
static void skip_bom(struct csv_reader *r)
{
    if (r->started)
        return;
    r->started = 1;
    for (int i = 0; i < 3; i++) {
        int c = getc(r->f);
        if (c == EOF)
            break;
        r->pend[r->npend++] = (unsigned char)c;
        if (r->pend[i] != (unsigned char)BOM[i])
            break;
    }
    if (r->npend == 3 && memcmp(r->pend, BOM, 3) == 0)
        r->npend = 0;
}

/* After a CR outside quotes: the LF that must follow. Returns '\n' or an
 * error. */
static int expect_lf(struct parse *p)
{
    int c = next_byte(p);
    if (c == ERR_EOF || c == '\n')
        return c;
    return fail(p, p->at, "carriage return without a line feed: end lines with CRLF or LF");
}

static int append(struct parse *p, int c)
{
    if (p->field_len >= CSV_FIELD_MAX)
        return fail(p, p->field_line, "field too long: at most %d bytes", CSV_FIELD_MAX);
    if (p->used + 2 > p->buflen) /* this byte and the field's NUL */
        return fail(p, p->rec->line, "record too long: at most %zu bytes", p->buflen);
    p->buf[p->used++] = (char)c;
    p->field_len++;
    return 0;
}

/* Reads an unquoted field whose first byte is c. Returns the byte that
 * ended it (',', '\n' or EOF), or ERR_EOF. */
static int read_unquoted(struct parse *p, int c)
{
    for (;;) {
        if (c == ERR_EOF || c == ',' || c == '\n' || c == EOF)
            return c;
        if (c == '\r')
            return expect_lf(p);
        if (c == '"')
            return fail(p, p->at,
                        "quote inside an unquoted field: quote the whole field "
                        "and double the quote (\"\")");
        if (append(p, c) != 0)
            return ERR_EOF;
        c = next_byte(p);
    }
}

/* Reads a quoted field; the opening quote is consumed. Returns the byte
 * after the closing quote (',', '\n' or EOF), or ERR_EOF. */
static int read_quoted(struct parse *p)
{
    long opened = p->at;
    for (;;) {
        int c = next_byte(p);
        if (c == ERR_EOF)
            return c;
        if (c == EOF)
            return fail(p, opened, "quoted field never closed: the input ends inside it");
        if (c == '"') {
            c = next_byte(p);
            if (c != '"') {
                if (c == ERR_EOF || c == ',' || c == '\n' || c == EOF)
                    return c;
                if (c == '\r')
                    return expect_lf(p);
                return fail(p, p->at,
                            "text after a closing quote: write a quote inside a "
                            "quoted field as \"\"");
            }
        }
        if (append(p, c) != 0)
            return ERR_EOF;
    }
}

/* Skips blank lines. Returns the first byte of a record, EOF or ERR_EOF. */
static int record_start(struct parse *p)
{
    for (;;) {
        int c = next_byte(p);
        if (c == '\r')
            c = expect_lf(p);
        if (c != '\n')
            return c;
    }
}

static int begin_field(struct parse *p)
{
    if (p->rec->nfields == CSV_MAX_FIELDS)
        return fail(p, p->at, "too many fields: at most %d", CSV_MAX_FIELDS);
    p->field_line = p->at;
    p->field_len = 0;
    p->rec->fields[p->rec->nfields] = p->buf + p->used;
    return 0;
}

static void end_field(struct parse *p)
{
    p->buf[p->used++] = '\0'; /* room checked by read_record */
    p->rec->lens[p->rec->nfields++] = p->field_len;
}

static int read_record(struct parse *p)
{
    int c = record_start(p);
    if (c == EOF || c == ERR_EOF)
        return c == EOF ? 0 : -1;
    p->rec->line = p->at;
    for (;;) {
        if (begin_field(p) != 0)
            return -1;
        if (c == '"')
            c = read_quoted(p);
        else
            c = read_unquoted(p, c);
        if (c == ERR_EOF)
            return -1;
        if (p->used + 1 > p->buflen) { /* an empty field still needs its NUL */
            fail(p, p->rec->line, "record too long: at most %zu bytes", p->buflen);
            return -1;
        }
        end_field(p);
        if (c != ',')
            return 1;
        c = next_byte(p);
    }
}

void csv_reader_init(struct csv_reader *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->line = 1;
}

int csv_read(struct csv_reader *r, char *buf, size_t buflen, struct csv_record *rec, char *err,
             size_t errlen)
{
    struct parse p;
    int rc;
    if (!r->failed) {
        memset(&p, 0, sizeof p);
        p.r = r;
        p.buf = buf;
        p.buflen = buf ? buflen : 0;
        p.rec = rec;
        rec->nfields = 0;
        rec->line = r->line;
        skip_bom(r);
        rc = read_record(&p);
        if (rc >= 0)
            return rc;
    }
    if (err && errlen > 0)
        snprintf(err, errlen, "%s", r->err);
    return -1;
}

/* ---- formula guard ---------------------------------------------------- */

static int guarded_start(char c)
{
    return c != '\0' && strchr("=+-@'", c) != NULL;
}

int csv_needs_guard(const char *s)
{
    return guarded_start(s[0]);
}

const char *csv_unguard(const char *s, size_t *len)
{
    if (*len >= 2 && s[0] == '\'' && guarded_start(s[1])) {
        (*len)--;
        return s + 1;
    }
    return s;
}
