/* SPDX-License-Identifier: BSD-2-Clause */
/* timer: plan building and the countdown engine. Every deadline is the
 * previous deadline plus a step's duration, so nothing drifts. */
#include "src/timer.h"

#include "src/text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "src/argv.h"

#define MS_PER_S 1000

static const char rest_instruction[] = "Relax and breathe slowly.";
static const char switch_instruction[] = "Come back to the middle slowly, then change sides.";
static const char routine_done[] = "All done. Take a moment, then get up slowly.";
static const char ice_done[] = "Time is up: take the ice pack off.";
static const char heat_done[] = "Time is up: put the heat away.";
static const char count_in_name[] = "Get ready";

/* ---- plans --------------------------------------------------------------- */

static void put_err(char *err, size_t errlen, const char *text)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", text);
}

static void plan_clear(struct timer_plan *plan)
{
    plan->kind = SESSION_STRETCH;
    plan->routine_code[0] = '\0';
    plan->hold_s = 0;
    plan->repeat_end = 0;
    plan->nsteps = 0;
}

/* Appends a step, or only counts it when the plan is full (the caller
 * checks `need` against TIMER_MAX_STEPS). Returns the step or NULL. */
static struct timer_step *push(struct timer_plan *plan, size_t *need, enum timer_step_kind kind,
                               int64_t ms, const char *name, const char *instruction)
{
    struct timer_step *s;
    (*need)++;
    if (plan->nsteps >= TIMER_MAX_STEPS)
        return NULL;
    s = &plan->steps[plan->nsteps++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->ms = ms;
    s->name = name;
    s->stop_above = -1;
    snprintf(s->instruction, sizeof s->instruction, "%s", instruction);
    snprintf(s->label, sizeof s->label, "%s", name);
    return s;
}

/* Each step's `next` is the label of the step after it. */
static void link_labels(struct timer_plan *plan)
{
    for (size_t i = 0; i < plan->nsteps; i++) {
        if (i + 1 < plan->nsteps)
            memcpy(plan->steps[i].next, plan->steps[i + 1].label, sizeof plan->steps[i].next);
        else
            plan->steps[i].next[0] = '\0';
    }
}

static const char *side_text(enum timer_side side)
{
    switch (side) {
    case TIMER_SIDE_LEFT: return ", left side";
    case TIMER_SIDE_RIGHT: return ", right side";
    case TIMER_SIDE_NONE: break;
    }
    return "";
}

/* A side's instruction: "Left side: pull your LEFT knee ...", the file's
 * {side}/{SIDE} said as the side, its first letter lowered after the
 * prefix (CONTENT.md: "left side: pull your LEFT knee"). */
static void side_instruction(char *out, size_t len, const char *text, enum timer_side side)
{
    const char *lower = side == TIMER_SIDE_LEFT ? "left" : "right";
    const char *upper = side == TIMER_SIDE_LEFT ? "LEFT" : "RIGHT";
    size_t used = (size_t)snprintf(out, len, "%s side: ", side == TIMER_SIDE_LEFT ? "Left" : "Right");
    int first = 1;
    while (*text && used + 1 < len) {
        const char *word = NULL;
        if (strncmp(text, "{side}", 6) == 0)
            word = lower;
        else if (strncmp(text, "{SIDE}", 6) == 0)
            word = upper;
        if (word) {
            used += (size_t)snprintf(out + used, len - used, "%s", word);
            text += 6;
        } else {
            char c = *text++;
            /* "Pull" -> "pull", but "LEFT" stays. */
            if (first && c >= 'A' && c <= 'Z' && !(*text >= 'A' && *text <= 'Z'))
                c = (char)(c - 'A' + 'a');
            out[used++] = c;
            out[used] = '\0';
        }
        first = 0;
    }
    if (used >= len)
        out[len - 1] = '\0';
}

/* One rep's gap: a side switch before the other side's first rep, else a
 * rest of rest_s seconds (none when 0). */
static void push_gap(struct timer_plan *plan, size_t *need, int switch_side, int rest_s)
{
    struct timer_step *s;
    if (!switch_side) {
        if (rest_s > 0)
            push(plan, need, TIMER_REST, (int64_t)rest_s * MS_PER_S, "Rest", rest_instruction);
        return;
    }
    s = push(plan, need, TIMER_SWITCH_SIDE, (int64_t)ROUTINE_SWITCH_SIDE_S * MS_PER_S,
             "Switch sides", switch_instruction);
    if (s)
        snprintf(s->label, sizeof s->label, "Switch to the right side");
}

/* What one exercise is run as: the routine step and its hold and rest
 * under the user's switch. */
struct run {
    const struct routine_step *st;
    int hold_s, rest_s;
};

static void push_hold(struct timer_plan *plan, size_t *need, const struct run *x,
                      enum timer_side side, int rep, size_t phase)
{
    const struct routine_step *st = x->st;
    const struct routine_phase *ph = st->nphases ? &st->phases[phase] : NULL;
    const char *text = ph ? ph->instruction : st->instruction;
    struct timer_step *s = push(plan, need, TIMER_HOLD, (int64_t)x->hold_s * MS_PER_S, st->name,
                                text);
    char rep_text[32] = "";
    if (!s)
        return;
    if (side != TIMER_SIDE_NONE)
        side_instruction(s->instruction, sizeof s->instruction, text, side);
    s->position = st->position;
    s->caution = st->caution[0] ? st->caution : NULL;
    s->stop_above = st->stop_above;
    s->rep = rep;
    s->nreps = st->reps;
    s->side = side;
    if (st->reps > 1)
        snprintf(rep_text, sizeof rep_text, ", rep %d of %d", rep, st->reps);
    /* Composed whole, then cut to the label on a character's boundary: a
     * long exercise name from a routine file must not end mid-character. */
    char full[3 * sizeof s->label];
    snprintf(full, sizeof full, "%s%s%s%s%s%s", st->name, ph ? " (" : "", ph ? ph->name : "",
             ph ? ")" : "", side_text(side), rep_text);
    text_clean(full, 0, s->label, sizeof s->label);
}

static enum timer_side side_of(enum routine_sides sides, int pass)
{
    switch (sides) {
    case SIDES_BOTH: return pass == 0 ? TIMER_SIDE_LEFT : TIMER_SIDE_RIGHT;
    case SIDES_LEFT: return TIMER_SIDE_LEFT;
    case SIDES_RIGHT: return TIMER_SIDE_RIGHT;
    case SIDES_NONE: break;
    }
    return TIMER_SIDE_NONE;
}

/* Every hold of one exercise, each rep after a gap unless it opens the
 * plan or follows a change of position. */
static void push_exercise(struct timer_plan *plan, size_t *need, const struct run *x,
                          int after_move)
{
    const struct routine_step *st = x->st;
    int nsides = st->sides == SIDES_BOTH ? 2 : 1;
    size_t nphases = st->nphases ? st->nphases : 1, start = *need;
    for (int side = 0; side < nsides; side++) {
        for (int rep = 1; rep <= st->reps; rep++) {
            int first = *need == 0 || (*need == start && after_move);
            if (!first)
                push_gap(plan, need, side > 0 && rep == 1, x->rest_s);
            for (size_t ph = 0; ph < nphases; ph++)
                push_hold(plan, need, x, side_of(st->sides, side), rep, ph);
        }
    }
}

static void push_move(struct timer_plan *plan, size_t *need, const struct routine_step *st)
{
    push(plan, need, TIMER_POSITION, (int64_t)st->hold_s * MS_PER_S, st->name, st->instruction);
}

static int check_switch(const struct routine *r, int hold_s, char *err, size_t errlen)
{
    if (hold_s == 0)
        return 0;
    if (!r->switchable) {
        if (err && errlen)
            snprintf(err, errlen, "The holds of \"%s\" are set by its file: no 5 or 30 switch.",
                     r->name);
        return -1;
    }
    return routine_hold_check(hold_s, err, errlen);
}

int timer_plan_routine(struct timer_plan *plan, const struct routine *r, int hold_s, char *err,
                       size_t errlen)
{
    size_t need = 0;
    int after_move = 0;
    struct timer_step *fin;

    plan_clear(plan);
    if (!r) {
        put_err(err, errlen, "No routine given.");
        return -1;
    }
    if (check_switch(r, hold_s, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct routine_step *st = &r->steps[i];
        struct run x = {st, st->hold_s, 0};
        if (st->kind == RSTEP_POSITION) {
            push_move(plan, &need, st);
            after_move = 1;
            continue;
        }
        if (st->switchable && hold_s)
            x.hold_s = hold_s;
        x.rest_s = routine_step_rest_s(st, x.hold_s);
        push_exercise(plan, &need, &x, after_move);
        after_move = 0;
    }
    if (need == 0) {
        put_err(err, errlen, "This routine has no exercises.");
        return -1;
    }
    fin = push(plan, &need, TIMER_FINISH, 0, "Done", routine_done);
    if (!fin) {
        if (err && errlen)
            snprintf(err, errlen, "Routine \"%s\" needs %zu steps; at most %d fit.", r->code, need,
                     TIMER_MAX_STEPS);
        plan_clear(plan);
        return -1;
    }
    link_labels(plan);
    plan->kind = SESSION_STRETCH;
    snprintf(plan->routine_code, sizeof plan->routine_code, "%s", r->code);
    plan->hold_s = hold_s ? hold_s : r->hold_s;
    return 0;
}

int timer_plan_single(struct timer_plan *plan, enum therapy_kind kind, int64_t seconds, char *err,
                      size_t errlen)
{
    const struct therapy_preset *p = therapy_preset(kind);
    struct timer_step *s;
    size_t need = 0;

    plan_clear(plan);
    if (!p) {
        put_err(err, errlen, "Choose ice or heat.");
        return -1;
    }
    if (seconds < 1 || seconds > TIMER_MAX_SINGLE_S) {
        if (err && errlen)
            snprintf(err, errlen, "%s time must be 1 second to %d hours.", p->name,
                     TIMER_MAX_SINGLE_S / 3600);
        return -1;
    }
    s = push(plan, &need, TIMER_HOLD, seconds * MS_PER_S, p->name, p->how);
    if (!s)
        return -1;
    s->caution = p->caution;
    if (seconds % 60 == 0)
        snprintf(s->label, sizeof s->label, "%s, %lld minute%s", p->name, (long long)(seconds / 60),
                 seconds == 60 ? "" : "s");
    else
        snprintf(s->label, sizeof s->label, "%s, %lld seconds", p->name, (long long)seconds);
    push(plan, &need, TIMER_FINISH, 0, "Done", kind == THERAPY_ICE ? ice_done : heat_done);
    link_labels(plan);
    plan->kind = p->session;
    plan->repeat_end = 1; /* an ice pack left on burns: ring until a key */
    return 0;
}

int timer_plan_count_in(struct timer_plan *plan)
{
    size_t i = 0;
    while (i < plan->nsteps && plan->steps[i].kind != TIMER_HOLD &&
           plan->steps[i].kind != TIMER_COUNT_IN)
        i++;
    if (i >= plan->nsteps || plan->steps[i].kind == TIMER_COUNT_IN ||
        plan->nsteps >= TIMER_PLAN_CAPACITY)
        return -1;
    memmove(&plan->steps[i + 1], &plan->steps[i], (plan->nsteps - i) * sizeof plan->steps[0]);
    plan->nsteps++;
    struct timer_step *c = &plan->steps[i];
    c->kind = TIMER_COUNT_IN;
    c->ms = (int64_t)TIMER_COUNT_IN_S * MS_PER_S;
    c->name = count_in_name;
    c->caution = NULL;
    c->stop_above = -1;
    c->rep = c->nreps = 0;
    link_labels(plan); /* the count-in's label is the hold's: "next:" names what comes */
    return 0;
}

int64_t timer_total_ms(const struct timer_plan *plan)
{
    int64_t total = 0;
    for (size_t i = 0; plan && i < plan->nsteps; i++)
        total += plan->steps[i].ms;
    return total;
}

/* ---- the engine ---------------------------------------------------------- */

static int plan_valid(const struct timer_plan *plan)
{
    if (!plan || plan->nsteps == 0 || plan->nsteps > TIMER_PLAN_CAPACITY)
        return 0;
    for (size_t i = 0; i < plan->nsteps; i++) {
        const struct timer_step *s = &plan->steps[i];
        int last = i + 1 == plan->nsteps;
        if (s->ms < 0 || (s->kind == TIMER_FINISH) != last || (last && s->ms != 0))
            return 0;
    }
    return 1;
}

static int at_finish(const struct timer *t)
{
    return t->plan->steps[t->step].kind == TIMER_FINISH;
}

/* Moves a running timer from its step to the next at `at` (a deadline, or
 * now for a skip). */
static void next_step_running(struct timer *t, int64_t at)
{
    t->step++;
    if (at_finish(t)) {
        t->active += at - t->seg_start;
        t->seg_start = at;
        t->deadline = at;
        t->state = TIMER_FINISHED;
        return;
    }
    t->deadline = at + t->plan->steps[t->step].ms;
}

int timer_start(struct timer *t, const struct timer_plan *plan, int64_t now_ms)
{
    if (!plan_valid(plan))
        return -1;
    memset(t, 0, sizeof *t);
    t->plan = plan;
    t->state = TIMER_RUNNING;
    t->seg_start = now_ms;
    t->deadline = now_ms + plan->steps[0].ms;
    if (at_finish(t))
        t->state = TIMER_FINISHED;
    return 0;
}

void timer_advance(struct timer *t, int64_t now_ms, struct timer_events *ev)
{
    if (ev)
        memset(ev, 0, sizeof *ev);
    while (t->state == TIMER_RUNNING && now_ms >= t->deadline) {
        if (ev) {
            ev->holds_ended += t->plan->steps[t->step].kind == TIMER_HOLD;
            ev->steps_changed++;
        }
        next_step_running(t, t->deadline);
        if (ev && t->state == TIMER_FINISHED)
            ev->finished = 1;
    }
}

int timer_pause(struct timer *t, int64_t now_ms)
{
    timer_advance(t, now_ms, NULL);
    if (t->state != TIMER_RUNNING)
        return -1;
    t->left = t->deadline - now_ms;
    t->active += now_ms - t->seg_start;
    t->state = TIMER_PAUSED;
    return 0;
}

int timer_resume(struct timer *t, int64_t now_ms)
{
    if (t->state != TIMER_PAUSED)
        return -1;
    t->deadline = now_ms + t->left;
    t->seg_start = now_ms;
    t->state = TIMER_RUNNING;
    return 0;
}

int timer_skip(struct timer *t, int64_t now_ms)
{
    timer_advance(t, now_ms, NULL);
    if (t->state == TIMER_RUNNING) {
        next_step_running(t, now_ms);
        return 0;
    }
    if (t->state != TIMER_PAUSED)
        return -1;
    t->step++;
    t->left = t->plan->steps[t->step].ms;
    if (at_finish(t)) {
        t->state = TIMER_FINISHED;
        t->deadline = now_ms; /* when it ended: the end cue repeats from here */
    }
    return 0;
}

int timer_stop(struct timer *t, int64_t now_ms)
{
    timer_advance(t, now_ms, NULL);
    if (t->state == TIMER_RUNNING) {
        t->left = t->deadline - now_ms;
        t->active += now_ms - t->seg_start;
    } else if (t->state != TIMER_PAUSED) {
        return -1;
    }
    t->state = TIMER_STOPPED;
    return 0;
}

/* ---- queries ------------------------------------------------------------- */

/* The timer as it is at now_ms, without touching *t. */
static struct timer view(const struct timer *t, int64_t now_ms)
{
    struct timer v = *t;
    timer_advance(&v, now_ms, NULL);
    return v;
}

enum timer_state timer_state(const struct timer *t, int64_t now_ms)
{
    return view(t, now_ms).state;
}

size_t timer_step_index(const struct timer *t, int64_t now_ms)
{
    return view(t, now_ms).step;
}

const struct timer_step *timer_current(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    if (v.state == TIMER_IDLE || !v.plan)
        return NULL;
    return &v.plan->steps[v.step];
}

/* ms left in the step of an already advanced view. */
static int64_t left_of(const struct timer *v, int64_t now_ms)
{
    if (v->state == TIMER_RUNNING)
        return v->deadline - now_ms;
    if (v->state == TIMER_PAUSED)
        return v->left;
    return 0;
}

int64_t timer_ms_left(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    return left_of(&v, now_ms);
}

int64_t timer_seconds_shown(const struct timer *t, int64_t now_ms)
{
    return (timer_ms_left(t, now_ms) + MS_PER_S - 1) / MS_PER_S;
}

int64_t timer_ms_to_next_event(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    if (v.state != TIMER_RUNNING)
        return -1;
    /* left >= 1 here: the shown value changes when left reaches the next
     * lower multiple of 1000 (or 0, the step end). */
    return (left_of(&v, now_ms) - 1) % MS_PER_S + 1;
}

int64_t timer_elapsed_ms(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    int64_t run = now_ms - v.seg_start;
    if (v.state != TIMER_RUNNING || run < 0)
        return v.active;
    return v.active + run;
}

double timer_progress(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    int64_t total, pos = 0;
    if (v.state == TIMER_IDLE)
        return 0.0;
    if (v.state == TIMER_FINISHED)
        return 1.0;
    total = timer_total_ms(v.plan);
    if (total <= 0)
        return 0.0;
    for (size_t i = 0; i < v.step; i++)
        pos += v.plan->steps[i].ms;
    pos += v.plan->steps[v.step].ms - (v.state == TIMER_RUNNING ? v.deadline - now_ms : v.left);
    return (double)pos / (double)total;
}

int64_t timer_plan_ms_left(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    int64_t left;
    if (v.state != TIMER_RUNNING && v.state != TIMER_PAUSED)
        return 0;
    left = left_of(&v, now_ms);
    for (size_t i = v.step + 1; i < v.plan->nsteps; i++)
        left += v.plan->steps[i].ms;
    return left;
}

/* ---- cues ---------------------------------------------------------------- */

enum timer_cue timer_step_cue(const struct timer_plan *plan, size_t i)
{
    if (!plan || i >= plan->nsteps)
        return TIMER_CUE_NONE;
    switch (plan->steps[i].kind) {
    case TIMER_COUNT_IN: return TIMER_CUE_COUNT_IN;
    case TIMER_HOLD: return TIMER_CUE_HOLD;
    case TIMER_REST: return TIMER_CUE_REST;
    case TIMER_SWITCH_SIDE: return TIMER_CUE_SIDE;
    case TIMER_FINISH: return TIMER_CUE_END;
    case TIMER_POSITION: break;
    }
    return i > 0 && plan->steps[i - 1].kind == TIMER_HOLD ? TIMER_CUE_REST : TIMER_CUE_NONE;
}

const char *timer_cue_code(enum timer_cue cue)
{
    switch (cue) {
    case TIMER_CUE_COUNT_IN: return "count-in";
    case TIMER_CUE_HOLD: return "hold";
    case TIMER_CUE_REST: return "rest";
    case TIMER_CUE_SIDE: return "side";
    case TIMER_CUE_END: return "end";
    case TIMER_CUE_NONE: break;
    }
    return "";
}

enum timer_side timer_cue_side(const struct timer_plan *plan, size_t i)
{
    if (!plan || i >= plan->nsteps)
        return TIMER_SIDE_NONE;
    if (plan->steps[i].kind == TIMER_SWITCH_SIDE && i + 1 < plan->nsteps)
        return plan->steps[i + 1].side;
    return plan->steps[i].side;
}

const char *timer_side_code(enum timer_side side)
{
    switch (side) {
    case TIMER_SIDE_LEFT: return "left";
    case TIMER_SIDE_RIGHT: return "right";
    case TIMER_SIDE_NONE: break;
    }
    return "";
}

/* "word: label" with the label's ", left side" said ", LEFT side". */
static void cue_label(char *buf, size_t len, const char *word, const char *label)
{
    static const char *const sides[] = {", left side", ", right side"};
    int n = snprintf(buf, len, "%s: %s", word, label);
    if (n < 0)
        return;
    for (size_t k = 0; k < sizeof sides / sizeof sides[0]; k++) {
        char *p = strstr(buf, sides[k]);
        for (p = p ? p + 2 : NULL; p && *p && *p != ' '; p++)
            *p = (char)(*p - 'a' + 'A');
    }
}

void timer_cue_text(const struct timer_plan *plan, size_t i, char *buf, size_t len)
{
    const struct timer_step *s;
    if (!len)
        return;
    buf[0] = '\0';
    if (!plan || i >= plan->nsteps)
        return;
    s = &plan->steps[i];
    switch (s->kind) {
    case TIMER_COUNT_IN: cue_label(buf, len, "Get ready", s->label); break;
    case TIMER_HOLD:
        if (plan->repeat_end)
            snprintf(buf, len, "%s", s->label); /* "Ice, 20 minutes" */
        else
            cue_label(buf, len, "Hold", s->label);
        break;
    case TIMER_REST: cue_label(buf, len, "Rest, then", s->next); break;
    case TIMER_SWITCH_SIDE:
        snprintf(buf, len, "Switch sides: now the %s side",
                 timer_cue_side(plan, i) == TIMER_SIDE_LEFT ? "LEFT" : "RIGHT");
        break;
    case TIMER_POSITION: snprintf(buf, len, "%s", s->label); break;
    case TIMER_FINISH:
        if (plan->kind == SESSION_ICE)
            snprintf(buf, len, "Take the ice off now");
        else if (plan->kind == SESSION_HEAT)
            snprintf(buf, len, "Take the heat off now");
        else
            snprintf(buf, len, "All done");
        break;
    }
}

/* When the next end repeat is due on an advanced view v, or -1 for none. */
static int64_t next_repeat_at(const struct timer *v)
{
    if (v->state != TIMER_FINISHED || !v->plan->repeat_end || v->cue_acked)
        return -1;
    return v->deadline + (v->cue_rings + 1) * TIMER_END_REPEAT_MS;
}

enum timer_cue timer_cue_take(struct timer *t, int64_t now_ms, size_t *step)
{
    struct timer v = view(t, now_ms);
    int64_t at;
    if (v.state == TIMER_IDLE || v.state == TIMER_STOPPED || !v.plan)
        return TIMER_CUE_NONE;
    if (step)
        *step = v.step;
    if (v.step >= t->cue_next) {
        enum timer_cue cue = timer_step_cue(v.plan, v.step);
        t->cue_next = v.step + 1;
        if (cue != TIMER_CUE_NONE)
            return cue;
    }
    at = next_repeat_at(&v);
    if (at < 0 || now_ms < at)
        return TIMER_CUE_NONE;
    t->cue_rings = (now_ms - v.deadline) / TIMER_END_REPEAT_MS; /* the missed ones are gone */
    return TIMER_CUE_END;
}

int64_t timer_ms_to_next_cue(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    int64_t at;
    if (v.state == TIMER_IDLE || v.state == TIMER_STOPPED || !v.plan)
        return -1;
    if (v.step >= v.cue_next && timer_step_cue(v.plan, v.step) != TIMER_CUE_NONE)
        return 0;
    if (v.state == TIMER_RUNNING)
        return v.deadline - now_ms;
    at = next_repeat_at(&v);
    return at < 0 ? -1 : at > now_ms ? at - now_ms : 0;
}

int timer_cue_ack(struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    int pending = v.state == TIMER_FINISHED && next_repeat_at(&v) >= 0;
    t->cue_acked = 1;
    return pending;
}

int timer_final_count(const struct timer *t, int64_t now_ms)
{
    struct timer v = view(t, now_ms);
    const struct timer_step *s;
    int64_t shown;
    if (v.state != TIMER_RUNNING && v.state != TIMER_PAUSED)
        return 0;
    s = &v.plan->steps[v.step];
    shown = (left_of(&v, now_ms) + MS_PER_S - 1) / MS_PER_S;
    if (s->kind == TIMER_COUNT_IN ||
        (s->kind == TIMER_HOLD && s->ms > (int64_t)TIMER_FINAL_COUNT_S * MS_PER_S))
        return shown <= TIMER_FINAL_COUNT_S ? (int)shown : 0;
    return 0;
}

int timer_cue_argv(const char *command, const struct timer_plan *plan, size_t i,
                   enum timer_cue cue, struct timer_cue_argv *out, char *err, size_t errlen)
{
    const char *step = plan && i < plan->nsteps ? plan->steps[i].label : "";
    const struct argv_var vars[] = {
        {"cue", timer_cue_code(cue)}, {"step", step}, {"side", timer_side_code(timer_cue_side(plan, i))}};
    return argv_build(command, vars, sizeof vars / sizeof vars[0], out->argv, TIMER_CUE_ARGV_MAX,
                      out->buf, sizeof out->buf, err, errlen);
}

int timer_cue_command_check(const char *command, char *err, size_t errlen)
{
    static struct timer_cue_argv scratch; /* 1 KiB: off the stack of a settings parse */
    return timer_cue_argv(command, NULL, 0, TIMER_CUE_HOLD, &scratch, err, errlen) < 0 ? -1 : 0;
}

void timer_format_clock(int64_t secs, char *buf, size_t len)
{
    if (secs < 0)
        secs = 0;
    if (secs >= 3600)
        snprintf(buf, len, "%" PRId64 ":%02d:%02d", secs / 3600, (int)(secs / 60 % 60),
                 (int)(secs % 60));
    else
        snprintf(buf, len, "%d:%02d", (int)(secs / 60), (int)(secs % 60));
}
