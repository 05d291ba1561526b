/* SPDX-License-Identifier: BSD-2-Clause */
/* routines: static tables of stretches, routines and ice/heat presets, and
 * the ice-or-heat suggestion. */
#include "src/routines.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/util.h"

#define INPUT_QUOTE_MAX 24 /* bytes of user input quoted in a message */
#define MINUTES_SATURATE 1000000L

/* ---- stretches ----------------------------------------------------------- */

static const struct stretch_phase cat_cow_phases[] = {
    {"cat", "Round your back up toward the ceiling, chin toward your chest."},
    {"cow", "Let your back sag gently toward the floor, eyes looking forward."},
};

enum {
    S_SPASM,
    S_PELVIC_TILT,
    S_CAT_COW,
    S_KNEE_TO_CHEST,
    S_CHILDS_POSE,
    S_TRUNK_ROTATION,
    S_SEATED_TWIST,
    S_COBRA,
    S_COUNT
};

static const struct stretch stretches[S_COUNT] = {
    [S_SPASM] = {.code = "spasm-stretch",
                 .name = "Gentle stretch",
                 .instruction = "Gently stretch the tight muscle, only as far as is comfortable.",
                 .hold_s = ROUTINE_HOLD_SHORT_S,
                 .reps = 5},
    [S_PELVIC_TILT] = {.code = "pelvic-tilt",
                       .name = "Pelvic tilt",
                       .instruction =
                           "On your back, knees bent: flatten your low back against the floor.",
                       .hold_s = ROUTINE_HOLD_SHORT_S,
                       .reps = 10},
    [S_CAT_COW] = {.code = "cat-cow",
                   .name = "Cat-cow",
                   .instruction = "On hands and knees: round your back up, then let it sag gently.",
                   .hold_s = ROUTINE_HOLD_SHORT_S,
                   .reps = 10,
                   .nphases = COUNT(cat_cow_phases),
                   .phases = cat_cow_phases},
    [S_KNEE_TO_CHEST] = {.code = "knee-to-chest",
                         .name = "Knee-to-chest",
                         .instruction = "On your back: gently pull one knee toward your chest.",
                         .hold_s = ROUTINE_HOLD_LONG_S,
                         .reps = 3,
                         .per_side = 1},
    [S_CHILDS_POSE] = {.code = "childs-pose",
                       .name = "Child's pose",
                       .instruction = "Kneel, sit back on your heels and reach your arms forward.",
                       .hold_s = ROUTINE_HOLD_LONG_S,
                       .reps = 3},
    [S_TRUNK_ROTATION] = {.code = "trunk-rotation",
                          .name = "Lying trunk rotation",
                          .instruction =
                              "On your back, knees bent: let both knees fall gently to one side.",
                          .hold_s = ROUTINE_HOLD_LONG_S,
                          .reps = 2,
                          .per_side = 1},
    [S_SEATED_TWIST] = {.code = "seated-twist",
                        .name = "Seated spinal twist",
                        .instruction = "Sit tall and slowly turn your upper body to one side.",
                        .hold_s = ROUTINE_HOLD_LONG_S,
                        .reps = 2,
                        .per_side = 1},
    [S_COBRA] = {.code = "cobra",
                 .name = "Cobra (gentle)",
                 .instruction = "On your stomach: press up gently onto your forearms.",
                 .hold_s = ROUTINE_HOLD_SHORT_S,
                 .reps = 10},
};

/* ---- routines ------------------------------------------------------------ */

static const struct stretch *const first_aid_list[] = {&stretches[S_SPASM]};

static const struct stretch *const mobility_list[] = {&stretches[S_PELVIC_TILT],
                                                      &stretches[S_CAT_COW], &stretches[S_COBRA]};

static const struct stretch *const daily_list[] = {
    &stretches[S_KNEE_TO_CHEST], &stretches[S_CHILDS_POSE], &stretches[S_TRUNK_ROTATION],
    &stretches[S_SEATED_TWIST]};

/* Cat-cow bends forward (the cat); knee-to-chest, child's pose and the
 * two twists bend or twist: those routines carry the osteoporosis caution
 * once, not a line per stretch. */
static const struct routine routines[] = {
    {"first-aid", "Spasm first aid", "During a spasm: short, gentle holds to ease the muscle.",
     NULL, ROUTINE_HOLD_SHORT_S, COUNT(first_aid_list), first_aid_list},
    {"mobility", "Gentle mobility", "Short holds to loosen up: pelvic tilt, cat-cow, cobra.",
     ROUTINE_OSTEOPOROSIS, ROUTINE_HOLD_SHORT_S, COUNT(mobility_list), mobility_list},
    {"daily", "Daily stretch", "Longer holds to keep your back flexible once a spasm eases.",
     ROUTINE_OSTEOPOROSIS, ROUTINE_HOLD_LONG_S, COUNT(daily_list), daily_list},
};

static const char *const safety_lines[] = {
    "Move slowly.",
    "Stretch only as far as is comfortable.",
    "Breathe slowly and deeply during the hold.",
    "Stop if the pain increases.",
    ROUTINE_NERVE_STOP,
};

/* ---- ice and heat -------------------------------------------------------- */

/* CONTENT.md "Ice and heat": both wrapped, never on bare, numb or broken
 * skin, with care for diabetes or poor circulation; ice at most every 2
 * hours; heat warm, not hot, and never slept on. */
#define SKIN_LINE "Never on numb or broken skin."
#define CARE_LINE "With diabetes or poor circulation, take care and check the skin after."

static const char *const ice_lines[] = {SKIN_LINE, CARE_LINE};
static const char *const heat_lines[] = {"Warm, not hot: a warm shower or bath counts too.",
                                         SKIN_LINE, CARE_LINE};

static const struct therapy_preset presets[THERAPY_KIND_COUNT] = {
    [THERAPY_ICE] = {.kind = THERAPY_ICE,
                     .session = SESSION_ICE,
                     .name = "Ice",
                     .default_min = THERAPY_ICE_DEFAULT_MIN,
                     .min_min = THERAPY_ICE_MIN_MIN,
                     .max_min = THERAPY_ICE_MAX_MIN,
                     .how = "Wrap the ice pack in a towel or cloth; never put it on bare skin.",
                     .caution = "Use ice at most once every 2 hours.",
                     .nlines = COUNT(ice_lines),
                     .lines = ice_lines},
    [THERAPY_HEAT] = {.kind = THERAPY_HEAT,
                      .session = SESSION_HEAT,
                      .name = "Heat",
                      .default_min = THERAPY_HEAT_DEFAULT_MIN,
                      .min_min = THERAPY_HEAT_MIN_MIN,
                      .max_min = THERAPY_HEAT_MAX_MIN,
                      .how = "Wrap the heat pack in a towel or cloth; never put it on bare skin.",
                      .caution = "Never fall asleep on a heating pad.",
                      .nlines = COUNT(heat_lines),
                      .lines = heat_lines},
};

/* ---- helpers ------------------------------------------------------------- */

static void put_msg(char *msg, size_t len, const char *text)
{
    if (msg && len)
        snprintf(msg, len, "%s", text);
}

/* The input without surrounding blanks: *start and its length. */
static size_t trimmed(const char *text, const char **start)
{
    size_t n;
    while (isspace((unsigned char)*text))
        text++;
    n = strlen(text);
    while (n && isspace((unsigned char)text[n - 1]))
        n--;
    *start = text;
    return n;
}

/* Compact duration, rounded down: "45s", "59m", "1h10m", "3h". */
static void format_duration(int64_t secs, char *buf, size_t len)
{
    long long h = (long long)(secs / THERAPY_HOUR_S), m = (long long)(secs % THERAPY_HOUR_S / 60);
    if (secs < 60)
        snprintf(buf, len, "%llds", (long long)(secs < 0 ? 0 : secs));
    else if (h && m)
        snprintf(buf, len, "%lldh%lldm", h, m);
    else if (h)
        snprintf(buf, len, "%lldh", h);
    else
        snprintf(buf, len, "%lldm", m);
}

/* ---- stretches and routines ---------------------------------------------- */

const struct stretch *stretches_list(size_t *n)
{
    *n = COUNT(stretches);
    return stretches;
}

const struct stretch *stretch_find(const char *code)
{
    for (size_t i = 0; code && i < COUNT(stretches); i++)
        if (strcmp(stretches[i].code, code) == 0)
            return &stretches[i];
    return NULL;
}

const struct routine *routines_list(size_t *n)
{
    *n = COUNT(routines);
    return routines;
}

const struct routine *routine_find(const char *code)
{
    for (size_t i = 0; code && i < COUNT(routines); i++)
        if (strcmp(routines[i].code, code) == 0)
            return &routines[i];
    return NULL;
}

int routine_parse(const char *text, const struct routine **out, char *err, size_t errlen)
{
    const char *s;
    size_t n = trimmed(text ? text : "", &s);
    for (size_t i = 0; i < COUNT(routines); i++) {
        if (strlen(routines[i].code) == n && strncasecmp(routines[i].code, s, n) == 0) {
            *out = &routines[i];
            return 0;
        }
    }
    if (err && errlen)
        snprintf(err, errlen, "Unknown routine \"%.*s\": use first-aid, mobility or daily.",
                 (int)(n > INPUT_QUOTE_MAX ? INPUT_QUOTE_MAX : n), s);
    return -1;
}

int routine_hold_check(int hold_s, char *err, size_t errlen)
{
    if (hold_s == ROUTINE_HOLD_SHORT_S || hold_s == ROUTINE_HOLD_LONG_S)
        return 0;
    if (err && errlen)
        snprintf(err, errlen, "Hold must be %d or %d seconds, not %d.", ROUTINE_HOLD_SHORT_S,
                 ROUTINE_HOLD_LONG_S, hold_s);
    return -1;
}

int routine_rest_s(int hold_s)
{
    if (hold_s == ROUTINE_HOLD_SHORT_S)
        return ROUTINE_REST_SHORT_S;
    if (hold_s == ROUTINE_HOLD_LONG_S)
        return ROUTINE_REST_LONG_S;
    return -1;
}

const char *const *routine_safety_lines(size_t *n)
{
    *n = COUNT(safety_lines);
    return safety_lines;
}

/* ---- ice and heat -------------------------------------------------------- */

const struct therapy_preset *therapy_preset(enum therapy_kind kind)
{
    if ((unsigned)kind >= THERAPY_KIND_COUNT)
        return NULL;
    return &presets[kind];
}

int therapy_minutes_check(enum therapy_kind kind, long minutes, char *msg, size_t len)
{
    const struct therapy_preset *p = therapy_preset(kind);
    if (!p) {
        put_msg(msg, len, "Choose ice or heat.");
        return -1;
    }
    if (minutes < p->min_min || minutes > p->max_min) {
        if (msg && len)
            snprintf(msg, len, "%s time must be %d to %d minutes, not %ld.", p->name, p->min_min,
                     p->max_min, minutes);
        return -1;
    }
    put_msg(msg, len, "");
    return 0;
}

int therapy_minutes_parse(enum therapy_kind kind, const char *text, int *out, char *msg, size_t len)
{
    const struct therapy_preset *p = therapy_preset(kind);
    const char *s;
    size_t n = trimmed(text ? text : "", &s);
    long minutes = 0;
    size_t i;

    /* Saturate long numbers so that they are refused as out of range. */
    for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
        if (minutes < MINUTES_SATURATE)
            minutes = minutes * 10 + (s[i] - '0');
    if (!p || n == 0 || i < n) {
        if (msg && len)
            snprintf(msg, len, "\"%.*s\" is not a number of minutes: %s takes %d to %d.",
                     (int)(n > INPUT_QUOTE_MAX ? INPUT_QUOTE_MAX : n), s, p ? session_kind_code(p->session) : "?",
                     p ? p->min_min : 0, p ? p->max_min : 0);
        return -1;
    }
    if (therapy_minutes_check(kind, minutes, msg, len) != 0)
        return -1;
    *out = (int)minutes;
    return 0;
}

void therapy_suggest(int64_t episode_age_s, int64_t since_ice_s, struct therapy_suggestion *out)
{
    if (episode_age_s < 0) {
        out->advice = ADVICE_EITHER;
        out->reason = "Ice or heat, whichever eases it more.";
    } else if (episode_age_s < THERAPY_ICE_WINDOW_S) {
        out->advice = ADVICE_ICE;
        out->reason = "Ice or heat, whichever eases it more; many people use ice in the first "
                      "48 hours.";
    } else {
        out->advice = ADVICE_HEAT;
        out->reason = "Heat helps stiff muscles; alternating heat and ice is fine.";
    }
    out->warning[0] = '\0';
    if (since_ice_s >= 0 && since_ice_s < ICE_MIN_GAP_S) {
        char ago[12]; /* "1h59m" at most: since_ice_s < ICE_MIN_GAP_S */
        format_duration(since_ice_s, ago, sizeof ago);
        snprintf(out->warning, sizeof out->warning,
                 "Your last ice session ended %s ago: wait until 2 hours have passed.", ago);
    }
}

const char *therapy_advice_code(enum therapy_advice advice)
{
    switch (advice) {
    case ADVICE_ICE: return "ice";
    case ADVICE_HEAT: return "heat";
    case ADVICE_EITHER: break;
    }
    return "either";
}
