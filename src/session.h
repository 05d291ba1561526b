/* SPDX-License-Identifier: BSD-2-Clause */
/* session: one stretch, ice or heat timer session, the record the store
 * keeps, the export carries and the report counts. Pure: libc only.
 *
 * Each vocabulary is ONE X-macro list (tig's request.h style): a row gives
 * the enum value, the code stored in the database and written to exports
 * and listings, and the words shown to a person. A new kind or status is
 * one new row; the schema's CHECK lists the same codes (db/schema.c). */
#ifndef UNKNOT_SESSION_H
#define UNKNOT_SESSION_H

#include <stddef.h>
#include <stdint.h>

/* X(enum value, stored code, label) */
#define SESSION_KIND_INFO(X)                   \
    X(SESSION_STRETCH, "stretch", "stretch")   \
    X(SESSION_ICE, "ice", "ice")               \
    X(SESSION_HEAT, "heat", "heat")

#define SESSION_STATUS_INFO(X)                                  \
    X(SESSION_RUNNING, "running", "still running")              \
    X(SESSION_DONE, "done", "done")                             \
    X(SESSION_STOPPED, "stopped", "stopped early")              \
    X(SESSION_INTERRUPTED, "interrupted", "interrupted")

#define SESSION_ENUM_(id, code, label) id,
enum session_kind { SESSION_KIND_INFO(SESSION_ENUM_) SESSION_KIND_COUNT };
enum session_status { SESSION_STATUS_INFO(SESSION_ENUM_) SESSION_STATUS_COUNT };
#undef SESSION_ENUM_

#define SESSION_PAIN_NONE (-1)   /* pain_before / pain_after not given */
#define SESSION_ROUTINE_LEN 32   /* routine code with its NUL */

struct session {
    int64_t id;
    enum session_kind kind;
    char routine[SESSION_ROUTINE_LEN]; /* routine code, or "" */
    int hold_s;                        /* 5 or 30 for a routine, else 0 */
    int64_t planned_s, elapsed_s;
    int64_t started_at;
    int64_t ended_at;      /* 0 while running */
    int64_t checkpoint_at; /* last checkpoint, 0 if none (exports leave it out) */
    enum session_status status;
    int64_t episode_id;          /* the episode ongoing at the start, 0: none */
    int pain_before, pain_after; /* 0..10, or SESSION_PAIN_NONE */
};

/* "Did any exercise make it worse?", asked after a stretch routine: one
 * row per exercise named, numbered as the routine lists its exercises
 * (position changes not counted), with the exercise's name as it was then
 * (a routine file may change later). The store keeps them with the
 * session (schema step 7); exports carry them as "worse" rows. */
#define SESSION_WORSE_MAX 64      /* exercise numbers 1..64 */
#define SESSION_WORSE_NAME_MAX 80 /* bytes of a name, without the NUL */

struct session_worse {
    int64_t session_id;
    int index;                              /* 1..SESSION_WORSE_MAX */
    char name[SESSION_WORSE_NAME_MAX + 1];  /* 1..80 bytes of UTF-8 text */
    char routine[SESSION_ROUTINE_LEN];      /* the session's routine: read from the
                                               store, never written by it */
};

/* 0 when w's index and name are acceptable (the schema's CHECKs, and
 * text_valid_n's rule for the name), else -1 with one line in err. */
int session_worse_validate(const struct session_worse *w, char *err, size_t errlen);

/* Parses the answer to the question: "" (none), or whole numbers from 1
 * to count (count <= SESSION_WORSE_MAX) separated by spaces or commas.
 * Sets *picked (bit i - 1: exercise i) and returns 0; -1 with one line in
 * err (what is accepted) and *picked 0. A number given twice counts once. */
int session_worse_parse(const char *text, int count, uint64_t *picked, char *err,
                        size_t errlen);

/* The stored code ("stretch", "running"); "?" for a value outside the
 * enum. Static storage. */
const char *session_kind_code(enum session_kind kind);
const char *session_status_code(enum session_status status);

/* The label of the list ("stretch", "stopped early"); "?" outside. */
const char *session_kind_label(enum session_kind kind);
const char *session_status_label(enum session_status status);

/* Parses a stored code: exact and case-sensitive, as *_code writes it.
 * Returns 0 and sets *out, or -1 and leaves *out alone (NULL is -1). */
int session_kind_parse(const char *code, enum session_kind *out);
int session_status_parse(const char *code, enum session_status *out);

#endif
