/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: the table of keys, parsing the settings file line by line,
 * and rewriting one key of it. */
#include "src/settings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/remind.h"
#include "src/routines.h"
#include "src/text.h"
#include "src/timer.h"
#include "src/util.h"

#define F(field) offsetof(struct settings, field)

/* THE table. The defaults of the timers are the routines' own (CONTENT.md
 * "Ice and heat"), the report's is REPORT_DEFAULT_DAYS. */
static const struct setting_def table[] = {
    {"emergency_number", SETTING_PHONE, F(emergency_number), "", 0, 0, 0,
     "the number the emergency advice names; empty: your local emergency number"},
    {"ice_minutes", SETTING_INT, F(ice_minutes), "20", THERAPY_ICE_MIN_MIN, THERAPY_ICE_MAX_MIN,
     0, "minutes of the ice timer unless --minutes says"},
    {"heat_minutes", SETTING_INT, F(heat_minutes), "20", THERAPY_HEAT_MIN_MIN,
     THERAPY_HEAT_MAX_MIN, 0, "minutes of the heat timer unless --minutes says"},
    {"stretch_hold", SETTING_HOLD, F(stretch_hold), "routine", 0, 0, 0,
     "seconds per stretch hold unless --hold says; routine: the routine's own"},
    {"report_days", SETTING_INT, F(report_days), "90", 1, 3650, 0,
     "days of the report's period unless --since says"},
    {"report_format", SETTING_FORMAT, F(report_format), "text", 0, 0, 0,
     "format of the report unless --format or the name of -o FILE says"},
    {"bell", SETTING_BOOL, F(bell), "on", 0, 0, 0,
     "the timer rings (or flashes) at its cues: count-in, hold, rest, side, end"},
    {"remind_no_entry_by", SETTING_CLOCK, F(remind_no_entry_by), "20:00", 0, 0, 0,
     "remind when nothing was logged today by this local time"},
    {"remind_ice_ok", SETTING_BOOL, F(remind_ice_ok), "on", 0, 0, 0,
     "remind when ice is allowed again after the last ice session"},
    {"remind_ongoing_hours", SETTING_INT, F(remind_ongoing_hours), "6", 1, 72, 1,
     "remind when an ongoing episode was not updated for this many hours"},
    {"remind_flags", SETTING_BOOL, F(remind_flags), "on", 0, 0, 0,
     "remind of a flag or warning sign raised since the last reminder"},
    {"remind_weekly", SETTING_BOOL, F(remind_weekly), "on", 0, 0, 0,
     "remind when a weekly check-in is due (7 days after the last one)"},
    {"remind_medication", SETTING_BOOL, F(remind_medication), "on", 0, 0, 0,
     "ask how the pain is 30 min to 4 h after a medication taken without a rating"},
    {"remind_command", SETTING_COMMAND, F(remind_command), "", 0, 0, 0,
     "command a reminder runs, with %title %body %kind; empty: notify-send or stdout"},
    {"cue_command", SETTING_CUE_COMMAND, F(cue_command), "", 0, 0, 0,
     "command run at the timer's cues, with %cue %step %side; empty: none"},
};

_Static_assert(COUNT(table) <= SETTINGS_KEYS_MAX, "raise SETTINGS_KEYS_MAX");

size_t settings_count(void)
{
    return COUNT(table);
}

const struct setting_def *settings_def_at(size_t i)
{
    return i < COUNT(table) ? &table[i] : NULL;
}

const struct setting_def *settings_find(const char *key)
{
    for (size_t i = 0; i < COUNT(table); i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

static int *int_field(struct settings *s, const struct setting_def *d)
{
    return (int *)(void *)((char *)s + d->offset);
}

static const int *int_field_c(const struct settings *s, const struct setting_def *d)
{
    return (const int *)(const void *)((const char *)s + d->offset);
}

static int is_text(const struct setting_def *d)
{
    return d->type == SETTING_PHONE || d->type == SETTING_TEXT || d->type == SETTING_COMMAND ||
           d->type == SETTING_CUE_COMMAND;
}

static char *text_field(struct settings *s, const struct setting_def *d)
{
    return (char *)s + d->offset;
}

void settings_accepted(const struct setting_def *d, char *buf, size_t len)
{
    switch (d->type) {
    case SETTING_PHONE:
        snprintf(buf, len, "up to %d characters: digits, blanks, '-' and a leading '+'",
                 REDFLAGS_NUMBER_MAX);
        break;
    case SETTING_INT:
        snprintf(buf, len, "%d to %d%s", d->lo, d->hi, d->off_ok ? ", or off" : "");
        break;
    case SETTING_BOOL: snprintf(buf, len, "on or off"); break;
    case SETTING_CLOCK: snprintf(buf, len, "a local time HH:MM, or off"); break;
    case SETTING_HOLD:
        snprintf(buf, len, "routine, %d or %d", ROUTINE_HOLD_SHORT_S, ROUTINE_HOLD_LONG_S);
        break;
    case SETTING_FORMAT: snprintf(buf, len, "text, markdown, csv or json"); break;
    case SETTING_TEXT:
        snprintf(buf, len, "text without control characters, up to %d bytes",
                 SETTINGS_TEXT_MAX - 1);
        break;
    case SETTING_COMMAND:
        snprintf(buf, len, "words split on blanks, with %%title %%body %%kind %%%%, no shell");
        break;
    case SETTING_CUE_COMMAND:
        snprintf(buf, len, "words split on blanks, with %%cue %%step %%side %%%%, no shell");
        break;
    }
}

/* A whole number of at most 6 digits (no sign, no blanks), or -1. */
static long parse_digits(const char *v)
{
    size_t n = strspn(v, "0123456789");
    if (n == 0 || n > 6 || v[n])
        return -1;
    return strtol(v, NULL, 10);
}

/* HH:MM, 00:00 to 23:59, into minutes after midnight; -1 when not one. */
static int parse_clock(const char *v)
{
    if (strlen(v) != 5 || v[2] != ':')
        return -1;
    char h[3] = {v[0], v[1], 0}, m[3] = {v[3], v[4], 0};
    long hh = strspn(h, "0123456789") == 2 ? strtol(h, NULL, 10) : -1;
    long mm = strspn(m, "0123456789") == 2 ? strtol(m, NULL, 10) : -1;
    return hh < 0 || hh > 23 || mm < 0 || mm > 59 ? -1 : (int)(hh * 60 + mm);
}

static int is_off(const char *v)
{
    return strcasecmp(v, "off") == 0;
}

/* The value as the field holds it, into *out (ints) or the text field;
 * 0, or -1 when v is not accepted. */
static int parse_int_value(const struct setting_def *d, const char *v, int *out)
{
    long n;
    switch (d->type) {
    case SETTING_INT:
        if (d->off_ok && is_off(v))
            return *out = 0, 0;
        n = parse_digits(v);
        return n < d->lo || n > d->hi ? -1 : (*out = (int)n, 0);
    case SETTING_BOOL:
        if (is_off(v) || strcasecmp(v, "on") == 0)
            return *out = !is_off(v), 0;
        return -1;
    case SETTING_CLOCK:
        *out = is_off(v) ? SETTINGS_OFF : parse_clock(v);
        return *out == -1 && !is_off(v) ? -1 : 0;
    case SETTING_HOLD:
        if (strcasecmp(v, "routine") == 0)
            return *out = 0, 0;
        n = parse_digits(v);
        return routine_hold_check((int)n, NULL, 0) != 0 ? -1 : (*out = (int)n, 0);
    case SETTING_FORMAT: {
        enum report_format f;
        char err[UNKNOT_ERR_LEN];
        return report_format_parse(v, &f, err, sizeof err) != 0 ? -1 : (*out = (int)f, 0);
    }
    default: return -1;
    }
}

static int set_value(struct settings *s, const struct setting_def *d, const char *v, char *err,
                     size_t errlen)
{
    char acc[128];
    int n = 0, ok;
    if (d->type == SETTING_PHONE)
        ok = redflags_emergency_number_valid(v);
    else if (is_text(d))
        ok = strlen(v) < SETTINGS_TEXT_MAX && text_valid_n(v, strlen(v), 0);
    else
        ok = parse_int_value(d, v, &n) == 0;
    if (ok && v[0] &&
        ((d->type == SETTING_COMMAND && remind_command_check(v, acc, sizeof acc)) ||
         (d->type == SETTING_CUE_COMMAND && timer_cue_command_check(v, acc, sizeof acc)))) {
        snprintf(err, errlen, "%s: %s", d->key, acc);
        return -1;
    }
    if (!ok) {
        settings_accepted(d, acc, sizeof acc);
        snprintf(err, errlen, "%s \"%.24s\" is %s: use %s", d->key, v,
                 d->type == SETTING_PHONE ? "not a phone number" : "not accepted", acc);
        return -1;
    }
    if (is_text(d))
        memcpy(text_field(s, d), v, strlen(v) + 1); /* checked: it fits */
    else
        *int_field(s, d) = n;
    return 0;
}

int settings_set(struct settings *s, const char *key, const char *value, char *err,
                 size_t errlen)
{
    const struct setting_def *d = settings_find(key);
    if (!d) {
        snprintf(err, errlen, "unknown setting \"%.32s\" (unknot config lists them)", key);
        return -1;
    }
    return set_value(s, d, value, err, errlen);
}

void settings_value(const struct settings *s, const struct setting_def *d, char *buf,
                    size_t len)
{
    int n = is_text(d) ? 0 : *int_field_c(s, d);
    switch (d->type) {
    case SETTING_PHONE:
    case SETTING_TEXT:
    case SETTING_COMMAND:
    case SETTING_CUE_COMMAND: snprintf(buf, len, "%s", (const char *)s + d->offset); break;
    case SETTING_INT:
        if (d->off_ok && n == 0)
            snprintf(buf, len, "off");
        else
            snprintf(buf, len, "%d", n);
        break;
    case SETTING_BOOL: snprintf(buf, len, "%s", n ? "on" : "off"); break;
    case SETTING_CLOCK:
        if (n == SETTINGS_OFF)
            snprintf(buf, len, "off");
        else
            snprintf(buf, len, "%02d:%02d", n / 60, n % 60);
        break;
    case SETTING_HOLD:
        if (n == 0)
            snprintf(buf, len, "routine");
        else
            snprintf(buf, len, "%d", n);
        break;
    case SETTING_FORMAT: snprintf(buf, len, "%s", report_format_code((enum report_format)n)); break;
    }
}

void settings_init(struct settings *s)
{
    char err[UNKNOT_ERR_LEN];
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < COUNT(table); i++) {
        const struct setting_def *d = &table[i];
        /* An empty text default is the zeroed field; every other default
         * goes through the parser, so a table the parser refuses shows in
         * the tests (test_settings: every default reads back). */
        if (d->def[0])
            (void)set_value(s, d, d->def, err, sizeof err);
    }
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* [p, end) without blanks at either end. */
static void trim(const char **p, const char **end)
{
    while (*p < *end && is_blank(**p))
        (*p)++;
    while (*end > *p && is_blank((*end)[-1]))
        (*end)--;
}

/* The kind of a line and, for a setting, its key and value ranges. */
enum line_kind { LINE_SKIP, LINE_SETTING, LINE_BAD_SECTION, LINE_BAD };

static enum line_kind split_line(const char *line, const char *k[2], const char *v[2])
{
    const char *p = line, *end = line + strlen(line);
    trim(&p, &end);
    if (p == end || *p == '#' || *p == ';')
        return LINE_SKIP;
    if (*p == '[')
        return end[-1] == ']' ? LINE_SKIP : LINE_BAD_SECTION;
    const char *eq = memchr(p, '=', (size_t)(end - p));
    if (!eq)
        return LINE_BAD;
    k[0] = p, k[1] = eq, v[0] = eq + 1, v[1] = end;
    trim(&k[0], &k[1]);
    trim(&v[0], &v[1]);
    return LINE_SETTING;
}

int settings_line_key(const char *line, char *key, size_t keylen)
{
    const char *k[2], *v[2];
    if (split_line(line, k, v) != LINE_SETTING)
        return 0;
    snprintf(key, keylen, "%.*s", (int)(k[1] - k[0]), k[0]);
    return 1;
}

/* settings_apply_line, with the table row set in *row (-1: none). */
static int apply_line(struct settings *s, const char *line, long *row, char *err, size_t errlen)
{
    const char *k[2], *v[2];
    char key[SETTINGS_KEY_MAX + 1], val[SETTINGS_LINE_MAX];
    *row = -1;
    switch (split_line(line, k, v)) {
    case LINE_SKIP: return 0;
    case LINE_BAD_SECTION: snprintf(err, errlen, "a section needs a closing ']'"); return -1;
    case LINE_BAD: snprintf(err, errlen, "not a setting: write key = value"); return -1;
    case LINE_SETTING: break;
    }
    size_t klen = (size_t)(k[1] - k[0]);
    snprintf(key, sizeof key, "%.*s", (int)(klen > SETTINGS_KEY_MAX ? SETTINGS_KEY_MAX : klen),
             k[0]);
    snprintf(val, sizeof val, "%.*s", (int)(v[1] - v[0]), v[0]);
    const struct setting_def *d = klen <= SETTINGS_KEY_MAX ? settings_find(key) : NULL;
    if (!d) {
        snprintf(err, errlen, "unknown setting \"%s\" (unknot config lists them)", key);
        return -1;
    }
    *row = d - table;
    return set_value(s, d, val, err, errlen);
}

int settings_apply_line(struct settings *s, const char *line, char *err, size_t errlen)
{
    long row;
    return apply_line(s, line, &row, err, errlen);
}

int settings_read(FILE *f, struct settings *s, settings_warn_fn warn, void *ctx)
{
    char line[SETTINGS_LINE_MAX + 2], err[UNKNOT_ERR_LEN], msg[UNKNOT_ERR_LEN];
    long n = 0, row;
    int bad = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        n++;
        if (len && line[len - 1] == '\n') {
            line[--len] = '\0';
        } else if (!feof(f)) { /* longer than a line may be: skip the rest */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            err_at_line(msg, sizeof msg, n, "longer than %d bytes", SETTINGS_LINE_MAX);
            warn(ctx, msg);
            bad++;
            continue;
        }
        if (apply_line(s, line, &row, err, sizeof err) != 0) {
            err_at_line(msg, sizeof msg, n, "%s", err);
            warn(ctx, msg);
            bad++;
        } else if (row >= 0) {
            s->line[row] = n;
        }
    }
    return bad;
}

/* Whether the line sets key. */
static int line_sets(const char *line, const char *key)
{
    char k[SETTINGS_LINE_MAX];
    return settings_line_key(line, k, sizeof k) && strcmp(k, key) == 0;
}

int settings_rewrite(FILE *in, FILE *out, const char *key, const char *value)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int found = 0, last_nl = 1;
    while (in && (got = getline(&line, &cap, in)) > 0) {
        last_nl = line[got - 1] == '\n';
        if (last_nl)
            line[got - 1] = '\0';
        int sets = line_sets(line, key);
        if (last_nl)
            line[got - 1] = '\n';
        if (sets && !found++ && value)
            fprintf(out, "%s = %s\n", key, value);
        else if (!sets)
            fwrite(line, 1, (size_t)got, out);
    }
    int bad = in && ferror(in);
    free(line);
    if (!found && value)
        fprintf(out, "%s%s = %s\n", last_nl ? "" : "\n", key, value);
    return bad || fflush(out) != 0 || ferror(out) ? -1 : found;
}
