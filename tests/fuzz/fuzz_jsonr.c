/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for src/jsonr.c: every input is read to its end or to a
 * one-line "line N: ..." error naming a line that exists; tokens come on
 * non-decreasing lines, strings are valid UTF-8 without NUL or raw control
 * bytes other than those escapes produce, nesting stays balanced, and the
 * reader never reads past its input. Anything else aborts, so the fuzzer
 * reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/memfile.h"
#include "src/jsonr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct jsonr reader;

static void check_message(const char *err, long max_line)
{
    long line = 0;
    if (sscanf(err, "line %ld: ", &line) != 1 || line < 1 || line > max_line ||
        strchr(err, '\n') != NULL || strlen(err) >= UNKNOT_ERR_LEN)
        abort();
}

/* Well-formed UTF-8 (the reader's decoded strings must be). */
static void check_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > len || c == 0)
            abort();
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                abort();
        i += n;
    }
}

static void check_token(const struct jsonr_token *t, long *last, int *depth)
{
    if (t->line < *last)
        abort();
    *last = t->line;
    switch (t->type) {
    case JSONR_OBJECT:
    case JSONR_ARRAY: ++*depth; break;
    case JSONR_OBJECT_END:
    case JSONR_ARRAY_END:
        if (--*depth < 0)
            abort();
        break;
    case JSONR_KEY:
    case JSONR_STRING:
        if (!t->str || strlen(t->str) != t->len || t->len > JSONR_STRING_MAX)
            abort();
        check_utf8((const unsigned char *)t->str, t->len);
        break;
    default: break;
    }
    if (*depth > JSONR_MAX_DEPTH)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jsonr_token t;
    char err[UNKNOT_ERR_LEN] = "";
    long max_line = 1, last = 0;
    int depth = 0, rc;
    for (size_t i = 0; i < size; i++)
        max_line += data[i] == '\n';
    FILE *f = memfile_open(data, size);
    if (!f)
        return 0;
    jsonr_init(&reader, f);
    while ((rc = jsonr_next(&reader, &t, err, sizeof err)) == 1)
        check_token(&t, &last, &depth);
    if (rc == -1)
        check_message(err, max_line);
    else if (depth != 0)
        abort(); /* a complete document closes what it opens */
    fclose(f);
    return 0;
}

#define FUZZ_NAME "fuzz_jsonr"
#include "tests/fuzz/replay.h"
