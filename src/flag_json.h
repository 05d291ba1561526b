/* SPDX-License-Identifier: BSD-2-Clause */
/* flag_json: one flag as a JSON object, the one shape of `unknot flags
 * --json` and of the report's "flags" array. Pure: libc only. */
#ifndef UNKNOT_FLAG_JSON_H
#define UNKNOT_FLAG_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "src/flags.h"

/* Writes fl to f as one JSON object on one line, without a line end:
 * {"kind", "level", "title", "advice", "note" (strings; the note "" when
 * there is none), "from", "to" (ISO 8601 with the offset), "span_s",
 * "days", "total" (numbers) and "episodes" (an array of {"id",
 * "started_at"}, the latest FLAG_MAX_REFS behind it)}. Write errors show
 * in ferror(f). */
void flag_write_json(FILE *f, const struct flag *fl);

/* Writes `"name": "ISO 8601 time"` to f, for the objects around a flag. */
void flag_json_time(FILE *f, const char *name, int64_t t);

#endif
