/* app: the full-screen program. The only entry point into curses. */
#ifndef UNKNOT_APP_H
#define UNKNOT_APP_H

#include "src/session.h"

/* Runs the full-screen app on the database at db_path until the user
 * quits; the terminal is restored on every exit path. Returns an exit
 * code (0 ok, 1 runtime error). */
int ui_run(const char *db_path);

struct app;

/* Like ui_run, but the first screen is the one open(app, arg) pushes
 * instead of home, so leaving it ends the app (`unknot timer ...`). When
 * it pushes nothing (returns -1), its status message goes to stderr and
 * the exit code is 1. */
int ui_run_with(const char *db_path, int (*open)(struct app *app, void *arg), void *arg);

/* Runs the full-screen app with the timer as its only screen (leaving the
 * timer ends the app), on arguments `unknot timer` has already checked;
 * they mean what they mean to screen_timer_open (ui/ui.h). Returns an exit
 * code: 0, or 1 when the app cannot run (no terminal, database refused).
 * Its type is that of cli_timer_ui (src/app/cli_common.h). */
int screen_timer_run(const char *db_path, enum session_kind kind, const char *routine, int hold_s,
                     int minutes);

#endif
