/* SPDX-License-Identifier: BSD-2-Clause */
/* timer: the guided stretch, ice and heat timer. Three steps on one
 * screen: set-up (guidance, routine and hold or minutes, pain now), the
 * countdown, and the end (pain now, again).
 *
 * src/timer.c counts, on app_mono_ms() (CLOCK_BOOTTIME); this file only
 * asks it. The loop sleeps in wgetch for wait_ms(): until the shown second
 * changes or a checkpoint is due, whichever is first, so there is no busy
 * loop, and tick() catches up with the clock however late it wakes.
 *
 * Recording (DESIGN.md "Behaviour that must hold"): the session row is
 * written before the countdown starts, its elapsed time checkpointed every
 * CHECKPOINT_MS (while paused too, so a live session never looks stale to
 * another unknot), and it ends "done" or "stopped"; on a signal the
 * shutdown hook ends it "stopped". */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/store.h"
#include "src/app/config.h"
#include "src/app/cue_run.h"
#include "src/app/history.h"
#include "src/app/routines_load.h"
#include "src/episode.h"
#include "src/flags.h"
#include "src/gate.h"
#include "src/routines.h"
#include "src/timer.h"
#include "src/util.h"
#include "ui/app.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

/* DESIGN.md asks for at least every 10 s; half that keeps the promise when
 * a wake-up comes late or one write fails. */
#define CHECKPOINT_MS 5000
/* A checkpoint or end another writer (an import) kept out, or a full disk
 * refused, is tried again this soon: at the next second's tick. */
#define RETRY_MS 1000
#define MS_PER_S 1000
#define BAR_COLS 60
#define BIG_SCALE_LINES 30 /* from this many lines the digits double in size */
#define RUN_GAP_LINES 24 /* below this many lines the countdown drops its blank rows */
#define CUE_REAP_MS 1000   /* while a cue command runs, look for its end this often */

enum phase { PH_SETUP, PH_RUN, PH_END };

struct tmr {
    enum phase phase;
    enum session_kind kind;
    int is_stretch;
    enum therapy_kind therapy; /* ice or heat, when !is_stretch */
    /* set-up */
    struct routine_lib lib; /* built-in and own; the region's first aid first */
    int region;             /* of the ongoing (else latest) episode, -1: none */
    size_t routine;         /* index into lib */
    int hold_s;             /* the 5-s/30-s switch: 5, 30, or 0 for as the file says */
    int minutes;
    char pain[3]; /* digits typed: pain now, before and then after; "" skips */
    struct therapy_suggestion advice;
    struct gate gate;                 /* what must be said before it starts */
    char severe[FLAG_LINE_MAX];       /* the severe-and-not-easing advice the gate shows */
    /* running */
    struct timer_plan plan; /* the set-up's preview until the start */
    struct timer t;
    struct session ses;
    int64_t last_ckpt; /* app_mono_ms() of the last checkpoint */
    int asking_stop;   /* q was pressed: y stops, anything else goes on */
    struct cue_run cues; /* cue commands not reaped yet */
    /* end */
    enum session_status end_status; /* done or stopped once the session ended */
    int64_t end_elapsed_s;
    int64_t end_at;    /* app_now() of the end, kept for the retries */
    int64_t end_retry; /* app_mono_ms() of the next try while not saved */
    int saved; /* the end reached the database */
    int gone;  /* its row is gone or ended elsewhere: no retry can save it */
    /* after the pain: "Did any exercise make it worse?" (a stretch routine) */
    int asking_worse;
    char worse[24]; /* the numbers typed: "2", "1 3"; "" is none */
    char err[STORE_ERR_LEN];
};

/* Modes of the key line: the set-up of a stretch or of ice and heat, the
 * countdown running or paused (M_SKIPS: with a step n can skip to), the
 * end. */
enum { M_STRETCH = 1, M_THERAPY = 2, M_RUN = 4, M_PAUSED = 8, M_END = 16, M_WORSE = 32,
       M_SKIPS = 64, M_SETUP = M_STRETCH | M_THERAPY };

static const struct keybind timer_keys[] = {
    KEYS_ENTER_IN(M_SETUP, ACT_SELECT,
                  "start; at the end, save the pain, then the exercises that made it worse "
                  "(empty skips)",
                  "Enter start"),
    KEYS_ARROWS("set-up: previous routine", "set-up: next routine",
                "set-up: fewer minutes, or 5-second holds",
                "set-up: more minutes, or 30-second holds"),
    KB_HINT(M_STRETCH, KEY_UP, ACT_UP, "Up/Down routine"),
    KB_HINT(M_STRETCH, KEY_LEFT, ACT_LEFT, "Left/Right hold"),
    KB_HINT(M_THERAPY, KEY_LEFT, ACT_LEFT, "Left/Right minutes"),
    KB_BAR_IN(M_STRETCH, '0', ACT_NONE, "0-9", "type the pain now, 0 to 10 (before and after)",
              "0-9 pain"),
    KB_HINT(M_THERAPY | M_END, '0', ACT_NONE, "0-9 pain now"),
    KB_HINT(M_END, '\r', ACT_SELECT, "Enter save, q save and leave"),
    KB_HINT(M_WORSE, '0', ACT_NONE, "0-9 exercise number (1 3: two)"),
    KB_HINT(M_WORSE, '\r', ACT_SELECT, "Enter save (empty: none)"),
    KB_BAR_IN(M_SETUP, 'd', ACT_RELIEF, "d",
              "set-up: log relief done without the timer (kind, minutes, pain)", "d done"),
    KEYS_BACKSPACE(ACT_DELETE, "Backspace", "erase a digit of the pain"),
    KB_BAR_IN(M_RUN, ' ', ACT_TOGGLE, "Space", "pause or resume the countdown", "Space pause"),
    KB_HINT(M_PAUSED, ' ', ACT_TOGGLE, "Space resume"),
    KB_BAR_IN(M_SKIPS, 'n', ACT_NEXT_FIELD, "n",
              "skip to the next step (when asked to stop: no)", "n skip"),
    KB('y', ACT_YES, "y", "yes, stop the session (when asked)"),
    KB_ALSO('Y', ACT_YES),
    KB_ALSO('N', ACT_NO),
    KB_BAR_IN(M_SETUP, 'q', ACT_BACK, "q / Esc", "stop the session (asks first), or leave",
              "q back"),
    KB_ALSO(KEY_ESC, ACT_BACK),
    KB_HINT(M_RUN | M_PAUSED, 'q', ACT_BACK, "q stop"),
    KEYS_HELP_HINT_IN(M_THERAPY | M_RUN | M_PAUSED),
    KB_END,
};

/* ---- small helpers ---- */

static int pain_value(const char *pain)
{
    return pain[0] ? atoi(pain) : SESSION_PAIN_NONE;
}

/* Adds a typed digit to the pain, refusing anything past 10 or a leading
 * zero (so what shows is what is stored). */
static void pain_type(struct app *app, char *pain, wint_t ch)
{
    size_t n = strlen(pain);
    char next[4];
    snprintf(next, sizeof(next), "%s%c", pain, (char)ch);
    if (n >= 2 || (n == 1 && pain[0] == '0') || atoi(next) > EPISODE_INTENSITY_MAX) {
        app_status(app, "Pain is 0 to 10: Backspace erases a digit.");
        return;
    }
    memcpy(pain, next, n + 2);
}

static void pain_erase(char *pain)
{
    size_t n = strlen(pain);
    if (n)
        pain[n - 1] = '\0';
}

static const struct routine *current_routine(const struct tmr *m)
{
    return &m->lib.items[m->routine < m->lib.n ? m->routine : 0];
}

static const struct therapy_preset *preset(const struct tmr *m)
{
    return therapy_preset(m->therapy);
}

/* Rebuilds the plan the set-up shows (and the start will run). */
static void preview(struct app *app, struct tmr *m)
{
    char err[128];
    int rc;
    if (m->is_stretch) {
        rc = timer_plan_routine(&m->plan, current_routine(m), m->hold_s, err, sizeof(err));
        if (rc == 0)
            (void)timer_plan_count_in(&m->plan); /* -1: no hold to count in, or full */
    } else
        rc = timer_plan_single(&m->plan, m->therapy, (int64_t)m->minutes * 60, err, sizeof(err));
    if (rc != 0)
        app_status(app, "%s", err);
}

/* The advice of the severe-and-not-easing flag into m->severe, or "". */
static int load_severe(struct app *app, struct tmr *m)
{
    struct flags *f = malloc(sizeof(*f)); /* too big for the stack of a callback */
    int rc = f ? history_flags(app_store(app), app_now(app), f, m->err, sizeof(m->err))
               : STORE_ERROR;
    m->severe[0] = '\0';
    for (size_t i = 0; rc == STORE_OK && i < flags_count(f); i++)
        if (flags_at(f, i)->kind == FLAG_SEVERE_NOT_EASING)
            snprintf(m->severe, sizeof(m->severe), "%s", flags_at(f, i)->advice);
    free(f);
    return rc;
}

/* The gate (src/gate.h): the warning in force, the ongoing episode's
 * nerve signs, the severe flag. A failure to read says so and gates as if
 * an emergency were in force: a sign must never be missed for an error. */
static void load_gate(struct app *app, struct tmr *m, const struct episode *latest)
{
    struct warnsign_state w;
    struct gate_facts facts = {REDFLAG_CLEAR, 0, NULL};
    int rc = history_warning(app_store(app), app_now(app), &w, m->err, sizeof(m->err));
    if (rc == STORE_OK)
        rc = load_severe(app, m);
    if (rc != STORE_OK) {
        app_status(app, "Could not read the warning signs: %s", m->err);
        facts.level = REDFLAG_EMERGENCY;
    } else {
        facts.level = w.level;
    }
    facts.nerve = latest && gate_nerve_episode(latest);
    facts.severe_advice = m->severe;
    gate_build(m->kind, &facts, &m->gate);
}

/* The guidance: age of the ongoing (else the latest) episode, the end of
 * the last ice session and the gate, read once when the screen opens. */
static void load_advice(struct app *app, struct tmr *m)
{
    struct store *st = app_store(app);
    int64_t now = app_now(app), age = -1, since_ice = -1, ice_end;
    struct episode *ep = malloc(sizeof(*ep));
    int rc = ep ? history_latest_episode(st, ep, m->err, sizeof(m->err)) : STORE_ERROR;
    m->region = -1;
    if (rc == STORE_OK) {
        age = now - ep->started_at;
        m->region = (int)ep->region;
    }
    int irc = store_session_last_ice_end(st, &ice_end, m->err, sizeof(m->err));
    if (irc == STORE_OK)
        since_ice = now - ice_end < 0 ? 0 : now - ice_end;
    if ((rc != STORE_OK && rc != STORE_NOT_FOUND) || (irc != STORE_OK && irc != STORE_NOT_FOUND))
        app_status(app, "Could not read the history for advice: %s", m->err);
    therapy_suggest(age, since_ice, &m->advice);
    load_gate(app, m, rc == STORE_OK ? ep : NULL);
    free(ep);
}

/* ---- recording ---- */

/* Never holds up the countdown: the store waits only a moment for another
 * writer, and a missed checkpoint is tried again at the next tick. */
static void checkpoint(struct app *app, struct tmr *m, int64_t now)
{
    char err[STORE_ERR_LEN];
    m->last_ckpt = now;
    int rc = store_session_checkpoint(app_store(app), m->ses.id,
                                      timer_elapsed_ms(&m->t, now) / MS_PER_S, app_now(app), err,
                                      sizeof(err));
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        return;
    m->last_ckpt = now - CHECKPOINT_MS + RETRY_MS; /* not at once: no busy loop */
    if (rc != STORE_BUSY) /* another writer: nothing to say, it passes */
        app_status(app, "Could not save the session's time (trying again): %s", err);
}

/* Writes the end decided in end_session(); on failure (another writer past
 * the store's short wait, a full disk) it is tried again every RETRY_MS
 * until it lands or the user leaves. */
static void save_end(struct app *app, struct tmr *m)
{
    int rc = store_session_finish(app_store(app), m->ses.id, m->end_status, m->end_elapsed_s,
                                  m->end_at, SESSION_PAIN_NONE, m->err, sizeof(m->err));
    m->saved = rc == STORE_OK;
    m->gone = rc == STORE_NOT_FOUND;
    m->end_retry = app_mono_ms() + RETRY_MS;
}

/* An end not saved yet that a retry may still save. */
static int end_pending(const struct tmr *m)
{
    return m->phase == PH_END && !m->saved && !m->gone;
}

/* Ends the session as status (done or stopped) once; the timer is
 * finished or stopped already. */
static void end_session(struct app *app, struct tmr *m, enum session_status status, int64_t now)
{
    if (m->phase != PH_RUN)
        return;
    m->phase = PH_END;
    m->asking_stop = 0;
    m->end_status = status;
    m->end_elapsed_s = timer_elapsed_ms(&m->t, now) / MS_PER_S;
    m->end_at = app_now(app);
    save_end(app, m);
    if (!m->saved)
        app_status(app, "Could not save the end of the session (trying again): %s", m->err);
}

static void stop_now(struct app *app, struct tmr *m)
{
    int64_t now = app_mono_ms();
    if (m->phase != PH_RUN)
        return;
    if (timer_stop(&m->t, now) != 0 && timer_state(&m->t, now) == TIMER_FINISHED) {
        end_session(app, m, SESSION_DONE, now); /* it ended just before the stop */
        return;
    }
    end_session(app, m, SESSION_STOPPED, now);
}

static void start(struct app *app, struct tmr *m)
{
    struct session *s = &m->ses;
    preview(app, m);
    if (m->plan.nsteps == 0)
        return; /* preview said why */
    memset(s, 0, sizeof(*s));
    s->kind = m->kind;
    snprintf(s->routine, sizeof(s->routine), "%s", m->plan.routine_code);
    s->hold_s = m->plan.hold_s;
    s->planned_s = (timer_total_ms(&m->plan) + MS_PER_S - 1) / MS_PER_S;
    s->started_at = app_now(app);
    s->pain_before = pain_value(m->pain);
    s->pain_after = SESSION_PAIN_NONE;
    if (store_session_start(app_store(app), s, (int64_t)getpid(), m->err, sizeof(m->err)) !=
        STORE_OK) {
        app_status(app, "Not started: %s", m->err);
        return;
    }
    /* The clock starts after the write: the user loses no time to it. */
    int64_t now = app_mono_ms();
    m->phase = PH_RUN;
    m->last_ckpt = now;
    m->pain[0] = '\0';
    if (timer_start(&m->t, &m->plan, now) != 0) {
        end_session(app, m, SESSION_STOPPED, now);
        app_status(app, "This plan cannot run.");
    }
}

/* Enter on the set-up: under an emergency only an explicit yes starts. */
static void start_asked(struct app *app, struct tmr *m)
{
    if (m->gate.confirm && !app_confirm(app, GATE_CONFIRM_QUESTION)) {
        app_status(app, "Not started. Seek emergency care now.");
        return;
    }
    start(app, m);
}

/* ---- drawing: shared ---- */

static int text_cols(void)
{
    return COLS - 4;
}

static void draw_pain(int y, const char *label, const char *pain)
{
    int x = 2 + ui_putf(y, 2, text_cols(), A_NORMAL, "%s ", label);
    x += ui_putf(y, x, 6, A_REVERSE | A_BOLD, " %-2s ", pain);
    if (pain[0]) {
        int v = atoi(pain);
        ui_putf(y, x + 2, COLS - x - 4, ui_band_attr(v), "%s", band_label(intensity_band(v)));
    }
}

static void draw_hints(unsigned mode)
{
    ui_hint_line(ui_body_bottom() - 2, 2, text_cols(), timer_keys, mode, A_BOLD);
}

/* Joins lines into one paragraph for ui_put_wrapped. */
static void join_lines(const char *const *lines, size_t n, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? " " : "", lines[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* 1 when the gate shows this very line already. */
static int gated(const struct tmr *m, const char *line)
{
    for (size_t i = 0; i < m->gate.nlines; i++)
        if (strcmp(m->gate.lines[i].text, line) == 0)
            return 1;
    return 0;
}

/* The safety lines as one paragraph, less a line the gate shows above. */
static void safety_text(const struct tmr *m, char *text, size_t len)
{
    const char *keep[8];
    size_t n, k = 0;
    const char *const *lines = routine_safety_lines(&n);
    for (size_t i = 0; i < n && k < COUNT(keep); i++)
        if (!gated(m, lines[i]))
            keep[k++] = lines[i];
    join_lines(keep, k, text, len);
}

static int draw_safety(const struct tmr *m, int y, int last, attr_t attr)
{
    char text[512];
    safety_text(m, text, sizeof(text));
    return ui_put_wrapped(y, 2, text_cols(), last, text, attr);
}

/* ---- drawing: set-up ---- */

static attr_t tone_attr(enum gate_tone t)
{
    switch (t) {
    case GATE_TONE_EMERGENCY: return ui_attr(UC_EMERGENCY) | A_BOLD;
    case GATE_TONE_URGENT: return ui_attr(UC_URGENT) | A_BOLD;
    case GATE_TONE_CAUTION: break;
    }
    return ui_attr(UC_MODERATE);
}

/* One gate line at row y, reflowed to take the fewest rows. Returns the
 * next row. */
static int draw_gate_line(const struct gate_line *g, int y)
{
    char text[512];
    gate_reflow(g->text, text, sizeof(text));
    return ui_put_wrapped(y, 2, text_cols(), y + 3, text, tone_attr(g->tone));
}

/* The gate's lines first, the most serious on top, then a blank row.
 * Returns the next row. */
static int draw_gate(const struct tmr *m, int y)
{
    if (m->gate.nlines == 0)
        return y;
    for (size_t i = 0; i < m->gate.nlines; i++)
        y = draw_gate_line(&m->gate.lines[i], y);
    if (m->gate.confirm)
        ui_put(y++, 2, text_cols(), "Enter asks first: only y starts the session anyway.",
               A_BOLD);
    return y + 1;
}

/* How much of the set-up to leave out so that the gate, which is never
 * cut, leaves room for the rest at 80x24: FULL draws everything, TIGHT
 * drops the blank rows, TIGHTEST also the routine's summary and stretch
 * names, or which of ice or heat to choose. */
enum fit { FIT_FULL, FIT_TIGHT, FIT_TIGHTEST };

/* Routines shown at once by fit (FULL, TIGHT, TIGHTEST); the list
 * scrolls with the choice. */
static const size_t menu_rows[] = {6, 4, 3};

/* "5-second holds", "30-second holds", "holds as set". */
static const char *holds_text(const struct routine *r, int hold_s)
{
    if (hold_s == ROUTINE_HOLD_SHORT_S || (!hold_s && r->hold_s == ROUTINE_HOLD_SHORT_S))
        return "5-second holds";
    if (hold_s == ROUTINE_HOLD_LONG_S || (!hold_s && r->hold_s == ROUTINE_HOLD_LONG_S))
        return "30-second holds";
    return "holds as set";
}

static int draw_menu(const struct tmr *m, int y, size_t rows)
{
    size_t first = m->routine >= rows ? m->routine - rows + 1 : 0;
    for (size_t i = first; i < m->lib.n && i < first + rows; i++) {
        const struct routine *r = &m->lib.items[i];
        attr_t a = i == m->routine ? ui_attr(UC_SELECTED) : A_NORMAL;
        ui_putf(y++, 4, text_cols() - 2, a, "%s %-34s %s%s", i == m->routine ? ">" : " ",
                r->name, holds_text(r, 0), i >= m->lib.nbuiltin ? " (yours)" : "");
    }
    return y;
}

/* "Exercises: Settle, Gentle stretch, ..." */
static void exercise_names(const struct routine *r, char *names, size_t len)
{
    size_t used = 0, k = 0;
    names[0] = '\0';
    for (size_t i = 0; i < r->nsteps && used < len; i++)
        if (r->steps[i].kind == RSTEP_EXERCISE)
            used += (size_t)snprintf(names + used, len - used, "%s%s", k++ ? ", " : "Exercises: ",
                                     r->steps[i].name);
}

static int draw_setup_stretch(const struct tmr *m, int y, enum fit fit)
{
    const struct routine *r = current_routine(m);
    char total[24], names[512];
    int gap = fit == FIT_FULL;
    ui_put(y++, 2, text_cols(), "Stretch routine (Up/Down chooses)", A_BOLD);
    y = draw_menu(m, y, menu_rows[fit]);
    if (fit != FIT_TIGHTEST) {
        if (r->summary[0])
            y = ui_put_wrapped(y + gap, 2, text_cols(), y + gap + 1, r->summary, A_NORMAL);
        exercise_names(r, names, sizeof(names));
        y = ui_put_wrapped(y, 2, text_cols(), y + 1, names, A_NORMAL);
    }
    for (size_t i = 0; i < r->ncautions; i++)
        y = ui_put_wrapped(y, 2, text_cols(), y + 1, r->cautions[i], ui_attr(UC_MODERATE));
    timer_format_clock((timer_total_ms(&m->plan) + MS_PER_S - 1) / MS_PER_S, total, sizeof(total));
    y += gap;
    int x = 2 + ui_put(y, 2, 8, "Hold:", A_BOLD);
    if (r->switchable && (m->hold_s || r->hold_s)) {
        x += ui_putf(y, x, 12, A_REVERSE | A_BOLD, " < %2d s > ", m->hold_s ? m->hold_s : r->hold_s);
        ui_putf(y++, x + 1, COLS - x - 3, A_NORMAL, "Left/Right: 5 or 30 s. About %s.", total);
    } else if (r->switchable) {
        x += ui_put(y, x, 12, " < as set > ", A_REVERSE | A_BOLD);
        ui_putf(y++, x + 1, COLS - x - 3, A_NORMAL, "Left/Right: all 5 or all 30 s. About %s.",
                total);
    } else {
        ui_putf(y++, x + 1, COLS - x - 3, A_NORMAL, "as the routine says. About %s.", total);
    }
    return draw_safety(m, y + gap, y + gap + 3, A_NORMAL);
}

static int draw_setup_therapy(const struct tmr *m, int y, enum fit fit)
{
    const struct therapy_preset *p = preset(m);
    int gap = fit == FIT_FULL;
    ui_putf(y++, 2, text_cols(), A_BOLD, "%s session", p->name);
    /* Which one is a suggestion, never a warning: the sources disagree. */
    if (fit != FIT_TIGHTEST)
        y = ui_put_wrapped(y + gap, 2, text_cols(), y + gap + 1, m->advice.reason, A_NORMAL);
    /* The 2-hour gap is about ice; heat after ice is fine. */
    if (m->therapy == THERAPY_ICE && m->advice.warning[0])
        y = ui_put_wrapped(y, 2, text_cols(), y + 1, m->advice.warning, ui_attr(UC_SEVERE));
    y += gap;
    ui_put(y++, 2, text_cols(), p->how, A_NORMAL);
    for (size_t i = 0; i < p->nlines; i++)
        if (!gated(m, GATE_NUMB_SKIN_LINE) || strstr(p->lines[i], "numb") == NULL)
            ui_put(y++, 2, text_cols(), p->lines[i], A_NORMAL);
    ui_put(y++, 2, text_cols(), p->caution, A_BOLD);
    y += gap;
    int x = 2 + ui_put(y, 2, 10, "Minutes:", A_BOLD);
    x += ui_putf(y, x + 1, 10, A_REVERSE | A_BOLD, " < %2d > ", m->minutes);
    ui_putf(y++, x + 2, COLS - x - 4, A_NORMAL, "Left/Right: %d to %d; %s", p->min_min,
            p->max_min, THERAPY_TOO_LONG);
    return y;
}

static void clear_rows(int from, int to)
{
    for (int y = from; y <= to; y++) {
        move(y, 0);
        clrtoeol();
    }
}

static void draw_setup(const struct tmr *m)
{
    int top = draw_gate(m, ui_body_top() + 1);
    int last = ui_body_bottom() - 3; /* the pain's row at the latest: the hints follow */
    for (enum fit fit = FIT_FULL;; fit++) {
        int y = m->is_stretch ? draw_setup_stretch(m, top, fit) : draw_setup_therapy(m, top, fit);
        y += fit == FIT_FULL;
        if (y <= last || fit == FIT_TIGHTEST) {
            draw_pain(y, "Pain now, 0-10 (Enter skips):", m->pain);
            break;
        }
        clear_rows(top, ui_body_bottom());
    }
    draw_hints(m->is_stretch ? M_STRETCH : M_THERAPY);
}

/* ---- drawing: the countdown ---- */

/* Index of the hold at or after step i (what a rest leads to); nsteps
 * when none is left. */
static size_t hold_at_or_after(const struct timer_plan *p, size_t i)
{
    while (i < p->nsteps && p->steps[i].kind != TIMER_HOLD)
        i++;
    return i;
}

/* 1-based number of the stretch step i belongs to, and how many in all:
 * a new stretch starts where a hold names another stretch. */
static void stretch_number(const struct timer_plan *p, size_t i, int *num, int *total)
{
    const char *last = NULL;
    *num = *total = 0;
    for (size_t k = 0; k < p->nsteps; k++) {
        if (p->steps[k].kind != TIMER_HOLD || p->steps[k].name == last)
            continue;
        last = p->steps[k].name;
        ++*total;
        if (k <= i)
            *num = *total;
    }
}

static void draw_progress_bar(int y, double frac)
{
    char bar[BAR_COLS + 1];
    int width = COLS - 14 < BAR_COLS ? COLS - 14 : BAR_COLS;
    int done = (int)(frac * width + 0.5);
    if (width < 1)
        return;
    for (int i = 0; i < width; i++)
        bar[i] = i < done ? '#' : '-';
    bar[width] = '\0';
    ui_putf(y, 2, text_cols(), A_NORMAL, "[%s] %3d%%", bar, (int)(frac * 100 + 0.5));
}

static const char *step_word(enum timer_step_kind k)
{
    switch (k) {
    case TIMER_HOLD: return "hold";
    case TIMER_REST: return "rest";
    case TIMER_SWITCH_SIDE: return "side switch";
    case TIMER_POSITION: return "position change";
    case TIMER_COUNT_IN: return "count-in";
    case TIMER_FINISH: break;
    }
    return "step";
}

/* The plain-text line under the digits (also what a screen reader and
 * the tests read). */
static void draw_time_line(const struct tmr *m, int y, int64_t now, const struct timer_step *st)
{
    char left[24], all[24], planned[24];
    timer_format_clock(timer_seconds_shown(&m->t, now), left, sizeof(left));
    timer_format_clock((timer_plan_ms_left(&m->t, now) + MS_PER_S - 1) / MS_PER_S, all, sizeof(all));
    timer_format_clock(m->ses.planned_s, planned, sizeof(planned));
    if (timer_state(&m->t, now) == TIMER_PAUSED)
        ui_putf(y, 2, text_cols(), A_BOLD | A_REVERSE, " Paused: %s left of %s. Space resumes. ",
                all, planned);
    else if (m->plan.nsteps == 2)
        ui_putf(y, 2, text_cols(), A_BOLD, "%s left of %s", left, planned);
    else
        ui_putf(y, 2, text_cols(), A_BOLD, "%s left in this %s, %s left of %s", left,
                step_word(st->kind), all, planned);
}

static void draw_stretch_progress(const struct tmr *m, int y, size_t idx)
{
    size_t h = hold_at_or_after(&m->plan, idx);
    int num, total;
    char rep[32] = "";
    if (h >= m->plan.nsteps)
        return;
    const struct timer_step *hold = &m->plan.steps[h];
    stretch_number(&m->plan, h, &num, &total);
    if (hold->nreps > 1)
        snprintf(rep, sizeof(rep), ", rep %d of %d", hold->rep, hold->nreps);
    ui_putf(y, 2, text_cols(), A_NORMAL, "Stretch %d of %d: %s%s%s%s", num, total, hold->name, rep,
            hold->side == TIMER_SIDE_LEFT    ? ", left side"
            : hold->side == TIMER_SIDE_RIGHT ? ", right side"
                                             : "",
            h == idx ? "" : " (next)");
}

/* The word the big digits show with a routine's time, so that a hold and
 * a rest differ without colour (NO_COLOR, a monochrome terminal). */
static const char *big_word(enum timer_step_kind k)
{
    switch (k) {
    case TIMER_HOLD: return "HOLD ";
    case TIMER_REST: return "REST ";
    case TIMER_SWITCH_SIDE: return "SIDE ";
    case TIMER_POSITION: return "MOVE ";
    case TIMER_COUNT_IN:
    case TIMER_FINISH: break;
    }
    return "";
}

/* What the big digits say: "HOLD 00:25" (with_word and a stretch), the
 * count-in's "3", or an ice or heat session's "19:59". */
static void big_text(const struct tmr *m, const struct timer_step *st, int64_t now, int with_word,
                     char *buf, size_t len)
{
    char clock[24];
    int64_t secs = timer_seconds_shown(&m->t, now);
    if (st->kind == TIMER_COUNT_IN) {
        snprintf(buf, len, "%d", timer_final_count(&m->t, now));
        return;
    }
    if (secs < 3600)
        snprintf(clock, sizeof(clock), "%02d:%02d", (int)(secs / 60), (int)(secs % 60));
    else
        timer_format_clock(secs, clock, sizeof(clock));
    snprintf(buf, len, "%s%s", m->is_stretch && with_word ? big_word(st->kind) : "", clock);
}

/* The big digits that fit the width, largest first: at *scale (2 from
 * BIG_SCALE_LINES lines), then at 1, then without the step's word (the
 * banner and the time line say it too). 0 when none fits: the time line
 * under them then shows the time alone. */
static int big_fit(const struct tmr *m, const struct timer_step *st, int64_t now, char *buf,
                   size_t len, int *scale)
{
    *scale = LINES >= BIG_SCALE_LINES ? 2 : 1;
    for (int with_word = 1; with_word >= 0; with_word--) {
        big_text(m, st, now, with_word, buf, len);
        if (ui_bigtext_width(buf, *scale) > text_cols())
            *scale = 1;
        if (ui_bigtext_width(buf, *scale) <= text_cols())
            return 1;
    }
    return 0;
}

/* The cue banner on top: what to do now, the side in capitals, and the
 * last seconds of a hold counted ("- ends in 3"). */
static void draw_banner(const struct tmr *m, int y, size_t idx, int64_t now)
{
    char text[TIMER_LABEL_LEN + 48];
    size_t n;
    int count = timer_final_count(&m->t, now);
    timer_cue_text(&m->plan, idx, text, sizeof(text));
    n = strlen(text);
    if (count)
        snprintf(text + n, sizeof(text) - n, " - %s %d",
                 m->plan.steps[idx].kind == TIMER_COUNT_IN ? "in" : "ends in", count);
    ui_putf(y, 2, COLS - 14, A_REVERSE | A_BOLD, " %s ", text);
}

/* The lines under the digits from row y: the time, the progress, the
 * step (position, instruction, cautions, what is next) and, for a
 * stretch, the safety lines, low on the screen but never over the step.
 * gap: blank rows between the parts (0 on a short terminal). Returns the
 * row after the last one the lines need (drawn or not). */
static int draw_run_lines(const struct tmr *m, int y, int gap, int64_t now,
                          const struct timer_step *st, size_t idx)
{
    char safety[512];
    draw_time_line(m, y++, now, st);
    draw_progress_bar(y++, timer_progress(&m->t, now));
    y += gap;
    int instr_last = y + 1 + gap; /* the position and instruction share these rows */
    if (st->position)
        ui_putf(y++, 2, text_cols(), A_NORMAL, "Position: %s", st->position);
    y = ui_put_wrapped(y, 2, text_cols(), instr_last, st->instruction, A_BOLD);
    /* A routine's own caution was on the set-up: the rows go to the
     * safety lines, which must be whole while the patient stretches. */
    if (st->caution)
        ui_put(y++, 2, text_cols(), st->caution, ui_attr(UC_MODERATE));
    if (st->stop_above >= 0)
        ui_putf(y++, 2, text_cols(), ui_attr(UC_MODERATE), "Stop if the pain goes above %d.",
                st->stop_above);
    if (st->next[0])
        ui_putf(y++, 2, text_cols(), A_NORMAL, "next: %s", st->next);
    if (!m->is_stretch)
        return y;
    draw_stretch_progress(m, y++, idx);
    int at = ui_body_bottom() - 6;
    at = y > at ? y : at;
    safety_text(m, safety, sizeof(safety));
    draw_safety(m, at, ui_body_bottom() - 3, ui_attr(UC_DIM));
    return at + ui_wrapped_rows(safety, text_cols());
}

/* The countdown: the cue banner, the big digits when the lines under them
 * still fit (else the time line alone tells the time), the lines, the keys. */
static void draw_run(const struct tmr *m)
{
    int64_t now = app_mono_ms();
    const struct timer_step *st = timer_current(&m->t, now);
    size_t idx = timer_step_index(&m->t, now);
    int paused = timer_state(&m->t, now) == TIMER_PAUSED;
    int top = ui_body_top(), gap = LINES >= RUN_GAP_LINES, scale;
    char digits[32];
    if (!st)
        return;
    draw_banner(m, top, idx, now);
    if (paused)
        ui_put(top, COLS - 10, 8, " PAUSED ", A_REVERSE | A_BOLD);
    attr_t big = paused ? A_NORMAL : st->kind == TIMER_HOLD ? ui_attr(UC_OK) : ui_attr(UC_MODERATE);
    for (int with_big = big_fit(m, st, now, digits, sizeof(digits), &scale);; with_big = 0) {
        int y = top + 1 + gap;
        if (with_big) {
            ui_bigtext(y, (COLS - ui_bigtext_width(digits, scale)) / 2, digits, scale, big & ~A_BOLD);
            y += ui_bigtext_height(scale) + gap;
        }
        if (draw_run_lines(m, y, gap, now, st, idx) <= ui_body_bottom() - 2 || !with_big)
            break;
        clear_rows(top + 1, ui_body_bottom());
    }
    if (m->asking_stop)
        ui_put(ui_body_bottom() - 2, 2, text_cols(),
               " Stop this session? y stops it; n or Esc goes on. ", A_REVERSE | A_BOLD);
    else
        draw_hints((paused ? M_PAUSED : M_RUN) |
                   (idx + 2 < m->t.plan->nsteps ? M_SKIPS : 0)); /* as skip() */
}

/* ---- drawing: the end ---- */

/* The band at the top of the end: "Session done." or "Session stopped." */
static attr_t draw_end_band(const struct tmr *m, int y)
{
    const int done = m->end_status == SESSION_DONE;
    attr_t band = ui_attr(done ? UC_OK : UC_MODERATE) | A_REVERSE | A_BOLD;
    attron(band);
    mvhline(y, 0, ' ', COLS);
    attroff(band);
    ui_putf(y, 2, text_cols(), band, "%s", done ? "Session done." : "Session stopped.");
    return band;
}

/* The exercises of the routine that ran, numbered as the question counts
 * them (position changes left out): "1 Settle   2 Knee-to-chest ...",
 * as many to a row as fit. Returns the row after them. */
static int draw_worse_list(const struct routine *r, int y, int last)
{
    int x = 2, k = 0;
    for (size_t i = 0; i < r->nsteps && y <= last; i++) {
        if (r->steps[i].kind != RSTEP_EXERCISE)
            continue;
        char item[ROUTINE_NAME_LEN + 8];
        snprintf(item, sizeof item, "%d %s", ++k, r->steps[i].name);
        int w = ui_width(item);
        if (x > 2 && x + w > COLS - 2) {
            x = 2;
            y++;
        }
        if (y > last)
            break;
        x += ui_put(y, x, COLS - 2 - x, item, A_NORMAL) + 3;
    }
    return y + 1;
}

static void draw_worse(const struct tmr *m)
{
    int y = ui_body_top();
    draw_end_band(m, y);
    y += 2;
    if (m->pain[0])
        ui_putf(y++, 2, text_cols(), A_NORMAL, "Pain after: %s %s", m->pain,
                band_label(intensity_band(atoi(m->pain))));
    y++;
    y = draw_worse_list(current_routine(m), y, ui_body_bottom() - 5);
    y++;
    int x = 2 + ui_put(y, 2, text_cols(), "Did any exercise make it worse? (number, Enter: none)",
                       A_BOLD);
    ui_putf(y, x + 1, COLS - x - 3, A_REVERSE | A_BOLD, " %-3s ", m->worse);
    draw_hints(M_WORSE);
}

static void draw_end(const struct tmr *m)
{
    const int done = m->end_status == SESSION_DONE;
    const struct timer_step *fin = &m->plan.steps[m->plan.nsteps - 1];
    char ran[24], planned[24], before[8];
    int y = ui_body_top();
    if (m->asking_worse) {
        draw_worse(m);
        return;
    }
    attr_t band = draw_end_band(m, y);
    if (done && !m->is_stretch) {
        char off[48];
        timer_cue_text(&m->plan, m->plan.nsteps - 1, off, sizeof(off));
        ui_putf(y, 18, COLS - 20, band, "%s.", off); /* "Take the ice off now." */
        if (timer_ms_to_next_cue(&m->t, app_mono_ms()) >= 0)
            ui_put(y + 1, 2, text_cols(), "The bell rings every 30 s until you press a key.",
                   A_BOLD);
    }
    y += 2;
    if (done) {
        ui_bigtext(y, (COLS - ui_bigtext_width("DONE", 1)) / 2, "DONE", 1,
                   ui_attr(UC_OK) & ~A_BOLD);
        y += ui_bigtext_height(1) + 1;
        ui_put(y++, 2, text_cols(), fin->instruction, A_BOLD);
    }
    timer_format_clock(m->end_elapsed_s, ran, sizeof(ran));
    timer_format_clock(m->ses.planned_s, planned, sizeof(planned));
    if (m->saved)
        ui_putf(y++, 2, text_cols(), A_NORMAL, "Ran %s of %s. Saved as %s.", ran, planned,
                session_status_code(m->end_status));
    else
        ui_putf(y++, 2, text_cols(), ui_attr(UC_SEVERE), "Ran %s of %s. NOT saved%s: %s", ran,
                planned, m->gone ? "" : " yet (trying again)", m->err);
    if (!m->is_stretch && m->therapy == THERAPY_ICE)
        ui_putf(y++, 2, text_cols(), A_NORMAL, "Wait %d hours before the next ice session.",
                (int)(ICE_MIN_GAP_S / THERAPY_HOUR_S));
    y++;
    if (m->ses.pain_before != SESSION_PAIN_NONE) {
        snprintf(before, sizeof(before), "%d", m->ses.pain_before);
        ui_putf(y++, 2, text_cols(), A_NORMAL, "Pain before: %s %s", before,
                band_label(intensity_band(m->ses.pain_before)));
    }
    draw_pain(y, "How is the pain now? 0-10 (Enter skips):", m->pain);
    draw_hints(M_END);
}

static void timer_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct tmr *m = s->data;
    switch (m->phase) {
    case PH_SETUP: draw_setup(m); break;
    case PH_RUN: draw_run(m); break;
    case PH_END: draw_end(m); break;
    }
    /* Under an emergency or urgent warning nothing may soften the
     * instruction to act now: no "if you are worried". */
    int acting = m->gate.nlines && m->gate.lines[0].tone != GATE_TONE_CAUTION;
    if (acting)
        ui_put(ui_body_bottom(), 2, text_cols(), HISTORY_NOT_ADVICE_SHORT, ui_attr(UC_DIM));
    else
        ui_put_not_advice(ui_body_bottom()); /* the shorter words in a narrow pane */
}

/* ---- keys ---- */

static int is_digit_key(const struct ui_key *key)
{
    return !key->is_code && key->ch >= L'0' && key->ch <= L'9';
}

static void change_routine(struct app *app, struct tmr *m, int delta)
{
    if ((delta < 0 && m->routine == 0) || (delta > 0 && m->routine + 1 >= m->lib.n))
        return;
    m->routine = delta < 0 ? m->routine - 1 : m->routine + 1;
    if (!current_routine(m)->switchable)
        m->hold_s = 0;
    preview(app, m);
}

static void change_setting(struct app *app, struct tmr *m, int delta)
{
    if (m->is_stretch) {
        if (!current_routine(m)->switchable) {
            app_status(app, "This routine's holds are set by its file.");
            return;
        }
        m->hold_s = delta < 0 ? ROUTINE_HOLD_SHORT_S : ROUTINE_HOLD_LONG_S;
    } else {
        const struct therapy_preset *p = preset(m);
        int want = m->minutes + delta;
        if (want < p->min_min || want > p->max_min) {
            app_status(app, "%s takes %d to %d minutes: %s.", p->name, p->min_min, p->max_min,
                       THERAPY_TOO_LONG);
            return;
        }
        m->minutes = want;
    }
    preview(app, m);
}

static int handle_setup(struct app *app, struct tmr *m, const struct ui_key *key, enum action act)
{
    if (is_digit_key(key)) {
        pain_type(app, m->pain, key->ch);
        return UI_OK;
    }
    switch (act) {
    case ACT_DELETE: pain_erase(m->pain); break;
    case ACT_UP:
    case ACT_DOWN:
        if (m->is_stretch)
            change_routine(app, m, act == ACT_UP ? -1 : 1);
        break;
    case ACT_LEFT:
    case ACT_RIGHT: change_setting(app, m, act == ACT_LEFT ? -1 : 1); break;
    case ACT_SELECT: start_asked(app, m); break;
    case ACT_RELIEF: (void)screen_treat_relief(app); break;
    case ACT_BACK: return UI_POP;
    case ACT_HELP: break; /* UI_OK with ACT_HELP: the loop opens the help */
    default: app_status(app, "Enter starts; type the pain now first if you like (0-10).");
    }
    return UI_OK;
}

static void toggle_pause(struct app *app, struct tmr *m)
{
    int64_t now = app_mono_ms();
    if (timer_pause(&m->t, now) == 0)
        checkpoint(app, m, now); /* the elapsed time stands still from here */
    else if (timer_resume(&m->t, now) != 0)
        app_status(app, "The timer is neither running nor paused.");
}

static void skip(struct app *app, struct tmr *m)
{
    int64_t now = app_mono_ms();
    /* Skipping the last step would end the session as done after a single
     * key (n is also "no"): ending early is what q is for, and asks. */
    if (timer_step_index(&m->t, now) + 2 >= m->t.plan->nsteps) {
        app_status(app, "This is the last step: q stops the session early.");
        return;
    }
    if (timer_skip(&m->t, now) != 0)
        return;
    if (timer_state(&m->t, now) == TIMER_FINISHED)
        end_session(app, m, SESSION_DONE, now); /* its cue comes on the next tick */
}

static int handle_run(struct app *app, struct tmr *m, enum action act)
{
    if (m->asking_stop) {
        m->asking_stop = 0;
        if (act == ACT_YES)
            stop_now(app, m);
        else
            app_status(app, "Going on.");
        return UI_OK;
    }
    switch (act) {
    case ACT_TOGGLE: toggle_pause(app, m); break;
    case ACT_NEXT_FIELD: skip(app, m); break;
    case ACT_BACK: m->asking_stop = 1; break;
    case ACT_HELP: break;
    default: app_status(app, "Space pauses, n skips a step, q stops.");
    }
    return UI_OK;
}

/* The exercises the routine that ran has, position changes left out. */
static int exercise_count(const struct tmr *m)
{
    const struct routine *r = current_routine(m);
    int n = 0;
    for (size_t i = 0; i < r->nsteps; i++)
        n += r->steps[i].kind == RSTEP_EXERCISE;
    return n;
}

/* After the pain, a stretch routine asks which exercise made it worse. */
static int ask_worse(struct tmr *m)
{
    if (!m->is_stretch || !m->saved || exercise_count(m) == 0)
        return UI_POP;
    m->asking_worse = 1;
    return UI_OK;
}

/* Saves the exercises numbered in m->worse (none: nothing to write).
 * Returns 0, or -1 with the status line saying why. */
static int save_worse(struct app *app, struct tmr *m)
{
    const struct routine *r = current_routine(m);
    struct session_worse rows[ROUTINE_MAX_STEPS];
    char msg[STORE_ERR_LEN], names[160] = "";
    uint64_t picked;
    size_t n = 0, used = 0;
    if (session_worse_parse(m->worse, exercise_count(m), &picked, msg, sizeof msg) != 0) {
        app_status(app, "%s", msg);
        return -1;
    }
    for (size_t i = 0, k = 0; i < r->nsteps; i++) {
        if (r->steps[i].kind != RSTEP_EXERCISE || !(picked >> k++ & 1u))
            continue;
        memset(&rows[n], 0, sizeof rows[n]);
        rows[n].index = (int)k;
        snprintf(rows[n].name, sizeof rows[n].name, "%s", r->steps[i].name);
        if (used < sizeof names)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", n ? ", " : "",
                                     r->steps[i].name);
        n++;
    }
    if (n == 0)
        return 0;
    if (store_session_worse_set(app_store(app), m->ses.id, rows, n, msg, sizeof msg) !=
        STORE_OK) {
        app_status(app, "Not saved: %s (Enter tries again, Backspace and q leave)", msg);
        return -1;
    }
    app_status(app, "Saved: %s made it worse.", names);
    return 0;
}

static int handle_worse(struct app *app, struct tmr *m, const struct ui_key *key, enum action act)
{
    size_t len = strlen(m->worse);
    if (!key->is_code && (is_digit_key(key) || key->ch == L' ' || key->ch == L',')) {
        if (len + 1 < sizeof m->worse) {
            m->worse[len] = (char)key->ch;
            m->worse[len + 1] = '\0';
        }
        return UI_OK;
    }
    switch (act) {
    case ACT_DELETE:
        if (len)
            m->worse[len - 1] = '\0';
        return UI_OK;
    case ACT_HELP: return UI_OK;
    case ACT_BACK: /* numbers typed before q are kept, as Enter would */
    case ACT_SELECT: return save_worse(app, m) == 0 ? UI_POP : UI_OK;
    default:
        app_status(app, "Type an exercise's number and Enter, or Enter for none.");
        return UI_OK;
    }
}

static int handle_end(struct app *app, struct tmr *m, const struct ui_key *key, enum action act)
{
    if (m->asking_worse)
        return handle_worse(app, m, key, act);
    char err[STORE_ERR_LEN];
    if (is_digit_key(key)) {
        pain_type(app, m->pain, key->ch);
        return UI_OK;
    }
    switch (act) {
    case ACT_DELETE: pain_erase(m->pain); return UI_OK;
    case ACT_HELP: return UI_OK;
    case ACT_BACK: /* a pain typed before q is kept, as Enter would */
    case ACT_SELECT: break;
    default: app_status(app, "Type the pain now (0-10) and Enter, or Enter to skip."); return UI_OK;
    }
    if (end_pending(m))
        save_end(app, m); /* a last try on the way out */
    if (!m->saved) {
        app_status(app, "The session was NOT saved: %s", m->err);
        return UI_POP;
    }
    /* q leaves at once; Enter goes on to the question about the exercises. */
    if (!m->pain[0])
        return act == ACT_BACK ? UI_POP : ask_worse(m);
    if (store_session_rate(app_store(app), m->ses.id, pain_value(m->pain), err, sizeof(err)) !=
        STORE_OK) {
        app_status(app, "Pain not saved: %s (Enter tries again, Backspace and q leave)", err);
        return UI_OK;
    }
    app_status(app, "Saved: pain %s after the session.", m->pain);
    return act == ACT_BACK ? UI_POP : ask_worse(m);
}

static int timer_handle(struct app *app, struct screen *s, const struct ui_key *key,
                        enum action act)
{
    struct tmr *m = s->data;
    switch (m->phase) {
    case PH_SETUP: return handle_setup(app, m, key, act);
    case PH_RUN: return handle_run(app, m, act);
    case PH_END: break;
    }
    /* Any key at the end silences the repeating bell of ice and heat; one
     * the end has no use for does only that. */
    if (timer_cue_ack(&m->t, app_mono_ms())) {
        app_status(app, "Bell off.");
        if (!is_digit_key(key) && act != ACT_SELECT && act != ACT_BACK && act != ACT_DELETE)
            return UI_OK;
    }
    return handle_end(app, m, key, act);
}

/* ---- the clock ---- */

/* The sooner of two waits, -1 meaning none. */
static int64_t sooner(int64_t a, int64_t b)
{
    if (a < 0)
        return b;
    return b >= 0 && b < a ? b : a;
}

static int64_t timer_wait_ms(struct app *app, struct screen *s)
{
    (void)app;
    const struct tmr *m = s->data;
    int64_t reap = m->cues.n ? CUE_REAP_MS : -1;
    if (end_pending(m)) { /* a failed end is tried again, whatever the phase */
        int64_t to_retry = m->end_retry - app_mono_ms();
        reap = sooner(reap, to_retry > 0 ? to_retry : 0);
    }
    if (m->phase == PH_SETUP)
        return reap;
    int64_t now = app_mono_ms();
    int64_t to_cue = timer_ms_to_next_cue(&m->t, now); /* the repeats of the end, too */
    if (m->phase == PH_END)
        return sooner(reap, to_cue);
    /* A boundary passed since the last tick (during a draw or a key): the
     * queries would already look past it, so tick now, or its bell and
     * the finish would wait for the next wake-up. */
    if (m->t.state == TIMER_RUNNING && m->t.deadline <= now)
        return 0;
    int64_t to_ckpt = m->last_ckpt + CHECKPOINT_MS - now;
    int64_t to_event = timer_ms_to_next_event(&m->t, now); /* -1 while paused */
    if (to_ckpt < 0)
        to_ckpt = 0;
    return sooner(sooner(to_ckpt, to_event), to_cue);
}

/* The bell as the settings say (`--quiet` sets it off). */
static void ring(void)
{
    if (config_settings()->bell)
        beep(); /* flashes where the terminal has no bell */
}

/* Runs the cue command, if any, for the cue of step i; a failure is said
 * once on the status line, then ignored. */
static void run_cue_command(struct app *app, struct tmr *m, enum timer_cue cue, size_t i)
{
    static struct timer_cue_argv av; /* 1 KiB of words */
    const char *cmd = config_settings()->cue_command;
    char err[160];
    if (!cmd[0] || m->cues.failed)
        return;
    if (timer_cue_argv(cmd, &m->plan, i, cue, &av, err, sizeof(err)) < 0 ||
        cue_run_start(&m->cues, av.argv, err, sizeof(err)) != 0) {
        m->cues.failed = 1;
        app_status(app, "cue_command: %s (ignored from now on)", err);
    }
}

static void reap_cues(struct app *app, struct tmr *m)
{
    char note[64];
    if (m->cues.n && cue_run_reap(&m->cues, note, sizeof(note)))
        app_status(app, "cue_command %s (ignored from now on)", note);
}

/* The cue due now, if any: the bell and the command (the banner is drawn
 * from the step). */
static void give_cue(struct app *app, struct tmr *m, int64_t now)
{
    size_t i;
    enum timer_cue cue = timer_cue_take(&m->t, now, &i);
    if (cue == TIMER_CUE_NONE)
        return;
    ring();
    run_cue_command(app, m, cue, i);
}

static int timer_tick(struct app *app, struct screen *s)
{
    struct tmr *m = s->data;
    struct timer_events ev;
    reap_cues(app, m);
    if (end_pending(m) && app_mono_ms() >= m->end_retry) {
        save_end(app, m);
        if (m->saved)
            app_status(app, "The end of the session is saved.");
    }
    if (m->phase == PH_SETUP)
        return UI_OK;
    int64_t now = app_mono_ms();
    if (m->phase == PH_END) {
        give_cue(app, m, now); /* the end, and its repeats */
        return UI_OK;
    }
    timer_advance(&m->t, now, &ev);
    give_cue(app, m, now);
    if (ev.finished)
        end_session(app, m, SESSION_DONE, now);
    else if (now - m->last_ckpt >= CHECKPOINT_MS)
        checkpoint(app, m, now);
    return UI_OK;
}

/* A signal ends the app: the session is saved as stopped with its time. */
static void timer_shutdown(struct app *app, struct screen *s)
{
    struct tmr *m = s->data;
    stop_now(app, m);
    if (end_pending(m))
        save_end(app, m); /* a last try for an end not saved yet */
}

static void timer_leave(struct app *app, struct screen *s)
{
    if (!s->data)
        return;
    stop_now(app, s->data); /* never leave a live session behind as running */
    {
        char note[64];
        (void)cue_run_reap(&((struct tmr *)s->data)->cues, note, sizeof(note));
    }
    routines_free(&((struct tmr *)s->data)->lib);
    free(s->data);
    s->data = NULL;
}

static const struct screen_ops screen_timer = {
    .title = "Timer",
    .keys = timer_keys,
    .draw = timer_draw,
    .handle = timer_handle,
    .leave = timer_leave,
    .wait_ms = timer_wait_ms,
    .tick = timer_tick,
    .shutdown = timer_shutdown,
    .min_cols = UI_SMALL_COLS,
    .min_lines = UI_SMALL_LINES,
};

/* ---- opening ---- */

static int set_kind(enum session_kind kind, struct tmr *m)
{
    switch (kind) {
    case SESSION_STRETCH: m->is_stretch = 1; break;
    case SESSION_ICE: m->therapy = THERAPY_ICE; break;
    case SESSION_HEAT: m->therapy = THERAPY_HEAT; break;
    default: return -1;
    }
    m->kind = kind;
    return 0;
}

/* Reads the routines and puts the first aid of the episode's region
 * first (the set-up's default); a refused own file gets a one-line note. */
static int load_routines(struct app *app, struct tmr *m, char *msg, size_t len)
{
    if (routines_load(&m->lib, NULL, NULL, NULL, msg, len) != 0 || m->lib.n == 0)
        return -1;
    routines_put_first(&m->lib, routines_first_aid_index(&m->lib, m->region));
    if (m->lib.nrefused)
        app_status(app, "%zu routine file%s refused (unknot routines says why): %s",
                   m->lib.nrefused, m->lib.nrefused == 1 ? "" : "s", m->lib.first_note);
    return 0;
}

/* Applies the arguments of screen_timer_open; -1 with the reason in msg. */
static int setup_from_args(struct app *app, struct tmr *m, const char *routine, int hold_s,
                           int minutes, char *msg, size_t len)
{
    if (m->is_stretch) {
        const struct routine *r = NULL;
        if (load_routines(app, m, msg, len) != 0)
            return -1;
        if (routine && !(r = routines_find(&m->lib, routine, m->region, msg, len)))
            return -1;
        if (hold_s && routine_hold_check(hold_s, msg, len) != 0)
            return -1;
        m->routine = r ? (size_t)(r - m->lib.items) : 0;
        hold_s = hold_s ? hold_s : config_settings()->stretch_hold; /* 0: the routine's */
        m->hold_s = current_routine(m)->switchable ? hold_s : 0;
        return 0;
    }
    if (minutes && therapy_minutes_check(m->therapy, minutes, msg, len) != 0)
        return -1;
    m->minutes = minutes ? minutes : m->therapy == THERAPY_ICE ? config_settings()->ice_minutes
                                                               : config_settings()->heat_minutes;
    return 0;
}

int screen_timer_open(struct app *app, enum session_kind kind, const char *routine, int hold_s,
                      int minutes)
{
    char msg[ROUTINES_NOTE_LEN];
    struct tmr *m = app_alloc(app, sizeof(*m));
    if (!m)
        return -1;
    if (set_kind(kind, m) != 0) {
        free(m);
        app_status(app, "Unknown timer: use stretch, ice or heat.");
        return -1;
    }
    load_advice(app, m);
    if (setup_from_args(app, m, routine, hold_s, minutes, msg, sizeof(msg)) != 0) {
        routines_free(&m->lib);
        free(m);
        app_status(app, "%s", msg);
        return -1;
    }
    preview(app, m);
    return app_push(app, &screen_timer, m);
}

/* ---- `unknot timer ...` ---- */

struct timer_args {
    enum session_kind kind;
    const char *routine;
    int hold_s, minutes;
};

static int open_first(struct app *app, void *arg)
{
    const struct timer_args *a = arg;
    return screen_timer_open(app, a->kind, a->routine, a->hold_s, a->minutes);
}

int screen_timer_run(const char *db_path, enum session_kind kind, const char *routine, int hold_s,
                     int minutes)
{
    struct timer_args a = {kind, routine, hold_s, minutes};
    return ui_run_with(db_path, open_first, &a);
}
