/* store: the only place that knows SQL. An opaque handle over one SQLite
 * database file, typed functions and row iterators. No sqlite3 type leaves
 * this module.
 *
 * Error model: every function returns a store status (STORE_OK = 0) and,
 * on failure, writes a one-line message into the caller's err buffer. */
#ifndef UNKNOT_STORE_H
#define UNKNOT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"

struct store;

enum store_status {
    STORE_OK = 0,
    STORE_ERROR = -1,     /* I/O, SQL or constraint failure */
    STORE_NOT_FOUND = -2, /* no row with that id */
    STORE_NEWER = -3,     /* database written by a newer unknot: refused */
    STORE_NOT_OURS = -4,  /* another program's SQLite file: refused */
};

#define STORE_ERR_LEN 256

/* Schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/* Resolves the database path: explicit (from --db) if not NULL, else
 * $UNKNOT_DB, else $XDG_DATA_HOME/unknot/unknot.db, else
 * $HOME/.local/share/unknot/unknot.db. Returns 0, or -1 when none can be
 * formed (no HOME). */
int store_default_path(const char *explicit_path, char *out, size_t outlen);

/* Opens (creating the directory 0700 and the file 0600 when missing),
 * sets the pragmas, checks application_id, migrates. ":memory:" opens a
 * private in-memory database. A newer or foreign database is refused
 * (STORE_NEWER / STORE_NOT_OURS) and left byte-for-byte untouched. */
int store_open(struct store **out, const char *path, char *err, size_t errlen);

/* Runs PRAGMA optimize, closes and sets *st to NULL. NULL-safe. */
void store_close(struct store **st);

/* --- episodes ---------------------------------------------------------
 * The caller validates with episode_validate first; the schema's CHECK
 * constraints refuse bad values anyway (STORE_ERROR). Each write is one
 * BEGIN IMMEDIATE transaction including the tags. */

/* Inserts ep and its tags; sets ep->id, created_at and updated_at (= now). */
int store_episode_add(struct store *st, struct episode *ep, int64_t now,
                      char *err, size_t errlen);

/* Replaces every field and the tags of episode ep->id; updated_at = now. */
int store_episode_update(struct store *st, struct episode *ep, int64_t now,
                         char *err, size_t errlen);

/* Sets ended_at of episode id (must be ongoing, ended_at > started_at is
 * checked by the schema). */
int store_episode_end(struct store *st, int64_t id, int64_t ended_at, int64_t now,
                      char *err, size_t errlen);

/* Deletes the episode; its tags go with it (ON DELETE CASCADE). */
int store_episode_delete(struct store *st, int64_t id, char *err, size_t errlen);

/* Reads one episode with its tags. STORE_NOT_FOUND when there is none. */
int store_episode_get(struct store *st, int64_t id, struct episode *out,
                      char *err, size_t errlen);

/* The most recently started ongoing episode. STORE_NOT_FOUND when none. */
int store_episode_ongoing(struct store *st, struct episode *out, char *err, size_t errlen);

/* Number of episodes whose start lies in [from, to]. */
int store_episode_count(struct store *st, int64_t from, int64_t to, int64_t *count,
                        char *err, size_t errlen);

/* Iterator over episodes with from <= started_at <= to, in the given
 * order (ties broken by id), one row at a time: memory does not grow with
 * the number of rows. With STORE_ITER_TAGS each row comes with its tags. */
enum store_order { STORE_NEWEST_FIRST, STORE_OLDEST_FIRST };
#define STORE_ITER_TAGS 1
struct store_episode_iter;

int store_episodes_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        int flags, struct store_episode_iter **out, char *err, size_t errlen);
/* Returns 1 with *out filled, 0 at the end, STORE_ERROR on failure. */
int store_episode_iter_next(struct store_episode_iter *it, struct episode *out,
                            char *err, size_t errlen);
/* Finalizes and sets *it to NULL. NULL-safe. */
void store_episode_iter_free(struct store_episode_iter **it);

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
 * verdict codes: "clear", "see_doctor", "urgent", "emergency".
 * Answers: items 1..nanswers, 0 = no, 1 = yes. */
#define STORE_CHECK_MAX_ITEMS 32
struct store_check {
    int64_t id;
    int64_t taken_at;
    char verdict[16];
    int nanswers;
    unsigned char answers[STORE_CHECK_MAX_ITEMS]; /* answers[i] is item i + 1 */
};

/* Stores a check with all its answers in one transaction; sets c->id. */
int store_check_add(struct store *st, struct store_check *c, char *err, size_t errlen);
int store_check_get(struct store *st, int64_t id, struct store_check *out,
                    char *err, size_t errlen);
/* The newest check. STORE_NOT_FOUND when none. */
int store_check_latest(struct store *st, struct store_check *out, char *err, size_t errlen);

/* Iterates checks newest first, with their answers. */
struct store_check_iter;
int store_checks_iter(struct store *st, int64_t from, int64_t to,
                      struct store_check_iter **out, char *err, size_t errlen);
int store_check_iter_next(struct store_check_iter *it, struct store_check *out,
                          char *err, size_t errlen);
void store_check_iter_free(struct store_check_iter **it);

#endif
