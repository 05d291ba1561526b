/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for the import reader (src/xfer.c over src/csv.c and
 * src/jsonr.c): every input, CSV or JSON, is read to its end or to a
 * one-line "line N: ..." error naming a line that exists; every item it
 * gives passes the core's own checks (episode_validate, the code lists),
 * and each item written back and read again is the same item. Anything
 * else aborts, so the fuzzer reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/memfile.h"
#include "src/redflags.h"
#include "src/xfer.h"

#define NOW 1795000000LL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct xfer_item item, back;

static void check_message(const char *err, long max_line)
{
    long line = 0;
    if (sscanf(err, "line %ld: ", &line) != 1 || line < 1 || line > max_line ||
        strchr(err, '\n') != NULL || strlen(err) >= UNKNOT_ERR_LEN)
        abort();
}

static void check_item(const struct xfer_item *it, long max_line)
{
    char err[512];
    if (it->line < 1 || it->line > max_line)
        abort();
    if (it->kind == XFER_EPISODE && episode_validate(&it->ep, NOW, err, sizeof err) != 0)
        abort();
    if (it->kind == XFER_CHECK && (unsigned)it->chk.verdict >= REDFLAG_LEVEL_COUNT)
        abort();
    if (it->kind == XFER_SESSION && it->ses.ended_at && it->ses.ended_at < it->ses.started_at)
        abort();
}

/* Writes the item in the same format and reads it back: the same fields. */
static void check_round_trip(const struct xfer_item *it, enum xfer_format fmt)
{
    char *out = NULL, err[UNKNOT_ERR_LEN];
    size_t len = 0;
    struct xfer_writer w;
    struct xfer_reader *r = NULL;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    xfer_write_begin(&w, f, fmt);
    int rc = it->kind == XFER_EPISODE   ? xfer_write_episode(&w, &it->ep)
             : it->kind == XFER_SESSION ? xfer_write_session(&w, &it->ses)
                                        : xfer_write_check(&w, &it->chk);
    if (rc != 0 || xfer_write_end(&w) != 0 || fclose(f) != 0)
        abort();
    f = fmemopen(out, len, "r");
    if (!f || xfer_reader_open(&r, f, NOW, err, sizeof err) != 0)
        abort();
    if (xfer_read(r, &back, err, sizeof err) != 1 || back.kind != it->kind)
        abort();
    if (it->kind == XFER_EPISODE &&
        (back.ep.id != it->ep.id || back.ep.started_at != it->ep.started_at ||
         back.ep.ended_at != it->ep.ended_at || back.ep.ntags != it->ep.ntags ||
         strcmp(back.ep.note, it->ep.note) != 0))
        abort();
    if (it->kind == XFER_SESSION && memcmp(&back.ses, &it->ses, sizeof back.ses) != 0)
        abort();
    if (it->kind == XFER_CHECK && memcmp(&back.chk, &it->chk, sizeof back.chk) != 0)
        abort();
    if (xfer_read(r, &back, err, sizeof err) != 0)
        abort();
    xfer_reader_free(&r);
    fclose(f);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xfer_reader *r = NULL;
    char err[UNKNOT_ERR_LEN] = "";
    long max_line = 1;
    int rc;
    for (size_t i = 0; i < size; i++)
        max_line += data[i] == '\n';
    FILE *f = memfile_open(data, size);
    if (!f)
        return 0;
    if (xfer_reader_open(&r, f, NOW, err, sizeof err) != 0)
        abort();
    while ((rc = xfer_read(r, &item, err, sizeof err)) == 1) {
        check_item(&item, max_line);
        check_round_trip(&item, xfer_reader_format(r));
    }
    if (rc == -1)
        check_message(err, max_line);
    xfer_reader_free(&r);
    fclose(f);
    return 0;
}

#define FUZZ_NAME "fuzz_import"
#include "tests/fuzz/replay.h"
