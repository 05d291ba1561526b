/* SPDX-License-Identifier: BSD-2-Clause */
/* ui: the framework every screen is written against. One loop (app.c)
 * owns wgetch, resize and signals; each screen is a file with a constant
 * ops table, and keys reach it as named actions through the screen's key
 * table, which also produces its `?` help. Drawing helpers are in
 * ui/widgets.h, the screens' openers in ui/screens.h.
 *
 * Layout: row 0 is the title bar, row LINES-1 the status line; a screen
 * draws in rows 1 .. LINES-2 (ui_body_top() .. ui_body_bottom()). */
#ifndef UNKNOT_UI_H
#define UNKNOT_UI_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "src/util.h"

struct app;
struct store;

/* The smallest terminal a screen works in unless its ops say less (home
 * and the timer: 60x18, a side-by-side tmux pane); below it the loop
 * shows a notice instead, while a timer keeps running under it. */
#define UI_MIN_COLS 72
#define UI_MIN_LINES 20
#define UI_SMALL_COLS 60
#define UI_SMALL_LINES 18

/* Named actions. A key table maps keys to them per screen. */
enum action {
    ACT_NONE,
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM,
    ACT_SELECT, ACT_BACK, ACT_QUIT, ACT_HELP,
    ACT_NEW, ACT_EDIT, ACT_END, ACT_DELETE, ACT_FILTER, ACT_HISTORY, ACT_CHECK,
    ACT_STRETCH, ACT_ICE, ACT_HEAT, ACT_REPORT,
    ACT_YES, ACT_NO, ACT_EXPLAIN, ACT_UNSURE,
    ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_SAVE, ACT_TOGGLE,
    ACT_VIEW,
    ACT_TIPS,
    ACT_FLAGS,
    ACT_PAIN,
    ACT_CHECKIN, ACT_WEEKLY,
    ACT_MEDICATION, ACT_RELIEF,
    ACT_RATE,
};

/* One key of a screen: what it does, how `?` describes it and what the
 * screen's bottom key line says of it. Tables are written with the row
 * macros of ui/keys.h. */
struct keybind {
    int key;            /* a character or a KEY_* code */
    enum action act;
    const char *name;   /* "j / Down"; NULL: same action as the row above, not listed */
    const char *help;   /* "move down" */
    const char *bar;    /* on the key line: "j/k move"; NULL: not there */
    unsigned modes;     /* the screen's modes (bits) whose key line shows bar; 0: all */
};

/* A key as wget_wch returned it. */
struct ui_key {
    int is_code; /* 1: a KEY_* code in `code`; 0: a character in `ch` */
    int code;
    wint_t ch;
};

/* What a handler tells the loop, as a bitmask. UI_POP: the screen that
 * handled the key leaves; a screen it pushed meanwhile stays on top, so a
 * screen can hand over to the next (the form to its advice). */
enum ui_ret { UI_OK = 0, UI_POP = 1, UI_QUIT = 2 };

struct screen;

/* A screen's title and key table. A screen with modes (a line typed at
 * the bottom, as history's filter) returns the current one from its
 * `mode` op; the loop, the title bar and the help ask it every time, so
 * a mode is a flag in the screen's data, never a swap of its ops. */
struct screen_mode {
    const char *title;
    const struct keybind *keys; /* terminated by a {0} row */
};

struct screen_ops {
    const char *title;
    const struct keybind *keys; /* terminated by a {0} row */
    /* Screens with modes: the title and keys of the current one, and
     * then title and keys above are unused (left out). NULL: always the
     * title and keys above. */
    const struct screen_mode *(*mode)(const struct screen *s);
    /* Called once when pushed; returns 0, or -1 to refuse (status says why). */
    int (*enter)(struct app *app, struct screen *s);
    /* Draws the body; the loop clears, draws bars and refreshes. */
    void (*draw)(struct app *app, struct screen *s);
    /* Handles a key: `act` is the mapped action (ACT_NONE if unmapped). */
    int (*handle)(struct app *app, struct screen *s, const struct ui_key *key,
                  enum action act);
    /* Called when popped; frees s->data. NULL: s->data is one heap block
     * (or NULL), and the loop frees it. */
    void (*leave)(struct app *app, struct screen *s);
    /* 1 when the screen holds unsaved changes (asked before quitting). */
    int (*dirty)(struct screen *s);
    /* Called when the screen is shown again after the one above it left. */
    void (*resume)(struct app *app, struct screen *s);
    /* Called on the top screen when the terminal changed size, before the
     * next draw: draw does no I/O, so what the new size shows is read
     * here (NULL: nothing to read). */
    void (*resize)(struct app *app, struct screen *s);
    /* Timed screens: how long the loop may wait for a key, in ms (-1: no
     * limit), asked before every wait; then tick runs when the wait ends,
     * key or not. Keypresses never delay a deadline: tick computes from
     * the clock, not from the number of wake-ups. */
    int64_t (*wait_ms)(struct app *app, struct screen *s);
    int (*tick)(struct app *app, struct screen *s);
    /* Called when a signal ends the app, before the screens leave, so a
     * running session can be saved as stopped. */
    void (*shutdown)(struct app *app, struct screen *s);
    /* The smallest size the screen is drawn at; 0: UI_MIN_COLS x UI_MIN_LINES. */
    int min_cols, min_lines;
};

struct screen {
    const struct screen_ops *ops;
    void *data;
};

/* Pushes a screen; data is the screen's own (freed by its leave). Returns
 * 0, or -1 when enter refused (the screen is not pushed, leave is called). */
int app_push(struct app *app, const struct screen_ops *ops, void *data);

/* A screen's data, zeroed: calloc(1, size), or NULL with "Out of memory"
 * on the status line. */
void *app_alloc(struct app *app, size_t size);

/* The handle of a page that only shows text: back (q, Esc) leaves it. */
int app_handle_back(struct app *app, struct screen *s, const struct ui_key *key,
                    enum action act);


struct store *app_store(struct app *app);
int64_t app_now(struct app *app);

/* The wall clock of app_now in milliseconds (Unix time * 1000), for a
 * screen that wakes at a boundary of a time it shows: app_now is this
 * value rounded down to the second. Fixed in the headless tests. */
int64_t app_now_ms(struct app *app);

/* 1 when s is the screen on top (shown, taking the keys). The loop asks
 * the timed screen nearest the top for its wait and tick even under
 * another (a timer under its help); a screen that only refreshes what it
 * shows asks this first. */
int app_on_top(const struct app *app, const struct screen *s);

/* Milliseconds on CLOCK_BOOTTIME: monotonic, and it keeps counting while a
 * laptop sleeps (so does an ice pack). Never store it: store app_now. */
int64_t app_mono_ms(void);

/* Sets the status line message until the next key. printf-style. */
void app_status(struct app *app, const char *fmt, ...)
    PRINTF_LIKE(2, 3);

/* Asks a yes/no question on the status line and waits for y or n (Esc and
 * n are no). Returns 1 for yes. A signal to quit answers no. */
int app_confirm(struct app *app, const char *question);

/* Asks question on the status line, with msg (NULL or "": none) on the
 * row above it, and waits for one of the keys in choices (ASCII; a letter
 * is taken in either case; '\n' in choices stands for Enter). Returns
 * that key (the letter in lower case), or 0 for Esc or a signal to quit.
 * Other keys are ignored. */
int app_choose(struct app *app, const char *msg, const char *question, const char *choices);

/* Reads one line typed on the status line after prompt, starting with the
 * text in buf (len > 0 bytes with its NUL); msg, when not NULL or "", is
 * shown on the row above (what was wrong with the last try). Enter
 * returns 1 with the text in buf; Esc or a signal to quit returns 0 and
 * leaves buf as it was. */
int app_prompt(struct app *app, const char *prompt, const char *msg, char *buf, size_t len);
/* Asks for a whole number on the status line: digits (at most 6), Backspace,
 * Enter to answer, Esc to give up. Returns 0 with *out set, or -1 when
 * given up (or nothing typed, or a signal to quit). */
int app_ask_number(struct app *app, const char *question, int64_t *out);

/* The title and key table s answers to now (its mode's, if it has modes). */
const char *ui_screen_title(const struct screen *s);
const struct keybind *ui_screen_keys(const struct screen *s);

/* Looks key up in a screen's table (then the global one). */
enum action ui_key_action(const struct keybind *keys, const struct ui_key *key);

#endif
