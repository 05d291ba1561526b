/* SPDX-License-Identifier: BSD-2-Clause */
/* csv: RFC 4180 comma-separated values, written and read over a FILE *.
 * Pure: libc only, no heap.
 *
 * Writing. Fields are written as they are; a field is quoted (and its
 * quotes doubled) when it holds a comma, a quote, CR or LF, when it is
 * empty (so that a row of one empty field is not a blank line, which the
 * reader skips) and when it starts with a UTF-8 byte order mark (which
 * the reader drops at the start of the input). Rows end with CRLF.
 *
 * Reading. One record at a time into a caller buffer, with at most
 * CSV_MAX_FIELDS fields of at most CSV_FIELD_MAX bytes each. Accepted:
 * quoted fields with commas, doubled quotes, CR and LF inside (so a record
 * may span physical lines); CRLF or LF line ends; a last record without a
 * line end; a UTF-8 byte order mark at the very start. Blank lines between
 * records are skipped. Spaces are data: nothing is trimmed. Refused, with
 * a one-line message "line N: ..." naming the physical line (counted from
 * 1 by LF bytes, inside quotes too): a quote inside an unquoted field, a
 * character other than a comma or line end after a closing quote, a
 * quoted field still open at the end of the input (N is the line where it
 * opened), a CR not followed by LF outside quotes, a NUL byte, invalid
 * UTF-8 (overlong forms, surrogates, above U+10FFFF, truncated sequences),
 * too many fields, a field or record too long, a read error.
 */
#ifndef UNKNOT_CSV_H
#define UNKNOT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "src/util.h"

#define CSV_MAX_FIELDS 32  /* fields of one record */
#define CSV_FIELD_MAX 8192 /* bytes of one field, without its NUL */
/* A buffer of this size holds any record the limits allow. */
#define CSV_RECORD_BUF ((size_t)CSV_MAX_FIELDS * (CSV_FIELD_MAX + 1))

/* ---- writing ------------------------------------------------------------ */

/* Writes one field (NULL writes an empty one), quoted when needed, with no
 * separator. Returns 0, or -1 when the stream reports a write error. */
int csv_write_field(FILE *f, const char *field);

/* Writes the comma between two fields of a row. Returns 0 or -1. */
int csv_write_sep(FILE *f);

/* Ends a row with CRLF. Returns 0 or -1. */
int csv_end_row(FILE *f);

/* Writes n fields separated by commas and ends the row. Returns 0 or -1. */
int csv_write_row(FILE *f, const char *const *fields, size_t n);

/* Formula guard for free-text fields. A spreadsheet evaluates a field that
 * starts with '=', '+', '-' or '@'; written guarded, such a field gets a
 * leading apostrophe, and so does one that already starts with an
 * apostrophe, so that unguarding is exact: it removes a leading apostrophe
 * only when the next byte is one of "=+-@'". Every string s satisfies
 * unguard(guard(s)) == s byte for byte. Numbers and codes are not guarded:
 * a negative number must stay a number. */

/* 1 when s needs the guard's apostrophe. */
int csv_needs_guard(const char *s);

/* Removes the guard from the field s[0 .. *len): returns s or s + 1 and
 * shortens *len to match. */
const char *csv_unguard(const char *s, size_t *len);

/* ---- reading ------------------------------------------------------------ */

/* Reader state; caller-owned, set up by csv_reader_init. The FILE is
 * borrowed: it must stay open while the reader is used, and the reader
 * never closes it. */
struct csv_reader {
    FILE *f;
    long line;             /* physical line of the next byte, from 1 */
    int started;           /* the byte order mark check is done */
    unsigned char pend[3]; /* bytes read while looking for the mark */
    int npend, ipend;
    int failed; /* an error was met: every later read repeats it */
    char err[UNKNOT_ERR_LEN];
};

/* One record. fields[i] points into the caller's buffer, NUL-terminated;
 * lens[i] is its length in bytes (fields hold no NUL, so it is strlen). */
struct csv_record {
    size_t nfields;
    long line; /* physical line where the record starts */
    char *fields[CSV_MAX_FIELDS];
    size_t lens[CSV_MAX_FIELDS];
};

/* Prepares r to read f from its current position, counting lines from 1. */
void csv_reader_init(struct csv_reader *r, FILE *f);

/* Reads the next record into buf (buflen bytes: the fields with a NUL
 * after each; CSV_RECORD_BUF is always enough) and fills *rec. Returns 1
 * with a record, 0 at the end of the input (no record), or -1 with a
 * one-line message in err ("line 57: ...", err may be NULL). After an
 * error the reader stays failed and returns -1 with the same message;
 * buf and *rec then hold nothing usable. */
int csv_read(struct csv_reader *r, char *buf, size_t buflen, struct csv_record *rec, char *err,
             size_t errlen);

#endif
