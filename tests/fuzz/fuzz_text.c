/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for the output escaping of src/text.c (text_clean and
 * text_write_clean, what every output of a database's text goes through):
 * whatever the bytes, the result is well-formed UTF-8 with no refused code
 * point but those `keep` lets through, cleaning it again changes nothing,
 * text already valid comes out unchanged, the stream and the buffer forms
 * agree, and a short buffer gets a prefix that stops on a character
 * boundary. The first input byte picks keep (TEXT_KEEP_TAB / _NEWLINE).
 * Anything else aborts, so the fuzzer reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Cleans s into a buffer large enough for every byte to become U+FFFD. */
static char *clean_all(const char *s, unsigned keep, size_t *n)
{
    size_t cap = strlen(s) * 3 + 1;
    char *out = malloc(cap);
    if (!out)
        abort();
    *n = text_clean(s, keep, out, cap);
    if (*n != strlen(out) || *n >= cap)
        abort();
    return out;
}

static void check_clean(const char *s, unsigned keep)
{
    size_t n, n2;
    char *out = clean_all(s, keep, &n);
    if (!text_valid_n(out, n, keep)) /* nothing refused or malformed is left */
        abort();
    char *again = clean_all(out, keep, &n2);
    if (n2 != n || memcmp(again, out, n) != 0) /* idempotent */
        abort();
    if (text_valid_n(s, strlen(s), keep) && strcmp(out, s) != 0) /* valid text untouched */
        abort();
    /* The stream form writes the same bytes. */
    char *stream = NULL;
    size_t slen = 0;
    FILE *f = open_memstream(&stream, &slen);
    if (!f)
        abort();
    text_write_clean(f, s, strlen(s), keep);
    if (fclose(f) != 0 || slen != n || memcmp(stream, out, n) != 0)
        abort();
    /* A short buffer: a prefix of the whole, cut between characters. */
    char small[8];
    size_t k = text_clean(s, keep, small, sizeof small);
    if (k >= sizeof small || memcmp(small, out, k) != 0 || !text_valid_n(small, k, keep))
        abort();
    if (text_width(out, n) < 0)
        abort();
    free(stream);
    free(again);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned keep = data[0] & (TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE);
    /* The text stops at its first NUL, as a C string from SQLite does. */
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    check_clean(text, keep);
    free(text);
    return 0;
}

#define FUZZ_NAME "fuzz_text"
#include "tests/fuzz/replay.h"
