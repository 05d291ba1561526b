/* SPDX-License-Identifier: BSD-2-Clause */
/* routine_file: the parser of routine files (format in routine_file.h and
 * man unknot, ROUTINE FILES). One pass, line by line; every refusal names
 * its line and what is accepted, so a patient can fix the file by hand. */
#include "src/routine_file.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "src/episode.h"
#include "src/text.h"
#include "src/util.h"

#define LINE_MAX_BYTES 1024 /* one line of a routine file */
#define QUOTE_MAX 24        /* bytes of a value quoted in a message */

/* The keys of each part of a file, for "unknown key" messages. */
static const char routine_keys[] = "name, region, summary, caution";
static const char exercise_keys[] = "name, position, instruction, hold, rest, reps, sides, phase, "
                                    "caution, stop-if-pain-above";
static const char position_keys[] = "instruction, time";

enum part { PART_ROUTINE, PART_EXERCISE, PART_POSITION };

/* The parser's state: where it is and which keys it has seen in the
 * current part (a key given twice is refused). */
struct parser {
    struct routine *r;
    struct routine_error *err;
    long line;
    enum part part;
    struct routine_step *step; /* the current stanza's, or NULL */
    unsigned seen;             /* bit per key index of the current part */
};

static int fail(struct parser *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, long line, const char *fmt, ...)
{
    va_list ap;
    p->err->line = line;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- values ---------------------------------------------------------------- */

/* A whole number from lo to hi, digits only; -1 when it is not. */
static long parse_number(const char *v, long lo, long hi)
{
    long n = 0;
    if (!*v)
        return -1;
    for (const char *c = v; *c; c++) {
        if (!isdigit((unsigned char)*c))
            return -1;
        if (n <= hi)
            n = n * 10 + (*c - '0');
    }
    return n < lo || n > hi ? -1 : n;
}

static int set_text(struct parser *p, char *dst, size_t len, const char *key, const char *v)
{
    if (!*v)
        return fail(p, p->line, "%s is empty: write the text after \"%s =\"", key, key);
    if (strlen(v) >= len)
        return fail(p, p->line, "%s is %zu bytes long: at most %zu", key, strlen(v), len - 1);
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

static int set_number(struct parser *p, int *dst, const char *key, const char *v, long lo,
                      long hi, const char *unit)
{
    long n = parse_number(v, lo, hi);
    if (n < 0)
        return fail(p, p->line, "%s \"%.*s\": use a whole number of %s from %ld to %ld", key,
                    QUOTE_MAX, v, unit, lo, hi);
    *dst = (int)n;
    return 0;
}

/* "20", or the switch "5 or 30" / "30 or 5" (the first is the default). */
static int set_hold(struct parser *p, struct routine_step *st, const char *v)
{
    int a = 0, b = 0, used = 0;
    if (sscanf(v, "%d or %d%n", &a, &b, &used) == 2 && v[used] == '\0') {
        if (!((a == 5 && b == 30) || (a == 30 && b == 5)))
            return fail(p, p->line, "hold \"%.*s\": the switch is \"5 or 30\" or \"30 or 5\"",
                        QUOTE_MAX, v);
        st->hold_s = a;
        st->switchable = 1;
        return 0;
    }
    return set_number(p, &st->hold_s, "hold", v, ROUTINE_HOLD_MIN_S, ROUTINE_HOLD_MAX_S,
                      "seconds (or \"5 or 30\")");
}

static int set_sides(struct parser *p, struct routine_step *st, const char *v)
{
    for (int s = SIDES_NONE; s <= SIDES_RIGHT; s++) {
        if (strcmp(v, routine_sides_code((enum routine_sides)s)) == 0) {
            st->sides = (enum routine_sides)s;
            return 0;
        }
    }
    return fail(p, p->line, "sides \"%.*s\": use none, both, left or right", QUOTE_MAX, v);
}

/* "cat: Round your back up." */
static int add_phase(struct parser *p, struct routine_step *st, const char *v)
{
    const char *colon = strchr(v, ':');
    struct routine_phase *ph;
    size_t n;
    if (st->nphases == ROUTINE_MAX_PHASES)
        return fail(p, p->line, "an exercise has at most %d phases", ROUTINE_MAX_PHASES);
    if (!colon || colon == v || !colon[1])
        return fail(p, p->line, "phase: write \"phase = NAME: instruction\" (\"cat: Round "
                                "your back up.\")");
    ph = &st->phases[st->nphases];
    n = (size_t)(colon - v);
    if (n >= sizeof ph->name)
        return fail(p, p->line, "a phase name is at most %zu bytes", sizeof ph->name - 1);
    memcpy(ph->name, v, n);
    ph->name[n] = '\0';
    while (isspace((unsigned char)*++colon))
        ;
    if (set_text(p, ph->instruction, sizeof ph->instruction, "phase", colon) != 0)
        return -1;
    st->nphases++;
    return 0;
}

static int add_caution(struct parser *p, const char *v)
{
    struct routine *r = p->r;
    if (r->ncautions == ROUTINE_MAX_CAUTIONS)
        return fail(p, p->line, "a routine has at most %d cautions", ROUTINE_MAX_CAUTIONS);
    if (set_text(p, r->cautions[r->ncautions], sizeof r->cautions[0], "caution", v) != 0)
        return -1;
    r->ncautions++;
    return 0;
}

/* "lower", "mid, upper": the region vocabulary of src/episode.h. */
static int set_regions(struct parser *p, const char *v)
{
    char word[32], msg[128];
    const char *s = v;
    while (*s) {
        size_t n = strcspn(s, ",");
        enum region reg;
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), s);
        if (region_parse(word, &reg, msg, sizeof msg) != 0)
            return fail(p, p->line, "region: %s (several: \"mid, upper\")", msg);
        p->r->regions |= 1u << reg;
        s += n + (s[n] == ',');
    }
    if (!p->r->regions)
        return fail(p, p->line, "region is empty: use lower, mid, upper or neck");
    return 0;
}

/* ---- keys ------------------------------------------------------------------ */

/* Index of key in a comma-separated list of keys, or -1. */
static int key_index(const char *list, const char *key)
{
    size_t n = strlen(key);
    int i = 0;
    for (const char *s = list; *s; i++) {
        size_t k = strcspn(s, ",");
        if (k == n && strncmp(s, key, n) == 0)
            return i;
        s += k;
        while (*s == ',' || *s == ' ')
            s++;
    }
    return -1;
}

static int routine_key(struct parser *p, int k, const char *v)
{
    struct routine *r = p->r;
    switch (k) {
    case 0:
        r->name_line = p->line;
        return set_text(p, r->name, sizeof r->name, "name", v);
    case 1: return set_regions(p, v);
    case 2: return set_text(p, r->summary, sizeof r->summary, "summary", v);
    default: return add_caution(p, v);
    }
}

static int exercise_key(struct parser *p, int k, const char *v)
{
    struct routine_step *st = p->step;
    switch (k) {
    case 0: return set_text(p, st->name, sizeof st->name, "name", v);
    case 1: return set_text(p, st->position, sizeof st->position, "position", v);
    case 2: return set_text(p, st->instruction, sizeof st->instruction, "instruction", v);
    case 3: return set_hold(p, st, v);
    case 4: return set_number(p, &st->rest_s, "rest", v, 0, ROUTINE_REST_MAX_S, "seconds");
    case 5: return set_number(p, &st->reps, "reps", v, 1, ROUTINE_REPS_MAX, "repetitions");
    case 6: return set_sides(p, st, v);
    case 7: return add_phase(p, st, v);
    case 8: return set_text(p, st->caution, sizeof st->caution, "caution", v);
    default: return set_number(p, &st->stop_above, "stop-if-pain-above", v, 0, 9, "pain");
    }
}

static int position_key(struct parser *p, int k, const char *v)
{
    struct routine_step *st = p->step;
    if (k == 0)
        return set_text(p, st->instruction, sizeof st->instruction, "instruction", v);
    return set_number(p, &st->hold_s, "time", v, 1, ROUTINE_MOVE_MAX_S, "seconds");
}

/* Keys that may be given more than once in their part. */
static int repeatable(enum part part, int k)
{
    return (part == PART_ROUTINE && k == 3) || (part == PART_EXERCISE && (k == 7));
}

static int handle_key(struct parser *p, const char *key, const char *v)
{
    static const char *const lists[] = {routine_keys, exercise_keys, position_keys};
    static const char *const where[] = {"before the first stanza", "in an [exercise]",
                                        "in a [position]"};
    int k = key_index(lists[p->part], key);
    if (k < 0)
        return fail(p, p->line, "unknown key \"%.*s\" %s: use %s", QUOTE_MAX, key,
                    where[p->part], lists[p->part]);
    if ((p->seen & (1u << k)) && !repeatable(p->part, k))
        return fail(p, p->line, "%s is given twice %s", key, where[p->part]);
    p->seen |= 1u << k;
    switch (p->part) {
    case PART_ROUTINE: return routine_key(p, k, v);
    case PART_EXERCISE: return exercise_key(p, k, v);
    case PART_POSITION: break;
    }
    return position_key(p, k, v);
}

/* ---- stanzas ----------------------------------------------------------------- */

static int has_side_word(const char *s)
{
    return strstr(s, "{side}") != NULL || strstr(s, "{SIDE}") != NULL;
}

/* The checks of a finished stanza (what must be there). */
static int step_done(struct parser *p)
{
    struct routine_step *st = p->step;
    if (!st)
        return 0;
    if (st->kind == RSTEP_POSITION)
        return st->instruction[0] ? 0
                                  : fail(p, st->line, "this [position] has no instruction: say "
                                                      "how to move (\"Roll onto your side, slowly.\")");
    if (!st->name[0])
        return fail(p, st->line, "this [exercise] has no name: add \"name = ...\"");
    if (!st->instruction[0])
        return fail(p, st->line, "exercise \"%s\" has no instruction: add \"instruction = ...\"",
                    st->name);
    if (!st->position[0])
        return fail(p, st->line, "exercise \"%s\" has no position: say where it starts "
                                 "(\"position = On your back, knees bent\")", st->name);
    if (!st->hold_s)
        return fail(p, st->line, "exercise \"%s\" has no hold: add \"hold = SECONDS\" (1 to %d, "
                                 "or \"5 or 30\")", st->name, ROUTINE_HOLD_MAX_S);
    if (st->sides == SIDES_NONE && has_side_word(st->instruction))
        return fail(p, st->line, "exercise \"%s\" says {side} but has no sides: add \"sides = "
                                 "both\" (or left, right)", st->name);
    return 0;
}

static int begin_stanza(struct parser *p, const char *s, size_t n)
{
    enum part part;
    struct routine_step *st;
    if (n == 10 && strncmp(s, "[exercise]", 10) == 0)
        part = PART_EXERCISE;
    else if (n == 10 && strncmp(s, "[position]", 10) == 0)
        part = PART_POSITION;
    else
        return fail(p, p->line, "unknown stanza \"%.*s\": use [exercise] or [position]",
                    (int)(n > QUOTE_MAX ? QUOTE_MAX : n), s);
    if (step_done(p) != 0)
        return -1;
    if (p->r->nsteps == ROUTINE_MAX_STEPS)
        return fail(p, p->line, "a routine has at most %d exercises and position changes",
                    ROUTINE_MAX_STEPS);
    st = &p->r->steps[p->r->nsteps++];
    memset(st, 0, sizeof *st);
    st->kind = part == PART_EXERCISE ? RSTEP_EXERCISE : RSTEP_POSITION;
    st->line = p->line;
    st->rest_s = -1;
    st->reps = 1;
    st->stop_above = -1;
    if (part == PART_POSITION) {
        snprintf(st->name, sizeof st->name, "Change position");
        st->hold_s = ROUTINE_MOVE_DEFAULT_S;
    }
    p->part = part;
    p->step = st;
    p->seen = 0;
    return 0;
}

/* ---- lines ------------------------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* s[0 .. n) without blanks around. */
static void trim(const char **s, size_t *n)
{
    while (*n && is_blank(**s))
        (*s)++, (*n)--;
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
}

static int key_line(struct parser *p, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    char key[32], value[LINE_MAX_BYTES];
    const char *k = s, *v;
    size_t kn, vn;
    if (!eq)
        return fail(p, p->line, "not a \"key = value\" line, a [stanza] or a # comment");
    kn = (size_t)(eq - s);
    v = eq + 1;
    vn = n - kn - 1;
    trim(&k, &kn);
    trim(&v, &vn);
    if (kn == 0 || kn >= sizeof key)
        return fail(p, p->line, "a line needs a key before \"=\" (\"hold = 30\")");
    if (memchr(v, '\t', vn))
        return fail(p, p->line, "a tab inside a value: use spaces");
    memcpy(key, k, kn);
    key[kn] = '\0';
    memcpy(value, v, vn);
    value[vn] = '\0';
    return handle_key(p, key, value);
}

static int one_line(struct parser *p, const char *s, size_t n)
{
    if (n && s[n - 1] == '\r')
        n--;
    if (n >= LINE_MAX_BYTES)
        return fail(p, p->line, "line is %zu bytes long: at most %d", n, LINE_MAX_BYTES - 1);
    if (!text_valid_n(s, n, TEXT_KEEP_TAB))
        return fail(p, p->line, "not UTF-8 text, or a control character: save the file as "
                                "UTF-8 plain text");
    trim(&s, &n);
    if (n == 0 || s[0] == '#')
        return 0;
    if (s[0] == '[')
        return begin_stanza(p, s, n);
    return key_line(p, s, n);
}

/* ---- the whole file ---------------------------------------------------------- */

/* The timer must be able to hold the plan: refused at the exercise
 * that makes it too long. */
static int check_size(struct parser *p)
{
    struct routine part = *p->r;
    size_t need = routine_plan_steps(p->r);
    if (need <= ROUTINE_PLAN_MAX_STEPS)
        return 0;
    for (part.nsteps = 1; part.nsteps < p->r->nsteps; part.nsteps++)
        if (routine_plan_steps(&part) > ROUTINE_PLAN_MAX_STEPS)
            break;
    return fail(p, p->r->steps[part.nsteps - 1].line,
                "the routine takes %zu timer steps (holds, rests, moves), this exercise "
                "passes %d: use fewer reps or exercises", need, ROUTINE_PLAN_MAX_STEPS);
}

static int routine_done(struct parser *p)
{
    struct routine *r = p->r;
    int switch_default = 0;
    if (step_done(p) != 0)
        return -1;
    if (!r->name[0])
        return fail(p, 1, "the routine has no name: add \"name = ...\" at the top");
    if (!r->regions)
        return fail(p, 1, "the routine has no region: add \"region = lower\" (lower, mid, "
                          "upper or neck)");
    /* One default for the switch when every "5 or 30" hold starts the
     * same; a mix (neck: 5-s chin tucks, 30-s side bends) runs as written
     * until the user picks 5 or 30 for all. */
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct routine_step *st = &r->steps[i];
        if (st->kind != RSTEP_EXERCISE || !st->switchable)
            continue;
        r->switchable = 1;
        if (switch_default >= 0)
            switch_default = !switch_default || switch_default == st->hold_s ? st->hold_s : -1;
    }
    r->hold_s = switch_default > 0 ? switch_default : 0;
    for (size_t i = 0; i < r->nsteps; i++)
        if (r->steps[i].kind == RSTEP_EXERCISE)
            return check_size(p);
    return fail(p, p->line, "the routine has no [exercise]");
}

int routine_file_parse(const char *text, size_t len, const char *code, struct routine *out,
                       struct routine_error *err)
{
    struct parser p = {out, err, 0, PART_ROUTINE, NULL, 0};
    size_t at = 0;
    memset(out, 0, sizeof *out);
    err->line = 0;
    err->msg[0] = '\0';
    if (len > ROUTINE_FILE_MAX)
        return fail(&p, 0, "the file is %zu bytes: a routine file is at most %d bytes", len,
                    ROUTINE_FILE_MAX);
    if (!routine_code_valid(code))
        return fail(&p, 0, "the file name must be a-z, 0-9 and '-' before \".routine\"");
    snprintf(out->code, sizeof out->code, "%s", code);
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        p.line++;
        if (one_line(&p, text + at, n) != 0)
            return -1;
        at += n + 1;
    }
    return routine_done(&p);
}

/* ---- codes and plan sizes ---------------------------------------------------- */

int routine_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n >= ROUTINE_CODE_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)code[i]) || isdigit((unsigned char)code[i]) ||
              code[i] == '-'))
            return 0;
    return 1;
}

int routine_code_from_name(const char *filename, char *code, size_t len, char *err,
                           size_t errlen)
{
    static const char ext[] = ".routine";
    const char *base = strrchr(filename, '/');
    size_t n;
    base = base ? base + 1 : filename;
    n = strlen(base);
    if (n <= sizeof ext - 1 || strcmp(base + n - (sizeof ext - 1), ext) != 0) {
        snprintf(err, errlen, "a routine file's name ends in \".routine\"");
        return -1;
    }
    n -= sizeof ext - 1;
    snprintf(code, len, "%.*s", (int)n, base);
    if (n >= len || !routine_code_valid(code)) {
        snprintf(err, errlen, "a routine file's name is 1 to %d of a-z, 0-9 and '-', then "
                              "\".routine\" (\"my-stretches.routine\")", ROUTINE_CODE_LEN - 1);
        return -1;
    }
    return 0;
}

/* Timer steps of one exercise, after `emitted` steps whose last was a
 * position change when after_move: one per hold, plus a gap (rest or side
 * switch) before each rep but the plan's first or one right after a move. */
static size_t exercise_steps(const struct routine_step *st, size_t emitted, int after_move,
                             int hold_s)
{
    size_t n = 0, nphases = st->nphases ? st->nphases : 1;
    int nsides = st->sides == SIDES_BOTH ? 2 : 1;
    int rest = routine_step_rest_s(st, hold_s);
    for (int side = 0; side < nsides; side++) {
        for (int rep = 1; rep <= st->reps; rep++) {
            int first = emitted + n == 0 || (n == 0 && after_move);
            if (!first && ((side > 0 && rep == 1) || rest > 0))
                n++;
            n += nphases;
        }
    }
    return n;
}

size_t routine_plan_steps(const struct routine *r)
{
    size_t n = 0;
    int after_move = 0;
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct routine_step *st = &r->steps[i];
        if (st->kind == RSTEP_POSITION) {
            n++;
            after_move = 1;
            continue;
        }
        n += exercise_steps(st, n, after_move, st->hold_s);
        after_move = 0;
    }
    return n + 1; /* the finish */
}

int routine_step_rest_s(const struct routine_step *st, int hold_s)
{
    if (st->rest_s >= 0)
        return st->rest_s;
    return hold_s < 30 ? 5 : 10;
}

const char *routine_sides_code(enum routine_sides s)
{
    switch (s) {
    case SIDES_BOTH: return "both";
    case SIDES_LEFT: return "left";
    case SIDES_RIGHT: return "right";
    case SIDES_NONE: break;
    }
    return "none";
}
