/* SPDX-License-Identifier: BSD-2-Clause */
/* outfile: writing a file of health data safely. POSIX only, no curses,
 * no SQL.
 *
 * The file is created with mode 0600 whatever the umask says. Without
 * `replace` it is created with O_CREAT | O_EXCL, so an existing file is
 * never touched (OUTFILE_EXISTS); with `replace` the data goes to
 * "PATH.tmp" (also O_EXCL, 0600) and is renamed over PATH once complete.
 * Either way a failure never leaves half a file: outfile_abort removes
 * what was created.
 *
 *     struct outfile o;
 *     if (outfile_open(&o, path, replace, err, sizeof err) != 0) ...;
 *     write to o.f ...;
 *     if (outfile_commit(&o, err, sizeof err) != 0) ...;   (or outfile_abort)
 */
#ifndef UNKNOT_OUTFILE_H
#define UNKNOT_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#define OUTFILE_EXISTS (-2) /* outfile_open: the file is there and replace is 0 */

struct outfile {
    FILE *f;
    char *path; /* owned copies */
    char *tmp;  /* the file written: PATH.tmp when replacing, else PATH */
};

/* Creates the file (see above). Returns 0 with o->f open for writing,
 * OUTFILE_EXISTS, or -1 with a one-line message naming the path. */
int outfile_open(struct outfile *o, const char *path, int replace, char *err, size_t errlen);

/* Flushes, syncs and closes; when replacing, renames PATH.tmp to PATH.
 * Returns 0, or -1 with a message (the file is then removed). */
int outfile_commit(struct outfile *o, char *err, size_t errlen);

/* Closes and removes the file being written. Safe after a failed open or
 * a commit (then it does nothing). */
void outfile_abort(struct outfile *o);

#endif
