/* SPDX-License-Identifier: BSD-2-Clause */
/* listing: the machine-readable forms of the listing commands (list, show,
 * sessions, checks) and of `export --table`. Pure: libc only; the caller
 * feeds the rows one at a time, so memory stays flat.
 *
 * An episode, a session or a check is the very object of the JSON export
 * (xfer.h, xfer_json_*): the same keys, times in RFC 3339 with the local
 * offset, null for a missing value. A listing wraps them in a versioned
 * document, one row per line:
 *   {"format": "unknot-list", "version": 1, "episodes": [
 *     {"id": 2, ...},
 *     {"id": 1, ...}]}
 * "unknot-sessions" has "sessions", "unknot-checks" has "checks", and
 * `show` writes {"format": "unknot-episode", "version": 1, "episode": {...},
 * "readings": [{...}, ...]}.
 *
 * CSV (RFC 4180 through csv.h, CRLF): one flat table with ONE header row,
 * no record type column and no end record, for pandas or a spreadsheet:
 *   episodes: id,started_at,ended_at,intensity,region,side,triggers,feel,
 *             symptoms,relief,medications,notes,created_at,updated_at
 *             (each tag kind's tags in one column, joined with "; ")
 *   sessions: the export's session columns
 *   checks:   id,taken_at,verdict,complete,asked,yes_items ("1; 5")
 * Free text (notes, tags, routine) is cleaned of what may not be printed
 * and guarded against formulas as the export guards it (csv.h).
 */
#ifndef UNKNOT_LISTING_H
#define UNKNOT_LISTING_H

#include <stddef.h>
#include <stdio.h>

#include "src/check.h"
#include "src/episode.h"
#include "src/reading.h"
#include "src/session.h"

#define LISTING_VERSION 1

/* X(enum value, word) */
#define LISTING_FORMAT_INFO(X)                                                                     \
    X(LISTING_TEXT, "text")                                                                        \
    X(LISTING_JSON, "json")                                                                        \
    X(LISTING_CSV, "csv")

/* X(enum value, word: --table's, the JSON key, the JSON format's suffix).
 * Issue 13 adds its pain readings here: LISTING_READINGS "readings", with
 * a listing_reading() writer. */
#define LISTING_TABLE_INFO(X)                                                                      \
    X(LISTING_EPISODES, "episodes")                                                                \
    X(LISTING_SESSIONS, "sessions")                                                                \
    X(LISTING_CHECKS, "checks")

#define LISTING_ENUM_(e, w) e,
enum listing_format { LISTING_FORMAT_INFO(LISTING_ENUM_) LISTING_FORMAT_COUNT };
enum listing_table { LISTING_TABLE_INFO(LISTING_ENUM_) LISTING_TABLE_COUNT };
#undef LISTING_ENUM_

/* Bit of a listing_format, for the formats a command accepts. */
#define LISTING_BIT(fmt) (1u << (fmt))

/* "json"; NULL outside the enum. */
const char *listing_format_code(enum listing_format fmt);
const char *listing_table_code(enum listing_table t);

/* Parses a format word (case-insensitive) among those in the mask
 * `allowed` (LISTING_BIT). Returns 0, or -1 with a one-line message naming
 * the accepted words in err. */
int listing_format_parse(const char *text, unsigned allowed, enum listing_format *out, char *err,
                         size_t errlen);

/* Parses a table word ("episodes"); -1 with a message naming them. */
int listing_table_parse(const char *text, enum listing_table *out, char *err, size_t errlen);

/* Writer state; caller-owned. fmt is LISTING_JSON or LISTING_CSV. */
struct listing {
    FILE *f;
    enum listing_format fmt;
    enum listing_table table;
    int one; /* `show`: one object, no array */
    size_t rows;
    int bad; /* a row of another table, or a second row of one */
    size_t readings; /* written into `show`'s "readings" */
};

/* Starts a listing of table t on f: the JSON opening or the CSV header. */
void listing_begin(struct listing *l, FILE *f, enum listing_format fmt, enum listing_table t);

/* Starts the one-object JSON document of `show` (table t's row, key in
 * the singular: "episode"). */
void listing_begin_one(struct listing *l, FILE *f, enum listing_table t);

/* Each writes one row. Returns 0, or -1 when the row does not belong to
 * the listing's table (nothing written) or the stream reports an error. */
int listing_episode(struct listing *l, const struct episode *ep);
int listing_session(struct listing *l, const struct session *s);
int listing_check(struct listing *l, const struct check *c);

/* `show`'s episode document: after the episode, its pain readings in
 * "readings" (the export's reading objects), in the order given. 0, or -1
 * outside that document or on a stream error. */
int listing_one_reading(struct listing *l, const struct reading *rd);

/* Closes the document (`show`'s episode document with its "readings",
 * [] when none were given). Returns 0, or -1 after any error so far. */
int listing_end(struct listing *l);

#endif
