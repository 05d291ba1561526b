/* SPDX-License-Identifier: BSD-2-Clause */
/* routines: the built-in routines (share/routines, compiled in), safety lines,
 * ice/heat presets and the ice-or-heat suggestion. */
#include "src/routines.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/util.h"

#define INPUT_QUOTE_MAX 24 /* bytes of user input quoted in a message */
#define MINUTES_SATURATE 1000000L

/* ---- routines ------------------------------------------------------------ */

/* Codes that older versions recorded and that no file has any more. */
static const struct {
    const char *code, *name;
} legacy_codes[] = {
    {ROUTINE_LEGACY_FIRST_AID, "Spasm first aid"},
};

/* The first aid of each region (enum region order: lower, mid, upper, neck). */
static const char *const first_aid_codes[] = {"first-aid-lower", "first-aid-upper",
                                              "first-aid-upper", "first-aid-neck"};

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

/* ---- routines ------------------------------------------------------------ */

size_t routines_builtin_count(void)
{
    return routine_builtin_sources_count;
}

int routines_builtin(size_t i, struct routine *out, struct routine_error *err)
{
    const struct routine_source *src;
    if (i >= routine_builtin_sources_count) {
        err->line = 0;
        snprintf(err->msg, sizeof err->msg, "no built-in routine %zu", i);
        return -1;
    }
    src = &routine_builtin_sources[i];
    return routine_file_parse(src->text, src->len, src->code, out, err);
}

const char *routine_code_name(const char *code)
{
    for (size_t i = 0; code && i < routine_builtin_sources_count; i++)
        if (strcmp(routine_builtin_sources[i].code, code) == 0)
            return routine_builtin_sources[i].name;
    for (size_t i = 0; code && i < COUNT(legacy_codes); i++)
        if (strcmp(legacy_codes[i].code, code) == 0)
            return legacy_codes[i].name;
    return NULL;
}

const char *routine_first_aid_code(int region)
{
    if (region < 0 || (size_t)region >= COUNT(first_aid_codes))
        return first_aid_codes[0];
    return first_aid_codes[region];
}

int routine_for_region(const struct routine *r, int region)
{
    return region >= 0 && region < 32 && (r->regions & (1u << region)) != 0;
}

int routine_check_unique(const struct routine *r, const struct routine *list, size_t n,
                         struct routine_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(list[i].name, r->name) == 0) {
            err->line = r->name_line;
            snprintf(err->msg, sizeof err->msg,
                     "the name \"%.40s\" is taken by routine \"%s\": give yours another name",
                     r->name, list[i].code);
            return -1;
        }
        if (strcmp(list[i].code, r->code) == 0) {
            err->line = 0;
            snprintf(err->msg, sizeof err->msg,
                     "routine \"%s\" exists already (\"%.40s\"): rename the file", r->code,
                     list[i].name);
            return -1;
        }
    }
    return 0;
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
