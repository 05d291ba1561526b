/* SPDX-License-Identifier: BSD-2-Clause */
/* outfile: outputs written to a temporary file and published when
 * complete, devices and FIFOs in place, never the database (outfile.h). */
#define _GNU_SOURCE /* renameat2's RENAME_NOREPLACE where glibc has it */
#include "src/app/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/util.h"

#define TMP_MAX_LEN (PATH_MAX + 64)

/* ---- which path is the database ------------------------------------------- */

static const char *const db_suffixes[] = {"", "-wal", "-shm", "-journal"};

/* The resolved form of path, whether or not the file exists: realpath of
 * the file, else realpath of its directory joined with its name. */
static int norm_path(const char *path, char *out, size_t len)
{
    char dir[PATH_MAX], real[PATH_MAX];
    if (realpath(path, real))
        return snprintf(out, len, "%s", real) < (int)len ? 0 : -1;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return -1;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if (snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path) >= (int)sizeof dir)
        return -1;
    if (!realpath(dir, real))
        return -1;
    return snprintf(out, len, "%s/%s", strcmp(real, "/") ? real : "", base) < (int)len ? 0 : -1;
}

/* 1 when the file cand is the target (stat *ps if have_st, resolved name
 * norm if have_norm). */
static int same_file(const char *cand, const struct stat *ps, int have_st, const char *norm,
                     int have_norm)
{
    struct stat cs;
    char ncand[PATH_MAX];
    if (have_st && stat(cand, &cs) == 0 && cs.st_dev == ps->st_dev && cs.st_ino == ps->st_ino)
        return 1;
    return have_norm && norm_path(cand, ncand, sizeof ncand) == 0 && strcmp(ncand, norm) == 0;
}

int outfile_is_database(const char *path, const char *db_path)
{
    struct stat ps;
    char norm[PATH_MAX], real_db[PATH_MAX], cand[PATH_MAX + 16];
    if (!path || !db_path || !*db_path)
        return 0;
    int have_st = stat(path, &ps) == 0;
    int have_norm = norm_path(path, norm, sizeof norm) == 0;
    /* SQLite names the -wal after the database as opened, and resolves a
     * symlinked database first: both spellings count. */
    const char *bases[] = {db_path, realpath(db_path, real_db) ? real_db : NULL};
    for (size_t b = 0; b < COUNT(bases) && bases[b]; b++)
        for (size_t s = 0; s < COUNT(db_suffixes); s++) {
            if (snprintf(cand, sizeof cand, "%s%s", bases[b], db_suffixes[s]) >=
                (int)sizeof cand)
                continue;
            if (same_file(cand, &ps, have_st, norm, have_norm))
                return 1;
        }
    return 0;
}

/* ---- where the data goes ---------------------------------------------------- */

/* The kind of an existing target whose stat is *sb. */
static int plan_existing(const char *path, const struct stat *sb, int replace, int regular_only,
                         enum outfile_kind *kind, char *err, size_t errlen)
{
    if (S_ISDIR(sb->st_mode)) {
        snprintf(err, errlen, "%s is a directory: give the name of a file", path);
        return -1;
    }
    if ((S_ISCHR(sb->st_mode) || S_ISFIFO(sb->st_mode)) && !regular_only) {
        *kind = OUTFILE_IN_PLACE; /* /dev/null, a pipe: written, never replaced */
        return 0;
    }
    if (!S_ISREG(sb->st_mode)) {
        snprintf(err, errlen, "%s is not a regular file (%s): give the name of a file", path,
                 S_ISCHR(sb->st_mode) || S_ISFIFO(sb->st_mode) ? "a device or FIFO"
                                                                : "a block device or socket");
        return -1;
    }
    if (!replace) {
        snprintf(err, errlen, "%s already exists", path);
        return OUTFILE_EXISTS;
    }
    *kind = OUTFILE_REPLACE;
    return 0;
}

int outfile_plan(const char *path, int replace, const char *db_path, int regular_only,
                 enum outfile_kind *kind, char *target, size_t tlen, char *err, size_t errlen)
{
    struct stat sb;
    char real[PATH_MAX];
    const char *t = path;
    if (!path || !*path) {
        snprintf(err, errlen, "no file name given");
        return -1;
    }
    if (outfile_is_database(path, db_path)) {
        snprintf(err, errlen, "%s is the database in use (or its -wal or -shm file): give "
                              "another file name", path);
        return OUTFILE_IS_DB;
    }
    int rc = 0;
    *kind = OUTFILE_NEW;
    if (lstat(path, &sb) != 0) {
        if (errno != ENOENT) {
            snprintf(err, errlen, "cannot use %s: %s", path, strerror(errno));
            return -1;
        }
    } else {
        if (S_ISLNK(sb.st_mode)) { /* a link: what it points at */
            if (!realpath(path, real) || stat(real, &sb) != 0) {
                snprintf(err, errlen, "%s is a symbolic link to %s: give the path of the file "
                                      "itself", path,
                         errno == ENOENT ? "a missing file" : strerror(errno));
                return -1;
            }
            t = real;
        }
        rc = plan_existing(path, &sb, replace, regular_only, kind, err, errlen);
    }
    if (rc == 0 && snprintf(target, tlen, "%s", t) >= (int)tlen) {
        snprintf(err, errlen, "the path %.80s... is too long", path);
        return -1;
    }
    return rc;
}

/* ---- the temporary file and the signals that remove it ---------------------------- */

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction old_actions[COUNT(caught)];
/* The handler's whole state: names in static buffers, flags it may test.
 * Several outputs can be open at once (an export's file, and the verified
 * cache written while the export opens the database), so each has its own
 * slot; the handlers are installed by the first and restored by the last. */
#define TMP_SLOTS 4
static char tmp_name[TMP_SLOTS][TMP_MAX_LEN], tmp_journal[TMP_SLOTS][TMP_MAX_LEN + 8];
static volatile sig_atomic_t tmp_armed[TMP_SLOTS];
static int handlers_installed; /* changed with the signals blocked only */

/* Async-signal-safe: unlink, sigaction and raise only. */
static void on_signal(int sig, siginfo_t *info, void *uc)
{
    int saved = errno;
    for (int k = 0; k < TMP_SLOTS; k++) {
        if (!tmp_armed[k])
            continue;
        tmp_armed[k] = 0;
        unlink(tmp_name[k]);
        if (tmp_journal[k][0])
            unlink(tmp_journal[k]);
    }
    for (size_t i = 0; i < COUNT(caught); i++) {
        if (caught[i] != sig)
            continue;
        const struct sigaction *old = &old_actions[i];
        if (old->sa_flags & SA_SIGINFO)
            old->sa_sigaction(sig, info, uc); /* the program's own handler */
        else if (old->sa_handler == SIG_DFL) {
            sigaction(sig, old, NULL);
            raise(sig); /* pending until we return: then the default ends us */
        } else if (old->sa_handler != SIG_IGN)
            old->sa_handler(sig);
    }
    errno = saved;
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < COUNT(caught); i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* With the signals blocked: the handler in place, the program's own kept
 * to chain to (only once: a second install would keep ours as "old"). */
static void install_handlers(void)
{
    struct sigaction sa;
    if (handlers_installed)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < COUNT(caught); i++)
        sigaction(caught[i], &sa, &old_actions[i]);
    handlers_installed = 1;
}

/* The temporary file name is gone or published: the handler forgets it,
 * and the program's handlers come back when no other is left. */
static void tmp_disarm(const char *name)
{
    sigset_t old;
    int left = 0;
    block_signals(&old);
    for (int k = 0; k < TMP_SLOTS; k++) {
        if (tmp_armed[k] && strcmp(tmp_name[k], name) == 0)
            tmp_armed[k] = 0;
        left |= tmp_armed[k];
    }
    if (!left && handlers_installed) {
        for (size_t i = 0; i < COUNT(caught); i++)
            sigaction(caught[i], &old_actions[i], NULL);
        handlers_installed = 0;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A free slot, or -1. With the signals blocked. */
static int free_slot(void)
{
    for (int k = 0; k < TMP_SLOTS; k++)
        if (!tmp_armed[k])
            return k;
    return -1;
}

/* Creates the temporary file beside target; its name in *tmp (owned).
 * Signals are held off until the handler knows the name. */
static int tmp_create(const char *target, int for_sqlite, char **tmp, char *err, size_t errlen)
{
    const char *slash = strrchr(target, '/');
    int dirlen = slash ? (int)(slash - target + 1) : 0;
    sigset_t old;
    char name[TMP_MAX_LEN];
    if (snprintf(name, sizeof name, "%.*s.%s" OUTFILE_TMP_TAG "XXXXXX", dirlen, target,
                 target + dirlen) >= (int)sizeof name) {
        snprintf(err, errlen, "the path %.80s... is too long", target);
        return -1;
    }
    block_signals(&old);
    int k = free_slot(), fd = -1, e = EMFILE;
    if (k >= 0) {
        fd = mkstemp(name);
        e = errno;
    }
    if (fd >= 0) {
        memcpy(tmp_name[k], name, sizeof name);
        /* SQLite's rollback journal of the copy lies beside it. */
        snprintf(tmp_journal[k], sizeof tmp_journal[k], "%s%s", for_sqlite ? name : "",
                 for_sqlite ? "-journal" : "");
        install_handlers();
        tmp_armed[k] = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a file beside %s: %s", target,
                 k < 0 ? "too many output files open at once" : strerror(e));
        return -1;
    }
    /* 0600 by fchmod too: mkstemp's mode is 0600 on every system we know,
     * but this is health data, and POSIX only promises it since 2008. */
    *tmp = strdup(name);
    if (!*tmp || fchmod(fd, 0600) != 0) {
        snprintf(err, errlen, "cannot create a file beside %s: %s", target,
                 *tmp ? strerror(errno) : "out of memory");
        close(fd);
        unlink(name);
        tmp_disarm(name);
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    return fd;
}

static void release(struct outfile *o)
{
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    o->f = NULL;
}

/* ---- opening, committing, aborting ------------------------------------------------ */

static int open_common(struct outfile *o, const char *path, int replace, const char *db_path,
                       int for_sqlite, char *err, size_t errlen)
{
    char target[PATH_MAX];
    memset(o, 0, sizeof *o);
    int rc = outfile_plan(path, replace, db_path, for_sqlite, &o->kind, target, sizeof target,
                          err, errlen);
    if (rc != 0)
        return rc;
    if (!(o->path = strdup(target))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int fd;
    if (o->kind == OUTFILE_IN_PLACE) {
        fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    } else {
        fd = tmp_create(target, for_sqlite, &o->tmp, err, errlen);
    }
    if (fd >= 0 && for_sqlite && close(fd) != 0) {
        snprintf(err, errlen, "cannot create a file beside %s: %s", target, strerror(errno));
        fd = -1;
    } else if (fd >= 0 && !for_sqlite && !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        outfile_abort(o);
        return -1;
    }
    return 0;
}

int outfile_open(struct outfile *o, const char *path, int replace, const char *db_path,
                 char *err, size_t errlen)
{
    return open_common(o, path, replace, db_path, 0, err, errlen);
}

int outfile_open_file(struct outfile *o, const char *path, int replace, const char *db_path,
                      char *err, size_t errlen)
{
    return open_common(o, path, replace, db_path, 1, err, errlen);
}

void outfile_abort(struct outfile *o)
{
    if (!o->path)
        return;
    if (o->f)
        fclose(o->f); /* its error no longer matters: the file goes */
    if (o->tmp) {
        unlink(o->tmp);
        tmp_disarm(o->tmp);
    }
    release(o);
}

/* Writes the data of the temporary file (or the device) out; returns 0 or
 * an errno. A stream writer's file is closed here. */
static int flush_out(struct outfile *o)
{
    int e = 0;
    if (o->f) {
        int bad = fflush(o->f) != 0 || ferror(o->f) ||
                  (o->kind != OUTFILE_IN_PLACE && fsync(fileno(o->f)) != 0);
        e = bad ? (errno ? errno : EIO) : 0;
        if (fclose(o->f) != 0 && !e)
            e = errno;
        o->f = NULL;
        return e;
    }
    /* A file SQLite wrote and closed: sync it through a descriptor of ours. */
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    return e;
}

/* Makes the temporary file visible under its name. Without replace a
 * file that appeared meanwhile wins: link() and RENAME_NOREPLACE refuse
 * atomically; where neither works the check and the rename are two steps. */
static int publish(struct outfile *o)
{
    struct stat sb;
    if (o->kind == OUTFILE_REPLACE)
        return rename(o->tmp, o->path) == 0 ? 0 : -1;
    if (link(o->tmp, o->path) == 0) {
        unlink(o->tmp);
        return 0;
    }
    if (errno == EEXIST)
        return OUTFILE_EXISTS;
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno == EEXIST)
        return OUTFILE_EXISTS;
#endif
    if (lstat(o->path, &sb) == 0)
        return OUTFILE_EXISTS;
    return rename(o->tmp, o->path) == 0 ? 0 : -1;
}

/* The new name must survive a crash too: sync the directory (best effort:
 * some file systems refuse to sync a directory). */
static void sync_dir(const char *path)
{
    char dir[PATH_MAX];
    int fd = path_dir(path, dir, sizeof dir) == 0 ? open(dir, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int outfile_commit(struct outfile *o, char *err, size_t errlen)
{
    if (!o->path || (!o->f && !o->tmp)) {
        snprintf(err, errlen, "no file open");
        return -1;
    }
    int e = flush_out(o);
    int rc = e ? -1 : 0;
    if (o->tmp) {
        sigset_t old;
        block_signals(&old); /* published (or removed) and forgotten as one step */
        if (rc == 0) {
            rc = publish(o);
            e = errno;
        }
        if (rc != 0)
            unlink(o->tmp);
        tmp_disarm(o->tmp);
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (rc == 0)
            sync_dir(o->path);
    }
    if (rc == OUTFILE_EXISTS)
        snprintf(err, errlen, "%s appeared while writing; it is kept as it is", o->path);
    else if (rc != 0)
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(e));
    release(o);
    return rc;
}
