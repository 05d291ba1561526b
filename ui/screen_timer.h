/* screen_timer: how main.c opens the full-screen timer directly for
 * `unknot timer ...`. No curses in this header: main.c is outside ui/. */
#ifndef UNKNOT_SCREEN_TIMER_H
#define UNKNOT_SCREEN_TIMER_H

/* Runs the full-screen app with the timer as its only screen (leaving the
 * timer ends the app), on arguments `unknot timer` has already checked;
 * they mean what they mean to screen_timer_open (ui/ui.h). Returns an exit
 * code: 0, or 1 when the app cannot run (no terminal, database refused).
 * Its type is that of cli_timer_ui (src/cli_common.h). */
int screen_timer_run(const char *db_path, const char *kind, const char *routine, int hold_s,
                     int minutes);

#endif
