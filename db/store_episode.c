/* SPDX-License-Identifier: BSD-2-Clause */
/* store_episode: episodes and their tags, paging and rank (the history
 * screen), the durations of the report. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store_private.h"

static int episode_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                       size_t errlen);

/* ---------------------------------------------------------------------
 * Episodes */

/* Refuses enum values outside their range before anything is written
 * (they would index past the code tables). Intensity and text lengths are
 * left to the schema. */
static int episode_check_enums(const struct episode *ep, char *err, size_t errlen)
{
    if ((unsigned)ep->region >= REGION_COUNT) {
        db_set_err(err, errlen, "invalid region %d", (int)ep->region);
        return STORE_ERROR;
    }
    if ((unsigned)ep->side >= SIDE_COUNT) {
        db_set_err(err, errlen, "invalid side %d", (int)ep->side);
        return STORE_ERROR;
    }
    if (ep->ntags > EPISODE_MAX_TAGS) {
        db_set_err(err, errlen, "too many tags (%zu, at most %d)", ep->ntags, EPISODE_MAX_TAGS);
        return STORE_ERROR;
    }
    for (size_t i = 0; i < ep->ntags; i++) {
        if ((unsigned)ep->tags[i].kind >= TAG_KIND_COUNT) {
            db_set_err(err, errlen, "invalid tag kind %d", (int)ep->tags[i].kind);
            return STORE_ERROR;
        }
    }
    return STORE_OK;
}

/* The side as stored: its code, or NULL for SIDE_UNSET. */
static const char *side_stored(enum side side)
{
    return side == SIDE_UNSET ? NULL : side_code(side);
}

/* Writes SQL_EP_INSERT or SQL_EP_UPDATE (?8 = the id) of ep at now. */
static int episode_write(struct store *st, enum stmt_id id, const struct episode *ep,
                         int64_t now, const char *what, char *err, size_t errlen)
{
    const struct db_arg args[] = {
        SQL_ARG(ep->started_at),          SQL_OPT(ep->ended_at, EPISODE_ONGOING),
        SQL_ARG(ep->intensity),           SQL_ARG(region_code(ep->region)),
        SQL_ARG(side_stored(ep->side)),   SQL_BUF(ep->note),
        SQL_ARG(now),                     SQL_ARG(ep->id),
    };
    return db_exec(st, id, args, id == SQL_EP_UPDATE ? 8 : 7, what, err, errlen);
}

static int tags_insert(struct store *st, int64_t id, const struct episode *ep, char *err,
                       size_t errlen)
{
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < ep->ntags; i++) {
        const struct episode_tag *t = &ep->tags[i];
        char what[64 + EPISODE_TAG_MAX];
        snprintf(what, sizeof(what), "saving %s tag '%.*s'", tag_kind_code(t->kind),
                 EPISODE_TAG_MAX, t->text);
        rc = DB_EXEC(st, SQL_TAG_INSERT, what, SQL_ARG(id), SQL_ARG(tag_kind_code(t->kind)),
                     SQL_BUF(t->text));
    }
    return rc;
}

/* The enum value whose stored code is the text column col (the core's own
 * tables: region_code, side_code, tag_kind_code), or -1. */
static int region_column(sqlite3_stmt *s, int col)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    for (int i = 0; t && i < REGION_COUNT; i++)
        if (strcmp(region_code((enum region)i), t) == 0)
            return i;
    return -1;
}

static int side_column(sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return SIDE_UNSET;
    const char *t = (const char *)sqlite3_column_text(s, col);
    for (int i = SIDE_UNSET + 1; t && i < SIDE_COUNT; i++)
        if (strcmp(side_code((enum side)i), t) == 0)
            return i;
    return -1;
}

static int tag_kind_column(sqlite3_stmt *s, int col)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    for (int i = 0; t && i < TAG_KIND_COUNT; i++)
        if (strcmp(tag_kind_code((enum tag_kind)i), t) == 0)
            return i;
    return -1;
}

/* Sets every field without clearing the whole struct: iterating 100,000
 * rows should not mean wiping 100,000 times 10 kB. */
int db_episode_from_row(struct store *st, sqlite3_stmt *s, struct episode *ep, char *err,
                        size_t errlen)
{
    ep->id = sqlite3_column_int64(s, 0);
    ep->started_at = sqlite3_column_int64(s, 1);
    ep->ended_at = sqlite3_column_type(s, 2) == SQLITE_NULL ? EPISODE_ONGOING
                                                            : sqlite3_column_int64(s, 2);
    ep->intensity = sqlite3_column_int(s, 3);
    int region = region_column(s, 4);
    int side = side_column(s, 5);
    ep->created_at = sqlite3_column_int64(s, 7);
    ep->updated_at = sqlite3_column_int64(s, 8);
    ep->ntags = 0;
    if (region < 0 || side < 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading episode %lld", (long long)ep->id);
        db_set_err(err, errlen, "episode %lld has an unknown %s", (long long)ep->id,
                   region < 0 ? "region" : "side");
        return STORE_ERROR;
    }
    ep->region = (enum region)region;
    ep->side = (enum side)side;
    if (db_column_copy(s, 6, ep->note, sizeof(ep->note)) != 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading episode %lld", (long long)ep->id);
        db_set_err(err, errlen, "episode %lld: notes longer than %d bytes", (long long)ep->id,
                   EPISODE_NOTE_MAX);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Moves the tag just read (the last of ep's, added as rowid) back among
 * those before it, so the tags stay in rowid order: an insertion sort of
 * a few tags costs less than the sort SQLite would set up per episode. */
static void tag_sort_last(struct episode *ep, int64_t *rowids, int64_t rowid)
{
    size_t i = ep->ntags;
    struct episode_tag t = ep->tags[i];
    for (; i > 0 && rowids[i - 1] > rowid; i--) {
        ep->tags[i] = ep->tags[i - 1];
        rowids[i] = rowids[i - 1];
    }
    ep->tags[i] = t;
    rowids[i] = rowid;
}

/* Called while the episode's own statement is still on its row, so both
 * reads share one snapshot. */
int db_tags_load(struct store *st, struct episode *ep, char *err, size_t errlen)
{
    int64_t rowids[EPISODE_MAX_TAGS];
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_TAGS_GET, SQL_ARGS(SQL_ARG(ep->id)), &s, "reading tags", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    ep->ntags = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (ep->ntags == EPISODE_MAX_TAGS) {
            db_set_err(err, errlen, "episode %lld has more than %d tags", (long long)ep->id,
                       EPISODE_MAX_TAGS);
            db_release(s);
            return STORE_ERROR;
        }
        struct episode_tag *t = &ep->tags[ep->ntags];
        int kind = tag_kind_column(s, 0);
        if (kind < 0 || db_column_copy(s, 1, t->text, sizeof(t->text)) != 0) {
            /* Either way the message is written and the status is STORE_ERROR. */
            if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
                DB_FAIL(st->db, "reading tags of episode %lld", (long long)ep->id);
            else
                db_set_err(err, errlen, "episode %lld has a tag of unknown kind or too long",
                           (long long)ep->id);
            db_release(s);
            return STORE_ERROR;
        }
        t->kind = (enum tag_kind)kind;
        tag_sort_last(ep, rowids, sqlite3_column_int64(s, 2));
        ep->ntags++;
    }
    if (rc != SQLITE_DONE) {
        rc = DB_FAIL(st->db, "reading tags of episode %lld", (long long)ep->id);
        db_release(s);
        return rc;
    }
    db_release(s);
    return STORE_OK;
}

/* The insert of ep inside the caller's transaction; *id gets its id. */
static int episode_insert_in_tx(struct store *st, const struct episode *ep, int64_t now,
                                int64_t *id, char *err, size_t errlen)
{
    int rc = episode_write(st, SQL_EP_INSERT, ep, now, "saving episode", err, errlen);
    if (rc == STORE_OK) {
        *id = sqlite3_last_insert_rowid(st->db);
        rc = tags_insert(st, *id, ep, err, errlen);
    }
    if (rc == STORE_OK)
        rc = db_first_reading(st, *id, ep, now, err, errlen);
    return rc;
}

/* The update of ep inside the caller's transaction. */
static int episode_update_in_tx(struct store *st, const struct episode *ep, int64_t now,
                                char *err, size_t errlen)
{
    int rc = episode_write(st, SQL_EP_UPDATE, ep, now, "updating episode", err, errlen);
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no episode %lld", (long long)ep->id);
        rc = STORE_NOT_FOUND;
    }
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_TAGS_DELETE, "replacing tags", SQL_ARG(ep->id));
    if (rc == STORE_OK)
        rc = tags_insert(st, ep->id, ep, err, errlen);
    if (rc == STORE_OK) /* the intensity and start are the first reading's */
        rc = db_first_reading(st, ep->id, ep, now, err, errlen);
    return rc;
}

/* Ends the ongoing episodes begun before ep at its start, inside the
 * caller's transaction; *ended gets how many. */
static int end_before_in_tx(struct store *st, const struct episode *ep, int64_t now, int *ended,
                            char *err, size_t errlen)
{
    int rc = DB_EXEC(st, SQL_EP_END_BEFORE, "ending the ongoing episodes",
                     SQL_ARG(ep->started_at), SQL_ARG(now));
    if (rc == STORE_OK)
        *ended = sqlite3_changes(st->db);
    return rc;
}

/* A new episode (ep->id 0 on the way in) or a replaced one, in one
 * transaction, which also ends the ongoing ones begun before it when
 * ended is not NULL; the times it sets are set only once it is committed. */
static int episode_save(struct store *st, struct episode *ep, int insert, int64_t now, int *ended,
                        char *err, size_t errlen)
{
    int rc = episode_check_enums(ep, err, errlen);
    if (rc == STORE_OK)
        rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    int64_t id = ep->id;
    int n = 0;
    if (ended)
        rc = end_before_in_tx(st, ep, now, &n, err, errlen);
    if (rc == STORE_OK)
        rc = insert ? episode_insert_in_tx(st, ep, now, &id, err, errlen)
                    : episode_update_in_tx(st, ep, now, err, errlen);
    rc = db_tx_end(st, rc, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (ended)
        *ended = n;
    ep->id = id;
    if (insert)
        ep->created_at = now;
    ep->updated_at = now;
    return STORE_OK;
}

int store_episode_add(struct store *st, struct episode *ep, int64_t now, char *err,
                      size_t errlen)
{
    return episode_save(st, ep, 1, now, NULL, err, errlen);
}

int store_episode_add_ending(struct store *st, struct episode *ep, int64_t now, int *ended,
                             char *err, size_t errlen)
{
    int n = 0;
    int rc = episode_save(st, ep, 1, now, &n, err, errlen);
    if (rc == STORE_OK && ended)
        *ended = n;
    return rc;
}

int store_episode_update(struct store *st, struct episode *ep, int64_t now, char *err,
                         size_t errlen)
{
    return episode_save(st, ep, 0, now, NULL, err, errlen);
}

int store_episode_edit(struct store *st, int64_t id, store_edit_fn edit, void *ctx,
                       struct episode *ep, int64_t now, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = store_episode_get(st, id, ep, err, errlen);
    if (rc == STORE_OK && edit(ctx, ep) != 0) {
        db_set_err(err, errlen, "episode %lld: the edit was given up", (long long)id);
        rc = STORE_ABORTED;
    }
    if (rc == STORE_OK)
        ep->id = id; /* the edit changes fields, never which row */
    if (rc == STORE_OK)
        rc = episode_check_enums(ep, err, errlen);
    if (rc == STORE_OK)
        rc = episode_update_in_tx(st, ep, now, err, errlen);
    rc = db_tx_end(st, rc, err, errlen);
    if (rc == STORE_OK)
        ep->updated_at = now;
    return rc;
}

int store_episode_end(struct store *st, int64_t id, int64_t ended_at, int64_t now, char *err,
                      size_t errlen)
{
    if (ended_at == EPISODE_ONGOING) {
        db_set_err(err, errlen, "no end time given for episode %lld", (long long)id);
        return STORE_ERROR;
    }
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = db_query(st, SQL_EP_STATE, SQL_ARGS(SQL_ARG(id)), &s, "ending episode", err, errlen);
    if (rc == STORE_OK) {
        int src = sqlite3_step(s);
        if (src == SQLITE_DONE) {
            db_set_err(err, errlen, "no episode %lld", (long long)id);
            rc = STORE_NOT_FOUND;
        } else if (src != SQLITE_ROW) {
            rc = DB_FAIL(st->db, "ending episode %lld", (long long)id);
        } else if (sqlite3_column_type(s, 0) != SQLITE_NULL) {
            db_set_err(err, errlen, "episode %lld has already ended", (long long)id);
            rc = STORE_ERROR;
        }
        db_release(s);
    }
    if (rc == STORE_OK)
        rc = DB_EXEC(st, SQL_EP_END, "ending episode", SQL_ARG(id), SQL_ARG(ended_at),
                     SQL_ARG(now));
    return db_tx_end(st, rc, err, errlen);
}

int store_episode_delete(struct store *st, int64_t id, char *err, size_t errlen)
{
    int rc = db_tx_begin(st, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = DB_EXEC(st, SQL_EP_DELETE, "deleting episode", SQL_ARG(id));
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
        db_set_err(err, errlen, "no episode %lld", (long long)id);
        rc = STORE_NOT_FOUND;
    }
    return db_tx_end(st, rc, err, errlen);
}


int store_episode_tags(struct store *st, struct episode *ep, char *err, size_t errlen)
{
    return db_tags_load(st, ep, err, errlen);
}

int store_episode_get(struct store *st, int64_t id, struct episode *out, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, SQL_EP_GET, SQL_ARGS(SQL_ARG(id)), &s, "reading episode", err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, episode_row, STORE_ITER_TAGS, out, "reading episode", err,
                     errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no episode %lld", (long long)id);
    return rc;
}

int store_episode_ongoing(struct store *st, struct episode *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_EP_ONGOING, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = db_read_one(st, s, episode_row, STORE_ITER_TAGS, out, "looking for an ongoing episode",
                     err, errlen);
    if (rc == STORE_NOT_FOUND)
        db_set_err(err, errlen, "no episode is ongoing");
    return rc;
}

int store_episode_first_start(struct store *st, int64_t *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_EP_FIRST_START, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW)
        rc = DB_FAIL(st->db, "looking for the first episode");
    else if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
        db_set_err(err, errlen, "no episode is logged");
        rc = STORE_NOT_FOUND;
    } else
        *out = sqlite3_column_int64(s, 0);
    db_release(s);
    return rc;
}

/* The count(*) of statement id over [from, to]. */
static int count_rows(struct store *st, enum stmt_id id, int64_t from, int64_t to, int64_t *count,
                      char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_query(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), &s, "counting episodes", err,
                      errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    else
        rc = DB_FAIL(st->db, "counting episodes");
    db_release(s);
    return rc;
}

int store_episode_count(struct store *st, int64_t from, int64_t to, int64_t *count, char *err,
                        size_t errlen)
{
    return count_rows(st, SQL_EP_COUNT, from, to, count, err, errlen);
}

/* db_row_fn of the episode iterator. */
static int episode_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                       size_t errlen)
{
    int rc = db_episode_from_row(st, s, out, err, errlen);
    if (rc == STORE_OK && (flags & STORE_ITER_TAGS))
        rc = db_tags_load(st, out, err, errlen);
    return rc;
}

int store_episodes_iter(struct store *st, int64_t from, int64_t to, enum store_order order,
                        int flags, struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST)
        return db_set_err(err, errlen, "invalid order %d", (int)order);
    enum stmt_id id = order == STORE_NEWEST_FIRST ? SQL_EP_RANGE_DESC : SQL_EP_RANGE_ASC;
    return db_iter_new(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), STORE_ROW_EPISODE,
                       episode_row, flags, "reading episodes", out, err, errlen);
}

/* db_row_fn of the brief iterator: the columns of SQL_EP_BRIEF. */
static int brief_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                     size_t errlen)
{
    struct episode *ep = out;
    (void)flags;
    ep->id = sqlite3_column_int64(s, 0);
    ep->started_at = sqlite3_column_int64(s, 1);
    ep->ended_at = sqlite3_column_type(s, 2) == SQLITE_NULL ? EPISODE_ONGOING
                                                            : sqlite3_column_int64(s, 2);
    ep->intensity = sqlite3_column_int(s, 3);
    int region = region_column(s, 4);
    ep->side = SIDE_UNSET;
    ep->note[0] = '\0';
    ep->created_at = ep->updated_at = 0;
    ep->ntags = 0;
    if (region < 0) {
        if (sqlite3_errcode(st->db) == SQLITE_NOMEM)
            return DB_FAIL(st->db, "reading episode %lld", (long long)ep->id);
        return db_set_err(err, errlen, "episode %lld has an unknown region", (long long)ep->id);
    }
    ep->region = (enum region)region;
    return STORE_OK;
}

int store_episodes_brief_iter(struct store *st, int64_t from, struct store_iter **out,
                              char *err, size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_EP_BRIEF, SQL_ARGS(SQL_ARG(from)), STORE_ROW_EPISODE, brief_row,
                       0, "reading episodes", out, err, errlen);
}

/* db_row_fn of the spans iterator. */
static int span_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                    size_t errlen)
{
    struct store_span *sp = out;
    (void)st, (void)flags, (void)err, (void)errlen;
    sp->id = sqlite3_column_int64(s, 0);
    sp->started_at = sqlite3_column_int64(s, 1);
    sp->ended_at = sqlite3_column_int64(s, 2);
    return STORE_OK;
}

int store_episode_spans_iter(struct store *st, int64_t before, struct store_iter **out,
                             char *err, size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_EP_SPANS, SQL_ARGS(SQL_ARG(before)), STORE_ROW_SPAN, span_row, 0,
                       "reading episodes", out, err, errlen);
}

/* db_row_fn of the durations iterator. */
static int duration_row(struct store *st, sqlite3_stmt *s, int flags, void *out, char *err,
                        size_t errlen)
{
    (void)st, (void)flags, (void)err, (void)errlen;
    *(int64_t *)out = sqlite3_column_int64(s, 0);
    return STORE_OK;
}

/* A durations iterator over the statements `count_id` and `id`. */
static int durations_iter(struct store *st, enum stmt_id count_id, enum stmt_id id,
                          int64_t from, int64_t to, size_t *count, struct store_iter **out,
                          char *err, size_t errlen)
{
    int64_t n = 0;
    *out = NULL;
    int rc = count_rows(st, count_id, from, to, &n, err, errlen);
    if (rc != STORE_OK)
        return rc;
    *count = (size_t)n;
    return db_iter_new(st, id, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)), STORE_ROW_DURATION,
                       duration_row, 0, "reading durations", out, err, errlen);
}

int store_durations_iter(struct store *st, int64_t from, int64_t to, size_t *count,
                         struct store_iter **out, char *err, size_t errlen)
{
    return durations_iter(st, SQL_EP_DURATIONS_COUNT, SQL_EP_DURATIONS, from, to, count, out,
                          err, errlen);
}

int store_episodes_active_iter(struct store *st, int64_t from, int64_t to, int flags,
                      struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_EP_ACTIVE_ASC, SQL_ARGS(SQL_ARG(from), SQL_ARG(to)),
                       STORE_ROW_EPISODE, episode_row, flags, "reading episodes", out, err,
                       errlen);
}

int store_episodes_ongoing_iter(struct store *st, int flags, struct store_iter **out, char *err,
                                size_t errlen)
{
    *out = NULL;
    return db_iter_new(st, SQL_EP_ONGOING_ALL, NULL, 0, STORE_ROW_EPISODE, episode_row, flags,
                       "reading the ongoing episodes", out, err, errlen);
}

int store_episodes_overlap_iter(struct store *st, const struct episode *ep,
                                struct store_iter **out, char *err, size_t errlen)
{
    *out = NULL;
    if ((unsigned)ep->region >= REGION_COUNT)
        return db_set_err(err, errlen, "invalid region %d", (int)ep->region);
    int64_t end = ep->ended_at == EPISODE_ONGOING ? INT64_MAX : ep->ended_at;
    return db_iter_new(st, SQL_EP_OVERLAP,
                       SQL_ARGS(SQL_ARG(region_code(ep->region)), SQL_ARG(ep->started_at),
                                SQL_ARG(end), SQL_ARG(ep->id)),
                       STORE_ROW_EPISODE, episode_row, 0, "looking for overlapping episodes", out,
                       err, errlen);
}

int store_durations_active_iter(struct store *st, int64_t from, int64_t to, size_t *count,
                                struct store_iter **out, char *err, size_t errlen)
{
    return durations_iter(st, SQL_EP_ACTIVE_DURATIONS_COUNT, SQL_EP_ACTIVE_DURATIONS, from, to,
                          count, out, err, errlen);
}

/* ---------------------------------------------------------------------
 * Paging (the history screen) */

/* Binds the filter as ?1: NULL for none, else "%text%" with \, % and _
 * escaped by \ so that the user's text matches literally. The pattern is
 * handed to SQLite, which frees it. */
static int filter_bind(struct store *st, sqlite3_stmt *s, const char *filter, char *err,
                       size_t errlen)
{
    if (!filter || !*filter) {
        if (sqlite3_bind_null(s, 1) != SQLITE_OK)
            return DB_FAIL(st->db, "filtering episodes");
        return STORE_OK;
    }
    size_t len = strlen(filter);
    char *pat = len < (SIZE_MAX - 3) / 2 ? malloc(2 * len + 3) : NULL;
    if (!pat) {
        db_set_err(err, errlen, "filtering episodes: out of memory");
        return STORE_ERROR;
    }
    size_t o = 0;
    pat[o++] = '%';
    for (const char *c = filter; *c; c++) {
        if (*c == '\\' || *c == '%' || *c == '_')
            pat[o++] = '\\';
        pat[o++] = *c;
    }
    pat[o++] = '%';
    pat[o] = '\0';
    /* sqlite3_bind_text calls free(pat) itself, also when it fails. */
    if (sqlite3_bind_text(s, 1, pat, (int)o, free) != SQLITE_OK)
        return DB_FAIL(st->db, "filtering episodes");
    return STORE_OK;
}

/* Binds the filter (?1) and the key (?2, ?3) of a paging statement. */
static int page_bind(struct store *st, sqlite3_stmt *s, const char *filter,
                     const struct store_page_key *key, char *err, size_t errlen)
{
    int rc = filter_bind(st, s, filter, err, errlen);
    if (rc != STORE_OK)
        return rc;
    if (sqlite3_bind_int64(s, 2, key->started_at) != SQLITE_OK ||
        sqlite3_bind_int64(s, 3, key->id) != SQLITE_OK)
        return DB_FAIL(st->db, "reading a page of episodes");
    return STORE_OK;
}

/* Steps a bound page statement into out[0 .. *n), with tags. */
static int page_read(struct store *st, sqlite3_stmt *s, size_t max, struct episode *out,
                     size_t *n, char *err, size_t errlen)
{
    int src = SQLITE_DONE;
    while (*n < max && (src = sqlite3_step(s)) == SQLITE_ROW) {
        int rc = db_episode_from_row(st, s, &out[*n], err, errlen);
        if (rc == STORE_OK)
            rc = db_tags_load(st, &out[*n], err, errlen);
        if (rc != STORE_OK)
            return rc;
        (*n)++;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        return DB_FAIL(st->db, "reading a page of episodes");
    return STORE_OK;
}

int store_episodes_page(struct store *st, const char *filter, const struct store_page_key *after,
                        enum store_order order, size_t max, struct episode *out, size_t *n,
                        char *err, size_t errlen)
{
    *n = 0;
    if (order != STORE_NEWEST_FIRST && order != STORE_OLDEST_FIRST) {
        db_set_err(err, errlen, "invalid order %d", (int)order);
        return STORE_ERROR;
    }
    if (max == 0)
        return STORE_OK;
    /* "From the start" is the key beyond every row: no stored episode has
     * the id INT64_MAX (INT64_MIN) unless one was inserted with it by hand.
     * A separate "no key" condition would cost the index range. */
    static const struct store_page_key newest = {INT64_MAX, INT64_MAX};
    static const struct store_page_key oldest = {INT64_MIN, INT64_MIN};
    if (!after)
        after = order == STORE_NEWEST_FIRST ? &newest : &oldest;
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, order == STORE_NEWEST_FIRST ? SQL_EP_PAGE_DESC : SQL_EP_PAGE_ASC, &s,
                      err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = page_bind(st, s, filter, after, err, errlen);
    if (rc == STORE_OK && sqlite3_bind_int64(s, 4, max > INT64_MAX ? INT64_MAX : (int64_t)max) !=
                              SQLITE_OK)
        rc = DB_FAIL(st->db, "reading a page of episodes");
    if (rc == STORE_OK)
        rc = page_read(st, s, max, out, n, err, errlen);
    db_release(s);
    return rc;
}

int store_episode_rank(struct store *st, const char *filter, const struct store_page_key *key,
                       int64_t *rank, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    int rc = db_stmt(st, SQL_EP_RANK, &s, err, errlen);
    if (rc != STORE_OK)
        return rc;
    rc = page_bind(st, s, filter, key, err, errlen);
    if (rc == STORE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            *rank = sqlite3_column_int64(s, 0);
        else
            rc = DB_FAIL(st->db, "counting episodes");
    }
    db_release(s);
    return rc;
}

int store_episode_count_filtered(struct store *st, const char *filter, int64_t *count,
                                 char *err, size_t errlen)
{
    /* Every episode comes before the smallest key (see store_episodes_page). */
    static const struct store_page_key oldest = {INT64_MIN, INT64_MIN};
    return store_episode_rank(st, filter, &oldest, count, err, errlen);
}
