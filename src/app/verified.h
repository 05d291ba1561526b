/* SPDX-License-Identifier: BSD-2-Clause */
/* verified: remembers which database files passed the whole integrity
 * check, so that `report`, `export` and `backup` check a file once after
 * it changed instead of on every run (on a ten-year history the check
 * takes several times as long as the report itself).
 *
 * A file counts as the one verified while its identity (device, inode)
 * and its state (size, modification and status-change times to the
 * nanosecond) and those of its -wal are what they were right after the
 * check. Any write, by unknot or by hand (a few bytes changed with dd),
 * changes the times, so the next command checks again; damage that
 * leaves every time as it was (a failing disk under a file nobody
 * wrote) is not the threat this check answers.
 *
 * The list lives in $XDG_STATE_HOME/unknot/verified (else
 * ~/.local/state/unknot/verified), a few lines of numbers: no path, no
 * health data. Failing to read or write it only costs the check. */
#ifndef UNKNOT_VERIFIED_H
#define UNKNOT_VERIFIED_H

/* 1 when db_path is a file in the state it was verified in, else 0. */
int verified_is_current(const char *db_path);

/* Records db_path, in its state now, as verified (call right after a
 * check said it is sound). Silent on failure. */
void verified_remember(const char *db_path);

#endif
