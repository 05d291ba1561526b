/* SPDX-License-Identifier: BSD-2-Clause */
/* headless: the real screens on a curses screen over /dev/null, driven by
 * scripted keys and read back as text (ui/headless.h). */
#include "ui/headless.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "ui/app.h"
#include "ui/screens.h"
#include "ui/ui.h"

#define HEADLESS_TERM "xterm-256color"
#define HEADLESS_MAX_KEYS 128
/* Steps of the loop one script may take: far more than its keys need, so
 * a screen that keeps waking the loop is a failure, not a hang. */
#define HEADLESS_MAX_STEPS 4096
/* Seconds a script may run: the screens never sleep here (the clock is
 * fixed, the input is a queue), so only a wait that can never end takes
 * this long. */
#define HEADLESS_WATCHDOG_S 5

struct headless {
    SCREEN *scr;
    FILE *out, *in;
    struct app *app;
    struct app_clock clock;
    int64_t start_s, start_ms; /* the clock at headless_open */
    char *text;                /* the last headless_text */
    char row[2048];            /* the last headless_row */
};

/* The one open headless app (the clock is global). */
static struct headless *current;

struct key_name {
    const char *name;
    int code; /* a KEY_* code, or a character when is_char */
    int is_char;
};

static const struct key_name key_names[] = {
    {"Enter", '\r', 1},      {"Tab", '\t', 1},
    {"Esc", 27, 1},          {"lt", '<', 1},
    {"BTab", KEY_BTAB, 0},   {"Up", KEY_UP, 0},
    {"Down", KEY_DOWN, 0},   {"Left", KEY_LEFT, 0},
    {"Right", KEY_RIGHT, 0}, {"PgUp", KEY_PPAGE, 0},
    {"PgDn", KEY_NPAGE, 0},  {"Home", KEY_HOME, 0},
    {"End", KEY_END, 0},     {"Bksp", KEY_BACKSPACE, 0},
    {"Del", KEY_DC, 0},      {"Resize", KEY_RESIZE, 0},
};

/* One key of a script. */
struct script_key {
    int code;
    int is_char;
};

/* Parses a <Name> at s (after the '<'); returns its length up to and
 * including '>', or 0 when it names no key. */
static size_t parse_name(const char *s, struct script_key *k)
{
    const char *end = strchr(s, '>');
    if (!end)
        return 0;
    size_t len = (size_t)(end - s);
    int n;
    char tail;
    for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
        if (strlen(key_names[i].name) == len && strncmp(s, key_names[i].name, len) == 0) {
            k->code = key_names[i].code;
            k->is_char = key_names[i].is_char;
            return len + 1;
        }
    if (len == 3 && s[0] == 'C' && s[1] == '-' && s[2] >= 'a' && s[2] <= 'z') {
        k->code = s[2] - 'a' + 1;
        k->is_char = 1;
        return len + 1;
    }
    if (sscanf(s, "F%d%c", &n, &tail) == 2 && tail == '>' && n >= 1 && n <= 12) {
        k->code = KEY_F(n);
        k->is_char = 0;
        return len + 1;
    }
    return 0;
}

/* Splits script into keys; returns their number, or -1. */
static int parse_script(const char *script, struct script_key *keys, int max)
{
    mbstate_t mb;
    memset(&mb, 0, sizeof(mb));
    int n = 0;
    for (const char *s = script; *s;) {
        if (n == max)
            return -1;
        size_t used;
        if (*s == '<') {
            used = parse_name(s + 1, &keys[n]);
            if (used == 0)
                return -1;
            used++;
        } else {
            wchar_t wc;
            used = mbrtowc(&wc, s, strlen(s), &mb);
            if (used == 0 || used == (size_t)-1 || used == (size_t)-2)
                return -1;
            keys[n].code = (int)wc;
            keys[n].is_char = 1;
        }
        s += used;
        n++;
    }
    return n;
}

/* A question (app_confirm) reads keys until it gets an answer: when the
 * script ran out first, it would read the empty queue for ever. */
static void on_watchdog(int sig)
{
    static const char msg[] = "headless: the screens still wait for a key after the script "
                              "ended (a question left unanswered?)\n";
    (void)sig;
    ssize_t w = write(STDERR_FILENO, msg, sizeof(msg) - 1);
    (void)w;
    _exit(124);
}

/* Runs the loop until it waits for a key that is not there, then once
 * more: the real loop looks again after a wake-up, and what the last tick
 * changed is drawn. Returns 0, or -1 when the screens never settle. */
static int settle(struct headless *h)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_watchdog;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, &old);
    alarm(HEADLESS_WATCHDOG_S);
    int rc = 0;
    for (int steps = 0; app_running(h->app); steps++) {
        if (steps == HEADLESS_MAX_STEPS) {
            rc = -1;
            break;
        }
        if (app_step(h->app) != 0)
            break;
    }
    if (rc == 0 && app_running(h->app))
        app_step(h->app);
    alarm(0);
    sigaction(SIGALRM, &old, NULL);
    return rc;
}

int headless_keys(struct headless *h, const char *script)
{
    struct script_key keys[HEADLESS_MAX_KEYS];
    int n = parse_script(script, keys, HEADLESS_MAX_KEYS);
    if (n < 0)
        return -1;
    /* ncurses' queue is last in, first out: the last key goes in first. */
    for (int i = n - 1; i >= 0; i--) {
        int r = keys[i].is_char ? unget_wch((wchar_t)keys[i].code) : ungetch(keys[i].code);
        if (r == ERR) {
            flushinp();
            return -1;
        }
    }
    return settle(h);
}

int headless_resize(struct headless *h, int lines, int cols)
{
    if (resizeterm(lines, cols) != OK)
        return -1;
    return settle(h);
}

void headless_advance(struct headless *h, int64_t ms)
{
    h->clock.mono_ms += ms;
    h->clock.now_s = h->start_s + (h->clock.mono_ms - h->start_ms) / 1000;
    settle(h);
}

int64_t headless_wait_ms(struct headless *h)
{
    return app_wait_ms(h->app);
}

/* Reads row y of stdscr with mvwinnstr, the cursor kept where it was. */
const char *headless_row(struct headless *h, int y)
{
    int cy, cx;
    h->row[0] = '\0';
    if (y < 0 || y >= LINES)
        return h->row;
    getyx(stdscr, cy, cx);
    /* winnstr stops some bytes short of n: give it all the room there is. */
    int len = mvwinnstr(stdscr, y, 0, h->row, (int)sizeof(h->row) - 1);
    wmove(stdscr, cy, cx);
    if (len == ERR)
        len = 0;
    h->row[len] = '\0';
    while (len > 0 && h->row[len - 1] == ' ')
        h->row[--len] = '\0';
    return h->row;
}

const char *headless_text(struct headless *h)
{
    size_t size = (size_t)LINES * (sizeof(h->row) + 1) + 1, used = 0;
    char *text = malloc(size);
    if (!text)
        return "";
    for (int y = 0; y < LINES; y++) {
        const char *row = headless_row(h, y);
        size_t len = strlen(row);
        memcpy(text + used, row, len);
        used += len;
        text[used++] = '\n';
    }
    text[used] = '\0';
    free(h->text);
    h->text = text;
    return text;
}

int headless_find(struct headless *h, const char *needle)
{
    for (int y = 0; y < LINES; y++)
        if (strstr(headless_row(h, y), needle))
            return y;
    return -1;
}

unsigned long headless_attr(struct headless *h, int y, int x)
{
    (void)h;
    cchar_t cell;
    attr_t attrs = A_NORMAL;
    short pair = 0;
    wchar_t wch[CCHARW_MAX + 1];
    int cy, cx;
    getyx(stdscr, cy, cx);
    if (mvwin_wch(stdscr, y, x, &cell) == OK && getcchar(&cell, wch, &attrs, &pair, NULL) == OK)
        attrs |= (attr_t)COLOR_PAIR(pair);
    wmove(stdscr, cy, cx);
    return (unsigned long)attrs;
}

int headless_running(const struct headless *h)
{
    return app_running(h->app);
}

struct app *headless_app(struct headless *h)
{
    return h->app;
}

int headless_lines(const struct headless *h)
{
    (void)h;
    return LINES;
}

int headless_cols(const struct headless *h)
{
    (void)h;
    return COLS;
}

/* newterm on /dev/null for both ends, at lines x cols. */
static int curses_open(struct headless *h, int lines, int cols, char *err, size_t errlen)
{
    h->out = fopen("/dev/null", "w");
    h->in = fopen("/dev/null", "r");
    if (!h->out || !h->in) {
        snprintf(err, errlen, "cannot open /dev/null");
        return -1;
    }
    /* The size is ours to set, not the environment's. */
    use_env(FALSE);
    h->scr = newterm(HEADLESS_TERM, h->out, h->in);
    if (!h->scr) {
        snprintf(err, errlen, "newterm(%s) failed: no terminfo entry?", HEADLESS_TERM);
        return -1;
    }
    set_term(h->scr);
    app_curses_modes();
    if (resizeterm(lines, cols) != OK) {
        snprintf(err, errlen, "cannot resize to %dx%d", cols, lines);
        return -1;
    }
    /* resizeterm queued a KEY_RESIZE, as a SIGWINCH does: the loop eats it. */
    return 0;
}

static void curses_close(struct headless *h)
{
    if (h->scr) {
        endwin();
        delscreen(h->scr);
        h->scr = NULL;
    }
    if (h->out)
        fclose(h->out);
    if (h->in)
        fclose(h->in);
    h->out = h->in = NULL;
}

int headless_open(struct headless **out, struct store *st, int lines, int cols, int64_t now_s,
                  int (*open)(struct app *app, void *arg), void *arg, char *err, size_t errlen)
{
    *out = NULL;
    if (current) {
        snprintf(err, errlen, "another headless app is open");
        return -1;
    }
    struct headless *h = calloc(1, sizeof(*h));
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    current = h;
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        snprintf(err, errlen, "no C.UTF-8 locale");
        headless_close(&h);
        return -1;
    }
    h->clock.now_s = h->start_s = now_s;
    h->clock.mono_ms = h->start_ms = 1000000; /* any fixed start: only differences count */
    app_clock_fix(&h->clock);
    if (curses_open(h, lines, cols, err, errlen) != 0 || !(h->app = app_new(st))) {
        if (h->scr && !h->app)
            snprintf(err, errlen, "out of memory");
        headless_close(&h);
        return -1;
    }
    int opened = open ? open(h->app, arg) : app_push(h->app, &screen_home, NULL);
    if (opened != 0) {
        snprintf(err, errlen, "the first screen refused to open");
        headless_close(&h);
        return -1;
    }
    if (settle(h) != 0) {
        snprintf(err, errlen, "the first screen never settles");
        headless_close(&h);
        return -1;
    }
    *out = h;
    return 0;
}

void headless_close(struct headless **h)
{
    if (!*h)
        return;
    app_free(&(*h)->app);
    curses_close(*h);
    free((*h)->text);
    app_clock_fix(NULL);
    if (current == *h)
        current = NULL;
    free(*h);
    *h = NULL;
}
