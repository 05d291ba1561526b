/* SPDX-License-Identifier: BSD-2-Clause */
/* store: the only place that knows SQL. An opaque handle over one SQLite
 * database file, typed functions on the core records (src/episode.h,
 * src/session.h, src/check.h) and one row iterator. No sqlite3 type leaves
 * db/. The code is split by table: store.c (open, migrate, statements,
 * transactions), store_episode.c, store_session.c, store_check.c,
 * store_iter.c, store_xfer.c (import), store_backup.c.
 *
 * Error model: every function returns a store status (STORE_OK = 0) and,
 * on failure, writes a one-line message into the caller's err buffer. */
#ifndef UNKNOT_STORE_H
#define UNKNOT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "src/check.h"
#include "src/checkin.h"
#include "src/episode.h"
#include "src/question.h"
#include "src/reading.h"
#include "src/treatment.h"
#include "src/util.h"
#include "src/session.h"

struct store;

enum store_status {
    STORE_OK = 0,
    STORE_ERROR = -1,     /* I/O, SQL or constraint failure */
    STORE_NOT_FOUND = -2, /* no row with that id */
    STORE_NEWER = -3,     /* database written by a newer unknot: refused */
    STORE_NOT_OURS = -4,  /* another program's SQLite file: refused */
    STORE_ABORTED = -5,   /* store_episode_edit: the edit function gave up */
    STORE_DAMAGED = -6,   /* store_check_integrity: the file is damaged */
    STORE_BUSY = -7,      /* another process held the write lock past the wait */
    STORE_EXISTS = -10,   /* store_checkin_save: the day has a check-in */
    STORE_END = 1,        /* store_iter_next: no more rows (not an error) */
};

/* The store's messages fit the one error buffer size of every layer. */
#define STORE_ERR_LEN UNKNOT_ERR_LEN

/* Schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/* Resolves the database path: explicit (from --db) if not NULL, else
 * $UNKNOT_DB, else $XDG_DATA_HOME/unknot/unknot.db, else
 * $HOME/.local/share/unknot/unknot.db. Returns 0, or -1 when none can be
 * formed (no HOME). */
int store_default_path(const char *explicit_path, char *out, size_t outlen);

/* Opens (creating the directory 0700 and the file 0600 when missing),
 * sets the pragmas, checks application_id, migrates, then marks stale
 * timer sessions interrupted (store_sessions_recover; best effort: a
 * failure there leaves them for the next start). ":memory:" opens a
 * private in-memory database. A newer or foreign database is refused
 * (STORE_NEWER / STORE_NOT_OURS) and left byte-for-byte untouched. */
int store_open(struct store **out, const char *path, char *err, size_t errlen);

/* Opens an existing database for reading only (unknot status, which runs
 * at every shell prompt): no directory or file is made, nothing is written,
 * no stale session is recovered. STORE_NOT_FOUND when the file does not
 * exist, or is empty (no schema yet; err says so). A newer or foreign
 * database is refused as by store_open, and it and its -wal are left
 * byte-identical; one of an older schema is opened by store_open instead,
 * which migrates it (the only write, once; refused when the file may not
 * be written). A file this process may not write, without a -wal, is
 * opened immutable, so that no -wal/-shm is left behind with its
 * read-only mode. Close it with store_close. */
int store_open_readonly(struct store **out, const char *path, char *err, size_t errlen);

/* As store_open_readonly, for the commands that read (list, export ...):
 * on a file it may write with a session marked running, it opens with
 * store_open instead, which ends the stale ones as every start does. */
int store_open_reader(struct store **out, const char *path, char *err, size_t errlen);

/* The absolute path of the open database file (SQLite's own, symlinks
 * resolved), "" for an in-memory one. Owned by the store. */
const char *store_path(const struct store *st);

/* --- the file's health (store_health.c) ----------------------------------
 * A write waits for another process that holds the write lock (an import
 * holds it to its end): STORE_WAIT_DEFAULT_MS after opening, then what
 * store_set_wait says. It fails with "another unknot is busy writing ..."
 * when the wait is up. Every failure is reported in plain words: a damaged
 * file (on any statement) as "the database PATH is damaged: restore it
 * from a backup", never with SQL text or SQLite's own words. */
#define STORE_WAIT_DEFAULT_MS 5000
#define STORE_WAIT_NOTICE_MS 2000 /* a wait this long calls the notice */
/* The timer's writes (checkpoint, finish) and the recovery at open wait at
 * most this long: a countdown must never stall, and they are tried again. */
#define STORE_WAIT_QUICK_MS 50

/* Told once per wait that has lasted STORE_WAIT_NOTICE_MS; runs inside
 * SQLite and must not use the store. */
typedef void (*store_notice_fn)(void *ctx);

/* How long a write waits for another writer from now on (ms), and who is
 * told that it waits (notice may be NULL). */
void store_set_wait(struct store *st, int wait_ms, store_notice_fn notice, void *ctx);

/* Checks the whole file with SQLite's integrity check (every page, and
 * every index entry against its row). STORE_OK when it is sound;
 * STORE_DAMAGED with "the database PATH is damaged: restore it from a
 * backup" when not. max_pages > 0: only a file of at most that many pages
 * is checked (STORE_OK for a bigger one), for a check that must stay cheap
 * (~50 us a page); 0 checks any size. */
int store_check_integrity(struct store *st, int64_t max_pages, char *err, size_t errlen);

/* Runs PRAGMA optimize (not on a read-only store), closes and sets *st to
 * NULL. NULL-safe. */
void store_close(struct store **st);

/* A cheap look (PRAGMA data_version: no table is read) at whether another
 * connection, in this process or another, committed a change to the file
 * since the last call on st. Returns 1 when one did, 0 when none did (and
 * on the first call, which only takes the baseline), STORE_ERROR with err
 * filled when the look failed. Commits made through st itself never
 * count: its caller knows of them. */
int store_changed(struct store *st, char *err, size_t errlen);

/* --- episodes ---------------------------------------------------------
 * The caller validates with episode_validate first; the schema's CHECK
 * constraints refuse bad values anyway (STORE_ERROR). Each write is one
 * BEGIN IMMEDIATE transaction including the tags. */

/* Inserts ep and its tags; sets ep->id, created_at and updated_at (= now). */
int store_episode_add(struct store *st, struct episode *ep, int64_t now,
                      char *err, size_t errlen);

/* As store_episode_add, and in the same transaction ends every episode
 * still ongoing that began before ep->started_at, at ep->started_at (the
 * patient said the new episode takes their place). *ended (may be NULL)
 * gets how many were ended. Either all of it is written or none. */
int store_episode_add_ending(struct store *st, struct episode *ep, int64_t now, int *ended,
                             char *err, size_t errlen);

/* Replaces every field and the tags of episode ep->id; updated_at = now. */
int store_episode_update(struct store *st, struct episode *ep, int64_t now,
                         char *err, size_t errlen);

/* Whether and how to change an episode read inside store_episode_edit:
 * changes *ep in place and returns 0 to save it, or anything else to
 * leave the database as it was. */
typedef int (*store_edit_fn)(void *ctx, struct episode *ep);

/* Read-modify-write of episode id in ONE BEGIN IMMEDIATE transaction:
 * reads it with its tags into *ep, lets edit() change it, then writes it
 * back (updated_at = now), so no other writer (the full-screen app) can
 * save in between and be overwritten. STORE_NOT_FOUND when there is no
 * such episode, STORE_ABORTED when edit() gave up; nothing is written
 * then. The caller validates inside edit() (episode_validate). */
int store_episode_edit(struct store *st, int64_t id, store_edit_fn edit, void *ctx,
                       struct episode *ep, int64_t now, char *err, size_t errlen);

/* Sets ended_at of episode id (must be ongoing, ended_at > started_at is
 * checked by the schema). */
int store_episode_end(struct store *st, int64_t id, int64_t ended_at, int64_t now,
                      char *err, size_t errlen);

/* Deletes the episode; its tags go with it (ON DELETE CASCADE). */
int store_episode_delete(struct store *st, int64_t id, char *err, size_t errlen);

/* Reads one episode with its tags. STORE_NOT_FOUND when there is none. */
int store_episode_get(struct store *st, int64_t id, struct episode *out,
                      char *err, size_t errlen);

/* Reads the tags of episode ep->id into ep (replacing its tags), for a
 * caller that read the episode without them (an iterator without
 * STORE_ITER_TAGS) and needs them for a few rows only. */
int store_episode_tags(struct store *st, struct episode *ep, char *err, size_t errlen);

/* The most recently started ongoing episode. STORE_NOT_FOUND when none. */
int store_episode_ongoing(struct store *st, struct episode *out, char *err, size_t errlen);

/* The start of the first episode logged (the least started_at) into
 * *out. STORE_NOT_FOUND when there is no episode. */
int store_episode_first_start(struct store *st, int64_t *out, char *err, size_t errlen);

/* Number of episodes whose start lies in [from, to]. */
int store_episode_count(struct store *st, int64_t from, int64_t to, int64_t *count,
                        char *err, size_t errlen);

/* --- iterators ----------------------------------------------------------
 * One iterator type for every kind of row (pkg's pkgdb_it): a store_*_iter
 * function makes it, store_iter_next gives one row per call and returns
 * STORE_OK with the row, STORE_END at the end (and on every call after),
 * or an error (and the same error on every call after). The row is read
 * from SQLite one at a time: memory does not grow with the number of rows.
 * Each iterator has its own statement, so two may run side by side. */
enum store_order { STORE_NEWEST_FIRST, STORE_OLDEST_FIRST };
#define STORE_ITER_TAGS 1 /* load flag: episodes come with their tags */
struct store_iter;

/* What a row of an iterator is (store_iter_next checks it). */
enum store_row { STORE_ROW_EPISODE, STORE_ROW_SESSION, STORE_ROW_CHECK, STORE_ROW_DURATION,
                 STORE_ROW_READING, STORE_ROW_TREATMENT, STORE_ROW_CHECKIN,
                 STORE_ROW_WEEKLY, STORE_ROW_WORSE, STORE_ROW_QUESTION,
                 STORE_ROW_SPAN };

/* An ended episode's id and span: all a look back over years needs. */
struct store_span {
    int64_t id, started_at, ended_at;
};

/* The ended episodes begun before `before`, rows struct store_span, read
 * from the index episodes_ended_at alone (no table row per episode: about
 * a third of the cost of store_episodes_iter's). They come in the index's
 * order, by end, then start, then id: NOT by start, which the caller
 * restores where it needs it (two episodes come out of start order only
 * when one lies inside the other). */
int store_episode_spans_iter(struct store *st, int64_t before, struct store_iter **out,
                             char *err, size_t errlen);

/* The episodes begun at or after `from`, oldest start first (ties by
 * id), rows struct episode with only id, started_at, ended_at, intensity
 * and region read: no note, side, times of the row or tags (the flags read
 * no more). */
int store_episodes_brief_iter(struct store *st, int64_t from, struct store_iter **out,
                              char *err, size_t errlen);

/* Episodes with from <= started_at <= to in the given order (ties broken
 * by id); rows are struct episode. flags: 0 or STORE_ITER_TAGS. */
int store_episodes_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        int flags, struct store_iter **out, char *err, size_t errlen);

/* Durations (ended_at - started_at, seconds, rows of int64_t) of the ended
 * episodes that started in [from, to], shortest first; *count is how many
 * there are, so they can be fed to report_feed_duration_sorted. */
int store_durations_iter(struct store *st, int64_t from, int64_t to, size_t *count,
                         struct store_iter **out, char *err, size_t errlen);

/* Episodes active at some time in [from, to], oldest start first (ties by
 * id): started_at <= to and (ongoing or ended_at >= from), so one begun
 * before `from` that lasts into the period is there. Rows are struct
 * episode; flags: 0 or STORE_ITER_TAGS. */
int store_episodes_active_iter(struct store *st, int64_t from, int64_t to, int flags,
                      struct store_iter **out, char *err, size_t errlen);

/* Durations, shortest first, of the ended episodes active in [from, to]
 * (as store_episodes_active_iter selects them: the whole episode, also the part
 * outside the period); *count is how many there are. */
int store_durations_active_iter(struct store *st, int64_t from, int64_t to, size_t *count,
                                struct store_iter **out, char *err, size_t errlen);

/* Every ongoing episode, the most recently started first (ties by id);
 * rows are struct episode; flags: 0 or STORE_ITER_TAGS. */
int store_episodes_ongoing_iter(struct store *st, int flags, struct store_iter **out, char *err,
                                size_t errlen);

/* The episodes of ep->region, other than ep->id (0 for one not stored
 * yet), whose time overlaps ep's: each began before ep ends (ep ongoing:
 * at any time) and ends after ep begins or is ongoing. One that ends just
 * as ep begins does not overlap. Oldest start first (ties by id); rows
 * are struct episode without tags. Reads index ranges only (the episodes
 * begun during ep, and those begun before it that end after its start). */
int store_episodes_overlap_iter(struct store *st, const struct episode *ep,
                                struct store_iter **out, char *err, size_t errlen);

/* Gives the next row into *row, whose type must be that of the iterator
 * (struct episode, struct session, struct check or int64_t): STORE_OK,
 * STORE_END or an error (a row of the wrong type is one). */
#define store_iter_next(it, row, err, errlen)                                       \
    store_iter_next_row((it),                                                       \
                        _Generic((row), struct episode *: STORE_ROW_EPISODE,        \
                                 struct session *: STORE_ROW_SESSION,               \
                                 struct check *: STORE_ROW_CHECK,                   \
                                 struct reading *: STORE_ROW_READING,               \
                                 struct treatment *: STORE_ROW_TREATMENT,           \
                                 int64_t *: STORE_ROW_DURATION,                     \
                                 struct checkin *: STORE_ROW_CHECKIN,               \
                                 struct weekly *: STORE_ROW_WEEKLY,                 \
                                 struct session_worse *: STORE_ROW_WORSE,           \
                                 struct question *: STORE_ROW_QUESTION,             \
                                 struct store_span *: STORE_ROW_SPAN),              \
                        (row), (err), (errlen))
int store_iter_next_row(struct store_iter *it, enum store_row row, void *out, char *err,
                        size_t errlen);

/* Finalizes and sets *it to NULL. NULL-safe. */
void store_iter_free(struct store_iter **it);

/* --- paging (the history screen) --------------------------------------
 * Keyset paging in (started_at, id) order: a page continues after the key
 * of the last row of the one before, so a page costs the same at any depth
 * and no row repeats or goes missing across pages, even where many
 * episodes share a started_at.
 *
 * filter: NULL or "" selects every episode; otherwise an episode matches
 * when the text is a substring of its notes, of any of its tags or of its
 * region code ("lower"), ignoring the case of ASCII letters. % and _ in it
 * match themselves (they are not LIKE wildcards). */
struct store_page_key {
    int64_t started_at, id;
};

/* Reads up to max matching episodes, each with its tags, into
 * out[0 .. *n). STORE_NEWEST_FIRST: those that sort before `after` going
 * back in time ((started_at, id) < after), newest first;
 * STORE_OLDEST_FIRST: those after it going forward ((started_at, id) >
 * after), oldest first. after NULL starts at the newest (oldest) episode.
 * *n < max means the end was reached. On an error *n counts the rows read
 * before it. */
int store_episodes_page(struct store *st, const char *filter, const struct store_page_key *after,
                        enum store_order order, size_t max, struct episode *out, size_t *n,
                        char *err, size_t errlen);

/* Number of episodes matching filter. */
int store_episode_count_filtered(struct store *st, const char *filter, int64_t *count,
                                 char *err, size_t errlen);

/* Number of episodes matching filter that come before key in newest-first
 * order ((started_at, id) > *key): the 0-based position of the episode
 * with that key in the list, or of the one that would follow it if the
 * key's own episode is gone. */
int store_episode_rank(struct store *st, const char *filter, const struct store_page_key *key,
                       int64_t *rank, char *err, size_t errlen);

/* --- red-flag checks --------------------------------------------------
 * A check is stored as its verdict code (redflag_level_code) and one
 * answer row per answered item (src/check.h). */

/* Stores a check with its answers (items 1..nanswers, less the gaps) in
 * one transaction; sets c->id. */
int store_check_add(struct store *st, struct check *c, char *err, size_t errlen);

/* Stores c: a new check when c->id is 0 (then sets it), else replaces the
 * verdict, completeness and answers of check c->id, in one transaction.
 * The checklist stores a check the moment an emergency item is answered
 * yes and saves it again as the patient goes on. STORE_NOT_FOUND when
 * c->id is gone. */
int store_check_save(struct store *st, struct check *c, char *err, size_t errlen);
int store_check_get(struct store *st, int64_t id, struct check *out,
                    char *err, size_t errlen);
/* The newest check. STORE_NOT_FOUND when none. */
int store_check_latest(struct store *st, struct check *out, char *err, size_t errlen);

/* Iterates checks taken in [from, to] in the given order (ties by id),
 * with their answers; rows are struct check. */
int store_checks_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                      struct store_iter **out, char *err, size_t errlen);

/* --- timer sessions -----------------------------------------------------
 * A session row is written when a timer starts (status "running"), its
 * elapsed time is checkpointed while it runs, and it ends "done" or
 * "stopped". A "running" row whose owner is gone becomes "interrupted" at
 * the next start of unknot, keeping its last checkpoint. Times are wall
 * clock Unix seconds; an end or checkpoint earlier than the start (the
 * clock was set back) is stored as the start. Each write is one
 * BEGIN IMMEDIATE transaction. */
#define STORE_SESSION_STALE_S 60 /* a checkpoint this old means nobody runs it */

/* Starts a session: inserts s as "running" with elapsed 0, checkpointed at
 * s->started_at, owned by process owner_pid (> 0), linked to the ongoing
 * episode if there is one. Reads kind, routine ("" for none), hold_s (0
 * for none), planned_s, started_at and pain_before; sets id, episode_id,
 * status, elapsed_s, checkpoint_at and ended_at. Bad values are refused by
 * the schema (STORE_ERROR). */
int store_session_start(struct store *st, struct session *s, int64_t owner_pid,
                        char *err, size_t errlen);

/* Records elapsed_s at wall-clock time now. The owner calls it while the
 * session runs or is paused; a row another unknot has meanwhile marked
 * "interrupted" (the owner was suspended past STORE_SESSION_STALE_S) is
 * "running" again. STORE_NOT_FOUND when the session has ended or is gone.
 * Never waits more than STORE_WAIT_QUICK_MS for another writer: then
 * STORE_BUSY, and nothing is written (call it again later). */
int store_session_checkpoint(struct store *st, int64_t id, int64_t elapsed_s, int64_t now,
                             char *err, size_t errlen);

/* Ends a session: status "done" or "stopped" (anything else is refused),
 * elapsed_s, ended_at; pain_after unless SESSION_PAIN_NONE. STORE_NOT_FOUND
 * when it already ended or is gone. Waits as store_session_checkpoint
 * does (STORE_BUSY); the caller retries it, and any other failure (a full
 * disk), with the same arguments. */
int store_session_finish(struct store *st, int64_t id, enum session_status status, int64_t elapsed_s,
                         int64_t ended_at, int pain_after, char *err, size_t errlen);

/* Sets pain_after (0..10) of an ended or running session. */
int store_session_rate(struct store *st, int64_t id, int pain_after, char *err, size_t errlen);

/* Reads one session. STORE_NOT_FOUND when there is none. */
int store_session_get(struct store *st, int64_t id, struct session *out,
                      char *err, size_t errlen);

/* Whether process pid is alive: 1 yes, 0 no. */
typedef int (*store_alive_fn)(int64_t pid, void *ctx);

/* kill(pid, 0) said it exists (or exists and belongs to someone else). */
int store_pid_alive(int64_t pid, void *ctx);

/* Marks every stale "running" session "interrupted", ending it at its last
 * checkpoint with the elapsed time of that checkpoint. Stale: no owner, an
 * owner alive() says is gone, or a checkpoint more than
 * STORE_SESSION_STALE_S before now (a live owner checkpoints far more
 * often). *count (may be NULL) gets the number marked. store_open runs it
 * with store_pid_alive and the wall clock, so every start of unknot does. */
int store_sessions_recover(struct store *st, int64_t now, store_alive_fn alive, void *ctx,
                           int *count, char *err, size_t errlen);

/* End (or last checkpoint, for one still running) of the latest ice
 * session that ran at all (elapsed_s > 0). STORE_NOT_FOUND when none. */
int store_session_last_ice_end(struct store *st, int64_t *ended_at, char *err, size_t errlen);

/* Iterates sessions with from <= started_at <= to in the given order (ties
 * by id); rows are struct session. */
int store_sessions_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen);

/* --- what made a stretch session worse (store_worse.c) -----------------
 * The answer to "Did any exercise make it worse?" (src/session.h). */

/* Replaces the rows of session session_id with rows[0 .. n) (n = 0: none)
 * in one BEGIN IMMEDIATE transaction; each row's session_id and routine
 * are ignored. A row session_worse_validate refuses, or an index given
 * twice, is an error and nothing changes; STORE_NOT_FOUND when the
 * session is gone. rows stay the caller's. */
int store_session_worse_set(struct store *st, int64_t session_id,
                            const struct session_worse *rows, size_t n, char *err, size_t errlen);

/* Iterates the rows of the sessions with from <= started_at <= to, by
 * session id then exercise number; rows are struct session_worse with the
 * session's routine ("" when none). */
int store_worse_iter(struct store *st, int64_t from, int64_t to, struct store_iter **out,
                     char *err, size_t errlen);

/* --- questions for the next visit (store_question.c) -------------------
 * The patient's own questions (src/question.h), kept until cleared. */

/* Stores q (question_validate first; the CHECK refuses bad text anyway)
 * in one BEGIN IMMEDIATE transaction and sets q->id. With QUESTION_MAX
 * kept already nothing is written: STORE_ERROR with a line that says to
 * clear some. q stays the caller's. */
int store_question_add(struct store *st, struct question *q, char *err, size_t errlen);

/* Iterates every question in the order asked (asked_at, then id): the
 * order `unknot question` numbers them in. Rows are struct question. */
int store_questions_iter(struct store *st, struct store_iter **out, char *err, size_t errlen);

/* Removes every question in one transaction; *removed (may be NULL) gets
 * how many there were. */
int store_questions_clear(struct store *st, size_t *removed, char *err, size_t errlen);

/* Removes the n-th question of store_questions_iter's order (1 the
 * first) in one transaction; STORE_NOT_FOUND when there are fewer. */
int store_question_delete_nth(struct store *st, int64_t n, char *err, size_t errlen);

/* --- a consistent read ------------------------------------------------
 * Every read between begin and end sees the database as it was at the
 * first of them, even while another process writes (a deferred read
 * transaction; in WAL mode it blocks no writer). The report needs it: the
 * sorted durations must be those of the episodes it counted. */
int store_read_begin(struct store *st, char *err, size_t errlen);
/* Ends the read. Never fails in a way that matters: nothing was written. */
void store_read_end(struct store *st);

/* --- import (store_xfer.c) ---------------------------------------------
 * Rows keep their ids. Everything is one BEGIN IMMEDIATE transaction: the
 * first bad row, or a failure of next(), rolls all of it back, so either
 * every row is in or none is. An id already in the database (or twice in
 * the input) is refused with a message naming the row's line. */
struct store_import_counts {
    size_t episodes, tags, sessions, checks, answers;
    size_t readings, treatments; /* beside the first readings the episodes bring */
    size_t checkins, weekly;
    size_t worse; /* exercises that made a session worse */
    size_t questions; /* for the next visit */
};

/* One row to import: exactly one of ep, ses, chk, rd, tr, ci, wk, worse and q is set, pointing to
 * a record the caller owns until its next call; line is the input line
 * where it starts (for messages). */
struct store_import_row {
    long line;
    const struct episode *ep;
    const struct session *ses;
    const struct check *chk;
    const struct reading *rd;
    const struct treatment *tr;
    const struct checkin *ci;
    const struct weekly *wk;
    const struct session_worse *worse; /* its session earlier in the file */
    const struct question *q;
};

/* Gives the next validated row: 1 with *row filled, 0 at the end, -1
 * with a message in err (e.g. xfer_read). */
typedef int (*store_import_next_fn)(void *ctx, struct store_import_row *row, char *err,
                                    size_t errlen);

/* Imports every row next() gives. counts may be NULL; it is filled only
 * when everything was committed. */
int store_import(struct store *st, store_import_next_fn next, void *ctx,
                 struct store_import_counts *counts, char *err, size_t errlen);

/* --- check-ins (store_checkin.c) --------------------------------------
 * A daily check-in per local day (src/checkin.h; the schema's UNIQUE day)
 * and weekly ones. The caller validates first (checkin_validate,
 * weekly_validate); the CHECKs refuse bad values anyway. */

/* Stores daily check-in c (validated) in one BEGIN IMMEDIATE transaction,
 * created_at = now. When its day has one already: without replace nothing
 * is written, *existing (may be NULL) gets the stored one and the result
 * is STORE_EXISTS; with replace that row takes c's answers in place (its
 * id kept). Sets c->id and c->created_at. */
int store_checkin_save(struct store *st, struct checkin *c, int replace, struct checkin *existing,
                       int64_t now, char *err, size_t errlen);

/* The check-in of local day `day` ("2026-03-29"). STORE_NOT_FOUND when
 * there is none. */
int store_checkin_day(struct store *st, const char *day, struct checkin *out, char *err,
                      size_t errlen);

/* Daily check-ins taken in [from, to] in the given order (ties by id);
 * rows are struct checkin. */
int store_checkins_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen);

/* Stores weekly check-in w (validated); sets w->id and w->created_at = now. */
int store_weekly_add(struct store *st, struct weekly *w, int64_t now, char *err, size_t errlen);

/* The latest weekly check-in (by taken_at). STORE_NOT_FOUND when none. */
int store_weekly_latest(struct store *st, struct weekly *out, char *err, size_t errlen);

/* Weekly check-ins taken in [from, to]; rows are struct weekly. */
int store_weeklies_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        struct store_iter **out, char *err, size_t errlen);

/* --- backup (store_backup.c) --------------------------------------------
 * A consistent copy made with SQLite's online backup in one step
 * (sqlite3_backup_step(b, -1): an incremental copy would restart for ever
 * while another process writes) into the file at path, which the caller
 * created (empty, 0600: SQLite would make it 0644) and publishes once this
 * returned STORE_OK (src/app/outfile.h: a temporary file, then a rename).
 * Works while other connections (the full-screen app) have the database
 * open, and from a read-only store. */
int store_backup(struct store *st, const char *path, char *err, size_t errlen);

/* --- pain readings (store_reading.c) -------------------------------------
 * An episode's first reading (source READING_LOG, at its start) is its
 * intensity: every add or update of the episode writes it in the same
 * transaction, so editing the intensity or the start changes that reading,
 * and it goes only with the episode. Rows are struct reading. */

/* Adds reading r (episode_id, taken_at, pain, source; not READING_LOG)
 * with created_at = now; sets r->id and r->created_at. The caller checks
 * it with reading_validate and reading_fits_episode. STORE_NOT_FOUND when
 * the episode is gone. */
int store_reading_add(struct store *st, struct reading *r, int64_t now, char *err,
                      size_t errlen);

/* Reads reading id. STORE_NOT_FOUND when there is none. */
int store_reading_get(struct store *st, int64_t id, struct reading *out, char *err,
                      size_t errlen);

/* Deletes reading id. An episode's first reading is refused (STORE_ABORTED,
 * with the reason in err): it is the episode's intensity. STORE_NOT_FOUND
 * when there is none. */
int store_reading_delete(struct store *st, int64_t id, char *err, size_t errlen);

/* Changes reading r->id to r->taken_at and r->pain (its episode and
 * source stay), checked by the caller (reading_validate,
 * reading_fits_episode). An episode's first reading is refused as by
 * store_reading_delete (STORE_ABORTED, the way to change it in err);
 * STORE_NOT_FOUND when there is none. One transaction. */
int store_reading_update(struct store *st, const struct reading *r, char *err, size_t errlen);

/* The readings of one episode, oldest first (ties by id). */
int store_readings_iter(struct store *st, int64_t episode_id, struct store_iter **out,
                        char *err, size_t errlen);

/* The readings of the episodes active in [from, to] (as
 * store_episodes_active_iter selects them), in that iterator's episode
 * order and, within an episode, oldest first: the two can be merged. */
int store_readings_active_iter(struct store *st, int64_t from, int64_t to,
                               struct store_iter **out, char *err, size_t errlen);

/* The latest reading of episode id (by time, then id) into *out.
 * STORE_NOT_FOUND when it has none. */
int store_reading_latest(struct store *st, int64_t episode_id, struct reading *out, char *err,
                         size_t errlen);

/* Every reading in id order (the export). */
int store_readings_all_iter(struct store *st, struct store_iter **out, char *err,
                            size_t errlen);

/* --- treatments (store_treatment.c) --------------------------------------
 * Medication intakes and relief without the timer. Rows are struct
 * treatment. */

/* Adds t, validated by the caller (treatment_validate), created_at = now,
 * linked to the episode going at t->taken_at (the most recently started,
 * if any). When pain_before is not given, the latest reading of that
 * episode at or before taken_at stands for it. Sets id, created_at,
 * episode_id and pain_before. One transaction. */
int store_treatment_add(struct store *st, struct treatment *t, int64_t now, char *err,
                        size_t errlen);

/* Reads treatment id. STORE_NOT_FOUND when there is none. */
int store_treatment_get(struct store *st, int64_t id, struct treatment *out, char *err,
                        size_t errlen);

/* Sets the pain-after rating of treatment id to pain (0..10, checked by
 * the caller): the answer to "how is the pain now?" given later. One
 * transaction; STORE_NOT_FOUND when there is no such treatment. */
int store_treatment_rate(struct store *st, int64_t id, int pain, char *err, size_t errlen);

/* Treatments with from <= taken_at <= to in the given order (ties by id). */
int store_treatments_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                          struct store_iter **out, char *err, size_t errlen);

/* Up to max distinct medication names, the most recently taken first, into
 * names[0 .. *n) (each TREATMENT_NAME_MAX + 1 bytes): the pick list of the
 * home screen. */
int store_treatment_recent_names(struct store *st, size_t max,
                                 char (*names)[TREATMENT_NAME_MAX + 1], size_t *n, char *err,
                                 size_t errlen);

#endif
