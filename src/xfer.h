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
 * in the first column. It starts with seven header rows, which the reader
 * requires exactly as written:
 *   #unknot-export,3
 *   #episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at
 *   #tag,episode_id,kind,tag
 *   #session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,
 *            episode_id,pain_before,pain_after          (one row in the file)
 *   #check,id,taken_at,verdict,complete
 *   #answer,check_id,item,answer
 *   #reading,id,episode_id,taken_at,pain,source,created_at
 *   #treatment,id,kind,name,taken_at,duration_s,pain_before,pain_after,
 *              episode_id,created_at                    (one row in the file)
 *   #checkin,id,day,taken_at,pain,activities,sleep_tenths,woken,created_at
 *   #weekly,id,taken_at,pain,enjoyment,activity,created_at
 *   #worse,session_id,exercise_index,exercise_name
 *   #question,id,asked_at,text
 *   #end,episodes,tags,sessions,checks,answers,readings,treatments,checkins,
 *        weekly,worse,questions                          (one row in the file)
 * then the episodes, oldest first, each followed by its tag rows; the
 * sessions; the checks, each followed by its answer rows; the pain readings
 * in id order (each episode's first reading, source "log", travels too, so
 * a round trip keeps every id); the treatments by time; the daily
 * check-ins (day: the local day as recorded, kept as it is on import;
 * sleep in tenths of an hour; woken 0 or 1; activities and both empty when
 * not answered); the weekly check-ins; the exercises that made a stretch
 * session worse (by session and exercise number, the name as it was then);
 * the questions for the next visit (in the order asked); and last the end
 * record, "end,1000,2025,120,40,800,1900,310,60,8,3,2": the number of rows of each
 * type. A file without it (cut short: an export killed, a copy
 * interrupted), with counts that disagree or with a row after it is
 * refused, so a truncated CSV never imports as a smaller history. A
 * truncated JSON export fails to parse; it has no counts. JSON has the
 * arrays "readings", "treatments", "checkins", "weekly", "worse" and
 * "questions" after "checks". A version 3 file written before the
 * questions (no #question header row, no questions count in the end
 * record; no "questions" array) imports without them. Version 2 has none of the last six header rows and none of those
 * arrays; importing it gives each episode its first reading from its
 * intensity, as the schema migration does.
 *
 * A check's complete is 1 when every item was asked, 0 for a partial check
 * (the patient left after a yes: the items not asked have no answer row).
 *
 * JSON: one object; one episode, session or check per line:
 *   {"format": "unknot-export", "version": 3,
 *    "episodes": [{"id": 1, ..., "tags": [{"kind": "trigger", "tag": "lifting"}]}],
 *    "sessions": [{"id": 1, "kind": "ice", ...}],
 *    "checks": [{"id": 1, ..., "complete": 1,
 *                "answers": [{"item": 1, "answer": 0}, ...]}],
 *    "readings": [{"id": 1, "episode_id": 1, ...}],
 *    "treatments": [{"id": 1, "kind": "medication", ...}],
 *    "checkins": [{"id": 1, "day": "2026-11-20", ...}],
 *    "weekly": [{"id": 1, "taken_at": ..., "pain": 5, ...}],
 *    "worse": [{"session_id": 3, "exercise_index": 2, "exercise_name": "..."}],
 *    "questions": [{"id": 1, "asked_at": "...", "text": "..."}]}
 * The reader wants the top-level keys in that order; inside a row the
 * keys may come in any order. Numbers are JSON numbers, times and codes
 * strings.
 *
 * Version 1 (release 0.1) is read too: its #check row has no complete
 * (every check reads as complete) and its answers number the 16 items of
 * that checklist; each moves to today's item through
 * redflags_item_from_v1(), a yes to either of two old items that became
 * one being a yes, as the database migration does. Anything newer than
 * XFER_VERSION is refused with a message that says to upgrade. Version 2
 * (release 0.2) is version 3 without the last five header rows, their rows
 * and the end record; its JSON has none of the last four arrays.
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
#include "src/question.h"
#include "src/reading.h"
#include "src/treatment.h"
#include "src/session.h"
#include "src/util.h"

/* The version this unknot writes. It reads 2 (0.2: no end record) and 1
 * too: the export of release 0.1, whose checklist had 16 items
 * (redflags_item_from_v1() maps its answers) and whose checks were all
 * complete. */
#define XFER_VERSION 3

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
    int section; /* -1 before any row; then the index of section_keys (xfer.c):
                    0 episodes ... 6 weekly, 7 worse, 8 questions */
    size_t rows; /* rows written in the current section */
    int bad;     /* a row came out of order */
    size_t counts[11]; /* rows written: episodes, tags, sessions, checks, answers, readings,
                        * treatments, check-ins, weekly check-ins, worse, questions */
};

/* Writes the header (CSV rows, or the JSON opening). */
void xfer_write_begin(struct xfer_writer *w, FILE *f, enum xfer_format fmt);
/* Each returns 0, or -1 when the row is out of order (nothing written) or
 * the stream reports an error. */
int xfer_write_episode(struct xfer_writer *w, const struct episode *ep);
int xfer_write_session(struct xfer_writer *w, const struct session *s);
int xfer_write_check(struct xfer_writer *w, const struct check *c);
/* Pain readings (after the checks), then treatments (issue 13). */
int xfer_write_reading(struct xfer_writer *w, const struct reading *rd);
int xfer_write_treatment(struct xfer_writer *w, const struct treatment *t);
/* Daily check-ins, then weekly ones, after the checks. */
int xfer_write_checkin(struct xfer_writer *w, const struct checkin *c);
int xfer_write_weekly(struct xfer_writer *w, const struct weekly *k);
/* The exercises that made a session worse, last (x->routine is not
 * written: it is the session's). */
int xfer_write_worse(struct xfer_writer *w, const struct session_worse *x);
/* The questions for the next visit, after the worse rows. */
int xfer_write_question(struct xfer_writer *w, const struct question *q);
/* Closes the document. Returns 0, or -1 after any error so far. */
int xfer_write_end(struct xfer_writer *w);

/* Parses "csv" or "json" (case-insensitive). Returns 0, or -1 with a
 * one-line message naming both in err. */
int xfer_format_parse(const char *text, enum xfer_format *out, char *err, size_t errlen);

/* ---- the same rows in other documents (listing.h) ------------------------- */

/* An episode (with its "tags"), a session, a check (with its "answers")
 * as one JSON object of the export, without a newline. */
void xfer_json_episode(FILE *f, const struct episode *ep);
void xfer_json_session(FILE *f, const struct session *s);
void xfer_json_check(FILE *f, const struct check *c);
void xfer_json_reading(FILE *f, const struct reading *rd);

/* A free-text field as the CSV export carries it: cleaned (keep:
 * TEXT_KEEP_*) and formula-guarded; the result is buf or buf + 1, at most
 * len - 2 bytes of text. */
const char *xfer_csv_text(const char *s, unsigned keep, char *buf, size_t len);

/* The export's session row as CSV; typed: with the leading "session"
 * cell. The header: the column names without it. Return 0 or -1. */
int xfer_csv_session(FILE *f, const struct session *s, int typed);
int xfer_csv_session_header(FILE *f);

/* ---- reading -------------------------------------------------------------- */

enum xfer_kind {
    XFER_EPISODE,
    XFER_SESSION,
    XFER_CHECK,
    XFER_READING,
    XFER_TREATMENT,
    XFER_CHECKIN,
    XFER_WEEKLY,
    XFER_WORSE,
    XFER_QUESTION
};

/* One row read back, validated. Only the member of its kind is set. */
struct xfer_item {
    enum xfer_kind kind;
    long line; /* physical line where its row (or JSON object) starts */
    struct episode ep;
    struct session ses;
    struct check chk;
    struct reading rd;
    struct treatment tr;
    struct checkin ci;
    struct weekly wk;
    struct session_worse worse; /* routine "" */
    struct question q;
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
