/* SPDX-License-Identifier: BSD-2-Clause */
/* xfer_store: the export format (src/xfer.h) to and from the store. Glue
 * between db/ and src/xfer.c, used by `unknot export` and `unknot import`
 * (and their tests). */
#ifndef UNKNOT_XFER_STORE_H
#define UNKNOT_XFER_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db/store.h"
#include "src/xfer.h"

struct store;

/* Writes every episode (oldest first, with its tags), every session and
 * every check (with its answers) to f, read in one consistent snapshot.
 * Returns 0, or -1 with a one-line message. */
int xfer_export(struct store *st, FILE *f, enum xfer_format fmt, char *err, size_t errlen);

/* Reads an export (CSV or JSON, told apart by its first byte) from f and
 * imports it in one transaction, validating every value against `now`.
 * On any problem nothing is written and err says "line N: ...". counts
 * may be NULL. Returns 0 or -1. */
int xfer_import(struct store *st, FILE *f, int64_t now, struct store_import_counts *counts,
                char *err,
                size_t errlen);

#endif
