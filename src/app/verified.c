/* SPDX-License-Identifier: BSD-2-Clause */
/* verified: the list of database files that passed the integrity check,
 * each in the state it was in then (see verified.h). */
#include "src/app/verified.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "src/app/config.h"
#include "src/app/outfile.h"
#include "src/util.h"

/* Files remembered at most: the newest checked win. */
#define VERIFIED_MAX 16

/* A file's identity and state; size -1 for a file that is not there. */
struct fstate {
    uint64_t dev, ino;
    int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
};

/* A database and its -wal. */
struct entry {
    struct fstate db, wal;
};

static void state_of(const char *path, struct fstate *f)
{
    struct stat sb;
    memset(f, 0, sizeof *f);
    f->size = -1;
    if (stat(path, &sb) != 0)
        return;
    *f = (struct fstate){(uint64_t)sb.st_dev,         (uint64_t)sb.st_ino,
                         (int64_t)sb.st_size,         (int64_t)sb.st_mtim.tv_sec,
                         (int64_t)sb.st_mtim.tv_nsec, (int64_t)sb.st_ctim.tv_sec,
                         (int64_t)sb.st_ctim.tv_nsec};
}

/* The entry of db_path now: 0, or -1 when it is not a file there. */
static int entry_of(const char *db_path, struct entry *e)
{
    char wal[4096];
    struct stat sb;
    if (!db_path || stat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        snprintf(wal, sizeof wal, "%s-wal", db_path) >= (int)sizeof wal)
        return -1;
    state_of(db_path, &e->db);
    state_of(wal, &e->wal);
    return e->db.size < 0 ? -1 : 0;
}

static int same_state(const struct fstate *a, const struct fstate *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s &&
           a->ctime_ns == b->ctime_ns;
}

#define FSTATE_SCN "%" SCNu64 " %" SCNu64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64
#define FSTATE_PRI "%" PRIu64 " %" PRIu64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64

/* The remembered entries, oldest first; *n of them (0 without a list). */
static void read_list(const char *path, struct entry *list, size_t *n)
{
    char line[512];
    FILE *f = fopen(path, "r");
    *n = 0;
    if (!f)
        return;
    while (*n < VERIFIED_MAX && fgets(line, sizeof line, f)) {
        struct entry *e = &list[*n];
        struct fstate *d = &e->db, *w = &e->wal;
        if (sscanf(line, FSTATE_SCN " " FSTATE_SCN, &d->dev, &d->ino, &d->size, &d->mtime_s,
                   &d->mtime_ns, &d->ctime_s, &d->ctime_ns, &w->dev, &w->ino, &w->size,
                   &w->mtime_s, &w->mtime_ns, &w->ctime_s, &w->ctime_ns) == 14)
            (*n)++;
    }
    fclose(f);
}

/* An empty or missing -wal holds nothing: SQLite truncates and touches it
 * at every open and close, so only a -wal with frames is compared whole. */
static int same_wal(const struct fstate *a, const struct fstate *b)
{
    if (a->size <= 0 || b->size <= 0)
        return (a->size <= 0) == (b->size <= 0);
    return same_state(a, b);
}

int verified_is_current(const char *db_path)
{
    char path[4096];
    struct entry now, list[VERIFIED_MAX];
    size_t n;
    if (entry_of(db_path, &now) != 0 || config_state_path("verified", path, sizeof path) != 0)
        return 0;
    read_list(path, list, &n);
    for (size_t i = 0; i < n; i++)
        if (same_state(&list[i].db, &now.db) && same_wal(&list[i].wal, &now.wal))
            return 1;
    return 0;
}

static void put_state(FILE *f, const struct fstate *s)
{
    fprintf(f, FSTATE_PRI, s->dev, s->ino, s->size, s->mtime_s, s->mtime_ns, s->ctime_s,
            s->ctime_ns);
}

void verified_remember(const char *db_path)
{
    char path[4096], err[UNKNOT_ERR_LEN];
    struct entry now, list[VERIFIED_MAX];
    size_t n, kept = 0;
    struct outfile of;
    if (entry_of(db_path, &now) != 0 || config_state_path("verified", path, sizeof path) != 0)
        return;
    read_list(path, list, &n);
    /* The file's older state goes; the oldest others too, to make room. */
    for (size_t i = 0; i < n; i++)
        if (list[i].db.dev != now.db.dev || list[i].db.ino != now.db.ino)
            list[kept++] = list[i];
    size_t from = kept >= VERIFIED_MAX ? kept - (VERIFIED_MAX - 1) : 0;
    if (config_make_dirs(path, err, sizeof err) != 0 ||
        outfile_open(&of, path, 1, db_path, err, sizeof err) != 0)
        return;
    for (size_t i = from; i < kept; i++) {
        put_state(of.f, &list[i].db);
        fputc(' ', of.f);
        put_state(of.f, &list[i].wal);
        fputc('\n', of.f);
    }
    put_state(of.f, &now.db);
    fputc(' ', of.f);
    put_state(of.f, &now.wal);
    fputc('\n', of.f);
    if (ferror(of.f))
        outfile_abort(&of);
    else
        (void)outfile_commit(&of, err, sizeof err);
}
