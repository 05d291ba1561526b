/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for src/csv.c: every input is read to its end or to a
 * one-line "line N: ..." error; every record read writes back and reads
 * again as the same fields, over the same number of physical lines.
 * Anything else aborts, so the fuzzer reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/memfile.h"
#include "src/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char buf[CSV_RECORD_BUF], back_buf[CSV_RECORD_BUF];

static void check_message(const char *err, long max_line)
{
    long line = 0;
    if (sscanf(err, "line %ld: ", &line) != 1 || line < 1 || line > max_line ||
        strchr(err, '\n') != NULL || strstr(err, ": ") == NULL)
        abort();
}

static long count_lf(const char *s, size_t len)
{
    long n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* Writes rec, reads it back: the same fields, starting on line 1, and the
 * reader ends on the line after the record's last line end. */
static void check_round_trip(const struct csv_record *rec)
{
    char *out = NULL, err[UNKNOT_ERR_LEN];
    size_t len = 0;
    long lines = 1;
    struct csv_reader r;
    struct csv_record back;
    FILE *w = open_memstream(&out, &len);
    if (!w || csv_write_row(w, (const char *const *)rec->fields, rec->nfields) != 0)
        abort();
    fclose(w);
    FILE *in = fmemopen(out, len, "r");
    if (!in)
        abort();
    csv_reader_init(&r, in);
    if (csv_read(&r, back_buf, sizeof back_buf, &back, err, sizeof err) != 1 || back.line != 1 ||
        back.nfields != rec->nfields)
        abort();
    for (size_t i = 0; i < rec->nfields; i++) {
        if (back.lens[i] != rec->lens[i] || memcmp(back.fields[i], rec->fields[i], rec->lens[i]))
            abort();
        lines += count_lf(rec->fields[i], rec->lens[i]);
    }
    if (csv_read(&r, back_buf, sizeof back_buf, &back, err, sizeof err) != 0 || r.line != lines + 1)
        abort();
    fclose(in);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    long max_line = 1 + count_lf((const char *)data, size), last = 0;
    int rc;
    if (size == 0)
        return 0;
    FILE *f = memfile_open(data, size);
    if (!f)
        return 0;
    csv_reader_init(&r, f);
    while ((rc = csv_read(&r, buf, sizeof buf, &rec, err, sizeof err)) == 1) {
        if (rec.line <= last || rec.line > max_line || rec.nfields == 0 ||
            rec.nfields > CSV_MAX_FIELDS)
            abort();
        last = rec.line;
        check_round_trip(&rec);
    }
    if (rc == -1)
        check_message(err, max_line);
    fclose(f);
    return 0;
}

#define FUZZ_NAME "fuzz_csv"
#include "tests/fuzz/replay.h"
