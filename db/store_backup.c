/* SPDX-License-Identifier: BSD-2-Clause */
/* store_backup: a consistent copy of the open database (see store.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/store_private.h"

/* ---- backup ------------------------------------------------------------------ */

/* Creates the empty file for the copy with mode 0600 before SQLite opens
 * it (SQLite would make it 0644). */
static int backup_create(const char *tmp, char *err, size_t errlen)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return db_set_err(err, errlen, "%s is in the way: another backup may be running; "
                                           "remove it if not", tmp);
        return db_set_err(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
    }
    int bad = fchmod(fd, 0600) != 0;
    int e = errno;
    if (close(fd) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        unlink(tmp);
        return db_set_err(err, errlen, "cannot create %s: %s", tmp, strerror(e));
    }
    return STORE_OK;
}

/* Copies the whole database into the file tmp in one backup step. */
static int backup_copy(sqlite3 *src, const char *tmp, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    int rc = STORE_OK;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = DB_FAIL(dst, "cannot open %s", tmp);
    } else {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
        if (!b) {
            rc = DB_FAIL(dst, "cannot start the backup");
        } else {
            int step = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            /* The failure is on the copy's connection (finish leaves it
             * there), in the plain words of every store message. */
            if (step != SQLITE_DONE || fin != SQLITE_OK)
                rc = DB_FAIL(dst, "backup failed");
        }
    }
    if (sqlite3_close(dst) != SQLITE_OK && rc == STORE_OK)
        rc = DB_FAIL(dst, "closing %s", tmp);
    return rc;
}

/* Makes the copy visible under path: rename() replaces, link() refuses an
 * existing path atomically (where hard links are not supported, the check
 * and the rename are two steps). */
static int backup_publish(const char *tmp, const char *path, int replace, char *err,
                          size_t errlen)
{
    struct stat sb;
    if (!replace) {
        if (link(tmp, path) == 0) {
            unlink(tmp);
            return STORE_OK;
        }
        if (errno == EEXIST) {
            db_set_err(err, errlen, "%s already exists", path);
            return STORE_EXISTS;
        }
        if (lstat(path, &sb) == 0) {
            db_set_err(err, errlen, "%s already exists", path);
            return STORE_EXISTS;
        }
    }
    if (rename(tmp, path) != 0)
        return db_set_err(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    return STORE_OK;
}

int store_backup(struct store *st, const char *path, int replace, char *err, size_t errlen)
{
    struct stat sb;
    if (!path || !*path)
        return db_set_err(err, errlen, "no backup file given");
    if (!replace && lstat(path, &sb) == 0) {
        db_set_err(err, errlen, "%s already exists", path);
        return STORE_EXISTS; /* before any work; backup_publish checks again */
    }
    size_t len = strlen(path);
    char *tmp = malloc(len + 5);
    if (!tmp)
        return db_set_err(err, errlen, "out of memory");
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmp", 5);
    int rc = backup_create(tmp, err, errlen);
    if (rc == STORE_OK) {
        rc = backup_copy(st->db, tmp, err, errlen);
        if (rc == STORE_OK)
            rc = backup_publish(tmp, path, replace, err, errlen);
        if (rc != STORE_OK)
            unlink(tmp);
    }
    free(tmp);
    return rc;
}
