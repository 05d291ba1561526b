/* SPDX-License-Identifier: BSD-2-Clause */
/* outfile: create-exclusive or write-then-rename output files, 0600. */
#include "src/app/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dup_str(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    char *p = malloc(a + b + 1);
    if (p) {
        memcpy(p, s, a);
        memcpy(p + a, suffix, b + 1);
    }
    return p;
}

static void release(struct outfile *o)
{
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    o->f = NULL;
}

int outfile_open(struct outfile *o, const char *path, int replace, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->path = dup_str(path, "");
    o->tmp = dup_str(path, replace ? ".tmp" : "");
    if (!o->path || !o->tmp) {
        release(o);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* 0600 by fchmod too: the umask can only take bits away, and this is
     * health data, so nobody else may read it even under umask 0. */
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        int e = errno;
        if (e == EEXIST && !replace) {
            snprintf(err, errlen, "%s already exists", path);
            release(o);
            return OUTFILE_EXISTS;
        }
        if (e == EEXIST)
            snprintf(err, errlen, "%s is in the way: another export may be running; remove it "
                                  "if not", o->tmp);
        else
            snprintf(err, errlen, "cannot create %s: %s", o->tmp, strerror(e));
        release(o);
        return -1;
    }
    if (fchmod(fd, 0600) != 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "cannot write %s: %s", o->tmp, strerror(errno));
        close(fd);
        unlink(o->tmp);
        release(o);
        return -1;
    }
    return 0;
}

void outfile_abort(struct outfile *o)
{
    if (!o->tmp)
        return;
    if (o->f)
        fclose(o->f); /* its error no longer matters: the file goes */
    unlink(o->tmp);
    release(o);
}

int outfile_commit(struct outfile *o, char *err, size_t errlen)
{
    if (!o->f) {
        snprintf(err, errlen, "no file open");
        return -1;
    }
    /* The data must be on disk before the name points at it. */
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    int e = errno;
    if (fclose(o->f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    o->f = NULL;
    if (!bad && strcmp(o->tmp, o->path) != 0 && rename(o->tmp, o->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(e));
        unlink(o->tmp);
        release(o);
        return -1;
    }
    release(o);
    return 0;
}
