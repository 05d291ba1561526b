/* SPDX-License-Identifier: BSD-2-Clause */
/* jsonr: a strict pull reader of JSON (RFC 8259) over a FILE *, for the
 * import of unknot's own exports. Pure: libc only, no heap; memory does not
 * grow with the input, so a large export streams through a fixed buffer.
 *
 *     struct jsonr r;                      (~8 KB: keep it off small stacks)
 *     struct jsonr_token t;
 *     jsonr_init(&r, f);
 *     while ((rc = jsonr_next(&r, &t, err, sizeof err)) == 1) use(&t);
 *     rc == 0: the document ended well; rc == -1: err says "line N: ...".
 *
 * Accepted: objects, arrays, strings (escapes \" \\ \/ \b \f \n \r \t and
 * \uXXXX, surrogate pairs joined), whole numbers that fit int64_t, null,
 * true and false, blanks (space, tab, CR, LF) between tokens, exactly one
 * top-level value. Refused, with a one-line message naming the physical
 * line (counted from 1 by LF bytes): numbers with a fraction or exponent,
 * leading zeros, "-" alone, numbers out of range; a raw control character
 * or invalid UTF-8 in a string (overlong forms, surrogates, above
 * U+10FFFF); \u0000; a lone or reversed surrogate escape; unknown escapes;
 * a missing or extra comma, colon or bracket; a key that is not a string;
 * anything after the top-level value; nesting deeper than JSONR_MAX_DEPTH;
 * a string longer than JSONR_STRING_MAX bytes once decoded; a byte order
 * mark; a read error; the end of the input inside a value.
 */
#ifndef UNKNOT_JSONR_H
#define UNKNOT_JSONR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/util.h"

#define JSONR_MAX_DEPTH 16      /* nested objects and arrays */
#define JSONR_STRING_MAX 8192   /* bytes of one decoded string, without its NUL */

enum jsonr_type {
    JSONR_OBJECT,     /* '{' */
    JSONR_OBJECT_END, /* '}' */
    JSONR_ARRAY,      /* '[' */
    JSONR_ARRAY_END,  /* ']' */
    JSONR_KEY,        /* a member name: str, len */
    JSONR_STRING,     /* str, len */
    JSONR_INT,        /* num */
    JSONR_NULL,
    JSONR_TRUE,
    JSONR_FALSE,
};

/* One token. str points into the reader and is valid until the next call;
 * it is NUL-terminated and holds no NUL (\u0000 is refused), so len is its
 * strlen. */
struct jsonr_token {
    enum jsonr_type type;
    long line; /* physical line where the token starts */
    const char *str;
    size_t len;
    int64_t num;
};

/* Reader state; caller-owned. The FILE is borrowed, never closed. */
struct jsonr {
    FILE *f;
    long line;
    int peek;       /* a byte read ahead, or -1 */
    int depth;
    unsigned char stack[JSONR_MAX_DEPTH]; /* '{' or '[' per open level */
    int expect;     /* what may come next (private) */
    int failed;
    char err[UNKNOT_ERR_LEN];
    char buf[JSONR_STRING_MAX + 1];
};

/* Prepares r to read one JSON document from f's current position. */
void jsonr_init(struct jsonr *r, FILE *f);

/* Reads the next token. Returns 1 with *tok filled, 0 when the document
 * has ended (after its top-level value and trailing blanks, at the end of
 * the input), -1 with a one-line message "line N: ..." in err (err may be
 * NULL). After an error every call returns -1 with the same message. */
int jsonr_next(struct jsonr *r, struct jsonr_token *tok, char *err, size_t errlen);

/* "object", "end of object", "array", ..., "null": for messages. */
const char *jsonr_type_name(enum jsonr_type type);

#endif
