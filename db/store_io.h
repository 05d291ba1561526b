/* store_io: the store's side of the report, the export, the import and the
 * backup. Same error model as store.h: a store status (STORE_OK = 0) and a
 * one-line message in err. Every statement here is prepared for the call
 * (or the iterator) that uses it and finalized before it returns (or by
 * the iterator's free); values are bound, never formatted into SQL. */
#ifndef UNKNOT_STORE_IO_H
#define UNKNOT_STORE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "db/store.h"

/* store_backup: the target exists and replace was not asked for. */
#define STORE_IO_EXISTS (-10)

/* --- a consistent read ------------------------------------------------
 * Every read between begin and end sees the database as it was at the
 * first of them, even while another process writes (a deferred read
 * transaction; in WAL mode it blocks no writer). The report needs it: the
 * sorted durations must be those of the episodes it counted. */
int store_read_begin(struct store *st, char *err, size_t errlen);
/* Ends the read. Never fails in a way that matters: nothing was written. */
void store_read_end(struct store *st);

/* --- iterators -----------------------------------------------------------
 * One row at a time, so memory does not grow with the history. Each next
 * returns 1 with a row, 0 at the end, STORE_ERROR on failure. */
struct store_io_iter;

/* Durations (ended_at - started_at, seconds) of the ended episodes that
 * started in [from, to], shortest first; *count is how many there are, so
 * they can be fed to report_feed_duration_sorted. */
int store_io_durations(struct store *st, int64_t from, int64_t to, size_t *count,
                       struct store_io_iter **out, char *err, size_t errlen);
int store_io_duration_next(struct store_io_iter *it, int64_t *secs, char *err, size_t errlen);

/* Sessions that started in [from, to], oldest first (ties by id), with the
 * columns of the first schema (checkpoint_at reads as 0, see xfer.h). */
int store_io_sessions(struct store *st, int64_t from, int64_t to, struct store_io_iter **out,
                      char *err, size_t errlen);
int store_io_session_next(struct store_io_iter *it, struct session *out, char *err,
                          size_t errlen);

/* Red-flag checks taken in [from, to], oldest first (ties by id), each
 * with its stored answer rows in item order. */
int store_io_checks(struct store *st, int64_t from, int64_t to, struct store_io_iter **out,
                    char *err, size_t errlen);
int store_io_check_next(struct store_io_iter *it, struct check *out, char *err,
                        size_t errlen);

/* Finalizes and sets *it to NULL. NULL-safe. */
void store_io_iter_free(struct store_io_iter **it);

/* --- import ---------------------------------------------------------------
 * Rows keep their ids. Everything is one BEGIN IMMEDIATE transaction: the
 * first bad row, or a failure of next(), rolls all of it back, so either
 * every row is in or none is. An id already in the database (or twice in
 * the input) is refused with a message naming the row's line. */
struct store_import_counts {
    size_t episodes, tags, sessions, checks, answers;
};

/* One row to import: exactly one of ep, ses and chk is set, pointing to
 * a record the caller owns until its next call; line is the input line
 * where it starts (for messages). */
struct store_import_row {
    long line;
    const struct episode *ep;
    const struct session *ses;
    const struct check *chk;
};

/* Gives the next validated row: 1 with *row filled, 0 at the end, -1
 * with a message in err (e.g. xfer_read). */
typedef int (*store_import_next_fn)(void *ctx, struct store_import_row *row, char *err,
                                    size_t errlen);

/* Imports every row next() gives. counts may be NULL; it is filled only
 * when everything was committed. */
int store_import(struct store *st, store_import_next_fn next, void *ctx,
                 struct store_import_counts *counts, char *err, size_t errlen);

/* --- backup ----------------------------------------------------------------
 * A consistent copy made with SQLite's online backup in one step
 * (sqlite3_backup_step(b, -1): an incremental copy would restart for ever
 * while another process writes) into "PATH.tmp", created 0600, then
 * renamed to PATH. Works while other connections (the full-screen app)
 * have the database open. Without replace an existing PATH is refused
 * (STORE_IO_EXISTS) and never touched; a failure leaves no PATH.tmp. */
int store_backup(struct store *st, const char *path, int replace, char *err, size_t errlen);

#endif
