/* SPDX-License-Identifier: BSD-2-Clause */
/* store: opening, the header and migrations, pragmas, the one statement
 * table of db/ with its cache, binds, errors and transactions. The tables'
 * own code is in store_episode.c, store_session.c, store_check.c,
 * store_iter.c, store_xfer.c, store_worse.c, store_question.c and store_backup.c (see store_private.h). */
#include "db/store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/schema.h"
#include "db/store_private.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* ---------------------------------------------------------------------
 * Statements: every one of db/, indexed by enum stmt_id (store_private.h) */

/* Column order read by db_episode_from_row() (DB_EP_COLS, store_private.h),
 * check_from_row() and session_from_row(). */
#define CHECK_COLS "id, taken_at, verdict, complete"
/* Read by store_checkin.c, in this order. */
#define CHECKIN_COLS "id, day, taken_at, pain, activities, sleep_tenths, woken, created_at"
#define WEEKLY_COLS "id, taken_at, pain, enjoyment, activity, created_at"
/* The columns of the sessions table that export and import carry (those
 * of the first schema: struct session but checkpoint_at), in this order. */
#define SES_COLS_XFER "id, kind, routine, hold_s, planned_s, elapsed_s, started_at," \
                      " ended_at, status, episode_id, pain_before, pain_after"
/* Every column a struct session is read from, in this order. */
#define SES_COLS SES_COLS_XFER ", checkpoint_at"
/* Column order read by reading_from_row() (store_reading.c); RD_COLS_R
 * the same of a table named r. */
#define RD_COLS "id, episode_id, taken_at, pain, source, created_at"
#define RD_COLS_R "r.id, r.episode_id, r.taken_at, r.pain, r.source, r.created_at"
/* Column order read by treatment_from_row() (store_treatment.c). */
#define TR_COLS "id, kind, name, taken_at, duration_s, pain_before, pain_after, episode_id," \
                " created_at"
/* A clock set back must not trip the schema's "ends after start" CHECK. */
#define SES_NOT_BEFORE_START(t) "max(" t ", started_at)"

/* The history filter, ?1: NULL for every episode, else a LIKE pattern made
 * by filter_bind() with \ as its escape character. LIKE ignores the case
 * of ASCII letters only. */
#define EP_FILTER "(?1 IS NULL OR notes LIKE ?1 ESCAPE '\\' OR region LIKE ?1 ESCAPE '\\'" \
                  " OR EXISTS (SELECT 1 FROM episode_tags AS t WHERE t.episode_id = episodes.id" \
                  " AND t.tag LIKE ?1 ESCAPE '\\'))"

static const char *const sql_text[SQL_COUNT] = {
    [SQL_FOREIGN_KEYS] = "PRAGMA foreign_keys = ON",
    [SQL_SYNCHRONOUS] = "PRAGMA synchronous = FULL",
    /* A small page cache keeps memory flat over long scans (flags, report);
     * the OS caches the file anyway, so reads stay fast. */
    [SQL_CACHE_SIZE] = "PRAGMA cache_size = -512",
    /* Read-only look at what the file is before anything is written. */
    [SQL_HEADER] = "SELECT (SELECT application_id FROM pragma_application_id),"
                   " (SELECT user_version FROM pragma_user_version),"
                   " (SELECT count(*) FROM sqlite_master)",
    [SQL_JOURNAL_WAL] = "PRAGMA journal_mode = WAL",
    [SQL_SET_APP_ID] = "PRAGMA application_id = " STR(SCHEMA_APPLICATION_ID),
    [SQL_OPTIMIZE] = "PRAGMA optimize",
    /* Changes when another connection commits; this one's own never do. */
    [SQL_DATA_VERSION] = "PRAGMA data_version",
    [SQL_BEGIN] = "BEGIN IMMEDIATE",
    /* A deferred read transaction: one snapshot for several reads. */
    [SQL_BEGIN_READ] = "BEGIN",
    [SQL_COMMIT] = "COMMIT",
    [SQL_ROLLBACK] = "ROLLBACK",
    /* The whole file, index entries against their rows too (quick_check
     * would miss a changed index entry); the first problem is enough. */
    [SQL_INTEGRITY] = "PRAGMA integrity_check(1)",
    [SQL_PAGE_COUNT] = "PRAGMA page_count",
    [SQL_EP_INSERT] = "INSERT INTO episodes (started_at, ended_at, intensity, region, side,"
                      " notes, created_at, updated_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    [SQL_EP_UPDATE] = "UPDATE episodes SET started_at = ?1, ended_at = ?2, intensity = ?3,"
                      " region = ?4, side = ?5, notes = ?6, updated_at = ?7 WHERE id = ?8",
    [SQL_EP_STATE] = "SELECT ended_at FROM episodes WHERE id = ?1",
    [SQL_EP_END] = "UPDATE episodes SET ended_at = ?2, updated_at = ?3"
                   " WHERE id = ?1 AND ended_at IS NULL",
    [SQL_EP_DELETE] = "DELETE FROM episodes WHERE id = ?1",
    [SQL_EP_GET] = "SELECT " DB_EP_COLS " FROM episodes WHERE id = ?1",
    [SQL_EP_ONGOING] = "SELECT " DB_EP_COLS " FROM episodes WHERE ended_at IS NULL"
                       " ORDER BY started_at DESC, id DESC LIMIT 1",
    /* Every ongoing episode, newest first: the partial index episodes_ongoing. */
    [SQL_EP_ONGOING_ALL] = "SELECT " DB_EP_COLS " FROM episodes WHERE ended_at IS NULL"
                           " ORDER BY started_at DESC, id DESC",
    /* Episodes of region ?1 other than id ?4 whose time overlaps [?2, ?3)
     * (?3: the end, or INT64_MAX for an ongoing one): begun in it, or begun
     * before it and ended after ?2 or still going. An episode that ends
     * just when the other begins does not overlap it. The same three index
     * ranges as SQL_EP_ACTIVE_ASC (EXPLAIN QUERY PLAN: test_store). */
    [SQL_EP_OVERLAP] = "SELECT " DB_EP_COLS " FROM episodes"
                       " WHERE started_at >= ?2 AND started_at < ?3 AND region = ?1 AND id <> ?4"
                       " UNION ALL SELECT " DB_EP_COLS " FROM episodes INDEXED BY episodes_ended_at"
                       " WHERE ended_at > ?2 AND started_at < ?2 AND region = ?1 AND id <> ?4"
                       " UNION ALL SELECT " DB_EP_COLS " FROM episodes"
                       " WHERE ended_at IS NULL AND started_at < ?2 AND region = ?1 AND id <> ?4"
                       " ORDER BY 2, 1",
    /* Ends, at ?1, the ongoing episodes begun before ?1 (so each ends
     * after its start, as the schema's CHECK wants). */
    [SQL_EP_END_BEFORE] = "UPDATE episodes SET ended_at = ?1, updated_at = ?2"
                          " WHERE ended_at IS NULL AND started_at < ?1",
    [SQL_EP_COUNT] = "SELECT count(*) FROM episodes WHERE started_at BETWEEN ?1 AND ?2",
    [SQL_EP_RANGE_DESC] = "SELECT " DB_EP_COLS " FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                          " ORDER BY started_at DESC, id DESC",
    [SQL_EP_RANGE_ASC] = "SELECT " DB_EP_COLS " FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                         " ORDER BY started_at, id",
    /* A covering scan of episodes_ended_at: (ended_at, started_at, id) are
     * its whole entry, so no row of the table is read. */
    [SQL_EP_SPANS] = "SELECT id, started_at, ended_at FROM episodes INDEXED BY episodes_ended_at"
                     " WHERE ended_at IS NOT NULL AND started_at < ?1"
                     " ORDER BY ended_at, started_at, id",
    [SQL_EP_BRIEF] = "SELECT id, started_at, ended_at, intensity, region FROM episodes"
                     " WHERE started_at >= ?1 ORDER BY started_at, id",
    /* Keyset pages: the row value compares started_at first, then id, the
     * order of the episodes_started_at index (whose entries end with the
     * rowid), so a page is an index range, not a scan from the start. */
    [SQL_EP_PAGE_DESC] = "SELECT " DB_EP_COLS " FROM episodes WHERE (started_at, id) < (?2, ?3)"
                         " AND " EP_FILTER " ORDER BY started_at DESC, id DESC LIMIT ?4",
    [SQL_EP_PAGE_ASC] = "SELECT " DB_EP_COLS " FROM episodes WHERE (started_at, id) > (?2, ?3)"
                        " AND " EP_FILTER " ORDER BY started_at, id LIMIT ?4",
    [SQL_EP_RANK] = "SELECT count(*) FROM episodes WHERE (started_at, id) > (?2, ?3)"
                    " AND " EP_FILTER,
    [SQL_EP_DURATIONS_COUNT] = "SELECT count(*) FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                               " AND ended_at IS NOT NULL",
    /* The sort happens in SQLite's sorter, which spills to a temporary file
     * past its memory limit: memory stays flat with 100,000 episodes. */
    [SQL_EP_DURATIONS] = "SELECT ended_at - started_at FROM episodes"
                         " WHERE started_at BETWEEN ?1 AND ?2 AND ended_at IS NOT NULL ORDER BY 1",
    /* Episodes active at some time in [?1, ?2]: begun in it, or begun
     * before it and ended in or after it, or still going. Each part has its
     * index (started_at; ended_at; the ongoing one), so the rows begun
     * before ?1 cost what they number, not a scan of every older episode
     * (the planner would rather walk started_at for the order: INDEXED BY;
     * EXPLAIN QUERY PLAN: test_store). */
    [SQL_EP_ACTIVE_ASC] = "SELECT " DB_EP_COLS " FROM episodes WHERE started_at BETWEEN ?1 AND ?2"
                          " UNION ALL SELECT " DB_EP_COLS " FROM episodes INDEXED BY episodes_ended_at"
                          " WHERE ended_at >= ?1 AND started_at < ?1"
                          " UNION ALL SELECT " DB_EP_COLS " FROM episodes"
                          " WHERE ended_at IS NULL AND started_at < ?1"
                          " ORDER BY 2, 1",
    /* min() of an indexed column reads one index entry. */
    [SQL_EP_FIRST_START] = "SELECT min(started_at) FROM episodes",
    [SQL_EP_ACTIVE_DURATIONS_COUNT] = "SELECT (SELECT count(*) FROM episodes"
                                      " WHERE started_at BETWEEN ?1 AND ?2 AND ended_at IS NOT NULL)"
                                      " + (SELECT count(*) FROM episodes INDEXED BY episodes_ended_at"
                                      " WHERE ended_at >= ?1 AND started_at < ?1)",
    [SQL_EP_ACTIVE_DURATIONS] = "SELECT ended_at - started_at FROM episodes"
                                " WHERE started_at BETWEEN ?1 AND ?2 AND ended_at IS NOT NULL"
                                " UNION ALL SELECT ended_at - started_at"
                                " FROM episodes INDEXED BY episodes_ended_at"
                                " WHERE ended_at >= ?1 AND started_at < ?1 ORDER BY 1",
    [SQL_TAGS_DELETE] = "DELETE FROM episode_tags WHERE episode_id = ?1",
    /* A repeated tag is dropped, as episode_add_tag() does; DO NOTHING
     * covers only the key, unlike OR IGNORE, which would also swallow a
     * CHECK failure. */
    [SQL_TAG_INSERT] = "INSERT INTO episode_tags (episode_id, kind, tag) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT (episode_id, kind, tag) DO NOTHING",
    /* In the order they were added (rowid), which db_tags_load restores:
     * an ORDER BY rowid here built a temporary B-tree per episode, most of
     * the cost of the flags and warnings over a week of episodes. */
    [SQL_TAGS_GET] = "SELECT kind, tag, rowid FROM episode_tags WHERE episode_id = ?1",
    [SQL_CHECK_INSERT] = "INSERT INTO checks (taken_at, verdict, complete) VALUES (?1, ?2, ?3)",
    [SQL_CHECK_UPDATE] = "UPDATE checks SET taken_at = ?2, verdict = ?3, complete = ?4 WHERE id = ?1",
    [SQL_ANSWERS_DELETE] = "DELETE FROM check_answers WHERE check_id = ?1",
    [SQL_ANSWER_INSERT] = "INSERT INTO check_answers (check_id, item, answer) VALUES (?1, ?2, ?3)",
    [SQL_CHECK_GET] = "SELECT " CHECK_COLS " FROM checks WHERE id = ?1",
    [SQL_CHECK_LATEST] = "SELECT " CHECK_COLS " FROM checks ORDER BY taken_at DESC, id DESC LIMIT 1",
    [SQL_CHECK_RANGE_DESC] = "SELECT " CHECK_COLS " FROM checks WHERE taken_at BETWEEN ?1 AND ?2"
                             " ORDER BY taken_at DESC, id DESC",
    [SQL_CHECK_RANGE_ASC] = "SELECT " CHECK_COLS " FROM checks WHERE taken_at BETWEEN ?1 AND ?2"
                            " ORDER BY taken_at, id",
    [SQL_ANSWERS_GET] = "SELECT item, answer FROM check_answers WHERE check_id = ?1 ORDER BY item",
    /* The episode link is read in the same statement as the insert, so no
     * other writer can end that episode in between. */
    [SQL_SES_INSERT] = "INSERT INTO sessions (kind, routine, hold_s, planned_s, elapsed_s,"
                       " started_at, status, episode_id, pain_before, checkpoint_at, owner_pid)"
                       " VALUES (?1, ?2, ?3, ?4, 0, ?5, 'running',"
                       " (SELECT id FROM episodes WHERE ended_at IS NULL"
                       "  ORDER BY started_at DESC, id DESC LIMIT 1), ?6, ?5, ?7)"
                       " RETURNING id, episode_id",
    /* Also takes back a row another unknot marked interrupted while this
     * owner was suspended: the owner knows best that it still runs. */
    [SQL_SES_CHECKPOINT] = "UPDATE sessions SET elapsed_s = ?2, checkpoint_at = "
                           SES_NOT_BEFORE_START("?3") ", status = 'running', ended_at = NULL"
                           " WHERE id = ?1 AND status IN ('running', 'interrupted')",
    [SQL_SES_FINISH] = "UPDATE sessions SET status = ?2, elapsed_s = ?3,"
                       " ended_at = " SES_NOT_BEFORE_START("?4") ","
                       " checkpoint_at = " SES_NOT_BEFORE_START("?4") ","
                       " pain_after = coalesce(?5, pain_after)"
                       " WHERE id = ?1 AND status IN ('running', 'interrupted')",
    [SQL_SES_RATE] = "UPDATE sessions SET pain_after = ?2 WHERE id = ?1",
    [SQL_SES_GET] = "SELECT " SES_COLS " FROM sessions WHERE id = ?1",
    /* Read before any write lock is taken: nearly every start finds none. */
    [SQL_SES_ANY_RUNNING] = "SELECT 1 FROM sessions WHERE status = 'running' LIMIT 1",
    /* unknot_owner_alive() is registered by store_setup; see sessions_recover. */
    [SQL_SES_RECOVER] = "UPDATE sessions SET status = 'interrupted', ended_at = "
                        SES_NOT_BEFORE_START("coalesce(checkpoint_at, started_at)")
                        " WHERE status = 'running' AND (owner_pid IS NULL"
                        " OR coalesce(checkpoint_at, started_at) < ?1"
                        " OR NOT unknot_owner_alive(owner_pid))",
    /* max(coalesce(ended_at, checkpoint_at)) of the ice sessions that ran,
     * in two index ranges of sessions_kind_ended: the latest end (the
     * first from the top that ran), and the running ones (no end yet).
     * One max over every ice session read each of their rows: 2M
     * instructions of the status line over ten years of sessions. */
    [SQL_SES_LAST_ICE] = "SELECT max(coalesce(a, b), coalesce(b, a)) FROM"
                         " (SELECT (SELECT ended_at FROM sessions WHERE kind = 'ice'"
                         " AND ended_at IS NOT NULL AND elapsed_s > 0"
                         " ORDER BY ended_at DESC LIMIT 1) AS a,"
                         " (SELECT max(checkpoint_at) FROM sessions WHERE kind = 'ice'"
                         " AND ended_at IS NULL AND elapsed_s > 0) AS b)",
    [SQL_SES_RANGE_DESC] = "SELECT " SES_COLS " FROM sessions"
                           " WHERE started_at BETWEEN ?1 AND ?2 ORDER BY started_at DESC, id DESC",
    [SQL_SES_RANGE_ASC] = "SELECT " SES_COLS " FROM sessions"
                          " WHERE started_at BETWEEN ?1 AND ?2 ORDER BY started_at, id",
    /* Import: rows keep their ids; a repeated tag is an error here. */
    [SQL_IMP_EPISODE] = "INSERT INTO episodes (id, started_at, ended_at, intensity, region, side,"
                        " notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [SQL_IMP_TAG] = "INSERT INTO episode_tags (episode_id, kind, tag) VALUES (?1, ?2, ?3)",
    [SQL_IMP_SESSION] = "INSERT INTO sessions (" SES_COLS_XFER ")"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [SQL_IMP_CHECK] = "INSERT INTO checks (id, taken_at, verdict, complete) VALUES (?1, ?2, ?3, ?4)",
    /* The one first reading of an episode (readings_first): inserted with
     * the episode, kept equal to its intensity and start by every update. */
    [SQL_RD_FIRST] = "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)"
                     " VALUES (?1, ?2, ?3, 'log', ?4)"
                     " ON CONFLICT (episode_id) WHERE source = 'log'"
                     " DO UPDATE SET taken_at = excluded.taken_at, pain = excluded.pain",
    [SQL_RD_INSERT] = "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQL_RD_GET] = "SELECT " RD_COLS " FROM readings WHERE id = ?1",
    [SQL_RD_DELETE] = "DELETE FROM readings WHERE id = ?1 AND source <> 'log'",
    [SQL_RD_UPDATE] = "UPDATE readings SET taken_at = ?2, pain = ?3 WHERE id = ?1 AND source <> 'log'",
    [SQL_RD_OF_EPISODE] = "SELECT " RD_COLS " FROM readings WHERE episode_id = ?1"
                          " ORDER BY taken_at, id",
    /* The readings of the episodes of SQL_EP_ACTIVE_ASC (begun by ?2, and
     * begun since ?1 or ended since or ongoing), in the episodes' order:
     * one scan of episodes_started_at from the earliest start that can be
     * active, joined through readings_episode, so no sort is needed (a
     * union of the three parts had to sort every reading). */
    [SQL_RD_ACTIVE] = "SELECT " RD_COLS_R " FROM episodes AS e JOIN readings AS r"
                      " ON r.episode_id = e.id WHERE e.started_at <= ?2"
                      " AND e.started_at >= (SELECT min(s) FROM (SELECT ?1 AS s"
                      " UNION ALL SELECT min(started_at) FROM episodes INDEXED BY episodes_ended_at"
                      " WHERE ended_at >= ?1"
                      " UNION ALL SELECT min(started_at) FROM episodes WHERE ended_at IS NULL))"
                      " AND (e.started_at >= ?1 OR e.ended_at >= ?1 OR e.ended_at IS NULL)"
                      " ORDER BY e.started_at, e.id, r.taken_at, r.id",
    [SQL_RD_LATEST] = "SELECT " RD_COLS " FROM readings WHERE episode_id = ?1"
                      " ORDER BY taken_at DESC, id DESC LIMIT 1",
    [SQL_RD_ALL] = "SELECT " RD_COLS " FROM readings ORDER BY id",
    /* Also schema step 5's: the first reading of an episode lacking one. */
    [SQL_RD_BACKFILL] = "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)"
                        " SELECT id, started_at, intensity, 'log', created_at FROM episodes"
                        " WHERE NOT EXISTS (SELECT 1 FROM readings WHERE episode_id = episodes.id"
                        " AND source = 'log') ORDER BY id",
    [SQL_RD_SES_BEFORE] = "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)"
                          " SELECT episode_id, started_at, pain_before, 'timer-before', started_at"
                          " FROM sessions WHERE id = ?1 AND episode_id IS NOT NULL"
                          " AND pain_before IS NOT NULL",
    /* A session rated again replaces its reading after (same episode and time). */
    [SQL_RD_SES_AFTER_DELETE] = "DELETE FROM readings WHERE source = 'timer-after'"
                                " AND (episode_id, taken_at) IN (SELECT episode_id, ended_at"
                                " FROM sessions WHERE id = ?1)",
    [SQL_RD_SES_AFTER] = "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)"
                         " SELECT episode_id, ended_at, pain_after, 'timer-after', ended_at"
                         " FROM sessions WHERE id = ?1 AND episode_id IS NOT NULL"
                         " AND pain_after IS NOT NULL AND ended_at IS NOT NULL",
    [SQL_IMP_READING] = "INSERT INTO readings (id, episode_id, taken_at, pain, source, created_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    /* The episode going at ?1: the most recently started of those begun by
     * then and not ended before. */
    [SQL_TR_EPISODE_AT] = "SELECT id FROM episodes WHERE started_at <= ?1"
                          " AND (ended_at IS NULL OR ended_at >= ?1)"
                          " ORDER BY started_at DESC, id DESC LIMIT 1",
    [SQL_TR_PAIN_AT] = "SELECT pain FROM readings WHERE episode_id = ?1 AND taken_at <= ?2"
                       " ORDER BY taken_at DESC, id DESC LIMIT 1",
    [SQL_TR_INSERT] = "INSERT INTO treatments (kind, name, taken_at, duration_s, pain_before,"
                      " pain_after, episode_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [SQL_TR_GET] = "SELECT " TR_COLS " FROM treatments WHERE id = ?1",
    [SQL_TR_RATE] = "UPDATE treatments SET pain_after = ?2 WHERE id = ?1",
    [SQL_TR_RANGE_ASC] = "SELECT " TR_COLS " FROM treatments WHERE taken_at BETWEEN ?1 AND ?2"
                         " ORDER BY taken_at, id",
    [SQL_TR_RANGE_DESC] = "SELECT " TR_COLS " FROM treatments WHERE taken_at BETWEEN ?1 AND ?2"
                          " ORDER BY taken_at DESC, id DESC",
    [SQL_TR_RECENT_NAMES] = "SELECT name FROM treatments WHERE kind = 'medication'"
                            " GROUP BY name ORDER BY max(taken_at) DESC, name LIMIT ?1",
    [SQL_IMP_TREATMENT] = "INSERT INTO treatments (" TR_COLS ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    /* Check-ins (store_checkin.c): columns in the order checkin_from_row
     * and weekly_from_row read them. */
    [SQL_CI_INSERT] = "INSERT INTO checkins (day, taken_at, pain, activities, sleep_tenths, woken,"
                      " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQL_CI_UPDATE] = "UPDATE checkins SET taken_at = ?2, pain = ?3, activities = ?4,"
                      " sleep_tenths = ?5, woken = ?6, created_at = ?7 WHERE id = ?1",
    [SQL_CI_BY_DAY] = "SELECT " CHECKIN_COLS " FROM checkins WHERE day = ?1",
    [SQL_CI_RANGE_DESC] = "SELECT " CHECKIN_COLS " FROM checkins WHERE taken_at BETWEEN ?1 AND ?2"
                          " ORDER BY taken_at DESC, id DESC",
    [SQL_CI_RANGE_ASC] = "SELECT " CHECKIN_COLS " FROM checkins WHERE taken_at BETWEEN ?1 AND ?2"
                         " ORDER BY taken_at, id",
    [SQL_WK_INSERT] = "INSERT INTO weekly (taken_at, pain, enjoyment, activity, created_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQL_WK_LATEST] = "SELECT " WEEKLY_COLS " FROM weekly ORDER BY taken_at DESC, id DESC LIMIT 1",
    [SQL_WK_RANGE_DESC] = "SELECT " WEEKLY_COLS " FROM weekly WHERE taken_at BETWEEN ?1 AND ?2"
                          " ORDER BY taken_at DESC, id DESC",
    [SQL_WK_RANGE_ASC] = "SELECT " WEEKLY_COLS " FROM weekly WHERE taken_at BETWEEN ?1 AND ?2"
                         " ORDER BY taken_at, id",
    [SQL_IMP_CHECKIN] = "INSERT INTO checkins (" CHECKIN_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [SQL_IMP_WEEKLY] = "INSERT INTO weekly (" WEEKLY_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    /* What made a stretch session worse (store_worse.c): the answer and
     * the import insert alike; the rows of the sessions begun in [?1, ?2]
     * with their session's routine, in session and exercise order. */
    [SQL_WORSE_DELETE] = "DELETE FROM session_worse WHERE session_id = ?1",
    [SQL_WORSE_INSERT] = "INSERT INTO session_worse (session_id, exercise_index, exercise_name)"
                         " VALUES (?1, ?2, ?3)",
    [SQL_WORSE_RANGE] = "SELECT w.session_id, w.exercise_index, w.exercise_name, s.routine"
                        " FROM session_worse AS w JOIN sessions AS s ON s.id = w.session_id"
                        " WHERE s.started_at BETWEEN ?1 AND ?2"
                        " ORDER BY w.session_id, w.exercise_index",
    /* The questions for the next visit (store_question.c), numbered in
     * the order they were asked: asked_at, then id. */
    [SQL_Q_INSERT] = "INSERT INTO questions (asked_at, text) VALUES (?1, ?2)",
    [SQL_Q_COUNT] = "SELECT count(*) FROM questions",
    [SQL_Q_ALL] = "SELECT id, asked_at, text FROM questions ORDER BY asked_at, id",
    [SQL_Q_CLEAR] = "DELETE FROM questions",
    /* The ?1-th question of SQL_Q_ALL's order (1 the first). */
    [SQL_Q_DELETE_NTH] = "DELETE FROM questions WHERE id = (SELECT id FROM questions"
                         " ORDER BY asked_at, id LIMIT 1 OFFSET ?1 - 1)",
    [SQL_IMP_QUESTION] = "INSERT INTO questions (id, asked_at, text) VALUES (?1, ?2, ?3)",
};

/* ---------------------------------------------------------------------
 * Errors */

/* See store_private.h. */
int db_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return STORE_ERROR;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return STORE_ERROR;
}

/* "<what>: <its cause in plain words>" (db_plain_error; a damaged file
 * or another writer in a sentence of their own), plus the place in debug
 * builds (see DB_FAIL in store_private.h). */
int db_fail_at(sqlite3 *db, char *err, size_t errlen, const char *file, int line,
               const char *fmt, ...)
{
    if (!err || errlen == 0)
        return STORE_ERROR;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    char msg[STORE_ERR_LEN];
    int whole = db_plain_error(db, msg, sizeof msg);
    if (file)
        snprintf(err, errlen, "%s%s%s (%s:%d)", whole ? "" : what, whole ? "" : ": ", msg, file,
                 line);
    else
        snprintf(err, errlen, "%s%s%s", whole ? "" : what, whole ? "" : ": ", msg);
    return STORE_ERROR;
}

/* ---------------------------------------------------------------------
 * Statements and binds */

const char *db_sql(enum stmt_id id)
{
    return (unsigned)id < SQL_COUNT ? sql_text[id] : NULL;
}

int db_stmt(struct store *st, enum stmt_id id, sqlite3_stmt **out, char *err, size_t errlen)
{
    if (!st->stmt[id]) {
        int rc = sqlite3_prepare_v3(st->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[id], NULL);
        if (rc != SQLITE_OK)
            return db_fail_prepare(st->db, err, errlen);
    }
    *out = st->stmt[id];
    return STORE_OK;
}

/* The codes are not checked on purpose: sqlite3_reset repeats the error
 * of the last step, which the caller has already reported, and
 * sqlite3_clear_bindings always succeeds. Clearing also drops the pointers
 * to the caller's strings bound with SQLITE_STATIC. */
void db_release(sqlite3_stmt *s)
{
    (void)sqlite3_reset(s);
    (void)sqlite3_clear_bindings(s);
}

int db_bind(sqlite3_stmt *s, const struct db_arg *args, int n)
{
    int rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < n; i++) {
        const struct db_arg *a = &args[i];
        switch (a->type) {
        case DB_ARG_INT: rc = sqlite3_bind_int64(s, i + 1, a->i); break;
        case DB_ARG_TEXT: rc = sqlite3_bind_text(s, i + 1, a->s, a->len, SQLITE_STATIC); break;
        default: rc = sqlite3_bind_null(s, i + 1); break;
        }
    }
    return rc;
}

int db_query(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
             sqlite3_stmt **out, const char *what, char *err, size_t errlen)
{
    int rc = db_stmt(st, id, out, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (db_bind(*out, args, n) != SQLITE_OK) {
        rc = DB_FAIL(st->db, "%s", what);
        db_release(*out);
        return rc;
    }
    return STORE_OK;
}

int db_step_done(struct store *st, sqlite3_stmt *s, const char *what, char *err, size_t errlen)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        DB_FAIL(st->db, "%s", what);
        db_release(s);
        return STORE_ERROR;
    }
    db_release(s);
    return STORE_OK;
}

int db_exec(struct store *st, enum stmt_id id, const struct db_arg *args, int n,
            const char *what, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, id, args, n, &s, what, err, errlen);
    return rc == STORE_OK ? db_step_done(st, s, what, err, errlen) : rc;
}

int db_run(struct store *st, enum stmt_id id, const char *what, char *err, size_t errlen)
{
    return db_exec(st, id, NULL, 0, what, err, errlen);
}

/* See store_private.h. */
int db_column_copy(sqlite3_stmt *s, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (!t && sqlite3_column_type(s, col) != SQLITE_NULL)
        return -1;
    if (n >= size)
        return -1;
    if (n)
        memcpy(buf, t, n);
    buf[n] = '\0';
    return 0;
}

/* Two iterators may run side by side, and the cached statement may be in
 * use: an iterator gets its own copy. */
int db_prepare_own(struct store *st, enum stmt_id id, sqlite3_stmt **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    if (sqlite3_prepare_v3(st->db, sql_text[id], -1, 0, out, NULL) != SQLITE_OK) {
        db_fail_prepare(st->db, err, errlen);
        (void)sqlite3_finalize(*out); /* repeats the error just reported */
        *out = NULL;
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* ---------------------------------------------------------------------
 * Transactions */

int db_tx_begin(struct store *st, char *err, size_t errlen)
{
    return db_run(st, SQL_BEGIN, "starting a transaction", err, errlen);
}

int db_tx_end(struct store *st, int rc, char *err, size_t errlen)
{
    if (rc == STORE_OK) {
        rc = db_run(st, SQL_COMMIT, "saving", err, errlen);
        if (rc == STORE_OK) {
            st->wrote = 1;
            return STORE_OK;
        }
    }
    /* Some errors (SQLITE_FULL, I/O) already rolled the transaction back. */
    if (!sqlite3_get_autocommit(st->db)) {
        char rb[STORE_ERR_LEN];
        if (db_run(st, SQL_ROLLBACK, "rolling back", rb, sizeof(rb)) != STORE_OK && err) {
            size_t used = strnlen(err, errlen);
            if (used + 2 < errlen)
                snprintf(err + used, errlen - used, "; %s", rb);
        }
    }
    return rc;
}

int store_read_begin(struct store *st, char *err, size_t errlen)
{
    return db_run(st, SQL_BEGIN_READ, "BEGIN", err, errlen);
}

void store_read_end(struct store *st)
{
    char err[STORE_ERR_LEN];
    if (!sqlite3_get_autocommit(st->db) &&
        db_run(st, SQL_COMMIT, "COMMIT", err, sizeof err) != STORE_OK)
        (void)db_run(st, SQL_ROLLBACK, "ROLLBACK", err, sizeof err); /* a read: nothing to lose */
}

/* ---------------------------------------------------------------------
 * Opening */

int store_schema_version(void)
{
    return schema_steps[schema_step_count - 1].version;
}

int store_default_path(const char *explicit_path, char *out, size_t outlen)
{
    if (!out || outlen == 0)
        return -1;
    const char *v;
    int n = -1;
    if (explicit_path)
        n = snprintf(out, outlen, "%s", explicit_path);
    else if ((v = getenv("UNKNOT_DB")) && *v)
        n = snprintf(out, outlen, "%s", v);
    /* The XDG spec says to ignore a relative XDG_DATA_HOME. */
    else if ((v = getenv("XDG_DATA_HOME")) && *v == '/')
        n = snprintf(out, outlen, "%s/unknot/unknot.db", v);
    else if ((v = getenv("HOME")) && *v)
        n = snprintf(out, outlen, "%s/.local/share/unknot/unknot.db", v);
    if (n < 0 || (size_t)n >= outlen) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

static int ensure_dir(const char *dir, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return STORE_OK;
        db_set_err(err, errlen, "cannot create directory %s: a file is in the way", dir);
        return STORE_ERROR;
    }
    if (errno == ENOENT && (mkdir(dir, 0700) == 0 || errno == EEXIST))
        return STORE_OK;
    db_set_err(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
    return STORE_ERROR;
}

/* mkdir -p of the directory part of path; directories made here get 0700,
 * existing ones are left as they are. */
static int make_parent_dirs(const char *path, char *err, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return STORE_OK; /* the current directory, or / */
    size_t len = (size_t)(slash - path);
    char *dir = malloc(len + 1);
    if (!dir) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    memcpy(dir, path, len);
    dir[len] = '\0';
    int rc = STORE_OK;
    for (size_t i = 1; i <= len && rc == STORE_OK; i++) {
        if (dir[i] != '/' && dir[i] != '\0')
            continue;
        char c = dir[i];
        dir[i] = '\0';
        rc = ensure_dir(dir, err, errlen);
        dir[i] = c;
    }
    free(dir);
    return rc;
}

/* Decides from what a file says about itself whether unknot may use it.
 * nobjects is the number of schema objects. */
static int judge_header(const char *path, uint32_t app_id, int64_t version, int64_t nobjects,
                        char *err, size_t errlen)
{
    if (app_id != SCHEMA_APPLICATION_ID) {
        if (app_id != 0) {
            db_set_err(err, errlen,
                       "%s belongs to another program (application_id 0x%08lx, unknot's is "
                       "0x%08lx); refusing to use it",
                       path, (unsigned long)app_id, (unsigned long)SCHEMA_APPLICATION_ID);
            return STORE_NOT_OURS;
        }
        if (nobjects > 0 || version != 0) {
            db_set_err(err, errlen,
                       "%s is an SQLite database of another program (it has tables but no "
                       "unknot application_id); refusing to use it",
                       path);
            return STORE_NOT_OURS;
        }
    }
    if (version < 0) {
        db_set_err(err, errlen, "%s has a negative schema version %lld; refusing to use it",
                   path, (long long)version);
        return STORE_NOT_OURS;
    }
    if (version > store_schema_version()) {
        db_set_err(err, errlen,
                   "database %s was written by a newer unknot (schema %lld, this build knows "
                   "%d); upgrade unknot",
                   path, (long long)version, store_schema_version());
        return STORE_NEWER;
    }
    return STORE_OK;
}

/* Creates the file with mode 0600 when it is missing (SQLite would make it
 * 0644); an existing file, and its mode, is not touched. O_EXCL matters
 * beyond the race: closing a descriptor of a file this process already has
 * open through SQLite would drop that connection's POSIX locks. */
static int file_create(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return STORE_OK;
        db_set_err(err, errlen, "cannot create database %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    if (close(fd) != 0) {
        db_set_err(err, errlen, "cannot create database %s: %s", path, strerror(errno));
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Reads application_id, user_version and the number of schema objects
 * through SQLite (which sees pages still in the WAL). Writes nothing to
 * the database file; on a WAL file SQLite makes -wal/-shm for the read and
 * removes them again at close. */
static int read_header(struct store *st, const char *path, uint32_t *app_id, int64_t *version,
                       int64_t *nobjects, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_HEADER, &s, err, errlen);
    if (rc != STORE_OK) {
        if (sqlite3_errcode(st->db) == SQLITE_NOTADB) {
            db_set_err(err, errlen, "%s is not an SQLite database; refusing to use it", path);
            return STORE_NOT_OURS;
        }
        return rc;
    }
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_NOTADB)
            db_set_err(err, errlen, "%s is not an SQLite database; refusing to use it", path);
        else
            DB_FAIL(st->db, "reading database %s", path);
        db_release(s);
        return rc == SQLITE_NOTADB ? STORE_NOT_OURS : STORE_ERROR;
    }
    *app_id = (uint32_t)sqlite3_column_int64(s, 0);
    *version = sqlite3_column_int64(s, 1);
    *nobjects = sqlite3_column_int64(s, 2);
    db_release(s);
    return STORE_OK;
}

/* Applies every pending step and stamps the application_id, all in one
 * transaction. The header is read again under the write lock: another
 * unknot may have migrated (or a newer one upgraded) the file meanwhile. */
static int migrate(struct store *st, const char *path, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    uint32_t app_id;
    int64_t version, nobjects;
    rc = read_header(st, path, &app_id, &version, &nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = judge_header(path, app_id, version, nobjects, err, errlen);
    int applied = 0;
    for (size_t i = 0; rc == STORE_OK && i < schema_step_count; i++) {
        if (schema_steps[i].version <= version)
            continue;
        if (sqlite3_exec(st->db, schema_steps[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            rc = DB_FAIL(st->db, "upgrading %s to schema %d", path, schema_steps[i].version);
        applied = 1;
    }
    if (rc == STORE_OK && applied)
        rc = db_run(st, SQL_SET_APP_ID, "marking the database as unknot's", err, errlen);
    return db_tx_end(st, rc, err, errlen);
}

/* Finalizes everything and closes without writing (no PRAGMA optimize). */
static void store_teardown(struct store *st)
{
    for (int i = 0; i < SQL_COUNT; i++) {
        /* Returns the last step's error, reported when it happened. */
        (void)sqlite3_finalize(st->stmt[i]);
        st->stmt[i] = NULL;
    }
    /* The busy handler points at st, which goes now. */
    (void)sqlite3_busy_handler(st->db, NULL, NULL);
    /* sqlite3_close fails only while statements are alive, i.e. an
     * iterator not yet freed: close_v2 then finishes when it is. */
    if (sqlite3_close(st->db) != SQLITE_OK)
        (void)sqlite3_close_v2(st->db);
    free(st);
}

/* 1 when path has a -wal beside it (before we open it). */
static int wal_present(const char *path)
{
    char wal[4096];
    struct stat sb;
    return snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal && stat(wal, &sb) == 0;
}

/* Closes a store whose file was refused (newer, foreign, damaged) so that
 * the file and its -wal stay byte-identical: the last connection's close
 * would otherwise checkpoint a -wal that was there into the file and
 * delete it. Without one, the close removes the empty -wal and -shm the
 * read made, and the file stays as it was too. */
static void store_refuse(struct store *st, int had_wal)
{
    if (had_wal)
        (void)sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    store_teardown(st);
}

static int store_setup(struct store *st, const char *path, int memory, char *err,
                       size_t errlen)
{
    /* The header first: on a file that is not SQLite, every statement that
     * reads the schema fails, and that should say "not ours". */
    int rc = db_busy_init(st, err, errlen);
    uint32_t app_id = 0;
    int64_t version = 0, nobjects = 0;
    if (rc == STORE_OK)
        rc = read_header(st, path, &app_id, &version, &nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = judge_header(path, app_id, version, nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = db_register_functions(st, err, errlen);
    if (rc == STORE_OK)
        rc = db_register_check_functions(st, err, errlen);
    if (rc == STORE_OK)
        rc = db_run(st, SQL_FOREIGN_KEYS, "setting foreign_keys", err, errlen);
    if (rc == STORE_OK)
        rc = db_run(st, SQL_SYNCHRONOUS, "setting synchronous", err, errlen);
    if (rc == STORE_OK)
        rc = db_run(st, SQL_CACHE_SIZE, "setting cache_size", err, errlen);
    /* Only now may the file change: journal_mode = WAL writes its header. */
    if (rc == STORE_OK && !memory)
        rc = db_set_wal(st, err, errlen);
    if (rc == STORE_OK && version < store_schema_version())
        rc = migrate(st, path, err, errlen);
    return rc;
}

int store_open(struct store **out, const char *path, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!out) {
        db_set_err(err, errlen, "store_open: no result pointer");
        return STORE_ERROR;
    }
    *out = NULL;
    if (!path || !*path) {
        db_set_err(err, errlen, "empty database path");
        return STORE_ERROR;
    }
    int memory = strcmp(path, ":memory:") == 0;
    int rc;
    if (!memory) {
        rc = make_parent_dirs(path, err, errlen);
        if (rc == STORE_OK)
            rc = file_create(path, err, errlen);
        if (rc != STORE_OK)
            return rc;
    }
    struct store *st = calloc(1, sizeof(*st));
    if (!st) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    /* No SQLITE_OPEN_CREATE for files: file_create made it with 0600. */
    int flags = SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0);
    int had_wal = !memory && wal_present(path);
    if (sqlite3_open_v2(path, &st->db, flags | DB_OPEN_THREADS, NULL) != SQLITE_OK) {
        DB_FAIL(st->db, "cannot open database %s", path);
        store_teardown(st);
        return STORE_ERROR;
    }
    rc = store_setup(st, path, memory, err, errlen);
    if (rc != STORE_OK) {
        store_refuse(st, had_wal);
        return rc;
    }
    /* Every start of unknot, full-screen or command, ends the sessions a
     * killed unknot left running. Best effort on purpose: a busy or
     * read-only database must not keep anyone from their log, and the
     * next start tries again. */
    char rerr[STORE_ERR_LEN];
    (void)store_sessions_recover(st, (int64_t)time(NULL), store_pid_alive, NULL, NULL, rerr,
                                 sizeof(rerr));
    *out = st;
    return STORE_OK;
}

void store_close(struct store **stp)
{
    if (!stp || !*stp)
        return;
    struct store *st = *stp;
    char err[STORE_ERR_LEN];
    /* Advisory: a failure leaves the statistics as they were; there is no
     * one to tell on the way out. Only after a write: a command that only
     * read would otherwise ANALYZE (a write) on every run, which on a long
     * history cost as much as the flags themselves. */
    if (!st->readonly && st->wrote)
        (void)db_run(st, SQL_OPTIMIZE, "optimizing", err, sizeof(err));
    store_teardown(st);
    *stp = NULL;
}

int store_changed(struct store *st, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_DATA_VERSION, NULL, 0, &s, "looking for changes", err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = DB_FAIL(st->db, "looking for changes");
        db_release(s);
        return rc;
    }
    int64_t v = sqlite3_column_int64(s, 0);
    db_release(s);
    int changed = st->data_version_read && v != st->data_version;
    st->data_version = v;
    st->data_version_read = 1;
    return changed;
}

/* A read-only connection to a current database: the header judged as
 * store_setup does, no pragma that writes, no migration, no recovery. */
static int readonly_setup(struct store *st, const char *path, int64_t *version, char *err,
                          size_t errlen)
{
    uint32_t app_id = 0;
    int64_t nobjects = 0;
    int rc = db_busy_init(st, err, errlen);
    if (rc == STORE_OK)
        rc = read_header(st, path, &app_id, version, &nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = judge_header(path, app_id, *version, nobjects, err, errlen);
    if (rc == STORE_OK)
        rc = db_register_functions(st, err, errlen);
    if (rc == STORE_OK)
        rc = db_register_check_functions(st, err, errlen);
    /* The readers scan long histories: the same small cache as store_open
     * keeps their memory flat (it also bounds the sorters' memory). */
    if (rc == STORE_OK)
        rc = db_run(st, SQL_CACHE_SIZE, "setting cache_size", err, errlen);
    return rc;
}

/* Whether this process may change the file or create files beside it
 * (SQLite's -wal and -shm). */
static int may_write(const char *path)
{
    char dir[4096];
    return access(path, W_OK) == 0 && path_dir(path, dir, sizeof dir) == 0 &&
           access(dir, W_OK) == 0;
}

/* "file:PATH?immutable=1", PATH percent-encoded (never read as a URI of
 * the user's: every byte that could mean something is escaped). */
static char *immutable_uri(const char *path)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789/._-~";
    char *uri = malloc(strlen(path) * 3 + 32), *p = uri;
    if (!uri)
        return NULL;
    p += sprintf(p, "file:");
    while (path[0] == '/' && path[1] == '/')
        path++; /* "file://" would start an authority */
    for (const unsigned char *c = (const unsigned char *)path; *c; c++)
        p += strchr(plain, *c) ? sprintf(p, "%c", *c) : sprintf(p, "%%%02X", *c);
    sprintf(p, "?immutable=1");
    return uri;
}

/* Opens the file read-only. One this process may not write, with no -wal
 * beside it, is opened immutable: SQLite then makes no -wal and -shm,
 * which it would leave behind with the file's read-only mode, and which
 * would break every later write once the file is writable again. */
static int readonly_connect(struct store *st, const char *path, int *writable)
{
    *writable = may_write(path);
    if (*writable || wal_present(path))
        return sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY | DB_OPEN_THREADS, NULL);
    char *uri = immutable_uri(path);
    if (!uri)
        return SQLITE_NOMEM;
    int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | DB_OPEN_THREADS,
                             NULL);
    free(uri);
    return rc;
}

/* store_open_readonly, and with recover store_open_reader (store.h). */
static int open_reading(struct store **out, const char *path, int recover, char *err,
                        size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!out || !path || !*path || strcmp(path, ":memory:") == 0) {
        db_set_err(err, errlen, "store_open_readonly: needs a database file");
        return STORE_ERROR;
    }
    *out = NULL;
    struct stat sb;
    memset(&sb, 0, sizeof sb);
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return STORE_NOT_FOUND;
    struct store *st = calloc(1, sizeof(*st));
    if (!st) {
        db_set_err(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    st->readonly = 1;
    int writable, had_wal = wal_present(path);
    if (readonly_connect(st, path, &writable) != SQLITE_OK) {
        DB_FAIL(st->db, "cannot open database %s", path);
        store_teardown(st);
        return STORE_ERROR;
    }
    int64_t version = 0;
    int rc = readonly_setup(st, path, &version, err, errlen);
    /* A session marked running may be one a killed unknot left: every start
     * ends those (store_open), so a writable file is opened for that. */
    if (rc == STORE_OK && version >= store_schema_version() &&
        (!recover || !writable || db_sessions_any_running(st, err, errlen) == 0)) {
        *out = st;
        return STORE_OK;
    }
    store_refuse(st, had_wal);
    if (rc != STORE_OK)
        return rc;
    /* An empty file (no schema yet): nothing to read, and nothing written. */
    if (version == 0 && sb.st_size == 0) {
        db_set_err(err, errlen, "%s is an empty file: no unknot database yet", path);
        return STORE_NOT_FOUND;
    }
    /* An older schema: the one migration writes, then reads go on. */
    if (!writable && version < store_schema_version()) {
        db_set_err(err, errlen, "%s was written by an older unknot (schema %" PRId64 ") and "
                                "must be upgraded once, which needs permission to write it "
                                "and its directory", path, version);
        return STORE_ERROR;
    }
    return store_open(out, path, err, errlen);
}

int store_open_readonly(struct store **out, const char *path, char *err, size_t errlen)
{
    return open_reading(out, path, 0, err, errlen);
}

int store_open_reader(struct store **out, const char *path, char *err, size_t errlen)
{
    return open_reading(out, path, 1, err, errlen);
}

const char *store_path(const struct store *st)
{
    const char *p = sqlite3_db_filename(st->db, "main");
    return p ? p : "";
}
