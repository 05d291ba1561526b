/* SPDX-License-Identifier: BSD-2-Clause */
/* check: building a check record and its answer rows. */
#include "src/check.h"

#include <stdio.h>
#include <string.h>

void check_from_answers(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                        struct check *out)
{
    memset(out, 0, sizeof *out);
    out->taken_at = now;
    out->nanswers = REDFLAG_COUNT;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        out->answers[i] = answers[i] == CHECK_UNSURE ? CHECK_UNSURE : answers[i] != 0;
    out->verdict = redflags_verdict(out->answers);
    out->complete = 1;
}

void check_from_progress(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                         struct check *out)
{
    memset(out, 0, sizeof *out);
    out->taken_at = now;
    out->nanswers = REDFLAG_COUNT;
    out->complete = 1;
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (answers[i] == CHECK_NOT_ASKED) {
            out->gaps |= UINT32_C(1) << i;
            out->complete = 0;
        } else {
            out->answers[i] = answers[i] == CHECK_UNSURE ? CHECK_UNSURE : answers[i] == CHECK_YES;
        }
    }
    out->verdict = redflags_verdict(out->answers);
}

void check_update(struct check *c, int64_t now, const unsigned char answers[REDFLAG_COUNT])
{
    int64_t id = c->id, taken_at = c->taken_at;
    check_from_progress(now, answers, c);
    if (id != 0) {
        c->id = id;
        c->taken_at = taken_at;
    }
}

int check_any_yes(const struct check *c)
{
    for (int item = 1; item <= c->nanswers; item++)
        if (check_has_answer(c, item) && c->answers[item - 1] == CHECK_YES)
            return 1;
    return 0;
}

int check_has_answer(const struct check *c, int item)
{
    return item >= 1 && item <= c->nanswers && !(c->gaps & (UINT32_C(1) << (item - 1)));
}

int check_set_answer(struct check *c, int item, int answer)
{
    if (item < 1 || item > CHECK_MAX_ITEMS || check_has_answer(c, item) ||
        (answer != CHECK_NO && answer != CHECK_YES && answer != CHECK_UNSURE))
        return -1;
    uint32_t bit = UINT32_C(1) << (item - 1);
    if (item > c->nanswers) {
        /* Items nanswers+1 .. item-1 become gaps, item itself is not. */
        for (int i = c->nanswers; i < item - 1; i++)
            c->gaps |= UINT32_C(1) << i;
        c->nanswers = item;
    }
    c->gaps &= ~bit;
    c->answers[item - 1] = (unsigned char)answer;
    return 0;
}

int check_answer_count(const struct check *c)
{
    int n = 0;
    for (int i = 1; i <= c->nanswers; i++)
        n += check_has_answer(c, i);
    return n;
}

int check_unsure_count(const struct check *c)
{
    int n = 0;
    for (int i = 1; i <= c->nanswers; i++)
        n += check_has_answer(c, i) && c->answers[i - 1] == CHECK_UNSURE;
    return n;
}

enum redflag_level check_unsure_level(const struct check *c)
{
    enum redflag_level worst = REDFLAG_CLEAR;
    for (int i = 1; i <= c->nanswers; i++) {
        if (!check_has_answer(c, i) || c->answers[i - 1] != CHECK_UNSURE)
            continue;
        const struct redflag_item *item = redflags_item(i);
        enum redflag_level lv = item ? item->level : REDFLAG_EMERGENCY;
        if (lv > worst)
            worst = lv;
    }
    return worst;
}

int check_clears(const struct check *c)
{
    return c->complete && !check_any_yes(c) && check_unsure_level(c) < REDFLAG_URGENT;
}

int check_items_text(const struct check *c, int answer, const char *sep, char *out, size_t n)
{
    int count = 0;
    size_t used = 0;
    if (n)
        out[0] = '\0';
    for (int i = 1; i <= c->nanswers; i++) {
        if (!check_has_answer(c, i) || c->answers[i - 1] != answer)
            continue;
        count++;
        char num[24];
        int w = snprintf(num, sizeof num, "%s%d", used ? sep : "", i);
        if (w > 0 && used + (size_t)w < n) {
            memcpy(out + used, num, (size_t)w + 1);
            used += (size_t)w;
        }
    }
    return count;
}

const char *check_title(const struct check *c)
{
    if (c->verdict == REDFLAG_CLEAR && check_unsure_count(c) > 0)
        return REDFLAGS_UNSURE_TITLE;
    return redflag_level_title(c->verdict);
}

int check_unsure_text(const struct check *c, char *out, size_t n)
{
    char items[CHECK_MAX_ITEMS * 4 + 1];
    int count = check_items_text(c, CHECK_UNSURE, ", ", items, sizeof items);
    if (n == 0)
        return count;
    out[0] = '\0';
    if (count > 0)
        snprintf(out, n, "Not sure: %s %s. %s", count > 1 ? "items" : "item", items,
                 c->verdict == REDFLAG_EMERGENCY ? REDFLAGS_UNSURE_UNDER_EMERGENCY
                                                 : redflag_unsure_advice(check_unsure_level(c)));
    return count;
}
