/* SPDX-License-Identifier: BSD-2-Clause */
/* status: the one line of `unknot status` for a shell prompt or a tmux
 * status bar, formatted from facts the app layer read. Pure: no I/O, the
 * local time zone only for the clock time ice is allowed again. */
#ifndef UNKNOT_STATUS_H
#define UNKNOT_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"
#include "src/redflags.h"

/* What the line can tell, read by the caller. */
struct status_facts {
    int64_t now;
    int ongoing;                 /* an episode is ongoing */
    int64_t ongoing_started_at;  /* its start */
    int ongoing_intensity;       /* 0..10 */
    enum region ongoing_region;
    int64_t ice_end;             /* end of the last ice session, 0: none */
    size_t flags;                /* flags over the history */
    enum redflag_level warning;  /* in force when >= REDFLAG_URGENT */
    int weekly_due;              /* weekly_due() said so (src/checkin.h) */
};

/* The line of the default format: the fields that have something to say,
 * warning first, joined by " · " (" | " when !utf8). */
#define STATUS_DEFAULT_FORMAT "%a"

/* Longest line status_format needs for the default format, NUL included. */
#define STATUS_LINE_MAX 256

/* Expands fmt into buf (len bytes, always NUL-terminated when len > 0):
 *   %w  the warning in force, "EMERGENCY: seek emergency care now"
 *   %o  the ongoing episode, "ongoing 2h 7/10 lower"
 *   %i  while ice must wait, "ice ok from 20:10"
 *   %f  the flags, "2 flags"
 *   %c  when a weekly check-in is due, "weekly check-in due"
 *   %a  every non-empty field of the five in that order, joined
 *   %%  a percent sign
 * A field with nothing to say is empty. When every field of fmt is empty,
 * so is the whole line (literal text included): nothing to say prints
 * nothing. utf8 0 keeps the line plain ASCII. Returns 0; -1 with a
 * message in err for an unknown or unfinished %-field (buf is "" then).
 * A line longer than len is cut short. */
int status_format(const struct status_facts *f, const char *fmt, int utf8, char *buf,
                  size_t len, char *err, size_t errlen);

/* 1 when fmt shows field key ('w', 'o', 'i', 'f' or 'c'), itself or through
 * %a: the caller reads only the facts the line shows. */
int status_format_needs(const char *fmt, char key);

/* Checks fmt as status_format would, without facts: 0 or -1 with err. */
int status_format_valid(const char *fmt, char *err, size_t errlen);

#endif
