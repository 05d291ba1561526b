/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for src/when.c: every input either parses to a value that
 * formats and parses back consistently, or is refused with a non-empty,
 * one-line message. Anything else aborts, so the fuzzer reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/when.h"

/* A fixed now (2026-03-29 12:00 CEST) in a zone with DST, so the clock
 * change paths are reachable and every run is reproducible. */
#define FUZZ_NOW INT64_C(1774778400)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    return 0;
}

static void check_message(const char *err)
{
    if (err[0] == '\0' || strchr(err, '\n') != NULL)
        abort();
}

static void check_when(const char *text)
{
    char err[256] = "", buf[WHEN_FMT_LEN], iso[WHEN_FMT_LEN];
    int64_t t = 0, back = 0;
    if (when_parse(text, FUZZ_NOW, &t, err, sizeof err) != 0) {
        check_message(err);
        return;
    }
    when_format_iso(t, iso, sizeof iso);
    if (when_day_start(t) > t)
        abort();
    /* Formatting drops seconds and the offset: parsing it back lands on
     * the same instant, or an hour earlier in a repeated autumn hour. */
    when_format(t, buf, sizeof buf);
    if (t % 60 == 0 && when_parse(buf, FUZZ_NOW, &back, err, sizeof err) == 0 &&
        back != t && back != t - 3600)
        abort();
}

static void check_duration(const char *text)
{
    char err[256] = "", buf[64];
    int64_t d = 0, back = 0;
    if (when_parse_duration(text, &d, err, sizeof err) != 0) {
        check_message(err);
        return;
    }
    if (d <= 0 || d > WHEN_DUR_MAX)
        abort();
    when_format_duration(d, buf, sizeof buf);
    if (when_parse_duration(buf, &back, err, sizeof err) != 0 || back <= 0 || back > d)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    check_when(text);
    check_duration(text);
    free(text);
    return 0;
}

#define FUZZ_NAME "fuzz_when"
#define FUZZ_HAS_INIT
#include "tests/fuzz/replay.h"
