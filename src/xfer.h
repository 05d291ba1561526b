/* SPDX-License-Identifier: BSD-2-Clause */
/* xfer: unknot's export format, written and read back. Pure: libc only
 * (the reader keeps its buffers on the heap), `now` is passed in, no SQL.
 * The store feeds the writer row by row and takes the reader's items one
 * at a time, so memory stays flat however long the history.
 *
 * Everything the database holds travels: every episode with its tags (in
 * their stored order), every timer session, every red-flag check with its
 * answers, ids included, so that export -> import into an empty database ->
 * export gives the same bytes. Times are ISO 8601 with the local offset
 * ("2026-11-20T14:30:00+01:00"); a missing value (an ongoing episode's
 * end, no side, no routine, no pain rating) is an empty CSV field or JSON
 * null.
 *
 * CSV (RFC 4180 through csv.h, CRLF line ends): one file, the record type
 * in the first column. It starts with six header rows, which the reader
 * requires exactly as written:
 *   #unknot-export,2
 *   #episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at
 *   #tag,episode_id,kind,tag
 *   #session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,
 *            episode_id,pain_before,pain_after          (one row in the file)
 *   #check,id,taken_at,verdict,complete
 *   #answer,check_id,item,answer
 *   #checkin,id,day,taken_at,pain,activities,sleep_tenths,woken,created_at
 *   #weekly,id,taken_at,pain,enjoyment,activity,created_at
 * then the episodes, oldest first, each followed by its tag rows; the
 * sessions; the checks, each followed by its answer rows; the daily
 * check-ins (day: the local day as recorded, kept as it is on import;
 * sleep in tenths of an hour; woken 0 or 1; activities and both empty when
 * not answered); the weekly check-ins. The #checkin and #weekly header
 * rows, and the JSON keys "checkins" and "weekly", may be missing: an
 * export written before check-ins has none, and reads as one without.
 *
 * A check's complete is 1 when every item was asked, 0 for a partial check
 * (the patient left after a yes: the items not asked have no answer row).
 *
 * JSON: one object; one episode, session or check per line:
 *   {"format": "unknot-export", "version": 2,
 *    "episodes": [{"id": 1, ..., "tags": [{"kind": "trigger", "tag": "lifting"}]}],
 *    "sessions": [{"id": 1, "kind": "ice", ...}],
 *    "checks": [{"id": 1, ..., "complete": 1,
 *                "answers": [{"item": 1, "answer": 0}, ...]}],
 *    "checkins": [{"id": 1, "day": "2026-11-20", ...}],
 *    "weekly": [{"id": 1, "taken_at": ..., "pain": 5, ...}]}
 * The reader wants the top-level keys in that order; inside a row the
 * keys may come in any order. Numbers are JSON numbers, times and codes
 * strings.
 *
 * Version 1 (release 0.1) is read too: its #check row has no complete
 * (every check reads as complete) and its answers number the 16 items of
 * that checklist; each moves to today's item through
 * redflags_item_from_v1(), a yes to either of two old items that became
 * one being a yes, as the database migration does. Anything newer than
 * XFER_VERSION is refused with a message that says to upgrade.
 *
 * Reading validates every value with the core's own rules (episode_validate,
 * tag_normalize, the red-flag verdict codes, routine codes and holds) and
 * stops at the first problem with a one-line message naming the physical
 * line: `line 57: invalid intensity "eleven": use a whole number from 0
 * (none) to 10 (worst)`. Empty or null created_at / updated_at and notes
 * read as the time of the import and "".
 */
#ifndef UNKNOT_XFER_H
#define UNKNOT_XFER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/check.h"
#include "src/checkin.h"
#include "src/episode.h"
#include "src/session.h"
#include "src/util.h"

/* The version this unknot writes. It reads 1 too: the export of release
 * 0.1, whose checklist had 16 items (redflags_item_from_v1() maps its
 * answers) and whose checks were all complete. */
#define XFER_VERSION 2

enum xfer_format { XFER_CSV, XFER_JSON };

/* Sessions travel with the columns of the first schema (all of struct
 * session but checkpoint_at, which is read back as 0); checks with their
 * stored answer rows, in item order (a gap in struct check is a missing
 * row). */

/* ---- writing -------------------------------------------------------------- */

/* Writer state; caller-owned. Rows must come in the file's order: all
 * episodes, then all sessions, then all checks (any group may be empty). */
struct xfer_writer {
    FILE *f;
    enum xfer_format fmt;
    int section; /* -1 before any row; 0 episodes, 1 sessions, 2 checks, 3 checkins,
                    4 weekly */
    size_t rows; /* rows written in the current section */
    int bad;     /* a row came out of order */
};

/* Writes the header (CSV rows, or the JSON opening). */
void xfer_write_begin(struct xfer_writer *w, FILE *f, enum xfer_format fmt);
/* Each returns 0, or -1 when the row is out of order (nothing written) or
 * the stream reports an error. */
int xfer_write_episode(struct xfer_writer *w, const struct episode *ep);
int xfer_write_session(struct xfer_writer *w, const struct session *s);
int xfer_write_check(struct xfer_writer *w, const struct check *c);
/* Daily check-ins, then weekly ones, after the checks. */
int xfer_write_checkin(struct xfer_writer *w, const struct checkin *c);
int xfer_write_weekly(struct xfer_writer *w, const struct weekly *k);
/* Closes the document. Returns 0, or -1 after any error so far. */
int xfer_write_end(struct xfer_writer *w);

/* Parses "csv" or "json" (case-insensitive). Returns 0, or -1 with a
 * one-line message naming both in err. */
int xfer_format_parse(const char *text, enum xfer_format *out, char *err, size_t errlen);

/* ---- reading -------------------------------------------------------------- */

enum xfer_kind { XFER_EPISODE, XFER_SESSION, XFER_CHECK, XFER_CHECKIN, XFER_WEEKLY };

/* One row read back, validated. Only the member of its kind is set. */
struct xfer_item {
    enum xfer_kind kind;
    long line; /* physical line where its row (or JSON object) starts */
    struct episode ep;
    struct session ses;
    struct check chk;
    struct checkin ci;
    struct weekly wk;
};

struct xfer_reader;

/* Starts reading f (borrowed, never closed), telling CSV from JSON by the
 * first byte that is not blank: '{' is JSON. `now` bounds the times
 * (episode_validate) and stands in for missing created_at / updated_at.
 * Returns 0, or -1 (out of memory) with a message. */
int xfer_reader_open(struct xfer_reader **out, FILE *f, int64_t now, char *err, size_t errlen);

/* Reads the next row. Returns 1 with *item filled, 0 at the end of a
 * well-formed file, -1 with "line N: ..." in err. After an error the
 * reader stays failed. */
int xfer_read(struct xfer_reader *r, struct xfer_item *item, char *err, size_t errlen);

enum xfer_format xfer_reader_format(const struct xfer_reader *r);

/* Frees the reader and sets *r to NULL. NULL-safe. */
void xfer_reader_free(struct xfer_reader **r);

#endif
