/* SPDX-License-Identifier: BSD-2-Clause */
/* session: the code and label tables of session kinds and statuses, made
 * from the one list of each in session.h. */
#include "src/session.h"

#include <stddef.h>
#include <string.h>

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
