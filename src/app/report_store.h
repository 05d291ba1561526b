/* SPDX-License-Identifier: BSD-2-Clause */
/* report_store: the appointment report made from the store. Both
 * `unknot report` and the report screen call report_from_store, so the
 * file the screen exports holds the bytes the command prints for the same
 * period and clock. Glue between db/ and src/report.c: like cli.c, it may
 * include db/ headers; report.c stays pure. */
#ifndef UNKNOT_REPORT_STORE_H
#define UNKNOT_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/report.h"
#include "src/report_brief.h"

struct store;

/* Reads the period [from, to] as seen at `now` (episodes oldest first with
 * their tags, the sorted durations, the checks and sessions of the
 * period; the flags over the whole history, as `unknot flags` computes
 * them) in one consistent read, and writes the report to f in fmt.
 * Memory stays flat however long the history. Returns 0, or -1 with a
 * one-line message (a store error, out of memory, a write error). */
int report_from_store(struct store *st, int64_t from, int64_t to, int64_t now,
                      enum report_format fmt, FILE *f, char *err, size_t errlen);

/* The visit brief (report_brief.h) of [from, to] at `now`: the same
 * reading as report_from_store, done twice in one snapshot, for the
 * period and for the previous period of as many local days ending just
 * before `from` (without the flags, which the brief shows for the period
 * only). Returns 0, or -1 with a one-line message. */
int report_brief_from_store(struct store *st, int64_t from, int64_t to, int64_t now,
                            const struct brief_opts *o, enum brief_format fmt, FILE *f,
                            char *err, size_t errlen);

/* What a file named path gets, as `unknot report -o PATH` reads its
 * extension: the brief when brief is set or the extension is .html; the
 * brief in html (.html), markdown (.md, .markdown) or text (any other);
 * the full report in report_format_from_path's format (.txt .md .csv
 * .json). */
struct report_out {
    int brief;
    enum report_format fmt;  /* the full report's */
    enum brief_format bfmt;  /* the brief's */
};

/* Fills *out for path. Returns 0, or -1 with one line in err: the full
 * report's extension names no format, or the brief's is .csv or .json
 * (the brief is text, markdown or html). */
int report_out_from_path(const char *path, int brief, struct report_out *out, char *err,
                         size_t errlen);

/* Writes *out's report of [from, to] at now to f: report_from_store, or
 * report_brief_from_store with bo (bo->made, bo->version its caller's).
 * Returns 0, or -1 with a one-line message. */
int report_out_write(struct store *st, const struct report_out *out, const struct brief_opts *bo,
                     int64_t from, int64_t to, int64_t now, FILE *f, char *err, size_t errlen);

#endif
