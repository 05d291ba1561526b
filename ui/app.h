/* SPDX-License-Identifier: BSD-2-Clause */
/* app: the full-screen program. The only entry point into curses. */
#ifndef UNKNOT_APP_H
#define UNKNOT_APP_H

#include <stdint.h>

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

/* --- Seams for the headless screen tests (ui/headless.c) ----------------
 * The program never calls these. ui_run_with does the same on the real
 * terminal: initscr and the modes, app_step while app_running, teardown. */

struct store;

/* A fixed clock: app_now returns now_s, app_mono_ms returns mono_ms. */
struct app_clock {
    int64_t now_s;   /* Unix seconds */
    int64_t mono_ms; /* milliseconds of the monotonic clock */
};

/* Makes app_now and app_mono_ms read *clock (borrowed: it must outlive the
 * app; the caller may change it between steps) instead of the real
 * clocks; NULL goes back to them. */
void app_clock_fix(const struct app_clock *clock);

/* A new app on st (borrowed) with no screen; NULL when out of memory. */
struct app *app_new(struct store *st);

/* Runs the shutdown hooks of every screen, pops them all (their leave
 * runs), frees *app and sets it to NULL. The store stays open. NULL-safe. */
void app_free(struct app **app);

/* The input modes and colours the app sets on the current curses screen
 * (cbreak, noecho, keypad, ...), without touching the terminal's flow
 * control or the signal handlers. */
void app_curses_modes(void);

/* One turn of the event loop: draw, wait for a key as long as the timed
 * screen allows (its tick runs), then hand the key to the top screen.
 * Returns 0 when a key was read (or a signal handled), -1 when the wait
 * ended without one. */
int app_step(struct app *app);

/* How long the next app_step would wait for a key, in ms (-1: no limit):
 * what the timed screen nearest the top asks (its wait_ms). */
int64_t app_wait_ms(struct app *app);

/* 1 while the app has a screen and nobody asked to quit. */
int app_running(const struct app *app);

#endif
