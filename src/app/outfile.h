/* SPDX-License-Identifier: BSD-2-Clause */
/* outfile: writing a file of health data safely. POSIX only, no curses,
 * no SQL.
 *
 * Where the data goes (outfile_plan):
 * - the open database, its -wal, -shm or -journal, under any name (a
 *   symlink, a hard link, a path with ".."): refused (OUTFILE_IS_DB), with
 *   or without replace; compared by device and inode when the file exists,
 *   else by the resolved directory and name;
 * - a regular file, or nothing yet: the data goes to a temporary file
 *   ".NAME.unknot-tmp.XXXXXX" in the target's directory (mkstemp, 0600
 *   whatever the umask), is synced and only then published under the name:
 *   with `replace` by rename(), without it by link() (or renameat2's
 *   RENAME_NOREPLACE), so a file that appeared meanwhile is never
 *   clobbered. An existing file without replace: OUTFILE_EXISTS, untouched;
 * - a symbolic link: what it points at, as above (the link stays a link);
 *   a link to nothing is refused;
 * - a character device or a FIFO (/dev/null, a pipe to another program):
 *   written in place, never replaced, replace or not; not for
 *   outfile_open_file;
 * - a directory, block device or socket: refused.
 * While a temporary file exists, SIGINT, SIGTERM and SIGHUP remove it
 * first (then the previous disposition runs: the default one ends the
 * process, a handler of the program's own is called). A failure never
 * leaves half a file under the name; after kill -9 the temporary file may
 * remain, recognisable by its name.
 *
 *     struct outfile o;
 *     if (outfile_open(&o, path, replace, db_path, err, sizeof err) != 0) ...;
 *     write to o.f ...;
 *     if (outfile_commit(&o, err, sizeof err) != 0) ...;   (or outfile_abort)
 *
 * One outfile at a time per process (the signal handler knows one name). */
#ifndef UNKNOT_OUTFILE_H
#define UNKNOT_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#define OUTFILE_EXISTS (-2) /* the file is there and replace is 0 */
#define OUTFILE_IS_DB (-3)  /* the target is the database (or its -wal/-shm) */

/* The suffix part of every temporary file's name, for tests and cleanup. */
#define OUTFILE_TMP_TAG ".unknot-tmp."

enum outfile_kind {
    OUTFILE_NEW,      /* nothing there yet: temporary file, published without clobbering */
    OUTFILE_REPLACE,  /* a regular file, replace given: temporary file, rename() over it */
    OUTFILE_IN_PLACE, /* a character device or FIFO: opened and written as it is */
};

struct outfile {
    FILE *f;
    enum outfile_kind kind;
    char *path; /* owned: where the data lands (a symlink resolved) */
    char *tmp;  /* owned: the temporary file, NULL when in place */
};

/* Decides where the data for `path` goes (see above) without creating
 * anything. db_path (NULL: none) is the database in use. Sets *kind and
 * writes the path to publish at (a symlink resolved) into target. Returns
 * 0, OUTFILE_EXISTS, OUTFILE_IS_DB, or -1; every error with a one-line
 * message naming the path. regular_only: a device or FIFO is refused too. */
int outfile_plan(const char *path, int replace, const char *db_path, int regular_only,
                 enum outfile_kind *kind, char *target, size_t tlen, char *err, size_t errlen);

/* 1 when path names the database db_path or its -wal, -shm or -journal
 * file (see above), whether or not that file exists yet; else 0. */
int outfile_is_database(const char *path, const char *db_path);

/* Plans, then creates the temporary file (or opens the device / FIFO).
 * Returns 0 with o->f open for writing, or what outfile_plan returns. */
int outfile_open(struct outfile *o, const char *path, int replace, const char *db_path,
                 char *err, size_t errlen);

/* For a writer that needs a file name rather than a stream (SQLite's
 * backup): as outfile_open for regular files only, but o->f is NULL and
 * o->tmp is an empty 0600 file to fill; outfile_commit publishes it. */
int outfile_open_file(struct outfile *o, const char *path, int replace, const char *db_path,
                      char *err, size_t errlen);

/* Flushes, syncs and closes, then publishes the temporary file under the
 * name. Returns 0, or -1 with a message (the temporary file is then
 * removed); OUTFILE_EXISTS when, without replace, a file of that name
 * appeared while writing (it is kept as it is). */
int outfile_commit(struct outfile *o, char *err, size_t errlen);

/* Closes and removes the temporary file. Safe after a failed open or a
 * commit (then it does nothing). */
void outfile_abort(struct outfile *o);

#endif
