/* SPDX-License-Identifier: BSD-2-Clause */
/* keys: named control keys, the row macros every key table is written
 * with, the rows several screens share, and the bottom key line drawn
 * from a table. One table per screen mode feeds the handler (through
 * ui_key_action), the `?` help, the key line and, checked by
 * tests/check-keys.sh in `make check`, the man page's key lists. */
#ifndef UNKNOT_KEYS_H
#define UNKNOT_KEYS_H

#include <stddef.h>

#include "ui/ui.h"

/* Control keys as wget_wch returns them (characters, not KEY_* codes). */
#define KEY_CTRL(c) ((c) & 0x1f) /* KEY_CTRL('S') is 19 */
#define KEY_ESC 27
#define KEY_DEL 127 /* what most terminals send for Backspace; others KEY_CTRL('H') */

/* A key listed in the help: name "j / Down", help "move down". */
#define KB(k, a, name, help) {(k), (a), (name), (help), NULL, 0}
/* The same, also on the key line with the label bar ("j/k move")... */
#define KB_BAR(k, a, name, help, bar) {(k), (a), (name), (help), (bar), 0}
/* ...only in the modes (bits of the screen's own) given. */
#define KB_BAR_IN(modes, k, a, name, help, bar) {(k), (a), (name), (help), (bar), (modes)}
/* Another key for the action of the row above: not listed. */
#define KB_ALSO(k, a) {(k), (a), NULL, NULL, NULL, 0}
/* One more key-line label for a key listed above (same key, same action:
 * the first row of a key decides what it does), in the modes given. */
#define KB_HINT(modes, k, a, bar) {(k), (a), NULL, NULL, (bar), (modes)}
#define KB_END {0, ACT_NONE, NULL, NULL, NULL, 0}

/* ---- rows several screens share ---- */

/* Enter, as Return, Line feed and the keypad's Enter. */
#define KEYS_ENTER_IN(modes, a, help, bar)                                                   \
    KB_BAR_IN(modes, '\r', a, "Enter", help, bar), KB_ALSO('\n', a), KB_ALSO(KEY_ENTER, a)
#define KEYS_ENTER(a, help, bar) KEYS_ENTER_IN(0, a, help, bar)

/* q and Esc: leave. */
#define KEYS_BACK(help, bar) KB_BAR('q', ACT_BACK, "q / Esc", help, bar), KB_ALSO(KEY_ESC, ACT_BACK)

/* Backspace as terminals send it: the key code, DEL, Ctrl-H. name NULL
 * folds it into the row above. */
#define KEYS_BACKSPACE(a, name, help)                                                        \
    KB(KEY_BACKSPACE, a, name, help), KB_ALSO(KEY_DEL, a), KB_ALSO(KEY_CTRL('H'), a)

/* A list or a text that scrolls: j/k and the arrows, a page, the ends. */
#define KEYS_LIST_LINES(down_help, up_help, bar)                                             \
    KB_BAR('j', ACT_DOWN, "j / Down", down_help, bar), KB_ALSO(KEY_DOWN, ACT_DOWN),           \
        KB('k', ACT_UP, "k / Up", up_help), KB_ALSO(KEY_UP, ACT_UP)
#define KEYS_LIST_PAGES                                                                      \
    KB(KEY_NPAGE, ACT_PGDN, "PgDn / Space", "a screen down"), KB_ALSO(' ', ACT_PGDN),        \
        KB(KEY_PPAGE, ACT_PGUP, "PgUp / b", "a screen up"), KB_ALSO('b', ACT_PGUP)
#define KEYS_LIST_ENDS(top_help, bottom_help)                                                \
    KB('g', ACT_TOP, "g / Home", top_help), KB_ALSO(KEY_HOME, ACT_TOP),                      \
        KB('G', ACT_BOTTOM, "G / End", bottom_help), KB_ALSO(KEY_END, ACT_BOTTOM)

/* The arrows with their vi letters (forms and set-up steps). */
#define KEYS_ARROWS(up_help, down_help, left_help, right_help)                               \
    KB(KEY_UP, ACT_UP, "Up / k", up_help), KB_ALSO('k', ACT_UP),                             \
        KB(KEY_DOWN, ACT_DOWN, "Down / j", down_help), KB_ALSO('j', ACT_DOWN),               \
        KB(KEY_LEFT, ACT_LEFT, "Left / h", left_help), KB_ALSO('h', ACT_LEFT),               \
        KB(KEY_RIGHT, ACT_RIGHT, "Right / l", right_help), KB_ALSO('l', ACT_RIGHT)

/* A one-line text field at the bottom (history's filter, the report's
 * export): the editing keys the help lists, `?` left to the text and
 * help on F1. */
#define KEYS_TEXT_LINE                                                                       \
    KB(KEY_BACKSPACE, ACT_NONE, "Backspace", "delete the character before the cursor"),     \
        KB(KEY_CTRL('U'), ACT_NONE, "Ctrl-U", "delete everything before the cursor"),       \
        KB_ALSO('?', ACT_NONE), KB(KEY_F(1), ACT_HELP, "F1", "this help")

/* The one wording of the help key, on every key line and in the title
 * bar: "? help", or "F1 help" where `?` is text or means something else
 * (a text field, the checklist's "explain"). */
#define UI_HELP_BAR "? help"
#define UI_HELP_BAR_F1 "F1 help"

/* The global help key on a key line; it acts as the loop's `?`. */
#define KEYS_HELP_HINT KEYS_HELP_HINT_IN(0)
#define KEYS_HELP_HINT_IN(modes) KB_HINT(modes, '?', ACT_HELP, UI_HELP_BAR)

/* What the title bar says of the help for a screen's key table: the
 * key that opens it there (UI_HELP_BAR, or UI_HELP_BAR_F1 where the
 * table gives `?` another meaning), or NULL where neither key opens it
 * (the help itself). Static strings. */
const char *ui_help_label(const struct keybind *keys);

/* Writes the key line of keys in `mode` (a bit of the screen's modes, 0
 * for a screen without): the bar labels of the rows shown in that mode,
 * in table order, joined by sep. Returns the length it needed (as
 * snprintf); buf is always terminated when len > 0. */
size_t ui_hint_text(const struct keybind *keys, unsigned mode, const char *sep, char *buf,
                    size_t len);

/* Draws that line at (y, x) in width columns (two blanks apart); returns
 * the columns used. */
int ui_hint_line(int y, int x, int width, const struct keybind *keys, unsigned mode,
                 attr_t attr);

#endif
