/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: parsing the settings file, line by line. */
#include "src/settings.h"

#include <string.h>

#include "src/util.h"

void settings_init(struct settings *s)
{
    memset(s, 0, sizeof *s);
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

static int set_emergency_number(struct settings *s, const char *value, char *err, size_t errlen)
{
    if (!redflags_emergency_number_valid(value)) {
        snprintf(err, errlen,
                 "emergency_number \"%.24s\" is not a phone number: use up to %d "
                 "characters: digits, blanks, '-' and a leading '+'",
                 value, REDFLAGS_NUMBER_MAX);
        return -1;
    }
    /* valid: at most REDFLAGS_NUMBER_MAX bytes, so it fits with its NUL */
    memcpy(s->emergency_number, value, strlen(value) + 1);
    return 0;
}

int settings_apply_line(struct settings *s, const char *line, char *err, size_t errlen)
{
    const char *p = line, *end = line + strlen(line);
    trim(&p, &end);
    if (p == end || *p == '#' || *p == ';')
        return 0;
    if (*p == '[')
        return end[-1] == ']' ? 0 : (snprintf(err, errlen, "a section needs a closing ']'"), -1);
    const char *eq = memchr(p, '=', (size_t)(end - p));
    if (!eq) {
        snprintf(err, errlen, "not a setting: write key = value");
        return -1;
    }
    const char *key = p, *key_end = eq, *value = eq + 1, *value_end = end;
    trim(&key, &key_end);
    trim(&value, &value_end);
    char val[SETTINGS_LINE_MAX];
    snprintf(val, sizeof val, "%.*s", (int)(value_end - value), value);
    size_t klen = (size_t)(key_end - key);
    if (klen == strlen("emergency_number") && memcmp(key, "emergency_number", klen) == 0)
        return set_emergency_number(s, val, err, errlen);
    snprintf(err, errlen, "unknown setting \"%.*s\": the settings are emergency_number",
             (int)(klen > 32 ? 32 : klen), key);
    return -1;
}

int settings_read(FILE *f, struct settings *s, settings_warn_fn warn, void *ctx)
{
    char line[SETTINGS_LINE_MAX + 2], err[UNKNOT_ERR_LEN], msg[UNKNOT_ERR_LEN];
    long n = 0;
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
        if (settings_apply_line(s, line, err, sizeof err) != 0) {
            err_at_line(msg, sizeof msg, n, "%s", err);
            warn(ctx, msg);
            bad++;
        }
    }
    return bad;
}
