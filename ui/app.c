/* SPDX-License-Identifier: BSD-2-Clause */
/* app: curses set-up and teardown, colours, signals, the screen stack and
 * the one event loop. */
#include "ui/app.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "src/episode.h"
#include "ui/keys.h"
#include "ui/textfield.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define STACK_MAX 8
#define ESC_DELAY_MS 25

struct app {
    struct store *st;
    struct screen stack[STACK_MAX];
    int depth;
    char status[256];
    int quit;
};

/* Set by the handlers, read by the loop: nothing else is safe in a handler. */
static volatile sig_atomic_t got_signal;

static attr_t color_attrs[UC_COUNT];

static void on_signal(int sig)
{
    got_signal = sig;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a signal must wake wget_wch so the loop sees it. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void init_colors(void)
{
    static const struct { short fg; attr_t mono; } spec[UC_COUNT] = {
        [UC_NORMAL] = {-1, A_NORMAL},     [UC_TITLE] = {COLOR_WHITE, A_REVERSE},
        [UC_MILD] = {COLOR_GREEN, A_NORMAL}, [UC_MODERATE] = {COLOR_YELLOW, A_BOLD},
        [UC_SEVERE] = {COLOR_RED, A_BOLD},   [UC_EMERGENCY] = {COLOR_WHITE, A_REVERSE | A_BOLD},
        [UC_URGENT] = {COLOR_RED, A_BOLD | A_UNDERLINE}, [UC_OK] = {COLOR_GREEN, A_NORMAL},
        [UC_DIM] = {-1, A_DIM},           [UC_SELECTED] = {-1, A_REVERSE},
    };
    /* no-color.org: NO_COLOR present and not empty turns colour off. */
    const char *no_color = getenv("NO_COLOR");
    int use_color = has_colors() && (no_color == NULL || no_color[0] == '\0');
    if (use_color) {
        start_color();
        use_default_colors();
    }
    for (int i = 0; i < UC_COUNT; i++) {
        color_attrs[i] = spec[i].mono;
        if (!use_color || spec[i].fg < 0 || i == UC_SELECTED)
            continue;
        short bg = (i == UC_TITLE || i == UC_EMERGENCY) ? COLOR_BLUE : -1;
        if (i == UC_EMERGENCY)
            bg = COLOR_RED;
        init_pair((short)i, spec[i].fg, bg);
        color_attrs[i] = COLOR_PAIR(i) | (spec[i].mono & (A_BOLD | A_UNDERLINE));
    }
}

attr_t ui_attr(enum ui_color c)
{
    return (unsigned)c < UC_COUNT ? color_attrs[c] : A_NORMAL;
}

attr_t ui_band_attr(int intensity)
{
    switch (intensity_band(intensity)) {
    case BAND_SEVERE: return ui_attr(UC_SEVERE);
    case BAND_MODERATE: return ui_attr(UC_MODERATE);
    case BAND_MILD: return ui_attr(UC_MILD);
    case BAND_NONE: break;
    }
    return ui_attr(UC_NORMAL);
}

int ui_body_top(void)
{
    return 1;
}

int ui_body_bottom(void)
{
    return LINES - 2;
}

struct store *app_store(struct app *app)
{
    return app->st;
}

/* NULL in the program; the headless tests fix the clock (app_clock_fix). */
static const struct app_clock *fixed_clock;

void app_clock_fix(const struct app_clock *clock)
{
    fixed_clock = clock;
}

/* One clock for both: time() may lag CLOCK_REALTIME by a tick, and a
 * screen that wakes at a boundary in ms must then draw the new second. */
int64_t app_now_ms(struct app *app)
{
    (void)app;
    if (fixed_clock)
        return fixed_clock->now_s * 1000;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return (int64_t)time(NULL) * 1000;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t app_now(struct app *app)
{
    if (fixed_clock)
        return fixed_clock->now_s;
    return app_now_ms(app) / 1000; /* after 1970: rounded down */
}

int64_t app_mono_ms(void)
{
    if (fixed_clock)
        return fixed_clock->mono_ms;
    struct timespec ts;
    /* CLOCK_BOOTTIME is Linux's; elsewhere (and on kernels that refuse it)
     * the monotonic clock, which may pause over a suspend. */
#ifdef CLOCK_BOOTTIME
    if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
#endif
        clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_status(struct app *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof(app->status), fmt, ap);
    va_end(ap);
}

static struct screen *top(struct app *app)
{
    return app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
}

int app_on_top(const struct app *app, const struct screen *s)
{
    return app->depth > 0 && s == &app->stack[app->depth - 1];
}

void *app_alloc(struct app *app, size_t size)
{
    void *p = calloc(1, size);
    if (!p)
        app_status(app, "Out of memory");
    return p;
}

int app_handle_back(struct app *app, struct screen *s, const struct ui_key *key,
                    enum action act)
{
    (void)app;
    (void)s;
    (void)key;
    return act == ACT_BACK ? UI_POP : UI_OK;
}

/* A screen's own leave, or by default freeing its one block of data. */
static void leave(struct app *app, struct screen *s)
{
    if (s->ops->leave) {
        s->ops->leave(app, s);
        return;
    }
    free(s->data);
    s->data = NULL;
}

int app_push(struct app *app, const struct screen_ops *ops, void *data)
{
    if (app->depth >= STACK_MAX) {
        app_status(app, "Too many screens open: go back first");
        struct screen s = {ops, data};
        leave(app, &s);
        return -1;
    }
    struct screen *s = &app->stack[app->depth];
    s->ops = ops;
    s->data = data;
    if (ops->enter && ops->enter(app, s) != 0) {
        leave(app, s);
        return -1;
    }
    app->depth++;
    return 0;
}

static void pop(struct app *app)
{
    struct screen *s = top(app);
    if (!s)
        return;
    leave(app, s);
    app->depth--;
    s = top(app);
    if (s && s->ops->resume)
        s->ops->resume(app, s);
}

/* Removes the screen at index at. The top one leaves as pop does; one
 * under it has pushed the screen above and handed over to it, which
 * stays on top as it is (it was just pushed: nothing to resume). */
static void pop_at(struct app *app, int at)
{
    if (at < 0 || at >= app->depth)
        return;
    if (at == app->depth - 1) {
        pop(app);
        return;
    }
    leave(app, &app->stack[at]);
    memmove(&app->stack[at], &app->stack[at + 1],
            (size_t)(app->depth - at - 1) * sizeof(app->stack[0]));
    app->depth--;
}

/* The smallest size the top screen is drawn at. */
static void min_size(const struct app *app, int *cols, int *lines)
{
    const struct screen *s = app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
    *cols = s && s->ops->min_cols ? s->ops->min_cols : UI_MIN_COLS;
    *lines = s && s->ops->min_lines ? s->ops->min_lines : UI_MIN_LINES;
}

static int too_small(const struct app *app)
{
    int cols, lines;
    min_size(app, &cols, &lines);
    return COLS < cols || LINES < lines;
}

static void draw_too_small(const struct app *app)
{
    int cols, lines;
    min_size(app, &cols, &lines);
    ui_putf(0, 0, COLS, A_NORMAL, "terminal too small: %dx%d", COLS, LINES);
    ui_putf(1, 0, COLS, A_NORMAL, "this screen needs %dx%d", cols, lines);
    ui_put(2, 0, COLS, "Ctrl-C quits", A_NORMAL);
}

static void draw_bars(struct app *app, const struct screen *s)
{
    attr_t title = ui_attr(UC_TITLE);
    attron(title);
    mvhline(0, 0, ' ', COLS);
    attroff(title);
    ui_putf(0, 1, COLS - 2, title, "unknot  %s", ui_screen_title(s));
    const char *help = ui_help_label(ui_screen_keys(s));
    if (help)
        ui_put(0, COLS - 15, 14, help, title);
    move(LINES - 1, 0);
    clrtoeol();
    ui_put(LINES - 1, 0, COLS, app->status, A_BOLD);
}

static void draw(struct app *app)
{
    struct screen *s = top(app);
    erase();
    if (too_small(app)) {
        draw_too_small(app);
    } else if (s) {
        s->ops->draw(app, s);
        draw_bars(app, s);
    }
    refresh();
}

const char *ui_screen_title(const struct screen *s)
{
    return s->ops->mode ? s->ops->mode(s)->title : s->ops->title;
}

const struct keybind *ui_screen_keys(const struct screen *s)
{
    return s->ops->mode ? s->ops->mode(s)->keys : s->ops->keys;
}

enum action ui_key_action(const struct keybind *keys, const struct ui_key *key)
{
    static const struct keybind global[] = {
        KB('?', ACT_HELP, "?", "this help"),
        KB_ALSO(KEY_F(1), ACT_HELP),
        KB_END,
    };
    int k = key->is_code ? key->code : (int)key->ch;
    for (const struct keybind *b = keys; b && b->key; b++)
        if (b->key == k)
            return b->act;
    for (const struct keybind *b = global; b->key; b++)
        if (b->key == k)
            return b->act;
    return ACT_NONE;
}

/* Reads one key; returns 0 and fills *key, or -1 when interrupted. */
static int read_key(struct ui_key *key)
{
    wint_t wch;
    int r = wget_wch(stdscr, &wch);
    if (r == ERR)
        return -1;
    key->is_code = r == KEY_CODE_YES;
    key->code = key->is_code ? (int)wch : 0;
    key->ch = key->is_code ? 0 : wch;
    return 0;
}


/* The terminal changed size: the top screen reads what the new size
 * shows before the next draw. */
static void resized(struct app *app)
{
    struct screen *s = top(app);
    if (s && s->ops->resize)
        s->ops->resize(app, s);
}

/* Reads the next key of a question asked on the status line (drawn by
 * show(arg)): 0 with it, -1 when a signal to quit ends the question. A
 * resize redraws the screen behind it and asks again. */
static int question_key(struct app *app, void (*show)(void *arg), void *arg, struct ui_key *key)
{
    for (;;) {
        show(arg);
        refresh();
        if (read_key(key) != 0) {
            if (got_signal && got_signal != SIGINT)
                return -1;
            continue;
        }
        if (key->is_code && key->code == KEY_RESIZE) {
            resized(app);
            draw(app); /* the screen behind the question, at its new size */
            continue;
        }
        return 0;
    }
}

struct choice {
    const char *msg, *question;
};

/* msg (NULL or "": none) on the row above the question. */
static void show_msg(const char *msg, attr_t attr)
{
    if (!msg || !*msg)
        return;
    move(LINES - 2, 0);
    clrtoeol();
    ui_put(LINES - 2, 0, COLS, msg, attr);
}

static void show_choice(void *arg)
{
    const struct choice *c = arg;
    show_msg(c->msg, A_BOLD);
    move(LINES - 1, 0);
    clrtoeol();
    ui_putf(LINES - 1, 0, COLS, A_BOLD, "%s", c->question);
}

static int is_enter(const struct ui_key *key)
{
    return key->is_code ? key->code == KEY_ENTER : key->ch == '\r' || key->ch == '\n';
}

int app_choose(struct app *app, const char *msg, const char *question, const char *choices)
{
    struct choice c = {msg, question};
    struct ui_key key;
    while (question_key(app, show_choice, &c, &key) == 0) {
        if (is_enter(&key))
            key.ch = '\n';
        else if (key.is_code)
            continue;
        if (key.ch == KEY_ESC)
            return 0;
        wint_t ch = key.ch >= 'A' && key.ch <= 'Z' ? key.ch - 'A' + 'a' : key.ch;
        if (ch != 0 && ch < 128 && strchr(choices, (int)ch))
            return (int)ch;
    }
    return 0;
}

int app_confirm(struct app *app, const char *question)
{
    char q[300];
    snprintf(q, sizeof(q), "%s [y/n]", question);
    return app_choose(app, NULL, q, "yn") == 'y';
}

struct prompt {
    const char *prompt, *msg;
    struct textfield *tf;
};

static void show_prompt(void *arg)
{
    const struct prompt *p = arg;
    int x = ui_width(p->prompt) + 1;
    show_msg(p->msg, ui_attr(UC_SEVERE) | A_BOLD);
    move(LINES - 1, 0);
    clrtoeol();
    ui_put(LINES - 1, 0, COLS, p->prompt, A_BOLD);
    if (x < COLS)
        textfield_draw(p->tf, LINES - 1, x, COLS - x, A_UNDERLINE, 1);
}

int app_prompt(struct app *app, const char *prompt, const char *msg, char *buf, size_t len)
{
    struct textfield tf;
    textfield_init(&tf, len - 1);
    struct prompt p = {prompt, msg, &tf};
    struct ui_key key;
    int rc = textfield_set(&tf, buf) == 0 ? -1 : 0;
    while (rc < 0 && question_key(app, show_prompt, &p, &key) == 0) {
        if (!key.is_code && key.ch == KEY_ESC)
            rc = 0;
        else if (is_enter(&key))
            rc = 1;
        else
            (void)textfield_key(&tf, &key);
    }
    if (rc == 1)
        textfield_get(&tf, buf, len);
    textfield_free(&tf);
    return rc == 1;
}

/* Applies one key to the digits typed so far: 1 when Enter ends the
 * answer, -1 when Esc gives it up, 0 to read on. */
static int number_key(const struct ui_key *key, char *buf, size_t *n, size_t max)
{
    if (key->is_code) {
        if (key->code == KEY_BACKSPACE && *n > 0)
            buf[--*n] = '\0';
        return key->code == KEY_ENTER ? 1 : 0;
    }
    if (key->ch == KEY_ESC)
        return -1;
    if (key->ch == '\r' || key->ch == '\n')
        return 1;
    if ((key->ch == KEY_DEL || key->ch == KEY_CTRL('H')) && *n > 0)
        buf[--*n] = '\0';
    else if (key->ch >= '0' && key->ch <= '9' && *n < max)
        buf[(*n)++] = (char)key->ch, buf[*n] = '\0';
    return 0;
}

struct number_question {
    const char *question;
    const char *digits;
};

static void show_number(void *arg)
{
    const struct number_question *q = arg;
    move(LINES - 1, 0);
    clrtoeol();
    ui_putf(LINES - 1, 0, COLS, A_BOLD, "%s %s", q->question, q->digits);
}

int app_ask_number(struct app *app, const char *question, int64_t *out)
{
    char buf[8] = "";
    size_t n = 0;
    struct number_question q = {question, buf};
    struct ui_key key;
    while (question_key(app, show_number, &q, &key) == 0) {
        int r = number_key(&key, buf, &n, 6);
        if (r < 0 || (r > 0 && n == 0))
            return -1;
        if (r > 0) {
            *out = strtoll(buf, NULL, 10);
            return 0;
        }
    }
    return -1;
}

/* A signal arrived: SIGINT asks when there are unsaved changes; SIGTERM
 * and SIGHUP leave at once (what is saved is committed already). */
static void handle_signal(struct app *app)
{
    int sig = got_signal;
    got_signal = 0;
    if (sig != SIGINT) {
        app->quit = 1;
        return;
    }
    struct screen *s = top(app);
    if (s && s->ops->dirty && s->ops->dirty(s) &&
        !app_confirm(app, "Quit and lose the changes on this screen?")) {
        app_status(app, "Not quit.");
        return;
    }
    app->quit = 1;
}

static void dispatch(struct app *app, const struct ui_key *key)
{
    struct screen *s = top(app);
    int at = app->depth - 1;
    enum action act = ui_key_action(ui_screen_keys(s), key);
    app->status[0] = '\0';
    int r = s->ops->handle(app, s, key, act);
    if (r == UI_OK && act == ACT_HELP) {
        screen_help_open(app, s);
        return;
    }
    if (r & UI_QUIT)
        app->quit = 1;
    else if (r & UI_POP)
        pop_at(app, at); /* the screen that handled the key, not one it opened */
}

/* The timed screen nearest the top: help opened over a running timer
 * must not silence its bell or stop its checkpoints. */
static struct screen *timed(struct app *app)
{
    for (int i = app->depth - 1; i >= 0; i--)
        if (app->stack[i].ops->wait_ms || app->stack[i].ops->tick)
            return &app->stack[i];
    return NULL;
}

/* Waits for a key no longer than the timed screen allows, then lets it
 * catch up with the clock. Returns 0 with a key, -1 without. */
int64_t app_wait_ms(struct app *app)
{
    struct screen *s = timed(app);
    return s && s->ops->wait_ms ? s->ops->wait_ms(app, s) : -1;
}

static int wait_key(struct app *app, struct ui_key *key)
{
    struct screen *s = timed(app);
    int64_t ms = app_wait_ms(app);
    timeout(ms < 0 ? -1 : ms > INT32_MAX ? INT32_MAX : (int)ms);
    int r = read_key(key);
    if (s && s->ops->tick) {
        int t = s->ops->tick(app, s);
        if (t & UI_QUIT)
            app->quit = 1;
        else if ((t & UI_POP) && s == top(app))
            pop(app);
    }
    return r;
}

int app_running(const struct app *app)
{
    return !app->quit && app->depth > 0;
}

int app_step(struct app *app)
{
    if (got_signal) {
        handle_signal(app);
        return 0;
    }
    draw(app);
    struct ui_key key;
    if (wait_key(app, &key) != 0)
        return -1; /* a signal, a timeout, or nothing: look again */
    if (app->quit || app->depth == 0)
        return 0;
    if (key.is_code && key.code == KEY_RESIZE) {
        resized(app);
        return 0; /* the next draw uses the new size */
    }
    /* Keys wait for a usable size: a q typed into a narrowed pane must
     * not drop a half-filled form. Ctrl-C still quits (asking first). */
    if (too_small(app))
        return 0;
    dispatch(app, &key);
    return 0;
}

static void loop(struct app *app)
{
    while (app_running(app))
        app_step(app);
}

/* cbreak() keeps IXON, so Ctrl-S (save in the form) would stop the output
 * instead of reaching the app. ncurses restores the shell's modes at
 * endwin; def_prog_mode makes ours survive a suspend (Ctrl-Z, fg). */
static void no_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0)
        return;
    t.c_iflag &= ~(tcflag_t)IXON;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
        def_prog_mode();
}

void app_curses_modes(void)
{
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Terminals without kcbt (vt100) still send CSI Z for Shift-Tab; unmapped,
     * it would arrive as Esc (leave the screen), '[', 'Z'. */
    if (key_defined("\033[Z") == 0)
        define_key("\033[Z", KEY_BTAB);
    set_escdelay(ESC_DELAY_MS);
    curs_set(0);
    init_colors();
}

static void curses_start(void)
{
    initscr();
    app_curses_modes();
    no_flow_control();
    install_signals();
}

/* Lets each screen save what runs (shutdown), then pops them all. */
static void teardown(struct app *app)
{
    for (int i = app->depth - 1; i >= 0; i--)
        if (app->stack[i].ops->shutdown)
            app->stack[i].ops->shutdown(app, &app->stack[i]);
    while (app->depth > 0)
        pop(app);
}

struct app *app_new(struct store *st)
{
    struct app *app = calloc(1, sizeof(*app));
    if (app)
        app->st = st;
    return app;
}

void app_free(struct app **app)
{
    if (!*app)
        return;
    teardown(*app);
    free(*app);
    *app = NULL;
}

int ui_run_with(const char *db_path, int (*open)(struct app *app, void *arg), void *arg)
{
    char err[STORE_ERR_LEN];
    struct app app;
    memset(&app, 0, sizeof(app));
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "unknot: the full-screen app needs a terminal; "
                        "see unknot --help for the commands\n");
        return 1;
    }
    if (store_open(&app.st, db_path, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "unknot: %s\n", err);
        return 1;
    }
    setlocale(LC_ALL, "");
    curses_start();
    int opened = open ? open(&app, arg) : app_push(&app, &screen_home, NULL);
    if (opened == 0)
        loop(&app);
    teardown(&app);
    endwin();
    store_close(&app.st);
    if (opened != 0) {
        fprintf(stderr, "unknot: %s\n", app.status[0] ? app.status : "nothing to show");
        return 1;
    }
    return 0;
}

int ui_run(const char *db_path)
{
    return ui_run_with(db_path, NULL, NULL);
}
