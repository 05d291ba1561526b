/* SPDX-License-Identifier: BSD-2-Clause */
/* session: the code and label tables of session kinds and statuses, made
 * from the one list of each in session.h. */
#include "src/session.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "src/text.h"

struct entry {
    const char *code, *label;
};

#define SESSION_ENTRY_(id, code, label) [id] = {code, label},
static const struct entry kinds[SESSION_KIND_COUNT] = {SESSION_KIND_INFO(SESSION_ENTRY_)};
static const struct entry statuses[SESSION_STATUS_COUNT] = {SESSION_STATUS_INFO(SESSION_ENTRY_)};
#undef SESSION_ENTRY_

/* Index of code in table[0..n), or -1. */
static int find(const struct entry *table, int n, const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(table[i].code, code) == 0)
            return i;
    return -1;
}

const char *session_kind_code(enum session_kind kind)
{
    return (unsigned)kind < SESSION_KIND_COUNT ? kinds[kind].code : "?";
}

const char *session_status_code(enum session_status status)
{
    return (unsigned)status < SESSION_STATUS_COUNT ? statuses[status].code : "?";
}

const char *session_kind_label(enum session_kind kind)
{
    return (unsigned)kind < SESSION_KIND_COUNT ? kinds[kind].label : "?";
}

const char *session_status_label(enum session_status status)
{
    return (unsigned)status < SESSION_STATUS_COUNT ? statuses[status].label : "?";
}

int session_kind_parse(const char *code, enum session_kind *out)
{
    int i = find(kinds, SESSION_KIND_COUNT, code);
    if (i < 0)
        return -1;
    *out = (enum session_kind)i;
    return 0;
}

int session_status_parse(const char *code, enum session_status *out)
{
    int i = find(statuses, SESSION_STATUS_COUNT, code);
    if (i < 0)
        return -1;
    *out = (enum session_status)i;
    return 0;
}

int session_worse_validate(const struct session_worse *w, char *err, size_t errlen)
{
    size_t len = strnlen(w->name, sizeof w->name);
    if (w->index < 1 || w->index > SESSION_WORSE_MAX) {
        snprintf(err, errlen, "exercise number %d: use 1 to %d", w->index, SESSION_WORSE_MAX);
        return -1;
    }
    if (len == 0 || len > SESSION_WORSE_NAME_MAX || !text_valid_n(w->name, len, 0)) {
        snprintf(err, errlen, "exercise %d: its name must be 1 to %d bytes of text without "
                              "control characters", w->index, SESSION_WORSE_NAME_MAX);
        return -1;
    }
    return 0;
}

int session_worse_parse(const char *text, int count, uint64_t *picked, char *err,
                        size_t errlen)
{
    *picked = 0;
    for (const char *p = text; *p;) {
        if (*p == ' ' || *p == ',') {
            p++;
            continue;
        }
        int n = 0;
        const char *start = p;
        while (*p >= '0' && *p <= '9' && n <= SESSION_WORSE_MAX)
            n = n * 10 + (*p++ - '0');
        if (p == start || n < 1 || n > count || n > SESSION_WORSE_MAX ||
            (*p && *p != ' ' && *p != ',')) {
            *picked = 0;
            snprintf(err, errlen, "Type an exercise number from 1 to %d (several: 1 3), or "
                                  "nothing for none.", count);
            return -1;
        }
        *picked |= UINT64_C(1) << (n - 1);
    }
    return 0;
}
