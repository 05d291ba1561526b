/* SPDX-License-Identifier: BSD-2-Clause */
/* cue_run: the timer's cue command (the cue_command setting, `unknot timer
 * --exec`) run in the background: forked and executed without a shell and
 * never waited for, so that a slow or hanging command cannot hold up the
 * countdown; the children are reaped without blocking on the timer's
 * ticks. */
#ifndef UNKNOT_CUE_RUN_H
#define UNKNOT_CUE_RUN_H

#include <stddef.h>
#include <sys/types.h>

#define CUE_RUN_MAX 8 /* commands running at once; a cue finding them all busy skips its own */

/* Zero-initialise before use. */
struct cue_run {
    pid_t pid[CUE_RUN_MAX];
    size_t n;   /* running (not reaped yet) */
    int failed; /* a failure was reported: later ones are silent */
};

/* Starts argv[0] (looked up on PATH) with argv, its stdin, stdout and
 * stderr on /dev/null (it must not write over the screen), and returns at
 * once. 0, or -1 with a one-line message in err: CUE_RUN_MAX still
 * running, or fork failed. A command that cannot be executed shows at
 * its reaping (exit 127). */
int cue_run_start(struct cue_run *r, char *const argv[], char *err, size_t errlen);

/* Reaps the children that have ended, without blocking. Returns 1 with a
 * one-line note ("exited with 1", "could not be run", "killed by signal
 * 9") for the first failure of r's life, else 0: a failing command is
 * reported once, then ignored. */
int cue_run_reap(struct cue_run *r, char *note, size_t len);

#endif
