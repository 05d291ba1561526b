/* SPDX-License-Identifier: BSD-2-Clause */
/* headless: the real screens without a terminal, for the screen tests
 * (STYLE.md's middle tier, as tig's TIG_NO_DISPLAY). A curses screen on
 * /dev/null at a fixed size, a fixed clock, keys fed through ncurses' own
 * input queue to the event loop of app.c (key tables, actions, push and
 * pop, resize and the "too small" notice behave as in the program), and
 * the screen read back as text with mvwinnstr.
 *
 * Not part of the program (the Makefile links it into tests only). One
 * headless app at a time: the clock it fixes is the process's. */
#ifndef UNKNOT_HEADLESS_H
#define UNKNOT_HEADLESS_H

#include <stddef.h>
#include <stdint.h>

struct app;
struct store;
struct headless;

/* Opens a headless app on st (borrowed; it must outlive the app) with a
 * lines x cols screen and the clock at Unix time now_s, then pushes the
 * first screen: open(app, arg) when open is not NULL (as ui_run_with),
 * else home, and draws it. The terminal type is xterm-256color whatever
 * $TERM says, LINES and COLUMNS are ignored, and LC_ALL becomes C.UTF-8
 * (so what is read back does not depend on the environment). The real
 * terminal and its modes are left alone, and the app's signal handlers
 * are not installed (ncurses still sets its own, as newterm does).
 * Returns 0, or -1 with the reason in err (another headless app is open,
 * no terminfo entry or C.UTF-8 locale, no memory, or the first screen
 * refused to open). */
int headless_open(struct headless **out, struct store *st, int lines, int cols, int64_t now_s,
                  int (*open)(struct app *app, void *arg), void *arg, char *err, size_t errlen);

/* Runs the screens' shutdown and leave, ends curses, frees *h and sets it
 * to NULL; the clock is the real one again. NULL-safe. */
void headless_close(struct headless **h);

/* Feeds the keys of script, in order, and runs the loop until it has
 * handled all of them (a confirmation asked on the way reads the keys
 * that follow, as it would from the keyboard); then the screen is drawn.
 * The script is UTF-8 text, each character one key, with names in angle
 * brackets for the rest: <Enter> (CR), <Tab>, <BTab>, <Esc>, <Up>, <Down>,
 * <Left>, <Right>, <PgUp>, <PgDn>, <Home>, <End>, <Bksp> (KEY_BACKSPACE),
 * <Del>, <F1> .. <F12>, <C-a> .. <C-z> (control characters), <Resize>
 * (KEY_RESIZE) and <lt> for '<'. At most about 130 keys per call (the
 * size of ncurses' queue). Returns 0, or -1 when the script does not
 * parse or does not fit (nothing is fed then), or the screens keep the
 * loop busy. A question still open at the end of the script would wait
 * for ever: a watchdog (SIGALRM, 5 s) then ends the process with status
 * 124 and says so on stderr. Scripts answer what they ask. An empty
 * script just draws (after opening a screen through headless_app). */
int headless_keys(struct headless *h, const char *script);

/* Resizes the screen to lines x cols as a SIGWINCH would (the loop gets
 * KEY_RESIZE) and draws it. Returns 0, or -1 when curses refused. */
int headless_resize(struct headless *h, int lines, int cols);

/* Moves the clock on by ms (both app_now and app_mono_ms), lets the timed
 * screen catch up (its tick) and draws. */
void headless_advance(struct headless *h, int64_t ms);

/* How long the loop would now wait for a key before it looks again, in
 * ms (-1: until a key), as the screens ask (app_wait_ms): what the real
 * terminal would sleep in wgetch. */
int64_t headless_wait_ms(struct headless *h);

/* The text of row y as drawn, UTF-8, trailing blanks cut; "" outside the
 * screen. Valid until the next call on h. */
const char *headless_row(struct headless *h, int y);

/* The whole screen, one row a line ('\n' after each), trailing blanks of
 * each row cut. Valid until the next call on h. */
const char *headless_text(struct headless *h);

/* The first row whose text contains needle, or -1. */
int headless_find(struct headless *h, const char *needle);

/* The curses attributes (A_BOLD, A_REVERSE, colour pair ...) of the cell
 * at row y, column x. */
unsigned long headless_attr(struct headless *h, int y, int x);

/* 1 while a screen is open and nothing asked to quit. */
int headless_running(const struct headless *h);

/* The app, to open a screen directly (ui/screens.h) before feeding keys. */
struct app *headless_app(struct headless *h);

/* The screen size now. */
int headless_lines(const struct headless *h);
int headless_cols(const struct headless *h);

#endif
