/* SPDX-License-Identifier: BSD-2-Clause */
/* argv: a command's words with their variables (see argv.h). */
#include "src/argv.h"

#include <stdio.h>
#include <string.h>

struct words {
    const struct argv_var *vars;
    size_t nvars;
    char *buf;
    size_t buflen, used;
};

/* The text %NAME at p stands for (p after the '%'), its name's length in
 * *n; NULL for an unknown name. */
static const char *variable(const struct words *w, const char *p, size_t *n)
{
    if (*p == '%') {
        *n = 1;
        return "%";
    }
    for (size_t i = 0; i < w->nvars; i++) {
        *n = strlen(w->vars[i].name);
        if (strncmp(p, w->vars[i].name, *n) == 0)
            return w->vars[i].value;
    }
    return NULL;
}

/* "unknown variable "%x" in the command: use %a, %b or %%". */
static void unknown(const struct words *w, const char *p, char *err, size_t errlen)
{
    int n = snprintf(err, errlen, "unknown variable \"%%%.*s\" in the command: use ",
                     (int)strcspn(p, " \t%"), p);
    for (size_t i = 0; i < w->nvars && n >= 0 && (size_t)n < errlen; i++)
        n += snprintf(err + n, errlen - (size_t)n, "%%%s, ", w->vars[i].name);
    if (n >= 2 && (size_t)n < errlen) {
        n -= 2; /* the list ends "or %%", without its comma */
        snprintf(err + n, errlen - (size_t)n, " or %%%%");
    }
}

/* Appends one word of [p, end) with its variables substituted. 0, or -1
 * with err. */
static int put_word(struct words *w, const char *p, const char *end, char *err, size_t errlen)
{
    while (p < end) {
        const char *text = p;
        size_t n = 1, adv = 1;
        if (*p == '%') {
            text = variable(w, p + 1, &adv);
            if (!text) {
                unknown(w, p + 1, err, errlen);
                return -1;
            }
            n = strlen(text);
            adv++;
        }
        if (w->used + n + 1 > w->buflen) {
            snprintf(err, errlen, "the command is too long: at most %zu bytes with its "
                                  "variables", w->buflen - 1);
            return -1;
        }
        memcpy(w->buf + w->used, text, n);
        w->used += n;
        p += adv;
    }
    w->buf[w->used++] = '\0';
    return 0;
}

int argv_build(const char *command, const struct argv_var *vars, size_t nvars, char **argv,
               size_t max, char *buf, size_t buflen, char *err, size_t errlen)
{
    struct words w = {vars, nvars, buf, buflen, 0};
    size_t argc = 0;
    for (const char *p = command;;) {
        p += strspn(p, " \t");
        if (!*p)
            break;
        const char *end = p + strcspn(p, " \t");
        if (argc == max) {
            snprintf(err, errlen, "the command has more than %zu words", max);
            return -1;
        }
        argv[argc++] = buf + w.used;
        if (put_word(&w, p, end, err, errlen) != 0)
            return -1;
        p = end;
    }
    argv[argc] = NULL;
    if (argc == 0) {
        snprintf(err, errlen, "the command is empty");
        return -1;
    }
    return (int)argc;
}
