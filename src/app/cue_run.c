/* SPDX-License-Identifier: BSD-2-Clause */
/* cue_run: background cue commands (see cue_run.h). */
#include "src/app/cue_run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_NOT_RUN 127 /* what a shell says of a command it cannot run */

/* In the child: the terminal is the screen's, so the command gets none. */
static void child_exec(char *const argv[])
{
    int fd = open("/dev/null", O_RDWR);
    if (fd >= 0) {
        (void)dup2(fd, STDIN_FILENO);
        (void)dup2(fd, STDOUT_FILENO);
        (void)dup2(fd, STDERR_FILENO);
        if (fd > STDERR_FILENO)
            (void)close(fd);
    }
    (void)setpgid(0, 0); /* a Ctrl-C meant for unknot does not reach it */
    execvp(argv[0], argv);
    _exit(EXIT_NOT_RUN);
}

int cue_run_start(struct cue_run *r, char *const argv[], char *err, size_t errlen)
{
    pid_t pid;
    if (r->n >= CUE_RUN_MAX) {
        snprintf(err, errlen, "%d earlier runs of %s have not ended", CUE_RUN_MAX, argv[0]);
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0)
        child_exec(argv);
    r->pid[r->n++] = pid;
    return 0;
}

/* The note of a status that is a failure, or "" for a success. */
static void failure(int status, char *note, size_t len)
{
    note[0] = '\0';
    if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOT_RUN)
        snprintf(note, len, "could not be run (exit %d)", EXIT_NOT_RUN);
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(note, len, "exited with %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(note, len, "killed by signal %d", WTERMSIG(status));
}

int cue_run_reap(struct cue_run *r, char *note, size_t len)
{
    int report = 0;
    for (size_t i = 0; i < r->n;) {
        int status = 0;
        pid_t got = waitpid(r->pid[i], &status, WNOHANG);
        if (got == 0) {
            i++;
            continue;
        }
        if (got > 0 && !r->failed) {
            failure(status, note, len);
            if (note[0])
                r->failed = report = 1;
        }
        r->pid[i] = r->pid[--r->n]; /* ended (or not ours any more: ECHILD) */
    }
    return report;
}
