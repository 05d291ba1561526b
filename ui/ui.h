/* ui: the framework every screen is written against. One loop (app.c)
 * owns wgetch, resize and signals; each screen is a file with a constant
 * ops table, and keys reach it as named actions through the screen's key
 * table, which also produces its `?` help.
 *
 * Layout: row 0 is the title bar, row LINES-1 the status line; a screen
 * draws in rows 1 .. LINES-2 (ui_body_top() .. ui_body_bottom()). */
#ifndef UNKNOT_UI_H
#define UNKNOT_UI_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

struct app;
struct store;

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Named actions. A key table maps keys to them per screen. */
enum action {
    ACT_NONE,
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM,
    ACT_SELECT, ACT_BACK, ACT_QUIT, ACT_HELP,
    ACT_NEW, ACT_EDIT, ACT_END, ACT_DELETE, ACT_FILTER, ACT_HISTORY, ACT_CHECK,
    ACT_STRETCH, ACT_ICE, ACT_HEAT, ACT_REPORT,
    ACT_YES, ACT_NO, ACT_EXPLAIN,
    ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_SAVE, ACT_TOGGLE,
    ACT_VIEW,
    ACT_TIPS,
};

/* One key of a screen: what it does and how `?` describes it. */
struct keybind {
    int key;            /* a character or a KEY_* code */
    enum action act;
    const char *name;   /* "j / Down"; NULL: same action as the row above, not listed */
    const char *help;   /* "move down" */
};

/* A key as wget_wch returned it. */
struct ui_key {
    int is_code; /* 1: a KEY_* code in `code`; 0: a character in `ch` */
    int code;
    wint_t ch;
};

/* What a handler tells the loop, as a bitmask. */
enum ui_ret { UI_OK = 0, UI_POP = 1, UI_QUIT = 2 };

struct screen;

struct screen_ops {
    const char *title;
    const struct keybind *keys; /* terminated by a {0} row */
    /* Called once when pushed; returns 0, or -1 to refuse (status says why). */
    int (*enter)(struct app *app, struct screen *s);
    /* Draws the body; the loop clears, draws bars and refreshes. */
    void (*draw)(struct app *app, struct screen *s);
    /* Handles a key: `act` is the mapped action (ACT_NONE if unmapped). */
    int (*handle)(struct app *app, struct screen *s, const struct ui_key *key,
                  enum action act);
    /* Called when popped; frees s->data. */
    void (*leave)(struct app *app, struct screen *s);
    /* 1 when the screen holds unsaved changes (asked before quitting). */
    int (*dirty)(struct screen *s);
    /* Called when the screen is shown again after the one above it left. */
    void (*resume)(struct app *app, struct screen *s);
    /* Timed screens: how long the loop may wait for a key, in ms (-1: no
     * limit), asked before every wait; then tick runs when the wait ends,
     * key or not. Keypresses never delay a deadline: tick computes from
     * the clock, not from the number of wake-ups. */
    int64_t (*wait_ms)(struct app *app, struct screen *s);
    int (*tick)(struct app *app, struct screen *s);
    /* Called when a signal ends the app, before the screens leave, so a
     * running session can be saved as stopped. */
    void (*shutdown)(struct app *app, struct screen *s);
};

struct screen {
    const struct screen_ops *ops;
    void *data;
};

/* Pushes a screen; data is the screen's own (freed by its leave). Returns
 * 0, or -1 when enter refused (the screen is not pushed, leave is called). */
int app_push(struct app *app, const struct screen_ops *ops, void *data);

struct store *app_store(struct app *app);
int64_t app_now(struct app *app);

/* Milliseconds on CLOCK_BOOTTIME: monotonic, and it keeps counting while a
 * laptop sleeps (so does an ice pack). Never store it: store app_now. */
int64_t app_mono_ms(void);

/* Sets the status line message until the next key. printf-style. */
void app_status(struct app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Asks a yes/no question on the status line and waits for y or n (Esc and
 * n are no). Returns 1 for yes. A signal to quit answers no. */
int app_confirm(struct app *app, const char *question);

/* Colour pairs (with a monochrome attribute when there are no colours). */
enum ui_color { UC_NORMAL, UC_TITLE, UC_MILD, UC_MODERATE, UC_SEVERE, UC_EMERGENCY,
                UC_URGENT, UC_OK, UC_DIM, UC_SELECTED, UC_COUNT };
attr_t ui_attr(enum ui_color c);
attr_t ui_band_attr(int intensity);

int ui_body_top(void);
int ui_body_bottom(void);

/* Draws UTF-8 text at (y, x), clipped to `width` columns; returns columns
 * used. Handles wide characters (CJK) by their display width. */
int ui_put(int y, int x, int width, const char *utf8, attr_t attr);

/* Bytes of s[0 .. len) that fit in width columns: all of them when they
 * fit, else broken after the last blank (space or tab) that fits; a word
 * longer than the line is cut on a character boundary. At least one
 * character when len > 0, so a caller always advances. */
size_t ui_fit_bytes(const char *s, size_t len, int width);

/* Draws UTF-8 text wrapped to `width` columns from row y at column x,
 * never past row last_row. A '\n' starts a new line (an empty one takes a
 * row), blanks at line starts are skipped. Returns the row after the last
 * one drawn (y when nothing was). */
int ui_put_wrapped(int y, int x, int width, int last_row, const char *text, attr_t attr);

/* Rows ui_put_wrapped would use for text at width with no row limit. */
int ui_wrapped_rows(const char *text, int width);

/* printf into ui_put. */
int ui_putf(int y, int x, int width, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Display width of UTF-8 text (columns). */
int ui_width(const char *utf8);

/* 1 when a screen's own table gives '?' another meaning (then F1 helps). */
int ui_question_is_taken(const struct keybind *keys);

/* Looks key up in a screen's table (then the global one). */
enum action ui_key_action(const struct keybind *keys, const struct ui_key *key);

/* Chart pieces (history pictures). A day's peak intensity is 0..10, or -1
 * when no episode covers the day; each band has its own fill character as
 * well as its colour, so the charts read without colour too. */

/* 1 when the locale's character set is UTF-8 (block glyphs), else 0 (ASCII). */
int ui_unicode(void);

/* The fill of a day's peak: no episode "·" (.), 0 "▁" (_), mild "░" (:),
 * moderate "▒" (+), severe "█" (#); ASCII in brackets. Static storage. */
const char *ui_band_fill(int peak);

/* One bar of a bar chart: value of max scaled to `height` rows (rounded up,
 * so a logged 0 or 1 still shows), growing up from row y_base, `width`
 * columns wide, filled and coloured by the value's band. -1 draws nothing. */
void ui_bar_column(int y_base, int x, int width, int height, int value, int max);

/* One day of a calendar heat map: width x height cells at (y, x) filled by
 * the band of peak (an empty day shows one dim dot). marked puts [ ] in
 * the columns either side (the caller leaves them free). label (may be
 * NULL) is written over the start of the first row when it fits. */
void ui_heat_cell(int y, int x, int width, int height, int peak, int marked,
                  const char *label);

/* The legend of the fills, on one row within width; returns columns used. */
int ui_band_legend(int y, int x, int width);

/* A count right-aligned in 4 columns, then a bar of n / max of the rest
 * of width (at least one cell when n > 0). */
void ui_count_bar(int y, int x, int width, int64_t n, int64_t max);

/* Screens. */
extern const struct screen_ops screen_home;
extern const struct screen_ops screen_help;
extern const struct screen_ops screen_tips;

/* Opens the help screen for the keys of `of`. */
int screen_help_open(struct app *app, const struct screen_ops *of);

/* Opens the episode form: id 0 for a new episode, else edits that one.
 * Returns 0, or -1 with the reason on the status line. */
int screen_form_open(struct app *app, int64_t id);

/* Opens the history list / the red-flag checklist. */
int screen_history_open(struct app *app);
int screen_check_open(struct app *app);

/* Opens the history pictures (bar chart, calendar, counts) over the list. */
int screen_charts_open(struct app *app);

/* Opens the appointment report: a scrollable preview of the last 30, 90
 * (first) or 365 days and `x` to export it to a file. Returns 0, or -1
 * with the reason on the status line. */
int screen_report_open(struct app *app);

/* Big block characters for a countdown readable from a metre away: each
 * character is 3 x 5 cells, a cell `scale` rows high and 2 * scale
 * columns wide (terminal cells are about twice as tall as wide), one cell
 * apart. Drawn as reverse-video blanks, so they show on any terminal, with
 * or without colour or Unicode. Knows 0-9, ':', ' ', and D, O, N, E (for
 * "DONE"); anything else is a blank. Draws text with its top-left corner
 * at (y, x), clipped to the screen; returns the columns it spans. */
int ui_bigtext(int y, int x, const char *text, int scale, attr_t attr);
/* Columns and rows ui_bigtext takes for text at scale. */
int ui_bigtext_width(const char *text, int scale);
int ui_bigtext_height(int scale);

/* Opens the guided timer (DESIGN.md, CONTENT.md "Stretch holds", "Ice and
 * heat"): kind "stretch", "ice" or "heat"; routine code or NULL for the
 * first one; hold_s 0 for the routine's own hold, else 5 or 30; minutes 0
 * for the preset's default, else within its allowed range. It opens on a
 * set-up step (guidance, minutes or routine and hold, pain now), then
 * runs, records and rings. Returns 0, or -1 with the reason on the status
 * line (bad arguments, no memory). */
int screen_timer_open(struct app *app, const char *kind, const char *routine, int hold_s,
                      int minutes);

#endif
