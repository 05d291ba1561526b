/* app: the full-screen program. The only entry point into curses. */
#ifndef UNKNOT_APP_H
#define UNKNOT_APP_H

/* Runs the full-screen app on the database at db_path until the user
 * quits; the terminal is restored on every exit path. Returns an exit
 * code (0 ok, 1 runtime error). */
int ui_run(const char *db_path);

#endif
